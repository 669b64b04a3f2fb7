/* ns-link.c: veth pairs, bridges and hubs, ports, link state, addresses and routes, through libnl-3 route. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/route.h>

#include "netns/ns-int.h"

/* "aa:bb:cc:dd:ee:ff" into mac; -EINVAL with err naming it otherwise. */
static int parse_mac(char *err, const char *s, unsigned char mac[6])
{
	unsigned v[6];
	char tail;
	int i;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3],
		   &v[4], &v[5], &tail) != 6 || strlen(s) != 17)
		return hx_err(err, -EINVAL, "cannot parse MAC address '%s'", s);
	for (i = 0; i < 6; i++)
		mac[i] = (unsigned char)v[i];
	if (mac[0] & 1)
		return hx_err(err, -EINVAL,
			      "MAC address '%s' is a multicast address", s);
	return 0;
}

static int set_mac(char *err, struct rtnl_link *l, const char *s)
{
	unsigned char mac[6];
	struct nl_addr *a;
	int rc;

	if (!s)
		return 0;
	rc = parse_mac(err, s, mac);
	if (rc < 0)
		return rc;
	a = nl_addr_build(AF_LLC, mac, sizeof(mac));
	if (!a)
		return hx_err(err, -ENOMEM, "cannot allocate an address");
	rtnl_link_set_addr(l, a);
	nl_addr_put(a);
	return 0;
}

/* The ifindex of ifname in h (> 0), 0 when absent, or a negative code. */
static int find_link(char *err, struct ns_host *h, const char *ifname)
{
	struct rtnl_link *l = NULL;
	int rc;

	rc = ns_check_ifname(err, ifname);
	if (rc < 0)
		return rc;
	rc = rtnl_link_get_kernel(h->nl, 0, ifname, &l);
	if (rc == -NLE_OBJ_NOTFOUND || rc == -NLE_NODEV)
		return 0;
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot look up interface '%s' in host '%s': %s",
			      ifname, h->name, ns_nlstr(rc));
	rc = rtnl_link_get_ifindex(l);
	rtnl_link_put(l);
	return rc;
}

int ns_ifindex(char *err, struct ns_host *h, const char *ifname)
{
	int rc = find_link(err, h, ifname);

	if (rc == 0)
		return hx_err(err, -ENODEV, "no interface '%s' in host '%s'",
			      ifname, h->name);
	return rc;
}

/* -EEXIST with err set when ifname exists in h already. */
static int check_free(char *err, struct ns_host *h, const char *ifname)
{
	int rc = find_link(err, h, ifname);

	if (rc > 0)
		return hx_err(err, -EEXIST,
			      "interface '%s' already exists in host '%s'",
			      ifname, h->name);
	return rc;
}

int ns_veth_add(char *err, struct ns_host *a, const char *ifa,
		const char *mac_a, struct ns_host *b, const char *ifb,
		const char *mac_b)
{
	struct rtnl_link *link = NULL, *peer = NULL;
	int rc;

	if (a == b && ifa && ifb && !strcmp(ifa, ifb))
		return hx_err(err, -EEXIST,
			      "veth ends '%s' and '%s' in host '%s' share a name",
			      ifa, ifb, a->name);
	if ((rc = check_free(err, a, ifa)) < 0 ||
	    (rc = check_free(err, b, ifb)) < 0)
		return rc;

	if (a->lab->nveth == a->lab->capveth) {
		size_t cap = a->lab->capveth ? 2 * a->lab->capveth : 8;
		struct ns_veth *v = realloc(a->lab->veths, cap * sizeof(*v));

		if (!v)
			return hx_err(err, -ENOMEM, "cannot allocate veth '%s'",
				      ifa);
		a->lab->veths = v;
		a->lab->capveth = cap;
	}
	link = rtnl_link_veth_alloc();
	if (!link)
		return hx_err(err, -ENOMEM, "cannot allocate a veth");
	peer = rtnl_link_veth_get_peer(link);
	rtnl_link_set_name(link, ifa);
	rtnl_link_set_name(peer, ifb);
	if ((rc = set_mac(err, link, mac_a)) < 0 ||
	    (rc = set_mac(err, peer, mac_b)) < 0)
		goto out;
	/*
	 * One request, sent from inside a, with the peer's IFLA_NET_NS_FD set
	 * to b: the kernel creates the peer directly in b, so neither end
	 * ever exists anywhere else, and a failure leaves no half pair.
	 */
	if (b != a)
		rtnl_link_set_ns_fd(peer, b->fd);
	rc = rtnl_link_add(a->nl, link, NLM_F_CREATE | NLM_F_EXCL);
	if (rc < 0) {
		rc = hx_err(err, ns_nlerrno(rc),
			    "cannot create veth '%s' in host '%s' (peer '%s' in host '%s'): %s",
			    ifa, a->name, ifb, b->name, ns_nlstr(rc));
	} else {
		struct ns_veth *v = &a->lab->veths[a->lab->nveth++];

		v->a = a;
		v->b = b;
		snprintf(v->ifa, sizeof(v->ifa), "%s", ifa);
		snprintf(v->ifb, sizeof(v->ifb), "%s", ifb);
	}
out:
	rtnl_link_put(peer);
	rtnl_link_veth_release(link);
	return rc;
}

