/* test-print-ip.c: Ethernet, ARP and IPv4 printers against tcpdump 4.99.3's text for the same bytes. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"
#define BCAST "ff:ff:ff:ff:ff:ff"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-ip.want"

static struct tb pk[32];

/* An IPv4 datagram carrying UDP 5000 -> 6000 with payload bytes "abcd". */
static size_t udp4(struct tb *t, const char *src, const char *dst)
{
	size_t ip, l4;

	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x0800);
	ip = tb_ip4(t, 17, src, dst);
	l4 = tb_udp(t, 5000, 6000);
	tb_str(t, "abcd");
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 17);
	return ip;
}

static void arp(struct tb *t, unsigned op, const char *tha, unsigned hrd,
		unsigned pro, unsigned hln, unsigned pln)
{
	static const uint8_t sha[6] = { 2, 0, 0, 0, 0, 1 };
	uint8_t th[6];
	unsigned i;

	tb_init(t);
	tb_eth(t, BCAST, MAC_A, 0x0806);
	tb_be16(t, hrd);
	tb_be16(t, pro);
	tb_u8(t, hln);
	tb_u8(t, pln);
	tb_be16(t, op);
	tb_bytes(t, sha, 6);
	tb_be32(t, 0x0a000001);
	sscanf(tha, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &th[0], &th[1], &th[2],
	       &th[3], &th[4], &th[5]);
	tb_bytes(t, th, 6);
	tb_be32(t, 0x0a000002);
	for (i = 0; i < 18; i++)
		tb_u8(t, 0);
}

static void test_arp(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts ve = { .nflag = 1, .tflag = 1, .vflag = 1, .eflag = 1 };
	const struct pr_opts names = { .tflag = 1, .eflag = 1 };
	struct tp p;
	size_t k = 0;

	arp(&pk[k++], 1, "00:00:00:00:00:00", 1, 0x0800, 6, 4);
	arp(&pk[k++], 1, "02:00:00:00:00:09", 1, 0x0800, 6, 4);
	arp(&pk[k++], 2, "02:00:00:00:00:02", 1, 0x0800, 6, 4);
	arp(&pk[k++], 3, "02:00:00:00:00:02", 1, 0x0800, 6, 4);
	arp(&pk[k++], 4, "02:00:00:00:00:02", 1, 0x0800, 6, 4);
	arp(&pk[k++], 8, "02:00:00:00:00:02", 1, 0x0800, 6, 4);
	arp(&pk[k++], 1, "00:00:00:00:00:00", 6, 0x86dd, 6, 4);
	arp(&pk[k++], 77, "00:00:00:00:00:00", 1, 0x0800, 6, 4);
	tp_init(&p, "arp", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_arp);
	tp_release(&p);
	tp_init(&p, "arp-ve", DLT_EN10MB, &ve);
	TP_CHECK(&p, pk, k, want_arp_ve);
	tp_release(&p);
	tp_init(&p, "arp-names", DLT_EN10MB, &names);
	TP_CHECK(&p, pk, 3, want_arp_names);
	tp_release(&p);
}

static void test_arp_cuts(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1, .xflag = 2 };
	struct tp p;

	arp(&pk[0], 1, "02:00:00:00:00:09", 1, 0x0800, 6, 4);
	pk[0].n = 14 + 28;
	tp_init(&p, "arp-cut", DLT_EN10MB, &n);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_arp_cut, TP_N(want_arp_cut)), 0);
	tp_release(&p);
}

