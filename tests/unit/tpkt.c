/* tpkt.c: packet builders and the print helper of the printer's unit tests. */
#include "unit/tpkt.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "harness/hx.h"

void tb_init(struct tb *t)
{
	memset(t, 0, sizeof(*t));
}

void tb_bytes(struct tb *t, const void *p, size_t n)
{
	if (t->n + n > sizeof(t->b))
		n = sizeof(t->b) - t->n;
	memcpy(t->b + t->n, p, n);
	t->n += n;
}

void tb_str(struct tb *t, const char *s)
{
	tb_bytes(t, s, strlen(s));
}

void tb_u8(struct tb *t, unsigned v)
{
	uint8_t b = (uint8_t)v;

	tb_bytes(t, &b, 1);
}

void tb_be16(struct tb *t, unsigned v)
{
	tb_u8(t, v >> 8);
	tb_u8(t, v);
}

void tb_be32(struct tb *t, uint32_t v)
{
	tb_be16(t, v >> 16);
	tb_be16(t, v & 0xffff);
}

void tb_zero(struct tb *t, size_t n)
{
	while (n--)
		tb_u8(t, 0);
}

void tb_put16(struct tb *t, size_t off, unsigned v)
{
	t->b[off] = (uint8_t)(v >> 8);
	t->b[off + 1] = (uint8_t)v;
}

static void mac(struct tb *t, const char *s)
{
	unsigned m[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4],
		   &m[5]) != 6)
		memset(m, 0, sizeof(m));
	for (i = 0; i < 6; i++)
		tb_u8(t, m[i]);
}

void tb_eth(struct tb *t, const char *dst, const char *src, unsigned type)
{
	mac(t, dst);
	mac(t, src);
	tb_be16(t, type);
}

size_t tb_ip4(struct tb *t, unsigned proto, const char *src, const char *dst)
{
	size_t off = t->n;
	struct in_addr a;

	tb_u8(t, 0x45);
	tb_u8(t, 0);
	tb_be16(t, 0);	    /* total length: tb_ip4_done */
	tb_be16(t, 0x1234); /* id */
	tb_be16(t, 0x4000); /* DF */
	tb_u8(t, 64);
	tb_u8(t, proto);
	tb_be16(t, 0); /* checksum: tb_ip4_done */
	inet_pton(AF_INET, src, &a);
	tb_bytes(t, &a, 4);
	inet_pton(AF_INET, dst, &a);
	tb_bytes(t, &a, 4);
	return off;
}

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t acc)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	return acc;
}

