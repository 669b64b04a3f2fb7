/* print-nsh.c: the Network Service Header (RFC 8300), ethertype 0x894f and VXLAN-GPE's next protocol 4. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Ver|O|U|    TTL    |   Length  |U|U|U|U|MD Type| Next Protocol |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Service Path Identifier (SPI)        | Service Index |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Context Header(s)                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Length counts 4-byte words, the two above included. MD type 1 has four
 * fixed context words; MD type 2 has TLVs (class 16 bits, type 8, a
 * reserved bit and a 7-bit length in bytes, the value padded to words).
 */
#include "capture/print-int.h"

#define NSH_HDR_WORD 4u
#define MD_TYPE1 0x01
#define MD_TYPE2 0x02

static const struct pr_tok nsh_flags[] = {
	{ 0x2, "O" },
	{ 0, NULL },
};

static const struct pr_tok md_names[] = {
	{ 0x00, "reserved" },
	{ 0x01, "1" },
	{ 0x02, "2" },
	{ 0x0f, "experimental" },
	{ 0, NULL },
};

static const struct pr_tok np_names[] = {
	{ 0x01, "IPv4" },
	{ 0x02, "IPv6" },
	{ 0x03, "Ethernet" },
	{ 0x04, "NSH" },
	{ 0x05, "MPLS" },
	{ 0xfe, "Experiment 1" },
	{ 0xff, "Experiment 2" },
	{ 0, NULL },
};

static const struct pr_disp nsh_printers[] = {
	{ 0x01, ip_print },
	{ 0x02, ip6_print },
	{ 0x03, ether_encap_print },
	{ 0, NULL },
};

/* The MD type 2 TLVs of words context words: 0, -1 invalid, PR_STOP. */
static int md2_print(struct pr_ctx *c, const uint8_t **bpp, unsigned words)
{
	const uint8_t *bp = *bpp;
	unsigned n = 0;

	while (n < words) {
		uint16_t cls;
		uint8_t type, l8;
		unsigned tlen, padded, vn;

		PR_BE16(c, bp, cls);
		PR_U8(c, bp + 2, type);
		PR_U8(c, bp + 3, l8);
		bp += 4;
		tlen = l8 & 0x7f;
		padded = (tlen + 3) & ~3u;
		pr_printf(c, "\n        TLV Class %u, Type %u, Len %u", cls,
			  type, tlen);
		n += 1;
		if (words < n + padded / NSH_HDR_WORD) {
			pr_puts(c, " (length too big)");
			return -1;
		}
		if (tlen) {
			const char *sep = "0x";

			pr_puts(c, "\n            Value: ");
			for (vn = 0; vn < tlen; vn++) {
				uint8_t b;

				PR_U8(c, bp, b);
				pr_printf(c, "%s%02x", sep, b);
				bp += 1;
				sep = ":";
			}
			PR_NEED(c, bp, padded - tlen);
			bp += padded - tlen;
			n += padded / NSH_HDR_WORD;
		}
	}
	*bpp = bp;
	return 0;
}

int nsh_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	unsigned ver, length, md, past = 0, n;
	uint32_t base, spi;
	uint8_t next, si;
	pr_fn fn;

	c->proto = "nsh";
	if (len < 8) {
		pr_printf(c, " (packet length %u < %u)", len, 8);
		pr_invalid(c);
		return 0;
	}
	PR_BE32(c, bp, base);
	bp += 4;
	ver = base >> 30;
	length = (base >> 16) & 0x3f;
	md = (base >> 8) & 0xf;
	next = (uint8_t)base;
	pr_puts(c, "NSH, ");
	if (c->o.vflag > 1)
		pr_printf(c, "ver %u, ", ver);
	if (ver != 0)
		return 0;
	pr_puts(c, "flags [");
	pr_bittok_print(c, nsh_flags, "", "none", (base >> 28) & 3);
	pr_puts(c, "], ");
	if (c->o.vflag > 2) {
		pr_printf(c, "TTL %u, ", (base >> 22) & 0x3f);
		pr_printf(c, "length %u, ", length);
		pr_puts(c, "md type ");
		pr_tok_print(c, md_names, "unknown (0x%02x)", md);
		pr_puts(c, ", ");
	}
	if (c->o.vflag > 1) {
		pr_puts(c, "next-protocol ");
		pr_tok_print(c, np_names, "unknown (0x%02x)", next);
		pr_puts(c, ", ");
	}
	if (len < length * NSH_HDR_WORD) {
		pr_printf(c, " (too many headers for packet length %u)", len);
		pr_invalid(c);
		return 0;
	}
	PR_BE24(c, bp, spi);
	pr_printf(c, "service-path-id 0x%06x, ", spi);
	PR_U8(c, bp + 3, si);
	pr_printf(c, "service-index 0x%x", si);
	bp += 4;
	if (length < 2) {
		pr_puts(c, " (less than two headers)");
		pr_invalid(c);
		return 0;
	}
	if (c->o.vflag > 2) {
		if (md == MD_TYPE1) {
			if (length != 6) {
				pr_puts(c, " (invalid length for the MD type)");
				pr_invalid(c);
				return 0;
			}
			for (n = 0; n < length - 2; n++) {
				uint32_t w;

				PR_BE32(c, bp, w);
				pr_printf(c, "\n        Context[%02u]: 0x%08x", n,
					  w);
				bp += NSH_HDR_WORD;
			}
			past = 1;
		} else if (md == MD_TYPE2) {
			int rc = md2_print(c, &bp, length - 2);

			if (rc == PR_STOP)
				return rc;
			if (rc < 0) {
				pr_invalid(c);
				return 0;
			}
			past = 1;
		}
	}
	if (!past) {
		PR_NEED(c, bp, (length - 2) * NSH_HDR_WORD);
		bp += (length - 2) * NSH_HDR_WORD;
	}
	pr_puts(c, c->o.vflag ? "\n    " : ": ");
	fn = pr_lookup(nsh_printers, next);
	if (!fn) {
		pr_puts(c, "ERROR: unknown-next-protocol");
		return 0;
	}
	return fn(c, bp, len - length * NSH_HDR_WORD);
}
