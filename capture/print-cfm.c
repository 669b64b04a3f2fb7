/* print-cfm.c: Connectivity Fault Management (IEEE 802.1ag; ethertype 0x8902). */
/*
 * IEEE 802.1Q-2014 clause 21 (CFM PDUs; formerly IEEE 802.1ag). Every
 * PDU starts with this header:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |MD L.| Version |    OpCode     |     Flags     |First TLV Offs.|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  opcode-specific fields (First TLV Offset octets), then TLVs  |
 *  |  of a type (1), a length (2) and a value, up to an End TLV    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A Continuity Check Message holds a sequence number (4), the MEP id
 * (2), 48 octets of MD and MA names and 16 of ITU-T Y.1731; a Linktrace
 * Message a transaction id (4), a TTL (1) and two MAC addresses; a
 * Linktrace Reply a transaction id, a TTL and a relay action (1).
 */
#include "capture/print-int.h"

#define CFM_OPCODE_CCM 1
#define CFM_OPCODE_LTR 4
#define CFM_OPCODE_LTM 5

#define CCM_LEN 70
#define LTM_LEN 17
#define LTR_LEN 6

#define MD_FORMAT_NONE 1
#define MD_FORMAT_DNS 2
#define MD_FORMAT_MAC 3
#define MD_FORMAT_CHAR 4
#define MA_FORMAT_CHAR 2

#define TLV_END 0
#define TLV_SENDER_ID 1
#define TLV_PORT_STATUS 2
#define TLV_INTERFACE_STATUS 3
#define TLV_PRIVATE 31

static const struct pr_tok opcode_names[] = {
	{ 1, "Continuity Check Message" },
	{ 2, "Loopback Reply" },
	{ 3, "Loopback Message" },
	{ 4, "Linktrace Reply" },
	{ 5, "Linktrace Message" },
	{ 0, NULL },
};

/* The CCM intervals in seconds, as single-precision values like tcpdump's. */
static const float ccm_interval_base[8] = { 0.0f, 0.003333f, 0.01f, 0.1f,
					    1.0f, 10.0f, 60.0f, 600.0f };

static const struct pr_tok md_format_names[] = {
	{ 0, "IEEE 802.1" },
	{ 1, "No MD Name present" },
	{ 2, "DNS string" },
	{ 3, "MAC + 16Bit Integer" },
	{ 4, "Character string" },
	{ 0, NULL },
};

static const struct pr_tok ma_format_names[] = {
	{ 0, "IEEE 802.1" },
	{ 1, "Primary VID" },
	{ 2, "Character string" },
	{ 3, "16Bit Integer" },
	{ 4, "RFC2685 VPN-ID" },
	{ 0, NULL },
};

static const struct pr_tok ltm_flag_names[] = {
	{ 0x80, "Use Forwarding-DB only" },
	{ 0, NULL },
};

static const struct pr_tok ltr_flag_names[] = {
	{ 0x80, "UseFDB Only" },
	{ 0x40, "FwdYes" },
	{ 0x20, "Terminal MEP" },
	{ 0, NULL },
};

static const struct pr_tok relay_action_names[] = {
	{ 1, "Exact Match" },
	{ 2, "Filtering DB" },
	{ 3, "MIP CCM DB" },
	{ 0, NULL },
};

static const struct pr_tok tlv_names[] = {
	{ 0, "End" },
	{ 1, "Sender ID" },
	{ 2, "Port status" },
	{ 3, "Interface status" },
	{ 4, "Data" },
	{ 5, "Reply Ingress" },
	{ 6, "Reply Egress" },
	{ 31, "Organization Specific" },
	{ 0, NULL },
};

static const struct pr_tok port_status_names[] = {
	{ 1, "Blocked" },
	{ 2, "Up" },
	{ 0, NULL },
};

static const struct pr_tok interface_status_names[] = {
	{ 1, "Up" },	    { 2, "Down" },	      { 3, "Testing" },
	{ 5, "Dormant" },   { 6, "not present" },     { 7, "lower Layer down" },
	{ 0, NULL },
};

static const struct pr_tok chassis_id_names[] = {
	{ 0, "Reserved" },
	{ 1, "Chassis component" },
	{ 2, "Interface alias" },
	{ 3, "Port component" },
	{ 4, "MAC address" },
	{ 5, "Network address" },
	{ 6, "Interface name" },
	{ 7, "Locally assigned" },
	{ 0, NULL },
};

