/* print-ip.c: IPv4 (RFC 791) headers and options, and the IP protocol dispatch. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version|  IHL  |Type of Service|          Total Length         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Identification        |Flags|      Fragment Offset    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Time to Live |    Protocol   |         Header Checksum       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Source Address                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Destination Address                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options                    |    Padding    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#define IP_HDRLEN 20
#define IP_RES 0x8000
#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff

#define IPOPT_EOL 0
#define IPOPT_NOP 1
#define IPOPT_RR 7
#define IPOPT_TS 68
#define IPOPT_SECURITY 130
#define IPOPT_LSRR 131
#define IPOPT_SSRR 137
#define IPOPT_RA 148
#define IPOPT_RFC1393 82

/* tcpdump's ipproto_values, in its order. */
const struct pr_tok ipproto_names[] = {
	{ 0, "Options" },
	{ 1, "ICMP" },
	{ 2, "IGMP" },
	{ 4, "IPIP" },
	{ 6, "TCP" },
	{ 8, "EGP" },
	{ 9, "IGRP" },
	{ 17, "UDP" },
	{ 33, "DCCP" },
	{ 41, "IPv6" },
	{ 43, "Routing" },
	{ 44, "Fragment" },
	{ 46, "RSVP" },
	{ 47, "GRE" },
	{ 50, "ESP" },
	{ 51, "AH" },
	{ 55, "Mobile IP" },
	{ 58, "ICMPv6" },
	{ 62, "Mobile IP (old)" },
	{ 88, "EIGRP" },
	{ 89, "OSPF" },
	{ 103, "PIM" },
	{ 108, "Compressed IP" },
	{ 112, "VRRP" },
	{ 113, "PGM" },
	{ 132, "SCTP" },
	{ 135, "Mobility" },
	{ 143, "Ethernet" },
	{ 0, NULL },
};

static const struct pr_tok ipopt_names[] = {
	{ IPOPT_EOL, "EOL" },
	{ IPOPT_NOP, "NOP" },
	{ IPOPT_TS, "timestamp" },
	{ IPOPT_SECURITY, "security" },
	{ IPOPT_RR, "RR" },
	{ IPOPT_SSRR, "SSRR" },
	{ IPOPT_LSRR, "LSRR" },
	{ IPOPT_RA, "RA" },
	{ IPOPT_RFC1393, "traceroute" },
	{ 0, NULL },
};

static const struct pr_tok ipfrag_names[] = {
	{ IP_MF, "+" },
	{ IP_DF, "DF" },
	{ IP_RES, "rsvd" },
	{ 0, NULL },
};

/*
 * IP protocol -> printer. ICMP and IGMP check that they sit on IPv4,
 * ICMPv6 on IPv6, as tcpdump does. Protocols tcpdump decodes but this
 * printer does not (SCTP, GRE, OSPF, ESP, ...) print tcpdump's generic
 * " proto-name length" line.
 */
static const pr_fn ipproto_printers[256] = {
	[6] = tcp_print,
	[17] = udp_print,
	[1] = icmp_print,
	[58] = icmp6_print,
	[2] = igmp_print,
	[4] = ip_print,
	[41] = ip6_print,
	[47] = gre_print,
	[50] = esp_print,
	[108] = ipcomp_print,
	[143] = ether_encap_print,
	/* routing */
	[9] = igrp_print,
	[88] = eigrp_print,
	[89] = ospf_print,
	[103] = pim_print,
	[112] = vrrp_print,
	[132] = sctp_print,
	[33] = dccp_print,
};

/* A protocol that needs the other IP version: "[ICMP requires IPv4]". */
static int wrong_version(struct pr_ctx *c, unsigned proto, int want)
{
	const char *s = pr_tok(ipproto_names, proto);

	pr_printf(c, "[%s requires IPv%d]", s ? s : "unknown", want);
	pr_invalid(c);
	return 0;
}

