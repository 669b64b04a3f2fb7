/* cmd-read.c: `dumplab read`: print a savefile exactly as `tcpdump -r` does. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/pr-pipe.h"
#include "capture/print.h"
#include "capture/sf.h"
#include "capture/tdopts.h"
#include "harness/cmds.h"
#include "harness/hx.h"

/* Output is written in chunks of about this size. */
#define READ_FLUSH_AT (256 * 1024)
/* The savefile is read through a stdio buffer this large. */
#define READ_IOBUF (1024 * 1024)
/* Without -j or DUMPLAB_THREADS, a file smaller than this is printed by
 * one thread: starting the others would cost more than they save. */
#define READ_PIPE_MIN (8 * 1024 * 1024)

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
		"  -b             BGP AS numbers above 65535 in asdot notation (1.10)\n"
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
		"  -T TYPE        read UDP payloads as TYPE whatever the ports: rtp, rtcp,\n"
		"                 vxlan, snmp, tftp, radius, ptp or domain (DNS, over TCP\n"
		"                 too); TCP payloads as resp (Redis)\n"
		"  -b             BGP AS numbers in ASDOT notation\n"
		"  -H             802.11s mesh control fields in 802.11 QoS data frames\n"
		"  -j N, --threads N\n"
		"                 print on N threads, the reading one included (1 to 64;\n"
		"                 default: the cores, for files of 8 MB and more;\n"
		"                 DUMPLAB_THREADS sets it too); the output is the same\n"
		"                 on any number\n"
		"  -h, --help     this text\n"
		"\n"
		"Exit status: 0 when the whole file was printed; 1 when it cannot be read,\n"
		"is not a capture, is cut short (after printing what was read) or the\n"
		"filter does not compile; 2 for a usage error (unknown option, bad value).\n");
}

/*
 * The threads: -j, else DUMPLAB_THREADS, else the cores for a regular
 * file of READ_PIPE_MIN bytes or more. The reading thread is one of them;
 * it prints too. Returns 1 for one thread, or -1 with err set for a bad
 * DUMPLAB_THREADS.
 */
static long read_threads(char *err, const struct td_opts *o)
{
	const char *env = getenv("DUMPLAB_THREADS");
	struct stat st;
	long n;

	if (o->threads)
		return o->threads;
	if (env && *env) {
		char *end;

		errno = 0;
		n = strtol(env, &end, 10);
		if (errno || *end || n < 1 || n > TD_MAX_THREADS) {
			hx_err(err, -EINVAL,
			       "DUMPLAB_THREADS: '%s' is not a number from 1 to %d",
			       env, TD_MAX_THREADS);
			return -1;
		}
		return n;
	}
	if (strcmp(o->rfile, "-") == 0 || stat(o->rfile, &st) < 0 ||
	    !S_ISREG(st.st_mode) || st.st_size < READ_PIPE_MIN)
		return 1;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > TD_MAX_THREADS ? TD_MAX_THREADS : n;
}

/*
 * Prints the packets on threads threads (pr-pipe.c): this one reads,
 * threads - 1 print. Returns the exit status.
 */
