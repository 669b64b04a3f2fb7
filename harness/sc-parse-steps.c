/* sc-parse-steps.c: the scenario steps (run, listen, connect, send, ping, dns, capture, read, await, dump, ...). */
#include "harness/sc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/sc-lex.h"
#include "harness/sc-parse-int.h"
#include "netns/craft.h"
#include "netns/proc.h"

static int port(struct sc_parser *P, const struct sc_word *w, int *out)
{
	long long v;
	int r = scp_num(P, w, "port", 1, 65535, &v);

	*out = (int)v;
	return r;
}

static struct sc_step *new_step(struct sc_parser *P, enum sc_step_kind k)
{
	struct sc_step *s = scp_push(&P->sc->steps, &P->sc->nsteps, sizeof(*s));

	if (!s) {
		scp_oom(P);
		return NULL;
	}
	s->kind = k;
	s->pos = P->kw.pos;
	s->host = SC_NONE;
	s->ref = SC_NONE;
	if (P->label) {
		s->label = P->label;
		P->label = NULL;
	}
	return s;
}

static int step_host(struct sc_parser *P, struct sc_step *s, size_t i, const char *u)
{
	if (i >= P->nw)
		return scp_missing(P, i, "the host", u);
	return scp_hostword(P, &P->w[i], &s->hostname, &s->hostpos);
}

static int step_ref(struct sc_parser *P, struct sc_step *s, size_t i, const char *what,
		    const char *u)
{
	if (i >= P->nw)
		return scp_missing(P, i, what, u);
	s->refname = scp_xdup(P, P->w[i].s);
	s->refpos = P->w[i].pos;
	return s->refname ? 0 : -ENOMEM;
}

static int dest(struct sc_parser *P, size_t i, struct sc_dest *d, const char *u)
{
	if (i >= P->nw)
		return scp_missing(P, i, "the destination (a host or an address)", u);
	d->host = SC_NONE;
	d->pos = P->w[i].pos;
	d->text = scp_xdup(P, P->w[i].s);
	if (!d->text)
		return -ENOMEM;
	if (scp_inaddr(P->w[i].s, &d->addr) == 0)
		return 0;
	if (!scp_valid_name(P->w[i].s, 31))
		return scp_errw(P, &P->w[i], "'%s' is neither a host nor an address", P->w[i].s);
	return 0;
}

/* Options after the positional words: NAME [VALUE] pairs in any order. */
enum opt_type { O_FLAG, O_PORT, O_DUR, O_INT, O_STR, O_QTYPE };

/*
 * Where an option's value goes: offsets into the step, so that the tables
 * are constant and name no step before it exists.
 */
struct opt {
	const char *name;
	enum opt_type type;
	long long min, max; /* O_INT */
	size_t out;	    /* OPT_AT(field) */
	size_t pos;	    /* O_STR: where its value was, or OPT_NOPOS */
};

#define OPT_AT(field) offsetof(struct sc_step, field)
#define OPT_NOPOS ((size_t)-1)

static int qtype(const char *s)
{
	static const struct {
		const char *n;
		int v;
	} t[] = { { "A", 1 }, { "NS", 2 }, { "CNAME", 5 }, { "SOA", 6 },
		  { "PTR", 12 }, { "MX", 15 }, { "TXT", 16 }, { "AAAA", 28 },
		  { "SRV", 33 }, { "ANY", 255 } };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcasecmp(s, t[i].n))
			return t[i].v;
	return -1;
}

/*
 * An option given twice is an error at the second (as iproute2's duparg
 * and the header's "second 'title' statement"): silently keeping one of
 * two contradictory values hides a typo in a lab.
 */
#define MAX_OPTS 16

static int options(struct sc_parser *P, struct sc_step *s, size_t i,
		   const struct opt *o, size_t no, const char *u)
{
	struct sc_pos seen[MAX_OPTS];
	int have[MAX_OPTS] = { 0 };

	if (no > MAX_OPTS)
		return hx_err(P->err, -EINVAL, "%s: a statement with %zu options (at most %d)",
			      P->file, no, MAX_OPTS);
	while (i < P->nw) {
		const struct sc_word *w = &P->w[i];
		size_t k;
		long long v = 0;
		void *out;
		int r;

		for (k = 0; k < no; k++)
			if (scp_is(w, o[k].name))
				break;
		if (k == no)
			return scp_extra(P, i, u);
		if (have[k])
			return scp_errw(P, w, "second '%s' option (the first is at %u:%u)",
					o[k].name, seen[k].line, seen[k].col);
		have[k] = 1;
		seen[k] = w->pos;
		out = (char *)s + o[k].out;
		if (o[k].type == O_FLAG) {
			*(int *)out = 1;
			i++;
			continue;
		}
		if (i + 1 >= P->nw)
			return scp_missing(P, i + 1, "a value", u);
		w = &P->w[i + 1];
		switch (o[k].type) {
		case O_PORT:
			r = port(P, w, out);
			break;
		case O_DUR:
			r = scp_dur(P, w, o[k].name, HOUR, out);
			break;
		case O_INT:
			r = scp_num(P, w, o[k].name, o[k].min, o[k].max, &v);
			if (r == 0)
				*(int *)out = (int)v;
			break;
		case O_STR:
			*(char **)out = scp_xdup(P, w->s);
			if (o[k].pos != OPT_NOPOS)
				*(struct sc_pos *)((char *)s + o[k].pos) = w->pos;
			r = *(char **)out ? 0 : -ENOMEM;
			break;
		case O_QTYPE:
			r = qtype(w->s);
			if (r < 0)
				r = scp_errw(P, w, "unknown query type '%s' (A, AAAA, PTR, MX, TXT, SRV, ANY ...)",
					     w->s);
			else
				*(int *)out = r, r = 0;
			break;
		default:
			r = 0;
		}
		if (r < 0)
			return r;
		i += 2;
	}
	return 0;
}

