/* test-ladder.c: TCP ladders: golden texts for handshakes, retransmitted SYNs, -S, mid-stream captures, several conversations, skipped and cut packets. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pcap/dlt.h>

#include "capture/decode.h"
#include "capture/ladder.h"
#include "capture/print.h"
#include "harness/cmds.h"
#include "unit/tu-fs.h"
#include "unit/tu-pkt.h"
#include "unit/tu.h"

#define C "10.0.0.1"
#define S "10.0.0.2"
#define SYN CAP_TCP_SYN
#define ACK CAP_TCP_ACK
#define PSH CAP_TCP_PSH
#define FIN CAP_TCP_FIN
#define RST CAP_TCP_RST
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char data[] = "GET / HTTP/1.0\r\n\r\n"
			   "0123456789012345678901234567890123456789"
			   "0123456789012345678901234567890123456789"
			   "01234567890123456789012345678901234567890";

/* One segment: who sends, seq, ack, flags, payload length, time (us). */
struct seg {
	const char *src, *dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	size_t plen;
	long long us;
	size_t caplen; /* 0: whole */
};

static void add(struct tu_cap *c, const struct seg *s)
{
	struct tu_l4 l = { .src = s->src, .dst = s->dst, .sport = s->sport,
			   .dport = s->dport, .seq = s->seq, .ack = s->ack,
			   .flags = s->flags, .payload = data, .plen = s->plen,
			   .tcp_opts = 1 };
	struct tu_frame f;

	tu_eth_tcp(&f, &l);
	tu_cap_add(c, &f, 1700000000000000LL + s->us, s->caplen);
}

static void build(struct tu_cap *c, const struct seg *s, size_t n)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->dlt = DLT_EN10MB;
	for (i = 0; i < n; i++)
		add(c, &s[i]);
}

/* The ladder of c with o; compared with want, shown on stderr when not. */
static int same(const struct tu_cap *c, const struct cap_lad_opts *o,
		int want_rc, const char *want)
{
	struct hx_buf b = HX_BUF_INIT;
	char err[HX_ERRLEN];
	int rc = cap_lad_render(err, o, c->dlt, c->pkts, c->n, &b);
	int ok = rc == want_rc && b.p && !strcmp(b.p, want);

	if (!ok)
		fprintf(stderr, "\nladder: rc %d (want %d)\n--- got\n%s--- want\n%s---\n",
			rc, want_rc, b.p ? b.p : "(null)", want);
	hx_buf_release(&b);
	return ok;
}

/* master:40000 -> node1:80, ISNs 1000 and 5000: handshake, request,
 * response, master closes first. */
static const struct seg http[] = {
	{ C, S, 40000, 80, 1000, 0, SYN, 0, 0, 0 },
	{ S, C, 80, 40000, 5000, 1001, SYN | ACK, 0, 100, 0 },
	{ C, S, 40000, 80, 1001, 5001, ACK, 0, 150, 0 },
	{ C, S, 40000, 80, 1001, 5001, PSH | ACK, 18, 300, 0 },
	{ S, C, 80, 40000, 5001, 1019, ACK, 0, 350, 0 },
	{ S, C, 80, 40000, 5001, 1019, PSH | ACK, 100, 600, 0 },
	{ C, S, 40000, 80, 1019, 5101, ACK, 0, 650, 0 },
	{ C, S, 40000, 80, 1019, 5101, FIN | ACK, 0, 1000, 0 },
	{ S, C, 80, 40000, 5101, 1020, FIN | ACK, 0, 1100, 0 },
	{ C, S, 40000, 80, 1020, 5102, ACK, 0, 1150, 0 },
};

static void test_handshake_data_fin(void)
{
	struct tu_cap c;

	build(&c, http, N(http));
	CU_ASSERT(same(&c, NULL, 1,
		"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (10 packets)\n"
		"            10.0.0.1.40000                                     10.0.0.2.80\n"
		"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #1\n"
		"   0.000100 |<--------------- S. seq 5000 ack 1001 len 0 ----------------| #2\n"
		"   0.000150 |------------------- . seq 1 ack 1 len 0 ------------------->| #3\n"
		"   0.000300 |------------------ P. seq 1 ack 1 len 18 ------------------>| #4\n"
		"   0.000350 |<------------------ . seq 1 ack 19 len 0 -------------------| #5\n"
		"   0.000600 |<---------------- P. seq 1 ack 19 len 100 ------------------| #6\n"
		"   0.000650 |------------------ . seq 19 ack 101 len 0 ----------------->| #7\n"
		"   0.001000 |----------------- F. seq 19 ack 101 len 0 ----------------->| #8\n"
		"   0.001100 |<---------------- F. seq 101 ack 20 len 0 ------------------| #9\n"
		"   0.001150 |------------------ . seq 20 ack 102 len 0 ----------------->| #10\n"));
	tu_cap_free(&c);
}

