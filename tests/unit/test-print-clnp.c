/* test-print-clnp.c: CLNP (ISO 8473) data, error report and echo PDUs, options, quotes and every cut against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-clnp.want"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "09:00:2b:00:00:05"

#define ER 1
#define DT 28
#define ERQ 30
#define ERP 31
#define SP 0x80
#define MS 0x40
#define E_R 0x20

static struct tb pk[300];

static const uint8_t nsap_a[] = { 0x49, 0x00, 0x01, 0xaa, 0xbb, 0xcc,
				  0xdd, 0xee, 0xff, 0x00 };
static const uint8_t nsap_b[] = { 0x39, 0x75, 0x6f, 0x00, 0x01 };

/*
 * A CLNP PDU's header under construction: pdu_start writes the fixed
 * part and the addresses, pdu_hdr_done sets the length indicator to what
 * follows so far, pdu_done the segment length to the end of the packet
 * and, when asked, the checksum.
 */
struct pdu {
	size_t at;
};

static struct pdu pdu_start(struct tb *t, unsigned type, unsigned life,
			    const uint8_t *dst, unsigned dlen,
			    const uint8_t *src, unsigned slen)
{
	struct pdu d = { t->n };

	tb_u8(t, 0x81);
	tb_u8(t, 0); /* the length indicator: pdu_hdr_done */
	tb_u8(t, 1);
	tb_u8(t, life);
	tb_u8(t, type);
	tb_be16(t, 0);
	tb_be16(t, 0);
	tb_u8(t, dlen);
	tb_bytes(t, dst, dlen);
	tb_u8(t, slen);
	tb_bytes(t, src, slen);
	return d;
}

static void pdu_hdr_done(struct tb *t, struct pdu d)
{
	t->b[d.at + 1] = (uint8_t)(t->n - d.at);
}

/* ISO 8473 annex C's checksum over the li octets of the header. */
static void pdu_cksum(struct tb *t, struct pdu d)
{
	unsigned li = t->b[d.at + 1], i;
	int c0 = 0, c1 = 0, x, y;

	t->b[d.at + 7] = t->b[d.at + 8] = 0;
	for (i = 0; i < li; i++) {
		c0 = (c0 + t->b[d.at + i]) % 255;
		c1 = (c1 + c0) % 255;
	}
	x = ((int)(li - 8) * c0 - c1) % 255;
	y = ((int)(li - 7) * -c0 + c1) % 255;
	if (x <= 0)
		x += 255;
	if (y <= 0)
		y += 255;
	t->b[d.at + 7] = (uint8_t)x;
	t->b[d.at + 8] = (uint8_t)y;
}

static void pdu_done(struct tb *t, struct pdu d, int cksum)
{
	tb_put16(t, d.at + 5, (unsigned)(t->n - d.at));
	if (cksum)
		pdu_cksum(t, d);
}

/* Ethernet with the OSI ethertype and its pad octet, or 802.3 and LLC. */
static void osi_eth(struct tb *t)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0xfefe);
	tb_u8(t, 0);
}

static void osi_llc(struct tb *t)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0); /* the length: llc_done */
	tb_bytes(t, "\xfe\xfe\x03", 3);
}

static void llc_done(struct tb *t)
{
	tb_put16(t, 12, (unsigned)(t->n - 14));
}

/* A whole data PDU of one option (or none) and some data. */
static void data_pdu(struct tb *t, unsigned flags, const void *opts,
		     size_t olen, const char *data, int cksum)
{
	struct pdu d = pdu_start(t, DT | flags, 64, nsap_a, sizeof(nsap_a),
				 nsap_b, sizeof(nsap_b));

	tb_bytes(t, opts, olen);
	pdu_hdr_done(t, d);
	tb_str(t, data);
	pdu_done(t, d, cksum);
}

