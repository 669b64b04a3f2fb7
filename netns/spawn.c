/* spawn.c: the spawner: a single-threaded process that forks, sets up and reaps every command dumplab runs. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/hx.h"
#include "netns/spawn.h"

extern char **environ;

/* A request with its strings (program, argv, environment) must fit. */
#define SP_REQ_MAX (256 * 1024)
#define SP_MAGIC 0x73706e31u /* "spn1" */

/* The fds a request carries, in this order, those present in fdmask. */
enum {
	SP_FD_CONN,	/* the requester's end of this child's conversation */
	SP_FD_NET,
	SP_FD_MNT,
	SP_FD_CWD,
	SP_FD_IN,
	SP_FD_OUT,
	SP_FD_ERR,
	SP_NFDS
};

enum { SP_F_PGRP = 1, SP_F_IDS = 2 };

struct sp_req {
	uint32_t magic;
	uint32_t fdmask;
	uint32_t flags;
	int32_t nice;
	uint32_t uid, gid, ngroups;
	uint32_t argc, envc;
	uint32_t slen; /* then ngroups gids, then path, argv, envp (NUL-ended) */
};

/* What the spawner tells a requester: started (with a pidfd), failed, exited. */
enum { SP_STARTED = 1, SP_FAILED, SP_EXITED };

struct sp_msg {
	int32_t type, pid, err, step, status;
};

/* The step of the child's set-up that failed, for the message. */
enum {
	ST_EXEC, ST_NET, ST_MNT, ST_CWD, ST_DEATHSIG, ST_PGRP, ST_NICE,
	ST_STDIO, ST_IDS, ST_NSTEPS
};

static const char *const step_names[ST_NSTEPS] = {
	[ST_EXEC] = NULL,
	[ST_NET] = "entering the network namespace",
	[ST_MNT] = "entering the mount namespace",
	[ST_CWD] = "changing to the working directory",
	[ST_DEATHSIG] = "setting the death signal",
	[ST_PGRP] = "making a process group",
	[ST_NICE] = "setting the niceness",
	[ST_STDIO] = "setting up stdin, stdout and stderr",
	[ST_IDS] = "switching user",
};

/* One process-wide spawner, set once by ns_spawner_start before threads. */
static int sp_ctl = -1;	/* the requesters' end, close-on-exec */
static pid_t sp_pid;	/* the spawner */
static pid_t sp_owner;	/* the process that started it (and reaps it) */

/* ---- the child, between fork and exec: async-signal-safe calls only ---- */

struct child_setup {
	const char *path;
	char *const *argv, *const *envp;
	int netfd, mntfd, cwdfd;	/* -1: none */
	const char *dir;		/* chdir when no cwdfd */
	int fd[3];			/* -1: /dev/null */
	int own_pgrp, nice;
	int has_ids;
	uid_t uid;
	gid_t gid;
	const gid_t *groups;
	int ngroups;
	pid_t parent;			/* the forking process */
	int errfd;			/* gets {errno, step} on failure */
};

static void __attribute__((noreturn)) child_fail(int errfd, int step)
{
	int32_t v[2] = { errno, step };

	if (write(errfd, v, sizeof(v)) < 0)
		_exit(127);
	_exit(127);
}

