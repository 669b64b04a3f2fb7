/* print-sctp.c: SCTP (RFC 9260) common header and chunks, as tcpdump 4.99.3 shows them. */
/*
 * Common header (RFC 9260 3.1):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Source Port Number        |     Destination Port Number   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Verification Tag                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           Checksum                            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * then chunks, each padded to 4 bytes (RFC 9260 3.2):
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  \                          Chunk Value                          /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * DATA (type 0): TSN (4), stream id (2), stream sequence (2), PPID (4).
 * INIT and INIT ACK (1, 2): tag (4), a_rwnd (4), out streams (2), in
 * streams (2), initial TSN (4), then parameters (not shown).
 * SACK (3): cumulative TSN ack (4), a_rwnd (4), gap blocks (2), dup
 * TSNs (2), then the gap blocks (start, end: 2 each) and dup TSNs (4).
 *
 * Chunks print one after another, " (1) [DATA] ...", ", (2) [SACK] ...",
 * with -vv each on its own line, and -vv's M3UA payloads decoded
 * (print-m3ua.c). ForCES (RFC 5811) payloads are not decoded here: they
 * count as printed generically.
 */
#include "capture/print-int.h"

#define SCTP_HDRLEN 12u
#define CHUNK_HDRLEN 4u
#define DATA_HDRLEN 12u
#define INIT_HDRLEN 16u
#define SACK_HDRLEN 12u

/* ForCES channels (RFC 5811 4.2). */
#define CHAN_HP 6704
#define CHAN_MP 6705
#define CHAN_LP 6706

static const struct pr_tok chunk_names[] = {
	{ 0x00, "DATA" },
	{ 0x01, "INIT" },
	{ 0x02, "INIT ACK" },
	{ 0x03, "SACK" },
	{ 0x04, "HB REQ" },
	{ 0x05, "HB ACK" },
	{ 0x06, "ABORT" },
	{ 0x07, "SHUTDOWN" },
	{ 0x08, "SHUTDOWN ACK" },
	{ 0x09, "OP ERR" },
	{ 0x0a, "COOKIE ECHO" },
	{ 0x0b, "COOKIE ACK" },
	{ 0x0c, "ECN ECHO" },
	{ 0x0d, "ECN CWR" },
	{ 0x0e, "SHUTDOWN COMPLETE" },
	{ 0xc0, "FOR CUM TSN" },
	{ 0xc1, "REL CTRL" },
	{ 0xc2, "REL CTRL ACK" },
	{ 0, NULL },
};

static const struct pr_tok forces_channels[] = {
	{ CHAN_HP, "ForCES HP" },
	{ CHAN_MP, "ForCES MP" },
	{ CHAN_LP, "ForCES LP" },
	{ 0, NULL },
};

/* Payload protocol identifiers (IANA "SCTP Payload Protocol Identifiers"). */
static const struct pr_tok ppid_names[] = {
	{ 1, "ISDN Q.921" },
	{ 2, "M2UA" },
	{ 3, "M3UA" },
	{ 4, "SUA" },
	{ 5, "M2PA" },
	{ 6, "V5.2" },
	{ 7, "H.248" },
	{ 8, "BICC" },
	{ 9, "TALI" },
	{ 10, "DUA" },
	{ 11, "ASAP" },
	{ 12, "ENRP" },
	{ 13, "H.323" },
	{ 14, "Q.IPC" },
	{ 15, "SIMCO" },
	{ 16, "DDPSC" },
	{ 17, "DDPSSC" },
	{ 18, "S1AP" },
	{ 19, "RUA" },
	{ 20, "HNBAP" },
	{ 21, "ForCES HP" },
	{ 22, "ForCES MP" },
	{ 23, "ForCES LP" },
	{ 24, "SBc-AP" },
	{ 25, "NBAP" },
	{ 27, "X2AP" },
	{ 0, NULL },
};

#define PPID_M3UA 3
#define PPID_FORCES_HP 21
#define PPID_FORCES_LP 23

static int is_forces_port(unsigned port)
{
	return port >= CHAN_HP && port <= CHAN_LP;
}

static void bogus(struct pr_ctx *c, unsigned chunk_len)
{
	pr_printf(c, "bogus chunk length %u]", chunk_len);
}

