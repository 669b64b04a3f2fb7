/* test-print-lspping.c: MPLS LSP ping (RFC 8029) on UDP 3503 against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-lspping.want"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

static struct tb pk[96];
static size_t l4_at, ip_at;

/* Ethernet, IPv4 (or IPv6) and UDP 3503 -> 3503; finish with done(). */
static void start(struct tb *t, int v6)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, v6 ? 0x86dd : 0x0800);
	ip_at = 14;
	if (v6)
		tb_ip6(t, 17, "2001:db8::1", "2001:db8::2");
	else
		tb_ip4(t, 17, "10.0.0.1", "127.0.0.1");
	l4_at = tb_udp(t, 3503, 3503);
}

static void done(struct tb *t, int v6)
{
	if (v6)
		tb_ip6_done(t, ip_at);
	else
		tb_ip4_done(t, ip_at);
	tb_l4_done(t, ip_at, l4_at, 17);
}

/* The echo header: version, flags, type, mode, code, subcode, handle,
 * sequence, then the sent and received NTP timestamps. */
static void hdr(struct tb *t, unsigned ver, unsigned msg, unsigned mode,
		unsigned code, unsigned sub, uint32_t seq, uint32_t rsecs,
		uint32_t rfrac)
{
	tb_be16(t, ver);
	tb_be16(t, 0);
	tb_u8(t, msg);
	tb_u8(t, mode);
	tb_u8(t, code);
	tb_u8(t, sub);
	tb_be32(t, 0x23);
	tb_be32(t, seq);
	tb_be32(t, 3809381051u);
	tb_be32(t, 0x5389a000);
	tb_be32(t, rsecs);
	tb_be32(t, rfrac);
}

static void req(struct tb *t)
{
	hdr(t, 1, 1, 2, 0, 0, 1, 0, 0);
}

/* A TLV or sub-TLV header and value, padded to 4 octets. */
static void tlv(struct tb *t, unsigned type, const void *v, size_t n)
{
	tb_be16(t, type);
	tb_be16(t, (unsigned)n);
	tb_bytes(t, v, n);
	while (n++ % 4)
		tb_u8(t, 0);
}

/* A Target FEC Stack with one sub-TLV. */
static void fec1(struct tb *t, unsigned type, const void *v, size_t n)
{
	struct tb s;

	tb_init(&s);
	tlv(&s, type, v, n);
	tlv(t, 1, s.b, s.n);
}

#define V4A "\x0a\x00\x00\x09"
#define V4B "\x0a\x00\x00\x05"
#define V6A "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x09"
#define V6B "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x05"
#define RD0 "\0\0\xfd\xe8\0\0\0\x64"     /* 65000:100 */
#define RD1 "\0\x01\x0a\x01\x02\x03\0\x07" /* 10.1.2.3:7 */
#define RD2 "\0\x02\xfa\x56\xea\0\0\x09"   /* 4200000000:9 */
#define RD3 "\0\x03\0\x01\0\0\0\x01"       /* unknown */

static const struct {
	unsigned type;
	const char *v;
	size_t n;
} fecs[] = {
	{ 1, V4A "\x20", 5 },
	{ 2, V6A "\x80", 17 },
	{ 3, V4A "\0\0\x12\x34" V4B "\x0a\0\0\x06\0\0\x56\x78", 20 },
	{ 4, V6A "\0\0\x12\x34" V6B V6A "\0\0\x56\x78", 56 },
	{ 6, RD0 "\xc0\xa8\x01\0\x18", 13 },
	{ 6, RD1 "\xc0\xa8\x01\0\x18", 13 },
	{ 7, RD2 V6A "\x30", 25 },
	{ 7, RD3 V6B "\x30", 25 },
	{ 8, RD0 "\0\x01\0\x02\0\x05", 14 },
	{ 8, RD1 "\0\x01\0\x02\0\x99", 14 },
	{ 9, V4A "\0\0\x01\0\0\x04", 10 },
	{ 10, V4A V4B "\0\0\x02\0\0\x19", 14 },
	{ 10, V4A V4B "\0\0\x02\0\0\x40", 14 },
	{ 12, "\xac\x10\0\0\x10", 5 },
	{ 13, V6B "\x40", 17 },
	{ 5, "\x01\x02\x03", 3 },
	{ 11, "\x01\x02\x03\x04\x05", 5 },
	{ 16, "", 0 },
	{ 1, "\x01\x02\x03\x04", 4 },    /* wrong lengths */
	{ 2, "\x01\x02\x03\x04", 4 },
	{ 3, "\x01\x02\x03\x04", 4 },
	{ 4, "\x01\x02\x03\x04", 4 },
	{ 6, "\x01\x02\x03\x04", 4 },
	{ 7, "\x01\x02\x03\x04", 4 },
	{ 8, "\x01\x02\x03\x04", 4 },
	{ 9, "\x01\x02\x03\x04", 4 },
	{ 10, "\x01\x02\x03\x04", 4 },
	{ 12, "\x01\x02\x03\x04", 4 },
	{ 13, "\x01\x02\x03\x04", 4 },
};

