/* lo-traffic.c: paced UDP datagrams to a loopback port, for the tests of `dumplab capture`. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

/*
 * usage: lo-traffic COUNT INTERVAL_MS SIZE [PORT]
 *
 * Sends COUNT UDP datagrams of SIZE bytes of payload from 127.0.0.1 to
 * 127.0.0.1:PORT (default 9999), INTERVAL_MS apart. Only loopback: the
 * tests run it inside a network namespace of their own. Exits 0, or 1
 * with a message when a send fails.
 */
int main(int argc, char **argv)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct timespec gap;
	long count, ms, size, i;
	char buf[65507];
	int fd;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: lo-traffic COUNT INTERVAL_MS SIZE [PORT]\n");
		return 2;
	}
	count = atol(argv[1]);
	ms = atol(argv[2]);
	size = atol(argv[3]);
	if (count < 0 || ms < 0 || size < 0 || size > (long)sizeof(buf)) {
		fprintf(stderr, "lo-traffic: bad COUNT, INTERVAL_MS or SIZE\n");
		return 2;
	}
	to.sin_port = htons(argc == 5 ? (unsigned short)atoi(argv[4]) : 9999);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(buf, 'x', sizeof(buf));
	gap.tv_sec = ms / 1000;
	gap.tv_nsec = (ms % 1000) * 1000000L;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "lo-traffic: socket: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < count; i++) {
		if (sendto(fd, buf, (size_t)size, 0, (struct sockaddr *)&to,
			   sizeof(to)) < 0) {
			fprintf(stderr, "lo-traffic: sendto: %s\n", strerror(errno));
			close(fd);
			return 1;
		}
		if (ms && i + 1 < count)
			nanosleep(&gap, NULL);
	}
	close(fd);
	return 0;
}
