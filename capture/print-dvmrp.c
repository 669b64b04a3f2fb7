/* print-dvmrp.c: DVMRP (RFC 1075, draft-ietf-idmr-dvmrp-v3) inside IGMP type 0x13: probes, reports, neighbor lists, prunes and grafts. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Type (0x13)  |     Code      |           Checksum            |
 *  |           Reserved            |   Minor       |   Major       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The code is the DVMRP message type; Neighbors2 lists local address,
 * metric, threshold, flags, count, then the neighbors' addresses.
 */
#include "capture/print-int.h"

static const struct pr_tok type_names[] = {
	{ 1, "Probe" },
	{ 2, "Report" },
	{ 3, "Ask-neighbors(old)" },
	{ 4, "Neighbors(old)" },
	{ 5, "Ask-neighbors2" },
	{ 6, "Neighbors2" },
	{ 7, "Prune" },
	{ 8, "Graft" },
	{ 9, "Graft-ACK" },
	{ 0, NULL },
};

static void quad_print(struct pr_ctx *c, uint32_t a)
{
	pr_printf(c, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff,
		  a & 0xff);
}

static int report_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t m[3], b;
	unsigned width, i, done;
	uint32_t origin;

	while (len > 0) {
		if (len < 3) {
			pr_printf(c, " [length %u < 3]", len);
			goto invalid;
		}
		PR_COPY(c, bp, m, 3);
		width = m[2] ? 4 : m[1] ? 3 : m[0] ? 2 : 1;
		pr_puts(c, "\n\tMask ");
		quad_print(c, 0xffu << 24 | (uint32_t)m[0] << 16 | m[1] << 8 | m[2]);
		bp += 3;
		len -= 3;
		do {
			if (len < width + 1) {
				pr_puts(c, "\n\t  [Truncated Report]");
				goto invalid;
			}
			origin = 0;
			for (i = 0; i < width; i++, bp++) {
				PR_U8(c, bp, b);
				origin = origin << 8 | b;
			}
			for (; i < 4; i++)
				origin <<= 8;
			PR_U8(c, bp, b);
			bp++;
			done = b & 0x80;
			pr_puts(c, "\n\t  ");
			quad_print(c, origin);
			pr_printf(c, " metric %u", b & 0x7f);
			len -= width + 1;
		} while (!done);
	}
	return 0;
invalid:
	pr_invalid(c);
	return 0;
}

static int probe_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint32_t genid;

	if (len < 4) {
		pr_printf(c, " [full length %u < 4]", len);
		pr_invalid(c);
		return 0;
	}
	PR_BE32(c, bp, genid);
	pr_printf(c, "%sgenid %u", c->o.vflag > 1 ? "\n\t" : " ", genid);
	if (c->o.vflag < 2)
		return 0;
	for (bp += 4, len -= 4; len > 0; bp += 4, len -= 4) {
		if (len < 4) {
			pr_printf(c, "[remaining length %u < 4]", len);
			pr_invalid(c);
			return 0;
		}
		PR_IP4(c, "\n\tneighbor ", bp);
	}
	return 0;
}

/* Neighbors (old, v2 0) and Neighbors2 (v2 1, with flags and version). */
static int neighbors_print(struct pr_ctx *c, const uint8_t *bp, unsigned len,
			   int v2)
{
	const uint8_t *laddr;
	uint8_t metric, thresh, flags = 0, n8;
	int ncount;
	unsigned hdr = v2 ? 8 : 7;

	while (len > 0) {
		if (len < hdr) {
			pr_printf(c, " [length %u < %u]", len, hdr);
			goto invalid;
		}
		laddr = bp;
		PR_U8(c, bp + 4, metric);
		PR_U8(c, bp + 5, thresh);
		if (v2)
			PR_U8(c, bp + 6, flags);
		PR_U8(c, bp + hdr - 1, n8);
		ncount = n8;
		bp += hdr;
		len -= hdr;
		while (--ncount >= 0 && (!v2 || len > 0)) {
			if (len < 4) {
				pr_printf(c, " [length %u < 4]", len);
				goto invalid;
			}
			PR_NEED(c, laddr, 4);
			PR_IP4(c, " [", laddr);
			if (!v2) {
				PR_IP4(c, " -> ", bp);
				pr_printf(c, ", (%u/%u)]", metric, thresh);
			} else {
				PR_IP4(c, " -> ", bp);
				pr_printf(c, " (%u/%u%s%s%s%s%s)]", metric, thresh,
					  (flags & 0x01) ? "/tunnel" : "",
					  (flags & 0x02) ? "/srcrt" : "",
					  (flags & 0x40) ? "/querier" : "",
					  (flags & 0x20) ? "/disabled" : "",
					  (flags & 0x10) ? "/down" : "");
			}
			bp += 4;
			len -= 4;
		}
		if (v2 && ncount != -1) {
			pr_puts(c, " [invalid ncount]");
			goto invalid;
		}
	}
	return 0;
invalid:
	pr_invalid(c);
	return 0;
}

int dvmrp_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t type, maj, min;
	uint32_t t;

	c->proto = "dvmrp";
	if (len < 8) {
		pr_printf(c, " [length %u < 8]", len);
		pr_invalid(c);
		return 0;
	}
	PR_U8(c, bp + 1, type);
	pr_putc(c, ' ');
	pr_tok_print(c, type_names, "[type %u]", type);
	switch (type) {
	case 1:
		return c->o.vflag ? probe_print(c, bp + 8, len - 8) : 0;
	case 2:
		return c->o.vflag > 1 ? report_print(c, bp + 8, len - 8) : 0;
	case 4:
		return neighbors_print(c, bp + 8, len - 8, 0);
	case 6:
		PR_U8(c, bp + 7, maj);
		PR_U8(c, bp + 6, min);
		pr_printf(c, " (v %u.%u):", maj, min);
		return neighbors_print(c, bp + 8, len - 8, 1);
	case 7:
	case 8:
	case 9:
		PR_NEED(c, bp + 8, 8);
		PR_IP4(c, " src ", bp + 8);
		PR_IP4(c, " grp ", bp + 12);
		if (type == 7) {
			PR_BE32(c, bp + 16, t);
			pr_puts(c, " timer ");
			pr_relts(c, t);
		}
		return 0;
	default:
		return 0;
	}
}
