/* print-ppp.c: PPP (DLT_PPP, DLT_PPP_PPPD, DLT_PPP_SERIAL, DLT_PPP_BSDOS) and its control protocols. */
/*
 * RFC 1661 (PPP, LCP), RFC 1662 (HDLC-like framing, octet stuffing),
 * RFC 1332 (IPCP), RFC 5072 (IPV6CP), RFC 1962 (CCP), RFC 2125 (BACP),
 * RFC 1334 (PAP), RFC 1994 (CHAP), RFC 1990 (Multilink).
 *
 *  +----------+----------+----------+-----------------+
 *  | address  | control  | protocol | information ... |
 *  | 0xff     | 0x03     | 1 or 2   |                 |
 *  +----------+----------+----------+-----------------+
 *  address and control may be absent (ACFC); a protocol whose first octet
 *  is odd is one octet long (PFC). DLT_PPP_PPPD puts 0x00 (in) or 0x01
 *  (out) in the address octet.
 *
 * A control protocol packet (LCP, IPCP, ...), and its options:
 *
 *  +--------+------------+-------------+---------------------+
 *  | code   | identifier | length (2)  | data / options      |
 *  +--------+------------+-------------+---------------------+
 *  option:  | type (1) | length (1) | value ... |
 *
 * A protocol 0x7eXX means the frame still holds RFC 1662's escapes: it is
 * unescaped into a private buffer and decoded again, as tcpdump does.
 */
#include "capture/print-int.h"

#include <stdlib.h>

#define PPP_HDRLEN 4
#define PPP_ADDRESS 0xff
#define PPP_CONTROL 0x03
#define PPP_PPPD_IN 0x00
#define PPP_PPPD_OUT 0x01
#define CHDLC_UNICAST 0x0f
#define CHDLC_BCAST 0x8f

#define PPP_IP 0x0021
#define PPP_OSI 0x0023
#define PPP_IPX 0x002b
#define PPP_VJC 0x002d
#define PPP_VJNC 0x002f
#define PPP_ML 0x003d
#define PPP_IPV6 0x0057
#define PPP_COMP 0x00fd
#define PPP_MPLS_UCAST 0x0281
#define PPP_MPLS_MCAST 0x0283
#define PPP_IPCP 0x8021
#define PPP_OSICP 0x8023
#define PPP_IPV6CP 0x8057
#define PPP_CCP 0x80fd
#define PPP_MPLSCP 0x8281
#define PPP_LCP 0xc021
#define PPP_PAP 0xc023
#define PPP_LQM 0xc025
#define PPP_SPAP 0xc027
#define PPP_CHAP 0xc223
#define PPP_BACP 0xc02b
#define PPP_BAP 0xc02d
#define PPP_SPAP_OLD 0xc123
#define PPP_EAP 0xc227

#define ET_IP 0x0800
#define ET_IPV6 0x86dd
#define ET_IPX 0x8137
#define ET_MPLS 0x8847

static const struct pr_tok ppp_names[] = {
	{ PPP_IP, "IP" },
	{ PPP_OSI, "OSI" },
	{ 0x0025, "NS" },
	{ 0x0027, "DECNET" },
	{ 0x0029, "APPLE" },
	{ PPP_IPX, "IPX" },
	{ PPP_VJC, "VJC IP" },
	{ PPP_VJNC, "VJNC IP" },
	{ 0x0031, "BRPDU" },
	{ 0x0033, "STII" },
	{ 0x0035, "VINES" },
	{ PPP_MPLS_UCAST, "MPLS" },
	{ PPP_MPLS_MCAST, "MPLS" },
	{ PPP_COMP, "Compressed" },
	{ PPP_ML, "MLPPP" },
	{ PPP_IPV6, "IP6" },
	{ 0x0201, "HELLO" },
	{ 0x0231, "LUXCOM" },
	{ 0x0233, "SNS" },
	{ PPP_IPCP, "IPCP" },
	{ PPP_OSICP, "OSICP" },
	{ 0x8025, "NSCP" },
	{ 0x8027, "DECNETCP" },
	{ 0x8029, "APPLECP" },
	{ 0x802b, "IPXCP" },
	{ 0x8033, "STIICP" },
	{ 0x8035, "VINESCP" },
	{ PPP_IPV6CP, "IP6CP" },
	{ PPP_MPLSCP, "MPLSCP" },
	{ PPP_LCP, "LCP" },
	{ PPP_PAP, "PAP" },
	{ PPP_LQM, "LQM" },
	{ PPP_CHAP, "CHAP" },
	{ PPP_EAP, "EAP" },
	{ PPP_SPAP, "SPAP" },
	{ PPP_SPAP_OLD, "Old-SPAP" },
	{ PPP_BACP, "BACP" },
	{ PPP_BAP, "BAP" },
	{ 0xc03d, "MLPPP-CP" },
	{ PPP_CCP, "CCP" },
	{ 0, NULL },
};

