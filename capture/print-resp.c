/* print-resp.c: RESP, the Redis serialization protocol (redis.io "RESP protocol spec"), on TCP port 6379. */
/*
 *   +OK\r\n                      simple string
 *   -ERR message\r\n             error
 *   :1000\r\n                    integer
 *   $6\r\nfoobar\r\n             bulk string ($0: empty, $-1: null)
 *   *2\r\n<item><item>           array of items (*0: empty, *-1: null)
 *   PING\r\n                     inline command (anything else)
 *
 * Every item of a segment prints as ' "text"' after ": RESP", pipelined
 * commands one after another; bad lengths print " length too large",
 * " length negative and not -1" or " invalid". Any item that ends
 * early ends the packet's decoding with " [|resp]".
 *
 * The parse functions return the bytes they took, or one of: */
#define RESP_TRUNC (-1) /* cut short: " [|resp]" (tcpdump's goto trunc) */
/* or PR_STOP, a byte beyond the capture (tcpdump's longjmp). */

#include <limits.h>

#include "capture/print-int.h"

/* Arrays nest; deeper than this the decoding stops as cut short. */
#define RESP_MAX_DEPTH 1000

/* What the length parser returns besides a length. */
#define LEN_NULL (-1)
#define LEN_TRUNC (-2)
#define LEN_TOO_LARGE (-3)
#define LEN_NEGATIVE (-4)
#define LEN_INVALID (-5)

static int parse(struct pr_ctx *c, const uint8_t *bp, int length, int depth);

/* A byte, or PR_STOP when it was not captured. */
#define GET(c, p, v)                                                      \
	do {                                                              \
		if (!pk_u8(&(c)->pk, (p), &(v)))                          \
			return PR_STOP;                                   \
	} while (0)

/* ' "text"' of n bytes; RESP_TRUNC when the capture ends first. */
static int segment(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	pr_puts(c, " \"");
	if (pr_printn(c, p, n))
		return RESP_TRUNC;
	pr_putc(c, '"');
	return 0;
}

/* Moves *pp to the next CR LF, counting *len down; 0 or an error. */
static int find_crlf(struct pr_ctx *c, const uint8_t **pp, int *len)
{
	uint8_t a, b;

	for (;;) {
		if (*len < 2 || !pr_has(c, *pp, 2))
			return RESP_TRUNC;
		GET(c, *pp, a);
		GET(c, *pp + 1, b);
		if (a == '\r' && b == '\n')
			return 0;
		(*pp)++;
		(*len)--;
	}
}

/* Moves *pp to the next CR or LF. */
static int find_cr_or_lf(struct pr_ctx *c, const uint8_t **pp, int *len)
{
	uint8_t a;

	for (;;) {
		if (*len < 1)
			return RESP_TRUNC;
		GET(c, *pp, a);
		if (a == '\r' || a == '\n')
			return 0;
		(*pp)++;
		(*len)--;
	}
}

/* Skips a run of CR and LF; there must be one unless the data ends. */
static int skip_cr_or_lf(struct pr_ctx *c, const uint8_t **pp, int *len)
{
	int found = 0;
	uint8_t a;

	for (;;) {
		if (*len == 0 || !pr_has(c, *pp, 1))
			return found ? 0 : RESP_TRUNC;
		GET(c, *pp, a);
		if (a != '\r' && a != '\n')
			return 0;
		found = 1;
		(*pp)++;
		(*len)--;
	}
}

/*
 * "<digits>\r\n" or "-1\r\n" at *pp: the length or a LEN_ code, *pp and
 * *len moved past what was read; PR_STOP if a byte was not captured.
 */
static int get_length(struct pr_ctx *c, const uint8_t **pp, int *len,
		      int *result)
{
	const uint8_t *p = *pp;
	int n = *len, r = 0, neg = 0, too_large = 0, saw_digit = 0;
	uint8_t ch;

	if (n == 0)
		goto trunc;
	GET(c, p, ch);
	if (ch == '-') {
		neg = 1;
		p++;
		n--;
	}
	for (;;) {
		if (n == 0)
			goto trunc;
		GET(c, p, ch);
		if (ch < '0' || ch > '9') {
			if (!saw_digit) {
				p++;
				goto invalid;
			}
			break;
		}
		ch -= '0';
		if (r > INT_MAX / 10) {
			too_large = 1;
		} else {
			r *= 10;
			if (r == (INT_MAX / 10) * 10 && ch > INT_MAX % 10)
				too_large = 1;
			else
				r += ch;
		}
		p++;
		n--;
		saw_digit = 1;
	}
	GET(c, p, ch);
	p++;
	if (ch != '\r')
		goto invalid;
	n--;
	if (n == 0)
		goto trunc;
	GET(c, p, ch);
	p++;
	if (ch != '\n')
		goto invalid;
	*len -= (int)(p - *pp);
	*pp = p;
	if (neg)
		*result = too_large || r != 1 ? LEN_NEGATIVE : LEN_NULL;
	else
		*result = too_large ? LEN_TOO_LARGE : r;
	return 0;
trunc:
	*len -= (int)(p - *pp);
	*pp = p;
	*result = LEN_TRUNC;
	return 0;
invalid:
	*len -= (int)(p - *pp);
	*pp = p;
	*result = LEN_INVALID;
	return 0;
}

