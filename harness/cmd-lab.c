/* cmd-lab.c: `dumplab lab`: a scenario's hosts kept up for a person to type the seed's commands in (up, shell, exec, status, check, down, and the tmux form). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness/cmds.h"
#include "harness/lab.h"
#include "netns/hold.h"

static const char lab_usage[] =
	"usage: dumplab lab up NAME|FILE [--setup | --upto LABEL]\n"
	"       dumplab lab shell HOST\n"
	"       dumplab lab exec HOST [--] COMMAND [ARG...]\n"
	"       dumplab lab status\n"
	"       dumplab lab check [CAPTURE=FILE ...]\n"
	"       dumplab lab down\n"
	"       dumplab lab NAME|FILE\n"
	"\n"
	"Keeps a scenario's hosts up for you to type the seed's commands in them\n"
	"(the real tcpdump, iptables, ncat, ping, ip), then judges your own\n"
	"savefiles with the scenario's expectations. One lab per user.\n"
	"\n"
	"  up      build the hosts, links, addresses, routes, sysctls and files and\n"
	"          keep them up; --setup also runs the steps before the first\n"
	"          capture, --upto LABEL the steps before that label\n"
	"  shell   a shell in HOST (prompt 'HOST# '), in the lab's directory\n"
	"  exec    one command in HOST: its stdin, stdout, stderr and exit status\n"
	"  status  the hosts, their addresses and what runs in them\n"
	"  check   judge each capture's expectations on a savefile you wrote with\n"
	"          tcpdump -w (default: CAPTURE.pcap in the lab's directory), each\n"
	"          read's on the file of the capture it reads, and the files'\n"
	"          on the lab's directory; exit 0 when every checked expectation\n"
	"          holds, else 1\n"
	"  down    end everything in the lab and remove it\n"
	"  NAME    up, then tmux with one window per host; down when it ends\n"
	"\n"
	"Every host sees the lab's hosts in /etc/hosts; the machine's is untouched.\n"
	"State: $XDG_RUNTIME_DIR/dumplab-lab, else ${TMPDIR:-/tmp}/dumplab-lab-UID.\n";

static int write_text(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ssize_t w;

	if (fd < 0)
		return -errno;
	w = write(fd, text, len);
	if (close(fd) < 0 || w != (ssize_t)len)
		return -EIO;
	return 0;
}

/* Waits at most ms for process pid to end (by pidfd: never another). */
static int wait_gone(pid_t pid, int ms)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct pollfd pf;
	int r;

	if (fd < 0)
		return errno == ESRCH ? 0 : -errno;
	pf.fd = fd;
	pf.events = POLLIN;
	do
		r = poll(&pf, 1, ms);
	while (r < 0 && errno == EINTR);
	close(fd);
	return r > 0 ? 0 : -ETIMEDOUT;
}

static void kill_pid(pid_t pid)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (fd < 0)
		return;
	syscall(SYS_pidfd_send_signal, fd, SIGKILL, NULL, 0);
	close(fd);
}

/* ---- up ---------------------------------------------------------------- */

/* The index of the step labelled label, or SC_NONE. */
static size_t step_labelled(const struct sc_scenario *sc, const char *label)
{
	size_t i;

	for (i = 0; i < sc->nsteps; i++)
		if (sc->steps[i].label && !strcmp(sc->steps[i].label, label))
			return i;
	return SC_NONE;
}

static size_t first_capture(const struct sc_scenario *sc)
{
	size_t i;

	for (i = 0; i < sc->nsteps; i++)
		if (sc->steps[i].kind == SC_STEP_CAPTURE)
			return i;
	return sc->nsteps;
}

static const char bashrc_text[] =
	"# the shells of dumplab lab: the user's own rc files, then the prompt\n"
	"[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc\n"
	"[ -r \"$HOME/.bashrc\" ] && . \"$HOME/.bashrc\"\n"
	"PS1=\"$DUMPLAB_HOST\"'\\$ '\n";

/*
 * Starts the holder and waits for its word. Returns 0 when the lab is up,
 * else 1 after saying why (the state is then cleaned).
 */
