/* actor.h: traffic actors: threads that enter a host and use real sockets there. */
#ifndef NS_ACTOR_H
#define NS_ACTOR_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "harness/hx.h"
#include "netns/zone.h"

/*
 * A host is, here, the file descriptor of its network namespace (netfd);
 * -1 means the caller's own namespace. setns(2) moves only the calling
 * thread, so every actor is a thread of its own that enters the host once
 * and opens its sockets there (every one O_CLOEXEC). A socket stays in the
 * namespace it was made in, whichever thread later uses it.
 *
 * The pieces:
 *   - struct ns_actor: a thread that runs steps in order, one at a time
 *     (connect, send, recv, close, abort, UDP send, ping ...). A step either
 *     blocks until its outcome is known (ns_actor_run) or runs while the
 *     caller goes on (ns_actor_start, then ns_step_wait). Each actor holds
 *     at most one TCP connection and one UDP socket per address family, so
 *     two clients are two actors, which interleave as the caller drives them.
 *   - struct ns_server: a thread that listens on a TCP or UDP port and
 *     serves every connection or datagram until stopped (discard, echo,
 *     answer N bytes, DNS), or hands TCP connections to the caller as
 *     actors (ns_server_accept).
 *   - message builders (DNS, NTP, HTTP) for payloads.
 *
 * Every wait is a poll with a deadline on the socket and on the actor's
 * cancel eventfd; nothing sleeps to synchronise. Timestamps are
 * CLOCK_REALTIME, to set beside capture timestamps.
 */

/* A printed address: "10.0.0.1", "fe80::1%eth0". */
#define NS_ADDRSTRLEN 64
/* A step's timeout when it says 0. */
#define NS_TIMEOUT_DEFAULT_MS 5000

/* What a step ended as. ns_outcome_name() gives the word in parentheses. */
enum ns_outcome {
	NS_PENDING = 0,	/* "pending": not finished yet */
	NS_OK,		/* "ok": did what was asked */
	NS_CONNECTED,	/* "connected": connect: the handshake completed */
	NS_REFUSED,	/* "refused": a RST answered the SYN; UDP and ping:
			 * ICMP port unreachable came back */
	NS_TIMED_OUT,	/* "timed-out": no outcome before the deadline, or the
			 * kernel gave up (SYN retries exhausted); ping: some
			 * reply missing */
	NS_RESET,	/* "reset": the peer reset the connection */
	NS_UNREACHABLE,	/* "unreachable": no route, or ICMP host/network
			 * unreachable */
	NS_EOF,		/* "eof": recv: the peer closed (before N bytes, or
			 * as asked when N is 0) */
	NS_CANCELLED,	/* "cancelled": ns_actor_cancel or free came first */
	NS_FAILED,	/* "failed": anything else; error and msg say what */
};

const char *ns_outcome_name(enum ns_outcome o);

/* One echo reply a ping step received. */
struct ns_ping_reply {
	uint16_t seq;		/* its sequence number (requests count from 1) */
	uint8_t ttl;		/* TTL or hop limit it arrived with (0: unknown) */
	uint32_t rtt_us;	/* round trip, CLOCK_MONOTONIC */
	struct timespec at;	/* when it arrived, CLOCK_REALTIME */
};

/*
 * What a step did. Filled in the actor's thread; read it only once the
 * step is done (ns_actor_run returned, or ns_step_wait said so). The
 * buffers and the reply array belong to the result: ns_result_release()
 * frees them (running a step again releases them first).
 */
struct ns_result {
	enum ns_outcome outcome;
	int error;		/* the errno behind the outcome, or 0 */
	char msg[HX_ERRLEN];	/* one line saying what happened */
	struct timespec start;	/* CLOCK_REALTIME: the step began */
	struct timespec end;	/* CLOCK_REALTIME: its outcome was known */
	uint64_t sent;		/* payload bytes written (TCP or UDP) */
	uint64_t received;	/* in-band payload bytes read */
	struct hx_buf data;	/* recv: the bytes read (none with discard);
				 * UDP recv: the datagram */
	struct hx_buf urgent;	/* recv: urgent bytes (MSG_OOB) received */
	size_t unread;		/* close: bytes left unread, which makes the
				 * kernel send a RST instead of a FIN */
	/* The socket's two ends once known (connect, UDP, ping). */
	char local[NS_ADDRSTRLEN];
	uint16_t lport;		/* ping: the ICMP identifier */
	char peer[NS_ADDRSTRLEN];
	uint16_t pport;
	/* Ping and paced UDP. */
	unsigned count;		/* echo requests or datagrams sent */
	unsigned errors;	/* ICMP errors or failed sends */
	unsigned replies;	/* echo replies received, reply[0..replies) */
	struct ns_ping_reply *reply;
	int pingsock;		/* ping: 1 through a ping socket, 0 raw */
};

