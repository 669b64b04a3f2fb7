/* session.h: one tcpdump command line run as a live capture: device, filter, savefiles, printing, kept packets. */
#ifndef CAP_SESSION_H
#define CAP_SESSION_H

#include <stdio.h>

#include "capture/live.h"
#include "capture/print.h"
#include "capture/tdopts.h"
#include "capture/writer.h"

/*
 * The one place a parsed tcpdump command line (struct td_opts, TD_CAPTURE)
 * becomes a running capture. `dumplab capture` and a scenario's capture
 * step both go through it, so a scenario tests exactly the code a user
 * runs. It composes cap_live (live.h) with the savefile writer (writer.h:
 * -w -G -C -W -z -Z) and, optionally, the printer (print.h) printing each
 * packet as it arrives.
 *
 * Everything that can be checked before the device is opened is checked
 * by cap_session_start first (cap_writer_check: -W without -C/-G, an
 * unwritable directory, a -z program that does not exist, an unknown -Z
 * user...), one line naming the option and value, and nothing is created.
 */

/* A name the printer shows for an address (a scenario's host table). */
struct cap_name {
	int af; /* AF_INET or AF_INET6 */
	const void *addr;
	const char *name;
};

struct cap_session_cfg {
	const struct td_opts *td; /* the command line; not -D; must outlive
				   * the session */
	int netfd;		  /* the host's namespace; -1: the caller's */
	const char *host;	  /* the host's name for messages, or NULL */
	const char *workdir;	  /* relative -w names are taken from here;
				   * NULL: the current directory */
	int keep;		  /* keep every packet (cap_session_packets) */
	int immediate;		  /* immediate mode even without
				   * --immediate-mode (scenarios) */
	FILE *print;		  /* print each packet as it arrives with
				   * td->pr (and -c), or NULL: no printing */
	const struct cap_name *names; /* for printing; may be NULL */
	size_t nnames;
	int drop_scope;		  /* -Z: CAP_DROP_PROCESS (dumplab capture)
				   * or CAP_DROP_THREAD (scenarios) */
	const struct cap_clock *clock;	 /* NULL: the real clock */
	cap_report_fn *report;	  /* the writer's non-fatal lines; NULL:
				   * stderr */
	void *report_arg;
};

struct cap_session;

/*
 * Validates, opens the device in the host, sets filter and direction,
 * opens the first savefile (after the -Z drop), and returns once traffic
 * may start. On error: a negative code, err naming the device, filter,
 * option or file, and nothing left running or created.
 */
int cap_session_start(char *err, const struct cap_session_cfg *cfg,
		      struct cap_session **out);

/*
 * An fd (eventfd, O_CLOEXEC) that becomes readable when the capture ended
 * on its own: -c reached, the -G -W limit, or an error. For poll() next to
 * a signalfd.
 */
int cap_session_done_fd(const struct cap_session *s);

/* Waits until n packets were kept, the capture ended, or timeout_ms. */
size_t cap_session_wait_count(struct cap_session *s, size_t n, int timeout_ms);

/*
 * Stops the capture (if it has not ended), closes the last file and runs
 * -z for it, waits for every -z command (at most zwait_ms; -1: no limit),
 * flushes the printing. Returns 0 or the error that ended the capture.
 */
int cap_session_stop(struct cap_session *s, char *err, int zwait_ms);

struct cap_session_stats {
	struct cap_stats live;		 /* received, dropped, kept */
	struct cap_writer_stats files;	 /* files, packets and bytes written */
};

/* After stop. */
const struct cap_pkt *cap_session_packets(const struct cap_session *s,
					  size_t *n);
int cap_session_dlt(const struct cap_session *s);
int cap_session_snaplen(const struct cap_session *s);
void cap_session_stats(const struct cap_session *s,
		       struct cap_session_stats *st);
/* The printer's note on packets printed generically (pr_generic_summary);
 * 0 and an empty buf when nothing was, or nothing was printed. */
uint64_t cap_session_generic(const struct cap_session *s, char *buf, size_t len);

/* Stops if needed and frees. Accepts NULL. */
void cap_session_free(struct cap_session *s);

/*
 * tcpdump -D: appends to out the interfaces libpcap finds in the namespace
 * netfd (-1: the caller's), numbered, with their flags, one per line
 * ("1.eth0 [Up, Running, Connected]"). The calling thread's namespace is
 * left alone (a short thread of its own enters netfd). Returns 0 or a
 * negative code with err set.
 */
int cap_list_ifaces(char *err, int netfd, struct hx_buf *out);

#endif
