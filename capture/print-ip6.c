/* print-ip6.c: IPv6 (RFC 8200) headers and the hop-by-hop, destination, routing and fragment headers. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Traffic Class |           Flow Label                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Payload Length        |  Next Header  |   Hop Limit   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Source Address (128 bits)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Destination Address (128 bits)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Extension headers (hop-by-hop 0, routing 43, fragment 44, destination
 * options 60) start with Next Header and, but for the fragment header,
 * Hdr Ext Len in 8-octet units not counting the first 8.
 */
#include "capture/print-int.h"

#define IP6_HDRLEN 40

#define NH_HOPOPTS 0
#define NH_TCP 6
#define NH_UDP 17
#define NH_DCCP 33
#define NH_ROUTING 43
#define NH_FRAGMENT 44
#define NH_DSTOPTS 60
#define NH_SCTP 132
#define NH_MOBILITY_OLD 62
#define NH_MOBILITY 135

#define IP6OPT_PAD1 0
#define IP6OPT_PADN 1
#define IP6OPT_ROUTER_ALERT 5
#define IP6OPT_JUMBO 0xc2
#define IP6OPT_HOME_ADDRESS 0xc9
#define IP6OPT_MINLEN 2
#define IP6OPT_RTALERT_LEN 4
#define IP6OPT_JUMBO_LEN 6
#define IP6OPT_HOMEADDR_MINLEN 18

/* Sub-options of a home-address option: -1 cut short. */
static int sopt_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	unsigned i, optlen;

	for (i = 0; i < len; i += optlen) {
		uint8_t t, l;

		PR_U8(c, bp + i, t);
		if (t == IP6OPT_PAD1) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return -1;
			PR_U8(c, bp + i + 1, l);
			optlen = l + 2u;
		}
		if (i + optlen > len)
			return -1;
		switch (t) {
		case IP6OPT_PAD1:
			pr_puts(c, ", pad1");
			break;
		case IP6OPT_PADN:
			if (len - i < IP6OPT_MINLEN) {
				pr_puts(c, ", padn: trunc");
				return -1;
			}
			pr_puts(c, ", padn");
			break;
		default:
			if (len - i < IP6OPT_MINLEN) {
				pr_printf(c, ", sopt_type %u: trunc)", t);
				return -1;
			}
			PR_U8(c, bp + i + 1, l);
			pr_printf(c, ", sopt_type 0x%02x: len=%u", t, l);
			break;
		}
	}
	return 0;
}

/*
 * The options of a hop-by-hop or destination header: 0, -1 when cut short,
 * PR_STOP. payload_len is NULL for destination options (no jumbo there).
 */
