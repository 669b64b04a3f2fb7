/* print-isis.c: IS-IS (ISO/IEC 10589, RFC 1195): the PDU headers and the common TLVs. */
/*
 * Every IS-IS PDU starts with the same 8 octets (ISO/IEC 10589 9.5):
 *
 *  +--------+--------+--------+--------+--------+--------+--------+--------+
 *  | NLPID  | header | version| ID     |R R R|  | PDU    | reserved| max   |
 *  | 0x83   | length | 1      | length | type   | version| 0      | areas |
 *  +--------+--------+--------+--------+--------+--------+--------+--------+
 *
 * then the fixed part of its type (IIH on a LAN or point to point, LSP,
 * CSNP, PSNP), then TLVs: type (1), length (1), value.
 *
 * The TLVs decoded are those of ISO/IEC 10589, RFC 1195, RFC 5305 (the
 * extended reachability TLVs without their sub-TLVs), RFC 3847, RFC 5303,
 * RFC 6232, RFC 8202, RFC 2763, and RFC 6329's multi-topology
 * capability (SPB, print-isis-mt.c). A TLV tcpdump decodes and this
 * file does not (sub-TLVs, multi-topology reachability, GMPLS) is dumped
 * in hex, and the packet counts as printed generically.
 */
#include "capture/print-int.h"

#include <string.h>

#define SYSTEM_ID_LEN 6
#define NODE_ID_LEN 7
#define LSP_ID_LEN 8
#define COMMON_LEN 8
#define IIH_LAN_LEN 19
#define IIH_PTP_LEN 12
#define LSP_LEN 19
#define CSNP_LEN 25
#define PSNP_LEN 9

#define PDU_L1_LAN_IIH 15
#define PDU_L2_LAN_IIH 16
#define PDU_PTP_IIH 17
#define PDU_L1_LSP 18
#define PDU_L2_LSP 20
#define PDU_L1_CSNP 24
#define PDU_L2_CSNP 25
#define PDU_L1_PSNP 26
#define PDU_L2_PSNP 27

static const struct pr_tok pdu_names[] = {
	{ PDU_L1_LAN_IIH, "L1 Lan IIH" }, { PDU_L2_LAN_IIH, "L2 Lan IIH" },
	{ PDU_PTP_IIH, "p2p IIH" },	  { PDU_L1_LSP, "L1 LSP" },
	{ PDU_L2_LSP, "L2 LSP" },	  { PDU_L1_CSNP, "L1 CSNP" },
	{ PDU_L2_CSNP, "L2 CSNP" },	  { PDU_L1_PSNP, "L1 PSNP" },
	{ PDU_L2_PSNP, "L2 PSNP" },	  { 0, NULL },
};

static const struct pr_tok tlv_names[] = {
	{ 1, "Area address(es)" },
	{ 2, "IS Reachability" },
	{ 3, "ES Neighbor(s)" },
	{ 4, "Partition DIS" },
	{ 5, "Prefix Neighbors" },
	{ 6, "IS Neighbor(s)" },
	{ 7, "Instance Identifier" },
	{ 8, "Padding" },
	{ 9, "LSP entries" },
	{ 10, "Authentication" },
	{ 12, "Checksum" },
	{ 13, "Purge Originator Identifier" },
	{ 14, "LSP Buffersize" },
	{ 22, "Extended IS Reachability" },
	{ 24, "IS Alias ID" },
	{ 42, "DECnet Phase IV" },
	{ 66, "Lucent Proprietary" },
	{ 128, "IPv4 Internal Reachability" },
	{ 129, "Protocols supported" },
	{ 130, "IPv4 External Reachability" },
	{ 131, "Inter-Domain Information Type" },
	{ 132, "IPv4 Interface address(es)" },
	{ 133, "IPv4 authentication (deprecated)" },
	{ 134, "Traffic Engineering Router ID" },
	{ 135, "Extended IPv4 Reachability" },
	{ 138, "Shared Risk Link Group" },
	{ 143, "Multi-Topology-Aware Port Capability" },
	{ 144, "Multi-Topology Capability" },
	{ 176, "Nortel Proprietary" },
	{ 177, "Nortel Proprietary" },
	{ 137, "Hostname" },
	{ 211, "Restart Signaling" },
	{ 222, "Multi Topology IS Reachability" },
	{ 229, "Multi Topology" },
	{ 232, "IPv6 Interface address(es)" },
	{ 235, "Multi-Topology IPv4 Reachability" },
	{ 236, "IPv6 reachability" },
	{ 237, "Multi-Topology IP6 Reachability" },
	{ 240, "Point-to-point Adjacency State" },
	{ 241, "Hello PDU Sequence Number" },
	{ 242, "IS-IS Router Capability" },
	{ 250, "Vendor Private" },
	{ 0, NULL },
};

/* The TLVs tcpdump decodes and this file does not: hex and a note. */
static const uint8_t tlv_undecoded[] = { 24, 138, 222, 229, 235, 237, 250, 12 };

static const struct pr_tok cap_flags[] = {
	{ 0x01, "S bit" },
	{ 0x02, "D bit" },
	{ 0, NULL },
};

static const struct pr_tok cap_subtlv_names[] = {
	{ 2, "SR-Capabilities" },
	{ 0, NULL },
};

