/* sc-lex.h: the scenario lexer: statements, shell-like words, raw lines (private to sc-*.c). */
#ifndef SC_LEX_H
#define SC_LEX_H

#include <stddef.h>

#include "harness/sc.h"

/*
 * The lexer walks a whole file held in memory. A statement starts on a
 * line and runs to its end, or further when a line ends in a backslash
 * outside quotes. Words are split at blanks outside quotes, as a shell
 * would: '...' is literal, "..." knows the escapes \\ \" \n \t \r \0 \xHH,
 * an unquoted backslash makes the next character literal, and `#` at the
 * start of a word begins a comment that runs to the end of the line.
 */
struct sc_lex {
	const char *file;
	const char *p;
	size_t len;
	size_t off;	   /* the next byte to read */
	unsigned line;	   /* the line off is on, 1-based */
	size_t line_start; /* offset of that line's first byte */
};

/* A word: s is malloc'ed, NUL-terminated, len bytes (may hold NULs). */
struct sc_word {
	char *s;
	size_t len;
	struct sc_pos pos;
	int quoted; /* some of it was quoted or escaped */
};

void sc_lex_init(struct sc_lex *lx, const char *file, const char *text,
		 size_t len);

/* Skips blank and comment lines; 1 when a statement starts here, 0 at EOF. */
int sc_lex_next_stmt(struct sc_lex *lx);

/* The next word of the statement: 1 with w filled, 0 at its end, or -EINVAL
 * (err "FILE:L:C: ...") / -ENOMEM. */
int sc_lex_word(struct sc_lex *lx, char *err, struct sc_word *w);

/* The rest of the current line, raw: no quoting, no comments, blanks
 * trimmed at both ends. 1 with w filled, 0 when nothing is left. */
int sc_lex_rest(struct sc_lex *lx, struct sc_word *w);

/* Moves past the end of the current line. */
void sc_lex_end_line(struct sc_lex *lx);

/* The next physical line raw (for blocks): 1, or 0 at EOF. s points into
 * the text, n excludes the newline (and a '\r' before it). */
int sc_lex_raw_line(struct sc_lex *lx, const char **s, size_t *n,
		    unsigned *line);

/* err = "FILE:LINE:COL: message"; returns -EINVAL. */
int sc_errat(char *err, const char *file, struct sc_pos pos, const char *fmt,
	     ...) __attribute__((format(printf, 4, 5)));

void sc_word_free(struct sc_word *w);

#endif
