/* sc-expect.c: evaluates a scenario's expectations on its captures, outcomes and files (the line-block matcher is sc-lines.c's, the files check sc-files.c's). */
#include "harness/sc-expect.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <pcap/pcap.h>

#include "capture/decode.h"
#include "capture/pktvec.h"
#include "capture/sf.h"
#include "harness/sc-files.h"
#include "harness/sc-lines.h"
#include "harness/sc-match.h"
#include "harness/sc-same.h"

#define MAX_LISTED 40 /* lines or packets a failure lists at most */

void sc_verdicts_free(struct sc_verdict *v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].why);
		free(v[i].detail);
	}
	free(v);
}

/* ---- the evaluation context ------------------------------------------ */

struct sc_eval {
	const struct sc_scenario *sc;
	const struct sc_results *res;
	struct sc_env env;
	size_t ei;		/* the expectation being evaluated */
	const struct sc_expect *e;
	const struct sc_step_result *r; /* its step's result */
	struct hx_buf why, det;
};

static void why(struct sc_eval *X, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void why(struct sc_eval *X, const char *fmt, ...)
{
	va_list ap;

	hx_buf_reset(&X->why);
	va_start(ap, fmt);
	hx_buf_vprintf(&X->why, fmt, ap);
	va_end(ap);
}

#define det(X, ...) hx_buf_printf(&(X)->det, __VA_ARGS__)

static void fmt_time(const struct pcap_pkthdr *h, char *buf, size_t len)
{
	struct tm tm;
	time_t t = h->ts.tv_sec;

	gmtime_r(&t, &tm);
	snprintf(buf, len, "%02d:%02d:%02d.%06ld", tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (long)h->ts.tv_usec);
}

/* One line about a packet, from the decoder, for captures with no text. */
static void pkt_summary(struct hx_buf *b, int dlt, const struct cap_pkt *p)
{
	struct cap_fields f;
	char t[32], s[64], d[64];

	fmt_time(&p->h, t, sizeof(t));
	cap_decode(dlt, p->data, p->h.caplen, &f);
	hx_buf_printf(b, "%s ", t);
	if (!f.af) {
		hx_buf_printf(b, "(no IP) length %u", p->h.len);
		return;
	}
	cap_addr_str(&f, 's', s, sizeof(s));
	cap_addr_str(&f, 'd', d, sizeof(d));
	if (f.have & CAP_L_TCP) {
		static const char fl[] = "FSRP.UEW";
		char flags[10];
		int i, k = 0;

		for (i = 0; i < 8; i++)
			if (f.tcp_flags & (1 << i))
				flags[k++] = fl[i];
		flags[k] = '\0';
		hx_buf_printf(b, "%s.%u > %s.%u: tcp [%s] seq %u ack %u win %u length %u", s,
			      f.sport, d, f.dport, flags, f.seq, f.ack, f.win, f.payload_len);
	} else if (f.have & CAP_L_UDP) {
		hx_buf_printf(b, "%s.%u > %s.%u: udp length %u", s, f.sport, d, f.dport,
			      f.payload_len);
	} else if (f.have & CAP_L_ICMP) {
		hx_buf_printf(b, "%s > %s: icmp type %u code %u id %u seq %u", s, d,
			      f.icmp_type, f.icmp_code, f.icmp_id, f.icmp_seq);
	} else {
		hx_buf_printf(b, "%s > %s: proto %u length %u", s, d, f.proto, f.ip_len);
	}
}

/* Lists packet i (0-based) in the detail: its printed lines, or a summary. */
static void list_pkt(struct sc_eval *X, size_t i, const char *mark)
{
	const struct sc_lines *L = X->r->text;
	size_t k;
	int any = 0;

	if (L)
		for (k = 0; k < L->n; k++)
			if (L->pkt[k] == i) {
				det(X, "  %s%-4zu %s\n", any ? " " : mark, i + 1, L->line[k]);
				any = 1;
			}
	if (!any && i < X->r->npkts) {
		det(X, "  %s%-4zu ", mark, i + 1);
		pkt_summary(&X->det, X->r->dlt, &X->r->pkts[i]);
		det(X, "\n");
	}
}

static void list_all_pkts(struct sc_eval *X)
{
	size_t i, n = X->r->npkts;

	det(X, "the packets (%zu):\n", n);
	for (i = 0; i < n && i < MAX_LISTED; i++)
		list_pkt(X, i, " ");
	if (n > MAX_LISTED)
		det(X, "  ... and %zu more\n", n - MAX_LISTED);
}

static const char *cmp_str(enum sc_cmp op)
{
	static const char *const s[] = { "==", "!=", "<", "<=", ">", ">=", ".." };

	return s[op];
}

int sc_cond_holds(const struct sc_num_cond *c, long long v)
{
	switch (c->op) {
	case SC_EQ: return v == c->a;
	case SC_NE: return v != c->a;
	case SC_LT: return v < c->a;
	case SC_LE: return v <= c->a;
	case SC_GT: return v > c->a;
	case SC_GE: return v >= c->a;
	case SC_RANGE: return v >= c->a && v <= c->b;
	}
	return 0;
}

void sc_cond_str(const struct sc_num_cond *c, char *buf, size_t len)
{
	if (c->op == SC_RANGE)
		snprintf(buf, len, "%lld..%lld", c->a, c->b);
	else if (c->op == SC_EQ)
		snprintf(buf, len, "%lld", c->a);
	else
		snprintf(buf, len, "%s %lld", cmp_str(c->op), c->a);
}

/* A packet as `each`, `count ... when` and `gaps` see it. */
struct fpkt {
	struct cap_fields f;
	const struct pcap_pkthdr *h;
	size_t idx; /* in the capture */
	int dec;    /* selected */
};

/* ---- count ----------------------------------------------------------- */

static int selected(struct sc_eval *X, const struct fpkt *p);

static int ex_count(struct sc_eval *X)
{
	size_t i, n = 0;
	char c[64];

	for (i = 0; i < X->r->npkts; i++) {
		struct fpkt p;

		memset(&p, 0, sizeof(p));
		p.h = &X->r->pkts[i].h;
		cap_decode(X->r->dlt, X->r->pkts[i].data, p.h->caplen, &p.f);
		n += (size_t)selected(X, &p);
	}
	if (sc_cond_holds(&X->e->u.count, (long long)n))
		return 1;
	sc_cond_str(&X->e->u.count, c, sizeof(c));
	if (X->e->nwhen)
		why(X, "%zu of the %zu packets kept meet the 'when' conditions; expected %s", n,
		    X->r->npkts, c);
	else
		why(X, "the capture kept %zu packet%s; expected %s", n, n == 1 ? "" : "s", c);
	list_all_pkts(X);
	return 0;
}

static int ex_linktype(struct sc_eval *X)
{
	const char *have = pcap_datalink_val_to_name(X->r->dlt);

	if (X->r->dlt == X->e->u.linktype.dlt)
		return 1;
	why(X, "the link type is %s (%d), expected %s (%d)", have ? have : "unknown",
	    X->r->dlt, X->e->u.linktype.name, X->e->u.linktype.dlt);
	return 0;
}

/* ---- line patterns --------------------------------------------------- */

static void show_line(struct sc_eval *X, size_t li)
{
	const struct sc_lines *L = X->r->text;

	if (L->pkt[li] != SC_NONE)
		det(X, "  line %zu (packet %zu): %s\n", li + 1, L->pkt[li] + 1, L->line[li]);
	else
		det(X, "  line %zu: %s\n", li + 1, L->line[li]);
}

static void show_output(struct sc_eval *X)
{
	const struct sc_lines *L = X->r->text;
	size_t i;

	det(X, "the output (%zu line%s):\n", L->n, L->n == 1 ? "" : "s");
	for (i = 0; i < L->n && i < MAX_LISTED; i++) {
		if (L->pkt[i] != SC_NONE)
			det(X, "  %4zu [%zu] %s\n", i + 1, L->pkt[i] + 1, L->line[i]);
		else
			det(X, "  %4zu %s\n", i + 1, L->line[i]);
	}
	if (L->n > MAX_LISTED)
		det(X, "  ... and %zu more\n", L->n - MAX_LISTED);
}

/* The caret line under a mismatch: where in the line it happened. */
static void show_caret(struct sc_eval *X, size_t li, size_t col)
{
	const char *s = X->r->text->line[li];
	size_t lead = 0, i, w;

	while (s[lead] == ' ' || s[lead] == '\t')
		lead++;
	w = strlen("  line ");
	{
		char tmp[64];

		if (X->r->text->pkt[li] != SC_NONE)
			w += (size_t)snprintf(tmp, sizeof(tmp), "%zu (packet %zu): ", li + 1,
					      X->r->text->pkt[li] + 1);
		else
			w += (size_t)snprintf(tmp, sizeof(tmp), "%zu: ", li + 1);
	}
	for (i = 0; i < w; i++)
		hx_buf_putc(&X->det, ' ');
	for (i = 0; i < lead + col; i++)
		hx_buf_putc(&X->det, s[i] == '\t' ? '\t' : ' ');
	det(X, "^ %s\n", X->r->text ? "here" : "");
}

static int ex_lines(struct sc_eval *X)
{
	const struct sc_expect *e = X->e;
	const struct sc_lines *L = X->r->text;
	int loose = e->kind == SC_EX_CONTAINS;
	struct sc_block_miss m;
	int r;

	r = sc_lines_match(L, e->u.output.lines, e->u.output.n, loose, &X->env, X->ei,
			   2000000, &m);
	if (r == -E2BIG) {
		why(X, "the patterns need too much backtracking to decide; use fewer '*' or '...'");
		return 0;
	}
	if (r < 0)
		return r;
	if (r == 1)
		return 1;
	/* Explain the deepest point the patterns reached. */
	if (m.pi < e->u.output.n) {
		const struct sc_pattern *p = &e->u.output.lines[m.pi];

		det(X, "pattern (line %u): %s\n", p->pos.line, p->text);
		if (loose || m.kind == 1) {
			/* Where the search for this pattern started. */
			if (m.start == 0 && L->n == 0)
				why(X, "the output is empty: nothing matches the pattern on line %u",
				    p->pos.line);
			else if (m.start == 0)
				why(X, "no line matches the pattern on line %u", p->pos.line);
			else if (m.start >= L->n)
				why(X, "no line after line %zu (the last) matches the pattern on line %u",
				    m.start, p->pos.line);
			else
				why(X, "no line after line %zu matches the pattern on line %u",
				    m.start, p->pos.line);
			if (m.kind == 0) {
				det(X, "closest line:\n");
				show_line(X, m.li);
				show_caret(X, m.li, m.mm.col);
				det(X, "  %s\n", m.mm.why);
			}
		} else {
			size_t li = m.li;

			if (L->pkt[li] != SC_NONE)
				why(X, "line %zu (packet %zu) does not match the pattern on line %u: %s",
				    li + 1, L->pkt[li] + 1, p->pos.line, m.mm.why);
			else
				why(X, "line %zu does not match the pattern on line %u: %s", li + 1,
				    p->pos.line, m.mm.why);
			show_line(X, li);
			show_caret(X, li, m.mm.col);
		}
	} else {
		size_t li = m.li;

		if (L->pkt[li] != SC_NONE)
			why(X, "line %zu (packet %zu) comes after every pattern matched: %zu line%s more than expected",
			    li + 1, L->pkt[li] + 1, L->n - li, L->n - li == 1 ? "" : "s");
		else
			why(X, "line %zu comes after every pattern matched: %zu line%s more than expected",
			    li + 1, L->n - li, L->n - li == 1 ? "" : "s");
		show_line(X, li);
	}
	show_output(X);
	return 0;
}

static int ex_has(struct sc_eval *X)
{
	const struct sc_pattern *p = &X->e->u.output.lines[0];
	const struct sc_lines *L = X->r->text;
	struct sc_mismatch best, mm;
	size_t i, bi = SC_NONE, found = 0;
	int r;

	memset(&best, 0, sizeof(best));
	for (i = 0; i < L->n; i++) {
		size_t mark = X->env.n;

		r = sc_match_line(p, L->line[i], strlen(L->line[i]), &X->env, X->ei, &mm);
		if (r < 0 && r != -E2BIG)
			return r;
		if (r == 1) {
			if ((X->e->kind == SC_EX_HAS || X->e->kind == SC_EX_PCAP_HAS))
				return 1;
			sc_env_undo(&X->env, mark);
			if (found++ == 0) {
				why(X, "line %zu matches: nothing should", i + 1);
				det(X, "pattern (line %u): %s\nlines that match:\n", p->pos.line,
				    p->text);
			}
			if (found <= MAX_LISTED)
				show_line(X, i);
		} else if (bi == SC_NONE || mm.col > best.col) {
			bi = i;
			best = mm;
		}
	}
	if ((X->e->kind == SC_EX_LACKS || X->e->kind == SC_EX_PCAP_LACKS)) {
		if (found > 1)
			why(X, "%zu lines match: none should", found);
		return found == 0;
	}
	why(X, "no line matches the pattern on line %u", p->pos.line);
	det(X, "pattern (line %u): %s\n", p->pos.line, p->text);
	if (bi != SC_NONE) {
		det(X, "closest line:\n");
		show_line(X, bi);
		show_caret(X, bi, best.col);
		det(X, "  %s\n", best.why);
	}
	show_output(X);
	return 0;
}

/* ---- fields: each, same ---------------------------------------------- */

/* A field's value: a number, or text for addresses and MACs. */
struct fval {
	int ok;	     /* the packet has that field */
	int text;
	long long n;
	char s[64];
};

static void getf(const struct fpkt *p, enum sc_field fl, struct fval *v)
{
	const struct cap_fields *f = &p->f;
	int tcp = !!(f->have & CAP_L_TCP), udp = !!(f->have & CAP_L_UDP);
	int icmp = !!(f->have & CAP_L_ICMP);

	memset(v, 0, sizeof(*v));
	v->ok = 1;
	switch (fl) {
	case SC_F_SEQ: v->ok = tcp; v->n = f->seq; break;
	case SC_F_ACK: v->ok = tcp; v->n = f->ack; break;
	case SC_F_NXT: v->ok = tcp; v->n = cap_tcp_next_seq(f); break;
	case SC_F_LEN: v->ok = tcp || udp || icmp; v->n = f->payload_len; break;
	case SC_F_WIN: v->ok = tcp; v->n = f->win; break;
	case SC_F_URP: v->ok = tcp; v->n = f->urp; break;
	case SC_F_FLAGS: v->ok = tcp; v->n = f->tcp_flags; break;
	case SC_F_SPORT: v->ok = tcp || udp; v->n = f->sport; break;
	case SC_F_DPORT: v->ok = tcp || udp; v->n = f->dport; break;
	case SC_F_TTL: v->ok = f->af != 0; v->n = f->ttl; break;
	case SC_F_ICMP_TYPE: v->ok = icmp; v->n = f->icmp_type; break;
	case SC_F_ICMP_CODE: v->ok = icmp; v->n = f->icmp_code; break;
	case SC_F_ICMP_ID: v->ok = icmp; v->n = f->icmp_id; break;
	case SC_F_ICMP_SEQ: v->ok = icmp; v->n = f->icmp_seq; break;
	case SC_F_UDP_LEN: v->ok = udp; v->n = f->udp_len; break;
	case SC_F_ETHERTYPE: v->ok = (f->have & (CAP_L_ETH | CAP_L_SLL)) != 0;
		v->n = f->ethertype; break;
	case SC_F_CAPLEN: v->n = p->h->caplen; break;
	case SC_F_WIRELEN: v->n = p->h->len; break;
	case SC_F_TIME: v->n = (long long)p->h->ts.tv_sec * 1000000 + p->h->ts.tv_usec; break;
	case SC_F_SRC:
	case SC_F_DST:
		v->ok = f->af != 0;
		v->text = 1;
		cap_addr_str(f, fl == SC_F_SRC ? 's' : 'd', v->s, sizeof(v->s));
		break;
	case SC_F_SMAC:
		v->ok = f->smac_len == 6;
		v->text = 1;
		cap_mac_str(f->smac, 6, v->s, sizeof(v->s));
		break;
	case SC_F_DMAC:
		v->ok = (f->have & CAP_L_ETH) != 0;
		v->text = 1;
		cap_mac_str(f->dmac, 6, v->s, sizeof(v->s));
		break;
	default:
		v->ok = 0;
	}
}

static int same_flow(const struct cap_fields *a, const struct cap_fields *b)
{
	size_t n = a->af == AF_INET ? 4 : 16;

	return a->af == b->af && a->proto == b->proto && !memcmp(a->src, b->src, n) &&
	       !memcmp(a->dst, b->dst, n) && a->sport == b->sport && a->dport == b->dport;
}

static int reverse_flow(const struct cap_fields *a, const struct cap_fields *b)
{
	size_t n = a->af == AF_INET ? 4 : 16;

	return a->af == b->af && a->proto == b->proto && !memcmp(a->src, b->dst, n) &&
	       !memcmp(a->dst, b->src, n) && a->sport == b->dport && a->dport == b->sport;
}

static int host_has(const struct sc_scenario *sc, size_t h, int af,
		    const uint8_t *a)
{
	size_t i;

	for (i = 0; i < sc->naddrs; i++)
		if (sc->addrs[i].dev.host == h && sc->addrs[i].addr.af == af &&
		    !memcmp(sc->addrs[i].addr.a, a, af == AF_INET ? 4 : 16))
			return 1;
	return 0;
}

static int selected(struct sc_eval *X, const struct fpkt *p)
{
	size_t i;

	for (i = 0; i < X->e->nwhen; i++) {
		const struct sc_cond *c = &X->e->when[i];
		int v = 0;

		switch (c->kind) {
		case SC_WHEN_FLAG:
			v = (p->f.have & CAP_L_TCP) && (p->f.tcp_flags & c->flag);
			break;
		case SC_WHEN_DATA:
			v = p->f.payload_len > 0;
			break;
		case SC_WHEN_PROTO:
			v = p->f.af && (p->f.proto == c->proto ||
					(c->proto == IPPROTO_ICMP && p->f.proto == IPPROTO_ICMPV6));
			break;
		case SC_WHEN_FROM:
			/* an ARP packet is from its sender and to its target */
			v = (p->f.af && host_has(X->sc, c->host, p->f.af, p->f.src)) ||
			    (p->f.arp_ip &&
			     host_has(X->sc, c->host, AF_INET, p->f.arp_spa));
			break;
		case SC_WHEN_TO:
			v = (p->f.af && host_has(X->sc, c->host, p->f.af, p->f.dst)) ||
			    (p->f.arp_ip &&
			     host_has(X->sc, c->host, AF_INET, p->f.arp_tpa));
			break;
		}
		if (v == c->negate)
			return 0;
	}
	return 1;
}

/* Does text value a equal the operand text o (an address, a host, a MAC,
 * or HOST:IF)? */
static int text_eq(struct sc_eval *X, enum sc_field fl, const char *a, const char *o)
{
	uint8_t x[16], y[16];
	size_t h;

	if (fl == SC_F_SRC || fl == SC_F_DST) {
		int af = strchr(a, ':') ? AF_INET6 : AF_INET;

		if (inet_pton(af, a, x) != 1)
			return 0;
		if (inet_pton(af, o, y) == 1)
			return !memcmp(x, y, af == AF_INET ? 4 : 16);
		for (h = 0; h < X->sc->nhosts; h++)
			if (!strcmp(X->sc->hosts[h].name, o))
				return host_has(X->sc, h, af, x);
		return 0;
	}
	{
		unsigned m6[6];
		char extra;

		if (strlen(o) == 17 && sscanf(o, "%2x:%2x:%2x:%2x:%2x:%2x%c", &m6[0], &m6[1],
					      &m6[2], &m6[3], &m6[4], &m6[5], &extra) == 6)
			return !strcasecmp(a, o);
	}
	{
		/* HOST:IF: the link's MAC, or what the executor reported. */
		const char *colon = strchr(o, ':');
		size_t i;
		char m[32];

		if (!colon)
			return 0;
		for (h = 0; h < X->sc->nhosts; h++)
			if (strlen(X->sc->hosts[h].name) == (size_t)(colon - o) &&
			    !strncmp(X->sc->hosts[h].name, o, (size_t)(colon - o)))
				break;
		for (i = 0; i < X->sc->nlinks; i++) {
			int k;

			for (k = 0; k < 2; k++) {
				const struct sc_ifref *r = &X->sc->links[i].end[k];

				if (r->host == h && !strcmp(r->ifname, colon + 1) &&
				    X->sc->links[i].has_mac[k])
					return !strcasecmp(a, cap_mac_str(X->sc->links[i].mac[k], 6,
									   m, sizeof(m)));
			}
		}
		for (i = 0; i < X->res->nmacs; i++)
			if (X->res->macs[i].host == h && !strcmp(X->res->macs[i].ifname, colon + 1))
				return !strcasecmp(a, cap_mac_str(X->res->macs[i].mac, 6, m, sizeof(m)));
		return 0;
	}
}

static int num_cmp(enum sc_cmp op, long long a, long long b)
{
	switch (op) {
	case SC_EQ: return a == b;
	case SC_NE: return a != b;
	case SC_LT: return a < b;
	case SC_LE: return a <= b;
	case SC_GT: return a > b;
	case SC_GE: return a >= b;
	default: return 0;
	}
}

static int ex_each(struct sc_eval *X)
{
	const struct sc_expect *e = X->e;
	const struct sc_operand *o = &e->u.each.rhs;
	enum sc_field fl = e->u.each.field;
	struct fpkt *pk;
	size_t i, j, n = X->r->npkts, nsel = 0, checked = 0, bad = 0, first = SC_NONE;
	int seqlike = fl == SC_F_SEQ || fl == SC_F_ACK || fl == SC_F_NXT;

	pk = calloc(n ? n : 1, sizeof(*pk));
	if (!pk)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		pk[i].h = &X->r->pkts[i].h;
		pk[i].idx = i;
		cap_decode(X->r->dlt, X->r->pkts[i].data, X->r->pkts[i].h.caplen, &pk[i].f);
		pk[i].dec = selected(X, &pk[i]);
	}
	for (i = 0; i < n; i++) {
		struct fval l, rv;
		size_t other = SC_NONE;
		char rdesc[96];

		if (!pk[i].dec)
			continue;
		nsel++;
		if (first == SC_NONE)
			first = i;
		getf(&pk[i], fl, &l);
		if (!l.ok) {
			if (bad++ < MAX_LISTED) {
				det(X, "packet %zu has no %s field:\n", i + 1, sc_field_name(fl));
				list_pkt(X, i, " ");
			}
			continue;
		}
		memset(&rv, 0, sizeof(rv));
		switch (o->kind) {
		case SC_OPND_NUM:
			rv.ok = 1;
			rv.n = o->num;
			snprintf(rdesc, sizeof(rdesc), "%lld", o->num);
			break;
		case SC_OPND_TEXT:
			rv.ok = 1;
			rv.text = 1;
			snprintf(rv.s, sizeof(rv.s), "%s", o->text);
			snprintf(rdesc, sizeof(rdesc), "%s", o->text);
			break;
		case SC_OPND_VAR: {
			const struct sc_var *v = sc_env_get(&X->env, o->text);
			char buf[64], *end;

			if (!v) {
				why(X, "$%s has no value: the expectation that binds it failed",
				    o->text);
				free(pk);
				return 0;
			}
			if (l.text) {
				rv.ok = 1;
				rv.text = 1;
				snprintf(rv.s, sizeof(rv.s), "%s", v->value);
			} else {
				if (sc_ref_text(v->value, o->num, buf, sizeof(buf)) < 0) {
					why(X, "$%s is '%s', not a number", o->text, v->value);
					free(pk);
					return 0;
				}
				rv.ok = 1;
				rv.n = strtoll(buf, &end, 10);
			}
			if (o->num)
				snprintf(rdesc, sizeof(rdesc), "$%s%+lld", o->text, o->num);
			else
				snprintf(rdesc, sizeof(rdesc), "$%s", o->text);
			break;
		}
		case SC_OPND_FIRST:
		case SC_OPND_PREV:
		case SC_OPND_PEER:
		case SC_OPND_THIS:
			if (o->kind == SC_OPND_FIRST) {
				other = first;
			} else if (o->kind == SC_OPND_THIS) {
				other = i;
			} else {
				/* prev and peer are found among all the
				 * packets, not only the selected ones: 'when
				 * from node1' checks node1's segments against
				 * what master sent. */
				for (j = i; j-- > 0;) {
					if (!pk[j].f.af)
						continue;
					if (o->kind == SC_OPND_PREV ? same_flow(&pk[i].f, &pk[j].f)
								    : reverse_flow(&pk[i].f, &pk[j].f)) {
						other = j;
						break;
					}
				}
			}
			if (other == SC_NONE)
				break;
			getf(&pk[other], o->field, &rv);
			if (!rv.text) {
				rv.n += o->num;
				if (seqlike || o->field == SC_F_SEQ || o->field == SC_F_ACK ||
				    o->field == SC_F_NXT)
					rv.n &= 0xffffffffLL;
			}
			{
				const char *who = o->kind == SC_OPND_FIRST ? "first." :
						  o->kind == SC_OPND_PREV ? "prev." :
						  o->kind == SC_OPND_PEER ? "peer." : "";
				char off[32] = "";

				if (o->num)
					snprintf(off, sizeof(off), "%+lld", o->num);
				if (o->kind == SC_OPND_THIS)
					snprintf(rdesc, sizeof(rdesc), "%s%s", sc_field_name(o->field), off);
				else
					snprintf(rdesc, sizeof(rdesc), "%s%s%s (packet %zu)", who,
						 sc_field_name(o->field), off, other + 1);
			}
			break;
		}
		if (!rv.ok)
			continue; /* nothing to compare with (no prev, no peer) */
		checked++;
		{
			int okv;

			if (l.text)
				okv = (o->kind == SC_OPND_TEXT || o->kind == SC_OPND_VAR)
					      ? text_eq(X, fl, l.s, rv.s)
					      : !strcmp(l.s, rv.s);
			else
				okv = num_cmp(e->u.each.op, l.n, rv.n);
			if (l.text && e->u.each.op == SC_NE)
				okv = !okv;
			if (okv)
				continue;
			if (bad++ < MAX_LISTED) {
				if (l.text)
					det(X, "packet %zu: %s %s is not %s %s\n", i + 1,
					    sc_field_name(fl), l.s, cmp_str(e->u.each.op), rdesc);
				else if (o->kind == SC_OPND_NUM || o->kind == SC_OPND_VAR)
					det(X, "packet %zu: %s %lld is not %s %s = %lld\n", i + 1,
					    sc_field_name(fl), l.n, cmp_str(e->u.each.op), rdesc, rv.n);
				else
					det(X, "packet %zu: %s %lld is not %s %s = %lld\n", i + 1,
					    sc_field_name(fl), l.n, cmp_str(e->u.each.op), rdesc, rv.n);
				list_pkt(X, i, ">");
				if (other != SC_NONE && other != i)
					list_pkt(X, other, " ");
			}
		}
	}
	free(pk);
	if (bad) {
		why(X, "%zu of %zu packet%s break it", bad, nsel, nsel == 1 ? "" : "s");
		return 0;
	}
	if (!nsel) {
		if (n)
			why(X, "no packet meets the 'when' conditions (%zu kept)", n);
		else
			why(X, "the capture kept no packets");
		list_all_pkts(X);
		return 0;
	}
	if (!checked) {
		why(X, "no packet had a %s packet to compare with (%zu selected)",
		    o->kind == SC_OPND_PREV ? "previous" : "peer", nsel);
		list_all_pkts(X);
		return 0;
	}
	return 1;
}

