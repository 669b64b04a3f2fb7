/* print-int.h: what the protocol printers share: the context, output, names, dispatch. */
#ifndef CAP_PRINT_INT_H
#define CAP_PRINT_INT_H

#include <net/if.h>
#include <stdint.h>

#include "capture/decode.h"
#include "capture/pkt.h"
#include "capture/print.h"

/*
 * Every printer has this shape: p points at its header, len is the length
 * the layer below claims for it (tcpdump's "length", which may exceed what
 * was captured). Captured bytes are the context's pk range. A printer
 * returns 0 when it is done, or PR_STOP after a short capture made it
 * print the "[|proto]" marker: the callers then print nothing more for the
 * packet (tcpdump longjmps there) and the hex dumps start at the link
 * layer. Printers that hit a short capture on a path where tcpdump returns
 * normally print the marker with pr_trunc() and return 0.
 */
#define PR_STOP (-99) /* distinct from the -1 helpers use for "cut short" */

struct pr_ctx;

/*
 * Asks the cache for the slot of the conversation of hash (pr_tcp_hash) in
 * c's table of IPv6 (v6) or IPv4 conversations, a few packets before it is
 * printed: a printer of a pipeline calls it for its own packets only.
 */
void pr_tcp_prefetch(const struct pr_ctx *c, uint32_t hash, int v6);
typedef int (*pr_fn)(struct pr_ctx *c, const uint8_t *p, unsigned len);

/* Dispatch tables: key -> printer, searched in order. */
struct pr_disp {
	uint32_t key;
	pr_fn fn;
};

/* Value -> name tables (tcpdump's struct tok), ended by { 0, NULL }. */
struct pr_tok {
	uint32_t v;
	const char *s;
};

/* A host named through pr_name_add. */
struct pr_host {
	int af;
	uint8_t addr[16];
	char *name;
};

/*
 * One TCP conversation's initial sequence numbers, keyed like tcpdump's
 * table (addresses ordered by port, then address), so that -S off prints
 * sequence numbers relative to them. The two addresses follow: 4 bytes
 * each (24-byte slots) or 16 (48-byte slots).
 */
struct pr_tcpconv {
	uint32_t port;
	uint32_t valid;
	struct cap_tcp_rel rel; /* the relative numbers' bases */
	uint8_t addr[];		/* source, destination */
};

/*
 * The conversations of one address family, as tcpdump keeps IPv4 and IPv6
 * apart: an open-addressing table (linear probing) that doubles when three
 * quarters full. tcpdump never forgets a conversation, so neither does
 * this: the table only grows, and a packet allocates nothing but at a
 * doubling: 24 bytes a slot for IPv4, 48 for IPv6, between 4/3 and 8/3
 * slots a conversation (100,000 IPv4 ones: 6 MB, 9 MB while doubling).
 */
struct pr_tcptab {
	unsigned char *slots;
	size_t cap;  /* slots, a power of 2; 0 before the first conversation */
	size_t n;    /* conversations */
	size_t alen; /* 4 or 16 */
};

/* The largest packet pr_packet prints, as tcpdump 4.99.3's MAXIMUM_SNAPLEN. */
#define PR_MAX_SNAPLEN 262144

#define PR_TCP_INIT 1024 /* slots of the first table; a power of 2 */

/* One of the shares a pipeline's printers split the conversations into. */
struct pr_tcpshard {
	struct pr_tcptab tcp4, tcp6;
};

/*
 * The hash of the conversation of a segment (sa and da alen-byte
 * addresses), and the share of n that holds it: the printer's own
 * choice, for pr-pipe.c.
 */
uint32_t pr_tcp_hash(const uint8_t *sa, const uint8_t *da, size_t alen,
		     uint16_t sport, uint16_t dport);
unsigned pr_tcp_shard(uint32_t hash, unsigned n);
/* Whether a TCP segment or UDP datagram between these ports reaches no
 * state of the printer but TCP's conversation tables (pr-pipe.c). */
int pr_tcp_ports_stateless(uint16_t sport, uint16_t dport);
int pr_udp_ports_stateless(uint16_t sport, uint16_t dport, int qflag);

struct pr_ctx;
/* Frees both conversation tables (pr_free); they start afresh. */
void pr_tcp_release(struct pr_ctx *c);
/* Frees a table (hx_big's) and empties it; accepts an empty one. */
void pr_tcptab_release(struct pr_tcptab *tab);

