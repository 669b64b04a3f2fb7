/* print-dhcp6.c: DHCPv6 (RFC 8415) on UDP ports 546 and 547, with -v its options. */
/*
 * Client/server message (RFC 8415 8):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    msg-type   |               transaction-id                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  .                            options                            .
 * Relay message (RFC 8415 9): msg-type, hop-count, link-address (16),
 * peer-address (16), options. Each option (RFC 8415 21.1):
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          option-code          |           option-len          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  .                          option-data                          .
 *
 * Without -v tcpdump prints "dhcp6 solicit"; with -v the transaction id
 * (or the relay's addresses) and every option as " (name data)", the
 * IA options and relayed messages nesting their own.
 */
#include "capture/print-int.h"

#define DH6_RENEW 5
#define DH6_INFORM_REQ 11
#define DH6_RELAY_FORW 12
#define DH6_RELAY_REPLY 13

static const struct pr_tok msg_names[] = {
	{ 1, "solicit" },     { 2, "advertise" },   { 3, "request" },
	{ 4, "confirm" },     { 5, "renew" },	    { 6, "rebind" },
	{ 7, "reply" },	      { 8, "release" },	    { 9, "decline" },
	{ 10, "reconfigure" }, { 11, "inf-req" },   { 12, "relay-fwd" },
	{ 13, "relay-reply" }, { 14, "leasequery" }, { 15, "leasequery-reply" },
	{ 0, NULL },
};

enum {
	OPT_CLIENTID = 1,
	OPT_SERVERID = 2,
	OPT_IA_NA = 3,
	OPT_IA_TA = 4,
	OPT_IA_ADDR = 5,
	OPT_ORO = 6,
	OPT_PREFERENCE = 7,
	OPT_ELAPSED_TIME = 8,
	OPT_RELAY_MSG = 9,
	OPT_AUTH = 11,
	OPT_UNICAST = 12,
	OPT_STATUS_CODE = 13,
	OPT_RAPID_COMMIT = 14,
	OPT_USER_CLASS = 15,
	OPT_VENDOR_CLASS = 16,
	OPT_VENDOR_OPTS = 17,
	OPT_INTERFACE_ID = 18,
	OPT_RECONF_MSG = 19,
	OPT_RECONF_ACCEPT = 20,
	OPT_SIP_SERVER_D = 21,
	OPT_SIP_SERVER_A = 22,
	OPT_DNS_SERVERS = 23,
	OPT_DOMAIN_LIST = 24,
	OPT_IA_PD = 25,
	OPT_IA_PD_PREFIX = 26,
	OPT_NIS_SERVERS = 27,
	OPT_NISP_SERVERS = 28,
	OPT_NIS_NAME = 29,
	OPT_NISP_NAME = 30,
	OPT_SNTP_SERVERS = 31,
	OPT_LIFETIME = 32,
	OPT_BCMCS_SERVER_D = 33,
	OPT_BCMCS_SERVER_A = 34,
	OPT_GEOCONF_CIVIC = 36,
	OPT_REMOTE_ID = 37,
	OPT_SUBSCRIBER_ID = 38,
	OPT_CLIENT_FQDN = 39,
	OPT_PANA_AGENT = 40,
	OPT_NEW_POSIX_TIMEZONE = 41,
	OPT_NEW_TZDB_TIMEZONE = 42,
	OPT_ERO = 43,
	OPT_LQ_QUERY = 44,
	OPT_CLIENT_DATA = 45,
	OPT_CLT_TIME = 46,
	OPT_LQ_RELAY_DATA = 47,
	OPT_LQ_CLIENT_LINK = 48,
	OPT_NTP_SERVER = 56,
	OPT_AFTR_NAME = 64,
	OPT_MUDURL = 112,
};

