/* test-actors.c: every traffic actor on loopback inside a private network namespace. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/wait.h>

#include "netns/actor.h"
#include "system/tns.h"
#include "unit/tu.h"

static char err[HX_ERRLEN];

static int init(void)
{
	if (tns_boot(err) < 0) {
		fprintf(stderr, "test-actors: %s\n", err);
		return 1;
	}
	return 0;
}

/* A fresh namespace per test: nothing leaks from one test to the next. */
static int host(void)
{
	int fd = -1;

	if (tns_new(err, &fd) < 0)
		fprintf(stderr, "test-actors: %s\n", err);
	return fd;
}

static struct ns_actor *actor(int netfd, const char *name)
{
	struct ns_actor *a = NULL;

	if (ns_actor_new(err, netfd, name, &a) < 0)
		fprintf(stderr, "test-actors: %s\n", err);
	return a;
}

static struct ns_server *server(int netfd, int udp, enum ns_serve mode,
				const char *addr, uint16_t port)
{
	struct ns_server_cfg c = { .netfd = netfd, .host = "srv", .udp = udp,
				   .mode = mode, .addr = addr, .port = port };
	struct ns_server *s = NULL;

	if (ns_server_start(err, &c, &s) < 0)
		fprintf(stderr, "test-actors: %s\n", err);
	return s;
}

static double secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* A realtime stamp within the last minute: relates to capture times. */
static int recent(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return secs(t, &now) >= 0 && secs(t, &now) < 60;
}

static int run(struct ns_actor *a, struct ns_step *s)
{
	int rc = ns_actor_run(err, a, s);

	if (rc < 0)
		fprintf(stderr, "test-actors: %s\n", err);
	return rc;
}

/* Counts packets a filter keeps, by waiting on a capture. */
static int captured(pcap_t *p, int want, int timeout_ms)
{
	int seen = 0;

	return tns_cap_wait(p, &seen, want, timeout_ms, NULL, NULL);
}

/* ---- TCP ------------------------------------------------------------------ */

/* The last TCP segment a capture on lo (DLT_EN10MB) saw, and how many. */
struct last_seg {
	int n;
	uint8_t flags;
	uint16_t sport;
};

static void on_seg(unsigned char *user, const struct pcap_pkthdr *h,
		   const unsigned char *p)
{
	struct last_seg *l = (struct last_seg *)user;
	unsigned ihl;

	if (h->caplen < 14 + 20)
		return;
	ihl = (p[14] & 0x0f) * 4u;
	if (p[14 + 9] != IPPROTO_TCP || h->caplen < 14 + ihl + 14)
		return;
	l->n++;
	l->sport = (uint16_t)(p[14 + ihl] << 8 | p[14 + ihl + 1]);
	l->flags = p[14 + ihl + 13];
}

static void test_tcp_exchange(void)
{
	int h = host();
	struct ns_server *srv = server(h, 0, NS_SERVE_ACCEPT, "127.0.0.1", 0);
	struct ns_actor *c = actor(h, "client"), *s = NULL;
	struct ns_actor_stats cs, ss;
	struct ns_conn_rec rec;
	pcap_t *syn = NULL, *fin = NULL, *all = NULL;
	uint16_t port;

	CU_ASSERT_FATAL(h >= 0 && srv && c);
	port = ns_server_port(srv);
	CU_ASSERT(port > 0);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "tcp[tcpflags] & tcp-syn != 0",
				     &syn) == 0);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "tcp[tcpflags] & tcp-fin != 0",
				     &fin) == 0);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "tcp", &all) == 0);

	struct ns_step conn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				.port = port, .timeout_ms = 2000 };
	CU_ASSERT_FATAL(run(c, &conn) == 0);
	CU_ASSERT_EQUAL(conn.res.outcome, NS_CONNECTED);
	CU_ASSERT_STRING_EQUAL(ns_outcome_name(conn.res.outcome), "connected");
	CU_ASSERT_EQUAL(conn.res.pport, port);
	CU_ASSERT(conn.res.lport > 0);
	CU_ASSERT_STRING_EQUAL(conn.res.peer, "127.0.0.1");
	CU_ASSERT(recent(&conn.res.start) && recent(&conn.res.end));
	CU_ASSERT(secs(&conn.res.start, &conn.res.end) >= 0);
	CU_ASSERT_EQUAL(captured(syn, 2, 2000), 2); /* SYN, SYN-ACK */

	CU_ASSERT_FATAL(ns_server_accept(err, srv, 2000, &s) == 0);

	struct ns_step send = { .kind = NS_SEND, .data = "test\n", .len = 5 };
	CU_ASSERT(run(c, &send) == 0);
	CU_ASSERT_EQUAL(send.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(send.res.sent, 5);

	struct ns_step recv = { .kind = NS_RECV, .want = 5, .timeout_ms = 2000 };
	CU_ASSERT(run(s, &recv) == 0);
	CU_ASSERT_EQUAL(recv.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(recv.res.received, 5);
	CU_ASSERT(recv.res.data.len == 5 && !memcmp(recv.res.data.p, "test\n", 5));

	/* 1000 bytes of the pattern back. */
	struct ns_step back = { .kind = NS_SEND, .len = 1000 };
	CU_ASSERT(run(s, &back) == 0);
	struct ns_step got = { .kind = NS_RECV, .want = 1000, .timeout_ms = 2000 };
	CU_ASSERT(run(c, &got) == 0);
	CU_ASSERT_EQUAL(got.res.received, 1000);
	CU_ASSERT(got.res.data.len == 1000 && got.res.data.p[0] == 'a' &&
		  got.res.data.p[63] == '\n' && got.res.data.p[64] == 'a');

	/* Orderly close: client first, the server reads the EOF, closes. */
	struct ns_step cl = { .kind = NS_CLOSE };
	CU_ASSERT(run(c, &cl) == 0);
	CU_ASSERT_EQUAL(cl.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(cl.res.unread, 0);
	struct ns_step eof = { .kind = NS_RECV, .timeout_ms = 2000 };
	CU_ASSERT(run(s, &eof) == 0);
	CU_ASSERT_EQUAL(eof.res.outcome, NS_EOF);
	CU_ASSERT_EQUAL(eof.res.received, 0);
	/* The passive close returns once the client acknowledged its FIN:
	 * that last ACK is there without waiting (timeout 0). */
	struct ns_step sc = { .kind = NS_CLOSE };
	struct last_seg last = { 0, 0, 0 };
	CU_ASSERT(run(s, &sc) == 0);
	CU_ASSERT_STRING_EQUAL(sc.res.msg, "closed (FIN, acknowledged)");
	{
		int seen = 0;

		tns_cap_wait(all, &seen, 1000, 0, on_seg, (unsigned char *)&last);
	}
	CU_ASSERT(last.n >= 9);
	CU_ASSERT_EQUAL(last.flags, 0x10); /* a bare ACK ... */
	CU_ASSERT_EQUAL(last.sport, conn.res.lport); /* ... from the client */
	CU_ASSERT_EQUAL(captured(fin, 2, 2000), 2); /* two FINs */

	ns_actor_stats(c, &cs);
	ns_actor_stats(s, &ss);
	CU_ASSERT(cs.sent == 5 && cs.received == 1000);
	CU_ASSERT(ss.sent == 1000 && ss.received == 5);
	CU_ASSERT_EQUAL(ns_server_conns(srv, &rec, 1), 1);
	CU_ASSERT_EQUAL(rec.pport, conn.res.lport);

	/* A step on a closed connection cannot run. */
	struct ns_step again = { .kind = NS_SEND, .data = "x", .len = 1 };
	CU_ASSERT(ns_actor_run(err, c, &again) == -ENOTCONN);
	CU_ASSERT(strstr(err, "no connection") != NULL);

	ns_result_release(&recv.res);
	ns_result_release(&got.res);
	pcap_close(syn);
	pcap_close(fin);
	pcap_close(all);
	ns_actor_free(c);
	ns_actor_free(s);
	CU_ASSERT(ns_server_stop(err, srv) == 0);
	ns_server_free(srv);
	tns_free(h);
}

static void test_tcp_refused(void)
{
	int h = host();
	struct ns_actor *c = actor(h, "client");
	pcap_t *rst = NULL;

	CU_ASSERT_FATAL(h >= 0 && c);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "tcp[tcpflags] & tcp-rst != 0",
				     &rst) == 0);
	struct ns_step s = { .kind = NS_CONNECT, .addr = "127.0.0.1", .port = 9 };
	CU_ASSERT(run(c, &s) == 0);
	CU_ASSERT_EQUAL(s.res.outcome, NS_REFUSED);
	CU_ASSERT_EQUAL(s.res.error, ECONNREFUSED);
	CU_ASSERT_EQUAL(captured(rst, 1, 2000), 1);
	/* IPv6 too. */
	struct ns_step s6 = { .kind = NS_CONNECT, .addr = "::1", .port = 9 };
	CU_ASSERT(run(c, &s6) == 0);
	CU_ASSERT_EQUAL(s6.res.outcome, NS_REFUSED);
	pcap_close(rst);
	ns_actor_free(c);
	tns_free(h);
}

