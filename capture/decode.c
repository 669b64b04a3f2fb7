/* decode.c: link, IP and transport headers into struct cap_fields, never past caplen. */
#include "capture/decode.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <pcap/dlt.h>

/* A view of the captured bytes: every read goes through these getters. */
struct view {
	const uint8_t *p;
	uint32_t len;
};

static int get_u8(const struct view *v, uint32_t off, uint8_t *out)
{
	if (off >= v->len)
		return -1;
	*out = v->p[off];
	return 0;
}

static int get_be16(const struct view *v, uint32_t off, uint16_t *out)
{
	if (off > v->len || v->len - off < 2)
		return -1;
	*out = (uint16_t)(v->p[off] << 8 | v->p[off + 1]);
	return 0;
}

static int get_be32(const struct view *v, uint32_t off, uint32_t *out)
{
	if (off > v->len || v->len - off < 4)
		return -1;
	*out = (uint32_t)v->p[off] << 24 | (uint32_t)v->p[off + 1] << 16 |
	       (uint32_t)v->p[off + 2] << 8 | v->p[off + 3];
	return 0;
}

/* NFLOG's TLV header fields are in the capturing host's byte order. */
static int get_he16(const struct view *v, uint32_t off, uint16_t *out)
{
	if (off > v->len || v->len - off < 2)
		return -1;
	memcpy(out, v->p + off, 2);
	return 0;
}

static int get_bytes(const struct view *v, uint32_t off, void *out,
		     uint32_t n)
{
	if (off > v->len || v->len - off < n)
		return -1;
	memcpy(out, v->p + off, n);
	return 0;
}

#define ETHERTYPE_IP4 0x0800
#define ETHERTYPE_IP6 0x86dd
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88a8

static void decode_transport(const struct view *v, uint32_t off,
			     struct cap_fields *f)
{
	uint32_t end = f->ip_len ? off - f->ip_hlen + f->ip_len : v->len;
	uint8_t b;

	if (f->frag_later)
		return;
	switch (f->proto) {
	case IPPROTO_TCP:
		if (get_be16(v, off, &f->sport) || get_be16(v, off + 2, &f->dport) ||
		    get_be32(v, off + 4, &f->seq) || get_be32(v, off + 8, &f->ack) ||
		    get_u8(v, off + 12, &b) || get_u8(v, off + 13, &f->tcp_flags) ||
		    get_be16(v, off + 14, &f->win) || get_be16(v, off + 18, &f->urp)) {
			f->cut = CAP_L_TCP;
			return;
		}
		f->tcp_hlen = (unsigned)(b >> 4) * 4;
		f->have |= CAP_L_TCP;
		if (end >= off + f->tcp_hlen)
			f->payload_len = end - off - f->tcp_hlen;
		f->payload_off = off + f->tcp_hlen;
		break;
	case IPPROTO_UDP:
		if (get_be16(v, off, &f->sport) || get_be16(v, off + 2, &f->dport) ||
		    get_be16(v, off + 4, &f->udp_len)) {
			f->cut = CAP_L_UDP;
			return;
		}
		f->have |= CAP_L_UDP;
		f->payload_len = f->udp_len >= 8 ? f->udp_len - 8u : 0;
		f->payload_off = off + 8;
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		if (get_u8(v, off, &f->icmp_type) || get_u8(v, off + 1, &f->icmp_code)) {
			f->cut = CAP_L_ICMP;
			return;
		}
		/* Echo request/reply: 8/0 for ICMP, 128/129 for ICMPv6. */
		if ((f->proto == IPPROTO_ICMP &&
		     (f->icmp_type == 8 || f->icmp_type == 0)) ||
		    (f->proto == IPPROTO_ICMPV6 &&
		     (f->icmp_type == 128 || f->icmp_type == 129))) {
			if (get_be16(v, off + 4, &f->icmp_id) ||
			    get_be16(v, off + 6, &f->icmp_seq)) {
				f->cut = CAP_L_ICMP;
				return;
			}
		}
		f->have |= CAP_L_ICMP;
		if (end >= off + 8)
			f->payload_len = end - off - 8;
		f->payload_off = off + 8;
		break;
	default:
		return;
	}
	if (f->payload_off < v->len) {
		uint32_t avail = v->len - f->payload_off;

		f->payload_caplen = avail < f->payload_len ? avail : f->payload_len;
	}
}

static void decode_ip4(const struct view *v, uint32_t off, struct cap_fields *f)
{
	uint8_t vhl;
	uint16_t tot, frag;

	if (get_u8(v, off, &vhl) || get_be16(v, off + 2, &tot) ||
	    get_be16(v, off + 4, &f->ip_id) || get_be16(v, off + 6, &frag) ||
	    get_u8(v, off + 8, &f->ttl) || get_u8(v, off + 9, &f->proto) ||
	    get_bytes(v, off + 12, f->src, 4) || get_bytes(v, off + 16, f->dst, 4)) {
		f->cut = CAP_L_IP4;
		return;
	}
	if (vhl >> 4 != 4 || (vhl & 0xf) < 5)
		return;
	f->af = AF_INET;
	f->ip_hlen = (unsigned)(vhl & 0xf) * 4;
	f->ip_len = tot;
	f->frag_later = (frag & 0x1fff) != 0;
	f->have |= CAP_L_IP4;
	decode_transport(v, off + f->ip_hlen, f);
}