static void __attribute__((noreturn)) child_run(const struct child_setup *c)
{
	struct sigaction dfl;
	sigset_t none;
	int src[3], i, sig;

	/* Die with the forking thread, even by SIGKILL. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		child_fail(c->errfd, ST_DEATHSIG);
	if (getppid() != c->parent) /* it died before prctl */
		_exit(127);
	if (c->netfd >= 0 && setns(c->netfd, CLONE_NEWNET) < 0)
		child_fail(c->errfd, ST_NET);
	if (c->mntfd >= 0 && setns(c->mntfd, CLONE_NEWNS) < 0)
		child_fail(c->errfd, ST_MNT);
	if (c->cwdfd >= 0 ? fchdir(c->cwdfd) < 0 :
	    c->dir && chdir(c->dir) < 0)
		child_fail(c->errfd, ST_CWD);
	if (c->own_pgrp && setpgid(0, 0) < 0)
		child_fail(c->errfd, ST_PGRP);
	if (c->nice > 0 && setpriority(PRIO_PROCESS, 0, c->nice) < 0)
		child_fail(c->errfd, ST_NICE);
	/* Sources first moved above 2, so that no dup2 clobbers another. */
	for (i = 0; i < 3; i++) {
		src[i] = c->fd[i] >= 0 ? c->fd[i] :
			 open("/dev/null", i ? O_WRONLY : O_RDONLY);
		if (src[i] >= 0 && src[i] < 3)
			src[i] = fcntl(src[i], F_DUPFD, 3);
		if (src[i] < 0)
			child_fail(c->errfd, ST_STDIO);
	}
	for (i = 0; i < 3; i++)
		if (dup2(src[i], i) < 0)
			child_fail(c->errfd, ST_STDIO);
	/* Raw system calls: only this thread's credentials, no broadcast. */
	if (c->has_ids && (uid_t)syscall(SYS_geteuid) != c->uid &&
	    (syscall(SYS_setgroups, (size_t)c->ngroups, c->groups) < 0 ||
	     syscall(SYS_setresgid, c->gid, c->gid, c->gid) < 0 ||
	     syscall(SYS_setresuid, c->uid, c->uid, c->uid) < 0))
		child_fail(c->errfd, ST_IDS);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Nothing but stdio crosses the exec, whatever forgot O_CLOEXEC. */
	syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
	execve(c->path, c->argv, c->envp);
	child_fail(c->errfd, ST_EXEC);
}

static int fail_msg(char *err, int e, int step)
{
	if (step > ST_EXEC && step < ST_NSTEPS)
		return hx_err(err, -e, "%s: %s", step_names[step],
			      strerrordesc_np(e));
	return hx_err(err, -e, "%s", strerrordesc_np(e));
}

/* ---- the spawner process ------------------------------------------------ */

struct kid {
	pid_t pid;
	int pidfd;	/* opened at fork, before any reaping; -1 once sent */
	int conn;	/* -1 once answered for good or hung up */
	int errp;	/* the exec's report pipe, -1 once read */
};

struct spawner {
	int ctl, sigfd;
	dev_t mnt_dev;	/* the spawner's own mount namespace */
	ino_t mnt_ino;
	struct kid *kids;
	size_t n, cap;
	char *buf;	/* one request */
};

