/* print-ospf.c: OSPF version 2 (RFC 2328) on IP protocol 89: hello, DD, LS request, update and ack, the LSAs, TE (RFC 3630, 4203), graceful restart (RFC 3623), router information and LLS (RFC 5613). */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Version #   |     Type      |         Packet length         |
 *  |                          Router ID                            |
 *  |                           Area ID                             |
 *  |           Checksum            |             AuType            |
 *  |                Authentication (8 bytes)                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An LSA header (20 bytes; opaque LSAs split the Link State ID into an
 * 8-bit opaque type and a 24-bit opaque ID):
 *  |            LS age             |    Options    |    LS type    |
 *  |                        Link State ID                          |
 *  |                     Advertising Router                        |
 *  |                     LS sequence number                        |
 *  |         LS checksum           |             length            |
 *
 * OSPF has no truncation it survives: as in tcpdump, a short capture
 * ends the packet with " [|ospf2]".
 */
#include "capture/print-int.h"

#include <string.h>

#define OSPF_HDRLEN 24u
#define LSA_HDRLEN 20u
#define OPT_L 0x10

static const struct pr_tok option_names[] = {
	{ 0x01, "MultiTopology" }, { 0x02, "External" },
	{ 0x04, "Multicast" },	   { 0x08, "NSSA" },
	{ 0x10, "LLS" },	   { 0x20, "Demand Circuit" },
	{ 0x40, "Opaque" },	   { 0x80, "Up/Down" },
	{ 0, NULL },
};

static const struct pr_tok authtype_names[] = {
	{ 0, "none" },
	{ 1, "simple" },
	{ 2, "MD5" },
	{ 0, NULL },
};

static const struct pr_tok rla_flag_names[] = {
	{ 0x01, "ABR" },      { 0x02, "ASBR" }, { 0x04, "Virtual" },
	{ 0x08, "Wildcard" }, { 0x10, "Nt" },	{ 0x80, "Host" },
	{ 0, NULL },
};

static const struct pr_tok type_names[] = {
	{ 1, "Hello" },	     { 2, "Database Description" },
	{ 3, "LS-Request" }, { 4, "LS-Update" },
	{ 5, "LS-Ack" },     { 0, NULL },
};

static const struct pr_tok lsa_names[] = {
	{ 1, "Router" },
	{ 2, "Network" },
	{ 3, "Summary" },
	{ 4, "ASBR Summary" },
	{ 5, "External" },
	{ 6, "Multicast Group" },
	{ 7, "NSSA" },
	{ 9, "Link Local Opaque" },
	{ 10, "Area Local Opaque" },
	{ 11, "Domain Wide Opaque" },
	{ 0, NULL },
};

static const struct pr_tok dd_flag_names[] = {
	{ 0x04, "Init" },
	{ 0x02, "More" },
	{ 0x01, "Master" },
	{ 0x08, "OOBResync" },
	{ 0, NULL },
};

static const struct pr_tok opaque_names[] = {
	{ 1, "Traffic Engineering" },
	{ 3, "Graceful restart" },
	{ 4, "Router Information" },
	{ 0, NULL },
};

static const struct pr_tok te_tlv_names[] = {
	{ 1, "Router Address" },
	{ 2, "Link" },
	{ 0, NULL },
};

static const struct pr_tok te_link_subtlv_names[] = {
	{ 1, "Link Type" },
	{ 2, "Link ID" },
	{ 3, "Local Interface IP address" },
	{ 4, "Remote Interface IP address" },
	{ 5, "Traffic Engineering Metric" },
	{ 6, "Maximum Bandwidth" },
	{ 7, "Maximum Reservable Bandwidth" },
	{ 8, "Unreserved Bandwidth" },
	{ 9, "Administrative Group" },
	{ 11, "Link Local/Remote Identifier" },
	{ 14, "Link Protection Type" },
	{ 15, "Interface Switching Capability" },
	{ 16, "Shared Risk Link Group" },
	{ 17, "Bandwidth Constraints" },
	{ 0, NULL },
};

static const struct pr_tok grace_tlv_names[] = {
	{ 1, "Grace Period" },
	{ 2, "Graceful restart Reason" },
	{ 3, "IPv4 interface address" },
	{ 0, NULL },
};

static const struct pr_tok grace_reason_names[] = {
	{ 0, "Unknown" },
	{ 1, "Software Restart" },
	{ 2, "Software Reload/Upgrade" },
	{ 3, "Control Processor Switch" },
	{ 0, NULL },
};

