/* actor-tcp.c: the TCP steps: connect, send, urgent, recv, shutdown, close, abort, bulk. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "netns/actor-int.h"

#define CHUNK 65536

static void count(struct ns_actor *a, uint64_t sent, uint64_t rcvd,
		  uint64_t urg)
{
	pthread_mutex_lock(&a->mu);
	a->st.sent += sent;
	a->st.received += rcvd;
	a->st.urgent += urg;
	pthread_mutex_unlock(&a->mu);
}

static int need_conn(struct ns_actor *a, struct ns_step *s, const char *what)
{
	if (a->tcp >= 0)
		return 0;
	ns_bad(s, -ENOTCONN, "cannot %s in host '%s': no connection", what,
	       a->host);
	return -1;
}

static double ms_since(int64_t t0)
{
	return (double)(ns_mono_ns() - t0) / 1e6;
}

void ns_tcp_connect(struct ns_actor *a, struct ns_step *s)
{
	struct sockaddr_storage dst, src;
	char e[HX_ERRLEN];
	int fd, rc, len, slen, one = 1, soerr = 0;
	socklen_t sl = sizeof(soerr);
	int64_t t0, deadline;

	if (a->tcp >= 0) {
		ns_bad(s, -EISCONN,
		       "cannot connect in host '%s': the actor already has a connection",
		       a->host);
		return;
	}
	len = ns_addr_parse(e, s->addr, s->port, &dst);
	if (len < 0) {
		ns_bad(s, len, "cannot connect in host '%s': %s", a->host, e);
		return;
	}
	fd = socket(dst.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = -errno;
		ns_bad(s, rc, "cannot open a TCP socket in host '%s': %s",
		       a->host, strerror(-rc));
		return;
	}
	if (s->src || s->sport) {
		const char *any = dst.ss_family == AF_INET ? "0.0.0.0" : "::";

		slen = ns_addr_parse(e, s->src ? s->src : any, s->sport, &src);
		if (slen < 0) {
			ns_bad(s, slen, "cannot connect in host '%s': %s",
			       a->host, e);
			goto fail;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (struct sockaddr *)&src, (socklen_t)slen) < 0) {
			rc = -errno;
			ns_bad(s, rc, "cannot bind to %s port %u in host '%s': %s",
			       s->src ? s->src : "*", s->sport, a->host,
			       strerror(-rc));
			goto fail;
		}
	}

	t0 = ns_mono_ns();
	deadline = ns_deadline(s->timeout_ms);
	ns_real(&s->res.start);
	if (connect(fd, (struct sockaddr *)&dst, (socklen_t)len) < 0) {
		if (errno != EINPROGRESS) {
			soerr = errno;
			goto outcome;
		}
		rc = ns_wait_fd(a->cancel_fd, fd, POLLOUT, deadline);
		if (rc == 0) {
			ns_res(&s->res, NS_TIMED_OUT, ETIMEDOUT,
			       "connect to %s port %u: no answer in %.0f ms",
			       s->addr, s->port, ms_since(t0));
			goto fail;
		}
		if (rc < 0) {
			soerr = -rc;
			goto outcome;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0)
			soerr = errno;
	}
outcome:
	if (soerr == 0) {
		ns_res_ends(&s->res, fd);
		ns_res(&s->res, NS_CONNECTED, 0,
		       "connected %s.%u > %s.%u in %.3f ms", s->res.local,
		       s->res.lport, s->res.peer, s->res.pport, ms_since(t0));
		a->tcp = fd;
		return;
	}
	/* ETIMEDOUT here means the kernel gave up after its SYN retries. */
	ns_res(&s->res, ns_errno_outcome(soerr), soerr,
	       "connect to %s port %u: %s after %.0f ms", s->addr, s->port,
	       strerror(soerr), ms_since(t0));
fail:
	close(fd);
}

