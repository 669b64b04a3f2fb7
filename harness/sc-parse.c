/* sc-parse.c: scenario statements into the syntax tree of sc.h (syntax and value ranges; names are sc-check.c's). */
#define _GNU_SOURCE 1 /* memmem */
#include "harness/sc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "harness/sc-lex.h"
#include "harness/sc-match.h"

#define MAX_WORDS 4096

enum stmt_class { C_HEAD, C_TOPO, C_STEP, C_EXPECT };

struct sc_parser {
	struct sc_lex lx;
	char *err;
	const char *file;
	struct sc_scenario *sc;
	struct sc_word kw;    /* the statement's keyword */
	struct sc_word *w;    /* the words after it (all statements but expect) */
	size_t nw, capw;
	char *label;	      /* `LABEL:` before a step, or NULL */
	struct sc_pos labelpos;
	size_t stmt_off;      /* where the statement starts, for its text */
	unsigned stmt_line;
	int seen_step, seen_expect;
	struct sc_pos scenario_pos, title_pos, timeout_pos;
	int have_scenario, have_title, have_timeout, have_seed;
};

/* ---- small helpers --------------------------------------------------- */

static int oom(struct sc_parser *P)
{
	return hx_err(P->err, -ENOMEM, "%s: out of memory", P->file);
}

static int errw(struct sc_parser *P, const struct sc_word *w, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int errw(struct sc_parser *P, const struct sc_word *w, const char *fmt, ...)
{
	char msg[HX_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sc_errat(P->err, P->file, w->pos, "%s", msg);
}

/* Grows *arr by one zeroed element of size sz; returns it or NULL. */
static void *push(void *arrp, size_t *n, size_t sz)
{
	void **arr = arrp;
	char *na = realloc(*arr, (*n + 1) * sz);

	if (!na)
		return NULL;
	*arr = na;
	memset(na + *n * sz, 0, sz);
	return na + (*n)++ * sz;
}

static char *xdup(struct sc_parser *P, const char *s)
{
	char *d = strdup(s);

	if (!d)
		oom(P);
	return d;
}

static int is(const struct sc_word *w, const char *s)
{
	return !w->quoted && !strcmp(w->s, s);
}

/* A word past the end: errors point just after the last word. */
static struct sc_word *word_or_end(struct sc_parser *P, size_t i, struct sc_word *tmp)
{
	const struct sc_word *last;

	if (i < P->nw)
		return &P->w[i];
	last = P->nw ? &P->w[P->nw - 1] : &P->kw;
	memset(tmp, 0, sizeof(*tmp));
	tmp->s = (char *)"";
	tmp->pos = last->pos;
	tmp->pos.col += (unsigned)strlen(last->s) + 1;
	return tmp;
}

static int missing(struct sc_parser *P, size_t i, const char *what, const char *usage)
{
	struct sc_word tmp;

	return errw(P, word_or_end(P, i, &tmp), "missing %s; usage: %s", what,
		    usage);
}

static int extra(struct sc_parser *P, size_t i, const char *usage)
{
	return errw(P, &P->w[i], "unexpected '%s'; usage: %s", P->w[i].s, usage);
}

/* A name: a letter, then letters, digits, '_' and '-'. */
static int valid_name(const char *s, size_t max)
{
	size_t i, n = strlen(s);

	if (!n || n > max || !isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

static int parse_ll(const char *s, long long *out)
{
	char *e;

	if (!*s || (!isdigit((unsigned char)*s) && *s != '-'))
		return -1;
	errno = 0;
	*out = strtoll(s, &e, 10);
	return (*e || errno) ? -1 : 0;
}

/* A whole number within [min, max] named what. */
static int num(struct sc_parser *P, const struct sc_word *w, const char *what,
	       long long min, long long max, long long *out)
{
	if (parse_ll(w->s, out) < 0)
		return errw(P, w, "expected a number for %s, got '%s'", what, w->s);
	if (*out < min || *out > max)
		return errw(P, w, "%s %lld is out of range (%lld-%lld)", what, *out,
			    min, max);
	return 0;
}

static int port(struct sc_parser *P, const struct sc_word *w, int *out)
{
	long long v;
	int r = num(P, w, "port", 1, 65535, &v);

	*out = (int)v;
	return r;
}

int sc_parse_duration(const char *s, sc_usec *out)
{
	static const struct {
		const char *u;
		double mult;
	} units[] = { { "us", 1 }, { "ms", 1e3 }, { "s", 1e6 }, { "m", 60e6 },
		      { "h", 3600e6 } };
	char *e;
	double v;
	size_t i;

	if (!isdigit((unsigned char)*s) && *s != '.')
		return -EINVAL;
	errno = 0;
	v = strtod(s, &e);
	if (errno || e == s || !isfinite(v) || v < 0)
		return -EINVAL;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(e, units[i].u)) {
			if (v * units[i].mult > 1e15)
				return -EINVAL;
			*out = (sc_usec)(v * units[i].mult + 0.5);
			return 0;
		}
	return -EINVAL;
}

const char *sc_duration_str(sc_usec d, char *buf, size_t len)
{
	if (d % 1000000 == 0)
		snprintf(buf, len, "%llds", (long long)(d / 1000000));
	else if (d >= 1000000)
		snprintf(buf, len, "%.3gs", (double)d / 1e6);
	else if (d % 1000 == 0)
		snprintf(buf, len, "%lldms", (long long)(d / 1000));
	else if (d >= 1000)
		snprintf(buf, len, "%.4gms", (double)d / 1e3);
	else
		snprintf(buf, len, "%lldus", (long long)d);
	return buf;
}

/* A duration within (0, max]. */
static int dur(struct sc_parser *P, const struct sc_word *w, const char *what,
	       sc_usec max, sc_usec *out)
{
	char b[32];

	if (sc_parse_duration(w->s, out) < 0) {
		if (parse_ll(w->s, &(long long){ 0 }) == 0)
			return errw(P, w, "%s '%s' needs a unit (us, ms, s, m)", what,
				    w->s);
		return errw(P, w, "expected a duration for %s (1s, 200ms), got '%s'",
			    what, w->s);
	}
	if (*out <= 0)
		return errw(P, w, "%s must be longer than 0", what);
	if (*out > max)
		return errw(P, w, "%s %s is longer than %s", what, w->s,
			    sc_duration_str(max, b, sizeof(b)));
	return 0;
}

#define HOUR ((sc_usec)3600 * 1000000)

/* A size: digits, optionally k, M or G (powers of 1000, as tcpdump's -C). */
static int size_of(const char *s, long long *out)
{
	char *e;
	long long v, m = 1;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &e, 10);
	if (errno)
		return -1;
	if (!strcmp(e, "k") || !strcmp(e, "K"))
		m = 1000;
	else if (!strcmp(e, "M"))
		m = 1000000;
	else if (!strcmp(e, "G"))
		m = 1000000000;
	else if (*e)
		return -1;
	if (v > (1LL << 50) / m)
		return -1;
	*out = v * m;
	return 0;
}

static int inaddr(const char *s, struct sc_inaddr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->a) == 1) {
		a->af = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, a->a) == 1) {
		a->af = AF_INET6;
		return 0;
	}
	return -1;
}

/* ADDR/PLEN */
static int prefix(struct sc_parser *P, const struct sc_word *w, struct sc_inaddr *a,
		  int *plen)
{
	char tmp[128];
	char *slash;
	long long v;

	snprintf(tmp, sizeof(tmp), "%s", w->s);
	slash = strchr(tmp, '/');
	if (slash)
		*slash = '\0';
	if (inaddr(tmp, a) < 0)
		return errw(P, w, "'%s' is not an IPv4 or IPv6 address", tmp);
	if (!slash)
		return errw(P, w, "address '%s' needs a prefix length (%s/%d)", tmp,
			    tmp, a->af == AF_INET ? 24 : 64);
	if (parse_ll(slash + 1, &v) < 0 || v < 0 || v > (a->af == AF_INET ? 32 : 128))
		return errw(P, w, "prefix length '%s' is out of range (0-%d)",
			    slash + 1, a->af == AF_INET ? 32 : 128);
	*plen = (int)v;
	return 0;
}

static int mac(struct sc_parser *P, const struct sc_word *w, uint8_t m[6])
{
	unsigned v[6];
	char c;
	int i;

	if (strlen(w->s) != 17 ||
	    sscanf(w->s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3],
		   &v[4], &v[5], &c) != 6)
		return errw(P, w, "'%s' is not a MAC address (02:00:00:00:00:01)",
			    w->s);
	for (i = 0; i < 6; i++)
		m[i] = (uint8_t)v[i];
	if (m[0] & 1)
		return errw(P, w, "MAC '%s' is a multicast address: an interface needs a unicast one",
			    w->s);
	return 0;
}

/*
 * What the kernel takes as an interface name (no '/', no blank, not "."
 * or "..") that a shell and a terminal show as typed: printable ASCII.
 */
static int valid_ifname(const char *s)
{
	const char *p;

	if (!strcmp(s, ".") || !strcmp(s, ".."))
		return 0;
	for (p = s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '/' || *p == '%')
			return 0;
	return 1;
}

/* HOST:IF */
static int ifref(struct sc_parser *P, const struct sc_word *w, struct sc_ifref *r)
{
	const char *colon = strchr(w->s, ':');

	if (!colon || colon == w->s || !colon[1] || strchr(colon + 1, ':'))
		return errw(P, w, "expected HOST:INTERFACE, got '%s'", w->s);
	r->hostname = strndup(w->s, (size_t)(colon - w->s));
	r->ifname = strdup(colon + 1);
	r->pos = w->pos;
	r->host = SC_NONE;
	if (!r->hostname || !r->ifname)
		return oom(P);
	if (strlen(r->ifname) > 15)
		return sc_errat(P->err, P->file,
				(struct sc_pos){ w->pos.line,
						 w->pos.col + (unsigned)(colon - w->s) + 1 },
				"interface name '%s' is longer than 15 bytes", r->ifname);
	if (!valid_ifname(r->ifname))
		return errw(P, w, "'%s' is not a valid interface name", r->ifname);
	return 0;
}

static int hostword(struct sc_parser *P, const struct sc_word *w, char **name,
		    struct sc_pos *pos)
{
	if (!valid_name(w->s, 31))
		return errw(P, w, "'%s' is not a host name", w->s);
	*name = xdup(P, w->s);
	*pos = w->pos;
	return *name ? 0 : -ENOMEM;
}

/* Data: "text" | hex HEX | N bytes | word. Returns the words used, or < 0. */
static int data(struct sc_parser *P, size_t i, struct sc_data *d, const char *usage)
{
	const struct sc_word *w;
	long long n;

	if (i >= P->nw)
		return missing(P, i, "data", usage);
	w = &P->w[i];
	if (is(w, "hex")) {
		const struct sc_word *h;
		size_t k, len;

		if (i + 1 >= P->nw)
			return missing(P, i + 1, "hex digits", usage);
		h = &P->w[i + 1];
		len = strlen(h->s);
		if (!len || len % 2)
			return errw(P, h, "'%s' is not an even number of hex digits", h->s);
		d->bytes = malloc(len / 2 + 1);
		if (!d->bytes)
			return oom(P);
		for (k = 0; k < len; k += 2) {
			unsigned v;

			if (!isxdigit((unsigned char)h->s[k]) ||
			    !isxdigit((unsigned char)h->s[k + 1]) ||
			    sscanf(h->s + k, "%2x", &v) != 1)
				return errw(P, h, "'%s' is not hex", h->s);
			d->bytes[k / 2] = (uint8_t)v;
		}
		d->len = len / 2;
		return 2;
	}
	if (!w->quoted && i + 1 < P->nw && is(&P->w[i + 1], "bytes")) {
		if (size_of(w->s, &n) < 0 || n <= 0 || n > (1LL << 32))
			return errw(P, w, "'%s' is not a byte count (1 to 4G)", w->s);
		d->len = (size_t)n;
		return 2;
	}
	d->bytes = malloc(w->len + 1);
	if (!d->bytes)
		return oom(P);
	memcpy(d->bytes, w->s, w->len + 1);
	d->len = w->len;
	return 1;
}

