/* test-print-tcp.c: the TCP printer against tcpdump 4.99.3's text for the same bytes. */
#include <stdio.h>
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

/* The expected texts come from tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-tcp.want"

static const struct pr_opts opt_t_n = { .nflag = 1, .tflag = 1 };

/* One segment master:36554 -> node1:80 (or back when rev). */
static void seg(struct tb *t, int rev, uint32_t seq, uint32_t ack,
		unsigned flags, const void *opts, size_t optlen,
		const char *data)
{
	size_t ip, l4;

	tb_init(t);
	tb_eth(t, rev ? MAC_A : MAC_B, rev ? MAC_B : MAC_A, 0x0800);
	ip = tb_ip4(t, 6, rev ? "10.0.0.2" : "10.0.0.1",
		    rev ? "10.0.0.1" : "10.0.0.2");
	l4 = tb_tcp(t, rev ? 80 : 36554, rev ? 36554 : 80, seq, ack, flags,
		    rev ? 65160 : 64240, opts, optlen);
	if (data)
		tb_str(t, data);
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 6);
}

static const uint8_t syn_opts[] = {
	2, 4, 0x05, 0xb4,		     /* mss 1460 */
	4, 2,				     /* sackOK */
	8, 10, 0, 0, 0, 100, 0, 0, 0, 0,     /* TS val 100 ecr 0 */
	1,				     /* nop */
	3, 3, 7,			     /* wscale 7 */
};

static const uint8_t ack_opts[] = {
	1, 1, 8, 10, 0, 0, 0, 101, 0, 0, 0, 100,
};