/* The ladder's numbers are the printer's: the seq and the ack of each of
 * the printer's lines are in the ladder's line for the same packet. */
static void numbers_match_printer(const struct seg *s, size_t n)
{
	struct tu_cap c;
	struct hx_buf lad = HX_BUF_INIT, pr = HX_BUF_INIT;
	struct pr_opts po = { .nflag = 1 };
	char err[HX_ERRLEN];
	struct pr_ctx *p;
	const char *line;
	size_t i;

	build(&c, s, n);
	CU_ASSERT_EQUAL(cap_lad_render(err, NULL, c.dlt, c.pkts, c.n, &lad), 1);
	p = pr_new(err, &po, c.dlt);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	line = strchr(lad.p, '\n') + 1;
	line = strchr(line, '\n') + 1;
	for (i = 0; i < c.n; i++) {
		const char *at, *end = strchr(line, '\n');
		static const char *const field[] = { ", seq ", ", ack " };
		char want[64];
		size_t k;

		hx_buf_reset(&pr);
		pr_packet(p, &pr, &c.pkts[i].h, c.pkts[i].data);
		for (k = 0; k < 2; k++) {
			at = strstr(pr.p, field[k]);
			if (!at)
				continue;
			snprintf(want, sizeof(want), " %s %lu ", k ? "ack" : "seq",
				 strtoul(at + 6, NULL, 10));
			if (!memmem(line, (size_t)(end - line), want, strlen(want))) {
				fprintf(stderr, "\nprinter: %sladder: %.*s\n", pr.p,
					(int)(end - line), line);
				CU_FAIL("the ladder's numbers are not the printer's");
			}
		}
		line = end + 1;
	}
	pr_free(p);
	hx_buf_release(&pr);
	hx_buf_release(&lad);
	tu_cap_free(&c);
}

static void test_numbers_match_printer(void)
{
	numbers_match_printer(http, N(http));
	numbers_match_printer(http + 2, N(http) - 2); /* no SYN */
	numbers_match_printer(http + 5, 5);	       /* the server first */
	numbers_match_printer(http + 1, N(http) - 1);  /* no SYN, a SYN+ACK */
}

/* syn-drop: the same SYN four times (1 s, 2 s, 4 s apart), no answer. */
static void test_syn_retransmissions(void)
{
	static const struct seg syns[] = {
		{ C, S, 40000, 80, 1000, 0, SYN, 0, 0, 0 },
		{ C, S, 40000, 80, 1000, 0, SYN, 0, 1000000, 0 },
		{ C, S, 40000, 80, 1000, 0, SYN, 0, 3000000, 0 },
		{ C, S, 40000, 80, 1000, 0, SYN, 0, 7000000, 0 },
	};
	struct tu_cap c;

	build(&c, syns, N(syns));
	CU_ASSERT(same(&c, NULL, 1,
		"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (4 packets)\n"
		"            10.0.0.1.40000                                     10.0.0.2.80\n"
		"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #1\n"
		"   1.000000 |--------------------- S seq 1000 len 0 -------------------->| #2\n"
		"   3.000000 |--------------------- S seq 1000 len 0 -------------------->| #3\n"
		"   7.000000 |--------------------- S seq 1000 len 0 -------------------->| #4\n"));
	tu_cap_free(&c);
}

static void test_absolute(void)
{
	struct cap_lad_opts o = { .absolute = 1 };
	struct tu_cap c;

	build(&c, http, 4);
	CU_ASSERT(same(&c, &o, 1,
		"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (4 packets)\n"
		"            10.0.0.1.40000                                     10.0.0.2.80\n"
		"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #1\n"
		"   0.000100 |<--------------- S. seq 5000 ack 1001 len 0 ----------------| #2\n"
		"   0.000150 |---------------- . seq 1001 ack 5001 len 0 ---------------->| #3\n"
		"   0.000300 |--------------- P. seq 1001 ack 5001 len 18 --------------->| #4\n"));
	tu_cap_free(&c);
}

