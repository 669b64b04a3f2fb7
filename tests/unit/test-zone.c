/* test-zone.c: the master-file reader on good and bad zones, and the answers a name server gives from a zone. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "netns/actor.h"
#include "netns/zone.h"
#include "unit/tu-alloc.h"
#include "unit/tu.h"

static char err[HX_ERRLEN];

/* The zone of the formats-dns lab (scenarios/formats-dns.scn). */
static const char berkeley[] =
	"; berkeley.edu, as helios knows it\n"
	"$ORIGIN berkeley.edu.\n"
	"$TTL 1d\n"
	"@        IN SOA  ucbvax hostmaster.eecs (\n"
	"                 2026120201 ; serial\n"
	"                 3h 1h 1w 1h )\n"
	"         IN NS   ns.cs\n"
	"         IN NS   ns.eecs\n"
	"         IN NS   ns.math\n"
	"ucbvax   IN A    128.32.137.3\n"
	"         IN A    128.32.130.12\n"
	"         IN A    128.32.133.1\n"
	"ucbcad   IN A    128.32.149.1\n"
	"ns.cs    IN A    128.32.136.9\n"
	"         IN A    128.32.136.12\n"
	"ns.eecs  IN A    128.32.133.9\n"
	"         IN A    128.32.206.12\n"
	"         IN AAAA 2607:f140::53\n"
	"ns.math  IN A    169.229.1.9\n"
	"ns.math  IN A    128.32.37.41\n"
	"mail     IN MX   10 ucbvax\n"
	"www      IN CNAME ucbvax\n"
	"motd     300 IN TXT \"welcome to\" \"berkeley\"\n"
	"3.137.32.128.in-addr IN PTR ucbvax.berkeley.edu.\n";

static struct ns_zone *load(const char *text)
{
	struct ns_zone *z = NULL;
	unsigned line, col;
	int r = ns_zone_parse(err, text, strlen(text), NULL, &z, &line, &col);

	if (r < 0)
		fprintf(stderr, "zone: %u:%u: %s\n", line, col, err);
	CU_ASSERT_EQUAL(r, 0);
	return z;
}

/* Asks the zone; returns the response's length, the parsed message in m. */
static int ask(const struct ns_zone *z, const struct ns_zone_cfg *c, const char *name,
	       uint16_t type, size_t max, struct ns_dns_msg *m, struct hx_buf *out)
{
	struct hx_buf q = HX_BUF_INIT;
	struct ns_dns_query dq = { .id = 3, .flags = NS_DNS_RD, .name = name, .type = type };
	int n;

	CU_ASSERT(ns_dns_build_query(err, &q, &dq) > 0);
	hx_buf_reset(out);
	n = ns_zone_answer(z, c, (const uint8_t *)q.p, q.len, max, out);
	hx_buf_release(&q);
	if (n > 0)
		CU_ASSERT_EQUAL(ns_dns_parse(err, (const uint8_t *)out->p, out->len, m), 0);
	return n;
}

static void test_parse_good(void)
{
	struct ns_zone *z = load(berkeley);

	if (!z)
		return;
	CU_ASSERT_EQUAL(ns_zone_count(z), 19);
	CU_ASSERT_STRING_EQUAL(ns_zone_apex(z), "berkeley.edu.");
	ns_zone_free(z);
	ns_zone_free(NULL);

	/* An origin given by the caller, a TTL carried from the record
	 * before (RFC 1035 5.1), class and TTL in either order, escapes. */
	{
		static const char t[] =
			"@ 3600 IN SOA a b 1 2 3 4 5\n"
			"a IN 60 A 10.0.0.1\n"
			"b A 10.0.0.2\n"
			"c\\.d AAAA fd00::1\n"
			"e\\065 TXT \"x\\\"y\" z\n";
		unsigned line, col;

		CU_ASSERT_EQUAL(ns_zone_parse(err, t, strlen(t), "example.", &z, &line, &col), 0);
		if (z) {
			CU_ASSERT_EQUAL(ns_zone_count(z), 5);
			CU_ASSERT_STRING_EQUAL(ns_zone_apex(z), "example.");
		}
		ns_zone_free(z);
	}
}

