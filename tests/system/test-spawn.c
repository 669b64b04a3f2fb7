/* test-spawn.c: commands come from the spawner: they hold no socket or capture of ours, die with their requester, leave no zombie. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "capture/tdopts.h"
#include "netns/spawn.h"
#include "system/st.h"
#include "unit/tu.h"

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

/* IFLA_PROMISCUITY of ifname in h (what `ip -d link` shows), or -1. */
static int promiscuity(struct ns_host *h, const char *ifname)
{
	char err[HX_ERRLEN];
	struct rtnl_link *l = NULL;
	struct nl_sock *sk;
	int saved, v = -1;

	if (ns_enter(err, ns_host_fd(h), &saved) < 0)
		return -1;
	sk = nl_socket_alloc();
	if (sk && nl_connect(sk, NETLINK_ROUTE) == 0 &&
	    rtnl_link_get_kernel(sk, 0, ifname, &l) == 0) {
		v = (int)rtnl_link_get_promiscuity(l);
		rtnl_link_put(l);
	}
	nl_socket_free(sk);
	ns_leave(err, &saved);
	return v;
}

/* The spawner's children, from /proc. */
static int spawner_children(void)
{
	char path[96], buf[512], *p, *e;
	ssize_t r;
	int fd, n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
		 (int)ns_spawner_pid(), (int)ns_spawner_pid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[r > 0 ? r : 0] = '\0';
	for (p = buf;; p = e) {
		strtol(p, &e, 10);
		if (e == p)
			return n;
		n++;
	}
}

/* A process's parent and state letter from /proc/PID/stat; -1 if gone. */
static int proc_parent(pid_t pid, char *state)
{
	char path[64], buf[512], *p;
	int fd, ppid = -1;
	ssize_t r;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return -1;
	buf[r] = '\0';
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %c %d", state, &ppid) != 2)
		return -1;
	return ppid;
}

/*
 * The bug: a command forked by this process held, until its exec (and
 * for its life, for fds libpcap leaves without close-on-exec), every
 * socket of the other threads: TCP sockets that then sent no FIN at close,
 * packet sockets that kept an interface promiscuous. A command started
 * while a capture and a connection are open must hold nothing but stdio,
 * and not be a child of this process at all.
 */
static void test_command_holds_nothing(void)
{
	char err[HX_ERRLEN], want[64];
	char *argv[] = { "sh", "-c", "echo $PPID; ls /proc/self/fd", NULL };
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct ns_run_res res;
	struct cap_live *c;
	int lfd, cfd;

	CU_ASSERT_FATAL(ns_spawner_pid() > 0);
	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	ST_OK(st_capture(err, b, "eth0", "tcp", 1, TD_DIR_INOUT, &c), err);
	lfd = st_listen(b, 8080);
	cfd = st_connect(a, "10.0.0.2", 8080, 2000);
	CU_ASSERT(lfd >= 0 && cfd >= 0);
	ST_OK(ns_run(err, a, argv, 10000, &res), err);
	CU_ASSERT(WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0);
	/* its parent is the spawner; ls sees stdio and its own directory */
	snprintf(want, sizeof(want), "%d\n0\n1\n2\n3\n", (int)ns_spawner_pid());
	CU_ASSERT_STRING_EQUAL(res.out.p ? res.out.p : "", want);
	if (!res.out.p || strcmp(res.out.p, want))
		fprintf(stderr, "\n  want:\n%s  got:\n%s", want,
			res.out.p ? res.out.p : "");
	hx_buf_release(&res.out);
	close(cfd);
	close(lfd);
	cap_live_free(c);
	ns_lab_free(lab);
}

struct runner {
	struct ns_host *h;
	int cancel_fd;
	int rc;
	long long took_ms;
	struct ns_run_res res;
};

static void *run_long(void *arg)
{
	struct runner *r = arg;
	char err[HX_ERRLEN];
	char *argv[] = { "sleep", "30", NULL };
	long long t0 = st_now_ms();

	r->rc = ns_run_in(err, r->h, NULL, r->cancel_fd, argv, 60000, &r->res);
	r->took_ms = st_now_ms() - t0;
	return NULL;
}

/*
 * The promisc scenario's failure, as a test: a promiscuous capture stops
 * while a long command started during it still runs in another host; the
 * interface is not promiscuous any more the moment the stop returns. Then
 * the command is cancelled: killed and reaped at once, not after its 30 s.
 */