/* NS_SEND and NS_URGENT: everything, or what went before the outcome. */
void ns_tcp_send(struct ns_actor *a, struct ns_step *s)
{
	uint8_t pat[CHUNK];
	const uint8_t *p;
	int flags = MSG_NOSIGNAL | (s->kind == NS_URGENT ? MSG_OOB : 0);
	int64_t deadline = ns_deadline(s->timeout_ms);
	size_t off = 0, n;
	ssize_t w;
	int rc;

	if (need_conn(a, s, s->kind == NS_URGENT ? "send urgent data" :
						      "send"))
		return;
	while (off < s->len) {
		n = s->len - off;
		if (s->data) {
			p = (const uint8_t *)s->data + off;
		} else {
			if (n > sizeof(pat))
				n = sizeof(pat);
			ns_pattern(pat, n, off);
			p = pat;
		}
		w = send(a->tcp, p, n, flags | MSG_DONTWAIT);
		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			rc = ns_wait_fd(a->cancel_fd, a->tcp, POLLOUT, deadline);
			if (rc > 0)
				continue;
			if (rc == 0) {
				ns_res(&s->res, NS_TIMED_OUT, ETIMEDOUT,
				       "send: %zu of %zu bytes sent before the deadline",
				       off, s->len);
				goto out;
			}
			errno = -rc;
		}
		ns_res(&s->res, ns_errno_outcome(errno), errno,
		       "send: %s after %zu of %zu bytes", strerror(errno), off,
		       s->len);
		goto out;
	}
	ns_res(&s->res, NS_OK, 0, "sent %zu bytes%s", off,
	       s->kind == NS_URGENT ? " (urgent)" : "");
out:
	s->res.sent = off;
	count(a, off, 0, 0);
}

/* Reads the urgent byte that POLLPRI announced; 1, or 0 when none. */
static int read_oob(struct ns_actor *a, struct ns_step *s)
{
	char c;

	if (recv(a->tcp, &c, 1, MSG_OOB | MSG_DONTWAIT) != 1)
		return 0;
	hx_buf_putc(&s->res.urgent, c);
	return 1;
}

