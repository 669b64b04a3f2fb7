/* session.c: one tcpdump command line as a running capture: cap_live, the savefile writer, live printing. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/session.h"
#include "capture/user.h"

/* Printed text is handed to the FILE in pieces of about this size. */
#define SESSION_PRINT_CHUNK (64 * 1024)
/* Printed text waits at most this long when traffic pauses. */
#define SESSION_FLUSH_MS 200

struct cap_session {
	struct cap_session_cfg cfg;
	struct td_opts td;	  /* cfg->td with -w and -z made absolute */
	char *wpath, *zpath;	  /* those absolute names, owned */
	struct cap_writer_plan plan;
	int has_plan;
	struct cap_writer *w;
	struct cap_sink wsink;	  /* the writer's callbacks */
	struct cap_live *live;
	int stopped, stop_rc;
	char stop_err[HX_ERRLEN];

	/* The capture thread's own while it runs. */
	struct pr_ctx *pr;
	struct hx_buf out;
	int flush_each;		  /* print line by line (a terminal, -U) */
	int printed_oom;
	long long flush_due;	  /* CLOCK_MONOTONIC ms; 0: nothing waits */
};

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Names relative to the session's directory become absolute: a scenario's
 * threads share one working directory, which is not the scenario's.
 */
static int under(char *err, const char *dir, const char *name, char **out)
{
	*out = NULL;
	if (!dir || !name || name[0] == '/' || !strcmp(name, "-"))
		return 0;
	if (asprintf(out, "%s/%s", dir, name) < 0) {
		*out = NULL;
		return hx_err(err, -ENOMEM, "out of memory");
	}
	return 0;
}

/* Hands the printed text to the FILE; all the way out when push. */
static int print_flush(struct cap_session *s, char *err, int push)
{
	FILE *f = s->cfg.print;

	if (s->out.oom && !s->printed_oom) {
		s->printed_oom = 1;
		return hx_err(err, -ENOMEM, "out of memory while printing");
	}
	if (s->out.len && fwrite(s->out.p, 1, s->out.len, f) != s->out.len)
		return hx_err(err, -EIO, "cannot write the printed packets: %s",
			      strerror(errno));
	hx_buf_reset(&s->out);
	s->flush_due = 0;
	if ((push || s->flush_each) && fflush(f) == EOF)
		return hx_err(err, -EIO, "cannot write the printed packets: %s",
			      strerror(errno));
	return 0;
}

static int sink_open(void *arg, char *err, int dlt, int snaplen)
{
	struct cap_session *s = arg;
	size_t i;
	int rc;

	/* The device is open: drop now, before any file exists. */
	if (s->w) {
		rc = s->wsink.open(s->wsink.arg, err, dlt, snaplen);
		if (rc < 0)
			return rc;
	} else if (s->has_plan && s->plan.cfg.user) {
		rc = cap_user_drop(err, s->plan.cfg.user, s->cfg.drop_scope);
		if (rc < 0)
			return rc;
	}
	if (!s->cfg.print)
		return 0;
	s->pr = pr_new(err, &s->td.pr, dlt);
	if (!s->pr)
		return -ENOMEM;
	for (i = 0; i < s->cfg.nnames; i++) {
		rc = pr_name_add(s->pr, s->cfg.names[i].af, s->cfg.names[i].addr,
				 s->cfg.names[i].name);
		if (rc < 0)
			return hx_err(err, rc, "cannot name '%s' for printing",
				      s->cfg.names[i].name);
	}
	return 0;
}

static int sink_packet(void *arg, char *err, const struct pcap_pkthdr *h,
		       const uint8_t *p)
{
	struct cap_session *s = arg;
	int rc = 0;

	if (s->w) {
		rc = s->wsink.packet(s->wsink.arg, err, h, p);
		/* after the -G -W limit the packet is not the capture's */
		if (rc != 0)
			return rc;
	}
	if (s->pr) {
		pr_packet(s->pr, &s->out, h, p);
		if (s->flush_each || s->out.len >= SESSION_PRINT_CHUNK ||
		    s->out.oom)
			return print_flush(s, err, 0);
		if (!s->flush_due)
			s->flush_due = mono_ms() + SESSION_FLUSH_MS;
	}
	return 0;
}

/* The writer's next rotation, or the printed text's flush, if sooner. */
static int sink_next_tick_ms(void *arg)
{
	struct cap_session *s = arg;
	int t = s->w ? s->wsink.next_tick_ms(s->wsink.arg) : -1;
	long long left;

	if (s->flush_due) {
		left = s->flush_due - mono_ms();
		if (left < 0)
			left = 0;
		if (t < 0 || left < t)
			t = (int)left;
	}
	return t;
}

