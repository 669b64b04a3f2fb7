/* test-print-l2.c: 802.2 LLC and SNAP, VTP, Ethernet OAM, CFM and the cuts of STP, CDP and LLDP against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-l2.want"

#define MAC_A "00:19:06:ea:b8:85"
#define MAC_STP "01:80:c2:00:00:00"
#define MAC_CISCO "01:00:0c:cc:cc:cc"
#define MAC_SLOW "01:80:c2:00:00:02"

static struct tb pk[32];

/* An 802.3 frame: the length is set by llc_done. */
static void llc(struct tb *t, unsigned dsap, unsigned ssap)
{
	tb_init(t);
	tb_eth(t, MAC_STP, MAC_A, 0);
	tb_u8(t, dsap);
	tb_u8(t, ssap);
}

static void llc_done(struct tb *t)
{
	tb_put16(t, 12, (unsigned)(t->n - 14));
}

/* LLC UI and a SNAP header. */
static void snap(struct tb *t, uint32_t oui, unsigned pid)
{
	llc(t, 0xaa, 0xaa);
	tb_u8(t, 0x03);
	tb_u8(t, oui >> 16);
	tb_be16(t, oui & 0xffff);
	tb_be16(t, pid);
}

static size_t build_llc(void)
{
	size_t k = 0, ip, l4;

	/* an unknown SAP, UI: tcpdump's own fallback */
	llc(&pk[k], 0x10, 0x10);
	tb_u8(&pk[k], 0x03);
	tb_str(&pk[k], "twenty bytes payload");
	llc_done(&pk[k++]);
	/* unknown SAPs that differ; an I frame (2-octet control) */
	llc(&pk[k], 0x44, 0x11);
	tb_u8(&pk[k], 0x00);
	tb_u8(&pk[k], 0x35);
	tb_zero(&pk[k], 6);
	llc_done(&pk[k++]);
	/* S frames: RR with poll, a response REJ with final, an undefined one */
	llc(&pk[k], 0x10, 0x10);
	tb_u8(&pk[k], 0x01);
	tb_u8(&pk[k], 0x0b);
	llc_done(&pk[k++]);
	llc(&pk[k], 0x11, 0x11);
	tb_u8(&pk[k], 0x09);
	tb_u8(&pk[k], 0x0d);
	llc_done(&pk[k++]);
	llc(&pk[k], 0x10, 0x10);
	tb_u8(&pk[k], 0x0d);
	tb_u8(&pk[k], 0x00);
	llc_done(&pk[k++]);
	/* XID: with the IEEE format identifier, without, and empty */
	llc(&pk[k], 0x00, 0x00);
	tb_u8(&pk[k], 0xbf);
	tb_u8(&pk[k], 0x81);
	tb_u8(&pk[k], 0x01);
	tb_u8(&pk[k], 0x00);
	llc_done(&pk[k++]);
	llc(&pk[k], 0x04, 0x05);
	tb_u8(&pk[k], 0xaf);
	tb_u8(&pk[k], 0x82);
	tb_zero(&pk[k], 3);
	llc_done(&pk[k++]);
	llc(&pk[k], 0x04, 0x04);
	tb_u8(&pk[k], 0xaf);
	llc_done(&pk[k++]);
	/* TEST, SABME, DISC, an unnamed U command */
	llc(&pk[k], 0x7e, 0x7f);
	tb_u8(&pk[k], 0xf3);
	tb_str(&pk[k], "ping");
	llc_done(&pk[k++]);
	llc(&pk[k], 0x8e, 0x8e);
	tb_u8(&pk[k], 0x7f);
	llc_done(&pk[k++]);
	llc(&pk[k], 0x0e, 0x0e);
	tb_u8(&pk[k], 0x43);
	llc_done(&pk[k++]);
	llc(&pk[k], 0x4e, 0x4e);
	tb_u8(&pk[k], 0x27);
	llc_done(&pk[k++]);
	/* NetBEUI: Debian's tcpdump has no SMB printer */
	llc(&pk[k], 0xf0, 0xf0);
	tb_u8(&pk[k], 0x03);
	tb_zero(&pk[k], 8);
	llc_done(&pk[k++]);
	/* SNAP: an unknown ethertype, a Cisco PID and an OUI unknown */
	snap(&pk[k], 0x000000, 0x1234);
	tb_zero(&pk[k], 4);
	llc_done(&pk[k++]);
	snap(&pk[k], 0x00000c, 0x0003);
	tb_zero(&pk[k], 4);
	llc_done(&pk[k++]);
	snap(&pk[k], 0x123456, 0x0001);
	tb_zero(&pk[k], 4);
	llc_done(&pk[k++]);
	snap(&pk[k], 0x0080c2, 0x0002);
	tb_zero(&pk[k], 4);
	llc_done(&pk[k++]);
	/* SNAP with OUI 0 and ethertype IPv4: RFC 1042 */
	snap(&pk[k], 0x000000, 0x0800);
	ip = tb_ip4(&pk[k], 17, "10.0.0.1", "10.0.0.2");
	l4 = tb_udp(&pk[k], 4000, 4001);
	tb_str(&pk[k], "data");
	tb_ip4_done(&pk[k], ip);
	tb_l4_done(&pk[k], ip, l4, 17);
	llc_done(&pk[k++]);
	/* padding past the 802.3 length is not the frame's */
	llc(&pk[k], 0x10, 0x10);
	tb_u8(&pk[k], 0x03);
	tb_str(&pk[k], "abc");
	llc_done(&pk[k]);
	tb_zero(&pk[k++], 20);
	/* an 802.3 length too short for the LLC header */
	llc(&pk[k], 0x10, 0x10);
	tb_u8(&pk[k], 0x03);
	tb_put16(&pk[k++], 12, 2);
	return k;
}

