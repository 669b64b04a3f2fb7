/* kill-run.c: SIGKILL a command at a given moment, then reap every process it left, as their subreaper (tests/kill). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * usage: kill-run DELAY_MS COMMAND [ARG...]
 *
 * Becomes a child subreaper, runs COMMAND (its output to /dev/null), waits
 * DELAY_MS and SIGKILLs that one process: not its group, since what it
 * started must end by itself. Then reaps it and every orphan reparented
 * here until none is left, polling to a deadline of KILL_RUN_DEADLINE_MS
 * (default 10000) for children that die asynchronously (PDEATHSIG). Prints
 * one line: the delay, the processes below COMMAND at the moment of the
 * kill, how it ended. Exits 0 when nothing was left, 1 after listing (and
 * killing, so nothing outlives the test) what was, 2 on usage errors.
 */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

struct proc {
	int pid, ppid;
	char comm[32];
};

/* Every process's pid, parent and name; *n of them. Caller frees. */
static struct proc *procs(size_t *n)
{
	struct proc *v = NULL, *nv;
	size_t cap = 0;
	struct dirent *e;
	DIR *d = opendir("/proc");

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		char path[300], buf[512], *lp, *rp;
		struct proc p;
		ssize_t r;
		int fd;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		r = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (r <= 0)
			continue;
		buf[r] = '\0';
		/* "pid (comm) state ppid ...": comm may hold ')' itself. */
		lp = strchr(buf, '(');
		rp = strrchr(buf, ')');
		if (!lp || !rp || rp < lp ||
		    sscanf(rp + 1, " %*c %d", &p.ppid) != 1)
			continue;
		p.pid = atoi(buf);
		snprintf(p.comm, sizeof(p.comm), "%.*s", (int)(rp - lp - 1), lp + 1);
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				break;
			v = nv;
		}
		v[(*n)++] = p;
	}
	closedir(d);
	return v;
}

/* Whether pid descends from top in v. */
static int below(const struct proc *v, size_t n, int pid, int top)
{
	int hops;

	for (hops = 0; hops < 64 && pid > 1; hops++) {
		size_t i;

		for (i = 0; i < n && v[i].pid != pid; i++)
			;
		if (i == n)
			return 0;
		if (v[i].ppid == top)
			return 1;
		pid = v[i].ppid;
	}
	return 0;
}

/* "comm(pid) comm(pid) ..." of the processes below top; how many. */
static size_t describe(int top, char *out, size_t len)
{
	size_t n, i, k = 0, used = 0;
	struct proc *v = procs(&n);

	out[0] = '\0';
	for (i = 0; v && i < n; i++)
		if (v[i].pid != top && below(v, n, v[i].pid, top)) {
			int w = snprintf(out + used, len - used, "%s%s(%d)", k ? " " : "",
					 v[i].comm, v[i].pid);

			if (w > 0 && (size_t)w < len - used)
				used += (size_t)w;
			k++;
		}
	free(v);
	return k;
}

/* SIGKILLs every process below top (our own descendants only). */
static void kill_below(int top)
{
	size_t n, i;
	struct proc *v = procs(&n);

	for (i = 0; v && i < n; i++)
		if (v[i].pid != top && below(v, n, v[i].pid, top))
			kill(v[i].pid, SIGKILL);
	free(v);
}

int main(int argc, char **argv)
{
	const char *dl = getenv("KILL_RUN_DEADLINE_MS");
	long delay, deadline_ms = dl && *dl ? atol(dl) : 10000;
	char before[2048], left[2048], *end;
	long long deadline;
	int st = 0, killed = 0;
	size_t nbefore = 0, nleft;
	pid_t pid, w;

	if (argc < 3 || (delay = strtol(argv[1], &end, 10)) < 0 || *end) {
		fprintf(stderr, "usage: kill-run DELAY_MS COMMAND [ARG...]\n");
		return 2;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("kill-run: PR_SET_CHILD_SUBREAPER");
		return 2;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("kill-run: fork");
		return 2;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR | O_CLOEXEC);

		if (nul < 0 || dup2(nul, 1) < 0 || dup2(nul, 2) < 0)
			_exit(127);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	/* The random moment: a chosen delay, not a wait for anything. */
	sleep_ms(delay);
	w = waitpid(pid, &st, WNOHANG);
	if (w == 0) {
		nbefore = describe(pid, before, sizeof(before));
		kill(pid, SIGKILL);
		killed = 1;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	/* Orphans reparent here; reap them until none is left. */
	deadline = now_ms() + deadline_ms;
	for (;;) {
		w = waitpid(-1, NULL, WNOHANG);
		if (w < 0 && errno == ECHILD)
			break;
		if (w > 0)
			continue;
		if (now_ms() >= deadline)
			break;
		sleep_ms(10);
	}
	nleft = describe(getpid(), left, sizeof(left));
	printf("kill-run: %s after %ld ms (%zu below it then%s%s)", killed ? "SIGKILL" :
	       "ended by itself", delay, nbefore, nbefore ? ": " : "", nbefore ? before : "");
	if (!killed)
		printf(", exit %d", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	if (nleft) {
		printf("; LEFT after %ld ms: %s\n", deadline_ms, left);
		kill_below(getpid());
		while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
			;
		return 1;
	}
	printf("; nothing left\n");
	return 0;
}