/*
 * Marks a use of state that carries from packet to packet, other than the
 * TCP conversations and the timestamp reference: pr-pipe.c keeps the
 * packets that reach it with the printer that owns it, and counts any
 * that does not.
 */
#define PR_SEQ_STATE(c)                        \
	do {                                   \
		if ((c)->pipe_worker)          \
			(c)->pipe_foreign++;   \
	} while (0)

#define PR_GENERIC_MAX 32 /* protocols pr_generic tells apart */
#define PR_IFCACHE 8
#define PR_ACACHE 64
#define PR_FLOWS 128

/* The "src.port > dst.port: " text of a TCP or UDP flow. */
struct pr_flow {
	uint8_t key[40];
	uint8_t klen;
	uint8_t len;
	char s[110];
};

/* A formatted address, kept because traffic repeats its addresses. */
struct pr_acache {
	uint8_t key[16];
	uint8_t af;
	uint8_t len;
	char s[46];
};

/*
 * ISAKMP's initiator cookies, to tell I from R as tcpdump does: a ring
 * of the last PR_IKE_COOKIES exchanges' cookies and addresses. All zero
 * at first, as tcpdump's table is.
 */
#define PR_IKE_COOKIES 20
struct pr_ike_cookie {
	uint8_t initiator[8];
	uint8_t version; /* 4 or 6; 0: never recorded */
	uint8_t iaddr[16];
	uint8_t raddr[16];
};

struct pr_ctx {
	struct pr_opts o;
	int dlt;
	pr_fn link;
	int suppress_default; /* -q, -x, -X: no hex for unknown payloads */

	/* The packet being printed. */
	struct hx_buf *out;
	struct pk pk;
	const struct pcap_pkthdr *h;
	const char *proto;   /* the name in " [|proto]" */
	unsigned ll_hdr_len; /* where -x and -X start (not -xx, -XX) */
	int stopped;         /* a printer returned PR_STOP */
	int ppi_depth;       /* PPI frames inside PPI frames (print-ppi.c) */

	/* The network layer under the transport printer being run. */
	const uint8_t *iph;
	int ipver;
	int fragmented;
	/* The TCP or UDP ports, set before the port dispatch. */
	uint16_t sport;
	uint16_t dport;

	/* Timestamps: -ttt/-ttttt reference and the per-second cache. */
	int ref_set;
	int64_t ref_sec;
	int64_t ref_frac;
	int64_t tm_sec;	   /* the second tm_str was made for, or -1 */
	int tm_date;	   /* tm_str includes the date */
	char tm_str[32];
	size_t tm_len;

	/* Names. */
	struct pr_host *hosts;
	size_t nhosts;
	size_t hosts_cap;

	/* TCP relative sequence numbers. */
	struct pr_tcptab tcp4, tcp6;
	/*
	 * In a pipeline (pr-pipe.c): the shared tables, split in ntcpsh
	 * shares by conversation (when set, tcp4/tcp6 stay unused), and
	 * the printer that owns each share; this printer's number plus one
	 * (0: the one that owns all state, printing while the others wait),
	 * and how often it reached state that is not its own (never, unless
	 * pr-pipe.c sent it a packet it should have kept).
	 */
	struct pr_tcpshard *tcpsh;
	unsigned ntcpsh;
	const uint8_t *tcpsh_owner; /* each share's printer (0...) */
	unsigned pipe_worker;
	uint64_t pipe_foreign;

	/* Recent flows' address and port text (TCP and UDP). */
	struct pr_flow flows[PR_FLOWS];

	/* Where ICMP builds its message before printing it whole. */
	struct hx_buf aside;

	/* Numeric IPv4/IPv6 text of recently printed addresses. */
	struct pr_acache acache[PR_ACACHE];

	/* LINUX_SLL2 interface names, as tcpdump resolves them. */
	struct {
		uint32_t index;
		char name[IF_NAMESIZE + 1];
	} ifcache[PR_IFCACHE];
	int nifcache;

	/*
	 * Per-capture state of the printers that match replies to calls
	 * or expand compressed headers, each allocated on first use and
	 * freed by pr_free (print-sl.c, print-sunrpc.c, print-rx.c).
	 */
	struct pr_sl_state *sl;
	struct pr_rpc_state *rpc;
	struct pr_rx_state *rx;
	/* ISAKMP's initiator cookies (print-isakmp.c), a ring. */
	struct pr_ike_cookie ike[PR_IKE_COOKIES];
	unsigned ike_next;