/* Address family numbers, the two this printer shows and some names. */
static const struct pr_tok af_names[] = {
	{ 0, "Reserved" },    { 1, "IPv4" },	    { 2, "IPv6" },
	{ 3, "NSAP" },	      { 4, "HDLC" },	    { 5, "BBN 1822" },
	{ 6, "802" },	      { 7, "E.163" },	    { 8, "E.164" },
	{ 9, "F.69" },	      { 10, "X.121" },	    { 11, "Novell IPX" },
	{ 12, "Appletalk" },  { 13, "Decnet IV" },  { 14, "Banyan Vines" },
	{ 15, "E.164 with NSAP subaddress" },	    { 196, "Layer-2 VPN" },
	{ 25, "VPLS" },	      { 0, NULL },
};

/* A network address chassis id: 1 when it is to be shown in hex. */
static int network_addr_print(struct pr_ctx *c, const uint8_t *p,
			      unsigned len)
{
	uint8_t type;

	if (len < 1) {
		pr_puts(c, "\n\t  Network Address Type (invalid, no data");
		return 0;
	}
	PR_U8(c, p, type);
	pr_puts(c, "\n\t  Network Address Type ");
	pr_tok_print(c, af_names, "Unknown", type);
	pr_printf(c, " (%u)", type);
	switch (type) {
	case 1:
		if (len != 5) {
			pr_printf(c, "(invalid IPv4 address length %u)", len - 1);
			return 1;
		}
		PR_IP4(c, ", ", p + 1);
		return 0;
	case 2:
		if (len != 17) {
			pr_printf(c, "(invalid IPv6 address length %u)", len - 1);
			return 1;
		}
		PR_IP6(c, ", ", p + 1);
		return 0;
	default:
		return 1;
	}
}

/* The CCM's fields: 1 when the PDU is done (a name too long), or PR_STOP. */
static int ccm_print(struct pr_ctx *c, const uint8_t *p, uint8_t flags)
{
	const uint8_t *names = p + 6;
	unsigned left = 48, interval = flags & 7;
	uint8_t md_format, md_len, ma_format, ma_len;
	uint16_t mep;
	uint32_t seq;

	pr_printf(c, ", Flags [CCM Interval %u%s]", interval,
		  flags & 0x80 ? ", RDI" : "");
	if (interval)
		pr_printf_libc(c, "\n\t  CCM Interval %.3fs, min CCM Lifetime %.3fs, max CCM Lifetime %.3fs",
			       (double)ccm_interval_base[interval],
			       ccm_interval_base[interval] * 3.25,
			       ccm_interval_base[interval] * 3.5);
	PR_BE32(c, p, seq);
	PR_BE16(c, p + 4, mep);
	pr_printf(c, "\n\t  Sequence Number 0x%08x, MA-End-Point-ID 0x%04x",
		  seq, mep);
	PR_U8(c, names, md_format);
	names++;
	left--;
	if (md_format != MD_FORMAT_NONE) {
		PR_U8(c, names, md_len);
		names++;
		left--;
		pr_puts(c, "\n\t  MD Name Format ");
		pr_tok_print(c, md_format_names, "Unknown", md_format);
		pr_printf(c, " (%u), MD Name length %u", md_format, md_len);
		if (md_len > left - 3) {
			pr_printf(c, " (too large, must be <= %u)", left - 2);
			return 1;
		}
		pr_puts(c, "\n\t  MD Name: ");
		switch (md_format) {
		case MD_FORMAT_DNS:
		case MD_FORMAT_CHAR:
			if (pr_printjnp(c, names, md_len) == PR_STOP)
				return PR_STOP;
			break;
		case MD_FORMAT_MAC:
			if (md_len == 6)
				PR_MAC(c, "\n\t  MAC ", names);
			else
				pr_puts(c, "\n\t  MAC (length invalid)");
			break;
		default:
			pr_unknown_data(c, names, "\n\t    ", md_len);
			break;
		}
		names += md_len;
		left -= md_len;
	} else {
		pr_puts(c, "\n\t  MD Name Format ");
		pr_tok_print(c, md_format_names, "Unknown", md_format);
		pr_printf(c, " (%u)", md_format);
	}
	PR_U8(c, names, ma_format);
	PR_U8(c, names + 1, ma_len);
	names += 2;
	left -= 2;
	pr_puts(c, "\n\t  MA Name-Format ");
	pr_tok_print(c, ma_format_names, "Unknown", ma_format);
	pr_printf(c, " (%u), MA name length %u", ma_format, ma_len);
	if (ma_len > left) {
		pr_printf(c, " (too large, must be <= %u)", left);
		return 1;
	}
	pr_puts(c, "\n\t  MA Name: ");
	if (ma_format == MA_FORMAT_CHAR) {
		if (pr_printjnp(c, names, ma_len) == PR_STOP)
			return PR_STOP;
	} else {
		pr_unknown_data(c, names, "\n\t    ", ma_len);
	}
	return 0;
}

