/* print-bgp.c: BGP-4 (RFC 4271) on TCP port 179: OPEN and its capabilities, UPDATE and the common path attributes, MP-BGP (RFC 4760) for IPv4/IPv6 unicast, multicast, labeled and VPN routes, NOTIFICATION, KEEPALIVE and ROUTE-REFRESH. */
/*
 * Every message starts with this header:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Marker (16 bytes of 0xff)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Length               |      Type     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * OPEN:   | Version | My AS (16) | Hold Time (16) | BGP Identifier (32) |
 *         | Opt Parm Len | Optional Parameters (type, length, value) ...
 * UPDATE: | Withdrawn Routes Length (16) | Withdrawn Routes ...
 *         | Total Path Attribute Length (16) | Path Attributes ...
 *         | Network Layer Reachability Information ...
 * A path attribute: | Attr. Flags | Attr. Type Code | length (1 or 2,
 * the E flag) | value |.
 *
 * A segment of TCP may hold several messages or a part of one: as in
 * tcpdump, the printer looks for each marker, and says " [|bgp]" for
 * bytes before it.
 *
 * The NLRI of L2VPN/VPLS and CLNP are not decoded here: those print
 * generically (hex) and count as such (pr_generic).
 *
 * One file of about 2,000 lines, as tcpdump's print-bgp.c: the messages,
 * the path attributes and the NLRI decoders share the AFI/SAFI, RD and
 * prefix helpers and the name tables (a third of the file), and an
 * attribute set recurses into the attribute printer.
 */
#include "capture/print-int.h"

#include <string.h>

#define BGP_HDRLEN 19u
#define BGP_OPEN_LEN 29u
#define BGP_NOTIF_LEN 21u
#define BGP_RR_LEN 23u
#define RD_LEN 8u

/* AFI/SAFI pairs, af << 8 | safi. */
#define AF_SAFI(af, safi) ((uint32_t)(af) << 8 | (safi))

static const struct pr_tok msg_names[] = {
	{ 1, "Open" },	    { 2, "Update" },	    { 3, "Notification" },
	{ 4, "Keepalive" }, { 5, "Route Refresh" }, { 0, NULL },
};

static const struct pr_tok attr_names[] = {
	{ 1, "Origin" },
	{ 2, "AS Path" },
	{ 17, "AS4 Path" },
	{ 3, "Next Hop" },
	{ 4, "Multi Exit Discriminator" },
	{ 5, "Local Preference" },
	{ 6, "Atomic Aggregate" },
	{ 7, "Aggregator" },
	{ 18, "Aggregator4" },
	{ 8, "Community" },
	{ 9, "Originator ID" },
	{ 10, "Cluster List" },
	{ 11, "DPA" },
	{ 12, "Advertisers" },
	{ 13, "RCID Path / Cluster ID" },
	{ 14, "Multi-Protocol Reach NLRI" },
	{ 15, "Multi-Protocol Unreach NLRI" },
	{ 16, "Extended Community" },
	{ 22, "PMSI Tunnel" },
	{ 23, "Tunnel Encapsulation" },
	{ 24, "Traffic Engineering" },
	{ 25, "IPv6 Extended Community" },
	{ 26, "Accumulated IGP Metric" },
	{ 27, "PE Distinguisher Label" },
	{ 28, "Entropy Label" },
	{ 32, "Large Community" },
	{ 128, "Attribute Set" },
	{ 255, "Reserved for development" },
	{ 0, NULL },
};

static const struct pr_tok seg_open[] = {
	{ 2, "" }, { 1, "{ " }, { 3, "( " }, { 4, "({ " }, { 0, NULL },
};
static const struct pr_tok seg_close[] = {
	{ 2, "" }, { 1, "}" }, { 3, ")" }, { 4, "})" }, { 0, NULL },
};

static const struct pr_tok opt_names[] = {
	{ 1, "Authentication Information" },
	{ 2, "Capabilities Advertisement" },
	{ 0, NULL },
};

static const struct pr_tok cap_names[] = {
	{ 1, "Multiprotocol Extensions" },
	{ 2, "Route Refresh" },
	{ 3, "Cooperative Route Filtering" },
	{ 4, "Multiple Routes to a Destination" },
	{ 5, "Extended Next Hop Encoding" },
	{ 8, "Multiple Labels" },
	{ 64, "Graceful Restart" },
	{ 65, "32-Bit AS Number" },
	{ 67, "Dynamic Capability" },
	{ 68, "Multisession BGP" },
	{ 69, "Multiple Paths" },
	{ 70, "Enhanced Route Refresh" },
	{ 71, "Long-lived Graceful Restart" },
	{ 128, "Route Refresh (Cisco)" },
	{ 0, NULL },
};

static const struct pr_tok major_names[] = {
	{ 1, "Message Header Error" },
	{ 2, "OPEN Message Error" },
	{ 3, "UPDATE Message Error" },
	{ 4, "Hold Timer Expired" },
	{ 5, "Finite State Machine Error" },
	{ 6, "Cease" },
	{ 7, "Capability Message Error" },
	{ 0, NULL },
};

static const struct pr_tok cease_names[] = {
	{ 1, "Maximum Number of Prefixes Reached" },
	{ 2, "Administrative Shutdown" },
	{ 3, "Peer Unconfigured" },
	{ 4, "Administrative Reset" },
	{ 5, "Connection Rejected" },
	{ 6, "Other Configuration Change" },
	{ 7, "Connection Collision Resolution" },
	{ 0, NULL },
};

static const struct pr_tok minor_msg_names[] = {
	{ 1, "Connection Not Synchronized" },
	{ 2, "Bad Message Length" },
	{ 3, "Bad Message Type" },
	{ 0, NULL },
};

static const struct pr_tok minor_open_names[] = {
	{ 1, "Unsupported Version Number" },
	{ 2, "Bad Peer AS" },
	{ 3, "Bad BGP Identifier" },
	{ 4, "Unsupported Optional Parameter" },
	{ 5, "Authentication Failure" },
	{ 6, "Unacceptable Hold Time" },
	{ 7, "Capability Message Error" },
	{ 0, NULL },
};

static const struct pr_tok minor_update_names[] = {
	{ 1, "Malformed Attribute List" },
	{ 2, "Unrecognized Well-known Attribute" },
	{ 3, "Missing Well-known Attribute" },
	{ 4, "Attribute Flags Error" },
	{ 5, "Attribute Length Error" },
	{ 6, "Invalid ORIGIN Attribute" },
	{ 7, "AS Routing Loop" },
	{ 8, "Invalid NEXT_HOP Attribute" },
	{ 9, "Optional Attribute Error" },
	{ 10, "Invalid Network Field" },
	{ 11, "Malformed AS_PATH" },
	{ 0, NULL },
};

static const struct pr_tok minor_fsm_names[] = {
	{ 0, "Unspecified Error" },
	{ 1, "In OpenSent State" },
	{ 2, "In OpenConfirm State" },
	{ 3, "In Established State" },
	{ 0, NULL },
};

static const struct pr_tok minor_cap_names[] = {
	{ 1, "Invalid Action Value" },
	{ 2, "Invalid Capability Length" },
	{ 3, "Malformed Capability Value" },
	{ 4, "Unsupported Capability Code" },
	{ 0, NULL },
};

static const struct pr_tok origin_names[] = {
	{ 0, "IGP" }, { 1, "EGP" }, { 2, "Incomplete" }, { 0, NULL },
};

static const struct pr_tok pmsi_names[] = {
	{ 1, "RSVP-TE P2MP LSP" }, { 2, "LDP P2MP LSP" },
	{ 3, "PIM-SSM Tree" },	   { 4, "PIM-SM Tree" },
	{ 5, "PIM-Bidir Tree" },   { 6, "Ingress Replication" },
	{ 7, "LDP MP2MP LSP" },	   { 0, NULL },
};

static const struct pr_tok pmsi_flag_names[] = {
	{ 0x01, "Leaf Information required" },
	{ 0, NULL },
};

static const struct pr_tok aigp_names[] = {
	{ 1, "AIGP" },
	{ 0, NULL },
};

/* IANA address family numbers, tcpdump's af_values. */
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

static const struct pr_tok safi_names[] = {
	{ 0, "Reserved" },
	{ 1, "Unicast" },
	{ 2, "Multicast" },
	{ 3, "Unicast+Multicast" },
	{ 4, "labeled Unicast" },
	{ 64, "Tunnel" },
	{ 65, "VPLS" },
	{ 66, "MDT" },
	{ 70, "EVPN" },
	{ 128, "labeled VPN Unicast" },
	{ 129, "labeled VPN Multicast" },
	{ 130, "labeled VPN Unicast+Multicast" },
	{ 132, "Route Target Routing Information" },
	{ 5, "Multicast VPN" },
	{ 0, NULL },
};

