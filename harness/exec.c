/* exec.c: the scenario executor: a checked scenario built as hosts, driven step by step, captured and judged. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <stdatomic.h>

#include "capture/live.h"
#include "capture/nltap.h"
#include "capture/session.h"
#include "capture/sf.h"
#include "capture/writer.h"
#include "harness/exec.h"
#include "harness/exec-int.h"
#include "harness/keep-pcap.h"
#include "netns/actor.h"
#include "netns/ns.h"
#include "netns/craft.h"
#include "netns/proc.h"

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int exec_cancelled(const struct sc_exec *x)
{
	return x->ctx->cancelled && atomic_load(x->ctx->cancelled);
}

/* A step's deadline in ms: its own timeout, else the scenario's. */
int exec_step_ms(const struct sc_exec *x, const struct sc_step *s)
{
	sc_usec t = s->timeout ? s->timeout : x->ctx->timeout;

	if (t <= 0)
		t = 60000000;
	return (int)(t / 1000);
}

const char *exec_addr_str(const struct sc_inaddr *a, char *buf, size_t len)
{
	return inet_ntop(a->af, a->a, buf, (socklen_t)len) ? buf : "?";
}

static const char *mac_str(const uint8_t m[6], char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
		 m[3], m[4], m[5]);
	return buf;
}

/* The MAC of interface dev of host h: what a dns step's Owner option carries. */
static int dev_mac(struct sc_exec *x, size_t h, const char *dev, uint8_t mac[6])
{
	struct ns_link_info *v;
	size_t n, i;
	int r = ns_links(x->err, x->hosts[h], &v, &n);

	if (r < 0)
		return r;
	for (i = 0; i < n && strcmp(v[i].name, dev); i++)
		;
	if (i == n || !v[i].has_mac)
		r = hx_err(x->err, -EINVAL,
			   "cannot take the MAC of '%s' in host '%s': %s", dev,
			   x->sc->hosts[h].name,
			   i == n ? "no such interface" : "it has none");
	else
		memcpy(mac, v[i].mac, 6);
	free(v);
	return r;
}

/* ---- topology -------------------------------------------------------- */

static int build(struct sc_exec *x)
{
	const struct sc_scenario *sc = x->sc;
	char a[INET6_ADDRSTRLEN + 8], m0[20], m1[20];
	size_t i;
	int r;

	if ((r = ns_lab_new(x->err, &x->lab)) < 0)
		return r;
	for (i = 0; i < sc->nhosts; i++)
		if ((r = ns_host_add(x->err, x->lab, sc->hosts[i].name,
				     &x->hosts[i])) < 0)
			return r;
	/* sysctls first: some (disable_ipv6, accept_dad) matter at link
	 * creation */
	for (i = 0; i < sc->nsysctls; i++)
		if ((r = ns_sysctl_set(x->err, x->hosts[sc->sysctls[i].host],
				       sc->sysctls[i].key,
				       sc->sysctls[i].value)) < 0)
			return r;
	for (i = 0; i < sc->nbridges; i++) {
		const struct sc_bridge *b = &sc->bridges[i];

		if ((r = ns_bridge_add(x->err, x->hosts[b->dev.host], b->dev.ifname,
				       NULL, b->ageing == 0 ? NS_BR_HUB : 0)) < 0)
			return r;
	}
	for (i = 0; i < sc->nlinks; i++) {
		const struct sc_link *l = &sc->links[i];

		r = ns_veth_add(x->err, x->hosts[l->end[0].host], l->end[0].ifname,
				l->has_mac[0] ? mac_str(l->mac[0], m0, sizeof(m0)) : NULL,
				x->hosts[l->end[1].host], l->end[1].ifname,
				l->has_mac[1] ? mac_str(l->mac[1], m1, sizeof(m1)) : NULL);
		if (r < 0)
			return r;
	}
	for (i = 0; i < sc->nlinks; i++) {
		const struct sc_link *l = &sc->links[i];
		int e;

		for (e = 0; l->mtu && e < 2; e++)
			if ((r = ns_link_set_mtu(x->err, x->hosts[l->end[e].host],
						 l->end[e].ifname, l->mtu)) < 0)
				return r;
	}
	for (i = 0; i < sc->nports; i++) {
		const struct sc_port *p = &sc->ports[i];

		if ((r = ns_link_master(x->err, x->hosts[p->br.host], p->ifname,
					p->br.ifname)) < 0)
			return r;
	}
	for (i = 0; i < sc->naddrs; i++) {
		const struct sc_addr *ad = &sc->addrs[i];
		char s[INET6_ADDRSTRLEN];

		snprintf(a, sizeof(a), "%s/%d", exec_addr_str(&ad->addr, s, sizeof(s)),
			 ad->plen);
		if ((r = ns_addr_add(x->err, x->hosts[ad->dev.host], ad->dev.ifname,
				     a)) < 0)
			return r;
	}
	/* every interface up: bridges, then their ports and the veths */
	for (i = 0; i < sc->nbridges; i++)
		if ((r = ns_link_set_up(x->err, x->hosts[sc->bridges[i].dev.host],
					sc->bridges[i].dev.ifname, 1)) < 0)
			return r;
	for (i = 0; i < sc->nlinks; i++) {
		int e;

		for (e = 0; e < 2; e++)
			if ((r = ns_link_set_up(x->err,
						x->hosts[sc->links[i].end[e].host],
						sc->links[i].end[e].ifname, 1)) < 0)
				return r;
	}
	for (i = 0; i < sc->nshapes; i++) {
		const struct sc_shape *sh = &sc->shapes[i];
		struct ns_tbf t = { .rate = sh->rate, .burst = sh->burst,
				    .latency_us = (unsigned)sh->latency };

		if ((r = ns_tbf_add(x->err, x->hosts[sh->dev.host], sh->dev.ifname,
				    &t)) < 0)
			return r;
	}
	for (i = 0; i < sc->nroutes; i++) {
		const struct sc_route *rt = &sc->routes[i];
		char d[INET6_ADDRSTRLEN + 8], v[INET6_ADDRSTRLEN], s[INET6_ADDRSTRLEN];

		if (rt->is_default)
			snprintf(d, sizeof(d), "default");
		else
			snprintf(d, sizeof(d), "%s/%d",
				 exec_addr_str(&rt->dst, s, sizeof(s)), rt->plen);
		if ((r = ns_route_add(x->err, x->hosts[rt->host], d,
				      rt->has_via ? exec_addr_str(&rt->via, v, sizeof(v)) : NULL,
				      rt->dev)) < 0)
			return r;
	}
	return 0;
}

