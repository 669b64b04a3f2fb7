/* report-junit.c: a run's results as JUnit XML, valid against the Jenkins xunit plugin's junit-10.xsd. */
#include "harness/report-int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* The counts a testsuite element carries: a file that did not load is an
 * error, not a failure. */
struct counts {
	size_t tests, failures, errors, skipped;
};

static void count(const struct hx_run *run, struct counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < run->n; i++) {
		const struct hx_run_item *it = &run->items[i];

		c->tests++;
		if (it->rep.status == SC_ST_SKIP)
			c->skipped++;
		else if (it->rep.status == SC_ST_FAIL && !it->sc)
			c->errors++;
		else if (it->rep.status == SC_ST_FAIL)
			c->failures++;
	}
}

/* system-out: where the scenario is, its verdicts, its transcript. */
static void system_out(struct hx_buf *out, const struct hx_run_item *it)
{
	const struct sc_report *r = &it->rep;
	struct hx_buf b = HX_BUF_INIT;
	size_t k;

	hx_buf_printf(&b, "file: %s\n", it->path);
	for (k = 0; it->sc && k < r->nverdicts; k++) {
		const struct sc_verdict *v = &r->verdicts[k];

		hx_buf_puts(&b, v->pass ? "ok    " : "FAIL  ");
		hx_verdict_line(&b, it, k);
		hx_buf_putc(&b, '\n');
		if (!v->pass)
			hx_buf_printf(&b, "      why: %s\n", v->why ? v->why : "");
	}
	if (r->transcript.len) {
		hx_buf_puts(&b, "transcript:\n");
		hx_buf_put(&b, r->transcript.p, r->transcript.len);
	}
	hx_buf_puts(out, "      <system-out>");
	if (b.p)
		hx_xml_escape(out, b.p, b.len);
	hx_buf_puts(out, "</system-out>\n");
	hx_buf_release(&b);
}

void hx_report_junit(struct hx_buf *out, const struct hx_run *run)
{
	char stamp[32], host[256] = "localhost";
	time_t t0 = run->started ? (time_t)run->started : time(NULL);
	struct counts c;
	struct tm tm;
	size_t i, k;

	count(run, &c);
	gmtime_r(&t0, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	if (gethostname(host, sizeof(host) - 1) < 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	hx_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	hx_buf_printf(out, "<testsuites name=\"dumplab\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" time=\"",
		      c.tests, c.failures, c.errors);
	hx_secs(out, run->wall);
	hx_buf_printf(out, "\">\n  <testsuite name=\"scenarios\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"",
		      c.tests, c.failures, c.errors, c.skipped);
	hx_secs(out, run->wall);
	hx_buf_printf(out, "\" timestamp=\"%s\" hostname=\"", stamp);
	xs(out, host);
	hx_buf_puts(out, "\">\n");
	for (i = 0; i < run->n; i++) {
		const struct hx_run_item *it = &run->items[i];
		const struct sc_report *r = &it->rep;
		struct hx_buf name = HX_BUF_INIT;

		hx_item_name(&name, it);
		hx_buf_puts(out, "    <testcase classname=\"dumplab.scenarios\" name=\"");
		xs(out, name.p);
		hx_buf_release(&name);
		hx_buf_puts(out, "\" time=\"");
		hx_secs(out, r->elapsed);
		hx_buf_puts(out, "\">\n");
		if (r->status == SC_ST_FAIL && !it->sc) {
			hx_buf_puts(out, "      <error message=\"");
			xs(out, r->reason ? r->reason : "did not load");
			hx_buf_puts(out, "\" type=\"load\">");
			xs(out, it->load_err);
			hx_buf_puts(out, "</error>\n");
		} else if (r->status == SC_ST_FAIL) {
			hx_buf_puts(out, "      <failure message=\"");
			xs(out, r->reason ? r->reason : "failed");
			hx_buf_printf(out, "\" type=\"%s\">", hx_failed_verdicts(r) ? "expectation" : "run");
			for (k = 0; k < r->nverdicts; k++) {
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
		system_out(out, it);
		hx_buf_puts(out, "    </testcase>\n");
	}
	hx_buf_puts(out, "  </testsuite>\n</testsuites>\n");
}

int hx_junit_attr(const char *tag, const char *name, char *val, size_t len)
{
	const char *end = strchr(tag, '>'), *p = tag;
	size_t nl = strlen(name);

	while (end && (p = strstr(p, name)) && p < end) {
		if (p[-1] == ' ' && p[nl] == '=' && p[nl + 1] == '"') {
			const char *v = p + nl + 2, *q = strchr(v, '"');

			if (!q || q > end || (size_t)(q - v) >= len)
				return -1;
			memcpy(val, v, (size_t)(q - v));
			val[q - v] = '\0';
			return 0;
		}
		p += nl;
	}
	return -1;
}