/* ---- gaps ------------------------------------------------------------ */

static long long tv_us(const struct pcap_pkthdr *h)
{
	return (long long)h->ts.tv_sec * 1000000 + h->ts.tv_usec;
}

static int ex_gaps(struct sc_eval *X)
{
	const struct sc_expect *e = X->e;
	size_t i, n = X->r->npkts, ns = 0, want = e->u.gaps.n, bad = 0;
	size_t *sel = malloc((n ? n : 1) * sizeof(size_t));
	char a[32], b[32], c[32], d[32];

	if (!sel)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct fpkt p;

		memset(&p, 0, sizeof(p));
		p.h = &X->r->pkts[i].h;
		cap_decode(X->r->dlt, X->r->pkts[i].data, p.h->caplen, &p.f);
		if (selected(X, &p))
			sel[ns++] = i;
	}
	if (ns < want + 1 || (!e->u.gaps.more && ns != want + 1)) {
		why(X, "%zu packet%s, so %zu gap%s; expected %s%zu gap%s", ns, ns == 1 ? "" : "s",
		    ns ? ns - 1 : 0, ns == 2 ? "" : "s", e->u.gaps.more ? "at least " : "", want,
		    want == 1 ? "" : "s");
		list_all_pkts(X);
		free(sel);
		return 0;
	}
	for (i = 0; i < want; i++) {
		long long g = tv_us(&X->r->pkts[sel[i + 1]].h) - tv_us(&X->r->pkts[sel[i]].h);
		long long w = e->u.gaps.gaps[i];
		long long tol = e->u.gaps.tol_pct >= 0 ? w * e->u.gaps.tol_pct / 100
						       : e->u.gaps.tol;

		if (g >= w - tol && g <= w + tol)
			continue;
		if (!bad++)
			det(X, "the gaps:\n");
		det(X, "  gap %zu (packet %zu to %zu) is %s; expected %s (%s to %s)\n", i + 1,
		    sel[i] + 1, sel[i + 1] + 1, sc_duration_str(g < 0 ? 0 : g, a, sizeof(a)),
		    sc_duration_str(w, b, sizeof(b)),
		    sc_duration_str(w - tol < 0 ? 0 : w - tol, c, sizeof(c)),
		    sc_duration_str(w + tol, d, sizeof(d)));
	}
	if (bad) {
		why(X, "%zu of %zu gap%s %s out of tolerance", bad, want, want == 1 ? "" : "s",
		    bad == 1 ? "is" : "are");
		list_all_pkts(X);
	}
	free(sel);
	return bad == 0;
}

