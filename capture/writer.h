/* writer.h: savefiles with tcpdump's rotation (-w -G -C -W -z -Z), as a live capture sink. */
#ifndef CAP_WRITER_H
#define CAP_WRITER_H

#include <stdint.h>

#include "capture/cmdq.h"
#include "capture/live.h"
#include "capture/tdopts.h"
#include "capture/user.h"

/*
 * The wall clock the writer rotates by, in nanoseconds since the epoch
 * (CLOCK_REALTIME: -G names are local wall-clock times, as tcpdump's).
 * Injectable so that tests drive rotation without sleeping.
 */
struct cap_clock {
	int64_t (*now_ns)(void *arg);
	void *arg;
};

/*
 * What happens to each closed file when -z is given. The default runs the
 * -z command through a cap_cmdq (asynchronous, ordered, reported); tests
 * give their own to record the calls. run is called in the capture
 * thread, right after the file is closed, and must not block.
 */
struct cap_runner {
	void (*run)(void *arg, const char *file);
	void *arg;
};

struct cap_writer_cfg {
	const char *name;	 /* -w: the file, or the template with -G
				  * (strftime'd, local time); "-": stdout */
	int rotate_secs;	 /* -G: a new file every N s; 0: none */
	int rotate_align;	 /* --rotate-align: -G rotations fall on
				  * wall-clock multiples of N s (local time) */
	long long rotate_bytes;	 /* -C: the size limit in bytes; 0: none */
	int file_limit;		 /* -W: with -C a ring of N files; with -G
				  * alone, stop after N files; 0: none */
	const char *postrotate;	 /* -z: the command as given, or NULL */
	const char *postrotate_path; /* its program (cap_cmd_resolve);
				      * NULL: resolved by cap_writer_new */
	const struct cap_user *user; /* -Z: resolved, or NULL */
	int drop_scope;		 /* CAP_DROP_PROCESS or CAP_DROP_THREAD */
	int packet_buffered;	 /* -U: flush after every packet */
	int nano;		 /* the packets' timestamps are nanoseconds */
	const struct cap_clock *clock;	 /* NULL: CLOCK_REALTIME */
	const struct cap_runner *runner; /* NULL: run -z for real */
	cap_report_fn *report;	 /* non-fatal problems and the -G -W end,
				  * one line each, from the capture thread
				  * and the -z thread: thread-safe; NULL:
				  * stderr */
	void *report_arg;
};

/*
 * Rotation, as tcpdump 4.99 documents and does it, minus its bugs
 * (docs/rotation.md says it in full):
 *
 * -C N   F, then F1, F2, ...; with -W N a ring F0 .. F(N-1), the number
 *        zero-padded to the digits of N-1 (-W 11: F00 .. F10; -W 1: F).
 *        A file is closed when the next packet would take it past N
 *        bytes (the 24-byte file header and 16 bytes a record counted),
 *        so files stay <= N, unless one packet alone is larger: it then
 *        gets a file of its own. (tcpdump closes after passing N.)
 * -G S   the name is strftime'd (local time) with the start of each file's
 *        interval; a new file every S seconds, with or without traffic
 *        (next_tick_ms/tick). Without --rotate-align the intervals are
 *        counted from sink.open; with it they end on local wall-clock
 *        multiples of S (-G 3600: on the hour), the first file starting
 *        at open. Intervals missed entirely (a stalled clock, a
 *        suspended machine) are skipped, not written as empty files.
 * -G -W  after N files the capture ends: tick or packet returns
 *        CAP_SINK_END (live.h), once the N-th file is closed and its -z
 *        queued; a packet that arrives then is not written.
 * -G -C  each interval starts at number 0 again; -W then rings within
 *        the interval and does not stop the capture (as tcpdump does).
 * -z CMD every file, once closed, the last one too (at close); `CMD
 *        FILE`, never a shell; see cmdq.h.
 * -Z U   sink.open drops to U (cfg->drop_scope) before it creates the
 *        first file: every file is created by, and owned by, U. sink.open
 *        runs in the capture thread once the device is open, so the drop
 *        comes after the device and before any file.
 */