static size_t build_main(void)
{
	struct pdu d;
	size_t k = 0;

	/* data: checksum unset, right, wrong; flags */
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "", 0, "payload", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], E_R, "", 0, "payload", 1);
	osi_eth(&pk[k]);
	data_pdu(&pk[k], MS | E_R, "", 0, "payload", 1);
	pk[k++].b[22] ^= 0x10;
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "", 0, "", 1);
	/* the segmentation part, after the addresses and before options */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], DT | SP | MS, 31, nsap_a, sizeof(nsap_a),
		      nsap_b, sizeof(nsap_b));
	tb_be16(&pk[k], 0xbeef);
	tb_be16(&pk[k], 1480);
	tb_be16(&pk[k], 4000);
	tb_bytes(&pk[k], "\xcd\x01\x0a", 3);
	pdu_hdr_done(&pk[k], d);
	tb_str(&pk[k], "segment");
	pdu_done(&pk[k++], d, 1);
	/* an error report with every decoded option, quoting a data PDU */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], ER, 200, nsap_b, sizeof(nsap_b), nsap_a,
		      sizeof(nsap_a));
	tb_bytes(&pk[k], "\xc1\x01\x03", 3);		/* congestion */
	tb_bytes(&pk[k], "\xc3\x01\xd5", 3);		/* QoS, global */
	tb_bytes(&pk[k], "\xc5\x02\xc0\x05", 4);	/* security */
	tb_bytes(&pk[k], "\xcc\x04\x00\x00\x00\x00", 6); /* padding */
	tb_bytes(&pk[k], "\xcd\x01\x0e", 3);		/* priority */
	tb_bytes(&pk[k], "\xc8\x09\x01\x03\x03\x49\x00\x07\x03\x49\x00",
		 11); /* complete source routing */
	tb_bytes(&pk[k], "\xcb\x03\x00\x04\x00", 5); /* route recording */
	tb_bytes(&pk[k], "\x10\x02\xab\xcd", 4);	/* unknown */
	pdu_hdr_done(&pk[k], d);
	data_pdu(&pk[k], E_R, "\xc3\x01\x45", 3, "the data", 1);
	pdu_done(&pk[k++], d, 1);
	/* an error report quoting an error report quoting a data PDU */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], ER, 10, nsap_b, sizeof(nsap_b), nsap_a,
		      sizeof(nsap_a));
	tb_bytes(&pk[k], "\xc1\x01\xa0", 3);
	pdu_hdr_done(&pk[k], d);
	{
		struct pdu d2 = pdu_start(&pk[k], ER, 11, nsap_a, 3,
					  nsap_b, 2);

		tb_bytes(&pk[k], "\xc1\x01\x51", 3);
		pdu_hdr_done(&pk[k], d2);
		data_pdu(&pk[k], 0, "", 0, "xy", 0);
		pdu_done(&pk[k], d2, 0);
	}
	pdu_done(&pk[k++], d, 0);
	/* an error report of a PDU that is not CLNP: hex */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], ER, 10, nsap_b, sizeof(nsap_b), nsap_a,
		      sizeof(nsap_a));
	tb_bytes(&pk[k], "\xc1\x01\x00", 3);
	pdu_hdr_done(&pk[k], d);
	tb_str(&pk[k], "\x82not clnp");
	pdu_done(&pk[k++], d, 0);
	/* echo request: the CLNP PDU inside stays undecoded */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], ERQ | SP, 20, nsap_a, sizeof(nsap_a), nsap_b,
		      sizeof(nsap_b));
	tb_be16(&pk[k], 7);
	tb_be16(&pk[k], 0);
	tb_be16(&pk[k], 60);
	pdu_hdr_done(&pk[k], d);
	data_pdu(&pk[k], 0, "", 0, "ping", 1);
	pdu_done(&pk[k++], d, 1);
	/* echo response: decoded as a quoted PDU */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], ERP | SP, 20, nsap_b, sizeof(nsap_b), nsap_a,
		      sizeof(nsap_a));
	tb_be16(&pk[k], 7);
	tb_be16(&pk[k], 0);
	tb_be16(&pk[k], 60);
	pdu_hdr_done(&pk[k], d);
	data_pdu(&pk[k], 0, "", 0, "pong", 1);
	pdu_done(&pk[k++], d, 1);
	/* over LLC's OSI SAP */
	osi_llc(&pk[k]);
	data_pdu(&pk[k], 0, "", 0, "llc", 1);
	llc_done(&pk[k++]);
	osi_llc(&pk[k]);
	d = pdu_start(&pk[k], ER, 10, nsap_b, sizeof(nsap_b), nsap_a,
		      sizeof(nsap_a));
	tb_bytes(&pk[k], "\xc1\x01\x81", 3);
	pdu_hdr_done(&pk[k], d);
	data_pdu(&pk[k], 0, "", 0, "q", 0);
	pdu_done(&pk[k], d, 1);
	llc_done(&pk[k++]);
	/* addresses of no and of too many octets */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], DT, 1, nsap_a, 0,
		      (const uint8_t *)"0123456789abcdefghijk", 21);
	pdu_hdr_done(&pk[k], d);
	pdu_done(&pk[k++], d, 0);
	return k;
}

