/* print-lldp.c: the Link Layer Discovery Protocol (IEEE 802.1AB; ethertype 0x88cc). */
/*
 * IEEE 802.1AB-2009 clause 8, with the organisationally specific TLVs of
 * IEEE 802.1 (annex D: VLANs, link aggregation, DCB, EVB), IEEE 802.3
 * (annex F: MAC/PHY, power via MDI), ANSI/TIA-1057 (LLDP-MED), the DCBX
 * rev 1.01 TLVs and IANA's MUD URL (RFC 8520). An LLDPDU is a list of
 * TLVs, each with a 16-bit header:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | type (7 bits)| length (9 bits) |  value (length octets) ...   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An organisationally specific TLV (type 127) starts its value with an
 * OUI (3 octets) and a subtype (1). The list ends with a TLV of type 0.
 * A value that is not decoded is shown in hex with -v; -vv shows every
 * value in hex too.
 *
 * One file past the usual size: the name tables of the TLV families are
 * most of it, and they belong to this one printer.
 */
#include "capture/print-int.h"

#define TLV_TYPE(x) (((x) & 0xfe00) >> 9)
#define TLV_LEN(x) ((x) & 0x01ff)

#define LLDP_CHASSIS_ID_TLV 1
#define LLDP_PORT_ID_TLV 2
#define LLDP_TTL_TLV 3
#define LLDP_PORT_DESCR_TLV 4
#define LLDP_SYSTEM_NAME_TLV 5
#define LLDP_SYSTEM_DESCR_TLV 6
#define LLDP_SYSTEM_CAP_TLV 7
#define LLDP_MGMT_ADDR_TLV 8
#define LLDP_PRIVATE_TLV 127

#define OUI_IANA 0x00005e
#define OUI_IEEE_8021_PRIVATE 0x0080c2
#define OUI_IEEE_8023_PRIVATE 0x00120f
#define OUI_TIA 0x0012bb
#define OUI_DCBX 0x001b21

#define AFNUM_INET 1
#define AFNUM_INET6 2
#define AFNUM_802 6

static const struct pr_tok tlv_names[] = {
	{ 0, "End" },
	{ 1, "Chassis ID" },
	{ 2, "Port ID" },
	{ 3, "Time to Live" },
	{ 4, "Port Description" },
	{ 5, "System Name" },
	{ 6, "System Description" },
	{ 7, "System Capabilities" },
	{ 8, "Management Address" },
	{ 127, "Organization specific" },
	{ 0, NULL },
};

static const struct pr_tok chassis_subtype_names[] = {
	{ 1, "Chassis component" },
	{ 2, "Interface alias" },
	{ 3, "Port component" },
	{ 4, "MAC address" },
	{ 5, "Network address" },
	{ 6, "Interface name" },
	{ 7, "Local" },
	{ 0, NULL },
};

static const struct pr_tok port_subtype_names[] = {
	{ 1, "Interface alias" },
	{ 2, "Port component" },
	{ 3, "MAC address" },
	{ 4, "Network Address" },
	{ 5, "Interface Name" },
	{ 6, "Agent circuit ID" },
	{ 7, "Local" },
	{ 0, NULL },
};

static const struct pr_tok cap_names[] = {
	{ 1, "Other" },
	{ 2, "Repeater" },
	{ 4, "Bridge" },
	{ 8, "WLAN AP" },
	{ 16, "Router" },
	{ 32, "Telephone" },
	{ 64, "Docsis" },
	{ 128, "Station Only" },
	{ 0, NULL },
};

static const struct pr_tok s8021_names[] = {
	{ 1, "Port VLAN Id" },
	{ 2, "Port and Protocol VLAN ID" },
	{ 3, "VLAN name" },
	{ 4, "Protocol Identity" },
	{ 7, "Link aggregation" },
	{ 8, "Congestion Notification" },
	{ 9, "ETS Configuration" },
	{ 10, "ETS Recommendation" },
	{ 11, "Priority Flow Control Configuration" },
	{ 12, "Application Priority" },
	{ 13, "EVB" },
	{ 14, "CDCP" },
	{ 0, NULL },
};

static const struct pr_tok ppvid_flag_names[] = {
	{ 2, "supported" },
	{ 4, "enabled" },
	{ 0, NULL },
};

static const struct pr_tok s8023_names[] = {
	{ 1, "MAC/PHY configuration/status" },
	{ 2, "Power via MDI" },
	{ 3, "Link aggregation" },
	{ 4, "Max frame size" },
	{ 0, NULL },
};

static const struct pr_tok tia_subtype_names[] = {
	{ 1, "LLDP-MED Capabilities" },
	{ 2, "Network policy" },
	{ 3, "Location identification" },
	{ 4, "Extended power-via-MDI" },
	{ 5, "Inventory - hardware revision" },
	{ 6, "Inventory - firmware revision" },
	{ 7, "Inventory - software revision" },
	{ 8, "Inventory - serial number" },
	{ 9, "Inventory - manufacturer name" },
	{ 10, "Inventory - model name" },
	{ 11, "Inventory - asset ID" },
	{ 0, NULL },
};

static const struct pr_tok altitude_type_names[] = {
	{ 1, "meters" },
	{ 2, "floors" },
	{ 0, NULL },
};

static const struct pr_tok catype_names[] = {
	{ 1, "national subdivisions (state,canton,region,province,prefecture)" },
	{ 2, "county, parish, gun, district" },
	{ 3, "city, township, shi" },
	{ 4, "city division, borough, city district, ward chou" },
	{ 5, "neighborhood, block" },
	{ 6, "street" },
	{ 0, NULL },
};

