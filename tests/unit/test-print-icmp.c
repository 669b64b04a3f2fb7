/* test-print-icmp.c: ICMP and IGMP printers against tcpdump 4.99.3's text for the same bytes. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-icmp.want"

static struct tb pk[48];

static size_t ip4(struct tb *t, unsigned proto, const char *dst)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x0800);
	return tb_ip4(t, proto, "10.0.0.1", dst);
}

static size_t icmp(struct tb *t, unsigned type, unsigned code, uint32_t word)
{
	size_t l4 = t->n;

	tb_u8(t, type);
	tb_u8(t, code);
	tb_be16(t, 0);
	tb_be32(t, word);
	return l4;
}

/* The offending datagram an ICMP error quotes: IPv4 + 8 bytes. */
static void quote(struct tb *t, unsigned proto)
{
	size_t in = tb_ip4(t, proto, "10.0.0.2", "10.0.0.9");

	tb_be16(t, 40000);
	tb_be16(t, proto == 6 ? 80 : 53);
	tb_be32(t, 0x00080000);
	tb_ip4_done(t, in);
	tb_put16(t, in + 2, 60);	/* the original was longer */
	tb_put16(t, in + 10, 0);
	{
		uint32_t s = 0;
		size_t i;

		for (i = 0; i < 20; i += 2)
			s += (uint32_t)t->b[in + i] << 8 | t->b[in + i + 1];
		while (s >> 16)
			s = (s & 0xffff) + (s >> 16);
		tb_put16(t, in + 10, ~s & 0xffff);
	}
}

static void done(struct tb *t, size_t ip, size_t l4)
{
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 1);
}

static size_t build_icmp(void)
{
	static const unsigned codes[] = { 0, 1, 2, 3, 4, 5, 6, 9, 13, 15, 99 };
	size_t k = 0, ip, l4, i;

	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 8, 0, 0x002a0001);
	tb_str(&pk[k], "payload!");
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 0, 0, 0x002a0001);
	tb_str(&pk[k], "payload!");
	done(&pk[k++], ip, l4);
	/* unreachables, the port one with UDP and TCP quoted */
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		ip = ip4(&pk[k], 1, "10.0.0.2");
		l4 = icmp(&pk[k], 3, codes[i], codes[i] == 4 ? 1400 : 0);
		quote(&pk[k], 17);
		done(&pk[k++], ip, l4);
	}
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 3, 3, 0);
	quote(&pk[k], 6);
	done(&pk[k++], ip, l4);
	/* redirect, time exceeded (both codes), parameter problem */
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 5, 1, 0x0a0000fe);
	quote(&pk[k], 17);
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 11, 0, 0);
	quote(&pk[k], 17);
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 11, 1, 0);
	quote(&pk[k], 17);
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 12, 0, 0x14000000);
	quote(&pk[k], 17);
	done(&pk[k++], ip, l4);
	/* timestamp request and reply, mask reply, router advertisement */
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 13, 0, 0x00050006);
	tb_be32(&pk[k], 3723004);
	tb_zero(&pk[k], 8);
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 14, 0, 0x00050006);
	tb_be32(&pk[k], 3723004);
	tb_be32(&pk[k], 3723005);
	tb_be32(&pk[k], 3723006);
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 18, 0, 0);
	tb_be32(&pk[k], 0xffffff00);
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "224.0.0.1");
	l4 = icmp(&pk[k], 9, 0, 0x02020708);
	tb_be32(&pk[k], 0x0a000001);
	tb_be32(&pk[k], 10);
	tb_be32(&pk[k], 0x0a000101);
	tb_be32(&pk[k], 5);
	done(&pk[k++], ip, l4);
	/* router solicitation, an unknown type, a wrong checksum */
	ip = ip4(&pk[k], 1, "224.0.0.2");
	l4 = icmp(&pk[k], 10, 0, 0);
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 42, 7, 0);
	done(&pk[k++], ip, l4);
	ip = ip4(&pk[k], 1, "10.0.0.2");
	l4 = icmp(&pk[k], 8, 0, 0x002a0002);
	done(&pk[k], ip, l4);
	pk[k++].b[l4 + 2] ^= 0x10;
	return k;
}

