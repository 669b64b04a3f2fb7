/* print-ah.c: the IPsec Authentication Header (RFC 4302), IP protocol 51. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Header   |  Payload Len  |          RESERVED             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Security Parameters Index (SPI)               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Sequence Number Field                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                Integrity Check Value-ICV (variable)           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Payload Len is the header's length in 4-byte words, minus 2. The
 * protocol after it is dispatched again, as tcpdump's ip_demux_print does.
 */
#include "capture/print-int.h"

#define AH_FIXED 12

int ah_print(struct pr_ctx *c, const uint8_t *bp)
{
	uint8_t len8, b;
	uint16_t rsvd;
	uint32_t spi, seq;
	unsigned hdrlen;
	const uint8_t *p;

	c->proto = "ah";
	pr_puts(c, "AH");
	PR_U8(c, bp + 1, len8);
	hdrlen = (len8 + 2u) * 4;
	pr_putc(c, '(');
	if (c->o.vflag)
		pr_printf(c, "length=%u(%u-bytes),", len8, hdrlen);
	PR_BE16(c, bp + 2, rsvd);
	if (rsvd)
		pr_printf(c, "reserved=0x%x[MustBeZero],", rsvd);
	PR_BE32(c, bp + 4, spi);
	pr_printf(c, "spi=0x%08x,", spi);
	PR_BE32(c, bp + 8, seq);
	pr_printf(c, "seq=0x%x,", seq);
	pr_puts(c, "icv=0x");
	for (p = bp + AH_FIXED; p < bp + hdrlen; p++) {
		PR_U8(c, p, b);
		pr_printf(c, "%02x", b);
	}
	pr_puts(c, "): ");
	return (int)hdrlen;
}