/* Control protocol codes (RFC 1661, 1570, 1962, 2153). */
#define CP_VEXT 0
#define CP_CONF_REQ 1
#define CP_CONF_ACK 2
#define CP_CONF_NAK 3
#define CP_CONF_REJ 4
#define CP_TERM_REQ 5
#define CP_TERM_ACK 6
#define CP_CODE_REJ 7
#define CP_PROT_REJ 8
#define CP_ECHO_REQ 9
#define CP_ECHO_RPL 10
#define CP_DISC_REQ 11
#define CP_ID 12
#define CP_TIME_REM 13

static const struct pr_tok cp_codes[] = {
	{ CP_VEXT, "Vendor-Extension" },
	{ CP_CONF_REQ, "Conf-Request" },
	{ CP_CONF_ACK, "Conf-Ack" },
	{ CP_CONF_NAK, "Conf-Nack" },
	{ CP_CONF_REJ, "Conf-Reject" },
	{ CP_TERM_REQ, "Term-Request" },
	{ CP_TERM_ACK, "Term-Ack" },
	{ CP_CODE_REJ, "Code-Reject" },
	{ CP_PROT_REJ, "Prot-Reject" },
	{ CP_ECHO_REQ, "Echo-Request" },
	{ CP_ECHO_RPL, "Echo-Reply" },
	{ CP_DISC_REQ, "Disc-Req" },
	{ CP_ID, "Ident" },
	{ CP_TIME_REM, "Time-Rem" },
	{ 14, "Reset-Req" },
	{ 15, "Reset-Ack" },
	{ 0, NULL },
};

/* LCP options, by type 0 to 30. */
static const char *const lcp_opts[] = {
	"Vend-Ext", "MRU", "ACCM", "Auth-Prot", "Qual-Prot", "Magic-Num",
	"deprecated(6)", "PFC", "ACFC", "FCS-Alt", "SDP", "Num-Mode",
	"deprecated(12)", "Call-Back", "deprecated(14)", "deprecated(15)",
	"deprecated(16)", "MRRU", "12-Bit seq #", "End-Disc", "Proprietary",
	"DCE-Id", "MP+", "Link-Disc", "LCP-Auth-Opt", "COBS",
	"Prefix-elision", "Multilink-header-Form", "I18N",
	"SDL-over-SONET/SDH", "PPP-Muxing",
};
#define NUM_LCP_OPTS (sizeof(lcp_opts) / sizeof(lcp_opts[0]))

static const struct pr_tok ccp_opts[] = {
	{ 0, "OUI" },	     { 1, "Pred-1" },	  { 2, "Pred-2" },
	{ 3, "Puddle" },     { 16, "HP-PPC" },	  { 17, "Stac-LZS" },
	{ 18, "MPPC" },	     { 19, "Gand-FZA" },  { 20, "V.42bis" },
	{ 21, "BSD-Comp" },  { 23, "LZS-DCP" },	  { 24, "MVRCA" },
	{ 25, "DEC" },	     { 26, "Deflate" },	  { 255, "Reserved" },
	{ 0, NULL },
};

static const struct pr_tok bacp_opts[] = {
	{ 1, "Favored-Peer" },
	{ 0, NULL },
};

static const struct pr_tok ipcp_opts[] = {
	{ 1, "IP-Addrs" },  { 2, "IP-Comp" },	{ 3, "IP-Addr" },
	{ 4, "Home-Addr" }, { 129, "Pri-DNS" }, { 130, "Pri-NBNS" },
	{ 131, "Sec-DNS" }, { 132, "Sec-NBNS" },
	{ 0, NULL },
};

#define IPCP_HDRCOMP 0x61 /* RFC 3544 */
#define IPCP_COMP_MINLEN 14

static const struct pr_tok ipcp_comp_names[] = {
	{ PPP_VJC, "VJ-Comp" },
	{ IPCP_HDRCOMP, "IP Header Compression" },
	{ 0, NULL },
};

static const struct pr_tok ipcp_subopt_names[] = {
	{ 1, "RTP-Compression" },
	{ 2, "Enhanced RTP-Compression" },
	{ 0, NULL },
};

static const struct pr_tok ip6cp_opts[] = {
	{ 1, "Interface-ID" },
	{ 0, NULL },
};

static const struct pr_tok authalg_names[] = {
	{ 5, "MD5" },
	{ 128, "MS-CHAPv1" },
	{ 129, "MS-CHAPv2" },
	{ 0, NULL },
};

static const struct pr_tok callback_names[] = {
	{ 0, "UserAuth" }, { 1, "DialString" }, { 2, "LocalID" },
	{ 3, "E.164" },	   { 4, "X.500" },	{ 6, "CBCP" },
	{ 0, NULL },
};

static const struct pr_tok chap_codes[] = {
	{ 1, "Challenge" },
	{ 2, "Response" },
	{ 3, "Success" },
	{ 4, "Fail" },
	{ 0, NULL },
};

static const struct pr_tok pap_codes[] = {
	{ 1, "Auth-Req" },
	{ 2, "Auth-ACK" },
	{ 3, "Auth-NACK" },
	{ 0, NULL },
};

static const struct pr_tok ml_flags[] = {
	{ 0x80, "begin" },
	{ 0x40, "end" },
	{ 0, NULL },
};

static int handle_ppp(struct pr_ctx *c, unsigned proto, const uint8_t *p,
		      unsigned length);

