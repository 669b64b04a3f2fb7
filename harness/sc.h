/* sc.h: the scenario language: its syntax tree, the parser and the validation pass. */
#ifndef SC_H
#define SC_H

#include <stddef.h>
#include <stdint.h>

#include "capture/tdopts.h"
#include "harness/hx.h"

/*
 * A scenario file (docs/scenario-format.md) parses into one struct
 * sc_scenario: plain data, arrays of plain structs, every string and array
 * owned by the scenario and freed by sc_free(). Nothing in it points into
 * the file's text. Cross references are indices into the scenario's own
 * arrays (hosts, steps), resolved by sc_check(); a scenario that passed
 * sc_check() has every index valid, every name known, every value in range,
 * and every capture's tcpdump words parsed into a struct td_opts.
 *
 * Threads: parsing and checking touch nothing global; a checked scenario is
 * read-only and may be shared by any number of threads.
 */

#define SC_NONE ((size_t)-1) /* an unset index */

/* Where a thing was written: 1-based line and column (in bytes). */
struct sc_pos {
	unsigned line, col;
};

/* Durations are microseconds. */
typedef int64_t sc_usec;

/* ---- what a scenario needs of the machine ---------------------------- */

enum sc_need_kind {
	SC_NEED_ROOT,	/* real root (uid 0 in the initial user namespace) */
	SC_NEED_NLMON,	/* the kernel's nlmon link type */
	SC_NEED_SYSCTL, /* arg: a sysctl key the kernel must have */
	SC_NEED_TOOL,	/* arg: a program on PATH (tshark) */
	SC_NEED_USER,	/* arg: a user that must exist (for -Z) */
	SC_NEED_NETEM,	/* the kernel's netem qdisc (delay, loss): not in
			 * this project's kernel, which has tbf only */
};

struct sc_need {
	enum sc_need_kind kind;
	char *arg; /* NULL for root and nlmon */
	struct sc_pos pos;
};

/* ---- topology -------------------------------------------------------- */

struct sc_host {
	char *name; /* [a-z][a-z0-9_-]*, at most 31 bytes; also its printed name */
	struct sc_pos pos;
};

/* An interface of a host, written HOST:IFNAME. */
struct sc_ifref {
	size_t host;	/* index into hosts (sc_check) */
	char *hostname; /* as written */
	char *ifname;	/* at most 15 bytes (IFNAMSIZ - 1) */
	struct sc_pos pos;
};

/* `link A:IF B:IF [mac MAC MAC] [mtu N]`: a veth pair, one end in each host. */
struct sc_link {
	struct sc_ifref end[2];
	int has_mac[2];
	uint8_t mac[2][6];
	unsigned mtu;	/* both ends; 0: the kernel's (1500) */
	struct sc_pos pos;
};

/* `shape HOST:IF rate R [burst B] [latency L]`: a tbf root qdisc. */
struct sc_shape {
	struct sc_ifref dev;
	unsigned long long rate; /* bytes per second */
	unsigned burst;		 /* bytes; 0: dumplab's default */
	sc_usec latency;	 /* 0: the default (50 ms) */
	struct sc_pos pos;
};

/* `bridge HOST:NAME [hub | ageing SECS]`. */
struct sc_bridge {
	struct sc_ifref dev;
	int ageing; /* seconds; 0 is a hub (floods every frame); -1 default */
	struct sc_pos pos;
};

/* `port HOST:BRIDGE IF...`: one entry per interface. */
struct sc_port {
	struct sc_ifref br; /* the bridge as written */
	size_t bridge;	    /* index into bridges (sc_check) */
	char *ifname;	    /* an interface of the bridge's host */
	struct sc_pos pos;  /* of ifname */
};

/* An IPv4 or IPv6 address, network order. */
struct sc_inaddr {
	int af; /* AF_INET or AF_INET6 */
	uint8_t a[16];
};

/* `addr HOST:IF ADDR/LEN`. */
struct sc_addr {
	struct sc_ifref dev;
	struct sc_inaddr addr;
	int plen;
	struct sc_pos pos;
};