static int write_files(struct sc_exec *x)
{
	size_t i;

	for (i = 0; i < x->sc->nfiles; i++) {
		const struct sc_file *f = &x->sc->files[i];
		char path[4096];
		int fd;

		snprintf(path, sizeof(path), "%s/%s", x->ctx->workdir, f->name);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			  f->mode ? f->mode : 0644);
		if (fd < 0 || write(fd, f->text, f->len) != (ssize_t)f->len) {
			int e = errno;

			if (fd >= 0)
				close(fd);
			return hx_err(x->err, -e, "cannot write file '%s': %s",
				      f->name, strerror(e));
		}
		close(fd);
	}
	return 0;
}

/* ---- steps ----------------------------------------------------------- */

enum sc_outcome exec_outcome(enum ns_outcome o)
{
	switch (o) {
	case NS_CONNECTED: return SC_OUT_CONNECTED;
	case NS_REFUSED: return SC_OUT_REFUSED;
	case NS_TIMED_OUT: return SC_OUT_TIMED_OUT;
	case NS_UNREACHABLE: return SC_OUT_UNREACHABLE;
	case NS_RESET: return SC_OUT_RESET;
	case NS_EOF: return SC_OUT_EOF;
	default: return SC_OUT_NONE;
	}
}

/* A cancelled actor step: -ECANCELED, with what it was waiting for in
 * the report (a timeout names it). */
static int cut_short(struct sc_exec *x, const struct ns_step *st)
{
	static const char *const what[] = {
		[NS_CONNECT] = "the connection", [NS_SEND] = "the send",
		[NS_URGENT] = "the urgent send", [NS_BULK] = "the bulk send",
		[NS_SHUTDOWN] = "the half-close", [NS_CLOSE] = "the close",
		[NS_ABORT] = "the abort", [NS_PING] = "the replies",
		[NS_UDP_SEND] = "the datagram",
	};
	struct sc_report *rep = x->rep;

	if (st->kind == NS_RECV && st->want)
		sc_report_waiting(rep, "waiting for %zu bytes, got %llu", st->want,
				  (unsigned long long)st->res.received);
	else if (st->kind == NS_RECV)
		sc_report_waiting(rep, "waiting for the peer to close, got %llu bytes",
				  (unsigned long long)st->res.received);
	else if (st->kind == NS_PING)
		sc_report_waiting(rep, "waiting for %u replies, got %u", st->count,
				  (unsigned)st->res.replies);
	else if ((size_t)st->kind < sizeof(what) / sizeof(*what) && what[st->kind])
		sc_report_waiting(rep, "waiting for %s to complete", what[st->kind]);
	return hx_err(x->err, -ECANCELED, "cancelled");
}

/* Runs an actor step, polling the scenario's cancellation meanwhile. */
int exec_actor_step(struct sc_exec *x, struct ns_actor *a, struct ns_step *st)
{
	int r = ns_actor_start(x->err, a, st);

	if (r < 0)
		return r;
	while (ns_step_wait(st, 100) != 0) {
		if (exec_cancelled(x)) {
			ns_actor_cancel(a);
			ns_step_wait(st, -1);
			return cut_short(x, st);
		}
	}
	if (st->rc_ < 0)
		return hx_err(x->err, st->rc_, "%s", st->res.msg);
	/* refused, timed out, reset ... are results; a step that could not
	 * do what it was asked is not */
	if (st->res.outcome == NS_FAILED || st->res.outcome == NS_CANCELLED)
		return hx_err(x->err, st->res.error ? -st->res.error : -EIO,
			      "%s", st->res.msg);
	return 0;
}