/* N | OP N | OPN | A..B. Returns the words used, or < 0. */
static int numcond(struct sc_parser *P, size_t i, struct sc_num_cond *c,
		   const char *what, int sizes, const char *usage)
{
	static const struct {
		const char *s;
		enum sc_cmp op;
	} ops[] = { { ">=", SC_GE }, { "<=", SC_LE }, { "!=", SC_NE },
		    { "==", SC_EQ }, { ">", SC_GT }, { "<", SC_LT } };
	const struct sc_word *w;
	const char *s, *dots;
	size_t k;
	int used = 1;

	if (i >= P->nw)
		return missing(P, i, what, usage);
	w = &P->w[i];
	s = w->s;
	c->op = SC_EQ;
	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (!strncmp(s, ops[k].s, strlen(ops[k].s))) {
			c->op = ops[k].op;
			s += strlen(ops[k].s);
			break;
		}
	if (k < sizeof(ops) / sizeof(ops[0]) && !*s) {
		if (i + 1 >= P->nw)
			return missing(P, i + 1, what, usage);
		w = &P->w[i + 1];
		s = w->s;
		used = 2;
	}
	dots = c->op == SC_EQ ? strstr(s, "..") : NULL;
	if (dots) {
		char a[64];
		long long lo, hi;

		snprintf(a, sizeof(a), "%.*s", (int)(dots - s), s);
		if ((sizes ? size_of(a, &lo) : parse_ll(a, &lo)) < 0 ||
		    (sizes ? size_of(dots + 2, &hi) : parse_ll(dots + 2, &hi)) < 0)
			return errw(P, w, "expected a range of numbers for %s (2..5), got '%s'",
				    what, w->s);
		if (lo > hi)
			return errw(P, w, "range '%s' is empty", w->s);
		c->op = SC_RANGE;
		c->a = lo;
		c->b = hi;
		return used;
	}
	if ((sizes ? size_of(s, &c->a) : parse_ll(s, &c->a)) < 0)
		return errw(P, w, "expected a number for %s, got '%s'", what, w->s);
	if (c->a < 0)
		return errw(P, w, "%s cannot be negative", what);
	return used;
}

/* within N% | within D */
static int tolerance(struct sc_parser *P, const struct sc_word *w, int *pct,
		     sc_usec *abs)
{
	size_t n = strlen(w->s);
	long long v;

	if (n > 1 && w->s[n - 1] == '%') {
		char tmp[32];

		snprintf(tmp, sizeof(tmp), "%.*s", (int)(n - 1), w->s);
		if (parse_ll(tmp, &v) < 0 || v < 0 || v > 100)
			return errw(P, w, "tolerance '%s' is out of range (0%%-100%%)", w->s);
		*pct = (int)v;
		*abs = 0;
		return 0;
	}
	*pct = -1;
	if (sc_parse_duration(w->s, abs) < 0)
		return errw(P, w, "expected a tolerance (20%% or 100ms), got '%s'", w->s);
	return 0;
}

/* ---- the header and the topology ------------------------------------- */

static int p_scenario(struct sc_parser *P)
{
	const char *u = "scenario NAME";

	if (P->have_scenario)
		return errw(P, &P->kw, "second 'scenario' statement (the first is on line %u)",
			    P->scenario_pos.line);
	if (P->nw < 1)
		return missing(P, 0, "the scenario's name", u);
	if (P->nw > 1)
		return extra(P, 1, u);
	if (!valid_name(P->w[0].s, 64))
		return errw(P, &P->w[0], "'%s' is not a scenario name (letters, digits, '-', '_')",
			    P->w[0].s);
	P->have_scenario = 1;
	P->scenario_pos = P->kw.pos;
	P->sc->name_pos = P->w[0].pos;
	P->sc->name = xdup(P, P->w[0].s);
	return P->sc->name ? 0 : -ENOMEM;
}

/*
 * The rest of the line as free text (apostrophes and all), up to a comment
 * (a '#' after a blank). Returns 1 with *out allocated, 0 when empty.
 */
static int free_text(struct sc_parser *P, char **out)
{
	struct sc_word w;
	char *h;
	int r;

	*out = NULL;
	r = sc_lex_rest(&P->lx, &w);
	if (r <= 0)
		return r < 0 ? oom(P) : 0;
	for (h = w.s; (h = strchr(h, '#')); h++)
		if (h > w.s && (h[-1] == ' ' || h[-1] == '\t')) {
			*h = '\0';
			break;
		}
	h = w.s + strlen(w.s);
	while (h > w.s && (h[-1] == ' ' || h[-1] == '\t'))
		*--h = '\0';
	if (!*w.s) {
		sc_word_free(&w);
		return 0;
	}
	*out = w.s;
	return 1;
}

static int p_title(struct sc_parser *P)
{
	int r;

	if (P->have_title)
		return errw(P, &P->kw, "second 'title' statement (the first is on line %u)",
			    P->title_pos.line);
	if ((r = free_text(P, &P->sc->title)) < 0)
		return r;
	if (r == 0)
		return missing(P, 0, "the title", "title TEXT");
	P->have_title = 1;
	P->title_pos = P->kw.pos;
	return 0;
}

static int p_seed(struct sc_parser *P)
{
	int r;

	if (P->have_seed)
		return errw(P, &P->kw, "second 'seed' statement");
	if ((r = free_text(P, &P->sc->seed)) < 0)
		return r;
	if (r == 0)
		return missing(P, 0, "the seed file and section", "seed 000 §3.1");
	P->have_seed = 1;
	return 0;
}

static int p_timeout(struct sc_parser *P)
{
	if (P->have_timeout)
		return errw(P, &P->kw, "second 'timeout' statement (the first is on line %u)",
			    P->timeout_pos.line);
	if (P->nw < 1)
		return missing(P, 0, "a duration", "timeout DURATION");
	if (P->nw > 1)
		return extra(P, 1, "timeout DURATION");
	P->have_timeout = 1;
	P->timeout_pos = P->kw.pos;
	return dur(P, &P->w[0], "timeout", HOUR, &P->sc->timeout);
}

static int p_needs(struct sc_parser *P)
{
	const char *u = "needs root | nlmon | sysctl KEY | tool NAME | user NAME";
	struct sc_need *n;
	const struct sc_word *w;
	int witharg;

	if (P->nw < 1)
		return missing(P, 0, "what is needed", u);
	w = &P->w[0];
	n = push(&P->sc->needs, &P->sc->nneeds, sizeof(*n));
	if (!n)
		return oom(P);
	n->pos = w->pos;
	if (is(w, "root")) {
		n->kind = SC_NEED_ROOT;
		witharg = 0;
	} else if (is(w, "nlmon")) {
		n->kind = SC_NEED_NLMON;
		witharg = 0;
	} else if (is(w, "sysctl")) {
		n->kind = SC_NEED_SYSCTL;
		witharg = 1;
	} else if (is(w, "tool")) {
		n->kind = SC_NEED_TOOL;
		witharg = 1;
	} else if (is(w, "user")) {
		n->kind = SC_NEED_USER;
		witharg = 1;
	} else {
		return errw(P, w, "unknown need '%s'; usage: %s", w->s, u);
	}
	if (witharg) {
		if (P->nw < 2)
			return missing(P, 1, "its argument", u);
		if (P->nw > 2)
			return extra(P, 2, u);
		if (n->kind == SC_NEED_SYSCTL &&
		    (strpbrk(P->w[1].s, "/ ") || strstr(P->w[1].s, "..")))
			return errw(P, &P->w[1], "'%s' is not a sysctl key (net.ipv4.tcp_syn_retries)",
				    P->w[1].s);
		if (n->kind == SC_NEED_TOOL && strchr(P->w[1].s, '/'))
			return errw(P, &P->w[1], "a tool is named without a path, got '%s'",
				    P->w[1].s);
		n->arg = xdup(P, P->w[1].s);
		return n->arg ? 0 : -ENOMEM;
	}
	if (P->nw > 1)
		return extra(P, 1, u);
	return 0;
}

static int p_host(struct sc_parser *P)
{
	size_t i;

	if (P->nw < 1)
		return missing(P, 0, "a host name", "host NAME...");
	for (i = 0; i < P->nw; i++) {
		struct sc_host *h;

		if (!valid_name(P->w[i].s, 31))
			return errw(P, &P->w[i],
				    "'%s' is not a host name (a letter, then letters, digits, '-', '_'; at most 31)",
				    P->w[i].s);
		h = push(&P->sc->hosts, &P->sc->nhosts, sizeof(*h));
		if (!h)
			return oom(P);
		h->pos = P->w[i].pos;
		h->name = xdup(P, P->w[i].s);
		if (!h->name)
			return -ENOMEM;
	}
	return 0;
}

static int p_link(struct sc_parser *P)
{
	const char *u = "link HOST:IF HOST:IF [mac MAC|- MAC|-]";
	struct sc_link *l;
	int r, e;

	l = push(&P->sc->links, &P->sc->nlinks, sizeof(*l));
	if (!l)
		return oom(P);
	l->pos = P->kw.pos;
	l->end[0].host = l->end[1].host = SC_NONE;
	if (P->nw < 2)
		return missing(P, P->nw, "an interface", u);
	if ((r = ifref(P, &P->w[0], &l->end[0])) < 0 ||
	    (r = ifref(P, &P->w[1], &l->end[1])) < 0)
		return r;
	if (P->nw == 2)
		return 0;
	if (!is(&P->w[2], "mac"))
		return extra(P, 2, u);
	if (P->nw < 5)
		return missing(P, P->nw, "a MAC address (or '-')", u);
	if (P->nw > 5)
		return extra(P, 5, u);
	for (e = 0; e < 2; e++) {
		if (is(&P->w[3 + e], "-"))
			continue;
		if ((r = mac(P, &P->w[3 + e], l->mac[e])) < 0)
			return r;
		l->has_mac[e] = 1;
	}
	return 0;
}

static int p_bridge(struct sc_parser *P)
{
	const char *u = "bridge HOST:NAME [hub | ageing SECONDS]";
	struct sc_bridge *b;
	long long v;
	int r;

	b = push(&P->sc->bridges, &P->sc->nbridges, sizeof(*b));
	if (!b)
		return oom(P);
	b->pos = P->kw.pos;
	b->ageing = -1;
	b->dev.host = SC_NONE;
	if (P->nw < 1)
		return missing(P, 0, "the bridge", u);
	if ((r = ifref(P, &P->w[0], &b->dev)) < 0)
		return r;
	if (P->nw == 1)
		return 0;
	if (is(&P->w[1], "hub")) {
		if (P->nw > 2)
			return extra(P, 2, u);
		b->ageing = 0;
		return 0;
	}
	if (!is(&P->w[1], "ageing"))
		return extra(P, 1, u);
	if (P->nw < 3)
		return missing(P, 2, "the ageing time in seconds", u);
	if (P->nw > 3)
		return extra(P, 3, u);
	if ((r = num(P, &P->w[2], "ageing", 0, 1000000, &v)) < 0)
		return r;
	b->ageing = (int)v;
	return 0;
}

