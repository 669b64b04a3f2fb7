/* sc-check.c: the validation pass: names resolved, duplicates and misuse caught, before any host is built. */
#include "harness/sc.h"
#include "netns/zone.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/sc-lex.h"
#include "harness/sc-match.h"
#include "netns/actor.h"

/* An interface some statement creates in a host. */
struct ifent {
	size_t host;
	const char *name;
	struct sc_pos pos;
	size_t bridge;	/* index into bridges when it is one, else SC_NONE */
	size_t port_of; /* the bridge it is a port of, else SC_NONE */
	const uint8_t *mac;
};

struct sc_checker {
	char *err;
	struct sc_scenario *sc;
	const char *file;
	struct ifent *ifs;
	size_t nifs;
	/* variables bound so far, in file order */
	char **vars;
	size_t nvars;
	/* per step: closed (connections) or stopped (captures), and where */
	unsigned *ended;
};

static int E(struct sc_checker *C, struct sc_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int E(struct sc_checker *C, struct sc_pos pos, const char *fmt, ...)
{
	char msg[HX_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sc_errat(C->err, C->file, pos, "%s", msg);
}

static size_t find_host(const struct sc_scenario *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->nhosts; i++)
		if (!strcmp(sc->hosts[i].name, name))
			return i;
	return SC_NONE;
}

static int host(struct sc_checker *C, const char *name, struct sc_pos pos, size_t *out)
{
	*out = find_host(C->sc, name);
	if (*out == SC_NONE)
		return E(C, pos, "unknown host '%s'", name);
	return 0;
}

static struct ifent *find_if(struct sc_checker *C, size_t h, const char *name)
{
	size_t i;

	for (i = 0; i < C->nifs; i++)
		if (C->ifs[i].host == h && !strcmp(C->ifs[i].name, name))
			return &C->ifs[i];
	return NULL;
}

static int add_if(struct sc_checker *C, size_t h, const char *name, struct sc_pos pos,
		  size_t bridge, const uint8_t *mac)
{
	struct ifent *e = find_if(C, h, name), *n;

	if (!strcmp(name, "lo"))
		return E(C, pos, "interface 'lo' exists in every host already");
	if (!strcmp(name, "any") || !strncmp(name, "nflog", 5) ||
	    !strncmp(name, "nfqueue", 7))
		return E(C, pos, "'%s' is the name of a capture pseudo-device; pick another",
			 name);
	if (e)
		return E(C, pos, "host '%s' has interface '%s' already (line %u)",
			 C->sc->hosts[h].name, name, e->pos.line);
	n = realloc(C->ifs, (C->nifs + 1) * sizeof(*n));
	if (!n)
		return hx_err(C->err, -ENOMEM, "out of memory");
	C->ifs = n;
	n[C->nifs].host = h;
	n[C->nifs].name = name;
	n[C->nifs].pos = pos;
	n[C->nifs].bridge = bridge;
	n[C->nifs].port_of = SC_NONE;
	n[C->nifs].mac = mac;
	C->nifs++;
	return 0;
}

/* HOST:IF naming an interface that exists ("lo" always does). */
static int iface(struct sc_checker *C, struct sc_ifref *r)
{
	int e;

	if ((e = host(C, r->hostname, r->pos, &r->host)) < 0)
		return e;
	if (strcmp(r->ifname, "lo") && !find_if(C, r->host, r->ifname))
		return E(C, r->pos, "host '%s' has no interface '%s'", r->hostname,
			 r->ifname);
	return 0;
}

static int dev_of(struct sc_checker *C, size_t h, const char *dev, struct sc_pos pos)
{
	if (strcmp(dev, "lo") && !find_if(C, h, dev))
		return E(C, pos, "host '%s' has no interface '%s'", C->sc->hosts[h].name,
			 dev);
	return 0;
}

static const char *addr_str(const struct sc_inaddr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->af, a->a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	return buf;
}

static int same_addr(const struct sc_inaddr *a, const struct sc_inaddr *b)
{
	return a->af == b->af && !memcmp(a->a, b->a, a->af == AF_INET ? 4 : 16);
}

/* The first address of host h in family af, or NULL. */
static const struct sc_inaddr *host_addr(const struct sc_scenario *sc, size_t h,
					 int af)
{
	size_t i;

	for (i = 0; i < sc->naddrs; i++)
		if (sc->addrs[i].dev.host == h && sc->addrs[i].addr.af == af)
			return &sc->addrs[i].addr;
	return NULL;
}

static int dest(struct sc_checker *C, struct sc_dest *d, int ipv6)
{
	const struct sc_inaddr *a;

	if (d->addr.af) {
		if (ipv6 && d->addr.af != AF_INET6)
			return E(C, d->pos, "'%s' is not an IPv6 address, and 'ipv6' was asked",
				 d->text);
		return 0;
	}
	d->host = find_host(C->sc, d->text);
	if (d->host == SC_NONE)
		return E(C, d->pos, "unknown host '%s'", d->text);
	a = host_addr(C->sc, d->host, ipv6 ? AF_INET6 : AF_INET);
	if (!a)
		return E(C, d->pos, "host '%s' has no %s address", d->text,
			 ipv6 ? "IPv6" : "IPv4");
	d->addr = *a;
	return 0;
}

static size_t find_label_before(const struct sc_scenario *sc, const char *l,
				size_t before)
{
	size_t i;

	for (i = 0; i < before && i < sc->nsteps; i++)
		if (sc->steps[i].label && !strcmp(sc->steps[i].label, l))
			return i;
	return SC_NONE;
}

size_t sc_find_label(const struct sc_scenario *sc, const char *label)
{
	return find_label_before(sc, label, sc->nsteps);
}

static int is_conn(const struct sc_step *s)
{
	return s->kind == SC_STEP_CONNECT || s->kind == SC_STEP_ACCEPT;
}

/*
 * A listener's zone: a file of the scenario, in the master-file format
 * netns/zone.h reads. Its errors point into the file's block, in the
 * scenario's own lines and columns.
 */
static int check_zone(struct sc_checker *C, struct sc_step *s)
{
	const struct sc_scenario *sc = C->sc;
	struct ns_zone *z = NULL;
	char msg[HX_ERRLEN];
	unsigned line, col;
	size_t f;

	if (!s->u.listen.zone) {
		if (s->u.listen.ra || s->u.listen.cache || s->u.listen.minimal)
			return E(C, s->pos, "ra, cache and minimal are a name server's: they need zone FILE");
		return 0;
	}
	if (s->u.listen.nfs || s->u.listen.discard)
		return E(C, s->u.listen.zonepos, "a listener answers from a zone, answers NFS or discards: one of them");
	for (f = 0; f < sc->nfiles; f++)
		if (!strcmp(sc->files[f].name, s->u.listen.zone))
			break;
	if (f == sc->nfiles)
		return E(C, s->u.listen.zonepos, "no file '%s' in the scenario for the zone (file NAME ... end)",
			 s->u.listen.zone);
	s->u.listen.zonefile = f;
	if (ns_zone_parse(msg, sc->files[f].text, sc->files[f].len, NULL, &z, &line,
			  &col) < 0) {
		struct sc_pos at = sc->files[f].pos;

		if (sc->files[f].first_line) {
			at.line = sc->files[f].first_line + line - 1;
			at.col = col + sc->files[f].indent;
		}
		return E(C, at, "zone '%s': %s", s->u.listen.zone, msg);
	}
	ns_zone_free(z);
	return 0;
}

static int is_listener(const struct sc_step *s)
{
	return s->kind == SC_STEP_LISTEN;
}

static int is_stoppable(const struct sc_step *s)
{
	return is_listener(s) || (s->kind == SC_STEP_CAPTURE && !s->u.capture.list_only);
}

static int is_capture(const struct sc_step *s)
{
	return s->kind == SC_STEP_CAPTURE && !s->u.capture.list_only;
}

/* A step's reference to an earlier labelled step of the wanted kind. */
static int ref(struct sc_checker *C, struct sc_step *s, size_t at,
	       int (*want)(const struct sc_step *), const char *what)
{
	size_t r = find_label_before(C->sc, s->refname, at);

	if (r == SC_NONE) {
		if (sc_find_label(C->sc, s->refname) != SC_NONE)
			return E(C, s->refpos, "'%s' is used before the step that makes it",
				 s->refname);
		return E(C, s->refpos, "unknown %s '%s'", what, s->refname);
	}
	if (!want(&C->sc->steps[r]))
		return E(C, s->refpos, "'%s' is a %s step, not a %s", s->refname,
			 sc_step_name(C->sc->steps[r].kind), what);
	s->ref = r;
	return 0;
}

static int is_tcp_listener(const struct sc_step *s)
{
	return s->kind == SC_STEP_LISTEN && s->u.listen.proto == IPPROTO_TCP;
}

static int is_start(const struct sc_step *s)
{
	return s->kind == SC_STEP_START;
}

/*
 * The MTU interface ifname of host h will have: a link's `mtu`, 1500 for
 * other links and bridges (the kernel's), 65536 for lo.
 */
static unsigned mtu_of(const struct sc_scenario *sc, size_t h, const char *ifname)
{
	size_t i;
	int e;

	if (!strcmp(ifname, "lo"))
		return 65536;
	for (i = 0; i < sc->nlinks; i++)
		for (e = 0; e < 2; e++)
			if (sc->links[i].end[e].host == h &&
			    !strcmp(sc->links[i].end[e].ifname, ifname))
				return sc->links[i].mtu ? sc->links[i].mtu : 1500;
	return 1500;
}

/* A frame to inject: an Ethernet header at least, within the MTU. */
static int frame_fits(struct sc_checker *C, const struct sc_step *s, size_t len,
		      struct sc_pos pos)
{
	unsigned mtu = mtu_of(C->sc, s->host, s->u.inject.ifname);

	if (len < 14)
		return E(C, pos, "a frame of %zu bytes is shorter than an Ethernet header (14)",
			 len);
	if (len > (size_t)mtu + 14)
		return E(C, pos, "a frame of %zu bytes is over the MTU of '%s:%s' (%u, so at most %u bytes)",
			 len, s->hostname, s->u.inject.ifname, mtu, mtu + 14);
	return 0;
}

struct inject_check {
	struct sc_checker *C;
	const struct sc_step *s;
	const struct sc_file *f;
};

static int inject_frame_fits(void *arg, const uint8_t *f, size_t n, unsigned line)
{
	struct inject_check *ic = arg;
	struct sc_pos at = { ic->f->pos.line + line, 1 };

	(void)f;
	return frame_fits(ic->C, ic->s, n, at);
}

/* inject ... file NAME, when NAME is one of the scenario's files: its
 * frames in hex (sc_hex_frames), checked as the words of `inject` are. */
static int check_inject_file(struct sc_checker *C, const struct sc_step *s)
{
	enum { MAX = 65536 + 15 }; /* lo's MTU and a header, and one more */
	struct inject_check ic = { C, s, NULL };
	unsigned badline = 0;
	uint8_t *buf;
	size_t i;
	int r, odd = 0;

	for (i = 0; i < C->sc->nfiles; i++)
		if (!strcmp(C->sc->files[i].name, s->u.inject.file))
			ic.f = &C->sc->files[i];
	if (!ic.f)
		return 0; /* a savefile or file the steps write: read when run */
	if (!(buf = malloc(MAX)))
		return hx_err(C->err, -ENOMEM, "out of memory");
	r = sc_hex_frames(ic.f->text, ic.f->len, buf, MAX, inject_frame_fits, &ic,
			  &badline, &odd);
	free(buf);
	if (r == -EINVAL || r == -EMSGSIZE) {
		/* the block's indentation is gone: say the line only */
		struct sc_pos at = { ic.f->pos.line + badline, 1 };

		return E(C, at, "line %u of file '%s': %s", badline, ic.f->name,
			 r == -EMSGSIZE ? "a frame over 65550 bytes" :
			 odd ? "an odd number of hex digits" : "not a frame in hex");
	}
	return r;
}

/* ---- the topology ---------------------------------------------------- */

static int check_topology(struct sc_checker *C)
{
	struct sc_scenario *sc = C->sc;
	size_t i, j;
	int r;

	for (i = 0; i < sc->nhosts; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(sc->hosts[i].name, sc->hosts[j].name))
				return E(C, sc->hosts[i].pos, "host '%s' is declared twice (line %u)",
					 sc->hosts[i].name, sc->hosts[j].pos.line);
	for (i = 0; i < sc->nlinks; i++) {
		struct sc_link *l = &sc->links[i];
		int e;

		for (e = 0; e < 2; e++) {
			if ((r = host(C, l->end[e].hostname, l->end[e].pos, &l->end[e].host)) < 0)
				return r;
			if ((r = add_if(C, l->end[e].host, l->end[e].ifname, l->end[e].pos,
					SC_NONE, l->has_mac[e] ? l->mac[e] : NULL)) < 0)
				return r;
		}
	}
	for (i = 0; i < C->nifs; i++)
		for (j = 0; j < i; j++)
			if (C->ifs[i].mac && C->ifs[j].mac &&
			    !memcmp(C->ifs[i].mac, C->ifs[j].mac, 6))
				return E(C, C->ifs[i].pos, "MAC address of '%s:%s' is also '%s:%s''s",
					 sc->hosts[C->ifs[i].host].name, C->ifs[i].name,
					 sc->hosts[C->ifs[j].host].name, C->ifs[j].name);
	for (i = 0; i < sc->nbridges; i++) {
		struct sc_bridge *b = &sc->bridges[i];

		if ((r = host(C, b->dev.hostname, b->dev.pos, &b->dev.host)) < 0)
			return r;
		if ((r = add_if(C, b->dev.host, b->dev.ifname, b->dev.pos, i, NULL)) < 0)
			return r;
	}
	for (i = 0; i < sc->nports; i++) {
		struct sc_port *p = &sc->ports[i];
		struct ifent *br, *pe;

		if ((r = host(C, p->br.hostname, p->br.pos, &p->br.host)) < 0)
			return r;
		br = find_if(C, p->br.host, p->br.ifname);
		if (!br || br->bridge == SC_NONE)
			return E(C, p->br.pos, "host '%s' has no bridge '%s'", p->br.hostname,
				 p->br.ifname);
		p->bridge = br->bridge;
		pe = find_if(C, p->br.host, p->ifname);
		if (!pe)
			return E(C, p->pos, "host '%s' has no interface '%s' to add to bridge '%s'",
				 p->br.hostname, p->ifname, p->br.ifname);
		if (pe->bridge != SC_NONE)
			return E(C, p->pos, "'%s' is a bridge itself: it cannot be a port", p->ifname);
		if (pe->port_of != SC_NONE)
			return E(C, p->pos, "'%s' is a port of bridge '%s' already", p->ifname,
				 sc->bridges[pe->port_of].dev.ifname);
		pe->port_of = p->bridge;
	}
	for (i = 0; i < sc->naddrs; i++) {
		struct sc_addr *a = &sc->addrs[i];
		char b[64];

		if ((r = iface(C, &a->dev)) < 0)
			return r;
		for (j = 0; j < i; j++)
			if (same_addr(&a->addr, &sc->addrs[j].addr))
				return E(C, a->pos, "address %s is given twice (line %u)",
					 addr_str(&a->addr, b, sizeof(b)), sc->addrs[j].pos.line);
	}
	for (i = 0; i < sc->nroutes; i++) {
		struct sc_route *rt = &sc->routes[i];

		if ((r = host(C, rt->hostname, rt->hostpos, &rt->host)) < 0)
			return r;
		if (rt->dev && (r = dev_of(C, rt->host, rt->dev, rt->devpos)) < 0)
			return r;
	}
	for (i = 0; i < sc->nsysctls; i++) {
		struct sc_sysctl *s = &sc->sysctls[i];

		if ((r = host(C, s->hostname, s->hostpos, &s->host)) < 0)
			return r;
		for (j = 0; j < i; j++)
			if (sc->sysctls[j].host == s->host && !strcmp(sc->sysctls[j].key, s->key))
				return E(C, s->pos, "sysctl '%s' of host '%s' is set twice (line %u)",
					 s->key, s->hostname, sc->sysctls[j].pos.line);
	}
	for (i = 0; i < sc->nnames; i++) {
		char b[64];

		for (j = 0; j < sc->naddrs; j++)
			if (same_addr(&sc->names[i].addr, &sc->addrs[j].addr))
				return E(C, sc->names[i].pos,
					 "%s is host '%s''s address: it is named after the host already",
					 addr_str(&sc->names[i].addr, b, sizeof(b)),
					 sc->hosts[sc->addrs[j].dev.host].name);
		for (j = 0; j < i; j++)
			if (same_addr(&sc->names[i].addr, &sc->names[j].addr))
				return E(C, sc->names[i].pos, "%s is named twice (line %u)",
					 addr_str(&sc->names[i].addr, b, sizeof(b)),
					 sc->names[j].pos.line);
	}
	for (i = 0; i < sc->nshapes; i++) {
		struct sc_shape *sh = &sc->shapes[i];

		if ((r = iface(C, &sh->dev)) < 0)
			return r;
		for (j = 0; j < i; j++)
			if (sc->shapes[j].dev.host == sh->dev.host &&
			    !strcmp(sc->shapes[j].dev.ifname, sh->dev.ifname))
				return E(C, sh->pos, "'%s:%s' is shaped twice (line %u)",
					 sh->dev.hostname, sh->dev.ifname,
					 sc->shapes[j].pos.line);
	}
	for (i = 0; i < sc->nfiles; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(sc->files[i].name, sc->files[j].name))
				return E(C, sc->files[i].pos, "file '%s' is declared twice (line %u)",
					 sc->files[i].name, sc->files[j].pos.line);
	return 0;
}

/* ---- tcpdump command lines ------------------------------------------- */

static int relpath(struct sc_checker *C, const char *p, struct sc_pos pos, const char *what)
{
	if (p[0] == '/' || !strcmp(p, "..") || !strncmp(p, "../", 3) ||
	    strstr(p, "/../") ||
	    (strlen(p) > 3 && !strcmp(p + strlen(p) - 3, "/..")))
		return E(C, pos, "%s '%s' must stay in the scenario's directory (a relative name, no '..')",
			 what, p);
	return 0;
}

/* The position of the word holding an option's argument (best effort). */
static struct sc_pos optpos(const struct sc_tcpdump *t, const char *val)
{
	int i;

	for (i = 1; i < t->argc; i++)
		if (val >= t->argv[i] && val <= t->argv[i] + strlen(t->argv[i]))
			return t->argpos[i];
	return t->argpos[0];
}

static int tcpdump(struct sc_checker *C, struct sc_step *s, struct sc_tcpdump *t,
		   unsigned mode)
{
	char msg[HX_ERRLEN];
	int bad, r;

	r = sc_td_parse(msg, t->argc, t->argv, mode, &t->td, &bad);
	if (r == 1)
		return E(C, t->argpos[0], "tcpdump -h prints its usage; a scenario needs a capture");
	if (r == -ENOMEM)
		return hx_err(C->err, r, "%s: out of memory", C->file);
	if (r < 0)
		return E(C, bad >= 0 && bad < t->argc ? t->argpos[bad] : t->argpos[0],
			 "tcpdump: %s", msg);
	t->parsed = 1;
	(void)s;
	return 0;
}

static int check_capture(struct sc_checker *C, struct sc_step *s, size_t at)
{
	struct sc_tcpdump *t = &s->u.capture.cmd;
	const struct td_opts *o;
	size_t i;
	int r;

	if ((r = tcpdump(C, s, t, TD_CAPTURE)) < 0)
		return r;
	o = &t->td;
	s->u.capture.list_only = o->list_ifaces;
	if (o->list_ifaces)
		return 0;
	if (!o->iface)
		return E(C, t->argpos[0],
			 "a capture needs -i INTERFACE: tcpdump's default interface is not well defined in a host");
	/* "netlink": the host's netlink traffic (nlmon, or the harness's own
	 * libnl socket where the kernel has no nlmon). */
	if (strcmp(o->iface, "any") && strcmp(o->iface, "lo") &&
	    strcmp(o->iface, "nflog") && strcmp(o->iface, "netlink") &&
	    !find_if(C, s->host, o->iface)) {
		const char *v = o->iface;

		if (!strncmp(v, "nflog:", 6)) {
			char *e;
			long g = strtol(v + 6, &e, 10);

			if (*e || e == v + 6 || g < 0 || g > 65535)
				return E(C, optpos(t, v), "'%s' is not an NFLOG group (nflog:0 to nflog:65535)",
					 v);
		} else {
			return E(C, optpos(t, v), "host '%s' has no interface '%s'",
				 s->hostname, v);
		}
	}
	if (o->wfile) {
		if ((r = relpath(C, o->wfile, optpos(t, o->wfile), "savefile")) < 0)
			return r;
		for (i = 0; i < at; i++) {
			const struct sc_step *p = &C->sc->steps[i];

			if (p->kind == SC_STEP_CAPTURE && p->u.capture.cmd.td.wfile &&
			    !strcmp(p->u.capture.cmd.td.wfile, o->wfile))
				return E(C, optpos(t, o->wfile),
					 "capture '%s' writes '%s' already (line %u)", p->label,
					 o->wfile, p->pos.line);
		}
	}
	if (o->postrotate) {
		const char *z = o->postrotate;

		if (strchr(z, '/')) {
			const char *n = !strncmp(z, "./", 2) ? z + 2 : z;

			if (z[0] == '/')
				return E(C, optpos(t, z),
					 "-z '%s': a scenario runs its own scripts ('file NAME mode 0755') or a program on PATH",
					 z);
			for (i = 0; i < C->sc->nfiles; i++)
				if (!strcmp(C->sc->files[i].name, n))
					break;
			if (i == C->sc->nfiles)
				return E(C, optpos(t, z),
					 "-z '%s' is not a file of this scenario (declare it: 'file %s mode 0755')",
					 z, n);
			if (!(C->sc->files[i].mode & 0111))
				return E(C, optpos(t, z), "-z '%s' is not executable (give it 'mode 0755')",
					 z);
		}
	}
	if (o->ffile)
		return relpath(C, o->ffile, optpos(t, o->ffile), "filter file");
	return 0;
}

static int check_read(struct sc_checker *C, struct sc_step *s, size_t at)
{
	struct sc_tcpdump *t = &s->u.read.cmd;
	const char *f;
	size_t i;
	int r;

	if ((r = tcpdump(C, s, t, TD_READ)) < 0)
		return r;
	f = t->td.rfile;
	if (!f)
		return E(C, t->argpos[0], "a read needs -r FILE");
	if ((r = relpath(C, f, optpos(t, f), "savefile")) < 0)
		return r;
	for (i = at; i-- > 0;) {
		const struct sc_step *p = &C->sc->steps[i];

		if (p->kind == SC_STEP_CAPTURE && p->u.capture.cmd.parsed &&
		    p->u.capture.cmd.td.wfile && !strcmp(p->u.capture.cmd.td.wfile, f))
			break;
	}
	if (i == (size_t)-1) {
		/* a program of the scenario's may have written it (the real
		 * tcpdump -w): then it is read as it is when the step runs */
		for (i = at; i-- > 0;)
			if (C->sc->steps[i].kind == SC_STEP_START ||
			    C->sc->steps[i].kind == SC_STEP_RUN)
				return 0;
		return E(C, optpos(t, f), "no capture, start or run before this step writes '%s'", f);
	}
	if (!C->ended[i])
		return E(C, optpos(t, f), "capture '%s' still writes '%s': stop it before reading",
			 C->sc->steps[i].label, f);
	s->u.read.writer = i;
	return 0;
}

/* ---- steps ----------------------------------------------------------- */

static int check_steps(struct sc_checker *C)
{
	struct sc_scenario *sc = C->sc;
	sc_usec limit = sc->timeout, waits = 0;
	size_t i, j;
	char b1[32], b2[32];
	int r;

	for (i = 0; i < sc->nsteps; i++) {
		struct sc_step *s = &sc->steps[i];

		if (s->label) {
			if (find_host(sc, s->label) != SC_NONE)
				return E(C, s->pos, "step name '%s' is also a host's name", s->label);
			for (j = 0; j < i; j++)
				if (sc->steps[j].label && !strcmp(sc->steps[j].label, s->label))
					return E(C, s->pos, "step name '%s' is used twice (line %u)",
						 s->label, sc->steps[j].pos.line);
			if (!strcmp(s->label, "files"))
				return E(C, s->pos, "'files' is reserved for 'expect files'");
		}
		if (s->hostname && (r = host(C, s->hostname, s->hostpos, &s->host)) < 0)
			return r;
		if (limit && s->timeout > limit)
			return E(C, s->pos, "the %s step's timeout %s is longer than the scenario's %s",
				 sc_step_name(s->kind), sc_duration_str(s->timeout, b1, sizeof(b1)),
				 sc_duration_str(limit, b2, sizeof(b2)));
		switch (s->kind) {
		case SC_STEP_LISTEN:
			if (s->u.listen.nfs && s->u.listen.discard)
				return E(C, s->pos, "a listener either discards or answers NFS, not both");
			if ((r = check_zone(C, s)) < 0)
				return r;
			for (j = 0; j < i; j++) {
				const struct sc_step *p = &sc->steps[j];

				if (p->kind == SC_STEP_LISTEN && p->host == s->host &&
				    p->u.listen.proto == s->u.listen.proto &&
				    p->u.listen.port == s->u.listen.port && !C->ended[j])
					return E(C, s->pos, "host '%s' listens on %s port %d already (line %u)",
						 s->hostname,
						 s->u.listen.proto == IPPROTO_TCP ? "tcp" : "udp",
						 s->u.listen.port, p->pos.line);
			}
			break;
		case SC_STEP_ACCEPT:
			if ((r = ref(C, s, i, is_tcp_listener, "tcp listener")) < 0)
				return r;
			if (sc->steps[s->ref].u.listen.discard)
				return E(C, s->refpos, "listener '%s' discards: it accepts by itself",
					 s->refname);
			if (sc->steps[s->ref].u.listen.nfs)
				return E(C, s->refpos, "listener '%s' answers NFS: it accepts by itself",
					 s->refname);
			if (sc->steps[s->ref].u.listen.zone)
				return E(C, s->refpos, "listener '%s' answers DNS: it accepts by itself",
					 s->refname);
			if (C->ended[s->ref])
				return E(C, s->refpos, "listener '%s' was stopped on line %u",
					 s->refname, C->ended[s->ref]);
			break;
		case SC_STEP_CONNECT:
			if ((r = dest(C, &s->u.connect.dest, s->u.connect.ipv6)) < 0)
				return r;
			break;
		case SC_STEP_SEND:
		case SC_STEP_URGENT:
		case SC_STEP_RECV:
		case SC_STEP_BULK:
		case SC_STEP_HALFCLOSE:
		case SC_STEP_CLOSE:
		case SC_STEP_ABORT:
			if ((r = ref(C, s, i, is_conn, "connection")) < 0)
				return r;
			if (C->ended[s->ref])
				return E(C, s->refpos, "connection '%s' was closed on line %u",
					 s->refname, C->ended[s->ref]);
			if (s->kind == SC_STEP_CLOSE || s->kind == SC_STEP_ABORT)
				C->ended[s->ref] = s->pos.line;
			break;
		case SC_STEP_PING:
			if ((r = dest(C, &s->u.ping.dest, s->u.ping.ipv6)) < 0)
				return r;
			break;
		case SC_STEP_UDP:
			if ((r = dest(C, &s->u.udp.dest, s->u.udp.ipv6)) < 0)
				return r;
			if (s->u.udp.dev &&
			    (r = dev_of(C, s->host, s->u.udp.dev, s->u.udp.devpos)) < 0)
				return r;
			break;
		case SC_STEP_DNS:
			if ((r = dest(C, &s->u.dns.dest, s->u.dns.ipv6)) < 0)
				return r;
			if (s->u.dns.dev &&
			    (r = dev_of(C, s->host, s->u.dns.dev, s->u.dns.devpos)) < 0)
				return r;
			if (s->u.dns.tcp && (s->u.dns.qu || s->u.dns.owner || s->u.dns.dev))
				return E(C, s->pos, "a query over tcp takes no qu, owner or dev (they are mDNS's, over UDP)");
			break;
		case SC_STEP_NFS:
			if ((r = dest(C, &s->u.nfs.dest, s->u.nfs.ipv6)) < 0)
				return r;
			if (s->u.nfs.path && !ns_nfs_known(s->u.nfs.path))
				return E(C, s->u.nfs.pathpos,
					 "the NFS server has no file '%s' (its files: docs/scenario-format.md, the nfs step)",
					 s->u.nfs.path);
			break;
		case SC_STEP_WAIT:
			waits += s->u.wait.d;
			if (limit && waits >= limit)
				return E(C, s->pos, "the waits add up to %s, as long as the scenario's timeout %s",
					 sc_duration_str(waits, b1, sizeof(b1)),
					 sc_duration_str(limit, b2, sizeof(b2)));
			break;
		case SC_STEP_CAPTURE:
			if ((r = check_capture(C, s, i)) < 0)
				return r;
			break;
		case SC_STEP_READ:
			if ((r = check_read(C, s, i)) < 0)
				return r;
			break;
		case SC_STEP_AWAIT:
		case SC_STEP_STOP:
			if (s->kind == SC_STEP_STOP)
				r = ref(C, s, i, is_stoppable, "capture or listener");
			else
				r = ref(C, s, i, is_capture, "capture");
			if (r < 0)
				return r;
			if (C->ended[s->ref])
				return E(C, s->refpos, "%s '%s' was stopped on line %u",
					 is_listener(&sc->steps[s->ref]) ? "listener" : "capture",
					 s->refname, C->ended[s->ref]);
			if (s->kind == SC_STEP_STOP)
				C->ended[s->ref] = s->pos.line;
			break;
		case SC_STEP_RUN:
		case SC_STEP_DUMP:
		case SC_STEP_START:
			break;
		case SC_STEP_SIGNAL:
		case SC_STEP_WAITPROC:
		case SC_STEP_AWAITTEXT:
			if ((r = ref(C, s, i, is_start, "started program")) < 0)
				return r;
			if (C->ended[s->ref])
				return E(C, s->refpos, "'%s' was waited for until it ended on line %u",
					 s->refname, C->ended[s->ref]);
			if (s->kind == SC_STEP_WAITPROC)
				C->ended[s->ref] = s->pos.line;
			break;
		case SC_STEP_INJECT:
			if ((r = dev_of(C, s->host, s->u.inject.ifname, s->u.inject.ifpos)) < 0)
				return r;
			if (s->u.inject.file) {
				if ((r = relpath(C, s->u.inject.file, s->u.inject.filepos,
						 "inject's file")) < 0 ||
				    (r = check_inject_file(C, s)) < 0)
					return r;
			} else if ((r = frame_fits(C, s, s->u.inject.frame.len,
						   s->u.inject.ifpos)) < 0) {
				return r;
			}
			break;
		case SC_STEP_TCP:
			if ((r = dest(C, &s->u.tcp.dest, s->u.tcp.ipv6)) < 0)
				return r;
			break;
		}
	}
	return 0;
}

/* ---- expectations ---------------------------------------------------- */

static int var_bound(struct sc_checker *C, const char *name)
{
	size_t i;

	for (i = 0; i < C->nvars; i++)
		if (!strcmp(C->vars[i], name))
			return 1;
	return 0;
}

static int var_bind(struct sc_checker *C, const char *name)
{
	char **n = realloc(C->vars, (C->nvars + 1) * sizeof(*n));

	if (!n)
		return hx_err(C->err, -ENOMEM, "out of memory");
	C->vars = n;
	n[C->nvars] = strdup(name);
	if (!n[C->nvars])
		return hx_err(C->err, -ENOMEM, "out of memory");
	C->nvars++;
	return 0;
}

static int check_patterns(struct sc_checker *C, struct sc_expect *e)
{
	size_t i, k;
	int r;

	for (i = 0; i < e->u.output.n; i++) {
		struct sc_pattern *p = &e->u.output.lines[i];

		for (k = 0; k < p->ntoks; k++) {
			struct sc_ptok *t = &p->toks[k];
			struct sc_pos at = { p->pos.line, p->pos.col + t->col };

			if (t->kind != SC_PT_BIND && t->kind != SC_PT_REF)
				continue;
			if (var_bound(C, t->text)) {
				t->kind = SC_PT_REF;
				continue;
			}
			if (t->off)
				return E(C, at, "'$%s%+lld': $%s has no value yet (an earlier pattern must bind it)",
					 t->text, t->off, t->text);
			if (e->kind == SC_EX_LACKS || e->kind == SC_EX_PCAP_LACKS)
				return E(C, at, "'lacks' cannot bind $%s: a line that matches nothing binds nothing",
					 t->text);
			t->kind = SC_PT_BIND;
			if ((r = var_bind(C, t->text)) < 0)
				return r;
		}
	}
	return 0;
}

static int text_field(enum sc_field f)
{
	return f == SC_F_SRC || f == SC_F_DST || f == SC_F_SMAC || f == SC_F_DMAC;
}

static int is_packet_src(const struct sc_step *s)
{
	return is_capture(s) || s->kind == SC_STEP_READ;
}

static int is_text_src(const struct sc_step *s)
{
	return s->kind == SC_STEP_CAPTURE || s->kind == SC_STEP_READ ||
	       s->kind == SC_STEP_RUN || s->kind == SC_STEP_START;
}

static int is_pcap_kind(enum sc_expect_kind k)
{
	return k == SC_EX_PCAP_COUNT || k == SC_EX_PCAP_HAS || k == SC_EX_PCAP_LACKS;
}

static int check_mac_text(const char *s)
{
	unsigned v[6];
	char c;

	return strlen(s) == 17 && sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1],
					 &v[2], &v[3], &v[4], &v[5], &c) == 6;
}

