/* print-dns.c: DNS (RFC 1035) queries and answers over UDP and TCP, mDNS (RFC 6762), EDNS (RFC 6891). */
/*
 *   0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  |                      ID                       |
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  |          QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT   |
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  | questions: QNAME QTYPE QCLASS                 |
 *  | records:   NAME TYPE CLASS TTL RDLENGTH RDATA |
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *
 * Over TCP (RFC 1035 4.2.2) a two-octet length prefixes the message.
 */
#include "capture/print-int.h"

#include <stdio.h>

#define DNS_HDRLEN 12
#define MAXCDNAME 255

#define TYPE_MASK 0xc0
#define TYPE_INDIR 0xc0
#define TYPE_RESERVED 0x80
#define TYPE_EDNS0 0x40
#define TYPE_LABEL 0x00
#define EDNS0_ELT_BITLABEL 0x01

#define T_A 1
#define T_NS 2
#define T_CNAME 5
#define T_SOA 6
#define T_PTR 12
#define T_MX 15
#define T_TXT 16
#define T_AAAA 28
#define T_SRV 33
#define T_A6 38
#define T_DNAME 39
#define T_OPT 41
#define T_UNSPECA 104
#define T_TSIG 250
#define T_URI 256

#define C_IN 1
#define C_QU 0x8000
#define C_CACHE_FLUSH 0x8000

#define E_ECS 8
#define E_EXPIRE 9
#define E_COOKIE 10
#define E_KEEPALIVE 11
#define E_PADDING 12
#define E_CHAIN 13
#define E_KEYTAG 14
#define E_DAU 5
#define E_DHU 6
#define E_N3U 7

static const char *const ns_ops[] = {
	"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
	" op8", " updateA", " updateD", " updateDA", " updateM", " updateMA",
	" zoneInit", " zoneRef",
};

/* tcpdump's ns_resp, including its two entries without a leading space. */
static const char *const ns_resp[] = {
	"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
	" YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11",
	" Resp12", " Resp13", " Resp14", " NoChange", " BadVers", "Resp17",
	" Resp18", " Resp19", " Resp20", "Resp21", " Resp22", " BadCookie",
};

static const struct pr_tok type_names[] = {
	{ 1, "A" }, { 2, "NS" }, { 3, "MD" }, { 4, "MF" }, { 5, "CNAME" },
	{ 6, "SOA" }, { 7, "MB" }, { 8, "MG" }, { 9, "MR" }, { 10, "NULL" },
	{ 11, "WKS" }, { 12, "PTR" }, { 13, "HINFO" }, { 14, "MINFO" },
	{ 15, "MX" }, { 16, "TXT" }, { 17, "RP" }, { 18, "AFSDB" },
	{ 19, "X25" }, { 20, "ISDN" }, { 21, "RT" }, { 22, "NSAP" },
	{ 23, "NSAP_PTR" }, { 24, "SIG" }, { 25, "KEY" }, { 26, "PX" },
	{ 27, "GPOS" }, { 28, "AAAA" }, { 29, "LOC" }, { 30, "NXT" },
	{ 31, "EID" }, { 32, "NIMLOC" }, { 33, "SRV" }, { 34, "ATMA" },
	{ 35, "NAPTR" }, { 36, "KX" }, { 37, "CERT" }, { 38, "A6" },
	{ 39, "DNAME" }, { 40, "SINK" }, { 41, "OPT" }, { 42, "APL" },
	{ 43, "DS" }, { 44, "SSHFP" }, { 45, "IPSECKEY" }, { 46, "RRSIG" },
	{ 47, "NSEC" }, { 48, "DNSKEY" }, { 99, "SPF" }, { 100, "UINFO" },
	{ 101, "UID" }, { 102, "GID" }, { 103, "UNSPEC" }, { 104, "UNSPECA" },
	{ 249, "TKEY" }, { 250, "TSIG" }, { 251, "IXFR" }, { 252, "AXFR" },
	{ 253, "MAILB" }, { 254, "MAILA" }, { 255, "ANY" }, { 256, "URI" },
	{ 0, NULL },
};

