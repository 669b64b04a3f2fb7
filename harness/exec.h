/* exec.h: the scenario executor `dumplab run` uses. */
#ifndef HX_EXEC_H
#define HX_EXEC_H

#include "harness/runner.h"

/*
 * Runs a checked scenario for real: skips it (with the reason) when a
 * `needs` line is not met; builds its hosts, links, bridges, addresses,
 * routes and sysctls with the engine (ns_boot must have been called);
 * writes its files into ctx->workdir; runs its steps in order (commands
 * in hosts, TCP listeners and connections, pings, waits, live captures);
 * prints each capture's packets as tcpdump does, with the scenario's host
 * names; judges every expectation. A step the executor does not support
 * yet fails the scenario saying so. Everything built is released before
 * it returns; a cancel (ctx->cancel_fd) ends the step that blocks.
 */
int hx_exec_real(const struct sc_scenario *sc, struct sc_report *rep,
		 const struct hx_exec_ctx *ctx);

#endif