static uint16_t fold(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

void tb_ip4_done(struct tb *t, size_t ip)
{
	size_t hl = (t->b[ip] & 15u) * 4;

	tb_put16(t, ip + 2, (unsigned)(t->n - ip));
	tb_put16(t, ip + 10, 0);
	tb_put16(t, ip + 10, fold(sum16(t->b + ip, hl, 0)));
}

size_t tb_ip6(struct tb *t, unsigned nxt, const char *src, const char *dst)
{
	size_t off = t->n;
	struct in6_addr a;

	tb_be32(t, 0x60000000);
	tb_be16(t, 0); /* payload length: tb_ip6_done */
	tb_u8(t, nxt);
	tb_u8(t, 64);
	inet_pton(AF_INET6, src, &a);
	tb_bytes(t, &a, 16);
	inet_pton(AF_INET6, dst, &a);
	tb_bytes(t, &a, 16);
	return off;
}

void tb_ip6_done(struct tb *t, size_t ip6)
{
	tb_put16(t, ip6 + 4, (unsigned)(t->n - ip6 - 40));
}

size_t tb_tcp(struct tb *t, unsigned sport, unsigned dport, uint32_t seq,
	      uint32_t ack, unsigned flags, unsigned win, const void *opts,
	      size_t optlen)
{
	size_t off = t->n;

	tb_be16(t, sport);
	tb_be16(t, dport);
	tb_be32(t, seq);
	tb_be32(t, ack);
	tb_u8(t, (unsigned)((20 + optlen) / 4) << 4);
	tb_u8(t, flags);
	tb_be16(t, win);
	tb_be16(t, 0); /* checksum: tb_l4_done */
	tb_be16(t, 0); /* urgent pointer */
	if (optlen)
		tb_bytes(t, opts, optlen);
	return off;
}

size_t tb_udp(struct tb *t, unsigned sport, unsigned dport)
{
	size_t off = t->n;

	tb_be16(t, sport);
	tb_be16(t, dport);
	tb_be16(t, 0); /* length: tb_l4_done */
	tb_be16(t, 0); /* checksum: tb_l4_done */
	return off;
}

void tb_l4_done(struct tb *t, size_t ip, size_t l4, unsigned proto)
{
	size_t len = t->n - l4, ck;
	uint32_t acc = 0;

	switch (proto) {
	case 17:
		tb_put16(t, l4 + 4, (unsigned)len);
		ck = l4 + 6;
		break;
	case 6:
		ck = l4 + 16;
		break;
	default:
		ck = l4 + 2;
		break;
	}
	tb_put16(t, ck, 0);
	if (proto != 1 && proto != 2) {
		uint8_t ph[40];

		if ((t->b[ip] >> 4) == 6) {
			memcpy(ph, t->b + ip + 8, 32);
			ph[32] = (uint8_t)(len >> 24);
			ph[33] = (uint8_t)(len >> 16);
			ph[34] = (uint8_t)(len >> 8);
			ph[35] = (uint8_t)len;
			ph[36] = ph[37] = ph[38] = 0;
			ph[39] = (uint8_t)proto;
			acc = sum16(ph, 40, 0);
		} else {
			memcpy(ph, t->b + ip + 12, 8);
			ph[8] = 0;
			ph[9] = (uint8_t)proto;
			ph[10] = (uint8_t)(len >> 8);
			ph[11] = (uint8_t)len;
			acc = sum16(ph, 12, 0);
		}
	}
	tb_put16(t, ck, fold(sum16(t->b + l4, len, acc)));
}

void tp_init(struct tp *p, const char *name, int dlt, const struct pr_opts *o)
{
	static const struct pr_opts none;

	memset(p, 0, sizeof(*p));
	p->o = o ? *o : none;
	p->dlt = dlt;
	p->name = name;
	p->sec = 1;
}

void tp_reset(struct tp *p)
{
	pr_free(p->c);
	p->c = NULL;
}

void tp_release(struct tp *p)
{
	tp_reset(p);
	free(p->text);
	p->text = NULL;
}

/* Appends the packet to $TPKT_PCAP_DIR/<name>.pcap for tcpdump. */
static void dump(struct tp *p, const struct pcap_pkthdr *h, const uint8_t *pkt)
{
	const char *dir = getenv("TPKT_PCAP_DIR");
	char path[4096];
	FILE *f;
	struct {
		uint32_t magic;
		uint16_t major, minor;
		int32_t zone;
		uint32_t sigfigs, snaplen, linktype;
	} fh = { 0xa1b2c3d4, 2, 4, 0, 0, 262144, 0 };
	uint32_t rec[4];

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s.pcap", dir, p->name);
	f = fopen(path, "ab");
	if (!f)
		return;
	if (ftell(f) == 0) {
		FILE *o;

		/* The tcpdump options of these packets, for the oracle. */
		snprintf(path, sizeof(path), "%s/%s.opts", dir, p->name);
		o = fopen(path, "w");
		if (o) {
			int i;

			fputs(p->o.nflag ? "-n" : "", o);
			for (i = 0; i < p->o.vflag; i++)
				fputs(" -v", o);
			for (i = 0; i < p->o.tflag; i++)
				fputs(" -t", o);
			for (i = 0; i < p->o.xflag; i++)
				fputs(" -x", o);
			for (i = 0; i < p->o.Xflag; i++)
				fputs(" -X", o);
			fputs(p->o.eflag ? " -e" : "", o);
			fputs(p->o.qflag ? " -q" : "", o);
			fputs(p->o.Sflag ? " -S" : "", o);
			fputs(p->o.Aflag ? " -A" : "", o);
			fputs(p->o.Hflag ? " -H" : "", o);
			fputc('\n', o);
			fclose(o);
		}
		/* The link types of these tests keep their number in a
		 * file, but for DLT_RAW (LINKTYPE_RAW is 101). */
		fh.linktype = p->dlt == DLT_RAW ? 101u : (uint32_t)p->dlt;
		fwrite(&fh, sizeof(fh), 1, f);
	}
	rec[0] = (uint32_t)h->ts.tv_sec;
	rec[1] = (uint32_t)h->ts.tv_usec;
	rec[2] = h->caplen;
	rec[3] = h->len;
	fwrite(rec, sizeof(rec), 1, f);
	fwrite(pkt, 1, h->caplen, f);
	fclose(f);
}

const char *tp_print(struct tp *p, const uint8_t *pkt, unsigned len,
		     unsigned caplen)
{
	char err[HX_ERRLEN];
	struct hx_buf out = HX_BUF_INIT;
	struct pcap_pkthdr h;
	uint8_t *copy;

	free(p->text);
	p->text = NULL;
	if (!p->c) {
		p->c = pr_new(err, &p->o, p->dlt);
		if (!p->c)
			return "(pr_new failed)";
	}
	/* Exactly caplen bytes on the heap: ASan flags any read past them. */
	copy = malloc(caplen ? caplen : 1);
	if (!copy)
		return "(out of memory)";
	memcpy(copy, pkt, caplen);
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = p->sec;
	h.ts.tv_usec = p->usec;
	h.caplen = caplen;
	h.len = len;
	dump(p, &h, copy);
	pr_packet(p->c, &out, &h, copy);
	free(copy);
	if (out.len && out.p[out.len - 1] == '\n')
		out.p[--out.len] = '\0';
	p->text = out.p ? out.p : strdup("");
	return p->text ? p->text : "(out of memory)";
}

const char *tp_tb(struct tp *p, const struct tb *t)
{
	return tp_print(p, t->b, (unsigned)t->n, (unsigned)t->n);
}

int tp_same(const char *got, const char *want, const char *what)
{
	if (!strcmp(got, want))
		return 1;
	fprintf(stderr, "\n%s:\n  got:  %s\n  want: %s\n", what, got, want);
	return 0;
}

int tp_cuts(struct tp *p, const struct tb *t, const char *const *want,
	    unsigned n)
{
	char what[128];
	unsigned cap;
	int bad = 0;

	for (cap = 0; cap <= t->n; cap++) {
		const char *got = tp_print(p, t->b, (unsigned)t->n, cap);

		snprintf(what, sizeof(what), "%s cut at %u", p->name, cap);
		if (cap >= n || !tp_same(got, want[cap], what))
			bad++;
	}
	return bad + (n != t->n + 1);
}

int tp_run(struct tp *p, const struct tb *pk, size_t npk,
	   const char *const *want, size_t nwant)
{
	char what[128];
	size_t i;
	int bad = 0;

	for (i = 0; i < npk; i++) {
		const char *got = tp_tb(p, &pk[i]);

		snprintf(what, sizeof(what), "%s packet %zu", p->name, i);
		if (i >= nwant || !tp_same(got, want[i], what))
			bad++;
	}
	if (npk != nwant) {
		fprintf(stderr, "\n%s: %zu packets, %zu expected texts\n",
			p->name, npk, nwant);
		bad++;
	}
	return bad;
}
