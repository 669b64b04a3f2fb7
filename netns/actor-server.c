/* actor-server.c: a server thread in a host: TCP discard/echo/answer, UDP discard/echo/DNS, or accept for actors. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "netns/actor-int.h"

#define CHUNK 65536
#define UNTIL_MAX 63
/* An echo stops reading while this much waits to go back, so a peer that
 * does not read is held by TCP flow control, not by our memory. */
#define ECHO_MAX (1 << 20)

/* A connection the thread serves (thread-owned). */
struct sconn {
	int fd;
	size_t rec;		/* its record */
	int peer_eof;
	int answered;		/* ANSWER: the answer has started */
	uint64_t out_off;	/* ANSWER: bytes of the answer written */
	struct hx_buf echo;	/* ECHO: bytes to send back; NFS: the replies */
	struct hx_buf in;	/* NFS: what arrived of the next record */
	size_t echo_off;
	char tail[UNTIL_MAX];	/* the last bytes read, to find cfg.until
				 * across reads */
	size_t tail_len;
	int no_pri;		/* POLLPRI announced nothing: stop asking */
};

struct ns_server {
	struct ns_server_cfg cfg;
	char *addr, *until, *host_copy;
	char host[64];
	uint8_t a4[4], a6[16];
	int has_a4, has_a6;
	char header[160];	/* ANSWER with http: the response header */
	size_t header_len;

	int lfd;
	int stop_fd;		/* eventfd */
	uint16_t port;
	pthread_t th;
	int joined;

	pthread_mutex_t mu;
	pthread_cond_t cv;	/* CLOCK_MONOTONIC: records changed */
	struct ns_conn_rec *recs;
	size_t nrecs, caprecs, ndone;
	int rc;			/* the error that ended the thread */
	char msg[HX_ERRLEN];
	int ready;

	struct sconn *conns;	/* thread-owned */
	size_t nconns, capconns;
};

static const char *const serve_names[] = {
	[NS_SERVE_ACCEPT] = "accept", [NS_SERVE_DISCARD] = "discard",
	[NS_SERVE_ECHO] = "echo",     [NS_SERVE_ANSWER] = "answer",
	[NS_SERVE_DNS] = "dns",	      [NS_SERVE_NFS] = "nfs",
	[NS_SERVE_ZONE] = "zone",
};

/* Appends a record; returns its index, or (size_t)-1 without memory. */
static size_t rec_new(struct ns_server *s, const struct sockaddr_storage *peer)
{
	struct ns_conn_rec *r;
	size_t i;

	pthread_mutex_lock(&s->mu);
	if (s->nrecs == s->caprecs) {
		size_t cap = s->caprecs ? s->caprecs * 2 : 16;

		r = realloc(s->recs, cap * sizeof(*r));
		if (!r) {
			pthread_mutex_unlock(&s->mu);
			return (size_t)-1;
		}
		s->recs = r;
		s->caprecs = cap;
	}
	i = s->nrecs++;
	r = &s->recs[i];
	memset(r, 0, sizeof(*r));
	r->pport = ns_addr_str(peer, r->peer, sizeof(r->peer));
	ns_real(&r->accepted);
	pthread_mutex_unlock(&s->mu);
	return i;
}

/* Adds to a record's counters (any may be 0). */
static void rec_add(struct ns_server *s, size_t i, uint64_t rcvd,
		    uint64_t urg, uint64_t sent)
{
	pthread_mutex_lock(&s->mu);
	s->recs[i].received += rcvd;
	s->recs[i].urgent += urg;
	s->recs[i].sent += sent;
	pthread_mutex_unlock(&s->mu);
}

