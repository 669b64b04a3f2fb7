/* print-esis.c: ES-IS (ISO 9542): end system and intermediate system hellos, redirects and their options. */
/*
 * The fixed part of every ES-IS PDU (ISO 9542 7.1):
 *
 *  +--------+--------+--------+--------+--------+--------+--------+--------+--------+
 *  | NLPID  | length | version| reserved| type  | holding time    | checksum        |
 *  | 0x82   | ind.   | 1      |        | (5 b) |                 |                 |
 *  +--------+--------+--------+--------+--------+--------+--------+--------+--------+
 *
 * then by type: ESH (2), a count and that many source NSAPs, each with
 * its length; ISH (4), one NET; redirect (6), a destination NSAP, a SNPA
 * and a NET; then options: code (1), length (1), value.
 */
#include "capture/print-int.h"

#define ESIS_HDR_LEN 9
#define ESIS_REDIRECT 6
#define ESIS_ESH 2
#define ESIS_ISH 4
#define OPT_PROTOCOLS 129
#define OPT_ES_CONF_TIME 198

static const struct pr_tok pdu_names[] = {
	{ ESIS_REDIRECT, "redirect" },
	{ ESIS_ESH, "ESH" },
	{ ESIS_ISH, "ISH" },
	{ 0, NULL },
};

static const struct pr_tok option_names[] = {
	{ OPT_PROTOCOLS, "Protocols supported" },
	{ 195, "QoS Maintenance" },
	{ 197, "Security" },
	{ OPT_ES_CONF_TIME, "ES Configuration Time" },
	{ 205, "Priority" },
	{ 225, "Addressk Mask" },
	{ 226, "SNPA Mask" },
	{ 0, NULL },
};

/* One length-prefixed field of a redirect: 0, 1 when the PDU ends, PR_STOP. */
static int field(struct pr_ctx *c, const uint8_t **pp, unsigned *li,
		 uint8_t *len, int last)
{
	PR_NEED(c, *pp, 1);
	if (*li < 1) {
		pr_puts(c, ", bad redirect/li");
		return 1;
	}
	PR_U8(c, *pp, *len);
	(*pp)++;
	if (!last)
		(*li)--;
	PR_NEED(c, *pp, *len);
	if (*li < *len) {
		pr_puts(c, ", bad redirect/li");
		return 1;
	}
	return 0;
}

static int redirect_print(struct pr_ctx *c, const uint8_t **pp, unsigned *li)
{
	const uint8_t *p = *pp, *snpa, *net;
	uint8_t dl, sl, nl, a[255];
	int rc;

	if ((rc = field(c, &p, li, &dl, 0)))
		return rc;
	rc = osi_nsap_print(c, "\n\t  ", p, dl);
	if (rc)
		return rc;
	p += dl;
	*li -= dl;
	if ((rc = field(c, &p, li, &sl, 0)))
		return rc;
	snpa = p;
	p += sl;
	*li -= sl;
	/* tcpdump does not count the NET's length octet */
	if ((rc = field(c, &p, li, &nl, 1)))
		return rc;
	net = p;
	p += nl;
	*li -= nl;
	PR_COPY(c, snpa, a, sl);
	pr_printf(c, "\n\t  SNPA (length: %u): ", sl);
	pr_linkaddr(c, a, sl);
	if (nl) {
		pr_printf(c, "\n\t  NET (length: %u) ", nl);
		rc = osi_nsap_print(c, "", net, nl);
		if (rc)
			return rc;
	}
	*pp = p;
	return 0;
}

