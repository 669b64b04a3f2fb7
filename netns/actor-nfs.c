/* actor-nfs.c: ONC RPC calls to NFS v2/v3 and a server's answers from a small fixed file tree (the manual's wrl). */
/*
 * RFC 5531 (RPC) and RFC 1094 / RFC 1813 (NFS v2 / v3). Everything is XDR:
 * big-endian 32-bit words, opaque data padded to a word.
 *
 *   call                          reply (accepted)
 *   +--------------------+        +--------------------+
 *   | xid                |        | xid                |
 *   | 0 (CALL)           |        | 1 (REPLY)          |
 *   | 2 (RPC version)    |        | 0 (MSG_ACCEPTED)   |
 *   | 100003 (NFS)       |        | verifier           |
 *   | 2 or 3             |        | accept status      |
 *   | procedure          |        | results ...        |
 *   | credential         |        +--------------------+
 *   | verifier           |
 *   | arguments ...      |   Over TCP each message follows a record mark:
 *   +--------------------+   0x80000000 | length (one fragment).
 *
 * The server holds the files the manual's lines name, each with a
 * SunOS 4 style handle (fsid major/minor in bytes 2-3, the inode at 12),
 * the layout tcpdump prints as "fh major,minor/inode".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "netns/actor.h"

#define RPC_CALL 0
#define RPC_REPLY 1
#define NFS_PROG 100003u
#define AUTH_NULL 0
#define AUTH_UNIX 1
#define FH_LEN 32

enum { ACC_SUCCESS = 0, ACC_PROG_UNAVAIL, ACC_PROG_MISMATCH, ACC_PROC_UNAVAIL,
       ACC_GARBAGE_ARGS };
enum { NFS_OK = 0, NFSERR_NOENT = 2, NFSERR_IO = 5, NFSERR_NOTDIR = 20,
       NFSERR_INVAL = 22, NFSERR_STALE = 70 };
enum { NF_REG = 1, NF_DIR = 2, NF_LNK = 5 };

/* The server's files: the handles and attributes of the manual's lines. */
struct nfs_file {
	const char *path;
	uint8_t major, minor;
	uint32_t ino, gen;
	int type;
	uint32_t mode, nlink, uid, gid;
	uint32_t size;
	const char *link;	/* NF_LNK: the target */
};

static const struct nfs_file files[] = {
	{ "/", 21, 24, 2, 1, NF_DIR, 040755, 22, 0, 0, 1024, NULL },
	{ "/usr", 21, 24, 9, 4016, NF_DIR, 040755, 30, 0, 0, 1024, NULL },
	{ "/usr/spool", 21, 24, 10, 73165, NF_LNK, 0120777, 1, 0, 0, 6,
	  "../var" },
	{ "/usr/lib/X11", 9, 74, 4096, 6878, NF_DIR, 040755, 12, 0, 0, 2048,
	  NULL },
	{ "/usr/lib/X11/xcolors", 9, 74, 4134, 3150, NF_REG, 0100644, 1, 0, 0,
	  3052, NULL },
	{ "/home/sushi", 21, 11, 2, 1, NF_DIR, 040755, 8, 417, 0, 512, NULL },
	{ "/home/sushi/mbox", 21, 11, 12, 195, NF_REG, 0100664, 1, 417, 0,
	  29388, NULL },
};

#define NFILES (sizeof(files) / sizeof(files[0]))

/* Every time of every file: 1 January 1991, 12:00 UTC. */
#define FILE_TIME 662731200u

static void put32(struct hx_buf *b, uint32_t v)
{
	uint8_t x[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
			 (uint8_t)(v >> 8), (uint8_t)v };

	hx_buf_put(b, x, 4);
}

static void put64(struct hx_buf *b, uint64_t v)
{
	put32(b, (uint32_t)(v >> 32));
	put32(b, (uint32_t)v);
}

/* XDR opaque or string: the length, the bytes, zeros to a word. */
static void put_opaque(struct hx_buf *b, const void *p, size_t n)
{
	static const uint8_t zero[3];

	put32(b, (uint32_t)n);
	hx_buf_put(b, p, n);
	if (n % 4)
		hx_buf_put(b, zero, 4 - n % 4);
}

static void fh_of(const struct nfs_file *f, uint8_t fh[FH_LEN])
{
	memset(fh, 0, FH_LEN);
	fh[2] = f->major;
	fh[3] = f->minor;
	fh[7] = 1;		/* the fsid's second word */
	fh[9] = 10;		/* the fid's length */
	fh[12] = (uint8_t)(f->ino >> 24);
	fh[13] = (uint8_t)(f->ino >> 16);
	fh[14] = (uint8_t)(f->ino >> 8);
	fh[15] = (uint8_t)f->ino;
	fh[16] = (uint8_t)(f->gen >> 24);
	fh[17] = (uint8_t)(f->gen >> 16);
	fh[18] = (uint8_t)(f->gen >> 8);
	fh[19] = (uint8_t)f->gen;
}

