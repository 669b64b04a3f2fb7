/* print-otv.c: Overlay Transport Virtualization (draft-hasmit-otv-04) on UDP port 8472. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|R|R|R|I|R|R|R|           Overlay ID                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Instance ID                          | Reserved      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Port 8472 is also Linux's default VXLAN port: tcpdump calls it OTV, and
 * so does this. An Ethernet frame follows, on a line of its own.
 */
#include "capture/print-int.h"

#define OTV_HDR_LEN 8

int otv_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t flags;
	uint32_t v;

	c->proto = "otv";
	pr_puts(c, "OTV, ");
	if (len < OTV_HDR_LEN) {
		pr_printf(c, "[length %u < %u]", len, OTV_HDR_LEN);
		pr_invalid(c);
		PR_NEED(c, bp, len);
		return 0;
	}
	PR_U8(c, bp, flags);
	pr_printf(c, "flags [%s] (0x%02x), ", flags & 0x08 ? "I" : ".", flags);
	PR_BE24(c, bp + 1, v);
	pr_printf(c, "overlay %u, ", v);
	PR_BE24(c, bp + 4, v);
	pr_printf(c, "instance %u\n", v);
	PR_NEED(c, bp + 7, 1);
	return ether_encap_print(c, bp + OTV_HDR_LEN, len - OTV_HDR_LEN);
}