/* The conversation of a tiny HTTP exchange, as a list of segments. */
static int conversation(struct tp *p, const char *const *want, unsigned n)
{
	struct tb t;
	int bad = 0, i = 0;
	const uint32_t c = 1000000000u, s = 3000000000u;

#define EXPECT()                                                         \
	do {                                                             \
		const char *got_ = tp_tb(p, &t);                         \
		if ((unsigned)i >= n || !tp_same(got_, want[i], p->name)) \
			bad++;                                           \
		i++;                                                     \
	} while (0)

	seg(&t, 0, c, 0, 0x02, syn_opts, sizeof(syn_opts), NULL);
	EXPECT();
	seg(&t, 1, s, c + 1, 0x12, syn_opts, sizeof(syn_opts), NULL);
	EXPECT();
	seg(&t, 0, c + 1, s + 1, 0x10, ack_opts, sizeof(ack_opts), NULL);
	EXPECT();
	seg(&t, 0, c + 1, s + 1, 0x18, ack_opts, sizeof(ack_opts),
	    "GET /index.html HTTP/1.1\r\nHost: node1\r\n\r\n");
	EXPECT();
	seg(&t, 1, s + 1, c + 42, 0x18, ack_opts, sizeof(ack_opts),
	    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
	EXPECT();
	seg(&t, 1, s + 48, c + 42, 0x30, ack_opts, sizeof(ack_opts), "!");
	t.b[14 + 20 + 19] = 1; /* urgent pointer 1 */
	tb_l4_done(&t, 14, 34, 6);
	EXPECT();
	seg(&t, 0, c + 42, s + 49, 0x11, ack_opts, sizeof(ack_opts), NULL);
	EXPECT();
	seg(&t, 1, s + 49, c + 43, 0x11, ack_opts, sizeof(ack_opts), NULL);
	EXPECT();
	seg(&t, 0, c + 43, s + 50, 0x10, ack_opts, sizeof(ack_opts), NULL);
	EXPECT();
	seg(&t, 0, c + 43, 0, 0x04, NULL, 0, NULL);
	EXPECT();
	/* Every flag at once, and none. */
	seg(&t, 1, s + 50, c + 43, 0xff, NULL, 0, NULL);
	EXPECT();
	seg(&t, 1, s + 50, c + 43, 0x00, NULL, 0, NULL);
	EXPECT();
#undef EXPECT
	return bad + ((unsigned)i != n);
}

static void test_relative(void)
{
	struct tp p;

	tp_init(&p, "tcp-relative", DLT_EN10MB, &opt_t_n);
	CU_ASSERT_EQUAL(conversation(&p, want_tcp_relative,
				     sizeof(want_tcp_relative) /
					     sizeof(want_tcp_relative[0])),
			0);
	tp_release(&p);
}

/*
 * More conversations than the printer's first table holds, interleaved:
 * tcpdump never forgets one, so the second segment of each is still
 * relative to its SYN (the printer once forgot conversations when a set
 * of its table was full). tests/diff/run compares 100,000 with tcpdump.
 */
static void test_many_conversations(void)
{
	enum { N = 40000 };
	struct pr_ctx *c;
	struct hx_buf out = HX_BUF_INIT;
	char err[HX_ERRLEN], a[32];
	struct pcap_pkthdr h = { .ts = { 1700000000, 0 } };
	unsigned i, round, bad = 0;

	c = pr_new(err, &opt_t_n, DLT_EN10MB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < N; i++) {
			struct tb t;
			size_t ip, l4;
			uint32_t isn = i * 2654435761u;

			tb_init(&t);
			tb_eth(&t, MAC_B, MAC_A, 0x0800);
			snprintf(a, sizeof(a), "10.%u.%u.1", i / 256, i % 256);
			ip = tb_ip4(&t, 6, a, "10.255.0.1");
			/* tcpdump tracks segments with ACK: the first sets the
			 * bases, the second prints relative to them */
			l4 = tb_tcp(&t, 40000 + i % 20000, 80, round ? isn + 1 : isn,
				    7, round ? 0x18 : 0x10, 512, NULL, 0);
			if (round)
				tb_str(&t, "abc");
			tb_ip4_done(&t, ip);
			tb_l4_done(&t, ip, l4, 6);
			h.caplen = h.len = (uint32_t)t.n;
			hx_buf_reset(&out);
			pr_packet(c, &out, &h, t.b);
			if (!round)
				continue;
			if (!out.p || !strstr(out.p, "Flags [P.], seq 1:4, ack 1,")) {
				if (bad++ < 3)
					fprintf(stderr, "\nconversation %u: %s", i,
						out.p ? out.p : "");
			}
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_FALSE(out.oom);
	hx_buf_release(&out);
	pr_free(c);
}

static void test_absolute(void)
{
	const struct pr_opts o = { .nflag = 1, .tflag = 1, .Sflag = 1 };
	struct tp p;

	tp_init(&p, "tcp-absolute", DLT_EN10MB, &o);
	CU_ASSERT_EQUAL(conversation(&p, want_tcp_absolute,
				     sizeof(want_tcp_absolute) /
					     sizeof(want_tcp_absolute[0])),
			0);
	tp_release(&p);
}

static void test_verbose(void)
{
	const struct pr_opts o = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;

	tp_init(&p, "tcp-verbose", DLT_EN10MB, &o);
	CU_ASSERT_EQUAL(conversation(&p, want_tcp_verbose,
				     sizeof(want_tcp_verbose) /
					     sizeof(want_tcp_verbose[0])),
			0);
	tp_release(&p);
}

static void test_quiet_names(void)
{
	const struct pr_opts q = { .tflag = 1, .qflag = 1 };
	const struct pr_opts e = { .tflag = 1, .eflag = 1 };
	struct tp p;

	/* -q, and names: ports from /etc/services, hosts from pr_name_add. */
	tp_init(&p, "tcp-quiet", DLT_EN10MB, &q);
	CU_ASSERT_EQUAL(conversation(&p, want_tcp_quiet,
				     sizeof(want_tcp_quiet) /
					     sizeof(want_tcp_quiet[0])),
			0);
	tp_release(&p);
	tp_init(&p, "tcp-link", DLT_EN10MB, &e);
	CU_ASSERT_EQUAL(conversation(&p, want_tcp_link,
				     sizeof(want_tcp_link) /
					     sizeof(want_tcp_link[0])),
			0);
	tp_release(&p);
}

static void test_host_names(void)
{
	const struct pr_opts o = { .tflag = 1 };
	const uint8_t a[4] = { 10, 0, 0, 1 }, b[4] = { 10, 0, 0, 2 };
	char err[HX_ERRLEN];
	struct tp p;
	struct tb t;

	tp_init(&p, "tcp-names", DLT_EN10MB, &o);
	p.c = pr_new(err, &p.o, p.dlt);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p.c);
	CU_ASSERT_EQUAL(pr_name_add(p.c, AF_INET, a, "master"), 0);
	CU_ASSERT_EQUAL(pr_name_add(p.c, AF_INET, b, "node1"), 0);
	CU_ASSERT_EQUAL(pr_name_add(p.c, 12345, b, "x"), -EINVAL);
	seg(&t, 0, 1, 0, 0x02, NULL, 0, NULL);
	CU_ASSERT(tp_same(tp_tb(&p, &t),
			  "IP master.36554 > node1.http: Flags [S], seq 1, "
			  "win 64240, length 0",
			  "names"));
	tp_release(&p);
	/* -n: numbers even for named hosts. */
	tp_init(&p, "tcp-names-n", DLT_EN10MB, &opt_t_n);
	p.c = pr_new(err, &p.o, p.dlt);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p.c);
	CU_ASSERT_EQUAL(pr_name_add(p.c, AF_INET, a, "master"), 0);
	CU_ASSERT(tp_same(tp_tb(&p, &t),
			  "IP 10.0.0.1.36554 > 10.0.0.2.80: Flags [S], seq 1, "
			  "win 64240, length 0",
			  "names -n"));
	tp_release(&p);
}

