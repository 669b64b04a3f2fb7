/* print-eap.c: EAP packets (RFC 3748), as RADIUS's EAP-Message (RFC 3579) carries them. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Code      |  Identifier   |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Type (requests and responses) |  Type-Data ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-
 *
 * "Response (2), id 0, len 17", then for a request or response the type
 * and what tcpdump shows of it: an identity or notification text, the
 * NAK's types, TLS/TTLS/FAST flags and length, SIM/AKA subtypes. The
 * truncation marker is the enclosing protocol's, as in tcpdump.
 */
#include "capture/print-int.h"

#define EAP_REQUEST 1
#define EAP_RESPONSE 2

static const struct pr_tok code_names[] = {
	{ 1, "Request" }, { 2, "Response" }, { 3, "Success" },
	{ 4, "Failure" }, { 0, NULL },
};

enum {
	EAP_TYPE_IDENTITY = 1,
	EAP_TYPE_NOTIFICATION = 2,
	EAP_TYPE_NAK = 3,
	EAP_TYPE_TLS = 13,
	EAP_TYPE_SIM = 18,
	EAP_TYPE_TTLS = 21,
	EAP_TYPE_AKA = 23,
	EAP_TYPE_FAST = 43,
};

static const struct pr_tok type_names[] = {
	{ 0, "No proposed" },
	{ 1, "Identity" },
	{ 2, "Notification" },
	{ 3, "Nak" },
	{ 4, "MD5-challenge" },
	{ 5, "OTP" },
	{ 6, "GTC" },
	{ 13, "TLS" },
	{ 18, "SIM" },
	{ 21, "TTLS" },
	{ 23, "AKA" },
	{ 43, "FAST" },
	{ 254, "Expanded types" },
	{ 255, "Experimental" },
	{ 0, NULL },
};

static const struct pr_tok tls_flags[] = {
	{ 0x80, "L bit" },
	{ 0x40, "More fragments bit" },
	{ 0x20, "Start bit" },
	{ 0, NULL },
};

static const struct pr_tok aka_subtypes[] = {
	{ 1, "Challenge" },	{ 2, "Auth reject" },  { 4, "Sync failure" },
	{ 5, "Identity" },	{ 10, "Start" },       { 11, "Challenge" },
	{ 12, "Notification" }, { 13, "Reauth" },      { 14, "Client error" },
	{ 0, NULL },
};

/* nd_printjnp: up to n characters, ending at a NUL. */
static int text(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t ch;

	while (n > 0) {
		PR_U8(c, p, ch);
		if (ch == '\0')
			break;
		pr_char(c, ch);
		n--;
		p++;
	}
	return 0;
}

/* TLS, TTLS and FAST: the flags byte and, with the L bit, the length. */
static int tls_print(struct pr_ctx *c, const uint8_t *cp, unsigned len,
		     const char *what)
{
	uint32_t tlen;
	uint8_t f;

	PR_U8(c, cp + 5, f);
	pr_puts(c, " flags [");
	pr_bittok_print(c, tls_flags, ", ", "none", f);
	pr_printf(c, "] 0x%02x", f);
	if (f & 0x80) {
		if (len < 10) {
			pr_printf(c, " (too short for EAP %s request/response "
				     "with length)", what);
			return 0;
		}
		PR_BE32(c, cp + 6, tlen);
		pr_printf(c, ", len %u", tlen);
	}
	return 0;
}

