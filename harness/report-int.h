/* report-int.h: what the report writers (report.c, report-tap.c, report-junit.c) share; not an interface. */
#ifndef HX_REPORT_INT_H
#define HX_REPORT_INT_H

#include "harness/runner.h"

/* "PASS", "FAIL" or "SKIP". */
const char *hx_status_word(enum sc_status s);
/* Seconds with milliseconds: "1.250". */
void hx_secs(struct hx_buf *b, sc_usec us);
/* Each line of text (the last may lack its '\n') with pre before it,
 * quoted for a terminal (hx_quote): a transcript holds what commands
 * printed, which may be anything. */
void hx_indent(struct hx_buf *out, const char *pre, const char *text);
/* How many of r's verdicts failed. */
size_t hx_failed_verdicts(const struct sc_report *r);
/* The verdict of expectation k of it, as the text report shows it:
 * "line 12   expect fin count 2". */
void hx_verdict_line(struct hx_buf *out, const struct hx_run_item *it, size_t k);

#endif
