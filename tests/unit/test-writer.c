/* test-writer.c: savefile rotation driven by a fake clock and fake packets; option checks. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capture/writer.h"
#include "unit/tu-fs.h"
#include "unit/tu.h"

#define NS 1000000000LL
/* 2017-02-11 13:45:01.5 UTC, the seed's first -G file (in UTC). */
#define T0 (1486820701LL * NS + NS / 2)
#define MAXCALLS 256

struct rig {
	char *dir;
	int64_t now;
	struct cap_clock clock;
	char *calls[MAXCALLS]; /* -z calls: the file names, in order */
	int ncalls;
	struct cap_runner runner;
	char reports[8][HX_ERRLEN];
	int nreports;
	struct cap_writer_cfg cfg;
	struct cap_writer *w;
	struct cap_sink s;
	char err[HX_ERRLEN];
	char path[PATH_MAX];
	char tmpl[PATH_MAX];
	uint32_t seq;
	char *old_tz;
};

static int64_t fake_now(void *arg)
{
	return ((struct rig *)arg)->now;
}

static void record_call(void *arg, const char *file)
{
	struct rig *r = arg;
	const char *slash = strrchr(file, '/');

	if (r->ncalls < MAXCALLS)
		r->calls[r->ncalls++] = strdup(slash ? slash + 1 : file);
}

static void record_report(void *arg, const char *line)
{
	struct rig *r = arg;

	if (r->nreports < 8)
		snprintf(r->reports[r->nreports++], HX_ERRLEN, "%s", line);
}

static void set_tz(struct rig *r, const char *tz)
{
	if (!r->old_tz) {
		const char *o = getenv("TZ");

		r->old_tz = strdup(o ? o : "");
	}
	setenv("TZ", tz, 1);
	tzset();
}

static void rig_init(struct rig *r, const char *tmpl)
{
	memset(r, 0, sizeof(*r));
	r->dir = tu_tmpdir("writer");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->dir);
	set_tz(r, "UTC");
	r->now = T0;
	r->clock.now_ns = fake_now;
	r->clock.arg = r;
	r->runner.run = record_call;
	r->runner.arg = r;
	snprintf(r->tmpl, sizeof(r->tmpl), "%s/%s", r->dir, tmpl);
	r->cfg.name = r->tmpl;
	r->cfg.clock = &r->clock;
	r->cfg.runner = &r->runner;
	r->cfg.postrotate = "record";
	r->cfg.report = record_report;
	r->cfg.report_arg = r;
}

static void rig_start(struct rig *r)
{
	int rc = cap_writer_new(r->err, &r->cfg, &r->w);

	if (rc)
		fprintf(stderr, "cap_writer_new: %s\n", r->err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	cap_writer_sink(r->w, &r->s);
	rc = r->s.open(r->s.arg, r->err, DLT_EN10MB, 262144);
	if (rc)
		fprintf(stderr, "open: %s\n", r->err);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
}

/* A packet of caplen bytes whose first four carry its sequence number. */
static int rig_pkt(struct rig *r, unsigned caplen)
{
	uint8_t buf[2048];
	struct pcap_pkthdr h;
	uint32_t s = r->seq++;

	memset(buf, 0xab, sizeof(buf));
	buf[0] = (uint8_t)(s >> 24);
	buf[1] = (uint8_t)(s >> 16);
	buf[2] = (uint8_t)(s >> 8);
	buf[3] = (uint8_t)s;
	h.ts.tv_sec = (time_t)(r->now / NS);
	h.ts.tv_usec = (suseconds_t)(r->now % NS / 1000);
	h.caplen = caplen;
	h.len = caplen;
	return r->s.packet(r->s.arg, r->err, &h, buf);
}

static const char *rig_path(struct rig *r, const char *name)
{
	snprintf(r->path, sizeof(r->path), "%s/%s", r->dir, name);
	return r->path;
}

static void rig_done(struct rig *r)
{
	int i;

	cap_writer_free(r->w);
	for (i = 0; i < r->ncalls; i++)
		free(r->calls[i]);
	tu_rmtree(r->dir);
	free(r->dir);
	if (r->old_tz) {
		if (*r->old_tz)
			setenv("TZ", r->old_tz, 1);
		else
			unsetenv("TZ");
		tzset();
		free(r->old_tz);
	}
}

/* The -z calls, joined by spaces. */
static const char *calls(struct rig *r, char *out, size_t len)
{
	size_t used = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < r->ncalls && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s",
					 i ? " " : "", r->calls[i]);
	return out;
}

