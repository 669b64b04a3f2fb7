/* test-print-nfs.c: Sun RPC and NFS v2/v3 calls and replies over UDP and TCP against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-nfs.want"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

static struct tb pk[96];

/* Where the UDP or TCP header starts, for done(). */
static size_t l4_at;
static int l4_tcp;

/* A datagram (tcp 0) or segment (tcp 1) from the client or the server. */
static void start(struct tb *t, int from_server, int tcp)
{
	const char *cli = "10.0.0.1", *srv = "10.0.0.2";

	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x0800);
	tb_ip4(t, tcp ? 6 : 17, from_server ? srv : cli,
	       from_server ? cli : srv);
	l4_tcp = tcp;
	if (tcp) {
		l4_at = tb_tcp(t, from_server ? 2049 : 801,
			       from_server ? 801 : 2049, 1000, 2000, 0x18,
			       8192, NULL, 0);
		tb_be32(t, 0); /* the record mark, set by done() */
	} else {
		l4_at = tb_udp(t, from_server ? 2049 : 700,
			       from_server ? 700 : 2049);
	}
}

static void done(struct tb *t)
{
	if (l4_tcp) {
		size_t rm = l4_at + 20;
		uint32_t n = (uint32_t)(t->n - rm - 4) | 0x80000000u;

		t->b[rm] = (uint8_t)(n >> 24);
		t->b[rm + 1] = (uint8_t)(n >> 16);
		t->b[rm + 2] = (uint8_t)(n >> 8);
		t->b[rm + 3] = (uint8_t)n;
	}
	tb_ip4_done(t, 14);
	tb_l4_done(t, 14, l4_at, l4_tcp ? 6 : 17);
}

/* An RPC call with AUTH_UNIX credentials and a null verifier. */
static void call(struct tb *t, uint32_t xid, unsigned vers, unsigned proc,
		 int tcp)
{
	start(t, 0, tcp);
	tb_be32(t, xid);
	tb_be32(t, 0);
	tb_be32(t, 2);
	tb_be32(t, 100003);
	tb_be32(t, vers);
	tb_be32(t, proc);
	tb_be32(t, 1);	/* AUTH_UNIX */
	tb_be32(t, 24); /* stamp, "rtsg", uid, gid, no groups */
	tb_be32(t, 0x12345678);
	tb_be32(t, 4);
	tb_str(t, "rtsg");
	tb_be32(t, 417);
	tb_be32(t, 0);
	tb_be32(t, 0);
	tb_be32(t, 0);
	tb_be32(t, 0);
}

/* An accepted, successful reply. */
static void reply(struct tb *t, uint32_t xid, int tcp)
{
	start(t, 1, tcp);
	tb_be32(t, xid);
	tb_be32(t, 1);
	tb_be32(t, 0);
	tb_be32(t, 0);
	tb_be32(t, 0);
	tb_be32(t, 0);
}

/* A BSD-style handle (0,0 at 2 and 6): "fh 0,1/inode". */
static void fh2(struct tb *t, uint32_t ino)
{
	uint8_t f[32] = { 1, 0, 0, 0, 9, 0, 0, 0, 10, 0, 0, 0 };

	f[12] = (uint8_t)ino;
	f[13] = (uint8_t)(ino >> 8);
	f[14] = (uint8_t)(ino >> 16);
	tb_bytes(t, f, 32);
}

/* A Linux-style v3 handle of n octets no guess fits: "fh Unknown/HEX". */
static void fh3(struct tb *t, unsigned n)
{
	static const uint8_t f[64] = { 1, 0, 1, 0, 0x21, 0, 0x7c, 0x5b,
				       0xab, 0xcd, 0xef };

	tb_be32(t, n);
	tb_bytes(t, f, n);
}

static void fname(struct tb *t, const char *s)
{
	size_t n = strlen(s);

	tb_be32(t, (unsigned)n);
	tb_str(t, s);
	while (n++ % 4)
		tb_u8(t, 0);
}

