/* sc-parse-expect.c: the scenario's expect statements (count, output, has, lacks, each, same, gaps, outcomes, files, ...). */
#include "harness/sc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "harness/sc-lex.h"
#include "harness/sc-match.h"
#include "harness/sc-parse-int.h"
#include "netns/craft.h"

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
		return scp_missing(P, i, what, usage);
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
			return scp_missing(P, i + 1, what, usage);
		w = &P->w[i + 1];
		s = w->s;
		used = 2;
	}
	dots = c->op == SC_EQ ? strstr(s, "..") : NULL;
	if (dots) {
		char a[64];
		long long lo, hi;

		snprintf(a, sizeof(a), "%.*s", (int)(dots - s), s);
		if ((sizes ? scp_size_of(a, &lo) : scp_parse_ll(a, &lo)) < 0 ||
		    (sizes ? scp_size_of(dots + 2, &hi) : scp_parse_ll(dots + 2, &hi)) < 0)
			return scp_errw(P, w, "expected a range of numbers for %s (2..5), got '%s'",
					what, w->s);
		if (lo > hi)
			return scp_errw(P, w, "range '%s' is empty", w->s);
		c->op = SC_RANGE;
		c->a = lo;
		c->b = hi;
		return used;
	}
	if ((sizes ? scp_size_of(s, &c->a) : scp_parse_ll(s, &c->a)) < 0)
		return scp_errw(P, w, "expected a number for %s, got '%s'", what, w->s);
	if (c->a < 0)
		return scp_errw(P, w, "%s cannot be negative", what);
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
		if (scp_parse_ll(tmp, &v) < 0 || v < 0 || v > 100)
			return scp_errw(P, w, "tolerance '%s' is out of range (0%%-100%%)", w->s);
		*pct = (int)v;
		*abs = 0;
		return 0;
	}
	*pct = -1;
	if (sc_parse_duration(w->s, abs) < 0)
		return scp_errw(P, w, "expected a tolerance (20%% or 100ms), got '%s'", w->s);
	return 0;
}

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
	return scp_errw(P, w,
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
	if (!scp_is(&P->w[i], "when"))
		return scp_extra(P, i, u);
	if (++i >= P->nw)
		return scp_missing(P, i, "a condition (syn, not ack, data, from HOST ...)", u);
	while (i < P->nw) {
		struct sc_cond *c = scp_push(&e->when, &e->nwhen, sizeof(*c));
		size_t k;

		if (!c)
			return scp_oom(P);
		c->host = SC_NONE;
		if (scp_is(&P->w[i], "not")) {
			c->negate = 1;
			if (++i >= P->nw)
				return scp_missing(P, i, "a condition after 'not'", u);
		}
		c->pos = P->w[i].pos;
		for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
			if (scp_is(&P->w[i], t[k].n))
				break;
		if (k == sizeof(t) / sizeof(t[0]))
			return scp_errw(P, &P->w[i],
					"unknown condition '%s' (syn ack fin rst psh urg ece cwr data tcp udp icmp from HOST to HOST)",
					P->w[i].s);
		c->kind = t[k].k;
		c->flag = t[k].flag;
		c->proto = t[k].proto;
		i++;
		if (c->kind == SC_WHEN_FROM || c->kind == SC_WHEN_TO) {
			if (i >= P->nw)
				return scp_missing(P, i, "the host", u);
			c->pos = P->w[i].pos;
			c->hostname = scp_xdup(P, P->w[i].s);
			if (!c->hostname)
				return -ENOMEM;
			i++;
		}
	}
	return 0;
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
		return scp_missing(P, i, "a value to compare with", u);
	w = &P->w[i];
	o->pos = w->pos;
	s = w->s;
	if (s[0] == '$' || !strncmp(s, "first.", 6) || !strncmp(s, "prev.", 5) ||
	    !strncmp(s, "peer.", 5)) {
		long long k;

		/* A final +K / -K, in the word or as two more words. */
		at = offset_at(s);
		if (at) {
			scp_parse_ll(s + at + 1, &k);
			o->num = s[at] == '-' ? -k : k;
		} else if (i + 2 < P->nw &&
			   (scp_is(&P->w[i + 1], "+") || scp_is(&P->w[i + 1], "-"))) {
			if (scp_parse_ll(P->w[i + 2].s, &k) < 0 || k < 0)
				return scp_errw(P, &P->w[i + 2], "expected a number after '%s', got '%s'",
						P->w[i + 1].s, P->w[i + 2].s);
			o->num = P->w[i + 1].s[0] == '-' ? -k : k;
			used = 3;
		}
		n = at ? at : strlen(s);
		if (s[0] == '$') {
			o->kind = SC_OPND_VAR;
			o->text = strndup(s + 1, n - 1);
			if (!o->text)
				return scp_oom(P);
			if (!scp_valid_name(o->text, 64) || strchr(o->text, '-'))
				return scp_errw(P, w, "'%.*s' is not a variable ($name)", (int)n, s);
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
					scp_parse_ll(s + at + 1, &k);
				o->kind = SC_OPND_THIS;
				o->field = (enum sc_field)f;
				o->num = at && s[at] == '-' ? -k : k;
				return 1;
			}
	}
	if (!textual) {
		sc_usec d;

		if (scp_parse_ll(s, &o->num) == 0) {
			o->kind = SC_OPND_NUM;
			return 1;
		}
		if (sc_parse_duration(s, &d) == 0) {
			o->kind = SC_OPND_NUM;
			o->num = d;
			return 1;
		}
		return scp_errw(P, w, "expected a number, $variable, first.FIELD, prev.FIELD or peer.FIELD, got '%s'",
				s);
	}
	o->kind = SC_OPND_TEXT;
	o->text = scp_xdup(P, s);
	return o->text ? 1 : -ENOMEM;
}

