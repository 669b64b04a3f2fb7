/* test-craft.c: background programs, crafted frames and segments, MTU and tbf shaping, on the real kernel. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capture/live.h"
#include "netns/craft.h"
#include "netns/proc.h"
#include "system/st.h"
#include "unit/tu.h"

/* A program's output, its readiness text, a later line, a signal, its
 * exit status; the pipes keep stdout and stderr apart. */
static void test_proc_lifecycle(void)
{
	char err[HX_ERRLEN];
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct ns_proc *p;
	struct hx_buf out;
	char *const argv[] = {
		"sh", "-c",
		"echo starting >&2; echo 'listening on eth0' >&2; "
		"trap 'echo got INT; exit 3' INT; echo ready; "
		"while :; do sleep 0.05; done", NULL
	};
	int status = 0, fds;

	fds = st_nfds();
	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	ST_OK(ns_proc_start(err, "sh", a, NULL, argv, &p), err);
	ST_OK(ns_proc_await(err, p, "listening on", 10000, -1), err);
	ST_OK(ns_proc_await(err, p, "ready", 10000, -1), err);
	/* "listening on" was matched: an await looks only after it */
	CU_ASSERT_EQUAL(ns_proc_await(err, p, "listening on", 200, -1),
			-ETIMEDOUT);
	CU_ASSERT(strstr(err, "did not print 'listening on'") != NULL);
	CU_ASSERT_EQUAL(ns_proc_ended(p, NULL), 0);
	CU_ASSERT_EQUAL(ns_proc_wait(err, p, 100, -1), -ETIMEDOUT);
	ST_OK(ns_proc_signal(err, p, ns_signum("INT")), err);
	ST_OK(ns_proc_wait(err, p, 10000, -1), err);
	CU_ASSERT(ns_proc_ended(p, &status));
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	ns_proc_output(p, NS_PROC_STDOUT, &out);
	CU_ASSERT_STRING_EQUAL(out.p, "ready\ngot INT\n");
	hx_buf_release(&out);
	ns_proc_output(p, NS_PROC_STDERR, &out);
	CU_ASSERT_STRING_EQUAL(out.p, "starting\nlistening on eth0\n");
	hx_buf_release(&out);
	/* a signal to an ended program is no error and reaches nobody */
	ST_OK(ns_proc_signal(err, p, SIGTERM), err);
	ns_proc_free(p);
	ns_lab_free(lab);
	ST_COUNT_IS(st_nfds, fds);
}

/* A program that ends without the readiness text; one that does not
 * exist; free kills one still running. */
static void test_proc_failures(void)
{
	char err[HX_ERRLEN];
	struct ns_proc *p = NULL;
	char *const quick[] = { "sh", "-c", "echo oops >&2; exit 1", NULL };
	char *const none[] = { "no-such-program-dumplab", NULL };
	char *const forever[] = { "sleep", "600", NULL };
	int status = 0, fds, pid;

	fds = st_nfds();
	ST_OK(ns_proc_start(err, "q", NULL, NULL, quick, &p), err);
	CU_ASSERT_EQUAL(ns_proc_await(err, p, "listening on", 10000, -1),
			-ESRCH);
	CU_ASSERT(strstr(err, "ended without printing 'listening on': oops") != NULL);
	CU_ASSERT(ns_proc_ended(p, &status) && WEXITSTATUS(status) == 1);
	ns_proc_free(p);

	CU_ASSERT_EQUAL(ns_proc_start(err, "n", NULL, NULL, none, &p), -ENOENT);
	CU_ASSERT(p == NULL);
	CU_ASSERT(strstr(err, "cannot start 'no-such-program-dumplab'") &&
		  strstr(err, "No such file or directory"));

	ST_OK(ns_proc_start(err, "s", NULL, NULL, forever, &p), err);
	pid = ns_proc_pid(p);
	CU_ASSERT(pid > 0);
	ns_proc_free(p);
	/* gone, reaped by the spawner: no such process any more */
	CU_ASSERT(kill(pid, 0) < 0 && errno == ESRCH);
	ST_COUNT_IS(st_nfds, fds);

	CU_ASSERT_EQUAL(ns_signum("INT"), SIGINT);
	CU_ASSERT_EQUAL(ns_signum("SIGTERM"), SIGTERM);
	CU_ASSERT_EQUAL(ns_signum("usr1"), SIGUSR1);
	CU_ASSERT_EQUAL(ns_signum("9"), 9);
	CU_ASSERT_EQUAL(ns_signum("SIGBOGUS"), -EINVAL);
	CU_ASSERT_EQUAL(ns_signum("0"), -EINVAL);
	CU_ASSERT_STRING_EQUAL(ns_signame(SIGINT), "INT");
}

/* An ARP reply nobody asked for, and a SYN with E and W, arrive at the
 * peer as built; a frame over the MTU is refused. */