/* ---- step outcomes --------------------------------------------------- */

static void show_bytes(struct sc_eval *X, const char *label, const uint8_t *p, size_t n)
{
	size_t i, lim = n < 200 ? n : 200;

	det(X, "  %s (%zu byte%s): \"", label, n, n == 1 ? "" : "s");
	for (i = 0; i < lim; i++) {
		uint8_t c = p[i];

		if (c == '\n')
			det(X, "\\n");
		else if (c == '\t')
			det(X, "\\t");
		else if (c == '"' || c == '\\')
			det(X, "\\%c", c);
		else if (c < 32 || c >= 127)
			det(X, "\\x%02x", c);
		else
			hx_buf_putc(&X->det, (char)c);
	}
	det(X, "\"%s\n", n > lim ? "..." : "");
}

static int ex_outcome(struct sc_eval *X)
{
	const struct sc_expect *e = X->e;
	char a[32], b[32], c[32], d[32];

	if (X->r->outcome != e->u.outcome.what) {
		why(X, "'%s' ended %s, not %s", e->srcname, sc_outcome_name(X->r->outcome),
		    sc_outcome_name(e->u.outcome.what));
		return 0;
	}
	if (e->u.outcome.has_after) {
		long long w = e->u.outcome.after;
		long long tol = e->u.outcome.tol_pct >= 0 ? w * e->u.outcome.tol_pct / 100
							   : e->u.outcome.tol;

		if (X->r->took < w - tol || X->r->took > w + tol) {
			why(X, "'%s' was %s after %s; expected after %s (%s to %s)", e->srcname,
			    sc_outcome_name(X->r->outcome), sc_duration_str(X->r->took, a, sizeof(a)),
			    sc_duration_str(w, b, sizeof(b)),
			    sc_duration_str(w - tol < 0 ? 0 : w - tol, c, sizeof(c)),
			    sc_duration_str(w + tol, d, sizeof(d)));
			return 0;
		}
	}
	return 1;
}

