/* sc-match.c: compiles line patterns to tokens and matches them, with backtracking and variables. */
#include "harness/sc-match.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/sc-lex.h"

/* ---- compiling ------------------------------------------------------- */

static int add_tok(struct sc_pattern *p, size_t *cap, struct sc_ptok t)
{
	if (p->ntoks == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct sc_ptok *n = realloc(p->toks, nc * sizeof(*n));

		if (!n)
			return -ENOMEM;
		p->toks = n;
		*cap = nc;
	}
	p->toks[p->ntoks++] = t;
	return 0;
}

/* Appends one literal byte, extending the last LIT token when it is one. */
static int add_lit(struct sc_pattern *p, size_t *cap, char c, unsigned col)
{
	struct sc_ptok *t = p->ntoks ? &p->toks[p->ntoks - 1] : NULL;
	char *n;

	if (!t || t->kind != SC_PT_LIT) {
		struct sc_ptok nt = { SC_PT_LIT, NULL, 0, 0, 0, 0, col };

		if (add_tok(p, cap, nt) < 0)
			return -ENOMEM;
		t = &p->toks[p->ntoks - 1];
	}
	n = realloc(t->text, t->len + 2);
	if (!n)
		return -ENOMEM;
	n[t->len++] = c;
	n[t->len] = '\0';
	t->text = n;
	return 0;
}

/* A decimal number at s: -?digits(.digits)?; its length, or 0. */
static size_t num_len(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && s[i] == '-')
		i++;
	while (i < n && isdigit((unsigned char)s[i]))
		i++, d++;
	if (!d)
		return 0;
	if (i + 1 < n && s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
		i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
	}
	return i;
}

int sc_pattern_compile(char *err, const char *file, struct sc_pattern *p)
{
	const char *s = p->text;
	size_t n = strlen(s), i = 0, cap = 0, end;
	int rest = 0;

	p->toks = NULL;
	p->ntoks = 0;
	/* Blanks at either end are not compared. */
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	end = n;
	/* A final " ..." is the rest of the line: nothing, or a blank and
	 * whatever follows it. */
	if (n >= i + 4 && !memcmp(s + n - 3, "...", 3) && s[n - 4] == ' ') {
		rest = 1;
		end = n - 4;
	}
	while (i < end) {
		unsigned col = (unsigned)i;
		struct sc_pos at = { p->pos.line, p->pos.col + (unsigned)i };
		char c = s[i];

		if (c == '\\' && i + 1 < end && strchr("*${.\\", s[i + 1])) {
			if (add_lit(p, &cap, s[i + 1], col) < 0)
				goto oom;
			i += 2;
		} else if (c == '*') {
			struct sc_ptok t = { SC_PT_STAR, NULL, 0, 0, 0, 0, col };

			if (!p->ntoks || p->toks[p->ntoks - 1].kind != SC_PT_STAR)
				if (add_tok(p, &cap, t) < 0)
					goto oom;
			i++;
		} else if (c == '$' && i + 1 < end &&
			   (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '_')) {
			struct sc_ptok t = { SC_PT_BIND, NULL, 0, 0, 0, 0, col };
			size_t b = ++i;

			while (i < end && (isalnum((unsigned char)s[i]) || s[i] == '_'))
				i++;
			t.text = strndup(s + b, i - b);
			if (!t.text)
				goto oom;
			if (i + 1 < end && (s[i] == '+' || s[i] == '-') &&
			    isdigit((unsigned char)s[i + 1])) {
				char *e;

				errno = 0;
				t.off = strtoll(s + i + 1, &e, 10);
				if (errno) {
					free(t.text);
					sc_pattern_release(p);
					return sc_errat(err, file, at,
							"offset of '$%.*s' is too large",
							(int)(i - b), s + b);
				}
				if (s[i] == '-')
					t.off = -t.off;
				i = (size_t)(e - s);
			}
			if (add_tok(p, &cap, t) < 0) {
				free(t.text);
				goto oom;
			}
		} else if (c == '{') {
			size_t a = num_len(s + i + 1, end - i - 1), b2;

			if (a && i + 1 + a + 2 <= end && s[i + 1 + a] == '.' &&
			    s[i + 2 + a] == '.' &&
			    (b2 = num_len(s + i + 3 + a, end - i - 3 - a)) &&
			    i + 3 + a + b2 < end && s[i + 3 + a + b2] == '}') {
				struct sc_ptok t = { SC_PT_NUM, NULL, 0, 0, 0, 0, col };

				t.lo = strtod(s + i + 1, NULL);
				t.hi = strtod(s + i + 3 + a, NULL);
				if (t.lo > t.hi) {
					sc_pattern_release(p);
					return sc_errat(err, file, at,
							"number range '%.*s' is empty",
							(int)(a + b2 + 4), s + i);
				}
				if (add_tok(p, &cap, t) < 0)
					goto oom;
				i += a + b2 + 4;
			} else {
				if (add_lit(p, &cap, c, col) < 0)
					goto oom;
				i++;
			}
		} else {
			if (add_lit(p, &cap, c, col) < 0)
				goto oom;
			i++;
		}
	}
	if (rest) {
		struct sc_ptok t = { SC_PT_REST, NULL, 0, 0, 0, 0, (unsigned)end };

		if (add_tok(p, &cap, t) < 0)
			goto oom;
	}
	return 0;
oom:
	sc_pattern_release(p);
	return hx_err(err, -ENOMEM, "%s: out of memory", file);
}

