/* live.c: a live capture thread: enters a host, runs a libpcap handle, keeps packets, feeds a sink. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_log.h>
#include <linux/netlink.h>

#include "capture/live.h"
#include "capture/tdopts.h"
#include "harness/hx.h"

#define LIVE_SNAPLEN_MAX 262144
/* The packet socket's block timeout when not in immediate mode (tcpdump
 * uses 1000 ms; shorter makes stop quicker and changes no output). */
#define LIVE_TIMEOUT_MS 100

/* Room for " in host '<name>'" in messages. */
#define WHERE_LEN 96

enum { ST_STARTING, ST_RUNNING, ST_DONE };

struct cap_live {
	/* Set by cap_live_start, read-only afterwards. */
	char *device, *filter, *host;
	int netfd, snaplen_req, promisc, direction, immediate, buffer_kib;
	int keep;
	long count;
	struct cap_sink sink;
	int has_sink;
	int sink_end;		/* the sink returned CAP_SINK_END */
	int nflog_group; /* -1: not an NFLOG device */
	int evfd;
	int donefd;		/* written once when the thread ends */
	pthread_t thread;

	/* Shared with waiters: under mu. */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state;
	int rc;
	char err[HX_ERRLEN];
	size_t kept_pub;
	int joined;

	/* The capture thread's own; others read them only after the join. */
	pcap_t *p;
	int dlt, snaplen;
	struct cap_pktvec kept;	/* with keep: every packet the filter kept */
	size_t nseen;
	struct cap_stats st;
	int cb_rc;
	char cb_err[HX_ERRLEN];
};

static const char *in_host(const struct cap_live *c, char *buf, size_t len)
{
	if (!c->host)
		return "";
	snprintf(buf, len, " in host '%s'", c->host);
	return buf;
}

/* "nflog" is group 0, "nflog:N" group N; -1 when not NFLOG at all. */
static int nflog_group(char *err, const char *dev, int *group)
{
	const char *p;
	long v = 0;

	*group = -1;
	if (strncmp(dev, "nflog", 5) != 0 || (dev[5] && dev[5] != ':'))
		return 0;
	if (!dev[5]) {
		*group = 0;
		return 0;
	}
	p = dev + 6;
	if (!*p)
		return hx_err(err, -EINVAL, "missing nflog group in '%s'", dev);
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return hx_err(err, -EINVAL,
				      "invalid nflog group '%s' in '%s': not a number 0..65535",
				      dev + 6, dev);
		v = v * 10 + (*p - '0');
		if (v > 65535)
			return hx_err(err, -ERANGE,
				      "nflog group '%s' in '%s' is out of range 0..65535",
				      dev + 6, dev);
	}
	*group = (int)v;
	return 0;
}

/*
 * Sends one NFULNL_MSG_CONFIG attribute for group on libpcap's own NFLOG
 * socket (the kernel accepts an instance's configuration only from the
 * socket that bound it). No ack is asked: a failure leaves the kernel's
 * defaults, which only delays packets.
 */
