/* test-netns.c: hosts, links, addresses, routes, sysctls, commands and bad arguments, on the real kernel. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "system/st.h"
#include "unit/tu.h"

static ino_t ns_ino(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

static ino_t my_ns(void)
{
	int fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	ino_t ino = ns_ino(fd);

	if (fd >= 0)
		close(fd);
	return ino;
}

/* The interfaces of the calling thread's namespace, one per line. */
static int my_links(char *buf, size_t len)
{
	FILE *f = fopen("/proc/thread-self/net/dev", "re");
	char line[256];
	size_t off = 0;
	int n = 0;

	buf[0] = '\0';
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':'), *s = line;

		if (!colon)
			continue;
		*colon = '\0';
		while (*s == ' ')
			s++;
		off += (size_t)snprintf(buf + off, len - off, "%s\n", s);
		if (off >= len)
			off = len - 1;
		n++;
	}
	fclose(f);
	return n;
}

static const struct ns_link_info *find(const struct ns_link_info *v,
				       size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static void test_hosts(void)
{
	char err[HX_ERRLEN], before[4096], after[4096];
	struct ns_lab *lab;
	struct ns_host *a, *b, *x;
	struct ns_link_info *v;
	ino_t mine = my_ns();
	size_t n;

	CU_ASSERT_FATAL(my_links(before, sizeof(before)) > 0);
	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(ns_host_add(err, lab, "a", &a), err);
	ST_OK(ns_host_add(err, lab, "b", &b), err);
	/* Each host is a namespace of its own, and the caller is back. */
	CU_ASSERT(my_ns() == mine);
	CU_ASSERT(ns_ino(ns_host_fd(a)) != mine);
	CU_ASSERT(ns_ino(ns_host_fd(b)) != mine);
	CU_ASSERT(ns_ino(ns_host_fd(a)) != ns_ino(ns_host_fd(b)));
	CU_ASSERT(fcntl(ns_host_fd(a), F_GETFD) & FD_CLOEXEC);
	CU_ASSERT_STRING_EQUAL(ns_host_name(a), "a");
	ST_OK(ns_host_get(err, lab, "b", &x), err);
	CU_ASSERT(x == b);
	CU_ASSERT(ns_lab_host_at(lab, 0) == a && ns_lab_host_at(lab, 2) == NULL);

	/* A fresh host has lo, up, and nothing else. */
	ST_OK(ns_links(err, a, &v, &n), err);
	CU_ASSERT(n == 1);
	CU_ASSERT(n >= 1 && !strcmp(v[0].name, "lo") &&
		  (v[0].flags & IFF_UP) && (v[0].flags & IFF_LOOPBACK));
	free(v);

	/* The veth pair appears in the hosts, never here. */
	ST_OK(ns_veth_add(err, a, "left", "02:00:00:00:aa:01", b, "right",
			  NULL), err);
	ST_OK(ns_links(err, a, &v, &n), err);
	CU_ASSERT(n == 2);
	CU_ASSERT(find(v, n, "left") && !strcmp(find(v, n, "left")->kind, "veth"));
	CU_ASSERT(find(v, n, "left") && find(v, n, "left")->has_mac &&
		  !memcmp(find(v, n, "left")->mac, "\x02\0\0\0\xaa\x01", 6));
	CU_ASSERT(find(v, n, "right") == NULL);
	free(v);
	ST_OK(ns_links(err, b, &v, &n), err);
	CU_ASSERT(n == 2 && find(v, n, "right") != NULL);
	free(v);
	CU_ASSERT(my_links(after, sizeof(after)) > 0);
	CU_ASSERT_STRING_EQUAL(before, after);

	/* Deleting one end deletes the pair. */
	ST_OK(ns_link_del(err, b, "right"), err);
	CU_ASSERT(st_nlinks(a) == 1 && st_nlinks(b) == 1);
	CU_ASSERT(ns_link_del(err, a, "left") == -ENODEV);
	CU_ASSERT_STRING_EQUAL(err, "no interface 'left' in host 'a'");

	ns_host_free(a);
	CU_ASSERT(ns_host_get(err, lab, "a", &x) == -ENOENT);
	CU_ASSERT(ns_lab_host_at(lab, 0) == b);
	ns_lab_free(lab);
}

static void test_addresses_routes(void)
{
	char err[HX_ERRLEN];
	struct ns_lab *lab;
	struct ns_host *a, *b, *c;
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6,
				   .sin6_port = htons(7) };
	struct sockaddr_in mc = { .sin_family = AF_INET,
				  .sin_port = htons(5353) };
	int lfd, cfd, ufd;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	CU_ASSERT(st_ping(a, "10.0.0.2", 2) == 2);

	/* IPv6 with NODAD: usable the moment it is added. */
	lfd = st_socket(b, AF_INET6, SOCK_STREAM, 0);
	CU_ASSERT_FATAL(lfd >= 0);
	CU_ASSERT(bind(lfd, (struct sockaddr *)&s6, sizeof(s6)) == 0);
	CU_ASSERT(listen(lfd, 1) == 0);
	cfd = st_socket(a, AF_INET6, SOCK_STREAM, 0);
	CU_ASSERT_FATAL(cfd >= 0);
	inet_pton(AF_INET6, "fd00::2", &s6.sin6_addr);
	CU_ASSERT(connect(cfd, (struct sockaddr *)&s6, sizeof(s6)) == 0);
	close(cfd);
	close(lfd);

	/* c behind b, on another subnet; b routes between them. */
	ST_OK(ns_host_add(err, lab, "c", &c), err);
	ST_OK(ns_veth_add(err, b, "eth1", NULL, c, "eth0", NULL), err);
	ST_OK(ns_addr_add(err, b, "eth1", "10.0.1.1/24"), err);
	ST_OK(ns_addr_add(err, c, "eth0", "10.0.1.2/24"), err);
	ST_OK(ns_link_set_up(err, b, "eth1", 1), err);
	ST_OK(ns_link_set_up(err, c, "eth0", 1), err);
	CU_ASSERT(st_ping(a, "10.0.1.2", 1) == 0); /* no route yet */
	ST_OK(ns_route_add(err, a, "default", "10.0.0.2", NULL), err);
	ST_OK(ns_route_add(err, c, "10.0.0.0/24", "10.0.1.1", "eth0"), err);
	ST_OK(ns_sysctl_set(err, b, "net.ipv4.ip_forward", "1"), err);
	CU_ASSERT(st_ping(a, "10.0.1.2", 2) == 2);
	/* The same route twice is refused, naming it. */
	CU_ASSERT(ns_route_add(err, a, "default", "10.0.0.2", NULL) == -EEXIST);
	CU_ASSERT(strstr(err, "'default'") != NULL);

	/* Multicast needs a route (DESIGN.md): c has none for 224/4. */
	inet_pton(AF_INET, "224.0.0.251", &mc.sin_addr);
	ufd = st_socket(c, AF_INET, SOCK_DGRAM, 0);
	CU_ASSERT_FATAL(ufd >= 0);
	CU_ASSERT(sendto(ufd, "q", 1, 0, (struct sockaddr *)&mc,
			 sizeof(mc)) < 0 && errno == ENETUNREACH);
	ST_OK(ns_route_add(err, c, "224.0.0.0/4", NULL, "eth0"), err);
	CU_ASSERT(sendto(ufd, "q", 1, 0, (struct sockaddr *)&mc,
			 sizeof(mc)) == 1);
	close(ufd);
	ns_lab_free(lab);
}

