/* sf.c: a fast reader of classic pcap savefiles, with libpcap's meaning and messages. */
#include "capture/sf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/hx.h"

/*
 * The file header (24 bytes) and the record header (16 bytes) of
 * https://www.tcpdump.org/manpages/pcap-savefile.5.html:
 *
 *   magic (4) | major (2) | minor (2) | thiszone (4) | sigfigs (4) |
 *   snaplen (4) | linktype (4)
 *
 *   ts_sec (4) | ts_usec or ts_nsec (4) | incl_len (4) | orig_len (4)
 */
#define SF_HDRLEN 24
#define SF_RECLEN 16
#define MAGIC_USEC 0xa1b2c3d4u
#define MAGIC_NSEC 0xa1b23c4du
#define SF_MAX_SNAPLEN 262144u /* libpcap's max_snaplen_for_dlt here */
#define SF_BUFSIZE (4u << 20)
#define SF_CHUNK (1u << 20) /* a ring is read this much at a time */

struct sf {
	int fd;
	uint8_t *buf;
	int ring;	/* buf is a ring of SF_RING_BYTES bytes (see ring_fill) */
	const uint8_t *keep; /* a ring's records from here on are in use */
	size_t off, end; /* unread bytes are buf[off, end) */
	int eof;
	int scale;	/* 0 as is, 1 usec -> nsec, -1 nsec -> usec */
	uint32_t snapshot;
	struct pcap_pkthdr h;
	char err[PCAP_ERRBUF_SIZE];
};

/* The link types this reader takes (their largest packet is 256 KiB). */
static int plain_dlt(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_NFLOG:
	case DLT_NULL:
	case DLT_LOOP:
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
	case DLT_IPNET:
	case DLT_NETLINK:
		return 1;
	default:
		return 0;
	}
}

/* Moves what is left to the front and reads until full or the end. */
static int refill(struct sf *s)
{
	if (s->off) {
		memmove(s->buf, s->buf + s->off, s->end - s->off);
		s->end -= s->off;
		s->off = 0;
	}
	while (!s->eof && s->end < SF_BUFSIZE) {
		ssize_t n = read(s->fd, s->buf + s->end, SF_BUFSIZE - s->end);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(s->err, sizeof(s->err),
				 "error reading dump file: %s", strerror(errno));
			return -1;
		}
		if (n == 0)
			s->eof = 1;
		s->end += (size_t)n;
	}
	return 0;
}

/*
 * A ring: the records handed out from keep on stay where they are until
 * keep moves past them, so a caller can hold a window of them (the
 * printing pipeline's batches in flight) without copies. The file is read
 * SF_CHUNK at a time after the last byte read; when a record would not fit
 * before the ring's end, the bytes not yet handed out move to its start,
 * and reading then stops short of the records still held at the top.
 */
static int ring_fill(struct sf *s, size_t n)
{
	for (;;) {
		size_t k = s->off, limit, to;
		ssize_t got;

		if (s->end - s->off >= n || s->eof)
			return 0;
		if (s->keep && s->keep >= s->buf && s->keep < s->buf + SF_RING_BYTES)
			k = (size_t)(s->keep - s->buf);
		/* held records above the reading point: read up to them */
		limit = k > s->off ? k : SF_RING_BYTES;
		if (limit - s->off < n) {
			size_t tail = s->end - s->off;

			if (k > s->off || tail + n > k) {
				snprintf(s->err, sizeof(s->err),
					 "cannot read on: the %u MiB of records held are all in use",
					 SF_RING_BYTES >> 20);
				return -1;
			}
			memmove(s->buf, s->buf + s->off, tail);
			s->off = 0;
			s->end = tail;
			continue;
		}
		to = s->end + SF_CHUNK;
		if (to < s->off + n)
			to = s->off + n;
		if (to > limit)
			to = limit;
		got = read(s->fd, s->buf + s->end, to - s->end);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			snprintf(s->err, sizeof(s->err),
				 "error reading dump file: %s", strerror(errno));
			return -1;
		}
		if (got == 0)
			s->eof = 1;
		s->end += (size_t)got;
	}
}

/* Makes n bytes available at buf + off when the file has them. */
static int want(struct sf *s, size_t n)
{
	if (s->end - s->off >= n || s->eof)
		return 0;
	return s->ring ? ring_fill(s, n) : refill(s);
}

int sf_open(char *err, const char *path, pcap_t *pd, int want_nano,
	    struct sf **out)
{
	return sf_open_ring(err, path, pd, want_nano, 0, out);
}

