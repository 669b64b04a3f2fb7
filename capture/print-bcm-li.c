/* print-bcm-li.c: Broadcom's lawful-intercept shim, from UDP source port 49152. */
/*
 * Broadcom's LI header (no RFC; the layout tcpdump 4.99.3 decodes), one
 * 32-bit word in network order before the intercepted packet:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | dir |  type |subt |             LI identifier (22 bits)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The packet type says what follows: Ethernet, IPv4, IPv6, or
 * "undecided" (the version nibble decides). Only -v decodes it.
 */
#include "capture/print-int.h"

#define BCM_LI_PORT 49152
#define BCM_LI_SHIM_LEN 4u

#define LI_TYPE_UNDECIDED 4
#define LI_TYPE_IPV4 5
#define LI_TYPE_IPV6 6
#define LI_TYPE_ETHERNET 7

static const struct pr_tok li_direction_names[] = {
	{ 1, "unused" },
	{ 2, "egress" },
	{ 3, "ingress" },
	{ 0, NULL },
};

static const struct pr_tok li_type_names[] = {
	{ LI_TYPE_UNDECIDED, "undecided" },
	{ LI_TYPE_IPV4, "ipv4" },
	{ LI_TYPE_IPV6, "ipv6" },
	{ LI_TYPE_ETHERNET, "ethernet" },
	{ 0, NULL },
};

static const struct pr_tok li_subtype_names[] = {
	{ 1, "single VLAN tag" },
	{ 2, "double VLAN tag" },
	{ 3, "untagged" },
	{ 0, NULL },
};

/* Returns 1 (not this protocol) unless the source port is 49152. */
int bcm_li_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint32_t shim;
	unsigned type;
	uint8_t nib;

	if (c->sport != BCM_LI_PORT)
		return 1;
	c->proto = "bcm_li";
	if (len < BCM_LI_SHIM_LEN) {
		pr_printf(c, " (length %u < %u)", len, BCM_LI_SHIM_LEN);
		pr_invalid(c);
		return 0;
	}
	PR_BE32(c, bp, shim);
	type = (shim >> 25) & 0xf;
	pr_puts(c, c->o.vflag ? "\n    BCM-LI-SHIM: direction " :
				"BCM-LI-SHIM: direction ");
	pr_tok_print(c, li_direction_names, "unknown", (shim >> 29) & 0x7);
	pr_puts(c, ", pkt-type ");
	pr_tok_print(c, li_type_names, "unknown", type);
	pr_puts(c, ", pkt-subtype ");
	pr_tok_print(c, li_subtype_names, "unknown", (shim >> 22) & 0x7);
	pr_printf(c, ", li-id %u", shim & 0x3fffff);
	if (c->o.vflag)
		pr_puts(c, "\n    ");
	bp += BCM_LI_SHIM_LEN;
	len -= BCM_LI_SHIM_LEN;
	if (!c->o.vflag) {
		PR_NEED(c, bp, len);
		return 0;
	}
	switch (type) {
	case LI_TYPE_ETHERNET:
		return ether_encap_print(c, bp, len);
	case LI_TYPE_IPV4:
		return ip_print(c, bp, len);
	case LI_TYPE_IPV6:
		return ip6_print(c, bp, len);
	case LI_TYPE_UNDECIDED:
		PR_U8(c, bp, nib);
		if (nib >> 4 == 4)
			return ip_print(c, bp, len);
		if (nib >> 4 == 6)
			return ip6_print(c, bp, len);
		pr_puts(c, "unknown payload");
		return 0;
	default:
		pr_invalid(c);
		return 0;
	}
}
