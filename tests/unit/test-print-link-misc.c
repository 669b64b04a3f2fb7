/* test-print-link-misc.c: DLT_VSOCK, DLT_PKTAP/DLT_USER2 and IEEE 802.15.4 against tcpdump 4.99.3's text. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-link-misc.want"

#define DLT_VSOCK_ 271
#define DLT_PKTAP_ 258
#define DLT_USER2_ 149
#define DLT_154 195
#define DLT_154_NOFCS 230

static struct tb pk[8];

static void le16(struct tb *t, unsigned v)
{
	tb_u8(t, v & 0xff);
	tb_u8(t, v >> 8);
}

static void le32(struct tb *t, uint32_t v)
{
	le16(t, v & 0xffff);
	le16(t, v >> 16);
}

static void le64(struct tb *t, uint64_t v)
{
	le32(t, (uint32_t)v);
	le32(t, (uint32_t)(v >> 32));
}

/* A vsockmon header and a virtio one, then the payload. */
static void vsock(struct tb *t, unsigned op, unsigned vop, const char *data)
{
	unsigned n = (unsigned)strlen(data);

	tb_init(t);
	le64(t, 3);
	le64(t, 2);
	le32(t, 1024);
	le32(t, 1234);
	le16(t, op);
	le16(t, 2); /* virtio */
	le16(t, 44);
	le16(t, 0);
	le64(t, 3);
	le64(t, 2);
	le32(t, 1024);
	le32(t, 1234);
	le32(t, n);
	le16(t, 1);
	le16(t, vop);
	le32(t, 0);
	le32(t, 262144);
	le32(t, 7);
	tb_str(t, data);
}

static void test_vsock(void)
{
	static const struct {
		const char *name;
		int v;
		const char *const *want;
		size_t n;
	} forms[] = {
		{ "vsock", 0, want_vsock, TP_N(want_vsock) },
		{ "vsock-v", 1, want_vsock_v, TP_N(want_vsock_v) },
		{ "vsock-vv", 2, want_vsock_vv, TP_N(want_vsock_vv) },
	};
	struct pr_opts o = { .nflag = 1, .tflag = 1 };
	struct tp p;
	size_t i;

	vsock(&pk[0], 1, 1, "");
	vsock(&pk[1], 4, 5, "Hello\n");
	vsock(&pk[2], 9, 99, "");
	for (i = 0; i < TP_N(forms); i++) {
		o.vflag = forms[i].v;
		tp_init(&p, forms[i].name, DLT_VSOCK_, &o);
		CU_ASSERT_EQUAL(tp_run(&p, pk, 3, forms[i].want, forms[i].n), 0);
		tp_release(&p);
	}
	o.vflag = 2;
	tp_init(&p, "vsock_cut", DLT_VSOCK_, &o);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[1], want_vsock_cut,
				TP_N(want_vsock_cut)), 0);
	tp_release(&p);
}

/* A PKTAP header of hdrlen octets for a packet of link type dlt. */
static void pktap(struct tb *t, uint32_t hdrlen, uint32_t rectype,
		  uint32_t dlt)
{
	size_t i;

	tb_init(t);
	le32(t, hdrlen);
	le32(t, rectype);
	le32(t, dlt);
	tb_str(t, "en0");
	tb_zero(t, 21);
	tb_zero(t, 20); /* flags, family, header and trailer lengths, pid */
	tb_str(t, "curl");
	tb_zero(t, 16);
	tb_zero(t, 32); /* service class to the effective command name */
	for (i = 108; i < hdrlen; i++)
		tb_u8(t, 0);
}

static void echo4(struct tb *t)
{
	size_t ip = tb_ip4(t, 1, "10.0.0.1", "10.0.0.2"), l4 = t->n;

	tb_bytes(t, "\x08\x00\x00\x00\x00\x07\x00\x01", 8);
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 1);
}

static void test_pktap(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	const struct pr_opts x = { .nflag = 1, .tflag = 1, .eflag = 1,
				   .xflag = 1 };
	struct tp p;

	pktap(&pk[0], 108, 1, 1);
	tb_eth(&pk[0], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800);
	echo4(&pk[0]);
	pktap(&pk[1], 112, 1, 12); /* DLT_RAW */
	echo4(&pk[1]);
	pktap(&pk[2], 108, 0, 1);
	pktap(&pk[3], 108, 1, 999);
	tb_str(&pk[3], "abc");
	pktap(&pk[4], 100, 1, 1);
	pktap(&pk[5], 200, 1, 1);
	tp_init(&p, "pktap", DLT_PKTAP_, &n);
	TP_CHECK(&p, pk, 6, want_pktap);
	tp_release(&p);
	tp_init(&p, "pktap_e", DLT_USER2_, &e);
	TP_CHECK(&p, pk, 6, want_pktap_e);
	tp_release(&p);
	tp_init(&p, "pktap_x", DLT_PKTAP_, &x);
	TP_CHECK(&p, pk, 2, want_pktap_x);
	tp_release(&p);
	tp_init(&p, "pktap_cut", DLT_PKTAP_, &e);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_pktap_cut,
				TP_N(want_pktap_cut)), 0);
	tp_release(&p);
}