/* Every option kind tcpdump names, and malformed ones. */
static void test_options(void)
{
	static const uint8_t o1[] = {
		5, 18, 0x3b, 0x9a, 0xca, 0x0b, 0x3b, 0x9a, 0xca, 0x20, /* sack */
		0x3b, 0x9a, 0xd0, 0x00, 0x3b, 0x9a, 0xd1, 0x00,
		1, 1,
	};
	static const uint8_t o2[] = {
		19, 18, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
		28, 4, 0x81, 0x2c, /* uto */
		0, 0,		   /* eol */
	};
	static const uint8_t o3[] = {
		34, 10, 1, 2, 3, 4, 5, 6, 7, 8, /* tfo cookie */
		254, 4, 0xf9, 0x89,		/* exp tfo cookiereq */
		99, 4, 0xab, 0xcd,		/* unknown */
		1, 1,
	};
	static const uint8_t o4[] = {
		29, 8, 7, 9, 0xaa, 0xbb, 0xcc, 0xdd, /* tcp-ao */
		30, 4, 0x00, 0x81,		     /* mptcp capable v0 */
		6, 6, 0, 0, 0, 42,		     /* echo */
		11, 6, 0, 0, 0, 7,		     /* cc */
	};
	static const uint8_t o5[] = {
		2, 9, 0, 0, /* length past the header: bad opt */
	};
	static const uint8_t o6[] = {
		3, 4, 7, 0, /* wscale with a wrong length */
		20, 4, 0x0f, 0x02, /* scps */
		34, 2, 1, 1, /* tfo cookiereq */
	};
	const uint8_t *const opts[] = { o1, o2, o3, o4, o5, o6 };
	const size_t lens[] = { sizeof(o1), sizeof(o2), sizeof(o3),
				sizeof(o4), sizeof(o5), sizeof(o6) };
	struct tp p;
	struct tb t;
	unsigned i;
	int bad = 0;

	tp_init(&p, "tcp-options", DLT_EN10MB, &opt_t_n);
	/* A connection first, so that SACK blocks are relative. */
	seg(&t, 0, 1000000000u, 0, 0x02, NULL, 0, NULL);
	tp_tb(&p, &t);
	seg(&t, 1, 3000000000u, 1000000001u, 0x12, NULL, 0, NULL);
	tp_tb(&p, &t);
	for (i = 0; i < 6; i++) {
		const char *got;

		seg(&t, 1, 3000000001u, 1000000001u, 0x10, opts[i], lens[i],
		    NULL);
		got = tp_tb(&p, &t);
		if (i + 2 >= sizeof(want_tcp_options) / sizeof(want_tcp_options[0]))
			bad++;
		else
			bad += !tp_same(got, want_tcp_options[i + 2], "options");
	}
	CU_ASSERT_EQUAL(bad, 0);
	tp_release(&p);
}