/* The manual's answers: 3/3/7 in 273 bytes, NXDomain* 0/1/0 in 97. */
static void test_manual_lines(void)
{
	struct ns_zone *z = load(berkeley);
	struct ns_zone_cfg cache = { .cache = 1, .ra = 1 }, master = { .ra = 1 },
			   minimal = { .cache = 1, .minimal = 1 };
	struct hx_buf out = HX_BUF_INIT;
	struct ns_dns_msg m;

	if (!z)
		return;
	CU_ASSERT_EQUAL(ask(z, &cache, "ucbvax.berkeley.edu", NS_DNS_A, 512, &m, &out), 273);
	CU_ASSERT_EQUAL(m.flags, 0x8180); /* QR RD RA: "3 3/3/7" */
	CU_ASSERT(m.ancount == 3 && m.nscount == 3 && m.arcount == 7);
	CU_ASSERT(!memcmp(m.an[0].rdata, "\x80\x20\x89\x03", 4));
	CU_ASSERT(!memcmp(m.an[2].rdata, "\x80\x20\x85\x01", 4));
	/* The answers point at the question's name. */
	CU_ASSERT((uint8_t)out.p[37] == 0xc0 && out.p[38] == 12);

	CU_ASSERT_EQUAL(ask(z, &master, "ucbarpa.berkeley.edu", NS_DNS_A, 512, &m, &out), 97);
	CU_ASSERT_EQUAL(m.flags, 0x8583); /* AA, NXDOMAIN: "2 NXDomain* 0/1/0" */
	CU_ASSERT(m.ancount == 0 && m.nscount == 1 && m.arcount == 0);
	/* The SOA's TTL is its MINIMUM, 1h (RFC 2308 3). */
	CU_ASSERT(!memcmp(out.p + 38 + 6, "\x00\x00\x0e\x10", 4));

	CU_ASSERT_EQUAL(ask(z, &minimal, "ucbcad.berkeley.edu", NS_DNS_A, 512, &m, &out), 53);
	CU_ASSERT_EQUAL(m.flags, 0x8100); /* no RA: "4- 1/0/0" */
	CU_ASSERT(m.ancount == 1 && m.nscount == 0 && m.arcount == 0);
	hx_buf_release(&out);
	ns_zone_free(z);
}