void ns_result_release(struct ns_result *r);

enum ns_step_kind {
	/* TCP, on the actor's one connection. */
	NS_CONNECT,	/* addr port [src sport] timeout_ms: a new connection */
	NS_SEND,	/* data len timeout_ms */
	NS_URGENT,	/* data len: sent with MSG_OOB (the last byte is urgent) */
	NS_RECV,	/* want (0: until EOF) timeout_ms [discard] */
	NS_SHUTDOWN,	/* shutdown(SHUT_WR): a FIN, reading goes on */
	NS_CLOSE,	/* orderly close */
	NS_ABORT,	/* close with SO_LINGER 0: a RST */
	NS_BULK,	/* len bytes as fast as the peer takes them;
			 * timeout_ms bounds a stall, not the whole */
	/* UDP, on the actor's socket of the address's family. */
	NS_UDP_SEND,	/* addr port data len [src sport dev ttl] */
	NS_UDP_RECV,	/* [sport] timeout_ms: one datagram, or an ICMP error */
	NS_UDP_PACED,	/* addr port count len rate [src sport dev ttl] */
	/* ICMP. */
	NS_PING,	/* addr count interval_ms len timeout_ms [dev ttl ping] */
};

enum ns_ping_mode {
	NS_PING_AUTO = 0, /* a ping socket (setting ping_group_range in the
			   * host if needed; never in the caller's own
			   * namespace, netfd -1), else a raw socket */
	NS_PING_DGRAM,	/* a ping socket only */
	NS_PING_RAW,	/* a raw socket only */
};

/*
 * A step: what to do, and its result. Zero-initialise it (designated
 * initialisers) and fill what the kind needs:
 *
 *   struct ns_step s = { .kind = NS_CONNECT, .addr = "10.0.0.2",
 *                        .port = 2800, .timeout_ms = 3000 };
 *   if (ns_actor_run(err, a, &s) < 0) ...   // could not run at all
 *   if (s.res.outcome == NS_REFUSED) ...
 *   ns_result_release(&s.res);
 *
 * The strings and data it points to must live until the step is done.
 */
struct ns_step {
	enum ns_step_kind kind;
	const char *addr;	/* the peer: "10.0.0.2", "fd00::2",
				 * "fe80::2%eth0", "224.0.0.251", "ff02::fb";
				 * an interface name after % is the host's */
	uint16_t port;		/* the peer's port */
	const char *src;	/* connect, UDP: local address to bind, or NULL */
	uint16_t sport;		/* connect, UDP: local port; 0: the kernel's.
				 * UDP recv: the port to receive on */
	const char *dev;	/* UDP: the interface multicast leaves by
				 * (IP_MULTICAST_IF / IPV6_MULTICAST_IF), or
				 * for unicast and ping SO_BINDTODEVICE */
	int ttl;		/* UDP, ping: TTL or hop limit; 0: the kernel's */
	const void *data;	/* send, urgent, UDP: the payload; NULL: len
				 * bytes of a pattern (ping: iputils' own) */
	size_t len;		/* its length; bulk: bytes in all; paced: each
				 * datagram's; ping: payload size (0: 56) */
	size_t want;		/* recv: bytes to read; 0: until the peer closes */
	unsigned count;		/* ping: requests (0: 1); paced: datagrams */
	unsigned interval_ms;	/* ping: between requests (0: 1000) */
	unsigned rate;		/* paced: datagrams per second (0: no pacing) */
	int timeout_ms;		/* the step's deadline (0: NS_TIMEOUT_DEFAULT_MS,
				 * < 0: none but cancel); ping: how long to
				 * wait for replies after the last request */
	int discard;		/* recv: count the bytes, keep none */
	enum ns_ping_mode ping;
	struct ns_result res;	/* the outcome */

	/* Private to the actor. */
	struct ns_actor *actor_;
	struct ns_step *next_;
	int done_;
	int rc_;	/* < 0: the step could not run (ns_actor_run's code) */
};

struct ns_actor;

