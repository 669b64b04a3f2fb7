/* test-print-ip6.c: IPv6, its extension headers and ICMPv6 against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-ip6.want"

static struct tb pk[40];

/* Ethernet + IPv6 from fe80::1 to dst; returns the IPv6 header's offset. */
static size_t ip6(struct tb *t, unsigned nxt, const char *dst)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x86dd);
	return tb_ip6(t, nxt, "fe80::1", dst);
}

static void icmp6_done(struct tb *t, size_t ip, size_t l4)
{
	tb_ip6_done(t, ip);
	tb_l4_done(t, ip, l4, 58);
}

/* ICMPv6 type/code and the 4-byte word after the checksum. */
static size_t icmp6(struct tb *t, size_t ip, unsigned type, unsigned code,
		    uint32_t word)
{
	size_t l4 = t->n;

	(void)ip;
	tb_u8(t, type);
	tb_u8(t, code);
	tb_be16(t, 0);
	tb_be32(t, word);
	return l4;
}

static void addr6(struct tb *t, const char *a)
{
	size_t ip = t->n;
	struct tb tmp;

	tb_init(&tmp);
	tb_ip6(&tmp, 0, a, a);
	(void)ip;
	tb_bytes(t, tmp.b + 8, 16);
}

static size_t build_icmp6(void)
{
	size_t k = 0, ip, l4;

	/* echo request and reply */
	ip = ip6(&pk[k], 58, "fe80::2");
	l4 = icmp6(&pk[k], ip, 128, 0, 0x00070001);
	tb_str(&pk[k], "ping");
	icmp6_done(&pk[k++], ip, l4);
	ip = ip6(&pk[k], 58, "fe80::2");
	l4 = icmp6(&pk[k], ip, 129, 0, 0x00070001);
	tb_str(&pk[k], "ping");
	icmp6_done(&pk[k++], ip, l4);
	/* neighbour solicitation with a source link-layer address option */
	ip = ip6(&pk[k], 58, "ff02::1:ff00:2");
	l4 = icmp6(&pk[k], ip, 135, 0, 0);
	addr6(&pk[k], "fe80::2");
	tb_bytes(&pk[k], "\x01\x01\x02\x00\x00\x00\x00\x01", 8);
	icmp6_done(&pk[k++], ip, l4);
	/* neighbour advertisement: router, solicited, override */
	ip = ip6(&pk[k], 58, "fe80::2");
	l4 = icmp6(&pk[k], ip, 136, 0, 0xe0000000);
	addr6(&pk[k], "fe80::1");
	tb_bytes(&pk[k], "\x02\x01\x02\x00\x00\x00\x00\x01", 8);
	icmp6_done(&pk[k++], ip, l4);
	/* router solicitation and an advertisement with prefix, MTU, RDNSS */
	ip = ip6(&pk[k], 58, "ff02::2");
	l4 = icmp6(&pk[k], ip, 133, 0, 0);
	tb_bytes(&pk[k], "\x01\x01\x02\x00\x00\x00\x00\x01", 8);
	icmp6_done(&pk[k++], ip, l4);
	ip = ip6(&pk[k], 58, "ff02::1");
	l4 = icmp6(&pk[k], ip, 134, 0, 0x40c00708);
	tb_be32(&pk[k], 30000);
	tb_be32(&pk[k], 1000);
	tb_bytes(&pk[k], "\x03\x04\x40\xc0\x00\x27\x8d\x00\x00\x09\x3a\x80\0\0\0\0", 16);
	addr6(&pk[k], "2001:db8:1::");
	tb_bytes(&pk[k], "\x05\x01\x00\x00\x00\x00\x05\xdc", 8);
	tb_bytes(&pk[k], "\x19\x03\x00\x00\xff\xff\xff\xff", 8);
	addr6(&pk[k], "2001:db8::53");
	tb_bytes(&pk[k], "\x01\x01\x02\x00\x00\x00\x00\x01", 8);
	icmp6_done(&pk[k++], ip, l4);
	/* redirect */
	ip = ip6(&pk[k], 58, "fe80::2");
	l4 = icmp6(&pk[k], ip, 137, 0, 0);
	addr6(&pk[k], "fe80::3");
	addr6(&pk[k], "2001:db8::9");
	icmp6_done(&pk[k++], ip, l4);
	/* MLDv1 query, report, done; MLDv2 report and query */
	ip = ip6(&pk[k], 58, "ff02::1");
	l4 = icmp6(&pk[k], ip, 130, 0, 0x27100000);
	addr6(&pk[k], "::");
	icmp6_done(&pk[k++], ip, l4);
	ip = ip6(&pk[k], 58, "ff02::fb");
	l4 = icmp6(&pk[k], ip, 131, 0, 0);
	addr6(&pk[k], "ff02::fb");
	icmp6_done(&pk[k++], ip, l4);
	ip = ip6(&pk[k], 58, "ff02::2");
	l4 = icmp6(&pk[k], ip, 132, 0, 0);
	addr6(&pk[k], "ff02::fb");
	icmp6_done(&pk[k++], ip, l4);
	ip = ip6(&pk[k], 58, "ff02::16");
	l4 = icmp6(&pk[k], ip, 143, 0, 2);
	tb_bytes(&pk[k], "\x04\x00\x00\x00", 4);
	addr6(&pk[k], "ff02::fb");
	tb_bytes(&pk[k], "\x01\x00\x00\x01", 4);
	addr6(&pk[k], "ff05::1:3");
	addr6(&pk[k], "2001:db8::1");
	icmp6_done(&pk[k++], ip, l4);
	ip = ip6(&pk[k], 58, "ff02::1");
	l4 = icmp6(&pk[k], ip, 130, 0, 0x27100000);
	addr6(&pk[k], "ff02::fb");
	tb_bytes(&pk[k], "\x0a\x7d\x00\x01", 4);
	addr6(&pk[k], "2001:db8::7");
	icmp6_done(&pk[k++], ip, l4);
	/* errors: port unreachable with the offending UDP header, too big,
	 * time exceeded, parameter problem */
	{
		static const unsigned types[][3] = {
			{ 1, 4, 0 }, { 1, 0, 0 }, { 2, 0, 1280 },
			{ 3, 0, 0 }, { 3, 1, 0 }, { 4, 1, 40 },
		};
		unsigned i;

		for (i = 0; i < 6; i++) {
			size_t in, ul;

			ip = ip6(&pk[k], 58, "fe80::2");
			l4 = icmp6(&pk[k], ip, types[i][0], types[i][1],
				   types[i][2]);
			in = tb_ip6(&pk[k], 17, "fe80::2", "2001:db8::99");
			ul = tb_udp(&pk[k], 40000, 33434);
			tb_ip6_done(&pk[k], in);
			tb_l4_done(&pk[k], in, ul, 17);
			icmp6_done(&pk[k++], ip, l4);
		}
	}
	/* an unknown type */
	ip = ip6(&pk[k], 58, "fe80::2");
	l4 = icmp6(&pk[k], ip, 250, 0, 0x01020304);
	icmp6_done(&pk[k++], ip, l4);
	return k;
}

