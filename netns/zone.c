/* zone.c: a DNS master file (RFC 1035 5) read into a zone, and a name server's answers from it (RFC 1034 4.3.2). */
/*
 * A record as read:
 *
 *   owner   TTL   class  type  RDATA
 *   ucbvax  1d    IN     A     128.32.137.3
 *
 * and as stored: the owner and every name in the RDATA in wire form
 * (length-prefixed labels, a zero at the end), uncompressed; the server
 * compresses them into each message it writes (RFC 1035 4.1.4), names in
 * RDATA too for the types RFC 1035 defines (NS, CNAME, PTR, MX, SOA).
 */
#include "netns/zone.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T_A 1
#define T_NS 2
#define T_CNAME 5
#define T_SOA 6
#define T_PTR 12
#define T_MX 15
#define T_TXT 16
#define T_AAAA 28
#define T_ANY 255
#define C_IN 1

#define NAME_MAX_WIRE 255
#define TTL_MAX 2147483647u	/* RFC 2181 8 */
#define MAX_TOKS 64
#define CHAIN_MAX 8

struct zrr {
	uint8_t *owner;		/* wire; owner and rdata share one allocation */
	size_t olen;
	uint16_t type;
	uint32_t ttl;
	uint8_t *rdata;
	uint16_t rdlen;
};

struct ns_zone {
	struct zrr *rr;
	size_t n, cap;
	char apex_text[1024];
};

static const struct {
	const char *name;
	uint16_t type;
} types[] = {
	{ "A", T_A }, { "NS", T_NS }, { "CNAME", T_CNAME }, { "SOA", T_SOA },
	{ "PTR", T_PTR }, { "MX", T_MX }, { "TXT", T_TXT }, { "AAAA", T_AAAA },
};

#define NTYPES (sizeof(types) / sizeof(types[0]))

/* ---- names in wire form ---------------------------------------------------- */

static size_t wire_len(const uint8_t *w)
{
	size_t n = 0;

	while (w[n])
		n += 1u + w[n];
	return n + 1;
}

static int label_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tolower(a[i]) != tolower(b[i]))
			return 0;
	return 1;
}

static int wire_eq(const uint8_t *a, const uint8_t *b)
{
	for (;;) {
		if (*a != *b || !label_eq(a + 1, b + 1, *a))
			return 0;
		if (!*a)
			return 1;
		a += 1u + *a;
		b += 1u + *b;
	}
}

static size_t wire_labels(const uint8_t *w)
{
	size_t k = 0;

	for (; *w; w += 1u + *w)
		k++;
	return k;
}

/* 1 when name is at or below apex; *depth is how many labels lie above it. */
static int wire_under(const uint8_t *name, const uint8_t *apex, size_t *depth)
{
	size_t nl = wire_labels(name), al = wire_labels(apex), i;

	if (nl < al)
		return 0;
	for (i = 0; i < nl - al; i++)
		name += 1u + *name;
	if (depth)
		*depth = nl - al;
	return wire_eq(name, apex);
}

/* The dotted text of a wire name (with the last dot; "." for the root). */
static void wire_text(const uint8_t *w, char *out, size_t n)
{
	size_t o = 0, i;

	if (!*w) {
		snprintf(out, n, ".");
		return;
	}
	for (; *w && o + 5 < n; w += 1u + *w) {
		for (i = 0; i < *w && o + 5 < n; i++) {
			uint8_t c = w[1 + i];

			if (c == '.' || c == '\\')
				o += (size_t)snprintf(out + o, n - o, "\\%c", c);
			else if (c <= ' ' || c >= 0x7f)
				o += (size_t)snprintf(out + o, n - o, "\\%03u", c);
			else
				out[o++] = (char)c;
		}
		out[o++] = '.';
	}
	out[o] = '\0';
}

/* ---- the master file's tokens ------------------------------------------------- */

struct ztok {
	size_t off, n;		/* into the parser's text buffer */
	unsigned line, col;
	int quoted;
};

struct zparser {
	const char *p;
	size_t len, at;
	unsigned line, col;
	char *err;
	unsigned eline, ecol;	/* where the error is */
	struct hx_buf tb;	/* the tokens' raw text */
	struct ztok tok[MAX_TOKS];
	size_t ntok;
	int blank_owner;	/* the entry's line starts with a blank */
	uint8_t origin[NAME_MAX_WIRE + 1];
	int has_origin;
	uint32_t default_ttl;
	int has_ttl;		/* $TTL, or an earlier entry's TTL */
	uint8_t last_owner[NAME_MAX_WIRE + 1];
	int has_owner;
	struct ns_zone *z;
	unsigned soa_line, soa_col;
};

