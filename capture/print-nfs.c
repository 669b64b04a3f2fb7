/* print-nfs.c: NFS version 2 (RFC 1094) and 3 (RFC 1813) calls and replies, file handles as tcpdump guesses them. */
/*
 * NFS rides on ONC RPC (print-sunrpc.c), program 100003. A call's
 * arguments follow the RPC header; most start with a file handle, 32
 * octets in version 2, a length and up to 64 octets in version 3:
 *
 *   v2 fhandle                 v3 nfs_fh3          diropargs / filename3
 *  +------------------+      +------------+      +------------------+
 *  | 32 octets        |      | length     |      | fhandle          |
 *  +------------------+      | data, pad  |      | length           |
 *                            +------------+      | name, padded to 4|
 *                                                +------------------+
 *
 * The attributes (fattr), 68 octets in version 2, 84 in version 3:
 *
 *  +------+------+-------+-----+-----+------------------------------+
 *  | type | mode | nlink | uid | gid | size, used/blocks, rdev,     |
 *  |      |      |       |     |     | fsid, fileid, a/m/ctime      |
 *  +------+------+-------+-----+-----+------------------------------+
 *
 * Version 2 procedure numbers are mapped to version 3's, so one table
 * names both. -v adds the attributes ("REG 100664 ids 417/0 sz 29388"),
 * -vv the times, pre-operation attributes and write verifiers.
 *
 * A file handle is opaque; tcpdump guesses which server made it from
 * its bytes (Mogul's heuristics) and prints "fh major,minor/inode", or
 * "fh Unknown/HEX" when no guess fits: nfs-fh.c does the same.
 *
 * Failures: a field tcpdump reads unchecked stops the packet ("[|nfs]",
 * PR_STOP, c->stopped set); a range it checks first ends the decoding
 * with "[|nfs]" unless an NFS error was already printed.
 */
#include "capture/print-rpc.h"

#include <string.h>

#define NFS_VER3 3

#define NFSX_V2FH 32
#define NFSX_V2FATTR 68
#define NFSX_V3FATTR 84
#define NFSX_V2STATFS 20
#define NFSX_V3STATFS 52

#define NFSPROC_NULL 0
#define NFSPROC_GETATTR 1
#define NFSPROC_SETATTR 2
#define NFSPROC_LOOKUP 3
#define NFSPROC_ACCESS 4
#define NFSPROC_READLINK 5
#define NFSPROC_READ 6
#define NFSPROC_WRITE 7
#define NFSPROC_CREATE 8
#define NFSPROC_MKDIR 9
#define NFSPROC_SYMLINK 10
#define NFSPROC_MKNOD 11
#define NFSPROC_REMOVE 12
#define NFSPROC_RMDIR 13
#define NFSPROC_RENAME 14
#define NFSPROC_LINK 15
#define NFSPROC_READDIR 16
#define NFSPROC_READDIRPLUS 17
#define NFSPROC_FSSTAT 18
#define NFSPROC_FSINFO 19
#define NFSPROC_PATHCONF 20
#define NFSPROC_COMMIT 21
#define NFSPROC_NOOP 25
#define NFS_NPROCS 26

#define NFCHR 4
#define NFBLK 3

#define SATTRTIME_TOCLIENT 2

#define ACCESS_READ 0x01
#define ACCESS_LOOKUP 0x02
#define ACCESS_MODIFY 0x04
#define ACCESS_EXTEND 0x08
#define ACCESS_DELETE 0x10
#define ACCESS_EXECUTE 0x20
#define ACCESS_FULL 0x3f

/* Version 2 procedure numbers as version 3's. */
static const uint8_t v2_proc[NFS_NPROCS] = {
	NFSPROC_NULL,	  NFSPROC_GETATTR, NFSPROC_SETATTR, NFSPROC_NOOP,
	NFSPROC_LOOKUP,	  NFSPROC_READLINK, NFSPROC_READ,   NFSPROC_NOOP,
	NFSPROC_WRITE,	  NFSPROC_CREATE,  NFSPROC_REMOVE,  NFSPROC_RENAME,
	NFSPROC_LINK,	  NFSPROC_SYMLINK, NFSPROC_MKDIR,   NFSPROC_RMDIR,
	NFSPROC_READDIR,  NFSPROC_FSSTAT,  NFSPROC_NOOP,    NFSPROC_NOOP,
	NFSPROC_NOOP,	  NFSPROC_NOOP,	   NFSPROC_NOOP,    NFSPROC_NOOP,
	NFSPROC_NOOP,	  NFSPROC_NOOP,
};

