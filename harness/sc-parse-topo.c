/* sc-parse-topo.c: the scenario header (scenario, title, seed, timeout, needs) and the topology (host, link, bridge, port, addr, route, sysctl, name, file). */
#define _GNU_SOURCE 1 /* memmem */
#include "harness/sc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness/sc-lex.h"
#include "harness/sc-parse-int.h"
#include "netns/ns.h"

/* ADDR/PLEN */
static int prefix(struct sc_parser *P, const struct sc_word *w, struct sc_inaddr *a,
		  int *plen)
{
	char tmp[128];
	char *slash;
	long long v;

	snprintf(tmp, sizeof(tmp), "%s", w->s);
	slash = strchr(tmp, '/');
	if (slash)
		*slash = '\0';
	if (scp_inaddr(tmp, a) < 0)
		return scp_errw(P, w, "'%s' is not an IPv4 or IPv6 address", tmp);
	if (!slash)
		return scp_errw(P, w, "address '%s' needs a prefix length (%s/%d)", tmp,
				tmp, a->af == AF_INET ? 24 : 64);
	if (scp_parse_ll(slash + 1, &v) < 0 || v < 0 || v > (a->af == AF_INET ? 32 : 128))
		return scp_errw(P, w, "prefix length '%s' is out of range (0-%d)",
				slash + 1, a->af == AF_INET ? 32 : 128);
	*plen = (int)v;
	return 0;
}

static int mac(struct sc_parser *P, const struct sc_word *w, uint8_t m[6])
{
	unsigned v[6];
	char c;
	int i;

	if (strlen(w->s) != 17 ||
	    sscanf(w->s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3],
		   &v[4], &v[5], &c) != 6)
		return scp_errw(P, w, "'%s' is not a MAC address (02:00:00:00:00:01)",
				w->s);
	for (i = 0; i < 6; i++)
		m[i] = (uint8_t)v[i];
	if (m[0] & 1)
		return scp_errw(P, w, "MAC '%s' is a multicast address: an interface needs a unicast one",
				w->s);
	return 0;
}

/*
 * What the kernel takes as an interface name (no '/', no blank, not "."
 * or "..") that a shell and a terminal show as typed: printable ASCII.
 */
static int valid_ifname(const char *s)
{
	const char *p;

	if (!strcmp(s, ".") || !strcmp(s, ".."))
		return 0;
	for (p = s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '/' || *p == '%')
			return 0;
	return 1;
}

/* HOST:IF */
static int ifref(struct sc_parser *P, const struct sc_word *w, struct sc_ifref *r)
{
	const char *colon = strchr(w->s, ':');

	if (!colon || colon == w->s || !colon[1] || strchr(colon + 1, ':'))
		return scp_errw(P, w, "expected HOST:INTERFACE, got '%s'", w->s);
	r->hostname = strndup(w->s, (size_t)(colon - w->s));
	r->ifname = strdup(colon + 1);
	r->pos = w->pos;
	r->host = SC_NONE;
	if (!r->hostname || !r->ifname)
		return scp_oom(P);
	if (strlen(r->ifname) > 15)
		return sc_errat(P->err, P->file,
				(struct sc_pos){ w->pos.line,
						 w->pos.col + (unsigned)(colon - w->s) + 1 },
				"interface name '%s' is longer than 15 bytes", r->ifname);
	if (!valid_ifname(r->ifname))
		return scp_errw(P, w, "'%s' is not a valid interface name", r->ifname);
	return 0;
}

static int p_scenario(struct sc_parser *P)
{
	const char *u = "scenario NAME";

	if (P->have_scenario)
		return scp_errw(P, &P->kw, "second 'scenario' statement (the first is on line %u)",
				P->scenario_pos.line);
	if (P->nw < 1)
		return scp_missing(P, 0, "the scenario's name", u);
	if (P->nw > 1)
		return scp_extra(P, 1, u);
	if (!scp_valid_name(P->w[0].s, 64))
		return scp_errw(P, &P->w[0], "'%s' is not a scenario name (letters, digits, '-', '_')",
				P->w[0].s);
	P->have_scenario = 1;
	P->scenario_pos = P->kw.pos;
	P->sc->name_pos = P->w[0].pos;
	P->sc->name = scp_xdup(P, P->w[0].s);
	return P->sc->name ? 0 : -ENOMEM;
}

