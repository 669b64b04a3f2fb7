/* cmd-capture.c: `dumplab capture`: a live capture with tcpdump's options, printed or written to savefiles. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/signalfd.h>

#include "capture/session.h"
#include "capture/user.h"
#include "harness/cmds.h"

static void capture_usage(FILE *f)
{
	fprintf(f,
		"usage: dumplab capture [options] [FILTER...]\n"
		"\n"
		"Captures live packets as tcpdump 4.99 does: prints them exactly as tcpdump\n"
		"prints them, or writes them to savefiles with tcpdump's rotation. It stops\n"
		"on Ctrl-C (SIGINT), SIGTERM or SIGHUP, after -c packets, or at the -G -W\n"
		"file limit, and then prints libpcap's counts on stderr. FILTER is a BPF\n"
		"expression (pcap-filter(7)).\n"
		"\n"
		"device:\n"
		"  -i IF          the interface: a name, 'any', or 'nflog:N' (an iptables\n"
		"                 NFLOG group); default: the first one -D lists\n"
		"  -D             list the interfaces libpcap can capture on, and exit\n"
		"  --netns PATH   capture inside a network namespace: a file such as\n"
		"                 /proc/PID/ns/net, or a name under /run/netns\n"
		"  -p             not promiscuous\n"
		"  -Q, -P DIR     direction: in, out or inout (the default)\n"
		"  -s N           snapshot length in bytes (0: 262144, the default)\n"
		"  -B KIB         the kernel buffer, in KiB\n"
		"  --immediate-mode  deliver each packet as it arrives\n"
		"  -c N           stop after N packets\n"
		"  -F FILE        read the filter expression from FILE\n"
		"\n"
		"savefiles (docs/rotation.md):\n"
		"  -w FILE        write packets to FILE instead of printing them ('-': stdout)\n"
		"  -G SECS        a new file every SECS seconds, the name strftime'd\n"
		"  --rotate-align with -G, rotate on wall-clock multiples of SECS\n"
		"  -C SIZE        a new file before one passes SIZE (millions of bytes, or\n"
		"                 with a k, m or g suffix KiB, MiB, GiB)\n"
		"  -W N           with -C a ring of N files; with -G alone stop after N files\n"
		"  -z CMD         run 'CMD FILE' for every closed file, the last one too\n"
		"                 (no shell; its failures are reported, not fatal)\n"
		"  -Z USER        after the device is open, switch to USER: every file is\n"
		"                 created by and owned by USER\n"
		"  -U             flush the savefile after every packet\n"
		"\n"
		"printing (as 'dumplab read'):\n"
		"  -n -e -q -S -v -t.. -x.. -X.. -A -T TYPE -b -H --nano\n"
		"\n"
		"  -h, --help     this text\n"
		"\n"
		"Exit status: 0 when the capture ended normally (signal, -c, -G -W); 1 when\n"
		"it could not start (device, filter, file, user, command: one line naming\n"
		"it, and nothing created) or failed while running; 2 for a usage error.\n");
}

static void report_line(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "dumplab: %s\n", line);
}

/*
 * Takes --netns PATH (or --netns=PATH) out of argv, which td_parse does not
 * know. Returns the number of words left, or -1 when --netns has no value.
 */
static int take_netns(int argc, char **argv, const char **netns)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		if (i > 0 && !strcmp(argv[i], "--")) {
			while (i < argc)
				argv[n++] = argv[i++];
			break;
		}
		if (i > 0 && !strcmp(argv[i], "--netns")) {
			if (i + 1 >= argc)
				return -1;
			*netns = argv[++i];
			continue;
		}
		if (i > 0 && !strncmp(argv[i], "--netns=", 8)) {
			*netns = argv[i] + 8;
			continue;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

static int open_netns(const char *netns)
{
	char path[4096];
	int fd;

	if (strchr(netns, '/'))
		snprintf(path, sizeof(path), "%s", netns);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", netns);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fprintf(stderr, "dumplab capture: cannot open network namespace '%s': %s\n",
			HX_Q(path), strerror(errno));
	return fd;
}

/* tcpdump's default device: the first one libpcap lists. */
static char *first_iface(char *err, int netfd)
{
	struct hx_buf b = HX_BUF_INIT;
	char *name = NULL, *dot, *end;

	if (cap_list_ifaces(err, netfd, &b) < 0)
		goto out;
	if (!b.len) {
		hx_err(err, -ENODEV, "no interface to capture on: use -i IF");
		goto out;
	}
	dot = strchr(b.p, '.');
	end = dot ? dot + strcspn(dot, " \n") : NULL;
	if (dot && end > dot + 1)
		name = strndup(dot + 1, (size_t)(end - dot - 1));
	if (!name)
		hx_err(err, -ENOMEM, "out of memory");
out:
	hx_buf_release(&b);
	return name;
}

