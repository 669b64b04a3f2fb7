/* print-gre.c: Generic Routing Encapsulation, version 0 (RFC 1701, RFC 2784, RFC 2890) and PPTP's version 1 (RFC 2637). */
/*
 * Version 0:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |C|R|K|S|s|Recur|  Flags  | Ver |         Protocol Type         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      Checksum (optional)      |       Offset (optional)       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Key (optional)                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Sequence Number (optional)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Routing (optional)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A routing entry (SRE) is address family (16 bits), SRE offset and SRE
 * length (8 bits each), then the entry; family 0 with length 0 ends the
 * list. Version 1 (PPTP) has the key's low 16 bits as the call ID, an
 * optional sequence number and an acknowledgment number (flag 0x0080).
 *
 * The payload's protocol type is an ethertype; ERSPAN (0x88be) is not
 * decoded by tcpdump 4.99.3, which prints "gre-proto-0x88be" for it.
 */
#include "capture/print-int.h"

#define GRE_CP 0x8000 /* checksum present */
#define GRE_RP 0x4000 /* routing present */
#define GRE_KP 0x2000 /* key present */
#define GRE_SP 0x1000 /* sequence number present */
#define GRE_sP 0x0800 /* strict source route */
#define GRE_AP 0x0080 /* acknowledgment number present */
#define GRE_VERS 0x0007

#define GRESRE_IP 0x0800
#define GRESRE_ASN 0xfffe

static const struct pr_tok gre_flags[] = {
	{ GRE_CP, "checksum present" },
	{ GRE_RP, "routing present" },
	{ GRE_KP, "key present" },
	{ GRE_SP, "sequence# present" },
	{ GRE_sP, "source routing present" },
	{ GRE_AP, "ack present" },
	{ 0, NULL },
};

/* Protocol types carried over version 0, other than through ethertype_dispatch. */
static const struct pr_disp gre_printers[] = {
	{ 0x0800, ip_print },
	{ 0x86dd, ip6_print },
	{ 0x8847, mpls_print },
	{ 0x809b, atalk_print },
	{ 0x6558, ether_encap_print }, /* transparent Ethernet bridging */
	{ 0x00fe, isoclns_print }, /* OSI (print-isoclns.c) */
	{ 0, NULL },
};

/* Protocol types tcpdump decodes over GRE and this printer does not. */
static const struct pr_tok gre_undecoded[] = {
	{ 0x8137, "IPX" },
	{ 0, NULL },
};

/* An IPv4 (4-byte) or ASN (2-byte) source route: 1 done, 0 cut short. */
static int sre_print(struct pr_ctx *c, unsigned af, unsigned off,
		     unsigned srelen, const uint8_t *bp, unsigned len)
{
	unsigned w = af == GRESRE_IP ? 4 : 2;
	const uint8_t *up = bp;

	if (af != GRESRE_IP && af != GRESRE_ASN) {
		pr_printf(c, ", (rtaf=0x%x)", af);
		return 1;
	}
	pr_puts(c, af == GRESRE_IP ? ", (rtaf=ip" : ", (rtaf=asn");
	if (off & (w - 1)) {
		pr_printf(c, ", badoffset=%u)", off);
		return 1;
	}
	if (srelen & (w - 1)) {
		pr_printf(c, ", badlength=%u)", srelen);
		return 1;
	}
	if (off >= srelen) {
		pr_printf(c, ", badoff/len=%u/%u)", off, srelen);
		return 1;
	}
	while (srelen != 0) {
		const char *mark;

		if (!pr_has(c, bp, w) || len < w) {
			pr_putc(c, ')');
			return 0;
		}
		mark = (unsigned)(bp - up) == off ? "*" : "";
		pr_putc(c, ' ');
		pr_puts(c, mark);
		if (w == 4) {
			uint8_t a[4];

			PR_COPY(c, bp, a, 4);
			pr_ip4_num(c, a);
		} else {
			uint16_t asn;

			PR_BE16(c, bp, asn);
			pr_printf(c, "%x", asn);
		}
		bp += w;
		len -= w;
		srelen -= w;
	}
	pr_putc(c, ')');
	return 1;
}

static void proto_e_print(struct pr_ctx *c, unsigned prot)
{
	if (c->o.eflag) {
		pr_puts(c, ", proto ");
		pr_tok_print(c, ethertype_names, "unknown", prot);
		pr_printf(c, " (0x%04x)", prot);
	}
}

