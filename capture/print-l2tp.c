/* print-l2tp.c: the Layer 2 Tunneling Protocol, version 2 (RFC 2661), UDP port 1701. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Tunnel ID           |           Session ID          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Ns (opt)          |             Nr (opt)          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      Offset Size (opt)        |    Offset pad... (opt)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A control message (T) is a run of AVPs: |M|H| rsvd | Length (10 bits)|
 * Vendor ID (16) | Attribute Type (16) | value. A data message carries a
 * PPP frame, which this printer does not decode (pr_generic).
 */
#include "capture/print-int.h"

#define AVP_MANDATORY 0x8000
#define AVP_HIDDEN 0x4000
#define AVP_LEN_MASK 0x03ff

static const struct pr_tok msgtype_names[] = {
	{ 1, "SCCRQ" }, { 2, "SCCRP" }, { 3, "SCCCN" }, { 4, "StopCCN" },
	{ 6, "HELLO" }, { 7, "OCRQ" },	{ 8, "OCRP" },	{ 9, "OCCN" },
	{ 10, "ICRQ" }, { 11, "ICRP" }, { 12, "ICCN" }, { 14, "CDN" },
	{ 15, "WEN" },	{ 16, "SLI" },	{ 0, NULL },
};

static const struct pr_tok avp_names[] = {
	{ 0, "MSGTYPE" },	   { 1, "RESULT_CODE" },
	{ 2, "PROTO_VER" },	   { 3, "FRAMING_CAP" },
	{ 4, "BEARER_CAP" },	   { 5, "TIE_BREAKER" },
	{ 6, "FIRM_VER" },	   { 7, "HOST_NAME" },
	{ 8, "VENDOR_NAME" },	   { 9, "ASSND_TUN_ID" },
	{ 10, "RECV_WIN_SIZE" },   { 11, "CHALLENGE" },
	{ 12, "Q931_CC" },	   { 13, "CHALLENGE_RESP" },
	{ 14, "ASSND_SESS_ID" },   { 15, "CALL_SER_NUM" },
	{ 16, "MINIMUM_BPS" },	   { 17, "MAXIMUM_BPS" },
	{ 18, "BEARER_TYPE" },	   { 19, "FRAMING_TYPE" },
	{ 20, "PACKET_PROC_DELAY" }, { 21, "CALLED_NUMBER" },
	{ 22, "CALLING_NUMBER" },  { 23, "SUB_ADDRESS" },
	{ 24, "TX_CONN_SPEED" },   { 25, "PHY_CHANNEL_ID" },
	{ 26, "INI_RECV_LCP" },	   { 27, "LAST_SENT_LCP" },
	{ 28, "LAST_RECV_LCP" },   { 29, "PROXY_AUTH_TYPE" },
	{ 30, "PROXY_AUTH_NAME" }, { 31, "PROXY_AUTH_CHAL" },
	{ 32, "PROXY_AUTH_ID" },   { 33, "PROXY_AUTH_RESP" },
	{ 34, "CALL_ERRORS" },	   { 35, "ACCM" },
	{ 36, "RANDOM_VECTOR" },   { 37, "PRIVATE_GRP_ID" },
	{ 38, "RX_CONN_SPEED" },   { 39, "SEQ_REQUIRED" },
	{ 46, "PPP_DISCON_CC" },   { 0, NULL },
};

static const struct pr_tok authtype_names[] = {
	{ 0, "Reserved" }, { 1, "Textual" }, { 2, "CHAP" },	 { 3, "PAP" },
	{ 4, "No Auth" },  { 5, "MS-CHAPv1" }, { 0, NULL },
};

static const struct pr_tok direction_names[] = {
	{ 0, "global error" },
	{ 1, "at peer" },
	{ 2, "at local" },
	{ 0, NULL },
};

static int string_print(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t b;

	for (; n; n--, p++) {
		PR_U8(c, p, b);
		pr_char(c, b);
	}
	return 0;
}

static int octets_print(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t b;

	for (; n; n--, p++) {
		PR_U8(c, p, b);
		pr_printf(c, "%02x", b);
	}
	return 0;
}

