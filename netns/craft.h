/* craft.h: frames built byte by byte: raw frames through a packet socket, TCP segments with correct checksums through a raw IP socket. */
#ifndef NS_CRAFT_H
#define NS_CRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "harness/hx.h"

struct ns_host;
struct sockaddr_storage;

/*
 * A kernel socket sends only what its state machine allows. A scenario
 * that tests a filter or a printer on what a kernel would never send (a
 * SYN with odd options, ECN's E and W flags on a SYN, a bare RST, an ARP
 * reply nobody asked for) builds it here, as packetdrill does. Everything
 * is sent by the calling thread with a socket it opens while inside the
 * host (ns_enter), so the frame leaves from that host's interface.
 */

/* Sends frame (len bytes from the Ethernet header on, no FCS) out of
 * ifname of h through an AF_PACKET socket, as it is. A frame shorter than
 * an Ethernet header, or longer than the interface's MTU plus its 14
 * bytes, is -EMSGSIZE with err saying the sizes. */
int ns_inject(char *err, struct ns_host *h, const char *ifname,
	      const uint8_t *frame, size_t len);

/* TCP flag bits, as tcpdump prints them: F S R P . U E W. */
#define NS_TH_FIN 0x01
#define NS_TH_SYN 0x02
#define NS_TH_RST 0x04
#define NS_TH_PUSH 0x08
#define NS_TH_ACK 0x10
#define NS_TH_URG 0x20
#define NS_TH_ECE 0x40
#define NS_TH_CWR 0x80

/*
 * Parses TCP flags: tcpdump's letters ("S", "S.", "SEW", "R.", "." for a
 * bare ACK, "none" for no flag) or names joined by '|' ("syn|ack"; fin
 * syn rst push psh ack urg ece cwr, tcpdump's tcp-* names too). Returns
 * the flags, or -EINVAL with *bad set to the offset of the first byte
 * that is neither.
 */
int ns_tcp_flags_parse(const char *s, size_t *bad);

/* How many arguments option name takes: 0 (nop, eol, sackOK), 1 (mss,
 * wscale, raw), 2 (ts); NS_TCPOPT_PAIRS (sack: L:R words, at least one);
 * -1 when name is no option. */
#define NS_TCPOPT_PAIRS 100
int ns_tcpopt_arity(const char *name);

/*
 * Appends option name with its arguments to o, as the wire has it: nop,
 * eol, "mss N" (kind 2), "wscale N" (3), sackOK (4), "sack L R ..." (5,
 * nargs even, 2..8 values), "ts V E" (8). "raw" is not built here: the
 * caller appends its bytes as they are (a bad option is how tcpdump's
 * "[bad opt]" is tested). Returns 0, or -EINVAL with err naming the
 * option and the value out of range.
 */
int ns_tcpopt_put(char *err, struct hx_buf *o, const char *name,
		  const uint32_t *arg, size_t nargs);

/* At most 40 bytes of options fit in a TCP header (data offset 15). */
#define NS_TCPOPT_MAX 40

/* A TCP segment to build. Zero-initialise; addresses are the caller's. */
struct ns_tcpseg {
	const char *dst;	/* "10.0.0.2" or "fd00::2" */
	const char *src;	/* NULL: the address the host's route to dst
				 * gives (its address on the way out) */
	uint16_t sport;		/* 0: NS_TCPSEG_SPORT */
	uint16_t dport;
	uint8_t flags;		/* NS_TH_* */
	uint32_t seq, ack;
	uint16_t win;		/* as it goes on the wire (no scaling) */
	uint16_t urp;
	uint8_t ttl;		/* 0: 64 */
	const uint8_t *opts;	/* wire bytes, padded here with eol to 4 */
	size_t optlen;		/* <= NS_TCPOPT_MAX */
	const uint8_t *data;
	size_t len;
};

#define NS_TCPSEG_SPORT 40000

/*
 * Builds the IP packet (an IPv4 header without options, or a fixed IPv6
 * header) carrying s, with a correct TCP checksum and, for IPv4, header
 * checksum, into out (appended). src and dst are the two ends (their
 * ports are not used). Returns the packet's length, or -EINVAL with err
 * set (options over 40 bytes, a packet over 65535, families that differ).
 */
int ns_tcpseg_build(char *err, const struct ns_tcpseg *s,
		    const struct sockaddr_storage *src,
		    const struct sockaddr_storage *dst, struct hx_buf *out);

/*
 * Builds s in host h and sends it through a raw IP socket (IPPROTO_RAW:
 * the header is ours), which routes it and resolves the next hop's MAC
 * as any packet. The host's kernel sees nothing of it, so the answer a
 * peer gives (a SYN-ACK, a RST) finds no socket there: it answers that
 * with a RST, as a real stack would. 0, or a negative code with err set.
 */
int ns_tcpseg_send(char *err, struct ns_host *h, const struct ns_tcpseg *s);

/* The one's-complement Internet checksum (RFC 1071) of len bytes,
 * starting from sum (a partial sum from an earlier call, 0 first), folded
 * and complemented. */
uint16_t ns_cksum(const void *p, size_t len, uint32_t sum);

#endif