static const struct pr_tok link_type_names[] = {
	{ 1, "Point-to-point" },
	{ 2, "Multi-Access" },
	{ 0, NULL },
};

static const struct pr_tok ri_tlv_names[] = {
	{ 1, "Router Capabilities" },
	{ 0, NULL },
};

static const struct pr_tok ri_cap_names[] = {
	{ 1, "Reserved" },
	{ 2, "Reserved" },
	{ 4, "Reserved" },
	{ 8, "Reserved" },
	{ 16, "graceful restart capable" },
	{ 32, "graceful restart helper" },
	{ 64, "Stub router support" },
	{ 128, "Traffic engineering" },
	{ 256, "p2p over LAN" },
	{ 512, "path computation server" },
	{ 0, NULL },
};

static const struct pr_tok lls_tlv_names[] = {
	{ 1, "Extended Options" },
	{ 2, "MD5 Authentication" },
	{ 0, NULL },
};

static const struct pr_tok lls_eo_names[] = {
	{ 1, "LSDB resync" },
	{ 2, "Restart" },
	{ 0, NULL },
};

static const struct pr_tok topology_names[] = {
	{ 0, "default" },
	{ 1, "multicast" },
	{ 2, "management" },
	{ 0, NULL },
};

/* GMPLS (RFC 4202, 3471) and Diffserv-TE (RFC 4124) names. */
const struct pr_tok gmpls_prot_names[] = {
	{ 0x01, "Extra Traffic" }, { 0x02, "Unprotected" },
	{ 0x04, "Shared" },	   { 0x08, "Dedicated 1:1" },
	{ 0x10, "Dedicated 1+1" }, { 0x20, "Enhanced" },
	{ 0x40, "Reserved" },	   { 0x80, "Reserved" },
	{ 0, NULL },
};

const struct pr_tok gmpls_switch_names[] = {
	{ 1, "Packet-Switch Capable-1" },
	{ 2, "Packet-Switch Capable-2" },
	{ 3, "Packet-Switch Capable-3" },
	{ 4, "Packet-Switch Capable-4" },
	{ 51, "Layer-2 Switch Capable" },
	{ 100, "Time-Division-Multiplex" },
	{ 150, "Lambda-Switch Capable" },
	{ 200, "Fiber-Switch Capable" },
	{ 0, NULL },
};

const struct pr_tok gmpls_encoding_names[] = {
	{ 1, "Packet" },
	{ 2, "Ethernet V2/DIX" },
	{ 3, "ANSI/ETSI PDH" },
	{ 4, "Reserved" },
	{ 5, "SDH ITU-T G.707/SONET ANSI T1.105" },
	{ 6, "Reserved" },
	{ 7, "Digital Wrapper" },
	{ 8, "Lambda (photonic)" },
	{ 9, "Fiber" },
	{ 10, "Reserved" },
	{ 11, "FiberChannel" },
	{ 0, NULL },
};

const struct pr_tok bc_model_names[] = {
	{ 0, "Russian dolls" },
	{ 1, "Maximum allocation" },
	{ 254, "Maximum allocation with E-LSP support" },
	{ 0, NULL },
};

/* An IEEE float of bytes per second, in Mbps as tcpdump prints it. */
int gmpls_bw_print(struct pr_ctx *c, const char *lead, const uint8_t *p)
{
	uint32_t u;
	float f;

	PR_BE32(c, p, u);
	memcpy(&f, &u, sizeof(f));
	pr_puts(c, lead);
	pr_printf_libc(c, "%.3f Mbps", f * 8 / 1000000);
	return 0;
}

