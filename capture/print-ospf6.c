/* print-ospf6.c: OSPFv3 (RFC 5340) on IPv6: not decoded yet. */
#include "capture/print-int.h"

int ospf6_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	(void)bp;
	pr_generic(c, "OSPFv3");
	pr_printf(c, " ospf %u", len);
	return 0;
}
