/* actor-udp.c: the UDP steps: one datagram (unicast, broadcast, multicast), receive, paced. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include "netns/actor-int.h"

#define UDP_MAX 65507

static int fam_idx(int family)
{
	return family == AF_INET6;
}

static void count(struct ns_actor *a, uint64_t sent, uint64_t rcvd)
{
	pthread_mutex_lock(&a->mu);
	a->st.udp_sent += sent;
	a->st.udp_received += rcvd;
	pthread_mutex_unlock(&a->mu);
}

static void drop_sock(struct ns_actor *a, int i)
{
	if (a->udp[i] >= 0)
		close(a->udp[i]);
	a->udp[i] = -1;
	a->udp_port[i] = 0;
	a->udp_bound_dev[i] = 0;
}

/*
 * The actor's UDP socket of that family, bound to s->src/s->sport when the
 * step names them. A socket keeps its port across steps; a step asking for
 * another port or a local address gets a fresh one.
 */
static int udp_sock(struct ns_actor *a, struct ns_step *s, int family)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int i = fam_idx(family), fd, one = 1, rc;
	char e[HX_ERRLEN];

	if (a->udp[i] >= 0 && !s->src &&
	    (s->sport == 0 || s->sport == a->udp_port[i]))
		return a->udp[i];
	drop_sock(a, i);
	fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = -errno;
		ns_bad(s, rc, "cannot open a UDP socket in host '%s': %s",
		       a->host, strerror(-rc));
		return rc;
	}
	/* Several senders (and a listener) may share a port such as 5353. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
	/* ICMP errors (port unreachable) come back on the error queue. */
	if (family == AF_INET) {
		setsockopt(fd, SOL_IP, IP_RECVERR, &one, sizeof(one));
	} else {
		setsockopt(fd, SOL_IPV6, IPV6_RECVERR, &one, sizeof(one));
		setsockopt(fd, SOL_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	}
	if (s->src || s->sport) {
		const char *any = family == AF_INET ? "0.0.0.0" : "::";
		int len = ns_addr_parse(e, s->src ? s->src : any, s->sport, &ss);

		if (len < 0) {
			ns_bad(s, len, "cannot bind a UDP socket in host '%s': %s",
			       a->host, e);
			close(fd);
			return len;
		}
		if (ss.ss_family != family) {
			ns_bad(s, -EINVAL,
			       "cannot send from '%s' to '%s' in host '%s': address families differ",
			       s->src, s->addr, a->host);
			close(fd);
			return -EINVAL;
		}
		if (bind(fd, (struct sockaddr *)&ss, (socklen_t)len) < 0) {
			rc = -errno;
			ns_bad(s, rc, "cannot bind UDP %s port %u in host '%s': %s",
			       s->src ? s->src : any, s->sport, a->host,
			       strerror(-rc));
			close(fd);
			return rc;
		}
		if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
			a->udp_port[i] = ns_addr_str(&ss, e, sizeof(e));
	}
	a->udp[i] = fd;
	return fd;
}

static int is_multicast(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return IN_MULTICAST(ntohl(
			((const struct sockaddr_in *)ss)->sin_addr.s_addr));
	return IN6_IS_ADDR_MULTICAST(
		&((const struct sockaddr_in6 *)ss)->sin6_addr);
}

