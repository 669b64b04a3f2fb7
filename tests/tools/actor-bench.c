/* actor-bench.c: what the traffic actors cost and reach, beside plain sockets, in a private namespace. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "netns/actor.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) < 0)
		rc = -1;
	close(fd);
	return rc;
}

/* The whole process moves into a namespace of its own (user namespace
 * first when not root), while it is single-threaded; lo comes up. */
static int private_net(void)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();
	struct ifreq ifr;
	int s;

	if (uid != 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0)
			return -1;
		write_file("/proc/self/setgroups", "deny");
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
		write_file("/proc/self/uid_map", map);
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
		write_file("/proc/self/gid_map", map);
	} else if (unshare(CLONE_NEWNET) < 0) {
		return -1;
	}
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ioctl(s, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) {
		close(s);
		return -1;
	}
	close(s);
	return 0;
}

static struct ns_server *serve(int udp, enum ns_serve mode)
{
	char err[HX_ERRLEN];
	struct ns_server_cfg c = { .netfd = -1, .host = "bench", .udp = udp,
				   .mode = mode, .addr = "127.0.0.1" };
	struct ns_server *s = NULL;

	if (ns_server_start(err, &c, &s) < 0)
		fprintf(stderr, "actor-bench: %s\n", err);
	return s;
}

static void bench_paced(unsigned count, unsigned rate)
{
	char err[HX_ERRLEN];
	struct ns_server *sink = serve(1, NS_SERVE_DISCARD);
	struct ns_actor *a = NULL;
	size_t got;

	if (!sink || ns_actor_new(err, -1, "bench", &a) < 0)
		return;
	struct ns_step p = { .kind = NS_UDP_PACED, .addr = "127.0.0.1",
			     .port = ns_server_port(sink), .count = count,
			     .rate = rate, .len = 64 };
	ns_actor_run(err, a, &p);
	got = ns_server_wait(sink, count, 2000);
	if (rate)
		printf("paced udp, %u x 64 B at %u/s: ", count, rate);
	else
		printf("paced udp, %u x 64 B unpaced: ", count);
	printf("%s; a server thread received %zu (%.1f%%)\n", p.res.msg, got,
	       100.0 * got / count);
	if (rate)
		printf("  rate error: %+.2f%%\n",
		       100.0 * (p.res.count /
				((double)(p.res.end.tv_sec - p.res.start.tv_sec) +
				 (p.res.end.tv_nsec - p.res.start.tv_nsec) / 1e9) -
			rate) / rate);
	ns_actor_free(a);
	ns_server_free(sink);
}

static void bench_bulk(size_t total)
{
	char err[HX_ERRLEN];
	struct ns_server *sink = serve(0, NS_SERVE_DISCARD);
	struct ns_actor *a = NULL;

	if (!sink || ns_actor_new(err, -1, "bench", &a) < 0)
		return;
	struct ns_step c = { .kind = NS_CONNECT, .addr = "127.0.0.1",
			     .port = ns_server_port(sink) };
	struct ns_step b = { .kind = NS_BULK, .len = total };
	ns_actor_run(err, a, &c);
	ns_actor_run(err, a, &b);
	printf("bulk tcp: %s\n", b.res.msg);
	ns_actor_free(a);
	ns_server_free(sink);
}

/* One byte there and back, N times: through actor steps, then with the
 * same sockets driven directly (the reference). */
static void bench_steps(unsigned n)
{
	char err[HX_ERRLEN];
	struct ns_server *echo = serve(0, NS_SERVE_ECHO);
	struct sockaddr_in sa;
	struct ns_actor *a = NULL;
	double t0, ta, td;
	unsigned i;
	char c = 'x';
	int fd;

	if (!echo || ns_actor_new(err, -1, "bench", &a) < 0)
		return;
	struct ns_step cn = { .kind = NS_CONNECT, .addr = "127.0.0.1",
			      .port = ns_server_port(echo) };
	ns_actor_run(err, a, &cn);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		struct ns_step s = { .kind = NS_SEND, .data = "x", .len = 1 };
		struct ns_step r = { .kind = NS_RECV, .want = 1, .discard = 1 };

		ns_actor_run(err, a, &s);
		ns_actor_run(err, a, &r);
	}
	ta = (now_s() - t0) / n;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(ns_server_port(echo));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("actor-bench: connect");
		goto out;
	}
	t0 = now_s();
	for (i = 0; i < n; i++) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (send(fd, &c, 1, 0) != 1 || poll(&p, 1, 1000) != 1 ||
		    recv(fd, &c, 1, 0) != 1)
			break;
	}
	td = (now_s() - t0) / n;
	printf("round trip of 1 byte, %u times: actor steps %.1f us, plain sockets %.1f us (x%.1f)\n",
	       n, ta * 1e6, td * 1e6, ta / td);
out:
	if (fd >= 0)
		close(fd);
	ns_actor_free(a);
	ns_server_free(echo);
}

static void bench_lifecycle(unsigned n)
{
	char err[HX_ERRLEN];
	struct ns_actor *a;
	double t0 = now_s();
	unsigned i;

	for (i = 0; i < n; i++) {
		if (ns_actor_new(err, -1, "bench", &a) < 0) {
			fprintf(stderr, "actor-bench: %s\n", err);
			return;
		}
		ns_actor_free(a);
	}
	printf("actor new + free: %.1f us each (%u)\n",
	       (now_s() - t0) / n * 1e6, n);
}

int main(void)
{
	if (private_net() < 0) {
		fprintf(stderr, "actor-bench: cannot make a private namespace: %s\n",
			strerror(errno));
		return 1;
	}
	bench_lifecycle(1000);
	bench_steps(5000);
	bench_bulk(200 * 1000 * 1000);
	bench_paced(100000, 100000);
	bench_paced(200000, 0);
	return 0;
}
