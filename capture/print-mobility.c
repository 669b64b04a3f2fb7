/* print-mobility.c: the IPv6 Mobility Header (RFC 6275 6.1), next header 135 (and the old 62). */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Payload Proto |  Header Len   |   MH Type     |   Reserved    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Checksum            |                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 *  .                       Message Data                            .
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Header Len is in 8-octet units, not counting the first 8. Message
 * types 0-7 (BRR, HoTI, CoTI, HoT, CoT, BU, BA, BE) have fixed fields,
 * then mobility options (type, length, data; Pad1 is one byte).
 */
#include "capture/print-int.h"

#define IP6M_MINLEN 8
#define IP6M_MAX 7

static const struct pr_tok ip6m_names[] = {
	{ 0, "BRR" }, { 1, "HoTI" }, { 2, "CoTI" }, { 3, "HoT" },
	{ 4, "CoT" }, { 5, "BU" },   { 6, "BA" },   { 7, "BE" },
	{ 0, NULL },
};

/* The shortest header each message type fits in. */
static const unsigned ip6m_hdrlen[IP6M_MAX + 1] = {
	IP6M_MINLEN,	  IP6M_MINLEN + 8, IP6M_MINLEN + 8,
	IP6M_MINLEN + 16, IP6M_MINLEN + 16, IP6M_MINLEN + 4,
	IP6M_MINLEN + 4,  IP6M_MINLEN + 16,
};

static const struct pr_tok bu_bits[] = {
	{ 0x08, "A" }, { 0x04, "H" }, { 0x02, "L" }, { 0x01, "K" },
	{ 0, NULL },
};

/* The options: 0, 1 cut short, PR_STOP. */
static int opt_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	unsigned i, optlen;
	uint8_t t, l;
	uint16_t a, b;

	for (i = 0; i < len; i += optlen) {
		PR_U8(c, bp + i, t);
		if (t == 0) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return 1;
			PR_U8(c, bp + i + 1, l);
			optlen = l + 2u;
		}
		if (i + optlen > len)
			return 1;
		/* tcpdump checks the byte after the option, not its last */
		if (!pr_has(c, bp + i + optlen, 1))
			return 1;
		switch (t) {
		case 0:
			pr_puts(c, "(pad1)");
			break;
		case 1:
			if (len - i < 2) {
				pr_puts(c, "(padn: trunc)");
				return 1;
			}
			pr_puts(c, "(padn)");
			break;
		case 2:
			if (len - i < 4) {
				pr_puts(c, "(refresh: trunc)");
				return 1;
			}
			PR_BE16(c, bp + i + 2, a);
			pr_printf(c, "(refresh: %u)", (unsigned)a << 2);
			break;
		case 3:
			if (len - i < 18) {
				pr_puts(c, "(altcoa: trunc)");
				return 1;
			}
			PR_IP6(c, "(alt-CoA: ", bp + i + 2);
			pr_putc(c, ')');
			break;
		case 4:
			if (len - i < 6) {
				pr_puts(c, "(ni: trunc)");
				return 1;
			}
			PR_BE16(c, bp + i + 2, a);
			PR_BE16(c, bp + i + 4, b);
			pr_printf(c, "(ni: ho=0x%04x co=0x%04x)", a, b);
			break;
		case 5:
			if (len - i < 12) {
				pr_puts(c, "(auth: trunc)");
				return 1;
			}
			pr_puts(c, "(auth)");
			break;
		default:
			if (len - i < 2) {
				pr_printf(c, "(sopt_type %u: trunc)", t);
				return 1;
			}
			PR_U8(c, bp + i + 1, l);
			pr_printf(c, "(type-0x%02x: len=%u)", t, l);
			break;
		}
	}
	return 0;
}

/* Two 32-bit words as "%08x:%08x". */
static int cookie_print(struct pr_ctx *c, const char *label,
			const uint8_t *p)
{
	uint32_t w0, w1;

	PR_BE32(c, p, w0);
	PR_BE32(c, p + 4, w1);
	pr_printf(c, " %s=%08x:%08x", label, w0, w1);
	return 0;
}

int mobility_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	unsigned mhlen, hlen;
	uint8_t l8, type, b;
	uint16_t v;
	int home, rc;

	(void)len;
	c->proto = "mobility";
	if (!pr_has(c, bp + 1, 1)) {
		pr_trunc(c);
		return -1;
	}
	PR_U8(c, bp + 1, l8);
	mhlen = (l8 + 1u) << 3;
	PR_U8(c, bp + 2, type);
	if (type <= IP6M_MAX && mhlen < ip6m_hdrlen[type]) {
		pr_printf(c, "(header length %u is too small for type %u)",
			  mhlen, type);
		pr_trunc(c);
		return -1;
	}
	pr_puts(c, "mobility: ");
	pr_tok_print(c, ip6m_names, "type-#%u", type);
	home = type == 1 || type == 3;
	hlen = IP6M_MINLEN;
	switch (type) {
	case 0:
		break;
	case 1:
	case 2:
		if (c->o.vflag) {
			rc = cookie_print(c, home ? "Home Init Cookie"
						  : "Care-of Init Cookie",
					  bp + hlen);
			if (rc)
				return rc;
		}
		hlen += 8;
		break;
	case 3:
	case 4:
		PR_BE16(c, bp + 6, v);
		pr_printf(c, " nonce id=0x%x", v);
		if (c->o.vflag) {
			rc = cookie_print(c, home ? "Home Init Cookie"
						  : "Care-of Init Cookie",
					  bp + hlen);
			if (rc)
				return rc;
		}
		hlen += 8;
		if (c->o.vflag) {
			rc = cookie_print(c, home ? "Home Keygen Token"
						  : "Care-of Keygen Token",
					  bp + hlen);
			if (rc)
				return rc;
		}
		hlen += 8;
		break;
	case 5:
		PR_BE16(c, bp + 6, v);
		pr_printf(c, " seq#=%u", v);
		if (!pr_has(c, bp + hlen, 2)) {
			pr_trunc(c);
			return -1;
		}
		PR_U8(c, bp + hlen, b);
		if (b >> 4) {
			pr_putc(c, ' ');
			pr_bittok_print(c, bu_bits, "", "bits-#0x%x", b >> 4);
		}
		hlen += 2;
		PR_BE16(c, bp + hlen, v);
		pr_printf(c, " lifetime=%u", (unsigned)v << 2);
		hlen += 2;
		break;
	case 6:
		PR_U8(c, bp + 6, b);
		pr_printf(c, " status=%u", b);
		PR_U8(c, bp + 7, b);
		if (b & 0x80)
			pr_puts(c, " K");
		PR_BE16(c, bp + hlen, v);
		pr_printf(c, " seq#=%u", v);
		hlen += 2;
		PR_BE16(c, bp + hlen, v);
		pr_printf(c, " lifetime=%u", (unsigned)v << 2);
		hlen += 2;
		break;
	case 7:
		PR_U8(c, bp + 6, b);
		pr_printf(c, " status=%u", b);
		PR_IP6(c, " homeaddr ", bp + hlen);
		hlen += 16;
		break;
	default:
		pr_printf(c, " len=%u", l8);
		return (int)mhlen;
	}
	if (c->o.vflag) {
		rc = opt_print(c, bp + hlen, mhlen - hlen);
		if (rc == PR_STOP)
			return rc;
		if (rc) {
			pr_trunc(c);
			return -1;
		}
	}
	return (int)mhlen;
}