/* tcpdump's print_unknown_data, whose result these callers ignore. */
static int unknown(struct pr_ctx *c, const uint8_t *p, const char *indent,
		   unsigned len)
{
	pr_unknown_data(c, p, indent, len);
	return 0;
}

/* The name of a protocol number, or fmt with it. */
static void proto_name(struct pr_ctx *c, const char *fmt, unsigned proto)
{
	pr_tok_print(c, ppp_names, fmt, proto);
}

/*
 * An option's "\n\t  NAME Option (0xNN), length N"; returns 0 after a
 * length below 2 (printed as bogus), 1 otherwise.
 */
static int opt_head(struct pr_ctx *c, const char *name, unsigned opt,
		    unsigned len)
{
	pr_printf(c, "\n\t  %s Option (0x%02x), length %u", name, opt, len);
	if (len < 2) {
		pr_puts(c, " (length bogus, should be >= 2)");
		return 0;
	}
	return 1;
}

/* The value dumps every option ends with (-vv), or unknown ones (-v). */
static int opt_tail(struct pr_ctx *c, const uint8_t *p, unsigned len,
		    int known)
{
	int rc;

	if (!known && c->o.vflag < 2) {
		rc = unknown(c, p + 2, "\n\t    ", len - 2);
		if (rc)
			return rc;
	}
	if (c->o.vflag > 1) {
		rc = unknown(c, p + 2, "\n\t    ", len - 2);
		if (rc)
			return rc;
	}
	return (int)len;
}

/* An option cut short where tcpdump checks first: "[|lcp]", no more options. */
static int opt_cut(struct pr_ctx *c, const char *name)
{
	pr_printf(c, "[|%s]", name);
	return 0;
}

static int bogus(struct pr_ctx *c, const char *want, int ret)
{
	pr_printf(c, " (length bogus, should be %s)", want);
	return ret;
}

/* One LCP option: its length (to advance by), 0 to stop, or PR_STOP. */
static int lcp_opt_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t opt, len, v8;
	uint16_t v16;
	uint32_t v32;
	int rc;

	if (length < 2)
		return 0;
	if (!pr_has(c, p, 2))
		return opt_cut(c, "lcp");
	PR_U8(c, p, opt);
	PR_U8(c, p + 1, len);
	if (length < len)
		return 0;
	if (len < 2) {
		if (opt < NUM_LCP_OPTS)
			pr_printf(c, "\n\t  %s Option (0x%02x), length %u "
				     "(length bogus, should be >= 2)",
				  lcp_opts[opt], opt, len);
		else
			pr_printf(c, "\n\tunknown LCP option 0x%02x", opt);
		return 0;
	}
	if (opt >= NUM_LCP_OPTS) {
		pr_printf(c, "\n\tunknown LCP option 0x%02x", opt);
		return len;
	}
	pr_printf(c, "\n\t  %s Option (0x%02x), length %u", lcp_opts[opt], opt,
		  len);
	switch (opt) {
	case 0: /* vendor extension */
		if (len < 6)
			return bogus(c, ">= 6", len);
		PR_BE24(c, p + 2, v32);
		pr_puts(c, ": Vendor: ");
		pr_tok_print(c, oui_names, "Unknown", v32);
		pr_printf(c, " (%u)", v32);
		break;
	case 1: /* MRU */
	case 17: /* MRRU */
		if (len != 4)
			return bogus(c, "= 4", opt == 1 ? len : 0);
		PR_BE16(c, p + 2, v16);
		pr_printf(c, ": %u", v16);
		break;
	case 2: /* ACCM */
		if (len != 6)
			return bogus(c, "= 6", len);
		PR_BE32(c, p + 2, v32);
		pr_printf(c, ": 0x%08x", v32);
		break;
	case 3: /* authentication protocol */
		if (len < 4)
			return bogus(c, ">= 4", len);
		PR_BE16(c, p + 2, v16);
		pr_puts(c, ": ");
		/* tcpdump's fallback format lacks its '%', printed as is */
		proto_name(c, "Unknown Auth Proto (0x04x)", v16);
		switch (v16) {
		case PPP_CHAP:
			PR_U8(c, p + 4, v8);
			pr_puts(c, ", ");
			pr_tok_print(c, authalg_names, "Unknown Auth Alg %u",
				     v8);
			break;
		case PPP_PAP:
		case PPP_EAP:
		case PPP_SPAP:
		case PPP_SPAP_OLD:
			break;
		default:
			rc = unknown(c, p, "\n\t", len);
			if (rc)
				return rc;
		}
		break;
	case 4: /* quality protocol */
		if (len < 4)
			return bogus(c, ">= 4", 0);
		PR_BE16(c, p + 2, v16);
		pr_puts(c, v16 == PPP_LQM ? ": LQR" : ": unknown");
		break;
	case 5: /* magic number */
		if (len != 6)
			return bogus(c, "= 6", 0);
		PR_BE32(c, p + 2, v32);
		pr_printf(c, ": 0x%08x", v32);
		break;
	case 7: /* PFC */
	case 8: /* ACFC */
		break;
	case 23: /* link discriminator */
		if (len != 4)
			return bogus(c, "= 4", 0);
		PR_BE16(c, p + 2, v16);
		pr_printf(c, ": 0x%04x", v16);
		break;
	case 13: /* callback */
		if (len < 3)
			return bogus(c, ">= 3", 0);
		PR_U8(c, p + 2, v8);
		pr_puts(c, ": : Callback Operation ");
		pr_tok_print(c, callback_names, "Unknown", v8);
		pr_printf(c, " (%u)", v8);
		break;
	case 19: /* endpoint discriminator */
		if (len < 3)
			return bogus(c, ">= 3", 0);
		PR_U8(c, p + 2, v8);
		switch (v8) {
		case 0:
			pr_puts(c, ": Null");
			break;
		case 1:
			pr_puts(c, ": Local");
			break;
		case 2:
			if (len != 7)
				return bogus(c, "= 7", 0);
			PR_IP4(c, ": IPv4 ", p + 3);
			break;
		case 3:
			if (len != 9)
				return bogus(c, "= 9", 0);
			PR_MAC(c, ": MAC ", p + 3);
			break;
		case 4:
			pr_puts(c, ": Magic-Num-Block");
			break;
		case 5:
			pr_puts(c, ": PSNDN");
			break;
		default:
			pr_printf(c, ": Unknown class %u", v8);
			break;
		}
		break;
	default:
		return opt_tail(c, p, len, 0);
	}
	return opt_tail(c, p, len, 1);
}