static const struct pr_tok class_names[] = {
	{ 1, "IN" }, { 3, "CHAOS" }, { 4, "HS" }, { 255, "ANY" }, { 0, NULL },
};

static const struct pr_tok edns_opt_names[] = {
	{ 1, "LLQ" }, { 2, "UL" }, { 3, "NSID" }, { 5, "DAU" }, { 6, "DHU" },
	{ 7, "N3U" }, { 8, "ECS" }, { 9, "EXPIRE" }, { 10, "COOKIE" },
	{ 11, "KEEPALIVE" }, { 12, "PADDING" }, { 13, "CHAIN" },
	{ 14, "KEY-TAG" }, { 16, "CLIENT-TAG" }, { 17, "SERVER-TAG" },
	{ 0, NULL },
};

static const struct pr_tok dau_names[] = {
	{ 0, "DELETE" }, { 1, "RSAMD5" }, { 2, "DH" }, { 3, "DS" },
	{ 5, "RSASHA1" }, { 6, "DSA-NSEC3-SHA1" }, { 7, "RSASHA1-NSEC3-SHA1" },
	{ 8, "RSASHA256" }, { 10, "RSASHA512" }, { 12, "ECC-GOST" },
	{ 13, "ECDSAP256SHA256" }, { 14, "ECDSAP384SHA384" },
	{ 15, "ED25519" }, { 16, "ED448" }, { 252, "INDIRECT" },
	{ 253, "PRIVATEDNS" }, { 254, "PRIVATEOID" }, { 0, NULL },
};

static const struct pr_tok dhu_names[] = {
	{ 1, "SHA-1" }, { 2, "SHA-256" }, { 3, "GOST_R_34.11-94" },
	{ 4, "SHA-384" }, { 0, NULL },
};

static const struct pr_tok n3u_names[] = {
	{ 1, "SHA-1" }, { 0, NULL },
};

/* Skips a name without printing it; NULL when it runs off the capture. */
static const uint8_t *ns_nskip(struct pr_ctx *c, const uint8_t *cp)
{
	uint8_t i, b;

	if (!pk_u8(&c->pk, cp, &i))
		return NULL;
	cp++;
	while (i) {
		switch (i & TYPE_MASK) {
		case TYPE_INDIR:
			return cp + 1;
		case TYPE_EDNS0: {
			unsigned bitlen;

			if ((i & ~TYPE_MASK) != EDNS0_ELT_BITLABEL)
				return NULL;
			if (!pk_u8(&c->pk, cp, &b))
				return NULL;
			bitlen = b ? b : 256;
			cp++;
			cp += (bitlen + 7) / 8;
			break;
		}
		case TYPE_RESERVED:
			return NULL;
		case TYPE_LABEL:
			cp += i;
			break;
		}
		if (!pk_u8(&c->pk, cp, &i))
			return NULL;
		cp++;
	}
	return cp;
}

static const uint8_t *blabel_print(struct pr_ctx *c, const uint8_t *cp)
{
	unsigned bitlen, slen, b;
	const uint8_t *bitp, *lim;
	uint8_t v;

	if (!pk_u8(&c->pk, cp, &v))
		return NULL;
	bitlen = v ? v : 256;
	slen = (bitlen + 3) / 4;
	lim = cp + 1 + slen;
	pr_puts(c, "\\[x");
	for (bitp = cp + 1, b = bitlen; bitp < lim && b > 7; b -= 8, bitp++) {
		PR_U8_OR_NULL(c, bitp, v);
		pr_hex(c, v, 2);
	}
	if (b > 4) {
		PR_U8_OR_NULL(c, bitp, v);
		pr_hex(c, v & (0xff << (8 - b)) & 0xff, 2);
	} else if (b > 0) {
		PR_U8_OR_NULL(c, bitp, v);
		pr_hex(c, ((v >> 4) & 0x0f) & (0x0f << (4 - b)), 1);
	}
	pr_printf(c, "/%u]", bitlen);
	return lim;
}