/* Grace LSA TLVs: 0, 1 for a bad TLV (the LSA ends), PR_STOP. */
int ospf_grace_print(struct pr_ctx *c, const uint8_t *tp, unsigned ls_len)
{
	uint16_t type, len;
	uint32_t v;
	uint8_t b;

	while (ls_len > 0) {
		/* tcpdump's TCHECKs here end the LSA, with no marker */
		if (!pr_has(c, tp, 4))
			return 1;
		if (ls_len < 4) {
			pr_printf(c, "\n\t    Remaining LS length %u < 4", ls_len);
			return 1;
		}
		PR_BE16(c, tp, type);
		PR_BE16(c, tp + 2, len);
		tp += 4;
		ls_len -= 4;
		pr_puts(c, "\n\t    ");
		pr_tok_print(c, grace_tlv_names, "unknown", type);
		pr_printf(c, " TLV (%u), length %u, value: ", type, len);
		if (len > ls_len) {
			pr_printf(c, "\n\t    Bogus length %u > %u", len, ls_len);
			return 1;
		}
		if (type == 0 || len == 0)
			return 1;
		if (!pr_has(c, tp, len))
			return 1;
		switch (type) {
		case 1:
			if (len != 4)
				goto bogus4;
			PR_BE32(c, tp, v);
			pr_printf(c, "%us", v);
			break;
		case 2:
			if (len != 1) {
				pr_printf(c, "\n\t    Bogus length %u != 1", len);
				return 1;
			}
			PR_U8(c, tp, b);
			pr_tok_print(c, grace_reason_names, "Unknown", b);
			pr_printf(c, " (%u)", b);
			break;
		case 3:
			if (len != 4)
				goto bogus4;
			PR_IP4(c, "", tp);
			break;
		default:
			if (c->o.vflag <= 1)
				pr_unknown_data(c, tp, "\n\t      ", len);
			break;
		}
		if (len % 4)
			len += 4 - len % 4;
		ls_len -= len;
		tp += len;
	}
	return 0;
bogus4:
	pr_printf(c, "\n\t    Bogus length %u != 4", len);
	return 1;
}

/* One sub-TLV of a TE Link TLV: 0, 1 (invalid, the LSA ends), PR_STOP. */
static int te_subtlv_print(struct pr_ctx *c, const uint8_t *tp, unsigned type,
			   unsigned len)
{
	uint32_t v;
	uint8_t b;
	unsigned i, n;

	switch (type) {
	case 9:
		if (len != 4)
			goto not4;
		PR_BE32(c, tp, v);
		pr_printf(c, ", 0x%08x", v);
		break;
	case 2:
	case 11:
		if (len != 4 && len != 8) {
			pr_puts(c, " != 4 && != 8");
			goto invalid;
		}
		PR_BE32(c, tp, v);
		PR_IP4(c, ", ", tp);
		pr_printf(c, " (0x%08x)", v);
		if (len == 8) {
			PR_BE32(c, tp + 4, v);
			PR_IP4(c, ", ", tp + 4);
			pr_printf(c, " (0x%08x)", v);
		}
		break;
	case 3:
	case 4:
		if (len != 4)
			goto not4;
		PR_IP4(c, ", ", tp);
		break;
	case 6:
	case 7:
		if (len != 4)
			goto not4;
		return gmpls_bw_print(c, ", ", tp);
	case 8:
		if (len != 32) {
			pr_puts(c, " != 32");
			goto invalid;
		}
		for (i = 0; i < 8; i++) {
			char lead[32];

			snprintf(lead, sizeof(lead), "\n\t\tTE-Class %u: ", i);
			if (gmpls_bw_print(c, lead, tp + i * 4) == PR_STOP)
				return PR_STOP;
		}
		break;
	case 17:
		if (len < 4) {
			pr_puts(c, " < 4");
			goto invalid;
		}
		PR_U8(c, tp, b);
		pr_puts(c, "\n\t\tBandwidth Constraints Model ID: ");
		pr_tok_print(c, bc_model_names, "unknown", b);
		pr_printf(c, " (%u)", b);
		if (len % 4) {
			pr_printf(c, "\n\t\tlength %u != N x 4", len);
			goto invalid;
		}
		if (len > 36) {
			pr_printf(c, "\n\t\tlength %u > 36", len);
			goto invalid;
		}
		for (i = 0; i < (len - 4) / 4; i++) {
			char lead[48];

			snprintf(lead, sizeof(lead),
				 "\n\t\t  Bandwidth constraint CT%u: ", i);
			if (gmpls_bw_print(c, lead, tp + 4 + i * 4) == PR_STOP)
				return PR_STOP;
		}
		break;
	case 5:
		if (len != 4)
			goto not4;
		PR_BE32(c, tp, v);
		pr_printf(c, ", Metric %u", v);
		break;
	case 14:
		if (len != 4)
			goto not4;
		PR_U8(c, tp, b);
		pr_puts(c, ", ");
		pr_bittok_print(c, gmpls_prot_names, ", ", "none", b);
		break;
	case 15:
		if (len < 36) {
			pr_puts(c, " < 36");
			goto invalid;
		}
		PR_U8(c, tp, b);
		pr_puts(c, "\n\t\tInterface Switching Capability: ");
		pr_tok_print(c, gmpls_switch_names, "Unknown", b);
		PR_U8(c, tp + 1, b);
		pr_puts(c, "\n\t\tLSP Encoding: ");
		pr_tok_print(c, gmpls_encoding_names, "Unknown", b);
		pr_puts(c, "\n\t\tMax LSP Bandwidth:");
		for (i = 0; i < 8; i++) {
			char lead[40];

			snprintf(lead, sizeof(lead),
				 "\n\t\t  priority level %u: ", i);
			if (gmpls_bw_print(c, lead, tp + 4 + i * 4) == PR_STOP)
				return PR_STOP;
		}
		break;
	case 1:
		if (len != 1) {
			pr_puts(c, " != 1");
			goto invalid;
		}
		PR_U8(c, tp, b);
		pr_puts(c, ", ");
		pr_tok_print(c, link_type_names, "unknown", b);
		pr_printf(c, " (%u)", b);
		break;
	case 16:
		if (len % 4) {
			pr_puts(c, " != N x 4");
			goto invalid;
		}
		n = len / 4;
		if (n)
			pr_puts(c, "\n\t\t  Shared risk group: ");
		for (i = 0; i < n; i++) {
			PR_BE32(c, tp + i * 4, v);
			pr_printf(c, "%s%u", i ? ", " : "", v);
		}
		break;
	default:
		if (c->o.vflag <= 1)
			pr_unknown_data(c, tp, "\n\t\t", len);
		break;
	}
	return 0;
not4:
	pr_puts(c, " != 4");
invalid:
	pr_invalid(c);
	return 1;
}