static void rec_done(struct ns_server *s, size_t i, enum ns_outcome o,
		     int error)
{
	pthread_mutex_lock(&s->mu);
	s->recs[i].outcome = o;
	s->recs[i].error = error;
	ns_real(&s->recs[i].closed);
	s->ndone++;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* ---- TCP connections -------------------------------------------------------- */

static void conn_close(struct ns_server *s, struct sconn *c, enum ns_outcome o,
		       int error, int reset)
{
	struct linger lg = { 1, 0 };

	if (c->fd < 0)
		return;
	if (reset)
		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(c->fd);
	c->fd = -1;
	hx_buf_release(&c->echo);
	hx_buf_release(&c->in);
	rec_done(s, c->rec, o, error);
}

/* Bytes [off, off + n) of the answer: the HTTP header, then the pattern. */
static void answer_bytes(struct ns_server *s, uint8_t *p, size_t n,
			 uint64_t off)
{
	size_t k = 0;

	while (k < n && off + k < s->header_len) {
		p[k] = (uint8_t)s->header[off + k];
		k++;
	}
	if (k < n)
		ns_pattern(p + k, n - k, off + k - s->header_len);
}

/* Writes what is pending; 0, or -errno on a broken connection. */
static int conn_flush(struct ns_server *s, struct sconn *c)
{
	uint8_t buf[CHUNK];
	ssize_t w;
	size_t n;

	for (;;) {
		if (s->cfg.mode == NS_SERVE_ANSWER && c->answered &&
		    c->out_off < s->cfg.answer_len) {
			n = s->cfg.answer_len - c->out_off;
			if (n > sizeof(buf))
				n = sizeof(buf);
			answer_bytes(s, buf, n, c->out_off);
			w = send(c->fd, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w > 0) {
				c->out_off += (uint64_t)w;
				rec_add(s, c->rec, 0, 0, (uint64_t)w);
				continue;
			}
		} else if ((s->cfg.mode == NS_SERVE_ECHO ||
			    s->cfg.mode == NS_SERVE_NFS ||
			    s->cfg.mode == NS_SERVE_ZONE) &&
			   c->echo_off < c->echo.len) {
			w = send(c->fd, c->echo.p + c->echo_off,
				 c->echo.len - c->echo_off,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w > 0) {
				c->echo_off += (size_t)w;
				rec_add(s, c->rec, 0, 0, (uint64_t)w);
				if (c->echo_off == c->echo.len) {
					hx_buf_reset(&c->echo);
					c->echo_off = 0;
				}
				continue;
			}
		} else {
			return 0;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		return w < 0 ? -errno : -EIO;
	}
}

static int conn_pending(struct ns_server *s, struct sconn *c)
{
	if (s->cfg.mode == NS_SERVE_ANSWER)
		return c->answered && c->out_off < s->cfg.answer_len;
	if (s->cfg.mode == NS_SERVE_ECHO || s->cfg.mode == NS_SERVE_NFS ||
	    s->cfg.mode == NS_SERVE_ZONE)
		return c->echo_off < c->echo.len;
	return 0;
}

/*
 * NFS over TCP: answers every whole record that arrived (RFC 5531 11: a
 * 4-byte mark, the last-fragment bit and the length, then the message),
 * each reply one record. A call in several fragments, or longer than
 * 1 MiB, ends the connection: -EMSGSIZE.
 */
static int nfs_records(struct sconn *c)
{
	size_t at = 0;

	while (c->in.len - at >= 4) {
		const uint8_t *p = (const uint8_t *)c->in.p + at;
		uint32_t mark = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
				(uint32_t)p[2] << 8 | p[3];
		size_t n = mark & 0x7fffffffu, m0;
		int r;

		if (!(mark & 0x80000000u) || n > (1u << 20))
			return -EMSGSIZE;
		if (c->in.len - at - 4 < n)
			break;
		m0 = c->echo.len;
		hx_buf_put(&c->echo, "\0\0\0\0", 4);
		r = ns_nfs_answer(p + 4, n, &c->echo);
		if (r < 0) {
			c->echo.len = m0;
		} else if (m0 + 4 <= c->echo.len) {
			uint8_t *q = (uint8_t *)c->echo.p + m0;

			q[0] = (uint8_t)(0x80 | (unsigned)r >> 24);
			q[1] = (uint8_t)((unsigned)r >> 16);
			q[2] = (uint8_t)((unsigned)r >> 8);
			q[3] = (uint8_t)r;
		}
		at += 4 + n;
	}
	if (at) {
		memmove(c->in.p, c->in.p + at, c->in.len - at);
		c->in.len -= at;
	}
	return c->echo.oom || c->in.oom ? -ENOMEM : 0;
}

/*
 * DNS over TCP (RFC 1035 4.2.2): each message follows its length in two
 * bytes; every whole query that arrived is answered the same way, in
 * order, up to 65535 bytes. A message that is not a query gets no answer.
 */
static int zone_records(struct ns_server *s, struct sconn *c)
{
	size_t at = 0;

	while (c->in.len - at >= 2) {
		const uint8_t *p = (const uint8_t *)c->in.p + at;
		size_t n = (size_t)p[0] << 8 | p[1], m0;
		int r;

		if (c->in.len - at - 2 < n)
			break;
		m0 = c->echo.len;
		hx_buf_put(&c->echo, "\0\0", 2);
		r = ns_zone_answer(s->cfg.zone, &s->cfg.zone_cfg, p + 2, n, 65535, &c->echo);
		if (r < 0) {
			c->echo.len = m0;
			if (r == -ENOMEM)
				return r;
		} else if (m0 + 2 <= c->echo.len) {
			c->echo.p[m0] = (char)((unsigned)r >> 8);
			c->echo.p[m0 + 1] = (char)r;
		}
		at += 2 + n;
	}
	if (at) {
		memmove(c->in.p, c->in.p + at, c->in.len - at);
		c->in.len -= at;
	}
	return c->echo.oom || c->in.oom ? -ENOMEM : 0;
}

/* Looks for cfg.until in what arrived (with the tail of earlier reads). */
static int saw_until(struct ns_server *s, struct sconn *c, const uint8_t *p,
		     size_t n)
{
	uint8_t win[UNTIL_MAX + CHUNK];
	size_t ul = strlen(s->until), wl, keep;

	if (ul == 0)
		return 1;
	memcpy(win, c->tail, c->tail_len);
	memcpy(win + c->tail_len, p, n);
	wl = c->tail_len + n;
	if (memmem(win, wl, s->until, ul))
		return 1;
	keep = ul - 1 < wl ? ul - 1 : wl;
	memcpy(c->tail, win + wl - keep, keep);
	c->tail_len = keep;
	return 0;
}

/* After an event: close when the mode says the exchange is over. */
static void conn_maybe_close(struct ns_server *s, struct sconn *c)
{
	int reset = s->cfg.close == NS_CLOSE_RESET;

	if (c->fd < 0 || conn_pending(s, c))
		return;
	if (s->cfg.mode == NS_SERVE_ANSWER) {
		if (!c->answered)
			return;
		if (s->cfg.close == NS_CLOSE_PEER_FIRST && !c->peer_eof)
			return;
		conn_close(s, c, NS_OK, 0, reset);
		return;
	}
	if (c->peer_eof)
		conn_close(s, c, NS_OK, 0, reset);
}

static void conn_event(struct ns_server *s, struct sconn *c, short rev)
{
	uint8_t buf[CHUNK];
	ssize_t r;
	char ch;
	int rc;

	if (rev & POLLPRI) {
		/* Urgent data waits apart from the stream (no SO_OOBINLINE). */
		if (recv(c->fd, &ch, 1, MSG_OOB | MSG_DONTWAIT) == 1)
			rec_add(s, c->rec, 0, 1, 0);
		else
			c->no_pri = 1;
	}
	if ((rev & (POLLIN | POLLHUP | POLLERR)) && !c->peer_eof) {
		for (;;) {
			r = recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (r > 0) {
				c->no_pri = 0;
				rec_add(s, c->rec, (uint64_t)r, 0, 0);
				if (s->cfg.mode == NS_SERVE_ECHO) {
					hx_buf_put(&c->echo, buf, (size_t)r);
					if (c->echo.oom) {
						conn_close(s, c, NS_FAILED,
							   ENOMEM, 1);
						return;
					}
					if (c->echo.len - c->echo_off >= ECHO_MAX)
						break;
				} else if (s->cfg.mode == NS_SERVE_NFS ||
					   s->cfg.mode == NS_SERVE_ZONE) {
					hx_buf_put(&c->in, buf, (size_t)r);
					rc = s->cfg.mode == NS_SERVE_NFS ? nfs_records(c) :
					     zone_records(s, c);
					if (rc < 0) {
						conn_close(s, c, NS_FAILED, -rc, 1);
						return;
					}
					if (c->echo.len - c->echo_off >= ECHO_MAX)
						break;
				} else if (s->cfg.mode == NS_SERVE_ANSWER &&
					   !c->answered &&
					   saw_until(s, c, buf, (size_t)r)) {
					c->answered = 1;
				}
				continue;
			}
			if (r == 0) {
				c->peer_eof = 1;
				if (s->cfg.mode == NS_SERVE_ANSWER)
					c->answered = 1;
				break;
			}
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			conn_close(s, c, ns_errno_outcome(errno), errno, 0);
			return;
		}
	}
	rc = conn_flush(s, c);
	if (rc < 0) {
		conn_close(s, c, ns_errno_outcome(-rc), -rc, 0);
		return;
	}
	conn_maybe_close(s, c);
}

static void accept_all(struct ns_server *s)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	struct sconn *c;
	int fd;

	for (;;) {
		sl = sizeof(ss);
		fd = accept4(s->lfd, (struct sockaddr *)&ss, &sl,
			     SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		if (s->nconns == s->capconns) {
			size_t cap = s->capconns ? s->capconns * 2 : 8;

			c = realloc(s->conns, cap * sizeof(*c));
			if (!c) {
				close(fd);
				return;
			}
			s->conns = c;
			s->capconns = cap;
		}
		c = &s->conns[s->nconns];
		memset(c, 0, sizeof(*c));
		c->fd = fd;
		c->rec = rec_new(s, &ss);
		if (c->rec == (size_t)-1) {
			close(fd);
			return;
		}
		hx_buf_init(&c->echo);
		hx_buf_init(&c->in);
		s->nconns++;
	}
}

/* Drops closed connections from the array. */
static void conns_compact(struct ns_server *s)
{
	size_t i, j = 0;

	for (i = 0; i < s->nconns; i++)
		if (s->conns[i].fd >= 0)
			s->conns[j++] = s->conns[i];
	s->nconns = j;
}

/*
 * Sends a datagram answer the caller built in out (rc < 0: it could not,
 * nothing is sent), records it, and releases out.
 */
static void udp_send_answer(struct ns_server *s, int rc, struct hx_buf *out,
			    const struct sockaddr_storage *peer, socklen_t pl,
			    size_t rec)
{
	ssize_t w;

	if (rc < 0) {
		rec_done(s, rec, NS_FAILED, -rc);
		hx_buf_release(out);
		return;
	}
	w = sendto(s->lfd, out->p, out->len, MSG_DONTWAIT,
		   (const struct sockaddr *)peer, pl);
	if (w > 0)
		rec_add(s, rec, 0, 0, (uint64_t)w);
	rec_done(s, rec, w < 0 ? NS_FAILED : NS_OK, w < 0 ? errno : 0);
	hx_buf_release(out);
}

/* ---- UDP ---------------------------------------------------------------------- */

static void dns_answer(struct ns_server *s, const uint8_t *p, size_t n,
		       const struct sockaddr_storage *peer, socklen_t pl,
		       size_t rec)
{
	struct ns_dns_msg m;
	struct ns_dns_query q;
	struct ns_dns_edns e;
	struct ns_dns_rr an[2];
	struct hx_buf out = HX_BUF_INIT;
	size_t nan = 0;
	int rc;

	if (ns_dns_parse(NULL, p, n, &m) < 0 || (m.flags & NS_DNS_QR) ||
	    m.qdcount != 1) {
		rec_done(s, rec, NS_FAILED, EBADMSG);
		return;
	}
	memset(&q, 0, sizeof(q));
	memset(&e, 0, sizeof(e));
	q.id = m.id;
	q.flags = m.flags;
	q.name = m.qname[0] ? m.qname : ".";
	q.type = m.qtype;
	q.qclass = m.qclass & 0x7fff;
	q.qu = !!(m.qclass & NS_DNS_QU);
	if (m.has_edns)
		q.edns = &e;
	memset(an, 0, sizeof(an));
	if ((m.qtype == NS_DNS_A || m.qtype == NS_DNS_ANY) && s->has_a4) {
		an[nan].type = NS_DNS_A;
		an[nan].ttl = s->cfg.dns_ttl ? s->cfg.dns_ttl : 60;
		an[nan].rdata = s->a4;
		an[nan++].rdlen = 4;
	}
	if ((m.qtype == NS_DNS_AAAA || m.qtype == NS_DNS_ANY) && s->has_a6) {
		an[nan].type = NS_DNS_AAAA;
		an[nan].ttl = s->cfg.dns_ttl ? s->cfg.dns_ttl : 60;
		an[nan].rdata = s->a6;
		an[nan++].rdlen = 16;
	}
	rc = ns_dns_build_response(NULL, &out, &q, 0, an, nan);
	udp_send_answer(s, rc, &out, peer, pl, rec);
}

/* NFS over UDP: one reply datagram per call; not a call: no reply. */
static void nfs_answer_udp(struct ns_server *s, const uint8_t *p, size_t n,
			   const struct sockaddr_storage *peer, socklen_t pl,
			   size_t rec)
{
	struct hx_buf out = HX_BUF_INIT;
	int rc = ns_nfs_answer(p, n, &out);

	udp_send_answer(s, rc, &out, peer, pl, rec);
}

/* A name server over UDP: one response per query, at most 512 bytes. */
static void zone_answer_udp(struct ns_server *s, const uint8_t *p, size_t n,
			    const struct sockaddr_storage *peer, socklen_t pl,
			    size_t rec)
{
	struct hx_buf out = HX_BUF_INIT;
	int rc = ns_zone_answer(s->cfg.zone, &s->cfg.zone_cfg, p, n, NS_ZONE_UDP_MAX,
				&out);

	udp_send_answer(s, rc, &out, peer, pl, rec);
}

static void udp_event(struct ns_server *s)
{
	uint8_t buf[CHUNK];
	struct sockaddr_storage ss;
	socklen_t sl;
	ssize_t r, w;
	size_t rec;

	for (;;) {
		sl = sizeof(ss);
		r = recvfrom(s->lfd, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&ss, &sl);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		rec = rec_new(s, &ss);
		if (rec == (size_t)-1)
			continue;
		rec_add(s, rec, (uint64_t)r, 0, 0);
		if (s->cfg.mode == NS_SERVE_DNS) {
			dns_answer(s, buf, (size_t)r, &ss, sl, rec);
			continue;
		}
		if (s->cfg.mode == NS_SERVE_NFS) {
			nfs_answer_udp(s, buf, (size_t)r, &ss, sl, rec);
			continue;
		}
		if (s->cfg.mode == NS_SERVE_ZONE) {
			zone_answer_udp(s, buf, (size_t)r, &ss, sl, rec);
			continue;
		}
		if (s->cfg.mode == NS_SERVE_ECHO) {
			w = sendto(s->lfd, buf, (size_t)r, MSG_DONTWAIT,
				   (struct sockaddr *)&ss, sl);
			if (w > 0)
				rec_add(s, rec, 0, 0, (uint64_t)w);
		}
		rec_done(s, rec, NS_OK, 0);
	}
}

/* ---- the thread ------------------------------------------------------------- */

static int open_socket(struct ns_server *s, char *err)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int type = s->cfg.udp ? SOCK_DGRAM : SOCK_STREAM;
	int one = 1, zero = 0, len, fd, rc;
	char e[HX_ERRLEN];

	if (s->addr) {
		len = ns_addr_parse(e, s->addr, s->cfg.port, &ss);
		if (len < 0)
			return hx_err(err, len, "cannot listen in host '%s': %s",
				      s->host, e);
	} else {
		/* Every address: dual-stack where the host has IPv6. */
		len = ns_addr_parse(e, "::", s->cfg.port, &ss);
	}
	for (;;) {
		fd = socket(ss.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			rc = -errno;
			if (!s->addr && ss.ss_family == AF_INET6) {
				len = ns_addr_parse(e, "0.0.0.0", s->cfg.port, &ss);
				continue;
			}
			return hx_err(err, rc, "cannot open a socket in host '%s': %s",
				      s->host, strerror(-rc));
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		/* "::" serves IPv4 too, as nc does. */
		if (ss.ss_family == AF_INET6)
			setsockopt(fd, SOL_IPV6, IPV6_V6ONLY, &zero, sizeof(int));
		if (bind(fd, (struct sockaddr *)&ss, (socklen_t)len) == 0)
			break;
		rc = -errno;
		close(fd);
		if (!s->addr && ss.ss_family == AF_INET6 &&
		    (rc == -EADDRNOTAVAIL || rc == -EAFNOSUPPORT)) {
			len = ns_addr_parse(e, "0.0.0.0", s->cfg.port, &ss);
			continue;
		}
		return hx_err(err, rc, "cannot bind %s %s port %u in host '%s': %s",
			      s->cfg.udp ? "UDP" : "TCP",
			      s->addr ? s->addr : "*", s->cfg.port, s->host,
			      strerror(-rc));
	}
	if (s->cfg.udp) {
		/* Room for bursts (the 100k packets/s benchmark); past
		 * rmem_max only with CAP_NET_ADMIN, so both are tried. */
		int sz = 4 << 20;

		if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)) < 0)
			setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	}
	if (!s->cfg.udp &&
	    listen(fd, s->cfg.backlog > 0 ? s->cfg.backlog : 16) < 0) {
		rc = -errno;
		close(fd);
		return hx_err(err, rc, "cannot listen on port %u in host '%s': %s",
			      s->cfg.port, s->host, strerror(-rc));
	}
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		s->port = ns_addr_str(&ss, e, sizeof(e));
	s->lfd = fd;
	return 0;
}

