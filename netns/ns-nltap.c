/* ns-nltap.c: a tap on a host's libnl socket (what it sends and receives, as bytes) and the dumps `ip` asks for. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "netns/ns-int.h"

struct ns_nltap {
	struct ns_host *host;
	struct nl_sock *sk;
	ns_nltap_fn *fn;
	void *arg;
	unsigned proto;		/* the socket's netlink protocol */
	struct nl_cb *orig_cb;	/* the socket's callbacks, restored at detach */
	struct nl_cb *tap_cb;	/* a clone of them with the recorders */
	int attached;
	struct ns_nltap *next;	/* in taps, below */
};

/*
 * The claimed sockets. libnl's receive override (nl_cb_overwrite_recv)
 * takes no argument, so the tap of a socket is found by the socket; the
 * list also keeps taps one per host. A tap is used by one thread only
 * (its lab's owner), but labs run in parallel threads: the list is
 * shared, hence the lock, held only to look up, add or remove.
 */
static pthread_mutex_t taps_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ns_nltap *taps;

static struct ns_nltap *tap_find(struct nl_sock *sk)
{
	struct ns_nltap *t;

	pthread_mutex_lock(&taps_lock);
	for (t = taps; t && t->sk != sk; t = t->next)
		;
	pthread_mutex_unlock(&taps_lock);
	return t;
}

static void tap_unregister(struct ns_nltap *t)
{
	struct ns_nltap **pp;

	pthread_mutex_lock(&taps_lock);
	for (pp = &taps; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	pthread_mutex_unlock(&taps_lock);
	t->next = NULL;
}

int ns_nltap_new(char *err, struct ns_host *h, struct ns_nltap **out)
{
	struct ns_nltap *t, *o;

	*out = NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return hx_err(err, -ENOMEM, "cannot allocate a netlink capture");
	t->host = h;
	t->sk = h->nl;
	pthread_mutex_lock(&taps_lock);
	for (o = taps; o && o->sk != t->sk; o = o->next)
		;
	if (!o) {
		t->next = taps;
		taps = t;
	}
	pthread_mutex_unlock(&taps_lock);
	if (o) {
		free(t);
		return hx_err(err, -EBUSY, "host '%s' already has a netlink "
			      "capture", h->name);
	}
	*out = t;
	return 0;
}

/* NL_CB_MSG_OUT: every message the socket sends, just before sendmsg. */
static int on_msg_out(struct nl_msg *msg, void *arg)
{
	struct ns_nltap *t = arg;
	struct nlmsghdr *nh = nlmsg_hdr(msg);

	t->fn(t->arg, 1, t->proto, nh, nh->nlmsg_len);
	return NL_OK;
}

/*
 * Every datagram the socket receives, whole: NL_CB_MSG_IN would give one
 * message at a time, and nlmon shows one record per datagram.
 */
static int on_recv(struct nl_sock *sk, struct sockaddr_nl *nla,
		   unsigned char **buf, struct ucred **creds)
{
	struct ns_nltap *t = tap_find(sk);
	int n = nl_recv(sk, nla, buf, creds);

	if (n > 0 && t && t->attached)
		t->fn(t->arg, 0, t->proto, *buf, (size_t)n);
	return n;
}

int ns_nltap_attach(char *err, struct ns_nltap *t, ns_nltap_fn *fn,
		    void *arg)
{
	int proto = NETLINK_ROUTE;
	socklen_t sl = sizeof(proto);

	if (getsockopt(nl_socket_get_fd(t->sk), SOL_SOCKET, SO_PROTOCOL,
		       &proto, &sl) < 0)
		proto = NETLINK_ROUTE;
	t->proto = (unsigned)proto;
	t->fn = fn;
	t->arg = arg;
	t->orig_cb = nl_socket_get_cb(t->sk);
	t->tap_cb = t->orig_cb ? nl_cb_clone(t->orig_cb) : NULL;
	if (!t->tap_cb) {
		nl_cb_put(t->orig_cb);
		t->orig_cb = NULL;
		return hx_err(err, -ENOMEM, "cannot tap the netlink socket of "
			      "host '%s': out of memory", t->host->name);
	}
	nl_cb_set(t->tap_cb, NL_CB_MSG_OUT, NL_CB_CUSTOM, on_msg_out, t);
	nl_cb_overwrite_recv(t->tap_cb, on_recv);
	nl_socket_set_cb(t->sk, t->tap_cb);
	t->attached = 1;
	return 0;
}

void ns_nltap_detach(struct ns_nltap *t)
{
	if (!t->attached)
		return;
	t->attached = 0;
	nl_socket_set_cb(t->sk, t->orig_cb);
	nl_cb_put(t->tap_cb);
	nl_cb_put(t->orig_cb);
	t->tap_cb = t->orig_cb = NULL;
}

void ns_nltap_free(struct ns_nltap *t)
{
	if (!t)
		return;
	ns_nltap_detach(t);
	tap_unregister(t);
	free(t);
}

/* One dump request as iproute2 sends it, then its answers to the end. */
static int dump_one(char *err, struct ns_host *h, int type, const void *hdr,
		    size_t hlen, int attr, uint32_t val, const char *what)
{
	struct nl_msg *msg;
	int rc;

	msg = nlmsg_alloc_simple(type, NLM_F_REQUEST | NLM_F_DUMP);
	if (!msg)
		return hx_err(err, -ENOMEM, "cannot allocate a netlink message");
	if (nlmsg_append(msg, (void *)hdr, hlen, NLMSG_ALIGNTO) < 0 ||
	    (attr && nla_put_u32(msg, attr, val) < 0)) {
		nlmsg_free(msg);
		return hx_err(err, -EMSGSIZE, "cannot build the %s request",
			      what);
	}
	/*
	 * Sent as is (nl_send, not nl_send_auto): port id 0 and no
	 * NLM_F_ACK, as iproute2 sends it. The sequence number comes from
	 * the socket's counter, which its sequence check follows.
	 */
	nlmsg_hdr(msg)->nlmsg_seq = nl_socket_use_seq(h->nl);
	rc = nl_send(h->nl, msg);
	nlmsg_free(msg);
	if (rc >= 0)
		rc = nl_recvmsgs_default(h->nl);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot dump %s in host '%s': %s", what, h->name,
			      ns_nlstr(rc));
	return 0;
}

