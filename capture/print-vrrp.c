/* print-vrrp.c: VRRP v2 (RFC 3768) and v3 (RFC 5798) advertisements, IP protocol 112. */
/*
 * Version 2:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Type  | Virtual Rtr ID|   Priority    | Count IP Addrs|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Auth Type   |   Adver Int   |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    IP Address (1) ... (n)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              Authentication Data (8 bytes, simple)            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Version 3 keeps the first word; the second is 4 reserved bits and a
 * 12-bit maximum advertisement interval in centiseconds, then the
 * checksum (over an IP pseudo-header, unlike v2's), then IPv4 or IPv6
 * addresses and no authentication data.
 */
#include "capture/print-int.h"

static const struct pr_tok type_names[] = {
	{ 1, "Advertisement" },
	{ 0, NULL },
};

static const struct pr_tok auth_names[] = {
	{ 0, "none" },
	{ 1, "simple" },
	{ 2, "ah" },
	{ 0, NULL },
};

int vrrp_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t b0, vrid, prio, naddrs, auth = 0, ttl, b4, b5;
	unsigned version, type, i;
	uint16_t cksum;

	c->proto = "vrrp";
	pr_puts(c, "VRRP");
	PR_U8(c, bp, b0);
	version = b0 >> 4;
	type = b0 & 0x0f;
	pr_printf(c, "v%u, ", version);
	pr_tok_print(c, type_names, "unknown type (%u)", type);
	PR_U8(c, c->iph + (c->ipver == 6 ? 7 : 8), ttl);
	if (ttl != 255)
		pr_printf(c, ", (ttl %u)", ttl);
	if (version < 2 || version > 3 || type != 1)
		return 0;
	PR_U8(c, bp + 1, vrid);
	PR_U8(c, bp + 2, prio);
	pr_printf(c, ", vrid %u, prio %u", vrid, prio);
	PR_U8(c, bp + 4, b4);
	PR_U8(c, bp + 5, b5);
	if (version == 2) {
		auth = b4;
		pr_puts(c, ", authtype ");
		pr_tok_print(c, auth_names, "#%u", auth);
		pr_printf(c, ", intvl %us, length %u", b5, len);
	} else {
		pr_printf(c, ", intvl %ucs, length %u",
			  (unsigned)(b4 & 0x0f) << 8 | b5, len);
	}
	if (!c->o.vflag)
		return 0;
	PR_U8(c, bp + 3, naddrs);
	if (pr_has(c, bp, len)) {
		uint32_t acc = 0;
		uint16_t sum;

		if (version == 3 && ip_pseudo_sum(c, 112, len, &acc) == PR_STOP)
			return PR_STOP;
		sum = pr_cksum_fold(pr_cksum_add(acc, bp, len));
		if (sum != 0) {
			PR_BE16(c, bp + 6, cksum);
			pr_printf(c, ", (bad vrrp cksum %x)", cksum);
		}
	}
	pr_puts(c, ", addrs");
	if (naddrs > 1)
		pr_printf(c, "(%u)", naddrs);
	pr_putc(c, ':');
	bp += 8;
	for (i = 0; i < naddrs; i++) {
		const char *sep = i ? "," : " ";

		if (c->ipver == 4) {
			PR_IP4(c, sep, bp);
			bp += 4;
		} else {
			PR_IP6(c, sep, bp);
			bp += 16;
		}
	}
	if (version == 2 && auth == 1) {
		pr_puts(c, " auth \"");
		if (pr_printjnp(c, bp, 8) == PR_STOP)
			return PR_STOP;
		pr_putc(c, '"');
	}
	return 0;
}
