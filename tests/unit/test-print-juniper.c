/* test-print-juniper.c: Juniper's pseudo-headers and the ATM link types against tcpdump 4.99.3's text. */
#include <string.h>

#include <pcap/pcap.h>

#include "capture/print-int.h"
#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-juniper.want"

static struct tb pk[16];

/* An IPv4 UDP datagram after whatever t holds. */
static void udp4(struct tb *t)
{
	size_t ip = tb_ip4(t, 17, "10.0.0.1", "10.0.0.2"), l4;

	l4 = tb_udp(t, 4000, 5000);
	tb_str(t, "payload");
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 17);
}

/* "MGC", the flags and, with flag 0x80, the extension TLVs given. */
static void mgc(struct tb *t, unsigned flags, const void *ext, size_t n)
{
	tb_init(t);
	tb_str(t, "MGC");
	tb_u8(t, flags);
	if (flags & 0x80) {
		tb_be16(t, (unsigned)n);
		tb_bytes(t, ext, n);
	}
}

/* Runs pk[0..k) on dlt at -n, -e, -v and -vv -e against the four wants. */
static void check4(const char *name, int dlt, size_t k,
		   const char *const *w0, unsigned n0,
		   const char *const *w1, unsigned n1,
		   const char *const *w2, unsigned n2,
		   const char *const *w3, unsigned n3)
{
	const struct pr_opts o[4] = {
		{ .nflag = 1, .tflag = 1 },
		{ .nflag = 1, .tflag = 1, .eflag = 1 },
		{ .nflag = 1, .tflag = 1, .vflag = 1 },
		{ .nflag = 1, .tflag = 1, .vflag = 2, .eflag = 1 },
	};
	const char *const *w[4] = { w0, w1, w2, w3 };
	const unsigned n[4] = { n0, n1, n2, n3 };
	static const char *const sfx[4] = { "", "-e", "-v", "-vve" };
	char nm[64];
	struct tp p;
	int i;

	for (i = 0; i < 4; i++) {
		snprintf(nm, sizeof(nm), "%s%s", name, sfx[i]);
		tp_init(&p, nm, dlt, &o[i]);
		CU_ASSERT_EQUAL(tp_run(&p, pk, k, w[i], n[i]), 0);
		tp_release(&p);
	}
}

