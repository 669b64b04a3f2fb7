/* ladder.h: the TCP conversations of a list of packets drawn as ladder diagrams (seed 000's arrows, Wireshark's Flow Graph). */
#ifndef CAP_LADDER_H
#define CAP_LADDER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "capture/live.h"
#include "capture/session.h"
#include "harness/hx.h"

/* Arrow width: the columns between the two endpoints' bars. */
#define CAP_LAD_WIDTH 60

struct cap_lad_opts {
	int absolute; /* -S: absolute sequence numbers */
	int numeric;  /* -n: addresses, never the names below */
	int nano;     /* the timestamps' tv_usec holds nanoseconds */
	const struct cap_name *names; /* address -> name; may be NULL. When
				       * one address is named twice, the
				       * later name wins (as pr_name_add) */
	size_t nnames;
};

/*
 * Appends to out one ladder per TCP conversation (address family, both
 * addresses, both ports) of pkts[0..n), in the order of each
 * conversation's first packet, frames of link type dlt (cap_decode's).
 *
 * A block is a header line ("TCP conversation 1: A <-> B (N packets)"),
 * a row naming the two columns (left: the sender of the conversation's
 * first SYN, or the receiver of its first SYN+ACK, or else the source of
 * its first packet), and one line per segment: the time since the
 * conversation's first packet, an arrow between the columns pointing the
 * way the segment went with "FLAGS seq N [ack M] len L" inside, and the
 * packet's position in pkts ("#3", from 1). Flags are spelled as tcpdump
 * spells them between its brackets ("S", "S.", "P.", "none"). Sequence
 * and acknowledgement numbers are the ones `tcpdump` 4.99 (and
 * `dumplab read`) print for the same packets: relative once the
 * conversation's first ACK-bearing segment has been seen (that segment
 * and segments without ACK print absolute numbers), absolute with
 * o->absolute. The length is what the headers claim, so a packet cut by
 * the snapshot length is drawn as sent when its TCP header was captured.
 * Blocks are separated by a blank line. Packets that are not TCP, and
 * TCP packets without their whole 20-byte header (cut by the snapshot
 * length, or later IP fragments) are counted in closing lines ("2 non-TCP
 * packets not drawn"). With no TCP segment at all the text is "no TCP
 * conversation" and those lines.
 *
 * Deterministic: reads nothing but its arguments (no clock, no DNS, no
 * /etc/services: ports print as numbers). Reads only pkts[i].h.caplen
 * bytes of each packet. Returns the number of conversations drawn (0 or
 * more), or -ENOMEM with err set (out may then hold part of the text).
 * Thread-safe; allocates only temporarily.
 */
int cap_lad_render(char *err, const struct cap_lad_opts *o, int dlt,
		   const struct cap_pkt *pkts, size_t n, struct hx_buf *out);

/*
 * The conversation model the text above is drawn from, for other drawings
 * of the same ladders (harness/svg.c): the same conversations, columns,
 * segments and numbers, built by the same code.
 */
struct cap_lad_seg {
	size_t pkt;		/* index in pkts */
	uint32_t seq, ack, len;	/* as the text draws them */
	uint8_t flags;		/* CAP_TCP_* */
	uint8_t rightward;	/* from the left column to the right one */
	/* It covers only sequence space its sender had sent before (a SYN,
	 * FIN or data sent again): a retransmission, as Wireshark's
	 * "retransmission" analysis marks it, without its timing rules. */
	uint8_t retrans;
};

struct cap_lad_conv {
	int af;
	char left[160], right[160]; /* the columns' ends: "name.port" */
	size_t first, n;	/* its segments: seg[first .. first + n) */
};

struct cap_lad {
	struct cap_lad_conv *conv; /* in the order of their first packets */
	size_t nconv;
	struct cap_lad_seg *seg;   /* grouped by conversation, each group in
				    * packet order */
	size_t nseg;
	size_t cut;   /* TCP packets without a whole TCP header, not drawn */
	size_t other; /* packets that are not TCP */
};

/* Builds l from pkts[0..n) as cap_lad_render reads them. 0, or -ENOMEM
 * with err set (l then empty). Free with cap_lad_release. */
int cap_lad_build(char *err, const struct cap_lad_opts *o, int dlt,
		  const struct cap_pkt *pkts, size_t n, struct cap_lad *l);
void cap_lad_release(struct cap_lad *l); /* accepts NULL */
/* A segment's label as the text draws it inside the arrow:
 * "S. seq 0 ack 1 len 0" (no "ack" without ACK). */
void cap_lad_label(const struct cap_lad_seg *g, char *buf, size_t len);
/* The time of pkts[g->pkt] since t0 as the text prints it ("0.000032"). */
void cap_lad_time(const struct cap_lad_opts *o, const struct timeval *t,
		  const struct timeval *t0, char *buf, size_t len);

#endif
