/* print-igrp.c: Cisco's Interior Gateway Routing Protocol on IP protocol 9: the header and its routing entries. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version|Opcode |    Edition    |   Autonomous system number    |
 *  |  Interior networks (count)    |    System networks (count)    |
 *  |  Exterior networks (count)    |           Checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Then 14-byte entries: 3 bytes of network, delay (24 bits, tens of
 * microseconds), bandwidth (24 bits), MTU (16), reliability, load and
 * hop count; interior entries first, then system, then exterior.
 */
#include "capture/print-int.h"

#define IGRP_HDRLEN 12u
#define IGRP_RTE_SIZE 14u

static const struct pr_tok op_names[] = {
	{ 1, "update" },
	{ 2, "request" },
	{ 0, NULL },
};

static int entry_print(struct pr_ctx *c, const uint8_t *e)
{
	uint32_t delay, bw, metric;
	uint16_t mtu;
	uint8_t rel, ld, hops;

	PR_BE24(c, e + 3, delay);
	PR_BE24(c, e + 6, bw);
	metric = bw + delay > 0xffffff ? 0xffffff : bw + delay;
	PR_BE16(c, e + 9, mtu);
	PR_U8(c, e + 11, rel);
	PR_U8(c, e + 12, ld);
	PR_U8(c, e + 13, hops);
	pr_printf(c, " d=%u b=%u r=%u l=%u M=%u mtu=%u in %u hops", 10 * delay,
		  bw == 0 ? 0 : 10000000 / bw, rel, ld, metric, mtu, hops);
	return 0;
}

int igrp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *cp = bp + IGRP_HDRLEN;
	uint16_t nint, nsys, next, as, ck;
	uint8_t vop, ed, n[3];

	c->proto = "igrp";
	pr_puts(c, "igrp:");
	PR_BE16(c, bp + 4, nint);
	PR_BE16(c, bp + 6, nsys);
	PR_BE16(c, bp + 8, next);
	PR_U8(c, bp, vop);
	PR_U8(c, bp + 1, ed);
	PR_BE16(c, bp + 2, as);
	pr_putc(c, ' ');
	pr_tok_print(c, op_names, "op-#%u", vop & 0x0f);
	pr_printf(c, " V%u edit=%u AS=%u (%u/%u/%u)", vop >> 4, ed, as, nint,
		  nsys, next);
	PR_BE16(c, bp + 10, ck);
	if (c->o.vflag)
		pr_printf(c, " checksum=0x%04x", ck);
	length -= IGRP_HDRLEN;
	while (length >= IGRP_RTE_SIZE) {
		PR_COPY(c, cp, n, 3);
		if (nint > 0) {
			pr_printf(c, " *.%u.%u.%u", n[0], n[1], n[2]);
			nint--;
		} else if (nsys > 0) {
			pr_printf(c, " %u.%u.%u.0", n[0], n[1], n[2]);
			nsys--;
		} else if (next > 0) {
			pr_printf(c, " X%u.%u.%u.0", n[0], n[1], n[2]);
			next--;
		} else {
			pr_printf(c, " [extra bytes %u]", length);
			break;
		}
		if (entry_print(c, cp) == PR_STOP)
			return PR_STOP;
		cp += IGRP_RTE_SIZE;
		length -= IGRP_RTE_SIZE;
	}
	if (nint || nsys || next || length)
		pr_invalid(c);
	return 0;
}