static const struct pr_tok ext_flag_names[] = {
	{ 0x8000, "vendor-specific" },
	{ 0x4000, "non-transitive" },
	{ 0, NULL },
};

static const struct pr_tok ext_subtype_names[] = {
	{ 0x0002, "target" },
	{ 0x0102, "target" },
	{ 0x0202, "target" },
	{ 0x0003, "origin" },
	{ 0x0103, "origin" },
	{ 0x0203, "origin" },
	{ 0x4004, "link-BW" },
	{ 0x0005, "ospf-domain" },
	{ 0x0105, "ospf-domain" },
	{ 0x0205, "ospf-domain" },
	{ 0x8005, "ospf-domain" },
	{ 0x0306, "ospf-route-type" },
	{ 0x8000, "ospf-route-type" },
	{ 0x030c, "encapsulation" },
	{ 0x0107, "ospf-router-id" },
	{ 0x8001, "ospf-router-id" },
	{ 0x800a, "layer2-info" },
	{ 0x8800, "eigrp-general-route (flag, tag)" },
	{ 0x8801, "eigrp-route-metric (AS, delay)" },
	{ 0x8802, "eigrp-route-metric (reliability, nexthop, bandwidth)" },
	{ 0x8803, "eigrp-route-metric (load, MTU)" },
	{ 0x8804, "eigrp-external-route (remote-AS, remote-ID)" },
	{ 0x8805, "eigrp-external-route (remote-proto, remote-metric)" },
	{ 0x0009, "source-AS" },
	{ 0x010b, "vrf-route-import" },
	{ 0x000a, "l2vpn-id" },
	{ 0xf10a, "l2vpn-id" },
	{ 0, NULL },
};

static const struct pr_tok encap_tunnel_names[] = {
	{ 1, "L2TPv3 over IP" },
	{ 2, "GRE" },
	{ 3, "Transmit Tunnel" },
	{ 4, "IPsec" },
	{ 5, "IP in IP with IPsec" },
	{ 6, "MPLS in IP with IPsec" },
	{ 7, "IP in IP" },
	{ 8, "VXLAN" },
	{ 9, "NVGRE" },
	{ 10, "MPLS" },
	{ 11, "MPLS in GRE" },
	{ 12, "VXLAN GPE" },
	{ 13, "MPLS in UDP" },
	{ 14, "IPv6" },
	{ 15, "SR TE" },
	{ 16, "Bare" },
	{ 17, "SR" },
	{ 0, NULL },
};

static const struct pr_tok ospf_rtype_names[] = {
	{ 1, "Router" },   { 2, "Network" },	   { 3, "Summary" },
	{ 5, "External" }, { 7, "NSSA External" }, { 129, "MPLS-VPN Sham" },
	{ 0, NULL },
};

/* Layer-2 encapsulations (RFC 4446), tcpdump's l2vpn_encaps_values. */
static const struct pr_tok l2vpn_encap_names[] = {
	{ 0, "Reserved" },
	{ 1, "Frame Relay" },
	{ 2, "ATM AAL5 SDU VCC transport" },
	{ 3, "ATM transparent cell transport" },
	{ 4, "Ethernet (VLAN) Tagged Mode" },
	{ 5, "Ethernet Raw Mode" },
	{ 6, "Cisco HDLC" },
	{ 7, "PPP" },
	{ 8, "SONET/SDH Circuit Emulation Service over MPLS" },
	{ 9, "ATM n-to-one VCC cell transport" },
	{ 10, "ATM n-to-one VPC cell transport" },
	{ 11, "IP layer 2 transport" },
	{ 15, "Frame Relay Port mode" },
	{ 17, "Structure-agnostic E1 over packet" },
	{ 18, "Structure-agnostic T1 (DS1) over packet" },
	{ 19, "VPLS" },
	{ 20, "Structure-agnostic T3 (DS3) over packet" },
	{ 21, "Nx64kbit/s Basic Service using Structure-aware" },
	{ 25, "Frame Relay DLCI" },
	{ 40, "Structure-agnostic E3 over packet" },
	{ 41, "Octet-aligned playload for Structure-agnostic DS1 circuits" },
	{ 42, "E1 Nx64kbit/s with CAS using Structure-aware" },
	{ 43, "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware" },
	{ 44, "DS1 (SF) Nx64kbit/s with CAS using Structure-aware" },
	{ 0, NULL },
};

static const struct pr_tok add_path_names[] = {
	{ 1, "Receive" }, { 2, "Send" }, { 3, "Both" }, { 0, NULL },
};

/* What a decoder returns when tcpdump's "goto trunc" would. */
#define BGP_TRUNC (-2)

/* An AS number, asdot (RFC 5396) with -b above 65535. */
static void as_print(struct pr_ctx *c, uint32_t as)
{
	if (!c->o.bflag || as <= 0xffff)
		pr_printf(c, "%u", as);
	else
		pr_printf(c, "%u.%u", as >> 16, as & 0xffff);
}

static void afi_safi_print(struct pr_ctx *c, const char *lead, uint16_t af,
			   uint8_t safi)
{
	pr_puts(c, lead);
	pr_tok_print(c, af_names, "Unknown", af);
	pr_printf(c, " (%u), SAFI ", af);
	pr_tok_print(c, safi_names, "Unknown", safi);
	pr_printf(c, " (%u)", safi);
}

/* A route distinguisher (RFC 4364), 8 bytes (print-int.h). */
int bgp_rd_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t b[8];
	uint16_t type;

	PR_COPY(c, p, b, 8);
	type = (uint16_t)(b[0] << 8 | b[1]);
	if (type == 0)
		pr_printf(c, "%u:%u (= %u.%u.%u.%u)", b[2] << 8 | b[3],
			  (uint32_t)b[4] << 24 | (uint32_t)b[5] << 16 |
				  (uint32_t)b[6] << 8 | b[7],
			  b[4], b[5], b[6], b[7]);
	else if (type == 1)
		pr_printf(c, "%u.%u.%u.%u:%u", b[2], b[3], b[4], b[5],
			  b[6] << 8 | b[7]);
	else if (type == 2) {
		as_print(c, (uint32_t)b[2] << 24 | (uint32_t)b[3] << 16 |
				    (uint32_t)b[4] << 8 | b[5]);
		pr_printf(c, ":%u (%u.%u.%u.%u:%u)", b[6] << 8 | b[7], b[2],
			  b[3], b[4], b[5], b[6] << 8 | b[7]);
	} else
		pr_puts(c, "unknown RD format");
	return 0;
}

/* An ISO NSAP as tcpdump's isonsap_string: hex, a dot every two bytes. */
static int nsap_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned i;
	uint8_t b;

	if (len < 1 || len > 20) {
		pr_puts(c, "isonsap_string: illegal length");
		return 0;
	}
	PR_NEED(c, p, len);
	for (i = 0; i < len; i++) {
		PR_U8(c, p + i, b);
		pr_hex(c, b, 2);
		if ((i & 1) == 0 && i + 1 < len)
			pr_putc(c, '.');
	}
	return 0;
}

/*
 * A prefix of at most maxbits at p (its length byte first, 24 label bits
 * and an RD after it when labels/rd say so): the bytes it took, -1 for an
 * illegal length, BGP_TRUNC when itemlen ends first, PR_STOP. Prints
 * "\n\t" lead, then the prefix as tcpdump formats it.
 */