static int start_holder(const struct lab_paths *p, const struct sc_scenario *sc,
			const char *path, size_t hold_at, int lock)
{
	struct lab_hold_cfg c = { .sc = sc, .scenario = path, .paths = p, .hold_at = hold_at,
				  .lock_fd = lock };
	int st[2], pp[2], status, sfd;
	char buf[HX_ERRLEN + 64], err[HX_ERRLEN];
	size_t got = 0;
	sigset_t set, old;
	pid_t mid, holder = 0;
	ssize_t n;

	if (pipe2(st, O_CLOEXEC) < 0 || pipe2(pp, O_CLOEXEC) < 0) {
		fprintf(stderr, "dumplab lab up: cannot make a pipe: %s\n", strerror(errno));
		return 1;
	}
	/* Ctrl-C while the hosts are built ends the holder. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, &old);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	fflush(NULL);
	mid = fork();
	if (mid == 0) {
		pid_t h;

		close(st[0]);
		close(pp[0]);
		sigprocmask(SIG_SETMASK, &old, NULL);
		/* Apart from the terminal: its Ctrl-C is not the lab's end. */
		setsid();
		if (ns_hold_unshare(err) < 0) {
			dprintf(st[1], "error: %s\n", err);
			_exit(1);
		}
		h = fork();
		if (h == 0) {
			close(pp[1]);
			c.status_fd = st[1];
			lab_hold_main(&c);
		}
		if (h < 0)
			dprintf(st[1], "error: cannot start the lab's holder: %s\n",
				strerror(errno));
		else if (write(pp[1], &h, sizeof(h)) != (ssize_t)sizeof(h))
			kill(h, SIGKILL);
		_exit(h < 0);
	}
	close(st[1]);
	close(pp[1]);
	if (mid < 0) {
		fprintf(stderr, "dumplab lab up: cannot fork: %s\n", strerror(errno));
		close(st[0]);
		close(pp[0]);
		return 1;
	}
	waitpid(mid, &status, 0);
	if (read(pp[0], &holder, sizeof(holder)) != (ssize_t)sizeof(holder))
		holder = 0;
	close(pp[0]);
	buf[0] = '\0';
	for (;;) {
		struct pollfd pf[2] = { { st[0], POLLIN, 0 }, { sfd, POLLIN, 0 } };

		if (poll(pf, 2, -1) < 0 && errno == EINTR)
			continue;
		if (pf[1].revents & POLLIN) {
			if (holder > 0)
				kill_pid(holder);
			snprintf(buf, sizeof(buf), "error: interrupted\n");
			break;
		}
		n = read(st[0], buf + got, sizeof(buf) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		buf[got] = '\0';
		if (strchr(buf, '\n'))
			break;
	}
	close(st[0]);
	close(sfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!strcmp(buf, "ok\n"))
		return 0;
	if (holder > 0) {
		kill_pid(holder);
		wait_gone(holder, 10000);
	}
	lab_clean(p, 0);
	buf[strcspn(buf, "\n")] = '\0';
	fprintf(stderr, "dumplab lab up: %s\n",
		!strncmp(buf, "error: ", 7) ? buf + 7 : "the lab's holder ended before the lab was up");
	return 1;
}