static const struct pr_tok lci_what_names[] = {
	{ 0, "location of DHCP server" },
	{ 1, "location of the network element believed to be closest to the client" },
	{ 2, "location of the client" },
	{ 0, NULL },
};

static const struct pr_tok mau_type_names[] = {
	{ 0, "Unknown" },
	{ 1, "AUI" },
	{ 2, "10BASE_5" },
	{ 3, "FOIRL" },
	{ 4, "10BASE2" },
	{ 5, "10BASET duplex mode unknown" },
	{ 6, "10BASEFP" },
	{ 7, "10BASEFB" },
	{ 8, "10BASEFL duplex mode unknown" },
	{ 9, "10BROAD36" },
	{ 10, "10BASET hdx" },
	{ 11, "10BASET fdx" },
	{ 12, "10BASEFL hdx" },
	{ 13, "10BASEFL fdx" },
	{ 14, "100BASET4" },
	{ 15, "100BASETX hdx" },
	{ 16, "100BASETX fdx" },
	{ 17, "100BASEFX hdx" },
	{ 18, "100BASEFX fdx" },
	{ 19, "100BASET2 hdx" },
	{ 20, "100BASET2 fdx" },
	{ 21, "1000BASEX hdx" },
	{ 22, "1000BASEX fdx" },
	{ 23, "1000BASELX hdx" },
	{ 24, "1000BASELX fdx" },
	{ 25, "1000BASESX hdx" },
	{ 26, "1000BASESX fdx" },
	{ 27, "1000BASECX hdx" },
	{ 28, "1000BASECX fdx" },
	{ 29, "1000BASET hdx" },
	{ 30, "1000BASET fdx" },
	{ 31, "10GBASEX" },
	{ 32, "10GBASELX4" },
	{ 33, "10GBASER" },
	{ 34, "10GBASEER" },
	{ 35, "10GBASELR" },
	{ 36, "10GBASESR" },
	{ 37, "10GBASEW" },
	{ 38, "10GBASEEW" },
	{ 39, "10GBASELW" },
	{ 40, "10GBASESW" },
	{ 0, NULL },
};

static const struct pr_tok autoneg_names[] = {
	{ 1, "supported" },
	{ 2, "enabled" },
	{ 0, NULL },
};

static const struct pr_tok tia_cap_names[] = {
	{ 1, "LLDP-MED capabilities" },
	{ 2, "network policy" },
	{ 4, "location identification" },
	{ 8, "extended power via MDI-PSE" },
	{ 16, "extended power via MDI-PD" },
	{ 32, "Inventory" },
	{ 0, NULL },
};

static const struct pr_tok tia_device_names[] = {
	{ 1, "endpoint class 1" },
	{ 2, "endpoint class 2" },
	{ 3, "endpoint class 3" },
	{ 4, "network connectivity" },
	{ 0, NULL },
};

static const struct pr_tok tia_app_names[] = {
	{ 1, "voice" },
	{ 2, "voice signaling" },
	{ 3, "guest voice" },
	{ 4, "guest voice signaling" },
	{ 5, "softphone voice" },
	{ 6, "video conferencing" },
	{ 7, "streaming video" },
	{ 8, "video signaling" },
	{ 0, NULL },
};

static const struct pr_tok tia_policy_names[] = {
	{ 128, "Unknown" },
	{ 64, "Tagged" },
	{ 32, "reserved" },
	{ 0, NULL },
};

static const struct pr_tok location_format_names[] = {
	{ 1, "coordinate-based LCI" },
	{ 2, "civic address LCI" },
	{ 3, "ECS ELIN" },
	{ 0, NULL },
};

static const struct pr_tok datum_names[] = {
	{ 1, "World Geodesic System 1984" },
	{ 2, "North American Datum 1983 (NAVD88)" },
	{ 3, "North American Datum 1983 (MLLW)" },
	{ 0, NULL },
};

static const struct pr_tok power_source_names[] = {
	{ 1, "PSE - primary power source" },
	{ 2, "local - backup power source" },
	{ 3, "PSE+local - reserved" },
	{ 0, NULL },
};

static const struct pr_tok power_priority_names[] = {
	{ 1, "critical" },
	{ 2, "high" },
	{ 3, "low" },
	{ 0, NULL },
};

static const struct pr_tok inventory_names[] = {
	{ 5, "Hardware revision" },
	{ 6, "Firmware revision" },
	{ 7, "Software revision" },
	{ 8, "Serial number" },
	{ 9, "Manufacturer name" },
	{ 10, "Model name" },
	{ 11, "Asset ID" },
	{ 0, NULL },
};

static const struct pr_tok pmd_cap_names[] = {
	{ 0x4000, "10BASE-T hdx" },
	{ 0x2000, "10BASE-T fdx" },
	{ 0x1000, "100BASE-T4" },
	{ 0x800, "100BASE-TX hdx" },
	{ 0x400, "100BASE-TX fdx" },
	{ 0x200, "100BASE-T2 hdx" },
	{ 0x100, "100BASE-T2 fdx" },
	{ 128, "Pause for fdx links" },
	{ 64, "Asym PAUSE for fdx" },
	{ 32, "Sym PAUSE for fdx" },
	{ 16, "Asym and Sym PAUSE for fdx" },
	{ 8, "1000BASE-{X LX SX CX} hdx" },
	{ 4, "1000BASE-{X LX SX CX} fdx" },
	{ 2, "1000BASE-T hdx" },
	{ 1, "1000BASE-T fdx" },
	{ 0, NULL },
};

static const struct pr_tok mdi_names[] = {
	{ 1, "PSE" },
	{ 2, "supported" },
	{ 4, "enabled" },
	{ 8, "can be controlled" },
	{ 0, NULL },
};