void sc_pattern_release(struct sc_pattern *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->ntoks; i++)
		free(p->toks[i].text);
	free(p->toks);
	p->toks = NULL;
	p->ntoks = 0;
}

/* ---- variables ------------------------------------------------------- */

void sc_env_init(struct sc_env *e)
{
	e->v = NULL;
	e->n = e->cap = 0;
}

void sc_env_undo(struct sc_env *e, size_t mark)
{
	while (e->n > mark) {
		e->n--;
		free(e->v[e->n].name);
		free(e->v[e->n].value);
	}
}

void sc_env_release(struct sc_env *e)
{
	if (!e)
		return;
	sc_env_undo(e, 0);
	free(e->v);
	sc_env_init(e);
}

const struct sc_var *sc_env_get(const struct sc_env *e, const char *name)
{
	size_t i;

	for (i = e->n; i-- > 0;)
		if (!strcmp(e->v[i].name, name))
			return &e->v[i];
	return NULL;
}

int sc_env_push(struct sc_env *e, const char *name, const char *value,
		size_t vlen, size_t expect)
{
	struct sc_var v;

	if (e->n == e->cap) {
		size_t nc = e->cap ? e->cap * 2 : 8;
		struct sc_var *n = realloc(e->v, nc * sizeof(*n));

		if (!n)
			return -ENOMEM;
		e->v = n;
		e->cap = nc;
	}
	v.name = strdup(name);
	v.value = strndup(value, vlen);
	v.expect = expect;
	if (!v.name || !v.value) {
		free(v.name);
		free(v.value);
		return -ENOMEM;
	}
	e->v[e->n++] = v;
	return 0;
}

int sc_ref_text(const char *value, long long off, char *buf, size_t len)
{
	unsigned long long v;
	long long r;
	char *e;

	if (!off) {
		snprintf(buf, len, "%s", value);
		return 0;
	}
	errno = 0;
	v = strtoull(value, &e, 10);
	if (!*value || *e || errno || !isdigit((unsigned char)*value) ||
	    v > (unsigned long long)1 << 62)
		return -EINVAL;
	r = (long long)v + off;
	/* A 32-bit value wraps as TCP sequence numbers do. */
	if (v <= 0xffffffffULL) {
		if (r > 0xffffffffLL)
			r -= 0x100000000LL;
		else if (r < 0)
			r += 0x100000000LL;
	}
	snprintf(buf, len, "%lld", r);
	return 0;
}

