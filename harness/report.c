/* report.c: a run's results for a terminal: one line per scenario, failures in full, the summary and the rerun command. */
#include "harness/report-int.h"

#include <stdio.h>
#include <string.h>

#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_BOLD "\033[1m"
#define C_OFF "\033[0m"

const char *hx_status_word(enum sc_status s)
{
	return s == SC_ST_PASS ? "PASS" : s == SC_ST_FAIL ? "FAIL" : "SKIP";
}

static const char *status_color(enum sc_status s)
{
	return s == SC_ST_PASS ? C_GREEN : s == SC_ST_FAIL ? C_RED : C_YELLOW;
}

void hx_item_name(struct hx_buf *out, const struct hx_run_item *it)
{
	const char *b;
	size_t n;

	if (it->sc) {
		hx_buf_puts(out, it->sc->name);
		return;
	}
	b = strrchr(it->path, '/');
	b = b ? b + 1 : it->path;
	n = strlen(b);
	if (n > 4 && !strcmp(b + n - 4, ".scn"))
		n -= 4;
	hx_buf_put(out, b, n);
}

/* The name quoted for a terminal. */
static void name_q(struct hx_buf *out, const struct hx_run_item *it)
{
	struct hx_buf n = HX_BUF_INIT;

	hx_item_name(&n, it);
	if (n.p)
		hx_buf_quote(out, n.p, n.len);
	hx_buf_release(&n);
}

void hx_secs(struct hx_buf *b, sc_usec us)
{
	hx_buf_printf(b, "%lld.%03lld", (long long)(us / 1000000),
		      (long long)(us / 1000 % 1000));
}

void hx_indent(struct hx_buf *out, const char *pre, const char *text)
{
	const char *p = text, *nl;

	while (p && *p) {
		nl = strchr(p, '\n');
		hx_buf_puts(out, pre);
		if (!nl) {
			hx_buf_quote(out, p, strlen(p));
			hx_buf_putc(out, '\n');
			return;
		}
		hx_buf_quote(out, p, (size_t)(nl - p));
		hx_buf_putc(out, '\n');
		p = nl + 1;
	}
}

/* A line of the scenario or a message, quoted. */
static void quoted(struct hx_buf *out, const char *s)
{
	if (s)
		hx_buf_quote(out, s, strlen(s));
}

size_t hx_failed_verdicts(const struct sc_report *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nverdicts; i++)
		n += !r->verdicts[i].pass;
	return n;
}

void hx_verdict_line(struct hx_buf *out, const struct hx_run_item *it, size_t k)
{
	const struct sc_expect *e = &it->sc->expects[it->rep.verdicts[k].expect];

	hx_buf_printf(out, "line %-4u ", e->pos.line);
	quoted(out, e->text);
}

void hx_report_summary(struct hx_buf *out, const struct hx_run *run)
{
	hx_buf_printf(out, "dumplab: %zu scenario%s: %zu passed, %zu failed, %zu skipped in ",
		      run->n, run->n == 1 ? "" : "s", run->passed, run->failed, run->skipped);
	hx_secs(out, run->wall);
	hx_buf_printf(out, "s%s\n", run->interrupted ? " (interrupted)" : "");
}

static void word(struct hx_buf *out, enum sc_status s, int color)
{
	if (color)
		hx_buf_printf(out, "%s%s%s%s", C_BOLD, status_color(s), hx_status_word(s), C_OFF);
	else
		hx_buf_puts(out, hx_status_word(s));
}

/* The verdicts of it: all of them, or only the failed ones; each line
 * after pre ("    " in a report, "" in transcript.txt). */
/* One verdict: "ok"/"FAIL", its line and text; for a failure why and the
 * detail (closest line, caret), under pre. */
static void verdict_one(struct hx_buf *out, const struct sc_scenario *sc,
			const struct sc_verdict *v, int color, const char *pre)
{
	const struct sc_expect *e = &sc->expects[v->expect];

	hx_buf_puts(out, pre);
	if (v->pass)
		hx_buf_puts(out, "ok    ");
	else if (color)
		hx_buf_puts(out, C_RED "FAIL" C_OFF "  ");
	else
		hx_buf_puts(out, "FAIL  ");
	hx_buf_printf(out, "line %-4u ", e->pos.line);
	quoted(out, e->text);
	hx_buf_putc(out, '\n');
	if (v->pass)
		return;
	hx_buf_printf(out, "%s      why: ", pre);
	quoted(out, v->why);
	hx_buf_putc(out, '\n');
	if (v->detail) {
		struct hx_buf more = HX_BUF_INIT;

		hx_buf_printf(&more, "%s      ", pre);
		hx_indent(out, more.p ? more.p : "", v->detail);
		hx_buf_release(&more);
	}
}

void hx_report_verdict(struct hx_buf *out, const struct sc_scenario *sc,
		       const struct sc_verdict *v)
{
	verdict_one(out, sc, v, 0, "    ");
}

