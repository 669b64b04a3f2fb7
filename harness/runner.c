/* runner.c: the scenario pool: worker threads, per-scenario timeouts, Ctrl-C, output directories. */
#define _GNU_SOURCE 1 /* pipe2, ppoll-free signalfd use */
#include "harness/runner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT ((sc_usec)60 * 1000000)

static sc_usec now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (sc_usec)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- reports --------------------------------------------------------- */

void sc_report_release(struct sc_report *r)
{
	if (!r)
		return;
	free(r->reason);
	r->reason = NULL;
	hx_buf_release(&r->transcript);
	sc_verdicts_free(r->verdicts, r->nverdicts);
	r->verdicts = NULL;
	r->nverdicts = 0;
}

void sc_report_reason(struct sc_report *r, const char *fmt, ...)
{
	struct hx_buf b = HX_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	hx_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.oom || !b.p) {
		hx_buf_release(&b);
		return;
	}
	free(r->reason);
	r->reason = b.p;
}

int hx_exec_dry(const struct sc_scenario *sc, struct sc_report *rep,
		const struct hx_exec_ctx *ctx)
{
	(void)ctx;
	hx_buf_printf(&rep->transcript,
		      "validated: %zu host%s, %zu step%s, %zu expectation%s\n",
		      sc->nhosts, sc->nhosts == 1 ? "" : "s", sc->nsteps,
		      sc->nsteps == 1 ? "" : "s", sc->nexpects,
		      sc->nexpects == 1 ? "" : "s");
	rep->status = SC_ST_SKIP;
	sc_report_reason(rep, "no engine yet");
	return 0;
}

/* ---- needs ----------------------------------------------------------- */

/* In the initial user namespace, uid 0 maps to 0 over the whole range. */
static int initial_userns(void)
{
	char buf[128] = "";
	unsigned long a, b, c;
	FILE *f = fopen("/proc/self/uid_map", "re");

	if (!f)
		return 1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return sscanf(buf, "%lu %lu %lu", &a, &b, &c) == 3 && a == 0 && b == 0 &&
	       c == 4294967295UL;
}

static int on_path(const char *tool)
{
	const char *path = getenv("PATH");
	char dir[4096];
	const char *p, *e;

	if (!path)
		path = "/usr/bin:/bin";
	for (p = path; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ':');
		if (!e)
			e = p + strlen(p);
		if ((size_t)(e - p) + strlen(tool) + 2 > sizeof(dir))
			continue;
		snprintf(dir, sizeof(dir), "%.*s/%s", (int)(e - p), e == p ? "." : p, tool);
		if (access(dir, X_OK) == 0)
			return 1;
	}
	return 0;
}

/* nlmon as a module of the running kernel, loaded or not, or built in. */
static int have_nlmon(void)
{
	struct utsname u;
	char path[512], line[512];
	FILE *f;
	int found = 0;

	if (access("/sys/module/nlmon", F_OK) == 0)
		return 1;
	if (uname(&u) < 0)
		return 0;
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
	if ((f = fopen(path, "re"))) {
		while (!found && fgets(line, sizeof(line), f))
			found = strstr(line, "/nlmon.ko") != NULL;
		fclose(f);
	}
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.builtin", u.release);
	if (!found && (f = fopen(path, "re"))) {
		while (!found && fgets(line, sizeof(line), f))
			found = strstr(line, "/nlmon.ko") != NULL;
		fclose(f);
	}
	return found;
}

int hx_need_met(const struct sc_need *n, char *why, size_t len)
{
	char path[512];
	size_t i;

	switch (n->kind) {
	case SC_NEED_ROOT:
		if (geteuid() != 0) {
			snprintf(why, len, "needs root: running as uid %u", (unsigned)geteuid());
			return 0;
		}
		if (!initial_userns()) {
			snprintf(why, len, "needs root: running in a user namespace");
			return 0;
		}
		return 1;
	case SC_NEED_NLMON:
		if (have_nlmon())
			return 1;
		snprintf(why, len, "needs nlmon: this kernel has no nlmon link type");
		return 0;
	case SC_NEED_SYSCTL:
		snprintf(path, sizeof(path), "/proc/sys/%s", n->arg);
		for (i = strlen("/proc/sys/"); path[i]; i++)
			if (path[i] == '.')
				path[i] = '/';
		if (access(path, F_OK) == 0)
			return 1;
		snprintf(why, len, "needs sysctl %s: this kernel lacks it", n->arg);
		return 0;
	case SC_NEED_TOOL:
		if (on_path(n->arg))
			return 1;
		snprintf(why, len, "needs tool %s: not found on PATH", n->arg);
		return 0;
	case SC_NEED_USER: {
		struct passwd pw, *res = NULL;
		char buf[4096];

		if (getpwnam_r(n->arg, &pw, buf, sizeof(buf), &res) == 0 && res)
			return 1;
		snprintf(why, len, "needs user %s: no such user", n->arg);
		return 0;
	}
	}
	return 1;
}