/* Fills IFLA_INFO_DATA of one kind of link; 0 or negative (too big). */
typedef int ns_fill_fn(struct nl_msg *msg, const void *arg);

/*
 * The one RTM_NEWLINK builder (iproute2's link_util idea): a link of kind
 * named name in h, down, with the MAC address mac (NULL: the kernel's),
 * fill (NULL: none) writing the kind's IFLA_INFO_DATA, and what naming
 * the link in the message ("bridge", "dummy link"). One request makes the
 * link whole or not at all.
 */
static int ns_newlink(char *err, struct ns_host *h, const char *name,
		      const char *kind, const unsigned char *mac,
		      ns_fill_fn *fill, const void *arg, const char *what)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *info;
	struct nl_msg *msg;
	int rc;

	msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	if (!msg)
		return hx_err(err, -ENOMEM, "cannot allocate a netlink message");
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, IFLA_IFNAME, name) < 0 ||
	    (mac && nla_put(msg, IFLA_ADDRESS, 6, mac) < 0) ||
	    !(info = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, kind) < 0 ||
	    (fill && fill(msg, arg) < 0)) {
		nlmsg_free(msg);
		return hx_err(err, -EMSGSIZE,
			      "cannot build the request for '%s'", name);
	}
	nla_nest_end(msg, info);
	rc = nl_send_sync(h->nl, msg); /* frees msg, waits for the ack */
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot create %s '%s' in host '%s': %s", what,
			      name, h->name, ns_nlstr(rc));
	return 0;
}

/*
 * A hub is a bridge whose ageing time is 0 (it never learns, so it
 * floods every frame to every port). Built by hand: libnl 3.7 has no
 * setter for IFLA_BR_AGEING_TIME.
 */
static int fill_hub(struct nl_msg *msg, const void *arg)
{
	struct nlattr *data;

	(void)arg;
	if (!(data = nla_nest_start(msg, IFLA_INFO_DATA)) ||
	    nla_put_u32(msg, IFLA_BR_AGEING_TIME, 0) < 0)
		return -1;
	nla_nest_end(msg, data);
	return 0;
}

int ns_bridge_add(char *err, struct ns_host *h, const char *name,
		  const char *mac, unsigned flags)
{
	unsigned char addr[6];
	int rc, hub = !!(flags & NS_BR_HUB);

	if ((rc = check_free(err, h, name)) < 0)
		return rc;
	if (mac && (rc = parse_mac(err, mac, addr)) < 0)
		return rc;
	return ns_newlink(err, h, name, "bridge", mac ? addr : NULL,
			  hub ? fill_hub : NULL, NULL, hub ? "hub" : "bridge");
}

int ns_link_add(char *err, struct ns_host *h, const char *name,
		const char *kind)
{
	char what[64];
	int rc;

	if ((rc = check_free(err, h, name)) < 0)
		return rc;
	snprintf(what, sizeof(what), "%s link", kind);
	return ns_newlink(err, h, name, kind, NULL, NULL, NULL, what);
}

