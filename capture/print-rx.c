/* print-rx.c: AFS Rx (the header, every packet type, acks) and the calls and replies of the AFS services, matched by call number. */
/*
 * The Rx header (28 octets, big-endian), on UDP ports 7000-7009:
 *
 *   +----------------+----------------+----------------+----------------+
 *   | epoch                           | connection id (cid)             |
 *   +----------------+----------------+----------------+----------------+
 *   | call number                     | sequence                        |
 *   +----------------+----------------+----------------+----------------+
 *   | serial                          |type |flags|ustat|secix| spare   |
 *   +----------------+----------------+----------------+----------------+
 *   | service id      | data: the call's opcode, then its XDR arguments ...
 *   +-----------------+
 *
 * An ack carries buffer space, max skew, the first packet, the previous
 * one, the serial that prompted it, a reason, n acks (one octet each,
 * 1 acked, 0 not), three octets of padding, then optionally the
 * interface MTU, max MTU, receive window and max packets.
 *
 * The port says the service: 7000 the file server (fs), 7001 the cache
 * manager's callbacks, 7002 protection, 7003 volume location, 7004
 * kauth, 7005 volume, 7007 bos. A reply names no opcode: tcpdump keeps
 * the last 64 calls (call number, client, server, server port, service
 * id) and finds the reply's call among them, as this printer does.
 *
 * This printer decodes the file service, the callbacks, the protection
 * and volume location servers, the volume server's list calls, and the
 * Ubik calls and replies of the pt, vldb and kauth servers. A packet
 * tcpdump would hand to its kauth (other than Ubik) or bos printer, to a
 * volume call not decoded here, or to its ACL parser, this one declines
 * before printing anything: the datagram prints as "UDP, length N"
 * (docs/read.md), never as text tcpdump does not print.
 *
 * One file of about 1,450 lines, as tcpdump's print-rx.c: the services
 * share the header, the call cache and the XDR readers, and each is a
 * call printer and a reply printer beside its opcode names.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture/print-int.h"

#define RX_HDRLEN 28
#define RX_CACHE_SIZE 64

#define RX_DATA 1
#define RX_ACK 2
#define RX_ABORT 4

#define RX_CLIENT_INITIATED 1

#define FS_PORT 7000
#define AFSNAMEMAX 256

struct rx_call {
	uint32_t callnum, client, server, opcode;
	uint16_t dport, service;
};

struct pr_rx_state {
	struct rx_call cache[RX_CACHE_SIZE];
	uint32_t next, hint;
};

static const struct pr_tok rx_types[] = {
	{ 1, "data" },	    { 2, "ack" },	 { 3, "busy" },
	{ 4, "abort" },	    { 5, "ackall" },	 { 6, "challenge" },
	{ 7, "response" },  { 8, "debug" },	 { 9, "params" },
	{ 13, "version" },  { 0, NULL },
};

/* Flags -vv names; some only on one packet type (0: any). */
static const struct {
	uint8_t flag, type;
	const char *s;
} rx_flags[] = {
	{ 1, 0, "client-init" }, { 2, 0, "req-ack" },	 { 4, 0, "last-pckt" },
	{ 8, 0, "more-pckts" },	 { 16, 0, "free-pckt" }, { 32, RX_ACK, "slow-start" },
	{ 32, RX_DATA, "jumbogram" },
};

static const struct pr_tok fs_ops[] = {
	{ 130, "fetch-data" },	   { 131, "fetch-acl" },      { 132, "fetch-status" },
	{ 133, "store-data" },	   { 134, "store-acl" },      { 135, "store-status" },
	{ 136, "remove-file" },	   { 137, "create-file" },    { 138, "rename" },
	{ 139, "symlink" },	   { 140, "link" },	      { 141, "makedir" },
	{ 142, "rmdir" },	   { 143, "oldsetlock" },     { 144, "oldextlock" },
	{ 145, "oldrellock" },	   { 146, "get-stats" },      { 147, "give-cbs" },
	{ 148, "get-vlinfo" },	   { 149, "get-vlstats" },    { 150, "set-vlstats" },
	{ 151, "get-rootvl" },	   { 152, "check-token" },    { 153, "get-time" },
	{ 154, "nget-vlinfo" },	   { 155, "bulk-stat" },      { 156, "setlock" },
	{ 157, "extlock" },	   { 158, "rellock" },	      { 159, "xstat-ver" },
	{ 160, "get-xstat" },	   { 161, "dfs-lookup" },     { 162, "dfs-flushcps" },
	{ 163, "dfs-symlink" },	   { 220, "residency" },      { 65536, "inline-bulk-status" },
	{ 65537, "fetch-data-64" }, { 65538, "store-data-64" }, { 65539, "give-up-all-cbs" },
	{ 65540, "get-caps" },	   { 65541, "cb-rx-conn-addr" }, { 0, NULL },
};

static const struct pr_tok fs_errors[] = {
	{ 101, "salvage volume" }, { 102, "no such vnode" },
	{ 103, "no such volume" }, { 104, "volume exist" },
	{ 105, "no service" },	   { 106, "volume offline" },
	{ 107, "voline online" },  { 108, "diskfull" },
	{ 109, "diskquota exceeded" }, { 110, "volume busy" },
	{ 111, "volume moved" },   { 112, "AFS IO error" },
	{ 0xffffff9cu, "restarting fileserver" }, /* -100 */
	{ 0, NULL },
};

static const struct pr_tok cb_ops[] = {
	{ 204, "callback" },	 { 205, "initcb" },	   { 206, "probe" },
	{ 207, "getlock" },	 { 208, "getce" },	   { 209, "xstatver" },
	{ 210, "getxstat" },	 { 211, "initcb2" },	   { 212, "whoareyou" },
	{ 213, "initcb3" },	 { 214, "probeuuid" },	   { 215, "getsrvprefs" },
	{ 216, "getcellservdb" }, { 217, "getlocalcell" }, { 218, "getcacheconf" },
	{ 65536, "getce64" },	 { 65537, "getcellbynum" }, { 65538, "tellmeaboutyourself" },
	{ 0, NULL },
};