static void serve(struct ns_server *s)
{
	struct pollfd *p = NULL;
	size_t cap = 0, i, n;
	int r;

	for (;;) {
		if (cap < s->nconns + 2) {
			struct pollfd *np;

			cap = s->nconns + 16;
			np = realloc(p, cap * sizeof(*p));
			if (!np) {
				pthread_mutex_lock(&s->mu);
				s->rc = hx_err(s->msg, -ENOMEM,
					       "server in host '%s': out of memory",
					       s->host);
				pthread_mutex_unlock(&s->mu);
				break;
			}
			p = np;
		}
		n = 0;
		p[n].fd = s->stop_fd;
		p[n++].events = POLLIN;
		/* In accept mode the callers take connections themselves. */
		p[n].fd = s->cfg.mode == NS_SERVE_ACCEPT ? -1 : s->lfd;
		p[n++].events = POLLIN;
		for (i = 0; i < s->nconns; i++) {
			struct sconn *c = &s->conns[i];

			p[n].fd = c->fd;
			p[n].events = 0;
			if (!c->peer_eof &&
			    c->echo.len - c->echo_off < ECHO_MAX)
				p[n].events |= POLLIN;
			if (!c->no_pri)
				p[n].events |= POLLPRI;
			if (conn_pending(s, c))
				p[n].events |= POLLOUT;
			n++;
		}
		r = poll(p, n, -1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			pthread_mutex_lock(&s->mu);
			s->rc = hx_err(s->msg, -errno, "server in host '%s': poll: %s",
				       s->host, strerror(errno));
			pthread_mutex_unlock(&s->mu);
			break;
		}
		if (p[0].revents)
			break;
		for (i = 0; i < s->nconns; i++)
			if (p[i + 2].revents)
				conn_event(s, &s->conns[i], p[i + 2].revents);
		conns_compact(s);
		if (p[1].revents) {
			if (s->cfg.udp)
				udp_event(s);
			else
				accept_all(s);
		}
	}
	free(p);
	/* Stopped: what is still open ends as cfg.close says. */
	for (i = 0; i < s->nconns; i++)
		conn_close(s, &s->conns[i], NS_CANCELLED, ECANCELED,
			   s->cfg.close == NS_CLOSE_RESET);
	s->nconns = 0;
}