static void fattr2(struct tb *t)
{
	tb_be32(t, 1);
	tb_be32(t, 0100664);
	tb_be32(t, 1);
	tb_be32(t, 417);
	tb_be32(t, 0);
	tb_be32(t, 29388);
	tb_be32(t, 8192);
	tb_be32(t, 0);
	tb_be32(t, 64);
	tb_be32(t, 0x1503);
	tb_be32(t, 0x2a31);
	for (int i = 0; i < 6; i++)
		tb_be32(t, 700000000 + (uint32_t)i);
}

static void fattr3(struct tb *t, unsigned type)
{
	tb_be32(t, type);
	tb_be32(t, type == 2 ? 040755 : 0100644);
	tb_be32(t, 2);
	tb_be32(t, 0xfffffffe);
	tb_be32(t, 100);
	tb_be32(t, 0);
	tb_be32(t, 4096);
	tb_be32(t, 0);
	tb_be32(t, 8192);
	tb_be32(t, 0);
	tb_be32(t, 0);
	tb_be32(t, 0x5b7aaa58);
	tb_be32(t, 0);
	tb_be32(t, 0);
	tb_be32(t, 0x2ab14);
	for (int i = 0; i < 6; i++)
		tb_be32(t, 1535100894 + (uint32_t)i);
}

static void post(struct tb *t, unsigned type)
{
	tb_be32(t, 1);
	fattr3(t, type);
}

static void wcc(struct tb *t)
{
	tb_be32(t, 1);
	tb_be32(t, 0);
	tb_be32(t, 100);
	tb_be32(t, 1535100000);
	tb_be32(t, 1);
	tb_be32(t, 1535100001);
	tb_be32(t, 2);
	post(t, 1);
}

static size_t build_v2(int tcp)
{
	size_t k = 0;

	call(&pk[k], 0x201, 2, 5, tcp); /* readlink */
	fh2(&pk[k], 73165);
	done(&pk[k++]);
	reply(&pk[k], 0x201, tcp);
	tb_be32(&pk[k], 0);
	fname(&pk[k], "../var");
	done(&pk[k++]);
	call(&pk[k], 0x202, 2, 4, tcp); /* lookup */
	fh2(&pk[k], 6);
	fname(&pk[k], "xcolors");
	done(&pk[k++]);
	reply(&pk[k], 0x202, tcp);
	tb_be32(&pk[k], 0);
	fh2(&pk[k], 77);
	fattr2(&pk[k]);
	done(&pk[k++]);
	call(&pk[k], 0x203, 2, 6, tcp); /* read */
	fh2(&pk[k], 77);
	tb_be32(&pk[k], 24576);
	tb_be32(&pk[k], 8192);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	reply(&pk[k], 0x203, tcp);
	tb_be32(&pk[k], 0);
	fattr2(&pk[k]);
	tb_be32(&pk[k], 4);
	tb_str(&pk[k], "data");
	done(&pk[k++]);
	call(&pk[k], 0x204, 2, 1, tcp); /* getattr */
	fh2(&pk[k], 77);
	done(&pk[k++]);
	reply(&pk[k], 0x204, tcp);
	tb_be32(&pk[k], 70); /* stale */
	done(&pk[k++]);
	call(&pk[k], 0x205, 2, 8, tcp); /* write */
	fh2(&pk[k], 77);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 4096);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 4);
	tb_str(&pk[k], "abcd");
	done(&pk[k++]);
	call(&pk[k], 0x206, 2, 11, tcp); /* rename */
	fh2(&pk[k], 6);
	fname(&pk[k], ".newsrc.new");
	fh2(&pk[k], 6);
	fname(&pk[k], ".newsrc");
	done(&pk[k++]);
	reply(&pk[k], 0x206, tcp);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	call(&pk[k], 0x207, 2, 16, tcp); /* readdir */
	fh2(&pk[k], 6);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 1024);
	done(&pk[k++]);
	reply(&pk[k], 0x207, tcp);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0x10);
	tb_be32(&pk[k], 12);
	tb_be32(&pk[k], 1);
	done(&pk[k++]);
	call(&pk[k], 0x208, 2, 17, tcp); /* statfs */
	fh2(&pk[k], 6);
	done(&pk[k++]);
	reply(&pk[k], 0x208, tcp);
	for (int i = 0; i < 6; i++)
		tb_be32(&pk[k], i ? 1000u * (unsigned)i : 0);
	done(&pk[k++]);
	call(&pk[k], 0x209, 2, 9, tcp); /* create */
	fh2(&pk[k], 6);
	fname(&pk[k], "new");
	done(&pk[k++]);
	reply(&pk[k], 0x209, tcp);
	tb_be32(&pk[k], 17); /* exists */
	done(&pk[k++]);
	call(&pk[k], 0x20a, 2, 3, tcp); /* root: nop */
	done(&pk[k++]);
	return k;
}