static int zerr_at(struct zparser *P, unsigned line, unsigned col, int code,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int zerr_at(struct zparser *P, unsigned line, unsigned col, int code,
		   const char *fmt, ...)
{
	va_list ap;

	if (P->err) {
		va_start(ap, fmt);
		vsnprintf(P->err, HX_ERRLEN, fmt, ap);
		va_end(ap);
	}
	P->eline = line;
	P->ecol = col;
	return code;
}

#define ZERR(P, t, ...) zerr_at((P), (t)->line, (t)->col, -EINVAL, __VA_ARGS__)

static const char *ts(struct zparser *P, const struct ztok *t)
{
	return P->tb.p + t->off;
}

static void adv(struct zparser *P)
{
	if (P->p[P->at] == '\n') {
		P->line++;
		P->col = 1;
	} else {
		P->col++;
	}
	P->at++;
}

/*
 * Reads the next entry's tokens: up to a newline outside parentheses.
 * Returns 1 with tokens, 0 at the end of the file, or an error.
 */
static int next_entry(struct zparser *P)
{
	int depth = 0;
	unsigned pline = 0, pcol = 0;

	hx_buf_reset(&P->tb);
	P->ntok = 0;
	P->blank_owner = 0;
	while (P->at < P->len) {
		char c = P->p[P->at];
		struct ztok *t;

		if (c == '\n') {
			adv(P);
			if (depth == 0 && P->ntok)
				return 1;
			if (depth == 0)
				P->blank_owner = 0;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			if (P->col == 1 && depth == 0 && !P->ntok)
				P->blank_owner = 1;
			adv(P);
			continue;
		}
		if (c == ';') {
			while (P->at < P->len && P->p[P->at] != '\n')
				adv(P);
			continue;
		}
		if (c == '(') {
			if (depth++ == 0) {
				pline = P->line;
				pcol = P->col;
			}
			adv(P);
			continue;
		}
		if (c == ')') {
			if (depth == 0)
				return zerr_at(P, P->line, P->col, -EINVAL,
					       "')' without an opening '('");
			depth--;
			adv(P);
			continue;
		}
		if (P->ntok == MAX_TOKS)
			return zerr_at(P, P->line, P->col, -EINVAL,
				       "an entry of more than %d words", MAX_TOKS);
		t = &P->tok[P->ntok++];
		t->line = P->line;
		t->col = P->col;
		t->off = P->tb.len;
		t->quoted = c == '"';
		if (t->quoted) {
			adv(P);
			for (;;) {
				if (P->at >= P->len || P->p[P->at] == '\n')
					return zerr_at(P, t->line, t->col, -EINVAL,
						       "a quoted string that does not end on its line");
				c = P->p[P->at];
				if (c == '"') {
					adv(P);
					break;
				}
				if (c == '\\' && P->at + 1 < P->len &&
				    P->p[P->at + 1] != '\n') {
					hx_buf_putc(&P->tb, c);
					adv(P);
					c = P->p[P->at];
				}
				hx_buf_putc(&P->tb, c);
				adv(P);
			}
		} else {
			while (P->at < P->len) {
				c = P->p[P->at];
				if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
				    c == ';' || c == '(' || c == ')' || c == '"')
					break;
				if (c == '\\' && P->at + 1 < P->len &&
				    P->p[P->at + 1] != '\n') {
					hx_buf_putc(&P->tb, c);
					adv(P);
					c = P->p[P->at];
				}
				hx_buf_putc(&P->tb, c);
				adv(P);
			}
		}
		t->n = P->tb.len - t->off;
		hx_buf_putc(&P->tb, '\0');
		if (P->tb.oom)
			return zerr_at(P, P->line, P->col, -ENOMEM, "out of memory");
	}
	if (depth)
		return zerr_at(P, pline, pcol, -EINVAL,
			       "'(' is not closed before the end of the file");
	return P->ntok ? 1 : 0;
}

/* ---- values ------------------------------------------------------------------- */

/*
 * Unescapes one character of [s, s + n) at *i (\X, \DDD) into *c.
 * Returns 0, or -1 for a bad \DDD.
 */
static int unesc(const char *s, size_t n, size_t *i, uint8_t *c, int *escaped)
{
	*escaped = 0;
	if (s[*i] != '\\' || *i + 1 >= n) {
		*c = (uint8_t)s[(*i)++];
		return 0;
	}
	*escaped = 1;
	if (isdigit((unsigned char)s[*i + 1])) {
		unsigned v;

		if (*i + 3 >= n + 0 || !isdigit((unsigned char)s[*i + 2]) ||
		    !isdigit((unsigned char)s[*i + 3]))
			return -1;
		v = (unsigned)(s[*i + 1] - '0') * 100 + (unsigned)(s[*i + 2] - '0') * 10 +
		    (unsigned)(s[*i + 3] - '0');
		if (v > 255)
			return -1;
		*c = (uint8_t)v;
		*i += 4;
		return 0;
	}
	*c = (uint8_t)s[*i + 1];
	*i += 2;
	return 0;
}