static void test_tcp_timeout_and_unreachable(void)
{
	int h = host();
	struct ns_actor *c = actor(h, "client");
	pcap_t *syn = NULL;

	CU_ASSERT_FATAL(h >= 0 && c);
	/* A route out of lo to an address nobody has: the SYN vanishes
	 * (forwarding is off), so only the deadline ends the connect. */
	CU_ASSERT_FATAL(tns_route_lo(err, h, "10.77.0.0", 16) == 0);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "tcp[tcpflags] == tcp-syn",
				     &syn) == 0);
	struct ns_step s = { .kind = NS_CONNECT, .addr = "10.77.0.2",
			     .port = 80, .timeout_ms = 300 };
	CU_ASSERT(run(c, &s) == 0);
	CU_ASSERT_EQUAL(s.res.outcome, NS_TIMED_OUT);
	CU_ASSERT_EQUAL(s.res.error, ETIMEDOUT);
	CU_ASSERT(secs(&s.res.start, &s.res.end) >= 0.29);
	CU_ASSERT(secs(&s.res.start, &s.res.end) < 1.5);
	CU_ASSERT(captured(syn, 1, 1000) >= 1);

	/* No route at all: an error at once, not a timeout. */
	struct ns_step u = { .kind = NS_CONNECT, .addr = "10.99.0.2",
			     .port = 80, .timeout_ms = 3000 };
	CU_ASSERT(run(c, &u) == 0);
	CU_ASSERT_EQUAL(u.res.outcome, NS_UNREACHABLE);
	CU_ASSERT_EQUAL(u.res.error, ENETUNREACH);
	CU_ASSERT(secs(&u.res.start, &u.res.end) < 1.0);
	pcap_close(syn);
	ns_actor_free(c);
	tns_free(h);
}

/*
 * Without a deadline of its own the kernel decides. With one SYN retry and
 * the textbook back-off (linear timeouts off): SYN at 0 s, again at 1 s,
 * ETIMEDOUT at 3 s. (With the default tcp_syn_linear_timeouts=4 the same
 * retry count gives 3 SYNs 1 s apart, also ending at 3 s: measured.)
 */
static void test_tcp_kernel_gives_up(void)
{
	int h = host();
	struct ns_actor *c = actor(h, "client");
	pcap_t *syn = NULL;
	double t;

	CU_ASSERT_FATAL(h >= 0 && c);
	CU_ASSERT_FATAL(tns_route_lo(err, h, "10.77.0.0", 16) == 0);
	CU_ASSERT_FATAL(tns_sysctl(err, h, "/proc/sys/net/ipv4/tcp_syn_retries",
				   "1") == 0);
	CU_ASSERT_FATAL(tns_sysctl(err, h,
				   "/proc/sys/net/ipv4/tcp_syn_linear_timeouts",
				   "0") == 0);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "tcp[tcpflags] == tcp-syn",
				     &syn) == 0);
	struct ns_step s = { .kind = NS_CONNECT, .addr = "10.77.0.2",
			     .port = 80, .timeout_ms = -1 };
	CU_ASSERT(run(c, &s) == 0);
	CU_ASSERT_EQUAL(s.res.outcome, NS_TIMED_OUT);
	CU_ASSERT_EQUAL(s.res.error, ETIMEDOUT);
	CU_ASSERT(strstr(s.res.msg, "Connection timed out") != NULL);
	t = secs(&s.res.start, &s.res.end);
	CU_ASSERT(t > 2.7 && t < 4.0);
	CU_ASSERT_EQUAL(captured(syn, 3, 200), 2); /* the SYN and one retry */
	pcap_close(syn);
	ns_actor_free(c);
	tns_free(h);
}

static void test_tcp_abort_rst(void)
{
	int h = host();
	struct ns_server *echo = server(h, 0, NS_SERVE_ECHO, NULL, 0);
	struct ns_actor *c = actor(h, "client");
	struct ns_conn_rec rec;
	pcap_t *rst = NULL;

	CU_ASSERT_FATAL(h >= 0 && echo && c);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "tcp[tcpflags] & tcp-rst != 0",
				     &rst) == 0);
	struct ns_step conn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				.port = ns_server_port(echo) };
	CU_ASSERT_FATAL(run(c, &conn) == 0 && conn.res.outcome == NS_CONNECTED);
	struct ns_step send = { .kind = NS_SEND, .data = "abc", .len = 3 };
	struct ns_step recv = { .kind = NS_RECV, .want = 3 };
	CU_ASSERT(run(c, &send) == 0);
	CU_ASSERT(run(c, &recv) == 0);
	CU_ASSERT(recv.res.data.len == 3 && !memcmp(recv.res.data.p, "abc", 3));
	struct ns_step ab = { .kind = NS_ABORT };
	CU_ASSERT(run(c, &ab) == 0);
	CU_ASSERT_EQUAL(ab.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(captured(rst, 1, 2000), 1);
	/* The server read a reset, not an end of file. */
	CU_ASSERT_EQUAL(ns_server_wait(echo, 1, 2000), 1);
	CU_ASSERT_EQUAL(ns_server_conns(echo, &rec, 1), 1);
	CU_ASSERT_EQUAL(rec.outcome, NS_RESET);
	CU_ASSERT_EQUAL(rec.received, 3);
	CU_ASSERT_EQUAL(rec.sent, 3);
	ns_result_release(&recv.res);
	pcap_close(rst);
	ns_actor_free(c);
	ns_server_free(echo);
	tns_free(h);
}

/* A server that answers and resets: the client reads the answer, then a
 * reset. */
static void test_tcp_server_reset(void)
{
	int h = host();
	struct ns_server_cfg cfg = { .netfd = h, .host = "node1",
				     .mode = NS_SERVE_ANSWER, .answer_len = 100,
				     .until = "", .close = NS_CLOSE_RESET };
	struct ns_server *srv = NULL;
	struct ns_actor *c = actor(h, "client");

	CU_ASSERT_FATAL(h >= 0 && c);
	CU_ASSERT_FATAL(ns_server_start(err, &cfg, &srv) == 0);
	struct ns_step conn = { .kind = NS_CONNECT, .addr = "::1",
				.port = ns_server_port(srv) };
	CU_ASSERT_FATAL(run(c, &conn) == 0 && conn.res.outcome == NS_CONNECTED);
	struct ns_step send = { .kind = NS_SEND, .data = "go", .len = 2 };
	CU_ASSERT(run(c, &send) == 0);
	struct ns_step recv = { .kind = NS_RECV, .timeout_ms = 2000 };
	CU_ASSERT(run(c, &recv) == 0);
	CU_ASSERT_EQUAL(recv.res.outcome, NS_RESET);
	CU_ASSERT_EQUAL(recv.res.error, ECONNRESET);
	CU_ASSERT(recv.res.received <= 100);
	CU_ASSERT_EQUAL(ns_server_wait(srv, 1, 2000), 1);
	ns_result_release(&recv.res);
	ns_actor_free(c);
	ns_server_free(srv);
	tns_free(h);
}

static void test_tcp_urgent(void)
{
	int h = host();
	struct ns_server *srv = server(h, 0, NS_SERVE_ACCEPT, NULL, 0);
	struct ns_actor *c = actor(h, "client"), *s = NULL;
	pcap_t *urg = NULL;

	CU_ASSERT_FATAL(h >= 0 && srv && c);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "tcp[tcpflags] & tcp-urg != 0",
				     &urg) == 0);
	struct ns_step conn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				.port = ns_server_port(srv) };
	CU_ASSERT_FATAL(run(c, &conn) == 0 && conn.res.outcome == NS_CONNECTED);
	CU_ASSERT_FATAL(ns_server_accept(err, srv, 2000, &s) == 0);
	struct ns_step u = { .kind = NS_URGENT, .data = "test", .len = 4 };
	CU_ASSERT(run(c, &u) == 0);
	CU_ASSERT_EQUAL(u.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(captured(urg, 1, 2000), 1);
	/* Only the last byte is urgent: "tes" in the stream, "t" apart. */
	struct ns_step r = { .kind = NS_RECV, .want = 4, .timeout_ms = 2000 };
	CU_ASSERT(run(s, &r) == 0);
	CU_ASSERT_EQUAL(r.res.outcome, NS_OK);
	CU_ASSERT(r.res.data.len == 3 && !memcmp(r.res.data.p, "tes", 3));
	CU_ASSERT(r.res.urgent.len == 1 && r.res.urgent.p[0] == 't');
	CU_ASSERT_EQUAL(r.res.received, 3);

	/* A server thread counts urgent bytes too. */
	struct ns_server *echo = server(h, 0, NS_SERVE_DISCARD, NULL, 0);
	struct ns_actor *c2 = actor(h, "client2");
	struct ns_conn_rec rec;

	CU_ASSERT_FATAL(echo && c2);
	struct ns_step conn2 = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				 .port = ns_server_port(echo) };
	struct ns_step u2 = { .kind = NS_URGENT, .data = "!", .len = 1 };
	struct ns_step cl2 = { .kind = NS_CLOSE };
	CU_ASSERT(run(c2, &conn2) == 0 && run(c2, &u2) == 0 &&
		  run(c2, &cl2) == 0);
	CU_ASSERT_EQUAL(ns_server_wait(echo, 1, 2000), 1);
	ns_server_conns(echo, &rec, 1);
	CU_ASSERT_EQUAL(rec.urgent, 1);
	CU_ASSERT_EQUAL(rec.outcome, NS_OK);

	ns_result_release(&r.res);
	pcap_close(urg);
	ns_actor_free(c2);
	ns_server_free(echo);
	ns_actor_free(c);
	ns_actor_free(s);
	ns_server_free(srv);
	tns_free(h);
}