static size_t build_v3(int tcp)
{
	size_t k = 0;

	call(&pk[k], 0x301, 3, 3, tcp); /* lookup */
	fh3(&pk[k], 28);
	fname(&pk[k], "xcolors");
	done(&pk[k++]);
	reply(&pk[k], 0x301, tcp);
	tb_be32(&pk[k], 0);
	fh3(&pk[k], 28);
	post(&pk[k], 1);
	post(&pk[k], 2);
	done(&pk[k++]);
	call(&pk[k], 0x302, 3, 4, tcp); /* access */
	fh3(&pk[k], 28);
	tb_be32(&pk[k], 0x1f);
	done(&pk[k++]);
	reply(&pk[k], 0x302, tcp);
	tb_be32(&pk[k], 0);
	post(&pk[k], 1);
	tb_be32(&pk[k], 0x1f);
	done(&pk[k++]);
	call(&pk[k], 0x303, 3, 6, tcp); /* read */
	fh3(&pk[k], 28);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 24576);
	tb_be32(&pk[k], 8192);
	done(&pk[k++]);
	reply(&pk[k], 0x303, tcp);
	tb_be32(&pk[k], 0);
	post(&pk[k], 1);
	tb_be32(&pk[k], 4);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 4);
	tb_str(&pk[k], "data");
	done(&pk[k++]);
	call(&pk[k], 0x304, 3, 7, tcp); /* write */
	fh3(&pk[k], 28);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 8192);
	tb_be32(&pk[k], 4);
	tb_be32(&pk[k], 2);
	tb_be32(&pk[k], 4);
	tb_str(&pk[k], "abcd");
	done(&pk[k++]);
	reply(&pk[k], 0x304, tcp);
	tb_be32(&pk[k], 0);
	wcc(&pk[k]);
	tb_be32(&pk[k], 4);
	tb_be32(&pk[k], 2);
	tb_be32(&pk[k], 0x851b4);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	call(&pk[k], 0x305, 3, 8, tcp); /* create */
	fh3(&pk[k], 28);
	fname(&pk[k], "new");
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	reply(&pk[k], 0x305, tcp);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 1);
	fh3(&pk[k], 28);
	post(&pk[k], 1);
	wcc(&pk[k]);
	done(&pk[k++]);
	call(&pk[k], 0x306, 3, 10, tcp); /* symlink */
	fh3(&pk[k], 28);
	fname(&pk[k], "link");
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 0777);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 417);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 2);
	tb_be32(&pk[k], 1000);
	tb_be32(&pk[k], 5);
	tb_be32(&pk[k], 0);
	fname(&pk[k], "../target");
	done(&pk[k++]);
	call(&pk[k], 0x307, 3, 11, tcp); /* mknod */
	fh3(&pk[k], 28);
	fname(&pk[k], "tty");
	tb_be32(&pk[k], 4);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 0620);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 4);
	tb_be32(&pk[k], 64);
	done(&pk[k++]);
	call(&pk[k], 0x308, 3, 14, tcp); /* rename */
	fh3(&pk[k], 28);
	fname(&pk[k], ".newsrc.new");
	fh3(&pk[k], 28);
	fname(&pk[k], ".newsrc");
	done(&pk[k++]);
	reply(&pk[k], 0x308, tcp);
	tb_be32(&pk[k], 0);
	wcc(&pk[k]);
	wcc(&pk[k]);
	done(&pk[k++]);
	call(&pk[k], 0x309, 3, 15, tcp); /* link */
	fh3(&pk[k], 28);
	fh3(&pk[k], 28);
	fname(&pk[k], "hard");
	done(&pk[k++]);
	reply(&pk[k], 0x309, tcp);
	tb_be32(&pk[k], 0);
	post(&pk[k], 1);
	wcc(&pk[k]);
	done(&pk[k++]);
	call(&pk[k], 0x30a, 3, 17, tcp); /* readdirplus */
	fh3(&pk[k], 28);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0x11223344);
	tb_be32(&pk[k], 0x55667788);
	tb_be32(&pk[k], 4096);
	tb_be32(&pk[k], 32768);
	done(&pk[k++]);
	reply(&pk[k], 0x30a, tcp);
	tb_be32(&pk[k], 0);
	post(&pk[k], 2);
	tb_be32(&pk[k], 0x11223344);
	tb_be32(&pk[k], 0x55667788);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 1);
	done(&pk[k++]);
	call(&pk[k], 0x30b, 3, 18, tcp); /* fsstat */
	fh3(&pk[k], 28);
	done(&pk[k++]);
	reply(&pk[k], 0x30b, tcp);
	tb_be32(&pk[k], 0);
	post(&pk[k], 2);
	for (int i = 0; i < 13; i++)
		tb_be32(&pk[k], (uint32_t)i * 3);
	done(&pk[k++]);
	call(&pk[k], 0x30c, 3, 19, tcp); /* fsinfo */
	fh3(&pk[k], 28);
	done(&pk[k++]);
	reply(&pk[k], 0x30c, tcp);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	for (int i = 0; i < 12; i++)
		tb_be32(&pk[k], 1024 * (uint32_t)i);
	done(&pk[k++]);
	call(&pk[k], 0x30d, 3, 20, tcp); /* pathconf */
	fh3(&pk[k], 28);
	done(&pk[k++]);
	reply(&pk[k], 0x30d, tcp);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 32000);
	tb_be32(&pk[k], 255);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 1);
	done(&pk[k++]);
	call(&pk[k], 0x30e, 3, 21, tcp); /* commit */
	fh3(&pk[k], 28);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	reply(&pk[k], 0x30e, tcp);
	tb_be32(&pk[k], 0);
	wcc(&pk[k]);
	tb_be32(&pk[k], 0xdead);
	tb_be32(&pk[k], 0xbeef);
	done(&pk[k++]);
	call(&pk[k], 0x30f, 3, 12, tcp); /* remove */
	fh3(&pk[k], 28);
	fname(&pk[k], "gone");
	done(&pk[k++]);
	reply(&pk[k], 0x30f, tcp);
	tb_be32(&pk[k], 2); /* noent */
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	call(&pk[k], 0x310, 3, 2, tcp); /* setattr */
	fh3(&pk[k], 28);
	done(&pk[k++]);
	reply(&pk[k], 0x310, tcp);
	tb_be32(&pk[k], 0);
	wcc(&pk[k]);
	done(&pk[k++]);
	call(&pk[k], 0x311, 3, 16, tcp); /* readdir */
	fh3(&pk[k], 28);
	tb_be32(&pk[k], 0xffffffff);
	tb_be32(&pk[k], 0xffffffff);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 2);
	tb_be32(&pk[k], 512);
	done(&pk[k++]);
	call(&pk[k], 0x312, 3, 99, tcp); /* unknown procedure */
	done(&pk[k++]);
	reply(&pk[k], 0x312, tcp);
	done(&pk[k++]);
	reply(&pk[k], 0x999, tcp); /* no call seen */
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	return k;
}