static void test_answers(void)
{
	struct ns_zone *z = load(berkeley);
	struct ns_zone_cfg c = { 0 };
	struct hx_buf out = HX_BUF_INIT;
	struct ns_dns_msg m;

	if (!z)
		return;
	/* A CNAME is followed inside the zone. */
	CU_ASSERT(ask(z, &c, "WWW.Berkeley.EDU", NS_DNS_A, 512, &m, &out) > 0);
	CU_ASSERT(m.flags == 0x8500 && m.ancount == 4);
	CU_ASSERT(m.an[0].type == NS_DNS_CNAME && m.an[1].type == NS_DNS_A);
	/* The name without that type: no error, no answer, the SOA. */
	CU_ASSERT(ask(z, &c, "ucbvax.berkeley.edu", NS_DNS_AAAA, 512, &m, &out) > 0);
	CU_ASSERT(m.flags == 0x8500 && m.ancount == 0 && m.nscount == 1);
	/* An empty non-terminal (math.berkeley.edu has a name below it). */
	CU_ASSERT(ask(z, &c, "math.berkeley.edu", NS_DNS_A, 512, &m, &out) > 0);
	CU_ASSERT(m.flags == 0x8500 && m.nscount == 1);
	/* MX: the exchange's addresses in the additional section. */
	CU_ASSERT(ask(z, &c, "mail.berkeley.edu", NS_DNS_MX, 512, &m, &out) > 0);
	CU_ASSERT(m.ancount == 1 && m.nscount == 3 && m.arcount == 3 + 7);
	/* NS at the apex: no authority section, the addresses added. */
	CU_ASSERT(ask(z, &c, "berkeley.edu", NS_DNS_NS, 512, &m, &out) > 0);
	CU_ASSERT(m.ancount == 3 && m.nscount == 0 && m.arcount == 7);
	/* ANY, TXT, PTR. */
	CU_ASSERT(ask(z, &c, "motd.berkeley.edu", NS_DNS_TXT, 512, &m, &out) > 0);
	CU_ASSERT(m.ancount == 1 && m.an[0].ttl == 300 &&
		  m.an[0].rdlen == 20 && !memcmp(m.an[0].rdata, "\x0awelcome to\x08" "berk", 16));
	CU_ASSERT(ask(z, &c, "3.137.32.128.in-addr.berkeley.edu", NS_DNS_PTR, 512, &m, &out) > 0);
	CU_ASSERT(m.ancount == 1 && m.an[0].type == NS_DNS_PTR);
	CU_ASSERT(ask(z, &c, "ucbvax.berkeley.edu", NS_DNS_ANY, 512, &m, &out) > 0);
	CU_ASSERT(m.ancount == 3);
	/* Outside the zone: refused, not authoritative. */
	CU_ASSERT(ask(z, &c, "mit.edu", NS_DNS_A, 512, &m, &out) > 0);
	CU_ASSERT_EQUAL(m.flags, 0x8105);
	hx_buf_release(&out);
	ns_zone_free(z);
}

/* An answer over 512 bytes: TC and the question only over UDP; all of it
 * over TCP. Authority and additional records that do not fit are left
 * out without TC. */
static void test_truncation(void)
{
	struct hx_buf t = HX_BUF_INIT, out = HX_BUF_INIT;
	struct ns_zone_cfg c = { .ra = 1 };
	struct ns_dns_msg m;
	struct ns_zone *z;
	int i, n;

	hx_buf_puts(&t, berkeley);
	for (i = 1; i <= 32; i++)
		hx_buf_printf(&t, "lab IN A 128.32.140.%d\n", i);
	z = load(t.p);
	hx_buf_release(&t);
	if (!z)
		return;
	n = ask(z, &c, "lab.berkeley.edu", NS_DNS_A, 512, &m, &out);
	CU_ASSERT_EQUAL(n, 34);
	CU_ASSERT_EQUAL(m.flags, 0x8780); /* AA TC RD RA */
	CU_ASSERT(m.qdcount == 1 && m.ancount == 0 && m.nscount == 0 && m.arcount == 0);
	n = ask(z, &c, "lab.berkeley.edu", NS_DNS_A, 65535, &m, &out);
	CU_ASSERT(n > 512);
	CU_ASSERT(m.flags == 0x8580 && m.ancount == 32 && m.nscount == 3 && m.arcount == 7);
	/* 26 addresses fit (34 + 26 * 16 = 450), their NS records do not
	 * all: the answer alone, no TC. */
	ns_zone_free(z);
	hx_buf_init(&t);
	hx_buf_puts(&t, berkeley);
	for (i = 1; i <= 29; i++)
		hx_buf_printf(&t, "lab IN A 128.32.140.%d\n", i);
	z = load(t.p);
	hx_buf_release(&t);
	if (!z)
		return;
	n = ask(z, &c, "lab.berkeley.edu", NS_DNS_A, 512, &m, &out);
	CU_ASSERT_EQUAL(n, 34 + 29 * 16);
	CU_ASSERT(m.flags == 0x8580 && m.ancount == 29 && m.nscount == 0 && m.arcount == 0);
	hx_buf_release(&out);
	ns_zone_free(z);
}

