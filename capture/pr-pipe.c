/* pr-pipe.c: a savefile's packets printed on several cores, in order, exactly as one printer prints them. */
/*
 * The caller's thread (the reader) fills batches of packets in a ring of
 * PIPE_SLOTS (PIPE_SLOTS_HEX for hex dumps); each packet is given a route,
 * the printer that prints it.
 * Every worker thread goes through every batch in order and prints the
 * packets routed to it into its own buffer of that batch, noting where
 * each packet's text ends; the reader prints its own share (printer nw)
 * of a batch once it has handed it on. Once all are through a batch, the
 * reader gathers the texts in the packets' order and writes them.
 *
 *   reader:  look, route --> [batch b] [b+1] ... [b+7], its share of b
 *   worker i:                prints its packets of each batch
 *   reader:  batch b done by all --> gather --> write
 *
 * A TCP conversation's share (one of PIPE_SHARES) decides its printer;
 * the shares are dealt to the workers, and with one worker an eighth of
 * them to the reader to begin with. How much of the printing the reader
 * can take besides its reading depends on the options and the traffic,
 * so the split follows the waits (see balance()): a reader that keeps
 * finding the ring full takes a share from a worker, and a worker that
 * keeps finding no batch gives the reader's shares back one by one.
 *
 * A packet whose route cannot be known (see look()) is a barrier: the
 * reader publishes the batch so far, waits until every batch is written,
 * and prints the packet itself on the master printer, which sees the
 * workers' TCP shares while they are idle. It then goes on printing
 * itself until PIPE_RUN packets in a row could have been routed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "capture/pr-pipe.h"
#include "capture/pr-ts.h"
#include "capture/sf.h"
#include "capture/print-int.h"

#define PIPE_SLOTS 16		   /* batches in flight */
#define PIPE_SLOTS_HEX 8	   /* the same with -x or -X (ten times the text) */
#define PIPE_BATCH 1024		   /* packets a batch */
#define PIPE_BATCH_BYTES (1u << 19) /* packet bytes a batch */
#define PIPE_RUN 512		   /* routable packets that end a serial run */
#define PIPE_FLUSH (256 * 1024)	   /* the reader's own text written this often */
#define PIPE_IOV 256		   /* pieces of text a writev */
#define PIPE_OUT_START (2u << 20)  /* a printer's text of a batch, at first */
#define PIPE_SHARES 64		   /* the TCP conversation tables' shares */
#define PIPE_WIN 16		   /* batches between looks at the balance */
#define PIPE_AHEAD 6		   /* a printer fetches its packets this far ahead */
#define PIPE_WIN_MAX 512	   /* the same, once the split swings */

/* A stable reader's ring (sf.c) holds every batch in flight, record
 * headers too, with room for the record being read and a chunk ahead. */
_Static_assert((size_t)PIPE_SLOTS * (PIPE_BATCH_BYTES + PIPE_BATCH * 16) +
		       2 * PR_MAX_SNAPLEN + (1u << 20) <= SF_RING_BYTES,
	       "the ring of sf.c is too small for the batches in flight");

#define ETH_HDRLEN 14

/*
 * A packet of a batch: written by the reader, read by its printer (40
 * octets on a 64-bit host: every line of them crosses from one core to
 * the other).
 */
struct pipe_pkt {
	struct pcap_pkthdr h;
	const uint8_t *data; /* the caller's (stable) or the batch's copy */
	uint32_t tcph;	/* a TCP segment's pr_tcp_hash ... */
	uint8_t tcpv;	/* ... when this is 4 or 6 (its IP version), else 0 */
};

/* The -ttt/-ttttt reference before a packet (kept only with those). */
struct pipe_ref {
	int set;
	int64_t sec, frac;
};

/*
 * A printer's text of a batch, alone on its cache lines: the printers
 * move their buffers' ends with every piece of text, and two ends on one
 * line (calloc's 32-octet buffers side by side) cost each printer a miss
 * whenever the other had written.
 */
struct pipe_out {
	_Alignas(64) struct hx_buf b;
};

/*
 * A batch. Its printers write only their buffers and their own rows of
 * ends, so that no cache line is written by two threads.
 */