int ns_link_master(char *err, struct ns_host *h, const char *ifname,
		   const char *bridge)
{
	int port, br, rc;

	if ((port = ns_ifindex(err, h, ifname)) < 0 ||
	    (br = ns_ifindex(err, h, bridge)) < 0)
		return port < 0 ? port : br;
	rc = rtnl_link_enslave_ifindex(h->nl, br, port);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot make '%s' a port of '%s' in host '%s': %s",
			      ifname, bridge, h->name, ns_nlstr(rc));
	return 0;
}

#define RUNNING_WAIT_MS 3000
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000 /* <linux/if.h>, which clashes with <net/if.h> */
#endif

/* IFF_ flags of ifname in h, through the host's socket. */
static int link_flags(char *err, struct ns_host *h, const char *ifname,
		      int *ifindex, unsigned *flags)
{
	struct rtnl_link *l = NULL;
	int rc;

	rc = rtnl_link_get_kernel(h->nl, 0, ifname, &l);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot look up interface '%s' in host '%s': %s",
			      ifname, h->name, ns_nlstr(rc));
	*flags = rtnl_link_get_flags(l);
	*ifindex = rtnl_link_get_ifindex(l);
	rtnl_link_put(l);
	return 0;
}

static int needs_wait(unsigned flags)
{
	return (flags & IFF_UP) && (flags & IFF_LOWER_UP) &&
	       !(flags & IFF_RUNNING);
}

struct run_watch {
	int ifindex;
	int running;
};

static int on_link_event(struct nl_msg *msg, void *arg)
{
	struct run_watch *w = arg;
	struct nlmsghdr *nh = nlmsg_hdr(msg);
	struct ifinfomsg *ifi;

	if (nh->nlmsg_type != RTM_NEWLINK ||
	    nh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return NL_SKIP;
	ifi = nlmsg_data(nh);
	if (ifi->ifi_index == w->ifindex && (ifi->ifi_flags & IFF_RUNNING))
		w->running = 1;
	return NL_OK;
}

/*
 * Waits until ifname in h is operational (IFF_RUNNING), when it is up and
 * has carrier; returns at once otherwise. Why: a veth end that came up
 * while its peer was down had no carrier, so its transmit queue keeps the
 * "noop" qdisc, which drops every packet, until the kernel's linkwatch
 * work runs after the peer comes up: it sets the operational state,
 * attaches the real qdisc, then announces the link (RTM_NEWLINK). Traffic
 * sent before that, the first ARP request typically, is lost. So we wait
 * for that announcement on a socket of our own in the host.
 */
static int wait_running(char *err, struct ns_host *h, const char *ifname)
{
	struct run_watch w = { 0, 0 };
	struct nl_sock *sk = NULL;
	unsigned flags;
	int rc, saved, left = RUNNING_WAIT_MS;
	char err2[HX_ERRLEN] = "no membership";
	struct timespec t0, t1;

	if ((rc = link_flags(err, h, ifname, &w.ifindex, &flags)) < 0 ||
	    !needs_wait(flags))
		return rc;
	if ((rc = ns_enter(err, h->fd, &saved)) < 0)
		return rc;
	sk = ns_nl_open(err2);
	if ((rc = ns_leave(err, &saved)) < 0)
		goto out;
	if (!sk ||
	    nl_socket_add_membership(sk, RTNLGRP_LINK) < 0 ||
	    nl_socket_set_nonblocking(sk) < 0) {
		rc = hx_err(err, -EIO,
			    "cannot watch interface '%s' in host '%s': %s",
			    ifname, h->name, err2);
		goto out;
	}
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_link_event, &w);
	/* Subscribed first, then looked again: no announcement is missed. */
	if ((rc = link_flags(err, h, ifname, &w.ifindex, &flags)) < 0 ||
	    !needs_wait(flags))
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!w.running) {
		struct pollfd pf = { nl_socket_get_fd(sk), POLLIN, 0 };

		if (left <= 0 || poll(&pf, 1, left) == 0) {
			rc = hx_err(err, -ETIMEDOUT,
				    "interface '%s' in host '%s' has carrier but is not running after %d ms",
				    ifname, h->name, RUNNING_WAIT_MS);
			goto out;
		}
		rc = nl_recvmsgs_default(sk);
		if (rc < 0 && rc != -NLE_AGAIN) {
			rc = hx_err(err, ns_nlerrno(rc),
				    "cannot watch interface '%s' in host '%s': %s",
				    ifname, h->name, ns_nlstr(rc));
			goto out;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		left = RUNNING_WAIT_MS -
		       (int)((t1.tv_sec - t0.tv_sec) * 1000 +
			     (t1.tv_nsec - t0.tv_nsec) / 1000000);
	}
	rc = 0;
out:
	nl_socket_free(sk);
	return rc;
}