static void *server_main(void *arg)
{
	struct ns_server *s = arg;
	char err[HX_ERRLEN];
	int rc = 0;

	if (s->cfg.netfd >= 0 && setns(s->cfg.netfd, CLONE_NEWNET) < 0)
		rc = hx_err(err, -errno, "cannot enter host '%s': %s", s->host,
			    strerror(errno));
	if (rc == 0)
		rc = open_socket(s, err);
	pthread_mutex_lock(&s->mu);
	s->rc = rc;
	if (rc < 0)
		snprintf(s->msg, sizeof(s->msg), "%s", err);
	s->ready = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	if (rc == 0)
		serve(s);
	return NULL;
}

/* Checks the configuration and prepares the answer header. */
static int check_cfg(char *err, struct ns_server *s)
{
	const struct ns_server_cfg *c = &s->cfg;
	size_t body, prev = (size_t)-1;

	if ((unsigned)c->mode >= sizeof(serve_names) / sizeof(serve_names[0]))
		return hx_err(err, -EINVAL, "unknown server mode %d", (int)c->mode);
	if (c->udp && (c->mode == NS_SERVE_ACCEPT || c->mode == NS_SERVE_ANSWER))
		return hx_err(err, -EINVAL,
			      "a UDP server cannot %s (discard, echo, dns, nfs or zone)",
			      serve_names[c->mode]);
	if (!c->udp && c->mode == NS_SERVE_DNS)
		return hx_err(err, -EINVAL, "the DNS responder is UDP only");
	if (c->mode == NS_SERVE_ZONE && !c->zone)
		return hx_err(err, -EINVAL, "a name server needs a zone");
	if (strlen(s->until) > UNTIL_MAX)
		return hx_err(err, -EINVAL,
			      "answer trigger is longer than %d bytes", UNTIL_MAX);
	if (c->mode == NS_SERVE_DNS) {
		if (c->dns_a) {
			if (inet_pton(AF_INET, c->dns_a, s->a4) != 1)
				return hx_err(err, -EINVAL,
					      "cannot parse DNS answer address '%s'",
					      c->dns_a);
			s->has_a4 = 1;
		}
		if (c->dns_aaaa) {
			if (inet_pton(AF_INET6, c->dns_aaaa, s->a6) != 1)
				return hx_err(err, -EINVAL,
					      "cannot parse DNS answer address '%s'",
					      c->dns_aaaa);
			s->has_a6 = 1;
		}
	}
	if (c->mode == NS_SERVE_ANSWER && c->http) {
		/* The header holds the body's length, whose digits change the
		 * header's own length: settle it. */
		body = c->answer_len;
		for (;;) {
			int n = snprintf(s->header, sizeof(s->header),
					 "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
					 "Content-Length: %zu\r\n\r\n",
					 body);

			s->header_len = (size_t)n;
			if (s->header_len > c->answer_len)
				return hx_err(err, -EINVAL,
					      "an HTTP answer of %zu bytes is shorter than its header (%zu)",
					      c->answer_len, s->header_len);
			body = c->answer_len - s->header_len;
			if (body == prev)
				break;
			prev = body;
		}
	}
	return 0;
}

