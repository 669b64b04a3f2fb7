/* print-clnp.c: CLNP (ISO/IEC 8473-1): data, error report and echo PDUs, their options, and the PDU an error report quotes. */
/*
 * A CLNP PDU (ISO/IEC 8473-1 7, also ITU-T X.233): the fixed part, the
 * address part, the segmentation part when the SP flag is set, the
 * options part up to the length indicator, then the data:
 *
 *   0       1       2       3       4       5       6       7       8
 *  +-------+-------+-------+-------+-------+-------+-------+-------+-------+
 *  | NLPID | length|version| life- |SP MS E| segment length| checksum      |
 *  | 0x81  | ind.  | 1     | time  |R type5|               |               |
 *  +-------+-------+-------+-------+-------+-------+-------+-------+-------+
 *   fixed part (7.2)
 *  +-------+-------+---------------+-------+-------+-----------------------+
 *  | dest. | destination address   |source | source address ...            |
 *  | length| ...                   | length|                               |
 *  +-------+-------+---------------+-------+-------+-----------------------+
 *   address part (7.3)
 *  +-------+-------+-------+-------+-------+-------+
 *  | data unit id  | segment offset| total length  |
 *  +-------+-------+-------+-------+-------+-------+
 *   segmentation part (7.4)
 *  +-------+-------+------------------
 *  | code  | length| value ...         and more options, to the length
 *  +-------+-------+------------------ indicator
 *   options part (7.5)
 *
 * The lifetime counts half seconds. The type is Data (28), Multicast
 * Data (29), Error Report (1), Echo Request (30) or Echo Response (31).
 * An error report's data is the header of the PDU it reports on (7.9.6);
 * tcpdump decodes an echo response's data as a CLNP PDU too, and so does
 * this printer. Without -v, as in tcpdump, only the addresses and the
 * type print.
 */
#include "capture/print-int.h"

#define CLNP_FIXED_LEN 9
#define CLNP_SEG_LEN 6
#define CLNP_VERSION 1
#define CLNP_NLPID 0x81

#define CLNP_SP 0x80 /* segmentation permitted: a segmentation part */
#define CLNP_TYPE_MASK 0x1f
#define CLNP_FLAG_MASK 0xe0

#define PDU_ER 1
#define PDU_DT 28
#define PDU_MD 29
#define PDU_ERQ 30
#define PDU_ERP 31

#define OPT_DISCARD_REASON 193
#define OPT_QOS 195
#define OPT_SECURITY 197
#define OPT_SOURCE_ROUTING 200
#define OPT_ROUTE_RECORDING 203
#define OPT_PADDING 204
#define OPT_PRIORITY 205

#define SCOPE_MASK 0xc0
#define SCOPE_GLOBAL 0xc0
#define QOS_MASK 0x3f

static const struct pr_tok pdu_names[] = {
	{ PDU_ER, "Error Report" },
	{ PDU_MD, "MD" },
	{ PDU_DT, "Data" },
	{ PDU_ERQ, "Echo Request" },
	{ PDU_ERP, "Echo Response" },
	{ 0, NULL },
};

static const struct pr_tok flag_names[] = {
	{ CLNP_SP, "Segmentation permitted" },
	{ 0x40, "more Segments" },
	{ 0x20, "request Error Report" },
	{ 0, NULL },
};

static const struct pr_tok option_names[] = {
	{ OPT_DISCARD_REASON, "Discard Reason" },
	{ OPT_PRIORITY, "Priority" },
	{ OPT_QOS, "QoS Maintenance" },
	{ OPT_SECURITY, "Security" },
	{ OPT_SOURCE_ROUTING, "Source Routing" },
	{ OPT_ROUTE_RECORDING, "Route Recording" },
	{ OPT_PADDING, "Padding" },
	{ 0, NULL },
};

/* The format code in the top two bits of QoS and security (7.5.3, 7.5.6). */
static const struct pr_tok scope_names[] = {
	{ 0x40, "Source Address Specific" },
	{ 0x80, "Destination Address Specific" },
	{ SCOPE_GLOBAL, "Globally unique" },
	{ 0, NULL },
};

/* The globally unique QoS maintenance bits (7.5.6.3). */
static const struct pr_tok qos_names[] = {
	{ 0x20, "reserved" },
	{ 0x10, "sequencing vs. delay" },
	{ 0x08, "congested" },
	{ 0x04, "delay vs. cost" },
	{ 0x02, "error vs. delay" },
	{ 0x01, "error vs. cost" },
	{ 0, NULL },
};