/* TE LSA TLVs (RFC 3630): 0, 1 when the LSA ends early, PR_STOP. */
int ospf_te_print(struct pr_ctx *c, const uint8_t *tp, unsigned ls_len)
{
	uint16_t type, len, stype, slen;
	int rc;

	while (ls_len != 0) {
		/* tcpdump's TCHECKs here end the LSA, with no marker */
		if (!pr_has(c, tp, 4))
			return 1;
		if (ls_len < 4) {
			pr_printf(c, "\n\t    Remaining LS length %u < 4", ls_len);
			return 1;
		}
		PR_BE16(c, tp, type);
		PR_BE16(c, tp + 2, len);
		tp += 4;
		ls_len -= 4;
		pr_puts(c, "\n\t    ");
		pr_tok_print(c, te_tlv_names, "unknown", type);
		pr_printf(c, " TLV (%u), length: %u", type, len);
		if (len > ls_len) {
			pr_printf(c, "\n\t    Bogus length %u > %u", len, ls_len);
			return 1;
		}
		if (type == 0 || len == 0)
			return 1;
		if (type == 2) {
			unsigned tlen = len;
			const uint8_t *sp = tp;

			while (tlen != 0) {
				if (tlen < 4) {
					pr_printf(c, "\n\t    Remaining TLV length %u < 4",
						  tlen);
					return 1;
				}
				PR_BE16(c, sp, stype);
				PR_BE16(c, sp + 2, slen);
				sp += 4;
				tlen -= 4;
				if (stype == 0 || slen == 0) {
					pr_invalid(c);
					return 1;
				}
				pr_puts(c, "\n\t      ");
				pr_tok_print(c, te_link_subtlv_names, "unknown",
					     stype);
				pr_printf(c, " subTLV (%u), length: %u", stype, slen);
				if (tlen < slen) {
					pr_printf(c, "\n\t    Remaining TLV length %u < %u",
						  tlen + 4, slen + 4u);
					return 1;
				}
				if (!pr_has(c, sp, slen))
					return 1;
				rc = te_subtlv_print(c, sp, stype, slen);
				if (rc)
					return rc;
				if (slen % 4)
					slen += 4 - slen % 4;
				if (tlen < slen) {
					pr_printf(c, "\n\t    Remaining TLV length %u < %u",
						  tlen + 4, slen + 4u);
					return 1;
				}
				tlen -= slen;
				sp += slen;
			}
			/*
			 * tcpdump walks the sub-TLVs with the TLV's own
			 * pointer and length: it goes on after them with
			 * nothing subtracted from the LSA's length.
			 */
			tp = sp;
			len = 0;
		} else if (type == 1) {
			if (len < 4) {
				pr_printf(c, "\n\t    TLV length %u < 4", len);
				return 1;
			}
			PR_IP4(c, ", ", tp);
		} else if (c->o.vflag <= 1) {
			pr_unknown_data(c, tp, "\n\t      ", len);
		}
		if (len % 4)
			len += 4 - len % 4;
		if (len > ls_len) {
			pr_printf(c, "\n\t    Bogus padded length %u > %u", len,
				  ls_len);
			return 1;
		}
		ls_len -= len;
		tp += len;
	}
	return 0;
}

