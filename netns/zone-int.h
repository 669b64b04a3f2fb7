/* zone-int.h: what zone.c (the master-file reader) and zone-answer.c (the name server) share and nothing else includes. */
#ifndef NS_ZONE_INT_H
#define NS_ZONE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "netns/zone.h"

#define T_A 1
#define T_NS 2
#define T_CNAME 5
#define T_SOA 6
#define T_PTR 12
#define T_MX 15
#define T_TXT 16
#define T_AAAA 28
#define T_ANY 255
#define C_IN 1

#define NAME_MAX_WIRE 255
#define TTL_MAX 2147483647u	/* RFC 2181 8 */
#define MAX_TOKS 64
#define CHAIN_MAX 8

struct zrr {
	uint8_t *owner;		/* wire; owner and rdata share one allocation */
	size_t olen;
	uint16_t type;
	uint32_t ttl;
	uint8_t *rdata;
	uint16_t rdlen;
};

/* The records in file order; rr[0] is the SOA, its owner the apex. */
struct ns_zone {
	struct zrr *rr;
	size_t n, cap;
	char apex_text[1024];
};

/* Wire names: length-prefixed labels and a zero; compared without case. */
size_t ns_zwire_len(const uint8_t *w);
int ns_zlabel_eq(const uint8_t *a, const uint8_t *b, size_t n);
int ns_zwire_eq(const uint8_t *a, const uint8_t *b);
size_t ns_zwire_labels(const uint8_t *w);
/* 1 when name is at or below apex; *depth (may be NULL): labels above it. */
int ns_zwire_under(const uint8_t *name, const uint8_t *apex, size_t *depth);

#endif