int ns_server_start(char *err, const struct ns_server_cfg *cfg,
		    struct ns_server **out)
{
	struct ns_server *s;
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return hx_err(err, -ENOMEM, "cannot start a server: out of memory");
	s->cfg = *cfg;
	s->lfd = -1;
	s->stop_fd = -1;
	if (cfg->host)
		snprintf(s->host, sizeof(s->host), "%s", cfg->host);
	else
		snprintf(s->host, sizeof(s->host), "netns fd %d", cfg->netfd);
	s->addr = cfg->addr ? strdup(cfg->addr) : NULL;
	s->until = strdup(cfg->until ? cfg->until : "\r\n\r\n");
	if ((cfg->addr && !s->addr) || !s->until) {
		rc = hx_err(err, -ENOMEM, "cannot start a server: out of memory");
		goto fail_mem;
	}
	s->cfg.addr = s->addr;
	s->cfg.until = s->until;
	s->cfg.host = s->host;
	rc = check_cfg(err, s);
	if (rc < 0)
		goto fail_mem;
	s->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (s->stop_fd < 0) {
		rc = hx_err(err, -errno, "cannot start a server: eventfd: %s",
			    strerror(errno));
		goto fail_mem;
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cv, &ca);
	pthread_condattr_destroy(&ca);

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = -pthread_create(&s->th, NULL, server_main, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc < 0) {
		hx_err(err, rc, "cannot start a server thread: %s", strerror(-rc));
		goto fail;
	}
	pthread_mutex_lock(&s->mu);
	while (!s->ready)
		pthread_cond_wait(&s->cv, &s->mu);
	rc = s->rc;
	pthread_mutex_unlock(&s->mu);
	if (rc < 0) {
		pthread_join(s->th, NULL);
		hx_err(err, rc, "%s", s->msg);
		goto fail;
	}
	*out = s;
	return 0;

fail:
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	close(s->stop_fd);
fail_mem:
	free(s->addr);
	free(s->until);
	free(s);
	return rc;
}