static const struct pr_tok proc_names[] = {
	{ NFSPROC_NOOP, "nop" },
	{ NFSPROC_NULL, "null" },
	{ NFSPROC_GETATTR, "getattr" },
	{ NFSPROC_SETATTR, "setattr" },
	{ NFSPROC_LOOKUP, "lookup" },
	{ NFSPROC_ACCESS, "access" },
	{ NFSPROC_READLINK, "readlink" },
	{ NFSPROC_READ, "read" },
	{ NFSPROC_WRITE, "write" },
	{ NFSPROC_CREATE, "create" },
	{ NFSPROC_MKDIR, "mkdir" },
	{ NFSPROC_SYMLINK, "symlink" },
	{ NFSPROC_MKNOD, "mknod" },
	{ NFSPROC_REMOVE, "remove" },
	{ NFSPROC_RMDIR, "rmdir" },
	{ NFSPROC_RENAME, "rename" },
	{ NFSPROC_LINK, "link" },
	{ NFSPROC_READDIR, "readdir" },
	{ NFSPROC_READDIRPLUS, "readdirplus" },
	{ NFSPROC_FSSTAT, "fsstat" },
	{ NFSPROC_FSINFO, "fsinfo" },
	{ NFSPROC_PATHCONF, "pathconf" },
	{ NFSPROC_COMMIT, "commit" },
	{ 0, NULL },
};

/* NFS status values: the RFCs' and the BSD errno texts tcpdump uses. */
static const struct pr_tok status_names[] = {
	{ 1, "Operation not permitted" },
	{ 2, "No such file or directory" },
	{ 5, "Input/output error" },
	{ 6, "Device not configured" },
	{ 11, "Resource deadlock avoided" },
	{ 12, "Cannot allocate memory" },
	{ 13, "Permission denied" },
	{ 17, "File exists" },
	{ 18, "Cross-device link" },
	{ 19, "Operation not supported by device" },
	{ 20, "Not a directory" },
	{ 21, "Is a directory" },
	{ 22, "Invalid argument" },
	{ 26, "Text file busy" },
	{ 27, "File too large" },
	{ 28, "No space left on device" },
	{ 30, "Read-only file system" },
	{ 31, "Too many links" },
	{ 45, "Operation not supported" },
	{ 62, "Too many levels of symbolic links" },
	{ 63, "File name too long" },
	{ 66, "Directory not empty" },
	{ 69, "Disc quota exceeded" },
	{ 70, "Stale NFS file handle" },
	{ 71, "Too many levels of remote in path" },
	{ 99, "Write cache flushed to disk" },
	{ 10001, "Illegal NFS file handle" },
	{ 10002, "Update synchronization mismatch" },
	{ 10003, "READDIR/READDIRPLUS cookie is stale" },
	{ 10004, "Operation not supported" },
	{ 10005, "Buffer or request is too small" },
	{ 10006, "Unspecified error on server" },
	{ 10007, "Object of that type not supported" },
	{ 10008, "Request couldn't be completed in time" },
	{ 0, NULL },
};

static const struct pr_tok writemode_names[] = {
	{ 0, "unstable" },
	{ 1, "datasync" },
	{ 2, "filesync" },
	{ 0, NULL },
};

static const struct pr_tok type_names[] = {
	{ 0, "NON" }, { 1, "REG" }, { 2, "DIR" }, { 3, "BLK" },
	{ 4, "CHR" }, { 5, "LNK" }, { 7, "FIFO" }, { 0, NULL },
};

/* PR_BE32_OR_NULL for the 64-bit XDR hyper (print-int.h has the rest). */
#define G64(p, v) PR_OR_NULL(c, get64(c, (p), &(v)))
/* A range tcpdump checks first: its end of the decoding. */
#define NEED(p, n)                                                       \
	do {                                                             \
		if (!pr_has(c, (p), (n)))                                \
			return NULL;                                     \
	} while (0)
/* A step that may fail: pass the failure up. */
#define STEP(x)                                                          \
	do {                                                             \
		if (!(dp = (x)))                                         \
			return NULL;                                     \
	} while (0)

static int get64(struct pr_ctx *c, const uint8_t *p, uint64_t *v)
{
	uint32_t hi = 0, lo = 0;

	if (!pk_has(&c->pk, p, 8))
		return 0;
	pk_be32(&c->pk, p, &hi);
	pk_be32(&c->pk, p + 4, &lo);
	*v = (uint64_t)hi << 32 | lo;
	return 1;
}

/* %o */
static void put_oct(struct pr_ctx *c, uint32_t v)
{
	char tmp[12];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + (v & 7));
		v >>= 3;
	} while (v);
	pr_putn(c, tmp + i, sizeof(tmp) - i);
}

/* tcpdump's parsefh: the handle at dp, or NULL when not captured. */
static const uint8_t *parsefh(struct pr_ctx *c, const uint8_t *dp, int v3)
{
	uint32_t words;

	if (v3) {
		PR_BE32_OR_NULL(c, dp, words);
		words /= 4;
		dp += 4;
	} else {
		words = NFSX_V2FH / 4;
	}
	if (!pr_has(c, dp, (size_t)words * 4))
		return NULL;
	nfs_fh_print(c, dp, words);
	return dp + (size_t)words * 4;
}

