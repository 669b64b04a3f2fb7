/* print.c: the printer's core: context, timestamps, dumps, names, link-type dispatch. */
#include "capture/print-int.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pcap/pcap.h>

/* tcpdump's MAXIMUM_SNAPLEN: larger lengths are an invalid record. */
#define PR_MAX_SNAPLEN 262144

/*
 * Link type -> printer. DLT_LOOP and DLT_NULL share a printer (it tells the
 * byte orders apart), as do the three raw-IP types.
 */
static const struct pr_disp link_printers[] = {
	{ DLT_EN10MB, ether_print },
	{ DLT_LINUX_SLL, sll_print },
	{ DLT_LINUX_SLL2, sll2_print },
	{ DLT_NFLOG, nflog_print },
	{ DLT_NULL, null_print },
	{ DLT_LOOP, null_print },
	{ DLT_RAW, raw_print },
	{ DLT_IPV4, raw_print },
	{ DLT_IPV6, raw_print },
	{ DLT_IPNET, ipnet_print },
	{ DLT_NETLINK, netlink_print },
	{ DLT_SLIP, sl_print },
	{ DLT_SLIP_BSDOS, sl_bsdos_print },
	{ DLT_ARCNET, arcnet_print },
	{ DLT_ARCNET_LINUX, arcnet_linux_print },
	{ DLT_LTALK, ltalk_print },
	{ 0, NULL },
};

/* tcpdump prints link types it has no printer for as "UNSUPPORTED" + hex. */
static int unsupported_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	(void)len;
	c->proto = "unsupported";
	pr_puts(c, "UNSUPPORTED");
	pr_hexascii_dump(c, "\n\t", p, c->h->caplen);
	return 0;
}

pr_fn pr_lookup(const struct pr_disp *t, uint32_t key)
{
	for (; t->fn; t++)
		if (t->key == key)
			return t->fn;
	return NULL;
}

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

	tzset();
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

static void names_init(void)
{
	pthread_once(&names_once, load_names);
}

const char *pr_protoname(const struct pr_ctx *c, unsigned proto)
{
	if (c->o.nflag || proto > 255)
		return NULL;
	return names.proto[proto];
}

/* ---- context ---- */

struct pr_ctx *pr_new(char *err, const struct pr_opts *o, int dlt)
{
	struct pr_ctx *c = calloc(1, sizeof(*c));

	if (!c) {
		hx_err(err, -ENOMEM, "cannot allocate a printer: %s",
		       strerror(ENOMEM));
		return NULL;
	}
	c->o = *o;
	c->dlt = dlt;
	c->link = pr_lookup(link_printers, (uint32_t)dlt);
	if (!c->link)
		c->link = unsupported_print;
	c->suppress_default = o->qflag || o->xflag || o->Xflag;
	c->tm_sec = -1;
	names_init();
	return c;
}

void pr_free(struct pr_ctx *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nhosts; i++)
		free(c->hosts[i].name);
	free(c->hosts);
	pr_tcp_release(c);
	free(c->sl);
	free(c->rpc);
	free(c->rx);
	hx_buf_release(&c->aside);
	free(c);
}

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

const char *pr_dlt_describe(int dlt, char *buf, size_t len)
{
	const char *name = pcap_datalink_val_to_name(dlt);

	if (name)
		snprintf(buf, len, "%s (%s)", name,
			 pcap_datalink_val_to_description(dlt));
	else
		snprintf(buf, len, "%d", dlt);
	return buf;
}

/* ---- output ---- */

void pr_putn_long(struct pr_ctx *c, const char *s, size_t n)
{
	hx_buf_put(c->out, s, n);
}

/* "00" to "99": two digits per division. */
static const char digits2[] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

static unsigned digits10(uint32_t v)
{
	static const uint32_t pow10[] = { 10u, 100u, 1000u, 10000u, 100000u,
					  1000000u, 10000000u, 100000000u,
					  1000000000u };
	unsigned n = 1;

	while (n < 10 && v >= pow10[n - 1])
		n++;
	return n;
}