static int prefix_print(struct pr_ctx *c, const char *lead, const uint8_t *p,
			unsigned itemlen, unsigned maxbits, int labeled,
			int rd, int check_len)
{
	uint8_t plen8, a[16], b3 = 0;
	unsigned plen, bytes, hdr = 1;
	uint32_t label = 0;

	if (labeled && !rd) {
		PR_NEED(c, p, 4);
		if (itemlen < 4)
			return -3;
	} else if (check_len && itemlen < 1) {
		return BGP_TRUNC;
	}
	PR_U8(c, p, plen8);
	plen = plen8;
	if (labeled) {
		unsigned sub = rd ? 24 + 64 : 24;

		if (plen < sub)
			return -1;
		plen -= sub;
		hdr = rd ? 12 : 4;
	}
	if (plen > maxbits)
		return -1;
	bytes = (plen + 7) / 8;
	if (check_len && itemlen < hdr + bytes)
		return labeled ? -3 : BGP_TRUNC;
	memset(a, 0, sizeof(a));
	PR_COPY(c, p + hdr, a, bytes);
	if (plen % 8)
		a[bytes - 1] &= (uint8_t)((0xff00 >> (plen % 8)) & 0xff);
	if (labeled) {
		PR_BE24(c, p + 1, label);
		PR_U8(c, p + 3, b3);
	}
	pr_puts(c, lead);
	if (rd) {
		pr_puts(c, "RD: ");
		if (bgp_rd_print(c, p + 4) == PR_STOP)
			return PR_STOP;
		pr_puts(c, ", ");
	}
	if (maxbits == 32)
		pr_ip4(c, a);
	else
		pr_ip6(c, a);
	pr_printf(c, "/%u", plen);
	if (labeled)
		pr_printf(c, ", label:%u %s", label >> 4,
			  (b3 & 1) ? "(bottom)"
				   : "(BOGUS: Bottom of Stack NOT set!)");
	return (int)(hdr + bytes);
}

/* RFC 4684 route target membership NLRI. */
static int rt_routing_info_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t plen8, rt[8];
	uint32_t as;
	unsigned plen, n, i;
	char hex[24];
	size_t hl = 0;
	uint16_t ec;

	PR_U8(c, p, plen8);
	plen = plen8;
	if (plen == 0) {
		pr_puts(c, "\n\t      default route target");
		return 1;
	}
	if (plen < 32 || plen - 32 > 64) {
		pr_puts(c, "\n\t      (illegal prefix length)");
		return -1;
	}
	PR_BE32(c, p + 1, as);
	plen -= 32;
	memset(rt, 0, sizeof(rt));
	n = (plen + 7) / 8;
	PR_COPY(c, p + 5, rt, n);
	if (plen % 8)
		rt[n - 1] &= (uint8_t)((0xff00 >> (plen % 8)) & 0xff);
	pr_puts(c, "\n\t      origin AS: ");
	as_print(c, as);
	pr_puts(c, ", ");
	hex[0] = '\0';
	for (i = 0; i < n; i++)
		hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl, "%02x%s", rt[i],
				       (i % 2 == 1 && i < n - 1) ? " " : "");
	if (plen == 0) {
		pr_puts(c, "route-target: 0:0/0");
		return 5;
	}
	if (plen < 16) {
		pr_printf(c, "route-target: partial-type: (%s/%d)", hex, (int)plen);
		return 5 + (int)n;
	}
	ec = (uint16_t)(rt[0] << 8 | rt[1]);
	if (ec == 0x0002) {
		pr_printf(c, "route-target: %u:%u/%d (%s)", rt[2] << 8 | rt[3],
			  (uint32_t)rt[4] << 24 | (uint32_t)rt[5] << 16 |
				  (uint32_t)rt[6] << 8 | rt[7],
			  (int)plen, hex);
	} else if (ec == 0x0102) {
		pr_printf(c, "route-target: %u.%u.%u.%u:%u/%d (%s)", rt[2], rt[3],
			  rt[4], rt[5], rt[6] << 8 | rt[7], (int)plen, hex);
	} else if (ec == 0x0202) {
		pr_puts(c, "route-target: ");
		as_print(c, (uint32_t)rt[2] << 24 | (uint32_t)rt[3] << 16 |
				    (uint32_t)rt[4] << 8 | rt[5]);
		pr_printf(c, ":%u/%d (%s)", rt[6] << 8 | rt[7], (int)plen, hex);
	} else {
		pr_printf(c, "route target: unknown-type(%04x) (%s/%d)", ec, hex,
			  (int)plen);
	}
	return 5 + (int)n;
}

/* RFC 4360 extended community value (8 bytes at p). */
static int ext_community_print(struct pr_ctx *c, const uint8_t *p)
{
	uint16_t type, v16;
	uint32_t v32;
	uint8_t b6, b7;
	float f;

	PR_BE16(c, p, type);
	switch (type) {
	case 0x0002:
	case 0x0003:
	case 0x000a:
		PR_BE16(c, p + 2, v16);
		PR_BE32(c, p + 4, v32);
		pr_printf(c, "%u:%u", v16, v32);
		PR_IP4(c, " (= ", p + 4);
		pr_putc(c, ')');
		break;
	case 0x0102:
	case 0x0103:
	case 0xf10a:
	case 0x010b:
		PR_BE16(c, p + 6, v16);
		PR_IP4(c, "", p + 2);
		pr_printf(c, ":%u", v16);
		break;
	case 0x0202:
	case 0x0203:
		PR_BE32(c, p + 2, v32);
		PR_BE16(c, p + 6, v16);
		as_print(c, v32);
		pr_printf(c, ":%u", v16);
		break;
	case 0x4004:
		PR_BE32(c, p + 4, v32);
		memcpy(&f, &v32, sizeof(f));
		pr_printf_libc(c, "bandwidth: %.3f Mbps", f * 8 / 1000000);
		break;
	case 0x0005:
	case 0x0105:
	case 0x0205:
	case 0x8005:
	case 0x0107:
	case 0x8001:
		PR_IP4(c, "", p + 2);
		break;
	case 0x0306:
	case 0x8000:
		PR_NEED(c, p + 2, 4);
		PR_U8(c, p + 6, b6);
		PR_U8(c, p + 7, b7);
		PR_IP4(c, "area:", p + 2);
		pr_puts(c, ", router-type:");
		pr_tok_print(c, ospf_rtype_names, "unknown (0x%02x)", b6);
		pr_printf(c, ", metric-type:%s%s", (b7 & 1) ? "E2" : "",
			  (b6 == 5 || b6 == 7) ? "E1" : "");
		break;
	case 0x800a:
		PR_U8(c, p + 2, b6);
		PR_U8(c, p + 3, b7);
		PR_BE16(c, p + 4, v16);
		pr_tok_print(c, l2vpn_encap_names, "unknown encaps", b6);
		pr_printf(c, " Control Flags [0x%02x]:MTU %u", b7, v16);
		break;
	case 0x0009:
		PR_BE16(c, p + 2, v16);
		pr_printf(c, "AS %u", v16);
		break;
	case 0x030c:
		PR_BE16(c, p + 6, v16);
		pr_puts(c, "Tunnel type: ");
		pr_tok_print(c, encap_tunnel_names, "unknown encaps", v16);
		break;
	default: {
		uint8_t b[6];

		PR_COPY(c, p + 2, b, 6);
		pr_printf(c, "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
			  b[4], b[5]);
		break;
	}
	}
	return 0;
}

/* 2 when an AS path parses with 2-byte AS numbers, else 4. */
static int as_size(struct pr_ctx *c, uint8_t atype, const uint8_t *p,
		   unsigned len)
{
	const uint8_t *t = p;
	uint8_t st, n;

	if (atype == 17)
		return 4;
	while (t < p + len) {
		if (!pk_u8(&c->pk, t, &st) || st < 1 || st > 4)
			return 4;
		if (!pk_u8(&c->pk, t + 1, &n))
			return 4;
		t += 2 + n * 2;
	}
	return t == p + len ? 2 : 4;
}

/*
 * Whether NLRI of length bytes at p look like RFC 7911 add-path (a path
 * identifier before each prefix), by tcpdump's heuristic.
 */
static int check_add_path(struct pr_ctx *c, const uint8_t *p, unsigned length,
			  unsigned maxbits)
{
	unsigned off, pl;
	uint8_t b;

	if (length < 5)
		return 0;
	for (off = 0; off < length;) {
		off += 4;
		if (!pk_u8(&c->pk, p + off, &b))
			break;
		pl = b;
		if (pl > maxbits)
			return 0;
		off += 1 + (pl + 7) / 8;
	}
	if (off > length)
		return 0;
	for (off = 0; off < length;) {
		if (!pk_u8(&c->pk, p + off, &b))
			break;
		pl = b;
		if (pl < 1 || pl > maxbits)
			return 1;
		off += 1 + (pl + 7) / 8;
	}
	return off > length;
}

