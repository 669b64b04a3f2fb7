/* test-sc-parse.c: the scenario parser and validation pass: good files, the syntax tree, and a catalogue of bad files. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>

#include "harness/sc.h"
#include "unit/tu-alloc.h"
#include "unit/tu-fs.h"
#include "unit/tu.h"

static struct sc_scenario *load_text(const char *text, char *err)
{
	struct sc_scenario *sc = NULL;

	if (sc_parse(err, "t.scn", text, strlen(text), &sc) < 0)
		return NULL;
	if (sc_check(err, sc) < 0) {
		sc_free(sc);
		return NULL;
	}
	return sc;
}

static const char good[] =
	"# a comment line\n"
	"scenario t\n"
	"title  The lab's title   # a comment after it\n"
	"seed   000 §3.2\n"
	"timeout 20s\n"
	"needs  sysctl net.ipv4.tcp_syn_linear_timeouts\n"
	"needs  tool tshark\n"
	"\n"
	"host master node1 hub\n"
	"link master:eth0 hub:p1 mac 02:00:00:00:00:01 -\n"
	"link node1:eth0  hub:p2\n"
	"bridge hub:br0 hub\n"
	"port hub:br0 p1 p2\n"
	"addr master:eth0 10.0.0.1/24 fd00::1/64\n"
	"addr node1:eth0  10.0.0.2/24\n"
	"route master default via 10.0.0.254\n"
	"route master 224.0.0.0/4 dev eth0\n"
	"sysctl master net.ipv4.tcp_syn_retries=2 net.ipv4.tcp_syn_linear_timeouts=0\n"
	"name 10.0.0.254 gateway\n"
	"file limit.sh mode 0755\n"
	"    #!/bin/sh\n"
	"      echo \"$1\"   # kept as is\n"
	"end\n"
	"rule: run node1 iptables -A INPUT -p tcp --dport 80 -j DROP\n"
	"srv:  listen node1 tcp 80\n"
	"syn:  capture node1 tcpdump -i eth0 -nn -s 128 -Q in \\\n"
	"         '(tcp[tcpflags] & tcp-syn) != 0'   # continued\n"
	"c:    connect master node1 80 from 40000 timeout 15s\n"
	"s:    accept srv timeout 2s\n"
	"      send c \"GET /\\r\\n\\x00\"\n"
	"      urgent c hex 21ff\n"
	"got:  recv s 5 bytes timeout 1s\n"
	"      bulk c 3M\n"
	"      half-close c\n"
	"      abort s\n"
	"p:    ping master node1 count 3 interval 200ms size 100\n"
	"      udp master 224.0.0.251 5353 10 bytes from 5353 dev eth0 ttl 1\n"
	"      dns master node1 _sleep-proxy._udp.local type PTR port 5353 qu\n"
	"      dns master 224.0.0.251 _sleep-proxy._udp.local type PTR port 5353 qu owner dev eth0\n"
	"      await syn 2 timeout 3s\n"
	"      wait 1.5s\n"
	"      stop syn\n"
	"w:    capture node1 tcpdump -i any -w f.pcap\n"
	"      stop w\n"
	"r:    read window 0s 1s tcpdump -r f.pcap -tttt\n"
	"      dump master links routes\n"
	"expect rule exit 0\n"
	"expect rules-are-fine has * DROP *\n";

/* "rules-are-fine" is no step: the good text ends before that line. */
static char *good_text(void)
{
	char *t = strdup(good);
	char *cut = strstr(t, "expect rules-are-fine");

	*cut = '\0';
	return t;
}

