/* test-craft.c: crafted TCP segments: checksums, options, flags, printed as tcpdump 4.99.3 prints the same bytes. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "netns/craft.h"
#include "unit/tpkt.h"
#include "unit/tu.h"

/*
 * The expected texts are tcpdump 4.99.3's for the same bytes
 * (TPKT_PCAP_DIR=D build/rel/test-unit craft; tcpdump -v -n -r D/craft-*.pcap).
 */

static void sa4(struct sockaddr_storage *ss, const char *a)
{
	memset(ss, 0, sizeof(*ss));
	ss->ss_family = AF_INET;
	inet_pton(AF_INET, a, &((struct sockaddr_in *)ss)->sin_addr);
}

static void sa6(struct sockaddr_storage *ss, const char *a)
{
	memset(ss, 0, sizeof(*ss));
	ss->ss_family = AF_INET6;
	inet_pton(AF_INET6, a, &((struct sockaddr_in6 *)ss)->sin6_addr);
}

/* The RFC 1071 section 3 example: the sum of its bytes is 0xddf2. */
static void test_cksum(void)
{
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03,
				     0xf4, 0xf5, 0xf6, 0xf7 };
	static const uint8_t odd[] = { 0x01 };

	CU_ASSERT_EQUAL(ns_cksum(b, sizeof(b), 0), (uint16_t)~0xddf2);
	/* an odd byte counts as the high half of a word */
	CU_ASSERT_EQUAL(ns_cksum(odd, 1, 0), (uint16_t)~0x0100);
	/* a header with its checksum in place sums to zero */
	{
		uint8_t ip[20] = { 0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0,
				   10, 0, 0, 1, 10, 0, 0, 2 };
		uint16_t c = ns_cksum(ip, 20, 0);

		ip[10] = (uint8_t)(c >> 8);
		ip[11] = (uint8_t)c;
		CU_ASSERT_EQUAL(ns_cksum(ip, 20, 0), 0);
	}
}

static void test_flags(void)
{
	size_t bad;

	CU_ASSERT_EQUAL(ns_tcp_flags_parse("S", &bad), NS_TH_SYN);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("S.", &bad), NS_TH_SYN | NS_TH_ACK);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("SEW", &bad),
			NS_TH_SYN | NS_TH_ECE | NS_TH_CWR);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("FSRP.UEW", &bad), 0xff);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse(".", &bad), NS_TH_ACK);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("none", &bad), 0);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("syn|ack", &bad), 0x12);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("tcp-rst", &bad), NS_TH_RST);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("ece|cwr|syn", &bad), 0xc2);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("Q", &bad), -EINVAL);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("SQ", &bad), -EINVAL);
	CU_ASSERT_EQUAL(bad, 1);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("syn|bogus", &bad), -EINVAL);
	CU_ASSERT_EQUAL(bad, 4);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("syn|", &bad), -EINVAL);
	CU_ASSERT_EQUAL(ns_tcp_flags_parse("", &bad), -EINVAL);
}

static void test_options(void)
{
	char err[HX_ERRLEN];
	struct hx_buf o = HX_BUF_INIT;
	uint32_t v[8] = { 1460 };
	static const uint8_t want[] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0,
					0, 100, 0, 0, 0, 0, 1, 3, 3, 7,
					5, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0 };

	CU_ASSERT_EQUAL(ns_tcpopt_arity("mss"), 1);
	CU_ASSERT_EQUAL(ns_tcpopt_arity("ts"), 2);
	CU_ASSERT_EQUAL(ns_tcpopt_arity("nop"), 0);
	CU_ASSERT_EQUAL(ns_tcpopt_arity("sack"), NS_TCPOPT_PAIRS);
	CU_ASSERT_EQUAL(ns_tcpopt_arity("raw"), 1);
	CU_ASSERT_EQUAL(ns_tcpopt_arity("window"), -1);
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "mss", v, 1), 0);
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "sackOK", NULL, 0), 0);
	v[0] = 100;
	v[1] = 0;
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "ts", v, 2), 0);
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "nop", NULL, 0), 0);
	v[0] = 7;
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "wscale", v, 1), 0);
	v[0] = 1;
	v[1] = 2;
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "sack", v, 2), 0);
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "eol", NULL, 0), 0);
	CU_ASSERT_EQUAL(o.len, sizeof(want));
	CU_ASSERT(o.len == sizeof(want) && !memcmp(o.p, want, sizeof(want)));
	v[0] = 70000;
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "mss", v, 1), -EINVAL);
	CU_ASSERT(strstr(err, "mss 70000") != NULL);
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "ts", v, 1), -EINVAL);
	CU_ASSERT(strstr(err, "'ts' takes 2 values") != NULL);
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "sack", v, 3), -EINVAL);
	CU_ASSERT_EQUAL(ns_tcpopt_put(err, &o, "raw", v, 1), -EINVAL);
	hx_buf_release(&o);
}

/* A segment built by ns_tcpseg_build, behind an Ethernet header, is the
 * same as the test builder's (its own checksum code), and prints as
 * tcpdump prints it. */
static const char *print_seg(struct tp *p, const struct ns_tcpseg *s, int v6,
			     struct tb *ref)
{
	char err[HX_ERRLEN];
	struct sockaddr_storage src, dst;
	struct hx_buf pkt = HX_BUF_INIT;
	struct tb t;
	int n;