/*
 * No SYN captured (a capture started mid-stream): the server's segment
 * comes first, so the server is the left column; tcpdump prints that
 * first segment's numbers absolute and the rest relative to it (its seq,
 * and its ack - 1 for the other direction).
 */
static void test_no_syn(void)
{
	struct tu_cap c;

	build(&c, http + 5, 5);
	CU_ASSERT(same(&c, NULL, 1,
		"TCP conversation 1: 10.0.0.2.80 <-> 10.0.0.1.40000 (5 packets)\n"
		"            10.0.0.2.80                                     10.0.0.1.40000\n"
		"   0.000000 |--------------- P. seq 5001 ack 1019 len 100 -------------->| #1\n"
		"   0.000050 |<----------------- . seq 1 ack 100 len 0 -------------------| #2\n"
		"   0.000400 |<----------------- F. seq 1 ack 100 len 0 ------------------| #3\n"
		"   0.000500 |------------------ F. seq 100 ack 2 len 0 ----------------->| #4\n"
		"   0.000550 |<----------------- . seq 2 ack 101 len 0 -------------------| #5\n"));
	tu_cap_free(&c);
}

/* Only the SYN+ACK of a handshake: its receiver is the client, left. */
static void test_syn_ack_only(void)
{
	struct tu_cap c;

	build(&c, http + 1, 2);
	CU_ASSERT(same(&c, NULL, 1,
		"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (2 packets)\n"
		"            10.0.0.1.40000                                     10.0.0.2.80\n"
		"   0.000000 |<--------------- S. seq 5000 ack 1001 len 0 ----------------| #1\n"
		"   0.000050 |------------------- . seq 1 ack 1 len 0 ------------------->| #2\n"));
	tu_cap_free(&c);
}

/* Two connections at once: one block each, in order of first packet. */
static void test_two_conversations(void)
{
	static const struct seg two[] = {
		{ C, S, 40000, 80, 1000, 0, SYN, 0, 0, 0 },
		{ C, S, 40001, 80, 7000, 0, SYN, 0, 10, 0 },
		{ S, C, 80, 40001, 9000, 7001, SYN | ACK, 0, 20, 0 },
		{ S, C, 80, 40000, 5000, 1001, SYN | ACK, 0, 30, 0 },
		{ C, S, 40001, 80, 7001, 9001, ACK, 0, 40, 0 },
		{ C, S, 40000, 80, 1001, 5001, RST, 0, 50, 0 },
	};
	struct tu_cap c;

	build(&c, two, N(two));
	CU_ASSERT(same(&c, NULL, 2,
		"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (3 packets)\n"
		"            10.0.0.1.40000                                     10.0.0.2.80\n"
		"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #1\n"
		"   0.000030 |<--------------- S. seq 5000 ack 1001 len 0 ----------------| #4\n"
		"   0.000050 |--------------------- R seq 1001 len 0 -------------------->| #6\n"
		"\n"
		"TCP conversation 2: 10.0.0.1.40001 <-> 10.0.0.2.80 (3 packets)\n"
		"            10.0.0.1.40001                                     10.0.0.2.80\n"
		"   0.000000 |--------------------- S seq 7000 len 0 -------------------->| #2\n"
		"   0.000010 |<--------------- S. seq 9000 ack 7001 len 0 ----------------| #3\n"
		"   0.000030 |------------------- . seq 1 ack 1 len 0 ------------------->| #5\n"));
	tu_cap_free(&c);
}

/* UDP and ICMP are counted, not drawn; with nothing else, says so. */
static void test_non_tcp(void)
{
	struct tu_l4 u = { .src = C, .dst = S, .sport = 5353, .dport = 53,
			   .payload = data, .plen = 10 };
	struct tu_l4 i = { .src = C, .dst = S, .icmp_type = 8, .icmp_id = 1,
			   .icmp_seq = 1 };
	struct tu_frame f;
	struct tu_cap c;

	memset(&c, 0, sizeof(c));
	c.dlt = DLT_EN10MB;
	tu_eth_udp(&f, &u);
	tu_cap_add(&c, &f, 0, 0);
	tu_eth_icmp(&f, &i);
	tu_cap_add(&c, &f, 1, 0);
	CU_ASSERT(same(&c, NULL, 0,
		       "no TCP conversation\n2 non-TCP packets not drawn\n"));
	add(&c, &http[0]);
	CU_ASSERT(same(&c, NULL, 1,
		"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (1 packet)\n"
		"            10.0.0.1.40000                                     10.0.0.2.80\n"
		"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #3\n"
		"\n"
		"2 non-TCP packets not drawn\n"));
	tu_cap_free(&c);
}

