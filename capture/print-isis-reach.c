/* print-isis-reach.c: the sub-TLVs of IS-IS's extended reachability TLVs: 22 (RFC 5305, 4124, 4205, 8667) and 135/236 (RFC 5130, 8667). */
/*
 * A TLV 22 neighbour (node ID, 3-octet metric) ends with one octet, the
 * sub-TLVs' total length, then the sub-TLVs (type, length, value): TE
 * link attributes, among them IEEE floats of bytes per second printed
 * in Mbps, GMPLS switching capabilities and the LAN adjacency SID.
 *
 * A prefix of TLV 135 or 236 with its sub-TLV bit set is followed by one
 * octet, the sub-TLVs' total length, then the sub-TLVs:
 *
 *  +--------+--------+--------------------------------+
 *  |  type  | length |  value                         |
 *  +--------+--------+--------------------------------+
 *
 *   1    32-bit administrative tags, 4 octets each
 *   2    64-bit administrative tags, 8 octets each
 *   3    prefix SID: flags, algorithm, then a 3-octet label (V flag)
 *        or a 4-octet index
 *   117  management prefix colour, printed as 32-bit tags
 *
 * tcpdump subtracts each sub-TLV from the total without checking it, so
 * a sub-TLV longer than what is left runs on until the capture ends.
 */
#include "capture/print-int.h"

#define SUB_TAG32 1
#define SUB_TAG64 2
#define SUB_PREFIX_SID 3
#define SUB_PREFIX_COLOR 117

#define SID_FLAG_V 0x08

static const struct pr_tok ip_reach_sub_names[] = {
	{ SUB_TAG32, "32-Bit Administrative tag" },
	{ SUB_TAG64, "64-Bit Administrative tag" },
	{ SUB_PREFIX_SID, "Prefix SID" },
	{ SUB_PREFIX_COLOR, "Management Prefix Color" },
	{ 0, NULL },
};

static const struct pr_tok sid_flag_names[] = {
	{ 0x80, "Readvertisement" },
	{ 0x40, "Node" },
	{ 0x20, "No-PHP" },
	{ 0x10, "Explicit NULL" },
	{ SID_FLAG_V, "Value" },
	{ 0x04, "Local" },
	{ 0, NULL },
};

static const struct pr_tok sid_algo_names[] = {
	{ 0, "SPF" },
	{ 1, "strict-SPF" },
	{ 0, NULL },
};

/* One sub-TLV's value: 1, 0 after the truncation marker, or PR_STOP. */
static int sub_print(struct pr_ctx *c, const uint8_t *p, unsigned type,
		     unsigned len)
{
	uint32_t a, b;
	uint8_t flags, algo;

	pr_puts(c, "\n\t        ");
	pr_tok_print(c, ip_reach_sub_names, "unknown", type);
	pr_printf(c, " subTLV #%u, length: %u", type, len);
	if (!pr_has(c, p, len)) {
		pr_trunc(c);
		return 0;
	}
	switch (type) {
	case SUB_PREFIX_COLOR:
	case SUB_TAG32:
		for (; len >= 4; len -= 4, p += 4) {
			PR_BE32(c, p, a);
			pr_printf(c, ", 0x%08x (=%u)", a, a);
		}
		return 1;
	case SUB_TAG64:
		for (; len >= 8; len -= 8, p += 8) {
			PR_BE32(c, p, a);
			PR_BE32(c, p + 4, b);
			pr_printf(c, ", 0x%08x%08x", a, b);
		}
		return 1;
	case SUB_PREFIX_SID:
		PR_U8(c, p, flags);
		PR_U8(c, p + 1, algo);
		if (len < (flags & SID_FLAG_V ? 5u : 6u)) {
			pr_trunc(c);
			return 0;
		}
		if (flags & SID_FLAG_V)
			PR_BE24(c, p + 2, a);
		else
			PR_BE32(c, p + 2, a);
		pr_puts(c, ", Flags [");
		pr_bittok_print(c, sid_flag_names, ", ", "None", flags);
		pr_puts(c, "], Algo ");
		pr_tok_print(c, sid_algo_names, "Unknown", algo);
		pr_printf(c, " (%u), %s %u", algo,
			  flags & SID_FLAG_V ? "label" : "index", a);
		return 1;
	default:
		return pr_unknown_data(c, p, "\n\t\t    ", len) ? 1 : 0;
	}
}