static int sink_tick(void *arg, char *err)
{
	struct cap_session *s = arg;
	int rc = 0;

	/* what was printed before a quiet spell is shown now */
	if (s->flush_due && mono_ms() >= s->flush_due)
		rc = print_flush(s, err, 1);
	/* the writer's tick does nothing before its deadline */
	if (rc == 0 && s->w)
		rc = s->wsink.tick(s->wsink.arg, err);
	return rc;
}

static int sink_close(void *arg, char *err)
{
	struct cap_session *s = arg;
	char err2[HX_ERRLEN];
	int rc = 0, rc2;

	if (s->w)
		rc = s->wsink.close(s->wsink.arg, err);
	if (s->pr) {
		rc2 = print_flush(s, err2, 1);
		if (rc2 == 0 && fflush(s->cfg.print) == EOF)
			rc2 = hx_err(err2, -EIO, "cannot write the printed packets: %s",
				     strerror(errno));
		if (rc2 < 0 && rc == 0) {
			rc = rc2;
			memcpy(err, err2, HX_ERRLEN);
		}
	}
	return rc;
}

static void session_free_mem(struct cap_session *s)
{
	cap_live_free(s->live);
	cap_writer_free(s->w);
	if (s->has_plan)
		cap_writer_plan_release(&s->plan);
	pr_free(s->pr);
	hx_buf_release(&s->out);
	free(s->wpath);
	free(s->zpath);
	free(s);
}

int cap_session_start(char *err, const struct cap_session_cfg *cfg,
		      struct cap_session **out)
{
	const struct td_opts *o = cfg->td;
	struct cap_live_cfg lc = { 0 };
	struct cap_sink sink = {
		sink_open, sink_packet, sink_next_tick_ms, sink_tick,
		sink_close, NULL,
	};
	struct cap_session *s;
	int rc;

	*out = NULL;
	if (!o->iface || !o->iface[0])
		return hx_err(err, -EINVAL, "no capture device given: use -i IF");
	s = calloc(1, sizeof(*s));
	if (!s)
		return hx_err(err, -ENOMEM, "cannot allocate a capture session");
	s->cfg = *cfg;
	s->td = *o;
	hx_buf_init(&s->out);
	sink.arg = s;

	rc = under(err, cfg->workdir, o->wfile, &s->wpath);
	if (rc == 0 && o->postrotate && strchr(o->postrotate, '/'))
		rc = under(err, cfg->workdir, o->postrotate, &s->zpath);
	if (rc < 0)
		goto fail;
	if (s->wpath)
		s->td.wfile = s->wpath;
	if (s->zpath)
		s->td.postrotate = s->zpath;

	/* Everything the file system and the user database can refuse is
	 * refused here, before the device opens and before any file. */
	rc = cap_writer_check(err, &s->td, &s->plan);
	if (rc < 0)
		goto fail;
	s->has_plan = 1;
	if (s->plan.cfg.name) {
		s->plan.cfg.drop_scope = cfg->drop_scope;
		s->plan.cfg.clock = cfg->clock;
		s->plan.cfg.report = cfg->report;
		s->plan.cfg.report_arg = cfg->report_arg;
		rc = cap_writer_new(err, &s->plan.cfg, &s->w);
		if (rc < 0)
			goto fail;
		cap_writer_sink(s->w, &s->wsink);
	}
	if (cfg->print)
		s->flush_each = isatty(fileno(cfg->print)) || o->packet_buffered ||
				o->immediate;

	lc.netfd = cfg->netfd;
	lc.device = o->iface;
	lc.snaplen = o->snaplen;
	lc.promisc = !o->no_promisc;
	lc.direction = o->direction;
	lc.immediate = o->immediate || cfg->immediate;
	lc.buffer_kib = o->buffer_kib;
	lc.filter = o->filter;
	lc.count = o->count;
	lc.keep = cfg->keep;
	lc.sink = &sink;
	lc.host = cfg->host;
	rc = cap_live_start(err, &lc, &s->live);
	if (rc < 0)
		goto fail;
	*out = s;
	return 0;

fail:
	session_free_mem(s);
	return rc;
}

int cap_session_done_fd(const struct cap_session *s)
{
	return cap_live_done_fd(s->live);
}

size_t cap_session_wait_count(struct cap_session *s, size_t n, int timeout_ms)
{
	return cap_live_wait_count(s->live, n, timeout_ms);
}