#define NOPT(a) (sizeof(a) / sizeof((a)[0]))

static int p_run(struct sc_parser *P)
{
	const char *u = "run HOST COMMAND [ARGS...]";
	struct sc_step *s = new_step(P, SC_STEP_RUN);
	size_t i;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	if (P->nw < 2)
		return scp_missing(P, 1, "the command", u);
	s->u.run.argc = (int)(P->nw - 1);
	s->u.run.argv = calloc(P->nw, sizeof(char *));
	if (!s->u.run.argv)
		return scp_oom(P);
	for (i = 1; i < P->nw; i++)
		if (!(s->u.run.argv[i - 1] = scp_xdup(P, P->w[i].s)))
			return -ENOMEM;
	return 0;
}

static int p_listen(struct sc_parser *P)
{
	const char *u = "listen HOST tcp|udp PORT [discard|nfs|zone FILE [ra] [cache] [minimal]]";
	struct sc_step *s = new_step(P, SC_STEP_LISTEN);
	static const struct opt o[] = {
		{ "discard", O_FLAG, 0, 0, OPT_AT(u.listen.discard), OPT_NOPOS },
		{ "nfs", O_FLAG, 0, 0, OPT_AT(u.listen.nfs), OPT_NOPOS },
		{ "zone", O_STR, 0, 0, OPT_AT(u.listen.zone), OPT_AT(u.listen.zonepos) },
		{ "ra", O_FLAG, 0, 0, OPT_AT(u.listen.ra), OPT_NOPOS },
		{ "cache", O_FLAG, 0, 0, OPT_AT(u.listen.cache), OPT_NOPOS },
		{ "minimal", O_FLAG, 0, 0, OPT_AT(u.listen.minimal), OPT_NOPOS },
	};
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	if (P->nw < 2)
		return scp_missing(P, 1, "the protocol (tcp or udp)", u);
	if (scp_is(&P->w[1], "tcp"))
		s->u.listen.proto = IPPROTO_TCP;
	else if (scp_is(&P->w[1], "udp"))
		s->u.listen.proto = IPPROTO_UDP;
	else
		return scp_errw(P, &P->w[1], "expected tcp or udp, got '%s'", P->w[1].s);
	if (P->nw < 3)
		return scp_missing(P, 2, "the port", u);
	if ((r = port(P, &P->w[2], &s->u.listen.port)) < 0)
		return r;
	return options(P, s, 3, o, NOPT(o), u);
}