static int ipcp_opt_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t opt, len, sub, sublen;
	uint16_t comp, v[5];
	unsigned total, i;
	const uint8_t *tail = p;

	if (length < 2)
		return 0;
	if (!pr_has(c, p, 2))
		return opt_cut(c, "ipcp");
	PR_U8(c, p, opt);
	PR_U8(c, p + 1, len);
	if (length < len)
		return 0;
	if (!opt_head(c, pr_tok(ipcp_opts, opt) ? pr_tok(ipcp_opts, opt) :
						 "unknown", opt, len))
		return 0;
	switch (opt) {
	case 1: /* IP-Addrs, deprecated */
		if (len != 10)
			return bogus(c, "= 10", len);
		PR_NEED(c, p + 2, 8);
		PR_IP4(c, ": src ", p + 2);
		PR_IP4(c, ", dst ", p + 6);
		break;
	case 2: /* IP-Comp */
		if (len < 4)
			return bogus(c, ">= 4", 0);
		PR_BE16(c, p + 2, comp);
		pr_puts(c, ": ");
		pr_tok_print(c, ipcp_comp_names, "Unknown", comp);
		pr_printf(c, " (0x%02x):", comp);
		if (comp != IPCP_HDRCOMP)
			break;
		if (len < IPCP_COMP_MINLEN) {
			pr_printf(c, " (length bogus, should be >= %u)",
				  IPCP_COMP_MINLEN);
			return 0;
		}
		if (!pr_has(c, p + 2, IPCP_COMP_MINLEN))
			return opt_cut(c, "ipcp");
		for (i = 0; i < 5; i++)
			PR_BE16(c, p + 4 + 2 * i, v[i]);
		pr_printf(c, "\n\t    TCP Space %u, non-TCP Space %u, maxPeriod "
			     "%u, maxTime %u, maxHdr %u",
			  v[0], v[1], v[2], v[3], v[4]);
		if (len > IPCP_COMP_MINLEN) {
			const uint8_t *q = p + IPCP_COMP_MINLEN;

			total = len - IPCP_COMP_MINLEN;
			pr_printf(c, "\n\t      Suboptions, length %u", total);
			while (total >= 2) {
				if (!pr_has(c, q, 2))
					return opt_cut(c, "ipcp");
				PR_U8(c, q, sub);
				PR_U8(c, q + 1, sublen);
				if (sub == 0 || sublen == 0)
					break;
				pr_puts(c, "\n\t\t");
				pr_tok_print(c, ipcp_subopt_names, "Unknown",
					     sub);
				pr_printf(c, " Suboption #%u, length %u", sub,
					  sublen);
				if (total < sublen) {
					pr_printf(c, " [remaining suboptions "
						     "length %u < %u]",
						  total, sublen);
					pr_invalid(c);
					break;
				}
				total -= sublen;
				q += sublen;
			}
			/* tcpdump's -vv dump then starts where they ended */
			tail = q;
		}
		break;
	case 3:
	case 4:
	case 129:
	case 130:
	case 131:
	case 132:
		if (len != 6)
			return bogus(c, "= 6", 0);
		PR_IP4(c, ": ", p + 2);
		break;
	default:
		return opt_tail(c, p, len, 0);
	}
	return opt_tail(c, tail, len, 1);
}