static const struct pr_tok pt_ops[] = {
	{ 500, "new-user" },	 { 501, "where-is-it" },   { 502, "dump-entry" },
	{ 503, "add-to-group" }, { 504, "name-to-id" },	   { 505, "id-to-name" },
	{ 506, "delete" },	 { 507, "remove-from-group" }, { 508, "get-cps" },
	{ 509, "new-entry" },	 { 510, "list-max" },	   { 511, "set-max" },
	{ 512, "list-entry" },	 { 513, "change-entry" },  { 514, "list-elements" },
	{ 515, "same-mbr-of" },	 { 516, "set-fld-sentry" }, { 517, "list-owned" },
	{ 518, "get-cps2" },	 { 519, "get-host-cps" },  { 520, "update-entry" },
	{ 521, "list-entries" }, { 530, "list-super-groups" }, { 0, NULL },
};

static const struct pr_tok vldb_ops[] = {
	{ 501, "create-entry" },      { 502, "delete-entry" },
	{ 503, "get-entry-by-id" },   { 504, "get-entry-by-name" },
	{ 505, "get-new-volume-id" }, { 506, "replace-entry" },
	{ 507, "update-entry" },      { 508, "setlock" },
	{ 509, "releaselock" },	      { 510, "list-entry" },
	{ 511, "list-attrib" },	      { 512, "linked-list" },
	{ 513, "get-stats" },	      { 514, "probe" },
	{ 515, "get-addrs" },	      { 516, "change-addr" },
	{ 517, "create-entry-n" },    { 518, "get-entry-by-id-n" },
	{ 519, "get-entry-by-name-n" }, { 520, "replace-entry-n" },
	{ 521, "list-entry-n" },      { 522, "list-attrib-n" },
	{ 523, "linked-list-n" },     { 524, "update-entry-by-name" },
	{ 525, "create-entry-u" },    { 526, "get-entry-by-id-u" },
	{ 527, "get-entry-by-name-u" }, { 528, "replace-entry-u" },
	{ 529, "list-entry-u" },      { 530, "list-attrib-u" },
	{ 531, "linked-list-u" },     { 532, "regaddr" },
	{ 533, "get-addrs-u" },	      { 534, "list-attrib-n2" },
	{ 0, NULL },
};

/* The Ubik calls every replicated database server takes (ubik_int.xg). */
static const struct pr_tok ubik_ops[] = {
	{ 10000, "vote-beacon" },	 { 10001, "vote-debug-old" },
	{ 10002, "vote-sdebug-old" },	 { 10003, "vote-getsyncsite" },
	{ 10004, "vote-debug" },	 { 10005, "vote-sdebug" },
	{ 10006, "vote-xdebug" },	 { 10007, "vote-xsdebug" },
	{ 20000, "disk-begin" },	 { 20001, "disk-commit" },
	{ 20002, "disk-lock" },		 { 20003, "disk-write" },
	{ 20004, "disk-getversion" },	 { 20005, "disk-getfile" },
	{ 20006, "disk-sendfile" },	 { 20007, "disk-abort" },
	{ 20008, "disk-releaselocks" }, { 20009, "disk-truncate" },
	{ 20010, "disk-probe" },	 { 20011, "disk-writev" },
	{ 20012, "disk-interfaceaddr" }, { 20013, "disk-setversion" },
	{ 0, NULL },
};

static const struct pr_tok vol_ops[] = {
	{ 100, "create-volume" }, { 101, "delete-volume" }, { 102, "restore" },
	{ 103, "forward" },	  { 104, "end-trans" },	    { 105, "clone" },
	{ 106, "set-flags" },	  { 107, "get-flags" },	    { 108, "trans-create" },
	{ 109, "dump" },	  { 110, "get-nth-volume" }, { 111, "set-forwarding" },
	{ 112, "get-name" },	  { 113, "get-status" },    { 114, "sig-restore" },
	{ 115, "list-partitions" }, { 116, "list-volumes" }, { 117, "set-id-types" },
	{ 118, "monitor" },	  { 119, "partition-info" }, { 120, "reclone" },
	{ 121, "list-one-volume" }, { 122, "nuke" },	    { 123, "set-date" },
	{ 124, "x-list-volumes" }, { 125, "x-list-one-volume" }, { 126, "set-info" },
	{ 127, "x-list-partitions" }, { 128, "forward-multiple" },
	{ 65536, "convert-ro" },  { 65537, "get-size" },    { 65538, "dump-v2" },
	{ 0, NULL },
};

static const char *const voltype[] = { "read-write", "read-only", "backup" };

static const struct pr_tok ack_reasons[] = {
	{ 1, "ack requested" }, { 2, "duplicate packet" }, { 3, "out of sequence" },
	{ 4, "exceeds window" }, { 5, "no buffer space" }, { 6, "ping" },
	{ 7, "ping response" }, { 8, "delay" }, { 9, "idle" }, { 0, NULL },
};

