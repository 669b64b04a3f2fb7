/* actor-dns.c: DNS messages: queries with EDNS0 and the mDNS QU bit, A/AAAA responses, a parser. */
/*
 * RFC 1035 4.1, a message:
 *
 *   +---------------------+
 *   | header (12 bytes)   |  id, flags, qdcount, ancount, nscount, arcount
 *   +---------------------+
 *   | question            |  name, type, class (mDNS: top bit = QU)
 *   +---------------------+
 *   | answer RRs          |  name, type, class, ttl, rdlength, rdata
 *   | authority RRs       |
 *   | additional RRs      |  EDNS0 (RFC 6891): OPT, class = UDP size,
 *   +---------------------+  ttl = ext-rcode, version, DO; rdata = options
 *
 * Names are length-prefixed labels ending in a zero byte; 0xc0 | offset
 * points back into the message (compression).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "netns/actor.h"

static void put16(struct hx_buf *b, unsigned v)
{
	uint8_t x[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	hx_buf_put(b, x, 2);
}

static void put32(struct hx_buf *b, uint32_t v)
{
	uint8_t x[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
			 (uint8_t)(v >> 8), (uint8_t)v };

	hx_buf_put(b, x, 4);
}

static int put_name(char *err, struct hx_buf *b, const char *name)
{
	const char *p = name, *dot;
	size_t l, total = 1;

	if (!name)
		return hx_err(err, -EINVAL, "dns: no name given");
	if (!strcmp(name, ".")) {
		hx_buf_putc(b, 0);
		return 0;
	}
	while (*p) {
		dot = strchr(p, '.');
		l = dot ? (size_t)(dot - p) : strlen(p);
		if (l == 0)
			return hx_err(err, -EINVAL, "dns: empty label in name '%s'",
				      name);
		if (l > 63)
			return hx_err(err, -EINVAL,
				      "dns: label '%.*s' of name '%s' is longer than 63 bytes",
				      (int)l, p, name);
		total += l + 1;
		if (total > 255)
			return hx_err(err, -EINVAL,
				      "dns: name '%s' is longer than 255 bytes",
				      name);
		hx_buf_putc(b, (char)l);
		hx_buf_put(b, p, l);
		if (!dot)
			break;
		p = dot + 1;
	}
	hx_buf_putc(b, 0);
	return 0;
}

static void put_opt(struct hx_buf *b, const struct ns_dns_edns *e)
{
	size_t i, rdlen = 0;

	for (i = 0; i < e->nopts; i++)
		rdlen += 4u + e->opts[i].len;
	hx_buf_putc(b, 0); /* the root */
	put16(b, NS_DNS_OPT);
	put16(b, e->udp_size ? e->udp_size : 1232);
	put32(b, (uint32_t)e->ext_rcode << 24 | (uint32_t)e->version << 16 |
			 (e->dnssec_ok ? 0x8000u : 0));
	put16(b, (unsigned)rdlen);
	for (i = 0; i < e->nopts; i++) {
		put16(b, e->opts[i].code);
		put16(b, e->opts[i].len);
		hx_buf_put(b, e->opts[i].data, e->opts[i].len);
	}
}

static int put_question(char *err, struct hx_buf *b,
			const struct ns_dns_query *q)
{
	int rc = put_name(err, b, q->name);

	if (rc < 0)
		return rc;
	put16(b, q->type);
	put16(b, (unsigned)(q->qclass ? q->qclass : NS_DNS_IN) |
			 (q->qu ? NS_DNS_QU : 0));
	return 0;
}

static int edns_len_ok(char *err, const struct ns_dns_edns *e)
{
	size_t i, rdlen = 0;

	if (!e)
		return 0;
	for (i = 0; i < e->nopts; i++) {
		if (e->opts[i].len && !e->opts[i].data)
			return hx_err(err, -EINVAL, "dns: EDNS option %u has no data",
				      e->opts[i].code);
		rdlen += 4u + e->opts[i].len;
	}
	if (rdlen > 65535)
		return hx_err(err, -EINVAL, "dns: EDNS options too long");
	return 0;
}