/* Ethernet, IPv4 and TCP with options, cut at every length. */
static void test_truncation_ip4(void)
{
	struct tp p;
	struct tb t;

	tp_init(&p, "tcp-cut4", DLT_EN10MB, &opt_t_n);
	seg(&t, 0, 1000000000u, 0, 0x02, syn_opts, sizeof(syn_opts), NULL);
	CU_ASSERT_EQUAL(tp_cuts(&p, &t, want_tcp_cut4,
				sizeof(want_tcp_cut4) /
					sizeof(want_tcp_cut4[0])),
			0);
	tp_release(&p);
}

/* The same over IPv6, with -v. */
static void test_truncation_ip6(void)
{
	const struct pr_opts o = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;
	struct tb t;
	size_t ip, l4;

	tb_init(&t);
	tb_eth(&t, MAC_B, MAC_A, 0x86dd);
	ip = tb_ip6(&t, 6, "fd00::1", "fd00::2");
	l4 = tb_tcp(&t, 36554, 80, 1000000000u, 0, 0x02, 64800, syn_opts,
		    sizeof(syn_opts));
	tb_ip6_done(&t, ip);
	tb_l4_done(&t, ip, l4, 6);
	tp_init(&p, "tcp-cut6", DLT_EN10MB, &o);
	CU_ASSERT_EQUAL(tp_cuts(&p, &t, want_tcp_cut6,
				sizeof(want_tcp_cut6) /
					sizeof(want_tcp_cut6[0])),
			0);
	tp_release(&p);
}

/* Header lengths that do not fit, and -x of a cut packet. */
static void test_bad_headers(void)
{
	const struct pr_opts x = { .nflag = 1, .tflag = 1, .xflag = 1 };
	struct tp p;
	struct tb t;
	int bad = 0;

	tp_init(&p, "tcp-bad", DLT_EN10MB, &x);
	seg(&t, 0, 1, 0, 0x02, NULL, 0, NULL);
	t.b[14 + 20 + 12] = 0x40; /* data offset 16 < 20 */
	bad += !tp_same(tp_tb(&p, &t), want_tcp_bad[0], "short offset");
	seg(&t, 0, 1, 0, 0x02, NULL, 0, NULL);
	t.b[14 + 20 + 12] = 0xf0; /* data offset 60 > segment */
	bad += !tp_same(tp_tb(&p, &t), want_tcp_bad[1], "long offset");
	seg(&t, 0, 1, 0, 0x02, syn_opts, sizeof(syn_opts), NULL);
	bad += !tp_same(tp_print(&p, t.b, (unsigned)t.n, 14 + 20 + 25),
			want_tcp_bad[2], "cut in options");
	CU_ASSERT_EQUAL(bad, 0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "relative sequence numbers", test_relative },
	{ "40,000 interleaved conversations, none forgotten", test_many_conversations },
	{ "-S absolute sequence numbers", test_absolute },
	{ "-v checksums", test_verbose },
	{ "-q and -e", test_quiet_names },
	{ "host names and -n", test_host_names },
	{ "options", test_options },
	{ "every cut of Ethernet/IPv4/TCP", test_truncation_ip4 },
	{ "every cut of Ethernet/IPv6/TCP", test_truncation_ip6 },
	{ "bad header lengths", test_bad_headers },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-tcp", NULL, NULL, tests);