static struct pr_rx_state *rx_state(struct pr_ctx *c)
{
	PR_SEQ_STATE(c);
	if (!c->rx)
		c->rx = calloc(1, sizeof(*c->rx));
	return c->rx;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/*
 * The two addresses tcpdump keys the cache with: the words at 12 and 16
 * of the network header (an IPv6 header's too, as tcpdump reads them).
 */
static int rx_addrs(struct pr_ctx *c, uint32_t *src, uint32_t *dst)
{
	return pk_be32(&c->pk, c->iph + 12, src) &&
	       pk_be32(&c->pk, c->iph + 16, dst);
}

static void cache_insert(struct pr_ctx *c, const uint8_t *bp, uint16_t dport)
{
	struct pr_rx_state *s = rx_state(c);
	struct rx_call *e;
	uint32_t src, dst, op;

	if (!s || !pk_be32(&c->pk, bp + RX_HDRLEN, &op) || !rx_addrs(c, &src, &dst))
		return;
	e = &s->cache[s->next];
	if (++s->next >= RX_CACHE_SIZE)
		s->next = 0;
	e->callnum = be32(bp + 8);
	e->client = src;
	e->server = dst;
	e->dport = dport;
	e->service = (uint16_t)(bp[26] << 8 | bp[27]);
	e->opcode = op;
}

static int cache_find(struct pr_ctx *c, const uint8_t *bp, uint16_t sport,
		      uint32_t *opcode)
{
	struct pr_rx_state *s = rx_state(c);
	uint32_t i, src, dst, callnum = be32(bp + 8);
	uint16_t service = (uint16_t)(bp[26] << 8 | bp[27]);

	if (!s || !rx_addrs(c, &src, &dst))
		return 0;
	i = s->hint;
	do {
		const struct rx_call *e = &s->cache[i];

		if (e->callnum == callnum && e->client == dst && e->server == src &&
		    e->service == service && e->dport == sport) {
			s->hint = i;
			*opcode = e->opcode;
			return 1;
		}
		if (++i >= RX_CACHE_SIZE)
			i = 0;
	} while (i != s->hint);
	return 0;
}

/* ---- XDR pieces, each as tcpdump's macros read them -------------------- */

/* -1: the packet stops (" [|rx]" printed); 0 ok. */
static int fid_out(struct pr_ctx *c, const uint8_t **bp, int *trunc)
{
	uint32_t a, b, d;

	if (!pr_has(c, *bp, 12)) {
		*trunc = 1;
		return 0;
	}
	a = be32(*bp);
	b = be32(*bp + 4);
	d = be32(*bp + 8);
	*bp += 12;
	pr_printf(c, " fid %u/%u/%u", a, b, d);
	return 0;
}

static int str_max_out(struct pr_ctx *c, const uint8_t **bp, uint32_t max,
		       int *trunc)
{
	uint32_t n;

	if (!pk_be32(&c->pk, *bp, &n))
		return pr_stop(c);
	if (n > max) {
		*trunc = 1;
		return 0;
	}
	*bp += 4;
	pr_puts(c, " \"");
	if (pr_printn(c, *bp, n)) {
		*trunc = 1;
		return 0;
	}
	pr_putc(c, '"');
	*bp += ((n + 3) / 4) * 4;
	return 0;
}

static int str_out(struct pr_ctx *c, const uint8_t **bp, int *trunc)
{
	return str_max_out(c, bp, AFSNAMEMAX, trunc);
}

static int uint_out(struct pr_ctx *c, const uint8_t **bp)
{
	uint32_t v;

	if (!pk_be32(&c->pk, *bp, &v))
		return pr_stop(c);
	*bp += 4;
	pr_printf(c, " %u", v);
	return 0;
}

static int uint64_out(struct pr_ctx *c, const uint8_t **bp)
{
	uint32_t hi, lo;

	if (!pk_be32(&c->pk, *bp, &hi) || !pk_be32(&c->pk, *bp + 4, &lo))
		return pr_stop(c);
	*bp += 8;
	pr_putc(c, ' ');
	pr_uint(c, (uint64_t)hi << 32 | lo);
	return 0;
}

static int date_out(struct pr_ctx *c, const uint8_t **bp)
{
	uint32_t v;
	time_t t;
	struct tm tm;
	char s[64];

	if (!pk_be32(&c->pk, *bp, &v))
		return pr_stop(c);
	*bp += 4;
	t = (time_t)(int32_t)v;
	if (!localtime_r(&t, &tm))
		return pr_stop(c);
	strftime(s, sizeof(s), "%Y/%m/%d %H:%M:%S", &tm);
	pr_printf(c, " %s", s);
	return 0;
}

static int int_out(struct pr_ctx *c, const uint8_t **bp)
{
	uint32_t v;

	if (!pk_be32(&c->pk, *bp, &v))
		return pr_stop(c);
	*bp += 4;
	pr_printf(c, " %d", (int32_t)v);
	return 0;
}

/*
 * tcpdump's VECOUT: max words, each one character (its low octet), as a
 * quoted string up to the first NUL.
 */
static int vec_out(struct pr_ctx *c, const uint8_t **bp, unsigned max, int *trunc)
{
	unsigned k;

	if (!pr_has(c, *bp, (size_t)max * 4)) {
		*trunc = 1;
		return 0;
	}
	pr_puts(c, " \"");
	for (k = 0; k < max && (*bp)[k * 4 + 3]; k++)
		pr_char(c, (*bp)[k * 4 + 3]);
	pr_putc(c, '"');
	*bp += (size_t)max * 4;
	return 0;
}

/* An afsUUID: eleven words, printed as tcpdump's AFSUUIDOUT does. */
static int uuid_out(struct pr_ctx *c, const uint8_t **bp, int *trunc)
{
	int k;

	if (!pr_has(c, *bp, 44)) {
		*trunc = 1;
		return 0;
	}
	pr_putc(c, ' ');
	pr_hex(c, be32(*bp), 8);
	pr_hex(c, be32(*bp + 4), 4);
	pr_hex(c, be32(*bp + 8), 4);
	for (k = 0; k < 8; k++)
		pr_hex(c, (uint8_t)be32(*bp + 12 + 4 * k), 2);
	*bp += 44;
	return 0;
}

/* An AFSStoreStatus: the mask, then the fields it selects. */
static int storeattr_out(struct pr_ctx *c, const uint8_t **bp, int *trunc)
{
	uint32_t mask, v;

	if (!pr_has(c, *bp, 24)) {
		*trunc = 1;
		return 0;
	}
	mask = be32(*bp);
	*bp += 4;
	if (mask)
		pr_puts(c, " StoreStatus");
	if (mask & 1) {
		pr_puts(c, " date");
		if (date_out(c, bp) < 0)
			return PR_STOP;
	} else {
		*bp += 4;
	}
	v = be32(*bp);
	*bp += 4;
	if (mask & 2)
		pr_printf(c, " owner %u", v);
	v = be32(*bp);
	*bp += 4;
	if (mask & 4)
		pr_printf(c, " group %u", v);
	v = be32(*bp);
	*bp += 4;
	if (mask & 8) {
		char o[8];
		int k = (int)sizeof(o);

		v &= 07777;
		o[--k] = '\0';
		do {
			o[--k] = (char)('0' + (v & 7));
			v >>= 3;
		} while (v);
		pr_puts(c, " mode ");
		pr_puts(c, o + k);
	}
	v = be32(*bp);
	*bp += 4;
	if (mask & 16)
		pr_printf(c, " segsize %u", v);
	if (mask & 1024)
		pr_puts(c, " fsync");
	return 0;
}

#define STEP(x)                                                          \
	do {                                                             \
		if ((x) < 0)                                             \
			return PR_STOP;                                  \
		if (trunc)                                               \
			goto trunc;                                      \
	} while (0)

/* ---- the file service --------------------------------------------------- */

static int fs_call_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint32_t op, n, i;
	int trunc = 0;

