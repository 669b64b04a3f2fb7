/* print-ipoib.c: IP over InfiniBand (RFC 4391) as Linux captures it (DLT_IPOIB). */
/*
 * Linux hands the 4-octet IPoIB encapsulation header up behind a 40-octet
 * pseudo-header (the packet's hardware addresses), 44 octets in all:
 *
 *  +-------------------------------+
 *  | pseudo-header (40 octets)     |
 *  +---------------+---------------+
 *  | type (2)      | reserved (2)  |   RFC 4391 4: an ethertype
 *  +---------------+---------------+
 *  | the packet                    |
 *  +-------------------------------+
 */
#include "capture/print-int.h"

#define IPOIB_HDRLEN 44

static int hdr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint16_t type;
	const char *s;

	PR_BE16(c, p + 40, type);
	s = pr_tok(ethertype_names, type);
	pr_printf(c, ", ethertype %s", s ? s : "Unknown");
	if (!c->o.qflag)
		pr_printf(c, " (0x%04x)", type);
	pr_printf(c, ", length %u: ", length);
	return 0;
}

int ipoib_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;
	uint16_t type;
	int rc = 0;

	c->proto = "ipoib";
	c->ll_hdr_len = 0;
	if (caplen < IPOIB_HDRLEN || length < IPOIB_HDRLEN) {
		pr_trunc(c);
		c->ll_hdr_len = caplen < IPOIB_HDRLEN ? caplen : length;
		return 0;
	}
	if (c->o.eflag) {
		pr_puts(c, "IPOIB");
		if (hdr_print(c, p, length) == PR_STOP)
			return PR_STOP;
	}
	c->ll_hdr_len = IPOIB_HDRLEN;
	PR_BE16(c, p + 40, type);
	if (ethertype_dispatch(c, type, p + IPOIB_HDRLEN,
			       length - IPOIB_HDRLEN, &rc))
		return rc;
	if (!c->o.eflag && hdr_print(c, p, length) == PR_STOP)
		return PR_STOP;
	pr_default(c, p + IPOIB_HDRLEN, caplen - IPOIB_HDRLEN);
	return 0;
}