/*
 * Reads a savefile back: the number of packets, the first sequence
 * number; -1 when the file is unreadable or its sequence numbers are not
 * consecutive (a packet lost or out of order).
 */
static long read_back(const char *path, long *first)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *p = pcap_open_offline(path, errbuf);
	long n = 0, prev = -1;
	int rc;

	*first = -1;
	if (!p) {
		fprintf(stderr, "read_back: %s\n", errbuf);
		return -1;
	}
	while ((rc = pcap_next_ex(p, &h, &d)) == 1) {
		long s = (long)((uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
				(uint32_t)d[2] << 8 | d[3]);

		if (prev >= 0 && s != prev + 1) {
			pcap_close(p);
			return -1;
		}
		if (prev < 0)
			*first = s;
		prev = s;
		n++;
	}
	pcap_close(p);
	return rc == PCAP_ERROR_BREAK ? n : -1;
}

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 ? -1 : (long long)st.st_size;
}

/* -C: F, F1, F2 ...; every file within the limit; no packet lost. */
static void test_size_names_and_limits(void)
{
	struct rig r;
	char ls[512], z[512];
	const char *names[] = { "f", "f1", "f2", "f3" };
	long want[] = { 8, 8, 8, 6 }, first, total = 0;
	int i;

	rig_init(&r, "f");
	/* 24 + 8 x (16 + 100) = 952; a ninth packet would make 1068. */
	r.cfg.rotate_bytes = 1000;
	rig_start(&r);
	for (i = 0; i < 30; i++)
		CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	CU_ASSERT_STRING_EQUAL(calls(&r, z, sizeof(z)), "f f1 f2");
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_STRING_EQUAL(calls(&r, z, sizeof(z)), "f f1 f2 f3");
	CU_ASSERT_EQUAL(tu_ls(r.dir, ls, sizeof(ls)), 4);
	CU_ASSERT_STRING_EQUAL(ls, "f f1 f2 f3");
	for (i = 0; i < 4; i++) {
		const char *p = rig_path(&r, names[i]);

		CU_ASSERT_EQUAL(read_back(p, &first), want[i]);
		CU_ASSERT_EQUAL(first, total);
		CU_ASSERT(file_size(p) <= 1000);
		CU_ASSERT_EQUAL(file_size(p), 24 + want[i] * 116);
		total += want[i];
	}
	CU_ASSERT_EQUAL(total, 30);
	rig_done(&r);
}

/* -C -W 3: a ring f0 f1 f2 reused; the newest packets survive. */
static void test_size_ring_wraps(void)
{
	struct cap_writer_stats st;
	struct rig r;
	char ls[512], z[512];
	long first;
	int i;

	rig_init(&r, "f");
	r.cfg.rotate_bytes = 1000;
	r.cfg.file_limit = 3;
	rig_start(&r);
	for (i = 0; i < 50; i++)
		CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0); /* idempotent */
	CU_ASSERT_STRING_EQUAL(calls(&r, z, sizeof(z)),
			       "f0 f1 f2 f0 f1 f2 f0");
	CU_ASSERT_EQUAL(tu_ls(r.dir, ls, sizeof(ls)), 3);
	CU_ASSERT_STRING_EQUAL(ls, "f0 f1 f2");
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "f0"), &first), 2);
	CU_ASSERT_EQUAL(first, 48);
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "f1"), &first), 8);
	CU_ASSERT_EQUAL(first, 32);
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "f2"), &first), 8);
	CU_ASSERT_EQUAL(first, 40);
	cap_writer_stats(r.w, &st);
	CU_ASSERT_EQUAL(st.files, 7);
	CU_ASSERT_EQUAL(st.packets, 50);
	CU_ASSERT_EQUAL(st.bytes, 7 * 24 + 50 * 116);
	CU_ASSERT_FALSE(st.ended);
	rig_done(&r);
}

