/* print-hsrp.c: Cisco's Hot Standby Router Protocol version 0 (RFC 2281), UDP port 1985. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Version     |   Op Code     |     State     |   Hellotime   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Holdtime    |   Priority    |     Group     |   Reserved    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Authentication Data (8 bytes)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Virtual IP Address                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

static const struct pr_tok op_names[] = {
	{ 0, "hello" },
	{ 1, "coup" },
	{ 2, "resign" },
	{ 0, NULL },
};

static const struct pr_tok state_names[] = {
	{ 0, "initial" }, { 1, "learn" },   { 2, "listen" },
	{ 4, "speak" },   { 8, "standby" }, { 16, "active" },
	{ 0, NULL },
};

/* 1 when the datagram is not to port 1985 (tcpdump checks only that). */
int hsrp_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t version, op, state, group, resv, hello, hold, prio;

	if (c->dport != 1985)
		return 1;
	c->proto = "hsrp";
	PR_U8(c, bp, version);
	pr_printf(c, "HSRPv%u", version);
	if (version != 0)
		return 0;
	pr_putc(c, '-');
	PR_U8(c, bp + 1, op);
	pr_tok_print(c, op_names, "unknown (%u)", op);
	pr_printf(c, " %u: ", len);
	PR_U8(c, bp + 2, state);
	pr_puts(c, "state=");
	pr_tok_print(c, state_names, "Unknown (%u)", state);
	PR_U8(c, bp + 6, group);
	pr_printf(c, " group=%u ", group);
	PR_U8(c, bp + 7, resv);
	if (resv != 0)
		pr_printf(c, "[reserved=%u!] ", resv);
	PR_IP4(c, "addr=", bp + 16);
	if (!c->o.vflag)
		return 0;
	PR_U8(c, bp + 3, hello);
	pr_puts(c, " hellotime=");
	pr_relts(c, hello);
	PR_U8(c, bp + 4, hold);
	pr_puts(c, " holdtime=");
	pr_relts(c, hold);
	PR_U8(c, bp + 5, prio);
	pr_printf(c, " priority=%u auth=\"", prio);
	if (pr_printjnp(c, bp + 8, 8) == PR_STOP)
		return PR_STOP;
	pr_putc(c, '"');
	return 0;
}