static const struct nfs_file *by_path(const char *path)
{
	size_t i;

	for (i = 0; i < NFILES; i++)
		if (!strcmp(files[i].path, path))
			return &files[i];
	return NULL;
}

static const struct nfs_file *by_fh(const uint8_t *fh, size_t n)
{
	uint8_t want[FH_LEN];
	size_t i;

	if (n != FH_LEN)
		return NULL;
	for (i = 0; i < NFILES; i++) {
		fh_of(&files[i], want);
		if (!memcmp(want, fh, FH_LEN))
			return &files[i];
	}
	return NULL;
}

/* The file NAME in directory d, or NULL. */
static const struct nfs_file *child(const struct nfs_file *d, const char *name,
				    size_t nlen)
{
	size_t i, dl = strlen(d->path);

	for (i = 0; i < NFILES; i++) {
		const char *p = files[i].path;
		size_t off = dl == 1 ? 1 : dl + 1;

		if (strlen(p) == off + nlen && !strncmp(p, d->path, dl) &&
		    (dl == 1 || p[dl] == '/') && !memcmp(p + off, name, nlen))
			return &files[i];
	}
	return NULL;
}

int ns_nfs_known(const char *path)
{
	return by_path(path) != NULL;
}

const char *ns_nfs_proc_name(enum ns_nfs_proc p)
{
	static const char *const names[] = {
		[NS_NFS_NULL] = "null", [NS_NFS_GETATTR] = "getattr",
		[NS_NFS_LOOKUP] = "lookup", [NS_NFS_READLINK] = "readlink",
		[NS_NFS_READ] = "read",
	};

	return (unsigned)p < sizeof(names) / sizeof(names[0]) ? names[p] : NULL;
}

/* The procedure's number in the version. */
static uint32_t proc_num(enum ns_nfs_proc p, int v3)
{
	switch (p) {
	case NS_NFS_NULL:
		return 0;
	case NS_NFS_GETATTR:
		return 1;
	case NS_NFS_LOOKUP:
		return v3 ? 3 : 4;
	case NS_NFS_READLINK:
		return 5;
	case NS_NFS_READ:
		return 6;
	}
	return 0;
}

static void put_fh(struct hx_buf *b, const struct nfs_file *f, int v3)
{
	uint8_t fh[FH_LEN];

	fh_of(f, fh);
	if (v3)
		put_opaque(b, fh, FH_LEN);
	else
		hx_buf_put(b, fh, FH_LEN);
}

int ns_nfs_build_call(char *err, struct hx_buf *out,
		      const struct ns_nfs_call *c)
{
	const struct nfs_file *f = NULL;
	const char *machine = c->machine ? c->machine : "localhost";
	size_t start = out->len, mlen = strlen(machine);
	struct hx_buf cred = HX_BUF_INIT;
	int v3 = c->version == 3;

	if (c->version != 2 && c->version != 3)
		return hx_err(err, -EINVAL, "nfs: version %d (2 or 3)",
			      c->version);
	if (!ns_nfs_proc_name(c->proc))
		return hx_err(err, -EINVAL, "nfs: unknown procedure %d",
			      (int)c->proc);
	if (c->proc != NS_NFS_NULL) {
		f = c->path ? by_path(c->path) : NULL;
		if (!f)
			return hx_err(err, -ENOENT,
				      "nfs: the server has no file '%s'",
				      c->path ? c->path : "");
	}
	if (c->proc == NS_NFS_LOOKUP &&
	    (!c->name || !*c->name || strlen(c->name) > 255))
		return hx_err(err, -EINVAL, "nfs: lookup needs a name (1-255 bytes)");
	if (mlen > 255)
		return hx_err(err, -EINVAL, "nfs: machine name '%s' too long",
			      machine);
	if (c->proc == NS_NFS_READ && c->count > 65536)
		return hx_err(err, -EINVAL, "nfs: read of %u bytes (at most 65536)",
			      c->count);

	put32(out, c->xid);
	put32(out, RPC_CALL);
	put32(out, 2);
	put32(out, NFS_PROG);
	put32(out, (uint32_t)c->version);
	put32(out, proc_num(c->proc, v3));
	/* AUTH_UNIX: stamp, machine name, uid, gid, three more groups. */
	put32(&cred, 0);
	put_opaque(&cred, machine, mlen);
	put32(&cred, 417);
	put32(&cred, 10);
	put32(&cred, 3);
	put32(&cred, 10);
	put32(&cred, 20);
	put32(&cred, 30);
	put32(out, AUTH_UNIX);
	if (!cred.oom)
		put_opaque(out, cred.p, cred.len);
	hx_buf_release(&cred);
	put32(out, AUTH_NULL);
	put32(out, 0);
	if (f)
		put_fh(out, f, v3);
	switch (c->proc) {
	case NS_NFS_LOOKUP:
		put_opaque(out, c->name, strlen(c->name));
		break;
	case NS_NFS_READ:
		if (v3) {
			put64(out, c->offset);
		} else {
			put32(out, (uint32_t)c->offset);
		}
		put32(out, c->count);
		if (!v3)
			put32(out, c->count); /* totalcount, unused */
		break;
	default:
		break;
	}
	if (out->oom) {
		out->len = start;
		return hx_err(err, -ENOMEM, "nfs: out of memory");
	}
	return (int)(out->len - start);
}

