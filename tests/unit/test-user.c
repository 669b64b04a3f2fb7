/* test-user.c: -Z: resolving users, the rootless message, and files owned by the -Z user (as root). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capture/user.h"
#include "capture/writer.h"
#include "harness/hx.h"
#include "unit/tu-fs.h"
#include "unit/tu.h"

#define NS 1000000000LL
#define TEST_USER "nobody"

static void skip(const char *test, const char *why)
{
	fprintf(stderr, "\n  SKIP %s: %s\n", test, why);
}

static void test_resolve(void)
{
	struct cap_user u;
	char err[HX_ERRLEN];
	int i, has0 = 0;

	CU_ASSERT_EQUAL_FATAL(cap_user_resolve(err, "root", &u), 0);
	CU_ASSERT_STRING_EQUAL(u.name, "root");
	CU_ASSERT_EQUAL(u.uid, 0);
	CU_ASSERT_EQUAL(u.gid, 0);
	for (i = 0; i < u.ngroups; i++)
		has0 |= u.groups[i] == 0;
	CU_ASSERT_TRUE(has0);
	cap_user_release(&u);
	cap_user_release(&u); /* twice is fine */
	CU_ASSERT_EQUAL(cap_user_resolve(err, "no-such-user-dumplab", &u),
			-ENOENT);
	CU_ASSERT_STRING_EQUAL(err, "unknown user 'no-such-user-dumplab'");
	CU_ASSERT_PTR_NULL(u.name);
	/* Switching to oneself needs nothing. */
	{
		struct cap_user me = { .name = "me", .uid = geteuid(),
				       .gid = getegid() };

		CU_ASSERT_EQUAL(cap_user_check(err, &me), 0);
	}
}

/*
 * Runs fn in a forked child and returns what it wrote into the pipe (a
 * line) and its exit status. fn must not return to CUnit.
 */
static int in_child(void (*fn)(int fd, void *arg), void *arg, char *out,
		    size_t len)
{
	int p[2], st;
	ssize_t n;
	size_t used = 0;
	pid_t pid;

	out[0] = '\0';
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(p[0]);
		fn(p[1], arg);
		_exit(0);
	}
	close(p[1]);
	while (used + 1 < len && (n = read(p[0], out + used, len - 1 - used)) > 0)
		used += (size_t)n;
	out[used] = '\0';
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void say(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		_exit(3);
}

