/* exec-own.c: the executor's steps for programs of one's own (start, wait), crafted frames (inject, tcp) and NFS calls. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <netinet/in.h>

#include "capture/sf.h"
#include "harness/exec-int.h"
#include "netns/craft.h"


static void transcript_argv(struct sc_exec *x, const struct sc_step *s,
			    const char *verb, char *const *argv)
{
	hx_buf_printf(&x->rep->transcript, "%s: %s %s:", s->label ? s->label : "-",
		      verb, x->sc->hosts[s->host].name);
	for (int k = 0; argv[k]; k++)
		hx_buf_printf(&x->rep->transcript, " %s", argv[k]);
}

/* start: the program runs in the host until it ends or the scenario does;
 * `ready TEXT` returns once it printed TEXT. */
int exec_start_proc(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	struct xstep *xs = &x->xs[i];
	int r;

	transcript_argv(x, s, "start", s->u.start.argv);
	r = ns_proc_start(x->err, s->label, x->hosts[s->host], x->ctx->workdir,
			  s->u.start.argv, &xs->proc);
	if (r < 0) {
		hx_buf_printf(&x->rep->transcript, " (%s)\n", x->err);
		return r;
	}
	hx_buf_printf(&x->rep->transcript, " (pid %d)\n", ns_proc_pid(xs->proc));
	if (s->u.start.ready)
		r = ns_proc_await(x->err, xs->proc, s->u.start.ready, exec_step_ms(x, s),
				  x->ctx->cancel_fd);
	return r;
}

/*
 * What a started program left: its stdout, its stderr, both (stdout then
 * stderr, as a run's), and how it ended. A program still running when
 * the scenario ends is killed first (SIGTERM, then SIGKILL after 2 s):
 * it dies with the scenario, and its exit status says so (128+N).
 */
int exec_proc_collect(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	struct xstep *xs = &x->xs[i];
	struct sc_step_result *res = &x->res[i];
	struct hx_buf o, e;
	int status = 0, r = 0;

	if (!xs->proc || xs->collected)
		return 0;
	if (!ns_proc_ended(xs->proc, NULL)) {
		ns_proc_signal(x->err, xs->proc, SIGTERM);
		if (ns_proc_wait(x->err, xs->proc, 2000, -1) < 0) {
			ns_proc_signal(x->err, xs->proc, SIGKILL);
			ns_proc_wait(x->err, xs->proc, -1, -1);
		}
		hx_buf_printf(&x->rep->transcript, "%s: still running at the end: stopped\n",
			      s->label);
	}
	ns_proc_ended(xs->proc, &status);
	xs->collected = 1;
	res->exit_status = WIFEXITED(status) ? WEXITSTATUS(status)
					     : 128 + WTERMSIG(status);
	ns_proc_output(xs->proc, NS_PROC_STDOUT, &o);
	ns_proc_output(xs->proc, NS_PROC_STDERR, &e);
	if (sc_lines_add(&xs->out, o.p, o.len, SC_NONE) < 0 ||
	    sc_lines_add(&xs->errl, e.p, e.len, SC_NONE) < 0 ||
	    sc_lines_add(&xs->text, o.p, o.len, SC_NONE) < 0 ||
	    sc_lines_add(&xs->text, e.p, e.len, SC_NONE) < 0)
		r = hx_err(x->err, -ENOMEM, "out of memory");
	res->ran = 1;
	res->text = &xs->text;
	res->stdout_text = &xs->out;
	res->stderr_text = &xs->errl;
	hx_buf_printf(&x->rep->transcript, "%s: exit %d; stdout %zu line%s, stderr %zu line%s\n",
		      s->label, res->exit_status, xs->out.n, xs->out.n == 1 ? "" : "s",
		      xs->errl.n, xs->errl.n == 1 ? "" : "s");
	/* the first lines of each, enough to see what went wrong */
	for (size_t k = 0; k < xs->errl.n && k < 20; k++)
		hx_buf_printf(&x->rep->transcript, "  stderr: %s\n", xs->errl.line[k]);
	for (size_t k = 0; k < xs->out.n && k < 20; k++)
		hx_buf_printf(&x->rep->transcript, "  stdout: %s\n", xs->out.line[k]);
	if (xs->out.n > 20)
		hx_buf_printf(&x->rep->transcript, "  stdout: ... (%zu more)\n",
			      xs->out.n - 20);
	hx_buf_release(&o);
	hx_buf_release(&e);
	return r;
}