static void test_llc(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	const struct pr_opts x = { .nflag = 1, .tflag = 1, .xflag = 1 };
	size_t k = build_llc();
	struct tp p;

	tp_init(&p, "llc", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_llc);
	tp_release(&p);
	tp_init(&p, "llc-e", DLT_EN10MB, &e);
	TP_CHECK(&p, pk, k, want_llc_e);
	tp_release(&p);
	tp_init(&p, "llc-x", DLT_EN10MB, &x);
	TP_CHECK(&p, pk, k, want_llc_x);
	tp_release(&p);
}

/* The same LLC frames in Linux cooked headers (protocol 0x0004: 802.2). */
static size_t build_sll(void)
{
	size_t k = build_llc(), i;
	static struct tb in[32];

	for (i = 0; i < k; i++) {
		in[i] = pk[i];
		tb_init(&pk[i]);
		tb_be16(&pk[i], 0);
		tb_be16(&pk[i], 1);
		tb_be16(&pk[i], 6);
		tb_bytes(&pk[i], "\x00\x19\x06\xea\xb8\x85\x00\x00", 8);
		tb_be16(&pk[i], 4);
		/* the LLC frame without its 802.3 header (or its padding) */
		tb_bytes(&pk[i], in[i].b + 14,
			 in[i].b[12] << 8 | in[i].b[13]);
	}
	return k - 2; /* the padded and the short frames make no sense here */
}

static void test_sll(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	const struct pr_opts x = { .nflag = 1, .tflag = 1, .xflag = 1 };
	size_t k = build_sll();
	struct tp p;

	tp_init(&p, "sll-llc", DLT_LINUX_SLL, &n);
	TP_CHECK(&p, pk, k, want_sll_llc);
	tp_release(&p);
	tp_init(&p, "sll-llc-e", DLT_LINUX_SLL, &e);
	TP_CHECK(&p, pk, k, want_sll_llc_e);
	tp_release(&p);
	tp_init(&p, "sll-llc-x", DLT_LINUX_SLL, &x);
	TP_CHECK(&p, pk, k, want_sll_llc_x);
	tp_release(&p);
}

/* VTP: the 36-octet header with a domain name. */
static void vtp(struct tb *t, unsigned code, unsigned third)
{
	snap(t, 0x00000c, 0x2003);
	tb_u8(t, 1);
	tb_u8(t, code);
	tb_u8(t, third);
	tb_u8(t, 5);
	tb_str(t, "cisco");
	tb_zero(t, 27);
}

