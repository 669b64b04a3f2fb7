/* print-ospf6.c: OSPFv3 (RFC 5340) on IPv6 protocol 89, with LLS (RFC 5613) and the authentication trailer (RFC 7166). */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Version #   |     Type      |         Packet length         |
 *  |                         Router ID                             |
 *  |                          Area ID                              |
 *  |          Checksum             |  Instance ID  |      0        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The LSA header (20 bytes):
 *  |           LS Age              |U|S12|       Function Code     |
 *  |                       Link State ID                           |
 *  |                    Advertising Router                         |
 *  |                    LS Sequence Number                         |
 *  |        LS Checksum            |            Length             |
 *
 * An address prefix: | PrefixLength | PrefixOptions | Metric (16) |
 * then the prefix in (PrefixLength + 31) / 32 words.
 */
#include "capture/print-int.h"

#include <string.h>

#define OSPF6_HDRLEN 16u
#define LSA6_HDRLEN 20u
#define OPT_L 0x0200u
#define SCOPE_AREA 0x2000u
#define SCOPE_AS 0x4000u
#define ASLA_EXTERNAL 0x80000000u /* tcpdump's OSPFv2 E bit, as it prints */
#define ASLA_FWDADDR 0x02000000u
#define ASLA_ROUTETAG 0x01000000u

static const struct pr_tok option_names[] = {
	{ 0x01, "V6" },
	{ 0x02, "External" },
	{ 0x04, "Deprecated" },
	{ 0x08, "NSSA" },
	{ 0x10, "Router" },
	{ 0x20, "Demand Circuit" },
	{ 0x0100, "AFs Support" },
	{ 0x0200, "LLS" },
	{ 0x0400, "Authentication Trailer" },
	{ 0, NULL },
};

static const struct pr_tok rla_flag_names[] = {
	{ 0x01, "ABR" },
	{ 0x02, "External" },
	{ 0x04, "Virtual-Link Endpoint" },
	{ 0x08, "Deprecated" },
	{ 0x10, "NSSA Translator" },
	{ 0, NULL },
};

static const struct pr_tok asla_flag_names[] = {
	{ ASLA_EXTERNAL, "External Type 2" },
	{ ASLA_FWDADDR, "Forwarding" },
	{ ASLA_ROUTETAG, "Tag" },
	{ 0, NULL },
};

static const struct pr_tok type_names[] = {
	{ 1, "Hello" },	     { 2, "Database Description" },
	{ 3, "LS-Request" }, { 4, "LS-Update" },
	{ 5, "LS-Ack" },     { 0, NULL },
};

static const struct pr_tok lsa_names[] = {
	{ 1, "Router" },
	{ 2, "Network" },
	{ 3, "Inter-Area Prefix" },
	{ 4, "Inter-Area Router" },
	{ 5, "External" },
	{ 6, "Deprecated" },
	{ 7, "NSSA" },
	{ 8, "Link" },
	{ 9, "Intra-Area Prefix" },
	{ 10, "Intra-Area TE" },
	{ 11, "Grace" },
	{ 12, "Router Information" },
	{ 13, "Inter-AS-TE" },
	{ 14, "Layer 1 VPN" },
	{ 0, NULL },
};

static const struct pr_tok scope_names[] = {
	{ 0x0000, "Link Local" },
	{ SCOPE_AREA, "Area Local" },
	{ SCOPE_AS, "Domain Wide" },
	{ 0, NULL },
};

static const struct pr_tok dd_flag_names[] = {
	{ 0x04, "Init" },
	{ 0x02, "More" },
	{ 0x01, "Master" },
	{ 0x10, "IPv6 MTU" },
	{ 0, NULL },
};

static const struct pr_tok prefix_opt_names[] = {
	{ 0x01, "No Unicast" }, { 0x02, "Local address" },
	{ 0x04, "Deprecated" }, { 0x08, "Propagate" },
	{ 0x10, "Down" },	{ 0x20, "N-bit" },
	{ 0, NULL },
};

static const struct pr_tok auth_names[] = {
	{ 1, "HMAC" },
	{ 0, NULL },
};

