/* nltap.h: a netlink capture of a host: nlmon where the kernel has it, else a tap on the harness's own libnl socket. */
#ifndef CAP_NLTAP_H
#define CAP_NLTAP_H

#include <stddef.h>
#include <stdint.h>
#include <pcap/pcap.h>

#include "capture/live.h"
#include "netns/ns.h"

/*
 * The records are libpcap's DLT_NETLINK (253, what a capture on an nlmon
 * device gives): a 16-byte cooked header, then the netlink data as it
 * crossed the socket, one record per datagram (docs/netlink.md):
 *
 *   be16 packet type    CAP_NL_OUTGOING (4) for what the socket sent,
 *                       CAP_NL_HOST (0) for what it received
 *   be16 ARPHRD_NETLINK (824)
 *   be16 address length (0), then 8 zero bytes of address
 *   be16 netlink protocol (NETLINK_ROUTE: 0)
 *
 * One record per datagram is what nlmon shows: the kernel hands the tap
 * device each skb, and a dump answer is an skb holding as many messages
 * as fit (NLMSG_DONE often in the same one). A request is one datagram.
 */
#define CAP_NL_COOKED_LEN 16
#define CAP_NL_HOST 0		/* LINUX_SLL_HOST: to the socket */
#define CAP_NL_OUTGOING 4	/* LINUX_SLL_OUTGOING: from the socket */
#define CAP_NL_ARPHRD 824	/* ARPHRD_NETLINK */

/* cap_nltap_dump's what: the dumps of `ip link`, `ip a`, `ip r`, `ip n`. */
enum { CAP_NL_LINKS = NS_NL_LINKS, CAP_NL_ADDRS = NS_NL_ADDRS,
       CAP_NL_ROUTES = NS_NL_ROUTES, CAP_NL_NEIGHS = NS_NL_NEIGHS };
#define CAP_NL_ALL NS_NL_ALL

struct cap_nltap;

/*
 * Starts a netlink capture in host h: nlmon where the kernel has it (an
 * nlmon link "nlmon0" is created in the host and captured with cap_live),
 * else netns/'s tap on the harness's own libnl socket of that host
 * (ns_nltap_attach):
 * the tap is chosen when creating the nlmon link fails with EOPNOTSUPP,
 * ENOENT, ENODEV, ENOSYS or EAFNOSUPPORT (this kernel: EOPNOTSUPP, "Unknown
 * device type"); any other failure is an error. Packets are DLT_NETLINK
 * records truncated to snaplen (0: 262144); each goes to sink (may be NULL;
 * the savefile writer's sink, same callbacks as live.h) and, with keep, is
 * kept in memory.
 *
 * The tap records what the host's socket sends and receives while it is
 * installed, whoever uses the socket (ns_addr_add too), and nothing else
 * of the namespace; nlmon records every netlink socket of the host. Tap
 * records are made, and the sink called, in the thread that uses the
 * socket: the lab's owner thread (ns.h). With nlmon, the capture thread.
 * So a sink that switches user in open (the writer's -Z) would switch the
 * lab's owner thread, or the process, with the tap: give it none.
 *
 * Call from the lab's owner thread. One capture per host at a time
 * (-EBUSY). Returns 0 or a negative code with err set; nothing is left
 * behind on failure.
 */
int cap_nltap_start(char *err, struct ns_host *h, int snaplen,
		    const struct cap_sink *sink, int keep,
		    struct cap_nltap **out);

/*
 * ns_nl_dump (netns/ns.h: what `ip link`, `ip a`, `ip r` and `ip n` ask;
 * what: CAP_NL_* bits) through the host's libnl socket while it is
 * captured. Every request and every answer is recorded (in order,
 * with their real timestamps). Owner thread only, before stop. Returns 0,
 * or a negative code with err set: a dump that failed, or the sink's
 * error that ended the capture.
 */
int cap_nltap_dump(char *err, struct cap_nltap *t, unsigned what);

/*
 * Ends the capture: the tap gives the socket back its own callbacks (the
 * socket then behaves exactly as before start); nlmon's capture is
 * stopped and its link deleted. Runs sink->close once. Returns 0 or the
 * first error of the capture (a sink's, close's) in err. A second call
 * returns 0 and does nothing.
 */
int cap_nltap_stop(struct cap_nltap *t, char *err);

/* After stop: the kept records (owned by t), in order. */
const struct cap_pkt *cap_nltap_packets(const struct cap_nltap *t,
					size_t *n);
/* DLT_NETLINK. */
int cap_nltap_dlt(const struct cap_nltap *t);
/* "nlmon" or "libnl tap". */
const char *cap_nltap_how(const struct cap_nltap *t);
/* Why the tap was used: the nlmon error ("cannot create nlmon link
 * 'nlmon0' in host 'a': Operation not supported"), or "" with nlmon. */
const char *cap_nltap_why(const struct cap_nltap *t);
/* The errno creating the nlmon link failed with (positive), or 0. */
int cap_nltap_nlmon_errno(const struct cap_nltap *t);

/* Stops if needed and frees everything. Accepts NULL. */
void cap_nltap_free(struct cap_nltap *t);

/*
 * Builds one record: the cooked header (pkttype CAP_NL_HOST or
 * CAP_NL_OUTGOING, netlink protocol proto) and the len bytes of msg,
 * truncated to snaplen (0: 262144). Writes
 * h->caplen = min(16 + len, snaplen) bytes into dst, which must hold that
 * many, and sets h->len = 16 + len; h->ts is left alone. Returns caplen.
 */
unsigned cap_nl_record(uint8_t *dst, unsigned snaplen, unsigned pkttype,
		       unsigned proto, const void *msg, size_t len,
		       struct pcap_pkthdr *h);

#endif
