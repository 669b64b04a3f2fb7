/* tns.c: STAND-IN for the engine's ns_host API (see tns.h): namespaces, lo, routes, a capture. */
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
#include "system/tns.h"

static int booted;
static int rootless;

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t w;
	int rc = 0;

	if (fd < 0)
		return -errno;
	w = write(fd, text, strlen(text));
	if (w < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int tns_boot(char *err)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int rc;

	if (booted || uid == 0) {
		booted = 1;
		return 0;
	}
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0)
		return hx_err(err, -errno, "cannot enter a user namespace: %s",
			      strerror(errno));
	rc = write_file("/proc/self/setgroups", "deny");
	if (rc == 0) {
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
		rc = write_file("/proc/self/uid_map", map);
	}
	if (rc == 0) {
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
		rc = write_file("/proc/self/gid_map", map);
	}
	if (rc < 0)
		return hx_err(err, rc, "cannot map uid %u in the user namespace: %s",
			      (unsigned)uid, strerror(-rc));
	booted = 1;
	rootless = 1;
	return 0;
}

int tns_rootless(void)
{
	return rootless;
}

/* Runs fn(arg) in a thread that has entered the namespace netfd (or a
 * new one when netfd is -1). */
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

	if (t->netfd >= 0 && setns(t->netfd, CLONE_NEWNET) < 0) {
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

static int set_flags(char *err, const char *dev, short add)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc = 0;

	if (s < 0)
		return hx_err(err, -errno, "socket: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		rc = -errno;
	ifr.ifr_flags |= add;
	if (rc == 0 && ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
		rc = -errno;
	close(s);
	if (rc < 0)
		return hx_err(err, rc, "cannot set the flags of '%s': %s", dev,
			      strerror(-rc));
	return 0;
}

static int new_ns(char *err, void *arg)
{
	int *out = arg, self, fd, rc;

	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return hx_err(err, -errno, "cannot open this thread's namespace: %s",
			      strerror(errno));
	if (unshare(CLONE_NEWNET) < 0) {
		rc = hx_err(err, -errno, "cannot make a network namespace: %s",
			    strerror(errno));
		close(self);
		return rc;
	}
	fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	rc = fd < 0 ? hx_err(err, -errno, "cannot open the new namespace: %s",
			     strerror(errno)) :
		      set_flags(err, "lo", IFF_UP);
	if (setns(self, CLONE_NEWNET) < 0 && rc == 0)
		rc = hx_err(err, -errno, "cannot go back: %s", strerror(errno));
	close(self);
	if (rc < 0) {
		if (fd >= 0)
			close(fd);
		return rc;
	}
	*out = fd;
	return 0;
}

int tns_new(char *err, int *netfd)
{
	*netfd = -1;
	return in_ns(err, -1, new_ns, netfd);
}

struct sysctl_arg {
	const char *path, *value;
};

static int sysctl_set(char *err, void *arg)
{
	struct sysctl_arg *sa = arg;
	int rc = write_file(sa->path, sa->value);

	if (rc < 0)
		return hx_err(err, rc, "cannot write '%s' to %s: %s", sa->value,
			      sa->path, strerror(-rc));
	return 0;
}

int tns_sysctl(char *err, int netfd, const char *path, const char *value)
{
	struct sysctl_arg sa = { path, value };

	return in_ns(err, netfd, sysctl_set, &sa);
}

struct route_arg {
	const char *prefix;
	int len;
};

static int route_lo(char *err, void *arg)
{
	struct route_arg *ra = arg;
	struct rtentry rt;
	struct sockaddr_in *dst = (struct sockaddr_in *)&rt.rt_dst;
	struct sockaddr_in *mask = (struct sockaddr_in *)&rt.rt_genmask;
	char dev[] = "lo";
	int s, rc = 0;

	memset(&rt, 0, sizeof(rt));
	dst->sin_family = AF_INET;
	mask->sin_family = AF_INET;
	if (inet_pton(AF_INET, ra->prefix, &dst->sin_addr) != 1)
		return hx_err(err, -EINVAL, "cannot parse '%s'", ra->prefix);
	mask->sin_addr.s_addr = htonl(ra->len ? ~0u << (32 - ra->len) : 0);
	rt.rt_flags = RTF_UP;
	rt.rt_dev = dev;
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0 || ioctl(s, SIOCADDRT, &rt) < 0)
		rc = hx_err(err, -errno, "cannot add route %s/%d dev lo: %s",
			    ra->prefix, ra->len, strerror(errno));
	if (s >= 0)
		close(s);
	return rc;
}

int tns_route_lo(char *err, int netfd, const char *prefix, int len)
{
	struct route_arg ra = { prefix, len };

	return in_ns(err, netfd, route_lo, &ra);
}

struct veth_arg {
	const char *a, *b;
};

static int veth_new(char *err, void *arg)
{
	struct veth_arg *va = arg;
	struct nl_sock *sk;
	struct rtnl_link *l;
	int rc;

	/* Without duplicate address detection the link-local addresses are
	 * usable as soon as the pair is up. */
	rc = write_file("/proc/sys/net/ipv6/conf/default/accept_dad", "0");
	if (rc < 0)
		return hx_err(err, rc, "cannot set accept_dad: %s", strerror(-rc));
	sk = nl_socket_alloc();
	if (!sk)
		return hx_err(err, -ENOMEM, "nl_socket_alloc failed");
	l = rtnl_link_veth_alloc();
	rc = l ? nl_connect(sk, NETLINK_ROUTE) : -NLE_NOMEM;
	if (rc == 0) {
		rtnl_link_set_name(l, va->a);
		/* get_peer takes a reference of its own. */
		struct rtnl_link *peer = rtnl_link_veth_get_peer(l);

		rtnl_link_set_name(peer, va->b);
		rtnl_link_put(peer);
		rc = rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL);
	}
	if (l)
		rtnl_link_veth_release(l);
	nl_socket_free(sk);
	if (rc < 0)
		return hx_err(err, -EIO, "cannot create veth '%s'/'%s': %s",
			      va->a, va->b, nl_geterror(rc));
	rc = set_flags(err, va->b, IFF_UP);
	if (rc == 0)
		rc = set_flags(err, va->a, IFF_UP);
	return rc;
}

int tns_veth(char *err, int netfd, const char *a, const char *b)
{
	struct veth_arg va = { a, b };

	return in_ns(err, netfd, veth_new, &va);
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
