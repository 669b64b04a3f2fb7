/* test-print-udp.c: UDP, DNS (UDP and TCP), mDNS and NTP printers against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-udp.want"

static struct tb pk[48];

/* Starts Ethernet + IPv4 + UDP; finish with udp_done. */
static size_t udp(struct tb *t, unsigned sport, unsigned dport)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x0800);
	tb_ip4(t, 17, "10.0.0.1", "10.0.0.53");
	return tb_udp(t, sport, dport);
}

static void udp_done(struct tb *t, size_t l4)
{
	tb_ip4_done(t, 14);
	tb_l4_done(t, 14, l4, 17);
}

/* A name as labels: "www.example.com" (no compression). */
static void name(struct tb *t, const char *n)
{
	while (*n) {
		const char *dot = strchr(n, '.');
		size_t l = dot ? (size_t)(dot - n) : strlen(n);

		tb_u8(t, (unsigned)l);
		tb_bytes(t, n, l);
		n += l + (dot ? 1 : 0);
	}
	tb_u8(t, 0);
}

static void hdr(struct tb *t, unsigned id, unsigned flags, unsigned qd,
		unsigned an, unsigned ns, unsigned ar)
{
	tb_be16(t, id);
	tb_be16(t, flags);
	tb_be16(t, qd);
	tb_be16(t, an);
	tb_be16(t, ns);
	tb_be16(t, ar);
}

static void rr(struct tb *t, unsigned type, unsigned cls, uint32_t ttl,
	       const void *rdata, size_t rdlen)
{
	tb_be16(t, type);
	tb_be16(t, cls);
	tb_be32(t, ttl);
	tb_be16(t, (unsigned)rdlen);
	tb_bytes(t, rdata, rdlen);
}

static size_t build_dns(void)
{
	size_t k = 0, l4;

	/* query A? www.example.com. with an OPT record (DO, cookie) */
	l4 = udp(&pk[k], 40000, 53);
	hdr(&pk[k], 0x1234, 0x0100, 1, 0, 0, 1);
	name(&pk[k], "www.example.com");
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 1);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 41);
	tb_be16(&pk[k], 1232);
	tb_be32(&pk[k], 0x00008000);
	tb_be16(&pk[k], 12);
	tb_bytes(&pk[k], "\x00\x0a\x00\x08\x01\x02\x03\x04\x05\x06\x07\x08", 12);
	udp_done(&pk[k++], l4);
	/* answer: CNAME + A, compressed, authoritative */
	l4 = udp(&pk[k], 53, 40000);
	hdr(&pk[k], 0x1234, 0x8580, 1, 2, 0, 0);
	name(&pk[k], "www.example.com");
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 0xc00c);
	rr(&pk[k], 5, 1, 3600, "\x03web\xc0\x10", 6);
	tb_be16(&pk[k], 0xc02d);
	rr(&pk[k], 1, 1, 86461, "\xc0\x00\x02\x01", 4);
	udp_done(&pk[k++], l4);
	/* NXDomain with an SOA in the authority section */
	l4 = udp(&pk[k], 53, 40001);
	hdr(&pk[k], 7, 0x8183, 1, 0, 1, 0);
	name(&pk[k], "nope.example.com");
	tb_be16(&pk[k], 28);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 0xc011);
	rr(&pk[k], 6, 1, 900,
	   "\x02ns\xc0\x11\x05" "admin\xc0\x11\x00\x00\x00\x01\x00\x00\x0e\x10"
	   "\x00\x00\x03\x84\x00\x09\x3a\x80\x00\x00\x01\x2c",
	   33);
	udp_done(&pk[k++], l4);
	/* AAAA, MX, TXT, SRV, PTR answers in one message */
	l4 = udp(&pk[k], 53, 40002);
	hdr(&pk[k], 9, 0x8180, 1, 5, 0, 0);
	name(&pk[k], "x.org");
	tb_be16(&pk[k], 255);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 0xc00c);
	rr(&pk[k], 28, 1, 60,
	   "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	tb_be16(&pk[k], 0xc00c);
	rr(&pk[k], 15, 1, 60, "\x00\x0a\x02mx\xc0\x0c", 7);
	tb_be16(&pk[k], 0xc00c);
	rr(&pk[k], 16, 1, 60, "\x05hello\x05world", 12);
	tb_be16(&pk[k], 0xc00c);
	rr(&pk[k], 33, 1, 60, "\x00\x01\x00\x02\x01\xbb\x03sip\xc0\x0c", 12);
	tb_be16(&pk[k], 0xc00c);
	rr(&pk[k], 12, 1, 60, "\x04host\xc0\x0c", 7);
	udp_done(&pk[k++], l4);
	/* mDNS: QU query, and a cache-flush answer */
	l4 = udp(&pk[k], 5353, 5353);
	hdr(&pk[k], 0, 0, 1, 0, 0, 0);
	name(&pk[k], "printer.local");
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 0x8001);
	udp_done(&pk[k++], l4);
	l4 = udp(&pk[k], 5353, 5353);
	hdr(&pk[k], 0, 0x8400, 0, 1, 0, 0);
	name(&pk[k], "printer.local");
	rr(&pk[k], 1, 0x8001, 120, "\x0a\x00\x00\x07", 4);
	udp_done(&pk[k++], l4);
	/* a pointer that points forward, a message cut in its answer */
	l4 = udp(&pk[k], 53, 40003);
	hdr(&pk[k], 11, 0x8180, 1, 1, 0, 0);
	tb_be16(&pk[k], 0xc0ff);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 0xc0ff);
	rr(&pk[k], 1, 1, 60, "\x01\x02\x03\x04", 4);
	udp_done(&pk[k++], l4);
	l4 = udp(&pk[k], 53, 40004);
	hdr(&pk[k], 12, 0x8180, 1, 2, 0, 0);
	name(&pk[k], "a.b");
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 0xc00c);
	rr(&pk[k], 1, 1, 60, "\x01\x02\x03\x04", 4);
	udp_done(&pk[k++], l4);
	/* an inverse query, an update, a message shorter than a header */
	l4 = udp(&pk[k], 40005, 53);
	hdr(&pk[k], 13, 0x0800, 0, 1, 0, 0);
	udp_done(&pk[k++], l4);
	l4 = udp(&pk[k], 40006, 53);
	hdr(&pk[k], 14, 0x2800, 1, 0, 1, 0);
	name(&pk[k], "zone");
	tb_be16(&pk[k], 6);
	tb_be16(&pk[k], 1);
	udp_done(&pk[k++], l4);
	l4 = udp(&pk[k], 40007, 53);
	tb_bytes(&pk[k], "\x00\x01\x02", 3);
	udp_done(&pk[k++], l4);
	return k;
}