/* The ring's names: zero-padded to the digits of N-1, as tcpdump. */
static void ring_names(int limit, int files, const char *want)
{
	struct rig r;
	char ls[1024];
	int i;

	rig_init(&r, "f");
	r.cfg.rotate_bytes = 200; /* one 100-byte packet per file */
	r.cfg.file_limit = limit;
	rig_start(&r);
	for (i = 0; i < files; i++)
		CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, want);
	CU_ASSERT_EQUAL(r.ncalls, files);
	rig_done(&r);
}

static void test_ring_padding(void)
{
	ring_names(1, 3, "f");
	ring_names(2, 3, "f0 f1");
	ring_names(10, 12, "f0 f1 f2 f3 f4 f5 f6 f7 f8 f9");
	ring_names(11, 12, "f00 f01 f02 f03 f04 f05 f06 f07 f08 f09 f10");
	ring_names(101, 3, "f000 f001 f002");
}

/* A packet larger than the limit gets a file of its own (over the limit). */
static void test_size_oversized_packet(void)
{
	struct rig r;
	char ls[256];
	long first;

	rig_init(&r, "f");
	r.cfg.rotate_bytes = 300;
	rig_start(&r);
	CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);  /* f: 24 + 116 = 140 */
	CU_ASSERT_EQUAL(rig_pkt(&r, 1000), 0); /* f1: alone, 1040 */
	CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);  /* f2 */
	CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);  /* f2: 24 + 232 = 256 */
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "f f1 f2");
	CU_ASSERT_EQUAL(file_size(rig_path(&r, "f")), 140);
	CU_ASSERT_EQUAL(file_size(rig_path(&r, "f1")), 24 + 16 + 1000);
	CU_ASSERT_EQUAL(file_size(rig_path(&r, "f2")), 256);
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "f2"), &first), 2);
	CU_ASSERT_EQUAL(first, 2);
	rig_done(&r);
}

/* -G: strftime'd names, a file per interval even with no traffic. */
static void test_time_names_without_traffic(void)
{
	struct rig r;
	char ls[512], z[512];
	long first;

	rig_init(&r, "tcpdump_%Y%m%d_%H%M%S.cap");
	r.cfg.rotate_secs = 10;
	rig_start(&r);
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 10000);
	r.now += NS;
	CU_ASSERT_EQUAL(rig_pkt(&r, 60), 0);
	r.now = T0 + 3200000000LL;
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 6800);
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.ncalls, 0);
	/* Half a millisecond early: wake in 1 ms, not 0 (no busy loop). */
	r.now = T0 + 10 * NS - 500000;
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 1);
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.ncalls, 0);
	r.now = T0 + 10 * NS;
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 0);
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	CU_ASSERT_STRING_EQUAL(calls(&r, z, sizeof(z)),
			       "tcpdump_20170211_134501.cap");
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 10000);
	r.now = T0 + 20 * NS + 1;
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	r.now += NS;
	CU_ASSERT_EQUAL(rig_pkt(&r, 60), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_STRING_EQUAL(calls(&r, z, sizeof(z)),
			       "tcpdump_20170211_134501.cap "
			       "tcpdump_20170211_134511.cap "
			       "tcpdump_20170211_134521.cap");
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "tcpdump_20170211_134501.cap "
				   "tcpdump_20170211_134511.cap "
				   "tcpdump_20170211_134521.cap");
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "tcpdump_20170211_134501.cap"),
				  &first), 1);
	CU_ASSERT_EQUAL(first, 0);
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "tcpdump_20170211_134511.cap"),
				  &first), 0);
	CU_ASSERT_EQUAL(file_size(r.path), 24);
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "tcpdump_20170211_134521.cap"),
				  &first), 1);
	CU_ASSERT_EQUAL(first, 1);
	rig_done(&r);
}

