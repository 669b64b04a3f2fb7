/* test-kill.c: SIGKILL a process in the middle of a topology; the machine must be exactly as before. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "capture/tdopts.h"
#include "netns/spawn.h"
#include "system/st.h"
#include "unit/tu.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entries of a directory, one per line ("" if absent). */
static void list_dir(struct hx_buf *out, const char *path)
{
	char *names[512];
	struct dirent *e;
	size_t n = 0, i;
	DIR *d = opendir(path);

	if (!d)
		return;
	while ((e = readdir(d)) && n < 512)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		if (names[i])
			hx_buf_printf(out, "%s\n", names[i]);
		free(names[i]);
	}
}

/* A command's output in the caller's namespace, without comments and
 * packet counters (which other traffic may move). */
static void rules(struct hx_buf *out, char *cmd)
{
	char err[HX_ERRLEN];
	char *argv[] = { cmd, NULL };
	struct ns_run_res res;
	char *line, *save = NULL;

	if (ns_run(err, NULL, argv, 10000, &res) < 0) {
		hx_buf_printf(out, "%s\n", err);
		hx_buf_release(&res.out);
		return;
	}
	hx_buf_printf(out, "%s exit %d\n", cmd, WEXITSTATUS(res.status));
	for (line = strtok_r(res.out.p ? res.out.p : (char[]){ "" }, "\n", &save);
	     line; line = strtok_r(NULL, "\n", &save)) {
		char *c = strchr(line, '[');

		if (line[0] == '#')
			continue;
		if (c && line[0] == ':')
			*c = '\0';
		hx_buf_printf(out, "%s\n", line);
	}
	hx_buf_release(&res.out);
}

/* What SIGKILL must not change, as text. */
static void snapshot(struct hx_buf *out)
{
	FILE *f;
	char line[256];

	hx_buf_puts(out, "machine interfaces (/sys/class/net):\n");
	list_dir(out, "/sys/class/net");
	hx_buf_puts(out, "this namespace's interfaces:\n");
	f = fopen("/proc/thread-self/net/dev", "re");
	while (f && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':'), *s = line;

		if (!colon)
			continue;
		*colon = '\0';
		while (*s == ' ')
			s++;
		hx_buf_printf(out, "%s\n", s);
	}
	if (f)
		fclose(f);
	hx_buf_puts(out, "named namespaces (/run/netns):\n");
	list_dir(out, "/run/netns");
	hx_buf_puts(out, "firewall:\n");
	rules(out, "iptables-save");
	rules(out, "ip6tables-save");
}

/* Whether any process we can see holds network namespace ino, as its
 * namespace or as an open descriptor. */
static int ns_held(unsigned long ino)
{
	char want[64], path[600], link[64];
	struct dirent *p, *e;
	DIR *proc, *d;
	int held = 0;
	ssize_t n;

	snprintf(want, sizeof(want), "net:[%lu]", ino);
	proc = opendir("/proc");
	if (!proc)
		return -1;
	while (!held && (p = readdir(proc))) {
		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/task", p->d_name);
		d = opendir(path);
		while (d && !held && (e = readdir(d))) {
			snprintf(path, sizeof(path), "/proc/%s/task/%s/ns/net",
				 p->d_name, e->d_name);
			n = readlink(path, link, sizeof(link) - 1);
			if (n > 0) {
				link[n] = '\0';
				held = !strcmp(link, want);
			}
		}
		if (d)
			closedir(d);
		snprintf(path, sizeof(path), "/proc/%s/fd", p->d_name);
		d = opendir(path);
		while (d && !held && (e = readdir(d))) {
			snprintf(path, sizeof(path), "/proc/%s/fd/%s",
				 p->d_name, e->d_name);
			n = readlink(path, link, sizeof(link) - 1);
			if (n > 0) {
				link[n] = '\0';
				held = !strcmp(link, want);
			}
		}
		if (d)
			closedir(d);
	}
	closedir(proc);
	return held;
}

struct report {
	unsigned long ino_a, ino_b;
	int sleeper;
	char err[HX_ERRLEN];
};

struct sleeper_arg {
	struct ns_host *h;
	char *pidfile;
};

/* Runs a long command in host a from a thread of its own, as a scenario
 * would, so that the child process has a grandchild when it is killed. */
static void *sleeper(void *arg)
{
	struct sleeper_arg *s = arg;
	char script[512], err[HX_ERRLEN];
	char *argv[] = { "sh", "-c", script, NULL };
	struct ns_run_res res;

	snprintf(script, sizeof(script), "echo $$ > '%s'; exec sleep 600",
		 s->pidfile);
	ns_run(err, s->h, argv, 600000, &res);
	hx_buf_release(&res.out);
	return NULL;
}