/* Two flag letters of a 32-bit value: hi if bit 1, lo if bit 0. */
static int bits_print(struct pr_ctx *c, const uint8_t *p, unsigned n,
		      char hi, char lo)
{
	uint32_t v;

	if (n < 4) {
		pr_puts(c, "AVP too short");
		return 0;
	}
	PR_BE32(c, p, v);
	if (v & 2)
		pr_putc(c, hi);
	if (v & 1)
		pr_putc(c, lo);
	return 0;
}

/* Reserved (16 bits) then 32-bit counters, each named. */
static int counters_print(struct pr_ctx *c, const uint8_t *p, unsigned n,
			  const char *const *names, int hex)
{
	uint32_t v;

	if (n < 2) {
		pr_puts(c, "AVP too short");
		return 0;
	}
	p += 2;
	n -= 2;
	for (; *names; names++) {
		if (n < 4) {
			pr_puts(c, "AVP too short");
			return 0;
		}
		PR_BE32(c, p, v);
		pr_puts(c, *names);
		if (hex)
			pr_printf(c, "%08x ", v);
		else
			pr_printf(c, "%u ", v);
		p += 4;
		n -= 4;
	}
	return 0;
}

static int value_print(struct pr_ctx *c, unsigned type, const uint8_t *p,
		       unsigned n)
{
	static const char *const errs[] = { "CRCErr=", "FrameErr=", "HardOver=",
					    "BufOver=", "Timeout=", "AlignErr=",
					    NULL };
	static const char *const accm[] = { "send=", "recv=", NULL };
	uint16_t v;
	uint32_t u;
	uint8_t b;

	switch (type) {
	case 0:
	case 2:
	case 29:
	case 32:
		if (n < 2)
			break;
		PR_BE16(c, p, v);
		if (type == 0)
			pr_tok_print(c, msgtype_names, "MSGTYPE-#%u", v);
		else if (type == 2)
			pr_printf(c, "%u.%u", v >> 8, v & 0xff);
		else if (type == 29)
			pr_tok_print(c, authtype_names, "AuthType-#%u", v);
		else
			pr_printf(c, "%u", v & 0xff);
		return 0;
	case 1:
		if (n < 2)
			break;
		PR_BE16(c, p, v);
		pr_printf(c, "%u", v);
		if (n == 2)
			return 0;
		if (n < 4) {
			pr_puts(c, " AVP too short");
			return 0;
		}
		PR_BE16(c, p + 2, v);
		pr_printf(c, "/%u", v);
		if (n == 4)
			return 0;
		pr_putc(c, ' ');
		return string_print(c, p + 4, n - 4);
	case 3:
	case 19:
		return bits_print(c, p, n, 'A', 'S');
	case 4:
	case 18:
		return bits_print(c, p, n, 'A', 'D');
	case 5:
		if (n < 8)
			break;
		return octets_print(c, p, 8);
	case 6:
	case 9:
	case 10:
	case 14:
		if (n < 2)
			break;
		PR_BE16(c, p, v);
		pr_printf(c, "%u", v);
		return 0;
	case 7:
	case 8:
	case 22:
	case 21:
	case 23:
	case 30:
	case 37:
		return string_print(c, p, n);
	case 11:
	case 26:
	case 27:
	case 28:
	case 31:
	case 33:
	case 36:
		return octets_print(c, p, n);
	case 12:
		if (n < 3)
			break;
		PR_BE16(c, p, v);
		PR_U8(c, p + 2, b);
		pr_printf(c, "%u, %02x", v, b);
		if (n > 3) {
			pr_putc(c, ' ');
			return string_print(c, p + 3, n - 3);
		}
		return 0;
	case 13:
		if (n < 16)
			break;
		return octets_print(c, p, 16);
	case 15:
	case 16:
	case 17:
	case 24:
	case 25:
	case 38:
		if (n < 4)
			break;
		PR_BE32(c, p, u);
		pr_printf(c, "%u", u);
		return 0;
	case 20:
		pr_puts(c, "obsolete");
		return 0;
	case 34:
		return counters_print(c, p, n, errs, 0);
	case 35:
		return counters_print(c, p, n, accm, 1);
	case 46:
		if (n < 5)
			break;
		PR_BE16(c, p, v);
		pr_printf(c, "%04x, ", v);
		PR_BE16(c, p + 2, v);
		pr_printf(c, "%04x ", v);
		PR_U8(c, p + 4, b);
		pr_tok_print(c, direction_names, "Direction-#%u", b);
		if (n > 5) {
			pr_putc(c, ' ');
			return string_print(c, p + 5, n - 5);
		}
		return 0;
	default: /* 39 has no value; others are not decoded */
		return 0;
	}
	pr_puts(c, "AVP too short");
	return 0;
}

