/* test-runner.c: the scenario runner with a test executor: parallelism, timeouts, Ctrl-C, exit codes, TAP, JUnit, --out. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/cmds.h"
#include "harness/runner.h"
#include "unit/tu.h"

/* ---- a directory of scenario files ----------------------------------- */

static char tmpdir[64];

static int suite_init(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/dumplab-runner-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int suite_clean(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes tmpdir/sub/NAME.scn (the scenario named NAME) and returns its path. */
static char *scn(const char *sub, const char *name, const char *extra)
{
	static char paths[64][256];
	static int next;
	char *p = paths[next++ % 64];
	char dir[200];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/%s", tmpdir, sub);
	mkdir(dir, 0755);
	snprintf(p, 256, "%s/%s.scn", dir, name);
	f = fopen(p, "we");
	if (!f)
		return p;
	fprintf(f, "scenario %s\ntitle the %s test\nseed 000 §0\n%s"
		   "host a\nr: run a true\nexpect r exit 0\n",
		name, name, extra ? extra : "");
	fclose(f);
	return p;
}

/* ---- the test executor ----------------------------------------------- */

/* What the executor does, by the scenario's name prefix:
 *   pass-*     evaluates its expectations on a run that exited 0: passes
 *   fail-*     evaluates its expectations on a run that exited 1: fails
 *   skip-*     skips
 *   hang-*     waits for its cancel fd only (timeouts, Ctrl-C)
 *   meet-*     waits until two meet-* run at the same time (5 s at most)
 *   sigint-*   sends SIGINT to the process, then waits to be cancelled
 *   cancel-*   makes the test's cancel fd readable, then waits
 *   files-*    passes as pass-* does; checks its `file`s are in its
 *              directory, writes out.pcap
 *   stuck-*    waits for its cancel fd, 10 s at most: then fails "never
 *              cancelled" (a run that forgot it ends anyway)
 * A name with "-step" in it says it is in its first step, waiting for the
 * test, before doing what its prefix says.
 * Every one appends its name and a space to order (the start order).
 */
struct tx {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int meet, running, max_running;
	int cancel_fd;
	int saw_files;
	char order[256];
};

static void wait_cancel(const struct hx_exec_ctx *ctx)
{
	struct pollfd pf = { ctx->cancel_fd, POLLIN, 0 };

	while (!atomic_load(ctx->cancelled))
		poll(&pf, 1, -1);
}

static int texec(const struct sc_scenario *sc, struct sc_report *rep,
		 const struct hx_exec_ctx *ctx)
{
	struct tx *t = ctx->arg;
	const char *n = sc->name;
	uint64_t one = 1;

	pthread_mutex_lock(&t->mu);
	if (++t->running > t->max_running)
		t->max_running = t->running;
	if (strlen(t->order) + strlen(n) + 2 < sizeof(t->order)) {
		strcat(t->order, n);
		strcat(t->order, " ");
	}
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
	hx_buf_printf(&rep->transcript, "ran %s\n", n);
	rep->status = SC_ST_PASS;
	if (strstr(n, "-step")) {
		rep->step = 0;
		sc_report_waiting(rep, "waiting for the test");
	}
	if (!strncmp(n, "fail", 4) || !strncmp(n, "pass", 4) || !strncmp(n, "files", 5)) {
		struct sc_step_result *res = calloc(sc->nsteps, sizeof(*res));
		struct sc_results all = { res, ctx->workdir, NULL, 0 };
		char err[HX_ERRLEN];

		res[0].ran = 1;
		res[0].exit_status = n[0] == 'f' && n[1] == 'a';
		if (sc_expect_eval(err, sc, &all, &rep->verdicts) == 0)
			rep->nverdicts = sc->nexpects;
		free(res);
	} else if (!strncmp(n, "skip", 4)) {
		rep->status = SC_ST_SKIP;
		sc_report_reason(rep, "test skip");
	} else if (!strncmp(n, "hang", 4)) {
		wait_cancel(ctx);
	} else if (!strncmp(n, "meet", 4)) {
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 5;
		pthread_mutex_lock(&t->mu);
		t->meet++;
		pthread_cond_broadcast(&t->cv);
		while (t->meet < 2 &&
		       pthread_cond_timedwait(&t->cv, &t->mu, &until) != ETIMEDOUT)
			;
		if (t->meet < 2) {
			rep->status = SC_ST_FAIL;
			sc_report_reason(rep, "ran alone");
		}
		pthread_mutex_unlock(&t->mu);
	} else if (!strncmp(n, "sigint", 6)) {
		kill(getpid(), SIGINT);
		wait_cancel(ctx);
	} else if (!strncmp(n, "cancel", 6)) {
		if (write(t->cancel_fd, &one, sizeof(one)) < 0)
			rep->status = SC_ST_FAIL;
		wait_cancel(ctx);
	} else if (!strncmp(n, "stuck", 5)) {
		struct pollfd pf = { ctx->cancel_fd, POLLIN, 0 };
		struct timespec t0, t1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		t1 = t0;
		while (!atomic_load(ctx->cancelled) && t1.tv_sec - t0.tv_sec < 10) {
			poll(&pf, 1, 1000);
			clock_gettime(CLOCK_MONOTONIC, &t1);
		}
		if (!atomic_load(ctx->cancelled)) {
			rep->status = SC_ST_FAIL;
			sc_report_reason(rep, "never cancelled");
		}
	}
	if (!strncmp(n, "files", 5)) {
		char p[512];
		struct stat st;
		int fd;

		snprintf(p, sizeof(p), "%s/limit.sh", ctx->workdir);
		t->saw_files = stat(p, &st) == 0 && (st.st_mode & 0777) == 0755;
		snprintf(p, sizeof(p), "%s/out.pcap", ctx->workdir);
		fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd >= 0)
			close(fd);
	}
	pthread_mutex_lock(&t->mu);
	t->running--;
	pthread_mutex_unlock(&t->mu);
	return 0;
}

static void tx_init(struct tx *t)
{
	memset(t, 0, sizeof(*t));
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	t->cancel_fd = -1;
}

static void tx_release(struct tx *t)
{
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
}

static int run(struct hx_run *r, char **paths, size_t n, struct hx_run_opts *o)
{
	char err[HX_ERRLEN];

	CU_ASSERT_EQUAL_FATAL(hx_run_load(err, r, paths, n), 0);
	if (hx_run_exec(err, r, o) < 0) {
		fprintf(stderr, "\n%s\n", err);
		return -1;
	}
	return 0;
}

static struct hx_run_opts opts(struct tx *t, int jobs)
{
	struct hx_run_opts o = { .jobs = jobs, .exec = texec, .exec_arg = t,
				 .progress_fd = -1, .cancel_fd = -1 };

	return o;
}

/* ---- tests ----------------------------------------------------------- */

static void test_parallel(void)
{
	char *p[] = { scn("par", "meet-a", NULL), scn("par", "meet-b", NULL) };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 2);
	CU_ASSERT_EQUAL(run(&r, p, 2, &o), 0);
	/* Each waited for the other: they ran at the same time. */
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_PASS);
	CU_ASSERT_EQUAL(r.items[1].rep.status, SC_ST_PASS);
	CU_ASSERT_EQUAL(r.max_parallel, 2);
	CU_ASSERT_EQUAL(t.max_running, 2);
	CU_ASSERT_EQUAL(hx_run_exit_code(&r), 0);
	hx_run_release(&r);
	tx_release(&t);
}