static void test_good_tree(void)
{
	char err[HX_ERRLEN] = "";
	char *text = good_text();
	struct sc_scenario *sc = load_text(text, err);
	const struct sc_step *s;
	char a[64];

	free(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	CU_ASSERT_STRING_EQUAL(sc->name, "t");
	CU_ASSERT_STRING_EQUAL(sc->title, "The lab's title");
	CU_ASSERT_STRING_EQUAL(sc->seed, "000 §3.2");
	CU_ASSERT_EQUAL(sc->timeout, 20000000);
	CU_ASSERT_EQUAL(sc->nneeds, 2);
	CU_ASSERT_EQUAL(sc->needs[0].kind, SC_NEED_SYSCTL);
	CU_ASSERT_STRING_EQUAL(sc->needs[1].arg, "tshark");
	CU_ASSERT_EQUAL(sc->nhosts, 3);
	CU_ASSERT_EQUAL(sc->nlinks, 2);
	CU_ASSERT_EQUAL(sc->links[0].end[0].host, 0);
	CU_ASSERT_EQUAL(sc->links[0].end[1].host, 2);
	CU_ASSERT(sc->links[0].has_mac[0] && !sc->links[0].has_mac[1]);
	CU_ASSERT_EQUAL(sc->links[0].mac[0][5], 1);
	CU_ASSERT_EQUAL(sc->nbridges, 1);
	CU_ASSERT_EQUAL(sc->bridges[0].ageing, 0);
	CU_ASSERT_EQUAL(sc->nports, 2);
	CU_ASSERT_EQUAL(sc->ports[1].bridge, 0);
	CU_ASSERT_STRING_EQUAL(sc->ports[1].ifname, "p2");
	CU_ASSERT_EQUAL(sc->naddrs, 3);
	CU_ASSERT_EQUAL(sc->addrs[1].addr.af, AF_INET6);
	CU_ASSERT_EQUAL(sc->addrs[1].plen, 64);
	CU_ASSERT_EQUAL(sc->nroutes, 2);
	CU_ASSERT(sc->routes[0].is_default && sc->routes[0].has_via);
	CU_ASSERT_STRING_EQUAL(sc->routes[1].dev, "eth0");
	CU_ASSERT_EQUAL(sc->routes[1].plen, 4);
	CU_ASSERT_EQUAL(sc->nsysctls, 2);
	CU_ASSERT_STRING_EQUAL(sc->sysctls[1].key, "net.ipv4.tcp_syn_linear_timeouts");
	CU_ASSERT_STRING_EQUAL(sc->sysctls[1].value, "0");
	CU_ASSERT_STRING_EQUAL(sc->names[0].name, "gateway");
	CU_ASSERT_EQUAL(sc->files[0].mode, 0755);
	/* The common indentation goes; the rest is kept, '#' and all. */
	CU_ASSERT_STRING_EQUAL(sc->files[0].text, "#!/bin/sh\n  echo \"$1\"   # kept as is\n");

	s = &sc->steps[0];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_RUN);
	CU_ASSERT_STRING_EQUAL(s->label, "rule");
	CU_ASSERT_EQUAL(s->host, 1);
	CU_ASSERT_EQUAL(s->u.run.argc, 9);
	CU_ASSERT_STRING_EQUAL(s->u.run.argv[0], "iptables");
	CU_ASSERT_STRING_EQUAL(s->u.run.argv[8], "DROP");
	CU_ASSERT_PTR_NULL(s->u.run.argv[9]);

	s = &sc->steps[sc_find_label(sc, "syn")];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_CAPTURE);
	CU_ASSERT_EQUAL(s->u.capture.cmd.argc, 9);
	CU_ASSERT_STRING_EQUAL(s->u.capture.cmd.argv[8], "(tcp[tcpflags] & tcp-syn) != 0");
	CU_ASSERT_EQUAL(s->u.capture.cmd.argpos[8].line, 27);
	CU_ASSERT_EQUAL(s->u.capture.cmd.argpos[8].col, 10);
	CU_ASSERT(s->u.capture.cmd.parsed);
	CU_ASSERT_STRING_EQUAL(s->u.capture.cmd.td.iface, "eth0");
	CU_ASSERT_EQUAL(s->u.capture.cmd.td.snaplen, 128);
	CU_ASSERT_EQUAL(s->u.capture.cmd.td.direction, TD_DIR_IN);
	CU_ASSERT_EQUAL(s->u.capture.cmd.td.pr.nflag, 2);
	CU_ASSERT_STRING_EQUAL(s->u.capture.cmd.td.filter, "(tcp[tcpflags] & tcp-syn) != 0");

	s = &sc->steps[sc_find_label(sc, "c")];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_CONNECT);
	CU_ASSERT_EQUAL(s->u.connect.dest.host, 1);
	CU_ASSERT_STRING_EQUAL(inet_ntop(AF_INET, s->u.connect.dest.addr.a, a, sizeof(a)),
			       "10.0.0.2");
	CU_ASSERT_EQUAL(s->u.connect.port, 80);
	CU_ASSERT_EQUAL(s->u.connect.sport, 40000);
	CU_ASSERT_EQUAL(s->timeout, 15000000);

	s = &sc->steps[sc_find_label(sc, "s")];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_ACCEPT);
	CU_ASSERT_EQUAL(s->ref, sc_find_label(sc, "srv"));

	s = &sc->steps[sc_find_label(sc, "s") + 1];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_SEND);
	CU_ASSERT_EQUAL(s->ref, sc_find_label(sc, "c"));
	CU_ASSERT_EQUAL(s->u.data.len, 8);
	CU_ASSERT(!memcmp(s->u.data.bytes, "GET /\r\n\0", 8));
	s++;
	CU_ASSERT_EQUAL(s->kind, SC_STEP_URGENT);
	CU_ASSERT_EQUAL(s->u.data.len, 2);
	CU_ASSERT_EQUAL(s->u.data.bytes[1], 0xff);

	s = &sc->steps[sc_find_label(sc, "got")];
	CU_ASSERT_EQUAL(s->u.recv.n, 5);
	CU_ASSERT_EQUAL(s->timeout, 1000000);
	s++;
	CU_ASSERT_EQUAL(s->kind, SC_STEP_BULK);
	CU_ASSERT_EQUAL(s->u.data.len, 3000000);
	CU_ASSERT_PTR_NULL(s->u.data.bytes);
	CU_ASSERT_EQUAL((s + 1)->kind, SC_STEP_HALFCLOSE);
	CU_ASSERT_EQUAL((s + 2)->kind, SC_STEP_ABORT);
	CU_ASSERT_EQUAL((s + 2)->ref, sc_find_label(sc, "s"));

	s = &sc->steps[sc_find_label(sc, "p")];
	CU_ASSERT_EQUAL(s->u.ping.count, 3);
	CU_ASSERT_EQUAL(s->u.ping.interval, 200000);
	CU_ASSERT_EQUAL(s->u.ping.size, 100);
	s++;
	CU_ASSERT_EQUAL(s->kind, SC_STEP_UDP);
	CU_ASSERT_EQUAL(s->u.udp.dest.host, SC_NONE);
	CU_ASSERT_EQUAL(s->u.udp.port, 5353);
	CU_ASSERT_EQUAL(s->u.udp.data.len, 10);
	CU_ASSERT_STRING_EQUAL(s->u.udp.dev, "eth0");
	CU_ASSERT_EQUAL(s->u.udp.ttl, 1);
	s++;
	CU_ASSERT_EQUAL(s->kind, SC_STEP_DNS);
	CU_ASSERT_EQUAL(s->u.dns.qtype, 12);
	CU_ASSERT(s->u.dns.qu);
	CU_ASSERT_STRING_EQUAL(s->u.dns.qname, "_sleep-proxy._udp.local");
	CU_ASSERT(!s->u.dns.owner);
	s++;
	CU_ASSERT_EQUAL(s->kind, SC_STEP_DNS);
	CU_ASSERT(s->u.dns.qu && s->u.dns.owner);
	CU_ASSERT_STRING_EQUAL(s->u.dns.dev, "eth0");
	CU_ASSERT_EQUAL(s->u.dns.port, 5353);
	s++;
	CU_ASSERT_EQUAL(s->kind, SC_STEP_AWAIT);
	CU_ASSERT_EQUAL(s->u.await.n, 2);
	CU_ASSERT_EQUAL((s + 1)->u.wait.d, 1500000);

	s = &sc->steps[sc_find_label(sc, "r")];
	CU_ASSERT_EQUAL(s->kind, SC_STEP_READ);
	CU_ASSERT(s->u.read.has_window);
	CU_ASSERT_EQUAL(s->u.read.from, 0);
	CU_ASSERT_EQUAL(s->u.read.to, 1000000);
	CU_ASSERT_EQUAL(s->u.read.writer, sc_find_label(sc, "w"));
	CU_ASSERT_EQUAL(s->u.read.cmd.td.pr.tflag, 4);
	s++;
	CU_ASSERT_EQUAL(s->kind, SC_STEP_DUMP);
	CU_ASSERT_EQUAL(s->u.dump.what, SC_DUMP_LINKS | SC_DUMP_ROUTES);

	CU_ASSERT_EQUAL(sc->nexpects, 1);
	CU_ASSERT_EQUAL(sc->expects[0].src, 0);
	CU_ASSERT_STRING_EQUAL(sc->expects[0].text, "expect rule exit 0");
	CU_ASSERT(sc->checked);
	sc_free(sc);
}

