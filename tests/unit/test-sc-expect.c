/* test-sc-expect.c: the expectation engine on savefiles built here, passing and failing with the right explanation. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/dlt.h>

#include "capture/decode.h"
#include "harness/sc-expect.h"
#include "harness/sc.h"
#include "unit/tu-pkt.h"
#include "unit/tu.h"

#define S 1000000LL

static const char head[] =
	"scenario t\ntitle t\nhost master node1\nlink master:eth0 node1:eth0\n"
	"addr master:eth0 10.0.0.1/24\naddr node1:eth0 10.0.0.2/24\n";

static struct sc_scenario *load(const char *body)
{
	char err[HX_ERRLEN] = "", *text;
	struct sc_scenario *sc = NULL;

	text = malloc(strlen(head) + strlen(body) + 1);
	strcpy(text, head);
	strcat(text, body);
	if (sc_parse(err, "t.scn", text, strlen(text), &sc) < 0 || sc_check(err, sc) < 0) {
		fprintf(stderr, "\n%s\n", err);
		sc_free(sc);
		sc = NULL;
	}
	free(text);
	return sc;
}

/* What the steps left: packets, their printed lines, outcomes. */
struct fixture {
	struct sc_scenario *sc;
	struct sc_step_result *res;
	struct sc_results all;
	struct tu_cap cap;
	struct sc_lines lines, out;
	struct sc_verdict *v;
};

static void fx_init(struct fixture *f, const char *body)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->sc = load(body);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->sc);
	f->res = calloc(f->sc->nsteps, sizeof(*f->res));
	for (i = 0; i < f->sc->nsteps; i++)
		f->res[i].ran = 1;
	f->all.steps = f->res;
	f->cap.dlt = DLT_EN10MB;
	sc_lines_init(&f->lines);
	sc_lines_init(&f->out);
}

static struct sc_step_result *step(struct fixture *f, const char *label)
{
	size_t i = sc_find_label(f->sc, label);

	CU_ASSERT_FATAL(i != SC_NONE);
	return &f->res[i];
}

/* A packet and the line tcpdump would print for it. */
static void add(struct fixture *f, const struct tu_l4 *l, long long us, const char *line)
{
	struct tu_frame fr;

	if (l->icmp_type || l->icmp_id)
		tu_eth_icmp(&fr, l);
	else if (l->flags || l->seq)
		tu_eth_tcp(&fr, l);
	else
		tu_eth_udp(&fr, l);
	tu_cap_add(&f->cap, &fr, us, 0);
	if (line)
		sc_lines_add(&f->lines, line, strlen(line), f->cap.n - 1);
}

/* Round-trips the packets through a savefile and hands them to a step. */
static void captured(struct fixture *f, const char *label)
{
	struct sc_step_result *r = step(f, label);

	CU_ASSERT_EQUAL_FATAL(tu_cap_roundtrip(&f->cap), 0);
	r->dlt = f->cap.dlt;
	r->pkts = f->cap.pkts;
	r->npkts = f->cap.n;
	r->text = &f->lines;
}

static void eval(struct fixture *f)
{
	char err[HX_ERRLEN];

	CU_ASSERT_EQUAL_FATAL(sc_expect_eval(err, f->sc, &f->all, &f->v), 0);
}

static void fx_free(struct fixture *f)
{
	sc_verdicts_free(f->v, f->sc ? f->sc->nexpects : 0);
	sc_free(f->sc);
	free(f->res);
	tu_cap_free(&f->cap);
	sc_lines_release(&f->lines);
	sc_lines_release(&f->out);
}

/* Asserts verdict i passed, or failed with exactly why. */
#define PASS(f, i)                                                          \
	do {                                                                \
		if (!(f)->v[i].pass)                                        \
			fprintf(stderr, "\nexpectation %d: %s\n%s", (int)(i), \
				(f)->v[i].why, (f)->v[i].detail);           \
		CU_ASSERT((f)->v[i].pass);                                  \
	} while (0)

#define FAIL(f, i, msg)                                                     \
	do {                                                                \
		CU_ASSERT_FALSE((f)->v[i].pass);                            \
		if ((f)->v[i].why && strcmp((f)->v[i].why, msg))            \
			fprintf(stderr, "\nexpectation %d: got '%s'\n", (int)(i), \
				(f)->v[i].why);                             \
		CU_ASSERT_STRING_EQUAL((f)->v[i].why ? (f)->v[i].why : "", msg); \
	} while (0)

