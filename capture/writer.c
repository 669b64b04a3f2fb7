/* writer.c: savefiles with tcpdump's rotation: -w -G -C -W -z -Z, as a cap_sink. */
#define _GNU_SOURCE
#include "capture/writer.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness/hx.h"

#define NS_PER_S 1000000000LL
#define PCAP_FILE_HDR 24 /* the savefile header pcap_dump_fopen writes */
#define PCAP_REC_HDR 16	 /* before every packet in a savefile */
#define WRITER_IOBUF (256 * 1024)

struct cap_writer {
	struct cap_writer_cfg cfg; /* strings below are the writer's copies */
	char *name, *postrotate, *zpath;
	int digits;		   /* -W's zero padding: digits of N-1 */
	struct cap_cmdq *cmdq;	   /* the real -z, unless cfg.runner */
	pcap_t *dead;		   /* the link type and snaplen for the files */
	pcap_dumper_t *d;	   /* the current file, or NULL */
	char *iobuf;		   /* the current file's stdio buffer */
	char cur[PATH_MAX + 1];	   /* the current file's name */
	long long cur_size;	   /* its bytes, headers included */
	unsigned long long cur_pkts;
	int64_t anchor;		   /* -G: where intervals are counted from */
	int64_t start, deadline;   /* -G: this file's interval */
	int ccount;		   /* -C: the number of the current file */
	int gfiles;		   /* -G: files opened */
	int opened, ended, closed;
	struct cap_writer_stats st;
};