/*
 * The Sender ID TLV's fields, from its chassis id length on; *len is the
 * value's length and is left at what the fields did not use, *p moved
 * past them. Returns 1 for a hex dump, 0, 2 to skip the dump, 3 when the
 * PDU is done, or PR_STOP.
 */
static int sender_id_print(struct pr_ctx *c, const uint8_t **pp,
			   unsigned *lenp)
{
	const uint8_t *p = *pp;
	unsigned len = *lenp;
	uint8_t id_len, id_type, dlen, alen;
	int hexdump = 0, rc = 0;

	if (len < 1) {
		pr_puts(c, " (too short, must be >= 1)");
		rc = 2;
		goto out;
	}
	PR_U8(c, p, id_len);
	p++;
	len--;
	if (id_len) {
		if (len < 1) {
			pr_puts(c, "\n\t  (TLV too short)");
			rc = 2;
			goto out;
		}
		PR_U8(c, p, id_type);
		len--;
		pr_puts(c, "\n\t  Chassis-ID Type ");
		pr_tok_print(c, chassis_id_names, "Unknown", id_type);
		pr_printf(c, " (%u), Chassis-ID length %u", id_type, id_len);
		if (len < id_len) {
			pr_puts(c, "\n\t  (TLV too short)");
			rc = 2;
			goto out;
		}
		switch (id_type) {
		case 4:
			if (id_len != 6) {
				pr_puts(c, " (invalid MAC address length)");
				hexdump = 1;
				break;
			}
			PR_MAC(c, "\n\t  MAC ", p + 1);
			break;
		case 5:
			rc = network_addr_print(c, p + 1, id_len);
			if (rc == PR_STOP)
				return PR_STOP;
			hexdump |= rc;
			rc = 0;
			break;
		case 1: case 2: case 3: case 6: case 7:
			if (pr_printjnp(c, p + 1, id_len) == PR_STOP)
				return PR_STOP;
			break;
		default:
			hexdump = 1;
			break;
		}
		len -= id_len;
		p += 1 + id_len;
	}
	if (len == 0)
		goto out;
	PR_U8(c, p, dlen);
	p++;
	len--;
	pr_printf(c, "\n\t  Management Address Domain Length %u", dlen);
	if (!dlen)
		goto out;
	if (len < dlen) {
		pr_puts(c, "\n\t  (TLV too short)");
		rc = 2;
		goto out;
	}
	len -= dlen;
	pr_hex_dump(c, "\n\t  Management Address Domain: ", p, dlen);
	p += dlen;
	if (len < 1) {
		pr_puts(c, " (Management Address Length is missing)");
		hexdump = 1;
		goto out;
	}
	PR_U8(c, p, alen);
	p++;
	len--;
	pr_printf(c, "\n\t  Management Address Length %u", alen);
	if (alen) {
		if (len < alen) {
			pr_puts(c, "\n\t  (TLV too short)");
			rc = 3;
			goto out;
		}
		len -= alen;
		pr_hex_dump(c, "\n\t  Management Address: ", p, alen);
		p += alen;
	}
out:
	*pp = p;
	*lenp = len;
	return rc ? rc : hexdump;
}

static int tlvs_print(struct pr_ctx *c, const uint8_t *p, unsigned tlen)
{
	while (tlen > 0) {
		const uint8_t *value;
		uint8_t type, b;
		uint16_t len16;
		uint32_t oui;
		unsigned len;
		int hexdump = 0, rc;

		PR_U8(c, p, type);
		pr_puts(c, "\n\t");
		pr_tok_print(c, tlv_names, "Unknown", type);
		pr_printf(c, " TLV (0x%02x)", type);
		if (type == TLV_END)
			return 0;
		if (tlen < 3)
			goto tooshort;
		if (!pr_has(c, p, 3))
			goto trunc;
		PR_BE16(c, p + 1, len16);
		len = len16;
		pr_printf(c, ", length %u", len);
		p += 3;
		tlen -= 3;
		value = p;
		if (tlen < len)
			goto tooshort;
		if (!pr_has(c, p, len))
			goto trunc;
		switch (type) {
		case TLV_PORT_STATUS:
		case TLV_INTERFACE_STATUS:
			if (len < 1) {
				pr_puts(c, " (too short, must be >= 1)");
				return 0;
			}
			PR_U8(c, p, b);
			pr_puts(c, ", Status: ");
			pr_tok_print(c, type == TLV_PORT_STATUS ? port_status_names
							       : interface_status_names,
				     "Unknown", b);
			pr_printf(c, " (%u)", b);
			break;
		case TLV_PRIVATE:
			if (len < 4) {
				pr_puts(c, " (too short, must be >= 4)");
				return 0;
			}
			PR_BE24(c, p, oui);
			PR_U8(c, p + 3, b);
			pr_puts(c, ", Vendor: ");
			pr_tok_print(c, oui_names, "Unknown", oui);
			pr_printf(c, " (%u), Sub-Type %u", oui, b);
			hexdump = 1;
			break;
		case TLV_SENDER_ID: {
			unsigned used;

			rc = sender_id_print(c, &p, &len);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc == 3)
				return 0;
			/* the fields read are past; the rest is what is left */
			used = (unsigned)(p - value);
			tlen -= used;
			if (rc == 2)
				goto next;
			hexdump = rc;
			break;
		}
		default:
			hexdump = 1;
			break;
		}
		if (hexdump || c->o.vflag > 1)
			pr_unknown_data(c, value, "\n\t  ", len);
next:
		p += len;
		tlen -= len;
	}
	return 0;