/* The AFI/SAFI pairs the NLRI printer knows (tcpdump's list). */
static int af_known(uint32_t afs)
{
	static const uint32_t known[] = {
		AF_SAFI(1, 1),	 AF_SAFI(1, 2),	  AF_SAFI(1, 3),
		AF_SAFI(1, 4),	 AF_SAFI(1, 132), AF_SAFI(1, 128),
		AF_SAFI(1, 129), AF_SAFI(1, 130), AF_SAFI(1, 5),
		AF_SAFI(1, 66),	 AF_SAFI(2, 1),	  AF_SAFI(2, 2),
		AF_SAFI(2, 3),	 AF_SAFI(2, 4),	  AF_SAFI(2, 128),
		AF_SAFI(2, 129), AF_SAFI(2, 130), AF_SAFI(3, 1),
		AF_SAFI(3, 2),	 AF_SAFI(3, 3),	  AF_SAFI(3, 128),
		AF_SAFI(3, 129), AF_SAFI(3, 130), AF_SAFI(196, 128),
		AF_SAFI(196, 129), AF_SAFI(196, 130), AF_SAFI(25, 65),
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i] == afs)
			return 1;
	return 0;
}

/* AFI and SAFI of an MP attribute: 0, -1 (no decoder), BGP_TRUNC, PR_STOP. */
static int mp_af_print(struct pr_ctx *c, const uint8_t *p, unsigned len,
		       uint16_t *af, uint8_t *safi)
{
	PR_BE16(c, p, *af);
	PR_U8(c, p + 2, *safi);
	pr_puts(c, "\n\t    AFI: ");
	pr_tok_print(c, af_names, "Unknown AFI", *af);
	pr_printf(c, " (%u), %sSAFI: ", *af, *safi > 128 ? "vendor specific " : "");
	pr_tok_print(c, safi_names, "Unknown SAFI", *safi);
	pr_printf(c, " (%u)", *safi);
	if (af_known(AF_SAFI(*af, *safi)))
		return 0;
	if (!pr_has(c, p, len))
		return BGP_TRUNC;
	pr_printf(c, "\n\t    no AFI %u / SAFI %u decoder", *af, *safi);
	if (c->o.vflag <= 1)
		pr_unknown_data(c, p, "\n\t    ", len);
	return -1;
}

static const struct pr_tok mvpn_route_names[] = {
	{ 1, "Intra-AS I-PMSI" },
	{ 2, "Inter-AS I-PMSI" },
	{ 3, "S-PMSI" },
	{ 4, "Intra-AS Segment-Leaf" },
	{ 5, "Source-Active" },
	{ 6, "Shared Tree Join" },
	{ 7, "Source Tree Join" },
	{ 0, NULL },
};

/* An address of addr_bits bits (32 or 128), tcpdump's bgp_vpn_ip_print. */
static int vpn_ip_print(struct pr_ctx *c, const uint8_t *p, unsigned addr_bits)
{
	if (addr_bits == 32)
		PR_IP4(c, "", p);
	else if (addr_bits == 128)
		PR_IP6(c, "", p);
	else
		pr_printf(c, "bogus address length %u", addr_bits);
	return 0;
}

/* A multicast (S,G): the bytes it claims, or PR_STOP. */
static int vpn_sg_print(struct pr_ctx *c, const uint8_t *p, unsigned *total)
{
	uint8_t alen;
	int i;

	*total = 0;
	for (i = 0; i < 2; i++) {
		PR_U8(c, p, alen);
		p++;
		if (!pr_has(c, p, alen >> 3u))
			return 0;
		*total += (alen >> 3u) + 1u;
		if (alen) {
			pr_puts(c, i ? ", Group " : ", Source ");
			if (vpn_ip_print(c, p, alen) == PR_STOP)
				return PR_STOP;
			p += alen >> 3u;
		}
	}
	return 0;
}

/* RFC 6514 multicast VPN NLRI, after its lead; BGP_TRUNC, PR_STOP. */
static int mvpn_body_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t type, rlen;
	uint32_t as;
	unsigned sg;

	PR_U8(c, p, type);
	PR_U8(c, p + 1, rlen);
	p += 2;
	pr_puts(c, "Route-Type: ");
	pr_tok_print(c, mvpn_route_names, "Unknown", type);
	pr_printf(c, " (%u), length: %u", type, rlen);
	switch (type) {
	case 1:
		if (!pr_has(c, p, RD_LEN))
			return BGP_TRUNC;
		pr_puts(c, ", RD: ");
		if (bgp_rd_print(c, p) == PR_STOP)
			return PR_STOP;
		pr_puts(c, ", Originator ");
		return vpn_ip_print(c, p + RD_LEN, (rlen - RD_LEN) << 3);
	case 2:
	case 6:
	case 7:
		if (!pr_has(c, p, RD_LEN + 4))
			return BGP_TRUNC;
		pr_puts(c, ", RD: ");
		if (bgp_rd_print(c, p) == PR_STOP)
			return PR_STOP;
		PR_BE32(c, p + RD_LEN, as);
		pr_puts(c, ", Source-AS ");
		as_print(c, as);
		if (type == 2)
			return 0;
		return vpn_sg_print(c, p + RD_LEN + 4, &sg);
	case 3:
	case 5:
		if (!pr_has(c, p, RD_LEN))
			return BGP_TRUNC;
		pr_puts(c, ", RD: ");
		if (bgp_rd_print(c, p) == PR_STOP)
			return PR_STOP;
		p += RD_LEN;
		if (vpn_sg_print(c, p, &sg) == PR_STOP)
			return PR_STOP;
		if (type == 5)
			return 0;
		if (!pr_has(c, p, rlen - sg))
			return BGP_TRUNC;
		pr_puts(c, ", Originator ");
		return vpn_ip_print(c, p, (rlen - sg) << 3);
	default:
		return 0;
	}
}

/* The NLRI of a multicast VPN: its size, BGP_TRUNC, PR_STOP. */
static int mvpn_print(struct pr_ctx *c, const uint8_t *p)
{
	size_t at = c->out->len;
	uint8_t rlen;
	int rc;

	PR_U8(c, p + 1, rlen);
	pr_puts(c, "\n\t      ");
	rc = mvpn_body_print(c, p);
	if (rc == 0)
		return rlen + 2;
	/* tcpdump formats into a buffer it drops when a field is missing */
	c->out->len = at;
	if (rc == PR_STOP)
		pr_trunc(c);
	return rc;
}

/* The MDT SAFI's NLRI (RFC 6037): its size, -1, PR_STOP. */
static int mdt_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t plen;

	PR_U8(c, p, plen);
	if (plen != 16 * 8) {
		pr_puts(c, "\n\t    (illegal prefix length)");
		return -1;
	}
	PR_NEED(c, p + 1, RD_LEN);
	PR_NEED(c, p + 9, 8);
	pr_puts(c, "\n\t      RD: ");
	if (bgp_rd_print(c, p + 1) == PR_STOP)
		return PR_STOP;
	PR_IP4(c, ", VPN IP Address: ", p + 9);
	PR_IP4(c, ", MC Group Address: ", p + 13);
	return 17;
}

/* One NLRI entry: its size, a negative code as tcpdump's bgp_nlri_print. */
static int nlri_print(struct pr_ctx *c, uint16_t af, uint8_t safi,
		      const uint8_t *p, unsigned len, int ap4, int ap6)
{
	uint32_t afs = AF_SAFI(af, safi), path_id = 0;
	int adv, ap;

	switch (afs) {
	case AF_SAFI(1, 1):
	case AF_SAFI(1, 2):
	case AF_SAFI(1, 3):
	case AF_SAFI(2, 1):
	case AF_SAFI(2, 2):
	case AF_SAFI(2, 3):
		ap = af == 1 ? ap4 : ap6;
		if (ap) {
			PR_BE32(c, p, path_id);
			p += 4;
		}
		adv = prefix_print(c, "\n\t      ", p, len, af == 1 ? 32 : 128,
				   0, 0, 1);
		if (adv == PR_STOP)
			return PR_STOP;
		if (adv == -1)
			pr_puts(c, "\n\t    (illegal prefix length)");
		else if (adv == BGP_TRUNC)
			return adv;
		if (ap) {
			pr_printf(c, "   Path Id: %u", path_id);
			adv += 4;
		}
		return adv;
	case AF_SAFI(1, 4):
	case AF_SAFI(2, 4):
		adv = prefix_print(c, "\n\t      ", p, len, af == 1 ? 32 : 128,
				   1, 0, 1);
		if (adv == PR_STOP)
			return PR_STOP;
		if (adv == -1)
			pr_puts(c, "\n\t    (illegal prefix length)");
		return adv;
	case AF_SAFI(1, 128):
	case AF_SAFI(1, 129):
	case AF_SAFI(1, 130):
	case AF_SAFI(2, 128):
	case AF_SAFI(2, 129):
	case AF_SAFI(2, 130):
		adv = prefix_print(c, "\n\t      ", p, len, af == 1 ? 32 : 128,
				   1, 1, 0);
		if (adv == PR_STOP)
			return PR_STOP;
		if (adv == -1)
			pr_puts(c, "\n\t    (illegal prefix length)");
		return adv;
	case AF_SAFI(1, 132):
		return rt_routing_info_print(c, p);
	case AF_SAFI(1, 5):
	case AF_SAFI(2, 5):
		return mvpn_print(c, p);
	case AF_SAFI(1, 66):
		return mdt_print(c, p);
	default:
		/* L2VPN/VPLS and CLNP: not decoded here */
		pr_generic(c, "BGP");
		pr_unknown_data(c, p, "\n\t      ", len);
		return -4;
	}
}

