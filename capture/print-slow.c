/* print-slow.c: IEEE 802.3 Slow Protocols (ethertype 0x8809): LACP, Marker and link OAM. */
/*
 * IEEE 802.3-2015 clause 43 (LACP, subtype 1, and the Marker protocol,
 * subtype 2; now IEEE 802.1AX) and clause 57 (Ethernet OAM, subtype 3).
 * After the ethertype:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   subtype     | LACP/Marker: version, then TLVs of a type (1) |
 *  +-+-+-+-+-+-+-+-+ and a length (1, with the header) ...         |
 *  | OAM: flags (2), code (1), then the code's TLVs or fields      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * LACP's Actor and Partner TLVs hold system priority (2), system MAC
 * (6), key (2), port priority (2), port (2), state (1) and 3 pad octets.
 */
#include "capture/print-int.h"

#define SLOW_PROTO_LACP 1
#define SLOW_PROTO_MARKER 2
#define SLOW_PROTO_OAM 3

#define TLV_LACP(t) (SLOW_PROTO_LACP << 8 | (t))
#define TLV_MARKER(t) (SLOW_PROTO_MARKER << 8 | (t))

#define ACTOR_PARTNER_LEN 18
#define COLLECTOR_LEN 14
#define MARKER_INFO_LEN 14
#define OAM_INFO_LEN 16
#define OAM_LINK_EVENT_LEN 40

static const struct pr_tok proto_names[] = {
	{ SLOW_PROTO_LACP, "LACP" },
	{ SLOW_PROTO_MARKER, "MARKER" },
	{ SLOW_PROTO_OAM, "OAM" },
	{ 0, NULL },
};

static const struct pr_tok tlv_names[] = {
	{ TLV_LACP(0), "Terminator" },
	{ TLV_LACP(1), "Actor Information" },
	{ TLV_LACP(2), "Partner Information" },
	{ TLV_LACP(3), "Collector Information" },
	{ TLV_MARKER(0), "Terminator" },
	{ TLV_MARKER(1), "Marker Information" },
	{ 0, NULL },
};

static const struct pr_tok lacp_state_names[] = {
	{ 0x01, "Activity" },	     { 0x02, "Timeout" },
	{ 0x04, "Aggregation" },     { 0x08, "Synchronization" },
	{ 0x10, "Collecting" },	     { 0x20, "Distributing" },
	{ 0x40, "Default" },	     { 0x80, "Expired" },
	{ 0, NULL },
};

static const struct pr_tok oam_flag_names[] = {
	{ 0x0001, "Link Fault" },	 { 0x0002, "Dying Gasp" },
	{ 0x0004, "Critical Event" },	 { 0x0008, "Local Evaluating" },
	{ 0x0010, "Local Stable" },	 { 0x0020, "Remote Evaluating" },
	{ 0x0040, "Remote Stable" },	 { 0, NULL },
};

#define OAM_CODE_INFO 0x00
#define OAM_CODE_EVENT_NOTIF 0x01
#define OAM_CODE_LOOPBACK_CTRL 0x04

static const struct pr_tok oam_code_names[] = {
	{ 0x00, "Information" },	{ 0x01, "Event Notification" },
	{ 0x02, "Variable Request" },	{ 0x03, "Variable Response" },
	{ 0x04, "Loopback Control" },	{ 0xfe, "Vendor Private" },
	{ 0, NULL },
};

static const struct pr_tok oam_info_type_names[] = {
	{ 0x00, "End of TLV marker" },
	{ 0x01, "Local" },
	{ 0x02, "Remote" },
	{ 0xfe, "Organization specific" },
	{ 0, NULL },
};

static const struct pr_tok parser_names[] = {
	{ 0x00, "forwarding" },
	{ 0x01, "looping back" },
	{ 0x02, "discarding" },
	{ 0x03, "reserved" },
	{ 0, NULL },
};

