/* test-print-netlink.c: the DLT_NETLINK printer (dumplab's own format: tcpdump only dumps hex there). */
#include <stdio.h>
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

static struct tb pk[4];

/* The cooked header: packet type, ARPHRD_NETLINK, no address, protocol. */
static void cooked(struct tb *t, unsigned pkttype, unsigned proto)
{
	tb_init(t);
	tb_be16(t, pkttype);
	tb_be16(t, 824);
	tb_be16(t, 0);
	tb_zero(t, 8);
	tb_be16(t, proto);
}

/* Netlink messages are in host byte order. */
static void he16(struct tb *t, uint16_t v)
{
	tb_bytes(t, &v, 2);
}

static void he32(struct tb *t, uint32_t v)
{
	tb_bytes(t, &v, 4);
}

static size_t msg(struct tb *t, uint16_t type, uint16_t flags, uint32_t seq,
		  uint32_t pid)
{
	size_t off = t->n;

	he32(t, 0); /* length: msg_done */
	he16(t, type);
	he16(t, flags);
	he32(t, seq);
	he32(t, pid);
	return off;
}

static void msg_done(struct tb *t, size_t off)
{
	uint32_t len = (uint32_t)(t->n - off);

	memcpy(t->b + off, &len, 4);
	while (t->n % 4)
		tb_u8(t, 0);
}

static void attr(struct tb *t, uint16_t type, const void *v, size_t n)
{
	he16(t, (uint16_t)(4 + n));
	he16(t, type);
	tb_bytes(t, v, n);
	while (t->n % 4)
		tb_u8(t, 0);
}

static void test_route(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;
	size_t m;
	uint32_t mtu = 1500;

	/* a dump request, RTM_GETLINK with NLM_F_REQUEST|NLM_F_DUMP */
	cooked(&pk[0], 4, 0);
	m = msg(&pk[0], 18, 0x301, 7, 0);
	tb_zero(&pk[0], 16);
	msg_done(&pk[0], m);
	/* two links in one answer, then NLMSG_DONE */
	cooked(&pk[1], 0, 0);
	m = msg(&pk[1], 16, 0x2, 7, 4242);
	tb_bytes(&pk[1], "\x00\x00\x04\x03\x01\x00\x00\x00\x49\x00\x01\x00\x00\x00\x00\x00", 16);
	attr(&pk[1], 3, "lo", 3);
	attr(&pk[1], 4, &mtu, 4);
	msg_done(&pk[1], m);
	m = msg(&pk[1], 16, 0x2, 7, 4242);
	tb_bytes(&pk[1], "\x00\x00\x01\x00\x02\x00\x00\x00\x43\x10\x01\x00\x00\x00\x00\x00", 16);
	attr(&pk[1], 3, "eth0", 5);
	attr(&pk[1], 1, "\x02\x00\x00\x00\x00\x01", 6);
	attr(&pk[1], 18, "\x08\x00\x01\x00veth", 8);
	msg_done(&pk[1], m);
	m = msg(&pk[1], 3, 0x2, 7, 4242);
	he32(&pk[1], 0);
	msg_done(&pk[1], m);
	/* an address add with ack, and its ack */
	cooked(&pk[2], 4, 0);
	m = msg(&pk[2], 20, 0x605, 8, 0);
	tb_bytes(&pk[2], "\x02\x18\x00\x00\x02\x00\x00\x00", 8);
	attr(&pk[2], 2, "\x0a\x00\x00\x01", 4);
	attr(&pk[2], 1, "\x0a\x00\x00\x01", 4);
	msg_done(&pk[2], m);
	cooked(&pk[3], 0, 0);
	m = msg(&pk[3], 2, 0x100, 8, 4242);
	he32(&pk[3], 0);
	he32(&pk[3], 36);
	he16(&pk[3], 20);
	he16(&pk[3], 0x605);
	he32(&pk[3], 8);
	he32(&pk[3], 0);
	msg_done(&pk[3], m);

	tp_init(&p, "netlink", DLT_NETLINK, &n);
	CU_ASSERT(tp_same(tp_tb(&p, &pk[0]),
			  "NETLINK route Out, RTM_GETLINK [request,dump], seq 7, "
			  "pid 0, length 32: ifindex 0, type 0, flags [none]",
			  "getlink"));
	CU_ASSERT(tp_same(tp_tb(&p, &pk[1]),
			  "NETLINK route In, RTM_NEWLINK [multi], seq 7, pid 4242, "
			  "length 48: ifindex 1 lo, type loopback, flags "
			  "[UP,LOOPBACK,RUNNING,LOWER_UP], mtu 1500; RTM_NEWLINK "
			  "[multi], seq 7, pid 4242, length 68: ifindex 2 eth0, type "
			  "ether, flags [UP,BROADCAST,RUNNING,MULTICAST,LOWER_UP], "
			  "address 02:00:00:00:00:01, kind veth; NLMSG_DONE [multi], "
			  "seq 7, pid 4242, length 20",
			  "newlink"));
	CU_ASSERT(tp_same(tp_tb(&p, &pk[2]),
			  "NETLINK route Out, RTM_NEWADDR [request,ack,excl,create], "
			  "seq 8, pid 0, length 40: family inet, 10.0.0.1/24, "
			  "ifindex 2, scope global",
			  "newaddr"));
	CU_ASSERT(tp_same(tp_tb(&p, &pk[3]),
			  "NETLINK route In, NLMSG_ERROR [capped], seq 8, pid 4242, "
			  "length 36: ack for RTM_NEWADDR seq 8",
			  "ack"));
	/* cut inside the second message's header */
	CU_ASSERT(tp_same(tp_print(&p, pk[1].b, (unsigned)pk[1].n, 16 + 48 + 6),
			  "NETLINK route In, RTM_NEWLINK [multi], seq 7, pid 4242, "
			  "length 48: ifindex 1 lo, type loopback, flags "
			  "[UP,LOOPBACK,RUNNING,LOWER_UP], mtu 1500 [|netlink]",
			  "cut"));
	CU_ASSERT(tp_same(tp_print(&p, pk[1].b, (unsigned)pk[1].n, 10),
			  " [|netlink]", "cut header"));
	tp_release(&p);

	tp_init(&p, "netlink-v", DLT_NETLINK, &v);
	CU_ASSERT(tp_same(tp_tb(&p, &pk[2]),
			  "NETLINK route Out, RTM_NEWADDR [request,ack,excl,create], "
			  "seq 8, pid 0, length 40: family inet, 10.0.0.1/24, "
			  "ifindex 2, scope global\n\t  attrs: IFA_LOCAL (4), "
			  "IFA_ADDRESS (4)",
			  "-v"));
	tp_release(&p);
}

