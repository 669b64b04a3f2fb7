/* runner.c: the scenario pool: worker threads, per-scenario timeouts, Ctrl-C, output directories. */
#define _GNU_SOURCE 1 /* qsort_r, unshare */
#include "harness/runner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mount.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "netns/ns.h"

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
	free(r->waiting);
	r->waiting = NULL;
	hx_buf_release(&r->transcript);
	hx_buf_release(&r->html);
	sc_verdicts_free(r->verdicts, r->nverdicts);
	r->verdicts = NULL;
	r->nverdicts = 0;
}

__attribute__((format(printf, 2, 0)))
static void replace(char **dst, const char *fmt, va_list ap)
{
	struct hx_buf b = HX_BUF_INIT;

	hx_buf_vprintf(&b, fmt, ap);
	if (b.oom || !b.p) {
		hx_buf_release(&b);
		return;
	}
	free(*dst);
	*dst = b.p;
}

void sc_report_reason(struct sc_report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	replace(&r->reason, fmt, ap);
	va_end(ap);
}

void sc_report_waiting(struct sc_report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	replace(&r->waiting, fmt, ap);
	va_end(ap);
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

/* A module of the running kernel ("nlmon", "sch_netem"), loaded or not,
 * or built in. */
static int have_module(const char *name)
{
	struct utsname u;
	char path[512], line[512], ko[64];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	if (access(path, F_OK) == 0)
		return 1;
	if (uname(&u) < 0)
		return 0;
	snprintf(ko, sizeof(ko), "/%s.ko", name);
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
	if ((f = fopen(path, "re"))) {
		while (!found && fgets(line, sizeof(line), f))
			found = strstr(line, ko) != NULL;
		fclose(f);
	}
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.builtin", u.release);
	if (!found && (f = fopen(path, "re"))) {
		while (!found && fgets(line, sizeof(line), f))
			found = strstr(line, ko) != NULL;
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
		if (have_module("nlmon"))
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
	case SC_NEED_NETEM:
		/* tried, not looked up: a built-in qdisc has no module */
		if (ns_qdisc_supported("netem"))
			return 1;
		snprintf(why, len, "needs netem: this kernel has no netem qdisc (tbf is here: 'shape')");
		return 0;
	}
	return 1;
}

/* ---- loading --------------------------------------------------------- */

/* Item indices ordered by path, then by index. */
static int by_path(const void *a, const void *b, void *arg)
{
	const struct hx_run_item *it = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(it[i].path, it[j].path);

	return c ? c : (i > j) - (i < j);
}

/* Item indices ordered by scenario name, then by index. */
static int by_name(const void *a, const void *b, void *arg)
{
	const struct hx_run_item *it = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(it[i].sc ? it[i].sc->name : "", it[j].sc ? it[j].sc->name : "");

	return c ? c : (i > j) - (i < j);
}

int hx_run_load(char *err, struct hx_run *run, char *const *paths, size_t n)
{
	size_t i, *ix;

	memset(run, 0, sizeof(*run));
	run->items = calloc(n ? n : 1, sizeof(*run->items));
	ix = calloc(n ? n : 1, sizeof(*ix));
	if (!run->items || !ix) {
		free(ix);
		return hx_err(err, -ENOMEM, "out of memory");
	}
	run->n = n;
	for (i = 0; i < n; i++) {
		run->items[i].path = strdup(paths[i]);
		if (!run->items[i].path) {
			free(ix);
			return hx_err(err, -ENOMEM, "out of memory");
		}
		ix[i] = i;
	}
	/* A path named again shares the first load: a run of the same file
	 * 5,000 times holds one parsed scenario, not 5,000. */
	qsort_r(ix, n, sizeof(*ix), by_path, run->items);
	for (i = 0; i < n; i++) {
		struct hx_run_item *it = &run->items[ix[i]];
		char e[HX_ERRLEN];

		if (i > 0 && !strcmp(run->items[ix[i - 1]].path, it->path)) {
			it->sc = run->items[ix[i - 1]].sc;
			it->load_err = run->items[ix[i - 1]].load_err;
			it->shared = 1;
			continue;
		}
		if (sc_load(e, it->path, &it->sc) < 0) {
			it->load_err = strdup(e);
			if (!it->load_err) {
				free(ix);
				return hx_err(err, -ENOMEM, "out of memory");
			}
		}
	}
	/* The same name twice (a path repeated, or two files naming one
	 * scenario) numbers the later ones, so --out keeps each apart. */
	qsort_r(ix, n, sizeof(*ix), by_name, run->items);
	for (i = 1; i < n; i++) {
		struct hx_run_item *a = &run->items[ix[i - 1]], *b = &run->items[ix[i]];

		if (a->sc && b->sc && !strcmp(a->sc->name, b->sc->name))
			b->copy = a->copy + 1;
	}
	free(ix);
	return 0;
}

void hx_run_release(struct hx_run *run)
{
	size_t i;

	if (!run)
		return;
	for (i = 0; i < run->n; i++) {
		free(run->items[i].path);
		if (!run->items[i].shared) {
			sc_free(run->items[i].sc);
			free(run->items[i].load_err);
		}
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

/* Removes every entry of dir but dir itself. */
static int empty_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int r = 0;

	if (!dp)
		return -errno;
	while ((de = readdir(dp))) {
		struct hx_buf p = HX_BUF_INIT;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		hx_buf_printf(&p, "%s/%s", dir, de->d_name);
		if (p.oom || rm_tree(p.p) < 0)
			r = p.oom ? -ENOMEM : -errno;
		hx_buf_release(&p);
		if (r < 0)
			break;
	}
	closedir(dp);
	return r;
}

int hx_run_outdir(char *err, const char *dir)
{
	struct hx_buf m = HX_BUF_INIT;
	struct stat st;
	int r, fd;

	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		return hx_err(err, -ENOTDIR, "'%s' is not a directory", dir);
	hx_buf_printf(&m, "%s/%s", dir, HX_OUT_MARK);
	if (m.oom)
		return hx_err(err, -ENOMEM, "out of memory");
	r = dir_empty(dir);
	if (r == 0) {
		/* An earlier run's: it is replaced, not mixed with this one. */
		if (access(m.p, F_OK) < 0) {
			hx_buf_release(&m);
			return hx_err(err, -EEXIST,
				      "'%s' is not empty and no earlier run wrote it (it has no %s): "
				      "choose an empty or new directory", dir, HX_OUT_MARK);
		}
		if ((r = empty_dir(dir)) < 0) {
			hx_buf_release(&m);
			return hx_err(err, r, "cannot empty '%s': %s", dir, strerror(-r));
		}
	} else if (r < 0 && r != -ENOENT) {
		hx_buf_release(&m);
		return hx_err(err, r, "cannot read '%s': %s", dir, strerror(-r));
	}
	if ((r = mkdir_p(dir)) < 0) {
		hx_buf_release(&m);
		return hx_err(err, r, "cannot create '%s': %s", dir, strerror(-r));
	}
	fd = open(m.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		r = -errno;
		hx_err(err, r, "cannot write '%s': %s", m.p, strerror(errno));
		hx_buf_release(&m);
		return r;
	}
	if (write(fd, "dumplab run --out\n", 18) != 18)
		r = -EIO;
	close(fd);
	hx_buf_release(&m);
	return r < 0 ? hx_err(err, r, "cannot write the mark of '%s'", dir) : 0;
}

/*
 * The scenario's directory: OUT/NAME, or OUT/NAME.K for its K-th copy
 * (emptied when it holds an earlier run's transcript.txt; refused when it
 * holds something else), or a new temporary one under o->scratch, else
 * TMPDIR. *temp says which.
 */
static int workdir(char *err, const struct hx_run_opts *o, const char *name,
		   unsigned copy, char **out, int *temp)
{
	const char *outdir = o->outdir;
	struct hx_buf b = HX_BUF_INIT;
	int r;

	*out = NULL;
	*temp = !outdir;
	if (outdir) {
		/* Names have no '.': NAME.2 is never another scenario's. */
		if (copy)
			hx_buf_printf(&b, "%s/%s.%u", outdir, name, copy + 1);
		else
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
		const char *tmp = o->scratch ? o->scratch : getenv("TMPDIR");

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

/* ---- the scratch file system ---------------------------------------- */

#define SCRATCH_DIR "/dev/shm"

size_t hx_run_scratch_size(int jobs)
{
	long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
	size_t mib = (size_t)1 << 20, want, cap;

	want = (size_t)(jobs > 0 ? jobs : 1) * 64 * mib;
	if (want < 256 * mib)
		want = 256 * mib;
	if (pages > 0 && psz > 0) {
		cap = (size_t)pages / 4 * (size_t)psz;
		if (want > cap)
			want = cap;
	}
	return want;
}

int hx_run_scratch_hides(const char *path)
{
	struct stat shm, st;
	char dir[4096], *slash;

	if (stat(SCRATCH_DIR, &shm) < 0)
		return 0;
	if (stat(path, &st) == 0)
		return st.st_dev == shm.st_dev;
	/* A file to be created: the directory it goes in. */
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return stat(dir, &st) == 0 && st.st_dev == shm.st_dev;
}

static int scratch_mount(char *err, size_t size)
{
	char opts[64];
	struct stat st;

	if (stat(SCRATCH_DIR, &st) < 0 || !S_ISDIR(st.st_mode))
		return hx_err(err, -ENOTDIR, "no directory '%s' to mount a scratch file system on",
			      SCRATCH_DIR);
	/* Fails with EINVAL once the process has threads. */
	if (unshare(CLONE_NEWNS) < 0)
		return hx_err(err, -errno, "cannot create a mount namespace: %s", strerror(errno));
	/* systemd makes / shared: without this, the tmpfs would appear in
	 * the machine's namespace too. Slaves still see the machine's new
	 * mounts (a disk mounted for --out during the run). */
	if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0)
		return hx_err(err, -errno, "cannot make the mounts of '/' slaves: %s",
			      strerror(errno));
	/* Not noexec: a scenario's `file` may be a -z post-rotate script. */
	snprintf(opts, sizeof(opts), "size=%zu,mode=0755", size);
	if (mount("dumplab", SCRATCH_DIR, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0)
		return hx_err(err, -errno, "cannot mount a scratch tmpfs on '%s': %s", SCRATCH_DIR,
			      strerror(errno));
	return 0;
}

int hx_run_scratch(char *err, size_t size, char *dir, size_t len)
{
	/* The mount namespace is the process's: one per process, so is the
	 * answer. Written once, single-threaded (the contract). */
	static int done, rc;
	static char why[HX_ERRLEN];

	if (!done) {
		done = 1;
		rc = scratch_mount(why, size);
	}
	if (rc < 0)
		return hx_err(err, rc, "%s", why);
	if ((size_t)snprintf(dir, len, "%s", SCRATCH_DIR) >= len)
		return hx_err(err, -ENAMETOOLONG, "no room for the scratch directory's name");
	return 0;
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

/*
 * One worker thread and the scenario it runs: the eventfd and the flag are
 * that scenario's cancel signal, reset before each one, so a run holds one
 * eventfd per worker however many scenarios it queues.
 */
struct slot {
	struct runner *R;
	int efd;
	atomic_int cancelled;
	size_t item;	    /* the running item (while running) */
	sc_usec start, deadline;
	int running;
};

struct runner {
	struct hx_run *run;
	const struct hx_run_opts *o;
	hx_exec_fn exec;
	pthread_mutex_t mu;
	size_t *order;	    /* item indices in start order */
	size_t next;	    /* the next of order to start */
	size_t running;
	size_t passed, failed, skipped;
	int stop;	    /* cancelled: start nothing more */
	int wake;	    /* eventfd: a worker started or finished one */
	struct slot *slots; /* one per worker */
	size_t nslots;
	sc_usec t0;
};

int hx_run_default_jobs(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	long j = (cores > 0 ? cores : 1) * HX_JOBS_PER_CORE;

	if (j < HX_JOBS_MIN)
		j = HX_JOBS_MIN;
	return j > 1024 ? 1024 : (int)j;
}

static sc_usec item_timeout(const struct runner *R, const struct hx_run_item *it)
{
	if (it->sc && it->sc->timeout)
		return it->sc->timeout;
	return R->o->default_timeout ? R->o->default_timeout : DEFAULT_TIMEOUT;
}

/*
 * Line `line` of the file at path, its blanks trimmed, in buf; "" when it
 * cannot be read. The statement a timeout names, as the author wrote it.
 */
static const char *source_line(const char *path, unsigned line, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	char *l = NULL, *p;
	size_t cap = 0;
	unsigned n = 0;

	buf[0] = '\0';
	if (!f)
		return buf;
	while (getline(&l, &cap, f) >= 0)
		if (++n == line) {
			p = l + strspn(l, " \t");
			p[strcspn(p, "\r\n")] = '\0';
			snprintf(buf, len, "%s", p);
			break;
		}
	free(l);
	fclose(f);
	return buf;
}

/*
 * A cancelled scenario (timeout, Ctrl-C) fails naming where it was: the
 * step's line, label and statement, and what it waited for.
 */
static void cut_reason(struct sc_report *rep, const struct hx_run_item *it, const char *what)
{
	const struct sc_step *st;
	char line[256], *stmt, *p, *q;

	if (rep->step == SC_NONE || !it->sc || rep->step >= it->sc->nsteps) {
		sc_report_reason(rep, "%s", what);
		return;
	}
	st = &it->sc->steps[rep->step];
	source_line(it->path, st->pos.line, line, sizeof(line));
	/* The statement alone ("recv s 19"), its blanks collapsed: the
	 * label is named apart. */
	stmt = line;
	if (st->label && !strncmp(stmt, st->label, strlen(st->label)) &&
	    stmt[strlen(st->label)] == ':')
		stmt += strlen(st->label) + 1;
	for (p = q = stmt; *p; p++)
		if (!((*p == ' ' || *p == '\t') && (q == stmt || q[-1] == ' ')))
			*q++ = *p == '\t' ? ' ' : *p;
	while (q > stmt && q[-1] == ' ')
		q--;
	*q = '\0';
	sc_report_reason(rep, "%s in line %u (%s%s%s)%s%s", what, st->pos.line,
			 st->label ? st->label : "", st->label ? ": " : "",
			 *stmt ? stmt : sc_step_name(st->kind), rep->waiting ? ": " : "",
			 rep->waiting ? rep->waiting : "");
}

/* Under R->mu. */
static void finish(struct runner *R, struct hx_run_item *it, struct slot *s)
{
	struct sc_report *rep = &it->rep;

	rep->elapsed = now_us() - s->start;
	if (it->timed_out) {
		char b[32], what[64];

		rep->status = SC_ST_FAIL;
		snprintf(what, sizeof(what), "timed out after %s",
			 sc_duration_str(item_timeout(R, it), b, sizeof(b)));
		cut_reason(rep, it, what);
	} else if (it->interrupted) {
		rep->status = SC_ST_FAIL;
		cut_reason(rep, it, "interrupted");
	}
}

/* --out: DIR/NAME/transcript.txt is the transcript, then the verdicts
 * (hx_report_kept). */
static void keep_transcript(const struct hx_run_item *it, const char *dir)
{
	struct hx_buf p = HX_BUF_INIT, t = HX_BUF_INIT;
	int fd;

	hx_buf_printf(&p, "%s/transcript.txt", dir);
	hx_report_kept(&t, it);
	fd = p.oom ? -1 : open(p.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (t.len)
			write_all(fd, t.p, t.len);
		close(fd);
	}
	hx_buf_release(&t);
	hx_buf_release(&p);
}

static void run_one(struct runner *R, struct slot *s)
{
	struct hx_run_item *it = &R->run->items[s->item];
	struct sc_report *rep = &it->rep;
	char err[HX_ERRLEN], why[HX_ERRLEN];
	char *dir = NULL;
	int temp = 0, r;
	size_t k;

	rep->step = SC_NONE;
	if (!it->sc) {
		rep->status = SC_ST_FAIL;
		sc_report_reason(rep, "%s", it->load_err ? it->load_err : "did not load");
		goto done;
	}
	for (k = 0; k < it->sc->nneeds; k++)
		if (!hx_need_met(&it->sc->needs[k], why, sizeof(why))) {
			rep->status = SC_ST_SKIP;
			sc_report_reason(rep, "%s", why);
			goto done;
		}
	if (workdir(err, R->o, it->sc->name, it->copy, &dir, &temp) < 0 ||
	    write_files(err, it->sc, dir) < 0) {
		rep->status = SC_ST_FAIL;
		sc_report_reason(rep, "%s", err);
		goto done;
	}
	{
		struct hx_exec_ctx ctx = {
			.cancel_fd = s->efd,
			.cancelled = &s->cancelled,
			.workdir = dir,
			.timeout = item_timeout(R, it),
			.keep_pcaps = R->o->keep_pcaps,
			.html = R->o->html,
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
done:
	pthread_mutex_lock(&R->mu);
	finish(R, it, s);
	pthread_mutex_unlock(&R->mu);
	if (dir && R->o->outdir && !temp)
		keep_transcript(it, dir);
	if (dir && temp)
		rm_tree(dir);
	free(dir);
}

static void wake(int efd)
{
	uint64_t one = 1;

	if (write(efd, &one, sizeof(one)) < 0) {
		/* An eventfd write only fails on overflow: it is readable. */
	}
}

static void *worker(void *arg)
{
	struct slot *s = arg;
	struct runner *R = s->R;
	uint64_t v;

	for (;;) {
		struct hx_run_item *it;

		pthread_mutex_lock(&R->mu);
		if (R->stop || R->next == R->run->n) {
			pthread_mutex_unlock(&R->mu);
			return NULL;
		}
		s->item = R->order[R->next++];
		it = &R->run->items[s->item];
		it->ran = 1;
		/* A cancel that came as the previous scenario ended was that
		 * one's: the watchdog cancels only under the lock, and only a
		 * running slot. */
		atomic_store(&s->cancelled, 0);
		if (read(s->efd, &v, sizeof(v)) < 0) {
			/* EAGAIN: it was not signalled */
		}
		s->start = now_us();
		s->deadline = s->start + item_timeout(R, it);
		s->running = 1;
		R->running++;
		if ((int)R->running > R->run->max_parallel)
			R->run->max_parallel = (int)R->running;
		pthread_mutex_unlock(&R->mu);
		/* The watchdog must learn the new deadline. */
		wake(R->wake);

		run_one(R, s);

		pthread_mutex_lock(&R->mu);
		s->running = 0;
		R->running--;
		switch (it->rep.status) {
		case SC_ST_PASS: R->passed++; break;
		case SC_ST_FAIL: R->failed++; break;
		case SC_ST_SKIP: R->skipped++; break;
		}
		pthread_mutex_unlock(&R->mu);
		wake(R->wake);
	}
}

/* Under R->mu. */
static void cancel_slot(struct slot *s)
{
	atomic_store(&s->cancelled, 1);
	wake(s->efd);
}

/* Starts nothing more and cancels what runs, each marked interrupted.
 * Under R->mu. */
static void stop_all(struct runner *R)
{
	size_t k;

	R->stop = 1;
	for (k = 0; k < R->nslots; k++)
		if (R->slots[k].running) {
			R->run->items[R->slots[k].item].interrupted = 1;
			cancel_slot(&R->slots[k]);
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

/* Longer declared timeout first, then load order. */
static int by_timeout(const void *a, const void *b, void *arg)
{
	const struct runner *R = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	sc_usec ti = item_timeout(R, &R->run->items[i]);
	sc_usec tj = item_timeout(R, &R->run->items[j]);

	if (ti != tj)
		return ti > tj ? -1 : 1;
	return (i > j) - (i < j);
}

int hx_run_exec(char *err, struct hx_run *run, const struct hx_run_opts *o)
{
	int (*pollf)(struct pollfd *, nfds_t, int) = o->poll_fn ? o->poll_fn : poll;
	struct runner R;
	pthread_t *th = NULL;
	sigset_t mask, old;
	int nth, started = 0, sfd = -1, r = 0;
	size_t i, k;

	memset(&R, 0, sizeof(R));
	R.run = run;
	R.o = o;
	R.exec = o->exec ? o->exec : hx_exec_dry;
	R.wake = -1;
	R.t0 = now_us();
	run->started = (long long)time(NULL);
	nth = o->jobs > 0 ? o->jobs : hx_run_default_jobs();
	if ((size_t)nth > run->n)
		nth = run->n ? (int)run->n : 1;
	pthread_mutex_init(&R.mu, NULL);
	R.order = calloc(run->n ? run->n : 1, sizeof(*R.order));
	R.slots = calloc((size_t)nth, sizeof(*R.slots));
	th = calloc((size_t)nth, sizeof(*th));
	if (!R.order || !R.slots || !th) {
		r = hx_err(err, -ENOMEM, "out of memory");
		goto out;
	}
	/* The longest first: with the catalogue mostly waiting on timers,
	 * the run then ends about when its longest scenario does, instead
	 * of when the last one to start does. */
	for (i = 0; i < run->n; i++)
		R.order[i] = i;
	qsort_r(R.order, run->n, sizeof(*R.order), by_timeout, &R);
	R.nslots = (size_t)nth;
	for (k = 0; k < R.nslots; k++) {
		R.slots[k].R = &R;
		R.slots[k].efd = -1;
	}
	for (k = 0; k < R.nslots; k++) {
		R.slots[k].efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (R.slots[k].efd < 0) {
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
		int e = pthread_create(&th[started], NULL, worker, &R.slots[started]);

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
		for (k = 0; k < R.nslots; k++) {
			struct slot *s = &R.slots[k];

			if (!s->running || atomic_load(&s->cancelled))
				continue;
			if (s->deadline <= t) {
				run->items[s->item].timed_out = 1;
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
		if (pollf(pf, (nfds_t)np, timeout) < 0 && errno != EINTR) {
			r = hx_err(err, -errno, "the run's watchdog cannot poll: %s",
				   strerror(errno));
			/* Nothing watches the deadlines now: cancel what runs,
			 * or the join below waits for a scenario that only a
			 * timeout would end. */
			pthread_mutex_lock(&R.mu);
			stop_all(&R);
			pthread_mutex_unlock(&R.mu);
			break;
		}
		if (read(R.wake, &v, sizeof(v)) < 0) {
			/* EAGAIN: woken by something else */
		}
		{
			int cancel = 0, q;

			for (q = 1; q < np; q++)
				if (pf[q].revents & (POLLIN | POLLHUP | POLLERR))
					cancel = 1;
			if (sfd >= 0) {
				struct signalfd_siginfo si;

				while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
					cancel = 1;
			}
			if (cancel && !run->interrupted) {
				run->interrupted = 1;
				pthread_mutex_lock(&R.mu);
				stop_all(&R);
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
		for (k = 0; k < R.nslots; k++)
			if (R.slots[k].efd >= 0)
				close(R.slots[k].efd);
	if (R.wake >= 0)
		close(R.wake);
	free(R.slots);
	free(R.order);
	free(th);
	pthread_mutex_destroy(&R.mu);
	return r;
}
