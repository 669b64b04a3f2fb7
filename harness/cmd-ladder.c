/* cmd-ladder.c: `dumplab ladder`: the TCP conversations of a savefile drawn as ladders. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/ladder.h"
#include "capture/sf.h"
#include "capture/tdopts.h"
#include "harness/cmds.h"
#include "harness/hx.h"
#include "harness/report-html.h"
#include "harness/svg.h"
#include "capture/print.h"

static void ladder_usage(FILE *f)
{
	fprintf(f,
		"usage: dumplab ladder [--svg|--html] [-S] [-n] [-c N] -r FILE [FILTER...]\n"
		"\n"
		"Draws each TCP conversation of a savefile (pcap or pcapng) as a ladder:\n"
		"the two ends as columns, the client on the left, one arrow per captured\n"
		"segment with its flags, sequence and acknowledgement numbers (relative,\n"
		"as tcpdump prints them) and payload length, the time since the\n"
		"conversation's first packet on the left, the packet's number on the\n"
		"right. FILTER is a BPF expression (pcap-filter(7)) choosing the packets.\n"
		"\n"
		"options:\n"
		"  --svg          draw the ladders as one SVG document instead (Wireshark's\n"
		"                 flow graph: an arrow per segment, hover shows its tcpdump\n"
		"                 line, retransmissions dashed, resets bold red)\n"
		"  --html         the same SVG ladders in an HTML page that needs no server\n"
		"                 (at most %d arrows either way, and a note of the rest)\n"
		"  -r FILE        the savefile to read (required; - is the standard input)\n"
		"  -F FILE        read the filter expression from FILE ('#' starts a comment)\n"
		"  -c N           draw only the first N packets the filter keeps\n"
		"  --skip N       leave out the first N packets the filter keeps\n"
		"  -S             absolute TCP sequence numbers\n"
		"  -n             addresses, not names (the ladder never asks DNS)\n"
		"  --nano, --time-stamp-precision=nano\n"
		"                 times in nanoseconds (9 digits)\n"
		"  -h, --help     this text\n"
		"\n"
		"Exit status: 0 when the whole file was drawn; 1 when it cannot be read,\n"
		"is not a capture, is cut short (after drawing what was read) or the\n"
		"filter does not compile; 2 for a usage error (unknown option, bad value).\n",
		HX_SVG_MAX_ARROWS);
}

/* read's printing options that mean nothing for a ladder. */
static const char *unused_option(const struct td_opts *o)
{
	if (o->pr.eflag)
		return "-e";
	if (o->pr.qflag)
		return "-q";
	if (o->pr.vflag)
		return "-v";
	if (o->pr.tflag)
		return "-t";
	if (o->pr.xflag)
		return "-x";
	if (o->pr.Xflag)
		return "-X";
	if (o->pr.Aflag)
		return "-A";
	return NULL;
}

/*
 * --svg and --html: the ladders of l drawn as SVG, each arrow's title the
 * packet's line as `dumplab read` prints it with the same options.
 */