int exec_wait_proc(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	int r = ns_proc_wait(x->err, x->xs[s->ref].proc, exec_step_ms(x, s),
			     x->ctx->cancel_fd);

	return r < 0 ? r : exec_proc_collect(x, s->ref);
}

struct inject_arg {
	struct sc_exec *x;
	struct ns_host *h;
	const char *ifname;
};

static int inject_one(void *arg, const uint8_t *f, size_t n, unsigned line)
{
	struct inject_arg *ia = arg;

	(void)line;
	return ns_inject(ia->x->err, ia->h, ia->ifname, f, n);
}

/* The frames of inject's file: a pcap savefile's records, or hex, a
 * frame a line. */
static int inject_file(struct sc_exec *x, const struct sc_step *s)
{
	char path[4096], e[HX_ERRLEN];
	struct ns_host *h = x->hosts[s->host];
	struct sf_iter it;
	struct sf_iter_opts o = { .name = s->u.inject.file };
	FILE *f;
	uint8_t magic[4] = { 0 };
	int r = 0, n = 0;

	snprintf(path, sizeof(path), "%s/%s", x->ctx->workdir, s->u.inject.file);
	f = fopen(path, "re");
	if (!f)
		return hx_err(x->err, -errno, "line %u: inject: cannot read '%s': %s",
			      s->pos.line, s->u.inject.file, strerrordesc_np(errno));
	if (fread(magic, 1, 4, f) == 4 &&
	    ((magic[0] == 0xd4 && magic[1] == 0xc3) || (magic[0] == 0xa1 && magic[1] == 0xb2) ||
	     (magic[0] == 0x4d && magic[1] == 0x3c) || (magic[0] == 0x0a && magic[1] == 0x0d))) {
		struct pcap_pkthdr *ph;
		const uint8_t *d;

		fclose(f);
		if ((r = sf_iter_open(e, &it, path, &o)) < 0)
			return hx_err(x->err, r, "line %u: inject: %s", s->pos.line, e);
		while (r == 0 && (n = sf_iter_next(&it, &ph, &d)) == 1)
			r = ns_inject(x->err, h, s->u.inject.ifname, d, ph->caplen);
		if (r == 0 && n < 0)
			r = hx_err(x->err, -EIO, "line %u: inject: '%s': %s", s->pos.line,
				   s->u.inject.file, sf_iter_error(&it));
		sf_iter_close(&it);
		return r;
	}
	/* hex text: read whole, then frame by frame (sc_hex_frames) */
	{
		struct hx_buf t = HX_BUF_INIT;
		struct inject_arg ia = { x, h, s->u.inject.ifname };
		char chunk[8192];
		unsigned badline = 0;
		uint8_t *buf = NULL;
		size_t got;
		int odd = 0;

		rewind(f);
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			hx_buf_put(&t, chunk, got);
		if (ferror(f) || t.oom)
			r = hx_err(x->err, -EIO, "line %u: inject: cannot read '%s'",
				   s->pos.line, s->u.inject.file);
		fclose(f);
		if (r == 0 && !(buf = malloc(65536 + 15)))
			r = hx_err(x->err, -ENOMEM, "out of memory");
		if (r == 0) {
			r = sc_hex_frames(t.p ? t.p : "", t.len, buf, 65536 + 15, inject_one,
					  &ia, &badline, &odd);
			if (r == -EINVAL || r == -EMSGSIZE)
				r = hx_err(x->err, r, "line %u: inject: '%s' line %u: %s",
					   s->pos.line, s->u.inject.file, badline,
					   r == -EMSGSIZE ? "a frame over 65550 bytes" :
					   odd ? "an odd number of hex digits" : "not a frame in hex");
		}
		free(buf);
		hx_buf_release(&t);
		return r;
	}
}