/* A quoted file name, padded to 4 octets. */
static const uint8_t *parsefn(struct pr_ctx *c, const uint8_t *dp)
{
	uint32_t len, rounded;
	const uint8_t *cp;

	PR_BE32_OR_NULL(c, dp, len);
	dp += 4;
	if (0xffffffffu - len < 3) {
		pr_puts(c, "[cannot pad to 32-bit boundaries]");
		pr_invalid(c);
		return NULL;
	}
	rounded = (len + 3) & ~3u;
	NEED(dp, rounded);
	cp = dp;
	dp += rounded;
	pr_putc(c, '"');
	if (pr_printn(c, cp, len)) {
		pr_putc(c, '"');
		return NULL;
	}
	pr_putc(c, '"');
	return dp;
}

static const uint8_t *parsefhn(struct pr_ctx *c, const uint8_t *dp, int v3)
{
	STEP(parsefh(c, dp, v3));
	pr_putc(c, ' ');
	return parsefn(c, dp);
}

/* ---- calls ---- */

struct sattr3 {
	uint32_t modeset, mode, uidset, uid, gidset, gid, sizeset, size;
	uint32_t atype, asec, ansec, mtype, msec, mnsec;
};

/*
 * An XDR union of sattr3: a discriminant word, then one or two value words
 * when it is want (0: when it is nonzero, the set_* booleans).
 */
static const uint8_t *sattr_arm(struct pr_ctx *c, const uint8_t *dp,
				uint32_t *tag, uint32_t want, uint32_t *v1,
				uint32_t *v2)
{
	PR_BE32_OR_NULL(c, dp, *tag);
	dp += 4;
	if (want ? *tag != want : !*tag)
		return dp;
	PR_BE32_OR_NULL(c, dp, *v1);
	dp += 4;
	if (v2) {
		PR_BE32_OR_NULL(c, dp, *v2);
		dp += 4;
	}
	return dp;
}

static const uint8_t *parse_sattr3(struct pr_ctx *c, const uint8_t *dp,
				   struct sattr3 *sa)
{
	memset(sa, 0, sizeof(*sa));
	STEP(sattr_arm(c, dp, &sa->modeset, 0, &sa->mode, NULL));
	STEP(sattr_arm(c, dp, &sa->uidset, 0, &sa->uid, NULL));
	STEP(sattr_arm(c, dp, &sa->gidset, 0, &sa->gid, NULL));
	STEP(sattr_arm(c, dp, &sa->sizeset, 0, &sa->size, NULL));
	STEP(sattr_arm(c, dp, &sa->atype, SATTRTIME_TOCLIENT, &sa->asec,
		       &sa->ansec));
	STEP(sattr_arm(c, dp, &sa->mtype, SATTRTIME_TOCLIENT, &sa->msec,
		       &sa->mnsec));
	return dp;
}

static void print_sattr3(struct pr_ctx *c, const struct sattr3 *sa,
			 int verbose)
{
	if (sa->modeset) {
		pr_puts(c, " mode ");
		put_oct(c, sa->mode);
	}
	if (sa->uidset)
		pr_printf(c, " uid %u", sa->uid);
	if (sa->gidset)
		pr_printf(c, " gid %u", sa->gid);
	if (verbose > 1) {
		if (sa->atype == SATTRTIME_TOCLIENT)
			pr_printf(c, " atime %u.%06u", sa->asec, sa->ansec);
		if (sa->mtype == SATTRTIME_TOCLIENT)
			pr_printf(c, " mtime %u.%06u", sa->msec, sa->mnsec);
	}
}

static void access_print(struct pr_ctx *c, uint32_t f)
{
	static const struct {
		uint32_t bit;
		const char *s;
	} bits[] = {
		{ ACCESS_READ, "NFS_ACCESS_READ" },
		{ ACCESS_LOOKUP, "NFS_ACCESS_LOOKUP" },
		{ ACCESS_MODIFY, "NFS_ACCESS_MODIFY" },
		{ ACCESS_EXTEND, "NFS_ACCESS_EXTEND" },
		{ ACCESS_DELETE, "NFS_ACCESS_DELETE" },
		{ ACCESS_EXECUTE, "NFS_ACCESS_EXECUTE" },
	};
	char sep = ' ';
	size_t i;

	if (f & ~ACCESS_FULL) {
		pr_printf(c, " %04x", f);
		return;
	}
	if ((f & ACCESS_FULL) == ACCESS_FULL) {
		pr_puts(c, " NFS_ACCESS_FULL");
		return;
	}
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (f & bits[i].bit) {
			pr_putc(c, sep);
			pr_puts(c, bits[i].s);
			sep = '|';
		}
	}
}