static void test_jobs_bound(void)
{
	char *p[] = { scn("jobs", "pass-1", NULL), scn("jobs", "pass-2", NULL),
		      scn("jobs", "pass-3", NULL), scn("jobs", "skip-4", NULL) };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 1);
	CU_ASSERT_EQUAL(run(&r, p, 4, &o), 0);
	CU_ASSERT_EQUAL(r.max_parallel, 1);
	CU_ASSERT_EQUAL(t.max_running, 1);
	CU_ASSERT_EQUAL(r.passed, 3);
	CU_ASSERT_EQUAL(r.skipped, 1);
	CU_ASSERT_EQUAL(hx_run_exit_code(&r), 0);
	hx_run_release(&r);
	tx_release(&t);
}

/* One scenario hangs past its own 100 ms timeout; the others go on. */
static void test_timeout(void)
{
	char *p[] = { scn("to", "hang-1", "timeout 100ms\n"), scn("to", "pass-2", NULL) };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 2);
	CU_ASSERT_EQUAL(run(&r, p, 2, &o), 0);
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_FAIL);
	CU_ASSERT(r.items[0].timed_out);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason, "timed out after 100ms");
	CU_ASSERT(r.items[0].rep.elapsed >= 100000);
	CU_ASSERT(r.items[0].rep.elapsed < 5000000);
	CU_ASSERT_EQUAL(r.items[1].rep.status, SC_ST_PASS);
	CU_ASSERT_EQUAL(hx_run_exit_code(&r), 1);
	hx_run_release(&r);
	tx_release(&t);
}

/* A timeout and a cancel name the step that was running, its line and
 * statement as written, and what it waited for. */
static void test_cut_names_step(void)
{
	char *p[] = { scn("cut", "hang-step-1", "timeout 100ms\n"),
		      scn("cut", "cancel-step-2", NULL) };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 1);
	CU_ASSERT_EQUAL(run(&r, p, 1, &o), 0);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason,
			       "timed out after 100ms in line 6 (r: run a true): waiting for the test");
	hx_run_release(&r);
	t.cancel_fd = eventfd(0, EFD_CLOEXEC);
	o.cancel_fd = t.cancel_fd;
	CU_ASSERT_EQUAL(run(&r, p + 1, 1, &o), 0);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason,
			       "interrupted in line 5 (r: run a true): waiting for the test");
	close(t.cancel_fd);
	hx_run_release(&r);
	tx_release(&t);
}

static void test_default_timeout(void)
{
	char *p[] = { scn("dto", "hang-d", NULL) };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 1);
	o.default_timeout = 50000;
	CU_ASSERT_EQUAL(run(&r, p, 1, &o), 0);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason, "timed out after 50ms");
	hx_run_release(&r);
	tx_release(&t);
}

static void test_failures_and_load_errors(void)
{
	char *p[3];
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;
	FILE *f;
	char bad[256];

	p[0] = scn("fl", "fail-1", NULL);
	p[1] = scn("fl", "pass-2", NULL);
	snprintf(bad, sizeof(bad), "%s/fl/broken.scn", tmpdir);
	f = fopen(bad, "we");
	fputs("scenario broken\ntitle t\nhost a\nlisten b tcp 80\n", f);
	fclose(f);
	p[2] = bad;
	tx_init(&t);
	o = opts(&t, 2);
	CU_ASSERT_EQUAL(run(&r, p, 3, &o), 0);
	/* The failed verdict fails the scenario and says which line. */
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_FAIL);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason, "expectation on line 6 failed");
	CU_ASSERT_EQUAL(r.items[0].rep.nverdicts, 1);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.verdicts[0].why, "'r' exited with status 1, expected 0");
	/* A file that does not load runs nothing and carries its message. */
	CU_ASSERT_PTR_NULL(r.items[2].sc);
	CU_ASSERT_EQUAL(r.items[2].rep.status, SC_ST_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.items[2].rep.reason, "/fl/broken.scn:4:8: unknown host 'b'"));
	CU_ASSERT_EQUAL(r.passed, 1);
	CU_ASSERT_EQUAL(r.failed, 2);
	CU_ASSERT_EQUAL(hx_run_exit_code(&r), 1);
	hx_run_release(&r);
	tx_release(&t);
}