static int read_pipe(struct sf_iter *it, const struct td_opts *o, int dlt,
		     long threads)
{
	char err[HX_ERRLEN], note[512];
	struct pr_pipe *pp;
	struct pcap_pkthdr *h;
	const u_char *pkt;
	int rc, status = 0, wr;

	pp = pr_pipe_new(err, &o->pr, dlt, (unsigned)threads - 1,
			 sf_iter_stable(it), STDOUT_FILENO);
	if (!pp) {
		fprintf(stderr, "dumplab: %s\n", err);
		return 1;
	}
	if (getenv("DUMPLAB_PIPE_SWING"))
		pr_pipe_swing(pp);
	for (;;) {
		/* the packets of the batches in flight stay in the ring */
		sf_iter_keep(it, pr_pipe_oldest(pp));
		rc = sf_iter_next(it, &h, &pkt);
		if (rc != 1 || pr_pipe_packet(pp, h, pkt) < 0)
			break;
	}
	wr = pr_pipe_finish(pp);
	if (rc < 0) {
		fprintf(stderr, "dumplab: pcap_loop: %s\n", sf_iter_error(it));
		status = 1;
	}
	if (wr == -ENOMEM) {
		fprintf(stderr, "dumplab: out of memory while printing\n");
		status = 1;
	} else if (wr < 0) {
		fprintf(stderr, "dumplab: cannot write output: %s\n",
			strerror(-wr));
		status = 1;
	}
	if (pr_pipe_foreign(pp))
		fprintf(stderr,
			"dumplab: internal error: %llu packets printed by a thread without the state they needed; read with -j 1\n",
			(unsigned long long)pr_pipe_foreign(pp));
	if (getenv("DUMPLAB_PIPE_STATS")) {
		uint64_t moves;
		unsigned mine = pr_pipe_split(pp, &moves);

		fprintf(stderr, "dumplab: -j %ld: %llu packets printed by the reading thread alone\n",
			threads, (unsigned long long)pr_pipe_serial(pp));
		fprintf(stderr, "dumplab: -j %ld: the reading thread printed %u of 64 TCP shares at the end, after %llu moves\n",
			threads, mine, (unsigned long long)moves);
		pr_pipe_waits(pp, note, sizeof(note));
		fprintf(stderr, "dumplab: -j %ld: %s\n", threads, note);
	}
	if (pr_pipe_generic_summary(pp, note, sizeof(note)))
		fprintf(stderr, "dumplab: %s\n", note);
	pr_pipe_free(pp);
	return status;
}

int cmd_read(int argc, char **argv)
{
	char err[HX_ERRLEN], dlt_desc[128];
	struct hx_buf out = HX_BUF_INIT;
	struct sf_iter it = { 0 };
	struct sf_iter_opts io = { .iobuf = READ_IOBUF };
	struct pcap_pkthdr *h;
	struct td_opts o;
	struct pr_ctx *pr = NULL;
	const u_char *pkt;
	pcap_t *pd = NULL;
	int rc, status = 1, dlt;
	long threads;

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

	threads = read_threads(err, &o);
	if (threads < 0) {
		fprintf(stderr, "dumplab read: %s\n", err);
		td_release(&o);
		return 2;
	}
	td_iter_opts(&o, &io);
	io.ring = 1;
	io.map = 1;
	if (sf_iter_open(err, &it, o.rfile, &io) < 0) {
		fprintf(stderr, "dumplab: %s\n", err);
		goto out;
	}
	pd = it.in.pd;
	dlt = pcap_datalink(pd);
	fprintf(stderr, "reading from file %s, link-type %s, snapshot length %d\n",
		HX_Q(o.rfile), pr_dlt_describe(dlt, dlt_desc, sizeof(dlt_desc)),
		pcap_snapshot(pd));
	if (dlt == DLT_LINUX_SLL2)
		fprintf(stderr, "Warning: interface names might be incorrect\n");
	/* the banner comes first, then a filter's complaint, as tcpdump's */
	if (o.filter && sf_iter_filter(err, &it, o.filter) < 0) {
		fprintf(stderr, "dumplab: %s\n", err);
		goto out;
	}

	if (threads > 1 && pr_pipe_fits(&o.pr, dlt)) {
		status = read_pipe(&it, &o, dlt, threads);
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

	status = 0;
	while ((rc = sf_iter_next(&it, &h, &pkt)) == 1) {
		pr_packet(pr, &out, h, pkt);
		if (out.len >= READ_FLUSH_AT) {
			int wr = hx_buf_flush(&out, STDOUT_FILENO);

			if (wr < 0) {
				fprintf(stderr, "dumplab: cannot write output: %s\n",
					strerror(-wr));
				status = 1;
				rc = 0;
				break;
			}
		}
	}
	if (rc < 0) {
		/* Print what was read first, as tcpdump does. */
		hx_buf_flush(&out, STDOUT_FILENO);
		fprintf(stderr, "dumplab: pcap_loop: %s\n", sf_iter_error(&it));
		status = 1;
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
	{
		char note[512];

		if (pr_generic_summary(pr, note, sizeof(note)))
			fprintf(stderr, "dumplab: %s\n", note);
	}
out:
	pr_free(pr);
	hx_buf_release(&out);
	sf_iter_close(&it);
	td_release(&o);
	return status;
}