/* A label's length (or -1 after printing why it cannot be one). */
static int labellen(struct pr_ctx *c, const uint8_t *cp)
{
	uint8_t i, b;

	if (!pk_u8(&c->pk, cp, &i))
		return -1;
	switch (i & TYPE_MASK) {
	case TYPE_EDNS0: {
		unsigned bitlen, elt = i & ~TYPE_MASK;

		if (elt != EDNS0_ELT_BITLABEL) {
			pr_printf(c, "<ELT %d>", (int)elt);
			return -1;
		}
		if (!pk_u8(&c->pk, cp + 1, &b))
			return -1;
		bitlen = b ? b : 256;
		return (int)((bitlen + 7) / 8 + 1);
	}
	case TYPE_INDIR:
	case TYPE_LABEL:
		return i;
	default:
		pr_puts(c, "<BAD LABEL TYPE>");
		return -1;
	}
}

const uint8_t *dns_name_print(struct pr_ctx *c, const uint8_t *cp,
			      const uint8_t *bp)
{
	unsigned i, l, offset, max_offset, name_chars = 0, elt;
	const uint8_t *rp = NULL;
	int compress = 0, ll;
	uint8_t v;

	if ((ll = labellen(c, cp)) < 0)
		return NULL;
	l = (unsigned)ll;
	if (!pk_u8(&c->pk, cp, &v))
		return NULL;
	max_offset = (unsigned)(cp - bp);
	i = v;
	cp++;
	if ((i & TYPE_MASK) != TYPE_INDIR)
		rp = cp + l;
	if (i == 0) {
		pr_putc(c, '.');
		return rp;
	}
	while (i && pr_left(c, cp) > 0) {
		switch (i & TYPE_MASK) {
		case TYPE_INDIR:
			if (!compress) {
				rp = cp + 1;
				compress = 1;
			}
			if (!pk_u8(&c->pk, cp, &v))
				return NULL;
			offset = ((i << 8) | v) & 0x3fff;
			/* Pointers must go backwards (BIND's loop guard). */
			if (offset >= max_offset) {
				pr_puts(c, "<BAD PTR>");
				return NULL;
			}
			max_offset = offset;
			cp = bp + offset;
			if (!pk_u8(&c->pk, cp, &v))
				return NULL;
			i = v;
			if ((ll = labellen(c, cp)) < 0)
				return NULL;
			l = (unsigned)ll;
			cp++;
			continue;
		case TYPE_EDNS0:
			elt = i & ~TYPE_MASK;
			if (elt == EDNS0_ELT_BITLABEL) {
				if (!blabel_print(c, cp))
					return NULL;
			} else {
				pr_printf(c, "<ELT %u>", elt);
				return NULL;
			}
			break;
		case TYPE_RESERVED:
			pr_puts(c, "<BAD LABEL TYPE>");
			return NULL;
		case TYPE_LABEL:
			if (name_chars + l <= MAXCDNAME) {
				if (pr_printn(c, cp, l))
					return NULL;
			} else if (name_chars < MAXCDNAME) {
				if (pr_printn(c, cp, MAXCDNAME - name_chars))
					return NULL;
			}
			name_chars += l;
			break;
		}
		cp += l;
		if (name_chars <= MAXCDNAME)
			pr_putc(c, '.');
		name_chars++;
		if (!pk_u8(&c->pk, cp, &v))
			return NULL;
		i = v;
		if ((ll = labellen(c, cp)) < 0)
			return NULL;
		l = (unsigned)ll;
		cp++;
		if (!compress)
			rp += l + 1;
	}
	if (name_chars > MAXCDNAME)
		pr_puts(c, "<DOMAIN NAME TOO LONG>");
	return rp;
}

/* A <character-string>. */
static const uint8_t *ns_cprint(struct pr_ctx *c, const uint8_t *cp)
{
	uint8_t i;

	if (!pk_u8(&c->pk, cp, &i))
		return NULL;
	cp++;
	if (pr_printn(c, cp, i))
		return NULL;
	return cp + i;
}

