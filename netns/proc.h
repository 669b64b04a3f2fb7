/* proc.h: background programs in a host: started by the spawner, their stdout and stderr kept, readiness by text, signals, exit. */
#ifndef NS_PROC_H
#define NS_PROC_H

#include <stddef.h>

#include "harness/hx.h"

struct ns_host;

/*
 * A program that runs in a host while the caller goes on (a scenario's
 * `start`): the real tcpdump, a capture agent, a daemon. It is forked by
 * the spawner (netns/spawn.h), so it holds none of dumplab's sockets; it
 * has stdin /dev/null and two pipes of its own for stdout and stderr. A
 * thread of the proc reads both pipes for the program's whole life (the
 * program never blocks on a full pipe; at most NS_PROC_OUT_MAX bytes of
 * each are kept) and notices its exit. Readiness is text, never a sleep:
 * ns_proc_await returns once the program has printed a string.
 *
 * One owner thread calls everything below; the proc's own thread only
 * reads and reaps. ns_proc_free kills a program still running (SIGKILL):
 * the program dies with its scenario.
 */

#define NS_PROC_OUT_MAX (4 << 20)

enum ns_proc_stream { NS_PROC_STDOUT = 0, NS_PROC_STDERR = 1 };

struct ns_proc;

/*
 * Starts argv (argv[0] looked up as ns_run does; no shell unless argv[0]
 * is one) in host h, in directory dir (NULL: the caller's). name names it
 * in messages. Returns once the program runs (its exec succeeded), or a
 * negative code with err saying why and nothing left running: a program
 * that does not exist is -ENOENT, "cannot start 'x' in host 'a': No such
 * file or directory".
 */
int ns_proc_start(char *err, const char *name, struct ns_host *h,
		  const char *dir, char *const argv[], struct ns_proc **out);

/* Sends sig unless the program has ended (by pidfd: never another
 * process). 0, or -errno with err set. */
int ns_proc_signal(char *err, struct ns_proc *p, int sig);

/*
 * Waits at most timeout_ms (< 0: no limit) for the program to end, and for
 * its output up to then. Returns 0, -ETIMEDOUT (err says so), or
 * -ECANCELED once cancel_fd (-1: none) is readable.
 */
int ns_proc_wait(char *err, struct ns_proc *p, int timeout_ms, int cancel_fd);

/*
 * Waits until the program has printed text (on stdout or stderr) after
 * what an earlier await matched, so that each await waits for a later
 * line. Returns 0; -ETIMEDOUT; -ESRCH when the program ended without
 * printing it (err then quotes the first line of its stderr); -ECANCELED
 * as above.
 */
int ns_proc_await(char *err, struct ns_proc *p, const char *text,
		  int timeout_ms, int cancel_fd);

/* 1 when the program has ended, with *status as waitpid(2) gives it
 * (status may be NULL); 0 while it runs. */
int ns_proc_ended(struct ns_proc *p, int *status);

/*
 * A copy of what the program has printed on stream so far (the caller
 * releases out; NUL-terminated, bytes may contain NULs). Once it ended
 * and ns_proc_wait returned, this is all of it.
 */
void ns_proc_output(struct ns_proc *p, enum ns_proc_stream stream,
		    struct hx_buf *out);

const char *ns_proc_name(const struct ns_proc *p);
int ns_proc_pid(const struct ns_proc *p);

/* Kills (SIGKILL) a program still running, waits for it, joins the
 * reader, frees. Accepts NULL. */
void ns_proc_free(struct ns_proc *p);

/*
 * A signal by name: "INT", "SIGINT", "int", or a number "2". Returns the
 * signal, or -EINVAL for an unknown name. ns_signame gives "INT" back.
 */
int ns_signum(const char *name);
const char *ns_signame(int sig);

#endif
