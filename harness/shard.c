/* shard.c: --shard K/N: a deterministic, balanced 1/N of the scenarios, the same on every CI machine. */
#define _GNU_SOURCE 1 /* qsort_r */
#include "harness/shard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness/hx.h"

#define MAX_SHARDS 1000

static int number(const char *s, unsigned long *v)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return *end || errno ? -1 : 0;
}

int hx_shard_parse(char *err, const char *arg, unsigned *k, unsigned *n)
{
	unsigned long a, b;

	if (!strcmp(arg, "auto")) {
		const char *i = getenv("CI_NODE_INDEX"), *t = getenv("CI_NODE_TOTAL");

		if (!i && !t) {
			*k = *n = 1;
			return 0;
		}
		if (number(i, &a) < 0 || number(t, &b) < 0)
			return hx_err(err, -EINVAL,
				      "--shard auto: CI_NODE_INDEX '%s' and CI_NODE_TOTAL '%s' are not two numbers",
				      i ? i : "", t ? t : "");
	} else {
		const char *slash = strchr(arg, '/');
		char first[32];

		if (!slash || (size_t)(slash - arg) >= sizeof(first))
			return hx_err(err, -EINVAL, "--shard: '%s' is not K/N or auto", arg);
		memcpy(first, arg, (size_t)(slash - arg));
		first[slash - arg] = '\0';
		if (number(first, &a) < 0 || number(slash + 1, &b) < 0)
			return hx_err(err, -EINVAL, "--shard: '%s' is not K/N or auto", arg);
	}
	if (b < 1 || b > MAX_SHARDS || a < 1 || a > b)
		return hx_err(err, -EINVAL, "--shard: '%lu/%lu' is not a shard: K must be 1 to N, N 1 to %d",
			      a, b, MAX_SHARDS);
	*k = (unsigned)a;
	*n = (unsigned)b;
	return 0;
}

struct pick_ctx {
	const char *const *key;
	const double *weight;
};

/* Heavier first, then by key, then by index. */
static int heavier(const void *pa, const void *pb, void *arg)
{
	const struct pick_ctx *c = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int r;

	if (c->weight[a] != c->weight[b])
		return c->weight[a] > c->weight[b] ? -1 : 1;
	r = strcmp(c->key[a], c->key[b]);
	return r ? r : (a > b) - (a < b);
}

int hx_shard_pick(size_t count, const char *const *key, const double *weight, unsigned k,
		  unsigned n, unsigned char *keep)
{
	struct pick_ctx c = { key, weight };
	size_t *ix = calloc(count ? count : 1, sizeof(*ix));
	double *load = calloc(n ? n : 1, sizeof(*load));
	size_t *items = calloc(n ? n : 1, sizeof(*items));
	size_t i;
	unsigned s, best;

	if (!ix || !load || !items) {
		free(ix);
		free(load);
		free(items);
		return -ENOMEM;
	}
	for (i = 0; i < count; i++)
		ix[i] = i;
	qsort_r(ix, count, sizeof(*ix), heavier, &c);
	/* The lightest shard takes the next; equal loads go to the one with
	 * fewer items, then the lowest, so that weightless items spread too. */
	for (i = 0; i < count; i++) {
		for (best = 0, s = 1; s < n; s++)
			if (load[s] < load[best] ||
			    (load[s] == load[best] && items[s] < items[best]))
				best = s;
		load[best] += weight[ix[i]];
		items[best]++;
		keep[ix[i]] = best == k - 1;
	}
	free(ix);
	free(load);
	free(items);
	return 0;
}