/* An LSA header: the LSA's length, -1 when bogus, PR_STOP. */
static int lshdr_print(struct pr_ctx *c, const uint8_t *h)
{
	uint16_t len, age;
	uint32_t seq, oid;
	uint8_t type, otype, opts;

	PR_BE16(c, h + 18, len);
	if (len < LSA_HDRLEN) {
		pr_printf(c, "\n\t    Bogus length %u < header (%u)", len,
			  LSA_HDRLEN);
		return -1;
	}
	PR_BE32(c, h + 12, seq);
	PR_BE16(c, h, age);
	PR_IP4(c, "\n\t  Advertising Router ", h + 8);
	pr_printf(c, ", seq 0x%08x, age %us, length %u", seq, age,
		  len - LSA_HDRLEN);
	PR_U8(c, h + 3, type);
	pr_puts(c, "\n\t    ");
	pr_tok_print(c, lsa_names, "unknown", type);
	if (type >= 9 && type <= 11) {
		PR_U8(c, h + 4, otype);
		PR_BE24(c, h + 5, oid);
		pr_printf(c, " LSA (%u), Opaque-Type ", type);
		pr_tok_print(c, opaque_names, "unknown", otype);
		pr_printf(c, " LSA (%u), Opaque-ID %u", otype, oid);
	} else {
		PR_NEED(c, h + 4, 4);
		pr_printf(c, " LSA (%u), ", type);
		PR_IP4(c, "LSA-ID: ", h + 4);
	}
	PR_U8(c, h + 2, opts);
	pr_puts(c, "\n\t    Options: [");
	pr_bittok_print(c, option_names, ", ", "none", opts);
	pr_putc(c, ']');
	return len;
}

/* The per-topology metrics of a router link (its TOS count + 1). */
static int tos_metrics_print(struct pr_ctx *c, const uint8_t *tos)
{
	uint8_t count, ttype;
	uint16_t metric;
	unsigned n, i;

	PR_U8(c, tos + 1, count);
	n = count + 1u;
	for (i = 0; i < n; i++, tos += 4) {
		PR_U8(c, tos, ttype);
		PR_BE16(c, tos + 2, metric);
		if (i == 0)
			ttype = 0;
		pr_puts(c, "\n\t\ttopology ");
		pr_tok_print(c, topology_names, "Unknown", ttype);
		pr_printf(c, " (%u), metric %u", ttype, metric);
	}
	return 0;
}

/* The router information LSA's TLVs: 0, 1 when it ends early, PR_STOP. */
static int ri_print(struct pr_ctx *c, const uint8_t *tp, unsigned left)
{
	uint16_t type, len;
	uint32_t v;

	while (left != 0) {
		PR_NEED(c, tp, 4);
		if (left < 4) {
			pr_printf(c, "\n\t    Remaining LS length %u < 4", left);
			return 1;
		}
		PR_BE16(c, tp, type);
		PR_BE16(c, tp + 2, len);
		tp += 4;
		left -= 4;
		pr_puts(c, "\n\t    ");
		pr_tok_print(c, ri_tlv_names, "unknown", type);
		pr_printf(c, " TLV (%u), length: %u, value: ", type, len);
		if (len > left) {
			pr_printf(c, "\n\t    Bogus length %u > remaining LS length %u",
				  len, left);
			return 1;
		}
		PR_NEED(c, tp, len);
		if (type == 1) {
			if (len != 4) {
				pr_printf(c, "\n\t    Bogus length %u != 4", len);
				return 1;
			}
			PR_BE32(c, tp, v);
			pr_puts(c, "Capabilities: ");
			pr_bittok_print(c, ri_cap_names, ", ", "Unknown", v);
		} else if (c->o.vflag <= 1) {
			pr_unknown_data(c, tp, "\n\t      ", len);
		}
		tp += len;
		left -= len;
	}
	return 0;
}

