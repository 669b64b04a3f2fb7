/* st.h: system test helpers: boot, a two-host topology, plain sockets inside a host, packet parsing. */
#ifndef ST_H
#define ST_H

#include <stddef.h>
#include <stdint.h>

#include "capture/live.h"
#include "netns/ns.h"

/*
 * Every system suite's init: ns_boot() once (before any thread exists),
 * so that the same tests run as root and, unprivileged, inside dumplab's
 * own user namespace. Returns 0, or 1 (CUnit's "init failed").
 */
int st_boot(void);

/* Prints err to stderr and fails the test (CU_FAIL) when rc < 0. */
#define ST_OK(rc, err)                                                       \
	do {                                                                 \
		int st_rc_ = (rc);                                           \
		if (st_rc_ < 0)                                              \
			fprintf(stderr, "\n  %s:%d: %s\n", __FILE__,         \
				__LINE__, (err));                            \
		CU_ASSERT_FATAL(st_rc_ >= 0);                                \
	} while (0)

/*
 * Hosts a (10.0.0.1/24, fd00::1/64, 02:00:00:00:00:01) and b (10.0.0.2/24,
 * fd00::2/64, 02:00:00:00:00:02), joined by a veth a:eth0 <-> b:eth0, up.
 */
int st_pair(char *err, struct ns_lab *lab, struct ns_host **a,
	    struct ns_host **b);

/*
 * The traffic of these tests, until the traffic actors replace it: plain
 * sockets created by the calling thread while it is inside the host (a
 * socket belongs to the namespace it was created in, whoever uses it).
 */
int st_socket(struct ns_host *h, int domain, int type, int proto);
/* A listening TCP socket on port, in h. */
int st_listen(struct ns_host *h, uint16_t port);
/* A TCP connection from h to ip:port, timeout_ms for the handshake;
 * a socket, or -errno (-ETIMEDOUT, -ECONNREFUSED ...). */
int st_connect(struct ns_host *h, const char *ip, uint16_t port,
	       int timeout_ms);
/* Echo requests from h to ip, one at a time, each answered or given up
 * after 1 s; returns the number of replies. Raw ICMP socket. */
int st_ping(struct ns_host *h, const char *ip, int count);

/* An IPv4 packet as seen on a capture of any of the tests' link types. */
struct st_pkt {
	uint32_t src, dst;	/* host order */
	int proto;		/* IPPROTO_TCP, IPPROTO_ICMP ... */
	uint16_t sport, dport;
	uint8_t flags;		/* TCP flags */
	uint32_t seq, ack;
	unsigned paylen;	/* TCP payload bytes */
	int icmp_type;
	double ts;		/* capture time, seconds (st_packets only) */
};

/* Parses an IPv4 packet under dlt (EN10MB, LINUX_SLL, NFLOG); 0, or -1
 * for anything else or a packet cut short. Bounds-checked. */
int st_parse(int dlt, const uint8_t *p, unsigned caplen, struct st_pkt *o);
/* inet_addr in host order, for comparisons with st_pkt. */
uint32_t st_ip(const char *dotted);

/* Starts a capture with the tests' usual settings (immediate, keep). */
int st_capture(char *err, struct ns_host *h, const char *dev,
	       const char *filter, int promisc, int direction,
	       struct cap_live **out);

/*
 * Waits until c kept at least min packets and then none for quiet_ms (the
 * exchange is over), or max_ms passed; returns the number kept.
 */
size_t st_settle(struct cap_live *c, size_t min, int quiet_ms, int max_ms);

/* The kept packets of a stopped capture, parsed (IPv4 only; others are
 * skipped); *n their number. The array is malloc'ed: free() it. */
struct st_pkt *st_packets(struct cap_live *c, size_t *n);

/* Milliseconds of a monotonic clock. */
long long st_now_ms(void);

/* Number of interfaces in h, or -1. */
int st_nlinks(struct ns_host *h);

/* This process's threads and open descriptors (a failure leaves none). */
int st_nthreads(void);
int st_nfds(void);

/*
 * Polls count() (st_nthreads, st_nfds) until it returns want or ms pass;
 * returns the last value seen. A thread that pthread_join has returned
 * for is still counted in /proc/self/status for a moment (the kernel
 * wakes the joiner before it releases the task), so counts are awaited.
 */
int st_wait_count(int (*count)(void), int want, int ms);

/* Fails the test, saying the value seen, unless count() reaches want
 * within 5 s. */
#define ST_COUNT_IS(count, want)                                             \
	do {                                                                 \
		int st_want_ = (want);                                       \
		int st_got_ = st_wait_count(count, st_want_, 5000);          \
		if (st_got_ != st_want_)                                     \
			fprintf(stderr, "\n  %s:%d: %s() is %d after 5 s, "   \
				"want %d\n", __FILE__, __LINE__, #count,     \
				st_got_, st_want_);                          \
		CU_ASSERT(st_got_ == st_want_);                              \
	} while (0)

#endif
