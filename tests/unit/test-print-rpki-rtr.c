/* test-print-rpki-rtr.c: RPKI-RTR PDUs, lengths, cuts vs tcpdump 4.99.3. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-rpki-rtr.want"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

#define RTR_PORT 323

static struct tb pk[64];
static size_t ip_at, l4_at;
/* The cache's and the router's next sequence numbers; the sender's. */
static uint32_t seq_c, seq_r;
static uint32_t *seq;
static int over6; /* the segment being built is over IPv6 */

/* A segment from the cache (10.0.0.2:323) to the router, or back. */
static void seg(struct tb *t, int to_cache)
{
	tb_init(t);
	over6 = 0;
	tb_eth(t, to_cache ? MAC_B : MAC_A, to_cache ? MAC_A : MAC_B, 0x0800);
	ip_at = tb_ip4(t, 6, to_cache ? "10.0.0.1" : "10.0.0.2",
		       to_cache ? "10.0.0.2" : "10.0.0.1");
	seq = to_cache ? &seq_r : &seq_c;
	l4_at = tb_tcp(t, to_cache ? 40000 : RTR_PORT,
		       to_cache ? RTR_PORT : 40000, *seq,
		       to_cache ? seq_c : seq_r, 0x18, 502, NULL, 0);
}

/* The same over IPv6. */
static void seg6(struct tb *t)
{
	tb_init(t);
	over6 = 1;
	tb_eth(t, MAC_B, MAC_A, 0x86dd);
	ip_at = tb_ip6(t, 6, "2001:db8::2", "2001:db8::1");
	seq = &seq_c;
	l4_at = tb_tcp(t, RTR_PORT, 40000, seq_c, seq_r, 0x18, 502, NULL, 0);
}

static void done(struct tb *t)
{
	*seq += (uint32_t)(t->n - l4_at - 20);
	if (over6)
		tb_ip6_done(t, ip_at);
	else
		tb_ip4_done(t, ip_at);
	tb_l4_done(t, ip_at, l4_at, 6);
}

static void hdr(struct tb *t, unsigned ver, unsigned type, unsigned sid,
		uint32_t len)
{
	tb_u8(t, ver);
	tb_u8(t, type);
	tb_be16(t, sid);
	tb_be32(t, len);
}

/* Serial Notify, Serial Query, End of Data. */
static void serial(struct tb *t, unsigned type, unsigned sid, uint32_t sn)
{
	hdr(t, 0, type, sid, 12);
	tb_be32(t, sn);
}

static void prefix(struct tb *t, int v6, unsigned flags, unsigned plen,
		   unsigned mlen, const void *addr, uint32_t as)
{
	hdr(t, 0, v6 ? 6 : 4, 0, v6 ? 32 : 20);
	tb_u8(t, flags);
	tb_u8(t, plen);
	tb_u8(t, mlen);
	tb_u8(t, 0);
	tb_bytes(t, addr, v6 ? 16 : 4);
	tb_be32(t, as);
}

/* An Error Report with the given encapsulated PDU and text. */
static void error(struct tb *t, unsigned code, const struct tb *enc,
		  const char *text, size_t tlen)
{
	size_t elen = enc ? enc->n : 0;

	hdr(t, 0, 10, code, (uint32_t)(16 + elen + tlen));
	tb_be32(t, (uint32_t)elen);
	if (elen)
		tb_bytes(t, enc->b, elen);
	tb_be32(t, (uint32_t)tlen);
	tb_bytes(t, text, tlen);
}

static const uint8_t v4a[4] = { 192, 0, 2, 0 };
static const uint8_t v4b[4] = { 198, 51, 100, 128 };
static const uint8_t v6a[16] = { 0x20, 0x01, 0x0d, 0xb8 };
static const uint8_t v6b[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0,
				 0, 0, 0, 0, 0, 0, 0, 0x01 };

/* Indexes of the packets the cut tests use. */
static size_t at_prefix4, at_prefix6, at_error, at_multi;

