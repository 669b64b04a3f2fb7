/* test-print-rx.c: AFS Rx (header, types, acks, fs/cb/pt/vldb/vol and Ubik calls and replies) and Kerberos versions against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-rx.want"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

static struct tb pk[48];
static size_t l4_at;
static size_t ndecoded; /* packets before the declined ones */

/* An Rx packet from the client (10.0.0.1) or to it, ports as given. */
static void rx(struct tb *t, int to_server, unsigned sport, unsigned dport,
	       uint32_t call, uint32_t seq, uint32_t serial, unsigned type,
	       unsigned flags, unsigned service)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x0800);
	tb_ip4(t, 17, to_server ? "10.0.0.1" : "10.0.0.2",
	       to_server ? "10.0.0.2" : "10.0.0.1");
	l4_at = tb_udp(t, sport, dport);
	tb_be32(t, 0x38221e1c);	/* epoch */
	tb_be32(t, 0x8cb4a004);	/* cid */
	tb_be32(t, call);
	tb_be32(t, seq);
	tb_be32(t, serial);
	tb_u8(t, type);
	tb_u8(t, flags);
	tb_u8(t, 0);		/* user status */
	tb_u8(t, 2);		/* security index */
	tb_be16(t, 0);
	tb_be16(t, service);
}

static void done(struct tb *t)
{
	tb_ip4_done(t, 14);
	tb_l4_done(t, 14, l4_at, 17);
}

static void xstr(struct tb *t, const char *s)
{
	size_t n = strlen(s);

	tb_be32(t, (uint32_t)n);
	tb_str(t, s);
	tb_zero(t, (4 - n % 4) % 4);
}

static void fid(struct tb *t, uint32_t v, uint32_t n, uint32_t u)
{
	tb_be32(t, v);
	tb_be32(t, n);
	tb_be32(t, u);
}

/* A name as tcpdump's VECOUT reads it: one character a word, max words. */
static void vec(struct tb *t, const char *s, unsigned max)
{
	unsigned i;

	for (i = 0; i < max; i++)
		tb_be32(t, i < strlen(s) ? (unsigned char)s[i] : 0);
}