/* Ctrl-C: a real SIGINT, read through the runner's signalfd; the running
 * scenarios are cancelled, the rest never start, the exit code is 130,
 * and this process is still alive to check it. */
static void test_sigint(void)
{
	char *p[] = { scn("int", "sigint-1", NULL), scn("int", "hang-2", NULL),
		      scn("int", "pass-3", NULL), scn("int", "pass-4", NULL) };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;
	sigset_t pend;

	tx_init(&t);
	o = opts(&t, 2);
	o.handle_signals = 1;
	CU_ASSERT_EQUAL(run(&r, p, 4, &o), 0);
	CU_ASSERT(r.interrupted);
	CU_ASSERT_EQUAL(hx_run_exit_code(&r), 130);
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_FAIL);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason, "interrupted");
	/* The second started alongside, or never: either way interrupted. */
	CU_ASSERT(r.items[1].interrupted);
	CU_ASSERT(r.items[3].interrupted);
	CU_ASSERT_STRING_EQUAL(r.items[3].rep.reason, "not run: interrupted");
	CU_ASSERT_EQUAL(r.items[3].rep.status, SC_ST_SKIP);
	/* Nothing is left pending, and the mask is back as it was. */
	sigpending(&pend);
	CU_ASSERT_FALSE(sigismember(&pend, SIGINT));
	hx_run_release(&r);
	tx_release(&t);
}

static void test_cancel_fd(void)
{
	char *p[] = { scn("cfd", "cancel-1", NULL), scn("cfd", "pass-2", NULL) };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	t.cancel_fd = eventfd(0, EFD_CLOEXEC);
	o = opts(&t, 1);
	o.cancel_fd = t.cancel_fd;
	CU_ASSERT_EQUAL(run(&r, p, 2, &o), 0);
	CU_ASSERT(r.interrupted);
	CU_ASSERT_EQUAL(hx_run_exit_code(&r), 130);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason, "interrupted");
	CU_ASSERT_FALSE(r.items[1].ran);
	close(t.cancel_fd);
	hx_run_release(&r);
	tx_release(&t);
}

static void test_needs_skip(void)
{
	char *p[] = { scn("need", "pass-tool", "needs tool no-such-tool-here\n"),
		      scn("need", "pass-sysctl", "needs sysctl net.ipv4.no_such_key\n"),
		      scn("need", "pass-user", "needs user no-such-user-here\n"),
		      scn("need", "pass-sh", "needs tool sh\nneeds sysctl net.ipv4.ip_forward\n") };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 2);
	CU_ASSERT_EQUAL(run(&r, p, 4, &o), 0);
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_SKIP);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason, "needs tool no-such-tool-here: not found on PATH");
	CU_ASSERT_STRING_EQUAL(r.items[1].rep.reason, "needs sysctl net.ipv4.no_such_key: this kernel lacks it");
	CU_ASSERT_STRING_EQUAL(r.items[2].rep.reason, "needs user no-such-user-here: no such user");
	CU_ASSERT_EQUAL(r.items[3].rep.status, SC_ST_PASS);
	hx_run_release(&r);
	tx_release(&t);
}

static void test_dry_executor(void)
{
	char *p[] = { scn("dry", "pass-dry", NULL) };
	struct hx_run r;
	struct hx_run_opts o = { .jobs = 0, .progress_fd = -1, .cancel_fd = -1 };

	CU_ASSERT_EQUAL(run(&r, p, 1, &o), 0);
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_SKIP);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason, "no engine yet");
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.transcript.p,
			       "validated: 1 host, 1 step, 1 expectation\n");
	CU_ASSERT_EQUAL(hx_run_exit_code(&r), 0);
	hx_run_release(&r);
}

/* Durations vary from run to run; the reports are compared without them. */
static void zero_times(struct hx_run *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		r->items[i].rep.elapsed = 0;
	r->wall = 0;
}