static void ecs_print(struct pr_ctx *c, const uint8_t *cp, unsigned data_len)
{
	unsigned family, addr_bits, src_len, scope_len;
	uint8_t padded[32] = { 0 };
	uint16_t f;
	uint8_t s1, s2;

	if (data_len < 4) {
		pr_invalid(c);
		return;
	}
	if (!pk_be16(&c->pk, cp, &f) || !pk_u8(&c->pk, cp + 2, &s1) ||
	    !pk_u8(&c->pk, cp + 3, &s2))
		return;
	family = f;
	src_len = s1;
	scope_len = s2;
	cp += 4;
	if (family == 1) {
		addr_bits = 32;
	} else if (family == 2) {
		addr_bits = 128;
	} else {
		pr_invalid(c);
		return;
	}
	if (data_len - 4 > addr_bits / 8 || src_len > addr_bits ||
	    scope_len > addr_bits || (src_len + 7) / 8 != data_len - 4) {
		pr_invalid(c);
		return;
	}
	if (!pk_copy(&c->pk, cp, padded, data_len - 4))
		return;
	if (family == 1)
		pr_ip4_num(c, padded);
	else
		pr_ip6_num(c, padded);
	pr_printf(c, "/%d/%d", (int)src_len, (int)scope_len);
}

/* One EDNS option; NULL when cut short. */
static const uint8_t *eopt_print(struct pr_ctx *c, const uint8_t *cp)
{
	uint16_t opt, data_len, v16;
	uint32_t v32;
	unsigned i;
	uint8_t b;

	if (!pk_be16(&c->pk, cp, &opt))
		return NULL;
	cp += 2;
	pr_tok_print(c, edns_opt_names, "Opt%u", opt);
	if (!pk_be16(&c->pk, cp, &data_len))
		return NULL;
	cp += 2;
	if (!pr_has(c, cp, data_len))
		return NULL;
	if (data_len > 0) {
		pr_putc(c, ' ');
		switch (opt) {
		case E_ECS:
			ecs_print(c, cp, data_len);
			break;
		case E_COOKIE:
			if (data_len < 8 || (data_len > 8 && data_len < 16) ||
			    data_len > 40) {
				pr_invalid(c);
			} else {
				for (i = 0; i < data_len; ++i) {
					if (i == 8)
						pr_putc(c, ' ');
					PR_U8_OR_NULL(c, cp + i, b);
					pr_hex(c, b, 2);
				}
			}
			break;
		case E_KEEPALIVE:
			if (data_len != 2) {
				pr_invalid(c);
			} else {
				PR_BE16_OR_NULL(c, cp, v16);
				pr_printf_libc(c, "%0.1f sec", v16 / 10.0);
			}
			break;
		case E_EXPIRE:
			if (data_len != 4) {
				pr_invalid(c);
			} else {
				PR_BE32_OR_NULL(c, cp, v32);
				pr_printf(c, "%u sec", v32);
			}
			break;
		case E_PADDING:
			pr_printf(c, "(%u)", data_len);
			break;
		case E_KEYTAG:
			if (data_len % 2 != 0) {
				pr_invalid(c);
			} else {
				for (i = 0; i < data_len; i += 2) {
					if (i > 0)
						pr_putc(c, ' ');
					PR_BE16_OR_NULL(c, cp + i, v16);
					pr_uint(c, v16);
				}
			}
			break;
		case E_DAU:
		case E_DHU:
		case E_N3U: {
			const struct pr_tok *t = opt == E_DAU ? dau_names :
						 opt == E_DHU ? dhu_names :
								n3u_names;

			for (i = 0; i < data_len; ++i) {
				if (i > 0)
					pr_putc(c, ' ');
				PR_U8_OR_NULL(c, cp + i, b);
				pr_tok_print(c, t, "Alg_%u", b);
			}
			break;
		}
		case E_CHAIN:
			dns_name_print(c, cp, cp + data_len);
			if (c->stopped)
				return NULL;
			break;
		default:
			for (i = 0; i < data_len; ++i) {
				PR_U8_OR_NULL(c, cp + i, b);
				pr_hex(c, b, 2);
			}
			break;
		}
	}
	return cp + data_len;
}

