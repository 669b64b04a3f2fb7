/* spawn.h: commands forked by a single-threaded spawner process, so that no child ever holds a socket or capture of dumplab's. */
#ifndef NS_SPAWN_H
#define NS_SPAWN_H

#include <sys/types.h>

/*
 * Why a spawner. A child forked by dumplab holds every fd and every mapping
 * of the process until it execs (close-on-exec acts only then), and fds
 * that are not close-on-exec (libpcap opens its packet socket and eventfd
 * without it) for its whole life. Scenarios run as threads of one process,
 * so a command forked for one scenario held the sockets of the others:
 * their TCP close sent no FIN until the child let go, and a capture's
 * packet socket kept its interface promiscuous after pcap_close. Under load
 * the child lets go late. No flag closes that window, so commands are not
 * forked by dumplab at all: ns_spawner_start forks, at boot, before any
 * socket, capture or thread exists, a small single-threaded process that
 * holds nothing of the scenarios', and every command is forked by it.
 *
 * The spawner runs each child in the requester's network and mount
 * namespaces and working directory (all passed as fds), with the stdio fds
 * the requester passes and nothing else: every other fd is closed on exec.
 * Each child has PR_SET_PDEATHSIG(SIGKILL) towards the spawner. The spawner
 * is the child subreaper of everything below it and reaps it all, so no
 * command and no daemon a command leaves ends as a zombie of dumplab. It
 * kills a child whose requester hangs up (a killed or cancelled caller),
 * and it dies with dumplab (PR_SET_PDEATHSIG, and the end of its socket),
 * killing and reaping everything it still has first.
 *
 * A process that never starts a spawner (one that runs a single capture,
 * `dumplab capture`) gets the same children forked by the calling thread.
 */

/*
 * Starts the spawner. Call once, from the main thread, before any socket,
 * capture or other thread exists (ns_boot does, after entering its user
 * namespace). Calling it again does nothing; in a process forked from the
 * one that started it, it starts one of its own (until then the fork uses
 * its parent's). At exit() the process that started it closes its end and
 * reaps it. Returns 0 or -errno with err set.
 */
int ns_spawner_start(char *err);
/* The spawner's pid, or 0 when this process has none. */
pid_t ns_spawner_pid(void);

/* Credentials a child switches to before exec (-Z USER). */
struct ns_ids {
	uid_t uid;
	gid_t gid;
	const gid_t *groups;
	int ngroups;
};

/* What to run and how. Strings and arrays are copied by ns_child_start. */
struct ns_spawn {
	const char *path;	  /* the program, as execve(2) takes it */
	char *const *argv;
	char *const *envp;	  /* NULL: environ */
	int netfd;		  /* network namespace; -1: the calling thread's */
	const char *dir;	  /* working directory; NULL: the caller's */
	int fd[3];		  /* stdin, stdout, stderr; -1: /dev/null */
	int own_pgrp;		  /* a process group of its own */
	int nice;		  /* > 0: that niceness (setpriority) */
	const struct ns_ids *ids; /* NULL: the spawner's (dumplab's) ids;
				   * else switched to, unless the child's
				   * effective uid is ids->uid already */
};

struct ns_child;

/*
 * Starts sp and returns once the program runs (its exec succeeded). Returns
 * 0, or -errno when it could not start: err then says which step failed
 * when it was not the exec ("entering the network namespace: ...") or is
 * the errno's text. Any thread. The caller owns *out: ns_child_free.
 */
int ns_child_start(char *err, const struct ns_spawn *sp,
		   struct ns_child **out);
pid_t ns_child_pid(const struct ns_child *c);
/* Readable (POLLIN) once the child has ended. */
int ns_child_fd(const struct ns_child *c);
/* Sends sig to the child unless it has ended (by pidfd: never another
 * process). 0 or -errno. */
int ns_child_kill(struct ns_child *c, int sig);
/*
 * Waits at most timeout_ms (-1: no limit) for the child to end. Returns 0
 * with *status as waitpid(2) gives it (may be NULL), -ETIMEDOUT, or -EPIPE
 * when the spawner died (the child died with it).
 */
int ns_child_wait(struct ns_child *c, int timeout_ms, int *status);
/* Kills (SIGKILL) a child still running and waits for its end, then frees.
 * Accepts NULL. */
void ns_child_free(struct ns_child *c);

#endif