/* The 2-octet FCS of 802.15.4 (reflected CCITT from zero) appended. */
static void fcs16(struct tb *t)
{
	unsigned crc = 0, i, b;

	for (i = 0; i < t->n; i++) {
		crc ^= t->b[i];
		for (b = 0; b < 8; b++)
			crc = crc & 1 ? (crc >> 1) ^ 0x8408 : crc >> 1;
	}
	le16(t, crc);
}

static void test_802_15_4(void)
{
	static const struct {
		const char *name;
		int v, e;
		const char *const *want;
		size_t n;
	} forms[] = {
		{ "wpan", 0, 0, want_wpan, TP_N(want_wpan) },
		{ "wpan_v", 1, 0, want_wpan_v, TP_N(want_wpan_v) },
		{ "wpan_vvv_e", 3, 1, want_wpan_vvv_e, TP_N(want_wpan_vvv_e) },
	};
	struct pr_opts o = { .nflag = 1, .tflag = 1 };
	struct tp p;
	size_t i;

	/* data v1, PAN ID compression, short addresses, FCS */
	tb_init(&pk[0]);
	le16(&pk[0], 0x1 | 1 << 5 | 1 << 6 | 2 << 10 | 1 << 12 | 2 << 14);
	tb_u8(&pk[0], 0x42);
	le16(&pk[0], 0xabcd);
	le16(&pk[0], 0x0001);
	le16(&pk[0], 0x0002);
	tb_str(&pk[0], "data");
	fcs16(&pk[0]);
	/* beacon v0 from a short address: superframe, no GTS, pending */
	tb_init(&pk[1]);
	le16(&pk[1], 0x0 | 2 << 14);
	tb_u8(&pk[1], 7);
	le16(&pk[1], 0x1234);
	le16(&pk[1], 0x0000);
	le16(&pk[1], 0xcfff);
	tb_u8(&pk[1], 0);
	tb_u8(&pk[1], 0x11);
	le16(&pk[1], 0x0005);
	tb_bytes(&pk[1], "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	fcs16(&pk[1]);
	/* command v1: data request, extended source, no FCS */
	tb_init(&pk[2]);
	le16(&pk[2], 0x3 | 1 << 5 | 1 << 6 | 2 << 10 | 1 << 12 | 3 << 14);
	tb_u8(&pk[2], 9);
	le16(&pk[2], 0xabcd);
	le16(&pk[2], 0x0000);
	tb_bytes(&pk[2], "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
	tb_u8(&pk[2], 0x04);
	/* command with a reserved ID and data */
	tb_init(&pk[3]);
	le16(&pk[3], 0x3 | 2 << 10 | 1 << 12);
	tb_u8(&pk[3], 10);
	le16(&pk[3], 0xabcd);
	le16(&pk[3], 0x0003);
	tb_bytes(&pk[3], "\x31\xde\xad", 3);
	/* data v2, security level 5, key id mode 1, MIC of 4 */
	tb_init(&pk[4]);
	le16(&pk[4], 0x1 | 1 << 3 | 1 << 6 | 2 << 10 | 2 << 12 | 2 << 14);
	tb_u8(&pk[4], 11);
	le16(&pk[4], 0xabcd);
	le16(&pk[4], 0x0001);
	le16(&pk[4], 0x0002);
	tb_u8(&pk[4], 5 | 1 << 3);
	le32(&pk[4], 0x01020304);
	tb_u8(&pk[4], 0x07);
	tb_str(&pk[4], "ciphermic!");
	fcs16(&pk[4]);
	/* an ACK, and the reserved source address mode */
	tb_init(&pk[5]);
	le16(&pk[5], 0x2);
	tb_u8(&pk[5], 12);
	tb_init(&pk[6]);
	le16(&pk[6], 0x1 | 1 << 14);
	tb_u8(&pk[6], 13);
	for (i = 0; i < TP_N(forms); i++) {
		o.vflag = forms[i].v;
		o.eflag = forms[i].e;
		tp_init(&p, forms[i].name, DLT_154, &o);
		CU_ASSERT_EQUAL(tp_run(&p, pk, 7, forms[i].want, forms[i].n), 0);
		tp_release(&p);
	}
	o.vflag = 3;
	tp_init(&p, "wpan_nofcs", DLT_154_NOFCS, &o);
	TP_CHECK(&p, pk, 7, want_wpan_nofcs);
	tp_release(&p);
	tp_init(&p, "wpan_cut", DLT_154, &o);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[1], want_wpan_cut,
				TP_N(want_wpan_cut)), 0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "VSOCK: vsockmon and virtio headers, -v, -vv", test_vsock },
	{ "PKTAP and USER2: the header, the inner link type", test_pktap },
	{ "IEEE 802.15.4: frames, FCS, security, cut", test_802_15_4 },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-link-misc", NULL, NULL, tests);
