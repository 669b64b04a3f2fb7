/* print-babel.c: the Babel routing protocol (RFC 8966, RFC 6126, HMAC RFC 8967, source-specific routing) on UDP port 6696 (and 6697). */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Magic (42)  |   Version (2) |        Body length            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |    Length     |     Body ...  (a TLV; Pad1 is
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+     the single byte 0)
 *
 * After the body, a packet trailer of TLVs may follow. Addresses and
 * prefixes are encoded by an address encoding (AE): 0 wildcard, 1 IPv4,
 * 2 IPv6, 3 IPv6 link-local, the Update TLV omitting the first bytes
 * that it shares with the previous prefix of the same family.
 */
#include "capture/print-int.h"

#include <string.h>

#define BABEL_TRUNC (-1)
#define BABEL_INVALID (-2)

static const uint8_t v4prefix[16] = { 0, 0, 0, 0, 0, 0, 0, 0,
				      0, 0, 0xff, 0xff, 0, 0, 0, 0 };

static const struct pr_tok diversity_names[] = {
	{ 0, "reserved" },
	{ 255, "all" },
	{ 0, NULL },
};

/* An 8-byte router id, "xx:xx:...". */
static int id_print(struct pr_ctx *c, const uint8_t *id)
{
	uint8_t b[8];
	int i;

	PR_COPY(c, id, b, 8);
	for (i = 0; i < 8; i++) {
		if (i)
			pr_putc(c, ':');
		pr_hex(c, b[i], 2);
	}
	return 0;
}

static void prefix_print(struct pr_ctx *c, const uint8_t *pfx, unsigned plen)
{
	if (plen >= 96 && memcmp(pfx, v4prefix, 12) == 0) {
		pr_ip4(c, pfx + 12);
		pr_printf(c, "/%u", plen - 96);
	} else {
		pr_ip6(c, pfx);
		pr_printf(c, "/%u", plen);
	}
}

static void address_print(struct pr_ctx *c, const uint8_t *a)
{
	if (memcmp(a, v4prefix, 12) == 0)
		pr_ip4(c, a + 12);
	else
		pr_ip6(c, a);
}

static void interval_print(struct pr_ctx *c, unsigned i)
{
	if (i == 0)
		pr_puts(c, "0.0s (bogus)");
	else
		pr_printf(c, "%u.%02us", i / 100, i % 100);
}

static void interval_update_print(struct pr_ctx *c, unsigned i)
{
	if (i == 0xffff)
		pr_puts(c, "infinity");
	else
		interval_print(c, i);
}

static void timestamp_print(struct pr_ctx *c, uint32_t t)
{
	pr_printf(c, "%u.%06us", t / 1000000, t % 1000000);
}

/*
 * A prefix of address encoding ae into out: the bytes taken from p, or
 * -1 for an encoding error. The bytes were checked as captured (the
 * whole TLV is), and len bounds them.
 */
static int network_prefix(struct pr_ctx *c, int ae, int plen, unsigned omitted,
			  const uint8_t *p, const uint8_t *dp, unsigned len,
			  uint8_t out[16])
{
	unsigned pb;
	uint8_t pfx[16];
	int used = 0;

	if (plen >= 0)
		pb = ((unsigned)plen + 7) / 8;
	else if (ae == 1)
		pb = 4;
	else
		pb = 16;
	if (pb > 16)
		return -1;
	memset(pfx, 0, 16);
	switch (ae) {
	case 0:
		break;
	case 1:
		if (omitted > 4 || pb > 4 || (pb > omitted && len < pb - omitted))
			return -1;
		memcpy(pfx, v4prefix, 12);
		if (omitted) {
			if (!dp)
				return -1;
			memcpy(pfx, dp, 12 + omitted);
		}
		if (pb > omitted) {
			if (!pk_copy(&c->pk, p, pfx + 12 + omitted, pb - omitted))
				return -1;
			used = (int)(pb - omitted);
		}
		break;
	case 2:
		if (omitted > 16 || (pb > omitted && len < pb - omitted))
			return -1;
		if (omitted) {
			if (!dp)
				return -1;
			memcpy(pfx, dp, omitted);
		}
		if (pb > omitted) {
			if (!pk_copy(&c->pk, p, pfx + omitted, pb - omitted))
				return -1;
			used = (int)(pb - omitted);
		}
		break;
	case 3:
		if (pb > 8 && len < pb - 8)
			return -1;
		pfx[0] = 0xfe;
		pfx[1] = 0x80;
		if (pb > 8) {
			if (!pk_copy(&c->pk, p, pfx + 8, pb - 8))
				return -1;
			used = (int)(pb - 8);
		}
		break;
	default:
		return -1;
	}
	memcpy(out, pfx, 16);
	return used;
}