/* What a helper returns when tcpdump's goes to its trunc label. */
#define OSPF6_TRUNC 1

static int ls_type_print(struct pr_ctx *c, unsigned t, const uint8_t *id)
{
	pr_puts(c, "\n\t    ");
	pr_tok_print(c, lsa_names, "Unknown", t & 0x1fff);
	pr_printf(c, " LSA (%u), ", t & 0x1fff);
	pr_tok_print(c, scope_names, "Unknown", t & 0x6000);
	pr_printf(c, " Scope%s", (t & 0x8000) ? ", transitive" : "");
	PR_IP4(c, ", LSA-ID ", id);
	return 0;
}

/* An LSA header: 0, OSPF6_TRUNC past dataend, PR_STOP. */
static int lshdr_print(struct pr_ctx *c, const uint8_t *h,
		       const uint8_t *dataend)
{
	uint32_t seq;
	uint16_t age, len, type;

	if (h + LSA6_HDRLEN > dataend)
		return OSPF6_TRUNC;
	PR_NEED(c, h + 8, 4);
	PR_BE32(c, h + 12, seq);
	PR_BE16(c, h, age);
	PR_BE16(c, h + 18, len);
	PR_IP4(c, "\n\t  Advertising Router ", h + 8);
	/* tcpdump subtracts a size_t: a short length wraps to 64 bits */
	pr_printf(c, ", seq 0x%08x, age %us, length %zu", seq, age,
		  (size_t)len - LSA6_HDRLEN);
	PR_BE16(c, h + 2, type);
	return ls_type_print(c, type, h + 4);
}

/* One prefix: the bytes it took, -1 when short, PR_STOP. */
static int prefix_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t plen, opt, pfx[16];
	uint16_t metric;
	unsigned words;

	if (len < 4)
		return -1;
	len -= 4;
	PR_NEED(c, p, 4);
	PR_U8(c, p, plen);
	words = (plen + 31u) / 32;
	if (words * 4 > 16) {
		pr_printf(c, " bogus prefixlen /%u", plen);
		return -1;
	}
	if (len < words * 4)
		return -1;
	memset(pfx, 0, sizeof(pfx));
	PR_COPY(c, p + 4, pfx, words * 4);
	pr_puts(c, "\n\t\t");
	pr_ip6(c, pfx);
	pr_printf(c, "/%u", plen);
	PR_U8(c, p + 1, opt);
	if (opt) {
		pr_puts(c, ", Options [");
		pr_bittok_print(c, prefix_opt_names, ", ", "none", opt);
		pr_putc(c, ']');
	}
	PR_BE16(c, p + 2, metric);
	pr_printf(c, ", metric %u", metric);
	return 4 + (int)words * 4;
}

/* n prefixes, or to the end of len when n is -1 (the inter-area form). */
static int prefixes_print(struct pr_ctx *c, const uint8_t *p, unsigned len,
			  long n)
{
	int b;

	while (n < 0 ? len != 0 : n > 0) {
		b = prefix_print(c, p, len);
		if (b == PR_STOP)
			return PR_STOP;
		if (b < 0)
			return OSPF6_TRUNC;
		len -= (unsigned)b;
		p += b;
		if (n > 0)
			n--;
	}
	return 0;
}

static int router_lsa_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint32_t opts;
	uint8_t flags, lt;
	uint16_t metric;

	if (len < 4)
		return OSPF6_TRUNC;
	len -= 4;
	PR_BE32(c, p, opts);
	pr_puts(c, "\n\t      Options [");
	pr_bittok_print(c, option_names, ", ", "none", opts);
	PR_U8(c, p, flags);
	pr_puts(c, "], RLA-Flags [");
	pr_bittok_print(c, rla_flag_names, ", ", "none", flags);
	pr_putc(c, ']');
	for (p += 4; len != 0; p += 16) {
		const char *what;

		if (len < 16)
			return OSPF6_TRUNC;
		len -= 16;
		if (!pr_has(c, p, 16))
			return OSPF6_TRUNC;
		PR_U8(c, p, lt);
		if (lt == 4)
			what = "\n\t      Virtual Link: Neighbor Router-ID ";
		else if (lt == 1)
			what = "\n\t      Neighbor Router-ID ";
		else if (lt == 2)
			what = "\n\t      Neighbor Network-ID ";
		else {
			pr_printf(c, "\n\t      Unknown Router Links Type 0x%02x",
				  lt);
			return 0;
		}
		PR_IP4(c, what, p + 12);
		PR_IP4(c, "\n\t      Neighbor Interface-ID ", p + 8);
		PR_IP4(c, ", Interface ", p + 4);
		PR_BE16(c, p + 2, metric);
		pr_printf(c, ", metric %u", metric);
	}
	return 0;
}