static int run_cmd(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	struct ns_run_res rr;
	int r;

	r = ns_run_in(x->err, x->hosts[s->host], x->ctx->workdir, x->ctx->cancel_fd,
		      s->u.run.argv, exec_step_ms(x, s), &rr);
	if (r == 0) {
		x->res[i].exit_status = WIFEXITED(rr.status) ? WEXITSTATUS(rr.status) :
					128 + WTERMSIG(rr.status);
		r = sc_lines_add(&x->xs[i].text, rr.out.p ? rr.out.p : "", rr.out.len,
				 SC_NONE);
		x->res[i].text = &x->xs[i].text;
		hx_buf_printf(&x->rep->transcript, "%s: run %s:", s->label ? s->label : "-",
			      x->sc->hosts[s->host].name);
		for (int k = 0; s->u.run.argv[k]; k++)
			hx_buf_printf(&x->rep->transcript, " %s", s->u.run.argv[k]);
		hx_buf_printf(&x->rep->transcript, " (exit %d)\n", x->res[i].exit_status);
		if (rr.out.len)
			hx_buf_printf(&x->rep->transcript, "%.*s%s", (int)rr.out.len, rr.out.p,
				      rr.out.p[rr.out.len - 1] == '\n' ? "" : "\n");
	}
	hx_buf_release(&rr.out);
	return r;
}

/* tcpdump -D in a host: the interfaces libpcap finds there, numbered. */
static int list_ifaces(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	struct hx_buf b = HX_BUF_INIT;
	char e[HX_ERRLEN];
	int r;

	r = cap_list_ifaces(e, ns_host_fd(x->hosts[s->host]), &b);
	if (r < 0)
		r = hx_err(x->err, r, "line %u: tcpdump -D in host '%s': %s",
			   s->pos.line, x->sc->hosts[s->host].name, e);
	if (r == 0)
		r = sc_lines_add(&x->xs[i].text, b.p ? b.p : "", b.len, SC_NONE);
	if (r == 0) {
		x->res[i].text = &x->xs[i].text;
		x->xs[i].stopped = 1;
		hx_buf_printf(&x->rep->transcript, "%s: capture %s: tcpdump -D\n%s",
			      s->label ? s->label : "-", x->sc->hosts[s->host].name,
			      b.p ? b.p : "");
	}
	hx_buf_release(&b);
	return r;
}

/* -i netlink: nlmon where the kernel has it, else the harness's own libnl
 * socket, recorded (capture/nltap.h); -w through the writer. */
static int netlink_start(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	const struct td_opts *o = &s->u.capture.cmd.td;
	struct xstep *xs = &x->xs[i];
	struct td_opts wo = *o;
	int r;

	/* its sink runs in this thread, so no -Z there */
	if (o->user)
		return hx_err(x->err, -ENOTSUP,
			      "line %u: -Z with -i netlink is not supported",
			      s->pos.line);
	if (o->wfile) {
		if (o->wfile[0] != '/' &&
		    asprintf(&xs->wpath, "%s/%s", x->ctx->workdir, o->wfile) < 0) {
			xs->wpath = NULL;
			return hx_err(x->err, -ENOMEM, "out of memory");
		}
		if (xs->wpath)
			wo.wfile = xs->wpath;
		r = cap_writer_check(x->err, &wo, &xs->plan);
		if (r < 0)
			return r;
		xs->has_plan = 1;
		r = cap_writer_new(x->err, &xs->plan.cfg, &xs->w);
		if (r < 0)
			return r;
		cap_writer_sink(xs->w, &xs->sink);
	}
	return cap_nltap_start(x->err, x->hosts[s->host], o->snaplen,
			       xs->w ? &xs->sink : NULL, 1, &xs->nl);
}

/* A capture step: the same session `dumplab capture` runs (session.h). */
static int capture_start(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	const struct td_opts *o = &s->u.capture.cmd.td;
	struct cap_session_cfg c = { 0 };

	if (s->u.capture.list_only)
		return list_ifaces(x, i);
	if (!strcmp(o->iface, "netlink"))
		return netlink_start(x, i);
	/* the scenario's directory is private (0700); a -Z user must be
	 * able to create its files there, as in a shared /tmp */
	if (o->user && chmod(x->ctx->workdir, 01777) < 0)
		return hx_err(x->err, -errno, "cannot open '%s' to user '%s': %s",
			      x->ctx->workdir, o->user, strerror(errno));
	c.td = o;
	c.netfd = ns_host_fd(x->hosts[s->host]);
	c.host = x->sc->hosts[s->host].name;
	/* the threads of a run share one working directory: -w and -z
	 * ./CMD name files of the scenario's */
	c.workdir = x->ctx->workdir;
	c.keep = 1;
	c.immediate = 1;
	/* the runner's other threads stay privileged */
	c.drop_scope = CAP_DROP_THREAD;
	return cap_session_start(x->err, &c, &x->xs[i].cap);
}

