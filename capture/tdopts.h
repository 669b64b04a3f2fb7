/* tdopts.h: tcpdump's command-line options, parsed once for read, capture and scenarios. */
#ifndef CAP_TDOPTS_H
#define CAP_TDOPTS_H

#include "capture/print.h"
#include "capture/sf.h"

/* Which options a caller accepts (td_parse's mode). */
enum {
	TD_READ = 1,	/* dumplab read: printing options, -r, -F, -c, --skip */
	TD_CAPTURE = 2, /* dumplab capture and scenario captures: live and -w */
};

/* -Q / -P direction, the values of libpcap's pcap_direction_t. */
enum { TD_DIR_INOUT = 0, TD_DIR_IN = 1, TD_DIR_OUT = 2 };

/*
 * Every option tcpdump 4.99 spells, as parsed. Zero/NULL means "not given".
 * Strings point into argv, except filter, which td_parse allocates (the
 * remaining words joined by single spaces, as tcpdump joins them, or the
 * text of -F FILE) and td_release frees.
 */
#define TD_MAX_THREADS 64 /* -j's largest value */

struct td_opts {
	struct pr_opts pr;	 /* -n -e -q -S -v -t.. -x.. -X.. -A --nano */
	const char *rfile;	 /* -r FILE */
	const char *ffile;	 /* -F FILE */
	long count;		 /* -c N (0: no limit) */
	long skip;		 /* --skip N */
	int threads;		 /* -j N, --threads N (0: not given) */
	const char *iface;	 /* -i IF, also "any" and "nflog:N" */
	int list_ifaces;	 /* -D */
	int no_promisc;		 /* -p */
	int direction;		 /* -Q/-P in|out|inout: TD_DIR_* */
	int direction_set;	 /* -Q or -P was given */
	int snaplen;		 /* -s N; 0 (and -s 0) mean 262144 */
	int buffer_kib;		 /* -B KiB */
	int packet_buffered;	 /* -U */
	int immediate;		 /* --immediate-mode */
	const char *wfile;	 /* -w FILE */
	int rotate_secs;	 /* -G N */
	int rotate_align;	 /* --rotate-align: -G on wall-clock multiples */
	long long rotate_bytes;	 /* -C N, in bytes (N x 1,000,000; k/m/g);
				  * -C, -G, -W values: cap_writer_parse_opt
				  * (writer.h), which refuses 0 */
	int file_limit;		 /* -W N */
	const char *postrotate;	 /* -z CMD */
	const char *user;	 /* -Z USER */
	char *filter;		 /* the BPF expression, or NULL */
};

/*
 * Parses argv (argv[0] is the command's name) with getopt_long semantics
 * and tcpdump's spelling. Options outside mode are an error. Returns 0;
 * 1 when -h/--help was asked (the caller prints its usage); or a negative
 * code with err naming the option and what is wrong with it ("option -c:
 * 'x' is not a number"). Reentrant: uses no getopt globals.
 */
int td_parse(char *err, int argc, char **argv, unsigned mode,
	     struct td_opts *o);
void td_release(struct td_opts *o); /* accepts NULL */

/* The savefile iterator's options of a command line (-c, --skip, --nano);
 * io's other fields are left alone. */
void td_iter_opts(const struct td_opts *o, struct sf_iter_opts *io);

#endif