int isis_ip_reach_sub_print(struct pr_ctx *c, const uint8_t *p,
			    unsigned total)
{
	uint8_t type, len;
	int rc;

	while (total > 0) {
		PR_U8(c, p, type);
		PR_U8(c, p + 1, len);
		p += 2;
		rc = sub_print(c, p, type, len);
		if (rc != 1)
			return rc;
		p += len;
		/* as tcpdump: an unsigned count that may wrap */
		total -= len + 2u;
	}
	return 1;
}

#define IS_ADMIN_GROUP 3
#define IS_LINK_LOCAL_REMOTE_ID 4
#define IS_LINK_REMOTE_ID 5
#define IS_IPV4_INTF_ADDR 6
#define IS_IPV4_NEIGHBOR_ADDR 8
#define IS_MAX_LINK_BW 9
#define IS_RESERVABLE_BW 10
#define IS_UNRESERVED_BW 11
#define IS_BW_CONSTRAINTS_OLD 12
#define IS_TE_METRIC 18
#define IS_LINK_ATTRIBUTE 19
#define IS_LINK_PROTECTION_TYPE 20
#define IS_INTF_SW_CAP_DESCR 21
#define IS_BW_CONSTRAINTS 22
#define IS_SPB_METRIC 29
#define IS_LAN_ADJ_SEGMENT_ID 32

#define IS_IDENT "\n\t        "

static const struct pr_tok is_reach_sub_names[] = {
	{ IS_ADMIN_GROUP, "Administrative groups" },
	{ IS_LINK_LOCAL_REMOTE_ID, "Link Local/Remote Identifier" },
	{ IS_LINK_REMOTE_ID, "Link Remote Identifier" },
	{ IS_IPV4_INTF_ADDR, "IPv4 interface address" },
	{ IS_IPV4_NEIGHBOR_ADDR, "IPv4 neighbor address" },
	{ IS_MAX_LINK_BW, "Maximum link bandwidth" },
	{ IS_RESERVABLE_BW, "Reservable link bandwidth" },
	{ IS_UNRESERVED_BW, "Unreserved bandwidth" },
	{ IS_TE_METRIC, "Traffic Engineering Metric" },
	{ IS_LINK_ATTRIBUTE, "Link Attribute" },
	{ IS_LINK_PROTECTION_TYPE, "Link Protection Type" },
	{ IS_INTF_SW_CAP_DESCR, "Interface Switching Capability" },
	{ IS_BW_CONSTRAINTS_OLD, "Bandwidth Constraints (old)" },
	{ IS_BW_CONSTRAINTS, "Bandwidth Constraints" },
	{ IS_LAN_ADJ_SEGMENT_ID, "LAN Adjacency Segment Identifier" },
	{ IS_SPB_METRIC, "SPB Metric" },
	{ 250, "Reserved for cisco specific extensions" },
	{ 251, "Reserved for cisco specific extensions" },
	{ 252, "Reserved for cisco specific extensions" },
	{ 253, "Reserved for cisco specific extensions" },
	{ 254, "Reserved for cisco specific extensions" },
	{ 255, "Reserved for future expansion" },
	{ 0, NULL },
};

static const struct pr_tok link_attr_names[] = {
	{ 0x01, "Local Protection Available" },
	{ 0x02, "Link excluded from local protection path" },
	{ 0x04, "Local maintenance required" },
	{ 0, NULL },
};

static const struct pr_tok lan_adj_sid_flags[] = {
	{ 0x80, "Address family IPv6" },
	{ 0x40, "Backup" },
	{ 0x20, "Value" },
	{ 0x10, "Local significance" },
	{ 0x08, "Set of adjacencies" },
	{ 0x04, "Persistent" },
	{ 0, NULL },
};

static const struct pr_tok tsc_indication_names[] = {
	{ 0, "Standard SDH/SONET" },
	{ 1, "Arbitrary SDH/SONET" },
	{ 0, NULL },
};

