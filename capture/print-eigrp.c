/* print-eigrp.c: Cisco EIGRP (RFC 7868) on IP protocol 88: the header and its TLVs (parameters, software version, IPv4 and AppleTalk routes). */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Header Version |    Opcode     |           Checksum            |
 *  |                             Flags                             |
 *  |                       Sequence Number                         |
 *  |                    Acknowledgement Number                     |
 *  |    Virtual Router ID          |    Autonomous System Number   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Type              |            Length             |  TLVs
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An IPv4 internal route: next hop, delay, bandwidth, MTU (24 bits), hop
 * count, reliability, load, 2 reserved, prefix length, the prefix's
 * significant bytes; an external one adds origin router, AS, tag,
 * metric, protocol and flags after the next hop.
 */
#include "capture/print-int.h"

#include <string.h>

#define EIGRP_HDRLEN 20u

static const struct pr_tok opcode_names[] = {
	{ 1, "Update" }, { 3, "Query" },   { 4, "Reply" },
	{ 5, "Hello" },	 { 6, "IPX SAP" }, { 7, "Probe" },
	{ 0, NULL },
};

static const struct pr_tok flag_names[] = {
	{ 0x01, "Init" },
	{ 0x02, "Conditionally Received" },
	{ 0x04, "Restart" },
	{ 0x08, "End-of-Table" },
	{ 0, NULL },
};

static const struct pr_tok tlv_names[] = {
	{ 0x0001, "General Parameters" },
	{ 0x0002, "Authentication" },
	{ 0x0003, "Sequence" },
	{ 0x0004, "Software Version" },
	{ 0x0005, "Next Multicast Sequence" },
	{ 0x0102, "IP Internal routes" },
	{ 0x0103, "IP External routes" },
	{ 0x0202, "AppleTalk Internal routes" },
	{ 0x0203, "AppleTalk External routes" },
	{ 0x0204, "AppleTalk Cable setup" },
	{ 0x0302, "IPX Internal routes" },
	{ 0x0303, "IPX External routes" },
	{ 0, NULL },
};

static const struct pr_tok proto_names[] = {
	{ 0x01, "IGRP" },      { 0x02, "EIGRP" },  { 0x03, "Static" },
	{ 0x04, "RIP" },       { 0x05, "Hello" },  { 0x06, "OSPF" },
	{ 0x07, "IS-IS" },     { 0x08, "EGP" },	   { 0x09, "BGP" },
	{ 0x0a, "IDRP" },      { 0x0b, "Connected" },
	{ 0, NULL },
};

/* "delay ... load ..." of the metric block at m (delay, bandwidth, ...). */
static int metric_print(struct pr_ctx *c, const uint8_t *m)
{
	uint32_t delay, bw, mtu;
	uint8_t hop, rel, load;

	PR_BE32(c, m, delay);
	PR_BE32(c, m + 4, bw);
	PR_BE24(c, m + 8, mtu);
	PR_U8(c, m + 11, hop);
	PR_U8(c, m + 12, rel);
	PR_U8(c, m + 13, load);
	pr_printf(c,
		  "\n\t      delay %u ms, bandwidth %u Kbps, mtu %u, hop %u, reliability %u, load %u",
		  delay / 100, bw, mtu, hop, rel, load);
	return 0;
}

/* The prefix and next hop of an IPv4 route: 1 when the length is bad. */
static int ip_route_print(struct pr_ctx *c, const uint8_t *t, unsigned plen_at)
{
	uint8_t bits, pfx[4];
	uint32_t nh;

	PR_U8(c, t + plen_at, bits);
	if (bits > 32) {
		pr_printf(c, "\n\t    illegal prefix length %u", bits);
		return 1;
	}
	memset(pfx, 0, sizeof(pfx));
	PR_COPY(c, t + plen_at + 1, pfx, (bits + 7u) / 8);
	pr_puts(c, "\n\t    IPv4 prefix: ");
	pr_ip4_right(c, pfx, 15);
	pr_printf(c, "/%u, nexthop: ", bits);
	PR_BE32(c, t, nh);
	if (nh == 0)
		pr_puts(c, "self");
	else
		PR_IP4(c, "", t);
	return 0;
}

static int at_nexthop_print(struct pr_ctx *c, const uint8_t *t)
{
	uint32_t nh;
	uint16_t a, b;

	PR_BE32(c, t, nh);
	if (nh == 0) {
		pr_puts(c, "self");
	} else {
		PR_BE16(c, t, a);
		PR_BE16(c, t + 2, b);
		pr_printf(c, "%u.%u", a, b);
	}
	return 0;
}