struct pipe_slot {
	struct pipe_pkt pk[PIPE_BATCH];
	struct pipe_ref *ref; /* PIPE_BATCH of them with -ttt or -ttttt */
	uint8_t route[PIPE_BATCH]; /* each packet's printer */
	size_t *ends; /* printer i's j-th packet's text ends at [i][j] */
	uint8_t *data;
	size_t dlen;
	unsigned n;
	struct pipe_out *out; /* one a printer */
	unsigned done;	    /* workers through it (atomic) */
	uint8_t owner[PIPE_SHARES]; /* the split its packets were routed by */
};

struct pipe_worker {
	struct pr_pipe *p;
	unsigned i;
	uint64_t npk; /* packets printed, and the ns it took (the stats) */
	int64_t tpr;
	struct pr_ctx *c;
	pthread_t th;
	int started;
};

struct pr_pipe {
	struct pr_opts o;
	int fd;
	int stable; /* the packets handed on stay readable: no copies */
	unsigned nw;	  /* printing threads; printer nw is the reader's own */
	unsigned nslots;  /* batches in flight: PIPE_SLOTS or PIPE_SLOTS_HEX */
	uint8_t owner[PIPE_SHARES]; /* the printer of each share */
	struct pr_ctx *master;
	struct pipe_worker *w;
	struct pr_tcpshard *sh;
	struct pipe_slot *slot;

	pthread_mutex_t mu;
	pthread_cond_t work; /* a batch was published, or quit */
	pthread_cond_t done; /* a worker finished a batch */
	/* these four atomic (see the waits) */
	uint64_t published;  /* batches handed to the workers */
	unsigned sleepers;   /* threads asleep on work or done */
	int64_t idle;	     /* ns the workers waited for a batch */
	int quit;

	/* the reader's own */
	uint64_t written; /* batches gathered */
	struct hx_buf out;
	int serial;	  /* printing itself */
	unsigned run;	  /* routable packets in a row, while serial */
	unsigned rr;	  /* the next worker for a packet of no conversation */
	uint8_t *scratch; /* a barrier's copy */
	uint64_t nserial;
	unsigned mine;	  /* shares 0 to mine - 1 are the reader's */
	unsigned since;	  /* batches published since the last look */
	unsigned win;	  /* batches between looks */
	int64_t full;	  /* ns it waited on a full ring since the last look */
	int64_t looked;	  /* when it last looked */
	int last;	  /* the last move: 1 a share to the reader, -1 back */
	int swing;	  /* a move every batch, whatever the waits (tests) */
	uint64_t moves;
	int err;	  /* the first write error */
	/* for DUMPLAB_PIPE_STATS: ns waited in all, the threads' CPU */
	int64_t tot_full;
	int64_t tot_idle; /* atomic */
	int64_t cpu[PR_PIPE_MAX_WORKERS + 1];
};

/* ---- the quick look ---- */