/* Source routing and route recording: the type octet, then which it is. */
static const struct pr_tok route_types[] = {
	{ 0, "partial" },
	{ 1, "complete" },
	{ 0, NULL },
};

/* The reason for discard (7.5.5): its class, the top four bits ... */
static const struct pr_tok rfd_classes[] = {
	{ 0x0, "General" },
	{ 0x8, "Address" },
	{ 0x9, "Source Routeing" },
	{ 0xa, "Lifetime" },
	{ 0xb, "PDU Discarded" },
	{ 0xc, "Reassembly" },
	{ 0, NULL },
};

/* ... and the reason within the class, the low four bits. */
static const struct pr_tok rfd_general[] = {
	{ 0x0, "Reason not specified" },
	{ 0x1, "Protocol procedure error" },
	{ 0x2, "Incorrect checksum" },
	{ 0x3, "PDU discarded due to congestion" },
	{ 0x4, "Header syntax error (cannot be parsed)" },
	{ 0x5, "Segmentation needed but not permitted" },
	{ 0x6, "Incomplete PDU received" },
	{ 0x7, "Duplicate option" },
	{ 0, NULL },
};

static const struct pr_tok rfd_address[] = {
	{ 0x0, "Destination address unreachable" },
	{ 0x1, "Destination address unknown" },
	{ 0, NULL },
};

static const struct pr_tok rfd_source_routeing[] = {
	{ 0x0, "Unspecified source routeing error" },
	{ 0x1, "Syntax error in source routeing field" },
	{ 0x2, "Unknown address in source routeing field" },
	{ 0x3, "Path not acceptable" },
	{ 0, NULL },
};

static const struct pr_tok rfd_lifetime[] = {
	{ 0x0, "Lifetime expired while data unit in transit" },
	{ 0x1, "Lifetime expired during reassembly" },
	{ 0, NULL },
};

static const struct pr_tok rfd_discarded[] = {
	{ 0x0, "Unsupported option not specified" },
	{ 0x1, "Unsupported protocol version" },
	{ 0x2, "Unsupported security option" },
	{ 0x3, "Unsupported source routeing option" },
	{ 0x4, "Unsupported recording of route option" },
	{ 0, NULL },
};

static const struct pr_tok rfd_reassembly[] = {
	{ 0x0, "Reassembly interference" },
	{ 0, NULL },
};

/* The reasons of each class, by class; NULL: a class without any. */
static const struct pr_tok *const rfd_reasons[16] = {
	[0x0] = rfd_general,
	[0x8] = rfd_address,
	[0x9] = rfd_source_routeing,
	[0xa] = rfd_lifetime,
	[0xb] = rfd_discarded,
	[0xc] = rfd_reassembly,
};

/* What a PDU's printer tells its caller, besides 0 (bad) and PR_STOP. */
#define PDU_DONE 1
#define PDU_QUOTES 2 /* an error report's quoted PDU follows */

/*
 * The NSAP list of a source routing or route recording option (7.5.3,
 * 7.5.4), from the offset its second octet gives. tcpdump reads the
 * first address again for every address the lengths count (it never
 * moves on), and so does this, to print the same.
 */
static int route_print(struct pr_ctx *c, unsigned op, const uint8_t *t,
		       unsigned tlen)
{
	uint8_t type, off, alen;

	PR_U8(c, t, type);
	PR_U8(c, t + 1, off);
	pr_tok_print(c, route_types, "Unknown", type);
	pr_puts(c, op == OPT_SOURCE_ROUTING ? " source routing" :
		" recording of route in progress");
	if (off == 0) {
		pr_puts(c, " Bad NSAP offset (0)");
		return 0;
	}
	off--;
	if (off > tlen) {
		pr_puts(c, " Bad NSAP offset (past end of option)");
		return 0;
	}
	t += off;
	tlen -= off;
	while (tlen > 0) {
		PR_U8(c, t, alen);
		if (tlen < alen + 1u) {
			pr_puts(c, "\n\t    NSAP address goes past end "
				   "of option");
			break;
		}
		if (alen > 0) {
			PR_NEED(c, t + 1, alen);
			pr_printf(c, "\n\t    NSAP address (length %u): ",
				  alen);
			if (osi_nsap_print(c, "", t + 1, alen) == PR_STOP)
				return PR_STOP;
		}
		tlen -= alen + 1u;
	}
	return 0;
}

