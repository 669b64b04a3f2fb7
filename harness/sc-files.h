/* sc-files.h: the `expect files` check (one of sc-expect.c's expectations). */
#ifndef SC_FILES_H
#define SC_FILES_H

#include "harness/hx.h"
#include "harness/sc.h"

/*
 * Checks e (an SC_EX_FILES expectation) against the files below workdir
 * (NULL: the scenario has none). Returns 1 when it holds; 0 when not, with
 * the reason in why (replaced) and the files listed in det (appended);
 * or -ENOMEM.
 */
int sc_files_check(const struct sc_expect *e, const char *workdir, struct hx_buf *why,
		   struct hx_buf *det);

#endif