/* What is not a query gets no response; a bad query gets its rcode. */
static void test_bad_queries(void)
{
	struct ns_zone *z = load(berkeley);
	struct hx_buf out = HX_BUF_INIT;
	static const uint8_t response[12] = { 0, 1, 0x81, 0x80, 0, 0 };
	static const uint8_t two_q[12] = { 0, 1, 0x01, 0x00, 0, 2 };
	static const uint8_t notify[12] = { 0, 1, 0x20, 0x00, 0, 1 };
	static const uint8_t ptr_q[] = { 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
					 0xc0, 0x0c, 0, 1, 0, 1 };
	static const uint8_t cut_q[] = { 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
					 6, 'u', 'c', 'b' };

	if (!z)
		return;
	CU_ASSERT_EQUAL(ns_zone_answer(z, NULL, response, 12, 512, &out), -EBADMSG);
	CU_ASSERT_EQUAL(ns_zone_answer(z, NULL, response, 11, 512, &out), -EBADMSG);
	CU_ASSERT_EQUAL(out.len, 0);
	CU_ASSERT_EQUAL(ns_zone_answer(z, NULL, two_q, 12, 512, &out), 12);
	CU_ASSERT((uint8_t)out.p[3] == 0x01 && out.p[5] == 0); /* FORMERR */
	hx_buf_reset(&out);
	CU_ASSERT_EQUAL(ns_zone_answer(z, NULL, notify, 12, 512, &out), 12);
	CU_ASSERT((uint8_t)out.p[2] == 0xa0 && out.p[3] == 0x04); /* NOTIMP */
	hx_buf_reset(&out);
	CU_ASSERT_EQUAL(ns_zone_answer(z, NULL, ptr_q, sizeof(ptr_q), 512, &out), 12);
	CU_ASSERT(out.p[3] == 0x01);
	hx_buf_reset(&out);
	CU_ASSERT_EQUAL(ns_zone_answer(z, NULL, cut_q, sizeof(cut_q), 512, &out), 12);
	CU_ASSERT(out.p[3] == 0x01);
	hx_buf_release(&out);
	ns_zone_free(z);
}

