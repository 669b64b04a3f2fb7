/* sc-same.c: two captures compared packet by packet and line by line, timestamps aside. */
#include <ctype.h>
#include <string.h>

#include "harness/sc-expect.h"
#include "harness/sc-same.h"

/* Digits, then any of digits ':' '.', at least one digit: a time or a
 * delta; its length, 0 if s does not start with one. */
static size_t time_len(const char *s)
{
	size_t n = 0;

	if (!isdigit((unsigned char)s[0]))
		return 0;
	while (isdigit((unsigned char)s[n]) || s[n] == ':' || s[n] == '.')
		n++;
	return n;
}

size_t sc_stamp_len(const char *line)
{
	size_t n = 0, t;

	/* -tttt: "YYYY-MM-DD " first */
	if (strlen(line) > 11 && isdigit((unsigned char)line[0]) &&
	    line[4] == '-' && line[7] == '-' && line[10] == ' ')
		n = 11;
	t = time_len(line + n);
	if (!t || line[n + t] != ' ')
		return 0;
	/* a time has ':' or '.': "12:34:56.1", "1486860301.1"; a bare
	 * number is the start of something else */
	if (!memchr(line + n, ':', t) && !memchr(line + n, '.', t))
		return 0;
	return n + t + 1;
}

static void show_line(struct hx_buf *d, const char *who, const char *line)
{
	if (d)
		hx_buf_printf(d, "  %-6s %s\n", who, line);
}

int sc_same_as(const struct sc_same_side *a, const struct sc_same_side *b,
	       struct hx_buf *why, struct hx_buf *detail)
{
	size_t i;

	if (a->npkts != b->npkts) {
		hx_buf_printf(why, "'%s' holds %zu packet%s, '%s' %zu", a->name,
			      a->npkts, a->npkts == 1 ? "" : "s", b->name,
			      b->npkts);
		return 0;
	}
	for (i = 0; i < a->npkts; i++) {
		const struct cap_pkt *p = &a->pkts[i], *q = &b->pkts[i];

		if (p->h.caplen != q->h.caplen || p->h.len != q->h.len) {
			hx_buf_printf(why,
				      "packet %zu: %u of %u bytes in '%s', %u of %u in '%s'",
				      i + 1, p->h.caplen, p->h.len, a->name,
				      q->h.caplen, q->h.len, b->name);
			return 0;
		}
		if (memcmp(p->data, q->data, p->h.caplen)) {
			size_t k = 0;

			while (p->data[k] == q->data[k])
				k++;
			hx_buf_printf(why,
				      "packet %zu differs at byte %zu: 0x%02x in '%s', 0x%02x in '%s'",
				      i + 1, k, p->data[k], a->name, q->data[k],
				      b->name);
			return 0;
		}
	}
	if (!a->text || !b->text)
		return 1;
	for (i = 0; i < a->text->n && i < b->text->n; i++) {
		const char *x = a->text->line[i], *y = b->text->line[i];

		x += sc_stamp_len(x);
		y += sc_stamp_len(y);
		if (strcmp(x, y)) {
			hx_buf_printf(why, "line %zu differs", i + 1);
			show_line(detail, a->name, a->text->line[i]);
			show_line(detail, b->name, b->text->line[i]);
			return 0;
		}
	}
	if (a->text->n != b->text->n) {
		const struct sc_same_side *longer = a->text->n > b->text->n ? a : b;

		hx_buf_printf(why, "'%s' prints %zu line%s, '%s' %zu", a->name,
			      a->text->n, a->text->n == 1 ? "" : "s", b->name,
			      b->text->n);
		show_line(detail, longer->name, longer->text->line[i]);
		return 0;
	}
	return 1;
}