/* One TLV's value: 0 or PR_STOP. */
static int tlv_print(struct pr_ctx *c, unsigned type, const uint8_t *t,
		     unsigned tl)
{
	uint32_t w, w2, w3, w4;
	uint16_t v, v2;
	uint8_t b[6];
	int rc;

	switch (type) {
	case 0x0001:
		if (tl < 8)
			goto short_tlv;
		PR_BE16(c, t + 6, v);
		PR_COPY(c, t, b, 5);
		pr_printf(c, "\n\t    holdtime: %us, k1 %u, k2 %u, k3 %u, k4 %u, k5 %u",
			  v, b[0], b[1], b[2], b[3], b[4]);
		return 0;
	case 0x0004:
		if (tl < 4)
			goto short_tlv;
		PR_COPY(c, t, b, 4);
		pr_printf(c, "\n\t    IOS version: %u.%u, EIGRP version %u.%u", b[0],
			  b[1], b[2], b[3]);
		return 0;
	case 0x0102:
		if (tl < 22)
			goto short_tlv;
		rc = ip_route_print(c, t, 20);
		if (rc)
			return rc == 1 ? 0 : rc;
		return metric_print(c, t + 4);
	case 0x0103:
		if (tl < 42)
			goto short_tlv;
		rc = ip_route_print(c, t, 40);
		if (rc)
			return rc == 1 ? 0 : rc;
		PR_BE32(c, t + 8, w);
		PR_U8(c, t + 22, b[0]);
		PR_U8(c, t + 23, b[1]);
		PR_BE32(c, t + 12, w2);
		PR_BE32(c, t + 16, w3);
		PR_IP4(c, "\n\t      origin-router ", t + 4);
		pr_printf(c, ", origin-as %u, origin-proto ", w);
		pr_tok_print(c, proto_names, "unknown", b[0]);
		pr_printf(c, ", flags [0x%02x], tag 0x%08x, metric %u", b[1], w2, w3);
		return metric_print(c, t + 24);
	case 0x0204:
		if (tl < 8)
			goto short_tlv;
		PR_BE16(c, t, v);
		PR_BE16(c, t + 2, v2);
		PR_BE32(c, t + 4, w);
		pr_printf(c, "\n\t    Cable-range: %u-%u, Router-ID %u", v, v2, w);
		return 0;
	case 0x0202:
		if (tl < 24)
			goto short_tlv;
		PR_BE16(c, t + 20, v);
		PR_BE16(c, t + 22, v2);
		pr_printf(c, "\n\t     Cable-Range: %u-%u, nexthop: ", v, v2);
		if (at_nexthop_print(c, t) == PR_STOP)
			return PR_STOP;
		return metric_print(c, t + 4);
	case 0x0203:
		if (tl < 40)
			goto short_tlv;
		PR_BE16(c, t + 36, v);
		PR_BE16(c, t + 38, v2);
		pr_printf(c, "\n\t     Cable-Range: %u-%u, nexthop: ", v, v2);
		if (at_nexthop_print(c, t) == PR_STOP)
			return PR_STOP;
		PR_BE32(c, t + 4, w);
		PR_BE32(c, t + 8, w2);
		PR_U8(c, t + 16, b[0]);
		PR_U8(c, t + 17, b[1]);
		PR_BE32(c, t + 12, w3);
		PR_BE16(c, t + 18, v);
		w4 = v;
		pr_printf(c, "\n\t      origin-router %u, origin-as %u, origin-proto ",
			  w, w2);
		pr_tok_print(c, proto_names, "unknown", b[0]);
		pr_printf(c, ", flags [0x%02x], tag 0x%08x, metric %u", b[1], w3, w4);
		return metric_print(c, t + 20);
	default:
		if (c->o.vflag <= 1)
			pr_unknown_data(c, t, "\n\t    ", tl);
		return 0;
	}
short_tlv:
	pr_printf(c, " (too short, < %u)", 4 + (type == 0x0001 ? 8u
					       : type == 0x0004 ? 4u
					       : type == 0x0102 ? 22u
					       : type == 0x0103 ? 42u
					       : type == 0x0204 ? 8u
					       : type == 0x0202 ? 24u
								: 40u));
	return 0;
}

int eigrp_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	const uint8_t *t;
	uint8_t ver, op;
	uint16_t ck, vrid, asn, tl16, tt16;
	uint32_t flags, seq, ack;
	unsigned tlen, tlv_len, type;

	c->proto = "eigrp";
	PR_NEED(c, p, EIGRP_HDRLEN);
	PR_U8(c, p, ver);
	if (ver != 2) {
		pr_printf(c, "EIGRP version %u packet not supported", ver);
		return 0;
	}
	PR_U8(c, p + 1, op);
	if (!c->o.vflag || len < EIGRP_HDRLEN) {
		pr_puts(c, "EIGRP ");
		pr_tok_print(c, opcode_names, "unknown (%u)", op);
		pr_printf(c, ", length: %u", len);
		if (c->o.vflag)
			pr_printf(c, " (too short, < %u)", EIGRP_HDRLEN);
		return 0;
	}
	tlen = len - EIGRP_HDRLEN;
	PR_BE16(c, p + 2, ck);
	PR_BE32(c, p + 4, flags);
	PR_BE32(c, p + 8, seq);
	PR_BE32(c, p + 12, ack);
	PR_BE16(c, p + 16, vrid);
	PR_BE16(c, p + 18, asn);
	pr_printf(c, "\n\tEIGRP v%u, opcode: ", ver);
	pr_tok_print(c, opcode_names, "unknown, type: %u", op);
	pr_printf(c, " (%u), chksum: 0x%04x, Flags: [", op, ck);
	pr_bittok_print(c, flag_names, ", ", "none", flags);
	pr_printf(c, "]\n\tseq: 0x%08x, ack: 0x%08x, VRID: %u, AS: %u, length: %u",
		  seq, ack, vrid, asn, tlen);
	for (t = p + EIGRP_HDRLEN; tlen > 0; t += tlv_len, tlen -= tlv_len) {
		if (!pr_has(c, t, 4))
			goto trunc;
		PR_BE16(c, t + 2, tl16);
		PR_BE16(c, t, tt16);
		tlv_len = tl16;
		type = tt16;
		if (tlv_len < 4 || tlv_len > tlen) {
			pr_unknown_data(c, t + 4, "\n\t    ", tlen);
			return 0;
		}
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, tlv_names, "Unknown", type);
		pr_printf(c, " TLV (0x%04x), length: %u", type, tlv_len);
		if (!pr_has(c, t, tlv_len))
			goto trunc;
		if (tlv_print(c, type, t + 4, tlv_len - 4) == PR_STOP)
			return PR_STOP;
		if (c->o.vflag > 1)
			pr_unknown_data(c, t + 4, "\n\t    ", tlv_len - 4);
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}
