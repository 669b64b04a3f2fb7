/* test-sc-own.c: the scenario grammar of programs, crafted frames, links and the richer expectations; the docs' examples parse. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/sc.h"
#include "netns/craft.h"
#include "unit/tu.h"

static struct sc_scenario *load_text(const char *file, const char *text, char *err)
{
	struct sc_scenario *sc = NULL;

	if (sc_parse(err, file, text, strlen(text), &sc) < 0)
		return NULL;
	if (sc_check(err, sc) < 0) {
		sc_free(sc);
		return NULL;
	}
	return sc;
}

static const char good[] =
	"scenario t\n"
	"title  programs and crafted frames\n"
	"needs  netem\n"
	"host a b\n"
	"link a:eth0 b:eth0 mac 02:00:00:00:00:01 - mtu 1400\n"
	"link a:eth1 b:eth1 mtu 9000\n"
	"addr a:eth0 10.0.0.1/24\n"
	"addr b:eth0 10.0.0.2/24 fd00::2/64\n"
	"shape a:eth0 rate 1mbit burst 10k latency 20ms\n"
	"shape b:eth0 rate 125kbps\n"
	"file frames.hex\n"
	"  # an ARP request\n"
	"  0x0000: ffff ffff ffff 0200 0000 0001 0806 0001\n"
	"\n"
	"end\n"
	"td:   start b tcpdump -i eth0 -w real.pcap 'tcp port 80' ready \"listening on\" timeout 5s\n"
	"q:    start a sh -c 'echo ready' ready\n"
	"      await td \"Flags [R]\" timeout 3s\n"
	"      await td 'more text'\n"
	"      inject a eth0 ffffffffffff 02:00:00:00:00:01 0806 0001.0800.0604.0001 020000000001 0a000001 000000000000 0a000002\n"
	"      inject a eth0 file frames.hex\n"
	"      inject b lo file some.pcap\n"
	"c:    tcp a b 80 flags SEW seq 0xdeadbeef ack 7 win 512 urg 3 sport 1234 ttl 9 options mss 1460 sackOK ts 100 0 nop wscale 7 sack 1:2 3:4 raw 0a0b data \"hi\"\n"
	"      tcp a 10.0.0.2 81 flags syn|ack\n"
	"      tcp a b 82 flags . ipv6 data 10 bytes\n"
	"p:    ping a b count 3 ttl 1\n"
	"      signal td INT\n"
	"      signal q SIGUSR1\n"
	"      signal q 9\n"
	"      wait td timeout 10s\n"
	"      wait 1ms\n"
	"cap:  capture b tcpdump -i eth0\n"
	"      stop cap\n"
	"r:    read tcpdump -r real.pcap\n"
	"expect td exit 0\n"
	"expect td stdout has * IP *\n"
	"expect td stderr lacks error\n"
	"expect td stderr output\n"
	"  tcpdump: listening on *\n"
	"  ...\n"
	"end\n"
	"expect td stdout output contains\n"
	"  * IP *\n"
	"end\n"
	"expect cap ladder has TCP conversation 1: *\n"
	"expect cap ladder output contains\n"
	"  TCP conversation *\n"
	"end\n"
	"expect cap same-as r\n"
	"expect real.pcap pcap count >= 0x10\n"
	"expect real.pcap pcap has * IP a.* > b.80: *\n"
	"expect sub/f.pcap pcap lacks * RST *\n"
	"expect p sent 3\n"
	"expect p loss <= 34\n"
	"expect p replies 0x3\n"
	"expect cap each flags == syn|ack when syn ack\n"
	"expect cap each flags != 0x04\n"
	"expect cap each flags == S. when syn ack\n"
	"expect cap count 0x10..0x20\n";

static void test_tree(void)
{
	char err[HX_ERRLEN] = "";
	struct sc_scenario *sc = load_text("t.scn", good, err);
	const struct sc_step *s;
	const struct sc_expect *e;
	size_t i;

	if (!sc)
		fprintf(stderr, "\n  %s\n", err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	CU_ASSERT_EQUAL(sc->needs[0].kind, SC_NEED_NETEM);
	CU_ASSERT_EQUAL(sc->links[0].mtu, 1400);
	CU_ASSERT(sc->links[0].has_mac[0] && !sc->links[0].has_mac[1]);
	CU_ASSERT_EQUAL(sc->links[1].mtu, 9000);
	CU_ASSERT_EQUAL(sc->nshapes, 2);
	CU_ASSERT_EQUAL(sc->shapes[0].rate, 125000);
	CU_ASSERT_EQUAL(sc->shapes[0].burst, 10240);
	CU_ASSERT_EQUAL(sc->shapes[0].latency, 20000);
	CU_ASSERT_EQUAL(sc->shapes[1].rate, 125000);
	CU_ASSERT_EQUAL(sc->shapes[1].burst, 0);
	CU_ASSERT_EQUAL(sc->shapes[1].dev.host, 1);

	s = &sc->steps[0];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_START);
	CU_ASSERT_EQUAL(s->host, 1);
	CU_ASSERT_EQUAL(s->u.start.argc, 6);
	CU_ASSERT_STRING_EQUAL(s->u.start.argv[5], "tcp port 80");
	CU_ASSERT_PTR_NULL(s->u.start.argv[6]);
	CU_ASSERT_STRING_EQUAL(s->u.start.ready, "listening on");
	CU_ASSERT_EQUAL(s->timeout, 5000000);
	/* `ready` is the program's own word when it is last */
	s = &sc->steps[1];
	CU_ASSERT_EQUAL(s->u.start.argc, 4);
	CU_ASSERT_STRING_EQUAL(s->u.start.argv[3], "ready");
	CU_ASSERT_PTR_NULL(s->u.start.ready);
	s = &sc->steps[2];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_AWAITTEXT);
	CU_ASSERT_EQUAL(s->ref, 0);
	CU_ASSERT_STRING_EQUAL(s->u.awaittext.text, "Flags [R]");
	CU_ASSERT_EQUAL(s->timeout, 3000000);
	CU_ASSERT_EQUAL(sc->steps[3].kind, SC_STEP_AWAITTEXT);

	s = &sc->steps[4];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_INJECT);
	CU_ASSERT_STRING_EQUAL(s->u.inject.ifname, "eth0");
	CU_ASSERT_EQUAL(s->u.inject.frame.len, 42);
	CU_ASSERT(s->u.inject.frame.bytes[0] == 0xff && s->u.inject.frame.bytes[6] == 0x02 &&
		  s->u.inject.frame.bytes[12] == 0x08 && s->u.inject.frame.bytes[41] == 0x02);
	CU_ASSERT_STRING_EQUAL(sc->steps[5].u.inject.file, "frames.hex");
	CU_ASSERT_STRING_EQUAL(sc->steps[6].u.inject.ifname, "lo");

	s = &sc->steps[7];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_TCP);
	CU_ASSERT_EQUAL(s->u.tcp.flags, NS_TH_SYN | NS_TH_ECE | NS_TH_CWR);
	CU_ASSERT_EQUAL(s->u.tcp.seq, 0xdeadbeefu);
	CU_ASSERT_EQUAL(s->u.tcp.ack, 7);
	CU_ASSERT_EQUAL(s->u.tcp.win, 512);
	CU_ASSERT_EQUAL(s->u.tcp.urp, 3);
	CU_ASSERT_EQUAL(s->u.tcp.sport, 1234);
	CU_ASSERT_EQUAL(s->u.tcp.ttl, 9);
	/* mss 4 + sackOK 2 + ts 10 + nop 1 + wscale 3 + sack 18 + raw 2 */
	CU_ASSERT_EQUAL(s->u.tcp.optlen, 40);
	CU_ASSERT(s->u.tcp.optlen == 40 && s->u.tcp.opts[0] == 2 && s->u.tcp.opts[38] == 0x0a &&
		  s->u.tcp.opts[39] == 0x0b);
	CU_ASSERT_EQUAL(s->u.tcp.data.len, 2);
	CU_ASSERT_EQUAL(s->u.tcp.dest.host, 1);
	s = &sc->steps[8];
	CU_ASSERT_EQUAL(s->u.tcp.flags, NS_TH_SYN | NS_TH_ACK);
	CU_ASSERT_EQUAL(s->u.tcp.win, 64240);
	CU_ASSERT_EQUAL(s->u.tcp.dest.host, SC_NONE);
	s = &sc->steps[9];
	CU_ASSERT_EQUAL(s->u.tcp.flags, NS_TH_ACK);
	CU_ASSERT(s->u.tcp.ipv6 && s->u.tcp.dest.addr.af == 10 /* AF_INET6 */);
	CU_ASSERT(s->u.tcp.data.len == 10 && !s->u.tcp.data.bytes);

	CU_ASSERT_EQUAL(sc->steps[10].u.ping.ttl, 1);
	CU_ASSERT_EQUAL(sc->steps[10].u.ping.count, 3);
	CU_ASSERT_EQUAL(sc->steps[11].kind, SC_STEP_SIGNAL);
	CU_ASSERT_EQUAL(sc->steps[11].u.signal.sig, SIGINT);
	CU_ASSERT_EQUAL(sc->steps[12].u.signal.sig, SIGUSR1);
	CU_ASSERT_EQUAL(sc->steps[12].ref, 1);
	CU_ASSERT_EQUAL(sc->steps[13].u.signal.sig, 9);
	CU_ASSERT_EQUAL(sc->steps[14].kind, SC_STEP_WAITPROC);
	CU_ASSERT_EQUAL(sc->steps[14].ref, 0);
	CU_ASSERT_EQUAL(sc->steps[14].timeout, 10000000);
	CU_ASSERT_EQUAL(sc->steps[15].kind, SC_STEP_WAIT);
	CU_ASSERT_EQUAL(sc->steps[15].u.wait.d, 1000);
	CU_ASSERT_EQUAL(sc->steps[18].kind, SC_STEP_READ);
	CU_ASSERT_EQUAL(sc->steps[18].u.read.writer, SC_NONE);

	e = &sc->expects[0];
	CU_ASSERT_EQUAL(e->kind, SC_EX_EXIT);
	CU_ASSERT_EQUAL(e->src, 0);
	CU_ASSERT(sc->expects[1].kind == SC_EX_HAS && sc->expects[1].text_of == SC_TEXT_STDOUT);
	CU_ASSERT(sc->expects[2].kind == SC_EX_LACKS && sc->expects[2].text_of == SC_TEXT_STDERR);
	CU_ASSERT(sc->expects[3].kind == SC_EX_OUTPUT && sc->expects[3].u.output.n == 2);
	CU_ASSERT(sc->expects[4].kind == SC_EX_CONTAINS &&
		  sc->expects[4].text_of == SC_TEXT_STDOUT);
	CU_ASSERT(sc->expects[5].kind == SC_EX_HAS && sc->expects[5].text_of == SC_TEXT_LADDER);
	CU_ASSERT(sc->expects[6].kind == SC_EX_CONTAINS &&
		  sc->expects[6].text_of == SC_TEXT_LADDER);
	e = &sc->expects[7];
	CU_ASSERT_EQUAL(e->kind, SC_EX_SAME_AS);
	CU_ASSERT_EQUAL(e->src, 16);
	CU_ASSERT_EQUAL(e->u.same_as.other, 18);
	e = &sc->expects[8];
	CU_ASSERT_EQUAL(e->kind, SC_EX_PCAP_COUNT);
	CU_ASSERT_EQUAL(e->src, SC_NONE);
	CU_ASSERT_STRING_EQUAL(e->srcname, "real.pcap");
	CU_ASSERT(e->u.count.op == SC_GE && e->u.count.a == 16);
	CU_ASSERT_EQUAL(sc->expects[9].kind, SC_EX_PCAP_HAS);
	CU_ASSERT_EQUAL(sc->expects[10].kind, SC_EX_PCAP_LACKS);
	CU_ASSERT_STRING_EQUAL(sc->expects[10].srcname, "sub/f.pcap");
	CU_ASSERT(sc->expects[11].kind == SC_EX_SENT && sc->expects[11].u.count.a == 3);
	CU_ASSERT(sc->expects[12].kind == SC_EX_LOSS && sc->expects[12].u.count.op == SC_LE);
	CU_ASSERT(sc->expects[13].kind == SC_EX_REPLIES && sc->expects[13].u.count.a == 3);
	e = &sc->expects[14];
	CU_ASSERT(e->kind == SC_EX_EACH && e->u.each.field == SC_F_FLAGS &&
		  e->u.each.rhs.kind == SC_OPND_NUM && e->u.each.rhs.num == 0x12);
	CU_ASSERT_EQUAL(e->nwhen, 2);
	CU_ASSERT(sc->expects[15].u.each.rhs.num == 4 && sc->expects[15].u.each.op == SC_NE);
	CU_ASSERT_EQUAL(sc->expects[16].u.each.rhs.num, 0x12);
	e = &sc->expects[17];
	CU_ASSERT(e->u.count.op == SC_RANGE && e->u.count.a == 16 && e->u.count.b == 32);
	for (i = 0; i < sc->nsteps; i++)
		CU_ASSERT(strcmp(sc_step_name(sc->steps[i].kind), "?") != 0);
	sc_free(sc);
}

