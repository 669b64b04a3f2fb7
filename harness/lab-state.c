/* lab-state.c: dumplab lab's state directory, its lock, its info file, and asking the holder. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "harness/lab.h"
#include "netns/hold.h"

/* XDG_RUNTIME_DIR counts only when it is a directory of this user's. */
static int own_dir(const char *d)
{
	struct stat st;

	return d && d[0] == '/' && stat(d, &st) == 0 && S_ISDIR(st.st_mode) &&
	       st.st_uid == geteuid() && access(d, W_OK | X_OK) == 0;
}

int lab_paths_get(char *err, struct lab_paths *p)
{
	const char *x = getenv("XDG_RUNTIME_DIR"), *t = getenv("TMPDIR");
	int n;

	memset(p, 0, sizeof(*p));
	if (own_dir(x))
		n = snprintf(p->dir, sizeof(p->dir), "%s/dumplab-lab", x);
	else
		n = snprintf(p->dir, sizeof(p->dir), "%s/dumplab-lab-%u",
			     t && t[0] == '/' ? t : "/tmp", (unsigned)geteuid());
	if (n < 0 || (size_t)n >= sizeof(p->dir))
		return hx_err(err, -ENAMETOOLONG, "the lab's state directory '%s' is too long",
			      p->dir);
	snprintf(p->lock, sizeof(p->lock), "%s/lock", p->dir);
	snprintf(p->info, sizeof(p->info), "%s/info", p->dir);
	snprintf(p->sock, sizeof(p->sock), "%s/sock", p->dir);
	snprintf(p->hosts, sizeof(p->hosts), "%s/hosts", p->dir);
	snprintf(p->bashrc, sizeof(p->bashrc), "%s/bashrc", p->dir);
	snprintf(p->tmux, sizeof(p->tmux), "%s/tmux", p->dir);
	snprintf(p->work, sizeof(p->work), "%s/work", p->dir);
	if (strlen(p->sock) >= sizeof(((struct sockaddr_un *)0)->sun_path))
		return hx_err(err, -ENAMETOOLONG,
			      "the lab's socket path '%s' is too long for a socket", p->sock);
	return 0;
}

int lab_lock(char *err, const struct lab_paths *p, int *fd)
{
	struct stat st;

	*fd = -1;
	if (mkdir(p->dir, 0700) < 0 && errno != EEXIST)
		return hx_err(err, -errno, "cannot create the lab's directory '%s': %s", p->dir,
			      strerror(errno));
	if (lstat(p->dir, &st) < 0)
		return hx_err(err, -errno, "cannot read '%s': %s", p->dir, strerror(errno));
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077))
		return hx_err(err, -EPERM,
			      "'%s' is not a private directory of this user's: remove it", p->dir);
	*fd = open(p->lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (*fd < 0)
		return hx_err(err, -errno, "cannot open '%s': %s", p->lock, strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;

		close(*fd);
		*fd = -1;
		if (e == EWOULDBLOCK)
			return -EBUSY;
		return hx_err(err, -e, "cannot lock '%s': %s", p->lock, strerror(e));
	}
	return 0;
}

int lab_info_read(const struct lab_paths *p, struct lab_info *in)
{
	char line[PATH_MAX + 32];
	FILE *f = fopen(p->info, "re");
	long pid = 0;

	memset(in, 0, sizeof(*in));
	if (!f)
		return -ENOENT;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "name ", 5))
			lab_copy(in->name, sizeof(in->name), line + 5);
		else if (!strncmp(line, "scenario ", 9))
			lab_copy(in->scenario, sizeof(in->scenario), line + 9);
		else if (!strncmp(line, "pid ", 4))
			pid = strtol(line + 4, NULL, 10);
	}
	fclose(f);
	in->pid = (pid_t)pid;
	return in->name[0] && pid > 0 ? 0 : -EINVAL;
}