/* Headers tcpdump rejects (then dumps) or cuts short. */
static size_t build_bad(void)
{
	struct pdu d;
	size_t k = 0;

	/* version 2 */
	osi_eth(&pk[k]);
	data_pdu(&pk[k], 0, "", 0, "v2", 0);
	pk[k++].b[17] = 2;
	/* length indicator past the PDU, and under the fixed part */
	osi_eth(&pk[k]);
	data_pdu(&pk[k], 0, "", 0, "", 0);
	pk[k++].b[16] = 200;
	osi_eth(&pk[k]);
	data_pdu(&pk[k], 0, "", 0, "data", 0);
	pk[k++].b[16] = 8;
	/* the addresses longer than the length indicator says */
	osi_eth(&pk[k]);
	data_pdu(&pk[k], 0, "", 0, "", 0);
	pk[k++].b[16] = 9;
	osi_eth(&pk[k]);
	data_pdu(&pk[k], 0, "", 0, "", 0);
	pk[k++].b[16] = 15;
	osi_eth(&pk[k]);
	data_pdu(&pk[k], 0, "", 0, "", 0);
	pk[k++].b[16] = 20;
	osi_eth(&pk[k]);
	data_pdu(&pk[k], 0, "", 0, "", 0);
	pk[k++].b[16] = 25;
	/* no room for the segmentation part */
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], SP, "\x00\x01\x00\x02", 4, "", 0);
	/* options: one octet left, too long, values too short */
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xcd", 1, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xcd\x05\x01", 3, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xc1\x00", 2, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xc3\x00", 2, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xc5\x01\x40", 3, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xc8\x01\x00", 3, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xcb\x00", 2, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xcd\x00", 2, "", 0);
	/* source routing offsets: 0, past the end; an address past it */
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xc8\x03\x00\x00\x01", 5, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xc8\x03\x00\x09\x01", 5, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xcb\x05\x00\x03\x04\x49\x00", 7, "", 0);
	osi_eth(&pk[k]);
	data_pdu(&pk[k++], 0, "\xcb\x05\x01\x03\x00\x00\x00", 7, "", 0);
	/* a quoted PDU with a bad header: no dump of the outer one */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], ER, 10, nsap_b, sizeof(nsap_b), nsap_a,
		      sizeof(nsap_a));
	pdu_hdr_done(&pk[k], d);
	data_pdu(&pk[k], 0, "\xcd", 1, "", 0);
	pdu_done(&pk[k++], d, 0);
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], ER, 10, nsap_b, sizeof(nsap_b), nsap_a,
		      sizeof(nsap_a));
	pdu_hdr_done(&pk[k], d);
	tb_bytes(&pk[k], "\x81\x04\x01\x00", 4);
	pdu_done(&pk[k++], d, 0);
	/* an error report that ends with its header */
	osi_eth(&pk[k]);
	d = pdu_start(&pk[k], ER, 10, nsap_b, sizeof(nsap_b), nsap_a,
		      sizeof(nsap_a));
	pdu_hdr_done(&pk[k], d);
	pdu_done(&pk[k++], d, 0);
	/* the OSI ethertype with nothing after it */
	tb_init(&pk[k]);
	tb_eth(&pk[k++], MAC_B, MAC_A, 0xfefe);
	return k;
}

