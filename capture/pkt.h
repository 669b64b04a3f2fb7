/* pkt.h: bounds-checked reads of packet bytes: the only way printers touch a packet. */
#ifndef CAP_PKT_H
#define CAP_PKT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * The bytes a printer may read: [lo, hi). lo is the first captured byte of
 * the packet, hi one past the last byte the current layer may read
 * (tcpdump's "snapend": the capture length, cut down to the end of an IP
 * datagram by the IP printers). Every getter checks its whole range
 * against both ends and reads nothing when any byte is outside; the
 * comparisons are done on integers, so a pointer computed past the end
 * from a hostile length field is still only compared, never dereferenced.
 * Multi-byte values are assembled byte by byte (no unaligned loads).
 */
struct pk {
	const uint8_t *lo;
	const uint8_t *hi;
};

/* 1 when the n bytes at p are all inside the readable range. */
static inline int pk_has(const struct pk *b, const uint8_t *p, size_t n)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)b->lo, hi = (uintptr_t)b->hi;

	return a >= lo && a <= hi && n <= hi - a;
}

/* How many readable bytes start at p (0 when p is outside the range). */
static inline size_t pk_left(const struct pk *b, const uint8_t *p)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)b->lo, hi = (uintptr_t)b->hi;

	return (a >= lo && a <= hi) ? hi - a : 0;
}

static inline int pk_u8(const struct pk *b, const uint8_t *p, uint8_t *v)
{
	if (!pk_has(b, p, 1))
		return 0;
	*v = p[0];
	return 1;
}

static inline int pk_be16(const struct pk *b, const uint8_t *p, uint16_t *v)
{
	if (!pk_has(b, p, 2))
		return 0;
	*v = (uint16_t)(p[0] << 8 | p[1]);
	return 1;
}

static inline int pk_be24(const struct pk *b, const uint8_t *p, uint32_t *v)
{
	if (!pk_has(b, p, 3))
		return 0;
	*v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
	return 1;
}

static inline int pk_be32(const struct pk *b, const uint8_t *p, uint32_t *v)
{
	if (!pk_has(b, p, 4))
		return 0;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	     (uint32_t)p[2] << 8 | p[3];
	return 1;
}

static inline int pk_le16(const struct pk *b, const uint8_t *p, uint16_t *v)
{
	if (!pk_has(b, p, 2))
		return 0;
	*v = (uint16_t)(p[1] << 8 | p[0]);
	return 1;
}

static inline int pk_le32(const struct pk *b, const uint8_t *p, uint32_t *v)
{
	if (!pk_has(b, p, 4))
		return 0;
	*v = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	     (uint32_t)p[1] << 8 | p[0];
	return 1;
}

/* Host byte order (NFLOG TLVs, DLT_NULL families are written that way). */
static inline int pk_he16(const struct pk *b, const uint8_t *p, uint16_t *v)
{
	if (!pk_has(b, p, 2))
		return 0;
	memcpy(v, p, 2);
	return 1;
}

static inline int pk_he32(const struct pk *b, const uint8_t *p, uint32_t *v)
{
	if (!pk_has(b, p, 4))
		return 0;
	memcpy(v, p, 4);
	return 1;
}

/*
 * A checked view of n bytes: p when all n are readable, else NULL. The
 * caller reads at most n bytes through the result (bulk work: checksums,
 * hex dumps, text lines).
 */
static inline const uint8_t *pk_span(const struct pk *b, const uint8_t *p,
				     size_t n)
{
	return pk_has(b, p, n) ? p : NULL;
}

/* Copies n bytes to dst. */
static inline int pk_copy(const struct pk *b, const uint8_t *p, void *dst,
			  size_t n)
{
	if (!pk_has(b, p, n))
		return 0;
	memcpy(dst, p, n);
	return 1;
}

#endif
