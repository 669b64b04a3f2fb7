/* tu-pkt.h: test helpers: frames built byte by byte, savefiles written and read back. */
#ifndef TU_PKT_H
#define TU_PKT_H

#include <stddef.h>
#include <stdint.h>

#include "capture/live.h"

/* A frame under construction (at most 2048 bytes). */
struct tu_frame {
	uint8_t b[2048];
	size_t len;
};

/* What a TCP/UDP/ICMP test packet carries. Zero fields take defaults. */
struct tu_l4 {
	const char *src, *dst; /* dotted IPv4 or IPv6 text */
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;	       /* CAP_TCP_* */
	uint16_t win, urp;
	const void *payload;
	size_t plen;
	int tcp_opts;	       /* add 12 bytes of options (nop nop TS) */
	uint8_t icmp_type, icmp_code;
	uint16_t icmp_id, icmp_seq;
	uint8_t ttl;
};

/* Ethernet + IPv4/IPv6 + TCP. MACs: 02:00:00:00:00:01 -> ..:02 unless set. */
void tu_eth_tcp(struct tu_frame *f, const struct tu_l4 *l);
void tu_eth_udp(struct tu_frame *f, const struct tu_l4 *l);
void tu_eth_icmp(struct tu_frame *f, const struct tu_l4 *l);
/* The IP packet of the above without its Ethernet header (for RAW, SLL,
 * NFLOG wrappers): copies frame bytes 14.. into out. */
void tu_strip_eth(const struct tu_frame *in, struct tu_frame *out);

/* A capture: packets with timestamps, round-tripped through a savefile
 * written with pcap_open_dead + pcap_dump and read back with libpcap. */
struct tu_cap {
	int dlt;
	struct cap_pkt *pkts;
	size_t n;
	uint8_t **data;
};

/* Appends a frame at time usec (since the epoch) with caplen (0: whole). */
void tu_cap_add(struct tu_cap *c, const struct tu_frame *f, long long usec,
		size_t caplen);
/* Writes c to a temporary savefile (snaplen 262144), reads it back into c
 * (replacing the packets), removes the file. Returns 0 or -1. */
int tu_cap_roundtrip(struct tu_cap *c);
void tu_cap_free(struct tu_cap *c);

#endif
