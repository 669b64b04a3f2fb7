/* sc-parse.c: scenario statements into the syntax tree of sc.h (syntax and value ranges; names are sc-check.c's): the parser's shared helpers, the statement driver and sc_free. The statements are in sc-parse-{topo,steps,expect}.c. */
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

#include "harness/sc-lex.h"
#include "harness/sc-match.h"
#include "harness/sc-parse-int.h"

/* ---- small helpers --------------------------------------------------- */

int scp_oom(struct sc_parser *P)
{
	return hx_err(P->err, -ENOMEM, "%s: out of memory", P->file);
}

int scp_errw(struct sc_parser *P, const struct sc_word *w, const char *fmt, ...)
{
	char msg[HX_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sc_errat(P->err, P->file, w->pos, "%s", msg);
}

/* Grows *arr by one zeroed element of size sz; returns it or NULL. */
void *scp_push(void *arrp, size_t *n, size_t sz)
{
	void **arr = arrp;
	char *na = realloc(*arr, (*n + 1) * sz);

	if (!na)
		return NULL;
	*arr = na;
	memset(na + *n * sz, 0, sz);
	return na + (*n)++ * sz;
}

char *scp_xdup(struct sc_parser *P, const char *s)
{
	char *d = strdup(s);

	if (!d)
		scp_oom(P);
	return d;
}

int scp_is(const struct sc_word *w, const char *s)
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

int scp_missing(struct sc_parser *P, size_t i, const char *what, const char *usage)
{
	struct sc_word tmp;

	return scp_errw(P, word_or_end(P, i, &tmp), "missing %s; usage: %s", what,
			usage);
}

int scp_extra(struct sc_parser *P, size_t i, const char *usage)
{
	return scp_errw(P, &P->w[i], "unexpected '%s'; usage: %s", P->w[i].s, usage);
}

/* A name: a letter, then letters, digits, '_' and '-'. */
int scp_valid_name(const char *s, size_t max)
{
	size_t i, n = strlen(s);

	if (!n || n > max || !isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

int scp_parse_ll(const char *s, long long *out)
{
	char *e;

	if (!*s || (!isdigit((unsigned char)*s) && *s != '-'))
		return -1;
	errno = 0;
	/* 0x14 is hex, as tcpdump users write flags; 010 stays ten */
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!isxdigit((unsigned char)s[2]))
			return -1;
		*out = strtoll(s + 2, &e, 16);
	} else {
		*out = strtoll(s, &e, 10);
	}
	return (*e || errno) ? -1 : 0;
}

/* A whole number within [min, max] named what. */
int scp_num(struct sc_parser *P, const struct sc_word *w, const char *what,
	    long long min, long long max, long long *out)
{
	if (scp_parse_ll(w->s, out) < 0)
		return scp_errw(P, w, "expected a number for %s, got '%s'", what, w->s);
	if (*out < min || *out > max)
		return scp_errw(P, w, "%s %lld is out of range (%lld-%lld)", what, *out,
				min, max);
	return 0;
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
int scp_dur(struct sc_parser *P, const struct sc_word *w, const char *what,
	    sc_usec max, sc_usec *out)
{
	char b[32];

	if (sc_parse_duration(w->s, out) < 0) {
		if (scp_parse_ll(w->s, &(long long){ 0 }) == 0)
			return scp_errw(P, w, "%s '%s' needs a unit (us, ms, s, m)", what,
					w->s);
		return scp_errw(P, w, "expected a duration for %s (1s, 200ms), got '%s'",
				what, w->s);
	}
	if (*out <= 0)
		return scp_errw(P, w, "%s must be longer than 0", what);
	if (*out > max)
		return scp_errw(P, w, "%s %s is longer than %s", what, w->s,
				sc_duration_str(max, b, sizeof(b)));
	return 0;
}


/* A size: digits, optionally k, M or G (powers of 1000, as tcpdump's -C). */
int scp_size_of(const char *s, long long *out)
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

int scp_inaddr(const char *s, struct sc_inaddr *a)
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





int scp_hostword(struct sc_parser *P, const struct sc_word *w, char **name,
		 struct sc_pos *pos)
{
	if (!scp_valid_name(w->s, 31))
		return scp_errw(P, w, "'%s' is not a host name", w->s);
	*name = scp_xdup(P, w->s);
	*pos = w->pos;
	return *name ? 0 : -ENOMEM;
}

/* Data: "text" | hex HEX | N bytes | word. Returns the words used, or < 0. */
int scp_data(struct sc_parser *P, size_t i, struct sc_data *d, const char *usage)
{
	const struct sc_word *w;
	long long n;

	if (i >= P->nw)
		return scp_missing(P, i, "data", usage);
	w = &P->w[i];
	if (scp_is(w, "hex")) {
		const struct sc_word *h;
		size_t k, len;

		if (i + 1 >= P->nw)
			return scp_missing(P, i + 1, "hex digits", usage);
		h = &P->w[i + 1];
		len = strlen(h->s);
		if (!len || len % 2)
			return scp_errw(P, h, "'%s' is not an even number of hex digits", h->s);
		d->bytes = malloc(len / 2 + 1);
		if (!d->bytes)
			return scp_oom(P);
		for (k = 0; k < len; k += 2) {
			unsigned v;

			if (!isxdigit((unsigned char)h->s[k]) ||
			    !isxdigit((unsigned char)h->s[k + 1]) ||
			    sscanf(h->s + k, "%2x", &v) != 1)
				return scp_errw(P, h, "'%s' is not hex", h->s);
			d->bytes[k / 2] = (uint8_t)v;
		}
		d->len = len / 2;
		return 2;
	}
	if (!w->quoted && i + 1 < P->nw && scp_is(&P->w[i + 1], "bytes")) {
		if (scp_size_of(w->s, &n) < 0 || n <= 0 || n > (1LL << 32))
			return scp_errw(P, w, "'%s' is not a byte count (1 to 4G)", w->s);
		d->len = (size_t)n;
		return 2;
	}
	d->bytes = malloc(w->len + 1);
	if (!d->bytes)
		return scp_oom(P);
	memcpy(d->bytes, w->s, w->len + 1);
	d->len = w->len;
	return 1;
}




/* The lines of a block (sc-parse-int.h). */
int scp_block(struct sc_parser *P, const struct sc_word *opener,
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
		rl = scp_push(lines, n, sizeof(*rl));
		if (!rl)
			return scp_oom(P);
		rl->s = s;
		rl->n = len;
		rl->line = line;
	}
	return scp_errw(P, opener, "'%s' opens a block that has no 'end' line", opener->s);
}

#define MAX_WORDS 4096

/* Reads the rest of a statement's words into P->w. */
int scp_rest_words(struct sc_parser *P)
{
	struct sc_word w;
	int r;

	while ((r = sc_lex_word(&P->lx, P->err, &w)) > 0) {
		struct sc_word *n;

		if (P->nw >= MAX_WORDS) {
			sc_word_free(&w);
			return sc_errat(P->err, P->file, w.pos, "statement has too many words");
		}
		n = scp_push(&P->w, &P->nw, sizeof(*n));
		if (!n) {
			sc_word_free(&w);
			return scp_oom(P);
		}
		*n = w;
	}
	return r;
}

/* ---- statements ------------------------------------------------------ */

/* The statement tables of sc-parse-{topo,steps,expect}.c. */
static const struct {
	const struct scp_stmt *v;
	const size_t *n;
} tables[] = {
	{ scp_topo_stmts, &scp_topo_nstmts },
	{ scp_step_stmts, &scp_step_nstmts },
	{ scp_expect_stmts, &scp_expect_nstmts },
};

static const struct scp_stmt *lookup(const struct sc_word *kw)
{
	size_t t, i;

	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (i = 0; i < *tables[t].n; i++)
			if (scp_is(kw, tables[t].v[i].kw))
				return &tables[t].v[i];
	return NULL;
}

static const char *const step_names[] = {
	[SC_STEP_RUN] = "run", [SC_STEP_LISTEN] = "listen",
	[SC_STEP_ACCEPT] = "accept", [SC_STEP_CONNECT] = "connect",
	[SC_STEP_SEND] = "send", [SC_STEP_URGENT] = "urgent",
	[SC_STEP_RECV] = "recv", [SC_STEP_BULK] = "bulk",
	[SC_STEP_HALFCLOSE] = "half-close", [SC_STEP_CLOSE] = "close",
	[SC_STEP_ABORT] = "abort", [SC_STEP_PING] = "ping",
	[SC_STEP_UDP] = "udp", [SC_STEP_DNS] = "dns", [SC_STEP_NFS] = "nfs", [SC_STEP_WAIT] = "wait",
	[SC_STEP_CAPTURE] = "capture", [SC_STEP_READ] = "read",
	[SC_STEP_AWAIT] = "await", [SC_STEP_STOP] = "stop",
	[SC_STEP_DUMP] = "dump", [SC_STEP_START] = "start",
	[SC_STEP_SIGNAL] = "signal", [SC_STEP_WAITPROC] = "wait",
	[SC_STEP_AWAITTEXT] = "await", [SC_STEP_INJECT] = "inject",
	[SC_STEP_TCP] = "tcp",
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
	const struct scp_stmt *st;
	int r;

	P->stmt_off = P->lx.off;
	P->stmt_line = P->lx.line;
	if ((r = sc_lex_word(&P->lx, P->err, &P->kw)) <= 0)
		return r;
	/* LABEL: before a step */
	if (!P->kw.quoted && P->kw.len > 1 && P->kw.s[P->kw.len - 1] == ':') {
		P->kw.s[--P->kw.len] = '\0';
		if (!scp_valid_name(P->kw.s, 64))
			return scp_errw(P, &P->kw, "'%s' is not a name for a step", P->kw.s);
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
	st = lookup(&P->kw);
	if (!st)
		return scp_errw(P, &P->kw, "unknown statement '%s'", P->kw.s);
	if (P->label && st->cls != C_STEP)
		return sc_errat(P->err, P->file, P->labelpos,
				"a label names a step, and '%s' is not one", P->kw.s);
	if ((st->cls == C_HEAD || st->cls == C_TOPO) && (P->seen_step || P->seen_expect))
		return scp_errw(P, &P->kw,
				"'%s' after the first step: the header and the topology come before the steps",
				P->kw.s);
	if (st->cls == C_STEP)
		P->seen_step = 1;
	if (st->cls == C_EXPECT)
		P->seen_expect = 1;
	if (st->cls != C_EXPECT && !st->own_words &&
	    (r = scp_rest_words(P)) < 0)
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
		r = scp_oom(&P);
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
	case SC_STEP_LISTEN:
		free(s->u.listen.zone);
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
	case SC_STEP_NFS:
		free(s->u.nfs.dest.text);
		free(s->u.nfs.path);
		free(s->u.nfs.name);
		break;
	case SC_STEP_CAPTURE:
		free_tcpdump(&s->u.capture.cmd);
		break;
	case SC_STEP_READ:
		free_tcpdump(&s->u.read.cmd);
		break;
	case SC_STEP_START:
		free_argv(s->u.start.argv);
		free(s->u.start.ready);
		break;
	case SC_STEP_AWAITTEXT:
		free(s->u.awaittext.text);
		break;
	case SC_STEP_INJECT:
		free(s->u.inject.ifname);
		free(s->u.inject.frame.bytes);
		free(s->u.inject.file);
		break;
	case SC_STEP_TCP:
		free(s->u.tcp.dest.text);
		free(s->u.tcp.opts);
		free(s->u.tcp.data.bytes);
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
	case SC_EX_PCAP_HAS:
	case SC_EX_PCAP_LACKS:
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
	case SC_EX_SAME_AS:
		free(e->u.same_as.othername);
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
	for (i = 0; i < sc->nshapes; i++)
		free_ifref(&sc->shapes[i].dev);
	free(sc->shapes);
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