static int check_expect(struct sc_checker *C, struct sc_expect *e, size_t nsteps_before)
{
	struct sc_scenario *sc = C->sc;
	const struct sc_step *s = NULL;
	size_t i;
	int r, ok;

	if (is_pcap_kind(e->kind)) {
		if ((r = relpath(C, e->srcname, e->srcpos, "savefile")) < 0)
			return r;
		return e->kind == SC_EX_PCAP_COUNT ? 0 : check_patterns(C, e);
	}
	if (e->kind != SC_EX_FILES) {
		e->src = find_label_before(sc, e->srcname, nsteps_before);
		if (e->src == SC_NONE) {
			if (sc_find_label(sc, e->srcname) != SC_NONE)
				return E(C, e->srcpos, "'%s' is expected on before the step that makes it",
					 e->srcname);
			return E(C, e->srcpos, "unknown step '%s'", e->srcname);
		}
		s = &sc->steps[e->src];
	}
	switch (e->kind) {
	case SC_EX_COUNT:
	case SC_EX_EACH:
	case SC_EX_SAME:
	case SC_EX_GAPS:
	case SC_EX_LINKTYPE:
		ok = is_packet_src(s);
		break;
	case SC_EX_OUTPUT:
	case SC_EX_CONTAINS:
	case SC_EX_HAS:
	case SC_EX_LACKS:
		switch (e->text_of) {
		case SC_TEXT_STDOUT:
		case SC_TEXT_STDERR:
			if (s->kind != SC_STEP_START)
				return E(C, e->srcpos, "'%s' is a %s step: only a started program has %s",
					 e->srcname, sc_step_name(s->kind),
					 e->text_of == SC_TEXT_STDOUT ? "stdout" : "stderr");
			ok = 1;
			break;
		case SC_TEXT_LADDER:
			if (!is_packet_src(s))
				return E(C, e->srcpos, "'%s' is a %s step: a ladder is drawn from a capture or a read",
					 e->srcname, sc_step_name(s->kind));
			ok = 1;
			break;
		default:
			ok = is_text_src(s);
		}
		break;
	case SC_EX_SAME_AS: {
		size_t o = find_label_before(sc, e->u.same_as.othername, nsteps_before);

		if (!is_packet_src(s))
			return E(C, e->srcpos, "'%s' is a %s step: same-as compares captures and reads",
				 e->srcname, sc_step_name(s->kind));
		if (o == SC_NONE)
			return E(C, e->u.same_as.otherpos, "unknown step '%s'",
				 e->u.same_as.othername);
		if (!is_packet_src(&sc->steps[o]))
			return E(C, e->u.same_as.otherpos, "'%s' is a %s step: same-as compares captures and reads",
				 e->u.same_as.othername, sc_step_name(sc->steps[o].kind));
		if (o == e->src)
			return E(C, e->u.same_as.otherpos, "'%s' is compared with itself",
				 e->srcname);
		e->u.same_as.other = o;
		ok = 1;
		break;
	}
	case SC_EX_OUTCOME:
		switch (e->u.outcome.what) {
		case SC_OUT_CONNECTED:
			ok = is_conn(s);
			break;
		case SC_OUT_REFUSED:
		case SC_OUT_UNREACHABLE:
			ok = s->kind == SC_STEP_CONNECT;
			break;
		case SC_OUT_TIMED_OUT:
			ok = s->kind == SC_STEP_CONNECT || s->kind == SC_STEP_ACCEPT ||
			     s->kind == SC_STEP_RECV;
			break;
		default: /* reset, eof */
			ok = is_conn(s) || s->kind == SC_STEP_RECV;
			break;
		}
		break;
	case SC_EX_RECEIVED:
		ok = is_conn(s) || s->kind == SC_STEP_RECV;
		break;
	case SC_EX_EXIT:
		ok = s->kind == SC_STEP_RUN || s->kind == SC_STEP_START;
		break;
	case SC_EX_REPLIES:
	case SC_EX_SENT:
	case SC_EX_LOSS:
		ok = s->kind == SC_STEP_PING;
		break;
	case SC_EX_FILES:
		ok = 1;
		break;
	default:
		ok = 0;
	}
	if (!ok) {
		static const char *const what[] = {
			[SC_EX_COUNT] = "a capture or a read", [SC_EX_EACH] = "a capture or a read",
			[SC_EX_SAME] = "a capture or a read", [SC_EX_GAPS] = "a capture or a read",
			[SC_EX_OUTPUT] = "a capture, a read or a run",
			[SC_EX_CONTAINS] = "a capture, a read or a run",
			[SC_EX_HAS] = "a capture, a read or a run",
			[SC_EX_LACKS] = "a capture, a read or a run",
			[SC_EX_OUTCOME] = "a step with that outcome",
			[SC_EX_RECEIVED] = "a connection or a recv",
			[SC_EX_EXIT] = "a run or a started program",
			[SC_EX_REPLIES] = "a ping", [SC_EX_FILES] = "",
			[SC_EX_SENT] = "a ping", [SC_EX_LOSS] = "a ping",
			[SC_EX_SAME_AS] = "a capture or a read",
			[SC_EX_LINKTYPE] = "a capture or a read",
		};

		if (e->kind == SC_EX_OUTCOME)
			return E(C, e->srcpos, "a %s step cannot be '%s'", sc_step_name(s->kind),
				 sc_outcome_name(e->u.outcome.what));
		if (s->kind == SC_STEP_CAPTURE && s->u.capture.list_only)
			return E(C, e->srcpos, "'%s' lists interfaces (-D): it has output, not packets",
				 e->srcname);
		return E(C, e->srcpos, "'%s' is a %s step; this expectation is about %s",
			 e->srcname, sc_step_name(s->kind), what[e->kind]);
	}
	for (i = 0; i < e->nwhen; i++) {
		struct sc_cond *c = &e->when[i];

		if (c->hostname && (r = host(C, c->hostname, c->pos, &c->host)) < 0)
			return r;
	}
	switch (e->kind) {
	case SC_EX_OUTPUT:
	case SC_EX_CONTAINS:
	case SC_EX_HAS:
	case SC_EX_LACKS:
		return check_patterns(C, e);
	case SC_EX_EACH: {
		struct sc_operand *o = &e->u.each.rhs;

		if (o->kind == SC_OPND_VAR && !var_bound(C, o->text))
			return E(C, o->pos, "$%s has no value yet (an earlier pattern must bind it)",
				 o->text);
		if (o->kind == SC_OPND_TEXT) {
			struct sc_inaddr a;
			enum sc_field f = e->u.each.field;

			if (f == SC_F_SRC || f == SC_F_DST) {
				if (inet_pton(AF_INET, o->text, a.a) != 1 &&
				    inet_pton(AF_INET6, o->text, a.a) != 1 &&
				    find_host(sc, o->text) == SC_NONE)
					return E(C, o->pos, "'%s' is neither a host nor an address",
						 o->text);
			} else if (!check_mac_text(o->text)) {
				const char *colon = strchr(o->text, ':');
				struct sc_ifref rf;
				char hn[64];

				if (!colon || (size_t)(colon - o->text) >= sizeof(hn))
					return E(C, o->pos, "'%s' is neither a MAC address nor HOST:IF",
						 o->text);
				snprintf(hn, sizeof(hn), "%.*s", (int)(colon - o->text), o->text);
				rf.hostname = hn;
				rf.ifname = (char *)colon + 1;
				rf.pos = o->pos;
				if ((r = iface(C, &rf)) < 0)
					return r;
			}
		}
		if ((o->kind == SC_OPND_FIRST || o->kind == SC_OPND_PREV ||
		     o->kind == SC_OPND_PEER || o->kind == SC_OPND_THIS) &&
		    text_field(o->field) != text_field(e->u.each.field))
			return E(C, o->pos, "'%s' and '%s' are not comparable",
				 sc_field_name(e->u.each.field), sc_field_name(o->field));
		return 0;
	}
	default:
		return 0;
	}
}