/* A name written in the file, into wire form (out: 256 bytes). */
static int zname(struct zparser *P, const struct ztok *t, uint8_t *out)
{
	const char *s = ts(P, t);
	size_t n = t->n, i = 0, lab = 0, ol;
	int absolute = 0;

	if (t->quoted)
		return ZERR(P, t, "a name cannot be quoted: '\"%s\"'", s);
	if (n == 1 && s[0] == '@') {
		if (!P->has_origin)
			return ZERR(P, t, "'@' with no origin (write $ORIGIN first)");
		memcpy(out, P->origin, wire_len(P->origin));
		return 0;
	}
	if (n == 1 && s[0] == '.') {
		out[0] = 0;
		return 0;
	}
	/* lab: where the current label's length byte is. */
	out[0] = 0;
	while (i < n) {
		uint8_t c;
		int esc;

		if (s[i] == '.') {
			if (out[lab] == 0)
				return ZERR(P, t, "name '%s' has an empty label", s);
			absolute = i + 1 == n;
			lab += 1u + out[lab];
			out[lab] = 0;
			i++;
			continue;
		}
		if (unesc(s, n, &i, &c, &esc) < 0)
			return ZERR(P, t, "name '%s' has a bad \\DDD escape", s);
		if (out[lab] == 63)
			return ZERR(P, t, "a label of name '%s' is longer than 63 bytes", s);
		if (lab + 1u + out[lab] + 1u >= NAME_MAX_WIRE)
			return ZERR(P, t, "name '%s' is longer than 255 bytes", s);
		out[lab + 1u + out[lab]] = c;
		out[lab]++;
	}
	if (absolute)
		return 0;
	if (out[lab] == 0)
		return ZERR(P, t, "an empty name");
	lab += 1u + out[lab];
	if (!P->has_origin)
		return ZERR(P, t, "relative name '%s' with no origin (write $ORIGIN first, or end it with '.')",
			    s);
	ol = wire_len(P->origin);
	if (lab + ol > NAME_MAX_WIRE)
		return ZERR(P, t, "name '%s' is longer than 255 bytes with the origin", s);
	memcpy(out + lab, P->origin, ol);
	return 0;
}

/* A TTL: seconds, or BIND's units 1w2d3h4m5s. */
static int zttl(const char *s, uint32_t *out)
{
	unsigned long long total = 0, v;
	int units = 0, bare = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	while (*s) {
		unsigned long long mul;

		if (!isdigit((unsigned char)*s))
			return -1;
		v = 0;
		while (isdigit((unsigned char)*s)) {
			v = v * 10 + (unsigned)(*s++ - '0');
			if (v > TTL_MAX)
				return -1;
		}
		switch (tolower((unsigned char)*s)) {
		case '\0': mul = 1; bare = 1; break;
		case 's': mul = 1; s++; units = 1; break;
		case 'm': mul = 60; s++; units = 1; break;
		case 'h': mul = 3600; s++; units = 1; break;
		case 'd': mul = 86400; s++; units = 1; break;
		case 'w': mul = 604800; s++; units = 1; break;
		default: return -1;
		}
		if (bare && units)
			return -1; /* "1h30": a bare number after a unit */
		total += v * mul;
		if (total > TTL_MAX)
			return -1;
	}
	*out = (uint32_t)total;
	return 0;
}
static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* ---- records ----------------------------------------------------------------- */

static const char *type_name(uint16_t t)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (types[i].type == t)
			return types[i].name;
	return "?";
}

static int add_rr(struct zparser *P, const struct ztok *ot, const uint8_t *owner,
		  uint16_t type, uint32_t ttl, const uint8_t *rd, size_t rdlen)
{
	struct ns_zone *z = P->z;
	size_t ol = wire_len(owner), i;
	struct zrr *r;
	char name[1024];

	for (i = 0; i < z->n; i++) {
		if (!wire_eq(z->rr[i].owner, owner))
			continue;
		if ((type == T_CNAME) != (z->rr[i].type == T_CNAME) ||
		    (type == T_CNAME && z->rr[i].type == T_CNAME)) {
			wire_text(owner, name, sizeof(name));
			return ZERR(P, ot, "'%s' has a CNAME and other data (RFC 1034 3.6.2)",
				    name);
		}
	}
	if (z->n == z->cap) {
		size_t cap = z->cap ? z->cap * 2 : 32;

		r = realloc(z->rr, cap * sizeof(*r));
		if (!r)
			return zerr_at(P, ot->line, ot->col, -ENOMEM, "out of memory");
		z->rr = r;
		z->cap = cap;
	}
	r = &z->rr[z->n];
	r->owner = malloc(ol + rdlen + 1);
	if (!r->owner)
		return zerr_at(P, ot->line, ot->col, -ENOMEM, "out of memory");
	memcpy(r->owner, owner, ol);
	r->olen = ol;
	r->rdata = r->owner + ol;
	if (rdlen)
		memcpy(r->rdata, rd, rdlen);
	r->rdlen = (uint16_t)rdlen;
	r->type = type;
	r->ttl = ttl;
	z->n++;
	return 0;
}