static const struct pr_tok sr_flags[] = {
	{ 0x80, "ipv4" },
	{ 0x40, "ipv6" },
	{ 0, NULL },
};

static const struct pr_tok circuit_names[] = {
	{ 1, "Level 1 only" },
	{ 2, "Level 2 only" },
	{ 3, "Level 1, Level 2" },
	{ 0, NULL },
};

static const struct pr_tok istype_names[] = {
	{ 0, "Unused 0x0 (invalid)" },
	{ 1, "L1 IS" },
	{ 2, "Unused 0x2 (invalid)" },
	{ 3, "L2 IS" },
	{ 0, NULL },
};

static const struct pr_tok ptp_adj_names[] = {
	{ 0, "Up" },
	{ 1, "Initializing" },
	{ 2, "Down" },
	{ 0, NULL },
};

static const struct pr_tok virtual_names[] = {
	{ 0, "IsNotVirtual" },
	{ 1, "IsVirtual" },
	{ 0, NULL },
};

static const struct pr_tok restart_flags[] = {
	{ 0x1, "Restart Request" },
	{ 0x2, "Restart Acknowledgement" },
	{ 0x4, "Suppress adjacency advertisement" },
	{ 0, NULL },
};

static const struct pr_tok auth_names[] = {
	{ 1, "simple text password" },
	{ 3, "Generic Crypto key-id" },
	{ 54, "HMAC-MD5 password" },
	{ 255, "Routing Domain private password" },
	{ 0, NULL },
};

/* isis_print returns 0 (the caller then dumps the PDU) after this. */
#define ISIS_ABORT 3
/*
 * isis_print returns 1 (printed) after this: tcpdump's own checks of the
 * headers and the TLV walk print the marker and return, so the layers
 * below carry on (and -x starts after the link header).
 */
#define ISIS_TRUNC 4

static int isis_trunc(struct pr_ctx *c)
{
	pr_trunc(c);
	return ISIS_TRUNC;
}

/*
 * tcpdump's print_unknown_data where isis_print gives up when it fails:
 * 0, or ISIS_ABORT after the pointer was past the captured end.
 */
static int unk(struct pr_ctx *c, const uint8_t *p, const char *indent,
	       unsigned len)
{
	return pr_unknown_data(c, p, indent, len) ? 0 : ISIS_ABORT;
}

/*
 * An ID as tcpdump's isis_print_id: "xxxx.xxxx.xxxx", then ".nn" for a
 * node ID, "-nn" for an LSP ID; prefix first. Reads before printing.
 */
static int id_print(struct pr_ctx *c, const char *prefix, const uint8_t *p,
		    unsigned len)
{
	uint8_t b[LSP_ID_LEN];
	unsigned i;

	PR_COPY(c, p, b, len);
	pr_puts(c, prefix);
	for (i = 0; i < len && i < SYSTEM_ID_LEN; i++) {
		pr_hex(c, b[i], 2);
		if (i == 1 || i == 3)
			pr_putc(c, '.');
	}
	if (len >= NODE_ID_LEN)
		pr_printf(c, ".%02x", b[6]);
	if (len == LSP_ID_LEN)
		pr_printf(c, "-%02x", b[7]);
	return 0;
}

static void metric_print(struct pr_ctx *c, const char *name, uint8_t m,
			 const char *lead)
{
	pr_printf(c, "%s%s Metric: %u, %s", lead, name, m & 0x3f,
		  m & 0x40 ? "External" : "Internal");
}

/* The 4-octet metric block of the old TLVs. */
static int metric_block_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t m[4];

	PR_COPY(c, p, m, 4);
	metric_print(c, ", Default", m[0], "");
	if (!(m[1] & 0x80))
		metric_print(c, "Delay", m[1], "\n\t\t  ");
	if (!(m[2] & 0x80))
		metric_print(c, "Expense", m[2], "\n\t\t  ");
	if (!(m[3] & 0x80))
		metric_print(c, "Error", m[3], "\n\t\t  ");
	return 0;
}

/* The prefix length of a contiguous mask, or -1. */
static int mask_plen(uint32_t mask)
{
	int n = 0;

	while (n < 32 && (mask & 0x80000000u)) {
		mask <<= 1;
		n++;
	}
	return mask ? -1 : n;
}

/* "%15s" of a dotted quad, as the extended IPv4 prefix prints it. */
static void ip4_15(struct pr_ctx *c, const uint8_t a[4])
{
	struct hx_buf *b = c->out;
	size_t at = b->len, n, pad, i;

	pr_ip4(c, a);
	n = b->len - at;
	if (n >= 15 || !b->p)
		return;
	pad = 15 - n;
	for (i = 0; i < pad; i++)
		pr_putc(c, ' ');
	if (b->len == at + n + pad) {
		memmove(b->p + at + pad, b->p + at, n);
		memset(b->p + at, ' ', pad);
	}
}

