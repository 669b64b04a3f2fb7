/* runner.h: runs scenarios in a pool of threads, each with a timeout, all cancellable. */
#ifndef HX_RUNNER_H
#define HX_RUNNER_H

#include <poll.h>
#include <stdatomic.h>
#include <stddef.h>

#include "harness/hx.h"
#include "harness/sc-expect.h"
#include "harness/sc.h"

struct ns_host;

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
	/* --html: the steps and captures as an HTML fragment
	 * (hx_html_steps), written while the packets were at hand */
	struct hx_buf html;
	sc_usec html_took;	  /* the time writing it took (make bench) */
	/* The executor's place when the scenario ended: the step running
	 * (SC_NONE before the first and after the last) and, when a cancel
	 * cut it, what it was waiting for ("waiting for 43 bytes, got 42").
	 * A timeout or Ctrl-C names them. */
	size_t step;
	char *waiting;
};

void sc_report_release(struct sc_report *r); /* accepts NULL */
/* Replaces r->reason with a formatted copy (keeps the old one on ENOMEM). */
void sc_report_reason(struct sc_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same for r->waiting. */
void sc_report_waiting(struct sc_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* What an executor gets besides the scenario and its report. */
struct hx_exec_ctx {
	int cancel_fd;		    /* becomes readable when the scenario is
				     * cancelled (timeout, Ctrl-C): poll it */
	const atomic_int *cancelled; /* nonzero from then on */
	const char *workdir;	    /* the scenario's directory: its `file`s are
				     * written there, its savefiles go there */
	sc_usec timeout;	    /* the scenario's timeout */
	int keep_pcaps;		    /* write each capture's packets to
				     * workdir/LABEL.pcap (--out) */
	int html;		    /* fill sc_report.html (--html) */
	void *arg;		    /* hx_run_opts.exec_arg */
	/*
	 * dumplab lab: when hold is set, the executor builds the topology,
	 * writes the files, runs the steps before step hold_at (nsteps: all)
	 * and then calls hold with the hosts (in sc->hosts order), judging
	 * nothing; what hold returns (0, or a negative code with err set)
	 * ends it, and everything built is released.
	 */
	size_t hold_at;
	int (*hold)(void *arg, char *err, struct ns_host *const *hosts);
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

/* The default -j: scenarios mostly wait on kernel timers (a catalogue run
 * uses about 3% CPU), so several run per core. */
#define HX_JOBS_PER_CORE 4
#define HX_JOBS_MIN 4

/* The -j a run gets when it asks for none: HX_JOBS_PER_CORE per online
 * core, at least HX_JOBS_MIN. */
int hx_run_default_jobs(void);

struct hx_run_opts {
	int jobs;		  /* worker threads; <= 0: hx_run_default_jobs() */
	sc_usec default_timeout;  /* for scenarios without `timeout`; 0: 60 s */
	hx_exec_fn exec;	  /* NULL: hx_exec_dry */
	void *exec_arg;
	const char *outdir;	  /* --out DIR: keep DIR/NAME/ (savefiles and
				   * transcript.txt); NULL: temporary dirs */
	const char *scratch;	  /* where temporary dirs go (hx_run_scratch);
				   * NULL: $TMPDIR, else /tmp */
	int progress_fd;	  /* a terminal for the live progress line, or -1 */
	int handle_signals;	  /* SIGINT and SIGTERM cancel the run (the
				   * runner blocks them in every thread and
				   * reads them with a signalfd) */
	int cancel_fd;		  /* -1, or an fd whose readability cancels the
				   * run as a signal would */
	/* --out: also keep a savefile of every capture, DIR/NAME/LABEL.pcap
	 * (the executor reads it from hx_exec_ctx.keep_pcaps). */
	int keep_pcaps;
	/* --html: each report gets its HTML fragment (hx_exec_ctx.html). */
	int html;
	/* The watchdog's poll(2), for tests that make it fail; NULL: poll. */
	int (*poll_fn)(struct pollfd *fds, nfds_t n, int timeout_ms);
};

/* One scenario of a run. */
struct hx_run_item {
	char *path;
	struct sc_scenario *sc;	 /* NULL when it did not load */
	char *load_err;		 /* then: "FILE:L:C: message" */
	int shared;		 /* sc and load_err are an earlier item's with
				  * the same path (loaded once, read only) */
	unsigned copy;		 /* 0 for the first item of its name; the
				  * K-th same name is copy K-1, kept in
				  * --out DIR/NAME.K */
	struct sc_report rep;
	int ran;		 /* a worker took it */
	int timed_out, interrupted;
};

struct hx_run {
	struct hx_run_item *items;
	size_t n;
	int interrupted;	 /* Ctrl-C or cancel_fd */
	sc_usec wall;		 /* the whole run */
	long long started;	 /* its start, CLOCK_REALTIME in seconds */
	size_t passed, failed, skipped;
	int max_parallel;	 /* the most scenarios that ran at once */
};

/* Loads (parses and checks) every path; a file that does not load is kept
 * with its error and reported failed without running. A path given more
 * than once runs as many times (each a report of its own) and is loaded
 * once. 0 or -ENOMEM. */
int hx_run_load(char *err, struct hx_run *run, char *const *paths, size_t n);

/*
 * Runs every loaded scenario through o->exec, at most o->jobs at once,
 * each cancelled at its timeout. They start longest declared timeout
 * first (ties in load order), so that a long one does not start last;
 * run->items stays in load order, and so do the reports. Resources go per
 * worker, not per scenario: any number of scenarios runs in a few fds.
 * Returns when all are done or, after a cancel, when the running ones
 * have returned (the rest are reported interrupted). 0, or a negative
 * code with err when the run could not start (threads, eventfd, an output
 * directory) or its watchdog failed (then every running scenario was
 * cancelled and has returned).
 */
int hx_run_exec(char *err, struct hx_run *run, const struct hx_run_opts *o);

/*
 * Gives temporary scenario directories a file system of this process's
 * own: a mount namespace of its own (every mount below / made a slave, so
 * nothing propagates back) with a tmpfs of at most size bytes mounted on
 * /dev/shm (the one directory every Linux has whose hiding costs nothing:
 * it holds POSIX shared memory, and no dumplab part or scenario command
 * shares any with the machine). The kernel frees that tmpfs when the
 * process and its children are gone, SIGKILL included, so a killed run
 * leaves nothing in TMPDIR; TMPDIR itself stays the user's, unhidden.
 * Call once, while the process is single-threaded, after ns_boot (rootless,
 * the mount namespace then belongs to dumplab's own user namespace).
 * Returns 0 with the directory ("/dev/shm") in dir, or a negative code
 * with err; a second call returns the first one's result. Paths of the
 * machine's /dev/shm are hidden from then on: callers check
 * hx_run_scratch_hides first.
 */
int hx_run_scratch(char *err, size_t size, char *dir, size_t len);

/* 1 when path, or the directory it would be created in, is on the file
 * system hx_run_scratch hides (the machine's /dev/shm); else 0. */
int hx_run_scratch_hides(const char *path);

/* The scratch size for a run of jobs workers: 64 MiB each (rotate-size,
 * the largest, writes about 9 MB), at least 256 MiB, at most a quarter of
 * the machine's memory. */
size_t hx_run_scratch_size(int jobs);

/* 0 when all passed or were skipped, 1 when any failed, 130 interrupted. */
int hx_run_exit_code(const struct hx_run *run);

void hx_run_release(struct hx_run *run); /* accepts NULL */

/*
 * --out DIR before a run: a missing or empty DIR is created; a DIR that
 * an earlier run left (it holds HX_OUT_MARK) is emptied; anything else is
 * refused: -ENOTDIR (a file) or -EEXIST (a foreign non-empty directory),
 * with why in err. Then HX_OUT_MARK is written into it.
 */
#define HX_OUT_MARK ".dumplab-run"
int hx_run_outdir(char *err, const char *dir);

/* ---- reports (report.c, report-tap.c, report-junit.c) ---------------- */

/* What a terminal run prints of each scenario. */
enum hx_verbosity {
	HX_QUIET = -1,	/* one line each, and the failures' verdicts */
	HX_NORMAL = 0,	/* one line for a pass or skip, a failure in full */
	HX_VERBOSE = 1, /* every transcript in full */
};

struct hx_text_opts {
	enum hx_verbosity verbosity;
	int color;	       /* ANSI colours for PASS, FAIL, SKIP */
	const char *scn_dir;   /* scenarios there rerun by name, the others
				* by path; NULL: by path */
	const char *rerun;     /* the command the rerun line starts with;
				* NULL: "dumplab run" */
};

/* Every scenario as opts says, then the summary, then (when some failed)
 * a line naming them and the command that reruns just them. */
void hx_report_text(struct hx_buf *out, const struct hx_run *run,
		    const struct hx_text_opts *opts);
/* One scenario in full: its transcript, verdicts and status line, each
 * indented under a "=== NAME: TITLE" line. */
void hx_report_item(struct hx_buf *out, const struct hx_run_item *it, int color);
/* What --out keeps in transcript.txt: the transcript as the executor
 * wrote it, then the verdicts and the status line. */
void hx_report_kept(struct hx_buf *out, const struct hx_run_item *it);
/* One verdict as the text report prints it: "ok"/"FAIL", the line, the
 * expectation, and for a failure why and the detail (closest line, caret). */
void hx_report_verdict(struct hx_buf *out, const struct sc_scenario *sc,
		       const struct sc_verdict *v);
/* The one-line summary alone ("24 scenarios: 20 passed ..."). */
void hx_report_summary(struct hx_buf *out, const struct hx_run *run);
/* TAP: version 13 (each verdict a YAML diagnostic) or 14 (each verdict a
 * subtest). ASCII only: what is not becomes \u{XXXX}. */
void hx_report_tap(struct hx_buf *out, const struct hx_run *run, int version);
/* JUnit XML, valid against the Jenkins xunit plugin's junit-10.xsd (and
 * tests/junit.xsd, which says what this writes). */
void hx_report_junit(struct hx_buf *out, const struct hx_run *run);
/* The value of attribute name of the XML tag at tag (up to its '>'), as
 * written (entities not decoded) into val: 0, or -1 when it has none or
 * it does not fit. For reading back what hx_report_junit wrote. */
int hx_junit_attr(const char *tag, const char *name, char *val, size_t len);
/* Text escaped for XML character data and attributes; invalid UTF-8 and
 * characters XML 1.0 forbids become U+FFFD. */
void hx_xml_escape(struct hx_buf *out, const char *s, size_t n);
/* The scenario's name: the loaded one, else the file's without ".scn". */
void hx_item_name(struct hx_buf *out, const struct hx_run_item *it);

#endif