/* Bad files: the line, the column and the message. */
static void test_parse_bad(void)
{
	static const struct {
		const char *text;
		unsigned line, col;
		const char *msg;
	} bad[] = {
		{ "$TTL 1h\n@ SOA a b 1 2 3 4 5\n", 2, 1,
		  "'@' with no origin (write $ORIGIN first)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nwww A 300.1.2.3\n", 4, 7,
		  "'300.1.2.3' is not an IPv4 address" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nwww AAA ::1\n", 4, 5,
		  "unknown record type 'AAA' (A, AAAA, NS, CNAME, MX, PTR, SOA, TXT)" },
		{ "$ORIGIN x.\n$TTL 1h\nwww A 10.0.0.1\n", 3, 5,
		  "the first record must be the zone's SOA, not A" },
		{ "$ORIGIN x.\n@ SOA a b 1 2 3 4 5\n", 2, 1,
		  "the record has no TTL (write $TTL first, or a TTL in it)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b ( 1 2 3 4 5\n", 3, 11,
		  "'(' is not closed before the end of the file" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5 )\n", 3, 21,
		  "')' without an opening '('" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nt TXT \"open\n", 4, 7,
		  "a quoted string that does not end on its line" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nw CNAME a\nw A 10.0.0.1\n", 5, 1,
		  "'w.x.' has a CNAME and other data (RFC 1034 3.6.2)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nw.y. A 10.0.0.1\n", 4, 1,
		  "'w.y.' is outside the zone 'x.'" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\n@ SOA a b 1 2 3 4 5\n", 4, 3,
		  "second SOA record (the first is at 3:1)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nm MX 70000 a\n", 4, 6,
		  "'70000' is not a preference (0-65535)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4\n", 3, 3,
		  "SOA record needs seven values: MNAME RNAME SERIAL REFRESH RETRY EXPIRE MINIMUM" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3x 4 5\n", 3, 15,
		  "'3x' is not a time (seconds, or 1w2d3h4m5s)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nw A 10.0.0.1 10.0.0.2\n", 4, 14,
		  "extra word '10.0.0.2' after the A record's data" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\na..b A 10.0.0.1\n", 4, 1,
		  "name 'a..b' has an empty label" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\n"
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa A 10.0.0.1\n", 4, 1,
		  "a label of name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is longer than 63 bytes" },
		{ "$ORIGIN x.\n$TTL 1h\n@ CH SOA a b 1 2 3 4 5\n", 3, 3,
		  "class 'CH' is not supported (only IN)" },
		{ "$ORIGIN x.\n$INCLUDE other.zone\n", 2, 1,
		  "$INCLUDE is not supported: write the records here" },
		{ "$ORIGIN x.\n$GENERATE 1-9 h$ A 10.0.0.$\n", 2, 1,
		  "unknown directive '$GENERATE' ($ORIGIN, $TTL)" },
		{ "$ORIGIN x.\n$TTL 1h\n  A 10.0.0.1\n", 3, 3,
		  "the first record has no owner (it starts with a blank)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nw 1h30 A 10.0.0.1\n", 4, 3,
		  "'1h30' is not a TTL (seconds, or 1w2d3h4m5s)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 99999999999 2 3 4 5\n", 3, 11,
		  "'99999999999' is not a serial number (0-4294967295)" },
		{ "; nothing\n\n", 3, 1, "the zone has no records (its SOA first)" },
		{ "$ORIGIN x.\n$TTL 1h\n@ SOA a b 1 2 3 4 5\nn\\99 A 10.0.0.1\n", 4, 1,
		  "name 'n\\99' has a bad \\DDD escape" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ns_zone *z = (struct ns_zone *)1;
		unsigned line = 0, col = 0;
		int r = ns_zone_parse(err, bad[i].text, strlen(bad[i].text), NULL, &z, &line,
				      &col);

		CU_ASSERT_EQUAL(r, -EINVAL);
		CU_ASSERT_PTR_NULL(z);
		if (line != bad[i].line || col != bad[i].col || strcmp(err, bad[i].msg))
			fprintf(stderr, "\nbad zone %zu: got %u:%u: %s\n", i, line, col, err);
		CU_ASSERT_EQUAL(line, bad[i].line);
		CU_ASSERT_EQUAL(col, bad[i].col);
		CU_ASSERT_STRING_EQUAL(err, bad[i].msg);
	}
}

/* Every allocation that fails leaves nothing behind and says so. */
static void test_parse_oom(void)
{
	long k;

	for (k = 0; k < 200; k++) {
		struct ns_zone *z = NULL;
		unsigned line, col;
		int r;

		tu_alloc_fail_after(k);
		r = ns_zone_parse(err, berkeley, strlen(berkeley), NULL, &z, &line, &col);
		tu_alloc_reset();
		if (r == 0) {
			ns_zone_free(z);
			break;
		}
		CU_ASSERT_EQUAL(r, -ENOMEM);
		CU_ASSERT_PTR_NULL(z);
	}
	CU_ASSERT(k < 200);
}

static CU_TestInfo tests[] = {
	{ "good zones: origin, TTLs, classes, escapes", test_parse_good },
	{ "the manual's answers: 3/3/7 (273), NXDomain* 0/1/0 (97), 53", test_manual_lines },
	{ "CNAME, no data, empty non-terminal, MX, NS, TXT, PTR, ANY, refused", test_answers },
	{ "truncation over UDP, all of it over TCP", test_truncation },
	{ "responses, bad queries: no reply, FORMERR, NOTIMP", test_bad_queries },
	{ "bad zones: line, column and message", test_parse_bad },
	{ "out of memory while parsing", test_parse_oom },
	CU_TEST_INFO_NULL,
};

TU_SUITE("zone", NULL, NULL, tests);
