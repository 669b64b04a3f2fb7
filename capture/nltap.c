/* nltap.c: netlink capture of a host: nlmon with cap_live where the kernel has it, else a tap on the host's libnl socket. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "capture/nltap.h"
#include "harness/hx.h"

#define DEFAULT_SNAPLEN 262144
#define NLMON_NAME "nlmon0"

struct cap_nltap {
	struct ns_host *host;
	struct nl_sock *sk;
	int snaplen;
	int keep;
	const struct cap_sink *sink;
	int nlmon;		/* 1: nlmon + cap_live; 0: the libnl tap */
	int stopped;
	char why[HX_ERRLEN];	/* why not nlmon */
	int nlmon_errno;

	/* nlmon */
	struct cap_live *live;

	/* the tap */
	struct nl_cb *orig_cb;	/* the socket's callbacks, restored at stop */
	struct nl_cb *tap_cb;	/* a clone of them with the recorders */
	unsigned proto;		/* the socket's netlink protocol */
	int sink_open;		/* sink->open ran, close has not */
	int ended;		/* the sink ended the capture, or failed */
	int rc;			/* the first error, with errbuf */
	char errbuf[HX_ERRLEN];
	struct cap_pktvec kept;	/* the records, with keep */
	struct cap_nltap *next;	/* in taps, below */
};

unsigned cap_nl_record(uint8_t *dst, unsigned snaplen, unsigned pkttype,
		       unsigned proto, const void *msg, size_t len,
		       struct pcap_pkthdr *h)
{
	uint8_t hdr[CAP_NL_COOKED_LEN] = { 0 };
	size_t total = CAP_NL_COOKED_LEN + len;
	size_t cap;

	if (snaplen == 0)
		snaplen = DEFAULT_SNAPLEN;
	cap = total < snaplen ? total : snaplen;
	hdr[0] = (uint8_t)(pkttype >> 8);
	hdr[1] = (uint8_t)pkttype;
	hdr[2] = CAP_NL_ARPHRD >> 8;
	hdr[3] = CAP_NL_ARPHRD & 0xff;
	/* bytes 4-5: address length 0; 6-13: no address */
	hdr[14] = (uint8_t)(proto >> 8);
	hdr[15] = (uint8_t)proto;
	if (cap <= CAP_NL_COOKED_LEN) {
		memcpy(dst, hdr, cap);
	} else {
		memcpy(dst, hdr, CAP_NL_COOKED_LEN);
		memcpy(dst + CAP_NL_COOKED_LEN, msg, cap - CAP_NL_COOKED_LEN);
	}
	h->caplen = (bpf_u_int32)cap;
	h->len = (bpf_u_int32)total;
	return (unsigned)cap;
}

/* ---- the tap ---- */

/*
 * The running captures, by host socket. libnl's receive override
 * (nl_cb_overwrite_recv) takes no argument, so the tap of a socket is
 * found by the socket; the list also keeps captures one per host. A
 * capture is used by one thread only (its lab's owner), but labs run in
 * parallel threads: the list is shared, hence the lock, held only to
 * look up, add or remove.
 */
static pthread_mutex_t taps_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cap_nltap *taps;

static struct cap_nltap *tap_find(struct nl_sock *sk)
{
	struct cap_nltap *t;

	pthread_mutex_lock(&taps_lock);
	for (t = taps; t && t->sk != sk; t = t->next)
		;
	pthread_mutex_unlock(&taps_lock);
	return t;
}

static int tap_register(struct cap_nltap *t)
{
	struct cap_nltap *o;

	pthread_mutex_lock(&taps_lock);
	for (o = taps; o && o->sk != t->sk; o = o->next)
		;
	if (!o) {
		t->next = taps;
		taps = t;
	}
	pthread_mutex_unlock(&taps_lock);
	return o ? -EBUSY : 0;
}

