/* print-ldp.c: MPLS Label Distribution Protocol (RFC 5036, RFC 4447 pseudowire FECs, RFC 3479 fault tolerance) on TCP and UDP port 646. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Version                      |         PDU Length            |
 *  |                         LDP Identifier (LSR Id)               |
 *  |    Label Space                |   messages ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  A message: |U|  Message Type  |  Message Length | Message ID (32) |
 *  then TLVs: |U|F|  TLV Type    |     Length      | Value ...
 */
#include "capture/print-int.h"

#define LDP_COMMON_LEN 10u
#define LDP_MSG_LEN 8u

static const struct pr_tok msg_names[] = {
	{ 0x0001, "Notification" },	  { 0x0100, "Hello" },
	{ 0x0200, "Initialization" },	  { 0x0201, "Keepalive" },
	{ 0x0300, "Address" },		  { 0x0301, "Address Withdraw" },
	{ 0x0400, "Label Mapping" },	  { 0x0401, "Label Request" },
	{ 0x0402, "Label Withdraw" },	  { 0x0403, "Label Release" },
	{ 0x0404, "Label Abort Request" }, { 0, NULL },
};

static const struct pr_tok tlv_names[] = {
	{ 0x0100, "FEC" },
	{ 0x0101, "Address List" },
	{ 0x0103, "Hop Count" },
	{ 0x0104, "Path Vector" },
	{ 0x0200, "Generic Label" },
	{ 0x0201, "ATM Label" },
	{ 0x0202, "Frame-Relay Label" },
	{ 0x0300, "Status" },
	{ 0x0301, "Extended Status" },
	{ 0x0302, "Returned PDU" },
	{ 0x0303, "Returned Message" },
	{ 0x0400, "Common Hello Parameters" },
	{ 0x0401, "IPv4 Transport Address" },
	{ 0x0402, "Configuration Sequence Number" },
	{ 0x0403, "IPv6 Transport Address" },
	{ 0x0500, "Common Session Parameters" },
	{ 0x0501, "ATM Session Parameters" },
	{ 0x0502, "Frame-Relay Session Parameters" },
	{ 0x0503, "Fault-Tolerant Session Parameters" },
	{ 0x0600, "Label Request Message ID" },
	{ 0x0601, "MTU" },
	{ 0, NULL },
};

static const struct pr_tok fec_names[] = {
	{ 0x01, "Wildcard" },
	{ 0x02, "Prefix" },
	{ 0x03, "Host address" },
	{ 0x80, "Martini VC" },
	{ 0, NULL },
};

static const struct pr_tok ifparm_names[] = {
	{ 0x01, "MTU" },
	{ 0x03, "Description" },
	{ 0x0c, "VCCV" },
	{ 0, NULL },
};

static const struct pr_tok vccv_cc_names[] = {
	{ 0x01, "PWE3 control word" },
	{ 0x02, "MPLS Router Alert Label" },
	{ 0x04, "MPLS inner label TTL = 1" },
	{ 0, NULL },
};

static const struct pr_tok vccv_cv_names[] = {
	{ 0x01, "ICMP Ping" },
	{ 0x02, "LSP Ping" },
	{ 0x04, "BFD" },
	{ 0, NULL },
};

/* IANA address families as LDP's address lists name them. */
static const struct pr_tok af_names[] = {
	{ 0, "Reserved" },
	{ 1, "IPv4" },
	{ 2, "IPv6" },
	{ 3, "NSAP" },
	{ 4, "HDLC" },
	{ 5, "BBN 1822" },
	{ 6, "802" },
	{ 7, "E.163" },
	{ 8, "E.164" },
	{ 9, "F.69" },
	{ 10, "X.121" },
	{ 11, "Novell IPX" },
	{ 12, "Appletalk" },
	{ 13, "Decnet IV" },
	{ 14, "Banyan Vines" },
	{ 15, "E.164 with NSAP subaddress" },
	{ 196, "Layer-2 VPN" },
	{ 25, "VPLS" },
	{ 0, NULL },
};