int ns_nl_dump(char *err, struct ns_host *h, unsigned what)
{
	static const struct ifinfomsg ifi = { .ifi_family = AF_PACKET };
	static const struct ifaddrmsg ifa = { .ifa_family = AF_UNSPEC };
	static const struct rtmsg rtm = { .rtm_family = AF_INET };
	static const struct ndmsg ndm = { .ndm_family = AF_UNSPEC };
	/* in the order `ip link`, `ip a`, `ip r`, `ip n` would ask */
	static const struct {
		unsigned bit;
		int type;
		const void *hdr;
		size_t hlen;
		int attr;
		uint32_t val;
		const char *what;
	} dumps[] = {
		{ NS_NL_LINKS, RTM_GETLINK, &ifi, sizeof(ifi), IFLA_EXT_MASK,
		  RTEXT_FILTER_VF, "links" },
		{ NS_NL_ADDRS, RTM_GETADDR, &ifa, sizeof(ifa), 0, 0,
		  "addresses" },
		{ NS_NL_ROUTES, RTM_GETROUTE, &rtm, sizeof(rtm), RTA_TABLE,
		  RT_TABLE_MAIN, "routes" },
		{ NS_NL_NEIGHS, RTM_GETNEIGH, &ndm, sizeof(ndm), 0, 0,
		  "neighbours" },
	};
	int rc;

	if (what & ~(unsigned)NS_NL_ALL)
		return hx_err(err, -EINVAL, "bad netlink dump set 0x%x", what);
	for (size_t i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++)
		if ((what & dumps[i].bit) &&
		    (rc = dump_one(err, h, dumps[i].type, dumps[i].hdr,
				   dumps[i].hlen, dumps[i].attr, dumps[i].val,
				   dumps[i].what)) < 0)
			return rc;
	return 0;
}