static const struct pr_tok mdi_pairs_names[] = {
	{ 1, "signal" },
	{ 2, "spare" },
	{ 0, NULL },
};

static const struct pr_tok mdi_class_names[] = {
	{ 1, "class0" },
	{ 2, "class1" },
	{ 3, "class2" },
	{ 4, "class3" },
	{ 5, "class4" },
	{ 0, NULL },
};

static const struct pr_tok aggregation_names[] = {
	{ 1, "supported" },
	{ 2, "enabled" },
	{ 0, NULL },
};

static const struct pr_tok dcbx_subtype_names[] = {
	{ 1, "DCB Capability Exchange Protocol Rev 1" },
	{ 2, "DCB Capability Exchange Protocol Rev 1.01" },
	{ 0, NULL },
};

static const struct pr_tok intf_numb_names[] = {
	{ 2, "Interface Index" },
	{ 3, "System Port Number" },
	{ 0, NULL },
};

static const struct pr_tok evb_mode_names[] = {
	{ 0, "Not Supported" },
	{ 1, "EVB Bridge" },
	{ 2, "EVB Station" },
	{ 3, "Reserved for future Standardization" },
	{ 0, NULL },
};

static const struct pr_tok iana_subtype_names[] = {
	{ 1, "MUD-URL" },
	{ 0, NULL },
};

/* Address family numbers (IANA), tcpdump's af_values. */
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

/* "%-2d " for each of the 8 bits of v, lowest first. */
static void bits_row(struct pr_ctx *c, unsigned v)
{
	int i;

	for (i = 0; i < 8; i++)
		pr_printf(c, "%-2d ", (v >> i) & 1);
}

static void subtype_print(struct pr_ctx *c, const struct pr_tok *t,
			  unsigned subtype)
{
	pr_puts(c, "\n\t  ");
	pr_tok_print(c, t, "unknown", subtype);
	pr_printf(c, " Subtype (%u)", subtype);
}

/* Eight values of one row of an ETS table, each "%-3d ", the last bare. */
static void row8(struct pr_ctx *c, const unsigned v[8])
{
	pr_printf(c, "%-3d %-3d %-3d %-3d %-3d %-3d %-3d %-3d", v[0], v[1],
		  v[2], v[3], v[4], v[5], v[6], v[7]);
}

static int ets_tables_print(struct pr_ctx *c, const uint8_t *p)
{
	unsigned v[8];
	uint8_t b[8];
	int i;

	PR_COPY(c, p, b, 4);
	pr_puts(c, "\n\t    Priority Assignment Table"
		   "\n\t     Priority : 0   1   2   3   4   5   6   7"
		   "\n\t     Value    : ");
	for (i = 0; i < 4; i++) {
		v[2 * i] = b[i] >> 4;
		v[2 * i + 1] = b[i] & 0x0f;
	}
	row8(c, v);
	pr_puts(c, "\n\t    TC Bandwidth Table"
		   "\n\t     TC%   : 0   1   2   3   4   5   6   7");
	PR_COPY(c, p + 4, b, 8);
	pr_puts(c, "\n\t     Value : ");
	for (i = 0; i < 8; i++)
		v[i] = b[i];
	row8(c, v);
	pr_puts(c, "\n\t    TSA Assignment Table"
		   "\n\t     Traffic Class: 0   1   2   3   4   5   6   7");
	PR_COPY(c, p + 12, b, 8);
	pr_puts(c, "\n\t     Value        : ");
	for (i = 0; i < 8; i++)
		v[i] = b[i];
	row8(c, v);
	return 0;
}