	if (length <= RX_HDRLEN)
		return 0;
	PR_BE32(c, bp + RX_HDRLEN, op);
	pr_puts(c, " fs call ");
	pr_tok_print(c, fs_ops, "op#%u", op);
	bp += RX_HDRLEN + 4;
	switch (op) {
	case 130: /* fetch data */
		STEP(fid_out(c, &bp, &trunc));
		pr_puts(c, " offset");
		STEP(uint_out(c, &bp));
		pr_puts(c, " length");
		STEP(uint_out(c, &bp));
		break;
	case 131: case 132: case 143: case 144: case 145:
	case 156: case 157: case 158:
		STEP(fid_out(c, &bp, &trunc));
		break;
	case 135: /* store status */
		STEP(fid_out(c, &bp, &trunc));
		STEP(storeattr_out(c, &bp, &trunc));
		break;
	case 133: /* store data */
		STEP(fid_out(c, &bp, &trunc));
		STEP(storeattr_out(c, &bp, &trunc));
		pr_puts(c, " offset");
		STEP(uint_out(c, &bp));
		pr_puts(c, " length");
		STEP(uint_out(c, &bp));
		pr_puts(c, " flen");
		STEP(uint_out(c, &bp));
		break;
	case 137: case 141: /* create file, makedir */
		STEP(fid_out(c, &bp, &trunc));
		STEP(str_out(c, &bp, &trunc));
		STEP(storeattr_out(c, &bp, &trunc));
		break;
	case 136: case 142: /* remove file, rmdir */
		STEP(fid_out(c, &bp, &trunc));
		STEP(str_out(c, &bp, &trunc));
		break;
	case 138: /* rename */
		pr_puts(c, " old");
		STEP(fid_out(c, &bp, &trunc));
		STEP(str_out(c, &bp, &trunc));
		pr_puts(c, " new");
		STEP(fid_out(c, &bp, &trunc));
		STEP(str_out(c, &bp, &trunc));
		break;
	case 139: /* symlink */
		STEP(fid_out(c, &bp, &trunc));
		STEP(str_out(c, &bp, &trunc));
		pr_puts(c, " link to");
		STEP(str_out(c, &bp, &trunc));
		break;
	case 140: /* link */
		STEP(fid_out(c, &bp, &trunc));
		STEP(str_out(c, &bp, &trunc));
		pr_puts(c, " link to");
		STEP(fid_out(c, &bp, &trunc));
		break;
	case 148: /* get volume info */
		STEP(str_out(c, &bp, &trunc));
		break;
	case 149: case 150:
		pr_puts(c, " volid");
		STEP(uint_out(c, &bp));
		break;
	case 154:
		pr_puts(c, " volname");
		STEP(str_out(c, &bp, &trunc));
		break;
	case 155: case 65536: /* bulk stat */
		PR_BE32(c, bp, n);
		bp += 4;
		for (i = 0; i < n; i++) {
			STEP(fid_out(c, &bp, &trunc));
			if (i != n - 1)
				pr_putc(c, ',');
		}
		if (n == 0)
			pr_puts(c, " <none!>");
		break;
	case 65537: /* fetch data 64 */
		STEP(fid_out(c, &bp, &trunc));
		pr_puts(c, " offset");
		STEP(uint64_out(c, &bp));
		pr_puts(c, " length");
		STEP(uint64_out(c, &bp));
		break;
	case 65538: /* store data 64 */
		STEP(fid_out(c, &bp, &trunc));
		STEP(storeattr_out(c, &bp, &trunc));
		pr_puts(c, " offset");
		STEP(uint64_out(c, &bp));
		pr_puts(c, " length");
		STEP(uint64_out(c, &bp));
		pr_puts(c, " flen");
		STEP(uint64_out(c, &bp));
		break;
	case 65541:
		pr_puts(c, " addr");
		STEP(uint_out(c, &bp));
		break;
	default:
		break;
	}
	return 0;
trunc:
	pr_puts(c, " [|fs]");
	return 0;
}

static int fs_reply_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
			  uint32_t op)
{
	uint8_t type = bp[20];
	uint32_t err;
	int trunc = 0;

	if (length <= RX_HDRLEN)
		return 0;
	pr_puts(c, " fs reply ");
	pr_tok_print(c, fs_ops, "op#%u", op);
	bp += RX_HDRLEN;
	if (type == RX_DATA) {
		switch (op) {
		case 137: case 141:
			pr_puts(c, " new");
			STEP(fid_out(c, &bp, &trunc));
			break;
		case 151:
			pr_puts(c, " root volume");
			STEP(str_out(c, &bp, &trunc));
			break;
		case 153:
			STEP(date_out(c, &bp));
			break;
		default:
			break;
		}
	} else if (type == RX_ABORT) {
		PR_BE32(c, bp, err);
		pr_puts(c, " error ");
		if (pr_tok(fs_errors, err))
			pr_puts(c, pr_tok(fs_errors, err));
		else
			pr_printf(c, "#%d", (int32_t)err);
	} else {
		pr_printf(c, " strange fs reply of type %u", type);
	}
	return 0;
trunc:
	pr_puts(c, " [|fs]");
	return 0;
}

/* ---- the other services this printer decodes ---------------------------- */

static int cb_call_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint32_t op, n, i;
	int trunc = 0;

	if (length <= RX_HDRLEN)
		return 0;
	PR_BE32(c, bp + RX_HDRLEN, op);
	pr_puts(c, " cb call ");
	pr_tok_print(c, cb_ops, "op#%u", op);
	bp += RX_HDRLEN + 4;
	if (op == 204) {
		PR_BE32(c, bp, n);
		bp += 4;
		for (i = 0; i < n; i++) {
			STEP(fid_out(c, &bp, &trunc));
			if (i != n - 1)
				pr_putc(c, ',');
		}
		if (n == 0)
			pr_puts(c, " <none!>");
		PR_BE32(c, bp, n);
		bp += 4;
		if (n != 0)
			pr_putc(c, ';');
		for (i = 0; i < n; i++) {
			uint32_t t;

			pr_puts(c, " ver");
			STEP(int_out(c, &bp));
			pr_puts(c, " expires");
			STEP(date_out(c, &bp));
			PR_BE32(c, bp, t); /* the type: read, not printed */
			bp += 4;
		}
	} else if (op == 214) {
		pr_puts(c, " afsuuid");
		STEP(uuid_out(c, &bp, &trunc));
	}
	return 0;
trunc:
	pr_puts(c, " [|cb]");
	return 0;
}

static int cb_reply_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
			  uint32_t op)
{
	uint8_t type = bp[20];
	int trunc = 0;

	if (length <= RX_HDRLEN)
		return 0;
	pr_puts(c, " cb reply ");
	pr_tok_print(c, cb_ops, "op#%u", op);
	bp += RX_HDRLEN;
	if (type == RX_DATA) {
		if (op == 213)
			STEP(uuid_out(c, &bp, &trunc));
	} else {
		pr_puts(c, " errcode");
		STEP(int_out(c, &bp));
	}
	return 0;
trunc:
	pr_puts(c, " [|cb]");
	return 0;
}

