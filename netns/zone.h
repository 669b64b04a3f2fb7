/* zone.h: a DNS zone read from a master file (RFC 1035 5) and the answers a name server gives from it. */
#ifndef NS_ZONE_H
#define NS_ZONE_H

#include <stddef.h>
#include <stdint.h>

#include "harness/hx.h"

/*
 * The master-file subset read here (RFC 1035 5.1, $TTL from RFC 2308 4):
 *
 *   $ORIGIN berkeley.edu.
 *   $TTL 1d
 *   @        IN SOA ns1 hostmaster ( 2026120201 3h 1h 1w 1h )
 *            IN NS  ns1
 *   ucbvax   IN A   128.32.137.3
 *
 * Entries are `[OWNER] [TTL] [CLASS] TYPE RDATA` in either order of TTL
 * and class; a line that starts with a blank has the previous owner; `@`
 * is the origin; a name without a final dot is relative to the origin;
 * `;` starts a comment; parentheses continue an entry over lines; a
 * quoted string keeps blanks; `\X` and `\DDD` escape a character in a
 * name. TTLs are seconds or BIND's units (`1w2d3h4m5s`). The class is IN.
 * Types: A, AAAA, NS, CNAME, MX, PTR, SOA, TXT. The first entry is the
 * zone's SOA, whose owner is the zone's apex; every other owner is at or
 * below it. Not read: $INCLUDE, $GENERATE, other types and classes,
 * wildcards (a `*` label is a plain label here).
 *
 * A zone is immutable once parsed: any number of threads may answer from
 * it at once.
 */
struct ns_zone;

/*
 * Parses the master file [text, text + len). origin is the origin before
 * any $ORIGIN ("berkeley.edu", a last dot optional), or NULL: then a
 * relative name before the first $ORIGIN is an error. Returns 0 and the
 * zone in *out (the caller frees it with ns_zone_free), or a negative code
 * with err holding one line without position and *line, *col (1-based,
 * bytes) where the file is wrong. Nothing is allocated on error.
 */
int ns_zone_parse(char *err, const char *text, size_t len, const char *origin,
		  struct ns_zone **out, unsigned *line, unsigned *col);

/* Accepts NULL. */
void ns_zone_free(struct ns_zone *z);

/* The records the zone holds, and its apex, dotted with the last dot. */
size_t ns_zone_count(const struct ns_zone *z);
const char *ns_zone_apex(const struct ns_zone *z);

/* How a server answers from its zone. */
struct ns_zone_cfg {
	int cache;	/* the zone is the server's cache: answers are not
			 * authoritative (AA clear), as a caching server's */
	int ra;		/* RA set: the server says it offers recursion (it
			 * never recurses: names outside the zone are
			 * refused) */
	int minimal;	/* the answer alone: no authority NS and no
			 * additional addresses with a positive answer
			 * (BIND's minimal-responses) */
};

/* The largest DNS message over UDP without EDNS (RFC 1035 4.2.1). */
#define NS_ZONE_UDP_MAX 512

/*
 * Appends to out the response to the query [q, q + n), at most max bytes
 * (NS_ZONE_UDP_MAX over UDP, 65535 over TCP). RFC 1034 4.3.2 for one zone:
 * the records of the name and type (a CNAME is followed within the zone);
 * unless minimal, the apex's NS records in the authority section and the
 * addresses of the NS and MX names in the additional one. No such name:
 * NXDOMAIN with the SOA in the authority section; the name without that
 * type: no error, no answer, the SOA. A name outside the zone: REFUSED.
 * A query that is not one question of opcode 0: FORMERR or NOTIMP. When
 * the answer does not fit in max, the response is the header and the
 * question with TC set (RFC 2181 9); authority and additional records that
 * do not fit are left out without TC. An OPT record is ignored (a server
 * of RFC 1035's day). A section holds at most 256 records (the rest of
 * a larger RRset is left out, as if it did not fit). Returns the response's length, -EBADMSG when no
 * response is due (not a query, shorter than a header), or -ENOMEM; out
 * is as it was on error.
 */
int ns_zone_answer(const struct ns_zone *z, const struct ns_zone_cfg *cfg,
		   const uint8_t *q, size_t n, size_t max, struct hx_buf *out);

#endif
