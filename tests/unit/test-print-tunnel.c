/* test-print-tunnel.c: GRE, MPLS, LDP, L2TP, Geneve, NSH, IPsec, IPComp, IPv6 mobility and the ICMPv6 NI/RR/RPL printers against tcpdump 4.99.3's text. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-tunnel.want"

static struct tb pk[24];

/* pk[16], pk[17]: LDP; pk[18]: L2TP */

/* Ethernet + IPv4 carrying proto; the IPv4 header's offset. */
static size_t eth_ip4(struct tb *t, unsigned proto)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x0800);
	return tb_ip4(t, proto, "10.0.0.1", "10.0.0.2");
}

static size_t eth_ip6(struct tb *t, unsigned nxt)
{
	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x86dd);
	return tb_ip6(t, nxt, "2001:db8::1", "2001:db8::2");
}

/* An inner IPv4 ICMP echo request, lengths and checksums done. */
static void inner_ping(struct tb *t)
{
	size_t ip = tb_ip4(t, 1, "192.168.1.1", "192.168.1.2"), l4 = t->n;

	tb_u8(t, 8);
	tb_u8(t, 0);
	tb_be16(t, 0);
	tb_be16(t, 0x1234);
	tb_be16(t, 7);
	tb_str(t, "abcdefgh");
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 1);
}

/* An inner Ethernet frame with an ARP request. */
static void inner_arp(struct tb *t)
{
	tb_eth(t, "ff:ff:ff:ff:ff:ff", "02:00:00:00:00:0a", 0x0806);
	tb_bytes(t, "\x00\x01\x08\x00\x06\x04\x00\x01", 8);
	tb_bytes(t, "\x02\x00\x00\x00\x00\x0a\xc0\xa8\x01\x01", 10);
	tb_bytes(t, "\x00\x00\x00\x00\x00\x00\xc0\xa8\x01\x02", 10);
}

