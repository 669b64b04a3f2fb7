/* print-802_11.c: IEEE 802.11 frames (DLT_IEEE802_11), and the 802.11 printer the radio headers share. */
/*
 * IEEE Std 802.11-2020, clause 9 (frame formats). As captured, a frame is
 * its MAC header, a body and, when a radio header says so, a 4-octet FCS.
 * Multi-octet fields are little-endian.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Ver|Typ|Subtype|T|F|M|R|P|M|P|O|      duration (or AID)        |
 *  |   |   |       |o|r|F|e|w|D|r|r|                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    address 1 (6)                              |
 *  +                               +-------------------------------+
 *  |                               |   address 2 (6), not in CTS,  |
 *  +-------------------------------+   ACK and BA                  |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |   address 3 (6): management and data frames                   |
 *  +                               +-------------------------------+
 *  |                               |   sequence control (2)        |
 *  +-------------------------------+-------------------------------+
 *  |   address 4 (6): data frames both To DS and From DS           |
 *  +                               +-------------------------------+
 *  |                               |   QoS control (2): QoS data   |
 *  +-------------------------------+-------------------------------+
 *
 * The frame control's first octet holds the version (2 bits), type
 * (management 0, control 1, data 2) and subtype (4 bits); the second its
 * flags: To DS, From DS, More Fragments, Retry, Power Management, More
 * Data, Protected, +HTC/Order. A management body is fixed fields, then
 * information elements (ID, length, value); a data body is an LLC/SNAP
 * header (IEEE 802.2) or, when protected, the WEP/TKIP/CCMP IV first.
 * With -H, a QoS data frame may carry an 802.11s mesh control field
 * (9.2.4.7.3): flags (address extension in the low 2 bits), TTL, a
 * 4-octet sequence number and 0 to 3 more addresses.
 *
 * What is shown of it is what tcpdump 4.99.3 shows: of the elements only
 * the SSID, rates, DS parameter (channel), CF, TIM and challenge are
 * parsed, and of those the SSID, the rates and the channel printed.
 */
#include "capture/print-int.h"

#define T_MGMT 0
#define T_CTRL 1
#define T_DATA 2

#define FC_TYPE(fc) (((fc) >> 2) & 3)
#define FC_SUBTYPE(fc) (((fc) >> 4) & 0xf)
#define FC_TO_DS 0x0100
#define FC_FROM_DS 0x0200
#define FC_MORE_FRAG 0x0400
#define FC_RETRY 0x0800
#define FC_PWR_MGMT 0x1000
#define FC_MORE_DATA 0x2000
#define FC_PROTECTED 0x4000
#define FC_ORDER 0x8000

/* Management subtypes. */
#define ST_ASSOC_REQ 0x0
#define ST_ASSOC_RESP 0x1
#define ST_REASSOC_REQ 0x2
#define ST_REASSOC_RESP 0x3
#define ST_PROBE_REQ 0x4
#define ST_PROBE_RESP 0x5
#define ST_BEACON 0x8
#define ST_ATIM 0x9
#define ST_DISASSOC 0xa
#define ST_AUTH 0xb
#define ST_DEAUTH 0xc
#define ST_ACTION 0xd

/* Control subtypes. */
#define CT_WRAPPER 0x7
#define CT_BAR 0x8
#define CT_BA 0x9
#define CT_PS_POLL 0xa
#define CT_RTS 0xb
#define CT_CTS 0xc
#define CT_ACK 0xd
#define CT_CF_END 0xe
#define CT_CF_END_ACK 0xf

/* Data subtype bits. */
#define DT_CF_ACK 0x1
#define DT_CF_POLL 0x2
#define DT_NULL 0x4
#define DT_QOS 0x8

#define MGMT_HDRLEN 24
#define ADDR1 4
#define ADDR2 10
#define ADDR3 16
#define ADDR4 24

