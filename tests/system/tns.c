/* tns.c: the actor tests' hosts, one engine host per test, addressed by its namespace fd; and a bare pcap capture. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/veth.h>

#include "harness/hx.h"
#include "netns/ns.h"
#include "system/tns.h"

static int rootless;

/* Each tns host is an engine host alone in a lab of its own. */
#define TNS_MAX 64
static struct {
	int fd;
	struct ns_lab *lab;
	struct ns_host *host;
} hosts[TNS_MAX];
static pthread_mutex_t hosts_mu = PTHREAD_MUTEX_INITIALIZER;

int tns_boot(char *err)
{
	int was_root = geteuid() == 0;
	int rc = ns_boot(err);

	if (rc == 0 && !was_root)
		rootless = 1;
	return rc;
}

int tns_rootless(void)
{
	return rootless;
}

static struct ns_host *find(int netfd)
{
	struct ns_host *h = NULL;
	int i;

	pthread_mutex_lock(&hosts_mu);
	for (i = 0; i < TNS_MAX; i++)
		if (hosts[i].host && hosts[i].fd == netfd)
			h = hosts[i].host;
	pthread_mutex_unlock(&hosts_mu);
	return h;
}

int tns_new(char *err, int *netfd)
{
	struct ns_lab *lab = NULL;
	struct ns_host *h = NULL;
	int i, rc;

	*netfd = -1;
	rc = ns_lab_new(err, &lab);
	if (rc == 0)
		rc = ns_host_add(err, lab, "h", &h);
	if (rc < 0) {
		ns_lab_free(lab);
		return rc;
	}
	pthread_mutex_lock(&hosts_mu);
	for (i = 0; i < TNS_MAX && hosts[i].host; i++)
		;
	if (i < TNS_MAX) {
		hosts[i].fd = ns_host_fd(h);
		hosts[i].lab = lab;
		hosts[i].host = h;
	}
	pthread_mutex_unlock(&hosts_mu);
	if (i == TNS_MAX) {
		ns_lab_free(lab);
		return hx_err(err, -EMFILE, "more than %d test hosts", TNS_MAX);
	}
	*netfd = ns_host_fd(h);
	return 0;
}

void tns_free(int netfd)
{
	struct ns_lab *lab = NULL;
	int i;

	pthread_mutex_lock(&hosts_mu);
	for (i = 0; i < TNS_MAX; i++)
		if (hosts[i].host && hosts[i].fd == netfd) {
			lab = hosts[i].lab;
			hosts[i].host = NULL;
			hosts[i].lab = NULL;
		}
	pthread_mutex_unlock(&hosts_mu);
	ns_lab_free(lab);
}

static struct ns_host *need(char *err, int netfd)
{
	struct ns_host *h = find(netfd);

	if (!h)
		hx_err(err, -ENOENT, "fd %d is not a test host", netfd);
	return h;
}

int tns_sysctl(char *err, int netfd, const char *path, const char *value)
{
	struct ns_host *h = need(err, netfd);
	const char *key = path;

	if (!h)
		return -ENOENT;
	if (!strncmp(key, "/proc/sys/", 10))
		key += 10;
	return ns_sysctl_set(err, h, key, value);
}

int tns_route_lo(char *err, int netfd, const char *prefix, int len)
{
	struct ns_host *h = need(err, netfd);
	char dst[64];

	if (!h)
		return -ENOENT;
	snprintf(dst, sizeof(dst), "%s/%d", prefix, len);
	return ns_route_add(err, h, dst, NULL, "lo");
}

int tns_veth(char *err, int netfd, const char *a, const char *b)
{
	struct ns_host *h = need(err, netfd);
	int rc;

	if (!h)
		return -ENOENT;
	/* Without duplicate address detection the link-local addresses are
	 * usable as soon as the pair is up. */
	rc = ns_sysctl_set(err, h, "net.ipv6.conf.default.accept_dad", "0");
	if (rc == 0)
		rc = ns_veth_add(err, h, a, NULL, h, b, NULL);
	if (rc == 0)
		rc = ns_link_set_up(err, h, b, 1);
	if (rc == 0)
		rc = ns_link_set_up(err, h, a, 1);
	return rc;
}