static void test_bridges(void)
{
	char err[HX_ERRLEN];
	struct ns_lab *lab;
	struct ns_host *s;
	struct ns_link_info *v;
	const struct ns_link_info *br, *hub, *p0, *p1;
	size_t n;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(ns_host_add(err, lab, "sw", &s), err);
	ST_OK(ns_bridge_add(err, s, "br0", "02:00:00:00:bb:01", 0), err);
	ST_OK(ns_bridge_add(err, s, "hub0", NULL, NS_BR_HUB), err);
	ST_OK(ns_veth_add(err, s, "p0", NULL, s, "p1", NULL), err);
	ST_OK(ns_link_master(err, s, "p0", "br0"), err);
	ST_OK(ns_link_master(err, s, "p1", "hub0"), err);
	ST_OK(ns_link_set_up(err, s, "br0", 1), err);
	ST_OK(ns_links(err, s, &v, &n), err);
	br = find(v, n, "br0");
	hub = find(v, n, "hub0");
	p0 = find(v, n, "p0");
	p1 = find(v, n, "p1");
	CU_ASSERT_FATAL(br && hub && p0 && p1);
	CU_ASSERT_STRING_EQUAL(br->kind, "bridge");
	CU_ASSERT_STRING_EQUAL(hub->kind, "bridge");
	CU_ASSERT(br->flags & IFF_UP);
	CU_ASSERT(!(hub->flags & IFF_UP));
	CU_ASSERT(!memcmp(br->mac, "\x02\0\0\0\xbb\x01", 6));
	CU_ASSERT(p0->master == br->ifindex);
	CU_ASSERT(p1->master == hub->ifindex);
	CU_ASSERT(ns_ifindex(err, s, "hub0") == hub->ifindex);
	free(v);
	/* A second bridge of the same name is refused, nothing changes. */
	CU_ASSERT(ns_bridge_add(err, s, "br0", NULL, NS_BR_HUB) == -EEXIST);
	CU_ASSERT(strstr(err, "'br0'") && strstr(err, "'sw'"));
	CU_ASSERT(st_nlinks(s) == 5);
	ns_lab_free(lab);
}

