/* decode.h: a bounds-checked decoder from a captured frame to the fields expectations assert on. */
#ifndef CAP_DECODE_H
#define CAP_DECODE_H

#include <stdint.h>

/* Which layers cap_decode found (struct cap_fields.have, .cut). */
enum {
	CAP_L_ETH = 1 << 0,   /* Ethernet header: smac, dmac, ethertype */
	CAP_L_SLL = 1 << 1,   /* Linux cooked v1 or v2: sll_*, smac, ethertype */
	CAP_L_NFLOG = 1 << 2, /* NFLOG header: nflog_family, nflog_group */
	CAP_L_NULL = 1 << 3,  /* BSD loopback (NULL or LOOP) family word */
	CAP_L_IP4 = 1 << 4,
	CAP_L_IP6 = 1 << 5,
	CAP_L_TCP = 1 << 6,
	CAP_L_UDP = 1 << 7,
	CAP_L_ICMP = 1 << 8,  /* ICMP or ICMPv6: icmp_* */
	CAP_L_ARP = 1 << 9,   /* ethertype 0x0806; nothing beyond it decoded */
};

/* TCP flag bits as in the header's 13th octet (tcpdump's tcp[13]). */
enum {
	CAP_TCP_FIN = 0x01,
	CAP_TCP_SYN = 0x02,
	CAP_TCP_RST = 0x04,
	CAP_TCP_PSH = 0x08,
	CAP_TCP_ACK = 0x10,
	CAP_TCP_URG = 0x20,
	CAP_TCP_ECE = 0x40,
	CAP_TCP_CWR = 0x80,
};

/*
 * The fields of one packet. A field is meaningful only when its layer's bit
 * is in have. Multi-byte values are in host order; addresses stay in
 * network order. Lengths the headers claim (ip_len, tcp payload_len,
 * udp_len) are what the packet said on the wire, not what was captured:
 * a packet cut by -s still reports "length 51" as tcpdump does.
 */
struct cap_fields {
	unsigned have;	   /* CAP_L_* layers decoded whole */
	unsigned cut;	   /* CAP_L_* layer whose header the caplen cut short */
	uint32_t caplen;   /* bytes captured */

	/* link layer */
	uint8_t smac[8];   /* Ethernet source, or SLL's link-layer address */
	uint8_t dmac[6];   /* Ethernet destination */
	unsigned smac_len; /* 6 for Ethernet; SLL's halen (0..8) */
	uint16_t ethertype;   /* after any 802.1Q tags; SLL's protocol */
	uint16_t vlan;	   /* the outermost 802.1Q VLAN id, 0 when none */
	int sll_pkttype;   /* SLL packet type (0 host ... 4 outgoing), or -1 */
	uint32_t sll_ifindex; /* SLL2 only */
	uint16_t sll_hatype;
	uint8_t nflog_family; /* AF_INET or AF_INET6 */
	uint16_t nflog_group; /* the NFLOG resource id (iptables --nflog-group) */
	uint32_t null_family; /* NULL/LOOP link header's address family */

	/* network layer */
	int af;		   /* AF_INET or AF_INET6 when an IP layer was found */
	uint8_t src[16], dst[16]; /* 4 or 16 bytes used */
	uint8_t proto;	   /* IPv4 protocol / IPv6 upper-layer next header */
	uint8_t ttl;	   /* TTL or hop limit */
	uint16_t ip_id;	   /* IPv4 identification */
	uint32_t ip_len;   /* IPv4 total length; IPv6 40 + payload length */
	unsigned ip_hlen;  /* header length including IPv6 extension headers */
	int frag_later;	   /* a non-first fragment: no transport header */
	int arp_ip;	   /* an ARP packet for IPv4 over Ethernet: */
	uint8_t arp_spa[4], arp_tpa[4]; /* its sender and target addresses */

	/* transport layer */
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t tcp_flags; /* CAP_TCP_* */
	uint16_t win, urp;
	unsigned tcp_hlen;
	uint32_t payload_len; /* TCP or UDP data length from the headers */
	uint16_t udp_len;     /* the UDP header's length field */
	uint8_t icmp_type, icmp_code;
	uint16_t icmp_id, icmp_seq; /* echo request/reply only */

	/* where the transport payload starts in the frame, and how much of
	 * it was captured (0 when none) */
	uint32_t payload_off;
	uint32_t payload_caplen;
};

/*
 * Decodes the frame p of caplen captured bytes, of link type dlt (a DLT_
 * value: EN10MB, LINUX_SLL, LINUX_SLL2, NFLOG, RAW, IPV4, IPV6, NULL,
 * LOOP), into f. Reads only p[0..caplen). Always fills f as far as the
 * bytes go. Returns 0; -EPROTONOSUPPORT when the link type is none of
 * those (f->have is then 0). Thread-safe, allocates nothing.
 */
int cap_decode(int dlt, const uint8_t *p, uint32_t caplen,
	       struct cap_fields *f);

/*
 * tcpdump's relative TCP numbers for one conversation, shared by the
 * printer and the ladder. base holds the numbers of the conversation's
 * lower end (the end with the lower port, then the lower address): its
 * first seq, and the first ack it was sent minus one. A segment that
 * starts tracking (fresh: the first with ACK set, or any SYN) sets base
 * and keeps its absolute numbers; a later one has seq and ack made
 * relative. rev: the segment was sent by the higher end.
 */
struct cap_tcp_rel {
	uint32_t seq, ack;
};

static inline void cap_tcp_rel_apply(struct cap_tcp_rel *base, int fresh,
				     int rev, uint32_t *seq, uint32_t *ack)
{
	if (fresh && rev) {
		base->ack = *seq;
		base->seq = *ack - 1;
	} else if (fresh) {
		base->seq = *seq;
		base->ack = *ack - 1;
	} else if (rev) {
		*seq -= base->ack;
		*ack -= base->seq;
	} else {
		*seq -= base->seq;
		*ack -= base->ack;
	}
}

/* f's sequence space after this segment: seq + payload + SYN + FIN. */
uint32_t cap_tcp_next_seq(const struct cap_fields *f);

/*
 * Formats f's source or destination address (which 's' or 'd') into buf
 * as inet_ntop does; "" when there is no IP layer. Returns buf.
 */
const char *cap_addr_str(const struct cap_fields *f, char which, char *buf,
			 unsigned len);

/* Formats a MAC address as tcpdump does (lowercase, colons). Returns buf. */
const char *cap_mac_str(const uint8_t *mac, unsigned n, char *buf,
			unsigned len);

#endif
