/* print-isoclns.c: the ISO network layer protocols by NLPID (ISO/IEC TR 9577): CLNP, ES-IS, IS-IS and the others. */
/*
 * The first octet of an ISO network PDU is its network layer protocol
 * identifier (ISO/IEC TR 9577):
 *
 *  +--------+------------------------------------------+
 *  | NLPID  | the PDU (CLNP 0x81, ES-IS 0x82,          |
 *  |        | IS-IS 0x83: the NLPID is its first octet) |
 *  +--------+------------------------------------------+
 *
 * Frame Relay and PPP also carry IPv4 (0xcc), IPv6 (0x8e), PPP (0xcf)
 * and Q.933 (0x08, print-q933.c) behind an NLPID; those follow it. This file reaches
 * the ISO PDUs from the OSI SAP of LLC (0xfe), the OSI ethertype of
 * Cisco HDLC and Ethernet (0xfefe), PPP's OSI protocol and NLPIDs.
 * IS-IS is print-isis.c's, ES-IS print-esis.c's, CLNP (ISO 8473)
 * print-clnp.c's.
 */
#include "capture/print-int.h"

#define NLPID_NULLNS 0x00
#define NLPID_Q933 0x08
#define NLPID_CLNP 0x81
#define NLPID_ESIS 0x82
#define NLPID_ISIS 0x83
#define NLPID_IP6 0x8e
#define NLPID_IP 0xcc
#define NLPID_PPP 0xcf

const struct pr_tok nlpid_names[] = {
	{ NLPID_NULLNS, "NULL" },
	{ NLPID_Q933, "Q.933" },
	{ 0x09, "LMI" },
	{ 0x80, "SNAP" },
	{ NLPID_CLNP, "CLNP" },
	{ NLPID_ESIS, "ES-IS" },
	{ NLPID_ISIS, "IS-IS" },
	{ 0x84, "CONS" },
	{ 0x85, "IDRP" },
	{ 0xc1, "ISIS_SPB" },
	{ 0xb1, "FRF.15" },
	{ NLPID_IP, "IPv4" },
	{ NLPID_PPP, "PPP" },
	{ 0x8a, "X25 ES-IS" },
	{ NLPID_IP6, "IPv6" },
	{ 0, NULL },
};

/* tcpdump's isonsap_string: octets in hex, a dot after the first and each pair. */
int osi_nsap_print(struct pr_ctx *c, const char *prefix, const uint8_t *p,
		      unsigned len)
{
	uint8_t b[20];
	unsigned i;

	if (len < 1 || len > 20) {
		pr_puts(c, prefix);
		pr_puts(c, "isonsap_string: illegal length");
		return 0;
	}
	PR_COPY(c, p, b, len);
	pr_puts(c, prefix);
	for (i = 0; i < len; i++) {
		pr_hex(c, b[i], 2);
		if (!(i & 1) && i + 1 < len)
			pr_putc(c, '.');
	}
	return 0;
}

/* The Fletcher checksum of ISO 8473 annex C, as tcpdump's create_osi_cksum. */
static uint16_t osi_cksum(const uint8_t *p, unsigned off, unsigned len)
{
	uint32_t c0 = 0, c1 = 0;
	int32_t x, y, mul;
	unsigned i;

	for (i = 0; i < len; i++) {
		if (i != off && i != off + 1)
			c0 += p[i];
		c1 += c0;
	}
	c0 %= 255;
	c1 %= 255;
	mul = (int32_t)((len - off) * c0);
	x = mul - (int32_t)c0 - (int32_t)c1;
	y = (int32_t)c1 - mul - 1;
	if (y >= 0)
		y++;
	if (x < 0)
		x--;
	x %= 255;
	y %= 255;
	if (x == 0)
		x = 255;
	if (y == 0)
		y = 255;
	/* x may be negative here: tcpdump's shift keeps its two's complement */
	return (uint16_t)(((uint32_t)x << 8) | ((uint32_t)y & 0xff));
}

void osi_cksum_print(struct pr_ctx *c, const uint8_t *p, uint16_t sum,
			unsigned off, unsigned len)
{
	uint16_t want;

	if (!sum || !pr_has(c, p + off, 2) || off > len || !pr_has(c, p, len)) {
		pr_puts(c, " (unverified)");
		return;
	}
	want = osi_cksum(pk_span(&c->pk, p, len), off, len);
	if (want == sum)
		pr_puts(c, " (correct)");
	else
		pr_printf(c, " (incorrect should be 0x%04x)", want);
}

/* tcpdump's print_unknown_data, whose result these callers ignore. */
static int unknown(struct pr_ctx *c, const uint8_t *p, const char *indent,
		   unsigned len)
{
	pr_unknown_data(c, p, indent, len);
	return 0;
}

int isoclns_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t nlpid;
	int rc;

	c->proto = "isoclns";
	PR_U8(c, p, nlpid);
	if (c->o.eflag) {
		pr_puts(c, "OSI NLPID ");
		pr_tok_print(c, nlpid_names, "Unknown", nlpid);
		pr_printf(c, " (0x%02x): ", nlpid);
	}
	switch (nlpid) {
	case NLPID_CLNP:
		rc = clnp_print(c, p, length);
		if (rc == PR_STOP || rc == 1)
			return rc == 1 ? 0 : rc;
		return unknown(c, p, "\n\t", length);
	case NLPID_ESIS:
		return esis_print(c, p, length);
	case NLPID_ISIS:
		rc = isis_print(c, p, length);
		if (rc == PR_STOP || rc == 1)
			return rc == 1 ? 0 : rc;
		return unknown(c, p, "\n\t", length);
	case NLPID_NULLNS:
		pr_printf(c, "%slength: %u", c->o.eflag ? "" : ", ", length);
		return 0;
	case NLPID_Q933:
		return q933_print(c, p + 1, length - 1);
	case NLPID_IP:
		return ip_print(c, p + 1, length - 1);
	case NLPID_IP6:
		return ip6_print(c, p + 1, length - 1);
	case NLPID_PPP:
		return ppp_body_print(c, p + 1, length - 1, NULL);
	default:
		if (!c->o.eflag)
			pr_printf(c, "OSI NLPID 0x%02x unknown", nlpid);
		pr_printf(c, "%slength: %u", c->o.eflag ? "" : ", ", length);
		return length > 1 ? unknown(c, p, "\n\t", length) : 0;
	}
}

/*
 * The OSI ethertype (0xfefe): one octet, then the NLPID. tcpdump marks
 * a frame that ends before that octet and returns (no longjmp): -x then
 * dumps from after the link header.
 */
int osi_ether_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	c->proto = "isoclns";
	if (length == 0 || !pr_has(c, p, 1)) {
		pr_trunc(c);
		return 0;
	}
	return isoclns_print(c, p + 1, length - 1);
}