static size_t build(void)
{
	struct tb e, e2;
	size_t k = 0;

	seq_c = 1000;
	seq_r = 7000;
	/* every type, one a segment */
	seg(&pk[k], 0);
	serial(&pk[k], 0, 0x1234, 42);
	done(&pk[k++]);
	seg(&pk[k], 1);
	serial(&pk[k], 1, 0x1234, 41);
	done(&pk[k++]);
	seg(&pk[k], 1);
	hdr(&pk[k], 0, 2, 0, 8);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 3, 0xbeef, 8);
	done(&pk[k++]);
	at_prefix4 = k;
	seg(&pk[k], 0);
	prefix(&pk[k], 0, 1, 24, 24, v4a, 64496);
	done(&pk[k++]);
	at_prefix6 = k;
	seg(&pk[k], 0);
	prefix(&pk[k], 1, 0, 32, 48, v6a, 4200000000u);
	done(&pk[k++]);
	seg(&pk[k], 0);
	serial(&pk[k], 7, 0xbeef, 4294967295u);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 8, 0, 8);
	done(&pk[k++]);
	/* an Error Report of a Serial Query, with its text */
	at_error = k;
	tb_init(&e);
	serial(&e, 1, 0x1234, 99);
	seg(&pk[k], 0);
	error(&pk[k], 2, &e, "no data for serial 99", 21);
	done(&pk[k++]);
	/* every error code, 0-7 named, 8 (RFC 8210's) and 300 not */
	seg(&pk[k], 1);
	error(&pk[k], 0, NULL, "", 0);
	error(&pk[k], 1, NULL, "", 0);
	error(&pk[k], 3, NULL, "", 0);
	error(&pk[k], 4, NULL, "", 0);
	done(&pk[k++]);
	seg(&pk[k], 1);
	error(&pk[k], 5, NULL, "", 0);
	error(&pk[k], 6, NULL, "", 0);
	error(&pk[k], 7, NULL, "", 0);
	error(&pk[k], 8, NULL, "x", 1);
	error(&pk[k], 300, NULL, "", 0);
	done(&pk[k++]);
	/* text with control and 8-bit characters */
	seg(&pk[k], 0);
	error(&pk[k], 0, NULL, "bad\x01\tpdu \xe9\x7f!", 12);
	done(&pk[k++]);
	/* an Error Report inside one (decoded one level only), and an
	 * unknown version and an IPv6 Prefix inside one */
	tb_init(&e2);
	hdr(&e2, 0, 3, 7, 8);
	tb_init(&e);
	error(&e, 1, &e2, "inner", 5);
	seg(&pk[k], 0);
	error(&pk[k], 3, &e, "outer", 5);
	done(&pk[k++]);
	tb_init(&e);
	hdr(&e, 1, 9, 0, 8);
	seg(&pk[k], 0);
	error(&pk[k], 4, &e, "", 0);
	done(&pk[k++]);
	tb_init(&e);
	prefix(&e, 1, 1, 64, 128, v6b, 65551);
	seg(&pk[k], 1);
	error(&pk[k], 6, &e, "gone", 4);
	done(&pk[k++]);
	/* an encapsulated PDU of a bad length, one of an unknown type */
	tb_init(&e);
	hdr(&e, 0, 1, 5, 8);
	seg(&pk[k], 1);
	error(&pk[k], 0, &e, "", 0);
	done(&pk[k++]);
	tb_init(&e);
	hdr(&e, 0, 5, 5, 10);
	tb_be16(&e, 0xabcd);
	seg(&pk[k], 1);
	error(&pk[k], 5, &e, "what?", 5);
	done(&pk[k++]);
	/* RFC 8210 (version 1): Serial Notify, Router Key; then more */
	seg(&pk[k], 0);
	serial(&pk[k], 0, 0x0001, 1);
	pk[k].b[pk[k].n - 12] = 1;
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 1, 9, 0x0100, 36);
	tb_bytes(&pk[k], "01234567890123456789", 20); /* SKI */
	tb_be32(&pk[k], 64496);
	tb_be32(&pk[k], 0x30123456); /* the start of an SPKI */
	hdr(&pk[k], 0, 8, 0, 8);
	done(&pk[k++]);
	/* version 0 PDUs of unknown types: 5, 9 (Router Key), 11, 255 */
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 5, 0xaaaa, 8);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 9, 0x0100, 36);
	tb_bytes(&pk[k], "01234567890123456789", 20); /* SKI */
	tb_be32(&pk[k], 64496);
	tb_be32(&pk[k], 0x30123456); /* the start of an SPKI */
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 11, 0, 12);
	tb_be32(&pk[k], 0xdeadbeef);
	hdr(&pk[k], 0, 255, 0, 9);
	tb_u8(&pk[k], 0x55);
	done(&pk[k++]);
	/* several PDUs: a whole answer to a reset query */
	at_multi = k;
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 3, 0x4242, 8);
	prefix(&pk[k], 0, 1, 24, 24, v4a, 64496);
	prefix(&pk[k], 0, 0, 25, 32, v4b, 64511);
	prefix(&pk[k], 1, 1, 32, 48, v6a, 65536);
	serial(&pk[k], 7, 0x4242, 17);
	done(&pk[k++]);
	/* an unknown version after good PDUs ends the segment */
	seg(&pk[k], 0);
	serial(&pk[k], 0, 0x4242, 18);
	hdr(&pk[k], 2, 0, 0x4242, 12);
	tb_be32(&pk[k], 19);
	serial(&pk[k], 0, 0x4242, 20);
	done(&pk[k++]);
	/* lengths that do not fit: too few octets for a header, after a
	 * good PDU too, a length under 8, over the segment, wrong for
	 * the type */
	seg(&pk[k], 1);
	tb_bytes(&pk[k], "\x00\x02\x00\x00\x00", 5);
	done(&pk[k++]);
	seg(&pk[k], 1);
	hdr(&pk[k], 0, 2, 0, 8);
	tb_bytes(&pk[k], "\x00\x02\x00\x00", 4);
	done(&pk[k++]);
	seg(&pk[k], 1);
	hdr(&pk[k], 0, 2, 0, 4);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 0, 1, 100);
	tb_be32(&pk[k], 1);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 0, 1, 16);
	tb_be32(&pk[k], 1);
	tb_be32(&pk[k], 2);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 3, 1, 12);
	tb_be32(&pk[k], 1);
	hdr(&pk[k], 0, 8, 1, 12);
	tb_be32(&pk[k], 1);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 4, 0, 32);
	tb_zero(&pk[k], 24);
	hdr(&pk[k], 0, 6, 0, 20);
	tb_zero(&pk[k], 12);
	done(&pk[k++]);
	/* Error Reports too short for their lengths: no encapsulated
	 * length, no text length, an encapsulated PDU or a text past
	 * the end */
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 10, 1, 8);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 10, 1, 12);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 10, 1, 24);
	tb_be32(&pk[k], 13);
	hdr(&pk[k], 0, 2, 0, 8);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 10, 1, 20);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 5);
	tb_str(&pk[k], "abcd");
	done(&pk[k++]);
	/* lengths that wrap around 32 bits as tcpdump's do: an
	 * encapsulated length of 2^32 - 8, a text of 2^32 - 16 */
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 10, 1, 24);
	tb_be32(&pk[k], 0xfffffff8u);
	hdr(&pk[k], 0, 2, 0, 8);
	tb_be32(&pk[k], 0);
	done(&pk[k++]);
	seg(&pk[k], 0);
	hdr(&pk[k], 0, 10, 1, 24);
	tb_be32(&pk[k], 0);
	tb_be32(&pk[k], 0xfffffff0u);
	tb_str(&pk[k], "wrapped!");
	done(&pk[k++]);
	/* IPv6 transport; the router's end on port 323 */
	seg6(&pk[k]);
	serial(&pk[k], 0, 0x0606, 6);
	done(&pk[k++]);
	seg(&pk[k], 1);
	pk[k].n = l4_at;
	l4_at = tb_tcp(&pk[k], RTR_PORT, RTR_PORT, 1, 1, 0x18, 502, NULL, 0);
	hdr(&pk[k], 0, 2, 0, 8);
	done(&pk[k++]);
	return k;
}

