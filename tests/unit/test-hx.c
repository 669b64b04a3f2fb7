/* test-hx.c: the error helper, the growable buffer and the large zeroed block. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harness/hx.h"
#include "unit/tu.h"

static void test_err_formats_and_returns(void)
{
	char err[HX_ERRLEN];

	CU_ASSERT_EQUAL(hx_err(err, -ENOENT, "no host '%s'", "node9"), -ENOENT);
	CU_ASSERT_STRING_EQUAL(err, "no host 'node9'");
	CU_ASSERT_EQUAL(hx_err(NULL, -EINVAL, "ignored"), -EINVAL);
}

static void test_buf_grows_and_terminates(void)
{
	struct hx_buf b = HX_BUF_INIT;
	int i;

	for (i = 0; i < 1000; i++)
		hx_buf_puts(&b, "abc");
	CU_ASSERT_EQUAL(b.len, 3000);
	CU_ASSERT_EQUAL(b.p[b.len], '\0');
	CU_ASSERT(!memcmp(b.p + 2997, "abc", 3));
	hx_buf_reset(&b);
	CU_ASSERT_EQUAL(b.len, 0);
	hx_buf_putc(&b, 'x');
	hx_buf_printf(&b, "%05d|%s", 42, "y");
	CU_ASSERT_STRING_EQUAL(b.p, "x00042|y");
	CU_ASSERT_FALSE(b.oom);
	hx_buf_release(&b);
	CU_ASSERT_PTR_NULL(b.p);
	hx_buf_release(NULL);
}

static void test_buf_printf_long(void)
{
	struct hx_buf b = HX_BUF_INIT;
	char big[5000];

	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	hx_buf_putc(&b, '<');
	hx_buf_printf(&b, "%s>", big);
	CU_ASSERT_EQUAL(b.len, 5000 + 1);
	CU_ASSERT_EQUAL(b.p[0], '<');
	CU_ASSERT_EQUAL(b.p[b.len - 1], '>');
	hx_buf_release(&b);
}

static void test_buf_flush_writes_all(void)
{
	struct hx_buf b = HX_BUF_INIT;
	char got[16] = "";
	int fds[2];

	CU_ASSERT_FATAL(pipe(fds) == 0);
	hx_buf_puts(&b, "hello\n");
	CU_ASSERT_EQUAL(hx_buf_flush(&b, fds[1]), 0);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_EQUAL(read(fds[0], got, sizeof(got) - 1), 6);
	CU_ASSERT_STRING_EQUAL(got, "hello\n");
	close(fds[0]);
	CU_ASSERT(hx_buf_flush(&b, fds[0]) == 0); /* nothing to write */
	hx_buf_puts(&b, "x");
	CU_ASSERT(hx_buf_flush(&b, fds[0]) < 0); /* closed fd */
	close(fds[1]);
	hx_buf_release(&b);
}

/* Input words in messages: one line, no terminal escapes (git's quoting). */
static void test_quote(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "eth0", "eth0" },
		{ "a\nb", "a\\nb" },
		{ "\x1b[31mred", "\\x1b[31mred" },
		{ "\t\r\a\b\f\v", "\\t\\r\\a\\b\\f\\v" },
		{ "\x01\x7f", "\\x01\\x7f" },
		{ "a\\nb", "a\\nb" },	  /* a backslash is kept: idempotent */
		{ "000 \xc2\xa7" "3.1", "000 \xc2\xa7" "3.1" }, /* UTF-8 kept */
		{ "\xe2\x9c\x93", "\xe2\x9c\x93" },
		{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },
		{ "\xc2\x9b" "1m", "\\xc2\\x9b1m" },	  /* C1 CSI */
		{ "\x9b" "31m", "\\x9b31m" },	  /* a lone 8-bit CSI */
		{ "\xc3", "\\xc3" },		  /* cut UTF-8 */
		{ "\xc0\xaf", "\\xc0\\xaf" },	  /* overlong */
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80" }, /* a surrogate */
		{ "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80" }, /* past U+10FFFF */
		{ "", "" },
	};
	char out[64], again[64], err[HX_ERRLEN];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hx_quote(out, sizeof(out), cases[i].in);
		if (strcmp(out, cases[i].out))
			fprintf(stderr, "\ncase %zu: got '%s'\n", i, out);
		CU_ASSERT_STRING_EQUAL(out, cases[i].out);
		CU_ASSERT_EQUAL(hx_quote_needed(cases[i].in),
				strcmp(cases[i].in, cases[i].out) != 0);
		CU_ASSERT_STRING_EQUAL(hx_quote(again, sizeof(again), out), out);
	}
	/* cut before an escape or a character that does not fit */
	CU_ASSERT_STRING_EQUAL(hx_quote(out, 6, "abc\n"), "abc\\n");
	CU_ASSERT_STRING_EQUAL(hx_quote(out, 5, "abc\n"), "abc");
	CU_ASSERT_STRING_EQUAL(hx_quote(out, 6, "abc\x1b"), "abc");
	CU_ASSERT_STRING_EQUAL(hx_quote(out, 5, "abc\xc2\xa7"), "abc");
	CU_ASSERT_STRING_EQUAL(hx_quote(out, 1, "abc"), "");
	/* every message hx_err formats */
	hx_err(err, -EINVAL, "unknown host '%s'", "no\nde\x1b[2J");
	CU_ASSERT_STRING_EQUAL(err, "unknown host 'no\\nde\\x1b[2J'");
	CU_ASSERT_STRING_EQUAL(HX_Q("x\ty"), "x\\ty");
}

/* Zeroed, writable, and (from 2 MiB on) every page there before any use. */
static void test_big_zeroed_and_present(void)
{
	static const size_t sizes[] = { 1, 4096, 100000, (size_t)2 << 20,
					((size_t)5 << 20) + 1 };
	size_t i, j;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i], zero = 0;
		unsigned char *p = hx_big(n);

		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		if (n >= ((size_t)2 << 20)) {
			/* looked at before anything here reads the block */
			long pg = sysconf(_SC_PAGESIZE);
			size_t pages = (n + (size_t)pg - 1) / (size_t)pg, in = 0;
			unsigned char *vec = malloc(pages);

			CU_ASSERT_PTR_NOT_NULL_FATAL(vec);
			CU_ASSERT_EQUAL(mincore(p, n, vec), 0);
			for (j = 0; j < pages; j++)
				in += vec[j] & 1;
			CU_ASSERT_EQUAL(in, pages);
			free(vec);
		}
		for (j = 0; j < n; j++)
			zero += p[j] == 0;
		CU_ASSERT_EQUAL(zero, n);
		memset(p, 0xa5, n);
		CU_ASSERT_EQUAL(p[n - 1], 0xa5);
		hx_big_free(p, n);
	}
	hx_big_free(NULL, 10);
}

static CU_TestInfo tests[] = {
	{ "hx_err formats and returns its code", test_err_formats_and_returns },
	{ "hx_buf grows and stays NUL-terminated", test_buf_grows_and_terminates },
	{ "hx_buf_printf past the first allocation", test_buf_printf_long },
	{ "hx_buf_flush writes everything or fails", test_buf_flush_writes_all },
	{ "hx_quote: control bytes and bad UTF-8 escaped", test_quote },
	{ "hx_big: zeroed, writable, its pages present", test_big_zeroed_and_present },
	CU_TEST_INFO_NULL,
};

TU_SUITE("hx", NULL, NULL, tests);