static const char syn_drop[] =
	"syn: capture node1 tcpdump -i eth0 tcp\n"
	"c: connect master node1 80\n"
	"r: run node1 iptables -nL INPUT\n"
	"p: ping master node1 count 3\n"
	"expect syn count 3\n"
	"expect syn same seq\n"
	"expect syn gaps 1s 2s within 20%\n"
	"expect syn output\n"
	"  * IP master.$port > node1.http: Flags [S], seq $isn, win *, length 0\n"
	"  * IP master.$port > node1.http: Flags [S], seq $isn, win *, length 0\n"
	"  * IP master.$port > node1.http: Flags [S], seq $isn, win *, length 0\n"
	"end\n"
	"expect syn each seq == $isn\n"
	"expect c timed-out after 7s within 20%\n"
	"expect r exit 0\n"
	"expect r has * DROP * tcp dpt:80\n"
	"expect p replies 3\n"
	"expect syn linktype EN10MB\n"
	"expect syn none when ack\n"
	"expect r lacks * ACCEPT *\n";

static void syn_packets(struct fixture *f, int n, const long long *t, const uint32_t *seq)
{
	int i;

	for (i = 0; i < n; i++) {
		struct tu_l4 l = { .src = "10.0.0.1", .dst = "10.0.0.2", .sport = 40000,
				   .dport = 80, .seq = seq[i], .flags = CAP_TCP_SYN,
				   .win = 64240 };
		char line[200];

		snprintf(line, sizeof(line),
			 "00:00:%02lld.%06lld IP master.40000 > node1.http: Flags [S], seq %u, win 64240, length 0",
			 t[i] / S, t[i] % S, seq[i]);
		add(f, &l, 1700000000 * S + t[i], line);
	}
}

static void outcomes(struct fixture *f, sc_usec took, int status, int replies)
{
	static const char rules[] =
		"Chain INPUT (policy ACCEPT)\n"
		"target     prot opt source               destination\n"
		"DROP       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:80\n";

	step(f, "c")->outcome = SC_OUT_TIMED_OUT;
	step(f, "c")->took = took;
	sc_lines_add(&f->out, rules, strlen(rules), SC_NONE);
	step(f, "r")->text = &f->out;
	step(f, "r")->exit_status = status;
	step(f, "p")->replies = replies;
}

static void test_syn_drop_passes(void)
{
	static const long long t[] = { 0, 1 * S + 3000, 3 * S + 51000 };
	static const uint32_t seq[] = { 149498950, 149498950, 149498950 };
	struct fixture f;
	size_t i;

	fx_init(&f, syn_drop);
	syn_packets(&f, 3, t, seq);
	captured(&f, "syn");
	outcomes(&f, 7 * S + 2000, 0, 3);
	eval(&f);
	for (i = 0; i < f.sc->nexpects; i++)
		PASS(&f, i);
	fx_free(&f);
}

/* The same expectations on a capture that breaks them, each explained. */
static void test_syn_drop_fails(void)
{
	static const long long t[] = { 0, 1 * S, 2 * S, 3 * S };
	static const uint32_t seq[] = { 1000, 1000, 1001, 1000 };
	struct fixture f;

	fx_init(&f, syn_drop);
	syn_packets(&f, 4, t, seq);
	{
		struct tu_l4 l = { .src = "10.0.0.2", .dst = "10.0.0.1", .sport = 80,
				   .dport = 40000, .seq = 7, .ack = 1001,
				   .flags = CAP_TCP_SYN | CAP_TCP_ACK };

		add(&f, &l, 1700000000 * S + 3 * S + 10,
		    "00:00:03.000010 IP node1.http > master.40000: Flags [S.], seq 7, ack 1001, win 502, length 0");
	}
	captured(&f, "syn");
	outcomes(&f, 3 * S, 1, 2);
	step(&f, "r")->text = NULL;
	eval(&f);
	FAIL(&f, 0, "the capture kept 5 packets; expected 3");
	FAIL(&f, 1, "2 of 5 packets break it");
	FAIL(&f, 2, "5 packets, so 4 gaps; expected 2 gaps");
	FAIL(&f, 3, "line 3 (packet 3) does not match the pattern on line 17: expected $isn = 1000, got '1001, win 64240, len'");
	/* It bound nothing, so what uses $isn fails saying why. */
	FAIL(&f, 4, "$isn has no value: the expectation that binds it failed");
	FAIL(&f, 5, "'c' was timed-out after 3s; expected after 7s (5.6s to 8.4s)");
	FAIL(&f, 6, "'r' exited with status 1, expected 0");
	FAIL(&f, 7, "'r' has no output");
	FAIL(&f, 8, "'p' got 2 replies, expected 3");
	PASS(&f, 9);
	FAIL(&f, 10, "1 of the 5 packets kept meet the 'when' conditions; expected 0");
	/* The detail: the expectation as written, then the evidence. */
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[0].detail, "expected (t.scn:11): expect syn count 3\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[0].detail,
				      "  5    00:00:03.000010 IP node1.http > master.40000: Flags [S.]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[1].detail,
				      "packet 3: seq 1001 is not == first.seq (packet 1) = 1000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[1].detail, "packet 5: seq 7 is not == first.seq (packet 1) = 1000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[3].detail,
				      "  line 3 (packet 3): 00:00:02.000000 IP master.40000 > node1.http: Flags [S], seq 1001, win 64240, length 0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[3].detail, "the output (5 lines):\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[3].detail,
				      "  * IP master.$port > node1.http: Flags [S], seq $isn, win *, length 0\n"));
	fx_free(&f);
}

