/* test-print-link.c: link types, timestamps and dumps against tcpdump 4.99.3's text for the same bytes. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-link.want"
#include "fuzz/fuzz-print.h"

static struct tb pk[16];

/* An IPv4 ICMP echo request after whatever header t already holds. */
static void echo4(struct tb *t)
{
	size_t ip = tb_ip4(t, 1, "10.0.0.1", "10.0.0.2"), l4 = t->n;

	tb_bytes(t, "\x08\x00\x00\x00\x00\x07\x00\x01", 8);
	tb_str(t, "0123456789abcdef");
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 1);
}

static void echo6(struct tb *t)
{
	size_t ip = tb_ip6(t, 58, "fd00::1", "fd00::2"), l4 = t->n;

	tb_bytes(t, "\x80\x00\x00\x00\x00\x07\x00\x01", 8);
	tb_ip6_done(t, ip);
	tb_l4_done(t, ip, l4, 58);
}

static void sll(struct tb *t, unsigned pkttype, unsigned proto)
{
	tb_init(t);
	tb_be16(t, pkttype);
	tb_be16(t, 1);
	tb_be16(t, 6);
	tb_bytes(t, "\x02\x00\x00\x00\x00\x01\x00\x00", 8);
	tb_be16(t, proto);
}

/* SLL2 on interface index ifx: index 1 is "lo" in every namespace. */
static void sll2(struct tb *t, unsigned pkttype, unsigned proto, uint32_t ifx)
{
	tb_init(t);
	tb_be16(t, proto);
	tb_be16(t, 0);
	tb_be32(t, ifx);
	tb_be16(t, 1);
	tb_u8(t, pkttype);
	tb_u8(t, 6);
	tb_bytes(t, "\x02\x00\x00\x00\x00\x01\x00\x00", 8);
}

static void test_cooked(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	struct tp p;
	size_t k = 0;

	sll(&pk[k], 0, 0x0800);
	echo4(&pk[k++]);
	sll(&pk[k], 4, 0x86dd);
	echo6(&pk[k++]);
	sll(&pk[k], 1, 0x0806);
	tb_bytes(&pk[k++], "\x00\x01\x08\x00\x06\x04\x00\x01\x02\x00\x00\x00"
			   "\x00\x01\x0a\x00\x00\x01\x00\x00\x00\x00\x00\x00"
			   "\x0a\x00\x00\x02", 28);
	sll(&pk[k], 3, 0x88b5);
	tb_str(&pk[k++], "xyz");
	tp_init(&p, "sll", DLT_LINUX_SLL, &n);
	TP_CHECK(&p, pk, k, want_sll);
	tp_release(&p);
	tp_init(&p, "sll-e", DLT_LINUX_SLL, &e);
	TP_CHECK(&p, pk, k, want_sll_e);
	tp_release(&p);
	k = 0;
	sll2(&pk[k], 0, 0x0800, 1);
	echo4(&pk[k++]);
	sll2(&pk[k], 4, 0x86dd, 1);
	echo6(&pk[k++]);
	sll2(&pk[k], 0, 0x88b5, 1);
	tb_str(&pk[k++], "xyz");
	tp_init(&p, "sll2", DLT_LINUX_SLL2, &n);
	TP_CHECK(&p, pk, k, want_sll2);
	tp_release(&p);
	tp_init(&p, "sll2-e", DLT_LINUX_SLL2, &e);
	TP_CHECK(&p, pk, k, want_sll2_e);
	tp_release(&p);
}

static void nflog(struct tb *t, unsigned family)
{
	uint16_t v;

	tb_init(t);
	tb_u8(t, family);
	tb_u8(t, 0);
	tb_be16(t, 5);
	/* TLVs are in the writer's byte order: this host's */
	v = 8;
	tb_bytes(t, &v, 2);
	v = 1;
	tb_bytes(t, &v, 2);
	tb_be32(t, 0x08000001);
	v = 4;
	tb_bytes(t, &v, 2);
	v = 9;
	tb_bytes(t, &v, 2);
}

