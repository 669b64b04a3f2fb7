/* print-dccp.c: DCCP (RFC 4340) headers and options, as tcpdump 4.99.3 shows them. */
/*
 * Generic header, X = 1 (48-bit sequence numbers, RFC 4340 5.1):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Source Port          |           Dest Port           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Data Offset  | CCVal | CsCov |           Checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     |       |X|               |                               .
 *  | Res | Type  |=|   Reserved    |  Sequence Number (high bits)  .
 *  |     |       |1|               |                               .
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  .                  Sequence Number (low bits)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * With X = 0 the third word is Res, Type, X and a 24-bit sequence number
 * (12 bytes in all, 16 with X = 1). Then, by type: an acknowledgement
 * subheader (8 bytes with X = 1, 4 bytes of which 3 are the number with
 * X = 0; tcpdump always counts 8), the Request's service code (4), the
 * Response's ack and service code (12), the Reset's ack, code and data
 * (12); then options up to Data Offset * 4 (RFC 4340 5.8).
 */
#include "capture/print-int.h"

#define DCCP_HDRLEN 12u
#define DCCP_HDRLEN_X 16u

enum {
	DCCP_REQUEST,
	DCCP_RESPONSE,
	DCCP_DATA,
	DCCP_ACK,
	DCCP_DATAACK,
	DCCP_CLOSEREQ,
	DCCP_CLOSE,
	DCCP_RESET,
	DCCP_SYNC,
	DCCP_SYNCACK,
};

static const struct pr_tok type_names[] = {
	{ DCCP_REQUEST, "DCCP-Request" },
	{ DCCP_RESPONSE, "DCCP-Response" },
	{ DCCP_DATA, "DCCP-Data" },
	{ DCCP_ACK, "DCCP-Ack" },
	{ DCCP_DATAACK, "DCCP-DataAck" },
	{ DCCP_CLOSEREQ, "DCCP-CloseReq" },
	{ DCCP_CLOSE, "DCCP-Close" },
	{ DCCP_RESET, "DCCP-Reset" },
	{ DCCP_SYNC, "DCCP-Sync" },
	{ DCCP_SYNCACK, "DCCP-SyncAck" },
	{ 0, NULL },
};

/* Reset codes (RFC 4340 5.6). */
static const char *const reset_codes[] = {
	"unspecified",	    "closed",		 "aborted",
	"no_connection",    "packet_error",	 "option_error",
	"mandatory_error",  "connection_refused", "bad_service_code",
	"too_busy",	    "bad_init_cookie",	 "aggression_penalty",
};

/* Feature numbers (RFC 4340 6.4). */
static const char *const feature_names[] = {
	"reserved",
	"ccid",
	"allow_short_seqno",
	"sequence_window",
	"ecn_incapable",
	"ack_ratio",
	"send_ack_vector",
	"send_ndp_count",
	"minimum checksum coverage",
	"check data checksum",
};

static const struct pr_tok option_names[] = {
	{ 0, "nop" },
	{ 1, "mandatory" },
	{ 2, "slowreceiver" },
	{ 32, "change_l" },
	{ 33, "confirm_l" },
	{ 34, "change_r" },
	{ 35, "confirm_r" },
	{ 36, "initcookie" },
	{ 37, "ndp_count" },
	{ 38, "ack_vector0" },
	{ 39, "ack_vector1" },
	{ 40, "data_dropped" },
	{ 41, "timestamp" },
	{ 42, "timestamp_echo" },
	{ 43, "elapsed_time" },
	{ 44, "data_checksum" },
	{ 0, NULL },
};

/* How much the checksum covers (RFC 4340 9.2). */
static unsigned coverage(unsigned doff, unsigned cscov, unsigned len)
{
	unsigned cov;

	if (cscov == 0)
		return len;
	cov = (doff + cscov - 1) * 4;
	return cov > len ? len : cov;
}

/* Bytes p[from, to) in hex, as "%02x" each. */
static int hexrun(struct pr_ctx *c, const uint8_t *p, unsigned from,
		  unsigned to)
{
	unsigned i;
	uint8_t b;

	for (i = from; i < to; i++) {
		PR_U8(c, p + i, b);
		pr_hex(c, b, 2);
	}
	return 0;
}