static const struct pr_tok mux_names[] = {
	{ 0x00, "forwarding" },
	{ 0x04, "discarding" },
	{ 0, NULL },
};

static const struct pr_tok oam_config_names[] = {
	{ 0x01, "Active" },	       { 0x02, "Unidirectional" },
	{ 0x04, "Remote-Loopback" },   { 0x08, "Link-Events" },
	{ 0x10, "Variable-Retrieval" }, { 0, NULL },
};

static const struct pr_tok link_event_names[] = {
	{ 0x00, "End of TLV marker" },
	{ 0x01, "Errored Symbol Period Event" },
	{ 0x02, "Errored Frame Event" },
	{ 0x03, "Errored Frame Period Event" },
	{ 0x04, "Errored Frame Seconds Summary Event" },
	{ 0xfe, "Organization specific" },
	{ 0, NULL },
};

static const struct pr_tok loopback_cmd_names[] = {
	{ 0x01, "Enable OAM Remote Loopback" },
	{ 0x02, "Disable OAM Remote Loopback" },
	{ 0, NULL },
};

static int be64(struct pr_ctx *c, const uint8_t *p, uint64_t *v)
{
	uint32_t hi, lo;

	PR_BE32(c, p, hi);
	PR_BE32(c, p + 4, lo);
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

static int lacp_marker_print(struct pr_ctx *c, const uint8_t *p,
			     unsigned len, unsigned proto)
{
	while (len > 0) {
		uint8_t type, tlen, state;
		uint16_t spri, key, port, ppri;
		uint32_t id;
		const uint8_t *v;
		unsigned vlen;

		if (len < 2)
			goto tooshort;
		PR_U8(c, p, type);
		PR_U8(c, p + 1, tlen);
		pr_puts(c, "\n\t");
		pr_tok_print(c, tlv_names, "Unknown", proto << 8 | type);
		pr_printf(c, " TLV (0x%02x), length %u", type, tlen);
		if (type == 0)
			return 0;
		if (tlen < 2) {
			pr_puts(c, "\n\t    ERROR: illegal length - should be >= 2");
			return 0;
		}
		if (len < tlen)
			goto tooshort;
		PR_NEED(c, p, tlen);
		v = p + 2;
		vlen = tlen - 2u;
		switch (proto << 8 | type) {
		case TLV_LACP(1):
		case TLV_LACP(2):
			if (vlen != ACTOR_PARTNER_LEN) {
				pr_printf(c, "\n\t    ERROR: illegal length - should be %u",
					  2 + ACTOR_PARTNER_LEN);
				break;
			}
			PR_BE16(c, v, spri);
			PR_NEED(c, v + 2, 6);
			PR_BE16(c, v + 8, key);
			PR_BE16(c, v + 10, ppri);
			PR_BE16(c, v + 12, port);
			PR_U8(c, v + 14, state);
			pr_puts(c, "\n\t  System ");
			pr_mac(c, v + 2);
			pr_printf(c, ", System Priority %u, Key %u, Port %u, Port Priority %u\n\t  State Flags [",
				  spri, key, port, ppri);
			pr_bittok_print(c, lacp_state_names, ", ", "none", state);
			pr_putc(c, ']');
			break;
		case TLV_LACP(3):
			if (vlen != COLLECTOR_LEN) {
				pr_printf(c, "\n\t    ERROR: illegal length - should be %u",
					  2 + COLLECTOR_LEN);
				break;
			}
			PR_BE16(c, v, key);
			pr_printf(c, "\n\t  Max Delay %u", key);
			break;
		case TLV_MARKER(1):
			if (vlen != MARKER_INFO_LEN) {
				pr_printf(c, "\n\t    ERROR: illegal length - should be %u",
					  2 + MARKER_INFO_LEN);
				break;
			}
			PR_NEED(c, v + 2, 6);
			PR_BE16(c, v, port);
			PR_BE32(c, v + 8, id);
			pr_puts(c, "\n\t  Request System ");
			pr_mac(c, v + 2);
			pr_printf(c, ", Request Port %u, Request Transaction ID 0x%08x",
				  port, id);
			break;
		default:
			if (c->o.vflag <= 1)
				pr_unknown_data(c, v, "\n\t  ", vlen);
			break;
		}
		if (c->o.vflag > 1)
			pr_unknown_data(c, v, "\n\t  ", vlen);
		p += tlen;
		len -= tlen;
	}
	return 0;
tooshort:
	pr_puts(c, "\n\t\t packet is too short");
	return 0;
}

/* An Information TLV of a Local or Remote station: 1 for a hex dump. */
static int oam_info_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t ilen, ver, state, config;
	uint16_t rev, pdu;
	uint32_t oui, priv;

	PR_U8(c, p + 1, ilen);
	if (ilen != OAM_INFO_LEN) {
		pr_printf(c, "\n\t    ERROR: illegal length - should be %u",
			  OAM_INFO_LEN);
		return 1;
	}
	PR_U8(c, p + 2, ver);
	PR_BE16(c, p + 3, rev);
	pr_printf(c, "\n\t    OAM-Version %u, Revision %u", ver, rev);
	PR_U8(c, p + 5, state);
	pr_puts(c, "\n\t    State-Parser-Action ");
	pr_tok_print(c, parser_names, "Reserved", state & 3);
	pr_puts(c, ", State-MUX-Action ");
	pr_tok_print(c, mux_names, "Reserved", state & 4);
	PR_U8(c, p + 6, config);
	PR_BE16(c, p + 7, pdu);
	pr_puts(c, "\n\t    OAM-Config Flags [");
	pr_bittok_print(c, oam_config_names, ", ", "none", config);
	pr_printf(c, "], OAM-PDU-Config max-PDU size %u", pdu & 0x7ff);
	PR_BE24(c, p + 9, oui);
	PR_BE32(c, p + 12, priv);
	pr_puts(c, "\n\t    OUI ");
	pr_tok_print(c, oui_names, "Unknown", oui);
	pr_printf(c, " (0x%06x), Vendor-Private 0x%08x", oui, priv);
	return 0;
}