static void test_icmp(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts names = { .tflag = 1 };
	size_t k = build_icmp();
	struct tp p;

	tp_init(&p, "icmp", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_icmp);
	tp_release(&p);
	tp_init(&p, "icmp-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_icmp_v);
	tp_release(&p);
	tp_init(&p, "icmp-names", DLT_EN10MB, &names);
	TP_CHECK(&p, pk + 2, 12, want_icmp_names);
	tp_release(&p);
}

/* A port unreachable with its quote, cut at every length (-v). */
static void test_icmp_cuts(void)
{
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;
	size_t ip, l4;

	ip = ip4(&pk[0], 1, "10.0.0.2");
	l4 = icmp(&pk[0], 3, 3, 0);
	quote(&pk[0], 17);
	done(&pk[0], ip, l4);
	tp_init(&p, "unreach-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_unreach_cut,
				TP_N(want_unreach_cut)),
			0);
	tp_release(&p);
}

static size_t igmp(struct tb *t, unsigned type, unsigned mrt, const char *group,
		   const char *dst)
{
	size_t ip, l4;
	uint8_t g[4];
	unsigned a, b, c, d;

	ip = ip4(t, 2, dst);
	l4 = t->n;
	tb_u8(t, type);
	tb_u8(t, mrt);
	tb_be16(t, 0);
	sscanf(group, "%u.%u.%u.%u", &a, &b, &c, &d);
	g[0] = (uint8_t)a;
	g[1] = (uint8_t)b;
	g[2] = (uint8_t)c;
	g[3] = (uint8_t)d;
	tb_bytes(t, g, 4);
	(void)ip;
	return l4;
}

static void igmp_done(struct tb *t, size_t l4)
{
	tb_ip4_done(t, 14);
	tb_l4_done(t, 14, l4, 2);
}

static void test_igmp(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	const struct pr_opts q = { .nflag = 1, .tflag = 1, .qflag = 1 };
	struct tp p;
	size_t k = 0, l4;

	l4 = igmp(&pk[k], 0x11, 0, "0.0.0.0", "224.0.0.1");
	igmp_done(&pk[k++], l4);
	l4 = igmp(&pk[k], 0x11, 100, "0.0.0.0", "224.0.0.1");
	igmp_done(&pk[k++], l4);
	l4 = igmp(&pk[k], 0x11, 20, "239.1.2.3", "239.1.2.3");
	igmp_done(&pk[k++], l4);
	l4 = igmp(&pk[k], 0x12, 0, "239.1.2.3", "239.1.2.3");
	igmp_done(&pk[k++], l4);
	l4 = igmp(&pk[k], 0x16, 0, "239.1.2.3", "239.1.2.3");
	igmp_done(&pk[k++], l4);
	l4 = igmp(&pk[k], 0x17, 0, "239.1.2.3", "224.0.0.2");
	igmp_done(&pk[k++], l4);
	/* v3 query with two sources, v3 report with two records */
	l4 = igmp(&pk[k], 0x11, 0x8a, "239.1.2.3", "239.1.2.3");
	tb_bytes(&pk[k], "\x02\x7d\x00\x02\x0a\x00\x00\x07\x0a\x00\x00\x08", 12);
	igmp_done(&pk[k++], l4);
	l4 = igmp(&pk[k], 0x22, 0, "0.0.0.0", "224.0.0.22");
	pk[k].n -= 4;
	tb_bytes(&pk[k], "\x00\x00\x00\x02", 4);
	tb_bytes(&pk[k], "\x04\x00\x00\x00\xef\x01\x02\x03", 8);
	tb_bytes(&pk[k], "\x01\x00\x00\x01\xef\x01\x02\x04\x0a\x00\x00\x09", 12);
	igmp_done(&pk[k++], l4);
	/* an unknown type and a wrong checksum */
	l4 = igmp(&pk[k], 0x33, 0, "0.0.0.0", "224.0.0.1");
	igmp_done(&pk[k++], l4);
	l4 = igmp(&pk[k], 0x16, 0, "239.1.2.3", "239.1.2.3");
	igmp_done(&pk[k], l4);
	pk[k++].b[l4 + 3] ^= 1;
	tp_init(&p, "igmp", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_igmp);
	tp_release(&p);
	tp_init(&p, "igmp-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_igmp_v);
	tp_release(&p);
	tp_init(&p, "igmp-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_igmp_vv);
	tp_release(&p);
	tp_init(&p, "igmp-q", DLT_EN10MB, &q);
	TP_CHECK(&p, pk, 2, want_igmp_q);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "ICMP messages", test_icmp },
	{ "every cut of a port unreachable", test_icmp_cuts },
	{ "IGMP v1, v2, v3", test_igmp },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-icmp", NULL, NULL, tests);
