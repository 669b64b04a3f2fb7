/* print-icmp6.c: ICMPv6 (RFC 4443): errors, echo, neighbour discovery (RFC 4861), MLD (RFC 2710, 3810). */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |     Code      |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Message Body                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Neighbour discovery options: Type (1 octet), Length (1 octet, in units
 * of 8 octets including the two), then the value.
 */
#include "capture/print-int.h"

#define DST_UNREACH 1
#define PACKET_TOO_BIG 2
#define TIME_EXCEEDED 3
#define PARAM_PROB 4
#define ECHO_REQUEST 128
#define ECHO_REPLY 129
#define MLD_QUERY 130
#define MLD_REPORT 131
#define MLD_DONE 132
#define ND_RS 133
#define ND_RA 134
#define ND_NS 135
#define ND_NA 136
#define ND_REDIRECT 137
#define IND_SOLICIT 141
#define IND_ADVERT 142
#define MLDV2_REPORT 143
#define HADISCOV_REQUEST 144
#define HADISCOV_REPLY 145
#define MOBILEPREFIX_SOLICIT 146
#define MOBILEPREFIX_ADVERT 147

#define MLD_MINLEN 24
#define MLDV2_MINLEN 28

#define OPT_SOURCE_LINKADDR 1
#define OPT_TARGET_LINKADDR 2
#define OPT_PREFIX_INFORMATION 3
#define OPT_REDIRECTED_HEADER 4
#define OPT_MTU 5
#define OPT_ADVINTERVAL 7
#define OPT_HOMEAGENT_INFO 8
#define OPT_ROUTE_INFO 24
#define OPT_RDNSS 25
#define OPT_DNSSL 31

static const struct pr_tok icmp6_type_names[] = {
	{ 1, "destination unreachable" },
	{ 2, "packet too big" },
	{ 3, "time exceeded in-transit" },
	{ 4, "parameter problem" },
	{ 128, "echo request" },
	{ 129, "echo reply" },
	{ 130, "multicast listener query" },
	{ 131, "multicast listener report" },
	{ 132, "multicast listener done" },
	{ 133, "router solicitation" },
	{ 134, "router advertisement" },
	{ 135, "neighbor solicitation" },
	{ 136, "neighbor advertisement" },
	{ 137, "redirect" },
	{ 138, "router renumbering" },
	{ 141, "inverse neighbor solicitation" },
	{ 142, "inverse neighbor advertisement" },
	{ 143, "multicast listener report v2" },
	{ 144, "ha discovery request" },
	{ 145, "ha discovery reply" },
	{ 146, "mobile router solicitation" },
	{ 147, "mobile router advertisement" },
	{ 139, "who-are-you request" },
	{ 140, "who-are-you reply" },
	{ 139, "node information query" },
	{ 140, "node information reply" },
	{ 201, "mtrace message" },
	{ 200, "mtrace response" },
	{ 155, "RPL" },
	{ 0, NULL },
};

static const struct pr_tok unreach_code_names[] = {
	{ 0, "unreachable route" },
	{ 1, " unreachable prohibited" },
	{ 2, "beyond scope" },
	{ 3, "unreachable address" },
	{ 4, "unreachable port" },
	{ 0, NULL },
};

static const struct pr_tok pi_flag_names[] = {
	{ 0x80, "onlink" },
	{ 0x40, "auto" },
	{ 0x20, "router" },
	{ 0, NULL },
};

static const struct pr_tok ra_flag_names[] = {
	{ 0x80, "managed" },
	{ 0x40, "other stateful" },
	{ 0x20, "home agent" },
	{ 0x02, "ipv6 only" },
	{ 0, NULL },
};

static const struct pr_tok na_flag_names[] = {
	{ 0x80000000u, "router" },
	{ 0x40000000u, "solicited" },
	{ 0x20000000u, "override" },
	{ 0, NULL },
};

