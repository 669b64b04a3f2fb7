/* print-radius.c: RADIUS (RFC 2865, accounting RFC 2866, CoA RFC 5176) on UDP 1645, 1646, 1700, 1812, 1813 and 3799. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Code      |  Identifier   |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Authenticator (16)                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Attributes: Type (1), Length (1), Value ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-
 *
 * Without -v one line, "RADIUS, Access-Request (1), id: 0x05 length:
 * 57"; with -v the authenticator and every attribute on its own line by
 * its type's form (text, number or named value, address, time, ...);
 * -vv adds each attribute's hex. EAP-Message (RFC 3579) holds an EAP
 * packet (print-eap.c).
 */
#include "capture/print-int.h"

#include <time.h>

#define ARRAY_N(a) (sizeof(a) / sizeof((a)[0]))
#define MIN_RADIUS_LEN 20

#define FRM_IPADDR 8
#define LOG_IPHOST 14
#define FRM_IPX 23
#define SESSION_TIMEOUT 27
#define IDLE_TIMEOUT 28
#define FRM_ATALK_LINK 37
#define FRM_ATALK_NETWORK 38
#define ACCT_DELAY 41
#define ACCT_SESSION_TIME 46
#define EGRESS_VLAN_ID 56
#define EGRESS_VLAN_NAME 58
#define TUNNEL_TYPE 64
#define TUNNEL_MEDIUM 65
#define TUNNEL_CLIENT_END 66
#define TUNNEL_SERVER_END 67
#define TUNNEL_PASS 69
#define ARAP_PASS 70
#define ARAP_FEATURES 71
#define EAP_MESSAGE 79
#define TUNNEL_PRIV_GROUP 81
#define TUNNEL_ASSIGN_ID 82
#define TUNNEL_PREFERENCE 83
#define ARAP_CHALLENGE_RESP 84
#define ACCT_INT_INTERVAL 85
#define TUNNEL_CLIENT_AUTH 90
#define TUNNEL_SERVER_AUTH 91
#define ERROR_CAUSE 101

static const struct pr_tok command_names[] = {
	{ 1, "Access-Request" },     { 2, "Access-Accept" },
	{ 3, "Access-Reject" },	     { 4, "Accounting-Request" },
	{ 5, "Accounting-Response" }, { 11, "Access-Challenge" },
	{ 12, "Status-Server" },     { 13, "Status-Client" },
	{ 40, "Disconnect-Request" }, { 41, "Disconnect-ACK" },
	{ 42, "Disconnect-NAK" },    { 43, "CoA-Request" },
	{ 44, "CoA-ACK" },	     { 45, "CoA-NAK" },
	{ 255, "Reserved" },	     { 0, NULL },
};

static const struct pr_tok rfc4675_tagged[] = {
	{ 0x31, "Tagged" }, { 0x32, "Untagged" }, { 0, NULL },
};

/* Standard values (IANA "RADIUS Types"); NULL where none is named. */
static const char *const serv_type[] = {
	NULL,
	"Login",
	"Framed",
	"Callback Login",
	"Callback Framed",
	"Outbound",
	"Administrative",
	"NAS Prompt",
	"Authenticate Only",
	"Callback NAS Prompt",
	"Call Check",
	"Callback Administrative",
	"Voice",
	"Fax",
	"Modem Relay",
	"IAPP-Register",
	"IAPP-AP-Check",
	"Authorize Only",
	"Framed-Management",
	"Additional-Authorization",
};
static const char *const frm_proto[] = {
	NULL,	    "PPP",		"SLIP",		    "ARAP",
	"Gandalf proprietary", "Xylogics IPX/SLIP", "X.75 Synchronous",
	"GPRS PDP Context",
};
static const char *const frm_routing[] = { "None", "Send", "Listen",
					   "Send&Listen" };
static const char *const frm_comp[] = { "None", "VJ TCP/IP", "IPX",
					"Stac-LZS" };
static const char *const login_serv[] = {
	"Telnet",     "Rlogin",	    "TCP Clear", "PortMaster(proprietary)",
	"LAT",	      "X.25-PAD",   "X.25-T3POS", "Unassigned",
	"TCP Clear Quiet",
};
static const char *const term_action[] = { "Default", "RADIUS-Request" };
static const char *const ingress_filters[] = { NULL, "Enabled", "Disabled" };
static const char *const nas_port_type[] = {
	"Async",
	"Sync",
	"ISDN Sync",
	"ISDN Async V.120",
	"ISDN Async V.110",
	"Virtual",
	"PIAFS",
	"HDLC Clear Channel",
	"X.25",
	"X.75",
	"G.3 Fax",
	"SDSL",
	"ADSL-CAP",
	"ADSL-DMT",
	"ISDN-DSL",
	"Ethernet",
	"xDSL",
	"Cable",
	"Wireless - Other",
	"Wireless - IEEE 802.11",
	"Token-Ring",
	"FDDI",
	"Wireless - CDMA200",
	"Wireless - UMTS",
	"Wireless - 1X-EV",
	"IAPP",
	"FTTP",
	"Wireless - IEEE 802.16",
	"Wireless - IEEE 802.20",
	"Wireless - IEEE 802.22",
	"PPPoA",
	"PPPoEoA",
	"PPPoEoE",
	"PPPoEoVLAN",
	"PPPoEoQinQ",
	"xPON",
	"Wireless - XGP",
	"WiMAX Pre-Release 8 IWK Function",
	"WIMAX-WIFI-IWK",
	"WIMAX-SFF",
	"WIMAX-HA-LMA",
	"WIMAX-DHCP",
	"WIMAX-LBS",
	"WIMAX-WVS",
};
static const char *const acct_status[] = {
	NULL,	       "Start",		"Stop",		     "Interim-Update",
	"Unassigned",  "Unassigned",	"Unassigned",	     "Accounting-On",
	"Accounting-Off", "Tunnel-Start", "Tunnel-Stop",     "Tunnel-Reject",
	"Tunnel-Link-Start", "Tunnel-Link-Stop", "Tunnel-Link-Reject", "Failed",
};
static const char *const acct_auth[] = { NULL, "RADIUS", "Local", "Remote",
					 "Diameter" };
