/* test-cmdq.c: the post-rotate command: lookup, order, failures reported, the child's surroundings. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/cmdq.h"
#include "harness/hx.h"
#include "unit/tu-fs.h"
#include "unit/tu.h"

#define MAXREP 8

struct reports {
	pthread_mutex_t lock;
	char line[MAXREP][HX_ERRLEN];
	int n;
};

/* Called from the queue's thread. */
static void record(void *arg, const char *line)
{
	struct reports *r = arg;

	pthread_mutex_lock(&r->lock);
	if (r->n < MAXREP)
		snprintf(r->line[r->n++], HX_ERRLEN, "%s", line);
	pthread_mutex_unlock(&r->lock);
}

static void reports_init(struct reports *r)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
}

/* Writes an executable script called name into dir; its path into out. */
static void script(char *out, size_t len, const char *dir, const char *name,
		   const char *body)
{
	snprintf(out, len, "%s/%s", dir, name);
	CU_ASSERT_EQUAL(tu_write_file(out, body, 0755), 0);
}

static void test_resolve_path_lookup(void)
{
	char *dir = tu_tmpdir("cmdq");
	char err[HX_ERRLEN], p1[PATH_MAX], p2[PATH_MAX], want[2 * PATH_MAX];
	char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	char *path = NULL, *newpath = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	snprintf(p1, sizeof(p1), "%s/a", dir);
	snprintf(p2, sizeof(p2), "%s/b", dir);
	CU_ASSERT_EQUAL(mkdir(p1, 0755), 0);
	CU_ASSERT_EQUAL(mkdir(p2, 0755), 0);
	/* a/dl-post is there but not executable: the lookup goes on to b. */
	snprintf(want, sizeof(want), "%s/dl-post", p1);
	CU_ASSERT_EQUAL(tu_write_file(want, "#!/bin/sh\n", 0644), 0);
	snprintf(want, sizeof(want), "%s/dl-post", p2);
	CU_ASSERT_EQUAL(tu_write_file(want, "#!/bin/sh\n", 0755), 0);
	CU_ASSERT(asprintf(&newpath, "/nonexistent:%s:%s", p1, p2) > 0);
	setenv("PATH", newpath, 1);
	CU_ASSERT_EQUAL(cap_cmd_resolve(err, "dl-post", NULL, &path), 0);
	CU_ASSERT_PTR_NOT_NULL(path);
	if (path)
		CU_ASSERT_STRING_EQUAL(path, want);
	free(path);
	/* Only the non-executable one left: said so. */
	unlink(want);
	CU_ASSERT_EQUAL(cap_cmd_resolve(err, "dl-post", NULL, &path), -EACCES);
	CU_ASSERT_STRING_EQUAL(err, "command 'dl-post' found in PATH is not "
				    "executable");
	CU_ASSERT_PTR_NULL(path);
	/* A directory is no command, with a '/' or through PATH. */
	CU_ASSERT_EQUAL(cap_cmd_resolve(err, p1, NULL, &path), -EACCES);
	snprintf(want, sizeof(want), "command '%s' is not a regular file", p1);
	CU_ASSERT_STRING_EQUAL(err, want);
	if (old)
		setenv("PATH", old, 1);
	else
		unsetenv("PATH");
	CU_ASSERT_EQUAL(cap_cmd_resolve(err, "sh", NULL, &path), 0);
	free(path);
	free(old);
	free(newpath);
	tu_rmtree(dir);
	free(dir);
}