uint16_t ns_server_port(const struct ns_server *s)
{
	return s->port;
}

int ns_server_accept(char *err, struct ns_server *s, int timeout_ms,
		     struct ns_actor **out)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int64_t deadline = timeout_ms < 0 ? -1 :
			   ns_mono_ns() + (int64_t)timeout_ms * 1000000;
	size_t rec;
	int fd, rc;

	*out = NULL;
	if (s->cfg.udp || s->cfg.mode != NS_SERVE_ACCEPT)
		return hx_err(err, -EINVAL,
			      "cannot accept on port %u in host '%s': the server %ss by itself",
			      s->port, s->host, s->cfg.udp ? "receive" :
			      serve_names[s->cfg.mode]);
	if (s->lfd < 0)
		return hx_err(err, -EBADF, "cannot accept on port %u in host '%s': stopped",
			      s->port, s->host);
	for (;;) {
		rc = ns_wait_fd(s->stop_fd, s->lfd, POLLIN, deadline);
		if (rc == 0)
			return hx_err(err, -ETIMEDOUT,
				      "no connection to port %u in host '%s' in %d ms",
				      s->port, s->host, timeout_ms);
		if (rc < 0)
			return hx_err(err, rc, "cannot accept on port %u in host '%s': %s",
				      s->port, s->host, strerror(-rc));
		sl = sizeof(ss);
		fd = accept4(s->lfd, (struct sockaddr *)&ss, &sl,
			     SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd >= 0)
			break;
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
		    errno != ECONNABORTED)
			return hx_err(err, -errno,
				      "cannot accept on port %u in host '%s': %s",
				      s->port, s->host, strerror(errno));
	}
	rc = ns_actor_new(err, s->cfg.netfd, s->host, out);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	ns_actor_adopt(*out, fd);
	rec = rec_new(s, &ss);
	if (rec != (size_t)-1)
		rec_done(s, rec, NS_OK, 0);
	return 0;
}