static int ex_received(struct sc_eval *X)
{
	const struct sc_data *d = &X->e->u.received;
	size_t n = X->r->nreceived;

	if (d->bytes ? (n == d->len && !memcmp(X->r->received, d->bytes, n)) : n == d->len)
		return 1;
	if (n != d->len)
		why(X, "'%s' received %zu byte%s, expected %zu", X->e->srcname, n,
		    n == 1 ? "" : "s", d->len);
	else
		why(X, "'%s' received other bytes than expected", X->e->srcname);
	if (d->bytes)
		show_bytes(X, "expected", d->bytes, d->len);
	show_bytes(X, "received", X->r->received ? X->r->received : (const uint8_t *)"", n);
	return 0;
}

static int ex_exit(struct sc_eval *X)
{
	if (X->r->exit_status == X->e->u.exit.status)
		return 1;
	why(X, "'%s' exited with status %d, expected %d", X->e->srcname, X->r->exit_status,
	    X->e->u.exit.status);
	if (X->r->text)
		show_output(X);
	return 0;
}

static int ex_replies(struct sc_eval *X)
{
	char c[64];

	if (sc_cond_holds(&X->e->u.count, X->r->replies))
		return 1;
	sc_cond_str(&X->e->u.count, c, sizeof(c));
	why(X, "'%s' got %d repl%s, expected %s", X->e->srcname, X->r->replies,
	    X->r->replies == 1 ? "y" : "ies", c);
	return 0;
}