static const uint8_t *ns_qprint(struct pr_ctx *c, const uint8_t *cp,
				const uint8_t *bp, int is_mdns)
{
	const uint8_t *np = cp;
	uint16_t type, klass;
	unsigned cls;

	cp = ns_nskip(c, cp);
	if (!cp || !pr_has(c, cp, 4))
		return NULL;
	PR_BE16_OR_NULL(c, cp, type);
	cp += 2;
	pr_putc(c, ' ');
	pr_tok_print(c, type_names, "Type%u", type);
	PR_BE16_OR_NULL(c, cp, klass);
	cp += 2;
	cls = is_mdns ? (klass & ~C_QU) : klass;
	if (cls != C_IN) {
		pr_putc(c, ' ');
		pr_tok_print(c, class_names, "(Class %u)", cls);
	}
	if (is_mdns)
		pr_puts(c, klass & C_QU ? " (QU)" : " (QM)");
	pr_puts(c, "? ");
	cp = dns_name_print(c, np, bp);
	return cp ? cp + 4 : NULL;
}

static const uint8_t *ns_rprint(struct pr_ctx *c, const uint8_t *cp,
				const uint8_t *bp, int is_mdns)
{
	unsigned cls, opt_flags = 0;
	uint16_t typ, klass, len, v16;
	uint32_t ttl;
	const uint8_t *rp;

	if (c->o.vflag) {
		pr_putc(c, ' ');
		if ((cp = dns_name_print(c, cp, bp)) == NULL)
			return NULL;
	} else {
		cp = ns_nskip(c, cp);
	}
	if (!cp || !pr_has(c, cp, 10))
		return c->pk.hi;
	PR_BE16_OR_NULL(c, cp, typ);
	cp += 2;
	PR_BE16_OR_NULL(c, cp, klass);
	cp += 2;
	cls = is_mdns ? (klass & ~C_CACHE_FLUSH) : klass;
	if (cls != C_IN && typ != T_OPT) {
		pr_putc(c, ' ');
		pr_tok_print(c, class_names, "(Class %u)", cls);
	}
	if (is_mdns && (klass & C_CACHE_FLUSH))
		pr_puts(c, " (Cache flush)");
	if (typ == T_OPT) {
		cp += 2;
		PR_BE16_OR_NULL(c, cp, v16);
		opt_flags = v16;
		cp += 2;
	} else if (c->o.vflag > 2) {
		PR_BE32_OR_NULL(c, cp, ttl);
		pr_puts(c, " [");
		pr_relts(c, ttl);
		pr_putc(c, ']');
		cp += 4;
	} else {
		cp += 4;
	}
	PR_BE16_OR_NULL(c, cp, len);
	cp += 2;
	rp = cp + len;
	pr_putc(c, ' ');
	pr_tok_print(c, type_names, "Type%u", typ);
	if (!pr_has(c, cp, len))
		return NULL;

	switch (typ) {
	case T_A: {
		uint8_t a[4];

		if (!pk_copy(&c->pk, cp, a, 4))
			return NULL;
		pr_putc(c, ' ');
		pr_ip4_num(c, a);
		break;
	}
	case T_NS:
	case T_CNAME:
	case T_PTR:
	case T_DNAME:
		pr_putc(c, ' ');
		if (!dns_name_print(c, cp, bp))
			return NULL;
		break;
	case T_SOA: {
		int k;

		if (!c->o.vflag)
			break;
		pr_putc(c, ' ');
		if ((cp = dns_name_print(c, cp, bp)) == NULL)
			return NULL;
		pr_putc(c, ' ');
		if ((cp = dns_name_print(c, cp, bp)) == NULL)
			return NULL;
		if (!pr_has(c, cp, 20))
			return NULL;
		for (k = 0; k < 5; k++) {
			PR_BE32_OR_NULL(c, cp, ttl);
			pr_putc(c, ' ');
			pr_uint(c, ttl);
			cp += 4;
		}
		break;
	}
	case T_MX:
		pr_putc(c, ' ');
		if (!pr_has(c, cp, 2))
			return NULL;
		if (!dns_name_print(c, cp + 2, bp))
			return NULL;
		PR_BE16_OR_NULL(c, cp, v16);
		pr_putc(c, ' ');
		pr_uint(c, v16);
		break;
	case T_TXT:
		while (cp < rp) {
			pr_puts(c, " \"");
			cp = ns_cprint(c, cp);
			if (!cp)
				return NULL;
			pr_putc(c, '"');
		}
		break;
	case T_SRV: {
		uint16_t pri, wt, port;

		pr_putc(c, ' ');
		if (!pr_has(c, cp, 6))
			return NULL;
		if (!dns_name_print(c, cp + 6, bp))
			return NULL;
		PR_BE16_OR_NULL(c, cp + 4, port);
		PR_BE16_OR_NULL(c, cp, pri);
		PR_BE16_OR_NULL(c, cp + 2, wt);
		pr_printf(c, ":%u %u %u", port, pri, wt);
		break;
	}
	case T_AAAA: {
		uint8_t a[16];

		if (!pk_copy(&c->pk, cp, a, 16))
			return NULL;
		pr_putc(c, ' ');
		pr_ip6_num(c, a);
		break;
	}
	case T_A6: {
		uint8_t a[16] = { 0 }, pbit;
		unsigned pbyte;

		if (!pk_u8(&c->pk, cp, &pbit))
			return NULL;
		pbyte = (pbit & ~7u) / 8;
		if (pbit > 128) {
			pr_printf(c, " %u(bad plen)", pbit);
			break;
		} else if (pbit < 128) {
			if (!pk_copy(&c->pk, cp + 1, a + pbyte, 16 - pbyte)) {
				pr_stop(c);
				return NULL;
			}
			pr_printf(c, " %u ", pbit);
			pr_ip6_num(c, a);
		}
		if (pbit > 0) {
			pr_putc(c, ' ');
			if (!dns_name_print(c, cp + 1 + 16 - pbyte, bp))
				return NULL;
		}
		break;
	}
	case T_URI: {
		uint16_t pri, wt;

		if (!pr_has(c, cp, len))
			return NULL;
		PR_BE16_OR_NULL(c, cp, pri);
		PR_BE16_OR_NULL(c, cp + 2, wt);
		pr_printf(c, " %u %u ", pri, wt);
		if (pr_printn(c, cp + 4, len - 4u))
			return NULL;
		break;
	}
	case T_OPT:
		pr_printf(c, " UDPsize=%u", cls);
		if (opt_flags & 0x8000)
			pr_puts(c, " DO");
		if (cp < rp) {
			pr_puts(c, " [");
			while (cp < rp) {
				cp = eopt_print(c, cp);
				if (!cp)
					return NULL;
				if (cp < rp)
					pr_putc(c, ',');
			}
			pr_putc(c, ']');
		}
		break;
	case T_UNSPECA:
		if (!pr_has(c, cp, len))
			return NULL;
		if (pr_printn(c, cp, len))
			return NULL;
		break;
	case T_TSIG:
		if (!pr_has(c, cp, len))
			return NULL;
		if (!c->o.vflag)
			break;
		pr_putc(c, ' ');
		if ((cp = dns_name_print(c, cp, bp)) == NULL)
			return NULL;
		cp += 6;
		if (!pk_be16(&c->pk, cp, &v16))
			return NULL;
		pr_printf(c, " fudge=%u", v16);
		cp += 2;
		if (!pk_be16(&c->pk, cp, &v16))
			return NULL;
		pr_printf(c, " maclen=%u", v16);
		cp += 2 + v16;
		if (!pk_be16(&c->pk, cp, &v16))
			return NULL;
		pr_printf(c, " origid=%u", v16);
		cp += 2;
		if (!pk_be16(&c->pk, cp, &v16))
			return NULL;
		pr_printf(c, " error=%u", v16);
		cp += 2;
		if (!pk_be16(&c->pk, cp, &v16))
			return NULL;
		pr_printf(c, " otherlen=%u", v16);
		break;
	}
	return rp;
}