static int write_map(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

/* In a user namespace that maps only this uid (dumplab's rootless mode). */
static void rootless_child(int fd, void *arg)
{
	struct cap_user *u = arg;
	struct cap_user self = { .name = "root", .uid = 0, .gid = 0 };
	char map[64], err[HX_ERRLEN];
	uid_t uid = geteuid();
	gid_t gid = getegid();
	gid_t g0 = 0;

	if (unshare(CLONE_NEWUSER) < 0) {
		snprintf(err, sizeof(err), "SKIP unshare(CLONE_NEWUSER): %s",
			 strerror(errno));
		say(fd, err);
		_exit(0);
	}
	snprintf(map, sizeof(map), "0 %lu 1", (unsigned long)uid);
	if (write_map("/proc/self/uid_map", map) < 0 ||
	    write_map("/proc/self/setgroups", "deny") < 0)
		_exit(4);
	snprintf(map, sizeof(map), "0 %lu 1", (unsigned long)gid);
	if (write_map("/proc/self/gid_map", map) < 0)
		_exit(5);
	if (cap_user_check(err, u) != -EPERM)
		_exit(6);
	say(fd, err);
	/* -Z root there is uid 0 itself: allowed, and a drop that keeps it. */
	self.groups = &g0;
	self.ngroups = 1;
	if (cap_user_check(err, &self) < 0 ||
	    cap_user_drop(err, &self, CAP_DROP_PROCESS) < 0) {
		say(fd, "\n");
		say(fd, err);
		_exit(7);
	}
	_exit(0);
}

static void test_rootless_message(void)
{
	struct cap_user u;
	char err[HX_ERRLEN], out[HX_ERRLEN * 2], want[HX_ERRLEN];
	int rc;

	if (cap_user_resolve(err, TEST_USER, &u) < 0) {
		skip("rootless message", err);
		return;
	}
	rc = in_child(rootless_child, &u, out, sizeof(out));
	if (!strncmp(out, "SKIP ", 5)) {
		skip("rootless message", out + 5);
	} else {
		CU_ASSERT_EQUAL(rc, 0);
		snprintf(want, sizeof(want),
			 "cannot switch to user '%s' (uid %lu): this user "
			 "namespace maps only one uid (0 here is %lu outside: "
			 "dumplab runs rootless); -Z needs real root",
			 TEST_USER, (unsigned long)u.uid,
			 (unsigned long)geteuid());
		CU_ASSERT_STRING_EQUAL(out, want);
	}
	cap_user_release(&u);
}

/* An unprivileged process cannot switch to someone else: said so. */
static void unprivileged_child(int fd, void *arg)
{
	struct cap_user *nobody = arg;
	struct cap_user root;
	char err[HX_ERRLEN];

	if (cap_user_resolve(err, "root", &root) < 0)
		_exit(4);
	if (geteuid() == 0 && cap_user_drop(err, nobody, CAP_DROP_PROCESS) < 0) {
		say(fd, err);
		_exit(5);
	}
	if (cap_user_check(err, &root) != -EPERM)
		_exit(6);
	if (cap_user_drop(err, &root, CAP_DROP_PROCESS) != -EPERM)
		_exit(7);
	if (geteuid() == 0)
		_exit(8);
	say(fd, err);
	_exit(0);
}

static void test_unprivileged_message(void)
{
	struct cap_user u;
	char err[HX_ERRLEN], out[HX_ERRLEN], want[HX_ERRLEN];

	if (cap_user_resolve(err, TEST_USER, &u) < 0) {
		skip("unprivileged message", err);
		return;
	}
	CU_ASSERT_EQUAL(in_child(unprivileged_child, &u, out, sizeof(out)), 0);
	snprintf(want, sizeof(want),
		 "cannot switch to user 'root' (uid 0): that needs root "
		 "(CAP_SETUID and CAP_SETGID), and dumplab runs as uid %lu",
		 geteuid() == 0 ? (unsigned long)u.uid
				: (unsigned long)geteuid());
	CU_ASSERT_STRING_EQUAL(out, want);
	cap_user_release(&u);
}

/* A scratch tree the -Z user can reach: base (0755, root's) and base/out
 * (the user's), a -z script logging "file uid gid" into out/log. */
struct zrig {
	char *base;
	char out[PATH_MAX], script[PATH_MAX], log[2 * PATH_MAX];
	struct cap_user u;
	int64_t now;
	struct cap_clock clock;
	char err[HX_ERRLEN];
};

static int64_t zrig_now(void *arg)
{
	return ((struct zrig *)arg)->now;
}

static int zrig_init(struct zrig *z, const char *test)
{
	char body[3 * PATH_MAX];

	memset(z, 0, sizeof(*z));
	if (geteuid() != 0) {
		skip(test, "needs root: it switches to user " TEST_USER
		     " and checks who owns the files");
		return -1;
	}
	if (cap_user_resolve(z->err, TEST_USER, &z->u) < 0) {
		skip(test, z->err);
		return -1;
	}
	z->base = tu_tmpdir("user");
	CU_ASSERT_PTR_NOT_NULL_FATAL(z->base);
	CU_ASSERT_EQUAL(chmod(z->base, 0755), 0);
	if (cap_user_access(&z->u, z->base, X_OK) < 0) {
		skip(test, "user " TEST_USER " cannot reach $TMPDIR");
		tu_rmtree(z->base);
		free(z->base);
		cap_user_release(&z->u);
		return -1;
	}
	snprintf(z->out, sizeof(z->out), "%s/out", z->base);
	snprintf(z->script, sizeof(z->script), "%s/post.sh", z->base);
	snprintf(z->log, sizeof(z->log), "%s/log", z->out);
	CU_ASSERT_EQUAL(mkdir(z->out, 0755), 0);
	CU_ASSERT_EQUAL(chown(z->out, z->u.uid, z->u.gid), 0);
	snprintf(body, sizeof(body),
		 "#!/bin/sh\necho \"${1##*/} $(id -u) $(id -g)\" >> '%s'\n",
		 z->log);
	CU_ASSERT_EQUAL(tu_write_file(z->script, body, 0755), 0);
	z->now = 1486820701LL * NS;
	z->clock.now_ns = zrig_now;
	z->clock.arg = z;
	return 0;
}

static void zrig_done(struct zrig *z)
{
	tu_rmtree(z->base);
	free(z->base);
	cap_user_release(&z->u);
}

/* Opens the writer on out/f (-C 200: one 100-byte packet a file), writes
 * three packets, closes, waits for -z. 0 or the step that failed. */
static int zrig_capture(struct zrig *z, int scope)
{
	struct cap_writer_cfg cfg;
	struct cap_writer *w;
	struct cap_sink s;
	struct pcap_pkthdr h = { .caplen = 100, .len = 100 };
	uint8_t pkt[100] = { 0 };
	char name[2 * PATH_MAX];
	int i, rc = 0;

	snprintf(name, sizeof(name), "%s/f", z->out);
	memset(&cfg, 0, sizeof(cfg));
	cfg.name = name;
	cfg.rotate_bytes = 200;
	cfg.postrotate = z->script;
	cfg.user = &z->u;
	cfg.drop_scope = scope;
	cfg.clock = &z->clock;
	if (cap_writer_new(z->err, &cfg, &w) < 0)
		return 10;
	cap_writer_sink(w, &s);
	if (s.open(s.arg, z->err, DLT_EN10MB, 0) < 0)
		rc = 11;
	for (i = 0; !rc && i < 3; i++)
		if (s.packet(s.arg, z->err, &h, pkt) < 0)
			rc = 12;
	if (!rc && s.close(s.arg, z->err) < 0)
		rc = 13;
	if (!rc && cap_writer_wait(w, 10000) < 0)
		rc = 14;
	cap_writer_free(w);
	return rc;
}

/* Every file and every -z run belongs to the -Z user. */
static void zrig_assert_owned(struct zrig *z)
{
	char path[2 * PATH_MAX], got[512], want[512];
	const char *names[] = { "f", "f1", "f2" };
	struct stat st;
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", z->out, names[i]);
		CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
		CU_ASSERT_EQUAL(st.st_uid, z->u.uid);
		CU_ASSERT_EQUAL(st.st_gid, z->u.gid);
		CU_ASSERT_EQUAL(st.st_mode & 07777, 0644 & ~0022 & 07777);
	}
	tu_read_file(z->log, got, sizeof(got));
	snprintf(want, sizeof(want), "f %lu %lu\nf1 %lu %lu\nf2 %lu %lu\n",
		 (unsigned long)z->u.uid, (unsigned long)z->u.gid,
		 (unsigned long)z->u.uid, (unsigned long)z->u.gid,
		 (unsigned long)z->u.uid, (unsigned long)z->u.gid);
	CU_ASSERT_STRING_EQUAL(got, want);
}