static int nflog_config(int fd, int group, int type, const void *val,
			size_t len)
{
	uint8_t m[NLMSG_ALIGN(NLMSG_HDRLEN + sizeof(struct nfgenmsg)) +
		  NLA_HDRLEN + 8] __attribute__((aligned(4)));
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr nh = { 0 };
	struct nfgenmsg g = { 0 };
	struct nlattr a = { 0 };
	size_t off = 0;

	if (len > 8)
		return -EINVAL;
	memset(m, 0, sizeof(m));
	nh.nlmsg_len = (uint32_t)(NLMSG_ALIGN(NLMSG_HDRLEN + sizeof(g)) +
				  NLA_ALIGN(NLA_HDRLEN + len));
	nh.nlmsg_type = (NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_CONFIG;
	nh.nlmsg_flags = NLM_F_REQUEST;
	g.nfgen_family = AF_UNSPEC;
	g.version = NFNETLINK_V0;
	g.res_id = htons((uint16_t)group);
	a.nla_len = (uint16_t)(NLA_HDRLEN + len);
	a.nla_type = (uint16_t)type;
	memcpy(m, &nh, sizeof(nh));
	off = NLMSG_HDRLEN;
	memcpy(m + off, &g, sizeof(g));
	off = NLMSG_ALIGN(NLMSG_HDRLEN + sizeof(g));
	memcpy(m + off, &a, sizeof(a));
	memcpy(m + off + NLA_HDRLEN, val, len);
	if (sendto(fd, m, nh.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		return -errno;
	return 0;
}

static void on_packet(u_char *user, const struct pcap_pkthdr *h,
		      const u_char *bytes)
{
	struct cap_live *c = (struct cap_live *)user;
	char where[WHERE_LEN];
	int rc;

	if (c->cb_rc < 0 || c->sink_end)
		return;
	if (c->keep && cap_pktvec_add(&c->kept, h, bytes) < 0) {
		c->cb_rc = hx_err(c->cb_err, -ENOMEM,
				  "capture on '%s'%s: out of memory after %zu packets",
				  c->device, in_host(c, where, sizeof(where)),
				  c->kept.n);
		pcap_breakloop(c->p);
		return;
	}
	if (c->has_sink && c->sink.packet) {
		rc = c->sink.packet(c->sink.arg, c->cb_err, h, bytes);
		if (rc < 0) {
			c->cb_rc = rc;
			pcap_breakloop(c->p);
			return;
		}
		if (rc == CAP_SINK_END) {
			/* the sink is done (-G -W): end as if stopped */
			c->sink_end = 1;
			pcap_breakloop(c->p);
		}
	}
	c->nseen++;
}

static void publish(struct cap_live *c)
{
	pthread_mutex_lock(&c->mu);
	if (c->kept_pub != c->nseen) {
		c->kept_pub = c->nseen;
		pthread_cond_broadcast(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
}

/* One pcap_dispatch: 1 when the count is reached, 0, or a negative code. */
static int dispatch(struct cap_live *c, char *err)
{
	char where[WHERE_LEN];
	int cnt = -1, n;

	if (c->count > 0)
		cnt = (int)(c->count - (long)c->nseen);
	n = pcap_dispatch(c->p, cnt, on_packet, (u_char *)c);
	publish(c);
	if (c->cb_rc < 0) {
		memcpy(err, c->cb_err, HX_ERRLEN);
		return c->cb_rc;
	}
	if (n == PCAP_ERROR)
		return hx_err(err, -EIO, "capture on '%s'%s failed: %s",
			      c->device, in_host(c, where, sizeof(where)),
			      pcap_geterr(c->p));
	if (c->sink_end)
		return 1;
	if (c->count > 0 && (long)c->nseen >= c->count)
		return 1;
	return 0;
}

/*
 * After a stop request: read what the kernel has queued. An NFLOG
 * instance holds a batch for up to a second; unbinding it makes the kernel
 * flush that batch to our socket at once. A TPACKET_V3 ring (no immediate
 * mode) shows a block only once its timer retires it, so wait that long.
 */
static int drain(struct cap_live *c, char *err)
{
	struct pollfd pf = { pcap_get_selectable_fd(c->p), POLLIN, 0 };
	int wait = 0, rc;

	if (c->nflog_group >= 0) {
		struct nfulnl_msg_config_cmd cmd = { NFULNL_CFG_CMD_UNBIND };

		nflog_config(pf.fd, c->nflog_group, NFULA_CFG_CMD, &cmd,
			     sizeof(cmd));
	} else if (!c->immediate) {
		wait = LIVE_TIMEOUT_MS + 50;
	}
	for (;;) {
		rc = poll(&pf, 1, wait);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0 || !(pf.revents & (POLLIN | POLLERR | POLLHUP)))
			return 0;
		rc = dispatch(c, err);
		if (rc != 0)
			return rc < 0 ? rc : 0;
	}
}

static int loop(struct cap_live *c, char *err)
{
	struct pollfd pf[2] = {
		{ pcap_get_selectable_fd(c->p), POLLIN, 0 },
		{ c->evfd, POLLIN, 0 },
	};
	int timeout, rc;

	for (;;) {
		timeout = -1;
		if (c->has_sink && c->sink.next_tick_ms) {
			timeout = c->sink.next_tick_ms(c->sink.arg);
			if (timeout < 0)
				timeout = -1;
		}
		rc = poll(pf, 2, timeout);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			return hx_err(err, -errno, "capture on '%s': poll: %s",
				      c->device, strerrordesc_np(errno));
		}
		if (pf[0].revents & (POLLIN | POLLERR | POLLHUP)) {
			rc = dispatch(c, err);
			if (rc != 0)
				return rc < 0 ? rc : 0;
		}
		if (c->has_sink && c->sink.next_tick_ms && c->sink.tick &&
		    c->sink.next_tick_ms(c->sink.arg) == 0) {
			rc = c->sink.tick(c->sink.arg, err);
			if (rc < 0)
				return rc;
			if (rc == CAP_SINK_END) {
				c->sink_end = 1;
				return 0;
			}
		}
		if (pf[1].revents & POLLIN)
			return drain(c, err);
	}
}

/* In the capture thread: enter the host, open and set up the handle. */
static int open_handle(struct cap_live *c, char *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "", where[WHERE_LEN];
	const char *w = in_host(c, where, sizeof(where));
	bpf_u_int32 net = 0, mask = 0;
	struct bpf_program prog;
	int rc, fl, fd;

	if (c->netfd >= 0 && setns(c->netfd, CLONE_NEWNET) < 0)
		return hx_err(err, -errno, "cannot enter host%s for capture on '%s': %s",
			      w, c->device, strerrordesc_np(errno));
	c->p = pcap_create(c->device, ebuf);
	if (!c->p)
		return hx_err(err, -ENODEV, "cannot capture on '%s'%s: %s",
			      c->device, w, ebuf);
	pcap_set_snaplen(c->p, c->snaplen_req);
	pcap_set_promisc(c->p, c->promisc);
	pcap_set_immediate_mode(c->p, c->immediate);
	pcap_set_timeout(c->p, LIVE_TIMEOUT_MS);
	if (c->buffer_kib > 0)
		pcap_set_buffer_size(c->p, c->buffer_kib * 1024);
	rc = pcap_activate(c->p);
	if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
		return hx_err(err, -ENODEV,
			      "cannot capture on '%s'%s: no such interface",
			      c->device, w);
	if (rc == PCAP_ERROR_PERM_DENIED ||
	    rc == PCAP_ERROR_PROMISC_PERM_DENIED)
		return hx_err(err, -EPERM,
			      "cannot capture on '%s'%s: %s (capturing needs CAP_NET_RAW: root, or a network namespace of one's own such as 'unshare -r -n')",
			      c->device, w, pcap_geterr(c->p));
	if (rc == PCAP_ERROR)
		return hx_err(err, -EIO, "cannot capture on '%s'%s: %s",
			      c->device, w, pcap_geterr(c->p));
	if (rc < 0) {
		/* libpcap often puts the status's own text in geterr too */
		const char *st = pcap_statustostr(rc), *ge = pcap_geterr(c->p);
		int same = !*ge || !strcmp(st, ge);

		return hx_err(err, -EIO, "cannot capture on '%s'%s: %s%s%s",
			      c->device, w, st, same ? "" : ": ", same ? "" : ge);
	}
	/*
	 * libpcap opens its socket without close-on-exec. Commands are not
	 * forked by this process where captures run beside them (the
	 * spawner, netns/spawn.h, forks them), and children close every fd
	 * on exec anyway; the flag is for whoever else forks and execs.
	 */
	fd = pcap_get_selectable_fd(c->p);
	if ((fl = fcntl(fd, F_GETFD)) < 0 ||
	    fcntl(fd, F_SETFD, fl | FD_CLOEXEC) < 0)
		return hx_err(err, -errno,
			      "cannot capture on '%s'%s: cannot make its socket close-on-exec: %s",
			      c->device, w, strerrordesc_np(errno));

	/* tcpdump 4.99 asks `any` for LINUX_SLL2 (interface names and
	 * directions) where libpcap offers it; libpcap's default is SLL. */
	if (!strcmp(c->device, "any")) {
		int *dlts = NULL, n = pcap_list_datalinks(c->p, &dlts), k;

		for (k = 0; k < n; k++)
			if (dlts[k] == DLT_LINUX_SLL2)
				pcap_set_datalink(c->p, DLT_LINUX_SLL2);
		if (n > 0)
			pcap_free_datalinks(dlts);
	}
	if (c->direction != TD_DIR_INOUT &&
	    pcap_setdirection(c->p, (pcap_direction_t)c->direction) < 0)
		return hx_err(err, -EINVAL,
			      "cannot set direction %s on '%s'%s: %s",
			      c->direction == TD_DIR_IN ? "in" : "out",
			      c->device, w, pcap_geterr(c->p));
	if (c->filter) {
		/* As tcpdump: the interface's netmask when it has one
		 * (for "ip broadcast"), else 0. */
		if (c->nflog_group < 0 &&
		    pcap_lookupnet(c->device, &net, &mask, ebuf) < 0)
			mask = 0;
		if (pcap_compile(c->p, &prog, c->filter, 1, mask) < 0)
			return hx_err(err, -EINVAL,
				      "cannot compile filter '%s': %s",
				      c->filter, pcap_geterr(c->p));
		rc = pcap_setfilter(c->p, &prog);
		pcap_freecode(&prog);
		if (rc < 0)
			return hx_err(err, -EINVAL,
				      "cannot set filter '%s' on '%s'%s: %s",
				      c->filter, c->device, w,
				      pcap_geterr(c->p));
	}
	if (pcap_setnonblock(c->p, 1, ebuf) < 0)
		return hx_err(err, -EIO, "cannot capture on '%s'%s: %s",
			      c->device, w, ebuf);
	/*
	 * The kernel batches NFLOG messages: an instance sends them when
	 * its queue threshold is reached or its timer (1 s) fires, so
	 * packets arrive up to a second late (DESIGN.md). libpcap leaves
	 * that as is; in immediate mode we set the instance's threshold to
	 * 1, which delivers each packet as it is logged, as immediate mode
	 * means on any other device.
	 */
	if (c->nflog_group >= 0 && c->immediate) {
		uint32_t one = htonl(1);

		nflog_config(fd, c->nflog_group, NFULA_CFG_QTHRESH, &one,
			     sizeof(one));
	}
	c->dlt = pcap_datalink(c->p);
	c->snaplen = pcap_snapshot(c->p);
	if (c->has_sink && c->sink.open) {
		rc = c->sink.open(c->sink.arg, err, c->dlt, c->snaplen);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static void finish(struct cap_live *c, int rc, const char *err)
{
	uint64_t one = 1;

	pthread_mutex_lock(&c->mu);
	c->rc = rc;
	if (rc < 0)
		memcpy(c->err, err, HX_ERRLEN);
	c->kept_pub = c->nseen;
	c->state = ST_DONE;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	/* an eventfd counter cannot overflow from one write */
	if (write(c->donefd, &one, sizeof(one)) < 0)
		(void)0;
}

static void *run(void *arg)
{
	struct cap_live *c = arg;
	char err[HX_ERRLEN] = "", err2[HX_ERRLEN] = "";
	struct pcap_stat ps;
	int rc, rc2;

	rc = open_handle(c, err);
	if (rc < 0) {
		if (c->p)
			pcap_close(c->p);
		c->p = NULL;
		finish(c, rc, err);
		return NULL;
	}
	pthread_mutex_lock(&c->mu);
	c->state = ST_RUNNING;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);

	rc = loop(c, err);
	memset(&ps, 0, sizeof(ps));
	if (pcap_stats(c->p, &ps) == 0) {
		c->st.received = ps.ps_recv;
		c->st.dropped = ps.ps_drop;
		/*
		 * libpcap takes ps_ifdrop from /sys/class/net/<dev>/
		 * statistics, and sysfs shows the namespace that mounted it
		 * (the machine's), not the thread's: in a host that would be
		 * the machine's interface of the same name. A host has only
		 * virtual devices, which never count missed or FIFO drops.
		 */
		c->st.ifdropped = c->netfd >= 0 ? 0 : ps.ps_ifdrop;
	}
	c->st.kept = c->nseen;
	if (c->has_sink && c->sink.close) {
		rc2 = c->sink.close(c->sink.arg, err2);
		if (rc2 < 0 && rc >= 0) {
			rc = rc2;
			memcpy(err, err2, HX_ERRLEN);
		}
	}
	pcap_close(c->p);
	c->p = NULL;
	finish(c, rc < 0 ? rc : 0, err);
	return NULL;
}

static void free_mem(struct cap_live *c)
{
	cap_pktvec_release(&c->kept);
	free(c->device);
	free(c->filter);
	free(c->host);
	if (c->evfd >= 0)
		close(c->evfd);
	if (c->donefd >= 0)
		close(c->donefd);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

int cap_live_start(char *err, const struct cap_live_cfg *cfg,
		   struct cap_live **out)
{
	pthread_condattr_t ca;
	sigset_t all, old;
	struct cap_live *c;
	int rc, group;

	*out = NULL;
	if (!cfg->device || !cfg->device[0])
		return hx_err(err, -EINVAL, "no capture device given");
	if ((rc = nflog_group(err, cfg->device, &group)) < 0)
		return rc;
	if (cfg->snaplen < 0 || cfg->buffer_kib < 0 || cfg->count < 0 ||
	    (cfg->direction != TD_DIR_INOUT && cfg->direction != TD_DIR_IN &&
	     cfg->direction != TD_DIR_OUT))
		return hx_err(err, -EINVAL,
			      "invalid capture settings for '%s'", cfg->device);
	if (group >= 0 && cfg->direction != TD_DIR_INOUT)
		return hx_err(err, -EINVAL,
			      "cannot set a direction on '%s': NFLOG has none",
			      cfg->device);
	c = calloc(1, sizeof(*c));
	if (!c)
		return hx_err(err, -ENOMEM, "cannot allocate a capture");
	c->evfd = -1;
	c->donefd = -1;
	pthread_mutex_init(&c->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->cv, &ca);
	pthread_condattr_destroy(&ca);
	c->device = strdup(cfg->device);
	c->filter = cfg->filter ? strdup(cfg->filter) : NULL;
	c->host = cfg->host ? strdup(cfg->host) : NULL;
	if (!c->device || (cfg->filter && !c->filter) ||
	    (cfg->host && !c->host)) {
		rc = hx_err(err, -ENOMEM, "cannot allocate a capture");
		goto fail;
	}
	c->netfd = cfg->netfd;
	c->snaplen_req = cfg->snaplen > 0 && cfg->snaplen < LIVE_SNAPLEN_MAX
			 ? cfg->snaplen : LIVE_SNAPLEN_MAX;
	c->promisc = cfg->promisc;
	c->direction = cfg->direction;
	c->immediate = cfg->immediate;
	c->buffer_kib = cfg->buffer_kib;
	c->keep = cfg->keep;
	c->count = cfg->count;
	c->nflog_group = group;
	if (cfg->sink) {
		c->sink = *cfg->sink;
		c->has_sink = 1;
	}
	c->evfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	c->donefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (c->evfd < 0 || c->donefd < 0) {
		rc = hx_err(err, -errno, "cannot create an eventfd: %s",
			    strerrordesc_np(errno));
		goto fail;
	}
	c->state = ST_STARTING;

	/* Signals stay with the threads that expect them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, run, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		rc = hx_err(err, -rc, "cannot start the capture thread: %s",
			    strerrordesc_np(rc));
		goto fail;
	}
	pthread_mutex_lock(&c->mu);
	while (c->state == ST_STARTING)
		pthread_cond_wait(&c->cv, &c->mu);
	rc = c->state == ST_DONE ? c->rc : 0;
	pthread_mutex_unlock(&c->mu);
	if (rc < 0) {
		pthread_join(c->thread, NULL);
		if (err)
			memcpy(err, c->err, HX_ERRLEN);
		goto fail;
	}
	*out = c;
	return 0;

fail:
	free_mem(c);
	return rc;
}

size_t cap_live_wait_count(struct cap_live *c, size_t n, int timeout_ms)
{
	struct timespec dl;
	size_t kept;

	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_sec += timeout_ms / 1000;
	dl.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (dl.tv_nsec >= 1000000000L) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&c->mu);
	while (c->kept_pub < n && c->state != ST_DONE && timeout_ms > 0)
		if (pthread_cond_timedwait(&c->cv, &c->mu, &dl) == ETIMEDOUT)
			break;
	kept = c->kept_pub;
	pthread_mutex_unlock(&c->mu);
	return kept;
}

int cap_live_stop(struct cap_live *c, char *err)
{
	uint64_t one = 1;
	int rc;

	pthread_mutex_lock(&c->mu);
	if (!c->joined) {
		pthread_mutex_unlock(&c->mu);
		/* The eventfd wakes the thread's poll whatever the device. */
		if (write(c->evfd, &one, sizeof(one)) < 0 && errno != EAGAIN)
			return hx_err(err, -errno, "cannot stop capture on '%s': %s",
				      c->device, strerrordesc_np(errno));
		pthread_join(c->thread, NULL);
		pthread_mutex_lock(&c->mu);
		c->joined = 1;
	}
	rc = c->rc;
	if (rc < 0 && err)
		memcpy(err, c->err, HX_ERRLEN);
	pthread_mutex_unlock(&c->mu);
	return rc;
}

int cap_live_done_fd(const struct cap_live *c)
{
	return c->donefd;
}

const struct cap_pkt *cap_live_packets(const struct cap_live *c, size_t *n)
{
	*n = c->kept.n;
	return c->kept.v;
}

int cap_live_dlt(const struct cap_live *c)
{
	return c->dlt;
}

int cap_live_snaplen(const struct cap_live *c)
{
	return c->snaplen;
}

void cap_live_stats(const struct cap_live *c, struct cap_stats *st)
{
	*st = c->st;
}

void cap_live_free(struct cap_live *c)
{
	if (!c)
		return;
	cap_live_stop(c, NULL);
	free_mem(c);
}