static int ex_sent(struct sc_eval *X)
{
	char c[64];

	if (sc_cond_holds(&X->e->u.count, X->r->sent))
		return 1;
	sc_cond_str(&X->e->u.count, c, sizeof(c));
	why(X, "'%s' sent %d request%s, expected %s", X->e->srcname, X->r->sent,
	    X->r->sent == 1 ? "" : "s", c);
	return 0;
}

/* Loss as ping's summary says it, in whole percent rounded down. */
static int ex_loss(struct sc_eval *X)
{
	int sent = X->r->sent, loss;
	char c[64];

	loss = sent ? (sent - X->r->replies) * 100 / sent : 0;
	if (sc_cond_holds(&X->e->u.count, loss))
		return 1;
	sc_cond_str(&X->e->u.count, c, sizeof(c));
	why(X, "'%s' lost %d%% (%d sent, %d received), expected %s", X->e->srcname,
	    loss, sent, X->r->replies, c);
	return 0;
}

static int ex_same_as(struct sc_eval *X)
{
	const struct sc_step_result *o = &X->res->steps[X->e->u.same_as.other];
	struct sc_same_side a = { X->e->srcname, X->r->pkts, X->r->npkts, X->r->text };
	struct sc_same_side b = { X->e->u.same_as.othername, o->pkts, o->npkts, o->text };

	if (!o->ran) {
		why(X, "step '%s' did not run", X->e->u.same_as.othername);
		return 0;
	}
	if (X->r->dlt != o->dlt) {
		why(X, "'%s' has link type %d, '%s' %d", a.name, X->r->dlt, b.name, o->dlt);
		return 0;
	}
	return sc_same_as(&a, &b, &X->why, &X->det);
}