int sf_open_ring(char *err, const char *path, pcap_t *pd, int want_nano,
		 int ring, struct sf **out)
{
	uint8_t hdr[SF_HDRLEN];
	uint32_t magic;
	uint16_t major, minor;
	struct sf *s;
	ssize_t n;
	int fd;

	*out = NULL;
	if (!plain_dlt(pcap_datalink(pd)) || pcap_is_swapped(pd))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hx_err(err, -errno, "cannot read '%s': %s", path,
			      strerror(errno));
	n = read(fd, hdr, sizeof(hdr));
	if (n != (ssize_t)sizeof(hdr)) {
		close(fd);
		return 0;
	}
	memcpy(&magic, hdr, 4);
	memcpy(&major, hdr + 4, 2);
	memcpy(&minor, hdr + 6, 2);
	if ((magic != MAGIC_USEC && magic != MAGIC_NSEC) || major != 2 ||
	    minor != 4) {
		close(fd);
		return 0;
	}
	s = calloc(1, sizeof(*s));
	if (s) {
		s->fd = fd;
		s->ring = ring;
		s->buf = ring ? hx_big(SF_RING_BYTES) : malloc(SF_BUFSIZE);
	}
	if (!s || !s->buf) {
		free(s);
		close(fd);
		return hx_err(err, -ENOMEM, "cannot read '%s': %s", path,
			      strerror(ENOMEM));
	}
	s->snapshot = (uint32_t)pcap_snapshot(pd);
	if (magic == MAGIC_NSEC && !want_nano)
		s->scale = -1;
	else if (magic == MAGIC_USEC && want_nano)
		s->scale = 1;
	/* Read ahead a block the file's size asks for. */
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	*out = s;
	return 1;
}

int sf_next(struct sf *s, struct pcap_pkthdr **h, const uint8_t **data)
{
	uint32_t rec[4];
	size_t have;

	if (want(s, SF_RECLEN) < 0)
		return -1;
	have = s->end - s->off;
	if (have < SF_RECLEN) {
		if (have == 0)
			return 0;
		snprintf(s->err, sizeof(s->err),
			 "truncated dump file; tried to read %d header bytes, only got %zu",
			 SF_RECLEN, have);
		return -1;
	}
	memcpy(rec, s->buf + s->off, SF_RECLEN);
	s->off += SF_RECLEN;
	s->h.ts.tv_sec = rec[0];
	s->h.ts.tv_usec = rec[1];
	s->h.caplen = rec[2];
	s->h.len = rec[3];
	if (s->scale > 0)
		s->h.ts.tv_usec = (suseconds_t)rec[1] * 1000;
	else if (s->scale < 0)
		s->h.ts.tv_usec = rec[1] / 1000;

	if (s->h.caplen > SF_MAX_SNAPLEN) {
		if (s->h.caplen > s->snapshot)
			snprintf(s->err, sizeof(s->err),
				 "invalid packet capture length %u, bigger than snaplen of %d",
				 s->h.caplen, (int)s->snapshot);
		else
			snprintf(s->err, sizeof(s->err),
				 "invalid packet capture length %u, bigger than maximum of %u",
				 s->h.caplen, SF_MAX_SNAPLEN);
		return -1;
	}
	if (s->h.caplen > s->snapshot) {
		/* libpcap keeps the first snapshot bytes, skips the rest */
		size_t skip = s->h.caplen - s->snapshot;

		if (want(s, s->h.caplen) < 0)
			return -1;
		have = s->end - s->off;
		if (have < s->snapshot) {
			snprintf(s->err, sizeof(s->err),
				 "truncated dump file; tried to read %d captured bytes, only got %zu",
				 (int)s->snapshot, have);
			return -1;
		}
		if (have < s->h.caplen) {
			snprintf(s->err, sizeof(s->err),
				 "truncated dump file; tried to read %u captured bytes, only got %zu",
				 s->h.caplen, have);
			return -1;
		}
		*data = s->buf + s->off;
		s->off += s->snapshot + skip;
		s->h.caplen = s->snapshot;
	} else {
		if (want(s, s->h.caplen) < 0)
			return -1;
		have = s->end - s->off;
		if (have < s->h.caplen) {
			snprintf(s->err, sizeof(s->err),
				 "truncated dump file; tried to read %u captured bytes, only got %zu",
				 s->h.caplen, have);
			return -1;
		}
		*data = s->buf + s->off;
		s->off += s->h.caplen;
	}
	*h = &s->h;
	return 1;
}

const char *sf_error(const struct sf *s)
{
	return s->err;
}

void sf_close(struct sf *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	if (s->ring)
		hx_big_free(s->buf, SF_RING_BYTES);
	else
		free(s->buf);
	free(s);
}

/* libpcap's open errors start with the path; the message names it once. */
static const char *strip_path(const char *msg, const char *path)
{
	size_t n = strlen(path);

	if (!strncmp(msg, path, n) && !strncmp(msg + n, ": ", 2))
		return msg + n + 2;
	return msg;
}