static void test_promisc_released_at_stop(void)
{
	char err[HX_ERRLEN];
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct runner r;
	struct cap_live *c;
	pthread_t t;
	uint64_t one = 1;
	long long deadline;
	int n = 0;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	CU_ASSERT_EQUAL(promiscuity(b, "eth0"), 0);
	ST_OK(st_capture(err, b, "eth0", "icmp", 1, TD_DIR_INOUT, &c), err);
	CU_ASSERT_EQUAL(promiscuity(b, "eth0"), 1);
	memset(&r, 0, sizeof(r));
	r.h = a;
	r.cancel_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	CU_ASSERT_FATAL(r.cancel_fd >= 0);
	CU_ASSERT_FATAL(pthread_create(&t, NULL, run_long, &r) == 0);
	/* until the sleep runs (its exec done, the spawner's child) */
	deadline = st_now_ms() + 10000;
	while ((n = spawner_children()) < 1 && st_now_ms() < deadline)
		pause_ms(5);
	CU_ASSERT(n >= 1);
	CU_ASSERT_EQUAL(cap_live_stop(c, err), 0);
	CU_ASSERT_EQUAL(promiscuity(b, "eth0"), 0);
	CU_ASSERT(write(r.cancel_fd, &one, sizeof(one)) == sizeof(one));
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(r.rc, -ECANCELED);
	CU_ASSERT(r.res.cancelled);
	CU_ASSERT(WIFSIGNALED(r.res.status) && WTERMSIG(r.res.status) == SIGKILL);
	/* killed at once: far below the sleep's 30 s, even on a busy machine */
	CU_ASSERT(r.took_ms < 20000);
	hx_buf_release(&r.res.out);
	close(r.cancel_fd);
	cap_live_free(c);
	ns_lab_free(lab);
}

/* A command a caller lets go of (ns_child_free, or a requester that dies)
 * is killed and reaped; a daemon it leaves is adopted by the spawner and
 * reaped by it, never left to init as a zombie. */
static void test_kill_and_reap(void)
{
	char err[HX_ERRLEN], state = '?';
	char *sleep_argv[] = { "sleep", "30", NULL };
	char *daemon_argv[] = { "sh", "-c", "sleep 30 & echo $!", NULL };
	struct ns_spawn sp;
	struct ns_child *c;
	struct ns_run_res res;
	long long t0, deadline;
	pid_t pid, orphan;
	int st = 0;

	memset(&sp, 0, sizeof(sp));
	sp.path = "/bin/sleep";
	sp.argv = sleep_argv;
	sp.netfd = -1;
	sp.fd[0] = sp.fd[1] = sp.fd[2] = -1;
	ST_OK(ns_child_start(err, &sp, &c), err);
	pid = ns_child_pid(c);
	CU_ASSERT(proc_parent(pid, &state) == ns_spawner_pid());
	CU_ASSERT_EQUAL(ns_child_wait(c, 0, &st), -ETIMEDOUT);
	t0 = st_now_ms();
	ns_child_free(c);
	CU_ASSERT(st_now_ms() - t0 < 20000);
	/* reaped by the spawner before it answered */
	CU_ASSERT(proc_parent(pid, &state) < 0);

	ST_OK(ns_run(err, NULL, daemon_argv, 10000, &res), err);
	orphan = res.out.p ? (pid_t)atoi(res.out.p) : 0;
	hx_buf_release(&res.out);
	CU_ASSERT_FATAL(orphan > 0);
	CU_ASSERT_EQUAL(proc_parent(orphan, &state), ns_spawner_pid());
	CU_ASSERT(kill(orphan, SIGKILL) == 0);
	deadline = st_now_ms() + 10000;
	while (proc_parent(orphan, &state) >= 0 && st_now_ms() < deadline)
		pause_ms(5);
	CU_ASSERT(proc_parent(orphan, &state) < 0); /* gone, not a zombie */
}

struct burst {
	int fails;
	char err[HX_ERRLEN];
};

static void *run_true(void *arg)
{
	struct burst *b = arg;
	char *argv[] = { "true", NULL };
	struct ns_run_res res;
	int i;

	for (i = 0; i < 100; i++) {
		if (ns_run(b->err, NULL, argv, 10000, &res) < 0 ||
		    !WIFEXITED(res.status) || WEXITSTATUS(res.status) != 0)
			b->fails++;
		hx_buf_release(&res.out);
	}
	return NULL;
}

/* Commands that end at once, from several threads: the spawner may reap
 * one before it reads its exec report ("No such process" once, when it
 * opened the pidfd only then). */
static void test_fast_commands(void)
{
	struct burst b[4];
	pthread_t t[4];
	int i, fails = 0;

	memset(b, 0, sizeof(b));
	for (i = 0; i < 4; i++)
		CU_ASSERT_FATAL(pthread_create(&t[i], NULL, run_true, &b[i]) == 0);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		fails += b[i].fails;
		if (b[i].fails)
			fprintf(stderr, "\n  %d failed: %s\n", b[i].fails, b[i].err);
	}
	CU_ASSERT_EQUAL(fails, 0);
}

