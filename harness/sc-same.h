/* sc-same.h: `expect A same-as B`: two captures or reads hold the same packets and print the same lines but for their timestamps. */
#ifndef SC_SAME_H
#define SC_SAME_H

#include <stddef.h>

#include "capture/pktvec.h"
#include "harness/hx.h"

struct sc_lines;

/*
 * The length of the timestamp tcpdump printed at the start of line, with
 * the blank after it (0 when it has none: -t, or a continuation line):
 * "12:34:56.123456 ", "1486860301.123456 ", "2017-02-11 22:45:01.123456 ",
 * the -ttt and -ttttt deltas; -tttt's and --nano's too.
 */
size_t sc_stamp_len(const char *line);

/* Two sets of packets and the lines printed for them. */
struct sc_same_side {
	const char *name;
	const struct cap_pkt *pkts;
	size_t npkts;
	const struct sc_lines *text; /* may be NULL: packets only */
};

/*
 * 1 when a and b hold the same packets (the same number, each with the
 * same captured bytes and wire length) and the same printed lines once
 * sc_stamp_len is cut from each; 0 otherwise, with the first difference
 * appended to why as one line ("packet 3: 66 bytes in 'emb', 74 in
 * 'real'"), and the two lines or packets that differ to detail (each
 * line ending in '\n'; detail may be NULL).
 */
int sc_same_as(const struct sc_same_side *a, const struct sc_same_side *b,
	       struct hx_buf *why, struct hx_buf *detail);

#endif