/*
 * expect FILE pcap ...: the savefile read whole through the savefile
 * iterator, printed with tcpdump's default options and the scenario's
 * host names, into *alt (its packets in pv, its lines in text).
 */
static int load_pcap(struct sc_eval *X, struct sc_step_result *alt,
		     struct cap_pktvec *pv, struct sc_lines *text)
{
	static char *const argv[] = { "tcpdump", NULL };
	static const struct sc_tcpdump plain = { .argc = 1, .argv = (char **)argv };
	struct sf_iter it;
	struct sf_iter_opts o = { .name = X->e->srcname };
	struct pcap_pkthdr *h;
	const uint8_t *d;
	char path[4096], e[HX_ERRLEN];
	int n;

	snprintf(path, sizeof(path), "%s/%s", X->res->workdir, X->e->srcname);
	if (sf_iter_open(e, &it, path, &o) < 0) {
		why(X, "%s", e);
		return 0;
	}
	while ((n = sf_iter_next(&it, &h, &d)) == 1)
		if (cap_pktvec_add(pv, h, d) < 0) {
			sf_iter_close(&it);
			return -ENOMEM;
		}
	if (n < 0) {
		why(X, "'%s': %s", X->e->srcname, sf_iter_error(&it));
		sf_iter_close(&it);
		return 0;
	}
	alt->ran = 1;
	alt->dlt = pcap_datalink(it.in.pd);
	sf_iter_close(&it);
	alt->pkts = pv->v;
	alt->npkts = pv->n;
	if (sc_render_packets(e, X->sc, &plain, alt->dlt, alt->pkts, alt->npkts, text) < 0)
		return -ENOMEM;
	alt->text = text;
	return 1;
}

