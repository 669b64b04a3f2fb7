/* nltap.c: netlink capture of a host: nlmon with cap_live where the kernel has it, else DLT_NETLINK records of netns/'s tap on the host's libnl socket. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture/nltap.h"
#include "harness/hx.h"

#define DEFAULT_SNAPLEN 262144
#define NLMON_NAME "nlmon0"

struct cap_nltap {
	struct ns_host *host;
	struct ns_nltap *tap;	/* the claim on the host's socket, both modes */
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
	int sink_open;		/* sink->open ran, close has not */
	int ended;		/* the sink ended the capture, or failed */
	int rc;			/* the first error, with errbuf */
	char errbuf[HX_ERRLEN];
	struct cap_pktvec kept;	/* the records, with keep */
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

/* ns_nltap_fn: one record of len bytes at msg, sent or received. */
static void tap_record(void *arg, int outgoing, unsigned proto,
		       const void *msg, size_t len)
{
	struct cap_nltap *t = arg;
	unsigned pkttype = outgoing ? CAP_NL_OUTGOING : CAP_NL_HOST;
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
	cap_nl_record(p, (unsigned)t->snaplen, pkttype, proto, msg, len, &h);
	tap_sink(t, &h, p);
	if (t->keep && !t->rc && cap_pktvec_add(&t->kept, &h, p) < 0) {
		free(p);
		hx_err(t->errbuf, -ENOMEM, "cannot keep a netlink record");
		return tap_fail(t, -ENOMEM);
	}
	free(p);
}

static int tap_start(char *err, struct cap_nltap *t)
{
	const struct cap_sink *s = t->sink;
	int rc;

	if ((rc = ns_nltap_attach(err, t->tap, tap_record, t)) < 0)
		return rc;
	if (s && s->open &&
	    (rc = s->open(s->arg, err, DLT_NETLINK, t->snaplen)) < 0) {
		ns_nltap_detach(t->tap);
		return rc;
	}
	t->sink_open = 1;
	return 0;
}

static int tap_stop(struct cap_nltap *t, char *err)
{
	const struct cap_sink *s = t->sink;
	char cerr[HX_ERRLEN];
	int rc = t->rc, crc;

	ns_nltap_detach(t->tap);
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
	t->snaplen = snaplen ? snaplen : DEFAULT_SNAPLEN;
	t->sink = sink;
	t->keep = keep;
	/* The socket is claimed in both modes: one capture per host. */
	if ((rc = ns_nltap_new(err, h, &t->tap)) < 0) {
		free(t);
		return rc;
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
	ns_nltap_free(t->tap);
	free(t);
	return rc;
}

int cap_nltap_dump(char *err, struct cap_nltap *t, unsigned what)
{
	int rc;

	if (t->stopped)
		return hx_err(err, -EINVAL, "the netlink capture of host '%s' "
			      "is stopped", ns_host_name(t->host));
	if ((rc = ns_nl_dump(err, t->host, what)) < 0)
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
	if (!t->nlmon) {
		rc = tap_stop(t, err);
		ns_nltap_free(t->tap);
		t->tap = NULL;
		return rc;
	}
	ns_nltap_free(t->tap);
	t->tap = NULL;
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
	ns_nltap_free(t->tap);
	free(t);
}
