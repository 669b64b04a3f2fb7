/* print-pktap.c: Apple's PKTAP pseudo-header (DLT_PKTAP; DLT_USER2 in Mavericks' files). */
/*
 * macOS's pktap interface (xnu bsd/net/pktap.h, struct pktap_header)
 * puts a header in front of every packet that says which interface and
 * process it belongs to and of which link type the packet behind it is.
 * Its fields are little-endian in every capture seen (Apple's machines
 * are); the header is pkt_len octets, at least these 108:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  pkt_len: the header's length                                 |  0
 *  |  pkt_rectype: 0 nothing follows, 1 a packet follows           |  4
 *  |  pkt_dlt: the packet's link type                              |  8
 *  |  pkt_ifname (24)                                              | 12
 *  |  pkt_flags                                                    | 36
 *  |  pkt_pfamily                                                  | 40
 *  |  pkt_llhdrlen, pkt_lltrlrlen                                  | 44
 *  |  pkt_pid                                                      | 52
 *  |  pkt_cmdname (20)                                             | 56
 *  |  pkt_svc_class                                                | 76
 *  |  pkt_iftype (2)               |  pkt_ifunit (2)               | 80
 *  |  pkt_epid                                                     | 84
 *  |  pkt_ecmdname (20)                                            | 88
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * tcpdump prints the link type and lengths with -e (or when it has no
 * printer for the inner link type), then the packet by its link type's
 * own printer.
 */
#include "capture/print-int.h"

#include <pcap/pcap.h>

#define PKTAP_HDRLEN 108
#define PKT_REC_NONE 0
#define PKT_REC_PACKET 1

static int hdr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint32_t dlt, hdrlen;
	const char *name;

	PR_LE32(c, p + 8, dlt);
	PR_LE32(c, p, hdrlen);
	name = pcap_datalink_val_to_name((int)dlt);
	if (!name)
		name = "UNKNOWN";
	if (c->o.qflag)
		pr_puts(c, name);
	else
		pr_printf(c, "DLT %s (%u) len %u", name, dlt, hdrlen);
	pr_printf(c, ", length %u: ", length);
	return 0;
}

/* The packet behind the header by its own link type's printer. */
static int inner_print(struct pr_ctx *c, pr_fn fn, const uint8_t *p,
		       unsigned caplen, unsigned length)
{
	const struct pcap_pkthdr *outer = c->h;
	struct pcap_pkthdr h = *outer;
	int rc;

	h.caplen = caplen;
	h.len = length;
	c->h = &h;
	c->ll_hdr_len = 0;
	rc = fn(c, p, length);
	c->h = outer;
	return rc;
}

int pktap_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen, inner;
	uint32_t hdrlen, rectype, dlt;
	pr_fn fn;
	int rc;

	c->proto = "pktap";
	c->ll_hdr_len = 0;
	if (length < PKTAP_HDRLEN) {
		pr_printf(c, " (packet too short, %u < %u)", length,
			  PKTAP_HDRLEN);
		pr_invalid(c);
		return 0;
	}
	PR_LE32(c, p + 8, dlt);
	PR_LE32(c, p, hdrlen);
	if (hdrlen < PKTAP_HDRLEN) {
		pr_printf(c, " (pkt_len too small, %u < %u)", hdrlen,
			  PKTAP_HDRLEN);
		pr_invalid(c);
		return 0;
	}
	if (hdrlen > length) {
		pr_printf(c, " (pkt_len too big, %u > %u)", hdrlen, length);
		pr_invalid(c);
		return 0;
	}
	PR_NEED(c, p, hdrlen);
	if (c->o.eflag && hdr_print(c, p, length) == PR_STOP)
		return PR_STOP;
	PR_LE32(c, p + 4, rectype);
	inner = 0;
	if (rectype == PKT_REC_NONE) {
		pr_puts(c, "no data");
	} else if (rectype == PKT_REC_PACKET) {
		fn = pr_link_printer((int)dlt);
		if (fn) {
			rc = inner_print(c, fn, p + hdrlen, caplen - hdrlen,
					 length - hdrlen);
			if (rc == PR_STOP)
				return PR_STOP;
			c->proto = "pktap";
			/*
			 * tcpdump 4.99.3 adds the inner header's length
			 * to its own twice: -x starts that much later.
			 */
			inner = c->ll_hdr_len;
		} else {
			if (!c->o.eflag && hdr_print(c, p, length) == PR_STOP)
				return PR_STOP;
			pr_default(c, p + hdrlen, caplen - hdrlen);
		}
	}
	c->ll_hdr_len = hdrlen + 2 * inner;
	return 0;
}
