/* print-pppoe.c: PPP over Ethernet (RFC 2516): discovery tags and session frames. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  VER  | TYPE  |      CODE     |          SESSION_ID           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            LENGTH             |           payload             ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * CODE 0 is a session frame: the payload is a PPP frame (its protocol
 * field, no address and control). Any other code is a discovery packet
 * whose payload is a list of tags: TAG_TYPE (2), TAG_LENGTH (2), value.
 * Ethertypes 0x8863 (discovery) and 0x8864 (session), and DLT_PPP_ETHER.
 */
#include "capture/print-int.h"

#define PPPOE_HDRLEN 6
#define PPPOE_PADI 0x09
#define MAXTAGPRINT 80

static const struct pr_tok pppoe_codes[] = {
	{ PPPOE_PADI, "PADI" },
	{ 0x07, "PADO" },
	{ 0x19, "PADR" },
	{ 0x65, "PADS" },
	{ 0xa7, "PADT" },
	{ 0, "" }, /* a session frame */
	{ 0, NULL },
};

static const struct pr_tok pppoe_tags[] = {
	{ 0x0000, "EOL" },
	{ 0x0101, "Service-Name" },
	{ 0x0102, "AC-Name" },
	{ 0x0103, "Host-Uniq" },
	{ 0x0104, "AC-Cookie" },
	{ 0x0105, "Vendor-Specific" },
	{ 0x0110, "Relay-Session-ID" },
	{ 0x0120, "PPP-Max-Payload" },
	{ 0x0201, "Service-Name-Error" },
	{ 0x0202, "AC-System-Error" },
	{ 0x0203, "Generic-Error" },
	{ 0, NULL },
};

/* One tag's value: quoted text when mostly printable, else hex. */
static int tag_value_print(struct pr_ctx *c, unsigned type, const uint8_t *v,
			   unsigned len)
{
	unsigned i, n = 0, text = 0, junk = 0;
	char s[MAXTAGPRINT];
	uint8_t ch;

	PR_NEED(c, v, len);
	for (i = 0; i < len && n < MAXTAGPRINT - 1; i++) {
		PR_U8(c, v + i, ch);
		if (ch >= 0x20 && ch < 0x7f) {
			s[n++] = (char)ch;
			text++;
		} else {
			s[n++] = '.';
			junk++;
		}
	}
	pr_puts(c, " [");
	pr_tok_print(c, pppoe_tags, "TAG-0x%x", type);
	if (text > junk) {
		pr_puts(c, " \"");
		pr_putn(c, s, n);
		pr_puts(c, "\"]");
		return 0;
	}
	pr_puts(c, " 0x");
	for (i = 0; i < len; i++) {
		PR_U8(c, v + i, ch);
		pr_printf(c, "%02X", ch);
	}
	pr_putc(c, ']');
	return 0;
}

/* The header and the tags or the PPP frame; *hdrlen the octets before
 * the PPP payload, for -x. */
static int pppoe_frame(struct pr_ctx *c, const uint8_t *p, unsigned length,
		       unsigned *hdrlen)
{
	unsigned ver, type, plen, tlen, off;
	uint16_t ses, tag = 0xffff, l16;
	uint8_t b0, code;
	const uint8_t *t, *payload = p + PPPOE_HDRLEN;
	int rc;

	c->proto = "pppoe";
	*hdrlen = 0;
	if (length < PPPOE_HDRLEN) {
		pr_printf(c, " (length %u < %u)", length, PPPOE_HDRLEN);
		pr_invalid(c);
		return 0;
	}
	length -= PPPOE_HDRLEN;
	PR_NEED(c, p, PPPOE_HDRLEN);
	PR_U8(c, p, b0);
	PR_U8(c, p + 1, code);
	PR_BE16(c, p + 2, ses);
	PR_BE16(c, p + 4, l16);
	ver = b0 >> 4;
	type = b0 & 0x0f;
	plen = l16;
	if (ver != 1)
		pr_printf(c, " [ver %u]", ver);
	if (type != 1)
		pr_printf(c, " [type %u]", type);
	pr_puts(c, "PPPoE ");
	pr_tok_print(c, pppoe_codes, "PAD-%x", code);
	if (code == PPPOE_PADI && plen > 1484 - PPPOE_HDRLEN)
		pr_printf(c, " [len %u!]", plen);
	if (plen > length) {
		pr_printf(c, " [len %u > %u!]", plen, length);
		plen = length;
	}
	if (ses)
		pr_printf(c, " [ses 0x%x]", ses);
	*hdrlen = PPPOE_HDRLEN;
	if (code == 0) {
		unsigned ppphdr = 0;

		pr_putc(c, ' ');
		rc = ppp_body_print(c, payload, plen, &ppphdr);
		*hdrlen += ppphdr;
		return rc;
	}
	/* discovery: tags until EOL or the end of the payload */
	for (off = 0; tag && off < plen; off += 4 + tlen) {
		t = payload + off;
		PR_BE16(c, t, tag);
		PR_BE16(c, t + 2, l16);
		tlen = l16;
		if (tlen) {
			rc = tag_value_print(c, tag, t + 4, tlen);
			if (rc)
				return rc;
		} else {
			pr_puts(c, " [");
			pr_tok_print(c, pppoe_tags, "TAG-0x%x", tag);
			pr_putc(c, ']');
		}
	}
	return 0;
}

int pppoe_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned hdr;

	return pppoe_frame(c, p, length, &hdr);
}

/* DLT_PPP_ETHER: the PPPoE header is the link layer. */
int pppoe_if_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned hdr = 0;
	int rc;

	c->ll_hdr_len = 0;
	rc = pppoe_frame(c, p, length, &hdr);
	c->ll_hdr_len = hdr;
	return rc;
}
