/* report-html.c: a run as static HTML pages: the index, and per scenario its topology, steps, packets, ladders and verdicts. */
#define _GNU_SOURCE 1 /* asprintf */
#include "harness/report-html.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capture/ladder.h"
#include "harness/report-int.h"
#include "harness/svg.h"

/* s as a URL path (RFC 3986: unreserved characters and '/' as they
 * are, the rest %XX), which needs no XML escape. */
static void url(struct hx_buf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c))
			hx_buf_putc(out, (char)c);
		else
			hx_buf_printf(out, "%%%02X", c);
	}
}

static void esc(struct hx_buf *out, const char *s)
{
	hx_svg_text(out, s);
}

static void escn(struct hx_buf *out, const char *s, size_t n)
{
	hx_xml_escape(out, s, n);
}

/* ---- the page --------------------------------------------------------- */

/* Screen (1280x720 projectors first), phones (narrow) and A4 print. */
static const char css[] =
	"body{font:15px/1.45 'DejaVu Sans',system-ui,sans-serif;color:#111;margin:0 auto;"
	"max-width:1240px;padding:10px 16px}\n"
	"h1{font-size:1.45em;margin:.3em 0}h2{font-size:1.2em;margin:1.1em 0 .4em;"
	"border-bottom:2px solid #cbd5e1}h3{font-size:1.05em;margin:.9em 0 .3em}\n"
	"a{color:#1d4ed8}code,pre,.mono{font-family:'DejaVu Sans Mono',monospace;font-size:13px}\n"
	"pre{white-space:pre-wrap;word-break:break-word;background:#f8fafc;border:1px solid #e2e8f0;"
	"padding:6px 8px;margin:.3em 0}\n"
	".badge{display:inline-block;min-width:3.2em;text-align:center;padding:0 6px;border-radius:4px;"
	"color:#fff;font-weight:bold;font-family:'DejaVu Sans Mono',monospace}\n"
	".PASS{background:#15803d}.FAIL{background:#b91c1c}.SKIP{background:#a16207}\n"
	"table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;"
	"padding:2px 6px;border-bottom:1px solid #e2e8f0}th{background:#f1f5f9}\n"
	"table.pkts td{font-family:'DejaVu Sans Mono',monospace;font-size:12.5px;"
	"white-space:pre-wrap;word-break:break-all}\n"
	"table.pkts td.n,table.pkts td.time,table.pkts td.src,table.pkts td.dst{white-space:nowrap;word-break:normal}\n"
	"ul.verdicts{list-style:none;padding-left:.5em}ul.verdicts li{margin:2px 0}\n"
	"ol.steps li.fail{color:#b91c1c;font-weight:bold}ol.steps li.notrun{color:#64748b}\n"
	"ol.steps .out{color:#475569}\n"
	".verdicts .ok{color:#15803d}.verdicts .bad{color:#b91c1c;font-weight:bold}\n"
	".note{color:#b91c1c}\n"
	".pic{overflow-x:auto}svg{max-width:100%;height:auto}\n"
	"svg g.seg:hover line{stroke-width:5}svg g.seg:hover text.lbl{font-weight:bold}\n"
	".legend span{margin-right:1.2em}\n"
	"@media (max-width:720px){body{padding:6px;font-size:14px}"
	"table.pkts th.src,table.pkts th.dst,table.pkts td.src,table.pkts td.dst{display:none}"
	"table.index td.seed,table.index th.seed{display:none}}\n"
	"@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0;font-size:10pt}"
	".filter{display:none}a{color:inherit;text-decoration:none}"
	"tr,.ladder,.topology,pre{break-inside:avoid}h2,h3{break-after:avoid}"
	".pic{overflow:visible}table.pkts td{font-size:8pt}}\n";

/* The conversation filter: the rows of the table a select names that are
 * not of the chosen conversation are hidden; #pk-N=cK in the address
 * chooses conversation K of table pk-N when the page opens (a link to
 * one conversation). No '<' or '&': the page is XML as well. */
static const char script[] =
	"<script>//<![CDATA[\n"
	"function convShow(s) {\n"
	"  var t = document.getElementById(s.getAttribute('data-table'));\n"
	"  t.querySelectorAll('tbody tr').forEach(function (r) {\n"
	"    r.hidden = s.value !== '' ? r.getAttribute('data-conv') !== s.value : false;\n"
	"  });\n"
	"}\n"
	"document.querySelectorAll('select.conv').forEach(function (s) {\n"
	"  var h = location.hash.split('=');\n"
	"  if (h.length === 2 ? h[0] === '#' + s.getAttribute('data-table') : false) {\n"
	"    s.value = h[1];\n"
	"    convShow(s);\n"
	"  }\n"
	"  s.addEventListener('change', function () { convShow(s); });\n"
	"});\n"
	"//]]></script>\n";

