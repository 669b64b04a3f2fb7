/* print-icmp.c: ICMP (RFC 792) messages, with the offending datagram under -v and RFC 4884 extensions. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |     Code      |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Identifier / gateway / pointer / unused   |  Sequence Number |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Internet Header + 64 bits of Original Data Datagram       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#define ICMP_ECHOREPLY 0
#define ICMP_UNREACH 3
#define ICMP_SOURCEQUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_ROUTERADVERT 9
#define ICMP_TIMXCEED 11
#define ICMP_PARAMPROB 12
#define ICMP_TSTAMP 13
#define ICMP_TSTAMPREPLY 14
#define ICMP_MASKREPLY 18

/* 156 - sizeof(struct ip): where an RFC 4884 extension may start. */
#define ICMP_EXTD_MINLEN 136

static const struct pr_tok icmp_names[] = {
	{ 0, "echo reply" },
	{ 4, "source quench" },
	{ 8, "echo request" },
	{ 10, "router solicitation" },
	{ 13, "time stamp request" },
	{ 14, "time stamp reply" },
	{ 15, "information request" },
	{ 16, "information reply" },
	{ 17, "address mask request" },
	{ 0, NULL },
};

/* Unreachable codes whose text is "<prefix><dst><suffix>". */
static const struct {
	uint8_t code;
	const char *pre, *post;
} unreach_text[] = {
	{ 0, "net ", " unreachable" },
	{ 1, "host ", " unreachable" },
	{ 5, "", " unreachable - source route failed" },
	{ 6, "net ", " unreachable - unknown" },
	{ 7, "host ", " unreachable - unknown" },
	{ 8, "", " unreachable - source host isolated" },
	{ 9, "net ", " unreachable - admin prohibited" },
	{ 10, "host ", " unreachable - admin prohibited" },
	{ 11, "net ", " unreachable - tos prohibited" },
	{ 12, "host ", " unreachable - tos prohibited" },
	{ 13, "host ", " unreachable - admin prohibited filter" },
	{ 14, "host ", " unreachable - host precedence violation" },
	{ 15, "host ", " unreachable - precedence cutoff" },
};

static const struct pr_tok ext_obj_names[] = {
	{ 1, "MPLS Stack Entry" },
	{ 2, "Interface Identification" },
	{ 0, NULL },
};

static int text_unreach(struct pr_ctx *c, const uint8_t *dp,
			uint8_t code)
{
	const uint8_t *oip = dp + 8;
	size_t i;

	switch (code) {
	case 2: {
		uint8_t proto;

		PR_IP4(c, "", oip + 16);
		PR_U8(c, oip + 9, proto);
		pr_printf(c, " protocol %u unreachable", proto);
		return 0;
	}
	case 3: {
		uint8_t vhl, proto;
		uint16_t dport;
		unsigned hlen;

		if (!pr_has(c, oip + 9, 1))
			return 1;
		PR_U8(c, oip, vhl);
		hlen = (vhl & 15) * 4u;
		PR_BE16(c, oip + hlen + 2, dport);
		PR_U8(c, oip + 9, proto);
		PR_IP4(c, "", oip + 16);
		if (proto == 6) {
			pr_puts(c, " tcp port ");
			pr_tcpport(c, dport);
			pr_puts(c, " unreachable");
		} else if (proto == 17) {
			pr_puts(c, " udp port ");
			pr_udpport(c, dport);
			pr_puts(c, " unreachable");
		} else {
			pr_printf(c, " protocol %u port %u unreachable", proto,
				  dport);
		}
		return 0;
	}
	case 4: {
		uint16_t mtu;

		PR_BE16(c, dp + 6, mtu);
		PR_IP4(c, "", oip + 16);
		if (mtu)
			pr_printf(c, " unreachable - need to frag (mtu %u)", mtu);
		else
			pr_puts(c, " unreachable - need to frag");
		return 0;
	}
	}
	for (i = 0; i < sizeof(unreach_text) / sizeof(unreach_text[0]); i++) {
		if (unreach_text[i].code == code) {
			pr_puts(c, unreach_text[i].pre);
			PR_IP4(c, "", oip + 16);
			pr_puts(c, unreach_text[i].post);
			return 0;
		}
	}
	PR_IP4(c, "", oip + 16);
	pr_printf(c, " unreachable - #%u", code);
	return 0;
}

static void clock_ms(struct pr_ctx *c, uint32_t ms)
{
	unsigned msec = ms % 1000, sec = ms / 1000, min, hrs;

	min = sec / 60;
	sec -= min * 60;
	hrs = min / 60;
	min -= hrs * 60;
	pr_printf(c, "%02u:%02u:%02u.%03u", hrs, min, sec, msec);
}

/*
 * The text after "ICMP " (into c->out, which icmp_print points at an aside
 * buffer): 0; 1 when a field tcpdump checks was not captured; PR_STOP when
 * one it reads was not.
 */
