/* user.h: -Z USER: resolving a user, checking the switch can work here, dropping to it. */
#ifndef CAP_USER_H
#define CAP_USER_H

#include <sys/types.h>

/*
 * A user resolved up front (getpwnam_r, getgrouplist), so that nothing
 * reads /etc/passwd or /etc/group once the capture runs. Owned by the
 * caller: cap_user_release frees it.
 */
struct cap_user {
	char *name;
	uid_t uid;
	gid_t gid;	 /* the primary group */
	gid_t *groups;	 /* every group of the user, the primary included */
	int ngroups;
};

/*
 * Fills u for the user called name (a name only, as tcpdump's -Z: no
 * numbers). Returns 0, -ENOENT ("unknown user 'bob'") or -ENOMEM/-errno.
 */
int cap_user_resolve(char *err, const char *name, struct cap_user *u);
void cap_user_release(struct cap_user *u); /* accepts NULL */

/*
 * Whether the calling thread can switch to u, without changing anything:
 * 0 when it can (or when it already runs as u and needs no switch), else
 * -EPERM with err saying why: no CAP_SETUID/CAP_SETGID ("needs root"), a
 * user namespace that maps only one uid (dumplab's rootless mode: the
 * message says so), u's uid or gid not mapped here, or setgroups denied.
 * Reads /proc/thread-self/status, /proc/self/uid_map, gid_map, setgroups.
 */
int cap_user_check(char *err, const struct cap_user *u);

/*
 * How far a drop reaches. CAP_DROP_PROCESS: every thread of the process
 * (glibc's setgroups/setresgid/setresuid signal all threads), what
 * `dumplab capture` wants. CAP_DROP_THREAD: only the calling thread (raw
 * system calls: the kernel keeps credentials per thread), for a capture
 * thread inside a process whose other threads must stay privileged (the
 * scenario runner); commands it starts must then drop themselves
 * (cap_user_become_raw in the child).
 */
enum { CAP_DROP_PROCESS = 0, CAP_DROP_THREAD = 1 };

/*
 * Switches to u: supplementary groups, then gid, then uid (real, effective
 * and saved: there is no way back). Checks with cap_user_check first, so a
 * switch that cannot work fails with its clear message and changes
 * nothing. A no-op when the thread runs as u already and has no privilege
 * to set groups. Returns 0 or a negative errno with err set.
 */
int cap_user_drop(char *err, const struct cap_user *u, int scope);

/*
 * For a child between fork and exec: the same switch with raw system
 * calls only (async-signal-safe), for this thread. Does nothing when the
 * thread's effective uid is u's already. Returns 0 or -errno.
 */
int cap_user_become_raw(const struct cap_user *u);

/*
 * access(2) as u would be judged (u NULL: as the calling thread's
 * effective ids). For another user a short-lived thread switches (its own
 * credentials only) and asks, so the kernel's own rules (ACLs, read-only
 * mounts) decide. No fork: a child would hold the process's sockets.
 * Returns 0 or -errno (-EACCES, -ENOENT ...).
 */
int cap_user_access(const struct cap_user *u, const char *path, int mode);

#endif
