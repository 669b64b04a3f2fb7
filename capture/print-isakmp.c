/* print-isakmp.c: ISAKMP/IKEv1 (RFC 2408, RFC 2409) and IKEv2 (RFC 7296) headers on UDP 500, 4500 (RFC 3948), 7500, 8500. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Initiator Cookie / SPI (8)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Responder Cookie / SPI (8)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Message ID                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                            Length                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * "isakmp: phase 1 I ident", "isakmp: parent_sa ikev2_init[I]"; -v adds
 * the version and message id, -vv the cookies. Whether an IKEv1 packet
 * comes from the initiator is told from the initiator cookies seen
 * before (a ring in the context, as tcpdump keeps one). The payloads
 * that -v shows after the header are not decoded here: such packets
 * count as printed generically, as do RFC 3948's ESP-in-UDP ones.
 */
#include "capture/print-int.h"

#define ISAKMP_HDRLEN 28
#define FLAG_E 0x01
#define FLAG_C 0x02
#define FLAG_I 0x08
#define FLAG_V 0x10
#define FLAG_R 0x20

/* Next payload types 0 to 48 (RFC 2408 3.1, RFC 7296 3.2). */
static const char *const np_names[] = {
	"none",	  "sa",	    "p",       "t",	"ke",	 "id",	  "cert",
	"cr",	  "hash",   "sig",     "nonce", "n",	 "d",	  "vid",
	"pay14",  "pay15",  "pay16",   "pay17", "pay18", "pay19", "pay20",
	"pay21",  "pay22",  "pay23",   "pay24", "pay25", "pay26", "pay27",
	"pay28",  "pay29",  "pay30",   "pay31", "pay32", "v2sa",  "v2ke",
	"v2IDi",  "v2IDr",  "v2cert",  "v2cr",	"v2auth", "v2nonce", "v2n",
	"v2d",	  "v2vid",  "v2TSi",   "v2TSr", "v2e",	 "v2cp",  "v2eap",
};

/* Exchange types (RFC 2408 4.1, RFC 2409, RFC 7296 3.1). */
static const char *const etype_names[] = {
	[0] = "none",
	[1] = "base",
	[2] = "ident",
	[3] = "auth",
	[4] = "agg",
	[5] = "inf",
	[32] = "oakley-quick",
	[33] = "oakley-newgroup",
	[34] = "ikev2_init",
	[35] = "ikev2_auth",
	[36] = "child_sa",
	[37] = "inf2",
};

/* The name from a table, or "#n" (tcpdump's STR_OR_ID). */
static void str_or_id(struct pr_ctx *c, const char *const *t, size_t n,
		      unsigned v)
{
	if (v < n && t[v])
		pr_puts(c, t[v]);
	else
		pr_printf(c, "#%u", v);
}

#define NPSTR(c, v)                                                      \
	str_or_id(c, np_names, sizeof(np_names) / sizeof(np_names[0]), v)
#define ETYPESTR(c, v)                                                   \
	str_or_id(c, etype_names, sizeof(etype_names) / sizeof(char *), v)

static int cookie_find(const struct pr_ctx *c, const uint8_t ck[8])
{
	int i;

	for (i = 0; i < PR_IKE_COOKIES; i++)
		if (memcmp(ck, c->ike[i].initiator, 8) == 0)
			return i;
	return -1;
}

/* The IP header's addresses: 4 or 16 bytes each. */
static int ip_addrs(struct pr_ctx *c, uint8_t src[16], uint8_t dst[16],
		    size_t *alen)
{
	if (c->ipver == 6) {
		PR_COPY(c, c->iph + 8, src, 16);
		PR_COPY(c, c->iph + 24, dst, 16);
		*alen = 16;
	} else {
		PR_COPY(c, c->iph + 12, src, 4);
		PR_COPY(c, c->iph + 16, dst, 4);
		*alen = 4;
	}
	return 0;
}

static int cookie_record(struct pr_ctx *c, const uint8_t ck[8])
{
	struct pr_ike_cookie *e;
	uint8_t src[16], dst[16];
	size_t alen;
	int i = cookie_find(c, ck);

	PR_SEQ_STATE(c);
	if (i >= 0) {
		c->ike_next = (unsigned)(i + 1) % PR_IKE_COOKIES;
		return 0;
	}
	if (ip_addrs(c, src, dst, &alen) == PR_STOP)
		return PR_STOP;
	e = &c->ike[c->ike_next];
	e->version = alen == 16 ? 6 : 4;
	memcpy(e->iaddr, src, alen);
	memcpy(e->raddr, dst, alen);
	memcpy(e->initiator, ck, 8);
	c->ike_next = (c->ike_next + 1) % PR_IKE_COOKIES;
	return 0;
}