/* -G: a packet after the deadline rotates before it is written. */
static void test_time_rotates_on_packet(void)
{
	struct rig r;
	char ls[512];
	long first;

	rig_init(&r, "g_%H%M%S");
	r.cfg.rotate_secs = 5;
	rig_start(&r);
	CU_ASSERT_EQUAL(rig_pkt(&r, 60), 0);
	r.now = T0 + 5 * NS;
	CU_ASSERT_EQUAL(rig_pkt(&r, 60), 0);
	CU_ASSERT_EQUAL(r.ncalls, 1);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "g_134501 g_134506");
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "g_134506"), &first), 1);
	CU_ASSERT_EQUAL(first, 1);
	rig_done(&r);
}

/* -G: intervals missed entirely are skipped; the lattice does not drift. */
static void test_time_skips_missed_intervals(void)
{
	struct rig r;
	char ls[512];

	rig_init(&r, "g_%H%M%S");
	r.cfg.rotate_secs = 10;
	rig_start(&r);
	r.now = T0 + 35 * NS + NS / 2;
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	/* The file started at T0+30 s; its interval ends at T0+40 s. */
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 4500);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "g_134501 g_134531");
	CU_ASSERT_EQUAL(r.ncalls, 2);
	rig_done(&r);
}

/* -G -W 3: three files, then the capture ends; close adds nothing. */
static void test_time_limit_stops(void)
{
	struct cap_writer_stats st;
	struct rig r;
	char ls[512], z[512];
	int i;

	rig_init(&r, "g_%H%M%S");
	r.cfg.rotate_secs = 10;
	r.cfg.file_limit = 3;
	rig_start(&r);
	for (i = 1; i <= 2; i++) {
		r.now = T0 + i * 10 * NS;
		CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
		CU_ASSERT_EQUAL(rig_pkt(&r, 60), 0);
	}
	r.now = T0 + 30 * NS;
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), CAP_SINK_END);
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), -1);
	CU_ASSERT_EQUAL(rig_pkt(&r, 60), CAP_SINK_END);
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), CAP_SINK_END);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_STRING_EQUAL(calls(&r, z, sizeof(z)),
			       "g_134501 g_134511 g_134521");
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "g_134501 g_134511 g_134521");
	cap_writer_stats(r.w, &st);
	CU_ASSERT_EQUAL(st.packets, 2);
	CU_ASSERT_EQUAL(st.files, 3);
	CU_ASSERT_TRUE(st.ended);
	CU_ASSERT_EQUAL(r.nreports, 1);
	CU_ASSERT_STRING_EQUAL(r.reports[0], "maximum file limit reached: 3");
	rig_done(&r);
}

/* -G -W stops also on a packet past the last deadline (no tick). */
static void test_time_limit_stops_on_packet(void)
{
	struct rig r;
	long first;

	rig_init(&r, "g_%H%M%S");
	r.cfg.rotate_secs = 10;
	r.cfg.file_limit = 1;
	rig_start(&r);
	CU_ASSERT_EQUAL(rig_pkt(&r, 60), 0);
	r.now = T0 + 10 * NS;
	CU_ASSERT_EQUAL(rig_pkt(&r, 60), CAP_SINK_END);
	CU_ASSERT_EQUAL(r.ncalls, 1);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.ncalls, 1);
	CU_ASSERT_EQUAL(read_back(rig_path(&r, "g_134501"), &first), 1);
	rig_done(&r);
}

