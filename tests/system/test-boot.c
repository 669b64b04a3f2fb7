/* test-boot.c: placeholder suite so the system runner links; replaced by the engine's tests. */
#include <unistd.h>

#include "unit/tu.h"

static void test_runs(void)
{
	CU_ASSERT(getpid() > 0);
}

static CU_TestInfo tests[] = {
	{ "the system test binary runs", test_runs },
	CU_TEST_INFO_NULL,
};

TU_SUITE("system-boot", NULL, NULL, tests);