static const struct pr_tok opt_names[] = {
	{ OPT_SOURCE_LINKADDR, "source link-address" },
	{ OPT_TARGET_LINKADDR, "destination link-address" },
	{ OPT_PREFIX_INFORMATION, "prefix info" },
	{ OPT_REDIRECTED_HEADER, "redirected header" },
	{ OPT_MTU, "mtu" },
	{ OPT_RDNSS, "rdnss" },
	{ OPT_DNSSL, "dnssl" },
	{ OPT_ADVINTERVAL, "advertisement interval" },
	{ OPT_HOMEAGENT_INFO, "homeagent information" },
	{ OPT_ROUTE_INFO, "route info" },
	{ 0, NULL },
};

static const struct pr_tok mldv2_report_names[] = {
	{ 1, "is_in" }, { 2, "is_ex" }, { 3, "to_in" },
	{ 4, "to_ex" }, { 5, "allow" }, { 6, "block" },
	{ 0, NULL },
};

static const char *rtpref(unsigned v)
{
	static const char *const s[] = { "medium", "high", "rsv", "low" };

	return s[(v & 0x18) >> 3];
}

static void lifetime_print(struct pr_ctx *c, uint32_t v)
{
	if (v == 0xffffffffu)
		pr_puts(c, "infinity");
	else
		pr_printf(c, "%us", v);
}

/* The options of an ND message: 0, -1 cut short, PR_STOP. */
static int opts_print(struct pr_ctx *c, const uint8_t *bp, int resid)
{
	const uint8_t *cp = bp;

	while (pr_left(c, cp) > 0) {
		uint8_t type, olen8;
		unsigned olen, l, i;

		if (!pr_has(c, cp + 1, 1))
			return -1;
		if (resid <= 0)
			return 0;
		PR_U8(c, cp, type);
		PR_U8(c, cp + 1, olen8);
		olen = olen8;
		if (olen == 0)
			return -1;
		if (pr_left(c, cp) < (olen << 3))
			return -1;
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, opt_names, "unknown", type);
		pr_printf(c, " option (%u), length %u (%u): ", type, olen << 3,
			  olen);
		switch (type) {
		case OPT_SOURCE_LINKADDR:
		case OPT_TARGET_LINKADDR:
			l = (olen << 3) - 2;
			for (i = 0; i < l; i++) {
				uint8_t b;

				if (i)
					pr_putc(c, ':');
				PR_U8(c, cp + 2 + i, b);
				pr_hex(c, b, 2);
			}
			break;
		case OPT_PREFIX_INFORMATION: {
			uint8_t plen, flags, pfx[16];
			uint32_t valid, pref;

			PR_COPY(c, cp + 16, pfx, 16);
			PR_U8(c, cp + 2, plen);
			PR_U8(c, cp + 3, flags);
			PR_BE32(c, cp + 4, valid);
			pr_ip6(c, pfx);
			pr_printf(c, "/%u%s, Flags [", plen,
				  olen != 4 ? "badlen" : "");
			pr_bittok_print(c, pi_flag_names, ", ", "none", flags);
			pr_puts(c, "], valid time ");
			lifetime_print(c, valid);
			pr_puts(c, ", pref. time ");
			PR_BE32(c, cp + 8, pref);
			lifetime_print(c, pref);
			break;
		}
		case OPT_REDIRECTED_HEADER:
			pr_unknown_data(c, bp, "\n\t    ", olen << 3);
			break;
		case OPT_MTU: {
			uint32_t mtu;

			PR_BE32(c, cp + 4, mtu);
			pr_printf(c, " %u%s", mtu,
				  olen != 1 ? "bad option length" : "");
			break;
		}
		case OPT_RDNSS: {
			uint32_t lt;

			PR_BE32(c, cp + 4, lt);
			pr_printf(c, " lifetime %us,", lt);
			l = (olen - 1) / 2;
			for (i = 0; i < l; i++) {
				PR_IP6(c, " addr: ", cp + 8 + 16 * i);
			}
			break;
		}
		case OPT_DNSSL: {
			const uint8_t *domp = cp + 8;
			uint32_t lt;

			PR_BE32(c, cp + 4, lt);
			pr_printf(c, " lifetime %us, domain(s):", lt);
			while (domp < cp + (olen << 3)) {
				uint8_t b;

				PR_U8(c, domp, b);
				if (b == 0)
					break;
				pr_putc(c, ' ');
				domp = dns_name_print(c, domp, bp);
				if (c->stopped)
					return PR_STOP;
				if (!domp)
					return -1;
			}
			break;
		}
		case OPT_ADVINTERVAL: {
			uint32_t v;

			PR_BE32(c, cp + 4, v);
			pr_printf(c, " %ums", v);
			break;
		}
		case OPT_HOMEAGENT_INFO: {
			uint16_t pref, lt;

			PR_BE16(c, cp + 4, pref);
			PR_BE16(c, cp + 6, lt);
			pr_printf(c, " preference %u, lifetime %u", pref, lt);
			break;
		}
		case OPT_ROUTE_INFO: {
			uint8_t in6[16] = { 0 }, plen, flags;
			uint32_t lt;

			if (!pr_has(c, cp + 4, 4))
				return -1;
			switch (olen) {
			case 1:
				break;
			case 2:
				PR_COPY(c, cp + 8, in6, 8);
				break;
			case 3:
				PR_COPY(c, cp + 8, in6, 16);
				break;
			default:
				return -1;
			}
			pr_putc(c, ' ');
			pr_ip6(c, in6);
			PR_U8(c, cp + 2, plen);
			pr_printf(c, "/%u", plen);
			PR_U8(c, cp + 3, flags);
			pr_printf(c, ", pref=%s", rtpref(flags));
			PR_BE32(c, cp + 4, lt);
			pr_puts(c, ", lifetime=");
			lifetime_print(c, lt);
			break;
		}
		default:
			if (c->o.vflag <= 1) {
				pr_unknown_data(c, cp + 2, "\n\t  ",
						(olen << 3) - 2);
				return 0;
			}
			break;
		}
		if (c->o.vflag > 1)
			pr_unknown_data(c, cp + 2, "\n\t    ", (olen << 3) - 2);
		cp += olen << 3;
		resid -= (int)(olen << 3);
	}
	return 0;
}

