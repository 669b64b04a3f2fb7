/* print-null.c: BSD loopback encapsulation (DLT_NULL, DLT_LOOP): a 4-octet address family. */
/*
 *  +-----------------------------------+
 *  | address family (4 octets)         |  host order for DLT_NULL,
 *  +-----------------------------------+  network order for DLT_LOOP
 *  | the packet                        |
 *  +-----------------------------------+
 *
 * Like tcpdump, a family whose upper 16 bits are set is taken to be in the
 * other byte order. IPv6 has three family numbers across the BSDs.
 */
#include "capture/print-int.h"

#define NULL_HDRLEN 4

static const struct pr_tok bsd_af_names[] = {
	{ 2, "IPv4" },
	{ 6, "NS" },
	{ 7, "ISO" },
	{ 16, "Appletalk" },
	{ 23, "IPX" },
	{ 24, "IPv6" },
	{ 28, "IPv6" },
	{ 30, "IPv6" },
	{ 0, NULL },
};

/* Address family -> network printer. */
static const struct pr_disp af_printers[] = {
	{ 2, ip_print },
	{ 16, atalk_print },
	{ 24, ip6_print },
	{ 28, ip6_print },
	{ 30, ip6_print },
	{ 0, NULL },
};

static void hdr_print(struct pr_ctx *c, uint32_t family, unsigned length)
{
	if (!c->o.qflag) {
		pr_puts(c, "AF ");
		pr_tok_print(c, bsd_af_names, "Unknown", family);
		pr_printf(c, " (%u)", family);
	} else {
		pr_tok_print(c, bsd_af_names, "Unknown AF %u", family);
	}
	pr_printf(c, ", length %u: ", length);
}

int null_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;
	uint32_t family;
	pr_fn fn;

	c->proto = "null";
	PR_NEED(c, p, NULL_HDRLEN);
	c->ll_hdr_len = NULL_HDRLEN;
	if (!pk_he32(&c->pk, p, &family))
		return pr_stop(c);
	if (family & 0xffff0000u)
		family = __builtin_bswap32(family);
	if (c->o.eflag)
		hdr_print(c, family, length);
	length -= NULL_HDRLEN;
	caplen -= NULL_HDRLEN;
	p += NULL_HDRLEN;
	fn = pr_lookup(af_printers, family);
	if (fn)
		return fn(c, p, length);
	/* ISO and IPX payloads are not decoded here. */
	if (!c->o.eflag)
		hdr_print(c, family, length + NULL_HDRLEN);
	pr_default(c, p, caplen);
	return 0;
}
