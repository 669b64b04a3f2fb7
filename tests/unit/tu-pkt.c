/* tu-pkt.c: frames and savefiles for the tests (pcap_open_dead, pcap_dump, pcap_open_offline). */
#include "unit/tu-pkt.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static unsigned csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)(p[n - 1] << 8);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s & 0xffff;
}

/* Ethernet and IP headers for an L4 of l4len bytes; returns the L4 offset. */
static size_t headers(struct tu_frame *f, const struct tu_l4 *l, uint8_t proto,
		      size_t l4len)
{
	static const uint8_t m1[6] = { 2, 0, 0, 0, 0, 1 }, m2[6] = { 2, 0, 0, 0, 0, 2 };
	int v6 = strchr(l->src, ':') != NULL;
	uint8_t *ip = f->b + 14;

	memset(f->b, 0, sizeof(f->b));
	memcpy(f->b, m2, 6);
	memcpy(f->b + 6, m1, 6);
	put16(f->b + 12, v6 ? 0x86dd : 0x0800);
	if (v6) {
		ip[0] = 0x60;
		put16(ip + 4, (unsigned)l4len);
		ip[6] = proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : proto;
		ip[7] = l->ttl ? l->ttl : 64;
		inet_pton(AF_INET6, l->src, ip + 8);
		inet_pton(AF_INET6, l->dst, ip + 24);
		f->len = 14 + 40 + l4len;
		return 14 + 40;
	}
	ip[0] = 0x45;
	put16(ip + 2, (unsigned)(20 + l4len));
	put16(ip + 4, 0x1234);
	put16(ip + 6, 0x4000);
	ip[8] = l->ttl ? l->ttl : 64;
	ip[9] = proto;
	inet_pton(AF_INET, l->src, ip + 12);
	inet_pton(AF_INET, l->dst, ip + 16);
	put16(ip + 10, csum(ip, 20));
	f->len = 14 + 20 + l4len;
	return 14 + 20;
}

void tu_eth_tcp(struct tu_frame *f, const struct tu_l4 *l)
{
	size_t hl = l->tcp_opts ? 32 : 20, off;
	uint8_t *t;

	off = headers(f, l, IPPROTO_TCP, hl + l->plen);
	t = f->b + off;
	put16(t, l->sport);
	put16(t + 2, l->dport);
	put32(t + 4, l->seq);
	put32(t + 8, l->ack);
	t[12] = (uint8_t)((hl / 4) << 4);
	t[13] = l->flags;
	put16(t + 14, l->win ? l->win : 502);
	put16(t + 18, l->urp);
	if (l->tcp_opts) {
		t[20] = 1;
		t[21] = 1;
		t[22] = 8;
		t[23] = 10;
	}
	if (l->plen)
		memcpy(t + hl, l->payload, l->plen);
}

void tu_eth_udp(struct tu_frame *f, const struct tu_l4 *l)
{
	size_t off = headers(f, l, IPPROTO_UDP, 8 + l->plen);
	uint8_t *u = f->b + off;

	put16(u, l->sport);
	put16(u + 2, l->dport);
	put16(u + 4, (unsigned)(8 + l->plen));
	if (l->plen)
		memcpy(u + 8, l->payload, l->plen);
}

void tu_eth_icmp(struct tu_frame *f, const struct tu_l4 *l)
{
	size_t off = headers(f, l, IPPROTO_ICMP, 8 + l->plen);
	uint8_t *u = f->b + off;

	u[0] = l->icmp_type;
	u[1] = l->icmp_code;
	put16(u + 4, l->icmp_id);
	put16(u + 6, l->icmp_seq);
	if (l->plen)
		memcpy(u + 8, l->payload, l->plen);
}

void tu_strip_eth(const struct tu_frame *in, struct tu_frame *out)
{
	memset(out, 0, sizeof(*out));
	out->len = in->len - 14;
	memcpy(out->b, in->b + 14, out->len);
}

void tu_cap_add(struct tu_cap *c, const struct tu_frame *f, long long usec,
		size_t caplen)
{
	size_t n = caplen && caplen < f->len ? caplen : f->len;

	c->pkts = realloc(c->pkts, (c->n + 1) * sizeof(*c->pkts));
	c->data = realloc(c->data, (c->n + 1) * sizeof(*c->data));
	c->data[c->n] = malloc(n ? n : 1);
	memcpy(c->data[c->n], f->b, n);
	c->pkts[c->n].h.ts.tv_sec = (time_t)(usec / 1000000);
	c->pkts[c->n].h.ts.tv_usec = (suseconds_t)(usec % 1000000);
	c->pkts[c->n].h.caplen = (bpf_u_int32)n;
	c->pkts[c->n].h.len = (bpf_u_int32)f->len;
	c->pkts[c->n].data = c->data[c->n];
	c->n++;
}

void tu_cap_free(struct tu_cap *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->data[i]);
	free(c->data);
	free(c->pkts);
	memset(c, 0, sizeof(*c));
	c->dlt = 0;
}

int tu_cap_roundtrip(struct tu_cap *c)
{
	char path[] = "/tmp/dumplab-test-XXXXXX";
	char eb[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_dumper_t *dp;
	struct tu_cap back;
	pcap_t *p;
	size_t i;
	int fd = mkstemp(path), r;

	if (fd < 0)
		return -1;
	close(fd);
	p = pcap_open_dead(c->dlt, 262144);
	dp = p ? pcap_dump_open(p, path) : NULL;
	if (!dp) {
		if (p)
			pcap_close(p);
		unlink(path);
		return -1;
	}
	for (i = 0; i < c->n; i++)
		pcap_dump((u_char *)dp, &c->pkts[i].h, c->pkts[i].data);
	pcap_dump_close(dp);
	pcap_close(p);
	memset(&back, 0, sizeof(back));
	p = pcap_open_offline(path, eb);
	unlink(path);
	if (!p)
		return -1;
	back.dlt = pcap_datalink(p);
	while ((r = pcap_next_ex(p, &h, &d)) == 1) {
		struct tu_frame f;

		memcpy(f.b, d, h->caplen);
		f.len = h->len;
		tu_cap_add(&back, &f, (long long)h->ts.tv_sec * 1000000 + h->ts.tv_usec,
			   h->caplen);
		back.pkts[back.n - 1].h.len = h->len;
	}
	pcap_close(p);
	tu_cap_free(c);
	*c = back;
	return 0;
}