static int attr_print(struct pr_ctx *c, uint8_t atype, const uint8_t *pptr,
		      unsigned len, unsigned level);

/* The NLRI list of an MP attribute, from tptr to pptr + len. */
static int mp_nlri_list(struct pr_ctx *c, uint16_t af, uint8_t safi,
			const uint8_t *tptr, const uint8_t *pptr, unsigned len)
{
	unsigned rest = len - (unsigned)(tptr - pptr);
	int ap4 = check_add_path(c, tptr, rest, 32);
	int ap6 = check_add_path(c, tptr, rest, 128);
	int adv;

	while (tptr < pptr + len) {
		adv = nlri_print(c, af, safi, tptr, len, ap4, ap6);
		if (adv == PR_STOP || adv == BGP_TRUNC)
			return adv;
		if (adv < 0)
			break;
		tptr += adv;
	}
	return 0;
}

static int mp_reach_print(struct pr_ctx *c, const uint8_t *pptr, unsigned len)
{
	const uint8_t *tptr = pptr;
	unsigned tlen = len, nnh = 0;
	uint16_t af;
	uint8_t safi, nhlen, tnh, snpa;
	int rc;

	PR_NEED(c, tptr, 3);
	if (tlen < 3)
		return BGP_TRUNC;
	rc = mp_af_print(c, tptr, tlen, &af, &safi);
	if (rc == PR_STOP || rc == BGP_TRUNC)
		return rc;
	if (rc < 0)
		return 0;
	tptr += 3;
	tlen -= 3;
	PR_NEED(c, tptr, 1);
	if (tlen < 1)
		return BGP_TRUNC;
	PR_U8(c, tptr, nhlen);
	tptr++;
	tlen--;
	if (nhlen) {
		tnh = nhlen;
		if (tlen < tnh)
			return BGP_TRUNC;
		pr_puts(c, "\n\t    nexthop: ");
		while (tnh != 0) {
			unsigned need;
			int v6, rd;

			if (nnh++ > 0)
				pr_puts(c, ", ");
			switch (AF_SAFI(af, safi)) {
			case AF_SAFI(1, 1):
			case AF_SAFI(1, 2):
			case AF_SAFI(1, 3):
			case AF_SAFI(1, 4):
			case AF_SAFI(1, 132):
			case AF_SAFI(1, 5):
			case AF_SAFI(1, 66):
			case AF_SAFI(196, 128):
			case AF_SAFI(196, 129):
			case AF_SAFI(196, 130):
			case AF_SAFI(25, 65):
				v6 = 0, rd = 0;
				break;
			case AF_SAFI(1, 128):
			case AF_SAFI(1, 129):
			case AF_SAFI(1, 130):
				v6 = 0, rd = 1;
				break;
			case AF_SAFI(2, 1):
			case AF_SAFI(2, 2):
			case AF_SAFI(2, 3):
			case AF_SAFI(2, 4):
				v6 = 1, rd = 0;
				break;
			case AF_SAFI(2, 128):
			case AF_SAFI(2, 129):
			case AF_SAFI(2, 130):
				v6 = 1, rd = 1;
				break;
			case AF_SAFI(3, 1):
			case AF_SAFI(3, 2):
			case AF_SAFI(3, 3):
				if (nsap_print(c, tptr, tnh) == PR_STOP)
					return PR_STOP;
				tptr += tnh;
				tlen -= tnh;
				tnh = 0;
				continue;
			case AF_SAFI(3, 128):
			case AF_SAFI(3, 129):
			case AF_SAFI(3, 130): {
				uint32_t w;

				if (tnh < RD_LEN + 1) {
					pr_puts(c, "invalid len");
				} else {
					PR_NEED(c, tptr, tnh);
					pr_puts(c, "RD: ");
					if (bgp_rd_print(c, tptr) == PR_STOP)
						return PR_STOP;
					pr_puts(c, ", ");
					if (nsap_print(c, tptr + RD_LEN,
						       tnh - RD_LEN) == PR_STOP)
						return PR_STOP;
					PR_BE32(c, tptr + RD_LEN, w);
					if (w == 0x47000601)
						PR_IP4(c, " = ", tptr + RD_LEN + 4);
					else if ((w >> 8) == 0x350000)
						PR_IP6(c, " = ", tptr + RD_LEN + 3);
				}
				tptr += tnh;
				tlen -= tnh;
				tnh = 0;
				continue;
			}
			default:
				pr_printf(c, "ERROR: no AFI %u/SAFI %u nexthop decoder",
					  af, safi);
				return 0;
			}
			need = (v6 ? 16u : 4u) + (rd ? RD_LEN : 0);
			if (tnh < need) {
				pr_puts(c, "invalid len");
				tptr += tnh;
				tlen -= tnh;
				tnh = 0;
				continue;
			}
			if (rd) {
				PR_NEED(c, tptr, RD_LEN);
				PR_NEED(c, tptr + RD_LEN, v6 ? 16 : 4);
				pr_puts(c, "RD: ");
				if (bgp_rd_print(c, tptr) == PR_STOP)
					return PR_STOP;
				pr_puts(c, ", ");
			}
			if (v6)
				PR_IP6(c, "", tptr + (rd ? RD_LEN : 0));
			else
				PR_IP4(c, "", tptr + (rd ? RD_LEN : 0));
			tptr += need;
			tlen -= need;
			tnh = (uint8_t)(tnh - need);
		}
	}
	pr_printf(c, ", nh-length: %u", nhlen);
	if (tlen < 1)
		return BGP_TRUNC;
	PR_U8(c, tptr, snpa);
	tptr++;
	tlen--;
	if (snpa) {
		pr_printf(c, "\n\t    %u SNPA", snpa);
		for (; snpa != 0; snpa--) {
			uint8_t sl;

			if (tlen < 1)
				return BGP_TRUNC;
			PR_U8(c, tptr, sl);
			pr_printf(c, "\n\t      %u bytes", sl);
			tptr++;
			tlen--;
			if (tlen < sl)
				return BGP_TRUNC;
			PR_NEED(c, tptr, sl);
			tptr += sl;
			tlen -= sl;
		}
	} else {
		pr_puts(c, ", no SNPA");
	}
	return mp_nlri_list(c, af, safi, tptr, pptr, len);
}

static int mp_unreach_print(struct pr_ctx *c, const uint8_t *pptr,
			    unsigned len)
{
	uint16_t af;
	uint8_t safi;
	int rc;

	PR_NEED(c, pptr, 3);
	rc = mp_af_print(c, pptr, len, &af, &safi);
	if (rc == PR_STOP || rc == BGP_TRUNC)
		return rc;
	if (rc < 0)
		return 0;
	if (len == 3)
		pr_puts(c, "\n\t      End-of-Rib Marker (empty NLRI)");
	return mp_nlri_list(c, af, safi, pptr + 3, pptr, len);
}

/* The attribute header's flags, "[OTPE+x]". */
static void attr_flags_print(struct pr_ctx *c, uint8_t f)
{
	pr_printf(c, ", Flags [%s%s%s%s", f & 0x80 ? "O" : "", f & 0x40 ? "T" : "",
		  f & 0x20 ? "P" : "", f & 0x10 ? "E" : "");
	if (f & 0xf)
		pr_printf(c, "+%x", f & 0xf);
	pr_putc(c, ']');
}

