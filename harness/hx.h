/* hx.h: the project's base (errors, quoting, a growable buffer), the one harness/ header every layer may include. */
#ifndef HX_H
#define HX_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/*
 * Error convention (STYLE.md): a function that can fail returns 0 or a
 * negative errno-style code and writes a one-line message into a
 * caller-owned buffer of HX_ERRLEN bytes, passed first. Messages are
 * lowercase, say what failed first and quote the subject:
 *   cannot create veth 'eth0' in host 'node1': File exists
 */
#define HX_ERRLEN 512

/*
 * Formats a message into err (when err is not NULL) and returns code, so
 * that an error path reads `return hx_err(err, -EINVAL, "...", ...);`.
 * The message is quoted with hx_quote (below): a word with a newline or an
 * escape sequence in it cannot split the line or colour the terminal.
 * Thread-safe: touches nothing but err.
 */
int hx_err(char *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Quotes for a terminal what a message shows of its input, git's
 * quote_c_style idea: control bytes become C escapes (\n, \t, \r, \a, \b,
 * \f, \v; any other as \xHH, ESC as \x1b), and so do DEL, every byte
 * that is not part of valid UTF-8 and the C1 controls U+0080-U+009F.
 * Everything else, UTF-8 text too ("§3.1"), is kept. A backslash is kept
 * as it is, so quoting is idempotent: a message that embeds another
 * message is quoted once more without change. Writes at most len bytes
 * with the NUL into dst (len > 0), cut before an escape or a character
 * that does not fit, and returns dst; dst and s do not overlap.
 * Thread-safe.
 *
 * hx_err quotes every message it formats, so an error message is always
 * one line whatever words it quotes. HX_Q(s) quotes s into a temporary
 * for a message printed directly:
 *   fprintf(stderr, "dumplab: no scenario file '%s'\n", HX_Q(name));
 * (the temporary lives until the end of the enclosing block).
 */
char *hx_quote(char *dst, size_t len, const char *s);
/* 1 when hx_quote would change s. */
int hx_quote_needed(const char *s);

#define HX_Q(s) hx_quote((char[HX_ERRLEN]){ 0 }, HX_ERRLEN, (s))

/*
 * A growable byte buffer (git's strbuf). The bytes are always followed by a
 * NUL that len does not count. When memory runs out the buffer keeps what it
 * had, drops what did not fit and sets oom; callers check it once at the end.
 * One owner; not thread-safe.
 */
struct hx_buf {
	char *p;
	size_t len;
	size_t cap;
	int oom;
};

#define HX_BUF_INIT { NULL, 0, 0, 0 }

void hx_buf_init(struct hx_buf *b);
/* Frees the bytes; the buffer is empty and usable again. Accepts NULL. */
void hx_buf_release(struct hx_buf *b);
/* Makes room for n more bytes; 0, or -ENOMEM (and oom set). */
int hx_buf_grow(struct hx_buf *b, size_t n);
/*
 * A zeroed block whose every page is written once here, so that a later
 * read never maps the kernel's shared zero page that the first write would
 * then copy (calloc leaves fresh pages so: a second fault and a TLB
 * shootdown across the threads a page, measured at 5% of `dumplab read -n`
 * in the TCP conversation tables). From 2 MiB on it is an anonymous
 * mapping of its own, populated in one call. NULL when memory runs out.
 * Freed with hx_big_free and the same n. Thread-safe.
 */
void *hx_big(size_t n);
void hx_big_free(void *p, size_t n); /* accepts NULL */
/* The whole of file path appended to b (NUL-terminated): 0 or -errno. */
int hx_read_file(const char *path, struct hx_buf *b);
void hx_buf_printf(struct hx_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void hx_buf_vprintf(struct hx_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static inline void hx_buf_reset(struct hx_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

static inline void hx_buf_put(struct hx_buf *b, const void *s, size_t n)
{
	if (b->cap - b->len <= n && hx_buf_grow(b, n) < 0)
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void hx_buf_puts(struct hx_buf *b, const char *s)
{
	hx_buf_put(b, s, strlen(s));
}

static inline void hx_buf_putc(struct hx_buf *b, char c)
{
	if (b->cap - b->len <= 1 && hx_buf_grow(b, 1) < 0)
		return;
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

/* Appends n bytes of s quoted as hx_quote does (a NUL as \x00), uncut. */
void hx_buf_quote(struct hx_buf *b, const char *s, size_t n);

/*
 * Writes the whole buffer to fd (retrying short writes and EINTR) and
 * resets it. Returns 0 or -errno.
 */
int hx_buf_flush(struct hx_buf *b, int fd);

#endif
