/* print-ipcomp.c: the IP Payload Compression header (RFC 3173), IP protocol 108. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Next Header  |     Flags     | Compression Parameter Index   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The compressed payload is not expanded (tcpdump does not either).
 */
#include "capture/print-int.h"

int ipcomp_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint16_t cpi;

	(void)len;
	c->proto = "ipcomp";
	PR_BE16(c, bp + 2, cpi);
	pr_printf(c, "IPComp(cpi=0x%04x)", cpi);
	return 0;
}
