/* test-pkt.c: the bounds-checked packet getters of capture/pkt.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture/pkt.h"
#include "unit/tu.h"

static void test_bounds(void)
{
	/* A size the compiler cannot see, so that the refused reads below do
	 * not trip its static bounds warnings. */
	volatile size_t size = 8;
	uint8_t *buf = malloc(size);
	struct pk b;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint8_t out[8];

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	memcpy(buf, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	b.lo = buf;
	b.hi = buf + 8;
	CU_ASSERT(pk_has(&b, buf, 8));
	CU_ASSERT(pk_has(&b, buf + 8, 0));
	CU_ASSERT(!pk_has(&b, buf + 8, 1));
	CU_ASSERT(!pk_has(&b, buf + 1, 8));
	CU_ASSERT(!pk_has(&b, buf - 1, 1));
	CU_ASSERT(!pk_has(&b, buf + 4, (size_t)-1));
	CU_ASSERT_EQUAL(pk_left(&b, buf + 3), 5);
	CU_ASSERT_EQUAL(pk_left(&b, buf + 9), 0);
	CU_ASSERT(pk_u8(&b, buf + 7, &u8) && u8 == 8);
	CU_ASSERT(!pk_u8(&b, buf + 8, &u8));
	CU_ASSERT(pk_be16(&b, buf, &u16) && u16 == 0x0102);
	CU_ASSERT(pk_le16(&b, buf, &u16) && u16 == 0x0201);
	CU_ASSERT(!pk_be16(&b, buf + 7, &u16));
	CU_ASSERT(pk_be24(&b, buf + 5, &u32) && u32 == 0x060708);
	CU_ASSERT(!pk_be24(&b, buf + 6, &u32));
	CU_ASSERT(pk_be32(&b, buf + 4, &u32) && u32 == 0x05060708);
	CU_ASSERT(pk_le32(&b, buf + 4, &u32) && u32 == 0x08070605);
	CU_ASSERT(!pk_be32(&b, buf + 5, &u32));
	CU_ASSERT(pk_copy(&b, buf + 2, out, 6) && out[5] == 8);
	CU_ASSERT(!pk_copy(&b, buf + 2, out, 7));
	CU_ASSERT_PTR_EQUAL(pk_span(&b, buf + 1, 7), buf + 1);
	CU_ASSERT_PTR_NULL(pk_span(&b, buf + 1, 8));
	/* a narrowed end (an IP datagram shorter than the frame) */
	b.hi = buf + 4;
	CU_ASSERT(!pk_u8(&b, buf + 4, &u8));
	CU_ASSERT(pk_u8(&b, buf + 3, &u8) && u8 == 4);
	free(buf);
}

static CU_TestInfo tests[] = {
	{ "getters stay inside [lo, hi)", test_bounds },
	CU_TEST_INFO_NULL,
};

TU_SUITE("pkt", NULL, NULL, tests);
