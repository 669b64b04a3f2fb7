/* test-dns-build.c: the DNS builder and parser against known bytes; NTP and the pattern. */
#include <errno.h>
#include <string.h>

#include "netns/actor.h"
#include "unit/tpkt.h"
#include "unit/tu.h"

static char err[HX_ERRLEN];

/* The seed's mDNS query (000 §5): tcpdump prints it as
 * "0 [1au] PTR (QU)? _sleep-proxy._udp.local. (70)". */
static const uint8_t sleep_proxy[70] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x0c, '_', 's', 'l', 'e', 'e', 'p', '-', 'p', 'r', 'o', 'x', 'y',
	0x04, '_', 'u', 'd', 'p',
	0x05, 'l', 'o', 'c', 'a', 'l', 0x00,
	0x00, 0x0c, 0x80, 0x01,
	0x00, 0x00, 0x29, 0x05, 0xa0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12,
	0x00, 0x04, 0x00, 0x0e,
	0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
};

static void test_mdns_sleep_proxy(void)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	uint8_t owner[14];
	struct ns_dns_opt opt = { NS_EDNS_OWNER, sizeof(owner), owner };
	struct ns_dns_edns e = { .udp_size = 1440, .opts = &opt, .nopts = 1 };
	struct ns_dns_query q = { .name = "_sleep-proxy._udp.local.",
				  .type = NS_DNS_PTR, .qu = 1, .edns = &e };
	struct hx_buf b = HX_BUF_INIT;
	struct ns_dns_msg m;

	ns_dns_owner(owner, 0, mac);
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), 70);
	CU_ASSERT_EQUAL(b.len, 70);
	CU_ASSERT(!memcmp(b.p, sleep_proxy, 70));
	/* The same without the last dot. */
	q.name = "_sleep-proxy._udp.local";
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), 70);
	CU_ASSERT(b.len == 140 && !memcmp(b.p + 70, sleep_proxy, 70));
	/* And back. */
	CU_ASSERT_EQUAL(ns_dns_parse(err, (uint8_t *)b.p, 70, &m), 0);
	CU_ASSERT_STRING_EQUAL(m.qname, "_sleep-proxy._udp.local");
	CU_ASSERT_EQUAL(m.qtype, NS_DNS_PTR);
	CU_ASSERT_EQUAL(m.qclass, NS_DNS_QU | NS_DNS_IN);
	CU_ASSERT(m.has_edns && m.edns_size == 1440 && m.arcount == 1);
	/* QM: the unicast bit clear; no EDNS: 41 bytes, as a plain query. */
	hx_buf_reset(&b);
	q.qu = 0;
	q.edns = NULL;
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), 41);
	CU_ASSERT(b.p[11] == 0 && (uint8_t)b.p[39] == 0x00 && b.p[40] == 0x01);
	hx_buf_release(&b);
}

/*
 * What the dns step's owner option sends: the same 70 bytes with the
 * sending interface's MAC, whatever OPT record the query named. On the
 * wire (Ethernet, IPv4, UDP 5353) dumplab prints what tcpdump 4.99.3 does
 * for those bytes (TPKT_PCAP_DIR=D, then `tcpdump -n [-vv] -r D/mdns-owner*.pcap`).
 */
