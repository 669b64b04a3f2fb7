/* proc.c: background programs in a host: spawner-forked, stdout and stderr read by a thread of their own, readiness by text. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "netns/ns-int.h"
#include "netns/proc.h"
#include "netns/spawn.h"

/*
 * The mutex guards the buffers, the flags and the child (ns_child is not
 * thread-safe: the reader reaps it while the owner may signal it). The
 * reader writes `notify` after every change; the owner, the only waiter,
 * polls it beside its cancel fd and drains it, so a wait needs no
 * condition variable and can still be cancelled by an fd.
 */
struct ns_proc {
	char name[64];
	char host[NS_HOST_NAMELEN];
	pthread_t th;
	pthread_mutex_t mu;
	struct ns_child *child;
	int pipe[2];		/* read ends of stdout, stderr; -1 closed */
	int notify;		/* eventfd, reader -> owner */
	int stop;		/* eventfd, owner -> reader */
	struct hx_buf out[2];
	size_t cursor[2];	/* where the next await looks from */
	int ended;		/* the program has exited (status valid) */
	int status;
	int done;		/* and the reader is done with its pipes */
	int started;		/* the thread runs (join it) */
};

static const struct {
	const char *name;
	int sig;
} sigs[] = {
	{ "HUP", SIGHUP },   { "INT", SIGINT },	  { "QUIT", SIGQUIT },
	{ "ABRT", SIGABRT }, { "KILL", SIGKILL }, { "USR1", SIGUSR1 },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "WINCH", SIGWINCH },
};

int ns_signum(const char *name)
{
	const char *s = name;
	char *end;
	size_t i;
	long v;

	if (!s || !*s)
		return -EINVAL;
	if (*s >= '0' && *s <= '9') {
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || *end || v < 1 || v > SIGRTMAX)
			return -EINVAL;
		return (int)v;
	}
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (!strcasecmp(s, sigs[i].name))
			return sigs[i].sig;
	return -EINVAL;
}

const char *ns_signame(int sig)
{
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigs[i].sig == sig)
			return sigs[i].name;
	return "?";
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void poke(int fd)
{
	uint64_t one = 1;
	ssize_t r;

	do
		r = write(fd, &one, sizeof(one));
	while (r < 0 && errno == EINTR);
}

static void drain(int fd)
{
	uint64_t v;

	while (read(fd, &v, sizeof(v)) > 0)
		;
}

