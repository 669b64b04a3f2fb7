/* cmd-read.c: `dumplab read`: print a savefile exactly as `tcpdump -r` does. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/print.h"
#include "capture/sf.h"
#include "capture/tdopts.h"
#include "harness/cmds.h"
#include "harness/hx.h"

/* Output is written in chunks of about this size. */
#define READ_FLUSH_AT (256 * 1024)
/* The savefile is read through a stdio buffer this large. */
#define READ_IOBUF (1024 * 1024)

static void read_usage(FILE *f)
{
	fprintf(f,
		"usage: dumplab read [options] -r FILE [FILTER...]\n"
		"\n"
		"Prints the packets of a savefile (pcap or pcapng) byte for byte as\n"
		"tcpdump 4.99 prints them; the \"reading from file\" line goes to stderr.\n"
		"FILTER is a BPF expression (pcap-filter(7)), its words joined by spaces.\n"
		"\n"
		"options:\n"
		"  -r FILE        the savefile to read (required; - is the standard input)\n"
		"  -F FILE        read the filter expression from FILE ('#' starts a comment)\n"
		"  -c N           stop after printing N packets\n"
		"  --skip N       do not print the first N packets the filter keeps\n"
		"  -n, -nn        numbers, not names, for hosts and ports\n"
		"  -e             print the link-level header\n"
		"  -q             quiet: less protocol detail\n"
		"  -S             absolute TCP sequence numbers\n"
		"  -v, -vv, -vvv  more detail (IP header, checksums, DNS records)\n"
		"  -t             no timestamp\n"
		"  -tt            seconds since the epoch\n"
		"  -ttt           time since the previous packet\n"
		"  -tttt          date and time\n"
		"  -ttttt         time since the first packet\n"
		"  --nano, --time-stamp-precision=nano\n"
		"                 nanosecond timestamps (--micro: microseconds, the default)\n"
		"  -x, -xx        hex dump of each packet (-xx: from the link-level header)\n"
		"  -X, -XX        hex and ASCII dump (-XX: from the link-level header)\n"
		"  -A             ASCII dump\n"
		"  -h, --help     this text\n"
		"\n"
		"Exit status: 0 when the whole file was printed; 1 when it cannot be read,\n"
		"is not a capture, is cut short (after printing what was read) or the\n"
		"filter does not compile; 2 for a usage error (unknown option, bad value).\n");
}

int cmd_read(int argc, char **argv)
{
	char err[HX_ERRLEN], dlt_desc[128];
	struct hx_buf out = HX_BUF_INIT;
	struct sf_in in = { 0 };
	struct pcap_pkthdr *h;
	struct td_opts o;
	struct pr_ctx *pr = NULL;
	const u_char *pkt;
	pcap_t *pd = NULL;
	struct sf *fast = NULL;
	long printed = 0, skipped = 0;
	int rc, status = 1, dlt;

	rc = td_parse(err, argc, argv, TD_READ, &o);
	if (rc == 1) {
		read_usage(stdout);
		return 0;
	}
	if (rc < 0) {
		fprintf(stderr, "dumplab read: %s (see 'dumplab read --help')\n",
			err);
		return 2;
	}
	if (!o.rfile) {
		fprintf(stderr,
			"dumplab read: no savefile given: use -r FILE (see 'dumplab read --help')\n");
		td_release(&o);
		return 2;
	}

	if (sf_in_open(err, o.rfile, o.pr.nano, READ_IOBUF, &in) < 0) {
		fprintf(stderr, "dumplab: %s\n", err);
		goto out;
	}
	pd = in.pd;
	dlt = pcap_datalink(pd);
	fprintf(stderr, "reading from file %s, link-type %s, snapshot length %d\n",
		HX_Q(o.rfile), pr_dlt_describe(dlt, dlt_desc, sizeof(dlt_desc)),
		pcap_snapshot(pd));
	if (dlt == DLT_LINUX_SLL2)
		fprintf(stderr, "Warning: interface names might be incorrect\n");
	/* the banner comes first, then a filter's complaint, as tcpdump's */
	if (o.filter && sf_in_filter(err, &in, o.filter) < 0) {
		fprintf(stderr, "dumplab: %s\n", err);
		goto out;
	}

	pr = pr_new(err, &o.pr, dlt);
	if (!pr) {
		fprintf(stderr, "dumplab: %s\n", err);
		goto out;
	}
	if (hx_buf_grow(&out, READ_FLUSH_AT + 65536) < 0) {
		fprintf(stderr, "dumplab: cannot allocate the output buffer: %s\n",
			strerror(ENOMEM));
		goto out;
	}

	/* Plain pcap files are read by sf.c, the rest by libpcap. */
	rc = strcmp(o.rfile, "-") ? sf_open(err, o.rfile, pd, o.pr.nano, &fast)
				  : 0;
	if (rc < 0) {
		fprintf(stderr, "dumplab: %s\n", err);
		goto out;
	}

	status = 0;
	while (o.count == 0 || printed < o.count) {
		if (fast) {
			rc = sf_next(fast, &h, &pkt);
			if (rc == 0)
				break;
			if (rc == 1 && in.have_prog &&
			    !pcap_offline_filter(&in.prog, h, pkt))
				continue;
		} else {
			rc = pcap_next_ex(pd, &h, &pkt);
			if (rc == PCAP_ERROR_BREAK)
				break;
		}
		if (rc == PCAP_ERROR) {
			/* Print what was read first, as tcpdump does. */
			hx_buf_flush(&out, STDOUT_FILENO);
			fprintf(stderr, "dumplab: pcap_loop: %s\n",
				fast ? sf_error(fast) : pcap_geterr(pd));
			status = 1;
			break;
		}
		if (rc != 1)
			continue;
		if (skipped < o.skip) {
			skipped++;
			continue;
		}
		pr_packet(pr, &out, h, pkt);
		printed++;
		if (out.len >= READ_FLUSH_AT) {
			rc = hx_buf_flush(&out, STDOUT_FILENO);
			if (rc < 0) {
				fprintf(stderr, "dumplab: cannot write output: %s\n",
					strerror(-rc));
				status = 1;
				break;
			}
		}
	}
	if (out.oom) {
		fprintf(stderr, "dumplab: out of memory while printing\n");
		status = 1;
	}
	rc = hx_buf_flush(&out, STDOUT_FILENO);
	if (rc < 0 && status == 0) {
		fprintf(stderr, "dumplab: cannot write output: %s\n",
			strerror(-rc));
		status = 1;
	}
out:
	sf_close(fast);
	pr_free(pr);
	hx_buf_release(&out);
	sf_in_close(&in);
	td_release(&o);
	return status;
}