/* IEEE 802.1 TLVs: 1 when the value is to be shown in hex. */
static int private_8021_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t subtype, v, sublen, w, x;
	uint16_t v16;
	uint32_t v32;
	unsigned i;

	if (len < 4)
		return 0;
	PR_U8(c, p + 3, subtype);
	subtype_print(c, s8021_names, subtype);
	switch (subtype) {
	case 1: /* port VLAN id */
		if (len < 6)
			return 0;
		PR_BE16(c, p + 4, v16);
		pr_printf(c, "\n\t    port vlan id (PVID): %u", v16);
		break;
	case 2: /* port and protocol VLAN id */
		if (len < 7)
			return 0;
		PR_BE16(c, p + 5, v16);
		PR_U8(c, p + 4, v);
		pr_printf(c, "\n\t    port and protocol vlan id (PPVID): %u, flags [", v16);
		pr_bittok_print(c, ppvid_flag_names, ", ", "none", v);
		pr_printf(c, "] (0x%02x)", v);
		break;
	case 3: /* VLAN name */
		if (len < 6)
			return 0;
		PR_BE16(c, p + 4, v16);
		pr_printf(c, "\n\t    vlan id (VID): %u", v16);
		if (len < 7)
			return 0;
		PR_U8(c, p + 6, sublen);
		if (len < 7u + sublen)
			return 0;
		pr_puts(c, "\n\t    vlan name: ");
		return pr_printjnp(c, p + 7, sublen);
	case 4: /* protocol identity */
		if (len < 5)
			return 0;
		PR_U8(c, p + 4, sublen);
		if (len < 5u + sublen)
			return 0;
		pr_puts(c, "\n\t    protocol identity: ");
		return pr_printjnp(c, p + 5, sublen);
	case 7: /* link aggregation */
		if (len < 9)
			return 0;
		PR_U8(c, p + 4, v);
		PR_BE32(c, p + 5, v32);
		pr_puts(c, "\n\t    aggregation status [");
		pr_bittok_print(c, aggregation_names, ", ", "none", v);
		pr_printf(c, "], aggregation port ID %u", v32);
		break;
	case 8: /* congestion notification */
		if (len < 6)
			return 0;
		PR_U8(c, p + 4, v);
		pr_puts(c, "\n\t    Pre-Priority CNPV Indicator"
			   "\n\t     Priority : 0  1  2  3  4  5  6  7"
			   "\n\t     Value    : ");
		bits_row(c, v);
		PR_U8(c, p + 5, v);
		pr_puts(c, "\n\t    Pre-Priority Ready Indicator"
			   "\n\t     Priority : 0  1  2  3  4  5  6  7"
			   "\n\t     Value    : ");
		bits_row(c, v);
		break;
	case 9: /* ETS configuration */
		if (len < 25)
			return 0;
		PR_U8(c, p + 4, v);
		pr_printf(c, "\n\t    Willing:%u, CBS:%u, RES:%u, Max TCs:%u",
			  v >> 7, (v >> 6) & 0x02, (v >> 3) & 0x07, v & 0x07);
		return ets_tables_print(c, p + 5);
	case 10: /* ETS recommendation */
		if (len < 25)
			return 0;
		PR_U8(c, p + 4, v);
		pr_printf(c, "\n\t    RES: %u", v);
		return ets_tables_print(c, p + 5);
	case 11: /* PFC configuration */
		if (len < 6)
			return 0;
		PR_U8(c, p + 4, v);
		pr_printf(c, "\n\t    Willing: %u, MBC: %u, RES: %u, PFC cap:%u ",
			  v >> 7, (v >> 6) & 0x01, (v >> 4) & 0x03, v & 0x0f);
		pr_puts(c, "\n\t    PFC Enable");
		PR_U8(c, p + 5, v);
		pr_puts(c, "\n\t     Priority : 0  1  2  3  4  5  6  7"
			   "\n\t     Value    : ");
		bits_row(c, v);
		break;
	case 12: /* application priority */
		if (len < 5)
			return 0;
		PR_U8(c, p + 4, v);
		pr_printf(c, "\n\t    RES: %u", v);
		if (len <= 5 || (len - 5) % 3)
			return 0;
		pr_puts(c, "\n\t    Application Priority Table");
		for (i = 0; i < len - 5; i += 3) {
			PR_U8(c, p + i + 5, v);
			PR_BE16(c, p + i + 6, v16);
			pr_printf(c, "\n\t      Priority: %u, RES: %u, Sel: %u, Protocol ID: %u",
				  v >> 5, (v >> 3) & 0x03, v & 0x07, v16);
		}
		break;
	case 13: /* EVB */
		if (len < 9)
			return 0;
		pr_puts(c, "\n\t    EVB Bridge Status");
		PR_U8(c, p + 4, v);
		pr_printf(c, "\n\t      RES: %u, BGID: %u, RRCAP: %u, RRCTR: %u",
			  v >> 3, (v >> 2) & 1, (v >> 1) & 1, v & 1);
		pr_puts(c, "\n\t    EVB Station Status");
		PR_U8(c, p + 5, v);
		pr_printf(c, "\n\t      RES: %u, SGID: %u, RRREQ: %u,RRSTAT: %u",
			  v >> 4, (v >> 3) & 1, (v >> 2) & 1, v & 3);
		PR_U8(c, p + 6, v);
		pr_printf(c, "\n\t    R: %u, RTE: %u, ", v >> 5, v & 0x1f);
		PR_U8(c, p + 7, w);
		pr_puts(c, "EVB Mode: ");
		pr_tok_print(c, evb_mode_names, "unknown", w >> 6);
		pr_printf(c, " [%u]", w >> 6);
		pr_printf(c, "\n\t    ROL: %u, RWD: %u, ", (w >> 5) & 1, w & 0x1f);
		PR_U8(c, p + 8, x);
		pr_printf(c, "RES: %u, ROL: %u, RKA: %u", x >> 6, (x >> 5) & 1,
			  x & 0x1f);
		break;
	case 14: /* CDCP */
		if (len < 8)
			return 0;
		PR_U8(c, p + 4, v);
		pr_printf(c, "\n\t    Role: %u, RES: %u, Scomp: %u ", v >> 7,
			  (v >> 4) & 0x07, (v >> 3) & 1);
		PR_BE16(c, p + 6, v16);
		pr_printf(c, "ChnCap: %u", v16 & 0x0fff);
		if ((len - 8) % 3)
			return 0;
		for (i = 0; i < len - 8; i += 3) {
			PR_BE24(c, p + i + 8, v32);
			pr_printf(c, "\n\t    SCID: %u, SVID: %u", v32 >> 12,
				  v32 & 0xfff);
		}
		break;
	default:
		return 1;
	}
	return 0;
}

