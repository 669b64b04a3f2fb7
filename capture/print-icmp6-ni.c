/* print-icmp6-ni.c: ICMPv6 node information queries and replies (RFC 4620), types 139 and 140. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |     Code      |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Qtype             |             Flags             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                             Nonce (8 bytes)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  /                             Data                              /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A query's code says what its subject (the data) is: 0 an IPv6
 * address, 1 a DNS name, 2 an IPv4 address. A reply's code: 0 success,
 * 1 refused, 2 unknown qtype. Qtypes: 0 NOOP, 1 supported qtypes, 2 DNS
 * name, 3 node addresses. A KAME "who-are-you" query is 12 bytes long.
 * tcpdump measures the message by what was captured, and so does this.
 */
#include "capture/print-int.h"

#define NI_HDRLEN 16

#define NI_QTYPE_NOOP 0
#define NI_QTYPE_SUPTYPES 1
#define NI_QTYPE_FQDN 2
#define NI_QTYPE_NODEADDR 3

/* The node-address flags, in tcpdump's order; T only in replies. */
static void addr_flags_print(struct pr_ctx *c, unsigned f, int reply)
{
	pr_printf(c, " [%s%s%s%s%s%s%s]", f & 0x40 ? "a" : "",
		  f & 0x20 ? "G" : "", f & 0x10 ? "S" : "",
		  f & 0x08 ? "L" : "", f & 0x04 ? "C" : "",
		  f & 0x02 ? "A" : "", reply && (f & 0x01) ? "T" : "");
}

/* A DNS name without compression, quoted, as tcpdump's icmp6 dnsname_print. */
static int dnsname_print(struct pr_ctx *c, const uint8_t *cp,
			 const uint8_t *ep)
{
	uint8_t i, b;

	pr_puts(c, ", \"");
	while (cp < ep) {
		PR_U8(c, cp, i);
		cp++;
		if (i) {
			if (i > ep - cp) {
				pr_puts(c, "???");
				break;
			}
			while (i-- && cp < ep) {
				PR_U8(c, cp, b);
				pr_char(c, b);
				cp++;
			}
			if (cp + 1 < ep) {
				PR_U8(c, cp, b);
				if (b)
					pr_putc(c, '.');
			}
		} else {
			if (cp == ep) {
				pr_putc(c, '.');
			} else if (cp + 1 == ep) {
				PR_U8(c, cp, b);
				if (b)
					pr_puts(c, "???");
			} else {
				pr_puts(c, "???");
			}
			break;
		}
	}
	pr_putc(c, '"');
	return 0;
}

/* A subject or reply name: a pascal string (draft 03) or a DNS name. */
static int name_print(struct pr_ctx *c, const uint8_t *cp, const uint8_t *ep)
{
	uint8_t n, b;

	PR_U8(c, cp, n);
	if (n != ep - cp - 1)
		return dnsname_print(c, cp, ep);
	if (c->o.vflag)
		pr_puts(c, ", 03 draft");
	cp++;
	pr_puts(c, ", \"");
	while (cp < ep) {
		PR_U8(c, cp, b);
		pr_char(c, b);
		cp++;
	}
	pr_putc(c, '"');
	return 0;
}