/* ---- loading --------------------------------------------------------- */

int hx_run_load(char *err, struct hx_run *run, char *const *paths, size_t n)
{
	size_t i;

	memset(run, 0, sizeof(*run));
	run->items = calloc(n ? n : 1, sizeof(*run->items));
	if (!run->items)
		return hx_err(err, -ENOMEM, "out of memory");
	run->n = n;
	for (i = 0; i < n; i++) {
		struct hx_run_item *it = &run->items[i];
		char e[HX_ERRLEN];

		it->path = strdup(paths[i]);
		if (!it->path)
			return hx_err(err, -ENOMEM, "out of memory");
		if (sc_load(e, paths[i], &it->sc) < 0) {
			it->load_err = strdup(e);
			if (!it->load_err)
				return hx_err(err, -ENOMEM, "out of memory");
		}
	}
	return 0;
}

void hx_run_release(struct hx_run *run)
{
	size_t i;

	if (!run)
		return;
	for (i = 0; i < run->n; i++) {
		free(run->items[i].path);
		sc_free(run->items[i].sc);
		free(run->items[i].load_err);
		sc_report_release(&run->items[i].rep);
	}
	free(run->items);
	memset(run, 0, sizeof(*run));
}

int hx_run_exit_code(const struct hx_run *run)
{
	if (run->interrupted)
		return 130;
	return run->failed ? 1 : 0;
}

/* ---- directories ----------------------------------------------------- */

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_DP)
		return rmdir(p) < 0 && errno != ENOENT ? -1 : 0;
	return unlink(p) < 0 && errno != ENOENT ? -1 : 0;
}

