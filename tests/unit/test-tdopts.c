/* test-tdopts.c: td_parse, tcpdump's command line, good and bad. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/tdopts.h"
#include "unit/tu.h"

/* Parses a NULL-terminated word list; argv[0] is added. */
static int parse(char *err, unsigned mode, struct td_opts *o, ...)
{
	char *argv[32];
	va_list ap;
	int argc = 0;

	argv[argc++] = "read";
	va_start(ap, o);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	return td_parse(err, argc, argv, mode, o);
}

static void test_printing_flags(void)
{
	char err[HX_ERRLEN];
	struct td_opts o;

	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-nnvvveSbqtttxxXXAH", "-r",
			      "f.pcap", NULL),
			0);
	CU_ASSERT_EQUAL(o.pr.Hflag, 1);
	CU_ASSERT_EQUAL(o.pr.nflag, 2);
	CU_ASSERT_EQUAL(o.pr.vflag, 3);
	CU_ASSERT_EQUAL(o.pr.eflag, 1);
	CU_ASSERT_EQUAL(o.pr.Sflag, 1);
	CU_ASSERT_EQUAL(o.pr.bflag, 1);
	CU_ASSERT_EQUAL(o.pr.qflag, 1);
	CU_ASSERT_EQUAL(o.pr.tflag, 3);
	CU_ASSERT_EQUAL(o.pr.xflag, 2);
	CU_ASSERT_EQUAL(o.pr.Xflag, 2);
	CU_ASSERT_EQUAL(o.pr.Aflag, 1);
	CU_ASSERT_STRING_EQUAL(o.rfile, "f.pcap");
	CU_ASSERT_PTR_NULL(o.filter);
	td_release(&o);

	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "--nano", "-rf", NULL), 0);
	CU_ASSERT_EQUAL(o.pr.nano, 1);
	CU_ASSERT_STRING_EQUAL(o.rfile, "f");
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "--time-stamp-precision=nano",
			      NULL),
			0);
	CU_ASSERT_EQUAL(o.pr.nano, 1);
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "--time-stamp-precision", "micro",
			      "--nan", NULL),
			0);
	CU_ASSERT_EQUAL(o.pr.nano, 1); /* --nan abbreviates --nano */
	td_release(&o);
}

/* -T TYPE and -b: what the printers read from pr_opts. */
static void test_packet_type_and_b(void)
{
	static const struct {
		const char *arg;
		int type;
	} ok[] = {
		{ "rtp", PR_PT_RTP },
		{ "RTCP", PR_PT_RTCP }, /* tcpdump compares ignoring case */
		{ "vxlan", PR_PT_VXLAN },
		{ "domain", PR_PT_DOMAIN },
	};
	char err[HX_ERRLEN];
	struct td_opts o;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-T", ok[i].arg, NULL),
				0);
		CU_ASSERT_EQUAL(o.pr.Ttype, ok[i].type);
		td_release(&o);
	}
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-nb", "-Tdomain", NULL), 0);
	CU_ASSERT_EQUAL(o.pr.bflag, 1);
	CU_ASSERT_EQUAL(o.pr.Ttype, PR_PT_DOMAIN);
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_CAPTURE, &o, "-b", "-T", "rtp", NULL), 0);
	CU_ASSERT_EQUAL(o.pr.bflag, 1);
	CU_ASSERT_EQUAL(o.pr.Ttype, PR_PT_RTP);
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, NULL), 0);
	CU_ASSERT_EQUAL(o.pr.Ttype, PR_PT_NONE);
	CU_ASSERT_EQUAL(o.pr.bflag, 0);
	td_release(&o);

	/* a type tcpdump knows and dumplab does not decode: named, refused */
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-T", "zmtp1", NULL), -ENOTSUP);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "option -T: packet type 'zmtp1'"));
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-T", "snmp", NULL), 0);
	CU_ASSERT_EQUAL(o.pr.Ttype, PR_PT_SNMP);
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-T", "bogus", NULL), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "option -T: unknown packet type 'bogus'");
	td_release(&o);
}

