/* print-isis-reach.c: the sub-TLVs of IS-IS's extended IP reachability TLVs 135 and 236 (RFC 5130 admin tags, RFC 8667 prefix SID). */
/*
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