/* ---- the server --------------------------------------------------------- */

struct xdr {
	const uint8_t *p;
	size_t len, off;
	int bad;
};

static uint32_t get32(struct xdr *x)
{
	uint32_t v;

	if (x->bad || x->len - x->off < 4) {
		x->bad = 1;
		return 0;
	}
	v = (uint32_t)x->p[x->off] << 24 | (uint32_t)x->p[x->off + 1] << 16 |
	    (uint32_t)x->p[x->off + 2] << 8 | x->p[x->off + 3];
	x->off += 4;
	return v;
}

/* An opaque of at most max bytes: its bytes (in the message) and length. */
static const uint8_t *get_opaque(struct xdr *x, size_t max, size_t *n)
{
	uint32_t l = get32(x);
	size_t padded = ((size_t)l + 3) & ~(size_t)3;
	const uint8_t *p;

	if (x->bad || l > max || x->len - x->off < padded) {
		x->bad = 1;
		return NULL;
	}
	p = x->p + x->off;
	x->off += padded;
	*n = l;
	return p;
}

static const uint8_t *get_fixed(struct xdr *x, size_t n)
{
	const uint8_t *p;

	if (x->bad || x->len - x->off < n) {
		x->bad = 1;
		return NULL;
	}
	p = x->p + x->off;
	x->off += n;
	return p;
}

static void put_fattr(struct hx_buf *b, const struct nfs_file *f, int v3)
{
	uint32_t fsid = (uint32_t)f->major << 8 | f->minor;

	put32(b, (uint32_t)f->type);
	put32(b, v3 ? f->mode & 07777 : f->mode);
	put32(b, f->nlink);
	put32(b, f->uid);
	put32(b, f->gid);
	if (v3) {
		put64(b, f->size);
		put64(b, ((uint64_t)f->size + 1023) & ~(uint64_t)1023);
		put32(b, 0); /* rdev */
		put32(b, 0);
		put64(b, fsid);
		put64(b, f->ino);
		put32(b, FILE_TIME); put32(b, 0);
		put32(b, FILE_TIME); put32(b, 0);
		put32(b, FILE_TIME); put32(b, 0);
	} else {
		put32(b, f->size);
		put32(b, 8192); /* blocksize */
		put32(b, 0);	/* rdev */
		put32(b, (f->size + 511) / 512);
		put32(b, fsid);
		put32(b, f->ino);
		put32(b, FILE_TIME); put32(b, 0);
		put32(b, FILE_TIME); put32(b, 0);
		put32(b, FILE_TIME); put32(b, 0);
	}
}

static void post_op_attr(struct hx_buf *b, const struct nfs_file *f)
{
	put32(b, f ? 1 : 0);
	if (f)
		put_fattr(b, f, 1);
}