static uint16_t be16(const uint8_t *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

/*
 * The printer of a packet that reaches no state: any will do. While half
 * the ring or more is still to be printed, the workers are behind and the
 * reader takes it, at once and without waiting for anything (a TCP share
 * moves only between batches, and to the reader only once the batches
 * before are printed); otherwise it goes round the shares' printers.
 * (On the benchmark's -n, -e and -v, medians of 7 to 25 alternating runs:
 * 331 -> 298 ms, 339 -> 281 ms and 628 -> 579 ms; the waits of
 * DUMPLAB_PIPE_STATS fell from some 30-70 ms to 2-12 ms.)
 */
static int free_route(struct pr_pipe *p)
{
	if (p->published - p->written >= p->nslots / 2)
		return (int)p->nw;
	return p->owner[p->rr++ % PIPE_SHARES];
}

/*
 * The worker for a packet, or -1 when it may reach state other than its
 * TCP conversation's: only Ethernet frames of ARP, and of IPv4 or IPv6
 * (no extension header, not a fragment) carrying TCP, UDP to one of the
 * printers pr_udp_ports_stateless names, or an ICMP/ICMPv6 message that
 * quotes no packet. The header is checked as the printer reads it: a
 * frame too short for what is looked at is left to the master printer.
 */
static int look(struct pr_pipe *p, const struct pcap_pkthdr *h,
		const uint8_t *b, struct pipe_pkt *k)
{
	/* k: the packet's TCP hash and version (tcpv 0: none), set here */
	const uint8_t *ip = b + ETH_HDRLEN, *l4;
	size_t cap = h->caplen;
	unsigned hl, proto, type;
	const uint8_t *sa, *da;
	size_t alen;

	k->tcpv = 0;
	if (cap < ETH_HDRLEN + 1)
		return -1;
	switch (be16(b + 12)) {
	case 0x0806: /* ARP */
		return free_route(p);
	case 0x0800:
		if (cap < ETH_HDRLEN + 20 || (ip[0] >> 4) != 4)
			return -1;
		hl = (ip[0] & 0x0fu) * 4u;
		if (hl < 20 || cap < ETH_HDRLEN + hl + 4 ||
		    (be16(ip + 6) & 0x3fff) != 0) /* MF or an offset */
			return -1;
		proto = ip[9];
		sa = ip + 12;
		da = ip + 16;
		alen = 4;
		l4 = ip + hl;
		break;
	case 0x86dd:
		if (cap < ETH_HDRLEN + 40 + 4 || (ip[0] >> 4) != 6)
			return -1;
		proto = ip[6];
		sa = ip + 8;
		da = ip + 24;
		alen = 16;
		l4 = ip + 40;
		break;
	default:
		return -1;
	}
	switch (proto) {
	case 6:
		if (!pr_tcp_ports_stateless(be16(l4), be16(l4 + 2)))
			return -1;
		k->tcph = pr_tcp_hash(sa, da, alen, be16(l4), be16(l4 + 2));
		k->tcpv = alen == 16 ? 6 : 4;
		return p->owner[pr_tcp_shard(k->tcph, PIPE_SHARES)];
	case 17:
		if (!pr_udp_ports_stateless(be16(l4), be16(l4 + 2),
					    p->o.qflag))
			return -1;
		break;
	case 1: /* the errors quote a packet, whose TCP may be anyone's */
		type = l4[0];
		if (alen != 4 || type == 3 || type == 4 || type == 5 ||
		    type == 11 || type == 12)
			return -1;
		break;
	case 58: /* the same, and a redirect's option */
		type = l4[0];
		if (alen != 16 || type < 128 || type == 137)
			return -1;
		break;
	default:
		return -1;
	}
	return free_route(p);
}

/* The header fields pr_packet refuses before printing anything. */
static int header_bad(const struct pcap_pkthdr *h)
{
	return h->caplen == 0 || h->len == 0 || h->len < h->caplen ||
	       h->caplen > PR_MAX_SNAPLEN || h->len > PR_MAX_SNAPLEN;
}

int pr_pipe_fits(const struct pr_opts *o, int dlt)
{
	return dlt == DLT_EN10MB && o->nflag && !o->Ttype;
}

/* ---- the printers ---- */

static int64_t cpu_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Printer w's packets of a batch, into its buffer of the batch. */
static void print_share(struct pipe_worker *w, struct pipe_slot *s)
{
	struct hx_buf *out = &s->out[w->i].b;
	size_t *ends = s->ends + (size_t)w->i * PIPE_BATCH;
	int64_t t0 = now_ns();
	unsigned i, mine = 0;

	hx_buf_reset(out);
	w->c->tcpsh_owner = s->owner; /* for the printer's own check */
	for (i = 0; i < s->n; i++) {
		struct pipe_pkt *k = &s->pk[i];

		if (i + PIPE_AHEAD < s->n && s->route[i + PIPE_AHEAD] == w->i) {
			/* a packet of its own a little ahead: its bytes
			 * and its conversation to the cache meanwhile */
			const struct pipe_pkt *a = &s->pk[i + PIPE_AHEAD];

			__builtin_prefetch(a->data);
			__builtin_prefetch(a->data + 64);
			if (a->tcpv)
				pr_tcp_prefetch(w->c, a->tcph, a->tcpv == 6);
		}
		if (s->route[i] != w->i)
			continue;
		if (s->ref) { /* -ttt or -ttttt */
			w->c->ref_set = s->ref[i].set;
			w->c->ref_sec = s->ref[i].sec;
			w->c->ref_frac = s->ref[i].frac;
		}
		pr_packet(w->c, out, &k->h, k->data);
		*ends++ = out->len;
		mine++;
	}
	w->npk += mine;
	w->tpr += now_ns() - t0;
}

/*
 * The waits. A batch takes some 100 us to print; a thread that sleeps at
 * every wait adds its wake-up (tens of us on a virtual machine) to each,
 * so a waiter first spins a while on the atomic it waits for, then
 * sleeps on the condition. The waker stores its atomic, then looks for
 * sleepers (both sequentially consistent): either the sleeper's second
 * look, made under the mutex after it counted itself, sees the store, or
 * the waker sees the sleeper and wakes it under the mutex.
 */
#define PIPE_SPIN_NS 50000

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}