/* Runs fn(arg) in a thread that has entered the namespace netfd. */
struct in_ns {
	int netfd;
	int (*fn)(char *err, void *arg);
	void *arg;
	char *err;
	int rc;
};

static void *in_ns_main(void *p)
{
	struct in_ns *t = p;

	if (setns(t->netfd, CLONE_NEWNET) < 0) {
		t->rc = hx_err(t->err, -errno, "setns: %s", strerror(errno));
		return NULL;
	}
	t->rc = t->fn(t->err, t->arg);
	return NULL;
}

static int in_ns(char *err, int netfd, int (*fn)(char *, void *), void *arg)
{
	struct in_ns t = { netfd, fn, arg, err, 0 };
	pthread_t th;
	int rc = pthread_create(&th, NULL, in_ns_main, &t);

	if (rc)
		return hx_err(err, -rc, "pthread_create: %s", strerror(rc));
	pthread_join(th, NULL);
	return t.rc;
}

struct cap_arg {
	const char *dev;
	const char *filter;
	pcap_t *p;
};

static int cap_open(char *err, void *arg)
{
	struct cap_arg *ca = arg;
	char ebuf[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	pcap_t *p;

	p = pcap_create(ca->dev, ebuf);
	if (!p)
		return hx_err(err, -ENODEV, "pcap_create '%s': %s", ca->dev, ebuf);
	/* On lo (MTU 65536) a full snaplen makes ring slots so large that
	 * the default buffer holds 16 frames: the tests' frames are small. */
	pcap_set_snaplen(p, 4096);
	pcap_set_buffer_size(p, 4 << 20);
	pcap_set_immediate_mode(p, 1);
	if (pcap_activate(p) < 0) {
		hx_err(err, -EIO, "pcap_activate '%s': %s", ca->dev,
		       pcap_geterr(p));
		pcap_close(p);
		return -EIO;
	}
	if (ca->filter) {
		if (pcap_compile(p, &prog, ca->filter, 1,
				 PCAP_NETMASK_UNKNOWN) < 0 ||
		    pcap_setfilter(p, &prog) < 0) {
			hx_err(err, -EINVAL, "filter '%s': %s", ca->filter,
			       pcap_geterr(p));
			pcap_close(p);
			return -EINVAL;
		}
		pcap_freecode(&prog);
	}
	pcap_setnonblock(p, 1, ebuf);
	ca->p = p;
	return 0;
}

int tns_cap_open(char *err, int netfd, const char *dev, const char *filter,
		 pcap_t **out)
{
	struct cap_arg ca = { dev, filter, NULL };
	int rc = in_ns(err, netfd, cap_open, &ca);

	*out = ca.p;
	return rc;
}

struct counting {
	pcap_handler cb;
	unsigned char *user;
	int *seen;
};

static void count_cb(unsigned char *u, const struct pcap_pkthdr *h,
		     const unsigned char *b)
{
	struct counting *c = (struct counting *)u;

	(*c->seen)++;
	if (c->cb)
		c->cb(c->user, h, b);
}

int tns_cap_wait(pcap_t *p, int *seen, int n, int timeout_ms,
		 pcap_handler cb, unsigned char *user)
{
	struct counting c = { cb, user, seen };
	struct timespec t0, now;
	struct pollfd pf;
	int left;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pf.fd = pcap_get_selectable_fd(p);
	pf.events = POLLIN;
	for (;;) {
		while (pcap_dispatch(p, -1, count_cb, (unsigned char *)&c) > 0)
			;
		if (*seen >= n)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = timeout_ms - (int)((now.tv_sec - t0.tv_sec) * 1000 +
					  (now.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0)
			break;
		poll(&pf, 1, left);
	}
	return *seen;
}