tooshort:
	pr_puts(c, "\n\t\t packet is too short");
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

int cfm_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t lv, opcode, flags, first, ttl, action;
	uint32_t id;
	unsigned tlen;
	int rc;

	c->proto = "cfm";
	if (length < 4)
		goto tooshort;
	if (!pr_has(c, p, 4)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, p, lv);
	if (lv & 0x1f) {
		pr_printf(c, "CFMv%u not supported, length %u", lv & 0x1f, length);
		return 0;
	}
	PR_U8(c, p + 1, opcode);
	pr_printf(c, "CFMv%u ", lv & 0x1f);
	pr_tok_print(c, opcode_names, "unknown (%u)", opcode);
	pr_printf(c, ", MD Level %u, length %u", lv >> 5, length);
	if (!c->o.vflag)
		return 0;
	PR_U8(c, p + 2, flags);
	PR_U8(c, p + 3, first);
	pr_printf(c, "\n\tFirst TLV offset %u", first);
	p += 4;
	tlen = length - 4;
	if (first > tlen) {
		pr_printf(c, " (too large, must be <= %u)", tlen);
		return 0;
	}
	switch (opcode) {
	case CFM_OPCODE_CCM:
		if (first < CCM_LEN) {
			pr_printf(c, " (too small 1, must be >= %u)", CCM_LEN);
			return 0;
		}
		if (tlen < CCM_LEN)
			goto tooshort;
		if (!pr_has(c, p, CCM_LEN)) {
			pr_trunc(c);
			return 0;
		}
		rc = ccm_print(c, p, flags);
		if (rc)
			return rc == PR_STOP ? PR_STOP : 0;
		break;
	case CFM_OPCODE_LTM:
		if (first < LTM_LEN) {
			pr_printf(c, " (too small 4, must be >= %u)", LTM_LEN);
			return 0;
		}
		if (tlen < LTM_LEN)
			goto tooshort;
		if (!pr_has(c, p, LTM_LEN)) {
			pr_trunc(c);
			return 0;
		}
		pr_puts(c, ", Flags [");
		pr_bittok_print(c, ltm_flag_names, ", ", "none", flags);
		PR_BE32(c, p, id);
		PR_U8(c, p + 4, ttl);
		pr_printf(c, "]\n\t  Transaction-ID 0x%08x, ttl %u", id, ttl);
		PR_NEED(c, p + 5, 12);
		pr_puts(c, "\n\t  Original-MAC ");
		pr_mac(c, p + 5);
		pr_puts(c, ", Target-MAC ");
		pr_mac(c, p + 11);
		break;
	case CFM_OPCODE_LTR:
		if (first < LTR_LEN) {
			pr_printf(c, " (too small 5, must be >= %u)", LTR_LEN);
			return 0;
		}
		if (tlen < LTR_LEN)
			goto tooshort;
		if (!pr_has(c, p, LTR_LEN)) {
			pr_trunc(c);
			return 0;
		}
		pr_puts(c, ", Flags [");
		pr_bittok_print(c, ltr_flag_names, ", ", "none", flags);
		PR_BE32(c, p, id);
		PR_U8(c, p + 4, ttl);
		pr_printf(c, "]\n\t  Transaction-ID 0x%08x, ttl %u", id, ttl);
		PR_U8(c, p + 5, action);
		pr_puts(c, "\n\t  Replay-Action ");
		pr_tok_print(c, relay_action_names, "Unknown", action);
		pr_printf(c, " (%u)", action);
		break;
	default:
		pr_unknown_data(c, p, "\n\t  ", tlen - first);
		break;
	}
	return tlvs_print(c, p + first, tlen - first);
tooshort:
	pr_puts(c, "\n\t\t packet is too short");
	return 0;
}
