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

	if (length < 2)
		return pr_stop(c);
	PR_U8(c, p, a);
	PR_U8(c, p + 1, b);
	pr_printf(c, "FRF.15, seq 0x%03x, Flags [", (unsigned)(a & 0x1e) << 7 | b);
	pr_bittok_print(c, frf_flags, ", ", "none", a & MFR_BEC_MASK);
	pr_printf(c, "],%s Fragmentation, length %u",
		  a & FR_FRF15_FRAGTYPE ? "Interface" : "End-to-End", length);
	return 0;
}

/*
 * A header cut short: tcpdump's print-fr.c checks those octets without
 * a longjmp, prints the marker and returns, so a Juniper header around
 * the frame stays out of -x's dump.
 */
static int fr_cut(struct pr_ctx *c)
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
		return fr_cut(c);
	if (r == 0) {
		pr_puts(c, "Q.922, invalid address");
		return 0;
	}
	if (!pk_u8(&c->pk, p + alen, &ctl))
		return fr_cut(c);
	if (length < alen + 1)
		return fr_cut(c);
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
	if (!pk_u8(&c->pk, p + alen + 1, &pad))
		return fr_cut(c);
	if (length < alen + 2)
		return fr_cut(c);
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
	if (!pk_u8(&c->pk, p + hlen - 1, &nlpid))
		return fr_cut(c);
	if (length < hlen)
		return fr_cut(c);
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
		pr_generic(c, "Q.933");
		return 0;
	case NLPID_MFR:
		return frf15_print(c, p, length);
	case NLPID_SNAP:
		/* SNAP is not decoded here: tcpdump's unknown-type output */
		pr_generic(c, "SNAP");
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

int fr_body_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned saved = c->ll_hdr_len, hdr = 0;
	int rc;

	rc = fr_frame(c, p, length, &hdr);
	c->ll_hdr_len = saved;
	return rc;
}

/* FRF.16 control messages. */
static const struct pr_tok mfr_msg_names[] = {
	{ 1, "Add Link" },
	{ 2, "Add Link ACK" },
	{ 3, "Add Link Reject" },
	{ 4, "Hello" },
	{ 5, "Hello ACK" },
	{ 6, "Remove Link" },
	{ 7, "Remove Link ACK" },
	{ 0, NULL },
};

static const struct pr_tok mfr_ie_names[] = {
	{ 1, "Bundle ID" },
	{ 2, "Link ID" },
	{ 3, "Magic Number" },
	{ 5, "Timestamp" },
	{ 6, "Vendor Extension" },
	{ 7, "Cause" },
	{ 0, NULL },
};

/* A control message's IEs: type (1), length (1, with these two), value. */
static int mfr_ies_print(struct pr_ctx *c, const uint8_t *p, unsigned tlen)
{
	uint8_t type, len, ch;
	uint32_t magic;
	unsigned i;

	while (tlen > 2) {
		PR_NEED(c, p, 2);
		PR_U8(c, p, type);
		PR_U8(c, p + 1, len);
		pr_puts(c, "\n\tIE ");
		pr_tok_print(c, mfr_ie_names, "Unknown", type);
		pr_printf(c, " (%u), length %u: ", type, len);
		if (type == 0 || len <= 2)
			return 0;
		PR_NEED(c, p, len);
		p += 2;
		len -= 2;
		tlen -= 2;
		switch (type) {
		case 3:
			if (len != 4) {
				pr_printf(c, "[IE data length %d != 4]", len);
				pr_invalid(c);
				break;
			}
			PR_BE32(c, p, magic);
			pr_printf(c, "0x%08x", magic);
			break;
		case 1:
		case 2:
			for (i = 0; i < len && i < 50; i++) {
				PR_U8(c, p + i, ch);
				if (ch == 0)
					break;
				pr_char(c, ch);
			}
			break;
		case 5:
			if (len == 16) {
				/* tcpdump reads a host's struct timeval here */
				pr_generic(c, "FRF.16");
				return 0;
			}
			/* fall through */
		default:
			if (c->o.vflag <= 1 &&
			    pr_unknown_data(c, p, "\n\t  ", len) == PR_STOP)
				return PR_STOP;
			break;
		}
		if (c->o.vflag > 1 &&
		    pr_unknown_data(c, p, "\n\t  ", len) == PR_STOP)
			return PR_STOP;
		tlen -= len;
		p += len;
	}
	return 0;
}

/*
 * An FRF.16 (multilink Frame Relay UNI/NNI) frame: a control message
 * (flags B, E and C, a zero octet, the message type, then IEs) or a
 * fragment (flags, a 12-bit sequence number) before a Q.922 frame.
 */
int mfr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t a, b, msg;
	unsigned flags, seq;

	c->proto = "mfr";
	if (length < 4) {
		pr_printf(c, "[length %u < 4]", length);
		pr_invalid(c);
		return 0;
	}
	PR_NEED(c, p, 4);
	PR_U8(c, p, a);
	PR_U8(c, p + 1, b);
	flags = a & MFR_BEC_MASK;
	if (flags == MFR_BEC_MASK && b == 0) {
		PR_U8(c, p + 2, msg);
		pr_puts(c, "FRF.16 Control, Flags [");
		pr_bittok_print(c, frf_flags, ", ", "none", flags);
		pr_puts(c, "], ");
		pr_tok_print(c, mfr_msg_names, "Unknown Message (0x%02x)", msg);
		pr_printf(c, ", length %u", length);
		if (!c->o.vflag)
			return 0;
		return mfr_ies_print(c, p + 3, length - 3);
	}
	seq = (unsigned)(a & 0x1e) << 7 | b;
	pr_printf(c, "FRF.16 Frag, seq %u, Flags [", seq);
	pr_bittok_print(c, frf_flags, ", ", "none", flags);
	if (flags == (MFR_B_BIT | MFR_E_BIT) || flags == MFR_B_BIT) {
		pr_puts(c, "], ");
		return fr_body_print(c, p + 2, length - 2);
	}
	pr_putc(c, ']');
	return pr_unknown_data(c, p, "\n\t", length);
}
