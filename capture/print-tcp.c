/* print-tcp.c: TCP (RFC 9293) segments: flags, relative sequence numbers, options, payload hints. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Source Port          |       Destination Port        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Sequence Number                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Acknowledgment Number                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Data |       |C|E|U|A|P|R|S|F|                               |
 *  | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Checksum            |         Urgent Pointer        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options                    |    Padding    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#define TCP_HDRLEN 20

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PUSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20

#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_MAXSEG 2
#define TCPOPT_WSCALE 3
#define TCPOPT_SACKOK 4
#define TCPOPT_SACK 5
#define TCPOPT_ECHO 6
#define TCPOPT_ECHOREPLY 7
#define TCPOPT_TIMESTAMP 8
#define TCPOPT_CC 11
#define TCPOPT_CCNEW 12
#define TCPOPT_CCECHO 13
#define TCPOPT_SIGNATURE 19
#define TCPOPT_SCPS 20
#define TCPOPT_UTO 28
#define TCPOPT_TCPAO 29
#define TCPOPT_MPTCP 30
#define TCPOPT_FASTOPEN 34
#define TCPOPT_EXPERIMENT2 254
#define TCP_SIGLEN 16

#define MAX_RST_DATA_LEN 30

/* tcpdump's tcp_option_values, indexed by kind (no name: "unknown-N"). */
#define OPT(kind, str) [kind] = { str, sizeof(str) - 1 }
static const struct {
	const char *s;
	uint8_t n;
} opt_names[256] = {
	OPT(TCPOPT_EOL, "eol"),
	OPT(TCPOPT_NOP, "nop"),
	OPT(TCPOPT_MAXSEG, "mss"),
	OPT(TCPOPT_WSCALE, "wscale"),
	OPT(TCPOPT_SACKOK, "sackOK"),
	OPT(TCPOPT_SACK, "sack"),
	OPT(TCPOPT_ECHO, "echo"),
	OPT(TCPOPT_ECHOREPLY, "echoreply"),
	OPT(TCPOPT_TIMESTAMP, "TS"),
	OPT(TCPOPT_CC, "cc"),
	OPT(TCPOPT_CCNEW, "ccnew"),
	OPT(TCPOPT_CCECHO, ""),
	OPT(TCPOPT_SIGNATURE, "md5"),
	OPT(TCPOPT_SCPS, "scps"),
	OPT(TCPOPT_UTO, "uto"),
	OPT(TCPOPT_TCPAO, "tcp-ao"),
	OPT(TCPOPT_MPTCP, "mptcp"),
	OPT(TCPOPT_FASTOPEN, "tfo"),
	OPT(TCPOPT_EXPERIMENT2, "exp"),
};
#undef OPT

/*
 * What a payload is taken for, by its ports, in tcpdump 4.99.3's order of
 * tests: the first entry with either port decides. An entry without a
 * printer is a protocol tcpdump decodes and dumplab does not: the payload
 * is not printed, and the segment counts as printed generically.
 */
static const struct {
	uint16_t port;
	pr_fn fn;
	const char *name; /* for the generic-print note */
} tcp_chain[] = {
	{ 23, NULL, "Telnet" },
	{ 25, NULL, "SMTP" },
	{ 43, NULL, "whois" },
	{ 179, bgp_print, NULL },
	{ 1723, NULL, "PPTP" },
	{ 6379, resp_print, NULL },
	{ 22, ssh_print, NULL },
	{ 139, NULL, "NetBIOS session" },
	{ 445, NULL, "SMB" },
	{ 10288, NULL, "BEEP" },
	{ 6633, NULL, "OpenFlow" },
	{ 6653, NULL, "OpenFlow" },
	{ 21, NULL, "FTP" },
	{ 80, http_print, NULL },
	{ 8080, http_print, NULL },
	{ 554, NULL, "RTSP" },
	{ 8554, NULL, "RTSP" },
	{ 53, dns_tcp_print, NULL },
	{ 639, NULL, "MSDP" },
	{ 323, rpki_rtr_print, NULL },
	{ 646, ldp_print, NULL },
	{ 2049, sunrpc_tcp_print, NULL },
};

#define TCP_NCHAIN (sizeof(tcp_chain) / sizeof(tcp_chain[0]))