/* Information element IDs (9.4.2). */
#define E_SSID 0
#define E_RATES 1
#define E_DS 3
#define E_CF 4
#define E_TIM 5
#define E_CHALLENGE 16

#define CAP_ESS 0x0001
#define CAP_PRIVACY 0x0010

#define SSID_MAX 32
#define RATES_MAX 16
#define CHALLENGE_MAX 253
#define TIM_BITMAP_MAX 251

static const struct pr_tok mgmt_names[] = {
	{ ST_ASSOC_REQ, "Assoc Request" },
	{ ST_ASSOC_RESP, "Assoc Response" },
	{ ST_REASSOC_REQ, "ReAssoc Request" },
	{ ST_REASSOC_RESP, "ReAssoc Response" },
	{ ST_PROBE_REQ, "Probe Request" },
	{ ST_PROBE_RESP, "Probe Response" },
	{ ST_BEACON, "Beacon" },
	{ ST_ATIM, "ATIM" },
	{ ST_DISASSOC, "Disassociation" },
	{ ST_AUTH, "Authentication" },
	{ ST_DEAUTH, "DeAuthentication" },
	{ ST_ACTION, "Action" },
	{ 0, NULL },
};

static const struct pr_tok ctrl_names[] = {
	{ CT_WRAPPER, "Control Wrapper" },
	{ CT_BAR, "BAR" },
	{ CT_BA, "BA" },
	{ CT_PS_POLL, "Power Save-Poll" },
	{ CT_RTS, "Request-To-Send" },
	{ CT_CTS, "Clear-To-Send" },
	{ CT_ACK, "Acknowledgment" },
	{ CT_CF_END, "CF-End" },
	{ CT_CF_END_ACK, "CF-End+CF-Ack" },
	{ 0, NULL },
};

/* The MAC header's length of each control subtype; 0: not a known one. */
static const uint8_t ctrl_hdrlen[16] = {
	[CT_WRAPPER] = 16, /* fc, duration, address 1, carried fc, HT control */
	[CT_BAR] = 20,	   /* fc, duration, RA, TA, BAR control, sequence */
	[CT_BA] = 10,
	[CT_PS_POLL] = 16,
	[CT_RTS] = 16,
	[CT_CTS] = 10,
	[CT_ACK] = 10,
	[CT_CF_END] = 16,
	[CT_CF_END_ACK] = 16,
};

static const char *const auth_alg_names[] = { "Open System", "Shared Key",
					      "EAP" };

/* Status and reason codes, as tcpdump 4.99.3 words them. */
#include "capture/print-802_11-codes.h"

/* What parse_elements keeps of a management body: the first of each. */
struct wlan_body {
	uint16_t cap;
	int ssid_present;
	uint8_t ssid_len;
	uint8_t ssid[SSID_MAX];
	int rates_present;
	uint8_t nrates;
	uint8_t rates[RATES_MAX];
	int ds_present;
	uint8_t channel;
};

/*
 * The information elements in length octets at p: 1 when all were whole,
 * 0 when one was cut short or too long to be kept (the caller then prints
 * what it has and the marker), PR_STOP.
 */
static int parse_elements(struct pr_ctx *c, struct wlan_body *b,
			  const uint8_t *p, unsigned length)
{
	uint8_t id, elen;

	while (length != 0) {
		if (!pr_has(c, p, 2) || length < 2)
			return 0;
		PR_U8(c, p + 1, elen);
		if (!pr_has(c, p + 2, elen) || length < elen + 2u)
			return 0;
		PR_U8(c, p, id);
		switch (id) {
		case E_SSID:
			if (elen > SSID_MAX)
				return 0;
			if (!b->ssid_present) {
				PR_COPY(c, p + 2, b->ssid, elen);
				b->ssid_len = elen;
				b->ssid_present = 1;
			}
			break;
		case E_CHALLENGE:
			if (elen > CHALLENGE_MAX)
				return 0;
			break;
		case E_RATES:
			if (elen > RATES_MAX)
				return 0;
			/* a zero-length rates element is passed over */
			if (!b->rates_present && elen != 0) {
				PR_COPY(c, p + 2, b->rates, elen);
				b->nrates = elen;
				b->rates_present = 1;
			}
			break;
		case E_DS:
			if (elen == 1 && !b->ds_present) {
				PR_U8(c, p + 2, b->channel);
				b->ds_present = 1;
			}
			break;
		case E_TIM:
			if (elen > 3 && elen - 3u > TIM_BITMAP_MAX)
				return 0;
			break;
		default: /* E_CF and the others: not shown */
			break;
		}
		p += 2 + elen;
		length -= 2 + elen;
	}
	return 1;
}