static int send_msg(int conn, const struct sp_msg *m, int fd)
{
	union {
		char b[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { (void *)m, sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (fd >= 0) {
		memset(&u, 0, sizeof(u));
		mh.msg_control = u.b;
		mh.msg_controllen = sizeof(u.b);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	return sendmsg(conn, &mh, MSG_NOSIGNAL | MSG_DONTWAIT) < 0 ? -errno : 0;
}

static void kid_close_conn(struct kid *k)
{
	if (k->conn >= 0)
		close(k->conn);
	k->conn = -1;
}

/* The exec's outcome (the report pipe is at EOF or has {errno, step}). */
static void kid_exec_done(struct kid *k)
{
	struct sp_msg m = { 0 };
	int32_t v[2];
	ssize_t r;

	do
		r = read(k->errp, v, sizeof(v));
	while (r < 0 && errno == EINTR);
	close(k->errp);
	k->errp = -1;
	if (k->conn >= 0) {
		m.pid = k->pid;
		if (r == (ssize_t)sizeof(v)) {
			m.type = SP_FAILED;
			m.err = v[0];
			m.step = v[1];
			send_msg(k->conn, &m, -1);
			kid_close_conn(k);
		} else {
			/* The pidfd stays valid after the child is reaped:
			 * a command may end before this is read. */
			m.type = SP_STARTED;
			if (send_msg(k->conn, &m, k->pidfd) < 0) {
				kill(k->pid, SIGKILL);
				kid_close_conn(k);
			}
		}
	}
	close(k->pidfd);
	k->pidfd = -1;
}

static void kid_reaped(struct spawner *s, size_t i, int status)
{
	struct kid *k = &s->kids[i];
	struct sp_msg m = { .type = SP_EXITED, .pid = k->pid, .status = status };

	if (k->errp >= 0)
		kid_exec_done(k);
	if (k->conn >= 0)
		send_msg(k->conn, &m, -1);
	kid_close_conn(k);
	if (k->pidfd >= 0)
		close(k->pidfd);
	s->kids[i] = s->kids[--s->n];
}

static void reap(struct spawner *s)
{
	pid_t pid;
	size_t i;
	int st;

	/* Our children and the orphans we adopted as their subreaper. */
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (i = 0; i < s->n && s->kids[i].pid != pid; i++)
			;
		if (i < s->n)
			kid_reaped(s, i, st);
	}
}

static void close_fds(int *fds, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* Every child we have, adopted orphans included, by /proc's list. */
static void kill_children(void)
{
	char path[64], buf[4096], *p, *e;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (p = buf; *p; p = e) {
		long pid = strtol(p, &e, 10);

		if (e == p)
			break;
		if (pid > 0)
			kill((pid_t)pid, SIGKILL);
	}
}

/* dumplab is gone: nothing of ours outlives it, and nothing stays a zombie. */
static void __attribute__((noreturn)) spawner_end(struct spawner *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		kill(s->kids[i].pid, SIGKILL);
	for (;;) {
		kill_children();
		if (waitpid(-1, NULL, 0) < 0 && errno == ECHILD)
			break;
	}
	_exit(0);
}

/* One request from the control socket: fork it. */
static void serve(struct spawner *s)
{
	union {
		char b[CMSG_SPACE(SP_NFDS * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { s->buf, SP_REQ_MAX };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = u.b, .msg_controllen = sizeof(u.b) };
	int got[SP_NFDS], fds[SP_NFDS], ngot = 0, ep[2], i, k;
	struct child_setup c;
	struct sp_req rq = { 0 };
	struct sp_msg m = { .type = SP_FAILED, .step = ST_EXEC };
	struct cmsghdr *cm;
	char **argv = NULL, **envp = NULL, *p, *end;
	struct stat st;
	ssize_t r;
	pid_t pid;

	for (i = 0; i < SP_NFDS; i++)
		fds[i] = -1;
	r = recvmsg(s->ctl, &mh, MSG_CMSG_CLOEXEC);
	if (r == 0)
		spawner_end(s); /* every dumplab process closed its end */
	if (r < 0)
		return;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
			int n = (int)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));

			for (i = 0; i < n && ngot < SP_NFDS; i++)
				memcpy(&got[ngot++], CMSG_DATA(cm) + i * sizeof(int),
				       sizeof(int));
		}
	memcpy(&rq, s->buf, (size_t)r < sizeof(rq) ? (size_t)r : sizeof(rq));
	if ((size_t)r < sizeof(rq) || rq.magic != SP_MAGIC ||
	    !(rq.fdmask & 1u << SP_FD_CONN) ||
	    (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC))) {
		/* Not ours, or cut: answer on the conversation if there is one. */
		if (ngot && r >= (ssize_t)sizeof(rq) && rq.magic == SP_MAGIC &&
		    (rq.fdmask & 1u << SP_FD_CONN)) {
			m.err = E2BIG;
			send_msg(got[0], &m, -1);
		}
		close_fds(got, ngot);
		return;
	}
	for (i = 0, k = 0; i < SP_NFDS; i++)
		if (rq.fdmask & 1u << i)
			fds[i] = k < ngot ? got[k++] : -1;
	for (; k < ngot; k++)
		close(got[k]);

	m.err = EINVAL;
	if (sizeof(rq) + (size_t)rq.ngroups * sizeof(gid_t) + rq.slen != (size_t)r ||
	    rq.slen == 0 || rq.argc == 0)
		goto refuse;
	p = s->buf + sizeof(rq) + rq.ngroups * sizeof(gid_t);
	end = p + rq.slen;
	if (end[-1] != '\0')
		goto refuse;
	m.err = ENOMEM;
	argv = calloc(rq.argc + 1, sizeof(*argv));
	envp = calloc(rq.envc + 1, sizeof(*envp));
	if (!argv || !envp)
		goto refuse;
	memset(&c, 0, sizeof(c));
	c.path = p;
	p += strlen(p) + 1;
	m.err = EINVAL;
	for (i = 0; i < (int)rq.argc; i++) {
		if (p >= end)
			goto refuse;
		argv[i] = p;
		p += strlen(p) + 1;
	}
	for (i = 0; i < (int)rq.envc; i++) {
		if (p >= end)
			goto refuse;
		envp[i] = p;
		p += strlen(p) + 1;
	}
	c.argv = argv;
	c.envp = envp;
	c.netfd = fds[SP_FD_NET];
	/* Enter the requester's mount namespace only when it is not ours. */
	c.mntfd = fds[SP_FD_MNT] >= 0 && fstat(fds[SP_FD_MNT], &st) == 0 &&
		  st.st_dev == s->mnt_dev && st.st_ino == s->mnt_ino ?
		  -1 : fds[SP_FD_MNT];
	c.cwdfd = fds[SP_FD_CWD];
	c.fd[0] = fds[SP_FD_IN];
	c.fd[1] = fds[SP_FD_OUT];
	c.fd[2] = fds[SP_FD_ERR];
	c.own_pgrp = !!(rq.flags & SP_F_PGRP);
	c.nice = rq.nice;
	if (rq.flags & SP_F_IDS) {
		c.has_ids = 1;
		c.uid = rq.uid;
		c.gid = rq.gid;
		c.groups = (const gid_t *)(s->buf + sizeof(rq));
		c.ngroups = (int)rq.ngroups;
	}
	c.parent = getpid();
	m.err = ENOMEM;
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 16;
		struct kid *v = realloc(s->kids, nc * sizeof(*v));

		if (!v)
			goto refuse;
		s->kids = v;
		s->cap = nc;
	}
	if (pipe2(ep, O_CLOEXEC | O_NONBLOCK) < 0) {
		m.err = errno;
		goto refuse;
	}
	c.errfd = ep[1];
	pid = fork();
	if (pid == 0)
		child_run(&c);
	close(ep[1]);
	if (pid < 0) {
		m.err = errno;
		close(ep[0]);
		goto refuse;
	}
	s->kids[s->n].pid = pid;
	/* Now, while it cannot have been reaped: a fast command may end and
	 * be reaped before its exec report is read. */
	s->kids[s->n].pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (s->kids[s->n].pidfd < 0) {
		m.err = errno;
		kill(pid, SIGKILL);
		close(ep[0]);
		goto refuse; /* reaped later, as an unknown child */
	}
	s->kids[s->n].conn = fds[SP_FD_CONN];
	s->kids[s->n].errp = ep[0];
	s->n++;
	fds[SP_FD_CONN] = -1;
	close_fds(fds, SP_NFDS);
	free(argv);
	free(envp);
	return;

refuse:
	send_msg(fds[SP_FD_CONN], &m, -1);
	close_fds(fds, SP_NFDS);
	free(argv);
	free(envp);
}

static void __attribute__((noreturn)) spawner_main(int ctl, pid_t parent)
{
	struct spawner s = { .ctl = ctl, .sigfd = -1 };
	struct pollfd *pf = NULL;
	struct signalfd_siginfo si;
	struct stat st;
	sigset_t all, want;
	size_t i, npf = 0, cap = 0;
	int fd;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	/* dumplab's death is our SIGTERM; a Ctrl-C for dumplab is not ours. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != parent)
		_exit(0);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	prctl(PR_SET_NAME, "dumplab-spawn");
	/* Keep stdio open (received fds then never land on 0..2), close
	 * every other fd that dumplab or its parent left us. */
	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			_exit(0);
	if (ctl > 3)
		syscall(SYS_close_range, 3U, (unsigned)ctl - 1, 0U);
	syscall(SYS_close_range, (unsigned)ctl + 1, ~0U, 0U);
	sigemptyset(&want);
	sigaddset(&want, SIGCHLD);
	sigaddset(&want, SIGTERM);
	sigaddset(&want, SIGHUP);
	s.sigfd = signalfd(-1, &want, SFD_CLOEXEC | SFD_NONBLOCK);
	s.buf = malloc(SP_REQ_MAX);
	if (s.sigfd < 0 || !s.buf || stat("/proc/self/ns/mnt", &st) < 0)
		_exit(0);
	s.mnt_dev = st.st_dev;
	s.mnt_ino = st.st_ino;
	for (;;) {
		if (cap < 2 + 2 * s.n) {
			struct pollfd *v = realloc(pf, (2 + 2 * s.n + 16) * sizeof(*v));

			if (!v)
				spawner_end(&s);
			pf = v;
			cap = 2 + 2 * s.n + 16;
		}
		pf[0] = (struct pollfd){ s.ctl, POLLIN, 0 };
		pf[1] = (struct pollfd){ s.sigfd, POLLIN, 0 };
		npf = 2;
		for (i = 0; i < s.n; i++) {
			/* A requester never writes after its request: any
			 * event on its conversation is its hang-up. */
			pf[npf++] = (struct pollfd){ s.kids[i].conn, POLLIN, 0 };
			pf[npf++] = (struct pollfd){ s.kids[i].errp, POLLIN, 0 };
		}
		if (poll(pf, npf, -1) < 0) {
			if (errno == EINTR)
				continue;
			spawner_end(&s);
		}
		/* Exec outcomes before exits, so that a requester hears
		 * "started" before "exited". */
		for (i = 0; i < s.n; i++)
			if (s.kids[i].errp >= 0 && pf[3 + 2 * i].revents)
				kid_exec_done(&s.kids[i]);
		for (i = 0; i < s.n; i++)
			if (s.kids[i].conn >= 0 && s.kids[i].conn == pf[2 + 2 * i].fd &&
			    pf[2 + 2 * i].revents) {
				kill(s.kids[i].pid, SIGKILL);
				kid_close_conn(&s.kids[i]);
			}
		if (pf[1].revents) {
			while (read(s.sigfd, &si, sizeof(si)) == sizeof(si))
				if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGHUP)
					spawner_end(&s);
			reap(&s);
		}
		if (pf[0].revents & POLLIN)
			serve(&s);
		else if (pf[0].revents & (POLLHUP | POLLERR))
			spawner_end(&s);
	}
}

