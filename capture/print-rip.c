/* print-rip.c: RIP version 1 (RFC 1058) and 2 (RFC 2453, RFC 4822 authentication) on UDP port 520. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Command (1)  |  Version (1)  |            unused             |
 *  +---------------+---------------+-------------------------------+
 *  | Address Family Identifier (2) |  Route Tag (2, v1: zero)      |
 *  |                        IP Address (4)                         |
 *  |                Subnet Mask (4, v1: zero)                      |
 *  |                  Next Hop (4, v1: zero)                       |
 *  |                         Metric (4)                            |
 *  +---------------------------------------------------------------+
 *  ... one 20-byte entry per route. A v2 entry of family 0xffff is
 *  authentication: type 2 a 16-byte password, type 3 (RFC 4822) a
 *  header of packet length, key id, data length, sequence number.
 */
#include "capture/print-int.h"

#define RIP_ROUTELEN 20u

static const struct pr_tok cmd_names[] = {
	{ 1, "Request" },   { 2, "Response" }, { 3, "Trace on" },
	{ 4, "Trace off" }, { 5, "Poll" },     { 6, "Poll Entry" },
	{ 0, NULL },
};

/* BSD address families, tcpdump's bsd_af_values. */
static const struct pr_tok bsd_af_names[] = {
	{ 2, "IPv4" },	{ 6, "NS" },   { 7, "ISO" },  { 16, "Appletalk" },
	{ 23, "IPX" },	{ 24, "IPv6" }, { 28, "IPv6" }, { 30, "IPv6" },
	{ 0, NULL },
};

/* The prefix length of a contiguous mask, -1 for another. */
static int mask2plen(uint32_t mask)
{
	int plen = 0;

	while (plen < 32 && (mask & (0x80000000u >> plen)))
		plen++;
	if (plen < 32 && (mask << plen) != 0)
		return -1;
	return plen;
}

/* One v1 entry: its size, 0 when cut short, PR_STOP. */
static int entry_v1(struct pr_ctx *c, const uint8_t *p, unsigned remaining)
{
	uint16_t family, mbz1;
	uint32_t mbz2, mbz3, metric;

	if (remaining < RIP_ROUTELEN || !pr_has(c, p, RIP_ROUTELEN))
		return 0;
	PR_BE16(c, p, family);
	if (family != 2 && family != 0) {
		pr_puts(c, "\n\t AFI ");
		pr_tok_print(c, bsd_af_names, "Unknown (%u)", family);
		pr_puts(c, ", ");
		pr_unknown_data(c, p + 4, "\n\t  ", RIP_ROUTELEN - 4);
		return RIP_ROUTELEN;
	}
	PR_BE16(c, p + 2, mbz1);
	PR_BE32(c, p + 8, mbz2);
	PR_BE32(c, p + 12, mbz3);
	if (mbz1 || mbz2 || mbz3) {
		pr_unknown_data(c, p, "\n\t  ", RIP_ROUTELEN);
		return RIP_ROUTELEN;
	}
	PR_BE32(c, p + 16, metric);
	PR_IP4(c, family == 0 ? "\n\t  AFI 0, " : "\n\t  ", p + 4);
	pr_printf(c, ", metric: %u", metric);
	return RIP_ROUTELEN;
}

