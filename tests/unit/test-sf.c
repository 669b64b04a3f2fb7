/* test-sf.c: the fast savefile reader returns what libpcap's pcap_next_ex does. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/sf.h"
#include "harness/hx.h"
#include "unit/tu.h"

/* A pcap file: magic, snaplen, then (caplen, len) records cut at cut. */
static int write_file(const char *path, uint32_t magic, uint32_t snaplen,
		      const uint32_t (*rec)[2], size_t nrec, long cut)
{
	uint8_t buf[1 << 20];
	size_t n = 0, i;
	uint32_t fh[6] = { magic, 0x00040002, 0, 0, snaplen, 1 };
	FILE *f;

	memcpy(buf, fh, 24);
	n = 24;
	for (i = 0; i < nrec; i++) {
		uint32_t h[4] = { 1700000000 + (uint32_t)i, 123456789,
				  rec[i][0], rec[i][1] };

		memcpy(buf + n, h, 16);
		n += 16;
		memset(buf + n, (int)(0x41 + i), rec[i][0]);
		n += rec[i][0];
	}
	if (cut >= 0 && (size_t)cut < n)
		n = (size_t)cut;
	f = fopen(path, "wb");
	if (!f)
		return -1;
	fwrite(buf, 1, n, f);
	fclose(f);
	return 0;
}

static int compare_ring(const char *path, int nano, int ring);

/*
 * Reads path with both readers in step, the fast one reading into a
 * buffer, into a ring, and mapping the file both ways; the number of
 * differences.
 */
static int compare(const char *path, int nano)
{
	return compare_ring(path, nano, 0) + compare_ring(path, nano, SF_RING) +
	       compare_ring(path, nano, SF_MAP) +
	       compare_ring(path, nano, SF_RING | SF_MAP);
}

/* The same, the fast reader opened as how asks (sf_open_ring). */
static int compare_ring(const char *path, int nano, int ring)
{
	char ebuf[PCAP_ERRBUF_SIZE], err[HX_ERRLEN];
	pcap_t *pd = pcap_open_offline_with_tstamp_precision(
		path, nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO,
		ebuf);
	pcap_t *pd2 = pcap_open_offline_with_tstamp_precision(
		path, nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO,
		ebuf);
	struct sf *s = NULL;
	int bad = 0, n = 0;

	if (!pd || !pd2 || sf_open_ring(err, path, pd2, nano, ring, &s) != 1) {
		fprintf(stderr, "\ncannot open %s both ways\n", path);
		bad = 1;
		goto out;
	}
	for (;;) {
		struct pcap_pkthdr *a, *b;
		const u_char *da;
		const uint8_t *db;
		int ra = pcap_next_ex(pd, &a, &da), rb = sf_next(s, &b, &db);

		n++;
		if (ra == PCAP_ERROR_BREAK && rb == 0)
			break; /* both at the end */
		if (ra != rb) {
			fprintf(stderr, "\nrecord %d: libpcap %d, sf %d (%s / %s)\n",
				n, ra, rb, pcap_geterr(pd), sf_error(s));
			bad++;
			break;
		}
		if (ra == PCAP_ERROR) {
			if (strcmp(pcap_geterr(pd), sf_error(s))) {
				fprintf(stderr, "\nerror: '%s' / '%s'\n",
					pcap_geterr(pd), sf_error(s));
				bad++;
			}
			break;
		}
		if (ra != 1)
			break;
		if (a->ts.tv_sec != b->ts.tv_sec ||
		    a->ts.tv_usec != b->ts.tv_usec || a->caplen != b->caplen ||
		    a->len != b->len || memcmp(da, db, a->caplen)) {
			fprintf(stderr, "\nrecord %d differs\n", n);
			bad++;
		}
	}
out:
	sf_close(s);
	if (pd)
		pcap_close(pd);
	if (pd2)
		pcap_close(pd2);
	return bad;
}