static void spawner_atexit(void)
{
	if (getpid() != sp_owner || sp_ctl < 0)
		return;
	close(sp_ctl);
	sp_ctl = -1;
	while (waitpid(sp_pid, NULL, 0) < 0 && errno == EINTR)
		;
}

int ns_spawner_start(char *err)
{
	int sv[2];
	pid_t parent = getpid(), pid;

	if (sp_ctl >= 0 && sp_owner == parent)
		return 0;
	/* A forked copy of the process that started one gets its own:
	 * the inherited end is its parent's. */
	if (sp_ctl >= 0)
		close(sp_ctl);
	sp_ctl = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return hx_err(err, -errno, "cannot start the command spawner: socketpair: %s",
			      strerrordesc_np(errno));
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(sv[0]);
		close(sv[1]);
		return hx_err(err, -e, "cannot start the command spawner: fork: %s",
			      strerrordesc_np(e));
	}
	if (pid == 0) {
		close(sv[0]);
		spawner_main(sv[1], parent);
	}
	close(sv[1]);
	sp_ctl = sv[0];
	sp_pid = pid;
	if (!sp_owner) /* once: a fork that starts its own keeps the handler */
		atexit(spawner_atexit);
	sp_owner = parent;
	return 0;
}

pid_t ns_spawner_pid(void)
{
	return sp_ctl >= 0 ? sp_pid : 0;
}

