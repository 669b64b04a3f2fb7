/* hx.h: the harness's shared basics: error strings and a growable buffer. */
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
 * Thread-safe: touches nothing but err.
 */
int hx_err(char *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

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

/*
 * Writes the whole buffer to fd (retrying short writes and EINTR) and
 * resets it. Returns 0 or -errno.
 */
int hx_buf_flush(struct hx_buf *b, int fd);

#endif