static int pattern_add(struct sc_parser *P, struct sc_expect *e, const char *s,
		       size_t n, struct sc_pos pos)
{
	struct sc_pattern *p = scp_push(&e->u.output.lines, &e->u.output.n, sizeof(*p));

	if (!p)
		return scp_oom(P);
	p->pos = pos;
	p->text = strndup(s, n);
	if (!p->text)
		return scp_oom(P);
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
	const char *u = "expect NAME count|output|has|lacks|each|same|gaps|OUTCOME|received|exit|replies|sent|loss|same-as ... | expect NAME stdout|stderr|ladder has|lacks|output ... | expect FILE pcap count|has|lacks ... | expect files GLOB ...";
	struct sc_expect *e;
	struct sc_word w;
	const struct sc_word *v;
	size_t i;
	int r, k;

	e = scp_push(&P->sc->expects, &P->sc->nexpects, sizeof(*e));
	if (!e)
		return scp_oom(P);
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
			return scp_oom(P);
	}
	/* The subject, then the verb, one word at a time: has and lacks
	 * take the rest of the line raw. */
	if ((r = sc_lex_word(&P->lx, P->err, &w)) < 0)
		return r;
	if (r == 0)
		return scp_errw(P, &P->kw, "'expect' needs a subject; usage: %s", u);
	if (!(v = scp_push(&P->w, &P->nw, sizeof(w)))) {
		sc_word_free(&w);
		return scp_oom(P);
	}
	P->w[0] = w;
	if (scp_is(&P->w[0], "files")) {
		const char *uf = "expect files GLOB [count C] [size C] [owner USER] [names NAME...]";

		e->kind = SC_EX_FILES;
		if ((r = scp_rest_words(P)) < 0)
			return r;
		if (P->nw < 2)
			return scp_missing(P, 1, "the glob", uf);
		v = &P->w[1];
		if (v->s[0] == '/' || strstr(v->s, ".."))
			return scp_errw(P, v, "glob '%s' must stay in the scenario's directory",
					v->s);
		e->u.files.glob = scp_xdup(P, v->s);
		if (!e->u.files.glob)
			return -ENOMEM;
		if (P->nw == 2)
			return scp_missing(P, 2, "a condition (count, size, owner, names)", uf);
		for (i = 2; i < P->nw;) {
			if (scp_is(&P->w[i], "count") && !e->u.files.has_count) {
				k = numcond(P, i + 1, &e->u.files.count, "count", 0, uf);
				if (k < 0)
					return k;
				e->u.files.has_count = 1;
				i += 1 + (size_t)k;
			} else if (scp_is(&P->w[i], "size") && !e->u.files.has_size) {
				k = numcond(P, i + 1, &e->u.files.size, "size", 1, uf);
				if (k < 0)
					return k;
				e->u.files.has_size = 1;
				i += 1 + (size_t)k;
			} else if (scp_is(&P->w[i], "owner") && !e->u.files.owner) {
				if (i + 1 >= P->nw)
					return scp_missing(P, i + 1, "the owner", uf);
				e->u.files.owner = scp_xdup(P, P->w[i + 1].s);
				if (!e->u.files.owner)
					return -ENOMEM;
				i += 2;
			} else if (scp_is(&P->w[i], "names") && !e->u.files.names) {
				size_t j;

				if (i + 1 >= P->nw)
					return scp_missing(P, i + 1, "the names", uf);
				/* nnames only once names exists: sc_free reads both. */
				e->u.files.names = calloc(P->nw - i - 1, sizeof(char *));
				if (!e->u.files.names)
					return scp_oom(P);
				e->u.files.nnames = P->nw - i - 1;
				for (j = 0; j < e->u.files.nnames; j++)
					if (!(e->u.files.names[j] = scp_xdup(P, P->w[i + 1 + j].s)))
						return -ENOMEM;
				qsort(e->u.files.names, e->u.files.nnames, sizeof(char *),
				      cmpstr);
				for (j = 1; j < e->u.files.nnames; j++)
					if (!strcmp(e->u.files.names[j - 1], e->u.files.names[j]))
						return scp_errw(P, &P->w[i + 1],
								"file '%s' is named twice",
								e->u.files.names[j]);
				i = P->nw;
			} else {
				return scp_extra(P, i, uf);
			}
		}
		return 0;
	}
	e->srcname = scp_xdup(P, P->w[0].s);
	e->srcpos = P->w[0].pos;
	if (!e->srcname)
		return -ENOMEM;
	if ((r = sc_lex_word(&P->lx, P->err, &w)) < 0)
		return r;
	if (r == 0)
		return scp_missing(P, 1, "what to expect", u);
	if (!scp_push(&P->w, &P->nw, sizeof(w))) {
		sc_word_free(&w);
		return scp_oom(P);
	}
	P->w[1] = w;
	v = &P->w[1];
	/*
	 * A text or a file before the verb: `expect td stderr has ...`,
	 * `expect cap ladder output`, `expect f.pcap pcap count 3`. The verb
	 * then takes the selector's place, so what follows reads as usual.
	 */
	if (scp_is(v, "stdout") || scp_is(v, "stderr") || scp_is(v, "ladder") ||
	    scp_is(v, "pcap")) {
		int pcap = scp_is(v, "pcap");
		struct sc_word sel = *v;

		e->text_of = scp_is(v, "stdout") ? SC_TEXT_STDOUT :
			     scp_is(v, "stderr") ? SC_TEXT_STDERR :
			     scp_is(v, "ladder") ? SC_TEXT_LADDER : SC_TEXT_MAIN;
		if ((r = sc_lex_word(&P->lx, P->err, &w)) < 0)
			return r;
		if (r == 0)
			return scp_errw(P, &sel, "'%s' needs %s after it", sel.s,
					pcap ? "count, has or lacks" : "has, lacks or output");
		if ((pcap && !scp_is(&w, "count") && !scp_is(&w, "has") &&
		     !scp_is(&w, "lacks")) ||
		    (!pcap && !scp_is(&w, "has") && !scp_is(&w, "lacks") &&
		     !scp_is(&w, "output"))) {
			r = scp_errw(P, &w, "expected %s after '%s', got '%s'",
				     pcap ? "count, has or lacks" : "has, lacks or output",
				     sel.s, w.s);
			sc_word_free(&w);
			return r;
		}
		sc_word_free(&P->w[1]);
		P->w[1] = w;
		v = &P->w[1];
		if (pcap) {
			if (scp_is(v, "count")) {
				const char *up = "expect FILE pcap count N | >= N | A..B";

				e->kind = SC_EX_PCAP_COUNT;
				if ((r = scp_rest_words(P)) < 0)
					return r;
				k = numcond(P, 2, &e->u.count, "count", 0, up);
				if (k < 0)
					return k;
				return 2 + (size_t)k < P->nw ? scp_extra(P, 2 + (size_t)k, up) : 0;
			}
			/* has, lacks: below, then made savefile kinds */
			e->kind = SC_EX_PCAP_HAS;
		}
	}
	if (scp_is(v, "has") || scp_is(v, "lacks")) {
		struct sc_word rest;

		if (e->kind == SC_EX_PCAP_HAS)
			e->kind = scp_is(v, "has") ? SC_EX_PCAP_HAS : SC_EX_PCAP_LACKS;
		else
			e->kind = scp_is(v, "has") ? SC_EX_HAS : SC_EX_LACKS;
		r = sc_lex_rest(&P->lx, &rest);
		if (r < 0)
			return scp_oom(P);
		if (r == 0)
			return scp_missing(P, 2, "a line pattern", "expect NAME has|lacks PATTERN");
		r = pattern_add(P, e, rest.s, rest.len, rest.pos);
		sc_word_free(&rest);
		if (r == 0 && e->u.output.lines[0].any_lines)
			return sc_errat(P->err, P->file, e->u.output.lines[0].pos,
					"'...' alone matches any lines: give a pattern");
		return r;
	}
	if ((r = scp_rest_words(P)) < 0)
		return r;
	v = &P->w[1];
	if (scp_is(v, "output")) {
		const char *uo = "expect NAME output [contains], then pattern lines, then end";
		struct rawline *rl = NULL;
		size_t nl = 0;

		e->kind = SC_EX_OUTPUT;
		if (P->nw > 2) {
			if (!scp_is(&P->w[2], "contains") || P->nw > 3)
				return scp_extra(P, P->nw > 2 && scp_is(&P->w[2], "contains") ? 3 : 2, uo);
			e->kind = SC_EX_CONTAINS;
		}
		if ((r = scp_block(P, v, &rl, &nl)) < 0) {
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
			return scp_errw(P, v, "'output contains' needs at least one pattern line");
		return 0;
	}
	if (scp_is(v, "same-as")) {
		const char *us = "expect CAPTURE same-as CAPTURE";

		e->kind = SC_EX_SAME_AS;
		e->u.same_as.other = SC_NONE;
		if (P->nw < 3)
			return scp_missing(P, 2, "the capture or read to compare with", us);
		if (P->nw > 3)
			return scp_extra(P, 3, us);
		e->u.same_as.othername = scp_xdup(P, P->w[2].s);
		e->u.same_as.otherpos = P->w[2].pos;
		return e->u.same_as.othername ? 0 : -ENOMEM;
	}
	if (scp_is(v, "sent") || scp_is(v, "loss")) {
		const char *us = scp_is(v, "sent") ? "expect PING sent N | sent >= N"
						   : "expect PING loss N | loss <= N (percent)";

		e->kind = scp_is(v, "sent") ? SC_EX_SENT : SC_EX_LOSS;
		k = numcond(P, 2, &e->u.count, v->s, 0, us);
		if (k < 0)
			return k;
		return 2 + (size_t)k < P->nw ? scp_extra(P, 2 + (size_t)k, us) : 0;
	}
	if (scp_is(v, "count") || scp_is(v, "replies")) {
		const char *uc = scp_is(v, "count") ? "expect NAME count N | count >= N | count A..B"
						: "expect NAME replies N | replies >= N";

		e->kind = scp_is(v, "count") ? SC_EX_COUNT : SC_EX_REPLIES;
		k = numcond(P, 2, &e->u.count, scp_is(v, "count") ? "count" : "replies", 0, uc);
		if (k < 0)
			return k;
		if (e->kind == SC_EX_COUNT)
			return when(P, e, 2 + (size_t)k, uc);
		return 2 + (size_t)k < P->nw ? scp_extra(P, 2 + (size_t)k, uc) : 0;
	}
	if (scp_is(v, "none")) {
		e->kind = SC_EX_COUNT;
		e->u.count.op = SC_EQ;
		e->u.count.a = 0;
		return when(P, e, 2, "expect NAME none [when COND...]");
	}
	if (scp_is(v, "linktype")) {
		const char *ul = "expect NAME linktype EN10MB|LINUX_SLL|LINUX_SLL2|NFLOG|NETLINK|...";
		long long n;

		e->kind = SC_EX_LINKTYPE;
		if (P->nw < 3)
			return scp_missing(P, 2, "a link type", ul);
		if (P->nw > 3)
			return scp_extra(P, 3, ul);
		if (scp_parse_ll(P->w[2].s, &n) == 0 && n >= 0 && n < 65536)
			e->u.linktype.dlt = (int)n;
		else if ((e->u.linktype.dlt = pcap_datalink_name_to_val(P->w[2].s)) < 0)
			return scp_errw(P, &P->w[2], "unknown link type '%s' (EN10MB, LINUX_SLL, LINUX_SLL2, NFLOG, NETLINK, RAW ...)",
					P->w[2].s);
		e->u.linktype.name = scp_xdup(P, P->w[2].s);
		return e->u.linktype.name ? 0 : -ENOMEM;
	}
	if (scp_is(v, "each")) {
		const char *ue = "expect NAME each FIELD ==|!=|<|<=|>|>= VALUE [when COND...]";
		static const struct {
			const char *s;
			enum sc_cmp op;
		} ops[] = { { "==", SC_EQ }, { "!=", SC_NE }, { "<", SC_LT },
			    { "<=", SC_LE }, { ">", SC_GT }, { ">=", SC_GE } };
		size_t j;

		e->kind = SC_EX_EACH;
		if (P->nw < 3)
			return scp_missing(P, 2, "a field", ue);
		if ((r = field(P, &P->w[2], &e->u.each.field)) < 0)
			return r;
		if (P->nw < 4)
			return scp_missing(P, 3, "a comparison (== != < <= > >=)", ue);
		for (j = 0; j < sizeof(ops) / sizeof(ops[0]); j++)
			if (scp_is(&P->w[3], ops[j].s))
				break;
		if (j == sizeof(ops) / sizeof(ops[0]))
			return scp_errw(P, &P->w[3], "expected a comparison (== != < <= > >=), got '%s'",
					P->w[3].s);
		e->u.each.op = ops[j].op;
		/* tcpdump's flag names where the number goes: flags == syn|ack */
		if (e->u.each.field == SC_F_FLAGS && P->nw > 4 &&
		    !isdigit((unsigned char)P->w[4].s[0]) && P->w[4].s[0] != '$' &&
		    strncmp(P->w[4].s, "first.", 6) && strncmp(P->w[4].s, "prev.", 5) &&
		    strncmp(P->w[4].s, "peer.", 5)) {
			size_t bad;
			int f = ns_tcp_flags_parse(P->w[4].s, &bad);

			if (f < 0) {
				struct sc_word at = P->w[4];

				at.pos.col += (unsigned)bad;
				return scp_errw(P, &at, "'%s' is not TCP flags (syn|ack, 0x12, S.)",
						P->w[4].s);
			}
			e->u.each.rhs.kind = SC_OPND_NUM;
			e->u.each.rhs.num = f;
			e->u.each.rhs.pos = P->w[4].pos;
			return when(P, e, 5, ue);
		}
		k = operand(P, 4, &e->u.each.rhs, text_field(e->u.each.field), ue);
		if (k < 0)
			return k;
		if (text_field(e->u.each.field) && e->u.each.op != SC_EQ &&
		    e->u.each.op != SC_NE)
			return scp_errw(P, &P->w[3], "field '%s' compares only with == or !=",
					P->w[2].s);
		return when(P, e, 4 + (size_t)k, ue);
	}
	if (scp_is(v, "same")) {
		const char *us = "expect NAME same FIELD [when COND...]";

		e->kind = SC_EX_SAME;
		if (P->nw < 3)
			return scp_missing(P, 2, "a field", us);
		if ((r = field(P, &P->w[2], &e->u.each.field)) < 0)
			return r;
		e->u.each.op = SC_EQ;
		e->u.each.rhs.kind = SC_OPND_FIRST;
		e->u.each.rhs.field = e->u.each.field;
		return when(P, e, 3, us);
	}
	if (scp_is(v, "gaps")) {
		const char *ug = "expect NAME gaps D... [...] [within 20%|D] [when COND...]";

		e->kind = SC_EX_GAPS;
		e->u.gaps.tol_pct = 10;
		for (i = 2; i < P->nw; i++) {
			sc_usec d, *ng;

			if (scp_is(&P->w[i], "...")) {
				e->u.gaps.more = 1;
				i++;
				break;
			}
			if (scp_is(&P->w[i], "within") || scp_is(&P->w[i], "when"))
				break;
			if (sc_parse_duration(P->w[i].s, &d) < 0)
				return scp_errw(P, &P->w[i], "expected a gap (1s, 200ms), got '%s'",
						P->w[i].s);
			ng = realloc(e->u.gaps.gaps, (e->u.gaps.n + 1) * sizeof(*ng));
			if (!ng)
				return scp_oom(P);
			e->u.gaps.gaps = ng;
			ng[e->u.gaps.n++] = d;
		}
		if (!e->u.gaps.n)
			return scp_missing(P, 2, "at least one gap", ug);
		if (i < P->nw && scp_is(&P->w[i], "within")) {
			if (i + 1 >= P->nw)
				return scp_missing(P, i + 1, "the tolerance", ug);
			if ((r = tolerance(P, &P->w[i + 1], &e->u.gaps.tol_pct,
					   &e->u.gaps.tol)) < 0)
				return r;
			i += 2;
		}
		return when(P, e, i, ug);
	}
	for (k = SC_OUT_CONNECTED; k <= SC_OUT_EOF; k++)
		if (scp_is(v, outcome_names[k])) {
			const char *uo = "expect CONN connected|refused|timed-out|unreachable|reset|eof [after D [within 20%|D]]";

			e->kind = SC_EX_OUTCOME;
			e->u.outcome.what = (enum sc_outcome)k;
			e->u.outcome.tol_pct = 10;
			if (P->nw == 2)
				return 0;
			if (!scp_is(&P->w[2], "after"))
				return scp_extra(P, 2, uo);
			if (P->nw < 4)
				return scp_missing(P, 3, "a duration", uo);
			if ((r = scp_dur(P, &P->w[3], "after", HOUR, &e->u.outcome.after)) < 0)
				return r;
			e->u.outcome.has_after = 1;
			if (P->nw == 4)
				return 0;
			if (!scp_is(&P->w[4], "within"))
				return scp_extra(P, 4, uo);
			if (P->nw < 6)
				return scp_missing(P, 5, "the tolerance", uo);
			if ((r = tolerance(P, &P->w[5], &e->u.outcome.tol_pct,
					   &e->u.outcome.tol)) < 0)
				return r;
			return P->nw > 6 ? scp_extra(P, 6, uo) : 0;
		}
	if (scp_is(v, "received")) {
		const char *ur = "expect CONN received \"TEXT\" | hex HEX | N bytes";

		e->kind = SC_EX_RECEIVED;
		k = scp_data(P, 2, &e->u.received, ur);
		if (k < 0)
			return k;
		return 2 + (size_t)k < P->nw ? scp_extra(P, 2 + (size_t)k, ur) : 0;
	}
	if (scp_is(v, "exit")) {
		long long st;

		e->kind = SC_EX_EXIT;
		if (P->nw < 3)
			return scp_missing(P, 2, "the exit status", "expect RUN exit N");
		if ((r = scp_num(P, &P->w[2], "exit status", 0, 255, &st)) < 0)
			return r;
		e->u.exit.status = (int)st;
		return P->nw > 3 ? scp_extra(P, 3, "expect RUN exit N") : 0;
	}
	return scp_errw(P, v, "unknown expectation '%s'; usage: %s", v->s, u);
}

const struct scp_stmt scp_expect_stmts[] = {
	{ "expect", p_expect, C_EXPECT, 0 },
};
const size_t scp_expect_nstmts = sizeof(scp_expect_stmts) / sizeof(scp_expect_stmts[0]);