/* ---- the requester's side ---------------------------------------------- */

struct ns_child {
	pid_t pid;
	int pidfd;
	int conn;	/* spawner mode: the conversation; -1: forked here */
	int ended;
	int status;
};

/* Packs sp into one request: header, groups, strings. */
static int pack(char *err, const struct ns_spawn *sp, char *const *envp,
		uint32_t fdmask, char **out, size_t *len)
{
	struct sp_req rq = { .magic = SP_MAGIC, .fdmask = fdmask };
	size_t slen, i, off;
	char *b;

	slen = strlen(sp->path) + 1;
	for (i = 0; sp->argv[i]; i++)
		slen += strlen(sp->argv[i]) + 1;
	rq.argc = (uint32_t)i;
	for (i = 0; envp && envp[i]; i++)
		slen += strlen(envp[i]) + 1;
	rq.envc = (uint32_t)i;
	rq.slen = (uint32_t)slen;
	rq.flags = (sp->own_pgrp ? SP_F_PGRP : 0) | (sp->ids ? SP_F_IDS : 0);
	rq.nice = sp->nice;
	if (sp->ids) {
		rq.uid = sp->ids->uid;
		rq.gid = sp->ids->gid;
		rq.ngroups = sp->ids->ngroups > 0 ? (uint32_t)sp->ids->ngroups : 0;
	}
	*len = sizeof(rq) + rq.ngroups * sizeof(gid_t) + slen;
	if (*len > SP_REQ_MAX)
		return hx_err(err, -E2BIG, "the command and its environment are too long (%zu bytes)",
			      *len);
	b = malloc(*len);
	if (!b)
		return hx_err(err, -ENOMEM, "out of memory");
	memcpy(b, &rq, sizeof(rq));
	off = sizeof(rq);
	if (rq.ngroups) {
		memcpy(b + off, sp->ids->groups, rq.ngroups * sizeof(gid_t));
		off += rq.ngroups * sizeof(gid_t);
	}
#define PUT(s) do { size_t l_ = strlen(s) + 1; memcpy(b + off, s, l_); off += l_; } while (0)
	PUT(sp->path);
	for (i = 0; sp->argv[i]; i++)
		PUT(sp->argv[i]);
	for (i = 0; envp && envp[i]; i++)
		PUT(envp[i]);
#undef PUT
	*out = b;
	return 0;
}

