/* lab.h: the parts of `dumplab lab`: its state directory, the holder that keeps a lab up, the check of a person's savefiles. */
#ifndef HX_LAB_H
#define HX_LAB_H

#include <limits.h>
#include <sys/types.h>

#include "harness/hx.h"
#include "harness/sc.h"

/*
 * One lab per user, in one state directory (docs/lab.md):
 * $XDG_RUNTIME_DIR/dumplab-lab when that directory is the user's own, else
 * ${TMPDIR:-/tmp}/dumplab-lab-UID. It holds:
 *   lock   flock()ed by the holder for as long as it lives: a lock that can
 *          be taken means no holder, whatever the other files say;
 *   info   the lab's name, scenario file, holder pid (outer PID namespace);
 *   sock   the holder's socket (SOCK_SEQPACKET): one request a connection;
 *   hosts  the lab's /etc/hosts; bashrc, the shells' prompt; tmux, the
 *          socket of `lab NAME`'s tmux server;
 *   work/  the lab's directory: every shell starts there, the scenario's
 *          files are there, and so are the person's `tcpdump -w` files.
 */
struct lab_paths {
	char dir[PATH_MAX - 32];
	char lock[PATH_MAX], info[PATH_MAX], sock[PATH_MAX], hosts[PATH_MAX];
	char bashrc[PATH_MAX], tmux[PATH_MAX], work[PATH_MAX];
};

struct lab_info {
	char name[64];
	char scenario[PATH_MAX];
	pid_t pid;
};

/* Copies src into dst (len bytes with the NUL), cut when it must be. */
static inline void lab_copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Fills p for this user. 0 or a negative code with err (a path too long). */
int lab_paths_get(char *err, struct lab_paths *p);

/*
 * Creates the state directory (0700; an existing one must be the user's
 * own, not a link) and takes its lock without waiting. Returns 0 with
 * *fd the lock (close-on-exec), -EBUSY when a holder has it (a lab is up,
 * or starting), or another negative code with err.
 */
int lab_lock(char *err, const struct lab_paths *p, int *fd);

/* Reads info; 0, or -ENOENT when there is none (no lab), -EINVAL. */
int lab_info_read(const struct lab_paths *p, struct lab_info *in);

/* Removes everything in the state directory but the lock, then the
 * directory itself when lock_too (the caller holds the lock). */
void lab_clean(const struct lab_paths *p, int lock_too);

/*
 * For the commands that need a lab up: the lab's info and a connection to
 * its holder. When none is up, or the holder is gone (its state is then
 * cleaned), prints one line saying so on stderr, prefixed with who, and
 * returns -1; else 0.
 */
int lab_open(const char *who, const struct lab_paths *p, struct lab_info *in,
	     int *sock);

/*
 * Sends req on the holder connection sock and reads its one reply: 0 with
 * the text in *reply (ok) and at most *nfds received fds in fds (their
 * number in *nfds), 1 with the holder's error text in *reply, or a
 * negative code with err.
 */
int lab_ask(char *err, int sock, const char *req, struct hx_buf *reply,
	    int *fds, int *nfds);

struct ns_hold_fds;

/*
 * Asks the holder of the lab that is up for the namespaces of host (its
 * network, and the lab's user, mount and PID ones), in *f (close with
 * ns_hold_fds_close), and the lab's directory in work (len bytes). 0, or
 * -1 after printing one line on stderr prefixed with who (no lab, an
 * unknown host: the holder's message names the lab's hosts).
 */
int lab_enter_fds(const char *who, const struct lab_paths *p, const char *host,
		  struct lab_info *in, struct ns_hold_fds *f, char *work, size_t len);

/* What the holder runs (lab-hold.c). */
struct lab_hold_cfg {
	const struct sc_scenario *sc;
	const char *scenario;	/* its file */
	const struct lab_paths *paths;
	size_t hold_at;		/* steps run before the lab is handed over */
	int status_fd;		/* "ok\n" or "error: ...\n" for `up` */
	int lock_fd;		/* kept open for the holder's life */
};

/* The holder, the PID namespace's init: never returns. */
void lab_hold_main(const struct lab_hold_cfg *c) __attribute__((noreturn));

/* The host table of the lab: localhost, then each host's addresses and
 * the scenario's `name` lines, as /etc/hosts takes them. */
void lab_hosts_text(const struct sc_scenario *sc, struct hx_buf *out);

/* `dumplab lab check` (lab-check.c): the exit code. */
int lab_check(const struct lab_paths *p, const struct lab_info *in,
	      char **args, int nargs);

#endif