/* One AVP: its length, 0 after the truncation marker, PR_STOP. */
static int avp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint16_t h, vendor, type;
	unsigned len;
	int rc;

	pr_putc(c, ' ');
	PR_BE16(c, p, h);
	len = h & AVP_LEN_MASK;
	if (len < 6 || len > length || !pr_has(c, p, len)) {
		pr_trunc(c);
		return 0;
	}
	if (h & AVP_MANDATORY)
		pr_putc(c, '*');
	if (h & AVP_HIDDEN)
		pr_putc(c, '?');
	PR_BE16(c, p + 2, vendor);
	PR_BE16(c, p + 4, type);
	if (vendor) {
		pr_printf(c, "VENDOR%04x:ATTR%04x(", vendor, type);
		rc = octets_print(c, p + 6, len - 6);
	} else {
		pr_tok_print(c, avp_names, "AVP-#%u", type);
		pr_putc(c, '(');
		if (h & AVP_HIDDEN) {
			pr_puts(c, "???");
			rc = 0;
		} else {
			rc = value_print(c, type, p + 6, len - 6);
		}
	}
	if (rc)
		return rc;
	pr_putc(c, ')');
	return (int)len;
}

int l2tp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned cnt = 0;
	uint16_t f, v, l2tp_len = 0;
	int rc;

	c->proto = "l2tp";
	PR_BE16(c, p, f);
	if ((f & 0xf) == 1) {
		pr_puts(c, " l2f:");
		return 0;
	}
	if ((f & 0xf) != 2) {
		pr_puts(c, " Unknown Version, neither L2F(1) nor L2TP(2)");
		return 0;
	}
	pr_puts(c, " l2tp:[");
	if (f & 0x8000)
		pr_putc(c, 'T');
	if (f & 0x4000)
		pr_putc(c, 'L');
	if (f & 0x0800)
		pr_putc(c, 'S');
	if (f & 0x0200)
		pr_putc(c, 'O');
	if (f & 0x0100)
		pr_putc(c, 'P');
	pr_putc(c, ']');
	p += 2;
	cnt += 2;
	if (f & 0x4000) {
		PR_BE16(c, p, l2tp_len);
		p += 2;
		cnt += 2;
	}
	PR_BE16(c, p, v);
	pr_printf(c, "(%u/", v);
	PR_BE16(c, p + 2, v);
	pr_printf(c, "%u)", v);
	p += 4;
	cnt += 4;
	if (f & 0x0800) {
		PR_BE16(c, p, v);
		pr_printf(c, "Ns=%u,", v);
		PR_BE16(c, p + 2, v);
		pr_printf(c, "Nr=%u", v);
		p += 4;
		cnt += 4;
	}
	if (f & 0x0200) {
		PR_BE16(c, p, v);
		if (!pr_has(c, p + 2, v)) {
			pr_trunc(c);
			return 0;
		}
		p += 2u + v;
		cnt += 2u + v;
	}
	if (f & 0x4000) {
		if (length < l2tp_len) {
			pr_printf(c, " Length %u larger than packet", l2tp_len);
			return 0;
		}
		length = l2tp_len;
	}
	if (length < cnt) {
		pr_printf(c, " Length %u smaller than header length", length);
		return 0;
	}
	if (!(f & 0x8000)) {
		/* PPP: decoded by tcpdump, not here */
		pr_generic(c, "PPP");
		pr_puts(c, " {}");
		return 0;
	}
	if (!(f & 0x4000)) {
		pr_puts(c, " No length");
		return 0;
	}
	if (length == cnt) {
		pr_puts(c, " ZLB");
		return 0;
	}
	while (length - cnt != 0) {
		rc = avp_print(c, p, length - cnt);
		if (rc == PR_STOP)
			return rc;
		if (rc == 0)
			break;
		cnt += (unsigned)rc;
		p += rc;
	}
	return 0;
}
