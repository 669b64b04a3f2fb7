/* actor-icmp.c: ICMP echo (ping) through a ping socket or a raw socket, IPv4 and IPv6. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <sys/socket.h>

#include "netns/actor-int.h"

#define PING_MAX 65500
#define RANGE_FILE "/proc/sys/net/ipv4/ping_group_range"

static int write_range(const char *text)
{
	int fd = open(RANGE_FILE, O_WRONLY | O_CLOEXEC);
	ssize_t w;
	int rc = 0;

	if (fd < 0)
		return -errno;
	w = write(fd, text, strlen(text));
	if (w < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int ns_ping_allow_here(char *err, const char *host)
{
	char own[64];
	int rc;

	/* The range is per network namespace; /proc/sys/net follows the
	 * namespace of the thread that opens it. */
	rc = write_range("0 2147483647\n");
	if (rc == -EINVAL) {
		/* In a user namespace only mapped groups can be written. */
		snprintf(own, sizeof(own), "%u %u\n", (unsigned)getegid(),
			 (unsigned)getegid());
		rc = write_range(own);
	}
	if (rc < 0)
		return hx_err(err, rc, "cannot set %s in host '%s': %s",
			      RANGE_FILE, host, strerror(-rc));
	return 0;
}

struct allow_arg {
	int netfd;
	char *err;
	int rc;
};

static void *allow_main(void *arg)
{
	struct allow_arg *aa = arg;
	char name[32];

	snprintf(name, sizeof(name), "netns fd %d", aa->netfd);
	if (aa->netfd >= 0 && setns(aa->netfd, CLONE_NEWNET) < 0) {
		aa->rc = hx_err(aa->err, -errno, "cannot enter host '%s': %s",
				name, strerror(errno));
		return NULL;
	}
	aa->rc = ns_ping_allow_here(aa->err, name);
	return NULL;
}

int ns_ping_allow(char *err, int netfd)
{
	struct allow_arg aa = { netfd, err, 0 };
	pthread_t th;
	int rc;

	if (netfd < 0)
		return hx_err(err, -EINVAL,
			      "will not set ping_group_range outside a host");

	rc = pthread_create(&th, NULL, allow_main, &aa);
	if (rc)
		return hx_err(err, -rc, "cannot start a thread: %s", strerror(rc));
	pthread_join(th, NULL);
	return aa.rc;
}