static void test_dns(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	const struct pr_opts vvv = { .nflag = 1, .tflag = 1, .vflag = 3 };
	size_t k = build_dns();
	struct tp p;

	tp_init(&p, "dns", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_dns);
	tp_release(&p);
	tp_init(&p, "dns-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_dns_v);
	tp_release(&p);
	tp_init(&p, "dns-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_dns_vv);
	tp_release(&p);
	tp_init(&p, "dns-vvv", DLT_EN10MB, &vvv);
	TP_CHECK(&p, pk, k, want_dns_vvv);
	tp_release(&p);
}

/* The CNAME/A answer cut at every length. */
static void test_dns_cuts(void)
{
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	struct tp p;

	build_dns();
	tp_init(&p, "dns-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[1], want_dns_cut, TP_N(want_dns_cut)),
			0);
	tp_release(&p);
}

/* DNS over TCP: the length prefix, right and wrong. */
static void test_dns_tcp(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1, .Sflag = 1 };
	struct tp p;
	size_t k, l4, start;

	for (k = 0; k < 2; k++) {
		tb_init(&pk[k]);
		tb_eth(&pk[k], MAC_B, MAC_A, 0x0800);
		tb_ip4(&pk[k], 6, "10.0.0.1", "10.0.0.53");
		l4 = tb_tcp(&pk[k], 40000, 53, 1, 1, 0x18, 502, NULL, 0);
		start = pk[k].n;
		tb_be16(&pk[k], 0);
		hdr(&pk[k], 0x4242, 0x0100, 1, 0, 0, 0);
		name(&pk[k], "tcp.example");
		tb_be16(&pk[k], 16);
		tb_be16(&pk[k], 1);
		tb_put16(&pk[k], start,
			 (unsigned)(pk[k].n - start - 2 + (k ? 5 : 0)));
		tb_ip4_done(&pk[k], 14);
		tb_l4_done(&pk[k], 14, l4, 6);
	}
	tp_init(&p, "dns-tcp", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, 2, want_dns_tcp);
	tp_release(&p);
}

static void test_udp_ntp(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	const struct pr_opts q = { .nflag = 1, .tflag = 1, .qflag = 1 };
	const struct pr_opts names = { .tflag = 1 };
	struct tp p;
	size_t k = 0, l4;

	/* NTP client and server (time messages) */
	l4 = udp(&pk[k], 40123, 123);
	tb_u8(&pk[k], 0xe3);
	tb_bytes(&pk[k], "\x00\x06\xec", 3);
	tb_zero(&pk[k], 36);
	tb_be32(&pk[k], 0xe9f3c3a0);
	tb_be32(&pk[k], 0x80000000);
	udp_done(&pk[k++], l4);
	l4 = udp(&pk[k], 123, 40123);
	tb_u8(&pk[k], 0x24);
	tb_bytes(&pk[k], "\x02\x06\xe9", 3);
	tb_be32(&pk[k], 0x00000120);
	tb_be32(&pk[k], 0x00000a00);
	tb_be32(&pk[k], 0xc0000201);
	tb_be32(&pk[k], 0xe9f3c300);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0xe9f3c3a0);
	tb_be32(&pk[k], 0x80000000);
	tb_be32(&pk[k], 0xe9f3c3a0);
	tb_be32(&pk[k], 0x80100000);
	tb_be32(&pk[k], 0xe9f3c3a0);
	tb_be32(&pk[k], 0x80200000);
	udp_done(&pk[k++], l4);
	/* generic UDP: checksum right, wrong, absent; bad lengths */
	l4 = udp(&pk[k], 5000, 6000);
	tb_str(&pk[k], "data");
	udp_done(&pk[k++], l4);
	l4 = udp(&pk[k], 5000, 6000);
	tb_str(&pk[k], "data");
	udp_done(&pk[k], l4);
	pk[k++].b[l4 + 7] ^= 1;
	l4 = udp(&pk[k], 5000, 6000);
	tb_str(&pk[k], "data");
	udp_done(&pk[k], l4);
	tb_put16(&pk[k++], l4 + 6, 0);
	l4 = udp(&pk[k], 5000, 6000);
	tb_str(&pk[k], "data");
	udp_done(&pk[k], l4);
	tb_put16(&pk[k++], l4 + 4, 40);
	l4 = udp(&pk[k], 5000, 6000);
	tb_str(&pk[k], "data");
	udp_done(&pk[k], l4);
	tb_put16(&pk[k++], l4 + 4, 4);
	tp_init(&p, "udp", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_udp);
	tp_release(&p);
	tp_init(&p, "udp-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_udp_vv);
	tp_release(&p);
	tp_init(&p, "udp-q", DLT_EN10MB, &q);
	TP_CHECK(&p, pk, k, want_udp_q);
	tp_release(&p);
	tp_init(&p, "udp-names", DLT_EN10MB, &names);
	TP_CHECK(&p, pk, 2, want_udp_names);
	tp_release(&p);
}

/*
 * The generic-print note for the protocols tcpdump decodes by port or IP
 * protocol and dumplab does not, in tcpdump's order of tests (HNCP before
 * RADIUS); a decoded datagram and -q (where tcpdump does not decode
 * either) are not counted. Named fallback-*: tests/diff leaves them out.
 */
static void test_generic_ports(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts q = { .nflag = 1, .tflag = 1, .qflag = 1 };
	struct tp p;
	char buf[256];
	size_t k = 0, l4, i;

	l4 = udp(&pk[k], 40000, 698); /* OLSR */
	tb_bytes(&pk[k], "\0\0\0\0", 4);
	udp_done(&pk[k++], l4);
	l4 = udp(&pk[k], 1812, 8231); /* HNCP, tested before RADIUS */
	tb_bytes(&pk[k], "\0\0\0\0", 4);
	udp_done(&pk[k++], l4);
	tb_init(&pk[k]); /* Telnet */
	tb_eth(&pk[k], MAC_B, MAC_A, 0x0800);
	tb_ip4(&pk[k], 6, "10.0.0.1", "10.0.0.53");
	l4 = tb_tcp(&pk[k], 40000, 23, 1, 1, 0x18, 502, NULL, 0);
	tb_bytes(&pk[k], "\xff\xfd\x18", 3);
	tb_ip4_done(&pk[k], 14);
	tb_l4_done(&pk[k++], 14, l4, 6);
	tb_init(&pk[k]); /* RSVP */
	tb_eth(&pk[k], MAC_B, MAC_A, 0x0800);
	tb_ip4(&pk[k], 46, "10.0.0.1", "10.0.0.53");
	tb_zero(&pk[k], 8);
	tb_ip4_done(&pk[k++], 14);
	l4 = udp(&pk[k], 40000, 53); /* DNS, decoded */
	hdr(&pk[k], 0x4242, 0x0100, 1, 0, 0, 0);
	name(&pk[k], "a.example");
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 1);
	udp_done(&pk[k++], l4);

	tp_init(&p, "fallback-ports", DLT_EN10MB, &n);
	for (i = 0; i < k; i++)
		tp_tb(&p, &pk[i]);
	CU_ASSERT_EQUAL(pr_generic_summary(p.c, buf, sizeof(buf)), 4);
	CU_ASSERT_STRING_EQUAL(buf, "4 packets printed generically where "
				    "tcpdump decodes them: HNCP (1), OLSR (1), "
				    "RSVP (1), Telnet (1)");
	tp_release(&p);
	tp_init(&p, "fallback-ports-q", DLT_EN10MB, &q);
	for (i = 0; i < k; i++)
		tp_tb(&p, &pk[i]);
	CU_ASSERT_EQUAL(pr_generic_summary(p.c, buf, sizeof(buf)), 1);
	CU_ASSERT_STRING_EQUAL(buf, "1 packet printed generically where "
				    "tcpdump decodes it: RSVP (1)");
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "undecoded ports and protocols are noted", test_generic_ports },
	{ "DNS queries and answers, -v -vv -vvv", test_dns },
	{ "every cut of a DNS answer", test_dns_cuts },
	{ "DNS over TCP", test_dns_tcp },
	{ "UDP and NTP", test_udp_ntp },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-udp", NULL, NULL, tests);