static size_t build_vtp(void)
{
	size_t k = 0;

	vtp(&pk[k], 1, 0);
	tb_be32(&pk[k], 0x2a);
	tb_bytes(&pk[k], "\x0a\x00\x00\x01", 4);
	tb_str(&pk[k], "930301000000");
	tb_zero(&pk[k], 16);
	llc_done(&pk[k++]);
	/* a subset advertisement: two VLANs, one with TLVs */
	vtp(&pk[k], 2, 1);
	tb_be32(&pk[k], 0x2a);
	tb_u8(&pk[k], 20);
	tb_u8(&pk[k], 0);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k], 7);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 1500);
	tb_be32(&pk[k], 100001);
	tb_str(&pk[k], "default");
	tb_u8(&pk[k], 0);
	tb_u8(&pk[k], 28);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k], 5);
	tb_u8(&pk[k], 4);
	tb_be16(&pk[k], 1003);
	tb_be16(&pk[k], 4472);
	tb_be32(&pk[k], 101003);
	tb_str(&pk[k], "trnt");
	tb_bytes(&pk[k], "\x03\x01\x00\x02\x06\x01\x00\x01\x01\x01\x00\x07", 12);
	llc_done(&pk[k++]);
	/* a TLV of a bad length, then a request and a join */
	vtp(&pk[k], 2, 3);
	tb_be32(&pk[k], 1);
	tb_u8(&pk[k], 16);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k], 2);
	tb_u8(&pk[k], 1);
	tb_be16(&pk[k], 2);
	tb_be16(&pk[k], 1500);
	tb_be32(&pk[k], 2);
	tb_str(&pk[k], "a\0\0\0");
	tb_bytes(&pk[k], "\x0a\x02\x00\x01\x00\x02", 6);
	llc_done(&pk[k++]);
	vtp(&pk[k], 3, 0);
	tb_be32(&pk[k], 7);
	llc_done(&pk[k++]);
	vtp(&pk[k], 4, 0);
	tb_zero(&pk[k], 4);
	llc_done(&pk[k++]);
	/* a domain length out of range */
	vtp(&pk[k], 1, 0);
	pk[k].b[22 + 3] = 40;
	tb_zero(&pk[k], 36);
	llc_done(&pk[k++]);
	return k;
}

static void test_vtp(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	size_t k = build_vtp();
	struct tp p;

	tp_init(&p, "vtp", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_vtp);
	tp_release(&p);
	tp_init(&p, "vtp-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_vtp_v);
	tp_release(&p);
}

/* An OAMPDU: flags and code after the slow protocol subtype 3. */
static void oam(struct tb *t, unsigned flags, unsigned code)
{
	tb_init(t);
	tb_eth(t, MAC_SLOW, MAC_A, 0x8809);
	tb_u8(t, 3);
	tb_be16(t, flags);
	tb_u8(t, code);
}

static void oam_info_tlv(struct tb *t, unsigned type)
{
	tb_u8(t, type);
	tb_u8(t, 16);
	tb_u8(t, 1);
	tb_be16(t, 2);
	tb_u8(t, 0x05);
	tb_u8(t, 0x1b);
	tb_be16(t, 0x05ee);
	tb_u8(t, 0x00);
	tb_be16(t, 0x120f);
	tb_be32(t, 0x01020304);
}

static size_t build_oam(void)
{
	size_t k = 0;
	int i;

	oam(&pk[k], 0x0050, 0);
	oam_info_tlv(&pk[k], 1);
	oam_info_tlv(&pk[k], 2);
	tb_u8(&pk[k], 0xfe);
	tb_u8(&pk[k], 5);
	tb_bytes(&pk[k], "\x00\x10\x18", 3);
	tb_zero(&pk[k], 2);
	k++;
	/* an event notification with an errored symbol period event */
	oam(&pk[k], 0x0001, 1);
	tb_be16(&pk[k], 9);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k], 40);
	tb_be16(&pk[k], 77);
	for (i = 0; i < 4; i++) {
		tb_be32(&pk[k], 0);
		tb_be32(&pk[k], 1000u * (i + 1));
	}
	tb_be32(&pk[k], 3);
	tb_u8(&pk[k], 2);
	tb_u8(&pk[k], 10);
	tb_zero(&pk[k], 8);
	tb_zero(&pk[k], 2);
	k++;
	/* loopback control, a variable request, a TLV too short */
	oam(&pk[k], 0, 4);
	tb_u8(&pk[k++], 1);
	oam(&pk[k], 0, 2);
	tb_bytes(&pk[k++], "\x07\x00\x02", 3);
	oam(&pk[k], 0, 0);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k++], 1);
	/* LACP of another version, an unknown subtype */
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_SLOW, MAC_A, 0x8809);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k++], 2);
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_SLOW, MAC_A, 0x8809);
	tb_u8(&pk[k], 9);
	tb_zero(&pk[k++], 6);
	return k;
}