static void tap_unregister(struct cap_nltap *t)
{
	struct cap_nltap **pp;

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

/* Remembers the first error; later records are dropped, as a capture
 * that ended would drop them. */
static void tap_fail(struct cap_nltap *t, int rc)
{
	if (!t->rc)
		t->rc = rc;
	t->ended = 1;
}

static void tap_sink(struct cap_nltap *t, const struct pcap_pkthdr *h,
		     const uint8_t *p)
{
	const struct cap_sink *s = t->sink;
	int rc;

	if (!s || !t->sink_open)
		return;
	if (s->next_tick_ms && s->tick && s->next_tick_ms(s->arg) == 0) {
		rc = s->tick(s->arg, t->errbuf);
		if (rc < 0)
			return tap_fail(t, rc);
		if (rc == CAP_SINK_END) {
			t->ended = 1;
			return;
		}
	}
	if (!s->packet)
		return;
	rc = s->packet(s->arg, t->errbuf, h, p);
	if (rc < 0)
		tap_fail(t, rc);
	else if (rc == CAP_SINK_END)
		t->ended = 1;
}

/* One record of len bytes at msg, sent (CAP_NL_OUTGOING) or received. */
static void tap_record(struct cap_nltap *t, unsigned pkttype,
		       const void *msg, size_t len)
{
	struct pcap_pkthdr h;
	struct timespec now;
	size_t want;
	uint8_t *p;

	if (t->ended || t->stopped)
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	h.ts.tv_sec = now.tv_sec;
	h.ts.tv_usec = now.tv_nsec / 1000;
	want = CAP_NL_COOKED_LEN + len;
	if (want > (size_t)t->snaplen)
		want = (size_t)t->snaplen;
	p = malloc(want ? want : 1);
	if (!p) {
		hx_err(t->errbuf, -ENOMEM, "cannot keep a netlink record");
		return tap_fail(t, -ENOMEM);
	}
	cap_nl_record(p, (unsigned)t->snaplen, pkttype, t->proto, msg, len,
		      &h);
	tap_sink(t, &h, p);
	if (t->keep && !t->rc && cap_pktvec_add(&t->kept, &h, p) < 0) {
		free(p);
		hx_err(t->errbuf, -ENOMEM, "cannot keep a netlink record");
		return tap_fail(t, -ENOMEM);
	}
	free(p);
}

/* NL_CB_MSG_OUT: every message the socket sends, just before sendmsg. */
static int on_msg_out(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nh = nlmsg_hdr(msg);

	tap_record(arg, CAP_NL_OUTGOING, nh, nh->nlmsg_len);
	return NL_OK;
}

/*
 * Every datagram the socket receives, whole: NL_CB_MSG_IN would give one
 * message at a time, and nlmon shows one record per datagram.
 */
static int on_recv(struct nl_sock *sk, struct sockaddr_nl *nla,
		   unsigned char **buf, struct ucred **creds)
{
	struct cap_nltap *t = tap_find(sk);
	int n = nl_recv(sk, nla, buf, creds);

	if (n > 0 && t)
		tap_record(t, CAP_NL_HOST, *buf, (size_t)n);
	return n;
}

static int tap_start(char *err, struct cap_nltap *t)
{
	const struct cap_sink *s = t->sink;
	int proto = NETLINK_ROUTE, rc;
	socklen_t sl = sizeof(proto);

	if (getsockopt(nl_socket_get_fd(t->sk), SOL_SOCKET, SO_PROTOCOL,
		       &proto, &sl) < 0)
		proto = NETLINK_ROUTE;
	t->proto = (unsigned)proto;
	t->orig_cb = nl_socket_get_cb(t->sk);
	t->tap_cb = t->orig_cb ? nl_cb_clone(t->orig_cb) : NULL;
	if (!t->tap_cb) {
		rc = hx_err(err, -ENOMEM, "cannot tap the netlink socket of "
			    "host '%s': out of memory", ns_host_name(t->host));
		goto fail;
	}
	nl_cb_set(t->tap_cb, NL_CB_MSG_OUT, NL_CB_CUSTOM, on_msg_out, t);
	nl_cb_overwrite_recv(t->tap_cb, on_recv);
	if (s && s->open &&
	    (rc = s->open(s->arg, err, DLT_NETLINK, t->snaplen)) < 0)
		goto fail;
	t->sink_open = 1;
	nl_socket_set_cb(t->sk, t->tap_cb);
	return 0;

fail:
	nl_cb_put(t->tap_cb);
	nl_cb_put(t->orig_cb);
	t->tap_cb = t->orig_cb = NULL;
	return rc;
}

static int tap_stop(struct cap_nltap *t, char *err)
{
	const struct cap_sink *s = t->sink;
	char cerr[HX_ERRLEN];
	int rc = t->rc, crc;

	nl_socket_set_cb(t->sk, t->orig_cb);
	if (rc < 0)
		hx_err(err, rc, "%s", t->errbuf);
	if (s && s->close && t->sink_open) {
		t->sink_open = 0;
		crc = s->close(s->arg, cerr);
		if (crc < 0 && rc >= 0) {
			rc = crc;
			hx_err(err, rc, "%s", cerr);
		}
	}
	return rc < 0 ? rc : 0;
}

/* ---- nlmon ---- */

/* The errors of a kernel without nlmon (unknown link kind, no module). */
static int no_nlmon(int rc)
{
	return rc == -EOPNOTSUPP || rc == -ENOENT || rc == -ENODEV ||
	       rc == -ENOSYS || rc == -EAFNOSUPPORT;
}

/*
 * UNTESTED on the kernel this was written on (no CONFIG_NLMON): an nlmon
 * link in the host, up, captured like any other device.
 */
static int nlmon_start(char *err, struct cap_nltap *t)
{
	struct cap_live_cfg cfg = {
		.netfd = ns_host_fd(t->host),
		.device = NLMON_NAME,
		.snaplen = t->snaplen,
		.promisc = 0,
		.immediate = 1,
		.keep = t->keep,
		.sink = t->sink,
		.host = ns_host_name(t->host),
	};
	char derr[HX_ERRLEN];
	int rc;

	if ((rc = ns_link_set_up(err, t->host, NLMON_NAME, 1)) < 0 ||
	    (rc = cap_live_start(err, &cfg, &t->live)) < 0) {
		ns_link_del(derr, t->host, NLMON_NAME);
		return rc;
	}
	return 0;
}

/* ---- the API ---- */

int cap_nltap_start(char *err, struct ns_host *h, int snaplen,
		    const struct cap_sink *sink, int keep,
		    struct cap_nltap **out)
{
	struct cap_nltap *t;
	char lerr[HX_ERRLEN];
	int rc;

	*out = NULL;
	if (snaplen < 0)
		return hx_err(err, -EINVAL, "bad netlink snapshot length %d",
			      snaplen);
	t = calloc(1, sizeof(*t));
	if (!t)
		return hx_err(err, -ENOMEM, "cannot allocate a netlink capture");
	t->host = h;
	t->sk = ns_host_nl(h);
	t->snaplen = snaplen ? snaplen : DEFAULT_SNAPLEN;
	t->sink = sink;
	t->keep = keep;
	/* Registered in both modes: one capture per host. */
	if ((rc = tap_register(t)) < 0) {
		free(t);
		return hx_err(err, rc, "host '%s' already has a netlink "
			      "capture", ns_host_name(h));
	}

	rc = ns_link_add(lerr, h, NLMON_NAME, "nlmon");
	if (rc == 0) {
		t->nlmon = 1;
		if ((rc = nlmon_start(err, t)) < 0)
			goto fail;
		*out = t;
		return 0;
	}
	if (!no_nlmon(rc)) {
		hx_err(err, rc, "%s", lerr);
		goto fail;
	}
	t->nlmon_errno = -rc;
	snprintf(t->why, sizeof(t->why), "%s", lerr);
	if ((rc = tap_start(err, t)) < 0)
		goto fail;
	*out = t;
	return 0;

fail:
	tap_unregister(t);
	free(t);
	return rc;
}

/* One dump request as iproute2 sends it, then its answers to the end. */
static int dump_one(char *err, struct cap_nltap *t, int type,
		    const void *hdr, size_t hlen, int attr, uint32_t val,
		    const char *what)
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
	nlmsg_hdr(msg)->nlmsg_seq = nl_socket_use_seq(t->sk);
	rc = nl_send(t->sk, msg);
	nlmsg_free(msg);
	if (rc >= 0)
		rc = nl_recvmsgs_default(t->sk);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot dump %s in host '%s': %s", what,
			      ns_host_name(t->host), ns_nlstr(rc));
	return 0;
}