static void test_owner_query(void)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	static const uint8_t other[6] = { 0x5e, 0x2a, 0x91, 0x07, 0xc3, 0xd4 };
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	struct ns_dns_edns ignored = { .udp_size = 4096 };
	struct ns_dns_query q = { .name = "_sleep-proxy._udp.local",
				  .type = NS_DNS_PTR, .qu = 1, .edns = &ignored };
	struct hx_buf b = HX_BUF_INIT;
	struct ns_dns_msg m;
	struct tb t;
	struct tp p;
	size_t l4;

	CU_ASSERT_EQUAL(ns_dns_build_owner_query(err, &b, &q, 0, mac), 70);
	CU_ASSERT_FATAL(b.len == 70);
	CU_ASSERT(!memcmp(b.p, sleep_proxy, 70));
	/* The OPT record: root, type 41, class 1440, ttl 0, rdlength 18;
	 * the option: code 4, length 14, version 0, seq 0, the MAC twice. */
	CU_ASSERT(!memcmp(b.p + 41, "\x00\x00\x29\x05\xa0\x00\x00\x00\x00\x00\x12"
				    "\x00\x04\x00\x0e\x00\x00", 17));
	CU_ASSERT_EQUAL(ns_dns_parse(err, (uint8_t *)b.p, b.len, &m), 0);
	CU_ASSERT(m.arcount == 1 && m.has_edns && m.edns_size == 1440);

	/* Another MAC, another seq: only those bytes change. */
	hx_buf_reset(&b);
	CU_ASSERT_EQUAL(ns_dns_build_owner_query(err, &b, &q, 7, other), 70);
	CU_ASSERT(!memcmp(b.p, sleep_proxy, 57) && (uint8_t)b.p[57] == 7);
	CU_ASSERT(!memcmp(b.p + 58, other, 6) && !memcmp(b.p + 64, other, 6));
	/* The query itself is left as it was. */
	CU_ASSERT_PTR_EQUAL(q.edns, &ignored);

	hx_buf_reset(&b);
	CU_ASSERT_EQUAL(ns_dns_build_owner_query(err, &b, &q, 0, mac), 70);
	tb_init(&t);
	tb_eth(&t, "01:00:5e:00:00:fb", "02:00:00:00:00:01", 0x0800);
	tb_ip4(&t, 17, "10.0.0.1", "224.0.0.251");
	l4 = tb_udp(&t, 5353, 5353);
	tb_bytes(&t, b.p, b.len);
	tb_ip4_done(&t, 14);
	tb_l4_done(&t, 14, l4, 17);
	tp_init(&p, "mdns-owner", DLT_EN10MB, &n);
	CU_ASSERT(tp_same(tp_tb(&p, &t),
			  "IP 10.0.0.1.5353 > 224.0.0.251.5353: "
			  "0 [1au] PTR (QU)? _sleep-proxy._udp.local. (70)",
			  "owner query"));
	tp_release(&p);
	/* -vv shows the record; tcpdump has no name for option 4. */
	tp_init(&p, "mdns-owner-vv", DLT_EN10MB, &vv);
	CU_ASSERT(tp_same(tp_tb(&p, &t),
			  "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 98)\n"
			  "    10.0.0.1.5353 > 224.0.0.251.5353: [udp sum ok] "
			  "0 [1au] PTR (QU)? _sleep-proxy._udp.local. "
			  "ar: . OPT UDPsize=1440 [Opt4 0000020000000001020000000001] (70)",
			  "owner query -vv"));
	tp_release(&p);
	hx_buf_release(&b);
}

static const uint8_t a_response[] = {
	0xbe, 0xef, 0x85, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x05, 'n', 'o', 'd', 'e', '1', 0x03, 'l', 'a', 'b', 0x00,
	0x00, 0x01, 0x00, 0x01,
	0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3c,
	0x00, 0x04, 0x0a, 0x00, 0x00, 0x02,
};

static void test_query_and_response(void)
{
	static const uint8_t addr[4] = { 10, 0, 0, 2 };
	struct ns_dns_query q = { .id = 0xbeef, .flags = NS_DNS_RD,
				  .name = "node1.lab", .type = NS_DNS_A };
	struct ns_dns_rr an = { .type = NS_DNS_A, .ttl = 60, .rdata = addr,
				.rdlen = 4 };
	static const uint8_t query[] = {
		0xbe, 0xef, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x05, 'n', 'o', 'd', 'e', '1', 0x03, 'l', 'a', 'b',
		0x00, 0x00, 0x01, 0x00, 0x01,
	};
	struct hx_buf b = HX_BUF_INIT;
	struct ns_dns_msg m;

	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), (int)sizeof(query));
	CU_ASSERT(!memcmp(b.p, query, sizeof(query)));
	/* A query never carries QR, whatever the flags say. */
	hx_buf_reset(&b);
	q.flags = NS_DNS_RD | NS_DNS_QR;
	CU_ASSERT(ns_dns_build_query(err, &b, &q) > 0 && (uint8_t)b.p[2] == 0x01);
	q.flags = NS_DNS_RD;

	hx_buf_reset(&b);
	CU_ASSERT_EQUAL(ns_dns_build_response(err, &b, &q, 0, &an, 1),
			(int)sizeof(a_response));
	CU_ASSERT(!memcmp(b.p, a_response, sizeof(a_response)));
	CU_ASSERT_EQUAL(ns_dns_parse(err, (uint8_t *)b.p, b.len, &m), 0);
	CU_ASSERT_EQUAL(m.id, 0xbeef);
	CU_ASSERT_EQUAL(m.flags, 0x8500);
	CU_ASSERT_EQUAL(m.nan, 1);
	CU_ASSERT_STRING_EQUAL(m.an[0].name, "node1.lab"); /* via the pointer */
	CU_ASSERT_EQUAL(m.an[0].ttl, 60);
	CU_ASSERT(!memcmp(m.an[0].rdata, addr, 4));

	/* An answer with its own name, NXDOMAIN, the root. */
	hx_buf_reset(&b);
	an.name = "other.lab";
	CU_ASSERT(ns_dns_build_response(err, &b, &q, 3, &an, 1) > 0);
	CU_ASSERT_EQUAL(ns_dns_parse(err, (uint8_t *)b.p, b.len, &m), 0);
	CU_ASSERT_EQUAL(m.flags & 0xf, 3);
	CU_ASSERT_STRING_EQUAL(m.an[0].name, "other.lab");
	hx_buf_reset(&b);
	q.name = ".";
	q.type = NS_DNS_NS;
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), 17);
	CU_ASSERT_EQUAL(b.p[12], 0);
	hx_buf_release(&b);
}