int eap_print(struct pr_ctx *c, const uint8_t *cp, unsigned length)
{
	uint8_t code, id, subtype, b;
	uint16_t len16;
	unsigned len, i;
	const char *sep;

	PR_U8(c, cp, code);
	PR_BE16(c, cp + 2, len16);
	len = len16;
	if (len != length) {
		pr_puts(c, "EAP fragment?");
		return 0;
	}
	PR_U8(c, cp + 1, id);
	pr_tok_print(c, code_names, "unknown", code);
	pr_printf(c, " (%u), id %u, len %u", code, id, len);
	if (len < 4) {
		pr_puts(c, " (too short for EAP header)");
		return 0;
	}
	if (!pr_has(c, cp, len)) {
		pr_trunc(c);
		return 0;
	}
	if (code != EAP_REQUEST && code != EAP_RESPONSE)
		return 0;
	if (len < 5) {
		pr_puts(c, " (too short for EAP request/response)");
		return 0;
	}
	PR_U8(c, cp + 4, subtype);
	pr_puts(c, "\n\t\t Type ");
	pr_tok_print(c, type_names, "unknown", subtype);
	pr_printf(c, " (%u)", subtype);
	switch (subtype) {
	case EAP_TYPE_IDENTITY:
		if (len > 5) {
			pr_puts(c, ", Identity: ");
			return text(c, cp + 5, len - 5);
		}
		break;
	case EAP_TYPE_NOTIFICATION:
		if (len < 6) {
			pr_puts(c, " (too short for EAP Notification "
				   "request/response)");
			return 0;
		}
		pr_puts(c, ", Notification: ");
		return text(c, cp + 5, len - 5);
	case EAP_TYPE_NAK:
		if (len < 6) {
			pr_puts(c, " (too short for EAP Legacy NAK "
				   "request/response)");
			return 0;
		}
		sep = "";
		for (i = 5; i < len; i++) {
			PR_U8(c, cp + i, b);
			pr_printf(c, "%s ", sep);
			pr_tok_print(c, type_names, "unknown", b);
			pr_printf(c, " (%u)", b);
			sep = ",";
		}
		break;
	case EAP_TYPE_TTLS:
	case EAP_TYPE_TLS:
		if (len < 6) {
			pr_puts(c, " (too short for EAP TLS/TTLS "
				   "request/response)");
			return 0;
		}
		if (subtype == EAP_TYPE_TTLS) {
			PR_U8(c, cp + 5, b);
			pr_printf(c, " TTLSv%u", b & 7u);
		}
		return tls_print(c, cp, len, "TLS/TTLS");
	case EAP_TYPE_FAST:
		if (len < 6) {
			pr_puts(c, " (too short for EAP FAST request/response)");
			return 0;
		}
		PR_U8(c, cp + 5, b);
		pr_printf(c, " FASTv%u", b & 7u);
		return tls_print(c, cp, len, "FAST");
	case EAP_TYPE_AKA:
	case EAP_TYPE_SIM:
		if (len < 6) {
			pr_puts(c, " (too short for EAP SIM/AKA "
				   "request/response)");
			return 0;
		}
		PR_U8(c, cp + 5, b);
		pr_puts(c, " subtype [");
		pr_tok_print(c, aka_subtypes, "unknown", b);
		pr_printf(c, "] 0x%02x", b);
		break;
	}
	return 0;
}

/*
 * EAPOL (IEEE 802.1X-2010 11.3), ethertype 0x888e: version, packet type,
 * a 16-bit body length, then for an EAP packet the EAP packet above.
 *
 *  +---------+---------+-------------------+-----------------
 *  | version |  type   |   body length     |  body ...
 *  +---------+---------+-------------------+-----------------
 */
#define EAPOL_HDRLEN 4
#define EAPOL_EAP_PACKET 0

static const struct pr_tok eapol_type_names[] = {
	{ EAPOL_EAP_PACKET, "EAP packet" },
	{ 1, "EAPOL start" },
	{ 2, "EAPOL logoff" },
	{ 3, "EAPOL key" },
	{ 4, "Encapsulated ASF alert" },
	{ 0, NULL },
};

int eapol_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t ver, type;
	uint16_t len;

	(void)length;
	c->proto = "eap";
	PR_NEED(c, p, EAPOL_HDRLEN);
	PR_U8(c, p, ver);
	PR_U8(c, p + 1, type);
	PR_BE16(c, p + 2, len);
	pr_tok_print(c, eapol_type_names, "unknown", type);
	pr_printf(c, " (%u) v%u, len %u", type, ver, len);
	if (!c->o.vflag || type != EAPOL_EAP_PACKET)
		return 0;
	if (len == 0) {
		pr_trunc(c);
		return 0;
	}
	pr_puts(c, ", ");
	return eap_print(c, p + EAPOL_HDRLEN, len);
}