/* One option: its length, 0 to stop the walk, or PR_STOP. */
static int option_print(struct pr_ctx *c, const uint8_t *opt, unsigned hlen)
{
	uint8_t type, optlen, b;
	uint32_t v32;
	uint16_t v16;
	unsigned i;

	PR_U8(c, opt, type);
	if (type >= 32) {
		PR_U8(c, opt + 1, optlen);
		if (optlen < 2) {
			if (type >= 128)
				pr_printf(c, "CCID option %u optlen too short",
					  type);
			else {
				pr_tok_print(c, option_names, "Option %u", type);
				pr_puts(c, " optlen too short");
			}
			return 0;
		}
	} else {
		optlen = 1;
	}
	if (hlen < optlen) {
		if (type >= 128)
			pr_printf(c, "CCID option %u optlen goes past header "
				     "length", type);
		else {
			pr_tok_print(c, option_names, "Option %u", type);
			pr_puts(c, " optlen goes past header length");
		}
		return 0;
	}
	if (!pr_has(c, opt, optlen)) {
		pr_trunc(c);
		return 0;
	}
	if (type >= 128) {
		pr_printf(c, "CCID option %u", type);
		if (optlen == 4) {
			PR_BE16(c, opt + 2, v16);
			pr_printf(c, " %u", v16);
		} else if (optlen == 6) {
			PR_BE32(c, opt + 2, v32);
			pr_printf(c, " %u", v32);
		}
		return optlen;
	}
	pr_tok_print(c, option_names, "Option %u", type);
	switch (type) {
	case 32:
	case 33:
	case 34:
	case 35:
		if (optlen < 3) {
			pr_puts(c, " optlen too short");
			return optlen;
		}
		PR_U8(c, opt + 2, b);
		if (b < 10) {
			pr_putc(c, ' ');
			pr_puts(c, feature_names[b]);
			for (i = 3; i < optlen; i++) {
				PR_U8(c, opt + i, b);
				pr_printf(c, " %u", b);
			}
		}
		break;
	case 36:
	case 38:
	case 39:
	case 40:
		if (optlen > 2) {
			pr_puts(c, " 0x");
			if (hexrun(c, opt, 2, optlen) == PR_STOP)
				return PR_STOP;
		}
		break;
	case 37:
		for (i = 2; i < optlen; i++) {
			PR_U8(c, opt + i, b);
			pr_printf(c, " %u", b);
		}
		break;
	case 41:
		if (optlen == 6) {
			PR_BE32(c, opt + 2, v32);
			pr_printf(c, " %u", v32);
		} else {
			pr_puts(c, " [optlen != 6]");
		}
		break;
	case 42:
		if (optlen == 6 || optlen == 8 || optlen == 10) {
			PR_BE32(c, opt + 2, v32);
			pr_printf(c, " %u", v32);
		}
		if (optlen == 8) {
			PR_BE16(c, opt + 6, v16);
			pr_printf(c, " (elapsed time %u)", v16);
		} else if (optlen == 10) {
			PR_BE32(c, opt + 6, v32);
			pr_printf(c, " (elapsed time %u)", v32);
		} else if (optlen != 6) {
			pr_puts(c, " [optlen != 6 or 8 or 10]");
		}
		break;
	case 43:
		if (optlen == 6) {
			PR_BE32(c, opt + 2, v32);
			pr_printf(c, " %u", v32);
		} else if (optlen == 4) {
			PR_BE16(c, opt + 2, v16);
			pr_printf(c, " %u", v16);
		} else {
			pr_puts(c, " [optlen != 4 or 6]");
		}
		break;
	case 44:
		if (optlen > 2) {
			pr_putc(c, ' ');
			if (hexrun(c, opt, 2, optlen) == PR_STOP)
				return PR_STOP;
		}
		break;
	}
	return optlen;
}

/* The packet's sequence or acknowledgement number at p. */
static int number(struct pr_ctx *c, const uint8_t *p, int x, uint64_t *v)
{
	uint32_t hi, lo;
	uint16_t h16;

	if (x) {
		PR_BE16(c, p, h16);
		PR_BE32(c, p + 2, lo);
		*v = ((uint64_t)h16 << 32) | lo;
	} else {
		PR_BE24(c, p, hi);
		*v = hi;
	}
	return 0;
}

/* "truncated-DCCP-Ack - 3 bytes missing!" when len is short of need. */
static int short_of(struct pr_ctx *c, unsigned type, unsigned need,
		    unsigned len)
{
	if (len >= need)
		return 0;
	pr_puts(c, "truncated-");
	pr_tok_print(c, type_names, "", type);
	pr_printf(c, " - %u bytes missing!", need - len);
	return 1;
}

