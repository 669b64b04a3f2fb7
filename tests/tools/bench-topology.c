/* bench-topology.c: times building and tearing down topologies: two hosts, and 100 hosts at once. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "netns/ns.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * Hosts h0..h(n-1), joined two by two (h0-h1, h2-h3 ...) by a veth with
 * an address at each end, all up: what a scenario builds.
 */
static int build(char *err, struct ns_lab *lab, int n)
{
	char name[32], addr[32];
	struct ns_host *a, *b;
	int i, rc;

	for (i = 0; i + 1 < n; i += 2) {
		snprintf(name, sizeof(name), "h%d", i);
		if ((rc = ns_host_add(err, lab, name, &a)) < 0)
			return rc;
		snprintf(name, sizeof(name), "h%d", i + 1);
		if ((rc = ns_host_add(err, lab, name, &b)) < 0 ||
		    (rc = ns_veth_add(err, a, "eth0", NULL, b, "eth0", NULL)) < 0)
			return rc;
		snprintf(addr, sizeof(addr), "10.%d.%d.1/24", i / 256, i % 256);
		if ((rc = ns_addr_add(err, a, "eth0", addr)) < 0)
			return rc;
		snprintf(addr, sizeof(addr), "10.%d.%d.2/24", i / 256, i % 256);
		if ((rc = ns_addr_add(err, b, "eth0", addr)) < 0 ||
		    (rc = ns_link_set_up(err, a, "eth0", 1)) < 0 ||
		    (rc = ns_link_set_up(err, b, "eth0", 1)) < 0)
			return rc;
	}
	return 0;
}

/* One build and teardown; *b, *t, *d in ms (d: deleting the veths
 * first, synchronously, when del is set; 0 otherwise). */
static int once(char *err, int n, int del, double *b, double *t, double *d)
{
	struct ns_lab *lab;
	double t0, t1, t2, t3;
	int rc, i;

	t0 = now_ms();
	if ((rc = ns_lab_new(err, &lab)) < 0)
		return rc;
	rc = build(err, lab, n);
	t1 = now_ms();
	if (rc == 0 && del)
		for (i = 0; i + 1 < n && rc == 0; i += 2)
			rc = ns_link_del(err, ns_lab_host_at(lab, (size_t)i),
					 "eth0");
	t2 = now_ms();
	ns_lab_free(lab);
	t3 = now_ms();
	*b = t1 - t0;
	*d = t2 - t1;
	*t = t3 - t2;
	return rc;
}

static int series(const char *what, int hosts, int runs, int del)
{
	char err[HX_ERRLEN];
	double b[64], t[64], d[64], w0 = now_ms();
	int i;

	if (runs > 64)
		runs = 64;
	for (i = 0; i < runs; i++)
		if (once(err, hosts, del, &b[i], &t[i], &d[i]) < 0) {
			fprintf(stderr, "bench-topology: %s\n", err);
			return -1;
		}
	printf("%-44s build %8.2f ms  %s %8.2f ms  (median of %d; %.0f ms for all)\n",
	       what, median(b, runs), del ? "delete+free" : "free       ",
	       del ? median(d, runs) + median(t, runs) : median(t, runs), runs,
	       now_ms() - w0);
	return 0;
}

int main(int argc, char **argv)
{
	char err[HX_ERRLEN];
	struct rusage ru;
	int runs = argc > 1 ? atoi(argv[1]) : 15;

	if (runs < 1)
		runs = 15;
	if (ns_boot(err) < 0) {
		fprintf(stderr, "bench-topology: %s\n", err);
		return 1;
	}
	/*
	 * "free" closes the namespaces' fds and sockets; the kernel then
	 * destroys them in a work queue of its own, so the sustained cost
	 * of a build + teardown cycle shows in "for all".
	 */
	if (series("two hosts (veth, 2 addresses, up)", 2, runs, 0) < 0 ||
	    series("two hosts, veth deleted before free", 2, runs, 1) < 0 ||
	    series("100 hosts at once (50 veths, addressed, up)", 100,
		   runs / 3 > 3 ? runs / 3 : 3, 0) < 0)
		return 1;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS %.1f MB\n", (double)ru.ru_maxrss / 1024);
	return 0;
}
