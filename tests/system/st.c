/* st.c: system test helpers: boot, a two-host topology, plain sockets inside a host, packet parsing. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/tdopts.h"
#include "system/st.h"

int st_boot(void)
{
	char err[HX_ERRLEN];

	if (ns_boot(err) < 0) {
		fprintf(stderr, "st_boot: %s\n", err);
		return 1;
	}
	return 0;
}

int st_pair(char *err, struct ns_lab *lab, struct ns_host **a,
	    struct ns_host **b)
{
	int rc;

	if ((rc = ns_host_add(err, lab, "a", a)) < 0 ||
	    (rc = ns_host_add(err, lab, "b", b)) < 0 ||
	    (rc = ns_veth_add(err, *a, "eth0", "02:00:00:00:00:01", *b, "eth0",
			      "02:00:00:00:00:02")) < 0 ||
	    (rc = ns_addr_add(err, *a, "eth0", "10.0.0.1/24")) < 0 ||
	    (rc = ns_addr_add(err, *b, "eth0", "10.0.0.2/24")) < 0 ||
	    (rc = ns_addr_add(err, *a, "eth0", "fd00::1/64")) < 0 ||
	    (rc = ns_addr_add(err, *b, "eth0", "fd00::2/64")) < 0 ||
	    (rc = ns_link_set_up(err, *a, "eth0", 1)) < 0 ||
	    (rc = ns_link_set_up(err, *b, "eth0", 1)) < 0)
		return rc;
	return 0;
}

int st_socket(struct ns_host *h, int domain, int type, int proto)
{
	char err[HX_ERRLEN];
	int saved, fd, e;

	if (ns_enter(err, ns_host_fd(h), &saved) < 0) {
		fprintf(stderr, "st_socket: %s\n", err);
		return -EIO;
	}
	fd = socket(domain, type | SOCK_CLOEXEC, proto);
	e = errno;
	if (ns_leave(err, &saved) < 0) {
		fprintf(stderr, "st_socket: %s\n", err);
		if (fd >= 0)
			close(fd);
		return -EIO;
	}
	return fd < 0 ? -e : fd;
}

int st_listen(struct ns_host *h, uint16_t port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	int fd = st_socket(h, AF_INET, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		return fd;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 8) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

int st_connect(struct ns_host *h, const char *ip, uint16_t port,
	       int timeout_ms)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	struct pollfd pf;
	socklen_t len = sizeof(int);
	int fd, e = 0;

	if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1)
		return -EINVAL;
	fd = st_socket(h, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return fd;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	    errno != EINPROGRESS) {
		e = errno;
		close(fd);
		return -e;
	}
	pf.fd = fd;
	pf.events = POLLOUT;
	if (poll(&pf, 1, timeout_ms) <= 0) {
		close(fd);
		return -ETIMEDOUT;
	}
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len);
	if (e) {
		close(fd);
		return -e;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

static uint16_t icmp_sum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

long long st_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int st_ping(struct ns_host *h, const char *ip, int count)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	uint16_t id = (uint16_t)(getpid() ^ 0x5a5a);
	int fd, seq, replies = 0;

	if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1)
		return -EINVAL;
	fd = st_socket(h, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0)
		return fd;
	for (seq = 1; seq <= count; seq++) {
		uint8_t req[64] = { ICMP_ECHO, 0 }, buf[1500];
		long long deadline = st_now_ms() + 1000;
		uint16_t sum;

		req[4] = (uint8_t)(id >> 8);
		req[5] = (uint8_t)id;
		req[6] = (uint8_t)(seq >> 8);
		req[7] = (uint8_t)seq;
		memset(req + 8, 0x11, sizeof(req) - 8);
		sum = icmp_sum(req, sizeof(req));
		req[2] = (uint8_t)(sum >> 8);
		req[3] = (uint8_t)sum;
		if (sendto(fd, req, sizeof(req), 0, (struct sockaddr *)&sa,
			   sizeof(sa)) < 0)
			break;
		for (;;) {
			struct pollfd pf = { fd, POLLIN, 0 };
			long long left = deadline - st_now_ms();
			ssize_t n;
			size_t ihl;

			if (left <= 0 || poll(&pf, 1, (int)left) <= 0)
				break;
			n = recv(fd, buf, sizeof(buf), 0);
			if (n < 20)
				continue;
			ihl = (size_t)(buf[0] & 0x0f) * 4;
			/* A raw socket sees every ICMP packet of the host. */
			if ((size_t)n >= ihl + 8 && buf[ihl] == ICMP_ECHOREPLY &&
			    buf[ihl + 4] == req[4] && buf[ihl + 5] == req[5] &&
			    buf[ihl + 6] == req[6] && buf[ihl + 7] == req[7]) {
				replies++;
				break;
			}
		}
	}
	close(fd);
	return replies;
}

uint32_t st_ip(const char *dotted)
{
	struct in_addr a;

	if (inet_pton(AF_INET, dotted, &a) != 1)
		return 0;
	return ntohl(a.s_addr);
}

