/* test-print-atalk.c: AppleTalk DDP, NBP, ATP, AARP, KIP and the LocalTalk and ARCNET links against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-atalk.want"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "ff:ff:ff:ff:ff:ff"

static struct tb pk[48];
static size_t l4_at;

/* KIP: UDP between the AppleTalk ports, then an LLAP header. */
static void kip(struct tb *t, unsigned sport, unsigned dport)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x0800);
	tb_ip4(t, 17, "10.0.0.1", "10.0.0.2");
	l4_at = tb_udp(t, sport, dport);
	tb_u8(t, 220); /* LLAP dst, src, type */
	tb_u8(t, 112);
	tb_u8(t, 2);
}

static void kip_done(struct tb *t)
{
	tb_ip4_done(t, 14);
	tb_l4_done(t, 14, l4_at, 17);
}

/* A long DDP header. */
static void ddp(struct tb *t, unsigned snet, unsigned snode, unsigned sskt,
		unsigned dnet, unsigned dnode, unsigned dskt, unsigned type)
{
	tb_be16(t, 0);
	tb_be16(t, 0);
	tb_be16(t, dnet);
	tb_be16(t, snet);
	tb_u8(t, dnode);
	tb_u8(t, snode);
	tb_u8(t, dskt);
	tb_u8(t, sskt);
	tb_u8(t, type);
}

static void cstr(struct tb *t, const char *s)
{
	tb_u8(t, (unsigned)strlen(s));
	tb_str(t, s);
}

static void tuple(struct tb *t, unsigned net, unsigned node, unsigned skt,
		  unsigned en, const char *obj, const char *type,
		  const char *zone)
{
	tb_be16(t, net);
	tb_u8(t, node);
	tb_u8(t, skt);
	tb_u8(t, en);
	cstr(t, obj);
	cstr(t, type);
	cstr(t, zone);
}

static void atp(struct tb *t, unsigned control, unsigned bitmap,
		unsigned tid, uint32_t data)
{
	tb_u8(t, control);
	tb_u8(t, bitmap);
	tb_be16(t, tid);
	tb_be32(t, data);
}