	/* Packets printed generically, by protocol (pr_generic). */
	struct {
		const char *proto;
		uint64_t n;
	} generic[PR_GENERIC_MAX];
	size_t ngeneric;
	uint64_t generic_other; /* packets of protocols past the table */
	int generic_this;	/* the current packet is counted already */
};

/*
 * Says that the packet being printed was printed generically (a hex dump,
 * "UNSUPPORTED", a bare length) for protocol proto, a string that lives as
 * long as the context (a literal), where tcpdump 4.99.3 decodes it. The
 * first call for a packet counts it; pr_generic_summary tells the totals.
 * Call it only where tcpdump prints more than dumplab does: where tcpdump
 * itself prints the same fallback, the text is exact and needs no note.
 */
void pr_generic(struct pr_ctx *c, const char *proto);
/* Adds src's counts of packets printed generically to dst's (pr-pipe.c). */
void pr_generic_merge(struct pr_ctx *dst, const struct pr_ctx *src);

/* ---- output ---- */

/* Appends n bytes (pr_putn's path for long pieces). */
void pr_putn_long(struct pr_ctx *c, const char *s, size_t n);

/*
 * Appends n bytes. Most pieces are a few bytes long: a byte loop beats a
 * memcpy call for those, and this is the printer's hottest path. The
 * buffer's terminating NUL is written once per packet, by pr_packet.
 */
static inline __attribute__((always_inline)) void
pr_putn(struct pr_ctx *c, const char *s, size_t n)
{
	struct hx_buf *b = c->out;

	/* a literal's size is known: copies of up to 64 stay inline */
	if (__builtin_constant_p(n) ? n > 64 : n > 16) {
		pr_putn_long(c, s, n);
		return;
	}
	if (b->cap - b->len <= n && hx_buf_grow(b, n) < 0)
		return;
	if (__builtin_constant_p(n)) {
		/* a literal: the compiler turns this into a few moves */
		memcpy(b->p + b->len, s, n);
	} else {
		/*
		 * Any other length: two loads of a word each, from the start
		 * and the end (overlapping when shorter than two words), then
		 * their stores, rather than a byte loop.
		 */
		char *d = b->p + b->len;

		if (n >= 8) {
			uint64_t x, y;

			memcpy(&x, s, 8);
			memcpy(&y, s + n - 8, 8);
			memcpy(d, &x, 8);
			memcpy(d + n - 8, &y, 8);
		} else if (n >= 4) {
			uint32_t x, y;

			memcpy(&x, s, 4);
			memcpy(&y, s + n - 4, 4);
			memcpy(d, &x, 4);
			memcpy(d + n - 4, &y, 4);
		} else if (n) {
			char x = s[0], y = s[n / 2], z = s[n - 1];

			d[0] = x;
			d[n / 2] = y;
			d[n - 1] = z;
		}
	}
	b->len += n;
}

static inline __attribute__((always_inline)) void
pr_puts(struct pr_ctx *c, const char *s)
{
	pr_putn(c, s, strlen(s));
}

static inline __attribute__((always_inline)) void
pr_putc(struct pr_ctx *c, char ch)
{
	struct hx_buf *b = c->out;

	if (b->cap - b->len <= 1 && hx_buf_grow(b, 1) < 0)
		return;
	b->p[b->len++] = ch;
}

void pr_uint(struct pr_ctx *c, uint64_t v);	      /* %u */
void pr_int(struct pr_ctx *c, int64_t v);	      /* %d */
void pr_hex(struct pr_ctx *c, uint32_t v, int width); /* %0<width>x, 0: %x */
/*
 * printf into the output, for the conversions d i u x X c s % only, with
 * the flags 0 # -, a width and the length modifiers h hh l ll z j. Anything
 * else (a precision, '*', floating point) is not understood and comes out
 * as written: use pr_printf_libc for those.
 */
