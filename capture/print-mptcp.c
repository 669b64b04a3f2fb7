/* print-mptcp.c: the Multipath TCP option (RFC 8684), TCP option kind 30. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------+-----------------------+
 *  |     Kind      |    Length     |Subtype|   subtype-specific    |
 *  +---------------+---------------+-------+-----------------------+
 *
 * Subtypes: 0 MP_CAPABLE, 1 MP_JOIN, 2 DSS, 3 ADD_ADDR, 4 REMOVE_ADDR,
 * 5 MP_PRIO, 6 MP_FAIL, 7 MP_FASTCLOSE. Each printer returns 1, or 0 for
 * a malformed option (tcpdump then prints "[bad opt]"), or PR_STOP.
 */
#include "capture/print-int.h"

#include <inttypes.h>

#define TH_SYN 0x02
#define TH_ACK 0x10

static int get64(struct pr_ctx *c, const uint8_t *p, uint64_t *v)
{
	uint32_t hi, lo;

	if (!pk_be32(&c->pk, p, &hi) || !pk_be32(&c->pk, p + 4, &lo))
		return 0;
	*v = (uint64_t)hi << 32 | lo;
	return 1;
}

#define MP_GET64(p, v)                                                   \
	do {                                                             \
		if (!get64(c, (p), &(v)))                                \
			return pr_stop(c);                               \
	} while (0)

static int capable_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
			 uint8_t flags)
{
	uint8_t ver, f;
	uint64_t k;

	if (!((len == 12 || len == 4) && (flags & TH_SYN)) &&
	    !((len == 20 || len == 22) && (flags & (TH_SYN | TH_ACK)) == TH_ACK))
		return 0;
	PR_U8(c, opt + 2, ver);
	ver &= 0xf;
	if (ver > 1) {
		pr_printf(c, " Unknown Version (%u)", ver);
		return 1;
	}
	pr_printf(c, " v%u", ver);
	PR_U8(c, opt + 3, f);
	if (f & 0x80)
		pr_puts(c, " csum");
	if (len == 12 || len >= 20) {
		MP_GET64(opt + 4, k);
		pr_printf(c, " {0x%" PRIx64, k);
		if (len >= 20) {
			MP_GET64(opt + 12, k);
			pr_printf(c, ",0x%" PRIx64, k);
		}
		pr_putc(c, '}');
	}
	return 1;
}

static int join_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
		      uint8_t flags)
{
	uint8_t b, id;
	uint32_t t, n;
	uint64_t mac;
	unsigned i;

	if (!(len == 12 && (flags & TH_SYN)) &&
	    !(len == 16 && (flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) &&
	    !(len == 24 && (flags & TH_ACK)))
		return 0;
	if (len != 24) {
		PR_U8(c, opt + 2, b);
		if (b & 1)
			pr_puts(c, " backup");
		PR_U8(c, opt + 3, id);
		pr_printf(c, " id %u", id);
	}
	switch (len) {
	case 12:
		PR_BE32(c, opt + 4, t);
		PR_BE32(c, opt + 8, n);
		pr_printf(c, " token 0x%x nonce 0x%x", t, n);
		break;
	case 16:
		MP_GET64(opt + 4, mac);
		PR_BE32(c, opt + 12, n);
		pr_printf(c, " hmac 0x%" PRIx64 " nonce 0x%x", mac, n);
		break;
	case 24:
		pr_puts(c, " hmac 0x");
		for (i = 0; i < 20; i++) {
			PR_U8(c, opt + 4 + i, b);
			pr_hex(c, b, 2);
		}
		break;
	}
	return 1;
}

static int dss_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
		     uint8_t flags)
{
	uint8_t f;
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;

	if (len < 4 || (flags & TH_SYN))
		return 0;
	PR_U8(c, opt + 3, f);
	if (f & 0x10)
		pr_puts(c, " fin");
	opt += 4;
	len -= 4;
	if (f & 0x01) {
		pr_puts(c, " ack ");
		if (f & 0x02) {
			if (len < 8)
				return 0;
			MP_GET64(opt, v64);
			pr_printf(c, "%" PRIu64, v64);
			opt += 8;
			len -= 8;
		} else {
			if (len < 4)
				return 0;
			PR_BE32(c, opt, v32);
			pr_printf(c, "%u", v32);
			opt += 4;
			len -= 4;
		}
	}
	if (f & 0x04) {
		pr_puts(c, " seq ");
		if (f & 0x08) {
			if (len < 8)
				return 0;
			MP_GET64(opt, v64);
			pr_printf(c, "%" PRIu64, v64);
			opt += 8;
			len -= 8;
		} else {
			if (len < 4)
				return 0;
			PR_BE32(c, opt, v32);
			pr_printf(c, "%u", v32);
			opt += 4;
			len -= 4;
		}
		if (len < 4)
			return 0;
		PR_BE32(c, opt, v32);
		pr_printf(c, " subseq %u", v32);
		opt += 4;
		len -= 4;
		if (len < 2)
			return 0;
		PR_BE16(c, opt, v16);
		pr_printf(c, " len %u", v16);
		opt += 2;
		len -= 2;
		if (len >= 2) {
			PR_BE16(c, opt, v16);
			pr_printf(c, " csum 0x%x", v16);
			len -= 2;
		}
	}
	return len == 0;
}