/* Denied and unsuccessful replies. */
static size_t build_rpc(void)
{
	size_t k = 0;

	call(&pk[k], 0x401, 3, 1, 0);
	fh3(&pk[k], 28);
	done(&pk[k++]);
	start(&pk[k], 1, 0); /* denied: RPC version mismatch */
	tb_be32(&pk[k], 0x401);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 2);
	tb_be32(&pk[k], 2);
	done(&pk[k++]);
	start(&pk[k], 1, 0); /* denied: auth error */
	tb_be32(&pk[k], 0x401);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 5);
	done(&pk[k++]);
	start(&pk[k], 1, 0); /* accepted, PROC_UNAVAIL */
	tb_be32(&pk[k], 0x401);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 3);
	done(&pk[k++]);
	start(&pk[k], 1, 0); /* an unknown reply status */
	tb_be32(&pk[k], 0x401);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 7);
	done(&pk[k++]);
	start(&pk[k], 0, 0); /* a reply to the NFS port: not NFS */
	tb_be32(&pk[k], 0x402);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	return k;
}

static const struct pr_opts n = { .nflag = 1, .tflag = 1 };
static const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
static const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
static const struct pr_opts q = { .nflag = 1, .tflag = 1, .qflag = 1 };

static void run(const char *name, const struct pr_opts *o, size_t k,
		const char *const *want, size_t nwant)
{
	struct tp p;

	tp_init(&p, name, DLT_EN10MB, o);
	CU_ASSERT_EQUAL(tp_run(&p, pk, k, want, nwant), 0);
	tp_release(&p);
}