static int p_port(struct sc_parser *P)
{
	const char *u = "port HOST:BRIDGE IF...";
	struct sc_ifref br;
	size_t i;
	int r = 0;

	memset(&br, 0, sizeof(br));
	if (P->nw < 2)
		return missing(P, P->nw, P->nw ? "an interface" : "the bridge", u);
	if ((r = ifref(P, &P->w[0], &br)) < 0)
		goto out;
	for (i = 1; i < P->nw; i++) {
		struct sc_port *p;

		if (strchr(P->w[i].s, ':')) {
			r = errw(P, &P->w[i],
				 "a port is an interface of the bridge's own host: write '%s', not '%s'",
				 strchr(P->w[i].s, ':') + 1, P->w[i].s);
			goto out;
		}
		/* Once pushed, the port is the scenario's: sc_free frees
		 * what its strings hold, NULL or not. */
		p = push(&P->sc->ports, &P->sc->nports, sizeof(*p));
		if (!p) {
			r = oom(P);
			goto out;
		}
		p->bridge = SC_NONE;
		p->pos = P->w[i].pos;
		p->br = br;
		p->br.hostname = strdup(br.hostname);
		p->br.ifname = strdup(br.ifname);
		p->ifname = strdup(P->w[i].s);
		if (!p->br.hostname || !p->br.ifname || !p->ifname) {
			r = oom(P);
			goto out;
		}
	}
out:
	free(br.hostname);
	free(br.ifname);
	return r;
}

static int p_addr(struct sc_parser *P)
{
	const char *u = "addr HOST:IF ADDRESS/LEN...";
	struct sc_ifref dev;
	size_t i;
	int r;

	memset(&dev, 0, sizeof(dev));
	if (P->nw < 2)
		return missing(P, P->nw, P->nw ? "an address" : "the interface", u);
	r = ifref(P, &P->w[0], &dev);
	for (i = 1; r == 0 && i < P->nw; i++) {
		struct sc_addr *a = push(&P->sc->addrs, &P->sc->naddrs, sizeof(*a));

		if (!a) {
			r = oom(P);
			break;
		}
		a->pos = P->w[i].pos;
		a->dev = dev;
		a->dev.hostname = strdup(dev.hostname);
		a->dev.ifname = strdup(dev.ifname);
		if (!a->dev.hostname || !a->dev.ifname) {
			r = oom(P);
			break;
		}
		r = prefix(P, &P->w[i], &a->addr, &a->plen);
	}
	free(dev.hostname);
	free(dev.ifname);
	return r;
}

static int p_route(struct sc_parser *P)
{
	const char *u = "route HOST default|PREFIX [via ADDRESS] [dev IF]";
	struct sc_route *rt;
	size_t i;
	int r;

	rt = push(&P->sc->routes, &P->sc->nroutes, sizeof(*rt));
	if (!rt)
		return oom(P);
	rt->pos = P->kw.pos;
	rt->host = SC_NONE;
	if (P->nw < 2)
		return missing(P, P->nw, P->nw ? "the destination" : "the host", u);
	if ((r = hostword(P, &P->w[0], &rt->hostname, &rt->hostpos)) < 0)
		return r;
	if (is(&P->w[1], "default"))
		rt->is_default = 1;
	else if ((r = prefix(P, &P->w[1], &rt->dst, &rt->plen)) < 0)
		return r;
	for (i = 2; i < P->nw; i += 2) {
		if (i + 1 >= P->nw)
			return missing(P, i + 1, "a value", u);
		if (is(&P->w[i], "via") && !rt->has_via) {
			if (inaddr(P->w[i + 1].s, &rt->via) < 0)
				return errw(P, &P->w[i + 1], "'%s' is not an address",
					    P->w[i + 1].s);
			rt->has_via = 1;
		} else if (is(&P->w[i], "dev") && !rt->dev) {
			rt->dev = xdup(P, P->w[i + 1].s);
			if (!rt->dev)
				return -ENOMEM;
			rt->devpos = P->w[i + 1].pos;
		} else {
			return extra(P, i, u);
		}
	}
	if (!rt->has_via && !rt->dev)
		return missing(P, P->nw, "'via ADDRESS' or 'dev IF'", u);
	if (rt->is_default)
		rt->dst.af = rt->has_via ? rt->via.af : AF_INET;
	else if (rt->has_via && rt->via.af != rt->dst.af)
		return errw(P, &P->w[3], "gateway '%s' is not of the route's family",
			    P->w[3].s);
	return 0;
}

static int p_sysctl(struct sc_parser *P)
{
	const char *u = "sysctl HOST net.KEY=VALUE...";
	char *hostname;
	struct sc_pos hostpos;
	size_t i;
	int r;

	if (P->nw < 2)
		return missing(P, P->nw, P->nw ? "KEY=VALUE" : "the host", u);
	if ((r = hostword(P, &P->w[0], &hostname, &hostpos)) < 0)
		return r;
	for (i = 1; i < P->nw; i++) {
		const struct sc_word *w = &P->w[i];
		const char *eq = strchr(w->s, '=');
		struct sc_sysctl *s;

		if (!eq || eq == w->s || !eq[1]) {
			free(hostname);
			return errw(P, w, "expected KEY=VALUE, got '%s'", w->s);
		}
		/* Only the per-namespace net.* keys: anything else would
		 * change the machine itself. */
		if (strncmp(w->s, "net.", 4) || strpbrk(w->s, "/ ") ||
		    memmem(w->s, (size_t)(eq - w->s), "..", 2)) {
			free(hostname);
			return errw(P, w,
				    "sysctl '%.*s' is not a net.* key: a host may only set its own namespace's",
				    (int)(eq - w->s), w->s);
		}
		s = push(&P->sc->sysctls, &P->sc->nsysctls, sizeof(*s));
		if (!s) {
			free(hostname);
			return oom(P);
		}
		s->pos = w->pos;
		s->host = SC_NONE;
		s->hostpos = hostpos;
		s->hostname = strdup(hostname);
		s->key = strndup(w->s, (size_t)(eq - w->s));
		s->value = strdup(eq + 1);
		if (!s->hostname || !s->key || !s->value) {
			free(hostname);
			return oom(P);
		}
	}
	free(hostname);
	return 0;
}

static int p_name(struct sc_parser *P)
{
	const char *u = "name ADDRESS NAME";
	struct sc_name *n;

	if (P->nw < 2)
		return missing(P, P->nw, P->nw ? "the name" : "the address", u);
	if (P->nw > 2)
		return extra(P, 2, u);
	n = push(&P->sc->names, &P->sc->nnames, sizeof(*n));
	if (!n)
		return oom(P);
	n->pos = P->w[0].pos;
	if (inaddr(P->w[0].s, &n->addr) < 0)
		return errw(P, &P->w[0], "'%s' is not an IPv4 or IPv6 address", P->w[0].s);
	if (!valid_name(P->w[1].s, 63))
		return errw(P, &P->w[1], "'%s' is not a name", P->w[1].s);
	n->name = xdup(P, P->w[1].s);
	return n->name ? 0 : -ENOMEM;
}

/*
 * The lines of a block up to a line that is `end` alone. Returns them in
 * *lines (raw, with line numbers), or an error at opener.
 */
struct rawline {
	const char *s;
	size_t n;
	unsigned line;
};

static int block(struct sc_parser *P, const struct sc_word *opener,
		 struct rawline **lines, size_t *n)
{
	const char *s;
	size_t len;
	unsigned line;

	*lines = NULL;
	*n = 0;
	/* The block starts on the line after its opener (and its comment). */
	if (P->lx.off > 0 && P->lx.p[P->lx.off - 1] != '\n')
		sc_lex_end_line(&P->lx);
	while (sc_lex_raw_line(&P->lx, &s, &len, &line)) {
		size_t b = 0, e = len;
		struct rawline *rl;

		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		if (e - b == 3 && !memcmp(s + b, "end", 3))
			return 0;
		rl = push(lines, n, sizeof(*rl));
		if (!rl)
			return oom(P);
		rl->s = s;
		rl->n = len;
		rl->line = line;
	}
	return errw(P, opener, "'%s' opens a block that has no 'end' line", opener->s);
}

static int p_file(struct sc_parser *P)
{
	const char *u = "file NAME [mode OCTAL], then its lines, then end";
	struct sc_file *f;
	struct rawline *rl = NULL;
	struct hx_buf b = HX_BUF_INIT;
	size_t nl = 0, i, indent = (size_t)-1;
	const struct sc_word *w;
	int r;

	f = push(&P->sc->files, &P->sc->nfiles, sizeof(*f));
	if (!f)
		return oom(P);
	f->pos = P->kw.pos;
	f->mode = 0644;
	if (P->nw < 1)
		return missing(P, 0, "the file's name", u);
	w = &P->w[0];
	if (w->s[0] == '/' || !strcmp(w->s, "..") || !strncmp(w->s, "../", 3) ||
	    strstr(w->s, "/../") ||
	    (strlen(w->s) >= 3 && !strcmp(w->s + strlen(w->s) - 3, "/..")))
		return errw(P, w, "file '%s' must stay in the scenario's directory (a relative name, no '..')",
			    w->s);
	f->name = xdup(P, w->s);
	if (!f->name)
		return -ENOMEM;
	if (P->nw > 1) {
		char *e;
		unsigned long m;

		if (!is(&P->w[1], "mode"))
			return extra(P, 1, u);
		if (P->nw < 3)
			return missing(P, 2, "the mode", u);
		if (P->nw > 3)
			return extra(P, 3, u);
		m = strtoul(P->w[2].s, &e, 8);
		if (*e || !*P->w[2].s || m > 07777)
			return errw(P, &P->w[2], "'%s' is not an octal mode (0755)", P->w[2].s);
		f->mode = (unsigned)m;
	}
	if ((r = block(P, &P->kw, &rl, &nl)) < 0) {
		free(rl);
		return r;
	}
	/* Remove the indentation every non-blank line shares. */
	for (i = 0; i < nl; i++) {
		size_t k = 0;

		while (k < rl[i].n && (rl[i].s[k] == ' ' || rl[i].s[k] == '\t'))
			k++;
		if (k < rl[i].n && k < indent)
			indent = k;
	}
	for (i = 0; i < nl; i++) {
		if (rl[i].n > indent)
			hx_buf_put(&b, rl[i].s + indent, rl[i].n - indent);
		hx_buf_putc(&b, '\n');
	}
	free(rl);
	if (b.oom) {
		hx_buf_release(&b);
		return oom(P);
	}
	f->text = b.p ? b.p : strdup("");
	f->len = b.len;
	return f->text ? 0 : oom(P);
}

/* ---- steps ----------------------------------------------------------- */

static struct sc_step *new_step(struct sc_parser *P, enum sc_step_kind k)
{
	struct sc_step *s = push(&P->sc->steps, &P->sc->nsteps, sizeof(*s));

	if (!s) {
		oom(P);
		return NULL;
	}
	s->kind = k;
	s->pos = P->kw.pos;
	s->host = SC_NONE;
	s->ref = SC_NONE;
	if (P->label) {
		s->label = P->label;
		P->label = NULL;
	}
	return s;
}

