/* ladder.c: TCP conversations as ladders of arrows, with tcpdump's flags and relative sequence numbers. */
#include "capture/ladder.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "capture/decode.h"

/* The time column ("   0.000123") and the widest endpoint in a column row. */
#define LAD_TIMEW 11
#define LAD_ENDW ((CAP_LAD_WIDTH + 2 - 2) / 2)
/* The label text inside an arrow: two dashes and a space at each end. */
#define LAD_LABELW (CAP_LAD_WIDTH - 6)
#define LAD_NONE SIZE_MAX

/* One end of a conversation. */
struct lad_end {
	uint8_t addr[16]; /* 4 bytes used for IPv4, the rest zero */
	uint16_t port;
};

struct lad_conv {
	int af;
	struct lad_end a, b;	/* a sorts before b (address, then port) */
	int left_is_b;		/* the left column is b */
	int left_known;		/* decided by a SYN, not just the first packet */
	size_t first, last;	/* segments, linked by lad_seg.next */
	size_t nsegs;
	/* tcpdump's tcp_seq_hash entry for this conversation */
	int trk;
	struct cap_tcp_rel rel;	/* the relative numbers' bases */
};

/* A segment to draw. */
struct lad_seg {
	size_t pkt;  /* index in pkts */
	size_t next; /* the conversation's next segment, or LAD_NONE */
	uint32_t seq, ack, len;
	uint8_t flags;
	uint8_t from_b; /* sent by the conversation's end b */
};

struct lad {
	struct lad_conv *conv;
	size_t nconv, capconv;
	size_t *slot;		/* open addressing: conversation index + 1 */
	size_t nslot;		/* a power of two, at least 2 x nconv */
	struct lad_seg *seg;
	size_t nseg;
};

static int end_cmp(const struct lad_end *x, const struct lad_end *y)
{
	int c = memcmp(x->addr, y->addr, sizeof(x->addr));

	if (c)
		return c;
	return (x->port > y->port) - (x->port < y->port);
}

static uint32_t conv_hash(int af, const struct lad_end *a,
			  const struct lad_end *b)
{
	uint32_t h = 2166136261u ^ (uint32_t)af;
	size_t i;

	for (i = 0; i < 16; i++)
		h = (h ^ a->addr[i]) * 16777619u;
	for (i = 0; i < 16; i++)
		h = (h ^ b->addr[i]) * 16777619u;
	h = (h ^ a->port) * 16777619u;
	h = (h ^ b->port) * 16777619u;
	return h ^ (h >> 15);
}

static int rehash(struct lad *l, size_t nslot)
{
	size_t *slot = calloc(nslot, sizeof(*slot));
	size_t i, k;

	if (!slot)
		return -ENOMEM;
	for (i = 0; i < l->nconv; i++) {
		const struct lad_conv *c = &l->conv[i];

		k = conv_hash(c->af, &c->a, &c->b) & (nslot - 1);
		while (slot[k])
			k = (k + 1) & (nslot - 1);
		slot[k] = i + 1;
	}
	free(l->slot);
	l->slot = slot;
	l->nslot = nslot;
	return 0;
}

/* The conversation of (af, a, b), a before b; created when new. */
static struct lad_conv *conv_get(struct lad *l, int af,
				 const struct lad_end *a,
				 const struct lad_end *b)
{
	struct lad_conv *c;
	size_t k;

	if (2 * (l->nconv + 1) > l->nslot &&
	    rehash(l, l->nslot ? 2 * l->nslot : 64) < 0)
		return NULL;
	k = conv_hash(af, a, b) & (l->nslot - 1);
	for (; l->slot[k]; k = (k + 1) & (l->nslot - 1)) {
		c = &l->conv[l->slot[k] - 1];
		if (c->af == af && !end_cmp(&c->a, a) && !end_cmp(&c->b, b))
			return c;
	}
	if (l->nconv == l->capconv) {
		size_t ncap = l->capconv ? 2 * l->capconv : 16;
		struct lad_conv *nc = realloc(l->conv, ncap * sizeof(*nc));

		if (!nc)
			return NULL;
		l->conv = nc;
		l->capconv = ncap;
	}
	c = &l->conv[l->nconv];
	memset(c, 0, sizeof(*c));
	c->af = af;
	c->a = *a;
	c->b = *b;
	c->first = c->last = LAD_NONE;
	l->slot[k] = ++l->nconv;
	return c;
}

/*
 * print-tcp.c's tcp_seq_track for one conversation (the rule itself is
 * cap_tcp_rel_apply, decode.h, which both call), which is what tcpdump
 * 4.99 does: the ends are ordered by port (then address); the entry holds
 * the first segment's seq and ack - 1 (a SYN's always replace them), and
 * that first segment itself prints absolute numbers. Only segments with
 * ACK set reach it (tcpdump tests the flag first).
 */
