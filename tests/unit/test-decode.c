/* test-decode.c: the packet decoder on every link type, and on packets cut at every length. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/dlt.h>

#include "capture/decode.h"
#include "unit/tu-pkt.h"
#include "unit/tu.h"

static const char payload[] = "11111111112222222222333333333344444444445555555555\n";

static void tcp_frame(struct tu_frame *f)
{
	struct tu_l4 l = { .src = "10.0.0.1", .dst = "10.0.0.2", .sport = 40000,
			   .dport = 11111, .seq = 1000, .ack = 2000,
			   .flags = CAP_TCP_PSH | CAP_TCP_ACK, .win = 502,
			   .payload = payload, .plen = 51, .tcp_opts = 1 };

	tu_eth_tcp(f, &l);
}

static void check_tcp(const struct cap_fields *f)
{
	char s[64], d[64];

	CU_ASSERT(f->have & CAP_L_IP4);
	CU_ASSERT(f->have & CAP_L_TCP);
	CU_ASSERT_EQUAL(f->cut, 0);
	CU_ASSERT_STRING_EQUAL(cap_addr_str(f, 's', s, sizeof(s)), "10.0.0.1");
	CU_ASSERT_STRING_EQUAL(cap_addr_str(f, 'd', d, sizeof(d)), "10.0.0.2");
	CU_ASSERT_EQUAL(f->proto, IPPROTO_TCP);
	CU_ASSERT_EQUAL(f->ttl, 64);
	CU_ASSERT_EQUAL(f->ip_len, 20 + 32 + 51);
	CU_ASSERT_EQUAL(f->sport, 40000);
	CU_ASSERT_EQUAL(f->dport, 11111);
	CU_ASSERT_EQUAL(f->seq, 1000);
	CU_ASSERT_EQUAL(f->ack, 2000);
	CU_ASSERT_EQUAL(f->tcp_flags, CAP_TCP_PSH | CAP_TCP_ACK);
	CU_ASSERT_EQUAL(f->win, 502);
	CU_ASSERT_EQUAL(f->tcp_hlen, 32);
	CU_ASSERT_EQUAL(f->payload_len, 51);
	CU_ASSERT_EQUAL(cap_tcp_next_seq(f), 1051);
}

static void test_ethernet_tcp(void)
{
	struct tu_frame fr;
	struct cap_fields f;
	char m[32];

	tcp_frame(&fr);
	CU_ASSERT_EQUAL(cap_decode(DLT_EN10MB, fr.b, (uint32_t)fr.len, &f), 0);
	CU_ASSERT(f.have & CAP_L_ETH);
	CU_ASSERT_EQUAL(f.ethertype, 0x0800);
	CU_ASSERT_STRING_EQUAL(cap_mac_str(f.smac, 6, m, sizeof(m)), "02:00:00:00:00:01");
	CU_ASSERT_STRING_EQUAL(cap_mac_str(f.dmac, 6, m, sizeof(m)), "02:00:00:00:00:02");
	check_tcp(&f);
	CU_ASSERT_EQUAL(f.payload_off, 14 + 20 + 32);
	CU_ASSERT_EQUAL(f.payload_caplen, 51);
	CU_ASSERT(!memcmp(fr.b + f.payload_off, payload, 51));
}

static void test_vlan(void)
{
	struct tu_frame fr, v;
	struct cap_fields f;

	tcp_frame(&fr);
	memcpy(v.b, fr.b, 12);
	v.b[12] = 0x81;
	v.b[13] = 0x00;
	v.b[14] = 0x00;
	v.b[15] = 42;
	memcpy(v.b + 16, fr.b + 12, fr.len - 12);
	v.len = fr.len + 4;
	cap_decode(DLT_EN10MB, v.b, (uint32_t)v.len, &f);
	CU_ASSERT_EQUAL(f.vlan, 42);
	CU_ASSERT_EQUAL(f.ethertype, 0x0800);
	check_tcp(&f);
}

static void test_raw_and_null(void)
{
	struct tu_frame fr, ip, nul;
	struct cap_fields f;
	uint32_t fam = 2;

	tcp_frame(&fr);
	tu_strip_eth(&fr, &ip);
	cap_decode(DLT_RAW, ip.b, (uint32_t)ip.len, &f);
	check_tcp(&f);
	CU_ASSERT_EQUAL(f.have & CAP_L_ETH, 0);
	cap_decode(DLT_IPV4, ip.b, (uint32_t)ip.len, &f);
	check_tcp(&f);
	memcpy(nul.b, &fam, 4);
	memcpy(nul.b + 4, ip.b, ip.len);
	nul.len = ip.len + 4;
	cap_decode(DLT_NULL, nul.b, (uint32_t)nul.len, &f);
	CU_ASSERT(f.have & CAP_L_NULL);
	CU_ASSERT_EQUAL(f.null_family, 2);
	check_tcp(&f);
	CU_ASSERT_EQUAL(cap_decode(12345, ip.b, (uint32_t)ip.len, &f), -EPROTONOSUPPORT);
	CU_ASSERT_EQUAL(f.have, 0);
}

static void test_sll_and_sll2(void)
{
	struct tu_frame fr, ip, s;
	struct cap_fields f;

	tcp_frame(&fr);
	tu_strip_eth(&fr, &ip);
	/* SLL: pkttype 4 (outgoing), ARPHRD_ETHER, halen 6, addr, proto */
	memset(s.b, 0, 16);
	s.b[1] = 4;
	s.b[3] = 1;
	s.b[5] = 6;
	memcpy(s.b + 6, fr.b + 6, 6);
	s.b[14] = 0x08;
	memcpy(s.b + 16, ip.b, ip.len);
	s.len = ip.len + 16;
	cap_decode(DLT_LINUX_SLL, s.b, (uint32_t)s.len, &f);
	CU_ASSERT(f.have & CAP_L_SLL);
	CU_ASSERT_EQUAL(f.sll_pkttype, 4);
	CU_ASSERT_EQUAL(f.smac_len, 6);
	CU_ASSERT_EQUAL(f.smac[5], 1);
	check_tcp(&f);
	/* SLL2: proto, reserved, ifindex 7, hatype, pkttype 0, halen, addr */
	memset(s.b, 0, 20);
	s.b[0] = 0x08;
	s.b[7] = 7;
	s.b[9] = 1;
	s.b[10] = 0;
	s.b[11] = 6;
	memcpy(s.b + 12, fr.b + 6, 6);
	memcpy(s.b + 20, ip.b, ip.len);
	s.len = ip.len + 20;
	cap_decode(DLT_LINUX_SLL2, s.b, (uint32_t)s.len, &f);
	CU_ASSERT(f.have & CAP_L_SLL);
	CU_ASSERT_EQUAL(f.sll_ifindex, 7);
	CU_ASSERT_EQUAL(f.sll_pkttype, 0);
	check_tcp(&f);
}