static int rm_tree(const char *dir)
{
	return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int mkdir_p(const char *dir)
{
	char tmp[4096];
	size_t i, n = strlen(dir);

	if (n >= sizeof(tmp))
		return -ENAMETOOLONG;
	memcpy(tmp, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
			return -errno;
		tmp[i] = dir[i];
	}
	return 0;
}

/* Whether a directory is empty (1), not (0), or fails (< 0). */
static int dir_empty(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *de;
	int empty = 1;

	if (!dp)
		return -errno;
	while ((de = readdir(dp)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(dp);
	return empty;
}

/*
 * The scenario's directory: OUT/NAME (emptied when it holds an earlier
 * run's transcript.txt; refused when it holds something else), or a new
 * temporary one. *temp says which.
 */
static int workdir(char *err, const char *outdir, const char *name, char **out,
		   int *temp)
{
	struct hx_buf b = HX_BUF_INIT;
	int r;

	*out = NULL;
	*temp = !outdir;
	if (outdir) {
		hx_buf_printf(&b, "%s/%s", outdir, name);
		if (b.oom)
			return hx_err(err, -ENOMEM, "out of memory");
		r = dir_empty(b.p);
		if (r == 0) {
			struct hx_buf t = HX_BUF_INIT;

			hx_buf_printf(&t, "%s/transcript.txt", b.p);
			if (access(t.p, F_OK) < 0) {
				hx_buf_release(&t);
				r = hx_err(err, -EEXIST,
					   "output directory '%s' is not empty and is not an earlier run's",
					   b.p);
				hx_buf_release(&b);
				return r;
			}
			hx_buf_release(&t);
			if (rm_tree(b.p) < 0) {
				r = hx_err(err, -errno, "cannot empty '%s': %s", b.p, strerror(errno));
				hx_buf_release(&b);
				return r;
			}
		}
		if ((r = mkdir_p(b.p)) < 0) {
			hx_err(err, r, "cannot create '%s': %s", b.p, strerror(-r));
			hx_buf_release(&b);
			return r;
		}
		*out = b.p;
		return 0;
	}
	{
		const char *tmp = getenv("TMPDIR");

		hx_buf_printf(&b, "%s/dumplab-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
		if (b.oom)
			return hx_err(err, -ENOMEM, "out of memory");
		if (!mkdtemp(b.p)) {
			r = hx_err(err, -errno, "cannot create a directory in '%s': %s",
				   tmp && *tmp ? tmp : "/tmp", strerror(errno));
			hx_buf_release(&b);
			return r;
		}
		*out = b.p;
		return 0;
	}
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The scenario's `file` blocks, written into its directory. */
static int write_files(char *err, const struct sc_scenario *sc, const char *dir)
{
	size_t i;

	for (i = 0; i < sc->nfiles; i++) {
		const struct sc_file *f = &sc->files[i];
		struct hx_buf p = HX_BUF_INIT;
		int fd, r;
		char *slash;

		hx_buf_printf(&p, "%s/%s", dir, f->name);
		if (p.oom)
			return hx_err(err, -ENOMEM, "out of memory");
		slash = strrchr(p.p, '/');
		if (slash && slash > p.p + strlen(dir)) {
			*slash = '\0';
			r = mkdir_p(p.p);
			*slash = '/';
			if (r < 0) {
				hx_err(err, r, "cannot create the directory of '%s': %s", f->name,
				       strerror(-r));
				hx_buf_release(&p);
				return r;
			}
		}
		fd = open(p.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, f->mode);
		if (fd < 0) {
			r = hx_err(err, -errno, "cannot write '%s': %s", p.p, strerror(errno));
			hx_buf_release(&p);
			return r;
		}
		r = write_all(fd, f->text, f->len);
		if (r == 0 && fchmod(fd, f->mode) < 0)
			r = -errno;
		close(fd);
		if (r < 0) {
			hx_err(err, r, "cannot write '%s': %s", p.p, strerror(-r));
			hx_buf_release(&p);
			return r;
		}
		hx_buf_release(&p);
	}
	return 0;
}

/* ---- the pool -------------------------------------------------------- */

struct slot {
	int efd;	    /* the scenario's cancel eventfd */
	atomic_int cancelled;
	sc_usec start, deadline;
	int running;
};

struct runner {
	struct hx_run *run;
	const struct hx_run_opts *o;
	hx_exec_fn exec;
	pthread_mutex_t mu;
	size_t next;	    /* the next item to start */
	size_t running;
	size_t passed, failed, skipped;
	int stop;	    /* cancelled: start nothing more */
	int wake;	    /* eventfd: a worker finished */
	struct slot *slots;
	sc_usec t0;
};

static void finish(struct runner *R, struct hx_run_item *it, struct slot *s)
{
	struct sc_report *rep = &it->rep;

	rep->elapsed = now_us() - s->start;
	if (it->timed_out) {
		char b[32];

		rep->status = SC_ST_FAIL;
		sc_report_reason(rep, "timed out after %s",
				 sc_duration_str(it->sc && it->sc->timeout ? it->sc->timeout
					 : R->o->default_timeout ? R->o->default_timeout
								 : DEFAULT_TIMEOUT,
						 b, sizeof(b)));
	} else if (it->interrupted) {
		rep->status = SC_ST_FAIL;
		sc_report_reason(rep, "interrupted");
	}
}

static void run_one(struct runner *R, size_t i)
{
	struct hx_run_item *it = &R->run->items[i];
	struct slot *s = &R->slots[i];
	struct sc_report *rep = &it->rep;
	char err[HX_ERRLEN], why[HX_ERRLEN];
	char *dir = NULL;
	int temp = 0, r;
	size_t k;

	if (!it->sc) {
		rep->status = SC_ST_FAIL;
		sc_report_reason(rep, "%s", it->load_err ? it->load_err : "did not load");
		return;
	}
	for (k = 0; k < it->sc->nneeds; k++)
		if (!hx_need_met(&it->sc->needs[k], why, sizeof(why))) {
			rep->status = SC_ST_SKIP;
			sc_report_reason(rep, "%s", why);
			return;
		}
	if (workdir(err, R->o->outdir, it->sc->name, &dir, &temp) < 0 ||
	    write_files(err, it->sc, dir) < 0) {
		rep->status = SC_ST_FAIL;
		sc_report_reason(rep, "%s", err);
		if (dir && temp)
			rm_tree(dir);
		free(dir);
		return;
	}
	{
		struct hx_exec_ctx ctx = {
			.cancel_fd = s->efd,
			.cancelled = &s->cancelled,
			.workdir = dir,
			.timeout = it->sc->timeout ? it->sc->timeout
				   : R->o->default_timeout ? R->o->default_timeout
							   : DEFAULT_TIMEOUT,
			.arg = R->o->exec_arg,
		};

		rep->status = SC_ST_PASS;
		r = R->exec(it->sc, rep, &ctx);
		if (r < 0) {
			rep->status = SC_ST_FAIL;
			if (!rep->reason)
				sc_report_reason(rep, "the executor failed: %s", strerror(-r));
		}
		/* Any failed verdict fails the scenario. */
		for (k = 0; k < rep->nverdicts; k++)
			if (!rep->verdicts[k].pass && rep->status == SC_ST_PASS) {
				rep->status = SC_ST_FAIL;
				if (!rep->reason)
					sc_report_reason(rep, "expectation on line %u failed",
							 it->sc->expects[rep->verdicts[k].expect].pos.line);
			}
	}
	if (R->o->outdir) {
		struct hx_buf p = HX_BUF_INIT;
		int fd;

		hx_buf_printf(&p, "%s/transcript.txt", dir);
		fd = p.oom ? -1 : open(p.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd >= 0) {
			if (rep->transcript.len)
				write_all(fd, rep->transcript.p, rep->transcript.len);
			close(fd);
		}
		hx_buf_release(&p);
	}
	if (temp)
		rm_tree(dir);
	free(dir);
}

static void *worker(void *arg)
{
	struct runner *R = arg;
	uint64_t one = 1;

	for (;;) {
		size_t i;
		struct hx_run_item *it;

		pthread_mutex_lock(&R->mu);
		if (R->stop || R->next == R->run->n) {
			pthread_mutex_unlock(&R->mu);
			return NULL;
		}
		i = R->next++;
		it = &R->run->items[i];
		it->ran = 1;
		R->slots[i].start = now_us();
		R->slots[i].deadline =
			R->slots[i].start +
			(it->sc && it->sc->timeout ? it->sc->timeout
			 : R->o->default_timeout ? R->o->default_timeout
						 : DEFAULT_TIMEOUT);
		R->slots[i].running = 1;
		R->running++;
		if ((int)R->running > R->run->max_parallel)
			R->run->max_parallel = (int)R->running;
		pthread_mutex_unlock(&R->mu);
		/* The watchdog must learn the new deadline. */
		if (write(R->wake, &one, sizeof(one)) < 0) {
			/* An eventfd write only fails on overflow. */
		}

		run_one(R, i);

		pthread_mutex_lock(&R->mu);
		finish(R, it, &R->slots[i]);
		R->slots[i].running = 0;
		R->running--;
		switch (it->rep.status) {
		case SC_ST_PASS: R->passed++; break;
		case SC_ST_FAIL: R->failed++; break;
		case SC_ST_SKIP: R->skipped++; break;
		}
		pthread_mutex_unlock(&R->mu);
		if (write(R->wake, &one, sizeof(one)) < 0) {
			/* The counter cannot overflow here; nothing to do. */
		}
	}
}

static void cancel_slot(struct slot *s)
{
	uint64_t one = 1;

	atomic_store(&s->cancelled, 1);
	if (write(s->efd, &one, sizeof(one)) < 0) {
		/* An eventfd write only fails on overflow. */
	}
}

static void progress(struct runner *R, int final)
{
	char line[160];
	int n;

	if (R->o->progress_fd < 0)
		return;
	if (final) {
		n = snprintf(line, sizeof(line), "\r\033[K");
	} else {
		sc_usec t = now_us() - R->t0;

		pthread_mutex_lock(&R->mu);
		n = snprintf(line, sizeof(line),
			     "\r\033[K[dumplab] %zu running, %zu passed, %zu failed, %zu skipped, %zu to go, %lld.%llds",
			     R->running, R->passed, R->failed, R->skipped,
			     R->run->n - R->next, (long long)(t / 1000000),
			     (long long)(t / 100000 % 10));
		pthread_mutex_unlock(&R->mu);
	}
	if (n > 0)
		write_all(R->o->progress_fd, line, (size_t)n);
}

int hx_run_exec(char *err, struct hx_run *run, const struct hx_run_opts *o)
{
	struct runner R;
	pthread_t *th = NULL;
	sigset_t mask, old;
	int nth, started = 0, sfd = -1, r = 0;
	size_t i;

	memset(&R, 0, sizeof(R));
	R.run = run;
	R.o = o;
	R.exec = o->exec ? o->exec : hx_exec_dry;
	R.wake = -1;
	R.t0 = now_us();
	nth = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (nth < 1)
		nth = 1;
	if ((size_t)nth > run->n)
		nth = run->n ? (int)run->n : 1;
	pthread_mutex_init(&R.mu, NULL);
	R.slots = calloc(run->n ? run->n : 1, sizeof(*R.slots));
	th = calloc((size_t)nth, sizeof(*th));
	if (!R.slots || !th) {
		r = hx_err(err, -ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < run->n; i++)
		R.slots[i].efd = -1;
	for (i = 0; i < run->n; i++) {
		R.slots[i].efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (R.slots[i].efd < 0) {
			r = hx_err(err, -errno, "cannot create an eventfd: %s", strerror(errno));
			goto out;
		}
	}
	R.wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (R.wake < 0) {
		r = hx_err(err, -errno, "cannot create an eventfd: %s", strerror(errno));
		goto out;
	}
	if (o->outdir && (r = mkdir_p(o->outdir)) < 0) {
		hx_err(err, r, "cannot create '%s': %s", o->outdir, strerror(-r));
		goto out;
	}
	/* Signals go to the signalfd only: block them before any thread
	 * exists, so every worker inherits the mask. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	if (o->handle_signals) {
		pthread_sigmask(SIG_BLOCK, &mask, &old);
		sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
		if (sfd < 0) {
			r = hx_err(err, -errno, "cannot create a signalfd: %s", strerror(errno));
			pthread_sigmask(SIG_SETMASK, &old, NULL);
			goto out;
		}
	}
	for (started = 0; started < nth; started++) {
		int e = pthread_create(&th[started], NULL, worker, &R);

		if (e) {
			r = hx_err(err, -e, "cannot start a worker thread: %s", strerror(e));
			pthread_mutex_lock(&R.mu);
			R.stop = 1;
			pthread_mutex_unlock(&R.mu);
			break;
		}
	}
	/* The watchdog: wake on a finished scenario, a signal, the cancel fd,
	 * the next deadline, or the progress tick. */
	for (;;) {
		struct pollfd pf[3];
		int np = 0, timeout = -1, done;
		sc_usec t = now_us(), next = INT64_MAX;
		uint64_t v;

		pthread_mutex_lock(&R.mu);
		done = R.running == 0 && (R.stop || R.next == run->n);
		for (i = 0; i < run->n; i++) {
			struct slot *s = &R.slots[i];

			if (!s->running || atomic_load(&s->cancelled))
				continue;
			if (s->deadline <= t) {
				run->items[i].timed_out = 1;
				cancel_slot(s);
			} else if (s->deadline < next) {
				next = s->deadline;
			}
		}
		pthread_mutex_unlock(&R.mu);
		if (done || started == 0)
			break;
		if (next != INT64_MAX)
			timeout = (int)((next - t + 999) / 1000);
		if (o->progress_fd >= 0 && (timeout < 0 || timeout > 250))
			timeout = 250;
		pf[np].fd = R.wake;
		pf[np++].events = POLLIN;
		if (sfd >= 0) {
			pf[np].fd = sfd;
			pf[np++].events = POLLIN;
		}
		if (o->cancel_fd >= 0 && !run->interrupted) {
			pf[np].fd = o->cancel_fd;
			pf[np++].events = POLLIN;
		}
		progress(&R, 0);
		if (poll(pf, (nfds_t)np, timeout) < 0 && errno != EINTR) {
			r = hx_err(err, -errno, "poll: %s", strerror(errno));
			break;
		}
		if (read(R.wake, &v, sizeof(v)) < 0) {
			/* EAGAIN: woken by something else */
		}
		{
			int cancel = 0, k;

			for (k = 1; k < np; k++)
				if (pf[k].revents & (POLLIN | POLLHUP | POLLERR))
					cancel = 1;
			if (sfd >= 0) {
				struct signalfd_siginfo si;

				while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
					cancel = 1;
			}
			if (cancel && !run->interrupted) {
				run->interrupted = 1;
				pthread_mutex_lock(&R.mu);
				R.stop = 1;
				for (i = 0; i < run->n; i++)
					if (R.slots[i].running) {
						run->items[i].interrupted = 1;
						cancel_slot(&R.slots[i]);
					}
				pthread_mutex_unlock(&R.mu);
			}
		}
	}
	for (i = 0; i < (size_t)started; i++)
		pthread_join(th[i], NULL);
	progress(&R, 1);
	/* What never started after a cancel is reported interrupted. */
	for (i = 0; i < run->n; i++)
		if (!run->items[i].ran) {
			run->items[i].interrupted = 1;
			run->items[i].rep.status = SC_ST_SKIP;
			sc_report_reason(&run->items[i].rep, "not run: interrupted");
			R.skipped++;
		}
	run->passed = R.passed;
	run->failed = R.failed;
	run->skipped = R.skipped;
	if (o->handle_signals && sfd >= 0) {
		close(sfd);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
out:
	run->wall = now_us() - R.t0;
	if (R.slots)
		for (i = 0; i < run->n; i++)
			if (R.slots[i].efd >= 0)
				close(R.slots[i].efd);
	if (R.wake >= 0)
		close(R.wake);
	free(R.slots);
	free(th);
	pthread_mutex_destroy(&R.mu);
	return r;
}