/* Ends a build: the message's length, or the error with out as it was. */
static int finish(char *err, struct hx_buf *out, size_t start, int rc)
{
	if (rc == 0 && out->oom)
		rc = hx_err(err, -ENOMEM, "dns: out of memory");
	if (rc < 0) {
		if (out->p && start <= out->len) {
			out->len = start;
			out->p[start] = '\0';
		}
		return rc;
	}
	return (int)(out->len - start);
}

int ns_dns_build_query(char *err, struct hx_buf *out,
		       const struct ns_dns_query *q)
{
	size_t start = out->len;
	int rc = edns_len_ok(err, q->edns);

	if (rc < 0)
		return rc;
	put16(out, q->id);
	put16(out, q->flags & ~(unsigned)NS_DNS_QR);
	put16(out, 1);
	put16(out, 0);
	put16(out, 0);
	put16(out, q->edns ? 1 : 0);
	rc = put_question(err, out, q);
	if (rc == 0 && q->edns)
		put_opt(out, q->edns);
	return finish(err, out, start, rc);
}

int ns_dns_build_response(char *err, struct hx_buf *out,
			  const struct ns_dns_query *q, unsigned rcode,
			  const struct ns_dns_rr *an, size_t nan)
{
	size_t start = out->len, i;
	int rc = edns_len_ok(err, q->edns);

	if (rc < 0)
		return rc;
	if (nan > 65535 || rcode > 15)
		return hx_err(err, -EINVAL, "dns: %zu answers, rcode %u", nan,
			      rcode);
	put16(out, q->id);
	put16(out, NS_DNS_QR | NS_DNS_AA | (q->flags & NS_DNS_RD) | rcode);
	put16(out, 1);
	put16(out, (unsigned)nan);
	put16(out, 0);
	put16(out, q->edns ? 1 : 0);
	rc = put_question(err, out, q);
	for (i = 0; rc == 0 && i < nan; i++) {
		if (an[i].name) {
			rc = put_name(err, out, an[i].name);
			if (rc < 0)
				break;
		} else {
			put16(out, 0xc000 | 12); /* the question's name */
		}
		put16(out, an[i].type);
		put16(out, an[i].rclass ? an[i].rclass : NS_DNS_IN);
		put32(out, an[i].ttl);
		put16(out, an[i].rdlen);
		if (an[i].rdlen)
			hx_buf_put(out, an[i].rdata, an[i].rdlen);
	}
	if (rc == 0 && q->edns)
		put_opt(out, q->edns);
	return finish(err, out, start, rc);
}

void ns_dns_owner(uint8_t opt[14], uint8_t seq, const uint8_t mac[6])
{
	opt[0] = 0; /* version */
	opt[1] = seq;
	memcpy(opt + 2, mac, 6);
	memcpy(opt + 8, mac, 6);
}

int ns_dns_build_owner_query(char *err, struct hx_buf *out,
			     const struct ns_dns_query *q, uint8_t seq,
			     const uint8_t mac[6])
{
	uint8_t owner[14];
	struct ns_dns_opt opt = { NS_EDNS_OWNER, sizeof(owner), owner };
	struct ns_dns_edns e = { .udp_size = NS_DNS_OWNER_UDPSIZE, .opts = &opt,
				 .nopts = 1 };
	struct ns_dns_query oq = *q;

	ns_dns_owner(owner, seq, mac);
	oq.edns = &e;
	return ns_dns_build_query(err, out, &oq);
}

/* ---- parsing --------------------------------------------------------------- */

struct rd {
	const uint8_t *p;
	size_t len;
	size_t off;
	char *err;
};

static int need(struct rd *r, size_t n, const char *what)
{
	if (r->len - r->off < n || r->off > r->len)
		return hx_err(r->err, -EINVAL,
			      "dns: message ends inside the %s at byte %zu",
			      what, r->off);
	return 0;
}

static uint16_t g16(struct rd *r)
{
	uint16_t v = (uint16_t)(r->p[r->off] << 8 | r->p[r->off + 1]);

	r->off += 2;
	return v;
}

