/* test-pktvec.c: kept packets: copies, order, large packets, alignment, release. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture/pktvec.h"
#include "unit/tu.h"

static void fill(uint8_t *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(seed * 31 + i);
}

/* Thousands of packets of varied sizes, one larger than a chunk: each
 * kept whole, in order, as copies, 8-byte aligned. */
static void test_many(void)
{
	static const size_t sizes[] = { 0, 1, 7, 60, 1514, 9000, 65535, 300000 };
	struct cap_pktvec k = { 0 };
	struct pcap_pkthdr h = { 0 };
	uint8_t *buf = malloc(300000), *want = malloc(300000);
	size_t i, n = 3000;

	CU_ASSERT_FATAL(buf && want);
	for (i = 0; i < n; i++) {
		h.caplen = (bpf_u_int32)sizes[i % 8];
		h.len = h.caplen + 4;
		h.ts.tv_sec = (time_t)i;
		fill(buf, h.caplen, (unsigned)i);
		CU_ASSERT_FATAL(cap_pktvec_add(&k, &h, buf) == 0);
		memset(buf, 0xee, h.caplen); /* the vector holds a copy */
	}
	CU_ASSERT(k.n == n);
	for (i = 0; i < n; i++) {
		const struct cap_pkt *p = &k.v[i];

		CU_ASSERT(p->h.caplen == sizes[i % 8]);
		CU_ASSERT(p->h.len == p->h.caplen + 4);
		CU_ASSERT(p->h.ts.tv_sec == (time_t)i);
		CU_ASSERT(((uintptr_t)p->data & 7) == 0);
		fill(want, p->h.caplen, (unsigned)i);
		if (memcmp(p->data, want, p->h.caplen) != 0) {
			CU_FAIL("packet bytes");
			break;
		}
	}
	cap_pktvec_release(&k);
	CU_ASSERT(k.n == 0 && k.v == NULL && k.chunks == NULL);
	/* released, it is empty and usable again */
	h.caplen = 3;
	CU_ASSERT(cap_pktvec_add(&k, &h, (const uint8_t *)"abc") == 0);
	CU_ASSERT(k.n == 1 && !memcmp(k.v[0].data, "abc", 3));
	cap_pktvec_release(&k);
	free(buf);
	free(want);
}

static CU_TestInfo tests[] = {
	{ "copies kept whole, in order, aligned; release empties", test_many },
	CU_TEST_INFO_NULL,
};

TU_SUITE("pktvec", NULL, NULL, tests);