static int p_accept(struct sc_parser *P)
{
	const char *u = "accept LISTENER [timeout DURATION]";
	struct sc_step *s = new_step(P, SC_STEP_ACCEPT);
	static const struct opt o[] = { { "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS } };
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the listener", u)) < 0)
		return r;
	return options(P, s, 1, o, NOPT(o), u);
}

static int p_connect(struct sc_parser *P)
{
	const char *u = "connect HOST DEST PORT [from PORT] [timeout DURATION] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_CONNECT);
	static const struct opt o[] = {
		{ "from", O_PORT, 0, 0, OPT_AT(u.connect.sport), OPT_NOPOS },
		{ "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.connect.ipv6), OPT_NOPOS },
	};
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0 ||
	    (r = dest(P, 1, &s->u.connect.dest, u)) < 0)
		return r;
	if (P->nw < 3)
		return scp_missing(P, 2, "the port", u);
	if ((r = port(P, &P->w[2], &s->u.connect.port)) < 0)
		return r;
	return options(P, s, 3, o, NOPT(o), u);
}

/* send, urgent: CONN DATA */
static int p_send_kind(struct sc_parser *P, enum sc_step_kind k, const char *u)
{
	struct sc_step *s = new_step(P, k);
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the connection", u)) < 0)
		return r;
	if ((r = scp_data(P, 1, &s->u.data, u)) < 0)
		return r;
	if (1 + (size_t)r < P->nw)
		return scp_extra(P, 1 + (size_t)r, u);
	if (k == SC_STEP_URGENT && !s->u.data.bytes && s->u.data.len > 65535)
		return scp_errw(P, &P->w[1], "urgent data is at most 65535 bytes");
	return 0;
}

static int p_send(struct sc_parser *P)
{
	return p_send_kind(P, SC_STEP_SEND, "send CONN \"TEXT\" | hex HEX | N bytes");
}

static int p_urgent(struct sc_parser *P)
{
	return p_send_kind(P, SC_STEP_URGENT, "urgent CONN \"TEXT\" | hex HEX | N bytes");
}

static int p_bulk(struct sc_parser *P)
{
	const char *u = "bulk CONN SIZE (1000000, 3M)";
	struct sc_step *s = new_step(P, SC_STEP_BULK);
	long long n;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the connection", u)) < 0)
		return r;
	if (P->nw < 2)
		return scp_missing(P, 1, "the size", u);
	if (scp_size_of(P->w[1].s, &n) < 0 || n <= 0 || n > (1LL << 40))
		return scp_errw(P, &P->w[1], "'%s' is not a size (1000000, 3M)", P->w[1].s);
	s->u.data.len = (size_t)n;
	if (P->nw > 2 && !(P->nw == 3 && scp_is(&P->w[2], "bytes")))
		return scp_extra(P, 2, u);
	return 0;
}

static int p_recv(struct sc_parser *P)
{
	const char *u = "recv CONN [N] [timeout DURATION]";
	struct sc_step *s = new_step(P, SC_STEP_RECV);
	static const struct opt o[] = { { "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS } };
	size_t i = 1;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the connection", u)) < 0)
		return r;
	s->u.recv.n = -1;
	if (P->nw > 1 && !scp_is(&P->w[1], "timeout")) {
		if (scp_size_of(P->w[1].s, &s->u.recv.n) < 0 || s->u.recv.n <= 0)
			return scp_errw(P, &P->w[1], "expected a byte count, got '%s'", P->w[1].s);
		i = 2;
		if (i < P->nw && scp_is(&P->w[i], "bytes"))
			i++;
	}
	return options(P, s, i, o, NOPT(o), u);
}

static int p_connop(struct sc_parser *P, enum sc_step_kind k, const char *u)
{
	struct sc_step *s = new_step(P, k);
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the connection", u)) < 0)
		return r;
	return P->nw > 1 ? scp_extra(P, 1, u) : 0;
}

static int p_halfclose(struct sc_parser *P)
{
	return p_connop(P, SC_STEP_HALFCLOSE, "half-close CONN");
}

static int p_close(struct sc_parser *P)
{
	return p_connop(P, SC_STEP_CLOSE, "close CONN");
}

static int p_abort(struct sc_parser *P)
{
	return p_connop(P, SC_STEP_ABORT, "abort CONN");
}

static int p_ping(struct sc_parser *P)
{
	const char *u = "ping HOST DEST [count N] [interval D] [size N] [ttl N] [timeout D] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_PING);
	static const struct opt o[] = {
		{ "count", O_INT, 1, 1000, OPT_AT(u.ping.count), OPT_NOPOS },
		{ "interval", O_DUR, 0, 0, OPT_AT(u.ping.interval), OPT_NOPOS },
		{ "size", O_INT, 0, 65000, OPT_AT(u.ping.size), OPT_NOPOS },
		{ "ttl", O_INT, 1, 255, OPT_AT(u.ping.ttl), OPT_NOPOS },
		{ "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.ping.ipv6), OPT_NOPOS },
	};
	int r;

	if (!s)
		return -ENOMEM;
	s->u.ping.count = 1;
	s->u.ping.interval = 1000000;
	s->u.ping.size = 56;
	if ((r = step_host(P, s, 0, u)) < 0 || (r = dest(P, 1, &s->u.ping.dest, u)) < 0)
		return r;
	return options(P, s, 2, o, NOPT(o), u);
}

static int p_udp(struct sc_parser *P)
{
	const char *u = "udp HOST DEST PORT DATA [from PORT] [dev IF] [ttl N] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_UDP);
	static const struct opt o[] = {
		{ "from", O_PORT, 0, 0, OPT_AT(u.udp.sport), OPT_NOPOS },
		{ "dev", O_STR, 0, 0, OPT_AT(u.udp.dev), OPT_AT(u.udp.devpos) },
		{ "ttl", O_INT, 1, 255, OPT_AT(u.udp.ttl), OPT_NOPOS },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.udp.ipv6), OPT_NOPOS },
	};
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0 || (r = dest(P, 1, &s->u.udp.dest, u)) < 0)
		return r;
	if (P->nw < 3)
		return scp_missing(P, 2, "the port", u);
	if ((r = port(P, &P->w[2], &s->u.udp.port)) < 0)
		return r;
	if ((r = scp_data(P, 3, &s->u.udp.data, u)) < 0)
		return r;
	if (!s->u.udp.data.bytes && s->u.udp.data.len > 65507)
		return scp_errw(P, &P->w[3], "a UDP datagram holds at most 65507 bytes");
	return options(P, s, 3 + (size_t)r, o, NOPT(o), u);
}

static int p_dns(struct sc_parser *P)
{
	const char *u = "dns HOST DEST NAME [type T] [port P] [from P] [id N] [qu] [owner] [dev IF] [reply] [tcp] [timeout D] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_DNS);
	static const struct opt o[] = {
		{ "type", O_QTYPE, 0, 0, OPT_AT(u.dns.qtype), OPT_NOPOS },
		{ "port", O_PORT, 0, 0, OPT_AT(u.dns.port), OPT_NOPOS },
		{ "from", O_PORT, 0, 0, OPT_AT(u.dns.sport), OPT_NOPOS },
		{ "id", O_INT, 0, 65535, OPT_AT(u.dns.id), OPT_NOPOS },
		{ "qu", O_FLAG, 0, 0, OPT_AT(u.dns.qu), OPT_NOPOS },
		{ "owner", O_FLAG, 0, 0, OPT_AT(u.dns.owner), OPT_NOPOS },
		{ "dev", O_STR, 0, 0, OPT_AT(u.dns.dev), OPT_AT(u.dns.devpos) },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.dns.ipv6), OPT_NOPOS },
		{ "reply", O_FLAG, 0, 0, OPT_AT(u.dns.reply), OPT_NOPOS },
		{ "tcp", O_FLAG, 0, 0, OPT_AT(u.dns.tcp), OPT_NOPOS },
		{ "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS },
	};
	const char *q;
	size_t lab = 0, i;
	int r;

	if (!s)
		return -ENOMEM;
	s->u.dns.qtype = 1;
	s->u.dns.port = 53;
	if ((r = step_host(P, s, 0, u)) < 0 || (r = dest(P, 1, &s->u.dns.dest, u)) < 0)
		return r;
	if (P->nw < 3)
		return scp_missing(P, 2, "the name to query", u);
	for (q = P->w[2].s; *q; q++) {
		lab = *q == '.' ? 0 : lab + 1;
		if (lab > 63)
			return scp_errw(P, &P->w[2], "a label of '%s' is longer than 63 bytes",
					P->w[2].s);
	}
	if (strlen(P->w[2].s) > 253 || !P->w[2].len || strstr(P->w[2].s, ".."))
		return scp_errw(P, &P->w[2], "'%s' is not a domain name", P->w[2].s);
	s->u.dns.qname = scp_xdup(P, P->w[2].s);
	if (!s->u.dns.qname)
		return -ENOMEM;
	if ((r = options(P, s, 3, o, NOPT(o), u)) < 0)
		return r;
	/* The Owner option carries a MAC: that of the interface named. */
	for (i = 3; s->u.dns.owner && !s->u.dns.dev && i < P->nw; i++)
		if (scp_is(&P->w[i], "owner"))
			return scp_errw(P, &P->w[i],
					"owner needs dev IF: the option carries that interface's MAC");
	return 0;
}

static int p_nfs(struct sc_parser *P)
{
	const char *u = "nfs HOST DEST null|getattr|lookup|readlink|read [PATH [NAME]] [count N] [offset N] [v3] [tcp] [port P] [from P] [xid N] [timeout D] [ipv6]";
	struct sc_step *s = new_step(P, SC_STEP_NFS);
	static const struct opt o[] = {
		{ "count", O_INT, 0, 65536, OPT_AT(u.nfs.count), OPT_NOPOS },
		{ "offset", O_INT, 0, 2147483647, OPT_AT(u.nfs.offset), OPT_NOPOS },
		{ "v3", O_FLAG, 0, 0, OPT_AT(u.nfs.v3), OPT_NOPOS },
		{ "tcp", O_FLAG, 0, 0, OPT_AT(u.nfs.tcp), OPT_NOPOS },
		{ "port", O_PORT, 0, 0, OPT_AT(u.nfs.port), OPT_NOPOS },
		{ "from", O_PORT, 0, 0, OPT_AT(u.nfs.sport), OPT_NOPOS },
		{ "xid", O_INT, 0, 2147483647, OPT_AT(u.nfs.xid), OPT_NOPOS },
		{ "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS },
		{ "ipv6", O_FLAG, 0, 0, OPT_AT(u.nfs.ipv6), OPT_NOPOS },
	};
	static const char *const procs[] = { "null", "getattr", "lookup",
					     "readlink", "read" };
	size_t k, next = 4;
	int r;

	if (!s)
		return -ENOMEM;
	s->u.nfs.count = 8192;
	s->u.nfs.port = 2049;
	s->u.nfs.xid = -1;
	if ((r = step_host(P, s, 0, u)) < 0 || (r = dest(P, 1, &s->u.nfs.dest, u)) < 0)
		return r;
	if (P->nw < 3)
		return scp_missing(P, 2, "the procedure", u);
	for (k = 0; k < sizeof(procs) / sizeof(procs[0]); k++)
		if (scp_is(&P->w[2], procs[k]))
			break;
	if (k == sizeof(procs) / sizeof(procs[0]))
		return scp_errw(P, &P->w[2],
				"unknown NFS procedure '%s' (null, getattr, lookup, readlink, read)",
				P->w[2].s);
	s->u.nfs.proc = (int)k;
	if (k == 0) {
		next = 3;
	} else {
		if (P->nw < 4)
			return scp_missing(P, 3, "the file's path", u);
		if (P->w[3].s[0] != '/')
			return scp_errw(P, &P->w[3], "'%s' is not an absolute path", P->w[3].s);
		s->u.nfs.path = scp_xdup(P, P->w[3].s);
		s->u.nfs.pathpos = P->w[3].pos;
		if (!s->u.nfs.path)
			return -ENOMEM;
	}
	if (k == 2) {
		if (P->nw < 5)
			return scp_missing(P, 4, "the name to look up", u);
		if (!P->w[4].len || P->w[4].len > 255 || strchr(P->w[4].s, '/'))
			return scp_errw(P, &P->w[4], "'%s' is not a file name (1-255 bytes, no '/')",
					P->w[4].s);
		s->u.nfs.name = scp_xdup(P, P->w[4].s);
		if (!s->u.nfs.name)
			return -ENOMEM;
		next = 5;
	}
	return options(P, s, next, o, NOPT(o), u);
}

/* wait DURATION, or wait PROCESS [timeout D]: a word that starts like a
 * number is a duration (and an error without its unit). */
static int p_wait(struct sc_parser *P)
{
	const char *u = "wait DURATION | wait PROCESS [timeout D]";
	static const struct opt o[] = { { "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS } };
	struct sc_step *s;
	int r;

	if (P->nw < 1)
		return scp_missing(P, 0, "a duration or a started program", u);
	if (!isdigit((unsigned char)P->w[0].s[0]) && P->w[0].s[0] != '.') {
		if (!(s = new_step(P, SC_STEP_WAITPROC)))
			return -ENOMEM;
		if ((r = step_ref(P, s, 0, "the started program", u)) < 0)
			return r;
		return options(P, s, 1, o, NOPT(o), u);
	}
	if (!(s = new_step(P, SC_STEP_WAIT)))
		return -ENOMEM;
	if (P->nw > 1)
		return scp_extra(P, 1, u);
	return scp_dur(P, &P->w[0], "wait", HOUR, &s->u.wait.d);
}

/* The words from i on are a tcpdump command line. */
static int tcpdump_words(struct sc_parser *P, size_t i, struct sc_tcpdump *t,
			 const char *u)
{
	size_t k;

	if (i >= P->nw)
		return scp_missing(P, i, "the tcpdump command line", u);
	if (!scp_is(&P->w[i], "tcpdump"))
		return scp_errw(P, &P->w[i], "expected 'tcpdump' and its options, got '%s'",
				P->w[i].s);
	t->argc = (int)(P->nw - i);
	t->argv = calloc((size_t)t->argc + 1, sizeof(char *));
	t->argpos = calloc((size_t)t->argc, sizeof(*t->argpos));
	if (!t->argv || !t->argpos)
		return scp_oom(P);
	for (k = i; k < P->nw; k++) {
		t->argpos[k - i] = P->w[k].pos;
		if (!(t->argv[k - i] = scp_xdup(P, P->w[k].s)))
			return -ENOMEM;
		if (strlen(P->w[k].s) != P->w[k].len)
			return scp_errw(P, &P->w[k], "NUL byte in a tcpdump word");
	}
	return 0;
}

static int need_label(struct sc_parser *P, const char *what)
{
	if (!P->label)
		return scp_errw(P, &P->kw, "a %s needs a name: write 'NAME: %s ...'", what,
				P->kw.s);
	return 0;
}

static int p_capture(struct sc_parser *P)
{
	const char *u = "NAME: capture HOST tcpdump [OPTIONS] [FILTER]";
	struct sc_step *s;
	int r;

	if ((r = need_label(P, "capture")) < 0)
		return r;
	s = new_step(P, SC_STEP_CAPTURE);
	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	return tcpdump_words(P, 1, &s->u.capture.cmd, u);
}

static int p_read(struct sc_parser *P)
{
	const char *u = "NAME: read [window FROM TO] tcpdump -r FILE [OPTIONS] [FILTER]";
	struct sc_step *s;
	size_t i = 0;
	int r;

	if ((r = need_label(P, "read")) < 0)
		return r;
	s = new_step(P, SC_STEP_READ);
	if (!s)
		return -ENOMEM;
	s->u.read.writer = SC_NONE;
	if (P->nw > 0 && scp_is(&P->w[0], "window")) {
		if (P->nw < 3)
			return scp_missing(P, P->nw, "the window's start and end", u);
		if (sc_parse_duration(P->w[1].s, &s->u.read.from) < 0 &&
		    (r = scp_dur(P, &P->w[1], "window start", HOUR, &s->u.read.from)) < 0)
			return r;
		if ((r = scp_dur(P, &P->w[2], "window end", HOUR, &s->u.read.to)) < 0)
			return r;
		if (s->u.read.to <= s->u.read.from)
			return scp_errw(P, &P->w[2], "the window ends before it starts");
		s->u.read.has_window = 1;
		i = 3;
	}
	return tcpdump_words(P, i, &s->u.read.cmd, u);
}

/* await CAPTURE N, or await PROCESS TEXT: a quoted word, or one that
 * does not start with a digit, is a text. */
static int p_await(struct sc_parser *P)
{
	const char *u = "await CAPTURE N [timeout DURATION] | await PROCESS TEXT [timeout DURATION]";
	static const struct opt o[] = { { "timeout", O_DUR, 0, 0, OPT_AT(timeout), OPT_NOPOS } };
	struct sc_step *s;
	int r;

	if (P->nw >= 2 && (P->w[1].quoted || !isdigit((unsigned char)P->w[1].s[0]))) {
		if (!(s = new_step(P, SC_STEP_AWAITTEXT)))
			return -ENOMEM;
		if ((r = step_ref(P, s, 0, "the started program", u)) < 0)
			return r;
		if (!P->w[1].len)
			return scp_errw(P, &P->w[1], "'await' needs a text to wait for");
		if (!(s->u.awaittext.text = scp_xdup(P, P->w[1].s)))
			return -ENOMEM;
		return options(P, s, 2, o, NOPT(o), u);
	}
	s = new_step(P, SC_STEP_AWAIT);
	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the capture", u)) < 0)
		return r;
	if (P->nw < 2)
		return scp_missing(P, 1, "the number of packets", u);
	if ((r = scp_num(P, &P->w[1], "the packet count", 1, 100000000, &s->u.await.n)) < 0)
		return r;
	return options(P, s, 2, o, NOPT(o), u);
}

static int p_dump(struct sc_parser *P)
{
	const char *u = "dump HOST links|addresses|routes|neighbours...";
	static const struct {
		const char *n;
		unsigned bit;
	} t[] = { { "links", SC_DUMP_LINKS }, { "addresses", SC_DUMP_ADDRESSES },
		  { "routes", SC_DUMP_ROUTES }, { "neighbours", SC_DUMP_NEIGHBOURS } };
	struct sc_step *s = new_step(P, SC_STEP_DUMP);
	size_t i, k;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	if (P->nw < 2)
		return scp_missing(P, 1, "what to dump", u);
	for (i = 1; i < P->nw; i++) {
		for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
			if (scp_is(&P->w[i], t[k].n))
				break;
		if (k == sizeof(t) / sizeof(t[0]))
			return scp_errw(P, &P->w[i], "unknown dump '%s' (links addresses routes neighbours)",
					P->w[i].s);
		if (s->u.dump.what & t[k].bit)
			return scp_errw(P, &P->w[i], "'%s' is asked twice", P->w[i].s);
		s->u.dump.what |= t[k].bit;
	}
	return 0;
}

static int p_stop(struct sc_parser *P)
{
	return p_connop(P, SC_STEP_STOP, "stop CAPTURE|LISTENER");
}


/* ---- programs of one's own, crafted frames ----------------------------- */

/* An interface name as the topology's HOST:IF takes it. */
static int ifname_word(struct sc_parser *P, const struct sc_word *w, char **out)
{
	size_t i;

	if (!w->len || w->len > 15)
		return scp_errw(P, w, "'%s' is not an interface name (1 to 15 bytes)", w->s);
	for (i = 0; i < w->len; i++)
		if (w->s[i] <= ' ' || w->s[i] >= 127 || w->s[i] == '/' || w->s[i] == '%' ||
		    w->s[i] == ':')
			return scp_errw(P, w, "'%s' is not a valid interface name", w->s);
	*out = scp_xdup(P, w->s);
	return *out ? 0 : -ENOMEM;
}

/*
 * start HOST PROGRAM [ARG...] [ready TEXT] [timeout D]: `ready` and
 * `timeout` are the statement's only when unquoted and at the end, so a
 * program's own argument spelled so is quoted.
 */
static int p_start(struct sc_parser *P)
{
	const char *u = "start HOST PROGRAM [ARG...] [ready TEXT] [timeout D]";
	struct sc_step *s;
	size_t i, n;
	int r;

	if ((r = need_label(P, "start")) < 0)
		return r;
	if (!(s = new_step(P, SC_STEP_START)))
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	n = P->nw;
	for (;;) {
		if (n >= 3 && scp_is(&P->w[n - 2], "ready") && !s->u.start.ready) {
			if (!P->w[n - 1].len)
				return scp_errw(P, &P->w[n - 1], "'ready' needs a text to wait for");
			if (!(s->u.start.ready = scp_xdup(P, P->w[n - 1].s)))
				return -ENOMEM;
			n -= 2;
			continue;
		}
		if (n >= 3 && scp_is(&P->w[n - 2], "timeout") && !s->timeout) {
			if ((r = scp_dur(P, &P->w[n - 1], "timeout", HOUR, &s->timeout)) < 0)
				return r;
			n -= 2;
			continue;
		}
		break;
	}
	if (n < 2)
		return scp_missing(P, 1, "the program", u);
	s->u.start.argc = (int)(n - 1);
	s->u.start.argv = calloc(n, sizeof(char *));
	if (!s->u.start.argv)
		return scp_oom(P);
	for (i = 1; i < n; i++)
		if (!(s->u.start.argv[i - 1] = scp_xdup(P, P->w[i].s)))
			return -ENOMEM;
	return 0;
}

static int p_signal(struct sc_parser *P)
{
	const char *u = "signal PROCESS SIGNAME";
	struct sc_step *s = new_step(P, SC_STEP_SIGNAL);
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_ref(P, s, 0, "the started program", u)) < 0)
		return r;
	if (P->nw < 2)
		return scp_missing(P, 1, "the signal (INT, TERM, HUP, USR1 ...)", u);
	if ((s->u.signal.sig = ns_signum(P->w[1].s)) < 0)
		return scp_errw(P, &P->w[1], "unknown signal '%s' (INT, TERM, HUP, KILL, USR1, USR2 ... or a number)",
				P->w[1].s);
	return P->nw > 2 ? scp_extra(P, 2, u) : 0;
}

/* inject HOST IF HEX... | inject HOST IF file NAME */
static int p_inject(struct sc_parser *P)
{
	const char *u = "inject HOST IF HEX... | inject HOST IF file NAME";
	struct sc_step *s = new_step(P, SC_STEP_INJECT);
	struct hx_buf b = HX_BUF_INIT;
	uint8_t chunk[4096];
	size_t i, len, bad;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = step_host(P, s, 0, u)) < 0)
		return r;
	if (P->nw < 2)
		return scp_missing(P, 1, "the interface", u);
	if ((r = ifname_word(P, &P->w[1], &s->u.inject.ifname)) < 0)
		return r;
	s->u.inject.ifpos = P->w[1].pos;
	if (P->nw < 3)
		return scp_missing(P, 2, "the frame in hex, or file NAME", u);
	if (scp_is(&P->w[2], "file")) {
		if (P->nw < 4)
			return scp_missing(P, 3, "the file's name", u);
		if (!(s->u.inject.file = scp_xdup(P, P->w[3].s)))
			return -ENOMEM;
		s->u.inject.filepos = P->w[3].pos;
		return P->nw > 4 ? scp_extra(P, 4, u) : 0;
	}
	for (i = 2; i < P->nw; i++) {
		const struct sc_word *w = &P->w[i];

		r = sc_hex_frame(w->s, w->len, chunk, sizeof(chunk), &len, &bad);
		if (r == -1 && bad == w->len) {
			hx_buf_release(&b);
			return scp_errw(P, w, "'%s' has an odd number of hex digits", w->s);
		}
		if (r < 0) {
			struct sc_word at = *w;

			hx_buf_release(&b);
			at.pos.col += (unsigned)bad;
			return scp_errw(P, &at, r == -1 ? "'%s' is not hex" : "'%s' is too long",
					w->s);
		}
		hx_buf_put(&b, chunk, len);
	}
	if (b.oom) {
		hx_buf_release(&b);
		return scp_oom(P);
	}
	s->u.inject.frame.bytes = (uint8_t *)b.p;
	s->u.inject.frame.len = b.len;
	return 0;
}