/* 1 when the packet's source is entry i's initiator (or responder). */
static int cookie_side(struct pr_ctx *c, int i, int initiator)
{
	const struct pr_ike_cookie *e = &c->ike[i];
	uint8_t src[16], dst[16];
	size_t alen;

	if (ip_addrs(c, src, dst, &alen) == PR_STOP)
		return PR_STOP;
	if (e->version != (alen == 16 ? 6 : 4))
		return 0;
	return memcmp(src, initiator ? e->iaddr : e->raddr, alen) == 0;
}

static void hexprint(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		pr_hex(c, p[i], 2);
}

/*
 * After the exchange type and flags: -v's payloads (not decoded) and the
 * length check.
 */
static int tail_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
		      uint8_t flags)
{
	uint8_t np;
	uint32_t hlen;

	if (!c->o.vflag)
		return 0;
	pr_putc(c, ':');
	PR_U8(c, bp + 16, np);
	if (flags & FLAG_E) {
		pr_puts(c, " [encrypted ");
		NPSTR(c, np);
		pr_putc(c, ']');
	} else if (np != 0) {
		/* tcpdump's CHECKLEN: the header's end is captured here */
		pr_generic(c, "ISAKMP");
	}
	PR_BE32(c, bp + 24, hlen);
	if (hlen != length)
		pr_printf(c, " (len mismatch: isakmp %u/ip %u)", hlen, length);
	return 0;
}

static int ikev1_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t ck[8], rck[8], etype, flags;
	uint32_t msgid;
	int i, rc;

	PR_BE32(c, bp + 20, msgid);
	pr_puts(c, msgid == 0 ? " phase 1" : " phase 2/others");
	PR_COPY(c, bp, ck, 8);
	PR_COPY(c, bp + 8, rck, 8);
	PR_SEQ_STATE(c);
	i = cookie_find(c, ck);
	if (i < 0) {
		static const uint8_t zero[8];

		if (memcmp(rck, zero, 8) == 0) {
			pr_puts(c, " I");
			if (cookie_record(c, ck) == PR_STOP)
				return PR_STOP;
		} else {
			pr_puts(c, " ?");
		}
	} else {
		if ((rc = cookie_side(c, i, 1)) == PR_STOP)
			return PR_STOP;
		if (rc) {
			pr_puts(c, " I");
		} else {
			if ((rc = cookie_side(c, i, 0)) == PR_STOP)
				return PR_STOP;
			pr_puts(c, rc ? " R" : " ?");
		}
	}
	PR_U8(c, bp + 18, etype);
	pr_putc(c, ' ');
	ETYPESTR(c, etype);
	PR_U8(c, bp + 19, flags);
	if (flags)
		pr_printf(c, "[%s%s]", flags & FLAG_E ? "E" : "",
			  flags & FLAG_C ? "C" : "");
	return tail_print(c, bp, length, flags);
}

static int ikev2_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t etype, flags;
	uint32_t msgid;

	PR_BE32(c, bp + 20, msgid);
	pr_puts(c, msgid == 0 ? " parent_sa" : " child_sa ");
	PR_U8(c, bp + 18, etype);
	pr_putc(c, ' ');
	ETYPESTR(c, etype);
	PR_U8(c, bp + 19, flags);
	if (flags)
		pr_printf(c, "[%s%s%s]", flags & FLAG_I ? "I" : "",
			  flags & FLAG_V ? "V" : "", flags & FLAG_R ? "R" : "");
	return tail_print(c, bp, length, flags);
}

int isakmp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t vers, h[ISAKMP_HDRLEN];

	c->proto = "isakmp";
	if (!pr_has(c, bp, ISAKMP_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	PR_COPY(c, bp, h, ISAKMP_HDRLEN);
	pr_puts(c, "isakmp");
	vers = h[17];
	if (c->o.vflag) {
		pr_printf(c, " %u.%u msgid ", vers >> 4, vers & 15u);
		hexprint(c, h + 20, 4);
	}
	if (c->o.vflag > 1) {
		pr_puts(c, " cookie ");
		hexprint(c, h, 8);
		pr_puts(c, "->");
		hexprint(c, h + 8, 8);
	}
	pr_putc(c, ':');
	if (vers >> 4 == 1)
		return ikev1_print(c, bp, length);
	if (vers >> 4 == 2)
		return ikev2_print(c, bp, length);
	return 0;
}