static void test_tap(void)
{
	char *p[] = { scn("tap", "pass-1", NULL), scn("tap", "skip-2", NULL),
		      scn("tap", "fail-3", NULL) };
	struct hx_run r;
	struct hx_buf b = HX_BUF_INIT;
	struct tx t;
	struct hx_run_opts o;
	char want[2048];

	tx_init(&t);
	o = opts(&t, 2);
	CU_ASSERT_EQUAL(run(&r, p, 3, &o), 0);
	zero_times(&r);
	hx_report_tap(&b, &r, 14);
	snprintf(want, sizeof(want),
		 "TAP version 14\n"
		 "1..3\n"
		 "# ran pass-1\n"
		 "# Subtest: pass-1\n"
		 "    1..1\n"
		 "    ok 1 - line 6: expect r exit 0\n"
		 "ok 1 - pass-1\n"
		 "# ran skip-2\n"
		 "ok 2 - skip-2 # SKIP test skip\n"
		 "# ran fail-3\n"
		 "# Subtest: fail-3\n"
		 "    1..1\n"
		 "    not ok 1 - line 6: expect r exit 0\n"
		 "      ---\n"
		 "      why: \"'r' exited with status 1, expected 0\"\n"
		 "      detail: |\n"
		 "        expected (%s:6): expect r exit 0\n"
		 "      ...\n"
		 "not ok 3 - fail-3\n"
		 "  ---\n"
		 "  message: \"expectation on line 6 failed\"\n"
		 "  severity: fail\n"
		 "  file: \"%s\"\n"
		 "  duration_ms: 0\n"
		 "  failures:\n"
		 "    - line: 6\n"
		 "      expected: \"expect r exit 0\"\n"
		 "      ok: false\n"
		 "      why: \"'r' exited with status 1, expected 0\"\n"
		 "      detail: |\n"
		 "        expected (%s:6): expect r exit 0\n"
		 "  ...\n",
		 p[2], p[2], p[2]);
	if (strcmp(b.p, want))
		fprintf(stderr, "\n%s", b.p);
	CU_ASSERT_STRING_EQUAL(b.p, want);
	hx_buf_release(&b);
	/* Version 13: no subtests; every verdict, passed or not, is a YAML
	 * diagnostic of its scenario's test line; ASCII only. */
	hx_buf_puts(&r.items[0].rep.transcript, "\xc2\xa7 \xe2\x86\x92 \xf0\x9f\x98\x80 \xff\n");
	hx_report_tap(&b, &r, 13);
	CU_ASSERT_EQUAL(strncmp(b.p, "TAP version 13\n1..3\n", 20), 0);
	CU_ASSERT_PTR_NULL(strstr(b.p, "Subtest"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "# \\u00a7 \\u2192 \\U0001f600 \\xff\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "ok 1 - pass-1\n"
					   "  ---\n"
					   "  file: \""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "  verdicts:\n"
					   "    - line: 6\n"
					   "      expected: \"expect r exit 0\"\n"
					   "      ok: true\n"
					   "  ...\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "ok 2 - skip-2 # SKIP test skip\n  ---\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "not ok 3 - fail-3\n  ---\n  message: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "      ok: false\n      why: "));
	{
		size_t k;

		for (k = 0; k < b.len; k++)
			if ((unsigned char)b.p[k] >= 0x80)
				break;
		CU_ASSERT_EQUAL(k, b.len);
	}
	hx_buf_release(&b);
	hx_run_release(&r);
	tx_release(&t);
}

static void test_text_report(void)
{
	char *p[] = { scn("txt", "pass-1", NULL), scn("txt", "fail-2", NULL) };
	struct hx_run r;
	struct hx_buf b = HX_BUF_INIT;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 2);
	CU_ASSERT_EQUAL(run(&r, p, 2, &o), 0);
	zero_times(&r);
	{
		struct hx_text_opts v = { .verbosity = HX_VERBOSE, .scn_dir = NULL };

		hx_report_text(&b, &r, &v);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "=== pass-1: the pass-1 test (seed 000 §0)\n"
					   "    ran pass-1\n"
					   "    ok    line 6    expect r exit 0\n"
					   "--- PASS pass-1 (0.000s)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "    FAIL  line 6    expect r exit 0\n"
					   "          why: 'r' exited with status 1, expected 0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "--- FAIL fail-2: expectation on line 6 failed (0.000s)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "dumplab: 2 scenarios: 1 passed, 1 failed, 0 skipped in 0.000s\n"
					   "dumplab: failed: fail-2\n"));
	/* Not in the scenario directory: rerun by path. */
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "dumplab: rerun them: dumplab run "));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "/txt/fail-2.scn\n"));
	hx_buf_reset(&b);
	/* The default: a pass is one line, a failure is in full; in the
	 * scenario directory the rerun names it. */
	{
		char dir[256];
		struct hx_text_opts d = { .verbosity = HX_NORMAL, .scn_dir = dir };

		snprintf(dir, sizeof(dir), "%s/txt", tmpdir);
		hx_report_text(&b, &r, &d);
	}
	CU_ASSERT_PTR_EQUAL(strstr(b.p, "PASS pass-1 (0.000s)\n=== fail-2: the fail-2 test"), b.p);
	CU_ASSERT_PTR_NULL(strstr(b.p, "ran pass-1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "    ran fail-2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "\ndumplab: rerun them: dumplab run fail-2\n"));
	hx_buf_reset(&b);
	/* -q: one line each, the failure's verdicts, no transcript; colour
	 * when asked. */
	{
		struct hx_text_opts q = { .verbosity = HX_QUIET, .color = 1 };

		hx_report_text(&b, &r, &q);
	}
	CU_ASSERT_PTR_EQUAL(strstr(b.p, "\033[1m\033[32mPASS\033[0m pass-1 (0.000s)\n"
				       "\033[1m\033[31mFAIL\033[0m fail-2: expectation on line 6 failed (0.000s)\n"
				       "    \033[31mFAIL\033[0m  line 6    expect r exit 0\n"), b.p);
	CU_ASSERT_PTR_NULL(strstr(b.p, "ran "));
	CU_ASSERT_PTR_NULL(strstr(b.p, "==="));
	hx_buf_release(&b);
	hx_run_release(&r);
	tx_release(&t);
}

static int xmllint_with(const char *xsd, const char *file)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "xmllint --noout --schema '%s' '%s' 2>/dev/null", xsd, file);
	return system(cmd) == 0;
}

static int xmllint_ok(const char *file)
{
	return xmllint_with("tests/junit.xsd", file);
}

/*
 * The Jenkins xunit plugin's junit-10.xsd, the schema CI's JUnit readers
 * hold reports to: $DUMPLAB_JUNIT10_XSD, else ../shared/junit-10.xsd (the
 * copy kept beside the project with its licence), else NULL.
 */
static const char *junit10(void)
{
	const char *e = getenv("DUMPLAB_JUNIT10_XSD");

	if (e && *e)
		return access(e, R_OK) == 0 ? e : NULL;
	return access("../shared/junit-10.xsd", R_OK) == 0 ? "../shared/junit-10.xsd" : NULL;
}

static int write_buf(const char *path, const struct hx_buf *b)
{
	FILE *f = fopen(path, "we");

	if (!f)
		return -1;
	fwrite(b->p, 1, b->len, f);
	return fclose(f);
}

/* JUnit: valid against tests/junit.xsd and junit-10.xsd, with awkward
 * text escaped; a file that does not load is an error named as the
 * scenario; the timestamp is the run's start. */