/* The results of proc (its v2 or v3 number) on the arguments at x. */
static int nfs_results(struct hx_buf *b, struct xdr *x, int v3, uint32_t proc)
{
	const struct nfs_file *f = NULL, *k;
	const uint8_t *fh, *name;
	size_t n = 0, i;
	uint32_t count;
	uint64_t off;

	if (proc == 0)
		return 0;
	fh = v3 ? get_opaque(x, 64, &n) : get_fixed(x, FH_LEN);
	if (!v3)
		n = FH_LEN;
	if (!fh)
		return -1;
	f = by_fh(fh, n);
	switch (proc) {
	case 1: /* getattr */
		if (!f) {
			put32(b, NFSERR_STALE);
			return 0;
		}
		put32(b, NFS_OK);
		put_fattr(b, f, v3);
		return 0;
	case 3: /* v2 root, v3 lookup */
	case 4: /* v2 lookup */
		if ((proc == 3) != v3)
			return 1;
		name = get_opaque(x, 255, &n);
		if (!name)
			return -1;
		if (!f || f->type != NF_DIR) {
			put32(b, f ? NFSERR_NOTDIR : NFSERR_STALE);
			if (v3)
				post_op_attr(b, f);
			return 0;
		}
		k = child(f, (const char *)name, n);
		if (!k) {
			put32(b, NFSERR_NOENT);
			if (v3)
				post_op_attr(b, f);
			return 0;
		}
		put32(b, NFS_OK);
		put_fh(b, k, v3);
		if (v3) {
			post_op_attr(b, k);
			post_op_attr(b, f);
		} else {
			put_fattr(b, k, 0);
		}
		return 0;
	case 5: /* readlink */
		if (!f || f->type != NF_LNK) {
			put32(b, f ? NFSERR_INVAL : NFSERR_STALE);
			if (v3)
				post_op_attr(b, f);
			return 0;
		}
		put32(b, NFS_OK);
		if (v3)
			post_op_attr(b, f);
		put_opaque(b, f->link, strlen(f->link));
		return 0;
	case 6: /* read */
		if (v3) {
			off = (uint64_t)get32(x) << 32;
			off |= get32(x);
		} else {
			off = get32(x);
		}
		count = get32(x);
		if (!v3)
			(void)get32(x);
		if (x->bad)
			return -1;
		if (!f || f->type != NF_REG) {
			put32(b, f ? NFSERR_INVAL : NFSERR_STALE);
			if (v3)
				post_op_attr(b, f);
			return 0;
		}
		if (off >= f->size)
			count = 0;
		else if (count > f->size - off)
			count = (uint32_t)(f->size - off);
		if (count > 8192)
			count = 8192;
		put32(b, NFS_OK);
		if (v3) {
			post_op_attr(b, f);
			put32(b, count);
			put32(b, off + count >= f->size);
		} else {
			put_fattr(b, f, 0);
		}
		put32(b, count);
		/* The file's bytes: the letters a to z over and over. */
		for (i = 0; i < count; i++)
			hx_buf_putc(b, (char)('a' + (off + i) % 26));
		if (count % 4)
			hx_buf_put(b, "\0\0\0", 4 - count % 4);
		return 0;
	}
	return 1;
}

int ns_nfs_answer(const uint8_t *call, size_t len, struct hx_buf *out)
{
	struct xdr x = { call, len, 0, 0 };
	size_t start = out->len, n;
	uint32_t xid, vers, proc, prog;
	int rc;

	xid = get32(&x);
	if (get32(&x) != RPC_CALL || get32(&x) != 2 || x.bad)
		return -EBADMSG;
	prog = get32(&x);
	vers = get32(&x);
	proc = get32(&x);
	(void)get32(&x);		/* credential */
	get_opaque(&x, 400, &n);
	(void)get32(&x);		/* verifier */
	get_opaque(&x, 400, &n);
	if (x.bad)
		return -EBADMSG;
	put32(out, xid);
	put32(out, RPC_REPLY);
	put32(out, 0);			/* MSG_ACCEPTED */
	put32(out, AUTH_NULL);
	put32(out, 0);
	if (prog != NFS_PROG) {
		put32(out, ACC_PROG_UNAVAIL);
	} else if (vers != 2 && vers != 3) {
		put32(out, ACC_PROG_MISMATCH);
		put32(out, 2);
		put32(out, 3);
	} else {
		size_t at = out->len;

		put32(out, ACC_SUCCESS);
		rc = nfs_results(out, &x, vers == 3, proc);
		if (rc != 0) {
			out->len = at;
			put32(out, rc < 0 ? ACC_GARBAGE_ARGS : ACC_PROC_UNAVAIL);
		}
	}
	if (out->oom) {
		out->len = start;
		return -ENOMEM;
	}
	return (int)(out->len - start);
}

int ns_nfs_reply_check(const uint8_t *p, size_t len, uint32_t xid)
{
	struct xdr x = { p, len, 0, 0 };
	size_t n;
	uint32_t st;

	if (get32(&x) != xid || get32(&x) != RPC_REPLY || x.bad)
		return -EBADMSG;
	if (get32(&x) != 0)
		return -EACCES;		/* MSG_DENIED */
	(void)get32(&x);
	get_opaque(&x, 400, &n);
	st = get32(&x);
	if (x.bad)
		return -EBADMSG;
	return st == ACC_SUCCESS ? 0 : -EPROTO;
}