void ns_tcp_recv(struct ns_actor *a, struct ns_step *s)
{
	uint8_t buf[CHUNK];
	int64_t deadline = ns_deadline(s->timeout_ms);
	uint64_t got = 0, urg = 0;
	short ev = POLLIN | POLLPRI;
	size_t n;
	ssize_t r;
	int rc;

	if (need_conn(a, s, "receive"))
		return;
	while (s->want == 0 || got + urg < s->want) {
		rc = ns_wait_fd(a->cancel_fd, a->tcp, ev, deadline);
		if (rc == 0) {
			ns_res(&s->res, NS_TIMED_OUT, ETIMEDOUT,
			       "recv: %llu bytes before the deadline",
			       (unsigned long long)(got + urg));
			goto out;
		}
		if (rc < 0) {
			ns_res(&s->res, ns_errno_outcome(-rc), -rc, "recv: %s",
			       strerror(-rc));
			goto out;
		}
		if (rc & POLLPRI) {
			/* Urgent data (MSG_OOB) waits apart from the stream
			 * while SO_OOBINLINE is off. */
			if (read_oob(a, s))
				urg++;
			else
				ev = POLLIN; /* nothing there: do not spin */
			continue;
		}
		n = sizeof(buf);
		if (s->want && s->want - got - urg < n)
			n = s->want - got - urg;
		r = recv(a->tcp, buf, n, MSG_DONTWAIT);
		if (r > 0) {
			got += (uint64_t)r;
			ev = POLLIN | POLLPRI;
			if (!s->discard)
				hx_buf_put(&s->res.data, buf, (size_t)r);
			continue;
		}
		if (r == 0) {
			ns_res(&s->res, NS_EOF, 0,
			       "recv: the peer closed after %llu bytes",
			       (unsigned long long)(got + urg));
			goto out;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
			continue;
		ns_res(&s->res, ns_errno_outcome(errno), errno,
		       "recv: %s after %llu bytes", strerror(errno),
		       (unsigned long long)(got + urg));
		goto out;
	}
	ns_res(&s->res, NS_OK, 0, "received %llu bytes",
	       (unsigned long long)(got + urg));
out:
	if (s->res.data.oom || s->res.urgent.oom)
		ns_res(&s->res, NS_FAILED, ENOMEM, "recv: out of memory");
	s->res.received = got;
	count(a, 0, got, urg);
}

void ns_tcp_shutdown(struct ns_actor *a, struct ns_step *s)
{
	if (need_conn(a, s, "half-close"))
		return;
	if (shutdown(a->tcp, SHUT_WR) < 0)
		ns_res(&s->res, ns_errno_outcome(errno), errno,
		       "shutdown: %s", strerror(errno));
	else
		ns_res(&s->res, NS_OK, 0, "shut down the sending side (FIN)");
}

/* The socket's TCP state (TCP_ESTABLISHED ...), or -1. */
static int tcp_state(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return -1;
	return ti.tcpi_state;
}

/* NS_CLOSE and NS_ABORT. */
void ns_tcp_close(struct ns_actor *a, struct ns_step *s)
{
	struct linger lg = { 1, 0 };
	int unread = 0, st, passive = 0;
	int64_t t0;

	if (need_conn(a, s, s->kind == NS_ABORT ? "abort" : "close"))
		return;
	ns_res_ends(&s->res, a->tcp);
	if (ioctl(a->tcp, FIONREAD, &unread) == 0 && unread > 0)
		s->res.unread = (size_t)unread;
	st = tcp_state(a->tcp);
	if (s->kind == NS_ABORT) {
		/* SO_LINGER with a zero timeout: close sends a RST. */
		setsockopt(a->tcp, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		ns_res(&s->res, NS_OK, 0, "aborted (RST)");
	} else if (s->res.unread) {
		/* RFC 2525 2.17: data left unread makes close send a RST. */
		ns_res(&s->res, NS_OK, 0,
		       "closed with %zu bytes unread (the kernel sends a RST)",
		       s->res.unread);
	} else if (st == TCP_CLOSE_WAIT || st == TCP_LAST_ACK) {
		/*
		 * The passive close: the peer's FIN is in, ours ends the
		 * connection, and the peer's ACK of it is the last segment.
		 * That ACK is the peer kernel's doing, after this step; with
		 * SO_LINGER, close returns only once it has arrived (Linux
		 * waits while the socket is in LAST_ACK), so a capture
		 * stopped next has it. The peer acks a FIN at once; the wait
		 * is bounded by the step's deadline.
		 */
		int ms = s->timeout_ms > 0 ? s->timeout_ms : NS_TIMEOUT_DEFAULT_MS;

		lg.l_linger = (ms + 999) / 1000;
		passive = setsockopt(a->tcp, SOL_SOCKET, SO_LINGER, &lg,
				     sizeof(lg)) == 0;
		ns_res(&s->res, NS_OK, 0, "closed (FIN)");
	} else {
		/* The active close: the peer may delay its ACK, to send it
		 * with its own FIN; nothing waits for it here. */
		ns_res(&s->res, NS_OK, 0, "closed (FIN)");
	}
	t0 = ns_mono_ns();
	close(a->tcp);
	a->tcp = -1;
	if (passive) {
		if (ns_mono_ns() - t0 >= (int64_t)lg.l_linger * 1000000000)
			ns_res(&s->res, NS_OK, 0,
			       "closed (FIN); no ACK of it within %d s",
			       lg.l_linger);
		else
			ns_res(&s->res, NS_OK, 0, "closed (FIN, acknowledged)");
	}
}

void ns_tcp_bulk(struct ns_actor *a, struct ns_step *s)
{
	uint8_t *buf;
	size_t bufsz = 4 * CHUNK, off = 0, n;
	int64_t t0 = ns_mono_ns(), deadline;
	double secs;
	ssize_t w;
	int rc;

	if (need_conn(a, s, "send in bulk"))
		return;
	buf = malloc(bufsz);
	if (!buf) {
		ns_bad(s, -ENOMEM, "bulk: out of memory");
		return;
	}
	/* The pattern repeats every 64 bytes, so one buffer serves any
	 * offset that is a multiple of 64. */
	ns_pattern(buf, bufsz, 0);
	deadline = ns_deadline(s->timeout_ms);
	while (off < s->len) {
		size_t at = off % 64;

		n = s->len - off;
		if (n > bufsz - at)
			n = bufsz - at;
		w = send(a->tcp, buf + at, n, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w > 0) {
			off += (size_t)w;
			deadline = ns_deadline(s->timeout_ms);
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			rc = ns_wait_fd(a->cancel_fd, a->tcp, POLLOUT, deadline);
			if (rc > 0)
				continue;
			if (rc == 0) {
				ns_res(&s->res, NS_TIMED_OUT, ETIMEDOUT,
				       "bulk: stalled after %zu of %zu bytes",
				       off, s->len);
				goto out;
			}
			errno = -rc;
		}
		ns_res(&s->res, ns_errno_outcome(errno), errno,
		       "bulk: %s after %zu of %zu bytes", strerror(errno), off,
		       s->len);
		goto out;
	}
	secs = (double)(ns_mono_ns() - t0) / 1e9;
	ns_res(&s->res, NS_OK, 0, "sent %zu bytes in %.3f s (%.1f MB/s)", off,
	       secs, secs > 0 ? (double)off / secs / 1e6 : 0.0);
out:
	free(buf);
	s->res.sent = off;
	count(a, off, 0, 0);
}