static void test_junit(void)
{
	char *p[] = { scn("ju", "pass-1", NULL), scn("ju", "skip-2", NULL),
		      scn("ju", "fail-3", NULL), NULL };
	struct hx_run r;
	struct hx_buf b = HX_BUF_INIT;
	struct tx t;
	struct hx_run_opts o;
	char path[256], bad[256], stamp[32], *at;
	time_t before = time(NULL);
	struct tm tm;
	FILE *f;

	snprintf(bad, sizeof(bad), "%s/ju/broken-4.scn", tmpdir);
	f = fopen(bad, "we");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("scenario broken-4\ntitle t\nlisen a\n", f);
	fclose(f);
	p[3] = bad;
	tx_init(&t);
	o = opts(&t, 2);
	CU_ASSERT_EQUAL(run(&r, p, 4, &o), 0);
	/* Text a transcript or a reason may hold: markup, quotes, a control
	 * byte, invalid UTF-8, valid UTF-8. */
	hx_buf_puts(&r.items[0].rep.transcript, "<tag> & \"q\" 'a' \x01 \xff\xfe §ok ]]>\n");
	sc_report_reason(&r.items[1].rep, "needs <root> & \"more\"");
	/* A report written a while after the run still carries its start. */
	r.started -= 3600;
	hx_report_junit(&b, &r);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "<testsuites name=\"dumplab\" tests=\"4\" failures=\"1\" errors=\"1\" time=\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "<testsuite name=\"scenarios\" tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\""));
	before -= 3600;
	gmtime_r(&before, &tm);
	strftime(stamp, sizeof(stamp), "timestamp=\"%Y-%m-%dT%H:", &tm);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, stamp));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "<testcase classname=\"dumplab.scenarios\" name=\"fail-3\""));
	CU_ASSERT_PTR_NULL(strstr(b.p, " file=\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "<failure message=\"expectation on line 6 failed\" type=\"expectation\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "<skipped message=\"needs &lt;root&gt; &amp; &quot;more&quot;\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "&lt;tag&gt; &amp; &quot;q&quot; &apos;a&apos; \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd §ok ]]&gt;"));
	/* Named as the scenario (the file's name without .scn), an error. */
	at = strstr(b.p, "name=\"broken-4\"");
	CU_ASSERT_PTR_NOT_NULL(at);
	CU_ASSERT_PTR_NOT_NULL(at ? strstr(at, "<error message=\"") : NULL);
	/* The verdicts are in system-out, the passing ones too. */
	at = strstr(b.p, "name=\"pass-1\"");
	CU_ASSERT_PTR_NOT_NULL(at ? strstr(at, "<system-out>file: ") : NULL);
	CU_ASSERT_PTR_NOT_NULL(at ? strstr(at, "ok    line 6    expect r exit 0\n") : NULL);
	snprintf(path, sizeof(path), "%s/junit.xml", tmpdir);
	CU_ASSERT_EQUAL_FATAL(write_buf(path, &b), 0);
	CU_ASSERT(xmllint_ok(path));
	if (junit10()) {
		CU_ASSERT(xmllint_with(junit10(), path));
	} else {
		fprintf(stderr, "\n  (junit-10.xsd: skipped: neither $DUMPLAB_JUNIT10_XSD nor ../shared/junit-10.xsd is there) ");
	}
	/* The schemas are not rubber stamps: a testcase without a time
	 * fails ours, one with a file attribute fails both. */
	{
		struct hx_buf bad_xml = HX_BUF_INIT;

		at = strstr(b.p, " time=\"");
		at = at ? strstr(at + 1, " time=\"") : NULL; /* the testsuite's */
		at = at ? strstr(at + 1, " time=\"") : NULL; /* a testcase's */
		CU_ASSERT_PTR_NOT_NULL_FATAL(at);
		hx_buf_put(&bad_xml, b.p, (size_t)(at - b.p));
		hx_buf_puts(&bad_xml, " tyme=\"");
		hx_buf_puts(&bad_xml, at + 7);
		CU_ASSERT_EQUAL_FATAL(write_buf(path, &bad_xml), 0);
		CU_ASSERT_FALSE(xmllint_ok(path));
		hx_buf_reset(&bad_xml);
		hx_buf_put(&bad_xml, b.p, (size_t)(at - b.p));
		hx_buf_puts(&bad_xml, " file=\"x.scn\"");
		hx_buf_puts(&bad_xml, at);
		CU_ASSERT_EQUAL_FATAL(write_buf(path, &bad_xml), 0);
		CU_ASSERT_FALSE(xmllint_ok(path));
		if (junit10()) {
			CU_ASSERT_FALSE(xmllint_with(junit10(), path));
		}
		hx_buf_release(&bad_xml);
	}
	hx_buf_release(&b);
	hx_run_release(&r);
	tx_release(&t);
}

static void test_outdir(void)
{
	char *p[] = { scn("out", "files-1", "file limit.sh mode 0755\n  #!/bin/sh\nend\n") };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;
	char out[256], f[400];
	struct stat st;
	FILE *fp;

	snprintf(out, sizeof(out), "%s/outdir", tmpdir);
	tx_init(&t);
	o = opts(&t, 1);
	o.outdir = out;
	CU_ASSERT_EQUAL(run(&r, p, 1, &o), 0);
	CU_ASSERT(t.saw_files);
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_PASS);
	snprintf(f, sizeof(f), "%s/files-1/transcript.txt", out);
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	/* The transcript, then the verdicts and the status. */
	fp = fopen(f, "re");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	{
		char text[1024];
		size_t n = fread(text, 1, sizeof(text) - 1, fp);

		text[n] = '\0';
		CU_ASSERT_PTR_EQUAL(strstr(text, "ran files-1\n"
						 "ok    line 9    expect r exit 0\n"
						 "--- PASS files-1 ("), text);
	}
	fclose(fp);
	snprintf(f, sizeof(f), "%s/files-1/out.pcap", out);
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	hx_run_release(&r);
	/* Again: an earlier run's directory is emptied and reused. */
	CU_ASSERT_EQUAL(run(&r, p, 1, &o), 0);
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_PASS);
	hx_run_release(&r);
	/* A directory that is someone else's is left alone. */
	snprintf(f, sizeof(f), "%s/files-1/transcript.txt", out);
	unlink(f);
	snprintf(f, sizeof(f), "%s/files-1/precious", out);
	fp = fopen(f, "we");
	fclose(fp);
	CU_ASSERT_EQUAL(run(&r, p, 1, &o), 0);
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.items[0].rep.reason, "is not empty and is not an earlier run's"));
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	hx_run_release(&r);
	tx_release(&t);
}