static int step_host(struct sc_parser *P, struct sc_step *s, size_t i, const char *u)
{
	if (i >= P->nw)
		return missing(P, i, "the host", u);
	return hostword(P, &P->w[i], &s->hostname, &s->hostpos);
}

static int step_ref(struct sc_parser *P, struct sc_step *s, size_t i, const char *what,
		    const char *u)
{
	if (i >= P->nw)
		return missing(P, i, what, u);
	s->refname = xdup(P, P->w[i].s);
	s->refpos = P->w[i].pos;
	return s->refname ? 0 : -ENOMEM;
}

static int dest(struct sc_parser *P, size_t i, struct sc_dest *d, const char *u)
{
	if (i >= P->nw)
		return missing(P, i, "the destination (a host or an address)", u);
	d->host = SC_NONE;
	d->pos = P->w[i].pos;
	d->text = xdup(P, P->w[i].s);
	if (!d->text)
		return -ENOMEM;
	if (inaddr(P->w[i].s, &d->addr) == 0)
		return 0;
	if (!valid_name(P->w[i].s, 31))
		return errw(P, &P->w[i], "'%s' is neither a host nor an address", P->w[i].s);
	return 0;
}

/* Options after the positional words: NAME [VALUE] pairs in any order. */
enum opt_type { O_FLAG, O_PORT, O_DUR, O_INT, O_STR, O_QTYPE };

/*
 * Where an option's value goes: offsets into the step, so that the tables
 * are constant and name no step before it exists.
 */
struct opt {
	const char *name;
	enum opt_type type;
	long long min, max; /* O_INT */
	size_t out;	    /* OPT_AT(field) */
	size_t pos;	    /* O_STR: where its value was, or OPT_NOPOS */
};

#define OPT_AT(field) offsetof(struct sc_step, field)
#define OPT_NOPOS ((size_t)-1)

static int qtype(const char *s)
{
	static const struct {
		const char *n;
		int v;
	} t[] = { { "A", 1 }, { "NS", 2 }, { "CNAME", 5 }, { "SOA", 6 },
		  { "PTR", 12 }, { "MX", 15 }, { "TXT", 16 }, { "AAAA", 28 },
		  { "SRV", 33 }, { "ANY", 255 } };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcasecmp(s, t[i].n))
			return t[i].v;
	return -1;
}

/*
 * An option given twice is an error at the second (as iproute2's duparg
 * and the header's "second 'title' statement"): silently keeping one of
 * two contradictory values hides a typo in a lab.
 */
#define MAX_OPTS 16

static int options(struct sc_parser *P, struct sc_step *s, size_t i,
		   const struct opt *o, size_t no, const char *u)
{
	struct sc_pos seen[MAX_OPTS];
	int have[MAX_OPTS] = { 0 };

	if (no > MAX_OPTS)
		return hx_err(P->err, -EINVAL, "%s: a statement with %zu options (at most %d)",
			      P->file, no, MAX_OPTS);
	while (i < P->nw) {
		const struct sc_word *w = &P->w[i];
		size_t k;
		long long v = 0;
		void *out;
		int r;

		for (k = 0; k < no; k++)
			if (is(w, o[k].name))
				break;
		if (k == no)
			return extra(P, i, u);
		if (have[k])
			return errw(P, w, "second '%s' option (the first is at %u:%u)",
				    o[k].name, seen[k].line, seen[k].col);
		have[k] = 1;
		seen[k] = w->pos;
		out = (char *)s + o[k].out;
		if (o[k].type == O_FLAG) {
			*(int *)out = 1;
			i++;
			continue;
		}
		if (i + 1 >= P->nw)
			return missing(P, i + 1, "a value", u);
		w = &P->w[i + 1];
		switch (o[k].type) {
		case O_PORT:
			r = port(P, w, out);
			break;
		case O_DUR:
			r = dur(P, w, o[k].name, HOUR, out);
			break;
		case O_INT:
			r = num(P, w, o[k].name, o[k].min, o[k].max, &v);
			if (r == 0)
				*(int *)out = (int)v;
			break;
		case O_STR:
			*(char **)out = xdup(P, w->s);
			if (o[k].pos != OPT_NOPOS)
				*(struct sc_pos *)((char *)s + o[k].pos) = w->pos;
			r = *(char **)out ? 0 : -ENOMEM;
			break;
		case O_QTYPE:
			r = qtype(w->s);
			if (r < 0)
				r = errw(P, w, "unknown query type '%s' (A, AAAA, PTR, MX, TXT, SRV, ANY ...)",
					 w->s);
			else
				*(int *)out = r, r = 0;
			break;
		default:
			r = 0;
		}
		if (r < 0)
			return r;
		i += 2;
	}
	return 0;
}

#define NOPT(a) (sizeof(a) / sizeof((a)[0]))

static int p_run(struct sc_parser *P)
{
	const char *u = "run HOST COMMAND [ARGS...]";
	struct sc_step *s = new_step(P, SC_STEP_RUN);
	size_t i;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	if (P->nw < 2)
		return missing(P, 1, "the command", u);
	s->u.run.argc = (int)(P->nw - 1);
	s->u.run.argv = calloc(P->nw, sizeof(char *));
	if (!s->u.run.argv)
		return oom(P);
	for (i = 1; i < P->nw; i++)
		if (!(s->u.run.argv[i - 1] = xdup(P, P->w[i].s)))
			return -ENOMEM;
	return 0;
}

static int p_listen(struct sc_parser *P)
{
	const char *u = "listen HOST tcp|udp PORT [discard]";
	struct sc_step *s = new_step(P, SC_STEP_LISTEN);
	static const struct opt o[] = { { "discard", O_FLAG, 0, 0, OPT_AT(u.listen.discard), OPT_NOPOS } };
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	if (P->nw < 2)
		return missing(P, 1, "the protocol (tcp or udp)", u);
	if (is(&P->w[1], "tcp"))
		s->u.listen.proto = IPPROTO_TCP;
	else if (is(&P->w[1], "udp"))
		s->u.listen.proto = IPPROTO_UDP;
	else
		return errw(P, &P->w[1], "expected tcp or udp, got '%s'", P->w[1].s);
	if (P->nw < 3)
		return missing(P, 2, "the port", u);
	if ((r = port(P, &P->w[2], &s->u.listen.port)) < 0)
		return r;
	return options(P, s, 3, o, NOPT(o), u);
}

static int p_accept(struct sc_parser *P)
{
	const char *u = "accept LISTENER [timeout DURATION]";
	struct sc_step *s = new_step(P, SC_STEP_ACCEPT);
	static const struct opt o[] = { { "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS } };
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the listener", u)) < 0)
		return r;
	return options(P, s, 1, o, NOPT(o), u);
}

static int p_connect(struct sc_parser *P)
{
	const char *u = "connect HOST DEST PORT [from PORT] [timeout DURATION] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_CONNECT);
	static const struct opt o[] = {
		{ "from", O_PORT, 0, 0, OPT_AT(u.connect.sport), OPT_NOPOS },
		{ "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.connect.ipv6), OPT_NOPOS },
	};
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0 ||
	    (r = dest(P, 1, &s->u.connect.dest, u)) < 0)
		return r;
	if (P->nw < 3)
		return missing(P, 2, "the port", u);
	if ((r = port(P, &P->w[2], &s->u.connect.port)) < 0)
		return r;
	return options(P, s, 3, o, NOPT(o), u);
}

/* send, urgent: CONN DATA */
static int p_send_kind(struct sc_parser *P, enum sc_step_kind k, const char *u)
{
	struct sc_step *s = new_step(P, k);
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the connection", u)) < 0)
		return r;
	if ((r = data(P, 1, &s->u.data, u)) < 0)
		return r;
	if (1 + (size_t)r < P->nw)
		return extra(P, 1 + (size_t)r, u);
	if (k == SC_STEP_URGENT && !s->u.data.bytes && s->u.data.len > 65535)
		return errw(P, &P->w[1], "urgent data is at most 65535 bytes");
	return 0;
}

static int p_send(struct sc_parser *P)
{
	return p_send_kind(P, SC_STEP_SEND, "send CONN \"TEXT\" | hex HEX | N bytes");
}

static int p_urgent(struct sc_parser *P)
{
	return p_send_kind(P, SC_STEP_URGENT, "urgent CONN \"TEXT\" | hex HEX | N bytes");
}

static int p_bulk(struct sc_parser *P)
{
	const char *u = "bulk CONN SIZE (1000000, 3M)";
	struct sc_step *s = new_step(P, SC_STEP_BULK);
	long long n;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the connection", u)) < 0)
		return r;
	if (P->nw < 2)
		return missing(P, 1, "the size", u);
	if (size_of(P->w[1].s, &n) < 0 || n <= 0 || n > (1LL << 40))
		return errw(P, &P->w[1], "'%s' is not a size (1000000, 3M)", P->w[1].s);
	s->u.data.len = (size_t)n;
	if (P->nw > 2 && !(P->nw == 3 && is(&P->w[2], "bytes")))
		return extra(P, 2, u);
	return 0;
}

static int p_recv(struct sc_parser *P)
{
	const char *u = "recv CONN [N] [timeout DURATION]";
	struct sc_step *s = new_step(P, SC_STEP_RECV);
	static const struct opt o[] = { { "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS } };
	size_t i = 1;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the connection", u)) < 0)
		return r;
	s->u.recv.n = -1;
	if (P->nw > 1 && !is(&P->w[1], "timeout")) {
		if (size_of(P->w[1].s, &s->u.recv.n) < 0 || s->u.recv.n <= 0)
			return errw(P, &P->w[1], "expected a byte count, got '%s'", P->w[1].s);
		i = 2;
		if (i < P->nw && is(&P->w[i], "bytes"))
			i++;
	}
	return options(P, s, i, o, NOPT(o), u);
}

static int p_connop(struct sc_parser *P, enum sc_step_kind k, const char *u)
{
	struct sc_step *s = new_step(P, k);
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the connection", u)) < 0)
		return r;
	return P->nw > 1 ? extra(P, 1, u) : 0;
}

static int p_halfclose(struct sc_parser *P)
{
	return p_connop(P, SC_STEP_HALFCLOSE, "half-close CONN");
}

static int p_close(struct sc_parser *P)
{
	return p_connop(P, SC_STEP_CLOSE, "close CONN");
}

static int p_abort(struct sc_parser *P)
{
	return p_connop(P, SC_STEP_ABORT, "abort CONN");
}

static int p_ping(struct sc_parser *P)
{
	const char *u = "ping HOST DEST [count N] [interval D] [size N] [timeout D] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_PING);
	static const struct opt o[] = {
		{ "count", O_INT, 1, 1000, OPT_AT(u.ping.count), OPT_NOPOS },
		{ "interval", O_DUR, 0, 0, OPT_AT(u.ping.interval), OPT_NOPOS },
		{ "size", O_INT, 0, 65000, OPT_AT(u.ping.size), OPT_NOPOS },
		{ "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.ping.ipv6), OPT_NOPOS },
	};
	int r;

	if (!s)
		return -ENOMEM;
	s->u.ping.count = 1;
	s->u.ping.interval = 1000000;
	s->u.ping.size = 56;
	if ((r = step_host(P, s, 0, u)) < 0 || (r = dest(P, 1, &s->u.ping.dest, u)) < 0)
		return r;
	return options(P, s, 2, o, NOPT(o), u);
}

static int p_udp(struct sc_parser *P)
{
	const char *u = "udp HOST DEST PORT DATA [from PORT] [dev IF] [ttl N] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_UDP);
	static const struct opt o[] = {
		{ "from", O_PORT, 0, 0, OPT_AT(u.udp.sport), OPT_NOPOS },
		{ "dev", O_STR, 0, 0, OPT_AT(u.udp.dev), OPT_AT(u.udp.devpos) },
		{ "ttl", O_INT, 1, 255, OPT_AT(u.udp.ttl), OPT_NOPOS },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.udp.ipv6), OPT_NOPOS },
	};
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0 || (r = dest(P, 1, &s->u.udp.dest, u)) < 0)
		return r;
	if (P->nw < 3)
		return missing(P, 2, "the port", u);
	if ((r = port(P, &P->w[2], &s->u.udp.port)) < 0)
		return r;
	if ((r = data(P, 3, &s->u.udp.data, u)) < 0)
		return r;
	if (!s->u.udp.data.bytes && s->u.udp.data.len > 65507)
		return errw(P, &P->w[3], "a UDP datagram holds at most 65507 bytes");
	return options(P, s, 3 + (size_t)r, o, NOPT(o), u);
}

static int p_dns(struct sc_parser *P)
{
	const char *u = "dns HOST DEST NAME [type T] [port P] [from P] [id N] [qu] [owner] [dev IF] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_DNS);
	static const struct opt o[] = {
		{ "type", O_QTYPE, 0, 0, OPT_AT(u.dns.qtype), OPT_NOPOS },
		{ "port", O_PORT, 0, 0, OPT_AT(u.dns.port), OPT_NOPOS },
		{ "from", O_PORT, 0, 0, OPT_AT(u.dns.sport), OPT_NOPOS },
		{ "id", O_INT, 0, 65535, OPT_AT(u.dns.id), OPT_NOPOS },
		{ "qu", O_FLAG, 0, 0, OPT_AT(u.dns.qu), OPT_NOPOS },
		{ "owner", O_FLAG, 0, 0, OPT_AT(u.dns.owner), OPT_NOPOS },
		{ "dev", O_STR, 0, 0, OPT_AT(u.dns.dev), OPT_AT(u.dns.devpos) },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.dns.ipv6), OPT_NOPOS },
	};
	const char *q;
	size_t lab = 0, i;
	int r;

	if (!s)
		return -ENOMEM;
	s->u.dns.qtype = 1;
	s->u.dns.port = 53;
	if ((r = step_host(P, s, 0, u)) < 0 || (r = dest(P, 1, &s->u.dns.dest, u)) < 0)
		return r;
	if (P->nw < 3)
		return missing(P, 2, "the name to query", u);
	for (q = P->w[2].s; *q; q++) {
		lab = *q == '.' ? 0 : lab + 1;
		if (lab > 63)
			return errw(P, &P->w[2], "a label of '%s' is longer than 63 bytes",
				    P->w[2].s);
	}
	if (strlen(P->w[2].s) > 253 || !P->w[2].len || strstr(P->w[2].s, ".."))
		return errw(P, &P->w[2], "'%s' is not a domain name", P->w[2].s);
	s->u.dns.qname = xdup(P, P->w[2].s);
	if (!s->u.dns.qname)
		return -ENOMEM;
	if ((r = options(P, s, 3, o, NOPT(o), u)) < 0)
		return r;
	/* The Owner option carries a MAC: that of the interface named. */
	for (i = 3; s->u.dns.owner && !s->u.dns.dev && i < P->nw; i++)
		if (is(&P->w[i], "owner"))
			return errw(P, &P->w[i],
				    "owner needs dev IF: the option carries that interface's MAC");
	return 0;
}