static int add_addr_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
			  uint8_t flags)
{
	static const struct pr_tok subecho[] = {
		{ 0x6, "v0-ip6" }, { 0x4, "v0-ip4" }, { 0x1, "v1-echo" },
		{ 0x0, "v1" }, { 0, NULL },
	};
	uint8_t se, id;
	uint16_t port;
	uint64_t mac;

	(void)flags;
	if (!(len == 8 || len == 10 || len == 16 || len == 18 || len == 20 ||
	      len == 22 || len == 28 || len == 30))
		return 0;
	PR_U8(c, opt + 2, se);
	pr_putc(c, ' ');
	pr_tok_print(c, subecho, "[bad version/echo]", se & 0xf);
	PR_U8(c, opt + 3, id);
	pr_printf(c, " id %u", id);
	if (len == 8 || len == 10 || len == 16 || len == 18) {
		PR_IP4(c, " ", opt + 4);
		if (len == 10 || len == 18) {
			PR_BE16(c, opt + 8, port);
			pr_printf(c, ":%u", port);
		}
		if (len == 16) {
			MP_GET64(opt + 8, mac);
			pr_printf(c, " hmac 0x%" PRIx64, mac);
		}
		if (len == 18) {
			MP_GET64(opt + 10, mac);
			pr_printf(c, " hmac 0x%" PRIx64, mac);
		}
	} else {
		PR_IP6(c, " ", opt + 4);
		if (len == 22 || len == 30) {
			PR_BE16(c, opt + 20, port);
			pr_printf(c, ":%u", port);
		}
		if (len == 28) {
			MP_GET64(opt + 20, mac);
			pr_printf(c, " hmac 0x%" PRIx64, mac);
		}
		if (len == 30) {
			MP_GET64(opt + 22, mac);
			pr_printf(c, " hmac 0x%" PRIx64, mac);
		}
	}
	return 1;
}

static int remove_addr_print(struct pr_ctx *c, const uint8_t *opt,
			     unsigned len, uint8_t flags)
{
	unsigned i;
	uint8_t id;

	(void)flags;
	if (len < 4)
		return 0;
	pr_puts(c, " id");
	for (i = 0; i < len - 3; i++) {
		PR_U8(c, opt + 3 + i, id);
		pr_printf(c, " %u", id);
	}
	return 1;
}

static int prio_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
		      uint8_t flags)
{
	uint8_t b, id;

	(void)flags;
	if (len != 3 && len != 4)
		return 0;
	PR_U8(c, opt + 2, b);
	pr_puts(c, b & 1 ? " backup" : " non-backup");
	if (len == 4) {
		PR_U8(c, opt + 3, id);
		pr_printf(c, " id %u", id);
	}
	return 1;
}

static int fail_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
		      uint8_t flags)
{
	uint64_t v;

	(void)flags;
	if (len != 12)
		return 0;
	MP_GET64(opt + 4, v);
	pr_printf(c, " seq %" PRIu64, v);
	return 1;
}

static int fast_close_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
			    uint8_t flags)
{
	uint64_t v;

	(void)flags;
	if (len != 12)
		return 0;
	MP_GET64(opt + 4, v);
	pr_printf(c, " key 0x%" PRIx64, v);
	return 1;
}

static int unknown_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
			 uint8_t flags)
{
	(void)c;
	(void)opt;
	(void)len;
	(void)flags;
	return 1;
}

/* Subtype -> printer (the last entry takes every unknown subtype). */
static const struct {
	const char *name;
	int (*print)(struct pr_ctx *, const uint8_t *, unsigned, uint8_t);
} subtypes[] = {
	{ "capable", capable_print },
	{ "join", join_print },
	{ "dss", dss_print },
	{ "add-addr", add_addr_print },
	{ "rem-addr", remove_addr_print },
	{ "prio", prio_print },
	{ "fail", fail_print },
	{ "fast-close", fast_close_print },
	{ "unknown", unknown_print },
};

int mptcp_print(struct pr_ctx *c, const uint8_t *cp, unsigned len,
		uint8_t flags)
{
	unsigned sub;
	uint8_t b;

	c->proto = "mptcp";
	if (len < 3)
		return 0;
	PR_U8(c, cp + 2, b);
	sub = b >> 4;
	if (sub > 8)
		sub = 8;
	pr_printf(c, " %u %s", len, subtypes[sub].name);
	return subtypes[sub].print(c, cp, len, flags);
}