/* --out DIR before a run: new or empty is taken, an earlier run's is
 * emptied, a file or someone else's non-empty directory is refused and
 * left as it was. */
static void test_outdir_prepare(void)
{
	char d[256], f[400], err[HX_ERRLEN];
	struct stat st;
	FILE *fp;

	snprintf(d, sizeof(d), "%s/prep/new/deep", tmpdir);
	CU_ASSERT_EQUAL(hx_run_outdir(err, d), 0);
	snprintf(f, sizeof(f), "%s/" HX_OUT_MARK, d);
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	/* An earlier run's: emptied, marked again. */
	snprintf(f, sizeof(f), "%s/old-scenario", d);
	mkdir(f, 0755);
	snprintf(f, sizeof(f), "%s/old-scenario/transcript.txt", d);
	fp = fopen(f, "we");
	fclose(fp);
	CU_ASSERT_EQUAL(hx_run_outdir(err, d), 0);
	snprintf(f, sizeof(f), "%s/old-scenario", d);
	CU_ASSERT_NOT_EQUAL(stat(f, &st), 0);
	snprintf(f, sizeof(f), "%s/" HX_OUT_MARK, d);
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	/* Someone else's: refused, untouched. */
	snprintf(d, sizeof(d), "%s/prep/theirs", tmpdir);
	mkdir(d, 0755);
	snprintf(f, sizeof(f), "%s/thesis.tex", d);
	fp = fopen(f, "we");
	fclose(fp);
	CU_ASSERT_EQUAL(hx_run_outdir(err, d), -EEXIST);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "is not empty and no earlier run wrote it"));
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	/* A file. */
	CU_ASSERT_EQUAL(hx_run_outdir(err, f), -ENOTDIR);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "is not a directory"));
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	CU_ASSERT(S_ISREG(st.st_mode));
}

/* Temporary directories go away after the run. */
static void test_temp_dirs_removed(void)
{
	char *p[] = { scn("tmp", "files-t", "file limit.sh mode 0755\n  x\nend\n") };
	char dir[256], *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	snprintf(dir, sizeof(dir), "%s/tmpdirs", tmpdir);
	mkdir(dir, 0755);
	setenv("TMPDIR", dir, 1);
	tx_init(&t);
	o = opts(&t, 1);
	CU_ASSERT_EQUAL(run(&r, p, 1, &o), 0);
	CU_ASSERT(t.saw_files);
	CU_ASSERT_EQUAL(rmdir(dir), 0); /* empty again */
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
	hx_run_release(&r);
	tx_release(&t);
}

/* ---- at scale, order, watchdog, scratch ------------------------------- */

static int count_fds(void)
{
	char p[64];
	int fd, n = 0;

	for (fd = 0; fd < 1024; fd++) {
		snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
		n += access(p, F_OK) == 0;
	}
	return n;
}

/* Resources go per worker: 3,000 queued scenarios (one file, repeated)
 * run under a 64-fd limit, and the file is loaded once. The runner used
 * to open an eventfd per queued scenario first, and could not start. */
static void test_many_few_fds(void)
{
	enum { N = 3000 };
	char **p = calloc(N, sizeof(*p)), *one = scn("many", "pass-many", NULL);
	char err[HX_ERRLEN] = "";
	struct rlimit old, low;
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;
	int i, rc, fds;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	for (i = 0; i < N; i++)
		p[i] = one;
	tx_init(&t);
	o = opts(&t, 8);
	CU_ASSERT_EQUAL_FATAL(hx_run_load(err, &r, p, N), 0);
	CU_ASSERT_PTR_NOT_NULL(r.items[0].sc);
	CU_ASSERT_PTR_EQUAL(r.items[N - 1].sc, r.items[0].sc);
	CU_ASSERT_FALSE(r.items[0].shared);
	CU_ASSERT(r.items[N - 1].shared);
	CU_ASSERT_EQUAL(r.items[0].copy, 0);
	CU_ASSERT_EQUAL(r.items[N - 1].copy, N - 1);
	fds = count_fds();
	CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	low.rlim_cur = 64;
	CU_ASSERT_EQUAL_FATAL(setrlimit(RLIMIT_NOFILE, &low), 0);
	rc = hx_run_exec(err, &r, &o);
	setrlimit(RLIMIT_NOFILE, &old);
	if (rc < 0)
		fprintf(stderr, "\n%s\n", err);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(r.passed, N);
	CU_ASSERT_EQUAL(r.max_parallel <= 8, 1);
	/* Closed before hx_run_exec returned, not by some later thread. */
	CU_ASSERT_EQUAL(count_fds(), fds);
	hx_run_release(&r);
	tx_release(&t);
	free(p);
}

/* The longest declared timeout starts first (ties in the order named);
 * the reports stay in the order named. */