/* 1 when ifname's IPv6 addresses need no duplicate address detection
 * (IPv6 on; accept_dad 0 or dad_transmits 0 for it and for "all"). */
static int dad_off(struct ns_host *h, const char *ifname)
{
	static const char *const devs[] = { NULL, "all" };
	char key[96], v[16], e[HX_ERRLEN];
	size_t i;
	int off = 1;

	snprintf(key, sizeof(key), "net.ipv6.conf.%s.disable_ipv6", ifname);
	if (ns_sysctl_get(e, h, key, v, sizeof(v)) < 0 || strcmp(v, "0"))
		return 0;
	for (i = 0; i < 2 && off; i++) {
		const char *d = devs[i] ? devs[i] : ifname;

		snprintf(key, sizeof(key), "net.ipv6.conf.%s.accept_dad", d);
		if (ns_sysctl_get(e, h, key, v, sizeof(v)) < 0)
			return 0;
		if (atoi(v) < 1)
			continue;
		snprintf(key, sizeof(key), "net.ipv6.conf.%s.dad_transmits", d);
		if (ns_sysctl_get(e, h, key, v, sizeof(v)) < 0)
			return 0;
		off = atoi(v) == 0;
	}
	return off;
}

/* How many IPv6 addresses of ifindex in h are still tentative. */
static int count_tentative(char *err, struct ns_host *h, const char *ifname,
			   int ifindex)
{
	struct nl_cache *cache = NULL;
	struct nl_object *o;
	int rc, n = 0;

	rc = rtnl_addr_alloc_cache(h->nl, &cache);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot list the addresses of '%s' in host '%s': %s",
			      ifname, h->name, ns_nlstr(rc));
	for (o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct rtnl_addr *a = (struct rtnl_addr *)o;

		if (rtnl_addr_get_ifindex(a) == ifindex &&
		    rtnl_addr_get_family(a) == AF_INET6 &&
		    (rtnl_addr_get_flags(a) & IFA_F_TENTATIVE))
			n++;
	}
	nl_cache_free(cache);
	return n;
}

/*
 * Waits until no IPv6 address of ifname in h is tentative, when duplicate
 * address detection is off there; returns at once otherwise. Why: with DAD
 * off an address still starts tentative, and is usable only once the
 * kernel's addrconf work has run (it then announces the address again,
 * RTM_NEWADDR). Under load that work runs late: a send from the link-local
 * address (mDNS to ff02::fb) failed with "Cannot assign requested address".
 */