/* The doomed child: builds everything, reports, waits for its end. */
static void doomed(int wfd, char *pidfile)
{
	char *rule[] = { "iptables", "-A", "INPUT", "-p", "tcp", "--dport",
			 "80", "-j", "DROP", NULL };
	struct report r = { 0, 0, -1, "" };
	struct sleeper_arg sa;
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct cap_live *c;
	struct stat st;
	pthread_t t;
	int i, fd;

	/* A spawner of its own, as dumplab has: the command is its child. */
	if (ns_spawner_start(r.err) < 0 ||
	    ns_lab_new(r.err, &lab) < 0 || st_pair(r.err, lab, &a, &b) < 0 ||
	    ns_run_ok(r.err, a, rule, 10000, NULL) < 0 ||
	    st_capture(r.err, b, "eth0", "tcp", 1, TD_DIR_INOUT, &c) < 0)
		goto report;
	fstat(ns_host_fd(a), &st);
	r.ino_a = (unsigned long)st.st_ino;
	fstat(ns_host_fd(b), &st);
	r.ino_b = (unsigned long)st.st_ino;
	sa.h = a;
	sa.pidfile = pidfile;
	pthread_create(&t, NULL, sleeper, &sa);
	for (i = 0; i < 500 && r.sleeper <= 0; i++) {
		struct timespec ms = { 0, 10 * 1000 * 1000 };
		char buf[32] = "";

		fd = open(pidfile, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			if (read(fd, buf, sizeof(buf) - 1) > 0 &&
			    strchr(buf, '\n'))
				r.sleeper = atoi(buf);
			close(fd);
		}
		if (r.sleeper <= 0)
			nanosleep(&ms, NULL);
	}
report:
	if (write(wfd, &r, sizeof(r)) != (ssize_t)sizeof(r))
		_exit(3);
	for (;;)
		pause();
}

/* 1 when this process has no child but its own spawner. */
static int only_spawner_left(void)
{
	char path[64], buf[256];
	long pid;
	char *p, *e;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children",
		 (int)getpid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (p = buf;; p = e) {
		pid = strtol(p, &e, 10);
		if (e == p)
			return 1;
		if (pid != ns_spawner_pid())
			return 0;
	}
}

static void test_sigkill_leaves_nothing(void)
{
	struct hx_buf before = HX_BUF_INIT, after = HX_BUF_INIT;
	const char *tmp = getenv("TMPDIR");
	char pidfile[512];
	struct report r;
	int p[2], status, fd, reaped = 0, sleeper_killed = 0;
	long long deadline;
	pid_t child, w;

	snprintf(pidfile, sizeof(pidfile), "%s/dumplab-kill-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(pidfile);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	/* Orphans of the child come to us, so we can tell what survived. */
	CU_ASSERT_FATAL(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
	snapshot(&before);
	CU_ASSERT_FATAL(pipe2(p, O_CLOEXEC) == 0);
	child = fork();
	CU_ASSERT_FATAL(child >= 0);
	if (child == 0) {
		close(p[0]);
		doomed(p[1], pidfile);
	}
	close(p[1]);
	CU_ASSERT_FATAL(read(p[0], &r, sizeof(r)) == (ssize_t)sizeof(r));
	close(p[0]);
	if (r.err[0])
		fprintf(stderr, "\n  child: %s\n", r.err);
	CU_ASSERT(r.err[0] == '\0');
	CU_ASSERT(r.ino_a && r.ino_b && r.sleeper > 0);
	/* Everything is live before the kill. */
	CU_ASSERT(ns_held(r.ino_a) == 1 && ns_held(r.ino_b) == 1);
	CU_ASSERT(r.sleeper > 0 && kill(r.sleeper, 0) == 0);

	CU_ASSERT(kill(child, SIGKILL) == 0);
	CU_ASSERT(waitpid(child, &status, 0) == child);
	CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	/* The child's spawner kills and reaps the command, then ends; as
	 * an orphan it comes to us. Nothing else may be left: no child of
	 * ours but our own spawner, and the command gone. */
	deadline = st_now_ms() + 5000;
	for (;;) {
		w = waitpid(-1, &status, WNOHANG);
		if (w > 0) {
			reaped++;
			if (w == r.sleeper)
				sleeper_killed = 1; /* it was ours to reap */
			continue;
		}
		if (w < 0 && errno != ECHILD)
			break;
		if (only_spawner_left() && kill(r.sleeper, 0) < 0)
			break;
		if (st_now_ms() > deadline)
			break;
		{
			struct timespec ms = { 0, 5 * 1000 * 1000 };

			nanosleep(&ms, NULL);
		}
	}
	CU_ASSERT(only_spawner_left()); /* no other descendant is left */
	CU_ASSERT(reaped == 1 && !sleeper_killed); /* the child's spawner */
	CU_ASSERT(kill(r.sleeper, 0) < 0 && errno == ESRCH);
	prctl(PR_SET_CHILD_SUBREAPER, 0);

	/* No process holds the hosts' namespaces any more, and the machine's
	 * interfaces, namespaces and firewall are exactly as before. */
	CU_ASSERT(ns_held(r.ino_a) == 0 && ns_held(r.ino_b) == 0);
	snapshot(&after);
	CU_ASSERT_STRING_EQUAL(before.p, after.p);
	if (strcmp(before.p, after.p))
		fprintf(stderr, "\n  before:\n%s  after:\n%s", before.p,
			after.p);
	hx_buf_release(&before);
	hx_buf_release(&after);
	unlink(pidfile);
}

static CU_TestInfo tests[] = {
	{ "SIGKILL mid-topology leaves no interface, namespace, rule or process",
	  test_sigkill_leaves_nothing },
	CU_TEST_INFO_NULL,
};

static int init(void)
{
	return st_boot();
}

TU_SUITE("kill", init, NULL, tests);
