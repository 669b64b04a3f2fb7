/* main.c: the unit test runner: every TU_SUITE of tests/unit, CUnit basic mode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "unit/tu.h"

#define TU_MAX 128

static const CU_SuiteInfo *suites[TU_MAX];
static int nsuites;

void tu_add_suite(const CU_SuiteInfo *s)
{
	if (nsuites < TU_MAX)
		suites[nsuites++] = s;
	else
		fprintf(stderr, "test-unit: more than %d suites\n", TU_MAX);
}

static int wanted(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	CU_SuiteInfo list[TU_MAX + 1];
	unsigned failed;
	int i, n = 0;

	for (i = 0; i < nsuites; i++)
		if (wanted(suites[i]->pName, argc, argv))
			list[n++] = *suites[i];
	memset(&list[n], 0, sizeof(list[n]));
	if (n == 0) {
		fprintf(stderr, "test-unit: no suite matches\n");
		return 2;
	}
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (CU_register_suites(list) != CUE_SUCCESS) {
		fprintf(stderr, "test-unit: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() +
		 CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
