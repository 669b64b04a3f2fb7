/* pr-names.c: the printer's names: ports, protocols, hosts, and the text of addresses (tcpdump's addrtoname.c). */
#include "capture/print-int.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* ---- read-only tables loaded once: ports, protocols, time zone ---- */

/*
 * Port and protocol names from /etc/services and /etc/protocols, the way
 * tcpdump's getservent()/getprotobynumber() see them on Debian (the first
 * entry for a port and protocol wins). Loaded once, never written after,
 * so any number of contexts read them from any thread.
 */
static struct {
	char *svc_text; /* the files' text: the names point into it */
	char *proto_text;
	const char **tcp; /* [65536] */
	const char **udp; /* [65536] */
	const char *proto[256];
} names;

static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static char *read_small_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			char *nb = realloc(buf, cap + 65536);

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap += 65536;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Splits a line into words in place; returns the count (at most max). */
static int split_words(char *line, char **w, int max)
{
	int n = 0;
	char *s = line;

	while (*s && n < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			break;
		w[n++] = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '#')
			s++;
		if (*s == '#') {
			*s = '\0';
			break;
		}
		if (*s)
			*s++ = '\0';
	}
	return n;
}

static void load_names(void)
{
	size_t slen = 0, plen = 0;
	char *svc, *pro, *line, *next;

	tzset(); /* for pr-ts.c: localtime_r need not read TZ itself */
	names.tcp = calloc(65536, sizeof(*names.tcp));
	names.udp = calloc(65536, sizeof(*names.udp));
	if (!names.tcp || !names.udp) {
		free(names.tcp);
		free(names.udp);
		names.tcp = names.udp = NULL;
		return;
	}
	svc = read_small_file("/etc/services", &slen);
	for (line = svc; line && *line; line = next) {
		char *w[3], *slash;
		long port;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (split_words(line, w, 2) < 2)
			continue;
		slash = strchr(w[1], '/');
		if (!slash)
			continue;
		*slash = '\0';
		port = strtol(w[1], NULL, 10);
		if (port < 0 || port > 65535)
			continue;
		if (!strcmp(slash + 1, "tcp") && !names.tcp[port])
			names.tcp[port] = w[0];
		else if (!strcmp(slash + 1, "udp") && !names.udp[port])
			names.udp[port] = w[0];
	}
	pro = read_small_file("/etc/protocols", &plen);
	for (line = pro; line && *line; line = next) {
		char *w[2];
		long num;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (split_words(line, w, 2) < 2)
			continue;
		num = strtol(w[1], NULL, 10);
		if (num >= 0 && num < 256 && !names.proto[num])
			names.proto[num] = w[0];
	}
	/* Both texts stay for the life of the process. */
	names.svc_text = svc;
	names.proto_text = pro;
}

void pr_names_init(void)
{
	pthread_once(&names_once, load_names);
}

const char *pr_protoname(const struct pr_ctx *c, unsigned proto)
{
	if (c->o.nflag || proto > 255)
		return NULL;
	return names.proto[proto];
}

/* ---- hosts named by the caller ---- */

int pr_name_add(struct pr_ctx *c, int af, const void *addr, const char *name)
{
	struct pr_host *h;
	size_t i, alen;
	char *dup;

	if (af == AF_INET)
		alen = 4;
	else if (af == AF_INET6)
		alen = 16;
	else
		return -EINVAL;
	if (!addr || !name)
		return -EINVAL;
	dup = strdup(name);
	if (!dup)
		return -ENOMEM;
	for (i = 0; i < c->nhosts; i++) {
		h = &c->hosts[i];
		if (h->af == af && !memcmp(h->addr, addr, alen)) {
			free(h->name);
			h->name = dup;
			memset(c->flows, 0, sizeof(c->flows));
			return 0;
		}
	}
	if (c->nhosts == c->hosts_cap) {
		size_t ncap = c->hosts_cap ? c->hosts_cap * 2 : 8;
		struct pr_host *nh = realloc(c->hosts, ncap * sizeof(*nh));

		if (!nh) {
			free(dup);
			return -ENOMEM;
		}
		c->hosts = nh;
		c->hosts_cap = ncap;
	}
	/* Flow texts may hold the address as a number: forget them. */
	memset(c->flows, 0, sizeof(c->flows));
	h = &c->hosts[c->nhosts++];
	memset(h, 0, sizeof(*h));
	h->af = af;
	memcpy(h->addr, addr, alen);
	h->name = dup;
	return 0;
}