static void seq_track(struct lad_conv *c, const struct cap_fields *f,
		      uint32_t *seq, uint32_t *ack)
{
	size_t alen = f->af == AF_INET6 ? 16 : 4;
	int r = f->sport > f->dport ||
		(f->sport == f->dport && memcmp(f->src, f->dst, alen) > 0);

	cap_tcp_rel_apply(&c->rel, !c->trk || (f->tcp_flags & CAP_TCP_SYN), r,
			  seq, ack);
	c->trk = 1;
}

static int add_segment(struct lad *l, const struct cap_lad_opts *o,
		       const struct cap_fields *f, size_t pkt)
{
	struct lad_end s = { { 0 }, f->sport }, d = { { 0 }, f->dport };
	size_t alen = f->af == AF_INET6 ? 16 : 4;
	struct lad_conv *c;
	struct lad_seg *g;
	int from_b;

	memcpy(s.addr, f->src, alen);
	memcpy(d.addr, f->dst, alen);
	from_b = end_cmp(&s, &d) > 0;
	c = from_b ? conv_get(l, f->af, &d, &s) : conv_get(l, f->af, &s, &d);
	if (!c)
		return -ENOMEM;
	g = &l->seg[l->nseg];
	g->pkt = pkt;
	g->next = LAD_NONE;
	g->seq = f->seq;
	g->ack = f->ack;
	g->len = f->payload_len;
	g->flags = f->tcp_flags;
	g->from_b = (uint8_t)from_b;
	/* tcpdump leaves a header shorter than 20 bytes before tracking */
	if (!o->absolute && (f->tcp_flags & CAP_TCP_ACK) && f->tcp_hlen >= 20)
		seq_track(c, f, &g->seq, &g->ack);

	if (c->nsegs == 0)
		c->left_is_b = from_b;
	if (!c->left_known && (f->tcp_flags & CAP_TCP_SYN)) {
		/* the client: a SYN's sender, a SYN+ACK's receiver */
		c->left_is_b = (f->tcp_flags & CAP_TCP_ACK) ? !from_b : from_b;
		c->left_known = 1;
	}
	if (c->last == LAD_NONE)
		c->first = l->nseg;
	else
		l->seg[c->last].next = l->nseg;
	c->last = l->nseg;
	c->nsegs++;
	l->nseg++;
	return 0;
}

/* "name.port" or "address.port", as tcpdump names an end. */
static void end_str(const struct cap_lad_opts *o, int af,
		    const struct lad_end *e, char *buf, size_t len)
{
	size_t alen = af == AF_INET6 ? 16 : 4;
	char a[INET6_ADDRSTRLEN] = "";
	const char *name = NULL;
	size_t i;

	if (!o->numeric && o->names)
		for (i = o->nnames; i-- > 0 && !name;)
			if (o->names[i].af == af && o->names[i].addr &&
			    o->names[i].name &&
			    !memcmp(o->names[i].addr, e->addr, alen))
				name = o->names[i].name;
	if (!name)
		name = inet_ntop(af, e->addr, a, sizeof(a)) ? a : "?";
	snprintf(buf, len, "%s.%u", name, e->port);
}

/* An end for the column row: at most LAD_ENDW characters, the tail kept. */
static const char *end_fit(const char *s)
{
	size_t n = strlen(s);

	return n > LAD_ENDW ? s + n - (LAD_ENDW - 2) : s;
}

static void put_end(struct hx_buf *out, const char *s)
{
	if (strlen(s) > LAD_ENDW)
		hx_buf_puts(out, "..");
	hx_buf_puts(out, end_fit(s));
}

static void put_chars(struct hx_buf *out, char ch, size_t n)
{
	while (n--)
		hx_buf_putc(out, ch);
}

/* tcpdump's flag letters, bit 0 (FIN) first: "S.", "P.", "FRPU". */
static void flags_str(uint8_t flags, char *buf)
{
	static const char letter[8] = { 'F', 'S', 'R', 'P', '.', 'U', 'E', 'W' };
	size_t n = 0;
	int i;

	for (i = 0; i < 8; i++)
		if (flags & (1u << i))
			buf[n++] = letter[i];
	if (n == 0)
		memcpy(buf, "none", n = 4);
	buf[n] = '\0';
}

/* The time since t0, with 6 digits (9 with nano), right-aligned. */
static void put_time(struct hx_buf *out, const struct cap_lad_opts *o,
		     const struct timeval *t, const struct timeval *t0)
{
	long long unit = o->nano ? 1000000000LL : 1000000LL;
	long long d = ((long long)t->tv_sec - t0->tv_sec) * unit +
		      ((long long)t->tv_usec - t0->tv_usec);
	char s[48];

	snprintf(s, sizeof(s), "%s%lld.%0*lld", d < 0 ? "-" : "",
		 (d < 0 ? -d : d) / unit, o->nano ? 9 : 6,
		 (d < 0 ? -d : d) % unit);
	hx_buf_printf(out, "%*s", LAD_TIMEW, s);
}

