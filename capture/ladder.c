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
	/* per sender (a, b): the raw sequence number after the highest
	 * sequence space sent so far, once anything was */
	uint32_t nxt[2];
	int sent[2];
};

/* A segment to draw. */
struct lad_seg {
	size_t pkt;  /* index in pkts */
	size_t next; /* the conversation's next segment, or LAD_NONE */
	uint32_t seq, ack, len;
	uint8_t flags;
	uint8_t from_b; /* sent by the conversation's end b */
	uint8_t retrans;
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
	g->retrans = 0;
	{
		/* SYN and FIN take one sequence number each */
		uint32_t span = f->payload_len +
				!!(f->tcp_flags & CAP_TCP_SYN) +
				!!(f->tcp_flags & CAP_TCP_FIN);
		uint32_t end = f->seq + span;

		if (span && c->sent[from_b] &&
		    (int32_t)(end - c->nxt[from_b]) <= 0)
			g->retrans = 1;
		if (span && (!c->sent[from_b] ||
			     (int32_t)(end - c->nxt[from_b]) > 0)) {
			c->nxt[from_b] = end;
			c->sent[from_b] = 1;
		}
	}
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

/* The time since t0, with 6 digits (9 with nano). */
void cap_lad_time(const struct cap_lad_opts *o, const struct timeval *t,
		  const struct timeval *t0, char *buf, size_t len)
{
	long long unit = o && o->nano ? 1000000000LL : 1000000LL;
	long long d = ((long long)t->tv_sec - t0->tv_sec) * unit +
		      ((long long)t->tv_usec - t0->tv_usec);

	snprintf(buf, len, "%s%lld.%0*lld", d < 0 ? "-" : "",
		 (d < 0 ? -d : d) / unit, o && o->nano ? 9 : 6,
		 (d < 0 ? -d : d) % unit);
}

void cap_lad_label(const struct cap_lad_seg *g, char *buf, size_t len)
{
	char f[16];

	flags_str(g->flags, f);
	if (g->flags & CAP_TCP_ACK)
		snprintf(buf, len, "%s seq %u ack %u len %u", f, g->seq, g->ack,
			 g->len);
	else
		snprintf(buf, len, "%s seq %u len %u", f, g->seq, g->len);
}

static void put_arrow(struct hx_buf *out, const struct cap_lad_seg *g)
{
	char text[128];
	size_t n, at;
	int rightward = g->rightward;

	cap_lad_label(g, text, sizeof(text));
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
		 const struct cap_pkt *pkts, const struct cap_lad *l, size_t ci)
{
	const struct cap_lad_conv *c = &l->conv[ci];
	const struct timeval *t0 = &pkts[l->seg[c->first].pkt].h.ts;
	const char *ls = c->left, *rs = c->right;
	size_t k, lw, rw;
	char t[48];

	hx_buf_printf(out, "TCP conversation %zu: %s <-> %s (%zu packet%s)\n",
		      ci + 1, ls, rs, c->n, c->n == 1 ? "" : "s");
	lw = strlen(ls) > LAD_ENDW ? LAD_ENDW : strlen(ls);
	rw = strlen(rs) > LAD_ENDW ? LAD_ENDW : strlen(rs);
	put_chars(out, ' ', LAD_TIMEW + 1);
	put_end(out, ls);
	put_chars(out, ' ', CAP_LAD_WIDTH + 2 - lw - rw);
	put_end(out, rs);
	hx_buf_putc(out, '\n');
	for (k = c->first; k < c->first + c->n; k++) {
		const struct cap_lad_seg *g = &l->seg[k];

		cap_lad_time(o, &pkts[g->pkt].h.ts, t0, t, sizeof(t));
		hx_buf_printf(out, "%*s ", LAD_TIMEW, t);
		put_arrow(out, g);
		hx_buf_printf(out, " #%zu\n", g->pkt + 1);
	}
}

void cap_lad_release(struct cap_lad *l)
{
	if (!l)
		return;
	free(l->conv);
	free(l->seg);
	memset(l, 0, sizeof(*l));
}

int cap_lad_build(char *err, const struct cap_lad_opts *o, int dlt,
		  const struct cap_pkt *pkts, size_t n, struct cap_lad *out)
{
	static const struct cap_lad_opts none = { 0 };
	struct lad l = { 0 };
	size_t i, k, at;
	int r = 0;

	memset(out, 0, sizeof(*out));
	if (!o)
		o = &none;
	l.seg = n ? malloc(n * sizeof(*l.seg)) : NULL;
	if (n && !l.seg) {
		r = -ENOMEM;
		goto fail;
	}
	for (i = 0; i < n; i++) {
		struct cap_fields f;

		cap_decode(dlt, pkts[i].data, pkts[i].h.caplen, &f);
		if (f.have & CAP_L_TCP) {
			r = add_segment(&l, o, &f, i);
			if (r < 0)
				goto fail;
		} else if ((f.have & (CAP_L_IP4 | CAP_L_IP6)) &&
			   f.proto == IPPROTO_TCP) {
			out->cut++;
		} else {
			out->other++;
		}
	}
	out->conv = calloc(l.nconv ? l.nconv : 1, sizeof(*out->conv));
	out->seg = calloc(l.nseg ? l.nseg : 1, sizeof(*out->seg));
	if (!out->conv || !out->seg) {
		r = -ENOMEM;
		goto fail;
	}
	for (i = at = 0; i < l.nconv; i++) {
		const struct lad_conv *c = &l.conv[i];
		struct cap_lad_conv *oc = &out->conv[i];

		oc->af = c->af;
		end_str(o, c->af, c->left_is_b ? &c->b : &c->a, oc->left,
			sizeof(oc->left));
		end_str(o, c->af, c->left_is_b ? &c->a : &c->b, oc->right,
			sizeof(oc->right));
		oc->first = at;
		oc->n = c->nsegs;
		for (k = c->first; k != LAD_NONE; k = l.seg[k].next) {
			const struct lad_seg *g = &l.seg[k];
			struct cap_lad_seg *og = &out->seg[at++];

			og->pkt = g->pkt;
			og->seq = g->seq;
			og->ack = g->ack;
			og->len = g->len;
			og->flags = g->flags;
			og->rightward = g->from_b == c->left_is_b;
			og->retrans = g->retrans;
		}
	}
	out->nconv = l.nconv;
	out->nseg = at;
	free(l.seg);
	free(l.slot);
	free(l.conv);
	return 0;
fail:
	free(l.seg);
	free(l.slot);
	free(l.conv);
	cap_lad_release(out);
	return hx_err(err, r, "cannot draw the ladder: out of memory");
}

int cap_lad_render(char *err, const struct cap_lad_opts *o, int dlt,
		   const struct cap_pkt *pkts, size_t n, struct hx_buf *out)
{
	struct cap_lad l;
	size_t i;
	int r;

	r = cap_lad_build(err, o, dlt, pkts, n, &l);
	if (r < 0)
		return r;
	if (l.nconv == 0)
		hx_buf_puts(out, "no TCP conversation\n");
	for (i = 0; i < l.nconv; i++) {
		if (i)
			hx_buf_putc(out, '\n');
		draw(out, o, pkts, &l, i);
	}
	if ((l.cut || l.other) && l.nconv)
		hx_buf_putc(out, '\n');
	if (l.cut)
		hx_buf_printf(out,
			      "%zu TCP packet%s without a whole TCP header not drawn\n",
			      l.cut, l.cut == 1 ? "" : "s");
	if (l.other)
		hx_buf_printf(out, "%zu non-TCP packet%s not drawn\n", l.other,
			      l.other == 1 ? "" : "s");
	r = (int)l.nconv;
	cap_lad_release(&l);
	if (out->oom)
		return hx_err(err, -ENOMEM, "cannot draw the ladder: out of memory");
	return r;
}
