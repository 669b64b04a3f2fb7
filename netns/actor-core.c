/* actor-core.c: the actor thread: enter the host, run queued steps in order, cancel. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include "netns/actor-int.h"

static const char *const outcome_names[] = {
	[NS_PENDING] = "pending",
	[NS_OK] = "ok",
	[NS_CONNECTED] = "connected",
	[NS_REFUSED] = "refused",
	[NS_TIMED_OUT] = "timed-out",
	[NS_RESET] = "reset",
	[NS_UNREACHABLE] = "unreachable",
	[NS_EOF] = "eof",
	[NS_CANCELLED] = "cancelled",
	[NS_FAILED] = "failed",
};

const char *ns_outcome_name(enum ns_outcome o)
{
	if ((unsigned)o >= sizeof(outcome_names) / sizeof(outcome_names[0]))
		return "?";
	return outcome_names[o];
}

/* Step kinds to their runners and names (for messages). */
static const struct {
	void (*run)(struct ns_actor *, struct ns_step *);
	const char *name;
} step_table[] = {
	[NS_CONNECT] = { ns_tcp_connect, "connect" },
	[NS_SEND] = { ns_tcp_send, "send" },
	[NS_URGENT] = { ns_tcp_send, "urgent" },
	[NS_RECV] = { ns_tcp_recv, "recv" },
	[NS_SHUTDOWN] = { ns_tcp_shutdown, "shutdown" },
	[NS_CLOSE] = { ns_tcp_close, "close" },
	[NS_ABORT] = { ns_tcp_close, "abort" },
	[NS_BULK] = { ns_tcp_bulk, "bulk" },
	[NS_UDP_SEND] = { ns_udp_send, "udp send" },
	[NS_UDP_RECV] = { ns_udp_recv, "udp recv" },
	[NS_UDP_PACED] = { ns_udp_paced, "paced udp" },
	[NS_PING] = { ns_ping, "ping" },
};

#define NSTEPS (sizeof(step_table) / sizeof(step_table[0]))

int64_t ns_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void ns_real(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
}

int64_t ns_deadline(int timeout_ms)
{
	if (timeout_ms < 0)
		return -1;
	if (timeout_ms == 0)
		timeout_ms = NS_TIMEOUT_DEFAULT_MS;
	return ns_mono_ns() + (int64_t)timeout_ms * 1000000;
}

int ns_wait_fd(int cancel_fd, int fd, short events, int64_t deadline)
{
	struct pollfd p[2];
	struct timespec ts, *tsp;
	int n, r;

	for (;;) {
		n = 0;
		if (fd >= 0) {
			p[n].fd = fd;
			p[n].events = events;
			p[n].revents = 0;
			n++;
		}
		if (cancel_fd >= 0) {
			p[n].fd = cancel_fd;
			p[n].events = POLLIN;
			p[n].revents = 0;
			n++;
		}
		tsp = NULL;
		if (deadline >= 0) {
			int64_t left = deadline - ns_mono_ns();

			if (left < 0)
				left = 0;
			ts.tv_sec = left / 1000000000;
			ts.tv_nsec = left % 1000000000;
			tsp = &ts;
		}
		r = ppoll(p, n, tsp, NULL);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (cancel_fd >= 0 && p[n - 1].revents)
			return -ECANCELED;
		if (r == 0)
			return 0;
		if (fd >= 0 && p[0].revents)
			return p[0].revents;
	}
}

void ns_res(struct ns_result *r, enum ns_outcome o, int error,
	    const char *fmt, ...)
{
	va_list ap;

	r->outcome = o;
	r->error = error;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
}

void ns_bad(struct ns_step *s, int code, const char *fmt, ...)
{
	va_list ap;

	s->rc_ = code;
	s->res.outcome = NS_FAILED;
	s->res.error = -code;
	va_start(ap, fmt);
	vsnprintf(s->res.msg, sizeof(s->res.msg), fmt, ap);
	va_end(ap);
}

enum ns_outcome ns_errno_outcome(int e)
{
	switch (e) {
	case 0:
		return NS_OK;
	case ECONNREFUSED:
		return NS_REFUSED;
	case ETIMEDOUT:
		return NS_TIMED_OUT;
	case ECONNRESET:
	case EPIPE:
		return NS_RESET;
	case ENETUNREACH:
	case EHOSTUNREACH:
	case EHOSTDOWN:
	case ENONET:
		return NS_UNREACHABLE;
	case ECANCELED:
		return NS_CANCELLED;
	default:
		return NS_FAILED;
	}
}

void ns_res_ends(struct ns_result *r, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int e = errno;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0)
		r->lport = ns_addr_str(&ss, r->local, sizeof(r->local));
	len = sizeof(ss);
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0)
		r->pport = ns_addr_str(&ss, r->peer, sizeof(r->peer));
	/* an unconnected socket's ENOTCONN must not replace the caller's
	 * errno (the failed send it is about to report) */
	errno = e;
}

