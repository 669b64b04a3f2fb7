/* print-lspping.c: MPLS LSP ping and traceroute (RFC 8029, formerly RFC 4379) on UDP port 3503. */
/*
 * The echo request and reply (RFC 8029 3):
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Version Number        |         Global Flags          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Message Type |   Reply Mode  |  Return Code  | Return Subcode|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Sender's Handle                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Sequence Number                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    TimeStamp Sent (seconds)                   |
 *  |              TimeStamp Sent (seconds fraction)                |
 *  |                  TimeStamp Received (seconds)                 |
 *  |            TimeStamp Received (seconds fraction)              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Type              |            Length             |
 *  |                    Value (TLVs, sub-TLVs) ...                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The timestamps are NTP's (RFC 5905). The Target FEC Stack TLV (1) holds
 * sub-TLVs of the same shape; the Downstream Mapping TLV (2, RFC 4379
 * 3.3) starts with MTU (16 bits), address type and flags (8 each), the
 * downstream and interface addresses (4 or 16 octets, or an interface
 * index), then multipath type, depth limit and multipath length.
 *
 * TLVs and sub-TLVs are padded to 4 octets. As tcpdump 4.99.3 does, the
 * walk of a FEC stack steps over each sub-TLV's value but not its
 * header, so that a second sub-TLV is read 4 octets early: its text is
 * what tcpdump prints.
 */
#include "capture/print-int.h"

#define LSP_HDRLEN 32u
#define LSP_VERSION 1
#define TLV_HDRLEN 4u

#define TLV_FEC_STACK 1
#define TLV_DS_MAP 2
#define TLV_VENDOR 5
#define TLV_BFD_DISC 15

static const struct pr_tok msg_names[] = {
	{ 1, "MPLS Echo Request" },
	{ 2, "MPLS Echo Reply" },
	{ 0, NULL },
};

static const struct pr_tok reply_mode_names[] = {
	{ 1, "Do not reply" },
	{ 2, "Reply via an IPv4/IPv6 UDP packet" },
	{ 3, "Reply via an IPv4/IPv6 UDP packet with Router Alert" },
	{ 4, "Reply via application level control channel" },
	{ 0, NULL },
};

/* Codes 3, 4, 8, 10, 11 and 12 take the subcode (the stack depth) after them. */
static const struct pr_tok return_code_names[] = {
	{ 0, "No return code or return code contained in the Error Code TLV" },
	{ 1, "Malformed echo request received" },
	{ 2, "One or more of the TLVs was not understood" },
	{ 3, "Replying router is an egress for the FEC at stack depth" },
	{ 4, "Replying router has no mapping for the FEC at stack depth" },
	{ 5, "Reserved" },
	{ 6, "Reserved" },
	{ 7, "Reserved" },
	{ 8, "Label switched at stack-depth" },
	{ 9, "Label switched but no MPLS forwarding at stack-depth" },
	{ 10, "Mapping for this FEC is not the given label at stack depth" },
	{ 11, "No label entry at stack-depth" },
	{ 12, "Protocol not associated with interface at FEC stack depth" },
	{ 13, "Premature termination of ping due to label stack shrinking "
	      "to a single label" },
	{ 0, NULL },
};

static const struct pr_tok tlv_names[] = {
	{ TLV_FEC_STACK, "Target FEC Stack" },
	{ TLV_DS_MAP, "Downstream Mapping" },
	{ 3, "Pad" },
	{ TLV_VENDOR, "Vendor Enterprise Code" },
	{ 7, "Interface Label Stack" },
	{ 9, "Error Code" },
	{ 10, "Reply TOS Byte" },
	{ TLV_BFD_DISC, "BFD Discriminator" },
	{ 0xfc00, "Vendor Private Code" },
	{ 0, NULL },
};

static const struct pr_tok fec_names[] = {
	{ 1, "LDP IPv4 prefix" },
	{ 2, "LDP IPv6 prefix" },
	{ 3, "RSVP IPv4 Session Query" },
	{ 4, "RSVP IPv6 Session Query" },
	{ 5, "Reserved" },
	{ 6, "VPN IPv4 prefix" },
	{ 7, "VPN IPv6 prefix" },
	{ 8, "L2 VPN endpoint" },
	{ 9, "FEC 128 pseudowire (old)" },
	{ 10, "FEC 128 pseudowire" },
	{ 12, "BGP labeled IPv4 prefix" },
	{ 13, "BGP labeled IPv6 prefix" },
	{ 0, NULL },
};

/* Downstream address types; both IPv6 ones are named "IPv6". */
static const struct pr_tok ds_addr_names[] = {
	{ 1, "IPv4" },
	{ 2, "Unnumbered IPv4" },
	{ 3, "IPv6" },
	{ 4, "IPv6" },
	{ 0, NULL },
};

