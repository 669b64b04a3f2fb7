/* test-svg.c: the ladder's conversation model (retransmissions, columns, labels) and its SVG drawing: arrows, gaps, escapes, the cut, out of memory. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/dlt.h>

#include "capture/decode.h"
#include "capture/ladder.h"
#include "harness/svg.h"
#include "unit/tu-alloc.h"
#include "unit/tu-pkt.h"
#include "unit/tu.h"

#define C "10.0.0.1"
#define S "10.0.0.2"

static const char data[] = "0123456789012345678901234567890123456789";

struct seg {
	const char *src, *dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	size_t plen;
	long long us;
};

static void build(struct tu_cap *c, const struct seg *s, size_t n)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->dlt = DLT_EN10MB;
	for (i = 0; i < n; i++) {
		struct tu_l4 l = { .src = s[i].src, .dst = s[i].dst, .sport = s[i].sport,
				   .dport = s[i].dport, .seq = s[i].seq, .ack = s[i].ack,
				   .flags = s[i].flags, .payload = data, .plen = s[i].plen };
		struct tu_frame f;

		tu_eth_tcp(&f, &l);
		tu_cap_add(c, &f, 1700000000000000LL + s[i].us, 0);
	}
}

/* A handshake, data sent twice (the second a retransmission), new data,
 * a FIN sent twice, and a reset. */
static const struct seg talk[] = {
	{ C, S, 40000, 80, 1000, 0, CAP_TCP_SYN, 0, 0 },
	{ C, S, 40000, 80, 1000, 0, CAP_TCP_SYN, 0, 1000000 },
	{ S, C, 80, 40000, 5000, 1001, CAP_TCP_SYN | CAP_TCP_ACK, 0, 1000100 },
	{ C, S, 40000, 80, 1001, 5001, CAP_TCP_ACK, 0, 1000200 },
	{ C, S, 40000, 80, 1001, 5001, CAP_TCP_PSH | CAP_TCP_ACK, 10, 1000300 },
	{ C, S, 40000, 80, 1001, 5001, CAP_TCP_PSH | CAP_TCP_ACK, 10, 1200300 },
	{ C, S, 40000, 80, 1011, 5001, CAP_TCP_PSH | CAP_TCP_ACK, 10, 1200400 },
	{ C, S, 40000, 80, 1021, 5001, CAP_TCP_FIN | CAP_TCP_ACK, 0, 1200500 },
	{ C, S, 40000, 80, 1021, 5001, CAP_TCP_FIN | CAP_TCP_ACK, 0, 1200600 },
	{ S, C, 80, 40000, 5001, 1022, CAP_TCP_RST | CAP_TCP_ACK, 0, 1200700 },
};
#define NTALK (sizeof(talk) / sizeof(talk[0]))

static void test_model(void)
{
	static const uint8_t retrans[NTALK] = { 0, 1, 0, 0, 0, 1, 0, 0, 1, 0 };
	static const uint8_t right[NTALK] = { 1, 1, 0, 1, 1, 1, 1, 1, 1, 0 };
	struct cap_lad l;
	struct tu_cap c;
	char err[HX_ERRLEN], lbl[128];
	size_t i;

	build(&c, talk, NTALK);
	CU_ASSERT_EQUAL_FATAL(cap_lad_build(err, NULL, c.dlt, c.pkts, c.n, &l), 0);
	CU_ASSERT_EQUAL(l.nconv, 1);
	CU_ASSERT_EQUAL(l.nseg, NTALK);
	CU_ASSERT_STRING_EQUAL(l.conv[0].left, "10.0.0.1.40000");
	CU_ASSERT_STRING_EQUAL(l.conv[0].right, "10.0.0.2.80");
	for (i = 0; i < NTALK && i < l.nseg; i++) {
		CU_ASSERT_EQUAL(l.seg[i].pkt, i);
		CU_ASSERT_EQUAL(l.seg[i].retrans, retrans[i]);
		CU_ASSERT_EQUAL(l.seg[i].rightward, right[i]);
	}
	/* the text's numbers: the SYN+ACK is the first with ACK (absolute) */
	cap_lad_label(&l.seg[2], lbl, sizeof(lbl));
	CU_ASSERT_STRING_EQUAL(lbl, "S. seq 5000 ack 1001 len 0");
	cap_lad_label(&l.seg[5], lbl, sizeof(lbl));
	CU_ASSERT_STRING_EQUAL(lbl, "P. seq 1 ack 1 len 10");
	cap_lad_label(&l.seg[0], lbl, sizeof(lbl));
	CU_ASSERT_STRING_EQUAL(lbl, "S seq 1000 len 0");
	cap_lad_release(&l);
	cap_lad_release(NULL);
	tu_cap_free(&c);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)); s++)
		n++;
	return n;
}