void pr_uint(struct pr_ctx *c, uint64_t v)
{
	struct hx_buf *b = c->out;
	char tmp[24], *d;
	int i = sizeof(tmp);

	if (v <= 0xffffffffu) {
		/* Straight into the buffer, last digits first. */
		uint32_t w = (uint32_t)v;
		unsigned n = digits10(w);

		if (b->cap - b->len <= n && hx_buf_grow(b, n) < 0)
			return;
		d = b->p + b->len + n;
		while (w >= 100) {
			uint32_t r = w % 100;

			w /= 100;
			*--d = digits2[2 * r + 1];
			*--d = digits2[2 * r];
		}
		if (w >= 10) {
			*--d = digits2[2 * w + 1];
			*--d = digits2[2 * w];
		} else {
			*--d = (char)('0' + w);
		}
		b->len += n;
		return;
	}
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		tmp[--i] = digits2[2 * r + 1];
		tmp[--i] = digits2[2 * r];
	}
	if (v >= 10) {
		tmp[--i] = digits2[2 * v + 1];
		tmp[--i] = digits2[2 * v];
	} else {
		tmp[--i] = (char)('0' + v);
	}
	pr_putn(c, tmp + i, sizeof(tmp) - (size_t)i);
}

void pr_int(struct pr_ctx *c, int64_t v)
{
	if (v < 0) {
		pr_putc(c, '-');
		pr_uint(c, (uint64_t)0 - (uint64_t)v);
	} else {
		pr_uint(c, (uint64_t)v);
	}
}

static const char hexdig[] = "0123456789abcdef";

void pr_hex(struct pr_ctx *c, uint32_t v, int width)
{
	char tmp[8];
	size_t i = sizeof(tmp), w = width > 8 ? 8 : width < 0 ? 0 : (size_t)width;

	do {
		tmp[--i] = hexdig[v & 15];
		v >>= 4;
	} while (v && i > 0);
	while (sizeof(tmp) - i < w && i > 0)
		tmp[--i] = '0';
	pr_putn(c, tmp + i, sizeof(tmp) - i);
}

/*
 * pr_printf: a small printf for the printers' formats (see print-int.h).
 * The point is speed: vsnprintf costs several times this per packet.
 */