/*
 * The value lengths of the FEC sub-TLVs decoded, by type (0: not
 * decoded); a sub-TLV of another length is only dumped.
 */
static const uint8_t fec_len[] = {
	[1] = 5, [2] = 17, [3] = 20, [4] = 56, [6] = 13, [7] = 25,
	[8] = 14, [9] = 10, [10] = 14, [12] = 5, [13] = 17,
};

/* The downstream map's fixed part before the multipath fields, by type. */
static const uint8_t ds_len[] = { [1] = 12, [2] = 12, [3] = 36, [4] = 24 };

static int addr_print(struct pr_ctx *c, const char *lead, const uint8_t *p,
		      int v6)
{
	if (v6)
		PR_IP6(c, lead, p);
	else
		PR_IP4(c, lead, p);
	return 0;
}

/* "addr/len" of an LDP or BGP prefix sub-TLV (the length after it). */
static int prefix_print(struct pr_ctx *c, const uint8_t *p, int v6)
{
	uint8_t plen;

	PR_U8(c, p + (v6 ? 16 : 4), plen);
	if (addr_print(c, "\n\t      ", p, v6) == PR_STOP)
		return PR_STOP;
	pr_printf(c, "/%u", plen);
	return 0;
}

/* An RSVP session query: end point, (2 zero octets, tunnel ID), extended
 * tunnel ID, sender, (2 zero octets, LSP ID); each address 4 or 16. */
static int rsvp_print(struct pr_ctx *c, const uint8_t *p, int v6)
{
	unsigned a = v6 ? 16 : 4;
	uint16_t tunnel, lsp;

	PR_BE16(c, p + a + 2, tunnel);
	PR_BE16(c, p + 3 * a + 6, lsp);
	if (addr_print(c, "\n\t      tunnel end-point ", p, v6) == PR_STOP ||
	    addr_print(c, ", tunnel sender ", p + 2 * a + 4, v6) == PR_STOP)
		return PR_STOP;
	pr_printf(c, ", lsp-id 0x%04x\n\t      tunnel-id 0x%04x", lsp, tunnel);
	return addr_print(c, ", extended tunnel-id ", p + a + 4, v6);
}

/* A VPN prefix: RD (8), prefix (4 or 16), prefix length. */
static int vpn_print(struct pr_ctx *c, const uint8_t *p, int v6)
{
	uint8_t plen;

	PR_U8(c, p + 8 + (v6 ? 16 : 4), plen);
	pr_puts(c, "\n\t      RD: ");
	if (bgp_rd_print(c, p) == PR_STOP ||
	    addr_print(c, ", ", p + 8, v6) == PR_STOP)
		return PR_STOP;
	pr_printf(c, "/%u", plen);
	return 0;
}

static void pw_type_print(struct pr_ctx *c, const char *lead, uint16_t type)
{
	pr_puts(c, lead);
	pr_tok_print(c, ldp_pw_names, "unknown", type);
	pr_printf(c, " (%u)", type);
}

/* The value of a FEC sub-TLV of the length its type wants. */
static int fec_value_print(struct pr_ctx *c, unsigned type, const uint8_t *p)
{
	uint16_t a, b, enc;
	uint32_t id;

	switch (type) {
	case 1:
	case 12:
		return prefix_print(c, p, 0);
	case 2:
	case 13:
		return prefix_print(c, p, 1);
	case 3:
		return rsvp_print(c, p, 0);
	case 4:
		return rsvp_print(c, p, 1);
	case 6:
		return vpn_print(c, p, 0);
	case 7:
		return vpn_print(c, p, 1);
	case 8: /* L2 VPN endpoint: RD, sender and receiver VE IDs, encap */
		PR_BE16(c, p + 8, a);
		PR_BE16(c, p + 10, b);
		PR_BE16(c, p + 12, enc);
		pr_puts(c, "\n\t      RD: ");
		if (bgp_rd_print(c, p) == PR_STOP)
			return PR_STOP;
		pr_printf(c, ", Sender VE ID: %u, Receiver VE ID: %u", a, b);
		pw_type_print(c, "\n\t      Encapsulation Type: ", enc);
		return 0;
	case 9: /* the old FEC 128: remote PE, PW ID, PW type */
		PR_BE32(c, p + 4, id);
		PR_BE16(c, p + 8, a);
		if (addr_print(c, "\n\t      Remote PE: ", p, 0) == PR_STOP)
			return PR_STOP;
		pr_printf(c, "\n\t      PW ID: 0x%08x", id);
		pw_type_print(c, ", PW Type: ", a);
		return 0;
	case 10: /* FEC 128: sender PE, remote PE, PW ID, PW type */
		PR_BE32(c, p + 8, id);
		PR_BE16(c, p + 12, a);
		if (addr_print(c, "\n\t      Sender PE: ", p, 0) == PR_STOP ||
		    addr_print(c, ", Remote PE: ", p + 4, 0) == PR_STOP)
			return PR_STOP;
		pr_printf(c, "\n\t      PW ID: 0x%08x", id);
		pw_type_print(c, ", PW Type: ", a);
		return 0;
	default:
		return 0;
	}
}