/* The DATA chunk after its 4-byte header; 1 when the packet ends here. */
static int data_print(struct pr_ctx *c, const uint8_t **bpp, unsigned *left,
		      uint16_t *cleft, uint8_t flags, unsigned clen,
		      int *isforces)
{
	const uint8_t *bp = *bpp;
	uint32_t ppid, tsn;
	uint16_t sid, sseq, payload;

	if (flags & 0x04)
		pr_puts(c, "(U)");
	if (flags & 0x02)
		pr_puts(c, "(B)");
	if (flags & 0x01)
		pr_puts(c, "(E)");
	if (flags & 0x07)
		pr_putc(c, ' ');
	if (*cleft < DATA_HDRLEN) {
		bogus(c, clen);
		return 1;
	}
	PR_BE32(c, bp + 8, ppid);
	PR_BE32(c, bp, tsn);
	pr_printf(c, "[TSN: %u] ", tsn);
	PR_BE16(c, bp + 4, sid);
	pr_printf(c, "[SID: %u] ", sid);
	PR_BE16(c, bp + 6, sseq);
	pr_printf(c, "[SSEQ %u] ", sseq);
	pr_puts(c, "[PPID ");
	pr_tok_print(c, ppid_names, "0x%x", ppid);
	pr_puts(c, "] ");
	if (!*isforces)
		*isforces = ppid >= PPID_FORCES_HP && ppid <= PPID_FORCES_LP;
	bp += DATA_HDRLEN;
	*left -= DATA_HDRLEN;
	*cleft -= DATA_HDRLEN;
	payload = *cleft;
	if (payload == 0) {
		bogus(c, clen);
		return 1;
	}
	if (*isforces) {
		pr_generic(c, "ForCES");
	} else if (c->o.vflag >= 2) {
		if (ppid == PPID_M3UA) {
			if (m3ua_print(c, bp, payload) == PR_STOP)
				return PR_STOP;
			c->proto = "sctp";
		} else {
			pr_puts(c, "[Payload");
			if (!c->suppress_default) {
				pr_putc(c, ':');
				pr_default(c, bp, payload);
			}
			pr_putc(c, ']');
		}
	}
	*bpp = bp + payload;
	*left -= payload;
	*cleft -= payload;
	return 0;
}

static int init_print(struct pr_ctx *c, const uint8_t *bp)
{
	uint32_t v;
	uint16_t s;

	PR_BE32(c, bp, v);
	pr_printf(c, "[init tag: %u] ", v);
	PR_BE32(c, bp + 4, v);
	pr_printf(c, "[rwnd: %u] ", v);
	PR_BE16(c, bp + 8, s);
	pr_printf(c, "[OS: %u] ", s);
	PR_BE16(c, bp + 10, s);
	pr_printf(c, "[MIS: %u] ", s);
	PR_BE32(c, bp + 12, v);
	pr_printf(c, "[init TSN: %u] ", v);
	return 0;
}

/* The SACK chunk after its 4-byte header; 1 when the packet ends here. */
static int sack_print(struct pr_ctx *c, const uint8_t **bpp, unsigned *left,
		      uint16_t *cleft, unsigned clen)
{
	const uint8_t *bp = *bpp;
	uint32_t cum, v;
	uint16_t ngaps, ndups, s, e;
	unsigned i;

	if (*cleft < SACK_HDRLEN) {
		bogus(c, clen);
		return 1;
	}
	PR_BE32(c, bp, cum);
	pr_printf(c, "[cum ack %u] ", cum);
	PR_BE32(c, bp + 4, v);
	pr_printf(c, "[a_rwnd %u] ", v);
	PR_BE16(c, bp + 8, ngaps);
	pr_printf(c, "[#gap acks %u] ", ngaps);
	PR_BE16(c, bp + 10, ndups);
	pr_printf(c, "[#dup tsns %u] ", ndups);
	bp += SACK_HDRLEN;
	*left -= SACK_HDRLEN;
	*cleft -= SACK_HDRLEN;
	for (i = 0; *cleft != 0 && i < ngaps; i++) {
		if (*cleft < 4) {
			bogus(c, clen);
			return 1;
		}
		PR_BE16(c, bp, s);
		PR_BE16(c, bp + 2, e);
		pr_printf(c,
			  "\n\t\t[gap ack block #%u: start = %u, end = %u] ",
			  i + 1, (uint32_t)(cum + s), (uint32_t)(cum + e));
		bp += 4;
		*left -= 4;
		*cleft -= 4;
	}
	for (i = 0; *cleft != 0 && i < ndups; i++) {
		if (*cleft < 4) {
			bogus(c, clen);
			return 1;
		}
		PR_BE32(c, bp, v);
		pr_printf(c, "\n\t\t[dup TSN #%u: %u] ", i + 1, v);
		bp += 4;
		*left -= 4;
		*cleft -= 4;
	}
	*bpp = bp;
	return 0;
}

