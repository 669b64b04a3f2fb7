/* actor-int.h: what the actor files share and nothing else includes. */
#ifndef NS_ACTOR_INT_H
#define NS_ACTOR_INT_H

#include <pthread.h>
#include <stdint.h>
#include <sys/socket.h>

#include "netns/actor.h"

/*
 * An actor. The mutex guards the queue, the flags and the totals; the
 * sockets belong to the actor's thread alone (ns_server_accept hands one
 * over before any step is queued).
 */
struct ns_actor {
	pthread_t th;
	int netfd;
	char host[64];
	int cancel_fd;		/* eventfd, written once: cancel is sticky */
	pthread_mutex_t mu;
	pthread_cond_t cv;	/* CLOCK_MONOTONIC; queue changes, steps done */
	struct ns_step *head, *tail;
	int quit;
	int cancelled;
	int waiters;		/* threads inside ns_step_wait */
	struct ns_actor_stats st;

	/* Owned by the thread. */
	int tcp;		/* the connection, or -1 */
	int udp[2];		/* [0] IPv4, [1] IPv6, or -1 */
	uint16_t udp_port[2];	/* the port each is bound to, 0: none yet */
	int udp_bound_dev[2];	/* SO_BINDTODEVICE is set on it */
};

/* Time: CLOCK_MONOTONIC in nanoseconds, and deadlines in that clock. */
int64_t ns_mono_ns(void);
void ns_real(struct timespec *ts);
/* A deadline timeout_ms from now: 0 means NS_TIMEOUT_DEFAULT_MS, < 0 none (-1). */
int64_t ns_deadline(int timeout_ms);

/*
 * Waits for events on fd until the deadline (-1: none) or the actor's
 * cancel. Returns the revents (> 0), 0 at the deadline, -ECANCELED, or
 * -errno. cancel_fd may be -1 (no cancel).
 */
int ns_wait_fd(int cancel_fd, int fd, short events, int64_t deadline);

/* Sets r->msg (and outcome, error); returns nothing: results are not errors. */
void ns_res(struct ns_result *r, enum ns_outcome o, int error,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The step could not run: sets rc_, outcome NS_FAILED and the message. */
void ns_bad(struct ns_step *s, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The outcome an errno from connect/send/recv stands for. */
enum ns_outcome ns_errno_outcome(int e);

/* Fills the result's local/peer strings and ports from fd's two ends;
 * errno is left as it was. */
void ns_res_ends(struct ns_result *r, int fd);

/* Step runners, one per file; each fills s->res. */
void ns_tcp_connect(struct ns_actor *a, struct ns_step *s);
void ns_tcp_send(struct ns_actor *a, struct ns_step *s);
void ns_tcp_recv(struct ns_actor *a, struct ns_step *s);
void ns_tcp_shutdown(struct ns_actor *a, struct ns_step *s);
void ns_tcp_close(struct ns_actor *a, struct ns_step *s);
void ns_tcp_bulk(struct ns_actor *a, struct ns_step *s);
void ns_udp_send(struct ns_actor *a, struct ns_step *s);
void ns_udp_recv(struct ns_actor *a, struct ns_step *s);
void ns_udp_paced(struct ns_actor *a, struct ns_step *s);
void ns_ping(struct ns_actor *a, struct ns_step *s);

/* Hands a connected TCP socket to a fresh actor (before any step). */
void ns_actor_adopt(struct ns_actor *a, int fd);

/* Sets ping_group_range from a thread already inside the host. */
int ns_ping_allow_here(char *err, const char *host);

/* Reads what the error queue holds (IP_RECVERR): the outcome and the
 * sender of the ICMP error, or NS_PENDING when the queue is empty. */
enum ns_outcome ns_errqueue(int fd, int *error, char *from, size_t n);

#endif