static void decode_ip6(const struct view *v, uint32_t off, struct cap_fields *f)
{
	uint8_t vtc, nh, hl;
	uint16_t plen;
	uint32_t at;
	int guard;

	if (get_u8(v, off, &vtc) || get_be16(v, off + 4, &plen) ||
	    get_u8(v, off + 6, &nh) || get_u8(v, off + 7, &f->ttl) ||
	    get_bytes(v, off + 8, f->src, 16) || get_bytes(v, off + 24, f->dst, 16)) {
		f->cut = CAP_L_IP6;
		return;
	}
	if (vtc >> 4 != 6)
		return;
	f->af = AF_INET6;
	f->ip_len = 40u + plen;
	f->have |= CAP_L_IP6;
	at = off + 40;
	/* Hop-by-hop, routing, fragment and destination options headers. */
	for (guard = 0; guard < 8; guard++) {
		if (nh == 0 || nh == 43 || nh == 60) {
			uint8_t next;

			if (get_u8(v, at, &next) || get_u8(v, at + 1, &hl)) {
				f->cut = CAP_L_IP6;
				return;
			}
			nh = next;
			at += 8u + hl * 8u;
		} else if (nh == 44) {
			uint8_t next;
			uint16_t fo;

			if (get_u8(v, at, &next) || get_be16(v, at + 2, &fo)) {
				f->cut = CAP_L_IP6;
				return;
			}
			nh = next;
			f->frag_later = (fo & 0xfff8) != 0;
			at += 8;
		} else {
			break;
		}
	}
	f->proto = nh;
	f->ip_hlen = at - off;
	decode_transport(v, at, f);
}

/* ARP: for IPv4 over Ethernet, the sender's and target's IP addresses. */
static void decode_arp(const struct view *v, uint32_t off, struct cap_fields *f)
{
	uint8_t hdr[8];

	f->have |= CAP_L_ARP;
	if (get_bytes(v, off, hdr, sizeof(hdr)))
		return;
	if (hdr[0] != 0 || hdr[1] != 1 || hdr[2] != 0x08 || hdr[3] != 0 ||
	    hdr[4] != 6 || hdr[5] != 4)
		return;
	if (get_bytes(v, off + 14, f->arp_spa, 4) ||
	    get_bytes(v, off + 24, f->arp_tpa, 4))
		return;
	f->arp_ip = 1;
}

static void decode_l3(const struct view *v, uint32_t off, uint16_t type,
		      struct cap_fields *f)
{
	if (type == ETHERTYPE_IP4)
		decode_ip4(v, off, f);
	else if (type == ETHERTYPE_IP6)
		decode_ip6(v, off, f);
	else if (type == ETHERTYPE_ARP)
		decode_arp(v, off, f);
}

/* Raw IP: the version nibble says which. */
static void decode_raw(const struct view *v, uint32_t off, struct cap_fields *f)
{
	uint8_t b;

	if (get_u8(v, off, &b))
		return;
	if (b >> 4 == 4)
		decode_ip4(v, off, f);
	else if (b >> 4 == 6)
		decode_ip6(v, off, f);
}

static void decode_eth(const struct view *v, struct cap_fields *f)
{
	uint32_t off = 12;
	uint16_t type;
	int tags = 0;

	if (get_bytes(v, 0, f->dmac, 6) || get_bytes(v, 6, f->smac, 6) ||
	    get_be16(v, 12, &type)) {
		f->cut = CAP_L_ETH;
		return;
	}
	f->smac_len = 6;
	while ((type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) && tags < 4) {
		uint16_t tci;

		if (get_be16(v, off + 2, &tci) || get_be16(v, off + 4, &type)) {
			f->cut = CAP_L_ETH;
			return;
		}
		if (tags++ == 0)
			f->vlan = tci & 0x0fff;
		off += 4;
	}
	f->ethertype = type;
	f->have |= CAP_L_ETH;
	decode_l3(v, off + 2, type, f);
}

static void decode_sll(const struct view *v, struct cap_fields *f)
{
	uint16_t pkttype, halen, proto;

	if (get_be16(v, 0, &pkttype) || get_be16(v, 2, &f->sll_hatype) ||
	    get_be16(v, 4, &halen) || get_be16(v, 14, &proto)) {
		f->cut = CAP_L_SLL;
		return;
	}
	f->sll_pkttype = pkttype;
	f->smac_len = halen > 8 ? 8 : halen;
	get_bytes(v, 6, f->smac, f->smac_len);
	f->ethertype = proto;
	f->have |= CAP_L_SLL;
	decode_l3(v, 16, proto, f);
}