static void test_like_libpcap(void)
{
	static const uint32_t ok[][2] = { { 60, 60 }, { 100, 1500 }, { 0, 0 },
					  { 70, 70 } };
	static const uint32_t big[][2] = { { 60, 60 }, { 150, 150 },
					   { 60, 60 } };
	static const uint32_t huge[][2] = { { 60, 60 }, { 300000, 300000 } };
	char path[] = "/tmp/dumplab-sf-XXXXXX";
	int fd = mkstemp(path), nano;
	long cut;

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	for (nano = 0; nano < 2; nano++) {
		/* micro- and nanosecond files, whole and cut anywhere */
		for (cut = -1; cut < 24 + 16 + 60 + 16 + 100 + 8; cut++) {
			if (cut >= 0 && cut < 24)
				continue;
			write_file(path, 0xa1b2c3d4, 65535, ok, 4, cut);
			CU_ASSERT_EQUAL(compare(path, nano), 0);
			write_file(path, 0xa1b23c4d, 65535, ok, 4, cut);
			CU_ASSERT_EQUAL(compare(path, nano), 0);
		}
		/* records longer than the snapshot length, whole and cut */
		for (cut = -1; cut < 24 + 16 + 60 + 16 + 150 + 4; cut++) {
			if (cut >= 0 && cut < 24 + 16 + 60 + 16 + 90)
				continue;
			write_file(path, 0xa1b2c3d4, 100, big, 3, cut);
			CU_ASSERT_EQUAL(compare(path, nano), 0);
		}
		/* a record past any sane length */
		write_file(path, 0xa1b2c3d4, 65535, huge, 2, -1);
		CU_ASSERT_EQUAL(compare(path, nano), 0);
		write_file(path, 0xa1b2c3d4, 262144, huge, 2, -1);
		CU_ASSERT_EQUAL(compare(path, nano), 0);
	}
	unlink(path);
}

/* A pcap file of n records of 1,200 octets, cut to cut octets if >= 0. */
static int write_big(const char *path, int n, long cut)
{
	uint32_t fh[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1 };
	uint8_t rec[16 + 1200];
	FILE *f = fopen(path, "wb");
	int i;

	if (!f)
		return -1;
	fwrite(fh, 1, 24, f);
	for (i = 0; i < n; i++) {
		uint32_t h[4] = { 1700000000 + (uint32_t)i, (uint32_t)i % 1000000,
				  1200, 1500 };

		memcpy(rec, h, 16);
		memset(rec + 16, (int)(i & 0xff), 1200);
		fwrite(rec, 1, sizeof(rec), f);
	}
	fclose(f);
	return cut >= 0 ? truncate(path, cut) : 0;
}

/* The records a reader gets, and its error text at the end ("" if none). */
struct got {
	int n;
	char err[PCAP_ERRBUF_SIZE];
};

/* Whether db is write_big's record i, whole. */
static int is_record(const uint8_t *db, const struct pcap_pkthdr *h, int i)
{
	int j;

	if (h->ts.tv_sec != 1700000000 + i || h->caplen != 1200)
		return 0;
	for (j = 0; j < 1200; j++)
		if (db[j] != (uint8_t)(i & 0xff))
			return 0;
	return 1;
}

/*
 * A file a (20,000 records) opened as how asks, cut by another writer to
 * cut octets once 1,000 records are read, ends as libpcap ends on a file b
 * written cut there: as many records, and libpcap's error.
 */
static void cut_while_read(const char *a, const char *b, long cut, int how)
{
	char err[HX_ERRLEN], ebuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	const uint8_t *db;
	struct got ga = { 0, "" }, gb = { 0, "" };
	struct sf *s = NULL;
	pcap_t *pd, *pdb;
	int rc;

	CU_ASSERT_FATAL(write_big(a, 20000, -1) == 0);
	CU_ASSERT_FATAL(write_big(b, 20000, cut) == 0);
	pd = pcap_open_offline(a, ebuf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pd);
	CU_ASSERT_FATAL(sf_open_ring(err, a, pd, 0, how, &s) == 1);
	while ((rc = sf_next(s, &h, &db)) == 1) {
		if (++ga.n == 1000)
			CU_ASSERT_FATAL(truncate(a, cut) == 0);
	}
	if (rc < 0)
		snprintf(ga.err, sizeof(ga.err), "%s", sf_error(s));
	sf_close(s);
	pcap_close(pd);

	pdb = pcap_open_offline(b, ebuf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pdb);
	while ((rc = pcap_next_ex(pdb, &h, &d)) == 1)
		gb.n++;
	if (rc == PCAP_ERROR)
		snprintf(gb.err, sizeof(gb.err), "%s", pcap_geterr(pdb));
	pcap_close(pdb);
	CU_ASSERT_EQUAL(ga.n, 3000);
	CU_ASSERT_EQUAL(ga.n, gb.n);
	CU_ASSERT_STRING_EQUAL(ga.err, gb.err);
	CU_ASSERT(strstr(ga.err, "truncated dump file") != NULL);
}