/* sf_in_open, with name (not path) in the messages. */
static int in_open(char *err, const char *path, const char *name,
		   int want_nano, size_t iobuf, struct sf_in *in)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	FILE *fp;

	memset(in, 0, sizeof(*in));
	fp = strcmp(path, "-") ? fopen(path, "rbe") : stdin;
	if (!fp)
		return hx_err(err, -errno, "cannot read '%s': %s", name,
			      strerror(errno));
	/* with stdio's default buffer, reading is a syscall per 4 KiB */
	if (iobuf) {
		in->iobuf = malloc(iobuf);
		if (in->iobuf)
			setvbuf(fp, in->iobuf, _IOFBF, iobuf);
	}
	in->pd = pcap_fopen_offline_with_tstamp_precision(
		fp, want_nano ? PCAP_TSTAMP_PRECISION_NANO
			      : PCAP_TSTAMP_PRECISION_MICRO, ebuf);
	if (!in->pd) {
		hx_err(err, -EINVAL, "cannot read '%s': %s", name,
		       strip_path(ebuf, path));
		if (fp != stdin)
			fclose(fp);
		return -EINVAL;
	}
	/* pcap_close closes fp from now on */
	return 0;
}

int sf_in_open(char *err, const char *path, int want_nano, size_t iobuf,
	       struct sf_in *in)
{
	return in_open(err, path, path, want_nano, iobuf, in);
}

int sf_in_filter(char *err, struct sf_in *in, const char *filter)
{
	if (pcap_compile(in->pd, &in->prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0)
		return hx_err(err, -EINVAL, "cannot compile filter '%s': %s",
			      filter, pcap_geterr(in->pd));
	in->have_prog = 1;
	if (pcap_setfilter(in->pd, &in->prog) < 0)
		return hx_err(err, -EINVAL, "cannot set filter '%s': %s", filter,
			      pcap_geterr(in->pd));
	return 0;
}

void sf_in_close(struct sf_in *in)
{
	if (in->have_prog)
		pcap_freecode(&in->prog);
	in->have_prog = 0;
	if (in->pd)
		pcap_close(in->pd);
	in->pd = NULL;
	free(in->iobuf);
	in->iobuf = NULL;
}

int sf_iter_open(char *err, struct sf_iter *it, const char *path,
		 const struct sf_iter_opts *o)
{
	int r;

	memset(it, 0, sizeof(*it));
	it->o = *o;
	if (!it->o.name)
		it->o.name = path;
	it->first = -1;
	r = in_open(err, path, it->o.name, o->nano, o->iobuf, &it->in);
	if (r < 0)
		return r;
	/* Plain pcap files are read by sf_next, the rest by libpcap. */
	if (!strcmp(path, "-"))
		return 0;
	r = sf_open_ring(err, path, it->in.pd, o->nano, o->ring, &it->fast);
	if (r < 0) {
		/* sf_open names the path; the message names the file */
		hx_err(err, r, "cannot read '%s': %s", it->o.name,
		       strerror(-r));
		sf_in_close(&it->in);
		return r;
	}
	return 0;
}

int sf_iter_filter(char *err, struct sf_iter *it, const char *filter)
{
	return sf_in_filter(err, &it->in, filter);
}

/* The next packet the filter keeps, as sf_iter_next. */
static int next_kept(struct sf_iter *it, struct pcap_pkthdr **h,
		     const uint8_t **data)
{
	int rc;

	if (!it->fast) {
		rc = pcap_next_ex(it->in.pd, h, data);
		if (rc == PCAP_ERROR_BREAK)
			return 0;
		return rc == PCAP_ERROR ? -1 : 1;
	}
	for (;;) {
		rc = sf_next(it->fast, h, data);
		if (rc != 1)
			return rc;
		if (!it->in.have_prog ||
		    pcap_offline_filter(&it->in.prog, *h, *data))
			return 1;
	}
}

int sf_iter_next(struct sf_iter *it, struct pcap_pkthdr **h,
		 const uint8_t **data)
{
	int rc;

	while (it->o.count == 0 || it->given < it->o.count) {
		rc = next_kept(it, h, data);
		if (rc != 1)
			return rc;
		if (it->o.has_window) {
			long long t = (long long)(*h)->ts.tv_sec * 1000000 +
				      (it->o.nano ? (*h)->ts.tv_usec / 1000
						  : (*h)->ts.tv_usec);

			if (it->first < 0)
				it->first = t;
			if (t - it->first < it->o.from_us ||
			    t - it->first > it->o.to_us)
				continue;
		}
		if (it->skipped < it->o.skip) {
			it->skipped++;
			continue;
		}
		it->given++;
		return 1;
	}
	return 0;
}

int sf_iter_stable(const struct sf_iter *it)
{
	return it->fast && it->fast->ring;
}

void sf_iter_keep(struct sf_iter *it, const uint8_t *p)
{
	if (it->fast)
		it->fast->keep = p;
}

const char *sf_iter_error(const struct sf_iter *it)
{
	return it->fast ? sf_error(it->fast) : pcap_geterr(it->in.pd);
}

void sf_iter_close(struct sf_iter *it)
{
	sf_close(it->fast);
	it->fast = NULL;
	sf_in_close(&it->in);
}