int exec_do_inject(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];

	if (s->u.inject.file)
		return inject_file(x, s);
	return ns_inject(x->err, x->hosts[s->host], s->u.inject.ifname,
			 s->u.inject.frame.bytes, s->u.inject.frame.len);
}

int exec_do_tcp(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	char dst[INET6_ADDRSTRLEN];
	struct ns_tcpseg seg = {
		.dst = exec_addr_str(&s->u.tcp.dest.addr, dst, sizeof(dst)),
		.sport = (uint16_t)s->u.tcp.sport,
		.dport = (uint16_t)s->u.tcp.port,
		.flags = (uint8_t)s->u.tcp.flags,
		.seq = s->u.tcp.seq,
		.ack = s->u.tcp.ack,
		.win = (uint16_t)s->u.tcp.win,
		.urp = (uint16_t)s->u.tcp.urp,
		.ttl = (uint8_t)s->u.tcp.ttl,
		.opts = s->u.tcp.opts,
		.optlen = s->u.tcp.optlen,
		.data = s->u.tcp.data.bytes,
		.len = s->u.tcp.data.len,
	};

	uint8_t *pat = NULL;
	int r;

	/* `data N bytes`: the pattern every generated payload uses */
	if (!seg.data && seg.len) {
		if (!(pat = malloc(seg.len)))
			return hx_err(x->err, -ENOMEM, "out of memory");
		ns_pattern(pat, seg.len, 0);
		seg.data = pat;
	}
	r = ns_tcpseg_send(x->err, x->hosts[s->host], &seg);
	free(pat);
	return r;
}

/* One actor step of an nfs call; its result released, rc kept. */
static int nfs_sub(struct sc_exec *x, struct ns_actor *a, struct ns_step *st,
		   struct hx_buf *got)
{
	int r = exec_actor_step(x, a, st);

	if (r == 0 && st->res.outcome != NS_OK && st->res.outcome != NS_CONNECTED)
		r = hx_err(x->err, -EIO, "%s", st->res.msg);
	if (r == 0 && got)
		hx_buf_put(got, st->res.data.p, st->res.data.len);
	ns_result_release(&st->res);
	return r;
}

/*
 * nfs: one call and its reply, through the host's actor: over UDP a
 * datagram and the answer on the same socket; over TCP a connection of
 * its own, the call and the reply each one record (RFC 5531 11).
 */