static void test_sysctls(void)
{
	char err[HX_ERRLEN], v[64], mine[64] = "", mine2[64] = "";
	struct ns_lab *lab;
	struct ns_host *a, *b;
	FILE *f;

	f = fopen("/proc/sys/net/ipv4/tcp_syn_retries", "re");
	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT(fgets(mine, sizeof(mine), f) != NULL);
	fclose(f);

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	ST_OK(ns_sysctl_set(err, a, "net.ipv4.tcp_syn_retries", "2"), err);
	ST_OK(ns_sysctl_set(err, a, "net/ipv4/tcp_syn_linear_timeouts", "0"),
	      err);
	ST_OK(ns_sysctl_set(err, a, "net.ipv6.conf.eth0.disable_ipv6", "1"),
	      err);
	ST_OK(ns_sysctl_get(err, a, "net.ipv4.tcp_syn_retries", v, sizeof(v)),
	      err);
	CU_ASSERT_STRING_EQUAL(v, "2");
	ST_OK(ns_sysctl_get(err, a, "net.ipv4.tcp_syn_linear_timeouts", v,
			    sizeof(v)), err);
	CU_ASSERT_STRING_EQUAL(v, "0");
	ST_OK(ns_sysctl_get(err, a, "net.ipv6.conf.eth0.disable_ipv6", v,
			    sizeof(v)), err);
	CU_ASSERT_STRING_EQUAL(v, "1");
	/* Per namespace: b keeps the kernel's defaults (6 and 4). */
	ST_OK(ns_sysctl_get(err, b, "net.ipv4.tcp_syn_retries", v, sizeof(v)),
	      err);
	CU_ASSERT_STRING_EQUAL(v, "6");
	ST_OK(ns_sysctl_get(err, b, "net.ipv4.tcp_syn_linear_timeouts", v,
			    sizeof(v)), err);
	CU_ASSERT_STRING_EQUAL(v, "4");
	ST_OK(ns_sysctl_get(err, b, "net.ipv6.conf.eth0.disable_ipv6", v,
			    sizeof(v)), err);
	CU_ASSERT_STRING_EQUAL(v, "0");
	/* ... and so does the caller's namespace. */
	f = fopen("/proc/sys/net/ipv4/tcp_syn_retries", "re");
	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT(fgets(mine2, sizeof(mine2), f) != NULL);
	fclose(f);
	CU_ASSERT_STRING_EQUAL(mine, mine2);

	/* Only network sysctls, and only existing ones. */
	CU_ASSERT(ns_sysctl_set(err, a, "kernel.hostname", "x") == -EINVAL);
	CU_ASSERT(strstr(err, "'kernel.hostname'") != NULL);
	CU_ASSERT(ns_sysctl_set(err, a, "net.ipv4.../x", "1") == -EINVAL);
	CU_ASSERT(ns_sysctl_set(err, a, "net.ipv4.no_such_knob", "1") ==
		  -ENOENT);
	CU_ASSERT(strstr(err, "'net.ipv4.no_such_knob'") &&
		  strstr(err, "'a'"));
	CU_ASSERT(ns_sysctl_set(err, a, "net.ipv4.tcp_syn_retries", "x") < 0);
	CU_ASSERT(strstr(err, "'net.ipv4.tcp_syn_retries'") != NULL);
	ns_lab_free(lab);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_commands(void)
{
	char err[HX_ERRLEN], want[64];
	char *sh[] = { "sh", "-c", "echo out; echo err >&2; exit 3", NULL };
	char *nsid[] = { "readlink", "/proc/self/ns/net", NULL };
	char *sleep10[] = { "sleep", "10", NULL };
	char *ipt_v[] = { "iptables", "-V", NULL };
	char *ipt_add[] = { "iptables", "-A", "INPUT", "-p", "tcp", "--dport",
			    "80", "-j", "DROP", NULL };
	char *ipt_s[] = { "iptables", "-S", "INPUT", NULL };
	char *nosuch[] = { "dumplab-no-such-command", NULL };
	char *legacy[] = { "iptables-legacy", "-S", NULL };
	char *fail[] = { "sh", "-c", "echo 'bad rule' >&2; exit 2", NULL };
	struct hx_buf out = HX_BUF_INIT;
	struct ns_run_res res;
	struct ns_lab *lab;
	struct ns_host *a, *b;
	long long t0;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);

	ST_OK(ns_run(err, a, sh, 5000, &res), err);
	CU_ASSERT(WIFEXITED(res.status) && WEXITSTATUS(res.status) == 3);
	CU_ASSERT(!res.timed_out);
	CU_ASSERT(res.out.p && strstr(res.out.p, "out\n") &&
		  strstr(res.out.p, "err\n"));
	hx_buf_release(&res.out);

	/* The command runs in the host's namespace. */
	ST_OK(ns_run(err, a, nsid, 5000, &res), err);
	{
		struct stat st;

		CU_ASSERT(fstat(ns_host_fd(a), &st) == 0);
		snprintf(want, sizeof(want), "net:[%lu]",
			 (unsigned long)st.st_ino);
	}
	CU_ASSERT(res.out.p && strstr(res.out.p, want) != NULL);
	hx_buf_release(&res.out);

	/* A timeout kills it by its pid. */
	t0 = now_ms();
	ST_OK(ns_run(err, a, sleep10, 300, &res), err);
	CU_ASSERT(res.timed_out);
	CU_ASSERT(WIFSIGNALED(res.status) && WTERMSIG(res.status) == SIGKILL);
	CU_ASSERT(now_ms() - t0 < 3000);
	hx_buf_release(&res.out);

	/* iptables is the nf_tables one, and its rules stay in the host. */
	ST_OK(ns_run_ok(err, a, ipt_v, 10000, &out), err);
	CU_ASSERT(out.p && strstr(out.p, "nf_tables") != NULL);
	ST_OK(ns_run_ok(err, a, ipt_add, 10000, NULL), err);
	ST_OK(ns_run_ok(err, a, ipt_s, 10000, &out), err);
	CU_ASSERT(out.p && strstr(out.p, "--dport 80 -j DROP") != NULL);
	ST_OK(ns_run_ok(err, b, ipt_s, 10000, &out), err);
	CU_ASSERT(out.p && strstr(out.p, "--dport 80") == NULL);
	hx_buf_release(&out);

	/* Failures name the command and the host. */
	CU_ASSERT(ns_run(err, a, nosuch, 1000, &res) == -ENOENT);
	CU_ASSERT(strstr(err, "'dumplab-no-such-command'") &&
		  strstr(err, "'a'"));
	hx_buf_release(&res.out);
	CU_ASSERT(ns_run(err, a, legacy, 1000, &res) == -EPERM);
	CU_ASSERT(strstr(err, "'iptables-legacy'") != NULL);
	hx_buf_release(&res.out);
	CU_ASSERT(ns_run_ok(err, b, fail, 5000, NULL) == -EIO);
	CU_ASSERT(strstr(err, "exited 2: bad rule") && strstr(err, "'b'"));
	ns_lab_free(lab);
}