/* NFLOG: the TLVs before the payload are skipped by their host-order length. */
static void test_nflog(void)
{
	struct tu_frame fr, ip, n;
	struct cap_fields f;
	uint16_t len, type;
	size_t off = 4;

	tcp_frame(&fr);
	tu_strip_eth(&fr, &ip);
	memset(n.b, 0, sizeof(n.b));
	n.b[0] = AF_INET;
	n.b[3] = 5; /* group 5, big-endian */
	/* NFULA_PACKET_HDR (1), 8 bytes of value, then a 5-byte prefix TLV
	 * padded to 8 */
	len = 12, type = 1;
	memcpy(n.b + off, &len, 2);
	memcpy(n.b + off + 2, &type, 2);
	off += 12;
	len = 9, type = 10;
	memcpy(n.b + off, &len, 2);
	memcpy(n.b + off + 2, &type, 2);
	memcpy(n.b + off + 4, "test", 5);
	off += 12;
	len = (uint16_t)(4 + ip.len), type = 9;
	memcpy(n.b + off, &len, 2);
	memcpy(n.b + off + 2, &type, 2);
	memcpy(n.b + off + 4, ip.b, ip.len);
	n.len = off + 4 + ip.len;
	cap_decode(DLT_NFLOG, n.b, (uint32_t)n.len, &f);
	CU_ASSERT(f.have & CAP_L_NFLOG);
	CU_ASSERT_EQUAL(f.nflog_family, AF_INET);
	CU_ASSERT_EQUAL(f.nflog_group, 5);
	check_tcp(&f);
	CU_ASSERT_EQUAL(f.payload_off, off + 4 + 20 + 32);
	CU_ASSERT(!memcmp(n.b + f.payload_off, payload, 51));
}