/* `route HOST default|PREFIX [via ADDR] [dev IF]`. */
struct sc_route {
	size_t host;
	char *hostname;
	struct sc_pos hostpos;
	int is_default;
	struct sc_inaddr dst; /* af set also for default (from via) */
	int plen;
	int has_via;
	struct sc_inaddr via;
	char *dev; /* or NULL */
	struct sc_pos devpos;
	struct sc_pos pos;
};

/* `sysctl HOST KEY=VALUE`: KEY is a net.* key (per namespace). */
struct sc_sysctl {
	size_t host;
	char *hostname;
	struct sc_pos hostpos;
	char *key;   /* dotted, as sysctl(8) prints it */
	char *value;
	struct sc_pos pos;
};

/* `name ADDR NAME`: how the printer names an address no host owns. */
struct sc_name {
	struct sc_inaddr addr;
	char *name;
	struct sc_pos pos;
};

/* `file NAME [mode OCTAL]` ... `end`: a file the scenario's directory gets. */
struct sc_file {
	char *name; /* relative, no '..' */
	unsigned mode;
	char *text; /* the block, common indentation removed, '\n' after each line */
	unsigned first_line; /* the scenario line of the block's first line */
	unsigned indent;     /* the bytes of indentation removed from each */
	size_t len;
	struct sc_pos pos;
};

/* ---- steps, in time order -------------------------------------------- */

/* Bytes a step sends or an expectation compares: "text", hex ..., N bytes. */
struct sc_data {
	uint8_t *bytes; /* NULL when only a size was given */
	size_t len;	/* the byte count either way */
};

/* A destination: a host's name (resolved to its first address of af) or
 * an address written as such. */
struct sc_dest {
	size_t host; /* SC_NONE when an address was written */
	struct sc_inaddr addr; /* resolved by sc_check for a host */
	char *text;  /* as written */
	struct sc_pos pos;
};

enum sc_step_kind {
	SC_STEP_RUN,	   /* run HOST WORD...: a command inside the host */
	SC_STEP_LISTEN,	   /* listen HOST tcp|udp PORT [discard|nfs|zone FILE
			    * [ra] [cache] [minimal]] */
	SC_STEP_ACCEPT,	   /* accept LISTENER [timeout D] */
	SC_STEP_CONNECT,   /* connect HOST DEST PORT [from P] [timeout D] [ipv6] */
	SC_STEP_SEND,	   /* send CONN DATA */
	SC_STEP_URGENT,	   /* urgent CONN DATA: MSG_OOB */
	SC_STEP_RECV,	   /* recv CONN [N] [timeout D] */
	SC_STEP_BULK,	   /* bulk CONN N: N bytes as fast as the peer reads */
	SC_STEP_HALFCLOSE, /* half-close CONN: shutdown(SHUT_WR) */
	SC_STEP_CLOSE,	   /* close CONN: orderly close */
	SC_STEP_ABORT,	   /* abort CONN: RST (SO_LINGER 0) */
	SC_STEP_PING,	   /* ping HOST DEST [count N] [interval D] [size N] ... */
	SC_STEP_UDP,	   /* udp HOST DEST PORT DATA [from P] [dev IF] [ttl N] */
	SC_STEP_DNS,	   /* dns HOST DEST QNAME [type T] [port P] ... */
	SC_STEP_NFS,	   /* nfs HOST DEST PROC [PATH [NAME]] [v3] [tcp] ...:
			    * one ONC RPC call to NFS and its reply */
	SC_STEP_WAIT,	   /* wait D */
	SC_STEP_CAPTURE,   /* capture HOST tcpdump ARGS...: start a capture */
	SC_STEP_READ,	   /* read [window D D] tcpdump -r FILE ARGS... */
	SC_STEP_AWAIT,	   /* await CAPTURE N [timeout D] */
	SC_STEP_STOP,	   /* stop CAPTURE|LISTENER */
	SC_STEP_DUMP,	   /* dump HOST links|addresses|routes|neighbours...:
			    * rtnetlink dumps by the harness's own socket */
	SC_STEP_START,	   /* start HOST PROGRAM [ARG...] [ready TEXT] [timeout D] */
	SC_STEP_SIGNAL,	   /* signal PROCESS SIGNAME */
	SC_STEP_WAITPROC,  /* wait PROCESS [timeout D]: until it exits */
	SC_STEP_AWAITTEXT, /* await PROCESS TEXT [timeout D] */
	SC_STEP_INJECT,	   /* inject HOST IF HEX... | inject HOST IF file NAME */
	SC_STEP_TCP,	   /* tcp HOST DEST PORT flags F [seq N] [ack N] ...:
			    * a crafted segment */
};

