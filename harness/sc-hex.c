/* sc-hex.c: frames written in hex (tcpdump -xx's text), for the inject step's words and files. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "harness/sc.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int sc_hex_frame(const char *s, size_t n, uint8_t *out, size_t max,
		 size_t *len, size_t *bad)
{
	size_t i = 0, k = 0;
	int hi = -1;

	*len = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	/* a tcpdump -xx offset: "0x0000:" */
	if (n - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		size_t j = i + 2;

		while (j < n && hexval((unsigned char)s[j]) >= 0)
			j++;
		if (j < n && s[j] == ':')
			i = j + 1;
	}
	for (; i < n; i++) {
		int v = hexval((unsigned char)s[i]);

		if (s[i] == ' ' || s[i] == '\t' || s[i] == ':' || s[i] == '.') {
			if (hi >= 0) {
				*bad = i;
				return -1;
			}
			continue;
		}
		if (s[i] == '#')
			break;
		if (v < 0) {
			*bad = i;
			return -1;
		}
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (k >= max) {
			*bad = i;
			return -2;
		}
		out[k++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	if (hi >= 0) {
		*bad = n;
		return -1;
	}
	*len = k;
	return 0;
}

int sc_hex_frames(const char *text, size_t len, uint8_t *buf, size_t max,
		  int (*frame)(void *arg, const uint8_t *f, size_t n, unsigned line),
		  void *arg, unsigned *badline, int *odd)
{
	size_t off = 0, have = 0, got, bad;
	unsigned line = 0, first = 0;
	int r;

	while (off < len) {
		const char *p = text + off;
		size_t n = strcspn(p, "\n"), b = 0;

		if (off + n > len)
			n = len - off;
		off += n + 1;
		line++;
		while (b < n && (p[b] == ' ' || p[b] == '\t' || p[b] == '\r'))
			b++;
		if (b == n) { /* a blank line ends a frame */
			if (have && (r = frame(arg, buf, have, first)) < 0)
				return r;
			have = 0;
			continue;
		}
		if (p[b] == '#')
			continue;
		r = sc_hex_frame(p, n, buf + have, max - have, &got, &bad);
		if (r < 0) {
			*badline = line;
			*odd = r == -1 && bad == n;
			return r == -2 ? -EMSGSIZE : -EINVAL;
		}
		if (!have)
			first = line;
		have += got;
	}
	if (have && (r = frame(arg, buf, have, first)) < 0)
		return r;
	return 0;
}