int ip_demux(struct pr_ctx *c, unsigned proto, const uint8_t *p, unsigned len)
{
	pr_fn fn = proto < 256 ? ipproto_printers[proto] : NULL;
	const char *name;

	while (proto == 51) { /* AH: the protocol after it, again */
		int adv;
		uint8_t nh;

		if (!pr_has(c, p, 1)) {
			c->proto = "ah";
			pr_trunc(c);
			return 0;
		}
		PR_U8(c, p, nh);
		adv = ah_print(c, p);
		if (adv <= 0)
			return adv;
		proto = nh;
		p += adv;
		len -= (unsigned)adv;
		fn = ipproto_printers[proto];
	}
	if (proto == 1 || proto == 2) {
		if (c->ipver != 4)
			return wrong_version(c, proto, 4);
	} else if (proto == 58 || proto == 143) {
		if (c->ipver != 6)
			return wrong_version(c, proto, 6);
	}
	if (fn)
		return fn(c, p, len);
	if (proto == 59) {
		pr_puts(c, "no next header");
		return 0;
	}
	if (proto == 77) {
		pr_puts(c, " nd ");
		pr_uint(c, len);
		return 0;
	}
	name = pr_protoname(c, proto);
	/* tcpdump 4.99.3 decodes these, dumplab not */
	if (proto == 8)
		pr_generic(c, "EGP");
	else if (proto == 46)
		pr_generic(c, "RSVP");
	else if (proto == 55)
		pr_generic(c, "Mobile IP");
	else if (proto == 113)
		pr_generic(c, "PGM");
	if (name) {
		pr_putc(c, ' ');
		pr_puts(c, name);
	} else {
		pr_puts(c, " ip-proto-");
		pr_uint(c, proto);
	}
	pr_putc(c, ' ');
	pr_uint(c, len);
	return 0;
}

/* An RR, LSRR or SSRR route. */
static int route_print(struct pr_ctx *c, const uint8_t *cp, unsigned length)
{
	unsigned len;
	uint8_t ptr8;
	unsigned ptr;

	if (length < 3) {
		pr_printf(c, " [bad length %u]", length);
		return 0;
	}
	if ((length + 1) & 3)
		pr_printf(c, " [bad length %u]", length);
	PR_U8(c, cp + 2, ptr8);
	ptr = (unsigned)ptr8 - 1;
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		pr_printf(c, " [bad ptr %u]", ptr8);
	for (len = 3; len < length; len += 4) {
		if (!pr_has(c, cp + len, 4))
			return -1;
		PR_IP4(c, " ", cp + len);
		if (ptr > len)
			pr_putc(c, ',');
	}
	return 0;
}

static int ts_print(struct pr_ctx *c, const uint8_t *cp, unsigned length)
{
	unsigned ptr, len = 0, hoplen;
	uint8_t b2, b3;
	const char *type;

	if (length < 4) {
		pr_printf(c, "[bad length %u]", length);
		return 0;
	}
	pr_puts(c, " TS{");
	PR_U8(c, cp + 3, b3);
	hoplen = ((b3 & 0xf) != 0) ? 8 : 4;
	if ((length - 4) & (hoplen - 1))
		pr_printf(c, "[bad length %u]", length);
	PR_U8(c, cp + 2, b2);
	ptr = (unsigned)b2 - 1;
	if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1)
		pr_printf(c, "[bad ptr %u]", b2);
	switch (b3 & 0xf) {
	case 0:
		pr_puts(c, "TSONLY");
		break;
	case 1:
		pr_puts(c, "TS+ADDR");
		break;
	case 3:
		pr_puts(c, "PRESPEC");
		break;
	default:
		pr_printf(c, "[bad ts type %u]", b3 & 0xf);
		goto done;
	}
	type = " ";
	for (len = 4; len < length; len += hoplen) {
		uint32_t t;

		if (ptr == len)
			type = " ^ ";
		if (!pr_has(c, cp + len, hoplen))
			return -1;
		PR_BE32(c, cp + len + hoplen - 4, t);
		pr_puts(c, type);
		pr_uint(c, t);
		pr_putc(c, '@');
		if (hoplen == 8)
			PR_IP4(c, "", cp + len);
		type = " ";
	}
