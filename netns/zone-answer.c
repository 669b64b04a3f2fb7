/* zone-answer.c: a name server's answers from one zone (RFC 1034 4.3.2), names compressed (RFC 1035 4.1.4). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "netns/zone-int.h"

#define MSG_MAX 65535
#define CMP_MAX 512

/* A message being written, with the offsets compression may point to. */
struct wmsg {
	uint8_t *p;
	size_t len;
	int over;		/* it would have been longer than MSG_MAX */
	uint16_t cmp[CMP_MAX];	/* where a label was written (< 0x4000) */
	size_t ncmp;
};

static void w8(struct wmsg *m, uint8_t v)
{
	if (m->len >= MSG_MAX) {
		m->over = 1;
		return;
	}
	m->p[m->len++] = v;
}

static void w16(struct wmsg *m, unsigned v)
{
	w8(m, (uint8_t)(v >> 8));
	w8(m, (uint8_t)v);
}

static void w32(struct wmsg *m, uint32_t v)
{
	w16(m, v >> 16);
	w16(m, v & 0xffff);
}

/* 1 when the name at message offset off equals the wire name w. */
static int msg_name_eq(const struct wmsg *m, size_t off, const uint8_t *w)
{
	int jumps = 0;

	for (;;) {
		uint8_t l;

		if (off >= m->len)
			return 0;
		l = m->p[off];
		if ((l & 0xc0) == 0xc0) {
			if (off + 1 >= m->len || ++jumps > 64)
				return 0;
			off = (size_t)(l & 0x3f) << 8 | m->p[off + 1];
			continue;
		}
		if (l != *w || off + 1 + l > m->len || !ns_zlabel_eq(m->p + off + 1, w + 1, l))
			return 0;
		if (!l)
			return 1;
		off += 1u + l;
		w += 1u + l;
	}
}

/* Writes a name, compressed against every name written before. */
static void wname(struct wmsg *m, const uint8_t *w)
{
	size_t i;

	while (*w) {
		for (i = 0; i < m->ncmp; i++)
			if (msg_name_eq(m, m->cmp[i], w)) {
				w16(m, 0xc000u | m->cmp[i]);
				return;
			}
		if (m->len < 0x4000 && m->ncmp < CMP_MAX)
			m->cmp[m->ncmp++] = (uint16_t)m->len;
		for (i = 0; i <= *w; i++)
			w8(m, w[i]);
		w += 1u + *w;
	}
	w8(m, 0);
}

/* Back to an earlier length: the compression offsets after it go too. */
static void wrewind(struct wmsg *m, size_t len)
{
	m->len = len;
	while (m->ncmp && m->cmp[m->ncmp - 1] >= len)
		m->ncmp--;
	m->over = 0;
}

static void wrr(struct wmsg *m, const struct zrr *r, uint32_t ttl)
{
	size_t at;
	const uint8_t *d = r->rdata;

	wname(m, r->owner);
	w16(m, r->type);
	w16(m, C_IN);
	w32(m, ttl);
	at = m->len;
	w16(m, 0);
	switch (r->type) {
	case T_NS:
	case T_CNAME:
	case T_PTR:
		wname(m, d);
		break;
	case T_MX:
		w8(m, d[0]);
		w8(m, d[1]);
		wname(m, d + 2);
		break;
	case T_SOA: {
		size_t a = ns_zwire_len(d), b = ns_zwire_len(d + a), i;

		wname(m, d);
		wname(m, d + a);
		for (i = 0; i < 20; i++)
			w8(m, d[a + b + i]);
		break;
	}
	default: {
		size_t i;

		for (i = 0; i < r->rdlen; i++)
			w8(m, d[i]);
	}
	}
	if (!m->over) {
		size_t n = m->len - at - 2;

		m->p[at] = (uint8_t)(n >> 8);
		m->p[at + 1] = (uint8_t)n;
	}
}

/* The name an NS, CNAME, PTR or MX record points to, or NULL. */
static const uint8_t *target(const struct zrr *r)
{
	if (r->type == T_NS || r->type == T_CNAME || r->type == T_PTR)
		return r->rdata;
	if (r->type == T_MX)
		return r->rdata + 2;
	return NULL;
}

