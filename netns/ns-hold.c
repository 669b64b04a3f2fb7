/* ns-hold.c: a lab holder's namespaces (user, mount, PID, network) and a client joining them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>

#include "harness/hx.h"
#include "netns/hold.h"
#include "netns/ns-int.h"

/* The highest capability this kernel knows (CAP_LAST_CAP of its build). */
static int last_cap(void)
{
	char b[16] = "";
	int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return CAP_LAST_CAP;
	n = read(fd, b, sizeof(b) - 1);
	close(fd);
	return n > 0 ? atoi(b) : CAP_LAST_CAP;
}

/*
 * Every permitted capability made inheritable, then ambient: a program
 * exec'ed with a non-zero uid keeps them (capabilities(7), "Ambient").
 */
static int caps_ambient(char *err)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int c, last = last_cap();

	if (syscall(SYS_capget, &h, d) < 0)
		return hx_err(err, -errno, "cannot read the capabilities: %s",
			      strerrordesc_np(errno));
	d[0].inheritable = d[0].permitted;
	d[1].inheritable = d[1].permitted;
	if (syscall(SYS_capset, &h, d) < 0)
		return hx_err(err, -errno, "cannot set the capabilities: %s",
			      strerrordesc_np(errno));
	for (c = 0; c <= last; c++) {
		unsigned perm = c < 32 ? d[0].permitted : d[1].permitted;

		if (!(perm & (1u << (c % 32))))
			continue;
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0)
			return hx_err(err, -errno,
				      "cannot make capability %d ambient: %s", c,
				      strerrordesc_np(errno));
	}
	return 0;
}

int ns_hold_unshare(char *err)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET, rc;
	char map[64];

	if (uid != 0)
		flags |= CLONE_NEWUSER;
	if (unshare(flags) < 0) {
		rc = -errno;
		return hx_err(err, rc, "cannot create the lab's namespaces: %s%s",
			      strerrordesc_np(-rc),
			      uid && (rc == -EPERM || rc == -ENOSPC)
			      ? " (unprivileged user namespaces are off)" : "");
	}
	if (uid == 0)
		return 0;
	/* An unprivileged writer maps only itself, after denying setgroups:
	 * the person stays who they are inside. */
	if ((rc = ns_write_text(err, "/proc/self/setgroups", "deny")) < 0)
		return rc;
	snprintf(map, sizeof(map), "%u %u 1", (unsigned)uid, (unsigned)uid);
	if ((rc = ns_write_text(err, "/proc/self/uid_map", map)) < 0)
		return rc;
	snprintf(map, sizeof(map), "%u %u 1", (unsigned)gid, (unsigned)gid);
	if ((rc = ns_write_text(err, "/proc/self/gid_map", map)) < 0)
		return rc;
	return caps_ambient(err);
}

int ns_hold_mounts(char *err, const char *hosts_file, int *proc_ok)
{
	*proc_ok = 0;
	/* A slave of the machine's mounts: nothing done here goes back. */
	if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0)
		return hx_err(err, -errno, "cannot make the lab's mounts private: %s",
			      strerrordesc_np(errno));
	if (mount(hosts_file, "/etc/hosts", NULL, MS_BIND, NULL) < 0)
		return hx_err(err, -errno, "cannot mount '%s' on /etc/hosts: %s",
			      hosts_file, strerrordesc_np(errno));
	/* ps, ss -p and kill see the lab's processes only. A kernel that
	 * finds /proc partly hidden (some containers) refuses: keep its. */
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL) < 0)
		hx_err(err, -errno, "cannot mount the lab's /proc: %s",
		       strerrordesc_np(errno));
	else
		*proc_ok = 1;
	return 0;
}

void ns_hold_fds_close(struct ns_hold_fds *f)
{
	int *v[4] = { &f->user, &f->mnt, &f->pid, &f->net };
	int i;

	for (i = 0; i < 4; i++) {
		if (*v[i] >= 0)
			close(*v[i]);
		*v[i] = -1;
	}
}

int ns_hold_fds_open(char *err, int netfd, struct ns_hold_fds *out)
{
	static const char *const names[3] = { "user", "mnt", "pid" };
	int *v[3] = { &out->user, &out->mnt, &out->pid };
	char path[64];
	int i;

	out->user = out->mnt = out->pid = out->net = -1;
	for (i = 0; i < 3; i++) {
		/* Root's lab has no user namespace of its own; a rootless
		 * holder keeps the person's uid, never 0. */
		if (i == 0 && geteuid() == 0)
			continue;
		/* The holder is the PID namespace's init: its own is the lab's. */
		snprintf(path, sizeof(path), "/proc/self/ns/%s", names[i]);
		*v[i] = open(path, O_RDONLY | O_CLOEXEC);
		if (*v[i] < 0) {
			int rc = hx_err(err, -errno, "cannot open '%s': %s", path,
					strerrordesc_np(errno));

			ns_hold_fds_close(out);
			return rc;
		}
	}
	out->net = fcntl(netfd, F_DUPFD_CLOEXEC, 3);
	if (out->net < 0) {
		int rc = hx_err(err, -errno, "cannot duplicate a host's fd: %s",
				strerrordesc_np(errno));

		ns_hold_fds_close(out);
		return rc;
	}
	return 0;
}

int ns_hold_join(char *err, const struct ns_hold_fds *f)
{
	static const struct {
		int nstype;
		const char *what;
	} order[4] = {
		{ CLONE_NEWUSER, "user" },
		{ CLONE_NEWNS, "mount" },
		{ CLONE_NEWPID, "PID" },
		{ CLONE_NEWNET, "network" },
	};
	const int fds[4] = { f->user, f->mnt, f->pid, f->net };
	int i;

	for (i = 0; i < 4; i++) {
		if (fds[i] < 0)
			continue;
		if (setns(fds[i], order[i].nstype) < 0)
			return hx_err(err, -errno,
				      "cannot enter the lab's %s namespace: %s",
				      order[i].what, strerrordesc_np(errno));
	}
	return f->user >= 0 ? caps_ambient(err) : 0;
}