static void process_child(int fd, void *arg)
{
	struct zrig *z = arg;
	int rc;

	umask(022);
	rc = zrig_capture(z, CAP_DROP_PROCESS);
	if (rc)
		say(fd, z->err);
	else if (getuid() != z->u.uid || geteuid() != z->u.uid)
		rc = 20;
	_exit(rc);
}

/* The whole process drops (dumplab capture): the first file too is the user's. */
static void test_drop_process(void)
{
	struct zrig z;
	char out[HX_ERRLEN];
	int rc;

	if (zrig_init(&z, "drop -Z (process)") < 0)
		return;
	rc = in_child(process_child, &z, out, sizeof(out));
	if (rc)
		fprintf(stderr, "\n  child: %d %s\n", rc, out);
	CU_ASSERT_EQUAL(rc, 0);
	zrig_assert_owned(&z);
	zrig_done(&z);
}

struct thread_run {
	struct zrig *z;
	int rc;
	uid_t euid_after;
};

static void *capture_thread(void *arg)
{
	struct thread_run *t = arg;

	t->rc = zrig_capture(t->z, CAP_DROP_THREAD);
	t->euid_after = geteuid();
	return NULL;
}

/* Only the capture thread drops (scenarios); the rest stays root. */
static void test_drop_thread(void)
{
	struct thread_run t = { 0 };
	struct zrig z;
	pthread_t th;
	mode_t old;

	if (zrig_init(&z, "drop -Z (thread)") < 0)
		return;
	old = umask(022);
	t.z = &z;
	CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, capture_thread, &t), 0);
	pthread_join(th, NULL);
	umask(old);
	if (t.rc)
		fprintf(stderr, "\n  capture thread: %d %s\n", t.rc, z.err);
	CU_ASSERT_EQUAL(t.rc, 0);
	CU_ASSERT_EQUAL(t.euid_after, z.u.uid);
	CU_ASSERT_EQUAL(geteuid(), 0);
	CU_ASSERT_EQUAL(getuid(), 0);
	zrig_assert_owned(&z);
	zrig_done(&z);
}