/* Errors name the step; the environment, directory and stdio given are
 * the child's. */
static void test_setup(void)
{
	char err[HX_ERRLEN], dir[] = "/tmp/dumplab-spawn-XXXXXX";
	char *argv[] = { "sh", "-c", "echo \"$FOO\" $(pwd)", NULL };
	char *env[] = { "FOO=bar baz", "PATH=/usr/bin:/bin", NULL };
	char buf[512] = "", want[512];
	struct ns_spawn sp;
	struct ns_child *c;
	int p[2], st = -1;
	ssize_t n;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	CU_ASSERT_FATAL(pipe2(p, O_CLOEXEC) == 0);
	memset(&sp, 0, sizeof(sp));
	sp.path = "/bin/sh";
	sp.argv = argv;
	sp.envp = env;
	sp.netfd = -1;
	sp.dir = dir;
	sp.fd[0] = -1;
	sp.fd[1] = sp.fd[2] = p[1];
	ST_OK(ns_child_start(err, &sp, &c), err);
	close(p[1]);
	CU_ASSERT_EQUAL(ns_child_wait(c, -1, &st), 0);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ns_child_free(c);
	n = read(p[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(p[0]);
	snprintf(want, sizeof(want), "bar baz %s\n", dir);
	CU_ASSERT_STRING_EQUAL(buf, want);

	sp.path = "/nonexistent/program";
	sp.fd[1] = sp.fd[2] = -1;
	CU_ASSERT_EQUAL(ns_child_start(err, &sp, &c), -ENOENT);
	CU_ASSERT_STRING_EQUAL(err, "No such file or directory");
	sp.path = "/bin/sh";
	rmdir(dir);
	CU_ASSERT_EQUAL(ns_child_start(err, &sp, &c), -ENOENT);
	CU_ASSERT(strstr(err, "working directory") != NULL);
}

struct mnt_job {
	char dir[64];
	int rc;
	char out[256];
};

/* In a mount namespace of this thread's own, a tmpfs on dir with a file. */
static void *in_own_mounts(void *arg)
{
	struct mnt_job *j = arg;
	char err[HX_ERRLEN], file[128];
	char *argv[] = { "cat", file, NULL };
	struct ns_run_res res;
	int fd;

	snprintf(file, sizeof(file), "%s/hello", j->dir);
	/* private first: nothing mounted here reaches the machine's mounts */
	if (unshare(CLONE_NEWNS) < 0 ||
	    mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("tmpfs", j->dir, "tmpfs", 0, "size=64k") < 0) {
		j->rc = -errno;
		return NULL;
	}
	fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, "mounted\n", 8) != 8)
		j->rc = -EIO;
	if (fd >= 0)
		close(fd);
	if (j->rc == 0)
		j->rc = ns_run(err, NULL, argv, 10000, &res);
	if (j->rc == 0 && res.out.p)
		snprintf(j->out, sizeof(j->out), "%s", res.out.p);
	hx_buf_release(&res.out);
	umount(j->dir);
	return NULL;
}

/* The spawner was forked before the requester's mount namespace existed;
 * the command still sees the requester's files (dumplab's private tmpfs). */
static void test_follows_mount_namespace(void)
{
	struct mnt_job j;
	pthread_t t;

	memset(&j, 0, sizeof(j));
	snprintf(j.dir, sizeof(j.dir), "/tmp/dumplab-mnt-XXXXXX");
	CU_ASSERT_FATAL(mkdtemp(j.dir) != NULL);
	CU_ASSERT_FATAL(pthread_create(&t, NULL, in_own_mounts, &j) == 0);
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(j.rc, 0);
	CU_ASSERT_STRING_EQUAL(j.out, "mounted\n");
	rmdir(j.dir);
}

static CU_TestInfo tests[] = {
	{ "a command holds no socket or capture, and is the spawner's child",
	  test_command_holds_nothing },
	{ "promiscuity ends at stop while a command runs; cancel kills it",
	  test_promisc_released_at_stop },
	{ "a command let go of is killed and reaped; orphans are reaped",
	  test_kill_and_reap },
	{ "400 commands that end at once, from 4 threads", test_fast_commands },
	{ "environment, directory, stdio; errors name the step", test_setup },
	{ "a command sees the requester's mount namespace",
	  test_follows_mount_namespace },
	CU_TEST_INFO_NULL,
};

static int init(void)
{
	return st_boot();
}

TU_SUITE("spawn", init, NULL, tests);