/* The arguments of one call; NULL when cut short (or stopped). */
static const uint8_t *call_args(struct pr_ctx *c, const uint8_t *msg,
				unsigned length, uint32_t proc, int v3)
{
	const uint8_t *dp;
	struct sattr3 sa;
	uint32_t a, b, d, e, type;
	uint64_t off;

	switch (proc) {
	case NFSPROC_GETATTR:
	case NFSPROC_SETATTR:
	case NFSPROC_READLINK:
	case NFSPROC_FSSTAT:
	case NFSPROC_FSINFO:
	case NFSPROC_PATHCONF:
		STEP(rpc_call_args(c, msg, length));
		return parsefh(c, dp, v3);
	case NFSPROC_LOOKUP:
	case NFSPROC_CREATE:
	case NFSPROC_MKDIR:
	case NFSPROC_REMOVE:
	case NFSPROC_RMDIR:
		STEP(rpc_call_args(c, msg, length));
		return parsefhn(c, dp, v3);
	case NFSPROC_ACCESS:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefh(c, dp, v3));
		PR_BE32_OR_NULL(c, dp, a);
		access_print(c, a);
		return dp;
	case NFSPROC_READ:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefh(c, dp, v3));
		if (v3) {
			PR_BE32_OR_NULL(c, dp + 8, a);
			G64(dp, off);
			pr_printf(c, " %u bytes @ %llu", a,
				  (unsigned long long)off);
		} else {
			PR_BE32_OR_NULL(c, dp + 4, a);
			PR_BE32_OR_NULL(c, dp, b);
			pr_printf(c, " %u bytes @ %u", a, b);
		}
		return dp;
	case NFSPROC_WRITE:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefh(c, dp, v3));
		if (v3) {
			PR_BE32_OR_NULL(c, dp + 16, a);
			PR_BE32_OR_NULL(c, dp + 8, b);
			G64(dp, off);
			pr_printf(c, " %u (%u) bytes @ %llu", a, b,
				  (unsigned long long)off);
			if (c->o.vflag) {
				PR_BE32_OR_NULL(c, dp + 12, d);
				pr_puts(c, " <");
				pr_tok_print(c, writemode_names, "#%d", d);
				pr_putc(c, '>');
			}
		} else {
			PR_BE32_OR_NULL(c, dp + 12, a);
			PR_BE32_OR_NULL(c, dp + 8, b);
			PR_BE32_OR_NULL(c, dp + 4, d);
			PR_BE32_OR_NULL(c, dp, e);
			pr_printf(c, " %u (%u) bytes @ %u (%u)", a, b, d, e);
		}
		return dp;
	case NFSPROC_SYMLINK:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefhn(c, dp, v3));
		pr_puts(c, " ->");
		if (v3)
			STEP(parse_sattr3(c, dp, &sa));
		STEP(parsefn(c, dp));
		if (v3 && c->o.vflag)
			print_sattr3(c, &sa, c->o.vflag);
		return dp;
	case NFSPROC_MKNOD:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefhn(c, dp, v3));
		PR_BE32_OR_NULL(c, dp, type);
		dp += 4;
		STEP(parse_sattr3(c, dp, &sa));
		pr_putc(c, ' ');
		pr_tok_print(c, type_names, "unk-ft %u", type);
		if (c->o.vflag && (type == NFCHR || type == NFBLK)) {
			PR_BE32_OR_NULL(c, dp, a);
			PR_BE32_OR_NULL(c, dp + 4, b);
			pr_printf(c, " %u/%u", a, b);
			dp += 8;
		}
		if (c->o.vflag)
			print_sattr3(c, &sa, c->o.vflag);
		return dp;
	case NFSPROC_RENAME:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefhn(c, dp, v3));
		pr_puts(c, " ->");
		return parsefhn(c, dp, v3);
	case NFSPROC_LINK:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefh(c, dp, v3));
		pr_puts(c, " ->");
		return parsefhn(c, dp, v3);
	case NFSPROC_READDIR:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefh(c, dp, v3));
		if (v3) {
			PR_BE32_OR_NULL(c, dp + 16, a);
			G64(dp, off);
			pr_printf(c, " %u bytes @ %lld", a, (long long)off);
			if (c->o.vflag) {
				PR_BE32_OR_NULL(c, dp + 8, b);
				PR_BE32_OR_NULL(c, dp + 12, d);
				pr_printf(c, " verf %08x%08x", b, d);
			}
		} else {
			PR_BE32_OR_NULL(c, dp + 4, a);
			PR_BE32_OR_NULL(c, dp, b);
			pr_printf(c, " %u bytes @ %u", a, b);
		}
		return dp;
	case NFSPROC_READDIRPLUS:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefh(c, dp, v3));
		PR_BE32_OR_NULL(c, dp + 16, a);
		G64(dp, off);
		pr_printf(c, " %u bytes @ %lld", a, (long long)off);
		if (c->o.vflag) {
			PR_BE32_OR_NULL(c, dp + 20, a);
			PR_BE32_OR_NULL(c, dp + 8, b);
			PR_BE32_OR_NULL(c, dp + 12, d);
			pr_printf(c, " max %u verf %08x%08x", a, b, d);
		}
		return dp;
	case NFSPROC_COMMIT:
		STEP(rpc_call_args(c, msg, length));
		STEP(parsefh(c, dp, v3));
		PR_BE32_OR_NULL(c, dp + 8, a);
		G64(dp, off);
		pr_printf(c, " %u bytes @ %llu", a, (unsigned long long)off);
		return dp;
	default:
		return msg;
	}
}