static uint32_t g32(struct rd *r)
{
	uint32_t v = (uint32_t)r->p[r->off] << 24 |
		     (uint32_t)r->p[r->off + 1] << 16 |
		     (uint32_t)r->p[r->off + 2] << 8 | r->p[r->off + 3];

	r->off += 4;
	return v;
}

/* Reads a name at r->off into out (256 bytes); r->off moves past it. */
static int get_name(struct rd *r, char *out)
{
	size_t at = r->off, o = 0, end = 0;
	int jumps = 0;

	out[0] = '\0';
	for (;;) {
		uint8_t l;

		if (at >= r->len)
			return hx_err(r->err, -EINVAL,
				      "dns: message ends inside a name at byte %zu",
				      at);
		l = r->p[at];
		if ((l & 0xc0) == 0xc0) {
			if (at + 1 >= r->len)
				return hx_err(r->err, -EINVAL,
					      "dns: message ends inside a pointer at byte %zu",
					      at);
			if (!end)
				end = at + 2;
			if (++jumps > 64)
				return hx_err(r->err, -EINVAL,
					      "dns: compression loop at byte %zu", at);
			at = (size_t)(l & 0x3f) << 8 | r->p[at + 1];
			continue;
		}
		if (l & 0xc0)
			return hx_err(r->err, -EINVAL,
				      "dns: bad label type 0x%02x at byte %zu", l, at);
		if (l == 0) {
			if (!end)
				end = at + 1;
			break;
		}
		if (at + 1 + l > r->len)
			return hx_err(r->err, -EINVAL,
				      "dns: message ends inside a label at byte %zu",
				      at);
		if (o + l + 1 >= 256)
			return hx_err(r->err, -EINVAL,
				      "dns: name longer than 255 bytes at byte %zu",
				      at);
		if (o)
			out[o++] = '.';
		memcpy(out + o, r->p + at + 1, l);
		o += l;
		out[o] = '\0';
		at += 1u + l;
	}
	r->off = end;
	return 0;
}

int ns_dns_parse(char *err, const uint8_t *p, size_t len, struct ns_dns_msg *m)
{
	struct rd r = { p, len, 0, err };
	char name[256];
	unsigned i, nrr;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = need(&r, 12, "header")) < 0)
		return rc;
	m->id = g16(&r);
	m->flags = g16(&r);
	m->qdcount = g16(&r);
	m->ancount = g16(&r);
	m->nscount = g16(&r);
	m->arcount = g16(&r);
	for (i = 0; i < m->qdcount; i++) {
		if ((rc = get_name(&r, i ? name : m->qname)) < 0)
			return rc;
		if ((rc = need(&r, 4, "question")) < 0)
			return rc;
		if (i == 0) {
			m->qtype = g16(&r);
			m->qclass = g16(&r);
		} else {
			r.off += 4;
		}
	}
	nrr = (unsigned)m->ancount + m->nscount + m->arcount;
	for (i = 0; i < nrr; i++) {
		uint16_t type, rclass, rdlen;
		uint32_t ttl;

		if ((rc = get_name(&r, name)) < 0)
			return rc;
		if ((rc = need(&r, 10, "record")) < 0)
			return rc;
		type = g16(&r);
		rclass = g16(&r);
		ttl = g32(&r);
		rdlen = g16(&r);
		if ((rc = need(&r, rdlen, "record data")) < 0)
			return rc;
		if (i < m->ancount && m->nan < NS_DNS_MAXAN) {
			size_t k = m->nan++;

			memcpy(m->an[k].name, name, sizeof(name));
			m->an[k].type = type;
			m->an[k].rclass = rclass;
			m->an[k].ttl = ttl;
			m->an[k].rdlen = rdlen;
			memcpy(m->an[k].rdata, p + r.off, rdlen < 16 ? rdlen : 16);
		}
		if (i >= (unsigned)m->ancount + m->nscount && type == NS_DNS_OPT) {
			m->has_edns = 1;
			m->edns_size = rclass;
		}
		r.off += rdlen;
	}
	return 0;
}