static int attr_set_print(struct pr_ctx *c, const uint8_t *tptr,
			 unsigned *lenp, unsigned level)
{
	uint32_t as;
	uint8_t af, at, l8;
	uint16_t l16;
	unsigned alen, ll;

	PR_NEED(c, tptr, 4);
	if (*lenp < 4)
		return BGP_TRUNC;
	PR_BE32(c, tptr, as);
	pr_puts(c, "\n\t    Origin AS: ");
	as_print(c, as);
	tptr += 4;
	*lenp -= 4;
	while (*lenp) {
		PR_NEED(c, tptr, 2);
		if (*lenp < 2) {
			pr_puts(c, " [path attr too short]");
			return 0;
		}
		PR_U8(c, tptr, af);
		PR_U8(c, tptr + 1, at);
		tptr += 2;
		*lenp -= 2;
		ll = (af & 0x10) ? 2 : 1;
		PR_NEED(c, tptr, ll);
		if (*lenp < ll) {
			pr_puts(c, " [path attr too short]");
			return 0;
		}
		if (ll == 2) {
			PR_BE16(c, tptr, l16);
			alen = l16;
		} else {
			PR_U8(c, tptr, l8);
			alen = l8;
		}
		tptr += ll;
		*lenp -= ll;
		pr_puts(c, "\n\t      ");
		pr_tok_print(c, attr_names, "Unknown Attribute", at);
		pr_printf(c, " (%u), length: %u", at, alen);
		if (af)
			attr_flags_print(c, af);
		pr_puts(c, ": ");
		if (*lenp < alen) {
			pr_puts(c, " [path attr too short]");
			return 0;
		}
		if (level == 10) {
			pr_puts(c, "(too many nested levels, not recursing)");
		} else {
			int rc = attr_print(c, at, tptr, alen, level + 1);

			if (rc)
				return rc;
		}
		tptr += alen;
		*lenp -= alen;
	}
	return 0;
}
/* One path attribute's value: 0, BGP_TRUNC, PR_STOP. */
static int attr_print(struct pr_ctx *c, uint8_t atype, const uint8_t *pptr,
		      unsigned len, unsigned level)
{
	const uint8_t *tptr = pptr;
	unsigned tlen = len, i;
	uint32_t w, w2, w3;
	uint16_t v;
	uint8_t b, n;
	int rc = 0, asz;

	switch (atype) {
	case 1:
		if (len != 1) {
			pr_puts(c, "invalid len");
			break;
		}
		PR_U8(c, tptr, b);
		pr_tok_print(c, origin_names, "Unknown Origin Typecode", b);
		break;
	case 2:
	case 17:
		if (len % 2) {
			pr_puts(c, "invalid len");
			break;
		}
		if (!len) {
			pr_puts(c, "empty");
			break;
		}
		asz = as_size(c, atype, pptr, len);
		while (tptr < pptr + len) {
			PR_U8(c, tptr, b);
			pr_tok_print(c, seg_open, "?", b);
			PR_U8(c, tptr + 1, n);
			for (i = 0; i < n * (unsigned)asz; i += (unsigned)asz) {
				PR_NEED(c, tptr + 2 + i, (unsigned)asz);
				if (asz == 2) {
					PR_BE16(c, tptr + i + 2, v);
					w = v;
				} else {
					PR_BE32(c, tptr + i + 2, w);
				}
				as_print(c, w);
				pr_putc(c, ' ');
			}
			PR_U8(c, tptr, b);
			pr_tok_print(c, seg_close, "?", b);
			tptr += 2 + n * (unsigned)asz;
		}
		break;
	case 3:
		if (len != 4)
			pr_puts(c, "invalid len");
		else
			PR_IP4(c, "", tptr);
		break;
	case 4:
	case 5:
		if (len != 4) {
			pr_puts(c, "invalid len");
		} else {
			PR_BE32(c, tptr, w);
			pr_printf(c, "%u", w);
		}
		break;
	case 6:
		if (len != 0)
			pr_puts(c, "invalid len");
		break;
	case 7:
	case 18:
		if ((atype == 7 && len != 6 && len != 8) ||
		    (atype == 18 && len != 8)) {
			pr_puts(c, "invalid len");
			break;
		}
		PR_NEED(c, tptr, len);
		if (len == 6) {
			PR_BE16(c, tptr, v);
			w = v;
		} else {
			PR_BE32(c, tptr, w);
		}
		pr_puts(c, " AS #");
		as_print(c, w);
		PR_IP4(c, ", origin ", tptr + (len == 6 ? 2 : 4));
		break;
	case 8:
		if (len % 4) {
			pr_puts(c, "invalid len");
			break;
		}
		for (; tlen != 0; tlen -= 4, tptr += 4) {
			PR_BE32(c, tptr, w);
			if (w == 0xffffff01)
				pr_puts(c, " NO_EXPORT");
			else if (w == 0xffffff02)
				pr_puts(c, " NO_ADVERTISE");
			else if (w == 0xffffff03)
				pr_puts(c, " NO_EXPORT_SUBCONFED");
			else
				pr_printf(c, "%u:%u%s", w >> 16, w & 0xffff,
					  tlen > 4 ? ", " : "");
		}
		break;
	case 9:
		if (len != 4) {
			pr_puts(c, "invalid len");
			break;
		}
		PR_IP4(c, "", tptr);
		break;
	case 10:
		if (len % 4) {
			pr_puts(c, "invalid len");
			break;
		}
		for (; tlen != 0; tlen -= 4, tptr += 4) {
			PR_NEED(c, tptr, 4);
			PR_IP4(c, "", tptr);
			if (tlen > 4)
				pr_puts(c, ", ");
		}
		break;
	case 14:
		rc = mp_reach_print(c, pptr, len);
		break;
	case 15:
		rc = mp_unreach_print(c, pptr, len);
		break;
	case 16:
		if (len % 8) {
			pr_puts(c, "invalid len");
			break;
		}
		for (; tlen != 0; tlen -= 8, tptr += 8) {
			PR_BE16(c, tptr, v);
			pr_puts(c, "\n\t    ");
			pr_tok_print(c, ext_subtype_names,
				     "unknown extd community typecode", v);
			pr_printf(c, " (0x%04x), Flags [", v);
			pr_bittok_print(c, ext_flag_names, ", ", "none", v);
			pr_putc(c, ']');
			PR_NEED(c, tptr, 8);
			pr_puts(c, ": ");
			if (ext_community_print(c, tptr) == PR_STOP)
				return PR_STOP;
		}
		break;
	case 22: {
		uint8_t flags, tt;

		PR_NEED(c, tptr, 5);
		if (tlen < 5)
			return BGP_TRUNC;
		PR_U8(c, tptr, flags);
		PR_U8(c, tptr + 1, tt);
		PR_BE24(c, tptr + 2, w);
		pr_puts(c, "\n\t    Tunnel-type ");
		pr_tok_print(c, pmsi_names, "Unknown", tt);
		pr_printf(c, " (%u), Flags [", tt);
		pr_bittok_print(c, pmsi_flag_names, ", ", "none", flags);
		pr_printf(c, "], MPLS Label %u", w >> 4);
		tptr += 5;
		tlen -= 5;
		switch (tt) {
		case 4:
		case 5:
			PR_NEED(c, tptr, 8);
			PR_IP4(c, "\n\t      Sender ", tptr);
			PR_IP4(c, ", P-Group ", tptr + 4);
			break;
		case 3:
			PR_NEED(c, tptr, 8);
			PR_IP4(c, "\n\t      Root-Node ", tptr);
			PR_IP4(c, ", P-Group ", tptr + 4);
			break;
		case 6:
			PR_IP4(c, "\n\t      Tunnel-Endpoint ", tptr);
			break;
		case 2:
		case 7:
		case 1:
			PR_NEED(c, tptr, 4);
			PR_BE32(c, tptr + 4, w);
			PR_IP4(c, tt == 1 ? "\n\t      Extended-Tunnel-ID "
					  : "\n\t      Root-Node ",
			       tptr);
			pr_printf(c, tt == 1 ? ", P2MP-ID 0x%08x" : ", LSP-ID 0x%08x",
				  w);
			break;
		default:
			if (c->o.vflag <= 1)
				pr_unknown_data(c, tptr, "\n\t      ", tlen);
			break;
		}
		break;
	}
	case 26:
		while (tlen >= 3) {
			uint16_t l;

			PR_U8(c, tptr, b);
			PR_BE16(c, tptr + 1, l);
			tptr += 3;
			tlen -= 3;
			pr_puts(c, "\n\t    ");
			pr_tok_print(c, aigp_names, "Unknown", b);
			pr_printf(c, " TLV (%u), length %u", b, l);
			if (l < 3)
				return BGP_TRUNC;
			l = (uint16_t)(l - 3);
			if (tlen < l)
				return BGP_TRUNC;
			if (b == 1) {
				if (l < 8)
					return BGP_TRUNC;
				PR_BE32(c, tptr, w);
				PR_BE32(c, tptr + 4, w2);
				pr_printf(c, ", metric %llu",
					  (unsigned long long)w << 32 | w2);
			} else if (c->o.vflag <= 1) {
				pr_unknown_data(c, tptr, "\n\t      ", l);
			}
			tptr += l;
			tlen -= l;
		}
		break;
	case 128:
		/* tcpdump counts len down too: -vv dumps what is left */
		rc = attr_set_print(c, pptr, &len, level);
		break;
	case 32:
		if (len == 0 || len % 12) {
			pr_puts(c, "invalid len");
			break;
		}
		pr_puts(c, "\n\t    ");
		for (; tlen != 0; tlen -= 12, tptr += 12) {
			PR_BE32(c, tptr, w);
			PR_BE32(c, tptr + 4, w2);
			PR_BE32(c, tptr + 8, w3);
			pr_printf(c, "%u:%u:%u%s", w, w2, w3, tlen > 12 ? ", " : "");
		}
		/* tcpdump counts its len down here: no -vv dump follows */
		len = 0;
		break;
	default:
		PR_NEED(c, pptr, len);
		pr_printf(c, "\n\t    no Attribute %u decoder", atype);
		if (c->o.vflag <= 1)
			pr_unknown_data(c, pptr, "\n\t    ", len);
		break;
	}
	if (rc)
		return rc;
	if (c->o.vflag > 1 && len) {
		PR_NEED(c, pptr, len);
		pr_unknown_data(c, pptr, "\n\t    ", len);
	}
	return 0;
}

