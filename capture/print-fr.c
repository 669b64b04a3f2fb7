/* print-fr.c: Frame Relay (DLT_FRELAY): the Q.922 address and the RFC 2427 NLPID encapsulation. */
/*
 * ITU-T Q.922 address, two to four octets (RFC 2427 2), then RFC 2427's
 * multiprotocol encapsulation:
 *
 *  8   7   6   5   4   3   2   1
 *  +---+---+---+---+---+---+---+---+
 *  |  DLCI (high 6 bits)   |C/R|EA0|
 *  +---+---+---+---+---+---+---+---+
 *  | DLCI (4 bits) |FECN|BECN|DE|EA|  EA 1: the last address octet
 *  +---+---+---+---+---+---+---+---+
 *  | control: UI 0x03              |
 *  +-------------------------------+
 *  | optional pad 0x00             |  (with a 3-octet address)
 *  +-------------------------------+
 *  | NLPID (ISO/IEC TR 9577)       |
 *  +-------------------------------+
 *
 * Cisco's encapsulation puts an ethertype where the control octet is.
 */
#include "capture/print-int.h"

#define FR_EA_BIT 0x01
#define FR_CR_BIT 0x02000000
#define FR_DE_BIT 0x00020000
#define FR_BECN_BIT 0x00040000
#define FR_FECN_BIT 0x00080000
#define FR_SDLC_BIT 0x00000002
#define LLC_UI 0x03

#define NLPID_Q933 0x08
#define NLPID_SNAP 0x80
#define NLPID_CLNP 0x81
#define NLPID_ESIS 0x82
#define NLPID_ISIS 0x83
#define NLPID_IP6 0x8e
#define NLPID_MFR 0xb1
#define NLPID_IP 0xcc
#define NLPID_PPP 0xcf

/* FRF.15 and FRF.16 fragment flags. */
#define MFR_B_BIT 0x80
#define MFR_E_BIT 0x40
#define MFR_C_BIT 0x20
#define MFR_BEC_MASK (MFR_B_BIT | MFR_E_BIT | MFR_C_BIT)
#define FR_FRF15_FRAGTYPE 0x01

static const struct pr_tok frf_flags[] = {
	{ MFR_B_BIT, "Begin" },
	{ MFR_E_BIT, "End" },
	{ MFR_C_BIT, "Control" },
	{ 0, NULL },
};

static const struct pr_tok fr_flags[] = {
	{ FR_CR_BIT, "C!" },
	{ FR_DE_BIT, "DE" },
	{ FR_BECN_BIT, "BECN" },
	{ FR_FECN_BIT, "FECN" },
	{ FR_SDLC_BIT, "sdlcore" },
	{ 0, NULL },
};

/* The address: 1, 0 when invalid, -1 when cut short. */
static int q922_parse(struct pr_ctx *c, const uint8_t *p, unsigned length,
		      unsigned *dlci, unsigned *alen, uint32_t *flags)
{
	uint8_t a, b;

	if (length < 1 || !pk_u8(&c->pk, p, &a))
		return -1;
	if (a & FR_EA_BIT)
		return 0;
	if (length < 2 || !pk_u8(&c->pk, p + 1, &b))
		return -1;
	*alen = 2;
	*dlci = (unsigned)(a & 0xfc) << 2 | (unsigned)(b & 0xf0) >> 4;
	*flags = (uint32_t)(a & 0x02) << 24 | (uint32_t)(b & 0x0e) << 16;
	if (b & FR_EA_BIT)
		return 1;
	p += 2;
	length -= 2;
	if (length < 1 || !pk_u8(&c->pk, p, &a))
		return -1;
	(*alen)++;
	if (!(a & FR_EA_BIT)) {
		*dlci = *dlci << 7 | a >> 1;
		(*alen)++;
		p++;
		length--;
	}
	if (length < 1 || !pk_u8(&c->pk, p, &a))
		return -1;
	if (!(a & FR_EA_BIT))
		return 0;
	*flags |= a & 0x02;
	*dlci = *dlci << 6 | a >> 2;
	return 1;
}

static void hdr_print(struct pr_ctx *c, unsigned length, unsigned alen,
		      unsigned dlci, uint32_t flags, unsigned nlpid)
{
	const char *s;

	if (c->o.qflag) {
		pr_printf(c, "Q.922, DLCI %u, length %u: ", dlci, length);
		return;
	}
	pr_printf(c, "Q.922, hdr-len %u, DLCI %u, Flags [", alen, dlci);
	pr_bittok_print(c, fr_flags, ", ", "none", flags);
	if (nlpid <= 0xff) {
		s = pr_tok(nlpid_names, nlpid);
		pr_printf(c, "], NLPID %s (0x%02x), length %u: ",
			  s ? s : "unknown", nlpid, length);
	} else {
		s = pr_tok(ethertype_names, nlpid);
		pr_printf(c, "], cisco-ethertype %s (0x%04x), length %u: ",
			  s ? s : "unknown", nlpid, length);
	}
}

