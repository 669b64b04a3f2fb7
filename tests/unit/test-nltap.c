/* test-nltap.c: the DLT_NETLINK record builder: the cooked header's bytes and truncation. */
#include <stdint.h>
#include <string.h>

#include "capture/nltap.h"
#include "unit/tu.h"

/* A 20-byte NLMSG_DONE as the kernel writes it (host order). */
static void done_msg(uint8_t m[20])
{
	uint32_t len = 20, seq = 7, pid = 4242, zero = 0;
	uint16_t type = 3, flags = 2;

	memcpy(m, &len, 4);
	memcpy(m + 4, &type, 2);
	memcpy(m + 6, &flags, 2);
	memcpy(m + 8, &seq, 4);
	memcpy(m + 12, &pid, 4);
	memcpy(m + 16, &zero, 4);
}

static void test_header_bytes(void)
{
	static const uint8_t want_in[16] = {
		0x00, 0x00, 0x03, 0x38, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00,
	};
	uint8_t m[20], rec[64];
	struct pcap_pkthdr h = { .ts = { 5, 6 } };

	done_msg(m);
	memset(rec, 0xaa, sizeof(rec));
	CU_ASSERT_EQUAL(cap_nl_record(rec, 0, CAP_NL_HOST, 0, m, sizeof(m),
				      &h), 36);
	CU_ASSERT_EQUAL(h.caplen, 36);
	CU_ASSERT_EQUAL(h.len, 36);
	CU_ASSERT(h.ts.tv_sec == 5 && h.ts.tv_usec == 6);
	CU_ASSERT(!memcmp(rec, want_in, 16));
	CU_ASSERT(!memcmp(rec + 16, m, 20));
	CU_ASSERT_EQUAL(rec[36], 0xaa); /* nothing written past caplen */

	/* Outgoing, NETLINK_GENERIC (16): both big-endian. */
	cap_nl_record(rec, 0, CAP_NL_OUTGOING, 16, m, sizeof(m), &h);
	CU_ASSERT(rec[0] == 0x00 && rec[1] == 0x04);
	CU_ASSERT(rec[2] == 0x03 && rec[3] == 0x38);
	CU_ASSERT(rec[14] == 0x00 && rec[15] == 0x10);
}

static void test_truncation(void)
{
	uint8_t m[20], rec[64];
	struct pcap_pkthdr h;

	done_msg(m);
	/* Cut inside the message. */
	memset(rec, 0xaa, sizeof(rec));
	CU_ASSERT_EQUAL(cap_nl_record(rec, 24, CAP_NL_HOST, 0, m, sizeof(m),
				      &h), 24);
	CU_ASSERT(h.caplen == 24 && h.len == 36);
	CU_ASSERT(!memcmp(rec + 16, m, 8));
	CU_ASSERT_EQUAL(rec[24], 0xaa);
	/* Cut inside the cooked header. */
	memset(rec, 0xaa, sizeof(rec));
	CU_ASSERT_EQUAL(cap_nl_record(rec, 3, CAP_NL_OUTGOING, 0, m,
				      sizeof(m), &h), 3);
	CU_ASSERT(h.caplen == 3 && h.len == 36);
	CU_ASSERT(rec[0] == 0 && rec[1] == 4 && rec[2] == 3 && rec[3] == 0xaa);
	/* Exactly the record; and larger than it. */
	CU_ASSERT_EQUAL(cap_nl_record(rec, 36, CAP_NL_HOST, 0, m, sizeof(m),
				      &h), 36);
	CU_ASSERT_EQUAL(cap_nl_record(rec, 37, CAP_NL_HOST, 0, m, sizeof(m),
				      &h), 36);
	/* An empty message: the header alone. */
	CU_ASSERT_EQUAL(cap_nl_record(rec, 0, CAP_NL_HOST, 0, m, 0, &h), 16);
	CU_ASSERT(h.caplen == 16 && h.len == 16);
}

static CU_TestInfo tests[] = {
	{ "cooked header bytes", test_header_bytes },
	{ "truncation to the snapshot length", test_truncation },
	CU_TEST_INFO_NULL,
};

TU_SUITE("nltap-record", NULL, NULL, tests);