/* -G -C: numbers restart at each interval; -W rings, never stops. */
static void test_time_and_size(void)
{
	struct rig r;
	char ls[512], z[512];
	int i;

	rig_init(&r, "g_%H%M%S_");
	r.cfg.rotate_secs = 10;
	r.cfg.rotate_bytes = 300; /* two 100-byte packets a file */
	rig_start(&r);
	for (i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	r.now = T0 + 10 * NS;
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_STRING_EQUAL(calls(&r, z, sizeof(z)),
			       "g_134501_ g_134501_1 g_134501_2 g_134511_ "
			       "g_134511_1");
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "g_134501_ g_134501_1 g_134501_2 "
				   "g_134511_ g_134511_1");
	rig_done(&r);

	rig_init(&r, "g_%H%M%S_");
	r.cfg.rotate_secs = 10;
	r.cfg.rotate_bytes = 300;
	r.cfg.file_limit = 2;
	rig_start(&r);
	for (i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	for (i = 1; i <= 3; i++) {
		r.now = T0 + i * 10 * NS;
		CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	}
	CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_STRING_EQUAL(calls(&r, z, sizeof(z)),
			       "g_134501_0 g_134501_1 g_134501_0 g_134511_0 "
			       "g_134521_0 g_134531_0");
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "g_134501_0 g_134501_1 g_134511_0 "
				   "g_134521_0 g_134531_0");
	rig_done(&r);
}

/* --rotate-align: rotations on wall-clock multiples, in local time. */
static void test_time_align(void)
{
	struct rig r;
	char ls[512];

	rig_init(&r, "a_%H%M%S");
	r.now = T0 + 16 * NS - NS / 4; /* 13:45:17.25 UTC */
	r.cfg.rotate_secs = 60;
	r.cfg.rotate_align = 1;
	rig_start(&r);
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 42750);
	r.now = T0 + 58 * NS + NS / 2; /* 13:46:00 */
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 60000);
	r.now += 75 * NS; /* 13:47:15: one rotation, named 13:47:00 */
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), 45000);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "a_134517 a_134600 a_134700");
	rig_done(&r);

	/* India is UTC+5:30: -G 3600 falls on the local hour, not UTC's. */
	rig_init(&r, "a_%H%M%S");
	set_tz(&r, "IST-5:30");
	r.now = T0 + 16 * NS; /* 19:15:17.5 IST */
	r.cfg.rotate_secs = 3600;
	r.cfg.rotate_align = 1;
	rig_start(&r);
	CU_ASSERT_EQUAL(r.s.next_tick_ms(r.s.arg), (44 * 60 + 42) * 1000 + 500);
	r.now = T0 + 16 * NS + (44 * 60 + 43) * NS;
	CU_ASSERT_EQUAL(r.s.tick(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	tu_ls(r.dir, ls, sizeof(ls));
	CU_ASSERT_STRING_EQUAL(ls, "a_191517 a_200000");
	rig_done(&r);
}

/* Without -z nothing is called; the writer still rotates. */
static void test_no_postrotate(void)
{
	struct rig r;
	int i;

	rig_init(&r, "f");
	r.cfg.postrotate = NULL;
	r.cfg.rotate_bytes = 200;
	rig_start(&r);
	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.ncalls, 0);
	CU_ASSERT_EQUAL(cap_writer_wait(r.w, 0), 0);
	rig_done(&r);
}

/* A file that cannot be created ends the capture with its name. */
static void test_create_failure(void)
{
	struct rig r;

	rig_init(&r, "missing-dir/f");
	CU_ASSERT_EQUAL(cap_writer_new(r.err, &r.cfg, &r.w), 0);
	cap_writer_sink(r.w, &r.s);
	CU_ASSERT_EQUAL(r.s.open(r.s.arg, r.err, DLT_EN10MB, 0), -ENOENT);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "cannot create savefile '"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "missing-dir/f': No such file"));
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(r.ncalls, 0);
	rig_done(&r);
}