static void test_inject_and_segments(void)
{
	char err[HX_ERRLEN];
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct cap_live *c;
	struct st_pkt *pk;
	size_t n, i;
	uint8_t arp[42] = {
		0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x06,
		0, 1, 0x08, 0, 6, 4, 0, 2, 0x02, 0, 0, 0, 0, 1, 10, 0, 0, 1,
		0x02, 0, 0, 0, 0, 2, 10, 0, 0, 2,
	};
	uint8_t big[1515] = { 0 };
	static const uint8_t mss[] = { 2, 4, 0x05, 0xb4 };
	struct ns_tcpseg s = { .dst = "10.0.0.2", .dport = 9, .sport = 4321,
			       .flags = NS_TH_SYN | NS_TH_ECE | NS_TH_CWR,
			       .seq = 12345, .win = 1024, .opts = mss,
			       .optlen = sizeof(mss) };
	int syn = 0, rst = 0;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	ST_OK(st_capture(err, b, "eth0", "arp or tcp port 9", 0, 0, &c), err);
	ST_OK(ns_inject(err, a, "eth0", arp, sizeof(arp)), err);
	ST_OK(ns_tcpseg_send(err, a, &s), err);
	/* the SYN, and node b's RST (nothing listens on port 9) */
	CU_ASSERT(cap_live_wait_count(c, 3, 10000) >= 3);
	ST_OK(cap_live_stop(c, err), err);
	pk = st_packets(c, &n);
	for (i = 0; i < n; i++) {
		if (pk[i].proto != 6)
			continue;
		if (pk[i].flags == 0xc2 && pk[i].seq == 12345 &&
		    pk[i].sport == 4321 && pk[i].src == st_ip("10.0.0.1"))
			syn++;
		if ((pk[i].flags & 0x04) && pk[i].dport == 4321)
			rst++;
	}
	CU_ASSERT_EQUAL(syn, 1);
	/* b's kernel checked the checksum: it answered */
	CU_ASSERT_EQUAL(rst, 1);
	free(pk);
	cap_live_free(c);

	memcpy(big, arp, 14);
	CU_ASSERT_EQUAL(ns_inject(err, a, "eth0", big, sizeof(big)), -EMSGSIZE);
	CU_ASSERT(strstr(err, "1515 bytes") && strstr(err, "mtu 1500"));
	CU_ASSERT_EQUAL(ns_inject(err, a, "eth0", big, 10), -EMSGSIZE);
	CU_ASSERT_EQUAL(ns_inject(err, a, "nope0", big, 60), -ENODEV);
	ns_lab_free(lab);
}

static void test_mtu_and_tbf(void)
{
	char err[HX_ERRLEN], kind[32];
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct ns_tbf t = { .rate = 125000, .burst = 3000, .latency_us = 20000 };
	uint8_t f[1100] = { 0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x88, 0xb5 };

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	ST_OK(ns_link_set_mtu(err, a, "eth0", 1000), err);
	CU_ASSERT_EQUAL(ns_link_mtu(err, a, "eth0"), 1000);
	CU_ASSERT_EQUAL(ns_link_mtu(err, b, "eth0"), 1500);
	CU_ASSERT_EQUAL(ns_inject(err, a, "eth0", f, sizeof(f)), -EMSGSIZE);
	ST_OK(ns_inject(err, a, "eth0", f, 1014), err);
	CU_ASSERT_EQUAL(ns_link_set_mtu(err, a, "eth0", 10), -EINVAL);
	CU_ASSERT(strstr(err, "mtu 10 ") != NULL);
	CU_ASSERT_EQUAL(ns_link_mtu(err, a, "eth0"), 1000);

	ST_OK(ns_qdisc_kind(err, a, "eth0", kind, sizeof(kind)), err);
	CU_ASSERT_STRING_NOT_EQUAL(kind, "tbf");
	ST_OK(ns_tbf_add(err, a, "eth0", &t), err);
	ST_OK(ns_qdisc_kind(err, a, "eth0", kind, sizeof(kind)), err);
	CU_ASSERT_STRING_EQUAL(kind, "tbf");
	/* replaced, not added twice */
	t.rate = 250000;
	ST_OK(ns_tbf_add(err, a, "eth0", &t), err);
	t.rate = 0;
	CU_ASSERT_EQUAL(ns_tbf_add(err, a, "eth0", &t), -EINVAL);
	ns_lab_free(lab);
	/* the probe `needs netem` uses: tbf is in this kernel, a made-up
	 * kind in none (netem's answer depends on the kernel) */
	CU_ASSERT_EQUAL(ns_qdisc_supported("tbf"), 1);
	CU_ASSERT_EQUAL(ns_qdisc_supported("nosuchqdisc"), 0);
}

static CU_TestInfo tests[] = {
	{ "a background program: readiness, lines, signal, exit",
	  test_proc_lifecycle },
	{ "a program that fails, one missing, one killed", test_proc_failures },
	{ "injected frames and crafted segments arrive as built",
	  test_inject_and_segments },
	{ "MTU and tbf through libnl", test_mtu_and_tbf },
	CU_TEST_INFO_NULL,
};

static int init(void)
{
	return st_boot();
}

TU_SUITE("craft", init, NULL, tests);