done:
	pr_puts(c, ptr == len ? " ^ " : "");
	if (b3 >> 4)
		pr_printf(c, " [%u hops not recorded]} ", b3 >> 4);
	else
		pr_putc(c, '}');
	return 0;
}

/* The options: 0 done, -1 cut short, PR_STOP unwinding. */
static int opts_print(struct pr_ctx *c, const uint8_t *cp, unsigned length)
{
	unsigned option_len;
	const char *sep = "";
	int rc;

	for (; length > 0; cp += option_len, length -= option_len) {
		uint8_t code, l8;

		pr_puts(c, sep);
		sep = ",";
		PR_U8(c, cp, code);
		pr_tok_print(c, ipopt_names, "unknown %u", code);
		if (code == IPOPT_NOP || code == IPOPT_EOL) {
			option_len = 1;
		} else {
			PR_U8(c, cp + 1, l8);
			option_len = l8;
			if (option_len < 2) {
				pr_printf(c, " [bad length %u]", option_len);
				return 0;
			}
		}
		if (option_len > length) {
			pr_printf(c, " [bad length %u]", option_len);
			return 0;
		}
		if (!pr_has(c, cp, option_len))
			return -1;
		switch (code) {
		case IPOPT_EOL:
			return 0;
		case IPOPT_TS:
			rc = ts_print(c, cp, option_len);
			if (rc)
				return rc;
			break;
		case IPOPT_RR:
		case IPOPT_SSRR:
		case IPOPT_LSRR:
			rc = route_print(c, cp, option_len);
			if (rc)
				return rc;
			break;
		case IPOPT_RA: {
			uint16_t v;

			if (option_len < 4) {
				pr_printf(c, " [bad length %u]", option_len);
				break;
			}
			PR_BE16(c, cp + 2, v);
			if (v != 0)
				pr_printf(c, " value %u", v);
			break;
		}
		default:
			break;
		}
	}
	return 0;
}