static size_t build(void)
{
	size_t k = 0;
	unsigned i;

	/* fs: the manual's rename, its reply; a makedir and an abort */
	rx(&pk[k], 1, 7001, 7000, 1, 1, 1, 1, 0x05, 1);
	tb_be32(&pk[k], 138);
	fid(&pk[k], 536876964, 1, 1);
	xstr(&pk[k], ".newsrc.new");
	fid(&pk[k], 536876964, 1, 1);
	xstr(&pk[k], ".newsrc");
	done(&pk[k++]);
	rx(&pk[k], 0, 7000, 7001, 1, 1, 1, 1, 0x04, 1);
	tb_zero(&pk[k], 16);
	done(&pk[k++]);
	rx(&pk[k], 1, 7001, 7000, 2, 1, 3, 1, 0x07, 1);
	tb_be32(&pk[k], 141);
	fid(&pk[k], 536871098, 1, 1);
	xstr(&pk[k], "tmpdir");
	tb_be32(&pk[k], 0x0d);	/* StoreStatus: date, group, mode */
	tb_be32(&pk[k], 942356784);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 101);
	tb_be32(&pk[k], 0755);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	rx(&pk[k], 0, 7000, 7001, 2, 0, 4, 4, 0x00, 1);
	tb_be32(&pk[k], 103);	/* abort: no such volume */
	done(&pk[k++]);
	/* an ack with acked and nacked runs and the MTU fields */
	rx(&pk[k], 1, 7001, 7000, 2, 0, 5, 2, 0x20, 1);
	tb_be16(&pk[k], 8);
	tb_be16(&pk[k], 2);
	tb_be32(&pk[k], 4);
	tb_be32(&pk[k], 3);
	tb_be32(&pk[k], 4);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k], 7);
	for (i = 0; i < 7; i++)
		tb_u8(&pk[k], (0x5b >> i) & 1); /* 1 1 0 1 1 0 1 */
	tb_zero(&pk[k], 3);
	tb_be32(&pk[k], 1444);
	tb_be32(&pk[k], 1444);
	tb_be32(&pk[k], 32);
	tb_be32(&pk[k], 4);
	done(&pk[k++]);
	/* challenge, busy, an unknown type */
	rx(&pk[k], 0, 7000, 7001, 0, 0, 6, 6, 0x00, 0);
	tb_zero(&pk[k], 16);
	done(&pk[k++]);
	rx(&pk[k], 0, 7000, 7001, 0, 0, 7, 3, 0x00, 0);
	done(&pk[k++]);
	rx(&pk[k], 0, 7000, 7001, 0, 0, 8, 11, 0x00, 0);
	done(&pk[k++]);
	/* cb probe, pt name-to-id and its reply */
	rx(&pk[k], 0, 7000, 7001, 9, 1, 1, 1, 0x05, 1);
	tb_be32(&pk[k], 206);
	done(&pk[k++]);
	rx(&pk[k], 1, 7001, 7002, 10, 1, 1, 1, 0x05, 1);
	tb_be32(&pk[k], 504);
	tb_be32(&pk[k], 2);
	vec(&pk[k], "nneul", 64);
	vec(&pk[k], "system:administrators", 64);
	done(&pk[k++]);
	rx(&pk[k], 0, 7002, 7001, 10, 1, 1, 1, 0x04, 1);
	tb_be32(&pk[k], 2);
	tb_be32(&pk[k], 1041);
	tb_be32(&pk[k], (uint32_t)-204);
	done(&pk[k++]);
	/* vldb get-entry-by-name and its reply (two servers) */
	rx(&pk[k], 1, 7001, 7003, 11, 1, 1, 1, 0x05, 52);
	tb_be32(&pk[k], 504);
	xstr(&pk[k], "root.cell");
	done(&pk[k++]);
	rx(&pk[k], 0, 7003, 7001, 11, 1, 1, 1, 0x04, 52);
	vec(&pk[k], "root.cell", 65);
	tb_be32(&pk[k], 0);	/* volume type, skipped */
	tb_be32(&pk[k], 2);
	tb_bytes(&pk[k], "\x83\x97\x20\x15\x83\x97\x01\x3b", 8);
	tb_zero(&pk[k], 24);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 1);
	tb_zero(&pk[k], 24);
	tb_zero(&pk[k], 32);
	tb_be32(&pk[k], 536870912);
	tb_be32(&pk[k], 536870913);
	tb_be32(&pk[k], 536870914);
	done(&pk[k++]);
	/* vol list-one-volume and its reply */
	rx(&pk[k], 1, 7001, 7005, 12, 1, 1, 1, 0x05, 4);
	tb_be32(&pk[k], 121);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 536870919);
	done(&pk[k++]);
	rx(&pk[k], 0, 7005, 7001, 12, 1, 1, 1, 0x04, 4);
	tb_be32(&pk[k], 1);
	vec(&pk[k], "users.nneul", 32);
	tb_be32(&pk[k], 536870919);
	tb_zero(&pk[k], 84);
	done(&pk[k++]);
	/* a reply whose call was not seen; a second packet of a call */
	rx(&pk[k], 0, 7000, 7001, 99, 1, 1, 1, 0x04, 1);
	tb_zero(&pk[k], 8);
	done(&pk[k++]);
	rx(&pk[k], 1, 7001, 7000, 1, 2, 2, 1, 0x01, 1);
	tb_zero(&pk[k], 8);
	done(&pk[k++]);
	/* Kerberos on 88: v5, v2, an unknown first octet */
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x0800);
	tb_ip4(&pk[k], 17, "10.0.0.1", "10.0.0.2");
	l4_at = tb_udp(&pk[k], 1799, 88);
	tb_bytes(&pk[k], "\x6a\x81\x8c\x30", 4);
	done(&pk[k++]);
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x0800);
	tb_ip4(&pk[k], 17, "10.0.0.1", "10.0.0.2");
	l4_at = tb_udp(&pk[k], 750, 1799);
	tb_bytes(&pk[k], "\x02\x00", 2);
	done(&pk[k++]);
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x0800);
	tb_ip4(&pk[k], 17, "10.0.0.1", "10.0.0.2");
	l4_at = tb_udp(&pk[k], 1799, 88);
	tb_bytes(&pk[k], "\x30\x00", 2);
	done(&pk[k++]);
	/* Ubik: a beacon to the protection server and its yes vote (an
	 * abort), a VLDB get-version and its answer, a kauth lock and its
	 * error, a set-version, a beacon cut inside its version */
	rx(&pk[k], 1, 7001, 7002, 16, 1, 1, 1, 0x05, 1);
	tb_be32(&pk[k], 10000);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 942356784);
	tb_be32(&pk[k], 942350000);
	tb_be32(&pk[k], 17);
	tb_be32(&pk[k], 942350000);
	tb_be32(&pk[k], 3);
	done(&pk[k++]);
	rx(&pk[k], 0, 7002, 7001, 16, 0, 2, 4, 0x00, 1);
	tb_be32(&pk[k], 942356904);
	done(&pk[k++]);
	rx(&pk[k], 1, 7001, 7003, 17, 1, 1, 1, 0x05, 52);
	tb_be32(&pk[k], 20004);
	done(&pk[k++]);
	rx(&pk[k], 0, 7003, 7001, 17, 1, 1, 1, 0x04, 52);
	tb_be32(&pk[k], 942350000);
	tb_be32(&pk[k], 17);
	done(&pk[k++]);
	rx(&pk[k], 1, 7001, 7004, 18, 1, 1, 1, 0x05, 1);
	tb_be32(&pk[k], 20002);
	tb_be32(&pk[k], 942350000);
	tb_be32(&pk[k], 4);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 128);
	tb_be32(&pk[k], (uint32_t)-1);
	tb_be32(&pk[k], 2);
	done(&pk[k++]);
	rx(&pk[k], 0, 7004, 7001, 18, 0, 2, 4, 0x00, 1);
	tb_be32(&pk[k], 5377);
	done(&pk[k++]);
	rx(&pk[k], 1, 7001, 7003, 19, 1, 1, 1, 0x05, 52);
	tb_be32(&pk[k], 20012);
	tb_be32(&pk[k], 942350000);
	tb_be32(&pk[k], 5);
	tb_be32(&pk[k], 942350000);
	tb_be32(&pk[k], 17);
	tb_be32(&pk[k], 942350000);
	tb_be32(&pk[k], 18);
	done(&pk[k++]);
	rx(&pk[k], 1, 7001, 7002, 20, 1, 1, 1, 0x05, 1);
	tb_be32(&pk[k], 10000);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 942356784);
	tb_be32(&pk[k], 942350000);
	done(&pk[k++]);
	ndecoded = k;
	/* declined: a kauth call that is not Ubik's, a store-acl */
	rx(&pk[k], 1, 7001, 7004, 13, 1, 1, 1, 0x05, 1);
	tb_be32(&pk[k], 21);
	done(&pk[k++]);
	rx(&pk[k], 1, 7001, 7000, 15, 1, 1, 1, 0x05, 1);
	tb_be32(&pk[k], 134);
	fid(&pk[k], 1, 2, 3);
	xstr(&pk[k], "1\n0\nsystem:anyuser 9\n");
	done(&pk[k++]);
	return k;
}