/* TLVs 128 and 130: 12-octet entries; 1 done, 0 too short (stop). */
static int ip_reach_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	const char *ind = "\n\t      ";
	uint8_t e[12];
	uint32_t mask;
	int plen;

	while (len > 0) {
		if (len < 12) {
			pr_printf(c, "short IPv4 Reachability (%u vs 12)", len);
			return 0;
		}
		if (!pr_has(c, p, 12))
			return 0; /* tcpdump ends the PDU silently */
		PR_COPY(c, p, e, 12);
		mask = (uint32_t)e[8] << 24 | e[9] << 16 | e[10] << 8 | e[11];
		plen = mask_plen(mask);
		pr_puts(c, ind);
		pr_puts(c, "IPv4 prefix: ");
		if (plen < 0) {
			pr_ip4(c, e + 4);
			pr_puts(c, " mask ");
			pr_ip4(c, e + 8);
		} else {
			ip4_15(c, e + 4);
			pr_printf(c, "/%d", plen);
		}
		pr_printf(c, ", Distribution: %s, Metric: %u, %s",
			  e[0] & 0x80 ? "down" : "up", e[0] & 0x3f,
			  e[0] & 0x40 ? "External" : "Internal");
		if (!(e[1] & 0x80))
			metric_print(c, "Delay", e[1], "\n\t        ");
		if (!(e[2] & 0x80))
			metric_print(c, "Expense", e[2], "\n\t        ");
		if (!(e[3] & 0x80))
			metric_print(c, "Error", e[3], "\n\t        ");
		len -= 12;
		p += 12;
	}
	return 1;
}

/* One TLV 22 entry: its length, 0 when malformed, PR_STOP. */
static int ext_is_reach_print(struct pr_ctx *c, const uint8_t *p,
			      unsigned left)
{
	uint32_t metric;
	uint8_t sub;
	int rc;

	PR_NEED(c, p, NODE_ID_LEN);
	if (left < NODE_ID_LEN)
		return 0;
	rc = id_print(c, "\n\t      IS Neighbor: ", p, NODE_ID_LEN);
	if (rc)
		return rc;
	PR_NEED(c, p + 7, 3);
	if (left < 10)
		return 0;
	PR_BE24(c, p + 7, metric);
	pr_printf(c, ", Metric: %u", metric);
	PR_U8(c, p + 10, sub);
	if (left < 11)
		return 0;
	pr_printf(c, ", %ssub-TLVs present", sub ? "" : "no ");
	if (sub) {
		unsigned used = 11;

		pr_printf(c, " (%u)", sub);
		rc = isis_is_reach_sub_print(c, p + 11, sub, left - 11, &used);
		return rc == 1 ? (int)used : rc;
	}
	return 11;
}

/* One TLV 135 entry: its length, 0 when malformed, PR_STOP. */
static int extd_ip_reach_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t pfx[4] = { 0 }, status, sub;
	uint32_t metric;
	unsigned bits, bytes;
	int rc;

	PR_BE32(c, p, metric);
	PR_U8(c, p + 4, status);
	bits = status & 0x3f;
	if (bits > 32) {
		pr_printf(c, "\n\t      IPv4 prefix: bad bit length %u", bits);
		return 0;
	}
	bytes = (bits + 7) / 8;
	PR_COPY(c, p + 5, pfx, bytes);
	pr_puts(c, "\n\t      IPv4 prefix: ");
	ip4_15(c, pfx);
	pr_printf(c, "/%u, Distribution: %s, Metric: %u", bits,
		  status & 0x80 ? "down" : "up", metric);
	if (!(status & 0x40))
		return (int)(5 + bytes);
	pr_puts(c, ", sub-TLVs present");
	PR_U8(c, p + 5 + bytes, sub);
	pr_printf(c, " (%u)", sub);
	rc = isis_ip_reach_sub_print(c, p + 6 + bytes, sub);
	if (rc != 1)
		return rc;
	return (int)(6 + bytes + sub);
}

static const struct pr_tok idrp_names[] = {
	{ 0, "Reserved" },
	{ 1, "Routing-Domain Specific" },
	{ 2, "AS Number Tag" },
	{ 0, NULL },
};

/* The sub-TLVs of TLV 242 (RFC 7981 2, RFC 8667 3.1). */
static int router_cap_subtlv_print(struct pr_ctx *c, const uint8_t *t,
				   unsigned tlen)
{
	uint8_t st, sl, fl, it, il;
	uint32_t range, v;
	const uint8_t *s;
	unsigned stl;

	while (tlen >= 2) {
		PR_U8(c, t, st);
		PR_U8(c, t + 1, sl);
		tlen -= 2;
		t += 2;
		pr_puts(c, "\n\t\t");
		pr_tok_print(c, cap_subtlv_names, "unknown", st);
		pr_printf(c, " subTLV #%u, length: %u", st, sl);
		if (sl > tlen)
			break;
		if (!pr_has(c, t, sl))
			return 0; /* tcpdump's "trunc": nothing more */
		if (st == 2) {
			PR_U8(c, t, fl);
			PR_BE24(c, t + 1, range);
			pr_puts(c, ", Flags [");
			pr_bittok_print(c, sr_flags, ", ", "None", fl);
			pr_printf(c, "], Range %u", range);
			s = t + 4;
			stl = (uint8_t)(sl - 4);
			while (stl >= 5) {
				PR_U8(c, s, it);
				PR_U8(c, s + 1, il);
				stl -= 2;
				s += 2;
				if (il > stl)
					break;
				if (it != 1) {
					pr_unknown_data(c, s, "\n\t\t  ", il);
				} else if (il == 3) {
					PR_BE24(c, s, v);
					pr_printf(c, ", SID value %u", v);
				} else if (il == 4) {
					PR_BE32(c, s, v);
					pr_printf(c, ", SID value %u", v);
				} else {
					pr_printf(c, ", Unknown SID length%u", il);
				}
				s += il;
				stl -= il;
			}
		} else {
			pr_unknown_data(c, t, "\n\t\t", sl);
		}
		tlen -= sl;
		t += sl;
	}
	return 0;
}