/* IEEE 802.3 TLVs: 1 when the value is to be shown in hex. */
static int private_8023_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t subtype, v, pairs, cls;
	uint16_t pmd, mau;
	uint32_t v32;

	if (len < 4)
		return 0;
	PR_U8(c, p + 3, subtype);
	subtype_print(c, s8023_names, subtype);
	switch (subtype) {
	case 1: /* MAC/PHY configuration/status */
		if (len < 9)
			return 0;
		PR_U8(c, p + 4, v);
		pr_puts(c, "\n\t    autonegotiation [");
		pr_bittok_print(c, autoneg_names, ", ", "none", v);
		pr_printf(c, "] (0x%02x)", v);
		PR_BE16(c, p + 5, pmd);
		pr_puts(c, "\n\t    PMD autoneg capability [");
		pr_bittok_print(c, pmd_cap_names, ", ", "unknown", pmd);
		pr_printf(c, "] (0x%04x)", pmd);
		PR_BE16(c, p + 7, mau);
		pr_puts(c, "\n\t    MAU type ");
		pr_tok_print(c, mau_type_names, "unknown", mau);
		pr_printf(c, " (0x%04x)", mau);
		break;
	case 2: /* power via MDI */
		if (len < 7)
			return 0;
		PR_U8(c, p + 4, v);
		PR_U8(c, p + 5, pairs);
		PR_U8(c, p + 6, cls);
		pr_puts(c, "\n\t    MDI power support [");
		pr_bittok_print(c, mdi_names, ", ", "none", v);
		pr_puts(c, "], power pair ");
		pr_tok_print(c, mdi_pairs_names, "unknown", pairs);
		pr_puts(c, ", power class ");
		pr_tok_print(c, mdi_class_names, "unknown", cls);
		break;
	case 3: /* link aggregation */
		if (len < 9)
			return 0;
		PR_U8(c, p + 4, v);
		PR_BE32(c, p + 5, v32);
		pr_puts(c, "\n\t    aggregation status [");
		pr_bittok_print(c, aggregation_names, ", ", "none", v);
		pr_printf(c, "], aggregation port ID %u", v32);
		break;
	case 4: /* maximum frame size */
		if (len < 6)
			return 0;
		PR_BE16(c, p + 4, pmd);
		pr_printf(c, "\n\t    MTU size %u", pmd);
		break;
	default:
		return 1;
	}
	return 0;
}

static int iana_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t subtype;

	if (len < 8)
		return 0;
	PR_U8(c, p + 3, subtype);
	subtype_print(c, iana_subtype_names, subtype);
	if (subtype != 1)
		return 1;
	pr_puts(c, "\n\t  MUD-URL=");
	if (pr_printn(c, p + 4, len - 4))
		return pr_stop(c);
	return 0;
}

/* 34 bits of latitude or longitude (ANSI/TIA-1057 10.2.4.3.1). */
static int latlon(struct pr_ctx *c, const uint8_t *p, uint64_t *v)
{
	uint8_t hi;
	uint32_t lo;

	PR_U8(c, p, hi);
	PR_BE32(c, p + 1, lo);
	*v = (uint64_t)(hi & 3) << 32 | lo;
	return 0;
}

static int civic_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t lci_len, what, ca_type, ca_len;
	unsigned left;

	if (len < 6)
		return 0;
	PR_U8(c, p + 5, lci_len);
	if (lci_len < 3 || len < 7u + lci_len)
		return 0;
	PR_U8(c, p + 6, what);
	pr_printf(c, "\n\t    LCI length %u, LCI what ", lci_len);
	pr_tok_print(c, lci_what_names, "unknown", what);
	pr_printf(c, " (0x%02x), Country-code ", what);
	if (pr_printjnp(c, p + 7, 2) == PR_STOP)
		return PR_STOP;
	left = lci_len - 3u;
	p += 9;
	while (left > 0) {
		if (left < 2)
			return 0;
		PR_U8(c, p, ca_type);
		PR_U8(c, p + 1, ca_len);
		p += 2;
		left -= 2;
		pr_puts(c, "\n\t      CA type '");
		pr_tok_print(c, catype_names, "unknown", ca_type);
		pr_printf(c, "' (%u), length %u: ", ca_type, ca_len);
		if (ca_type == 0 || ca_len == 0 || left < ca_len)
			return 0;
		if (pr_printjnp(c, p, ca_len) == PR_STOP)
			return PR_STOP;
		p += ca_len;
		left -= ca_len;
	}
	return 0;
}

static int location_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t fmt, res, alt, datum;
	uint16_t alt16;
	uint32_t alt32;
	uint64_t v;

	if (len < 5)
		return 0;
	PR_U8(c, p + 4, fmt);
	pr_puts(c, "\n\t    Location data format ");
	pr_tok_print(c, location_format_names, "unknown", fmt);
	pr_printf(c, " (0x%02x)", fmt);
	switch (fmt) {
	case 1: /* coordinate-based LCI */
		if (len < 21)
			return 0;
		PR_U8(c, p + 5, res);
		if (latlon(c, p + 5, &v) == PR_STOP)
			return PR_STOP;
		pr_printf(c, "\n\t    Latitude resolution %u, latitude value %llu",
			  res >> 2, (unsigned long long)v);
		PR_U8(c, p + 10, res);
		if (latlon(c, p + 10, &v) == PR_STOP)
			return PR_STOP;
		pr_printf(c, "\n\t    Longitude resolution %u, longitude value %llu",
			  res >> 2, (unsigned long long)v);
		PR_U8(c, p + 15, alt);
		pr_puts(c, "\n\t    Altitude type ");
		pr_tok_print(c, altitude_type_names, "unknown", alt >> 4);
		pr_printf(c, " (%u)", alt >> 4);
		PR_BE16(c, p + 15, alt16);
		PR_BE32(c, p + 16, alt32);
		pr_printf(c, "\n\t    Altitude resolution %u, altitude value 0x%x",
			  (alt16 >> 6) & 0x3f, alt32 & 0x3fffffff);
		PR_U8(c, p + 20, datum);
		pr_puts(c, "\n\t    Datum ");
		pr_tok_print(c, datum_names, "unknown", datum);
		pr_printf(c, " (0x%02x)", datum);
		break;
	case 2:
		return civic_print(c, p, len);
	case 3: /* ECS ELIN */
		pr_puts(c, "\n\t    ECS ELIN id ");
		return pr_printjnp(c, p + 5, len - 5);
	default:
		pr_puts(c, "\n\t    Location ID ");
		pr_unknown_data(c, p + 5, "\n\t      ", len - 5);
		break;
	}
	return 0;
}