/* A link event TLV with its counters: 1 for a hex dump. */
static int oam_event_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t elen;
	uint16_t ts;
	uint64_t v[4];
	uint32_t total;
	int i;

	PR_U8(c, p + 1, elen);
	if (elen != OAM_LINK_EVENT_LEN) {
		pr_printf(c, "\n\t    ERROR: illegal length - should be %u",
			  OAM_LINK_EVENT_LEN);
		return 1;
	}
	PR_BE16(c, p + 2, ts);
	for (i = 0; i < 4; i++)
		if (be64(c, p + 4 + 8 * i, &v[i]) == PR_STOP)
			return PR_STOP;
	PR_BE32(c, p + 36, total);
	pr_printf(c, "\n\t    Timestamp %u ms, Errored Window %llu"
		     "\n\t    Errored Threshold %llu"
		     "\n\t    Errors %llu"
		     "\n\t    Error Running Total %llu"
		     "\n\t    Event Running Total %u",
		  ts * 100, (unsigned long long)v[0], (unsigned long long)v[1],
		  (unsigned long long)v[2], (unsigned long long)v[3], total);
	return 0;
}

/* The TLVs of an Information or Event Notification OAMPDU. */
static int oam_tlvs_print(struct pr_ctx *c, const uint8_t *p, unsigned len,
			  int event)
{
	while (len > 0) {
		uint8_t type, tlen;
		int hexdump = 1;

		if (len < 2)
			goto tooshort;
		if (!event)
			PR_NEED(c, p, 2);
		PR_U8(c, p, type);
		PR_U8(c, p + 1, tlen);
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, event ? link_event_names : oam_info_type_names,
			     "Reserved", type);
		pr_printf(c, event ? " Link Event Type (%u), length %u"
				   : " Information Type (%u), length %u",
			  type, tlen);
		if (type == 0)
			return 0;
		if (tlen < 2) {
			pr_puts(c, "\n\t    ERROR: illegal length - should be >= 2");
			return 0;
		}
		if (len < tlen)
			goto tooshort;
		PR_NEED(c, p, tlen);
		if (!event && (type == 1 || type == 2))
			hexdump = oam_info_print(c, p);
		else if (event && type >= 1 && type <= 4)
			hexdump = oam_event_print(c, p);
		if (hexdump == PR_STOP)
			return PR_STOP;
		if (c->o.vflag > 1 || hexdump)
			pr_unknown_data(c, p, "\n\t  ", tlen);
		len -= tlen;
		p += tlen;
	}
	return 0;