static size_t build_kip(void)
{
	size_t k = 0;

	/* the manual's lookup and replies */
	kip(&pk[k], 768, 768);
	ddp(&pk[k], 112, 220, 250, 0, 255, 2, 2);
	tb_u8(&pk[k], 0x21);
	tb_u8(&pk[k], 190);
	tuple(&pk[k], 112, 220, 250, 0, "=", "LaserWriter", "*");
	kip_done(&pk[k++]);
	kip(&pk[k], 768, 768);
	ddp(&pk[k], 112, 210, 2, 112, 220, 250, 2);
	tb_u8(&pk[k], 0x32);
	tb_u8(&pk[k], 190);
	tuple(&pk[k], 112, 210, 250, 1, "RM1140", "LaserWriter", "*");
	tuple(&pk[k], 112, 211, 2, 2, "RM1141", "LaserWriter", "*");
	kip_done(&pk[k++]);
	/* a broadcast request with anomalies, an unknown function */
	kip(&pk[k], 200, 201);
	ddp(&pk[k], 1, 2, 3, 4, 5, 6, 2);
	tb_u8(&pk[k], 0x13);
	tb_u8(&pk[k], 7);
	tuple(&pk[k], 9, 9, 9, 4, "a\001b", "t", "z");
	kip_done(&pk[k++]);
	kip(&pk[k], 200, 201);
	ddp(&pk[k], 1, 2, 3, 4, 5, 6, 2);
	tb_u8(&pk[k], 0x71);
	tb_u8(&pk[k], 7);
	tuple(&pk[k], 1, 2, 3, 0, "x", "y", "z");
	kip_done(&pk[k++]);
	/* short NBP, a too long string */
	kip(&pk[k], 200, 201);
	ddp(&pk[k], 1, 2, 3, 4, 5, 6, 2);
	tb_u8(&pk[k], 0x21);
	kip_done(&pk[k++]);
	kip(&pk[k], 200, 201);
	ddp(&pk[k], 1, 2, 3, 4, 5, 6, 2);
	tb_u8(&pk[k], 0x21);
	tb_u8(&pk[k], 1);
	tb_be16(&pk[k], 1);
	tb_u8(&pk[k], 2);
	tb_u8(&pk[k], 3);
	tb_u8(&pk[k], 0);
	tb_u8(&pk[k], 40);
	tb_str(&pk[k], "0123456789");
	kip_done(&pk[k++]);
	/* ATP request, response, release, unknown */
	kip(&pk[k], 16512, 900);
	ddp(&pk[k], 1, 2, 200, 4, 5, 210, 3);
	atp(&pk[k], 0x60, 0xff, 4660, 0);
	kip_done(&pk[k++]);
	kip(&pk[k], 16512, 900);
	ddp(&pk[k], 1, 2, 200, 4, 5, 210, 3);
	atp(&pk[k], 0x58, 0x05, 4661, 0xabcd);
	tb_str(&pk[k], "xyz");
	kip_done(&pk[k++]);
	kip(&pk[k], 16512, 900);
	ddp(&pk[k], 1, 2, 200, 4, 5, 210, 3);
	atp(&pk[k], 0xb8, 3, 4660, 0);
	tb_str(&pk[k], "0123456789");
	kip_done(&pk[k++]);
	kip(&pk[k], 16512, 900);
	ddp(&pk[k], 1, 2, 200, 4, 5, 210, 3);
	atp(&pk[k], 0xf8, 0x01, 4660, 0);
	tb_u8(&pk[k], 0);
	kip_done(&pk[k++]);
	kip(&pk[k], 16512, 900);
	ddp(&pk[k], 1, 2, 200, 4, 5, 210, 3);
	atp(&pk[k], 0x07, 0x01, 4660, 0);
	kip_done(&pk[k++]);
	kip(&pk[k], 16512, 900);
	ddp(&pk[k], 1, 2, 200, 4, 5, 210, 3);
	tb_u8(&pk[k], 0x40);
	kip_done(&pk[k++]);
	/* RTMP, echo, an unknown type; a short DDP header */
	kip(&pk[k], 768, 768);
	ddp(&pk[k], 1, 2, 1, 4, 255, 1, 1);
	tb_zero(&pk[k], 4);
	kip_done(&pk[k++]);
	kip(&pk[k], 768, 768);
	ddp(&pk[k], 1, 2, 4, 4, 5, 4, 4);
	tb_u8(&pk[k], 1);
	kip_done(&pk[k++]);
	kip(&pk[k], 768, 768);
	ddp(&pk[k], 1, 2, 6, 4, 5, 6, 99);
	kip_done(&pk[k++]);
	kip(&pk[k], 768, 768);
	tb_zero(&pk[k], 5);
	kip_done(&pk[k++]);
	/* not LLAP DDP: plain UDP */
	kip(&pk[k], 768, 768);
	pk[k].b[pk[k].n - 1] = 1;
	tb_zero(&pk[k], 8);
	kip_done(&pk[k++]);
	return k;
}

static void aarp(struct tb *t, unsigned op, unsigned ptype)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x80f3);
	tb_be16(t, 1);
	tb_be16(t, ptype);
	tb_u8(t, 6);
	tb_u8(t, 4);
	tb_be16(t, op);
	tb_bytes(t, "\x08\x00\x07\x12\x34\x56", 6);
	tb_bytes(t, "\x00\x00\x70\xdc", 4);
	tb_bytes(t, "\x00\x00\x00\x00\x00\x00", 6);
	tb_bytes(t, "\x00\x00\x70\xd2", 4);
}

static size_t build_ether(void)
{
	size_t k = 0;

	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x809b);
	ddp(&pk[k], 112, 220, 250, 0, 255, 2, 2);
	tb_u8(&pk[k], 0x21);
	tb_u8(&pk[k], 190);
	tuple(&pk[k], 112, 220, 250, 0, "=", "LaserWriter", "*");
	k++;
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x809b);
	tb_zero(&pk[k], 6);
	k++;
	aarp(&pk[k++], 1, 0x809b);
	aarp(&pk[k++], 2, 0x809b);
	aarp(&pk[k++], 3, 0x809b);
	aarp(&pk[k++], 4, 0x809b);
	aarp(&pk[k++], 1, 0x0800);
	return k;
}