/* Frames that are not IP: unknown types, VLAN tags, 802.3 lengths. */
static void test_ether(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	const struct pr_opts eq = { .nflag = 1, .tflag = 1, .eflag = 1, .qflag = 1 };
	struct tp p;
	size_t k = 0, ip;

	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x88b5); /* local experimental */
	tb_str(&pk[k++], "experiment");
	tb_init(&pk[k]);
	tb_eth(&pk[k], MAC_B, MAC_A, 0x8100); /* 802.1Q, then IPv4 */
	tb_be16(&pk[k], 0x2005);	      /* p 1, vlan 5 */
	tb_be16(&pk[k], 0x0800);
	ip = tb_ip4(&pk[k], 1, "10.0.0.1", "10.0.0.2");
	tb_u8(&pk[k], 8);
	tb_u8(&pk[k], 0);
	tb_be16(&pk[k], 0xf7fc);
	tb_be32(&pk[k], 0x00030004);
	tb_ip4_done(&pk[k++], ip);
	tb_init(&pk[k]);
	tb_eth(&pk[k], "01:00:5e:00:00:fb", "00:00:0c:12:34:56", 0x9000);
	tb_bytes(&pk[k], "\0\0\1\0\7\0", 6); /* loopback reply */
	tb_zero(&pk[k++], 10);
	tp_init(&p, "ether", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_ether);
	tp_release(&p);
	tp_init(&p, "ether-e", DLT_EN10MB, &e);
	TP_CHECK(&p, pk, k, want_ether_e);
	tp_release(&p);
	tp_init(&p, "ether-eq", DLT_EN10MB, &eq);
	TP_CHECK(&p, pk, k, want_ether_eq);
	tp_release(&p);
}

/* IPv4 header fields under -v: options, fragments, lengths, checksum. */
static void test_ip4(void)
{
	static const uint8_t rr[] = { 7, 11, 8, 10, 0, 0, 1, 10, 0, 0, 2, 1 };
	static const uint8_t ts[] = { 68, 12, 5, 1, 10, 0, 0, 1, 0, 0, 3, 232 };
	static const uint8_t ra[] = { 148, 4, 0, 0 };
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;
	size_t k = 0, ip;

	/* options: RR (route record), timestamps with addresses, RA */
	{
		const uint8_t *o[] = { rr, ts, ra };
		const size_t ol[] = { sizeof(rr), sizeof(ts), sizeof(ra) };
		int i;

		for (i = 0; i < 3; i++) {
			size_t l4, hl = 20 + ol[i];

			tb_init(&pk[k]);
			tb_eth(&pk[k], MAC_B, MAC_A, 0x0800);
			ip = tb_ip4(&pk[k], 17, "10.0.0.1", "10.0.0.2");
			tb_bytes(&pk[k], o[i], ol[i]);
			pk[k].b[ip] = (uint8_t)(0x40 | hl / 4);
			l4 = tb_udp(&pk[k], 5000, 6000);
			tb_ip4_done(&pk[k], ip);
			tb_l4_done(&pk[k], ip, l4, 17);
			k++;
		}
	}
	/* first fragment (MF), a later fragment, ECN codepoints */
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	tb_put16(&pk[k], ip + 6, 0x2000);
	pk[k].b[ip + 1] = 0x02;
	tb_ip4_done(&pk[k++], ip);
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	tb_put16(&pk[k], ip + 6, 0x0010);
	pk[k].b[ip + 1] = 0x03;
	tb_ip4_done(&pk[k++], ip);
	/* a wrong header checksum */
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	pk[k++].b[ip + 10] ^= 0xff;
	/* total length beyond the frame, below the header, header length 16 */
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	tb_put16(&pk[k++], ip + 2, 100);
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	tb_put16(&pk[k++], ip + 2, 12);
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	pk[k++].b[ip] = 0x44;
	/* version 5, and an IPv6 header behind an IPv4 ethertype */
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	pk[k++].b[ip] = 0x55;
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	pk[k++].b[ip] = 0x65;
	/* a protocol no printer knows */
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	pk[k].b[ip + 9] = 200;
	tb_ip4_done(&pk[k++], ip);
	/* ICMP over IPv6's next header number is refused */
	ip = udp4(&pk[k], "10.0.0.1", "10.0.0.2");
	pk[k].b[ip + 9] = 58;
	tb_ip4_done(&pk[k++], ip);
	/* IPv4 in IPv4 */
	{
		size_t outer, inner, l4;

		tb_init(&pk[k]);
		tb_eth(&pk[k], MAC_B, MAC_A, 0x0800);
		outer = tb_ip4(&pk[k], 4, "192.0.2.1", "192.0.2.2");
		inner = tb_ip4(&pk[k], 17, "10.0.0.1", "10.0.0.2");
		l4 = tb_udp(&pk[k], 53, 53);
		tb_ip4_done(&pk[k], inner);
		tb_l4_done(&pk[k], inner, l4, 17);
		tb_ip4_done(&pk[k++], outer);
	}
	tp_init(&p, "ip4", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_ip4);
	tp_release(&p);
	tp_init(&p, "ip4-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_ip4_v);
	tp_release(&p);
}

/* Ethernet, IPv4 and UDP with its payload, cut at every length (-v, -x). */
static void test_cuts(void)
{
	const struct pr_opts vx = { .nflag = 1, .tflag = 1, .vflag = 2, .xflag = 1 };
	struct tp p;

	udp4(&pk[0], "10.0.0.1", "10.0.0.2");
	tp_init(&p, "udp4-cut", DLT_EN10MB, &vx);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[0], want_udp4_cut, TP_N(want_udp4_cut)),
			0);
	tp_release(&p);
}