/* MPLS pseudowire types (RFC 4446). */
static const struct pr_tok pw_type_names[] = {
	{ 0x0000, "Reserved" },
	{ 0x0001, "Frame Relay DLCI (Martini Mode)" },
	{ 0x0002, "ATM AAL5 SDU VCC transport" },
	{ 0x0003, "ATM transparent cell transport" },
	{ 0x0004, "Ethernet VLAN" },
	{ 0x0005, "Ethernet" },
	{ 0x0006, "Cisco-HDLC" },
	{ 0x0007, "PPP" },
	{ 0x0008, "SONET/SDH Circuit Emulation Service over MPLS" },
	{ 0x0009, "ATM n-to-one VCC cell transport" },
	{ 0x000a, "ATM n-to-one VPC cell transport" },
	{ 0x000b, "IP Layer2 Transport" },
	{ 0x000c, "ATM one-to-one VCC Cell Mode" },
	{ 0x000d, "ATM one-to-one VPC Cell Mode" },
	{ 0x000e, "ATM AAL5 PDU VCC transport" },
	{ 0x000f, "Frame-Relay Port mode" },
	{ 0x0010, "SONET/SDH Circuit Emulation over Packet" },
	{ 0x0011, "Structure-agnostic E1 over Packet" },
	{ 0x0012, "Structure-agnostic T1 (DS1) over Packet" },
	{ 0x0013, "Structure-agnostic E3 over Packet" },
	{ 0x0014, "Structure-agnostic T3 (DS3) over Packet" },
	{ 0x0015, "CESoPSN basic mode" },
	{ 0x0016, "TDMoIP basic mode" },
	{ 0x0017, "CESoPSN TDM with CAS" },
	{ 0x0018, "TDMoIP TDM with CAS" },
	{ 0x0019, "Frame Relay DLCI" },
	{ 0x0040, "IP-interworking" },
	{ 0, NULL },
};

/* Leaves the TLV (its whole length is taken) when tl < minlen. */
#define TLV_NEED(minlen)                                                  \
	do {                                                              \
		if (tl < (minlen)) {                                      \
			pr_printf(c, " [tlv length %u < %u]", tl,         \
				  (unsigned)(minlen));                    \
			pr_invalid(c);                                    \
			return tlv_len + 4;                               \
		}                                                         \
	} while (0)

static int fec_print(struct pr_ctx *c, const uint8_t *t, unsigned tl,
		     unsigned tlv_len)
{
	uint8_t type, vlen, it, il, b;
	uint16_t af, v;
	uint32_t g, id;
	unsigned i;
	int rc;

	TLV_NEED(1);
	PR_U8(c, t, type);
	pr_puts(c, "\n\t      ");
	pr_tok_print(c, fec_names, "Unknown", type);
	pr_printf(c, " FEC (0x%02x)", type);
	t++;
	tl--;
	if (type == 0x02) {
		TLV_NEED(2);
		PR_BE16(c, t, af);
		t += 2;
		tl -= 2;
		if (af == 1 || af == 2) {
			rc = bgp_prefix_print(c, af == 1 ? ": IPv4 prefix "
							 : ": IPv6 prefix ",
					      t, tl, af == 1 ? 32 : 128);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc == -2)
				return pr_stop(c);
			if (rc == -1)
				pr_printf(c, ": IPv%d prefix (invalid length)",
					  af == 1 ? 4 : 6);
		} else {
			pr_printf(c, ": Address family %u prefix", af);
		}
	} else if (type == 0x80) {
		TLV_NEED(7);
		PR_U8(c, t + 2, vlen);
		PR_BE16(c, t, v);
		PR_BE32(c, t + 3, g);
		if (vlen == 0) {
			pr_puts(c, ": ");
			pr_tok_print(c, pw_type_names, "Unknown", v & 0x7fff);
			pr_printf(c, ", %scontrol word, group-ID %u, VC-info-length: %u",
				  (v & 0x8000) ? "" : "no ", g, vlen);
			return tlv_len + 4;
		}
		TLV_NEED(11);
		PR_BE32(c, t + 7, id);
		pr_puts(c, ": ");
		pr_tok_print(c, pw_type_names, "Unknown", v & 0x7fff);
		pr_printf(c, ", %scontrol word, group-ID %u, VC-ID %u, VC-info-length: %u",
			  (v & 0x8000) ? "" : "no ", g, id, vlen);
		if (vlen < 4) {
			pr_puts(c, " (invalid, < 4");
			return tlv_len + 4;
		}
		vlen = (uint8_t)(vlen - 4);
		t += 11;
		tl -= 11;
		TLV_NEED(vlen);
		while (vlen > 2) {
			PR_U8(c, t, it);
			PR_U8(c, t + 1, il);
			if (il < 2 || vlen < il)
				break;
			pr_puts(c, "\n\t\tInterface Parameter: ");
			pr_tok_print(c, ifparm_names, "Unknown", it);
			pr_printf(c, " (0x%02x), len %u", it, il);
			switch (it) {
			case 0x01:
				PR_BE16(c, t + 2, v);
				pr_printf(c, ": %u", v);
				break;
			case 0x03:
				pr_puts(c, ": ");
				for (i = 2; i < il; i++) {
					PR_U8(c, t + i, b);
					pr_char(c, b);
				}
				break;
			case 0x0c:
				PR_U8(c, t + 2, b);
				pr_printf(c, "\n\t\t  Control Channels (0x%02x) = [", b);
				pr_bittok_print(c, vccv_cc_names, ", ", "none", b);
				PR_U8(c, t + 3, b);
				pr_printf(c, "]\n\t\t  CV Types (0x%02x) = [", b);
				pr_bittok_print(c, vccv_cv_names, ", ", "none", b);
				pr_putc(c, ']');
				break;
			default:
				pr_unknown_data(c, t + 2, "\n\t\t  ", il - 2u);
				break;
			}
			vlen = (uint8_t)(vlen - il);
			t += il;
		}
	}
	return tlv_len + 4;
}

