/* live.h: a live capture: a thread that enters a host and runs a libpcap handle there. */
#ifndef CAP_LIVE_H
#define CAP_LIVE_H

#include <stddef.h>
#include <stdint.h>
#include <pcap/pcap.h>

#include "capture/pktvec.h" /* struct cap_pkt: kept packets, owned by the capture */

/*
 * Where captured packets go besides memory (a savefile writer with
 * rotation, a printer). Every callback runs in the capture thread. Each
 * returns 0, or a negative code with err (HX_ERRLEN bytes) set, which ends
 * the capture with that error. packet and tick may also return
 * CAP_SINK_END: the sink is done (the savefile writer's -G -W limit), and
 * the capture ends without error, as if cap_live_stop had been called
 * (close still runs; packets already read need not be passed on).
 */
#define CAP_SINK_END 1

struct cap_sink {
	/* After the handle is active, before "ready" is signalled. */
	int (*open)(void *arg, char *err, int dlt, int snaplen);
	/* Every packet the filter kept. */
	int (*packet)(void *arg, char *err, const struct pcap_pkthdr *h,
		      const uint8_t *p);
	/* Optional: milliseconds until tick() is due (-1: no deadline). The
	 * thread polls no longer than that, so time-based rotation happens
	 * with no traffic at all. */
	int (*next_tick_ms)(void *arg);
	int (*tick)(void *arg, char *err);
	/* Once, after the last packet (stop, count reached or error). */
	int (*close)(void *arg, char *err);
	void *arg;
};

struct cap_live_cfg {
	int netfd;		/* the host's network namespace; -1: the caller's */
	const char *device;	/* "eth0", "any", "nflog:5" ... */
	int snaplen;		/* 0: 262144 */
	int promisc;		/* 1: promiscuous (tcpdump's default); 0: -p */
	int direction;		/* TD_DIR_INOUT, TD_DIR_IN, TD_DIR_OUT */
	int immediate;		/* immediate mode (scenarios always set it) */
	int buffer_kib;		/* -B; 0: libpcap's default */
	const char *filter;	/* BPF expression or NULL */
	long count;		/* end after this many packets; 0: no limit */
	int keep;		/* keep every packet in memory for assertions */
	const struct cap_sink *sink; /* or NULL */
	const char *host;	/* the host's name, for messages; or NULL */
};


struct cap_stats {
	unsigned long long received; /* libpcap ps_recv */
	unsigned long long dropped;  /* ps_drop */
	unsigned long long ifdropped; /* ps_ifdrop */
	unsigned long long kept;     /* packets the filter kept */
};

struct cap_live;

/*
 * Starts the capture thread and returns once the handle is open, the filter
 * set and sink->open done: traffic may start then. On failure (unknown
 * device in that host, a filter that does not compile, no permission ...)
 * returns a negative code with err naming the device or filter, and nothing
 * is left running.
 */
int cap_live_start(char *err, const struct cap_live_cfg *cfg,
		   struct cap_live **out);

/*
 * Waits until at least n packets were kept, the capture ended, or
 * timeout_ms passed. Returns the number kept so far.
 */
size_t cap_live_wait_count(struct cap_live *c, size_t n, int timeout_ms);

/*
 * Asks the thread to stop (eventfd: pcap_breakloop cannot wake an NFLOG
 * handle), lets it read what the kernel already queued, runs sink->close,
 * and joins it. Returns 0 or the error that ended the capture, in err.
 * Safe to call after the capture ended on its own (count reached).
 */
int cap_live_stop(struct cap_live *c, char *err);

/*
 * An eventfd (close-on-exec, non-blocking) that becomes readable once the
 * capture thread has ended: on its own (count reached, the sink's end, an
 * error) or after cap_live_stop. For poll() beside a signalfd; owned by
 * the capture, valid until cap_live_free.
 */
int cap_live_done_fd(const struct cap_live *c);

/* After stop: the kept packets, the link type, the snapshot length, stats. */
const struct cap_pkt *cap_live_packets(const struct cap_live *c, size_t *n);
int cap_live_dlt(const struct cap_live *c);
int cap_live_snaplen(const struct cap_live *c);
void cap_live_stats(const struct cap_live *c, struct cap_stats *st);

/* Stops if needed and frees everything. Accepts NULL. */
void cap_live_free(struct cap_live *c);

#endif
