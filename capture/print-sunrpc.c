/* print-sunrpc.c: ONC RPC (RFC 5531) calls and replies on the NFS port, over UDP and TCP record marking, matched by xid. */
/*
 * A call:                              A reply:
 *  +--------------------------+         +--------------------------+
 *  | xid                      |         | xid                      |
 *  | direction (0 call)       |         | direction (1 reply)      |
 *  | rpcvers (2)              |         | reply_stat (0 accepted,  |
 *  | prog                     |         |             1 denied)    |
 *  | vers                     |         | accepted: verifier       |
 *  | proc                     |         |   (flavor, len, body),   |
 *  | cred (flavor, len, body) |         |   accept_stat, results   |
 *  | verf (flavor, len, body) |         | denied: reject_stat, then|
 *  | arguments ...            |         |   low/high or auth_stat  |
 *  +--------------------------+         +--------------------------+
 *
 * Over TCP each record starts with a 4-octet mark: the last-fragment bit
 * and a 31-bit length (RFC 5531 11).
 *
 * As tcpdump does, only the NFS port is looked at: a call to port 2049
 * prints "NFS request xid N " and the NFS call, a reply from it "NFS
 * reply xid N " and the reply status. A reply's body can only be read
 * knowing the call's procedure: the context keeps the last 64 calls
 * (xid, client, server, procedure, version), searched from the last hit,
 * as tcpdump's xid_map is.
 */
#include "capture/print-rpc.h"

#include <stdlib.h>
#include <string.h>

#define NFS_PORT 2049
#define XIDMAPSIZE 64

#define MSG_ACCEPTED 0
#define MSG_DENIED 1
#define RPC_MISMATCH 0
#define AUTH_ERROR 1

static const struct pr_tok auth_stat_names[] = {
	{ 0, "OK" },
	{ 1, "Bogus Credentials (seal broken)" },
	{ 2, "Rejected Credentials (client should begin new session)" },
	{ 3, "Bogus Verifier (seal broken)" },
	{ 4, "Verifier expired or was replayed" },
	{ 5, "Credentials are too weak" },
	{ 6, "Bogus response verifier" },
	{ 7, "Unknown failure" },
	{ 0, NULL },
};

static const struct pr_tok accept_stat_names[] = {
	{ 1, "PROG_UNAVAIL" },
	{ 2, "PROG_MISMATCH" },
	{ 3, "PROC_UNAVAIL" },
	{ 4, "GARBAGE_ARGS" },
	{ 5, "SYSTEM_ERR" },
	{ 0, NULL },
};

struct rpc_xid_entry {
	uint32_t xid;
	int ipver; /* 0: unused */
	uint8_t client[16];
	uint8_t server[16];
	uint32_t proc;
	uint32_t vers;
};

struct pr_rpc_state {
	struct rpc_xid_entry map[XIDMAPSIZE];
	int next;
	int hint;
};

/* The ends of the datagram under c->iph: 0, or -1 if not captured. */
static int rpc_ends(struct pr_ctx *c, uint8_t src[16], uint8_t dst[16])
{
	memset(src, 0, 16);
	memset(dst, 0, 16);
	if (c->ipver == 6)
		return pk_copy(&c->pk, c->iph + 8, src, 16) &&
				       pk_copy(&c->pk, c->iph + 24, dst, 16)
			       ? 0
			       : -1;
	return pk_copy(&c->pk, c->iph + 12, src, 4) &&
			       pk_copy(&c->pk, c->iph + 16, dst, 4)
		       ? 0
		       : -1;
}

int rpc_xid_enter(struct pr_ctx *c, const uint8_t *msg)
{
	struct rpc_xid_entry *e;
	uint8_t src[16], dst[16];
	uint32_t xid, proc, vers;

	if (!pr_has(c, msg + RPC_CALL_PROC, 4))
		return 0;
	if (c->ipver != 4 && c->ipver != 6)
		return 1;
	PR_SEQ_STATE(c);
	if (!c->rpc) {
		c->rpc = calloc(1, sizeof(*c->rpc));
		if (!c->rpc)
			return 1; /* no table: replies print without bodies */
	}
	if (rpc_ends(c, src, dst) < 0 || !pk_be32(&c->pk, msg, &xid) ||
	    !pk_be32(&c->pk, msg + RPC_CALL_PROC, &proc) ||
	    !pk_be32(&c->pk, msg + RPC_CALL_VERS, &vers))
		return 1;
	e = &c->rpc->map[c->rpc->next];
	if (++c->rpc->next >= XIDMAPSIZE)
		c->rpc->next = 0;
	e->xid = xid;
	e->ipver = c->ipver;
	memcpy(e->client, src, 16);
	memcpy(e->server, dst, 16);
	e->proc = proc;
	e->vers = vers;
	return 1;
}

/* The call a reply answers: 0 with its procedure and version, or -1. */
static int rpc_xid_find(struct pr_ctx *c, const uint8_t *msg, uint32_t *proc,
			uint32_t *vers)
{
	struct pr_rpc_state *s = c->rpc;
	uint8_t src[16], dst[16];
	uint32_t xid;
	int i;

	PR_SEQ_STATE(c);
	if (!s || !pk_be32(&c->pk, msg, &xid) || rpc_ends(c, src, dst) < 0)
		return -1;
	i = s->hint;
	do {
		struct rpc_xid_entry *e = &s->map[i];

		if (e->ipver == c->ipver && e->xid == xid &&
		    !memcmp(e->server, src, 16) && !memcmp(e->client, dst, 16)) {
			s->hint = i;
			*proc = e->proc;
			*vers = e->vers;
			return 0;
		}
		if (++i >= XIDMAPSIZE)
			i = 0;
	} while (i != s->hint);
	return -1;
}