/* A message whose length field lies does not read past the record. */
static void test_bad_length(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	struct tp p;
	size_t m;

	cooked(&pk[0], 0, 16);
	m = msg(&pk[0], 30, 0, 1, 2);
	msg_done(&pk[0], m);
	memcpy(pk[0].b + m, "\xff\x00\x00\x00", 4);
	tp_init(&p, "netlink-bad", DLT_NETLINK, &n);
	CU_ASSERT(tp_same(tp_tb(&p, &pk[0]),
			  "NETLINK generic In, type 30, seq 1, pid 2, length 255 "
			  "[bad length]",
			  "bad length"));
	tp_release(&p);
}

/*
 * NLMSG_ERROR carries -errno in an int. The printer once negated it as an
 * int, which overflows for INT32_MIN (0x80000000): UBSan aborted on this
 * one-packet file (a fuzzing find). tcpdump 4.99.3 prints the record as
 * UNSUPPORTED with a hex dump, so only the framing can be compared.
 */
static void test_error_codes(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	static const struct {
		uint32_t err;
		const char *text;
	} cases[] = {
		{ (uint32_t)-2, "error 2 (No such file or directory)" },
		{ 0x80000000u, "error 2147483648 (Unknown error 2147483648)" },
		{ 0x7fffffffu, "error -2147483647 (Unknown error -2147483647)" },
		{ (uint32_t)-4096, "error 4096 (Unknown error 4096)" },
	};
	struct tp p;
	char want[256];
	size_t i, m;

	tp_init(&p, "netlink-error", DLT_NETLINK, &n);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cooked(&pk[0], 0, 0);
		m = msg(&pk[0], 2, 0, 1, 0);
		he32(&pk[0], cases[i].err);
		he32(&pk[0], 16);
		he16(&pk[0], 18);
		he16(&pk[0], 0x301);
		he32(&pk[0], 7);
		he32(&pk[0], 0);
		msg_done(&pk[0], m);
		snprintf(want, sizeof(want),
			 "NETLINK route In, NLMSG_ERROR, seq 1, pid 0, "
			 "length 36: %s for RTM_GETLINK seq 7", cases[i].text);
		CU_ASSERT(tp_same(tp_tb(&p, &pk[0]), want, cases[i].text));
	}
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "rtnetlink links, addresses, acks", test_route },
	{ "error codes, INT32_MIN too", test_error_codes },
	{ "a lying message length", test_bad_length },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-netlink", NULL, NULL, tests);