static int ase_lsa_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint32_t flags;
	uint8_t ref;
	int b;

	if (len < 4)
		return OSPF6_TRUNC;
	len -= 4;
	PR_BE32(c, p, flags);
	pr_puts(c, "\n\t     Flags [");
	pr_bittok_print(c, asla_flag_names, ", ", "none", flags);
	pr_printf(c, "] metric %u", flags & 0xffffffu);
	p += 4;
	b = prefix_print(c, p, len);
	if (b == PR_STOP)
		return PR_STOP;
	if (b < 0)
		return OSPF6_TRUNC;
	PR_U8(c, p + 2, ref);
	len -= (unsigned)b;
	p += b;
	if (flags & ASLA_FWDADDR) {
		if (len < 16)
			return OSPF6_TRUNC;
		len -= 16;
		PR_IP6(c, " forward ", p);
		p += 16;
	}
	if (flags & ASLA_ROUTETAG) {
		if (len < 4)
			return OSPF6_TRUNC;
		len -= 4;
		PR_IP4(c, " tag ", p);
		p += 4;
	}
	if (ref) {
		if (len < 4)
			return OSPF6_TRUNC;
		PR_IP4(c, " RefLSID: ", p);
	}
	return 0;
}

/* One LSA: 0, OSPF6_TRUNC, PR_STOP. */
static int lsa_print(struct pr_ctx *c, const uint8_t *lsa,
		     const uint8_t *dataend)
{
	const uint8_t *p;
	uint16_t length, type, n16, lstype;
	uint8_t prio;
	uint32_t opts, n32;
	unsigned len;
	int rc;

	rc = lshdr_print(c, lsa, dataend);
	if (rc)
		return rc;
	PR_BE16(c, lsa + 18, length);
	if (length < LSA6_HDRLEN || lsa + length > dataend)
		return OSPF6_TRUNC;
	len = length - LSA6_HDRLEN;
	p = lsa + LSA6_HDRLEN;
	PR_BE16(c, lsa + 2, type);
	switch (type) {
	case 1 | SCOPE_AREA:
		return router_lsa_print(c, p, len);
	case 2 | SCOPE_AREA:
		if (len < 4)
			return OSPF6_TRUNC;
		len -= 4;
		PR_BE32(c, p, opts);
		pr_puts(c, "\n\t      Options [");
		pr_bittok_print(c, option_names, ", ", "none", opts);
		pr_puts(c, "]\n\t      Connected Routers:");
		for (p += 4; len != 0; p += 4) {
			if (len < 4)
				return OSPF6_TRUNC;
			len -= 4;
			PR_IP4(c, "\n\t\t", p);
		}
		return 0;
	case 3 | SCOPE_AREA:
		if (len < 4)
			return OSPF6_TRUNC;
		PR_BE32(c, p, n32);
		pr_printf(c, ", metric %u", n32 & 0xffffffu);
		return prefixes_print(c, p + 4, len - 4, -1);
	case 5 | SCOPE_AS:
		return ase_lsa_print(c, p, len);
	case 8:
		if (len < 4)
			return OSPF6_TRUNC;
		len -= 4;
		PR_NEED(c, p, 4);
		PR_BE32(c, p, opts);
		pr_puts(c, "\n\t      Options [");
		pr_bittok_print(c, option_names, ", ", "none", opts);
		pr_putc(c, ']');
		if (len < 20)
			return OSPF6_TRUNC;
		len -= 20;
		PR_BE32(c, p + 20, n32);
		PR_NEED(c, p + 4, 16);
		PR_U8(c, p, prio);
		pr_printf(c, "\n\t      Priority %u, ", prio);
		PR_IP6(c, "Link-local address ", p + 4);
		pr_printf(c, ", Prefixes %u:", n32);
		return prefixes_print(c, p + 24, len, n32);
	case 9 | SCOPE_AREA:
		if (len < 4)
			return OSPF6_TRUNC;
		len -= 4;
		if (!pr_has(c, p + 8, 4))
			return OSPF6_TRUNC;
		PR_BE16(c, p + 2, lstype);
		if (ls_type_print(c, lstype, p + 4) == PR_STOP)
			return PR_STOP;
		if (len < 2)
			return OSPF6_TRUNC;
		len -= 2;
		PR_BE16(c, p, n16);
		pr_printf(c, "\n\t      Prefixes %u:", n16);
		return prefixes_print(c, p + 12, len, n16);
	case 11:
		rc = ospf_grace_print(c, p, len);
		return rc == PR_STOP ? PR_STOP : rc ? OSPF6_TRUNC : 0;
	case 10:
		rc = ospf_te_print(c, p, len);
		return rc == PR_STOP ? PR_STOP : rc ? OSPF6_TRUNC : 0;
	default:
		if (!pr_has(c, p, 0)) {
			pr_unknown_data(c, p, "\n\t      ", len);
			return OSPF6_TRUNC;
		}
		pr_unknown_data(c, p, "\n\t      ", len);
		return 0;
	}
}