static void test_tcp_half_close_and_port(void)
{
	int h = host();
	struct ns_server *srv = server(h, 0, NS_SERVE_ACCEPT, "::", 0);
	struct ns_actor *c = actor(h, "client"), *s = NULL;
	struct ns_conn_rec rec;

	CU_ASSERT_FATAL(h >= 0 && srv && c);
	/* An explicit local port; a dual-stack server sees IPv4 as IPv4. */
	struct ns_step conn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				.port = ns_server_port(srv), .sport = 40001 };
	CU_ASSERT_FATAL(run(c, &conn) == 0 && conn.res.outcome == NS_CONNECTED);
	CU_ASSERT_EQUAL(conn.res.lport, 40001);
	CU_ASSERT_FATAL(ns_server_accept(err, srv, 2000, &s) == 0);
	CU_ASSERT_EQUAL(ns_server_conns(srv, &rec, 1), 1);
	CU_ASSERT_EQUAL(rec.pport, 40001);
	CU_ASSERT_STRING_EQUAL(rec.peer, "127.0.0.1");

	struct ns_step req = { .kind = NS_SEND, .data = "req", .len = 3 };
	struct ns_step sh = { .kind = NS_SHUTDOWN };
	CU_ASSERT(run(c, &req) == 0 && run(c, &sh) == 0);
	CU_ASSERT_EQUAL(sh.res.outcome, NS_OK);
	struct ns_step all = { .kind = NS_RECV, .timeout_ms = 2000 };
	CU_ASSERT(run(s, &all) == 0);
	CU_ASSERT_EQUAL(all.res.outcome, NS_EOF);
	CU_ASSERT(all.res.data.len == 3 && !memcmp(all.res.data.p, "req", 3));
	/* The other half still carries data. */
	struct ns_step bye = { .kind = NS_SEND, .data = "bye", .len = 3 };
	struct ns_step sc = { .kind = NS_CLOSE };
	CU_ASSERT(run(s, &bye) == 0 && run(s, &sc) == 0);
	struct ns_step last = { .kind = NS_RECV, .timeout_ms = 2000 };
	CU_ASSERT(run(c, &last) == 0);
	CU_ASSERT_EQUAL(last.res.outcome, NS_EOF);
	CU_ASSERT(last.res.data.len == 3 && !memcmp(last.res.data.p, "bye", 3));

	/* The port is taken while that connection lingers in TIME_WAIT on
	 * the other side; binding it again for a new connect still works
	 * (SO_REUSEADDR), a second server on the port does not. */
	struct ns_server_cfg dup = { .netfd = h, .host = "srv", .addr = "::",
				     .port = ns_server_port(srv) };
	struct ns_server *d = NULL;
	CU_ASSERT(ns_server_start(err, &dup, &d) == -EADDRINUSE);
	CU_ASSERT(strstr(err, "Address already in use") != NULL);
	CU_ASSERT_PTR_NULL(d);

	ns_result_release(&all.res);
	ns_result_release(&last.res);
	ns_actor_free(c);
	ns_actor_free(s);
	ns_server_free(srv);
	tns_free(h);
}

/* An HTTP-like answer of a given size, the server closing first. */
static void test_tcp_http_answer(void)
{
	int h = host();
	struct ns_server_cfg cfg = { .netfd = h, .host = "node1",
				     .mode = NS_SERVE_ANSWER, .http = 1,
				     .answer_len = 5150 };
	struct ns_server *srv = NULL;
	struct ns_actor *c = actor(h, "master");
	struct hx_buf req = HX_BUF_INIT;
	struct ns_conn_rec rec;
	char *body;

	CU_ASSERT_FATAL(h >= 0 && c);
	CU_ASSERT_FATAL(ns_server_start(err, &cfg, &srv) == 0);
	ns_http_get(&req, "node1", "/");
	struct ns_step conn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				.port = ns_server_port(srv) };
	struct ns_step send = { .kind = NS_SEND, .data = req.p, .len = req.len };
	struct ns_step recv = { .kind = NS_RECV, .timeout_ms = 3000 };
	CU_ASSERT_FATAL(run(c, &conn) == 0 && conn.res.outcome == NS_CONNECTED);
	CU_ASSERT(run(c, &send) == 0);
	CU_ASSERT(run(c, &recv) == 0);
	CU_ASSERT_EQUAL(recv.res.outcome, NS_EOF);
	CU_ASSERT_EQUAL(recv.res.received, 5150);
	CU_ASSERT(!strncmp(recv.res.data.p, "HTTP/1.1 200 OK\r\n", 17));
	body = strstr(recv.res.data.p, "\r\n\r\n");
	CU_ASSERT_FATAL(body != NULL);
	body += 4;
	{
		char want[64];

		snprintf(want, sizeof(want), "Content-Length: %zu\r\n",
			 5150 - (size_t)(body - recv.res.data.p));
		CU_ASSERT(strstr(recv.res.data.p, want) != NULL);
	}
	CU_ASSERT_EQUAL(ns_server_wait(srv, 1, 2000), 1);
	ns_server_conns(srv, &rec, 1);
	CU_ASSERT_EQUAL(rec.received, req.len);
	CU_ASSERT_EQUAL(rec.sent, 5150);
	CU_ASSERT_EQUAL(rec.outcome, NS_OK);
	CU_ASSERT(recent(&rec.accepted) && secs(&rec.accepted, &rec.closed) >= 0);

	/* An answer too short for its own header is refused at start. */
	struct ns_server_cfg bad = cfg;
	struct ns_server *b = NULL;
	bad.answer_len = 20;
	CU_ASSERT(ns_server_start(err, &bad, &b) == -EINVAL);
	CU_ASSERT(strstr(err, "shorter than its header") != NULL);

	hx_buf_release(&req);
	ns_result_release(&recv.res);
	ns_actor_free(c);
	ns_server_free(srv);
	tns_free(h);
}

/* Two clients and a server thread, interleaved by the caller, and a step
 * that runs while the caller drives another actor. */