/*
 * The rest of the line as free text (apostrophes and all), up to a comment
 * (a '#' after a blank). Returns 1 with *out allocated, 0 when empty.
 */
static int free_text(struct sc_parser *P, char **out)
{
	struct sc_word w;
	char *h;
	int r;

	*out = NULL;
	r = sc_lex_rest(&P->lx, &w);
	if (r <= 0)
		return r < 0 ? scp_oom(P) : 0;
	for (h = w.s; (h = strchr(h, '#')); h++)
		if (h > w.s && (h[-1] == ' ' || h[-1] == '\t')) {
			*h = '\0';
			break;
		}
	h = w.s + strlen(w.s);
	while (h > w.s && (h[-1] == ' ' || h[-1] == '\t'))
		*--h = '\0';
	if (!*w.s) {
		sc_word_free(&w);
		return 0;
	}
	*out = w.s;
	return 1;
}

static int p_title(struct sc_parser *P)
{
	int r;

	if (P->have_title)
		return scp_errw(P, &P->kw, "second 'title' statement (the first is on line %u)",
				P->title_pos.line);
	if ((r = free_text(P, &P->sc->title)) < 0)
		return r;
	if (r == 0)
		return scp_missing(P, 0, "the title", "title TEXT");
	P->have_title = 1;
	P->title_pos = P->kw.pos;
	return 0;
}

static int p_seed(struct sc_parser *P)
{
	int r;

	if (P->have_seed)
		return scp_errw(P, &P->kw, "second 'seed' statement");
	if ((r = free_text(P, &P->sc->seed)) < 0)
		return r;
	if (r == 0)
		return scp_missing(P, 0, "the seed file and section", "seed 000 §3.1");
	P->have_seed = 1;
	return 0;
}

static int p_timeout(struct sc_parser *P)
{
	if (P->have_timeout)
		return scp_errw(P, &P->kw, "second 'timeout' statement (the first is on line %u)",
				P->timeout_pos.line);
	if (P->nw < 1)
		return scp_missing(P, 0, "a duration", "timeout DURATION");
	if (P->nw > 1)
		return scp_extra(P, 1, "timeout DURATION");
	P->have_timeout = 1;
	P->timeout_pos = P->kw.pos;
	return scp_dur(P, &P->w[0], "timeout", HOUR, &P->sc->timeout);
}

static int p_needs(struct sc_parser *P)
{
	const char *u = "needs root | nlmon | netem | sysctl KEY | tool NAME | user NAME";
	struct sc_need *n;
	const struct sc_word *w;
	int witharg;

	if (P->nw < 1)
		return scp_missing(P, 0, "what is needed", u);
	w = &P->w[0];
	n = scp_push(&P->sc->needs, &P->sc->nneeds, sizeof(*n));
	if (!n)
		return scp_oom(P);
	n->pos = w->pos;
	if (scp_is(w, "root")) {
		n->kind = SC_NEED_ROOT;
		witharg = 0;
	} else if (scp_is(w, "nlmon")) {
		n->kind = SC_NEED_NLMON;
		witharg = 0;
	} else if (scp_is(w, "netem")) {
		n->kind = SC_NEED_NETEM;
		witharg = 0;
	} else if (scp_is(w, "sysctl")) {
		n->kind = SC_NEED_SYSCTL;
		witharg = 1;
	} else if (scp_is(w, "tool")) {
		n->kind = SC_NEED_TOOL;
		witharg = 1;
	} else if (scp_is(w, "user")) {
		n->kind = SC_NEED_USER;
		witharg = 1;
	} else {
		return scp_errw(P, w, "unknown need '%s'; usage: %s", w->s, u);
	}
	if (witharg) {
		if (P->nw < 2)
			return scp_missing(P, 1, "its argument", u);
		if (P->nw > 2)
			return scp_extra(P, 2, u);
		if (n->kind == SC_NEED_SYSCTL &&
		    (strpbrk(P->w[1].s, "/ ") || strstr(P->w[1].s, "..")))
			return scp_errw(P, &P->w[1], "'%s' is not a sysctl key (net.ipv4.tcp_syn_retries)",
					P->w[1].s);
		if (n->kind == SC_NEED_TOOL && strchr(P->w[1].s, '/'))
			return scp_errw(P, &P->w[1], "a tool is named without a path, got '%s'",
					P->w[1].s);
		n->arg = scp_xdup(P, P->w[1].s);
		return n->arg ? 0 : -ENOMEM;
	}
	if (P->nw > 1)
		return scp_extra(P, 1, u);
	return 0;
}

