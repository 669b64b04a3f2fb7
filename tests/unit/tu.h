/* tu.h: how a unit test file registers its CUnit suite with the runner. */
#ifndef TU_H
#define TU_H

#include <CUnit/CUnit.h>

/*
 * One suite per file, declared once at file scope:
 *
 *   static CU_TestInfo tests[] = {
 *           { "parses a veth line", test_veth },
 *           CU_TEST_INFO_NULL,
 *   };
 *   TU_SUITE("scenario-parser", NULL, NULL, tests);
 *
 * The runner (tests/unit/main.c) registers every suite so declared; no
 * central list to edit. `test-unit NAME...` runs only the suites named.
 */
void tu_add_suite(const CU_SuiteInfo *s);

#define TU_SUITE(name, init, clean, tests)                                  \
	static CU_SuiteInfo tu_suite_ = { name, init, clean, NULL, NULL,     \
					  tests };                            \
	__attribute__((constructor)) static void tu_register_(void)          \
	{                                                                    \
		tu_add_suite(&tu_suite_);                                    \
	}

#endif