/* ---- the loop -------------------------------------------------------- */

static void put_expected(struct sc_eval *X)
{
	const struct sc_expect *e = X->e;
	size_t i;

	det(X, "expected (%s:%u): %s\n", X->sc->file, e->pos.line, e->text);
	if (e->kind == SC_EX_OUTPUT || e->kind == SC_EX_CONTAINS) {
		for (i = 0; i < e->u.output.n && i < MAX_LISTED; i++)
			det(X, "  %s\n", e->u.output.lines[i].text);
		det(X, "end\n");
	}
}

int sc_expect_eval(char *err, const struct sc_scenario *sc,
		   const struct sc_results *res, struct sc_verdict **out)
{
	struct sc_verdict *v;
	struct sc_eval X;
	size_t i;
	int r = 0;

	*out = NULL;
	v = calloc(sc->nexpects ? sc->nexpects : 1, sizeof(*v));
	if (!v)
		return hx_err(err, -ENOMEM, "out of memory");
	memset(&X, 0, sizeof(X));
	X.sc = sc;
	X.res = res;
	sc_env_init(&X.env);
	for (i = 0; i < sc->nexpects; i++) {
		const struct sc_expect *e = &sc->expects[i];
		static const struct sc_step_result none;
		size_t mark = X.env.n;
		int ok;

		struct sc_step_result alt;
		struct cap_pktvec pv = { 0 };
		struct sc_lines ptext;

		X.ei = i;
		X.e = e;
		X.r = e->src != SC_NONE ? &res->steps[e->src] : &none;
		hx_buf_reset(&X.why);
		hx_buf_reset(&X.det);
		v[i].expect = i;
		sc_lines_init(&ptext);
		/* the text the expectation is about, when not the step's own */
		alt = *X.r;
		if (e->text_of == SC_TEXT_STDOUT)
			alt.text = X.r->stdout_text;
		else if (e->text_of == SC_TEXT_STDERR)
			alt.text = X.r->stderr_text;
		else if (e->text_of == SC_TEXT_LADDER)
			alt.text = X.r->ladder;
		X.r = &alt;
		ok = 1;
		if (e->kind == SC_EX_PCAP_COUNT || e->kind == SC_EX_PCAP_HAS ||
		    e->kind == SC_EX_PCAP_LACKS) {
			memset(&alt, 0, sizeof(alt));
			ok = load_pcap(&X, &alt, &pv, &ptext);
		}
		if (ok <= 0) {
			/* the savefile could not be read: said in why */
		} else if (e->src != SC_NONE && !X.r->ran) {
			why(&X, "step '%s' did not run", e->srcname);
			ok = 0;
		} else {
			switch (e->kind) {
			case SC_EX_COUNT:
			case SC_EX_PCAP_COUNT: ok = ex_count(&X); break;
			case SC_EX_SAME_AS: ok = ex_same_as(&X); break;
			case SC_EX_SENT: ok = ex_sent(&X); break;
			case SC_EX_LOSS: ok = ex_loss(&X); break;
			case SC_EX_OUTPUT:
			case SC_EX_CONTAINS:
				if (!X.r->text) {
					why(&X, "'%s' has no output", e->srcname);
					ok = 0;
				} else {
					ok = ex_lines(&X);
				}
				break;
			case SC_EX_HAS:
			case SC_EX_LACKS:
			case SC_EX_PCAP_HAS:
			case SC_EX_PCAP_LACKS:
				if (!X.r->text) {
					why(&X, "'%s' has no output", e->srcname);
					ok = 0;
				} else {
					ok = ex_has(&X);
				}
				break;
			case SC_EX_EACH:
			case SC_EX_SAME: ok = ex_each(&X); break;
			case SC_EX_GAPS: ok = ex_gaps(&X); break;
			case SC_EX_OUTCOME: ok = ex_outcome(&X); break;
			case SC_EX_RECEIVED: ok = ex_received(&X); break;
			case SC_EX_EXIT: ok = ex_exit(&X); break;
			case SC_EX_REPLIES: ok = ex_replies(&X); break;
			case SC_EX_FILES: ok = sc_files_check(e, res->workdir, &X.why, &X.det); break;
			case SC_EX_LINKTYPE: ok = ex_linktype(&X); break;
			default: ok = 0; why(&X, "unknown expectation");
			}
		}
		cap_pktvec_release(&pv);
		sc_lines_release(&ptext);
		if (ok < 0) {
			r = hx_err(err, ok, "out of memory");
			break;
		}
		v[i].pass = ok;
		if (!ok) {
			struct hx_buf d = HX_BUF_INIT;

			sc_env_undo(&X.env, mark);
			/* The expectation first, then the evidence. */
			hx_buf_puts(&d, X.det.p ? X.det.p : "");
			hx_buf_reset(&X.det);
			put_expected(&X);
			hx_buf_puts(&X.det, d.p ? d.p : "");
			hx_buf_release(&d);
			v[i].why = strdup(X.why.p ? X.why.p : "failed");
			v[i].detail = strdup(X.det.p ? X.det.p : "");
			if (!v[i].why || !v[i].detail || X.why.oom || X.det.oom) {
				r = hx_err(err, -ENOMEM, "out of memory");
				break;
			}
		}
	}
	sc_env_release(&X.env);
	hx_buf_release(&X.why);
	hx_buf_release(&X.det);
	if (r < 0) {
		sc_verdicts_free(v, sc->nexpects);
		return r;
	}
	*out = v;
	return 0;
}