/* The interface, TTL and device options of one send. */
static int udp_opts(struct ns_actor *a, struct ns_step *s, int fd,
		    const struct sockaddr_storage *dst)
{
	int v4 = dst->ss_family == AF_INET, i = fam_idx(dst->ss_family);
	int mc = is_multicast(dst);
	unsigned idx = 0;
	int hops, rc = 0;

	if (s->dev) {
		idx = if_nametoindex(s->dev);
		if (!idx) {
			ns_bad(s, -ENODEV, "no interface '%s' in host '%s'",
			       s->dev, a->host);
			return -ENODEV;
		}
	}
	if (mc) {
		/* Without a route for the group, the interface must be named:
		 * IP_MULTICAST_IF (DESIGN.md: multicast send). */
		if (v4) {
			struct ip_mreqn m;

			memset(&m, 0, sizeof(m));
			m.imr_ifindex = (int)idx;
			rc = setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &m, sizeof(m));
			hops = s->ttl > 0 ? s->ttl : 1;
			if (!rc)
				rc = setsockopt(fd, SOL_IP, IP_MULTICAST_TTL,
						&hops, sizeof(hops));
		} else {
			int ix = (int)idx;

			rc = setsockopt(fd, SOL_IPV6, IPV6_MULTICAST_IF, &ix,
					sizeof(ix));
			hops = s->ttl > 0 ? s->ttl : -1;
			if (!rc)
				rc = setsockopt(fd, SOL_IPV6, IPV6_MULTICAST_HOPS,
						&hops, sizeof(hops));
		}
	} else {
		if (s->dev || a->udp_bound_dev[i]) {
			const char *d = s->dev ? s->dev : "";

			rc = setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, d,
					(socklen_t)strlen(d));
			a->udp_bound_dev[i] = s->dev != NULL;
		}
		hops = s->ttl > 0 ? s->ttl : -1;
		if (!rc)
			rc = setsockopt(fd, v4 ? SOL_IP : SOL_IPV6,
					v4 ? IP_TTL : IPV6_UNICAST_HOPS, &hops,
					sizeof(hops));
	}
	if (rc < 0) {
		rc = -errno;
		ns_bad(s, rc, "cannot set the %s options of a UDP socket in host '%s': %s",
		       s->dev ? s->dev : "interface", a->host, strerror(-rc));
	}
	return rc;
}

/*
 * One sendto. With IP_RECVERR an earlier ICMP error is also reported by the
 * next send (sk_err); that error belongs to an earlier datagram, so after
 * emptying the error queue the send is tried once more.
 */
static ssize_t send_one(int fd, const void *p, size_t n,
			const struct sockaddr_storage *dst, socklen_t dl,
			unsigned *stale)
{
	ssize_t w;
	int tries = 0, e;

	for (;;) {
		w = sendto(fd, p, n, MSG_DONTWAIT | MSG_NOSIGNAL,
			   (const struct sockaddr *)dst, dl);
		if (w >= 0)
			return w;
		if (errno == EINTR)
			continue;
		if ((errno == ECONNREFUSED || errno == EHOSTUNREACH ||
		     errno == ENETUNREACH) && tries++ == 0) {
			while (ns_errqueue(fd, &e, NULL, 0) != NS_PENDING)
				if (stale)
					(*stale)++;
			continue;
		}
		return -1;
	}
}

void ns_udp_send(struct ns_actor *a, struct ns_step *s)
{
	struct sockaddr_storage dst;
	char e[HX_ERRLEN];
	uint8_t *pat = NULL;
	const void *p = s->data;
	int64_t deadline = ns_deadline(s->timeout_ms);
	int fd, len, rc;
	ssize_t w;

	len = ns_addr_parse(e, s->addr, s->port, &dst);
	if (len < 0) {
		ns_bad(s, len, "cannot send UDP in host '%s': %s", a->host, e);
		return;
	}
	if (s->len > UDP_MAX) {
		ns_bad(s, -EMSGSIZE, "cannot send %zu bytes in one UDP datagram",
		       s->len);
		return;
	}
	fd = udp_sock(a, s, dst.ss_family);
	if (fd < 0 || udp_opts(a, s, fd, &dst) < 0)
		return;
	if (!p && s->len) {
		pat = malloc(s->len);
		if (!pat) {
			ns_bad(s, -ENOMEM, "udp: out of memory");
			return;
		}
		ns_pattern(pat, s->len, 0);
		p = pat;
	}
	for (;;) {
		w = send_one(fd, p, s->len, &dst, (socklen_t)len, NULL);
		if (w >= 0 || (errno != EAGAIN && errno != ENOBUFS))
			break;
		rc = ns_wait_fd(a->cancel_fd, fd, POLLOUT, deadline);
		if (rc <= 0) {
			errno = rc == 0 ? ETIMEDOUT : -rc;
			break;
		}
	}
	ns_res_ends(&s->res, fd);
	s->res.pport = s->port;
	snprintf(s->res.peer, sizeof(s->res.peer), "%s", s->addr);
	if (w < 0) {
		ns_res(&s->res, ns_errno_outcome(errno), errno,
		       "udp to %s port %u: %s", s->addr, s->port,
		       strerror(errno));
	} else {
		s->res.sent = (uint64_t)w;
		s->res.count = 1;
		count(a, 1, 0);
		ns_res(&s->res, NS_OK, 0, "sent %zd bytes %s.%u > %s.%u", w,
		       s->res.local, s->res.lport, s->addr, s->port);
	}
	free(pat);
}

