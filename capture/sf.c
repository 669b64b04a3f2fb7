/* sf.c: a fast reader of classic pcap savefiles, with libpcap's meaning and messages. */
#include "capture/sf.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
#define SF_LOOK (1u << 20)  /* a mapped file's size is looked at this often */
#define SF_DROP (4u << 20)  /* a mapped file's pages read are let go by this much */
#define SF_MAPS 8	    /* mappings the SIGBUS handler knows of */
#define SF_AHEAD 8192	    /* a mapped file is fetched this far ahead */

/* A mapping of the file before it grew, kept while records in it are held. */
struct sf_old {
	uint8_t *base;
	size_t lo, hi; /* [lo, hi) of it is still mapped */
	int slot;      /* its place in maps[] */
	struct sf_old *next;
};

struct sf {
	int fd;
	uint8_t *buf;
	int ring;	/* the records held stay (buf a ring of SF_RING_BYTES bytes
			 * when read, see ring_fill) */
	const uint8_t *keep; /* a ring's records from here on are in use */
	size_t off, end; /* unread bytes are buf[off, end) */
	/* mapped (see the mapping below): buf is the file at offset 0 */
	int map;
	size_t mapped;	 /* the mapping's length, the file's size then */
	size_t dropped;	 /* buf[0, dropped) is unmapped */
	size_t look_at;	 /* the file's size is looked at again from here */
	size_t pf;	 /* bytes before this were fetched to the caches */
	int slot;	 /* the mapping's place in maps[] */
	struct sf_old *old;
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

/*
 * The mapping. A regular file is mapped whole and read in place: the
 * kernel copies nothing, and only the pages of the bytes looked at are
 * touched (a printer of headers looks at a fifth of a capture's bytes).
 * The records handed out stay where they are; the pages of those no longer
 * held (sf_iter_keep) are unmapped SF_DROP at a time, so the memory stays
 * flat in the file's size. Every SF_LOOK the file's size is looked at
 * again: a file another writer cut is read as far as it now goes, as
 * read(2) would, and one that grew is mapped again at its new length
 * (records held in the old mapping keep it until they are let go).
 *
 * A file cut inside the SF_LOOK being read leaves records handed out
 * whose pages are gone, and touching those raises SIGBUS. The handler
 * (process-wide, installed once) maps zeros over the rest of the mapping
 * the fault is in and notes it; the reader then ends with the cut file's
 * error. A SIGBUS outside the mappings takes its default action.
 */
static struct {
	int used;	  /* atomic: the place is taken */
	uintptr_t lo, hi; /* atomic: the part still mapped */
	int bus;	  /* atomic: a fault was met in it */
} maps[SF_MAPS];
static pthread_once_t bus_once = PTHREAD_ONCE_INIT;
static int bus_ok;
static uintptr_t bus_page;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a = (uintptr_t)si->si_addr, lo, hi;
	struct sigaction dfl;
	int i;