/*
 * The sub-TLVs of a Target FEC Stack TLV, tlen octets at p (captured).
 * 0, 1 when the TLV is too short for them (the caller dumps it), 2 when
 * the packet's text ends here, PR_STOP.
 */
static int fec_stack_print(struct pr_ctx *c, const uint8_t *p, unsigned tlen)
{
	uint16_t type, slen;
	unsigned want;

	while (tlen != 0) {
		if (tlen < TLV_HDRLEN) {
			pr_puts(c, "\n\t      TLV is too short");
			return 1;
		}
		PR_BE16(c, p, type);
		PR_BE16(c, p + 2, slen);
		if (tlen < slen + TLV_HDRLEN) {
			pr_puts(c, "\n\t      TLV is too short");
			return 1;
		}
		PR_NEED(c, p + TLV_HDRLEN, slen);
		pr_puts(c, "\n\t    ");
		pr_tok_print(c, fec_names, "Unknown", type);
		pr_printf(c, " subTLV (%u), length: %u", type, slen);
		want = type < sizeof(fec_len) ? fec_len[type] : 0;
		if (want && slen != want)
			pr_printf(c, "\n\t      invalid subTLV length, "
				     "should be %u", want);
		else if (want &&
			 fec_value_print(c, type, p + TLV_HDRLEN) == PR_STOP)
			return PR_STOP;
		if (c->o.vflag > 1 || !want || slen != want)
			pr_unknown_data(c, p + TLV_HDRLEN, "\n\t      ", slen);
		if (slen % 4) {
			slen += 4 - slen % 4;
			if (tlen < slen + TLV_HDRLEN) {
				pr_puts(c, "\n\t\t TLV is too short");
				return 2;
			}
		}
		/* tcpdump's step: the value only (see the top of the file) */
		p += slen;
		tlen -= slen + TLV_HDRLEN;
	}
	return 0;
}

/*
 * A Downstream Mapping TLV's value, tlen octets at p (captured): 1 when
 * it is too short, 0 when it was printed (tcpdump dumps it either way),
 * PR_STOP.
 */
static int ds_map_print(struct pr_ctx *c, const uint8_t *p, unsigned tlen)
{
	uint16_t mtu;
	uint8_t type;
	uint32_t ifindex;
	unsigned fixed;

	if (tlen < 4) {
		pr_puts(c, "\n\t      TLV is too short");
		return 1;
	}
	PR_NEED(c, p, 4);
	PR_BE16(c, p, mtu);
	PR_U8(c, p + 2, type);
	pr_printf(c, "\n\t    MTU: %u, Address-Type: ", mtu);
	pr_tok_print(c, ds_addr_names, "unknown", type);
	pr_printf(c, " (%u)", type);
	fixed = type < sizeof(ds_len) ? ds_len[type] : 0;
	if (fixed) {
		int v6 = type >= 3;

		if (tlen < fixed) {
			pr_puts(c, "\n\t      TLV is too short");
			return 1;
		}
		PR_NEED(c, p, fixed);
		if (addr_print(c, "\n\t    Downstream IP: ", p + 4, v6) ==
		    PR_STOP)
			return PR_STOP;
		if (type == 1 || type == 3) {
			if (addr_print(c, "\n\t    Downstream Interface IP: ",
				       p + (v6 ? 20 : 8), v6) == PR_STOP)
				return PR_STOP;
		} else {
			PR_BE32(c, p + (v6 ? 20 : 8), ifindex);
			pr_printf(c, "\n\t    Downstream Interface Index: "
				     "0x%08x", ifindex);
		}
		p += fixed;
		tlen -= fixed;
	}
	/* the multipath type, depth limit and length: not decoded */
	if (tlen < 4) {
		pr_puts(c, "\n\t      TLV is too short");
		return 1;
	}
	PR_NEED(c, p, 4);
	return 0;
}