/* Downstream maps of each address type: whole, without the multipath
 * fields, cut in the addresses. */
static void ds_maps(size_t *k)
{
	static const struct {
		unsigned type;
		const char *a;
		size_t n;
	} ds[] = {
		{ 1, V4A V4B, 8 },
		{ 2, V4A "\0\0\0\x07", 8 },
		{ 3, V6A V6B, 32 },
		{ 4, V6A "\0\0\0\x08", 20 },
		{ 0, "", 0 },
		{ 5, "\0\0\0\0\0\0\0\0", 8 },
	};
	uint8_t v[64];
	size_t i, n;

	for (i = 0; i < TP_N(ds); i++) {
		v[0] = 0x05;
		v[1] = 0xdc;
		v[2] = (uint8_t)ds[i].type;
		v[3] = 0;
		memcpy(v + 4, ds[i].a, ds[i].n);
		n = 4 + ds[i].n;
		memcpy(v + n, "\0\x01\0\x04\0\x01\x00\x03", 8);
		start(&pk[*k], 0);
		req(&pk[*k]);
		tlv(&pk[*k], 2, v, n + 8);
		done(&pk[*k], 0);
		(*k)++;
		if (!ds[i].n)
			continue;
		start(&pk[*k], 0);
		req(&pk[*k]);
		tlv(&pk[*k], 2, v, n);
		done(&pk[*k], 0);
		(*k)++;
		start(&pk[*k], 0);
		req(&pk[*k]);
		tlv(&pk[*k], 2, v, 9);
		done(&pk[*k], 0);
		(*k)++;
	}
	start(&pk[*k], 0);
	req(&pk[*k]);
	tlv(&pk[*k], 2, "\x05\xdc\x01", 3);
	done(&pk[*k], 0);
	(*k)++;
}