void pr_names_release(struct pr_ctx *c)
{
	size_t i;

	for (i = 0; i < c->nhosts; i++)
		free(c->hosts[i].name);
	free(c->hosts);
	c->hosts = NULL;
	c->nhosts = c->hosts_cap = 0;
}

/* ---- addresses ---- */

static const struct pr_host *host_find(const struct pr_ctx *c, int af,
				       const uint8_t *a, size_t alen)
{
	size_t i;

	for (i = 0; i < c->nhosts; i++)
		if (c->hosts[i].af == af && !memcmp(c->hosts[i].addr, a, alen))
			return &c->hosts[i];
	return NULL;
}

static struct pr_acache *acache_slot(struct pr_ctx *c, const uint8_t *a,
				     size_t alen)
{
	unsigned h = (unsigned)(a[alen - 1] * 7u + a[alen - 2] * 13u +
				a[alen - 3]) %
		     PR_ACACHE;

	return &c->acache[h];
}

/* Dotted quad into out (at least 16 bytes); its length. */
static size_t ip4_text(const uint8_t a[4], char *out)
{
	size_t n = 0;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned v = a[i];

		if (i)
			out[n++] = '.';
		if (v >= 100) {
			out[n++] = (char)('0' + v / 100);
			out[n++] = (char)('0' + v / 10 % 10);
		} else if (v >= 10) {
			out[n++] = (char)('0' + v / 10);
		}
		out[n++] = (char)('0' + v % 10);
	}
	return n;
}

/*
 * tcpdump's addrtostr6 into out (at least 46 bytes): the longest run
 * (>= 2) of zero words becomes "::", and an IPv4-compatible or -mapped
 * tail prints as a dotted quad.
 */
static size_t ip6_text(const uint8_t a[16], char *out)
{
	unsigned w[8];
	int i, best = -1, bestlen = 0, cur = -1, curlen = 0;
	size_t n = 0;

	for (i = 0; i < 8; i++) {
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		if (w[i] == 0) {
			if (cur == -1) {
				cur = i;
				curlen = 1;
			} else {
				curlen++;
			}
		} else if (cur != -1) {
			if (best == -1 || curlen > bestlen) {
				best = cur;
				bestlen = curlen;
			}
			cur = -1;
		}
	}
	if (cur != -1 && (best == -1 || curlen > bestlen)) {
		best = cur;
		bestlen = curlen;
	}
	if (best != -1 && bestlen < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		unsigned v;
		int shift, started;

		if (best != -1 && i >= best && i < best + bestlen) {
			if (i == best)
				out[n++] = ':';
			continue;
		}
		if (i)
			out[n++] = ':';
		if (i == 6 && best == 0 &&
		    (bestlen == 6 || (bestlen == 5 && w[5] == 0xffff)))
			return n + ip4_text(a + 12, out + n);
		v = w[i];
		for (shift = 12, started = 0; shift >= 0; shift -= 4) {
			unsigned d = (v >> shift) & 15;

			if (d || started || shift == 0) {
				out[n++] = pr_hexdig[d];
				started = 1;
			}
		}
	}
	if (best != -1 && best + bestlen == 8)
		out[n++] = ':';
	return n;
}

void pr_ip4_num(struct pr_ctx *c, const uint8_t a[4])
{
	struct pr_acache *e = acache_slot(c, a, 4);

	if (e->af != AF_INET || memcmp(e->key, a, 4)) {
		memcpy(e->key, a, 4);
		e->len = (uint8_t)ip4_text(a, e->s);
		e->af = AF_INET;
	}
	pr_putn(c, e->s, e->len);
}

void pr_ip4(struct pr_ctx *c, const uint8_t a[4])
{
	if (!c->o.nflag && c->nhosts) {
		const struct pr_host *h = host_find(c, AF_INET, a, 4);

		if (h) {
			pr_puts(c, h->name);
			return;
		}
	}
	pr_ip4_num(c, a);
}