/* Every PDU type, flag set, reason for discard and QoS octet. */
static size_t build_codes(void)
{
	uint8_t opt[3];
	size_t k = 0;
	unsigned v;

	for (v = 0; v < 32; v++) {
		osi_eth(&pk[k]);
		data_pdu(&pk[k], 0, "", 0, "", 0);
		pk[k++].b[19] = (uint8_t)v;
	}
	for (v = 0; v < 8; v++) {
		osi_eth(&pk[k]);
		data_pdu(&pk[k], 0, "\x00\x00\x00\x00\x00\x00", v & 4 ? 6 : 0,
			 "", 0);
		pk[k++].b[19] = (uint8_t)(DT | v << 5);
	}
	for (v = 0; v < 256; v += (v & 0x0f) < 8 ? 1 : 8) {
		opt[0] = 0xc1;
		opt[1] = 1;
		opt[2] = (uint8_t)v;
		osi_eth(&pk[k]);
		data_pdu(&pk[k++], 0, opt, 3, "", 0);
	}
	for (v = 0; v < 256; v += v < 0xc0 ? 0x11 : 1) {
		opt[0] = 0xc3;
		opt[1] = 1;
		opt[2] = (uint8_t)v;
		osi_eth(&pk[k]);
		data_pdu(&pk[k++], 0, opt, 3, "", 0);
	}
	return k;
}

static void run(const char *name, const struct pr_opts *o, size_t npk,
		const char *const *want, size_t nwant)
{
	struct tp p;

	tp_init(&p, name, DLT_EN10MB, o);
	CU_ASSERT_EQUAL(tp_run(&p, pk, npk, want, nwant), 0);
	tp_release(&p);
}

static const struct pr_opts o_n = { .nflag = 1, .tflag = 1 };
static const struct pr_opts o_v = { .nflag = 1, .tflag = 1, .vflag = 1 };
static const struct pr_opts o_vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
static const struct pr_opts o_e = { .nflag = 1, .tflag = 1, .eflag = 1 };
static const struct pr_opts o_ev = { .nflag = 1, .tflag = 1, .eflag = 1,
				     .vflag = 1 };

static void test_main(void)
{
	size_t k = build_main();

	run("clnp", &o_n, k, want_clnp, TP_N(want_clnp));
	run("clnp-v", &o_v, k, want_clnp_v, TP_N(want_clnp_v));
	run("clnp-vv", &o_vv, k, want_clnp_vv, TP_N(want_clnp_vv));
	run("clnp-e", &o_e, k, want_clnp_e, TP_N(want_clnp_e));
	run("clnp-ev", &o_ev, k, want_clnp_ev, TP_N(want_clnp_ev));
}

static void test_bad(void)
{
	size_t k = build_bad();

	run("clnp-bad", &o_n, k, want_clnp_bad, TP_N(want_clnp_bad));
	run("clnp-bad-v", &o_v, k, want_clnp_bad_v, TP_N(want_clnp_bad_v));
	run("clnp-bad-e", &o_e, k, want_clnp_bad_e, TP_N(want_clnp_bad_e));
}

static void test_codes(void)
{
	size_t k = build_codes();

	run("clnp-codes", &o_v, k, want_clnp_codes, TP_N(want_clnp_codes));
}

/* The error report with every option, the segmented and echo PDUs. */
static void test_cuts(void)
{
	struct tp p;

	build_main();
	tp_init(&p, "clnp-er-cut", DLT_EN10MB, &o_v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[5], want_clnp_er_cut,
				TP_N(want_clnp_er_cut)), 0);
	tp_release(&p);
	tp_init(&p, "clnp-seg-cut", DLT_EN10MB, &o_vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[4], want_clnp_seg_cut,
				TP_N(want_clnp_seg_cut)), 0);
	tp_release(&p);
	tp_init(&p, "clnp-erp-cut", DLT_EN10MB, &o_ev);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[9], want_clnp_erp_cut,
				TP_N(want_clnp_erp_cut)), 0);
	tp_release(&p);
	tp_init(&p, "clnp-data-cut", DLT_EN10MB, &o_n);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_clnp_data_cut,
				TP_N(want_clnp_data_cut)), 0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "data, error report and echo PDUs, options, quotes", test_main },
	{ "headers tcpdump rejects", test_bad },
	{ "every type, flag, reason for discard and QoS", test_codes },
	{ "every cut of an error report, a segment, an echo", test_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-clnp", NULL, NULL, tests);
