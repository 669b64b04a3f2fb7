/* lab-hold.c: the lab's holder: init of the lab's PID namespace, it builds the hosts with the executor and serves `lab shell/exec/status/down`. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness/exec.h"
#include "harness/lab.h"
#include "netns/hold.h"
#include "netns/ns.h"
#include "netns/spawn.h"

static pid_t holder_outer_pid; /* read before /proc is the lab's */

struct holder {
	const struct lab_hold_cfg *c;
	int status_fd;
	int proc_ok;
	char proc_why[HX_ERRLEN];
	int lsock, sigfd;
	struct ns_host *const *hosts;
};

static void say(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(int fd, const char *fmt, ...)
{
	char b[HX_ERRLEN + 64];
	va_list ap;
	int n;

	if (fd < 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	if (n > 0 && write(fd, b, (size_t)n < sizeof(b) ? (size_t)n : sizeof(b) - 1) < 0)
		return;
}

static void reply(int fd, int ok, const char *text, const int *fds, int nfds)
{
	union {
		char b[CMSG_SPACE(8 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct hx_buf m = HX_BUF_INIT;
	struct iovec iov;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	hx_buf_putc(&m, ok ? '0' : '1');
	hx_buf_puts(&m, text);
	if (m.len > 65000)
		m.len = 65000;
	iov.iov_base = m.p;
	iov.iov_len = m.len;
	if (nfds > 0) {
		memset(&u, 0, sizeof(u));
		mh.msg_control = u.b;
		mh.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
		memcpy(CMSG_DATA(cm), fds, (size_t)nfds * sizeof(int));
	}
	if (sendmsg(fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
		/* the client went away: nothing to tell */
	}
	hx_buf_release(&m);
}

static struct ns_host *host_named(struct holder *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->c->sc->nhosts; i++)
		if (!strcmp(h->c->sc->hosts[i].name, name))
			return h->hosts[i];
	return NULL;
}

static void host_list(struct holder *h, struct hx_buf *b)
{
	size_t i;

	for (i = 0; i < h->c->sc->nhosts; i++)
		hx_buf_printf(b, "%s%s", i ? ", " : "", h->c->sc->hosts[i].name);
}

/* The processes of the lab's PID namespace whose network is host's. */
static void host_procs(struct holder *h, struct ns_host *host, struct hx_buf *b)
{
	struct stat hs, ps;
	struct dirent *d;
	DIR *dir;
	int n = 0;

	if (!h->proc_ok) {
		hx_buf_printf(b, "    (processes not shown: %s)\n", h->proc_why);
		return;
	}
	if (fstat(ns_host_fd(host), &hs) < 0 || !(dir = opendir("/proc")))
		return;
	while ((d = readdir(dir))) {
		char path[300], cmd[512];
		ssize_t k;
		int fd;

		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/net", d->d_name);
		if (stat(path, &ps) < 0 || ps.st_ino != hs.st_ino || ps.st_dev != hs.st_dev)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", d->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		k = fd >= 0 ? read(fd, cmd, sizeof(cmd) - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (k <= 0)
			continue;
		cmd[k] = '\0';
		for (ssize_t j = 0; j < k - 1; j++)
			if (!cmd[j])
				cmd[j] = ' ';
		hx_buf_printf(b, "    %-7s ", d->d_name);
		hx_buf_quote(b, cmd, strlen(cmd));
		hx_buf_putc(b, '\n');
		n++;
	}
	closedir(dir);
	if (!n)
		hx_buf_puts(b, "    (no process)\n");
}

static void status_text(struct holder *h, struct hx_buf *b)
{
	const struct sc_scenario *sc = h->c->sc;
	size_t i;

	hx_buf_printf(b, "lab '%s': %s\n", sc->name, sc->title);
	hx_buf_printf(b, "scenario: %s\ndirectory: %s\nholder: pid %ld\n", h->c->scenario,
		      h->c->paths->work, (long)holder_outer_pid);
	for (i = 0; i < sc->nhosts; i++) {
		char *const ip[] = { "ip", "-brief", "address", "show", NULL };
		struct ns_run_res rr;
		char e[HX_ERRLEN];

		hx_buf_printf(b, "host %s\n", sc->hosts[i].name);
		if (ns_run(e, h->hosts[i], ip, 5000, &rr) == 0 && rr.out.len) {
			const char *p = rr.out.p, *nl;

			for (; *p; p = nl + 1) {
				nl = strchr(p, '\n');
				if (!nl)
					nl = p + strlen(p) - 1;
				hx_buf_puts(b, "  ");
				hx_buf_put(b, p, (size_t)(nl - p) + 1);
				if (*nl != '\n')
					hx_buf_putc(b, '\n');
				if (!nl[1])
					break;
			}
		} else {
			hx_buf_printf(b, "  (interfaces not shown: %s)\n", e);
		}
		hx_buf_release(&rr.out);
		hx_buf_puts(b, "  processes:\n");
		host_procs(h, h->hosts[i], b);
	}
}

/* Orphans of the lab end up with us, its init: reap them (not the
 * spawner, whose end its own code waits for). */
static void reap(void)
{
	siginfo_t si;

	for (;;) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 || si.si_pid == 0)
			return;
		if (si.si_pid == ns_spawner_pid())
			return;
		waitpid(si.si_pid, NULL, WNOHANG);
	}
}

/* One request; returns 1 when it was `down`. */
static int serve_one(struct holder *h, int fd)
{
	struct pollfd pf = { fd, POLLIN, 0 };
	char req[256];
	ssize_t n;

	/* One connection at a time: one that says nothing may not stall
	 * the lab. */
	if (poll(&pf, 1, 5000) <= 0)
		return 0;
	n = recv(fd, req, sizeof(req) - 1, 0);

	if (n <= 0)
		return 0;
	req[n] = '\0';
	if (!strncmp(req, "enter ", 6)) {
		struct ns_host *host = host_named(h, req + 6);
		struct ns_hold_fds f;
		char e[HX_ERRLEN];
		int v[4], k = 0;

		if (!host) {
			struct hx_buf b = HX_BUF_INIT;

			hx_buf_printf(&b, "lab '%s' has no host '", h->c->sc->name);
			hx_buf_quote(&b, req + 6, strlen(req + 6));
			hx_buf_puts(&b, "' (its hosts: ");
			host_list(h, &b);
			hx_buf_puts(&b, ")");
			reply(fd, 0, b.p, NULL, 0);
			hx_buf_release(&b);
			return 0;
		}
		if (ns_hold_fds_open(e, ns_host_fd(host), &f) < 0) {
			reply(fd, 0, e, NULL, 0);
			return 0;
		}
		if (f.user >= 0)
			v[k++] = f.user;
		v[k++] = f.mnt;
		v[k++] = f.pid;
		v[k++] = f.net;
		{
			struct hx_buf b = HX_BUF_INIT;

			hx_buf_printf(&b, "%d %s", f.user >= 0, h->c->paths->work);
			reply(fd, 1, b.p, v, k);
			hx_buf_release(&b);
		}
		ns_hold_fds_close(&f);
		return 0;
	}
	if (!strcmp(req, "status")) {
		struct hx_buf b = HX_BUF_INIT;

		status_text(h, &b);
		reply(fd, 1, b.p ? b.p : "", NULL, 0);
		hx_buf_release(&b);
		return 0;
	}
	if (!strcmp(req, "down")) {
		reply(fd, 1, "", NULL, 0);
		return 1;
	}
	if (!strcmp(req, "ping")) {
		reply(fd, 1, h->c->sc->name, NULL, 0);
		return 0;
	}
	reply(fd, 0, "unknown request", NULL, 0);
	return 0;
}

static int write_info(char *err, struct holder *h, pid_t outer)
{
	char tmp[PATH_MAX + 8];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.new", h->c->paths->info);
	f = fopen(tmp, "we");
	if (!f)
		return hx_err(err, -errno, "cannot write '%s': %s", tmp, strerror(errno));
	fprintf(f, "name %s\nscenario %s\npid %ld\n", h->c->sc->name, h->c->scenario,
		(long)outer);
	if (fclose(f) != 0 || rename(tmp, h->c->paths->info) < 0)
		return hx_err(err, -errno, "cannot write '%s': %s", h->c->paths->info,
			      strerror(errno));
	return 0;
}

/* This process's pid in the machine's PID namespace (NSpid's first). */
static pid_t outer_pid(void)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "re");
	long v = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "NSpid:", 6)) {
			v = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(f);
	return (pid_t)v;
}