static int ready(struct pr_pipe *p, uint64_t next)
{
	return __atomic_load_n(&p->published, __ATOMIC_SEQ_CST) > next ||
	       __atomic_load_n(&p->quit, __ATOMIC_SEQ_CST);
}

static int finished(struct pr_pipe *p, struct pipe_slot *s)
{
	return __atomic_load_n(&s->done, __ATOMIC_SEQ_CST) >= p->nw;
}

/* Spins until ok(p, arg) or the spin's time is up: 1 when ok. */
static int spin(int (*ok)(struct pr_pipe *, void *), struct pr_pipe *p,
		void *arg)
{
	int64_t until = 0;
	unsigned i;

	for (i = 0;; i++) {
		if (ok(p, arg))
			return 1;
		if ((i & 63) == 0) {
			int64_t t = now_ns();

			if (!until)
				until = t + PIPE_SPIN_NS;
			else if (t > until)
				return 0;
		}
		relax();
	}
}

static int ready_ok(struct pr_pipe *p, void *arg)
{
	return ready(p, *(uint64_t *)arg);
}

static int finished_ok(struct pr_pipe *p, void *arg)
{
	return finished(p, arg);
}

static void wake(struct pr_pipe *p, pthread_cond_t *cv)
{
	if (__atomic_load_n(&p->sleepers, __ATOMIC_SEQ_CST)) {
		pthread_mutex_lock(&p->mu);
		pthread_cond_broadcast(cv);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Waits for batch next to be published: 0 once there are no more. */
static int wait_work(struct pr_pipe *p, uint64_t next)
{
	int64_t t;

	if (ready(p, next))
		goto out;
	t = now_ns();
	if (!spin(ready_ok, p, &next)) {
		pthread_mutex_lock(&p->mu);
		__atomic_add_fetch(&p->sleepers, 1, __ATOMIC_SEQ_CST);
		while (!ready(p, next))
			pthread_cond_wait(&p->work, &p->mu);
		__atomic_sub_fetch(&p->sleepers, 1, __ATOMIC_SEQ_CST);
		pthread_mutex_unlock(&p->mu);
	}
	t = now_ns() - t;
	__atomic_add_fetch(&p->idle, t, __ATOMIC_RELAXED);
	__atomic_add_fetch(&p->tot_idle, t, __ATOMIC_RELAXED);
out:
	return __atomic_load_n(&p->published, __ATOMIC_SEQ_CST) > next;
}

/* Waits until every worker is through batch s. */
static void wait_done(struct pr_pipe *p, struct pipe_slot *s)
{
	if (finished(p, s) || spin(finished_ok, p, s))
		return;
	pthread_mutex_lock(&p->mu);
	__atomic_add_fetch(&p->sleepers, 1, __ATOMIC_SEQ_CST);
	while (!finished(p, s))
		pthread_cond_wait(&p->done, &p->mu);
	__atomic_sub_fetch(&p->sleepers, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&p->mu);
}

static void *worker_main(void *arg)
{
	struct pipe_worker *w = arg;
	struct pr_pipe *p = w->p;
	uint64_t next;

	for (next = 0; wait_work(p, next); next++) {
		struct pipe_slot *s = &p->slot[next % p->nslots];

		print_share(w, s);
		if (__atomic_add_fetch(&s->done, 1, __ATOMIC_SEQ_CST) == p->nw)
			wake(p, &p->done);
	}
	p->cpu[w->i] = cpu_ns();
	return NULL;
}

/* ---- the reader's side ---- */

static int flush_out(struct pr_pipe *p, size_t at)
{
	int rc;

	if (p->out.len < at || p->err)
		return p->err;
	rc = hx_buf_flush(&p->out, p->fd);
	if (rc < 0)
		p->err = rc;
	return p->err;
}

/* Writes n pieces whole (a write error is kept in p->err). */
static void write_pieces(struct pr_pipe *p, struct iovec *iov, int n)
{
	while (n > 0 && !p->err) {
		ssize_t w = writev(p->fd, iov, n);

		if (w < 0) {
			if (errno != EINTR)
				p->err = -errno;
			continue;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
}

/*
 * Gathers the oldest batch once every worker is through it (waits when
 * block): its text goes out in the packets' order straight from the
 * printers' buffers (a run of one printer's packets is one piece), after
 * what the reader printed itself before it.
 */
static int gather(struct pr_pipe *p, int block)
{
	struct pipe_slot *s = &p->slot[p->written % p->nslots];
	size_t at[PR_PIPE_MAX_WORKERS + 1] = { 0 };
	unsigned nth[PR_PIPE_MAX_WORKERS + 1] = { 0 };
	struct iovec iov[PIPE_IOV];
	unsigned i;
	int niov = 0;

	if (!block && !finished(p, s))
		return 0;
	wait_done(p, s);

	flush_out(p, 1);
	for (i = 0; i < s->n; i++) {
		unsigned r = s->route[i];
		size_t end = s->ends[(size_t)r * PIPE_BATCH + nth[r]++];
		char *from = s->out[r].b.p + at[r];
		size_t len = end - at[r];

		at[r] = end;
		if (!len)
			continue;
		if (niov && (char *)iov[niov - 1].iov_base +
					    iov[niov - 1].iov_len == from) {
			iov[niov - 1].iov_len += len;
			continue;
		}
		if (niov == PIPE_IOV) {
			write_pieces(p, iov, niov);
			niov = 0;
		}
		iov[niov].iov_base = from;
		iov[niov++].iov_len = len;
	}
	write_pieces(p, iov, niov);
	for (i = 0; i <= p->nw; i++)
		if (s->out[i].b.oom)
			p->out.oom = 1;
	s->n = 0;
	s->dlen = 0;
	p->written++;
	return 1;
}

/* Forgets the waits seen so far: the next look counts from now. */
static void balance_reset(struct pr_pipe *p)
{
	__atomic_store_n(&p->idle, 0, __ATOMIC_RELAXED);
	p->full = 0;
	p->since = 0;
	p->looked = now_ns();
}

/*
 * Every p->win batches: if the reader waited on a full ring longer than
 * the workers waited for batches, by more than a sixteenth of the time
 * since the last look, the printers are the slower side and the reader
 * takes a share from them; the other way round, the reader is the slower
 * and gives one back. A share handed to the reader is handed once every batch
 * before is printed (its conversations' state then is all there); one
 * handed back needs no wait, since the reader prints its share of a
 * batch before publishing the next. When the split swings back and
 * forth, the looks grow rarer.
 */
static void balance(struct pr_pipe *p)
{
	int64_t idle, net, span;
	int move = 0;

	if (p->swing) {
		/* all the way to the reader and back, batch by batch */
		move = p->last ? p->last : 1;
		if ((move > 0 && p->mine == PIPE_SHARES) ||
		    (move < 0 && p->mine == 0))
			move = -move;
		p->last = 0;
		goto moved;
	}
	if (++p->since < p->win)
		return;
	idle = __atomic_load_n(&p->idle, __ATOMIC_RELAXED) / p->nw;
	net = p->full - idle;
	span = now_ns() - p->looked;
	if (net > span / 16 && p->mine < PIPE_SHARES)
		move = 1;
	else if (-net > span / 16 && p->mine > 0)
		move = -1;
moved:
	if (move) {
		if (p->last && move != p->last)
			p->win = p->win * 2 > PIPE_WIN_MAX ? PIPE_WIN_MAX
							    : p->win * 2;
		p->last = move;
		if (move > 0) {
			while (p->written < p->published)
				gather(p, 1);
			p->owner[p->mine++] = (uint8_t)p->nw;
		} else {
			p->mine--;
			p->owner[p->mine] = (uint8_t)(p->mine % p->nw);
		}
		p->moves++;
	}
	balance_reset(p);
}

static void publish(struct pr_pipe *p)
{
	struct pipe_slot *s = &p->slot[p->published % p->nslots];

	if (!s->n)
		return;
	memcpy(s->owner, p->owner, sizeof(s->owner));
	__atomic_store_n(&s->done, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&p->published, p->published + 1, __ATOMIC_SEQ_CST);
	wake(p, &p->work);
	/* the reader's own share, while the threads print theirs */
	print_share(&p->w[p->nw], s);
	/* the batches already done go out now, without waiting */
	while (p->written < p->published && gather(p, 0))
		;
	if (!p->serial)
		balance(p);
}

/* Every batch printed and gathered: the workers are idle. */
static void drain(struct pr_pipe *p)
{
	publish(p);
	while (p->written < p->published)
		gather(p, 1);
}

/* Waits until the slot to fill next is free: its last batch gathered. */
static void slot_free(struct pr_pipe *p)
{
	while (p->published - p->written >= p->nslots)
		if (!gather(p, 0)) {
			int64_t t = now_ns();

			gather(p, 1);
			t = now_ns() - t;
			p->full += t;
			p->tot_full += t;
		}
}

int pr_pipe_packet(struct pr_pipe *p, const struct pcap_pkthdr *h,
		   const uint8_t *pkt)
{
	struct pipe_pkt look_k = { .tcpv = 0 };
	struct pipe_slot *s;
	struct pipe_pkt *k;
	uint32_t cap = h->caplen;
	int route;

	if (p->err)
		return p->err;
	if (!p->serial) {
		/*
		 * The batch is published before the packet that does not fit
		 * is routed: the split (balance()) changes between batches,
		 * and every packet of a batch is routed by that batch's.
		 */
		slot_free(p);
		s = &p->slot[p->published % p->nslots];
		if (s->n && (s->n == PIPE_BATCH ||
			     s->dlen + cap > PIPE_BATCH_BYTES)) {
			publish(p);
			slot_free(p);
		}
	}
	look_k.tcpv = 0;
	route = header_bad(h) ? -1 : look(p, h, pkt, &look_k);
	if (route < 0 || p->serial) {
		/* a copy: a cut mapped file faults here, not while printing */
		if (!header_bad(h))
			memcpy(p->scratch, pkt, cap);
		if (!p->serial) {
			drain(p);
			p->serial = 1;
		}
		p->run = route < 0 ? 0 : p->run + 1;
		if (p->run >= PIPE_RUN) {
			p->serial = 0;
			balance_reset(p);
		}
		p->nserial++;
		pr_packet(p->master, &p->out, h, p->scratch);
		return flush_out(p, PIPE_FLUSH);
	}

	s = &p->slot[p->published % p->nslots];
	k = &s->pk[s->n];
	if (p->stable) {
		/* the bytes held in place count as a copy's would */
		k->data = pkt;
		s->dlen += cap;
	} else {
		memcpy(s->data + s->dlen, pkt, cap);
		k->data = s->data + s->dlen;
		s->dlen += cap;
	}
	s->n++;
	k->h = *h;
	s->route[s->n - 1] = (uint8_t)route;
	k->tcph = look_k.tcph;
	k->tcpv = look_k.tcpv;
	if (s->ref) {
		struct pipe_ref *r = &s->ref[s->n - 1];

		r->set = p->master->ref_set;
		r->sec = p->master->ref_sec;
		r->frac = p->master->ref_frac;
	}
	pr_ts_advance(p->master, (int64_t)h->ts.tv_sec,
		      (int64_t)h->ts.tv_usec);
	return p->err;
}

/* Ends the threads (after the batches published). */
static void stop(struct pr_pipe *p)
{
	unsigned i;

	pthread_mutex_lock(&p->mu);
	__atomic_store_n(&p->quit, 1, __ATOMIC_SEQ_CST);
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nw; i++) {
		if (p->w[i].started)
			pthread_join(p->w[i].th, NULL);
		p->w[i].started = 0;
	}
}

int pr_pipe_finish(struct pr_pipe *p)
{
	unsigned i;

	drain(p);
	p->cpu[p->nw] = cpu_ns();
	stop(p);
	for (i = 0; i <= p->nw; i++)
		pr_generic_merge(p->master, p->w[i].c);
	if (p->out.oom && !p->err)
		p->err = -ENOMEM;
	flush_out(p, 0);
	return p->err;
}

uint64_t pr_pipe_generic_summary(const struct pr_pipe *p, char *buf,
				 size_t len)
{
	return pr_generic_summary(p->master, buf, len);
}

uint64_t pr_pipe_foreign(const struct pr_pipe *p)
{
	uint64_t n = p->master->pipe_foreign;
	unsigned i;

	for (i = 0; i <= p->nw; i++)
		n += p->w[i].c->pipe_foreign;
	return n;
}

const uint8_t *pr_pipe_oldest(const struct pr_pipe *p)
{
	const struct pipe_slot *s = &p->slot[p->written % p->nslots];

	return s->n ? s->pk[0].data : NULL;
}

uint64_t pr_pipe_serial(const struct pr_pipe *p)
{
	return p->nserial;
}

void pr_pipe_waits(const struct pr_pipe *p, char *buf, size_t len)
{
	size_t n;
	unsigned i;

	n = (size_t)snprintf(buf, len,
			     "the reader waited %.1f ms on a full ring, the workers %.1f ms for batches; CPU ms:",
			     (double)p->tot_full / 1e6,
			     (double)p->tot_idle / 1e6);
	for (i = 0; i <= p->nw && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, " %s%.0u %.1f",
				      i == p->nw ? "reader" : "worker ",
				      i == p->nw ? 0 : i + 1,
				      (double)p->cpu[i] / 1e6);
	for (i = 0; i <= p->nw && n < len; i++) {
		const struct pipe_worker *w = &p->w[i];

		n += (size_t)snprintf(buf + n, len - n,
				      "; %s%.0u: %llu packets printed in batches, %.0f ns each",
				      i == p->nw ? "reader" : "worker ",
				      i == p->nw ? 0 : i + 1,
				      (unsigned long long)w->npk,
				      w->npk ? (double)w->tpr / (double)w->npk
					     : 0.0);
	}
}

void pr_pipe_swing(struct pr_pipe *p)
{
	p->swing = 1;
}

unsigned pr_pipe_split(const struct pr_pipe *p, uint64_t *moves)
{
	if (moves)
		*moves = p->moves;
	return p->mine;
}

/* ---- making and freeing ---- */

static void share(struct pr_pipe *p, struct pr_ctx *c)
{
	c->tcpsh = p->sh;
	c->ntcpsh = PIPE_SHARES;
	c->tcpsh_owner = p->owner;
}

struct pr_pipe *pr_pipe_new(char *err, const struct pr_opts *o, int dlt,
			    unsigned nworkers, int stable, int fd)
{
	struct pr_pipe *p;
	unsigned i, j;
	int rc;

	if (nworkers < 1 || nworkers > PR_PIPE_MAX_WORKERS) {
		hx_err(err, -EINVAL, "cannot print on %u threads (1 to %u)",
		       nworkers, PR_PIPE_MAX_WORKERS);
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		goto nomem;
	p->o = *o;
	p->fd = fd;
	p->stable = stable;
	p->nw = nworkers;
	/*
	 * Sixteen batches in flight ride out a thread's slower spells on a
	 * shared machine better than eight (the slowest quarter of the runs
	 * of the benchmark's -n: 0.186 s against 0.223); a hex dump's text,
	 * ten times longer, keeps to eight, for memory.
	 */
	p->nslots = o->xflag || o->Xflag ? PIPE_SLOTS_HEX : PIPE_SLOTS;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	hx_buf_init(&p->out);
	/*
	 * With one printing thread the reader starts with an eighth of the
	 * printing, with more with none; balance() moves the split.
	 */
	p->mine = nworkers == 1 ? PIPE_SHARES / 8 : 0;
	p->win = PIPE_WIN;
	p->looked = now_ns();
	for (i = 0; i < PIPE_SHARES; i++)
		p->owner[i] = (uint8_t)(i < p->mine ? nworkers : i % nworkers);
	p->w = calloc(nworkers + 1, sizeof(*p->w));
	p->sh = calloc(PIPE_SHARES, sizeof(*p->sh));
	p->slot = calloc(p->nslots, sizeof(*p->slot));
	p->scratch = malloc(PR_MAX_SNAPLEN);
	if (!p->w || !p->sh || !p->slot || !p->scratch ||
	    hx_buf_grow(&p->out, PIPE_FLUSH + 65536) < 0)
		goto nomem;
	for (i = 0; i < p->nslots; i++) {
		p->slot[i].data = stable ? NULL :
				  malloc(PIPE_BATCH_BYTES + PR_MAX_SNAPLEN);
		p->slot[i].out = aligned_alloc(_Alignof(struct pipe_out),
					       (nworkers + 1) *
						       sizeof(struct pipe_out));
		if (p->slot[i].out)
			memset(p->slot[i].out, 0,
			       (nworkers + 1) * sizeof(struct pipe_out));
		p->slot[i].ends = calloc((size_t)(nworkers + 1) * PIPE_BATCH,
					 sizeof(size_t));
		if (o->tflag == 3 || o->tflag == 5) {
			p->slot[i].ref = calloc(PIPE_BATCH, sizeof(struct pipe_ref));
			if (!p->slot[i].ref)
				goto nomem;
		}
		if ((!stable && !p->slot[i].data) || !p->slot[i].out ||
		    !p->slot[i].ends)
			goto nomem;
		/*
		 * Room for a batch's text from the start (its pages are
		 * touched only as they fill): a buffer grown while the threads
		 * run moves, and every move or trim of memory stops the other
		 * cores to flush their address translations.
		 */
		for (j = 0; j <= nworkers; j++)
			if (hx_buf_grow(&p->slot[i].out[j].b, PIPE_OUT_START) < 0)
				goto nomem;
	}
	p->master = pr_new(err, o, dlt);
	if (!p->master)
		goto fail;
	share(p, p->master);
	for (i = 0; i <= nworkers; i++) {
		p->w[i].p = p;
		p->w[i].i = i;
		p->w[i].c = pr_new(err, o, dlt);
		if (!p->w[i].c)
			goto fail;
		share(p, p->w[i].c);
		p->w[i].c->pipe_worker = i + 1;
	}
	for (i = 0; i < nworkers; i++) {
		rc = pthread_create(&p->w[i].th, NULL, worker_main, &p->w[i]);
		if (rc) {
			hx_err(err, -rc, "cannot start a printing thread: %s",
			       strerror(rc));
			goto fail;
		}
		p->w[i].started = 1;
	}
	return p;
nomem:
	hx_err(err, -ENOMEM, "cannot allocate the printing pipeline: %s",
	       strerror(ENOMEM));
fail:
	pr_pipe_free(p);
	return NULL;
}

void pr_pipe_free(struct pr_pipe *p)
{
	unsigned i;

	if (!p)
		return;
	if (p->w)
		stop(p);
	for (i = 0; p->w && i <= p->nw; i++)
		pr_free(p->w[i].c);
	pr_free(p->master);
	for (i = 0; p->sh && i < PIPE_SHARES; i++) {
		pr_tcptab_release(&p->sh[i].tcp4);
		pr_tcptab_release(&p->sh[i].tcp6);
	}
	for (i = 0; p->slot && i < p->nslots; i++) {
		unsigned j;

		for (j = 0; p->slot[i].out && j <= p->nw; j++)
			hx_buf_release(&p->slot[i].out[j].b);
		free(p->slot[i].out);
		free(p->slot[i].ends);
		free(p->slot[i].data);
		free(p->slot[i].ref);
	}
	free(p->slot);
	free(p->sh);
	free(p->w);
	free(p->scratch);
	hx_buf_release(&p->out);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