int exec_nfs_call(struct sc_exec *x, size_t i)
{
	const struct sc_step *s = &x->sc->steps[i];
	struct hx_buf call = HX_BUF_INIT, got = HX_BUF_INIT;
	struct ns_nfs_call c = {
		.xid = s->u.nfs.xid >= 0 ? (uint32_t)s->u.nfs.xid : s->pos.line,
		.version = s->u.nfs.v3 ? 3 : 2,
		.proc = (enum ns_nfs_proc)s->u.nfs.proc,
		.path = s->u.nfs.path,
		.name = s->u.nfs.name,
		.offset = (uint64_t)s->u.nfs.offset,
		.count = (uint32_t)s->u.nfs.count,
		.machine = x->sc->hosts[s->host].name,
	};
	char dst[INET6_ADDRSTRLEN];
	const char *addr = exec_addr_str(&s->u.nfs.dest.addr, dst, sizeof(dst));
	struct ns_actor *a;
	const uint8_t *rep;
	size_t replen;
	int r;

	r = ns_actor_new(x->err, ns_host_fd(x->hosts[s->host]),
			 x->sc->hosts[s->host].name, &x->xs[i].actor);
	if (r < 0)
		return r;
	a = x->xs[i].actor;
	if (s->u.nfs.tcp)
		hx_buf_put(&call, "\0\0\0\0", 4);
	r = ns_nfs_build_call(x->err, &call, &c);
	if (r < 0)
		goto out;
	if (call.oom) {
		r = hx_err(x->err, -ENOMEM, "nfs: out of memory");
		goto out;
	}
	if (s->u.nfs.tcp) {
		struct ns_step cs = { .kind = NS_CONNECT, .addr = addr,
				      .port = (uint16_t)s->u.nfs.port,
				      .sport = (uint16_t)s->u.nfs.sport,
				      .timeout_ms = exec_step_ms(x, s) };
		struct ns_step ss = { .kind = NS_SEND, .data = call.p,
				      .len = call.len, .timeout_ms = exec_step_ms(x, s) };
		struct ns_step mark = { .kind = NS_RECV, .want = 4,
					.timeout_ms = exec_step_ms(x, s) };
		struct ns_step body = { .kind = NS_RECV, .timeout_ms = exec_step_ms(x, s) };
		struct ns_step cl = { .kind = NS_CLOSE, .timeout_ms = exec_step_ms(x, s) };
		uint32_t m;

		call.p[0] = (char)(0x80 | (unsigned)r >> 24);
		call.p[1] = (char)((unsigned)r >> 16);
		call.p[2] = (char)((unsigned)r >> 8);
		call.p[3] = (char)r;
		if ((r = nfs_sub(x, a, &cs, NULL)) < 0 ||
		    (r = nfs_sub(x, a, &ss, NULL)) < 0 ||
		    (r = nfs_sub(x, a, &mark, &got)) < 0)
			goto out;
		if (got.len != 4) {
			r = hx_err(x->err, -EBADMSG, "line %u: nfs: the reply's record mark is short",
				   s->pos.line);
			goto out;
		}
		m = (uint32_t)(uint8_t)got.p[0] << 24 | (uint32_t)(uint8_t)got.p[1] << 16 |
		    (uint32_t)(uint8_t)got.p[2] << 8 | (uint8_t)got.p[3];
		if (!(m & 0x80000000u) || (m & 0x7fffffffu) == 0 ||
		    (m & 0x7fffffffu) > (1u << 20)) {
			r = hx_err(x->err, -EBADMSG, "line %u: nfs: bad reply record mark 0x%08x",
				   s->pos.line, m);
			goto out;
		}
		body.want = m & 0x7fffffffu;
		if ((r = nfs_sub(x, a, &body, &got)) < 0 || (r = nfs_sub(x, a, &cl, NULL)) < 0)
			goto out;
		rep = (const uint8_t *)got.p + 4;
		replen = got.len - 4;
	} else {
		struct ns_step us = { .kind = NS_UDP_SEND, .addr = addr,
				      .port = (uint16_t)s->u.nfs.port,
				      .sport = (uint16_t)s->u.nfs.sport,
				      .data = call.p, .len = call.len,
				      .timeout_ms = exec_step_ms(x, s) };
		struct ns_step ur = { .kind = NS_UDP_RECV, .timeout_ms = exec_step_ms(x, s) };

		if ((r = nfs_sub(x, a, &us, NULL)) < 0 || (r = nfs_sub(x, a, &ur, &got)) < 0)
			goto out;
		rep = (const uint8_t *)got.p;
		replen = got.len;
	}
	r = ns_nfs_reply_check(rep, replen, c.xid);
	if (r < 0)
		r = hx_err(x->err, r, "line %u: nfs: %s", s->pos.line,
			   r == -EPROTO ? "the server refused the call" :
			   r == -EACCES ? "the server denied the call" :
			   "the answer is not a reply to the call");
out:
	hx_buf_release(&call);
	hx_buf_release(&got);
	return r;
}