static void test_counts_and_filter(void)
{
	char err[HX_ERRLEN];
	struct td_opts o;

	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-c", "5", "--skip", "2", "-r",
			      "x", "tcp", "port", "80", "-n", "and", "host",
			      "10.0.0.1", NULL),
			0);
	CU_ASSERT_EQUAL(o.count, 5);
	CU_ASSERT_EQUAL(o.skip, 2);
	CU_ASSERT_EQUAL(o.pr.nflag, 1); /* options after filter words count */
	CU_ASSERT_STRING_EQUAL(o.filter, "tcp port 80 and host 10.0.0.1");
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-c5", "--skip=0", "--", "-n",
			      NULL),
			0);
	CU_ASSERT_EQUAL(o.count, 5);
	CU_ASSERT_EQUAL(o.pr.nflag, 0);
	CU_ASSERT_STRING_EQUAL(o.filter, "-n");
	td_release(&o);
}

static void test_filter_file(void)
{
	char err[HX_ERRLEN], path[] = "/tmp/dumplab-tdopts-XXXXXX";
	static const char text[] = "tcp # only TCP\nand port 80\n";
	struct td_opts o;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(write(fd, text, sizeof(text) - 1),
			(ssize_t)(sizeof(text) - 1));
	close(fd);
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-F", path, NULL), 0);
	CU_ASSERT_STRING_EQUAL(o.filter, "tcp           \nand port 80\n");
	td_release(&o);
	CU_ASSERT(parse(err, TD_READ, &o, "-F", path, "udp", NULL) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "-F"));
	unlink(path);
	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-F", path, NULL), -ENOENT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
}

static void test_capture_options(void)
{
	char err[HX_ERRLEN];
	struct td_opts o;

	CU_ASSERT_EQUAL(parse(err, TD_CAPTURE, &o, "-i", "any", "-p", "-Q", "out",
			      "-s", "0", "-B", "4096", "-U", "--immediate-mode",
			      "-w", "f", "-G", "60", "-C", "2", "-W", "3", "-z",
			      "gzip", "-Z", "nobody", "-D", NULL),
			0);
	CU_ASSERT_STRING_EQUAL(o.iface, "any");
	CU_ASSERT_EQUAL(o.no_promisc, 1);
	CU_ASSERT_EQUAL(o.direction, TD_DIR_OUT);
	CU_ASSERT_EQUAL(o.direction_set, 1);
	CU_ASSERT_EQUAL(o.snaplen, 0);
	CU_ASSERT_EQUAL(o.buffer_kib, 4096);
	CU_ASSERT_EQUAL(o.packet_buffered, 1);
	CU_ASSERT_EQUAL(o.immediate, 1);
	CU_ASSERT_STRING_EQUAL(o.wfile, "f");
	CU_ASSERT_EQUAL(o.rotate_secs, 60);
	CU_ASSERT_EQUAL(o.rotate_bytes, 2000000);
	CU_ASSERT_EQUAL(o.file_limit, 3);
	CU_ASSERT_STRING_EQUAL(o.postrotate, "gzip");
	CU_ASSERT_STRING_EQUAL(o.user, "nobody");
	CU_ASSERT_EQUAL(o.list_ifaces, 1);
	td_release(&o);
	/* -P is the old spelling of -Q; -C takes k, m, g */
	CU_ASSERT_EQUAL(parse(err, TD_CAPTURE, &o, "-P", "IN", "-C", "10k", "-w", "f", NULL), 0);
	CU_ASSERT_EQUAL(o.direction, TD_DIR_IN);
	CU_ASSERT_EQUAL(o.rotate_bytes, 10240);
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_CAPTURE, &o, "-C", "1m", "-w", "f", NULL), 0);
	CU_ASSERT_EQUAL(o.rotate_bytes, 1048576);
	CU_ASSERT_EQUAL(o.rotate_align, 0);
	td_release(&o);
	CU_ASSERT_EQUAL(parse(err, TD_CAPTURE, &o, "-G", "3600", "--rotate-align", "-w", "f", NULL), 0);
	CU_ASSERT_EQUAL(o.rotate_secs, 3600);
	CU_ASSERT_EQUAL(o.rotate_align, 1);
	td_release(&o);
}

