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
#include <unistd.h>

#include "harness/cmds.h"
#include "harness/exec.h"
#include "harness/runner.h"
#include "netns/ns.h"

#ifndef DUMPLAB_DATADIR
#define DUMPLAB_DATADIR "/usr/local/share/dumplab"
#endif

#define STR_(x) #x
#define STR(x) STR_(x)

static const char run_usage_head[] =
	"usage: dumplab run [-j N] [--tap] [--junit FILE] [--out DIR] [--timeout SECS]\n"
	"                   [NAME|FILE ...]\n"
	"\n"
	"Runs scenarios (by default every scenarios/*.scn), each in its own hosts,\n"
	"N at a time, the longest declared timeout first, and prints each one's\n"
	"transcript and expectation verdicts in the order named. Ctrl-C cancels\n"
	"the run.\n"
	"\n";

static const char run_usage_tail[] =
	"  --tap           print TAP version 14 instead of transcripts\n"
	"  --junit FILE    also write JUnit XML to FILE\n"
	"  --out DIR       keep each scenario's savefiles and transcript in DIR/NAME/\n"
	"                  (a scenario named twice: DIR/NAME.2/ ...)\n"
	"  --timeout SECS  the timeout of scenarios that set none (default 60)\n"
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

int cmd_run(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "tap", no_argument, NULL, 't' },
		{ "junit", required_argument, NULL, 'J' },
		{ "out", required_argument, NULL, 'o' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hx_run_opts o = { .progress_fd = -1, .cancel_fd = -1, .handle_signals = 1 };
	struct hx_run run;
	struct hx_buf out = HX_BUF_INIT;
	const char *junit = NULL;
	char err[HX_ERRLEN], scratch[64], **paths = NULL;
	size_t npaths = 0;
	int c, tap = 0, rc;
	char *end;
	long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+j:h", longs, NULL)) != -1) {
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
			tap = 1;
			break;
		case 'J':
			junit = optarg;
			break;
		case 'o':
			o.outdir = optarg;
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
		case 'h':
			run_usage(stdout);
			return 0;
		default:
			if (optopt > ' ' && optopt < 0x7f && optopt != '?')
				fprintf(stderr, "dumplab run: option -%c %s\n", optopt,
					strchr("jJoT", optopt) ? "needs an argument" : "is unknown");
			else
				fprintf(stderr, "dumplab run: unknown option '%s'\n", HX_Q(argv[optind - 1]));
			run_usage(stderr);
			return 2;
		}
	}
	if ((rc = cmd_resolve(argv + optind, argc - optind, &paths, &npaths)) != 0)
		return rc;
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
	if (!o.outdir && !(junit && hx_run_scratch_hides(junit))) {
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
	if (tap)
		hx_report_tap(&out, &run);
	else
		hx_report_text(&out, &run);
	hx_buf_flush(&out, STDOUT_FILENO);
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