static void test_kip(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts names = { .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts q = { .nflag = 1, .tflag = 1, .qflag = 1 };
	struct tp p;
	size_t k = build_kip();

	tp_init(&p, "kip", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_kip);
	tp_release(&p);
	tp_init(&p, "kip-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_kip_v);
	tp_release(&p);
	tp_init(&p, "kip-q", DLT_EN10MB, &q);
	TP_CHECK(&p, pk, 2, want_kip_q);
	tp_release(&p);
	/* socket names without -n (no host names are involved) */
	tp_init(&p, "kip-skt", DLT_EN10MB, &names);
	TP_CHECK(&p, pk + 12, 3, want_kip_skt);
	tp_release(&p);
}

static void test_ether(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts ev = { .nflag = 1, .tflag = 1, .eflag = 1,
				    .vflag = 1 };
	struct tp p;
	size_t k = build_ether();

	tp_init(&p, "ethertalk", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_ethertalk);
	tp_release(&p);
	tp_init(&p, "ethertalk-ev", DLT_EN10MB, &ev);
	TP_CHECK(&p, pk, k, want_ethertalk_ev);
	tp_release(&p);
}

/* LocalTalk frames (short and long DDP) and ARCNET's AppleTalk. */
static void test_links(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1,
				   .vflag = 1 };
	struct tp p;
	size_t k = 0;

	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x05\x07\x01", 3);
	tb_bytes(&pk[k], "\x00\x0d\x04\x04\x04", 5);
	tb_u8(&pk[k++], 1);
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x05\x07\x02", 3);
	ddp(&pk[k], 1, 7, 2, 2, 5, 2, 2);
	tb_u8(&pk[k], 0x31);
	tb_u8(&pk[k], 3);
	tuple(&pk[k++], 1, 7, 2, 1, "me", "AFPServer", "Zone");
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x05\x07\x09\x00", 4);
	k++;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x05\x07", 2);
	k++;
	tp_init(&p, "ltalk", DLT_LTALK, &n);
	TP_CHECK(&p, pk, k, want_ltalk);
	tp_release(&p);

	k = 0;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x01\x02\x00\x00\xdd\x00\x00\x01", 8);
	ddp(&pk[k], 1, 7, 2, 2, 5, 2, 4);
	tb_u8(&pk[k++], 1);
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x01\x02\x00\x00\x33\x00\x00\x01", 8);
	tb_zero(&pk[k++], 4);
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x01\x02\x00\x00\xdd\x00", 6);
	k++;
	tp_init(&p, "arcnet-linux", DLT_ARCNET_LINUX, &n);
	TP_CHECK(&p, pk, k, want_arcnet_linux);
	tp_release(&p);
	tp_init(&p, "arcnet-linux-e", DLT_ARCNET_LINUX, &e);
	TP_CHECK(&p, pk, k, want_arcnet_linux_e);
	tp_release(&p);
	k = 0;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x01\x02\xdd\x00\x00\x01", 6);
	ddp(&pk[k], 1, 7, 2, 2, 5, 2, 4);
	tb_u8(&pk[k++], 1);
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x01\x02\xdd\x03\x00\x01", 6);
	ddp(&pk[k], 1, 7, 2, 2, 5, 2, 4);
	k++;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x01\x02\xdd\x02\x00\x01", 6);
	k++;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x01\x02\xdd\xff\xdd\x05\x00\x01", 8);
	k++;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x01\x02\xdd\x00", 4);
	k++;
	tp_init(&p, "arcnet-e", DLT_ARCNET, &e);
	TP_CHECK(&p, pk, k, want_arcnet_e);
	tp_release(&p);
}

/* The manual's NBP reply and an AARP reply, cut at every length. */
static void test_cuts(void)
{
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;

	build_kip();
	tp_init(&p, "kip-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[1], want_kip_cut, TP_N(want_kip_cut)),
			0);
	tp_release(&p);
	build_kip();
	tp_init(&p, "atp-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[7], want_atp_cut, TP_N(want_atp_cut)),
			0);
	tp_release(&p);
	build_ether();
	tp_init(&p, "aarp-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[3], want_aarp_cut, TP_N(want_aarp_cut)),
			0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "KIP: NBP, ATP and other DDP in UDP", test_kip },
	{ "EtherTalk DDP and AARP", test_ether },
	{ "LocalTalk and ARCNET links", test_links },
	{ "every cut of NBP, ATP and AARP", test_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-atalk", NULL, NULL, tests);
