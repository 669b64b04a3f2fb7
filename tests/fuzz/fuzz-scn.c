/* fuzz-scn.c: libFuzzer target: the scenario parser and checker on any text. */
#include <stdint.h>
#include <stdio.h>

#include "harness/sc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Every message is one line: a word with a newline or an escape sequence
 * in it is quoted (hx_quote), never copied raw into the message.
 */
static void check_message(const char *err)
{
	const char *s;

	for (s = err; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch < 0x20 || ch == 0x7f) {
			fprintf(stderr, "fuzz-scn: byte 0x%02x in the message '%s'\n",
				ch, err);
			__builtin_trap();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[HX_ERRLEN] = "";
	struct sc_scenario *sc = NULL;
	int r;

	/* Not a .scn name: the checker does not ask the scenario to be
	 * named after the file. */
	r = sc_parse(err, "fuzz-input", (const char *)data, size, &sc);
	if (r == 0)
		r = sc_check(err, sc);
	if (r < 0)
		check_message(err);
	sc_free(sc);
	return 0;
}
