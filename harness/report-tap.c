/* report-tap.c: a run's results as TAP version 13 (verdicts as YAML diagnostics) or 14 (verdicts as subtests). */
#include "harness/report-int.h"

#include <stdio.h>
#include <string.h>

/*
 * Appends the code point of the valid UTF-8 sequence at s (n bytes left)
 * to cp and returns its length, or 0 when it is not one.
 */
static size_t utf8_cp(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, *cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, *cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, *cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

/*
 * TAP text in ASCII. prove (TAP::Harness 3.44) decodes UTF-8 and prints
 * it back without an encoding layer, which warns "Wide character in
 * print" for anything past U+00FF: so every non-ASCII character becomes
 * \uXXXX (\UXXXXXXXX past the BMP), the escape a YAML double-quoted
 * scalar reads back as the character itself; a byte that is not UTF-8
 * becomes \xHH and a control byte (but tab) a C escape. In a description
 * (desc) '#' (a directive) and '\' are escaped too and a newline becomes
 * a space; in YAML (yaml) '"' and '\' are escaped and a newline is \n.
 */
enum tap_ctx { T_COMMENT, T_DESC, T_YAML };

static void tap_str(struct hx_buf *out, const char *str, size_t n, enum tap_ctx ctx)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, l;
	unsigned cp;

	while (i < n) {
		unsigned char c = s[i];

		if (c >= 0x80) {
			if ((l = utf8_cp(s + i, n - i, &cp)) == 0) {
				hx_buf_printf(out, "\\x%02x", c);
				i++;
				continue;
			}
			hx_buf_printf(out, cp > 0xffff ? "\\U%08x" : "\\u%04x", cp);
			i += l;
			continue;
		}
		i++;
		if (c == '\n') {
			hx_buf_puts(out, ctx == T_YAML ? "\\n" : " ");
		} else if (c == '\t') {
			hx_buf_puts(out, ctx == T_YAML ? "\\t" : "\t");
		} else if (c < 0x20 || c == 0x7f) {
			hx_buf_printf(out, "\\x%02x", c);
		} else if (c == '\\' && ctx != T_COMMENT) {
			hx_buf_puts(out, "\\\\");
		} else if ((c == '#' && ctx == T_DESC) || (c == '"' && ctx == T_YAML)) {
			hx_buf_putc(out, '\\');
			hx_buf_putc(out, (char)c);
		} else {
			hx_buf_putc(out, (char)c);
		}
	}
}

static void desc(struct hx_buf *out, const char *s)
{
	tap_str(out, s ? s : "", s ? strlen(s) : 0, T_DESC);
}

/* A YAML double-quoted scalar. */
static void yaml_str(struct hx_buf *out, const char *s)
{
	hx_buf_putc(out, '"');
	tap_str(out, s ? s : "", s ? strlen(s) : 0, T_YAML);
	hx_buf_putc(out, '"');
}

/* Each line of text as a TAP comment (or a YAML block line) after pre. */
static void lines(struct hx_buf *out, const char *pre, const char *text)
{
	const char *p = text, *nl;

	while (p && *p) {
		nl = strchr(p, '\n');
		hx_buf_puts(out, pre);
		tap_str(out, p, nl ? (size_t)(nl - p) : strlen(p), T_COMMENT);
		hx_buf_putc(out, '\n');
		if (!nl)
			return;
		p = nl + 1;
	}
}

static void name_desc(struct hx_buf *out, const struct hx_run_item *it)
{
	struct hx_buf n = HX_BUF_INIT;

	hx_item_name(&n, it);
	desc(out, n.p);
	hx_buf_release(&n);
}