/* ANSI/TIA-1057 (LLDP-MED) TLVs: 1 when the value is to be shown in hex. */
static int tia_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t subtype, v, dev;
	uint16_t v16, w16;

	if (len < 4)
		return 0;
	PR_U8(c, p + 3, subtype);
	subtype_print(c, tia_subtype_names, subtype);
	switch (subtype) {
	case 1: /* capabilities */
		if (len < 7)
			return 0;
		PR_BE16(c, p + 4, v16);
		pr_puts(c, "\n\t    Media capabilities [");
		pr_bittok_print(c, tia_cap_names, ", ", "none", v16);
		pr_printf(c, "] (0x%04x)", v16);
		PR_U8(c, p + 6, dev);
		pr_puts(c, "\n\t    Device type [");
		pr_tok_print(c, tia_device_names, "unknown", dev);
		pr_printf(c, "] (0x%02x)", dev);
		break;
	case 2: /* network policy */
		if (len < 8)
			return 0;
		PR_U8(c, p + 4, v);
		pr_puts(c, "\n\t    Application type [");
		pr_tok_print(c, tia_app_names, "none", v);
		pr_printf(c, "] (0x%02x)", v);
		PR_U8(c, p + 5, v);
		pr_puts(c, ", Flags [");
		pr_bittok_print(c, tia_policy_names, ", ", "none", v);
		pr_putc(c, ']');
		PR_BE16(c, p + 5, v16);
		pr_printf(c, "\n\t    Vlan id %u", (v16 & 0x1ffe) >> 1);
		PR_BE16(c, p + 6, w16);
		pr_printf(c, ", L2 priority %u", (w16 & 0x01ff) >> 6);
		pr_printf(c, ", DSCP value %u", w16 & 0x003f);
		break;
	case 3:
		return location_print(c, p, len);
	case 4: /* extended power via MDI */
		if (len < 7)
			return 0;
		PR_U8(c, p + 4, v);
		/* tcpdump tests v & (0xc0 >> 6): the low two bits */
		pr_printf(c, "\n\t    Power type [%s]",
			  v & 3 ? "PD device" : "PSE device");
		pr_puts(c, ", Power source [");
		pr_tok_print(c, power_source_names, "none", (v & 0x30) >> 4);
		pr_puts(c, "]\n\t    Power priority [");
		pr_tok_print(c, power_priority_names, "none", v & 0x0f);
		pr_printf(c, "] (0x%02x)", v & 0x0f);
		PR_BE16(c, p + 5, v16);
		if (v16 < 1024)
			pr_printf_libc(c, ", Power %.1f Watts", (float)v16 / 10);
		else
			pr_printf(c, ", Power %u (Reserved)", v16);
		break;
	case 5: case 6: case 7: case 8: case 9: case 10: case 11:
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, inventory_names, "unknown", subtype);
		pr_putc(c, ' ');
		return pr_printjnp(c, p + 4, len - 4);
	default:
		return 1;
	}
	return 0;
}

/* One of the feature TLVs' common start: versions, info block, subtype. */
static int dcbx_feature_head(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t oper, max, info, sub;

	PR_U8(c, p, oper);
	pr_printf(c, "\n\t      Oper_Version: %u", oper);
	PR_U8(c, p + 1, max);
	pr_printf(c, "\n\t      Max_Version: %u", max);
	PR_U8(c, p + 2, info);
	pr_printf(c, "\n\t      Info block(0x%02X): ", info);
	pr_printf(c, "Enable bit: %u, Willing bit: %u, Error Bit: %u",
		  !!(info & 0x80), !!(info & 0x40), !!(info & 0x20));
	PR_U8(c, p + 3, sub);
	pr_printf(c, "\n\t      SubType: %u", sub);
	return 0;
}