static int ip6cp_opt_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t opt, len;
	uint16_t v[4];
	unsigned i;

	if (length < 2)
		return 0;
	if (!pr_has(c, p, 2))
		return opt_cut(c, "ip6cp");
	PR_U8(c, p, opt);
	PR_U8(c, p + 1, len);
	if (length < len)
		return 0;
	if (!opt_head(c, pr_tok(ip6cp_opts, opt) ? pr_tok(ip6cp_opts, opt) :
						  "unknown", opt, len))
		return 0;
	if (opt != 1)
		return opt_tail(c, p, len, 0);
	if (len != 10)
		return bogus(c, "= 10", len);
	if (!pr_has(c, p + 2, 8))
		return opt_cut(c, "ip6cp");
	for (i = 0; i < 4; i++)
		PR_BE16(c, p + 2 + 2 * i, v[i]);
	pr_printf(c, ": %04x:%04x:%04x:%04x", v[0], v[1], v[2], v[3]);
	return opt_tail(c, p, len, 1);
}

static int ccp_opt_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t opt, len, a, b;

	if (length < 2)
		return 0;
	if (!pr_has(c, p, 2))
		return opt_cut(c, "ccp");
	PR_U8(c, p, opt);
	PR_U8(c, p + 1, len);
	if (length < len)
		return 0;
	if (!opt_head(c, pr_tok(ccp_opts, opt) ? pr_tok(ccp_opts, opt) :
						"Unknown", opt, len))
		return 0;
	switch (opt) {
	case 21: /* BSD-Comp */
		if (len < 3)
			return bogus(c, ">= 3", len);
		PR_U8(c, p + 2, a);
		pr_printf(c, ": Version: %u, Dictionary Bits: %u", a >> 5,
			  a & 0x1f);
		break;
	case 24: /* MVRCA */
		if (len < 4)
			return bogus(c, ">= 4", len);
		PR_U8(c, p + 2, a);
		PR_U8(c, p + 3, b);
		pr_printf(c, ": Features: %u, PxP: %s, History: %u, #CTX-ID: %u",
			  (a & 0xc0) >> 6, a & 0x20 ? "Enabled" : "Disabled",
			  a & 0x1f, b);
		break;
	case 26: /* Deflate */
		if (len < 4)
			return bogus(c, ">= 4", len);
		PR_U8(c, p + 2, a);
		PR_U8(c, p + 3, b);
		pr_printf(c, ": Window: %uK, Method: %s (0x%x), MBZ: %u, CHK: %u",
			  (a & 0xf0) >> 4, (a & 0x0f) == 8 ? "zlib" : "unknown",
			  a & 0x0f, (b & 0xfc) >> 2, b & 0x03);
		break;
	default:
		return opt_tail(c, p, len, 0);
	}
	return opt_tail(c, p, len, 1);
}

static int bacp_opt_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t opt, len;
	uint32_t magic;

	if (length < 2)
		return 0;
	if (!pr_has(c, p, 2))
		return opt_cut(c, "bacp");
	PR_U8(c, p, opt);
	PR_U8(c, p + 1, len);
	if (length < len)
		return 0;
	if (!opt_head(c, pr_tok(bacp_opts, opt) ? pr_tok(bacp_opts, opt) :
						 "Unknown", opt, len))
		return 0;
	if (opt != 1)
		return opt_tail(c, p, len, 0);
	if (len != 6)
		return bogus(c, "= 6", len);
	PR_BE32(c, p + 2, magic);
	pr_printf(c, ": Magic-Num 0x%08x", magic);
	return opt_tail(c, p, len, 1);
}

typedef int (*opt_fn)(struct pr_ctx *, const uint8_t *, unsigned);

static const struct {
	unsigned proto;
	opt_fn fn;
} opt_printers[] = {
	{ PPP_LCP, lcp_opt_print },   { PPP_IPCP, ipcp_opt_print },
	{ PPP_IPV6CP, ip6cp_opt_print }, { PPP_CCP, ccp_opt_print },
	{ PPP_BACP, bacp_opt_print },
};