/* A 32-bit number: decimal or 0x hex. */
static int u32w(struct sc_parser *P, const struct sc_word *w, const char *what,
		uint32_t *out)
{
	long long v;
	int r = scp_num(P, w, what, 0, 0xffffffffLL, &v);

	*out = (uint32_t)v;
	return r;
}

/*
 * tcp HOST DEST PORT flags F [seq N] [ack N] [win N] [urg N] [sport N]
 *     [ttl N] [ipv6] [options OPT...] [data DATA]
 * OPT: nop eol sackOK | mss N | wscale N | ts V E | sack L:R... | raw HEX
 */
static int tcp_words(struct sc_parser *P, struct sc_step *s, struct hx_buf *obp)
{
	const char *u = "tcp HOST DEST PORT flags F [seq N] [ack N] [win N] [urg N] [sport N] [ttl N] [ipv6] [options OPT...] [data DATA]";
#define ob (*obp)
	char e[HX_ERRLEN];
	struct sc_pos seen[10];
	static const char *const names[] = { "flags", "seq", "ack", "win", "urg",
					     "sport", "ttl", "ipv6", "options", "data" };
	int have[10] = { 0 }, r, f;
	size_t i = 3, k, bad;
	long long v;

	s->u.tcp.win = 64240;
	if ((r = step_host(P, s, 0, u)) < 0 || (r = dest(P, 1, &s->u.tcp.dest, u)) < 0)
		return r;
	if (P->nw < 3)
		return scp_missing(P, 2, "the port", u);
	if ((r = port(P, &P->w[2], &s->u.tcp.port)) < 0)
		return r;
	while (i < P->nw) {
		const struct sc_word *w = &P->w[i];

		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (scp_is(w, names[k]))
				break;
		if (k == sizeof(names) / sizeof(names[0]))
			return scp_extra(P, i, u);
		if (have[k])
			return scp_errw(P, w, "second '%s' option (the first is at %u:%u)",
					names[k], seen[k].line, seen[k].col);
		have[k] = 1;
		seen[k] = w->pos;
		if (k == 7) { /* ipv6 */
			s->u.tcp.ipv6 = 1;
			i++;
			continue;
		}
		if (i + 1 >= P->nw)
			return scp_missing(P, i + 1, k == 8 ? "an option" : "a value", u);
		w = &P->w[++i];
		switch (k) {
		case 0:
			f = ns_tcp_flags_parse(w->s, &bad);
			if (f < 0) {
				struct sc_word at = *w;

				at.pos.col += (unsigned)bad;
				return scp_errw(P, &at, "'%s' is not TCP flags (tcpdump's letters F S R P . U E W, as 'S.', or names as 'syn|ack')",
						w->s);
			}
			s->u.tcp.flags = (unsigned)f;
			i++;
			break;
		case 1:
		case 2:
			if ((r = u32w(P, w, names[k], k == 1 ? &s->u.tcp.seq : &s->u.tcp.ack)) < 0)
				return r;
			i++;
			break;
		case 3:
		case 4:
		case 5:
		case 6:
			if ((r = scp_num(P, w, names[k], k == 6 ? 1 : k == 5 ? 1 : 0,
					 k == 6 ? 255 : 65535, &v)) < 0)
				return r;
			*(k == 3 ? &s->u.tcp.win : k == 4 ? &s->u.tcp.urp :
			  k == 5 ? &s->u.tcp.sport : &s->u.tcp.ttl) = (int)v;
			i++;
			break;
		case 8: /* options, up to a word that is no option */
			while (i < P->nw && ns_tcpopt_arity(P->w[i].s) >= 0) {
				const struct sc_word *ow = &P->w[i];
				int ar = ns_tcpopt_arity(ow->s);
				uint32_t a[8];
				size_t na = 0;

				i++;
				if (!strcmp(ow->s, "raw")) {
					uint8_t raw[NS_TCPOPT_MAX + 1];
					size_t rl;

					if (i >= P->nw)
						return scp_missing(P, i, "the option's bytes in hex", u);
					r = sc_hex_frame(P->w[i].s, P->w[i].len, raw, sizeof(raw), &rl, &bad);
					if (r < 0 || rl == 0) {
						return scp_errw(P, &P->w[i], "'%s' is not an even number of hex digits",
								P->w[i].s);
					}
					hx_buf_put(&ob, raw, rl);
					i++;
				} else if (ar == NS_TCPOPT_PAIRS) {
					while (i < P->nw && na < 8) {
						unsigned long long l, rr;
						char c;

						if (sscanf(P->w[i].s, "%llu:%llu%c", &l, &rr, &c) != 2)
							break;
						if (l > 0xffffffffULL || rr > 0xffffffffULL) {
							return scp_errw(P, &P->w[i], "'%s' is out of range (32 bits each)",
									P->w[i].s);
						}
						a[na++] = (uint32_t)l;
						a[na++] = (uint32_t)rr;
						i++;
					}
					if (!na) {
						return scp_missing(P, i, "sack blocks L:R", u);
					}
				} else {
					for (; na < (size_t)ar; na++, i++) {
						if (i >= P->nw) {
							return scp_missing(P, i, "the option's value", u);
						}
						if ((r = u32w(P, &P->w[i], ow->s, &a[na])) < 0) {
							return r;
						}
					}
				}
				if (strcmp(ow->s, "raw") &&
				    ns_tcpopt_put(e, &ob, ow->s, a, na) < 0) {
					return scp_errw(P, ow, "%s", e);
				}
				if (ob.len > NS_TCPOPT_MAX) {
					return scp_errw(P, ow, "the options are over %d bytes: they do not fit in a TCP header",
							NS_TCPOPT_MAX);
				}
			}
			if (!ob.len)
				return scp_missing(P, i, "an option (mss N, wscale N, sackOK, ts V E, sack L:R, nop, eol, raw HEX)", u);
			break;
		case 9:
			if ((r = scp_data(P, i, &s->u.tcp.data, u)) < 0)
				return r;
			i += (size_t)r;
			break;
		}
	}
	if (!have[0]) {
		return scp_missing(P, P->nw, "flags F (S, S., R, ...)", u);
	}
	return ob.oom ? scp_oom(P) : 0;
#undef ob
}

