/* hx.c: error strings and the growable buffer. */
#include "harness/hx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int hx_err(char *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err, HX_ERRLEN, fmt, ap);
		va_end(ap);
	}
	return code;
}

void hx_buf_init(struct hx_buf *b)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->oom = 0;
}

void hx_buf_release(struct hx_buf *b)
{
	if (!b)
		return;
	free(b->p);
	hx_buf_init(b);
}

int hx_buf_grow(struct hx_buf *b, size_t n)
{
	size_t want = b->len + n + 1;
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (want <= b->cap)
		return 0;
	while (cap < want) {
		if (cap > ((size_t)-1) / 2) {
			b->oom = 1;
			return -ENOMEM;
		}
		cap *= 2;
	}
	p = realloc(b->p, cap);
	if (!p) {
		b->oom = 1;
		return -ENOMEM;
	}
	b->p = p;
	b->cap = cap;
	b->p[b->len] = '\0';
	return 0;
}

void hx_buf_vprintf(struct hx_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	if (b->cap - b->len < 64 && hx_buf_grow(b, 64) < 0)
		return;
	va_copy(aq, ap);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		if (hx_buf_grow(b, (size_t)n) < 0) {
			b->p[b->len] = '\0';
			return;
		}
		vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void hx_buf_printf(struct hx_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hx_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

int hx_buf_flush(struct hx_buf *b, int fd)
{
	size_t off = 0;

	while (off < b->len) {
		ssize_t n = write(fd, b->p + off, b->len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		off += (size_t)n;
	}
	hx_buf_reset(b);
	return 0;
}
