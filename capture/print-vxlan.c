/* print-vxlan.c: Virtual eXtensible Local Area Network (RFC 7348) on UDP port 4789. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|R|R|R|I|R|R|R|            Reserved                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                VXLAN Network Identifier (VNI) |   Reserved    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An Ethernet frame follows, printed on a line of its own.
 */
#include "capture/print-int.h"

#define VXLAN_HDR_LEN 8

static const struct pr_tok vxlan_flags[] = {
	{ 0x08, "I" },
	{ 0, NULL },
};

int vxlan_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t flags;
	uint32_t vni;

	c->proto = "vxlan";
	pr_puts(c, "VXLAN");
	if (len < VXLAN_HDR_LEN) {
		pr_invalid(c);
		return 0;
	}
	PR_U8(c, bp, flags);
	pr_puts(c, ", flags [");
	pr_bittok_print(c, vxlan_flags, "", "invalid", flags);
	pr_printf(c, "] (0x%02x), ", flags);
	PR_BE24(c, bp + 4, vni);
	pr_printf(c, "vni %u\n", vni);
	PR_NEED(c, bp + 7, 1);
	return ether_encap_print(c, bp + VXLAN_HDR_LEN, len - VXLAN_HDR_LEN);
}
