/* pr-ts.h: the timestamp that starts each packet's line (pr-ts.c). */
#ifndef CAP_PR_TS_H
#define CAP_PR_TS_H

#include <stdint.h>

#include "capture/print-int.h"

/*
 * Prints the timestamp of a packet (sec and its micro- or nanosecond
 * frac) as c->o.tflag asks, with its trailing space: the clock (none, -tttt
 * with the date), nothing (-t), seconds since the epoch (-tt), or the
 * time since the previous (-ttt) or the first (-ttttt) packet. Keeps the
 * -ttt/-ttttt reference and the per-second clock text in c.
 */
void pr_ts_print(struct pr_ctx *c, int64_t sec, int64_t frac);
/* What pr_ts_print does to the reference, without printing. */
void pr_ts_advance(struct pr_ctx *c, int64_t sec, int64_t frac);

#endif