/* One option's value, all of it captured: 1, 0 when too short, PR_STOP. */
static int option_print(struct pr_ctx *c, unsigned op, const uint8_t *t,
			unsigned tlen)
{
	const struct pr_tok *reasons;
	uint8_t v, level;

	switch (op) {
	case OPT_ROUTE_RECORDING:
	case OPT_SOURCE_ROUTING:
		if (tlen < 2)
			break;
		return route_print(c, op, t, tlen) == PR_STOP ? PR_STOP : 1;
	case OPT_PRIORITY:
		if (tlen < 1)
			break;
		PR_U8(c, t, v);
		pr_printf(c, "0x%x", v & 0x0f);
		return 1;
	case OPT_QOS:
		if (tlen < 1)
			break;
		PR_U8(c, t, v);
		pr_puts(c, "\n\t    Format Code: ");
		pr_tok_print(c, scope_names, "Reserved", v & SCOPE_MASK);
		if ((v & SCOPE_MASK) == SCOPE_GLOBAL) {
			pr_puts(c, "\n\t    QoS Flags [");
			pr_bittok_print(c, qos_names, ", ", "none",
					v & QOS_MASK);
			pr_putc(c, ']');
		}
		return 1;
	case OPT_SECURITY:
		if (tlen < 2)
			break;
		PR_U8(c, t, v);
		PR_U8(c, t + 1, level);
		pr_puts(c, "\n\t    Format Code: ");
		pr_tok_print(c, scope_names, "Reserved", v & SCOPE_MASK);
		pr_printf(c, ", Security-Level %u", level);
		return 1;
	case OPT_DISCARD_REASON:
		if (tlen < 1)
			break;
		PR_U8(c, t, v);
		pr_puts(c, "\n\t    Class: ");
		pr_tok_print(c, rfd_classes, "Unknown", v >> 4);
		pr_printf(c, " Error (0x%x), ", v >> 4);
		reasons = rfd_reasons[v >> 4];
		if (reasons)
			pr_tok_print(c, reasons, "Unknown", v & 0x0f);
		else
			pr_puts(c, "Unknown");
		pr_printf(c, " (0x%x)", v & 0x0f);
		return 1;
	case OPT_PADDING:
		pr_puts(c, "padding data");
		return 1;
	default:
		pr_unknown_data(c, t, "\n\t  ", tlen);
		return 1;
	}
	pr_puts(c, ", bad opt len");
	return 0;
}

/* The -v lines of the fixed part h of the PDU at o. */
static void header_print(struct pr_ctx *c, const uint8_t *o, const uint8_t *h,
			unsigned length)
{
	uint16_t seglen, sum;

	seglen = (uint16_t)(h[5] << 8 | h[6]);
	sum = (uint16_t)(h[7] << 8 | h[8]);
	pr_printf(c, "%slength %u\n\t", c->o.eflag ? "" : ", ", length);
	pr_tok_print(c, pdu_names, "unknown (%u)", h[4] & CLNP_TYPE_MASK);
	pr_printf(c, " PDU, hlen: %u, v: %u, lifetime: %u.%us, "
		  "Segment PDU length: %u, checksum: 0x%04x",
		  h[1], h[2], h[3] / 2u, h[3] % 2u * 5, seglen, sum);
	osi_cksum_print(c, o, sum, 7, h[1]);
	pr_puts(c, "\n\tFlags [");
	pr_bittok_print(c, flag_names, ", ", "none", h[4] & CLNP_FLAG_MASK);
	pr_putc(c, ']');
}

/*
 * One PDU of length octets at p. 1 when printed, 0 when the header is
 * bad (after tcpdump's note; the caller dumps the PDU), PR_STOP, or
 * PDU_QUOTES with *inner at the PDU its data quotes.
 */