static uint16_t cksum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		sum += (uint32_t)(p[n - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Opens the ICMP socket the mode asks for; sets *dgram. */
static int open_icmp(struct ns_actor *a, struct ns_step *s, int family,
		     int *dgram)
{
	int proto = family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	int fl = SOCK_NONBLOCK | SOCK_CLOEXEC, fd = -1, e = 0;
	char err[HX_ERRLEN];

	if (s->ping != NS_PING_RAW) {
		fd = socket(family, SOCK_DGRAM | fl, proto);
		e = fd < 0 ? errno : 0;
		/* EACCES: the group is outside ping_group_range. Only a
		 * host's range is changed, never the caller's own
		 * namespace's (it may be the machine's). */
		if (fd < 0 && (e == EACCES || e == EPERM) && a->netfd >= 0 &&
		    ns_ping_allow_here(err, a->host) == 0) {
			fd = socket(family, SOCK_DGRAM | fl, proto);
			e = fd < 0 ? errno : 0;
		}
		if (fd >= 0) {
			*dgram = 1;
			return fd;
		}
		if (s->ping == NS_PING_DGRAM) {
			ns_bad(s, -e, "cannot open a ping socket in host '%s': %s",
			       a->host, strerror(e));
			return -e;
		}
	}
	fd = socket(family, SOCK_RAW | fl, proto);
	if (fd < 0) {
		e = errno;
		ns_bad(s, -e, "cannot open a raw ICMP socket in host '%s': %s",
		       a->host, strerror(e));
		return -e;
	}
	*dgram = 0;
	return fd;
}

/* The payload ping(8) of iputils sends: bytes 0, 1, 2 ... with a
 * timeval over the first 16. */
static void fill_payload(uint8_t *p, struct ns_step *s, size_t size)
{
	struct timespec now;
	uint64_t sec, usec;
	size_t i;

	if (s->data) {
		memcpy(p, s->data, size);
		return;
	}
	for (i = 0; i < size; i++)
		p[i] = (uint8_t)i;
	if (size >= 16) {
		ns_real(&now);
		sec = (uint64_t)now.tv_sec;
		usec = (uint64_t)now.tv_nsec / 1000;
		memcpy(p, &sec, 8);
		memcpy(p + 8, &usec, 8);
	}
}

struct ping_state {
	struct ns_step *s;
	int v4, dgram;
	uint16_t id;
	unsigned count;
	int64_t *sent_at;	/* per sequence number, 0: not sent */
	uint8_t *seen;
	unsigned errors;
	int last_error;
};

/* One ICMP message from the socket: a reply of ours, an error, or noise. */
static void ping_input(struct ping_state *ps, const uint8_t *b, size_t n,
		       int ttl)
{
	struct ns_result *r = &ps->s->res;
	const uint8_t *ic = b;
	uint8_t want_reply = ps->v4 ? ICMP_ECHOREPLY : ICMP6_ECHO_REPLY;
	uint16_t seq;

	if (ps->v4 && !ps->dgram) {
		/* A raw IPv4 socket hands over the IP header too. */
		size_t ihl;

		if (n < 20)
			return;
		ihl = (size_t)(b[0] & 0x0f) * 4;
		if (ihl < 20 || n < ihl + 8)
			return;
		ttl = b[8];
		ic = b + ihl;
		n -= ihl;
	}
	if (n < 8)
		return;
	if (ic[0] != want_reply) {
		/* Raw sockets see errors about our requests in the stream. */
		int unreach = ps->v4 ? (ic[0] == ICMP_DEST_UNREACH ||
					ic[0] == ICMP_TIME_EXCEEDED) :
				       (ic[0] == ICMP6_DST_UNREACH ||
					ic[0] == ICMP6_TIME_EXCEEDED);
		const uint8_t *in = ic + 8;
		size_t inl = ps->v4 ? (n >= 28 ? (size_t)(in[0] & 0x0f) * 4 : 0) : 40;

		if (ps->dgram || !unreach || n < 8 + inl + 8 || inl < 20)
			return;
		if (get16(in + inl + 4) != ps->id)
			return;
		ps->errors++;
		ps->last_error = EHOSTUNREACH;
		return;
	}
	if (!ps->dgram && get16(ic + 4) != ps->id)
		return;
	seq = get16(ic + 6);
	if (seq == 0 || seq > ps->count || !ps->sent_at[seq] || ps->seen[seq])
		return;
	ps->seen[seq] = 1;
	r->reply[r->replies].seq = seq;
	r->reply[r->replies].ttl = (uint8_t)(ttl > 0 ? ttl : 0);
	r->reply[r->replies].rtt_us =
		(uint32_t)((ns_mono_ns() - ps->sent_at[seq]) / 1000);
	ns_real(&r->reply[r->replies].at);
	r->replies++;
}

static void ping_read(struct ping_state *ps, int fd)
{
	uint8_t buf[PING_MAX + 128];
	char ctl[256];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh;
	struct cmsghdr *c;
	ssize_t n;
	int ttl;

	for (;;) {
		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = ctl;
		mh.msg_controllen = sizeof(ctl);
		n = recvmsg(fd, &mh, MSG_DONTWAIT);
		if (n < 0)
			return;
		ttl = 0;
		for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
			if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_TTL) ||
			    (c->cmsg_level == SOL_IPV6 &&
			     c->cmsg_type == IPV6_HOPLIMIT))
				memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
		ping_input(ps, buf, (size_t)n, ttl);
	}
}