static void plural(const char *what, unsigned long long n)
{
	fprintf(stderr, "%llu packet%s %s\n", n, n == 1 ? "" : "s", what);
}

int cmd_capture(int argc, char **argv)
{
	char err[HX_ERRLEN], desc[128];
	struct cap_session_cfg cfg = { 0 };
	struct cap_session_stats st;
	struct cap_session *s = NULL;
	struct td_opts o;
	const char *netns = NULL;
	char *dflt = NULL;
	sigset_t sigs, old;
	int rc, status = 1, netfd = -1, sfd = -1;

	argc = take_netns(argc, argv, &netns);
	if (argc < 0) {
		fprintf(stderr, "dumplab capture: option --netns needs a value (see 'dumplab capture --help')\n");
		return 2;
	}
	rc = td_parse(err, argc, argv, TD_CAPTURE, &o);
	if (rc == 1) {
		capture_usage(stdout);
		return 0;
	}
	if (rc < 0) {
		fprintf(stderr, "dumplab capture: %s (see 'dumplab capture --help')\n",
			err);
		return 2;
	}
	if (netns && (netfd = open_netns(netns)) < 0)
		goto out;

	if (o.list_ifaces) {
		struct hx_buf b = HX_BUF_INIT;

		rc = cap_list_ifaces(err, netfd, &b);
		if (rc == 0) {
			fwrite(b.p ? b.p : "", 1, b.len, stdout);
			status = fflush(stdout) == EOF ? 1 : 0;
		} else {
			fprintf(stderr, "dumplab capture: %s\n", err);
		}
		hx_buf_release(&b);
		goto out;
	}
	if (!o.iface) {
		dflt = first_iface(err, netfd);
		if (!dflt) {
			fprintf(stderr, "dumplab capture: %s\n", err);
			goto out;
		}
		o.iface = dflt;
	}

	/*
	 * The signals that end a capture are read from a signalfd; every
	 * thread started from here on (capture, -z queue) inherits the mask.
	 * A closed output pipe is a write error, not a silent death.
	 */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	signal(SIGPIPE, SIG_IGN);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0) {
		fprintf(stderr, "dumplab capture: cannot create a signalfd: %s\n",
			strerror(errno));
		goto out;
	}

	cfg.td = &o;
	cfg.netfd = netfd;
	cfg.print = o.wfile ? NULL : stdout;
	cfg.drop_scope = CAP_DROP_PROCESS;
	cfg.report = report_line;
	rc = cap_session_start(err, &cfg, &s);
	if (rc < 0) {
		fprintf(stderr, "dumplab capture: %s\n", err);
		goto out;
	}
	/* as tcpdump: the program's name starts the first line only */
	if (!o.wfile && !o.pr.vflag)
		fprintf(stderr, "dumplab: verbose output suppressed, use -v[v]... for full protocol decode\n");
	else
		fputs("dumplab: ", stderr);
	fprintf(stderr, "listening on %s, link-type %s, snapshot length %d bytes\n",
		HX_Q(o.iface), pr_dlt_describe(cap_session_dlt(s), desc, sizeof(desc)),
		cap_session_snaplen(s));

	for (;;) {
		struct pollfd pf[2] = {
			{ sfd, POLLIN, 0 },
			{ cap_session_done_fd(s), POLLIN, 0 },
		};

		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "dumplab capture: poll: %s\n", strerror(errno));
			break;
		}
		if (pf[0].revents || pf[1].revents)
			break;
	}
	rc = cap_session_stop(s, err, -1);
	cap_session_stats(s, &st);
	/* tcpdump's closing counts, on stderr */
	if (cfg.print)
		fflush(stdout);
	plural("captured", st.live.kept);
	plural("received by filter", st.live.received);
	plural("dropped by kernel", st.live.dropped);
	if (st.live.ifdropped)
		plural("dropped by interface", st.live.ifdropped);
	if (o.wfile)
		fprintf(stderr, "%llu packet%s written (%llu bytes, %u file%s opened)\n",
			st.files.packets, st.files.packets == 1 ? "" : "s",
			st.files.bytes, st.files.files,
			st.files.files == 1 ? "" : "s");
	{
		char note[512];

		if (cap_session_generic(s, note, sizeof(note)))
			fprintf(stderr, "dumplab: %s\n", note);
	}
	if (rc < 0)
		fprintf(stderr, "dumplab capture: %s\n", err);
	else
		status = 0;
out:
	cap_session_free(s);
	if (sfd >= 0)
		close(sfd);
	if (netfd >= 0)
		close(netfd);
	free(dflt);
	td_release(&o);
	return status;
}
