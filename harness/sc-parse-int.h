/* sc-parse-int.h: what the scenario parser's files share (sc-parse.c and sc-parse-{topo,steps,expect}.c); not an interface for anyone else. */
#ifndef SC_PARSE_INT_H
#define SC_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "harness/sc-lex.h"
#include "harness/sc.h"

/* Where a statement may stand: the header and the topology come before the
 * steps, the expectations anywhere after them. */
enum stmt_class { C_HEAD, C_TOPO, C_STEP, C_EXPECT };

/* The parser's state while one scenario text is read; lives on sc_parse's
 * stack. */
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

/*
 * One statement keyword and its parser. Each file registers its statements
 * in its table below; sc-parse.c's driver looks the keyword up in them.
 * own_words: fn reads the statement's words itself (title's free text,
 * seed's); for the others the driver has read them into P->w first.
 */
struct scp_stmt {
	const char *kw;
	int (*fn)(struct sc_parser *);
	enum stmt_class cls;
	int own_words;
};

extern const struct scp_stmt scp_topo_stmts[];	/* sc-parse-topo.c */
extern const size_t scp_topo_nstmts;
extern const struct scp_stmt scp_step_stmts[];	/* sc-parse-steps.c */
extern const size_t scp_step_nstmts;
extern const struct scp_stmt scp_expect_stmts[]; /* sc-parse-expect.c */
extern const size_t scp_expect_nstmts;

#define HOUR ((sc_usec)3600 * 1000000)

/* ---- helpers of sc-parse.c ----------------------------------------------
 * Those taking P return 0 or a negative errno with P->err filled
 * ("FILE:L:C: ..."); the others return 0 or -1 and fill nothing. */

int scp_oom(struct sc_parser *P);
int scp_errw(struct sc_parser *P, const struct sc_word *w, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Grows the array *arrp of *n elements of sz bytes by one zeroed element
 * and returns it, or NULL (out of memory). */
void *scp_push(void *arrp, size_t *n, size_t sz);
char *scp_xdup(struct sc_parser *P, const char *s);
/* w is the unquoted word s. */
int scp_is(const struct sc_word *w, const char *s);
int scp_missing(struct sc_parser *P, size_t i, const char *what, const char *usage);
int scp_extra(struct sc_parser *P, size_t i, const char *usage);
int scp_valid_name(const char *s, size_t max);
int scp_parse_ll(const char *s, long long *out);
int scp_num(struct sc_parser *P, const struct sc_word *w, const char *what,
	    long long min, long long max, long long *out);
int scp_dur(struct sc_parser *P, const struct sc_word *w, const char *what,
	    sc_usec max, sc_usec *out);
int scp_size_of(const char *s, long long *out);
int scp_inaddr(const char *s, struct sc_inaddr *a);
int scp_hostword(struct sc_parser *P, const struct sc_word *w, char **name,
		 struct sc_pos *pos);
int scp_data(struct sc_parser *P, size_t i, struct sc_data *d, const char *usage);
/* Reads the rest of a statement's words into P->w. */
int scp_rest_words(struct sc_parser *P);

/*
 * The lines of a block up to a line that is `end` alone. Returns them in
 * *lines (raw, with line numbers; the caller frees the array), or an error
 * at opener.
 */
struct rawline {
	const char *s;
	size_t n;
	unsigned line;
};

int scp_block(struct sc_parser *P, const struct sc_word *opener,
	      struct rawline **lines, size_t *n);

#endif