/*
 * dns ... reply|tcp: the query and its response, through the host's
 * actor: over UDP a datagram and the answer on the same socket; over TCP
 * a connection of its own, each message after its length in two bytes
 * (RFC 1035 4.2.2). The step fails when no response to the id comes.
 */
int exec_dns_query(struct sc_exec *x, size_t i, const uint8_t *q, size_t len)
{
	const struct sc_step *s = &x->sc->steps[i];
	struct hx_buf got = HX_BUF_INIT, msg = HX_BUF_INIT;
	char dst[INET6_ADDRSTRLEN];
	const char *addr = exec_addr_str(&s->u.dns.dest.addr, dst, sizeof(dst));
	uint16_t port = (uint16_t)(s->u.dns.port ? s->u.dns.port : 53);
	struct ns_actor *a = x->xs[i].actor;
	const uint8_t *rep;
	size_t replen;
	int r;

	if (s->u.dns.tcp) {
		uint8_t n2[2] = { (uint8_t)(len >> 8), (uint8_t)len };
		struct ns_step cs = { .kind = NS_CONNECT, .addr = addr, .port = port,
				      .sport = (uint16_t)s->u.dns.sport,
				      .timeout_ms = exec_step_ms(x, s) };
		struct ns_step ss = { .kind = NS_SEND, .timeout_ms = exec_step_ms(x, s) };
		struct ns_step head = { .kind = NS_RECV, .want = 2,
					.timeout_ms = exec_step_ms(x, s) };
		struct ns_step body = { .kind = NS_RECV, .timeout_ms = exec_step_ms(x, s) };
		struct ns_step cl = { .kind = NS_CLOSE, .timeout_ms = exec_step_ms(x, s) };

		hx_buf_put(&msg, n2, 2);
		hx_buf_put(&msg, q, len);
		if (msg.oom) {
			r = hx_err(x->err, -ENOMEM, "dns: out of memory");
			goto out;
		}
		ss.data = msg.p;
		ss.len = msg.len;
		if ((r = nfs_sub(x, a, &cs, NULL)) < 0 || (r = nfs_sub(x, a, &ss, NULL)) < 0 ||
		    (r = nfs_sub(x, a, &head, &got)) < 0)
			goto out;
		if (got.len != 2) {
			r = hx_err(x->err, -EBADMSG, "line %u: dns: the response's length is cut",
				   s->pos.line);
			goto out;
		}
		body.want = (size_t)(uint8_t)got.p[0] << 8 | (uint8_t)got.p[1];
		if (body.want < 12) {
			r = hx_err(x->err, -EBADMSG, "line %u: dns: a response of %zu bytes",
				   s->pos.line, body.want);
			goto out;
		}
		if ((r = nfs_sub(x, a, &body, &got)) < 0 || (r = nfs_sub(x, a, &cl, NULL)) < 0)
			goto out;
		rep = (const uint8_t *)got.p + 2;
		replen = got.len - 2;
	} else {
		struct ns_step us = { .kind = NS_UDP_SEND, .addr = addr, .port = port,
				      .sport = (uint16_t)s->u.dns.sport, .data = q, .len = len,
				      .dev = s->u.dns.dev, .timeout_ms = exec_step_ms(x, s) };
		struct ns_step ur = { .kind = NS_UDP_RECV, .timeout_ms = exec_step_ms(x, s) };

		if ((r = nfs_sub(x, a, &us, NULL)) < 0 || (r = nfs_sub(x, a, &ur, &got)) < 0)
			goto out;
		rep = (const uint8_t *)got.p;
		replen = got.len;
	}
	if (replen < 12 || !(rep[2] & 0x80) || rep[0] != q[0] || rep[1] != q[1])
		r = hx_err(x->err, -EBADMSG, "line %u: dns: the answer is not a response to id %u",
			   s->pos.line, (unsigned)(q[0] << 8 | q[1]));
out:
	hx_buf_release(&msg);
	hx_buf_release(&got);
	return r;
}