/*
 * Cut by the snapshot length: past the TCP header the segment is drawn
 * with the length it had on the wire; inside the header it is counted.
 */
static void test_truncated(void)
{
	static const struct seg cut[] = {
		{ C, S, 40000, 80, 1001, 5001, PSH | ACK, 18, 0, 14 + 20 + 32 + 4 },
		{ S, C, 80, 40000, 5001, 1019, ACK, 0, 50, 14 + 20 + 10 },
		{ S, C, 80, 40000, 5001, 1019, ACK, 0, 60, 14 + 20 + 20 },
	};
	struct tu_cap c;

	build(&c, cut, N(cut));
	CU_ASSERT(same(&c, NULL, 1,
		"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (2 packets)\n"
		"            10.0.0.1.40000                                     10.0.0.2.80\n"
		"   0.000000 |--------------- P. seq 1001 ack 5001 len 18 --------------->| #1\n"
		"   0.000060 |<------------------ . seq 1 ack 18 len 0 -------------------| #3\n"
		"\n"
		"1 TCP packet without a whole TCP header not drawn\n"));
	tu_cap_free(&c);
}

/* Host names from a table (the later name wins); -n keeps addresses. */
static void test_names(void)
{
	uint8_t a[4], b[4];
	struct cap_name names[] = {
		{ AF_INET, a, "client" },
		{ AF_INET, b, "node1" },
		{ AF_INET, a, "master" },
	};
	struct cap_lad_opts o = { .names = names, .nnames = 3 };
	struct tu_cap c;

	inet_pton(AF_INET, C, a);
	inet_pton(AF_INET, S, b);
	build(&c, http, 2);
	CU_ASSERT(same(&c, &o, 1,
		"TCP conversation 1: master.40000 <-> node1.80 (2 packets)\n"
		"            master.40000                                          node1.80\n"
		"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #1\n"
		"   0.000100 |<--------------- S. seq 5000 ack 1001 len 0 ----------------| #2\n"));
	o.numeric = 1;
	CU_ASSERT(same(&c, &o, 1,
		"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (2 packets)\n"
		"            10.0.0.1.40000                                     10.0.0.2.80\n"
		"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #1\n"
		"   0.000100 |<--------------- S. seq 5000 ack 1001 len 0 ----------------| #2\n"));
	tu_cap_free(&c);
}

/* IPv6: long addresses are cut to fit the column row, kept whole above. */
static void test_ipv6_long_names(void)
{
	static const struct seg v6[] = {
		{ "2001:db8:1234:5678:9abc:def0:1234:1", "2001:db8:1234:5678:9abc:def0:1234:2",
		  40000, 80, 1000, 0, SYN, 0, 0, 0 },
		{ "2001:db8:1234:5678:9abc:def0:1234:2", "2001:db8:1234:5678:9abc:def0:1234:1",
		  80, 40000, 5000, 1001, SYN | ACK | CAP_TCP_ECE, 0, 5, 0 },
	};
	struct tu_cap c;

	build(&c, v6, N(v6));
	CU_ASSERT(same(&c, NULL, 1,
		"TCP conversation 1: 2001:db8:1234:5678:9abc:def0:1234:1.40000 <-> 2001:db8:1234:5678:9abc:def0:1234:2.80 (2 packets)\n"
		"            ..:5678:9abc:def0:1234:1.40000  ..234:5678:9abc:def0:1234:2.80\n"
		"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #1\n"
		"   0.000005 |<-------------- S.E seq 5000 ack 1001 len 0 ----------------| #2\n"));
	tu_cap_free(&c);
}

static void test_empty(void)
{
	struct hx_buf b = HX_BUF_INIT;
	char err[HX_ERRLEN];

	CU_ASSERT_EQUAL(cap_lad_render(err, NULL, DLT_EN10MB, NULL, 0, &b), 0);
	CU_ASSERT_STRING_EQUAL(b.p, "no TCP conversation\n");
	hx_buf_release(&b);
}

/*
 * `dumplab ladder` itself: a savefile written with pcap_dump_open, the
 * command's text (stdout to a file) and its exit codes.
 */