void pr_printf(struct pr_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* printf into the output through vsnprintf: every conversion, slower. */
void pr_printf_libc(struct pr_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A span of seconds as tcpdump's unsigned_relts_print: "1y1w1d1h1m1s", "0s". */
void pr_relts(struct pr_ctx *c, uint32_t secs);

/* " [|proto]" with the current protocol name. */
void pr_trunc(struct pr_ctx *c);
/* The same, then unwind: returns PR_STOP for the caller to return. */
int pr_stop(struct pr_ctx *c);
/* " (invalid)" */
void pr_invalid(struct pr_ctx *c);

/* Reads a field or stops the packet as tcpdump's GET_ macros do. */
#define PR_U8(c, p, v)                                                   \
	do {                                                             \
		if (!pk_u8(&(c)->pk, (p), &(v)))                         \
			return pr_stop(c);                               \
	} while (0)
#define PR_BE16(c, p, v)                                                 \
	do {                                                             \
		if (!pk_be16(&(c)->pk, (p), &(v)))                       \
			return pr_stop(c);                               \
	} while (0)
#define PR_BE24(c, p, v)                                                 \
	do {                                                             \
		if (!pk_be24(&(c)->pk, (p), &(v)))                       \
			return pr_stop(c);                               \
	} while (0)
#define PR_BE32(c, p, v)                                                 \
	do {                                                             \
		if (!pk_be32(&(c)->pk, (p), &(v)))                       \
			return pr_stop(c);                               \
	} while (0)
/* The little-endian fields of the few links that are written so. */
#define PR_LE16(c, p, v)                                                 \
	do {                                                             \
		if (!pk_le16(&(c)->pk, (p), &(v)))                       \
			return pr_stop(c);                               \
	} while (0)
#define PR_LE32(c, p, v)                                                 \
	do {                                                             \
		if (!pk_le32(&(c)->pk, (p), &(v)))                       \
			return pr_stop(c);                               \
	} while (0)
#define PR_COPY(c, p, dst, n)                                            \
	do {                                                             \
		if (!pk_copy(&(c)->pk, (p), (dst), (n)))                 \
			return pr_stop(c);                               \
	} while (0)
/*
 * The same for a function that returns a pointer into the packet (the
 * parsers of DNS and NFS): ok false stops the packet and returns NULL.
 * For example PR_OR_NULL(c, pk_be32(&c->pk, p, &v)).
 */
#define PR_OR_NULL(c, ok)                                                \
	do {                                                             \
		if (!(ok)) {                                             \
			pr_stop(c);                                      \
			return NULL;                                     \
		}                                                        \
	} while (0)
/* PR_U8, PR_BE16 and PR_BE32 for those pointer-returning parsers. */
#define PR_U8_OR_NULL(c, p, v) PR_OR_NULL(c, pk_u8(&(c)->pk, (p), &(v)))
#define PR_BE16_OR_NULL(c, p, v) PR_OR_NULL(c, pk_be16(&(c)->pk, (p), &(v)))
#define PR_BE32_OR_NULL(c, p, v) PR_OR_NULL(c, pk_be32(&(c)->pk, (p), &(v)))
/* Stops unless the n bytes at p were captured (ND_TCHECK_LEN with longjmp). */
#define PR_NEED(c, p, n)                                                 \
	do {                                                             \
		if (!pk_has(&(c)->pk, (p), (n)))                         \
			return pr_stop(c);                               \
	} while (0)

static inline int pr_has(const struct pr_ctx *c, const uint8_t *p, size_t n)
{
	return pk_has(&c->pk, p, n);
}

static inline size_t pr_left(const struct pr_ctx *c, const uint8_t *p)
{
	return pk_left(&c->pk, p);
}

/*
 * Narrows the readable range to len bytes from p (tcpdump's
 * nd_push_snaplen) and returns the old end, for pr_pop_end.
 */
static inline const uint8_t *pr_push_end(struct pr_ctx *c, const uint8_t *p,
					 unsigned len)
{
	const uint8_t *old = c->pk.hi;

	if (pk_left(&c->pk, p) > len)
		c->pk.hi = p + len;
	return old;
}

static inline void pr_pop_end(struct pr_ctx *c, const uint8_t *old)
{
	c->pk.hi = old;
}

/* ---- names and addresses ---- */

const char *pr_tok(const struct pr_tok *t, uint32_t v); /* NULL if absent */
/* The name, or fmt (one %u/%x style conversion of v) when absent. */
void pr_tok_print(struct pr_ctx *c, const struct pr_tok *t, const char *fmt,
		  uint32_t v);
/* Names of the bits set in v, joined by sep; fmt when none is. */
void pr_bittok_print(struct pr_ctx *c, const struct pr_tok *t,
		     const char *sep, const char *fmt, uint32_t v);

/* Addresses, ports and hosts by name (pr-names.c). */
#include "capture/pr-names.h"
/* The -x/-X/-A dumps and tcpdump's character printing (pr-dump.c). */
#include "capture/pr-dump.h"

/* ---- checksums ---- */

/*
 * One's complement sum of the bytes [p, p+n) (which must be captured:
 * check first) added to acc; pr_cksum_fold turns it into the 16-bit
 * Internet checksum (0 when the packet's own checksum is right).
 */
uint32_t pr_cksum_add(uint32_t acc, const uint8_t *p, size_t n);
uint16_t pr_cksum_fold(uint32_t acc);
/* What the checksum field should hold (tcpdump's in_cksum_shouldbe). */
uint16_t pr_cksum_shouldbe(uint16_t field, uint16_t computed);

/* Digit tables of the number and address formatters (print.c). */
extern const char pr_hexdig[];	 /* "0123456789abcdef" */
extern const char pr_hexpair[];	 /* "000102...ff": a byte's two digits */
extern const char pr_digits2[]; /* "00" to "99" */

/* ---- dispatch ---- */

pr_fn pr_lookup(const struct pr_disp *t, uint32_t key);

/* Ethertype names (print-ether.c). */
extern const struct pr_tok ethertype_names[];
/* IP protocol names, tcpdump's ipproto_values (print-ip.c). */
extern const struct pr_tok ipproto_names[];

/* Hands a payload of the given ethertype to its printer: 1 if one took it. */
int ethertype_dispatch(struct pr_ctx *c, unsigned type, const uint8_t *p,
		       unsigned len, int *rc);
/*
 * Counts the packet as printed generically (pr_generic) when tcpdump
 * decodes the ethertype and no printer here does: for the unknown-type
 * fallbacks of the link printers.
 */
void ethertype_generic(struct pr_ctx *c, unsigned type);
/*
 * The one's complement sum of the pseudo-header (RFC 9293 3.1, RFC 8200
 * 8.1) for a transport segment of len bytes under c->iph, with the final
 * destination of a source route; 0 or PR_STOP.
 */
int ip_pseudo_sum(struct pr_ctx *c, unsigned proto, unsigned len,
		  uint32_t *acc);
/* tcpdump's ip_demux_print: the protocol after an IPv4/IPv6 header. */
int ip_demux(struct pr_ctx *c, unsigned proto, const uint8_t *p, unsigned len);

/* ---- the printers ---- */

/*
 * IEEE 802.2 LLC (print-llc.c): the header at p, of a payload of length
 * octets of which caplen were captured; src and dst are the link's MAC
 * addresses, or NULL when it has none to print. Returns 0 when the
 * frame was printed, 1 when no printer took it (the caller then dumps
 * the raw bytes, as tcpdump does), or PR_STOP; *hdrlen is the length of
 * the LLC (and SNAP) header, for -x.
 */
int llc_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
	      unsigned caplen, const uint8_t *src, const uint8_t *dst,
	      unsigned *hdrlen);
/* The SNAP header after an LLC one: the same returns, without hdrlen. */
int snap_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
	       unsigned caplen, const uint8_t *src, const uint8_t *dst);
