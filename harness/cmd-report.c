/* cmd-report.c: `dumplab report merge`: the JUnit or TAP reports of a run's shards joined into one. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/cmds.h"
#include "harness/hx.h"
#include "harness/runner.h"

static const char report_usage[] =
	"usage: dumplab report merge [-o OUT] FILE ...\n"
	"\n"
	"Joins the reports of the shards of a run (dumplab run --shard K/N) into\n"
	"one: JUnit XML (--junit) keeps each shard's testsuite under one\n"
	"testsuites with the totals added up; TAP (--tap, version 13 or 14) is\n"
	"renumbered under one plan. All the FILEs must be of one kind and\n"
	"version. Writes OUT, or the standard output.\n"
	"Exit status: 0, 1 when a file cannot be read or written, 2 usage (and a\n"
	"FILE that is not a report dumplab wrote).\n";

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dumplab\" "

/* A count attribute: digits only. */
static int num_attr(const char *tag, const char *name, unsigned long *n)
{
	char v[32], *end;

	if (hx_junit_attr(tag, name, v, sizeof(v)) < 0 || v[0] < '0' || v[0] > '9')
		return -1;
	*n = strtoul(v, &end, 10);
	return *end ? -1 : 0;
}

static size_t count_of(const char *s, const char *end, const char *what)
{
	size_t n = 0, l = strlen(what);

	while ((s = strstr(s, what)) && s < end) {
		n++;
		s += l;
	}
	return n;
}

struct junit_totals {
	unsigned long tests, failures, errors;
	double time;
};

/*
 * Checks that text is a JUnit report dumplab wrote (its head, one
 * testsuites, counts that add up) and appends its testsuite elements to
 * out. Returns 0, or -EINVAL with why.
 */
static int junit_take(char *err, const char *file, const char *text, struct hx_buf *out,
		      struct junit_totals *t)
{
	const char *first, *close, *end, *top;
	char v[64];
	unsigned long n, f, e;

	if (strncmp(text, XML_HEAD, strlen(XML_HEAD)) ||
	    !(close = strstr(text, "</testsuites>")))
		return hx_err(err, -EINVAL, "'%s' is not a JUnit report of dumplab run", file);
	top = strstr(text, "<testsuites ");
	if (num_attr(top, "tests", &n) < 0 || num_attr(top, "failures", &f) < 0 ||
	    num_attr(top, "errors", &e) < 0)
		return hx_err(err, -EINVAL, "'%s': its testsuites element has no tests, failures and errors", file);
	if (count_of(text, close, "<testcase ") != n ||
	    count_of(text, close, "<failure ") != f || count_of(text, close, "<error ") != e)
		return hx_err(err, -EINVAL, "'%s': its counts do not add up: not a whole JUnit report", file);
	if (hx_junit_attr(top, "time", v, sizeof(v)) == 0)
		t->time += strtod(v, NULL);
	t->tests += n;
	t->failures += f;
	t->errors += e;
	first = strstr(text, "  <testsuite ");
	if (!first || first > close)
		return 0;
	end = close;
	hx_buf_put(out, first, (size_t)(end - first));
	return 0;
}

/* A test line of the top level: "ok N" or "not ok N". */
static int test_line(const char *l, size_t *skip)
{
	size_t k = !strncmp(l, "ok ", 3) ? 3 : !strncmp(l, "not ok ", 7) ? 7 : 0;

	if (!k || l[k] < '0' || l[k] > '9')
		return 0;
	*skip = k + strspn(l + k, "0123456789");
	return 1;
}

/*
 * Checks that text is TAP of version (13 or 14; 0: the first file's,
 * set) with its plan first and as many test lines as planned, and
 * appends its lines after the plan, renumbered from *next.
 */
static int tap_take(char *err, const char *file, const char *text, int *version,
		    struct hx_buf *out, unsigned long *next)
{
	int v;
	unsigned long plan, seen = 0;
	const char *p, *nl;
	char *end;