/* " (ssid)": its characters up to a NUL, as tcpdump's fn_print_str. */
static void ssid_print(struct pr_ctx *c, const struct wlan_body *b)
{
	unsigned i;

	if (!b->ssid_present)
		return;
	pr_puts(c, " (");
	for (i = 0; i < b->ssid_len && b->ssid[i]; i++)
		pr_char(c, b->ssid[i]);
	pr_putc(c, ')');
}

/* A rate in units of 500 kb/s, "%2.1f" of it in Mb/s. */
static void half_mbps_print(struct pr_ctx *c, unsigned v)
{
	pr_uint(c, v / 2);
	pr_puts(c, v & 1 ? ".5" : ".0");
}

/* " [1.0* 2.0 ... Mbit]": a star marks a basic rate. */
static void rates_print(struct pr_ctx *c, const struct wlan_body *b)
{
	unsigned i;

	if (!b->rates_present)
		return;
	for (i = 0; i < b->nrates; i++) {
		pr_puts(c, i ? " " : " [");
		half_mbps_print(c, b->rates[i] & 0x7f);
		if (b->rates[i] & 0x80)
			pr_putc(c, '*');
	}
	pr_puts(c, " Mbit]");
}

static void channel_print(struct pr_ctx *c, const struct wlan_body *b)
{
	if (b->ds_present)
		pr_printf(c, " CH: %u", b->channel);
	if (b->cap & CAP_PRIVACY)
		pr_puts(c, ", PRIVACY");
}

static const char *status_text(unsigned code)
{
	const char *s = pr_tok(wlan_status_names, code);

	return s ? s : "n/a";
}

static const char *reason_text(unsigned code)
{
	const char *s = pr_tok(wlan_reason_names, code);

	return s ? s : "Reserved";
}

/*
 * The management bodies. Each returns 1 when printed whole, 0 when cut
 * short (the caller prints the marker), PR_STOP.
 */

/* Beacon and probe response: timestamp (8), interval (2), capability. */
static int beacon_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
			int beacon)
{
	struct wlan_body b = { 0 };
	int ret;

	if (!pr_has(c, p, 12) || length < 12)
		return 0;
	PR_LE16(c, p + 10, b.cap);
	ret = parse_elements(c, &b, p + 12, length - 12);
	if (ret == PR_STOP)
		return ret;
	ssid_print(c, &b);
	rates_print(c, &b);
	if (beacon)
		pr_puts(c, b.cap & CAP_ESS ? " ESS" : " IBSS");
	channel_print(c, &b);
	return ret;
}

/* Association request: capability, listen interval. */
static int assoc_req_print(struct pr_ctx *c, const uint8_t *p,
			   unsigned length)
{
	struct wlan_body b = { 0 };
	int ret;

	if (!pr_has(c, p, 4) || length < 4)
		return 0;
	PR_LE16(c, p, b.cap);
	ret = parse_elements(c, &b, p + 4, length - 4);
	if (ret == PR_STOP)
		return ret;
	ssid_print(c, &b);
	rates_print(c, &b);
	return ret;
}

