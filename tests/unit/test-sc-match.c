/* test-sc-match.c: the tcpdump-line pattern matcher: wildcards, ranges, variables, diagnostics. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/sc-match.h"
#include "unit/tu.h"

/* Compiles text as a pattern; every variable token is a BIND (first use)
 * unless already bound in env, as sc_check would decide. */
static struct sc_pattern *pat(const char *text, const struct sc_env *env)
{
	struct sc_pattern *p = calloc(1, sizeof(*p));
	char err[HX_ERRLEN];
	size_t i, k;

	p->text = strdup(text);
	p->pos.line = 1;
	p->pos.col = 1;
	if (sc_pattern_compile(err, "t", p) < 0) {
		fprintf(stderr, "\n%s\n", err);
		free(p->text);
		free(p);
		return NULL;
	}
	for (i = 0; i < p->ntoks; i++) {
		struct sc_ptok *t = &p->toks[i];

		if (t->kind != SC_PT_BIND)
			continue;
		if (env && sc_env_get(env, t->text))
			t->kind = SC_PT_REF;
		for (k = 0; k < i; k++)
			if ((p->toks[k].kind == SC_PT_BIND || p->toks[k].kind == SC_PT_REF) &&
			    !strcmp(p->toks[k].text, t->text))
				t->kind = SC_PT_REF;
	}
	return p;
}

static void unpat(struct sc_pattern *p)
{
	sc_pattern_release(p);
	free(p->text);
	free(p);
}

/* 1 match, 0 no match; env shared across calls of one test. */
static int m(const char *pattern, const char *line, struct sc_env *env,
	     struct sc_mismatch *mm)
{
	struct sc_env local;
	struct sc_pattern *p;
	int r;

	sc_env_init(&local);
	p = pat(pattern, env ? env : &local);
	if (!p)
		return -100;
	r = sc_match_line(p, line, strlen(line), env ? env : &local, 0, mm);
	unpat(p);
	sc_env_release(&local);
	return r;
}

static const char syn[] =
	"18:12:42.972573 IP master.40000 > node1.2800: Flags [S], seq 1119439142, win 64240, "
	"options [mss 1460,sackOK,TS val 792704556 ecr 0,nop,wscale 7], length 0";