/* Waits for pf to be readable: 0, -ETIMEDOUT, or -errno of poll. */
static int wait_readable(struct pollfd *pf, int timeout_ms)
{
	int rc;

	while ((rc = poll(pf, 1, timeout_ms)) < 0 && errno == EINTR)
		;
	if (rc < 0)
		return -errno;
	return rc == 0 ? -ETIMEDOUT : 0;
}

static int recv_msg(int conn, int timeout_ms, struct sp_msg *m, int *fd)
{
	union {
		char b[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { m, sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = u.b, .msg_controllen = sizeof(u.b) };
	struct pollfd pf = { conn, POLLIN, 0 };
	struct cmsghdr *cm;
	ssize_t r;
	int rc;

	if (fd)
		*fd = -1;
	for (;;) {
		if ((rc = wait_readable(&pf, timeout_ms)) < 0)
			return rc;
		r = recvmsg(conn, &mh, MSG_CMSG_CLOEXEC);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		break;
	}
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
			int v;

			memcpy(&v, CMSG_DATA(cm), sizeof(v));
			if (fd && *fd < 0)
				*fd = v;
			else
				close(v);
		}
	if (r != (ssize_t)sizeof(*m))
		return -EPIPE; /* the spawner is gone */
	return 0;
}

static int start_remote(char *err, const struct ns_spawn *sp, char *const *envp,
			struct ns_child *c)
{
	union {
		char b[CMSG_SPACE(SP_NFDS * sizeof(int))];
		struct cmsghdr align;
	} u;
	int cv[2] = { -1, -1 }, own[SP_NFDS], fds[SP_NFDS], n = 0, i, rc;
	uint32_t mask = 0;
	struct iovec iov;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;
	struct sp_msg m;
	char *req = NULL;
	size_t len;

	for (i = 0; i < SP_NFDS; i++)
		own[i] = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, cv) < 0)
		return hx_err(err, -errno, "socketpair: %s", strerrordesc_np(errno));
	own[SP_FD_CONN] = cv[1];
	if (sp->netfd < 0)
		own[SP_FD_NET] = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	own[SP_FD_MNT] = open("/proc/thread-self/ns/mnt", O_RDONLY | O_CLOEXEC);
	own[SP_FD_CWD] = open(sp->dir ? sp->dir : ".",
			      O_PATH | O_DIRECTORY | O_CLOEXEC);
	if ((sp->netfd < 0 && own[SP_FD_NET] < 0) || own[SP_FD_MNT] < 0) {
		rc = hx_err(err, -errno, "cannot open this thread's namespaces: %s",
			    strerrordesc_np(errno));
		goto out;
	}
	if (own[SP_FD_CWD] < 0) {
		rc = fail_msg(err, errno, ST_CWD);
		goto out;
	}
	fds[SP_FD_CONN] = cv[1];
	fds[SP_FD_NET] = sp->netfd >= 0 ? sp->netfd : own[SP_FD_NET];
	fds[SP_FD_MNT] = own[SP_FD_MNT];
	fds[SP_FD_CWD] = own[SP_FD_CWD];
	for (i = 0; i < 3; i++)
		fds[SP_FD_IN + i] = sp->fd[i];
	for (i = 0; i < SP_NFDS; i++)
		if (fds[i] >= 0) {
			mask |= 1u << i;
			fds[n++] = fds[i];
		}
	rc = pack(err, sp, envp, mask, &req, &len);
	if (rc < 0)
		goto out;
	iov.iov_base = req;
	iov.iov_len = len;
	memset(&u, 0, sizeof(u));
	mh.msg_control = u.b;
	mh.msg_controllen = CMSG_SPACE((size_t)n * sizeof(int));
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN((size_t)n * sizeof(int));
	memcpy(CMSG_DATA(cm), fds, (size_t)n * sizeof(int));
	while (sendmsg(sp_ctl, &mh, MSG_NOSIGNAL) < 0) {
		if (errno == EINTR)
			continue;
		rc = hx_err(err, -errno, "the command spawner is gone: %s",
			    strerrordesc_np(errno));
		goto out;
	}
	close(cv[1]);
	own[SP_FD_CONN] = cv[1] = -1;
	rc = recv_msg(cv[0], -1, &m, &c->pidfd);
	if (rc < 0) {
		rc = hx_err(err, rc == -EPIPE ? -EPIPE : rc,
			    "the command spawner is gone%s%s",
			    rc == -EPIPE ? "" : ": ", rc == -EPIPE ? "" : strerrordesc_np(-rc));
		goto out;
	}
	if (m.type != SP_STARTED || c->pidfd < 0) {
		if (c->pidfd >= 0)
			close(c->pidfd);
		c->pidfd = -1;
		rc = fail_msg(err, m.type == SP_FAILED && m.err > 0 ? m.err : EPROTO,
			      m.step);
		goto out;
	}
	c->pid = m.pid;
	c->conn = cv[0];
	cv[0] = -1;
	rc = 0;
