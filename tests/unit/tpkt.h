/* tpkt.h: packet builders and a print helper for the printer's unit tests. */
#ifndef TPKT_H
#define TPKT_H

#include <stddef.h>
#include <stdint.h>

#include "capture/print.h"

/*
 * A packet under construction. The builders append headers; tb_ip4_done,
 * tb_ip6_done and tb_l4_done fill in lengths and checksums once the
 * payload is there, so tests only state the fields they are about.
 */
struct tb {
	uint8_t b[4096];
	size_t n;
};

void tb_init(struct tb *t);
void tb_bytes(struct tb *t, const void *p, size_t n);
void tb_str(struct tb *t, const char *s); /* without its NUL */
void tb_u8(struct tb *t, unsigned v);
void tb_be16(struct tb *t, unsigned v);
void tb_be32(struct tb *t, uint32_t v);
void tb_zero(struct tb *t, size_t n);
void tb_put16(struct tb *t, size_t off, unsigned v); /* overwrite */

/* Ethernet II: "aa:bb:cc:dd:ee:ff" addresses. */
void tb_eth(struct tb *t, const char *dst, const char *src, unsigned type);
/* IPv4 without options; returns the header's offset for tb_ip4_done. */
size_t tb_ip4(struct tb *t, unsigned proto, const char *src, const char *dst);
/* Sets total length (to the end of the packet) and the header checksum. */
void tb_ip4_done(struct tb *t, size_t ip);
size_t tb_ip6(struct tb *t, unsigned nxt, const char *src, const char *dst);
void tb_ip6_done(struct tb *t, size_t ip6);
/* TCP with a data offset covering optlen bytes of options (a multiple of 4). */
size_t tb_tcp(struct tb *t, unsigned sport, unsigned dport, uint32_t seq,
	      uint32_t ack, unsigned flags, unsigned win, const void *opts,
	      size_t optlen);
size_t tb_udp(struct tb *t, unsigned sport, unsigned dport);
/*
 * Lengths (UDP) and the checksum of the transport header at l4 (TCP 6,
 * UDP 17, ICMP 1, ICMPv6 58, IGMP 2) over the rest of the packet, with
 * the pseudo-header of the IP header at ip.
 */
void tb_l4_done(struct tb *t, size_t ip, size_t l4, unsigned proto);

/*
 * Prints a packet the way `dumplab read` would: a fresh heap copy of
 * exactly caplen bytes (so that ASan sees any read past caplen), on-wire
 * length len, timestamp p->sec.p->usec (tests may set them). Returns the text without the final
 * newline; valid until the next call. The context persists between calls
 * of one struct tp (TCP sequence numbers, -ttt); tp_reset starts afresh.
 *
 * With TPKT_PCAP_DIR set in the environment, every printed packet is also
 * appended to $TPKT_PCAP_DIR/<name>.pcap, so that tcpdump can print the
 * same bytes (tests/unit/tcpdump-oracle).
 */
struct tp {
	struct pr_opts o;
	int dlt;
	const char *name;
	struct pr_ctx *c;
	char *text;
	uint32_t sec;
	uint32_t usec;
};

void tp_init(struct tp *p, const char *name, int dlt, const struct pr_opts *o);
void tp_reset(struct tp *p);
void tp_release(struct tp *p);
const char *tp_print(struct tp *p, const uint8_t *pkt, unsigned len,
		     unsigned caplen);
/* Shorthand: the whole packet, captured whole. */
const char *tp_tb(struct tp *p, const struct tb *t);

/* 1 when got equals want; otherwise 0, after showing both on stderr. */
int tp_same(const char *got, const char *want, const char *what);

/*
 * Prints t cut at every capture length from 0 to its whole length and
 * compares each text with want[caplen] (n must be the length + 1); the
 * number of mismatches (each shown on stderr).
 */
int tp_cuts(struct tp *p, const struct tb *t, const char *const *want,
	    unsigned n);

/*
 * Prints npk packets in order with one context and compares the texts with
 * want (nwant must equal npk); the number of mismatches.
 */
int tp_run(struct tp *p, const struct tb *pk, size_t npk,
	   const char *const *want, size_t nwant);

#define TP_N(a) (sizeof(a) / sizeof((a)[0]))

/* A suite's test: prints the packets built by build() and checks them. */
#define TP_CHECK(p, pk, npk, want)                                       \
	CU_ASSERT_EQUAL(tp_run((p), (pk), (npk), (want), TP_N(want)), 0)

#endif
