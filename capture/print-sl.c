/* print-sl.c: SLIP (RFC 1055) links with Van Jacobson TCP/IP header compression (RFC 1144). */
/*
 * A DLT_SLIP record starts with a 16-octet pseudo-header written by the
 * capturing BPF, then the IP datagram as the receiving end rebuilt it:
 *
 *   0        1        2                                     15
 *  +--------+--------+--------------- ... -------------------+
 *  |  dir   | chdr[0]|  the first octets of the header as it |
 *  | 0 in   |        |  went over the wire (compressed TCP)  |
 *  | 1 out  |        |                                       |
 *  +--------+--------+--------------- ... -------------------+
 *  | the (uncompressed) IP datagram                          |
 *  +---------------------------------------------------------+
 *
 * A compressed header (RFC 1144 3.2) is a change mask, the connection
 * number when C is set, the TCP checksum, then one delta for each bit:
 *
 *    0   1   2   3   4   5   6   7
 *  +---+---+---+---+---+---+---+---+
 *  | 1 | C | I | P | S | A | W | U |  S+A+W+U all set: "*S+n" (data),
 *  +---+---+---+---+---+---+---+---+  S+W+U: "*SA+n" (echoed typing)
 *
 * With -e the pseudo-header is shown as "I ctcp 3 A+1 S+1 4 (5): ": the
 * direction, the connection, the changes, the data length and the size of
 * the compressed header. The data length of the special cases is the one
 * of the connection's previous packet, kept per direction and connection
 * in the printer's context, as tcpdump keeps it.
 */
#include "capture/print-int.h"

#include <stdlib.h>

#define SLIP_HDRLEN 16
#define SLX_DIR 0
#define SLX_CHDR 1

#define SLIPDIR_IN 0
#define SLIPDIR_OUT 1

#define TYPE_IP 0x40
#define TYPE_UNCOMPRESSED_TCP 0x70
#define TYPE_COMPRESSED_TCP 0x80

#define NEW_C 0x40
#define NEW_I 0x20
#define NEW_S 0x08
#define NEW_A 0x04
#define NEW_W 0x02
#define NEW_U 0x01
#define SPECIAL_I (NEW_S | NEW_W | NEW_U)
#define SPECIAL_D (NEW_S | NEW_A | NEW_W | NEW_U)
#define SPECIALS_MASK (NEW_S | NEW_A | NEW_W | NEW_U)

/* What a capture's SLIP packets leave for the next ones. */
struct pr_sl_state {
	unsigned lastlen[2][256]; /* data length, by direction and connection */
	unsigned lastconn;
};

static struct pr_sl_state *sl_state(struct pr_ctx *c)
{
	PR_SEQ_STATE(c);
	if (!c->sl) {
		c->sl = calloc(1, sizeof(*c->sl));
		if (c->sl)
			c->sl->lastconn = 255;
	}
	return c->sl;
}

/*
 * The data length of a TCP segment whose IP datagram (length octets) is
 * at ip: its length less both headers, remembered for the connection.
 */
static int sl_datalen(struct pr_ctx *c, const uint8_t *ip, unsigned length,
		      int dir, unsigned conn, unsigned *out)
{
	struct pr_sl_state *s = sl_state(c);
	unsigned hlen;
	uint8_t vhl, off;

	PR_NEED(c, ip, 20);
	PR_U8(c, ip, vhl);
	hlen = vhl & 0x0f;
	PR_NEED(c, ip + 4 * hlen, 20);
	PR_U8(c, ip + 4 * hlen + 12, off);
	hlen += off >> 4;
	*out = length - (hlen << 2);
	if (s)
		s->lastlen[dir][conn] = *out;
	return 0;
}

/* One delta: an octet, or a zero octet then two (RFC 1144 3.2.2). */
static int sl_change(struct pr_ctx *c, const char *str, const uint8_t **cpp)
{
	const uint8_t *cp = *cpp;
	uint16_t v16;
	uint8_t v;
	unsigned i;

	PR_U8(c, cp, v);
	i = v;
	if (i == 0) {
		cp++;
		PR_BE16(c, cp, v16);
		i = v16;
		cp += 2;
	}
	pr_printf(c, " %s%u", str, i);
	*cpp = cp;
	return 0;
}

/* The window's delta is signed. */
static int sl_winchange(struct pr_ctx *c, const uint8_t **cpp)
{
	const uint8_t *cp = *cpp;
	uint16_t v16;
	uint8_t v;
	int16_t i;

	PR_U8(c, cp, v);
	i = v;
	if (i == 0) {
		cp++;
		PR_BE16(c, cp, v16);
		i = (int16_t)v16;
		cp += 2;
	}
	if (i >= 0)
		pr_printf(c, " W+%d", i);
	else
		pr_printf(c, " W%d", i);
	*cpp = cp;
	return 0;
}

