/* ns-tc.c: a link's MTU and its token bucket (tc tbf), through libnl-3 route. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/route/link.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/tbf.h>
#include <netlink/route/tc.h>

#include "netns/ns-int.h"

int ns_link_set_mtu(char *err, struct ns_host *h, const char *ifname,
		    unsigned mtu)
{
	struct rtnl_link *l = NULL, *change;
	int rc;

	if (mtu < NS_MTU_MIN || mtu > NS_MTU_MAX)
		return hx_err(err, -EINVAL,
			      "mtu %u of '%s' in host '%s' is out of range (%u..%u)",
			      mtu, ifname, h->name, NS_MTU_MIN, NS_MTU_MAX);
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
	rtnl_link_set_mtu(change, mtu);
	rc = rtnl_link_change(h->nl, l, change, 0);
	rtnl_link_put(change);
	rtnl_link_put(l);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot set mtu %u on '%s' in host '%s': %s", mtu,
			      ifname, h->name, ns_nlstr(rc));
	return 0;
}

int ns_link_mtu(char *err, struct ns_host *h, const char *ifname)
{
	struct rtnl_link *l = NULL;
	int rc;

	if ((rc = ns_ifindex(err, h, ifname)) < 0)
		return rc;
	rc = rtnl_link_get_kernel(h->nl, rc, NULL, &l);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot look up interface '%s' in host '%s': %s",
			      ifname, h->name, ns_nlstr(rc));
	rc = (int)rtnl_link_get_mtu(l);
	rtnl_link_put(l);
	return rc;
}

int ns_tbf_add(char *err, struct ns_host *h, const char *ifname,
	       const struct ns_tbf *t)
{
	struct rtnl_qdisc *q;
	unsigned burst = t->burst, latency = t->latency_us;
	int ifindex, rc;

	if (t->rate == 0 || t->rate > 0x7fffffffu)
		return hx_err(err, -EINVAL,
			      "rate %llu bytes/s of '%s' in host '%s' is out of range",
			      (unsigned long long)t->rate, ifname, h->name);
	/* tc's own advice: a bucket of at least rate / HZ (HZ 250 at most
	 * here), and never smaller than one full frame. */
	if (burst == 0)
		burst = (unsigned)(t->rate / 250) > 1600 ? (unsigned)(t->rate / 250)
							 : 1600;
	if (latency == 0)
		latency = 50000;
	if ((ifindex = ns_ifindex(err, h, ifname)) < 0)
		return ifindex;
	q = rtnl_qdisc_alloc();
	if (!q)
		return hx_err(err, -ENOMEM, "cannot allocate a qdisc");
	rtnl_tc_set_ifindex(TC_CAST(q), ifindex);
	rtnl_tc_set_parent(TC_CAST(q), TC_H_ROOT);
	rtnl_tc_set_handle(TC_CAST(q), TC_HANDLE(1, 0));
	rc = rtnl_tc_set_kind(TC_CAST(q), "tbf");
	if (rc == 0) {
		rtnl_qdisc_tbf_set_rate(q, (int)t->rate, (int)burst, 0);
		rc = rtnl_qdisc_tbf_set_limit_by_latency(q, (int)latency);
	}
	if (rc == 0)
		rc = rtnl_qdisc_add(h->nl, q, NLM_F_CREATE | NLM_F_REPLACE);
	rtnl_qdisc_put(q);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot shape '%s' in host '%s' (tbf rate %llu bytes/s burst %u latency %u us): %s",
			      ifname, h->name, (unsigned long long)t->rate,
			      burst, latency, ns_nlstr(rc));
	return 0;
}

int ns_qdisc_kind(char *err, struct ns_host *h, const char *ifname,
		  char *kind, size_t len)
{
	struct nl_cache *cache = NULL;
	struct rtnl_qdisc *q;
	int ifindex, rc;

	if ((ifindex = ns_ifindex(err, h, ifname)) < 0)
		return ifindex;
	rc = rtnl_qdisc_alloc_cache(h->nl, &cache);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot list the qdiscs of host '%s': %s", h->name,
			      ns_nlstr(rc));
	q = rtnl_qdisc_get_by_parent(cache, ifindex, TC_H_ROOT);
	if (!q) {
		nl_cache_free(cache);
		return hx_err(err, -ENOENT, "no root qdisc on '%s' in host '%s'",
			      ifname, h->name);
	}
	snprintf(kind, len, "%s", rtnl_tc_get_kind(TC_CAST(q)));
	rtnl_qdisc_put(q);
	nl_cache_free(cache);
	return 0;
}

int ns_qdisc_supported(const char *kind)
{
	struct ns_lab *lab = NULL;
	struct ns_host *h = NULL;
	struct rtnl_qdisc *q = NULL;
	int ifindex, rc, ok = 0;

	/* A host of its own, so that nothing is changed anywhere else: the
	 * qdisc goes on its lo and dies with it. */
	if (ns_lab_new(NULL, &lab) < 0 || ns_host_add(NULL, lab, "probe", &h) < 0)
		goto out;
	if ((ifindex = ns_ifindex(NULL, h, "lo")) < 0 || !(q = rtnl_qdisc_alloc()))
		goto out;
	rtnl_tc_set_ifindex(TC_CAST(q), ifindex);
	rtnl_tc_set_parent(TC_CAST(q), TC_H_ROOT);
	rtnl_tc_set_handle(TC_CAST(q), TC_HANDLE(1, 0));
	if (rtnl_tc_set_kind(TC_CAST(q), kind) < 0)
		goto out;
	/* Without parameters most kinds refuse (EINVAL); a kind the kernel
	 * does not have is ENOENT ("Specified qdisc kind is unknown"). */
	rc = rtnl_qdisc_add(h->nl, q, NLM_F_CREATE | NLM_F_REPLACE);
	ok = rc == 0 || ns_nlerrno(rc) != -ENOENT;
out:
	if (q)
		rtnl_qdisc_put(q);
	ns_lab_free(lab);
	return ok;
}
