/* print-ripng.c: RIPng (RFC 2080) requests and responses on UDP port 521. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  command (1)  |  version (1)  |       must be zero (2)        |
 *  +---------------+---------------+-------------------------------+
 *  |                     IPv6 prefix (16)                          |
 *  +---------------------------------------------------------------+
 *  |         route tag (2)         | prefix len (1)|  metric (1)   |
 *  +---------------------------------------------------------------+
 *  ... one 20-byte route table entry after another.
 */
#include "capture/print-int.h"

#define RTE_LEN 20u

static int entry_print(struct pr_ctx *c, const uint8_t *ni, int metric_too)
{
	uint16_t tag;
	uint8_t plen, metric;

	PR_IP6(c, "", ni);
	PR_U8(c, ni + 18, plen);
	pr_printf(c, "/%u", plen);
	PR_BE16(c, ni + 16, tag);
	if (tag)
		pr_printf(c, " [%u]", tag);
	PR_U8(c, ni + 19, metric);
	if (metric && metric_too)
		pr_printf(c, " (%u)", metric);
	return 0;
}

int ripng_print(struct pr_ctx *c, const uint8_t *dat, unsigned length)
{
	uint8_t vers, cmd, metric;
	unsigned left, j;
	const uint8_t *ni;

	c->proto = "ripng";
	PR_U8(c, dat + 1, vers);
	if (vers != 1) {
		pr_printf(c, " [vers %u]", vers);
		goto invalid;
	}
	PR_U8(c, dat, cmd);
	if (cmd != 1 && cmd != 2) {
		pr_printf(c, " ripng-%u ?? %u", cmd, length);
		goto invalid;
	}
	if (length < 4)
		goto invalid;
	left = length - 4;
	j = left / RTE_LEN;
	if (cmd == 1 && j == 1) {
		static const uint8_t any[16];
		uint8_t dst[16];

		PR_U8(c, dat + 4 + 19, metric);
		PR_COPY(c, dat + 4, dst, 16);
		if (metric == 16 && memcmp(dst, any, 16) == 0) {
			pr_puts(c, " ripng-req dump");
			return 0;
		}
	}
	pr_printf(c, cmd == 1 ? " ripng-req %u" : " ripng-resp %u", j);
	if (j * RTE_LEN != left)
		pr_printf(c, "[%u]", length);
	pr_putc(c, ':');
	for (ni = dat + 4; left >= RTE_LEN; left -= RTE_LEN, ni += RTE_LEN) {
		pr_puts(c, c->o.vflag > 1 ? "\n\t" : " ");
		if (entry_print(c, ni, cmd == 2) == PR_STOP)
			return PR_STOP;
	}
	if (left != 0)
		goto invalid;
	return 0;
invalid:
	pr_invalid(c);
	return 0;
}