/* What a dump step asks the kernel for (bits of u.dump.what). */
enum {
	SC_DUMP_LINKS = 1 << 0,	     /* RTM_GETLINK, as `ip link` */
	SC_DUMP_ADDRESSES = 1 << 1,  /* RTM_GETADDR, as `ip a` */
	SC_DUMP_ROUTES = 1 << 2,     /* RTM_GETROUTE, as `ip r` */
	SC_DUMP_NEIGHBOURS = 1 << 3, /* RTM_GETNEIGH, as `ip n` */
};

/* A tcpdump command line as written and as parsed. */
struct sc_tcpdump {
	int argc;
	char **argv;	  /* argv[0] is "tcpdump"; NULL-terminated; owned */
	struct sc_pos *argpos; /* where each word was written */
	struct td_opts td; /* parsed by sc_check (sc_td_parse); its strings
			    * point into argv, its filter is owned */
	int parsed;	  /* td is valid (and needs sc_td_release) */
};

struct sc_step {
	enum sc_step_kind kind;
	char *label;   /* `LABEL:` before the step, or NULL */
	size_t host;   /* the host it acts in; SC_NONE for read/wait/... */
	char *hostname;
	struct sc_pos hostpos;
	size_t ref;    /* the step it acts on (connection, listener,
			* capture), resolved by sc_check; SC_NONE if none */
	char *refname; /* that step's label as written, or NULL */
	struct sc_pos refpos;
	sc_usec timeout; /* 0: the default (the scenario's timeout) */
	struct sc_pos pos;
	union {
		struct {
			int argc;
			char **argv; /* NULL-terminated; owned */
		} run;
		struct {
			int proto; /* IPPROTO_TCP or IPPROTO_UDP */
			int port;
			int discard; /* accept and read everything, for bulk */
			int nfs;     /* answer NFS calls (ns_nfs_answer) */
			char *zone;  /* a name server answering from this
				      * file of the scenario, or NULL */
			struct sc_pos zonepos;
			size_t zonefile; /* its index in files (sc_check) */
			int ra, cache, minimal; /* struct ns_zone_cfg */
		} listen;
		struct {
			struct sc_dest dest;
			int port;
			int sport; /* 0: the kernel's */
			int ipv6;
		} connect;
		struct sc_data data; /* send, urgent; bulk uses data.len */
		struct {
			long long n; /* bytes to read; -1: until EOF */
		} recv;
		struct {
			struct sc_dest dest;
			int count;	     /* default 1 */
			sc_usec interval;    /* default 1 s */
			int size;	     /* payload bytes, default 56 */
			int ttl;	     /* 0: the kernel's */
			int ipv6;
		} ping;
		struct {
			struct sc_dest dest;
			int port;
			struct sc_data data;
			int sport;
			char *dev; /* IP_MULTICAST_IF / SO_BINDTODEVICE */
			struct sc_pos devpos;
			int ttl;   /* 0: the kernel's */
			int ipv6;
		} udp;
		struct {
			struct sc_dest dest;
			char *qname;
			int qtype;  /* 1 A, 12 PTR, 28 AAAA ... */
			int port;   /* default 53 */
			int sport;
			int id;
			int qu;	    /* mDNS unicast-response bit */
			int owner;  /* an OPT record with an EDNS0 Owner
				     * option holding dev's MAC; needs dev */
			char *dev;
			struct sc_pos devpos;
			int ipv6;
			int reply;  /* wait for the response to the id */
			int tcp;    /* over TCP (RFC 1035 4.2.2), a reply */
		} dns;
		struct {
			struct sc_dest dest;
			int proc;     /* enum ns_nfs_proc */
			char *path;   /* the file; lookup: the directory */
			char *name;   /* lookup */
			struct sc_pos pathpos;
			int count;    /* read: default 8192 */
			int offset;   /* read */
			int v3;	      /* version 3 (default 2) */
			int tcp;      /* over TCP, one connection per call */
			int port;     /* default 2049 */
			int sport;
			int xid;      /* default: from the line number */
			int ipv6;
		} nfs;
		struct {
			sc_usec d;
		} wait;
		struct {
			struct sc_tcpdump cmd;
			int list_only; /* tcpdump -D: output, no packets */
		} capture;
		struct {
			struct sc_tcpdump cmd;
			int has_window;
			sc_usec from, to; /* since the file's first packet */
			size_t writer;	  /* the capture step that wrote the file,
					   * or SC_NONE when none did */
		} read;
		struct {
			long long n;
		} await;
		struct {
			unsigned what; /* SC_DUMP_* */
		} dump;
		struct {
			int argc;
			char **argv;  /* NULL-terminated; owned */
			char *ready;  /* the text it prints once ready, or NULL */
		} start;
		struct {
			int sig;      /* SIGINT ... */
		} signal;	      /* ref: the start step */
		struct {
			char *text;
		} awaittext;	      /* ref: the start step */
		struct {
			char *ifname;
			struct sc_pos ifpos;
			struct sc_data frame; /* HEX...: one frame */
			char *file;   /* file NAME: frames, one per line, in hex
				       * (or a pcap savefile); NULL for HEX */
			struct sc_pos filepos;
		} inject;
		struct {
			struct sc_dest dest;
			int port;
			int sport;	/* 0: 40000 */
			unsigned flags; /* TCP flag byte */
			uint32_t seq, ack;
			int win;	/* default 64240 */
			int urp;
			int ttl;	/* 0: 64 */
			uint8_t *opts;	/* wire bytes (unpadded), owned */
			size_t optlen;
			struct sc_data data;
			int ipv6;
		} tcp;
	} u;
};