/* The fields of the header after the version, at -v. */
static int header_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t msg, mode, code, sub;
	uint32_t handle, seq, secs, frac;

	PR_U8(c, p + 4, msg);
	PR_U8(c, p + 5, mode);
	pr_printf(c, "\n\tLSP-PINGv%u, msg-type: ", LSP_VERSION);
	pr_tok_print(c, msg_names, "unknown", msg);
	pr_printf(c, " (%u), length: %u\n\t  reply-mode: ", msg, len);
	pr_tok_print(c, reply_mode_names, "unknown", mode);
	pr_printf(c, " (%u)", mode);
	PR_U8(c, p + 6, code);
	PR_U8(c, p + 7, sub);
	pr_puts(c, "\n\t  Return Code: ");
	pr_tok_print(c, return_code_names, "unknown", code);
	if (code == 3 || code == 4 || code == 8 || code == 10 || code == 11 ||
	    code == 12)
		pr_printf(c, " %u", sub);
	pr_printf(c, " (%u)\n\t  Return Subcode: (%u)", code, sub);
	PR_BE32(c, p + 8, handle);
	PR_BE32(c, p + 12, seq);
	pr_printf(c, "\n\t  Sender Handle: 0x%08x, Sequence: %u", handle, seq);
	pr_puts(c, "\n\t  Sender Timestamp: ");
	if (ntp_time_print(c, p + 16) == PR_STOP)
		return PR_STOP;
	PR_BE32(c, p + 24, secs);
	PR_BE32(c, p + 28, frac);
	pr_puts(c, " Receiver Timestamp: ");
	if (secs == 0 && frac == 0)
		pr_puts(c, "no timestamp");
	else if (ntp_time_print(c, p + 24) == PR_STOP)
		return PR_STOP;
	return 0;
}

/* One TLV's value, tlen octets at p (captured): 1 to dump it, 2 to end
 * the packet's text, else 0 or PR_STOP. */
static int tlv_value_print(struct pr_ctx *c, unsigned type, const uint8_t *p,
			   unsigned tlen)
{
	uint32_t v;
	int rc;

	switch (type) {
	case TLV_FEC_STACK:
		return fec_stack_print(c, p, tlen);
	case TLV_DS_MAP:
		rc = ds_map_print(c, p, tlen);
		/* the labels after the fixed part are dumped, not decoded */
		return rc == PR_STOP ? rc : 1;
	case TLV_BFD_DISC:
	case TLV_VENDOR:
		if (tlen < 4) {
			pr_puts(c, "\n\t      TLV is too short");
			return 1;
		}
		PR_BE32(c, p, v);
		if (type == TLV_BFD_DISC) {
			pr_printf(c, "\n\t    BFD Discriminator 0x%08x", v);
		} else {
			pr_puts(c, "\n\t    Vendor: ");
			pr_tok_print(c, smi_names, "Unknown", v);
			pr_printf(c, " (0x%04x)", v);
		}
		return 0;
	default:
		if (c->o.vflag <= 1)
			pr_unknown_data(c, p, "\n\t    ", tlen);
		return 0;
	}
}

static void too_short(struct pr_ctx *c)
{
	pr_puts(c, "\n\t\t packet is too short");
}

int lspping_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint16_t version, type, tlen;
	uint32_t seq;
	uint8_t msg;
	unsigned left, padded;
	int rc;

	c->proto = "lspping";
	if (len < LSP_HDRLEN) {
		too_short(c);
		return 0;
	}
	PR_NEED(c, p, LSP_HDRLEN);
	PR_BE16(c, p, version);
	if (version != LSP_VERSION) {
		pr_printf(c, "LSP-PING version %u packet not supported",
			  version);
		return 0;
	}
	if (!c->o.vflag) {
		PR_U8(c, p + 4, msg);
		PR_BE32(c, p + 12, seq);
		pr_printf(c, "LSP-PINGv%u, ", version);
		pr_tok_print(c, msg_names, "unknown (%u)", msg);
		pr_printf(c, ", seq %u, length: %u", seq, len);
		return 0;
	}
	if (header_print(c, p, len) == PR_STOP)
		return PR_STOP;

	left = len - LSP_HDRLEN;
	p += LSP_HDRLEN;
	while (left != 0) {
		if (left < TLV_HDRLEN) {
			too_short(c);
			return 0;
		}
		PR_BE16(c, p, type);
		PR_BE16(c, p + 2, tlen);
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, tlv_names, "Unknown", type);
		pr_printf(c, " TLV (%u), length: %u", type, tlen);
		if (tlen == 0) {
			p += TLV_HDRLEN;
			left -= TLV_HDRLEN;
			continue;
		}
		if (left < tlen + TLV_HDRLEN) {
			too_short(c);
			return 0;
		}
		PR_NEED(c, p + TLV_HDRLEN, tlen);
		rc = tlv_value_print(c, type, p + TLV_HDRLEN, tlen);
		if (rc == PR_STOP || rc == 2)
			return rc == 2 ? 0 : PR_STOP;
		if (c->o.vflag > 1 || rc == 1)
			pr_unknown_data(c, p + TLV_HDRLEN, "\n\t    ", tlen);
		padded = tlen;
		if (padded % 4) {
			padded += 4 - padded % 4;
			if (left < padded + TLV_HDRLEN) {
				too_short(c);
				return 0;
			}
		}
		p += padded + TLV_HDRLEN;
		left -= padded + TLV_HDRLEN;
	}
	return 0;
}
