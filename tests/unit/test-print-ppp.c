/* test-print-ppp.c: PPP, PPPoE, Cisco HDLC, Frame Relay, FRF.16, Q.933 and IPoIB against tcpdump 4.99.3's text, and the generic-print note of undecoded link types. */
#include <string.h>

#include "capture/print-int.h"
#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-ppp.want"

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

/* A PPP frame: address and control, protocol, then the bytes given. */
static void ppp(struct tb *t, unsigned proto, const void *b, size_t n)
{
	tb_init(t);
	tb_u8(t, 0xff);
	tb_u8(t, 0x03);
	tb_be16(t, proto);
	tb_bytes(t, b, n);
}

static size_t build_ppp(void)
{
	size_t k = 0;

	ppp(&pk[k], 0x0021, "", 0);
	udp4(&pk[k++]);
	/* LCP Conf-Request: MRU, ACCM, auth CHAP MD5, magic, PFC, ACFC */
	ppp(&pk[k++], 0xc021,
	    "\x01\x01\x00\x19\x01\x04\x05\xdc\x02\x06\x00\x00\x00\x00"
	    "\x03\x05\xc2\x23\x05\x05\x06\x12\x34\x56\x78\x07\x02\x08\x02",
	    29);
	/* LCP Echo-Request with trailing data; Term-Request */
	ppp(&pk[k++], 0xc021, "\x09\x07\x00\x0a\xde\xad\xbe\xef\x41\x42", 10);
	ppp(&pk[k++], 0xc021, "\x05\x08\x00\x04", 4);
	/* IPCP Conf-Nak: IP-Addr, Pri-DNS; an unknown option */
	ppp(&pk[k++], 0x8021,
	    "\x03\x02\x00\x12\x03\x06\x0a\x00\x00\x01\x81\x06\x08\x08\x08"
	    "\x08\x99\x02",
	    18);
	/* IP6CP interface id; CCP deflate */
	ppp(&pk[k++], 0x8057,
	    "\x01\x01\x00\x0e\x01\x0a\x02\x11\x22\xff\xfe\x33\x44\x55", 14);
	ppp(&pk[k++], 0x80fd, "\x01\x03\x00\x08\x1a\x04\x78\x00", 8);
	/* PAP request and ack, CHAP challenge and success */
	ppp(&pk[k++], 0xc023, "\x01\x01\x00\x0e\x04user\x04pass", 14);
	ppp(&pk[k++], 0xc023, "\x02\x01\x00\x07\x02ok", 7);
	ppp(&pk[k++], 0xc223, "\x01\x02\x00\x0e\x04\x01\x02\x03\x04host1", 14);
	ppp(&pk[k++], 0xc223, "\x03\x02\x00\x07hi!", 7);
	/* Multilink, an unknown protocol, an escaped frame */
	ppp(&pk[k++], 0x003d, "\xc0\x05\x00\x00", 4);
	ppp(&pk[k++], 0x1234, "\x01\x02\x03", 3);
	ppp(&pk[k++], 0x7e21, "\x01\x01\x00\x0a\x7d\x23\x06\x0a\x00\x00\x01", 11);
	return k;
}

static void test_ppp(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vve = { .nflag = 1, .tflag = 1, .vflag = 2,
				     .eflag = 1 };
	struct tp p;
	size_t k = build_ppp();

	tp_init(&p, "ppp", DLT_PPP, &n);
	TP_CHECK(&p, pk, k, want_ppp);
	tp_release(&p);
	tp_init(&p, "ppp-v", DLT_PPP, &v);
	TP_CHECK(&p, pk, k, want_ppp_v);
	tp_release(&p);
	tp_init(&p, "ppp-vve", DLT_PPP, &vve);
	TP_CHECK(&p, pk, k, want_ppp_vve);
	tp_release(&p);
	/* PPP_SERIAL reads the same frames */
	tp_init(&p, "ppp-serial-v", DLT_PPP_SERIAL, &v);
	TP_CHECK(&p, pk, k, want_ppp_serial_v);
	tp_release(&p);
}

/* An LCP packet cut at every length, -v. */
static void test_ppp_cuts(void)
{
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;

	ppp(&pk[0], 0xc021,
	    "\x01\x01\x00\x0e\x01\x04\x05\xdc\x05\x06\x12\x34\x56\x78", 14);
	tp_init(&p, "ppp-cut", DLT_PPP, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_ppp_cut, TP_N(want_ppp_cut)),
			0);
	tp_release(&p);
}