int cap_nltap_dump(char *err, struct cap_nltap *t, unsigned what)
{
	struct ifinfomsg ifi = { .ifi_family = AF_PACKET };
	struct ifaddrmsg ifa = { .ifa_family = AF_UNSPEC };
	struct rtmsg rtm = { .rtm_family = AF_INET };
	struct ndmsg ndm = { .ndm_family = AF_UNSPEC };
	int rc = 0;

	if (t->stopped)
		return hx_err(err, -EINVAL, "the netlink capture of host '%s' "
			      "is stopped", ns_host_name(t->host));
	if (what & ~(unsigned)CAP_NL_ALL)
		return hx_err(err, -EINVAL, "bad netlink dump set 0x%x", what);
	if ((what & CAP_NL_LINKS) &&
	    (rc = dump_one(err, t, RTM_GETLINK, &ifi, sizeof(ifi),
			   IFLA_EXT_MASK, RTEXT_FILTER_VF, "links")) < 0)
		return rc;
	if ((what & CAP_NL_ADDRS) &&
	    (rc = dump_one(err, t, RTM_GETADDR, &ifa, sizeof(ifa), 0, 0,
			   "addresses")) < 0)
		return rc;
	if ((what & CAP_NL_ROUTES) &&
	    (rc = dump_one(err, t, RTM_GETROUTE, &rtm, sizeof(rtm),
			   RTA_TABLE, RT_TABLE_MAIN, "routes")) < 0)
		return rc;
	if ((what & CAP_NL_NEIGHS) &&
	    (rc = dump_one(err, t, RTM_GETNEIGH, &ndm, sizeof(ndm), 0, 0,
			   "neighbours")) < 0)
		return rc;
	if (!t->nlmon && t->rc < 0)
		return hx_err(err, t->rc, "%s", t->errbuf);
	return 0;
}