/* LCP, IPCP, CCP and the other control protocols (RFC 1661 5). */
static int ctrl_proto_print(struct pr_ctx *c, unsigned proto, const uint8_t *p,
			    unsigned length)
{
	const char *name = pr_tok(ppp_names, proto);
	const uint8_t *t = p;
	uint8_t code, id;
	uint16_t len, v16;
	uint32_t v32, v32b;
	opt_fn fn = NULL;
	unsigned tlen, i;
	int rc, adv;

	if (name)
		pr_puts(c, name);
	else
		pr_printf(c, "unknown ctrl-proto (0x%04x)", proto);
	pr_puts(c, ", ");
	if (length < 4 || !pr_has(c, t, 2)) {
		pr_putc(c, '[');
		pr_puts(c, "|");
		if (name)
			pr_puts(c, name);
		else
			pr_printf(c, "unknown ctrl-proto (0x%04x)", proto);
		pr_putc(c, ']');
		return 0;
	}
	PR_U8(c, t, code);
	PR_U8(c, t + 1, id);
	pr_tok_print(c, cp_codes, "Unknown Opcode", code);
	pr_printf(c, " (0x%02x), id %u, length %u", code, id, length + 2);
	t += 2;
	if (!c->o.vflag)
		return 0;
	PR_BE16(c, t, len);
	t += 2;
	if (len < 4) {
		pr_printf(c, "\n\tencoded length %u (< 4))", len);
		return 0;
	}
	if (len > length) {
		pr_printf(c, "\n\tencoded length %u (> packet length %u))", len,
			  length);
		return 0;
	}
	length = len;
	pr_printf(c, "\n\tencoded length %u (=Option(s) length %u)", len,
		  len - 4);
	if (length == 4)
		return 0;
	if (c->o.vflag > 1) {
		rc = unknown(c, p - 2, "\n\t", 6);
		if (rc)
			return rc;
	}
	switch (code) {
	case CP_VEXT:
		if (length < 11)
			break;
		PR_BE32(c, t, v32);
		pr_printf(c, "\n\t  Magic-Num 0x%08x", v32);
		PR_BE24(c, t + 4, v32);
		pr_puts(c, " Vendor: ");
		pr_tok_print(c, oui_names, "Unknown", v32);
		pr_printf(c, " (%u)", v32);
		break;
	case CP_CONF_REQ:
	case CP_CONF_ACK:
	case CP_CONF_NAK:
	case CP_CONF_REJ:
		for (i = 0; i < sizeof(opt_printers) / sizeof(opt_printers[0]);
		     i++)
			if (opt_printers[i].proto == proto)
				fn = opt_printers[i].fn;
		if (!fn)
			break;
		tlen = len - 4;
		do {
			/* tcpdump passes the whole length to each option */
			adv = fn(c, t, len);
			if (adv == PR_STOP)
				return PR_STOP;
			if (adv == 0)
				break;
			if (tlen < (unsigned)adv) {
				pr_printf(c, " [remaining options length %u "
					     "< %u]",
					  tlen, adv);
				pr_invalid(c);
				break;
			}
			tlen -= (unsigned)adv;
			t += adv;
		} while (tlen != 0);
		break;
	case CP_TERM_REQ:
	case CP_TERM_ACK:
	case CP_CODE_REJ:
		break;
	case CP_PROT_REJ:
		if (length < 6)
			break;
		PR_BE16(c, t, v16);
		pr_puts(c, "\n\t  Rejected ");
		proto_name(c, "unknown", v16);
		pr_printf(c, " Protocol (0x%04x)", v16);
		if (len > 6) {
			pr_puts(c, "\n\t  Rejected Packet");
			return unknown(c, t + 2, "\n\t    ", len - 2);
		}
		break;
	case CP_ECHO_REQ:
	case CP_ECHO_RPL:
	case CP_DISC_REQ:
		if (length < 8)
			break;
		PR_BE32(c, t, v32);
		pr_printf(c, "\n\t  Magic-Num 0x%08x", v32);
		if (len > 8) {
			pr_puts(c, "\n\t  -----trailing data-----");
			if (!pr_has(c, t + 4, len - 8u)) {
				pr_printf(c, "[|%s]", name ? name : "");
				return 0;
			}
			return unknown(c, t + 4, "\n\t  ", len - 8);
		}
		break;
	case CP_ID:
		if (length < 8)
			break;
		PR_BE32(c, t, v32);
		pr_printf(c, "\n\t  Magic-Num 0x%08x", v32);
		if (len > 8) {
			pr_puts(c, "\n\t  Message\n\t    ");
			if (pr_printn(c, t + 4, len - 4u))
				pr_printf(c, "[|%s]", name ? name : "");
		}
		break;
	case CP_TIME_REM:
		if (length < 12)
			break;
		PR_BE32(c, t, v32);
		PR_BE32(c, t + 4, v32b);
		pr_printf(c, "\n\t  Magic-Num 0x%08x, Seconds-Remaining %us",
			  v32, v32b);
		break;
	default:
		if (c->o.vflag <= 1)
			return unknown(c, p - 2, "\n\t  ", length + 2);
		break;
	}
	return 0;
}

static int mlppp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint16_t seq;

	if (!c->o.eflag)
		pr_puts(c, "MLPPP, ");
	if (length < 2 || !pr_has(c, p, 2)) {
		pr_puts(c, "[|mlppp]");
		return 0;
	}
	PR_BE16(c, p, seq);
	pr_printf(c, "seq 0x%03x, Flags [", seq & 0x0fff);
	pr_bittok_print(c, ml_flags, ", ", "none", (seq >> 8) & 0xc0);
	pr_printf(c, "], length %u", length);
	return 0;
}

/* A run of n octets as tcpdump's fn_print_char shows each. */
static int chars_print(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t ch;
	unsigned i;

	for (i = 0; i < n; i++) {
		PR_U8(c, p + i, ch);
		pr_char(c, ch);
	}
	return 0;
}

/*
 * The code, id and length that start a CHAP or PAP packet (name "chap" or
 * "pap"), with tcpdump's markers for a packet shorter than them: 1 when
 * the body follows, 0 after a marker, PR_STOP.
 */
static int auth_header_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
			     const char *name, const struct pr_tok *codes,
			     uint8_t *code, uint16_t *len)
{
	uint8_t id;

	if (length < 1) {
		pr_printf(c, "[|%s]", name);
		return 0;
	}
	PR_U8(c, p, *code);
	if (length < 4) {
		pr_printf(c, "[|%s 0x%02x]", name, *code);
		return 0;
	}
	pr_puts(c, name[0] == 'c' ? "CHAP, " : "PAP, ");
	pr_tok_print(c, codes, "unknown", *code);
	pr_printf(c, " (0x%02x)", *code);
	PR_U8(c, p + 1, id);
	pr_printf(c, ", id %u", id);
	PR_BE16(c, p + 2, *len);
	return 1;
}