/* ---- expectations ---------------------------------------------------- */

enum sc_cmp { SC_EQ, SC_NE, SC_LT, SC_LE, SC_GT, SC_GE, SC_RANGE };

/* `N`, `>= N`, `A..B` ... */
struct sc_num_cond {
	enum sc_cmp op;
	long long a, b; /* b only for SC_RANGE (a..b, inclusive) */
};

/* Packet fields `each` and `same` compare (struct cap_fields). */
enum sc_field {
	SC_F_SEQ, SC_F_ACK, SC_F_NXT, SC_F_LEN, SC_F_WIN, SC_F_URP,
	SC_F_FLAGS, SC_F_SPORT, SC_F_DPORT, SC_F_SRC, SC_F_DST, SC_F_TTL,
	SC_F_ICMP_TYPE, SC_F_ICMP_CODE, SC_F_ICMP_ID, SC_F_ICMP_SEQ,
	SC_F_UDP_LEN, SC_F_ETHERTYPE, SC_F_SMAC, SC_F_DMAC, SC_F_CAPLEN,
	SC_F_WIRELEN, SC_F_TIME,
	SC_F_COUNT_ /* not a field */
};

/* The right-hand side of `each FIELD OP OPERAND`. */
enum sc_operand_kind {
	SC_OPND_NUM,   /* a number (or a duration, for time) */
	SC_OPND_TEXT,  /* an address, a host's name, a MAC: compared as text */
	SC_OPND_VAR,   /* $name [+-k] */
	SC_OPND_FIRST, /* first.FIELD [+-k]: the first selected packet */
	SC_OPND_PREV,  /* prev.FIELD [+-k]: the previous one the same way */
	SC_OPND_PEER,  /* peer.FIELD [+-k]: the latest one the other way */
	SC_OPND_THIS,  /* FIELD [+-k]: the same packet's other field */
};