#define PRNAMEMAX 64
#define VLNAMEMAX 65

/* ---- Ubik, the replication protocol of the pt, vldb and kauth servers --- */

static int is_ubik(uint32_t op)
{
	return (op >= 10000 && op <= 10007) || (op >= 20000 && op <= 20013);
}

/* tcpdump's UBIK_VERSIONOUT: " epoch.counter", or [|ubik] when cut. */
static int version_out(struct pr_ctx *c, const uint8_t **bp, int *trunc)
{
	if (!pr_has(c, *bp, 8)) {
		*trunc = 1;
		return 0;
	}
	pr_printf(c, " %u.%u", be32(*bp), be32(*bp + 4));
	*bp += 8;
	return 0;
}

/*
 * A Ubik call to one of the database servers (the caller printed the
 * service's name): the call's name and the arguments tcpdump decodes.
 * tcpdump reads a disk-lock's lock type and prints nothing of it; a cut
 * packet stops there all the same.
 */
static int ubik_call_print(struct pr_ctx *c, const uint8_t *bp)
{
	uint32_t op, v;
	int trunc = 0;

	PR_BE32(c, bp + RX_HDRLEN, op);
	pr_puts(c, " ubik call ");
	pr_tok_print(c, ubik_ops, "op#%u", op);
	bp += RX_HDRLEN + 4;
	switch (op) {
	case 10000:
		PR_BE32(c, bp, v);
		bp += 4;
		pr_printf(c, " syncsite %s", v ? "yes" : "no");
		pr_puts(c, " votestart");
		STEP(date_out(c, &bp));
		pr_puts(c, " dbversion");
		STEP(version_out(c, &bp, &trunc));
		pr_puts(c, " tid");
		STEP(version_out(c, &bp, &trunc));
		break;
	case 10003:
		pr_puts(c, " site");
		STEP(uint_out(c, &bp));
		break;
	case 20000: case 20001: case 20007: case 20008: case 20010:
		pr_puts(c, " tid");
		STEP(version_out(c, &bp, &trunc));
		break;
	case 20002:
		pr_puts(c, " tid");
		STEP(version_out(c, &bp, &trunc));
		pr_puts(c, " file");
		STEP(int_out(c, &bp));
		pr_puts(c, " pos");
		STEP(int_out(c, &bp));
		pr_puts(c, " length");
		STEP(int_out(c, &bp));
		PR_BE32(c, bp, v);
		break;
	case 20003:
		pr_puts(c, " tid");
		STEP(version_out(c, &bp, &trunc));
		pr_puts(c, " file");
		STEP(int_out(c, &bp));
		pr_puts(c, " pos");
		STEP(int_out(c, &bp));
		break;
	case 20005:
		pr_puts(c, " file");
		STEP(int_out(c, &bp));
		break;
	case 20006:
		pr_puts(c, " file");
		STEP(int_out(c, &bp));
		pr_puts(c, " length");
		STEP(int_out(c, &bp));
		pr_puts(c, " dbversion");
		STEP(version_out(c, &bp, &trunc));
		break;
	case 20009:
		pr_puts(c, " tid");
		STEP(version_out(c, &bp, &trunc));
		pr_puts(c, " file");
		STEP(int_out(c, &bp));
		pr_puts(c, " length");
		STEP(int_out(c, &bp));
		break;
	case 20012:
		pr_puts(c, " tid");
		STEP(version_out(c, &bp, &trunc));
		pr_puts(c, " oldversion");
		STEP(version_out(c, &bp, &trunc));
		pr_puts(c, " newversion");
		STEP(version_out(c, &bp, &trunc));
		break;
	default:
		break;
	}
	return 0;
trunc:
	pr_puts(c, " [|ubik]");
	return 0;
}

/*
 * A Ubik reply: data answers a beacon with a no vote or carry the
 * database version; an abort is a beacon's yes vote (with the time it
 * lasts until) or another call's error code.
 */
static int ubik_reply_print(struct pr_ctx *c, const uint8_t *bp, uint32_t op)
{
	uint8_t type = bp[20];
	int trunc = 0;

	pr_puts(c, " ubik reply ");
	pr_tok_print(c, ubik_ops, "op#%u", op);
	bp += RX_HDRLEN;
	if (type == RX_DATA) {
		if (op == 10000) {
			pr_puts(c, " vote no");
		} else if (op == 20004) {
			pr_puts(c, " dbversion");
			STEP(version_out(c, &bp, &trunc));
		}
	} else if (op == 10000) {
		pr_puts(c, " vote yes until");
		STEP(date_out(c, &bp));
	} else {
		pr_puts(c, " errcode");
		STEP(int_out(c, &bp));
	}
	return 0;
trunc:
	pr_puts(c, " [|ubik]");
	return 0;
}

/* kauth: only its Ubik calls and replies are decoded here. */
static int kauth_call_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint32_t op;

	if (length <= RX_HDRLEN)
		return 0;
	PR_BE32(c, bp + RX_HDRLEN, op); /* read before the name, as tcpdump */
	(void)op;
	pr_puts(c, " kauth");
	return ubik_call_print(c, bp);
}

static int kauth_reply_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
			     uint32_t op)
{
	if (length <= RX_HDRLEN)
		return 0;
	pr_puts(c, " kauth");
	return ubik_reply_print(c, bp, op);
}