static int p_wait(struct sc_parser *P)
{
	const char *u = "wait DURATION";
	struct sc_step *s = new_step(P, SC_STEP_WAIT);

	if (!s)
		return -ENOMEM;
	if (P->nw < 1)
		return missing(P, 0, "a duration", u);
	if (P->nw > 1)
		return extra(P, 1, u);
	return dur(P, &P->w[0], "wait", HOUR, &s->u.wait.d);
}

/* The words from i on are a tcpdump command line. */
static int tcpdump_words(struct sc_parser *P, size_t i, struct sc_tcpdump *t,
			 const char *u)
{
	size_t k;

	if (i >= P->nw)
		return missing(P, i, "the tcpdump command line", u);
	if (!is(&P->w[i], "tcpdump"))
		return errw(P, &P->w[i], "expected 'tcpdump' and its options, got '%s'",
			    P->w[i].s);
	t->argc = (int)(P->nw - i);
	t->argv = calloc((size_t)t->argc + 1, sizeof(char *));
	t->argpos = calloc((size_t)t->argc, sizeof(*t->argpos));
	if (!t->argv || !t->argpos)
		return oom(P);
	for (k = i; k < P->nw; k++) {
		t->argpos[k - i] = P->w[k].pos;
		if (!(t->argv[k - i] = xdup(P, P->w[k].s)))
			return -ENOMEM;
		if (strlen(P->w[k].s) != P->w[k].len)
			return errw(P, &P->w[k], "NUL byte in a tcpdump word");
	}
	return 0;
}

static int need_label(struct sc_parser *P, const char *what)
{
	if (!P->label)
		return errw(P, &P->kw, "a %s needs a name: write 'NAME: %s ...'", what,
			    P->kw.s);
	return 0;
}

static int p_capture(struct sc_parser *P)
{
	const char *u = "NAME: capture HOST tcpdump [OPTIONS] [FILTER]";
	struct sc_step *s;
	int r;

	if ((r = need_label(P, "capture")) < 0)
		return r;
	s = new_step(P, SC_STEP_CAPTURE);
	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	return tcpdump_words(P, 1, &s->u.capture.cmd, u);
}

static int p_read(struct sc_parser *P)
{
	const char *u = "NAME: read [window FROM TO] tcpdump -r FILE [OPTIONS] [FILTER]";
	struct sc_step *s;
	size_t i = 0;
	int r;

	if ((r = need_label(P, "read")) < 0)
		return r;
	s = new_step(P, SC_STEP_READ);
	if (!s)
		return -ENOMEM;
	s->u.read.writer = SC_NONE;
	if (P->nw > 0 && is(&P->w[0], "window")) {
		if (P->nw < 3)
			return missing(P, P->nw, "the window's start and end", u);
		if (sc_parse_duration(P->w[1].s, &s->u.read.from) < 0 &&
		    (r = dur(P, &P->w[1], "window start", HOUR, &s->u.read.from)) < 0)
			return r;
		if ((r = dur(P, &P->w[2], "window end", HOUR, &s->u.read.to)) < 0)
			return r;
		if (s->u.read.to <= s->u.read.from)
			return errw(P, &P->w[2], "the window ends before it starts");
		s->u.read.has_window = 1;
		i = 3;
	}
	return tcpdump_words(P, i, &s->u.read.cmd, u);
}