/*
 * Starts an actor: a thread that enters the host (netfd; -1: stay in the
 * caller's namespace) and waits for steps. host names it in messages (NULL:
 * "netns fd N"). Returns once the thread is in the host, or a negative code
 * with err saying why (the host's fd is not a network namespace, no
 * permission ...), with nothing left running. The actor does not own netfd.
 */
int ns_actor_new(char *err, int netfd, const char *host, struct ns_actor **out);

/*
 * Runs a step and returns when its outcome is known, or at once with
 * -EINVAL and err set when the step cannot run at all (a bad address,
 * a step that needs a connection the actor does not have, a socket the
 * host refuses ...). Network outcomes (refused, timed out, reset) are not
 * errors: they are the result, and the call returns 0. Steps already
 * queued by ns_actor_start run first. Any thread may call it.
 */
int ns_actor_run(char *err, struct ns_actor *a, struct ns_step *s);

/*
 * Queues a step and returns at once (0, or -EBUSY if s is still queued or
 * running). The actor runs its steps in the order given; wait for each with
 * ns_step_wait. Bad arguments then show in s->res (outcome NS_FAILED).
 */
int ns_actor_start(char *err, struct ns_actor *a, struct ns_step *s);

/*
 * Waits until s is done or timeout_ms passes (< 0: no limit). Returns 0
 * when done, -ETIMEDOUT otherwise. A step the actor ran or cancelled stays
 * done; waiting on it again returns 0 at once, even after the actor is
 * freed.
 */
int ns_step_wait(struct ns_step *s, int timeout_ms);

/*
 * Ends the running step and every queued or later one with NS_CANCELLED
 * (for Ctrl-C). Any thread; the actor stays valid until freed.
 */
void ns_actor_cancel(struct ns_actor *a);

/* Totals over the actor's life, any thread, any time. */
struct ns_actor_stats {
	uint64_t sent, received, urgent; /* TCP payload bytes */
	uint64_t udp_sent, udp_received; /* datagrams */
	unsigned steps;			 /* steps done */
};
void ns_actor_stats(struct ns_actor *a, struct ns_actor_stats *st);

/*
 * Cancels what is left, closes the actor's sockets (an open connection
 * closes as NS_CLOSE would), joins the thread and frees it. Every step it
 * had is done afterwards; threads waiting on one return first. No step may
 * be started on it meanwhile. Accepts NULL.
 */
void ns_actor_free(struct ns_actor *a);

/* ---- servers ------------------------------------------------------------ */

enum ns_serve {
	NS_SERVE_ACCEPT = 0, /* TCP: connections wait for ns_server_accept */
	NS_SERVE_DISCARD,    /* read and drop; UDP: count datagrams */
	NS_SERVE_ECHO,	     /* send back what arrives (UDP too) */
	NS_SERVE_ANSWER,     /* TCP: read a request, answer answer_len bytes */
	NS_SERVE_DNS,	     /* UDP: answer A/AAAA queries with fixed addresses */
	NS_SERVE_NFS,	     /* UDP and TCP: answer ONC RPC calls to NFS v2/v3
			      * (ns_nfs_answer; TCP: record marks) */
	NS_SERVE_ZONE,	     /* UDP and TCP: a name server answering from a
			      * zone (ns_zone_answer; UDP: at most 512 bytes,
			      * TC beyond; TCP: RFC 1035 4.2.2 length-prefixed
			      * messages) */
};

enum ns_close_mode {
	NS_CLOSE_ORDERLY = 0, /* close (FIN) after answering, or once the peer
			       * closed (echo, discard) */
	NS_CLOSE_RESET,	      /* the same moments, with a RST (SO_LINGER 0) */
	NS_CLOSE_PEER_FIRST,  /* answer, then wait for the peer's FIN and
			       * close after it */
};