static void test_tcp_interleave_async(void)
{
	int h = host();
	struct ns_server *echo = server(h, 0, NS_SERVE_ECHO, "127.0.0.1", 0);
	struct ns_server *acc = server(h, 0, NS_SERVE_ACCEPT, "127.0.0.1", 0);
	struct ns_actor *a = actor(h, "a"), *b = actor(h, "b"), *s = NULL;
	struct ns_conn_rec rec[2];
	uint16_t port;

	CU_ASSERT_FATAL(h >= 0 && echo && acc && a && b);
	port = ns_server_port(echo);
	struct ns_step ca = { .kind = NS_CONNECT, .addr = "127.0.0.1", .port = port };
	struct ns_step cb = { .kind = NS_CONNECT, .addr = "127.0.0.1", .port = port };
	struct ns_step sa = { .kind = NS_SEND, .data = "aaa", .len = 3 };
	struct ns_step sb = { .kind = NS_SEND, .data = "bbbb", .len = 4 };
	struct ns_step rb = { .kind = NS_RECV, .want = 4 };
	struct ns_step ra = { .kind = NS_RECV, .want = 3 };
	struct ns_step xa = { .kind = NS_CLOSE }, xb = { .kind = NS_CLOSE };
	CU_ASSERT(run(a, &ca) == 0 && run(b, &cb) == 0);
	CU_ASSERT(run(a, &sa) == 0 && run(b, &sb) == 0);
	CU_ASSERT(run(b, &rb) == 0 && run(a, &ra) == 0);
	CU_ASSERT(rb.res.data.len == 4 && !memcmp(rb.res.data.p, "bbbb", 4));
	CU_ASSERT(ra.res.data.len == 3 && !memcmp(ra.res.data.p, "aaa", 3));
	CU_ASSERT(run(b, &xb) == 0 && run(a, &xa) == 0);
	CU_ASSERT_EQUAL(ns_server_wait(echo, 2, 2000), 2);
	CU_ASSERT_EQUAL(ns_server_conns(echo, rec, 2), 2);
	CU_ASSERT_EQUAL(rec[0].received + rec[1].received, 7);
	CU_ASSERT(rec[0].pport == ca.res.lport && rec[1].pport == cb.res.lport);

	/* Asynchronous: the server side waits for data while the client,
	 * driven from this thread, sends it. */
	struct ns_step c2 = { .kind = NS_CONNECT, .addr = "127.0.0.1",
			      .port = ns_server_port(acc) };
	CU_ASSERT_FATAL(run(a, &c2) == 0 && c2.res.outcome == NS_CONNECTED);
	CU_ASSERT_FATAL(ns_server_accept(err, acc, 2000, &s) == 0);
	struct ns_step wait5 = { .kind = NS_RECV, .want = 5, .timeout_ms = 3000 };
	CU_ASSERT(ns_actor_start(err, s, &wait5) == 0);
	CU_ASSERT(ns_actor_start(err, s, &wait5) == -EBUSY);
	CU_ASSERT_EQUAL(ns_step_wait(&wait5, 50), -ETIMEDOUT);
	CU_ASSERT_EQUAL(wait5.res.outcome, NS_PENDING);
	struct ns_step hello = { .kind = NS_SEND, .data = "hello", .len = 5 };
	CU_ASSERT(run(a, &hello) == 0);
	CU_ASSERT_EQUAL(ns_step_wait(&wait5, 3000), 0);
	CU_ASSERT_EQUAL(wait5.res.outcome, NS_OK);
	CU_ASSERT(wait5.res.data.len == 5 && !memcmp(wait5.res.data.p, "hello", 5));

	/* Queued steps run in order. */
	struct ns_step q1 = { .kind = NS_SEND, .data = "12", .len = 2 };
	struct ns_step q2 = { .kind = NS_SEND, .data = "34", .len = 2 };
	struct ns_step q3 = { .kind = NS_CLOSE };
	CU_ASSERT(ns_actor_start(err, a, &q1) == 0);
	CU_ASSERT(ns_actor_start(err, a, &q2) == 0);
	CU_ASSERT(ns_actor_start(err, a, &q3) == 0);
	struct ns_step rest = { .kind = NS_RECV, .timeout_ms = 2000 };
	CU_ASSERT(run(s, &rest) == 0);
	CU_ASSERT_EQUAL(ns_step_wait(&q3, 2000), 0);
	CU_ASSERT_EQUAL(rest.res.outcome, NS_EOF);
	CU_ASSERT(rest.res.data.len == 4 && !memcmp(rest.res.data.p, "1234", 4));

	ns_result_release(&ra.res);
	ns_result_release(&rb.res);
	ns_result_release(&wait5.res);
	ns_result_release(&rest.res);
	ns_actor_free(a);
	ns_actor_free(b);
	ns_actor_free(s);
	ns_server_free(echo);
	ns_server_free(acc);
	tns_free(h);
}

static void test_tcp_bulk(void)
{
	int h = host();
	struct ns_server *sink = server(h, 0, NS_SERVE_DISCARD, NULL, 0);
	struct ns_actor *c = actor(h, "client");
	struct ns_conn_rec rec;
	const size_t total = 8 * 1000 * 1000;

	CU_ASSERT_FATAL(h >= 0 && sink && c);
	struct ns_step conn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				.port = ns_server_port(sink) };
	struct ns_step bulk = { .kind = NS_BULK, .len = total, .timeout_ms = 5000 };
	struct ns_step cl = { .kind = NS_CLOSE };
	CU_ASSERT_FATAL(run(c, &conn) == 0 && conn.res.outcome == NS_CONNECTED);
	CU_ASSERT(run(c, &bulk) == 0);
	CU_ASSERT_EQUAL(bulk.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(bulk.res.sent, total);
	CU_ASSERT(run(c, &cl) == 0);
	CU_ASSERT_EQUAL(ns_server_wait(sink, 1, 5000), 1);
	ns_server_conns(sink, &rec, 1);
	CU_ASSERT_EQUAL(rec.received, total);
	CU_ASSERT_EQUAL(rec.outcome, NS_OK);
	ns_actor_free(c);
	ns_server_free(sink);
	tns_free(h);
}

/* An echo server holds a peer that does not read by flow control: a bulk
 * send stalls, and everything sent comes back once the peer reads. */
static void test_tcp_echo_backpressure(void)
{
	int h = host();
	struct ns_server *echo = server(h, 0, NS_SERVE_ECHO, NULL, 0);
	struct ns_actor *c = actor(h, "client");
	const size_t total = 32 * 1000 * 1000;
	size_t i;
	uint8_t want[64];

	CU_ASSERT_FATAL(h >= 0 && echo && c);
	struct ns_step conn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				.port = ns_server_port(echo) };
	struct ns_step bulk = { .kind = NS_BULK, .len = total, .timeout_ms = 300 };
	CU_ASSERT_FATAL(run(c, &conn) == 0 && conn.res.outcome == NS_CONNECTED);
	CU_ASSERT(run(c, &bulk) == 0);
	CU_ASSERT_EQUAL(bulk.res.outcome, NS_TIMED_OUT);
	CU_ASSERT(bulk.res.sent > 1000000 && bulk.res.sent < total);
	struct ns_step back = { .kind = NS_RECV, .want = bulk.res.sent,
				.timeout_ms = 5000 };
	CU_ASSERT(run(c, &back) == 0);
	CU_ASSERT_EQUAL(back.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(back.res.received, bulk.res.sent);
	ns_pattern(want, sizeof(want), 0);
	for (i = 0; i + 64 <= back.res.data.len; i += 64)
		if (memcmp(back.res.data.p + i, want, 64))
			break;
	CU_ASSERT(i + 64 > back.res.data.len); /* the pattern, intact */
	ns_result_release(&back.res);
	ns_actor_free(c);
	ns_server_free(echo);
	tns_free(h);
}

/* Freeing an actor ends what it was doing; stopping a server ends what it
 * served. */
static void test_cancel_and_stop(void)
{
	int h = host();
	struct ns_server *srv = server(h, 0, NS_SERVE_DISCARD, NULL, 0);
	struct ns_actor *c = actor(h, "client");
	struct ns_conn_rec rec;

	CU_ASSERT_FATAL(h >= 0 && srv && c);
	struct ns_step conn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
				.port = ns_server_port(srv) };
	CU_ASSERT_FATAL(run(c, &conn) == 0 && conn.res.outcome == NS_CONNECTED);
	struct ns_step forever = { .kind = NS_RECV, .timeout_ms = -1 };
	struct ns_step after = { .kind = NS_SEND, .data = "x", .len = 1 };
	CU_ASSERT(ns_actor_start(err, c, &forever) == 0);
	CU_ASSERT(ns_actor_start(err, c, &after) == 0);
	CU_ASSERT_EQUAL(ns_step_wait(&forever, 100), -ETIMEDOUT);
	ns_actor_cancel(c);
	CU_ASSERT_EQUAL(ns_step_wait(&forever, 2000), 0);
	CU_ASSERT_EQUAL(forever.res.outcome, NS_CANCELLED);
	CU_ASSERT_EQUAL(ns_step_wait(&after, 2000), 0);
	CU_ASSERT_EQUAL(after.res.outcome, NS_CANCELLED);
	/* The connection is still open: the server has not seen it end. */
	CU_ASSERT_EQUAL(ns_server_wait(srv, 1, 50), 0);
	CU_ASSERT(ns_server_stop(err, srv) == 0);
	CU_ASSERT_EQUAL(ns_server_conns(srv, &rec, 1), 1);
	CU_ASSERT_EQUAL(rec.outcome, NS_CANCELLED);
	ns_actor_free(c);
	CU_ASSERT_EQUAL(ns_step_wait(&forever, 0), 0); /* done stays done */
	ns_server_free(srv);
	tns_free(h);
}

struct waiter {
	struct ns_step *s;
	int rc;
};

static void *wait_main(void *arg)
{
	struct waiter *w = arg;

	w->rc = ns_step_wait(w->s, -1);
	return NULL;
}

/* Freeing an actor while another thread waits on its step: the waiter
 * returns with the step cancelled, and the free waits for it. */
