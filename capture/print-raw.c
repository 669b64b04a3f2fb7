/* print-raw.c: raw IP link types (DLT_RAW, DLT_IPV4, DLT_IPV6): the packet starts at the IP header. */
/*
 * No link-layer header at all: the first octet's high nibble is the IP
 * version, which picks the IPv4 or IPv6 printer (tcpdump does the same for
 * all three link types, whatever the link type says).
 */
#include "capture/print-int.h"

int raw_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	c->proto = "raw";
	c->ll_hdr_len = 0;
	if (c->o.eflag)
		pr_puts(c, "ip: ");
	return ipn_print(c, p, length);
}