/*
 * One sub-TLV's value, its length checked and captured; *adv is how far
 * tcpdump has moved into it. 1, 0 after a failed hex dump, PR_STOP.
 */
static int is_sub_print(struct pr_ctx *c, const uint8_t *p, unsigned type,
			unsigned len, unsigned *adv)
{
	uint32_t a, b;
	uint16_t w;
	uint8_t u8, sw;
	unsigned i;

	*adv = 0;
	switch (type) {
	case IS_ADMIN_GROUP:
	case IS_LINK_LOCAL_REMOTE_ID:
	case IS_LINK_REMOTE_ID:
		if (len >= 4) {
			PR_BE32(c, p, a);
			pr_printf(c, ", 0x%08x", a);
			if (len == 8) {
				PR_BE32(c, p + 4, b);
				pr_printf(c, ", 0x%08x", b);
			}
		}
		return 1;
	case IS_IPV4_INTF_ADDR:
	case IS_IPV4_NEIGHBOR_ADDR:
		if (len >= 4)
			PR_IP4(c, ", ", p);
		return 1;
	case IS_MAX_LINK_BW:
	case IS_RESERVABLE_BW:
		if (len >= 4 && gmpls_bw_print(c, ", ", p) == PR_STOP)
			return PR_STOP;
		return 1;
	case IS_UNRESERVED_BW:
		if (len < 32)
			return 1;
		for (i = 0; i < 8; i++) {
			pr_printf(c, "%s  TE-Class %u: ", IS_IDENT, i);
			if (gmpls_bw_print(c, "", p + 4 * i) == PR_STOP)
				return PR_STOP;
		}
		*adv = 32;
		return 1;
	case IS_BW_CONSTRAINTS:
	case IS_BW_CONSTRAINTS_OLD:
		if (len == 0)
			return 1;
		PR_U8(c, p, u8);
		pr_puts(c, IS_IDENT "Bandwidth Constraints Model ID: ");
		pr_tok_print(c, bc_model_names, "unknown", u8);
		pr_printf(c, " (%u)", u8);
		for (i = 0, *adv = 1; len - *adv >= 4; i++, *adv += 4) {
			pr_printf(c, "%s  Bandwidth constraint CT%u: ",
				  IS_IDENT, i);
			if (gmpls_bw_print(c, "", p + *adv) == PR_STOP)
				return PR_STOP;
		}
		return 1;
	case IS_TE_METRIC:
		if (len >= 3) {
			PR_BE24(c, p, a);
			pr_printf(c, ", %u", a);
		}
		return 1;
	case IS_LINK_ATTRIBUTE:
		if (len == 2) {
			PR_BE16(c, p, w);
			pr_puts(c, ", [ ");
			pr_bittok_print(c, link_attr_names, ", ", "Unknown", w);
			pr_printf(c, " ] (0x%04x)", w);
		}
		return 1;
	case IS_LINK_PROTECTION_TYPE:
		if (len >= 2) {
			PR_U8(c, p, u8);
			pr_puts(c, ", ");
			pr_bittok_print(c, gmpls_prot_names, ", ", "none", u8);
			PR_U8(c, p + 1, u8);
			pr_printf(c, ", Priority %u", u8);
		}
		return 1;
	case IS_SPB_METRIC:
		if (len >= 6) {
			PR_BE24(c, p, a);
			PR_U8(c, p + 3, u8);
			PR_BE16(c, p + 4, w);
			pr_printf(c, ", LM: %u, P: %u, P-ID: %u", a, u8, w);
			*adv = 4;
		}
		return 1;
	case IS_INTF_SW_CAP_DESCR:
		if (len < 36)
			return 1;
		PR_U8(c, p, sw);
		PR_U8(c, p + 1, u8);
		pr_puts(c, IS_IDENT "  Interface Switching Capability:");
		pr_tok_print(c, gmpls_switch_names, "Unknown", sw);
		pr_puts(c, ", LSP Encoding: ");
		pr_tok_print(c, gmpls_encoding_names, "Unknown", u8);
		pr_puts(c, IS_IDENT "  Max LSP Bandwidth:");
		for (i = 0; i < 8; i++) {
			pr_printf(c, "%s    priority level %u: ", IS_IDENT, i);
			if (gmpls_bw_print(c, "", p + 4 + 4 * i) == PR_STOP)
				return PR_STOP;
		}
		*adv = 36;
		len -= 36;
		p += 36;
		if (sw >= 1 && sw <= 4) {
			if (len < 6)
				return 1;
			if (gmpls_bw_print(c, IS_IDENT "  Min LSP Bandwidth: ",
					   p) == PR_STOP)
				return PR_STOP;
			PR_BE16(c, p + 4, w);
			pr_printf(c, "%s  Interface MTU: %u", IS_IDENT, w);
		} else if (sw == 100) {
			if (len < 8)
				return 1;
			if (gmpls_bw_print(c, IS_IDENT "  Min LSP Bandwidth: ",
					   p) == PR_STOP)
				return PR_STOP;
			PR_U8(c, p + 4, u8);
			pr_puts(c, IS_IDENT "  Indication ");
			pr_tok_print(c, tsc_indication_names, "Unknown (%u)",
				     u8);
		} else if (len) {
			return pr_unknown_data(c, p, "\n\t\t    ", len) ? 1 : 0;
		}
		return 1;
	case IS_LAN_ADJ_SEGMENT_ID:
		if (len < 8)
			return 1;
		PR_U8(c, p, u8);
		pr_puts(c, IS_IDENT "  Flags: [");
		pr_bittok_print(c, lan_adj_sid_flags, ", ", "none", u8);
		pr_putc(c, ']');
		PR_U8(c, p + 1, sw);
		pr_printf(c, "%s  Weight: %u", IS_IDENT, sw);
		*adv = 2;
		if (len - 2 >= 6) {
			uint8_t id[6];

			PR_COPY(c, p + 2, id, 6);
			pr_printf(c, "%s  Neighbor System-ID: "
				     "%02x%02x.%02x%02x.%02x%02x",
				  IS_IDENT, id[0], id[1], id[2], id[3], id[4],
				  id[5]);
		}
		if ((u8 & 0x30) == 0x30) {
			PR_BE24(c, p + 8, a);
			pr_printf(c, "%s  Label: %u", IS_IDENT, a);
		} else if (!(u8 & 0x30)) {
			PR_BE32(c, p + 8, a);
			pr_printf(c, "%s  Index: %u", IS_IDENT, a);
		} else {
			pr_invalid(c);
		}
		return 1;
	default:
		return pr_unknown_data(c, p, "\n\t\t    ", len) ? 1 : 0;
	}
}