static void test_ipv6_udp_and_ext(void)
{
	struct tu_l4 l = { .src = "fe80::1", .dst = "ff02::fb", .sport = 5353,
			   .dport = 5353, .payload = "abcd", .plen = 4 };
	struct tu_frame fr, x;
	struct cap_fields f;
	char s[64];

	tu_eth_udp(&fr, &l);
	cap_decode(DLT_EN10MB, fr.b, (uint32_t)fr.len, &f);
	CU_ASSERT(f.have & CAP_L_IP6);
	CU_ASSERT(f.have & CAP_L_UDP);
	CU_ASSERT_EQUAL(f.af, AF_INET6);
	CU_ASSERT_STRING_EQUAL(cap_addr_str(&f, 'd', s, sizeof(s)), "ff02::fb");
	CU_ASSERT_EQUAL(f.udp_len, 12);
	CU_ASSERT_EQUAL(f.payload_len, 4);
	/* The same with a hop-by-hop header (8 bytes) before UDP. */
	memcpy(x.b, fr.b, 14 + 40);
	x.b[14 + 6] = 0; /* next header: hop-by-hop */
	x.b[14 + 5] = 12 + 8;
	memset(x.b + 54, 0, 8);
	x.b[54] = IPPROTO_UDP;
	memcpy(x.b + 62, fr.b + 54, fr.len - 54);
	x.len = fr.len + 8;
	cap_decode(DLT_EN10MB, x.b, (uint32_t)x.len, &f);
	CU_ASSERT(f.have & CAP_L_UDP);
	CU_ASSERT_EQUAL(f.proto, IPPROTO_UDP);
	CU_ASSERT_EQUAL(f.ip_hlen, 48);
	CU_ASSERT_EQUAL(f.sport, 5353);
	CU_ASSERT_EQUAL(f.payload_len, 4);
}

static void test_icmp(void)
{
	static const uint8_t data[56];
	struct tu_l4 l = { .src = "10.0.0.1", .dst = "10.0.0.2", .icmp_type = 8,
			   .icmp_id = 0x4242, .icmp_seq = 3, .payload = data, .plen = 56 };
	struct tu_frame fr;
	struct cap_fields f;

	tu_eth_icmp(&fr, &l);
	cap_decode(DLT_EN10MB, fr.b, (uint32_t)fr.len, &f);
	CU_ASSERT(f.have & CAP_L_ICMP);
	CU_ASSERT_EQUAL(f.icmp_type, 8);
	CU_ASSERT_EQUAL(f.icmp_id, 0x4242);
	CU_ASSERT_EQUAL(f.icmp_seq, 3);
	CU_ASSERT_EQUAL(f.payload_len, 56);
	/* Port unreachable: no id or seq. */
	l.icmp_type = 3;
	l.icmp_code = 3;
	tu_eth_icmp(&fr, &l);
	cap_decode(DLT_EN10MB, fr.b, (uint32_t)fr.len, &f);
	CU_ASSERT_EQUAL(f.icmp_type, 3);
	CU_ASSERT_EQUAL(f.icmp_code, 3);
	CU_ASSERT_EQUAL(f.icmp_id, 0);
}

/*
 * Every prefix of the frame, each in a buffer of exactly that size (ASan
 * sees a read past it): the decoder never reads beyond caplen, stops at the
 * layer the cut falls in, and keeps the real lengths the headers claim.
 */
