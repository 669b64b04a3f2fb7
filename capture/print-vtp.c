/* print-vtp.c: Cisco's VLAN Trunking Protocol (SNAP OUI 00000c, PID 0x2003). */
/*
 * VTP versions 1 and 2, as Cisco's "Understanding VLAN Trunk Protocol"
 * and tcpdump describe them. Every message starts with this header
 * (36 octets):
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Version    |     Code      | Followers/Seq |  MgmtD Len    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Management Domain Name (zero-padded to 32 octets)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A summary advertisement follows with the configuration revision, the
 * updater's IPv4 address, a 12-octet timestamp and an MD5 digest; a
 * subset advertisement with the revision and VLAN info records:
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | V info len    |    Status     |  VLAN type    | VLAN name len |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       ISL vlan id             |            MTU size           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          802.10 index (SAID), VLAN name (padded to 4), TLVs   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The records' TLVs have a 1-octet type and a 1-octet length in 16-bit
 * words, whatever Cisco's documents say.
 */
#include "capture/print-int.h"

#define VTP_HEADER_LEN 36
#define VTP_DOMAIN_NAME_LEN 32
#define VTP_VLAN_INFO_FIXED_PART_LEN 12

#define VTP_SUMMARY_ADV 0x01
#define VTP_SUBSET_ADV 0x02
#define VTP_ADV_REQUEST 0x03
#define VTP_JOIN_MESSAGE 0x04

#define VTP_VLAN_STP_TYPE 0x03
#define VTP_VLAN_PRUNING 0x06
#define VTP_VLAN_BRIDGE_TYPE 0x07
#define VTP_VLAN_STE_HOP_COUNT 0x09
#define VTP_VLAN_BACKUP_CRF_MODE 0x0a

static const struct pr_tok message_names[] = {
	{ VTP_SUMMARY_ADV, "Summary advertisement" },
	{ VTP_SUBSET_ADV, "Subset advertisement" },
	{ VTP_ADV_REQUEST, "Advertisement request" },
	{ VTP_JOIN_MESSAGE, "Join message" },
	{ 0, NULL },
};

/* What the third octet of the header is, by message type. */
static const struct pr_tok header_names[] = {
	{ 0x01, "Followers" },
	{ 0x02, "Seq number" },
	{ 0x03, "Rsvd" },
	{ 0x04, "Rsvd" },
	{ 0, NULL },
};

static const struct pr_tok vlan_type_names[] = {
	{ 0x01, "Ethernet" }, { 0x02, "FDDI" },	 { 0x03, "TrCRF" },
	{ 0x04, "FDDI-net" }, { 0x05, "TrBRF" }, { 0, NULL },
};

static const struct pr_tok vlan_status_names[] = {
	{ 0x00, "Operational" },
	{ 0x01, "Suspended" },
	{ 0, NULL },
};

static const struct pr_tok vlan_tlv_names[] = {
	{ 0x01, "Source-Routing Ring Number TLV" },
	{ 0x02, "Source-Routing Bridge Number TLV" },
	{ 0x03, "STP type TLV" },
	{ 0x04, "Parent VLAN TLV" },
	{ 0x05, "Translationally bridged VLANs TLV" },
	{ 0x06, "Pruning TLV" },
	{ 0x07, "Bridge Type TLV" },
	{ 0x08, "Max ARP Hop Count TLV" },
	{ 0x09, "Max STE Hop Count TLV" },
	{ 0x0a, "Backup CRF Mode TLV" },
	{ 0, NULL },
};

static const struct pr_tok stp_type_names[] = {
	{ 1, "SRT" },
	{ 2, "SRB" },
	{ 3, "Auto" },
	{ 0, NULL },
};

/* The TLVs after a VLAN's name: 1 when malformed, else 0 or PR_STOP. */
static int vlan_tlvs_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	while (len > 0) {
		uint8_t type, tlv_len;
		uint16_t v;

		if (len < 2)
			return 1;
		PR_U8(c, p, type);
		PR_U8(c, p + 1, tlv_len);
		pr_puts(c, "\n\t\t");
		pr_tok_print(c, vlan_tlv_names, "Unknown", type);
		pr_printf(c, " (0x%04x) TLV", type);
		if (len < tlv_len * 2u + 2) {
			pr_puts(c, " (TLV goes past the end of the packet)");
			return 1;
		}
		PR_NEED(c, p, tlv_len * 2u + 2);
		if (tlv_len != 1) {
			pr_printf(c, " (invalid TLV length %u != 1)", tlv_len);
			return 1;
		}
		PR_BE16(c, p + 2, v);
		switch (type) {
		case VTP_VLAN_STE_HOP_COUNT:
			pr_printf(c, ", %u", v);
			break;
		case VTP_VLAN_PRUNING:
			pr_printf(c, ", %s (%u)", v == 1 ? "Enabled" : "Disabled", v);
			break;
		case VTP_VLAN_STP_TYPE:
			pr_puts(c, ", ");
			pr_tok_print(c, stp_type_names, "Unknown", v);
			pr_printf(c, " (%u)", v);
			break;
		case VTP_VLAN_BRIDGE_TYPE:
			pr_printf(c, ", %s (%u)", v == 1 ? "SRB" : "SRT", v);
			break;
		case VTP_VLAN_BACKUP_CRF_MODE:
			pr_printf(c, ", %s (%u)", v == 1 ? "Backup" : "Not backup", v);
			break;
		default:
			pr_unknown_data(c, p, "\n\t\t  ", 2 + tlv_len * 2u);
			break;
		}
		len -= 2 + tlv_len * 2u;
		p += 2 + tlv_len * 2u;
	}
	return 0;
}