static int wait_addrs(char *err, struct ns_host *h, const char *ifname)
{
	struct nl_sock *sk = NULL;
	struct timespec t0, t1;
	char err2[HX_ERRLEN] = "no membership", junk[4096];
	unsigned flags;
	int rc, saved, ifindex, left = RUNNING_WAIT_MS;

	if (!dad_off(h, ifname))
		return 0;
	if ((rc = link_flags(err, h, ifname, &ifindex, &flags)) < 0)
		return rc;
	if ((rc = ns_enter(err, h->fd, &saved)) < 0)
		return rc;
	sk = ns_nl_open(err2);
	if ((rc = ns_leave(err, &saved)) < 0)
		goto out;
	if (!sk || nl_socket_add_membership(sk, RTNLGRP_IPV6_IFADDR) < 0 ||
	    nl_socket_set_nonblocking(sk) < 0) {
		rc = hx_err(err, -EIO,
			    "cannot watch the addresses of '%s' in host '%s': %s",
			    ifname, h->name, err2);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Subscribed first, then looked: no announcement is missed. */
	while ((rc = count_tentative(err, h, ifname, ifindex)) > 0) {
		struct pollfd pf = { nl_socket_get_fd(sk), POLLIN, 0 };

		if (left <= 0 || poll(&pf, 1, left) == 0) {
			rc = hx_err(err, -ETIMEDOUT,
				    "interface '%s' in host '%s' still has %d tentative IPv6 address%s after %d ms",
				    ifname, h->name, rc, rc == 1 ? "" : "es",
				    RUNNING_WAIT_MS);
			goto out;
		}
		/* what changed does not matter: the count is taken again */
		while (recv(pf.fd, junk, sizeof(junk), MSG_DONTWAIT) > 0)
			;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		left = RUNNING_WAIT_MS -
		       (int)((t1.tv_sec - t0.tv_sec) * 1000 +
			     (t1.tv_nsec - t0.tv_nsec) / 1000000);
	}
out:
	nl_socket_free(sk);
	return rc < 0 ? rc : 0;
}

/* Running, and its IPv6 addresses usable when they need no DAD. */
static int wait_ready(char *err, struct ns_host *h, const char *ifname)
{
	int rc = wait_running(err, h, ifname);

	return rc < 0 ? rc : wait_addrs(err, h, ifname);
}

int ns_link_set_up(char *err, struct ns_host *h, const char *ifname, int up)
{
	struct ns_lab *lab = h->lab;
	size_t i;
	struct rtnl_link *l = NULL, *change;
	int rc;

	if ((rc = ns_ifindex(err, h, ifname)) < 0)
		return rc;
	rc = rtnl_link_get_kernel(h->nl, rc, NULL, &l);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot look up interface '%s' in host '%s': %s",
			      ifname, h->name, ns_nlstr(rc));
	change = rtnl_link_alloc();
	if (!change) {
		rtnl_link_put(l);
		return hx_err(err, -ENOMEM, "cannot allocate a link");
	}
	if (up)
		rtnl_link_set_flags(change, IFF_UP);
	else
		rtnl_link_unset_flags(change, IFF_UP);
	rc = rtnl_link_change(h->nl, l, change, 0);
	rtnl_link_put(change);
	rtnl_link_put(l);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot set '%s' %s in host '%s': %s", ifname,
			      up ? "up" : "down", h->name, ns_nlstr(rc));
	if (!up)
		return 0;
	if ((rc = wait_ready(err, h, ifname)) < 0)
		return rc;
	for (i = 0; i < lab->nveth; i++) {
		struct ns_veth *v = &lab->veths[i];

		if (v->a == h && !strcmp(v->ifa, ifname))
			return wait_ready(err, v->b, v->ifb);
		if (v->b == h && !strcmp(v->ifb, ifname))
			return wait_ready(err, v->a, v->ifa);
	}
	return 0;
}

int ns_link_del(char *err, struct ns_host *h, const char *ifname)
{
	struct rtnl_link *l;
	struct ns_lab *lab = h->lab;
	size_t i;
	int rc;

	if ((rc = ns_ifindex(err, h, ifname)) < 0)
		return rc;
	l = rtnl_link_alloc();
	if (!l)
		return hx_err(err, -ENOMEM, "cannot allocate a link");
	rtnl_link_set_ifindex(l, rc);
	rc = rtnl_link_delete(h->nl, l);
	rtnl_link_put(l);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot delete '%s' in host '%s': %s", ifname,
			      h->name, ns_nlstr(rc));
	for (i = 0; i < lab->nveth; i++)
		if ((lab->veths[i].a == h && !strcmp(lab->veths[i].ifa, ifname)) ||
		    (lab->veths[i].b == h && !strcmp(lab->veths[i].ifb, ifname))) {
			lab->veths[i] = lab->veths[--lab->nveth];
			break;
		}
	return 0;
}

/*
 * Parses "A", "A/P" (IPv4 or IPv6, prefix in decimal) strictly, where
 * inet_pton and the prefix bounds decide. what names the thing in errors.
 */