void ns_udp_recv(struct ns_actor *a, struct ns_step *s)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char e[HX_ERRLEN];
	uint8_t *buf;
	int64_t deadline = ns_deadline(s->timeout_ms);
	int family = AF_INET, fd, rc, error = 0, soerr;
	enum ns_outcome o;
	ssize_t r;

	if (s->addr || s->src) {
		if (ns_addr_parse(e, s->addr ? s->addr : s->src, 0, &ss) < 0) {
			ns_bad(s, -EINVAL, "cannot receive UDP in host '%s': %s",
			       a->host, e);
			return;
		}
		family = ss.ss_family;
	} else if (a->udp[0] < 0 && a->udp[1] >= 0) {
		family = AF_INET6;
	}
	if (!s->src && !s->sport && a->udp[fam_idx(family)] < 0) {
		ns_bad(s, -EINVAL,
		       "cannot receive UDP in host '%s': no socket and no port to bind",
		       a->host);
		return;
	}
	fd = udp_sock(a, s, family);
	if (fd < 0)
		return;
	buf = malloc(UDP_MAX + 1);
	if (!buf) {
		ns_bad(s, -ENOMEM, "udp recv: out of memory");
		return;
	}
	for (;;) {
		rc = ns_wait_fd(a->cancel_fd, fd, POLLIN, deadline);
		if (rc == 0) {
			ns_res(&s->res, NS_TIMED_OUT, ETIMEDOUT,
			       "udp recv: nothing before the deadline");
			break;
		}
		if (rc < 0) {
			ns_res(&s->res, ns_errno_outcome(-rc), -rc,
			       "udp recv: %s", strerror(-rc));
			break;
		}
		if (rc & POLLERR) {
			o = ns_errqueue(fd, &error, s->res.peer,
					sizeof(s->res.peer));
			/* Reading SO_ERROR clears the pending sk_err too. */
			sl = sizeof(soerr);
			getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
			if (o != NS_PENDING) {
				ns_res(&s->res, o, error,
				       "udp recv: ICMP error from %s: %s",
				       s->res.peer[0] ? s->res.peer : "?",
				       strerror(error));
				break;
			}
			continue;
		}
		sl = sizeof(ss);
		r = recvfrom(fd, buf, UDP_MAX + 1, MSG_DONTWAIT,
			     (struct sockaddr *)&ss, &sl);
		if (r < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			ns_res(&s->res, ns_errno_outcome(errno), errno,
			       "udp recv: %s", strerror(errno));
			break;
		}
		hx_buf_put(&s->res.data, buf, (size_t)r);
		s->res.received = (uint64_t)r;
		s->res.pport = ns_addr_str(&ss, s->res.peer, sizeof(s->res.peer));
		count(a, 0, 1);
		ns_res(&s->res, NS_OK, 0, "received %zd bytes from %s.%u", r,
		       s->res.peer, s->res.pport);
		break;
	}
	sl = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		s->res.lport = ns_addr_str(&ss, s->res.local, sizeof(s->res.local));
	free(buf);
}