static int chap_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	const uint8_t *p0 = p;
	uint8_t code, vsize, v;
	uint16_t len;
	unsigned i;
	int rc;

	rc = auth_header_print(c, p, length, "chap", chap_codes, &code, &len);
	if (rc <= 0)
		return rc;
	p += 4;
	switch (code) {
	case 1:
	case 2:
		if (length - (unsigned)(p - p0) < 1)
			return 0;
		PR_U8(c, p, vsize);
		p++;
		if (length - (unsigned)(p - p0) < vsize)
			return 0;
		pr_puts(c, ", Value ");
		for (i = 0; i < vsize; i++) {
			PR_U8(c, p, v);
			pr_hex(c, v, 2);
			p++;
		}
		pr_puts(c, ", Name ");
		return chars_print(c, p, len - (unsigned)(p - p0));
	case 3:
	case 4:
		pr_puts(c, ", Msg ");
		return chars_print(c, p, len - (unsigned)(p - p0));
	}
	return 0;
}

static int pap_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	const uint8_t *p0 = p;
	uint8_t code, n;
	uint16_t len;
	int rc;

	rc = auth_header_print(c, p, length, "pap", pap_codes, &code, &len);
	if (rc <= 0)
		return rc;
	p += 4;
	if (len > length) {
		pr_printf(c, ", length %u > packet size", len);
		return 0;
	}
	length = len;
	if (length < 4) {
		pr_printf(c, ", length %u < PAP header length", length);
		return 0;
	}
	switch (code) {
	case 1:
		if (len < 6) {
			pr_puts(c, "[|pap]");
			return 0;
		}
		PR_U8(c, p, n);
		p++;
		if (length - (unsigned)(p - p0) < n)
			return 0;
		pr_puts(c, ", Peer ");
		rc = chars_print(c, p, n);
		if (rc)
			return rc;
		p += n;
		if (length - (unsigned)(p - p0) < 1)
			return 0;
		PR_U8(c, p, n);
		p++;
		if (length - (unsigned)(p - p0) < n)
			return 0;
		pr_puts(c, ", Name ");
		return chars_print(c, p, n);
	case 2:
	case 3:
		/* RFC 1334 2.2.2: both are at least 5 octets long */
		if (len < 5) {
			pr_puts(c, "[|pap]");
			return 0;
		}
		PR_U8(c, p, n);
		p++;
		if (length - (unsigned)(p - p0) < n)
			return 0;
		pr_puts(c, ", Msg ");
		return chars_print(c, p, n);
	}
	return 0;
}

/*
 * RFC 1662 4.2: a frame whose 0x7d escapes were left in. Unescapes what
 * was captured into a private buffer, guesses the protocol's form there
 * and decodes it again.
 */
static int ppp_hdlc_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	struct pk saved = c->pk;
	size_t cap = pr_left(c, p), i, n = 0;
	const uint8_t *s;
	uint8_t *b;
	unsigned proto;
	int rc = 0;

	if (cap == 0 || length == 0)
		return 0;
	s = pk_span(&c->pk, p, cap);
	b = s ? malloc(cap) : NULL;
	if (!b)
		return 0;
	for (i = 0; i < cap; i++) {
		uint8_t ch = s[i];

		if (ch == 0x7d) {
			if (i + 1 >= cap)
				break;
			ch = s[++i] ^ 0x20;
		}
		b[n++] = ch;
	}
	c->pk.lo = b;
	c->pk.hi = b + n;
	length = (unsigned)n;
	if (length < 1)
		goto trunc;
	switch (b[0]) {
	case PPP_IP:
		rc = ip_print(c, b + 1, length - 1);
		goto done;
	case PPP_IPV6:
		rc = ip6_print(c, b + 1, length - 1);
		goto done;
	}
	if (length < 2)
		goto trunc;
	proto = (unsigned)b[0] << 8 | b[1];
	if (proto == (PPP_ADDRESS << 8 | PPP_CONTROL)) {
		if (length < 4)
			goto trunc;
		proto = (unsigned)b[2] << 8 | b[3];
		if ((proto & 0xff00) == 0x7e00)
			pr_printf(c, "(protocol 0x%04x invalid)", proto);
		else
			rc = handle_ppp(c, proto, b + 4, length - 4);
	} else if ((proto & 0xff00) == 0x7e00) {
		pr_printf(c, "(protocol 0x%04x invalid)", proto);
	} else {
		rc = handle_ppp(c, proto, b + 2, length - 2);
	}
	goto done;
trunc:
	pr_trunc(c);
done:
	c->pk = saved;
	free(b);
	return rc;
}