static int draw_svg(char *err, const struct td_opts *o, const struct cap_lad_opts *lo,
		    int dlt, const struct cap_pktvec *k, int html, struct hx_buf *out)
{
	struct cap_lad l;
	struct hx_buf lines = HX_BUF_INIT, t = HX_BUF_INIT;
	struct pr_ctx *pr;
	const char **tips = NULL;
	size_t *at = NULL, i, drawn = 0;
	int r;

	r = cap_lad_build(err, lo, dlt, k->v, k->n, &l);
	if (r < 0)
		return r;
	pr = pr_new(err, &o->pr, dlt);
	tips = calloc(k->n + 1, sizeof(*tips));
	at = calloc(k->n + 1, sizeof(*at));
	if (!pr || !tips || !at) {
		r = hx_err(err, -ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < k->n; i++) {
		at[i] = lines.len;
		pr_packet(pr, &lines, &k->v[i].h, k->v[i].data);
	}
	if (lines.oom) {
		r = hx_err(err, -ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < k->n; i++) {
		char *nl = lines.p + at[i] + strcspn(lines.p + at[i], "\n");

		tips[i] = lines.p + at[i];
		*nl = '\0'; /* the first line of each packet's text */
	}
	if (!html) {
		hx_svg_ladders(out, lo, &l, k->v, tips);
	} else {
		hx_buf_printf(&t, "%s: TCP ladders", o->rfile);
		hx_html_head(out, t.p);
		hx_buf_puts(out, "<h1>TCP ladders of <code>");
		hx_svg_text(out, o->rfile);
		hx_buf_puts(out, "</code></h1>\n");
		if (l.nconv == 0)
			hx_buf_puts(out, "<p>no TCP conversation</p>\n");
		for (i = 0; i < l.nconv; i++) {
			size_t d = 0;

			if (drawn >= HX_SVG_MAX_ARROWS) {
				hx_buf_printf(out, "<p class=\"note\">Ladders stop at %d arrows a page: TCP conversations %zu to %zu (%zu segments) are not drawn.</p>\n",
					      HX_SVG_MAX_ARROWS, i + 1, l.nconv, l.nseg - l.conv[i].first);
				break;
			}
			hx_buf_printf(out, "<div class=\"pic lad\" id=\"lad-%zu\"><h2>", i + 1);
			hx_svg_conv_title(out, &l, i);
			hx_buf_puts(out, "</h2>\n");
			hx_svg_ladder(out, lo, &l, i, k->v, tips, HX_SVG_MAX_ARROWS - drawn, &d);
			if (d < l.conv[i].n)
				hx_buf_printf(out, "<p class=\"note\">Ladders stop at %d arrows a page: %zu of this conversation's %zu segments are drawn.</p>\n",
					      HX_SVG_MAX_ARROWS, d, l.conv[i].n);
			hx_buf_puts(out, "</div>\n");
			drawn += d;
		}
		if (l.cut)
			hx_buf_printf(out, "<p>%zu TCP packet%s without a whole TCP header not drawn</p>\n",
				      l.cut, l.cut == 1 ? "" : "s");
		if (l.other)
			hx_buf_printf(out, "<p>%zu non-TCP packet%s not drawn</p>\n", l.other,
				      l.other == 1 ? "" : "s");
		hx_html_foot(out, 0);
	}
	if (l.nseg > HX_SVG_MAX_ARROWS)
		fprintf(stderr, "dumplab ladder: %zu segments: the first %d are drawn (at most %d arrows a page)\n",
			l.nseg, HX_SVG_MAX_ARROWS, HX_SVG_MAX_ARROWS);
	r = out->oom ? hx_err(err, -ENOMEM, "out of memory") : 0;
out:
	pr_free(pr);
	free(tips);
	free(at);
	hx_buf_release(&lines);
	hx_buf_release(&t);
	cap_lad_release(&l);
	return r;
}

int cmd_ladder(int argc, char **argv)
{
	char err[HX_ERRLEN];
	struct hx_buf out = HX_BUF_INIT;
	struct cap_pktvec k = { 0 };	/* copies: libpcap reuses its buffer */
	struct cap_lad_opts lo = { 0 };
	struct sf_iter it = { 0 };
	struct sf_iter_opts io = { 0 };
	struct pcap_pkthdr *h;
	struct td_opts o;
	const u_char *pkt;
	const char *bad;
	int rc, status = 1, svg = 0, html = 0, i, j;

	/* --svg and --html are the ladder's own: td_parse sees the rest */
	for (i = j = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[j++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], "--svg"))
			svg = 1;
		else if (!strcmp(argv[i], "--html"))
			html = 1;
		else
			argv[j++] = argv[i];
	}
	argc = j;
	argv[argc] = NULL;
	if (svg && html) {
		fprintf(stderr, "dumplab ladder: --svg and --html: choose one (see 'dumplab ladder --help')\n");
		return 2;
	}
	rc = td_parse(err, argc, argv, TD_READ, &o);
	if (rc == 1) {
		ladder_usage(stdout);
		return 0;
	}
	if (rc < 0) {
		fprintf(stderr, "dumplab ladder: %s (see 'dumplab ladder --help')\n",
			err);
		return 2;
	}
	bad = unused_option(&o);
	if (bad) {
		fprintf(stderr,
			"dumplab ladder: option %s does not apply to a ladder (see 'dumplab ladder --help')\n",
			bad);
		td_release(&o);
		return 2;
	}
	if (!o.rfile) {
		fprintf(stderr,
			"dumplab ladder: no savefile given: use -r FILE (see 'dumplab ladder --help')\n");
		td_release(&o);
		return 2;
	}

	td_iter_opts(&o, &io);
	if (sf_iter_open(err, &it, o.rfile, &io) < 0 ||
	    (o.filter && sf_iter_filter(err, &it, o.filter) < 0)) {
		fprintf(stderr, "dumplab: %s\n", err);
		goto out;
	}

	status = 0;
	while ((rc = sf_iter_next(&it, &h, &pkt)) == 1) {
		if (cap_pktvec_add(&k, h, pkt) < 0) {
			fprintf(stderr, "dumplab: cannot keep the packets: %s\n",
				strerror(ENOMEM));
			status = 1;
			goto out;
		}
	}
	if (rc < 0) {
		/* Draw what was read first, as read prints it. */
		fprintf(stderr, "dumplab: pcap_loop: %s\n", sf_iter_error(&it));
		status = 1;
	}

	lo.absolute = o.pr.Sflag;
	lo.numeric = o.pr.nflag;
	lo.nano = o.pr.nano;
	if (svg || html)
		rc = draw_svg(err, &o, &lo, pcap_datalink(it.in.pd), &k, html, &out);
	else
		rc = cap_lad_render(err, &lo, pcap_datalink(it.in.pd), k.v, k.n, &out);
	if (rc < 0) {
		fprintf(stderr, "dumplab: %s\n", err);
		status = 1;
	}
	rc = hx_buf_flush(&out, STDOUT_FILENO);
	if (rc < 0 && status == 0) {
		fprintf(stderr, "dumplab: cannot write output: %s\n",
			strerror(-rc));
		status = 1;
	}
out:
	hx_buf_release(&out);
	cap_pktvec_release(&k);
	sf_iter_close(&it);
	td_release(&o);
	return status;
}