/* (Re)association response: capability, status, AID. */
static int assoc_resp_print(struct pr_ctx *c, const uint8_t *p,
			    unsigned length)
{
	struct wlan_body b = { 0 };
	uint16_t status, aid;
	int ret;

	if (!pr_has(c, p, 6) || length < 6)
		return 0;
	PR_LE16(c, p, b.cap);
	PR_LE16(c, p + 2, status);
	PR_LE16(c, p + 4, aid);
	ret = parse_elements(c, &b, p + 6, length - 6);
	if (ret == PR_STOP)
		return ret;
	/* the AID's two top bits are always set: shown without them */
	pr_printf(c, " AID(%x) :%s: %s", aid & 0x3fff,
		  b.cap & CAP_PRIVACY ? " PRIVACY " : "", status_text(status));
	return ret;
}

/* Reassociation request: capability, listen interval, current AP. */
static int reassoc_req_print(struct pr_ctx *c, const uint8_t *p,
			     unsigned length)
{
	struct wlan_body b = { 0 };
	uint8_t ap[6];
	int ret;

	if (!pr_has(c, p, 10) || length < 10)
		return 0;
	PR_LE16(c, p, b.cap);
	PR_COPY(c, p + 4, ap, 6);
	ret = parse_elements(c, &b, p + 10, length - 10);
	if (ret == PR_STOP)
		return ret;
	ssid_print(c, &b);
	pr_puts(c, " AP : ");
	pr_mac(c, ap);
	return ret;
}

static int probe_req_print(struct pr_ctx *c, const uint8_t *p,
			   unsigned length)
{
	struct wlan_body b = { 0 };
	int ret = parse_elements(c, &b, p, length);

	if (ret == PR_STOP)
		return ret;
	ssid_print(c, &b);
	rates_print(c, &b);
	return ret;
}

/* Disassociation: a reason code. */
static int disassoc_print(struct pr_ctx *c, const uint8_t *p,
			  unsigned length)
{
	uint16_t reason;

	if (!pr_has(c, p, 2) || length < 2)
		return 0;
	PR_LE16(c, p, reason);
	pr_printf(c, ": %s", reason_text(reason));
	return 1;
}

/* Authentication: algorithm, transaction sequence number, status. */
static int auth_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	struct wlan_body b = { 0 };
	uint16_t alg, seq, status;
	const char *st;
	int ret;

	if (!pr_has(c, p, 6) || length < 6)
		return 0;
	PR_LE16(c, p, alg);
	PR_LE16(c, p + 2, seq);
	PR_LE16(c, p + 4, status);
	ret = parse_elements(c, &b, p + 6, length - 6);
	if (ret == PR_STOP)
		return ret;
	/* the status is only meaningful in the odd-numbered frames */
	st = seq % 2 ? status_text(status) : "";
	pr_printf(c, " (%s)-%x",
		  alg < sizeof(auth_alg_names) / sizeof(auth_alg_names[0]) ?
			  auth_alg_names[alg] :
			  "Reserved",
		  seq);
	if (alg == 1 && (seq == 2 || seq == 3))
		pr_printf(c, " [Challenge Text] %s", st);
	else
		pr_printf(c, ": %s", st);
	return ret;
}

/* Deauthentication: a reason code; without -e the sender too. */
static int deauth_print(struct pr_ctx *c, const uint8_t *src,
			const uint8_t *p, unsigned length)
{
	uint16_t reason;

	if (!pr_has(c, p, 2) || length < 2)
		return 0;
	PR_LE16(c, p, reason);
	if (!c->o.eflag) {
		PR_MAC(c, " (", src);
		pr_putc(c, ')');
	}
	pr_printf(c, ": %s", reason_text(reason));
	return 1;
}

