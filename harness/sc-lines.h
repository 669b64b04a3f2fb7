/* sc-lines.h: a step's output as tagged lines, and the matcher of a block of line patterns against them (expect output / contains). */
#ifndef SC_LINES_H
#define SC_LINES_H

#include <stddef.h>

#include "harness/sc-match.h"

/*
 * Text lines, each tagged with the packet it was printed for. A capture's
 * lines are what tcpdump prints for its packets (pr_packet: one or more
 * lines per packet, -x/-X dumps included); a run's lines are its output.
 * The lines own their strings. One owner thread.
 */
struct sc_lines {
	char **line;
	size_t *pkt; /* the packet (0-based) of each line; SC_NONE for none */
	size_t n, cap;
};

void sc_lines_init(struct sc_lines *l);
void sc_lines_release(struct sc_lines *l);
/* Appends text split at '\n' (a final '\n' makes no empty line), each
 * line tagged pkt. Returns 0 or -ENOMEM. */
int sc_lines_add(struct sc_lines *l, const char *text, size_t len, size_t pkt);

/* Where a block of patterns failed: its deepest point, to explain. */
struct sc_block_miss {
	size_t pi;	/* the pattern; np when every pattern matched and a line is left */
	size_t li;	/* the line it failed at */
	size_t start;	/* the line its search started at */
	int kind;	/* 0 mismatch, 1 no line left, 2 a line too many */
	struct sc_mismatch mm; /* kind 0: where in line li, and why */
};

/*
 * Matches the np patterns p (a '...' pattern matches any lines) against
 * all of L's lines, binding variables in env for expectation `expect`.
 * loose (output contains): other lines may come before, between and after.
 * Returns 1 on a match (its bindings stay in env), 0 without (miss filled),
 * -E2BIG when it needs more than budget steps, or -ENOMEM.
 */
int sc_lines_match(const struct sc_lines *L, const struct sc_pattern *p, size_t np,
		   int loose, struct sc_env *env, size_t expect, long budget,
		   struct sc_block_miss *miss);

#endif