/* ---- matching -------------------------------------------------------- */

#define MATCH_BUDGET 200000

struct mstate {
	const struct sc_pattern *p;
	const char *s;
	size_t n;
	struct sc_env *env;
	size_t expect;
	long budget;
	size_t best_col, best_tok, best_sub;
	char best_why[160];
	int have_best;
};

/*
 * Remembers the most telling failure: the one that got furthest into the
 * pattern (token, then bytes of that token matched), then along the line.
 * A leading '*' slides later tokens along the line; the furthest column
 * alone would point at wherever the slide happened to stop.
 */
static void note_fail(struct mstate *m, size_t col, size_t tok, size_t sub,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void note_fail(struct mstate *m, size_t col, size_t tok, size_t sub,
		      const char *fmt, ...)
{
	va_list ap;

	if (m->have_best &&
	    (tok < m->best_tok || (tok == m->best_tok && sub < m->best_sub) ||
	     (tok == m->best_tok && sub == m->best_sub && col <= m->best_col)))
		return;
	m->have_best = 1;
	m->best_col = col;
	m->best_tok = tok;
	m->best_sub = sub;
	va_start(ap, fmt);
	vsnprintf(m->best_why, sizeof(m->best_why), fmt, ap);
	va_end(ap);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int m_at(struct mstate *m, size_t ti, size_t pos)
{
	const struct sc_ptok *t;
	int r;

	if (--m->budget < 0)
		return -E2BIG;
	if (ti == m->p->ntoks) {
		if (pos == m->n)
			return 1;
		note_fail(m, pos, ti, 0, "expected the end of the line, got '%.20s'",
			  m->s + pos);
		return 0;
	}
	t = &m->p->toks[ti];
	switch (t->kind) {
	case SC_PT_LIT:
		if (m->n - pos >= t->len && !memcmp(m->s + pos, t->text, t->len))
			return m_at(m, ti + 1, pos + t->len);
		{
			/* Report from the first byte that differs. */
			size_t k = 0;

			while (k < t->len && pos + k < m->n &&
			       m->s[pos + k] == t->text[k])
				k++;
			if (pos + k >= m->n)
				note_fail(m, pos + k, ti, k,
					  "expected '%.40s', the line ends",
					  t->text + k);
			else
				note_fail(m, pos + k, ti, k,
					  "expected '%.40s', got '%.*s'",
					  t->text + k,
					  (int)(m->n - pos - k < 20 ? m->n - pos - k : 20),
					  m->s + pos + k);
		}
		return 0;
	case SC_PT_STAR: {
		size_t k;
		const struct sc_ptok *nt = ti + 1 < m->p->ntoks ? t + 1 : NULL;

		if (!nt)
			return 1; /* a final star takes the rest */
		for (k = pos; k <= m->n; k++) {
			/* Only try where the next literal could start. */
			if (nt->kind == SC_PT_LIT &&
			    (k >= m->n || m->s[k] != nt->text[0]))
				continue;
			r = m_at(m, ti + 1, k);
			if (r)
				return r;
		}
		if (nt->kind == SC_PT_LIT)
			note_fail(m, pos, ti + 1, 0, "expected '%.40s' somewhere after here",
				  nt->text);
		return 0;
	}
	case SC_PT_REST:
		if (pos == m->n || is_blank(m->s[pos]))
			return 1;
		note_fail(m, pos, ti, 0, "expected a blank and the rest of the line, got '%.20s'",
			  m->s + pos);
		return 0;
	case SC_PT_NUM: {
		size_t k = num_len(m->s + pos, m->n - pos);
		char tmp[64];
		double v;

		if (!k) {
			note_fail(m, pos, ti, 0, "expected a number in {%g..%g}, got '%.20s'",
				  t->lo, t->hi, m->s + pos);
			return 0;
		}
		snprintf(tmp, sizeof(tmp), "%.*s", (int)(k < 63 ? k : 63), m->s + pos);
		v = strtod(tmp, NULL);
		if (v < t->lo || v > t->hi) {
			note_fail(m, pos, ti, 0, "%s is not within {%g..%g}", tmp, t->lo,
				  t->hi);
			return 0;
		}
		return m_at(m, ti + 1, pos + k);
	}
	case SC_PT_BIND: {
		size_t k, mark = m->env->n;

		if (pos >= m->n || is_blank(m->s[pos])) {
			note_fail(m, pos, ti, 0, "expected a value for $%s", t->text);
			return 0;
		}
		for (k = pos + 1; k <= m->n && !is_blank(m->s[k - 1]); k++) {
			if (sc_env_push(m->env, t->text, m->s + pos, k - pos,
					m->expect) < 0)
				return -ENOMEM;
			r = m_at(m, ti + 1, k);
			if (r)
				return r;
			sc_env_undo(m->env, mark);
		}
		return 0;
	}
	case SC_PT_REF: {
		const struct sc_var *v = sc_env_get(m->env, t->text);
		char want[256];
		size_t wl;

		if (!v) {
			note_fail(m, pos, ti, 0, "$%s has no value (what bound it did not match)",
				  t->text);
			return 0;
		}
		if (sc_ref_text(v->value, t->off, want, sizeof(want)) < 0) {
			note_fail(m, pos, ti, 0, "$%s is '%.40s', not a number", t->text,
				  v->value);
			return 0;
		}
		wl = strlen(want);
		if (m->n - pos >= wl && !memcmp(m->s + pos, want, wl))
			return m_at(m, ti + 1, pos + wl);
		if (t->off)
			note_fail(m, pos, ti, 0, "expected $%s%+lld = %s, got '%.20s'",
				  t->text, t->off, want, m->s + pos);
		else
			note_fail(m, pos, ti, 0, "expected $%s = %s, got '%.20s'", t->text,
				  want, m->s + pos);
		return 0;
	}
	}
	return 0;
}

int sc_match_line(const struct sc_pattern *p, const char *line, size_t len,
		  struct sc_env *env, size_t expect, struct sc_mismatch *mm)
{
	struct mstate m;
	size_t mark = env->n;
	char local[1024], *buf = NULL;
	int r, lead;

	while (len && is_blank(*line))
		line++, len--;
	while (len && is_blank(line[len - 1]))
		len--;
	/*
	 * A pattern that starts with "* " matches a line that starts with the
	 * next word too: the start of the line counts as a blank, so "* IP"
	 * fits "IP ..." (-t) as well as "12:00:00.000000 IP ...".
	 */
	lead = p->ntoks >= 2 && p->toks[0].kind == SC_PT_STAR &&
	       p->toks[1].kind == SC_PT_LIT && p->toks[1].text[0] == ' ';
	if (lead) {
		buf = len + 2 <= sizeof(local) ? local : malloc(len + 2);
		if (!buf)
			return -ENOMEM;
		buf[0] = ' ';
		memcpy(buf + 1, line, len);
		line = buf;
		len++;
	}
	memset(&m, 0, sizeof(m));
	m.p = p;
	m.s = line;
	m.n = len;
	m.env = env;
	m.expect = expect;
	m.budget = MATCH_BUDGET;
	r = m_at(&m, 0, 0);
	if (r <= 0)
		sc_env_undo(env, mark);
	if (buf && buf != local)
		free(buf);
	if (r == 0 && mm) {
		mm->col = lead && m.best_col ? m.best_col - 1 : m.best_col;
		mm->tok = m.best_tok;
		snprintf(mm->why, sizeof(mm->why), "%s",
			 m.have_best ? m.best_why : "does not match");
	}
	return r;
}