/* Skips the credentials and the verifier, as tcpdump checks them. */
const uint8_t *rpc_call_args(struct pr_ctx *c, const uint8_t *msg,
			     unsigned length)
{
	const uint8_t *dp = msg + RPC_CALL_CRED;
	uint32_t len, rounded;
	int k;

	for (k = 0; k < 2; k++) {
		if (length < 8)
			return NULL;
		if (!pk_be32(&c->pk, dp + 4, &len)) {
			pr_stop(c);
			return NULL;
		}
		/* tcpdump rounds in 32 bits: a huge length rounds to 0 */
		rounded = (len + 3u) & ~3u;
		if (!pr_has(c, dp + 8, rounded))
			return NULL;
		/* the credentials may end the message, the verifier not */
		if (k == 0 ? 8 + (uint64_t)rounded > length
			   : 8 + (uint64_t)rounded >= length)
			return NULL;
		length -= 8 + rounded;
		dp += ((uint64_t)len + 11) / 4 * 4;
	}
	return dp;
}

const uint8_t *rpc_reply_results(struct pr_ctx *c, const uint8_t *msg,
				 unsigned length, int *err)
{
	const uint8_t *dp = msg + RPC_REPLY_STAT + 4;
	uint32_t len, astat;

	if (!pk_be32(&c->pk, dp + 4, &len)) {
		pr_stop(c);
		return NULL;
	}
	if (len >= length)
		return NULL;
	dp += ((uint64_t)len + 11) / 4 * 4;
	if (!pk_be32(&c->pk, dp, &astat)) {
		pr_stop(c);
		return NULL;
	}
	if (astat != 0) {
		pr_putc(c, ' ');
		pr_tok_print(c, accept_stat_names, "ar_stat %u", astat);
		*err = 1;
		return NULL;
	}
	return dp + 4;
}

/* tcpdump's nfsreply_noaddr_print: the reply status, then the body. */
static int rpc_reply_print(struct pr_ctx *c, const uint8_t *msg,
			   unsigned length)
{
	uint32_t stat, rstat, lo, hi, why, proc, vers;

	c->proto = "nfs";
	if (!pk_be32(&c->pk, msg + RPC_REPLY_STAT, &stat))
		goto trunc;
	switch (stat) {
	case MSG_ACCEPTED:
		pr_printf(c, "reply ok %u", length);
		if (rpc_xid_find(c, msg, &proc, &vers) >= 0)
			return nfs_reply_print(c, msg, proc, vers, length);
		break;
	case MSG_DENIED:
		pr_printf(c, "reply ERR %u: ", length);
		if (!pk_be32(&c->pk, msg + 12, &rstat))
			goto trunc;
		switch (rstat) {
		case RPC_MISMATCH:
			if (!pr_has(c, msg + 20, 4))
				goto trunc;
			PR_BE32(c, msg + 16, lo);
			PR_BE32(c, msg + 20, hi);
			pr_printf(c, "RPC Version mismatch (%u-%u)", lo, hi);
			break;
		case AUTH_ERROR:
			if (!pk_be32(&c->pk, msg + 16, &why))
				goto trunc;
			pr_puts(c, "Auth ");
			pr_tok_print(c, auth_stat_names,
				     "Invalid failure code %u", why);
			break;
		default:
			pr_printf(c, "Unknown reason for rejecting rpc message %u",
				  rstat);
			break;
		}
		break;
	default:
		pr_printf(c, "reply Unknown rpc response code=%u %u", stat,
			  length);
		break;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

/* A call to, or a reply from, the NFS port; 1 when the message is neither. */
static int rpc_msg_print(struct pr_ctx *c, const uint8_t *msg,
			 unsigned length, const char *lead)
{
	uint32_t dir, xid;

	if (!pk_be32(&c->pk, msg + RPC_DIRECTION, &dir))
		return 1;
	PR_BE32(c, msg + RPC_XID, xid);
	if (c->dport == NFS_PORT && dir == RPC_CALL) {
		pr_puts(c, lead);
		pr_printf(c, "NFS request xid %u ", xid);
		return nfs_call_print(c, msg, length);
	}
	if (c->sport == NFS_PORT && dir == RPC_REPLY) {
		pr_puts(c, lead);
		pr_printf(c, "NFS reply xid %u ", xid);
		return rpc_reply_print(c, msg, length);
	}
	return 1;
}

int sunrpc_udp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	return rpc_msg_print(c, p, length, "");
}

int sunrpc_tcp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint32_t mark, fraglen;
	int rc;

	if (length < 4 || !pk_be32(&c->pk, p, &mark))
		return 0;
	fraglen = mark & 0x7fffffffu;
	if (fraglen > length - 4)
		fraglen = length - 4;
	rc = rpc_msg_print(c, p + 4, fraglen, ": ");
	return rc == 1 ? 0 : rc;
}