/* FRF.15 end-to-end or interface fragmentation: the fragment header. */
static int frf15_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t a, b;

	/* tcpdump returns after the marker for a short length */
	if (length < 2) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, p, a);
	PR_U8(c, p + 1, b);
	pr_printf(c, "FRF.15, seq 0x%03x, Flags [", (unsigned)(a & 0x1e) << 7 | b);
	pr_bittok_print(c, frf_flags, ", ", "none", a & MFR_BEC_MASK);
	pr_printf(c, "],%s Fragmentation, length %u",
		  a & FR_FRF15_FRAGTYPE ? "Interface" : "End-to-End", length);
	return 0;
}

/*
 * tcpdump's own length and capture checks here print the marker and
 * return: the layers below carry on (MFR keeps its header for -x).
 */
static int fr_short(struct pr_ctx *c)
{
	pr_trunc(c);
	return 0;
}

/* A frame from its address; *hdrlen the header's length, for -x. */
static int fr_frame(struct pr_ctx *c, const uint8_t *p, unsigned length,
		    unsigned *hdrlen)
{
	unsigned dlci = 0, alen = 0, hlen;
	uint32_t flags = 0;
	uint16_t et;
	uint8_t ctl, pad, nlpid;
	int rc = 0, r;

	c->proto = "fr";
	*hdrlen = 0;
	r = q922_parse(c, p, length, &dlci, &alen, &flags);
	if (r < 0)
		return fr_short(c);
	if (r == 0) {
		pr_puts(c, "Q.922, invalid address");
		return 0;
	}
	if (!pk_u8(&c->pk, p + alen, &ctl) || length < alen + 1)
		return fr_short(c);
	if (ctl != LLC_UI && dlci != 0) {
		/* Cisco's encapsulation: an ethertype after the address */
		if (length < alen + 2 || !pr_has(c, p + alen, 2)) {
			pr_printf(c, "UI %02x! ", ctl);
		} else {
			PR_BE16(c, p + alen, et);
			if (c->o.eflag)
				hdr_print(c, length, alen, dlci, flags, et);
			if (ethertype_dispatch(c, et, p + alen + 2,
					       length - alen - 2, &rc)) {
				*hdrlen = alen + 2;
				return rc;
			}
			pr_printf(c, "UI %02x! ", ctl);
		}
	}
	if (!pk_u8(&c->pk, p + alen + 1, &pad) || length < alen + 2)
		return fr_short(c);
	if (pad == 0) {
		/* a pad octet belongs after a 3-octet address only */
		if (alen != 3)
			pr_puts(c, "Pad! ");
		hlen = alen + 3;
	} else {
		if (alen == 3)
			pr_puts(c, "No pad! ");
		hlen = alen + 2;
	}
	if (!pk_u8(&c->pk, p + hlen - 1, &nlpid) || length < hlen)
		return fr_short(c);
	if (c->o.eflag)
		hdr_print(c, length, alen, dlci, flags, nlpid);
	*hdrlen = hlen;
	p += hlen;
	length -= hlen;
	switch (nlpid) {
	case NLPID_IP:
		return ip_print(c, p, length);
	case NLPID_IP6:
		return ip6_print(c, p, length);
	case NLPID_CLNP:
	case NLPID_ESIS:
	case NLPID_ISIS:
		/* the ISO printers start at the NLPID */
		return isoclns_print(c, p - 1, length + 1);
	case NLPID_PPP:
		return ppp_body_print(c, p, length, NULL);
	case NLPID_Q933:
		return q933_print(c, p, length);
	case NLPID_MFR:
		return frf15_print(c, p, length);
	case NLPID_SNAP:
		rc = snap_print(c, p, length, (unsigned)pr_left(c, p), NULL,
				NULL);
		if (rc != 1)
			return rc;
		/* tcpdump gives the header's length as the address's here */
		if (!c->o.eflag)
			hdr_print(c, length + hlen, hlen, dlci, flags, nlpid);
		if (c->suppress_default)
			return 0;
		pr_hexascii_dump(c, "\n\t", p - hlen, length + hlen);
		return pr_left(c, p - hlen) < length + hlen ? pr_stop(c) : 0;
	default:
		if (!c->o.eflag)
			hdr_print(c, length + hlen, alen, dlci, flags, nlpid);
		if (c->o.xflag)
			return 0;
		/* ND_DEFAULTPRINT of more than was captured ends the packet */
		pr_hexascii_dump(c, "\n\t", p, length);
		return pr_left(c, p) < length ? pr_stop(c) : 0;
	}
}

int fr_body_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned hdr;

	return fr_frame(c, p, length, &hdr);
}

int fr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen, hdr = 0;
	int rc;

	c->proto = "fr";
	c->ll_hdr_len = 0;
	if (caplen < 4) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	rc = fr_frame(c, p, length, &hdr);
	c->ll_hdr_len = hdr;
	return rc;
}