static void test_literals_and_stars(void)
{
	CU_ASSERT_EQUAL(m(syn, syn, NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("  * IP master.* > node1.2800: Flags [S], seq *, win *, options [*], length 0  ",
			  syn, NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("* IP master.* > node1.2800: Flags [S.], *", syn, NULL, NULL), 0);
	CU_ASSERT_EQUAL(m("*", syn, NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("* length 0", syn, NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("* length", syn, NULL, NULL), 0); /* the line goes on */
	CU_ASSERT_EQUAL(m("18:12:42.972573 IP*", syn, NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("**IP**", syn, NULL, NULL), 1);
	/* Tabs and trailing blanks of hex lines are not compared. */
	CU_ASSERT_EQUAL(m("0x0060:  3535 3535 3535 0a                        555555.",
			  "\t0x0060:  3535 3535 3535 0a                        555555.  ", NULL, NULL), 1);
	/* "* " at the start: the line's start counts as a blank. */
	CU_ASSERT_EQUAL(m("* IP master.* > *", "IP master.1 > node1.2", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("* DROP *", "DROP tcp", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("* DROP *", "xDROP tcp", NULL, NULL), 0);
	/* Inner blanks are. */
	CU_ASSERT_EQUAL(m("0x0060: 3535", "\t0x0060:  3535", NULL, NULL), 0);
}

static void test_rest_of_line(void)
{
	CU_ASSERT_EQUAL(m("* Flags [S], seq *, ...", syn, NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("* Flags [S], ...", "x Flags [S], ", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("* Flags [S.], ...", syn, NULL, NULL), 0);
	/* Not at the end, or not after a blank, "..." is text (hex dumps). */
	CU_ASSERT_EQUAL(m("0x0000:  4500 ...g", "0x0000:  4500 ...g", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("ab...", "abxyz", NULL, NULL), 0);
	CU_ASSERT_EQUAL(m("ab...", "ab...", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("x \\...", "x ...", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("x \\...", "x abc", NULL, NULL), 0);
}

static void test_escapes(void)
{
	CU_ASSERT_EQUAL(m("2 NXDomain\\* 0/1/0", "2 NXDomain* 0/1/0", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("2 NXDomain\\* 0/1/0", "2 NXDomainX 0/1/0", NULL, NULL), 0);
	CU_ASSERT_EQUAL(m("cost \\$5", "cost $5", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("sack 1 {70:71}", "sack 1 {70:71}", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("\\{1..2}", "{1..2}", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("a\\\\b", "a\\b", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("a\\nb", "a\\nb", NULL, NULL), 1); /* other backslashes stay */
	CU_ASSERT_EQUAL(m("price $", "price $", NULL, NULL), 1);
}

static void test_number_ranges(void)
{
	CU_ASSERT_EQUAL(m("00:00:{0.8..1.2} IP", "00:00:01.000123 IP", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("00:00:{0.8..1.2} IP", "00:00:00.799999 IP", NULL, NULL), 0);
	CU_ASSERT_EQUAL(m("00:00:{0.8..1.2} IP", "00:00:00.812 IP", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("{1000000000..9999999999} IP", "1700000000.123456 IP", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("win {100..200}, x", "win 150, x", NULL, NULL), 1);
	CU_ASSERT_EQUAL(m("win {100..200}, x", "win 250, x", NULL, NULL), 0);
	CU_ASSERT_EQUAL(m("win {100..200}, x", "win ten, x", NULL, NULL), 0);
	CU_ASSERT_EQUAL(m("t {-5..5}", "t -3", NULL, NULL), 1);
}

static void test_variables(void)
{
	struct sc_env env;
	const struct sc_var *v;

	sc_env_init(&env);
	CU_ASSERT_EQUAL(m("* IP master.$port > node1.2800: Flags [S], seq $isn, ...", syn, &env, NULL), 1);
	v = sc_env_get(&env, "port");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_STRING_EQUAL(v->value, "40000");
	CU_ASSERT_STRING_EQUAL(sc_env_get(&env, "isn")->value, "1119439142");
	CU_ASSERT_EQUAL(env.n, 2);
	/* Later uses: exactly the value, or the value plus an offset. */
	CU_ASSERT_EQUAL(m("* node1.2800 > master.$port: Flags [S.], seq *, ack $isn+1, ...",
			  "x IP node1.2800 > master.40000: Flags [S.], seq 9, ack 1119439143, win 1",
			  &env, NULL), 1);
	CU_ASSERT_EQUAL(m("* ack $isn+1, ...", "x ack 1119439142, win 1", &env, NULL), 0);
	CU_ASSERT_EQUAL(m("* ack $isn-2, ...", "x ack 1119439140, win 1", &env, NULL), 1);
	CU_ASSERT_EQUAL(m("* master.$port >*", "x master.40001 > y", &env, NULL), 0);
	/* A failed match binds nothing. */
	CU_ASSERT_EQUAL(m("* seq $other, nope", syn, &env, NULL), 0);
	CU_ASSERT_PTR_NULL(sc_env_get(&env, "other"));
	CU_ASSERT_EQUAL(env.n, 2);
	/* The same variable twice in one line must match the same text. */
	CU_ASSERT_EQUAL(m("$a > $a", "x > x", &env, NULL), 1);
	CU_ASSERT_EQUAL(m("$b > $b", "x > y", &env, NULL), 0);
	/* A value cannot be empty or hold a blank. */
	CU_ASSERT_EQUAL(m("a $c b", "a  b", &env, NULL), 0);
	sc_env_release(&env);
}

static void test_wraparound(void)
{
	char b[32];

	CU_ASSERT_EQUAL(sc_ref_text("4294967295", 1, b, sizeof(b)), 0);
	CU_ASSERT_STRING_EQUAL(b, "0");
	CU_ASSERT_EQUAL(sc_ref_text("0", -1, b, sizeof(b)), 0);
	CU_ASSERT_STRING_EQUAL(b, "4294967295");
	CU_ASSERT_EQUAL(sc_ref_text("5000000000", 1, b, sizeof(b)), 0);
	CU_ASSERT_STRING_EQUAL(b, "5000000001");
	CU_ASSERT_EQUAL(sc_ref_text("abc", 0, b, sizeof(b)), 0);
	CU_ASSERT_STRING_EQUAL(b, "abc");
	CU_ASSERT_EQUAL(sc_ref_text("abc", 1, b, sizeof(b)), -EINVAL);
	CU_ASSERT_EQUAL(sc_ref_text("12x", 1, b, sizeof(b)), -EINVAL);
}

static void test_mismatch_explained(void)
{
	struct sc_mismatch mm;
	const char *line = "x IP node1.2800 > master.40000: Flags [R.], seq 0, ack 1, win 0, length 0";

	CU_ASSERT_EQUAL(m("* IP node1.2800 > master.*: Flags [S.], ...", line, NULL, &mm), 0);
	/* The furthest point: the 'R' inside the brackets. */
	CU_ASSERT_EQUAL(mm.col, (size_t)(strchr(line, 'R') - line));
	CU_ASSERT_STRING_EQUAL(mm.why, "expected 'S.],', got 'R.], seq 0, ack 1, w'");
	CU_ASSERT_EQUAL(m("abc def", "abc", NULL, &mm), 0);
	CU_ASSERT_STRING_EQUAL(mm.why, "expected ' def', the line ends");
	CU_ASSERT_EQUAL(m("abc", "abc def", NULL, &mm), 0);
	CU_ASSERT_STRING_EQUAL(mm.why, "expected the end of the line, got ' def'");
	CU_ASSERT_EQUAL(m("win {100..200}", "win 250", NULL, &mm), 0);
	CU_ASSERT_STRING_EQUAL(mm.why, "250 is not within {100..200}");
}

static void test_refs_explained(void)
{
	struct sc_env env;
	struct sc_mismatch mm;
	struct sc_pattern *p;

	sc_env_init(&env);
	sc_env_push(&env, "isn", "100", 3, 0);
	p = pat("ack $isn+1", &env);
	CU_ASSERT_EQUAL(sc_match_line(p, "ack 100", 7, &env, 1, &mm), 0);
	CU_ASSERT_STRING_EQUAL(mm.why, "expected $isn+1 = 101, got '100'");
	unpat(p);
	/* A reference whose variable was never bound (its binder failed). */
	sc_env_undo(&env, 0);
	p = pat("ack $isn", NULL);
	p->toks[1].kind = SC_PT_REF;
	CU_ASSERT_EQUAL(sc_match_line(p, "ack 100", 7, &env, 1, &mm), 0);
	CU_ASSERT_STRING_EQUAL(mm.why, "$isn has no value (what bound it did not match)");
	unpat(p);
	sc_env_release(&env);
}

static void test_compile_errors(void)
{
	struct sc_pattern p = { 0 };
	char err[HX_ERRLEN];

	p.text = "x {9..1} y";
	p.pos.line = 4;
	p.pos.col = 3;
	CU_ASSERT(sc_pattern_compile(err, "f.scn", &p) < 0);
	CU_ASSERT_STRING_EQUAL(err, "f.scn:4:5: number range '{9..1}' is empty");
	CU_ASSERT_PTR_NULL(p.toks);
	/* Not a range: plain text. */
	p.text = "{a..b} {1..} {..2}";
	CU_ASSERT_EQUAL(sc_pattern_compile(err, "f.scn", &p), 0);
	CU_ASSERT_EQUAL(p.ntoks, 1);
	CU_ASSERT_EQUAL(p.toks[0].kind, SC_PT_LIT);
	sc_pattern_release(&p);
}

/* A pattern that would backtrack for ever gives up with -E2BIG. */
static void test_backtracking_budget(void)
{
	char line[200];

	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	CU_ASSERT_EQUAL(m("*a*a*a*a*a*a*a*a*a*a*a*a*b", line, NULL, NULL), -E2BIG);
	/* An ordinary long pattern does not come near the budget. */
	CU_ASSERT_EQUAL(m("* IP * > *: * [*], * *, * *, * [*,*,* * * * *,*,* *], * *", syn, NULL, NULL), 1);
}

static CU_TestInfo tests[] = {
	{ "literal text and '*'", test_literals_and_stars },
	{ "a final ' ...' is the rest of the line", test_rest_of_line },
	{ "escapes", test_escapes },
	{ "{LO..HI} number ranges", test_number_ranges },
	{ "$variables bind and refer, with offsets", test_variables },
	{ "offsets wrap at 2^32", test_wraparound },
	{ "a mismatch says where and why", test_mismatch_explained },
	{ "references explain themselves", test_refs_explained },
	{ "compile errors carry the column", test_compile_errors },
	{ "the backtracking budget", test_backtracking_budget },
	CU_TEST_INFO_NULL,
};

TU_SUITE("line-match", NULL, NULL, tests);