static int pt_call_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint32_t op, n, i;
	int trunc = 0;

	if (length <= RX_HDRLEN)
		return 0;
	PR_BE32(c, bp + RX_HDRLEN, op);
	if (is_ubik(op)) {
		pr_puts(c, " pt");
		return ubik_call_print(c, bp);
	}
	pr_puts(c, " pt call ");
	pr_tok_print(c, pt_ops, "op#%u", op);
	bp += RX_HDRLEN + 4;
	switch (op) {
	case 500:
		STEP(str_max_out(c, &bp, PRNAMEMAX, &trunc));
		pr_puts(c, " id");
		STEP(int_out(c, &bp));
		pr_puts(c, " oldid");
		STEP(int_out(c, &bp));
		break;
	case 501: case 506: case 508: case 512: case 514: case 517:
	case 518: case 519: case 530:
		pr_puts(c, " id");
		STEP(int_out(c, &bp));
		break;
	case 502:
		pr_puts(c, " pos");
		STEP(int_out(c, &bp));
		break;
	case 503: case 507: case 515:
		pr_puts(c, " uid");
		STEP(int_out(c, &bp));
		pr_puts(c, " gid");
		STEP(int_out(c, &bp));
		break;
	case 504:
		PR_BE32(c, bp, n);
		bp += 4;
		for (i = 0; i < n; i++)
			STEP(vec_out(c, &bp, PRNAMEMAX, &trunc));
		if (n == 0)
			pr_puts(c, " <none!>");
		break;
	case 505:
		pr_puts(c, " ids:");
		PR_BE32(c, bp, n);
		bp += 4;
		for (i = 0; i < n; i++)
			STEP(int_out(c, &bp));
		if (n == 0)
			pr_puts(c, " <none!>");
		break;
	case 509:
		STEP(str_max_out(c, &bp, PRNAMEMAX, &trunc));
		pr_puts(c, " flag");
		STEP(int_out(c, &bp));
		pr_puts(c, " oid");
		STEP(int_out(c, &bp));
		break;
	case 511:
		pr_puts(c, " id");
		STEP(int_out(c, &bp));
		pr_puts(c, " gflag");
		STEP(int_out(c, &bp));
		break;
	case 513:
		pr_puts(c, " id");
		STEP(int_out(c, &bp));
		STEP(str_max_out(c, &bp, PRNAMEMAX, &trunc));
		pr_puts(c, " oldid");
		STEP(int_out(c, &bp));
		pr_puts(c, " newid");
		STEP(int_out(c, &bp));
		break;
	case 520:
		pr_puts(c, " id");
		STEP(int_out(c, &bp));
		STEP(str_max_out(c, &bp, PRNAMEMAX, &trunc));
		break;
	default:
		break;
	}
	return 0;
trunc:
	pr_puts(c, " [|pt]");
	return 0;
}

static int pt_reply_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
			  uint32_t op)
{
	uint8_t type = bp[20];
	uint32_t n, i;
	int trunc = 0;

	(void)length;
	if (is_ubik(op)) {
		pr_puts(c, " pt");
		return ubik_reply_print(c, bp, op);
	}
	pr_puts(c, " pt reply ");
	pr_tok_print(c, pt_ops, "op#%u", op);
	bp += RX_HDRLEN;
	if (type != RX_DATA) {
		pr_puts(c, " errcode");
		STEP(int_out(c, &bp));
		return 0;
	}
	switch (op) {
	case 504:
		pr_puts(c, " ids:");
		PR_BE32(c, bp, n);
		bp += 4;
		for (i = 0; i < n; i++)
			STEP(int_out(c, &bp));
		if (n == 0)
			pr_puts(c, " <none!>");
		break;
	case 505:
		PR_BE32(c, bp, n);
		bp += 4;
		for (i = 0; i < n; i++)
			STEP(vec_out(c, &bp, PRNAMEMAX, &trunc));
		if (n == 0)
			pr_puts(c, " <none!>");
		break;
	case 508: case 514: case 517: case 518: case 519:
		PR_BE32(c, bp, n);
		bp += 4;
		for (i = 0; i < n; i++)
			STEP(int_out(c, &bp));
		if (n == 0)
			pr_puts(c, " <none!>");
		break;
	case 510:
		pr_puts(c, " maxuid");
		STEP(int_out(c, &bp));
		pr_puts(c, " maxgid");
		STEP(int_out(c, &bp));
		break;
	default:
		break;
	}
	return 0;
trunc:
	pr_puts(c, " [|pt]");
	return 0;
}

static int vldb_call_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint32_t op, t;
	int trunc = 0;

	if (length <= RX_HDRLEN)
		return 0;
	PR_BE32(c, bp + RX_HDRLEN, op);
	if (is_ubik(op)) {
		pr_puts(c, " vldb");
		return ubik_call_print(c, bp);
	}
	pr_puts(c, " vldb call ");
	pr_tok_print(c, vldb_ops, "op#%u", op);
	bp += RX_HDRLEN + 4;
	switch (op) {
	case 501: case 517:
		STEP(vec_out(c, &bp, VLNAMEMAX, &trunc));
		break;
	case 502: case 503: case 507: case 508: case 509: case 518:
		pr_puts(c, " volid");
		STEP(int_out(c, &bp));
		PR_BE32(c, bp, t);
		bp += 4;
		if (t <= 2)
			pr_printf(c, " type %s", voltype[t]);
		break;
	case 504: case 519: case 524: case 527:
		STEP(str_max_out(c, &bp, VLNAMEMAX, &trunc));
		break;
	case 505:
		pr_puts(c, " bump");
		STEP(int_out(c, &bp));
		break;
	case 506: case 520:
		pr_puts(c, " volid");
		STEP(int_out(c, &bp));
		PR_BE32(c, bp, t);
		bp += 4;
		if (t <= 2)
			pr_printf(c, " type %s", voltype[t]);
		STEP(vec_out(c, &bp, VLNAMEMAX, &trunc));
		break;
	case 510: case 521:
		pr_puts(c, " index");
		STEP(int_out(c, &bp));
		break;
	default:
		break;
	}
	return 0;
trunc:
	pr_puts(c, " [|vldb]");
	return 0;
}

/* A vldbentry (nservers of 8) or nvldbentry (13): name, servers, partitions, ids. */
#define VSTEP(x)                                                         \
	do {                                                             \
		if ((x) < 0)                                             \
			return PR_STOP;                                  \
		if (*trunc)                                              \
			return 0;                                        \
	} while (0)

static int vldb_entry_out(struct pr_ctx *c, const uint8_t **bp, unsigned slots,
			  int skip_word, int *trunc)
{
	uint32_t nservers, j, i;
	uint8_t a[4];

	VSTEP(vec_out(c, bp, VLNAMEMAX, trunc));
	if (skip_word) {
		if (!pr_has(c, *bp, 4)) {
			*trunc = 1;
			return 0;
		}
		*bp += 4;
	}
	pr_puts(c, " numservers");
	PR_BE32(c, *bp, nservers);
	*bp += 4;
	pr_printf(c, " %u", nservers);
	pr_puts(c, " servers");
	for (i = 0; i < slots; i++) {
		if (!pr_has(c, *bp, 4)) {
			*trunc = 1;
			return 0;
		}
		if (i < nservers) {
			memcpy(a, *bp, 4);
			pr_putc(c, ' ');
			pr_ip4_num(c, a);
		}
		*bp += 4;
	}
	pr_puts(c, " partitions");
	for (i = 0; i < slots; i++) {
		PR_BE32(c, *bp, j);
		if (i < nservers && j <= 26)
			pr_printf(c, " %c", 'a' + (int)j);
		else if (i < nservers)
			pr_printf(c, " %u", j);
		*bp += 4;
	}
	if (!pr_has(c, *bp, (size_t)slots * 4)) {
		*trunc = 1;
		return 0;
	}
	*bp += (size_t)slots * 4;
	pr_puts(c, " rwvol");
	VSTEP(uint_out(c, bp));
	pr_puts(c, " rovol");
	VSTEP(uint_out(c, bp));
	pr_puts(c, " backup");
	VSTEP(uint_out(c, bp));
	return 0;
}

