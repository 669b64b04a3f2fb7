/* lab-check.c: `dumplab lab check`: a scenario's expectations judged on the savefiles a person wrote with tcpdump -w. */
#define _GNU_SOURCE
#include <errno.h>
#include <glob.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/pktvec.h"
#include "capture/sf.h"
#include "capture/tdopts.h"
#include "harness/lab.h"
#include "harness/runner.h"
#include "harness/sc-expect.h"
#include "netns/hold.h"

/* What a capture or a read step is judged on. */
struct given {
	char *file;	/* the path read, or NULL: not given */
	struct cap_pktvec pkts;
	struct sc_lines text, ladder;
};

static int is_capture(const struct sc_step *s)
{
	return s->kind == SC_STEP_CAPTURE && !s->u.capture.list_only;
}

/* A step a savefile can stand for: a capture (the person's -w file) or a
 * read (tcpdump -r of one). */
static int is_judged(const struct sc_step *s)
{
	return is_capture(s) || s->kind == SC_STEP_READ;
}

static const struct sc_tcpdump *cmd_of(const struct sc_step *s)
{
	return s->kind == SC_STEP_READ ? &s->u.read.cmd : &s->u.capture.cmd;
}

static void captures_list(const struct sc_scenario *sc, struct hx_buf *b)
{
	size_t i;

	for (i = 0; i < sc->nsteps; i++)
		if (is_judged(&sc->steps[i]) && sc->steps[i].label)
			hx_buf_printf(b, " %s", sc->steps[i].label);
}

/* Where a FILE of the person's is: as given when it exists (or is
 * absolute), else in the lab's directory. */
static char *find_file(const struct lab_paths *p, const char *f)
{
	char *out;

	if (f[0] == '/' || access(f, F_OK) == 0)
		return strdup(f);
	if (asprintf(&out, "%s/%s", p->work, f) < 0)
		return NULL;
	return out;
}

/* The capture's default file: its own -w name, else LABEL.pcap. */
static char *default_file(const struct lab_paths *p, const struct sc_step *s)
{
	const char *w = s->u.capture.cmd.td.wfile, *b;
	char *out;

	b = w ? strrchr(w, '/') : NULL;
	if (asprintf(&out, w ? "%s/%s" : "%s/%s.pcap", p->work, w ? (b ? b + 1 : w) : s->label) < 0)
		return NULL;
	return out;
}

/* Reads g->file with the step's filter and -c into g; fills res but the
 * text (render_in_host). */
static int read_given(char *err, const struct sc_step *s,
		      struct given *g, struct sc_step_result *res)
{
	const struct td_opts *o = &s->u.capture.cmd.td;
	char ebuf[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *pc;
	int n, r = 0;

	pc = pcap_open_offline_with_tstamp_precision(g->file,
		o->pr.nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, ebuf);
	if (!pc)
		return hx_err(err, -EINVAL, "'%s' is not a savefile: %s", g->file, ebuf);
	if (o->filter) {
		if (pcap_compile(pc, &prog, o->filter, 1, PCAP_NETMASK_UNKNOWN) < 0 ||
		    pcap_setfilter(pc, &prog) < 0) {
			r = hx_err(err, -EINVAL, "'%s': capture '%s''s filter '%s': %s", g->file,
				   s->label, o->filter, pcap_geterr(pc));
			pcap_close(pc);
			return r;
		}
		pcap_freecode(&prog);
	}
	while ((n = pcap_next_ex(pc, &h, &d)) == 1) {
		if (o->count > 0 && (long)g->pkts.n >= o->count)
			break;
		if (cap_pktvec_add(&g->pkts, h, d) < 0) {
			pcap_close(pc);
			return hx_err(err, -ENOMEM, "out of memory");
		}
	}
	if (n == PCAP_ERROR) {
		/* a file cut short (tcpdump still writing) */
		r = hx_err(err, -EIO, "'%s': %s", g->file, pcap_geterr(pc));
		pcap_close(pc);
		return r;
	}
	res->dlt = pcap_datalink(pc);
	pcap_close(pc);
	res->ran = 1;
	res->pkts = g->pkts.v;
	res->npkts = g->pkts.n;
	res->text = &g->text;
	return 0;
}

/* Reads g->file as read step s reads its file: its filter, its window, its
 * -c; fills res but the text. */
static int read_step_given(char *err, const struct sc_step *s, struct given *g,
			   struct sc_step_result *res)
{
	const struct td_opts *o = &s->u.read.cmd.td;
	struct sf_iter_opts io = {
		.name = g->file,
		.has_window = s->u.read.has_window,
		.from_us = s->u.read.from,
		.to_us = s->u.read.to,
	};
	struct sf_iter it;
	struct pcap_pkthdr *h;
	const u_char *d;
	char why[HX_ERRLEN];
	int r, n;