/* One TLV: the bytes it took (0: it goes past the message), PR_STOP. */
static int tlv_print(struct pr_ctx *c, const uint8_t *t, unsigned msg_tlen)
{
	uint16_t tlv_len, rawtype, type, af, v, v2;
	uint32_t w, w2;
	unsigned tl;

	PR_NEED(c, t, 4);
	PR_BE16(c, t + 2, tlv_len);
	if (tlv_len + 4u > msg_tlen) {
		pr_puts(c, "\n\t\t TLV contents go past end of message");
		return 0;
	}
	tl = tlv_len;
	PR_BE16(c, t, rawtype);
	type = rawtype & 0x3fff;
	pr_puts(c, "\n\t    ");
	pr_tok_print(c, tlv_names, "Unknown", type);
	pr_printf(c, " TLV (0x%04x), length: %u, Flags: [%s and %s forward if unknown]",
		  type, tlv_len, (rawtype & 0x8000) ? "continue processing" : "ignore",
		  (rawtype & 0x4000) ? "do" : "don't");
	t += 4;
	switch (type) {
	case 0x0400:
		TLV_NEED(4);
		PR_BE16(c, t, v);
		PR_BE16(c, t + 2, v2);
		pr_printf(c, "\n\t      Hold Time: %us, Flags: [%s Hello%s]", v,
			  (v2 & 0x8000) ? "Targeted" : "Link",
			  (v2 & 0x4000) ? ", Request for targeted Hellos" : "");
		break;
	case 0x0401:
		TLV_NEED(4);
		PR_IP4(c, "\n\t      IPv4 Transport Address: ", t);
		break;
	case 0x0403:
		TLV_NEED(16);
		PR_IP6(c, "\n\t      IPv6 Transport Address: ", t);
		break;
	case 0x0402:
		TLV_NEED(4);
		PR_BE32(c, t, w);
		pr_printf(c, "\n\t      Sequence Number: %u", w);
		break;
	case 0x0101:
		TLV_NEED(2);
		PR_BE16(c, t, af);
		t += 2;
		tl -= 2;
		pr_puts(c, "\n\t      Address Family: ");
		pr_tok_print(c, af_names, "Unknown (%u)", af);
		pr_puts(c, ", addresses");
		if (af == 1) {
			for (; tl >= 4; tl -= 4, t += 4)
				PR_IP4(c, " ", t);
		} else if (af == 2) {
			for (; tl >= 16; tl -= 16, t += 16)
				PR_IP6(c, " ", t);
		}
		break;
	case 0x0500:
		TLV_NEED(8);
		PR_BE16(c, t, v);
		PR_BE16(c, t + 2, v2);
		PR_BE16(c, t + 6, af);
		pr_printf(c,
			  "\n\t      Version: %u, Keepalive: %us, Flags: [Downstream %s, Loop Detection %s]",
			  v, v2, (af & 0x8000) ? "On Demand" : "Unsolicited",
			  (af & 0x4000) ? "Enabled" : "Disabled");
		break;
	case 0x0100:
		return fec_print(c, t, tl, tlv_len);
	case 0x0200:
		TLV_NEED(4);
		PR_BE32(c, t, w);
		pr_printf(c, "\n\t      Label: %u", w & 0xfffff);
		break;
	case 0x0300:
		TLV_NEED(8);
		PR_BE32(c, t, w);
		pr_printf(c, "\n\t      Status: 0x%02x, Flags: [%s and %s forward]",
			  w & 0x3fffffff,
			  (w & 0x80000000u) ? "Fatal error" : "Advisory Notification",
			  (w & 0x40000000u) ? "do" : "don't");
		PR_BE32(c, t + 4, w);
		if (w)
			pr_printf(c, ", causing Message ID: 0x%08x", w);
		break;
	case 0x0503:
		TLV_NEED(12);
		PR_BE16(c, t, v);
		pr_printf(c,
			  "\n\t      Flags: [%sReconnect, %sSave State, %sAll-Label Protection, %s Checkpoint, %sRe-Learn State]",
			  (v & 0x8000) ? "" : "No ", (v & 0x8) ? "" : "Don't ",
			  (v & 0x4) ? "" : "No ",
			  (v & 0x2) ? "Sequence Numbered Label" : "All Labels",
			  (v & 0x1) ? "" : "Don't ");
		PR_BE32(c, t + 4, w);
		if (w)
			pr_printf(c, ", Reconnect Timeout: %ums", w);
		PR_BE32(c, t + 8, w2);
		if (w2)
			pr_printf(c, ", Recovery Time: %ums", w2);
		break;
	case 0x0601:
		TLV_NEED(2);
		PR_BE16(c, t, v);
		pr_printf(c, "\n\t      MTU: %u", v);
		break;
	default:
		if (c->o.vflag <= 1)
			pr_unknown_data(c, t, "\n\t      ", tl);
		break;
	}
	return tlv_len + 4;
}