static const char *clean_keep; /* nftw has no argument */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	if (ftw->level == 0 || (clean_keep && !strcmp(path, clean_keep)))
		return 0;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void lab_clean(const struct lab_paths *p, int lock_too)
{
	clean_keep = lock_too ? NULL : p->lock;
	nftw(p->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	clean_keep = NULL;
	if (lock_too)
		rmdir(p->dir);
}

static int connect_sock(const char *path, int *out)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	*out = -1;
	if (fd < 0)
		return -errno;
	lab_copy(sa.sun_path, sizeof(sa.sun_path), path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	*out = fd;
	return 0;
}

int lab_open(const char *who, const struct lab_paths *p, struct lab_info *in, int *sock)
{
	char err[HX_ERRLEN];
	int lock, r;

	*sock = -1;
	r = lab_lock(err, p, &lock);
	if (r == 0) {
		/* Nobody holds it: no lab, or the state of a dead holder. */
		if (lab_info_read(p, in) == 0 || access(p->info, F_OK) == 0) {
			lab_clean(p, 1);
			fprintf(stderr,
				"%s: no lab is up: the holder (pid %ld) of lab '%s' is gone; its state is cleaned\n",
				who, (long)in->pid, in->name[0] ? HX_Q(in->name) : "?");
		} else {
			lab_clean(p, 1);
			fprintf(stderr, "%s: no lab is up (start one with 'dumplab lab up NAME')\n",
				who);
		}
		close(lock);
		return -1;
	}
	if (r != -EBUSY) {
		fprintf(stderr, "%s: %s\n", who, err);
		return -1;
	}
	if (lab_info_read(p, in) < 0 || connect_sock(p->sock, sock) < 0) {
		fprintf(stderr, "%s: the lab is still starting: try again\n", who);
		return -1;
	}
	return 0;
}

int lab_ask(char *err, int sock, const char *req, struct hx_buf *reply, int *fds, int *nfds)
{
	union {
		char b[CMSG_SPACE(8 * sizeof(int))];
		struct cmsghdr align;
	} u;
	static char buf[65536];
	struct iovec iov = { buf, sizeof(buf) - 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.b,
			     .msg_controllen = sizeof(u.b) };
	struct cmsghdr *cm;
	int max = nfds ? *nfds : 0, got = 0;
	ssize_t n;

	if (nfds)
		*nfds = 0;
	if (send(sock, req, strlen(req), MSG_NOSIGNAL) < 0)
		return hx_err(err, -errno, "cannot ask the lab's holder: %s", strerror(errno));
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return hx_err(err, -errno, "no answer from the lab's holder: %s", strerror(errno));
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
			int k = (int)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int)), i, fd;

			for (i = 0; i < k; i++) {
				memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
				if (got < max)
					fds[got++] = fd;
				else
					close(fd);
			}
		}
	if (nfds)
		*nfds = got;
	if (n == 0)
		return hx_err(err, -EPIPE, "the lab's holder hung up");
	buf[n] = '\0';
	hx_buf_reset(reply);
	hx_buf_puts(reply, buf + 1);
	return buf[0] == '0' ? 0 : 1;
}

void lab_hosts_text(const struct sc_scenario *sc, struct hx_buf *out)
{
	char a[64];
	size_t i;

	hx_buf_puts(out, "# the hosts of lab '");
	hx_buf_puts(out, sc->name);
	hx_buf_puts(out, "' (dumplab lab)\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
	for (i = 0; i < sc->naddrs; i++) {
		const struct sc_addr *ad = &sc->addrs[i];

		if (!inet_ntop(ad->addr.af, ad->addr.a, a, sizeof(a)))
			continue;
		hx_buf_printf(out, "%s\t%s\n", a, sc->hosts[ad->dev.host].name);
	}
	for (i = 0; i < sc->nnames; i++)
		if (inet_ntop(sc->names[i].addr.af, sc->names[i].addr.a, a, sizeof(a)))
			hx_buf_printf(out, "%s\t%s\n", a, sc->names[i].name);
}

int lab_enter_fds(const char *who, const struct lab_paths *p, const char *host,
		  struct lab_info *in, struct ns_hold_fds *f, char *work, size_t len)
{
	struct hx_buf rep = HX_BUF_INIT;
	char err[HX_ERRLEN], req[128];
	int sock, fds[4], nfds = 4, r, has_user, k = 0;

	f->user = f->mnt = f->pid = f->net = -1;
	if (lab_open(who, p, in, &sock) < 0)
		return -1;
	snprintf(req, sizeof(req), "enter %s", host);
	r = lab_ask(err, sock, req, &rep, fds, &nfds);
	close(sock);
	has_user = r == 0 && rep.p && rep.p[0] == '1';
	if (r == 0 && (nfds != 3 + has_user || rep.len < 2)) {
		snprintf(err, sizeof(err), "the lab's holder sent %d namespaces", nfds);
		r = -1;
	}
	if (r != 0) {
		fprintf(stderr, "%s: %s\n", who, r < 0 ? err : rep.p);
		while (nfds > 0)
			close(fds[--nfds]);
		hx_buf_release(&rep);
		return -1;
	}
	if (has_user)
		f->user = fds[k++];
	f->mnt = fds[k++];
	f->pid = fds[k++];
	f->net = fds[k++];
	lab_copy(work, len, rep.p + 2);
	hx_buf_release(&rep);
	return 0;
}