tooshort:
	pr_puts(c, "\n\t\t packet is too short");
	return 0;
}

static int oam_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint16_t flags, seq;
	uint8_t code, cmd;

	if (len < 3)
		goto tooshort;
	PR_NEED(c, p, 3);
	PR_U8(c, p + 2, code);
	PR_BE16(c, p, flags);
	p += 3;
	len -= 3;
	pr_puts(c, "\n\tCode ");
	pr_tok_print(c, oam_code_names, "Unknown (%u)", code);
	pr_puts(c, " OAM PDU, Flags [");
	pr_bittok_print(c, oam_flag_names, ", ", "none", flags);
	pr_putc(c, ']');
	switch (code) {
	case OAM_CODE_INFO:
		return oam_tlvs_print(c, p, len, 0);
	case OAM_CODE_EVENT_NOTIF:
		if (len < 2)
			goto tooshort;
		PR_BE16(c, p, seq);
		pr_printf(c, "\n\t  Sequence Number %u", seq);
		return oam_tlvs_print(c, p + 2, len - 2, 1);
	case OAM_CODE_LOOPBACK_CTRL:
		if (len < 1)
			goto tooshort;
		PR_U8(c, p, cmd);
		pr_puts(c, "\n\t  Command ");
		pr_tok_print(c, loopback_cmd_names, "Unknown", cmd);
		pr_printf(c, " (%u)", cmd);
		break;
	default:
		if (c->o.vflag <= 1)
			pr_unknown_data(c, p, "\n\t  ", len);
		break;
	}
	return 0;
tooshort:
	pr_puts(c, "\n\t\t packet is too short");
	return 0;
}

int slow_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t subtype, version = 0;
	int has_version;

	c->proto = "slow";
	if (len < 1)
		goto tooshort;
	PR_U8(c, p, subtype);
	switch (subtype) {
	case SLOW_PROTO_LACP:
	case SLOW_PROTO_MARKER:
		if (len < 2)
			goto tooshort;
		PR_U8(c, p + 1, version);
		if (version != 1) {
			pr_printf(c, "%s version %u packet not supported",
				  subtype == SLOW_PROTO_LACP ? "LACP" : "MARKER",
				  version);
			return 0;
		}
		has_version = 1;
		break;
	case SLOW_PROTO_OAM:
		has_version = 0;
		break;
	default:
		has_version = -1;
		break;
	}
	pr_tok_print(c, proto_names, "unknown (%u)", subtype);
	if (has_version == 1)
		pr_printf(c, "v%u", version);
	pr_printf(c, ", length %u", len);
	if (has_version == -1) {
		pr_unknown_data(c, p, "\n\t", len);
		return 0;
	}
	if (!c->o.vflag)
		return 0;
	if (subtype == SLOW_PROTO_OAM)
		return oam_print(c, p + 1, len - 1);
	return lacp_marker_print(c, p + 2, len - 2, subtype);
tooshort:
	pr_puts(c, c->o.vflag ? "\n\t\t packet is too short"
			      : " (packet is too short)");
	return 0;
}