static int decode_v3(struct pr_ctx *c, const uint8_t *op, const uint8_t *dataend)
{
	const uint8_t *h = op + OSPF6_HDRLEN, *p;
	uint32_t opts, w, cnt;
	uint16_t v, v2;
	uint8_t b;
	int rc;

	PR_U8(c, op + 1, b);
	switch (b) {
	case 1:
		PR_BE32(c, h + 4, opts);
		pr_puts(c, "\n\tOptions [");
		pr_bittok_print(c, option_names, ", ", "none", opts);
		PR_BE16(c, h + 8, v);
		PR_BE16(c, h + 10, v2);
		PR_NEED(c, h, 4);
		PR_U8(c, h + 4, b);
		pr_printf(c, "]\n\t  Hello Timer %us, Dead Timer %us, ", v, v2);
		PR_IP4(c, "Interface-ID ", h);
		pr_printf(c, ", Priority %u", b);
		PR_BE32(c, h + 12, w);
		if (w)
			PR_IP4(c, "\n\t  Designated Router ", h + 12);
		PR_BE32(c, h + 16, w);
		if (w)
			PR_IP4(c, ", Backup Designated Router ", h + 16);
		if (c->o.vflag > 1) {
			pr_puts(c, "\n\t  Neighbor List:");
			for (p = h + 20; p < dataend; p += 4)
				PR_IP4(c, "\n\t    ", p);
		}
		break;
	case 2:
		PR_BE32(c, h, opts);
		pr_puts(c, "\n\tOptions [");
		pr_bittok_print(c, option_names, ", ", "none", opts);
		PR_U8(c, h + 7, b);
		pr_puts(c, "], DD Flags [");
		pr_bittok_print(c, dd_flag_names, ", ", "none", b);
		PR_BE16(c, h + 4, v);
		PR_BE32(c, h + 8, w);
		pr_printf(c, "], MTU %u, DD-Sequence 0x%08x", v, w);
		if (c->o.vflag > 1) {
			for (p = h + 12; p < dataend; p += LSA6_HDRLEN) {
				rc = lshdr_print(c, p, dataend);
				if (rc)
					return rc;
			}
		}
		break;
	case 3:
		if (c->o.vflag > 1) {
			for (p = h; p < dataend; p += 12) {
				if (!pr_has(c, p, 12))
					return OSPF6_TRUNC;
				PR_IP4(c, "\n\t  Advertising Router ", p + 8);
				PR_BE16(c, p + 2, v);
				if (ls_type_print(c, v, p + 4) == PR_STOP)
					return PR_STOP;
			}
		}
		break;
	case 4:
		if (c->o.vflag > 1) {
			PR_BE32(c, h, cnt);
			for (p = h + 4; p < dataend && cnt--;) {
				rc = lsa_print(c, p, dataend);
				if (rc)
					return rc;
				PR_BE16(c, p + 18, v);
				p += v;
			}
		}
		break;
	case 5:
		if (c->o.vflag > 1) {
			for (p = h; p < dataend; p += LSA6_HDRLEN) {
				rc = lshdr_print(c, p, dataend);
				if (rc)
					return rc;
			}
		}
		break;
	default:
		break;
	}
	return 0;
}