/* DCBX rev 1.01 TLVs: 1 when the value is to be shown in hex. */
static int dcbx_print(struct pr_ctx *c, const uint8_t *pp, unsigned len)
{
	const uint8_t *p, *m;
	uint8_t subtype, v;
	uint16_t tlv, v16;
	uint32_t v32, w32, i;
	unsigned left, tlv_type, tlv_len, rest;
	int hexdump = 0;

	if (len < 4)
		return 0;
	PR_U8(c, pp + 3, subtype);
	subtype_print(c, dcbx_subtype_names, subtype);
	if (subtype == 1) /* the old version is not decoded */
		return 1;
	p = pp + 4;
	left = len - 4;
	while (left >= 2) {
		if (!pr_has(c, p, 2))
			return hexdump;
		PR_BE16(c, p, tlv);
		tlv_type = TLV_TYPE(tlv);
		tlv_len = TLV_LEN(tlv);
		hexdump = 0;
		left -= 2;
		p += 2;
		if (!tlv_type || !tlv_len)
			break;
		if (!pr_has(c, p, tlv_len) || left < tlv_len)
			return hexdump;
		switch (tlv_type) {
		case 1: /* control */
			if (tlv_len < 10)
				return hexdump;
			pr_printf(c, "\n\t    Control - Protocol Control (type 0x%x, length %u)",
				  1, tlv_len);
			PR_U8(c, p, v);
			pr_printf(c, "\n\t      Oper_Version: %u", v);
			PR_U8(c, p + 1, v);
			pr_printf(c, "\n\t      Max_Version: %u", v);
			PR_BE32(c, p + 2, v32);
			pr_printf(c, "\n\t      Sequence Number: %u", v32);
			PR_BE32(c, p + 6, v32);
			pr_printf(c, "\n\t      Acknowledgement Number: %u", v32);
			break;
		case 2: /* priority groups */
			if (tlv_len < 17)
				return hexdump;
			pr_printf(c, "\n\t    Feature - Priority Group (type 0x%x, length %u)",
				  2, tlv_len);
			if (dcbx_feature_head(c, p) == PR_STOP)
				return PR_STOP;
			pr_puts(c, "\n\t      Priority Allocation");
			PR_BE32(c, p + 4, w32);
			for (i = 0; i <= 7; i++)
				pr_printf(c, "\n\t          PgId_%u: %u", i,
					  (w32 >> (28 - 4 * i)) & 0xf);
			pr_puts(c, "\n\t      Priority Group Allocation");
			for (i = 0; i <= 7; i++) {
				PR_U8(c, p + 8 + i, v);
				pr_printf(c, "\n\t          Pg percentage[%u]: %u", i, v);
			}
			PR_U8(c, p + 16, v);
			pr_printf(c, "\n\t      NumTCsSupported: %u", v);
			break;
		case 3: /* priority flow control */
			if (tlv_len < 6)
				return hexdump;
			pr_printf(c, "\n\t    Feature - Priority Flow Control (type 0x%x, length %u)",
				  3, tlv_len);
			if (dcbx_feature_head(c, p) == PR_STOP)
				return PR_STOP;
			PR_U8(c, p + 4, v);
			pr_printf(c, "\n\t      PFC Config (0x%02X)", v);
			for (i = 0; i <= 7; i++)
				pr_printf(c, "\n\t          Priority Bit %u: %s", i,
					  v & (1u << i) ? "Enabled" : "Disabled");
			PR_U8(c, p + 5, v);
			pr_printf(c, "\n\t      NumTCPFCSupported: %u", v);
			break;
		case 4: /* application */
			if (tlv_len < 4)
				return hexdump;
			pr_printf(c, "\n\t    Feature - Application (type 0x%x, length %u)",
				  4, tlv_len);
			if (dcbx_feature_head(c, p) == PR_STOP)
				return PR_STOP;
			m = p + 4;
			for (rest = tlv_len - 4; rest >= 6; rest -= 6, m += 6) {
				pr_puts(c, "\n\t      Application Value");
				PR_BE16(c, m, v16);
				pr_printf(c, "\n\t          Application Protocol ID: 0x%04x", v16);
				PR_BE24(c, m + 2, v32);
				pr_printf(c, "\n\t          SF (0x%x) Application Protocol ID is %s",
					  v32 >> 22, v32 >> 22 ? "Socket Number" : "L2 EtherType");
				pr_printf(c, "\n\t          OUI: 0x%06x", v32 & 0x3fffff);
				PR_U8(c, m + 5, v);
				pr_printf(c, "\n\t          User Priority Map: 0x%02x", v);
			}
			break;
		default:
			hexdump = 1;
			break;
		}
		if (c->o.vflag > 1 || (c->o.vflag && hexdump))
			pr_unknown_data(c, p, "\n\t    ", tlv_len);
		left -= tlv_len;
		p += tlv_len;
	}
	return hexdump;
}

/*
 * Whether the network address at p (an address family number, then the
 * address) of len octets can be shown: its family, or -1.
 */
static int netaddr_check(struct pr_ctx *c, const uint8_t *p, unsigned len,
			 uint8_t *af)
{
	if (len < 1)
		return -1;
	if (!pk_u8(&c->pk, p, af)) {
		pr_stop(c);
		return PR_STOP;
	}
	len--;
	switch (*af) {
	case AFNUM_INET:
		return len < 4 ? -1 : 0;
	case AFNUM_INET6:
		return len < 16 ? -1 : 0;
	case AFNUM_802:
		return len < 6 ? -1 : 0;
	default:
		return 0;
	}
}

static void netaddr_print(struct pr_ctx *c, const uint8_t *p, uint8_t af)
{
	pr_puts(c, "AFI ");
	pr_tok_print(c, af_names, "Unknown", af);
	pr_printf(c, " (%u)", af);
	switch (af) {
	case AFNUM_INET:
		pr_puts(c, ": ");
		pr_ip4(c, p + 1);
		break;
	case AFNUM_INET6:
		pr_puts(c, ": ");
		pr_ip6(c, p + 1);
		break;
	case AFNUM_802:
		pr_puts(c, ": ");
		pr_mac(c, p + 1);
		break;
	default:
		pr_puts(c, ", no AF printer !");
		break;
	}
}

/* The Management Address TLV: 1 when it was printed, 0 when malformed. */
static int mgmt_addr_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t alen, af, numb, oid_len;
	uint32_t num;
	int rc;

	if (len < 1)
		return 0;
	PR_U8(c, p, alen);
	p++;
	len--;
	if (len < alen)
		return 0;
	rc = netaddr_check(c, p, alen, &af);
	if (rc == PR_STOP)
		return PR_STOP;
	if (rc < 0)
		return 0;
	pr_printf(c, "\n\t  Management Address length %u, ", alen);
	netaddr_print(c, p, af);
	p += alen;
	len -= alen;
	if (len < 5)
		return 0;
	PR_U8(c, p, numb);
	PR_BE32(c, p + 1, num);
	pr_puts(c, "\n\t  ");
	pr_tok_print(c, intf_numb_names, "Unknown", numb);
	pr_printf(c, " Interface Numbering (%u): %u", numb, num);
	p += 5;
	len -= 5;
	if (len) {
		PR_U8(c, p, oid_len);
		if (len < 1u + oid_len)
			return 0;
		if (oid_len) {
			pr_printf(c, "\n\t  OID length %u", oid_len);
			if (pr_printjnp(c, p + 1, oid_len) == PR_STOP)
				return PR_STOP;
		}
	}
	return 1;
}

