/* print-lwres.c: BIND 9's lightweight resolver protocol (lwres) on UDP 921. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                            length                             |
 *  +-------------------------------+-------------------------------+
 *  |            version            |           pktflags            |
 *  +-------------------------------+-------------------------------+
 *  |                 serial, opcode, result, recvlength            |
 *  +-------------------------------+-------------------------------+
 *  |           authtype            |          authlength           |
 *  +-------------------------------+-------------------------------+
 * then by opcode: getaddrsbyname (flags, address types, name),
 * getnamebyaddr (flags, address), getrdatabyname (flags, class, type,
 * name), and their responses (names with 16-bit lengths, addresses as
 * family (4), length (2), bytes).
 *
 * " lwres getaddrsbyname? IPv4 www.example" for a query, no "?" for a
 * response; "[len: N != M]" when the header's length is not the UDP
 * payload's, "[extra]" when bytes follow what was shown.
 */
#include "capture/print-int.h"

#define LWRES_HDRLEN 28
#define LWRES_FLAG_RESPONSE 0x0001
#define OP_NOOP 0x00000000u
#define OP_GABN 0x00010001u
#define OP_GNBA 0x00010002u
#define OP_GRBN 0x00010003u

static const struct pr_tok opcode_names[] = {
	{ OP_NOOP, "noop" },
	{ OP_GABN, "getaddrsbyname" },
	{ OP_GNBA, "getnamebyaddr" },
	{ OP_GRBN, "getrdatabyname" },
	{ 0, NULL },
};

/* A name of l bytes and its NUL; the bytes it took. */
static int name_print(struct pr_ctx *c, unsigned l, const uint8_t *p,
		      unsigned *took)
{
	uint8_t b;

	pr_putc(c, ' ');
	if (pr_printn(c, p, l))
		return pr_stop(c);
	PR_U8(c, p + l, b);
	if (b)
		pr_puts(c, " (not NUL-terminated!)");
	*took = l + 1;
	return 0;
}

static int namelen_print(struct pr_ctx *c, const uint8_t *p, unsigned *took)
{
	uint16_t l;

	PR_BE16(c, p, l);
	if (name_print(c, l, p + 2, took) == PR_STOP)
		return PR_STOP;
	*took += 2;
	return 0;
}

static int binlen_print(struct pr_ctx *c, const uint8_t *p, unsigned *took)
{
	uint16_t l;
	unsigned i;
	uint8_t b;

	PR_BE16(c, p, l);
	for (i = 0; i < l; i++) {
		PR_U8(c, p + 2 + i, b);
		pr_hex(c, b, 2);
	}
	*took = 2u + l;
	return 0;
}

/* An address; 1 when too short for its family (the packet is invalid). */
static int addr_print(struct pr_ctx *c, const uint8_t *p0, unsigned *took)
{
	const uint8_t *p = p0 + 6;
	uint32_t family;
	uint16_t l;
	unsigned i;
	uint8_t b;

	PR_BE16(c, p0 + 4, l);
	PR_NEED(c, p, l);
	PR_BE32(c, p0, family);
	if (family == 1) {
		if (l < 4)
			return 1;
		PR_IP4(c, " ", p);
		p += 4;
	} else if (family == 2) {
		if (l < 16)
			return 1;
		PR_IP6(c, " ", p);
		p += 16;
	} else {
		pr_printf(c, " %u/", family);
		for (i = 0; i < l; i++, p++) {
			PR_U8(c, p, b);
			pr_hex(c, b, 2);
		}
	}
	*took = (unsigned)(p - p0);
	return 0;
}

/* A step of the walk: stop the packet, mark it invalid, or go on. */
#define STEP(expr)                                                       \
	do {                                                             \
		int rc_ = (expr);                                        \
		if (rc_ == PR_STOP)                                      \
			return PR_STOP;                                  \
		if (rc_ == 1)                                            \
			goto invalid;                                    \
	} while (0)

static int flags_print(struct pr_ctx *c, const uint8_t *p)
{
	uint32_t v;

	if (c->o.vflag > 2) {
		PR_BE32(c, p, v);
		pr_printf(c, " flags:0x%x", v);
	}
	return 0;
}

static int rdtype_print(struct pr_ctx *c, const uint8_t *cls_p,
			const uint8_t *type_p)
{
	uint16_t cls, type;

	PR_BE16(c, type_p, type);
	pr_putc(c, ' ');
	dns_type_print(c, type);
	PR_BE16(c, cls_p, cls);
	if (cls != 1) {
		pr_putc(c, ' ');
		dns_class_print(c, cls, "Class%u");
	}
	return 0;
}