static void put_num(struct pr_ctx *c, uint64_t v, int base, int upper,
		    int width, int zero, int left, int alt, int neg)
{
	static const char lo[] = "0123456789abcdef", up[] = "0123456789ABCDEF";
	const char *dig = upper ? up : lo;
	char tmp[32];
	int i = sizeof(tmp), len, pad;

	do {
		tmp[--i] = dig[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	len = (int)sizeof(tmp) - i + neg + (alt ? 2 : 0);
	pad = width > len ? width - len : 0;
	if (!left && !zero)
		while (pad-- > 0)
			pr_putc(c, ' ');
	if (neg)
		pr_putc(c, '-');
	if (alt)
		pr_puts(c, upper ? "0X" : "0x");
	if (!left && zero)
		while (pad-- > 0)
			pr_putc(c, '0');
	pr_putn(c, tmp + i, sizeof(tmp) - (size_t)i);
	if (left)
		while (pad-- > 0)
			pr_putc(c, ' ');
}

void pr_printf(struct pr_ctx *c, const char *fmt, ...)
{
	const char *f = fmt, *run;
	va_list ap;

	va_start(ap, fmt);
	while (*f) {
		int zero = 0, left = 0, alt = 0, width = 0, lmod = 0;
		uint64_t u;
		int64_t d;

		for (run = f; *f && *f != '%'; f++)
			;
		if (f > run)
			pr_putn(c, run, (size_t)(f - run));
		if (!*f)
			break;
		f++;
		for (;; f++) {
			if (*f == '0')
				zero = 1;
			else if (*f == '-')
				left = 1;
			else if (*f == '#')
				alt = 1;
			else
				break;
		}
		while (*f >= '0' && *f <= '9')
			width = width * 10 + (*f++ - '0');
		for (; *f == 'h' || *f == 'l' || *f == 'z' || *f == 'j'; f++)
			lmod = *f == 'h' ? lmod - 1 : lmod + 1;
		switch (*f) {
		case 'd':
		case 'i':
			d = lmod >= 2 ? va_arg(ap, long long) :
			    lmod == 1 ? va_arg(ap, long) :
					va_arg(ap, int);
			if (lmod == -1)
				d = (short)d;
			else if (lmod <= -2)
				d = (signed char)d;
			put_num(c, d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d,
				10, 0, width, zero, left, 0, d < 0);
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lmod >= 2 ? va_arg(ap, unsigned long long) :
			    lmod == 1 ? va_arg(ap, unsigned long) :
					va_arg(ap, unsigned int);
			if (lmod == -1)
				u = (unsigned short)u;
			else if (lmod <= -2)
				u = (unsigned char)u;
			put_num(c, u, *f == 'u' ? 10 : 16, *f == 'X', width, zero,
				left, alt && *f != 'u' && u != 0, 0);
			break;
		case 'c':
			pr_putc(c, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			int n = (int)strlen(str);

			if (!left)
				while (width-- > n)
					pr_putc(c, ' ');
			pr_putn(c, str, (size_t)n);
			if (left)
				while (width-- > n)
					pr_putc(c, ' ');
			break;
		}
		case '%':
			pr_putc(c, '%');
			break;
		default:
			/* outside the subset (see print-int.h): shown as is */
			pr_putc(c, '%');
			if (!*f)
				continue;
			pr_putc(c, *f);
			break;
		}
		f++;
	}
	va_end(ap);
}

void pr_printf_libc(struct pr_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hx_buf_vprintf(c->out, fmt, ap);
	va_end(ap);
}

void pr_trunc(struct pr_ctx *c)
{
	pr_puts(c, " [|");
	pr_puts(c, c->proto);
	pr_putc(c, ']');
}

int pr_stop(struct pr_ctx *c)
{
	pr_trunc(c);
	c->stopped = 1;
	return PR_STOP;
}

void pr_invalid(struct pr_ctx *c)
{
	pr_puts(c, " (invalid)");
}

/* ---- value names ---- */

const char *pr_tok(const struct pr_tok *t, uint32_t v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return NULL;
}

/*
 * The fallback formats are tcpdump's, one conversion each; they are
 * literals chosen in this project, never packet data.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void pr_tok_print(struct pr_ctx *c, const struct pr_tok *t, const char *fmt,
		  uint32_t v)
{
	const char *s = pr_tok(t, v);

	if (s)
		pr_puts(c, s);
	else
		pr_printf(c, fmt, v);
}

void pr_bittok_print(struct pr_ctx *c, const struct pr_tok *t,
		     const char *sep, const char *fmt, uint32_t v)
{
	int any = 0;

	for (; t->s; t++) {
		if (t->v && (v & t->v) == t->v) {
			if (any)
				pr_puts(c, sep);
			pr_puts(c, t->s);
			any = 1;
		}
	}
	if (!any)
		pr_printf(c, fmt, v);
}
#pragma GCC diagnostic pop

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
				out[n++] = hexdig[d];
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

/* tcpdump's oui_values: printed after a MAC address without -n. */
static const struct pr_tok oui_names[] = {
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

	for (i = 0; i < n; i++) {
		if (k + 3 > sizeof(tmp)) {
			pr_putn(c, tmp, k);
			k = 0;
		}
		if (i)
			tmp[k++] = ':';
		tmp[k++] = hexdig[a[i] >> 4];
		tmp[k++] = hexdig[a[i] & 15];
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
	for (i = 0; i < klen; i++)
		h = (h ^ key[i]) * 16777619u;
	f = &c->flows[(h ^ (h >> 16)) % PR_FLOWS];
	if (f->klen == klen && !memcmp(f->key, key, klen)) {
		pr_putn(c, f->s, f->len);
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
		memcpy(f->key, key, klen);
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

/* ---- payload dumps ---- */

static int isgraph_ascii(unsigned ch)
{
	return ch > 0x20 && ch < 0x7f;
}

void pr_hex_dump(struct pr_ctx *c, const char *indent, const uint8_t *p,
		 unsigned len)
{
	const uint8_t *b;
	unsigned i, off = 0;
	size_t avail = pr_left(c, p);

	if (len > avail)
		len = (unsigned)avail;
	b = pk_span(&c->pk, p, len);
	if (!b)
		return;
	for (i = 0; i + 1 < len; i += 2) {
		char tmp[5];

		if ((i & 15) == 0) {
			pr_puts(c, indent);
			pr_puts(c, "0x");
			pr_hex(c, off, 4);
			pr_puts(c, ": ");
			off += 16;
		}
		tmp[0] = ' ';
		tmp[1] = hexdig[b[i] >> 4];
		tmp[2] = hexdig[b[i] & 15];
		tmp[3] = hexdig[b[i + 1] >> 4];
		tmp[4] = hexdig[b[i + 1] & 15];
		pr_putn(c, tmp, 5);
	}
	if (len & 1) {
		char tmp[3];

		if ((i & 15) == 0) {
			pr_puts(c, indent);
			pr_puts(c, "0x");
			pr_hex(c, off, 4);
			pr_puts(c, ": ");
		}
		tmp[0] = ' ';
		tmp[1] = hexdig[b[i] >> 4];
		tmp[2] = hexdig[b[i] & 15];
		pr_putn(c, tmp, 3);
	}
}

void pr_hexascii_dump(struct pr_ctx *c, const char *indent, const uint8_t *p,
		      unsigned len)
{
	const uint8_t *b;
	unsigned i, off = 0;
	size_t avail = pr_left(c, p);

	if (len > avail)
		len = (unsigned)avail;
	b = pk_span(&c->pk, p, len);
	if (!b)
		return;
	for (i = 0; i < len; i += 16) {
		char hex[41], asc[17];
		unsigned j, n = len - i < 16 ? len - i : 16, h = 0;

		for (j = 0; j < n; j++) {
			if ((j & 1) == 0)
				hex[h++] = ' ';
			hex[h++] = hexdig[b[i + j] >> 4];
			hex[h++] = hexdig[b[i + j] & 15];
			asc[j] = isgraph_ascii(b[i + j]) ? (char)b[i + j] : '.';
		}
		while (h < 40)
			hex[h++] = ' ';
		pr_puts(c, indent);
		pr_puts(c, "0x");
		pr_hex(c, off, 4);
		pr_puts(c, ": ");
		pr_putn(c, hex, 40);
		pr_puts(c, "  ");
		pr_putn(c, asc, n);
		off += 16;
	}
}

void pr_ascii_dump(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	const uint8_t *b;
	unsigned i;
	size_t avail = pr_left(c, p);

	if (len > avail)
		len = (unsigned)avail;
	b = pk_span(&c->pk, p, len);
	pr_putc(c, '\n');
	if (!b)
		return;
	for (i = 0; i < len; i++) {
		uint8_t s = b[i];

		if (s == '\r') {
			/* A CR before LF is dropped; elsewhere it is a '.'. */
			if (len - i - 1 > 1 && b[i + 1] != '\n')
				pr_putc(c, '.');
		} else if (!isgraph_ascii(s) && s != '\t' && s != ' ' &&
			   s != '\n') {
			pr_putc(c, '.');
		} else {
			pr_putc(c, (char)s);
		}
	}
}

void pr_default(struct pr_ctx *c, const uint8_t *p, unsigned caplen)
{
	if (!c->suppress_default)
		pr_hexascii_dump(c, "\n\t", p, caplen);
}

void pr_unknown_data(struct pr_ctx *c, const uint8_t *p, const char *indent,
		     unsigned len)
{
	if (!pk_has(&c->pk, p, 0)) {
		pr_puts(c, indent);
		pr_puts(c, "Dissector error: print_unknown_data called with "
			   "pointer past end of packet");
		return;
	}
	pr_hex_dump(c, indent, p, len);
}

void pr_char(struct pr_ctx *c, uint8_t ch)
{
	if (ch & 0x80) {
		ch &= 0x7f;
		pr_puts(c, "M-");
	}
	if (!(ch >= 0x20 && ch < 0x7f)) {
		ch ^= 0x40;
		pr_putc(c, '^');
	}
	pr_putc(c, (char)ch);
}

int pr_printn(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t ch;

	while (n > 0 && pk_u8(&c->pk, p, &ch)) {
		pr_char(c, ch);
		p++;
		n--;
	}
	return n != 0;
}

/* ---- checksums ---- */

uint32_t pr_cksum_add(uint32_t acc, const uint8_t *p, size_t n)
{
	uint64_t sum = acc;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	while (sum >> 32)
		sum = (sum & 0xffffffff) + (sum >> 32);
	return (uint32_t)sum;
}

uint16_t pr_cksum_fold(uint32_t acc)
{
	uint32_t s = (acc & 0xffff) + (acc >> 16);

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

uint16_t pr_cksum_shouldbe(uint16_t field, uint16_t computed)
{
	uint32_t s = (uint32_t)field + computed;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* ---- timestamps ---- */

static void put2(char *d, unsigned v)
{
	d[0] = (char)('0' + v / 10 % 10);
	d[1] = (char)('0' + v % 10);
}

static void put_frac(struct pr_ctx *c, int64_t frac)
{
	char tmp[10];
	int i, n = c->o.nano ? 9 : 6;
	uint32_t v = (uint32_t)frac;

	if ((uint64_t)frac >= (c->o.nano ? 1000000000u : 1000000u)) {
		/* More digits than the precision: tcpdump prints them all. */
		pr_printf(c, c->o.nano ? ".%09u" : ".%06u", (unsigned)frac);
		return;
	}
	tmp[0] = '.';
	for (i = n; i >= 2; i -= 2) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		tmp[i] = digits2[2 * r + 1];
		tmp[i - 1] = digits2[2 * r];
	}
	if (i == 1)
		tmp[1] = (char)('0' + v);
	pr_putn(c, tmp, (size_t)n + 1);
}

/* HH:MM:SS (or YYYY-MM-DD HH:MM:SS) of sec in local time, cached per second. */
static int put_clock(struct pr_ctx *c, int64_t sec, int date)
{
	if (sec != c->tm_sec || date != c->tm_date) {
		time_t t = (time_t)sec;
		struct tm tm;

		if (!localtime_r(&t, &tm))
			return -1;
		c->tm_len = strftime(c->tm_str, sizeof(c->tm_str),
				     date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S",
				     &tm);
		c->tm_sec = sec;
		c->tm_date = date;
	}
	pr_putn(c, c->tm_str, c->tm_len);
	return 0;
}

/*
 * The common case of put_ts: the second's clock text is cached and frac
 * is within the precision. Writes "<clock>.<frac> " in one go.
 */
static void put_clock_frac(struct pr_ctx *c, int64_t frac)
{
	struct hx_buf *b = c->out;
	size_t need = sizeof(c->tm_str) + 12;
	uint32_t v = (uint32_t)frac;
	char *d;
	int i, n = c->o.nano ? 9 : 6;

	if (b->cap - b->len <= need && hx_buf_grow(b, need) < 0)
		return;
	d = b->p + b->len;
	memcpy(d, c->tm_str, sizeof(c->tm_str));
	d += c->tm_len;
	d[0] = '.';
	for (i = n; i >= 2; i -= 2) {
		unsigned r = v % 100;

		v /= 100;
		d[i] = digits2[2 * r + 1];
		d[i - 1] = digits2[2 * r];
	}
	if (i == 1)
		d[1] = (char)('0' + v);
	d[n + 1] = ' ';
	b->len += c->tm_len + (size_t)n + 2;
}

static void put_ts(struct pr_ctx *c, int64_t sec, int64_t frac)
{
	int64_t per = c->o.nano ? 1000000000 : 1000000;

	switch (c->o.tflag) {
	case 0:
	case 4:
		if (!((uint32_t)sec & 0x80000000u) && sec == c->tm_sec &&
		    (c->o.tflag == 4) == c->tm_date &&
		    (uint64_t)frac < (uint64_t)per) {
			put_clock_frac(c, frac);
			break;
		}
		if ((uint32_t)sec & 0x80000000u ||
		    put_clock(c, sec, c->o.tflag == 4) < 0) {
			pr_puts(c, "[Error converting time]");
		} else {
			put_frac(c, frac);
		}
		pr_putc(c, ' ');
		break;
	case 1:
		break;
	case 2:
		if ((uint32_t)sec & 0x80000000u) {
			pr_puts(c, "[Error converting time]");
		} else {
			pr_uint(c, (uint32_t)sec);
			put_frac(c, frac);
		}
		pr_putc(c, ' ');
		break;
	case 3:
	case 5: {
		int64_t ds, df;
		int neg;

		/* tcpdump takes a zero reference as "not set yet". */
		if (!c->ref_set) {
			c->ref_sec = sec;
			c->ref_frac = frac;
			c->ref_set = sec || frac;
		}
		neg = sec < c->ref_sec ||
		      (sec == c->ref_sec && frac < c->ref_frac);
		if (neg) {
			ds = c->ref_sec - sec;
			df = c->ref_frac - frac;
		} else {
			ds = sec - c->ref_sec;
			df = frac - c->ref_frac;
		}
		if (df < 0) {
			ds--;
			df += per;
		}
		pr_putc(c, neg ? '-' : ' ');
		if ((uint32_t)ds & 0x80000000u) {
			pr_puts(c, "[Error converting time]");
		} else {
			char hms[8];
			uint32_t s = (uint32_t)ds % 86400;

			put2(hms, s / 3600);
			hms[2] = ':';
			put2(hms + 3, s / 60 % 60);
			hms[5] = ':';
			put2(hms + 6, s % 60);
			pr_putn(c, hms, 8);
			put_frac(c, df);
		}
		pr_putc(c, ' ');
		if (c->o.tflag == 3) {
			c->ref_sec = sec;
			c->ref_frac = frac;
			c->ref_set = sec || frac;
		}
		break;
	}
	default:
		break;
	}
}

/* ---- one packet ---- */

void pr_packet(struct pr_ctx *c, struct hx_buf *out,
	       const struct pcap_pkthdr *h, const uint8_t *pkt)
{
	unsigned hdrlen;
	int bad = 0;

	c->out = out;
	if (h->caplen == 0) {
		bad = 1;
		pr_puts(c, "[Invalid header: caplen==0");
	}
	if (h->len == 0) {
		pr_puts(c, bad ? "," : "[Invalid header:");
		bad = 1;
		pr_puts(c, " len==0");
	} else if (h->len < h->caplen) {
		pr_puts(c, bad ? "," : "[Invalid header:");
		bad = 1;
		pr_printf(c, " len(%u) < caplen(%u)", h->len, h->caplen);
	}
	if (h->caplen > PR_MAX_SNAPLEN) {
		pr_puts(c, bad ? "," : "[Invalid header:");
		bad = 1;
		pr_printf(c, " caplen(%u) > %u", h->caplen, PR_MAX_SNAPLEN);
	}
	if (h->len > PR_MAX_SNAPLEN) {
		pr_puts(c, bad ? "," : "[Invalid header:");
		bad = 1;
		pr_printf(c, " len(%u) > %u", h->len, PR_MAX_SNAPLEN);
	}
	if (bad) {
		pr_puts(c, "]\n");
		if (out->p)
			out->p[out->len] = '\0';
		return;
	}

	put_ts(c, (int64_t)h->ts.tv_sec, (int64_t)h->ts.tv_usec);

	c->h = h;
	c->pk.lo = pkt;
	c->pk.hi = pkt + h->caplen;
	c->proto = "";
	c->ll_hdr_len = 0;
	c->stopped = 0;
	c->iph = NULL;
	c->ipver = 0;
	c->fragmented = 0;
	if (c->link(c, pkt, h->len) == PR_STOP || c->stopped)
		c->ll_hdr_len = 0;
	hdrlen = c->ll_hdr_len;
	c->pk.hi = pkt + h->caplen;

	if (c->o.Xflag) {
		if (c->o.Xflag > 1)
			pr_hexascii_dump(c, "\n\t", pkt, h->caplen);
		else if (h->caplen > hdrlen)
			pr_hexascii_dump(c, "\n\t", pkt + hdrlen,
					 h->caplen - hdrlen);
	} else if (c->o.xflag) {
		if (c->o.xflag > 1)
			pr_hex_dump(c, "\n\t", pkt, h->caplen);
		else if (h->caplen > hdrlen)
			pr_hex_dump(c, "\n\t", pkt + hdrlen,
				    h->caplen - hdrlen);
	} else if (c->o.Aflag) {
		if (c->o.Aflag > 1)
			pr_ascii_dump(c, pkt, h->caplen);
		else if (h->caplen > hdrlen)
			pr_ascii_dump(c, pkt + hdrlen, h->caplen - hdrlen);
	}
	pr_putc(c, '\n');
	if (out->p)
		out->p[out->len] = '\0';
	c->h = NULL;
}
