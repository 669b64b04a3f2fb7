/* print-http.c: HTTP (RFC 9112) request and status lines, the way tcpdump's text-protocol printer shows them. */
/*
 *  request-line = method SP request-target SP HTTP-version CRLF
 *  status-line  = HTTP-version SP status-code SP [ reason-phrase ] CRLF
 *  then header lines, an empty line, and the body.
 *
 * A payload whose first token is a method, or whose second token is a
 * three-digit status code, gets its first line printed (every printable
 * text line with -v); any other payload (a body continuing from an earlier
 * segment, binary data) prints just "HTTP".
 */
#include "capture/print-int.h"

#include <strings.h>

#define MAX_TOKEN 128

static const char *const http_methods[] = {
	"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST",
	"BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE",
	"SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT",
	"OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE",
	"PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY",
	"MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
	"BASELINE-CONTROL", NULL,
};

static int is_print(uint8_t ch)
{
	return ch >= 0x20 && ch < 0x7f;
}

/*
 * The token starting at idx into tbuf; returns the index after it and the
 * blanks that follow on the same line, or 0 when there is no token.
 */
static unsigned fetch_token(struct pr_ctx *c, const uint8_t *p, unsigned idx,
			    unsigned len, char *tbuf, size_t tbuflen)
{
	size_t toklen = 0;
	uint8_t ch;

	for (; idx < len; idx++) {
		if (!pk_u8(&c->pk, p + idx, &ch))
			return 0;
		if (ch & 0x80)
			return 0;
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			break;
		if (!is_print(ch))
			return 0;
		if (toklen + 2 > tbuflen)
			return 0;
		tbuf[toklen++] = (char)ch;
	}
	if (toklen == 0)
		return 0;
	tbuf[toklen] = '\0';
	for (; idx < len; idx++) {
		if (!pk_u8(&c->pk, p + idx, &ch))
			break;
		if (ch == '\r' || ch == '\n')
			break;
		if (!is_print(ch))
			break;
		if (ch != ' ' && ch != '\t')
			break;
	}
	return idx;
}

/*
 * Prints prefix and the line at idx if it is printable text ending in LF
 * or CRLF; returns the index after the line ending, or 0 (binary data, a
 * CR alone, or text running to the end: that last one prints the line
 * and the truncation marker). PR_STOP when the capture ends first.
 */
#define ONES 0x0101010101010101ull

static int txt_line(struct pr_ctx *c, const char *prefix, const uint8_t *p,
		    unsigned idx, unsigned len, unsigned *next)
{
	/* 0 text (printable or tab), 1 LF, 2 CR, 3 anything else */
	static const uint8_t cls[256] = {
		3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 1, 3, 3, 2, 3, 3,
		3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
		[0x7f] = 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
		3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
		3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
		3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
		3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
		3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
		3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
		3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	};
	const uint8_t *s = p + idx, *q, *end;
	size_t room = pk_left(&c->pk, s), want = len - idx;
	unsigned linelen;

	*next = 0;
	/* One bounds check for the run: the scan stops at the capture's end. */
	end = s + (room < want ? room : want);
	q = s;
	while (q < end) {
		if (end - q >= 8) {
			/* eight octets a step while none is below 0x20 or above 0x7e */
			uint64_t w, lo, hi;

			memcpy(&w, q, 8);
			lo = (w - ONES * 0x20) & ~w; /* a byte < 0x20 */
			hi = (w + ONES * 0x01) | w;  /* a byte > 0x7e */
			if (!((lo | hi) & ONES * 0x80)) {
				q += 8;
				continue;
			}
		}
		if (cls[*q])
			break;
		q++;
	}
	if (q == end) {
		if (room < want)
			return pr_stop(c); /* the capture ends inside the text */
		linelen = (unsigned)(q - s);
		pr_puts(c, prefix);
		pr_putn(c, (const char *)s, linelen);
		pr_trunc(c);
		return 0;
	}
	linelen = (unsigned)(q - s);
	if (cls[*q] == 3)
		return 0;
	if (cls[*q] == 2) {
		if ((size_t)(q - s) + 1 >= want)
			return 0;
		if (q + 1 >= end)
			return pr_stop(c);
		if (q[1] != '\n')
			return 0;
		q++;
	}
	pr_puts(c, prefix);
	pr_putn(c, (const char *)s, linelen);
	*next = idx + (unsigned)(q + 1 - s);
	return 0;
}

int http_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	char token[MAX_TOKEN + 1];
	unsigned idx, next;
	int print_this = 0, i;

	c->proto = "http";
	pr_puts(c, ": ");
	idx = fetch_token(c, p, 0, len, token, sizeof(token));
	if (idx != 0) {
		for (i = 0; http_methods[i]; i++) {
			/* the first letter first: most payloads match none */
			if ((token[0] & ~0x20) == http_methods[i][0] &&
			    !strcasecmp(token, http_methods[i])) {
				print_this = 1;
				break;
			}
		}
		idx = fetch_token(c, p, idx, len, token, sizeof(token));
		if (idx != 0 && token[0] >= '0' && token[0] <= '9' &&
		    token[1] >= '0' && token[1] <= '9' && token[2] >= '0' &&
		    token[2] <= '9' && token[3] == '\0')
			print_this = 1;
	}
	pr_puts(c, "HTTP");
	if (!print_this)
		return 0;
	if (c->o.vflag) {
		pr_printf(c, ", length: %u", len);
		for (idx = 0; idx < len; idx = next) {
			if (txt_line(c, "\n\t", p, idx, len, &next) == PR_STOP)
				return PR_STOP;
			if (next == 0)
				break;
		}
		return 0;
	}
	return txt_line(c, ": ", p, 0, len, &next);
}