/* LLS (its header only) and the authentication trailer after the packet. */
static int trailer_print(struct pr_ctx *c, const uint8_t *op,
			 const uint8_t *cp, unsigned len)
{
	uint8_t type;
	uint32_t opts = 0, hi, lo;
	uint16_t v, dlen, said;

	PR_U8(c, op + 1, type);
	if (type == 1)
		PR_BE32(c, op + OSPF6_HDRLEN + 4, opts);
	else if (type == 2)
		PR_BE32(c, op + OSPF6_HDRLEN, opts);
	if ((type == 1 || type == 2) && (opts & OPT_L) && len != 0) {
		if (len < 4)
			return OSPF6_TRUNC;
		PR_BE16(c, cp, v);
		pr_printf(c, "\n\tLLS Checksum 0x%04x", v);
		PR_BE16(c, cp + 2, dlen);
		pr_printf(c, ", Data Length %u", dlen);
		if (dlen < 4 || dlen > len)
			return OSPF6_TRUNC;
		if (!pr_has(c, cp + 4, dlen - 4u))
			return OSPF6_TRUNC;
		cp += dlen;
		len -= dlen;
	}
	if (len == 0)
		return 0;
	if (len < 16)
		return OSPF6_TRUNC;
	PR_BE16(c, cp, v);
	pr_puts(c, "\n\tAuthentication Type ");
	pr_tok_print(c, auth_names, "unknown (0x%04x)", v);
	PR_BE16(c, cp + 2, dlen);
	pr_printf(c, ", Length %u", dlen);
	if (dlen < 16 || dlen > len)
		return OSPF6_TRUNC;
	PR_BE16(c, cp + 6, said);
	pr_printf(c, ", SAID %u", said);
	PR_BE32(c, cp + 8, hi);
	pr_printf(c, ", CSN 0x%08x", hi);
	PR_BE32(c, cp + 12, lo);
	pr_printf(c, ":%08x", lo);
	if (!pr_has(c, cp + 16, dlen - 16u))
		return OSPF6_TRUNC;
	if (c->o.vflag > 1)
		pr_unknown_data(c, cp + 16, "\n\tAuthentication Data ",
				dlen - 16u);
	return 0;
}

int ospf6_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t type, ver, inst;
	uint16_t dlen;
	uint32_t area;
	const char *name;
	int rc;

	c->proto = "ospf3";
	PR_U8(c, bp + 1, type);
	PR_U8(c, bp, ver);
	name = pr_tok(type_names, type);
	pr_printf(c, "OSPFv%u, ", ver);
	if (name)
		pr_puts(c, name);
	else
		pr_printf(c, "unknown packet type (%u)", type);
	pr_printf(c, ", length %u", length);
	if (!name || !c->o.vflag)
		return 0;
	PR_BE16(c, bp + 2, dlen);
	if (dlen > length) {
		pr_printf(c, " [len %u]", dlen);
		return 0;
	}
	PR_IP4(c, "\n\tRouter-ID ", bp + 4);
	PR_BE32(c, bp + 8, area);
	if (area)
		PR_IP4(c, ", Area ", bp + 8);
	else
		pr_puts(c, ", Backbone Area");
	PR_U8(c, bp + 14, inst);
	if (inst)
		pr_printf(c, ", Instance %u", inst);
	if (ver != 3)
		return 0;
	rc = decode_v3(c, bp, bp + dlen);
	if (rc == 0)
		rc = trailer_print(c, bp, bp + dlen, length - dlen);
	if (rc == PR_STOP)
		return PR_STOP;
	if (rc)
		pr_trunc(c);
	return 0;
}