void pr_ip6_num(struct pr_ctx *c, const uint8_t a[16])
{
	struct pr_acache *e = acache_slot(c, a, 16);

	if (e->af != AF_INET6 || memcmp(e->key, a, 16)) {
		memcpy(e->key, a, 16);
		e->len = (uint8_t)ip6_text(a, e->s);
		e->af = AF_INET6;
	}
	pr_putn(c, e->s, e->len);
}

void pr_ip6(struct pr_ctx *c, const uint8_t a[16])
{
	if (!c->o.nflag && c->nhosts) {
		const struct pr_host *h = host_find(c, AF_INET6, a, 16);

		if (h) {
			pr_puts(c, h->name);
			return;
		}
	}
	pr_ip6_num(c, a);
}

/*
 * tcpdump's oui_values: printed after a MAC address without -n, and in
 * SNAP, LLDP and CDP (print-int.h).
 */
const struct pr_tok oui_names[] = {
	{ 0x000000, "Ethernet" },
	{ 0x00000c, "Cisco" },
	{ 0x00005e, "IANA" },
	{ 0x000081, "Nortel Networks SONMP" },
	{ 0x0000f8, "Cisco bridged" },
	{ 0x0080c2, "Ethernet bridged" },
	{ 0x00a03e, "ATM Forum" },
	{ 0x00e02f, "DOCSIS Spanning Tree" },
	{ 0x080007, "Appletalk" },
	{ 0x009069, "Juniper" },
	{ 0x080009, "Hewlett-Packard" },
	{ 0x00120f, "IEEE 802.3 Private" },
	{ 0x0012bb, "ANSI/TIA" },
	{ 0x001b21, "DCBX" },
	{ 0x002320, "Nicira Networks" },
	{ 0x5c16c7, "Big Switch Networks" },
	{ 0xb0d2f5, "Vello Systems" },
	{ 0x002481, "HP" },
	{ 0x0004ea, "HP-Labs" },
	{ 0x748771, "Infoblox Inc" },
	{ 0xa42305, "Open Networking Lab" },
	{ 0x00049f, "Freescale" },
	{ 0x0015ad, "Netronome" },
	{ 0x001018, "Broadcom" },
	{ 0x00e004, "PMC-Sierra" },
	{ 0xd0f0db, "Ericsson" },
	{ 0, NULL },
};

static void put_hexbytes(struct pr_ctx *c, const uint8_t *a, unsigned n)
{
	char tmp[3 * 16];
	unsigned i, k = 0;

	if (n == 6) {
		/* a MAC address (-e prints two a frame): pairs, no loop */
		memcpy(tmp, pr_hexpair + 2 * a[0], 2);
		memcpy(tmp + 3, pr_hexpair + 2 * a[1], 2);
		memcpy(tmp + 6, pr_hexpair + 2 * a[2], 2);
		memcpy(tmp + 9, pr_hexpair + 2 * a[3], 2);
		memcpy(tmp + 12, pr_hexpair + 2 * a[4], 2);
		memcpy(tmp + 15, pr_hexpair + 2 * a[5], 2);
		tmp[2] = tmp[5] = tmp[8] = tmp[11] = tmp[14] = ':';
		pr_putn(c, tmp, 17);
		return;
	}
	for (i = 0; i < n; i++) {
		if (k + 3 > sizeof(tmp)) {
			pr_putn(c, tmp, k);
			k = 0;
		}
		if (i)
			tmp[k++] = ':';
		tmp[k++] = pr_hexdig[a[i] >> 4];
		tmp[k++] = pr_hexdig[a[i] & 15];
	}
	pr_putn(c, tmp, k);
}

void pr_mac(struct pr_ctx *c, const uint8_t m[6])
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (!c->o.nflag && !memcmp(m, bcast, 6)) {
		pr_puts(c, "Broadcast");
		return;
	}
	put_hexbytes(c, m, 6);
	if (!c->o.nflag) {
		const char *o =
			pr_tok(oui_names, (uint32_t)m[0] << 16 | m[1] << 8 | m[2]);

		pr_puts(c, " (oui ");
		pr_puts(c, o ? o : "Unknown");
		pr_putc(c, ')');
	}
}

