/* report.c: a run's results as transcripts, TAP version 14 and JUnit XML. */
#include "harness/runner.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *status_word(enum sc_status s)
{
	return s == SC_ST_PASS ? "PASS" : s == SC_ST_FAIL ? "FAIL" : "SKIP";
}

static const char *name_of(const struct hx_run_item *it)
{
	const char *b;

	if (it->sc)
		return it->sc->name;
	b = strrchr(it->path, '/');
	return b ? b + 1 : it->path;
}

static void secs(struct hx_buf *b, sc_usec us)
{
	hx_buf_printf(b, "%lld.%03lld", (long long)(us / 1000000),
		      (long long)(us / 1000 % 1000));
}

/*
 * Each line of text, prefixed and quoted (hx_quote): a transcript holds
 * what commands printed, which may be anything.
 */
static void indent(struct hx_buf *out, const char *pre, const char *text)
{
	const char *p = text, *nl;

	while (p && *p) {
		nl = strchr(p, '\n');
		hx_buf_puts(out, pre);
		if (!nl) {
			hx_buf_quote(out, p, strlen(p));
			hx_buf_putc(out, '\n');
			return;
		}
		hx_buf_quote(out, p, (size_t)(nl - p));
		hx_buf_putc(out, '\n');
		p = nl + 1;
	}
}

/* A line of the scenario or a message, quoted. */
static void quoted(struct hx_buf *out, const char *s)
{
	if (s)
		hx_buf_quote(out, s, strlen(s));
}

static size_t failed_verdicts(const struct sc_report *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nverdicts; i++)
		n += !r->verdicts[i].pass;
	return n;
}

void hx_report_verdict(struct hx_buf *out, const struct sc_scenario *sc,
		       const struct sc_verdict *v)
{
	const struct sc_expect *e = &sc->expects[v->expect];

	hx_buf_printf(out, "    %-5s line %-4u ", v->pass ? "ok" : "FAIL", e->pos.line);
	quoted(out, e->text);
	hx_buf_putc(out, '\n');
	if (v->pass)
		return;
	hx_buf_puts(out, "          why: ");
	quoted(out, v->why);
	hx_buf_putc(out, '\n');
	if (v->detail)
		indent(out, "          ", v->detail);
}

void hx_report_summary(struct hx_buf *out, const struct hx_run *run)
{
	hx_buf_printf(out, "dumplab: %zu scenario%s: %zu passed, %zu failed, %zu skipped in ",
		      run->n, run->n == 1 ? "" : "s", run->passed, run->failed, run->skipped);
	secs(out, run->wall);
	hx_buf_printf(out, "s%s\n", run->interrupted ? " (interrupted)" : "");
}

void hx_report_text(struct hx_buf *out, const struct hx_run *run)
{
	size_t i, k;

	for (i = 0; i < run->n; i++) {
		const struct hx_run_item *it = &run->items[i];
		const struct sc_report *r = &it->rep;

		hx_buf_puts(out, "=== ");
		quoted(out, name_of(it));
		if (it->sc) {
			hx_buf_puts(out, ": ");
			quoted(out, it->sc->title);
			if (it->sc->seed) {
				hx_buf_puts(out, " (seed ");
				quoted(out, it->sc->seed);
				hx_buf_putc(out, ')');
			}
		}
		hx_buf_putc(out, '\n');
		if (r->transcript.len)
			indent(out, "    ", r->transcript.p);
		for (k = 0; it->sc && k < r->nverdicts; k++)
			hx_report_verdict(out, it->sc, &r->verdicts[k]);
		hx_buf_printf(out, "--- %s ", status_word(r->status));
		quoted(out, name_of(it));
		if (r->reason) {
			hx_buf_puts(out, ": ");
			quoted(out, r->reason);
		}
		hx_buf_puts(out, " (");
		secs(out, r->elapsed);
		hx_buf_puts(out, "s)\n\n");
	}
	hx_report_summary(out, run);
}

/* ---- TAP ------------------------------------------------------------- */

/* A YAML double-quoted scalar. */
static void yaml_str(struct hx_buf *out, const char *s)
{
	hx_buf_putc(out, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			hx_buf_printf(out, "\\%c", c);
		else if (c == '\n')
			hx_buf_puts(out, "\\n");
		else if (c == '\t')
			hx_buf_puts(out, "\\t");
		else if (c < 32 || c == 127)
			hx_buf_printf(out, "\\x%02x", c);
		else
			hx_buf_putc(out, (char)c);
	}
	hx_buf_putc(out, '"');
}

/* A TAP description or directive reason: no '#' (it starts a directive)
 * and no newline. */
static void tap_text(struct hx_buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '#')
			hx_buf_puts(out, "\\#");
		else if (*s == '\\')
			hx_buf_puts(out, "\\\\");
		else if (*s == '\n' || *s == '\r')
			hx_buf_putc(out, ' ');
		else
			hx_buf_putc(out, *s);
	}
}

