/* print-ipnet.c: Solaris ipnet (DLT_IPNET) headers: zones and the address family. */
/*
 *  +---------+---------+-------------------+
 *  | version | family  | htype (2)         |
 *  +---------+---------+-------------------+
 *  | packet length (4)                     |
 *  | interface index (4)                   |
 *  | group interface index (4)             |
 *  | source zone (4)                       |
 *  | destination zone (4)                  |   24 octets, network order
 *  +---------------------------------------+
 *
 * Families are Solaris's: AF_INET 2, AF_INET6 26.
 */
#include "capture/print-int.h"

#define IPNET_HDRLEN 24
#define IPH_AF_INET 2
#define IPH_AF_INET6 26

static const struct pr_tok family_names[] = {
	{ IPH_AF_INET, "IPv4" },
	{ IPH_AF_INET6, "IPv6" },
	{ 0, NULL },
};

/* Solaris address family -> network printer. */
static const struct pr_disp af_printers[] = {
	{ IPH_AF_INET, ip_print },
	{ IPH_AF_INET6, ip6_print },
	{ 0, NULL },
};

static int hdr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint32_t zsrc, zdst;
	uint8_t family;

	PR_BE32(c, p + 16, zsrc);
	PR_BE32(c, p + 20, zdst);
	pr_printf(c, "%u > %u", zsrc, zdst);
	PR_U8(c, p + 1, family);
	if (!c->o.qflag) {
		pr_puts(c, ", family ");
		pr_tok_print(c, family_names, "Unknown", family);
		pr_printf(c, " (%u)", family);
	} else {
		pr_puts(c, ", ");
		pr_tok_print(c, family_names, "Unknown Ethertype (0x%04x)",
			     family);
	}
	pr_printf(c, ", length %u: ", length);
	return 0;
}

int ipnet_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;
	uint8_t family;
	pr_fn fn;

	c->proto = "ipnet";
	PR_NEED(c, p, IPNET_HDRLEN);
	c->ll_hdr_len = IPNET_HDRLEN;
	if (c->o.eflag && hdr_print(c, p, length) == PR_STOP)
		return PR_STOP;
	PR_U8(c, p + 1, family);
	fn = pr_lookup(af_printers, family);
	if (fn)
		return fn(c, p + IPNET_HDRLEN, length - IPNET_HDRLEN);
	if (!c->o.eflag && hdr_print(c, p, length) == PR_STOP)
		return PR_STOP;
	pr_default(c, p + IPNET_HDRLEN, caplen - IPNET_HDRLEN);
	return 0;
}
