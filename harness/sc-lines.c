/* sc-lines.c: a step's output as tagged lines, and the backtracking matcher of a block of line patterns against them. */
#include "harness/sc-lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void sc_lines_init(struct sc_lines *l)
{
	memset(l, 0, sizeof(*l));
}

void sc_lines_release(struct sc_lines *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	free(l->pkt);
	sc_lines_init(l);
}

static int lines_push(struct sc_lines *l, const char *s, size_t n, size_t pkt)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 16;
		char **nl = realloc(l->line, nc * sizeof(*nl));
		size_t *np;

		if (!nl)
			return -ENOMEM;
		l->line = nl;
		np = realloc(l->pkt, nc * sizeof(*np));
		if (!np)
			return -ENOMEM;
		l->pkt = np;
		l->cap = nc;
	}
	l->line[l->n] = strndup(s, n);
	if (!l->line[l->n])
		return -ENOMEM;
	l->pkt[l->n++] = pkt;
	return 0;
}

int sc_lines_add(struct sc_lines *l, const char *text, size_t len, size_t pkt)
{
	size_t b = 0, i;

	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (i == len && b == len)
			break;
		if (lines_push(l, text + b, i - b, pkt) < 0)
			return -ENOMEM;
		b = i + 1;
	}
	return 0;
}

/* ---- a block of patterns against the lines ---------------------------- */

/* The search: pattern pi against line li on, depth first. */
struct bm {
	const struct sc_pattern *p;
	size_t np;
	const struct sc_lines *L;
	int loose;		/* output contains: other lines may come between */
	struct sc_env *env;
	size_t expect;
	long budget;
	size_t base_env;	/* env size when the block started */
	size_t *fail_from;	/* loose: pattern pi fails from line fail_from[pi] on */
	int have;		/* miss is filled */
	struct sc_block_miss *miss;
};

static void bm_note(struct bm *b, size_t pi, size_t start, size_t li, int kind,
		    const struct sc_mismatch *mm)
{
	struct sc_block_miss *m = b->miss;
	int better = !b->have || pi > m->pi ||
		     (pi == m->pi && kind == 0 && m->kind == 0 && mm && mm->col > m->mm.col);

	if (!better)
		return;
	b->have = 1;
	m->pi = pi;
	m->li = li;
	m->start = start;
	m->kind = kind;
	if (mm)
		m->mm = *mm;
}

static int bm_at(struct bm *b, size_t pi, size_t li)
{
	const struct sc_pattern *p;
	size_t k, last, nl = b->L->n;
	int r;

	if (--b->budget < 0)
		return -E2BIG;
	if (pi == b->np) {
		if (li == nl || b->loose)
			return 1;
		bm_note(b, pi, li, li, 2, NULL);
		return 0;
	}
	p = &b->p[pi];
	if (p->any_lines) {
		for (k = li; k <= nl; k++)
			if ((r = bm_at(b, pi + 1, k)) != 0)
				return r;
		return 0;
	}
	if (li >= nl) {
		bm_note(b, pi, li, li, 1, NULL);
		return 0;
	}
	if (b->loose && b->env->n == b->base_env && li >= b->fail_from[pi])
		return 0;
	last = b->loose ? nl - 1 : li;
	for (k = li; k <= last; k++) {
		size_t mark = b->env->n;
		struct sc_mismatch mm;

		r = sc_match_line(p, b->L->line[k], strlen(b->L->line[k]), b->env,
				  b->expect, &mm);
		if (r < 0)
			return r;
		if (r == 0) {
			bm_note(b, pi, li, k, 0, &mm);
			continue;
		}
		if ((r = bm_at(b, pi + 1, k + 1)) != 0)
			return r;
		sc_env_undo(b->env, mark);
	}
	if (b->loose && b->env->n == b->base_env && li < b->fail_from[pi])
		b->fail_from[pi] = li;
	return 0;
}

int sc_lines_match(const struct sc_lines *L, const struct sc_pattern *p, size_t np,
		   int loose, struct sc_env *env, size_t expect, long budget,
		   struct sc_block_miss *miss)
{
	struct bm b = { .p = p, .np = np, .L = L, .loose = loose, .env = env,
			.expect = expect, .budget = budget, .base_env = env->n,
			.miss = miss };
	size_t i;
	int r;

	memset(miss, 0, sizeof(*miss));
	b.fail_from = malloc((np + 1) * sizeof(size_t));
	if (!b.fail_from)
		return -ENOMEM;
	for (i = 0; i <= np; i++)
		b.fail_from[i] = (size_t)-1;
	r = bm_at(&b, 0, 0);
	free(b.fail_from);
	return r;
}