static void test_free_while_waiting(void)
{
	int h = host();
	struct ns_actor *c = actor(h, "client");
	struct ns_step r = { .kind = NS_UDP_RECV, .sport = 40999, .timeout_ms = -1 };
	struct waiter w = { &r, 1 };
	pthread_t th;

	CU_ASSERT_FATAL(h >= 0 && c);
	CU_ASSERT(ns_actor_start(err, c, &r) == 0);
	CU_ASSERT_FATAL(pthread_create(&th, NULL, wait_main, &w) == 0);
	CU_ASSERT_EQUAL(ns_step_wait(&r, 50), -ETIMEDOUT);
	ns_actor_free(c);
	pthread_join(th, NULL);
	CU_ASSERT_EQUAL(w.rc, 0);
	CU_ASSERT_EQUAL(r.res.outcome, NS_CANCELLED);
	tns_free(h);
}

static void test_bad_arguments(void)
{
	int h = host(), nul = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct ns_actor *c = actor(h, "master"), *x = NULL;
	struct ns_server *s = NULL;

	CU_ASSERT_FATAL(h >= 0 && c && nul >= 0);
	struct ns_step bad = { .kind = NS_CONNECT, .addr = "10.0.0.300", .port = 1 };
	CU_ASSERT(ns_actor_run(err, c, &bad) == -EINVAL);
	CU_ASSERT(strstr(err, "'10.0.0.300'") && strstr(err, "host 'master'"));
	CU_ASSERT_EQUAL(bad.res.outcome, NS_FAILED);
	struct ns_step dev = { .kind = NS_UDP_SEND, .addr = "224.0.0.251",
			       .port = 5353, .dev = "eth9", .len = 1 };
	CU_ASSERT(ns_actor_run(err, c, &dev) == -ENODEV);
	CU_ASSERT(strstr(err, "no interface 'eth9' in host 'master'") != NULL);
	struct ns_step scope = { .kind = NS_PING, .addr = "fe80::1%eth7" };
	CU_ASSERT(ns_actor_run(err, c, &scope) == -ENODEV);
	CU_ASSERT(strstr(err, "'eth7'") != NULL);
	struct ns_step kind = { .kind = (enum ns_step_kind)99 };
	CU_ASSERT(ns_actor_run(err, c, &kind) == -EINVAL);
	/* Not a network namespace: the thread cannot enter it. */
	CU_ASSERT(ns_actor_new(err, nul, "ghost", &x) < 0);
	CU_ASSERT(strstr(err, "cannot enter host 'ghost'") != NULL);
	CU_ASSERT_PTR_NULL(x);
	/* Servers: modes that do not fit, addresses that do not parse. */
	struct ns_server_cfg u = { .netfd = h, .host = "n", .udp = 1,
				   .mode = NS_SERVE_ANSWER };
	CU_ASSERT(ns_server_start(err, &u, &s) == -EINVAL);
	CU_ASSERT(strstr(err, "UDP server cannot answer") != NULL);
	struct ns_server_cfg d = { .netfd = h, .host = "n", .mode = NS_SERVE_DNS };
	CU_ASSERT(ns_server_start(err, &d, &s) == -EINVAL);
	struct ns_server_cfg a = { .netfd = h, .host = "n", .addr = "1.2.3",
				   .mode = NS_SERVE_DISCARD };
	CU_ASSERT(ns_server_start(err, &a, &s) == -EINVAL);
	CU_ASSERT(strstr(err, "cannot parse address '1.2.3'") != NULL);
	struct ns_server_cfg na = { .netfd = h, .host = "n", .addr = "10.1.1.1",
				    .mode = NS_SERVE_DISCARD };
	CU_ASSERT(ns_server_start(err, &na, &s) == -EADDRNOTAVAIL);
	struct ns_server_cfg q = { .netfd = h, .host = "n", .udp = 1,
				   .mode = NS_SERVE_DNS, .dns_a = "fd00::1" };
	CU_ASSERT(ns_server_start(err, &q, &s) == -EINVAL);
	CU_ASSERT(strstr(err, "'fd00::1'") != NULL);
	struct ns_server_cfg g = { .netfd = nul, .host = "ghost",
				   .mode = NS_SERVE_DISCARD };
	CU_ASSERT(ns_server_start(err, &g, &s) < 0);
	CU_ASSERT(strstr(err, "cannot enter host 'ghost'") != NULL);
	CU_ASSERT_PTR_NULL(s);
	/* A discard server takes no accept. */
	s = server(h, 0, NS_SERVE_DISCARD, NULL, 0);
	CU_ASSERT_FATAL(s != NULL);
	CU_ASSERT(ns_server_accept(err, s, 10, &x) == -EINVAL);
	ns_server_free(s);
	s = server(h, 0, NS_SERVE_ACCEPT, NULL, 0);
	CU_ASSERT_FATAL(s != NULL);
	CU_ASSERT(ns_server_accept(err, s, 30, &x) == -ETIMEDOUT);
	CU_ASSERT(strstr(err, "no connection to port") != NULL);
	ns_server_free(s);
	ns_actor_free(c);
	close(nul);
	tns_free(h);
}

/* ---- UDP -------------------------------------------------------------------- */

