/* cmd-run.c: `dumplab run` and `dumplab list`: finding scenarios, options, output. */
#define _GNU_SOURCE 1 /* asprintf */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness/cmds.h"
#include "harness/exec.h"
#include "harness/report-html.h"
#include "harness/runner.h"
#include "harness/shard.h"
#include "netns/ns.h"

#ifndef DUMPLAB_DATADIR
#define DUMPLAB_DATADIR "/usr/local/share/dumplab"
#endif

#define STR_(x) #x
#define STR(x) STR_(x)

static const char run_usage_head[] =
	"usage: dumplab run [-q|-v] [-j N] [--tap[=13|14]] [--junit FILE] [--out DIR]\n"
	"                   [--html DIR] [--timeout SECS] [--shard K/N|auto] [--shard-times FILE]\n"
	"                   [--color=WHEN]\n"
	"                   [NAME|FILE ...]\n"
	"\n"
	"Runs scenarios (by default every scenarios/*.scn), each in its own hosts,\n"
	"N at a time, the longest declared timeout first, and prints one line per\n"
	"scenario in the order named, a failure in full (its transcript and\n"
	"expectation verdicts), then the summary, the failed scenarios and the\n"
	"command that reruns them. Ctrl-C cancels the run; a scenario cut by it\n"
	"or by its timeout names the step it was in.\n"
	"\n";

static const char run_usage_tail[] =
	"  -q, --quiet     one line per scenario, and the failed verdicts\n"
	"  -v, --verbose   every scenario's transcript and verdicts in full\n"
	"  --tap[=13|14]   print TAP instead: version 13 (the default; verdicts as\n"
	"                  YAML diagnostics) or 14 (verdicts as subtests)\n"
	"  --junit FILE    also write JUnit XML to FILE (junit-10.xsd)\n"
	"  --out DIR       keep each scenario's savefiles, a LABEL.pcap of every\n"
	"                  capture and transcript.txt (with the verdicts) in\n"
	"                  DIR/NAME/ (a scenario named twice: DIR/NAME.2/ ...);\n"
	"                  an earlier run's DIR is replaced, another non-empty\n"
	"                  directory refused\n"
	"  --html DIR      also write a static HTML report: DIR/index.html (the\n"
	"                  verdicts, failed first) and DIR/NAME.html (topology,\n"
	"                  steps, packets, TCP ladders in SVG, verdicts; with\n"
	"                  --out, links to the kept pcaps); offline, no server;\n"
	"                  an earlier report's DIR is replaced, a file or another\n"
	"                  non-empty directory refused\n"
	"  --timeout SECS  the timeout of scenarios that set none (default 60)\n"
	"  --shard K/N     run the K-th of N shards of the scenarios named: the\n"
	"                  same split on every machine, balanced by durations;\n"
	"                  auto: K/N from CI_NODE_INDEX and CI_NODE_TOTAL\n"
	"  --shard-times FILE  the durations: those FILE (an earlier run's\n"
	"                  --junit) recorded, else the declared timeouts\n"
	"  --color=WHEN    auto (the default: on a terminal, unless NO_COLOR is\n"
	"                  set), always or never\n"
	"\n"
	"A NAME is looked up in the scenario directory: the working tree's\n"
	"scenarios/ next to this binary, else " DUMPLAB_DATADIR "/scenarios;\n"
	"DUMPLAB_SCENARIOS=DIR overrides both. Temporary scenario directories live\n"
	"on a tmpfs of dumplab's own, gone with it even after a SIGKILL.\n"
	"Exit status: 0 all passed or skipped, 1 some failed, 2 usage, 130 interrupted.\n";

static void run_usage(FILE *f)
{
	fputs(run_usage_head, f);
	/* Scenarios mostly wait on kernel timers: several per core. */
	fprintf(f,
		"  -j N            run N scenarios at once (default: " STR(HX_JOBS_PER_CORE)
		" per core, at least " STR(HX_JOBS_MIN) ":\n"
		"                  %d here)\n",
		hx_run_default_jobs());
	fputs(run_usage_tail, f);
}

static const char list_usage[] =
	"usage: dumplab list [NAME|FILE ...]\n"
	"\n"
	"Prints the scenario catalogue: name, seed section, what it needs, title.\n"
	"Exit status: 0, or 1 when a scenario does not load.\n";

