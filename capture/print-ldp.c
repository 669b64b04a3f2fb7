/* print-ldp.c: the MPLS Label Distribution Protocol (RFC 5036), UDP and TCP port 646. */
/*
 * A PDU: the common header, then messages, each of TLVs.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Version                      |         PDU Length            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         LDP Identifier (LSR ID)               |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       (label space)           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |U|   Message Type              |      Message Length           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Message ID                                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |U|F|        TLV Type           |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Lengths exclude the type and length fields. tcpdump keeps its running
 * lengths in 16 bits (a bad length wraps around), and so does this.
 */
#include "capture/print-int.h"

#define LDP_COMMON_LEN 10
#define LDP_MSG_LEN 8

static const struct pr_tok msg_names[] = {
	{ 0x0001, "Notification" },    { 0x0100, "Hello" },
	{ 0x0200, "Initialization" },  { 0x0201, "Keepalive" },
	{ 0x0300, "Address" },	       { 0x0301, "Address Withdraw" },
	{ 0x0400, "Label Mapping" },   { 0x0401, "Label Request" },
	{ 0x0402, "Label Withdraw" },  { 0x0403, "Label Release" },
	{ 0x0404, "Label Abort Request" },
	{ 0, NULL },
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

/* Address family numbers (IANA), tcpdump's af_values. */
static const struct pr_tok af_names[] = {
	{ 0, "Reserved" },   { 1, "IPv4" },	  { 2, "IPv6" },
	{ 3, "NSAP" },	     { 4, "HDLC" },	  { 5, "BBN 1822" },
	{ 6, "802" },	     { 7, "E.163" },	  { 8, "E.164" },
	{ 9, "F.69" },	     { 10, "X.121" },	  { 11, "Novell IPX" },
	{ 12, "Appletalk" }, { 13, "Decnet IV" }, { 14, "Banyan Vines" },
	{ 15, "E.164 with NSAP subaddress" },	  { 25, "Layer-2 VPN" },
	{ 65, "VPLS" },
	{ 0, NULL },
};

/* Pseudowire types (RFC 4446), tcpdump's mpls_pw_types_values. */
const struct pr_tok ldp_pw_names[] = {
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

/*
 * A prefix (length byte, then the bytes it needs) of an IPv4 (alen 4) or
 * IPv6 (16) FEC as "ADDR/LEN": its length, -1 too long a prefix, -2 past
 * the TLV (tcpdump's decode_prefix4/6), PR_STOP.
 */
static int prefix_print(struct pr_ctx *c, const char *lead,
			const uint8_t *p, unsigned itemlen, unsigned alen)
{
	uint8_t plen, a[16] = { 0 };
	unsigned nbytes;

	if (itemlen < 1)
		return -2;
	PR_U8(c, p, plen);
	if (plen > alen * 8)
		return -1;
	nbytes = (plen + 7u) / 8;
	if (itemlen - 1 < nbytes)
		return -2;
	PR_COPY(c, p + 1, a, nbytes);
	if (plen % 8)
		a[nbytes - 1] &= (uint8_t)((0xff00 >> (plen % 8)) & 0xff);
	pr_puts(c, lead);
	if (alen == 4)
		pr_ip4(c, a);
	else
		pr_ip6(c, a);
	pr_printf(c, "/%u", plen);
	return (int)(1 + nbytes);
}

/* A FEC TLV's value of tlen bytes at tp; 0 or PR_STOP. */
static int fec_print(struct pr_ctx *c, const uint8_t *tp, uint16_t tlen)
{
	uint8_t type, vlen;
	uint16_t af, pw;
	uint32_t group, vcid;
	unsigned vc_len;
	int i;

	PR_U8(c, tp, type);
	pr_puts(c, "\n\t      ");
	pr_tok_print(c, fec_names, "Unknown", type);
	pr_printf(c, " FEC (0x%02x)", type);
	tp += 1;
	tlen -= 1;
	switch (type) {
	case 0x02:
		if (tlen < 2)
			goto short_tlv2;
		PR_BE16(c, tp, af);
		tp += 2;
		tlen -= 2;
		if (af == 1 || af == 2) {
			i = prefix_print(c, af == 1 ? ": IPv4 prefix "
						    : ": IPv6 prefix ",
					 tp, tlen, af == 1 ? 4 : 16);
			if (i == PR_STOP)
				return i;
			if (i == -2)
				return pr_stop(c);
			if (i == -1)
				pr_printf(c, ": IPv%u prefix (invalid length)",
					  af == 1 ? 4 : 6);
		} else {
			pr_printf(c, ": Address family %u prefix", af);
		}
		return 0;
	case 0x80:
		if (tlen < 7) {
			pr_printf(c, " [tlv length %u < %u]", tlen, 7);
			pr_invalid(c);
			return 0;
		}
		PR_U8(c, tp + 2, vlen);
		PR_BE16(c, tp, pw);
		PR_BE32(c, tp + 3, group);
		if (vlen == 0) {
			pr_puts(c, ": ");
			pr_tok_print(c, ldp_pw_names, "Unknown", pw & 0x7fff);
			pr_printf(c,
				  ", %scontrol word, group-ID %u, VC-info-length: %u",
				  pw & 0x8000 ? "" : "no ", group, vlen);
			return 0;
		}
		if (tlen < 11) {
			pr_printf(c, " [tlv length %u < %u]", tlen, 11);
			pr_invalid(c);
			return 0;
		}
		PR_BE32(c, tp + 7, vcid);
		pr_puts(c, ": ");
		pr_tok_print(c, ldp_pw_names, "Unknown", pw & 0x7fff);
		pr_printf(c,
			  ", %scontrol word, group-ID %u, VC-ID %u, VC-info-length: %u",
			  pw & 0x8000 ? "" : "no ", group, vcid, vlen);
		if (vlen < 4) {
			pr_puts(c, " (invalid, < 4");
			return 0;
		}
		vc_len = vlen - 4u;
		tp += 11;
		tlen -= 11;
		if (tlen < vc_len) {
			pr_printf(c, " [tlv length %u < %u]", tlen, vc_len);
			pr_invalid(c);
			return 0;
		}
		while (vc_len > 2) {
			uint8_t pt, pl, b;
			uint16_t v;
			unsigned idx;

			PR_U8(c, tp, pt);
			PR_U8(c, tp + 1, pl);
			if (pl < 2 || vc_len < pl)
				break;
			pr_puts(c, "\n\t\tInterface Parameter: ");
			pr_tok_print(c, ifparm_names, "Unknown", pt);
			pr_printf(c, " (0x%02x), len %u", pt, pl);
			switch (pt) {
			case 0x01:
				PR_BE16(c, tp + 2, v);
				pr_printf(c, ": %u", v);
				break;
			case 0x03:
				pr_puts(c, ": ");
				for (idx = 2; idx < pl; idx++) {
					PR_U8(c, tp + idx, b);
					pr_char(c, b);
				}
				break;
			case 0x0c:
				PR_U8(c, tp + 2, b);
				pr_printf(c, "\n\t\t  Control Channels (0x%02x) = [", b);
				pr_bittok_print(c, vccv_cc_names, ", ", "none", b);
				PR_U8(c, tp + 3, b);
				pr_printf(c, "]\n\t\t  CV Types (0x%02x) = [", b);
				pr_bittok_print(c, vccv_cv_names, ", ", "none", b);
				pr_putc(c, ']');
				break;
			default:
				pr_unknown_data(c, tp + 2, "\n\t\t  ", pl - 2u);
				break;
			}
			vc_len -= pl;
			tp += pl;
		}
		return 0;
	default: /* wildcard, host address: nothing more */
		return 0;
	}
short_tlv2:
	pr_printf(c, " [tlv length %u < %u]", tlen, 2);
	pr_invalid(c);
	return 0;
}

/* One TLV: the bytes it takes (0: stop the message), or PR_STOP. */
static int tlv_print(struct pr_ctx *c, const uint8_t *tp, unsigned msg_tlen)
{
	uint16_t t16, tlv_len, tlen, type, v, w;
	uint32_t u;
	int rc;
	unsigned need = 0;

	PR_NEED(c, tp, 4);
	PR_BE16(c, tp + 2, tlv_len);
	if (tlv_len + 4u > msg_tlen) {
		pr_puts(c, "\n\t\t TLV contents go past end of message");
		return 0;
	}
	tlen = tlv_len;
	PR_BE16(c, tp, t16);
	type = t16 & 0x3fff;
	pr_puts(c, "\n\t    ");
	pr_tok_print(c, tlv_names, "Unknown", type);
	pr_printf(c, " TLV (0x%04x), length: %u, Flags: [%s and %s forward if unknown]",
		  type, tlv_len,
		  t16 & 0x8000 ? "continue processing" : "ignore",
		  t16 & 0x4000 ? "do" : "don't");
	tp += 4;
	switch (type) {
	case 0x0400: need = 4; break;
	case 0x0401: need = 4; break;
	case 0x0403: need = 16; break;
	case 0x0402: need = 4; break;
	case 0x0101: need = 2; break;
	case 0x0500: need = 8; break;
	case 0x0100: need = 1; break;
	case 0x0200: need = 4; break;
	case 0x0300: need = 8; break;
	case 0x0503: need = 12; break;
	case 0x0601: need = 2; break;
	}
	if (tlen < need) {
		pr_printf(c, " [tlv length %u < %u]", tlen, need);
		pr_invalid(c);
		return tlv_len + 4;
	}
	switch (type) {
	case 0x0400:
		PR_BE16(c, tp, v);
		PR_BE16(c, tp + 2, w);
		pr_printf(c, "\n\t      Hold Time: %us, Flags: [%s Hello%s]", v,
			  w & 0x8000 ? "Targeted" : "Link",
			  w & 0x4000 ? ", Request for targeted Hellos" : "");
		break;
	case 0x0401:
		PR_IP4(c, "\n\t      IPv4 Transport Address: ", tp);
		break;
	case 0x0403:
		PR_IP6(c, "\n\t      IPv6 Transport Address: ", tp);
		break;
	case 0x0402:
		PR_BE32(c, tp, u);
		pr_printf(c, "\n\t      Sequence Number: %u", u);
		break;
	case 0x0101:
		PR_BE16(c, tp, v);
		tp += 2;
		tlen -= 2;
		pr_puts(c, "\n\t      Address Family: ");
		pr_tok_print(c, af_names, "Unknown (%u)", v);
		pr_puts(c, ", addresses");
		if (v == 1) {
			for (; tlen >= 4; tlen -= 4, tp += 4)
				PR_IP4(c, " ", tp);
		} else if (v == 2) {
			for (; tlen >= 16; tlen -= 16, tp += 16)
				PR_IP6(c, " ", tp);
		}
		break;
	case 0x0500: {
		uint16_t ver, ka, f;

		PR_BE16(c, tp, ver);
		PR_BE16(c, tp + 2, ka);
		PR_BE16(c, tp + 6, f);
		pr_printf(c, "\n\t      Version: %u, Keepalive: %us, Flags: [Downstream %s, Loop Detection %s]",
			  ver, ka, f & 0x8000 ? "On Demand" : "Unsolicited",
			  f & 0x4000 ? "Enabled" : "Disabled");
		break;
	}
	case 0x0100:
		rc = fec_print(c, tp, tlen);
		if (rc)
			return rc;
		break;
	case 0x0200:
		PR_BE32(c, tp, u);
		pr_printf(c, "\n\t      Label: %u", u & 0xfffff);
		break;
	case 0x0300:
		PR_BE32(c, tp, u);
		pr_printf(c, "\n\t      Status: 0x%02x, Flags: [%s and %s forward]",
			  u & 0x3fffffff,
			  u & 0x80000000 ? "Fatal error" : "Advisory Notification",
			  u & 0x40000000 ? "do" : "don't");
		PR_BE32(c, tp + 4, u);
		if (u)
			pr_printf(c, ", causing Message ID: 0x%08x", u);
		break;
	case 0x0503:
		PR_BE16(c, tp, v);
		pr_printf(c, "\n\t      Flags: [%sReconnect, %sSave State, %sAll-Label Protection, %s Checkpoint, %sRe-Learn State]",
			  v & 0x8000 ? "" : "No ", v & 0x8 ? "" : "Don't ",
			  v & 0x4 ? "" : "No ",
			  v & 0x2 ? "Sequence Numbered Label" : "All Labels",
			  v & 0x1 ? "" : "Don't ");
		PR_BE32(c, tp + 4, u);
		if (u)
			pr_printf(c, ", Reconnect Timeout: %ums", u);
		PR_BE32(c, tp + 8, u);
		if (u)
			pr_printf(c, ", Recovery Time: %ums", u);
		break;
	case 0x0601:
		PR_BE16(c, tp, v);
		pr_printf(c, "\n\t      MTU: %u", v);
		break;
	default:
		if (c->o.vflag <= 1)
			pr_unknown_data(c, tp, "\n\t      ", tlen);
		break;
	}
	return tlv_len + 4;
}

/* One PDU: its length with the first 4 bytes, 0 to stop, PR_STOP. */
static int pdu_print(struct pr_ctx *c, const uint8_t *p)
{
	const char *lead = c->o.vflag < 1 ? "" : "\n\t";
	uint16_t ver, pdu_len, label, tlen, msg_len, t16, type;
	const uint8_t *tp, *mp;
	unsigned msg_tlen;
	uint32_t id;
	int processed;

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
	PR_BE16(c, p + 8, label);
	pr_puts(c, lead);
	PR_IP4(c, "LDP, Label-Space-ID: ", p + 4);
	pr_printf(c, ":%u, pdu-length: %u", label, pdu_len);
	if (c->o.vflag < 1)
		return 0;
	tp = p + LDP_COMMON_LEN;
	tlen = (uint16_t)(pdu_len - (LDP_COMMON_LEN - 4));
	while (tlen > 0) {
		PR_NEED(c, tp, LDP_MSG_LEN);
		PR_BE16(c, tp + 2, msg_len);
		PR_BE16(c, tp, t16);
		type = t16 & 0x7fff;
		if (msg_len < LDP_MSG_LEN - 4) {
			pr_puts(c, "\n\t  ");
			pr_tok_print(c, msg_names, "Unknown", type);
			pr_printf(c, " Message (0x%04x), length: %u (too short, < %u)",
				  type, msg_len, LDP_MSG_LEN - 4);
			return 0;
		}
		PR_BE32(c, tp + 4, id);
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, msg_names, "Unknown", type);
		pr_printf(c, " Message (0x%04x), length: %u, Message ID: 0x%08x, Flags: [%s if unknown]",
			  type, msg_len, id,
			  t16 & 0x8000 ? "continue processing" : "ignore");
		mp = tp + LDP_MSG_LEN;
		msg_tlen = msg_len - (LDP_MSG_LEN - 4u);
		PR_NEED(c, tp, msg_len);
		switch (type) {
		case 0x0001:
		case 0x0100:
		case 0x0200:
		case 0x0201:
		case 0x0300:
		case 0x0400:
		case 0x0301:
		case 0x0402:
			while (msg_tlen >= 4) {
				processed = tlv_print(c, mp, msg_tlen);
				if (processed == PR_STOP)
					return PR_STOP;
				if (processed == 0)
					break;
				msg_tlen -= (unsigned)processed;
				mp += processed;
			}
			break;
		default:
			if (c->o.vflag <= 1)
				pr_unknown_data(c, mp, "\n\t  ", msg_tlen);
			break;
		}
		if (c->o.vflag > 1)
			pr_unknown_data(c, tp + LDP_MSG_LEN, "\n\t  ", msg_len);
		tp += msg_len + 4u;
		tlen = (uint16_t)(tlen - (msg_len + 4u));
	}
	return pdu_len + 4;
}

int ldp_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	int processed;

	c->proto = "ldp";
	while (len > LDP_COMMON_LEN + LDP_MSG_LEN) {
		processed = pdu_print(c, p);
		if (processed == PR_STOP)
			return PR_STOP;
		if (processed == 0)
			return 0;
		if (len < (unsigned)processed) {
			pr_printf(c, " [remaining length %u < %u]", len,
				  (unsigned)processed);
			pr_invalid(c);
			break;
		}
		len -= (unsigned)processed;
		p += processed;
	}
	return 0;
}
