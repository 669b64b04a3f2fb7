/* print-mpls.c: the MPLS label stack (RFC 3032) and the packet under it. */
/*
 * A label stack entry:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                Label                  | TC  |S|      TTL      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Entries repeat until one has S (bottom of stack) set. Nothing says what
 * follows: labels 0 and 3 mean IPv4, 2 IPv6; otherwise the first byte is
 * guessed from (0x45-0x4f IPv4, 0x60-0x6f IPv6, 0x81-0x83 OSI), as
 * tcpdump does, and anything else is dumped in hex.
 */
#include "capture/print-int.h"

#define MPLS_LABEL(x) (((x) >> 12) & 0xfffff)
#define MPLS_TC(x) (((x) >> 9) & 7)
#define MPLS_STACK(x) (((x) >> 8) & 1)
#define MPLS_TTL(x) ((x) & 0xff)

/* The reserved labels (RFC 3032 2.1). */
static const char *const mpls_labelname[16] = {
	"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL",
	"implicit NULL", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
	"rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
};

int mpls_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *p = bp;
	unsigned depth = 0, label;
	uint32_t e;
	uint8_t first;

	c->proto = "mpls";
	pr_puts(c, "MPLS");
	do {
		if (length < 4) {
			pr_invalid(c);
			PR_NEED(c, p, length);
			return 0;
		}
		PR_BE32(c, p, e);
		label = MPLS_LABEL(e);
		pr_puts(c, depth && c->o.vflag ? "\n\t(label " : " (label ");
		pr_uint(c, label);
		depth++;
		if (c->o.vflag && label < 16)
			pr_printf(c, " (%s)", mpls_labelname[label]);
		pr_printf(c, ", tc %u", MPLS_TC(e));
		if (MPLS_STACK(e))
			pr_puts(c, ", [S]");
		pr_printf(c, ", ttl %u)", MPLS_TTL(e));
		p += 4;
		length -= 4;
	} while (!MPLS_STACK(e));

	switch (label) {
	case 0:
	case 3:
		first = 0x45;
		break;
	case 2:
		first = 0x60;
		break;
	default:
		if (length < 1)
			return 0;
		PR_U8(c, p, first);
	}
	if (first >= 0x45 && first <= 0x4f) {
		pr_puts(c, c->o.vflag ? "\n\t" : " ");
		return ip_print(c, p, length);
	}
	if (first >= 0x60 && first <= 0x6f) {
		pr_puts(c, c->o.vflag ? "\n\t" : " ");
		return ip6_print(c, p, length);
	}
	if (first >= 0x81 && first <= 0x83) {
		/* OSI CLNP, ES-IS, IS-IS */
		pr_puts(c, c->o.vflag ? "\n\t" : " ");
		return isoclns_print(c, p, length);
	}
	if (!c->suppress_default) {
		size_t left = pr_left(c, p);

		pr_default(c, p, left < length ? (unsigned)left : length);
		/* tcpdump's dump of more than was captured ends the packet */
		if (left < length)
			return pr_stop(c);
	}
	return 0;
}