/*
 * The TCP ladders of step i's packets, for `expect CAP ladder ...`, and
 * in the transcript (indented) when show is set.
 */
static int ladder_of(struct sc_exec *x, size_t i, const struct sc_tcpdump *cmd,
		     int show)
{
	struct xstep *c = &x->xs[i];
	struct hx_buf b = HX_BUF_INIT;
	int r;

	r = sc_render_ladder(x->err, x->sc, cmd, c->dlt, c->pkts, c->npkts, "", &b);
	if (r >= 0 && b.len && sc_lines_add(&c->ladder, b.p, b.len, SC_NONE) < 0)
		r = hx_err(x->err, -ENOMEM, "out of memory");
	hx_buf_release(&b);
	if (r < 0)
		return r;
	x->res[i].ladder = &c->ladder;
	for (size_t k = 0; show && k < c->ladder.n; k++)
		hx_buf_printf(&x->rep->transcript, "  %s\n", c->ladder.line[k]);
	return 0;
}

static int capture_stop(struct sc_exec *x, size_t i)
{
	struct xstep *c = &x->xs[i];
	const struct sc_step *s = &x->sc->steps[i];
	struct cap_session_stats cs;
	int r, r2, saved = -1;

	if ((!c->cap && !c->nl) || c->stopped)
		return 0;
	c->stopped = 1;
	r = c->nl ? cap_nltap_stop(c->nl, x->err)
		  : cap_session_stop(c->cap, x->err, exec_step_ms(x, s));
	if (r < 0)
		return r;
	if (c->nl) {
		c->pkts = cap_nltap_packets(c->nl, &c->npkts);
		c->dlt = cap_nltap_dlt(c->nl);
	} else {
		c->pkts = cap_session_packets(c->cap, &c->npkts);
		c->dlt = cap_session_dlt(c->cap);
	}
	if (x->ctx->keep_pcaps &&
	    hx_keep_pcap(x->err, x->ctx->workdir, s->label, s->pos.line, c->dlt,
			 c->nl ? s->u.capture.cmd.td.snaplen : cap_session_snaplen(c->cap),
			 s->u.capture.cmd.td.pr.nano, c->pkts, c->npkts) < 0)
		hx_buf_printf(&x->rep->transcript, "(--out: %s)\n", x->err);
	/* printed inside the host, as tcpdump there would: LINUX_SLL2
	 * names interfaces by their index in that namespace */
	r = ns_enter(x->err, ns_host_fd(x->hosts[s->host]), &saved);
	if (r < 0)
		return r;
	r = sc_render_packets(x->err, x->sc, &s->u.capture.cmd, c->dlt, c->pkts,
			      c->npkts, &c->text);
	r2 = ns_leave(r < 0 ? NULL : x->err, &saved);
	if (r < 0)
		return r;
	if (r2 < 0)
		return r2;
	x->res[i].ran = 1;
	x->res[i].dlt = c->dlt;
	x->res[i].pkts = c->pkts;
	x->res[i].npkts = c->npkts;
	x->res[i].text = &c->text;
	hx_buf_printf(&x->rep->transcript, "%s: capture %s:",
		      s->label ? s->label : "-", x->sc->hosts[s->host].name);
	for (int k = 0; k < s->u.capture.cmd.argc; k++)
		hx_buf_printf(&x->rep->transcript, " %s", s->u.capture.cmd.argv[k]);
	if (c->nl) {
		hx_buf_printf(&x->rep->transcript, " (%zu record%s; method: %s%s%s)\n",
			      c->npkts, c->npkts == 1 ? "" : "s", cap_nltap_how(c->nl),
			      cap_nltap_why(c->nl) ? ", " : "",
			      cap_nltap_why(c->nl) ? cap_nltap_why(c->nl) : "");
	} else {
		cap_session_stats(c->cap, &cs);
		hx_buf_printf(&x->rep->transcript,
			      " (%zu packet%s; libpcap received %llu, dropped %llu",
			      c->npkts, c->npkts == 1 ? "" : "s", cs.live.received,
			      cs.live.dropped);
		if (s->u.capture.cmd.td.wfile)
			hx_buf_printf(&x->rep->transcript, "; %llu written to %u file%s",
				      cs.files.packets, cs.files.files,
				      cs.files.files == 1 ? "" : "s");
		hx_buf_puts(&x->rep->transcript, ")\n");
	}
	for (size_t k = 0; k < c->text.n; k++)
		hx_buf_printf(&x->rep->transcript, "  %s\n", c->text.line[k]);
	/* the seed's picture of the same packets, when some are TCP */
	return c->nl ? 0 : ladder_of(x, i, &s->u.capture.cmd, 1);
}