static int query_print(struct pr_ctx *c, const uint8_t *bp, size_t siz)
{
	const uint8_t *cp = bp + NI_HDRLEN, *ep = bp + siz;
	uint16_t qtype, flags;
	uint8_t code;
	int rc;

	if (siz == 12) {
		pr_puts(c, " who-are-you request");
		return 0;
	}
	pr_puts(c, " node information query");
	if (!pr_has(c, bp, NI_HDRLEN))
		goto trunc;
	pr_puts(c, " (");
	PR_BE16(c, bp + 4, qtype);
	PR_BE16(c, bp + 6, flags);
	switch (qtype) {
	case NI_QTYPE_NOOP:
		pr_puts(c, "noop");
		break;
	case NI_QTYPE_SUPTYPES:
		pr_puts(c, "supported qtypes");
		if (flags)
			pr_printf(c, " [%s]", flags & 1 ? "C" : "");
		break;
	case NI_QTYPE_FQDN:
		pr_puts(c, "DNS name");
		break;
	case NI_QTYPE_NODEADDR:
		pr_puts(c, "node addresses");
		if (flags)
			addr_flags_print(c, flags, 0);
		break;
	default:
		pr_puts(c, "unknown");
		break;
	}
	if (qtype == NI_QTYPE_NOOP || qtype == NI_QTYPE_SUPTYPES) {
		if (siz != NI_HDRLEN && c->o.vflag)
			pr_puts(c, ", invalid len");
		pr_putc(c, ')');
		return 0;
	}
	if (siz == NI_HDRLEN) {
		pr_puts(c, ", 03 draft)");
		return 0;
	}
	PR_U8(c, bp + 1, code);
	switch (code) {
	case 0:
		if (!pr_has(c, bp, NI_HDRLEN + 16))
			break;
		if (siz != NI_HDRLEN + 16) {
			if (c->o.vflag)
				pr_puts(c, ", invalid subject len");
			break;
		}
		PR_IP6(c, ", subject=", cp);
		break;
	case 1:
		pr_puts(c, ", subject=DNS name");
		rc = name_print(c, cp, ep);
		if (rc)
			return rc;
		break;
	case 2:
		if (!pr_has(c, bp, NI_HDRLEN + 4))
			break;
		if (siz != NI_HDRLEN + 4) {
			if (c->o.vflag)
				pr_puts(c, ", invalid subject len");
			break;
		}
		PR_IP4(c, ", subject=", cp);
		break;
	default:
		pr_puts(c, ", unknown subject");
		break;
	}
	pr_putc(c, ')');
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int reply_print(struct pr_ctx *c, const uint8_t *bp, size_t siz,
		       unsigned length)
{
	const uint8_t *ep = bp + siz, *cp;
	uint16_t qtype, flags;
	uint8_t code;
	int comma = 0, rc;
	size_t i;

	if (length > siz || !pr_has(c, bp, NI_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	pr_puts(c, " node information reply (");
	PR_U8(c, bp + 1, code);
	switch (code) {
	case 0:
		if (c->o.vflag) {
			pr_puts(c, "success");
			comma = 1;
		}
		break;
	case 1:
	case 2:
		pr_puts(c, code == 1 ? "refused" : "unknown");
		comma = 1;
		if (siz != NI_HDRLEN && c->o.vflag)
			pr_puts(c, ", invalid length");
		break;
	}
	if (code != 0) {
		pr_putc(c, ')');
		return 0;
	}
	PR_BE16(c, bp + 4, qtype);
	PR_BE16(c, bp + 6, flags);
	if (comma)
		pr_puts(c, ", ");
	switch (qtype) {
	case NI_QTYPE_NOOP:
		pr_puts(c, "noop");
		if (siz != NI_HDRLEN && c->o.vflag)
			pr_puts(c, ", invalid length");
		break;
	case NI_QTYPE_SUPTYPES:
		pr_puts(c, "supported qtypes");
		if (flags)
			pr_printf(c, " [%s]", flags & 1 ? "C" : "");
		break;
	case NI_QTYPE_FQDN:
		pr_puts(c, "DNS name");
		cp = bp + NI_HDRLEN + 4;
		rc = name_print(c, cp, ep);
		if (rc)
			return rc;
		if (flags & 1) {
			uint32_t ttl;

			PR_BE32(c, bp + NI_HDRLEN, ttl);
			pr_printf(c, " [TTL=%u]", ttl);
		}
		break;
	case NI_QTYPE_NODEADDR:
		pr_puts(c, "node addresses");
		for (i = NI_HDRLEN; i + 20 <= siz; i += 20) {
			uint32_t ttl;

			PR_BE32(c, bp + i, ttl);
			PR_IP6(c, " ", bp + i + 4);
			pr_printf(c, "(%u)", ttl);
		}
		if (flags)
			addr_flags_print(c, flags, 1);
		break;
	default:
		pr_puts(c, "unknown");
		break;
	}
	pr_putc(c, ')');
	return 0;
}

int icmp6_ni_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	size_t siz = pr_left(c, bp);
	uint8_t type;

	PR_U8(c, bp, type);
	if (type == 139)
		return query_print(c, bp, siz);
	return reply_print(c, bp, siz, length);
}