/* The VLAN info records of a subset advertisement: as vlan_tlvs_print. */
static int subset_print(struct pr_ctx *c, const uint8_t *start,
			const uint8_t *p, unsigned length)
{
	while ((unsigned)(p - start) < length) {
		uint8_t len, status, type, name_len;
		uint16_t vlanid, mtu;
		uint32_t said;
		unsigned rest, padded;
		int rc;

		PR_U8(c, p, len);
		if (len == 0)
			break;
		PR_NEED(c, p, len);
		if (len < VTP_VLAN_INFO_FIXED_PART_LEN)
			return 1;
		PR_U8(c, p + 1, status);
		PR_U8(c, p + 2, type);
		PR_U8(c, p + 3, name_len);
		PR_BE16(c, p + 4, vlanid);
		PR_BE16(c, p + 6, mtu);
		PR_BE32(c, p + 8, said);
		pr_puts(c, "\n\tVLAN info status ");
		pr_tok_print(c, vlan_status_names, "Unknown", status);
		pr_puts(c, ", type ");
		pr_tok_print(c, vlan_type_names, "Unknown", type);
		pr_printf(c, ", VLAN-id %u, MTU %u, SAID 0x%08x, Name ", vlanid,
			  mtu, said);
		rest = len - VTP_VLAN_INFO_FIXED_PART_LEN;
		p += VTP_VLAN_INFO_FIXED_PART_LEN;
		padded = 4 * ((name_len + 3u) / 4);
		if (rest < padded)
			return 1;
		if (pr_printjnp(c, p, name_len) == PR_STOP)
			return PR_STOP;
		rest -= padded;
		p += padded;
		rc = vlan_tlvs_print(c, p, rest);
		if (rc)
			return rc;
		p += rest;
	}
	return 0;
}

int vtp_print(struct pr_ctx *c, const uint8_t *start, unsigned length)
{
	const uint8_t *p = start;
	uint8_t version, type, mgmtd_len, third;
	uint32_t v[4];
	int rc = 0, i;

	c->proto = "vtp";
	if (length < VTP_HEADER_LEN)
		goto invalid;
	PR_NEED(c, p, VTP_HEADER_LEN);
	PR_U8(c, p, version);
	PR_U8(c, p + 1, type);
	pr_printf(c, "VTPv%u, Message ", version);
	pr_tok_print(c, message_names, "Unknown message type", type);
	pr_printf(c, " (0x%02x), length %u", type, length);
	if (!c->o.vflag)
		goto tcheck;
	pr_puts(c, "\n\tDomain name: ");
	PR_U8(c, p + 3, mgmtd_len);
	if (mgmtd_len < 1 || mgmtd_len > VTP_DOMAIN_NAME_LEN) {
		pr_printf(c, " [invalid MgmtD Len %u]", mgmtd_len);
		goto invalid;
	}
	if (pr_printjnp(c, p + 4, mgmtd_len) == PR_STOP)
		return PR_STOP;
	PR_U8(c, p + 2, third);
	pr_puts(c, ", ");
	pr_tok_print(c, header_names, "Unknown", type);
	pr_printf(c, ": %u", third);
	p += VTP_HEADER_LEN;

	switch (type) {
	case VTP_SUMMARY_ADV:
		PR_BE32(c, p, v[0]);
		PR_NEED(c, p + 4, 4);
		pr_printf(c, "\n\t  Config Rev %x, Updater ", v[0]);
		pr_ip4(c, p + 4);
		p += 8;
		for (i = 0; i < 3; i++)
			PR_BE32(c, p + 4 * i, v[i]);
		pr_printf(c, ", Timestamp 0x%08x 0x%08x 0x%08x", v[0], v[1], v[2]);
		p += 12;
		for (i = 0; i < 4; i++)
			PR_BE32(c, p + 4 * i, v[i]);
		pr_printf(c, ", MD5 digest: %08x%08x%08x%08x", v[0], v[1], v[2],
			  v[3]);
		break;
	case VTP_SUBSET_ADV:
		PR_BE32(c, p, v[0]);
		pr_printf(c, ", Config Rev %x", v[0]);
		rc = subset_print(c, start, p + 4, length);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc)
			goto invalid;
		break;
	case VTP_ADV_REQUEST:
		PR_BE32(c, p, v[0]);
		pr_printf(c, "\n\tStart value: %u", v[0]);
		break;
	default:
		break;
	}
	return 0;
invalid:
	pr_invalid(c);
tcheck:
	PR_NEED(c, start, length);
	return 0;
}