static void test_oam(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	size_t k = build_oam();
	struct tp p;

	tp_init(&p, "oam", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_oam);
	tp_release(&p);
	tp_init(&p, "oam-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_oam_v);
	tp_release(&p);
	tp_init(&p, "oam-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_oam_vv);
	tp_release(&p);
}

/* A CFM PDU: MD level 5, version 0. */
static void cfm(struct tb *t, unsigned opcode, unsigned flags, unsigned first)
{
	tb_init(t);
	tb_eth(t, "01:80:c2:00:00:35", MAC_A, 0x8902);
	tb_u8(t, 5 << 5);
	tb_u8(t, opcode);
	tb_u8(t, flags);
	tb_u8(t, first);
}

static size_t build_cfm(void)
{
	size_t k = 0;

	/* a CCM with character names, port and interface status, sender id */
	cfm(&pk[k], 1, 0x84, 70);
	tb_be32(&pk[k], 0x1234);
	tb_be16(&pk[k], 7);
	tb_u8(&pk[k], 4);
	tb_u8(&pk[k], 3);
	tb_str(&pk[k], "dom");
	tb_u8(&pk[k], 2);
	tb_u8(&pk[k], 4);
	tb_str(&pk[k], "ma-1");
	tb_zero(&pk[k], 48 - 11);
	tb_zero(&pk[k], 16);
	tb_bytes(&pk[k], "\x02\x00\x01\x02", 4);
	tb_bytes(&pk[k], "\x03\x00\x01\x01", 4);
	tb_bytes(&pk[k], "\x01\x00\x0e\x06\x04\x00\x19\x06\xea\xb8\x85"
			 "\x02\x01\x02\x01\x07", 17);
	tb_u8(&pk[k++], 0);
	/* a CCM with a MAC MD name and an RDI, a sender id by address */
	cfm(&pk[k], 1, 0x07, 70);
	tb_be32(&pk[k], 1);
	tb_be16(&pk[k], 8);
	tb_u8(&pk[k], 3);
	tb_u8(&pk[k], 6);
	tb_bytes(&pk[k], "\x00\x19\x06\xea\xb8\x85", 6);
	tb_u8(&pk[k], 3);
	tb_u8(&pk[k], 2);
	tb_be16(&pk[k], 100);
	tb_zero(&pk[k], 48 - 12);
	tb_zero(&pk[k], 16);
	tb_bytes(&pk[k], "\x01\x00\x08\x05\x05\x01\x0a\x00\x00\x01\x00", 11);
	tb_bytes(&pk[k], "\x1f\x00\x05\x00\x12\x0f\x01\xaa", 8);
	tb_u8(&pk[k++], 0);
	/* a linktrace message and reply, a loopback message */
	cfm(&pk[k], 5, 0x80, 17);
	tb_be32(&pk[k], 99);
	tb_u8(&pk[k], 64);
	tb_bytes(&pk[k], "\x00\x19\x06\xea\xb8\x85\x00\x19\x06\xea\xb8\x86", 12);
	tb_u8(&pk[k++], 0);
	cfm(&pk[k], 4, 0x60, 6);
	tb_be32(&pk[k], 99);
	tb_u8(&pk[k], 63);
	tb_u8(&pk[k], 1);
	tb_bytes(&pk[k], "\x05\x00\x02\x01\x02", 5);
	tb_u8(&pk[k++], 0);
	cfm(&pk[k], 3, 0, 4);
	tb_be32(&pk[k], 5);
	tb_bytes(&pk[k], "\x04\x00\x03xyz", 6);
	tb_u8(&pk[k++], 0);
	/* a first TLV offset too large, another version */
	cfm(&pk[k], 1, 0, 200);
	tb_zero(&pk[k++], 10);
	tb_init(&pk[k]);
	tb_eth(&pk[k], "01:80:c2:00:00:35", MAC_A, 0x8902);
	tb_bytes(&pk[k++], "\x01\x01\x00\x00", 4);
	return k;
}

static void test_cfm(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	size_t k = build_cfm();
	struct tp p;

	tp_init(&p, "cfm", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_cfm);
	tp_release(&p);
	tp_init(&p, "cfm-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_cfm_v);
	tp_release(&p);
	tp_init(&p, "cfm-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_cfm_vv);
	tp_release(&p);
}

/* An RSTP BPDU, a CDP frame and an LLDPDU, cut at every length. */
static void build_cuts(struct tb *stp, struct tb *cdp, struct tb *lldp)
{
	llc(stp, 0x42, 0x42);
	tb_u8(stp, 0x03);
	tb_be16(stp, 0);
	tb_u8(stp, 2);
	tb_u8(stp, 2);
	tb_u8(stp, 0x3c);
	tb_bytes(stp, "\x80\x01\x00\x19\x06\xea\xb8\x80", 8);
	tb_be32(stp, 19);
	tb_bytes(stp, "\x80\x01\x00\x19\x06\xea\xb8\x80", 8);
	tb_be16(stp, 0x8005);
	tb_be16(stp, 256);
	tb_be16(stp, 20 * 256);
	tb_be16(stp, 2 * 256);
	tb_be16(stp, 15 * 256);
	tb_u8(stp, 0);
	llc_done(stp);

	snap(cdp, 0x00000c, 0x2000);
	tb_u8(cdp, 2);
	tb_u8(cdp, 180);
	tb_be16(cdp, 0xbeef);
	tb_be16(cdp, 1);
	tb_be16(cdp, 8);
	tb_str(cdp, "sw1\n");
	tb_be16(cdp, 2);
	tb_be16(cdp, 17);
	tb_be32(cdp, 1);
	tb_bytes(cdp, "\x01\x01\xcc\x00\x04\x0a\x00\x00\x01", 9);
	tb_be16(cdp, 0x0b);
	tb_be16(cdp, 5);
	tb_u8(cdp, 1);
	llc_done(cdp);

	tb_init(lldp);
	tb_eth(lldp, "01:80:c2:00:00:0e", MAC_A, 0x88cc);
	tb_bytes(lldp, "\x02\x07\x04\x00\x19\x06\xea\xb8\x85", 9);
	tb_bytes(lldp, "\x04\x05\x05" "Gi1", 6);
	tb_bytes(lldp, "\x06\x02\x00\x78", 4);
	tb_bytes(lldp, "\x0a\x03" "sw1", 5);
	tb_bytes(lldp, "\x0e\x04\x00\x14\x00\x04", 6);
	tb_bytes(lldp, "\x10\x0c\x05\x01\x0a\x00\x00\x01\x02\x00\x00\x00\x03\x00", 14);
	tb_bytes(lldp, "\xfe\x06\x00\x80\xc2\x01\x00\x05", 8);
	tb_bytes(lldp, "\x00\x00", 2);
}

static void test_cuts(void)
{
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tb stp, cdp, lldp;
	struct tp p;

	build_cuts(&stp, &cdp, &lldp);
	tp_init(&p, "stp-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &stp, want_stp_cut, TP_N(want_stp_cut)), 0);
	tp_release(&p);
	tp_init(&p, "cdp-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &cdp, want_cdp_cut, TP_N(want_cdp_cut)), 0);
	tp_release(&p);
	tp_init(&p, "lldp-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &lldp, want_lldp_cut, TP_N(want_lldp_cut)),
			0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "LLC and SNAP: names, control words, fallbacks", test_llc },
	{ "LLC after a Linux cooked header", test_sll },
	{ "VTP advertisements and requests", test_vtp },
	{ "Ethernet OAM, odd slow protocols", test_oam },
	{ "CFM: CCM, linktrace, loopback and their TLVs", test_cfm },
	{ "every cut of STP, CDP and LLDP", test_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-l2", NULL, NULL, tests);
