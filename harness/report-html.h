/* report-html.h: the static HTML report of a run (--html DIR) and the pages `dumplab ladder --html` writes. */
#ifndef HX_REPORT_HTML_H
#define HX_REPORT_HTML_H

#include <stddef.h>

#include "harness/hx.h"
#include "harness/runner.h"
#include "harness/sc-expect.h"

/* Rows of a capture's packet table at most; a note says what is cut. */
#define HX_HTML_MAX_ROWS 5000

/*
 * The pages are polyglot XHTML: HTML5 a browser opens from the file
 * system with no server, no network fetch and no framework (the
 * conversation filter is a few lines of inline script; without it the
 * tables show every row), and well-formed XML, so that each inline SVG
 * can be checked as such. Every string of a scenario, a capture or a
 * verdict is escaped.
 */

/* The page's head up to and including <body>, title escaped. */
void hx_html_head(struct hx_buf *out, const char *title);
/* The page's end, with the filter script when script is set. */
void hx_html_foot(struct hx_buf *out, int script);

/*
 * What the executor knows and the report cannot know later: the steps
 * of sc (its statements as written, read again from sc->file) with their
 * outcomes from res (at: the step the scenario ended in, SC_NONE when it
 * ran to its end), then each capture's and read's tcpdump command line,
 * its packets as a table (time, source, destination, summary; each row
 * tagged with its TCP conversation, filterable) and each TCP conversation
 * as an SVG ladder, at most HX_SVG_MAX_ARROWS arrows a page. Appends an
 * HTML fragment to out (which the report writer completes: it holds
 * <!--verdicts:N--> and <!--pcap:FILE--> marks). Called in the worker
 * thread, while res is alive; thread-safe. 0, or -ENOMEM with err.
 */
int hx_html_steps(char *err, struct hx_buf *out, const struct sc_scenario *sc,
		  const struct sc_step_result *res, size_t at);

/*
 * Writes the report of run into dir: index.html (every scenario's
 * verdict, title, seed section, time and page; failed first) and one
 * page per scenario (NAME.html; a second copy NAME.2.html). outdir is
 * the run's --out DIR (its savefiles are linked, relative to dir) or
 * NULL. The pages are written into a new directory beside dir and
 * renamed onto it, so a failure leaves nothing half-written; a dir an
 * earlier report left (it holds HX_HTML_MARK) is replaced, a file or
 * another non-empty directory refused (check first with hx_html_check).
 * 0, or a negative code with err.
 */
#define HX_HTML_MARK ".dumplab-html"
int hx_report_html(char *err, const char *dir, const struct hx_run *run,
		   const char *outdir);

/* Whether dir may take a report: missing, empty, or an earlier report.
 * 0, -ENOTDIR (a file) or -EEXIST (a foreign non-empty directory), with
 * err saying why. */
int hx_html_check(char *err, const char *dir);

/* The page name of run item it ("fin.html"), into out. */
void hx_html_page_name(struct hx_buf *out, const struct hx_run_item *it);

#endif