static int p_host(struct sc_parser *P)
{
	size_t i;

	if (P->nw < 1)
		return scp_missing(P, 0, "a host name", "host NAME...");
	for (i = 0; i < P->nw; i++) {
		struct sc_host *h;

		if (!scp_valid_name(P->w[i].s, 31))
			return scp_errw(P, &P->w[i],
					"'%s' is not a host name (a letter, then letters, digits, '-', '_'; at most 31)",
					P->w[i].s);
		h = scp_push(&P->sc->hosts, &P->sc->nhosts, sizeof(*h));
		if (!h)
			return scp_oom(P);
		h->pos = P->w[i].pos;
		h->name = scp_xdup(P, P->w[i].s);
		if (!h->name)
			return -ENOMEM;
	}
	return 0;
}

static int p_link(struct sc_parser *P)
{
	const char *u = "link HOST:IF HOST:IF [mac MAC|- MAC|-] [mtu N]";
	struct sc_link *l;
	size_t end;
	int r, e;

	l = scp_push(&P->sc->links, &P->sc->nlinks, sizeof(*l));
	if (!l)
		return scp_oom(P);
	l->pos = P->kw.pos;
	l->end[0].host = l->end[1].host = SC_NONE;
	if (P->nw < 2)
		return scp_missing(P, P->nw, "an interface", u);
	if ((r = ifref(P, &P->w[0], &l->end[0])) < 0 ||
	    (r = ifref(P, &P->w[1], &l->end[1])) < 0)
		return r;
	/* a last `mtu N`, after the MACs if any */
	end = P->nw;
	if (end >= 4 && scp_is(&P->w[end - 2], "mtu")) {
		long long v;

		if ((r = scp_num(P, &P->w[end - 1], "mtu", NS_MTU_MIN, NS_MTU_MAX, &v)) < 0)
			return r;
		l->mtu = (unsigned)v;
		end -= 2;
	} else if (end == 3 && scp_is(&P->w[2], "mtu")) {
		return scp_missing(P, 3, "the MTU", u);
	}
	if (end == 2)
		return 0;
	if (!scp_is(&P->w[2], "mac"))
		return scp_extra(P, 2, u);
	if (end < 5)
		return scp_missing(P, end, "a MAC address (or '-')", u);
	if (end > 5)
		return scp_extra(P, 5, u);
	for (e = 0; e < 2; e++) {
		if (scp_is(&P->w[3 + e], "-"))
			continue;
		if ((r = mac(P, &P->w[3 + e], l->mac[e])) < 0)
			return r;
		l->has_mac[e] = 1;
	}
	return 0;
}