struct ns_server_cfg {
	int netfd;		/* the host; -1: the caller's namespace */
	const char *host;	/* its name, for messages */
	int udp;		/* 0: TCP, 1: UDP */
	const char *addr;	/* local address; NULL: every address, IPv4
				 * and IPv6 (a dual-stack "::", or 0.0.0.0
				 * where the host has no IPv6) */
	uint16_t port;		/* 0: the kernel picks (see ns_server_port) */
	enum ns_serve mode;
	/* NS_SERVE_ANSWER */
	size_t answer_len;	/* bytes of the answer in all */
	int http;		/* the answer is an HTTP/1.1 200 response whose
				 * header counts in answer_len */
	const char *until;	/* answer once these bytes arrived (NULL:
				 * "\r\n\r\n"; "": at the first bytes);
				 * always at the peer's FIN */
	enum ns_close_mode close;
	/* NS_SERVE_DNS */
	const char *dns_a;	/* the address of every A answer, or NULL */
	const char *dns_aaaa;	/* of every AAAA answer, or NULL */
	uint32_t dns_ttl;	/* 0: 60 */
	/* NS_SERVE_ZONE */
	const struct ns_zone *zone; /* the caller's; it outlives the server */
	struct ns_zone_cfg zone_cfg;
	int backlog;		/* 0: 16 */
};

/* One connection a TCP server served, or one datagram a UDP server got. */
struct ns_conn_rec {
	char peer[NS_ADDRSTRLEN];
	uint16_t pport;
	uint64_t received;	/* in-band bytes read (UDP: datagram size) */
	uint64_t urgent;	/* urgent bytes read */
	uint64_t sent;		/* bytes written (answer, echo, DNS reply) */
	enum ns_outcome outcome; /* NS_PENDING while open; NS_OK closed as
				  * cfg.close says; NS_RESET the peer reset
				  * it; NS_FAILED another error; accepted by
				  * the caller: NS_OK at once */
	int error;
	struct timespec accepted; /* CLOCK_REALTIME; UDP: when it arrived */
	struct timespec closed;
};

struct ns_server;

/*
 * Starts a server thread in the host and returns once the socket listens
 * (or is bound, for UDP): connections may come then. Errors (address in
 * use, bad address, a mode that does not fit the protocol, an HTTP answer
 * shorter than its header) return a negative code with err set and leave
 * nothing running. cfg's strings are copied.
 */
int ns_server_start(char *err, const struct ns_server_cfg *cfg,
		    struct ns_server **out);

/* The port it listens on. */
uint16_t ns_server_port(const struct ns_server *s);

/*
 * NS_SERVE_ACCEPT: takes the next connection (waiting up to timeout_ms,
 * < 0: no limit) and gives it to a new actor in the same host, whose steps
 * (send, recv, close ...) then drive it. Returns 0, -ETIMEDOUT (err says
 * so), or another negative code. The caller frees the actor. Any thread,
 * but not while another calls ns_server_stop.
 */
int ns_server_accept(char *err, struct ns_server *s, int timeout_ms,
		     struct ns_actor **out);

/*
 * Waits until n connections are closed (UDP: n datagrams handled) or
 * timeout_ms passes (< 0: no limit); returns how many are.
 */
size_t ns_server_wait(struct ns_server *s, size_t n, int timeout_ms);

/*
 * Copies up to max records, oldest first, into out; returns how many there
 * are in all. Any thread, any time.
 */
size_t ns_server_conns(struct ns_server *s, struct ns_conn_rec *out,
		       size_t max);

/*
 * Stops the thread: open connections are closed as cfg.close says (their
 * outcome NS_CANCELLED if they were still open), the socket closed. Returns
 * 0 or the error that had ended the thread, in err. Records stay readable.
 */
int ns_server_stop(char *err, struct ns_server *s);

/* Stops if needed and frees. Accepts NULL. */
void ns_server_free(struct ns_server *s);

/*
 * Lets unprivileged ping sockets work in the host: sets its
 * net.ipv4.ping_group_range (per network namespace) to every group, or,
 * where that range cannot be mapped (a user namespace), to the caller's
 * own group. The file is opened by a thread inside the host. netfd must
 * be a host's: the caller's own namespace (-1) may be the machine's, which
 * is never changed (-EINVAL). NS_PING_AUTO and NS_PING_DGRAM call this
 * themselves when the host refuses a ping socket.
 */
int ns_ping_allow(char *err, int netfd);

/* ---- addresses ------------------------------------------------------------ */

struct sockaddr_storage;

/*
 * Parses an IPv4 or IPv6 address ("fe80::1%eth0": the interface is looked
 * up in the calling thread's namespace, so call it in the host) with a port
 * into *ss; returns its length, or a negative code with err naming what.
 */
int ns_addr_parse(char *err, const char *addr, uint16_t port,
		  struct sockaddr_storage *ss);

/* Prints the address (without port) into buf; returns its port. */
uint16_t ns_addr_str(const struct sockaddr_storage *ss, char *buf, size_t n);