static size_t build_links(void)
{
	size_t k = 0;

	/* PPPoE discovery (PADI with tags) and session, on Ethernet */
	tb_init(&pk[k]);
	tb_eth(&pk[k], "ff:ff:ff:ff:ff:ff", "02:00:00:00:00:01", 0x8863);
	tb_bytes(&pk[k++],
		 "\x11\x09\x00\x00\x00\x10\x01\x01\x00\x00\x01\x03\x00\x04"
		 "\x12\x34\x56\x78\x01\x02\x00\x02" "ac",
		 24);
	tb_init(&pk[k]);
	tb_eth(&pk[k], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x8864);
	tb_bytes(&pk[k++],
		 "\x11\x00\x00\x2a\x00\x0c\xc0\x21\x09\x01\x00\x08\x01\x02"
		 "\x03\x04",
		 16);
	return k;
}

static void test_pppoe(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	struct tp p;
	size_t k = build_links();

	tp_init(&p, "pppoe", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_pppoe);
	tp_release(&p);
	tp_init(&p, "pppoe-e", DLT_EN10MB, &e);
	TP_CHECK(&p, pk, k, want_pppoe_e);
	tp_release(&p);
}

static size_t build_chdlc(void)
{
	size_t k = 0;

	/* SLARP keepalive with uptime, request, reply; IPv4; unknown */
	tb_init(&pk[k]);
	tb_bytes(&pk[k++],
		 "\x8f\x00\x80\x35\x00\x00\x00\x02\x00\x00\x00\x05\x00\x00"
		 "\x00\x04\xff\xff\x00\x10\x00\x00",
		 22);
	tb_init(&pk[k]);
	tb_bytes(&pk[k++],
		 "\x8f\x00\x80\x35\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
		 "\x00\x00\x00\x00",
		 18);
	tb_init(&pk[k]);
	tb_bytes(&pk[k++],
		 "\x0f\x00\x80\x35\x00\x00\x00\x01\x0a\x01\x02\x03\xff\xff"
		 "\xff\xfc\x00\x00",
		 18);
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x0f\x00\x08\x00", 4);
	udp4(&pk[k++]);
	tb_init(&pk[k]);
	tb_bytes(&pk[k++], "\x0f\x00\x12\x34\x00\x00", 6);
	return k;
}

static void test_chdlc(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	struct tp p;
	size_t k = build_chdlc();

	tp_init(&p, "chdlc", DLT_C_HDLC, &n);
	TP_CHECK(&p, pk, k, want_chdlc);
	tp_release(&p);
	tp_init(&p, "chdlc-e", DLT_C_HDLC, &e);
	TP_CHECK(&p, pk, k, want_chdlc_e);
	tp_release(&p);
}

static size_t build_fr(void)
{
	size_t k = 0;

	/* NLPID IPv4, Cisco's ethertype IPv4, an unknown NLPID, bad address */
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x18\x41\x03\xcc", 4);
	udp4(&pk[k++]);
	tb_init(&pk[k]);
	tb_bytes(&pk[k], "\x18\x41\x08\x00", 4);
	udp4(&pk[k++]);
	tb_init(&pk[k]);
	tb_bytes(&pk[k++], "\x18\x43\x03\x77\x01\x02", 6);
	tb_init(&pk[k]);
	tb_bytes(&pk[k++], "\x19\x41\x03\xcc", 4);
	return k;
}

static void test_fr(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	struct tp p;
	size_t k = build_fr();

	tp_init(&p, "fr", DLT_FRELAY, &n);
	TP_CHECK(&p, pk, k, want_fr);
	tp_release(&p);
	tp_init(&p, "fr-e", DLT_FRELAY, &e);
	TP_CHECK(&p, pk, k, want_fr_e);
	tp_release(&p);
}

/*
 * FRF.16: a control message with every IE, a whole fragment holding a
 * Q.933 ANSI status enquiry, a first fragment with a CCITT full status
 * (link verify, PVC status), a middle fragment, a short frame; then
 * Q.933 after PPP's OSI protocol with a call reference.
 */