void pr_linkaddr(struct pr_ctx *c, const uint8_t *a, unsigned len)
{
	if (len == 0)
		pr_puts(c, "<empty>");
	else if (len == 6)
		pr_mac(c, a);
	else
		put_hexbytes(c, a, len);
}

int pr_flow_print(struct pr_ctx *c, unsigned proto, unsigned sport,
		  unsigned dport)
{
	size_t alen = c->ipver == 6 ? 16 : 4, klen = 2 * alen + 5, start, n;
	const uint8_t *src = c->iph + (c->ipver == 6 ? 8 : 12);
	struct pr_flow *f;
	uint8_t key[40];
	uint32_t h = 2166136261u;
	size_t i;

	PR_COPY(c, src, key, 2 * alen);
	key[2 * alen] = (uint8_t)proto;
	key[2 * alen + 1] = (uint8_t)(sport >> 8);
	key[2 * alen + 2] = (uint8_t)sport;
	key[2 * alen + 3] = (uint8_t)(dport >> 8);
	key[2 * alen + 4] = (uint8_t)dport;
	/* FNV-1a over the key eight octets a step (13 or 37 octets, zero-padded) */
	memset(key + klen, 0, sizeof(key) - klen);
	for (i = 0; i < klen; i += 8) {
		uint64_t w;

		memcpy(&w, key + i, 8);
		h = (uint32_t)((h ^ (uint32_t)w ^ (uint32_t)(w >> 32)) *
			       16777619u);
	}
	f = &c->flows[(h ^ (h >> 16)) % PR_FLOWS];
	/* keys are kept zero-padded: one compare of a constant size */
	if (f->klen == klen && !memcmp(f->key, key, sizeof(key))) {
		struct hx_buf *b = c->out;

		if (b->cap - b->len > sizeof(f->s)) {
			/* the whole slot, a constant size: a few moves */
			memcpy(b->p + b->len, f->s, sizeof(f->s));
			b->len += f->len;
		} else {
			pr_putn(c, f->s, f->len);
		}
		return 0;
	}
	start = c->out->len;
	if (alen == 16)
		pr_ip6(c, key);
	else
		pr_ip4(c, key);
	pr_putc(c, '.');
	if (proto == 6)
		pr_tcpport(c, sport);
	else
		pr_udpport(c, sport);
	pr_puts(c, " > ");
	if (alen == 16)
		pr_ip6(c, key + 16);
	else
		pr_ip4(c, key + 4);
	pr_putc(c, '.');
	if (proto == 6)
		pr_tcpport(c, dport);
	else
		pr_udpport(c, dport);
	pr_puts(c, ": ");
	n = c->out->len - start;
	if (!c->out->oom && n <= sizeof(f->s)) {
		memcpy(f->key, key, sizeof(key));
		f->klen = (uint8_t)klen;
		memcpy(f->s, c->out->p + start, n);
		f->len = (uint8_t)n;
	} else {
		f->klen = 0;
	}
	return 0;
}

void pr_tcpport(struct pr_ctx *c, unsigned port)
{
	if (!c->o.nflag && names.tcp && names.tcp[port & 0xffff])
		pr_puts(c, names.tcp[port & 0xffff]);
	else
		pr_uint(c, port);
}

void pr_udpport(struct pr_ctx *c, unsigned port)
{
	if (!c->o.nflag && names.udp && names.udp[port & 0xffff])
		pr_puts(c, names.udp[port & 0xffff]);
	else
		pr_uint(c, port);
}

void pr_ip4_right(struct pr_ctx *c, const uint8_t a[4], unsigned width)
{
	size_t at = c->out->len, n, i;

	pr_ip4(c, a);
	n = c->out->len - at;
	if (n >= width)
		return;
	for (i = n; i < width; i++)
		pr_putc(c, ' ');
	if (c->out->len != at + width)
		return; /* out of memory: left as it is */
	memmove(c->out->p + at + width - n, c->out->p + at, n);
	memset(c->out->p + at, ' ', width - n);
}