/*
 * With duplicate address detection off, up returns only once the link's
 * IPv6 addresses are usable: none is tentative any more (under load the
 * kernel's addrconf work, which clears the flag, ran after the multicast
 * scenario's first send from the link-local address: EADDRNOTAVAIL).
 */
static void test_up_waits_for_ipv6(void)
{
	char err[HX_ERRLEN];
	char *tent[] = { "ip", "-6", "addr", "show", "tentative", NULL };
	char *ll[] = { "ip", "-6", "addr", "show", "dev", "eth0", "scope", "link",
		       NULL };
	struct ns_run_res res;
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct ns_host *hs[2];
	int i;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(ns_host_add(err, lab, "a", &a), err);
	ST_OK(ns_host_add(err, lab, "b", &b), err);
	hs[0] = a;
	hs[1] = b;
	for (i = 0; i < 2; i++)
		ST_OK(ns_sysctl_set(err, hs[i], "net.ipv6.conf.default.accept_dad",
				    "0"), err);
	ST_OK(ns_veth_add(err, a, "eth0", NULL, b, "eth0", NULL), err);
	ST_OK(ns_link_set_up(err, a, "eth0", 1), err);
	ST_OK(ns_link_set_up(err, b, "eth0", 1), err);
	for (i = 0; i < 2; i++) {
		ST_OK(ns_run(err, hs[i], ll, 5000, &res), err);
		CU_ASSERT(res.out.p && strstr(res.out.p, "inet6 fe80::") != NULL);
		hx_buf_release(&res.out);
		ST_OK(ns_run(err, hs[i], tent, 5000, &res), err);
		CU_ASSERT_EQUAL(res.out.len, 0);
		if (res.out.len)
			fprintf(stderr, "\n  tentative right after up:\n%s",
				res.out.p);
		hx_buf_release(&res.out);
	}
	ns_lab_free(lab);
}