static void test_pdus(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	struct tp p;
	size_t k = build();

	tp_init(&p, "rpki-rtr", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_rpki_rtr);
	tp_release(&p);
	tp_init(&p, "rpki-rtr-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_rpki_rtr_v);
	tp_release(&p);
	tp_init(&p, "rpki-rtr-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_rpki_rtr_vv);
	tp_release(&p);
}

/*
 * Every cut of an IPv4 and an IPv6 Prefix PDU (-v), of an Error Report
 * with its encapsulated PDU and text (-vv) and of a segment of five
 * PDUs (-v): the marker where tcpdump's reads stop.
 */
static void test_cuts(void)
{
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	struct tp p;

	build();
	tp_init(&p, "rpki-rtr-prefix4-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[at_prefix4], want_rpki_rtr_prefix4_cut,
				TP_N(want_rpki_rtr_prefix4_cut)), 0);
	tp_release(&p);
	tp_init(&p, "rpki-rtr-prefix6-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[at_prefix6], want_rpki_rtr_prefix6_cut,
				TP_N(want_rpki_rtr_prefix6_cut)), 0);
	tp_release(&p);
	tp_init(&p, "rpki-rtr-error-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[at_error], want_rpki_rtr_error_cut,
				TP_N(want_rpki_rtr_error_cut)), 0);
	tp_release(&p);
	tp_init(&p, "rpki-rtr-multi-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[at_multi], want_rpki_rtr_multi_cut,
				TP_N(want_rpki_rtr_multi_cut)), 0);
	tp_release(&p);
}

