/* ns-run.c: a command run inside a host: started by the spawner (spawn.h), output and status captured, a timeout, a cancel. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "netns/ns-int.h"
#include "netns/spawn.h"

#define RUN_OUT_MAX (1 << 20)

/* The nf_tables variant of each iptables front end. */
static const struct {
	const char *name, *nft;
} nft_names[] = {
	{ "iptables", "iptables-nft" },
	{ "ip6tables", "ip6tables-nft" },
	{ "iptables-save", "iptables-nft-save" },
	{ "iptables-restore", "iptables-nft-restore" },
	{ "ip6tables-save", "ip6tables-nft-save" },
	{ "ip6tables-restore", "ip6tables-nft-restore" },
};

static int executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

/* Looks name up in $PATH, then in the sbin directories; 1 when found. */
static int search(const char *name, char *out, size_t len)
{
	static const char *const extra[] = { "/usr/local/sbin", "/usr/sbin",
					     "/sbin" };
	const char *path = getenv("PATH");
	const char *p, *end;
	size_t i;

	for (p = path; p && *p; p = *end ? end + 1 : end) {
		int n;

		end = strchrnul(p, ':');
		n = end == p ? snprintf(out, len, "./%s", name)
			     : snprintf(out, len, "%.*s/%s", (int)(end - p), p,
					name);
		if (n > 0 && (size_t)n < len && executable(out))
			return 1;
	}
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		int n = snprintf(out, len, "%s/%s", extra[i], name);

		if (n > 0 && (size_t)n < len && executable(out))
			return 1;
	}
	return 0;
}

int ns_resolve(char *err, const char *cmd, const char *host, char *out,
	       size_t len)
{
	const char *base = strrchr(cmd, '/');
	size_t i;

	base = base ? base + 1 : cmd;
	if (strstr(base, "legacy"))
		return hx_err(err, -EPERM,
			      "cannot run '%s' in host '%s': dumplab runs iptables through nf_tables only",
			      cmd, host);
	for (i = 0; i < sizeof(nft_names) / sizeof(nft_names[0]); i++) {
		if (strcmp(base, nft_names[i].name) != 0)
			continue;
		/*
		 * Never whatever `iptables` points to: the alternatives
		 * system may name iptables-legacy, whose rules live beside
		 * nf_tables and which the lab must not use. xtables-nft-multi
		 * picks its front end from argv[0], which stays as given.
		 */
		if (search(nft_names[i].nft, out, len) ||
		    search("xtables-nft-multi", out, len))
			return 0;
		return hx_err(err, -ENOENT,
			      "cannot run '%s' in host '%s': neither %s nor xtables-nft-multi is installed",
			      cmd, host, nft_names[i].nft);
	}
	if (strchr(cmd, '/')) {
		if ((size_t)snprintf(out, len, "%s", cmd) >= len)
			return hx_err(err, -ENAMETOOLONG, "path '%s' is too long",
				      cmd);
		return 0;
	}
	if (search(cmd, out, len))
		return 0;
	return hx_err(err, -ENOENT, "cannot run '%s' in host '%s': not found",
		      cmd, host);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads what is there; 0 at EOF, 1 when more may come, -errno. */
static int slurp(int fd, struct hx_buf *b)
{
	char chunk[4096];
	ssize_t r;

	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno == EAGAIN ? 1 : -errno;
		if (r == 0)
			return 0;
		/* Past the limit the output is read and dropped, so that
		 * the command never blocks on a full pipe. */
		if (b->len < RUN_OUT_MAX)
			hx_buf_put(b, chunk,
				   (size_t)r < RUN_OUT_MAX - b->len
				   ? (size_t)r : RUN_OUT_MAX - b->len);
	}
}

int ns_run(char *err, struct ns_host *h, char *const argv[], int timeout_ms,
	   struct ns_run_res *res)
{
	return ns_run_in(err, h, NULL, -1, argv, timeout_ms, res);
}

