/* test-print-sl.c: the SLIP link type and its compressed-header notation against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-sl.want"

static struct tb pk[16];

/*
 * A SLIP record: direction, then the wire header's first 15 octets
 * (chdr, padded with zeros), then an IPv4 TCP segment of datalen octets
 * on connection conn.
 */
static void slip(struct tb *t, unsigned dir, const void *chdr, size_t chlen,
		 size_t datalen)
{
	uint8_t hdr[15] = { 0 };
	size_t ip, l4;

	tb_init(t);
	tb_u8(t, dir);
	memcpy(hdr, chdr, chlen < 15 ? chlen : 15);
	tb_bytes(t, hdr, 15);
	ip = tb_ip4(t, 6, "10.0.0.1", "10.0.0.2");
	l4 = tb_tcp(t, 1023, 513, 1000, 2000, 0x18, 4096, NULL, 0);
	while (datalen--)
		tb_u8(t, 'x');
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 6);
}

static size_t build(void)
{
	size_t k = 0;

	/* an uncompressed TCP packet syncs connection 3 */
	slip(&pk[k++], 0, "\x70\x00\x00\x00\x00\x00\x00\x00\x00\x03", 10, 5);
	/* C with the connection, A, S and I deltas */
	slip(&pk[k++], 0, "\xed\x03\x12\x34\x01\x05\x01", 7, 1);
	/* "*S+n" and "*SA+n": the special cases repeat the last length */
	slip(&pk[k++], 0, "\x8f\x12\x34", 3, 1);
	slip(&pk[k++], 0, "\x8b\x12\x34", 3, 3);
	/*
	 * U, a negative window, 3-octet deltas (tcpdump reads one-octet
	 * deltas without moving past them: the next change reads it again)
	 */
	slip(&pk[k++], 1, "\x87\x12\x34\x05\x00\xff\xf0\x00\x01\x00", 10, 0);
	slip(&pk[k++], 1, "\x88\x12\x34\x00\x01\x2c", 6, 10);
	slip(&pk[k++], 1, "\x82\x12\x34\x00\xff\xf0", 6, 0);
	/* a plain IP packet, an unknown type, a bad direction */
	slip(&pk[k++], 1, "\x45", 1, 2);
	slip(&pk[k++], 1, "\x20", 1, 2);
	slip(&pk[k++], 7, "\x8f\x12\x34", 3, 2);
	slip(&pk[k++], 7, "\x70\x00\x00\x00\x00\x00\x00\x00\x00\x09", 10, 2);
	return k;
}

static void test_slip(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	const struct pr_opts ex = { .nflag = 1, .tflag = 1, .eflag = 1,
				    .xflag = 1 };
	struct tp p;
	size_t k = build();

	tp_init(&p, "slip", DLT_SLIP, &n);
	TP_CHECK(&p, pk, k, want_slip);
	tp_release(&p);
	tp_init(&p, "slip-e", DLT_SLIP, &e);
	TP_CHECK(&p, pk, k, want_slip_e);
	tp_release(&p);
	tp_init(&p, "slip-ex", DLT_SLIP, &ex);
	TP_CHECK(&p, pk, 3, want_slip_ex);
	tp_release(&p);
}

/* A compressed packet cut at every length, with -e. */
static void test_slip_cuts(void)
{
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	struct tp p;

	slip(&pk[0], 0, "\xed\x03\x12\x34\x00\x01\x00\x05\x01", 9, 1);
	tp_init(&p, "slip-cut", DLT_SLIP, &e);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_slip_cut, TP_N(want_slip_cut)),
			0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "SLIP, -e: compressed-header changes", test_slip },
	{ "every cut of a compressed SLIP packet", test_slip_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-sl", NULL, NULL, tests);