/* ---- messages ---- */

static int capabilities_print(struct pr_ctx *c, const uint8_t *opt,
			      unsigned caps_len)
{
	unsigned i = 0, tl, off;
	uint8_t type, clen, b, s;
	uint16_t af, v;
	uint32_t w;

	while (i < caps_len) {
		if (!pr_has(c, opt + i, 2))
			goto trunc;
		PR_U8(c, opt + i, type);
		PR_U8(c, opt + i + 1, clen);
		pr_puts(c, "\n\t      ");
		pr_tok_print(c, cap_names, "Unknown", type);
		pr_printf(c, " (%u), length: %u", type, clen);
		if (!pr_has(c, opt + 2 + i, clen))
			goto trunc;
		switch (type) {
		case 1:
			if (clen < 4) {
				pr_puts(c, " (too short, < 4)");
				return 0;
			}
			PR_BE16(c, opt + i + 2, af);
			PR_U8(c, opt + i + 5, s);
			afi_safi_print(c, "\n\t\tAFI ", af, s);
			break;
		case 8:
			for (off = 2, tl = clen; tl >= 4; tl -= 4, off += 4) {
				PR_BE16(c, opt + i + off, af);
				PR_U8(c, opt + i + off + 2, s);
				PR_U8(c, opt + i + off + 3, b);
				afi_safi_print(c, "\n\t\tAFI ", af, s);
				pr_printf(c, ", Count: %u", b);
			}
			break;
		case 64:
			if (clen < 2) {
				pr_puts(c, " (too short, < 2)");
				return 0;
			}
			PR_U8(c, opt + i + 2, b);
			PR_BE16(c, opt + i + 2, v);
			pr_printf(c, "\n\t\tRestart Flags: [%s], Restart Time %us",
				  (b & 0x80) ? "R" : "none", v & 0xfff);
			for (off = 4, tl = clen - 2u; tl >= 4; tl -= 4, off += 4) {
				PR_BE16(c, opt + i + off, af);
				PR_U8(c, opt + i + off + 2, s);
				PR_U8(c, opt + i + off + 3, b);
				afi_safi_print(c, "\n\t\t  AFI ", af, s);
				pr_printf(c, ", Forwarding state preserved: %s",
					  (b & 0x80) ? "yes" : "no");
			}
			break;
		case 2:
		case 71:
		case 128:
			break;
		case 65:
			if (clen < 4) {
				pr_puts(c, " (too short, < 4)");
				return 0;
			}
			PR_BE32(c, opt + i + 2, w);
			pr_puts(c, "\n\t\t 4 Byte AS ");
			as_print(c, w);
			break;
		case 69:
			if (clen == 0) {
				pr_puts(c, " (bogus)");
				break;
			}
			for (off = 2, tl = clen; tl != 0; tl -= 4, off += 4) {
				if (tl < 4) {
					pr_invalid(c);
					break;
				}
				PR_BE16(c, opt + i + off, af);
				PR_U8(c, opt + i + off + 2, s);
				PR_U8(c, opt + i + off + 3, b);
				afi_safi_print(c, "\n\t\tAFI ", af, s);
				pr_puts(c, ", Send/Receive: ");
				pr_tok_print(c, add_path_names, "Bogus (0x%02x)", b);
			}
			break;
		default:
			pr_printf(c, "\n\t\tno decoder for Capability %u", type);
			if (c->o.vflag <= 1)
				pr_unknown_data(c, opt + i + 2, "\n\t\t", clen);
			break;
		}
		if (c->o.vflag > 1 && clen != 0)
			pr_unknown_data(c, opt + i + 2, "\n\t\t", clen);
		i += 2u + clen;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int open_print(struct pr_ctx *c, const uint8_t *dat, unsigned length)
{
	uint8_t ver, optslen, ot, ol;
	uint16_t as, hold;
	const uint8_t *opt;
	unsigned i;

	if (!pr_has(c, dat, BGP_OPEN_LEN) || length < BGP_OPEN_LEN)
		goto trunc;
	PR_U8(c, dat + 19, ver);
	PR_BE16(c, dat + 20, as);
	PR_BE16(c, dat + 22, hold);
	pr_printf(c, "\n\t  Version %u, my AS ", ver);
	as_print(c, as);
	pr_printf(c, ", Holdtime %us, ", hold);
	PR_IP4(c, "ID ", dat + 24);
	PR_U8(c, dat + 28, optslen);
	pr_printf(c, "\n\t  Optional parameters, length: %u", optslen);
	opt = dat + BGP_OPEN_LEN;
	length -= BGP_OPEN_LEN;
	for (i = 0; i < optslen; i += 2u + ol) {
		if (!pr_has(c, opt + i, 2) || length < 2 + i)
			goto trunc;
		PR_U8(c, opt + i, ot);
		PR_U8(c, opt + i + 1, ol);
		if (2 + i + ol > optslen) {
			pr_printf(c, "\n\t     Option %u, length: %u, goes past the end of the options",
				  ot, ol);
			break;
		}
		pr_puts(c, "\n\t    Option ");
		pr_tok_print(c, opt_names, "Unknown", ot);
		pr_printf(c, " (%u), length: %u", ot, ol);
		if (ot == 2) {
			if (capabilities_print(c, opt + 2 + i, ol) == PR_STOP)
				return PR_STOP;
		} else {
			pr_printf(c, "\n\t      no decoder for option %u", ot);
		}
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

/* IPv4 NLRI or withdrawn routes: 0, BGP_TRUNC, PR_STOP. */
static int routes_print(struct pr_ctx *c, const uint8_t **pp, unsigned *lenp,
			unsigned *lengthp, int withdrawn)
{
	const uint8_t *p = *pp;
	unsigned len = *lenp;
	int ap = check_add_path(c, p, len, 32), adv;
	uint32_t path_id = 0;

	while (len != 0) {
		if (ap) {
			if (withdrawn && len < 4) {
				p += len;
				*lengthp -= len;
				len = 0;
				break;
			}
			if (!withdrawn) {
				PR_NEED(c, p, 4);
				if (len < 4)
					return BGP_TRUNC;
			}
			PR_BE32(c, p, path_id);
			p += 4;
			*lengthp -= 4;
			len -= 4;
		}
		adv = prefix_print(c, "\n\t    ", p, len, 32, 0, 0, 1);
		if (adv == PR_STOP)
			return PR_STOP;
		if (adv == -1) {
			pr_puts(c, "\n\t    (illegal prefix length)");
			break;
		}
		if (adv == BGP_TRUNC)
			return BGP_TRUNC;
		if (ap)
			pr_printf(c, "   Path Id: %u", path_id);
		p += adv;
		*lengthp -= (unsigned)adv;
		len -= (unsigned)adv;
	}
	*pp = p;
	*lenp = len;
	return 0;
}

static int update_print(struct pr_ctx *c, const uint8_t *dat, unsigned length)
{
	const uint8_t *p;
	unsigned wlen, len;
	uint16_t v;
	int rc;

	if (!pr_has(c, dat, BGP_HDRLEN) || length < BGP_HDRLEN)
		goto trunc;
	p = dat + BGP_HDRLEN;
	length -= BGP_HDRLEN;
	if (!pr_has(c, p, 2) || length < 2)
		goto trunc;
	PR_BE16(c, p, v);
	wlen = v;
	p += 2;
	length -= 2;
	if (!pr_has(c, p, wlen) || length < wlen)
		goto trunc;
	if (wlen > 1) {
		pr_puts(c, "\n\t  Withdrawn routes:");
		rc = routes_print(c, &p, &wlen, &length, 1);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc)
			goto trunc;
	} else {
		p += wlen;
		length -= wlen;
	}
	if (!pr_has(c, p, 2) || length < 2)
		goto trunc;
	PR_BE16(c, p, v);
	len = v;
	p += 2;
	length -= 2;
	if (wlen == 0 && len == 0 && length == 0) {
		pr_puts(c, "\n\t  End-of-Rib Marker (empty NLRI)");
		return 0;
	}
	if (len && length < len)
		goto trunc;
	while (len) {
		uint8_t af, at, l8;
		unsigned ll, alen;

		if (!pr_has(c, p, 2) || length < 2)
			goto trunc;
		if (len < 2) {
			pr_puts(c, "\n\t  [path attrs too short]");
			p += len;
			length -= len;
			break;
		}
		PR_U8(c, p, af);
		PR_U8(c, p + 1, at);
		p += 2;
		len -= 2;
		length -= 2;
		ll = (af & 0x10) ? 2 : 1;
		if (!pr_has(c, p, ll) || length < ll)
			goto trunc;
		if (len < ll) {
			pr_puts(c, "\n\t  [path attrs too short]");
			p += len;
			length -= len;
			break;
		}
		if (ll == 2) {
			PR_BE16(c, p, v);
			alen = v;
		} else {
			PR_U8(c, p, l8);
			alen = l8;
		}
		p += ll;
		len -= ll;
		length -= ll;
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, attr_names, "Unknown Attribute", at);
		pr_printf(c, " (%u), length: %u", at, alen);
		if (af) {
			attr_flags_print(c, af);
			pr_puts(c, ": ");
		}
		if (len < alen) {
			pr_puts(c, " [path attrs too short]");
			p += len;
			length -= len;
			break;
		}
		if (length < alen)
			goto trunc;
		rc = attr_print(c, at, p, alen, 0);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc)
			goto trunc;
		p += alen;
		len -= alen;
		length -= alen;
	}
	if (length) {
		unsigned n = length;

		pr_puts(c, "\n\t  Updated routes:");
		rc = routes_print(c, &p, &n, &length, 0);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc)
			goto trunc;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int notification_print(struct pr_ctx *c, const uint8_t *dat,
			      unsigned length)
{
	uint8_t major, minor;
	const uint8_t *t;

	if (!pr_has(c, dat, BGP_NOTIF_LEN)) {
		pr_trunc(c);
		return 0;
	}
	if (length < BGP_NOTIF_LEN)
		return 0;
	PR_U8(c, dat + 19, major);
	PR_U8(c, dat + 20, minor);
	pr_puts(c, ", ");
	pr_tok_print(c, major_names, "Unknown Error", major);
	pr_printf(c, " (%u)", major);
	switch (major) {
	case 1:
	case 2:
	case 3:
	case 5:
	case 7:
		pr_puts(c, (major == 5 || major == 7) ? " subcode " : ", subcode ");
		pr_tok_print(c, major == 1	 ? minor_msg_names
				: major == 2 ? minor_open_names
				: major == 3 ? minor_update_names
				: major == 5 ? minor_fsm_names
					     : minor_cap_names,
			     "Unknown", minor);
		pr_printf(c, " (%u)", minor);
		break;
	case 6:
		pr_puts(c, ", subcode ");
		pr_tok_print(c, cease_names, "Unknown", minor);
		pr_printf(c, " (%u)", minor);
		t = dat + BGP_NOTIF_LEN;
		if (minor == 1 && length >= BGP_NOTIF_LEN + 7) {
			uint16_t af;
			uint8_t s;
			uint32_t mx;

			PR_BE16(c, t, af);
			PR_U8(c, t + 2, s);
			PR_BE32(c, t + 3, mx);
			afi_safi_print(c, ", AFI ", af, s);
			pr_printf(c, ", Max Prefixes: %u", mx);
		}
		if ((minor == 2 || minor == 4) && length >= BGP_NOTIF_LEN + 1) {
			uint8_t sl;
			unsigned off = 0;

			PR_U8(c, t, sl);
			if (sl > length - (BGP_NOTIF_LEN + 1)) {
				pr_puts(c, ", invalid Shutdown Communication length");
			} else if (sl == 0) {
				pr_puts(c, ", empty Shutdown Communication");
				off = 1;
			} else {
				pr_printf(c, ", Shutdown Communication (length: %u): \"",
					  sl);
				pr_printn(c, t + 1, sl);
				pr_putc(c, '"');
				off = sl + 1u;
			}
			if (length - (off + BGP_NOTIF_LEN) > 0) {
				unsigned n = length - (off + BGP_NOTIF_LEN);

				pr_printf(c, ", Data: (length: %u)", n);
				pr_hex_dump(c, "\n\t\t", t + off, n);
			}
		}
		break;
	default:
		break;
	}
	return 0;
}

static int route_refresh_print(struct pr_ctx *c, const uint8_t *p,
			       unsigned len)
{
	uint16_t af;
	uint8_t s;

	if (!pr_has(c, p, BGP_RR_LEN)) {
		pr_trunc(c);
		return 0;
	}
	if (len < BGP_RR_LEN)
		return 0;
	PR_BE16(c, p + 19, af);
	PR_U8(c, p + 22, s);
	afi_safi_print(c, "\n\t  AFI ", af, s);
	if (c->o.vflag > 1) {
		if (!pr_has(c, p, len)) {
			pr_trunc(c);
			return 0;
		}
		pr_unknown_data(c, p, "\n\t  ", len);
	}
	return 0;
}

/* One message: 1, 0 when it ended the segment's printing, PR_STOP. */
static int pdu_print(struct pr_ctx *c, const uint8_t *dat, unsigned length)
{
	uint8_t type;
	int rc = 0;

	if (!pr_has(c, dat, BGP_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, dat + 18, type);
	pr_puts(c, "\n\t");
	pr_tok_print(c, msg_names, "Unknown", type);
	pr_printf(c, " Message (%u), length: %u", type, length);
	switch (type) {
	case 1:
		rc = open_print(c, dat, length);
		break;
	case 2:
		rc = update_print(c, dat, length);
		break;
	case 3:
		rc = notification_print(c, dat, length);
		break;
	case 4:
		break;
	case 5:
		rc = route_refresh_print(c, dat, length);
		break;
	default:
		if (!pr_has(c, dat, length)) {
			pr_trunc(c);
			return 0;
		}
		pr_printf(c, "\n\t  no Message %u decoder", type);
		pr_unknown_data(c, dat, "\n\t  ", length);
		break;
	}
	return rc == PR_STOP ? PR_STOP : 1;
}

int bgp_print(struct pr_ctx *c, const uint8_t *dat, unsigned length)
{
	static const uint8_t marker[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	const uint8_t *p = dat, *start = dat;
	uint16_t hlen;
	uint8_t b, type;
	int rc;

	(void)length;
	c->proto = "bgp";
	pr_puts(c, ": BGP");
	if (!c->o.vflag)
		return 0;
	while (pr_has(c, p, 1)) {
		PR_U8(c, p, b);
		if (b != 0xff) {
			p++;
			continue;
		}
		if (!pr_has(c, p, sizeof(marker)))
			break;
		if (memcmp(pk_span(&c->pk, p, sizeof(marker)), marker,
			   sizeof(marker)) != 0) {
			p++;
			continue;
		}
		PR_NEED(c, p, BGP_HDRLEN);
		if (start != p)
			pr_trunc(c);
		PR_BE16(c, p + 16, hlen);
		if (hlen < BGP_HDRLEN) {
			pr_printf(c, "\nmessage length %u < %u", hlen, BGP_HDRLEN);
			pr_invalid(c);
			break;
		}
		if (!pr_has(c, p, hlen)) {
			PR_U8(c, p + 18, type);
			pr_puts(c, "\n[|BGP ");
			pr_tok_print(c, msg_names, "Unknown Message Type", type);
			pr_putc(c, ']');
			break;
		}
		rc = pdu_print(c, p, hlen);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == 0)
			return 0;
		p += hlen;
		start = p;
	}
	return 0;
}

int bgp_prefix_print(struct pr_ctx *c, const char *lead, const uint8_t *p,
		     unsigned itemlen, unsigned maxbits)
{
	return prefix_print(c, lead, p, itemlen, maxbits, 0, 0, 1);
}