int ip_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *old_end, *saved_iph = c->iph;
	int saved_ver = c->ipver, saved_frag = c->fragmented, rc = 0;
	uint8_t vhl, tos, ttl, proto;
	uint16_t ip_len, off, id;
	unsigned hlen, len;

	c->proto = "ip";
	PR_U8(c, bp, vhl);
	if ((vhl >> 4) != 4) {
		if ((vhl >> 4) == 6)
			pr_puts(c, "IP6, wrong link-layer encapsulation");
		else
			pr_printf(c, "IP%u", vhl >> 4);
		pr_invalid(c);
		return 0;
	}
	if (!c->o.eflag)
		pr_puts(c, "IP ");
	if (!pr_has(c, bp, IP_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	if (length < IP_HDRLEN) {
		pr_printf(c, "truncated-ip %u", length);
		return 0;
	}
	hlen = (vhl & 15) * 4u;
	if (hlen < IP_HDRLEN) {
		pr_printf(c, "bad-hlen %u", hlen);
		return 0;
	}
	PR_BE16(c, bp + 2, ip_len);
	len = ip_len;
	if (length < len)
		pr_printf(c, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		pr_printf(c, "bad-len %u", len);
		return 0;
	}
	old_end = pr_push_end(c, bp, len);
	len -= hlen;
	PR_BE16(c, bp + 6, off);
	PR_U8(c, bp + 9, proto);

	if (c->o.vflag) {
		int truncated = 0;

		PR_U8(c, bp + 1, tos);
		pr_puts(c, "(tos 0x");
		pr_hex(c, tos, 0);
		switch (tos & 3) {
		case 1:
			pr_puts(c, ",ECT(1)");
			break;
		case 2:
			pr_puts(c, ",ECT(0)");
			break;
		case 3:
			pr_puts(c, ",CE");
			break;
		}
		PR_U8(c, bp + 8, ttl);
		if (ttl >= 1) {
			pr_puts(c, ", ttl ");
			pr_uint(c, ttl);
		}
		PR_BE16(c, bp + 4, id);
		pr_puts(c, ", id ");
		pr_uint(c, id);
		pr_puts(c, ", offset ");
		pr_uint(c, (off & IP_OFFMASK) * 8u);
		pr_puts(c, ", flags [");
		pr_bittok_print(c, ipfrag_names, ", ", "none",
				off & (IP_RES | IP_DF | IP_MF));
		pr_puts(c, "], proto ");
		pr_tok_print(c, ipproto_names, "unknown", proto);
		pr_puts(c, " (");
		pr_uint(c, proto);
		pr_puts(c, "), length ");
		pr_uint(c, ip_len);
		if (hlen > IP_HDRLEN) {
			pr_puts(c, ", options (");
			rc = opts_print(c, bp + IP_HDRLEN, hlen - IP_HDRLEN);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc == -1) {
				pr_puts(c, " [truncated-option]");
				truncated = 1;
			}
			pr_putc(c, ')');
		}
		if (pr_has(c, bp, hlen)) {
			const uint8_t *h = pk_span(&c->pk, bp, hlen);
			uint16_t sum = pr_cksum_fold(pr_cksum_add(0, h, hlen));

			if (sum != 0) {
				uint16_t field = (uint16_t)(h[10] << 8 | h[11]);

				pr_puts(c, ", bad cksum ");
				pr_hex(c, field, 0);
				pr_puts(c, " (->");
				pr_hex(c, pr_cksum_shouldbe(field, sum), 0);
				pr_puts(c, ")!");
			}
		}
		pr_puts(c, ")\n    ");
		if (truncated) {
			PR_IP4(c, "", bp + 12);
			pr_puts(c, " > ");
			PR_IP4(c, "", bp + 16);
			pr_puts(c, ": ");
			pr_trunc(c);
			pr_pop_end(c, old_end);
			return 0;
		}
	}

	if ((off & IP_OFFMASK) == 0) {
		if (proto != 6 && proto != 17 && proto != 132 && proto != 33) {
			PR_IP4(c, "", bp + 12);
			pr_puts(c, " > ");
			PR_IP4(c, "", bp + 16);
			pr_puts(c, ": ");
		}
		if (!pr_has(c, bp, hlen)) {
			pr_printf(c,
				  " [remaining caplen(%u) < header length(%u)]",
				  (unsigned)pr_left(c, bp), hlen);
			return pr_stop(c);
		}
		c->iph = bp;
		c->ipver = 4;
		c->fragmented = (off & IP_MF) != 0;
		rc = ip_demux(c, proto, bp + hlen, len);
		c->iph = saved_iph;
		c->ipver = saved_ver;
		c->fragmented = saved_frag;
		if (rc == PR_STOP)
			return PR_STOP;
	} else {
		const char *name;

		if (c->o.qflag > 1) {
			pr_pop_end(c, old_end);
			return 0;
		}
		PR_IP4(c, "", bp + 12);
		pr_puts(c, " > ");
		PR_IP4(c, "", bp + 16);
		pr_putc(c, ':');
		name = pr_protoname(c, proto);
		if (name) {
			pr_putc(c, ' ');
			pr_puts(c, name);
		} else {
			pr_puts(c, " ip-proto-");
			pr_uint(c, proto);
		}
	}
	pr_pop_end(c, old_end);
	return 0;
}

/*
 * The destination a transport checksum covers: the last hop of a loose or
 * strict source route when the header has one (tcpdump's ip_finddst).
 */