static void test_expectations_tree(void)
{
	static const char text[] =
		"scenario t\ntitle t\nhost a b\nlink a:eth0 b:eth0\n"
		"addr a:eth0 10.0.0.1/24\naddr b:eth0 10.0.0.2/24\n"
		"cap: capture b tcpdump -i eth0\n"
		"c: connect a b 80\n"
		"expect cap count >= 3\n"
		"expect cap count 2..5 when syn not ack from a\n"
		"expect cap none when rst\n"
		"expect cap output   # a comment, not a pattern\n"
		"  * IP a.$p > b.http: Flags [S], seq $isn, ...\n"
		"\n"
		"  ...\n"
		"  * ack $isn+1, win {100..70000}, length 0\n"
		"end\n"
		"expect cap output contains\n"
		"  * Flags [R.] *\n"
		"end\n"
		"expect cap has   * IP b.http > a.$p: Flags [S.], seq *, ack $isn+1, ...   \n"
		"expect cap lacks * IP 'quoted' \"#not a comment\n"
		"expect cap each seq == prev.nxt when from a\n"
		"expect cap each ack == peer.nxt + 1\n"
		"expect cap each seq >= $isn-5\n"
		"expect cap each caplen == wirelen\n"
		"expect cap each src == a\n"
		"expect cap same seq when syn\n"
		"expect cap gaps 1s 2s ... within 20%\n"
		"expect cap gaps 500ms within 50ms when syn\n"
		"expect cap linktype LINUX_SLL2\n"
		"expect c timed-out after 7s within 1s\n"
		"expect c refused\n"
		"expect c received \"abc\"\n"
		"expect c received 5 bytes\n"
		"expect files 'f*.pcap' count 3 size 900k..1M owner tcpdump names f2.pcap f1.pcap\n";
	char err[HX_ERRLEN] = "";
	struct sc_scenario *sc = load_text(text, err);
	const struct sc_expect *e;

	if (!sc)
		fprintf(stderr, "\n%s\n", err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	CU_ASSERT_EQUAL(sc->nexpects, 21);
	e = sc->expects;
	CU_ASSERT_EQUAL(e[0].kind, SC_EX_COUNT);
	CU_ASSERT_EQUAL(e[0].u.count.op, SC_GE);
	CU_ASSERT_EQUAL(e[0].u.count.a, 3);
	CU_ASSERT_EQUAL(e[1].u.count.op, SC_RANGE);
	CU_ASSERT_EQUAL(e[1].u.count.b, 5);
	CU_ASSERT_EQUAL(e[1].nwhen, 3);
	CU_ASSERT(e[1].when[1].negate);
	CU_ASSERT_EQUAL(e[1].when[1].flag, 0x10);
	CU_ASSERT_EQUAL(e[1].when[2].kind, SC_WHEN_FROM);
	CU_ASSERT_EQUAL(e[1].when[2].host, 0);
	CU_ASSERT_EQUAL(e[2].u.count.a, 0);
	CU_ASSERT_EQUAL(e[3].kind, SC_EX_OUTPUT);
	CU_ASSERT_EQUAL(e[3].u.output.n, 3); /* the blank line is no pattern */
	CU_ASSERT(e[3].u.output.lines[1].any_lines);
	CU_ASSERT_EQUAL(e[3].u.output.lines[0].pos.line, 13);
	CU_ASSERT_EQUAL(e[3].u.output.lines[0].pos.col, 3);
	/* $p and $isn bind in the first pattern; $isn+1 refers later on. */
	CU_ASSERT_EQUAL(e[3].u.output.lines[0].toks[2].kind, SC_PT_BIND);
	CU_ASSERT_STRING_EQUAL(e[3].u.output.lines[0].toks[2].text, "p");
	CU_ASSERT_EQUAL(e[3].u.output.lines[2].toks[2].kind, SC_PT_REF);
	CU_ASSERT_STRING_EQUAL(e[3].u.output.lines[2].toks[2].text, "isn");
	CU_ASSERT_EQUAL(e[3].u.output.lines[2].toks[2].off, 1);
	CU_ASSERT_EQUAL(e[4].kind, SC_EX_CONTAINS);
	CU_ASSERT_EQUAL(e[5].kind, SC_EX_HAS);
	CU_ASSERT_STRING_EQUAL(e[5].u.output.lines[0].text,
			       "* IP b.http > a.$p: Flags [S.], seq *, ack $isn+1, ...");
	/* has/lacks take the rest of the line raw: quotes and '#' stay. */
	CU_ASSERT_STRING_EQUAL(e[6].u.output.lines[0].text, "* IP 'quoted' \"#not a comment");
	CU_ASSERT_EQUAL(e[7].kind, SC_EX_EACH);
	CU_ASSERT_EQUAL(e[7].u.each.rhs.kind, SC_OPND_PREV);
	CU_ASSERT_EQUAL(e[7].u.each.rhs.field, SC_F_NXT);
	CU_ASSERT_EQUAL(e[8].u.each.rhs.kind, SC_OPND_PEER);
	CU_ASSERT_EQUAL(e[8].u.each.rhs.num, 1);
	CU_ASSERT_EQUAL(e[9].u.each.op, SC_GE);
	CU_ASSERT_EQUAL(e[9].u.each.rhs.kind, SC_OPND_VAR);
	CU_ASSERT_STRING_EQUAL(e[9].u.each.rhs.text, "isn");
	CU_ASSERT_EQUAL(e[9].u.each.rhs.num, -5);
	CU_ASSERT_EQUAL(e[10].u.each.rhs.kind, SC_OPND_THIS);
	CU_ASSERT_EQUAL(e[10].u.each.rhs.field, SC_F_WIRELEN);
	CU_ASSERT_EQUAL(e[11].u.each.rhs.kind, SC_OPND_TEXT);
	CU_ASSERT_EQUAL(e[12].kind, SC_EX_SAME);
	CU_ASSERT_EQUAL(e[13].kind, SC_EX_GAPS);
	CU_ASSERT_EQUAL(e[13].u.gaps.n, 2);
	CU_ASSERT(e[13].u.gaps.more);
	CU_ASSERT_EQUAL(e[13].u.gaps.tol_pct, 20);
	CU_ASSERT_EQUAL(e[14].u.gaps.tol_pct, -1);
	CU_ASSERT_EQUAL(e[14].u.gaps.tol, 50000);
	CU_ASSERT_EQUAL(e[14].nwhen, 1);
	CU_ASSERT_EQUAL(e[15].u.linktype.dlt, 276);
	CU_ASSERT_EQUAL(e[16].u.outcome.what, SC_OUT_TIMED_OUT);
	CU_ASSERT_EQUAL(e[16].u.outcome.after, 7000000);
	CU_ASSERT_EQUAL(e[16].u.outcome.tol, 1000000);
	CU_ASSERT_EQUAL(e[19].u.received.len, 5);
	CU_ASSERT_PTR_NULL(e[19].u.received.bytes);
	CU_ASSERT_EQUAL(e[20].kind, SC_EX_FILES);
	e = &sc->expects[20];
	CU_ASSERT_STRING_EQUAL(e->u.files.glob, "f*.pcap");
	CU_ASSERT_EQUAL(e->u.files.count.a, 3);
	CU_ASSERT_EQUAL(e->u.files.size.a, 900000);
	CU_ASSERT_EQUAL(e->u.files.size.b, 1000000);
	CU_ASSERT_STRING_EQUAL(e->u.files.owner, "tcpdump");
	CU_ASSERT_EQUAL(e->u.files.nnames, 2);
	CU_ASSERT_STRING_EQUAL(e->u.files.names[0], "f1.pcap"); /* sorted */
	sc_free(sc);
}

/* Statements that must fail, with their exact message, inline. */
static void test_inline_errors(void)
{
	static const struct {
		const char *text, *err;
	} cases[] = {
		{ "scenario t\ntitle t\nhost a\nhost b\x01\n", NULL },
		{ "scenario t\ntitle\n", "t.scn:2:7: missing the title; usage: title TEXT" },
		{ "scenario t\ntitle t\nhost a\0b\n", "t.scn:3:7: NUL byte in the file" },
		{ "scenario t\ntitle t\nrun\n", "t.scn:3:5: missing the host; usage: run HOST COMMAND [ARGS...]" },
		{ "scenario t\ntitle t\nwait 1s 2s\n", "t.scn:3:9: unexpected '2s'; usage: wait DURATION | wait PROCESS [timeout D]" },
		{ "scenario t\ntitle t\n\"host\" a\n", "t.scn:3:1: unknown statement 'host'" },
		{ "scenario t\ntitle t\nhost a\nr: run a echo 'unterminated\n",
		  "t.scn:4:15: unterminated quote: no closing ' on this line" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char err[HX_ERRLEN] = "";
		size_t len = strlen(cases[i].text);
		struct sc_scenario *sc = NULL;
		int r;

		if (i == 2)
			len = sizeof("scenario t\ntitle t\nhost a\0b\n") - 1;
		r = sc_parse(err, "t.scn", cases[i].text, len, &sc);
		if (!cases[i].err) {
			/* A control byte in a name is a bad name, not a crash. */
			CU_ASSERT(r < 0);
			continue;
		}
		CU_ASSERT(r < 0);
		CU_ASSERT_PTR_NULL(sc);
		if (strcmp(err, cases[i].err))
			fprintf(stderr, "\ncase %zu: got '%s'\n", i, err);
		CU_ASSERT_STRING_EQUAL(err, cases[i].err);
		sc_free(sc);
	}
}

/*
 * tests/unit/scn-bad/: every file's first line says the error it must
 * get, "# error: LINE:COL: message"; the message must be exactly
 * "PATH:LINE:COL: message".
 */
static void test_bad_catalogue(void)
{
	const char *dir = "tests/unit/scn-bad";
	struct dirent **ents;
	int n, i, checked = 0;

	n = scandir(dir, &ents, NULL, alphasort);
	CU_ASSERT_FATAL(n > 0);
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		size_t len = strlen(name);
		char path[512], want[HX_ERRLEN + 600], line[HX_ERRLEN], err[HX_ERRLEN] = "";
		struct sc_scenario *sc = NULL;
		FILE *f;
		int r;

		if (len < 5 || strcmp(name + len - 4, ".scn")) {
			free(ents[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		f = fopen(path, "re");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
		fclose(f);
		line[strcspn(line, "\n")] = '\0';
		CU_ASSERT_EQUAL(strncmp(line, "# error: ", 9), 0);
		snprintf(want, sizeof(want), "%s:%s", path, line + 9);
		r = sc_load(err, path, &sc);
		CU_ASSERT(r < 0);
		CU_ASSERT_PTR_NULL(sc);
		if (strcmp(err, want))
			fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, err);
		CU_ASSERT_STRING_EQUAL(err, want);
		sc_free(sc);
		checked++;
		free(ents[i]);
	}
	free(ents);
	CU_ASSERT(checked >= 90);
}

/* Every scenario of the catalogue parses and passes validation. */
static void test_catalogue_loads(void)
{
	static const char *const names[] = {
		"syn-flags", "syn-drop", "syn-drop-linear", "fin", "tcp-flags", "mac",
		"multicast", "absolute-seq", "quiet", "interfaces", "ports",
		"rotate-time", "rotate-size", "privilege", "snaplen", "timestamps",
		"promisc", "direction", "hex", "read-filter", "netlink", "nflog",
		"filters", "seq-ack",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[256], err[HX_ERRLEN] = "";
		struct sc_scenario *sc = NULL;

		snprintf(path, sizeof(path), "scenarios/%s.scn", names[i]);
		if (sc_load(err, path, &sc) < 0)
			fprintf(stderr, "\n%s\n", err);
		CU_ASSERT_PTR_NOT_NULL(sc);
		if (sc) {
			CU_ASSERT_STRING_EQUAL(sc->name, names[i]);
			CU_ASSERT(sc->seed != NULL);
			CU_ASSERT(sc->nexpects > 0);
		}
		sc_free(sc);
	}
}

static void test_durations(void)
{
	sc_usec d;
	char b[32];

	CU_ASSERT_EQUAL(sc_parse_duration("1.5s", &d), 0);
	CU_ASSERT_EQUAL(d, 1500000);
	CU_ASSERT_EQUAL(sc_parse_duration("200ms", &d), 0);
	CU_ASSERT_EQUAL(d, 200000);
	CU_ASSERT_EQUAL(sc_parse_duration("10us", &d), 0);
	CU_ASSERT_EQUAL(d, 10);
	CU_ASSERT_EQUAL(sc_parse_duration("2m", &d), 0);
	CU_ASSERT_EQUAL(d, 120000000);
	CU_ASSERT(sc_parse_duration("5", &d) < 0);
	CU_ASSERT(sc_parse_duration("-1s", &d) < 0);
	CU_ASSERT(sc_parse_duration("1x", &d) < 0);
	CU_ASSERT(sc_parse_duration("s", &d) < 0);
	CU_ASSERT_STRING_EQUAL(sc_duration_str(2000000, b, sizeof(b)), "2s");
	CU_ASSERT_STRING_EQUAL(sc_duration_str(1500000, b, sizeof(b)), "1.5s");
	CU_ASSERT_STRING_EQUAL(sc_duration_str(250000, b, sizeof(b)), "250ms");
	CU_ASSERT_STRING_EQUAL(sc_duration_str(7, b, sizeof(b)), "7us");
}

/* The phase 1 tcpdump option check: bundles, attached values, permutation. */
static void test_tdopts(void)
{
	char *argv1[] = { "tcpdump", "-i", "eth0", "tcp", "dst", "port", "80", "-nn",
			  "-XXs128", "-tttt", "-c", "5", "-C", "1", "-W", "3", "-w", "f",
			  "-z", "./x", "-Z", "nobody", "--immediate-mode", NULL };
	char *argv2[] = { "tcpdump", "-r", "f", "-ttt", "--", "-x", NULL };
	char *argv3[] = { "tcpdump", "-i", NULL };
	struct td_opts o;
	char err[HX_ERRLEN];
	int bad;

	CU_ASSERT_EQUAL(sc_td_parse(err, 23, argv1, TD_CAPTURE, &o, &bad), 0);
	CU_ASSERT_STRING_EQUAL(o.iface, "eth0");
	CU_ASSERT_STRING_EQUAL(o.filter, "tcp dst port 80");
	CU_ASSERT_EQUAL(o.pr.nflag, 2);
	CU_ASSERT_EQUAL(o.pr.Xflag, 2);
	CU_ASSERT_EQUAL(o.snaplen, 128);
	CU_ASSERT_EQUAL(o.pr.tflag, 4);
	CU_ASSERT_EQUAL(o.count, 5);
	CU_ASSERT_EQUAL(o.rotate_bytes, 1000000);
	CU_ASSERT_EQUAL(o.file_limit, 3);
	CU_ASSERT_STRING_EQUAL(o.postrotate, "./x");
	CU_ASSERT_STRING_EQUAL(o.user, "nobody");
	CU_ASSERT(o.immediate);
	sc_td_release(&o);
	CU_ASSERT_EQUAL(sc_td_parse(err, 6, argv2, TD_READ, &o, &bad), 0);
	CU_ASSERT_STRING_EQUAL(o.rfile, "f");
	CU_ASSERT_STRING_EQUAL(o.filter, "-x"); /* after --, a filter word */
	CU_ASSERT_EQUAL(o.pr.tflag, 3);
	sc_td_release(&o);
	CU_ASSERT(sc_td_parse(err, 2, argv3, TD_CAPTURE, &o, &bad) < 0);
	CU_ASSERT_STRING_EQUAL(err, "option -i needs an argument");
	CU_ASSERT_EQUAL(bad, 1);
	sc_td_release(NULL);
}

/*
 * Parses and checks text with the n-th allocation (and every later one)
 * failing, for n = 0, 1, ... until nothing fails: each run returns
 * -ENOMEM with an "out of memory" message, or succeeds, and leaks nothing
 * (LeakSanitizer sees what a path forgot in `make SAN=1 test-unit`).
 * p_port once leaked its bridge's names this way. Returns the runs.
 */
static long oom_sweep(const char *file, const char *text)
{
	long n;

	for (n = 0; n < 100000; n++) {
		char err[HX_ERRLEN] = "";
		struct sc_scenario *sc = NULL;
		long failed;
		int r;

		tu_alloc_fail_after(n);
		r = sc_parse(err, file, text, strlen(text), &sc);
		if (r == 0)
			r = sc_check(err, sc);
		failed = tu_alloc_reset();
		sc_free(sc);
		if (!failed) {
			if (r != 0)
				fprintf(stderr, "\n%s: %s\n", file, err);
			CU_ASSERT_EQUAL(r, 0);
			return n;
		}
		if (r != -ENOMEM || !strstr(err, "out of memory"))
			fprintf(stderr, "\n%s, allocation %ld failing: %d '%s'\n",
				file, n, r, err);
		CU_ASSERT_EQUAL(r, -ENOMEM);
	}
	CU_FAIL("the sweep did not end");
	return n;
}

static void test_out_of_memory(void)
{
	static const char *const names[] = { "promisc", "netlink", "filters",
					     "seq-ack", "rotate-size" };
	char *text = good_text();
	size_t i;

	CU_ASSERT(oom_sweep("t.scn", text) > 100);
	free(text);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[256];
		char *buf;
		long len;

		snprintf(path, sizeof(path), "scenarios/%s.scn", names[i]);
		buf = malloc(1 << 20);
		CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
		len = tu_read_file(path, buf, 1 << 20);
		CU_ASSERT(len > 0);
		if (len > 0)
			CU_ASSERT(oom_sweep(path, buf) > 10);
		free(buf);
	}
}

/*
 * An option given twice is an error at the second: keeping either value
 * would hide a typo, and `dev` once leaked its first copy this way.
 */
static void test_repeated_option(void)
{
	static const char head[] =
		"scenario t\ntitle t\nhost master node1\n"
		"link master:eth0 node1:eth0\n"
		"addr master:eth0 10.0.0.1/24\naddr node1:eth0 10.0.0.2/24\n";
	static const struct {
		const char *line, *err;
	} cases[] = {
		{ "dns master 10.0.0.2 example.com dev eth0 dev eth0",
		  "t.scn:7:42: second 'dev' option (the first is at 7:33)" },
		{ "udp master node1 9 x ttl 1 from 5 ttl 2",
		  "t.scn:7:35: second 'ttl' option (the first is at 7:22)" },
		{ "listen node1 tcp 80 discard discard",
		  "t.scn:7:29: second 'discard' option (the first is at 7:21)" },
		{ "connect master node1 80 timeout 1s \\\n   timeout 2s",
		  "t.scn:8:4: second 'timeout' option (the first is at 7:25)" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[1024], err[HX_ERRLEN] = "";
		struct sc_scenario *sc = NULL;

		snprintf(text, sizeof(text), "%s%s\n", head, cases[i].line);
		CU_ASSERT_EQUAL(sc_parse(err, "t.scn", text, strlen(text), &sc),
				-EINVAL);
		CU_ASSERT_PTR_NULL(sc);
		if (strcmp(err, cases[i].err))
			fprintf(stderr, "\ncase %zu: got '%s'\n", i, err);
		CU_ASSERT_STRING_EQUAL(err, cases[i].err);
	}
}

static CU_TestInfo tests[] = {
	{ "a good file: header, topology, every step", test_good_tree },
	{ "every expectation form", test_expectations_tree },
	{ "inline errors with exact messages", test_inline_errors },
	{ "the catalogue of bad files, message by message", test_bad_catalogue },
	{ "every scenario of the catalogue loads", test_catalogue_loads },
	{ "durations both ways", test_durations },
	{ "tcpdump words: the phase 1 check", test_tdopts },
	{ "out of memory at every allocation", test_out_of_memory },
	{ "an option given twice", test_repeated_option },
	CU_TEST_INFO_NULL,
};

TU_SUITE("scenario-parser", NULL, NULL, tests);