static void test_gap_tolerance(void)
{
	static const long long t[] = { 0, 1 * S, 3 * S + 500000 };
	static const uint32_t seq[] = { 1, 1, 1 };
	struct fixture f;

	fx_init(&f, "syn: capture node1 tcpdump -i eth0 tcp\n"
		    "expect syn gaps 1s 2s within 20%\n"
		    "expect syn gaps 1s 2s within 500ms\n"
		    "expect syn gaps 1s ...\n"
		    "expect syn gaps 1s 2s 4s ...\n");
	syn_packets(&f, 3, t, seq);
	captured(&f, "syn");
	eval(&f);
	FAIL(&f, 0, "1 of 2 gaps is out of tolerance");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[0].detail,
				      "  gap 2 (packet 2 to 3) is 2.5s; expected 2s (1.6s to 2.4s)\n"));
	PASS(&f, 1);
	PASS(&f, 2);
	FAIL(&f, 3, "3 packets, so 2 gaps; expected at least 3 gaps");
	fx_free(&f);
}

/* A request and a response (seed 003): sequence and ack relations. */
static void conversation(struct fixture *f, uint32_t bad_seq)
{
	static const struct {
		int from_client;
		uint32_t seq, ack;
		uint8_t flags;
		size_t len;
	} p[] = {
		{ 1, 100, 0, CAP_TCP_SYN, 0 },
		{ 0, 500, 101, CAP_TCP_SYN | CAP_TCP_ACK, 0 },
		{ 1, 101, 501, CAP_TCP_ACK, 0 },
		{ 1, 101, 501, CAP_TCP_PSH | CAP_TCP_ACK, 69 },
		{ 0, 501, 170, CAP_TCP_ACK, 0 },
		{ 0, 501, 170, CAP_TCP_PSH | CAP_TCP_ACK, 100 },
		{ 1, 170, 601, CAP_TCP_ACK, 0 },
		{ 1, 170, 601, CAP_TCP_FIN | CAP_TCP_ACK, 0 },
		{ 0, 601, 171, CAP_TCP_FIN | CAP_TCP_ACK, 0 },
		{ 1, 171, 602, CAP_TCP_ACK, 0 },
	};
	static const char data[200];
	size_t i;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		struct tu_l4 l = { .src = p[i].from_client ? "10.0.0.1" : "10.0.0.2",
				   .dst = p[i].from_client ? "10.0.0.2" : "10.0.0.1",
				   .sport = p[i].from_client ? 40000 : 80,
				   .dport = p[i].from_client ? 80 : 40000,
				   .seq = i == 5 && bad_seq ? bad_seq : p[i].seq, .ack = p[i].ack,
				   .flags = p[i].flags, .payload = data, .plen = p[i].len };

		add(f, &l, 1700000000 * S + (long long)i * 1000, NULL);
	}
}