static int p_bridge(struct sc_parser *P)
{
	const char *u = "bridge HOST:NAME [hub | ageing SECONDS]";
	struct sc_bridge *b;
	long long v;
	int r;

	b = scp_push(&P->sc->bridges, &P->sc->nbridges, sizeof(*b));
	if (!b)
		return scp_oom(P);
	b->pos = P->kw.pos;
	b->ageing = -1;
	b->dev.host = SC_NONE;
	if (P->nw < 1)
		return scp_missing(P, 0, "the bridge", u);
	if ((r = ifref(P, &P->w[0], &b->dev)) < 0)
		return r;
	if (P->nw == 1)
		return 0;
	if (scp_is(&P->w[1], "hub")) {
		if (P->nw > 2)
			return scp_extra(P, 2, u);
		b->ageing = 0;
		return 0;
	}
	if (!scp_is(&P->w[1], "ageing"))
		return scp_extra(P, 1, u);
	if (P->nw < 3)
		return scp_missing(P, 2, "the ageing time in seconds", u);
	if (P->nw > 3)
		return scp_extra(P, 3, u);
	if ((r = scp_num(P, &P->w[2], "ageing", 0, 1000000, &v)) < 0)
		return r;
	b->ageing = (int)v;
	return 0;
}

static int p_port(struct sc_parser *P)
{
	const char *u = "port HOST:BRIDGE IF...";
	struct sc_ifref br;
	size_t i;
	int r = 0;

	memset(&br, 0, sizeof(br));
	if (P->nw < 2)
		return scp_missing(P, P->nw, P->nw ? "an interface" : "the bridge", u);
	if ((r = ifref(P, &P->w[0], &br)) < 0)
		goto out;
	for (i = 1; i < P->nw; i++) {
		struct sc_port *p;

		if (strchr(P->w[i].s, ':')) {
			r = scp_errw(P, &P->w[i],
				     "a port is an interface of the bridge's own host: write '%s', not '%s'",
				     strchr(P->w[i].s, ':') + 1, P->w[i].s);
			goto out;
		}
		/* Once pushed, the port is the scenario's: sc_free frees
		 * what its strings hold, NULL or not. */
		p = scp_push(&P->sc->ports, &P->sc->nports, sizeof(*p));
		if (!p) {
			r = scp_oom(P);
			goto out;
		}
		p->bridge = SC_NONE;
		p->pos = P->w[i].pos;
		p->br = br;
		p->br.hostname = strdup(br.hostname);
		p->br.ifname = strdup(br.ifname);
		p->ifname = strdup(P->w[i].s);
		if (!p->br.hostname || !p->br.ifname || !p->ifname) {
			r = scp_oom(P);
			goto out;
		}
	}
out:
	free(br.hostname);
	free(br.ifname);
	return r;
}

static int p_addr(struct sc_parser *P)
{
	const char *u = "addr HOST:IF ADDRESS/LEN...";
	struct sc_ifref dev;
	size_t i;
	int r;

	memset(&dev, 0, sizeof(dev));
	if (P->nw < 2)
		return scp_missing(P, P->nw, P->nw ? "an address" : "the interface", u);
	r = ifref(P, &P->w[0], &dev);
	for (i = 1; r == 0 && i < P->nw; i++) {
		struct sc_addr *a = scp_push(&P->sc->addrs, &P->sc->naddrs, sizeof(*a));

		if (!a) {
			r = scp_oom(P);
			break;
		}
		a->pos = P->w[i].pos;
		a->dev = dev;
		a->dev.hostname = strdup(dev.hostname);
		a->dev.ifname = strdup(dev.ifname);
		if (!a->dev.hostname || !a->dev.ifname) {
			r = scp_oom(P);
			break;
		}
		r = prefix(P, &P->w[i], &a->addr, &a->plen);
	}
	free(dev.hostname);
	free(dev.ifname);
	return r;
}