/*
 * A large file read into the ring reads as libpcap reads it; cut short by
 * another writer while it is read, it ends as libpcap ends on the cut
 * file, with libpcap's error.
 */
static void test_ring(void)
{
	char a[] = "/tmp/dumplab-sf-XXXXXX", b[] = "/tmp/dumplab-sf-XXXXXX";
	const long cut = 24 + 3000L * 1216 + 700; /* inside record 3001 */
	int fa = mkstemp(a), fb = mkstemp(b);

	CU_ASSERT_FATAL(fa >= 0 && fb >= 0);
	close(fa);
	close(fb);
	CU_ASSERT_FATAL(write_big(a, 20000, -1) == 0); /* 24 MB: it wraps */
	CU_ASSERT_EQUAL(compare_ring(a, 0, SF_RING), 0);
	CU_ASSERT_EQUAL(compare_ring(a, 1, SF_RING), 0);
	cut_while_read(a, b, cut, SF_RING);
	unlink(a);
	unlink(b);
}

/*
 * Reads path holding the last w records (sf_iter_keep), checking the held
 * ones whole every 2,003 records and each one last time as it goes: the
 * records that were not whole; *n the records read, *rc the last return.
 */
static int hold_run(const char *path, int w, int *n, int *rc, char *why,
		    size_t whylen)
{
	static const uint8_t *held[14000];
	static struct pcap_pkthdr hh[14000];
	struct sf_iter_opts o = { .ring = 1 };
	char err[HX_ERRLEN];
	struct sf_iter it;
	struct pcap_pkthdr *h;
	const uint8_t *db;
	int bad = 0, i;

	*n = 0;
	*rc = -2;
	if (w > 14000 || sf_iter_open(err, &it, path, &o) != 0 ||
	    !sf_iter_stable(&it))
		return 1;
	for (;;) {
		sf_iter_keep(&it, *n >= w ? held[*n % w] : (*n ? held[0] : NULL));
		*rc = sf_iter_next(&it, &h, &db);
		if (*rc != 1)
			break;
		if (*n >= w) /* the oldest held goes now */
			bad += !is_record(held[*n % w], &hh[*n % w], *n - w);
		held[*n % w] = db;
		hh[*n % w] = *h;
		(*n)++;
		if (*n % 2003 == 0)
			for (i = 1; i <= w && i <= *n; i++)
				bad += !is_record(held[(*n - i) % w],
						  &hh[(*n - i) % w], *n - i);
	}
	snprintf(why, whylen, "%s", *rc < 0 ? sf_iter_error(&it) : "");
	/* what is held after an error is still whole */
	for (i = 1; i <= w && i <= *n; i++)
		bad += !is_record(held[(*n - i) % w], &hh[(*n - i) % w], *n - i);
	sf_iter_close(&it);
	return bad;
}

/*
 * Records held stay whole while the ring goes round: a window of 5,000
 * (6 MB: the pipeline holds 6 MiB at most), and windows from 92% to 99.5%
 * of what the ring can hold, where the reading catches up with the records
 * held at the ring's top, or the ring cannot hold them and reading must end
 * in an error rather than read over them; and more than the ring holds,
 * which ends in the error.
 */
static void test_ring_hold(void)
{
	char a[] = "/tmp/dumplab-sf-XXXXXX", why[PCAP_ERRBUF_SIZE];
	const int fit = (int)(SF_RING_BYTES / 1216); /* records the ring holds */
	int fa = mkstemp(a), n, rc, w, ended = 0;

	CU_ASSERT_FATAL(fa >= 0);
	close(fa);
	CU_ASSERT_FATAL(fit + 200 <= 14000); /* hold_run's window */
	CU_ASSERT_FATAL(write_big(a, 30000, -1) == 0); /* 36 MB */
	CU_ASSERT_EQUAL(hold_run(a, 5000, &n, &rc, why, sizeof(why)), 0);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(n, 30000);
	for (w = fit * 92 / 100; w <= fit * 995 / 1000; w += fit / 100) {
		CU_ASSERT_EQUAL(hold_run(a, w, &n, &rc, why, sizeof(why)), 0);
		if (rc == 0 && n == 30000)
			ended++;
		else if (rc != -1 || !strstr(why, "in use"))
			CU_FAIL("neither the end nor the ring's error");
	}
	CU_ASSERT(ended > 0);
	/* more than the ring holds: it fills, and says so */
	CU_ASSERT_EQUAL(hold_run(a, fit + 200, &n, &rc, why, sizeof(why)), 0);
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT(n >= fit - 1000 && n < fit + 200);
	CU_ASSERT(strstr(why, "in use") != NULL);
	unlink(a);
}