int esis_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	const uint8_t *o = p;
	uint8_t h[ESIS_HDR_LEN], n, l, op, ol, v;
	unsigned li, type;
	uint16_t u16;
	int rc;

	c->proto = "esis";
	if (!c->o.eflag)
		pr_puts(c, "ES-IS");
	if (length <= 2) {
		pr_puts(c, c->o.qflag ? "bad pkt!" : "no header at all!");
		return 0;
	}
	PR_COPY(c, p, h, ESIS_HDR_LEN);
	li = h[1];
	if (h[0] != 0x82) {
		pr_printf(c, " nlpid 0x%02x packet not supported", h[0]);
		return 0;
	}
	if (h[2] != 1) {
		pr_printf(c, " version %u packet not supported", h[2]);
		return 0;
	}
	if (li > length) {
		pr_printf(c, " length indicator(%u) > PDU size (%u)!", li,
			  length);
		return 0;
	}
	if (li < ESIS_HDR_LEN + 2) {
		pr_printf(c, " length indicator %u < min PDU size:", li);
		for (; pr_has(c, p, 1); p++) {
			PR_U8(c, p, v);
			pr_printf(c, "%02X", v);
		}
		return 0;
	}
	type = h[4] & 0x1f;
	if (c->o.vflag < 1) {
		pr_puts(c, c->o.eflag ? "" : ", ");
		pr_tok_print(c, pdu_names, "unknown type (%u)", type);
		pr_printf(c, ", length %u", length);
		return 0;
	}
	pr_printf(c, "%slength %u\n\t", c->o.eflag ? "" : ", ", length);
	pr_tok_print(c, pdu_names, "unknown type: %u", type);
	pr_printf(c, " (%u), v: %u, checksum: 0x%04x", type, h[2],
		  (unsigned)h[7] << 8 | h[8]);
	osi_cksum_print(c, p, (uint16_t)(h[7] << 8 | h[8]), 7, li);
	pr_printf(c, ", holding time: %us, length indicator: %u",
		  (unsigned)h[5] << 8 | h[6], li);
	if (c->o.vflag > 1)
		pr_unknown_data(c, o, "\n\t", ESIS_HDR_LEN);
	p += ESIS_HDR_LEN;
	li -= ESIS_HDR_LEN;

	switch (type) {
	case ESIS_REDIRECT:
		rc = redirect_print(c, &p, &li);
		if (rc)
			return rc == 1 ? 0 : rc;
		break;
	case ESIS_ESH:
		PR_NEED(c, p, 1);
		if (li < 1) {
			pr_puts(c, ", bad esh/li");
			return 0;
		}
		PR_U8(c, p, n);
		p++;
		li--;
		pr_printf(c, "\n\t  Number of Source Addresses: %u", n);
		for (; n > 0; n--) {
			PR_NEED(c, p, 1);
			if (li < 1) {
				pr_puts(c, ", bad esh/li");
				return 0;
			}
			PR_U8(c, p, l);
			p++;
			li--;
			PR_NEED(c, p, l);
			if (li < l) {
				pr_puts(c, ", bad esh/li");
				return 0;
			}
			pr_printf(c, "\n\t  NET (length: %u): ", l);
			if ((rc = osi_nsap_print(c, "", p, l)))
				return rc;
			p += l;
			li -= l;
		}
		break;
	case ESIS_ISH:
		PR_NEED(c, p, 1);
		if (li < 1) {
			pr_puts(c, ", bad ish/li");
			return 0;
		}
		PR_U8(c, p, l);
		p++;
		li--;
		PR_NEED(c, p, l);
		if (li < l) {
			pr_puts(c, ", bad ish/li");
			return 0;
		}
		pr_printf(c, "\n\t  NET (length: %u): ", l);
		if ((rc = osi_nsap_print(c, "", p, l)))
			return rc;
		p += l;
		li -= l;
		break;
	default:
		if (c->o.vflag <= 1 && pr_has(c, p, 1))
			pr_unknown_data(c, p, "\n\t  ", (unsigned)pr_left(c, p));
		return 0;
	}

	while (li != 0) {
		const uint8_t *t;

		if (li < 2) {
			pr_puts(c, ", bad opts/li");
			return 0;
		}
		PR_U8(c, p, op);
		PR_U8(c, p + 1, ol);
		p += 2;
		li -= 2;
		if (ol > li) {
			pr_printf(c, ", opt (%u) too long", op);
			return 0;
		}
		li -= ol;
		t = p;
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, option_names, "Unknown", op);
		pr_printf(c, " Option #%u, length %u, value: ", op, ol);
		switch (op) {
		case OPT_ES_CONF_TIME:
			if (ol == 2) {
				PR_BE16(c, t, u16);
				pr_printf(c, "%us", u16);
			} else {
				pr_puts(c, "(bad length)");
			}
			break;
		case OPT_PROTOCOLS:
			for (; ol > 0; ol--, t++) {
				PR_U8(c, t, v);
				pr_tok_print(c, nlpid_names, "unknown", v);
				pr_printf(c, " (0x%02x)%s", v, ol > 1 ? ", " : "");
			}
			break;
		default:
			pr_unknown_data(c, t, "\n\t  ", ol);
			break;
		}
		PR_U8(c, p - 1, ol); /* the option's length again */
		if (c->o.vflag > 1)
			pr_unknown_data(c, p, "\n\t  ", ol);
		p += ol;
	}
	return 0;
}