int nfs_call_print(struct pr_ctx *c, const uint8_t *msg, unsigned length)
{
	uint32_t vers, proc;
	int v3;

	c->proto = "nfs";
	pr_uint(c, length);
	if (!rpc_xid_enter(c, msg))
		goto trunc;
	PR_BE32(c, msg + RPC_CALL_VERS, vers);
	PR_BE32(c, msg + RPC_CALL_PROC, proc);
	v3 = vers == NFS_VER3;
	if (!v3 && proc < NFS_NPROCS)
		proc = v2_proc[proc];
	pr_putc(c, ' ');
	pr_tok_print(c, proc_names, "proc-%u", proc);
	if (call_args(c, msg, length, proc, v3))
		return 0;
	if (c->stopped)
		return PR_STOP;
trunc:
	pr_trunc(c);
	return 0;
}

/* ---- replies ---- */

/* The status; *er its value, *err set when it is an error. */
static const uint8_t *parsestatus(struct pr_ctx *c, const uint8_t *dp,
				  uint32_t *er, int *err)
{
	uint32_t e;

	PR_BE32_OR_NULL(c, dp, e);
	*er = e;
	if (e != 0) {
		if (!c->o.qflag) {
			pr_puts(c, " ERROR: ");
			pr_tok_print(c, status_names, "unk %u", e);
		}
		*err = 1;
	}
	return dp + 4;
}

static const uint8_t *parsefattr(struct pr_ctx *c, const uint8_t *dp,
				 int verbose, int v3)
{
	uint32_t type, mode, uid, gid, a, b, d, e, f, g;
	uint64_t q, r;

	NEED(dp + 16, 4);
	if (verbose) {
		PR_BE32_OR_NULL(c, dp, type);
		PR_BE32_OR_NULL(c, dp + 4, mode);
		PR_BE32_OR_NULL(c, dp + 12, uid);
		PR_BE32_OR_NULL(c, dp + 16, gid);
		pr_putc(c, ' ');
		pr_tok_print(c, type_names, "unk-ft %u ", type);
		pr_putc(c, ' ');
		put_oct(c, mode);
		pr_printf(c, " ids %d/%d", (int32_t)uid, (int32_t)gid);
		if (v3) {
			G64(dp + 20, q);
			pr_printf(c, " sz %llu", (unsigned long long)q);
		} else {
			PR_BE32_OR_NULL(c, dp + 20, a);
			pr_printf(c, " sz %u", a);
		}
	}
	if (verbose > 1) {
		if (v3) {
			NEED(dp + 76, 8);
			PR_BE32_OR_NULL(c, dp + 8, a);
			PR_BE32_OR_NULL(c, dp + 36, b);
			PR_BE32_OR_NULL(c, dp + 40, d);
			pr_printf(c, " nlink %u rdev %u/%u", a, b, d);
			G64(dp + 44, q);
			pr_printf(c, " fsid %llx", (unsigned long long)q);
			G64(dp + 52, r);
			pr_printf(c, " fileid %llx", (unsigned long long)r);
			PR_BE32_OR_NULL(c, dp + 60, a);
			PR_BE32_OR_NULL(c, dp + 64, b);
			pr_printf(c, " a/m/ctime %u.%06u", a, b);
			PR_BE32_OR_NULL(c, dp + 68, a);
			PR_BE32_OR_NULL(c, dp + 72, b);
			pr_printf(c, " %u.%06u", a, b);
			PR_BE32_OR_NULL(c, dp + 76, a);
			PR_BE32_OR_NULL(c, dp + 80, b);
			pr_printf(c, " %u.%06u", a, b);
		} else {
			NEED(dp + 60, 8);
			PR_BE32_OR_NULL(c, dp + 8, a);
			PR_BE32_OR_NULL(c, dp + 28, b);
			PR_BE32_OR_NULL(c, dp + 36, d);
			PR_BE32_OR_NULL(c, dp + 40, e);
			pr_printf(c, " nlink %u rdev 0x%x fsid 0x%x nodeid 0x%x a/m/ctime",
				  a, b, d, e);
			PR_BE32_OR_NULL(c, dp + 44, f);
			PR_BE32_OR_NULL(c, dp + 48, g);
			pr_printf(c, " %u.%06u", f, g);
			PR_BE32_OR_NULL(c, dp + 52, f);
			PR_BE32_OR_NULL(c, dp + 56, g);
			pr_printf(c, " %u.%06u", f, g);
			PR_BE32_OR_NULL(c, dp + 60, f);
			PR_BE32_OR_NULL(c, dp + 64, g);
			pr_printf(c, " %u.%06u", f, g);
		}
	}
	return dp + (v3 ? NFSX_V3FATTR : NFSX_V2FATTR);
}

static const uint8_t *parseattrstat(struct pr_ctx *c, const uint8_t *dp,
				    int verbose, int v3, int *err)
{
	uint32_t er;

	STEP(parsestatus(c, dp, &er, err));
	if (er)
		return dp;
	return parsefattr(c, dp, verbose, v3);
}

static const uint8_t *parsediropres(struct pr_ctx *c, const uint8_t *dp,
				    int *err)
{
	uint32_t er;

	STEP(parsestatus(c, dp, &er, err));
	if (er)
		return dp;
	STEP(parsefh(c, dp, 0));
	return parsefattr(c, dp, c->o.vflag, 0);
}