static size_t build(void)
{
	size_t k = 0, ip, l4;

	/* GRE v0: checksum, key and sequence number, IPv4 inside */
	ip = eth_ip4(&pk[k], 47);
	tb_be16(&pk[k], 0xb000);
	tb_be16(&pk[k], 0x0800);
	tb_be16(&pk[k], 0x1234);
	tb_be16(&pk[k], 0);
	tb_be32(&pk[k], 0xdeadbeef);
	tb_be32(&pk[k], 42);
	inner_ping(&pk[k]);
	tb_ip4_done(&pk[k++], ip);

	/* GRE v0: a source route (two IPv4 hops), ERSPAN's type */
	ip = eth_ip4(&pk[k], 47);
	tb_be16(&pk[k], 0x4000);
	tb_be16(&pk[k], 0x88be);
	tb_be16(&pk[k], 0);
	tb_be16(&pk[k], 8);
	tb_be16(&pk[k], 0x0800);
	tb_u8(&pk[k], 4);
	tb_u8(&pk[k], 8);
	tb_bytes(&pk[k], "\x0a\x01\x01\x01\x0a\x02\x02\x02", 8);
	tb_be32(&pk[k], 0);
	tb_zero(&pk[k], 8);
	tb_ip4_done(&pk[k++], ip);

	/* GRE v0: transparent Ethernet bridging */
	ip = eth_ip4(&pk[k], 47);
	tb_be16(&pk[k], 0x2000);
	tb_be16(&pk[k], 0x6558);
	tb_be32(&pk[k], 7);
	inner_arp(&pk[k]);
	tb_ip4_done(&pk[k++], ip);

	/* GRE v1 (PPTP): call id, sequence and acknowledgment */
	ip = eth_ip4(&pk[k], 47);
	tb_be16(&pk[k], 0x3081);
	tb_be16(&pk[k], 0x1234); /* PPP (0x880b) is not decoded here */
	tb_be16(&pk[k], 4);
	tb_be16(&pk[k], 99);
	tb_be32(&pk[k], 5);
	tb_be32(&pk[k], 4);
	tb_bytes(&pk[k], "\xff\x03\xc0\x21", 4);
	tb_ip4_done(&pk[k++], ip);

	/* MPLS: two labels, IPv4 below the bottom one */
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x8847);
	tb_be32(&pk[k], (1000u << 12) | (2u << 9) | 64);
	tb_be32(&pk[k], (17u << 12) | (1u << 8) | 63);
	inner_ping(&pk[k++]);

	/* Geneve with one option, Ethernet inside */
	ip = eth_ip4(&pk[k], 17);
	l4 = tb_udp(&pk[k], 40000, 6081);
	tb_u8(&pk[k], 2);
	tb_u8(&pk[k], 0x40);
	tb_be16(&pk[k], 0x6558);
	tb_be32(&pk[k], 0x00abcd00);
	tb_be16(&pk[k], 0x0102);
	tb_u8(&pk[k], 0x80);
	tb_u8(&pk[k], 1);
	tb_be32(&pk[k], 0x01020304);
	inner_arp(&pk[k]);
	tb_ip4_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 17);

	/* NSH, MD type 2 with a TLV, IPv4 next */
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x894f);
	tb_be32(&pk[k], (0u << 30) | (63u << 22) | (4u << 16) | (2u << 8) | 1);
	tb_be32(&pk[k], (0x000123u << 8) | 0xfe);
	tb_be16(&pk[k], 0x0101);
	tb_u8(&pk[k], 3);
	tb_u8(&pk[k], 3);
	tb_bytes(&pk[k], "\x0a\x0b\x0c\x00", 4);
	inner_ping(&pk[k++]);

	/* ESP */
	ip = eth_ip4(&pk[k], 50);
	tb_be32(&pk[k], 0x1000);
	tb_be32(&pk[k], 3);
	tb_zero(&pk[k], 16);
	tb_ip4_done(&pk[k++], ip);

	/* AH (a 12-byte ICV), then the ICMP it authenticates */
	ip = eth_ip4(&pk[k], 51);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k], 4);
	tb_be16(&pk[k], 0);
	tb_be32(&pk[k], 0x200);
	tb_be32(&pk[k], 9);
	tb_bytes(&pk[k], "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c", 12);
	l4 = pk[k].n;
	tb_u8(&pk[k], 8);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 0);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 2);
	tb_ip4_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 1);

	/* IPComp */
	ip = eth_ip4(&pk[k], 108);
	tb_u8(&pk[k], 4);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 0x4321);
	tb_zero(&pk[k], 12);
	tb_ip4_done(&pk[k++], ip);

	/* UDP 4500: a NAT keep-alive */
	ip = eth_ip4(&pk[k], 17);
	l4 = tb_udp(&pk[k], 4500, 4500);
	tb_u8(&pk[k], 0xff);
	tb_ip4_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 17);

	/* IPv6 mobility: a binding update with an alternate care-of address */
	ip = eth_ip6(&pk[k], 135);
	tb_u8(&pk[k], 59);
	tb_u8(&pk[k], 3);
	tb_u8(&pk[k], 5);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 0);
	tb_be16(&pk[k], 1000);
	tb_u8(&pk[k], 0xc0);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 3600);
	tb_u8(&pk[k], 3);
	tb_u8(&pk[k], 16);
	tb_bytes(&pk[k], "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x09", 16);
	tb_u8(&pk[k], 1); /* PadN to the header's 32 bytes */
	tb_u8(&pk[k], 0);
	tb_zero(&pk[k], 1); /* tcpdump wants a byte past the last option */
	tb_ip6_done(&pk[k++], ip);

	/* ICMPv6 node information query for an IPv6 subject */
	ip = eth_ip6(&pk[k], 58);
	l4 = pk[k].n;
	tb_u8(&pk[k], 139);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 0);
	tb_be16(&pk[k], 3);
	tb_be16(&pk[k], 0x003e);
	tb_bytes(&pk[k], "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	tb_bytes(&pk[k], "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02", 16);
	tb_ip6_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 58);

	/* and its reply: two addresses */
	ip = eth_ip6(&pk[k], 58);
	l4 = pk[k].n;
	tb_u8(&pk[k], 140);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 0);
	tb_be16(&pk[k], 3);
	tb_be16(&pk[k], 0x0002);
	tb_bytes(&pk[k], "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	tb_be32(&pk[k], 300);
	tb_bytes(&pk[k], "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02", 16);
	tb_be32(&pk[k], 0xffffffff);
	tb_bytes(&pk[k], "\xfe\x80\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02", 16);
	tb_ip6_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 58);

	/* ICMPv6 router renumbering: a command with one use-prefix part */
	ip = eth_ip6(&pk[k], 58);
	l4 = pk[k].n;
	tb_u8(&pk[k], 138);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 0);
	tb_be32(&pk[k], 7);
	tb_u8(&pk[k], 1);
	tb_u8(&pk[k], 0x50);
	tb_be16(&pk[k], 10);
	tb_be32(&pk[k], 0);
	tb_bytes(&pk[k], "\x02\x07\x01\x30\x00\x80\x00\x00", 8);
	tb_bytes(&pk[k], "\x20\x01\x0d\xb8\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", 16);
	tb_bytes(&pk[k], "\x30\x10\x00\x00", 4);
	tb_be32(&pk[k], 0xffffffff);
	tb_be32(&pk[k], 604800);
	tb_be32(&pk[k], 0x80000000);
	tb_bytes(&pk[k], "\x20\x01\x0d\xb8\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", 16);
	tb_ip6_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 58);

	/* RPL: a DODAG information object with two pad options */
	ip = eth_ip6(&pk[k], 58);
	l4 = pk[k].n;
	tb_u8(&pk[k], 155);
	tb_u8(&pk[k], 1);
	tb_be16(&pk[k], 0);
	tb_u8(&pk[k], 7);
	tb_u8(&pk[k], 1);
	tb_be16(&pk[k], 256);
	tb_u8(&pk[k], 0x88 | 2);
	tb_u8(&pk[k], 5);
	tb_be16(&pk[k], 0);
	tb_bytes(&pk[k], "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x07", 16);
	tb_bytes(&pk[k], "\x00\x01\x02\xaa\xbb", 5);
	tb_ip6_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 58);

	/* LDP hello: common hello parameters, transport address, an unknown TLV */
	ip = eth_ip4(&pk[k], 17);
	l4 = tb_udp(&pk[k], 646, 646);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 38);
	tb_bytes(&pk[k], "\x0a\x01\x00\x02\x00\x00", 6);
	tb_be16(&pk[k], 0x0100);
	tb_be16(&pk[k], 28);
	tb_be32(&pk[k], 0x11970);
	tb_be16(&pk[k], 0x0400);
	tb_be16(&pk[k], 4);
	tb_be16(&pk[k], 15);
	tb_be16(&pk[k], 0x4000);
	tb_be16(&pk[k], 0x0401);
	tb_be16(&pk[k], 4);
	tb_bytes(&pk[k], "\x0a\x01\x00\x02", 4);
	tb_be16(&pk[k], 0x8701);
	tb_be16(&pk[k], 4);
	tb_be32(&pk[k], 0x40000000);
	tb_ip4_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 17);

	/* LDP label mapping: a prefix FEC, a Martini VC FEC and a label */
	ip = eth_ip4(&pk[k], 17);
	l4 = tb_udp(&pk[k], 646, 646);
	tb_be16(&pk[k], 1);
	tb_be16(&pk[k], 57);
	tb_bytes(&pk[k], "\x0a\x01\x00\x02\x00\x00", 6);
	tb_be16(&pk[k], 0x0400);
	tb_be16(&pk[k], 47);
	tb_be32(&pk[k], 5);
	tb_be16(&pk[k], 0x0100);
	tb_be16(&pk[k], 7);
	tb_bytes(&pk[k], "\x02\x00\x01\x18\x0a\x02\x03", 7);
	tb_be16(&pk[k], 0x0100);
	tb_be16(&pk[k], 20);
	tb_bytes(&pk[k], "\x80\x80\x05\x0c\x00\x00\x00\x07\x00\x00\x00\x64", 12);
	tb_bytes(&pk[k], "\x01\x04\x05\xdc\x0c\x04\x03\x02", 8);
	tb_be16(&pk[k], 0x0200);
	tb_be16(&pk[k], 4);
	tb_be32(&pk[k], 3000);
	tb_ip4_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 17);

	/* L2TP SCCRQ: message type, version, framing, host name, a vendor AVP */
	ip = eth_ip4(&pk[k], 17);
	l4 = tb_udp(&pk[k], 1701, 1701);
	tb_be16(&pk[k], 0xc802);
	tb_be16(&pk[k], 12 + 8 + 8 + 10 + 11 + 8);
	tb_bytes(&pk[k], "\x00\x00\x00\x00\x00\x00\x00\x00", 8);
	tb_bytes(&pk[k], "\x80\x08\x00\x00\x00\x00\x00\x01", 8);
	tb_bytes(&pk[k], "\x80\x08\x00\x00\x00\x02\x01\x00", 8);
	tb_bytes(&pk[k], "\x80\x0a\x00\x00\x00\x03\x00\x00\x00\x03", 10);
	tb_bytes(&pk[k], "\x00\x0b\x00\x00\x00\x07lac01", 11);
	tb_bytes(&pk[k], "\x00\x08\x00\x09\x00\x01\xab\xcd", 8);
	tb_ip4_done(&pk[k], ip);
	tb_l4_done(&pk[k++], ip, l4, 17);
	return k;
}

