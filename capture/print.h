/* print.h: the tcpdump-exact packet printer: options, context, one entry point. */
#ifndef CAP_PRINT_H
#define CAP_PRINT_H

#include <stdint.h>
#include <pcap/pcap.h>

#include "harness/hx.h"

/*
 * What tcpdump's printing options ask for. Zero is tcpdump's default for
 * every field. Counts are counts of the letter (-vv is vflag 2).
 */
struct pr_opts {
	int nflag; /* -n: numbers, not names, for hosts and ports */
	int eflag; /* -e: the link-level header */
	int qflag; /* -q: quiet, less protocol detail */
	int Sflag; /* -S: absolute TCP sequence numbers */
	int bflag; /* -b: BGP AS numbers in asdot notation (RFC 5396) */
	int vflag; /* -v, -vv, -vvv */
	int tflag; /* 0 "HH:MM:SS.frac"; 1 -t none; 2 -tt epoch; 3 -ttt delta
		    * from the previous packet; 4 -tttt date and time;
		    * 5 -ttttt delta from the first packet */
	int xflag; /* -x 1, -xx 2: hex (2: from the link-level header) */
	int Xflag; /* -X 1, -XX 2: hex and ASCII */
	int Aflag; /* -A: ASCII */
	int nano;  /* timestamps are nanoseconds (--nano); print 9 digits */
	int Ttype; /* -T TYPE: a PR_PT_ value, what UDP/TCP payloads are */
	int Hflag; /* -H: look for 802.11s mesh headers in QoS data frames */
};

/*
 * -T TYPE: read every UDP (and for domain, TCP) payload as this protocol,
 * whatever the ports say (tcpdump's ndo_packettype).
 */
enum {
	PR_PT_NONE = 0,
	PR_PT_RTP,
	PR_PT_RTCP,
	PR_PT_VXLAN,
	PR_PT_DOMAIN,
	PR_PT_SNMP,
	PR_PT_TFTP,
	PR_PT_RADIUS,
	PR_PT_PTP,
	PR_PT_RESP,
};

struct pr_ctx;

/*
 * A printer for packets of one link type (a DLT_ value). All state lives
 * in the context (TCP sequence tracking, the previous timestamp, the name
 * table), so any number of contexts may print in parallel threads; one
 * context belongs to one thread at a time. Returns NULL with err set when
 * memory runs out. The link type need not be known: unknown ones print
 * tcpdump's fallback.
 */
struct pr_ctx *pr_new(char *err, const struct pr_opts *o, int dlt);
void pr_free(struct pr_ctx *c); /* accepts NULL */

/*
 * Names an address for the printer (af AF_INET or AF_INET6, addr in network
 * order): without -n, that address prints as name, the way tcpdump prints a
 * resolved host name (the scenario's host table: "master.36554 >
 * node1.http"). Unnamed addresses print as numbers: the printer never asks
 * DNS. The name is copied. Returns 0 or -ENOMEM/-EINVAL.
 */
int pr_name_add(struct pr_ctx *c, int af, const void *addr, const char *name);

/*
 * Appends to out the text tcpdump 4.99 prints for one packet: the
 * timestamp, the decoded line(s), and the -x/-X/-A dump, each line ending
 * in '\n'. Reads only h->caplen bytes of pkt; a packet cut short prints
 * tcpdump's "[|proto]" marker. Never fails: when out runs out of memory it
 * says so through out->oom.
 */
void pr_packet(struct pr_ctx *c, struct hx_buf *out,
	       const struct pcap_pkthdr *h, const uint8_t *pkt);

/*
 * The packets this context printed generically where tcpdump 4.99.3
 * decodes more (a printer calls pr_generic): writes to buf, at most len
 * bytes with the NUL, "137 packets printed generically where tcpdump
 * decodes them: STP (89), OSPF (48)", the protocols by count, most first,
 * and returns the number of such packets (0: nothing is written but the
 * NUL). `read` and `capture` print it on stderr after the packets.
 */
uint64_t pr_generic_summary(const struct pr_ctx *c, char *buf, size_t len);

/* The i-th link type the printer decodes, or -1 past the last (for the
 * tests that must cover every one, such as the fuzz target's list). */
int pr_link_type_at(size_t i);

/* tcpdump's name for a link type ("EN10MB (Ethernet)"), for the banner. */
const char *pr_dlt_describe(int dlt, char *buf, size_t len);

#endif