static int lab_up(char **argv, int argc, int quiet)
{
	const char *upto = NULL, *word = NULL;
	struct lab_paths p;
	struct lab_info in;
	struct sc_scenario *sc = NULL;
	struct hx_buf hosts = HX_BUF_INIT;
	char err[HX_ERRLEN], **paths = NULL, full[PATH_MAX];
	size_t npaths = 0, hold_at = 0, i;
	int setup = 0, lock = -1, rc = 1, k;

	for (k = 0; k < argc; k++) {
		if (!strcmp(argv[k], "--setup"))
			setup = 1;
		else if (!strcmp(argv[k], "--upto") && k + 1 < argc)
			upto = argv[++k];
		else if (!strncmp(argv[k], "--upto=", 7))
			upto = argv[k] + 7;
		else if (argv[k][0] == '-') {
			fprintf(stderr, "dumplab lab up: unknown option '%s'%s\n", HX_Q(argv[k]),
				!strcmp(argv[k], "--upto") ? " (it needs a LABEL)" : "");
			return 2;
		} else if (!word)
			word = argv[k];
		else {
			fprintf(stderr, "dumplab lab up: one scenario at a time ('%s' is one more)\n",
				HX_Q(argv[k]));
			return 2;
		}
	}
	if (!word) {
		fputs(lab_usage, stderr);
		return 2;
	}
	if (setup && upto) {
		fprintf(stderr, "dumplab lab up: --setup and --upto: one or the other\n");
		return 2;
	}
	if (lab_paths_get(err, &p) < 0) {
		fprintf(stderr, "dumplab lab up: %s\n", err);
		return 1;
	}
	if ((rc = cmd_resolve((char **)&word, 1, &paths, &npaths)) != 0)
		return rc;
	rc = 1;
	if (!realpath(paths[0], full))
		snprintf(full, sizeof(full), "%s", paths[0]);
	if (sc_load(err, full, &sc) < 0) {
		fprintf(stderr, "dumplab lab up: %s\n", err);
		goto out;
	}
	if (upto) {
		hold_at = step_labelled(sc, upto);
		if (hold_at == SC_NONE) {
			struct hx_buf b = HX_BUF_INIT;

			for (i = 0; i < sc->nsteps; i++)
				if (sc->steps[i].label)
					hx_buf_printf(&b, " %s", sc->steps[i].label);
			fprintf(stderr, "dumplab lab up: scenario '%s' has no step labelled '%s' (its labels:%s)\n",
				HX_Q(sc->name), HX_Q(upto), b.p ? b.p : " none");
			hx_buf_release(&b);
			goto out;
		}
	} else if (setup) {
		hold_at = first_capture(sc);
	}
	k = lab_lock(err, &p, &lock);
	if (k == -EBUSY) {
		if (lab_info_read(&p, &in) == 0)
			fprintf(stderr, "dumplab lab up: lab '%s' is up already (holder pid %ld): 'dumplab lab down' ends it\n",
				HX_Q(in.name), (long)in.pid);
		else
			fprintf(stderr, "dumplab lab up: a lab is starting already in '%s'\n", HX_Q(p.dir));
		goto out;
	}
	if (k < 0) {
		fprintf(stderr, "dumplab lab up: %s\n", err);
		goto out;
	}
	if (lab_info_read(&p, &in) == 0)
		fprintf(stderr, "dumplab lab up: the holder (pid %ld) of lab '%s' is gone; its state is cleaned\n",
			(long)in.pid, HX_Q(in.name));
	lab_clean(&p, 0);
	lab_hosts_text(sc, &hosts);
	if (mkdir(p.work, 0755) < 0 ||
	    write_text(p.hosts, hosts.p, hosts.len) < 0 ||
	    write_text(p.bashrc, bashrc_text, sizeof(bashrc_text) - 1) < 0) {
		fprintf(stderr, "dumplab lab up: cannot write the lab's files in '%s': %s\n",
			HX_Q(p.dir), strerror(errno));
		lab_clean(&p, 1);
		goto out;
	}
	if (start_holder(&p, sc, full, hold_at, lock) != 0)
		goto out;
	rc = 0;
	if (quiet)
		goto out;
	printf("lab '%s' is up: %s\n", sc->name, sc->title);
	printf("  hosts:");
	for (i = 0; i < sc->nhosts; i++)
		printf(" %s", sc->hosts[i].name);
	printf("\n  directory: %s\n", p.work);
	if (hold_at)
		printf("  ran the steps before '%s'\n",
		       hold_at < sc->nsteps && sc->steps[hold_at].label ?
		       sc->steps[hold_at].label : "the first capture");
	printf("enter it:\n");
	for (i = 0; i < sc->nhosts; i++)
		printf("  dumplab lab shell %s\n", sc->hosts[i].name);
	printf("then: dumplab lab check CAPTURE=FILE ... and dumplab lab down\n");
out:
	if (lock >= 0)
		close(lock);
	hx_buf_release(&hosts);
	sc_free(sc);
	cmd_free_paths(paths, npaths);
	return rc;
}

