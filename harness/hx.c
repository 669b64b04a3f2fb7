/* hx.c: error strings and the growable buffer. */
#include "harness/hx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int hx_err(char *err, int code, const char *fmt, ...)
{
	char msg[HX_ERRLEN];
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		hx_quote(err, HX_ERRLEN, msg);
	}
	return code;
}

/*
 * The length of the valid UTF-8 character at s (n bytes left, s[0] >=
 * 0x80) that is no C1 control: 2 to 4 bytes, or 0.
 */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		if (s[0] == 0xc2)
			lo = 0xa0; /* U+0080-U+009F are the C1 controls */
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		if (s[0] == 0xe0)
			lo = 0xa0; /* overlong */
		else if (s[0] == 0xed)
			hi = 0x9f; /* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		if (s[0] == 0xf0)
			lo = 0x90; /* overlong */
		else if (s[0] == 0xf4)
			hi = 0x8f; /* past U+10FFFF */
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

/*
 * How the bytes at s (n > 0 left) are written: *used bytes kept as they
 * are (returns 0), or one byte as the escape in esc (returns its length).
 */
static size_t quote_one(const unsigned char *s, size_t n, size_t *used,
			char esc[5])
{
	static const char letters[] = "abtnvfr"; /* \a (7) to \r (13) */

	*used = 1;
	if (*s >= 0x20 && *s < 0x7f)
		return 0;
	if (*s >= 0x80 && (*used = utf8_len(s, n)) > 0)
		return 0;
	*used = 1;
	esc[0] = '\\';
	if (*s >= 7 && *s <= 13) {
		esc[1] = letters[*s - 7];
		return 2;
	}
	snprintf(esc, 5, "\\x%02x", *s);
	return 4;
}

int hx_quote_needed(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), used;
	char esc[5];

	while (n) {
		if (quote_one(p, n, &used, esc))
			return 1;
		p += used;
		n -= used;
	}
	return 0;
}

char *hx_quote(char *dst, size_t len, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), o = 0;

	while (n) {
		char esc[5];
		size_t used, e = quote_one(p, n, &used, esc);
		size_t k = e ? e : used;

		if (o + k >= len)
			break;
		memcpy(dst + o, e ? esc : (const char *)p, k);
		o += k;
		p += used;
		n -= used;
	}
	dst[o] = '\0';
	return dst;
}

void hx_buf_quote(struct hx_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	while (n) {
		char esc[5];
		size_t used, e = quote_one(p, n, &used, esc);

		hx_buf_put(b, e ? esc : (const char *)p, e ? e : used);
		p += used;
		n -= used;
	}
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

/*
 * From this size on a block is a mapping of its own, populated by the
 * kernel in one call (cheaper than a fault a page) and handed back whole.
 * Not asked for huge pages: their compaction stalled a run by 24-33 ms
 * here now and then, for 1 ms saved the other times.
 */
#define HX_BIG_MAP ((size_t)2 << 20)

void *hx_big(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), i;
	unsigned char *p;

	if (n < HX_BIG_MAP) {
		/* calloc would leave fresh heap pages unwritten */
		p = malloc(n ? n : 1);
		return p ? memset(p, 0, n) : NULL;
	}
	p = mmap(NULL, n, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	/* MAP_POPULATE does its best; a page it left out is written here */
	for (i = 0; i < n; i += page)
		p[i] = 0;
	return p;
}

void hx_big_free(void *p, size_t n)
{
	if (!p)
		return;
	if (n < HX_BIG_MAP)
		free(p);
	else
		munmap(p, n);
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

int hx_read_file(const char *path, struct hx_buf *b)
{
	char chunk[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		hx_buf_put(b, chunk, (size_t)n);
	close(fd);
	if (n < 0)
		return -errno;
	return b->oom ? -ENOMEM : 0;
}