/* read: a savefile of the scenario's directory, filtered, windowed, printed. */
static int read_file(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	const struct td_opts *o = &s->u.read.cmd.td;
	struct xstep *xs = &x->xs[i];
	struct sf_iter_opts io = {
		.name = o->rfile,
		.has_window = s->u.read.has_window,
		.from_us = s->u.read.from,
		.to_us = s->u.read.to,
	};
	struct sf_iter it;
	struct pcap_pkthdr *h;
	const u_char *d;
	char path[4096], why[HX_ERRLEN];
	int r = 0, n;

	td_iter_opts(o, &io);
	if (o->rfile[0] == '/')
		snprintf(path, sizeof(path), "%s", o->rfile);
	else
		snprintf(path, sizeof(path), "%s/%s", x->ctx->workdir, o->rfile);
	r = sf_iter_open(why, &it, path, &io);
	if (r == 0 && o->filter)
		r = sf_iter_filter(why, &it, o->filter);
	if (r < 0) {
		sf_iter_close(&it);
		return hx_err(x->err, r, "line %u: %s", s->pos.line, why);
	}
	while ((n = sf_iter_next(&it, &h, &d)) == 1) {
		if (cap_pktvec_add(&xs->rpkts, h, d) < 0) {
			r = hx_err(x->err, -ENOMEM, "out of memory");
			break;
		}
	}
	if (r == 0 && n < 0)
		r = hx_err(x->err, -EIO, "line %u: '%s': %s", s->pos.line,
			   o->rfile, sf_iter_error(&it));
	xs->dlt = pcap_datalink(it.in.pd);
	sf_iter_close(&it);
	if (r < 0)
		return r;
	r = sc_render_packets(x->err, x->sc, &s->u.read.cmd, xs->dlt, xs->rpkts.v,
			      xs->rpkts.n, &xs->text);
	if (r < 0)
		return r;
	x->res[i].dlt = xs->dlt;
	x->res[i].pkts = xs->rpkts.v;
	x->res[i].npkts = xs->rpkts.n;
	x->res[i].text = &xs->text;
	hx_buf_printf(&x->rep->transcript, "%s: read:", s->label ? s->label : "-");
	for (int k = 0; k < s->u.read.cmd.argc; k++)
		hx_buf_printf(&x->rep->transcript, " %s", s->u.read.cmd.argv[k]);
	hx_buf_printf(&x->rep->transcript, " (%zu packet%s)\n", xs->rpkts.n,
		      xs->rpkts.n == 1 ? "" : "s");
	for (size_t k = 0; k < xs->text.n; k++)
		hx_buf_printf(&x->rep->transcript, "  %s\n", xs->text.line[k]);
	xs->pkts = xs->rpkts.v;
	xs->npkts = xs->rpkts.n;
	return ladder_of(x, i, &s->u.read.cmd, 0);
}

/* What a cancelled step that is not an actor's was waiting for. */
static void waiting_for(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	char b[32];

	if (s->kind == SC_STEP_RUN)
		sc_report_waiting(x->rep, "waiting for '%s' to exit", s->u.run.argv[0]);
	else if (s->kind == SC_STEP_WAIT)
		sc_report_waiting(x->rep, "waiting %s",
				  sc_duration_str(s->u.wait.d, b, sizeof(b)));
	else if (s->kind == SC_STEP_AWAIT)
		sc_report_waiting(x->rep, "waiting for %lld packets", s->u.await.n);
}

static struct ns_actor *conn_of(struct sc_exec *x, const struct sc_step *s)
{
	return s->ref == SC_NONE ? NULL : x->xs[s->ref].actor;
}