static const struct pr_tok opt_names[] = {
	{ OPT_CLIENTID, "client-ID" },
	{ OPT_SERVERID, "server-ID" },
	{ OPT_IA_NA, "IA_NA" },
	{ OPT_IA_TA, "IA_TA" },
	{ OPT_IA_ADDR, "IA_ADDR" },
	{ OPT_ORO, "option-request" },
	{ OPT_PREFERENCE, "preference" },
	{ OPT_ELAPSED_TIME, "elapsed-time" },
	{ OPT_RELAY_MSG, "relay-message" },
	{ OPT_AUTH, "authentication" },
	{ OPT_UNICAST, "server-unicast" },
	{ OPT_STATUS_CODE, "status-code" },
	{ OPT_RAPID_COMMIT, "rapid-commit" },
	{ OPT_USER_CLASS, "user-class" },
	{ OPT_VENDOR_CLASS, "vendor-class" },
	{ OPT_VENDOR_OPTS, "vendor-specific-info" },
	{ OPT_INTERFACE_ID, "interface-ID" },
	{ OPT_RECONF_MSG, "reconfigure-message" },
	{ OPT_RECONF_ACCEPT, "reconfigure-accept" },
	{ OPT_SIP_SERVER_D, "SIP-servers-domain" },
	{ OPT_SIP_SERVER_A, "SIP-servers-address" },
	{ OPT_DNS_SERVERS, "DNS-server" },
	{ OPT_DOMAIN_LIST, "DNS-search-list" },
	{ OPT_IA_PD, "IA_PD" },
	{ OPT_IA_PD_PREFIX, "IA_PD-prefix" },
	{ OPT_SNTP_SERVERS, "SNTP-servers" },
	{ OPT_LIFETIME, "lifetime" },
	{ OPT_NIS_SERVERS, "NIS-server" },
	{ OPT_NISP_SERVERS, "NIS+-server" },
	{ OPT_NIS_NAME, "NIS-domain-name" },
	{ OPT_NISP_NAME, "NIS+-domain-name" },
	{ OPT_BCMCS_SERVER_D, "BCMCS-domain-name" },
	{ OPT_BCMCS_SERVER_A, "BCMCS-server" },
	{ OPT_GEOCONF_CIVIC, "Geoconf-Civic" },
	{ OPT_REMOTE_ID, "Remote-ID" },
	{ OPT_SUBSCRIBER_ID, "Subscriber-ID" },
	{ OPT_CLIENT_FQDN, "Client-FQDN" },
	{ OPT_PANA_AGENT, "PANA-agent" },
	{ OPT_NEW_POSIX_TIMEZONE, "POSIX-timezone" },
	{ OPT_NEW_TZDB_TIMEZONE, "POSIX-tz-database" },
	{ OPT_ERO, "Echo-request-option" },
	{ OPT_LQ_QUERY, "Lease-query" },
	{ OPT_CLIENT_DATA, "LQ-client-data" },
	{ OPT_CLT_TIME, "Clt-time" },
	{ OPT_LQ_RELAY_DATA, "LQ-relay-data" },
	{ OPT_LQ_CLIENT_LINK, "LQ-client-link" },
	{ OPT_NTP_SERVER, "NTP-server" },
	{ OPT_AFTR_NAME, "AFTR-Name" },
	{ OPT_MUDURL, "MUD-URL" },
	{ 0, NULL },
};

/* Status codes (RFC 8415 21.13, RFC 3633, RFC 5007). */
static const struct pr_tok status_names[] = {
	{ 0, "Success" },	  { 1, "UnspecFail" },
	{ 2, "NoAddrsAvail" },	  { 3, "NoBinding" },
	{ 4, "NotOnLink" },	  { 5, "UseMulticast" },
	{ 6, "NoPrefixAvail" },	  { 7, "UnknownQueryType" },
	{ 8, "MalformedQuery" },  { 9, "NotConfigured" },
	{ 10, "NotAllowed" },	  { 0, NULL },
};

static int opts_print(struct pr_ctx *c, const uint8_t *cp, const uint8_t *ep);