static const char *const acct_term[] = {
	NULL,
	"User Request",
	"Lost Carrier",
	"Lost Service",
	"Idle Timeout",
	"Session Timeout",
	"Admin Reset",
	"Admin Reboot",
	"Port Error",
	"NAS Error",
	"NAS Request",
	"NAS Reboot",
	"Port Unneeded",
	"Port Preempted",
	"Port Suspended",
	"Service Unavailable",
	"Callback",
	"User Error",
	"Host Request",
	"Supplicant Restart",
	"Reauthentication Failure",
	"Port Reinitialized",
	"Port Administratively Disabled",
	"Lost Power",
};
static const char *const tunnel_type[] = {
	NULL,  "PPTP", "L2F",	    "L2TP",	  "ATMP", "VTP", "AH",
	"IP-IP", "MIN-IP-IP", "ESP", "GRE", "DVS", "IP-in-IP Tunneling", "VLAN",
};
static const char *const tunnel_medium[] = {
	NULL,	  "IPv4",	"IPv6",	      "NSAP",	    "HDLC",
	"BBN 1822", "802",	"E.163",      "E.164",	    "F.69",
	"X.121",  "IPX",	"Appletalk",  "Decnet IV",  "Banyan Vines",
	"E.164 with NSAP subaddress",
};
static const char *const arap_zone[] = {
	NULL, "Only access to dfl zone", "Use zone filter inc.", "Not used",
	"Use zone filter exc.",
};
static const char *const prompt[] = { "No Echo", "Echo" };

static const struct pr_tok error_causes[] = {
	{ 201, "Residual Session Context Removed" },
	{ 202, "Invalid EAP Packet (Ignored)" },
	{ 401, "Unsupported Attribute" },
	{ 402, "Missing Attribute" },
	{ 403, "NAS Identification Mismatch" },
	{ 404, "Invalid Request" },
	{ 405, "Unsupported Service" },
	{ 406, "Unsupported Extension" },
	{ 407, "Invalid Attribute Value" },
	{ 501, "Administratively Prohibited" },
	{ 502, "Request Not Routable (Proxy)" },
	{ 503, "Session Context Not Found" },
	{ 504, "Session Context Not Removable" },
	{ 505, "Other Proxy Processing Error" },
	{ 506, "Resources Unavailable" },
	{ 507, "Request Initiated" },
	{ 508, "Multiple Session Selection Unsupported" },
	{ 509, "Location Info Required" },
	{ 0, NULL },
};

/* MIP6-Feature-Vector bits (IANA "AAA Parameters"). */
static const struct {
	uint64_t v;
	const char *s;
} mip6_features[] = {
	{ 0x0000000000000001ull, "MIP6_INTEGRATED" },
	{ 0x0000000000000002ull, "LOCAL_HOME_AGENT_ASSIGNMENT" },
	{ 0x0000010000000000ull, "PMIP6_SUPPORTED" },
	{ 0x0000020000000000ull, "IP4_HOA_SUPPORTED" },
	{ 0x0000040000000000ull, "LOCAL_MAG_ROUTING_SUPPORTED" },
	{ 0x0000080000000000ull, "ASSIGN_LOCAL_IP" },
	{ 0x0000100000000000ull, "MIP4_SUPPORTED" },
	{ 0x0000200000000000ull, "OPTIMIZED_IDLE_MODE_MOBILITY" },
	{ 0x0000400000000000ull, "GTPv2_SUPPORTED" },
	{ 0x0000800000000000ull, "IP4_TRANSPORT_SUPPORTED" },
	{ 0x0001000000000000ull, "IP4_HOA_ONLY_SUPPORTED" },
	{ 0x0002000000000000ull, "INTER_MAG_ROUTING_SUPPORTED" },
};

static const struct pr_tok operator_names[] = {
	{ 0x30, "TADIG" }, { 0x31, "REALM" }, { 0x32, "E212" },
	{ 0x33, "ICC" },   { 0, NULL },
};
static const struct pr_tok location_codes[] = {
	{ 0, "Civic" }, { 1, "Geospatial" }, { 0, NULL },
};
static const struct pr_tok location_entities[] = {
	{ 0, "User" }, { 1, "RADIUS" }, { 0, NULL },
};
static const struct pr_tok blpr_bits[] = {
	{ 0x0001, "MBZ-15" }, { 0x0002, "MBZ-14" }, { 0x0004, "MBZ-13" },
	{ 0x0008, "MBZ-12" }, { 0x0010, "MBZ-11" }, { 0x0020, "MBZ-10" },
	{ 0x0040, "MBZ-9" },  { 0x0080, "MBZ-8" },  { 0x0100, "MBZ-7" },
	{ 0x0200, "MBZ-6" },  { 0x0400, "MBZ-5" },  { 0x0800, "MBZ-4" },
	{ 0x1000, "MBZ-3" },  { 0x2000, "MBZ-2" },  { 0x4000, "MBZ-1" },
	{ 0x8000, "Retransmission Allowed" },	    { 0, NULL },
};