/* -w -: the savefile goes to standard output. */
static void test_stdout(void)
{
	struct rig r;
	char path[PATH_MAX];
	int out, saved;
	long first;

	rig_init(&r, "unused");
	r.cfg.name = "-";
	r.cfg.postrotate = NULL;
	snprintf(path, sizeof(path), "%s/stdout.pcap", r.dir);
	fflush(stdout);
	saved = dup(1);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	CU_ASSERT_FATAL(saved >= 0 && out >= 0);
	dup2(out, 1);
	close(out);
	rig_start(&r);
	CU_ASSERT_EQUAL(rig_pkt(&r, 80), 0);
	CU_ASSERT_EQUAL(rig_pkt(&r, 80), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	dup2(saved, 1);
	close(saved);
	CU_ASSERT_EQUAL(read_back(path, &first), 2);
	rig_done(&r);
}

/* The real -z through the writer: every file, in order, the last one too. */
static void test_postrotate_real(void)
{
	struct rig r;
	char script[PATH_MAX], log[PATH_MAX], text[3 * PATH_MAX], want[3 * PATH_MAX];
	int i;

	rig_init(&r, "f");
	snprintf(script, sizeof(script), "%s/post.sh", r.dir);
	snprintf(log, sizeof(log), "%s/log", r.dir);
	snprintf(text, sizeof(text),
		 "#!/bin/sh\n"
		 "echo \"${1##*/} $#\" >> '%s'\n"
		 "case \"$1\" in *f2) exit 3 ;; esac\n", log);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(script, text, 0755), 0);
	snprintf(r.tmpl, sizeof(r.tmpl), "%s/out/f", r.dir);
	snprintf(text, sizeof(text), "%s/out", r.dir);
	CU_ASSERT_EQUAL_FATAL(mkdir(text, 0755), 0);
	r.cfg.runner = NULL;
	r.cfg.postrotate = script;
	r.cfg.rotate_bytes = 200;
	rig_start(&r);
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(rig_pkt(&r, 100), 0);
	CU_ASSERT_EQUAL(r.s.close(r.s.arg, r.err), 0);
	CU_ASSERT_EQUAL(cap_writer_wait(r.w, 10000), 0);
	tu_read_file(log, text, sizeof(text));
	snprintf(want, sizeof(want), "f 1\nf1 1\nf2 1\nf3 1\n");
	CU_ASSERT_STRING_EQUAL(text, want);
	CU_ASSERT_EQUAL(r.nreports, 1);
	snprintf(want, sizeof(want),
		 "post-rotate command '%s' for '%s/out/f2' exited with "
		 "status 3", script, r.dir);
	CU_ASSERT_STRING_EQUAL(r.reports[0], want);
	rig_done(&r);
}

/* A td_opts with only -w set, in dir. */
static void opts_init(struct td_opts *o, char *buf, size_t len,
		      const char *dir, const char *name)
{
	memset(o, 0, sizeof(*o));
	snprintf(buf, len, "%s/%s", dir, name);
	o->wfile = buf;
}

static void check_fails(const struct td_opts *o, const char *dir,
			const char *want)
{
	struct cap_writer_plan plan;
	char err[HX_ERRLEN], ls[256];
	int rc = cap_writer_check(err, o, &plan);

	CU_ASSERT(rc < 0);
	if (rc < 0 && !strstr(err, want)) {
		fprintf(stderr, "\n  got  '%s'\n  want '%s'\n", err, want);
		CU_FAIL("message");
	}
	if (rc == 0)
		cap_writer_plan_release(&plan);
	CU_ASSERT_PTR_NULL(strchr(err, '\n'));
	CU_ASSERT_EQUAL(tu_ls(dir, ls, sizeof(ls)), 0); /* nothing created */
}