int dccp_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	const uint8_t *iph = c->iph;
	unsigned fixed, hlen, type;
	uint8_t doff, cc, xtr;
	uint16_t sport, dport;
	uint64_t v;
	int x;

	c->proto = "dccp";
	if (!pr_has(c, bp, DCCP_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	if (len < DCCP_HDRLEN) {
		pr_printf(c, "truncated-dccp - %u bytes missing!",
			  DCCP_HDRLEN - len);
		return 0;
	}
	PR_U8(c, bp + 8, xtr);
	x = xtr & 1;
	fixed = x ? DCCP_HDRLEN_X : DCCP_HDRLEN;
	if (len < fixed) {
		pr_printf(c, "truncated-dccp - %u bytes missing!", fixed - len);
		return 0;
	}
	if (!pr_has(c, bp, fixed)) {
		pr_trunc(c);
		return 0;
	}
	PR_BE16(c, bp, sport);
	PR_BE16(c, bp + 2, dport);
	PR_U8(c, bp + 4, doff);
	hlen = doff * 4u;
	if (c->ipver == 6) {
		PR_IP6(c, "", iph + 8);
		pr_printf(c, ".%u", sport);
		PR_IP6(c, " > ", iph + 24);
	} else {
		PR_IP4(c, "", iph + 12);
		pr_printf(c, ".%u", sport);
		PR_IP4(c, " > ", iph + 16);
	}
	pr_printf(c, ".%u: DCCP", dport);
	if (c->o.qflag) {
		pr_printf(c, " %u", len - hlen);
		if (hlen > len)
			pr_printf(c, " [bad hdr length %u - too long, > %u]",
				  hlen, len);
		return 0;
	}
	PR_U8(c, bp + 5, cc);
	if (c->o.vflag)
		pr_printf(c, " (CCVal %u, CsCov %u", cc >> 4, cc & 15u);
	if (c->o.vflag && pr_has(c, bp, len)) {
		uint16_t field, sum;
		uint32_t acc;

		PR_BE16(c, bp + 6, field);
		pr_printf(c, ", cksum 0x%04x ", field);
		if (ip_pseudo_sum(c, 33, len, &acc) == PR_STOP)
			return PR_STOP;
		{
			unsigned cov = coverage(doff, cc & 15u, len);

			sum = pr_cksum_fold(pr_cksum_add(
				acc, pk_span(&c->pk, bp, cov), cov));
		}
		if (sum != 0)
			pr_printf(c, "(incorrect -> 0x%04x)",
				  pr_cksum_shouldbe(field, sum));
		else
			pr_puts(c, "(correct)");
	}
	if (c->o.vflag)
		pr_putc(c, ')');
	pr_putc(c, ' ');

	type = (xtr >> 1) & 15u;
	switch (type) {
	case DCCP_REQUEST: {
		uint32_t svc;

		fixed += 4;
		if (short_of(c, type, fixed, len))
			return 0;
		if (!pr_has(c, bp + fixed - 4, 4)) {
			pr_trunc(c);
			return 0;
		}
		PR_BE32(c, bp + fixed - 4, svc);
		pr_printf(c, "%s (service=%u) ", pr_tok(type_names, type), svc);
		break;
	}
	case DCCP_RESPONSE: {
		uint32_t svc;

		fixed += 12;
		if (short_of(c, type, fixed, len))
			return 0;
		if (!pr_has(c, bp + fixed - 12, 12)) {
			pr_trunc(c);
			return 0;
		}
		PR_BE32(c, bp + fixed - 4, svc);
		pr_printf(c, "%s (service=%u) ", pr_tok(type_names, type), svc);
		break;
	}
	case DCCP_DATA:
		pr_printf(c, "%s ", pr_tok(type_names, type));
		break;
	case DCCP_RESET: {
		uint8_t code;

		fixed += 12;
		if (short_of(c, type, fixed, len))
			return 0;
		if (!pr_has(c, bp + fixed - 12, 12)) {
			pr_trunc(c);
			return 0;
		}
		PR_U8(c, bp + fixed - 4, code);
		pr_printf(c, "%s (code=%s) ", pr_tok(type_names, type),
			  code < sizeof(reset_codes) / sizeof(reset_codes[0])
				  ? reset_codes[code]
				  : "invalid");
		break;
	}
	case DCCP_ACK:
	case DCCP_DATAACK:
	case DCCP_CLOSEREQ:
	case DCCP_CLOSE:
	case DCCP_SYNC:
	case DCCP_SYNCACK:
		fixed += 8;
		if (short_of(c, type, fixed, len))
			return 0;
		pr_printf(c, "%s ", pr_tok(type_names, type));
		break;
	default:
		pr_printf(c, "unknown-type-%u ", type);
		break;
	}
	if (type != DCCP_DATA && type != DCCP_REQUEST) {
		const uint8_t *ack = bp + (x ? DCCP_HDRLEN_X : DCCP_HDRLEN);

		if (number(c, x ? ack + 2 : ack + 1, x, &v) == PR_STOP)
			return PR_STOP;
		pr_printf(c, "(ack=%ju) ", (uintmax_t)v);
	}
	if (c->o.vflag < 2)
		return 0;
	if (number(c, x ? bp + 10 : bp + 9, x, &v) == PR_STOP)
		return PR_STOP;
	pr_printf(c, "seq %ju", (uintmax_t)v);
	if (hlen > fixed) {
		const uint8_t *cp = bp + fixed;

		pr_puts(c, " <");
		hlen -= fixed;
		for (;;) {
			int n = option_print(c, cp, hlen);

			if (n == PR_STOP)
				return PR_STOP;
			if (n == 0 || hlen <= (unsigned)n)
				break;
			hlen -= (unsigned)n;
			cp += n;
			pr_puts(c, ", ");
		}
		pr_putc(c, '>');
	}
	return 0;
}