/* The file's pages this process has mapped (RssFile), in KiB. */
static long rss_file_kib(void)
{
	char line[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "RssFile: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/*
 * A mapped file reads as libpcap reads it, and its pages go as it is
 * read: the pages mapped stay far below the file's 36 MB.
 */
static void test_map(void)
{
	char a[] = "/tmp/dumplab-sf-XXXXXX", err[HX_ERRLEN], ebuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const uint8_t *db;
	struct sf *s = NULL;
	long before, most = 0, now;
	pcap_t *pd;
	int fa = mkstemp(a), n = 0, bad = 0, rc;

	CU_ASSERT_FATAL(fa >= 0);
	close(fa);
	CU_ASSERT_FATAL(write_big(a, 30000, -1) == 0); /* 36 MB */
	CU_ASSERT_EQUAL(compare_ring(a, 0, SF_MAP), 0);
	CU_ASSERT_EQUAL(compare_ring(a, 1, SF_RING | SF_MAP), 0);
	pd = pcap_open_offline(a, ebuf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pd);
	before = rss_file_kib();
	CU_ASSERT_FATAL(before >= 0);
	CU_ASSERT_FATAL(sf_open_ring(err, a, pd, 0, SF_MAP, &s) == 1);
	while ((rc = sf_next(s, &h, &db)) == 1) {
		bad += !is_record(db, h, n);
		if (++n % 1000 == 0 && (now = rss_file_kib()) - before > most)
			most = now - before;
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(n, 30000);
	CU_ASSERT_EQUAL(bad, 0);
	/* every record was read whole, and at most some 8 MiB of it was
	 * mapped at a time (SF_DROP and the pages mapped ahead) */
	CU_ASSERT(most > 0);
	CU_ASSERT(most < 12 * 1024);
	sf_close(s);
	pcap_close(pd);
	unlink(a);
}

/*
 * A mapped file cut by another writer while it is read: cut beyond where
 * the reading is, it ends as libpcap ends on the cut file, with libpcap's
 * error; cut at the very records being read (the pages of a record handed
 * out are gone), it ends in an error that says so, and nothing crashes.
 */
static void test_map_cut(void)
{
	char a[] = "/tmp/dumplab-sf-XXXXXX", b[] = "/tmp/dumplab-sf-XXXXXX";
	char err[HX_ERRLEN], ebuf[PCAP_ERRBUF_SIZE], why[PCAP_ERRBUF_SIZE] = "";
	struct pcap_pkthdr *h;
	const uint8_t *db;
	struct sf *s = NULL;
	const long cut = 24 + 3000L * 1216 + 700; /* inside record 3001 */
	const long page_cut = 1024L * 4096;	   /* inside record 3449 */
	pcap_t *pd;
	int fa = mkstemp(a), fb = mkstemp(b), rc, n = 0, bad = 0;

	CU_ASSERT_FATAL(fa >= 0 && fb >= 0);
	close(fa);
	close(fb);
	cut_while_read(a, b, cut, SF_RING | SF_MAP);

	/* cut at a page's edge just past the records read (a look at the
	 * size comes every MiB): the next pages are gone */
	CU_ASSERT_FATAL(write_big(a, 20000, -1) == 0);
	pd = pcap_open_offline(a, ebuf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pd);
	CU_ASSERT_FATAL(sf_open_ring(err, a, pd, 0, SF_RING | SF_MAP, &s) == 1);
	while ((rc = sf_next(s, &h, &db)) == 1) {
		/* the records wholly before the cut stay whole */
		if ((long)(24 + (n + 1) * 1216L) <= page_cut)
			bad += !is_record(db, h, n);
		else
			(void)*(volatile const uint8_t *)(db + h->caplen - 1);
		if (++n == 3400)
			CU_ASSERT_FATAL(truncate(a, page_cut) == 0);
	}
	if (rc < 0)
		snprintf(why, sizeof(why), "%s", sf_error(s));
	sf_close(s);
	pcap_close(pd);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT(n >= 3448 && n < 3460);
	CU_ASSERT_STRING_EQUAL(why, "truncated dump file; it was cut to 4194304 bytes while being read");
	unlink(a);
	unlink(b);
}

/*
 * A mapped file that grows while it is read (a capture being written) is
 * read to its new end, the records held from before staying whole.
 */
static void test_map_grow(void)
{
	static const uint8_t *held[200];
	static struct pcap_pkthdr hh[200];
	char a[] = "/tmp/dumplab-sf-XXXXXX", b[] = "/tmp/dumplab-sf-XXXXXX";
	char err[HX_ERRLEN];
	struct sf_iter_opts o = { .ring = 1, .map = 1 };
	struct sf_iter it;
	struct pcap_pkthdr *h;
	const uint8_t *db;
	FILE *fin, *fout;
	char buf[65536];
	size_t k;
	int fa = mkstemp(a), fb = mkstemp(b), rc, n = 0, bad = 0, i;

	CU_ASSERT_FATAL(fa >= 0 && fb >= 0);
	close(fa);
	close(fb);
	/* a: the first 1,000 records of b's 3,000 */
	CU_ASSERT_FATAL(write_big(b, 3000, -1) == 0);
	CU_ASSERT_FATAL(write_big(a, 3000, 24 + 1000L * 1216) == 0);
	CU_ASSERT_FATAL(sf_iter_open(err, &it, a, &o) == 0);
	CU_ASSERT_FATAL(sf_iter_stable(&it));
	for (;;) {
		/* the last 200 records are held */
		sf_iter_keep(&it, n >= 200 ? held[n % 200] : (n ? held[0] : NULL));
		rc = sf_iter_next(&it, &h, &db);
		if (rc != 1)
			break;
		if (n >= 200)
			bad += !is_record(held[n % 200], &hh[n % 200], n - 200);
		held[n % 200] = db;
		hh[n % 200] = *h;
		if (++n == 990) {
			/* the rest of b is appended */
			fin = fopen(b, "rb");
			fout = fopen(a, "ab");
			CU_ASSERT_FATAL(fin && fout);
			fseek(fin, 24 + 1000L * 1216, SEEK_SET);
			while ((k = fread(buf, 1, sizeof(buf), fin)) > 0)
				fwrite(buf, 1, k, fout);
			fclose(fin);
			fclose(fout);
		}
	}
	for (i = 1; i <= 200 && i <= n; i++)
		bad += !is_record(held[(n - i) % 200], &hh[(n - i) % 200], n - i);
	sf_iter_close(&it);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(n, 3000);
	CU_ASSERT_EQUAL(bad, 0);
	unlink(a);
	unlink(b);
}

/* Files it leaves to libpcap: pcapng, other versions. */
static void test_declines(void)
{
	static const uint32_t ok[][2] = { { 60, 60 } };
	char path[] = "/tmp/dumplab-sf-XXXXXX", ebuf[PCAP_ERRBUF_SIZE];
	char err[HX_ERRLEN];
	int fd = mkstemp(path);
	struct sf *s = NULL;
	pcap_t *pd;
	FILE *f;

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	write_file(path, 0xa1b2c3d4, 65535, ok, 1, -1);
	f = fopen(path, "r+b");
	CU_ASSERT_FATAL(f != NULL);
	fseek(f, 6, SEEK_SET);
	fputc(3, f); /* version 2.3 */
	fclose(f);
	pd = pcap_open_offline(path, ebuf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pd);
	CU_ASSERT_EQUAL(sf_open(err, path, pd, 0, &s), 0);
	CU_ASSERT_PTR_NULL(s);
	pcap_close(pd);
	unlink(path);
}

/* The data bytes of the packets an iterator hands out, as "BCD". */
static int iter_read(const char *path, const struct sf_iter_opts *o,
		     char *got, size_t len)
{
	char err[HX_ERRLEN];
	struct sf_iter it;
	struct pcap_pkthdr *h;
	const uint8_t *d;
	size_t n = 0;
	int rc;

	if (sf_iter_open(err, &it, path, o) < 0)
		return -1;
	/* libpcap's stream and the fast reader's fd are close-on-exec */
	if (!(fcntl(fileno(pcap_file(it.in.pd)), F_GETFD) & FD_CLOEXEC))
		rc = -2;
	else
		while ((rc = sf_iter_next(&it, &h, &d)) == 1 && n + 1 < len)
			got[n++] = (char)d[0];
	got[n] = 0;
	sf_iter_close(&it);
	return rc;
}

/* Window, skip and count, in that order, with either reader. */
static void test_iter(void)
{
	static const uint32_t six[][2] = { { 60, 60 }, { 60, 60 }, { 60, 60 },
					   { 60, 60 }, { 60, 60 }, { 60, 60 } };
	static const struct {
		struct sf_iter_opts o;
		const char *want;
	} cases[] = {
		{ { 0 }, "ABCDEF" },
		{ { .skip = 2 }, "CDEF" },
		{ { .count = 2 }, "AB" },
		{ { .skip = 1, .count = 2 }, "BC" },
		{ { .skip = 9 }, "" },
		/* packets 1 s to 3 s after the first, then skip and count */
		{ { .has_window = 1, .from_us = 1000000, .to_us = 3000000 }, "BCD" },
		{ { .has_window = 1, .from_us = 1000000, .to_us = 3000000,
		    .skip = 1, .count = 1 }, "C" },
		{ { .has_window = 1, .from_us = 1, .to_us = 999999,
		    .nano = 1 }, "" },
	};
	char path[] = "/tmp/dumplab-sf-XXXXXX", got[16];
	int fd = mkstemp(path), plain;
	FILE *f;

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	for (plain = 1; plain >= 0; plain--) {
		write_file(path, 0xa1b23c4d, 65535, six, 6, -1);
		if (!plain) { /* version 2.3: libpcap reads it */
			f = fopen(path, "r+b");
			CU_ASSERT_FATAL(f != NULL);
			fseek(f, 6, SEEK_SET);
			fputc(3, f);
			fclose(f);
		}
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			CU_ASSERT_EQUAL(iter_read(path, &cases[i].o, got,
						  sizeof(got)), 0);
			if (strcmp(got, cases[i].want))
				fprintf(stderr, "\ncase %zu (%s): got '%s', want '%s'\n",
					i, plain ? "sf" : "libpcap", got,
					cases[i].want);
			CU_ASSERT_STRING_EQUAL(got, cases[i].want);
		}
	}
	/* a record cut short is an error after the packets before it */
	write_file(path, 0xa1b2c3d4, 65535, six, 6, 24 + 2 * 76 + 10);
	CU_ASSERT_EQUAL(iter_read(path, &cases[0].o, got, sizeof(got)), -1);
	CU_ASSERT_STRING_EQUAL(got, "AB");
	/* -c stops before the cut record, so it is never read */
	CU_ASSERT_EQUAL(iter_read(path, &cases[2].o, got, sizeof(got)), 0);
	unlink(path);
}

/* An open failure carries the real errno and names the file. */
static void test_iter_errors(void)
{
	struct sf_iter_opts o = { .name = "f.pcap" };
	char err[HX_ERRLEN];
	struct sf_iter it;

	CU_ASSERT_EQUAL(sf_iter_open(err, &it, "/no/such/file", &o), -ENOENT);
	CU_ASSERT_STRING_EQUAL(err, "cannot read 'f.pcap': No such file or directory");
	sf_iter_close(&it);
	CU_ASSERT_EQUAL(sf_iter_open(err, &it, "/dev/null/x", &o), -ENOTDIR);
	CU_ASSERT_STRING_EQUAL(err, "cannot read 'f.pcap': Not a directory");
	sf_iter_close(&it);
	o.name = NULL;
	CU_ASSERT_EQUAL(sf_iter_open(err, &it, "/dev/null", &o), -EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "cannot read '/dev/null': "));
	sf_iter_close(&it);
}

static CU_TestInfo tests[] = {
	{ "one iterator: window, skip, count", test_iter },
	{ "iterator errors carry errno and the name", test_iter_errors },
	{ "reads as libpcap reads, errors and all", test_like_libpcap },
	{ "leaves other files to libpcap", test_declines },
	{ "a file read into a ring reads as libpcap, and when cut short", test_ring },
	{ "records held in the ring stay whole as it goes round", test_ring_hold },
	{ "a mapped file reads as libpcap, its pages let go as it goes", test_map },
	{ "a mapped file cut while it is read ends in the cut's error", test_map_cut },
	{ "a mapped file that grows while it is read is read to its end", test_map_grow },
	CU_TEST_INFO_NULL,
};

TU_SUITE("sf", NULL, NULL, tests);