/* Bad arguments: each names the culprit and changes nothing. */
static void test_bad_arguments(void)
{
	static const char *const bad_addrs[] = {
		"10.0.0.300/24", "10.0.0.1/33", "fd00::zz/64", "10.0.0.1/",
		"10.0.0.1/2x", "", "eth0", "10.0.0.1/-1",
	};
	char err[HX_ERRLEN], want[64];
	struct ns_lab *lab;
	struct ns_host *a, *b, *x;
	size_t i;
	int na, nb;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	na = st_nlinks(a);
	nb = st_nlinks(b);

	CU_ASSERT(ns_host_get(err, lab, "zz", &x) == -ENOENT);
	CU_ASSERT_STRING_EQUAL(err, "unknown host 'zz'");
	CU_ASSERT(ns_host_add(err, lab, "a", &x) == -EEXIST);
	CU_ASSERT_STRING_EQUAL(err, "host 'a' already exists");
	CU_ASSERT(ns_lab_host_at(lab, 2) == NULL);
	CU_ASSERT(ns_host_add(err, lab, "bad/name", &x) == -EINVAL);
	CU_ASSERT(strstr(err, "'bad/name'") != NULL);

	CU_ASSERT(ns_link_set_up(err, a, "eth9", 1) == -ENODEV);
	CU_ASSERT_STRING_EQUAL(err, "no interface 'eth9' in host 'a'");
	CU_ASSERT(ns_addr_add(err, a, "eth9", "10.0.0.5/24") == -ENODEV);
	CU_ASSERT_STRING_EQUAL(err, "no interface 'eth9' in host 'a'");
	CU_ASSERT(ns_link_master(err, a, "eth0", "nobr") == -ENODEV);
	CU_ASSERT_STRING_EQUAL(err, "no interface 'nobr' in host 'a'");
	CU_ASSERT(ns_route_add(err, a, "default", NULL, "eth9") == -ENODEV);
	CU_ASSERT(strstr(err, "'eth9'") != NULL);
	CU_ASSERT(ns_link_set_up(err, a, "much-too-long-name", 1) == -EINVAL);
	CU_ASSERT(strstr(err, "'much-too-long-name'") != NULL);

	for (i = 0; i < sizeof(bad_addrs) / sizeof(bad_addrs[0]); i++) {
		snprintf(want, sizeof(want), "cannot parse address '%s'",
			 bad_addrs[i]);
		CU_ASSERT(ns_addr_add(err, a, "eth0", bad_addrs[i]) == -EINVAL);
		CU_ASSERT_STRING_EQUAL(err, want);
	}
	CU_ASSERT(ns_route_add(err, a, "default", "10.0.0.256", NULL) ==
		  -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "cannot parse gateway '10.0.0.256'");
	CU_ASSERT(ns_route_add(err, a, "10.9.0.0/99", NULL, "eth0") == -EINVAL);
	CU_ASSERT(strstr(err, "'10.9.0.0/99'") != NULL);

	/* veth: an end's name taken in the other host, a bad MAC, a MAC the
	 * kernel refuses (all zero): no end appears anywhere. */
	CU_ASSERT(ns_veth_add(err, a, "new0", NULL, b, "eth0", NULL) == -EEXIST);
	CU_ASSERT_STRING_EQUAL(err,
			       "interface 'eth0' already exists in host 'b'");
	CU_ASSERT(ns_veth_add(err, a, "new0", "02:00:00:00:00", b, "new1",
			      NULL) == -EINVAL);
	CU_ASSERT(strstr(err, "'02:00:00:00:00'") != NULL);
	CU_ASSERT(ns_veth_add(err, a, "new0", NULL, b, "new1",
			      "00:00:00:00:00:00") < 0);
	CU_ASSERT(strstr(err, "'new0'") && strstr(err, "'new1'"));
	CU_ASSERT(st_nlinks(a) == na);
	CU_ASSERT(st_nlinks(b) == nb);
	ns_lab_free(lab);
}

static CU_TestInfo tests[] = {
	{ "hosts are namespaces; veth ends never pass here", test_hosts },
	{ "addresses (IPv6 nodad), routes, forwarding, multicast route",
	  test_addresses_routes },
	{ "bridges, hubs and ports", test_bridges },
	{ "sysctls are per host and read back", test_sysctls },
	{ "commands in a host: status, output, timeout, nft iptables",
	  test_commands },
	{ "up waits for IPv6 addresses to be usable where DAD is off",
	  test_up_waits_for_ipv6 },
	{ "bad arguments name the culprit and leave nothing",
	  test_bad_arguments },
	CU_TEST_INFO_NULL,
};

static int init(void)
{
	return st_boot();
}

TU_SUITE("netns", init, NULL, tests);