/* SMI network management private enterprise codes (IANA), as tcpdump names them. */
const struct pr_tok smi_names[] = {
	{ 0, "IETF (reserved)" },
	{ 5, "ACC" },
	{ 9, "Cisco" },
	{ 11, "Hewlett Packard" },
	{ 42, "Sun Microsystems" },
	{ 61, "Merit" },
	{ 74, "AT&T" },
	{ 161, "Motorola" },
	{ 166, "Shiva" },
	{ 193, "Ericsson AB" },
	{ 255, "Cisco VPN 5000" },
	{ 307, "Livingston" },
	{ 311, "Microsoft" },
	{ 429, "3Com" },
	{ 529, "Ascend" },
	{ 1584, "Bay Networks" },
	{ 1991, "Foundry" },
	{ 2180, "Versanet" },
	{ 2352, "Redback" },
	{ 2636, "Juniper Networks" },
	{ 2637, "Aptis" },
	{ 2937, "Deutsche Telekom AG" },
	{ 3054, "Ixia Communications" },
	{ 3076, "Cisco VPN 3000" },
	{ 3085, "CoSine Communications" },
	{ 3224, "Netscreen" },
	{ 3199, "Shasta" },
	{ 3309, "Nomadix" },
	{ 3414, "T-Mobile" },
	{ 3561, "The Broadband Forum" },
	{ 3902, "ZTE" },
	{ 4329, "Siemens" },
	{ 4491, "CableLabs" },
	{ 4874, "Unisphere Networks" },
	{ 5263, "Cisco BBSM" },
	{ 5535, "3rd Generation Partnership Project 2 (3GPP2)" },
	{ 5806, "SK Telecom" },
	{ 5925, "ipUnplugged" },
	{ 5948, "Issanni Communications" },
	{ 5951, "Netscaler" },
	{ 6490, "T-Mobile" },
	{ 6618, "Quintum" },
	{ 6728, "Interlink" },
	{ 7951, "CNCTC" },
	{ 8164, "Starent Networks" },
	{ 8744, "Colubris" },
	{ 10415, "3GPP" },
	{ 10529, "Gemtek-Systems" },
	{ 10704, "Barracuda Networks" },
	{ 10923, "Ericsson AB - Packet Core Networks" },
	{ 11665, "dacom" },
	{ 11862, "Columbia University" },
	{ 12356, "Fortinet" },
	{ 12951, "Verizon Wireless" },
	{ 13745, "Plixer" },
	{ 14122, "Wi-Fi Alliance" },
	{ 16787, "T-Systems Nova" },
	{ 20942, "China Telecom - Guangzhou Research Institute" },
	{ 26866, "Gigamon Systems" },
	{ 32622, "CACE Technologies" },
	{ 35632, "ntop" },
	{ 46098, "Ericsson Canada" },
	{ 0, NULL },
};

/* How an attribute's value prints. */
enum attr_form {
	AT_NONE,
	AT_STRING,
	AT_NUM,
	AT_ADDR,
	AT_ADDR6,
	AT_NETMASK6,
	AT_VENDOR,
	AT_TIME,
	AT_STRANGE,
	AT_VECTOR64,
	AT_HOMELINK,
	AT_OPERATOR,
	AT_LOCINFO,
	AT_LOCDATA,
	AT_BLPR,
};

