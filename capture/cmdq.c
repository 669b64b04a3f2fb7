/* cmdq.c: post-rotate commands: a thread that starts (spawn.h) and waits for them one at a time. */
#define _GNU_SOURCE
#include "capture/cmdq.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/hx.h"
#include "netns/spawn.h"

#define CMD_DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"
#define CMD_NICE 10

/* Checks one candidate: 0, or -errno (-ENOENT, -EACCES, -EISDIR ...). */
static int cmd_usable(const char *path, const struct cap_user *u)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EISDIR;
	return cap_user_access(u, path, X_OK);
}

static int cmd_fail(char *err, int rc, const char *cmd, const char *path,
		    const struct cap_user *u)
{
	const char *shown = path ? path : cmd;

	if (rc == -ENOENT)
		return hx_err(err, rc, "command '%s' does not exist", shown);
	if (rc == -EISDIR)
		return hx_err(err, -EACCES, "command '%s' is not a regular file",
			      shown);
	if (rc == -EACCES && u)
		return hx_err(err, rc, "command '%s' is not executable by user "
			      "'%s'", shown, u->name);
	if (rc == -EACCES)
		return hx_err(err, rc, "command '%s' is not executable", shown);
	return hx_err(err, rc, "command '%s': %s", shown, strerror(-rc));
}

int cap_cmd_resolve(char *err, const char *cmd, const struct cap_user *u,
		    char **path)
{
	const char *dirs, *p;
	int rc, best = -ENOENT;
	char *cand = NULL;

	*path = NULL;
	if (!*cmd)
		return hx_err(err, -EINVAL, "command '' is empty");
	if (strchr(cmd, '/')) {
		rc = cmd_usable(cmd, u);
		if (rc < 0)
			return cmd_fail(err, rc, cmd, NULL, u);
		*path = strdup(cmd);
		goto out;
	}
	dirs = getenv("PATH");
	if (!dirs)
		dirs = CMD_DEFAULT_PATH;
	for (p = dirs;; p++) {
		const char *end = strchrnul(p, ':');
		int len = (int)(end - p);

		free(cand);
		/* An empty element means the current directory (execvp). */
		if (asprintf(&cand, "%.*s%s%s", len, p, len ? "/" : "",
			     cmd) < 0) {
			cand = NULL;
			return hx_err(err, -ENOMEM, "command '%s': %s", cmd,
				      strerror(ENOMEM));
		}
		rc = cmd_usable(cand, u);
		if (rc == 0) {
			*path = cand;
			cand = NULL;
			goto out;
		}
		/* Remember a file that is there but not usable, as execvp;
		 * a directory of PATH this user cannot search hides nothing. */
		if (rc != -ENOENT && rc != -ENOTDIR && best == -ENOENT &&
		    access(cand, F_OK) == 0)
			best = rc;
		if (!*end)
			break;
		p = end;
	}
	if (best == -ENOENT)
		rc = hx_err(err, -ENOENT, "command '%s' not found in PATH", cmd);
	else
		rc = hx_err(err, best == -EISDIR ? -EACCES : best,
			    "command '%s' found in PATH is not executable%s%s%s",
			    cmd, u ? " by user '" : "", u ? u->name : "",
			    u ? "'" : "");
	free(cand);
	return rc;
out:
	if (!*path)
		return hx_err(err, -ENOMEM, "command '%s': %s", cmd,
			      strerror(ENOMEM));
	return 0;
}

struct cmd_job {
	struct cmd_job *next;
	char file[];
};

struct cap_cmdq {
	char *cmd, *path;
	const struct cap_user *user;
	cap_report_fn *report;
	void *report_arg;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t more; /* a job was queued, or quit */
	pthread_cond_t idle; /* a job finished */
	struct cmd_job *head, **tail;
	int running, quit;
	unsigned done, failed;
};