static void verdicts(struct hx_buf *out, const struct hx_run_item *it, int failed_only,
		     int color, const char *pre)
{
	const struct sc_report *r = &it->rep;
	size_t k;

	for (k = 0; it->sc && k < r->nverdicts; k++)
		if (!failed_only || !r->verdicts[k].pass)
			verdict_one(out, it->sc, &r->verdicts[k], color, pre);
}

/* "STATUS NAME[: reason] (T s)" without the status word. */
static void status_tail(struct hx_buf *out, const struct hx_run_item *it)
{
	name_q(out, it);
	if (it->rep.reason) {
		hx_buf_puts(out, ": ");
		quoted(out, it->rep.reason);
	}
	hx_buf_puts(out, " (");
	hx_secs(out, it->rep.elapsed);
	hx_buf_puts(out, "s)\n");
}

void hx_report_item(struct hx_buf *out, const struct hx_run_item *it, int color)
{
	const struct sc_report *r = &it->rep;

	hx_buf_puts(out, "=== ");
	name_q(out, it);
	if (it->sc) {
		hx_buf_puts(out, ": ");
		quoted(out, it->sc->title);
		if (it->sc->seed) {
			hx_buf_puts(out, " (seed ");
			quoted(out, it->sc->seed);
			hx_buf_putc(out, ')');
		}
	}
	hx_buf_putc(out, '\n');
	if (r->transcript.len)
		hx_indent(out, "    ", r->transcript.p);
	verdicts(out, it, 0, color, "    ");
	hx_buf_puts(out, "--- ");
	word(out, r->status, color);
	hx_buf_putc(out, ' ');
	status_tail(out, it);
}

#define SAFE "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."

void hx_report_kept(struct hx_buf *out, const struct hx_run_item *it)
{
	if (it->rep.transcript.len)
		hx_buf_put(out, it->rep.transcript.p, it->rep.transcript.len);
	verdicts(out, it, 0, 0, "");
	hx_buf_puts(out, "--- ");
	word(out, it->rep.status, 0);
	hx_buf_putc(out, ' ');
	status_tail(out, it);
}

/* The word that reruns it: its name when it is the scenario directory's
 * NAME.scn, else its path, quoted for a POSIX shell when it must be. */
static void rerun_word(struct hx_buf *out, const struct hx_run_item *it, const char *dir)
{
	const char *p = it->path, *slash = strrchr(p, '/');
	size_t dl = dir ? strlen(dir) : 0;

	if (dir && slash && (size_t)(slash - p) == dl && !strncmp(p, dir, dl) &&
	    strlen(slash + 1) > 4 && !strcmp(p + strlen(p) - 4, ".scn") &&
	    strspn(slash + 1, SAFE) == strlen(slash + 1)) {
		hx_buf_put(out, slash + 1, strlen(slash + 1) - 4);
		return;
	}
	if (p[0] && strspn(p, SAFE "/+,:@%=") == strlen(p)) {
		hx_buf_puts(out, p);
		return;
	}
	hx_buf_putc(out, '\'');
	for (; *p; p++) {
		if (*p == '\'')
			hx_buf_puts(out, "'\\''");
		else
			hx_buf_putc(out, *p);
	}
	hx_buf_putc(out, '\'');
}

void hx_report_text(struct hx_buf *out, const struct hx_run *run,
		    const struct hx_text_opts *o)
{
	static const struct hx_text_opts dflt = { .verbosity = HX_NORMAL };
	size_t i, nfailed = 0;

	if (!o)
		o = &dflt;
	for (i = 0; i < run->n; i++) {
		const struct hx_run_item *it = &run->items[i];
		const struct sc_report *r = &it->rep;

		nfailed += r->status == SC_ST_FAIL;
		if (o->verbosity == HX_VERBOSE ||
		    (o->verbosity == HX_NORMAL && r->status == SC_ST_FAIL)) {
			hx_report_item(out, it, o->color);
			hx_buf_putc(out, '\n');
			continue;
		}
		word(out, r->status, o->color);
		hx_buf_putc(out, ' ');
		status_tail(out, it);
		if (r->status == SC_ST_FAIL)
			verdicts(out, it, 1, o->color, "    ");
	}
	hx_report_summary(out, run);
	if (!nfailed)
		return;
	hx_buf_puts(out, "dumplab: failed:");
	for (i = 0; i < run->n; i++)
		if (run->items[i].rep.status == SC_ST_FAIL) {
			hx_buf_putc(out, ' ');
			name_q(out, &run->items[i]);
		}
	hx_buf_printf(out, "\ndumplab: rerun them: %s", o->rerun ? o->rerun : "dumplab run");
	for (i = 0; i < run->n; i++)
		if (run->items[i].rep.status == SC_ST_FAIL) {
			hx_buf_putc(out, ' ');
			rerun_word(out, &run->items[i], o->scn_dir);
		}
	hx_buf_putc(out, '\n');
}