/*
 * Prints count records (" sep" before the first, "," between). Returns 0;
 * 1 when cut short (the caller prints the marker); PR_STOP.
 */
static int records_print(struct pr_ctx *c, const uint8_t **cpp,
			 const uint8_t *bp, unsigned *count, const char *first,
			 int is_mdns, int need_room)
{
	const uint8_t *cp = *cpp;

	if (*count && (!need_room || pr_left(c, cp) > 0)) {
		pr_puts(c, first);
		if ((cp = ns_rprint(c, cp, bp, is_mdns)) == NULL)
			return c->stopped ? PR_STOP : 1;
		(*count)--;
		while (pr_left(c, cp) > 0 && *count) {
			pr_putc(c, ',');
			if ((cp = ns_rprint(c, cp, bp, is_mdns)) == NULL)
				return c->stopped ? PR_STOP : 1;
			(*count)--;
		}
	}
	*cpp = cp;
	return *count ? 1 : 0;
}

static int domain_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
			int over_tcp, int is_mdns)
{
	uint16_t flags, id, rdlen, type, v16;
	unsigned qdcount, ancount, nscount, arcount, rcode, i;
	const uint8_t *cp;
	uint8_t b;
	int rc;

	c->proto = "domain";
	if (over_tcp) {
		if (length < 2) {
			pr_printf(c, " [DNS over TCP: length %u < 2]", length);
			pr_invalid(c);
			return 0;
		}
		length -= 2;
		PR_BE16(c, bp, v16);
		if (v16 != length) {
			pr_printf(c, " [prefix length(%u) != length(%u)]", v16,
				  length);
			pr_invalid(c);
			return 0;
		}
		bp += 2;
		pr_putc(c, ' ');
	}
	if (length < DNS_HDRLEN) {
		pr_printf(c, "domain [length %u < %u]", length, DNS_HDRLEN);
		pr_invalid(c);
		return 0;
	}
	if (!pr_has(c, bp, DNS_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	PR_BE16(c, bp, id);
	PR_BE16(c, bp + 2, flags);
	PR_BE16(c, bp + 4, v16);
	qdcount = v16;
	PR_BE16(c, bp + 6, v16);
	ancount = v16;
	PR_BE16(c, bp + 8, v16);
	nscount = v16;
	PR_BE16(c, bp + 10, v16);
	arcount = v16;

	/* The extended RCODE is in the OPT record, if any. */
	cp = bp + DNS_HDRLEN;
	rcode = flags & 0xf;
	for (i = 0; i < qdcount; i++) {
		if ((cp = ns_nskip(c, cp)) == NULL)
			goto print;
		cp += 4;
		if (pr_left(c, cp) == 0)
			goto print;
	}
	for (i = 0; i < ancount + nscount; i++) {
		if ((cp = ns_nskip(c, cp)) == NULL)
			goto print;
		cp += 8;
		if (!pk_be16(&c->pk, cp, &rdlen))
			goto print;
		cp += 2 + rdlen;
		if (pr_left(c, cp) == 0)
			goto print;
	}
	for (i = 0; i < arcount; i++) {
		if ((cp = ns_nskip(c, cp)) == NULL)
			goto print;
		if (!pk_be16(&c->pk, cp, &type))
			goto print;
		cp += 4;
		if (!pk_u8(&c->pk, cp, &b))
			goto print;
		if (type == T_OPT) {
			rcode |= (unsigned)b << 4;
			goto print;
		}
		cp += 4;
		if (!pk_be16(&c->pk, cp, &rdlen))
			goto print;
		cp += 2 + rdlen;
		if (pr_left(c, cp) == 0)
			goto print;
	}
print:
	if (flags & 0x8000) {
		pr_uint(c, id);
		pr_puts(c, ns_ops[(flags >> 11) & 0xf]);
		if (rcode < sizeof(ns_resp) / sizeof(ns_resp[0]))
			pr_puts(c, ns_resp[rcode]);
		else
			pr_printf(c, " Resp%u", rcode & 0xfff);
		if (flags & 0x0400)
			pr_putc(c, '*');
		if (!(flags & 0x0080))
			pr_putc(c, '-');
		if (flags & 0x0200)
			pr_putc(c, '|');
		if (flags & 0x0020)
			pr_putc(c, '$');
		if (qdcount != 1)
			pr_printf(c, " [%uq]", qdcount);
		cp = bp + DNS_HDRLEN;
		for (i = 0; i < qdcount; i++) {
			if (i != 0)
				pr_putc(c, ',');
			if (c->o.vflag > 1) {
				pr_puts(c, " q:");
				if ((cp = ns_qprint(c, cp, bp, is_mdns)) == NULL)
					goto trunc;
			} else {
				if ((cp = ns_nskip(c, cp)) == NULL)
					goto trunc;
				cp += 4;
			}
		}
		pr_putc(c, ' ');
		pr_uint(c, ancount);
		pr_putc(c, '/');
		pr_uint(c, nscount);
		pr_putc(c, '/');
		pr_uint(c, arcount);
		rc = records_print(c, &cp, bp, &ancount, "", is_mdns, 0);
		if (rc)
			goto out;
		if (c->o.vflag > 1) {
			rc = records_print(c, &cp, bp, &nscount, " ns:",
					   is_mdns, 1);
			if (rc)
				goto out;
			rc = records_print(c, &cp, bp, &arcount, " ar:",
					   is_mdns, 1);
			if (rc)
				goto out;
		}
	} else {
		pr_uint(c, id);
		pr_puts(c, ns_ops[(flags >> 11) & 0xf]);
		if (flags & 0x0100)
			pr_putc(c, '+');
		if (flags & 0x0010)
			pr_putc(c, '%');
		if (flags & 0x6cf)
			pr_printf(c, " [b2&3=0x%x]", flags);
		if (((flags >> 11) & 0xf) == 1) {
			if (qdcount)
				pr_printf(c, " [%uq]", qdcount);
			if (ancount != 1)
				pr_printf(c, " [%ua]", ancount);
		} else {
			if (ancount)
				pr_printf(c, " [%ua]", ancount);
			if (qdcount != 1)
				pr_printf(c, " [%uq]", qdcount);
		}
		if (nscount)
			pr_printf(c, " [%un]", nscount);
		if (arcount)
			pr_printf(c, " [%uau]", arcount);
		cp = bp + DNS_HDRLEN;
		if (qdcount) {
			cp = ns_qprint(c, cp, bp, is_mdns);
			if (!cp)
				goto trunc;
			qdcount--;
			while (pr_left(c, cp) > 0 && qdcount) {
				cp = ns_qprint(c, cp, bp, is_mdns);
				if (!cp)
					goto trunc;
				qdcount--;
			}
		}
		if (qdcount)
			goto trunc;
		if (c->o.vflag > 1) {
			rc = records_print(c, &cp, bp, &ancount, "", is_mdns, 0);
			if (rc)
				goto out;
			rc = records_print(c, &cp, bp, &nscount, " ns:",
					   is_mdns, 1);
			if (rc)
				goto out;
			rc = records_print(c, &cp, bp, &arcount, " ar:",
					   is_mdns, 1);
			if (rc)
				goto out;
		}
	}
	pr_puts(c, " (");
	pr_uint(c, length);
	pr_putc(c, ')');
	return 0;
out:
	if (rc == PR_STOP)
		return PR_STOP;
trunc:
	if (c->stopped)
		return PR_STOP;
	pr_trunc(c);
	return 0;
}

int dns_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	return domain_print(c, p, len, 0, 0);
}

int mdns_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	return domain_print(c, p, len, 0, 1);
}

int dns_tcp_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	return domain_print(c, p, len, 1, 0);
}

void dns_type_print(struct pr_ctx *c, unsigned type)
{
	pr_tok_print(c, type_names, "Type%u", type);
}

void dns_class_print(struct pr_ctx *c, unsigned cls, const char *fmt)
{
	pr_tok_print(c, class_names, fmt, cls);
}
