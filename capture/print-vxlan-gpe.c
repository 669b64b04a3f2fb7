/* print-vxlan-gpe.c: VXLAN's Generic Protocol Extension (draft-ietf-nvo3-vxlan-gpe) on UDP port 4790. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|R|Ver|I|P|R|O|       Reserved                |Next Protocol  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                VXLAN Network Identifier (VNI) |   Reserved    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Next Protocol: 1 IPv4, 2 IPv6, 3 Ethernet, 4 NSH.
 */
#include "capture/print-int.h"

#define VXLAN_GPE_HDR_LEN 8

static const struct pr_tok vxlan_gpe_flags[] = {
	{ 0x08, "I" },
	{ 0x04, "P" },
	{ 0x02, "B" },
	{ 0x01, "O" },
	{ 0, NULL },
};

static const struct pr_disp vxlan_gpe_printers[] = {
	{ 1, ip_print },
	{ 2, ip6_print },
	{ 3, ether_encap_print },
	{ 4, nsh_print },
	{ 0, NULL },
};

int vxlan_gpe_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t flags, next;
	uint32_t vni;
	pr_fn fn;

	c->proto = "vxlan_gpe";
	pr_puts(c, "VXLAN-GPE, ");
	if (len < VXLAN_GPE_HDR_LEN) {
		pr_printf(c, " (len %u < %u)", len, VXLAN_GPE_HDR_LEN);
		pr_invalid(c);
		return 0;
	}
	PR_U8(c, bp, flags);
	pr_puts(c, "flags [");
	pr_bittok_print(c, vxlan_gpe_flags, "", "none", flags);
	pr_puts(c, "], ");
	PR_U8(c, bp + 3, next);
	PR_BE24(c, bp + 4, vni);
	PR_NEED(c, bp + 7, 1);
	pr_printf(c, "vni %u", vni);
	pr_puts(c, c->o.vflag ? "\n    " : ": ");
	fn = pr_lookup(vxlan_gpe_printers, next);
	if (!fn) {
		pr_puts(c, "ERROR: unknown-next-protocol");
		pr_invalid(c);
		return 0;
	}
	return fn(c, bp + VXLAN_GPE_HDR_LEN, len - VXLAN_GPE_HDR_LEN);
}