int sctp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *iph = c->iph;
	uint16_t sport, dport;
	unsigned left, count;
	const char *sep;
	int isforces = 0;

	c->proto = "sctp";
	if (length < SCTP_HDRLEN) {
		pr_printf(c, "truncated-sctp - %u bytes missing!",
			  SCTP_HDRLEN - length);
		return 0;
	}
	if (!pr_has(c, bp, SCTP_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	PR_BE16(c, bp, sport);
	PR_BE16(c, bp + 2, dport);
	if (c->ipver == 6) {
		PR_IP6(c, "", iph + 8);
		pr_printf(c, ".%u", sport);
		PR_IP6(c, " > ", iph + 24);
	} else {
		PR_IP4(c, "", iph + 12);
		pr_printf(c, ".%u", sport);
		PR_IP4(c, " > ", iph + 16);
	}
	pr_printf(c, ".%u: sctp", dport);
	if (is_forces_port(sport)) {
		pr_printf(c, "[%s]", pr_tok(forces_channels, sport));
		isforces = 1;
	}
	if (is_forces_port(dport)) {
		pr_printf(c, "[%s]", pr_tok(forces_channels, dport));
		isforces = 1;
	}
	bp += SCTP_HDRLEN;
	left = length - SCTP_HDRLEN;
	sep = c->o.vflag >= 2 ? "\n\t" : " (";

	/*
	 * The arithmetic is unsigned on purpose: a chunk longer than the IP
	 * payload makes "left" wrap, as in tcpdump, and the walk then ends
	 * at the capture's end with the truncation marker.
	 */
	for (count = 0; left != 0; count++) {
		uint16_t clen, cleft;
		uint8_t id, flags;
		unsigned align;
		int rc = 0;

		if (left < CHUNK_HDRLEN) {
			pr_printf(c, "%s%u) [chunk descriptor cut off at end "
				     "of packet]", sep, count + 1);
			break;
		}
		if (!pr_has(c, bp, CHUNK_HDRLEN)) {
			pr_trunc(c);
			return 0;
		}
		PR_BE16(c, bp + 2, clen);
		if (clen < CHUNK_HDRLEN) {
			pr_printf(c, "%s%u) [Bad chunk length %u, < size of "
				     "chunk descriptor]", sep, count + 1, clen);
			break;
		}
		cleft = clen;
		align = clen % 4;
		if (align != 0)
			align = 4 - align;
		if (left < align) {
			pr_printf(c, "%s%u) [Bad chunk length %u, > remaining "
				     "data in packet]", sep, count + 1, clen);
			break;
		}
		if (!pr_has(c, bp, clen)) {
			pr_trunc(c);
			return 0;
		}
		PR_U8(c, bp, id);
		PR_U8(c, bp + 1, flags);
		bp += CHUNK_HDRLEN;
		left -= CHUNK_HDRLEN;
		cleft -= CHUNK_HDRLEN;
		pr_printf(c, "%s%u) [", sep, count + 1);
		pr_tok_print(c, chunk_names, "Unknown chunk type: 0x%x", id);
		pr_puts(c, "] ");
		switch (id) {
		case 0x00:
			rc = data_print(c, &bp, &left, &cleft, flags, clen,
					&isforces);
			break;
		case 0x01:
		case 0x02:
			if (cleft < INIT_HDRLEN) {
				bogus(c, clen);
				return 0;
			}
			if (init_print(c, bp) == PR_STOP)
				return PR_STOP;
			bp += cleft;
			left -= cleft;
			cleft = 0;
			break;
		case 0x03:
			rc = sack_print(c, &bp, &left, &cleft, clen);
			break;
		default:
			bp += cleft;
			left -= cleft;
			cleft = 0;
			break;
		}
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == 1)
			return 0;
		/* Whatever the chunk holds past what was shown. */
		bp += cleft;
		left -= cleft;
		if (c->o.vflag < 2)
			sep = ", (";
		if (align != 0) {
			if (!pr_has(c, bp, align)) {
				pr_trunc(c);
				return 0;
			}
			bp += align;
			left -= align;
		}
	}
	return 0;
}