/* OUI names, tcpdump's oui_values (pr-names.c). */
extern const struct pr_tok oui_names[];

/* Link layers: each sets c->ll_hdr_len. */
int ether_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int sll_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int sll2_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int nflog_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int null_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int raw_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ipnet_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int netlink_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int sl_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int arcnet_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int arcnet_linux_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ltalk_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int sl_bsdos_print(struct pr_ctx *c, const uint8_t *p, unsigned len);

/* Layer 2 control protocols (after LLC/SNAP or an ethertype). */
int stp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int cdp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int dtp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int udld_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int vtp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int lldp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int slow_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int cfm_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ipx_print(struct pr_ctx *c, const uint8_t *p, unsigned len);

/* Network and above. */
int arp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int loopback_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ip_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ip6_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ipn_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int tcp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* The MPTCP option (kind 30) of a segment with these flags: 1, 0 when
 * malformed, PR_STOP. */
int mptcp_print(struct pr_ctx *c, const uint8_t *opt, unsigned len,
		uint8_t flags);
int udp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int icmp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int icmp6_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int igmp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* SCTP and DCCP (print-sctp.c, print-dccp.c): they print their own addresses. */
int sctp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int dccp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* An M3UA message in an SCTP DATA chunk (print-m3ua.c). */
int m3ua_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/*
 * TFTP (print-tftp.c) and SNMP (print-snmp.c) after the UDP addresses
 * and ports: the port table's printers, and what -T tftp / -T snmp call.
 */