static int run_cmd(const char *out, char **argv)
{
	int argc = 0, fd, o1, o2, rc;

	while (argv[argc])
		argc++;
	fflush(stdout);
	fflush(stderr);
	o1 = dup(1);
	o2 = dup(2);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
	rc = cmd_ladder(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(o1, 1);
	dup2(o2, 2);
	close(o1);
	close(o2);
	return rc;
}

static void test_command(void)
{
	char *dir = tu_tmpdir("ladder");
	char pcap[4096], out[4096], text[4096], missing[4096];
	pcap_dumper_t *dp;
	struct tu_cap c;
	pcap_t *p;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	snprintf(pcap, sizeof(pcap), "%s/http.pcap", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(missing, sizeof(missing), "%s/missing.pcap", dir);
	build(&c, http, N(http));
	p = pcap_open_dead(DLT_EN10MB, 262144);
	dp = pcap_dump_open(p, pcap);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dp);
	for (i = 0; i < c.n; i++)
		pcap_dump((u_char *)dp, &c.pkts[i].h, c.pkts[i].data);
	pcap_dump_close(dp);
	pcap_close(p);

	{
		char *argv[] = { "ladder", "-S", "-c", "2", "-r", pcap, NULL };

		CU_ASSERT_EQUAL(run_cmd(out, argv), 0);
		CU_ASSERT(tu_read_file(out, text, sizeof(text)) > 0);
		CU_ASSERT_STRING_EQUAL(text,
			"TCP conversation 1: 10.0.0.1.40000 <-> 10.0.0.2.80 (2 packets)\n"
			"            10.0.0.1.40000                                     10.0.0.2.80\n"
			"   0.000000 |--------------------- S seq 1000 len 0 -------------------->| #1\n"
			"   0.000100 |<--------------- S. seq 5000 ack 1001 len 0 ----------------| #2\n");
	}
	{
		char *argv[] = { "ladder", "-r", pcap, "tcp[tcpflags]", "&", "tcp-fin", "!=", "0", NULL };

		CU_ASSERT_EQUAL(run_cmd(out, argv), 0);
		CU_ASSERT(tu_read_file(out, text, sizeof(text)) > 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "(2 packets)"));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "| #2\n")); /* numbered among the kept */
	}
	{
		char *argv[] = { "ladder", "-r", missing, NULL };

		CU_ASSERT_EQUAL(run_cmd(out, argv), 1);
		tu_read_file(out, text, sizeof(text));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "dumplab: cannot read '"));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "No such file or directory"));
	}
	{
		char *argv[] = { "ladder", "-r", pcap, "port", "eighty", NULL };

		CU_ASSERT_EQUAL(run_cmd(out, argv), 1);
		tu_read_file(out, text, sizeof(text));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "cannot compile filter 'port eighty'"));
	}
	{
		char *argv[] = { "ladder", NULL };

		CU_ASSERT_EQUAL(run_cmd(out, argv), 2);
	}
	{
		char *argv[] = { "ladder", "-v", "-r", pcap, NULL };

		CU_ASSERT_EQUAL(run_cmd(out, argv), 2);
		tu_read_file(out, text, sizeof(text));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "option -v does not apply"));
	}
	{
		char *argv[] = { "ladder", "--help", NULL };

		CU_ASSERT_EQUAL(run_cmd(out, argv), 0);
		tu_read_file(out, text, sizeof(text));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "usage: dumplab ladder"));
	}
	tu_cap_free(&c);
	tu_rmtree(dir);
	free(dir);
}

static CU_TestInfo tests[] = {
	{ "handshake, data and FIN teardown", test_handshake_data_fin },
	{ "numbers are the printer's", test_numbers_match_printer },
	{ "SYN retransmissions, no reply", test_syn_retransmissions },
	{ "-S: absolute numbers", test_absolute },
	{ "no SYN captured", test_no_syn },
	{ "only the SYN+ACK: its receiver is left", test_syn_ack_only },
	{ "two interleaved conversations", test_two_conversations },
	{ "non-TCP packets counted, not drawn", test_non_tcp },
	{ "packets cut by the snapshot length", test_truncated },
	{ "host names, and -n", test_names },
	{ "IPv6 and long endpoints", test_ipv6_long_names },
	{ "no packets", test_empty },
	{ "dumplab ladder: text and exit codes", test_command },
	CU_TEST_INFO_NULL,
};
TU_SUITE("ladder", NULL, NULL, tests);
