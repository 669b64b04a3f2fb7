/* cmdq.h: the post-rotate (-z) command: resolved up front, run per closed file off the capture thread. */
#ifndef CAP_CMDQ_H
#define CAP_CMDQ_H

#include "capture/user.h"

/*
 * Where a non-fatal problem goes, as one line without a trailing newline
 * ("post-rotate command 'gzip' for 'f1' exited with status 1"). The
 * caller's; NULL means a line on stderr. May be called from the queue's
 * own thread: it must be thread-safe (one write(2) or fprintf is).
 */
typedef void cap_report_fn(void *arg, const char *line);

/*
 * Finds the program -z names, as execvp would but once, up front: cmd
 * itself when it holds a '/', else the first regular file called cmd in
 * $PATH (default "/usr/local/bin:/usr/bin:/bin") that u (NULL: the caller)
 * may execute. Sets *path (malloc'ed, the caller frees). Returns 0, or
 * -ENOENT ("command 'x' not found in PATH", "command './x' does not
 * exist"), -EACCES ("command './x' is not executable by user 'tcpdump'"),
 * or another -errno, with err set.
 */
int cap_cmd_resolve(char *err, const char *cmd, const struct cap_user *u,
		    char **path);

struct cap_cmdq;

/*
 * A queue that runs `cmd FILE` (argv[0] is cmd as given, argv[1] the
 * file; execv of path, never a shell) for each submitted file, one at a
 * time and in order, from a thread of its own, so that the capture never
 * waits and two prune scripts never race. The spawner forks each child
 * when the process has one (netns/spawn.h), so that it holds no socket of
 * the process; else that thread forks it. Each child: its own process
 * group (a Ctrl-C meant for dumplab does not kill it mid-file), stdin
 * /dev/null, default signal dispositions and mask, nice 10, every
 * inherited fd closed on exec, and, when u is given, the credentials of u
 * (a no-op when the process dropped to u already). Every child is reaped.
 * A failure (cannot exec, non-zero exit, killed by a signal) goes to
 * report as one line and is never fatal. The queue waits for its own
 * children by pid: the process must not reap children it did not start
 * (no wait(-1) in a SIGCHLD handler, no SIGCHLD set to SIG_IGN). cmd, path and u are copied or
 * must outlive the queue (u: must outlive it).
 */
int cap_cmdq_new(char *err, const char *cmd, const char *path,
		 const struct cap_user *u, cap_report_fn *report,
		 void *report_arg, struct cap_cmdq **out);

/*
 * Queues one file (copied). Never blocks on the command. Returns 0, or
 * -ENOMEM after reporting that the command was not run for that file.
 * Any thread.
 */
int cap_cmdq_submit(struct cap_cmdq *q, const char *file);

/*
 * Waits until every submitted command has finished, at most timeout_ms
 * (-1: no limit). Returns 0 or -ETIMEDOUT.
 */
int cap_cmdq_wait(struct cap_cmdq *q, int timeout_ms);

/* How many commands ran to completion (any outcome), and how many failed. */
void cap_cmdq_counts(struct cap_cmdq *q, unsigned *done, unsigned *failed);

/*
 * Waits for every queued and running command (the last file's included),
 * then frees. Accepts NULL.
 */
void cap_cmdq_free(struct cap_cmdq *q);

#endif