void hx_report_tap(struct hx_buf *out, const struct hx_run *run)
{
	size_t i, k;

	hx_buf_printf(out, "TAP version 14\n1..%zu\n", run->n);
	for (i = 0; i < run->n; i++) {
		const struct hx_run_item *it = &run->items[i];
		const struct sc_report *r = &it->rep;

		if (r->transcript.len)
			indent(out, "# ", r->transcript.p);
		hx_buf_printf(out, "%s %zu - ", r->status == SC_ST_FAIL ? "not ok" : "ok", i + 1);
		tap_text(out, name_of(it));
		if (r->status == SC_ST_SKIP) {
			hx_buf_puts(out, " # SKIP ");
			tap_text(out, r->reason ? r->reason : "");
		}
		hx_buf_putc(out, '\n');
		if (r->status != SC_ST_FAIL)
			continue;
		hx_buf_puts(out, "  ---\n  message: ");
		yaml_str(out, r->reason ? r->reason : "failed");
		hx_buf_puts(out, "\n  severity: fail\n  file: ");
		yaml_str(out, it->path);
		hx_buf_puts(out, "\n  duration_ms: ");
		hx_buf_printf(out, "%lld\n", (long long)(r->elapsed / 1000));
		if (it->sc && failed_verdicts(r)) {
			hx_buf_puts(out, "  failures:\n");
			for (k = 0; k < r->nverdicts; k++) {
				const struct sc_verdict *v = &r->verdicts[k];
				const struct sc_expect *e = &it->sc->expects[v->expect];

				if (v->pass)
					continue;
				hx_buf_printf(out, "    - line: %u\n      expected: ", e->pos.line);
				yaml_str(out, e->text);
				hx_buf_puts(out, "\n      why: ");
				yaml_str(out, v->why);
				hx_buf_puts(out, "\n      detail: |\n");
				indent(out, "        ", v->detail && *v->detail ? v->detail : "-\n");
			}
		}
		hx_buf_puts(out, "  ...\n");
	}
}

/* ---- JUnit ----------------------------------------------------------- */

/* The length of a valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return len;
}

void hx_xml_escape(struct hx_buf *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t l;

		switch (c) {
		case '&': hx_buf_puts(out, "&amp;"); i++; continue;
		case '<': hx_buf_puts(out, "&lt;"); i++; continue;
		case '>': hx_buf_puts(out, "&gt;"); i++; continue;
		case '"': hx_buf_puts(out, "&quot;"); i++; continue;
		case '\'': hx_buf_puts(out, "&apos;"); i++; continue;
		case '\t': case '\n': case '\r':
			hx_buf_putc(out, (char)c);
			i++;
			continue;
		default:
			break;
		}
		if (c < 0x20 || c == 0x7f || !(l = utf8_len(s + i, n - i))) {
			hx_buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD */
			i++;
			continue;
		}
		hx_buf_put(out, s + i, l);
		i += l;
	}
}

static void xs(struct hx_buf *out, const char *s)
{
	hx_xml_escape(out, s ? s : "", s ? strlen(s) : 0);
}

void hx_report_junit(struct hx_buf *out, const struct hx_run *run)
{
	char stamp[32], host[256] = "localhost";
	time_t now = time(NULL);
	struct tm tm;
	size_t i, k;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	if (gethostname(host, sizeof(host) - 1) < 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	hx_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	hx_buf_printf(out, "<testsuites name=\"dumplab\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"",
		      run->n, run->failed, run->skipped);
	secs(out, run->wall);
	hx_buf_printf(out, "\">\n  <testsuite name=\"scenarios\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"",
		      run->n, run->failed, run->skipped);
	secs(out, run->wall);
	hx_buf_printf(out, "\" timestamp=\"%s\" hostname=\"", stamp);
	xs(out, host);
	hx_buf_puts(out, "\">\n");
	for (i = 0; i < run->n; i++) {
		const struct hx_run_item *it = &run->items[i];
		const struct sc_report *r = &it->rep;

		hx_buf_puts(out, "    <testcase classname=\"dumplab.scenarios\" name=\"");
		xs(out, name_of(it));
		hx_buf_puts(out, "\" file=\"");
		xs(out, it->path);
		hx_buf_puts(out, "\" time=\"");
		secs(out, r->elapsed);
		hx_buf_puts(out, "\">\n");
		if (r->status == SC_ST_FAIL) {
			hx_buf_puts(out, "      <failure message=\"");
			xs(out, r->reason ? r->reason : "failed");
			hx_buf_printf(out, "\" type=\"%s\">", it->sc ? (failed_verdicts(r) ? "expectation" : "run") : "parse");
			for (k = 0; it->sc && k < r->nverdicts; k++) {
				const struct sc_verdict *v = &r->verdicts[k];

				if (v->pass)
					continue;
				xs(out, v->why);
				hx_buf_putc(out, '\n');
				xs(out, v->detail);
				hx_buf_putc(out, '\n');
			}
			hx_buf_puts(out, "</failure>\n");
		} else if (r->status == SC_ST_SKIP) {
			hx_buf_puts(out, "      <skipped message=\"");
			xs(out, r->reason ? r->reason : "skipped");
			hx_buf_puts(out, "\"/>\n");
		}
		if (r->transcript.len) {
			hx_buf_puts(out, "      <system-out>");
			hx_xml_escape(out, r->transcript.p, r->transcript.len);
			hx_buf_puts(out, "</system-out>\n");
		}
		hx_buf_puts(out, "    </testcase>\n");
	}
	hx_buf_puts(out, "  </testsuite>\n</testsuites>\n");
}