/* The sub-TLVs in [cp, ep) of a TLV of type tlv_type. */
static int subtlvs_print(struct pr_ctx *c, const uint8_t *cp, const uint8_t *ep,
			 uint8_t tlv_type)
{
	uint8_t st, sl, b;
	uint32_t t1, t2;
	const char *sep;

	while (cp < ep) {
		PR_U8(c, cp, st);
		cp++;
		if (st == 0) {
			pr_puts(c, " sub-pad1");
			continue;
		}
		if (st & 0x80)
			pr_puts(c, " (M)");
		if (cp == ep)
			goto invalid;
		PR_U8(c, cp, sl);
		cp++;
		if (cp + sl > ep)
			goto invalid;
		switch (st) {
		case 1:
			pr_puts(c, " sub-padn");
			cp += sl;
			break;
		case 2:
			pr_puts(c, " sub-diversity");
			if (sl == 0) {
				pr_puts(c, " empty");
				break;
			}
			for (sep = " "; sl; sl--, cp++, sep = "-") {
				PR_U8(c, cp, b);
				pr_puts(c, sep);
				pr_tok_print(c, diversity_names, "%u", b);
			}
			if (tlv_type != 8 && tlv_type != 13)
				pr_puts(c, " (bogus)");
			break;
		case 3:
			pr_puts(c, " sub-timestamp");
			if (tlv_type == 4) {
				if (sl < 4)
					goto invalid;
				PR_BE32(c, cp, t1);
				pr_putc(c, ' ');
				timestamp_print(c, t1);
			} else if (tlv_type == 5) {
				if (sl < 8)
					goto invalid;
				PR_BE32(c, cp, t1);
				pr_putc(c, ' ');
				timestamp_print(c, t1);
				PR_BE32(c, cp + 4, t2);
				pr_putc(c, '|');
				timestamp_print(c, t2);
			} else {
				pr_puts(c, " (bogus)");
			}
			cp += sl;
			break;
		default:
			pr_printf(c, " sub-unknown-0x%02x", st);
			cp += sl;
			break;
		}
	}
	return 0;
invalid:
	pr_invalid(c);
	return 0;
}

#define ICHECK(i, l)                                                     \
	do {                                                             \
		if ((i) + (l) > tlvs_length || (i) + (l) > remaining)    \
			return BABEL_INVALID;                            \
	} while (0)