static void test_longest_first(void)
{
	char *p[] = { scn("lf", "pass-a", "timeout 1s\n"), scn("lf", "pass-b", "timeout 3s\n"),
		      scn("lf", "pass-c", "timeout 2s\n"), scn("lf", "pass-d", "timeout 3s\n") };
	struct hx_run r;
	struct hx_buf b = HX_BUF_INIT;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 1);
	CU_ASSERT_EQUAL(run(&r, p, 4, &o), 0);
	CU_ASSERT_STRING_EQUAL(t.order, "pass-b pass-d pass-c pass-a ");
	hx_report_tap(&b, &r, 13);
	{
		const char *a = strstr(b.p, "# ran pass-a\nok 1 - pass-a\n"),
			   *pb = strstr(b.p, "# ran pass-b\nok 2 - pass-b\n"),
			   *c = strstr(b.p, "# ran pass-c\nok 3 - pass-c\n"),
			   *d = strstr(b.p, "# ran pass-d\nok 4 - pass-d\n");

		CU_ASSERT(a && pb && c && d && a < pb && pb < c && c < d);
	}
	hx_buf_release(&b);
	hx_run_release(&r);
	tx_release(&t);
}

static void test_default_jobs(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int want = (int)(cores > 0 ? cores : 1) * HX_JOBS_PER_CORE;

	CU_ASSERT_EQUAL(hx_run_default_jobs(), want < HX_JOBS_MIN ? HX_JOBS_MIN : want);
}

/* The same scenario twice with --out: DIR/NAME and DIR/NAME.2, side by
 * side (they used to share DIR/NAME while both ran). */
static void test_outdir_copies(void)
{
	char *one = scn("outc", "files-c", "file limit.sh mode 0755\n  #!/bin/sh\nend\n");
	char *p[] = { one, one };
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;
	char out[256], f[400];
	struct stat st;

	snprintf(out, sizeof(out), "%s/outcopies", tmpdir);
	tx_init(&t);
	o = opts(&t, 2);
	o.outdir = out;
	CU_ASSERT_EQUAL(run(&r, p, 2, &o), 0);
	CU_ASSERT_EQUAL(r.passed, 2);
	snprintf(f, sizeof(f), "%s/files-c/transcript.txt", out);
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	snprintf(f, sizeof(f), "%s/files-c.2/transcript.txt", out);
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	snprintf(f, sizeof(f), "%s/files-c.2/out.pcap", out);
	CU_ASSERT_EQUAL(stat(f, &st), 0);
	hx_run_release(&r);
	tx_release(&t);
}

/* The watchdog's poll fails (injected) while a scenario runs. It used to
 * leave its loop without cancelling that scenario, and the join waited
 * for it for ever (here: the stuck executor's 10 s, "never cancelled"). */
static struct tx *poll_tx;

static int poll_fails_when_running(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	struct timespec until;

	(void)fds;
	(void)n;
	(void)timeout_ms;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	pthread_mutex_lock(&poll_tx->mu);
	while (poll_tx->running == 0 &&
	       pthread_cond_timedwait(&poll_tx->cv, &poll_tx->mu, &until) != ETIMEDOUT)
		;
	pthread_mutex_unlock(&poll_tx->mu);
	errno = ENOMEM;
	return -1;
}

static void test_poll_error_cancels(void)
{
	char *p[] = { scn("pe", "stuck-1", NULL), scn("pe", "pass-2", NULL) };
	char err[HX_ERRLEN] = "";
	struct hx_run r;
	struct tx t;
	struct hx_run_opts o;

	tx_init(&t);
	o = opts(&t, 1);
	o.poll_fn = poll_fails_when_running;
	poll_tx = &t;
	CU_ASSERT_EQUAL_FATAL(hx_run_load(err, &r, p, 2), 0);
	CU_ASSERT_EQUAL(hx_run_exec(err, &r, &o), -ENOMEM);
	CU_ASSERT_STRING_EQUAL(err, "the run's watchdog cannot poll: Cannot allocate memory");
	CU_ASSERT(r.items[0].ran);
	CU_ASSERT_EQUAL(r.items[0].rep.status, SC_ST_FAIL);
	CU_ASSERT_STRING_EQUAL(r.items[0].rep.reason ? r.items[0].rep.reason : "", "interrupted");
	CU_ASSERT(r.items[0].rep.elapsed < 5000000);
	/* Nothing more started. */
	CU_ASSERT_FALSE(r.items[1].ran);
	CU_ASSERT_STRING_EQUAL(r.items[1].rep.reason ? r.items[1].rep.reason : "",
			       "not run: interrupted");
	poll_tx = NULL;
	hx_run_release(&r);
	tx_release(&t);
}

/* The scratch tmpfs, in a child (it changes the process's mount
 * namespace): it is on /dev/shm there, bounded, and gone with the child;
 * the machine's /dev/shm never sees its files. Runs before the command
 * line test, whose `dumplab run` mounts one in this process. */
static void test_scratch(void)
{
	char probe[96];
	pid_t pid;
	int st = 0;

	snprintf(probe, sizeof(probe), "/dev/shm/dumplab-unit-%d", (int)getpid());
	CU_ASSERT(hx_run_scratch_hides("/dev/shm"));
	CU_ASSERT(hx_run_scratch_hides(probe)); /* to be created there */
	CU_ASSERT_FALSE(hx_run_scratch_hides(tmpdir));
	CU_ASSERT(hx_run_scratch_size(1) <= (size_t)256 << 20);
	CU_ASSERT(hx_run_scratch_size(64) >= hx_run_scratch_size(1));
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		static char block[1 << 20];
		char err[HX_ERRLEN], dir[64];
		int fd, i;

		if (hx_run_scratch(err, (size_t)1 << 20, dir, sizeof(dir)) < 0)
			_exit(errno == EPERM || geteuid() != 0 ? 3 : 1);
		if (strcmp(dir, "/dev/shm"))
			_exit(4);
		fd = open(probe, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0)
			_exit(5);
		/* 1 MiB bound: the second MiB does not fit. */
		for (i = 0; i < 2; i++)
			if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
				_exit(errno == ENOSPC ? 0 : 6);
		_exit(7);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &st, 0), pid);
	CU_ASSERT(WIFEXITED(st));
	if (WEXITSTATUS(st) == 3)
		fprintf(stderr, "\n(scratch: no mount namespace as uid %u)\n", (unsigned)geteuid());
	else
		CU_ASSERT_EQUAL(WEXITSTATUS(st), 0);
	CU_ASSERT_EQUAL(access(probe, F_OK), -1);
}