/* Every complete scenario (a ```scn block) of the docs parses and passes
 * validation; tests/scenario/run runs them. */
static void test_doc_examples(void)
{
	static const char *const docs[] = { "docs/scenario-format.md", "docs/regression.md" };
	size_t d;
	int n = 0;

	for (d = 0; d < sizeof(docs) / sizeof(docs[0]); d++) {
		FILE *f = fopen(docs[d], "re");
		char line[4096], file[128];
		char *text = NULL;
		size_t len = 0, cap = 0;
		int in = 0;

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		while (fgets(line, sizeof(line), f)) {
			if (!in && !strcmp(line, "```scn\n")) {
				in = 1;
				len = 0;
				continue;
			}
			if (in && !strcmp(line, "```\n")) {
				char err[HX_ERRLEN] = "", name[100] = "";
				struct sc_scenario *sc;
				const char *at;

				in = 0;
				text[len] = '\0';
				at = strstr(text, "scenario ");
				CU_ASSERT_PTR_NOT_NULL_FATAL(at);
				sscanf(at + 9, "%99s", name);
				snprintf(file, sizeof(file), "%s.scn", name);
				sc = load_text(file, text, err);
				if (!sc)
					fprintf(stderr, "\n  %s: %s\n", docs[d], err);
				CU_ASSERT_PTR_NOT_NULL(sc);
				CU_ASSERT(sc && sc->nexpects > 0);
				sc_free(sc);
				n++;
				continue;
			}
			if (in) {
				size_t l = strlen(line);

				if (len + l + 1 > cap) {
					cap = (len + l + 1) * 2;
					text = realloc(text, cap);
					CU_ASSERT_PTR_NOT_NULL_FATAL(text);
				}
				memcpy(text + len, line, l);
				len += l;
			}
		}
		fclose(f);
		free(text);
	}
	/* doc-links, doc-start, doc-craft, doc-synack, my-rotation, my-daemon */
	CU_ASSERT(n >= 6);
}