int cap_session_stop(struct cap_session *s, char *err, int zwait_ms)
{
	int rc;

	if (!s->stopped) {
		s->stopped = 1;
		s->stop_rc = cap_live_stop(s->live, s->stop_err);
		if (s->stop_rc == 0 && s->w &&
		    cap_writer_wait(s->w, zwait_ms) < 0)
			s->stop_rc = hx_err(s->stop_err, -ETIMEDOUT,
					    "the -z command '%s' did not finish in time",
					    s->td.postrotate);
	}
	rc = s->stop_rc;
	if (rc < 0 && err)
		memcpy(err, s->stop_err, HX_ERRLEN);
	return rc;
}

const struct cap_pkt *cap_session_packets(const struct cap_session *s,
					  size_t *n)
{
	return cap_live_packets(s->live, n);
}

int cap_session_dlt(const struct cap_session *s)
{
	return cap_live_dlt(s->live);
}

int cap_session_snaplen(const struct cap_session *s)
{
	return cap_live_snaplen(s->live);
}

void cap_session_stats(const struct cap_session *s,
		       struct cap_session_stats *st)
{
	memset(st, 0, sizeof(*st));
	cap_live_stats(s->live, &st->live);
	if (s->w)
		cap_writer_stats(s->w, &st->files);
}

uint64_t cap_session_generic(const struct cap_session *s, char *buf, size_t len)
{
	if (!s->pr) {
		if (len)
			buf[0] = '\0';
		return 0;
	}
	return pr_generic_summary(s->pr, buf, len);
}

void cap_session_free(struct cap_session *s)
{
	if (!s)
		return;
	cap_session_stop(s, NULL, -1);
	session_free_mem(s);
}

/* -D */

struct list_job {
	int netfd;
	int rc;
	char *err;
	struct hx_buf *out;
};

static void list_flags(struct hx_buf *b, bpf_u_int32 fl)
{
	static const struct {
		bpf_u_int32 bit;
		const char *name;
	} names[] = {
		{ PCAP_IF_UP, "Up" },
		{ PCAP_IF_RUNNING, "Running" },
		{ PCAP_IF_WIRELESS, "Wireless" },
		{ PCAP_IF_LOOPBACK, "Loopback" },
	};
	const char *sep = "";
	size_t i, mark = b->len;

	hx_buf_puts(b, " [");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (fl & names[i].bit) {
			hx_buf_printf(b, "%s%s", sep, names[i].name);
			sep = ", ";
		}
	}
	switch (fl & PCAP_IF_CONNECTION_STATUS) {
	case PCAP_IF_CONNECTION_STATUS_CONNECTED:
		hx_buf_printf(b, "%sConnected", sep);
		break;
	case PCAP_IF_CONNECTION_STATUS_DISCONNECTED:
		hx_buf_printf(b, "%sDisconnected", sep);
		break;
	default:
		break;
	}
	if (b->len == mark + 2)
		hx_buf_puts(b, "none");
	hx_buf_puts(b, "]\n");
}

static void *list_run(void *arg)
{
	struct list_job *j = arg;
	char ebuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all = NULL, *d;
	int n = 0;

	if (j->netfd >= 0 && setns(j->netfd, CLONE_NEWNET) < 0) {
		j->rc = hx_err(j->err, -errno, "cannot enter the namespace to list interfaces: %s",
			       strerror(errno));
		return NULL;
	}
	if (pcap_findalldevs(&all, ebuf) < 0) {
		j->rc = hx_err(j->err, -EIO, "cannot list interfaces: %s", ebuf);
		return NULL;
	}
	for (d = all; d; d = d->next) {
		hx_buf_printf(j->out, "%d.%s", ++n, d->name);
		if (d->description)
			hx_buf_printf(j->out, " (%s)", d->description);
		list_flags(j->out, d->flags);
	}
	pcap_freealldevs(all);
	if (j->out->oom)
		j->rc = hx_err(j->err, -ENOMEM, "out of memory listing interfaces");
	return NULL;
}

int cap_list_ifaces(char *err, int netfd, struct hx_buf *out)
{
	struct list_job j = { netfd, 0, err, out };
	sigset_t all, old;
	pthread_t t;
	int rc;

	if (netfd < 0) {
		list_run(&j);
		return j.rc;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&t, NULL, list_run, &j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return hx_err(err, -rc, "cannot start a thread to list interfaces: %s",
			      strerror(rc));
	pthread_join(t, NULL);
	return j.rc;
}