static void test_check_rejects(void)
{
	char *dir = tu_tmpdir("check");
	char w[PATH_MAX], want[PATH_MAX + 128], exe[PATH_MAX];
	struct td_opts o;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	opts_init(&o, w, sizeof(w), dir, "f");
	o.file_limit = 3;
	check_fails(&o, dir, "option -W 3 needs -C or -G");
	opts_init(&o, w, sizeof(w), dir, "f");
	o.rotate_bytes = -1000000;
	check_fails(&o, dir, "option -C: invalid file size -1000000 bytes");
	opts_init(&o, w, sizeof(w), dir, "f");
	o.rotate_secs = -1;
	check_fails(&o, dir, "option -G: invalid number of seconds -1");
	opts_init(&o, w, sizeof(w), dir, "f");
	o.rotate_align = 1;
	check_fails(&o, dir, "option --rotate-align needs -G");
	memset(&o, 0, sizeof(o));
	o.rotate_secs = 10;
	check_fails(&o, dir, "option -G needs -w");
	memset(&o, 0, sizeof(o));
	o.postrotate = "gzip";
	check_fails(&o, dir, "option -z needs -w");
	opts_init(&o, w, sizeof(w), dir, "f");
	o.wfile = "-";
	o.rotate_bytes = 1000000;
	check_fails(&o, dir, "option -w: '-' (standard output) cannot rotate "
			     "with -C");
	opts_init(&o, w, sizeof(w), dir, "f");
	o.user = "no-such-user-dumplab";
	check_fails(&o, dir, "option -Z: unknown user 'no-such-user-dumplab'");
	opts_init(&o, w, sizeof(w), dir, "f");
	o.rotate_secs = 10;
	o.postrotate = "/nonexistent/limit.sh";
	check_fails(&o, dir, "option -z: command '/nonexistent/limit.sh' does "
			     "not exist");
	o.postrotate = "no-such-command-dumplab";
	check_fails(&o, dir, "option -z: command 'no-such-command-dumplab' not "
			     "found in PATH");
	/* A file that is there but not executable: its own test dir. */
	{
		char *d2 = tu_tmpdir("check-exe");

		CU_ASSERT_PTR_NOT_NULL_FATAL(d2);
		snprintf(exe, sizeof(exe), "%s/limit.sh", d2);
		CU_ASSERT_EQUAL(tu_write_file(exe, "#!/bin/sh\n", 0644), 0);
		o.postrotate = exe;
		snprintf(want, sizeof(want), "option -z: command '%s' is not "
			 "executable", exe);
		check_fails(&o, dir, want);
		tu_rmtree(d2);
		free(d2);
	}
	opts_init(&o, w, sizeof(w), dir, "no-such-dir/f");
	snprintf(want, sizeof(want), "option -w '%s/no-such-dir/f': cannot "
		 "create files in directory '%s/no-such-dir': No such file or "
		 "directory", dir, dir);
	check_fails(&o, dir, want);
	if (geteuid() != 0) {
		/* Root writes anywhere: this one is for unprivileged runs; the
		 * root run checks the same through -Z in test-user.c. */
		CU_ASSERT_EQUAL(chmod(dir, 0555), 0);
		opts_init(&o, w, sizeof(w), dir, "f");
		snprintf(want, sizeof(want), "option -w '%s/f': cannot create "
			 "files in directory '%s': Permission denied", dir, dir);
		check_fails(&o, dir, want);
		chmod(dir, 0755);
	}
	tu_rmtree(dir);
	free(dir);
}

static void test_check_accepts(void)
{
	char *dir = tu_tmpdir("check");
	char w[PATH_MAX], err[HX_ERRLEN], ls[64];
	struct cap_writer_plan plan;
	struct td_opts o;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	opts_init(&o, w, sizeof(w), dir, "cap_%H.pcap");
	o.rotate_secs = 3600;
	o.rotate_align = 1;
	o.rotate_bytes = 1000000;
	o.file_limit = 5;
	o.postrotate = "true"; /* found in PATH */
	o.packet_buffered = 1;
	CU_ASSERT_EQUAL_FATAL(cap_writer_check(err, &o, &plan), 0);
	CU_ASSERT_PTR_EQUAL(plan.cfg.name, w);
	CU_ASSERT_EQUAL(plan.cfg.rotate_secs, 3600);
	CU_ASSERT_EQUAL(plan.cfg.rotate_align, 1);
	CU_ASSERT_EQUAL(plan.cfg.rotate_bytes, 1000000);
	CU_ASSERT_EQUAL(plan.cfg.file_limit, 5);
	CU_ASSERT_EQUAL(plan.cfg.packet_buffered, 1);
	CU_ASSERT_PTR_NULL(plan.cfg.user);
	CU_ASSERT_PTR_NOT_NULL_FATAL(plan.cfg.postrotate_path);
	CU_ASSERT_EQUAL(plan.cfg.postrotate_path[0], '/');
	CU_ASSERT_EQUAL(access(plan.cfg.postrotate_path, X_OK), 0);
	CU_ASSERT_EQUAL(tu_ls(dir, ls, sizeof(ls)), 0);
	cap_writer_plan_release(&plan);
	memset(&o, 0, sizeof(o)); /* no -w at all: nothing to check */
	CU_ASSERT_EQUAL(cap_writer_check(err, &o, &plan), 0);
	CU_ASSERT_PTR_NULL(plan.cfg.name);
	cap_writer_plan_release(&plan);
	tu_rmtree(dir);
	free(dir);
}