	if (v6) {
		sa6(&src, "fd00::1");
		sa6(&dst, "fd00::2");
	} else {
		sa4(&src, "10.0.0.1");
		sa4(&dst, "10.0.0.2");
	}
	n = ns_tcpseg_build(err, s, &src, &dst, &pkt);
	CU_ASSERT_FATAL(n > 0);
	tb_init(&t);
	tb_eth(&t, "02:00:00:00:00:02", "02:00:00:00:00:01",
	       v6 ? 0x86dd : 0x0800);
	tb_bytes(&t, pkt.p, pkt.len);
	hx_buf_release(&pkt);
	if (ref) {
		CU_ASSERT_EQUAL(ref->n, t.n);
		CU_ASSERT(ref->n == t.n && !memcmp(ref->b, t.b, t.n));
	}
	return tp_tb(p, &t);
}

static void test_segments(void)
{
	static const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	static const uint8_t synopts[] = { 2, 4, 0x05, 0xb4, 4, 2, 1, 3, 3, 7 };
	static const uint8_t padded[] = { 2, 4, 0x05, 0xb4, 4, 2, 1, 3, 3, 7,
					  0, 0 };
	struct ns_tcpseg s = { .dport = 80, .sport = 40000, .flags = 0xc2,
			       .seq = 1000, .win = 64240, .opts = synopts,
			       .optlen = sizeof(synopts) };
	struct tb ref;
	struct tp p;
	size_t ip, l4;

	/* The reference: the test builder, with the same DF and id. */
	tb_init(&ref);
	tb_eth(&ref, "02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800);
	ip = tb_ip4(&ref, 6, "10.0.0.1", "10.0.0.2");
	ref.b[ip + 4] = 0;
	ref.b[ip + 5] = 1;
	ref.b[ip + 6] = 0x40;
	ref.b[ip + 8] = 64;
	l4 = tb_tcp(&ref, 40000, 80, 1000, 0, 0xc2, 64240, padded,
		    sizeof(padded));
	tb_ip4_done(&ref, ip);
	tb_l4_done(&ref, ip, l4, 6);

	tp_init(&p, "craft-sew", 1, &v);
	CU_ASSERT(tp_same(print_seg(&p, &s, 0, &ref),
			  "IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 52)\n"
			  "    10.0.0.1.40000 > 10.0.0.2.80: Flags [SEW], cksum 0xbfe6 (correct), seq 1000, win 64240, options [mss 1460,sackOK,nop,wscale 7,eol], length 0",
			  "SYN with E and W"));
	tp_release(&p);

	/* An option whose length runs past the header: tcpdump's [bad opt]. */
	{
		static const uint8_t bad[] = { 1, 1, 2, 9 };
		struct ns_tcpseg b = { .dport = 80, .flags = NS_TH_SYN,
				       .seq = 7, .win = 512, .opts = bad,
				       .optlen = sizeof(bad) };

		tp_init(&p, "craft-badopt", 1, &v);
		CU_ASSERT(tp_same(print_seg(&p, &b, 0, NULL),
				  "IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 44)\n"
				  "    10.0.0.1.40000 > 10.0.0.2.80: Flags [S], cksum 0xea3a (correct), seq 7, win 512, options [nop,nop,[bad opt]]",
				  "bad option"));
		tp_release(&p);
	}
	/* IPv6, with data: the pseudo-header of RFC 8200. */
	{
		struct ns_tcpseg d = { .dport = 2800, .sport = 1234,
				       .flags = NS_TH_PUSH | NS_TH_ACK,
				       .seq = 1, .ack = 1, .win = 502,
				       .data = (const uint8_t *)"test\n",
				       .len = 5, .ttl = 9 };

		tp_init(&p, "craft-v6", 1, &v);
		CU_ASSERT(tp_same(print_seg(&p, &d, 1, NULL),
				  "IP6 (hlim 9, next-header TCP (6) payload length: 25) fd00::1.1234 > fd00::2.2800: Flags [P.], cksum 0xb22f (correct), seq 1:6, ack 1, win 502, length 5",
				  "IPv6 with data"));
		tp_release(&p);
	}
}

static void test_build_errors(void)
{
	char err[HX_ERRLEN];
	struct sockaddr_storage a, b;
	struct hx_buf pkt = HX_BUF_INIT;
	uint8_t big[44] = { 0 };
	struct ns_tcpseg s = { .dport = 1, .opts = big, .optlen = sizeof(big) };

	sa4(&a, "10.0.0.1");
	sa4(&b, "10.0.0.2");
	CU_ASSERT_EQUAL(ns_tcpseg_build(err, &s, &a, &b, &pkt), -EINVAL);
	CU_ASSERT(strstr(err, "44 bytes") != NULL);
	s.optlen = 0;
	sa6(&b, "fd00::2");
	CU_ASSERT_EQUAL(ns_tcpseg_build(err, &s, &a, &b, &pkt), -EINVAL);
	CU_ASSERT_EQUAL(pkt.len, 0);
	hx_buf_release(&pkt);
}

static CU_TestInfo tests[] = {
	{ "the Internet checksum (RFC 1071)", test_cksum },
	{ "TCP flags: tcpdump's letters and names", test_flags },
	{ "TCP options as the wire has them", test_options },
	{ "segments: checksums, printed as tcpdump does", test_segments },
	{ "segments that cannot be built", test_build_errors },
	CU_TEST_INFO_NULL,
};

TU_SUITE("craft", NULL, NULL, tests);