static int mld6_print(struct pr_ctx *c, const uint8_t *bp)
{
	uint16_t delay;

	if (!pr_has(c, bp, MLD_MINLEN))
		return 0;
	PR_BE16(c, bp + 4, delay);
	pr_printf(c, "max resp delay: %u ", delay);
	PR_IP6(c, "addr: ", bp + 8);
	return 0;
}

static int mldv2_report_print(struct pr_ctx *c, const uint8_t *bp,
			      unsigned len)
{
	unsigned group, nsrcs, ngroups, i, j;
	uint16_t v;
	uint8_t t;

	if (len < 8) {
		pr_printf(c, " [invalid len %u]", len);
		return 0;
	}
	PR_BE16(c, bp + 6, v);
	ngroups = v;
	pr_printf(c, ", %u group record(s)", ngroups);
	if (c->o.vflag == 0)
		return 0;
	group = 8;
	for (i = 0; i < ngroups; i++) {
		if (len < group + 20) {
			pr_puts(c, " [invalid number of groups]");
			return 0;
		}
		PR_IP6(c, " [gaddr ", bp + group + 4);
		PR_U8(c, bp + group, t);
		pr_putc(c, ' ');
		pr_tok_print(c, mldv2_report_names, " [v2-report-#%u]", t);
		PR_BE16(c, bp + group + 2, v);
		nsrcs = v;
		if (len < group + 20 + nsrcs * 16) {
			pr_printf(c, " [invalid number of sources %u]", nsrcs);
			return 0;
		}
		if (c->o.vflag == 1) {
			pr_printf(c, ", %u source(s)", nsrcs);
		} else {
			pr_puts(c, " {");
			for (j = 0; j < nsrcs; j++) {
				PR_IP6(c, " ", bp + group + 20 + j * 16);
			}
			pr_puts(c, " }");
		}
		group += 20 + nsrcs * 16;
		pr_putc(c, ']');
	}
	return 0;
}