	(void)uc;
	for (i = 0; i < SF_MAPS; i++) {
		if (!__atomic_load_n(&maps[i].used, __ATOMIC_ACQUIRE))
			continue;
		lo = __atomic_load_n(&maps[i].lo, __ATOMIC_ACQUIRE);
		hi = __atomic_load_n(&maps[i].hi, __ATOMIC_ACQUIRE);
		if (a < lo || a >= hi)
			continue;
		a &= ~(bus_page - 1);
		if (mmap((void *)a, hi - a, PROT_READ,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
		    MAP_FAILED) {
			__atomic_store_n(&maps[i].bus, 1, __ATOMIC_RELEASE);
			return;
		}
		break;
	}
	/* not ours (or no zeros to be had): the default, on returning */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
}

static void bus_install(void)
{
	struct sigaction sa;

	bus_page = (uintptr_t)sysconf(_SC_PAGESIZE);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	bus_ok = sigaction(SIGBUS, &sa, NULL) == 0;
}

/* A place in maps[] for [base, base + len): its index, or -1. */
static int map_register(uint8_t *base, size_t len)
{
	int i;

	pthread_once(&bus_once, bus_install);
	if (!bus_ok)
		return -1;
	for (i = 0; i < SF_MAPS; i++) {
		int free_ = 0;

		if (!__atomic_compare_exchange_n(&maps[i].used, &free_, 1, 0,
						 __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE))
			continue;
		__atomic_store_n(&maps[i].bus, 0, __ATOMIC_RELEASE);
		__atomic_store_n(&maps[i].lo, (uintptr_t)base, __ATOMIC_RELEASE);
		__atomic_store_n(&maps[i].hi, (uintptr_t)base + len,
				 __ATOMIC_RELEASE);
		return i;
	}
	return -1;
}

static void map_unregister(int i)
{
	__atomic_store_n(&maps[i].lo, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&maps[i].hi, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&maps[i].used, 0, __ATOMIC_RELEASE);
}

/* Maps fd's first len bytes: 0, or -1 (then read instead). */
static int map_file(struct sf *s, size_t len)
{
	void *m;
	int slot;

	if (len == 0)
		return -1;
	m = mmap(NULL, len, PROT_READ, MAP_SHARED, s->fd, 0);
	if (m == MAP_FAILED)
		return -1;
	slot = map_register(m, len);
	if (slot < 0) {
		munmap(m, len);
		return -1;
	}
	/*
	 * No MADV_SEQUENTIAL: with it the kernel does not count the pages
	 * read as used when they are unmapped, and a machine that reclaims
	 * idle page cache (as these do, with 23 GB free) then drops the file
	 * sooner: 605 -> 518 MB cached 40 s after five reads, 605 -> 583
	 * without it, as with read(2). Fault-around maps 64 KiB a fault, and
	 * the kernel's own read-ahead of a mapping streams a cold file.
	 */
	s->buf = m;
	s->mapped = len;
	s->end = len;
	s->dropped = 0;
	s->slot = slot;
	s->eof = 1;
	return 0;
}

/* The file offset from which records are still held. */
static size_t held_from(const struct sf *s)
{
	if (s->ring && s->keep) {
		if (s->keep >= s->buf && s->keep < s->buf + s->mapped)
			return (size_t)(s->keep - s->buf);
		return 0; /* held in an older mapping: the grown one's start */
	}
	return s->off;
}

/* Lets go of what is no longer held: old mappings, pages read. */
static void map_drop(struct sf *s, int all)
{
	size_t from = held_from(s), to;
	struct sf_old **o = &s->old;

	while (*o) {
		struct sf_old *d = *o;

		if (!all && s->ring && s->keep && s->keep >= d->base + d->lo &&
		    s->keep < d->base + d->hi) {
			o = &d->next;
			continue;
		}
		munmap(d->base + d->lo, d->hi - d->lo);
		map_unregister(d->slot);
		*o = d->next;
		free(d);
	}
	to = all ? s->mapped : from & ~((size_t)bus_page - 1);
	if (to > s->dropped && (all || to - s->dropped >= SF_DROP)) {
		munmap(s->buf + s->dropped, to - s->dropped);
		s->dropped = to;
		if (!all)
			__atomic_store_n(&maps[s->slot].lo,
					 (uintptr_t)s->buf + to,
					 __ATOMIC_RELEASE);
	}
}

/* Whether a record handed out met a page the file no longer has. */
static int map_faulted(const struct sf *s)
{
	const struct sf_old *o;

	if (__atomic_load_n(&maps[s->slot].bus, __ATOMIC_ACQUIRE))
		return 1;
	for (o = s->old; o; o = o->next)
		if (__atomic_load_n(&maps[o->slot].bus, __ATOMIC_ACQUIRE))
			return 1;
	return 0;
}

/*
 * Every SF_LOOK: the pages no longer held go, and the file's size is
 * looked at. A file cut short is read as far as it goes; one that grew
 * is mapped again. Returns -1 (err set) when a cut was met the hard way.
 */
static int map_look(struct sf *s)
{
	struct stat st;
	size_t size;

	s->look_at = s->off + SF_LOOK;
	map_drop(s, 0);
	if (fstat(s->fd, &st) < 0)
		return 0;
	size = (size_t)st.st_size;
	if (map_faulted(s) || size < s->off) {
		/* records handed out were past the end it has now */
		snprintf(s->err, sizeof(s->err),
			 "truncated dump file; it was cut to %zu bytes while being read",
			 size);
		return -1;
	}
	if (size < s->end)
		s->end = size;
	return 0;
}

/* At the mapping's end: maps the file again if it grew. */
static int map_grow(struct sf *s)
{
	struct stat st;
	struct sf_old *o;
	uint8_t *base = s->buf;
	size_t mapped = s->mapped, dropped = s->dropped;
	int slot = s->slot;

	if (s->end < s->mapped || fstat(s->fd, &st) < 0 ||
	    (size_t)st.st_size <= s->mapped)
		return 0;
	o = malloc(sizeof(*o));
	if (!o || map_file(s, (size_t)st.st_size) < 0) {
		free(o);
		return 0; /* read as far as the first mapping goes */
	}
	/* the records handed out from the old mapping keep it */
	o->base = base;
	o->lo = dropped;
	o->hi = mapped;
	o->slot = slot;
	o->next = s->old;
	s->old = o;
	return 0;
}

static int want_more(struct sf *s, size_t n)
{
	if (s->map)
		return map_grow(s);
	if (s->eof)
		return 0;
	return s->ring ? ring_fill(s, n) : refill(s);
}

/* Makes n bytes available at buf + off when the file has them. */
static inline int want(struct sf *s, size_t n)
{
	return s->end - s->off >= n ? 0 : want_more(s, n);
}

int sf_open(char *err, const char *path, pcap_t *pd, int want_nano,
	    struct sf **out)
{
	return sf_open_ring(err, path, pd, want_nano, 0, out);
}

int sf_open_ring(char *err, const char *path, pcap_t *pd, int want_nano,
		 int how, struct sf **out)
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
		struct stat st;