#undef VSTEP

static int vldb_reply_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
			    uint32_t op)
{
	uint8_t type = bp[20];
	int trunc = 0;

	(void)length;
	if (is_ubik(op)) {
		pr_puts(c, " vldb");
		return ubik_reply_print(c, bp, op);
	}
	pr_puts(c, " vldb reply ");
	pr_tok_print(c, vldb_ops, "op#%u", op);
	bp += RX_HDRLEN;
	if (type != RX_DATA) {
		pr_puts(c, " errcode");
		STEP(int_out(c, &bp));
		return 0;
	}
	switch (op) {
	case 510:
		pr_puts(c, " count");
		STEP(int_out(c, &bp));
		pr_puts(c, " nextindex");
		STEP(int_out(c, &bp));
		/* FALLTHROUGH */
	case 503: case 504:
		STEP(vldb_entry_out(c, &bp, 8, 1, &trunc));
		break;
	case 505:
		pr_puts(c, " newvol");
		STEP(uint_out(c, &bp));
		break;
	case 521: case 529:
		pr_puts(c, " count");
		STEP(int_out(c, &bp));
		pr_puts(c, " nextindex");
		STEP(int_out(c, &bp));
		/* FALLTHROUGH */
	case 518: case 519:
		STEP(vldb_entry_out(c, &bp, 13, 0, &trunc));
		break;
	default:
		break;
	}
	return 0;
trunc:
	pr_puts(c, " [|vldb]");
	return 0;
}

static int vol_call_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint32_t op;

	if (length <= RX_HDRLEN)
		return 0;
	PR_BE32(c, bp + RX_HDRLEN, op);
	pr_puts(c, " vol call ");
	pr_tok_print(c, vol_ops, "op#%u", op);
	bp += RX_HDRLEN + 4;
	switch (op) {
	case 121: case 122: case 124: case 125: case 65536:
		pr_puts(c, " partid");
		if (uint_out(c, &bp) < 0)
			return PR_STOP;
		pr_puts(c, " volid");
		if (uint_out(c, &bp) < 0)
			return PR_STOP;
		break;
	default:
		break;
	}
	return 0;
}

static int vol_reply_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
			   uint32_t op)
{
	uint8_t type = bp[20];
	uint32_t n, i;
	int trunc = 0;

	if (length <= RX_HDRLEN)
		return 0;
	pr_puts(c, " vol reply ");
	pr_tok_print(c, vol_ops, "op#%u", op);
	bp += RX_HDRLEN;
	if (type != RX_DATA) {
		pr_puts(c, " errcode");
		STEP(int_out(c, &bp));
		return 0;
	}
	if (op == 116 || op == 121) {
		PR_BE32(c, bp, n);
		bp += 4;
		for (i = 0; i < n; i++) {
			pr_puts(c, " name");
			STEP(vec_out(c, &bp, 32, &trunc));
			pr_puts(c, " volid");
			STEP(uint_out(c, &bp));
			pr_puts(c, " type");
			bp += 4 * 21;
			if (i != n - 1)
				pr_putc(c, ',');
		}
		if (n == 0)
			pr_puts(c, " <none!>");
	}
	return 0;
trunc:
	pr_puts(c, " [|vol]");
	return 0;
}

#undef STEP

/* ---- acks ------------------------------------------------------------------ */

/* " acked 1-3,5" (want 1) or " nacked 4" (want 0): runs collapsed. */
static void ack_runs(struct pr_ctx *c, const uint8_t *acks, unsigned n,
		     uint32_t first, uint8_t want, const char *word)
{
	int i, start = -2, last = -2;

	for (i = 0; i < (int)n; i++) {
		if (acks[i] == want) {
			if (last == -2) {
				pr_printf(c, " %s %u", word, first + (uint32_t)i);
				start = i;
			} else if (last != i - 1) {
				pr_printf(c, ",%u", first + (uint32_t)i);
				start = i;
			}
			last = i;
		} else if (last == i - 1 && start != last) {
			pr_printf(c, "-%u", first + (uint32_t)i - 1);
		}
	}
	if (last == i - 1 && start != last)
		pr_printf(c, "-%u", first + (uint32_t)i - 1);
}

static int ack_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint16_t space, skew;
	uint32_t first, serial;
	uint8_t reason, n;
	const char *r;
	int k;

	if (length < RX_HDRLEN)
		return 0;
	bp += RX_HDRLEN;
	if (!pr_has(c, bp, 18)) {
		pr_puts(c, " [|ack]");
		return 0;
	}
	PR_BE16(c, bp, space);
	PR_BE16(c, bp + 2, skew);
	if (c->o.vflag > 2)
		pr_printf(c, " bufspace %u maxskew %u", space, skew);
	PR_BE32(c, bp + 4, first);
	PR_BE32(c, bp + 12, serial);
	PR_U8(c, bp + 16, reason);
	r = pr_tok(ack_reasons, reason);
	if (r)
		pr_printf(c, " first %u serial %u reason %s", first, serial, r);
	else
		pr_printf(c, " first %u serial %u reason #%u", first, serial, reason);
	PR_U8(c, bp + 17, n);
	bp += 18;
	if (n) {
		if (!pr_has(c, bp, n)) {
			pr_puts(c, " [|ack]");
			return 0;
		}
		ack_runs(c, bp, n, first, 1, "acked");
		ack_runs(c, bp, n, first, 0, "nacked");
		bp += n;
	}
	bp += 3; /* padding */
	if (c->o.vflag > 1) {
		static const char *const names[] = { " ifmtu", " maxmtu", " rwind",
						     " maxpackets" };

		for (k = 0; k < 4; k++) {
			/* tcpdump's TRUNCRET: stop quietly under 4 bytes */
			if (bp >= c->pk.hi || (size_t)(c->pk.hi - bp) < 4)
				return 0;
			pr_puts(c, names[k]);
			if (uint_out(c, &bp) < 0)
				return PR_STOP;
		}
	}
	return 0;
}

