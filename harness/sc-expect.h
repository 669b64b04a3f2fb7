/* sc-expect.h: the expectation engine: what the steps left behind in, one verdict per expectation out. */
#ifndef SC_EXPECT_H
#define SC_EXPECT_H

#include <stddef.h>
#include <stdint.h>

#include "capture/live.h"
#include "harness/sc-lines.h"
#include "harness/sc.h"

/* What one step left behind; the executor fills it, the engine reads it. */
struct sc_step_result {
	int ran;		   /* the step was executed (else all is unset) */
	/* capture, read: the kept packets, as printed by the step's options */
	int dlt;
	const struct cap_pkt *pkts;
	size_t npkts;
	const struct sc_lines *text; /* capture/read: printed packets; run: its
				      * output (stdout then stderr); -D: the list */
	/* connect, accept, recv: how it ended and how long it took */
	enum sc_outcome outcome;
	sc_usec took;
	/* connections and recv: every byte received */
	const uint8_t *received;
	size_t nreceived;
	int exit_status;	   /* run, start: exit status; 128+N for signal N */
	int replies;		   /* ping: echo replies received */
	int sent;		   /* ping: echo requests sent */
	/* start: its standard output and standard error apart */
	const struct sc_lines *stdout_text, *stderr_text;
	/* capture, read: the TCP ladders of its packets (sc_render_ladder) */
	const struct sc_lines *ladder;
};

/* The MAC address an interface got (for smac/dmac == HOST:IF). */
struct sc_ifmac {
	size_t host;
	const char *ifname;
	uint8_t mac[6];
};

struct sc_results {
	const struct sc_step_result *steps; /* sc->nsteps of them */
	const char *workdir;		    /* where -w and `file` files live */
	const struct sc_ifmac *macs;	    /* may be NULL */
	size_t nmacs;
};

/* One expectation's verdict. On failure why is one line; detail is the
 * expectation as written, the lines or packets that broke it and how,
 * each line ending in '\n'. Both owned by the verdict. */
struct sc_verdict {
	size_t expect; /* index into sc->expects */
	int pass;
	char *why;
	char *detail;
};

/*
 * Evaluates every expectation of a checked scenario, in file order, on
 * res. Variables bind in that order; an expectation that fails binds
 * nothing, and the ones that use its variables fail saying so. Returns 0
 * and sc->nexpects verdicts in *out (free with sc_verdicts_free), or a
 * negative code with err (out of memory). Touches nothing but its
 * arguments and the files under res->workdir (read only).
 */
int sc_expect_eval(char *err, const struct sc_scenario *sc,
		   const struct sc_results *res, struct sc_verdict **out);

void sc_verdicts_free(struct sc_verdict *v, size_t n);

/* Whether v meets c, and c as text ("== 3", "1..4") in buf; for the
 * expectation checks (sc-expect.c, sc-files.c). */
int sc_cond_holds(const struct sc_num_cond *c, long long v);
void sc_cond_str(const struct sc_num_cond *c, char *buf, size_t len);

/*
 * Prints n packets of link type dlt with the printing options of a
 * capture or read step (its tcpdump words), naming the scenario's hosts
 * (and its `name` lines) as tcpdump would name resolved addresses, and
 * appends each packet's lines to out tagged with its index. Returns 0, or
 * -ENOMEM with err set. (sc-render.c: the one place the printer is called.)
 */
int sc_render_packets(char *err, const struct sc_scenario *sc,
		      const struct sc_tcpdump *cmd, int dlt,
		      const struct cap_pkt *pkts, size_t n, struct sc_lines *out);

/*
 * Appends to out the ladder of the TCP conversations among the n packets
 * (capture/ladder.h), each line after indent and without the blank lines
 * between conversations, with the capture step's -S and -n and the same
 * host names as sc_render_packets; nothing when no packet is TCP. Returns the number of conversations drawn, or -ENOMEM
 * with err set.
 */
int sc_render_ladder(char *err, const struct sc_scenario *sc,
		     const struct sc_tcpdump *cmd, int dlt,
		     const struct cap_pkt *pkts, size_t n, const char *indent,
		     struct hx_buf *out);

#endif
