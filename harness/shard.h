/* shard.h: --shard K/N: a deterministic, balanced 1/N of the scenarios, the same on every CI machine. */
#ifndef HX_SHARD_H
#define HX_SHARD_H

#include <stddef.h>

/*
 * Reads "K/N" (1 <= K <= N <= 1000) or "auto", which takes GitLab's
 * CI_NODE_INDEX (1-based) and CI_NODE_TOTAL from the environment (both
 * unset: 1/1, the whole). Returns 0, or -EINVAL with why in err.
 */
int hx_shard_parse(char *err, const char *arg, unsigned *k, unsigned *n);

/*
 * Picks shard k of n: sets keep[i] to 1 for the items in it, 0 for the
 * others. Items go heaviest first (ties by key, then index) each to the
 * lightest shard so far (ties to the lowest), so shards weigh about the
 * same and together hold every item once. key[i] must not depend on the
 * machine (a scenario's file name, not its path) so that every machine
 * computes the same split. Returns 0 or -ENOMEM.
 */
int hx_shard_pick(size_t count, const char *const *key, const double *weight, unsigned k,
		  unsigned n, unsigned char *keep);

#endif