static const char seq_ack[] =
	"cap: capture node1 tcpdump -i eth0 -S port 80\n"
	"expect cap each seq == prev.nxt\n"
	"expect cap each ack == peer.nxt when from node1\n"
	"expect cap each ack == peer.nxt when from master ack\n"
	"expect cap each ack <= peer.nxt when ack\n"
	"expect cap count 4 when data\n"
	"expect cap count 2 when fin\n"
	"expect cap each len == 0 when not psh\n"
	"expect cap each caplen == wirelen\n"
	"expect cap each src == node1 when from node1\n"
	"expect cap each dst == 10.0.0.1 when to master\n"
	"expect cap each smac == 02:00:00:00:00:01\n"
	"expect cap each ttl == 64\n";

static void test_seq_ack_relations(void)
{
	struct fixture f;
	size_t i;

	fx_init(&f, seq_ack);
	conversation(&f, 0);
	captured(&f, "cap");
	eval(&f);
	for (i = 0; i < f.sc->nexpects; i++) {
		if (i == 4) {
			/* Only two segments carry data: the count is wrong on
			 * purpose, to see the 'when' count fail. */
			FAIL(&f, i, "2 of the 10 packets kept meet the 'when' conditions; expected 4");
			continue;
		}
		PASS(&f, i);
	}
	fx_free(&f);
}

static void test_seq_ack_broken(void)
{
	struct fixture f;

	fx_init(&f, seq_ack);
	conversation(&f, 502);
	captured(&f, "cap");
	eval(&f);
	/* The response starts one byte late: it and the next segment the
	 * same way break the sequence; the client acks what never came. */
	FAIL(&f, 0, "2 of 10 packets break it");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[0].detail,
				      "packet 6: seq 502 is not == prev.nxt (packet 5) = 501\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[0].detail,
				      "packet 9: seq 601 is not == prev.nxt (packet 6) = 602\n"));
	PASS(&f, 1);
	FAIL(&f, 2, "2 of 5 packets break it");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[2].detail,
				      "packet 7: ack 601 is not == peer.nxt (packet 6) = 602\n"));
	fx_free(&f);
}

static void test_lines_and_variables(void)
{
	struct fixture f;
	static const char *const lines[] = {
		"12:00:00.000000 IP master.40000 > node1.http: Flags [S], seq 100, win 64240, length 0",
		"12:00:00.000100 IP node1.http > master.40000: Flags [S.], seq 500, ack 101, win 65160, length 0",
		"12:00:00.000200 IP master.40000 > node1.http: Flags [.], ack 1, win 502, length 0",
		"12:00:00.000300 IP master.40000 > node1.http: Flags [P.], seq 1:70, ack 1, win 502, length 69",
		"12:00:00.000400 IP node1.http > master.40000: Flags [.], ack 70, win 509, length 0",
	};
	size_t i;

	fx_init(&f, "cap: capture node1 tcpdump -i eth0 port 80\n"
		    "expect cap output\n"
		    "  * IP master.$p > node1.http: Flags [S], seq $isn, ...\n"
		    "  * IP node1.http > master.$p: Flags [S.], seq $sisn, ack $isn+1, ...\n"
		    "  ...\n"
		    "end\n"
		    "expect cap output contains\n"
		    "  * Flags [P.], seq 1:70, *\n"
		    "  * IP node1.http > master.$p: Flags [.], ack 70, ...\n"
		    "end\n"
		    "expect cap output contains\n"
		    "  * Flags [.], ack 70, *\n"
		    "  * Flags [P.], seq 1:70, *\n"
		    "end\n"
		    "expect cap output\n"
		    "  * Flags [S], *\n"
		    "  * Flags [S.], *\n"
		    "end\n"
		    "expect cap output\n"
		    "  ...\n"
		    "  * length 69\n"
		    "  * length 0\n"
		    "  * length 0\n"
		    "end\n"
		    "expect cap has * seq $sisn, ack $isn+1, *\n"
		    "expect cap has * seq $isn, win {60000..70000}, length 0\n"
		    "expect cap lacks * Flags [R*\n"
		    "expect cap lacks * Flags [P.], *\n"
		    "expect cap has * Flags [F.], *\n");
	for (i = 0; i < 5; i++) {
		struct tu_l4 l = { .src = "10.0.0.1", .dst = "10.0.0.2", .sport = 1, .dport = 2,
				   .seq = 1, .flags = CAP_TCP_ACK };

		add(&f, &l, 1700000000 * S + (long long)i * 100, lines[i]);
	}
	captured(&f, "cap");
	eval(&f);
	PASS(&f, 0);
	PASS(&f, 1);
	/* The ack comes after the data it acknowledges, not before. */
	FAIL(&f, 2, "no line after line 5 (the last) matches the pattern on line 19");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[2].detail, "pattern (line 19): * Flags [P.], seq 1:70, *\n"));
	FAIL(&f, 3, "line 3 (packet 3) comes after every pattern matched: 3 lines more than expected");
	/* '...' may take none or more lines, yet a third 'length 0' is one
	 * line too many. */
	FAIL(&f, 4, "no line after line 5 (the last) matches the pattern on line 29");
	PASS(&f, 5);
	PASS(&f, 6);
	PASS(&f, 7);
	FAIL(&f, 8, "line 4 matches: nothing should");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[8].detail, "  line 4 (packet 4): 12:00:00.000300 IP master.40000"));
	FAIL(&f, 9, "no line matches the pattern on line 35");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[9].detail, "pattern (line 35): * Flags [F.], *\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[9].detail, "closest line:\n"));
	fx_free(&f);
}