struct sc_operand {
	enum sc_operand_kind kind;
	long long num;	    /* NUM; the +-k offset of the others */
	char *text;	    /* TEXT, or the variable's name for VAR */
	enum sc_field field;/* FIRST, PREV, PEER, THIS */
	struct sc_pos pos;
};

/* `when` conditions: every one must hold for a packet to be selected. */
enum sc_cond_kind {
	SC_WHEN_FLAG,  /* syn ack fin rst psh urg ece cwr: bit in flag */
	SC_WHEN_DATA,  /* payload_len > 0 */
	SC_WHEN_PROTO, /* tcp, udp, icmp: proto */
	SC_WHEN_FROM,  /* from HOST: source is one of its addresses */
	SC_WHEN_TO,    /* to HOST */
};

struct sc_cond {
	enum sc_cond_kind kind;
	int negate;  /* `not` before it */
	unsigned flag;
	int proto;
	size_t host;
	char *hostname;
	struct sc_pos pos;
};

enum sc_expect_kind {
	SC_EX_COUNT,	 /* expect CAP count COND | none [when ...] */
	SC_EX_OUTPUT,	 /* expect SRC output ... end: exactly these lines */
	SC_EX_CONTAINS,	 /* expect SRC output contains ... end: in this order */
	SC_EX_HAS,	 /* expect SRC has PATTERN */
	SC_EX_LACKS,	 /* expect SRC lacks PATTERN */
	SC_EX_EACH,	 /* expect CAP each FIELD OP OPERAND [when ...] */
	SC_EX_SAME,	 /* expect CAP same FIELD [when ...] */
	SC_EX_GAPS,	 /* expect CAP gaps D... [...] [within TOL] [when ...] */
	SC_EX_OUTCOME,	 /* expect CONN connected|refused|timed-out|... */
	SC_EX_RECEIVED,	 /* expect CONN received DATA */
	SC_EX_EXIT,	 /* expect RUN exit N */
	SC_EX_REPLIES,	 /* expect PING replies COND */
	SC_EX_FILES,	 /* expect files GLOB [count C] [size C] [owner U] [names ...] */
	SC_EX_LINKTYPE,	 /* expect CAP linktype NAME: the capture's DLT */
	SC_EX_SAME_AS,	 /* expect A same-as B: the same packets and lines */
	SC_EX_PCAP_COUNT, /* expect FILE pcap count COND: srcname is FILE */
	SC_EX_PCAP_HAS,	 /* expect FILE pcap has PATTERN */
	SC_EX_PCAP_LACKS, /* expect FILE pcap lacks PATTERN */
	SC_EX_SENT,	 /* expect PING sent COND: echo requests sent */
	SC_EX_LOSS,	 /* expect PING loss COND: percent unanswered, as
			  * ping's summary rounds it (down) */
};

/* Which text of its subject output, contains, has and lacks look at. */
enum sc_text {
	SC_TEXT_MAIN = 0, /* a capture's or read's printed packets, a run's
			   * output, a started program's stdout then stderr */
	SC_TEXT_STDOUT,	  /* `expect PROC stdout ...`: a started program's */
	SC_TEXT_STDERR,	  /* `expect PROC stderr ...` */
	SC_TEXT_LADDER,	  /* `expect CAP ladder ...`: its TCP ladders */
};

/* What a socket step ended as (expect CONN OUTCOME). */
enum sc_outcome {
	SC_OUT_NONE,
	SC_OUT_CONNECTED,
	SC_OUT_REFUSED,	    /* ECONNREFUSED: a RST answered the SYN */
	SC_OUT_TIMED_OUT,   /* ETIMEDOUT: the SYN retries ran out */
	SC_OUT_UNREACHABLE, /* EHOSTUNREACH / ENETUNREACH */
	SC_OUT_RESET,	    /* ECONNRESET on an established connection */
	SC_OUT_EOF,	    /* recv: the peer closed */
};