static int opts_process(struct pr_ctx *c, const uint8_t *bp, unsigned len,
			int *found_jumbop, uint32_t *payload_len)
{
	unsigned i, optlen = 0;
	int found_jumbo = 0, v = c->o.vflag, rc;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i += optlen) {
		uint8_t t, l;

		PR_U8(c, bp + i, t);
		if (t == IP6OPT_PAD1) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return -1;
			PR_U8(c, bp + i + 1, l);
			optlen = l + 2u;
		}
		if (i + optlen > len)
			return -1;
		switch (t) {
		case IP6OPT_PAD1:
			if (v)
				pr_puts(c, "(pad1)");
			break;
		case IP6OPT_PADN:
			if (len - i < IP6OPT_MINLEN) {
				pr_puts(c, "(padn: trunc)");
				return -1;
			}
			if (v)
				pr_puts(c, "(padn)");
			break;
		case IP6OPT_ROUTER_ALERT: {
			uint16_t ra;

			if (len - i < IP6OPT_RTALERT_LEN) {
				pr_puts(c, "(rtalert: trunc)");
				return -1;
			}
			PR_U8(c, bp + i + 1, l);
			if (l != IP6OPT_RTALERT_LEN - 2) {
				pr_printf(c, "(rtalert: invalid len %u)", l);
				return -1;
			}
			if (v) {
				PR_BE16(c, bp + i + 2, ra);
				pr_printf(c, "(rtalert: 0x%04x) ", ra);
			}
			break;
		}
		case IP6OPT_JUMBO: {
			uint32_t jumbolen;

			if (len - i < IP6OPT_JUMBO_LEN) {
				pr_puts(c, "(jumbo: trunc)");
				return -1;
			}
			PR_U8(c, bp + i + 1, l);
			if (l != IP6OPT_JUMBO_LEN - 2) {
				pr_printf(c, "(jumbo: invalid len %u)", l);
				return -1;
			}
			PR_BE32(c, bp + i + 2, jumbolen);
			if (found_jumbo) {
				if (v)
					pr_printf(c, "(jumbo: %u - already seen) ",
						  jumbolen);
			} else {
				found_jumbo = 1;
				if (!payload_len) {
					if (v)
						pr_printf(c,
							  "(jumbo: %u - not a hop-by-hop option) ",
							  jumbolen);
				} else if (*payload_len != 0) {
					if (v)
						pr_printf(c,
							  "(jumbo: %u - payload len != 0) ",
							  jumbolen);
				} else if (jumbolen < 65536) {
					if (v)
						pr_printf(c,
							  "(jumbo: %u - < 65536) ",
							  jumbolen);
				} else {
					*found_jumbop = 1;
					*payload_len = jumbolen;
					if (v)
						pr_printf(c, "(jumbo: %u) ",
							  jumbolen);
				}
			}
			break;
		}
		case IP6OPT_HOME_ADDRESS:
			if (len - i < IP6OPT_HOMEADDR_MINLEN) {
				pr_puts(c, "(homeaddr: trunc)");
				return -1;
			}
			PR_U8(c, bp + i + 1, l);
			if (l < IP6OPT_HOMEADDR_MINLEN - 2) {
				pr_printf(c, "(homeaddr: invalid len %u)", l);
				return -1;
			}
			if (v) {
				PR_IP6(c, "(homeaddr: ", bp + i + 2);
				if (l > IP6OPT_HOMEADDR_MINLEN - 2) {
					rc = sopt_print(c,
							bp + i + IP6OPT_HOMEADDR_MINLEN,
							optlen - IP6OPT_HOMEADDR_MINLEN);
					if (rc)
						return rc;
				}
				pr_putc(c, ')');
			}
			break;
		default:
			if (len - i < IP6OPT_MINLEN) {
				pr_printf(c, "(type %u: trunc)", t);
				return -1;
			}
			if (v) {
				PR_U8(c, bp + i + 1, l);
				pr_printf(c, "(opt_type 0x%02x: len=%u)", t, l);
			}
			break;
		}
	}
	if (v)
		pr_putc(c, ' ');
	return 0;
}

/* Hop-by-hop: its length, or -1 after printing the marker; PR_STOP. */
static int hbh_process(struct pr_ctx *c, const uint8_t *bp, int *found_jumbo,
		       uint32_t *payload_len)
{
	unsigned hlen;
	uint8_t l;
	int rc;

	c->proto = "hbhopt";
	PR_U8(c, bp + 1, l);
	hlen = (l + 1u) << 3;
	if (!pr_has(c, bp, hlen)) {
		pr_trunc(c);
		return -1;
	}
	pr_puts(c, "HBH ");
	rc = opts_process(c, bp + 2, hlen - 2, found_jumbo, payload_len);
	if (rc == PR_STOP)
		return PR_STOP;
	if (rc == -1) {
		pr_trunc(c);
		return -1;
	}
	return (int)hlen;
}

static int dstopt_process(struct pr_ctx *c, const uint8_t *bp)
{
	unsigned hlen;
	uint8_t l;
	int rc;

	c->proto = "dstopt";
	PR_U8(c, bp + 1, l);
	hlen = (l + 1u) << 3;
	if (!pr_has(c, bp, hlen)) {
		pr_trunc(c);
		return -1;
	}
	pr_puts(c, "DSTOPT ");
	if (c->o.vflag) {
		rc = opts_process(c, bp + 2, hlen - 2, NULL, NULL);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == -1) {
			pr_trunc(c);
			return -1;
		}
	}
	return (int)hlen;
}