static int ip_finddst(struct pr_ctx *c, const uint8_t *ip, uint8_t dst[4])
{
	const uint8_t *cp = ip + IP_HDRLEN;
	unsigned length, len;
	uint8_t vhl, tt, l8;

	PR_U8(c, ip, vhl);
	length = (vhl & 15) * 4u;
	if (length >= IP_HDRLEN) {
		for (length -= IP_HDRLEN; length != 0; cp += len, length -= len) {
			PR_U8(c, cp, tt);
			if (tt == IPOPT_EOL)
				break;
			if (tt == IPOPT_NOP) {
				len = 1;
			} else {
				PR_U8(c, cp + 1, l8);
				len = l8;
				if (len < 2)
					break;
			}
			if (length < len || !pr_has(c, cp, len))
				break;
			if ((tt == IPOPT_SSRR || tt == IPOPT_LSRR) && len >= 7) {
				PR_COPY(c, cp + len - 4, dst, 4);
				return 0;
			}
		}
	}
	PR_COPY(c, ip + 16, dst, 4);
	return 0;
}

/* IPv6's equivalent: the last address of a type 0 or first of a type 4 routing header. */
static int ip6_finddst(struct pr_ctx *c, const uint8_t *ip6, uint8_t dst[16])
{
	const uint8_t *cp = ip6, *dst_addr = ip6 + 24;
	unsigned advance = 40;
	uint8_t nh, b;

	PR_U8(c, ip6 + 6, nh);
	while (pr_left(c, cp) > 0) {
		cp += advance;
		switch (nh) {
		case 0:
		case 60:
		case 62:
		case 135:
			PR_U8(c, cp + 1, b);
			advance = (b + 1u) << 3;
			PR_U8(c, cp, nh);
			continue;
		case 44:
			advance = 8;
			PR_U8(c, cp, nh);
			continue;
		case 43: {
			uint8_t len, type;
			int i;

			if (!pr_has(c, cp, 4))
				goto done;
			PR_U8(c, cp + 1, len);
			PR_U8(c, cp + 2, type);
			if (type == 0) {
				if (len % 2 == 1)
					goto done;
				for (i = 0; i < len / 2; i++) {
					if (!pr_has(c, cp + 8 + 16 * i, 16))
						goto done;
					dst_addr = cp + 8 + 16 * i;
				}
			} else if (type == 4) {
				if (len % 2 == 1 || !pr_has(c, cp + 8, 16))
					goto done;
				dst_addr = cp + 8;
			}
			goto done;
		}
		default:
			goto done;
		}
	}
done:
	PR_COPY(c, dst_addr, dst, 16);
	return 0;
}

int ip_pseudo_sum(struct pr_ctx *c, unsigned proto, unsigned len,
		  uint32_t *acc)
{
	uint8_t ph[40];

	if (c->ipver == 6) {
		PR_COPY(c, c->iph + 8, ph, 16);
		if (ip6_finddst(c, c->iph, ph + 16) == PR_STOP)
			return PR_STOP;
		ph[32] = (uint8_t)(len >> 24);
		ph[33] = (uint8_t)(len >> 16);
		ph[34] = (uint8_t)(len >> 8);
		ph[35] = (uint8_t)len;
		ph[36] = ph[37] = ph[38] = 0;
		ph[39] = (uint8_t)proto;
		*acc = pr_cksum_add(0, ph, 40);
	} else {
		PR_COPY(c, c->iph + 12, ph, 4);
		if (ip_finddst(c, c->iph, ph + 4) == PR_STOP)
			return PR_STOP;
		ph[8] = 0;
		ph[9] = (uint8_t)proto;
		ph[10] = (uint8_t)(len >> 8);
		ph[11] = (uint8_t)len;
		*acc = pr_cksum_add(0, ph, 12);
	}
	return 0;
}

/* The version nibble -> IP printer (raw-IP link types). */
static const struct pr_disp version_printers[] = {
	{ 0x40, ip_print },
	{ 0x60, ip6_print },
	{ 0, NULL },
};

int ipn_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t v;
	pr_fn fn;

	c->proto = "ipn";
	if (len < 1) {
		pr_printf(c, "truncated-ip %u", len);
		return 0;
	}
	PR_U8(c, p, v);
	fn = pr_lookup(version_printers, v & 0xf0);
	if (fn)
		return fn(c, p, len);
	pr_printf(c, "unknown ip %u", (v & 0xf0) >> 4);
	return 0;
}
