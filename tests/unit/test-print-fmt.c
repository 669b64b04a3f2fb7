/* test-print-fmt.c: the printers' own number formatting against libc's. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <pcap/dlt.h>

#include "capture/print-int.h"
#include "harness/hx.h"
#include "netns/craft.h"
#include "unit/tu.h"

static struct pr_ctx *ctx;
static struct hx_buf out = HX_BUF_INIT;

static int fmt_init(void)
{
	char err[HX_ERRLEN];
	struct pr_opts o;

	memset(&o, 0, sizeof(o));
	o.nflag = 1;
	ctx = pr_new(err, &o, DLT_EN10MB);
	return ctx ? 0 : -1;
}

static int fmt_clean(void)
{
	pr_free(ctx);
	hx_buf_release(&out);
	return 0;
}

/* Starts a fresh output; returns the context writing into it. */
static struct pr_ctx *fresh(void)
{
	hx_buf_reset(&out);
	ctx->out = &out;
	return ctx;
}

/* The text written since fresh(), NUL-terminated. */
static const char *text(void)
{
	if (hx_buf_grow(&out, 1) < 0)
		return "(oom)";
	out.p[out.len] = '\0';
	return out.p;
}

#define SAME(fmt, ...)                                                        \
	do {                                                                  \
		char want_[256];                                              \
		snprintf(want_, sizeof(want_), fmt, __VA_ARGS__);             \
		pr_printf(fresh(), fmt, __VA_ARGS__);                         \
		CU_ASSERT_STRING_EQUAL(text(), want_);                        \
	} while (0)

static void test_printf_subset(void)
{
	static const uint64_t vals[] = {
		0, 1, 9, 10, 99, 100, 65535, 65536, 4294967295u,
		4294967296ull, 18446744073709551615ull,
	};
	size_t i;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		uint64_t v = vals[i];

		SAME("a%ub", (unsigned)v);
		SAME("%d|%i", (int)v, -(int)v);
		SAME("%x %X %#x %#X", (unsigned)v, (unsigned)v, (unsigned)v,
		     (unsigned)v);
		SAME("%08x|%04X|%02x|%-6u|%6u|%-8d|%08d", (unsigned)v,
		     (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
		     (int)v, -(int)v);
		SAME("%lu %llu %zu %ju %lx", (unsigned long)v,
		     (unsigned long long)v, (size_t)v, (uintmax_t)v,
		     (unsigned long)v);
		SAME("%ld %lld", (long)v, -(long long)v);
		SAME("%hu %hhu %hd %hhd %hx", (unsigned short)v,
		     (unsigned char)v, (short)v, (signed char)v,
		     (unsigned short)v);
		SAME("%#06x|%#010lx", (unsigned)v, (unsigned long)v);
	}
	SAME("%s|%8s|%-8s|%c%c|100%%", "abc", "abc", "abc", 'x', 'y');
	SAME("%s", "");
	SAME("%d", -2147483647 - 1);
	SAME("%lld", (long long)(-9223372036854775807ll - 1));
}

static void test_printf_outside(void)
{
	/* A conversion outside the subset comes out as written, not as a
	 * guess; pr_printf_libc handles those. */
	pr_printf(fresh(), "x%.1fy", 1.5);
	CU_ASSERT_STRING_EQUAL(text(), "x%.1fy");
	pr_printf_libc(fresh(), "%.1fs|%0.1f sec", 0.25 * 2, 12 / 10.0);
	CU_ASSERT_STRING_EQUAL(text(), "0.5s|1.2 sec");
}

static void test_helpers(void)
{
	static const uint64_t vals[] = {
		0, 1, 7, 9, 10, 99, 100, 255, 999, 1000, 4096, 9999, 10000,
		99999, 100000, 999999, 1000000, 9999999, 10000000, 99999999,
		100000000, 999999999, 1000000000, 4294967295u, 4294967296ull,
		18446744073709551615ull,
	};
	char want[64];
	size_t i;
	int w;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		pr_uint(fresh(), vals[i]);
		snprintf(want, sizeof(want), "%llu",
			 (unsigned long long)vals[i]);
		CU_ASSERT_STRING_EQUAL(text(), want);
		pr_int(fresh(), -(int64_t)(vals[i] >> 1));
		snprintf(want, sizeof(want), "%lld",
			 -(long long)(vals[i] >> 1));
		CU_ASSERT_STRING_EQUAL(text(), want);
		for (w = 0; w <= 8; w++) {
			pr_hex(fresh(), (uint32_t)vals[i], w);
			snprintf(want, sizeof(want), "%0*x", w,
				 (unsigned)(uint32_t)vals[i]);
			CU_ASSERT_STRING_EQUAL(text(), want);
		}
	}
}

/*
 * The word-at-a-time checksum folds to the one of the frames dumplab
 * crafts (ns_cksum: big-endian words one at a time) on random buffers
 * of every length and alignment up to 1,500 octets, chained after a
 * random partial sum as the pseudo-header is, and on all-zero and all-0xff
 * buffers (the two zeros of one's complement).
 */
static void test_cksum(void)
{
	static uint8_t buf[1600];
	uint32_t seed = 12345, acc;
	size_t n, off, i;
	int round, bad = 0;

	for (round = 0; round < 3; round++) {
		for (i = 0; i < sizeof(buf); i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = round == 0   ? (uint8_t)(seed >> 16)
				 : round == 1 ? 0
					      : 0xff;
		}
		for (n = 0; n <= 1500; n++) {
			off = n % 8;
			seed = seed * 1103515245u + 12345u;
			acc = round == 0 ? seed & 0xffff : 0;
			if (pr_cksum_fold(pr_cksum_add(acc, buf + off, n)) !=
			    ns_cksum(buf + off, n, acc))
				bad++;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	/* RFC 1071's own example: 0001 f203 f4f5 f6f7 sums to ddf2 */
	{
		static const uint8_t ex[] = { 0x00, 0x01, 0xf2, 0x03,
					      0xf4, 0xf5, 0xf6, 0xf7 };

		CU_ASSERT_EQUAL(pr_cksum_fold(pr_cksum_add(0, ex, 8)),
				(uint16_t)~0xddf2);
		CU_ASSERT_EQUAL(pr_cksum_fold(pr_cksum_add(0, ex, 7)),
				(uint16_t)~0xdcfb);
	}
}

static CU_TestInfo tests[] = {
	{ "pr_printf matches snprintf on its subset", test_printf_subset },
	{ "pr_printf leaves other conversions as written",
	  test_printf_outside },
	{ "pr_uint, pr_int, pr_hex match snprintf", test_helpers },
	{ "pr_cksum_add folds as RFC 1071's word-by-word sum", test_cksum },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-fmt", fmt_init, fmt_clean, tests);