/* A failed binder leaves its variables unbound for the rest. */
static void test_unbound_after_failure(void)
{
	struct fixture f;

	fx_init(&f, "cap: capture node1 tcpdump -i eth0\n"
		    "expect cap has * seq $isn, win 1\n"
		    "expect cap has * ack $isn+1, *\n");
	sc_lines_add(&f.lines, "x seq 5, win 2, ack 6, y", 24, 0);
	step(&f, "cap")->text = &f.lines;
	eval(&f);
	FAIL(&f, 0, "no line matches the pattern on line 8");
	FAIL(&f, 1, "no line matches the pattern on line 9");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[1].detail, "$isn has no value (what bound it did not match)"));
	fx_free(&f);
}

static void test_outcomes_and_data(void)
{
	struct fixture f;
	static const uint8_t got[] = "test\n";

	fx_init(&f, "srv: listen node1 tcp 80\n"
		    "c: connect master node1 80\n"
		    "s: accept srv\n"
		    "d: recv s 5\n"
		    "e: recv s\n"
		    "expect c connected\n"
		    "expect c refused\n"
		    "expect d received \"test\\n\"\n"
		    "expect d received \"tset\\n\"\n"
		    "expect d received 5 bytes\n"
		    "expect d received 6 bytes\n"
		    "expect e eof\n"
		    "expect s connected after 10ms within 5ms\n");
	step(&f, "c")->outcome = SC_OUT_CONNECTED;
	step(&f, "s")->outcome = SC_OUT_CONNECTED;
	step(&f, "s")->took = 20000;
	step(&f, "d")->received = got;
	step(&f, "d")->nreceived = 5;
	step(&f, "e")->outcome = SC_OUT_RESET;
	eval(&f);
	PASS(&f, 0);
	FAIL(&f, 1, "'c' ended connected, not refused");
	PASS(&f, 2);
	FAIL(&f, 3, "'d' received other bytes than expected");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[3].detail, "  expected (5 bytes): \"tset\\n\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[3].detail, "  received (5 bytes): \"test\\n\"\n"));
	PASS(&f, 4);
	FAIL(&f, 5, "'d' received 5 bytes, expected 6");
	FAIL(&f, 6, "'e' ended reset, not eof");
	FAIL(&f, 7, "'s' was connected after 20ms; expected after 10ms (5ms to 15ms)");
	fx_free(&f);
}

static void test_not_run_and_linktype(void)
{
	struct fixture f;

	fx_init(&f, "cap: capture node1 tcpdump -i any\n"
		    "expect cap linktype LINUX_SLL2\n"
		    "expect cap count 0\n");
	step(&f, "cap")->dlt = DLT_LINUX_SLL;
	eval(&f);
	FAIL(&f, 0, "the link type is LINUX_SLL (113), expected LINUX_SLL2 (276)");
	PASS(&f, 1);
	sc_verdicts_free(f.v, f.sc->nexpects);
	step(&f, "cap")->ran = 0;
	eval(&f);
	FAIL(&f, 0, "step 'cap' did not run");
	FAIL(&f, 1, "step 'cap' did not run");
	fx_free(&f);
}

static int write_size(const char *dir, const char *name, size_t n)
{
	char p[512];
	char *buf = calloc(1, n + 1);
	int fd, r;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		free(buf);
		return -1;
	}
	r = write(fd, buf, n) == (ssize_t)n ? 0 : -1;
	close(fd);
	free(buf);
	return r;
}