static int do_step(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	struct sc_step_result *res = &x->res[i];
	struct ns_step st = { 0 };
	struct ns_actor *a;
	char dst[INET6_ADDRSTRLEN];
	long long t0 = now_us();
	int r = 0;

	switch (s->kind) {
	case SC_STEP_RUN:
		r = run_cmd(x, i);
		break;
	case SC_STEP_LISTEN: {
		struct ns_server_cfg c = {
			.netfd = ns_host_fd(x->hosts[s->host]),
			.host = x->sc->hosts[s->host].name,
			.udp = s->u.listen.proto == IPPROTO_UDP,
			/* a UDP listener reads and counts what arrives */
			.mode = s->u.listen.nfs ? NS_SERVE_NFS :
				s->u.listen.zone ? NS_SERVE_ZONE :
				s->u.listen.discard || s->u.listen.proto == IPPROTO_UDP ?
				NS_SERVE_DISCARD : NS_SERVE_ACCEPT,
			.port = (uint16_t)s->u.listen.port,
			.zone_cfg = { .cache = s->u.listen.cache, .ra = s->u.listen.ra,
				      .minimal = s->u.listen.minimal },
		};

		if (s->u.listen.zone) {
			const struct sc_file *f = &x->sc->files[s->u.listen.zonefile];
			unsigned zl, zc;
			char e[HX_ERRLEN];

			/* sc_check read it already: this fails only for memory */
			r = ns_zone_parse(e, f->text, f->len, NULL, &x->xs[i].zone, &zl, &zc);
			if (r < 0) {
				r = hx_err(x->err, r, "line %u: zone '%s': %s", s->pos.line,
					   f->name, e);
				break;
			}
			c.zone = x->xs[i].zone;
		}
		r = ns_server_start(x->err, &c, &x->xs[i].server);
		break;
	}
	case SC_STEP_ACCEPT:
		r = ns_server_accept(x->err, x->xs[s->ref].server, exec_step_ms(x, s),
				     &x->xs[i].actor);
		if (r == 0)
			res->outcome = SC_OUT_CONNECTED;
		break;
	case SC_STEP_CONNECT:
		r = ns_actor_new(x->err, ns_host_fd(x->hosts[s->host]),
				 x->sc->hosts[s->host].name, &x->xs[i].actor);
		if (r < 0)
			break;
		st.kind = NS_CONNECT;
		st.addr = exec_addr_str(&s->u.connect.dest.addr, dst, sizeof(dst));
		st.port = (uint16_t)s->u.connect.port;
		st.sport = (uint16_t)s->u.connect.sport;
		st.timeout_ms = exec_step_ms(x, s);
		r = exec_actor_step(x, x->xs[i].actor, &st);
		res->outcome = exec_outcome(st.res.outcome);
		break;
	case SC_STEP_SEND:
	case SC_STEP_URGENT:
	case SC_STEP_BULK:
		a = conn_of(x, s);
		st.kind = s->kind == SC_STEP_SEND ? NS_SEND :
			  s->kind == SC_STEP_URGENT ? NS_URGENT : NS_BULK;
		st.data = s->u.data.bytes;
		st.len = s->u.data.len;
		st.timeout_ms = exec_step_ms(x, s);
		r = exec_actor_step(x, a, &st);
		res->outcome = exec_outcome(st.res.outcome);
		break;
	case SC_STEP_RECV:
		a = conn_of(x, s);
		st.kind = NS_RECV;
		st.want = s->u.recv.n < 0 ? 0 : (size_t)s->u.recv.n;
		st.timeout_ms = exec_step_ms(x, s);
		r = exec_actor_step(x, a, &st);
		res->outcome = exec_outcome(st.res.outcome);
		if (r == 0 && st.res.data.len)
			hx_buf_put(&x->xs[i].data, st.res.data.p, st.res.data.len);
		res->received = (const uint8_t *)x->xs[i].data.p;
		res->nreceived = x->xs[i].data.len;
		break;
	case SC_STEP_HALFCLOSE:
	case SC_STEP_CLOSE:
	case SC_STEP_ABORT:
		a = conn_of(x, s);
		st.kind = s->kind == SC_STEP_HALFCLOSE ? NS_SHUTDOWN :
			  s->kind == SC_STEP_CLOSE ? NS_CLOSE : NS_ABORT;
		st.timeout_ms = exec_step_ms(x, s);
		r = exec_actor_step(x, a, &st);
		break;
	case SC_STEP_PING:
		r = ns_actor_new(x->err, ns_host_fd(x->hosts[s->host]),
				 x->sc->hosts[s->host].name, &x->xs[i].actor);
		if (r < 0)
			break;
		st.kind = NS_PING;
		st.addr = exec_addr_str(&s->u.ping.dest.addr, dst, sizeof(dst));
		st.count = (unsigned)s->u.ping.count;
		st.interval_ms = (unsigned)(s->u.ping.interval / 1000);
		st.len = (size_t)s->u.ping.size;
		st.ttl = s->u.ping.ttl;
		st.timeout_ms = exec_step_ms(x, s);
		r = exec_actor_step(x, x->xs[i].actor, &st);
		res->replies = (int)st.res.replies;
		res->sent = (int)st.res.count;
		break;
	case SC_STEP_UDP:
	case SC_STEP_DNS: {
		struct hx_buf q = HX_BUF_INIT;

		r = ns_actor_new(x->err, ns_host_fd(x->hosts[s->host]),
				 x->sc->hosts[s->host].name, &x->xs[i].actor);
		if (r < 0)
			break;
		st.kind = NS_UDP_SEND;
		if (s->kind == SC_STEP_UDP) {
			st.addr = exec_addr_str(&s->u.udp.dest.addr, dst, sizeof(dst));
			st.port = (uint16_t)s->u.udp.port;
			st.sport = (uint16_t)s->u.udp.sport;
			st.dev = s->u.udp.dev;
			st.ttl = s->u.udp.ttl;
			st.data = s->u.udp.data.bytes;
			st.len = s->u.udp.data.len;
		} else {
			struct ns_dns_query dq = {
				.id = (uint16_t)s->u.dns.id, .flags = NS_DNS_RD,
				.name = s->u.dns.qname, .type = (uint16_t)s->u.dns.qtype,
				.qu = s->u.dns.qu,
			};
			uint8_t mac[6];

			if (s->u.dns.qu)
				dq.flags = 0; /* mDNS queries ask no recursion */
			if (s->u.dns.owner) {
				r = dev_mac(x, s->host, s->u.dns.dev, mac);
				if (r == 0)
					r = ns_dns_build_owner_query(x->err, &q, &dq, 0,
								     mac);
			} else {
				r = ns_dns_build_query(x->err, &q, &dq);
			}
			if (r < 0) {
				hx_buf_release(&q);
				break;
			}
			if (s->u.dns.reply || s->u.dns.tcp) {
				r = exec_dns_query(x, i, (const uint8_t *)q.p, q.len);
				hx_buf_release(&q);
				break;
			}
			st.addr = exec_addr_str(&s->u.dns.dest.addr, dst, sizeof(dst));
			st.port = (uint16_t)(s->u.dns.port ? s->u.dns.port : 53);
			st.sport = (uint16_t)s->u.dns.sport;
			st.dev = s->u.dns.dev;
			st.data = q.p;
			st.len = q.len;
		}
		st.timeout_ms = exec_step_ms(x, s);
		r = exec_actor_step(x, x->xs[i].actor, &st);
		res->outcome = exec_outcome(st.res.outcome);
		hx_buf_release(&q);
		break;
	}
	case SC_STEP_NFS:
		r = exec_nfs_call(x, i);
		break;
	case SC_STEP_WAIT: {
		struct pollfd pf = { x->ctx->cancel_fd, POLLIN, 0 };

		if (poll(&pf, 1, (int)(s->u.wait.d / 1000)) > 0)
			r = hx_err(x->err, -ECANCELED, "cancelled");
		break;
	}
	case SC_STEP_CAPTURE:
		r = capture_start(x, i);
		break;
	case SC_STEP_AWAIT:
		if (x->xs[s->ref].cap &&
		    cap_session_wait_count(x->xs[s->ref].cap, (size_t)s->u.await.n,
					exec_step_ms(x, s)) < (size_t)s->u.await.n)
			r = hx_err(x->err, -ETIMEDOUT,
				   "line %u: await: fewer than %lld packets in time",
				   s->pos.line, s->u.await.n);
		break;
	case SC_STEP_STOP:
		if (x->sc->steps[s->ref].kind == SC_STEP_LISTEN)
			r = ns_server_stop(x->err, x->xs[s->ref].server);
		else
			r = capture_stop(x, s->ref);
		break;
	case SC_STEP_READ:
		r = read_file(x, i);
		break;
	case SC_STEP_DUMP: {
		size_t k;

		/* the running netlink capture of that host records the dump */
		for (k = i; k-- > 0;)
			if (x->xs[k].nl && !x->xs[k].stopped &&
			    x->sc->steps[k].host == s->host)
				break;
		if (k == SC_NONE) {
			r = hx_err(x->err, -EINVAL,
				   "line %u: dump: no netlink capture runs in host '%s'",
				   s->pos.line, x->sc->hosts[s->host].name);
			break;
		}
		r = cap_nltap_dump(x->err, x->xs[k].nl, s->u.dump.what);
		break;
	}
	case SC_STEP_START:
		r = exec_start_proc(x, i);
		break;
	case SC_STEP_SIGNAL:
		r = ns_proc_signal(x->err, x->xs[s->ref].proc, s->u.signal.sig);
		hx_buf_printf(&x->rep->transcript, "-: signal %s %s\n", s->refname,
			      ns_signame(s->u.signal.sig));
		break;
	case SC_STEP_WAITPROC:
		r = exec_wait_proc(x, i);
		break;
	case SC_STEP_AWAITTEXT:
		r = ns_proc_await(x->err, x->xs[s->ref].proc, s->u.awaittext.text,
				  exec_step_ms(x, s), x->ctx->cancel_fd);
		break;
	case SC_STEP_INJECT:
		r = exec_do_inject(x, i);
		break;
	case SC_STEP_TCP:
		r = exec_do_tcp(x, i);
		break;
	default:
		r = hx_err(x->err, -ENOTSUP,
			   "line %u: step '%s' is not supported by the executor yet",
			   s->pos.line, sc_step_name(s->kind));
		break;
	}
	ns_result_release(&st.res);
	res->ran = r == 0 || res->ran;
	res->took = now_us() - t0;
	return r;
}