static void test_truncated_everywhere(void)
{
	struct tu_frame fr;
	struct cap_fields f;
	size_t n;

	tcp_frame(&fr);
	for (n = 0; n <= fr.len; n++) {
		uint8_t *p = malloc(n ? n : 1);

		memcpy(p, fr.b, n);
		CU_ASSERT_EQUAL(cap_decode(DLT_EN10MB, p, (uint32_t)n, &f), 0);
		if (n < 14) {
			CU_ASSERT_EQUAL(f.cut, CAP_L_ETH);
		} else if (n < 34) {
			CU_ASSERT_EQUAL(f.cut, CAP_L_IP4);
		} else if (n < 54) {
			CU_ASSERT_EQUAL(f.cut, CAP_L_TCP);
		} else {
			CU_ASSERT_EQUAL(f.cut, 0);
			CU_ASSERT_EQUAL(f.payload_len, 51);
			CU_ASSERT_EQUAL(f.payload_caplen, n > 66 ? n - 66 : 0);
		}
		free(p);
	}
	/* A snaplen of 128 on a larger packet: the claimed length stays. */
	cap_decode(DLT_EN10MB, fr.b, 60, &f);
	CU_ASSERT(f.have & CAP_L_TCP);
	CU_ASSERT_EQUAL(f.payload_len, 51);
}

/* Garbage IP header lengths must not send the decoder past the buffer. */
static void test_bogus_headers(void)
{
	struct tu_frame fr;
	struct cap_fields f;

	tcp_frame(&fr);
	fr.b[14] = 0x4f;	 /* IHL 60 bytes */
	fr.b[14 + 2] = 0xff;	 /* total length 65535 */
	fr.b[14 + 3] = 0xff;
	cap_decode(DLT_EN10MB, fr.b, (uint32_t)fr.len, &f);
	CU_ASSERT(f.have & CAP_L_IP4);
	CU_ASSERT(f.payload_caplen <= fr.len);
	tcp_frame(&fr);
	fr.b[14 + 20 + 12] = 0xf0; /* TCP data offset 60 */
	cap_decode(DLT_EN10MB, fr.b, (uint32_t)fr.len, &f);
	CU_ASSERT_EQUAL(f.tcp_hlen, 60);
	CU_ASSERT(f.payload_off + f.payload_caplen <= fr.len);
}

/* ARP for IPv4 over Ethernet: the sender's and target's IP addresses. */
static void test_arp(void)
{
	static const uint8_t frame[42] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06,
		0, 1, 0x08, 0, 6, 4, 0, 1,		/* request */
		2, 0, 0, 0, 0, 1, 10, 0, 0, 1,		/* sender */
		0, 0, 0, 0, 0, 0, 10, 0, 0, 2,		/* target */
	};
	struct cap_fields f;
	size_t n;

	CU_ASSERT_EQUAL(cap_decode(DLT_EN10MB, frame, sizeof(frame), &f), 0);
	CU_ASSERT(f.have & CAP_L_ARP);
	CU_ASSERT_EQUAL(f.af, 0);
	CU_ASSERT_EQUAL(f.arp_ip, 1);
	CU_ASSERT(!memcmp(f.arp_spa, "\x0a\x00\x00\x01", 4));
	CU_ASSERT(!memcmp(f.arp_tpa, "\x0a\x00\x00\x02", 4));
	/* cut anywhere before the target's address: no addresses */
	for (n = 14; n < sizeof(frame); n++) {
		cap_decode(DLT_EN10MB, frame, (uint32_t)n, &f);
		CU_ASSERT_EQUAL(f.arp_ip, 0);
	}
}

static CU_TestInfo tests[] = {
	{ "ARP: sender and target addresses", test_arp },
	{ "Ethernet, IPv4, TCP with options and data", test_ethernet_tcp },
	{ "802.1Q tag before IPv4", test_vlan },
	{ "RAW, IPV4 and NULL link types; unknown ones", test_raw_and_null },
	{ "LINUX_SLL and LINUX_SLL2", test_sll_and_sll2 },
	{ "NFLOG TLVs up to the payload", test_nflog },
	{ "IPv6 UDP, with and without an extension header", test_ipv6_udp_and_ext },
	{ "ICMP echo and port unreachable", test_icmp },
	{ "cut at every length: never past caplen", test_truncated_everywhere },
	{ "bogus header lengths stay in bounds", test_bogus_headers },
	CU_TEST_INFO_NULL,
};

TU_SUITE("decode", NULL, NULL, tests);