/*
 * Every segment asks which entry comes first, and the reading thread of
 * the pipeline asks it too (pr_tcp_ports_stateless): rather than walk the
 * chain, a port below CHAIN_PORTS (all the chain's are) looks up its first
 * entry, one more than its index (0: none), made once from the chain.
 */
#define CHAIN_PORTS 16384
static uint8_t chain_first[CHAIN_PORTS];
static pthread_once_t chain_once = PTHREAD_ONCE_INIT;

static void chain_index(void)
{
	size_t i = TCP_NCHAIN;

	/* from the end, so that a port's first entry is the one kept */
	while (i-- > 0) {
		if (tcp_chain[i].port >= CHAIN_PORTS)
			abort(); /* the table is too small for the chain */
		chain_first[tcp_chain[i].port] = (uint8_t)(i + 1);
	}
}

/* The first chain entry with either port, plus one; 0 when none has. */
static unsigned chain_find(uint16_t sport, uint16_t dport)
{
	unsigned a, b;

	pthread_once(&chain_once, chain_index);
	a = sport < CHAIN_PORTS ? chain_first[sport] : 0;
	b = dport < CHAIN_PORTS ? chain_first[dport] : 0;
	if (!a || !b)
		return a | b;
	return a < b ? a : b;
}

/* ---- relative sequence numbers ---- */