/* One PDU: the bytes it took, 0 to stop, PR_STOP. */
static int pdu_print(struct pr_ctx *c, const uint8_t *p)
{
	const char *lead = c->o.vflag ? "\n\t" : "";
	uint16_t ver, pdu_len, ls, msg_len, rawtype, type;
	uint32_t id;
	const uint8_t *t, *mt;
	uint16_t tlen; /* tcpdump's u_short: it wraps */
	unsigned mtl;
	int rc;

	PR_NEED(c, p, LDP_COMMON_LEN);
	PR_BE16(c, p, ver);
	if (ver != 1) {
		pr_printf(c, "%sLDP version %u packet not supported", lead, ver);
		return 0;
	}
	PR_BE16(c, p + 2, pdu_len);
	if (pdu_len < LDP_COMMON_LEN - 4) {
		pr_printf(c, "%sLDP, pdu-length: %u (too short, < %u)", lead,
			  pdu_len, LDP_COMMON_LEN - 4);
		return 0;
	}
	PR_BE16(c, p + 8, ls);
	pr_printf(c, "%sLDP, Label-Space-ID: ", lead);
	PR_IP4(c, "", p + 4);
	pr_printf(c, ":%u, pdu-length: %u", ls, pdu_len);
	if (!c->o.vflag)
		return 0;
	t = p + LDP_COMMON_LEN;
	tlen = (uint16_t)(pdu_len - (LDP_COMMON_LEN - 4));
	while (tlen > 0) {
		PR_NEED(c, t, LDP_MSG_LEN);
		PR_BE16(c, t + 2, msg_len);
		PR_BE16(c, t, rawtype);
		type = rawtype & 0x7fff;
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, msg_names, "Unknown", type);
		if (msg_len < LDP_MSG_LEN - 4) {
			pr_printf(c, " Message (0x%04x), length: %u (too short, < %u)",
				  type, msg_len, LDP_MSG_LEN - 4);
			return 0;
		}
		PR_BE32(c, t + 4, id);
		pr_printf(c, " Message (0x%04x), length: %u, Message ID: 0x%08x, Flags: [%s if unknown]",
			  type, msg_len, id,
			  (rawtype & 0x8000) ? "continue processing" : "ignore");
		mt = t + LDP_MSG_LEN;
		mtl = msg_len - (LDP_MSG_LEN - 4);
		PR_NEED(c, t, msg_len);
		switch (type) {
		case 0x0001:
		case 0x0100:
		case 0x0200:
		case 0x0201:
		case 0x0300:
		case 0x0400:
		case 0x0301:
		case 0x0402:
			while (mtl >= 4) {
				rc = tlv_print(c, mt, mtl);
				if (rc == PR_STOP)
					return PR_STOP;
				if (rc == 0)
					break;
				mtl -= (unsigned)rc;
				mt += rc;
			}
			break;
		default:
			if (c->o.vflag <= 1)
				pr_unknown_data(c, mt, "\n\t  ", mtl);
			break;
		}
		if (c->o.vflag > 1)
			pr_unknown_data(c, t + LDP_MSG_LEN, "\n\t  ", msg_len);
		t += msg_len + 4;
		tlen = (uint16_t)(tlen - (msg_len + 4));
	}
	return pdu_len + 4;
}

int ldp_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	int rc;

	c->proto = "ldp";
	while (len > LDP_COMMON_LEN + LDP_MSG_LEN) {
		rc = pdu_print(c, p);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == 0)
			return 0;
		if (len < (unsigned)rc) {
			pr_printf(c, " [remaining length %u < %u]", len, rc);
			pr_invalid(c);
			break;
		}
		len -= (unsigned)rc;
		p += rc;
	}
	return 0;
}