void hx_html_head(struct hx_buf *out, const char *title)
{
	hx_buf_puts(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
			 "<head>\n<meta charset=\"utf-8\"/>\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
			 "<meta name=\"generator\" content=\"dumplab\"/>\n<title>");
	esc(out, title);
	hx_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

void hx_html_foot(struct hx_buf *out, int with_script)
{
	if (with_script)
		hx_buf_puts(out, script);
	hx_buf_puts(out, "</body>\n</html>\n");
}

/* ---- the steps and captures (in the worker thread) --------------------- */

/* The scenario file's lines, for the statements as written. */
struct src_lines {
	struct hx_buf text;
	char **line;
	size_t n;
};

static void src_load(struct src_lines *s, const char *path)
{
	size_t i, k = 0;

	memset(s, 0, sizeof(*s));
	if (!path || hx_read_file(path, &s->text) < 0 || !s->text.p)
		return;
	for (i = 0; i < s->text.len; i++)
		k += s->text.p[i] == '\n';
	s->line = calloc(k + 2, sizeof(*s->line));
	if (!s->line)
		return;
	s->line[s->n++] = s->text.p;
	for (i = 0; i < s->text.len; i++)
		if (s->text.p[i] == '\n') {
			s->text.p[i] = '\0';
			s->line[s->n++] = s->text.p + i + 1;
		}
}

static const char *src_line(const struct src_lines *s, unsigned line)
{
	const char *l;

	if (!line || line > s->n)
		return "";
	l = s->line[line - 1];
	return l + strspn(l, " \t");
}

static void src_release(struct src_lines *s)
{
	hx_buf_release(&s->text);
	free(s->line);
}

/* What a step that ran left to say, after its statement. */
static void step_outcome(struct hx_buf *out, const struct sc_step *s,
			 const struct sc_step_result *r)
{
	char d[32];

	switch (s->kind) {
	case SC_STEP_CONNECT:
	case SC_STEP_ACCEPT:
	case SC_STEP_RECV:
		if (r->outcome != SC_OUT_NONE)
			hx_buf_printf(out, "%s after %s", sc_outcome_name(r->outcome),
				      sc_duration_str(r->took, d, sizeof(d)));
		else
			hx_buf_puts(out, "done");
		if (s->kind == SC_STEP_RECV && r->nreceived)
			hx_buf_printf(out, ", %zu bytes received", r->nreceived);
		break;
	case SC_STEP_RUN:
	case SC_STEP_WAITPROC:
		hx_buf_printf(out, "exit %d", r->exit_status);
		break;
	case SC_STEP_PING:
		hx_buf_printf(out, "%d sent, %d replies", r->sent, r->replies);
		break;
	case SC_STEP_CAPTURE:
	case SC_STEP_READ:
		if (r->text)
			hx_buf_printf(out, "%zu packet%s", r->npkts, r->npkts == 1 ? "" : "s");
		else
			hx_buf_puts(out, "started");
		break;
	default:
		hx_buf_puts(out, "done");
		break;
	}
}

static void html_steps_list(struct hx_buf *out, const struct sc_scenario *sc,
			    const struct sc_step_result *res, size_t at,
			    const struct src_lines *src)
{
	size_t i;

	hx_buf_puts(out, "<h2 id=\"steps\">Steps</h2>\n<ol class=\"steps\">\n");
	for (i = 0; i < sc->nsteps; i++) {
		const struct sc_step *s = &sc->steps[i];
		const char *cls = at == SC_NONE || i < at ? "ok" : i == at ? "fail" : "notrun";

		hx_buf_printf(out, "<li class=\"%s\" value=\"%zu\"><span class=\"mono\">line %u</span> <code>",
			      cls, i + 1, s->pos.line);
		esc(out, *src_line(src, s->pos.line) ? src_line(src, s->pos.line) : sc_step_name(s->kind));
		hx_buf_puts(out, "</code> <span class=\"out\">");
		if (!strcmp(cls, "ok"))
			step_outcome(out, s, &res[i]);
		else if (!strcmp(cls, "fail"))
			hx_buf_puts(out, "the scenario ended in this step");
		else
			hx_buf_puts(out, "not run");
		hx_buf_puts(out, "</span></li>\n");
	}
	hx_buf_puts(out, "</ol>\n");
}

/* The names the printer gave the scenario's addresses, for the ladder. */
static struct cap_name *lad_names(const struct sc_scenario *sc, size_t *n)
{
	struct cap_name *names = calloc(sc->naddrs + sc->nnames + 1, sizeof(*names));
	size_t i, k = 0;

	if (!names)
		return NULL;
	for (i = 0; i < sc->naddrs; i++)
		names[k++] = (struct cap_name){ sc->addrs[i].addr.af, sc->addrs[i].addr.a,
						sc->hosts[sc->addrs[i].dev.host].name };
	for (i = 0; i < sc->nnames; i++)
		names[k++] = (struct cap_name){ sc->names[i].addr.af, sc->names[i].addr.a,
						sc->names[i].name };
	*n = k;
	return names;
}

/*
 * One printed line split as the table shows it: the time (the first
 * word, when it starts with a digit), the source and destination (the
 * words around the first " > ", the destination without its ':'), and
 * the rest after the time as the summary.
 */
static void split_line(const char *l, const char **t, size_t *tn, const char **src,
		       size_t *sn, const char **dst, size_t *dn, const char **sum)
{
	const char *sp = strchr(l, ' '), *gt, *p;

	*t = l;
	*tn = 0;
	*sum = l;
	if (sp && l[0] >= '0' && l[0] <= '9' && (memchr(l, ':', (size_t)(sp - l)) ||
						 memchr(l, '.', (size_t)(sp - l)))) {
		*tn = (size_t)(sp - l);
		*sum = sp + 1;
	}
	*src = *dst = "";
	*sn = *dn = 0;
	gt = strstr(*sum, " > ");
	if (!gt)
		return;
	for (p = gt; p > *sum && p[-1] != ' '; p--)
		;
	*src = p;
	*sn = (size_t)(gt - p);
	*dst = gt + 3;
	*dn = strcspn(*dst, " ");
	if (*dn && (*dst)[*dn - 1] == ':')
		(*dn)--;
	if (*dn && (*dst)[*dn - 1] == ',')
		(*dn)--;
}

/* A capture's or read's section: the command, the table, the ladders. */
static int html_capture(char *err, struct hx_buf *out, const struct sc_scenario *sc, size_t i,
			const struct sc_step_result *r, size_t *arrows)
{
	const struct sc_step *s = &sc->steps[i];
	const struct sc_tcpdump *cmd = s->kind == SC_STEP_CAPTURE ? &s->u.capture.cmd
								 : &s->u.read.cmd;
	struct cap_lad_opts o = { .absolute = cmd->td.pr.Sflag, .numeric = cmd->td.pr.nflag,
				  .nano = cmd->td.pr.nano };
	struct cap_lad l = { 0 };
	const char **tips = NULL;
	size_t *conv_of = NULL, k, c, rows = 0, nnames = 0;
	struct cap_name *names = NULL;
	int rc = 0;

	names = lad_names(sc, &nnames);
	o.names = names;
	o.nnames = nnames;
	if (!names || cap_lad_build(err, &o, r->dlt, r->pkts, r->npkts, &l) < 0) {
		free(names);
		return hx_err(err, -ENOMEM, "cannot write the HTML report: out of memory");
	}
	tips = calloc(r->npkts + 1, sizeof(*tips));
	conv_of = calloc(r->npkts + 1, sizeof(*conv_of));
	if (!tips || !conv_of) {
		rc = hx_err(err, -ENOMEM, "cannot write the HTML report: out of memory");
		goto out;
	}
	for (c = 0; c < l.nconv; c++)
		for (k = 0; k < l.conv[c].n; k++)
			conv_of[l.seg[l.conv[c].first + k].pkt] = c + 1;
	for (k = r->text->n; k-- > 0;)
		if (r->text->pkt[k] != SC_NONE && r->text->pkt[k] < r->npkts)
			tips[r->text->pkt[k]] = r->text->line[k];

	hx_buf_printf(out, "<div class=\"capture\" id=\"step-%zu\">\n<h3>%s ", i + 1,
		      s->kind == SC_STEP_CAPTURE ? "capture" : "read");
	esc(out, s->label ? s->label : "-");
	if (s->kind == SC_STEP_CAPTURE) {
		hx_buf_puts(out, " on ");
		esc(out, sc->hosts[s->host].name);
	}
	hx_buf_printf(out, " (line %u)</h3>\n<pre class=\"cmd\">", s->pos.line);
	for (int a = 0; a < cmd->argc; a++) {
		if (a)
			hx_buf_putc(out, ' ');
		esc(out, cmd->argv[a]);
	}
	hx_buf_printf(out, "</pre>\n<p>%zu packet%s", r->npkts, r->npkts == 1 ? "" : "s");
	if (s->kind == SC_STEP_CAPTURE) {
		if (s->label)
			hx_buf_puts(out, "<!--pcap:"), esc(out, s->label), hx_buf_puts(out, ".pcap-->");
		else
			hx_buf_printf(out, "<!--pcap:capture-%u.pcap-->", s->pos.line);
	}
	hx_buf_printf(out, "</p>\n<!--verdicts:%zu-->\n", i);
	if (s->kind == SC_STEP_CAPTURE && s->u.capture.list_only) {
		hx_buf_puts(out, "<pre>");
		for (k = 0; k < r->text->n; k++)
			esc(out, r->text->line[k]), hx_buf_putc(out, '\n');
		hx_buf_puts(out, "</pre>\n</div>\n");
		goto out;
	}
	if (l.nconv) {
		hx_buf_printf(out, "<p class=\"filter\"><label>conversation <select class=\"conv\" data-table=\"pk-%zu\">"
				   "<option value=\"\">all</option>", i + 1);
		for (c = 0; c < l.nconv; c++) {
			hx_buf_printf(out, "<option value=\"c%zu\">%zu: ", c + 1, c + 1);
			esc(out, l.conv[c].left);
			hx_buf_puts(out, " &lt;-&gt; ");
			esc(out, l.conv[c].right);
			hx_buf_puts(out, "</option>");
		}
		if (l.cut + l.other)
			hx_buf_puts(out, "<option value=\"c0\">not TCP</option>");
		hx_buf_puts(out, "</select></label></p>\n");
	}
	hx_buf_printf(out, "<table class=\"pkts\" id=\"pk-%zu\"><thead><tr><th>#</th><th>time</th>"
			   "<th class=\"src\">source</th><th class=\"dst\">destination</th><th>summary</th>"
			   "</tr></thead>\n<tbody>\n", i + 1);
	for (k = 0; k < r->text->n && rows < HX_HTML_MAX_ROWS; k++) {
		size_t p = r->text->pkt[k], tn, sn, dn;
		const char *t, *src, *dst, *sum;

		if (p == SC_NONE || p >= r->npkts || (k && r->text->pkt[k - 1] == p))
			continue;
		rows++;
		split_line(r->text->line[k], &t, &tn, &src, &sn, &dst, &dn, &sum);
		hx_buf_printf(out, "<tr data-conv=\"c%zu\"><td class=\"n\">%zu</td><td class=\"time\">",
			      conv_of[p], p + 1);
		escn(out, t, tn);
		hx_buf_puts(out, "</td><td class=\"src\">");
		escn(out, src, sn);
		hx_buf_puts(out, "</td><td class=\"dst\">");
		escn(out, dst, dn);
		hx_buf_puts(out, "</td><td>");
		esc(out, sum);
		/* -v, -x and the like print more lines for the same packet */
		while (k + 1 < r->text->n && r->text->pkt[k + 1] == p) {
			hx_buf_putc(out, '\n');
			esc(out, r->text->line[++k]);
		}
		hx_buf_puts(out, "</td></tr>\n");
	}
	hx_buf_puts(out, "</tbody></table>\n");
	if (rows < r->npkts && rows == HX_HTML_MAX_ROWS)
		hx_buf_printf(out, "<p class=\"note\">The table stops at %d rows: %zu more packets are not shown "
				   "(the savefile has them all).</p>\n",
			      HX_HTML_MAX_ROWS, r->npkts - rows);
	for (c = 0; c < l.nconv; c++) {
		size_t drawn = 0;

		if (*arrows >= HX_SVG_MAX_ARROWS) {
			hx_buf_printf(out, "<p class=\"note\">Ladders stop at %d arrows a page: TCP conversations %zu to %zu "
					   "(%zu segments) are not drawn.</p>\n",
				      HX_SVG_MAX_ARROWS, c + 1, l.nconv, l.nseg - l.conv[c].first);
			break;
		}
		hx_buf_printf(out, "<div class=\"pic lad\" id=\"lad-%zu-%zu\"><h3>", i + 1, c + 1);
		hx_svg_conv_title(out, &l, c);
		hx_buf_puts(out, "</h3>\n");
		hx_svg_ladder(out, &o, &l, c, r->pkts, tips, HX_SVG_MAX_ARROWS - *arrows, &drawn);
		*arrows += drawn;
		if (drawn < l.conv[c].n)
			hx_buf_printf(out, "<p class=\"note\">Ladders stop at %d arrows a page: %zu of this "
					   "conversation's %zu segments are drawn.</p>\n",
				      HX_SVG_MAX_ARROWS, drawn, l.conv[c].n);
		hx_buf_puts(out, "</div>\n");
	}
	if (l.nconv && (l.cut || l.other))
		hx_buf_printf(out, "<p>Not in the ladders: %zu packet%s that %s not TCP, %zu TCP packet%s without a whole TCP header.</p>\n",
			      l.other, l.other == 1 ? "" : "s", l.other == 1 ? "is" : "are", l.cut,
			      l.cut == 1 ? "" : "s");
	hx_buf_puts(out, "</div>\n");
out:
	free(tips);
	free(conv_of);
	free(names);
	cap_lad_release(&l);
	return rc;
}

int hx_html_steps(char *err, struct hx_buf *out, const struct sc_scenario *sc,
		  const struct sc_step_result *res, size_t at)
{
	struct src_lines src;
	size_t i, arrows = 0, ncap = 0;
	int r = 0;

	src_load(&src, sc->file);
	html_steps_list(out, sc, res, at, &src);
	src_release(&src);
	for (i = 0; i < sc->nsteps; i++)
		if ((sc->steps[i].kind == SC_STEP_CAPTURE || sc->steps[i].kind == SC_STEP_READ) &&
		    res[i].text)
			ncap++;
	hx_buf_printf(out, "<h2 id=\"captures\">Captures</h2>\n%s",
		      ncap ? "<p class=\"legend\"><span style=\"color:#1d4ed8\">&#x2192; segment</span>"
			     "<span style=\"color:#c2410c\">- - &#x2192; retransmission</span>"
			     "<span style=\"color:#b91c1c;font-weight:bold\">&#x2192; reset</span>"
			     "<span>hover an arrow: its tcpdump line</span></p>\n"
			   : "<p>No capture printed packets.</p>\n");
	for (i = 0; r == 0 && i < sc->nsteps; i++)
		if ((sc->steps[i].kind == SC_STEP_CAPTURE || sc->steps[i].kind == SC_STEP_READ) &&
		    res[i].text)
			r = html_capture(err, out, sc, i, &res[i], &arrows);
	if (r == 0 && out->oom)
		r = hx_err(err, -ENOMEM, "cannot write the HTML report: out of memory");
	return r;
}

/* ---- the report (after the run) -------------------------------------- */

void hx_html_page_name(struct hx_buf *out, const struct hx_run_item *it)
{
	struct hx_buf n = HX_BUF_INIT;
	size_t i;

	hx_item_name(&n, it);
	for (i = 0; i < n.len; i++) {
		char c = n.p[i];

		hx_buf_putc(out, (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
					 (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ? c : '_');
	}
	if (!n.len || !strcmp(n.p, "index"))
		hx_buf_puts(out, ".scn"); /* index.html is the index */
	if (it->copy)
		hx_buf_printf(out, ".%u", it->copy + 1);
	hx_buf_puts(out, ".html");
	hx_buf_release(&n);
}

/* The verdicts of expectations about step (SC_NONE: all), in place. */
static void html_verdicts(struct hx_buf *out, const struct hx_run_item *it, size_t step)
{
	const struct sc_report *r = &it->rep;
	struct hx_buf b = HX_BUF_INIT;
	size_t k, shown = 0;

	for (k = 0; it->sc && k < r->nverdicts; k++) {
		const struct sc_verdict *v = &r->verdicts[k];

		if (step != SC_NONE && it->sc->expects[v->expect].src != step)
			continue;
		if (!shown++)
			hx_buf_puts(out, "<ul class=\"verdicts\">\n");
		hx_buf_printf(out, "<li class=\"%s\"><span class=\"badge %s\">%s</span> <code>",
			      v->pass ? "ok" : "bad", v->pass ? "PASS" : "FAIL", v->pass ? "ok" : "FAIL");
		hx_buf_reset(&b);
		hx_verdict_line(&b, it, k);
		escn(out, b.p ? b.p : "", b.len);
		hx_buf_puts(out, "</code>");
		if (!v->pass) {
			hx_buf_reset(&b);
			hx_report_verdict(&b, it->sc, v);
			hx_buf_puts(out, "<pre class=\"why\">");
			escn(out, b.p ? b.p : "", b.len);
			hx_buf_puts(out, "</pre>");
		}
		hx_buf_puts(out, "</li>\n");
	}
	if (shown)
		hx_buf_puts(out, "</ul>\n");
	hx_buf_release(&b);
}

/* The relative path from directory from to directory to (both absolute,
 * resolved), with a final '/'. */
static void rel_path(struct hx_buf *out, const char *from, const char *to)
{
	size_t i = 0, common = 0;

	while (from[i] && from[i] == to[i]) {
		if (from[i] == '/')
			common = i;
		i++;
	}
	if (!from[i] && (to[i] == '/' || !to[i]))
		common = i;
	else if (!to[i] && from[i] == '/')
		common = i;
	for (i = common; from[i]; i++)
		if (from[i] == '/' && from[i + 1])
			hx_buf_puts(out, "../");
	if (to[common])
		hx_buf_printf(out, "%s/", to[common] == '/' ? to + common + 1 : to + common);
	if (!out->len)
		hx_buf_puts(out, "./");
}

/* The fragment with its marks filled: pcaps linked, verdicts in place. */
static void fill_marks(struct hx_buf *out, const struct hx_run_item *it, const char *pcaps)
{
	const char *p = it->rep.html.p, *end = p + it->rep.html.len, *m;

	while (p && p < end && (m = strstr(p, "<!--"))) {
		const char *close = strstr(m, "-->");

		hx_buf_put(out, p, (size_t)(m - p));
		if (!close)
			break;
		if (!strncmp(m, "<!--verdicts:", 13)) {
			html_verdicts(out, it, (size_t)strtoull(m + 13, NULL, 10));
		} else if (!strncmp(m, "<!--pcap:", 9) && pcaps) {
			/* the name is escaped already, and so is pcaps */
			hx_buf_printf(out, "; kept as <a href=\"%s%.*s\">%.*s</a>", pcaps,
				      (int)(close - m - 9), m + 9, (int)(close - m - 9), m + 9);
		}
		p = close + 3;
	}
	if (p && p < end)
		hx_buf_put(out, p, (size_t)(end - p));
}

static void status_badge(struct hx_buf *out, enum sc_status s)
{
	hx_buf_printf(out, "<span class=\"badge %s\">%s</span>", hx_status_word(s), hx_status_word(s));
}

/* One scenario's page. */
static void html_page(struct hx_buf *out, const struct hx_run_item *it, const char *outrel)
{
	const struct sc_report *r = &it->rep;
	const struct sc_scenario *sc = it->sc;
	struct hx_buf name = HX_BUF_INIT, pcaps = HX_BUF_INIT, t = HX_BUF_INIT;

	hx_item_name(&name, it);
	hx_buf_printf(&t, "%s %s", hx_status_word(r->status), name.p ? name.p : "");
	hx_html_head(out, t.p);
	hx_buf_puts(out, "<p><a href=\"index.html\">&#x2190; all scenarios</a></p>\n<h1>");
	status_badge(out, r->status);
	hx_buf_putc(out, ' ');
	esc(out, name.p);
	if (sc) {
		hx_buf_puts(out, ": ");
		esc(out, sc->title);
	}
	hx_buf_puts(out, "</h1>\n<p>");
	if (sc && sc->seed)
		hx_buf_puts(out, "seed "), esc(out, sc->seed), hx_buf_puts(out, " &#xb7; ");
	hx_buf_puts(out, "file <code>");
	esc(out, it->path);
	hx_buf_puts(out, "</code> &#xb7; ");
	hx_secs(out, r->elapsed);
	hx_buf_puts(out, " s");
	if (outrel) {
		struct hx_buf d = HX_BUF_INIT;

		url(&d, outrel);
		hx_buf_release(&name);
		hx_item_name(&name, it);
		url(&d, name.p);
		if (it->copy)
			hx_buf_printf(&d, ".%u", it->copy + 1);
		hx_buf_puts(&d, "/");
		hx_buf_printf(out, " &#xb7; <a href=\"%stranscript.txt\">transcript.txt</a>", d.p);
		hx_buf_puts(&pcaps, d.p);
		hx_buf_release(&d);
	}
	hx_buf_puts(out, "</p>\n");
	if (r->reason) {
		hx_buf_printf(out, "<p class=\"%s\">", r->status == SC_ST_FAIL ? "note" : "");
		esc(out, r->reason);
		hx_buf_puts(out, "</p>\n");
	}
	if (!sc) {
		hx_buf_puts(out, "<h2>Load error</h2>\n<pre>");
		esc(out, it->load_err);
		hx_buf_puts(out, "</pre>\n");
		goto foot;
	}
	hx_buf_puts(out, "<h2 id=\"verdicts\">Verdicts</h2>\n");
	if (r->nverdicts)
		html_verdicts(out, it, SC_NONE);
	else
		hx_buf_puts(out, "<p>No verdicts: the expectations were not judged.</p>\n");
	hx_buf_puts(out, "<h2 id=\"topology\">Topology</h2>\n<div class=\"pic\">\n");
	hx_svg_topology(out, sc);
	hx_buf_puts(out, "</div>\n");
	if (r->html.len)
		fill_marks(out, it, pcaps.p);
	else if (r->status != SC_ST_SKIP)
		hx_buf_puts(out, "<p>The scenario left no steps to show.</p>\n");
foot:
	hx_html_foot(out, 1);
	hx_buf_release(&name);
	hx_buf_release(&pcaps);
	hx_buf_release(&t);
}

static int rank(enum sc_status s)
{
	return s == SC_ST_FAIL ? 0 : s == SC_ST_SKIP ? 2 : 1;
}

static void html_index(struct hx_buf *out, const struct hx_run *run)
{
	struct hx_buf t = HX_BUF_INIT, pg = HX_BUF_INIT;
	char stamp[32];
	time_t t0 = run->started ? (time_t)run->started : time(NULL);
	struct tm tm;
	int pass;
	size_t i;

	gmtime_r(&t0, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S UTC", &tm);
	hx_html_head(out, "dumplab run");
	hx_buf_puts(out, "<h1>dumplab run</h1>\n<p>");
	hx_report_summary(&t, run);
	while (t.len && t.p[t.len - 1] == '\n')
		t.p[--t.len] = '\0';
	escn(out, t.p ? t.p : "", t.len);
	hx_buf_printf(out, " &#xb7; started %s</p>\n", stamp);
	hx_buf_puts(out, "<table class=\"index\"><thead><tr><th>verdict</th><th>scenario</th><th>title</th>"
			 "<th class=\"seed\">seed</th><th>time</th></tr></thead>\n<tbody>\n");
	/* failed first, then passed, then skipped; each in the order named */
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < run->n; i++) {
			const struct hx_run_item *it = &run->items[i];

			if (rank(it->rep.status) != pass)
				continue;
			hx_buf_reset(&pg);
			hx_html_page_name(&pg, it);
			hx_buf_reset(&t);
			hx_item_name(&t, it);
			hx_buf_printf(out, "<tr class=\"st-%s\"><td>", hx_status_word(it->rep.status));
			status_badge(out, it->rep.status);
			hx_buf_puts(out, "</td><td><a class=\"scn\" href=\"");
			esc(out, pg.p);
			hx_buf_puts(out, "\">");
			esc(out, t.p);
			if (it->copy)
				hx_buf_printf(out, " (%u)", it->copy + 1);
			hx_buf_puts(out, "</a></td><td>");
			if (it->sc)
				esc(out, it->sc->title);
			else
				hx_buf_puts(out, "(did not load)");
			hx_buf_puts(out, "</td><td class=\"seed\">");
			esc(out, it->sc && it->sc->seed ? it->sc->seed : "");
			hx_buf_puts(out, "</td><td class=\"time\">");
			hx_secs(out, it->rep.elapsed);
			hx_buf_puts(out, " s</td></tr>\n");
			if (it->rep.status == SC_ST_FAIL && it->rep.reason) {
				hx_buf_puts(out, "<tr class=\"why\"><td></td><td colspan=\"4\" class=\"note\">");
				esc(out, it->rep.reason);
				hx_buf_puts(out, "</td></tr>\n");
			}
		}
	hx_buf_puts(out, "</tbody></table>\n");
	hx_html_foot(out, 0);
	hx_buf_release(&t);
	hx_buf_release(&pg);
}

static int is_empty_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

int hx_html_check(char *err, const char *dir)
{
	struct stat st;
	char mark[PATH_MAX];

	if (stat(dir, &st) < 0)
		return errno == ENOENT ? 0 : hx_err(err, -errno, "cannot use '%s': %s", HX_Q(dir), strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return hx_err(err, -ENOTDIR, "'%s' is a file, not a directory", HX_Q(dir));
	snprintf(mark, sizeof(mark), "%s/%s", dir, HX_HTML_MARK);
	if (is_empty_dir(dir) || access(mark, F_OK) == 0)
		return 0;
	return hx_err(err, -EEXIST,
		      "'%s' is a non-empty directory that no dumplab report wrote (no %s in it): "
		      "give a new or empty one", HX_Q(dir), HX_HTML_MARK);
}

static int write_buf(char *err, const char *dir, const char *name, const struct hx_buf *b)
{
	char p[PATH_MAX];
	struct hx_buf tmp = *b;
	int fd, r;

	if ((size_t)snprintf(p, sizeof(p), "%s/%s", dir, name) >= sizeof(p))
		return hx_err(err, -ENAMETOOLONG, "cannot write '%s/%s': name too long", HX_Q(dir), name);
	if (b->oom)
		return hx_err(err, -ENOMEM, "cannot write '%s': out of memory", HX_Q(p));
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return hx_err(err, -errno, "cannot write '%s': %s", HX_Q(p), strerror(errno));
	r = hx_buf_flush(&tmp, fd);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r < 0)
		return hx_err(err, r, "cannot write '%s': %s", HX_Q(p), strerror(-r));
	return 0;
}

/* Removes dir and the plain files in it (a report is flat). */
static void remove_flat(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[PATH_MAX];

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    (size_t)snprintf(p, sizeof(p), "%s/%s", dir, e->d_name) < sizeof(p))
			unlink(p);
	closedir(d);
	rmdir(dir);
}

int hx_report_html(char *err, const char *dir, const struct hx_run *run, const char *outdir)
{
	struct hx_buf b = HX_BUF_INIT, pg = HX_BUF_INIT, outrel = HX_BUF_INIT;
	char *tmp = NULL, *old = NULL, *slash;
	char rdir[PATH_MAX], rout[PATH_MAX];
	size_t len = strlen(dir);
	struct stat st;
	size_t i;
	int r;

	if ((r = hx_html_check(err, dir)) < 0)
		return r;
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (asprintf(&tmp, "%.*s.tmp-XXXXXX", (int)len, dir) < 0 ||
	    asprintf(&old, "%.*s.old-%ld", (int)len, dir, (long)getpid()) < 0) {
		r = hx_err(err, -ENOMEM, "out of memory");
		goto out;
	}
	if (!mkdtemp(tmp)) {
		r = hx_err(err, -errno, "cannot create a directory beside '%s': %s", HX_Q(dir), strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	chmod(tmp, 0755);
	if (outdir && realpath(outdir, rout) && realpath(tmp, rdir)) {
		/* the pages' directory once renamed: tmp's parent + dir's name */
		slash = strrchr(rdir, '/');
		const char *base = strrchr(dir, '/');

		base = base && base[1] ? base + 1 : dir;
		if (slash)
			snprintf(slash + 1, sizeof(rdir) - (size_t)(slash + 1 - rdir), "%.*s",
				 (int)(len - (size_t)(base - dir)), base);
		rel_path(&outrel, rdir, rout);
	}
	r = write_buf(err, tmp, HX_HTML_MARK, &(struct hx_buf)HX_BUF_INIT);
	html_index(&b, run);
	if (r == 0)
		r = write_buf(err, tmp, "index.html", &b);
	for (i = 0; r == 0 && i < run->n; i++) {
		hx_buf_reset(&b);
		hx_buf_reset(&pg);
		hx_html_page_name(&pg, &run->items[i]);
		html_page(&b, &run->items[i], outdir && outrel.p ? outrel.p : NULL);
		r = write_buf(err, tmp, pg.p, &b);
	}
	if (r < 0)
		goto out;
	/* an earlier report moves aside, the new one takes its name */
	if (stat(dir, &st) == 0) {
		if (rename(dir, old) < 0) {
			r = hx_err(err, -errno, "cannot replace '%s': %s", HX_Q(dir), strerror(errno));
			goto out;
		}
	} else {
		free(old);
		old = NULL;
	}
	if (rename(tmp, dir) < 0) {
		r = hx_err(err, -errno, "cannot rename '%s' to '%s': %s", HX_Q(tmp), HX_Q(dir), strerror(errno));
		if (old)
			rename(old, dir);
		free(old);
		old = NULL;
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (old)
		remove_flat(old);
out:
	if (tmp)
		remove_flat(tmp);
	free(tmp);
	free(old);
	hx_buf_release(&b);
	hx_buf_release(&pg);
	hx_buf_release(&outrel);
	return r;
}
