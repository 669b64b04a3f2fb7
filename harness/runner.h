/* runner.h: runs scenarios in a pool of threads, each with a timeout, all cancellable. */
#ifndef HX_RUNNER_H
#define HX_RUNNER_H

#include <stdatomic.h>
#include <stddef.h>

#include "harness/hx.h"
#include "harness/sc-expect.h"
#include "harness/sc.h"

enum sc_status {
	SC_ST_PASS,
	SC_ST_FAIL,
	SC_ST_SKIP,
};

/*
 * What one scenario ended as. The executor fills status, reason,
 * transcript and verdicts; the runner fills elapsed, and overrides status
 * with a failure when the scenario timed out or was interrupted. Every
 * pointer is owned by the report (sc_report_release frees them).
 */
struct sc_report {
	enum sc_status status;
	char *reason;		  /* skip reason, or a failure's one-line cause */
	struct hx_buf transcript; /* what it printed: each capture's packets as
				   * tcpdump prints them, in step order */
	struct sc_verdict *verdicts; /* one per expectation, or NULL */
	size_t nverdicts;
	sc_usec elapsed;
};

void sc_report_release(struct sc_report *r); /* accepts NULL */
/* Replaces r->reason with a formatted copy (keeps the old one on ENOMEM). */
void sc_report_reason(struct sc_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* What an executor gets besides the scenario and its report. */
struct hx_exec_ctx {
	int cancel_fd;		    /* becomes readable when the scenario is
				     * cancelled (timeout, Ctrl-C): poll it */
	const atomic_int *cancelled; /* nonzero from then on */
	const char *workdir;	    /* the scenario's directory: its `file`s are
				     * written there, its savefiles go there */
	sc_usec timeout;	    /* the scenario's timeout */
	void *arg;		    /* hx_run_opts.exec_arg */
};

/*
 * Executes one checked scenario in the calling (worker) thread and fills
 * rep. Must return soon after ctx->cancel_fd becomes readable, having
 * released everything it built. Returns 0, or a negative code with
 * rep->reason set (the runner then reports the scenario failed).
 */
typedef int (*hx_exec_fn)(const struct sc_scenario *sc, struct sc_report *rep,
			  const struct hx_exec_ctx *ctx);

/* The executor of phase 1: every scenario skipped, "no engine yet". */
int hx_exec_dry(const struct sc_scenario *sc, struct sc_report *rep,
		const struct hx_exec_ctx *ctx);

/*
 * Whether the machine gives what a `needs` line asks. Returns 1 when it
 * does; 0 with why (the skip reason, "needs nlmon: ...") when it does not.
 */
int hx_need_met(const struct sc_need *n, char *why, size_t len);

struct hx_run_opts {
	int jobs;		  /* worker threads; <= 0: the number of cores */
	sc_usec default_timeout;  /* for scenarios without `timeout`; 0: 60 s */
	hx_exec_fn exec;	  /* NULL: hx_exec_dry */
	void *exec_arg;
	const char *outdir;	  /* --out DIR: keep DIR/NAME/ (savefiles and
				   * transcript.txt); NULL: temporary dirs */
	int progress_fd;	  /* a terminal for the live progress line, or -1 */
	int handle_signals;	  /* SIGINT and SIGTERM cancel the run (the
				   * runner blocks them in every thread and
				   * reads them with a signalfd) */
	int cancel_fd;		  /* -1, or an fd whose readability cancels the
				   * run as a signal would */
};

/* One scenario of a run. */
struct hx_run_item {
	char *path;
	struct sc_scenario *sc;	 /* NULL when it did not load */
	char *load_err;		 /* then: "FILE:L:C: message" */
	struct sc_report rep;
	int ran;		 /* a worker took it */
	int timed_out, interrupted;
};

struct hx_run {
	struct hx_run_item *items;
	size_t n;
	int interrupted;	 /* Ctrl-C or cancel_fd */
	sc_usec wall;		 /* the whole run */
	size_t passed, failed, skipped;
	int max_parallel;	 /* the most scenarios that ran at once */
};

/* Loads (parses and checks) every path; a file that does not load is kept
 * with its error and reported failed without running. 0 or -ENOMEM. */
int hx_run_load(char *err, struct hx_run *run, char *const *paths, size_t n);

/*
 * Runs every loaded scenario through o->exec, at most o->jobs at once, in
 * load order, each cancelled at its timeout. Returns when all are done or,
 * after a cancel, when the running ones have returned (the rest are
 * reported interrupted). 0, or a negative code with err when the run could
 * not start (threads, eventfd, an output directory).
 */
int hx_run_exec(char *err, struct hx_run *run, const struct hx_run_opts *o);

/* 0 when all passed or were skipped, 1 when any failed, 130 interrupted. */
int hx_run_exit_code(const struct hx_run *run);

void hx_run_release(struct hx_run *run); /* accepts NULL */

/* ---- reports (report.c) ---------------------------------------------- */

/* Every scenario's transcript and verdicts, then a summary line. */
void hx_report_text(struct hx_buf *out, const struct hx_run *run);
/* The one-line summary alone ("24 scenarios: 20 passed ..."). */
void hx_report_summary(struct hx_buf *out, const struct hx_run *run);
/* TAP version 14. */
void hx_report_tap(struct hx_buf *out, const struct hx_run *run);
/* JUnit XML (tests/junit.xsd describes it). */
void hx_report_junit(struct hx_buf *out, const struct hx_run *run);
/* Text escaped for XML character data and attributes; invalid UTF-8 and
 * characters XML 1.0 forbids become U+FFFD. */
void hx_xml_escape(struct hx_buf *out, const char *s, size_t n);

#endif
