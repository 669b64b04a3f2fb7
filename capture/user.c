/* user.c: -Z USER: resolve a user up front, check the switch can work, drop to it. */
#define _GNU_SOURCE
#include "capture/user.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness/hx.h"

/* Capability numbers of linux/capability.h. */
#define CAP_BIT_SETGID 6
#define CAP_BIT_SETUID 7

int cap_user_resolve(char *err, const char *name, struct cap_user *u)
{
	struct passwd pw, *res = NULL;
	size_t len = 16384;
	char *buf = NULL;
	int n, rc;

	memset(u, 0, sizeof(*u));
	for (;;) {
		char *nb = realloc(buf, len);

		if (!nb) {
			rc = hx_err(err, -ENOMEM, "cannot look up user '%s': %s",
				    name, strerror(ENOMEM));
			goto fail;
		}
		buf = nb;
		rc = getpwnam_r(name, &pw, buf, len, &res);
		if (rc != ERANGE || len > (1u << 24))
			break;
		len *= 2;
	}
	if (rc) {
		rc = hx_err(err, -rc, "cannot look up user '%s': %s", name,
			    strerror(rc));
		goto fail;
	}
	if (!res) {
		rc = hx_err(err, -ENOENT, "unknown user '%s'", name);
		goto fail;
	}
	u->uid = pw.pw_uid;
	u->gid = pw.pw_gid;
	u->name = strdup(pw.pw_name);
	if (!u->name) {
		rc = hx_err(err, -ENOMEM, "cannot look up user '%s': %s", name,
			    strerror(ENOMEM));
		goto fail;
	}
	/* getgrouplist says how many it needs when the array is short. */
	n = 16;
	for (;;) {
		gid_t *g = realloc(u->groups, (size_t)n * sizeof(*g));
		int want = n;

		if (!g) {
			rc = hx_err(err, -ENOMEM,
				    "cannot list the groups of user '%s': %s",
				    name, strerror(ENOMEM));
			goto fail;
		}
		u->groups = g;
		if (getgrouplist(u->name, u->gid, u->groups, &want) >= 0) {
			u->ngroups = want;
			break;
		}
		if (want <= n || want > 65536) {
			rc = hx_err(err, -EINVAL,
				    "cannot list the groups of user '%s'", name);
			goto fail;
		}
		n = want;
	}
	free(buf);
	return 0;
fail:
	free(buf);
	cap_user_release(u);
	return rc;
}

void cap_user_release(struct cap_user *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->groups);
	u->name = NULL;
	u->groups = NULL;
	u->ngroups = 0;
}