static void test_v2(void)
{
	size_t k = build_v2(0);

	run("nfs2", &n, k, want_nfs2, TP_N(want_nfs2));
	run("nfs2-v", &v, k, want_nfs2_v, TP_N(want_nfs2_v));
	run("nfs2-vv", &vv, k, want_nfs2_vv, TP_N(want_nfs2_vv));
	run("nfs2-q", &q, k, want_nfs2_q, TP_N(want_nfs2_q));
	k = build_v2(1);
	run("nfs2-tcp-v", &v, k, want_nfs2_tcp_v, TP_N(want_nfs2_tcp_v));
}

static void test_v3(void)
{
	size_t k = build_v3(0);

	run("nfs3", &n, k, want_nfs3, TP_N(want_nfs3));
	run("nfs3-v", &v, k, want_nfs3_v, TP_N(want_nfs3_v));
	run("nfs3-vv", &vv, k, want_nfs3_vv, TP_N(want_nfs3_vv));
	k = build_v3(1);
	run("nfs3-tcp", &n, k, want_nfs3_tcp, TP_N(want_nfs3_tcp));
	run("nfs3-tcp-vv", &vv, k, want_nfs3_tcp_vv, TP_N(want_nfs3_tcp_vv));
}

static void test_rpc(void)
{
	size_t k = build_rpc();

	run("rpc", &n, k, want_rpc, TP_N(want_rpc));
}

/* Cut at every length: a v3 call, its -vv reply, a v2 lookup over TCP. */
static void test_cuts(void)
{
	struct tp p;
	size_t k = build_v3(0);

	tp_init(&p, "nfs-cut-call", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[6], want_nfs_cut_call,
				TP_N(want_nfs_cut_call)),
			0);
	tp_release(&p);
	/* the reply needs its call in the table: each cut follows the call */
	tp_init(&p, "nfs-cut-reply", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(TP_N(want_nfs_cut_reply), 2 * (pk[7].n + 1));
	for (size_t cut = 0; cut <= pk[7].n; cut++) {
		/* past the expected texts (a new test): print, compare [0] */
		size_t w = 2 * cut + 1 < TP_N(want_nfs_cut_reply) ? 2 * cut : 0;

		CU_ASSERT(tp_same(tp_tb(&p, &pk[6]), want_nfs_cut_reply[w],
				  "call before a cut reply"));
		CU_ASSERT(tp_same(tp_print(&p, pk[7].b, (unsigned)pk[7].n,
					   (unsigned)cut),
				  want_nfs_cut_reply[w + (TP_N(want_nfs_cut_reply) > 1)],
				  "cut reply"));
	}
	tp_release(&p);
	k = build_v2(1);
	(void)k;
	tp_init(&p, "nfs-cut-tcp", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[2], want_nfs_cut_tcp,
				TP_N(want_nfs_cut_tcp)),
			0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "NFS v2 over UDP and TCP, -v -vv -q", test_v2 },
	{ "NFS v3 procedures, -v -vv, TCP record marks", test_v3 },
	{ "RPC denied and failed replies", test_rpc },
	{ "every cut of NFS calls and replies", test_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-nfs", NULL, NULL, tests);