static int text_print(struct pr_ctx *c, const uint8_t *dp,
		      uint8_t type, uint8_t code)
{
	const uint8_t *oip = dp + 8;
	uint16_t id, seq;

	switch (type) {
	case ICMP_ECHO:
	case ICMP_ECHOREPLY:
		PR_BE16(c, dp + 4, id);
		PR_BE16(c, dp + 6, seq);
		pr_puts(c, type == ICMP_ECHO ? "echo request, id " :
					       "echo reply, id ");
		pr_uint(c, id);
		pr_puts(c, ", seq ");
		pr_uint(c, seq);
		return 0;
	case ICMP_UNREACH:
		return text_unreach(c, dp, code);
	case ICMP_REDIRECT:
		if (code < 4)
			pr_puts(c, code & 2 ? "redirect-tos " : "redirect ");
		else
			pr_printf(c, "redirect-#%u ", code);
		PR_IP4(c, "", oip + 16);
		if (code < 4)
			pr_puts(c, code & 1 ? " to host " : " to net ");
		else
			pr_puts(c, " to ");
		PR_IP4(c, "", dp + 4);
		return 0;
	case ICMP_ROUTERADVERT: {
		uint8_t num, size;
		uint16_t lifetime;
		const uint8_t *idp;

		pr_puts(c, "router advertisement");
		if (!pr_has(c, dp + 4, 4)) {
			return 1;
		}
		pr_puts(c, " lifetime ");
		PR_BE16(c, dp + 6, lifetime);
		if (lifetime < 60)
			pr_printf(c, "%u", lifetime);
		else if (lifetime < 3600)
			pr_printf(c, "%u:%02u", lifetime / 60, lifetime % 60);
		else
			pr_printf(c, "%u:%02u:%02u", lifetime / 3600,
				  (lifetime % 3600) / 60, lifetime % 60);
		PR_U8(c, dp + 4, num);
		pr_printf(c, " %u:", num);
		PR_U8(c, dp + 5, size);
		if (size != 2) {
			pr_printf(c, " [size %u]", size);
			return 0;
		}
		idp = dp + 8;
		while (num > 0) {
			uint32_t pref;

			if (!pr_has(c, idp, 8)) {
				c->proto = "icmp";
				pr_trunc(c);
				return 1;
			}
			pr_puts(c, " {");
			PR_IP4(c, "", idp);
			PR_BE32(c, idp + 4, pref);
			pr_printf(c, " %u}", pref);
			idp += 8;
			num--;
		}
		return 0;
	}
	case ICMP_TIMXCEED:
		if (!pr_has(c, oip + 16, 4)) {
			return 1;
		}
		if (code == 0)
			pr_puts(c, "time exceeded in-transit");
		else if (code == 1)
			pr_puts(c, "ip reassembly time exceeded");
		else
			pr_printf(c, "time exceeded-#%u", code);
		return 0;
	case ICMP_PARAMPROB:
		if (code) {
			pr_printf(c, "parameter problem - code %u", code);
		} else {
			uint8_t ptr;

			PR_U8(c, dp + 4, ptr);
			pr_printf(c, "parameter problem - octet %u", ptr);
		}
		return 0;
	case ICMP_MASKREPLY: {
		uint32_t mask;

		PR_BE32(c, dp + 8, mask);
		pr_printf(c, "address mask is 0x%08x", mask);
		return 0;
	}
	case ICMP_TSTAMP:
		PR_BE16(c, dp + 4, id);
		PR_BE16(c, dp + 6, seq);
		pr_printf(c, "time stamp query id %u seq %u", id, seq);
		return 0;
	case ICMP_TSTAMPREPLY: {
		uint32_t o, r, x;

		if (!pr_has(c, dp + 16, 4)) {
			return 1;
		}
		PR_BE16(c, dp + 4, id);
		PR_BE16(c, dp + 6, seq);
		PR_BE32(c, dp + 8, o);
		PR_BE32(c, dp + 12, r);
		PR_BE32(c, dp + 16, x);
		pr_printf(c, "time stamp reply id %u seq %u: org ", id, seq);
		clock_ms(c, o);
		pr_puts(c, ", recv ");
		clock_ms(c, r);
		pr_puts(c, ", xmit ");
		clock_ms(c, x);
		return 0;
	}
	default: {
		const char *s = pr_tok(icmp_names, type);

		if (s)
			pr_puts(c, s);
		else
			pr_printf(c, "type-#%u", type);
		return 0;
	}
	}
}