static const uint8_t *parse_post_op_attr(struct pr_ctx *c, const uint8_t *dp,
					 int verbose)
{
	uint32_t follows;

	PR_BE32_OR_NULL(c, dp, follows);
	if (!follows)
		return dp + 4;
	dp += 4;
	if (verbose)
		return parsefattr(c, dp, verbose, 1);
	return dp + NFSX_V3FATTR;
}

static const uint8_t *parse_pre_op_attr(struct pr_ctx *c, const uint8_t *dp,
					int verbose)
{
	uint32_t follows, a, b, d, e;
	uint64_t sz;

	PR_BE32_OR_NULL(c, dp, follows);
	if (!follows)
		return dp + 4;
	dp += 4;
	NEED(dp, 24);
	if (verbose > 1) {
		G64(dp, sz);
		pr_printf(c, " sz %llu", (unsigned long long)sz);
		PR_BE32_OR_NULL(c, dp + 8, a);
		PR_BE32_OR_NULL(c, dp + 12, b);
		PR_BE32_OR_NULL(c, dp + 16, d);
		PR_BE32_OR_NULL(c, dp + 20, e);
		pr_printf(c, " mtime %u.%06u ctime %u.%06u", a, b, d, e);
	}
	return dp + 24;
}

static const uint8_t *parse_wcc_data(struct pr_ctx *c, const uint8_t *dp,
				     int verbose)
{
	if (verbose > 1)
		pr_puts(c, " PRE:");
	STEP(parse_pre_op_attr(c, dp, verbose));
	if (verbose)
		pr_puts(c, " POST:");
	return parse_post_op_attr(c, dp, verbose);
}

static const uint8_t *parselinkres(struct pr_ctx *c, const uint8_t *dp,
				   int v3, int *err)
{
	uint32_t er;

	STEP(parsestatus(c, dp, &er, err));
	if (er)
		return dp;
	if (v3)
		STEP(parse_post_op_attr(c, dp, c->o.vflag));
	pr_putc(c, ' ');
	return parsefn(c, dp);
}

static const uint8_t *parsestatfs(struct pr_ctx *c, const uint8_t *dp, int v3,
				  int *err)
{
	uint32_t er, a, b, d, e, f;
	uint64_t q, r, s;

	STEP(parsestatus(c, dp, &er, err));
	if (!v3 && er)
		return dp;
	if (c->o.qflag)
		return dp;
	if (v3) {
		if (c->o.vflag)
			pr_puts(c, " POST:");
		STEP(parse_post_op_attr(c, dp, c->o.vflag));
	}
	NEED(dp, v3 ? NFSX_V3STATFS : NFSX_V2STATFS);
	if (v3) {
		G64(dp, q);
		G64(dp + 8, r);
		G64(dp + 16, s);
		pr_printf(c, " tbytes %llu fbytes %llu abytes %llu",
			  (unsigned long long)q, (unsigned long long)r,
			  (unsigned long long)s);
		if (c->o.vflag) {
			G64(dp + 24, q);
			G64(dp + 32, r);
			G64(dp + 40, s);
			PR_BE32_OR_NULL(c, dp + 48, a);
			pr_printf(c, " tfiles %llu ffiles %llu afiles %llu invar %u",
				  (unsigned long long)q, (unsigned long long)r,
				  (unsigned long long)s, a);
		}
	} else {
		PR_BE32_OR_NULL(c, dp, a);
		PR_BE32_OR_NULL(c, dp + 4, b);
		PR_BE32_OR_NULL(c, dp + 8, d);
		PR_BE32_OR_NULL(c, dp + 12, e);
		PR_BE32_OR_NULL(c, dp + 16, f);
		pr_printf(c, " tsize %u bsize %u blocks %u bfree %u bavail %u",
			  a, b, d, e, f);
	}
	return dp;
}

static const uint8_t *parserddires(struct pr_ctx *c, const uint8_t *dp,
				   int *err)
{
	uint32_t er, a, b, eof;

	STEP(parsestatus(c, dp, &er, err));
	if (er || c->o.qflag)
		return dp;
	PR_BE32_OR_NULL(c, dp, a);
	PR_BE32_OR_NULL(c, dp + 4, b);
	pr_printf(c, " offset 0x%x size %u ", a, b);
	PR_BE32_OR_NULL(c, dp + 8, eof);
	if (eof)
		pr_puts(c, " eof");
	return dp;
}

static const uint8_t *parsecreateopres(struct pr_ctx *c, const uint8_t *dp,
				       int verbose, int *err)
{
	uint32_t er, follows;

	STEP(parsestatus(c, dp, &er, err));
	if (er)
		return parse_wcc_data(c, dp, verbose);
	PR_BE32_OR_NULL(c, dp, follows);
	if (!follows)
		return dp + 4;
	dp += 4;
	STEP(parsefh(c, dp, 1));
	if (verbose) {
		STEP(parse_post_op_attr(c, dp, verbose));
		if (c->o.vflag > 1) {
			pr_puts(c, " dir attr:");
			dp = parse_wcc_data(c, dp, verbose);
		}
	}
	return dp;
}