static const struct attr_type {
	const char *name;
	enum attr_form form;
	const char *const *values; /* standard values, from index first */
	uint8_t nvalues;
	uint8_t first;
} attr_types[] = {
	[0] = { NULL, AT_NONE, NULL, 0, 0 },
	[1] = { "User-Name", AT_STRING, NULL, 0, 0 },
	[2] = { "User-Password", AT_NONE, NULL, 0, 0 },
	[3] = { "CHAP-Password", AT_NONE, NULL, 0, 0 },
	[4] = { "NAS-IP-Address", AT_ADDR, NULL, 0, 0 },
	[5] = { "NAS-Port", AT_NUM, NULL, 0, 0 },
	[6] = { "Service-Type", AT_NUM, serv_type, ARRAY_N(serv_type), 1 },
	[7] = { "Framed-Protocol", AT_NUM, frm_proto, ARRAY_N(frm_proto), 1 },
	[8] = { "Framed-IP-Address", AT_ADDR, NULL, 0, 0 },
	[9] = { "Framed-IP-Netmask", AT_ADDR, NULL, 0, 0 },
	[10] = { "Framed-Routing", AT_NUM, frm_routing, ARRAY_N(frm_routing), 0 },
	[11] = { "Filter-Id", AT_STRING, NULL, 0, 0 },
	[12] = { "Framed-MTU", AT_NUM, NULL, 0, 0 },
	[13] = { "Framed-Compression", AT_NUM, frm_comp, ARRAY_N(frm_comp), 0 },
	[14] = { "Login-IP-Host", AT_ADDR, NULL, 0, 0 },
	[15] = { "Login-Service", AT_NUM, login_serv, ARRAY_N(login_serv), 0 },
	[16] = { "Login-TCP-Port", AT_NUM, NULL, 0, 0 },
	[17] = { "Unassigned", AT_NONE, NULL, 0, 0 },
	[18] = { "Reply-Message", AT_STRING, NULL, 0, 0 },
	[19] = { "Callback-Number", AT_STRING, NULL, 0, 0 },
	[20] = { "Callback-Id", AT_STRING, NULL, 0, 0 },
	[21] = { "Unassigned", AT_NONE, NULL, 0, 0 },
	[22] = { "Framed-Route", AT_STRING, NULL, 0, 0 },
	[23] = { "Framed-IPX-Network", AT_NUM, NULL, 0, 0 },
	[24] = { "State", AT_STRING, NULL, 0, 0 },
	[25] = { "Class", AT_STRING, NULL, 0, 0 },
	[26] = { "Vendor-Specific", AT_VENDOR, NULL, 0, 0 },
	[27] = { "Session-Timeout", AT_NUM, NULL, 0, 0 },
	[28] = { "Idle-Timeout", AT_NUM, NULL, 0, 0 },
	[29] = { "Termination-Action", AT_NUM, term_action, ARRAY_N(term_action), 0 },
	[30] = { "Called-Station-Id", AT_STRING, NULL, 0, 0 },
	[31] = { "Calling-Station-Id", AT_STRING, NULL, 0, 0 },
	[32] = { "NAS-Identifier", AT_STRING, NULL, 0, 0 },
	[33] = { "Proxy-State", AT_STRING, NULL, 0, 0 },
	[34] = { "Login-LAT-Service", AT_STRING, NULL, 0, 0 },
	[35] = { "Login-LAT-Node", AT_STRING, NULL, 0, 0 },
	[36] = { "Login-LAT-Group", AT_STRING, NULL, 0, 0 },
	[37] = { "Framed-AppleTalk-Link", AT_NUM, NULL, 0, 0 },
	[38] = { "Framed-AppleTalk-Network", AT_NUM, NULL, 0, 0 },
	[39] = { "Framed-AppleTalk-Zone", AT_STRING, NULL, 0, 0 },
	[40] = { "Acct-Status-Type", AT_NUM, acct_status, ARRAY_N(acct_status), 1 },
	[41] = { "Acct-Delay-Time", AT_NUM, NULL, 0, 0 },
	[42] = { "Acct-Input-Octets", AT_NUM, NULL, 0, 0 },
	[43] = { "Acct-Output-Octets", AT_NUM, NULL, 0, 0 },
	[44] = { "Acct-Session-Id", AT_STRING, NULL, 0, 0 },
	[45] = { "Acct-Authentic", AT_NUM, acct_auth, ARRAY_N(acct_auth), 1 },
	[46] = { "Acct-Session-Time", AT_NUM, NULL, 0, 0 },
	[47] = { "Acct-Input-Packets", AT_NUM, NULL, 0, 0 },
	[48] = { "Acct-Output-Packets", AT_NUM, NULL, 0, 0 },
	[49] = { "Acct-Terminate-Cause", AT_NUM, acct_term, ARRAY_N(acct_term), 1 },
	[50] = { "Acct-Multi-Session-Id", AT_STRING, NULL, 0, 0 },
	[51] = { "Acct-Link-Count", AT_NUM, NULL, 0, 0 },
	[52] = { "Acct-Input-Gigawords", AT_NUM, NULL, 0, 0 },
	[53] = { "Acct-Output-Gigawords", AT_NUM, NULL, 0, 0 },
	[54] = { "Unassigned", AT_NONE, NULL, 0, 0 },
	[55] = { "Event-Timestamp", AT_TIME, NULL, 0, 0 },
	[56] = { "Egress-VLANID", AT_NUM, NULL, 0, 0 },
	[57] = { "Ingress-Filters", AT_NUM, ingress_filters, ARRAY_N(ingress_filters), 1 },
	[58] = { "Egress-VLAN-Name", AT_STRING, NULL, 0, 0 },
	[59] = { "User-Priority-Table", AT_NONE, NULL, 0, 0 },
	[60] = { "CHAP-Challenge", AT_STRING, NULL, 0, 0 },
	[61] = { "NAS-Port-Type", AT_NUM, nas_port_type, ARRAY_N(nas_port_type), 0 },
	[62] = { "Port-Limit", AT_NUM, NULL, 0, 0 },
	[63] = { "Login-LAT-Port", AT_STRING, NULL, 0, 0 },
	[64] = { "Tunnel-Type", AT_NUM, tunnel_type, ARRAY_N(tunnel_type), 1 },
	[65] = { "Tunnel-Medium-Type", AT_NUM, tunnel_medium, ARRAY_N(tunnel_medium), 1 },
	[66] = { "Tunnel-Client-Endpoint", AT_STRING, NULL, 0, 0 },
	[67] = { "Tunnel-Server-Endpoint", AT_STRING, NULL, 0, 0 },
	[68] = { "Acct-Tunnel-Connection", AT_STRING, NULL, 0, 0 },
	[69] = { "Tunnel-Password", AT_STRING, NULL, 0, 0 },
	[70] = { "ARAP-Password", AT_STRANGE, NULL, 0, 0 },
	[71] = { "ARAP-Features", AT_STRANGE, NULL, 0, 0 },
	[72] = { "ARAP-Zone-Access", AT_NUM, arap_zone, ARRAY_N(arap_zone), 1 },
	[73] = { "ARAP-Security", AT_STRING, NULL, 0, 0 },
	[74] = { "ARAP-Security-Data", AT_STRING, NULL, 0, 0 },
	[75] = { "Password-Retry", AT_NUM, NULL, 0, 0 },
	[76] = { "Prompt", AT_NUM, prompt, ARRAY_N(prompt), 0 },
	[77] = { "Connect-Info", AT_STRING, NULL, 0, 0 },
	[78] = { "Configuration-Token", AT_STRING, NULL, 0, 0 },
	[79] = { "EAP-Message", AT_STRING, NULL, 0, 0 },
	[80] = { "Message-Authenticator", AT_STRING, NULL, 0, 0 },
	[81] = { "Tunnel-Private-Group-ID", AT_STRING, NULL, 0, 0 },
	[82] = { "Tunnel-Assignment-ID", AT_STRING, NULL, 0, 0 },
	[83] = { "Tunnel-Preference", AT_NUM, NULL, 0, 0 },
	[84] = { "ARAP-Challenge-Response", AT_STRANGE, NULL, 0, 0 },
	[85] = { "Acct-Interim-Interval", AT_NUM, NULL, 0, 0 },
	[86] = { "Acct-Tunnel-Packets-Lost", AT_NUM, NULL, 0, 0 },
	[87] = { "NAS-Port-Id", AT_STRING, NULL, 0, 0 },
	[88] = { "Framed-Pool", AT_STRING, NULL, 0, 0 },
	[89] = { "CUI", AT_STRING, NULL, 0, 0 },
	[90] = { "Tunnel-Client-Auth-ID", AT_STRING, NULL, 0, 0 },
	[91] = { "Tunnel-Server-Auth-ID", AT_STRING, NULL, 0, 0 },
	[92] = { "NAS-Filter-Rule", AT_STRING, NULL, 0, 0 },
	[93] = { "Unassigned", AT_NONE, NULL, 0, 0 },
	[94] = { "Originating-Line-Info", AT_NONE, NULL, 0, 0 },
	[95] = { "NAS-IPv6-Address", AT_ADDR6, NULL, 0, 0 },
	[96] = { "Framed-Interface-ID", AT_NONE, NULL, 0, 0 },
	[97] = { "Framed-IPv6-Prefix", AT_NETMASK6, NULL, 0, 0 },
	[98] = { "Login-IPv6-Host", AT_ADDR6, NULL, 0, 0 },
	[99] = { "Framed-IPv6-Route", AT_STRING, NULL, 0, 0 },
	[100] = { "Framed-IPv6-Pool", AT_STRING, NULL, 0, 0 },
	[101] = { "Error-Cause", AT_STRANGE, NULL, 0, 0 },
	[102] = { "EAP-Key-Name", AT_NONE, NULL, 0, 0 },
	[103] = { "Digest-Response", AT_STRING, NULL, 0, 0 },
	[104] = { "Digest-Realm", AT_STRING, NULL, 0, 0 },
	[105] = { "Digest-Nonce", AT_STRING, NULL, 0, 0 },
	[106] = { "Digest-Response-Auth", AT_STRING, NULL, 0, 0 },
	[107] = { "Digest-Nextnonce", AT_STRING, NULL, 0, 0 },
	[108] = { "Digest-Method", AT_STRING, NULL, 0, 0 },
	[109] = { "Digest-URI", AT_STRING, NULL, 0, 0 },
	[110] = { "Digest-Qop", AT_STRING, NULL, 0, 0 },
	[111] = { "Digest-Algorithm", AT_STRING, NULL, 0, 0 },
	[112] = { "Digest-Entity-Body-Hash", AT_STRING, NULL, 0, 0 },
	[113] = { "Digest-CNonce", AT_STRING, NULL, 0, 0 },
	[114] = { "Digest-Nonce-Count", AT_STRING, NULL, 0, 0 },
	[115] = { "Digest-Username", AT_STRING, NULL, 0, 0 },
	[116] = { "Digest-Opaque", AT_STRING, NULL, 0, 0 },
	[117] = { "Digest-Auth-Param", AT_STRING, NULL, 0, 0 },
	[118] = { "Digest-AKA-Auts", AT_STRING, NULL, 0, 0 },
	[119] = { "Digest-Domain", AT_STRING, NULL, 0, 0 },
	[120] = { "Digest-Stale", AT_STRING, NULL, 0, 0 },
	[121] = { "Digest-HA1", AT_STRING, NULL, 0, 0 },
	[122] = { "SIP-AOR", AT_STRING, NULL, 0, 0 },
	[123] = { "Delegated-IPv6-Prefix", AT_NETMASK6, NULL, 0, 0 },
	[124] = { "MIP6-Feature-Vector", AT_VECTOR64, NULL, 0, 0 },
	[125] = { "MIP6-Home-Link-Prefix", AT_HOMELINK, NULL, 0, 0 },
	[126] = { "Operator-Name", AT_OPERATOR, NULL, 0, 0 },
	[127] = { "Location-Information", AT_LOCINFO, NULL, 0, 0 },
	[128] = { "Location-Data", AT_LOCDATA, NULL, 0, 0 },
	[129] = { "Basic-Location-Policy-Rules", AT_BLPR, NULL, 0, 0 },
};