static void ping_summary(struct ns_step *s)
{
	struct ns_result *r = &s->res;
	uint32_t mn = UINT32_MAX, mx = 0;
	uint64_t sum = 0;
	unsigned i;

	for (i = 0; i < r->replies; i++) {
		uint32_t t = r->reply[i].rtt_us;

		mn = t < mn ? t : mn;
		mx = t > mx ? t : mx;
		sum += t;
	}
	if (!r->replies) {
		snprintf(r->msg, sizeof(r->msg),
			 "ping %s: %u sent, 0 received, %u errors (%s socket)",
			 s->addr, r->count, r->errors, r->pingsock ? "ping" : "raw");
		return;
	}
	snprintf(r->msg, sizeof(r->msg),
		 "ping %s: %u sent, %u received, rtt min/avg/max %.3f/%.3f/%.3f ms (%s socket)",
		 s->addr, r->count, r->replies, mn / 1e3,
		 (double)sum / r->replies / 1e3, mx / 1e3,
		 r->pingsock ? "ping" : "raw");
}

void ns_ping(struct ns_actor *a, struct ns_step *s)
{
	struct sockaddr_storage dst, any;
	struct ping_state ps;
	char e[HX_ERRLEN];
	uint8_t *pkt = NULL;
	size_t size = s->len || s->data ? s->len : 56;
	unsigned interval = s->interval_ms ? s->interval_ms : 1000, i = 0;
	int64_t t0, next, last_deadline = -1, wake;
	int fd = -1, len, one = 1, rc, error = 0;
	socklen_t sl = sizeof(any);
	enum ns_outcome o;

	memset(&ps, 0, sizeof(ps));
	ps.s = s;
	ps.count = s->count ? s->count : 1;
	len = ns_addr_parse(e, s->addr, 0, &dst);
	if (len < 0) {
		ns_bad(s, len, "cannot ping in host '%s': %s", a->host, e);
		return;
	}
	if (s->data && !s->len) {
		ns_bad(s, -EINVAL, "cannot ping %s: a payload with no length",
		       s->addr);
		return;
	}
	if (size > PING_MAX || ps.count > 65535) {
		ns_bad(s, -EINVAL, "cannot ping %s: %zu bytes, %u requests is too much",
		       s->addr, size, ps.count);
		return;
	}
	ps.v4 = dst.ss_family == AF_INET;
	fd = open_icmp(a, s, dst.ss_family, &ps.dgram);
	if (fd < 0)
		return;
	s->res.pingsock = ps.dgram;
	if (s->dev && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, s->dev,
				 (socklen_t)strlen(s->dev)) < 0) {
		ns_bad(s, -errno, "cannot ping by interface '%s' in host '%s': %s",
		       s->dev, a->host, strerror(errno));
		goto out;
	}
	if (s->ttl > 0)
		setsockopt(fd, ps.v4 ? SOL_IP : SOL_IPV6,
			   ps.v4 ? IP_TTL : IPV6_UNICAST_HOPS, &s->ttl,
			   sizeof(s->ttl));
	if (ps.v4) {
		setsockopt(fd, SOL_IP, IP_RECVTTL, &one, sizeof(one));
		if (ps.dgram)
			setsockopt(fd, SOL_IP, IP_RECVERR, &one, sizeof(one));
	} else {
		setsockopt(fd, SOL_IPV6, IPV6_RECVHOPLIMIT, &one, sizeof(one));
		if (ps.dgram) {
			setsockopt(fd, SOL_IPV6, IPV6_RECVERR, &one, sizeof(one));
		} else {
			struct icmp6_filter f;

			ICMP6_FILTER_SETBLOCKALL(&f);
			ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f);
			ICMP6_FILTER_SETPASS(ICMP6_DST_UNREACH, &f);
			ICMP6_FILTER_SETPASS(ICMP6_TIME_EXCEEDED, &f);
			setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f));
		}
	}
	if (ps.dgram) {
		/* A ping socket's "port" is the identifier the kernel
		 * writes into every request: bind picks it. */
		memset(&any, 0, sizeof(any));
		any.ss_family = dst.ss_family;
		if (bind(fd, (struct sockaddr *)&any,
			 ps.v4 ? sizeof(struct sockaddr_in) :
				 sizeof(struct sockaddr_in6)) < 0) {
			ns_bad(s, -errno, "cannot bind a ping socket in host '%s': %s",
			       a->host, strerror(errno));
			goto out;
		}
		if (getsockname(fd, (struct sockaddr *)&any, &sl) == 0)
			ps.id = ns_addr_str(&any, e, sizeof(e));
	} else {
		ps.id = (uint16_t)((uint64_t)ns_mono_ns() ^ (uintptr_t)a ^
				   (uint64_t)getpid());
	}
	s->res.lport = ps.id;
	snprintf(s->res.peer, sizeof(s->res.peer), "%s", s->addr);

	pkt = malloc(8 + size);
	ps.sent_at = calloc(ps.count + 1, sizeof(*ps.sent_at));
	ps.seen = calloc(ps.count + 1, 1);
	s->res.reply = calloc(ps.count, sizeof(*s->res.reply));
	if (!pkt || !ps.sent_at || !ps.seen || !s->res.reply) {
		ns_bad(s, -ENOMEM, "ping: out of memory");
		goto out;
	}

	t0 = ns_mono_ns();
	next = t0;
	for (;;) {
		if (i < ps.count && ns_mono_ns() >= next) {
			uint16_t seq = (uint16_t)(i + 1);

			memset(pkt, 0, 8);
			pkt[0] = ps.v4 ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
			pkt[4] = (uint8_t)(ps.id >> 8);
			pkt[5] = (uint8_t)ps.id;
			pkt[6] = (uint8_t)(seq >> 8);
			pkt[7] = (uint8_t)seq;
			fill_payload(pkt + 8, s, size);
			/* The kernel sums ICMPv6 and ping sockets itself. */
			if (ps.v4 && !ps.dgram) {
				uint16_t c = cksum(pkt, 8 + size);

				pkt[2] = (uint8_t)(c >> 8);
				pkt[3] = (uint8_t)c;
			}
			ps.sent_at[seq] = ns_mono_ns();
			if (sendto(fd, pkt, 8 + size, MSG_DONTWAIT,
				   (struct sockaddr *)&dst, (socklen_t)len) < 0) {
				ps.sent_at[seq] = 0;
				ps.errors++;
				ps.last_error = errno;
			} else {
				s->res.count++;
			}
			i++;
			next = t0 + (int64_t)i * interval * 1000000;
			if (i == ps.count)
				last_deadline = ns_deadline(s->timeout_ms);
			continue;
		}
		if (s->res.replies == s->res.count && i == ps.count)
			break;
		if (i == ps.count && last_deadline >= 0 &&
		    ns_mono_ns() >= last_deadline)
			break;
		wake = i < ps.count ? next : last_deadline;
		rc = ns_wait_fd(a->cancel_fd, fd, POLLIN, wake);
		if (rc == -ECANCELED) {
			ps.last_error = ECANCELED;
			break;
		}
		if (rc < 0)
			break;
		if (rc & POLLERR) {
			char from[NS_ADDRSTRLEN];

			while (ns_errqueue(fd, &error, from, sizeof(from)) !=
			       NS_PENDING) {
				ps.errors++;
				ps.last_error = error;
			}
		}
		if (rc & POLLIN)
			ping_read(&ps, fd);
	}
	s->res.errors = ps.errors;
	ns_res_ends(&s->res, fd);
	if (!s->res.peer[0])
		snprintf(s->res.peer, sizeof(s->res.peer), "%s", s->addr);
	s->res.lport = ps.id;
	if (ps.last_error == ECANCELED)
		o = NS_CANCELLED;
	else if (s->res.replies == ps.count)
		o = NS_OK;
	else if (!s->res.replies && ps.last_error)
		o = ns_errno_outcome(ps.last_error);
	else
		o = NS_TIMED_OUT;
	s->res.outcome = o;
	s->res.error = o == NS_OK ? 0 : o == NS_TIMED_OUT ? ETIMEDOUT : ps.last_error;
	ping_summary(s);
out:
	free(pkt);
	free(ps.sent_at);
	free(ps.seen);
	close(fd);
}