static void parse_ok(int opt, const char *arg, long long want)
{
	char err[HX_ERRLEN];
	long long v = -1;

	CU_ASSERT_EQUAL(cap_writer_parse_opt(err, opt, arg, &v), 0);
	CU_ASSERT_EQUAL(v, want);
}

static void parse_bad(int opt, const char *arg, const char *want)
{
	char err[HX_ERRLEN] = "";
	long long v = -1;

	CU_ASSERT(cap_writer_parse_opt(err, opt, arg, &v) < 0);
	CU_ASSERT_STRING_EQUAL(err, want);
	CU_ASSERT_EQUAL(v, -1);
}

static void test_parse_opt(void)
{
	parse_ok('C', "1", 1000000);
	parse_ok('C', "10k", 10240);
	parse_ok('C', "2M", 2097152);
	parse_ok('C', "1g", 1073741824);
	parse_ok('G', "10", 10);
	parse_ok('W', "3", 3);
	parse_bad('C', "0", "option -C: invalid file size '0'");
	parse_bad('C', "-1", "option -C: invalid file size '-1'");
	parse_bad('C', "x", "option -C: invalid file size 'x'");
	parse_bad('C', "1x", "option -C: invalid file size '1x'");
	parse_bad('C', "1kb", "option -C: invalid file size '1kb'");
	parse_bad('C', "", "option -C: invalid file size ''");
	parse_bad('C', "99999999999999", "option -C: file size "
					"'99999999999999' is too large");
	parse_bad('G', "0", "option -G: invalid number of seconds '0'");
	parse_bad('G', "10s", "option -G: invalid number of seconds '10s'");
	parse_bad('G', "3000000000", "option -G: number of seconds "
				     "'3000000000' is too large");
	parse_bad('W', "0", "option -W: invalid number of files '0'");
	parse_bad('W', "-3", "option -W: invalid number of files '-3'");
}

static CU_TestInfo tests[] = {
	{ "-C: f f1 f2 ..., each <= the limit, none lost",
	  test_size_names_and_limits },
	{ "-C -W 3: the ring f0..f2 wraps", test_size_ring_wraps },
	{ "-C -W N: names padded to the digits of N-1", test_ring_padding },
	{ "-C: a packet over the limit gets its own file",
	  test_size_oversized_packet },
	{ "-G: strftime names, rotation without traffic",
	  test_time_names_without_traffic },
	{ "-G: a late packet rotates first", test_time_rotates_on_packet },
	{ "-G: missed intervals skipped", test_time_skips_missed_intervals },
	{ "-G -W 3: stops after 3 files", test_time_limit_stops },
	{ "-G -W 1: stops on a late packet", test_time_limit_stops_on_packet },
	{ "-G -C (-W): numbers per interval, ring", test_time_and_size },
	{ "--rotate-align: wall-clock boundaries", test_time_align },
	{ "no -z: no calls", test_no_postrotate },
	{ "a file that cannot be created", test_create_failure },
	{ "-w -: standard output", test_stdout },
	{ "-z for real: every file, failure reported",
	  test_postrotate_real },
	{ "check: bad options, nothing created", test_check_rejects },
	{ "check: good options fill the plan", test_check_accepts },
	{ "parse -C -G -W", test_parse_opt },
	CU_TEST_INFO_NULL,
};

TU_SUITE("writer", NULL, NULL, tests);