struct cap_writer;

/*
 * Creates a writer; nothing is created on disk until sink.open. Copies
 * cfg's strings; cfg->user, clock and runner must outlive the writer.
 * Returns 0 or a negative code with err set (an inconsistent cfg, a -z
 * command that cannot be resolved, no memory).
 */
int cap_writer_new(char *err, const struct cap_writer_cfg *cfg,
		   struct cap_writer **out);

/*
 * Fills s with the writer's callbacks (open, packet, next_tick_ms, tick,
 * close), its arg being w. Every callback runs in the capture thread:
 * packet and tick return 0, CAP_SINK_END (the -G -W limit), or a negative
 * code with err set (a file that cannot be created or written; the
 * capture then ends with that error). close is idempotent; after the
 * limit ended the capture, it has nothing left to close.
 */
void cap_writer_sink(struct cap_writer *w, struct cap_sink *s);

/*
 * After the capture ended (cap_live_stop returned): waits until every -z
 * command has finished, at most timeout_ms (-1: no limit). Returns 0 or
 * -ETIMEDOUT. 0 at once without -z or with a cfg->runner.
 */
int cap_writer_wait(struct cap_writer *w, int timeout_ms);

struct cap_writer_stats {
	unsigned files;			/* files opened */
	unsigned long long packets;	/* packets written */
	unsigned long long bytes;	/* bytes written, headers included */
	int ended;			/* the -G -W limit ended the capture */
};

/* Not while the capture thread runs. */
void cap_writer_stats(const struct cap_writer *w, struct cap_writer_stats *st);

/*
 * Closes the current file if close never ran (without running -z for
 * it: close is where that happens), waits for the -z commands still
 * queued or running, frees. Accepts NULL.
 */
void cap_writer_free(struct cap_writer *w);

/*
 * What cap_writer_check resolved: a writer configuration and what it
 * points to. Holds pointers into itself: do not copy it.
 */
struct cap_writer_plan {
	struct cap_writer_cfg cfg; /* cfg.name NULL: no -w */
	struct cap_user user;	   /* valid when cfg.user is not NULL */
	char *zpath;		   /* -z's program */
};

/*
 * Validates the savefile and user options of o before anything starts,
 * and creates nothing: -Z names a user this process can switch to here;
 * -G, -C, -W, -z and --rotate-align come with -w; -C, -G, -W are not
 * negative; -W comes with -C or -G; --rotate-align with -G; -z names an
 * executable program (for the -Z user); the directory of the first file
 * lets the -Z user (or this one) create files, and a first file already
 * there may be overwritten by it. Each failure is one line naming the
 * option and its value ("option -W 3 needs -C or -G"). On success fills
 * plan (release it with cap_writer_plan_release); -Z alone (no -w) fills
 * only the user. Zero means "not given" in td_opts, so "-C 0" is
 * td_parse's to refuse: cap_writer_parse_opt does it.
 */
int cap_writer_check(char *err, const struct td_opts *o,
		     struct cap_writer_plan *plan);
/*
 * The part of cap_writer_check that needs neither the file system nor the
 * user database: how the options combine (-W with -C or -G, -C/-G/-W/-z
 * with -w, ...) and their ranges. A failure is a usage error; td_parse
 * (TD_CAPTURE) calls it, so `dumplab capture` exits 2 and a scenario's
 * capture is refused when its file is checked. 0 or -EINVAL.
 */
int cap_writer_opts_check(char *err, const struct td_opts *o);
void cap_writer_plan_release(struct cap_writer_plan *plan); /* accepts NULL */

/*
 * Parses the argument of -C ('C'), -G ('G') or -W ('W') as dumplab
 * spells them, for td_parse: -C a positive number of millions of bytes,
 * or of KiB/MiB/GiB with a k/m/g suffix (tcpdump 5's units), in bytes;
 * -G a positive number of seconds; -W a positive number of files.
 * Returns 0, or -EINVAL/-ERANGE with err "option -C: invalid file size
 * '0'".
 */
int cap_writer_parse_opt(char *err, int opt, const char *arg, long long *val);

#endif