/* An action's name within its category ("Act#N" when unnamed). */
static void act_print(struct pr_ctx *c, const char *const *names, unsigned n,
		      unsigned first, unsigned v)
{
	if (v >= first && v - first < n)
		pr_puts(c, names[v - first]);
	else
		pr_printf(c, "Act#%u", v);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Action: a category and an action code. */
static int action_print(struct pr_ctx *c, const uint8_t *src,
			const uint8_t *p, unsigned length)
{
	static const char *const ba[] = { "ADDBA Request", "ADDBA Response",
					  "DELBA" };
	static const char *const ht[] = { "TxChWidth", "MIMOPwrSave" };
	static const char *const mesh[] = {
		"MeshLink",
		"HWMP",
		"Gate Announcement",
		"Congestion Control",
		"MCCA Setup Request",
		"MCCA Setup Reply",
		"MCCA Advertisement Request",
		"MCCA Advertisement",
		"MCCA Teardown",
		"TBTT Adjustment Request",
		"TBTT Adjustment Response",
	};
	static const char *const multihop[] = { "Proxy Update",
						"Proxy Update Confirmation" };
	static const char *const selfprot[] = {
		"Peering Open", "Peering Confirm", "Peering Close",
		"Group Key Inform", "Group Key Acknowledge",
	};
	uint8_t cat, act;

	if (!pr_has(c, p, 2) || length < 2)
		return 0;
	if (c->o.eflag) {
		pr_puts(c, ": ");
	} else {
		PR_MAC(c, " (", src);
		pr_puts(c, "): ");
	}
	PR_U8(c, p, cat);
	PR_U8(c, p + 1, act);
	switch (cat) {
	case 0:
		pr_printf(c, "Spectrum Management Act#%u", act);
		break;
	case 1:
		pr_printf(c, "QoS Act#%u", act);
		break;
	case 2:
		pr_printf(c, "DLS Act#%u", act);
		break;
	case 3:
		pr_puts(c, "BA ");
		act_print(c, ba, NELEM(ba), 0, act);
		break;
	case 7:
		pr_puts(c, "HT ");
		act_print(c, ht, NELEM(ht), 0, act);
		break;
	case 13:
		pr_puts(c, "MeshAction ");
		act_print(c, mesh, NELEM(mesh), 0, act);
		break;
	case 14:
		pr_puts(c, "MultiohopAction ");
		act_print(c, multihop, NELEM(multihop), 0, act);
		break;
	case 15:
		pr_puts(c, "SelfprotectAction ");
		act_print(c, selfprot, NELEM(selfprot), 1, act);
		break;
	case 127:
		pr_printf(c, "Vendor Act#%u", act);
		break;
	default:
		pr_printf(c, "Reserved(%u) Act#%u", cat, act);
		break;
	}
	return 1;
}

/* The IV of a protected frame: " IV:... Pad .. KeyID ..". */
static int wep_print(struct pr_ctx *c, const uint8_t *p)
{
	uint32_t iv;

	if (!pr_has(c, p, 4))
		return 0;
	PR_LE32(c, p, iv);
	pr_printf(c, " IV:%3x Pad %x KeyID %x", iv & 0xffffff,
		  (iv >> 24) & 0x3f, iv >> 30);
	return 1;
}

static int mgmt_body_print(struct pr_ctx *c, unsigned fc, const uint8_t *src,
			   const uint8_t *p, unsigned length)
{
	unsigned st = FC_SUBTYPE(fc);

	pr_tok_print(c, mgmt_names, "Unhandled Management subtype(%x)", st);
	if (fc & FC_PROTECTED)
		return wep_print(c, p);
	switch (st) {
	case ST_ASSOC_REQ:
		return assoc_req_print(c, p, length);
	case ST_ASSOC_RESP:
	case ST_REASSOC_RESP:
		return assoc_resp_print(c, p, length);
	case ST_REASSOC_REQ:
		return reassoc_req_print(c, p, length);
	case ST_PROBE_REQ:
		return probe_req_print(c, p, length);
	case ST_PROBE_RESP:
		return beacon_print(c, p, length, 0);
	case ST_BEACON:
		return beacon_print(c, p, length, 1);
	case ST_DISASSOC:
		return disassoc_print(c, p, length);
	case ST_AUTH:
		return auth_print(c, p, length);
	case ST_DEAUTH:
		return deauth_print(c, src, p, length);
	case ST_ACTION:
		return action_print(c, src, p, length);
	default: /* ATIM has no body; the reserved subtypes are not read */
		return 1;
	}
}

/* A control frame, whose header (hdrlen octets) is captured. */
static int ctrl_body_print(struct pr_ctx *c, unsigned fc, const uint8_t *p)
{
	uint16_t v, seq;

	pr_tok_print(c, ctrl_names, "Unknown Ctrl Subtype", FC_SUBTYPE(fc));
	switch (FC_SUBTYPE(fc)) {
	case CT_BAR:
		if (c->o.eflag)
			break;
		PR_LE16(c, p + 16, v);
		PR_LE16(c, p + 18, seq);
		PR_MAC(c, " RA:", p + ADDR1);
		PR_MAC(c, " TA:", p + ADDR2);
		pr_printf(c, " CTL(%x) SEQ(%u) ", v, seq);
		break;
	case CT_PS_POLL:
		PR_LE16(c, p + 2, v);
		pr_printf(c, " AID(%x)", v);
		break;
	case CT_RTS:
		if (c->o.eflag)
			break;
		PR_MAC(c, " TA:", p + ADDR2);
		pr_putc(c, ' ');
		break;
	case CT_BA:
	case CT_CTS:
	case CT_ACK:
	case CT_CF_END:
	case CT_CF_END_ACK:
		if (c->o.eflag)
			break;
		PR_MAC(c, " RA:", p + ADDR1);
		pr_putc(c, ' ');
		break;
	default: /* the control wrapper is not decoded */
		break;
	}
	return 1;
}

/* -e: the addresses a data frame's DS bits say it carries. */
static int data_header_print(struct pr_ctx *c, unsigned fc, const uint8_t *p)
{
	static const char *const order[4][4] = {
		{ "DA:", " SA:", " BSSID:", NULL },  /* neither */
		{ "BSSID:", " SA:", " DA:", NULL },  /* To DS */
		{ "DA:", " BSSID:", " SA:", NULL },  /* From DS */
		{ "RA:", " TA:", " DA:", " SA:" },   /* both */
	};
	static const unsigned off[4] = { ADDR1, ADDR2, ADDR3, ADDR4 };
	unsigned st = FC_SUBTYPE(fc), ds = (fc >> 8) & 3, i;

	if (st & (DT_CF_ACK | DT_CF_POLL | DT_QOS)) {
		pr_puts(c, "CF ");
		if (st & DT_CF_ACK)
			pr_puts(c, st & DT_CF_POLL ? "Ack/Poll" : "Ack");
		else if (st & DT_CF_POLL)
			pr_puts(c, "Poll");
		if (st & DT_QOS)
			pr_puts(c, "+QoS");
		pr_putc(c, ' ');
	}
	for (i = 0; i < 4 && order[ds][i]; i++)
		PR_MAC(c, order[ds][i], p + off[i]);
	pr_putc(c, ' ');
	return 0;
}

/* -e: the MAC header, after -v's flags and duration and a mesh header. */
static int hdr_print(struct pr_ctx *c, unsigned fc, const uint8_t *p,
		     unsigned hdrlen, unsigned meshlen)
{
	static const struct pr_tok flag_names[] = {
		{ FC_MORE_DATA, "More Data " },
		{ FC_MORE_FRAG, "More Fragments " },
		{ FC_PWR_MGMT, "Pwr Mgmt " },
		{ FC_RETRY, "Retry " },
		{ FC_ORDER, "Strictly Ordered " },
		{ FC_PROTECTED, "Protected " },
		{ 0, NULL },
	};
	const struct pr_tok *t;
	uint16_t v;

	if (c->o.vflag) {
		for (t = flag_names; t->s; t++)
			if (fc & t->v)
				pr_puts(c, t->s);
		if (FC_TYPE(fc) != T_CTRL || FC_SUBTYPE(fc) != CT_PS_POLL) {
			PR_LE16(c, p + 2, v);
			pr_printf(c, "%uus ", v);
		}
	}
	if (meshlen) {
		const uint8_t *m = p + hdrlen - meshlen;
		uint8_t flags, ttl;
		uint32_t seq;
		unsigned ae;

		PR_U8(c, m, flags);
		PR_U8(c, m + 1, ttl);
		PR_LE32(c, m + 2, seq);
		ae = flags & 3;
		pr_printf(c, "MeshData (AE %u TTL %u seq %u", ae, ttl, seq);
		if (ae > 0)
			PR_MAC(c, " A4:", m + 6);
		if (ae > 1)
			PR_MAC(c, " A5:", m + 12);
		if (ae > 2)
			PR_MAC(c, " A6:", m + 18);
		pr_puts(c, ") ");
	}
	switch (FC_TYPE(fc)) {
	case T_MGMT:
		PR_MAC(c, "BSSID:", p + ADDR3);
		PR_MAC(c, " DA:", p + ADDR1);
		PR_MAC(c, " SA:", p + ADDR2);
		pr_putc(c, ' ');
		break;
	case T_CTRL:
		switch (FC_SUBTYPE(fc)) {
		case CT_BAR:
			PR_LE16(c, p + 16, v);
			PR_MAC(c, " RA:", p + ADDR1);
			PR_MAC(c, " TA:", p + ADDR2);
			pr_printf(c, " CTL(%x) ", v);
			PR_LE16(c, p + 18, v);
			pr_printf(c, "SEQ(%u) ", v);
			break;
		case CT_PS_POLL:
			PR_MAC(c, "BSSID:", p + ADDR1);
			PR_MAC(c, " TA:", p + ADDR2);
			pr_putc(c, ' ');
			break;
		case CT_RTS:
			PR_MAC(c, "RA:", p + ADDR1);
			PR_MAC(c, " TA:", p + ADDR2);
			pr_putc(c, ' ');
			break;
		case CT_BA:
		case CT_CTS:
		case CT_ACK:
			PR_MAC(c, "RA:", p + ADDR1);
			pr_putc(c, ' ');
			break;
		case CT_CF_END:
		case CT_CF_END_ACK:
			PR_MAC(c, "RA:", p + ADDR1);
			PR_MAC(c, " BSSID:", p + ADDR2);
			pr_putc(c, ' ');
			break;
		default:
			break;
		}
		break;
	case T_DATA:
		return data_header_print(c, fc, p);
	default:
		break;
	}
	return 0;
}

/* The MAC header's length by type and subtype; 0 after saying it is unknown. */
static unsigned header_length(struct pr_ctx *c, unsigned fc)
{
	unsigned len;

	switch (FC_TYPE(fc)) {
	case T_MGMT:
		return MGMT_HDRLEN;
	case T_CTRL:
		len = ctrl_hdrlen[FC_SUBTYPE(fc)];
		if (!len)
			pr_printf(c, "unknown 802.11 ctrl frame subtype (%u)",
				  FC_SUBTYPE(fc));
		return len;
	case T_DATA:
		len = (fc & (FC_TO_DS | FC_FROM_DS)) == (FC_TO_DS | FC_FROM_DS) ?
			      30 : 24;
		return FC_SUBTYPE(fc) & DT_QOS ? len + 2 : len;
	default:
		pr_printf(c, "unknown 802.11 frame type (%u)", FC_TYPE(fc));
		return 0;
	}
}

/* A data frame's source and destination (the DS bits' table, 9.3.2.1). */
static void data_addrs(unsigned fc, const uint8_t *p, const uint8_t **src,
		       const uint8_t **dst)
{
	switch ((fc >> 8) & 3) {
	case 0: /* neither */
		*src = p + ADDR2;
		*dst = p + ADDR1;
		break;
	case 1: /* To DS */
		*src = p + ADDR2;
		*dst = p + ADDR3;
		break;
	case 2: /* From DS */
		*src = p + ADDR3;
		*dst = p + ADDR1;
		break;
	default: /* both: a WDS frame */
		*src = p + ADDR4;
		*dst = p + ADDR3;
		break;
	}
}

static int body_print(struct pr_ctx *c, unsigned fc, const uint8_t *h,
		      unsigned hdrlen, unsigned length, unsigned caplen,
		      unsigned *hdrlenp)
{
	const uint8_t *p = h + hdrlen, *src, *dst;
	unsigned llc_len = 0;
	int rc;

	switch (FC_TYPE(fc)) {
	case T_MGMT:
		rc = mgmt_body_print(c, fc, h + ADDR2, p, length);
		break;
	case T_CTRL:
		rc = ctrl_body_print(c, fc, h);
		break;
	default:
		if (FC_SUBTYPE(fc) & DT_NULL)
			return 0;
		if (fc & FC_PROTECTED) {
			pr_puts(c, "Data");
			rc = wep_print(c, p);
			break;
		}
		data_addrs(fc, h, &src, &dst);
		rc = llc_print(c, p, length, caplen, src, dst, &llc_len);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == 1)
			pr_default(c, p, caplen);
		*hdrlenp = hdrlen + llc_len;
		return 0;
	}
	if (rc == PR_STOP)
		return PR_STOP;
	if (rc == 0) {
		c->proto = "802.11";
		pr_trunc(c);
	}
	return 0;
}