/* The TLVs of a body or trailer: 0, BABEL_TRUNC, BABEL_INVALID, PR_STOP. */
static int tlvs_print(struct pr_ctx *c, const uint8_t *cp, unsigned tlvs_length,
		      unsigned remaining)
{
	uint8_t v4_prefix[16], v6_prefix[16] = { 0 };
	unsigned i = 0, len;
	int v = c->o.vflag;

	memcpy(v4_prefix, v4prefix, 16);
	while (i < tlvs_length) {
		const uint8_t *m = cp + i;
		uint8_t type, b2, b3, b4, b5, ae;
		uint16_t s2, s4, s6, s8, s10;
		uint32_t w;
		uint8_t pfx[16], src[16];
		int rc, parsed;
		unsigned plen, splen, j;

		ICHECK(i, 1);
		PR_U8(c, m, type);
		if (type == 0) {
			pr_puts(c, v ? "\n\tPad 1" : " pad1");
			i += 1;
			continue;
		}
		ICHECK(i, 2);
		if (!pr_has(c, m, 2))
			return BABEL_TRUNC;
		PR_U8(c, m + 1, b2);
		len = b2;
		ICHECK(i, 2 + len);
		if (!pr_has(c, m, 2 + len))
			return BABEL_TRUNC;
		switch (type) {
		case 1:
			if (!v)
				pr_puts(c, " padN");
			else
				pr_printf(c, "\n\tPad %u", len + 2);
			break;
		case 2:
			if (!v) {
				pr_puts(c, " ack-req");
				break;
			}
			pr_puts(c, "\n\tAcknowledgment Request ");
			if (len < 6)
				return BABEL_INVALID;
			PR_BE16(c, m + 4, s4);
			PR_BE16(c, m + 6, s6);
			pr_printf(c, "%04x ", s4);
			interval_print(c, s6);
			break;
		case 3:
			if (!v) {
				pr_puts(c, " ack");
				break;
			}
			pr_puts(c, "\n\tAcknowledgment ");
			if (len < 2)
				return BABEL_INVALID;
			PR_BE16(c, m + 2, s2);
			pr_printf(c, "%04x", s2);
			break;
		case 4:
			if (!v) {
				pr_puts(c, " hello");
				break;
			}
			pr_puts(c, "\n\tHello ");
			if (len < 6)
				return BABEL_INVALID;
			PR_BE16(c, m + 2, s2);
			PR_BE16(c, m + 4, s4);
			PR_BE16(c, m + 6, s6);
			if (s2 & 0x8000)
				pr_puts(c, "(Unicast) ");
			pr_printf(c, "seqno %u ", s4);
			if (s6) {
				pr_puts(c, "interval ");
				interval_print(c, s6);
			} else {
				pr_puts(c, "unscheduled");
			}
			if (len > 6 && subtlvs_print(c, m + 8, m + 2 + len, type) == PR_STOP)
				return PR_STOP;
			break;
		case 5:
			if (!v) {
				pr_puts(c, " ihu");
				break;
			}
			pr_puts(c, "\n\tIHU ");
			if (len < 6)
				return BABEL_INVALID;
			PR_BE16(c, m + 4, s4);
			PR_BE16(c, m + 6, s6);
			PR_U8(c, m + 2, ae);
			rc = network_prefix(c, ae, -1, 0, m + 8, NULL, len - 6, pfx);
			if (rc < 0) {
				pr_trunc(c);
				break;
			}
			if (ae == 0)
				pr_puts(c, "any");
			else
				address_print(c, pfx);
			pr_printf(c, " rxcost %u interval ", s4);
			interval_print(c, s6);
			if ((unsigned)rc < len - 6 &&
			    subtlvs_print(c, m + 8 + rc, m + 2 + len, type) == PR_STOP)
				return PR_STOP;
			break;
		case 6:
			if (!v) {
				pr_puts(c, " router-id");
				break;
			}
			pr_puts(c, "\n\tRouter Id");
			if (len < 10)
				return BABEL_INVALID;
			pr_putc(c, ' ');
			if (id_print(c, m + 4) == PR_STOP)
				return PR_STOP;
			break;
		case 7:
			if (!v) {
				pr_puts(c, " nh");
				break;
			}
			pr_puts(c, "\n\tNext Hop");
			if (len < 2)
				return BABEL_INVALID;
			PR_U8(c, m + 2, ae);
			rc = network_prefix(c, ae, -1, 0, m + 4, NULL, len - 2, pfx);
			if (rc < 0)
				return BABEL_INVALID;
			pr_putc(c, ' ');
			if (ae == 0)
				pr_puts(c, "invalid AE 0");
			else
				address_print(c, pfx);
			break;
		case 8:
			if (!v) {
				pr_puts(c, " update");
				if (len < 10)
					return BABEL_INVALID;
				PR_U8(c, m + 3, b3);
				pr_printf(c, "%s%s%s", (b3 & 0x80) ? "/prefix" : "",
					  (b3 & 0x40) ? "/id" : "",
					  (b3 & 0x3f) ? "/unknown" : "");
				break;
			}
			pr_puts(c, "\n\tUpdate");
			if (len < 10)
				return BABEL_INVALID;
			PR_U8(c, m + 2, ae);
			PR_U8(c, m + 3, b3);
			PR_U8(c, m + 4, b4);
			PR_U8(c, m + 5, b5);
			plen = b4 + (ae == 1 ? 96u : 0u);
			rc = network_prefix(c, ae, b4, b5, m + 12,
					    ae == 1 ? v4_prefix : v6_prefix,
					    len - 10, pfx);
			if (rc < 0)
				return BABEL_INVALID;
			PR_BE16(c, m + 6, s6);
			PR_BE16(c, m + 8, s8);
			PR_BE16(c, m + 10, s10);
			pr_printf(c, "%s%s%s ", (b3 & 0x80) ? "/prefix" : "",
				  (b3 & 0x40) ? "/id" : "",
				  (b3 & 0x3f) ? "/unknown" : "");
			if (ae == 0)
				pr_puts(c, "any");
			else
				prefix_print(c, pfx, plen & 0xff);
			pr_printf(c, " metric %u seqno %u interval ", s10, s8);
			interval_update_print(c, s6);
			if (b3 & 0x80)
				memcpy(ae == 1 ? v4_prefix : v6_prefix, pfx, 16);
			if ((unsigned)rc < len - 10 &&
			    subtlvs_print(c, m + 12 + rc, m + 2 + len, type) == PR_STOP)
				return PR_STOP;
			break;
		case 9:
			if (!v) {
				pr_puts(c, " route-request");
				break;
			}
			pr_puts(c, "\n\tRoute Request ");
			if (len < 2)
				return BABEL_INVALID;
			PR_U8(c, m + 2, ae);
			PR_U8(c, m + 3, b3);
			plen = b3 + (ae == 1 ? 96u : 0u);
			rc = network_prefix(c, ae, b3, 0, m + 4, NULL, len - 2, pfx);
			if (rc < 0)
				return BABEL_INVALID;
			pr_puts(c, "for ");
			if (ae == 0)
				pr_puts(c, "any");
			else
				prefix_print(c, pfx, plen & 0xff);
			break;
		case 10:
			if (!v) {
				pr_puts(c, " seqno-request");
				break;
			}
			pr_puts(c, "\n\tSeqno Request ");
			if (len < 14)
				return BABEL_INVALID;
			PR_U8(c, m + 2, ae);
			PR_U8(c, m + 3, b3);
			PR_BE16(c, m + 4, s4);
			rc = network_prefix(c, ae, b3, 0, m + 16, NULL, len - 14, pfx);
			if (rc < 0)
				return BABEL_INVALID;
			plen = b3 + (ae == 1 ? 96u : 0u);
			PR_U8(c, m + 6, b4);
			PR_NEED(c, m + 8, 8);
			pr_printf(c, "(%u hops) for ", b4);
			if (ae == 0)
				pr_puts(c, "invalid AE 0");
			else
				prefix_print(c, pfx, plen & 0xff);
			pr_printf(c, " seqno %u id ", s4);
			if (id_print(c, m + 8) == PR_STOP)
				return PR_STOP;
			break;
		case 11:
			if (!v) {
				pr_puts(c, " tspc");
				break;
			}
			pr_puts(c, "\n\tTS/PC ");
			if (len < 6)
				return BABEL_INVALID;
			PR_BE32(c, m + 4, w);
			PR_BE16(c, m + 2, s2);
			pr_printf(c, "timestamp %u packetcounter %u", w, s2);
			break;
		case 12:
			if (!v) {
				pr_puts(c, " hmac");
				break;
			}
			pr_puts(c, "\n\tHMAC ");
			if (len < 18)
				return BABEL_INVALID;
			PR_BE16(c, m + 2, s2);
			pr_printf(c, "key-id %u digest-%u ", s2, len - 2);
			for (j = 0; j < len - 2; j++) {
				PR_U8(c, m + j + 4, b4);
				pr_printf(c, "%02X", b4);
			}
			break;
		case 13:
			if (!v) {
				pr_puts(c, " ss-update");
				break;
			}
			pr_puts(c, "\n\tSS-Update");
			if (len < 10)
				return BABEL_INVALID;
			parsed = 10;
			PR_U8(c, m + 2, ae);
			PR_U8(c, m + 3, b3);
			PR_U8(c, m + 4, b4);
			PR_U8(c, m + 5, b5);
			PR_BE16(c, m + 6, s6);
			PR_BE16(c, m + 8, s8);
			PR_BE16(c, m + 10, s10);
			rc = network_prefix(c, ae, b4, b5, m + 2 + parsed,
					    ae == 1 ? v4_prefix : v6_prefix,
					    len - (unsigned)parsed, pfx);
			if (rc < 0)
				return BABEL_INVALID;
			plen = ae == 1 ? (b4 + 96u) & 0xff : b4;
			parsed += rc;
			rc = network_prefix(c, ae, b3, 0, m + 2 + parsed, NULL,
					    len - (unsigned)parsed, src);
			if (rc < 0)
				return BABEL_INVALID;
			splen = ae == 1 ? (b3 + 96u) & 0xff : b3;
			parsed += rc;
			pr_putc(c, ' ');
			prefix_print(c, pfx, plen);
			pr_puts(c, " from ");
			prefix_print(c, src, splen);
			pr_printf(c, " metric %u seqno %u interval ", s10, s8);
			interval_update_print(c, s6);
			if ((unsigned)parsed < len &&
			    subtlvs_print(c, m + 2 + parsed, m + 2 + len, type) == PR_STOP)
				return PR_STOP;
			break;
		case 14:
			if (!v) {
				pr_puts(c, " ss-request");
				break;
			}
			pr_puts(c, "\n\tSS-Request ");
			if (len < 3)
				return BABEL_INVALID;
			parsed = 3;
			PR_U8(c, m + 2, ae);
			PR_U8(c, m + 3, b3);
			PR_U8(c, m + 4, b4);
			rc = network_prefix(c, ae, b3, 0, m + 2 + parsed, NULL,
					    len - (unsigned)parsed, pfx);
			if (rc < 0)
				return BABEL_INVALID;
			plen = ae == 1 ? (b3 + 96u) & 0xff : b3;
			parsed += rc;
			rc = network_prefix(c, ae, b4, 0, m + 2 + parsed, NULL,
					    len - (unsigned)parsed, src);
			if (rc < 0)
				return BABEL_INVALID;
			splen = ae == 1 ? (b4 + 96u) & 0xff : b4;
			if (ae == 0) {
				pr_puts(c, "for any");
			} else {
				pr_puts(c, "for (");
				prefix_print(c, pfx, plen);
				pr_puts(c, ", ");
				prefix_print(c, src, splen);
				pr_putc(c, ')');
			}
			break;
		case 15:
			if (!v) {
				pr_puts(c, " ss-mh-request");
				break;
			}
			pr_puts(c, "\n\tSS-MH-Request ");
			if (len < 14)
				return BABEL_INVALID;
			parsed = 14;
			PR_U8(c, m + 2, ae);
			PR_U8(c, m + 3, b3);
			PR_BE16(c, m + 4, s4);
			PR_U8(c, m + 6, b4);
			PR_U8(c, m + 7, b5);
			rc = network_prefix(c, ae, b3, 0, m + 2 + parsed, NULL,
					    len - (unsigned)parsed, pfx);
			if (rc < 0)
				return BABEL_INVALID;
			plen = ae == 1 ? (b3 + 96u) & 0xff : b3;
			parsed += rc;
			rc = network_prefix(c, ae, b5, 0, m + 2 + parsed, NULL,
					    len - (unsigned)parsed, src);
			if (rc < 0)
				return BABEL_INVALID;
			splen = ae == 1 ? (b5 + 96u) & 0xff : b5;
			PR_NEED(c, m + 8, 8);
			pr_printf(c, "(%u hops) for (", b4);
			prefix_print(c, pfx, plen);
			pr_puts(c, ", ");
			prefix_print(c, src, splen);
			pr_printf(c, ") seqno %u id ", s4);
			if (id_print(c, m + 8) == PR_STOP)
				return PR_STOP;
			break;
		case 16:
			if (!v)
				pr_puts(c, " mac");
			else
				pr_printf(c, "\n\tMAC len %u", len);
			break;
		case 17:
			if (!v) {
				pr_puts(c, " pc");
				break;
			}
			pr_puts(c, "\n\tPC");
			if (len < 4)
				return BABEL_INVALID;
			PR_BE32(c, m + 2, w);
			pr_printf(c, " value %u index len %u", w, len - 4);
			break;
		case 18:
		case 19:
			if (!v) {
				pr_puts(c, type == 18 ? " challenge_request"
						      : " challenge_reply");
				break;
			}
			pr_puts(c, type == 18 ? "\n\tChallenge Request"
					      : "\n\tChallenge Reply");
			if (len > 192)
				return BABEL_INVALID;
			pr_printf(c, " len %u", len);
			break;
		default:
			if (!v)
				pr_puts(c, " unknown");
			else
				pr_printf(c, "\n\tUnknown message type %u", type);
			break;
		}
		i += len + 2;
	}
	return 0;
}