/*
 * Which printer a segment between port 323 and another printer's port
 * gets: BGP's, DNS's and SSH's first, RPKI-RTR's before LDP's and NFS's,
 * as tcpdump tests them.
 */
static void test_ports(void)
{
	static const unsigned pairs[][2] = {
		{ 179, RTR_PORT }, { RTR_PORT, 179 }, { RTR_PORT, 53 },
		{ 22, RTR_PORT },  { RTR_PORT, 646 }, { RTR_PORT, 2049 },
		{ 179, 6379 },	   { 22, 179 },
	};
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tb t[TP_N(pairs)];
	struct tp p;
	size_t i;

	for (i = 0; i < TP_N(pairs); i++) {
		seg(&t[i], 0);
		t[i].n = l4_at;
		l4_at = tb_tcp(&t[i], pairs[i][0], pairs[i][1], 1, 1, 0x18,
			       502, NULL, 0);
		if (pairs[i][0] == 179 || pairs[i][1] == 179) {
			tb_bytes(&t[i], "\xff\xff\xff\xff\xff\xff\xff\xff"
				 "\xff\xff\xff\xff\xff\xff\xff\xff", 16);
			tb_be16(&t[i], 19); /* a BGP KEEPALIVE */
			tb_u8(&t[i], 4);
		} else {
			hdr(&t[i], 0, 2, 0, 8);
		}
		done(&t[i]);
	}
	tp_init(&p, "rpki-rtr-ports", DLT_EN10MB, &v);
	TP_CHECK(&p, t, TP_N(pairs), want_rpki_rtr_ports);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "every PDU type, versions, bad lengths; default, -v, -vv", test_pdus },
	{ "every cut of prefixes, an error report and a five-PDU segment", test_cuts },
	{ "port 323 beside BGP, DNS, SSH, LDP and NFS ports", test_ports },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-rpki-rtr", NULL, NULL, tests);