static void test_tunnels(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	const struct pr_opts vvv = { .nflag = 1, .tflag = 1, .vflag = 3 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	size_t k = build();
	struct tp p;

	tp_init(&p, "tunnel", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_tunnel);
	tp_release(&p);
	tp_init(&p, "tunnel-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_tunnel_v);
	tp_release(&p);
	tp_init(&p, "tunnel-vv", DLT_EN10MB, &vv);
	TP_CHECK(&p, pk, k, want_tunnel_vv);
	tp_release(&p);
	tp_init(&p, "tunnel-vvv", DLT_EN10MB, &vvv);
	TP_CHECK(&p, pk, k, want_tunnel_vvv);
	tp_release(&p);
	tp_init(&p, "tunnel-e", DLT_EN10MB, &e);
	TP_CHECK(&p, pk, k, want_tunnel_e);
	tp_release(&p);
}

/* Every cut of the GRE key/sequence packet, Geneve, NSH, the BU, RR, an LDP label mapping and an L2TP SCCRQ. */
static void test_tunnel_cuts(void)
{
	const struct pr_opts vv = { .nflag = 1, .tflag = 1, .vflag = 2 };
	const struct pr_opts vvv = { .nflag = 1, .tflag = 1, .vflag = 3 };
	struct tp p;

	build();
	tp_init(&p, "gre-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_gre_cut, TP_N(want_gre_cut)),
			0);
	tp_release(&p);
	tp_init(&p, "geneve-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[5], want_geneve_cut,
				TP_N(want_geneve_cut)),
			0);
	tp_release(&p);
	tp_init(&p, "nsh-cut", DLT_EN10MB, &vvv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[6], want_nsh_cut, TP_N(want_nsh_cut)),
			0);
	tp_release(&p);
	tp_init(&p, "mobility-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[11], want_mobility_cut,
				TP_N(want_mobility_cut)),
			0);
	tp_release(&p);
	tp_init(&p, "rr-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[14], want_rr_cut, TP_N(want_rr_cut)),
			0);
	tp_release(&p);
	tp_init(&p, "l2tp-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[18], want_l2tp_cut,
				TP_N(want_l2tp_cut)),
			0);
	tp_release(&p);
	tp_init(&p, "ldp-cut", DLT_EN10MB, &vv);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[17], want_ldp_cut, TP_N(want_ldp_cut)),
			0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "tunnels, IPsec, mobility, ICMPv6 NI/RR/RPL: -e, -v to -vvv",
	  test_tunnels },
	{ "every cut of GRE, Geneve, NSH, a BU, RR, LDP and L2TP", test_tunnel_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-tunnel", NULL, NULL, tests);