static void decode_sll2(const struct view *v, struct cap_fields *f)
{
	uint16_t proto;
	uint8_t pkttype, halen;

	if (get_be16(v, 0, &proto) || get_be32(v, 4, &f->sll_ifindex) ||
	    get_be16(v, 8, &f->sll_hatype) || get_u8(v, 10, &pkttype) ||
	    get_u8(v, 11, &halen)) {
		f->cut = CAP_L_SLL;
		return;
	}
	if (v->len < 20) {
		f->cut = CAP_L_SLL;
		return;
	}
	f->sll_pkttype = pkttype;
	f->smac_len = halen > 8 ? 8 : halen;
	get_bytes(v, 12, f->smac, f->smac_len);
	f->ethertype = proto;
	f->have |= CAP_L_SLL;
	decode_l3(v, 20, proto, f);
}

#define NFULA_PAYLOAD 9

/*
 * NFLOG (libpcap's DLT_NFLOG): a 4-byte header (family, version, be16
 * group), then TLVs whose 16-bit length and type are in host byte order,
 * each padded to 4 bytes; the packet is the NFULA_PAYLOAD TLV's value.
 */
static void decode_nflog(const struct view *v, struct cap_fields *f)
{
	uint32_t off = 4;

	if (get_u8(v, 0, &f->nflog_family) || get_be16(v, 2, &f->nflog_group)) {
		f->cut = CAP_L_NFLOG;
		return;
	}
	f->have |= CAP_L_NFLOG;
	for (;;) {
		uint16_t tlen, ttype;

		if (get_he16(v, off, &tlen) || get_he16(v, off + 2, &ttype))
			return;
		if (tlen < 4)
			return;
		if ((ttype & 0x7fff) == NFULA_PAYLOAD) {
			struct view in = { v->p + off + 4, 0 };
			uint32_t room = v->len - off - 4;

			/* The value may extend past caplen: keep what we have. */
			in.len = (uint32_t)(tlen - 4) < room ? (uint32_t)(tlen - 4)
							     : room;
			decode_raw(&in, 0, f);
			/* Offsets so far are relative to the payload TLV. */
			if (f->payload_off)
				f->payload_off += off + 4;
			return;
		}
		off += ((uint32_t)tlen + 3u) & ~3u;
	}
}

/*
 * BSD loopback: a 4-byte address family, in the writer's byte order for
 * NULL, network order for LOOP. AF_INET6 is 10, 24, 28 or 30 by OS.
 */
static void decode_null(const struct view *v, int loop, struct cap_fields *f)
{
	uint32_t fam;

	if (v->len < 4) {
		f->cut = CAP_L_NULL;
		return;
	}
	if (loop) {
		get_be32(v, 0, &fam);
	} else {
		memcpy(&fam, v->p, 4);
		if (fam > 0xffff) /* written on a host of the other byte order */
			fam = __builtin_bswap32(fam);
	}
	f->null_family = fam;
	f->have |= CAP_L_NULL;
	if (fam == 2)
		decode_ip4(v, 4, f);
	else if (fam == 10 || fam == 24 || fam == 28 || fam == 30)
		decode_ip6(v, 4, f);
}

int cap_decode(int dlt, const uint8_t *p, uint32_t caplen,
	       struct cap_fields *f)
{
	struct view v = { p, caplen };

	memset(f, 0, sizeof(*f));
	f->caplen = caplen;
	f->sll_pkttype = -1;
	switch (dlt) {
	case DLT_EN10MB:
		decode_eth(&v, f);
		break;
	case DLT_LINUX_SLL:
		decode_sll(&v, f);
		break;
	case DLT_LINUX_SLL2:
		decode_sll2(&v, f);
		break;
	case DLT_NFLOG:
		decode_nflog(&v, f);
		break;
	case DLT_RAW:
	case 101: /* LINKTYPE_RAW, as some savefiles still say */
		decode_raw(&v, 0, f);
		break;
	case DLT_IPV4:
		decode_ip4(&v, 0, f);
		break;
	case DLT_IPV6:
		decode_ip6(&v, 0, f);
		break;
	case DLT_NULL:
		decode_null(&v, 0, f);
		break;
	case DLT_LOOP:
		decode_null(&v, 1, f);
		break;
	default:
		return -EPROTONOSUPPORT;
	}
	return 0;
}

uint32_t cap_tcp_next_seq(const struct cap_fields *f)
{
	return f->seq + f->payload_len + !!(f->tcp_flags & CAP_TCP_SYN) +
	       !!(f->tcp_flags & CAP_TCP_FIN);
}

const char *cap_addr_str(const struct cap_fields *f, char which, char *buf,
			 unsigned len)
{
	const uint8_t *a = which == 's' ? f->src : f->dst;

	if (len)
		buf[0] = '\0';
	if (f->af && !inet_ntop(f->af, a, buf, len) && len)
		buf[0] = '\0';
	return buf;
}

const char *cap_mac_str(const uint8_t *mac, unsigned n, char *buf,
			unsigned len)
{
	unsigned i, at = 0;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < n && at + 3 < len; i++)
		at += (unsigned)snprintf(buf + at, len - at, i ? ":%02x" : "%02x",
					 mac[i]);
	return buf;
}