static size_t build(void)
{
	struct tb s;
	size_t k = 0, i;

	/* the header's names: types, modes, return codes and timestamps */
	start(&pk[k], 0);
	hdr(&pk[k], 1, 2, 2, 3, 0, 1, 3809381051u, 0x53d2a000);
	done(&pk[k++], 0);
	for (i = 0; i < 4; i++) {
		start(&pk[k], 0);
		hdr(&pk[k], 1, (unsigned)i, (unsigned)i + 2, 0, 0, 7, 0, 3);
		done(&pk[k++], 0);
	}
	for (i = 0; i < 15; i++) {
		start(&pk[k], 0);
		hdr(&pk[k], 1, 2, 1, (unsigned)i, 4, 2, 0, 0);
		done(&pk[k++], 0);
	}
	/* every FEC sub-TLV, one a stack; then an IPv6 one */
	for (i = 0; i < TP_N(fecs); i++) {
		start(&pk[k], 0);
		req(&pk[k]);
		fec1(&pk[k], fecs[i].type, fecs[i].v, fecs[i].n);
		done(&pk[k++], 0);
	}
	start(&pk[k], 1);
	req(&pk[k]);
	fec1(&pk[k], 2, fecs[1].v, fecs[1].n);
	done(&pk[k++], 1);
	/* two sub-TLVs: tcpdump reads the second 4 octets early */
	tb_init(&s);
	tlv(&s, 1, fecs[0].v, fecs[0].n);
	tlv(&s, 12, fecs[13].v, fecs[13].n);
	start(&pk[k], 0);
	req(&pk[k]);
	tlv(&pk[k], 1, s.b, s.n);
	done(&pk[k++], 0);
	tb_init(&s);
	tlv(&s, 3, fecs[2].v, fecs[2].n);
	tlv(&s, 1, fecs[0].v, fecs[0].n);
	start(&pk[k], 0);
	req(&pk[k]);
	tlv(&pk[k], 1, s.b, s.n);
	done(&pk[k++], 0);
	/* sub-TLVs longer than their stack, its padding past it */
	start(&pk[k], 0);
	req(&pk[k]);
	tlv(&pk[k], 1, "\0\x01\0\x09\x01\x02\x03\x04", 8);
	done(&pk[k++], 0);
	start(&pk[k], 0);
	req(&pk[k]);
	tlv(&pk[k], 1, "\0\x01\0\x05\x0a\0\0\x01\x20", 9);
	done(&pk[k++], 0);
	start(&pk[k], 0);
	req(&pk[k]);
	tlv(&pk[k], 1, "\0\x01\0", 3);
	done(&pk[k++], 0);
	ds_maps(&k);
	/* vendor, BFD, the TLVs only dumped, and the short ones */
	start(&pk[k], 0);
	req(&pk[k]);
	tlv(&pk[k], 5, "\0\0\x0a\x4c", 4);
	tlv(&pk[k], 5, "\0\x01\xe2\x40", 4);
	tlv(&pk[k], 5, "\x01\x02", 2);
	tlv(&pk[k], 15, "\xde\xad\xbe\xef", 4);
	tlv(&pk[k], 15, "\x01", 1);
	done(&pk[k++], 0);
	start(&pk[k], 0);
	req(&pk[k]);
	tlv(&pk[k], 3, "\x01\x01\x01\x01\x01\x01\x01", 7);
	tlv(&pk[k], 9, "\x01\x02\x03\x04", 4);
	tlv(&pk[k], 0xfc00, "\0\0\0\x09\x01\x02", 6);
	tlv(&pk[k], 10, "\xc0\0\0\0", 4);
	tlv(&pk[k], 7, "\0\x01\x02\x03", 4);
	tlv(&pk[k], 4, "\x09", 1);
	tlv(&pk[k], 3, "", 0);
	done(&pk[k++], 0);
	/* the packet's end: in a TLV header, in a value, in the padding */
	start(&pk[k], 0);
	req(&pk[k]);
	tb_be16(&pk[k], 3);
	done(&pk[k++], 0);
	start(&pk[k], 0);
	req(&pk[k]);
	tb_bytes(&pk[k], "\0\x03\0\x0c\x01\x02", 6);
	done(&pk[k++], 0);
	start(&pk[k], 0);
	req(&pk[k]);
	tb_bytes(&pk[k], "\0\x03\0\x03\x01\x02\x03", 7);
	done(&pk[k++], 0);
	/* another version, a short header */
	start(&pk[k], 0);
	hdr(&pk[k], 2, 1, 2, 0, 0, 1, 0, 0);
	done(&pk[k++], 0);
	start(&pk[k], 0);
	tb_bytes(&pk[k], "\0\x01\0\0\x01\x02\0\0\0\0\0\x23", 12);
	done(&pk[k++], 0);
	return k;
}

static void run(const char *name, const struct pr_opts *o,
		const char *const *want, size_t nwant)
{
	struct tp p;
	size_t k = build();

	tp_init(&p, name, DLT_EN10MB, o);
	CU_ASSERT_EQUAL(tp_run(&p, pk, k, want, nwant), 0);
	tp_release(&p);
}

static void test_default(void)
{
	const struct pr_opts o = { .nflag = 1, .tflag = 1 };

	run("lspping", &o, want_lspping, TP_N(want_lspping));
}

static void test_v(void)
{
	const struct pr_opts o = { .nflag = 1, .tflag = 1, .vflag = 1 };

	run("lspping-v", &o, want_lspping_v, TP_N(want_lspping_v));
}

static void test_vv(void)
{
	const struct pr_opts o = { .nflag = 1, .tflag = 1, .vflag = 2 };

	run("lspping-vv", &o, want_lspping_vv, TP_N(want_lspping_vv));
}

/* An RSVP IPv6 query, an L2 VPN endpoint and a downstream map, cut at
 * every length. */
static void test_cuts(void)
{
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;
	struct tb t;

	start(&t, 0);
	hdr(&t, 1, 2, 2, 8, 1, 5, 3809381051u, 0x53d2a000);
	fec1(&t, 4, fecs[3].v, fecs[3].n);
	fec1(&t, 8, fecs[8].v, fecs[8].n);
	tlv(&t, 2, "\x05\xdc\x01\0" V4A V4B "\0\x01\0\0", 16);
	done(&t, 0);
	tp_init(&p, "lspping-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &t, want_lspping_cut,
				TP_N(want_lspping_cut)),
			0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "echo requests and replies", test_default },
	{ "every TLV and sub-TLV, -v", test_v },
	{ "every TLV and sub-TLV, -vv", test_vv },
	{ "every cut of a reply with three TLVs", test_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-lspping", NULL, NULL, tests);