	td_iter_opts(o, &io);
	r = sf_iter_open(why, &it, g->file, &io);
	if (r == -EINVAL) {
		sf_iter_close(&it);
		return hx_err(err, r, "'%s' is not a savefile (read '%s')", g->file, s->label);
	}
	if (r == 0 && o->filter)
		r = sf_iter_filter(why, &it, o->filter);
	if (r < 0) {
		sf_iter_close(&it);
		return hx_err(err, r, "read '%s': %s", s->label, why);
	}
	while ((n = sf_iter_next(&it, &h, &d)) == 1)
		if (cap_pktvec_add(&g->pkts, h, d) < 0) {
			sf_iter_close(&it);
			return hx_err(err, -ENOMEM, "out of memory");
		}
	if (n < 0) {
		r = hx_err(err, -EIO, "'%s': %s", g->file, sf_iter_error(&it));
		sf_iter_close(&it);
		return r;
	}
	res->dlt = pcap_datalink(it.in.pd);
	sf_iter_close(&it);
	res->ran = 1;
	res->pkts = g->pkts.v;
	res->npkts = g->pkts.n;
	res->text = &g->text;
	return 0;
}

/*
 * Prints a capture's packets inside its host, as tcpdump there would:
 * LINUX_SLL2 (-i any) names interfaces by their index in that namespace.
 * The lab's user namespace is joined once (*joined), for good: this
 * process does nothing outside the lab afterwards but print.
 */
static int render_in_host(char *err, const struct lab_paths *p, const struct sc_scenario *sc,
			  size_t si, struct given *g, struct sc_step_result *res,
			  int *joined)
{
	const struct sc_step *s = &sc->steps[si];
	const struct sc_tcpdump *cmd = cmd_of(s);
	struct hx_buf lb = HX_BUF_INIT;
	struct lab_info in;
	struct ns_hold_fds f;
	char work[PATH_MAX];
	size_t host = s->host;
	int r = 0;

	/* a read prints where the capture that wrote its file ran */
	if (s->kind == SC_STEP_READ)
		host = s->u.read.writer != SC_NONE ? sc->steps[s->u.read.writer].host : SC_NONE;
	if (host != SC_NONE) {
		if (lab_enter_fds("dumplab lab check", p, sc->hosts[host].name, &in, &f, work,
				  sizeof(work)) < 0)
			return hx_err(err, -ENOENT, "cannot enter host '%s'", sc->hosts[host].name);
		if (f.user >= 0 && !*joined && setns(f.user, CLONE_NEWUSER) < 0)
			r = hx_err(err, -errno, "cannot enter the lab's user namespace: %s",
				   strerror(errno));
		else
			*joined = 1;
		if (r == 0 && setns(f.net, CLONE_NEWNET) < 0)
			r = hx_err(err, -errno, "cannot enter host '%s': %s", sc->hosts[host].name,
				   strerror(errno));
		ns_hold_fds_close(&f);
		if (r < 0)
			return r;
	}
	r = sc_render_packets(err, sc, cmd, res->dlt, g->pkts.v, g->pkts.n, &g->text);
	if (r < 0)
		return r;
	res->text = &g->text;
	/* the ladder, as run draws it for `expect CAP ladder ...` */
	r = sc_render_ladder(err, sc, cmd, res->dlt, g->pkts.v, g->pkts.n, "", &lb);
	if (r >= 0 && lb.len && sc_lines_add(&g->ladder, lb.p, lb.len, SC_NONE) < 0)
		r = hx_err(err, -ENOMEM, "out of memory");
	hx_buf_release(&lb);
	if (r < 0)
		return r;
	res->ladder = &g->ladder;
	return 0;
}

/* Whether some file in dir matches glob (relative to dir). */
static int any_match(const char *dir, const char *pat)
{
	struct hx_buf b = HX_BUF_INIT;
	glob_t gl;
	int r;

	hx_buf_printf(&b, "%s/%s", dir, pat);
	if (b.oom) {
		hx_buf_release(&b);
		return 1;
	}
	memset(&gl, 0, sizeof(gl));
	r = glob(b.p, 0, NULL, &gl);
	hx_buf_release(&b);
	globfree(&gl);
	return r == 0;
}

/* Why expectation e cannot be judged from the files given, or NULL. */
static const char *not_checked(const struct lab_paths *p, const struct sc_scenario *sc,
			       const struct sc_expect *e, const struct given *g, char *buf,
			       size_t len)
{
	const struct sc_step *s;

	/* files: judged on the lab's directory, where the person's are; a
	 * glob nothing matches is a part not done, unless none is what the
	 * expectation wants */
	if (e->kind == SC_EX_FILES) {
		if (any_match(p->work, e->u.files.glob) ||
		    (e->u.files.has_count && sc_cond_holds(&e->u.files.count, 0)))
			return NULL;
		snprintf(buf, len, "no file in the lab's directory matches '%s'", e->u.files.glob);
		return buf;
	}
	if (e->kind == SC_EX_PCAP_COUNT || e->kind == SC_EX_PCAP_HAS ||
	    e->kind == SC_EX_PCAP_LACKS) {
		char f[PATH_MAX + 64];

		snprintf(f, sizeof(f), "%s/%s", p->work, e->srcname);
		if (access(f, F_OK) == 0)
			return NULL;
		snprintf(buf, len, "no file '%s' in the lab's directory", e->srcname);
		return buf;
	}
	if (e->src == SC_NONE) {
		snprintf(buf, len, "about the files a run writes: only 'dumplab run' judges them");
		return buf;
	}
	s = &sc->steps[e->src];
	if (s->kind == SC_STEP_CAPTURE && s->u.capture.list_only) {
		snprintf(buf, len, "about the interface list of '%s' (tcpdump -D), not packets: "
			 "only 'dumplab run' judges it", s->label ? s->label : "?");
		return buf;
	}
	if (s->kind == SC_STEP_READ && !g[e->src].file) {
		const struct sc_step *w = s->u.read.writer != SC_NONE ?
			&sc->steps[s->u.read.writer] : NULL;

		if (w && w->label)
			snprintf(buf, len, "no savefile for read '%s' (tcpdump -r %s): give %s=FILE, "
				 "or %s=FILE for the capture that writes it", s->label,
				 s->u.read.cmd.td.rfile, s->label, w->label);
		else
			snprintf(buf, len, "no savefile for read '%s' (tcpdump -r %s): give %s=FILE",
				 s->label, s->u.read.cmd.td.rfile, s->label);
		return buf;
	}
	if (!is_judged(s)) {
		snprintf(buf, len, "about step '%s' (%s), not a capture: only 'dumplab run' judges it",
			 s->label ? s->label : "?", sc_step_name(s->kind));
		return buf;
	}
	if (!g[e->src].file) {
		snprintf(buf, len, "no savefile for capture '%s' (give %s=FILE)", s->label, s->label);
		return buf;
	}
	if (e->kind == SC_EX_SAME_AS && e->u.same_as.other != SC_NONE &&
	    !g[e->u.same_as.other].file) {
		snprintf(buf, len, "no savefile for '%s', which it is compared with (give %s=FILE)",
			 e->u.same_as.othername, e->u.same_as.othername);
		return buf;
	}
	return NULL;
}

int lab_check(const struct lab_paths *p, const struct lab_info *in, char **args, int nargs)
{
	struct sc_scenario *sc = NULL;
	struct given *g = NULL;
	struct sc_step_result *res = NULL;
	struct sc_verdict *v = NULL;
	struct sc_results results = { 0 };
	struct hx_buf out = HX_BUF_INIT;
	char err[HX_ERRLEN], why[HX_ERRLEN];
	size_t i, nchecked = 0, nfail = 0, nskip = 0, ngiven = 0;
	int rc = 1, k, joined = 0;

	if (sc_load(err, in->scenario, &sc) < 0) {
		fprintf(stderr, "dumplab lab check: %s\n", err);
		return 1;
	}
	g = calloc(sc->nsteps + 1, sizeof(*g));
	res = calloc(sc->nsteps + 1, sizeof(*res));
	if (!g || !res) {
		fprintf(stderr, "dumplab lab check: out of memory\n");
		goto out;
	}
	for (i = 0; i < sc->nsteps; i++) {
		sc_lines_init(&g[i].text);
		sc_lines_init(&g[i].ladder);
	}
	for (k = 0; k < nargs; k++) {
		char *eq = strchr(args[k], '=');
		size_t si;

		if (!eq || eq == args[k] || !eq[1]) {
			fprintf(stderr, "dumplab lab check: '%s' is not CAPTURE=FILE\n", HX_Q(args[k]));
			rc = 2;
			goto out;
		}
		*eq = '\0';
		for (si = 0; si < sc->nsteps; si++)
			if (is_judged(&sc->steps[si]) && sc->steps[si].label &&
			    !strcmp(sc->steps[si].label, args[k]))
				break;
		if (si == sc->nsteps) {
			struct hx_buf b = HX_BUF_INIT;

			captures_list(sc, &b);
			fprintf(stderr, "dumplab lab check: scenario '%s' has no capture or read '%s' (its captures and reads:%s)\n",
				HX_Q(sc->name), HX_Q(args[k]), b.p ? b.p : " none");
			hx_buf_release(&b);
			goto out;
		}
		free(g[si].file);
		g[si].file = find_file(p, eq + 1);
	}
	if (nargs == 0)
		for (i = 0; i < sc->nsteps; i++) {
			char *f;

			if (!is_capture(&sc->steps[i]) || !sc->steps[i].label)
				continue;
			f = default_file(p, &sc->steps[i]);
			if (f && access(f, F_OK) == 0)
				g[i].file = f;
			else
				free(f);
		}
	/* A read re-reads what its capture wrote: the person's file for that
	 * capture takes its place; without arguments, its own file in the
	 * lab's directory does too. */
	for (i = 0; i < sc->nsteps; i++) {
		const struct sc_step *s = &sc->steps[i];
		size_t w;

		if (s->kind != SC_STEP_READ || g[i].file)
			continue;
		w = s->u.read.writer;
		if (w != SC_NONE && g[w].file) {
			g[i].file = strdup(g[w].file);
		} else if (nargs == 0 && s->u.read.cmd.td.rfile) {
			const char *rf = s->u.read.cmd.td.rfile;
			char *f = NULL;

			if (asprintf(&f, "%s/%s", rf[0] == '/' ? "" : p->work, rf) < 0)
				f = NULL;
			if (f && access(f, F_OK) == 0)
				g[i].file = f;
			else
				free(f);
		}
	}
	for (i = 0; i < sc->nsteps; i++) {
		if (!g[i].file)
			continue;
		if ((sc->steps[i].kind == SC_STEP_READ ?
		     read_step_given(err, &sc->steps[i], &g[i], &res[i]) :
		     read_given(err, &sc->steps[i], &g[i], &res[i])) < 0) {
			fprintf(stderr, "dumplab lab check: %s\n", err);
			goto out;
		}
		ngiven++;
	}
	/* files and savefiles the person wrote count as something to judge */
	for (i = 0; i < sc->nexpects && !ngiven; i++) {
		const struct sc_expect *e = &sc->expects[i];

		if ((e->kind == SC_EX_FILES || e->kind == SC_EX_PCAP_COUNT ||
		     e->kind == SC_EX_PCAP_HAS || e->kind == SC_EX_PCAP_LACKS) &&
		    !not_checked(p, sc, e, g, why, sizeof(why)))
			ngiven++;
	}
	if (!ngiven) {
		struct hx_buf b = HX_BUF_INIT;

		captures_list(sc, &b);
		fprintf(stderr, "dumplab lab check: no savefile to judge: write CAPTURE.pcap in %s "
				"with tcpdump -w, or name one as CAPTURE=FILE (captures:%s)\n",
			HX_Q(p->work), b.p ? b.p : " none");
		hx_buf_release(&b);
		goto out;
	}
	for (i = 0; i < sc->nsteps; i++)
		if (g[i].file &&
		    render_in_host(err, p, sc, i, &g[i], &res[i], &joined) < 0) {
			fprintf(stderr, "dumplab lab check: %s\n", err);
			goto out;
		}
	results.steps = res;
	results.workdir = p->work;
	if (sc_expect_eval(err, sc, &results, &v) < 0) {
		fprintf(stderr, "dumplab lab check: %s\n", err);
		goto out;
	}
	hx_buf_printf(&out, "=== %s: %s (lab check)\n", sc->name, sc->title);
	for (i = 0; i < sc->nsteps; i++)
		if (g[i].file)
			hx_buf_printf(&out, "    %s%s: %s (%zu packet%s)\n",
				      sc->steps[i].kind == SC_STEP_READ ? "read " : "", sc->steps[i].label,
				      g[i].file, g[i].pkts.n, g[i].pkts.n == 1 ? "" : "s");
	for (i = 0; i < sc->nexpects; i++) {
		const struct sc_expect *e = &sc->expects[v[i].expect];
		const char *w = not_checked(p, sc, e, g, why, sizeof(why));

		if (w) {
			hx_buf_printf(&out, "    %-5s line %-4u ", "-", e->pos.line);
			hx_buf_quote(&out, e->text, strlen(e->text));
			hx_buf_puts(&out, "\n          not checked: ");
			hx_buf_quote(&out, w, strlen(w));
			hx_buf_putc(&out, '\n');
			nskip++;
			continue;
		}
		hx_report_verdict(&out, sc, &v[i]);
		nchecked++;
		nfail += !v[i].pass;
	}
	hx_buf_printf(&out, "--- %s %s: %zu checked, %zu failed, %zu not checked\n",
		      nfail ? "FAIL" : "PASS", sc->name, nchecked, nfail, nskip);
	hx_buf_flush(&out, STDOUT_FILENO);
	rc = nfail ? 1 : 0;
out:
	if (v)
		sc_verdicts_free(v, sc->nexpects);
	for (i = 0; g && i < sc->nsteps; i++) {
		free(g[i].file);
		cap_pktvec_release(&g[i].pkts);
		sc_lines_release(&g[i].text);
		sc_lines_release(&g[i].ladder);
	}
	free(g);
	free(res);
	hx_buf_release(&out);
	sc_free(sc);
	return rc;
}
