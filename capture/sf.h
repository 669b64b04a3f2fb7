/* sf.h: a fast reader of classic pcap savefiles, with libpcap's meaning and messages. */
#ifndef CAP_SF_H
#define CAP_SF_H

#include <stdint.h>
#include <pcap/pcap.h>

/*
 * libpcap reads a savefile with two fread calls and a copy per packet;
 * this reader reads the file in large blocks and hands out pointers into
 * them. It takes only the plain case: a pcap (not pcapng) file, version
 * 2.4, written in this host's byte order, of a link type whose largest
 * packet is 256 KiB. Anything else stays with libpcap (sf_open says so).
 * For the files it takes, it returns what pcap_next_ex would: the same
 * headers (timestamps scaled to the precision asked for, captured lengths
 * cut to the snapshot length) and, at a bad or cut record, the same error
 * text.
 *
 * One reader belongs to one thread.
 */
struct sf;

/*
 * Opens path for reading after libpcap has validated it (pd is its handle,
 * for the link type and the snapshot length it settled on). Returns 1 with
 * *out set, 0 when this reader does not take the file (use libpcap), or a
 * negative errno with err set.
 */
int sf_open(char *err, const char *path, pcap_t *pd, int want_nano,
	    struct sf **out);
/*
 * The same, how as asked (0: a buffer, read; its records valid until the
 * next call):
 * - SF_RING: the records stay where they are as long as the caller holds
 *   them (sf_iter_keep), so that it can print them later without copies.
 *   A file that is read (not mapped) is read into a ring of SF_RING_BYTES,
 *   a MiB at a time. (Measured on the benchmark: 12 MiB reads faster than
 *   16 or 24, the smaller ring staying warmer in the caches.)
 * - SF_MAP: a regular file is mapped and read in place (sf.c, "The
 *   mapping"); pipes, devices and a file that cannot be mapped are read.
 *   The process then has a SIGBUS handler, for files cut while mapped.
 */
#define SF_RING 1
#define SF_MAP 2
#define SF_RING_BYTES (12u << 20)
int sf_open_ring(char *err, const char *path, pcap_t *pd, int want_nano,
		 int how, struct sf **out);

/*
 * The next record: 1 with *h and *data set (valid until the next call),
 * 0 at the end of the file, -1 with sf_error() set (libpcap's text, e.g.
 * "truncated dump file; tried to read 16 header bytes, only got 7").
 */
int sf_next(struct sf *s, struct pcap_pkthdr **h, const uint8_t **data);
const char *sf_error(const struct sf *s);

void sf_close(struct sf *s); /* accepts NULL */

/*
 * A savefile opened for reading as `dumplab read` and `dumplab ladder`
 * open it: path ("-": the standard input) read through a stdio buffer of
 * iobuf bytes (0: stdio's own), close-on-exec, validated by libpcap at the
 * timestamp precision asked for; then, with sf_in_filter, a filter
 * compiled and set. prog stays valid for pcap_offline_filter while
 * have_prog.
 */
struct sf_in {
	pcap_t *pd;
	char *iobuf;
	struct bpf_program prog;
	int have_prog;
};

/*
 * Each returns 0, or a negative errno with err the one-line message
 * ("cannot read 'f.pcap': unknown file format", "cannot compile filter
 * 'ip[': ..."). in is always fit for sf_in_close.
 */
int sf_in_open(char *err, const char *path, int want_nano, size_t iobuf,
	       struct sf_in *in);
int sf_in_filter(char *err, struct sf_in *in, const char *filter);
void sf_in_close(struct sf_in *in);

/*
 * The one savefile iterator: what `dumplab read`, `dumplab ladder` and
 * the scenario `read` step hand on. It opens the file (sf_in_open, so
 * close-on-exec), reads plain pcap files with the fast reader above and
 * the rest with libpcap, and applies in this order the filter
 * (sf_iter_filter), the window, --skip and -c.
 */
struct sf_iter_opts {
	const char *name; /* the file's name in messages; NULL: its path */
	int nano;	  /* timestamps in nanoseconds (libpcap's precision) */
	size_t iobuf;	  /* libpcap's stdio buffer (0: stdio's own) */
	int has_window;	  /* keep only packets from from_us to to_us ... */
	long long from_us, to_us; /* ... after the first the filter keeps */
	long skip;	  /* then leave out the first skip packets ... */
	long count;	  /* ... and hand out at most count (0: all) */
	int ring;	  /* read a plain pcap file into a ring (sf_open_ring) */
	int map;	  /* map a regular one (SF_MAP) */
};

struct sf_iter {
	struct sf_in in; /* in.pd: the link type, the snapshot length */
	struct sf *fast; /* NULL: libpcap reads */
	struct sf_iter_opts o;
	long long first; /* the first kept packet's time in us, or -1 */
	long skipped, given;
};

/*
 * Opens path ("-": the standard input). Returns 0, or a negative errno
 * (the real one for a file that cannot be opened, -EINVAL for one that is
 * not a capture) with err "cannot read 'NAME': REASON". it is always fit
 * for sf_iter_close.
 */
int sf_iter_open(char *err, struct sf_iter *it, const char *path,
		 const struct sf_iter_opts *o);

/* Sets a BPF filter before the first sf_iter_next; as sf_in_filter. */
int sf_iter_filter(char *err, struct sf_iter *it, const char *filter);

/*
 * The next packet kept: 1 with *h and *data set (valid until the next
 * call), 0 at the end of the file or once count packets were handed out
 * (the file is then not read further), -1 at a bad or cut record with
 * sf_iter_error() libpcap's text for it.
 */
int sf_iter_next(struct sf_iter *it, struct pcap_pkthdr **h,
		 const uint8_t **data);
const char *sf_iter_error(const struct sf_iter *it);

/*
 * Whether the records handed out stay readable (a ring) as long as
 * sf_iter_keep is told the oldest still in use: the ring's bytes from p on
 * are not read over (NULL: none is in use). The caller holds less than
 * half the ring (the printing pipeline's batches in flight, 6 MiB at
 * most); holding more than the ring can keep ends the reading with an
 * error.
 */
int sf_iter_stable(const struct sf_iter *it);
void sf_iter_keep(struct sf_iter *it, const uint8_t *p);

void sf_iter_close(struct sf_iter *it); /* accepts a closed one */

#endif