/* The RDATA of one entry, tokens [i, P->ntok), into rd; *rdlen its length. */
static int zrdata(struct zparser *P, const struct ztok *tt, uint16_t type,
		  size_t i, uint8_t *rd, size_t *rdlen)
{
	size_t need = type == T_SOA ? 7 : type == T_MX ? 2 : 1, k, o = 0;
	const struct ztok *t = &P->tok[i];
	uint8_t w[NAME_MAX_WIRE + 1];
	int r;

	if (P->ntok - i < need && type != T_TXT)
		return ZERR(P, tt, "%s record needs %s", type_name(type),
			    type == T_A ? "an IPv4 address" :
			    type == T_AAAA ? "an IPv6 address" :
			    type == T_MX ? "a preference and a mail exchange's name" :
			    type == T_SOA ? "seven values: MNAME RNAME SERIAL REFRESH RETRY EXPIRE MINIMUM" :
			    "a name");
	if (type == T_TXT && P->ntok == i)
		return ZERR(P, tt, "TXT record needs at least one string");
	if (type != T_TXT && P->ntok - i > need)
		return ZERR(P, &P->tok[i + need], "extra word '%s' after the %s record's data",
			    ts(P, &P->tok[i + need]), type_name(type));
	switch (type) {
	case T_A:
		if (t->quoted || inet_pton(AF_INET, ts(P, t), rd) != 1)
			return ZERR(P, t, "'%s' is not an IPv4 address", ts(P, t));
		*rdlen = 4;
		return 0;
	case T_AAAA:
		if (t->quoted || inet_pton(AF_INET6, ts(P, t), rd) != 1)
			return ZERR(P, t, "'%s' is not an IPv6 address", ts(P, t));
		*rdlen = 16;
		return 0;
	case T_NS:
	case T_CNAME:
	case T_PTR:
		if ((r = zname(P, t, w)) < 0)
			return r;
		*rdlen = wire_len(w);
		memcpy(rd, w, *rdlen);
		return 0;
	case T_MX: {
		const char *s = ts(P, t);

		if (!is_number(s) || strlen(s) > 5 || atol(s) > 65535)
			return ZERR(P, t, "'%s' is not a preference (0-65535)", s);
		rd[0] = (uint8_t)(atol(s) >> 8);
		rd[1] = (uint8_t)atol(s);
		if ((r = zname(P, t + 1, w)) < 0)
			return r;
		memcpy(rd + 2, w, wire_len(w));
		*rdlen = 2 + wire_len(w);
		return 0;
	}
	case T_SOA:
		for (k = 0; k < 2; k++) {
			if ((r = zname(P, t + k, w)) < 0)
				return r;
			memcpy(rd + o, w, wire_len(w));
			o += wire_len(w);
		}
		for (k = 2; k < 7; k++) {
			const char *s = ts(P, t + k);
			uint32_t v;

			if (k == 2) {
				if (!is_number(s) || strlen(s) > 10 ||
				    strtoull(s, NULL, 10) > 4294967295ULL)
					return ZERR(P, t + k, "'%s' is not a serial number (0-4294967295)",
						    s);
				v = (uint32_t)strtoull(s, NULL, 10);
			} else if (zttl(s, &v) < 0) {
				return ZERR(P, t + k, "'%s' is not a time (seconds, or 1w2d3h4m5s)",
					    s);
			}
			rd[o++] = (uint8_t)(v >> 24);
			rd[o++] = (uint8_t)(v >> 16);
			rd[o++] = (uint8_t)(v >> 8);
			rd[o++] = (uint8_t)v;
		}
		*rdlen = o;
		return 0;
	case T_TXT:
		for (; i < P->ntok; i++) {
			const char *s = ts(P, &P->tok[i]);
			size_t n = P->tok[i].n, j = 0, l = 0, at = o++;

			while (j < n) {
				uint8_t c;
				int esc;

				if (unesc(s, n, &j, &c, &esc) < 0)
					return ZERR(P, &P->tok[i], "string '%s' has a bad \\DDD escape",
						    s);
				if (l == 255)
					return ZERR(P, &P->tok[i],
						    "a TXT string is longer than 255 bytes");
				if (o >= 65535)
					return ZERR(P, &P->tok[i], "TXT data longer than 65535 bytes");
				rd[o++] = c;
				l++;
			}
			rd[at] = (uint8_t)l;
		}
		*rdlen = o;
		return 0;
	}
	return ZERR(P, tt, "unknown type");
}

static int zdirective(struct zparser *P)
{
	const struct ztok *t = &P->tok[0];
	const char *d = ts(P, t);

	if (!strcasecmp(d, "$ORIGIN") || !strcasecmp(d, "$TTL")) {
		int org = !strcasecmp(d, "$ORIGIN");

		if (P->ntok < 2)
			return ZERR(P, t, "%s needs %s", d, org ? "a name" : "a TTL");
		if (P->ntok > 2)
			return ZERR(P, &P->tok[2], "extra word '%s' after %s", ts(P, &P->tok[2]),
				    d);
		if (org) {
			uint8_t w[NAME_MAX_WIRE + 1];
			int r = zname(P, &P->tok[1], w);

			if (r < 0)
				return r;
			memcpy(P->origin, w, wire_len(w));
			P->has_origin = 1;
			return 0;
		}
		if (zttl(ts(P, &P->tok[1]), &P->default_ttl) < 0)
			return ZERR(P, &P->tok[1], "'%s' is not a TTL (seconds, or 1w2d3h4m5s)",
				    ts(P, &P->tok[1]));
		P->has_ttl = 1;
		return 0;
	}
	if (!strcasecmp(d, "$INCLUDE"))
		return ZERR(P, t, "$INCLUDE is not supported: write the records here");
	return ZERR(P, t, "unknown directive '%s' ($ORIGIN, $TTL)", d);
}