/* ---- the scenario ---------------------------------------------------- */

static void teardown(struct sc_exec *x)
{
	size_t i;

	/* programs still running end with the scenario */
	for (i = 0; i < x->sc->nsteps; i++) {
		ns_proc_free(x->xs[i].proc);
		x->xs[i].proc = NULL;
	}
	for (i = 0; i < x->sc->nsteps; i++) {
		ns_actor_free(x->xs[i].actor);
		x->xs[i].actor = NULL;
	}
	for (i = 0; i < x->sc->nsteps; i++) {
		char e[HX_ERRLEN];

		if (x->xs[i].cap && !x->xs[i].stopped)
			cap_session_stop(x->xs[i].cap, e, 0);
		if (x->xs[i].nl && !x->xs[i].stopped)
			cap_nltap_stop(x->xs[i].nl, e);
		ns_server_free(x->xs[i].server);
		x->xs[i].server = NULL;
	}
}

static void release(struct sc_exec *x)
{
	size_t i;

	teardown(x);
	for (i = 0; x->xs && i < x->sc->nsteps; i++) {
		ns_zone_free(x->xs[i].zone);
		x->xs[i].zone = NULL;
		cap_session_free(x->xs[i].cap);
		cap_nltap_free(x->xs[i].nl);
		cap_writer_free(x->xs[i].w);
		if (x->xs[i].has_plan)
			cap_writer_plan_release(&x->xs[i].plan);
		free(x->xs[i].wpath);
		cap_pktvec_release(&x->xs[i].rpkts);
		sc_lines_release(&x->xs[i].text);
		sc_lines_release(&x->xs[i].ladder);
		sc_lines_release(&x->xs[i].out);
		sc_lines_release(&x->xs[i].errl);
		hx_buf_release(&x->xs[i].data);
	}
	ns_lab_free(x->lab);
	free(x->hosts);
	free(x->xs);
	free(x->res);
}

