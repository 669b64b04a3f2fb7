/* print-chdlc.c: Cisco HDLC (DLT_C_HDLC, DLT_HDLC) and its SLARP keepalives. */
/*
 * Cisco HDLC frames, as captured (no flags, no FCS): 4 octets, then the
 * payload named by an ethertype.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | address 0x0f  | control 0x00  |      protocol (ethertype)     |
 *  |  or 0x8f bcast|               |    0x8035: SLARP              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * SLARP (Serial Line ARP, no RFC: Cisco's; the layout is that of
 * www.nethelp.no/net/cisco-hdlc.txt), 14 or 18 octets after the header:
 *
 *  +-------------------------------+
 *  | code (4): 0 request, 1 reply, |
 *  |           2 keepalive         |
 *  +-------------------------------+  request/reply:  keepalive:
 *  | 8 octets                      |  address (4)     my sequence (4)
 *  |                               |  mask (4)        your sequence (4)
 *  +-------------------------------+
 *  | reliability (2)               |  (keepalive)
 *  +-------------------------------+
 *  | uptime in ms (4), optional    |
 *  +-------------------------------+
 */
#include "capture/print-int.h"

#define CHDLC_HDRLEN 4
#define CHDLC_UNICAST 0x0f
#define CHDLC_BCAST 0x8f
#define CHDLC_TYPE_SLARP 0x8035
#define ET_ISO 0xfefe

#define SLARP_REQUEST 0
#define SLARP_REPLY 1
#define SLARP_KEEPALIVE 2
#define SLARP_MIN_LEN 14
#define SLARP_MAX_LEN 18

#define NLPID_CLNP 0x81
#define NLPID_ESIS 0x82
#define NLPID_ISIS 0x83

static const struct pr_tok chdlc_cast_names[] = {
	{ CHDLC_UNICAST, "unicast" },
	{ CHDLC_BCAST, "bcast" },
	{ 0, NULL },
};

static int slarp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint32_t code, mine, yours, ms, sec, min, hrs, days;
	const uint8_t *cp = p;
	uint16_t rel;

	c->proto = "chdlc_slarp";
	pr_puts(c, "SLARP");
	if (length < SLARP_MIN_LEN) {
		pr_invalid(c);
		return 0;
	}
	pr_printf(c, " (length: %u), ", length);
	PR_NEED(c, p, SLARP_MIN_LEN);
	PR_BE32(c, p, code);
	switch (code) {
	case SLARP_REQUEST:
		/* the address and mask of a request are zero */
		pr_puts(c, "request");
		break;
	case SLARP_REPLY:
		PR_NEED(c, p + 4, 8);
		PR_IP4(c, "reply ", p + 4);
		PR_IP4(c, "/", p + 8);
		break;
	case SLARP_KEEPALIVE:
		PR_BE32(c, p + 4, mine);
		PR_BE32(c, p + 8, yours);
		PR_BE16(c, p + 12, rel);
		pr_printf(c, "keepalive: mineseen=0x%08x, yourseen=0x%08x, "
			     "reliability=0x%04x", mine, yours, rel);
		if (length >= SLARP_MAX_LEN) {
			/* tcpdump moves on here: -vv dumps from 4 past it */
			cp = p + SLARP_MIN_LEN;
			PR_BE32(c, cp, ms);
			sec = ms / 1000;
			min = sec / 60;
			sec -= min * 60;
			hrs = min / 60;
			min -= hrs * 60;
			days = hrs / 24;
			hrs -= days * 24;
			pr_printf(c, ", link uptime=%ud%uh%um%us", days, hrs,
				  min, sec);
		}
		break;
	default:
		pr_printf(c, "0x%02x unknown", code);
		if (c->o.vflag <= 1)
			pr_unknown_data(c, p + 4, "\n\t", length - 4);
		break;
	}
	if (length > SLARP_MAX_LEN && c->o.vflag)
		pr_printf(c, ", (trailing junk: %u bytes)",
			  length - SLARP_MAX_LEN);
	if (c->o.vflag > 1)
		pr_unknown_data(c, cp + 4, "\n\t", length - 4);
	return 0;
}

int chdlc_body_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint16_t proto;
	uint8_t cast, nlpid;
	int rc = 0;

	c->proto = "chdlc";
	if (length < CHDLC_HDRLEN) {
		pr_invalid(c);
		return 0;
	}
	PR_BE16(c, p + 2, proto);
	if (c->o.eflag) {
		const char *s = pr_tok(ethertype_names, proto);

		PR_U8(c, p, cast);
		pr_tok_print(c, chdlc_cast_names, "0x%02x", cast);
		pr_printf(c, ", ethertype %s (0x%04x), length %u: ",
			  s ? s : "Unknown", proto, length);
	}
	length -= CHDLC_HDRLEN;
	p += CHDLC_HDRLEN;
	switch (proto) {
	case CHDLC_TYPE_SLARP:
		return slarp_print(c, p, length);
	case ET_ISO:
		/* a "fudge" octet may come first: look for the NLPID after it */
		if (length < 2) {
			pr_invalid(c);
			return 0;
		}
		PR_U8(c, p + 1, nlpid);
		if (nlpid == NLPID_CLNP || nlpid == NLPID_ESIS ||
		    nlpid == NLPID_ISIS)
			return isoclns_print(c, p + 1, length - 1);
		return isoclns_print(c, p, length);
	default:
		/* tcpdump's C-HDLC takes IPv4, IPv6 and MPLS only, not any ethertype */
		if ((proto == 0x0800 || proto == 0x86dd || proto == 0x8847 ||
		     proto == 0x8848) &&
		    ethertype_dispatch(c, proto, p, length, &rc))
			return rc;
		if (proto == 0x8847 || proto == 0x8848)
			pr_generic(c, "MPLS");
		else if (!c->o.eflag)
			pr_printf(c, "unknown CHDLC protocol (0x%04x)", proto);
		return 0;
	}
}

int chdlc_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	c->proto = "chdlc";
	c->ll_hdr_len = CHDLC_HDRLEN;
	PR_NEED(c, p, CHDLC_HDRLEN);
	return chdlc_body_print(c, p, length);
}