/* The calling thread's effective capability set, or 0 when unreadable. */
static unsigned long long cap_eff(void)
{
	unsigned long long v = 0;
	char line[256];
	FILE *f = fopen("/proc/thread-self/status", "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &v) == 1)
			break;
	fclose(f);
	return v;
}

struct idmap {
	int lines;
	unsigned long long total; /* ids mapped */
	unsigned long first_inside, first_outside;
};

/*
 * Whether id is mapped by /proc/self/{uid,gid}_map (the user namespace
 * this process lives in): 1, 0, or -errno when the file cannot be read.
 */
static int id_mapped(const char *file, unsigned long id, struct idmap *m)
{
	unsigned long in, out, count;
	int found = 0;
	FILE *f = fopen(file, "re");

	memset(m, 0, sizeof(*m));
	if (!f)
		return -errno;
	while (fscanf(f, "%lu %lu %lu", &in, &out, &count) == 3) {
		if (m->lines++ == 0) {
			m->first_inside = in;
			m->first_outside = out;
		}
		m->total += count;
		if (id >= in && id - in < count)
			found = 1;
	}
	fclose(f);
	return found;
}

/* 1 when /proc/self/setgroups says "deny" (a user namespace's rule). */
static int setgroups_denied(void)
{
	char buf[16] = "";
	int fd = open("/proc/self/setgroups", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 && !strncmp(buf, "deny", 4);
}

static int check_map(char *err, const struct cap_user *u, const char *file,
		     const char *what, unsigned long id)
{
	struct idmap m;
	int r = id_mapped(file, id, &m);

	if (r < 0)
		return hx_err(err, r, "cannot read '%s': %s", file,
			      strerror(-r));
	if (r)
		return 0;
	if (m.lines == 1 && m.total == 1)
		return hx_err(err, -EPERM,
			      "cannot switch to user '%s' (%s %lu): this user "
			      "namespace maps only one %s (%lu here is %lu "
			      "outside: dumplab runs rootless); -Z needs real "
			      "root",
			      u->name, what, id, what, m.first_inside,
			      m.first_outside);
	return hx_err(err, -EPERM,
		      "cannot switch to user '%s': %s %lu is not mapped in "
		      "this user namespace (%s)",
		      u->name, what, id, file);
}

/* Whether the thread runs as u already (effective uid and gid). */
static int is_already(const struct cap_user *u)
{
	return geteuid() == u->uid && getegid() == u->gid;
}

static int privileged(void)
{
	unsigned long long eff = cap_eff();

	return (eff >> CAP_BIT_SETUID & 1) && (eff >> CAP_BIT_SETGID & 1);
}

int cap_user_check(char *err, const struct cap_user *u)
{
	int i, rc;

	if (!privileged()) {
		if (is_already(u))
			return 0;
		return hx_err(err, -EPERM,
			      "cannot switch to user '%s' (uid %lu): that needs "
			      "root (CAP_SETUID and CAP_SETGID), and dumplab "
			      "runs as uid %lu",
			      u->name, (unsigned long)u->uid,
			      (unsigned long)geteuid());
	}
	rc = check_map(err, u, "/proc/self/uid_map", "uid", u->uid);
	if (rc < 0)
		return rc;
	rc = check_map(err, u, "/proc/self/gid_map", "gid", u->gid);
	if (rc < 0)
		return rc;
	if (setgroups_denied()) {
		if (is_already(u))
			return 0;
		return hx_err(err, -EPERM,
			      "cannot switch to user '%s': setgroups is denied "
			      "in this user namespace, so the groups of uid %lu "
			      "would be kept",
			      u->name, (unsigned long)geteuid());
	}
	for (i = 0; i < u->ngroups; i++) {
		rc = check_map(err, u, "/proc/self/gid_map", "gid",
			       u->groups[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int cap_user_become_raw(const struct cap_user *u)
{
	if ((uid_t)syscall(SYS_geteuid) == u->uid)
		return 0;
	if (syscall(SYS_setgroups, (size_t)u->ngroups, u->groups) < 0 ||
	    syscall(SYS_setresgid, u->gid, u->gid, u->gid) < 0 ||
	    syscall(SYS_setresuid, u->uid, u->uid, u->uid) < 0)
		return -errno;
	return 0;
}

int cap_user_drop(char *err, const struct cap_user *u, int scope)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;
	int rc, skip_groups;
	const char *step;

	rc = cap_user_check(err, u);
	if (rc < 0)
		return rc;
	if (!privileged() && is_already(u))
		return 0;
	/* cap_user_check accepted a denied setgroups only for a no-op. */
	skip_groups = setgroups_denied();
	if (scope == CAP_DROP_THREAD) {
		step = "setgroups";
		if (!skip_groups &&
		    syscall(SYS_setgroups, (size_t)u->ngroups, u->groups) < 0)
			goto fail;
		step = "setresgid";
		if (syscall(SYS_setresgid, u->gid, u->gid, u->gid) < 0)
			goto fail;
		step = "setresuid";
		if (syscall(SYS_setresuid, u->uid, u->uid, u->uid) < 0)
			goto fail;
	} else {
		step = "setgroups";
		if (!skip_groups && setgroups((size_t)u->ngroups, u->groups) < 0)
			goto fail;
		step = "setresgid";
		if (setresgid(u->gid, u->gid, u->gid) < 0)
			goto fail;
		step = "setresuid";
		if (setresuid(u->uid, u->uid, u->uid) < 0)
			goto fail;
	}
	step = "getresuid";
	if (getresuid(&ru, &eu, &su) < 0)
		goto fail;
	step = "getresgid";
	if (getresgid(&rg, &eg, &sg) < 0)
		goto fail;
	if (ru != u->uid || eu != u->uid || su != u->uid || rg != u->gid ||
	    eg != u->gid || sg != u->gid)
		return hx_err(err, -EPERM,
			      "switch to user '%s' (uid %lu, gid %lu) did not "
			      "take: running as uid %lu gid %lu",
			      u->name, (unsigned long)u->uid,
			      (unsigned long)u->gid, (unsigned long)eu,
			      (unsigned long)eg);
	return 0;
fail:
	rc = -errno;
	return hx_err(err, rc,
		      "cannot switch to user '%s' (uid %lu, gid %lu): %s: %s",
		      u->name, (unsigned long)u->uid, (unsigned long)u->gid,
		      step, strerror(-rc));
}

struct access_job {
	const struct cap_user *u;
	const char *path;
	int mode, rc;
};

/* A thread of its own: raw set*id calls change only its credentials,
 * which end with it. */
static void *access_main(void *arg)
{
	struct access_job *j = arg;

	j->rc = cap_user_become_raw(j->u);
	if (j->rc == 0 && access(j->path, j->mode) < 0)
		j->rc = -errno;
	return NULL;
}

int cap_user_access(const struct cap_user *u, const char *path, int mode)
{
	struct access_job j = { u, path, mode, 0 };
	sigset_t all, old;
	pthread_t t;
	int rc;

	if (!u || is_already(u) || !privileged())
		return faccessat(AT_FDCWD, path, mode, AT_EACCESS) < 0 ? -errno
									: 0;
	/* Not a fork: a child of this process would hold every socket of
	 * its other threads until it exits. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&t, NULL, access_main, &j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return -rc;
	pthread_join(t, NULL);
	return j.rc;
}