static int pdu_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
		     const uint8_t **inner)
{
	const uint8_t *o = p, *dst, *src;
	uint8_t h[CLNP_FIXED_LEN], dlen, slen, op, olen, v;
	unsigned li, left, type;
	uint16_t id, off, total;
	int rc;

	if (!pr_has(c, p, CLNP_FIXED_LEN)) {
		pr_trunc(c);
		return PDU_DONE;
	}
	PR_COPY(c, p, h, CLNP_FIXED_LEN);
	li = h[1];
	if (!c->o.eflag)
		pr_puts(c, "CLNP");
	if (h[2] != CLNP_VERSION) {
		pr_printf(c, "version %u packet not supported", h[2]);
		return 0;
	}
	if (li > length) {
		pr_printf(c, " length indicator(%u) > PDU size (%u)!", li,
			  length);
		return 0;
	}
	if (li < CLNP_FIXED_LEN) {
		pr_printf(c, " length indicator %u < min PDU size:", li);
		for (; pr_has(c, p, 1); p++) {
			PR_U8(c, p, v);
			pr_printf(c, "%02X", v);
		}
		return 0;
	}
	type = h[4] & CLNP_TYPE_MASK;
	p += CLNP_FIXED_LEN;
	left = li - CLNP_FIXED_LEN;

	/* the address part: the destination, then the source */
	if (left < 1)
		goto short_addr;
	PR_U8(c, p, dlen);
	p++;
	left--;
	if (left < dlen)
		goto short_addr;
	if (!pr_has(c, p, dlen))
		goto trunc;
	dst = p;
	p += dlen;
	left -= dlen;
	if (left < 1)
		goto short_addr;
	PR_U8(c, p, slen);
	p++;
	left--;
	if (left < slen)
		goto short_addr;
	if (!pr_has(c, p, slen))
		goto trunc;
	src = p;
	p += slen;
	left -= slen;

	if (c->o.vflag < 1) {
		pr_puts(c, c->o.eflag ? "" : ", ");
		osi_nsap_print(c, "", src, slen);
		osi_nsap_print(c, " > ", dst, dlen);
		pr_puts(c, ", ");
		pr_tok_print(c, pdu_names, "unknown (%u)", type);
		pr_printf(c, ", length %u", length);
		return PDU_DONE;
	}
	header_print(c, o, h, length);
	pr_printf(c, "\n\tsource address (length %u): ", slen);
	osi_nsap_print(c, "", src, slen);
	pr_printf(c, "\n\tdest   address (length %u): ", dlen);
	osi_nsap_print(c, "", dst, dlen);

	if (h[4] & CLNP_SP) {
		if (left < CLNP_SEG_LEN) {
			pr_puts(c, "li < size of fixed part of CLNP header, "
				   "addresses, and segment part");
			return 0;
		}
		if (!pr_has(c, p, CLNP_SEG_LEN))
			goto trunc;
		PR_BE16(c, p, id);
		PR_BE16(c, p + 2, off);
		PR_BE16(c, p + 4, total);
		pr_printf(c, "\n\tData Unit ID: 0x%04x, Segment Offset: %u, "
			  "Total PDU Length: %u", id, off, total);
		p += CLNP_SEG_LEN;
		left -= CLNP_SEG_LEN;
	}

	while (left != 0) {
		if (left < 2) {
			pr_puts(c, ", bad opts/li");
			return 0;
		}
		PR_U8(c, p, op);
		PR_U8(c, p + 1, olen);
		p += 2;
		left -= 2;
		if (olen > left) {
			pr_printf(c, ", opt (%u) too long", op);
			return 0;
		}
		if (!pr_has(c, p, olen))
			goto trunc;
		left -= olen;
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, option_names, "Unknown", op);
		pr_printf(c, " Option #%u, length %u, value: ", op, olen);
		rc = option_print(c, op, p, olen);
		if (rc != 1)
			return rc;
		if (c->o.vflag > 1)
			pr_unknown_data(c, p, "\n\t  ", olen);
		p += olen;
	}

	if (type == PDU_ER || type == PDU_ERP) {
		PR_U8(c, p, v);
		if (v == CLNP_NLPID) {
			pr_puts(c, "\n\t-----original packet-----\n\t");
			*inner = p;
			return PDU_QUOTES;
		}
	}
	if (length > li) {
		pr_printf(c, "\n\t  undecoded non-header data, length %u",
			  length - li);
		pr_unknown_data(c, p, "\n\t  ", length - li);
	}
	return PDU_DONE;

short_addr:
	pr_puts(c, "li < size of fixed part of CLNP header and addresses");
	return 0;
trunc:
	pr_trunc(c);
	return PDU_DONE;
}

int clnp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	const uint8_t *inner = NULL;
	int rc, depth;

	c->proto = "clnp";
	/*
	 * tcpdump prints a quoted PDU by calling its printer again and
	 * ignores what that call returns: a bad quoted header gets no hex
	 * dump. A loop does the same without a frame per quote.
	 */
	for (depth = 0;; depth++) {
		rc = pdu_print(c, p, length, &inner);
		if (rc != PDU_QUOTES)
			return rc == 0 && depth > 0 ? PDU_DONE : rc;
		length -= (unsigned)(inner - p);
		p = inner;
	}
}
