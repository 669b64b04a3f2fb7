/* udp-send.c: paced UDP datagrams to one address, for the capture tests and the capture benchmark. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

/*
 * usage: udp-send [-r PPS | -i MS] [-d ADDR] [-p PORT] COUNT SIZE
 *
 * Sends COUNT UDP datagrams of SIZE payload bytes to ADDR:PORT (default
 * 127.0.0.1:9999): -i MS apart, or at -r PPS packets per second (paced
 * against absolute deadlines, so the mean rate holds whatever one sleep
 * overshoots), or as fast as it can. The tests and benchmarks run it
 * inside network namespaces of their own, towards their own addresses.
 * Prints nothing on success; exits 1 when a send fails (ENOBUFS from a
 * full queue is retried), 2 for a usage error.
 */

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_until(long long t)
{
	struct timespec ts = { t / 1000000000LL, t % 1000000000LL };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

int main(int argc, char **argv)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	const char *dest = "127.0.0.1";
	long count, size, i, pps = 0, ms = 0, port = 9999;
	long long t0, gap_ns = 0;
	static char buf[65507];
	int fd, opt;

	while ((opt = getopt(argc, argv, "r:i:d:p:")) != -1) {
		switch (opt) {
		case 'r':
			pps = atol(optarg);
			break;
		case 'i':
			ms = atol(optarg);
			break;
		case 'd':
			dest = optarg;
			break;
		case 'p':
			port = atol(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2)
		goto usage;
	count = atol(argv[optind]);
	size = atol(argv[optind + 1]);
	if (count < 0 || size < 0 || size > (long)sizeof(buf) || pps < 0 ||
	    ms < 0 || port <= 0 || port > 65535 ||
	    inet_pton(AF_INET, dest, &to.sin_addr) != 1)
		goto usage;
	to.sin_port = htons((unsigned short)port);
	memset(buf, 'x', sizeof(buf));
	if (pps)
		gap_ns = 1000000000LL / pps;
	else if (ms)
		gap_ns = ms * 1000000LL;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "udp-send: socket: %s\n", strerror(errno));
		return 1;
	}
	t0 = now_ns();
	for (i = 0; i < count; i++) {
		/* at high rates, sleep once per batch of deadlines */
		if (gap_ns && i && (gap_ns >= 1000000 || i % 64 == 0))
			sleep_until(t0 + i * gap_ns);
		while (sendto(fd, buf, (size_t)size, 0, (struct sockaddr *)&to,
			      sizeof(to)) < 0) {
			if (errno == ENOBUFS || errno == EAGAIN) {
				usleep(50);
				continue;
			}
			fprintf(stderr, "udp-send: sendto %s:%ld: %s\n", dest, port,
				strerror(errno));
			close(fd);
			return 1;
		}
	}
	close(fd);
	return 0;
usage:
	fprintf(stderr, "usage: udp-send [-r PPS | -i MS] [-d ADDR] [-p PORT] COUNT SIZE\n");
	return 2;
}
