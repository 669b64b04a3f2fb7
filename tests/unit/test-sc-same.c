/* test-sc-same.c: same-as: timestamps cut from tcpdump's lines, packets and lines compared. */
#include <string.h>

#include "harness/sc-expect.h"
#include "harness/sc-same.h"
#include "unit/tu.h"

static void test_stamps(void)
{
	CU_ASSERT_EQUAL(sc_stamp_len("12:34:56.123456 IP a > b"), 16);
	CU_ASSERT_EQUAL(sc_stamp_len("1486860301.123456 IP a > b"), 18);
	CU_ASSERT_EQUAL(sc_stamp_len("2017-02-11 22:45:01.123456 IP a"), 27);
	CU_ASSERT_EQUAL(sc_stamp_len(" 00:00:00.000026 IP a"), 0);
	CU_ASSERT_EQUAL(sc_stamp_len("00:00:00.000026 IP a"), 16);
	CU_ASSERT_EQUAL(sc_stamp_len("12:34:56.123456789 IP a"), 19);
	CU_ASSERT_EQUAL(sc_stamp_len("IP 10.0.0.1 > 10.0.0.2"), 0);
	CU_ASSERT_EQUAL(sc_stamp_len("\t0x0000:  4500 0034"), 0);
	CU_ASSERT_EQUAL(sc_stamp_len("1 packet captured"), 0);
	CU_ASSERT_EQUAL(sc_stamp_len(""), 0);
	CU_ASSERT_EQUAL(sc_stamp_len("12:34"), 0);
}

static void test_same(void)
{
	static const uint8_t b1[] = { 1, 2, 3, 4 }, b2[] = { 1, 2, 9, 4 };
	struct cap_pkt p[2], q[2];
	struct sc_lines la, lb;
	struct sc_same_side a = { "emb", p, 2, &la }, b = { "real", q, 2, &lb };
	struct hx_buf why = HX_BUF_INIT, det = HX_BUF_INIT;

	memset(p, 0, sizeof(p));
	p[0].h.caplen = p[0].h.len = 4;
	p[0].data = b1;
	p[1] = p[0];
	memcpy(q, p, sizeof(p));
	sc_lines_init(&la);
	sc_lines_init(&lb);
	sc_lines_add(&la, "10:00:00.000001 IP x\n10:00:00.000002 IP y\n", 42, 0);
	sc_lines_add(&lb, "11:11:11.999999 IP x\n11:11:11.999999 IP y\n", 42, 0);
	CU_ASSERT_EQUAL(sc_same_as(&a, &b, &why, &det), 1);
	CU_ASSERT_EQUAL(why.len, 0);

	q[1].data = b2;
	CU_ASSERT_EQUAL(sc_same_as(&a, &b, &why, &det), 0);
	CU_ASSERT_STRING_EQUAL(why.p, "packet 2 differs at byte 2: 0x03 in 'emb', 0x09 in 'real'");
	hx_buf_reset(&why);
	q[1].data = b1;
	q[1].h.len = 60;
	CU_ASSERT_EQUAL(sc_same_as(&a, &b, &why, &det), 0);
	CU_ASSERT_STRING_EQUAL(why.p, "packet 2: 4 of 4 bytes in 'emb', 4 of 60 in 'real'");
	hx_buf_reset(&why);
	q[1].h.len = 4;
	b.npkts = 1;
	CU_ASSERT_EQUAL(sc_same_as(&a, &b, &why, &det), 0);
	CU_ASSERT_STRING_EQUAL(why.p, "'emb' holds 2 packets, 'real' 1");
	hx_buf_reset(&why);
	b.npkts = 2;
	sc_lines_add(&lb, "11:11:11.999999 IP z\n", 21, 1);
	CU_ASSERT_EQUAL(sc_same_as(&a, &b, &why, &det), 0);
	CU_ASSERT_STRING_EQUAL(why.p, "'emb' prints 2 lines, 'real' 3");
	hx_buf_reset(&why);
	hx_buf_reset(&det);
	sc_lines_release(&lb);
	sc_lines_init(&lb);
	sc_lines_add(&lb, "11:11:11.999999 IP x\n11:11:11.999999 IP w\n", 42, 0);
	CU_ASSERT_EQUAL(sc_same_as(&a, &b, &why, &det), 0);
	CU_ASSERT_STRING_EQUAL(why.p, "line 2 differs");
	CU_ASSERT(strstr(det.p, "emb    10:00:00.000002 IP y") &&
		  strstr(det.p, "real   11:11:11.999999 IP w"));
	sc_lines_release(&la);
	sc_lines_release(&lb);
	hx_buf_release(&why);
	hx_buf_release(&det);
}

static CU_TestInfo tests[] = {
	{ "timestamps tcpdump prints, cut", test_stamps },
	{ "packets and lines compared", test_same },
	CU_TEST_INFO_NULL,
};

TU_SUITE("sc-same", NULL, NULL, tests);