static int p_route(struct sc_parser *P)
{
	const char *u = "route HOST default|PREFIX [via ADDRESS] [dev IF]";
	struct sc_route *rt;
	size_t i;
	int r;

	rt = scp_push(&P->sc->routes, &P->sc->nroutes, sizeof(*rt));
	if (!rt)
		return scp_oom(P);
	rt->pos = P->kw.pos;
	rt->host = SC_NONE;
	if (P->nw < 2)
		return scp_missing(P, P->nw, P->nw ? "the destination" : "the host", u);
	if ((r = scp_hostword(P, &P->w[0], &rt->hostname, &rt->hostpos)) < 0)
		return r;
	if (scp_is(&P->w[1], "default"))
		rt->is_default = 1;
	else if ((r = prefix(P, &P->w[1], &rt->dst, &rt->plen)) < 0)
		return r;
	for (i = 2; i < P->nw; i += 2) {
		if (i + 1 >= P->nw)
			return scp_missing(P, i + 1, "a value", u);
		if (scp_is(&P->w[i], "via") && !rt->has_via) {
			if (scp_inaddr(P->w[i + 1].s, &rt->via) < 0)
				return scp_errw(P, &P->w[i + 1], "'%s' is not an address",
						P->w[i + 1].s);
			rt->has_via = 1;
		} else if (scp_is(&P->w[i], "dev") && !rt->dev) {
			rt->dev = scp_xdup(P, P->w[i + 1].s);
			if (!rt->dev)
				return -ENOMEM;
			rt->devpos = P->w[i + 1].pos;
		} else {
			return scp_extra(P, i, u);
		}
	}
	if (!rt->has_via && !rt->dev)
		return scp_missing(P, P->nw, "'via ADDRESS' or 'dev IF'", u);
	if (rt->is_default)
		rt->dst.af = rt->has_via ? rt->via.af : AF_INET;
	else if (rt->has_via && rt->via.af != rt->dst.af)
		return scp_errw(P, &P->w[3], "gateway '%s' is not of the route's family",
				P->w[3].s);
	return 0;
}

static int p_sysctl(struct sc_parser *P)
{
	const char *u = "sysctl HOST net.KEY=VALUE...";
	char *hostname;
	struct sc_pos hostpos;
	size_t i;
	int r;

	if (P->nw < 2)
		return scp_missing(P, P->nw, P->nw ? "KEY=VALUE" : "the host", u);
	if ((r = scp_hostword(P, &P->w[0], &hostname, &hostpos)) < 0)
		return r;
	for (i = 1; i < P->nw; i++) {
		const struct sc_word *w = &P->w[i];
		const char *eq = strchr(w->s, '=');
		struct sc_sysctl *s;

		if (!eq || eq == w->s || !eq[1]) {
			free(hostname);
			return scp_errw(P, w, "expected KEY=VALUE, got '%s'", w->s);
		}
		/* Only the per-namespace net.* keys: anything else would
		 * change the machine itself. */
		if (strncmp(w->s, "net.", 4) || strpbrk(w->s, "/ ") ||
		    memmem(w->s, (size_t)(eq - w->s), "..", 2)) {
			free(hostname);
			return scp_errw(P, w,
					"sysctl '%.*s' is not a net.* key: a host may only set its own namespace's",
					(int)(eq - w->s), w->s);
		}
		s = scp_push(&P->sc->sysctls, &P->sc->nsysctls, sizeof(*s));
		if (!s) {
			free(hostname);
			return scp_oom(P);
		}
		s->pos = w->pos;
		s->host = SC_NONE;
		s->hostpos = hostpos;
		s->hostname = strdup(hostname);
		s->key = strndup(w->s, (size_t)(eq - w->s));
		s->value = strdup(eq + 1);
		if (!s->hostname || !s->key || !s->value) {
			free(hostname);
			return scp_oom(P);
		}
	}
	free(hostname);
	return 0;
}

static int p_name(struct sc_parser *P)
{
	const char *u = "name ADDRESS NAME";
	struct sc_name *n;

	if (P->nw < 2)
		return scp_missing(P, P->nw, P->nw ? "the name" : "the address", u);
	if (P->nw > 2)
		return scp_extra(P, 2, u);
	n = scp_push(&P->sc->names, &P->sc->nnames, sizeof(*n));
	if (!n)
		return scp_oom(P);
	n->pos = P->w[0].pos;
	if (scp_inaddr(P->w[0].s, &n->addr) < 0)
		return scp_errw(P, &P->w[0], "'%s' is not an IPv4 or IPv6 address", P->w[0].s);
	if (!scp_valid_name(P->w[1].s, 63))
		return scp_errw(P, &P->w[1], "'%s' is not a name", P->w[1].s);
	n->name = scp_xdup(P, P->w[1].s);
	return n->name ? 0 : -ENOMEM;
}