/* Whether dir/rel exists with the type given (S_IFDIR, S_IFREG). */
static int exists(const char *dir, const char *rel, mode_t type)
{
	char p[PATH_MAX];
	struct stat st;

	if ((size_t)snprintf(p, sizeof(p), "%s/%s", dir, rel) >= sizeof(p))
		return 0;
	return stat(p, &st) == 0 && (st.st_mode & S_IFMT) == type;
}

/*
 * The scenario directory: $DUMPLAB_SCENARIOS; else the working tree the
 * binary was built in (its directory or up to two above it, holding both
 * scenarios/ and harness/main.c); else the installed DATADIR/scenarios.
 */
static char *scenario_dir(void)
{
	const char *env = getenv("DUMPLAB_SCENARIOS");
	char exe[PATH_MAX], *slash, *out;
	ssize_t n;
	int up;

	if (env && *env)
		return strdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (up = 0; up < 3; up++) {
			slash = strrchr(exe, '/');
			if (!slash || slash == exe)
				break;
			*slash = '\0';
			if (exists(exe, "scenarios", S_IFDIR) &&
			    exists(exe, "harness/main.c", S_IFREG)) {
				if (asprintf(&out, "%s/scenarios", exe) < 0)
					return NULL;
				return out;
			}
		}
	}
	return strdup(DUMPLAB_DATADIR "/scenarios");
}

static int scn_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 && !strcmp(d->d_name + n - 4, ".scn");
}

void cmd_free_paths(char **p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(p[i]);
	free(p);
}

/*
 * The paths of the scenarios the words name (all of dir when none).
 * Returns 0, or 2 after printing why (a usage error).
 */
int cmd_resolve(char **words, int nwords, char ***paths, size_t *n)
{
	char *dir = scenario_dir();
	char **p = NULL;
	int i;

	*paths = NULL;
	*n = 0;
	if (!dir) {
		fprintf(stderr, "dumplab: out of memory\n");
		return 2;
	}
	if (nwords == 0) {
		struct dirent **ents;
		int k, m = scandir(dir, &ents, scn_filter, alphasort);

		if (m < 0) {
			fprintf(stderr, "dumplab: cannot read the scenario directory '%s': %s\n", HX_Q(dir),
				strerror(errno));
			free(dir);
			return 2;
		}
		p = calloc((size_t)m + 1, sizeof(*p));
		for (k = 0; k < m; k++) {
			if (p && asprintf(&p[k], "%s/%s", dir, ents[k]->d_name) < 0)
				p[k] = NULL;
			free(ents[k]);
		}
		free(ents);
		if (!p) {
			free(dir);
			return 2;
		}
		for (k = 0; k < m; k++)
			if (!p[k]) {
				cmd_free_paths(p, (size_t)m);
				free(dir);
				fprintf(stderr, "dumplab: out of memory\n");
				return 2;
			}
		*paths = p;
		*n = (size_t)m;
		free(dir);
		return 0;
	}
	p = calloc((size_t)nwords + 1, sizeof(*p));
	if (!p) {
		free(dir);
		return 2;
	}
	for (i = 0; i < nwords; i++) {
		const char *w = words[i];
		size_t len = strlen(w);
		int is_path = strchr(w, '/') || (len > 4 && !strcmp(w + len - 4, ".scn"));
		struct stat st;
		const char *why = NULL;

		if (is_path) {
			p[i] = strdup(w);
		} else if (asprintf(&p[i], "%s/%s.scn", dir, w) < 0) {
			p[i] = NULL;
		}
		if (!p[i]) {
			fprintf(stderr, "dumplab: out of memory\n");
			cmd_free_paths(p, (size_t)i);
			free(dir);
			return 2;
		}
		if (stat(p[i], &st) < 0)
			why = strerror(errno);
		else if (!S_ISREG(st.st_mode))
			why = "not a regular file";
		if (why) {
			if (is_path)
				fprintf(stderr, "dumplab: no scenario file '%s': %s\n", HX_Q(w), why);
			else
				fprintf(stderr, "dumplab: no scenario '%s' (looked for '%s': %s)\n", HX_Q(w),
					HX_Q(p[i]), why);
			cmd_free_paths(p, (size_t)i + 1);
			free(dir);
			return 2;
		}
	}
	*paths = p;
	*n = (size_t)nwords;
	free(dir);
	return 0;
}

static int write_file(const char *path, const struct hx_buf *b)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	struct hx_buf tmp = *b;
	int r;

	if (fd < 0)
		return -errno;
	r = hx_buf_flush(&tmp, fd);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	return r;
}