/* One LSA: the next one's start in *next, or PR_STOP. */
static int lsa_print(struct pr_ctx *c, const uint8_t *lsa,
		     const uint8_t **next)
{
	const uint8_t *end, *p;
	unsigned ls_len, n, topo;
	uint32_t ul;
	uint16_t cnt;
	uint8_t type, b;
	int rc;

	rc = lshdr_print(c, lsa);
	if (rc == PR_STOP || rc < 0)
		return PR_STOP;
	ls_len = (unsigned)rc;
	end = lsa + ls_len;
	*next = end;
	ls_len -= LSA_HDRLEN;
	p = lsa + LSA_HDRLEN;
	PR_U8(c, lsa + 3, type);
	switch (type) {
	case 1:
		PR_U8(c, p, b);
		pr_puts(c, "\n\t    Router LSA Options: [");
		pr_bittok_print(c, rla_flag_names, ", ", "none", b);
		pr_putc(c, ']');
		PR_BE16(c, p + 2, cnt);
		PR_NEED(c, p + 4, 12);
		p += 4;
		for (n = cnt; n != 0; n--) {
			uint8_t lt, tc;

			PR_NEED(c, p, 12);
			PR_U8(c, p + 8, lt);
			switch (lt) {
			case 1:
			case 2:
			case 4:
				PR_NEED(c, p, 8);
				pr_puts(c, lt == 4 ? "\n\t      Virtual Link: Neighbor Router-ID: "
					: lt == 1 ? "\n\t      Neighbor Router-ID: "
						  : "\n\t      Neighbor Network-ID: ");
				PR_IP4(c, "", p);
				PR_IP4(c, ", Interface Address: ", p + 4);
				break;
			case 3:
				PR_NEED(c, p, 8);
				PR_IP4(c, "\n\t      Stub Network: ", p);
				PR_IP4(c, ", Mask: ", p + 4);
				break;
			default:
				pr_printf(c, "\n\t      Unknown Router Link Type (%u)",
					  lt);
				return 0;
			}
			if (tos_metrics_print(c, p + 8) == PR_STOP)
				return PR_STOP;
			PR_U8(c, p + 9, tc);
			p += 12 + tc * 4u;
		}
		break;
	case 2:
		PR_IP4(c, "\n\t    Mask ", p);
		pr_puts(c, "\n\t    Connected Routers:");
		for (p += 4; p < end; p += 4)
			PR_IP4(c, "\n\t      ", p);
		break;
	case 3:
	case 4:
		if (type == 3) {
			PR_NEED(c, p, 4);
			PR_IP4(c, "\n\t    Mask ", p);
		}
		PR_NEED(c, p + 4, 4);
		for (p += 4; p < end; p += 4) {
			PR_BE32(c, p, ul);
			topo = (ul & 0x7f000000u) >> 24;
			pr_puts(c, "\n\t\ttopology ");
			pr_tok_print(c, topology_names, "Unknown", topo);
			pr_printf(c, " (%u) metric %u", topo, ul & 0xffffffu);
		}
		break;
	case 5:
	case 7:
		PR_NEED(c, p, 4);
		PR_IP4(c, "\n\t    Mask ", p);
		PR_NEED(c, p + 4, 4);
		for (p += 4; p < end; p += 12) {
			uint32_t fwd, tag;

			PR_BE32(c, p, ul);
			topo = (ul & 0x7f000000u) >> 24;
			pr_puts(c, "\n\t\ttopology ");
			pr_tok_print(c, topology_names, "Unknown", topo);
			pr_printf(c, " (%u), type %u, metric", topo,
				  (ul & 0x80000000u) ? 2 : 1);
			if ((ul & 0xffffffu) == 0xffffff)
				pr_puts(c, " infinite");
			else
				pr_printf(c, " %u", ul & 0xffffffu);
			PR_BE32(c, p + 4, fwd);
			if (fwd)
				PR_IP4(c, ", forward ", p + 4);
			PR_BE32(c, p + 8, tag);
			if (tag)
				PR_IP4(c, ", tag ", p + 8);
		}
		break;
	case 6:
		for (; p < end; p += 8) {
			PR_BE32(c, p, ul);
			if (ul == 1)
				PR_IP4(c, "\n\t    Router Router-ID ", p + 4);
			else if (ul == 2)
				PR_IP4(c, "\n\t    Network Designated Router ",
				       p + 4);
			else
				pr_printf(c, "\n\t    unknown VertexType (%u)", ul);
		}
		break;
	case 9:
	case 10:
	case 11:
		PR_U8(c, lsa + 4, b);
		if (b == 4)
			rc = ri_print(c, p, ls_len);
		else if (b == 3)
			rc = ospf_grace_print(c, p, ls_len);
		else if (b == 1)
			rc = ospf_te_print(c, p, ls_len);
		else {
			rc = 0;
			if (c->o.vflag <= 1)
				pr_unknown_data(c, p, "\n\t    ", ls_len);
		}
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc)
			return 0;
		break;
	default:
		break;
	}
	if (c->o.vflag > 1)
		pr_unknown_data(c, lsa + LSA_HDRLEN, "\n\t    ", ls_len);
	return 0;
}