/* tcpdump's nd_printjnp: up to n characters, stopping at a NUL. */
static int jnp_print(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t ch;

	for (; n > 0; n--, p++) {
		PR_U8(c, p, ch);
		if (!ch)
			break;
		pr_char(c, ch);
	}
	return 0;
}

static int undecoded(unsigned type)
{
	size_t i;

	for (i = 0; i < sizeof(tlv_undecoded); i++)
		if (tlv_undecoded[i] == type)
			return 1;
	return 0;
}

/* The value of one TLV; 0, PR_STOP, or 1 after tcpdump's "tlv_trunc". */
static int tlv_print(struct pr_ctx *c, unsigned type, const uint8_t *t,
		     unsigned tlen)
{
	uint8_t u8, at, b[16];
	uint16_t u16;
	uint32_t u32, u32b;
	unsigned i, n;
	int rc, adv;

	switch (type) {
	case 1: /* area addresses */
		while (tlen) {
			PR_U8(c, t, u8);
			t++;
			tlen--;
			if (tlen < u8)
				return 1;
			pr_printf(c, "\n\t      Area address (length: %u): ", u8);
			rc = osi_nsap_print(c, "", t, u8);
			if (rc)
				return rc;
			t += u8;
			tlen -= u8;
		}
		return 0;
	case 6: /* IS neighbours: SNPAs */
		while (tlen) {
			if (tlen < 6)
				return 1;
			PR_NEED(c, t, 6);
			rc = id_print(c, "\n\t      SNPA: ", t, 6);
			if (rc)
				return rc;
			tlen -= 6;
			t += 6;
		}
		return 0;
	case 7: /* instance identifier */
		if (tlen < 4)
			return 1;
		n = (tlen - 2) / 2;
		PR_BE16(c, t, u16);
		pr_printf(c, "\n\t      Instance ID: %u, ITIDs(%u)%s ", u16, n,
			  n ? ":" : "");
		t += 2;
		for (i = 0; i < n; i++, t += 2) {
			PR_BE16(c, t, u16);
			pr_printf(c, "%u%s", u16, i + 1 < n ? ", " : "");
		}
		return 0;
	case 8: /* padding */
		return 0;
	case 22:
		while (tlen) {
			adv = ext_is_reach_print(c, t, tlen);
			if (adv == PR_STOP)
				return PR_STOP;
			if (adv == 0)
				return pr_stop(c);
			if (tlen < (unsigned)adv) {
				pr_printf(c, " [remaining tlv length %u < %d]",
					  tlen, adv);
				pr_invalid(c);
				break;
			}
			tlen = (uint8_t)(tlen - (unsigned)adv);
			t += (uint8_t)adv;
		}
		return 0;
	case 2: /* IS reachability */
		if (tlen < 1)
			return 1;
		PR_U8(c, t, u8);
		pr_puts(c, "\n\t      ");
		pr_tok_print(c, virtual_names, "bogus virtual flag 0x%02x", u8);
		t++;
		tlen--;
		while (tlen) {
			if (tlen < 11)
				return 1;
			PR_NEED(c, t, 11);
			rc = id_print(c, "\n\t      IS Neighbor: ", t + 4,
				      NODE_ID_LEN);
			if (rc || (rc = metric_block_print(c, t)))
				return rc;
			tlen -= 11;
			t += 11;
		}
		return 0;
	case 3: /* ES neighbours: a metric block, then a system ID */
		while (tlen) {
			if (tlen < 10)
				return 1;
			PR_NEED(c, t, 10);
			rc = id_print(c, "\n\t      ES Neighbor: ", t + 4,
				      SYSTEM_ID_LEN);
			if (rc || (rc = metric_block_print(c, t)))
				return rc;
			tlen -= 10;
			t += 10;
		}
		return 0;
	case 128:
	case 130:
		/* tcpdump ends the whole PDU when an entry is short */
		return ip_reach_print(c, t, tlen) ? 0 : 2;
	case 135:
		while (tlen) {
			adv = extd_ip_reach_print(c, t);
			if (adv == PR_STOP)
				return PR_STOP;
			if (adv == 0)
				return pr_stop(c);
			if (tlen < (unsigned)adv) {
				pr_printf(c, " [remaining tlv length %u < %d]",
					  tlen, adv);
				pr_invalid(c);
				break;
			}
			tlen = (uint8_t)(tlen - (unsigned)adv);
			t += (uint8_t)adv;
		}
		return 0;
	case 232: /* IPv6 interface addresses */
		while (tlen) {
			if (tlen < 16)
				return 1;
			PR_IP6(c, "\n\t      IPv6 interface address: ", t);
			t += 16;
			tlen -= 16;
		}
		return 0;
	case 10: /* authentication */
		if (tlen < 1)
			return 1;
		PR_U8(c, t, at);
		t++;
		tlen--;
		pr_puts(c, "\n\t      ");
		pr_tok_print(c, auth_names,
			     "unknown Authentication type 0x%02x", at);
		pr_puts(c, ": ");
		switch (at) {
		case 1:
			return jnp_print(c, t, tlen);
		case 3:
			if (tlen < 2)
				return 1;
			PR_BE16(c, t, u16);
			pr_printf(c, "%u, password: ", u16);
			t += 2;
			tlen -= 2;
			/* fall through */
		case 54:
			for (i = 0; i < tlen; i++) {
				PR_U8(c, t + i, u8);
				pr_hex(c, u8, 2);
			}
			if (at == 54 && tlen != 16)
				pr_puts(c, ", (invalid subTLV) ");
			if (at == 54) {
				/* tcpdump without libcrypto cannot check it */
				pr_generic(c, "IS-IS");
			}
			return 0;
		default:
			return unk(c, t, "\n\t\t  ", tlen);
		}
	case 240: /* point-to-point adjacency state */
		if (tlen >= 1) {
			PR_U8(c, t, u8);
			pr_puts(c, "\n\t      Adjacency State: ");
			pr_tok_print(c, ptp_adj_names, "unknown", u8);
			pr_printf(c, " (%u)", u8);
			tlen--;
		}
		if (tlen > 4) {
			PR_BE32(c, t + 1, u32);
			pr_printf(c, "\n\t      Extended Local circuit-ID: 0x%08x",
				  u32);
			tlen -= 4;
		}
		if (tlen >= SYSTEM_ID_LEN) {
			rc = id_print(c, "\n\t      Neighbor System-ID: ", t + 5,
				      SYSTEM_ID_LEN);
			if (rc)
				return rc;
			tlen -= SYSTEM_ID_LEN;
		}
		if (tlen >= 4) {
			PR_BE32(c, t + 11, u32);
			pr_printf(c, "\n\t      Neighbor Extended Local "
				     "circuit-ID: 0x%08x",
				  u32);
		}
		return 0;
	case 129: /* protocols supported */
		pr_puts(c, "\n\t      NLPID(s): ");
		for (; tlen; tlen--, t++) {
			PR_U8(c, t, u8);
			pr_tok_print(c, nlpid_names, "unknown", u8);
			pr_printf(c, " (0x%02x)%s", u8, tlen > 1 ? ", " : "");
		}
		return 0;
	case 134: /* TE router ID */
		if (tlen < 4)
			return 1;
		PR_IP4(c, "\n\t      Traffic Engineering Router ID: ", t);
		return 0;
	case 132: /* IPv4 interface addresses */
		while (tlen) {
			if (tlen < 4)
				return 1;
			PR_IP4(c, "\n\t      IPv4 interface address: ", t);
			t += 4;
			tlen -= 4;
		}
		return 0;
	case 137:
		pr_puts(c, "\n\t      Hostname: ");
		return jnp_print(c, t, tlen);
	case 9: /* LSP entries */
		while (tlen) {
			if (tlen < 16)
				return 1;
			PR_NEED(c, t + 2 + LSP_ID_LEN - 1, 1);
			rc = id_print(c, "\n\t      lsp-id: ", t + 2, LSP_ID_LEN);
			if (rc)
				return rc;
			PR_BE32(c, t + 10, u32);
			pr_printf(c, ", seq: 0x%08x", u32);
			PR_BE16(c, t, u16);
			pr_printf(c, ", lifetime: %5ds", u16);
			PR_BE16(c, t + 14, u16);
			pr_printf(c, ", chksum: 0x%04x", u16);
			tlen -= 16;
			t += 16;
		}
		return 0;
	case 13: /* purge originator */
		if (tlen < 1)
			return 1;
		PR_U8(c, t, u8);
		t++;
		tlen--;
		if (u8 == 0) {
			pr_puts(c, " No system IDs supplied");
			return 0;
		}
		if (tlen < SYSTEM_ID_LEN)
			return 1;
		rc = id_print(c, "\n\t      Purge Originator System-ID: ", t,
			      SYSTEM_ID_LEN);
		if (rc)
			return rc;
		t += SYSTEM_ID_LEN;
		tlen -= SYSTEM_ID_LEN;
		if (u8 > 1) {
			if (tlen < SYSTEM_ID_LEN)
				return 1;
			PR_NEED(c, t, 2 * SYSTEM_ID_LEN + 1);
			return id_print(c, "\n\t      Received from System-ID: ",
					t, SYSTEM_ID_LEN);
		}
		return 0;
	case 211: /* restart signaling */
		if (tlen < 1)
			return 0;
		PR_U8(c, t, u8);
		pr_puts(c, "\n\t      Flags [");
		pr_bittok_print(c, restart_flags, ", ", "none", u8);
		pr_putc(c, ']');
		t++;
		tlen--;
		if (tlen < 2)
			return 0;
		PR_BE16(c, t, u16);
		pr_printf(c, ", Remaining holding time %us", u16);
		t += 2;
		tlen -= 2;
		if (tlen == SYSTEM_ID_LEN)
			return id_print(c, ", for ", t, SYSTEM_ID_LEN);
		return 0;
	case 14:
		if (tlen < 2)
			return 0;
		PR_BE16(c, t, u16);
		pr_printf(c, "\n\t      LSP Buffersize: %u", u16);
		return 0;
	case 144: /* multi-topology capability: print-isis-mt.c */
		return isis_mt_cap_print(c, t, tlen);
	case 131: /* inter-domain routing information (RFC 1195 5.3.2) */
		if (tlen < 1)
			return 0;
		PR_U8(c, t, u8);
		pr_puts(c, "\n\t      Inter-Domain Information Type: ");
		pr_tok_print(c, idrp_names, "Unknown (0x%02x)", u8);
		if (u8 == 2) {
			if (tlen < 3)
				return 1;
			PR_BE16(c, t + 1, u16);
			/* tcpdump starts it on the same line */
			pr_printf(c, "AS Number: %u", u16);
			return 0;
		}
		return unk(c, t + 1, "\n\t      ", tlen - 1);
	case 4: /* partition DIS */
		while (tlen) {
			if (tlen < SYSTEM_ID_LEN)
				return 1;
			PR_NEED(c, t, SYSTEM_ID_LEN);
			rc = id_print(c, "\n\t      ", t, SYSTEM_ID_LEN);
			if (rc)
				return rc;
			t += SYSTEM_ID_LEN;
			tlen -= SYSTEM_ID_LEN;
		}
		return 0;
	case 5: /* prefix neighbours */
		if (tlen < 4)
			return 0;
		PR_NEED(c, t, 4);
		pr_puts(c, "\n\t      Metric Block");
		rc = metric_block_print(c, t);
		if (rc)
			return rc;
		t += 4;
		tlen -= 4;
		while (tlen) {
			PR_U8(c, t, u8);
			t++;
			tlen--;
			if (u8 < 2) {
				pr_printf(c, "\n\t\tAddress: prefix length %u < 2",
					  u8);
				break;
			}
			if (tlen < u8 / 2u)
				break;
			rc = osi_nsap_print(c, "\n\t\tAddress: ", t, u8 / 2u);
			if (rc)
				return rc;
			pr_printf(c, "/%u", u8 * 4u);
			t += u8 / 2u;
			tlen -= u8 / 2u;
		}
		return 0;
	case 242: /* router capability */
		if (tlen < 5) {
			pr_printf(c, " [object length %u < 5]", tlen);
			pr_invalid(c);
			return 0;
		}
		PR_NEED(c, t, 4);
		PR_U8(c, t + 4, u8);
		PR_IP4(c, "\n\t      Router-ID ", t);
		pr_puts(c, ", Flags [");
		pr_bittok_print(c, cap_flags, ", ", "none", u8);
		pr_putc(c, ']');
		if (tlen > 5)
			return router_cap_subtlv_print(c, t + 5, tlen - 5);
		return 0;
	case 143: /* MT port capability: print-isis-mt.c */
		return isis_mt_port_cap_print(c, t, tlen);
	case 241:
		if (tlen < 4)
			return 0;
		PR_BE32(c, t, u32);
		pr_printf(c, "\n\t      Sequence number: %u", u32);
		return 0;
	case 236: /* IPv6 reachability */
		while (tlen) {
			uint8_t st, bl, sub = 0;
			unsigned nb, adv6;

			PR_BE32(c, t, u32b);
			PR_U8(c, t + 4, st);
			PR_U8(c, t + 5, bl);
			if (bl > 128) {
				pr_printf(c, "\n\t      IPv6 prefix: bad bit "
					     "length %u",
					  bl);
				return pr_stop(c);
			}
			nb = (bl + 7u) / 8;
			memset(b, 0, sizeof(b));
			PR_COPY(c, t + 6, b, nb);
			pr_puts(c, "\n\t      IPv6 prefix: ");
			pr_ip6(c, b);
			pr_printf(c, "/%u, Distribution: %s, Metric: %u, %s%s",
				  bl, st & 0x80 ? "down" : "up", u32b,
				  st & 0x40 ? "External" : "Internal",
				  st & 0x20 ? ", sub-TLVs present" : "");
			adv6 = 6 + nb;
			if (st & 0x20) {
				PR_U8(c, t + adv6, sub);
				pr_printf(c, " (%u)", sub);
				rc = isis_ip_reach_sub_print(c, t + adv6 + 1,
							     sub);
				if (rc != 1)
					return rc == PR_STOP ? PR_STOP
							     : pr_stop(c);
				adv6 += 1u + sub;
			}
			if (tlen < adv6) {
				pr_printf(c, " [remaining tlv length %u < %u]",
					  tlen, adv6);
				pr_invalid(c);
				break;
			}
			tlen = (uint8_t)(tlen - adv6);
			t += (uint8_t)adv6;
		}
		return 0;
	default:
		if (undecoded(type))
			pr_generic(c, "IS-IS");
		if (c->o.vflag <= 1)
			return unk(c, t, "\n\t\t", tlen);
		return 0;
	}
}

