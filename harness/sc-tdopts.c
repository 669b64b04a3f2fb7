/* sc-tdopts.c: a scenario's tcpdump words through td_parse, with the word at fault located for file:line:col messages. */
#include "harness/sc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/tdopts.h"

/*
 * The word td_parse's message is about: td_parse quotes the bad value
 * ('x') or names the option (-c, --skip); the last word that the message
 * quotes, else the last option word it names. -1 when none matches.
 */
static int bad_word(const char *msg, int argc, char **argv)
{
	char q[HX_ERRLEN];
	int i;

	for (i = argc - 1; i >= 1; i--) {
		/* as hx_err quoted it */
		snprintf(q, sizeof(q), "'%s'", HX_Q(argv[i]));
		if (strstr(msg, q))
			return i;
	}
	for (i = argc - 1; i >= 1; i--) {
		size_t n = strcspn(argv[i], "=");

		if (argv[i][0] != '-' || n < 2)
			continue;
		if (argv[i][1] != '-')
			n = 2; /* "-c5": the option is "-c" */
		snprintf(q, sizeof(q), "%.*s", (int)n, argv[i]);
		if (strstr(msg, q))
			return i;
	}
	return -1;
}

int sc_td_parse(char *err, int argc, char **argv, unsigned mode,
		struct td_opts *o, int *badword)
{
	int r;

	*badword = -1;
	r = td_parse(err, argc, argv, mode, o);
	if (r < 0) {
		*badword = bad_word(err, argc, argv);
		return r;
	}
	/* td_parse checked how the options combine (cap_writer_opts_check);
	 * cap_writer_check adds the directory and user checks at run time. */
	return r;
}

void sc_td_release(struct td_opts *o)
{
	td_release(o);
}