/* A verdict's fields, each line after pre. */
static void verdict_yaml(struct hx_buf *out, const struct hx_run_item *it, size_t k,
			 const char *first, const char *pre)
{
	const struct sc_verdict *v = &it->rep.verdicts[k];
	const struct sc_expect *e = &it->sc->expects[v->expect];
	struct hx_buf b = HX_BUF_INIT;

	hx_buf_printf(out, "%sline: %u\n%sexpected: ", first, e->pos.line, pre);
	yaml_str(out, e->text);
	hx_buf_printf(out, "\n%sok: %s\n", pre, v->pass ? "true" : "false");
	if (v->pass)
		return;
	hx_buf_printf(out, "%swhy: ", pre);
	yaml_str(out, v->why);
	hx_buf_printf(out, "\n%sdetail: |\n", pre);
	hx_buf_printf(&b, "%s  ", pre);
	lines(out, b.p ? b.p : "  ", v->detail && *v->detail ? v->detail : "-\n");
	hx_buf_release(&b);
}

/* The diagnostics a scenario's test line carries. */
static void diag(struct hx_buf *out, const struct hx_run_item *it, int version)
{
	const struct sc_report *r = &it->rep;
	size_t k;

	hx_buf_puts(out, "  ---\n");
	if (r->status == SC_ST_FAIL) {
		hx_buf_puts(out, "  message: ");
		yaml_str(out, r->reason ? r->reason : "failed");
		hx_buf_puts(out, "\n  severity: fail\n");
	}
	hx_buf_puts(out, "  file: ");
	yaml_str(out, it->path);
	hx_buf_printf(out, "\n  duration_ms: %lld\n", (long long)(r->elapsed / 1000));
	if (version == 13 && it->sc && r->nverdicts) {
		hx_buf_puts(out, "  verdicts:\n");
		for (k = 0; k < r->nverdicts; k++)
			verdict_yaml(out, it, k, "    - ", "      ");
	}
	if (version == 14 && it->sc && hx_failed_verdicts(r)) {
		hx_buf_puts(out, "  failures:\n");
		for (k = 0; k < r->nverdicts; k++)
			if (!r->verdicts[k].pass)
				verdict_yaml(out, it, k, "    - ", "      ");
	}
	hx_buf_puts(out, "  ...\n");
}

/* TAP 14: the scenario's verdicts as a subtest, before its test line. */
static void subtest(struct hx_buf *out, const struct hx_run_item *it)
{
	const struct sc_report *r = &it->rep;
	size_t k;

	hx_buf_puts(out, "# Subtest: ");
	name_desc(out, it);
	hx_buf_printf(out, "\n    1..%zu\n", r->nverdicts);
	for (k = 0; k < r->nverdicts; k++) {
		const struct sc_verdict *v = &r->verdicts[k];
		const struct sc_expect *e = &it->sc->expects[v->expect];
		struct hx_buf d = HX_BUF_INIT;

		hx_buf_printf(&d, "line %u: %s", e->pos.line, e->text);
		hx_buf_printf(out, "    %s %zu - ", v->pass ? "ok" : "not ok", k + 1);
		desc(out, d.p);
		hx_buf_putc(out, '\n');
		hx_buf_release(&d);
		if (v->pass)
			continue;
		hx_buf_puts(out, "      ---\n      why: ");
		yaml_str(out, v->why);
		hx_buf_puts(out, "\n      detail: |\n");
		lines(out, "        ", v->detail && *v->detail ? v->detail : "-\n");
		hx_buf_puts(out, "      ...\n");
	}
}

void hx_report_tap(struct hx_buf *out, const struct hx_run *run, int version)
{
	size_t i;

	hx_buf_printf(out, "TAP version %d\n1..%zu\n", version == 14 ? 14 : 13, run->n);
	for (i = 0; i < run->n; i++) {
		const struct hx_run_item *it = &run->items[i];
		const struct sc_report *r = &it->rep;

		if (r->transcript.len)
			lines(out, "# ", r->transcript.p);
		if (version == 14 && it->sc && r->nverdicts)
			subtest(out, it);
		hx_buf_printf(out, "%s %zu - ", r->status == SC_ST_FAIL ? "not ok" : "ok", i + 1);
		name_desc(out, it);
		if (r->status == SC_ST_SKIP) {
			hx_buf_puts(out, " # SKIP ");
			desc(out, r->reason ? r->reason : "");
		}
		hx_buf_putc(out, '\n');
		if (version == 13 || r->status == SC_ST_FAIL)
			diag(out, it, version);
	}
}