/* ---- the header ------------------------------------------------------------ */

/* Volume opcodes whose call or reply tcpdump decodes and this file does not. */
static int vol_undecoded(uint32_t op, int reply)
{
	static const uint32_t calls[] = { 100, 101, 102, 103, 104, 105, 106,
		107, 108, 109, 110, 111, 112, 113, 114, 116, 117, 119, 120,
		123, 126, 128, 65538, 655537 };
	static const uint32_t replies[] = { 100, 104, 105, 107, 108, 110, 112,
		113 };
	const uint32_t *t = reply ? replies : calls;
	size_t i, n = reply ? sizeof(replies) / sizeof(replies[0]) :
			      sizeof(calls) / sizeof(calls[0]);

	for (i = 0; i < n; i++)
		if (t[i] == op)
			return 1;
	return 0;
}

enum rx_path { RX_NONE, RX_CALL, RX_REPLY, RX_ACKP, RX_DECLINE };

/*
 * Which of tcpdump's printers the packet goes to, with the call cache
 * updated as tcpdump does; RX_DECLINE for a printer this file does not
 * have (it is declined before anything is printed).
 */
static enum rx_path rx_route(struct pr_ctx *c, const uint8_t *bp,
			     unsigned length, uint32_t *opcode)
{
	uint8_t type = bp[20], flags = bp[21];
	uint32_t seq = be32(bp + 12), op = 0;
	uint16_t sport = c->sport, dport = c->dport;
	int has_op = length > RX_HDRLEN && pk_be32(&c->pk, bp + RX_HDRLEN, &op);

	if (type == RX_DATA && seq == 1 && (flags & RX_CLIENT_INITIATED)) {
		cache_insert(c, bp, dport);
		if (length <= RX_HDRLEN || !has_op)
			return dport >= 7000 && dport <= 7007 && dport != 7006 ?
				       RX_CALL : RX_NONE;
		switch (dport) {
		case 7000:
			return op == 134 ? RX_DECLINE : RX_CALL; /* store-acl */
		case 7001:
			return RX_CALL;
		case 7002: case 7003:
			return RX_CALL;
		case 7005:
			return vol_undecoded(op, 0) ? RX_DECLINE : RX_CALL;
		case 7004:
			return is_ubik(op) ? RX_CALL : RX_DECLINE;
		case 7007:
			return RX_DECLINE;
		default:
			return RX_NONE;
		}
	}
	if (((type == RX_DATA && seq == 1) || type == RX_ABORT) &&
	    !(flags & RX_CLIENT_INITIATED) && cache_find(c, bp, sport, opcode)) {
		switch (sport) {
		case 7000: /* fetch-acl's answer goes to the ACL parser */
			return type == RX_DATA && *opcode == 131 &&
				       length > RX_HDRLEN ? RX_DECLINE : RX_REPLY;
		case 7001:
			return RX_REPLY;
		case 7002: case 7003:
			return RX_REPLY;
		case 7005:
			return type == RX_DATA && length > RX_HDRLEN &&
				       vol_undecoded(*opcode, 1) ? RX_DECLINE : RX_REPLY;
		case 7004:
			return length <= RX_HDRLEN ? RX_NONE :
			       is_ubik(*opcode) ? RX_REPLY : RX_DECLINE;
		case 7007:
			return length > RX_HDRLEN ? RX_DECLINE : RX_NONE;
		default:
			return RX_NONE;
		}
	}
	return type == RX_ACK ? RX_ACKP : RX_NONE;
}

int rx_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t type, flags;
	uint32_t opcode = 0;
	enum rx_path route;
	int rc = 0, first = 1;
	unsigned i;

	c->proto = "rx";
	if (!pr_has(c, bp, RX_HDRLEN)) {
		pr_printf(c, " [|rx] (%u)", length);
		return 0;
	}
	route = rx_route(c, bp, length, &opcode);
	if (route == RX_DECLINE)
		return 1;
	type = bp[20];
	flags = bp[21];
	pr_puts(c, " rx ");
	pr_tok_print(c, rx_types, "type %u", type);
	if (c->o.vflag) {
		if (c->o.vflag > 1)
			pr_printf(c, " cid %08x call# %u", be32(bp + 4), be32(bp + 8));
		pr_printf(c, " seq %u ser %u", be32(bp + 12), be32(bp + 16));
		if (c->o.vflag > 2)
			pr_printf(c, " secindex %u serviceid %u", bp[23],
				  (unsigned)(bp[26] << 8 | bp[27]));
		if (c->o.vflag > 1)
			for (i = 0; i < sizeof(rx_flags) / sizeof(rx_flags[0]); i++) {
				if (!(flags & rx_flags[i].flag) ||
				    (rx_flags[i].type && rx_flags[i].type != type))
					continue;
				pr_puts(c, first ? " " : ",");
				first = 0;
				pr_printf(c, "<%s>", rx_flags[i].s);
			}
	}
	if (route == RX_CALL) {
		switch (c->dport) {
		case 7000: rc = fs_call_print(c, bp, length); break;
		case 7001: rc = cb_call_print(c, bp, length); break;
		case 7002: rc = pt_call_print(c, bp, length); break;
		case 7003: rc = vldb_call_print(c, bp, length); break;
		case 7004: rc = kauth_call_print(c, bp, length); break;
		case 7005: rc = vol_call_print(c, bp, length); break;
		default: break; /* a bare header of kauth or bos: nothing */
		}
	} else if (route == RX_REPLY) {
		switch (c->sport) {
		case 7000: rc = fs_reply_print(c, bp, length, opcode); break;
		case 7001: rc = cb_reply_print(c, bp, length, opcode); break;
		case 7002: rc = pt_reply_print(c, bp, length, opcode); break;
		case 7003: rc = vldb_reply_print(c, bp, length, opcode); break;
		case 7004: rc = kauth_reply_print(c, bp, length, opcode); break;
		case 7005: rc = vol_reply_print(c, bp, length, opcode); break;
		default: break;
		}
	} else if (route == RX_ACKP) {
		rc = ack_print(c, bp, length);
	}
	if (rc == PR_STOP)
		return PR_STOP;
	pr_printf(c, " (%u)", length);
	return 0;
}