/*
 * A line pattern compiles to tokens (sc-match.c). BIND and REF are the
 * first and later uses of a variable in file order (sc_check decides).
 */
enum sc_ptok_kind {
	SC_PT_LIT,  /* text, compared exactly */
	SC_PT_STAR, /* `*`: any characters, none included */
	SC_PT_REST, /* a final ` ...`: the rest of the line, whatever it is */
	SC_PT_NUM,  /* `{LO..HI}`: a decimal number within [LO, HI] */
	SC_PT_BIND, /* `$name`: one or more non-blank characters, remembered */
	SC_PT_REF,  /* `$name`, `$name+K`: what was remembered (plus K) */
};

struct sc_ptok {
	enum sc_ptok_kind kind;
	char *text;	/* LIT: the text; BIND, REF: the variable's name */
	size_t len;	/* LIT: its length */
	long long off;	/* REF: K */
	double lo, hi;	/* NUM */
	unsigned col;	/* where in the line the token was written */
};

/* One line of an output block (or the pattern of has/lacks). */
struct sc_pattern {
	char *text; /* the pattern, leading and trailing blanks removed */
	struct sc_pos pos;
	int any_lines; /* the line is `...`: any number of lines */
	struct sc_ptok *toks; /* compiled by the parser */
	size_t ntoks;
};

struct sc_expect {
	enum sc_expect_kind kind;
	size_t src;	  /* the step it is about; SC_NONE for files */
	char *srcname;	  /* as written */
	struct sc_pos srcpos;
	char *text;	  /* the expectation as written (first line), for reports */
	struct sc_pos pos;
	struct sc_cond *when;
	size_t nwhen;
	enum sc_text text_of;
	union {
		struct sc_num_cond count; /* COUNT, REPLIES, SENT, LOSS,
					   * PCAP_COUNT */
		struct {
			struct sc_pattern *lines;
			size_t n;
		} output; /* OUTPUT, CONTAINS, HAS, LACKS (n == 1) */
		struct {
			enum sc_field field;
			enum sc_cmp op; /* not RANGE */
			struct sc_operand rhs;
		} each; /* EACH; SAME has only field */
		struct {
			sc_usec *gaps;
			size_t n;
			int more;	/* `...` after the list */
			int tol_pct;	/* tolerance in percent, or */
			sc_usec tol;	/* an absolute tolerance when tol_pct < 0 */
		} gaps;
		struct {
			enum sc_outcome what;
			int has_after;
			sc_usec after;	 /* how long the step took */
			int tol_pct;
			sc_usec tol;
		} outcome;
		struct sc_data received;
		struct {
			int status;
		} exit;
		struct {
			int dlt;    /* a DLT_ value */
			char *name; /* as written */
		} linktype;
		struct {
			size_t other;	 /* the step compared with (sc_check) */
			char *othername; /* as written */
			struct sc_pos otherpos;
		} same_as;
		struct {
			char *glob; /* relative to the scenario's directory */
			int has_count, has_size;
			struct sc_num_cond count, size;
			char *owner;
			char **names; /* sorted; NULL when not given */
			size_t nnames;
		} files;
	} u;
};

/* ---- the scenario ---------------------------------------------------- */

struct sc_scenario {
	char *file;  /* the path it was read from, as given */
	char *name;  /* `scenario NAME` */
	struct sc_pos name_pos;
	char *title;
	char *seed;  /* `seed ...` words joined, or NULL */
	sc_usec timeout; /* `timeout D`, or 0 for the runner's default */

	struct sc_need *needs;	   size_t nneeds;
	struct sc_host *hosts;	   size_t nhosts;
	struct sc_link *links;	   size_t nlinks;
	struct sc_bridge *bridges; size_t nbridges;
	struct sc_port *ports;	   size_t nports;
	struct sc_addr *addrs;	   size_t naddrs;
	struct sc_route *routes;   size_t nroutes;
	struct sc_sysctl *sysctls; size_t nsysctls;
	struct sc_shape *shapes;   size_t nshapes;
	struct sc_name *names;	   size_t nnames;
	struct sc_file *files;	   size_t nfiles;
	struct sc_step *steps;	   size_t nsteps;
	struct sc_expect *expects; size_t nexpects;
	int checked; /* sc_check passed */
};