static void test_udp_round_trip(void)
{
	int h = host();
	struct ns_server *echo = server(h, 1, NS_SERVE_ECHO, NULL, 0);
	struct ns_actor *c = actor(h, "client");
	struct ns_conn_rec rec;
	uint16_t port;

	CU_ASSERT_FATAL(h >= 0 && echo && c);
	port = ns_server_port(echo);
	struct ns_step s = { .kind = NS_UDP_SEND, .addr = "127.0.0.1",
			     .port = port, .data = "ping", .len = 4,
			     .sport = 40123 };
	struct ns_step r = { .kind = NS_UDP_RECV, .timeout_ms = 2000 };
	CU_ASSERT(run(c, &s) == 0);
	CU_ASSERT_EQUAL(s.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(s.res.sent, 4);
	CU_ASSERT_EQUAL(s.res.lport, 40123);
	CU_ASSERT(run(c, &r) == 0);
	CU_ASSERT_EQUAL(r.res.outcome, NS_OK);
	CU_ASSERT(r.res.data.len == 4 && !memcmp(r.res.data.p, "ping", 4));
	CU_ASSERT_EQUAL(r.res.pport, port);
	CU_ASSERT_EQUAL(r.res.lport, 40123);
	CU_ASSERT_STRING_EQUAL(r.res.peer, "127.0.0.1");
	/* IPv6, on the same dual-stack server. */
	struct ns_step s6 = { .kind = NS_UDP_SEND, .addr = "::1", .port = port,
			      .len = 100 };
	struct ns_step r6 = { .kind = NS_UDP_RECV, .addr = "::1", .timeout_ms = 2000 };
	CU_ASSERT(run(c, &s6) == 0 && run(c, &r6) == 0);
	CU_ASSERT_EQUAL(r6.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(r6.res.received, 100);
	CU_ASSERT_STRING_EQUAL(r6.res.peer, "::1");
	CU_ASSERT_EQUAL(ns_server_wait(echo, 2, 2000), 2);
	ns_server_conns(echo, &rec, 1);
	CU_ASSERT(rec.received == 4 && rec.sent == 4 && rec.pport == 40123);

	/* A closed port: ICMP port unreachable comes back as "refused",
	 * and the next send is not spoilt by it. */
	pcap_t *icmp = NULL;
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "icmp[icmptype] == icmp-unreach",
				     &icmp) == 0);
	struct ns_step x = { .kind = NS_UDP_SEND, .addr = "127.0.0.1", .port = 9,
			     .data = "closed", .len = 6 };
	struct ns_step xr = { .kind = NS_UDP_RECV, .timeout_ms = 2000 };
	CU_ASSERT(run(c, &x) == 0 && run(c, &xr) == 0);
	CU_ASSERT_EQUAL(xr.res.outcome, NS_REFUSED);
	CU_ASSERT_EQUAL(xr.res.error, ECONNREFUSED);
	CU_ASSERT_STRING_EQUAL(xr.res.peer, "127.0.0.1");
	CU_ASSERT_EQUAL(captured(icmp, 1, 2000), 1);
	struct ns_step y = { .kind = NS_UDP_SEND, .addr = "127.0.0.1", .port = 9,
			     .len = 1 };
	struct ns_step z = { .kind = NS_UDP_SEND, .addr = "127.0.0.1", .port = 9,
			     .len = 1 };
	CU_ASSERT(run(c, &y) == 0 && run(c, &z) == 0);
	CU_ASSERT_EQUAL(y.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(z.res.outcome, NS_OK);
	/* Nothing comes: a timeout. */
	struct ns_step quiet = { .kind = NS_UDP_RECV, .addr = "::1", .timeout_ms = 100 };
	CU_ASSERT(run(c, &quiet) == 0);
	CU_ASSERT_EQUAL(quiet.res.outcome, NS_TIMED_OUT);
	/* A send that fails says its own error: getpeername's ENOTCONN
	 * once stood in for it. */
	struct ns_step nr = { .kind = NS_UDP_SEND, .addr = "192.0.2.1",
			      .port = 9, .len = 1 };
	CU_ASSERT(run(c, &nr) == 0);
	CU_ASSERT_EQUAL(nr.res.outcome, NS_UNREACHABLE);
	CU_ASSERT_EQUAL(nr.res.error, ENETUNREACH);
	CU_ASSERT(strstr(nr.res.msg, "Network is unreachable") != NULL);
	/* Broadcast is allowed (SO_BROADCAST). */
	struct ns_step bc = { .kind = NS_UDP_SEND, .addr = "127.255.255.255",
			      .port = 9, .len = 9 };
	CU_ASSERT(run(c, &bc) == 0);
	CU_ASSERT_EQUAL(bc.res.outcome, NS_OK);

	pcap_close(icmp);
	ns_result_release(&r.res);
	ns_result_release(&r6.res);
	ns_actor_free(c);
	ns_server_free(echo);
	tns_free(h);
}

static void test_udp_paced(void)
{
	int h = host();
	struct ns_server *sink = server(h, 1, NS_SERVE_DISCARD, "127.0.0.1", 0);
	struct ns_actor *c = actor(h, "client");
	size_t got;

	CU_ASSERT_FATAL(h >= 0 && sink && c);
	struct ns_step p = { .kind = NS_UDP_PACED, .addr = "127.0.0.1",
			     .port = ns_server_port(sink), .count = 2000,
			     .rate = 20000, .len = 100 };
	CU_ASSERT(run(c, &p) == 0);
	CU_ASSERT_EQUAL(p.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(p.res.count, 2000);
	CU_ASSERT_EQUAL(p.res.sent, 200000);
	/* 2000 at 20000/s: the last one is due at 99.95 ms. */
	CU_ASSERT(secs(&p.res.start, &p.res.end) >= 0.0995);
	CU_ASSERT(secs(&p.res.start, &p.res.end) < 1.0);
	got = ns_server_wait(sink, 2000, 3000);
	/* The receiving thread shares two busy cores: allow a few drops. */
	CU_ASSERT(got >= 1900);
	ns_actor_free(c);
	ns_server_free(sink);
	tns_free(h);
}

/* ---- ICMP --------------------------------------------------------------------- */

static void check_ping(int h, const char *addr, enum ns_ping_mode mode,
		       int want_sock)
{
	struct ns_actor *c = actor(h, "pinger");
	unsigned i;

	CU_ASSERT_FATAL(c != NULL);
	struct ns_step p = { .kind = NS_PING, .addr = addr, .count = 3,
			     .interval_ms = 20, .len = 56, .ping = mode,
			     .timeout_ms = 2000 };
	CU_ASSERT(run(c, &p) == 0);
	CU_ASSERT_EQUAL(p.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(p.res.count, 3);
	CU_ASSERT_EQUAL(p.res.replies, 3);
	CU_ASSERT_EQUAL(p.res.pingsock, want_sock);
	CU_ASSERT(p.res.lport != 0);
	for (i = 0; i < p.res.replies; i++) {
		CU_ASSERT_EQUAL(p.res.reply[i].seq, i + 1);
		CU_ASSERT(p.res.reply[i].ttl == 64);
		CU_ASSERT(recent(&p.res.reply[i].at));
	}
	/* Three requests 20 ms apart take at least 40 ms. */
	CU_ASSERT(secs(&p.res.start, &p.res.end) >= 0.039);
	ns_result_release(&p.res);
	ns_actor_free(c);
}

static void test_ping(void)
{
	int h = host();
	pcap_t *cap = NULL;
	int seen = 0;

	CU_ASSERT_FATAL(h >= 0);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "icmp or icmp6", &cap) == 0);
	/* A new namespace does not allow ping sockets ("1 0"): auto mode
	 * sets ping_group_range in the host itself. */
	check_ping(h, "127.0.0.1", NS_PING_AUTO, 1);
	check_ping(h, "127.0.0.1", NS_PING_RAW, 0);
	check_ping(h, "::1", NS_PING_DGRAM, 1);
	check_ping(h, "::1", NS_PING_RAW, 0);
	/* 4 runs of 3 requests and 3 replies. */
	CU_ASSERT(tns_cap_wait(cap, &seen, 24, 2000, NULL, NULL) >= 24);
	pcap_close(cap);

	/* No answer: timed out, no reply. */
	struct ns_actor *c = actor(h, "pinger");
	CU_ASSERT_FATAL(c && tns_route_lo(err, h, "10.77.0.0", 16) == 0);
	struct ns_step p = { .kind = NS_PING, .addr = "10.77.0.2",
			     .timeout_ms = 200 };
	CU_ASSERT(run(c, &p) == 0);
	CU_ASSERT_EQUAL(p.res.outcome, NS_TIMED_OUT);
	CU_ASSERT_EQUAL(p.res.count, 1);
	CU_ASSERT_EQUAL(p.res.replies, 0);
	ns_result_release(&p.res);
	ns_actor_free(c);
	tns_free(h);
}

static void test_ping_allow(void)
{
	int h = host(), fd;
	char buf[64] = "";
	ssize_t n;
	unsigned lo = 1, hi = 0;

	CU_ASSERT_FATAL(h >= 0);
	CU_ASSERT(ns_ping_allow(err, -1) == -EINVAL);
	CU_ASSERT(strstr(err, "outside a host") != NULL);
	CU_ASSERT(ns_ping_allow(err, h) == 0);
	/* Read it back from inside: a forked child enters the namespace. */
	{
		int pfd[2];
		pid_t pid;

		CU_ASSERT_FATAL(pipe2(pfd, O_CLOEXEC) == 0);
		pid = fork();
		if (pid == 0) {
			if (setns(h, CLONE_NEWNET) < 0)
				_exit(1);
			fd = open("/proc/sys/net/ipv4/ping_group_range", O_RDONLY);
			n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
			if (n > 0 && write(pfd[1], buf, (size_t)n) != n)
				_exit(1);
			_exit(n > 0 ? 0 : 1);
		}
		close(pfd[1]);
		n = read(pfd[0], buf, sizeof(buf) - 1);
		close(pfd[0]);
		waitpid(pid, NULL, 0);
		buf[n > 0 ? n : 0] = '\0';
	}
	CU_ASSERT(sscanf(buf, "%u %u", &lo, &hi) == 2);
	CU_ASSERT(lo <= (unsigned)getegid() && (unsigned)getegid() <= hi);
	tns_free(h);
}

/* ---- multicast, mDNS and DNS --------------------------------------------------- */

struct grab {
	uint8_t frame[2048];
	unsigned len;
	pcap_dumper_t *d;
};

static void grab_cb(unsigned char *u, const struct pcap_pkthdr *h,
		    const unsigned char *b)
{
	struct grab *g = (struct grab *)u;

	g->len = h->caplen < sizeof(g->frame) ? h->caplen : sizeof(g->frame);
	memcpy(g->frame, b, g->len);
	if (g->d)
		pcap_dump((unsigned char *)g->d, h, b);
}

/* What `tcpdump -n -r file` prints, or "" when tcpdump is not there. */
static void tcpdump_text(const char *file, char *out, size_t n)
{
	char cmd[512];
	FILE *f;
	size_t k;

	out[0] = '\0';
	snprintf(cmd, sizeof(cmd), "tcpdump -n -r '%s' 2>/dev/null", file);
	f = popen(cmd, "r");
	if (!f)
		return;
	k = fread(out, 1, n - 1, f);
	out[k] = '\0';
	pclose(f);
}

/*
 * The reference tcpdump, when it can run: in the tests' own user namespace
 * (not root) it cannot drop to its 'tcpdump' user, and refuses to start.
 */
static int have_tcpdump(void)
{
	if (tns_rootless()) {
		fprintf(stderr, "test-actors: tcpdump comparison skipped: "
				"tcpdump cannot change uid in a user namespace\n");
		return 0;
	}
	return system("tcpdump --version >/dev/null 2>&1") == 0;
}

static void test_mdns_query(void)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	int h = host();
	struct ns_actor *c = actor(h, "master");
	struct hx_buf q = HX_BUF_INIT;
	uint8_t owner[14];
	struct ns_dns_opt opt = { NS_EDNS_OWNER, 14, owner };
	struct ns_dns_edns edns = { .udp_size = 1440, .opts = &opt, .nopts = 1 };
	struct ns_dns_query mq = { .name = "_sleep-proxy._udp.local",
				   .type = NS_DNS_PTR, .qu = 1, .edns = &edns };
	struct grab g = { .len = 0 };
	char file[] = "/tmp/dumplab-mdns-XXXXXX", text[4096];
	pcap_t *cap = NULL, *cap6 = NULL;
	int seen = 0, seen6 = 0, fd;

	CU_ASSERT_FATAL(h >= 0 && c);
	/* An Ethernet interface with multicast and a link-local address:
	 * IPv6 multicast cannot leave by lo. */
	CU_ASSERT_FATAL(tns_veth(err, h, "eth0", "peer0") == 0);
	ns_dns_owner(owner, 0, mac);
	CU_ASSERT_FATAL(ns_dns_build_query(err, &q, &mq) == 70);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "lo", "udp port 5353", &cap) == 0);
	CU_ASSERT_FATAL(tns_cap_open(err, h, "eth0", "udp port 5353", &cap6) == 0);
	fd = mkstemp(file);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	g.d = pcap_dump_open(cap, file);
	CU_ASSERT_FATAL(g.d != NULL);

	/* From port 5353, TTL 255 (RFC 6762 11), out of the named interface. */
	struct ns_step s = { .kind = NS_UDP_SEND, .addr = "224.0.0.251",
			     .port = 5353, .sport = 5353, .src = "127.0.0.1",
			     .dev = "lo", .ttl = 255, .data = q.p, .len = q.len };
	CU_ASSERT(run(c, &s) == 0);
	CU_ASSERT_EQUAL(s.res.outcome, NS_OK);
	CU_ASSERT_EQUAL(s.res.lport, 5353);
	CU_ASSERT_EQUAL(tns_cap_wait(cap, &seen, 1, 2000, grab_cb,
				     (unsigned char *)&g), 1);
	/* Ethernet 14 + IPv4 20 + UDP 8, then exactly the built bytes. */
	CU_ASSERT_EQUAL(g.len, 14 + 20 + 8 + 70);
	CU_ASSERT_EQUAL(g.frame[14 + 8], 255); /* TTL */
	CU_ASSERT(!memcmp(g.frame + 14 + 16, "\xe0\x00\x00\xfb", 4));
	CU_ASSERT(g.frame[34] == 0x14 && g.frame[35] == 0xe9); /* sport 5353 */
	CU_ASSERT(g.frame[36] == 0x14 && g.frame[37] == 0xe9); /* dport 5353 */
	CU_ASSERT(!memcmp(g.frame + 42, q.p, 70));

	/* The IPv6 twin to ff02::fb, out of eth0. */
	struct ns_step s6 = { .kind = NS_UDP_SEND, .addr = "ff02::fb",
			      .port = 5353, .sport = 5353, .dev = "eth0",
			      .ttl = 255, .data = q.p, .len = q.len };
	CU_ASSERT(run(c, &s6) == 0);
	CU_ASSERT_EQUAL(s6.res.outcome, NS_OK);
	g.len = 0;
	CU_ASSERT_EQUAL(tns_cap_wait(cap6, &seen6, 1, 2000, grab_cb,
				     (unsigned char *)&g), 1);
	CU_ASSERT_EQUAL(g.len, 14 + 40 + 8 + 70);
	CU_ASSERT(!memcmp(g.frame, "\x33\x33\x00\x00\x00\xfb", 6));
	CU_ASSERT_EQUAL(g.frame[14 + 7], 255); /* hop limit */
	CU_ASSERT(g.frame[14 + 8] == 0xfe && g.frame[14 + 9] == 0x80);
	CU_ASSERT(!memcmp(g.frame + 62, q.p, 70));
	pcap_dump_close(g.d);
	pcap_close(cap);
	pcap_close(cap6);

	/* Optional: the reference tcpdump prints them as the seed shows. */
	if (have_tcpdump()) {
		tcpdump_text(file, text, sizeof(text));
		CU_ASSERT(strstr(text, " IP 127.0.0.1.5353 > 224.0.0.251.5353: "
				       "0 [1au] PTR (QU)? _sleep-proxy._udp.local. (70)\n") != NULL);
		CU_ASSERT(strstr(text, " IP6 fe80::") != NULL);
		CU_ASSERT(strstr(text, ".5353 > ff02::fb.5353: "
				       "0 [1au] PTR (QU)? _sleep-proxy._udp.local. (70)\n") != NULL);
		if (getenv("SHOW_TCPDUMP") || !strstr(text, "ff02::fb"))
			fprintf(stderr, "tcpdump printed:\n%s", text);
	}
	unlink(file);
	hx_buf_release(&q);
	ns_actor_free(c);
	tns_free(h);
}