/* Every file in order; failures of each kind reported, none fatal. */
static void test_order_and_failures(void)
{
	char *dir = tu_tmpdir("cmdq");
	char err[HX_ERRLEN], s[PATH_MAX], bad[PATH_MAX], log[PATH_MAX];
	char body[2 * PATH_MAX], got[5 * PATH_MAX], want[5 * PATH_MAX];
	struct cap_cmdq *q;
	struct reports rep;
	unsigned done, failed;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	reports_init(&rep);
	snprintf(log, sizeof(log), "%s/log", dir);
	snprintf(body, sizeof(body),
		 "#!/bin/sh\n"
		 "echo \"$0|$1|$#\" >> '%s'\n"
		 "case \"$1\" in\n"
		 "exit7) exit 7 ;;\n"
		 "kill) kill -TERM $$ ;;\n"
		 "esac\n", log);
	script(s, sizeof(s), dir, "post", body);
	CU_ASSERT_EQUAL_FATAL(cap_cmdq_new(err, "./post", s, NULL, record, &rep,
					   &q), 0);
	CU_ASSERT_EQUAL(cap_cmdq_submit(q, "f0"), 0);
	CU_ASSERT_EQUAL(cap_cmdq_submit(q, "exit7"), 0);
	CU_ASSERT_EQUAL(cap_cmdq_submit(q, "kill"), 0);
	CU_ASSERT_EQUAL(cap_cmdq_submit(q, "a file; rm -rf /"), 0);
	CU_ASSERT_EQUAL(cap_cmdq_wait(q, 10000), 0);
	cap_cmdq_counts(q, &done, &failed);
	CU_ASSERT_EQUAL(done, 4);
	CU_ASSERT_EQUAL(failed, 2);
	cap_cmdq_free(q);
	/* The program resolved ($0 of a script is its path); the file is
	 * one argument, never seen by a shell. */
	tu_read_file(log, got, sizeof(got));
	snprintf(want, sizeof(want), "%s|f0|1\n%s|exit7|1\n%s|kill|1\n"
		 "%s|a file; rm -rf /|1\n", s, s, s, s);
	CU_ASSERT_STRING_EQUAL(got, want);
	CU_ASSERT_EQUAL(rep.n, 2);
	CU_ASSERT_STRING_EQUAL(rep.line[0], "post-rotate command './post' for "
					    "'exit7' exited with status 7");
	CU_ASSERT_STRING_EQUAL(rep.line[1], "post-rotate command './post' for "
					    "'kill' was killed by signal 15 "
					    "(SIGTERM)");

	/* Exec failures: not a program, and gone since it was resolved. */
	reports_init(&rep);
	snprintf(bad, sizeof(bad), "%s/garbage", dir);
	CU_ASSERT_EQUAL(tu_write_file(bad, "\x01\x02\x03\x04 not a program", 0755), 0);
	CU_ASSERT_EQUAL_FATAL(cap_cmdq_new(err, bad, bad, NULL, record, &rep,
					   &q), 0);
	CU_ASSERT_EQUAL(cap_cmdq_submit(q, "f1"), 0);
	CU_ASSERT_EQUAL(cap_cmdq_wait(q, 10000), 0);
	unlink(bad);
	CU_ASSERT_EQUAL(cap_cmdq_submit(q, "f2"), 0);
	cap_cmdq_free(q); /* waits for f2's attempt */
	CU_ASSERT_EQUAL(rep.n, 2);
	snprintf(want, sizeof(want), "post-rotate command '%s' for 'f1': "
		 "cannot run: Exec format error", bad);
	CU_ASSERT_STRING_EQUAL(rep.line[0], want);
	snprintf(want, sizeof(want), "post-rotate command '%s' for 'f2': "
		 "cannot run: No such file or directory", bad);
	CU_ASSERT_STRING_EQUAL(rep.line[1], want);
	tu_rmtree(dir);
	free(dir);
}

/*
 * The child: its own process group, stdin /dev/null, nice 10, no fd
 * inherited beyond 0-2 (an fd opened without O_CLOEXEC here included).
 */