static int handle_ppp(struct pr_ctx *c, unsigned proto, const uint8_t *p,
		      unsigned length)
{
	int rc = 0;

	if ((proto & 0xff00) == 0x7e00)
		return ppp_hdlc_print(c, p - 1, length);
	switch (proto) {
	case PPP_LCP:
	case PPP_IPCP:
	case PPP_OSICP:
	case PPP_MPLSCP:
	case PPP_IPV6CP:
	case PPP_CCP:
	case PPP_BACP:
		return ctrl_proto_print(c, proto, p, length);
	case PPP_ML:
		return mlppp_print(c, p, length);
	case PPP_CHAP:
		return chap_print(c, p, length);
	case PPP_PAP:
		return pap_print(c, p, length);
	case PPP_BAP:
		return 0; /* tcpdump prints nothing of it */
	case ET_IP:
	case PPP_VJNC:
	case PPP_IP:
		return ip_print(c, p, length);
	case ET_IPV6:
	case PPP_IPV6:
		return ip6_print(c, p, length);
	case ET_IPX:
	case PPP_IPX:
		if (ethertype_dispatch(c, ET_IPX, p, length, &rc))
			return rc;
		pr_generic(c, "IPX");
		return 0;
	case PPP_OSI:
		return isoclns_print(c, p, length);
	case PPP_MPLS_UCAST:
	case PPP_MPLS_MCAST:
		if (ethertype_dispatch(c, ET_MPLS, p, length, &rc))
			return rc;
		pr_generic(c, "MPLS");
		return 0;
	case PPP_COMP:
		pr_puts(c, "compressed PPP data");
		return 0;
	default:
		proto_name(c, "unknown PPP protocol (0x%04x)", proto);
		pr_putc(c, ' ');
		return unknown(c, p, "\n\t", length);
	}
}

int ppp_body_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
		   unsigned *hdrlen)
{
	unsigned olen = length, hdr = 0;
	uint16_t head, proto;
	uint8_t first;

	c->proto = "ppp";
	if (hdrlen)
		*hdrlen = 0;
	if (length < 2)
		return pr_stop(c);
	PR_BE16(c, p, head);
	switch (head) {
	case PPP_PPPD_IN << 8 | PPP_CONTROL:
	case PPP_PPPD_OUT << 8 | PPP_CONTROL:
		if (c->o.eflag)
			pr_puts(c, head >> 8 ? "Out " : "In  ");
		/* fall through */
	case PPP_ADDRESS << 8 | PPP_CONTROL:
		p += 2;
		length -= 2;
		hdr += 2;
		break;
	}
	if (length < 2)
		return pr_stop(c);
	PR_U8(c, p, first);
	if (first % 2) {
		proto = first;
		p++;
		length--;
		hdr++;
	} else {
		PR_BE16(c, p, proto);
		p += 2;
		length -= 2;
		hdr += 2;
	}
	if (hdrlen)
		*hdrlen = hdr;
	if (c->o.eflag) {
		const char *name = pr_tok(ppp_names, proto);

		pr_printf(c, "%s (0x%04x), length %u", name ? name : "unknown",
			  proto, olen);
		if (!name)
			return 0;
		pr_puts(c, ": ");
	}
	return handle_ppp(c, proto, p, length);
}

/* DLT_PPP and DLT_PPP_PPPD: -x starts after 4 octets, whatever the header. */
int ppp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;

	c->proto = "ppp";
	if (caplen < PPP_HDRLEN) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	c->ll_hdr_len = PPP_HDRLEN;
	return ppp_body_print(c, p, length, NULL);
}

/* Ethertype 0x880b: a PPP frame after ": " (RFC 7042 names the type). */
int ppp_ether_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	if (!length)
		return 0;
	pr_puts(c, ": ");
	return ppp_body_print(c, p, length, NULL);
}

/* DLT_PPP_SERIAL: RFC 1662 framing, or Cisco HDLC (RFC 1547 4.3.1). */
int ppp_hdlc_if_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;
	uint8_t a, b;
	uint16_t proto;

	c->proto = "ppp_hdlc";
	c->ll_hdr_len = 0;
	if (caplen < 2) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	PR_U8(c, p, a);
	if (a == CHDLC_UNICAST || a == CHDLC_BCAST)
		return chdlc_print(c, p, length);
	if (caplen < 4) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	PR_U8(c, p + 1, b);
	if (c->o.eflag)
		pr_printf(c, "%02x %02x %u ", a, b, length);
	if (a != PPP_ADDRESS) {
		PR_U8(c, p + 2, a);
		PR_U8(c, p + 3, b);
		pr_printf(c, "unknown addr %02x; ctrl %02x", a, b);
		c->ll_hdr_len = 2;
		return 0;
	}
	c->ll_hdr_len = 4;
	PR_BE16(c, p + 2, proto);
	proto_name(c, "unknown PPP protocol (0x%04x)", proto);
	pr_puts(c, ": ");
	return handle_ppp(c, proto, p + 4, length - 4);
}

/*
 * DLT_PPP_BSDOS: tcpdump decodes its 24-octet header only when built on
 * BSD/OS; elsewhere, as the installed one, it prints nothing of the
 * packet but the timestamp.
 */
int ppp_bsdos_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	(void)p;
	(void)length;
	c->proto = "ppp_bsdos";
	c->ll_hdr_len = 0;
	return 0;
}