out:
	free(req);
	close_fds(own, SP_NFDS);
	if (cv[0] >= 0)
		close(cv[0]);
	return rc;
}

static int start_here(char *err, const struct ns_spawn *sp, char *const *envp,
		      struct ns_child *c)
{
	struct child_setup cs;
	int ep[2], rc;
	int32_t v[2];
	ssize_t r;
	pid_t pid;

	memset(&cs, 0, sizeof(cs));
	cs.path = sp->path;
	cs.argv = sp->argv;
	cs.envp = envp;
	cs.netfd = sp->netfd;	/* -1: the forking thread's, inherited */
	cs.mntfd = cs.cwdfd = -1;
	cs.dir = sp->dir;
	memcpy(cs.fd, sp->fd, sizeof(cs.fd));
	cs.own_pgrp = sp->own_pgrp;
	cs.nice = sp->nice;
	if (sp->ids) {
		cs.has_ids = 1;
		cs.uid = sp->ids->uid;
		cs.gid = sp->ids->gid;
		cs.groups = sp->ids->groups;
		cs.ngroups = sp->ids->ngroups;
	}
	cs.parent = getpid();
	if (pipe2(ep, O_CLOEXEC) < 0)
		return hx_err(err, -errno, "pipe: %s", strerrordesc_np(errno));
	cs.errfd = ep[1];
	pid = fork();
	if (pid == 0)
		child_run(&cs);
	close(ep[1]);
	if (pid < 0) {
		rc = hx_err(err, -errno, "fork: %s", strerrordesc_np(errno));
		close(ep[0]);
		return rc;
	}
	/* The pipe closes at exec; before that, it carries {errno, step}. */
	do
		r = read(ep[0], v, sizeof(v));
	while (r < 0 && errno == EINTR);
	close(ep[0]);
	if (r == (ssize_t)sizeof(v)) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		return fail_msg(err, v[0], v[1]);
	}
	c->pid = pid;
	c->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (c->pidfd < 0) {
		rc = hx_err(err, -errno, "pidfd_open: %s", strerrordesc_np(errno));
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		return rc;
	}
	return 0;
}