struct frames {
	size_t n, len[4];
	unsigned line[4];
	uint8_t first[4];
};

static int one_frame(void *arg, const uint8_t *f, size_t n, unsigned line)
{
	struct frames *fr = arg;

	if (fr->n == 4)
		return -E2BIG;
	fr->len[fr->n] = n;
	fr->line[fr->n] = line;
	fr->first[fr->n] = f[0];
	fr->n++;
	return 0;
}

/* Hex frames as tcpdump -xx prints them: lines join, blank lines part. */
static void test_hex_frames(void)
{
	static const char text[] =
		"# an ARP reply\n"
		"0x0000:  0200 0000 0002 0200 0000 0001 0806 0001\n"
		"0x0010:  0800 0604 0002 0200 0000 0001 0a00 0001\n"
		"0x0020:  0200 0000 0002 0a00 0002\n"
		"\n"
		"  \t\n"
		"ff:ff:ff:ff:ff:ff 02.00.00.00.00.01 0806 # a comment after it\n";
	uint8_t buf[128], one[8];
	struct frames fr = { 0 };
	unsigned bad = 0;
	size_t len, at;
	int odd = 0;

	CU_ASSERT_EQUAL(sc_hex_frames(text, sizeof(text) - 1, buf, sizeof(buf), one_frame,
				      &fr, &bad, &odd), 0);
	CU_ASSERT_EQUAL(fr.n, 2);
	CU_ASSERT(fr.len[0] == 42 && fr.line[0] == 2 && fr.first[0] == 0x02);
	CU_ASSERT(fr.len[1] == 14 && fr.line[1] == 7 && fr.first[1] == 0xff);
	memset(&fr, 0, sizeof(fr));
	CU_ASSERT_EQUAL(sc_hex_frames("0102\n030\n", 9, buf, sizeof(buf), one_frame, &fr,
				      &bad, &odd), -EINVAL);
	CU_ASSERT(bad == 2 && odd == 1 && fr.n == 0);
	CU_ASSERT_EQUAL(sc_hex_frames("01zz\n", 5, buf, sizeof(buf), one_frame, &fr, &bad,
				      &odd), -EINVAL);
	CU_ASSERT(bad == 1 && odd == 0);
	CU_ASSERT_EQUAL(sc_hex_frames("0102030405\n", 11, buf, 4, one_frame, &fr, &bad,
				      &odd), -EMSGSIZE);
	CU_ASSERT_EQUAL(sc_hex_frame("0a0b 0c", 7, one, sizeof(one), &len, &at), 0);
	CU_ASSERT(len == 3 && one[2] == 0x0c);
	CU_ASSERT_EQUAL(sc_hex_frame("0a0b0", 5, one, sizeof(one), &len, &at), -1);
	CU_ASSERT_EQUAL(at, 5);
	CU_ASSERT_EQUAL(sc_hex_frame("0a 0 b", 6, one, sizeof(one), &len, &at), -1);
	CU_ASSERT_EQUAL(at, 4);
}

static CU_TestInfo tests[] = {
	{ "hex frames: tcpdump -xx lines, blank lines between frames", test_hex_frames },
	{ "programs, crafted frames, links, expectations: the tree", test_tree },
	{ "the docs' scenarios parse and validate", test_doc_examples },
	CU_TEST_INFO_NULL,
};

TU_SUITE("scenario-own", NULL, NULL, tests);