		s->fd = fd;
		s->ring = !!(how & SF_RING);
		if ((how & SF_MAP) && fstat(fd, &st) == 0 &&
		    S_ISREG(st.st_mode) && st.st_size > SF_HDRLEN &&
		    (uintmax_t)st.st_size <= SIZE_MAX &&
		    map_file(s, (size_t)st.st_size) == 0) {
			s->map = 1;
			s->off = SF_HDRLEN;
		} else {
			s->buf = s->ring ? hx_big(SF_RING_BYTES)
					 : malloc(SF_BUFSIZE);
		}
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
	if (!s->map)
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	*out = s;
	return 1;
}

int sf_next(struct sf *s, struct pcap_pkthdr **h, const uint8_t **data)
{
	uint32_t rec[4];
	size_t have;

	if (s->map && (s->off >= s->look_at ||
		       __atomic_load_n(&maps[s->slot].bus, __ATOMIC_ACQUIRE)) &&
	    map_look(s) < 0)
		return -1;
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
	if (s->map) {
		size_t to = s->off + SF_AHEAD;

		if (s->pf < s->off)
			s->pf = s->off;
		if (to > s->end)
			to = s->end;
		for (; s->pf < to; s->pf += 64)
			__builtin_prefetch(s->buf + s->pf);
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
	if (s->map) {
		map_drop(s, 1);
		map_unregister(s->slot);
	} else if (s->ring)
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
	r = sf_open_ring(err, path, it->in.pd, o->nano,
			 (o->ring ? SF_RING : 0) | (o->map ? SF_MAP : 0),
			 &it->fast);
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