static int gre0_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	unsigned len = length;
	uint16_t flags, prot, v16;
	uint32_t v32;
	const char *name;
	pr_fn fn;

	PR_BE16(c, bp, flags);
	if (c->o.vflag) {
		pr_puts(c, ", Flags [");
		pr_bittok_print(c, gre_flags, ", ", "none", flags);
		pr_putc(c, ']');
	}
	bp += 2;
	len -= 2;
	if (!pr_has(c, bp, 2) || len < 2)
		goto trunc;
	PR_BE16(c, bp, prot);
	bp += 2;
	len -= 2;
	if (flags & (GRE_CP | GRE_RP)) {
		if (!pr_has(c, bp, 2) || len < 2)
			goto trunc;
		PR_BE16(c, bp, v16);
		if (c->o.vflag)
			pr_printf(c, ", sum 0x%x", v16);
		bp += 2;
		len -= 2;
		if (!pr_has(c, bp, 2) || len < 2)
			goto trunc;
		PR_BE16(c, bp, v16);
		pr_printf(c, ", off 0x%x", v16);
		bp += 2;
		len -= 2;
	}
	if (flags & GRE_KP) {
		if (!pr_has(c, bp, 4) || len < 4)
			goto trunc;
		PR_BE32(c, bp, v32);
		pr_printf(c, ", key=0x%x", v32);
		bp += 4;
		len -= 4;
	}
	if (flags & GRE_SP) {
		if (!pr_has(c, bp, 4) || len < 4)
			goto trunc;
		PR_BE32(c, bp, v32);
		pr_printf(c, ", seq %u", v32);
		bp += 4;
		len -= 4;
	}
	if (flags & GRE_RP) {
		for (;;) {
			uint16_t af;
			uint8_t off, srelen;

			if (!pr_has(c, bp, 4) || len < 4)
				goto trunc;
			PR_BE16(c, bp, af);
			PR_U8(c, bp + 2, off);
			PR_U8(c, bp + 3, srelen);
			bp += 4;
			len -= 4;
			if (af == 0 && srelen == 0)
				break;
			if (!sre_print(c, af, off, srelen, bp, len))
				goto trunc;
			if (len < srelen)
				goto trunc;
			bp += srelen;
			len -= srelen;
		}
	}
	proto_e_print(c, prot);
	pr_printf(c, ", length %u", length);
	pr_puts(c, c->o.vflag ? "\n\t" : ": ");
	fn = pr_lookup(gre_printers, prot);
	if (fn)
		return fn(c, bp, len);
	name = pr_tok(gre_undecoded, prot);
	if (name)
		pr_generic(c, name);
	pr_printf(c, "gre-proto-0x%x", prot);
	return 0;
trunc:
	c->proto = "gre";
	pr_trunc(c);
	return 0;
}

static int gre1_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	unsigned len = length;
	uint16_t flags, prot;
	uint32_t v32;

	PR_BE16(c, bp, flags);
	bp += 2;
	len -= 2;
	if (c->o.vflag) {
		pr_puts(c, ", Flags [");
		pr_bittok_print(c, gre_flags, ", ", "none", flags);
		pr_putc(c, ']');
	}
	if (!pr_has(c, bp, 2) || len < 2)
		goto trunc;
	PR_BE16(c, bp, prot);
	bp += 2;
	len -= 2;
	if (flags & GRE_KP) {
		if (!pr_has(c, bp, 4) || len < 4)
			goto trunc;
		PR_BE32(c, bp, v32);
		pr_printf(c, ", call %u", v32 & 0xffff);
		bp += 4;
		len -= 4;
	}
	if (flags & GRE_SP) {
		if (!pr_has(c, bp, 4) || len < 4)
			goto trunc;
		PR_BE32(c, bp, v32);
		pr_printf(c, ", seq %u", v32);
		bp += 4;
		len -= 4;
	}
	if (flags & GRE_AP) {
		if (!pr_has(c, bp, 4) || len < 4)
			goto trunc;
		PR_BE32(c, bp, v32);
		pr_printf(c, ", ack %u", v32);
		bp += 4;
		len -= 4;
	}
	if (!(flags & GRE_SP))
		pr_puts(c, ", no-payload");
	proto_e_print(c, prot);
	pr_printf(c, ", length %u", length);
	if (!(flags & GRE_SP))
		return 0;
	pr_puts(c, c->o.vflag ? "\n\t" : ": ");
	if (prot == 0x880b)
		pr_generic(c, "PPP");
	pr_printf(c, "gre-proto-0x%x", prot);
	return 0;
trunc:
	c->proto = "gre";
	pr_trunc(c);
	return 0;
}

int gre_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint16_t v;

	c->proto = "gre";
	if (!pr_has(c, bp, 2) || length < 2) {
		pr_trunc(c);
		return 0;
	}
	PR_BE16(c, bp, v);
	pr_printf(c, "GREv%u", v & GRE_VERS);
	switch (v & GRE_VERS) {
	case 0:
		return gre0_print(c, bp, length);
	case 1:
		return gre1_print(c, bp, length);
	default:
		pr_puts(c, " ERROR: unknown-version");
		return 0;
	}
}
