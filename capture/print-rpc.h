/* print-rpc.h: what the ONC RPC layer (print-sunrpc.c), the NFS printer (print-nfs.c) and its file-handle guesser (nfs-fh.c) share. */
#ifndef CAP_PRINT_RPC_H
#define CAP_PRINT_RPC_H

#include "capture/print-int.h"

/* Offsets in an RPC message (RFC 5531 9). */
#define RPC_XID 0
#define RPC_DIRECTION 4
#define RPC_CALL_RPCVERS 8
#define RPC_CALL_PROG 12
#define RPC_CALL_VERS 16
#define RPC_CALL_PROC 20
#define RPC_CALL_CRED 24
#define RPC_REPLY_STAT 8

#define RPC_CALL 0
#define RPC_REPLY 1

/*
 * Records the call at msg (its xid, the ends under c->iph, procedure and
 * version) in the context's table of recent calls, as tcpdump's 64-entry
 * ring. 0 when the procedure was not captured (nothing recorded).
 */
int rpc_xid_enter(struct pr_ctx *c, const uint8_t *msg);

/*
 * The start of a call's arguments, past the credentials and verifier;
 * NULL when they run past length or past the capture (after pr_stop
 * when a field tcpdump reads unchecked was not captured: c->stopped).
 */
const uint8_t *rpc_call_args(struct pr_ctx *c, const uint8_t *msg,
			     unsigned length);

/*
 * The start of an accepted reply's results; NULL when cut short, or,
 * with *err set, after printing a non-success accept status.
 */
const uint8_t *rpc_reply_results(struct pr_ctx *c, const uint8_t *msg,
				 unsigned length, int *err);

/* The NFS call and the reply body, for the procedure the call table
 * found (print-nfs.c). 0 or PR_STOP. */
int nfs_call_print(struct pr_ctx *c, const uint8_t *msg, unsigned length);
int nfs_reply_print(struct pr_ctx *c, const uint8_t *msg, uint32_t proc,
		    uint32_t vers, unsigned length);

/*
 * " fh major,minor/inode" or " fh Unknown/HEX": the file handle f of
 * words 4-octet words, all captured (checked by the caller), as the
 * server tcpdump guesses made it (nfs-fh.c).
 */
void nfs_fh_print(struct pr_ctx *c, const uint8_t *f, unsigned words);

#endif