static int zentry(struct zparser *P)
{
	uint8_t owner[NAME_MAX_WIRE + 1], rd[65536];
	const struct ztok *ot, *tt = NULL;
	size_t i = 0, rdlen = 0, depth;
	uint32_t ttl = 0;
	int has_ttl = 0, has_class = 0, r;
	uint16_t type = 0;
	char name[1024], apex[1024];

	if (ts(P, &P->tok[0])[0] == '$' && !P->tok[0].quoted && !P->blank_owner)
		return zdirective(P);
	ot = &P->tok[0];
	if (P->blank_owner) {
		if (!P->has_owner)
			return ZERR(P, ot, "the first record has no owner (it starts with a blank)");
		memcpy(owner, P->last_owner, wire_len(P->last_owner));
	} else {
		if ((r = zname(P, ot, owner)) < 0)
			return r;
		i = 1;
	}
	for (; i < P->ntok && !tt; i++) {
		const struct ztok *t = &P->tok[i];
		const char *s = ts(P, t);
		size_t k;

		if (t->quoted)
			return ZERR(P, t, "expected a TTL, a class or a type, got '\"%s\"'", s);
		if (isdigit((unsigned char)s[0])) {
			if (has_ttl)
				return ZERR(P, t, "second TTL '%s'", s);
			if (zttl(s, &ttl) < 0)
				return ZERR(P, t, "'%s' is not a TTL (seconds, or 1w2d3h4m5s)", s);
			has_ttl = 1;
			continue;
		}
		if (!strcasecmp(s, "IN")) {
			if (has_class)
				return ZERR(P, t, "second class 'IN'");
			has_class = 1;
			continue;
		}
		if (!strcasecmp(s, "CH") || !strcasecmp(s, "HS") || !strcasecmp(s, "CS"))
			return ZERR(P, t, "class '%s' is not supported (only IN)", s);
		for (k = 0; k < NTYPES; k++)
			if (!strcasecmp(s, types[k].name))
				break;
		if (k == NTYPES)
			return ZERR(P, t, "unknown record type '%s' (A, AAAA, NS, CNAME, MX, PTR, SOA, TXT)",
				    s);
		type = types[k].type;
		tt = t;
	}
	if (!tt)
		return ZERR(P, &P->tok[P->ntok - 1], "the record has no type");
	if (!has_ttl) {
		if (!P->has_ttl)
			return ZERR(P, ot, "the record has no TTL (write $TTL first, or a TTL in it)");
		ttl = P->default_ttl;
	} else if (!P->has_ttl) {
		/* RFC 1035 5.1: an omitted TTL is the last one written. */
		P->default_ttl = ttl;
		P->has_ttl = 1;
	}
	if ((r = zrdata(P, tt, type, i, rd, &rdlen)) < 0)
		return r;
	wire_text(owner, name, sizeof(name));
	if (P->z->n == 0) {
		if (type != T_SOA)
			return ZERR(P, tt, "the first record must be the zone's SOA, not %s",
				    type_name(type));
		snprintf(P->z->apex_text, sizeof(P->z->apex_text), "%s", name);
		P->soa_line = ot->line;
		P->soa_col = ot->col;
	} else {
		if (type == T_SOA)
			return ZERR(P, tt, "second SOA record (the first is at %u:%u)",
				    P->soa_line, P->soa_col);
		if (!wire_under(owner, P->z->rr[0].owner, &depth)) {
			wire_text(P->z->rr[0].owner, apex, sizeof(apex));
			return ZERR(P, P->blank_owner ? tt : ot,
				    "'%s' is outside the zone '%s'", name, apex);
		}
	}
	if ((r = add_rr(P, P->blank_owner ? tt : ot, owner, type, ttl, rd, rdlen)) < 0)
		return r;
	memcpy(P->last_owner, owner, wire_len(owner));
	P->has_owner = 1;
	return 0;
}

void ns_zone_free(struct ns_zone *z)
{
	size_t i;

	if (!z)
		return;
	for (i = 0; i < z->n; i++)
		free(z->rr[i].owner);
	free(z->rr);
	free(z);
}

int ns_zone_parse(char *err, const char *text, size_t len, const char *origin,
		  struct ns_zone **out, unsigned *line, unsigned *col)
{
	struct zparser *P;
	int r;