int ns_run_in(char *err, struct ns_host *h, const char *dir, int cancel_fd,
	      char *const argv[], int timeout_ms, struct ns_run_res *res)
{
	const char *host = h ? h->name : "(this namespace)";
	int outp[2] = { -1, -1 }, rc = 0, e, open_out = 1, exited = 0;
	struct ns_child *c = NULL;
	struct ns_spawn sp;
	char path[PATH_MAX], why[HX_ERRLEN];
	long long deadline = 0;

	hx_buf_init(&res->out);
	res->status = 0;
	res->timed_out = 0;
	res->cancelled = 0;
	if (!argv || !argv[0] || !argv[0][0])
		return hx_err(err, -EINVAL, "no command to run in host '%s'",
			      host);
	if ((rc = ns_resolve(err, argv[0], host, path, sizeof(path))) < 0)
		return rc;
	if (pipe2(outp, O_CLOEXEC) < 0 ||
	    fcntl(outp[0], F_SETFL, O_NONBLOCK) < 0) {
		rc = hx_err(err, -errno, "cannot run '%s': pipe: %s", argv[0],
			    strerrordesc_np(errno));
		goto out;
	}
	memset(&sp, 0, sizeof(sp));
	sp.path = path;
	sp.argv = argv;
	sp.netfd = h ? h->fd : -1;
	sp.dir = dir;
	sp.fd[0] = -1;
	sp.fd[1] = sp.fd[2] = outp[1];
	rc = ns_child_start(why, &sp, &c);
	if (rc < 0) {
		rc = hx_err(err, rc, "cannot run '%s' in host '%s': %s", argv[0],
			    host, why);
		goto out;
	}
	close(outp[1]);
	outp[1] = -1;
	if (timeout_ms > 0)
		deadline = now_ms() + timeout_ms;
	/*
	 * Until the child exits: its exit, not the end of its output, ends
	 * the wait, since a daemon it leaves behind may hold the pipe.
	 */
	while (!exited) {
		struct pollfd pf[3] = {
			{ ns_child_fd(c), POLLIN, 0 },
			{ open_out ? outp[0] : -1, POLLIN, 0 },
			{ res->cancelled ? -1 : cancel_fd, POLLIN, 0 },
		};
		int wait = -1;

		if (deadline && !res->timed_out) {
			long long left = deadline - now_ms();

			if (left <= 0) {
				ns_child_kill(c, SIGKILL);
				res->timed_out = 1;
				continue;
			}
			wait = left > INT_MAX ? INT_MAX : (int)left;
		}
		if (poll(pf, 3, wait) < 0 && errno != EINTR) {
			rc = hx_err(err, -errno, "poll: %s",
				    strerrordesc_np(errno));
			break;
		}
		if (open_out && (pf[1].revents & (POLLIN | POLLHUP | POLLERR)))
			open_out = slurp(outp[0], &res->out) > 0;
		if (pf[2].revents & POLLIN) {
			/* the scenario ends: so does its command */
			ns_child_kill(c, SIGKILL);
			res->cancelled = 1;
		}
		if (pf[0].revents)
			exited = 1;
	}
	if (open_out)
		slurp(outp[0], &res->out);
	e = ns_child_wait(c, exited ? -1 : 0, &res->status);
	if (e < 0 && rc == 0 && e != -EPIPE)
		rc = hx_err(err, e, "cannot wait for '%s' in host '%s': %s",
			    argv[0], host, strerrordesc_np(-e));
	else if (e == -EPIPE && rc == 0)
		rc = hx_err(err, -EPIPE, "'%s' in host '%s' died with the command spawner",
			    argv[0], host);
	if (rc == 0 && res->cancelled)
		rc = hx_err(err, -ECANCELED, "'%s' in host '%s' was cancelled",
			    argv[0], host);
out:
	ns_child_free(c);
	for (e = 0; e < 2; e++)
		if (outp[e] >= 0)
			close(outp[e]);
	return rc;
}

int ns_run_ok(char *err, struct ns_host *h, char *const argv[],
	      int timeout_ms, struct hx_buf *out)
{
	struct ns_run_res res;
	char cmd[160];
	size_t off = 0, i;
	const char *line;
	int rc, n;

	rc = ns_run(err, h, argv, timeout_ms, &res);
	if (rc < 0) {
		hx_buf_release(&res.out);
		return rc;
	}
	if (WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0 &&
	    !res.timed_out) {
		if (out) {
			hx_buf_release(out);
			*out = res.out;
		} else {
			hx_buf_release(&res.out);
		}
		return 0;
	}
	cmd[0] = '\0';
	for (i = 0; argv[i] && off < sizeof(cmd) - 1; i++) {
		n = snprintf(cmd + off, sizeof(cmd) - off, "%s%s", i ? " " : "",
			     argv[i]);
		if (n < 0)
			break;
		off += (size_t)n;
	}
	line = res.out.p ? res.out.p : "";
	n = (int)strcspn(line, "\n");
	if (res.timed_out)
		rc = hx_err(err, -ETIMEDOUT,
			    "'%s' in host '%s' did not end in %d ms", cmd,
			    h ? h->name : "(this namespace)", timeout_ms);
	else if (WIFEXITED(res.status))
		rc = hx_err(err, -EIO, "'%s' in host '%s' exited %d%s%.*s", cmd,
			    h ? h->name : "(this namespace)",
			    WEXITSTATUS(res.status),
			    n ? ": " : "", n, line);
	else
		rc = hx_err(err, -EIO, "'%s' in host '%s' was killed by signal %d",
			    cmd, h ? h->name : "(this namespace)",
			    WTERMSIG(res.status));
	hx_buf_release(&res.out);
	return rc;
}