int hx_exec_real(const struct sc_scenario *sc, struct sc_report *rep,
		 const struct hx_exec_ctx *ctx)
{
	struct sc_exec x = { .sc = sc, .ctx = ctx, .rep = rep };
	struct sc_results results = { 0 };
	char why[HX_ERRLEN];
	size_t i, nfail = 0;
	int r = 0;

	for (i = 0; i < sc->nneeds; i++)
		if (!hx_need_met(&sc->needs[i], why, sizeof(why))) {
			rep->status = SC_ST_SKIP;
			sc_report_reason(rep, "%s", why);
			return 0;
		}
	x.hosts = calloc(sc->nhosts ? sc->nhosts : 1, sizeof(*x.hosts));
	x.xs = calloc(sc->nsteps ? sc->nsteps : 1, sizeof(*x.xs));
	x.res = calloc(sc->nsteps ? sc->nsteps : 1, sizeof(*x.res));
	if (!x.hosts || !x.xs || !x.res) {
		release(&x);
		sc_report_reason(rep, "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < sc->nsteps; i++) {
		sc_lines_init(&x.xs[i].text);
		sc_lines_init(&x.xs[i].ladder);
		sc_lines_init(&x.xs[i].out);
		sc_lines_init(&x.xs[i].errl);
	}
	r = build(&x);
	if (r == 0)
		r = write_files(&x);
	for (i = 0; r == 0 && i < (ctx->hold ? ctx->hold_at : sc->nsteps); i++) {
		if (exec_cancelled(&x)) {
			r = hx_err(x.err, -ECANCELED, "cancelled");
			break;
		}
		rep->step = i;
		r = do_step(&x, i);
		if (r == -ECANCELED && !rep->waiting)
			waiting_for(&x, i);
		if (r < 0 && sc->steps[i].kind != SC_STEP_CAPTURE &&
		    sc->steps[i].kind != SC_STEP_STOP &&
		    sc->steps[i].kind != SC_STEP_AWAIT && r != -ECANCELED &&
		    r != -ENOTSUP && x.res[i].outcome != SC_OUT_NONE)
			r = 0; /* an outcome (refused, timed out) is a result */
	}
	if (r == 0)
		rep->step = SC_NONE;
	if (ctx->hold) { /* dumplab lab: kept up until hold returns */
		if (r == 0)
			r = ctx->hold(ctx->arg, x.err, x.hosts);
		if (r < 0) {
			rep->status = SC_ST_FAIL;
			sc_report_reason(rep, "%s", x.err);
		}
		release(&x);
		return 0;
	}
	/* captures never stopped explicitly end with the scenario, and so do
	 * the programs it started */
	for (i = 0; r == 0 && i < sc->nsteps; i++)
		if ((x.xs[i].cap || x.xs[i].nl) && !x.xs[i].stopped)
			r = capture_stop(&x, i);
	for (i = 0; r == 0 && i < sc->nsteps; i++)
		r = exec_proc_collect(&x, i);
	if (r < 0) {
		char e[HX_ERRLEN];

		/* The transcript up to here, with the packets the running
		 * captures saw so far: what a timeout leaves to read. */
		memcpy(e, x.err, sizeof(e));
		for (i = 0; i < sc->nsteps; i++)
			if ((x.xs[i].cap || x.xs[i].nl) && !x.xs[i].stopped)
				capture_stop(&x, i);
		rep->status = SC_ST_FAIL;
		sc_report_reason(rep, "%s", e);
		release(&x);
		return 0;
	}
	results.steps = x.res;
	results.workdir = ctx->workdir;
	r = sc_expect_eval(x.err, sc, &results, &rep->verdicts);
	if (r < 0) {
		sc_report_reason(rep, "%s", x.err);
		release(&x);
		return r;
	}
	rep->nverdicts = sc->nexpects;
	for (i = 0; i < rep->nverdicts; i++)
		nfail += !rep->verdicts[i].pass;
	rep->status = nfail ? SC_ST_FAIL : SC_ST_PASS;
	if (nfail)
		sc_report_reason(rep, "%zu of %zu expectations failed", nfail,
				 rep->nverdicts);
	release(&x);
	return 0;
}