/* The file name of path: what a shard split keys on, the same on every
 * machine whatever the checkout's path. */
static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* The time JUnit text (an earlier run's --junit) recorded for the
 * testcase named name, in seconds; < 0 when it has none. */
static double recorded(const char *junit, const char *name)
{
	const char *p = junit;
	char v[256];

	while (p && (p = strstr(p, "<testcase "))) {
		if (hx_junit_attr(p, "name", v, sizeof(v)) == 0 && !strcmp(v, name) &&
		    hx_junit_attr(p, "time", v, sizeof(v)) == 0)
			return strtod(v, NULL);
		p++;
	}
	return -1;
}

/*
 * Keeps the paths of shard k of n (in their order), balanced by each
 * scenario's duration recorded in times (JUnit text, or NULL), else its
 * declared timeout (default_timeout when it declares none); a file that
 * does not load weighs nothing and still goes to one shard. 0, or 1 out
 * of memory.
 */
static int shard(char **paths, size_t *n, unsigned k, unsigned nsh, sc_usec default_timeout,
		 const char *times)
{
	const char **key = calloc(*n ? *n : 1, sizeof(*key));
	double *w = calloc(*n ? *n : 1, sizeof(*w));
	unsigned char *keep = calloc(*n ? *n : 1, 1);
	char err[HX_ERRLEN];
	size_t i, j;
	int r = 1;

	if (!key || !w || !keep)
		goto out;
	for (i = 0; i < *n; i++) {
		struct sc_scenario *sc;

		key[i] = base_name(paths[i]);
		if (sc_load(err, paths[i], &sc) == 0) {
			double t = times ? recorded(times, sc->name) : -1;

			w[i] = t >= 0 ? t : (double)(sc->timeout ? sc->timeout : default_timeout) / 1e6;
			sc_free(sc);
		}
	}
	if (hx_shard_pick(*n, key, w, k, nsh, keep) < 0)
		goto out;
	for (i = j = 0; i < *n; i++) {
		if (keep[i])
			paths[j++] = paths[i];
		else
			free(paths[i]);
	}
	*n = j;
	r = 0;
out:
	free(key);
	free(w);
	free(keep);
	if (r)
		fprintf(stderr, "dumplab run: out of memory\n");
	return r;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "tap", optional_argument, NULL, 't' },
		{ "junit", required_argument, NULL, 'J' },
		{ "out", required_argument, NULL, 'o' },
		{ "html", required_argument, NULL, 'H' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "color", optional_argument, NULL, 'C' },
		{ "colour", optional_argument, NULL, 'C' },
		{ "shard", required_argument, NULL, 'S' },
		{ "shard-times", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hx_run_opts o = { .progress_fd = -1, .cancel_fd = -1, .handle_signals = 1 };
	struct hx_text_opts to = { .verbosity = HX_NORMAL };
	struct hx_run run;
	struct hx_buf out = HX_BUF_INIT;
	const char *junit = NULL, *html = NULL, *color = "auto", *nc, *times_file = NULL;
	struct hx_buf times = HX_BUF_INIT;
	char err[HX_ERRLEN], scratch[64], **paths = NULL, *dir = NULL;
	size_t npaths = 0;
	unsigned shard_k = 0, shard_n = 0;
	int c, tap = 0, rc;
	char *end;
	long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+j:qvh", longs, NULL)) != -1) {
		switch (c) {
		case 'j':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 1024) {
				fprintf(stderr, "dumplab run: -j: '%s' is not a number of jobs (1-1024)\n",
					HX_Q(optarg));
				return 2;
			}
			o.jobs = (int)v;
			break;
		case 't':
			if (!optarg || !strcmp(optarg, "13")) {
				tap = 13;
			} else if (!strcmp(optarg, "14")) {
				tap = 14;
			} else {
				fprintf(stderr, "dumplab run: --tap: '%s' is not a TAP version dumplab writes (13 or 14)\n",
					HX_Q(optarg));
				return 2;
			}
			break;
		case 'J':
			junit = optarg;
			break;
		case 'o':
			o.outdir = optarg;
			break;
		case 'H':
			html = optarg;
			break;
		case 'T':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 86400) {
				fprintf(stderr, "dumplab run: --timeout: '%s' is not a number of seconds\n",
					HX_Q(optarg));
				return 2;
			}
			o.default_timeout = (sc_usec)v * 1000000;
			break;
		case 'q':
			to.verbosity = HX_QUIET;
			break;
		case 'v':
			to.verbosity = HX_VERBOSE;
			break;
		case 'C':
			color = optarg ? optarg : "always";
			if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never")) {
				fprintf(stderr, "dumplab run: --color: '%s' is not auto, always or never\n",
					HX_Q(color));
				return 2;
			}
			break;
		case 'S':
			if (hx_shard_parse(err, optarg, &shard_k, &shard_n) < 0) {
				fprintf(stderr, "dumplab run: %s\n", err);
				return 2;
			}
			break;
		case 'D':
			times_file = optarg;
			break;
		case 'h':
			run_usage(stdout);
			return 0;
		default:
			if (optopt > ' ' && optopt < 0x7f && optopt != '?')
				fprintf(stderr, "dumplab run: option -%c %s\n", optopt,
					strchr("jJoHTSD", optopt) ? "needs an argument" : "is unknown");
			else
				fprintf(stderr, "dumplab run: unknown option '%s'\n", HX_Q(argv[optind - 1]));
			run_usage(stderr);
			return 2;
		}
	}
	if (o.outdir) {
		struct stat st;

		if (stat(o.outdir, &st) == 0 && !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "dumplab run: --out: '%s' is a file, not a directory\n",
				HX_Q(o.outdir));
			return 2;
		}
	}
	if (html) {
		size_t a = strlen(html), b = o.outdir ? strlen(o.outdir) : 0;

		while (a > 1 && html[a - 1] == '/')
			a--;
		while (b > 1 && o.outdir[b - 1] == '/')
			b--;
		if (o.outdir && a == b && !strncmp(html, o.outdir, a)) {
			fprintf(stderr, "dumplab run: --html: '%s' is the --out directory too: give each its own\n",
				HX_Q(html));
			return 2;
		}
		if ((rc = hx_html_check(err, html)) < 0) {
			fprintf(stderr, "dumplab run: --html: %s\n", err);
			return rc == -ENOTDIR || rc == -EEXIST ? 2 : 1;
		}
	}
	if ((rc = cmd_resolve(argv + optind, argc - optind, &paths, &npaths)) != 0)
		return rc;
	if (times_file) {
		int r = hx_read_file(times_file, &times);

		if (r < 0 || !times.p || strncmp(times.p, "<?xml", 5) || !strstr(times.p, "<testcase ")) {
			fprintf(stderr, "dumplab run: --shard-times: '%s' %s%s\n", HX_Q(times_file),
				r < 0 ? "cannot be read: " : "is not a JUnit report with testcases",
				r < 0 ? strerror(-r) : "");
			hx_buf_release(&times);
			cmd_free_paths(paths, npaths);
			return 2;
		}
	}
	if (shard_n && shard(paths, &npaths, shard_k, shard_n,
			     o.default_timeout ? o.default_timeout : (sc_usec)60 * 1000000,
			     times.p)) {
		hx_buf_release(&times);
		cmd_free_paths(paths, npaths);
		return 1;
	}
	hx_buf_release(&times);
	/* Checked before any scenario runs, and the one check that empties
	 * an earlier run's DIR. */
	if (o.outdir && (rc = hx_run_outdir(err, o.outdir)) < 0) {
		fprintf(stderr, "dumplab run: --out: %s\n", err);
		cmd_free_paths(paths, npaths);
		return rc == -ENOTDIR || rc == -EEXIST ? 2 : 1;
	}
	o.keep_pcaps = o.outdir != NULL;
	o.html = html != NULL;
	nc = getenv("NO_COLOR");
	to.color = !strcmp(color, "always") ||
		   (!strcmp(color, "auto") && !(nc && *nc) && isatty(STDOUT_FILENO));
	if (isatty(STDERR_FILENO))
		o.progress_fd = STDERR_FILENO;
	/* Hosts need root or a user namespace of our own: entered while this
	 * process still has one thread. */
	if (ns_boot(err) < 0) {
		fprintf(stderr, "dumplab run: %s\n", err);
		cmd_free_paths(paths, npaths);
		return 1;
	}
	o.exec = hx_exec_real;
	if (hx_run_load(err, &run, paths, npaths) < 0) {
		fprintf(stderr, "dumplab run: %s\n", err);
		hx_run_release(&run);
		cmd_free_paths(paths, npaths);
		return 1;
	}
	/* Temporary scenario directories on a tmpfs that dies with this
	 * process: a killed run leaves nothing in TMPDIR. Entered after the
	 * scenarios are read and while there is one thread; not when a path
	 * the user named is on the file system it hides. */
	if (!o.outdir && !(junit && hx_run_scratch_hides(junit)) &&
	    !(html && hx_run_scratch_hides(html))) {
		int j = o.jobs > 0 ? o.jobs : hx_run_default_jobs();

		if (hx_run_scratch(err, hx_run_scratch_size(j), scratch, sizeof(scratch)) == 0)
			o.scratch = scratch;
		else
			fprintf(stderr, "dumplab run: warning: scenario directories go to TMPDIR: %s\n",
				err);
	}
	if (hx_run_exec(err, &run, &o) < 0) {
		fprintf(stderr, "dumplab run: %s\n", err);
		hx_run_release(&run);
		cmd_free_paths(paths, npaths);
		return 1;
	}
	if (tap) {
		hx_report_tap(&out, &run, tap);
	} else {
		dir = scenario_dir();
		to.scn_dir = dir;
		hx_report_text(&out, &run, &to);
	}
	hx_buf_flush(&out, STDOUT_FILENO);
	free(dir);
	rc = hx_run_exit_code(&run);
	if (junit) {
		int r;

		hx_report_junit(&out, &run);
		if (out.oom || (r = write_file(junit, &out)) < 0) {
			fprintf(stderr, "dumplab run: cannot write '%s': %s\n", HX_Q(junit),
				out.oom ? "out of memory" : strerror(-r));
			if (rc == 0)
				rc = 1;
		}
	}
	if (html) {
		struct timespec t0, t1;
		const char *bench = getenv("DUMPLAB_BENCH");
		sc_usec frag = 0;
		size_t i;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (hx_report_html(err, html, &run, o.outdir) < 0) {
			fprintf(stderr, "dumplab run: --html: %s\n", err);
			if (rc == 0)
				rc = 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		/* make bench: what the report costs beyond the run */
		for (i = 0; i < run.n; i++)
			frag += run.items[i].rep.html_took;
		if (bench && *bench)
			fprintf(stderr, "bench: --html: %zu pages written in %.3f s after the run; "
					"their steps and captures took %.3f s in the workers\n",
				run.n + 1,
				(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
				(double)frag / 1e6);
	}
	hx_buf_release(&out);
	hx_run_release(&run);
	cmd_free_paths(paths, npaths);
	return rc;
}

/* Prints s padded to width columns (UTF-8 characters, not bytes). */
static void pad(const char *s, int width)
{
	int cols = 0;
	const char *p;

	for (p = s; *p; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	fputs(s, stdout);
	for (; cols < width; cols++)
		putchar(' ');
	putchar(' ');
}

int cmd_list(int argc, char **argv)
{
	char **paths = NULL, err[HX_ERRLEN];
	size_t npaths = 0, i, k;
	int rc = 0;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(list_usage, stdout);
		return 0;
	}
	for (i = 1; i < (size_t)argc; i++)
		if (argv[i][0] == '-') {
			fprintf(stderr, "dumplab list: unknown option '%s'\n", HX_Q(argv[i]));
			fputs(list_usage, stderr);
			return 2;
		}
	if ((rc = cmd_resolve(argv + 1, argc - 1, &paths, &npaths)) != 0)
		return rc;
	pad("NAME", 16);
	pad("SEED", 13);
	printf("TITLE [NEEDS]\n");
	for (i = 0; i < npaths; i++) {
		struct sc_scenario *sc;
		char needs[256] = "", one[128];

		if (sc_load(err, paths[i], &sc) < 0) {
			fprintf(stderr, "dumplab list: %s\n", err);
			rc = 1;
			continue;
		}
		for (k = 0; k < sc->nneeds; k++) {
			size_t l = strlen(needs);

			snprintf(needs + l, sizeof(needs) - l, "%s%s", l ? ", " : "",
				 sc_need_describe(&sc->needs[k], one, sizeof(one)));
		}
		pad(sc->name, 16);
		pad(sc->seed ? sc->seed : "-", 13);
		printf("%s%s%s%s\n", sc->title, needs[0] ? " [needs " : "", needs,
		       needs[0] ? "]" : "");
		sc_free(sc);
	}
	cmd_free_paths(paths, npaths);
	return rc;
}