/* Reads what pipe i holds; closes it at EOF or on an error. */
static void read_pipe(struct ns_proc *p, int i)
{
	char chunk[8192];
	ssize_t r;

	for (;;) {
		r = read(p->pipe[i], chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return;
		if (r <= 0) {
			close(p->pipe[i]);
			p->pipe[i] = -1;
			return;
		}
		pthread_mutex_lock(&p->mu);
		/* Past the limit output is read and dropped: the program
		 * never blocks on a full pipe. */
		if (p->out[i].len < NS_PROC_OUT_MAX)
			hx_buf_put(&p->out[i], chunk,
				   (size_t)r < NS_PROC_OUT_MAX - p->out[i].len
				   ? (size_t)r : NS_PROC_OUT_MAX - p->out[i].len);
		pthread_mutex_unlock(&p->mu);
		poke(p->notify);
	}
}

static void reap(struct ns_proc *p, int timeout_ms)
{
	int status = 0, rc;

	pthread_mutex_lock(&p->mu);
	rc = ns_child_wait(p->child, timeout_ms, &status);
	if (rc == 0 || rc == -EPIPE) {
		p->ended = 1;
		p->status = status;
	}
	pthread_mutex_unlock(&p->mu);
}

static void *reader(void *arg)
{
	struct ns_proc *p = arg;
	int stopping = 0, i;

	while (!p->ended && !stopping) {
		struct pollfd pf[4] = {
			{ p->pipe[0], POLLIN, 0 },
			{ p->pipe[1], POLLIN, 0 },
			{ ns_child_fd(p->child), POLLIN, 0 },
			{ p->stop, POLLIN, 0 },
		};

		if (poll(pf, 4, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++)
			if (p->pipe[i] >= 0 && pf[i].revents)
				read_pipe(p, i);
		if (pf[2].revents)
			reap(p, 0);
		if (pf[3].revents)
			stopping = 1;
	}
	if (!p->ended)
		reap(p, -1); /* stopping: the owner killed it */
	/*
	 * What it wrote before it exited is in the pipes now. A daemon it
	 * left may hold them open, so read what is there and no more.
	 */
	for (i = 0; i < 2; i++)
		if (p->pipe[i] >= 0)
			read_pipe(p, i);
	pthread_mutex_lock(&p->mu);
	p->done = 1;
	pthread_mutex_unlock(&p->mu);
	poke(p->notify);
	return NULL;
}

int ns_proc_start(char *err, const char *name, struct ns_host *h,
		  const char *dir, char *const argv[], struct ns_proc **out)
{
	const char *host = h ? h->name : "(this namespace)";
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, rc;
	struct ns_proc *p;
	struct ns_spawn sp;
	char path[PATH_MAX], why[HX_ERRLEN];

	*out = NULL;
	if (!argv || !argv[0] || !argv[0][0])
		return hx_err(err, -EINVAL, "no program to start in host '%s'",
			      host);
	if (ns_resolve(why, argv[0], host, path, sizeof(path)) < 0) {
		rc = -ENOENT;
		if (strstr(why, "legacy"))
			return hx_err(err, -EPERM, "%s", why);
		return hx_err(err, rc, "cannot start '%s' in host '%s': %s",
			      argv[0], host, strerrordesc_np(-rc));
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return hx_err(err, -ENOMEM, "cannot start '%s': out of memory",
			      argv[0]);
	snprintf(p->name, sizeof(p->name), "%s", name ? name : argv[0]);
	snprintf(p->host, sizeof(p->host), "%s", host);
	p->pipe[0] = p->pipe[1] = p->notify = p->stop = -1;
	hx_buf_init(&p->out[0]);
	hx_buf_init(&p->out[1]);
	pthread_mutex_init(&p->mu, NULL);
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0 ||
	    fcntl(po[0], F_SETFL, O_NONBLOCK) < 0 ||
	    fcntl(pe[0], F_SETFL, O_NONBLOCK) < 0 ||
	    (p->notify = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0 ||
	    (p->stop = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0) {
		rc = hx_err(err, -errno, "cannot start '%s': %s", argv[0],
			    strerrordesc_np(errno));
		goto fail;
	}
	memset(&sp, 0, sizeof(sp));
	sp.path = path;
	sp.argv = argv;
	sp.netfd = h ? h->fd : -1;
	sp.dir = dir;
	sp.fd[0] = -1;
	sp.fd[1] = po[1];
	sp.fd[2] = pe[1];
	rc = ns_child_start(why, &sp, &p->child);
	if (rc < 0) {
		rc = hx_err(err, rc, "cannot start '%s' in host '%s': %s",
			    argv[0], host, why);
		goto fail;
	}
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;
	p->pipe[0] = po[0];
	p->pipe[1] = pe[0];
	po[0] = pe[0] = -1;
	rc = pthread_create(&p->th, NULL, reader, p);
	if (rc) {
		rc = hx_err(err, -rc, "cannot start '%s': thread: %s", argv[0],
			    strerrordesc_np(rc));
		goto fail;
	}
	p->started = 1;
	*out = p;
	return 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	ns_proc_free(p);
	return rc;
}

int ns_proc_signal(char *err, struct ns_proc *p, int sig)
{
	int rc = 0;

	pthread_mutex_lock(&p->mu);
	if (!p->ended)
		rc = ns_child_kill(p->child, sig);
	pthread_mutex_unlock(&p->mu);
	if (rc < 0)
		return hx_err(err, rc, "cannot send SIG%s to '%s' in host '%s': %s",
			      ns_signame(sig), p->name, p->host,
			      strerrordesc_np(-rc));
	return 0;
}

/* Waits for the reader's next change until the deadline (-1: none). 0,
 * -ETIMEDOUT or -ECANCELED. */
static int next_change(struct ns_proc *p, int64_t deadline, int cancel_fd)
{
	struct pollfd pf[2] = { { p->notify, POLLIN, 0 },
				{ cancel_fd, POLLIN, 0 } };
	int wait = -1, rc;

	if (deadline >= 0) {
		int64_t left = deadline - mono_ms();

		if (left <= 0)
			return -ETIMEDOUT;
		wait = left > INT_MAX ? INT_MAX : (int)left;
	}
	rc = poll(pf, 2, wait);
	if (rc < 0 && errno != EINTR)
		return -errno;
	if (pf[1].revents & POLLIN)
		return -ECANCELED;
	if (pf[0].revents & POLLIN)
		drain(p->notify);
	return 0;
}

int ns_proc_wait(char *err, struct ns_proc *p, int timeout_ms, int cancel_fd)
{
	int64_t deadline = timeout_ms < 0 ? -1 : mono_ms() + timeout_ms;
	int done, rc;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		done = p->done;
		pthread_mutex_unlock(&p->mu);
		if (done)
			return 0;
		rc = next_change(p, deadline, cancel_fd);
		if (rc == -ETIMEDOUT)
			return hx_err(err, rc, "'%s' in host '%s' did not end in %d ms",
				      p->name, p->host, timeout_ms);
		if (rc == -ECANCELED)
			return hx_err(err, rc, "waiting for '%s' was cancelled",
				      p->name);
		if (rc < 0)
			return hx_err(err, rc, "cannot wait for '%s': %s",
				      p->name, strerrordesc_np(-rc));
	}
}

/* The first line of b, at most 200 bytes, into line. */
static void first_line(const struct hx_buf *b, char *line, size_t len)
{
	size_t n = b->p ? strcspn(b->p, "\n") : 0;

	if (n > 200)
		n = 200;
	snprintf(line, len, "%.*s", (int)n, b->p ? b->p : "");
}

int ns_proc_await(char *err, struct ns_proc *p, const char *text,
		  int timeout_ms, int cancel_fd)
{
	int64_t deadline = timeout_ms < 0 ? -1 : mono_ms() + timeout_ms;
	size_t tlen = strlen(text);
	char line[256];
	int i, done, rc;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		for (i = 0; i < 2; i++) {
			struct hx_buf *b = &p->out[i];
			const char *at;

			if (!b->p || b->len <= p->cursor[i])
				continue; /* nothing new (memmem takes no NULL) */
			at = memmem(b->p + p->cursor[i], b->len - p->cursor[i],
				    text, tlen);
			if (at) {
				p->cursor[i] = (size_t)(at - b->p) + tlen;
				pthread_mutex_unlock(&p->mu);
				return 0;
			}
		}
		done = p->done;
		if (done)
			first_line(&p->out[1], line, sizeof(line));
		pthread_mutex_unlock(&p->mu);
		if (done)
			return hx_err(err, -ESRCH,
				      "'%s' in host '%s' ended without printing '%s'%s%s",
				      p->name, p->host, text, line[0] ? ": " : "",
				      line);
		rc = next_change(p, deadline, cancel_fd);
		if (rc == -ETIMEDOUT)
			return hx_err(err, rc,
				      "'%s' in host '%s' did not print '%s' in %d ms",
				      p->name, p->host, text, timeout_ms);
		if (rc == -ECANCELED)
			return hx_err(err, rc, "waiting for '%s' was cancelled",
				      p->name);
		if (rc < 0)
			return hx_err(err, rc, "cannot wait for '%s': %s",
				      p->name, strerrordesc_np(-rc));
	}
}

int ns_proc_ended(struct ns_proc *p, int *status)
{
	int ended;

	pthread_mutex_lock(&p->mu);
	ended = p->ended;
	if (ended && status)
		*status = p->status;
	pthread_mutex_unlock(&p->mu);
	return ended;
}

void ns_proc_output(struct ns_proc *p, enum ns_proc_stream stream,
		    struct hx_buf *out)
{
	struct hx_buf *b = &p->out[stream == NS_PROC_STDERR];

	hx_buf_init(out);
	pthread_mutex_lock(&p->mu);
	hx_buf_put(out, b->p ? b->p : "", b->len);
	pthread_mutex_unlock(&p->mu);
}

const char *ns_proc_name(const struct ns_proc *p)
{
	return p->name;
}

int ns_proc_pid(const struct ns_proc *p)
{
	return (int)ns_child_pid(p->child);
}

void ns_proc_free(struct ns_proc *p)
{
	int i;

	if (!p)
		return;
	if (p->started) {
		pthread_mutex_lock(&p->mu);
		if (!p->ended)
			ns_child_kill(p->child, SIGKILL);
		pthread_mutex_unlock(&p->mu);
		poke(p->stop);
		pthread_join(p->th, NULL);
	}
	ns_child_free(p->child);
	for (i = 0; i < 2; i++) {
		if (p->pipe[i] >= 0)
			close(p->pipe[i]);
		hx_buf_release(&p->out[i]);
	}
	if (p->notify >= 0)
		close(p->notify);
	if (p->stop >= 0)
		close(p->stop);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