static uint32_t ld32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* A conversation's hash: its addresses (alen 4 or 16) a word at a time. */
static uint32_t conv_hash(const uint8_t *src, const uint8_t *dst, size_t alen,
			  uint32_t port)
{
	uint64_t h = port;
	size_t i;

	for (i = 0; i < alen; i += 4)
		h = (h ^ ((uint64_t)ld32(src + i) << 32 | ld32(dst + i))) *
		    0x9e3779b97f4a7c15ull;
	return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* Whether two keys' addresses are equal, a word at a time. */
static int addr_eq(const uint8_t *a, const uint8_t *b, size_t alen)
{
	size_t i;

	for (i = 0; i < alen; i += 4)
		if (ld32(a + i) != ld32(b + i))
			return 0;
	return 1;
}

static size_t slot_size(size_t alen)
{
	return sizeof(struct pr_tcpconv) + 2 * alen;
}

/* The slot of the conversation, or the empty slot where it would go. */
static struct pr_tcpconv *tcp_slot(unsigned char *slots, size_t cap,
				   size_t alen, uint32_t h, uint32_t port,
				   const uint8_t *ksrc, const uint8_t *kdst)
{
	size_t i = h & (cap - 1), sz = slot_size(alen);

	for (;; i = (i + 1) & (cap - 1)) {
		struct pr_tcpconv *t = (struct pr_tcpconv *)(void *)(slots + i * sz);

		if (!t->valid ||
		    (t->port == port && addr_eq(t->addr, ksrc, alen) &&
		     addr_eq(t->addr + alen, kdst, alen)))
			return t;
	}
}

/* Doubles the table (or makes the first one); 0 or -ENOMEM (kept as is). */
static int tcp_grow(struct pr_tcptab *tab)
{
	size_t cap = tab->cap ? tab->cap * 2 : PR_TCP_INIT, i;
	size_t alen = tab->alen, sz = slot_size(alen);
	unsigned char *slots;

	if (cap > ((size_t)-1) / sz / 2)
		return -ENOMEM;
	slots = hx_big(cap * sz);
	if (!slots)
		return -ENOMEM;
	for (i = 0; i < tab->cap; i++) {
		const struct pr_tcpconv *t =
			(const struct pr_tcpconv *)(const void *)(tab->slots + i * sz);

		if (t->valid)
			memcpy(tcp_slot(slots, cap, alen,
					conv_hash(t->addr, t->addr + alen, alen, t->port),
					t->port, t->addr, t->addr + alen),
			       t, sz);
	}
	hx_big_free(tab->slots, tab->cap * sz);
	tab->slots = slots;
	tab->cap = cap;
	return 0;
}

void pr_tcptab_release(struct pr_tcptab *tab)
{
	hx_big_free(tab->slots, tab->cap * slot_size(tab->alen));
	memset(tab, 0, sizeof(*tab));
}

void pr_tcp_release(struct pr_ctx *c)
{
	pr_tcptab_release(&c->tcp4);
	pr_tcptab_release(&c->tcp6);
}

/*
 * The key of a conversation: its two ends ordered by port (then address),
 * so that both directions share one entry. Returns the key's hash.
 */
struct tcp_key {
	const uint8_t *src, *dst;
	uint32_t port;
	int rev;
};

static uint32_t tcp_key_make(struct tcp_key *k, const uint8_t *sa,
			     const uint8_t *da, size_t alen, uint16_t sport,
			     uint16_t dport)
{
	k->rev = sport > dport ||
		 (sport == dport && memcmp(sa, da, alen) > 0);
	if (k->rev) {
		k->src = da;
		k->dst = sa;
		k->port = (uint32_t)dport << 16 | sport;
	} else {
		k->src = sa;
		k->dst = da;
		k->port = (uint32_t)sport << 16 | dport;
	}
	return conv_hash(k->src, k->dst, alen, k->port);
}

/* Which of n shards holds a hash's conversation (the slot takes its low bits). */
static unsigned shard_of(uint32_t h, unsigned n)
{
	return (unsigned)(((uint64_t)h * n) >> 32);
}

uint32_t pr_tcp_hash(const uint8_t *sa, const uint8_t *da, size_t alen,
		     uint16_t sport, uint16_t dport)
{
	struct tcp_key k;

	return tcp_key_make(&k, sa, da, alen, sport, dport);
}

unsigned pr_tcp_shard(uint32_t hash, unsigned n)
{
	return shard_of(hash, n);
}

void pr_tcp_prefetch(const struct pr_ctx *c, uint32_t hash, int v6)
{
	const struct pr_tcptab *tab;

	if (c->ntcpsh) {
		const struct pr_tcpshard *sh = &c->tcpsh[shard_of(hash, c->ntcpsh)];

		tab = v6 ? &sh->tcp6 : &sh->tcp4;
	} else {
		tab = v6 ? &c->tcp6 : &c->tcp4;
	}
	if (tab->slots)
		__builtin_prefetch(tab->slots + (hash & (tab->cap - 1)) *
						slot_size(v6 ? 16 : 4));
}

/*
 * tcpdump's conversation lookup: the entry holds the first seq and ack-1
 * seen (or the SYN's, which always replaces it). A pipeline's printers
 * (pr-pipe.c) share their tables split by conversation, c->tcpsh.
 * Returns 0 when memory for the table ran out (numbers stay absolute).
 */
static int tcp_seq_track(struct pr_ctx *c, int v6, const uint8_t *sa,
			 const uint8_t *da, uint16_t sport, uint16_t dport,
			 uint8_t flags, uint32_t *seq, uint32_t *ack,
			 uint32_t *thseq, uint32_t *thack, int *rev)
{
	size_t alen = v6 ? 16 : 4;
	/* sa and da are 16 bytes, zero past an IPv4 address */
	struct tcp_key k;
	uint32_t h = tcp_key_make(&k, sa, da, alen, sport, dport);
	struct pr_tcptab *tab;
	struct pr_tcpconv *e;
	const uint8_t *ksrc = k.src, *kdst = k.dst;
	uint32_t port = k.port;
	int r = k.rev, fresh;

	if (c->ntcpsh) {
		unsigned i = shard_of(h, c->ntcpsh);
		struct pr_tcpshard *sh = &c->tcpsh[i];

		if (c->pipe_worker && c->tcpsh_owner[i] + 1u != c->pipe_worker)
			c->pipe_foreign++; /* another printer's conversation */
		tab = v6 ? &sh->tcp6 : &sh->tcp4;
	} else {
		tab = v6 ? &c->tcp6 : &c->tcp4;
	}
	*rev = r;
	tab->alen = alen;
	if (!tab->slots && tcp_grow(tab) < 0)
		return 0;
	e = tcp_slot(tab->slots, tab->cap, alen, h, port, ksrc, kdst);
	fresh = !e->valid || (flags & TH_SYN);
	if (!e->valid) {
		/* A new conversation: at three quarters full the table doubles
		 * first; if it cannot, it fills up, keeping a slot empty so
		 * that every probe ends. */
		if ((tab->n + 1) * 4 > tab->cap * 3) {
			if (tcp_grow(tab) == 0)
				e = tcp_slot(tab->slots, tab->cap, alen, h, port, ksrc,
					     kdst);
			else if (tab->n + 1 >= tab->cap)
				return 0;
		}
		e->port = port;
		e->valid = 1;
		memcpy(e->addr, ksrc, alen);
		memcpy(e->addr + alen, kdst, alen);
		tab->n++;
	}
	cap_tcp_rel_apply(&e->rel, fresh, r, seq, ack);
	*thseq = e->rel.seq;
	*thack = e->rel.ack;
	return 1;
}

/*
 * Whether a segment between these ports reaches no state of the printer
 * but its conversation's relative numbers (pr-pipe.c): all but RPC's.
 */
int pr_tcp_ports_stateless(uint16_t sport, uint16_t dport)
{
	unsigned app = chain_find(sport, dport);

	return !app || tcp_chain[app - 1].fn != sunrpc_tcp_print;
}

/* ---- the segment ---- */

/* Prints the addresses and ports (or just the ports under a tunnel). */
static int ends_print(struct pr_ctx *c, uint16_t sport, uint16_t dport)
{
	const uint8_t *iph = c->iph;
	uint8_t nxt;

	PR_U8(c, iph + (c->ipver == 6 ? 6 : 9), nxt);
	if (nxt == 6)
		return pr_flow_print(c, 6, sport, dport);
	pr_tcpport(c, sport);
	pr_puts(c, " > ");
	pr_tcpport(c, dport);
	pr_puts(c, ": ");
	return 0;
}

/* RFC 1122 4.2.2.12: RST segments may carry text explaining the reset. */
static void rst_data_print(struct pr_ctx *c, const uint8_t *sp, unsigned length)
{
	uint8_t ch;

	pr_puts(c, pr_has(c, sp, length) ? " [RST" : " [!RST");
	if (length > MAX_RST_DATA_LEN) {
		length = MAX_RST_DATA_LEN;
		pr_putc(c, '+');
	}
	pr_putc(c, ' ');
	while (length && pk_u8(&c->pk, sp, &ch)) {
		pr_char(c, ch);
		sp++;
		length--;
	}
	pr_putc(c, ']');
}

static int fastopen_print(struct pr_ctx *c, const uint8_t *cp,
			  unsigned datalen, int exp)
{
	unsigned i;
	uint8_t b;

	if (exp)
		pr_puts(c, "tfo");
	if (datalen == 0) {
		pr_puts(c, " cookiereq");
	} else if (datalen % 2 != 0 || datalen < 4 || datalen > 16) {
		pr_invalid(c);
	} else {
		pr_puts(c, " cookie ");
		for (i = 0; i < datalen; ++i) {
			PR_U8(c, cp + i, b);
			pr_hex(c, b, 2);
		}
	}
	return 0;
}

/*
 * Options, from tcpdump: returns 0 after "]", 1 after a bad option
 * ("[bad opt]"), 2 after a capture cut inside an option (marker printed;
 * tcpdump then stops the packet without the closing bracket), PR_STOP.
 */
static int options_print(struct pr_ctx *c, const uint8_t *cp, unsigned hlen,
			 uint8_t flags, int rev, uint32_t thseq, uint32_t thack,
			 const uint8_t *payload, unsigned paylen)
{
	char ch = '\0';
	int rc;

	pr_puts(c, ", options [");
	while (hlen > 0) {
		unsigned len, datalen, i;
		uint8_t opt, l8, b;

		if (ch != '\0')
			pr_putc(c, ch);
		PR_U8(c, cp, opt);
		cp++;
		if (opt == TCPOPT_EOL || opt == TCPOPT_NOP) {
			len = 1;
		} else {
			PR_U8(c, cp, l8);
			cp++;
			len = l8;
			if (len < 2 || len > hlen)
				goto bad;
			--hlen;
		}
		--hlen;
		datalen = 0;

/* Bail if "l" bytes of data are not left or were not captured. */
#define LENCHECK(l)                                                      \
	do {                                                             \
		if ((l) > hlen)                                          \
			goto bad;                                        \
		if (!pr_has(c, cp, (l)))                                 \
			goto trunc;                                      \
	} while (0)

		if (opt_names[opt].s)
			pr_putn(c, opt_names[opt].s, opt_names[opt].n);
		else
			pr_printf(c, "unknown-%u", opt);
		switch (opt) {
		case TCPOPT_MAXSEG: {
			uint16_t v;

			datalen = 2;
			LENCHECK(datalen);
			PR_BE16(c, cp, v);
			pr_putc(c, ' ');
			pr_uint(c, v);
			break;
		}
		case TCPOPT_WSCALE:
			datalen = 1;
			LENCHECK(datalen);
			PR_U8(c, cp, b);
			pr_putc(c, ' ');
			pr_uint(c, b);
			break;
		case TCPOPT_SACK:
			datalen = len - 2;
			if (datalen % 8 != 0) {
				pr_puts(c, " invalid sack");
			} else {
				pr_printf(c, " %u ", datalen / 8);
				for (i = 0; i < datalen; i += 8) {
					uint32_t s, e;

					LENCHECK(i + 4);
					PR_BE32(c, cp + i, s);
					LENCHECK(i + 8);
					PR_BE32(c, cp + i + 4, e);
					if (rev) {
						s -= thseq;
						e -= thseq;
					} else {
						s -= thack;
						e -= thack;
					}
					pr_printf(c, "{%u:%u}", s, e);
				}
			}
			break;
		case TCPOPT_CC:
		case TCPOPT_CCNEW:
		case TCPOPT_CCECHO:
		case TCPOPT_ECHO:
		case TCPOPT_ECHOREPLY: {
			uint32_t v;

			datalen = 4;
			LENCHECK(datalen);
			PR_BE32(c, cp, v);
			pr_putc(c, ' ');
			pr_uint(c, v);
			break;
		}
		case TCPOPT_TIMESTAMP: {
			uint32_t v, e;

			datalen = 8;
			LENCHECK(datalen);
			PR_BE32(c, cp, v);
			PR_BE32(c, cp + 4, e);
			pr_puts(c, " val ");
			pr_uint(c, v);
			pr_puts(c, " ecr ");
			pr_uint(c, e);
			break;
		}
		case TCPOPT_SIGNATURE:
			/*
			 * tcpdump (built with libcrypto, as Debian's is) says
			 * why it cannot verify: payload cut short, or no -M
			 * secret (dumplab has no -M).
			 */
			datalen = TCP_SIGLEN;
			LENCHECK(datalen);
			pr_puts(c, pr_has(c, payload, paylen)
					   ? " shared secret not supplied with -M, can't check - "
					   : " snaplen too short, can't check - ");
			for (i = 0; i < TCP_SIGLEN; ++i) {
				PR_U8(c, cp + i, b);
				pr_hex(c, b, 2);
			}
			break;
		case TCPOPT_SCPS: {
			uint8_t b2;

			datalen = 2;
			LENCHECK(datalen);
			PR_U8(c, cp, b);
			PR_U8(c, cp + 1, b2);
			pr_printf(c, " cap %02x id %u", b, b2);
			break;
		}
		case TCPOPT_TCPAO:
			datalen = len - 2;
			if (datalen < 2) {
				pr_invalid(c);
			} else {
				LENCHECK(1);
				PR_U8(c, cp, b);
				pr_printf(c, " keyid %u", b);
				LENCHECK(2);
				PR_U8(c, cp + 1, b);
				pr_printf(c, " rnextkeyid %u", b);
				if (datalen > 2) {
					pr_puts(c, " mac 0x");
					for (i = 2; i < datalen; i++) {
						LENCHECK(i + 1);
						PR_U8(c, cp + i, b);
						pr_hex(c, b, 2);
					}
				}
			}
			break;
		case TCPOPT_EOL:
		case TCPOPT_NOP:
		case TCPOPT_SACKOK:
			break;
		case TCPOPT_UTO: {
			uint16_t v;
			unsigned uto;

			datalen = 2;
			LENCHECK(datalen);
			PR_BE16(c, cp, v);
			pr_printf(c, " 0x%x", v);
			uto = v & 1 ? (v >> 1) * 60u : (unsigned)v >> 1;
			pr_printf(c, " %u", uto);
			break;
		}
		case TCPOPT_MPTCP: {
			const uint8_t *old = c->pk.hi;

			datalen = len - 2;
			LENCHECK(datalen);
			pr_push_end(c, cp - 2, len);
			rc = mptcp_print(c, cp - 2, len, flags);
			c->pk.hi = old;
			if (rc == PR_STOP)
				return PR_STOP;
			if (!rc)
				goto bad;
			break;
		}
		case TCPOPT_FASTOPEN:
			datalen = len - 2;
			LENCHECK(datalen);
			pr_putc(c, ' ');
			if (fastopen_print(c, cp, datalen, 0) == PR_STOP)
				return PR_STOP;
			break;
		case TCPOPT_EXPERIMENT2: {
			uint16_t magic;

			datalen = len - 2;
			LENCHECK(datalen);
			if (datalen < 2)
				goto bad;
			PR_BE16(c, cp, magic);
			pr_putc(c, '-');
			if (magic == 0xf989) {
				if (fastopen_print(c, cp + 2, datalen - 2, 1) ==
				    PR_STOP)
					return PR_STOP;
			} else {
				pr_hex(c, magic, 4);
			}
			break;
		}
		default:
			datalen = len - 2;
			if (datalen)
				pr_puts(c, " 0x");
			for (i = 0; i < datalen; ++i) {
				LENCHECK(i + 1);
				PR_U8(c, cp + i, b);
				pr_hex(c, b, 2);
			}
			break;
		}
#undef LENCHECK
		cp += datalen;
		hlen -= datalen;
		++datalen;
		if (opt != TCPOPT_EOL && opt != TCPOPT_NOP)
			++datalen;
		if (datalen != len)
			pr_printf(c, "[len %u]", len);
		ch = ',';
		if (opt == TCPOPT_EOL)
			break;
	}
	pr_putc(c, ']');
	return 0;
bad:
	pr_puts(c, "[bad opt]");
	if (ch != '\0')
		pr_putc(c, ']');
	return 1;
trunc:
	pr_trunc(c);
	if (ch != '\0')
		pr_putc(c, '>');
	return 2;
}

int tcp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint16_t sport, dport, win, urp;
	uint32_t seq, ack, thseq = 0, thack = 0;
	uint8_t offx2, flags;
	unsigned hlen, header_len;
	int rev = 0, v6 = c->ipver == 6, rc;
	const uint8_t *iph = c->iph;
	size_t app;

	c->proto = "tcp";
	if (!pr_has(c, bp + 2, 2)) {
		if (v6) {
			PR_IP6(c, "", iph + 8);
			pr_puts(c, " > ");
			PR_IP6(c, "", iph + 24);
		} else {
			PR_IP4(c, "", iph + 12);
			pr_puts(c, " > ");
			PR_IP4(c, "", iph + 16);
		}
		pr_putc(c, ':');
		pr_trunc(c);
		return 0;
	}
	PR_BE16(c, bp, sport);
	PR_BE16(c, bp + 2, dport);
	if (ends_print(c, sport, dport) == PR_STOP)
		return PR_STOP;
	if (!pr_has(c, bp, TCP_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, bp + 12, offx2);
	hlen = (offx2 >> 4) * 4u;
	if (hlen < TCP_HDRLEN) {
		pr_printf(c, " tcp %u [bad hdr length %u - too short, < %u]",
			  length - hlen, hlen, TCP_HDRLEN);
		return 0;
	}
	PR_BE32(c, bp + 4, seq);
	PR_BE32(c, bp + 8, ack);
	PR_BE16(c, bp + 14, win);
	PR_BE16(c, bp + 18, urp);
	if (c->o.qflag) {
		pr_puts(c, "tcp ");
		pr_uint(c, (uint32_t)(length - hlen));
		if (hlen > length)
			pr_printf(c, " [bad hdr length %u - too long, > %u]",
				  hlen, length);
		return 0;
	}
	PR_U8(c, bp + 13, flags);
	{
		/* tcp_flag_names, in its order, without a table walk */
		static const char letter[8] = { 'F', 'S', 'R', 'P',
						'.', 'U', 'E', 'W' };
		char f[16] = "Flags [";
		size_t n = 7;
		int i;

		/* the usual sets first, as literals */
		switch (flags) {
		case 0x10:
			pr_puts(c, "Flags [.]");
			break;
		case 0x18:
			pr_puts(c, "Flags [P.]");
			break;
		case 0x02:
			pr_puts(c, "Flags [S]");
			break;
		case 0x12:
			pr_puts(c, "Flags [S.]");
			break;
		case 0x11:
			pr_puts(c, "Flags [F.]");
			break;
		case 0x00:
			pr_puts(c, "Flags [none]");
			break;
		default:
			for (i = 0; i < 8; i++)
				if (flags & (1u << i))
					f[n++] = letter[i];
			f[n++] = ']';
			pr_putn(c, f, n);
		}
	}

	if (!c->o.Sflag && (flags & TH_ACK)) {
		uint8_t sa[16] = { 0 }, da[16] = { 0 };

		if (v6) {
			PR_COPY(c, iph + 8, sa, 16);
			PR_COPY(c, iph + 24, da, 16);
		} else {
			PR_COPY(c, iph + 12, sa, 4);
			PR_COPY(c, iph + 16, da, 4);
		}
		tcp_seq_track(c, v6, sa, da, sport, dport, flags, &seq, &ack,
			      &thseq, &thack, &rev);
	}
	if (hlen > length) {
		pr_printf(c, " [bad hdr length %u - too long, > %u]", hlen,
			  length);
		return 0;
	}

	if (c->o.vflag && !c->fragmented && pr_has(c, bp, length)) {
		const uint8_t *seg = pk_span(&c->pk, bp, length);
		uint16_t field, sum;
		uint32_t acc;

		PR_BE16(c, bp + 16, field);
		if (ip_pseudo_sum(c, 6, length, &acc) == PR_STOP)
			return PR_STOP;
		sum = pr_cksum_fold(pr_cksum_add(acc, seg, length));
		pr_puts(c, ", cksum 0x");
		pr_hex(c, field, 4);
		if (sum != 0) {
			pr_puts(c, " (incorrect -> 0x");
			pr_hex(c, pr_cksum_shouldbe(field, sum), 4);
			pr_putc(c, ')');
		} else {
			pr_puts(c, " (correct)");
		}
	}

	length -= hlen;
	if (c->o.vflag > 1 || length > 0 || (flags & (TH_SYN | TH_FIN | TH_RST))) {
		pr_puts(c, ", seq ");
		pr_uint(c, seq);
		if (length > 0) {
			pr_putc(c, ':');
			pr_uint(c, (uint32_t)(seq + length));
		}
	}
	if (flags & TH_ACK) {
		pr_puts(c, ", ack ");
		pr_uint(c, ack);
	}
	pr_puts(c, ", win ");
	pr_uint(c, win);
	if (flags & TH_URG) {
		pr_puts(c, ", urg ");
		pr_uint(c, urp);
	}
	if (hlen > TCP_HDRLEN) {
		rc = options_print(c, bp + TCP_HDRLEN, hlen - TCP_HDRLEN, flags,
				   rev, thseq, thack, bp + (offx2 >> 4) * 4u,
				   length);
		if (rc != 0)
			return rc == PR_STOP ? PR_STOP : 0;
	}
	pr_puts(c, ", length ");
	pr_uint(c, length);
	if (length == 0)
		return 0;

	header_len = (offx2 >> 4) * 4u;
	if (!pr_has(c, bp, header_len)) {
		pr_printf(c, " [remaining caplen(%u) < header length(%u)]",
			  (unsigned)pr_left(c, bp), header_len);
		return pr_stop(c);
	}
	bp += header_len;
	if ((flags & TH_RST) && c->o.vflag) {
		rst_data_print(c, bp, length);
		return 0;
	}
	c->sport = sport;
	c->dport = dport;
	if (c->o.Ttype) { /* -T: of the types dumplab decodes, domain and resp are TCP's */
		if (c->o.Ttype == PR_PT_DOMAIN)
			return dns_tcp_print(c, bp, length);
		return c->o.Ttype == PR_PT_RESP ? resp_print(c, bp, length) : 0;
	}
	app = chain_find(sport, dport);
	if (app--) {
		if (tcp_chain[app].fn)
			return tcp_chain[app].fn(c, bp, length);
		if (length > 0)
			pr_generic(c, tcp_chain[app].name);
	}
	return 0;
}