int pr_tftp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int pr_snmp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int syslog_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* BOOTP and DHCP on UDP 67 and 68 (print-bootp.c). */
int bootp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* RADIUS on UDP 1645, 1646, 1700, 1812, 1813, 3799 (print-radius.c). */
int radius_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* An EAP packet of len bytes (print-eap.c), as RADIUS and 802.1X carry it. */
int eap_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int eapol_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* PTP on UDP 319/320 and ethertype 0x88f7 (print-ptp.c). */
int ptp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* BIND's lightweight resolver on UDP 921 (print-lwres.c). */
int lwres_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* ISAKMP/IKE headers on UDP 500, 7500, 8500, and RFC 3948's UDP 4500 (print-isakmp.c). */
int isakmp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* DHCPv6 on UDP 546 and 547 (print-dhcp6.c); also a relay message's inner one. */
int dhcp6_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* RESP, Redis's protocol, on TCP port 6379 (print-resp.c); -T resp too. */
int resp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* AppleTalk (print-atalk.c): DDP after a link header ("AT ..."), the same
 * with -v's "et1 " of EtherTalk, AARP, and KIP (1: not LLAP DDP). */
int atalk_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int atalk_et1_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int aarp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int kip_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* AFS Rx on UDP 7000-7009 (print-rx.c); 1: a service it does not decode. */
int rx_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* Kerberos on UDP 88 and 750 (print-krb.c): the version; 1: a v4 message. */
int krb_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int dns_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int dns_tcp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int mdns_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* A DNS name at p, compression pointers resolved against msg; the end of
 * the name's own bytes, NULL when it could not be printed whole. */
const uint8_t *dns_name_print(struct pr_ctx *c, const uint8_t *p,
			      const uint8_t *msg);
/* A DNS type's name ("Type%u" when unnamed) and a class's (fmt when unnamed). */
void dns_type_print(struct pr_ctx *c, unsigned type);
void dns_class_print(struct pr_ctx *c, unsigned cls, const char *fmt);
int ntp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* An NTP timestamp at p, "secs.nanosecs (date)" (tcpdump's p_ntp_time). */
int ntp_time_print(struct pr_ctx *c, const uint8_t *p);
/* The SSH identification string, as ": SSH: SSH-2.0-..." */
int ssh_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* HTTP's first line (-v: every text line); prints its own ": " lead. */
int http_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/*
 * ONC RPC on the NFS port (print-sunrpc.c). The UDP one runs before the
 * checksum is shown, as tcpdump tests for NFS there: it returns 1 when
 * the datagram is no NFS call to, or reply from, port 2049. The TCP one
 * reads the record mark (RFC 5531 11).
 */
int sunrpc_udp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int sunrpc_tcp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);

/* Layer 3 and tunnels. */
/* An Ethernet frame inside a tunnel (print-ether.c): -x keeps the outer start. */
int ether_encap_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int gre_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int mpls_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int vxlan_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int vxlan_gpe_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int otv_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int geneve_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int nsh_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* L2TP on UDP port 1701 (its PPP payloads are printed generically). */
int l2tp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* LDP on UDP and TCP port 646. */
int ldp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* Pseudowire types (RFC 4446) as LDP and LSP ping name them (print-ldp.c). */
extern const struct pr_tok ldp_pw_names[];
/* MPLS LSP ping and traceroute on UDP port 3503 (print-lspping.c). */
int lspping_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* SMI private enterprise numbers (print-radius.c). */
extern const struct pr_tok smi_names[];
/* IPsec (the headers; nothing is decrypted) and IPComp. */
int esp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* UDP port 4500: NAT keep-alive, IKE (not decoded: pr_generic) or ESP. */
int esp_natt_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* The AH header's length (the next protocol follows it), or PR_STOP. */
int ah_print(struct pr_ctx *c, const uint8_t *p);
int ipcomp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* RTP and RTCP (print-rtp.c), only under -T rtp / -T rtcp. */
int rtp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int rtcp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* ICMPv6 router renumbering (138), node information (139, 140), RPL (155). */
int icmp6_rr_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int icmp6_ni_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int rpl_print(struct pr_ctx *c, unsigned code, const uint8_t *p, unsigned len);
/* The IPv6 mobility header: its length, or -1 after a marker; PR_STOP. */
int mobility_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* Routing protocols. */
int vrrp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* PIM (print-pim.c): v2 on IP, v1 after IGMP's "igmp pimv1", auto-RP. */
int pim_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int pimv1_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int autorp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* OSPF (print-ospf.c; OSPFv3 over IPv6: print-ospf6.c). */
int ospf_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ospf6_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* The grace and TE LSA bodies both versions share: 0, 1 when the LSA
 * ends early, PR_STOP. */