int ns_child_start(char *err, const struct ns_spawn *sp, struct ns_child **out)
{
	char *const *envp = sp->envp ? sp->envp : environ;
	struct ns_child *c;
	int rc;

	*out = NULL;
	if (!sp->path || !sp->argv || !sp->argv[0])
		return hx_err(err, -EINVAL, "no program to run");
	c = calloc(1, sizeof(*c));
	if (!c)
		return hx_err(err, -ENOMEM, "out of memory");
	c->pidfd = c->conn = -1;
	rc = sp_ctl >= 0 ? start_remote(err, sp, envp, c)
			 : start_here(err, sp, envp, c);
	if (rc < 0) {
		free(c);
		return rc;
	}
	*out = c;
	return 0;
}

pid_t ns_child_pid(const struct ns_child *c)
{
	return c->pid;
}

int ns_child_fd(const struct ns_child *c)
{
	return c->conn >= 0 ? c->conn : c->pidfd;
}

int ns_child_kill(struct ns_child *c, int sig)
{
	if (c->ended)
		return 0;
	if (syscall(SYS_pidfd_send_signal, c->pidfd, sig, NULL, 0) < 0)
		return errno == ESRCH ? 0 : -errno;
	return 0;
}

int ns_child_wait(struct ns_child *c, int timeout_ms, int *status)
{
	struct pollfd pf = { c->pidfd, POLLIN, 0 };
	struct sp_msg m;
	int rc;

	if (!c->ended && c->conn >= 0) {
		rc = recv_msg(c->conn, timeout_ms, &m, NULL);
		if (rc == -ETIMEDOUT)
			return rc;
		if (rc < 0 || m.type != SP_EXITED) {
			/* The spawner died, and its children with it. */
			c->ended = 1;
			c->status = SIGKILL;
			if (status)
				*status = c->status;
			return -EPIPE;
		}
		c->ended = 1;
		c->status = m.status;
	} else if (!c->ended) {
		if ((rc = wait_readable(&pf, timeout_ms)) < 0)
			return rc;
		while (waitpid(c->pid, &c->status, 0) < 0)
			if (errno != EINTR)
				return -errno;
		c->ended = 1;
	}
	if (status)
		*status = c->status;
	return 0;
}

void ns_child_free(struct ns_child *c)
{
	if (!c)
		return;
	if (!c->ended) {
		ns_child_kill(c, SIGKILL);
		ns_child_wait(c, -1, NULL);
	}
	if (c->pidfd >= 0)
		close(c->pidfd);
	if (c->conn >= 0)
		close(c->conn);
	free(c);
}