/*
 * Frames that once fell back: LLDP, a BPDU too short for STP and IS-IS
 * over 802.2 LLC cut after its NLPID print tcpdump's text now
 * (test-print-l2.c and test-print-ppp.c have the rest of those
 * printers); and an IP protocol neither decodes (253, for experiments:
 * RFC 3692).
 */
static void test_fallbacks(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts e = { .nflag = 1, .tflag = 1, .eflag = 1 };
	struct tp p;
	size_t ip;

	tb_init(&pk[0]);
	tb_eth(&pk[0], MAC_B, MAC_A, 0x88cc);
	tb_zero(&pk[0], 4);
	tb_init(&pk[1]);
	tb_eth(&pk[1], MAC_B, MAC_A, 4);
	tb_bytes(&pk[1], "\x42\x42\x03\x00", 4);
	tb_init(&pk[3]);
	tb_eth(&pk[3], MAC_B, MAC_A, 4);
	tb_bytes(&pk[3], "\xfe\xfe\x03\x83", 4);
	ip = udp4(&pk[2], "10.0.0.1", "10.0.0.2");
	pk[2].b[ip + 9] = 253;
	tb_ip4_done(&pk[2], ip);
	tp_init(&p, "fallback", DLT_EN10MB, &n);
	CU_ASSERT(tp_same(tp_tb(&p, &pk[0]), "LLDP, length 4", "LLDP"));
	CU_ASSERT(tp_same(tp_tb(&p, &pk[1]), " (invalid)", "802.3"));
	/* IS-IS cut after its NLPID: tcpdump 4.99.3's text */
	CU_ASSERT(tp_same(tp_tb(&p, &pk[3]), " [|isis]", "OSI"));
	CU_ASSERT(tp_same(tp_tb(&p, &pk[2]),
			  "IP 10.0.0.1 > 10.0.0.2:  ip-proto-253 12",
			  "protocol 253"));
	tp_release(&p);
	tp_init(&p, "fallback-e", DLT_EN10MB, &e);
	CU_ASSERT(tp_same(tp_tb(&p, &pk[1]),
			  "02:00:00:00:00:01 > 02:00:00:00:00:02, 802.3, length 4: "
			  "LLC, dsap STP (0x42) Individual, ssap STP (0x42) "
			  "Command, ctrl 0x03:  (invalid)",
			  "802.3 -e"));
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "ARP and RARP", test_arp },
	{ "every cut of an ARP request", test_arp_cuts },
	{ "Ethernet types, 802.1Q, 802.3", test_ether },
	{ "IPv4 header, options, fragments", test_ip4 },
	{ "every cut of Ethernet/IPv4/UDP", test_cuts },
	{ "fallbacks for undecoded protocols", test_fallbacks },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-ip", NULL, NULL, tests);