int lwres_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *p = bp + LWRES_HDRLEN, *s = p;
	uint32_t v, plen, op;
	uint16_t ver, flags, n16, na, i;
	unsigned took;
	int response, unsupported = 0;
	int64_t shown = -1;

	c->proto = "lwres";
	PR_NEED(c, bp + 26, 2);
	pr_puts(c, " lwres");
	PR_BE16(c, bp + 4, ver);
	if (c->o.vflag || ver != 0)
		pr_printf(c, " v%u", ver);
	if (ver != 0) {
		/* tcpdump takes the shown bytes as the header's length */
		PR_BE32(c, bp, plen);
		shown = plen;
		goto tail;
	}
	PR_BE16(c, bp + 6, flags);
	response = flags & LWRES_FLAG_RESPONSE;
	PR_BE32(c, bp + 12, op);
	pr_putc(c, ' ');
	pr_tok_print(c, opcode_names, "#0x%x", op);
	if (!response)
		pr_putc(c, '?');
	if (flags & ~LWRES_FLAG_RESPONSE)
		pr_printf(c, "[0x%x]", flags);
	if (c->o.vflag > 1) {
		PR_BE32(c, bp + 8, v);
		pr_printf(c, " (serial:0x%x", v);
		PR_BE32(c, bp + 16, v);
		pr_printf(c, " result:0x%x", v);
		PR_BE32(c, bp + 20, v);
		pr_printf(c, " recvlen:%u", v);
		if (c->o.vflag > 2) {
			PR_BE16(c, bp + 24, n16);
			pr_printf(c, " authtype:0x%x", n16);
			PR_BE16(c, bp + 26, n16);
			pr_printf(c, " authlen:%u", n16);
		}
		pr_putc(c, ')');
	}

	if (!response) {
		switch (op) {
		case OP_NOOP:
			break;
		case OP_GABN:
			PR_NEED(c, p + 8, 2);
			STEP(flags_print(c, p));
			PR_BE32(c, p + 4, v);
			switch (v & 3u) {
			case 1:
				pr_puts(c, " IPv4");
				break;
			case 2:
				pr_puts(c, " IPv6");
				break;
			case 3:
				pr_puts(c, " IPv4/6");
				break;
			}
			if (v & ~3u)
				pr_printf(c, "[0x%x]", v);
			s = p + 10;
			PR_BE16(c, p + 8, n16);
			STEP(name_print(c, n16, s, &took));
			s += took;
			break;
		case OP_GNBA:
			PR_NEED(c, p, 4);
			STEP(flags_print(c, p));
			s = p + 4;
			STEP(addr_print(c, s, &took));
			s += took;
			break;
		case OP_GRBN:
			PR_NEED(c, p + 8, 2);
			STEP(flags_print(c, p));
			STEP(rdtype_print(c, p + 4, p + 6));
			s = p + 10;
			PR_BE16(c, p + 8, n16);
			STEP(name_print(c, n16, s, &took));
			s += took;
			break;
		default:
			unsupported++;
			break;
		}
	} else {
		switch (op) {
		case OP_NOOP:
			break;
		case OP_GABN:
			PR_NEED(c, p + 8, 2);
			STEP(flags_print(c, p));
			PR_BE16(c, p + 4, na);
			PR_BE16(c, p + 6, n16);
			pr_printf(c, " %u/%u", na, n16);
			s = p + 10;
			PR_BE16(c, p + 8, n16);
			STEP(name_print(c, n16, s, &took));
			s += took;
			for (i = 0; i < na; i++) {
				STEP(namelen_print(c, s, &took));
				s += took;
			}
			PR_BE16(c, p + 6, na);
			for (i = 0; i < na; i++) {
				STEP(addr_print(c, s, &took));
				s += took;
			}
			break;
		case OP_GNBA:
			PR_NEED(c, p + 6, 2);
			STEP(flags_print(c, p));
			PR_BE16(c, p + 4, na);
			pr_printf(c, " %u", na);
			s = p + 8;
			PR_BE16(c, p + 6, n16);
			STEP(name_print(c, n16, s, &took));
			s += took;
			for (i = 0; i < na; i++) {
				STEP(namelen_print(c, s, &took));
				s += took;
			}
			break;
		case OP_GRBN:
			PR_NEED(c, p + 14, 2);
			STEP(flags_print(c, p));
			STEP(rdtype_print(c, p + 4, p + 6));
			PR_BE32(c, p + 8, v);
			pr_puts(c, " TTL ");
			pr_relts(c, v);
			PR_BE16(c, p + 12, na);
			PR_BE16(c, p + 14, n16);
			pr_printf(c, " %u/%u", na, n16);
			s = p + 16;
			STEP(namelen_print(c, s, &took));
			s += took;
			for (i = 0; i < na; i++) {
				STEP(binlen_print(c, s, &took));
				s += took;
			}
			PR_BE16(c, p + 14, na);
			for (i = 0; i < na; i++) {
				STEP(binlen_print(c, s, &took));
				s += took;
			}
			break;
		default:
			unsupported++;
			break;
		}
	}
tail:
	PR_BE32(c, bp, plen);
	if (plen != length)
		pr_printf(c, " [len: %u != %u]", plen, length);
	if (shown < 0)
		shown = s - bp;
	if (!unsupported && (uint32_t)shown < plen)
		pr_puts(c, "[extra]");
	return 0;
invalid:
	pr_invalid(c);
	return 0;
}
