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

static void ladder_usage(FILE *f)
{
	fprintf(f,
		"usage: dumplab ladder [-S] [-n] [-c N] -r FILE [FILTER...]\n"
		"\n"
		"Draws each TCP conversation of a savefile (pcap or pcapng) as a ladder:\n"
		"the two ends as columns, the client on the left, one arrow per captured\n"
		"segment with its flags, sequence and acknowledgement numbers (relative,\n"
		"as tcpdump prints them) and payload length, the time since the\n"
		"conversation's first packet on the left, the packet's number on the\n"
		"right. FILTER is a BPF expression (pcap-filter(7)) choosing the packets.\n"
		"\n"
		"options:\n"
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
		"filter does not compile; 2 for a usage error (unknown option, bad value).\n");
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
	int rc, status = 1;

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