static int bogus_fixed(struct pr_ctx *c, const char *lead, unsigned fixed,
		       unsigned want)
{
	pr_printf(c, "%sbogus fixed header length %u should be %u", lead,
		  fixed, want);
	return 0;
}

/* isis_print's body; it may also return ISIS_ABORT. */
static int isis_pdu_print(struct pr_ctx *c, const uint8_t *p,
			  unsigned length)
{
	uint8_t h[COMMON_LEN], type, tl, u8, max_area;
	const uint8_t *q = p + COMMON_LEN;
	unsigned packet_len = length, fixed, want, pdu_len;
	uint16_t u16, u16b;
	uint32_t u32;
	int rc;

	c->proto = "isis";
	if (!pk_copy(&c->pk, p, h, COMMON_LEN) || length < COMMON_LEN)
		return isis_trunc(c);
	if (!c->o.eflag)
		pr_puts(c, "IS-IS");
	if (h[2] != 1) {
		pr_printf(c, "version %u packet not supported", h[2]);
		return 0;
	}
	if (h[3] != SYSTEM_ID_LEN && h[3] != 0) {
		pr_printf(c, "system ID length of %u is not supported", h[3]);
		return 0;
	}
	if (h[5] != 1) {
		pr_printf(c, "version %u packet not supported", h[5]);
		return 0;
	}
	fixed = h[1];
	if (length < fixed) {
		pr_printf(c, "fixed header length %u > packet length %u", fixed,
			  length);
		return 0;
	}
	if (fixed < COMMON_LEN) {
		pr_printf(c, "fixed header length %u < minimum header size %u",
			  fixed, COMMON_LEN);
		return 0;
	}
	if (h[7] == 255) {
		pr_puts(c, "bad packet -- 255 areas");
		return 0;
	}
	max_area = h[7] ? h[7] : 3;
	type = h[4];
	if (!c->o.vflag) {
		pr_puts(c, c->o.eflag ? "" : ", ");
		pr_tok_print(c, pdu_names, "unknown PDU-Type %u", type);
	} else {
		pr_printf(c, "%slength %u\n\t", c->o.eflag ? "" : ", ", length);
		pr_tok_print(c, pdu_names, "unknown, type %u", type);
		pr_printf(c, ", hlen: %u, v: %u, pdu-v: %u, sys-id-len: %u (%u), "
			     "max-area: %u (%u)",
			  fixed, h[2], h[5], 6, h[3], max_area, h[7]);
		if (c->o.vflag > 1 && (rc = unk(c, p, "\n\t", 8)))
			return rc;
	}

	switch (type) {
	case PDU_L1_LAN_IIH:
	case PDU_L2_LAN_IIH:
		want = COMMON_LEN + IIH_LAN_LEN;
		if (fixed != want)
			return bogus_fixed(c, ", ", fixed, want);
		if (!pr_has(c, q, IIH_LAN_LEN) || length < want)
			return isis_trunc(c);
		if (!c->o.vflag) {
			if ((rc = id_print(c, ", src-id ", q + 1, SYSTEM_ID_LEN)) ||
			    (rc = id_print(c, ", lan-id ", q + 12, NODE_ID_LEN)))
				return rc;
			PR_U8(c, q + 11, u8);
			pr_printf(c, ", prio %u, length %u", u8, length);
			return 1;
		}
		PR_BE16(c, q + 9, u16);
		pdu_len = u16;
		if (packet_len > pdu_len)
			packet_len = length = pdu_len;
		PR_BE16(c, q + 7, u16);
		PR_U8(c, q, u8);
		if ((rc = id_print(c, "\n\t  source-id: ", q + 1, SYSTEM_ID_LEN)))
			return rc;
		pr_printf(c, ",  holding time: %us, Flags: [", u16);
		pr_tok_print(c, circuit_names, "unknown circuit type 0x%02x",
			     u8);
		pr_putc(c, ']');
		if ((rc = id_print(c, "\n\t  lan-id:    ", q + 12, NODE_ID_LEN)))
			return rc;
		PR_U8(c, q + 11, u8);
		pr_printf(c, ", Priority: %u, PDU length: %u", u8 & 0x7f,
			  pdu_len);
		break;
	case PDU_PTP_IIH:
		want = COMMON_LEN + IIH_PTP_LEN;
		if (fixed != want)
			return bogus_fixed(c, ", ", fixed, want);
		if (!pr_has(c, q, IIH_PTP_LEN) || length < want)
			return isis_trunc(c);
		if (!c->o.vflag) {
			if ((rc = id_print(c, ", src-id ", q + 1, SYSTEM_ID_LEN)))
				return rc;
			pr_printf(c, ", length %u", length);
			return 1;
		}
		PR_BE16(c, q + 9, u16);
		pdu_len = u16;
		if (packet_len > pdu_len)
			packet_len = length = pdu_len;
		PR_BE16(c, q + 7, u16);
		PR_U8(c, q, u8);
		if ((rc = id_print(c, "\n\t  source-id: ", q + 1, SYSTEM_ID_LEN)))
			return rc;
		pr_printf(c, ", holding time: %us, Flags: [", u16);
		pr_tok_print(c, circuit_names, "unknown circuit type 0x%02x",
			     u8);
		PR_U8(c, q + 11, u8);
		pr_printf(c, "]\n\t  circuit-id: 0x%02x, PDU length: %u", u8,
			  pdu_len);
		break;
	case PDU_L1_LSP:
	case PDU_L2_LSP:
		want = COMMON_LEN + LSP_LEN;
		if (fixed != want)
			return bogus_fixed(c, ", ", fixed, LSP_LEN);
		if (!pr_has(c, q, LSP_LEN) || length < want)
			return isis_trunc(c);
		PR_BE32(c, q + 12, u32);
		PR_BE16(c, q + 2, u16);
		if (!c->o.vflag) {
			if ((rc = id_print(c, ", lsp-id ", q + 4, LSP_ID_LEN)))
				return rc;
			pr_printf(c, ", seq 0x%08x, lifetime %5us, length %u",
				  u32, u16, length);
			return 1;
		}
		PR_BE16(c, q, u16b);
		pdu_len = u16b;
		if (packet_len > pdu_len)
			packet_len = length = pdu_len;
		if ((rc = id_print(c, "\n\t  lsp-id: ", q + 4, LSP_ID_LEN)))
			return rc;
		PR_BE16(c, q + 16, u16b);
		pr_printf(c, ", seq: 0x%08x, lifetime: %5us\n\t  chksum: 0x%04x",
			  u32, u16, u16b);
		osi_cksum_print(c, q + 4, u16b, 12, length - 12);
		PR_U8(c, q + 18, u8);
		pr_printf(c, ", PDU length: %u, Flags: [ %s", pdu_len,
			  u8 & 0x4 ? "Overload bit set, " : "");
		if (u8 & 0x78) {
			pr_puts(c, u8 & 0x8 ? "default " : "");
			pr_puts(c, u8 & 0x10 ? "delay " : "");
			pr_puts(c, u8 & 0x20 ? "expense " : "");
			pr_puts(c, u8 & 0x40 ? "error " : "");
			pr_puts(c, "ATT bit set, ");
		}
		pr_puts(c, u8 & 0x80 ? "P bit set, " : "");
		pr_tok_print(c, istype_names, "Unknown(0x%x)", u8 & 3);
		pr_puts(c, " ]");
		break;
	case PDU_L1_CSNP:
	case PDU_L2_CSNP:
		want = COMMON_LEN + CSNP_LEN;
		if (fixed != want)
			return bogus_fixed(c, ", ", fixed, want);
		if (!pr_has(c, q, CSNP_LEN) || length < want)
			return isis_trunc(c);
		if (!c->o.vflag) {
			if ((rc = id_print(c, ", src-id ", q + 2, NODE_ID_LEN)))
				return rc;
			pr_printf(c, ", length %u", length);
			return 1;
		}
		PR_BE16(c, q, u16);
		pdu_len = u16;
		if (packet_len > pdu_len)
			packet_len = length = pdu_len;
		if ((rc = id_print(c, "\n\t  source-id:    ", q + 2,
				   NODE_ID_LEN)))
			return rc;
		pr_printf(c, ", PDU length: %u", pdu_len);
		if ((rc = id_print(c, "\n\t  start lsp-id: ", q + 9,
				   LSP_ID_LEN)) ||
		    (rc = id_print(c, "\n\t  end lsp-id:   ", q + 17,
				   LSP_ID_LEN)))
			return rc;
		break;
	case PDU_L1_PSNP:
	case PDU_L2_PSNP:
		want = COMMON_LEN + PSNP_LEN;
		if (fixed != want)
			return bogus_fixed(c, "- ", fixed, want);
		if (!pr_has(c, q, PSNP_LEN) || length < want)
			return isis_trunc(c);
		if (!c->o.vflag) {
			if ((rc = id_print(c, ", src-id ", q + 2, NODE_ID_LEN)))
				return rc;
			pr_printf(c, ", length %u", length);
			return 1;
		}
		PR_BE16(c, q, u16);
		pdu_len = u16;
		if (packet_len > pdu_len)
			packet_len = length = pdu_len;
		if ((rc = id_print(c, "\n\t  source-id:    ", q + 2,
				   NODE_ID_LEN)))
			return rc;
		pr_printf(c, ", PDU length: %u", pdu_len);
		break;
	default:
		if (!c->o.vflag) {
			pr_printf(c, ", length %u", length);
			return 1;
		}
		rc = unk(c, q, "\n\t  ", length);
		return rc ? rc : 0;
	}
	if (c->o.vflag > 1 &&
	    (rc = unk(c, q, "\n\t  ", fixed - COMMON_LEN)))
		return rc;
	/* tcpdump's INVALID_OR_DECREMENT */
	if (packet_len < fixed) {
		pr_printf(c, " [packet length %u < %u]", packet_len, fixed);
		pr_invalid(c);
		return 1;
	}
	packet_len -= fixed;
	q = p + fixed;

	while (packet_len > 0) {
		if (!pr_has(c, q, 2) || packet_len < 2)
			return isis_trunc(c);
		PR_U8(c, q, type);
		PR_U8(c, q + 1, tl);
		q += 2;
		packet_len -= 2;
		pr_puts(c, "\n\t    ");
		pr_tok_print(c, tlv_names, "unknown", type);
		pr_printf(c, " TLV #%u, length: %u", type, tl);
		if (packet_len < tl)
			return isis_trunc(c);
		rc = tlv_print(c, type, q, tl);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == 2)
			return 1;
		if (rc == ISIS_ABORT)
			return 0;
		if (c->o.vflag > 1 &&
		    (rc = unk(c, q, "\n\t      ", tl)))
			return rc;
		q += tl;
		packet_len -= tl;
	}
	return 1;
}

/* 1 printed, 0 when tcpdump's caller then dumps the PDU, PR_STOP. */
int isis_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	int rc = isis_pdu_print(c, p, length);

	if (rc == ISIS_TRUNC)
		return 1;
	return rc == ISIS_ABORT ? 0 : rc;
}