	*out = NULL;
	*line = *col = 1;
	P = calloc(1, sizeof(*P));
	if (!P)
		return hx_err(err, -ENOMEM, "out of memory");
	P->p = text;
	P->len = len;
	P->line = P->col = 1;
	P->err = err;
	hx_buf_init(&P->tb);
	P->z = calloc(1, sizeof(*P->z));
	if (!P->z) {
		free(P);
		return hx_err(err, -ENOMEM, "out of memory");
	}
	r = 0;
	if (origin && *origin) {
		struct ztok t = { 0, strlen(origin), 1, 1, 0 };
		char *o = malloc(t.n + 2);

		if (!o) {
			r = zerr_at(P, 1, 1, -ENOMEM, "out of memory");
		} else {
			memcpy(o, origin, t.n);
			if (origin[t.n - 1] != '.')
				o[t.n++] = '.';
			o[t.n] = '\0';
			hx_buf_put(&P->tb, o, t.n + 1);
			free(o);
			r = zname(P, &t, P->origin);
			if (r < 0)
				snprintf(err, HX_ERRLEN, "bad origin '%s'", origin);
			P->has_origin = r == 0;
		}
	}
	while (r == 0 && (r = next_entry(P)) > 0)
		r = zentry(P);
	if (r == 0 && P->z->n == 0)
		r = zerr_at(P, P->line, P->col, -EINVAL, "the zone has no records (its SOA first)");
	hx_buf_release(&P->tb);
	if (r < 0) {
		*line = P->eline;
		*col = P->ecol;
		ns_zone_free(P->z);
		free(P);
		return r;
	}
	*out = P->z;
	free(P);
	return 0;
}

size_t ns_zone_count(const struct ns_zone *z)
{
	return z->n;
}

const char *ns_zone_apex(const struct ns_zone *z)
{
	return z->apex_text;
}

/* ---- answering ------------------------------------------------------------------ */

#define MSG_MAX 65535
#define CMP_MAX 512

/* A message being written, with the offsets compression may point to. */
struct wmsg {
	uint8_t *p;
	size_t len;
	int over;		/* it would have been longer than MSG_MAX */
	uint16_t cmp[CMP_MAX];	/* where a label was written (< 0x4000) */
	size_t ncmp;
};

static void w8(struct wmsg *m, uint8_t v)
{
	if (m->len >= MSG_MAX) {
		m->over = 1;
		return;
	}
	m->p[m->len++] = v;
}

static void w16(struct wmsg *m, unsigned v)
{
	w8(m, (uint8_t)(v >> 8));
	w8(m, (uint8_t)v);
}

static void w32(struct wmsg *m, uint32_t v)
{
	w16(m, v >> 16);
	w16(m, v & 0xffff);
}

/* 1 when the name at message offset off equals the wire name w. */
static int msg_name_eq(const struct wmsg *m, size_t off, const uint8_t *w)
{
	int jumps = 0;

	for (;;) {
		uint8_t l;

		if (off >= m->len)
			return 0;
		l = m->p[off];
		if ((l & 0xc0) == 0xc0) {
			if (off + 1 >= m->len || ++jumps > 64)
				return 0;
			off = (size_t)(l & 0x3f) << 8 | m->p[off + 1];
			continue;
		}
		if (l != *w || off + 1 + l > m->len || !label_eq(m->p + off + 1, w + 1, l))
			return 0;
		if (!l)
			return 1;
		off += 1u + l;
		w += 1u + l;
	}
}

/* Writes a name, compressed against every name written before. */
static void wname(struct wmsg *m, const uint8_t *w)
{
	size_t i;

	while (*w) {
		for (i = 0; i < m->ncmp; i++)
			if (msg_name_eq(m, m->cmp[i], w)) {
				w16(m, 0xc000u | m->cmp[i]);
				return;
			}
		if (m->len < 0x4000 && m->ncmp < CMP_MAX)
			m->cmp[m->ncmp++] = (uint16_t)m->len;
		for (i = 0; i <= *w; i++)
			w8(m, w[i]);
		w += 1u + *w;
	}
	w8(m, 0);
}

/* Back to an earlier length: the compression offsets after it go too. */
static void wrewind(struct wmsg *m, size_t len)
{
	m->len = len;
	while (m->ncmp && m->cmp[m->ncmp - 1] >= len)
		m->ncmp--;
	m->over = 0;
}

static void wrr(struct wmsg *m, const struct zrr *r, uint32_t ttl)
{
	size_t at;
	const uint8_t *d = r->rdata;

	wname(m, r->owner);
	w16(m, r->type);
	w16(m, C_IN);
	w32(m, ttl);
	at = m->len;
	w16(m, 0);
	switch (r->type) {
	case T_NS:
	case T_CNAME:
	case T_PTR:
		wname(m, d);
		break;
	case T_MX:
		w8(m, d[0]);
		w8(m, d[1]);
		wname(m, d + 2);
		break;
	case T_SOA: {
		size_t a = wire_len(d), b = wire_len(d + a), i;

		wname(m, d);
		wname(m, d + a);
		for (i = 0; i < 20; i++)
			w8(m, d[a + b + i]);
		break;
	}
	default: {
		size_t i;

		for (i = 0; i < r->rdlen; i++)
			w8(m, d[i]);
	}
	}
	if (!m->over) {
		size_t n = m->len - at - 2;

		m->p[at] = (uint8_t)(n >> 8);
		m->p[at + 1] = (uint8_t)n;
	}
}