static uint32_t soa_minimum(const struct zrr *soa)
{
	size_t a = ns_zwire_len(soa->rdata), b = ns_zwire_len(soa->rdata + a);
	const uint8_t *p = soa->rdata + a + b + 16;

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A list of records chosen for a section. */
struct pick {
	size_t v[256];
	size_t n;
};

static int picked(const struct pick *p, size_t i)
{
	size_t k;

	for (k = 0; k < p->n; k++)
		if (p->v[k] == i)
			return 1;
	return 0;
}

static void pick_add(struct pick *p, size_t i)
{
	if (p->n < sizeof(p->v) / sizeof(p->v[0]) && !picked(p, i))
		p->v[p->n++] = i;
}

enum { RC_OK = 0, RC_FORMERR = 1, RC_SERVFAIL = 2, RC_NXDOMAIN = 3, RC_NOTIMP = 4,
       RC_REFUSED = 5 };

/* Writes the RRsets of p[from..) one set (owner and type) at a time while
 * they fit; returns how many records were written. */
static unsigned wsection(struct wmsg *m, const struct ns_zone *z, const struct pick *p,
			 size_t max, int all_or_none)
{
	unsigned n = 0;
	size_t k = 0, mark = m->len;

	while (k < p->n) {
		size_t set = m->len, e = k;
		const struct zrr *a = &z->rr[p->v[k]];

		while (e < p->n && z->rr[p->v[e]].type == a->type &&
		       ns_zwire_eq(z->rr[p->v[e]].owner, a->owner)) {
			wrr(m, &z->rr[p->v[e]], z->rr[p->v[e]].ttl);
			e++;
		}
		if (m->over || m->len > max) {
			wrewind(m, all_or_none ? mark : set);
			return all_or_none ? 0 : n;
		}
		n += (unsigned)(e - k);
		k = e;
	}
	return n;
}

int ns_zone_answer(const struct ns_zone *z, const struct ns_zone_cfg *cfg,
		   const uint8_t *q, size_t n, size_t max, struct hx_buf *out)
{
	static const struct ns_zone_cfg dflt;
	struct wmsg *m;
	struct pick an, ns, ar;
	uint8_t qname[NAME_MAX_WIRE + 1], cur[NAME_MAX_WIRE + 1];
	size_t at = 12, o = 0, i, qend;
	unsigned flags, rcode = RC_OK, nan = 0, nns = 0, nar = 0, tc = 0;
	uint16_t qtype = 0, qclass = 0;
	const struct zrr *soa = &z->rr[0];
	int chain, negative = 0;

	if (!cfg)
		cfg = &dflt;
	if (n < 12 || (q[2] & 0x80))
		return -EBADMSG;
	if (max > MSG_MAX)
		max = MSG_MAX;
	if (max < 12)
		max = 12;
	m = malloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->p = malloc(MSG_MAX);
	if (!m->p) {
		free(m);
		return -ENOMEM;
	}
	m->len = 0;
	m->over = 0;
	m->ncmp = 0;
	an.n = ns.n = ar.n = 0;
	flags = (unsigned)(q[2] & 0x79) << 8; /* opcode and RD */
	if (((q[2] >> 3) & 0xf) != 0)
		rcode = RC_NOTIMP;
	else if ((q[4] << 8 | q[5]) != 1)
		rcode = RC_FORMERR;
	/* The question: labels only (RFC 1035 4.1.4 allows no earlier name). */
	while (rcode == RC_OK) {
		uint8_t l;

		if (at >= n || (q[at] & 0xc0) || at + 1u + q[at] > n ||
		    o + 1u + q[at] > NAME_MAX_WIRE) {
			rcode = RC_FORMERR;
			break;
		}
		l = q[at];
		memcpy(qname + o, q + at, 1u + l);
		o += 1u + l;
		at += 1u + l;
		if (!l)
			break;
	}
	qend = at + 4;
	if (rcode == RC_OK && qend > n)
		rcode = RC_FORMERR;
	w16(m, (unsigned)(q[0] << 8 | q[1]));
	w16(m, 0);
	w16(m, rcode == RC_OK ? 1 : 0);
	w16(m, 0);
	w16(m, 0);
	w16(m, 0);
	if (rcode == RC_OK) {
		qtype = (uint16_t)(q[at] << 8 | q[at + 1]);
		qclass = (uint16_t)(q[at + 2] << 8 | q[at + 3]);
		wname(m, qname);
		w16(m, qtype);
		w16(m, qclass);
		if (qclass != C_IN && qclass != T_ANY)
			rcode = RC_REFUSED;
		else if (!ns_zwire_under(qname, soa->owner, NULL))
			rcode = RC_REFUSED;
	}
	if (rcode == RC_OK) {
		memcpy(cur, qname, ns_zwire_len(qname));
		for (chain = 0; chain < CHAIN_MAX; chain++) {
			const struct zrr *cn = NULL;
			int exists = 0, below = 0;
			size_t got = an.n;

			for (i = 0; i < z->n; i++) {
				size_t d;

				if (ns_zwire_eq(z->rr[i].owner, cur)) {
					exists = 1;
					if (z->rr[i].type == T_CNAME)
						cn = &z->rr[i];
				} else if (ns_zwire_under(z->rr[i].owner, cur, &d) && d > 0) {
					below = 1;
				}
			}
			if (!exists) {
				/* No such name; or an empty non-terminal, a
				 * name without records of its own but with
				 * names below it: no data (RFC 8020). */
				if (!below)
					rcode = RC_NXDOMAIN;
				negative = 1;
				break;
			}
			if (cn && qtype != T_CNAME && qtype != T_ANY) {
				pick_add(&an, (size_t)(cn - z->rr));
				memcpy(cur, cn->rdata, ns_zwire_len(cn->rdata));
				if (!ns_zwire_under(cur, soa->owner, NULL))
					break;
				continue;
			}
			for (i = 0; i < z->n; i++)
				if (ns_zwire_eq(z->rr[i].owner, cur) &&
				    (z->rr[i].type == qtype || qtype == T_ANY))
					pick_add(&an, i);
			if (an.n == got)
				negative = 1;
			break;
		}
	}
	if (rcode == RC_OK || rcode == RC_NXDOMAIN) {
		/* Answers grouped by owner and type, as they were found. */
		/* An answer that does not fit leaves the header and the
		 * question, with TC. */
		nan = wsection(m, z, &an, max, 1);
		tc = an.n && nan == 0;
	}
	if (tc) {
		/* nothing more: the header and the question */
	} else if (negative) {
		uint32_t ttl = soa->ttl < soa_minimum(soa) ? soa->ttl : soa_minimum(soa);
		size_t mark = m->len;

		wrr(m, soa, ttl); /* RFC 2308 3: the SOA's TTL, at most MINIMUM */
		if (m->over || m->len > max)
			wrewind(m, mark);
		else
			nns = 1;
	} else if (rcode == RC_OK && an.n && !cfg->minimal) {
		int ns_answered = 0;

		for (i = 0; i < an.n; i++)
			if (z->rr[an.v[i]].type == T_NS &&
			    ns_zwire_eq(z->rr[an.v[i]].owner, soa->owner))
				ns_answered = 1;
		if (!ns_answered)
			for (i = 0; i < z->n; i++)
				if (z->rr[i].type == T_NS && ns_zwire_eq(z->rr[i].owner, soa->owner))
					pick_add(&ns, i);
		nns = wsection(m, z, &ns, max, 1);
		if (nns || ns_answered) {
			/* The addresses of the names the answer and authority
			 * point to: A first, then AAAA, of each name in turn. */
			const struct pick *src[2] = { &an, &ns };
			int s;

			for (s = 0; s < 2; s++)
				for (i = 0; i < src[s]->n; i++) {
					const struct zrr *r = &z->rr[src[s]->v[i]];
					const uint8_t *t = target(r);
					uint16_t want[2] = { T_A, T_AAAA };
					size_t k, j;

					if (!t || r->type == T_CNAME || r->type == T_PTR)
						continue;
					for (k = 0; k < 2; k++)
						for (j = 0; j < z->n; j++)
							if (z->rr[j].type == want[k] &&
							    ns_zwire_eq(z->rr[j].owner, t) &&
							    !picked(&an, j))
								pick_add(&ar, j);
				}
			nar = wsection(m, z, &ar, max, 0);
		}
	}
	if (rcode == RC_OK || rcode == RC_NXDOMAIN)
		flags |= cfg->cache ? 0 : 0x0400u;
	flags |= 0x8000u | (tc ? 0x0200u : 0) | (cfg->ra ? 0x0080u : 0) | rcode;
	m->p[2] = (uint8_t)(flags >> 8);
	m->p[3] = (uint8_t)flags;
	m->p[6] = (uint8_t)(nan >> 8);
	m->p[7] = (uint8_t)nan;
	m->p[8] = (uint8_t)(nns >> 8);
	m->p[9] = (uint8_t)nns;
	m->p[10] = (uint8_t)(nar >> 8);
	m->p[11] = (uint8_t)nar;
	i = m->len;
	hx_buf_put(out, m->p, m->len);
	free(m->p);
	free(m);
	if (out->oom)
		return -ENOMEM;
	return (int)i;
}