static const uint8_t *parsewccres(struct pr_ctx *c, const uint8_t *dp,
				  int verbose, int *err)
{
	uint32_t er;

	STEP(parsestatus(c, dp, &er, err));
	return parse_wcc_data(c, dp, verbose);
}

static const uint8_t *parsev3rddirres(struct pr_ctx *c, const uint8_t *dp,
				      int verbose, int *err)
{
	uint32_t er, a, b;

	STEP(parsestatus(c, dp, &er, err));
	if (c->o.vflag)
		pr_puts(c, " POST:");
	STEP(parse_post_op_attr(c, dp, verbose));
	if (er)
		return dp;
	if (c->o.vflag) {
		PR_BE32_OR_NULL(c, dp, a);
		PR_BE32_OR_NULL(c, dp + 4, b);
		pr_printf(c, " verf %08x%08x", a, b);
		dp += 8;
	}
	return dp;
}

static const uint8_t *parsefsinfo(struct pr_ctx *c, const uint8_t *dp,
				  int *err)
{
	uint32_t er, a, b, d, e, f;
	uint64_t q;

	STEP(parsestatus(c, dp, &er, err));
	if (c->o.vflag)
		pr_puts(c, " POST:");
	STEP(parse_post_op_attr(c, dp, c->o.vflag));
	if (er)
		return dp;
	NEED(dp, 48);
	PR_BE32_OR_NULL(c, dp, a);
	PR_BE32_OR_NULL(c, dp + 4, b);
	PR_BE32_OR_NULL(c, dp + 12, d);
	PR_BE32_OR_NULL(c, dp + 16, e);
	PR_BE32_OR_NULL(c, dp + 24, f);
	pr_printf(c, " rtmax %u rtpref %u wtmax %u wtpref %u dtpref %u", a, b,
		  d, e, f);
	if (c->o.vflag) {
		PR_BE32_OR_NULL(c, dp + 8, a);
		PR_BE32_OR_NULL(c, dp + 20, b);
		G64(dp + 28, q);
		pr_printf(c, " rtmult %u wtmult %u maxfsz %llu", a, b,
			  (unsigned long long)q);
		PR_BE32_OR_NULL(c, dp + 36, a);
		PR_BE32_OR_NULL(c, dp + 40, b);
		pr_printf(c, " delta %u.%06u ", a, b);
	}
	return dp;
}

static const uint8_t *parsepathconf(struct pr_ctx *c, const uint8_t *dp,
				    int *err)
{
	uint32_t er, a, b, f[4];
	int i;

	STEP(parsestatus(c, dp, &er, err));
	if (c->o.vflag)
		pr_puts(c, " POST:");
	STEP(parse_post_op_attr(c, dp, c->o.vflag));
	if (er)
		return dp;
	NEED(dp, 24);
	PR_BE32_OR_NULL(c, dp, a);
	PR_BE32_OR_NULL(c, dp + 4, b);
	for (i = 0; i < 4; i++)
		PR_BE32_OR_NULL(c, dp + 8 + 4 * i, f[i]);
	pr_printf(c, " linkmax %u namemax %u %s %s %s %s", a, b,
		  f[0] ? "notrunc" : "", f[1] ? "chownres" : "",
		  f[2] ? "igncase" : "", f[3] ? "keepcase" : "");
	return dp;
}