/* Each bad command line fails with a message naming the option. */
static void test_errors(void)
{
	static const struct {
		unsigned mode;
		const char *args[5];
		const char *mention;
	} bad[] = {
		/* how savefile options combine: usage errors too */
		{ TD_CAPTURE, { "-W", "3", "-w", "f" }, "option -W 3 needs -C or -G" },
		{ TD_CAPTURE, { "-G", "5" }, "option -G needs -w" },
		{ TD_CAPTURE, { "--rotate-align", "-w", "f" }, "option --rotate-align needs -G" },
		{ TD_CAPTURE, { "-C", "1", "-w", "-" }, "cannot rotate with -C" },
		{ TD_READ, { "-c", "x" }, "-c" },
		{ TD_READ, { "-c", "0" }, "-c" },
		{ TD_READ, { "-c" }, "-c" },
		{ TD_READ, { "--skip", "-1" }, "--skip" },
		{ TD_READ, { "-Y" }, "-Y" },
		{ TD_READ, { "-T" }, "-T" },
		{ TD_READ, { "-T", "cnfp" }, "cnfp" },
		{ TD_READ, { "--bogus" }, "--bogus" },
		{ TD_READ, { "--n" }, "ambiguous" },
		{ TD_READ, { "--nano=1" }, "--nano" },
		{ TD_READ, { "--time-stamp-precision=pico" }, "pico" },
		{ TD_READ, { "-tttttt" }, "-t" },
		{ TD_READ, { "-i", "eth0" }, "-i" },
		{ TD_READ, { "-w", "f" }, "-w" },
		{ TD_CAPTURE, { "-r", "f" }, "-r" },
		{ TD_CAPTURE, { "--skip", "1" }, "--skip" },
		{ TD_CAPTURE, { "-Q", "sideways" }, "sideways" },
		{ TD_CAPTURE, { "-s", "300000" }, "-s" },
		{ TD_CAPTURE, { "-C", "0" }, "-C" },
		{ TD_CAPTURE, { "-C", "5x" }, "-C" },
		{ TD_CAPTURE, { "-W", "0" }, "-W" },
		{ TD_CAPTURE, { "-G", "-5" }, "-G" },
		{ TD_CAPTURE, { "-G", "0" }, "-G" },
		{ TD_READ, { "--rotate-align" }, "--rotate-align" },
		{ TD_CAPTURE, { "-B", "0" }, "-B" },
	};
	char err[HX_ERRLEN];
	struct td_opts o;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc;

		err[0] = '\0';
		rc = parse(err, bad[i].mode, &o, bad[i].args[0], bad[i].args[1],
			   bad[i].args[2], bad[i].args[3], NULL);
		if (rc >= 0 || !strstr(err, bad[i].mention)) {
			fprintf(stderr, "\nbad[%zu] %s: rc %d, err '%s'\n", i,
				bad[i].args[0], rc, err);
			CU_FAIL("bad option accepted or not named");
		}
		CU_ASSERT_PTR_NULL(o.filter);
	}
}

static void test_help(void)
{
	char err[HX_ERRLEN];
	struct td_opts o;

	CU_ASSERT_EQUAL(parse(err, TD_READ, &o, "-h", NULL), 1);
	CU_ASSERT_EQUAL(parse(err, TD_CAPTURE, &o, "-n", "--help", NULL), 1);
	td_release(NULL);
}

static CU_TestInfo tests[] = {
	{ "printing flags", test_printing_flags },
	{ "-T TYPE and -b", test_packet_type_and_b },
	{ "-c, --skip and the filter words", test_counts_and_filter },
	{ "-F filter file", test_filter_file },
	{ "capture options", test_capture_options },
	{ "bad options", test_errors },
	{ "-h and --help", test_help },
	CU_TEST_INFO_NULL,
};

TU_SUITE("tdopts", NULL, NULL, tests);