static void put_arrow(struct hx_buf *out, const struct lad_seg *g,
		      int rightward)
{
	char f[16], text[128];
	size_t n, at;

	flags_str(g->flags, f);
	if (g->flags & CAP_TCP_ACK)
		snprintf(text, sizeof(text), "%s seq %u ack %u len %u", f,
			 g->seq, g->ack, g->len);
	else
		snprintf(text, sizeof(text), "%s seq %u len %u", f, g->seq,
			 g->len);
	n = strlen(text);
	if (n > LAD_LABELW) {
		memcpy(text + LAD_LABELW - 2, "..", 3);
		n = LAD_LABELW;
	}
	/* the label with a space on each side, centred */
	at = (CAP_LAD_WIDTH - (n + 2)) / 2;
	hx_buf_putc(out, '|');
	if (rightward) {
		put_chars(out, '-', at);
	} else {
		hx_buf_putc(out, '<');
		put_chars(out, '-', at - 1);
	}
	hx_buf_putc(out, ' ');
	hx_buf_put(out, text, n);
	hx_buf_putc(out, ' ');
	put_chars(out, '-', CAP_LAD_WIDTH - at - (n + 2) - (rightward ? 1 : 0));
	if (rightward)
		hx_buf_putc(out, '>');
	hx_buf_putc(out, '|');
}

static void draw(struct hx_buf *out, const struct cap_lad_opts *o,
		 const struct cap_pkt *pkts, const struct lad *l, size_t ci)
{
	const struct lad_conv *c = &l->conv[ci];
	const struct lad_end *le = c->left_is_b ? &c->b : &c->a;
	const struct lad_end *re = c->left_is_b ? &c->a : &c->b;
	const struct timeval *t0 = &pkts[l->seg[c->first].pkt].h.ts;
	char ls[160], rs[160];
	size_t k, lw, rw;

	end_str(o, c->af, le, ls, sizeof(ls));
	end_str(o, c->af, re, rs, sizeof(rs));
	hx_buf_printf(out, "TCP conversation %zu: %s <-> %s (%zu packet%s)\n",
		      ci + 1, ls, rs, c->nsegs, c->nsegs == 1 ? "" : "s");
	lw = strlen(ls) > LAD_ENDW ? LAD_ENDW : strlen(ls);
	rw = strlen(rs) > LAD_ENDW ? LAD_ENDW : strlen(rs);
	put_chars(out, ' ', LAD_TIMEW + 1);
	put_end(out, ls);
	put_chars(out, ' ', CAP_LAD_WIDTH + 2 - lw - rw);
	put_end(out, rs);
	hx_buf_putc(out, '\n');
	for (k = c->first; k != LAD_NONE; k = l->seg[k].next) {
		const struct lad_seg *g = &l->seg[k];

		put_time(out, o, &pkts[g->pkt].h.ts, t0);
		hx_buf_putc(out, ' ');
		put_arrow(out, g, g->from_b == c->left_is_b);
		hx_buf_printf(out, " #%zu\n", g->pkt + 1);
	}
}

int cap_lad_render(char *err, const struct cap_lad_opts *o, int dlt,
		   const struct cap_pkt *pkts, size_t n, struct hx_buf *out)
{
	static const struct cap_lad_opts none = { 0 };
	struct lad l = { 0 };
	size_t i, other = 0, cut = 0;
	int r = 0;

	if (!o)
		o = &none;
	l.seg = n ? malloc(n * sizeof(*l.seg)) : NULL;
	if (n && !l.seg) {
		r = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct cap_fields f;

		cap_decode(dlt, pkts[i].data, pkts[i].h.caplen, &f);
		if (f.have & CAP_L_TCP) {
			r = add_segment(&l, o, &f, i);
			if (r < 0)
				goto out;
		} else if ((f.have & (CAP_L_IP4 | CAP_L_IP6)) &&
			   f.proto == IPPROTO_TCP) {
			cut++;
		} else {
			other++;
		}
	}
	if (l.nconv == 0)
		hx_buf_puts(out, "no TCP conversation\n");
	for (i = 0; i < l.nconv; i++) {
		if (i)
			hx_buf_putc(out, '\n');
		draw(out, o, pkts, &l, i);
	}
	if ((cut || other) && l.nconv)
		hx_buf_putc(out, '\n');
	if (cut)
		hx_buf_printf(out,
			      "%zu TCP packet%s without a whole TCP header not drawn\n",
			      cut, cut == 1 ? "" : "s");
	if (other)
		hx_buf_printf(out, "%zu non-TCP packet%s not drawn\n", other,
			      other == 1 ? "" : "s");
	if (out->oom)
		r = -ENOMEM;
out:
	free(l.seg);
	free(l.slot);
	free(l.conv);
	if (r < 0)
		return hx_err(err, r, "cannot draw the ladder: out of memory");
	return (int)l.nconv;
}