static void test_svg(void)
{
	const char *tips[NTALK] = { "a <b> & \"c\" 'd'" };
	struct hx_buf b = HX_BUF_INIT;
	struct cap_lad l;
	struct tu_cap c;
	char err[HX_ERRLEN];
	size_t drawn = 0;

	build(&c, talk, NTALK);
	CU_ASSERT_EQUAL_FATAL(cap_lad_build(err, NULL, c.dlt, c.pkts, c.n, &l), 0);
	hx_svg_ladder(&b, NULL, &l, 0, c.pkts, tips, 100, &drawn);
	CU_ASSERT_FATAL(b.p != NULL);
	CU_ASSERT_EQUAL(drawn, NTALK);
	CU_ASSERT_EQUAL(count(b.p, "<g class=\"seg"), NTALK);
	CU_ASSERT_EQUAL(count(b.p, " retrans"), 3);
	CU_ASSERT_EQUAL(count(b.p, " rst"), 1);
	/* 26 apart, 16 more after the 1 s and the 200 ms pauses */
	CU_ASSERT(strstr(b.p, "data-pkt=\"1\" data-y=\"52\"") != NULL);
	CU_ASSERT(strstr(b.p, "data-pkt=\"2\" data-y=\"94\"") != NULL);
	CU_ASSERT(strstr(b.p, "data-pkt=\"3\" data-y=\"120\"") != NULL);
	CU_ASSERT(strstr(b.p, "data-pkt=\"6\" data-y=\"214\"") != NULL);
	/* the tip escaped; a missing one is the label */
	CU_ASSERT(strstr(b.p, "<title>#1 a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;</title>") != NULL);
	CU_ASSERT(strstr(b.p, "<title>#2 S seq 1000 len 0 (retransmission)</title>") != NULL);
	CU_ASSERT(strstr(b.p, "<b>") == NULL);
	/* cut at 4: a note says so */
	hx_buf_reset(&b);
	hx_svg_ladder(&b, NULL, &l, 0, c.pkts, NULL, 4, &drawn);
	CU_ASSERT_EQUAL(drawn, 4);
	CU_ASSERT_EQUAL(count(b.p, "<g class=\"seg"), 4);
	CU_ASSERT(strstr(b.p, "4 of 10 segments drawn") != NULL);
	/* a whole document: one root element */
	hx_buf_reset(&b);
	CU_ASSERT_EQUAL(hx_svg_ladders(&b, NULL, &l, c.pkts, NULL), NTALK);
	CU_ASSERT(!strncmp(b.p, "<?xml", 5));
	CU_ASSERT_EQUAL(count(b.p, "<svg "), 2);
	CU_ASSERT_EQUAL(count(b.p, "</svg>"), 2);
	hx_buf_release(&b);
	cap_lad_release(&l);
	tu_cap_free(&c);
}

/* Every allocation of the model may fail: -ENOMEM, err set, l empty. */
static void test_oom(void)
{
	struct cap_lad l;
	struct tu_cap c;
	char err[HX_ERRLEN];
	long n;
	int r = -1;

	build(&c, talk, NTALK);
	for (n = 0; n < 64; n++) {
		err[0] = '\0';
		tu_alloc_fail_after(n);
		r = cap_lad_build(err, NULL, c.dlt, c.pkts, c.n, &l);
		tu_alloc_reset();
		if (r == 0)
			break;
		CU_ASSERT_EQUAL(r, -ENOMEM);
		CU_ASSERT(strstr(err, "out of memory") != NULL);
		CU_ASSERT(l.conv == NULL && l.seg == NULL && l.nconv == 0);
	}
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT(n > 0);
	cap_lad_release(&l);
	tu_cap_free(&c);
}

static CU_TestInfo tests[] = {
	{ "model: columns, labels, retransmissions", test_model },
	{ "svg: arrows, gaps, escapes, the cut", test_svg },
	{ "model: out of memory", test_oom },
	CU_TEST_INFO_NULL,
};
TU_SUITE("svg", NULL, NULL, tests);