#define SL_CALL(x)                                                       \
	do {                                                             \
		if ((x) == PR_STOP)                                      \
			return PR_STOP;                                  \
	} while (0)

static int compressed_print(struct pr_ctx *c, const uint8_t *chdr,
			    const uint8_t *ip, unsigned length, int dir)
{
	struct pr_sl_state *s = sl_state(c);
	const uint8_t *cp = chdr;
	unsigned conn, len;
	uint8_t flags, v;

	PR_U8(c, cp, flags);
	cp++;
	if (flags & NEW_C) {
		PR_U8(c, cp, v);
		cp++;
		if (s)
			s->lastconn = v;
		pr_printf(c, "ctcp %u", v);
	} else {
		pr_puts(c, "ctcp *");
	}
	conn = s ? s->lastconn : 255;
	cp += 2; /* the TCP checksum */
	switch (flags & SPECIALS_MASK) {
	case SPECIAL_I:
		pr_printf(c, " *SA+%u", s ? s->lastlen[dir][conn] : 0);
		break;
	case SPECIAL_D:
		pr_printf(c, " *S+%u", s ? s->lastlen[dir][conn] : 0);
		break;
	default:
		if (flags & NEW_U)
			SL_CALL(sl_change(c, "U=", &cp));
		if (flags & NEW_W)
			SL_CALL(sl_winchange(c, &cp));
		if (flags & NEW_A)
			SL_CALL(sl_change(c, "A+", &cp));
		if (flags & NEW_S)
			SL_CALL(sl_change(c, "S+", &cp));
		break;
	}
	if (flags & NEW_I)
		SL_CALL(sl_change(c, "I+", &cp));
	SL_CALL(sl_datalen(c, ip, length, dir, conn, &len));
	pr_printf(c, " %u (%ld)", len, (long)(cp - chdr));
	return 0;
}

/* The -e text of the pseudo-header. */
static int link_print(struct pr_ctx *c, const uint8_t *p, const uint8_t *ip,
		      unsigned length)
{
	struct pr_sl_state *s;
	unsigned len;
	uint8_t d, t;
	int dir;

	PR_U8(c, p + SLX_DIR, d);
	switch (d) {
	case SLIPDIR_IN:
		pr_puts(c, "I ");
		dir = d;
		break;
	case SLIPDIR_OUT:
		pr_puts(c, "O ");
		dir = d;
		break;
	default:
		pr_printf(c, "Invalid direction %d ", d);
		dir = -1;
		break;
	}
	PR_U8(c, p + SLX_CHDR, t);
	switch (t & 0xf0) {
	case TYPE_IP:
		pr_printf(c, "ip %u: ", length + SLIP_HDRLEN);
		break;
	case TYPE_UNCOMPRESSED_TCP:
		/*
		 * The connection number is in the wire header's protocol
		 * field: the rebuilt IP header has IPPROTO_TCP there.
		 */
		PR_U8(c, p + SLX_CHDR + 9, d);
		s = sl_state(c);
		if (s)
			s->lastconn = d;
		pr_printf(c, "utcp %u: ", d);
		if (dir < 0)
			return 0;
		SL_CALL(sl_datalen(c, ip, length, dir, d, &len));
		break;
	default:
		if (dir < 0)
			return 0;
		if (t & TYPE_COMPRESSED_TCP) {
			SL_CALL(compressed_print(c, p + SLX_CHDR, ip, length,
						 dir));
			pr_puts(c, ": ");
		} else {
			pr_printf(c, "slip-%u!: ", t);
		}
	}
	return 0;
}

int sl_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	const uint8_t *ip = p + SLIP_HDRLEN;
	uint8_t vhl;

	c->proto = "slip";
	PR_NEED(c, p, SLIP_HDRLEN);
	c->ll_hdr_len = SLIP_HDRLEN;
	length -= SLIP_HDRLEN;
	if (c->o.eflag)
		SL_CALL(link_print(c, p, ip, length));
	PR_U8(c, ip, vhl);
	switch (vhl >> 4) {
	case 4:
		return ip_print(c, ip, length);
	case 6:
		return ip6_print(c, ip, length);
	default:
		pr_printf(c, "ip v%u", vhl >> 4);
		return 0;
	}
}

/* BSD/OS's SLIP: the same pseudo-header, never shown, then IPv4. */
int sl_bsdos_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	c->proto = "slip_bsdos";
	PR_NEED(c, p, SLIP_HDRLEN);
	c->ll_hdr_len = SLIP_HDRLEN;
	return ip_print(c, p + SLIP_HDRLEN, length - SLIP_HDRLEN);
}