void ns_udp_paced(struct ns_actor *a, struct ns_step *s)
{
	struct sockaddr_storage dst;
	char e[HX_ERRLEN];
	uint8_t *buf;
	int64_t t0, next, deadline, period = 0, now;
	unsigned i, stale = 0, fails = 0;
	uint64_t bytes = 0;
	int fd, len, rc, slack;
	double secs;
	ssize_t w;

	len = ns_addr_parse(e, s->addr, s->port, &dst);
	if (len < 0) {
		ns_bad(s, len, "cannot send UDP in host '%s': %s", a->host, e);
		return;
	}
	if (s->len > UDP_MAX) {
		ns_bad(s, -EMSGSIZE, "cannot send %zu bytes in one UDP datagram",
		       s->len);
		return;
	}
	fd = udp_sock(a, s, dst.ss_family);
	if (fd < 0 || udp_opts(a, s, fd, &dst) < 0)
		return;
	buf = malloc(s->len ? s->len : 1);
	if (!buf) {
		ns_bad(s, -ENOMEM, "paced udp: out of memory");
		return;
	}
	if (s->data)
		memcpy(buf, s->data, s->len);
	else
		ns_pattern(buf, s->len, 0);
	if (s->rate)
		period = 1000000000LL / s->rate;
	/* Pacing, not synchronisation: sleep to each datagram's due time,
	 * with the timer slack at its finest so 10 us gaps are possible. */
	slack = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);
	t0 = ns_mono_ns();
	for (i = 0; i < s->count; i++) {
		if (period) {
			next = t0 + (int64_t)i * period;
			now = ns_mono_ns();
			if (next > now) {
				rc = ns_wait_fd(a->cancel_fd, -1, 0, next);
				if (rc < 0) {
					errno = -rc;
					break;
				}
			}
		}
		if ((i & 255) == 0 && ns_wait_fd(a->cancel_fd, -1, 0, 0) < 0) {
			errno = ECANCELED;
			break;
		}
		if (!s->data && s->len >= 4) {
			/* A sequence number, so a receiver can count losses. */
			buf[0] = (uint8_t)(i >> 24);
			buf[1] = (uint8_t)(i >> 16);
			buf[2] = (uint8_t)(i >> 8);
			buf[3] = (uint8_t)i;
		}
		deadline = -2;
		for (;;) {
			w = send_one(fd, buf, s->len, &dst, (socklen_t)len,
				     &stale);
			if (w >= 0 || (errno != EAGAIN && errno != ENOBUFS))
				break;
			if (deadline == -2)
				deadline = ns_deadline(s->timeout_ms);
			rc = ns_wait_fd(a->cancel_fd, fd, POLLOUT, deadline);
			if (rc <= 0) {
				errno = rc == 0 ? ETIMEDOUT : -rc;
				break;
			}
		}
		if (w < 0) {
			if (errno == ECANCELED || errno == ETIMEDOUT)
				break;
			fails++;
			continue;
		}
		bytes += (uint64_t)w;
	}
	secs = (double)(ns_mono_ns() - t0) / 1e9;
	prctl(PR_SET_TIMERSLACK, slack > 0 ? slack : 0, 0, 0, 0);
	ns_res_ends(&s->res, fd);
	s->res.pport = s->port;
	snprintf(s->res.peer, sizeof(s->res.peer), "%s", s->addr);
	s->res.count = i - fails;
	s->res.errors = fails + stale;
	s->res.sent = bytes;
	count(a, s->res.count, 0);
	if (i < s->count)
		ns_res(&s->res, ns_errno_outcome(errno), errno,
		       "paced udp: %s after %u of %u datagrams",
		       strerror(errno), i, s->count);
	else
		ns_res(&s->res, NS_OK, 0,
		       "sent %u datagrams of %zu bytes in %.3f s (%.0f/s), %u errors",
		       s->res.count, s->len, secs,
		       secs > 0 ? s->res.count / secs : 0.0, s->res.errors);
	free(buf);
}