/* ---- DNS messages (RFC 1035, EDNS0 RFC 6891, mDNS RFC 6762) --------------- */

#define NS_DNS_A	1
#define NS_DNS_NS	2
#define NS_DNS_CNAME	5
#define NS_DNS_SOA	6
#define NS_DNS_PTR	12
#define NS_DNS_MX	15
#define NS_DNS_TXT	16
#define NS_DNS_AAAA	28
#define NS_DNS_SRV	33
#define NS_DNS_OPT	41
#define NS_DNS_ANY	255
#define NS_DNS_IN	1
#define NS_DNS_QU	0x8000	/* mDNS: the question's unicast-response bit */
#define NS_DNS_FLUSH	0x8000	/* mDNS: an answer's cache-flush bit */

/* Header flag bits. */
#define NS_DNS_QR	0x8000
#define NS_DNS_AA	0x0400
#define NS_DNS_TC	0x0200
#define NS_DNS_RD	0x0100
#define NS_DNS_RA	0x0080

/* EDNS0 option codes. */
#define NS_EDNS_OWNER	4	/* mDNS sleep proxy owner (draft-cheshire) */

struct ns_dns_opt {
	uint16_t code;
	uint16_t len;
	const uint8_t *data;
};

/* An OPT pseudo-record in the additional section. */
struct ns_dns_edns {
	uint16_t udp_size;	/* 0: 1232 */
	uint8_t ext_rcode;
	uint8_t version;
	int dnssec_ok;
	const struct ns_dns_opt *opts;
	size_t nopts;
};

struct ns_dns_query {
	uint16_t id;
	uint16_t flags;		/* NS_DNS_RD ...; a query has QR clear */
	const char *name;	/* "_sleep-proxy._udp.local" (a last dot is
				 * optional; "." is the root) */
	uint16_t type;		/* NS_DNS_A ... */
	uint16_t qclass;	/* 0: NS_DNS_IN */
	int qu;			/* set NS_DNS_QU in the class (mDNS) */
	const struct ns_dns_edns *edns; /* NULL: no OPT record */
};

/* A resource record for a response; name NULL: the question's (compressed). */
struct ns_dns_rr {
	const char *name;
	uint16_t type;
	uint16_t rclass;	/* 0: NS_DNS_IN */
	uint32_t ttl;
	const uint8_t *rdata;
	uint16_t rdlen;
};

/*
 * Appends a query message to out. Returns its length, or -EINVAL with err
 * naming the bad label or name (empty label, label over 63 bytes, name
 * over 255), or -ENOMEM.
 */
int ns_dns_build_query(char *err, struct hx_buf *out,
		       const struct ns_dns_query *q);

/*
 * Appends the response to q (same id and question, QR and AA set, rcode)
 * with the answers an[0..nan) and q->edns echoed when present. Returns its
 * length or a negative code as above.
 */
int ns_dns_build_response(char *err, struct hx_buf *out,
			  const struct ns_dns_query *q, unsigned rcode,
			  const struct ns_dns_rr *an, size_t nan);

/*
 * Fills opt (14 bytes) with an mDNS Owner option: version 0, seq, the
 * primary MAC and the same MAC as wake-up address: what a sleep-proxy
 * client puts in its queries (tcpdump shows the OPT record as [1au]).
 */
void ns_dns_owner(uint8_t opt[14], uint8_t seq, const uint8_t mac[6]);

/* The UDP payload size Apple's mDNSResponder offers in a sleep-proxy query. */
#define NS_DNS_OWNER_UDPSIZE 1440

/*
 * Appends q as a sleep-proxy client sends it: with one OPT record (root
 * name, class NS_DNS_OWNER_UDPSIZE, ttl 0) whose data is one Owner option
 * (code 4, length 14, from ns_dns_owner with seq and mac); q->edns is not
 * used. For a PTR query of _sleep-proxy._udp.local that is the seed's
 * 70 bytes: 12 + 29 + 11 + 4 + 14. Returns the length, or a negative code
 * as ns_dns_build_query does.
 */
int ns_dns_build_owner_query(char *err, struct hx_buf *out,
			     const struct ns_dns_query *q, uint8_t seq,
			     const uint8_t mac[6]);