/* RFC 5613 link-local signalling after the OSPF packet. */
static int lls_print(struct pr_ctx *c, const uint8_t *op, unsigned length)
{
	const uint8_t *dp, *dataend;
	uint8_t type, opts, alen;
	uint16_t len2, atype, ck, ltype, llen;
	uint32_t v;

	PR_U8(c, op + 1, type);
	if (type == 1)
		PR_U8(c, op + 30, opts);
	else if (type == 2)
		PR_U8(c, op + 26, opts);
	else
		return 0;
	if (!(opts & OPT_L))
		return 0;
	PR_BE16(c, op + 2, len2);
	dp = op + len2;
	dataend = op + length;
	PR_BE16(c, op + 14, atype);
	if (atype == 2) {
		PR_U8(c, op + 16 + 3, alen);
		dp += alen;
		len2 += alen;
	}
	if (len2 >= length) {
		pr_puts(c, "\n\t[LLS truncated]");
		return 0;
	}
	PR_BE16(c, dp, ck);
	pr_printf(c, "\n\t  LLS: checksum: 0x%04x", ck);
	dp += 2;
	PR_BE16(c, dp, len2);
	pr_printf(c, ", length: %u", len2);
	dp += 2;
	while (dp < dataend) {
		PR_BE16(c, dp, ltype);
		pr_puts(c, "\n\t    ");
		pr_tok_print(c, lls_tlv_names, "Unknown TLV", ltype);
		pr_printf(c, " (%u)", ltype);
		dp += 2;
		PR_BE16(c, dp, llen);
		pr_printf(c, ", length: %u", llen);
		dp += 2;
		if (ltype == 1) {
			if (llen != 4) {
				pr_puts(c, " [should be 4]");
				llen = 4;
			}
			PR_BE32(c, dp, v);
			pr_printf(c, "\n\t      Options: 0x%08x [", v);
			pr_bittok_print(c, lls_eo_names, ", ", "?", v);
			pr_putc(c, ']');
		} else if (ltype == 2) {
			if (llen != 20) {
				pr_puts(c, " [should be 20]");
				llen = 20;
			}
			PR_BE32(c, dp, v);
			pr_printf(c, "\n\t      Sequence number: 0x%08x", v);
		}
		dp += llen;
	}
	return 0;
}