int isis_is_reach_sub_print(struct pr_ctx *c, const uint8_t *p, unsigned sum,
			    unsigned left, unsigned *used)
{
	uint8_t type, len;
	unsigned adv;
	int rc;

	while (sum != 0) {
		if (!pr_has(c, p, 2))
			return 0;
		if (left < 2) {
			pr_puts(c, IS_IDENT "Remaining data in TLV shorter "
					    "than a subTLV header");
			*used += left;
			return 1;
		}
		if (sum < 2) {
			pr_puts(c, IS_IDENT "Remaining data in subTLVs "
					    "shorter than a subTLV header");
			*used += sum;
			return 1;
		}
		PR_U8(c, p, type);
		PR_U8(c, p + 1, len);
		p += 2;
		left -= 2;
		sum -= 2;
		*used += 2;
		pr_puts(c, IS_IDENT);
		pr_tok_print(c, is_reach_sub_names, "unknown", type);
		pr_printf(c, " subTLV #%u, length: %u", type, len);
		if (sum < len) {
			pr_puts(c, " (remaining data in subTLVs shorter than "
				   "the current subTLV)");
			*used += sum;
			return 1;
		}
		if (left < len) {
			pr_puts(c, " (> remaining tlv length)");
			*used += left;
			return 1;
		}
		if (!pr_has(c, p, len))
			return 0;
		rc = is_sub_print(c, p, type, len, &adv);
		if (rc != 1)
			return rc;
		/*
		 * As tcpdump: the octets a decoder walked (adv) are not
		 * taken from what is left of the TLV.
		 */
		p += len;
		sum -= len;
		*used += len;
		left -= len - adv;
	}
	return 1;
}
