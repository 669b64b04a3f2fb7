/* print-rpki-rtr.c: RPKI to Router (RFC 6810 v0, RFC 8210 v1), TCP port 323. */
/*
 * A segment holds PDUs back to back, each behind the same header:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Version     |   PDU Type    |   Session ID / Error Code     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Length (of the whole PDU)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The bodies (RFC 6810 5):
 *
 *   Serial Notify (0), Serial Query (1), End of Data (7): a 32-bit serial.
 *   Reset Query (2), Cache Response (3), Cache Reset (8): nothing.
 *   IPv4 Prefix (4), IPv6 Prefix (6): flags, prefix length, max length,
 *     a zero octet, the prefix (4 or 16 octets), the origin AS (32 bits).
 *   Error Report (10): the length of the encapsulated PDU, that PDU, the
 *     length of the error text, the text.
 *
 * Like tcpdump 4.99.3, this decodes version 0 only: any other version
 * (RFC 8210's 1 with its Router Key PDU, 9, included) prints as unknown
 * and ends the segment, since nothing tells where such a PDU ends. A
 * version 0 PDU of another type (9 among them) is dumped in hex with -v.
 * Without -v the segment is only named. An Error Report's encapsulated
 * PDU is decoded one level deep. Lengths are 32-bit and wrap around as
 * tcpdump's do, so a huge encapsulated length reads as tcpdump reads it.
 */
#include "capture/print-int.h"

#define RTR_HDRLEN 8

#define RTR_SERIAL_NOTIFY 0
#define RTR_SERIAL_QUERY 1
#define RTR_RESET_QUERY 2
#define RTR_CACHE_RESPONSE 3
#define RTR_IPV4_PREFIX 4
#define RTR_IPV6_PREFIX 6
#define RTR_END_OF_DATA 7
#define RTR_CACHE_RESET 8
#define RTR_ERROR_REPORT 10

/* The names tcpdump 4.99.3 prints for each PDU type and error code. */
static const struct pr_tok pdu_names[] = {
	{ RTR_SERIAL_NOTIFY, "Serial Notify" },
	{ RTR_SERIAL_QUERY, "Serial Query" },
	{ RTR_RESET_QUERY, "Reset Query" },
	{ RTR_CACHE_RESPONSE, "Cache Response" },
	{ RTR_IPV4_PREFIX, "IPV4 Prefix" },
	{ RTR_IPV6_PREFIX, "IPV6 Prefix" },
	{ RTR_END_OF_DATA, "End of Data" },
	{ RTR_CACHE_RESET, "Cache Reset" },
	{ RTR_ERROR_REPORT, "Error Report" },
	{ 0, NULL },
};

static const struct pr_tok error_names[] = {
	{ 0, "Corrupt Data" },
	{ 1, "Internal Error" },
	{ 2, "No Data Available" },
	{ 3, "Invalid Request" },
	{ 4, "Unsupported Protocol Version" },
	{ 5, "Unsupported PDU Type" },
	{ 6, "Withdrawal of Unknown Record" },
	{ 7, "Duplicate Announcement Received" },
	{ 0, NULL },
};

/* A new line, then n columns: a tab for each 8, spaces for the rest. */
static void indent(struct pr_ctx *c, unsigned n)
{
	pr_putc(c, '\n');
	for (; n >= 8; n -= 8)
		pr_putc(c, '\t');
	for (; n > 0; n--)
		pr_putc(c, ' ');
}

static int pdu_print(struct pr_ctx *c, const uint8_t *p, uint32_t len,
		     int recurse, unsigned ind, uint32_t *took);

/* An IPv4 (alen 4) or IPv6 (16) Prefix PDU's body; 0 or PR_STOP. */
static int prefix_print(struct pr_ctx *c, const uint8_t *p, unsigned alen,
			unsigned ind)
{
	uint8_t flags, plen, mlen, a[16];
	uint32_t as;

	/* Every field is read before anything of the line is printed. */
	PR_U8(c, p + RTR_HDRLEN, flags);
	PR_U8(c, p + RTR_HDRLEN + 1, plen);
	PR_U8(c, p + RTR_HDRLEN + 2, mlen);
	PR_COPY(c, p + RTR_HDRLEN + 4, a, alen);
	PR_BE32(c, p + RTR_HDRLEN + 4 + alen, as);
	indent(c, ind);
	if (alen == 4) {
		pr_puts(c, "IPv4 Prefix ");
		pr_ip4(c, a);
	} else {
		pr_puts(c, "IPv6 Prefix ");
		pr_ip6(c, a);
	}
	pr_printf(c, "/%u-%u, origin-as %u, flags 0x%02x", plen, mlen, as,
		  flags);
	return 0;
}

/*
 * An Error Report PDU of pdu_len octets (at least a header): the code,
 * the encapsulated PDU (decoded when recurse), the text. 0, 1 when a
 * length does not fit in the PDU (the caller's invalid), or PR_STOP.
 */