/* Bytes [from, to) of p in hex. */
static int hexbytes(struct pr_ctx *c, const uint8_t *p, unsigned from,
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

/* tcpdump's nd_printjnp: up to n characters, ending at a NUL. */
static int printjnp(struct pr_ctx *c, const uint8_t *p, unsigned n)
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

static int duid_print(struct pr_ctx *c, const uint8_t *tp, unsigned optlen)
{
	uint16_t type, v16;
	uint32_t v32;

	if (optlen < 2) {
		pr_puts(c, " ?)");
		return 0;
	}
	PR_BE16(c, tp, type);
	switch (type) {
	case 1: /* DUID-LLT */
		if (optlen < 2 + 6) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_BE16(c, tp + 2, v16);
		PR_BE32(c, tp + 4, v32);
		pr_printf(c, " hwaddr/time type %u time %u ", v16, v32);
		if (hexbytes(c, tp, 8, optlen) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		break;
	case 2: /* DUID-EN */
		if (optlen < 2 + 8) {
			pr_puts(c, " ?)");
			return 0;
		}
		pr_puts(c, " vid ");
		if (hexbytes(c, tp, 2, 2 + 8) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		break;
	case 3: /* DUID-LL */
		if (optlen < 2 + 2) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_BE16(c, tp + 2, v16);
		pr_printf(c, " hwaddr type %u ", v16);
		if (hexbytes(c, tp, 4, optlen) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		break;
	default:
		pr_printf(c, " type %u)", type);
		break;
	}
	return 0;
}

static int auth_print(struct pr_ctx *c, const uint8_t *tp, unsigned optlen)
{
	uint8_t proto, alg, rdm, b;
	unsigned info, realm, i;
	uint16_t v16;
	uint32_t v32;

	if (optlen < 11) {
		pr_puts(c, " ?)");
		return 0;
	}
	PR_U8(c, tp, proto);
	if (proto == 2)
		pr_puts(c, " proto: delayed");
	else if (proto == 3)
		pr_puts(c, " proto: reconfigure");
	else
		pr_printf(c, " proto: %u", proto);
	tp++;
	PR_U8(c, tp, alg);
	if (alg == 1)
		pr_puts(c, ", alg: HMAC-MD5");
	else
		pr_printf(c, ", alg: %u", alg);
	tp++;
	PR_U8(c, tp, rdm);
	if (rdm == 0)
		pr_puts(c, ", RDM: mono");
	else
		pr_printf(c, ", RDM: %u", rdm);
	tp++;
	pr_puts(c, ", RD:");
	for (i = 0; i < 4; i++, tp += 2) {
		PR_BE16(c, tp, v16);
		pr_printf(c, " %04x", v16);
	}
	info = optlen - 11;
	switch (proto) {
	case 2:
		if (info == 0)
			break;
		if (info < 20) {
			pr_puts(c, " ??");
			break;
		}
		realm = info - 20;
		if (realm > 0)
			pr_puts(c, ", realm: ");
		for (i = 0; i < realm; i++, tp++) {
			PR_U8(c, tp, b);
			pr_hex(c, b, 2);
		}
		PR_BE32(c, tp, v32);
		pr_printf(c, ", key ID: %08x", v32);
		tp += 4;
		pr_puts(c, ", HMAC-MD5:");
		for (i = 0; i < 4; i++, tp += 4) {
			PR_BE32(c, tp, v32);
			pr_printf(c, " %08x", v32);
		}
		break;
	case 3:
		if (info != 17) {
			pr_puts(c, " ??");
			break;
		}
		PR_U8(c, tp, b);
		if (b == 1)
			pr_puts(c, " reconfig-key");
		else if (b == 2)
			pr_puts(c, " type: HMAC-MD5");
		else
			pr_puts(c, " type: ??");
		tp++;
		pr_puts(c, " value:");
		for (i = 0; i < 4; i++, tp += 4) {
			PR_BE32(c, tp, v32);
			pr_printf(c, " %08x", v32);
		}
		break;
	default:
		pr_puts(c, " ??");
		break;
	}
	pr_putc(c, ')');
	return 0;
}

/* NTP server suboptions (RFC 5908 4); 1 when cut short. */
static int ntp_server_print(struct pr_ctx *c, const uint8_t *tp,
			    unsigned optlen)
{
	const uint8_t *end = tp + optlen;
	uint16_t code, len;

	while ((size_t)(end - tp) > 4) {
		PR_BE16(c, tp, code);
		PR_BE16(c, tp + 2, len);
		tp += 4;
		if (len > (size_t)(end - tp))
			return 1;
		pr_printf(c, " subopt:%u", code);
		switch (code) {
		case 1:
		case 2:
			if (len != 16) {
				pr_puts(c, " ?");
				break;
			}
			PR_IP6(c, " ", tp);
			break;
		case 3:
			pr_putc(c, ' ');
			if (!dns_name_print(c, tp, tp + len))
				return c->stopped ? PR_STOP : 1;
			break;
		default:
			pr_puts(c, " ?");
			break;
		}
		tp += len;
	}
	pr_putc(c, ')');
	return 0;
}

static int aftr_print(struct pr_ctx *c, const uint8_t *tp, unsigned optlen)
{
	unsigned remain = optlen, label;
	uint8_t b;

	if (optlen < 3) {
		pr_puts(c, " ?)");
		return 0;
	}
	pr_putc(c, ' ');
	for (;;) {
		if (remain == 0)
			break;
		PR_U8(c, tp, b);
		if (b == 0)
			break;
		label = b;
		tp++;
		if (label < remain - 1) {
			if (printjnp(c, tp, label) == PR_STOP)
				return PR_STOP;
			tp += label;
			remain -= label + 1;
			PR_U8(c, tp, b);
			if (b)
				pr_putc(c, '.');
		} else {
			pr_puts(c, " ?");
			break;
		}
	}
	pr_putc(c, ')');
	return 0;
}

/* IPv6 addresses, optlen / 16 of them. */
static int addrs_print(struct pr_ctx *c, const uint8_t *tp, unsigned optlen)
{
	unsigned i;

	if (optlen % 16) {
		pr_puts(c, " ?)");
		return 0;
	}
	for (i = 0; i < optlen; i += 16)
		PR_IP6(c, " ", tp + i);
	pr_putc(c, ')');
	return 0;
}

/* One option's data at tp; 1 when the walk must end cut short. */
static int opt_print(struct pr_ctx *c, unsigned type, const uint8_t *tp,
		     unsigned optlen)
{
	const uint8_t *end = tp + optlen;
	uint32_t a, b, d;
	uint16_t v16;
	uint8_t v8;
	unsigned i;
	int rc;

	switch (type) {
	case OPT_CLIENTID:
	case OPT_SERVERID:
		return duid_print(c, tp, optlen);
	case OPT_IA_ADDR:
		if (optlen < 24) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_IP6(c, " ", tp);
		PR_BE32(c, tp + 16, a);
		PR_BE32(c, tp + 20, b);
		pr_printf(c, " pltime:%u vltime:%u", a, b);
		if (optlen > 24 && opts_print(c, tp + 24, end) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		return 0;
	case OPT_ORO:
	case OPT_ERO:
		if (optlen % 2) {
			pr_puts(c, " ?)");
			return 0;
		}
		for (i = 0; i < optlen; i += 2) {
			PR_BE16(c, tp + i, v16);
			pr_putc(c, ' ');
			pr_tok_print(c, opt_names, "opt_%u", v16);
		}
		pr_putc(c, ')');
		return 0;
	case OPT_PREFERENCE:
		if (optlen != 1) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_U8(c, tp, v8);
		pr_printf(c, " %u)", v8);
		return 0;
	case OPT_ELAPSED_TIME:
		if (optlen != 2) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_BE16(c, tp, v16);
		pr_printf(c, " %u)", v16);
		return 0;
	case OPT_RELAY_MSG: {
		const uint8_t *old;

		pr_puts(c, " (");
		old = pr_push_end(c, tp, optlen);
		rc = dhcp6_print(c, tp, optlen);
		pr_pop_end(c, old);
		if (rc == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		return 0;
	}
	case OPT_AUTH:
		return auth_print(c, tp, optlen);
	case OPT_RAPID_COMMIT:
	case OPT_RECONF_ACCEPT:
		pr_putc(c, ')');
		return 0;
	case OPT_INTERFACE_ID:
	case OPT_SUBSCRIBER_ID:
		pr_putc(c, ' ');
		if (hexbytes(c, tp, 0, optlen < 10 ? optlen : 10) == PR_STOP)
			return PR_STOP;
		pr_puts(c, "...)");
		return 0;
	case OPT_RECONF_MSG:
		if (optlen != 1) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_U8(c, tp, v8);
		if (v8 == DH6_RENEW)
			pr_puts(c, " for renew)");
		else if (v8 == DH6_INFORM_REQ)
			pr_puts(c, " for inf-req)");
		else
			pr_printf(c, " for ?\?\?(%02x))", v8);
		return 0;
	case OPT_SIP_SERVER_A:
	case OPT_DNS_SERVERS:
	case OPT_SNTP_SERVERS:
	case OPT_NIS_SERVERS:
	case OPT_NISP_SERVERS:
	case OPT_BCMCS_SERVER_A:
	case OPT_PANA_AGENT:
	case OPT_LQ_CLIENT_LINK:
		return addrs_print(c, tp, optlen);
	case OPT_SIP_SERVER_D:
	case OPT_DOMAIN_LIST:
		while (tp < end) {
			pr_putc(c, ' ');
			tp = dns_name_print(c, tp, end);
			if (!tp)
				return c->stopped ? PR_STOP : 1;
		}
		pr_putc(c, ')');
		return 0;
	case OPT_STATUS_CODE:
		if (optlen < 2) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_BE16(c, tp, v16);
		pr_putc(c, ' ');
		if (v16 > 255)
			pr_puts(c, "INVALID code");
		else
			pr_tok_print(c, status_names, "code%u", v16);
		pr_putc(c, ')');
		return 0;
	case OPT_IA_NA:
	case OPT_IA_PD:
		if (optlen < 12) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_BE32(c, tp, a);
		PR_BE32(c, tp + 4, b);
		PR_BE32(c, tp + 8, d);
		pr_printf(c, " IAID:%u T1:%u T2:%u", a, b, d);
		if (optlen > 12 && opts_print(c, tp + 12, end) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		return 0;
	case OPT_IA_TA:
		if (optlen < 4) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_BE32(c, tp, a);
		pr_printf(c, " IAID:%u", a);
		if (optlen > 4 && opts_print(c, tp + 4, end) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		return 0;
	case OPT_IA_PD_PREFIX:
		if (optlen < 25) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_U8(c, tp + 8, v8);
		PR_IP6(c, " ", tp + 9);
		pr_printf(c, "/%u", v8);
		PR_BE32(c, tp, a);
		PR_BE32(c, tp + 4, b);
		pr_printf(c, " pltime:%u vltime:%u", a, b);
		if (optlen > 25 && opts_print(c, tp + 25, end) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		return 0;
	case OPT_LIFETIME:
	case OPT_CLT_TIME:
		if (optlen != 4) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_BE32(c, tp, a);
		pr_printf(c, " %u)", a);
		return 0;
	case OPT_REMOTE_ID:
		if (optlen < 4) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_BE32(c, tp, a);
		pr_printf(c, " %u ", a);
		if (hexbytes(c, tp, 4, optlen < 14 ? optlen : 14) == PR_STOP)
			return PR_STOP;
		pr_puts(c, "...)");
		return 0;
	case OPT_LQ_QUERY:
		if (optlen < 17) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_U8(c, tp, v8);
		if (v8 == 1)
			pr_puts(c, " by-address");
		else if (v8 == 2)
			pr_puts(c, " by-clientID");
		else
			pr_printf(c, " type_%u", v8);
		PR_IP6(c, " ", tp + 1);
		if (optlen > 17 && opts_print(c, tp + 17, end) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		return 0;
	case OPT_CLIENT_DATA:
		if (optlen > 0 && opts_print(c, tp, end) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		return 0;
	case OPT_LQ_RELAY_DATA:
		if (optlen < 16) {
			pr_puts(c, " ?)");
			return 0;
		}
		PR_IP6(c, " ", tp);
		pr_putc(c, ' ');
		if (hexbytes(c, tp, 16, optlen < 26 ? optlen : 26) == PR_STOP)
			return PR_STOP;
		pr_puts(c, "...)");
		return 0;
	case OPT_NTP_SERVER:
		if (optlen < 4) {
			pr_puts(c, " ?)");
			return 0;
		}
		return ntp_server_print(c, tp, optlen);
	case OPT_AFTR_NAME:
		return aftr_print(c, tp, optlen);
	case OPT_NEW_POSIX_TIMEZONE:
	case OPT_NEW_TZDB_TIMEZONE:
	case OPT_MUDURL:
		if (optlen < 5) {
			pr_puts(c, " ?)");
			return 0;
		}
		pr_putc(c, ' ');
		if (printjnp(c, tp, optlen) == PR_STOP)
			return PR_STOP;
		pr_putc(c, ')');
		return 0;
	default:
		pr_putc(c, ')');
		return 0;
	}
}

/*
 * The options from cp to ep (the end of the enclosing data or of the
 * capture). A walk cut short prints the marker and returns 0: the
 * enclosing option goes on, as in tcpdump.
 */
static int opts_print(struct pr_ctx *c, const uint8_t *cp, const uint8_t *ep)
{
	uint16_t type, optlen;
	int rc;

	while (cp < ep) {
		if ((size_t)(ep - cp) < 4 || !pr_has(c, cp, 4))
			goto trunc;
		PR_BE16(c, cp + 2, optlen);
		if ((size_t)(ep - cp) < 4u + optlen)
			goto trunc;
		PR_BE16(c, cp, type);
		pr_puts(c, " (");
		pr_tok_print(c, opt_names, "opt_%u", type);
		if (!pr_has(c, cp + 4, optlen))
			goto trunc;
		rc = opt_print(c, type, cp + 4, optlen);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == 1)
			goto trunc;
		cp += 4u + optlen;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

int dhcp6_print(struct pr_ctx *c, const uint8_t *cp, unsigned length)
{
	const uint8_t *ep;
	uint8_t type;
	uint32_t xid;
	int rc;

	c->proto = "dhcp6";
	pr_puts(c, "dhcp6");
	ep = cp + (pr_left(c, cp) < length ? pr_left(c, cp) : length);
	if (!pr_has(c, cp, 4)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, cp, type);
	pr_putc(c, ' ');
	pr_tok_print(c, msg_names, "msgtype-%u", type);
	if (!c->o.vflag)
		return 0;
	pr_puts(c, " (");
	if (type != DH6_RELAY_FORW && type != DH6_RELAY_REPLY) {
		PR_BE32(c, cp, xid);
		pr_printf(c, "xid=%x", xid & 0x00ffffffu);
		rc = opts_print(c, cp + 4, ep);
	} else {
		PR_IP6(c, "linkaddr=", cp + 2);
		PR_IP6(c, " peeraddr=", cp + 18);
		rc = opts_print(c, cp + 34, ep);
	}
	if (rc == PR_STOP)
		return PR_STOP;
	pr_putc(c, ')');
	return 0;
}