static int p_file(struct sc_parser *P)
{
	const char *u = "file NAME [mode OCTAL], then its lines, then end";
	struct sc_file *f;
	struct rawline *rl = NULL;
	struct hx_buf b = HX_BUF_INIT;
	size_t nl = 0, i, indent = (size_t)-1;
	const struct sc_word *w;
	int r;

	f = scp_push(&P->sc->files, &P->sc->nfiles, sizeof(*f));
	if (!f)
		return scp_oom(P);
	f->pos = P->kw.pos;
	f->mode = 0644;
	if (P->nw < 1)
		return scp_missing(P, 0, "the file's name", u);
	w = &P->w[0];
	if (w->s[0] == '/' || !strcmp(w->s, "..") || !strncmp(w->s, "../", 3) ||
	    strstr(w->s, "/../") ||
	    (strlen(w->s) >= 3 && !strcmp(w->s + strlen(w->s) - 3, "/..")))
		return scp_errw(P, w, "file '%s' must stay in the scenario's directory (a relative name, no '..')",
				w->s);
	f->name = scp_xdup(P, w->s);
	if (!f->name)
		return -ENOMEM;
	if (P->nw > 1) {
		char *e;
		unsigned long m;

		if (!scp_is(&P->w[1], "mode"))
			return scp_extra(P, 1, u);
		if (P->nw < 3)
			return scp_missing(P, 2, "the mode", u);
		if (P->nw > 3)
			return scp_extra(P, 3, u);
		m = strtoul(P->w[2].s, &e, 8);
		if (*e || !*P->w[2].s || m > 07777)
			return scp_errw(P, &P->w[2], "'%s' is not an octal mode (0755)", P->w[2].s);
		f->mode = (unsigned)m;
	}
	if ((r = scp_block(P, &P->kw, &rl, &nl)) < 0) {
		free(rl);
		return r;
	}
	f->first_line = nl ? rl[0].line : 0;
	/* Remove the indentation every non-blank line shares. */
	for (i = 0; i < nl; i++) {
		size_t k = 0;

		while (k < rl[i].n && (rl[i].s[k] == ' ' || rl[i].s[k] == '\t'))
			k++;
		if (k < rl[i].n && k < indent)
			indent = k;
	}
	for (i = 0; i < nl; i++) {
		if (rl[i].n > indent)
			hx_buf_put(&b, rl[i].s + indent, rl[i].n - indent);
		hx_buf_putc(&b, '\n');
	}
	free(rl);
	f->indent = indent == (size_t)-1 ? 0 : (unsigned)indent;
	if (b.oom) {
		hx_buf_release(&b);
		return scp_oom(P);
	}
	f->text = b.p ? b.p : strdup("");
	f->len = b.len;
	return f->text ? 0 : scp_oom(P);
}

/* A rate as tc writes it: bit kbit mbit gbit (bits per second, powers of
 * 1000), bps kbps mbps (bytes per second); into bytes per second. */
static int rate_of(const char *s, unsigned long long *out)
{
	static const struct {
		const char *u;
		double bytes; /* per unit */
	} units[] = { { "bit", 1 / 8.0 }, { "kbit", 1e3 / 8 }, { "mbit", 1e6 / 8 },
		      { "gbit", 1e9 / 8 }, { "bps", 1 }, { "kbps", 1e3 },
		      { "mbps", 1e6 } };
	char *e;
	double v;
	size_t i;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtod(s, &e);
	if (errno || e == s || !isfinite(v) || v <= 0)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcasecmp(e, units[i].u)) {
			double b = v * units[i].bytes;

			if (b < 1 || b > 2147483647.0)
				return -1;
			*out = (unsigned long long)(b + 0.5);
			return 0;
		}
	return -1;
}