static void test_dns_responder(void)
{
	int h = host();
	struct ns_server_cfg cfg = { .netfd = h, .host = "dns", .udp = 1,
				     .mode = NS_SERVE_DNS, .port = 53,
				     .dns_a = "10.0.0.2", .dns_aaaa = "fd00::2",
				     .dns_ttl = 300 };
	struct ns_server *srv = NULL;
	struct ns_actor *c = actor(h, "client");
	static const uint16_t types[] = { NS_DNS_A, NS_DNS_AAAA, NS_DNS_MX };
	struct ns_dns_edns edns = { .udp_size = 4096 };
	struct ns_conn_rec rec[3];
	size_t i;

	CU_ASSERT_FATAL(h >= 0 && c);
	CU_ASSERT_FATAL(ns_server_start(err, &cfg, &srv) == 0);
	CU_ASSERT_EQUAL(ns_server_port(srv), 53);
	for (i = 0; i < 3; i++) {
		struct hx_buf q = HX_BUF_INIT;
		struct ns_dns_query dq = { .id = (uint16_t)(0x1234 + i),
					   .flags = NS_DNS_RD, .name = "node1.lab",
					   .type = types[i],
					   .edns = i == 1 ? &edns : NULL };
		struct ns_dns_msg m;

		CU_ASSERT_FATAL(ns_dns_build_query(err, &q, &dq) > 0);
		struct ns_step s = { .kind = NS_UDP_SEND, .addr = "127.0.0.1",
				     .port = 53, .data = q.p, .len = q.len };
		struct ns_step r = { .kind = NS_UDP_RECV, .timeout_ms = 2000 };
		CU_ASSERT(run(c, &s) == 0 && run(c, &r) == 0);
		CU_ASSERT_FATAL(r.res.outcome == NS_OK);
		CU_ASSERT_FATAL(ns_dns_parse(err, (uint8_t *)r.res.data.p,
					     r.res.data.len, &m) == 0);
		CU_ASSERT_EQUAL(m.id, 0x1234 + i);
		CU_ASSERT(m.flags & NS_DNS_QR);
		CU_ASSERT(m.flags & NS_DNS_RD);
		CU_ASSERT_EQUAL(m.flags & 0xf, 0);
		CU_ASSERT_STRING_EQUAL(m.qname, "node1.lab");
		CU_ASSERT_EQUAL(m.qtype, types[i]);
		CU_ASSERT_EQUAL(m.has_edns, i == 1);
		if (types[i] == NS_DNS_A) {
			CU_ASSERT_EQUAL(m.nan, 1);
			CU_ASSERT_EQUAL(m.an[0].type, NS_DNS_A);
			CU_ASSERT_EQUAL(m.an[0].ttl, 300);
			CU_ASSERT_STRING_EQUAL(m.an[0].name, "node1.lab");
			CU_ASSERT(!memcmp(m.an[0].rdata, "\x0a\x00\x00\x02", 4));
		} else if (types[i] == NS_DNS_AAAA) {
			uint8_t want[16];

			inet_pton(AF_INET6, "fd00::2", want);
			CU_ASSERT_EQUAL(m.nan, 1);
			CU_ASSERT_EQUAL(m.an[0].rdlen, 16);
			CU_ASSERT(!memcmp(m.an[0].rdata, want, 16));
		} else {
			CU_ASSERT_EQUAL(m.nan, 0); /* no data for MX */
		}
		ns_result_release(&r.res);
		hx_buf_release(&q);
	}
	/* A datagram that is no DNS query gets no answer. */
	struct ns_step junk = { .kind = NS_UDP_SEND, .addr = "127.0.0.1",
				.port = 53, .data = "junk", .len = 4 };
	struct ns_step none = { .kind = NS_UDP_RECV, .timeout_ms = 100 };
	CU_ASSERT(run(c, &junk) == 0 && run(c, &none) == 0);
	CU_ASSERT_EQUAL(none.res.outcome, NS_TIMED_OUT);
	CU_ASSERT_EQUAL(ns_server_wait(srv, 4, 2000), 4);
	CU_ASSERT_EQUAL(ns_server_conns(srv, rec, 3), 4);
	CU_ASSERT(rec[0].outcome == NS_OK && rec[0].sent > rec[0].received);
	ns_actor_free(c);
	ns_server_free(srv);
	tns_free(h);
}

/*
 * The name server answers from a zone over UDP (an answer with its
 * authority and additional records, NXDOMAIN, TC past 512 bytes) and over
 * TCP (the same query whole, each message after its length); queried by
 * an actor's own sockets, no resolver involved.
 */