/* RFC 4884 multi-part extensions after the original datagram (-v). */
static int ext_print(struct pr_ctx *c, const uint8_t *bp, unsigned plen)
{
	const uint8_t *ver = bp + 8 + 128, *obj;
	uint8_t v8, lenf, cls, ctype;
	uint16_t cks, olen;
	unsigned hlen;

	if (!pr_has(c, bp, 8 + 128 + 4 + 1)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, bp + 5, lenf);
	if (lenf == 0 && pr_has(c, ver, plen - ICMP_EXTD_MINLEN)) {
		const uint8_t *s = pk_span(&c->pk, ver, plen - ICMP_EXTD_MINLEN);

		if (pr_cksum_fold(pr_cksum_add(0, s, plen - ICMP_EXTD_MINLEN)))
			return 0;
	}
	PR_U8(c, ver, v8);
	pr_printf(c, "\n\tICMP Multi-Part extension v%u", v8 >> 4);
	if ((v8 >> 4) != 2) {
		pr_puts(c, " packet not supported");
		return 0;
	}
	hlen = plen - ICMP_EXTD_MINLEN;
	if (pr_has(c, ver, hlen)) {
		const uint8_t *s = pk_span(&c->pk, ver, hlen);

		PR_BE16(c, ver + 2, cks);
		pr_printf(c, ", checksum 0x%04x (%scorrect), length %u", cks,
			  pr_cksum_fold(pr_cksum_add(0, s, hlen)) ? "in" : "",
			  hlen);
	}
	hlen -= 4;
	obj = ver + 4;
	while (hlen > 4) {
		unsigned tlen;

		if (!pr_has(c, obj, 4)) {
			pr_trunc(c);
			return 0;
		}
		PR_BE16(c, obj, olen);
		PR_U8(c, obj + 2, cls);
		PR_U8(c, obj + 3, ctype);
		obj += 4;
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, ext_obj_names, "unknown", cls);
		pr_printf(c, " Object (%u), Class-Type: %u, length %u", cls,
			  ctype, olen);
		hlen -= 4;
		if (cls == 0 || olen < 4)
			return 0;
		tlen = olen - 4u;
		if (cls == 1 && ctype == 1) {
			uint32_t raw;

			PR_BE32(c, obj, raw);
			pr_printf(c, "\n\t    label %u, tc %u", raw >> 12,
				  (raw >> 9) & 7);
			if (raw & 0x100)
				pr_puts(c, ", [S]");
			pr_printf(c, ", ttl %u", raw & 0xff);
		} else {
			pr_unknown_data(c, obj, "\n\t    ", tlen);
		}
		if (hlen < tlen)
			break;
		hlen -= tlen;
		obj += tlen;
	}
	return 0;
}

int icmp_print(struct pr_ctx *c, const uint8_t *bp, unsigned plen)
{
	struct hx_buf *keep = c->out;
	uint8_t type, code;
	int rc;

	c->proto = "icmp";
	PR_U8(c, bp, type);
	PR_U8(c, bp + 1, code);

	/*
	 * The text goes aside, then out whole, as tcpdump's snprintf does:
	 * when a field is missing, only the marker is printed (a marker
	 * written to the aside buffer goes with it).
	 */
	hx_buf_reset(&c->aside);
	c->out = &c->aside;
	rc = text_print(c, bp, type, code);
	c->out = keep;
	if (rc != 0) {
		pr_trunc(c);
		return rc == PR_STOP ? PR_STOP : 0;
	}
	pr_puts(c, "ICMP ");
	pr_putn(c, c->aside.p ? c->aside.p : "", c->aside.len);
	pr_puts(c, ", length ");
	pr_uint(c, plen);

	if (c->o.vflag && !c->fragmented && pr_has(c, bp, plen)) {
		const uint8_t *s = pk_span(&c->pk, bp, plen);
		uint16_t sum = pr_cksum_fold(pr_cksum_add(0, s, plen));

		if (sum != 0) {
			uint16_t field;

			PR_BE16(c, bp + 2, field);
			pr_printf(c, " (wrong icmp cksum %x (->%x)!)", field,
				  pr_cksum_shouldbe(field, sum));
		}
	}
	if (c->o.vflag >= 1 &&
	    (type == ICMP_UNREACH || type == ICMP_SOURCEQUENCH ||
	     type == ICMP_REDIRECT || type == ICMP_TIMXCEED ||
	     type == ICMP_PARAMPROB)) {
		const uint8_t *ip = bp + 8, *old;
		uint16_t ilen;

		pr_puts(c, "\n\t");
		PR_BE16(c, ip + 2, ilen);
		old = pr_push_end(c, ip, ilen);
		rc = ip_print(c, ip, ilen);
		pr_pop_end(c, old);
		if (rc == PR_STOP)
			return PR_STOP;
	}
	c->proto = "icmp";
	if (c->o.vflag >= 1 && plen > ICMP_EXTD_MINLEN &&
	    (type == ICMP_UNREACH || type == ICMP_TIMXCEED ||
	     type == ICMP_PARAMPROB))
		return ext_print(c, bp, plen);
	return 0;
}