static void test_nflog_null_raw(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	struct tp p;
	size_t k = 0;
	uint32_t af;

	nflog(&pk[k], 2);
	echo4(&pk[k++]);
	nflog(&pk[k], 10);
	echo6(&pk[k++]);
	nflog(&pk[k], 7);
	tb_str(&pk[k++], "other");
	tp_init(&p, "nflog", DLT_NFLOG, &n);
	TP_CHECK(&p, pk, k, want_nflog);
	tp_release(&p);
	tp_init(&p, "nflog-e", DLT_NFLOG, &e);
	TP_CHECK(&p, pk, k, want_nflog_e);
	tp_release(&p);

	k = 0;
	tb_init(&pk[k]);
	af = 2;
	tb_bytes(&pk[k], &af, 4); /* host order, DLT_NULL */
	echo4(&pk[k++]);
	tb_init(&pk[k]);
	tb_be32(&pk[k], 30); /* the other order: Darwin's AF_INET6 */
	echo6(&pk[k++]);
	tb_init(&pk[k]);
	af = 99;
	tb_bytes(&pk[k], &af, 4);
	tb_str(&pk[k++], "?");
	tp_init(&p, "null", DLT_NULL, &n);
	TP_CHECK(&p, pk, k, want_null);
	tp_release(&p);
	tp_init(&p, "null-e", DLT_NULL, &e);
	TP_CHECK(&p, pk, k, want_null_e);
	tp_release(&p);

	k = 0;
	tb_init(&pk[k]);
	echo4(&pk[k++]);
	tb_init(&pk[k]);
	echo6(&pk[k++]);
	tb_init(&pk[k]);
	tb_str(&pk[k++], "\x30 not IP");
	tp_init(&p, "raw", DLT_RAW, &n);
	TP_CHECK(&p, pk, k, want_raw);
	tp_release(&p);
	tp_init(&p, "raw-e", DLT_RAW, &e);
	TP_CHECK(&p, pk, k, want_raw_e);
	tp_release(&p);
	tp_init(&p, "ipv4", DLT_IPV4, &n);
	TP_CHECK(&p, pk, 1, want_ipv4);
	tp_release(&p);
	tp_init(&p, "ipv6", DLT_IPV6, &n);
	TP_CHECK(&p, pk + 1, 1, want_ipv6);
	tp_release(&p);
	/* a link type without a printer: UNSUPPORTED and a hex dump */
	tp_init(&p, "dlt147", 147, &n);
	TP_CHECK(&p, pk, 1, want_dlt147);
	tp_release(&p);
}