static int p_await(struct sc_parser *P)
{
	const char *u = "await CAPTURE N [timeout DURATION]";
	struct sc_step *s = new_step(P, SC_STEP_AWAIT);
	static const struct opt o[] = { { "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS } };
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the capture", u)) < 0)
		return r;
	if (P->nw < 2)
		return missing(P, 1, "the number of packets", u);
	if ((r = num(P, &P->w[1], "the packet count", 1, 100000000, &s->u.await.n)) < 0)
		return r;
	return options(P, s, 2, o, NOPT(o), u);
}

static int p_dump(struct sc_parser *P)
{
	const char *u = "dump HOST links|addresses|routes|neighbours...";
	static const struct {
		const char *n;
		unsigned bit;
	} t[] = { { "links", SC_DUMP_LINKS }, { "addresses", SC_DUMP_ADDRESSES },
		  { "routes", SC_DUMP_ROUTES }, { "neighbours", SC_DUMP_NEIGHBOURS } };
	struct sc_step *s = new_step(P, SC_STEP_DUMP);
	size_t i, k;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	if (P->nw < 2)
		return missing(P, 1, "what to dump", u);
	for (i = 1; i < P->nw; i++) {
		for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
			if (is(&P->w[i], t[k].n))
				break;
		if (k == sizeof(t) / sizeof(t[0]))
			return errw(P, &P->w[i], "unknown dump '%s' (links addresses routes neighbours)",
				    P->w[i].s);
		if (s->u.dump.what & t[k].bit)
			return errw(P, &P->w[i], "'%s' is asked twice", P->w[i].s);
		s->u.dump.what |= t[k].bit;
	}
	return 0;
}

static int p_stop(struct sc_parser *P)
{
	return p_connop(P, SC_STEP_STOP, "stop CAPTURE");
}

/* ---- expectations ---------------------------------------------------- */

static const char *const field_names[SC_F_COUNT_] = {
	[SC_F_SEQ] = "seq", [SC_F_ACK] = "ack", [SC_F_NXT] = "nxt",
	[SC_F_LEN] = "len", [SC_F_WIN] = "win", [SC_F_URP] = "urp",
	[SC_F_FLAGS] = "flags", [SC_F_SPORT] = "sport", [SC_F_DPORT] = "dport",
	[SC_F_SRC] = "src", [SC_F_DST] = "dst", [SC_F_TTL] = "ttl",
	[SC_F_ICMP_TYPE] = "icmp-type", [SC_F_ICMP_CODE] = "icmp-code",
	[SC_F_ICMP_ID] = "icmp-id", [SC_F_ICMP_SEQ] = "icmp-seq",
	[SC_F_UDP_LEN] = "udp-len", [SC_F_ETHERTYPE] = "ethertype",
	[SC_F_SMAC] = "smac", [SC_F_DMAC] = "dmac", [SC_F_CAPLEN] = "caplen",
	[SC_F_WIRELEN] = "wirelen", [SC_F_TIME] = "time",
};

const char *sc_field_name(enum sc_field f)
{
	return (unsigned)f < SC_F_COUNT_ ? field_names[f] : "?";
}

static int field(struct sc_parser *P, const struct sc_word *w, enum sc_field *f)
{
	int i;

	for (i = 0; i < SC_F_COUNT_; i++)
		if (!strcmp(w->s, field_names[i])) {
			*f = (enum sc_field)i;
			return 0;
		}
	return errw(P, w,
		    "unknown field '%s' (seq ack nxt len win urp flags sport dport src dst ttl icmp-type icmp-code icmp-id icmp-seq udp-len ethertype smac dmac caplen wirelen time)",
		    w->s);
}

static int text_field(enum sc_field f)
{
	return f == SC_F_SRC || f == SC_F_DST || f == SC_F_SMAC || f == SC_F_DMAC;
}

/* `when` and its conditions, from i to the end. */
static int when(struct sc_parser *P, struct sc_expect *e, size_t i, const char *u)
{
	static const struct {
		const char *n;
		enum sc_cond_kind k;
		unsigned flag;
		int proto;
	} t[] = {
		{ "fin", SC_WHEN_FLAG, 0x01, 0 }, { "syn", SC_WHEN_FLAG, 0x02, 0 },
		{ "rst", SC_WHEN_FLAG, 0x04, 0 }, { "psh", SC_WHEN_FLAG, 0x08, 0 },
		{ "ack", SC_WHEN_FLAG, 0x10, 0 }, { "urg", SC_WHEN_FLAG, 0x20, 0 },
		{ "ece", SC_WHEN_FLAG, 0x40, 0 }, { "cwr", SC_WHEN_FLAG, 0x80, 0 },
		{ "data", SC_WHEN_DATA, 0, 0 }, { "tcp", SC_WHEN_PROTO, 0, IPPROTO_TCP },
		{ "udp", SC_WHEN_PROTO, 0, IPPROTO_UDP },
		{ "icmp", SC_WHEN_PROTO, 0, IPPROTO_ICMP },
		{ "from", SC_WHEN_FROM, 0, 0 }, { "to", SC_WHEN_TO, 0, 0 },
	};

	if (i >= P->nw)
		return 0;
	if (!is(&P->w[i], "when"))
		return extra(P, i, u);
	if (++i >= P->nw)
		return missing(P, i, "a condition (syn, not ack, data, from HOST ...)", u);
	while (i < P->nw) {
		struct sc_cond *c = push(&e->when, &e->nwhen, sizeof(*c));
		size_t k;

		if (!c)
			return oom(P);
		c->host = SC_NONE;
		if (is(&P->w[i], "not")) {
			c->negate = 1;
			if (++i >= P->nw)
				return missing(P, i, "a condition after 'not'", u);
		}
		c->pos = P->w[i].pos;
		for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
			if (is(&P->w[i], t[k].n))
				break;
		if (k == sizeof(t) / sizeof(t[0]))
			return errw(P, &P->w[i],
				    "unknown condition '%s' (syn ack fin rst psh urg ece cwr data tcp udp icmp from HOST to HOST)",
				    P->w[i].s);
		c->kind = t[k].k;
		c->flag = t[k].flag;
		c->proto = t[k].proto;
		i++;
		if (c->kind == SC_WHEN_FROM || c->kind == SC_WHEN_TO) {
			if (i >= P->nw)
				return missing(P, i, "the host", u);
			c->pos = P->w[i].pos;
			c->hostname = xdup(P, P->w[i].s);
			if (!c->hostname)
				return -ENOMEM;
			i++;
		}
	}
	return 0;
}

/* Reads the rest of an expect statement's words into P->w. */
static int rest_words(struct sc_parser *P)
{
	struct sc_word w;
	int r;

	while ((r = sc_lex_word(&P->lx, P->err, &w)) > 0) {
		struct sc_word *n;

		if (P->nw >= MAX_WORDS) {
			sc_word_free(&w);
			return sc_errat(P->err, P->file, w.pos, "statement has too many words");
		}
		n = push(&P->w, &P->nw, sizeof(*n));
		if (!n) {
			sc_word_free(&w);
			return oom(P);
		}
		*n = w;
	}
	return r;
}

/* The index of a final "+K" or "-K" in s (K digits), or 0 when none. */
static size_t offset_at(const char *s)
{
	size_t n = strlen(s), i = n;

	while (i > 0 && isdigit((unsigned char)s[i - 1]))
		i--;
	if (i == n || i < 2 || (s[i - 1] != '+' && s[i - 1] != '-'))
		return 0;
	return i - 1;
}

/* An operand word (and maybe '+' 'K' after it) from i; the words used. */
static int operand(struct sc_parser *P, size_t i, struct sc_operand *o, int textual,
		   const char *u)
{
	const struct sc_word *w;
	const char *s;
	size_t at = 0, n;
	int used = 1;

	if (i >= P->nw)
		return missing(P, i, "a value to compare with", u);
	w = &P->w[i];
	o->pos = w->pos;
	s = w->s;
	if (s[0] == '$' || !strncmp(s, "first.", 6) || !strncmp(s, "prev.", 5) ||
	    !strncmp(s, "peer.", 5)) {
		long long k;

		/* A final +K / -K, in the word or as two more words. */
		at = offset_at(s);
		if (at) {
			parse_ll(s + at + 1, &k);
			o->num = s[at] == '-' ? -k : k;
		} else if (i + 2 < P->nw &&
			   (is(&P->w[i + 1], "+") || is(&P->w[i + 1], "-"))) {
			if (parse_ll(P->w[i + 2].s, &k) < 0 || k < 0)
				return errw(P, &P->w[i + 2], "expected a number after '%s', got '%s'",
					    P->w[i + 1].s, P->w[i + 2].s);
			o->num = P->w[i + 1].s[0] == '-' ? -k : k;
			used = 3;
		}
		n = at ? at : strlen(s);
		if (s[0] == '$') {
			o->kind = SC_OPND_VAR;
			o->text = strndup(s + 1, n - 1);
			if (!o->text)
				return oom(P);
			if (!valid_name(o->text, 64) || strchr(o->text, '-'))
				return errw(P, w, "'%.*s' is not a variable ($name)", (int)n, s);
			return used;
		} else {
			const char *dot = strchr(s, '.');
			struct sc_word fw = *w;
			char tmp[64];
			int r;

			o->kind = s[0] == 'f' ? SC_OPND_FIRST :
				  s[1] == 'r' ? SC_OPND_PREV : SC_OPND_PEER;
			snprintf(tmp, sizeof(tmp), "%.*s", (int)(s + n - dot - 1), dot + 1);
			fw.s = tmp;
			if ((r = field(P, &fw, &o->field)) < 0)
				return r;
			return used;
		}
	}
	{
		/* A field name alone: the same packet's other field. */
		char tmp[64];
		int f;

		at = offset_at(s);
		snprintf(tmp, sizeof(tmp), "%.*s", (int)(at ? at : strlen(s)), s);
		for (f = 0; f < SC_F_COUNT_; f++)
			if (!strcmp(tmp, field_names[f])) {
				long long k = 0;

				if (at)
					parse_ll(s + at + 1, &k);
				o->kind = SC_OPND_THIS;
				o->field = (enum sc_field)f;
				o->num = at && s[at] == '-' ? -k : k;
				return 1;
			}
	}
	if (!textual) {
		sc_usec d;

		if (parse_ll(s, &o->num) == 0) {
			o->kind = SC_OPND_NUM;
			return 1;
		}
		if (sc_parse_duration(s, &d) == 0) {
			o->kind = SC_OPND_NUM;
			o->num = d;
			return 1;
		}
		return errw(P, w, "expected a number, $variable, first.FIELD, prev.FIELD or peer.FIELD, got '%s'",
			    s);
	}
	o->kind = SC_OPND_TEXT;
	o->text = xdup(P, s);
	return o->text ? 1 : -ENOMEM;
}

static int pattern_add(struct sc_parser *P, struct sc_expect *e, const char *s,
		       size_t n, struct sc_pos pos)
{
	struct sc_pattern *p = push(&e->u.output.lines, &e->u.output.n, sizeof(*p));

	if (!p)
		return oom(P);
	p->pos = pos;
	p->text = strndup(s, n);
	if (!p->text)
		return oom(P);
	if (!strcmp(p->text, "...")) {
		p->any_lines = 1;
		return 0;
	}
	return sc_pattern_compile(P->err, P->file, p);
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *const outcome_names[] = {
	[SC_OUT_NONE] = "none", [SC_OUT_CONNECTED] = "connected",
	[SC_OUT_REFUSED] = "refused", [SC_OUT_TIMED_OUT] = "timed-out",
	[SC_OUT_UNREACHABLE] = "unreachable", [SC_OUT_RESET] = "reset",
	[SC_OUT_EOF] = "eof",
};

const char *sc_outcome_name(enum sc_outcome o)
{
	return (unsigned)o < sizeof(outcome_names) / sizeof(outcome_names[0])
		       ? outcome_names[o]
		       : "?";
}

static int p_expect(struct sc_parser *P)
{
	const char *u = "expect NAME count|output|has|lacks|each|same|gaps|OUTCOME|received|exit|replies ... | expect files GLOB ...";
	struct sc_expect *e;
	struct sc_word w;
	const struct sc_word *v;
	size_t i;
	int r, k;

	e = push(&P->sc->expects, &P->sc->nexpects, sizeof(*e));
	if (!e)
		return oom(P);
	e->pos = P->kw.pos;
	e->src = SC_NONE;
	{
		/* The statement's first line, for reports. */
		size_t s = P->stmt_off, x = s;

		while (x < P->lx.len && P->lx.p[x] != '\n')
			x++;
		while (x > s && (P->lx.p[x - 1] == ' ' || P->lx.p[x - 1] == '\t' ||
				 P->lx.p[x - 1] == '\r'))
			x--;
		e->text = strndup(P->lx.p + s, x - s);
		if (!e->text)
			return oom(P);
	}
	/* The subject, then the verb, one word at a time: has and lacks
	 * take the rest of the line raw. */
	if ((r = sc_lex_word(&P->lx, P->err, &w)) < 0)
		return r;
	if (r == 0)
		return errw(P, &P->kw, "'expect' needs a subject; usage: %s", u);
	if (!(v = push(&P->w, &P->nw, sizeof(w)))) {
		sc_word_free(&w);
		return oom(P);
	}
	P->w[0] = w;
	if (is(&P->w[0], "files")) {
		const char *uf = "expect files GLOB [count C] [size C] [owner USER] [names NAME...]";

		e->kind = SC_EX_FILES;
		if ((r = rest_words(P)) < 0)
			return r;
		if (P->nw < 2)
			return missing(P, 1, "the glob", uf);
		v = &P->w[1];
		if (v->s[0] == '/' || strstr(v->s, ".."))
			return errw(P, v, "glob '%s' must stay in the scenario's directory",
				    v->s);
		e->u.files.glob = xdup(P, v->s);
		if (!e->u.files.glob)
			return -ENOMEM;
		if (P->nw == 2)
			return missing(P, 2, "a condition (count, size, owner, names)", uf);
		for (i = 2; i < P->nw;) {
			if (is(&P->w[i], "count") && !e->u.files.has_count) {
				k = numcond(P, i + 1, &e->u.files.count, "count", 0, uf);
				if (k < 0)
					return k;
				e->u.files.has_count = 1;
				i += 1 + (size_t)k;
			} else if (is(&P->w[i], "size") && !e->u.files.has_size) {
				k = numcond(P, i + 1, &e->u.files.size, "size", 1, uf);
				if (k < 0)
					return k;
				e->u.files.has_size = 1;
				i += 1 + (size_t)k;
			} else if (is(&P->w[i], "owner") && !e->u.files.owner) {
				if (i + 1 >= P->nw)
					return missing(P, i + 1, "the owner", uf);
				e->u.files.owner = xdup(P, P->w[i + 1].s);
				if (!e->u.files.owner)
					return -ENOMEM;
				i += 2;
			} else if (is(&P->w[i], "names") && !e->u.files.names) {
				size_t j;

				if (i + 1 >= P->nw)
					return missing(P, i + 1, "the names", uf);
				/* nnames only once names exists: sc_free reads both. */
				e->u.files.names = calloc(P->nw - i - 1, sizeof(char *));
				if (!e->u.files.names)
					return oom(P);
				e->u.files.nnames = P->nw - i - 1;
				for (j = 0; j < e->u.files.nnames; j++)
					if (!(e->u.files.names[j] = xdup(P, P->w[i + 1 + j].s)))
						return -ENOMEM;
				qsort(e->u.files.names, e->u.files.nnames, sizeof(char *),
				      cmpstr);
				for (j = 1; j < e->u.files.nnames; j++)
					if (!strcmp(e->u.files.names[j - 1], e->u.files.names[j]))
						return errw(P, &P->w[i + 1],
							    "file '%s' is named twice",
							    e->u.files.names[j]);
				i = P->nw;
			} else {
				return extra(P, i, uf);
			}
		}
		return 0;
	}
	e->srcname = xdup(P, P->w[0].s);
	e->srcpos = P->w[0].pos;
	if (!e->srcname)
		return -ENOMEM;
	if ((r = sc_lex_word(&P->lx, P->err, &w)) < 0)
		return r;
	if (r == 0)
		return missing(P, 1, "what to expect", u);
	if (!push(&P->w, &P->nw, sizeof(w))) {
		sc_word_free(&w);
		return oom(P);
	}
	P->w[1] = w;
	v = &P->w[1];
	if (is(v, "has") || is(v, "lacks")) {
		struct sc_word rest;

		e->kind = is(v, "has") ? SC_EX_HAS : SC_EX_LACKS;
		r = sc_lex_rest(&P->lx, &rest);
		if (r < 0)
			return oom(P);
		if (r == 0)
			return missing(P, 2, "a line pattern", "expect NAME has|lacks PATTERN");
		r = pattern_add(P, e, rest.s, rest.len, rest.pos);
		sc_word_free(&rest);
		if (r == 0 && e->u.output.lines[0].any_lines)
			return sc_errat(P->err, P->file, e->u.output.lines[0].pos,
					"'...' alone matches any lines: give a pattern");
		return r;
	}
	if ((r = rest_words(P)) < 0)
		return r;
	v = &P->w[1];
	if (is(v, "output")) {
		const char *uo = "expect NAME output [contains], then pattern lines, then end";
		struct rawline *rl = NULL;
		size_t nl = 0;

		e->kind = SC_EX_OUTPUT;
		if (P->nw > 2) {
			if (!is(&P->w[2], "contains") || P->nw > 3)
				return extra(P, P->nw > 2 && is(&P->w[2], "contains") ? 3 : 2, uo);
			e->kind = SC_EX_CONTAINS;
		}
		if ((r = block(P, v, &rl, &nl)) < 0) {
			free(rl);
			return r;
		}
		for (i = 0; i < nl && r == 0; i++) {
			size_t b = 0, n = rl[i].n;

			while (b < n && (rl[i].s[b] == ' ' || rl[i].s[b] == '\t'))
				b++;
			while (n > b && (rl[i].s[n - 1] == ' ' || rl[i].s[n - 1] == '\t'))
				n--;
			if (n == b)
				continue; /* blank lines separate, they match nothing */
			r = pattern_add(P, e, rl[i].s + b, n - b,
					(struct sc_pos){ rl[i].line, (unsigned)b + 1 });
		}
		free(rl);
		if (r < 0)
			return r;
		if (e->u.output.n == 0 && e->kind == SC_EX_CONTAINS)
			return errw(P, v, "'output contains' needs at least one pattern line");
		return 0;
	}
	if (is(v, "count") || is(v, "replies")) {
		const char *uc = is(v, "count") ? "expect NAME count N | count >= N | count A..B"
						: "expect NAME replies N | replies >= N";

		e->kind = is(v, "count") ? SC_EX_COUNT : SC_EX_REPLIES;
		k = numcond(P, 2, &e->u.count, is(v, "count") ? "count" : "replies", 0, uc);
		if (k < 0)
			return k;
		if (e->kind == SC_EX_COUNT)
			return when(P, e, 2 + (size_t)k, uc);
		return 2 + (size_t)k < P->nw ? extra(P, 2 + (size_t)k, uc) : 0;
	}
	if (is(v, "none")) {
		e->kind = SC_EX_COUNT;
		e->u.count.op = SC_EQ;
		e->u.count.a = 0;
		return when(P, e, 2, "expect NAME none [when COND...]");
	}
	if (is(v, "linktype")) {
		const char *ul = "expect NAME linktype EN10MB|LINUX_SLL|LINUX_SLL2|NFLOG|NETLINK|...";
		long long n;

		e->kind = SC_EX_LINKTYPE;
		if (P->nw < 3)
			return missing(P, 2, "a link type", ul);
		if (P->nw > 3)
			return extra(P, 3, ul);
		if (parse_ll(P->w[2].s, &n) == 0 && n >= 0 && n < 65536)
			e->u.linktype.dlt = (int)n;
		else if ((e->u.linktype.dlt = pcap_datalink_name_to_val(P->w[2].s)) < 0)
			return errw(P, &P->w[2], "unknown link type '%s' (EN10MB, LINUX_SLL, LINUX_SLL2, NFLOG, NETLINK, RAW ...)",
				    P->w[2].s);
		e->u.linktype.name = xdup(P, P->w[2].s);
		return e->u.linktype.name ? 0 : -ENOMEM;
	}
	if (is(v, "each")) {
		const char *ue = "expect NAME each FIELD ==|!=|<|<=|>|>= VALUE [when COND...]";
		static const struct {
			const char *s;
			enum sc_cmp op;
		} ops[] = { { "==", SC_EQ }, { "!=", SC_NE }, { "<", SC_LT },
			    { "<=", SC_LE }, { ">", SC_GT }, { ">=", SC_GE } };
		size_t j;

		e->kind = SC_EX_EACH;
		if (P->nw < 3)
			return missing(P, 2, "a field", ue);
		if ((r = field(P, &P->w[2], &e->u.each.field)) < 0)
			return r;
		if (P->nw < 4)
			return missing(P, 3, "a comparison (== != < <= > >=)", ue);
		for (j = 0; j < sizeof(ops) / sizeof(ops[0]); j++)
			if (is(&P->w[3], ops[j].s))
				break;
		if (j == sizeof(ops) / sizeof(ops[0]))
			return errw(P, &P->w[3], "expected a comparison (== != < <= > >=), got '%s'",
				    P->w[3].s);
		e->u.each.op = ops[j].op;
		k = operand(P, 4, &e->u.each.rhs, text_field(e->u.each.field), ue);
		if (k < 0)
			return k;
		if (text_field(e->u.each.field) && e->u.each.op != SC_EQ &&
		    e->u.each.op != SC_NE)
			return errw(P, &P->w[3], "field '%s' compares only with == or !=",
				    P->w[2].s);
		return when(P, e, 4 + (size_t)k, ue);
	}
	if (is(v, "same")) {
		const char *us = "expect NAME same FIELD [when COND...]";

		e->kind = SC_EX_SAME;
		if (P->nw < 3)
			return missing(P, 2, "a field", us);
		if ((r = field(P, &P->w[2], &e->u.each.field)) < 0)
			return r;
		e->u.each.op = SC_EQ;
		e->u.each.rhs.kind = SC_OPND_FIRST;
		e->u.each.rhs.field = e->u.each.field;
		return when(P, e, 3, us);
	}
	if (is(v, "gaps")) {
		const char *ug = "expect NAME gaps D... [...] [within 20%|D] [when COND...]";

		e->kind = SC_EX_GAPS;
		e->u.gaps.tol_pct = 10;
		for (i = 2; i < P->nw; i++) {
			sc_usec d, *ng;

			if (is(&P->w[i], "...")) {
				e->u.gaps.more = 1;
				i++;
				break;
			}
			if (is(&P->w[i], "within") || is(&P->w[i], "when"))
				break;
			if (sc_parse_duration(P->w[i].s, &d) < 0)
				return errw(P, &P->w[i], "expected a gap (1s, 200ms), got '%s'",
					    P->w[i].s);
			ng = realloc(e->u.gaps.gaps, (e->u.gaps.n + 1) * sizeof(*ng));
			if (!ng)
				return oom(P);
			e->u.gaps.gaps = ng;
			ng[e->u.gaps.n++] = d;
		}
		if (!e->u.gaps.n)
			return missing(P, 2, "at least one gap", ug);
		if (i < P->nw && is(&P->w[i], "within")) {
			if (i + 1 >= P->nw)
				return missing(P, i + 1, "the tolerance", ug);
			if ((r = tolerance(P, &P->w[i + 1], &e->u.gaps.tol_pct,
					   &e->u.gaps.tol)) < 0)
				return r;
			i += 2;
		}
		return when(P, e, i, ug);
	}
	for (k = SC_OUT_CONNECTED; k <= SC_OUT_EOF; k++)
		if (is(v, outcome_names[k])) {
			const char *uo = "expect CONN connected|refused|timed-out|unreachable|reset|eof [after D [within 20%|D]]";

			e->kind = SC_EX_OUTCOME;
			e->u.outcome.what = (enum sc_outcome)k;
			e->u.outcome.tol_pct = 10;
			if (P->nw == 2)
				return 0;
			if (!is(&P->w[2], "after"))
				return extra(P, 2, uo);
			if (P->nw < 4)
				return missing(P, 3, "a duration", uo);
			if ((r = dur(P, &P->w[3], "after", HOUR, &e->u.outcome.after)) < 0)
				return r;
			e->u.outcome.has_after = 1;
			if (P->nw == 4)
				return 0;
			if (!is(&P->w[4], "within"))
				return extra(P, 4, uo);
			if (P->nw < 6)
				return missing(P, 5, "the tolerance", uo);
			if ((r = tolerance(P, &P->w[5], &e->u.outcome.tol_pct,
					   &e->u.outcome.tol)) < 0)
				return r;
			return P->nw > 6 ? extra(P, 6, uo) : 0;
		}
	if (is(v, "received")) {
		const char *ur = "expect CONN received \"TEXT\" | hex HEX | N bytes";

		e->kind = SC_EX_RECEIVED;
		k = data(P, 2, &e->u.received, ur);
		if (k < 0)
			return k;
		return 2 + (size_t)k < P->nw ? extra(P, 2 + (size_t)k, ur) : 0;
	}
	if (is(v, "exit")) {
		long long st;

		e->kind = SC_EX_EXIT;
		if (P->nw < 3)
			return missing(P, 2, "the exit status", "expect RUN exit N");
		if ((r = num(P, &P->w[2], "exit status", 0, 255, &st)) < 0)
			return r;
		e->u.exit.status = (int)st;
		return P->nw > 3 ? extra(P, 3, "expect RUN exit N") : 0;
	}
	return errw(P, v, "unknown expectation '%s'; usage: %s", v->s, u);
}

/* ---- statements ------------------------------------------------------ */

static const struct stmt {
	const char *kw;
	int (*fn)(struct sc_parser *);
	enum stmt_class cls;
} stmts[] = {
	{ "scenario", p_scenario, C_HEAD }, { "title", p_title, C_HEAD },
	{ "seed", p_seed, C_HEAD },	    { "timeout", p_timeout, C_HEAD },
	{ "needs", p_needs, C_HEAD },	    { "host", p_host, C_TOPO },
	{ "link", p_link, C_TOPO },	    { "bridge", p_bridge, C_TOPO },
	{ "port", p_port, C_TOPO },	    { "addr", p_addr, C_TOPO },
	{ "route", p_route, C_TOPO },	    { "sysctl", p_sysctl, C_TOPO },
	{ "name", p_name, C_TOPO },	    { "file", p_file, C_TOPO },
	{ "run", p_run, C_STEP },	    { "listen", p_listen, C_STEP },
	{ "accept", p_accept, C_STEP },	    { "connect", p_connect, C_STEP },
	{ "send", p_send, C_STEP },	    { "urgent", p_urgent, C_STEP },
	{ "recv", p_recv, C_STEP },	    { "bulk", p_bulk, C_STEP },
	{ "half-close", p_halfclose, C_STEP }, { "close", p_close, C_STEP },
	{ "abort", p_abort, C_STEP },	    { "ping", p_ping, C_STEP },
	{ "udp", p_udp, C_STEP },	    { "dns", p_dns, C_STEP },
	{ "wait", p_wait, C_STEP },	    { "capture", p_capture, C_STEP },
	{ "read", p_read, C_STEP },	    { "await", p_await, C_STEP },
	{ "stop", p_stop, C_STEP },	    { "dump", p_dump, C_STEP },
	{ "expect", p_expect, C_EXPECT },
};

static const char *const step_names[] = {
	[SC_STEP_RUN] = "run", [SC_STEP_LISTEN] = "listen",
	[SC_STEP_ACCEPT] = "accept", [SC_STEP_CONNECT] = "connect",
	[SC_STEP_SEND] = "send", [SC_STEP_URGENT] = "urgent",
	[SC_STEP_RECV] = "recv", [SC_STEP_BULK] = "bulk",
	[SC_STEP_HALFCLOSE] = "half-close", [SC_STEP_CLOSE] = "close",
	[SC_STEP_ABORT] = "abort", [SC_STEP_PING] = "ping",
	[SC_STEP_UDP] = "udp", [SC_STEP_DNS] = "dns", [SC_STEP_WAIT] = "wait",
	[SC_STEP_CAPTURE] = "capture", [SC_STEP_READ] = "read",
	[SC_STEP_AWAIT] = "await", [SC_STEP_STOP] = "stop",
	[SC_STEP_DUMP] = "dump",
};

const char *sc_step_name(enum sc_step_kind k)
{
	return (unsigned)k < sizeof(step_names) / sizeof(step_names[0]) ? step_names[k]
									 : "?";
}

static void clear_words(struct sc_parser *P)
{
	size_t i;

	for (i = 0; i < P->nw; i++)
		sc_word_free(&P->w[i]);
	P->nw = 0;
	sc_word_free(&P->kw);
	free(P->label);
	P->label = NULL;
}

static int statement(struct sc_parser *P)
{
	const struct stmt *st = NULL;
	size_t i;
	int r;

	P->stmt_off = P->lx.off;
	P->stmt_line = P->lx.line;
	if ((r = sc_lex_word(&P->lx, P->err, &P->kw)) <= 0)
		return r;
	/* LABEL: before a step */
	if (!P->kw.quoted && P->kw.len > 1 && P->kw.s[P->kw.len - 1] == ':') {
		P->kw.s[--P->kw.len] = '\0';
		if (!valid_name(P->kw.s, 64))
			return errw(P, &P->kw, "'%s' is not a name for a step", P->kw.s);
		P->label = P->kw.s;
		P->labelpos = P->kw.pos;
		P->kw.s = NULL;
		if ((r = sc_lex_word(&P->lx, P->err, &P->kw)) < 0)
			return r;
		if (r == 0) {
			return sc_errat(P->err, P->file, P->labelpos,
					"label '%s:' names no step", P->label);
		}
	}
	for (i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++)
		if (is(&P->kw, stmts[i].kw)) {
			st = &stmts[i];
			break;
		}
	if (!st)
		return errw(P, &P->kw, "unknown statement '%s'", P->kw.s);
	if (P->label && st->cls != C_STEP)
		return sc_errat(P->err, P->file, P->labelpos,
				"a label names a step, and '%s' is not one", P->kw.s);
	if ((st->cls == C_HEAD || st->cls == C_TOPO) && (P->seen_step || P->seen_expect))
		return errw(P, &P->kw,
			    "'%s' after the first step: the header and the topology come before the steps",
			    P->kw.s);
	if (st->cls == C_STEP)
		P->seen_step = 1;
	if (st->cls == C_EXPECT)
		P->seen_expect = 1;
	if (st->cls != C_EXPECT && st->fn != p_title && st->fn != p_seed &&
	    (r = rest_words(P)) < 0)
		return r;
	r = st->fn(P);
	if (r < 0)
		return r;
	/* Blocks and raw patterns already moved on; others end their line. */
	if (P->lx.off > 0 && P->lx.p[P->lx.off - 1] != '\n')
		sc_lex_end_line(&P->lx);
	return 0;
}

int sc_parse(char *err, const char *file, const char *text, size_t len,
	     struct sc_scenario **out)
{
	struct sc_parser P;
	int r = 0;

	*out = NULL;
	memset(&P, 0, sizeof(P));
	P.err = err;
	P.file = file;
	P.sc = calloc(1, sizeof(*P.sc));
	if (!P.sc)
		return hx_err(err, -ENOMEM, "%s: out of memory", file);
	P.sc->file = strdup(file);
	if (!P.sc->file) {
		r = oom(&P);
		goto out;
	}
	if (memchr(text, '\0', len)) {
		size_t at = (size_t)((const char *)memchr(text, '\0', len) - text);
		unsigned line = 1, col = 1;
		size_t k;

		for (k = 0; k < at; k++, col++)
			if (text[k] == '\n')
				line++, col = 0;
		r = sc_errat(err, file, (struct sc_pos){ line, col }, "NUL byte in the file");
		goto out;
	}
	sc_lex_init(&P.lx, file, text, len);
	while (sc_lex_next_stmt(&P.lx)) {
		r = statement(&P);
		clear_words(&P);
		if (r < 0)
			goto out;
	}
	if (!P.have_scenario) {
		r = sc_errat(err, file, (struct sc_pos){ 1, 1 },
			     "no 'scenario NAME' statement");
		goto out;
	}
	if (!P.have_title) {
		r = sc_errat(err, file, (struct sc_pos){ 1, 1 },
			     "no 'title' statement");
		goto out;
	}
out:
	clear_words(&P);
	free(P.w);
	if (r < 0) {
		sc_free(P.sc);
		return r;
	}
	*out = P.sc;
	return 0;
}

int sc_parse_file(char *err, const char *path, struct sc_scenario **out)
{
	struct hx_buf b = HX_BUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd, r;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hx_err(err, -errno, "cannot read '%s': %s", path, strerror(errno));
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			close(fd);
			hx_buf_release(&b);
			return hx_err(err, r, "cannot read '%s': %s", path, strerror(-r));
		}
		hx_buf_put(&b, chunk, (size_t)n);
		if (b.len > (16u << 20)) {
			close(fd);
			hx_buf_release(&b);
			return hx_err(err, -EFBIG, "cannot read '%s': larger than 16 MB", path);
		}
	}
	close(fd);
	if (b.oom) {
		hx_buf_release(&b);
		return hx_err(err, -ENOMEM, "cannot read '%s': out of memory", path);
	}
	r = sc_parse(err, path, b.p ? b.p : "", b.len, out);
	hx_buf_release(&b);
	return r;
}

/* ---- freeing --------------------------------------------------------- */

static void free_tcpdump(struct sc_tcpdump *t)
{
	int i;

	if (t->parsed)
		sc_td_release(&t->td);
	for (i = 0; t->argv && i < t->argc; i++)
		free(t->argv[i]);
	free(t->argv);
	free(t->argpos);
}

static void free_argv(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

static void free_step(struct sc_step *s)
{
	free(s->label);
	free(s->hostname);
	free(s->refname);
	switch (s->kind) {
	case SC_STEP_RUN:
		free_argv(s->u.run.argv);
		break;
	case SC_STEP_CONNECT:
		free(s->u.connect.dest.text);
		break;
	case SC_STEP_SEND:
	case SC_STEP_URGENT:
		free(s->u.data.bytes);
		break;
	case SC_STEP_PING:
		free(s->u.ping.dest.text);
		break;
	case SC_STEP_UDP:
		free(s->u.udp.dest.text);
		free(s->u.udp.data.bytes);
		free(s->u.udp.dev);
		break;
	case SC_STEP_DNS:
		free(s->u.dns.dest.text);
		free(s->u.dns.qname);
		free(s->u.dns.dev);
		break;
	case SC_STEP_CAPTURE:
		free_tcpdump(&s->u.capture.cmd);
		break;
	case SC_STEP_READ:
		free_tcpdump(&s->u.read.cmd);
		break;
	default:
		break;
	}
}

static void free_expect(struct sc_expect *e)
{
	size_t i;

	free(e->srcname);
	free(e->text);
	for (i = 0; i < e->nwhen; i++)
		free(e->when[i].hostname);
	free(e->when);
	switch (e->kind) {
	case SC_EX_OUTPUT:
	case SC_EX_CONTAINS:
	case SC_EX_HAS:
	case SC_EX_LACKS:
		for (i = 0; i < e->u.output.n; i++) {
			sc_pattern_release(&e->u.output.lines[i]);
			free(e->u.output.lines[i].text);
		}
		free(e->u.output.lines);
		break;
	case SC_EX_EACH:
	case SC_EX_SAME:
		free(e->u.each.rhs.text);
		break;
	case SC_EX_GAPS:
		free(e->u.gaps.gaps);
		break;
	case SC_EX_RECEIVED:
		free(e->u.received.bytes);
		break;
	case SC_EX_LINKTYPE:
		free(e->u.linktype.name);
		break;
	case SC_EX_FILES:
		free(e->u.files.glob);
		free(e->u.files.owner);
		for (i = 0; i < e->u.files.nnames; i++)
			free(e->u.files.names[i]);
		free(e->u.files.names);
		break;
	default:
		break;
	}
}

static void free_ifref(struct sc_ifref *r)
{
	free(r->hostname);
	free(r->ifname);
}

void sc_free(struct sc_scenario *sc)
{
	size_t i;

	if (!sc)
		return;
	free(sc->file);
	free(sc->name);
	free(sc->title);
	free(sc->seed);
	for (i = 0; i < sc->nneeds; i++)
		free(sc->needs[i].arg);
	free(sc->needs);
	for (i = 0; i < sc->nhosts; i++)
		free(sc->hosts[i].name);
	free(sc->hosts);
	for (i = 0; i < sc->nlinks; i++) {
		free_ifref(&sc->links[i].end[0]);
		free_ifref(&sc->links[i].end[1]);
	}
	free(sc->links);
	for (i = 0; i < sc->nbridges; i++)
		free_ifref(&sc->bridges[i].dev);
	free(sc->bridges);
	for (i = 0; i < sc->nports; i++) {
		free_ifref(&sc->ports[i].br);
		free(sc->ports[i].ifname);
	}
	free(sc->ports);
	for (i = 0; i < sc->naddrs; i++)
		free_ifref(&sc->addrs[i].dev);
	free(sc->addrs);
	for (i = 0; i < sc->nroutes; i++) {
		free(sc->routes[i].hostname);
		free(sc->routes[i].dev);
	}
	free(sc->routes);
	for (i = 0; i < sc->nsysctls; i++) {
		free(sc->sysctls[i].hostname);
		free(sc->sysctls[i].key);
		free(sc->sysctls[i].value);
	}
	free(sc->sysctls);
	for (i = 0; i < sc->nnames; i++)
		free(sc->names[i].name);
	free(sc->names);
	for (i = 0; i < sc->nfiles; i++) {
		free(sc->files[i].name);
		free(sc->files[i].text);
	}
	free(sc->files);
	for (i = 0; i < sc->nsteps; i++)
		free_step(&sc->steps[i]);
	free(sc->steps);
	for (i = 0; i < sc->nexpects; i++)
		free_expect(&sc->expects[i]);
	free(sc->expects);
	free(sc);
}
