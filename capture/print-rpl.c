/* print-rpl.c: RPL control messages (RFC 6550 6), ICMPv6 type 155: DIS, DIO, DAO and DAO-ACK. */
/*
 * After the ICMPv6 type, code and checksum (the code says which message;
 * bit 0x80 a secured one):
 *
 * DIO:  | RPLInstanceID |Version Number |             Rank              |
 *       |G|0| MOP | Prf |     DTSN      |     Flags     |   Reserved    |
 *       |                        DODAGID (16 bytes)                     |
 * DAO:  | RPLInstanceID |K|D|   Flags   |   Reserved    | DAOSequence   |
 *       |                  DODAGID (16 bytes, when D)                   |
 * DAO-ACK:
 *       | RPLInstanceID |D|  Reserved   |  DAOSequence  |    Status     |
 *       |                  DODAGID (16 bytes, when D)                   |
 *
 * Options follow: type, length (not counting those two bytes), data;
 * Pad1 is one byte. tcpdump 4.99.3 decodes draft-ietf-roll-rpl-19's
 * layout, as this does.
 */
#include "capture/print-int.h"

#define DAGID_LEN 16
#define DIO_LEN 24

static const struct pr_tok mop_names[] = {
	{ 0, "nonstoring" },
	{ 1, "storing" },
	{ 2, "nonstoring-multicast" },
	{ 3, "storing-multicast" },
	{ 0, NULL },
};

static const struct pr_tok subopt_names[] = {
	{ 0, "pad1" },	     { 1, "padN" },	   { 2, "metrics" },
	{ 3, "routinginfo" }, { 4, "config" },	   { 5, "rpltarget" },
	{ 6, "transitinfo" }, { 8, "destprefix" }, { 9, "rpltargetdesc" },
	{ 0, NULL },
};

static int opts_print(struct pr_ctx *c, const uint8_t *opts, unsigned length)
{
	while (length != 0) {
		unsigned optlen;
		uint8_t type, l;

		PR_U8(c, opts, type);
		if (type == 0) {
			optlen = 1;
			pr_puts(c, " opt:pad1");
		} else {
			if (length < 2)
				goto trunc;
			PR_U8(c, opts + 1, l);
			optlen = l + 2u;
			pr_puts(c, " opt:");
			pr_tok_print(c, subopt_names, "subopt:%u", type);
			pr_printf(c, " len:%u ", optlen);
			if (!pr_has(c, opts, optlen) || length < optlen)
				goto trunc;
			if (c->o.vflag > 2)
				pr_hex_dump(c, " ", opts + 2, optlen - 2);
		}
		opts += optlen;
		length -= optlen;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int dio_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t dtsn, inst, mopprf;
	uint16_t rank;

	if (length < DIO_LEN) {
		pr_invalid(c);
		return 0;
	}
	PR_IP6(c, " [dagid:", bp + 8);
	PR_U8(c, bp + 5, dtsn);
	PR_U8(c, bp, inst);
	PR_BE16(c, bp + 2, rank);
	PR_U8(c, bp + 4, mopprf);
	pr_printf(c, ",seq:%u,instance:%u,rank:%u,%smop:", dtsn, inst, rank,
		  mopprf & 0x80 ? "grounded," : "");
	pr_tok_print(c, mop_names, "mop%u", (mopprf >> 3) & 7);
	pr_printf(c, ",prf:%u]", mopprf & 7);
	if (c->o.vflag > 1)
		return opts_print(c, bp + DIO_LEN, length - DIO_LEN);
	return 0;
}

/*
 * DAO (ack 0) or DAO-ACK (ack 1): the fixed part, the DODAGID when the D
 * flag says so, the options.
 */
static int dao_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
		     int ack)
{
	const uint8_t *dagid = NULL;
	uint8_t inst, flags, seq, status = 0;
	int d;

	if (!pr_has(c, bp, ack ? 4 : 4 + DAGID_LEN)) {
		pr_trunc(c);
		return 0;
	}
	if (length < 4)
		goto tooshort;
	PR_U8(c, bp, inst);
	PR_U8(c, bp + 1, flags);
	PR_U8(c, bp + (ack ? 2 : 3), seq);
	if (ack)
		PR_U8(c, bp + 3, status);
	d = ack ? (flags & 0x80) != 0 : (flags & 0x40) != 0;
	length -= 4;
	if (d) {
		if (!pr_has(c, bp + 4, DAGID_LEN)) {
			pr_trunc(c);
			return 0;
		}
		if (length < DAGID_LEN)
			goto tooshort;
		dagid = bp + 4;
		length -= DAGID_LEN;
	}
	pr_puts(c, " [dagid:");
	if (dagid) {
		uint8_t a[16];

		PR_COPY(c, dagid, a, 16);
		pr_ip6(c, a);
	} else {
		pr_puts(c, "<elided>");
	}
	if (ack)
		pr_printf(c, ",seq:%u,instance:%u,status:%u]", seq, inst,
			  status);
	else
		pr_printf(c, ",seq:%u,instance:%u%s%s,%02x]", seq, inst,
			  flags & 0x80 ? ",acK" : "", d ? ",Dagid" : "", flags);
	if (c->o.vflag > 1)
		return opts_print(c, bp + 4 + (d ? DAGID_LEN : 0), length);
	return 0;
tooshort:
	pr_puts(c, ack ? " [|dao-length too short]" : " [|length too short]");
	return 0;
}

int rpl_print(struct pr_ctx *c, unsigned code, const uint8_t *bp,
	      unsigned length)
{
	if (code & 0x80) {
		pr_puts(c, ", (SEC) [worktodo]");
		return 0;
	}
	pr_puts(c, ", (CLR)");
	switch (code & 0x7f) {
	case 0:
		pr_puts(c, "DODAG Information Solicitation");
		return 0;
	case 1:
		pr_puts(c, "DODAG Information Object");
		return c->o.vflag ? dio_print(c, bp, length) : 0;
	case 2:
		pr_puts(c, "Destination Advertisement Object");
		return c->o.vflag ? dao_print(c, bp, length, 0) : 0;
	case 3:
		pr_puts(c, "Destination Advertisement Object Ack");
		return c->o.vflag ? dao_print(c, bp, length, 1) : 0;
	default:
		pr_printf(c, "RPL message, unknown code %u", code);
		return 0;
	}
}