static int parse_prefix(char *err, const char *what, const char *s,
			int *family, unsigned char bytes[16], int *plen)
{
	char text[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	int max;

	if (alen == 0 || alen >= INET6_ADDRSTRLEN)
		goto bad;
	memcpy(text, s, alen);
	text[alen] = '\0';
	if (inet_pton(AF_INET, text, bytes) == 1)
		*family = AF_INET;
	else if (inet_pton(AF_INET6, text, bytes) == 1)
		*family = AF_INET6;
	else
		goto bad;
	max = *family == AF_INET ? 32 : 128;
	*plen = max;
	if (slash) {
		const char *p = slash + 1;
		int v = 0;

		if (!*p || strlen(p) > 3)
			goto bad;
		for (; *p; p++) {
			if (*p < '0' || *p > '9')
				goto bad;
			v = v * 10 + (*p - '0');
		}
		if (v > max)
			goto bad;
		*plen = v;
	}
	return 0;
bad:
	return hx_err(err, -EINVAL, "cannot parse %s '%s'", what, s);
}

static struct nl_addr *build_addr(int family, const unsigned char *bytes,
				  int plen)
{
	struct nl_addr *a;

	a = nl_addr_build(family, bytes, family == AF_INET ? 4 : 16);
	if (a)
		nl_addr_set_prefixlen(a, plen);
	return a;
}

int ns_addr_add(char *err, struct ns_host *h, const char *ifname,
		const char *addr)
{
	struct nl_addr *local = NULL, *brd = NULL;
	struct rtnl_addr *ra = NULL;
	unsigned char bytes[16];
	int family, plen, ifindex, rc;

	if ((rc = parse_prefix(err, "address", addr, &family, bytes, &plen)) < 0)
		return rc;
	if ((ifindex = ns_ifindex(err, h, ifname)) < 0)
		return ifindex;

	rc = -ENOMEM;
	ra = rtnl_addr_alloc();
	local = build_addr(family, bytes, plen);
	if (!ra || !local)
		goto nomem;
	rtnl_addr_set_ifindex(ra, ifindex);
	rtnl_addr_set_family(ra, family);
	rtnl_addr_set_local(ra, local);
	rtnl_addr_set_prefixlen(ra, plen);
	if (family == AF_INET && plen < 31) {
		uint32_t v;

		memcpy(&v, bytes, 4);
		v = htonl(ntohl(v) | (0xffffffffu >> plen));
		brd = build_addr(AF_INET, (unsigned char *)&v, 32);
		if (!brd)
			goto nomem;
		rtnl_addr_set_broadcast(ra, brd);
	}
	/* Without NODAD an IPv6 address stays "tentative" for a second or
	 * more and cannot be bound: traffic would have to wait for DAD. */
	if (family == AF_INET6)
		rtnl_addr_set_flags(ra, IFA_F_NODAD);
	rc = rtnl_addr_add(h->nl, ra, NLM_F_EXCL);
	if (rc < 0)
		rc = hx_err(err, ns_nlerrno(rc),
			    "cannot add address '%s' to '%s' in host '%s': %s",
			    addr, ifname, h->name, ns_nlstr(rc));
	goto out;
nomem:
	rc = hx_err(err, -ENOMEM, "cannot allocate address '%s'", addr);
out:
	nl_addr_put(brd);
	nl_addr_put(local);
	rtnl_addr_put(ra);
	return rc;
}

int ns_route_add(char *err, struct ns_host *h, const char *dst,
		 const char *via, const char *dev)
{
	unsigned char dbytes[16] = { 0 }, gbytes[16];
	struct nl_addr *daddr = NULL, *gaddr = NULL;
	struct rtnl_route *r = NULL;
	struct rtnl_nexthop *nh = NULL;
	int family = AF_INET, gfamily = 0, plen = 0, gplen, ifindex = 0, rc;

	if (!via && !dev)
		return hx_err(err, -EINVAL,
			      "route '%s' in host '%s' needs a gateway or a device",
			      dst, h->name);
	if (via && (rc = parse_prefix(err, "gateway", via, &gfamily, gbytes,
				      &gplen)) < 0)
		return rc;
	if (via && gplen != (gfamily == AF_INET ? 32 : 128))
		return hx_err(err, -EINVAL, "cannot parse gateway '%s'", via);
	if (!strcmp(dst, "default")) {
		family = gfamily ? gfamily : AF_INET;
	} else if (!strcmp(dst, "default6")) {
		family = AF_INET6;
	} else if ((rc = parse_prefix(err, "route destination", dst, &family,
				      dbytes, &plen)) < 0) {
		return rc;
	}
	if (gfamily && gfamily != family)
		return hx_err(err, -EINVAL,
			      "gateway '%s' is not of the family of route '%s'",
			      via, dst);
	if (dev && (ifindex = ns_ifindex(err, h, dev)) < 0)
		return ifindex;

	r = rtnl_route_alloc();
	nh = rtnl_route_nh_alloc();
	daddr = build_addr(family, dbytes, plen);
	if (via)
		gaddr = build_addr(family, gbytes, family == AF_INET ? 32 : 128);
	if (!r || !nh || !daddr || (via && !gaddr)) {
		rc = hx_err(err, -ENOMEM, "cannot allocate route '%s'", dst);
		if (nh)
			rtnl_route_nh_free(nh);
		goto out;
	}
	rtnl_route_set_family(r, family);
	rtnl_route_set_table(r, RT_TABLE_MAIN);
	rtnl_route_set_protocol(r, RTPROT_BOOT);
	rtnl_route_set_type(r, RTN_UNICAST);
	/* What `ip route add` does: a route with no gateway is on-link. */
	rtnl_route_set_scope(r, via ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK);
	rtnl_route_set_dst(r, daddr);
	if (ifindex)
		rtnl_route_nh_set_ifindex(nh, ifindex);
	if (gaddr)
		rtnl_route_nh_set_gateway(nh, gaddr);
	rtnl_route_add_nexthop(r, nh); /* r owns nh now */
	rc = rtnl_route_add(h->nl, r, NLM_F_EXCL);
	if (rc < 0)
		rc = hx_err(err, ns_nlerrno(rc),
			    "cannot add route '%s'%s%s%s%s in host '%s': %s", dst,
			    via ? " via " : "", via ? via : "",
			    dev ? " dev " : "", dev ? dev : "", h->name,
			    ns_nlstr(rc));
out:
	nl_addr_put(gaddr);
	nl_addr_put(daddr);
	rtnl_route_put(r);
	return rc;
}

static int by_ifindex(const void *x, const void *y)
{
	const struct ns_link_info *a = x, *b = y;

	return (a->ifindex > b->ifindex) - (a->ifindex < b->ifindex);
}

int ns_links(char *err, struct ns_host *h, struct ns_link_info **out,
	     size_t *n)
{
	struct nl_cache *cache = NULL;
	struct nl_object *o;
	struct ns_link_info *v;
	size_t i = 0, cnt;
	int rc;

	*out = NULL;
	*n = 0;
	rc = rtnl_link_alloc_cache(h->nl, AF_UNSPEC, &cache);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot list the interfaces of host '%s': %s",
			      h->name, ns_nlstr(rc));
	cnt = (size_t)nl_cache_nitems(cache);
	v = calloc(cnt ? cnt : 1, sizeof(*v));
	if (!v) {
		nl_cache_free(cache);
		return hx_err(err, -ENOMEM,
			      "cannot list the interfaces of host '%s'",
			      h->name);
	}
	for (o = nl_cache_get_first(cache); o && i < cnt;
	     o = nl_cache_get_next(o)) {
		struct rtnl_link *l = (struct rtnl_link *)o;
		struct nl_addr *a = rtnl_link_get_addr(l);
		const char *kind = rtnl_link_get_type(l);

		snprintf(v[i].name, sizeof(v[i].name), "%s",
			 rtnl_link_get_name(l));
		v[i].ifindex = rtnl_link_get_ifindex(l);
		v[i].flags = rtnl_link_get_flags(l);
		v[i].master = rtnl_link_get_master(l);
		v[i].mtu = rtnl_link_get_mtu(l);
		snprintf(v[i].kind, sizeof(v[i].kind), "%s", kind ? kind : "");
		if (a && nl_addr_get_len(a) == 6 &&
		    !(v[i].flags & IFF_LOOPBACK)) {
			memcpy(v[i].mac, nl_addr_get_binary_addr(a), 6);
			v[i].has_mac = 1;
		}
		i++;
	}
	nl_cache_free(cache);
	qsort(v, i, sizeof(*v), by_ifindex);
	*out = v;
	*n = i;
	return 0;
}