static void test_bad_names(void)
{
	struct hx_buf b = HX_BUF_INIT;
	struct ns_dns_query q = { .type = NS_DNS_A };
	char long_label[80], long_name[300];
	int i;

	hx_buf_puts(&b, "keep");
	q.name = "a..b";
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "dns: empty label in name 'a..b'");
	CU_ASSERT(b.len == 4 && !strcmp(b.p, "keep")); /* left as it was */
	q.name = ".lab";
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), -EINVAL);
	memset(long_label, 'x', 64);
	strcpy(long_label + 64, ".lab");
	q.name = long_label;
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), -EINVAL);
	CU_ASSERT(strstr(err, "longer than 63 bytes") != NULL);
	for (i = 0; i < 30; i++)
		memcpy(long_name + i * 10, "abcdefghi.", 10);
	long_name[299] = '\0';
	q.name = long_name;
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), -EINVAL);
	CU_ASSERT(strstr(err, "longer than 255 bytes") != NULL);
	q.name = NULL;
	CU_ASSERT_EQUAL(ns_dns_build_query(err, &b, &q), -EINVAL);
	CU_ASSERT_EQUAL(b.len, 4);
	hx_buf_release(&b);
}

static void test_parse_bad(void)
{
	struct ns_dns_msg m;
	/* A pointer to itself. */
	static const uint8_t loop[] = {
		0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1,
	};
	/* A label running past the end. */
	static const uint8_t past[] = {
		0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9, 'a', 'b',
	};
	/* An answer whose data is cut short. */
	static const uint8_t cut[] = {
		0, 1, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0,
		0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 10, 0,
	};

	CU_ASSERT_EQUAL(ns_dns_parse(err, sleep_proxy, 11, &m), -EINVAL);
	CU_ASSERT(strstr(err, "inside the header") != NULL);
	CU_ASSERT_EQUAL(ns_dns_parse(err, loop, sizeof(loop), &m), -EINVAL);
	CU_ASSERT(strstr(err, "compression loop") != NULL);
	CU_ASSERT_EQUAL(ns_dns_parse(err, past, sizeof(past), &m), -EINVAL);
	CU_ASSERT(strstr(err, "inside a label") != NULL);
	CU_ASSERT_EQUAL(ns_dns_parse(err, cut, sizeof(cut), &m), -EINVAL);
	CU_ASSERT(strstr(err, "record data") != NULL);
	CU_ASSERT_EQUAL(ns_dns_parse(err, sleep_proxy, 69, &m), -EINVAL);
}

static void test_ntp_http_pattern(void)
{
	struct timespec t = { 0, 500000000 };
	struct hx_buf b = HX_BUF_INIT;
	uint8_t p[200], q[100];

	ns_ntp_client(p, &t);
	CU_ASSERT_EQUAL(p[0], 0x23); /* LI 0, version 4, client */
	CU_ASSERT(!memcmp(p + 40, "\x83\xaa\x7e\x80\x80\x00\x00\x00", 8));
	CU_ASSERT_EQUAL(p[1], 0);

	ns_http_get(&b, "node1", NULL);
	CU_ASSERT_STRING_EQUAL(b.p, "GET / HTTP/1.1\r\nHost: node1\r\n"
				    "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n");
	CU_ASSERT_EQUAL(b.len, 69); /* the seed's request length (tcp 69) */
	hx_buf_release(&b);

	/* The pattern depends on the offset alone. */
	ns_pattern(p, sizeof(p), 0);
	ns_pattern(q, sizeof(q), 100);
	CU_ASSERT(!memcmp(p + 100, q, sizeof(q)));
	CU_ASSERT(p[0] == 'a' && p[25] == 'z' && p[26] == 'a' && p[63] == '\n');
}

static CU_TestInfo tests[] = {
	{ "the seed's mDNS sleep-proxy query, byte for byte", test_mdns_sleep_proxy },
	{ "the owner option's query: bytes and tcpdump's text", test_owner_query },
	{ "a query and its A response, byte for byte", test_query_and_response },
	{ "bad names are refused, the buffer kept", test_bad_names },
	{ "the parser refuses short and looping messages", test_parse_bad },
	{ "NTP client, HTTP GET and the byte pattern", test_ntp_http_pattern },
	CU_TEST_INFO_NULL,
};

TU_SUITE("dns-build", NULL, NULL, tests);