int cap_nltap_stop(struct cap_nltap *t, char *err)
{
	char derr[HX_ERRLEN];
	int rc;

	if (t->stopped)
		return 0;
	t->stopped = 1;
	tap_unregister(t);
	if (!t->nlmon)
		return tap_stop(t, err);
	rc = cap_live_stop(t->live, err);
	if (ns_link_del(derr, t->host, NLMON_NAME) < 0 && rc >= 0)
		rc = hx_err(err, -EIO, "%s", derr);
	return rc;
}

const struct cap_pkt *cap_nltap_packets(const struct cap_nltap *t, size_t *n)
{
	if (t->nlmon)
		return cap_live_packets(t->live, n);
	*n = t->kept.n;
	return t->kept.v;
}

int cap_nltap_dlt(const struct cap_nltap *t)
{
	(void)t;
	return DLT_NETLINK;
}

const char *cap_nltap_how(const struct cap_nltap *t)
{
	return t->nlmon ? "nlmon" : "libnl tap";
}

const char *cap_nltap_why(const struct cap_nltap *t)
{
	return t->why;
}

int cap_nltap_nlmon_errno(const struct cap_nltap *t)
{
	return t->nlmon_errno;
}

void cap_nltap_free(struct cap_nltap *t)
{
	char err[HX_ERRLEN];

	if (!t)
		return;
	cap_nltap_stop(t, err);
	cap_live_free(t->live);
	cap_pktvec_release(&t->kept);
	nl_cb_put(t->tap_cb);
	nl_cb_put(t->orig_cb);
	free(t);
}
