/* hold.h: the namespaces that keep a lab up for a person (dumplab lab): a holder process, and joining it. */
#ifndef NS_HOLD_H
#define NS_HOLD_H

/*
 * A lab kept up by hand lives in namespaces of its own, made by one holder
 * process (harness/lab-hold.c):
 *
 * - a PID namespace, whose init the holder is: when the holder dies, by
 *   `lab down` or SIGKILL, the kernel kills every process in it (the
 *   shells and whatever the person started in them), so nothing outlives
 *   the lab, and the hosts' network namespaces (held by the holder's fds
 *   and by those processes) go with them;
 * - a mount namespace, every mount a slave of the machine's (nothing
 *   propagates back), with the lab's host table bind-mounted on
 *   /etc/hosts and a /proc of the lab's PID namespace: each host sees the
 *   lab's names, the machine's /etc/hosts is never written;
 * - a network namespace for the holder itself, so that nothing run there
 *   by mistake touches the machine's network;
 * - without root, a user namespace that maps the caller's uid and gid to
 *   themselves (setgroups denied), with every capability made ambient, so
 *   that the programs a person runs there keep CAP_NET_ADMIN and
 *   CAP_NET_RAW across exec although their uid is not 0: tcpdump then
 *   never tries to drop to user `tcpdump` (which this namespace cannot
 *   map), iptables, ping, `nc -l 80` work, and the files they write are
 *   the person's own.
 */

/* The namespaces of a lab a client joins, as fds (-1: not there). */
struct ns_hold_fds {
	int user; /* -1 when the lab was made by root */
	int mnt, pid, net;
};

/*
 * In the process that becomes the holder's parent: moves it into new
 * mount, PID and network namespaces (and first a user namespace when not
 * root, mapped as said above). Its next child is the PID namespace's init:
 * the holder. Single-threaded callers only. 0 or a negative code with err.
 */
int ns_hold_unshare(char *err);

/*
 * In the holder (the PID namespace's init), before anything else: makes
 * every mount a slave, mounts the PID namespace's /proc (when the kernel
 * refuses, the machine's stays; err says why and 0 is returned with
 * *proc_ok 0), and bind-mounts hosts_file on /etc/hosts. 0 or a negative
 * code with err.
 */
int ns_hold_mounts(char *err, const char *hosts_file, int *proc_ok);

/* The holder's own namespaces (user: only when it has one of its own), and
 * net as given: the host a client asks for. Each fd is opened here, close
 * them with ns_hold_fds_close. */
int ns_hold_fds_open(char *err, int netfd, struct ns_hold_fds *out);
void ns_hold_fds_close(struct ns_hold_fds *f);

/*
 * In a client (single-threaded): joins a lab's namespaces, the user one
 * first, then mount, PID (for the children to come: fork next) and
 * network, and makes every capability it then has ambient, so that a
 * program it execs keeps them. The working directory is reset by the
 * mount namespace: chdir afterwards. 0 or a negative code with err.
 */
int ns_hold_join(char *err, const struct ns_hold_fds *f);

#endif