static void test_zone_server(void)
{
	static const char zt[] =
		"$ORIGIN lab.\n$TTL 1h\n"
		"@ SOA ns hostmaster ( 7 3h 1h 1w 10m )\n"
		"  NS ns\n"
		"ns A 10.0.0.53\n"
		"node1 A 10.0.0.1\n";
	struct hx_buf zone = HX_BUF_INIT;
	struct ns_zone *z = NULL;
	unsigned zl, zc;
	int h = host(), k;

	hx_buf_puts(&zone, zt);
	for (k = 1; k <= 40; k++)
		hx_buf_printf(&zone, "many A 10.0.1.%d\n", k);
	CU_ASSERT_FATAL(ns_zone_parse(err, zone.p, zone.len, NULL, &z, &zl, &zc) == 0);
	hx_buf_release(&zone);
	struct ns_server_cfg uc = { .netfd = h, .host = "ns", .udp = 1, .port = 53,
				    .mode = NS_SERVE_ZONE, .zone = z,
				    .zone_cfg = { .ra = 1 } };
	struct ns_server_cfg tc = uc;
	struct ns_server *us = NULL, *ts = NULL;
	struct ns_actor *c = actor(h, "client");
	static const struct {
		const char *name;
		size_t len;	/* the response's */
		uint16_t flags, an, ns, ar;
	} want[] = {
		{ "node1.lab", 27 + 16 + 17 + 16, 0x8580, 1, 1, 1 },
		{ "nothere.lab", 29 + 2 + 10 + 5 + 13 + 20, 0x8583, 0, 1, 0 },
		{ "many.lab", 26, 0x8780, 0, 0, 0 },
	};
	size_t i;

	tc.udp = 0;
	CU_ASSERT_FATAL(h >= 0 && c);
	CU_ASSERT_FATAL(ns_server_start(err, &uc, &us) == 0);
	CU_ASSERT_FATAL(ns_server_start(err, &tc, &ts) == 0);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct hx_buf q = HX_BUF_INIT;
		struct ns_dns_query dq = { .id = (uint16_t)(7 + i), .flags = NS_DNS_RD,
					   .name = want[i].name, .type = NS_DNS_A };
		struct ns_dns_msg m;

		CU_ASSERT_FATAL(ns_dns_build_query(err, &q, &dq) > 0);
		struct ns_step s = { .kind = NS_UDP_SEND, .addr = "127.0.0.1",
				     .port = 53, .data = q.p, .len = q.len };
		struct ns_step r = { .kind = NS_UDP_RECV, .timeout_ms = 5000 };
		CU_ASSERT(run(c, &s) == 0 && run(c, &r) == 0);
		CU_ASSERT_FATAL(r.res.outcome == NS_OK);
		CU_ASSERT_EQUAL(r.res.data.len, want[i].len);
		CU_ASSERT_FATAL(ns_dns_parse(err, (uint8_t *)r.res.data.p,
					     r.res.data.len, &m) == 0);
		CU_ASSERT_EQUAL(m.id, 7 + i);
		CU_ASSERT_EQUAL(m.flags, want[i].flags);
		CU_ASSERT(m.ancount == want[i].an && m.nscount == want[i].ns &&
			  m.arcount == want[i].ar);
		CU_ASSERT_STRING_EQUAL(m.qname, want[i].name);
		ns_result_release(&r.res);
		hx_buf_release(&q);
	}
	/* The truncated one again over TCP: 40 addresses. */
	{
		struct hx_buf q = HX_BUF_INIT;
		struct ns_dns_query dq = { .id = 99, .flags = NS_DNS_RD, .name = "many.lab",
					   .type = NS_DNS_A };
		struct ns_actor *t = actor(h, "tcp-client");
		struct ns_dns_msg m;
		size_t n;

		CU_ASSERT_FATAL(t != NULL);
		hx_buf_put(&q, "\0\0", 2);
		CU_ASSERT_FATAL(ns_dns_build_query(err, &q, &dq) > 0);
		q.p[1] = (char)(q.len - 2);
		struct ns_step cs = { .kind = NS_CONNECT, .addr = "127.0.0.1", .port = 53,
				      .timeout_ms = 5000 };
		struct ns_step ss = { .kind = NS_SEND, .data = q.p, .len = q.len,
				      .timeout_ms = 5000 };
		struct ns_step hd = { .kind = NS_RECV, .want = 2, .timeout_ms = 5000 };
		CU_ASSERT(run(t, &cs) == 0 && cs.res.outcome == NS_CONNECTED);
		CU_ASSERT(run(t, &ss) == 0 && ss.res.outcome == NS_OK);
		CU_ASSERT(run(t, &hd) == 0 && hd.res.outcome == NS_OK);
		CU_ASSERT_FATAL(hd.res.data.len == 2);
		n = (size_t)(uint8_t)hd.res.data.p[0] << 8 | (uint8_t)hd.res.data.p[1];
		CU_ASSERT_EQUAL(n, 26 + 40 * 16 + 17 + 16);
		struct ns_step body = { .kind = NS_RECV, .want = n, .timeout_ms = 5000 };
		CU_ASSERT(run(t, &body) == 0 && body.res.outcome == NS_OK);
		CU_ASSERT_FATAL(body.res.data.len == n);
		CU_ASSERT_FATAL(ns_dns_parse(err, (uint8_t *)body.res.data.p, n, &m) == 0);
		CU_ASSERT(m.id == 99 && m.flags == 0x8580 && m.ancount == 40 &&
			  m.nscount == 1 && m.arcount == 1);
		struct ns_step cl = { .kind = NS_CLOSE, .timeout_ms = 5000 };
		CU_ASSERT(run(t, &cl) == 0);
		ns_result_release(&cs.res);
		ns_result_release(&ss.res);
		ns_result_release(&hd.res);
		ns_result_release(&body.res);
		ns_result_release(&cl.res);
		ns_actor_free(t);
		hx_buf_release(&q);
		CU_ASSERT_EQUAL(ns_server_wait(ts, 1, 5000), 1);
	}
	/* A response sent to the server gets nothing back. */
	struct ns_step junk = { .kind = NS_UDP_SEND, .addr = "127.0.0.1", .port = 53,
				.data = "\0\1\x81\x80\0\0\0\0\0\0\0\0", .len = 12 };
	struct ns_step none = { .kind = NS_UDP_RECV, .timeout_ms = 100 };
	CU_ASSERT(run(c, &junk) == 0 && run(c, &none) == 0);
	CU_ASSERT_EQUAL(none.res.outcome, NS_TIMED_OUT);
	/* A name server without its zone is refused. */
	struct ns_server_cfg nz = { .netfd = h, .host = "ns", .udp = 1,
				    .mode = NS_SERVE_ZONE };
	struct ns_server *bad = NULL;
	CU_ASSERT(ns_server_start(err, &nz, &bad) == -EINVAL);
	CU_ASSERT(strstr(err, "needs a zone") != NULL);
	ns_actor_free(c);
	ns_server_free(us);
	ns_server_free(ts);
	ns_zone_free(z);
	tns_free(h);
}

static CU_TestInfo tests[] = {
	{ "tcp: handshake, data both ways, orderly close", test_tcp_exchange },
	{ "tcp: a closed port refuses (RST)", test_tcp_refused },
	{ "tcp: a dropped SYN times out; no route is unreachable",
	  test_tcp_timeout_and_unreachable },
	{ "tcp: without a deadline the kernel's SYN retries decide",
	  test_tcp_kernel_gives_up },
	{ "tcp: abortive close sends a RST the server sees", test_tcp_abort_rst },
	{ "tcp: a server that resets after answering", test_tcp_server_reset },
	{ "tcp: MSG_OOB arrives as urgent data", test_tcp_urgent },
	{ "tcp: half-close, explicit local port, port in use",
	  test_tcp_half_close_and_port },
	{ "tcp: an HTTP-like answer of a given size", test_tcp_http_answer },
	{ "tcp: two clients interleave; asynchronous steps",
	  test_tcp_interleave_async },
	{ "tcp: bulk sender, 8 MB", test_tcp_bulk },
	{ "tcp: an echo server holds a peer that does not read",
	  test_tcp_echo_backpressure },
	{ "cancel a step, stop a server", test_cancel_and_stop },
	{ "free an actor while another thread waits", test_free_while_waiting },
	{ "bad arguments name the thing and the host", test_bad_arguments },
	{ "udp: round trip v4 and v6, port unreachable", test_udp_round_trip },
	{ "udp: paced sender", test_udp_paced },
	{ "icmp: ping socket and raw, v4 and v6", test_ping },
	{ "icmp: ping_group_range set inside the host", test_ping_allow },
	{ "mdns: the query's bytes on the wire, v4 and v6", test_mdns_query },
	{ "dns: the responder answers A and AAAA", test_dns_responder },
	{ "dns: a name server answers from a zone, over UDP and TCP", test_zone_server },
	CU_TEST_INFO_NULL,
};

TU_SUITE("actors", init, NULL, tests);
