/* print-geneve.c: Generic Network Virtualization Encapsulation (RFC 8926) on UDP port 6081. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Virtual Network Identifier (VNI)       |    Reserved   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Variable Length Options                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An option: Option Class (16 bits), Type (8, the top bit "critical"),
 * 3 reserved bits and Length (5 bits, in 4-byte words after the first).
 * The protocol type is an ethertype; 0x6558 is an Ethernet frame.
 */
#include "capture/print-int.h"

#define GENEVE_HDR_LEN 8
#define OPT_TYPE_CRITICAL 0x80
#define OPT_LEN_MASK 0x1f

static const struct pr_tok geneve_flags[] = {
	{ 0x80, "O" },
	{ 0x40, "C" },
	{ 0x20, "R1" },
	{ 0x10, "R2" },
	{ 0x08, "R3" },
	{ 0x04, "R4" },
	{ 0x02, "R5" },
	{ 0x01, "R6" },
	{ 0, NULL },
};

static const char *opt_class_name(unsigned cls)
{
	switch (cls) {
	case 0x0100:
		return "Linux";
	case 0x0101:
		return "Open vSwitch";
	case 0x0102:
		return "Open Virtual Networking (OVN)";
	case 0x0103:
		return "In-band Network Telemetry (INT)";
	case 0x0104:
		return "VMware";
	default:
		if (cls <= 0x00ff)
			return "Standard";
		if (cls >= 0xfff0)
			return "Experimental";
		return "Unknown";
	}
}

static int opts_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	const char *sep = "";

	while (len > 0) {
		uint16_t cls;
		uint8_t type, l8;
		unsigned olen, i;

		pr_puts(c, sep);
		sep = ", ";
		PR_BE16(c, bp, cls);
		PR_U8(c, bp + 2, type);
		PR_U8(c, bp + 3, l8);
		olen = 4 + (l8 & OPT_LEN_MASK) * 4u;
		pr_printf(c, "class %s (0x%x) type 0x%x%s len %u",
			  opt_class_name(cls), cls, type,
			  type & OPT_TYPE_CRITICAL ? "(C)" : "", olen);
		if (olen > len) {
			pr_puts(c, " [bad length]");
			return 0;
		}
		if (c->o.vflag > 1 && olen > 4) {
			pr_puts(c, " data");
			for (i = 4; i < olen; i += 4) {
				uint32_t d;

				PR_BE32(c, bp + i, d);
				pr_printf(c, " %08x", d);
			}
		}
		bp += olen;
		len -= olen;
	}
	return 0;
}

int geneve_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t ver_opt, flags, rsvd;
	uint16_t prot;
	uint32_t vni;
	unsigned opts_len;
	int rc;

	c->proto = "geneve";
	pr_puts(c, "Geneve");
	if (len < GENEVE_HDR_LEN) {
		pr_printf(c, " [length %u < 8]", len);
		pr_invalid(c);
		return 0;
	}
	if (!pr_has(c, bp, GENEVE_HDR_LEN))
		goto trunc;
	PR_U8(c, bp, ver_opt);
	if (ver_opt >> 6) {
		pr_printf(c, " ERROR: unknown-version %u", ver_opt >> 6);
		return 0;
	}
	PR_U8(c, bp + 1, flags);
	PR_BE16(c, bp + 2, prot);
	PR_BE24(c, bp + 4, vni);
	PR_U8(c, bp + 7, rsvd);
	bp += GENEVE_HDR_LEN;
	len -= GENEVE_HDR_LEN;
	pr_puts(c, ", Flags [");
	pr_bittok_print(c, geneve_flags, "", "none", flags);
	pr_printf(c, "], vni 0x%x", vni);
	if (rsvd)
		pr_printf(c, ", rsvd 0x%x", rsvd);
	if (c->o.eflag) {
		pr_puts(c, ", proto ");
		pr_tok_print(c, ethertype_names, "unknown", prot);
		pr_printf(c, " (0x%04x)", prot);
	}
	opts_len = (ver_opt & 0x3f) * 4u;
	if (len < opts_len) {
		pr_printf(c, " truncated-geneve - %u bytes missing",
			  opts_len - len);
		return 0;
	}
	if (!pr_has(c, bp, opts_len))
		goto trunc;
	if (opts_len > 0) {
		pr_puts(c, ", options [");
		if (c->o.vflag) {
			rc = opts_print(c, bp, opts_len);
			if (rc == PR_STOP)
				return rc;
		} else {
			pr_printf(c, "%u bytes", opts_len);
		}
		pr_putc(c, ']');
	}
	bp += opts_len;
	len -= opts_len;
	pr_puts(c, c->o.vflag ? "\n\t" : ": ");
	if (ethertype_dispatch(c, prot, bp, len, &rc))
		return rc;
	if (prot == 0x6558)
		return ether_encap_print(c, bp, len);
	pr_printf(c, "geneve-proto-0x%x", prot);
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}