/*
 * cap_writer_check with -Z: a directory the user cannot write (tcpdump's
 * -C in a root-owned directory) is refused up front, nothing created; the
 * user's own directory passes; a -z the user cannot execute is refused.
 */
static void test_check_as_user(void)
{
	struct cap_writer_plan plan;
	struct td_opts o;
	struct zrig z;
	char w[2 * PATH_MAX], want[5 * PATH_MAX], ls[256], priv[2 * PATH_MAX];

	if (zrig_init(&z, "check -Z") < 0)
		return;
	memset(&o, 0, sizeof(o));
	snprintf(w, sizeof(w), "%s/f", z.base);
	o.wfile = w;
	o.rotate_bytes = 1000000;
	o.user = TEST_USER;
	CU_ASSERT(cap_writer_check(z.err, &o, &plan) < 0);
	snprintf(want, sizeof(want), "option -w '%s': cannot create files in "
		 "directory '%s' as user '" TEST_USER "': Permission denied",
		 w, z.base);
	CU_ASSERT_STRING_EQUAL(z.err, want);
	CU_ASSERT_EQUAL(tu_ls(z.base, ls, sizeof(ls)), 2); /* out post.sh */
	snprintf(w, sizeof(w), "%s/f", z.out);
	o.postrotate = z.script;
	CU_ASSERT_EQUAL_FATAL(cap_writer_check(z.err, &o, &plan), 0);
	CU_ASSERT_PTR_EQUAL(plan.cfg.user, &plan.user);
	CU_ASSERT_EQUAL(plan.user.uid, z.u.uid);
	CU_ASSERT_STRING_EQUAL(plan.cfg.postrotate_path, z.script);
	cap_writer_plan_release(&plan);
	/* A script only root may run. */
	snprintf(priv, sizeof(priv), "%s/root-only.sh", z.base);
	CU_ASSERT_EQUAL(tu_write_file(priv, "#!/bin/sh\n", 0700), 0);
	o.postrotate = priv;
	CU_ASSERT(cap_writer_check(z.err, &o, &plan) < 0);
	snprintf(want, sizeof(want), "option -z: command '%s' is not "
		 "executable by user '" TEST_USER "'", priv);
	CU_ASSERT_STRING_EQUAL(z.err, want);
	CU_ASSERT_EQUAL(tu_ls(z.out, ls, sizeof(ls)), 0);
	zrig_done(&z);
}

static CU_TestInfo tests[] = {
	{ "resolve a user; unknown user", test_resolve },
	{ "rootless user namespace: a clear message",
	  test_rootless_message },
	{ "no privilege: a clear message", test_unprivileged_message },
	{ "-Z, process drop: files and -z the user's (root)",
	  test_drop_process },
	{ "-Z, thread drop: files and -z the user's (root)",
	  test_drop_thread },
	{ "check -Z: directory and -z judged as the user (root)",
	  test_check_as_user },
	CU_TEST_INFO_NULL,
};

TU_SUITE("user", NULL, NULL, tests);