/* shape HOST:IF rate R [burst B] [latency L] */
static int p_shape(struct sc_parser *P)
{
	const char *u = "shape HOST:IF rate RATE [burst SIZE] [latency DURATION]";
	struct sc_shape *sh;
	int have[3] = { 0 }, r;
	struct sc_pos seen[3];
	size_t i;

	sh = scp_push(&P->sc->shapes, &P->sc->nshapes, sizeof(*sh));
	if (!sh)
		return scp_oom(P);
	sh->pos = P->kw.pos;
	sh->dev.host = SC_NONE;
	if (P->nw < 1)
		return scp_missing(P, 0, "the interface", u);
	if ((r = ifref(P, &P->w[0], &sh->dev)) < 0)
		return r;
	for (i = 1; i < P->nw; i += 2) {
		const struct sc_word *w = &P->w[i], *v;
		int k = scp_is(w, "rate") ? 0 : scp_is(w, "burst") ? 1 :
			scp_is(w, "latency") ? 2 : -1;

		if (k < 0)
			return scp_extra(P, i, u);
		if (have[k])
			return scp_errw(P, w, "second '%s' option (the first is at %u:%u)",
					w->s, seen[k].line, seen[k].col);
		have[k] = 1;
		seen[k] = w->pos;
		if (i + 1 >= P->nw)
			return scp_missing(P, i + 1, "a value", u);
		v = &P->w[i + 1];
		if (k == 0 && rate_of(v->s, &sh->rate) < 0)
			return scp_errw(P, v, "'%s' is not a rate (1mbit, 500kbit, 125kbps: 1 byte/s to 2G bytes/s)",
					v->s);
		if (k == 1) {
			char *e;
			unsigned long long b;

			errno = 0;
			b = strtoull(v->s, &e, 10);
			if (!isdigit((unsigned char)v->s[0]) || errno)
				e = NULL;
			else if (!strcasecmp(e, "k") || !strcasecmp(e, "kb"))
				b *= 1024, e += strlen(e);
			else if (!strcasecmp(e, "m") || !strcasecmp(e, "mb"))
				b *= 1024 * 1024, e += strlen(e);
			else if (!strcasecmp(e, "b"))
				e++;
			if (!e || *e || b < 64 || b > (1ULL << 30))
				return scp_errw(P, v, "'%s' is not a burst size (64 bytes to 1g: 10k, 1m)",
						v->s);
			sh->burst = (unsigned)b;
		}
		if (k == 2 && (r = scp_dur(P, v, "latency", 60 * (sc_usec)1000000,
					   &sh->latency)) < 0)
			return r;
	}
	if (!have[0])
		return scp_missing(P, P->nw, "rate RATE", u);
	return 0;
}

const struct scp_stmt scp_topo_stmts[] = {
	{ "scenario", p_scenario, C_HEAD, 0 }, { "title", p_title, C_HEAD, 1 },
	{ "seed", p_seed, C_HEAD, 1 },	       { "timeout", p_timeout, C_HEAD, 0 },
	{ "needs", p_needs, C_HEAD, 0 },       { "host", p_host, C_TOPO, 0 },
	{ "link", p_link, C_TOPO, 0 },	       { "bridge", p_bridge, C_TOPO, 0 },
	{ "port", p_port, C_TOPO, 0 },	       { "addr", p_addr, C_TOPO, 0 },
	{ "route", p_route, C_TOPO, 0 },       { "sysctl", p_sysctl, C_TOPO, 0 },
	{ "name", p_name, C_TOPO, 0 },	       { "file", p_file, C_TOPO, 0 },
	{ "shape", p_shape, C_TOPO, 0 },
};
const size_t scp_topo_nstmts = sizeof(scp_topo_stmts) / sizeof(scp_topo_stmts[0]);