static void test_child_surroundings(void)
{
	char *dir = tu_tmpdir("cmdq");
	char err[HX_ERRLEN], s[PATH_MAX], log[PATH_MAX], body[2 * PATH_MAX];
	char got[1024], want[256];
	struct cap_cmdq *q;
	struct reports rep;
	int leak, nice_now;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	reports_init(&rep);
	leak = dup(2); /* not close-on-exec, like libpcap's sockets */
	CU_ASSERT_FATAL(leak > 2);
	snprintf(log, sizeof(log), "%s/log", dir);
	snprintf(body, sizeof(body),
		 "#!/bin/sh\n"
		 "set -- $(cat /proc/$$/stat | sed 's/.*) //')\n"
		 "[ \"$3\" = $$ ] && echo own-group || echo shared-group\n"
		 "echo nice=${17}\n"
		 "[ -e /proc/$$/fd/%d ] && echo leaked || echo closed\n"
		 "[ \"$(readlink /proc/$$/fd/0)\" = /dev/null ] && echo null-stdin\n",
		 leak);
	script(s, sizeof(s), dir, "post", body);
	CU_ASSERT_EQUAL_FATAL(cap_cmdq_new(err, s, s, NULL, record, &rep, &q),
			      0);
	/* The script writes to its stdout: send it to the log. */
	{
		int saved = dup(1), fd;

		fflush(stdout);
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		CU_ASSERT_FATAL(fd >= 0 && saved >= 0);
		dup2(fd, 1);
		close(fd);
		CU_ASSERT_EQUAL(cap_cmdq_submit(q, "f"), 0);
		CU_ASSERT_EQUAL(cap_cmdq_wait(q, 10000), 0);
		dup2(saved, 1);
		close(saved);
	}
	cap_cmdq_free(q);
	close(leak);
	tu_read_file(log, got, sizeof(got));
	/* nice 10, unless this test already runs nicer (it cannot go back). */
	errno = 0;
	nice_now = getpriority(PRIO_PROCESS, 0);
	snprintf(want, sizeof(want), "own-group\nnice=%d\nclosed\nnull-stdin\n",
		 nice_now > 10 ? nice_now : 10);
	CU_ASSERT_STRING_EQUAL(got, want);
	CU_ASSERT_EQUAL(rep.n, 0);
	tu_rmtree(dir);
	free(dir);
}

/*
 * submit never waits for a command; wait gives up at its timeout. The
 * command blocks on a FIFO this test holds, not on a clock.
 */
static void test_async_and_timeout(void)
{
	char *dir = tu_tmpdir("cmdq");
	char err[HX_ERRLEN], s[PATH_MAX], fifo[PATH_MAX], log[PATH_MAX];
	char body[3 * PATH_MAX], got[256];
	struct cap_cmdq *q;
	struct reports rep;
	unsigned done;
	int fd;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	reports_init(&rep);
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	snprintf(log, sizeof(log), "%s/log", dir);
	CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
	snprintf(body, sizeof(body),
		 "#!/bin/sh\n"
		 "[ \"$1\" = first ] && read x < '%s'\n"
		 "echo \"$1\" >> '%s'\n", fifo, log);
	script(s, sizeof(s), dir, "post", body);
	CU_ASSERT_EQUAL_FATAL(cap_cmdq_new(err, s, s, NULL, record, &rep, &q),
			      0);
	CU_ASSERT_EQUAL(cap_cmdq_submit(q, "first"), 0);
	CU_ASSERT_EQUAL(cap_cmdq_submit(q, "second"), 0);
	CU_ASSERT_EQUAL(cap_cmdq_wait(q, 50), -ETIMEDOUT);
	cap_cmdq_counts(q, &done, NULL);
	CU_ASSERT_EQUAL(done, 0);
	/* Opening the FIFO's other end lets "first" go on. */
	fd = open(fifo, O_WRONLY | O_CLOEXEC);
	CU_ASSERT(fd >= 0);
	CU_ASSERT_EQUAL(write(fd, "go\n", 3), 3);
	close(fd);
	CU_ASSERT_EQUAL(cap_cmdq_wait(q, -1), 0);
	cap_cmdq_counts(q, &done, NULL);
	CU_ASSERT_EQUAL(done, 2);
	cap_cmdq_free(q);
	tu_read_file(log, got, sizeof(got));
	CU_ASSERT_STRING_EQUAL(got, "first\nsecond\n");
	CU_ASSERT_EQUAL(rep.n, 0);
	tu_rmtree(dir);
	free(dir);
}

static CU_TestInfo tests[] = {
	{ "PATH lookup as execvp, once", test_resolve_path_lookup },
	{ "in order; exit, signal, exec failures reported",
	  test_order_and_failures },
	{ "the child: own group, /dev/null, nice, no fds",
	  test_child_surroundings },
	{ "submit never blocks; wait times out", test_async_and_timeout },
	CU_TEST_INFO_NULL,
};

TU_SUITE("cmdq", NULL, NULL, tests);