/* Routing header types 0, 2 (addresses) and 4 (segment routing). */
static int rt6_print(struct pr_ctx *c, const uint8_t *bp)
{
	uint8_t len8, type, segleft;
	unsigned i, len;
	uint32_t rsv;
	const uint8_t *p;

	c->proto = "rt6";
	pr_puts(c, "RT6");
	PR_U8(c, bp + 1, len8);
	len = len8;
	pr_printf(c, " (len=%u", len);
	PR_U8(c, bp + 2, type);
	pr_printf(c, ", type=%u", type);
	if (type == 0)
		pr_puts(c, " [Deprecated]");
	PR_U8(c, bp + 3, segleft);
	pr_printf(c, ", segleft=%u", segleft);
	switch (type) {
	case 0:
	case 2:
		PR_BE32(c, bp + 4, rsv);
		if (rsv || c->o.vflag)
			pr_printf(c, ", rsv=0x%0x", rsv);
		p = bp + 8;
		break;
	case 4: {
		uint8_t last, flags;
		uint16_t tag;

		PR_U8(c, bp + 4, last);
		pr_printf(c, ", last-entry=%u", last);
		PR_U8(c, bp + 5, flags);
		if (flags || c->o.vflag)
			pr_printf(c, ", flags=0x%0x", flags);
		PR_BE16(c, bp + 6, tag);
		pr_printf(c, ", tag=%x", tag);
		p = bp + 8;
		break;
	}
	default:
		pr_puts(c, " (unknown type)");
		pr_invalid(c);
		return -1;
	}
	if (len % 2 == 1) {
		pr_printf(c, " (invalid length %u)", len);
		pr_invalid(c);
		return -1;
	}
	len >>= 1;
	for (i = 0; i < len; i++) {
		uint8_t a6[16];

		PR_COPY(c, p, a6, 16);
		pr_printf(c, ", [%u]", i);
		pr_ip6(c, a6);
		p += 16;
	}
	pr_puts(c, ") ");
	return (int)((len8 + 1u) << 3);
}

static int frag6_print(struct pr_ctx *c, const uint8_t *bp,
		       const uint8_t *ip6)
{
	uint16_t offlg, plen;
	uint32_t ident;
	uint64_t rest;

	c->proto = "frag6";
	PR_BE16(c, ip6 + 4, plen);
	/* tcpdump computes this in size_t: a short payload wraps around. */
	rest = (uint64_t)IP6_HDRLEN + plen - (uint64_t)(bp - ip6) - 8;
	if (c->o.vflag) {
		PR_BE32(c, bp + 4, ident);
		PR_BE16(c, bp + 2, offlg);
		pr_printf(c, "frag (0x%08x:%u|%llu)", ident, offlg & 0xfff8,
			  (unsigned long long)rest);
	} else {
		PR_BE16(c, bp + 2, offlg);
		pr_printf(c, "frag (%u|%llu)", offlg & 0xfff8,
			  (unsigned long long)rest);
	}
	if (offlg & 0xfff8)
		return -1;
	pr_putc(c, ' ');
	return 8;
}