static int finish(struct pr_ctx *c, int rc)
{
	if (rc == PR_STOP)
		return PR_STOP;
	if (rc == BABEL_TRUNC)
		pr_trunc(c);
	else if (rc == BABEL_INVALID)
		pr_invalid(c);
	return rc;
}

int babel_print(struct pr_ctx *c, const uint8_t *cp, unsigned length)
{
	uint8_t magic, ver;
	uint16_t bodylen;
	int rc;

	c->proto = "babel";
	pr_puts(c, "babel");
	PR_NEED(c, cp, 4);
	PR_U8(c, cp, magic);
	if (magic != 42) {
		pr_puts(c, " invalid header");
		return 0;
	}
	PR_U8(c, cp + 1, ver);
	pr_printf(c, " %u", ver);
	if (ver != 2) {
		pr_puts(c, " unknown version");
		return 0;
	}
	if (length < 4) {
		pr_invalid(c);
		return 0;
	}
	PR_BE16(c, cp + 2, bodylen);
	pr_printf(c, " (%u)", bodylen);
	length -= 4;
	cp += 4;
	if (length < bodylen) {
		pr_invalid(c);
		return 0;
	}
	rc = finish(c, tlvs_print(c, cp, bodylen, length));
	if (rc)
		return rc == PR_STOP ? PR_STOP : 0;
	length -= bodylen;
	cp += bodylen;
	if (length != 0) {
		pr_puts(c, c->o.vflag ? "\n\t----" : " |");
		rc = finish(c, tlvs_print(c, cp, length, length));
		if (rc == PR_STOP)
			return PR_STOP;
	}
	return 0;
}
