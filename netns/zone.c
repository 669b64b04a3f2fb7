/* zone.c: a DNS master file (RFC 1035 5) read into a zone; zone-answer.c answers from it. */
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
#include "netns/zone-int.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	uint16_t type;
} types[] = {
	{ "A", T_A }, { "NS", T_NS }, { "CNAME", T_CNAME }, { "SOA", T_SOA },
	{ "PTR", T_PTR }, { "MX", T_MX }, { "TXT", T_TXT }, { "AAAA", T_AAAA },
};

#define NTYPES (sizeof(types) / sizeof(types[0]))

/* ---- names in wire form ---------------------------------------------------- */

size_t ns_zwire_len(const uint8_t *w)
{
	size_t n = 0;

	while (w[n])
		n += 1u + w[n];
	return n + 1;
}

int ns_zlabel_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tolower(a[i]) != tolower(b[i]))
			return 0;
	return 1;
}

int ns_zwire_eq(const uint8_t *a, const uint8_t *b)
{
	for (;;) {
		if (*a != *b || !ns_zlabel_eq(a + 1, b + 1, *a))
			return 0;
		if (!*a)
			return 1;
		a += 1u + *a;
		b += 1u + *b;
	}
}

size_t ns_zwire_labels(const uint8_t *w)
{
	size_t k = 0;

	for (; *w; w += 1u + *w)
		k++;
	return k;
}

/* 1 when name is at or below apex; *depth is how many labels lie above it. */
int ns_zwire_under(const uint8_t *name, const uint8_t *apex, size_t *depth)
{
	size_t nl = ns_zwire_labels(name), al = ns_zwire_labels(apex), i;

	if (nl < al)
		return 0;
	for (i = 0; i < nl - al; i++)
		name += 1u + *name;
	if (depth)
		*depth = nl - al;
	return ns_zwire_eq(name, apex);
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
	char msg[HX_ERRLEN];
	va_list ap;

	if (P->err) {
		/* quoted: a word of the file may hold any byte (hx.h) */
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		hx_quote(P->err, HX_ERRLEN, msg);
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
		memcpy(out, P->origin, ns_zwire_len(P->origin));
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
	ol = ns_zwire_len(P->origin);
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
	size_t ol = ns_zwire_len(owner), i;
	struct zrr *r;
	char name[1024];

	for (i = 0; i < z->n; i++) {
		if (!ns_zwire_eq(z->rr[i].owner, owner))
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
		*rdlen = ns_zwire_len(w);
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
		memcpy(rd + 2, w, ns_zwire_len(w));
		*rdlen = 2 + ns_zwire_len(w);
		return 0;
	}
	case T_SOA:
		for (k = 0; k < 2; k++) {
			if ((r = zname(P, t + k, w)) < 0)
				return r;
			memcpy(rd + o, w, ns_zwire_len(w));
			o += ns_zwire_len(w);
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
			memcpy(P->origin, w, ns_zwire_len(w));
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
		memcpy(owner, P->last_owner, ns_zwire_len(P->last_owner));
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
		if (!ns_zwire_under(owner, P->z->rr[0].owner, &depth)) {
			wire_text(P->z->rr[0].owner, apex, sizeof(apex));
			return ZERR(P, P->blank_owner ? tt : ot,
				    "'%s' is outside the zone '%s'", name, apex);
		}
	}
	if ((r = add_rr(P, P->blank_owner ? tt : ot, owner, type, ttl, rd, rdlen)) < 0)
		return r;
	memcpy(P->last_owner, owner, ns_zwire_len(owner));
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
				hx_err(err, r, "bad origin '%s'", origin);
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