int wlan_frame_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
		     unsigned caplen, int pad, unsigned fcslen,
		     unsigned *hdrlenp)
{
	unsigned hdrlen, meshlen = 0, orig_caplen = caplen;
	uint16_t fc;
	uint8_t mflags;

	c->proto = "802.11";
	*hdrlenp = caplen;
	if (length < fcslen) {
		pr_trunc(c);
		return 0;
	}
	length -= fcslen;
	if (caplen > length) {
		/* the FCS was captured: no printer below may read it */
		caplen = length;
		pr_push_end(c, p, caplen);
	}
	if (caplen < 2) {
		pr_trunc(c);
		*hdrlenp = orig_caplen;
		return 0;
	}
	PR_LE16(c, p, fc);
	hdrlen = header_length(c, fc);
	*hdrlenp = hdrlen;
	if (!hdrlen)
		return 0;
	if (pad)
		hdrlen = (hdrlen + 3) & ~3u;
	if (c->o.Hflag && FC_TYPE(fc) == T_DATA &&
	    (FC_SUBTYPE(fc) & DT_QOS)) {
		*hdrlenp = hdrlen;
		if (!pr_has(c, p + hdrlen, 1)) {
			pr_trunc(c);
			return 0;
		}
		PR_U8(c, p + hdrlen, mflags);
		/* the address extension mode: 0 to 3 more addresses */
		meshlen = mflags & ~3u ? 0 : 6 * (1 + (mflags & 3u));
		hdrlen += meshlen;
	}
	*hdrlenp = hdrlen;
	if (caplen < hdrlen) {
		pr_trunc(c);
		return 0;
	}
	if (c->o.eflag && hdr_print(c, fc, p, hdrlen, meshlen) == PR_STOP)
		return PR_STOP;
	return body_print(c, fc, p, hdrlen, length - hdrlen, caplen - hdrlen,
			  hdrlenp);
}

int ieee802_11_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned hdrlen;
	int rc = wlan_frame_print(c, p, length, c->h->caplen, 0, 0, &hdrlen);

	c->ll_hdr_len = hdrlen;
	return rc;
}