/* The executor's hook: the hosts are up and the steps ran. */
static int hold(void *arg, char *err, struct ns_host *const *hosts)
{
	struct holder *h = arg;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int r, down = 0;

	h->hosts = hosts;
	h->lsock = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (h->lsock < 0)
		return hx_err(err, -errno, "cannot open the lab's socket: %s", strerror(errno));
	lab_copy(sa.sun_path, sizeof(sa.sun_path), h->c->paths->sock);
	unlink(sa.sun_path);
	if (bind(h->lsock, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(h->lsock, 16) < 0)
		return hx_err(err, -errno, "cannot listen on '%s': %s", sa.sun_path,
			      strerror(errno));
	if ((r = write_info(err, h, holder_outer_pid)) < 0)
		return r;
	say(h->status_fd, "ok\n");
	close(h->status_fd);
	h->status_fd = -1;
	/* From now on the holder prints nothing: up has returned. */
	{
		int nul = open("/dev/null", O_RDWR | O_CLOEXEC);

		if (nul >= 0) {
			dup2(nul, 0);
			dup2(nul, 1);
			dup2(nul, 2);
			close(nul);
		}
	}
	while (!down) {
		struct pollfd pf[2] = { { h->lsock, POLLIN, 0 }, { h->sigfd, POLLIN, 0 } };
		struct signalfd_siginfo si;

		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pf[1].revents & POLLIN) {
			while (read(h->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
				if (si.ssi_signo == SIGCHLD)
					reap();
				else
					down = 1; /* SIGTERM, SIGINT, SIGHUP: down */
			}
		}
		if (pf[0].revents & POLLIN) {
			int c = accept4(h->lsock, NULL, NULL, SOCK_CLOEXEC);

			if (c >= 0) {
				down = serve_one(h, c);
				close(c);
			}
		}
	}
	close(h->lsock);
	unlink(h->c->paths->sock);
	return 0;
}

void lab_hold_main(const struct lab_hold_cfg *c)
{
	struct holder h = { .c = c, .status_fd = c->status_fd, .lsock = -1, .sigfd = -1 };
	struct sc_report rep = { 0 };
	struct hx_exec_ctx ctx = { .cancel_fd = -1 };
	static atomic_int never;
	char err[HX_ERRLEN];
	sigset_t set;

	holder_outer_pid = outer_pid();
	if (ns_hold_mounts(err, c->paths->hosts, &h.proc_ok) < 0) {
		say(c->status_fd, "error: %s\n", err);
		_exit(1);
	}
	if (!h.proc_ok)
		snprintf(h.proc_why, sizeof(h.proc_why), "%s", err);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	h.sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (h.sigfd < 0 || ns_spawner_start(err) < 0) {
		if (h.sigfd < 0)
			snprintf(err, sizeof(err), "cannot make a signalfd: %s", strerror(errno));
		say(c->status_fd, "error: %s\n", err);
		_exit(1);
	}
	ctx.cancel_fd = eventfd(0, EFD_CLOEXEC);
	ctx.cancelled = &never;
	ctx.workdir = c->paths->work;
	ctx.timeout = c->sc->timeout ? c->sc->timeout : 60000000;
	ctx.arg = &h;
	ctx.hold_at = c->hold_at;
	ctx.hold = hold;
	if (hx_exec_real(c->sc, &rep, &ctx) < 0 || rep.status != SC_ST_PASS) {
		if (rep.status == SC_ST_SKIP)
			say(h.status_fd, "error: lab '%s' cannot be built here: %s\n",
			    c->sc->name, rep.reason ? rep.reason : "?");
		else if (rep.status == SC_ST_FAIL)
			say(h.status_fd, "error: %s\n", rep.reason ? rep.reason : "?");
	}
	/* rep.status stays PASS when hold ran and returned 0: a `down` */
	_exit(0);
}