static int mldv2_query_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	unsigned mrc, mrt, qqi, nsrcs, i;
	uint16_t v;
	uint8_t b24, b25;

	if (len < 28) {
		pr_printf(c, " [invalid len %u]", len);
		return 0;
	}
	PR_BE16(c, bp + 4, v);
	mrc = v;
	if (mrc < 32768)
		mrt = mrc;
	else
		mrt = ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
	if (c->o.vflag)
		pr_printf(c, " [max resp delay=%u]", mrt);
	PR_IP6(c, " [gaddr ", bp + 8);
	if (c->o.vflag) {
		PR_U8(c, bp + 24, b24);
		if (b24 & 0x08)
			pr_puts(c, " sflag");
		if (b24 & 0x07)
			pr_printf(c, " robustness=%u", b24 & 0x07);
		PR_U8(c, bp + 25, b25);
		if (b25 < 128)
			qqi = b25;
		else
			qqi = ((b25 & 0x0f) | 0x10) << (((b25 & 0x70) >> 4) + 3);
		pr_printf(c, " qqi=%u", qqi);
	}
	PR_BE16(c, bp + 26, v);
	nsrcs = v;
	if (nsrcs > 0) {
		if (len < 28 + nsrcs * 16) {
			pr_puts(c, " [invalid number of sources]");
		} else if (c->o.vflag > 1) {
			pr_puts(c, " {");
			for (i = 0; i < nsrcs; i++) {
				PR_IP6(c, " ", bp + 28 + i * 16);
			}
			pr_puts(c, " }");
		} else {
			pr_printf(c, ", %u source(s)", nsrcs);
		}
	}
	pr_putc(c, ']');
	return 0;
}

/*
 * The transport header inside an ICMPv6 error: the ports' offset and the
 * protocol, walking the extension headers; NULL when not found.
 */
static const uint8_t *upper_layer(struct pr_ctx *c, const uint8_t *bp,
				  unsigned *prot)
{
	unsigned hlen = 40;
	uint8_t nh, b;
	uint16_t off;

	if (!pk_u8(&c->pk, bp + 6, &nh))
		return NULL;
	while (pr_left(c, bp) > 0) {
		bp += hlen;
		switch (nh) {
		case 6:
		case 17:
			if (pr_has(c, bp + 2, 2)) {
				*prot = nh;
				return bp;
			}
			return NULL;
		case 0:
		case 60:
		case 43:
			if (!pk_u8(&c->pk, bp + 1, &b) || !pk_u8(&c->pk, bp, &nh))
				return NULL;
			hlen = (b + 1u) << 3;
			break;
		case 44:
			if (!pk_be16(&c->pk, bp + 2, &off))
				return NULL;
			if ((off & 0xfff8) || !pk_u8(&c->pk, bp, &nh))
				return NULL;
			hlen = 8;
			break;
		case 51:
			if (!pk_u8(&c->pk, bp + 1, &b) || !pk_u8(&c->pk, bp, &nh))
				return NULL;
			hlen = (b + 2u) << 2;
			break;
		default:
			*prot = nh;
			return NULL;
		}
	}
	return NULL;
}