size_t ns_server_wait(struct ns_server *s, size_t n, int timeout_ms)
{
	struct timespec ts;
	size_t done;

	if (timeout_ms >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += timeout_ms / 1000;
		ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
	}
	pthread_mutex_lock(&s->mu);
	while (s->ndone < n) {
		if (timeout_ms < 0)
			pthread_cond_wait(&s->cv, &s->mu);
		else if (pthread_cond_timedwait(&s->cv, &s->mu, &ts) == ETIMEDOUT)
			break;
	}
	done = s->ndone;
	pthread_mutex_unlock(&s->mu);
	return done;
}

size_t ns_server_conns(struct ns_server *s, struct ns_conn_rec *out, size_t max)
{
	size_t n;

	pthread_mutex_lock(&s->mu);
	n = s->nrecs;
	if (out && max)
		memcpy(out, s->recs, (n < max ? n : max) * sizeof(*out));
	pthread_mutex_unlock(&s->mu);
	return n;
}

int ns_server_stop(char *err, struct ns_server *s)
{
	uint64_t one = 1;
	int rc;

	if (!s->joined) {
		if (write(s->stop_fd, &one, sizeof(one)) < 0) {
			/* Already signalled. */
		}
		pthread_join(s->th, NULL);
		s->joined = 1;
		if (s->lfd >= 0)
			close(s->lfd);
		s->lfd = -1;
		free(s->conns);
		s->conns = NULL;
	}
	pthread_mutex_lock(&s->mu);
	rc = s->rc;
	if (rc < 0)
		hx_err(err, rc, "%s", s->msg);
	pthread_mutex_unlock(&s->mu);
	return rc;
}

void ns_server_free(struct ns_server *s)
{
	if (!s)
		return;
	ns_server_stop(NULL, s);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	close(s->stop_fd);
	free(s->recs);
	free(s->addr);
	free(s->until);
	free(s);
}