int ospf_grace_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ospf_te_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* BGP on TCP 179 (print-bgp.c); prints its own ": BGP" lead. */
int bgp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* A route distinguisher (RFC 4364), 8 bytes, as BGP prints it; 0 or PR_STOP. */
int bgp_rd_print(struct pr_ctx *c, const uint8_t *p);
/* RPKI-RTR on TCP 323 (print-rpki-rtr.c); prints its own ", RPKI-RTR" lead. */
int rpki_rtr_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int eigrp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int babel_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int igrp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* DVMRP after IGMP's "igmp dvmrp" (print-dvmrp.c). */
int dvmrp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* BGP's IPv4/IPv6 prefix (length byte, bytes) for LDP's FEC: the bytes it
 * took, -1 for a bad length, -2 when itemlen ends first, PR_STOP. */
int bgp_prefix_print(struct pr_ctx *c, const char *lead, const uint8_t *p,
		     unsigned itemlen, unsigned maxbits);
int rip_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ripng_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* HSRP (print-hsrp.c): 1 when the destination port is not 1985. */
int hsrp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* BFD (print-bfd.c): 1 when the destination port is not BFD's. */
int bfd_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int bcm_li_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/*
 * Point-to-point links and the ISO network layer (print-ppp.c,
 * print-pppoe.c, print-chdlc.c, print-isoclns.c).
 */
int ppp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ppp_hdlc_if_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ppp_bsdos_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* A PPP frame from its address (or protocol) field, tcpdump's ppp_print;
 * *hdrlen (when not NULL) is the length of its header. */
int ppp_body_print(struct pr_ctx *c, const uint8_t *p, unsigned len,
		   unsigned *hdrlen);