static int error_print(struct pr_ctx *c, const uint8_t *p, uint32_t pdu_len,
		       int recurse, unsigned ind)
{
	uint32_t tlen = RTR_HDRLEN, enc_len, text_len, inner;
	uint16_t code;
	const char *name;
	int rc;

	if (pdu_len < tlen + 4)
		return 1;
	PR_NEED(c, p, tlen + 4);
	PR_BE32(c, p + tlen, enc_len);
	PR_BE16(c, p + 2, code);
	tlen += 4;
	indent(c, ind);
	name = pr_tok(error_names, code);
	pr_printf(c, "Error code: %s (%u), Encapsulated PDU length: %u",
		  name ? name : "Unknown", code, enc_len);
	if (enc_len) {
		if (pdu_len < tlen + enc_len)
			return 1;
		if (!recurse) {
			PR_NEED(c, p, tlen + enc_len);
		} else {
			indent(c, ind + 2);
			pr_puts(c, "-----encapsulated PDU-----");
			rc = pdu_print(c, p + tlen, enc_len, 0, ind, &inner);
			if (rc)
				return rc;
		}
		tlen += enc_len;
	}
	if (pdu_len < tlen + 4)
		return 1;
	PR_NEED(c, p, tlen + 4);
	PR_BE32(c, p + tlen, text_len);
	tlen += 4;
	if (text_len) {
		if (pdu_len < tlen + text_len)
			return 1;
		indent(c, ind);
		pr_puts(c, "Error text: ");
		if (pr_printn(c, p + tlen, text_len))
			return pr_stop(c);
	}
	return 0;
}

/*
 * One PDU at p of a segment's len remaining octets, its body indented by
 * ind + 2 columns; *took gets the octets to skip (all of len after an
 * unknown version or a bad length). 0 or PR_STOP.
 */
static int pdu_print(struct pr_ctx *c, const uint8_t *p, uint32_t len,
		     int recurse, unsigned ind, uint32_t *took)
{
	uint8_t version, type;
	uint16_t session;
	uint32_t pdu_len, serial;
	const char *name;
	int hexdump = 0, rc;

	*took = len;
	PR_U8(c, p, version);
	if (version != 0) {
		indent(c, 8);
		pr_printf(c, "RPKI-RTRv%u (unknown)", version);
		return 0;
	}
	if (len < RTR_HDRLEN) {
		pr_printf(c, "(%u bytes is too few to decode)", len);
		goto invalid;
	}
	PR_NEED(c, p, RTR_HDRLEN);
	PR_U8(c, p + 1, type);
	PR_BE16(c, p + 2, session);
	PR_BE32(c, p + 4, pdu_len);
	indent(c, 8);
	name = pr_tok(pdu_names, type);
	pr_printf(c, "RPKI-RTRv%u, %s PDU (%u), length: %u", version,
		  name ? name : "Unknown", type, pdu_len);
	/* The body's bounds are checked by type: a cut Error Report still
	 * prints as far as it goes. */
	if (pdu_len < RTR_HDRLEN || pdu_len > len)
		goto invalid;

	switch (type) {
	case RTR_SERIAL_NOTIFY:
	case RTR_SERIAL_QUERY:
	case RTR_END_OF_DATA:
		if (pdu_len != RTR_HDRLEN + 4)
			goto invalid;
		PR_BE32(c, p + RTR_HDRLEN, serial);
		indent(c, ind + 2);
		pr_printf(c, "Session ID: 0x%04x, Serial: %u", session, serial);
		break;
	case RTR_RESET_QUERY:
	case RTR_CACHE_RESET:
		if (pdu_len != RTR_HDRLEN)
			goto invalid;
		break;
	case RTR_CACHE_RESPONSE:
		if (pdu_len != RTR_HDRLEN)
			goto invalid;
		indent(c, ind + 2);
		pr_printf(c, "Session ID: 0x%04x", session);
		break;
	case RTR_IPV4_PREFIX:
	case RTR_IPV6_PREFIX: {
		unsigned alen = type == RTR_IPV4_PREFIX ? 4 : 16;

		if (pdu_len != RTR_HDRLEN + 8 + alen)
			goto invalid;
		rc = prefix_print(c, p, alen, ind + 2);
		if (rc)
			return rc;
		break;
	}
	case RTR_ERROR_REPORT:
		rc = error_print(c, p, pdu_len, recurse, ind + 2);
		if (rc == 1)
			goto invalid;
		if (rc)
			return rc;
		break;
	default:
		PR_NEED(c, p, pdu_len);
		hexdump = 1;
		break;
	}
	if (c->o.vflag > 1 || hexdump)
		pr_unknown_data(c, p, "\n\t  ", pdu_len);
	*took = pdu_len;
	return 0;

invalid:
	pr_invalid(c);
	PR_NEED(c, p, len);
	return 0;
}

int rpki_rtr_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint32_t took;
	int rc;

	c->proto = "rpki_rtr";
	if (!c->o.vflag) {
		pr_puts(c, ", RPKI-RTR");
		return 0;
	}
	while (len) {
		rc = pdu_print(c, p, len, 1, 8, &took);
		if (rc)
			return rc;
		if (took >= len)
			break;
		len -= took;
		p += took;
	}
	return 0;
}
