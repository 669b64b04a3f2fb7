/* gen-traffic.c: records real lab traffic between two hosts into a pcap savefile, for the printer's benchmark. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/live.h"
#include "capture/writer.h"
#include "netns/actor.h"
#include "netns/ns.h"

/*
 * gen-traffic [-n PACKETS] -o FILE
 *
 * Builds hosts master (10.0.0.1, fd00::1) and node1 (10.0.0.2, fd00::2)
 * joined by a veth, captures master's eth0 into FILE (pcap, as tcpdump -w
 * writes it) and drives, until PACKETS were captured (default 1,000,000):
 * HTTP requests over IPv4 and IPv6 with answers of varied sizes, closed
 * orderly or reset, DNS queries and answers, NTP requests, pings over both
 * families, neighbour tables flushed now and then (ARP, neighbour
 * discovery). Prints the capture's received/dropped counts and the time it
 * took. A tool for `make bench`, not a test.
 */

static char err[HX_ERRLEN];

static int die(const char *what)
{
	fprintf(stderr, "gen-traffic: %s: %s\n", what, err);
	return 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int step(struct ns_actor *a, struct ns_step *s)
{
	int rc = ns_actor_run(err, a, s);

	ns_result_release(&s->res);
	return rc;
}

/* One HTTP exchange: connect, GET, read the answer to EOF, close or RST. */
static int http(struct ns_actor *a, const char *addr, const struct hx_buf *get,
		int reset)
{
	struct ns_step c = { .kind = NS_CONNECT, .addr = addr, .port = 80,
			     .timeout_ms = 2000 };
	struct ns_step s = { .kind = NS_SEND, .data = get->p, .len = get->len };
	struct ns_step r = { .kind = NS_RECV, .want = 0, .discard = 1,
			     .timeout_ms = 2000 };
	struct ns_step e = { .kind = reset ? NS_ABORT : NS_CLOSE };

	if (step(a, &c) < 0)
		return -1;
	if (step(a, &s) < 0 || step(a, &r) < 0)
		return -1;
	return step(a, &e);
}

static int flush_neigh(struct ns_host *h)
{
	char *const v4[] = { "ip", "-4", "neigh", "flush", "all", NULL };
	char *const v6[] = { "ip", "-6", "neigh", "flush", "all", NULL };

	if (ns_run_ok(err, h, v4, 5000, NULL) < 0)
		return -1;
	return ns_run_ok(err, h, v6, 5000, NULL);
}

int main(int argc, char **argv)
{
	struct ns_lab *lab = NULL;
	struct ns_host *m = NULL, *n = NULL;
	struct ns_server *web = NULL, *web2 = NULL, *dns = NULL, *ntp = NULL;
	struct ns_actor *cl = NULL;
	struct cap_writer *w = NULL;
	struct cap_live *cap = NULL;
	struct cap_sink sink;
	struct cap_stats st;
	struct hx_buf get = HX_BUF_INIT, q = HX_BUF_INIT;
	const char *out = NULL;
	long want = 1000000;
	unsigned long i;
	double t0;
	int opt, rc = 1;

	while ((opt = getopt(argc, argv, "n:o:")) != -1) {
		if (opt == 'n')
			want = strtol(optarg, NULL, 10);
		else if (opt == 'o')
			out = optarg;
		else
			goto usage;
	}
	if (!out || want <= 0) {
usage:
		fprintf(stderr, "usage: gen-traffic [-n PACKETS] -o FILE\n");
		return 2;
	}
	if (ns_boot(err) < 0)
		return die("boot");
	if (ns_lab_new(err, &lab) < 0 || ns_host_add(err, lab, "master", &m) < 0 ||
	    ns_host_add(err, lab, "node1", &n) < 0 ||
	    ns_veth_add(err, m, "eth0", NULL, n, "eth0", NULL) < 0 ||
	    ns_addr_add(err, m, "eth0", "10.0.0.1/24") < 0 ||
	    ns_addr_add(err, n, "eth0", "10.0.0.2/24") < 0 ||
	    ns_addr_add(err, m, "eth0", "fd00::1/64") < 0 ||
	    ns_addr_add(err, n, "eth0", "fd00::2/64") < 0 ||
	    ns_link_set_up(err, m, "eth0", 1) < 0 ||
	    ns_link_set_up(err, n, "eth0", 1) < 0 ||
	    ns_ping_allow(err, ns_host_fd(m)) < 0) {
		rc = die("topology");
		goto out;
	}

	struct ns_server_cfg wc = { .netfd = ns_host_fd(n), .host = "node1",
				    .mode = NS_SERVE_ANSWER, .addr = "10.0.0.2",
				    .port = 80, .answer_len = 3000, .http = 1,
				    .backlog = 64 };
	struct ns_server_cfg wc6 = wc;
	struct ns_server_cfg dc = { .netfd = ns_host_fd(n), .host = "node1",
				    .udp = 1, .mode = NS_SERVE_DNS, .port = 53,
				    .dns_a = "10.0.0.2", .dns_aaaa = "fd00::2" };
	struct ns_server_cfg tc = { .netfd = ns_host_fd(n), .host = "node1",
				    .udp = 1, .mode = NS_SERVE_ECHO, .port = 123 };

	wc6.addr = "fd00::2";
	wc6.answer_len = 20000;
	if (ns_server_start(err, &wc, &web) < 0 ||
	    ns_server_start(err, &wc6, &web2) < 0 ||
	    ns_server_start(err, &dc, &dns) < 0 ||
	    ns_server_start(err, &tc, &ntp) < 0) {
		rc = die("servers");
		goto out;
	}

	struct cap_writer_cfg cfg = { .name = out };
	if (cap_writer_new(err, &cfg, &w) < 0) {
		rc = die(out);
		goto out;
	}
	cap_writer_sink(w, &sink);
	struct cap_live_cfg lc = { .netfd = ns_host_fd(m), .device = "eth0",
				   .snaplen = 262144, .promisc = 1,
				   .immediate = 0, .buffer_kib = 64 * 1024,
				   .sink = &sink, .host = "master" };
	if (cap_live_start(err, &lc, &cap) < 0) {
		rc = die("capture");
		goto out;
	}
	if (ns_actor_new(err, ns_host_fd(m), "master", &cl) < 0) {
		rc = die("client");
		goto out;
	}
	ns_http_get(&get, "node1", "/");
	struct ns_dns_query dq = { .flags = NS_DNS_RD, .name = "node1.lab",
				   .type = NS_DNS_A };

	t0 = now_s();
	for (i = 0; cap_live_wait_count(cap, (size_t)want, 0) < (size_t)want; i++) {
		uint8_t ntpmsg[48];
		struct timespec ts;

		if (http(cl, i % 4 == 3 ? "fd00::2" : "10.0.0.2", &get,
			 i % 50 == 7) < 0) {
			rc = die("http");
			goto out;
		}
		hx_buf_reset(&q);
		dq.id = (uint16_t)i;
		dq.type = i % 2 ? NS_DNS_AAAA : NS_DNS_A;
		if (ns_dns_build_query(err, &q, &dq) < 0) {
			rc = die("dns");
			goto out;
		}
		struct ns_step ds = { .kind = NS_UDP_SEND, .addr = "10.0.0.2",
				      .port = 53, .data = q.p, .len = q.len };
		struct ns_step dr = { .kind = NS_UDP_RECV, .timeout_ms = 2000 };
		if (step(cl, &ds) < 0 || step(cl, &dr) < 0) {
			rc = die("dns");
			goto out;
		}
		if (i % 5 == 0) {
			struct ns_step p = { .kind = NS_PING,
					     .addr = i % 10 ? "10.0.0.2" : "fd00::2",
					     .count = 1, .timeout_ms = 2000 };
			if (step(cl, &p) < 0) {
				rc = die("ping");
				goto out;
			}
		}
		if (i % 20 == 0) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ns_ntp_client(ntpmsg, &ts);
			struct ns_step ns = { .kind = NS_UDP_SEND, .addr = "10.0.0.2",
					      .port = 123, .sport = 123,
					      .data = ntpmsg, .len = sizeof(ntpmsg) };
			struct ns_step nr = { .kind = NS_UDP_RECV, .sport = 123,
					      .timeout_ms = 2000 };
			if (step(cl, &ns) < 0 || step(cl, &nr) < 0) {
				rc = die("ntp");
				goto out;
			}
		}
		if (i % 500 == 499 && (flush_neigh(m) < 0 || flush_neigh(n) < 0)) {
			rc = die("neighbours");
			goto out;
		}
	}
	if (cap_live_stop(cap, err) < 0) {
		rc = die("capture");
		goto out;
	}
	cap_live_stats(cap, &st);
	printf("gen-traffic: %s: %llu packets kept, %llu received, %llu dropped, "
	       "%lu rounds, %.1f s\n", out, st.kept, st.received, st.dropped, i,
	       now_s() - t0);
	rc = st.dropped ? 1 : 0;
	if (st.dropped)
		fprintf(stderr, "gen-traffic: the capture dropped packets\n");
out:
	ns_actor_free(cl);
	cap_live_free(cap);
	cap_writer_free(w);
	ns_server_free(web);
	ns_server_free(web2);
	ns_server_free(dns);
	ns_server_free(ntp);
	ns_lab_free(lab);
	hx_buf_release(&get);
	hx_buf_release(&q);
	return rc;
}