/* Ethertype 0x880b. */
int ppp_ether_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int pppoe_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int pppoe_if_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* DLT_C_HDLC, and a Cisco HDLC header inside another link layer. */
int chdlc_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int chdlc_body_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* An ISO PDU from its NLPID (after LLC's OSI SAP 0xfe, for one). */
int isoclns_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* An NSAP as tcpdump's isonsap_string, after prefix (print-isoclns.c). */
int osi_nsap_print(struct pr_ctx *c, const char *prefix, const uint8_t *p,
		   unsigned len);
/* " (correct)", " (incorrect should be 0x....)" or " (unverified)" for the
 * ISO 8473 checksum sum at off in the len octets at p. */
void osi_cksum_print(struct pr_ctx *c, const uint8_t *p, uint16_t sum,
		     unsigned off, unsigned len);
/* CLNP from its NLPID (print-clnp.c): 1 printed, 0 for the caller's hex
 * dump of a bad header, PR_STOP. */
int clnp_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* ES-IS (print-esis.c). */
int esis_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* IS-IS from its NLPID: 1 printed, 0 for the caller's hex dump, PR_STOP. */
int isis_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* The value of IS-IS's TLV 144 (print-isis-mt.c): 0, 1 when too short
 * for its fixed part (tcpdump's tlv_trunc), PR_STOP. */
int isis_mt_cap_print(struct pr_ctx *c, const uint8_t *t, unsigned tlen);
/* IS-IS's TLV 143 (print-isis-mt.c): 0, PR_STOP, or 1 (too short). */
int isis_mt_port_cap_print(struct pr_ctx *c, const uint8_t *t, unsigned tlen);
/* GMPLS (RFC 4202, 3471) and Diffserv-TE (RFC 4124) names, print-ospf.c's, shared with IS-IS. */
extern const struct pr_tok gmpls_prot_names[], gmpls_switch_names[],
	gmpls_encoding_names[], bc_model_names[];
/* lead, then an IEEE float of bytes per second as "%.3f Mbps"; 0 or PR_STOP. */
int gmpls_bw_print(struct pr_ctx *c, const char *lead, const uint8_t *p);
/*
 * The sub-TLVs of one TLV 22 neighbour (print-isis-reach.c): sum octets
 * of them in the left octets of the TLV; adds what was used to *used.
 * 1, 0 when a sub-TLV is cut by the capture, PR_STOP.
 */
int isis_is_reach_sub_print(struct pr_ctx *c, const uint8_t *p, unsigned sum,
			    unsigned left, unsigned *used);
/* The sub-TLVs of one TLV 135/236 prefix (print-isis-reach.c): 1, 0 after [|isis], PR_STOP. */
int isis_ip_reach_sub_print(struct pr_ctx *c, const uint8_t *p, unsigned total);
/* The OSI ethertype 0xfefe: a pad octet, then isoclns_print. */
int osi_ether_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
extern const struct pr_tok nlpid_names[];
/*
 * An Ethernet frame of caplen captured octets with a switch chip's tag of
 * taglen octets after the addresses, printed by tag (NULL: none).
 */
int ether_switch_print(struct pr_ctx *c, const uint8_t *p, unsigned len,
		       unsigned caplen, pr_fn tag, unsigned taglen);
/* Marvell DSA and EDSA, Broadcom tags (print-dsa.c, print-brcmtag.c). */
int dsa_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int edsa_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int brcm_tag_print_link(struct pr_ctx *c, const uint8_t *p, unsigned len);
int brcm_tag_prepend_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* DLT_FRELAY (print-fr.c). */
int fr_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* A Frame Relay frame from its Q.922 address (tcpdump's fr_print), as
 * an FRF.16 fragment carries it. */
int fr_body_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* DLT_MFR, Multilink Frame Relay (print-mfr.c). */
int mfr_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* Q.933 after its NLPID 0x08 (print-q933.c), from Frame Relay and OSI. */
int q933_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* Every DLT_JUNIPER_* link type, by c->dlt (print-juniper.c). */
int juniper_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* ATM (print-atm.c): DLT_SUNATM, DLT_ATM_RFC1483, DLT_ATM_CLIP. */
int sunatm_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int atm_rfc1483_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int cip_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* An OAM cell of len octets, its HEC octet present (hec 1) or not (0). */
int atm_oam_print(struct pr_ctx *c, const uint8_t *p, unsigned len, unsigned hec);
/*
 * IEEE 802.11 (print-802_11.c): the frame at p of length octets (caplen
 * captured), after a radio header that said whether the MAC header is
 * padded to 4 octets (pad) and how long an FCS ends the frame (fcslen).
 * *hdrlen gets the length tcpdump counts as the frame's header (for -x).
 * 0 or PR_STOP.
 */
int wlan_frame_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
		     unsigned caplen, int pad, unsigned fcslen,
		     unsigned *hdrlen);
/* DLT_IEEE802_11, DLT_IEEE802_11_RADIO (print-radiotap.c), DLT_PRISM_HEADER
 * and DLT_IEEE802_11_RADIO_AVS (print-prism.c), DLT_PPI (print-ppi.c). */
int ieee802_11_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int radiotap_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int prism_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int avs_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
int ppi_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/*
 * The pr_generic name of a link type tcpdump decodes and dumplab does
 * not, or NULL (print.c): PPI shows such an inner frame its own way.
 */
const char *pr_link_generic(int dlt);
/* DLT_IPOIB (print-ipoib.c). */
int ipoib_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* DLT_VSOCK (print-vsock.c). */
int vsock_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* DLT_PKTAP and DLT_USER2 (print-pktap.c). */
int pktap_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* DLT_IEEE802_15_4 and DLT_IEEE802_15_4_NOFCS (print-802_15_4.c). */
int ieee802_15_4_print(struct pr_ctx *c, const uint8_t *p, unsigned len);
/*
 * The printer of a link type tcpdump 4.99.3 decodes (its lookup_printer):
 * this printer's, a counted hex dump for the ones it has none for, or
 * NULL when tcpdump has none either.
 */
pr_fn pr_link_printer(int dlt);

#endif