/* The body of one reply; NULL when cut short (or stopped). */
static const uint8_t *reply_body(struct pr_ctx *c, const uint8_t *msg,
				 unsigned length, uint32_t proc, int v3,
				 int *err)
{
	const uint8_t *dp;
	int vflag = c->o.vflag;
	uint32_t er, a, b;
	uint64_t q;

	switch (proc) {
	case NFSPROC_GETATTR:
		STEP(rpc_reply_results(c, msg, length, err));
		return parseattrstat(c, dp, !c->o.qflag, v3, err);
	case NFSPROC_SETATTR:
		STEP(rpc_reply_results(c, msg, length, err));
		if (v3)
			return parsewccres(c, dp, vflag, err);
		return parseattrstat(c, dp, !c->o.qflag, 0, err);
	case NFSPROC_LOOKUP:
		STEP(rpc_reply_results(c, msg, length, err));
		if (!v3)
			return parsediropres(c, dp, err);
		STEP(parsestatus(c, dp, &er, err));
		if (!er) {
			STEP(parsefh(c, dp, v3));
			STEP(parse_post_op_attr(c, dp, vflag));
		}
		if (vflag > 1) {
			pr_puts(c, " post dattr:");
			STEP(parse_post_op_attr(c, dp, vflag));
		}
		return dp;
	case NFSPROC_ACCESS:
		STEP(rpc_reply_results(c, msg, length, err));
		STEP(parsestatus(c, dp, &er, err));
		if (vflag)
			pr_puts(c, " attr:");
		STEP(parse_post_op_attr(c, dp, vflag));
		if (!er) {
			PR_BE32_OR_NULL(c, dp, a);
			pr_printf(c, " c %04x", a);
		}
		return dp;
	case NFSPROC_READLINK:
		STEP(rpc_reply_results(c, msg, length, err));
		return parselinkres(c, dp, v3, err);
	case NFSPROC_READ:
		STEP(rpc_reply_results(c, msg, length, err));
		if (!v3)
			return parseattrstat(c, dp, vflag, 0, err);
		STEP(parsestatus(c, dp, &er, err));
		STEP(parse_post_op_attr(c, dp, vflag));
		if (!er && vflag) {
			PR_BE32_OR_NULL(c, dp, a);
			pr_printf(c, " %u bytes", a);
			PR_BE32_OR_NULL(c, dp + 4, b);
			if (b)
				pr_puts(c, " EOF");
		}
		return dp;
	case NFSPROC_WRITE:
		STEP(rpc_reply_results(c, msg, length, err));
		if (!v3)
			return parseattrstat(c, dp, vflag, v3, err);
		STEP(parsestatus(c, dp, &er, err));
		STEP(parse_wcc_data(c, dp, vflag));
		if (!er && vflag) {
			PR_BE32_OR_NULL(c, dp, a);
			pr_printf(c, " %u bytes", a);
			if (vflag > 1) {
				PR_BE32_OR_NULL(c, dp + 4, b);
				pr_puts(c, " <");
				pr_tok_print(c, writemode_names, "#%d", b);
				pr_putc(c, '>');
				G64(dp + 8, q);
				pr_printf(c, " verf %llx", (unsigned long long)q);
			}
		}
		return dp;
	case NFSPROC_CREATE:
	case NFSPROC_MKDIR:
		STEP(rpc_reply_results(c, msg, length, err));
		if (v3)
			return parsecreateopres(c, dp, vflag, err);
		return parsediropres(c, dp, err);
	case NFSPROC_SYMLINK:
		STEP(rpc_reply_results(c, msg, length, err));
		if (v3)
			return parsecreateopres(c, dp, vflag, err);
		return parsestatus(c, dp, &er, err);
	case NFSPROC_MKNOD:
		STEP(rpc_reply_results(c, msg, length, err));
		return parsecreateopres(c, dp, vflag, err);
	case NFSPROC_REMOVE:
	case NFSPROC_RMDIR:
		STEP(rpc_reply_results(c, msg, length, err));
		if (v3)
			return parsewccres(c, dp, vflag, err);
		return parsestatus(c, dp, &er, err);
	case NFSPROC_RENAME:
		STEP(rpc_reply_results(c, msg, length, err));
		STEP(parsestatus(c, dp, &er, err));
		if (v3 && vflag) {
			pr_puts(c, " from:");
			STEP(parse_wcc_data(c, dp, vflag));
			pr_puts(c, " to:");
			STEP(parse_wcc_data(c, dp, vflag));
		}
		return dp;
	case NFSPROC_LINK:
		STEP(rpc_reply_results(c, msg, length, err));
		STEP(parsestatus(c, dp, &er, err));
		if (v3 && vflag) {
			pr_puts(c, " file POST:");
			STEP(parse_post_op_attr(c, dp, vflag));
			pr_puts(c, " dir:");
			STEP(parse_wcc_data(c, dp, vflag));
		}
		return dp;
	case NFSPROC_READDIR:
		STEP(rpc_reply_results(c, msg, length, err));
		if (v3)
			return parsev3rddirres(c, dp, vflag, err);
		return parserddires(c, dp, err);
	case NFSPROC_READDIRPLUS:
		STEP(rpc_reply_results(c, msg, length, err));
		return parsev3rddirres(c, dp, vflag, err);
	case NFSPROC_FSSTAT:
		STEP(rpc_reply_results(c, msg, length, err));
		return parsestatfs(c, dp, v3, err);
	case NFSPROC_FSINFO:
		STEP(rpc_reply_results(c, msg, length, err));
		return parsefsinfo(c, dp, err);
	case NFSPROC_PATHCONF:
		STEP(rpc_reply_results(c, msg, length, err));
		return parsepathconf(c, dp, err);
	case NFSPROC_COMMIT:
		STEP(rpc_reply_results(c, msg, length, err));
		STEP(parsewccres(c, dp, vflag, err));
		if (vflag > 1) {
			G64(dp, q);
			pr_printf(c, " verf %llx", (unsigned long long)q);
		}
		return dp;
	default:
		return msg;
	}
}

int nfs_reply_print(struct pr_ctx *c, const uint8_t *msg, uint32_t proc,
		    uint32_t vers, unsigned length)
{
	int v3 = vers == NFS_VER3, err = 0;

	if (!v3 && proc < NFS_NPROCS)
		proc = v2_proc[proc];
	pr_putc(c, ' ');
	pr_tok_print(c, proc_names, "proc-%u", proc);
	if (reply_body(c, msg, length, proc, v3, &err))
		return 0;
	if (c->stopped)
		return PR_STOP;
	if (!err)
		pr_trunc(c);
	return 0;
}