/* The name an NS, CNAME, PTR or MX record points to, or NULL. */
static const uint8_t *target(const struct zrr *r)
{
	if (r->type == T_NS || r->type == T_CNAME || r->type == T_PTR)
		return r->rdata;
	if (r->type == T_MX)
		return r->rdata + 2;
	return NULL;
}

static uint32_t soa_minimum(const struct zrr *soa)
{
	size_t a = wire_len(soa->rdata), b = wire_len(soa->rdata + a);
	const uint8_t *p = soa->rdata + a + b + 16;

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A list of records chosen for a section. */
struct pick {
	size_t v[256];
	size_t n;
};

static int picked(const struct pick *p, size_t i)
{
	size_t k;

	for (k = 0; k < p->n; k++)
		if (p->v[k] == i)
			return 1;
	return 0;
}

static void pick_add(struct pick *p, size_t i)
{
	if (p->n < sizeof(p->v) / sizeof(p->v[0]) && !picked(p, i))
		p->v[p->n++] = i;
}

enum { RC_OK = 0, RC_FORMERR = 1, RC_SERVFAIL = 2, RC_NXDOMAIN = 3, RC_NOTIMP = 4,
       RC_REFUSED = 5 };

/* Writes the RRsets of p[from..) one set (owner and type) at a time while
 * they fit; returns how many records were written. */
static unsigned wsection(struct wmsg *m, const struct ns_zone *z, const struct pick *p,
			 size_t max, int all_or_none)
{
	unsigned n = 0;
	size_t k = 0, mark = m->len;

	while (k < p->n) {
		size_t set = m->len, e = k;
		const struct zrr *a = &z->rr[p->v[k]];

		while (e < p->n && z->rr[p->v[e]].type == a->type &&
		       wire_eq(z->rr[p->v[e]].owner, a->owner)) {
			wrr(m, &z->rr[p->v[e]], z->rr[p->v[e]].ttl);
			e++;
		}
		if (m->over || m->len > max) {
			wrewind(m, all_or_none ? mark : set);
			return all_or_none ? 0 : n;
		}
		n += (unsigned)(e - k);
		k = e;
	}
	return n;
}

int ns_zone_answer(const struct ns_zone *z, const struct ns_zone_cfg *cfg,
		   const uint8_t *q, size_t n, size_t max, struct hx_buf *out)
{
	static const struct ns_zone_cfg dflt;
	struct wmsg *m;
	struct pick an, ns, ar;
	uint8_t qname[NAME_MAX_WIRE + 1], cur[NAME_MAX_WIRE + 1];
	size_t at = 12, o = 0, i, qend;
	unsigned flags, rcode = RC_OK, nan = 0, nns = 0, nar = 0, tc = 0;
	uint16_t qtype = 0, qclass = 0;
	const struct zrr *soa = &z->rr[0];
	int chain, negative = 0;

	if (!cfg)
		cfg = &dflt;
	if (n < 12 || (q[2] & 0x80))
		return -EBADMSG;
	if (max > MSG_MAX)
		max = MSG_MAX;
	if (max < 12)
		max = 12;
	m = malloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->p = malloc(MSG_MAX);
	if (!m->p) {
		free(m);
		return -ENOMEM;
	}
	m->len = 0;
	m->over = 0;
	m->ncmp = 0;
	an.n = ns.n = ar.n = 0;
	flags = (unsigned)(q[2] & 0x79) << 8; /* opcode and RD */
	if (((q[2] >> 3) & 0xf) != 0)
		rcode = RC_NOTIMP;
	else if ((q[4] << 8 | q[5]) != 1)
		rcode = RC_FORMERR;
	/* The question: labels only (RFC 1035 4.1.4 allows no earlier name). */
	while (rcode == RC_OK) {
		uint8_t l;

		if (at >= n || (q[at] & 0xc0) || at + 1u + q[at] > n ||
		    o + 1u + q[at] > NAME_MAX_WIRE) {
			rcode = RC_FORMERR;
			break;
		}
		l = q[at];
		memcpy(qname + o, q + at, 1u + l);
		o += 1u + l;
		at += 1u + l;
		if (!l)
			break;
	}
	qend = at + 4;
	if (rcode == RC_OK && qend > n)
		rcode = RC_FORMERR;
	w16(m, (unsigned)(q[0] << 8 | q[1]));
	w16(m, 0);
	w16(m, rcode == RC_OK ? 1 : 0);
	w16(m, 0);
	w16(m, 0);
	w16(m, 0);
	if (rcode == RC_OK) {
		qtype = (uint16_t)(q[at] << 8 | q[at + 1]);
		qclass = (uint16_t)(q[at + 2] << 8 | q[at + 3]);
		wname(m, qname);
		w16(m, qtype);
		w16(m, qclass);
		if (qclass != C_IN && qclass != T_ANY)
			rcode = RC_REFUSED;
		else if (!wire_under(qname, soa->owner, NULL))
			rcode = RC_REFUSED;
	}
	if (rcode == RC_OK) {
		memcpy(cur, qname, wire_len(qname));
		for (chain = 0; chain < CHAIN_MAX; chain++) {
			const struct zrr *cn = NULL;
			int exists = 0, below = 0;
			size_t got = an.n;

			for (i = 0; i < z->n; i++) {
				size_t d;

				if (wire_eq(z->rr[i].owner, cur)) {
					exists = 1;
					if (z->rr[i].type == T_CNAME)
						cn = &z->rr[i];
				} else if (wire_under(z->rr[i].owner, cur, &d) && d > 0) {
					below = 1;
				}
			}
			if (!exists) {
				/* No such name; or an empty non-terminal, a
				 * name without records of its own but with
				 * names below it: no data (RFC 8020). */
				if (!below)
					rcode = RC_NXDOMAIN;
				negative = 1;
				break;
			}
			if (cn && qtype != T_CNAME && qtype != T_ANY) {
				pick_add(&an, (size_t)(cn - z->rr));
				memcpy(cur, cn->rdata, wire_len(cn->rdata));
				if (!wire_under(cur, soa->owner, NULL))
					break;
				continue;
			}
			for (i = 0; i < z->n; i++)
				if (wire_eq(z->rr[i].owner, cur) &&
				    (z->rr[i].type == qtype || qtype == T_ANY))
					pick_add(&an, i);
			if (an.n == got)
				negative = 1;
			break;
		}
	}
	if (rcode == RC_OK || rcode == RC_NXDOMAIN) {
		/* Answers grouped by owner and type, as they were found. */
		/* An answer that does not fit leaves the header and the
		 * question, with TC. */
		nan = wsection(m, z, &an, max, 1);
		tc = an.n && nan == 0;
	}
	if (tc) {
		/* nothing more: the header and the question */
	} else if (negative) {
		uint32_t ttl = soa->ttl < soa_minimum(soa) ? soa->ttl : soa_minimum(soa);
		size_t mark = m->len;

		wrr(m, soa, ttl); /* RFC 2308 3: the SOA's TTL, at most MINIMUM */
		if (m->over || m->len > max)
			wrewind(m, mark);
		else
			nns = 1;
	} else if (rcode == RC_OK && an.n && !cfg->minimal) {
		int ns_answered = 0;

		for (i = 0; i < an.n; i++)
			if (z->rr[an.v[i]].type == T_NS &&
			    wire_eq(z->rr[an.v[i]].owner, soa->owner))
				ns_answered = 1;
		if (!ns_answered)
			for (i = 0; i < z->n; i++)
				if (z->rr[i].type == T_NS && wire_eq(z->rr[i].owner, soa->owner))
					pick_add(&ns, i);
		nns = wsection(m, z, &ns, max, 1);
		if (nns || ns_answered) {
			/* The addresses of the names the answer and authority
			 * point to: A first, then AAAA, of each name in turn. */
			const struct pick *src[2] = { &an, &ns };
			int s;

			for (s = 0; s < 2; s++)
				for (i = 0; i < src[s]->n; i++) {
					const struct zrr *r = &z->rr[src[s]->v[i]];
					const uint8_t *t = target(r);
					uint16_t want[2] = { T_A, T_AAAA };
					size_t k, j;

					if (!t || r->type == T_CNAME || r->type == T_PTR)
						continue;
					for (k = 0; k < 2; k++)
						for (j = 0; j < z->n; j++)
							if (z->rr[j].type == want[k] &&
							    wire_eq(z->rr[j].owner, t) &&
							    !picked(&an, j))
								pick_add(&ar, j);
				}
			nar = wsection(m, z, &ar, max, 0);
		}
	}
	if (rcode == RC_OK || rcode == RC_NXDOMAIN)
		flags |= cfg->cache ? 0 : 0x0400u;
	flags |= 0x8000u | (tc ? 0x0200u : 0) | (cfg->ra ? 0x0080u : 0) | rcode;
	m->p[2] = (uint8_t)(flags >> 8);
	m->p[3] = (uint8_t)flags;
	m->p[6] = (uint8_t)(nan >> 8);
	m->p[7] = (uint8_t)nan;
	m->p[8] = (uint8_t)(nns >> 8);
	m->p[9] = (uint8_t)nns;
	m->p[10] = (uint8_t)(nar >> 8);
	m->p[11] = (uint8_t)nar;
	i = m->len;
	hx_buf_put(out, m->p, m->len);
	free(m->p);
	free(m);
	if (out->oom)
		return -ENOMEM;
	return (int)i;
}