static void test_icmp6(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	size_t k = build_icmp6();
	struct tp p;

	tp_init(&p, "icmp6", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_icmp6);
	tp_release(&p);
	tp_init(&p, "icmp6-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_icmp6_v);
	tp_release(&p);
	tp_init(&p, "icmp6-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_icmp6_vv);
	tp_release(&p);
}

/* Hop-by-hop, destination, routing and fragment headers. */
static void test_ext(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;
	size_t k = 0, ip, l4;

	/* HBH with router alert and PadN, then MLDv2 report */
	ip = ip6(&pk[k], 0, "ff02::16");
	tb_bytes(&pk[k], "\x3a\x00\x05\x02\x00\x00\x01\x00", 8);
	l4 = icmp6(&pk[k], ip, 143, 0, 0);
	icmp6_done(&pk[k++], ip, l4);
	/* destination options with an unknown option, then UDP */
	ip = ip6(&pk[k], 60, "fe80::2");
	tb_bytes(&pk[k], "\x11\x00\x1e\x04\x01\x02\x03\x04", 8);
	l4 = tb_udp(&pk[k], 5000, 6000);
	tb_ip6_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 17);
	/* routing header type 0 with two addresses, then UDP */
	ip = ip6(&pk[k], 43, "2001:db8::1");
	tb_bytes(&pk[k], "\x11\x04\x00\x02\x00\x00\x00\x00", 8);
	addr6(&pk[k], "2001:db8::2");
	addr6(&pk[k], "2001:db8::3");
	l4 = tb_udp(&pk[k], 5000, 6000);
	tb_ip6_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 17);
	/* segment routing (type 4) */
	ip = ip6(&pk[k], 43, "2001:db8::1");
	tb_bytes(&pk[k], "\x3b\x02\x04\x00\x00\x00\x00\x05", 8);
	addr6(&pk[k], "2001:db8::4");
	tb_ip6_done(&pk[k++], ip);
	/* first and later fragments */
	ip = ip6(&pk[k], 44, "fe80::2");
	tb_bytes(&pk[k], "\x11\x00\x00\x01\x12\x34\x56\x78", 8);
	l4 = tb_udp(&pk[k], 5000, 6000);
	tb_str(&pk[k], "fragment");
	tb_ip6_done(&pk[k++], ip);
	ip = ip6(&pk[k], 44, "fe80::2");
	tb_bytes(&pk[k], "\x11\x00\x00\x10\x12\x34\x56\x78", 8);
	tb_str(&pk[k], "later part");
	tb_ip6_done(&pk[k++], ip);
	/* no next header; an HBH header cut short; a bad version */
	ip = ip6(&pk[k], 59, "fe80::2");
	tb_ip6_done(&pk[k++], ip);
	ip = ip6(&pk[k], 0, "fe80::2");
	tb_bytes(&pk[k], "\x3b\x00\x01\x09\x00\x00", 6);
	tb_ip6_done(&pk[k++], ip);
	ip = ip6(&pk[k], 59, "fe80::2");
	pk[k].b[ip] = 0x70;
	tb_ip6_done(&pk[k++], ip);
	/* IPv6 in IPv6 */
	ip = ip6(&pk[k], 41, "fe80::2");
	{
		size_t in = tb_ip6(&pk[k], 58, "2001:db8::1", "2001:db8::2");

		l4 = icmp6(&pk[k], in, 128, 0, 0x00010002);
		tb_ip6_done(&pk[k], in);
		tb_l4_done(&pk[k], in, l4, 58);
	}
	tb_ip6_done(&pk[k++], ip);
	tp_init(&p, "ip6-ext", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_ip6_ext);
	tp_release(&p);
	tp_init(&p, "ip6-ext-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_ip6_ext_v);
	tp_release(&p);
}

/* Ethernet, IPv6 and UDP with its payload, cut at every length. */
static void test_cuts(void)
{
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	struct tp p;
	size_t ip, l4;

	ip = ip6(&pk[0], 17, "2001:db8::2");
	l4 = tb_udp(&pk[0], 5000, 6000);
	tb_str(&pk[0], "abcd");
	tb_ip6_done(&pk[0], ip);
	tb_l4_done(&pk[0], ip, l4, 17);
	tp_init(&p, "udp6-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_udp6_cut, TP_N(want_udp6_cut)),
			0);
	tp_release(&p);
	/* and a neighbour advertisement with its option, -v */
	ip = ip6(&pk[1], 58, "fe80::2");
	l4 = icmp6(&pk[1], ip, 136, 0, 0x60000000);
	addr6(&pk[1], "fe80::1");
	tb_bytes(&pk[1], "\x02\x01\x02\x00\x00\x00\x00\x01", 8);
	icmp6_done(&pk[1], ip, l4);
	tp_init(&p, "na-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[1], want_na_cut, TP_N(want_na_cut)), 0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "ICMPv6: echo, ND, MLD, errors", test_icmp6 },
	{ "extension headers", test_ext },
	{ "every cut of Ethernet/IPv6/UDP and of an NA", test_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-ip6", NULL, NULL, tests);
