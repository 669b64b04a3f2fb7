/* tu-alloc.c: the allocator wrappers of tu-alloc.h (ld's --wrap). */
#include "unit/tu-alloc.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t sz);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t sz);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* Allocations left before failing; -1: never fail. */
static _Thread_local long left = -1;
static _Thread_local long failed;

void tu_alloc_fail_after(long n)
{
	left = n;
	failed = 0;
}

long tu_alloc_reset(void)
{
	long f = failed;

	left = -1;
	failed = 0;
	return f;
}

static int fail_now(void)
{
	if (left < 0)
		return 0;
	if (left > 0) {
		left--;
		return 0;
	}
	failed++;
	errno = ENOMEM;
	return 1;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t sz)
{
	return fail_now() ? NULL : __real_calloc(n, sz);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return __wrap_strndup(s, strlen(s));
}

char *__wrap_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = __wrap_malloc(len + 1);

	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}
