/* exec-int.h: what the executor's files share (exec.c, exec-own.c); not an interface for anyone else. */
#ifndef HX_EXEC_INT_H
#define HX_EXEC_INT_H

#include <stddef.h>

#include "capture/live.h"
#include "capture/nltap.h"
#include "capture/session.h"
#include "capture/writer.h"
#include "harness/exec.h"
#include "netns/actor.h"
#include "netns/ns.h"
#include "netns/proc.h"

/* What the executor holds for each step while the scenario runs. */
struct xstep {
	struct ns_actor *actor;	  /* connect, accept: the connection */
	struct ns_server *server; /* listen */
	struct ns_zone *zone;	  /* listen ... zone: the server's zone, freed
				   * after the server */
	struct cap_session *cap;  /* capture, until it is stopped */
	struct cap_nltap *nl;	  /* capture -i netlink */
	struct cap_writer *w;	  /* netlink capture with -w */
	struct cap_writer_plan plan;
	int has_plan;
	struct cap_sink sink;
	char *wpath;		  /* -w's name under the scenario's directory */
	struct cap_pktvec rpkts;  /* read: the packets the filter kept */
	int stopped;
	struct sc_lines text;
	struct hx_buf data;	  /* recv: the bytes received */
	const struct cap_pkt *pkts;
	size_t npkts;
	int dlt;
	struct sc_lines ladder;	  /* capture, read: the TCP ladders */
	struct ns_proc *proc;	  /* start */
	int collected;		  /* start: its output and status are in res */
	struct sc_lines out, errl; /* start: stdout, stderr */
};

struct sc_exec {
	const struct sc_scenario *sc;
	const struct hx_exec_ctx *ctx;
	struct sc_report *rep;
	struct ns_lab *lab;
	struct ns_host **hosts;
	struct xstep *xs;
	struct sc_step_result *res;
	char err[HX_ERRLEN];
};
/* ---- exec.c's helpers ----------------------------------------------- */

/* The run was cancelled (Ctrl-C, a timeout of the whole scenario). */
int exec_cancelled(const struct sc_exec *x);
/* A step's deadline in ms: its own timeout, else the scenario's. */
int exec_step_ms(const struct sc_exec *x, const struct sc_step *s);
const char *exec_addr_str(const struct sc_inaddr *a, char *buf, size_t len);
/* An actor's outcome as a step's. */
enum sc_outcome exec_outcome(enum ns_outcome o);
/* exec-own.c: a dns step that waits for its reply (reply, tcp). */
int exec_dns_query(struct sc_exec *x, size_t i, const uint8_t *q, size_t len);
/* Runs an actor step, polling the scenario's cancellation meanwhile. */
int exec_actor_step(struct sc_exec *x, struct ns_actor *a, struct ns_step *st);

/* ---- exec-own.c: programs of one's own, crafted frames, NFS calls -----
 * Each runs step i (or collects what it left) and returns 0 or a negative
 * errno with x->err filled. */
int exec_start_proc(struct sc_exec *x, size_t i);
int exec_proc_collect(struct sc_exec *x, size_t i);
int exec_wait_proc(struct sc_exec *x, size_t i);
int exec_do_inject(struct sc_exec *x, size_t i);
int exec_do_tcp(struct sc_exec *x, size_t i);
int exec_nfs_call(struct sc_exec *x, size_t i);

#endif
