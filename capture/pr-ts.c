/* pr-ts.c: the timestamp at the head of each line, -t to -ttttt (tcpdump's ts_format and friends). */
#include "capture/pr-ts.h"

#include <string.h>
#include <time.h>

static void put2(char *d, unsigned v)
{
	d[0] = (char)('0' + v / 10 % 10);
	d[1] = (char)('0' + v % 10);
}

static void put_frac(struct pr_ctx *c, int64_t frac)
{
	char tmp[10];
	int i, n = c->o.nano ? 9 : 6;
	uint32_t v = (uint32_t)frac;

	if ((uint64_t)frac >= (c->o.nano ? 1000000000u : 1000000u)) {
		/* More digits than the precision: tcpdump prints them all. */
		pr_printf(c, c->o.nano ? ".%09u" : ".%06u", (unsigned)frac);
		return;
	}
	tmp[0] = '.';
	for (i = n; i >= 2; i -= 2) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		tmp[i] = pr_digits2[2 * r + 1];
		tmp[i - 1] = pr_digits2[2 * r];
	}
	if (i == 1)
		tmp[1] = (char)('0' + v);
	pr_putn(c, tmp, (size_t)n + 1);
}

/* HH:MM:SS (or YYYY-MM-DD HH:MM:SS) of sec in local time, cached per second. */
static int put_clock(struct pr_ctx *c, int64_t sec, int date)
{
	if (sec != c->tm_sec || date != c->tm_date) {
		time_t t = (time_t)sec;
		struct tm tm;

		if (!localtime_r(&t, &tm))
			return -1;
		c->tm_len = strftime(c->tm_str, sizeof(c->tm_str),
				     date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S",
				     &tm);
		c->tm_sec = sec;
		c->tm_date = date;
	}
	pr_putn(c, c->tm_str, c->tm_len);
	return 0;
}

/*
 * The common case of put_ts: the second's clock text is cached and frac
 * is within the precision. Writes "<clock>.<frac> " in one go.
 */
static void put_clock_frac(struct pr_ctx *c, int64_t frac)
{
	struct hx_buf *b = c->out;
	size_t need = sizeof(c->tm_str) + 12;
	uint32_t v = (uint32_t)frac;
	char *d;
	int i, n = c->o.nano ? 9 : 6;

	if (b->cap - b->len <= need && hx_buf_grow(b, need) < 0)
		return;
	d = b->p + b->len;
	memcpy(d, c->tm_str, sizeof(c->tm_str));
	d += c->tm_len;
	d[0] = '.';
	if (n == 6) {
		/* microseconds (below 10^6): three independent pairs */
		uint32_t hi = v / 10000, lo = v - hi * 10000;

		memcpy(d + 1, pr_digits2 + 2 * hi, 2);
		memcpy(d + 3, pr_digits2 + 2 * (lo / 100), 2);
		memcpy(d + 5, pr_digits2 + 2 * (lo % 100), 2);
	} else {
		for (i = n; i >= 2; i -= 2) {
			unsigned r = v % 100;

			v /= 100;
			d[i] = pr_digits2[2 * r + 1];
			d[i - 1] = pr_digits2[2 * r];
		}
		if (i == 1)
			d[1] = (char)('0' + v);
	}
	d[n + 1] = ' ';
	b->len += c->tm_len + (size_t)n + 2;
}

/* a - b as two's complement, without the overflow of int64_t. */
static int64_t wrap_sub(int64_t a, int64_t b)
{
	uint64_t d = (uint64_t)a - (uint64_t)b;
	int64_t r;

	memcpy(&r, &d, sizeof(r));
	return r;
}

/* The HH:MM:SS.frac of a -ttt/-ttttt span, as UTC clock time. */
static void put_span(struct pr_ctx *c, int64_t ds, int64_t df)
{
	char hms[16];
	struct tm tm;
	time_t t = (time_t)ds;
	size_t n;

	if ((uint32_t)ds & 0x80000000u) {
		pr_puts(c, "[Error converting time]");
		return;
	}
	if (ds >= 0 && ds < 0x80000000) {
		uint32_t s = (uint32_t)ds % 86400;

		put2(hms, s / 3600);
		hms[2] = ':';
		put2(hms + 3, s / 60 % 60);
		hms[5] = ':';
		put2(hms + 6, s % 60);
		pr_putn(c, hms, 8);
	} else {
		/* outside 32 bits only a timestamp in a packet goes */
		if (!gmtime_r(&t, &tm)) {
			pr_puts(c, "[Error converting time]");
			return;
		}
		n = strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
		pr_putn(c, hms, n);
	}
	put_frac(c, df);
}

/* tcpdump takes a zero reference as "not set yet". */
static void ref_take(struct pr_ctx *c, int64_t sec, int64_t frac)
{
	c->ref_sec = sec;
	c->ref_frac = frac;
	c->ref_set = sec || frac;
}

void pr_ts_advance(struct pr_ctx *c, int64_t sec, int64_t frac)
{
	if ((c->o.tflag == 3 || c->o.tflag == 5) && !c->ref_set)
		ref_take(c, sec, frac);
	else if (c->o.tflag == 3)
		ref_take(c, sec, frac);
}

void pr_ts_print(struct pr_ctx *c, int64_t sec, int64_t frac)
{
	int64_t per = c->o.nano ? 1000000000 : 1000000;

	switch (c->o.tflag) {
	case 0:
	case 4:
		if (!((uint32_t)sec & 0x80000000u) && sec == c->tm_sec &&
		    (c->o.tflag == 4) == c->tm_date &&
		    (uint64_t)frac < (uint64_t)per) {
			put_clock_frac(c, frac);
			break;
		}
		if ((uint32_t)sec & 0x80000000u ||
		    put_clock(c, sec, c->o.tflag == 4) < 0) {
			pr_puts(c, "[Error converting time]");
		} else {
			put_frac(c, frac);
		}
		pr_putc(c, ' ');
		break;
	case 1:
		break;
	case 2:
		if ((uint32_t)sec & 0x80000000u) {
			pr_puts(c, "[Error converting time]");
		} else {
			pr_uint(c, (uint32_t)sec);
			put_frac(c, frac);
		}
		pr_putc(c, ' ');
		break;
	case 3:
	case 5: {
		int64_t ds, df;
		int neg;

		if (!c->ref_set)
			ref_take(c, sec, frac);
		neg = sec < c->ref_sec ||
		      (sec == c->ref_sec && frac < c->ref_frac);
		/*
		 * A timestamp inside a packet (FRF.16's) may hold any 64-bit
		 * value: the differences wrap as tcpdump's longs do.
		 */
		if (neg) {
			ds = wrap_sub(c->ref_sec, sec);
			df = wrap_sub(c->ref_frac, frac);
		} else {
			ds = wrap_sub(sec, c->ref_sec);
			df = wrap_sub(frac, c->ref_frac);
		}
		if (df < 0) {
			ds = wrap_sub(ds, 1);
			df = wrap_sub(df, -per);
		}
		pr_putc(c, neg ? '-' : ' ');
		put_span(c, ds, df);
		pr_putc(c, ' ');
		if (c->o.tflag == 3)
			ref_take(c, sec, frac);
		break;
	}
	default:
		break;
	}
}