static unsigned be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* The offset of the IPv4 header under dlt, or -1. */
static long ip_offset(int dlt, const uint8_t *p, unsigned caplen)
{
	unsigned off, tlen, type;

	switch (dlt) {
	case DLT_EN10MB:
		if (caplen < 14 || be16(p + 12) != 0x0800)
			return -1;
		return 14;
	case DLT_LINUX_SLL:
		if (caplen < 16 || be16(p + 14) != 0x0800)
			return -1;
		return 16;
	case DLT_LINUX_SLL2: /* protocol first, 20 bytes in all */
		if (caplen < 20 || be16(p) != 0x0800)
			return -1;
		return 20;
	case DLT_NFLOG:
		/* nflog_hdr (family, version, resource id), then TLVs
		 * whose length and type are in host byte order. */
		if (caplen < 4 || p[0] != AF_INET)
			return -1;
		for (off = 4; off + 4 <= caplen;) {
			uint16_t l16, t16;

			memcpy(&l16, p + off, 2);
			memcpy(&t16, p + off + 2, 2);
			tlen = l16;
			type = t16;
			if (tlen < 4 || off + tlen > caplen)
				return -1;
			if (type == 9) /* NFULA_PAYLOAD */
				return (long)off + 4;
			off += (tlen + 3) & ~3u;
		}
		return -1;
	default:
		return -1;
	}
}

int st_parse(int dlt, const uint8_t *p, unsigned caplen, struct st_pkt *o)
{
	long off = ip_offset(dlt, p, caplen);
	unsigned ihl, tot, l4;
	const uint8_t *ip;

	memset(o, 0, sizeof(*o));
	o->icmp_type = -1;
	if (off < 0 || (unsigned)off + 20 > caplen)
		return -1;
	ip = p + off;
	if ((ip[0] >> 4) != 4)
		return -1;
	ihl = (unsigned)(ip[0] & 0x0f) * 4;
	tot = be16(ip + 2);
	if (ihl < 20 || (unsigned)off + ihl > caplen || tot < ihl)
		return -1;
	o->proto = ip[9];
	o->src = be32(ip + 12);
	o->dst = be32(ip + 16);
	l4 = (unsigned)off + ihl;
	if (o->proto == IPPROTO_TCP) {
		unsigned doff;

		if (l4 + 20 > caplen)
			return -1;
		o->sport = (uint16_t)be16(p + l4);
		o->dport = (uint16_t)be16(p + l4 + 2);
		o->seq = be32(p + l4 + 4);
		o->ack = be32(p + l4 + 8);
		doff = (unsigned)(p[l4 + 12] >> 4) * 4;
		o->flags = p[l4 + 13];
		o->paylen = tot >= ihl + doff ? tot - ihl - doff : 0;
	} else if (o->proto == IPPROTO_ICMP) {
		if (l4 + 1 > caplen)
			return -1;
		o->icmp_type = p[l4];
	}
	return 0;
}

int st_capture(char *err, struct ns_host *h, const char *dev,
	       const char *filter, int promisc, int direction,
	       struct cap_live **out)
{
	struct cap_live_cfg cfg = {
		.netfd = ns_host_fd(h),
		.device = dev,
		.promisc = promisc,
		.direction = direction,
		.immediate = 1,
		.filter = filter,
		.keep = 1,
		.host = ns_host_name(h),
	};

	return cap_live_start(err, &cfg, out);
}

int st_nlinks(struct ns_host *h)
{
	char err[HX_ERRLEN];
	struct ns_link_info *v;
	size_t n;

	if (ns_links(err, h, &v, &n) < 0) {
		fprintf(stderr, "st_nlinks: %s\n", err);
		return -1;
	}
	free(v);
	return (int)n;
}

size_t st_settle(struct cap_live *c, size_t min, int quiet_ms, int max_ms)
{
	long long end = st_now_ms() + max_ms;
	size_t n = cap_live_wait_count(c, min, max_ms), m;

	for (;;) {
		long long left = end - st_now_ms();

		if (left <= 0)
			return n;
		m = cap_live_wait_count(c, n + 1,
					left < quiet_ms ? (int)left : quiet_ms);
		if (m == n)
			return n;
		n = m;
	}
}

struct st_pkt *st_packets(struct cap_live *c, size_t *n)
{
	const struct cap_pkt *p;
	struct st_pkt *v;
	size_t k, i;

	p = cap_live_packets(c, &k);
	*n = 0;
	v = calloc(k ? k : 1, sizeof(*v));
	if (!v)
		return NULL;
	for (i = 0; i < k; i++)
		if (st_parse(cap_live_dlt(c), p[i].data, p[i].h.caplen,
			     &v[*n]) == 0) {
			v[*n].ts = (double)p[i].h.ts.tv_sec +
				   (double)p[i].h.ts.tv_usec / 1e6;
			(*n)++;
		}
	return v;
}

int st_nthreads(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[128];
	int n = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

int st_nfds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

int st_wait_count(int (*count)(void), int want, int ms)
{
	const struct timespec tick = { 0, 1000000 }; /* 1 ms between polls */
	long long end = st_now_ms() + ms;
	int n;

	while ((n = count()) != want && st_now_ms() < end)
		nanosleep(&tick, NULL);
	return n;
}