static void cmdq_report(struct cap_cmdq *q, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void cmdq_report(struct cap_cmdq *q, const char *fmt, ...)
{
	char raw[HX_ERRLEN], line[HX_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	hx_quote(line, sizeof(line), raw); /* file names: one line */
	if (q->report)
		q->report(q->report_arg, line);
	else
		fprintf(stderr, "dumplab: %s\n", line);
}

/* Runs one command to its end; returns 0, or -1 after reporting a failure. */
static int cmdq_run(struct cap_cmdq *q, const char *file)
{
	char *argv[3] = { q->cmd, (char *)file, NULL };
	struct ns_ids ids;
	struct ns_spawn sp;
	struct ns_child *c;
	char why[HX_ERRLEN];
	int rc, st;

	/* Forked by the spawner when the process has one (the scenario
	 * runner: this process holds other scenarios' sockets), else here;
	 * every inherited fd but stdout and stderr is closed on exec. */
	memset(&sp, 0, sizeof(sp));
	sp.path = q->path;
	sp.argv = argv;
	sp.netfd = -1;
	sp.fd[0] = -1;
	sp.fd[1] = STDOUT_FILENO;
	sp.fd[2] = STDERR_FILENO;
	sp.own_pgrp = 1;
	sp.nice = CMD_NICE;
	if (q->user) {
		ids.uid = q->user->uid;
		ids.gid = q->user->gid;
		ids.groups = q->user->groups;
		ids.ngroups = q->user->ngroups;
		sp.ids = &ids;
	}
	rc = ns_child_start(why, &sp, &c);
	if (rc < 0) {
		cmdq_report(q, "post-rotate command '%s' for '%s': cannot run: "
			    "%s", q->cmd, file, why);
		return -1;
	}
	rc = ns_child_wait(c, -1, &st);
	ns_child_free(c);
	if (rc < 0) {
		cmdq_report(q, "post-rotate command '%s' for '%s': "
			    "cannot wait for it: %s", q->cmd, file,
			    strerror(-rc));
		return -1;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st))
		cmdq_report(q, "post-rotate command '%s' for '%s' exited with "
			    "status %d", q->cmd, file, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		cmdq_report(q, "post-rotate command '%s' for '%s' was killed by "
			    "signal %d (SIG%s)", q->cmd, file, WTERMSIG(st),
			    sigabbrev_np(WTERMSIG(st)) ? sigabbrev_np(WTERMSIG(st))
						       : "?");
	else
		cmdq_report(q, "post-rotate command '%s' for '%s' ended with "
			    "wait status %#x", q->cmd, file, (unsigned)st);
	return -1;
}

static void *cmdq_main(void *arg)
{
	struct cap_cmdq *q = arg;
	struct cmd_job *j;
	int rc;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (!q->head && !q->quit)
			pthread_cond_wait(&q->more, &q->lock);
		if (!q->head)
			break;
		j = q->head;
		q->head = j->next;
		if (!q->head)
			q->tail = &q->head;
		q->running = 1;
		pthread_mutex_unlock(&q->lock);
		rc = cmdq_run(q, j->file);
		free(j);
		pthread_mutex_lock(&q->lock);
		q->running = 0;
		q->done++;
		if (rc < 0)
			q->failed++;
		pthread_cond_broadcast(&q->idle);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

int cap_cmdq_new(char *err, const char *cmd, const char *path,
		 const struct cap_user *u, cap_report_fn *report,
		 void *report_arg, struct cap_cmdq **out)
{
	struct cap_cmdq *q;
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	*out = NULL;
	q = calloc(1, sizeof(*q));
	if (!q)
		return hx_err(err, -ENOMEM, "post-rotate command '%s': %s", cmd,
			      strerror(ENOMEM));
	q->cmd = strdup(cmd);
	q->path = strdup(path);
	if (!q->cmd || !q->path) {
		rc = hx_err(err, -ENOMEM, "post-rotate command '%s': %s", cmd,
			    strerror(ENOMEM));
		goto fail_strings;
	}
	q->user = u;
	q->report = report;
	q->report_arg = report_arg;
	q->tail = &q->head;
	pthread_mutex_init(&q->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&q->idle, &ca);
	pthread_condattr_destroy(&ca);
	pthread_cond_init(&q->more, NULL);
	/* The thread takes no signal: those are the main thread's business. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&q->thread, NULL, cmdq_main, q);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		rc = hx_err(err, -rc, "cannot start the post-rotate command "
			    "thread: %s", strerror(rc));
		goto fail_thread;
	}
	*out = q;
	return 0;
fail_thread:
	pthread_cond_destroy(&q->more);
	pthread_cond_destroy(&q->idle);
	pthread_mutex_destroy(&q->lock);
fail_strings:
	free(q->path);
	free(q->cmd);
	free(q);
	return rc;
}

int cap_cmdq_submit(struct cap_cmdq *q, const char *file)
{
	size_t len = strlen(file) + 1;
	struct cmd_job *j = malloc(sizeof(*j) + len);

	if (!j) {
		cmdq_report(q, "post-rotate command '%s' not run for '%s': %s",
			    q->cmd, file, strerror(ENOMEM));
		return -ENOMEM;
	}
	memcpy(j->file, file, len);
	j->next = NULL;
	pthread_mutex_lock(&q->lock);
	*q->tail = j;
	q->tail = &j->next;
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->lock);
	return 0;
}

int cap_cmdq_wait(struct cap_cmdq *q, int timeout_ms)
{
	struct timespec dl;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &dl);
	if (timeout_ms >= 0) {
		dl.tv_sec += timeout_ms / 1000;
		dl.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (dl.tv_nsec >= 1000000000L) {
			dl.tv_sec++;
			dl.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&q->lock);
	while ((q->head || q->running) && rc == 0) {
		if (timeout_ms < 0)
			pthread_cond_wait(&q->idle, &q->lock);
		else if (pthread_cond_timedwait(&q->idle, &q->lock, &dl) ==
			 ETIMEDOUT)
			rc = -ETIMEDOUT;
	}
	if (rc == -ETIMEDOUT && !q->head && !q->running)
		rc = 0;
	pthread_mutex_unlock(&q->lock);
	return rc;
}

void cap_cmdq_counts(struct cap_cmdq *q, unsigned *done, unsigned *failed)
{
	pthread_mutex_lock(&q->lock);
	if (done)
		*done = q->done;
	if (failed)
		*failed = q->failed;
	pthread_mutex_unlock(&q->lock);
}

void cap_cmdq_free(struct cap_cmdq *q)
{
	if (!q)
		return;
	pthread_mutex_lock(&q->lock);
	q->quit = 1;
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->lock);
	pthread_join(q->thread, NULL);
	pthread_cond_destroy(&q->more);
	pthread_cond_destroy(&q->idle);
	pthread_mutex_destroy(&q->lock);
	free(q->path);
	free(q->cmd);
	free(q);
}