/* The timestamp formats, on packets 1.5 s apart then going back. */
static void test_timestamps(void)
{
	static const struct {
		const char *name;
		int tflag;
		const char *const *want;
		size_t n;
	} forms[] = {
		{ "ts0", 0, want_ts0, TP_N(want_ts0) },
		{ "ts2", 2, want_ts2, TP_N(want_ts2) },
		{ "ts3", 3, want_ts3, TP_N(want_ts3) },
		{ "ts4", 4, want_ts4, TP_N(want_ts4) },
		{ "ts5", 5, want_ts5, TP_N(want_ts5) },
	};
	static const uint32_t when[][2] = {
		{ 1700000000, 999999 }, { 1700000002, 500000 },
		{ 1700000001, 0 },	{ 1700090000, 1 },
	};
	struct pr_opts o = { .nflag = 1 };
	struct tp p;
	size_t f, i;
	int bad = 0;

	tb_init(&pk[0]);
	tb_eth(&pk[0], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800);
	echo4(&pk[0]);
	for (f = 0; f < TP_N(forms); f++) {
		char what[64];

		o.tflag = forms[f].tflag;
		tp_init(&p, forms[f].name, DLT_EN10MB, &o);
		for (i = 0; i < TP_N(when); i++) {
			const char *got;

			p.sec = when[i][0];
			p.usec = when[i][1];
			got = tp_tb(&p, &pk[0]);
			snprintf(what, sizeof(what), "%s packet %zu",
				 forms[f].name, i);
			if (i >= forms[f].n || !tp_same(got, forms[f].want[i], what))
				bad++;
		}
		bad += forms[f].n != TP_N(when);
		tp_release(&p);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* Nanosecond timestamps: the fraction is printed with 9 digits. */
static void test_nano(void)
{
	const struct pr_opts o = { .nflag = 1, .tflag = 2, .nano = 1 };
	const struct pr_opts o3 = { .nflag = 1, .tflag = 3, .nano = 1 };
	struct tp p;

	tb_init(&pk[0]);
	tb_eth(&pk[0], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800);
	echo4(&pk[0]);
	tp_init(&p, "nano", DLT_EN10MB, &o);
	p.sec = 1700000000;
	p.usec = 123456789;
	CU_ASSERT(tp_same(tp_tb(&p, &pk[0]),
			  "1700000000.123456789 IP 10.0.0.1 > 10.0.0.2: ICMP "
			  "echo request, id 7, seq 1, length 24",
			  "--nano -tt"));
	tp_release(&p);
	tp_init(&p, "nano3", DLT_EN10MB, &o3);
	p.sec = 1700000000;
	p.usec = 900000000;
	tp_tb(&p, &pk[0]);
	p.sec = 1700000001;
	p.usec = 100000001;
	CU_ASSERT(tp_same(tp_tb(&p, &pk[0]),
			  " 00:00:00.200000001 IP 10.0.0.1 > 10.0.0.2: ICMP "
			  "echo request, id 7, seq 1, length 24",
			  "--nano -ttt"));
	tp_release(&p);
}

/* -x -xx -X -XX -A, and records with impossible lengths. */
static void test_dumps(void)
{
	static const struct {
		const char *name;
		struct pr_opts o;
		const char *const *want;
		size_t n;
	} forms[] = {
		{ "x", { .nflag = 1, .tflag = 1, .xflag = 1 }, want_x, TP_N(want_x) },
		{ "xx", { .nflag = 1, .tflag = 1, .xflag = 2 }, want_xx, TP_N(want_xx) },
		{ "X", { .nflag = 1, .tflag = 1, .Xflag = 1 }, want_X, TP_N(want_X) },
		{ "XX", { .nflag = 1, .tflag = 1, .Xflag = 2 }, want_XX, TP_N(want_XX) },
	};
	static const struct {
		const char *name;
		const char *const *want;
		size_t n;
	} ascii[] = {
		/* -A output cannot be split into packets: one file each */
		{ "A0", want_A0, TP_N(want_A0) },
		{ "A1", want_A1, TP_N(want_A1) },
		{ "A2", want_A2, TP_N(want_A2) },
	};
	const struct pr_opts a = { .nflag = 1, .tflag = 1, .Aflag = 1 };
	struct tp p;
	size_t f, k = 0;

	tb_init(&pk[k]);
	tb_eth(&pk[k], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800);
	echo4(&pk[k++]);
	tb_init(&pk[k]);
	tb_eth(&pk[k], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800);
	{
		size_t ip = tb_ip4(&pk[k], 6, "10.0.0.1", "10.0.0.2");
		size_t l4 = tb_tcp(&pk[k], 80, 40000, 5, 6, 0x18, 100, NULL, 0);

		tb_str(&pk[k], "HTTP/1.1 200 OK\r\nA: b\r\n\r\n\x01\x7f\xff tail\rx");
		tb_ip4_done(&pk[k], ip);
		tb_l4_done(&pk[k], ip, l4, 6);
	}
	k++;
	tb_init(&pk[k]);
	tb_eth(&pk[k], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x88b5);
	tb_str(&pk[k++], "odd");
	for (f = 0; f < TP_N(forms); f++) {
		tp_init(&p, forms[f].name, DLT_EN10MB, &forms[f].o);
		CU_ASSERT_EQUAL(tp_run(&p, pk, k, forms[f].want, forms[f].n), 0);
		tp_release(&p);
	}
	for (f = 0; f < TP_N(ascii); f++) {
		tp_init(&p, ascii[f].name, DLT_EN10MB, &a);
		CU_ASSERT_EQUAL(tp_run(&p, pk + f, 1, ascii[f].want, ascii[f].n), 0);
		tp_release(&p);
	}
}

static void test_invalid_headers(void)
{
	const struct pr_opts n = { .nflag = 1 };
	struct tp p;
	uint8_t b[64] = { 0 };

	tp_init(&p, "invalid", DLT_EN10MB, &n);
	CU_ASSERT(tp_same(tp_print(&p, b, 0, 0), "[Invalid header: caplen==0, len==0]",
			  "both 0"));
	CU_ASSERT(tp_same(tp_print(&p, b, 10, 20),
			  "[Invalid header: len(10) < caplen(20)]", "len < caplen"));
	CU_ASSERT(tp_same(tp_print(&p, b, 300000, 20),
			  "[Invalid header: len(300000) > 262144]", "len too big"));
	tp_release(&p);
}

/* The printer fuzz target picks its link type from fzp_dlts: a printer
 * left out of that list would never be fuzzed. */
static void test_fuzz_covers_links(void)
{
	size_t i;
	int dlt;

	for (i = 0; (dlt = pr_link_type_at(i)) >= 0; i++) {
		if (fzp_dlt_index(dlt) < 0)
			fprintf(stderr, "link type %d has a printer but is not in "
				"tests/fuzz/fuzz-print.h's fzp_dlts\n", dlt);
		CU_ASSERT(fzp_dlt_index(dlt) >= 0);
	}
	CU_ASSERT(i >= 16);
}

static CU_TestInfo tests[] = {
	{ "LINUX_SLL and LINUX_SLL2", test_cooked },
	{ "NFLOG, NULL, RAW, IPV4, IPV6, unsupported", test_nflog_null_raw },
	{ "-t -tt -ttt -tttt -ttttt", test_timestamps },
	{ "--nano", test_nano },
	{ "-x -xx -X -XX -A", test_dumps },
	{ "impossible record lengths", test_invalid_headers },
	{ "every link type is fuzzed", test_fuzz_covers_links },
	CU_TEST_INFO_NULL,
};

/* Local times are asserted in UTC, as the conformance suite runs. */
static int set_utc(void)
{
	if (setenv("TZ", "UTC", 1) < 0)
		return -1;
	tzset();
	return 0;
}

TU_SUITE("print-link", set_utc, NULL, tests);