/* A byte as tcpdump's "%c" of ND_ASCII_ISPRINT or '.'. */
static void ascii_char(struct pr_ctx *c, uint8_t b)
{
	pr_putc(c, b >= 0x20 && b <= 0x7e ? (char)b : '.');
}

/* n bytes as %02X. */
static int hex_upper(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t b;

	while (n--) {
		PR_U8(c, p, b);
		pr_printf(c, "%02X", b);
		p++;
	}
	return 0;
}

static int string_print(struct pr_ctx *c, const uint8_t *data,
			unsigned length, unsigned code)
{
	unsigned i;
	uint8_t b;
	uint16_t salt;

	if (!pr_has(c, data, length))
		goto trunc;
	switch (code) {
	case TUNNEL_PASS:
		if (length < 3)
			goto trunc;
		PR_U8(c, data, b);
		if (b && b <= 0x1f)
			pr_printf(c, "Tag[%u] ", b);
		else
			pr_puts(c, "Tag[Unused] ");
		data++;
		length--;
		PR_BE16(c, data, salt);
		pr_printf(c, "Salt %u ", salt);
		data += 2;
		length -= 2;
		break;
	case TUNNEL_CLIENT_END:
	case TUNNEL_SERVER_END:
	case TUNNEL_PRIV_GROUP:
	case TUNNEL_ASSIGN_ID:
	case TUNNEL_CLIENT_AUTH:
	case TUNNEL_SERVER_AUTH:
		PR_U8(c, data, b);
		if (b <= 0x1f) {
			if (b)
				pr_printf(c, "Tag[%u] ", b);
			else
				pr_puts(c, "Tag[Unused] ");
			data++;
			length--;
		}
		break;
	case EGRESS_VLAN_NAME:
		PR_U8(c, data, b);
		pr_tok_print(c, rfc4675_tagged, "Unknown tag", b);
		pr_printf(c, " (0x%02x) ", b);
		data++;
		length--;
		break;
	case EAP_MESSAGE:
		return eap_print(c, data, length);
	}
	for (i = 0; i < length; i++, data++) {
		PR_U8(c, data, b);
		if (!b)
			break;
		ascii_char(c, b);
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int vendor_print(struct pr_ctx *c, const uint8_t *data, unsigned length)
{
	unsigned type, vlen, i;
	uint32_t id;
	uint8_t b;

	if (length < 4)
		goto trunc;
	PR_BE32(c, data, id);
	data += 4;
	length -= 4;
	pr_puts(c, "Vendor: ");
	pr_tok_print(c, smi_names, "Unknown", id);
	pr_printf(c, " (%u)", id);
	while (length >= 2) {
		PR_U8(c, data, b);
		type = b;
		PR_U8(c, data + 1, b);
		vlen = b;
		if (vlen < 2) {
			pr_printf(c, "\n\t    Vendor Attribute: %u, Length: %u "
				     "(bogus, must be >= 2)", type, vlen);
			return 0;
		}
		if (vlen > length) {
			pr_printf(c, "\n\t    Vendor Attribute: %u, Length: %u "
				     "(bogus, goes past end of vendor-specific "
				     "attribute)", type, vlen);
			return 0;
		}
		data += 2;
		vlen -= 2;
		length -= 2;
		if (!pr_has(c, data, vlen))
			goto trunc;
		pr_printf(c, "\n\t    Vendor Attribute: %u, Length: %u, Value: ",
			  type, vlen);
		for (i = 0; i < vlen; i++, data++) {
			PR_U8(c, data, b);
			ascii_char(c, b);
		}
		length -= vlen;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int num_print(struct pr_ctx *c, const uint8_t *data, unsigned length,
		     unsigned code)
{
	const struct attr_type *t = &attr_types[code];
	uint32_t v;
	uint8_t b;

	if (length != 4) {
		pr_printf(c, "ERROR: length %u != 4", length);
		return 0;
	}
	if (t->nvalues) {
		if (code == TUNNEL_TYPE || code == TUNNEL_MEDIUM) {
			PR_U8(c, data, b);
			if (!b)
				pr_puts(c, "Tag[Unused] ");
			else
				pr_printf(c, "Tag[%u] ", b);
			PR_BE24(c, data + 1, v);
		} else {
			PR_BE32(c, data, v);
		}
		if (v >= t->first && v < t->nvalues)
			pr_puts(c, t->values[v]);
		else
			pr_printf(c, "#%u", v);
		return 0;
	}
	switch (code) {
	case FRM_IPX:
		PR_BE32(c, data, v);
		if (v == 0xfffffffe)
			pr_puts(c, "NAS Select");
		else
			pr_uint(c, v);
		break;
	case SESSION_TIMEOUT:
	case IDLE_TIMEOUT:
	case ACCT_DELAY:
	case ACCT_SESSION_TIME:
	case ACCT_INT_INTERVAL:
		PR_BE32(c, data, v);
		if (v < 60)
			pr_printf(c, "%02u secs", v);
		else if (v < 3600)
			pr_printf(c, "%02u:%02u min", v / 60, v % 60);
		else
			pr_printf(c, "%02u:%02u:%02u hours", v / 3600,
				  (v % 3600) / 60, v % 60);
		break;
	case FRM_ATALK_LINK:
	case FRM_ATALK_NETWORK:
		PR_BE32(c, data, v);
		if (v)
			pr_uint(c, v);
		else
			pr_puts(c, code == FRM_ATALK_LINK ? "Unnumbered"
							  : "NAS assigned");
		break;
	case TUNNEL_PREFERENCE:
		PR_U8(c, data, b);
		if (b)
			pr_printf(c, "Tag[%u] ", b);
		else
			pr_puts(c, "Tag[Unused] ");
		PR_BE24(c, data + 1, v);
		pr_uint(c, v);
		break;
	case EGRESS_VLAN_ID:
		PR_U8(c, data, b);
		pr_tok_print(c, rfc4675_tagged, "Unknown tag", b);
		pr_printf(c, " (0x%02x) ", b);
		PR_BE24(c, data + 1, v);
		pr_uint(c, v);
		break;
	default:
		PR_BE32(c, data, v);
		pr_uint(c, v);
		break;
	}
	return 0;
}

static int addr_print(struct pr_ctx *c, const uint8_t *data, unsigned length,
		      unsigned code)
{
	uint32_t v;

	if (length != 4) {
		pr_printf(c, "ERROR: length %u != 4", length);
		return 0;
	}
	PR_BE32(c, data, v);
	if ((code == FRM_IPADDR || code == LOG_IPHOST) && v == 0xffffffff)
		pr_puts(c, "User Selected");
	else if ((code == FRM_IPADDR || code == LOG_IPHOST) && v == 0xfffffffe)
		pr_puts(c, "NAS Select");
	else
		PR_IP4(c, "", data);
	return 0;
}

static int netmask6_print(struct pr_ctx *c, const uint8_t *data,
			  unsigned length)
{
	uint8_t a[16] = { 0 }, plen;

	if (length < 2 || length > 18) {
		pr_printf(c, "ERROR: length %u not in range (2..18)", length);
		return 0;
	}
	if (!pr_has(c, data, length)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, data + 1, plen);
	if (plen > 128) {
		pr_printf(c, "ERROR: netmask %u not in range (0..128)", plen);
		return 0;
	}
	if (length > 2)
		PR_COPY(c, data + 2, a, length - 2);
	pr_ip6(c, a);
	pr_printf(c, "/%u", plen);
	if (plen > 8 * (length - 2))
		pr_puts(c, " (inconsistent prefix length)");
	return 0;
}

static int homelink_print(struct pr_ctx *c, const uint8_t *data,
			  unsigned length)
{
	uint8_t plen;

	if (length != 17) {
		pr_printf(c, "ERROR: length %u != 17", length);
		return 0;
	}
	if (!pr_has(c, data, length)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, data, plen);
	if (plen > 128) {
		pr_printf(c, "ERROR: netmask %u not in range (0..128)", plen);
		return 0;
	}
	PR_IP6(c, "", data + 1);
	pr_printf(c, "/%u", plen);
	return 0;
}

/* nd_printn with no end: a short capture stops the packet. */
static int text_print(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	if (pr_printn(c, p, n))
		return pr_stop(c);
	return 0;
}

static int operator_print(struct pr_ctx *c, const uint8_t *data,
			  unsigned length)
{
	uint8_t ns;

	if (!pr_has(c, data, length)) {
		pr_trunc(c);
		return 0;
	}
	if (length < 2) {
		pr_printf(c, "ERROR: length %u < 2", length);
		return 0;
	}
	PR_U8(c, data, ns);
	pr_putc(c, '[');
	pr_tok_print(c, operator_names, "unknown namespace %u", ns);
	pr_puts(c, "] ");
	return text_print(c, data + 1, length - 1);
}

static int locinfo_print(struct pr_ctx *c, const uint8_t *data,
			 unsigned length)
{
	uint16_t index;
	uint8_t code, entity;

	if (!pr_has(c, data, length)) {
		pr_trunc(c);
		return 0;
	}
	if (length < 21) {
		pr_printf(c, "ERROR: length %u < 21", length);
		return 0;
	}
	PR_BE16(c, data, index);
	PR_U8(c, data + 2, code);
	PR_U8(c, data + 3, entity);
	pr_printf(c, "index %u, code ", index);
	pr_tok_print(c, location_codes, "Unknown (%u)", code);
	pr_puts(c, ", entity ");
	pr_tok_print(c, location_entities, "Unknown (%u)", entity);
	pr_puts(c, ", sighting time ");
	if (ntp_time_print(c, data + 4) == PR_STOP)
		return PR_STOP;
	pr_puts(c, ", time to live ");
	if (ntp_time_print(c, data + 12) == PR_STOP)
		return PR_STOP;
	pr_puts(c, ", method \"");
	if (text_print(c, data + 20, length - 20) == PR_STOP)
		return PR_STOP;
	pr_putc(c, '"');
	return 0;
}

static int locdata_print(struct pr_ctx *c, const uint8_t *data,
			 unsigned length)
{
	uint16_t index;

	if (!pr_has(c, data, length)) {
		pr_trunc(c);
		return 0;
	}
	if (length < 3) {
		pr_printf(c, "ERROR: length %u < 3", length);
		return 0;
	}
	PR_BE16(c, data, index);
	pr_printf(c, "index %u, location", index);
	pr_hexascii_dump(c, "\n\t    ", data + 2, length - 2);
	return 0;
}

static int blpr_print(struct pr_ctx *c, const uint8_t *data, unsigned length)
{
	uint16_t flags;

	if (!pr_has(c, data, length)) {
		pr_trunc(c);
		return 0;
	}
	if (length < 10) {
		pr_printf(c, "ERROR: length %u < 10", length);
		return 0;
	}
	PR_BE16(c, data, flags);
	pr_puts(c, "flags [");
	pr_bittok_print(c, blpr_bits, ", ", "none", flags);
	pr_puts(c, "], retention expires ");
	if (ntp_time_print(c, data + 2) == PR_STOP)
		return PR_STOP;
	if (length > 10) {
		pr_puts(c, ", note well \"");
		if (text_print(c, data + 10, length - 10) == PR_STOP)
			return PR_STOP;
		pr_putc(c, '"');
	}
	return 0;
}

/* Seconds since 1970 as ctime(3) shows them in the local time zone. */
static int time_attr_print(struct pr_ctx *c, const uint8_t *data,
			   unsigned length)
{
	uint32_t v;
	time_t t;
	struct tm tm;
	char buf[64];

	if (length != 4) {
		pr_printf(c, "ERROR: length %u != 4", length);
		return 0;
	}
	PR_BE32(c, data, v);
	t = (time_t)v;
	if (!localtime_r(&t, &tm) ||
	    !strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y", &tm))
		return 0;
	pr_puts(c, buf);
	return 0;
}

static int vector64_print(struct pr_ctx *c, const uint8_t *data,
			  unsigned length)
{
	uint32_t hi, lo;
	uint64_t v;
	const char *sep = "";
	size_t i;

	if (length != 8) {
		pr_printf(c, "ERROR: length %u != 8", length);
		return 0;
	}
	pr_putc(c, '[');
	PR_BE32(c, data, hi);
	PR_BE32(c, data + 4, lo);
	v = (uint64_t)hi << 32 | lo;
	for (i = 0; i < ARRAY_N(mip6_features); i++) {
		if (v & mip6_features[i].v) {
			pr_puts(c, sep);
			pr_puts(c, mip6_features[i].s);
			sep = ", ";
		}
	}
	pr_putc(c, ']');
	return 0;
}

static int strange_print(struct pr_ctx *c, const uint8_t *data,
			 unsigned length, unsigned code)
{
	uint32_t v;
	uint8_t b;

	switch (code) {
	case ARAP_PASS:
		if (length != 16) {
			pr_printf(c, "ERROR: length %u != 16", length);
			return 0;
		}
		pr_puts(c, "User_challenge (");
		if (hex_upper(c, data, 8) == PR_STOP)
			return PR_STOP;
		pr_puts(c, ") User_resp(");
		if (hex_upper(c, data + 8, 8) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		break;
	case ARAP_FEATURES:
		if (length != 14) {
			pr_printf(c, "ERROR: length %u != 14", length);
			return 0;
		}
		PR_U8(c, data, b);
		pr_puts(c, b ? "User can change password"
			     : "User cannot change password");
		PR_U8(c, data + 1, b);
		pr_printf(c, ", Min password length: %u", b);
		pr_puts(c, ", created at: ");
		if (hex_upper(c, data + 2, 4) == PR_STOP)
			return PR_STOP;
		pr_puts(c, ", expires in: ");
		if (hex_upper(c, data + 6, 4) == PR_STOP)
			return PR_STOP;
		pr_puts(c, ", Current Time: ");
		if (hex_upper(c, data + 10, 4) == PR_STOP)
			return PR_STOP;
		break;
	case ARAP_CHALLENGE_RESP:
		if (length < 8) {
			pr_printf(c, "ERROR: length %u != 8", length);
			return 0;
		}
		return hex_upper(c, data, 8);
	case ERROR_CAUSE:
		if (length != 4) {
			pr_printf(c, "Error: length %u != 4", length);
			return 0;
		}
		PR_BE32(c, data, v);
		pr_printf(c, "Error cause %u: ", v);
		pr_tok_print(c, error_causes, "Error-Cause %u not known", v);
		break;
	}
	return 0;
}

static int value_print(struct pr_ctx *c, unsigned type, const uint8_t *data,
		       unsigned length)
{
	switch (attr_types[type].form) {
	case AT_NONE:
		return 0;
	case AT_STRING:
		return string_print(c, data, length, type);
	case AT_NUM:
		return num_print(c, data, length, type);
	case AT_ADDR:
		return addr_print(c, data, length, type);
	case AT_ADDR6:
		if (length != 16) {
			pr_printf(c, "ERROR: length %u != 16", length);
			return 0;
		}
		PR_IP6(c, "", data);
		return 0;
	case AT_NETMASK6:
		return netmask6_print(c, data, length);
	case AT_VENDOR:
		return vendor_print(c, data, length);
	case AT_TIME:
		return time_attr_print(c, data, length);
	case AT_STRANGE:
		return strange_print(c, data, length, type);
	case AT_VECTOR64:
		return vector64_print(c, data, length);
	case AT_HOMELINK:
		return homelink_print(c, data, length);
	case AT_OPERATOR:
		return operator_print(c, data, length);
	case AT_LOCINFO:
		return locinfo_print(c, data, length);
	case AT_LOCDATA:
		return locdata_print(c, data, length);
	case AT_BLPR:
		return blpr_print(c, data, length);
	}
	return 0;
}

static int attrs_print(struct pr_ctx *c, const uint8_t *attr, unsigned length)
{
	uint8_t type, len;

	while (length > 0) {
		if (length < 2 || !pr_has(c, attr, 2)) {
			pr_trunc(c);
			return 0;
		}
		PR_U8(c, attr, type);
		PR_U8(c, attr + 1, len);
		pr_printf(c, "\n\t  %s Attribute (%u), length: %u",
			  type != 0 && type < ARRAY_N(attr_types)
				  ? attr_types[type].name
				  : "Unknown",
			  type, len);
		if (len < 2) {
			pr_puts(c, " (bogus, must be >= 2)");
			return 0;
		}
		if (len > length) {
			pr_puts(c, " (bogus, goes past end of packet)");
			return 0;
		}
		pr_puts(c, ", Value: ");
		if (type < ARRAY_N(attr_types) && len > 2 &&
		    value_print(c, type, attr + 2, len - 2u) == PR_STOP)
			return PR_STOP;
		if (c->o.vflag > 1)
			pr_unknown_data(c, attr + 2, "\n\t    ", len - 2u);
		length -= len;
		attr += len;
	}
	return 0;
}

int radius_print(struct pr_ctx *c, const uint8_t *dat, unsigned length)
{
	uint8_t code, id, b;
	uint16_t len16;
	unsigned len, i;

	c->proto = "radius";
	if (!pr_has(c, dat, MIN_RADIUS_LEN)) {
		pr_trunc(c);
		return 0;
	}
	PR_BE16(c, dat + 2, len16);
	len = len16;
	if (len < MIN_RADIUS_LEN) {
		pr_trunc(c);
		return 0;
	}
	if (len > length)
		len = length;
	PR_U8(c, dat, code);
	PR_U8(c, dat + 1, id);
	if (c->o.vflag < 1) {
		pr_puts(c, "RADIUS, ");
		pr_tok_print(c, command_names, "Unknown Command", code);
		pr_printf(c, " (%u), id: 0x%02x length: %u", code, id, len);
		return 0;
	}
	pr_printf(c, "RADIUS, length: %u\n\t", len);
	pr_tok_print(c, command_names, "Unknown Command", code);
	pr_printf(c, " (%u), id: 0x%02x, Authenticator: ", code, id);
	for (i = 0; i < 16; i++) {
		PR_U8(c, dat + 4 + i, b);
		pr_hex(c, b, 2);
	}
	if (len > MIN_RADIUS_LEN)
		return attrs_print(c, dat + MIN_RADIUS_LEN, len - MIN_RADIUS_LEN);
	return 0;
}
