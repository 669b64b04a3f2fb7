/* sc-match.h: tcpdump-line patterns: wildcards, number ranges and variables. */
#ifndef SC_MATCH_H
#define SC_MATCH_H

#include <stddef.h>

#include "harness/sc.h"

/*
 * Pattern syntax (docs/scenario-format.md, "Line patterns"):
 *   *          any characters, none included
 *   {LO..HI}   a decimal number (digits, optional fraction) within [LO, HI]
 *   $name      first use: one or more non-blank characters, remembered;
 *              later uses: exactly what was remembered
 *   $name+K    later uses only: the remembered number plus K (minus with
 *              -K), wrapping at 2^32 as TCP sequence numbers do
 *   " ..."     at the very end: the rest of the line, whatever it is
 *   \* \$ \{ \. \\   the character itself
 * Leading and trailing blanks of the pattern and of the line are ignored,
 * and a pattern that starts with "* " also matches a line that starts
 * with its next word ("* IP" fits "IP ..." as printed with -t).
 */

/* Compiles p->text into p->toks; every token a BIND (sc_check turns later
 * uses into REF). err "FILE:L:C: ..." with the column of the fault. */
int sc_pattern_compile(char *err, const char *file, struct sc_pattern *p);
void sc_pattern_release(struct sc_pattern *p); /* frees text and tokens */

/* Variables bound so far, in binding order (a stack, so a failed match
 * can undo what it bound). Owns its strings. One thread. */
struct sc_var {
	char *name;
	char *value;
	size_t expect; /* the expectation that bound it */
};

struct sc_env {
	struct sc_var *v;
	size_t n, cap;
};

void sc_env_init(struct sc_env *e);
void sc_env_release(struct sc_env *e);
const struct sc_var *sc_env_get(const struct sc_env *e, const char *name);
int sc_env_push(struct sc_env *e, const char *name, const char *value,
		size_t vlen, size_t expect); /* 0 or -ENOMEM */
void sc_env_undo(struct sc_env *e, size_t mark); /* pop back to n == mark */

/* Why a line did not match: the furthest column reached and what the
 * pattern wanted there. */
struct sc_mismatch {
	size_t col;	/* 0-based column in the trimmed line */
	size_t tok;	/* the token that failed there */
	char why[160];	/* "expected 'S.]'", "no number", "$isn unbound" */
};

/*
 * Matches one line (len bytes) against p. Returns 1 on a match, with every
 * variable p binds pushed onto env (tagged expect); 0 when it does not
 * match, env unchanged and mm (if not NULL) saying where and why; -E2BIG
 * when the pattern needs too many backtracking steps; -ENOMEM.
 */
int sc_match_line(const struct sc_pattern *p, const char *line, size_t len,
		  struct sc_env *env, size_t expect, struct sc_mismatch *mm);

/* The text a REF stands for (value, or value + off), into buf. 0, or
 * -EINVAL when off is not 0 and the value is not a number. */
int sc_ref_text(const char *value, long long off, char *buf, size_t len);

#endif