enum ns_outcome ns_errqueue(int fd, int *error, char *from, size_t n)
{
	char ctl[512];
	uint8_t buf[64];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh;
	struct cmsghdr *c;

	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof(ctl);
	if (recvmsg(fd, &mh, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
		return NS_PENDING;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		struct sock_extended_err ee;
		struct sockaddr_storage off;

		if (!((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) ||
		      (c->cmsg_level == SOL_IPV6 &&
		       c->cmsg_type == IPV6_RECVERR)))
			continue;
		memcpy(&ee, CMSG_DATA(c), sizeof(ee));
		*error = (int)ee.ee_errno;
		if (from && n) {
			/* The offender's address follows the error. */
			size_t have = c->cmsg_len - CMSG_LEN(sizeof(ee));

			memset(&off, 0, sizeof(off));
			memcpy(&off, CMSG_DATA(c) + sizeof(ee),
			       have < sizeof(off) ? have : sizeof(off));
			if (off.ss_family == AF_INET ||
			    off.ss_family == AF_INET6)
				ns_addr_str(&off, from, n);
			else
				from[0] = '\0';
		}
		return ns_errno_outcome(*error);
	}
	return NS_PENDING;
}

void ns_result_release(struct ns_result *r)
{
	if (!r)
		return;
	hx_buf_release(&r->data);
	hx_buf_release(&r->urgent);
	free(r->reply);
	r->reply = NULL;
	r->replies = 0;
}

static void run_step(struct ns_actor *a, struct ns_step *s)
{
	int cancelled;

	ns_result_release(&s->res);
	memset(&s->res, 0, sizeof(s->res));
	s->rc_ = 0;
	ns_real(&s->res.start);
	pthread_mutex_lock(&a->mu);
	cancelled = a->cancelled;
	pthread_mutex_unlock(&a->mu);
	if (cancelled) {
		ns_res(&s->res, NS_CANCELLED, ECANCELED, "%s in host '%s': cancelled",
		       (unsigned)s->kind < NSTEPS ? step_table[s->kind].name :
		       "step", a->host);
	} else if ((unsigned)s->kind >= NSTEPS || !step_table[s->kind].run) {
		ns_bad(s, -EINVAL, "unknown step kind %d in host '%s'",
		       (int)s->kind, a->host);
	} else {
		step_table[s->kind].run(a, s);
	}
	ns_real(&s->res.end);
}

static void *actor_main(void *arg)
{
	struct ns_actor *a = arg;
	struct ns_step *s;

	pthread_mutex_lock(&a->mu);
	for (;;) {
		while (!a->head && !a->quit)
			pthread_cond_wait(&a->cv, &a->mu);
		s = a->head;
		if (!s)
			break;
		a->head = s->next_;
		if (!a->head)
			a->tail = NULL;
		pthread_mutex_unlock(&a->mu);

		run_step(a, s);

		pthread_mutex_lock(&a->mu);
		a->st.steps++;
		__atomic_store_n(&s->done_, 1, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&a->cv);
	}
	pthread_mutex_unlock(&a->mu);

	/* An open connection ends as an orderly close would end it. */
	if (a->tcp >= 0)
		close(a->tcp);
	if (a->udp[0] >= 0)
		close(a->udp[0]);
	if (a->udp[1] >= 0)
		close(a->udp[1]);
	a->tcp = a->udp[0] = a->udp[1] = -1;
	return NULL;
}

struct enter_arg {
	struct ns_actor *a;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int done;
	int rc;
};

/*
 * The thread's first act: enter the host. Only then is the actor handed to
 * actor_main; a failure is reported to ns_actor_new, which joins.
 */
static void *actor_start(void *arg)
{
	struct enter_arg *ea = arg;
	struct ns_actor *a = ea->a;
	int rc = 0;

	if (a->netfd >= 0 && setns(a->netfd, CLONE_NEWNET) < 0)
		rc = -errno;
	pthread_mutex_lock(&ea->mu);
	ea->rc = rc;
	ea->done = 1;
	pthread_cond_signal(&ea->cv);
	pthread_mutex_unlock(&ea->mu);
	if (rc < 0)
		return NULL;
	return actor_main(a);
}

int ns_actor_new(char *err, int netfd, const char *host, struct ns_actor **out)
{
	struct ns_actor *a;
	struct enter_arg ea;
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	*out = NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return hx_err(err, -ENOMEM, "cannot start an actor: out of memory");
	a->netfd = netfd;
	a->tcp = a->udp[0] = a->udp[1] = -1;
	if (host)
		snprintf(a->host, sizeof(a->host), "%s", host);
	else
		snprintf(a->host, sizeof(a->host), "netns fd %d", netfd);
	a->cancel_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (a->cancel_fd < 0) {
		rc = -errno;
		free(a);
		return hx_err(err, rc, "cannot start an actor in host '%s': eventfd: %s",
			      host ? host : "?", strerror(-rc));
	}
	pthread_mutex_init(&a->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&a->cv, &ca);
	pthread_condattr_destroy(&ca);

	memset(&ea, 0, sizeof(ea));
	ea.a = a;
	pthread_mutex_init(&ea.mu, NULL);
	pthread_cond_init(&ea.cv, NULL);
	/* Signals go to the main thread, never to an actor. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = -pthread_create(&a->th, NULL, actor_start, &ea);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc < 0) {
		hx_err(err, rc, "cannot start an actor in host '%s': %s",
		       a->host, strerror(-rc));
		goto fail;
	}
	pthread_mutex_lock(&ea.mu);
	while (!ea.done)
		pthread_cond_wait(&ea.cv, &ea.mu);
	pthread_mutex_unlock(&ea.mu);
	if (ea.rc < 0) {
		rc = ea.rc;
		pthread_join(a->th, NULL);
		hx_err(err, rc, "cannot enter host '%s': %s", a->host,
		       strerror(-rc));
		goto fail;
	}
	pthread_mutex_destroy(&ea.mu);
	pthread_cond_destroy(&ea.cv);
	*out = a;
	return 0;

fail:
	pthread_mutex_destroy(&ea.mu);
	pthread_cond_destroy(&ea.cv);
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	close(a->cancel_fd);
	free(a);
	return rc;
}

void ns_actor_adopt(struct ns_actor *a, int fd)
{
	pthread_mutex_lock(&a->mu);
	a->tcp = fd;
	pthread_mutex_unlock(&a->mu);
}

int ns_actor_start(char *err, struct ns_actor *a, struct ns_step *s)
{
	pthread_mutex_lock(&a->mu);
	if (s->actor_ && !__atomic_load_n(&s->done_, __ATOMIC_ACQUIRE)) {
		pthread_mutex_unlock(&a->mu);
		return hx_err(err, -EBUSY,
			      "step is already queued on host '%s'", a->host);
	}
	s->actor_ = a;
	s->next_ = NULL;
	s->rc_ = 0;
	__atomic_store_n(&s->done_, 0, __ATOMIC_RELEASE);
	if (a->tail)
		a->tail->next_ = s;
	else
		a->head = s;
	a->tail = s;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return 0;
}

int ns_step_wait(struct ns_step *s, int timeout_ms)
{
	struct ns_actor *a = s->actor_;
	struct timespec ts;
	int rc = 0;

	if (!a || __atomic_load_n(&s->done_, __ATOMIC_ACQUIRE))
		return 0;
	if (timeout_ms >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += timeout_ms / 1000;
		ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
	}
	pthread_mutex_lock(&a->mu);
	a->waiters++;
	while (!__atomic_load_n(&s->done_, __ATOMIC_ACQUIRE)) {
		if (timeout_ms < 0) {
			pthread_cond_wait(&a->cv, &a->mu);
		} else if (pthread_cond_timedwait(&a->cv, &a->mu, &ts) ==
			   ETIMEDOUT) {
			if (!__atomic_load_n(&s->done_, __ATOMIC_ACQUIRE))
				rc = -ETIMEDOUT;
			break;
		}
	}
	/* The last waiter out lets ns_actor_free go on. */
	if (--a->waiters == 0)
		pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return rc;
}

int ns_actor_run(char *err, struct ns_actor *a, struct ns_step *s)
{
	int rc = ns_actor_start(err, a, s);

	if (rc < 0)
		return rc;
	ns_step_wait(s, -1);
	if (s->rc_ < 0)
		return hx_err(err, s->rc_, "%s", s->res.msg);
	return 0;
}

void ns_actor_cancel(struct ns_actor *a)
{
	uint64_t one = 1;

	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	a->cancelled = 1;
	pthread_mutex_unlock(&a->mu);
	if (write(a->cancel_fd, &one, sizeof(one)) < 0) {
		/* The counter is already set: cancel is sticky. */
	}
}

void ns_actor_stats(struct ns_actor *a, struct ns_actor_stats *st)
{
	pthread_mutex_lock(&a->mu);
	*st = a->st;
	pthread_mutex_unlock(&a->mu);
}

void ns_actor_free(struct ns_actor *a)
{
	if (!a)
		return;
	ns_actor_cancel(a);
	pthread_mutex_lock(&a->mu);
	a->quit = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->th, NULL);
	/* Every step is done now; threads still waiting on one must leave
	 * before the mutex goes. */
	pthread_mutex_lock(&a->mu);
	while (a->waiters)
		pthread_cond_wait(&a->cv, &a->mu);
	pthread_mutex_unlock(&a->mu);
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	close(a->cancel_fd);
	free(a);
}