int ip6_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *saved_iph = c->iph, *old_end, *cp;
	int saved_ver = c->ipver, saved_frag = c->fragmented;
	int advance, fragmented = 0, found_ext = 0, found_jumbo = 0;
	int found_hbh = 0, rc;
	uint32_t payload_len, flow;
	unsigned len, total_advance;
	uint8_t b0, nh, ph, hlim;
	uint16_t plen16;

	c->proto = "ip6";
	if (!pr_has(c, bp, IP6_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	if (length < IP6_HDRLEN) {
		pr_printf(c, "truncated-ip6 %u", length);
		return 0;
	}
	if (!c->o.eflag)
		pr_puts(c, "IP6 ");
	PR_U8(c, bp, b0);
	if ((b0 >> 4) != 6) {
		pr_printf(c, "version error: %u != 6", b0 >> 4);
		return 0;
	}
	PR_BE16(c, bp + 4, plen16);
	payload_len = plen16;
	if (payload_len != 0) {
		len = payload_len + IP6_HDRLEN;
		if (length < len)
			pr_printf(c, "truncated-ip6 - %u bytes missing!",
				  len - length);
	} else {
		len = length + IP6_HDRLEN;
	}
	ph = 255;
	PR_U8(c, bp + 6, nh);
	if (c->o.vflag) {
		PR_BE32(c, bp, flow);
		pr_putc(c, '(');
		if (flow & 0x0ff00000)
			pr_printf(c, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
		if (flow & 0x000fffff)
			pr_printf(c, "flowlabel 0x%05x, ", flow & 0x000fffff);
		PR_U8(c, bp + 7, hlim);
		pr_puts(c, "hlim ");
		pr_uint(c, hlim);
		pr_puts(c, ", next-header ");
		pr_tok_print(c, ipproto_names, "unknown", nh);
		pr_printf(c, " (%u) payload length: %u) ", nh, payload_len);
	}

	old_end = pr_push_end(c, bp, len);
	cp = bp;
	advance = IP6_HDRLEN;
	total_advance = 0;
	rc = 0;
	while (pr_left(c, cp) > 0 && advance > 0) {
		if (len < (unsigned)advance)
			goto trunc;
		cp += advance;
		len -= (unsigned)advance;
		total_advance += (unsigned)advance;
		if (cp == bp + IP6_HDRLEN && nh != NH_TCP && nh != NH_UDP &&
		    nh != NH_DCCP && nh != NH_SCTP) {
			PR_IP6(c, "", bp + 8);
			pr_puts(c, " > ");
			PR_IP6(c, "", bp + 24);
			pr_puts(c, ": ");
		}
		switch (nh) {
		case NH_HOPOPTS:
			if (found_hbh) {
				pr_puts(c, "[The Hop-by-Hop Options header was already found]");
				pr_invalid(c);
				return 0;
			}
			if (ph != 255) {
				pr_puts(c, "[The Hop-by-Hop Options header don't follow the IPv6 header]");
				pr_invalid(c);
				return 0;
			}
			advance = hbh_process(c, cp, &found_jumbo, &payload_len);
			if (advance == PR_STOP)
				return PR_STOP;
			if (payload_len == 0 && found_jumbo == 0) {
				pr_puts(c, "[No valid Jumbo Payload Hop-by-Hop option found]");
				pr_invalid(c);
				return 0;
			}
			if (advance < 0)
				goto done;
			found_ext = 1;
			found_hbh = 1;
			PR_U8(c, cp, nh);
			break;
		case NH_DSTOPTS:
			advance = dstopt_process(c, cp);
			if (advance == PR_STOP)
				return PR_STOP;
			if (advance < 0)
				goto done;
			found_ext = 1;
			PR_U8(c, cp, nh);
			break;
		case NH_FRAGMENT:
			advance = frag6_print(c, cp, bp);
			if (advance == PR_STOP)
				return PR_STOP;
			if (advance < 0 || pr_left(c, cp) <= (unsigned)advance)
				goto done;
			found_ext = 1;
			PR_U8(c, cp, nh);
			fragmented = 1;
			break;
		case NH_MOBILITY_OLD:
		case NH_MOBILITY:
			/* tcpdump prints nothing after a mobility header */
			if (mobility_print(c, cp, len) == PR_STOP)
				return PR_STOP;
			goto done;
		case NH_ROUTING:
			PR_NEED(c, cp, 1);
			advance = rt6_print(c, cp);
			if (advance == PR_STOP)
				return PR_STOP;
			if (advance < 0)
				goto done;
			found_ext = 1;
			PR_U8(c, cp, nh);
			break;
		default:
			if (found_jumbo) {
				len = payload_len + IP6_HDRLEN;
				if (len < total_advance)
					goto trunc;
				if (length < len)
					pr_printf(c,
						  "truncated-ip6 - %u bytes missing!",
						  len - length);
				c->pk.hi = old_end;
				pr_push_end(c, bp, len);
				len -= total_advance;
			} else if (payload_len == 0) {
				if (found_ext)
					goto trunc;
				len = IP6_HDRLEN;
				c->pk.hi = old_end;
				pr_push_end(c, bp, len);
				len -= total_advance;
			}
			c->iph = bp;
			c->ipver = 6;
			c->fragmented = fragmented;
			rc = ip_demux(c, nh, cp, len);
			c->iph = saved_iph;
			c->ipver = saved_ver;
			c->fragmented = saved_frag;
			if (rc == PR_STOP)
				return PR_STOP;
			goto done;
		}
		ph = nh;
		c->proto = "ip6";
	}
done:
	pr_pop_end(c, old_end);
	return 0;
trunc:
	pr_trunc(c);
	pr_pop_end(c, old_end);
	return 0;
}