	if (!strncmp(text, "TAP version 13\n", 15))
		v = 13;
	else if (!strncmp(text, "TAP version 14\n", 15))
		v = 14;
	else
		return hx_err(err, -EINVAL, "'%s' is not TAP version 13 or 14", file);
	if (*version && *version != v)
		return hx_err(err, -EINVAL, "'%s' is TAP version %d, the others %d", file, v, *version);
	*version = v;
	if (strncmp(text + 15, "1..", 3) ||
	    (plan = strtoul(text + 18, &end, 10), *end != '\n'))
		return hx_err(err, -EINVAL, "'%s' has no plan after its version line", file);
	for (p = end + 1; *p; p = nl + 1) {
		size_t skip;

		nl = strchr(p, '\n');
		if (!nl)
			return hx_err(err, -EINVAL, "'%s' ends in the middle of a line", file);
		if (test_line(p, &skip)) {
			seen++;
			hx_buf_printf(out, "%s %lu", p[0] == 'o' ? "ok" : "not ok", *next + seen);
			hx_buf_put(out, p + skip, (size_t)(nl + 1 - (p + skip)));
		} else {
			hx_buf_put(out, p, (size_t)(nl + 1 - p));
		}
	}
	if (seen != plan)
		return hx_err(err, -EINVAL, "'%s' plans %lu tests and has %lu: not a whole TAP report",
			      file, plan, seen);
	*next += seen;
	return 0;
}

static int merge(int argc, char **argv)
{
	const char *outpath = NULL;
	struct hx_buf body = HX_BUF_INIT, out = HX_BUF_INIT;
	struct junit_totals t = { 0 };
	unsigned long next = 0;
	char err[HX_ERRLEN];
	int i, kind = 0, version = 0, rc = 0, nfiles = 0;

	for (i = 1; i < argc; i++) {
		struct hx_buf in = HX_BUF_INIT;
		int r, k;

		if (!strcmp(argv[i], "-o")) {
			if (i + 1 == argc) {
				fprintf(stderr, "dumplab report merge: option -o needs a file\n");
				return 2;
			}
			outpath = argv[++i];
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "dumplab report merge: unknown option '%s'\n", HX_Q(argv[i]));
			return 2;
		}
		if ((r = hx_read_file(argv[i], &in)) < 0) {
			fprintf(stderr, "dumplab report merge: cannot read '%s': %s\n", HX_Q(argv[i]),
				strerror(-r));
			hx_buf_release(&in);
			rc = 1;
			goto out;
		}
		k = in.p && !strncmp(in.p, "TAP version", 11) ? 2 : 1;
		if (kind && k != kind) {
			fprintf(stderr, "dumplab report merge: '%s' is %s, the others %s\n",
				HX_Q(argv[i]), k == 2 ? "TAP" : "not TAP", kind == 2 ? "TAP" : "JUnit");
			hx_buf_release(&in);
			rc = 2;
			goto out;
		}
		kind = k;
		r = kind == 2 ? tap_take(err, argv[i], in.p ? in.p : "", &version, &body, &next)
			      : junit_take(err, argv[i], in.p ? in.p : "", &body, &t);
		hx_buf_release(&in);
		if (r < 0) {
			fprintf(stderr, "dumplab report merge: %s\n", err);
			rc = 2;
			goto out;
		}
		nfiles++;
	}
	if (!nfiles) {
		fprintf(stderr, "dumplab report merge: no report to merge\n");
		fputs(report_usage, stderr);
		rc = 2;
		goto out;
	}
	if (kind == 2) {
		hx_buf_printf(&out, "TAP version %d\n1..%lu\n", version, next);
	} else {
		hx_buf_printf(&out, XML_HEAD "tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" time=\"%.3f\">\n",
			      t.tests, t.failures, t.errors, t.time);
	}
	if (body.p)
		hx_buf_put(&out, body.p, body.len);
	if (kind != 2)
		hx_buf_puts(&out, "</testsuites>\n");
	if (out.oom) {
		fprintf(stderr, "dumplab report merge: out of memory\n");
		rc = 1;
		goto out;
	}
	if (outpath) {
		int fd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), r;

		r = fd < 0 ? -errno : hx_buf_flush(&out, fd);
		if (fd >= 0 && close(fd) < 0 && r == 0)
			r = -errno;
		if (r < 0) {
			fprintf(stderr, "dumplab report merge: cannot write '%s': %s\n", HX_Q(outpath),
				strerror(-r));
			unlink(outpath);
			rc = 1;
		}
	} else if (hx_buf_flush(&out, STDOUT_FILENO) < 0) {
		rc = 1;
	}
out:
	hx_buf_release(&body);
	hx_buf_release(&out);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(report_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "merge"))
		return merge(argc - 1, argv + 1);
	fprintf(stderr, "dumplab report: unknown subcommand '%s' (merge is the one)\n", HX_Q(argv[1]));
	return 2;
}
