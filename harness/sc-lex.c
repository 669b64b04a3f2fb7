/* sc-lex.c: statements and shell-like words of a scenario file, with their line and column. */
#include "harness/sc-lex.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sc_lex_init(struct sc_lex *lx, const char *file, const char *text,
		 size_t len)
{
	lx->file = file;
	lx->p = text;
	lx->len = len;
	lx->off = 0;
	lx->line = 1;
	lx->line_start = 0;
}

int sc_errat(char *err, const char *file, struct sc_pos pos, const char *fmt,
	     ...)
{
	char msg[HX_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return hx_err(err, -EINVAL, "%s:%u:%u: %s", file, pos.line, pos.col, msg);
}

void sc_word_free(struct sc_word *w)
{
	if (!w)
		return;
	free(w->s);
	w->s = NULL;
	w->len = 0;
}

static int at_end(const struct sc_lex *lx)
{
	return lx->off >= lx->len;
}

static char peekc(const struct sc_lex *lx, size_t ahead)
{
	return lx->off + ahead < lx->len ? lx->p[lx->off + ahead] : '\0';
}

static struct sc_pos here(const struct sc_lex *lx)
{
	struct sc_pos p = { lx->line, (unsigned)(lx->off - lx->line_start) + 1 };

	return p;
}

static void newline(struct sc_lex *lx)
{
	/* lx->off is just past a '\n' */
	lx->line++;
	lx->line_start = lx->off;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

void sc_lex_end_line(struct sc_lex *lx)
{
	while (!at_end(lx) && lx->p[lx->off] != '\n')
		lx->off++;
	if (!at_end(lx)) {
		lx->off++;
		newline(lx);
	}
}

int sc_lex_next_stmt(struct sc_lex *lx)
{
	while (!at_end(lx)) {
		size_t o = lx->off;

		while (o < lx->len && is_blank(lx->p[o]))
			o++;
		if (o >= lx->len)
			return 0;
		if (lx->p[o] == '\n' || lx->p[o] == '#') {
			sc_lex_end_line(lx);
			continue;
		}
		lx->off = o;
		return 1;
	}
	return 0;
}

/* Skips blanks and backslash-newline continuations. */
static void skip_blanks(struct sc_lex *lx)
{
	for (;;) {
		char c = peekc(lx, 0);

		if (is_blank(c) && !at_end(lx)) {
			lx->off++;
		} else if (c == '\\' && (peekc(lx, 1) == '\n' ||
					 (peekc(lx, 1) == '\r' && peekc(lx, 2) == '\n'))) {
			lx->off += peekc(lx, 1) == '\r' ? 3 : 2;
			newline(lx);
		} else {
			return;
		}
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int sc_lex_word(struct sc_lex *lx, char *err, struct sc_word *w)
{
	struct hx_buf b = HX_BUF_INIT;
	char c;

	memset(w, 0, sizeof(*w));
	skip_blanks(lx);
	c = peekc(lx, 0);
	if (at_end(lx) || c == '\n' || c == '#')
		return 0;
	w->pos = here(lx);
	hx_buf_grow(&b, 16);
	while (!at_end(lx)) {
		c = lx->p[lx->off];
		if (is_blank(c) || c == '\n')
			break;
		if (c == '\\') {
			char n = peekc(lx, 1);

			if (n == '\n' || (n == '\r' && peekc(lx, 2) == '\n'))
				break; /* a continuation ends the word */
			if (lx->off + 1 >= lx->len) {
				lx->off++;
				break;
			}
			hx_buf_putc(&b, n);
			lx->off += 2;
			w->quoted = 1;
		} else if (c == '\'') {
			struct sc_pos q = here(lx);

			lx->off++;
			while (!at_end(lx) && lx->p[lx->off] != '\'' &&
			       lx->p[lx->off] != '\n')
				hx_buf_putc(&b, lx->p[lx->off++]);
			if (at_end(lx) || lx->p[lx->off] != '\'') {
				hx_buf_release(&b);
				return sc_errat(err, lx->file, q,
						"unterminated quote: no closing ' on this line");
			}
			lx->off++;
			w->quoted = 1;
		} else if (c == '"') {
			struct sc_pos q = here(lx);

			lx->off++;
			for (;;) {
				if (at_end(lx) || lx->p[lx->off] == '\n') {
					hx_buf_release(&b);
					return sc_errat(err, lx->file, q,
							"unterminated quote: no closing \" on this line");
				}
				c = lx->p[lx->off];
				if (c == '"')
					break;
				if (c != '\\') {
					hx_buf_putc(&b, c);
					lx->off++;
					continue;
				}
				{
					struct sc_pos e = here(lx);
					char n = peekc(lx, 1);
					int hi, lo;

					switch (n) {
					case '\\': hx_buf_putc(&b, '\\'); break;
					case '"': hx_buf_putc(&b, '"'); break;
					case 'n': hx_buf_putc(&b, '\n'); break;
					case 't': hx_buf_putc(&b, '\t'); break;
					case 'r': hx_buf_putc(&b, '\r'); break;
					case '0': hx_buf_putc(&b, '\0'); break;
					case '$': hx_buf_putc(&b, '$'); break;
					case 'x':
						hi = hexval(peekc(lx, 2));
						lo = hexval(peekc(lx, 3));
						if (hi < 0 || lo < 0) {
							hx_buf_release(&b);
							return sc_errat(err, lx->file, e,
									"'\\x' needs two hex digits");
						}
						hx_buf_putc(&b, (char)(hi << 4 | lo));
						lx->off += 2;
						break;
					default:
						hx_buf_release(&b);
						if (n == '\n' || n == '\0')
							return sc_errat(err, lx->file, e,
									"unterminated quote: no closing \" on this line");
						return sc_errat(err, lx->file, e,
								"unknown escape '\\%c' (known: \\\\ \\\" \\n \\t \\r \\0 \\$ \\xHH)",
								n);
					}
					lx->off += 2;
				}
			}
			lx->off++;
			w->quoted = 1;
		} else {
			if (c == '\0') {
				hx_buf_release(&b);
				return sc_errat(err, lx->file, here(lx),
						"NUL byte in the file");
			}
			hx_buf_putc(&b, c);
			lx->off++;
		}
	}
	if (b.oom) {
		hx_buf_release(&b);
		return hx_err(err, -ENOMEM, "%s: out of memory", lx->file);
	}
	w->s = b.p;
	w->len = b.len;
	return 1;
}

int sc_lex_rest(struct sc_lex *lx, struct sc_word *w)
{
	size_t s, e;

	memset(w, 0, sizeof(*w));
	while (!at_end(lx) && is_blank(lx->p[lx->off]))
		lx->off++;
	s = lx->off;
	w->pos = here(lx);
	while (!at_end(lx) && lx->p[lx->off] != '\n')
		lx->off++;
	e = lx->off;
	while (e > s && is_blank(lx->p[e - 1]))
		e--;
	if (e == s)
		return 0;
	w->s = strndup(lx->p + s, e - s);
	if (!w->s)
		return -ENOMEM;
	w->len = e - s;
	return 1;
}

int sc_lex_raw_line(struct sc_lex *lx, const char **s, size_t *n,
		    unsigned *line)
{
	size_t b = lx->off, e;

	if (at_end(lx))
		return 0;
	*line = lx->line;
	while (!at_end(lx) && lx->p[lx->off] != '\n')
		lx->off++;
	e = lx->off;
	if (e > b && lx->p[e - 1] == '\r')
		e--;
	*s = lx->p + b;
	*n = e - b;
	if (!at_end(lx)) {
		lx->off++;
		newline(lx);
	}
	return 1;
}