/*
 * The Chassis ID and Port ID TLVs, whose subtypes differ only in their
 * numbers: 1 for hex, 0, -1 when malformed, PR_STOP.
 */
static int id_print(struct pr_ctx *c, const uint8_t *p, unsigned len,
		    const struct pr_tok *names, unsigned mac, unsigned net,
		    unsigned strings_mask)
{
	uint8_t subtype, af;
	int rc;

	if (len < 2)
		return -1;
	PR_U8(c, p, subtype);
	pr_puts(c, "\n\t  Subtype ");
	pr_tok_print(c, names, "Unknown", subtype);
	pr_printf(c, " (%u): ", subtype);
	if (subtype == mac) {
		if (len < 7)
			return -1;
		PR_MAC(c, "", p + 1);
	} else if (subtype == net) {
		rc = netaddr_check(c, p + 1, len - 1, &af);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc < 0)
			return -1;
		netaddr_print(c, p + 1, af);
	} else if (subtype < 32 && (strings_mask >> subtype & 1)) {
		return pr_printjnp(c, p + 1, len - 1);
	} else {
		return 1;
	}
	return 0;
}

static int private_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint32_t oui;

	if (len < 3)
		return -1;
	PR_BE24(c, p, oui);
	pr_puts(c, ": OUI ");
	pr_tok_print(c, oui_names, "Unknown", oui);
	pr_printf(c, " (0x%06x)", oui);
	switch (oui) {
	case OUI_IEEE_8021_PRIVATE:
		return private_8021_print(c, p, len);
	case OUI_IEEE_8023_PRIVATE:
		return private_8023_print(c, p, len);
	case OUI_IANA:
		return iana_print(c, p, len);
	case OUI_TIA:
		return tia_print(c, p, len);
	case OUI_DCBX:
		return dcbx_print(c, p, len);
	default:
		return 1;
	}
}

int lldp_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned left = len, type, tlen;
	uint16_t tlv, cap, ena;
	int hexdump, rc;

	c->proto = "lldp";
	pr_printf(c, "LLDP, length %u", len);
	while (left >= 2) {
		if (!pr_has(c, p, 2))
			goto trunc;
		PR_BE16(c, p, tlv);
		type = TLV_TYPE(tlv);
		tlen = TLV_LEN(tlv);
		hexdump = 0;
		left -= 2;
		p += 2;
		if (c->o.vflag) {
			pr_puts(c, "\n\t");
			pr_tok_print(c, tlv_names, "Unknown", type);
			pr_printf(c, " TLV (%u), length %u", type, tlen);
		}
		if (!type || !tlen)
			break;
		if (!pr_has(c, p, tlen) || left < tlen)
			goto trunc;

		rc = 0;
		switch (type) {
		case LLDP_CHASSIS_ID_TLV:
			if (c->o.vflag)
				rc = id_print(c, p, tlen, chassis_subtype_names,
					      4, 5, 1u << 6 | 1u << 7 | 1u << 1 | 1u << 2 | 1u << 3);
			break;
		case LLDP_PORT_ID_TLV:
			if (c->o.vflag)
				rc = id_print(c, p, tlen, port_subtype_names,
					      3, 4, 1u << 5 | 1u << 7 | 1u << 6 | 1u << 1 | 1u << 2);
			break;
		case LLDP_TTL_TLV:
			if (c->o.vflag) {
				if (tlen < 2)
					goto trunc;
				PR_BE16(c, p, cap);
				pr_printf(c, ": TTL %us", cap);
			}
			break;
		case LLDP_PORT_DESCR_TLV:
			if (c->o.vflag) {
				pr_puts(c, ": ");
				rc = pr_printjnp(c, p, tlen);
			}
			break;
		case LLDP_SYSTEM_NAME_TLV:
			/* shown without -v too, as CDP's Device-ID */
			pr_puts(c, ": ");
			rc = pr_printjnp(c, p, tlen);
			break;
		case LLDP_SYSTEM_DESCR_TLV:
			if (c->o.vflag) {
				pr_puts(c, "\n\t  ");
				rc = pr_printjnp(c, p, tlen);
			}
			break;
		case LLDP_SYSTEM_CAP_TLV:
			if (c->o.vflag) {
				if (tlen < 4)
					goto trunc;
				PR_BE16(c, p, cap);
				PR_BE16(c, p + 2, ena);
				pr_puts(c, "\n\t  System  Capabilities [");
				pr_bittok_print(c, cap_names, ", ", "none", cap);
				pr_printf(c, "] (0x%04x)", cap);
				pr_puts(c, "\n\t  Enabled Capabilities [");
				pr_bittok_print(c, cap_names, ", ", "none", ena);
				pr_printf(c, "] (0x%04x)", ena);
			}
			break;
		case LLDP_MGMT_ADDR_TLV:
			if (c->o.vflag) {
				rc = mgmt_addr_print(c, p, tlen);
				if (rc == 0)
					goto trunc;
				if (rc == 1)
					rc = 0;
			}
			break;
		case LLDP_PRIVATE_TLV:
			if (c->o.vflag)
				rc = private_print(c, p, tlen);
			break;
		default:
			rc = 1;
			break;
		}
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc < 0)
			goto trunc;
		hexdump = rc;
		if (c->o.vflag > 1 || (c->o.vflag && hexdump))
			pr_unknown_data(c, p, "\n\t  ", tlen);
		left -= tlen;
		p += tlen;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}