/* One v2 entry or authentication: its size, 0 when cut short, PR_STOP. */
static int entry_v2(struct pr_ctx *c, const uint8_t *p, unsigned remaining)
{
	uint16_t family, tag;

	if (remaining < 4 || !pr_has(c, p, 4))
		return 0;
	PR_BE16(c, p, family);
	PR_BE16(c, p + 2, tag);
	if (family == 0xffff) {
		p += 4;
		remaining -= 4;
		if (tag == 2) {
			pr_puts(c, "\n\t  Simple Text Authentication data: ");
			if (pr_printjnp(c, p, 16) == PR_STOP)
				return PR_STOP;
		} else if (tag == 3) {
			uint16_t plen;
			uint8_t key, dlen;
			uint32_t seq, z1, z2;

			if (!pr_has(c, p, 16) || remaining < 16)
				return 0;
			PR_BE16(c, p, plen);
			PR_U8(c, p + 2, key);
			PR_U8(c, p + 3, dlen);
			PR_BE32(c, p + 4, seq);
			PR_BE32(c, p + 8, z1);
			PR_BE32(c, p + 12, z2);
			pr_printf(c,
				  "\n\t  Auth header: Packet Len %u, Key-ID %u, Auth Data Len %u, SeqNo %u, MBZ %u, MBZ %u",
				  plen, key, dlen, seq, z1, z2);
		} else {
			if (tag == 1)
				pr_puts(c, "\n\t  Auth trailer:");
			else
				pr_printf(c, "\n\t  Unknown (%u) Authentication data:",
					  tag);
			pr_unknown_data(c, p, "\n\t  ", remaining);
			return 4 + (int)remaining;
		}
	} else if (family != 2 && family != 0) {
		pr_puts(c, "\n\t  AFI ");
		pr_tok_print(c, bsd_af_names, "Unknown (%u)", family);
		pr_unknown_data(c, p + 4, "\n\t  ", RIP_ROUTELEN - 4);
	} else {
		uint32_t mask, hop, metric;
		uint8_t a[4];

		if (!pr_has(c, p, RIP_ROUTELEN) || remaining < RIP_ROUTELEN)
			return 0;
		PR_BE32(c, p + 8, mask);
		PR_BE32(c, p + 12, hop);
		PR_BE32(c, p + 16, metric);
		pr_puts(c, "\n\t  AFI ");
		pr_tok_print(c, bsd_af_names, "%u", family);
		pr_puts(c, ", ");
		PR_COPY(c, p + 4, a, 4);
		pr_ip4_right(c, a, 15);
		pr_printf(c, "/%-2d, tag 0x%04x, metric: %u, next-hop: ",
			  mask2plen(mask), tag, metric);
		if (hop)
			PR_IP4(c, "", p + 12);
		else
			pr_puts(c, "self");
	}
	return RIP_ROUTELEN;
}

int rip_print(struct pr_ctx *c, const uint8_t *dat, unsigned length)
{
	unsigned len, entry;
	uint8_t vers, cmd;
	const uint8_t *p;
	int rc;

	c->proto = "rip";
	len = (unsigned)pr_left(c, dat);
	if (len > length)
		len = length;
	if (len < 4) {
		pr_trunc(c);
		return 0;
	}
	len -= 4;
	PR_U8(c, dat + 1, vers);
	pr_printf(c, "%sRIPv%u", c->o.vflag ? "\n\t" : "", vers);
	if (vers == 0) {
		pr_unknown_data(c, dat, "\n\t", length);
		return 0;
	}
	PR_U8(c, dat, cmd);
	pr_puts(c, ", ");
	pr_tok_print(c, cmd_names, "unknown command (%u)", cmd);
	pr_printf(c, ", length: %u", length);
	if (!c->o.vflag)
		return 0;
	switch (cmd) {
	case 1:
	case 2:
		if (vers > 2) {
			pr_puts(c, ", unknown version");
			break;
		}
		pr_printf(c, vers == 1 ? ", routes: %u" : ", routes: %u or less",
			  length / RIP_ROUTELEN);
		p = dat + 4;
		while (len != 0) {
			rc = vers == 1 ? entry_v1(c, p, len) : entry_v2(c, p, len);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc == 0) {
				pr_trunc(c);
				break;
			}
			entry = (unsigned)rc;
			if (len < entry) {
				pr_printf(c, " [remaining entries length %u < %u]",
					  len, entry);
				pr_invalid(c);
				break;
			}
			p += entry;
			len -= entry;
		}
		break;
	case 4:
	case 5:
	case 6:
		break;
	default:
		if (c->o.vflag <= 1)
			pr_unknown_data(c, dat, "\n\t", length);
		break;
	}
	if (c->o.vflag > 1)
		pr_unknown_data(c, dat, "\n\t", length);
	return 0;
}