static int decode_v2(struct pr_ctx *c, const uint8_t *op, const uint8_t *dataend)
{
	const uint8_t *p, *next;
	uint8_t type, b, prio;
	uint16_t v;
	uint32_t w, dead, cnt, i;
	int rc;

	PR_U8(c, op + 1, type);
	switch (type) {
	case 1:
		PR_U8(c, op + 30, b);
		pr_puts(c, "\n\tOptions [");
		pr_bittok_print(c, option_names, ", ", "none", b);
		PR_BE16(c, op + 28, v);
		PR_BE32(c, op + 32, dead);
		PR_NEED(c, op + 24, 4);
		PR_U8(c, op + 31, prio);
		pr_printf(c, "]\n\t  Hello Timer %us, Dead Timer %us, ", v, dead);
		PR_IP4(c, "Mask ", op + 24);
		pr_printf(c, ", Priority %u", prio);
		PR_BE32(c, op + 36, w);
		if (w)
			PR_IP4(c, "\n\t  Designated Router ", op + 36);
		PR_BE32(c, op + 40, w);
		if (w)
			PR_IP4(c, ", Backup Designated Router ", op + 40);
		p = op + 44;
		if (p < dataend)
			pr_puts(c, "\n\t  Neighbor List:");
		for (; p < dataend; p += 4)
			PR_IP4(c, "\n\t    ", p);
		break;
	case 2:
		PR_U8(c, op + 26, b);
		pr_puts(c, "\n\tOptions [");
		pr_bittok_print(c, option_names, ", ", "none", b);
		PR_U8(c, op + 27, b);
		pr_puts(c, "], DD Flags [");
		pr_bittok_print(c, dd_flag_names, ", ", "none", b);
		pr_putc(c, ']');
		PR_BE16(c, op + 24, v);
		if (v)
			pr_printf(c, ", MTU: %u", v);
		PR_BE32(c, op + 28, w);
		pr_printf(c, ", Sequence: 0x%08x", w);
		for (p = op + 32; p < dataend; p += LSA_HDRLEN) {
			rc = lshdr_print(c, p);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc < 0)
				break;
		}
		break;
	case 3:
		for (p = op + 24; p < dataend; p += 12) {
			uint32_t lt, oid;
			uint8_t ot;

			PR_NEED(c, p, 12);
			PR_BE32(c, p, lt);
			PR_IP4(c, "\n\t  Advertising Router: ", p + 8);
			pr_puts(c, ", ");
			pr_tok_print(c, lsa_names, "unknown", lt);
			pr_printf(c, " LSA (%u)", lt);
			if (lt >= 9 && lt <= 11) {
				PR_U8(c, p + 4, ot);
				PR_BE24(c, p + 5, oid);
				pr_puts(c, ", Opaque-Type: ");
				pr_tok_print(c, opaque_names, "unknown", ot);
				pr_printf(c, " LSA (%u), Opaque-ID: %u", ot, oid);
			} else {
				PR_IP4(c, ", LSA-ID: ", p + 4);
			}
		}
		break;
	case 4:
		PR_BE32(c, op + 24, cnt);
		pr_printf(c, ", %u LSA%s", cnt, cnt == 1 ? "" : "s");
		p = op + 28;
		for (i = 1; i <= cnt; i++) {
			pr_printf(c, "\n\t  LSA #%u", i);
			if (lsa_print(c, p, &next) == PR_STOP)
				return PR_STOP;
			p = next;
		}
		break;
	case 5:
		for (p = op + 24;; p += LSA_HDRLEN) {
			rc = lshdr_print(c, p);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc < 0)
				break;
		}
		break;
	default:
		break;
	}
	return 0;
}

static int ospf2_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *dataend;
	uint16_t atype, olen;
	uint8_t type, ver, b2, b3;
	uint32_t w;
	const char *name;

	c->proto = "ospf2";
	PR_BE16(c, bp + 14, atype);
	if (atype == 2) {
		/* tcpdump strips the MD5 digest from the length and the capture */
		length -= 16;
		if (pr_left(c, bp) > 16)
			c->pk.hi -= 16;
		else
			c->pk.hi = bp;
	}
	PR_U8(c, bp + 1, type);
	PR_U8(c, bp, ver);
	name = pr_tok(type_names, type);
	pr_printf(c, "OSPFv%u, ", ver);
	if (name)
		pr_puts(c, name);
	else
		pr_printf(c, "unknown LS-type %u", type);
	pr_printf(c, ", length %u", length);
	if (!name || !c->o.vflag)
		return 0;
	PR_BE16(c, bp + 2, olen);
	if (length != olen)
		pr_printf(c, " [len %u]", olen);
	dataend = bp + (length > olen ? olen : length);
	PR_IP4(c, "\n\tRouter-ID ", bp + 4);
	PR_BE32(c, bp + 8, w);
	if (w)
		PR_IP4(c, ", Area ", bp + 8);
	else
		pr_puts(c, ", Backbone Area");
	PR_NEED(c, bp + 16, 8);
	pr_puts(c, ", Authentication Type: ");
	pr_tok_print(c, authtype_names, "unknown", atype);
	pr_printf(c, " (%u)", atype);
	switch (atype) {
	case 0:
		break;
	case 1:
		pr_puts(c, "\n\tSimple text password: ");
		if (pr_printjnp(c, bp + 16, 8) == PR_STOP)
			return PR_STOP;
		break;
	case 2:
		PR_U8(c, bp + 18, b2);
		PR_U8(c, bp + 19, b3);
		PR_BE32(c, bp + 20, w);
		pr_printf(c,
			  "\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x",
			  b2, b3, w);
		break;
	default:
		return 0;
	}
	if (ver != 2) {
		pr_printf(c, " ospf [version %u]", ver);
		return 0;
	}
	if (decode_v2(c, bp, dataend) == PR_STOP)
		return PR_STOP;
	if (length > olen)
		return lls_print(c, bp, length);
	return 0;
}

int ospf_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *old = c->pk.hi;
	int rc;

	if (c->ipver == 6)
		return ospf6_print(c, bp, length);
	rc = ospf2_print(c, bp, length);
	c->pk.hi = old;
	return rc;
}