#define CHECK4(name, dlt, k, a)                                            \
	check4(name, dlt, k, want_##a, TP_N(want_##a), want_##a##_e,       \
	       TP_N(want_##a##_e), want_##a##_v, TP_N(want_##a##_v),       \
	       want_##a##_vve, TP_N(want_##a##_vve))

static void test_ether(void)
{
	/* interface index (LE), media type Ethernet, encapsulation, a name */
	static const char ext[] = "\x01\x04\x2a\x00\x00\x00\x03\x01\x01"
				  "\x06\x01\x0e\x02\x03ge0";
	size_t k = 0;

	mgc(&pk[k], 0x81, ext, sizeof(ext) - 1);
	tb_eth(&pk[k], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800);
	udp4(&pk[k++]);
	mgc(&pk[k], 0x00, "", 0);
	tb_eth(&pk[k], "02:00:00:00:00:01", "02:00:00:00:00:02", 0x0800);
	udp4(&pk[k++]);
	/* no layer 2: four octets, then IPv4 */
	mgc(&pk[k], 0x03, "", 0);
	tb_be32(&pk[k], 0);
	udp4(&pk[k++]);
	/* a TLV longer than the extensions */
	mgc(&pk[k], 0x80, "\x01\x09\x00\x00", 4);
	tb_zero(&pk[k++], 20);
	/* no magic */
	tb_init(&pk[k]);
	tb_bytes(&pk[k++], "XYZ\x00" "abcd", 8);
	CHECK4("jnx-ether", DLT_JUNIPER_ETHER, k, jnx_ether);
}

static void test_atm_pics(void)
{
	size_t k = 0;

	/* ATM1: SNAP IPv4, a VC-mux IPv4, an OAM loopback cell */
	mgc(&pk[k], 0x01, "", 0);
	tb_bytes(&pk[k], "\x00\x00\x01\x02\xaa\xaa\x03\x00\x00\x00\x08\x00", 12);
	udp4(&pk[k++]);
	mgc(&pk[k], 0x00, "", 0);
	tb_bytes(&pk[k], "\x00\x00\x01\x02", 4);
	udp4(&pk[k++]);
	mgc(&pk[k], 0x00, "", 0);
	tb_bytes(&pk[k], "\x80\x00\x01\x02", 4);
	tb_bytes(&pk[k], "\x00\x00\x00\x50\x18\x01\x00\x00\x00\x07", 10);
	tb_zero(&pk[k++], 40);
	CHECK4("jnx-atm1", DLT_JUNIPER_ATM1, k, jnx_atm1);

	/* ATM2: PPP over a VC mux, and an OAM cell after a control word */
	k = 0;
	mgc(&pk[k], 0x01, "", 0);
	tb_bytes(&pk[k], "\x00\x00\x00\x10\x00\x00\x00\x00\x00\x21", 10);
	udp4(&pk[k++]);
	mgc(&pk[k], 0x00, "", 0);
	tb_bytes(&pk[k], "\x00\x00\x00\x10\x00\x00\x00\x10", 8);
	tb_be32(&pk[k], 0x08380000);
	tb_bytes(&pk[k], "\x00\x00\x00\x40\x10\x6a", 6);
	tb_zero(&pk[k++], 46);
	CHECK4("jnx-atm2", DLT_JUNIPER_ATM2, k, jnx_atm2);
}

static void test_services(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;
	size_t k = 0;

	/* ES: a bundle SA, then a tunnel SA whose header is rewritten */
	mgc(&pk[k], 0x01, "", 0);
	tb_bytes(&pk[k], "\x00\x05\x40\x01\x00\x00\x00\x00", 8);
	tb_zero(&pk[k], 8);
	udp4(&pk[k++]);
	mgc(&pk[k], 0x00, "", 0);
	tb_bytes(&pk[k], "\x00\x06\x3f\x03\x00\x00\x10\x01"
			 "\xc0\x00\x02\x01\xc0\x00\x02\x02", 16);
	udp4(&pk[k++]);
	/*
	 * Not -e: its SA line ends in a newline, and the next starts in
	 * the first column, where the oracle takes a new packet to begin.
	 */
	tp_init(&p, "jnx-es", DLT_JUNIPER_ES, &n);
	TP_CHECK(&p, pk, k, want_jnx_es);
	tp_release(&p);
	tp_init(&p, "jnx-es-v", DLT_JUNIPER_ES, &v);
	TP_CHECK(&p, pk, k, want_jnx_es_v);
	tp_release(&p);

	/* MONITOR and an AS cookie on SERVICES */
	k = 0;
	mgc(&pk[k], 0x01, "", 0);
	tb_bytes(&pk[k], "\x00\x00\x00\x07\x00\x00\x00\x09", 8);
	udp4(&pk[k++]);
	CHECK4("jnx-monitor", DLT_JUNIPER_MONITOR, k, jnx_monitor);
	k = 0;
	mgc(&pk[k], 0x00, "", 0);
	tb_bytes(&pk[k], "\x47\x01\x00\x20\x00\x00\x01\x02", 8);
	udp4(&pk[k++]);
	CHECK4("jnx-services", DLT_JUNIPER_SERVICES, k, jnx_services);
}

static void test_serial(void)
{
	size_t k = 0;

	mgc(&pk[k], 0x01, "", 0);
	tb_bytes(&pk[k], "\xff\x03\x00\x21", 4);
	udp4(&pk[k++]);
	CHECK4("jnx-ppp", DLT_JUNIPER_PPP, k, jnx_ppp);
	k = 0;
	mgc(&pk[k], 0x01, "", 0);
	tb_bytes(&pk[k], "\x0f\x00\x08\x00", 4);
	udp4(&pk[k++]);
	CHECK4("jnx-chdlc", DLT_JUNIPER_CHDLC, k, jnx_chdlc);
	k = 0;
	mgc(&pk[k], 0x00, "", 0);
	tb_bytes(&pk[k], "\x18\x41\x03\xcc", 4);
	udp4(&pk[k++]);
	CHECK4("jnx-frelay", DLT_JUNIPER_FRELAY, k, jnx_frelay);
	/* MLPPP with an LS cookie; an MFR child link's FRF.16 fragment */
	k = 0;
	mgc(&pk[k], 0x01, "", 0);
	tb_bytes(&pk[k], "\x54\x07\x00\x00\xff\x03\x00\x21", 8);
	udp4(&pk[k++]);
	CHECK4("jnx-mlppp", DLT_JUNIPER_MLPPP, k, jnx_mlppp);
	k = 0;
	mgc(&pk[k], 0x00, "", 0);
	tb_bytes(&pk[k], "\xc0\x05\x18\x41\x03\xcc", 6);
	udp4(&pk[k++]);
	CHECK4("jnx-mfr", DLT_JUNIPER_MFR, k, jnx_mfr);
}

static void test_atm(void)
{
	size_t k = 0;

	/* SunATM: LLC on a data VC, Q.2931 signalling, an F4 OAM cell */
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x82\x01\x00\x20\xaa\xaa\x03\x00\x00\x00\x08\x00", 12);
	udp4(&pk[k++]);
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x02\x00\x00\x05\x09\x03\x00\x00\x01\x05\x00\x00", 12);
	k++;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x00\x00\x00\x03\x00\x00\x00\x30\x00\x11\x00", 11);
	tb_zero(&pk[k++], 46);
	CHECK4("sunatm", DLT_SUNATM, k, sunatm);

	k = 0;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	udp4(&pk[k++]);
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x03\xcc", 2);
	udp4(&pk[k++]);
	CHECK4("atm1483", DLT_ATM_RFC1483, k, atm1483);

	k = 0;
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	udp4(&pk[k++]);
	tb_init(&pk[k]);
	udp4(&pk[k++]);
	CHECK4("cip", DLT_ATM_CLIP, k, cip);
}

static CU_TestInfo tests[] = {
	{ "JUNIPER_ETHER: flags, extension TLVs, no-L2, no magic", test_ether },
	{ "JUNIPER_ATM1 and _ATM2: LLC, VC mux, PPP, OAM", test_atm_pics },
	{ "JUNIPER_ES, _MONITOR, _SERVICES", test_services },
	{ "JUNIPER_PPP, _CHDLC, _FRELAY, _MLPPP, _MFR", test_serial },
	{ "SUNATM, ATM_RFC1483, ATM_CLIP", test_atm },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-juniper", NULL, NULL, tests);
