/* pr-pipe.h: a savefile's packets printed on several cores, in order, exactly as one printer prints them. */
#ifndef CAP_PR_PIPE_H
#define CAP_PR_PIPE_H

#include <stdint.h>
#include <pcap/pcap.h>

#include "capture/print.h"

/*
 * The caller (one thread) hands on packets in order; the pipeline puts
 * them in batches (copies, unless they stay readable), worker threads and
 * the caller's thread print the batches, each into buffers of its own,
 * and the caller's thread writes the text in the packets' order. What
 * carries from packet to packet stays exact:
 *
 * - a TCP conversation's relative numbers: every segment of one
 *   conversation goes to the same worker (the printer's own choice of
 *   share, pr_tcp_shard), and the workers share the tables split so;
 * - the -ttt/-ttttt reference: kept by the caller's thread, handed with
 *   each packet;
 * - everything else (RPC calls, Rx, ISAKMP cookies, tunnels, ICMP errors
 *   that quote a segment, any packet the quick look below does not know
 *   to be free of it): such a packet is printed by the caller's thread
 *   once the workers have printed all before it, and the packets after
 *   it stay there until a long run has none (so a capture made mostly of
 *   them costs little more than one thread).
 *
 * The output is byte-identical to pr_packet's on one printer.
 */
struct pr_pipe;

#define PR_PIPE_MAX_WORKERS 64

/*
 * Whether packets of link type dlt printed with o can go through a
 * pipeline: Ethernet, with -n and without -T (names and -T's protocols
 * reach state the workers do not share).
 */
int pr_pipe_fits(const struct pr_opts *o, int dlt);

/*
 * A pipeline of nworkers printing threads (at least 1) besides the
 * caller's, writing to fd.
 * With stable, the packets handed on stay readable until pr_pipe_finish
 * (or the oldest pr_pipe_oldest names on), and are not copied. NULL with
 * err set when threads or memory cannot be had.
 */
struct pr_pipe *pr_pipe_new(char *err, const struct pr_opts *o, int dlt,
			    unsigned nworkers, int stable, int fd);

/*
 * The next packet; pkt is copied before anything reads it. Returns 0, or
 * a negative errno when the output could not be written (hand on no
 * more; pr_pipe_finish still ends the threads).
 */
int pr_pipe_packet(struct pr_pipe *p, const struct pcap_pkthdr *h,
		   const uint8_t *pkt);

/*
 * Prints and writes everything handed on, and ends the threads. Returns
 * 0, or a negative errno when writing failed (-ENOMEM when the text ran
 * out of memory).
 */
int pr_pipe_finish(struct pr_pipe *p);

/* As pr_generic_summary, over every printer of the pipeline. */
uint64_t pr_pipe_generic_summary(const struct pr_pipe *p, char *buf,
				 size_t len);

/* The packets a worker printed with state that was not its own (0). */
uint64_t pr_pipe_foreign(const struct pr_pipe *p);

/* The oldest packet handed on not yet printed and written, or NULL. */
const uint8_t *pr_pipe_oldest(const struct pr_pipe *p);
/* For DUMPLAB_PIPE_STATS: the waits and the threads' CPU, as text. */
void pr_pipe_waits(const struct pr_pipe *p, char *buf, size_t len);

/* How many packets the caller's thread printed itself. */
uint64_t pr_pipe_serial(const struct pr_pipe *p);

/*
 * How many of the TCP tables' 64 shares the caller's thread prints at the
 * end, and (if moves) how often the split moved on the way.
 */
unsigned pr_pipe_split(const struct pr_pipe *p, uint64_t *moves);

/*
 * From now on the split moves by a share at every batch, all the way to
 * the caller's thread and back, whatever the waits: for tests, which then
 * see every hand-over (the output stays the same).
 */
void pr_pipe_swing(struct pr_pipe *p);

void pr_pipe_free(struct pr_pipe *p); /* accepts NULL; ends the threads */

#endif