/* ---- shell and exec ------------------------------------------------------ */

/*
 * The end of a process that joined a host's namespaces: stdio flushed,
 * then _exit. At-exit handlers that fork would put their child in the
 * lab's PID namespace; LeakSanitizer's (make SAN=1) forks a tracer there
 * that cannot see this process and spins forever, signals blocked.
 */
__attribute__((noreturn)) static void leave_joined(int code)
{
	fflush(NULL);
	_exit(code);
}

/*
 * Joins host's namespaces and runs argv there (NULL: an interactive shell)
 * as a child, passing signals sent to this process on; ends this process
 * with its exit status (128+N for signal N) once the namespaces are joined.
 */
static int run_in(const char *who, const char *host, char **argv)
{
	struct lab_paths p;
	struct lab_info in;
	struct ns_hold_fds f;
	char err[HX_ERRLEN], work[PATH_MAX];
	int r, ep[2], sfd, status = 0;
	sigset_t set, old;
	pid_t pid;

	if (lab_paths_get(err, &p) < 0) {
		fprintf(stderr, "%s: %s\n", who, err);
		return 1;
	}
	if (lab_enter_fds(who, &p, host, &in, &f, work, sizeof(work)) < 0)
		return 1;
	r = ns_hold_join(err, &f);
	ns_hold_fds_close(&f);
	if (r < 0 || chdir(work) < 0) {
		fprintf(stderr, "%s: %s\n", who, r < 0 ? err : strerror(errno));
		leave_joined(1);
	}
	setenv("DUMPLAB_LAB", in.name, 1);
	setenv("DUMPLAB_HOST", host, 1);
	if (pipe2(ep, O_CLOEXEC) < 0) {
		fprintf(stderr, "%s: cannot make a pipe: %s\n", who, strerror(errno));
		leave_joined(1);
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &old);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	pid = fork();
	if (pid == 0) {
		char *sh[] = { "bash", "--rcfile", p.bashrc, "-i", NULL };
		int e;

		sigprocmask(SIG_SETMASK, &old, NULL);
		close(ep[0]);
		if (!argv) {
			setenv("PS1", "", 1);
			execv("/bin/bash", sh);
			/* no bash: a plain shell, with the prompt as a variable */
			{
				char ps1[64];

				snprintf(ps1, sizeof(ps1), "%s# ", host);
				setenv("PS1", ps1, 1);
				execl("/bin/sh", "sh", "-i", (char *)NULL);
			}
		} else {
			execvp(argv[0], argv);
		}
		e = errno;
		if (write(ep[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	close(ep[1]);
	if (pid < 0) {
		fprintf(stderr, "%s: cannot fork: %s\n", who, strerror(errno));
		close(ep[0]);
		leave_joined(1);
	}
	{
		int e;

		if (read(ep[0], &e, sizeof(e)) == (ssize_t)sizeof(e)) {
			fprintf(stderr, "%s: cannot run '%s' in host '%s': %s\n", who,
				HX_Q(argv ? argv[0] : "/bin/sh"), HX_Q(host), strerror(e));
			waitpid(pid, NULL, 0);
			close(ep[0]);
			leave_joined(127);
		}
		close(ep[0]);
	}
	for (;;) {
		struct signalfd_siginfo si;

		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		if (read(sfd, &si, sizeof(si)) != (ssize_t)sizeof(si))
			continue;
		if (si.ssi_signo == SIGCHLD)
			continue;
		/* A terminal's Ctrl-C reached the child already (SI_KERNEL);
		 * a kill(1) of this process is passed on. */
		if (si.ssi_code == SI_USER || si.ssi_code == SI_QUEUE)
			kill(pid, (int)si.ssi_signo);
	}
	close(sfd);
	leave_joined(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 1; /* not reached */
}

static int lab_shell(char **argv, int argc)
{
	if (argc != 1 || argv[0][0] == '-') {
		fprintf(stderr, "usage: dumplab lab shell HOST\n");
		return 2;
	}
	return run_in("dumplab lab shell", argv[0], NULL);
}

static int lab_exec(char **argv, int argc)
{
	if (argc < 1 || argv[0][0] == '-') {
		fprintf(stderr, "usage: dumplab lab exec HOST [--] COMMAND [ARG...]\n");
		return 2;
	}
	if (argc >= 2 && !strcmp(argv[1], "--")) {
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "dumplab lab exec: no command to run in host '%s'\n", HX_Q(argv[0]));
		return 2;
	}
	return run_in("dumplab lab exec", argv[0], argv + 1);
}

/* ---- status and down ------------------------------------------------------ */

static int lab_status(void)
{
	struct lab_paths p;
	struct lab_info in;
	struct hx_buf rep = HX_BUF_INIT;
	char err[HX_ERRLEN];
	int sock, r;

	if (lab_paths_get(err, &p) < 0) {
		fprintf(stderr, "dumplab lab status: %s\n", err);
		return 1;
	}
	if (lab_open("dumplab lab status", &p, &in, &sock) < 0)
		return 1;
	r = lab_ask(err, sock, "status", &rep, NULL, NULL);
	close(sock);
	if (r != 0)
		fprintf(stderr, "dumplab lab status: %s\n", r < 0 ? err : rep.p);
	else
		fputs(rep.p, stdout);
	hx_buf_release(&rep);
	return r != 0;
}

static int lab_down(const char *who, int quiet)
{
	struct lab_paths p;
	struct lab_info in;
	struct hx_buf rep = HX_BUF_INIT;
	char err[HX_ERRLEN];
	int sock, r, lock;

	if (lab_paths_get(err, &p) < 0) {
		fprintf(stderr, "%s: %s\n", who, err);
		return 1;
	}
	if (lab_open(who, &p, &in, &sock) < 0)
		return 1;
	r = lab_ask(err, sock, "down", &rep, NULL, NULL);
	close(sock);
	hx_buf_release(&rep);
	if (r != 0) {
		fprintf(stderr, "%s: %s; ending its holder (pid %ld)\n", who, err, (long)in.pid);
		kill_pid(in.pid);
	}
	/* The holder's end is the PID namespace's: every process in it is
	 * gone by then, and with them the hosts. */
	if (wait_gone(in.pid, 30000) < 0) {
		kill_pid(in.pid);
		wait_gone(in.pid, 10000);
	}
	if (lab_lock(err, &p, &lock) == 0) {
		lab_clean(&p, 1);
		close(lock);
	}
	if (!quiet)
		printf("lab '%s' is down\n", in.name);
	return 0;
}

/* ---- the tmux form -------------------------------------------------------- */

static int have_tmux(void)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX], *dirs, *d, *save = NULL;
	int found = 0;

	dirs = strdup(path && *path ? path : "/usr/bin:/bin");
	for (d = dirs ? strtok_r(dirs, ":", &save) : NULL; d && !found;
	     d = strtok_r(NULL, ":", &save)) {
		snprintf(buf, sizeof(buf), "%s/tmux", d);
		found = access(buf, X_OK) == 0;
	}
	free(dirs);
	return found;
}

static int run_wait(char *const argv[])
{
	int st;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int lab_tmux(char **argv, int argc)
{
	struct lab_paths p;
	struct lab_info in;
	struct sc_scenario *sc = NULL;
	char err[HX_ERRLEN], self[PATH_MAX];
	size_t i;
	ssize_t n;
	int rc, sock;

	if (argc != 1) {
		fputs(lab_usage, stderr);
		return 2;
	}
	if (!have_tmux()) {
		fprintf(stderr, "dumplab lab: tmux is not installed (scripts/deps installs it); "
				"without it: 'dumplab lab up %s', then 'dumplab lab shell HOST' in a terminal per host\n",
			HX_Q(argv[0]));
		return 1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "dumplab lab %s: tmux needs a terminal; without one: 'dumplab lab up %s' and 'dumplab lab exec HOST ...'\n",
			HX_Q(argv[0]), HX_Q(argv[0]));
		return 1;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0) {
		fprintf(stderr, "dumplab lab: cannot find this program: %s\n", strerror(errno));
		return 1;
	}
	self[n] = '\0';
	if ((rc = lab_up(argv, 1, 1)) != 0)
		return rc;
	if (lab_paths_get(err, &p) < 0 || lab_open("dumplab lab", &p, &in, &sock) < 0 ||
	    sc_load(err, in.scenario, &sc) < 0) {
		fprintf(stderr, "dumplab lab: %s\n", err);
		lab_down("dumplab lab", 1);
		return 1;
	}
	close(sock);
	{
		/* tmux -S SOCK new-session -s LAB -n H0 SELF lab shell H0 \;
		 * new-window -n H1 SELF lab shell H1 \; ... select-window -t :0 */
		size_t max = 16 + sc->nhosts * 10, k = 0;
		char **v = calloc(max, sizeof(*v));

		if (!v) {
			sc_free(sc);
			lab_down("dumplab lab", 1);
			return 1;
		}
		v[k++] = "tmux";
		v[k++] = "-S";
		v[k++] = p.tmux;
		for (i = 0; i < sc->nhosts; i++) {
			if (i) {
				v[k++] = ";";
				v[k++] = "new-window";
			} else {
				v[k++] = "new-session";
				v[k++] = "-s";
				v[k++] = sc->name;
			}
			v[k++] = "-n";
			v[k++] = sc->hosts[i].name;
			v[k++] = self;
			v[k++] = "lab";
			v[k++] = "shell";
			v[k++] = sc->hosts[i].name;
		}
		v[k++] = ";";
		v[k++] = "select-window";
		v[k++] = "-t";
		v[k++] = ":0";
		v[k] = NULL;
		/* our own server: a tmux the person runs already is not it */
		unsetenv("TMUX");
		/* With no SHELL, tmux falls back on the passwd shell, which for
		 * a service account such as nobody is nologin: a window the
		 * person opens would close at once. */
		if (!getenv("SHELL") || !*getenv("SHELL"))
			setenv("SHELL", "/bin/sh", 1);
		rc = run_wait(v);
		free(v);
	}
	{
		char *has[] = { "tmux", "-S", p.tmux, "has-session", NULL };

		if (run_wait(has) == 0) {
			printf("detached: lab '%s' stays up ('tmux -S %s attach' returns to it, "
			       "'dumplab lab down' ends it)\n", sc->name, p.tmux);
			sc_free(sc);
			return 0;
		}
	}
	sc_free(sc);
	lab_down("dumplab lab", 0);
	return rc < 0 ? 1 : 0;
}

/* ---- the command ------------------------------------------------------------ */

int cmd_lab(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	struct lab_paths p;
	struct lab_info in;
	char err[HX_ERRLEN];
	int sock;

	if (!sub) {
		fputs(lab_usage, stderr);
		return 2;
	}
	if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
		fputs(lab_usage, stdout);
		return 0;
	}
	if (!strcmp(sub, "up"))
		return lab_up(argv + 2, argc - 2, 0);
	if (!strcmp(sub, "shell"))
		return lab_shell(argv + 2, argc - 2);
	if (!strcmp(sub, "exec"))
		return lab_exec(argv + 2, argc - 2);
	if (!strcmp(sub, "status"))
		return argc == 2 ? lab_status() : (fputs(lab_usage, stderr), 2);
	if (!strcmp(sub, "down"))
		return argc == 2 ? lab_down("dumplab lab down", 0) : (fputs(lab_usage, stderr), 2);
	if (!strcmp(sub, "check")) {
		int r;

		if (lab_paths_get(err, &p) < 0) {
			fprintf(stderr, "dumplab lab check: %s\n", err);
			return 1;
		}
		if (lab_open("dumplab lab check", &p, &in, &sock) < 0)
			return 1;
		close(sock); /* the holder serves one connection at a time */
		r = lab_check(&p, &in, argv + 2, argc - 2);
		return r;
	}
	if (sub[0] == '-') {
		fprintf(stderr, "dumplab lab: unknown option '%s'\n", HX_Q(sub));
		fputs(lab_usage, stderr);
		return 2;
	}
	return lab_tmux(argv + 1, argc - 1);
}