/* The options bytes are the step's once its words are read, or freed. */
static int p_tcp(struct sc_parser *P)
{
	struct sc_step *s = new_step(P, SC_STEP_TCP);
	struct hx_buf ob = HX_BUF_INIT;
	int r;

	if (!s)
		return -ENOMEM;
	r = tcp_words(P, s, &ob);
	if (r < 0) {
		hx_buf_release(&ob);
		return r;
	}
	s->u.tcp.opts = (uint8_t *)ob.p;
	s->u.tcp.optlen = ob.len;
	return 0;
}

const struct scp_stmt scp_step_stmts[] = {
	{ "run", p_run, C_STEP, 0 },	       { "listen", p_listen, C_STEP, 0 },
	{ "accept", p_accept, C_STEP, 0 },     { "connect", p_connect, C_STEP, 0 },
	{ "send", p_send, C_STEP, 0 },	       { "urgent", p_urgent, C_STEP, 0 },
	{ "recv", p_recv, C_STEP, 0 },	       { "bulk", p_bulk, C_STEP, 0 },
	{ "half-close", p_halfclose, C_STEP, 0 }, { "close", p_close, C_STEP, 0 },
	{ "abort", p_abort, C_STEP, 0 },       { "ping", p_ping, C_STEP, 0 },
	{ "udp", p_udp, C_STEP, 0 },	       { "dns", p_dns, C_STEP, 0 },
	{ "nfs", p_nfs, C_STEP, 0 },
	{ "wait", p_wait, C_STEP, 0 },	       { "capture", p_capture, C_STEP, 0 },
	{ "read", p_read, C_STEP, 0 },	       { "await", p_await, C_STEP, 0 },
	{ "stop", p_stop, C_STEP, 0 },	       { "dump", p_dump, C_STEP, 0 },
	{ "start", p_start, C_STEP, 0 },       { "signal", p_signal, C_STEP, 0 },
	{ "inject", p_inject, C_STEP, 0 },     { "tcp", p_tcp, C_STEP, 0 },
};
const size_t scp_step_nstmts = sizeof(scp_step_stmts) / sizeof(scp_step_stmts[0]);