static size_t build_mfr(void)
{
	static const uint8_t ctrl[] = {
		0xe1, 0x00, 0x01,			  /* Add Link */
		0x01, 0x05, 'b', '1', 0x00,		  /* bundle ID */
		0x02, 0x04, 'l', 0x01,			  /* link ID */
		0x03, 0x06, 0xde, 0xad, 0xbe, 0xef,	  /* magic number */
		0x05, 0x12, 0xd2, 0x02, 0x96, 0x49, 0, 0, 0, 0, /* timestamp */
		0x40, 0xe2, 0x01, 0, 0, 0, 0, 0,
		0x07, 0x03, 0x01,			  /* cause */
	};
	static const uint8_t ansi[] = {
		0xc0, 0x05, 0x00, 0x01, 0x03, 0x08, /* B, E; DLCI 0, Q.933 */
		0x00, 0x75, 0x95, 0x01, 0x01, 0x01, 0x03, 0x02, 0x05, 0x07,
	};
	static const uint8_t ccitt[] = {
		0x80, 0x06, 0x00, 0x01, 0x03, 0x08, 0x00, 0x7d,
		0x51, 0x01, 0x00, 0x53, 0x02, 0x10, 0x20,
		0x57, 0x03, 0x04, 0x81, 0x8a,
	};
	static const uint8_t middle[] = { 0x00, 0x07, 0x01, 0x02, 0x03 };
	static const uint8_t q933[] = { 0x08, 0x01, 0x12, 0x4d, 0x08, 0x01 };
	size_t k = 0;

	tb_init(&pk[k]);
	tb_bytes(&pk[k++], ctrl, sizeof(ctrl));
	tb_init(&pk[k]);
	tb_bytes(&pk[k++], ansi, sizeof(ansi));
	tb_init(&pk[k]);
	tb_bytes(&pk[k++], ccitt, sizeof(ccitt));
	tb_init(&pk[k]);
	tb_bytes(&pk[k++], middle, sizeof(middle));
	tb_init(&pk[k]);
	tb_bytes(&pk[k++], "\xe1\x00\x04", 3);
	ppp(&pk[k++], 0x0023, q933, sizeof(q933));
	return k;
}

static void test_mfr(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts ev = { .nflag = 1, .tflag = 1, .eflag = 1,
				    .vflag = 2 };
	struct tp p;
	size_t k = build_mfr();

	tp_init(&p, "mfr", DLT_MFR, &n);
	TP_CHECK(&p, pk, k - 1, want_mfr);
	tp_release(&p);
	tp_init(&p, "mfr-v", DLT_MFR, &v);
	TP_CHECK(&p, pk, k - 1, want_mfr_v);
	tp_release(&p);
	tp_init(&p, "mfr-evv", DLT_MFR, &ev);
	TP_CHECK(&p, pk, k - 1, want_mfr_evv);
	tp_release(&p);
	tp_init(&p, "q933-ppp", DLT_PPP, &n);
	TP_CHECK(&p, pk + k - 1, 1, want_q933_ppp);
	tp_release(&p);
	tp_init(&p, "q933-ppp-ev", DLT_PPP, &ev);
	TP_CHECK(&p, pk + k - 1, 1, want_q933_ppp_ev);
	tp_release(&p);
}

/*
 * (Named fallback-*: tests/diff leaves those captures out.)
 * A link type tcpdump decodes and dumplab does not (the Symantec
 * firewall's) is counted by name; one tcpdump has no printer for either (USER0) is not, as its
 * UNSUPPORTED text is tcpdump's own; a decoded one (PPP) is not.
 */
static void test_generic_note(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	struct tp p;
	char buf[256];

	tb_init(&pk[0]);
	tb_bytes(&pk[0], "\x08\x00\x00\x00\x01\x02\x03\x04", 8);
	tp_init(&p, "fallback-symantec", DLT_SYMANTEC_FIREWALL, &n);
	tp_tb(&p, &pk[0]);
	tp_tb(&p, &pk[0]);
	CU_ASSERT_EQUAL(pr_generic_summary(p.c, buf, sizeof(buf)), 2);
	CU_ASSERT_STRING_EQUAL(buf, "2 packets printed generically where "
				    "tcpdump decodes them: Symantec firewall (2)");
	tp_release(&p);
	tp_init(&p, "fallback-user0", DLT_USER0, &n);
	tp_tb(&p, &pk[0]);
	CU_ASSERT_EQUAL(pr_generic_summary(p.c, buf, sizeof(buf)), 0);
	tp_release(&p);
	ppp(&pk[1], 0x0021, "", 0);
	udp4(&pk[1]);
	tp_init(&p, "fallback-ppp", DLT_PPP, &n);
	tp_tb(&p, &pk[1]);
	CU_ASSERT_EQUAL(pr_generic_summary(p.c, buf, sizeof(buf)), 0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "PPP, PPP_SERIAL: LCP, IPCP, IP6CP, CCP, PAP, CHAP, -v -vv -e",
	  test_ppp },
	{ "every cut of an LCP packet", test_ppp_cuts },
	{ "PPPoE discovery and session", test_pppoe },
	{ "Cisco HDLC and SLARP", test_chdlc },
	{ "Frame Relay", test_fr },
	{ "FRF.16 control and fragments, Q.933 LMI", test_mfr },
	{ "undecoded link types are noted by name", test_generic_note },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-ppp", NULL, NULL, tests);