int icmp6_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *oip = bp + 8;
	uint8_t type, code;
	int rc;

	c->proto = "icmp6";
	if (length == 0) {
		pr_puts(c, "ICMP6, length 0");
		pr_invalid(c);
		return 0;
	}
	if (c->o.vflag && !c->fragmented && pr_has(c, bp, length)) {
		const uint8_t *s = pk_span(&c->pk, bp, length);
		uint16_t field, sum;
		uint32_t acc;

		PR_BE16(c, bp + 2, field);
		if (ip_pseudo_sum(c, 58, length, &acc) == PR_STOP)
			return PR_STOP;
		sum = pr_cksum_fold(pr_cksum_add(acc, s, length));
		if (sum != 0)
			pr_printf(c, "[bad icmp6 cksum 0x%04x -> 0x%04x!] ",
				  field, pr_cksum_shouldbe(field, sum));
		else
			pr_puts(c, "[icmp6 sum ok] ");
	}
	PR_U8(c, bp, type);
	pr_puts(c, "ICMP6, ");
	pr_tok_print(c, icmp6_type_names, "unknown icmp6 type (%u)", type);
	if (c->o.vflag &&
	    (type == ND_RS || type == ND_RA || type == ND_NA || type == ND_NS ||
	     type == ND_REDIRECT || type == HADISCOV_REPLY ||
	     type == MOBILEPREFIX_ADVERT))
		pr_printf(c, ", length %u", length);
	PR_U8(c, bp + 1, code);

	switch (type) {
	case DST_UNREACH:
		pr_puts(c, ", ");
		pr_tok_print(c, unreach_code_names, "unknown unreach code (%u)",
			     code);
		switch (code) {
		case 0:
		case 1:
		case 3:
			PR_IP6(c, " ", oip + 24);
			break;
		case 2: {
			uint8_t d6[16], s6[16];

			PR_COPY(c, oip + 24, d6, 16);
			PR_COPY(c, oip + 8, s6, 16);
			pr_putc(c, ' ');
			pr_ip6(c, d6);
			pr_puts(c, ", source address ");
			pr_ip6(c, s6);
			break;
		}
			break;
		case 4: {
			const uint8_t *ouh;
			unsigned prot = 0;
			uint16_t dport;

			ouh = upper_layer(c, oip, &prot);
			if (!ouh)
				goto trunc;
			PR_BE16(c, ouh + 2, dport);
			PR_IP6(c, ", ", oip + 24);
			if (prot == 6) {
				pr_puts(c, " tcp port ");
				pr_tcpport(c, dport);
			} else if (prot == 17) {
				pr_puts(c, " udp port ");
				pr_udpport(c, dport);
			} else {
				pr_printf(c, " protocol %u port %u unreachable",
					  prot, dport);
			}
			break;
		}
		default:
			if (c->o.vflag <= 1) {
				pr_unknown_data(c, bp, "\n\t", length);
				return 0;
			}
			break;
		}
		break;
	case PACKET_TOO_BIG: {
		uint32_t mtu;

		PR_BE32(c, bp + 4, mtu);
		pr_printf(c, ", mtu %u", mtu);
		break;
	}
	case TIME_EXCEEDED:
		if (code == 0) {
			PR_IP6(c, " for ", oip + 24);
		} else if (code == 1) {
			pr_puts(c, " (reassembly)");
		} else {
			pr_printf(c, ", unknown code (%u)", code);
		}
		break;
	case PARAM_PROB: {
		static const char *const what[] = {
			", erroneous - octet %u", ", next header - octet %u",
			", option - octet %u",
			", incomplete header chain - octet %u",
		};
		uint32_t ptr;

		if (!pr_has(c, oip + 24, 16))
			goto trunc;
		if (code < 4) {
			PR_BE32(c, bp + 4, ptr);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
			pr_printf(c, what[code], ptr);
#pragma GCC diagnostic pop
		} else {
			pr_printf(c, ", code-#%u", code);
		}
		break;
	}
	case ECHO_REQUEST:
	case ECHO_REPLY: {
		uint16_t id, seq;

		PR_BE16(c, bp + 4, id);
		PR_BE16(c, bp + 6, seq);
		pr_puts(c, ", id ");
		pr_uint(c, id);
		pr_puts(c, ", seq ");
		pr_uint(c, seq);
		break;
	}
	case MLD_QUERY:
		if (length == MLD_MINLEN) {
			rc = mld6_print(c, bp);
		} else if (length >= MLDV2_MINLEN) {
			pr_puts(c, " v2");
			rc = mldv2_query_print(c, bp, length);
		} else {
			pr_printf(c, " unknown-version (len %u) ", length);
			rc = 0;
		}
		if (rc == PR_STOP)
			return PR_STOP;
		break;
	case MLD_REPORT:
	case MLD_DONE:
		if (mld6_print(c, bp) == PR_STOP)
			return PR_STOP;
		break;
	case ND_RS:
		if (c->o.vflag && opts_print(c, bp + 8, (int)length - 8) != 0)
			goto opts_trunc;
		break;
	case ND_RA:
		if (c->o.vflag) {
			uint8_t hop, flags;
			uint16_t lt;
			uint32_t reach, retrans;

			PR_U8(c, bp + 4, hop);
			PR_U8(c, bp + 5, flags);
			PR_BE16(c, bp + 6, lt);
			PR_BE32(c, bp + 8, reach);
			PR_BE32(c, bp + 12, retrans);
			pr_printf(c, "\n\thop limit %u, Flags [", hop);
			pr_bittok_print(c, ra_flag_names, ", ", "none", flags);
			pr_printf(c,
				  "], pref %s, router lifetime %us, reachable time %ums, retrans timer %ums",
				  rtpref(flags), lt, reach, retrans);
			if (opts_print(c, bp + 16, (int)length - 16) != 0)
				goto opts_trunc;
		}
		break;
	case ND_NS:
		PR_IP6(c, ", who has ", bp + 8);
		if (c->o.vflag && opts_print(c, bp + 24, (int)length - 24) != 0)
			goto opts_trunc;
		break;
	case ND_NA:
		PR_IP6(c, ", tgt is ", bp + 8);
		if (c->o.vflag) {
			uint32_t flags;

			PR_BE32(c, bp + 4, flags);
			pr_puts(c, ", Flags [");
			pr_bittok_print(c, na_flag_names, ", ", "none", flags);
			pr_putc(c, ']');
			if (opts_print(c, bp + 24, (int)length - 24) != 0)
				goto opts_trunc;
		}
		break;
	case ND_REDIRECT:
		PR_IP6(c, ", ", bp + 24);
		PR_IP6(c, " to ", bp + 8);
		if (c->o.vflag && opts_print(c, bp + 40, (int)length - 40) != 0)
			goto opts_trunc;
		break;
	case IND_SOLICIT:
	case IND_ADVERT:
		break;
	case MLDV2_REPORT:
		if (mldv2_report_print(c, bp, length) == PR_STOP)
			return PR_STOP;
		break;
	case MOBILEPREFIX_SOLICIT:
	case HADISCOV_REQUEST: {
		uint16_t id;

		PR_BE16(c, bp + 4, id);
		pr_printf(c, ", id 0x%04x", id);
		break;
	}
	case HADISCOV_REPLY:
		if (c->o.vflag) {
			const uint8_t *p = bp + 8, *end = bp + length;
			uint16_t id;

			PR_BE16(c, bp + 4, id);
			pr_printf(c, ", id 0x%04x", id);
			while (p < end) {
				PR_IP6(c, ", ", p);
				p += 16;
			}
		}
		break;
	case MOBILEPREFIX_ADVERT:
		if (c->o.vflag) {
			uint16_t id, flags;

			PR_BE16(c, bp + 4, id);
			pr_printf(c, ", id 0x%04x", id);
			PR_BE16(c, bp + 6, flags);
			if (flags & 0xc000)
				pr_putc(c, ' ');
			if (flags & 0x8000)
				pr_putc(c, 'M');
			if (flags & 0x4000)
				pr_putc(c, 'O');
			if (opts_print(c, bp + 8, (int)length - 8) != 0)
				goto opts_trunc;
		}
		break;
	case 138: /* router renumbering */
		if (icmp6_rr_print(c, bp, length) == PR_STOP)
			return PR_STOP;
		break;
	case 139: /* node information query */
	case 140: /* and reply */
		if (icmp6_ni_print(c, bp, length) == PR_STOP)
			return PR_STOP;
		break;
	case 155: /* RPL: the message starts in the ICMPv6 header's data */
		if (rpl_print(c, code, bp + 4, length - 4) == PR_STOP)
			return PR_STOP;
		break;
	default:
		pr_printf(c, ", length %u", length);
		if (c->o.vflag <= 1)
			pr_unknown_data(c, bp, "\n\t", length);
		return 0;
	}
	if (!c->o.vflag) {
		pr_puts(c, ", length ");
		pr_uint(c, length);
	}
	return 0;
opts_trunc:
	if (c->stopped)
		return PR_STOP;
trunc:
	pr_trunc(c);
	return 0;
}