/* The words of the lengths that are no length. */
static int bad_length(struct pr_ctx *c, int n)
{
	switch (n) {
	case LEN_NULL:
		pr_puts(c, " null");
		break;
	case LEN_TRUNC:
		return RESP_TRUNC;
	case LEN_TOO_LARGE:
		pr_puts(c, " length too large");
		break;
	case LEN_NEGATIVE:
		pr_puts(c, " length negative and not -1");
		break;
	default:
		pr_puts(c, " invalid");
		break;
	}
	return 0;
}

/* +string, -error, :integer: the text up to CR LF. */
static int line_print(struct pr_ctx *c, const uint8_t *bp, int length)
{
	const uint8_t *end;
	int left = length - 1, rc;
	unsigned n;

	bp++;
	end = bp;
	rc = find_crlf(c, &end, &left);
	if (rc < 0)
		return rc;
	n = (unsigned)(end - bp);
	rc = segment(c, bp, n);
	if (rc < 0)
		return rc;
	return 1 + (int)n + 2;
}

static int bulk_print(struct pr_ctx *c, const uint8_t *bp, int length)
{
	int left = length - 1, n, rc;

	bp++;
	if ((rc = get_length(c, &bp, &left, &n)) < 0)
		return rc;
	if (n < 0) {
		rc = bad_length(c, n);
		return rc < 0 ? rc : length - left;
	}
	if (n == 0) {
		pr_puts(c, " empty");
	} else {
		if (left < n || !pr_has(c, bp, (size_t)n))
			return RESP_TRUNC;
		rc = segment(c, bp, (unsigned)n);
		if (rc < 0)
			return rc;
		bp += n;
		left -= n;
	}
	rc = find_crlf(c, &bp, &left);
	if (rc < 0)
		return rc;
	left -= 2;
	return length - left;
}

static int array_print(struct pr_ctx *c, const uint8_t *bp, int length,
		       int depth)
{
	int left = length - 1, n, i, rc;

	bp++;
	if ((rc = get_length(c, &bp, &left, &n)) < 0)
		return rc;
	if (n > 0) {
		for (i = 0; i < n; i++) {
			rc = parse(c, bp, left, depth + 1);
			if (rc < 0)
				return rc;
			bp += rc;
			left -= rc;
		}
	} else if (n == 0) {
		pr_puts(c, " empty");
	} else {
		rc = bad_length(c, n);
		if (rc < 0)
			return rc;
	}
	return length - left;
}

/* A line of text ended by CR, LF or both, after any CR and LF. */
static int inline_print(struct pr_ctx *c, const uint8_t *bp, int length)
{
	const uint8_t *end;
	int left = length, rc;

	rc = skip_cr_or_lf(c, &bp, &left);
	if (rc < 0)
		return rc;
	end = bp;
	rc = find_cr_or_lf(c, &end, &left);
	if (rc < 0)
		return rc;
	rc = segment(c, bp, (unsigned)(end - bp));
	if (rc < 0)
		return rc;
	rc = skip_cr_or_lf(c, &end, &left);
	if (rc < 0)
		return rc;
	return length - left;
}

static int parse(struct pr_ctx *c, const uint8_t *bp, int length, int depth)
{
	uint8_t op;

	if (length < 1 || depth > RESP_MAX_DEPTH)
		return RESP_TRUNC;
	GET(c, bp, op);
	switch (op) {
	case '+':
	case '-':
	case ':':
		return line_print(c, bp, length);
	case '$':
		return bulk_print(c, bp, length);
	case '*':
		return array_print(c, bp, length, depth);
	default:
		return inline_print(c, bp, length);
	}
}

int resp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	int rc;

	c->proto = "resp";
	pr_puts(c, ": RESP");
	while (length > 0) {
		rc = parse(c, bp, (int)length, 0);
		if (rc == PR_STOP)
			return pr_stop(c);
		if (rc < 0) {
			pr_trunc(c);
			return 0;
		}
		bp += rc;
		length -= (unsigned)rc;
	}
	return 0;
}