static int64_t clock_realtime(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static const struct cap_clock realtime = { clock_realtime, NULL };

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t now_ns(const struct cap_writer *w)
{
	return w->cfg.clock->now_ns(w->cfg.clock->arg);
}

static void report(const struct cap_writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void report(const struct cap_writer *w, const char *fmt, ...)
{
	char raw[HX_ERRLEN], line[HX_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	hx_quote(line, sizeof(line), raw); /* file names: one line */
	if (w->cfg.report)
		w->cfg.report(w->cfg.report_arg, line);
	else
		fprintf(stderr, "dumplab: %s\n", line);
}

/* tcpdump's -W padding: as many digits as N-1 has (none for -W 1). */
static int ring_digits(int n)
{
	int c = 0;

	for (n -= 1; n > 0; n /= 10)
		c++;
	return c;
}

/*
 * The last wall-clock boundary at or before t: a multiple of secs in
 * local time (the epoch shifted by the UTC offset at t), so -G 3600 falls
 * on local hours and -G 86400 on local midnight in any time zone.
 */
static int64_t align_floor(int64_t t, int secs)
{
	time_t s = (time_t)floor_div(t, NS_PER_S);
	struct tm tm;
	long off = 0;
	int64_t local;

	if (localtime_r(&s, &tm))
		off = tm.tm_gmtoff;
	local = (int64_t)s + off;
	local -= local - floor_div(local, secs) * secs;
	return (local - off) * NS_PER_S;
}

/*
 * The first boundary after t. Computed in the local time of the boundary
 * itself, so that across a daylight-saving change -G 86400 still ends on
 * the next local midnight (a 23- or 25-hour day).
 */
static int64_t align_next(int64_t t, int secs)
{
	int64_t g = (int64_t)secs * NS_PER_S;
	int64_t b = align_floor(align_floor(t, secs) + g, secs);

	return b > t ? b : align_floor(t, secs) + g;
}

/*
 * The name of a file: the template, strftime'd with start under -G, and
 * with -C the number (unless it is 0 and -W asks for no digits).
 */
static int make_name(char *err, const struct cap_writer_cfg *cfg,
		     int digits, int64_t start, int count, char *out,
		     size_t outlen)
{
	char tmp[PATH_MAX + 1];
	const char *base = cfg->name;
	int n;

	if (cfg->rotate_secs) {
		time_t s = (time_t)floor_div(start, NS_PER_S);
		struct tm tm;

		if (!localtime_r(&s, &tm))
			return hx_err(err, -EINVAL, "option -w: cannot convert "
				      "time %lld to local time", (long long)s);
/* The -w template is a strftime format by design (tcpdump's -G). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		if (strftime(tmp, sizeof(tmp), cfg->name, &tm) == 0 &&
		    cfg->name[0])
#pragma GCC diagnostic pop
			return hx_err(err, -ENAMETOOLONG, "option -w: '%s' is "
				      "empty or too long once strftime'd",
				      cfg->name);
		base = tmp;
	}
	if (cfg->rotate_bytes && !(count == 0 && digits == 0))
		n = snprintf(out, outlen, "%s%0*d", base, digits, count);
	else
		n = snprintf(out, outlen, "%s", base);
	if (n < 0 || (size_t)n >= outlen)
		return hx_err(err, -ENAMETOOLONG,
			      "option -w: the file name '%s...' is too long",
			      cfg->name);
	return 0;
}

static int open_file(struct cap_writer *w, char *err)
{
	FILE *fp;
	int fd, e;

	if (!strcmp(w->cur, "-"))
		fd = fcntl(1, F_DUPFD_CLOEXEC, 3);
	else
		fd = open(w->cur, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			  0644);
	if (fd < 0)
		return hx_err(err, -errno, "cannot create savefile '%s': %s",
			      w->cur, strerror(errno));
	fp = fdopen(fd, "w");
	if (!fp) {
		e = errno;
		close(fd);
		return hx_err(err, -e, "cannot create savefile '%s': %s",
			      w->cur, strerror(e));
	}
	setvbuf(fp, w->iobuf, _IOFBF, WRITER_IOBUF);
	w->d = pcap_dump_fopen(w->dead, fp);
	if (!w->d) {
		fclose(fp);
		return hx_err(err, -EIO, "cannot create savefile '%s': %s",
			      w->cur, pcap_geterr(w->dead));
	}
	w->cur_size = PCAP_FILE_HDR;
	w->cur_pkts = 0;
	w->st.files++;
	w->st.bytes += PCAP_FILE_HDR;
	return 0;
}

/* Closes the current file; 0 or a write error. Does not run -z. */
static int close_file(struct cap_writer *w, char *err)
{
	int rc = 0;

	if (!w->d)
		return 0;
	errno = 0;
	if (pcap_dump_flush(w->d) < 0 || ferror(pcap_dump_file(w->d)))
		rc = hx_err(err, errno ? -errno : -EIO,
			    "cannot write savefile '%s': %s", w->cur,
			    strerror(errno ? errno : EIO));
	pcap_dump_close(w->d);
	w->d = NULL;
	return rc;
}

static void postrotate(struct cap_writer *w)
{
	if (!w->cfg.postrotate)
		return;
	if (w->cfg.runner)
		w->cfg.runner->run(w->cfg.runner->arg, w->cur);
	else if (w->cmdq)
		cap_cmdq_submit(w->cmdq, w->cur);
}

/* Closes the current file, runs -z for it, opens the next one. */
static int rotate(struct cap_writer *w, char *err)
{
	int rc = close_file(w, err);

	postrotate(w);
	if (rc < 0)
		return rc;
	rc = make_name(err, &w->cfg, w->digits, w->start, w->ccount, w->cur,
		       sizeof(w->cur));
	if (rc < 0)
		return rc;
	return open_file(w, err);
}

/* -G: the interval is over at now. */
static int rotate_time(struct cap_writer *w, char *err, int64_t now)
{
	int64_t g = (int64_t)w->cfg.rotate_secs * NS_PER_S;
	int rc;

	if (!w->cfg.rotate_bytes && w->cfg.file_limit &&
	    w->gfiles >= w->cfg.file_limit) {
		rc = close_file(w, err);
		postrotate(w);
		w->ended = 1;
		w->st.ended = 1;
		report(w, "maximum file limit reached: %d", w->cfg.file_limit);
		return rc < 0 ? rc : CAP_SINK_END;
	}
	if (w->cfg.rotate_align) {
		w->start = align_floor(now, w->cfg.rotate_secs);
		w->deadline = align_next(w->start, w->cfg.rotate_secs);
	} else {
		w->start = w->anchor + floor_div(now - w->anchor, g) * g;
		w->deadline = w->start + g;
	}
	w->ccount = 0;
	w->gfiles++;
	return rotate(w, err);
}

static int w_open(void *arg, char *err, int dlt, int snaplen)
{
	struct cap_writer *w = arg;
	int64_t now, g = (int64_t)w->cfg.rotate_secs * NS_PER_S;
	int rc;

	if (w->opened)
		return hx_err(err, -EALREADY, "savefile '%s': opened twice",
			      w->name);
	w->opened = 1;
	w->dead = pcap_open_dead_with_tstamp_precision(
		dlt, snaplen > 0 ? snaplen : 262144,
		w->cfg.nano ? PCAP_TSTAMP_PRECISION_NANO
			    : PCAP_TSTAMP_PRECISION_MICRO);
	if (!w->dead)
		return hx_err(err, -ENOMEM, "savefile '%s': %s", w->name,
			      strerror(ENOMEM));
	/* The device is open (live.h: open runs after activation); no file
	 * is: dropping now makes every file, the first one too, the user's. */
	if (w->cfg.user) {
		rc = cap_user_drop(err, w->cfg.user, w->cfg.drop_scope);
		if (rc < 0)
			return rc;
	}
	now = now_ns(w);
	w->anchor = w->start = now;
	if (g) {
		w->deadline = w->cfg.rotate_align
				      ? align_next(now, w->cfg.rotate_secs)
				      : now + g;
		w->gfiles = 1;
	}
	rc = make_name(err, &w->cfg, w->digits, w->start, 0, w->cur,
		       sizeof(w->cur));
	if (rc < 0)
		return rc;
	return open_file(w, err);
}

static int w_packet(void *arg, char *err, const struct pcap_pkthdr *h,
		    const uint8_t *p)
{
	struct cap_writer *w = arg;
	long long rec = PCAP_REC_HDR + (long long)h->caplen;
	int rc;

	if (w->ended)
		return CAP_SINK_END;
	if (!w->d)
		return hx_err(err, -EBADF, "savefile '%s': a packet while no "
			      "file is open", w->name);
	if (w->cfg.rotate_secs) {
		int64_t now = now_ns(w);

		if (now >= w->deadline) {
			rc = rotate_time(w, err, now);
			if (rc)
				return rc;
		}
	}
	/* Close before the packet that would pass the limit, unless the file
	 * is empty: a packet larger than the limit still has to go somewhere. */
	if (w->cfg.rotate_bytes && w->cur_pkts &&
	    w->cur_size + rec > w->cfg.rotate_bytes) {
		w->ccount++;
		if (w->cfg.file_limit && w->ccount >= w->cfg.file_limit)
			w->ccount = 0;
		rc = rotate(w, err);
		if (rc < 0)
			return rc;
	}
	pcap_dump((u_char *)w->d, h, p);
	w->cur_size += rec;
	w->cur_pkts++;
	w->st.packets++;
	w->st.bytes += (unsigned long long)rec;
	if (w->cfg.packet_buffered && pcap_dump_flush(w->d) < 0)
		return hx_err(err, -errno, "cannot write savefile '%s': %s",
			      w->cur, strerror(errno));
	if (ferror(pcap_dump_file(w->d)))
		return hx_err(err, errno ? -errno : -EIO,
			      "cannot write savefile '%s': %s", w->cur,
			      strerror(errno ? errno : EIO));
	return 0;
}

static int w_next_tick_ms(void *arg)
{
	struct cap_writer *w = arg;
	int64_t left;

	if (!w->cfg.rotate_secs || !w->d || w->ended)
		return -1;
	left = w->deadline - now_ns(w);
	if (left <= 0)
		return 0;
	left = (left + 999999) / 1000000; /* never wake before the deadline */
	return left > INT_MAX ? INT_MAX : (int)left;
}

static int w_tick(void *arg, char *err)
{
	struct cap_writer *w = arg;
	int64_t now;

	if (w->ended)
		return CAP_SINK_END;
	if (!w->cfg.rotate_secs || !w->d)
		return 0;
	now = now_ns(w);
	if (now < w->deadline)
		return 0;
	return rotate_time(w, err, now);
}

static int w_close(void *arg, char *err)
{
	struct cap_writer *w = arg;
	int rc;

	if (w->closed)
		return 0;
	w->closed = 1;
	if (!w->d)
		return 0;
	rc = close_file(w, err);
	postrotate(w);
	return rc;
}

void cap_writer_sink(struct cap_writer *w, struct cap_sink *s)
{
	s->open = w_open;
	s->packet = w_packet;
	s->next_tick_ms = w_next_tick_ms;
	s->tick = w_tick;
	s->close = w_close;
	s->arg = w;
}

/* The rules cap_writer_check and cap_writer_new share. */
static int cfg_check(char *err, const struct cap_writer_cfg *c)
{
	if (!c->name || !c->name[0])
		return hx_err(err, -EINVAL, "option -w: no file name");
	if (c->rotate_bytes < 0)
		return hx_err(err, -EINVAL, "option -C: invalid file size %lld "
			      "bytes", c->rotate_bytes);
	if (c->rotate_secs < 0)
		return hx_err(err, -EINVAL, "option -G: invalid number of "
			      "seconds %d", c->rotate_secs);
	if (c->file_limit < 0)
		return hx_err(err, -EINVAL, "option -W: invalid number of files "
			      "%d", c->file_limit);
	if (c->file_limit && !c->rotate_bytes && !c->rotate_secs)
		return hx_err(err, -EINVAL, "option -W %d needs -C or -G",
			      c->file_limit);
	if (c->rotate_align && !c->rotate_secs)
		return hx_err(err, -EINVAL, "option --rotate-align needs -G");
	if (!strcmp(c->name, "-") && (c->rotate_bytes || c->rotate_secs))
		return hx_err(err, -EINVAL, "option -w: '-' (standard output) "
			      "cannot rotate with -%c", c->rotate_bytes ? 'C'
								     : 'G');
	if (!strcmp(c->name, "-") && c->postrotate)
		return hx_err(err, -EINVAL, "option -z: '%s' needs a file, not "
			      "-w - (standard output)", c->postrotate);
	if (c->drop_scope != CAP_DROP_PROCESS &&
	    c->drop_scope != CAP_DROP_THREAD)
		return hx_err(err, -EINVAL, "savefile '%s': unknown drop scope "
			      "%d", c->name, c->drop_scope);
	return 0;
}

int cap_writer_new(char *err, const struct cap_writer_cfg *cfg,
		   struct cap_writer **out)
{
	struct cap_writer *w;
	int rc;

	*out = NULL;
	rc = cfg_check(err, cfg);
	if (rc < 0)
		return rc;
	w = calloc(1, sizeof(*w));
	if (!w)
		return hx_err(err, -ENOMEM, "savefile '%s': %s", cfg->name,
			      strerror(ENOMEM));
	w->cfg = *cfg;
	if (!w->cfg.clock)
		w->cfg.clock = &realtime;
	w->name = strdup(cfg->name);
	w->iobuf = malloc(WRITER_IOBUF);
	if (!w->name || !w->iobuf)
		goto nomem;
	w->cfg.name = w->name;
	w->cfg.postrotate_path = NULL;
	if (cfg->postrotate) {
		w->postrotate = strdup(cfg->postrotate);
		if (!w->postrotate)
			goto nomem;
		w->cfg.postrotate = w->postrotate;
	}
	w->digits = cfg->file_limit > 0 ? ring_digits(cfg->file_limit) : 0;
	tzset(); /* localtime_r need not read TZ itself */
	if (cfg->postrotate && !cfg->runner) {
		if (cfg->postrotate_path)
			w->zpath = strdup(cfg->postrotate_path);
		else {
			rc = cap_cmd_resolve(err, cfg->postrotate, cfg->user,
					     &w->zpath);
			if (rc < 0)
				goto fail;
		}
		if (!w->zpath)
			goto nomem;
		w->cfg.postrotate_path = w->zpath;
		rc = cap_cmdq_new(err, w->postrotate, w->zpath, cfg->user,
				  cfg->report, cfg->report_arg, &w->cmdq);
		if (rc < 0)
			goto fail;
	}
	*out = w;
	return 0;
nomem:
	rc = hx_err(err, -ENOMEM, "savefile '%s': %s", cfg->name,
		    strerror(ENOMEM));
fail:
	cap_writer_free(w);
	return rc;
}

int cap_writer_wait(struct cap_writer *w, int timeout_ms)
{
	return w->cmdq ? cap_cmdq_wait(w->cmdq, timeout_ms) : 0;
}

void cap_writer_stats(const struct cap_writer *w, struct cap_writer_stats *st)
{
	*st = w->st;
}

void cap_writer_free(struct cap_writer *w)
{
	if (!w)
		return;
	close_file(w, NULL);
	cap_cmdq_free(w->cmdq);
	if (w->dead)
		pcap_close(w->dead);
	free(w->iobuf);
	free(w->zpath);
	free(w->postrotate);
	free(w->name);
	free(w);
}

void cap_writer_plan_release(struct cap_writer_plan *plan)
{
	if (!plan)
		return;
	cap_user_release(&plan->user);
	free(plan->zpath);
	memset(plan, 0, sizeof(*plan));
}

static void cfg_from_opts(struct cap_writer_cfg *c, const struct td_opts *o)
{
	c->name = o->wfile;
	c->rotate_secs = o->rotate_secs;
	c->rotate_align = o->rotate_align;
	c->rotate_bytes = o->rotate_bytes;
	c->file_limit = o->file_limit;
	c->postrotate = o->postrotate;
	c->packet_buffered = o->packet_buffered;
	c->nano = o->pr.nano;
}

int cap_writer_opts_check(char *err, const struct td_opts *o)
{
	struct cap_writer_cfg c;

	if (!o->wfile) {
		const char *opt = o->rotate_secs	 ? "-G"
				  : o->rotate_bytes	 ? "-C"
				  : o->file_limit	 ? "-W"
				  : o->postrotate	 ? "-z"
				  : o->rotate_align ? "--rotate-align"
							 : NULL;

		if (opt)
			return hx_err(err, -EINVAL, "option %s needs -w", opt);
		return 0;
	}
	memset(&c, 0, sizeof(c));
	cfg_from_opts(&c, o);
	c.drop_scope = CAP_DROP_PROCESS;
	return cfg_check(err, &c);
}

int cap_writer_check(char *err, const struct td_opts *o,
		     struct cap_writer_plan *pl)
{
	struct cap_writer_cfg *c = &pl->cfg;
	char tmp[HX_ERRLEN], first[PATH_MAX + 1], dir[PATH_MAX + 1];
	const struct cap_user *u = NULL;
	const char *as = "", *uname = "";
	int rc;

	memset(pl, 0, sizeof(*pl));
	/* -Z first: the directory and -z are checked as that user. */
	if (o->user) {
		rc = cap_user_resolve(tmp, o->user, &pl->user);
		if (rc < 0)
			return hx_err(err, rc, "option -Z: %s", tmp);
		rc = cap_user_check(tmp, &pl->user);
		if (rc < 0) {
			hx_err(err, rc, "option -Z: %s", tmp);
			goto fail;
		}
		u = c->user = &pl->user;
		as = "' as user '";
		uname = u->name;
	}
	rc = cap_writer_opts_check(err, o);
	if (rc < 0)
		goto fail;
	if (!o->wfile)
		return 0;
	cfg_from_opts(c, o);
	if (o->postrotate) {
		rc = cap_cmd_resolve(tmp, o->postrotate, u, &pl->zpath);
		if (rc < 0) {
			hx_err(err, rc, "option -z: %s", tmp);
			goto fail;
		}
		c->postrotate_path = pl->zpath;
	}
	if (!strcmp(o->wfile, "-"))
		return 0;
	tzset();
	rc = make_name(err, c, c->file_limit ? ring_digits(c->file_limit) : 0,
		       clock_realtime(NULL), 0, first, sizeof(first));
	if (rc < 0)
		goto fail;
	snprintf(dir, sizeof(dir), "%s", first);
	rc = cap_user_access(u, dirname(dir), W_OK | X_OK);
	if (rc < 0) {
		snprintf(dir, sizeof(dir), "%s", first);
		hx_err(err, rc, "option -w '%s': cannot create files in "
		       "directory '%s%s%s': %s", o->wfile, dirname(dir), as,
		       uname, strerror(-rc));
		goto fail;
	}
	if (access(first, F_OK) == 0) {
		rc = cap_user_access(u, first, W_OK);
		if (rc < 0) {
			hx_err(err, rc, "option -w '%s': cannot overwrite "
			       "'%s%s%s': %s", o->wfile, first, as, uname,
			       strerror(-rc));
			goto fail;
		}
	}
	return 0;
fail:
	cap_writer_plan_release(pl);
	return rc;
}

int cap_writer_parse_opt(char *err, int opt, const char *arg, long long *val)
{
	const char *what = opt == 'C'	? "file size"
			   : opt == 'G' ? "number of seconds"
					: "number of files";
	long long mult = 1, max = INT_MAX;
	char *end;
	long long v;

	if (opt != 'C' && opt != 'G' && opt != 'W')
		return hx_err(err, -EINVAL, "option -%c: not a rotation option",
			      opt);
	errno = 0;
	v = strtoll(arg, &end, 10);
	if (opt == 'C') {
		max = LLONG_MAX;
		mult = 1000000;
		if (*end && !end[1]) {
			switch (*end) {
			case 'k': case 'K': mult = 1LL << 10; end++; break;
			case 'm': case 'M': mult = 1LL << 20; end++; break;
			case 'g': case 'G': mult = 1LL << 30; end++; break;
			}
		}
	}
	if (end == arg || *end || errno == EINVAL || v <= 0 ||
	    (errno == ERANGE && v < 0))
		return hx_err(err, -EINVAL, "option -%c: invalid %s '%s'", opt,
			      what, arg);
	if (errno == ERANGE || v > max / mult)
		return hx_err(err, -ERANGE, "option -%c: %s '%s' is too large",
			      opt, what, arg);
	*val = v * mult;
	return 0;
}