static void test_files(void)
{
	char dir[] = "/tmp/dumplab-files-XXXXXX", body[2048], p[600];
	struct passwd *pw = getpwuid(geteuid());
	const char *other = geteuid() == 0 ? "nobody" : "root";
	struct fixture f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	CU_ASSERT_PTR_NOT_NULL_FATAL(pw);
	write_size(dir, "f.pcap", 1000);
	write_size(dir, "f.pcap1", 1000);
	write_size(dir, "f.pcap2", 500);
	write_size(dir, "other.txt", 5);
	snprintf(body, sizeof(body),
		 "expect files 'f.pcap*' names f.pcap f.pcap1 f.pcap2\n"
		 "expect files 'f.pcap*' count 3 size <= 1000 owner %s\n"
		 "expect files 'f.pcap*' size 900..1000\n"
		 "expect files 'f.pcap*' count 2\n"
		 "expect files 'f.pcap*' owner %s\n"
		 "expect files 'f.pcap*' names f.pcap f.pcap1\n"
		 "expect files 'g*' count 0\n"
		 "expect files 'f.pcap[0-9]' count 2\n",
		 pw->pw_name, other);
	fx_init(&f, body);
	f.all.workdir = dir;
	eval(&f);
	PASS(&f, 0);
	PASS(&f, 1);
	FAIL(&f, 2, "1 file of 3 breaks it (size 900..1000)");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[2].detail, "  > f.pcap2"));
	FAIL(&f, 3, "3 files match 'f.pcap*'; expected 2");
	FAIL(&f, 4, "3 files of 3 break it (owner)");
	FAIL(&f, 5, "the files matching 'f.pcap*' are not the ones named");
	PASS(&f, 6);
	PASS(&f, 7);
	fx_free(&f);
	snprintf(p, sizeof(p), "rm -rf '%s'", dir);
	CU_ASSERT_EQUAL(system(p), 0);
}

/* Lines that print without packets (a run's output) are listed as such. */
static void test_run_output_exact(void)
{
	struct fixture f;
	static const char out[] = "4\n";

	fx_init(&f, "lin: run master cat /proc/sys/net/ipv4/tcp_syn_linear_timeouts\n"
		    "expect lin output\n  4\nend\n"
		    "expect lin output\n  0\nend\n");
	sc_lines_add(&f.out, out, strlen(out), SC_NONE);
	step(&f, "lin")->text = &f.out;
	eval(&f);
	PASS(&f, 0);
	FAIL(&f, 1, "line 1 does not match the pattern on line 12: expected '0', got '4'");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.v[1].detail, "  line 1: 4\n"));
	fx_free(&f);
}

static void test_lines_split(void)
{
	struct sc_lines l;

	sc_lines_init(&l);
	sc_lines_add(&l, "a\nb\n", 4, 0);
	sc_lines_add(&l, "c", 1, 1);
	sc_lines_add(&l, "\n\n", 2, 2);
	CU_ASSERT_EQUAL(l.n, 5);
	CU_ASSERT_STRING_EQUAL(l.line[1], "b");
	CU_ASSERT_EQUAL(l.pkt[2], 1);
	CU_ASSERT_STRING_EQUAL(l.line[3], "");
	sc_lines_release(&l);
}

static CU_TestInfo tests[] = {
	{ "a dropped SYN's capture: every expectation holds", test_syn_drop_passes },
	{ "the same expectations fail, each explained", test_syn_drop_fails },
	{ "gaps: percent and absolute tolerance, '...'", test_gap_tolerance },
	{ "seq/ack relations of a request and response", test_seq_ack_relations },
	{ "a late segment breaks the relations", test_seq_ack_broken },
	{ "line blocks, contains, has, lacks, variables", test_lines_and_variables },
	{ "a failed binder leaves its variables unbound", test_unbound_after_failure },
	{ "step outcomes and received bytes", test_outcomes_and_data },
	{ "steps that did not run; link types", test_not_run_and_linktype },
	{ "files: names, count, size, owner", test_files },
	{ "a command's output, exactly", test_run_output_exact },
	{ "text split into lines", test_lines_split },
	CU_TEST_INFO_NULL,
};

TU_SUITE("expect", NULL, NULL, tests);
