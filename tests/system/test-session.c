/* test-session.c: the capture session in a host: live printing with names, -c and the done fd, -w with -C, -Z refusals, failures that leave nothing. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/stat.h>

#include <pcap/pcap.h>

#include "capture/session.h"
#include "system/st.h"
#include "unit/tu.h"

/* td_parse of a command line given as words (argv[0] included). */
static void parse(struct td_opts *o, const char *const *words)
{
	char err[HX_ERRLEN], *argv[32];
	int argc = 0;

	while (words[argc] && argc < 31) {
		argv[argc] = (char *)words[argc];
		argc++;
	}
	argv[argc] = NULL;
	ST_OK(td_parse(err, argc, argv, TD_CAPTURE, o), err);
}

static size_t files_in(const char *dir)
{
	struct dirent *e;
	size_t n = 0;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int readable_within(int fd, int ms)
{
	struct pollfd pf = { fd, POLLIN, 0 };

	return poll(&pf, 1, ms) == 1;
}

/* Printing as it arrives, with the host table's names; -c 2 ends it. */
static void test_print_names_count(void)
{
	static const char *const words[] = { "tcpdump", "-i", "eth0", "-c", "2",
					     "icmp", NULL };
	char err[HX_ERRLEN], *text = NULL;
	uint8_t ipa[4], ipb[4];
	struct cap_name names[2];
	struct cap_session_cfg cfg = { 0 };
	struct cap_session_stats st;
	struct cap_session *s;
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct td_opts o;
	size_t len = 0, n;
	FILE *f;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	parse(&o, words);
	inet_pton(AF_INET, "10.0.0.1", ipa);
	inet_pton(AF_INET, "10.0.0.2", ipb);
	names[0] = (struct cap_name){ AF_INET, ipa, "a" };
	names[1] = (struct cap_name){ AF_INET, ipb, "b" };
	f = open_memstream(&text, &len);
	CU_ASSERT_FATAL(f != NULL);
	cfg.td = &o;
	cfg.netfd = ns_host_fd(b);
	cfg.host = "b";
	cfg.keep = 1;
	cfg.immediate = 1;
	cfg.print = f;
	cfg.names = names;
	cfg.nnames = 2;
	cfg.drop_scope = CAP_DROP_THREAD;
	ST_OK(cap_session_start(err, &cfg, &s), err);
	CU_ASSERT(cap_session_dlt(s) == DLT_EN10MB);
	/* not done before any packet */
	CU_ASSERT(!readable_within(cap_session_done_fd(s), 0));
	CU_ASSERT(st_ping(a, "10.0.0.2", 2) == 2);
	/* -c 2: the request and the reply end it without a stop */
	CU_ASSERT(readable_within(cap_session_done_fd(s), 5000));
	ST_OK(cap_session_stop(s, err, 1000), err);
	cap_session_packets(s, &n);
	CU_ASSERT(n == 2);
	cap_session_stats(s, &st);
	CU_ASSERT(st.live.kept == 2);
	CU_ASSERT(st.live.received >= 2);
	CU_ASSERT(st.files.files == 0);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(strstr(text, " IP a > b: ICMP echo request, id ") != NULL);
	CU_ASSERT(strstr(text, " IP b > a: ICMP echo reply, id ") != NULL);
	CU_ASSERT(strstr(text, "seq 2") == NULL); /* -c 2 stopped at 2 */
	free(text);
	cap_session_free(s);
	td_release(&o);
	ns_lab_free(lab);
}

/* -w with -C under a work directory: relative names land there, counts agree. */
static void test_write_rotate(void)
{
	static const char *const words[] = { "tcpdump", "-i", "eth0", "-C", "1k",
					     "-w", "ring", "icmp", NULL };
	char err[HX_ERRLEN], dir[] = "/tmp/dl-session-XXXXXX", path[64];
	struct cap_session_cfg cfg = { 0 };
	struct cap_session_stats st;
	struct cap_session *s;
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct td_opts o;
	struct stat sb;
	size_t n;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	parse(&o, words);
	cfg.td = &o;
	cfg.netfd = ns_host_fd(b);
	cfg.workdir = dir;
	cfg.keep = 1;
	cfg.immediate = 1;
	cfg.drop_scope = CAP_DROP_THREAD;
	ST_OK(cap_session_start(err, &cfg, &s), err);
	CU_ASSERT(st_ping(a, "10.0.0.2", 6) == 6);
	CU_ASSERT(cap_session_wait_count(s, 12, 5000) == 12);
	ST_OK(cap_session_stop(s, err, 1000), err);
	cap_session_stats(s, &st);
	cap_session_packets(s, &n);
	CU_ASSERT(n == 12);
	CU_ASSERT(st.files.packets == 12);
	/* 24 + 12 x (16 + 98) bytes: two files under 1024 bytes */
	CU_ASSERT(st.files.files >= 2);
	snprintf(path, sizeof(path), "%s/ring", dir);
	CU_ASSERT(stat(path, &sb) == 0 && sb.st_size <= 1024);
	snprintf(path, sizeof(path), "%s/ring1", dir);
	CU_ASSERT(stat(path, &sb) == 0 && sb.st_size <= 1024);
	CU_ASSERT(files_in(dir) == st.files.files);
	cap_session_free(s);
	td_release(&o);
	ns_lab_free(lab);
	for (unsigned k = 0; k <= st.files.files; k++) {
		snprintf(path, sizeof(path), k ? "%s/ring%u" : "%s/ring", dir, k);
		unlink(path);
	}
	CU_ASSERT(rmdir(dir) == 0);
}

/* Every refusal: one message naming the culprit, no thread, no fd, no file. */
static void test_refusals(void)
{
	static const struct {
		const char *const words[12];
		const char *want;
		int file_limit; /* set after td_parse, which refuses -W alone */
	} bad[] = {
		{ { "tcpdump", "-i", "eth0", "-w", "f", NULL },
		  "option -W 3 needs -C or -G", 3 },
		{ { "tcpdump", "-i", "eth0", "-w", "f", "-z", "no-such-cmd-x", NULL },
		  "option -z: command 'no-such-cmd-x' not found", 0 },
		{ { "tcpdump", "-i", "eth0", "-Z", "no-such-user-x", "-w", "f", NULL },
		  "option -Z: unknown user 'no-such-user-x'", 0 },
		{ { "tcpdump", "-i", "eth0", "-w", "no/such/dir/f", NULL },
		  "option -w '", 0 },
		{ { "tcpdump", "-i", "eth7", "-w", "f", NULL },
		  "cannot capture on 'eth7' in host 'b': no such interface", 0 },
		{ { "tcpdump", "-i", "eth0", "-w", "f", "ip[", NULL },
		  "cannot compile filter 'ip[': ", 0 },
		{ { "tcpdump", "-w", "f", NULL }, "no capture device given", 0 },
	};
	char err[HX_ERRLEN], dir[] = "/tmp/dl-session-XXXXXX";
	struct cap_session_cfg cfg = { 0 };
	struct cap_session *s;
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct td_opts o;
	size_t i;
	int th, fds;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	th = st_nthreads();
	fds = st_nfds();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		parse(&o, bad[i].words);
		if (bad[i].file_limit)
			o.file_limit = bad[i].file_limit;
		cfg.td = &o;
		cfg.netfd = ns_host_fd(b);
		cfg.host = "b";
		cfg.workdir = dir;
		cfg.drop_scope = CAP_DROP_THREAD;
		s = (struct cap_session *)(uintptr_t)1;
		err[0] = 0;
		CU_ASSERT(cap_session_start(err, &cfg, &s) < 0);
		CU_ASSERT(s == NULL);
		if (!strstr(err, bad[i].want)) {
			fprintf(stderr, "\n  got '%s'\n  want '%s'", err, bad[i].want);
			CU_FAIL("error message");
		}
		CU_ASSERT(files_in(dir) == 0);
		ST_COUNT_IS(st_nthreads, th);
		ST_COUNT_IS(st_nfds, fds);
		td_release(&o);
	}
	ns_lab_free(lab);
	CU_ASSERT(rmdir(dir) == 0);
}

/* -D in a host lists that host's interfaces, not the caller's. */
static void test_list_ifaces(void)
{
	char err[HX_ERRLEN];
	struct hx_buf out = HX_BUF_INIT;
	struct ns_lab *lab;
	struct ns_host *a, *b;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	ST_OK(cap_list_ifaces(err, ns_host_fd(a), &out), err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out.p);
	CU_ASSERT(strstr(out.p, ".eth0 [Up, Running") != NULL);
	CU_ASSERT(strstr(out.p, ".lo [Up, Running, Loopback]") != NULL);
	CU_ASSERT(strstr(out.p, "ifb0") == NULL);
	hx_buf_release(&out);
	ns_lab_free(lab);
}

static CU_TestInfo tests[] = {
	{ "printing with names as packets arrive; -c ends it (done fd)",
	  test_print_names_count },
	{ "-w -C under the work directory: files and counts agree",
	  test_write_rotate },
	{ "refusals name the culprit and leave nothing", test_refusals },
	{ "-D in a host", test_list_ifaces },
	CU_TEST_INFO_NULL,
};

static int init(void)
{
	return st_boot();
}

TU_SUITE("session", init, NULL, tests);