/* What ns_dns_parse read of a message. */
#define NS_DNS_MAXAN 8
struct ns_dns_msg {
	uint16_t id, flags;
	uint16_t qdcount, ancount, nscount, arcount;
	char qname[256];	/* the first question's name, dotted, no last dot */
	uint16_t qtype, qclass;	/* qclass with the QU bit */
	int has_edns;		/* an OPT record among the additional ones */
	uint16_t edns_size;
	size_t nan;		/* answers read, up to NS_DNS_MAXAN */
	struct {
		char name[256];
		uint16_t type, rclass;
		uint32_t ttl;
		uint16_t rdlen;
		uint8_t rdata[16]; /* the first 16 bytes of rdata */
	} an[NS_DNS_MAXAN];
};

/*
 * Parses a DNS message (bounds-checked, compression pointers followed with
 * a loop guard). Returns 0, or -EINVAL with err saying where it is short or
 * malformed.
 */
int ns_dns_parse(char *err, const uint8_t *p, size_t len, struct ns_dns_msg *m);

/* ---- ONC RPC to NFS (actor-nfs.c) ------------------------------------------ */

/*
 * The NFS procedures the client calls and the server (NS_SERVE_NFS)
 * answers, in versions 2 and 3. The server's files are fixed: the
 * manual's wrl, with handles tcpdump prints as "fh 21,24/10" ...
 *   /usr/spool            a symbolic link to "../var" (fh 21,24/10)
 *   /usr/lib/X11          a directory (fh 9,74/4096) holding xcolors
 *                         (fh 9,74/4134, 3052 bytes)
 *   /home/sushi/mbox      REG 100664 ids 417/0 sz 29388 (fh 21,11/12)
 * and the directories /, /usr and /home/sushi.
 */
enum ns_nfs_proc {
	NS_NFS_NULL,
	NS_NFS_GETATTR,
	NS_NFS_LOOKUP,
	NS_NFS_READLINK,
	NS_NFS_READ,
};

struct ns_nfs_call {
	uint32_t xid;
	int version;		/* 2 or 3 */
	enum ns_nfs_proc proc;
	const char *path;	/* the file (lookup: the directory) */
	const char *name;	/* lookup: the name looked up in it */
	uint64_t offset;	/* read */
	uint32_t count;		/* read: at most 65536 (the server sends at
				 * most 8192) */
	const char *machine;	/* the AUTH_UNIX credential's machine name */
};

/* The procedure's name ("readlink"), or NULL for none. */
const char *ns_nfs_proc_name(enum ns_nfs_proc p);

/* 1 when the server has a file at path. */
int ns_nfs_known(const char *path);

/*
 * Appends the call (no TCP record mark) to out. Returns its length, or a
 * negative code with err set (an unknown file, a bad version) and out as
 * it was.
 */
int ns_nfs_build_call(char *err, struct hx_buf *out,
		      const struct ns_nfs_call *c);

/*
 * The server: appends the reply to the call message [call, call + len)
 * to out (no record mark). Calls to another program, version or
 * procedure get RPC's own errors; a file the server does not have gets
 * NFS's (stale handle, no such entry). Returns the reply's length, or
 * -EBADMSG when the bytes are not an RPC call (no reply is due), -ENOMEM.
 */
int ns_nfs_answer(const uint8_t *call, size_t len, struct hx_buf *out);

/*
 * Checks a reply: 0 when it answers xid with SUCCESS, -EPROTO for another
 * accept status, -EACCES when denied, -EBADMSG when it is not a reply to
 * xid.
 */
int ns_nfs_reply_check(const uint8_t *p, size_t len, uint32_t xid);

/* ---- other payloads ------------------------------------------------------- */

/*
 * An NTPv4 client request (48 bytes, RFC 5905: LI 0, VN 4, mode 3) with
 * the transmit timestamp taken from now (CLOCK_REALTIME, or the clock when
 * NULL): tcpdump prints it as "NTPv4, Client, length 48".
 */
void ns_ntp_client(uint8_t out[48], const struct timespec *now);

/*
 * Appends an HTTP/1.1 GET request as curl sends it:
 * "GET path HTTP/1.1\r\nHost: host\r\nUser-Agent: curl/7.88.1\r\nAccept: \*\/\*\r\n\r\n".
 */
void ns_http_get(struct hx_buf *out, const char *host, const char *path);

/*
 * Writes bytes [off, off + n) of the pattern every generated payload uses
 * (bulk, answers, "N bytes"): the lowercase alphabet, and a newline every
 * 64th byte, so a hex dump reads as text.
 */
void ns_pattern(uint8_t *p, size_t n, uint64_t off);

#endif
