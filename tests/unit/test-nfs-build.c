/* test-nfs-build.c: the NFS call builder and the server's answers (actor-nfs.c), byte by byte and cut short. */
#include <errno.h>
#include <string.h>

#include "netns/actor.h"
#include "unit/tu.h"

static char err[HX_ERRLEN];

static uint32_t word(const struct hx_buf *b, size_t i)
{
	const uint8_t *p = (const uint8_t *)b->p + 4 * i;

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void set_word(struct hx_buf *b, size_t i, uint32_t v)
{
	uint8_t *p = (uint8_t *)b->p + 4 * i;

	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* The manual's "112 readlink" and "reply ok 40 readlink "../var"". */
static void test_readlink_v2(void)
{
	struct ns_nfs_call c = { .xid = 6709, .version = 2,
				 .proc = NS_NFS_READLINK, .path = "/usr/spool",
				 .machine = "sushi" };
	struct hx_buf call = HX_BUF_INIT, rep = HX_BUF_INIT;

	CU_ASSERT_EQUAL(ns_nfs_build_call(err, &call, &c), 112);
	CU_ASSERT_EQUAL(word(&call, 0), 6709);
	CU_ASSERT_EQUAL(word(&call, 1), 0);	 /* CALL */
	CU_ASSERT_EQUAL(word(&call, 3), 100003); /* NFS */
	CU_ASSERT_EQUAL(word(&call, 5), 5);	 /* READLINK */
	CU_ASSERT_EQUAL(ns_nfs_answer((const uint8_t *)call.p, call.len, &rep), 40);
	CU_ASSERT_EQUAL(ns_nfs_reply_check((const uint8_t *)rep.p, rep.len, 6709), 0);
	CU_ASSERT_EQUAL(ns_nfs_reply_check((const uint8_t *)rep.p, rep.len, 6710), -EBADMSG);
	CU_ASSERT_EQUAL(word(&rep, 6), 0);	/* NFS_OK */
	CU_ASSERT_EQUAL(word(&rep, 7), 6);
	CU_ASSERT(!memcmp(rep.p + 32, "../var\0\0", 8));
	hx_buf_release(&call);
	hx_buf_release(&rep);
}

/* v2 lookup: the handle tcpdump prints as 9,74/4134, then the attributes. */
static void test_lookup(void)
{
	struct ns_nfs_call c = { .xid = 1, .version = 2, .proc = NS_NFS_LOOKUP,
				 .path = "/usr/lib/X11", .name = "xcolors",
				 .machine = "sushi" };
	struct hx_buf call = HX_BUF_INIT, rep = HX_BUF_INIT;

	CU_ASSERT_EQUAL(ns_nfs_build_call(err, &call, &c), 124);
	CU_ASSERT_EQUAL(ns_nfs_answer((const uint8_t *)call.p, call.len, &rep), 128);
	CU_ASSERT_EQUAL(word(&rep, 6), 0);
	CU_ASSERT_EQUAL(rep.p[28 + 2], 9);	/* the handle: major 9, minor 74 */
	CU_ASSERT_EQUAL(rep.p[28 + 3], 74);
	CU_ASSERT_EQUAL(word(&rep, 7 + 3), 4134);
	CU_ASSERT_EQUAL(word(&rep, 15), 1);	/* REG */
	hx_buf_release(&rep);

	/* A name the directory lacks: NFSERR_NOENT alone (v2), with the
	 * directory's attributes (v3). */
	c.name = "xfonts";
	hx_buf_reset(&call);
	CU_ASSERT(ns_nfs_build_call(err, &call, &c) > 0);
	CU_ASSERT_EQUAL(ns_nfs_answer((const uint8_t *)call.p, call.len, &rep), 28);
	CU_ASSERT_EQUAL(word(&rep, 6), 2);
	hx_buf_release(&rep);
	c.version = 3;
	hx_buf_reset(&call);
	CU_ASSERT(ns_nfs_build_call(err, &call, &c) > 0);
	CU_ASSERT_EQUAL(word(&call, 5), 3);	/* v3's LOOKUP */
	CU_ASSERT_EQUAL(ns_nfs_answer((const uint8_t *)call.p, call.len, &rep),
			28 + 4 + 84);
	CU_ASSERT_EQUAL(word(&rep, 6), 2);
	CU_ASSERT_EQUAL(word(&rep, 7), 1);	/* attributes follow */
	hx_buf_release(&call);
	hx_buf_release(&rep);
}

/* A read of 8192 bytes at 24576 of a 29388-byte file: 4812 come back. */
static void test_read_short(void)
{
	struct ns_nfs_call c = { .xid = 2, .version = 2, .proc = NS_NFS_READ,
				 .path = "/home/sushi/mbox", .offset = 24576,
				 .count = 8192 };
	struct hx_buf call = HX_BUF_INIT, rep = HX_BUF_INIT;
	int n;

	CU_ASSERT(ns_nfs_build_call(err, &call, &c) > 0);
	n = ns_nfs_answer((const uint8_t *)call.p, call.len, &rep);
	/* header 24, status 4, fattr 68, count 4, data padded to a word */
	CU_ASSERT_EQUAL(n, 24 + 4 + 68 + 4 + 4812);
	CU_ASSERT_EQUAL(word(&rep, 7), 1);		/* REG */
	CU_ASSERT_EQUAL(word(&rep, 8), 0100664);
	CU_ASSERT_EQUAL(word(&rep, 12), 29388);
	CU_ASSERT_EQUAL(word(&rep, 24), 4812);
	hx_buf_release(&call);
	hx_buf_release(&rep);
}

/* RPC's own errors; a message that is no call gets no reply. */
static void test_rpc_errors(void)
{
	struct ns_nfs_call c = { .xid = 3, .version = 3, .proc = NS_NFS_GETATTR,
				 .path = "/home/sushi/mbox" };
	struct hx_buf call = HX_BUF_INIT, rep = HX_BUF_INIT;
	size_t cut;

	CU_ASSERT(ns_nfs_build_call(err, &call, &c) > 0);
	set_word(&call, 3, 100005);	/* mountd */
	CU_ASSERT(ns_nfs_answer((const uint8_t *)call.p, call.len, &rep) > 0);
	CU_ASSERT_EQUAL(word(&rep, 5), 1); /* PROG_UNAVAIL */
	CU_ASSERT_EQUAL(ns_nfs_reply_check((const uint8_t *)rep.p, rep.len, 3), -EPROTO);
	hx_buf_reset(&rep);
	set_word(&call, 3, 100003);
	set_word(&call, 4, 4);
	CU_ASSERT(ns_nfs_answer((const uint8_t *)call.p, call.len, &rep) > 0);
	CU_ASSERT_EQUAL(word(&rep, 5), 2); /* PROG_MISMATCH, 2..3 */
	CU_ASSERT_EQUAL(word(&rep, 6), 2);
	CU_ASSERT_EQUAL(word(&rep, 7), 3);
	hx_buf_reset(&rep);
	set_word(&call, 4, 3);
	set_word(&call, 5, 99);
	CU_ASSERT(ns_nfs_answer((const uint8_t *)call.p, call.len, &rep) > 0);
	CU_ASSERT_EQUAL(word(&rep, 5), 3); /* PROC_UNAVAIL */
	hx_buf_reset(&rep);
	set_word(&call, 5, 1);
	/* Every cut: no reply (before the arguments) or GARBAGE_ARGS. */
	for (cut = 0; cut < call.len; cut++) {
		int n = ns_nfs_answer((const uint8_t *)call.p, cut, &rep);

		CU_ASSERT(n == -EBADMSG || (n == 24 && word(&rep, 5) == 4));
		hx_buf_reset(&rep);
	}
	set_word(&call, 1, 1);		/* a REPLY is no call */
	CU_ASSERT_EQUAL(ns_nfs_answer((const uint8_t *)call.p, call.len, &rep), -EBADMSG);
	CU_ASSERT_EQUAL(rep.len, 0);
	hx_buf_release(&call);
	hx_buf_release(&rep);
}

static void test_bad_calls(void)
{
	struct ns_nfs_call c = { .xid = 4, .version = 2, .proc = NS_NFS_GETATTR,
				 .path = "/etc/passwd" };
	struct hx_buf call = HX_BUF_INIT;

	hx_buf_puts(&call, "keep");
	CU_ASSERT_EQUAL(ns_nfs_build_call(err, &call, &c), -ENOENT);
	CU_ASSERT_STRING_EQUAL(err, "nfs: the server has no file '/etc/passwd'");
	c.path = "/usr";
	c.version = 4;
	CU_ASSERT_EQUAL(ns_nfs_build_call(err, &call, &c), -EINVAL);
	c.version = 2;
	c.proc = NS_NFS_LOOKUP;
	CU_ASSERT_EQUAL(ns_nfs_build_call(err, &call, &c), -EINVAL);
	CU_ASSERT_EQUAL(call.len, 4);
	CU_ASSERT_STRING_EQUAL(call.p, "keep");
	CU_ASSERT(ns_nfs_known("/usr/lib/X11/xcolors"));
	CU_ASSERT(!ns_nfs_known("/usr/lib/X11/xfonts"));
	hx_buf_release(&call);
}

static CU_TestInfo tests[] = {
	{ "v2 readlink: the manual's 112 and reply ok 40", test_readlink_v2 },
	{ "lookup: the handle and attributes; a missing name in v2 and v3", test_lookup },
	{ "a read past the end comes back short", test_read_short },
	{ "RPC's errors, and every cut of a call", test_rpc_errors },
	{ "unknown files, versions and names are refused, the buffer kept", test_bad_calls },
	CU_TEST_INFO_NULL,
};

TU_SUITE("nfs-build", NULL, NULL, tests);