static int check_expects(struct sc_checker *C)
{
	struct sc_scenario *sc = C->sc;
	size_t i, before = 0;
	int r;

	for (i = 0; i < sc->nexpects; i++) {
		struct sc_expect *e = &sc->expects[i];

		/* Steps written before this expectation. */
		while (before < sc->nsteps && sc->steps[before].pos.line < e->pos.line)
			before++;
		if ((r = check_expect(C, e, before)) < 0)
			return r;
	}
	return 0;
}

/* ---- entry points ---------------------------------------------------- */

int sc_check(char *err, struct sc_scenario *sc)
{
	struct sc_checker C;
	const char *base;
	size_t i, n;
	int r;

	memset(&C, 0, sizeof(C));
	C.err = err;
	C.sc = sc;
	C.file = sc->file;
	/* A file's scenario is named after it. */
	base = strrchr(sc->file, '/');
	base = base ? base + 1 : sc->file;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".scn") &&
	    (strlen(sc->name) != n - 4 || strncmp(sc->name, base, n - 4))) {
		return sc_errat(err, sc->file, sc->name_pos, "scenario '%s' is in a file named '%s': name them alike",
				sc->name, base);
	}
	C.ended = calloc(sc->nsteps + 1, sizeof(*C.ended));
	if (!C.ended)
		return hx_err(err, -ENOMEM, "out of memory");
	if ((r = check_topology(&C)) < 0 || (r = check_steps(&C)) < 0 ||
	    (r = check_expects(&C)) < 0)
		goto out;
	sc->checked = 1;
	r = 0;
out:
	for (i = 0; i < C.nvars; i++)
		free(C.vars[i]);
	free(C.vars);
	free(C.ifs);
	free(C.ended);
	return r;
}

int sc_load(char *err, const char *path, struct sc_scenario **out)
{
	struct sc_scenario *sc;
	int r;

	*out = NULL;
	if ((r = sc_parse_file(err, path, &sc)) < 0)
		return r;
	if ((r = sc_check(err, sc)) < 0) {
		sc_free(sc);
		return r;
	}
	*out = sc;
	return 0;
}

const char *sc_need_describe(const struct sc_need *n, char *buf, size_t len)
{
	switch (n->kind) {
	case SC_NEED_ROOT:
		snprintf(buf, len, "root");
		break;
	case SC_NEED_NLMON:
		snprintf(buf, len, "nlmon");
		break;
	case SC_NEED_SYSCTL:
		snprintf(buf, len, "sysctl %s", n->arg);
		break;
	case SC_NEED_TOOL:
		snprintf(buf, len, "tool %s", n->arg);
		break;
	case SC_NEED_USER:
		snprintf(buf, len, "user %s", n->arg);
		break;
	case SC_NEED_NETEM:
		snprintf(buf, len, "netem");
		break;
	}
	return buf;
}