/*
 * cmd_run and cmd_list as the command line sees them, in a child process:
 * cmd_run's ns_boot puts an unprivileged caller into a user namespace of
 * its own for good, which would change what later suites see (test-user).
 */
static int cli(int (*fn)(int, char **), char **argv)
{
	int argc = 0, st, nul;
	pid_t pid;

	while (argv[argc])
		argc++;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
		dup2(nul, 1);
		dup2(nul, 2);
		st = fn(argc, argv);
		fflush(NULL);
		_exit(st);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void test_command_line(void)
{
	char dir[256], junit[300], bad[300];
	struct stat st;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/cli", tmpdir);
	scn("cli", "one", NULL);
	scn("cli", "two", NULL);
	setenv("DUMPLAB_SCENARIOS", dir, 1);
	snprintf(junit, sizeof(junit), "%s/cli-junit.xml", tmpdir);
	{
		char *a[] = { "run", NULL };
		char *b[] = { "run", "-j", "2", "--junit", junit, "one", "two", NULL };
		char *c[] = { "run", "-j", "0", NULL };
		char *d[] = { "run", "--bogus", NULL };
		char *e[] = { "run", "three", NULL };
		char *g[] = { "run", "--tap", "one", NULL };
		char *h[] = { "run", "-j", NULL };
		char *l[] = { "list", NULL };
		char *m[] = { "list", "--x", NULL };

		CU_ASSERT_EQUAL(cli(cmd_run, a), 0);
		CU_ASSERT_EQUAL(cli(cmd_run, b), 0);
		CU_ASSERT_EQUAL(stat(junit, &st), 0);
		CU_ASSERT(xmllint_ok(junit));
		CU_ASSERT_EQUAL(cli(cmd_run, c), 2);
		CU_ASSERT_EQUAL(cli(cmd_run, d), 2);
		CU_ASSERT_EQUAL(cli(cmd_run, e), 2);
		CU_ASSERT_EQUAL(cli(cmd_run, g), 0);
		CU_ASSERT_EQUAL(cli(cmd_run, h), 2);
		CU_ASSERT_EQUAL(cli(cmd_list, l), 0);
		CU_ASSERT_EQUAL(cli(cmd_list, m), 2);
	}
	/* A scenario that does not parse fails the run: exit 1. */
	snprintf(bad, sizeof(bad), "%s/cli/bad.scn", tmpdir);
	f = fopen(bad, "we");
	fputs("scenario bad\ntitle t\nlisen a\n", f);
	fclose(f);
	{
		char *a[] = { "run", NULL };
		char *l[] = { "list", NULL };

		CU_ASSERT_EQUAL(cli(cmd_run, a), 1);
		CU_ASSERT_EQUAL(cli(cmd_list, l), 1);
	}
	unsetenv("DUMPLAB_SCENARIOS");
}

static void test_xml_escape(void)
{
	struct hx_buf b = HX_BUF_INIT;

	hx_xml_escape(&b, "a\0b\tc\xe2\x82\xac\xed\xa0\x80\xc0\xaf", 13);
	/* NUL, a surrogate and an overlong form become U+FFFD; € stays. */
	CU_ASSERT_STRING_EQUAL(b.p, "a\xef\xbf\xbd" "b\tc\xe2\x82\xac"
				    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
				    "\xef\xbf\xbd\xef\xbf\xbd");
	hx_buf_release(&b);
}

static CU_TestInfo tests[] = {
	{ "two scenarios run at the same time with -j 2", test_parallel },
	{ "-j 1 runs one at a time", test_jobs_bound },
	{ "a scenario's own timeout cancels it", test_timeout },
	{ "the default timeout", test_default_timeout },
	{ "a timeout and a cancel name the running step", test_cut_names_step },
	{ "failed verdicts and files that do not load", test_failures_and_load_errors },
	{ "Ctrl-C: SIGINT cancels everything, exit 130", test_sigint },
	{ "the cancel fd does the same", test_cancel_fd },
	{ "unmet needs skip with the reason", test_needs_skip },
	{ "the dry executor: no engine yet", test_dry_executor },
	{ "TAP versions 13 and 14", test_tap },
	{ "the text transcript", test_text_report },
	{ "JUnit XML valid against tests/junit.xsd and junit-10.xsd", test_junit },
	{ "--out keeps files and transcripts", test_outdir },
	{ "--out DIR: new, earlier run, file, foreign", test_outdir_prepare },
	{ "temporary directories are removed", test_temp_dirs_removed },
	{ "3,000 queued scenarios run in 64 fds, loaded once", test_many_few_fds },
	{ "the longest timeout starts first; reports keep their order", test_longest_first },
	{ "the default -j", test_default_jobs },
	{ "--out keeps a repeated scenario's copies apart", test_outdir_copies },
	{ "a watchdog poll error cancels what runs", test_poll_error_cancels },
	{ "the scratch tmpfs: private, bounded, gone with the process", test_scratch },
	{ "dumplab run and list on the command line", test_command_line },
	{ "XML escaping of bytes", test_xml_escape },
	CU_TEST_INFO_NULL,
};

TU_SUITE("runner", suite_init, suite_clean, tests);