static void test_rx(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	const struct pr_opts vvv = { .nflag = 1, .tflag = 1, .vflag = 3 };
	struct tp p;
	size_t k;

	build();
	k = ndecoded;
	tp_init(&p, "rx", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_rx);
	tp_release(&p);
	tp_init(&p, "rx-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_rx_vv);
	tp_release(&p);
	tp_init(&p, "rx-vvv", DLT_EN10MB, &vvv);
	TP_CHECK(&p, pk, k, want_rx_vvv);
	tp_release(&p);
}

/*
 * What tcpdump hands to printers this file lacks (kauth but for Ubik,
 * the ACL parser) is declined before anything is printed: the datagram prints
 * as tcpdump prints UDP it has no printer for (docs/read.md). These
 * texts are dumplab's, not tcpdump's (which decodes them).
 */
static void test_declined(void)
{
	static const char *const want[] = {
		"IP 10.0.0.1.7001 > 10.0.0.2.7004: UDP, length 32",
		"IP 10.0.0.1.7001 > 10.0.0.2.7000: UDP, length 72",
	};
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	struct tp p;
	size_t k = build();

	CU_ASSERT_EQUAL(k - ndecoded, TP_N(want));
	tp_init(&p, "fallback-rx", DLT_EN10MB, &n);
	CU_ASSERT_EQUAL(tp_run(&p, pk + ndecoded, k - ndecoded, want, TP_N(want)), 0);
	tp_release(&p);
}

/* Every cut of the rename call, the makedir, the ack, the VLDB reply
 * (each after its call, so the reply is matched) and a Ubik lock. */
static void test_cuts(void)
{
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	struct tp p;

	build();
	tp_init(&p, "rx-call-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_rx_call_cut, TP_N(want_rx_call_cut)), 0);
	tp_release(&p);
	tp_init(&p, "rx-makedir-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[2], want_rx_makedir_cut,
				TP_N(want_rx_makedir_cut)), 0);
	tp_release(&p);
	tp_init(&p, "rx-ack-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[4], want_rx_ack_cut, TP_N(want_rx_ack_cut)), 0);
	tp_release(&p);
	tp_init(&p, "rx-pt-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[9], want_rx_pt_cut, TP_N(want_rx_pt_cut)), 0);
	tp_release(&p);
	/* the kauth server's Ubik disk-lock call (the fifth Ubik packet) */
	tp_init(&p, "rx-ubik-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[ndecoded - 4], want_rx_ubik_cut,
				TP_N(want_rx_ubik_cut)), 0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "Rx: types, acks, the services' calls and replies, declined ones; Kerberos", test_rx },
	{ "kauth (but Ubik) and ACL packets are declined: plain UDP", test_declined },
	{ "every cut of an fs call, an ack, a pt call and a Ubik call", test_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-rx", NULL, NULL, tests);