/*
 * Parses a scenario from text (len bytes; need not be NUL-terminated).
 * file names it in messages and is copied. On success returns 0 and a new
 * scenario in *out, not yet checked. On a syntax error returns -EINVAL,
 * *out NULL, and err is "FILE:LINE:COL: message" naming the offending word.
 * -ENOMEM when memory runs out.
 */
int sc_parse(char *err, const char *file, const char *text, size_t len,
	     struct sc_scenario **out);

/* Reads and parses a file; errors as sc_parse, or "cannot read 'F': ...". */
int sc_parse_file(char *err, const char *path, struct sc_scenario **out);

/*
 * The validation pass, before any host is built: resolves every name
 * (hosts, interfaces, bridges, labels, variables) to an index, checks
 * duplicates and ranges, parses each capture's tcpdump words, and checks
 * that every step refers only to things that exist at that point. Returns
 * 0, or -EINVAL with err "FILE:LINE:COL: message" at the first problem.
 */
int sc_check(char *err, struct sc_scenario *sc);

/* Parses and checks a file: the one call the runner and `list` make. */
int sc_load(char *err, const char *path, struct sc_scenario **out);

void sc_free(struct sc_scenario *sc); /* accepts NULL */

/* ---- helpers phase 2 and the reports share --------------------------- */

/* The name a statement or value is written with ("connect", "timed-out"). */
const char *sc_step_name(enum sc_step_kind k);
const char *sc_outcome_name(enum sc_outcome o);
const char *sc_field_name(enum sc_field f);
const char *sc_need_describe(const struct sc_need *n, char *buf, size_t len);

/* The step with that label, or SC_NONE. */
size_t sc_find_label(const struct sc_scenario *sc, const char *label);

/*
 * The minimal tcpdump option check of phase 1, with td_parse's contract
 * (capture/tdopts.h) plus *badword, the index of the word at fault (-1 when
 * none is). Phase 2 makes it call td_parse and td_release.
 */
int sc_td_parse(char *err, int argc, char **argv, unsigned mode,
		struct td_opts *o, int *badword);
void sc_td_release(struct td_opts *o);

/*
 * A frame written in hex (n bytes of s): pairs of digits, blanks, ':' and
 * '.' between pairs allowed, a leading tcpdump -xx offset ("0x0010:")
 * skipped, '#' ending it. Writes at most max bytes into out and their
 * number into *len. Returns 0; -1 at a byte that is not a hex digit or
 * an odd digit (*bad its offset; n for a last digit alone); -2 when it
 * is longer than max (*bad where).
 */
int sc_hex_frame(const char *s, size_t n, uint8_t *out, size_t max,
		 size_t *len, size_t *bad);

/*
 * The frames of a hex text (len bytes): lines of sc_hex_frame's hex, the
 * lines of one frame following each other (tcpdump -xx's output pastes
 * as it is), a blank line between frames, '#' lines skipped. Calls frame
 * with each (in buf, at most max bytes; line: where it starts, 1-based)
 * and stops at its first negative return, which it returns. Otherwise 0,
 * or -EINVAL at a line that is not hex (*odd: an odd number of digits) or
 * -EMSGSIZE at one that makes a frame longer than max, *badline set.
 */
int sc_hex_frames(const char *text, size_t len, uint8_t *buf, size_t max,
		  int (*frame)(void *arg, const uint8_t *f, size_t n, unsigned line),
		  void *arg, unsigned *badline, int *odd);

/* Parses "1.5s", "200ms", "10us", "2m" into microseconds; 0 or -EINVAL. */
int sc_parse_duration(const char *s, sc_usec *out);
/* Formats a duration the way scenarios write it ("1.5s", "200ms"). */
const char *sc_duration_str(sc_usec d, char *buf, size_t len);

#endif
