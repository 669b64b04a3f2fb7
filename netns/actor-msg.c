/* actor-msg.c: small payloads: an NTP client request, an HTTP GET, the byte pattern. */
#include <string.h>
#include <time.h>

#include "netns/actor.h"

/* Seconds from 1900-01-01 (NTP's era 0) to 1970-01-01. */
#define NTP_UNIX_OFFSET 2208988800ULL

void ns_ntp_client(uint8_t out[48], const struct timespec *now)
{
	struct timespec ts;
	uint64_t sec, frac;
	int i;

	if (now)
		ts = *now;
	else
		clock_gettime(CLOCK_REALTIME, &ts);
	memset(out, 0, 48);
	out[0] = 0 << 6 | 4 << 3 | 3; /* LI 0, VN 4, mode 3 (client) */
	out[2] = 6;		      /* poll: 64 s */
	out[3] = 0xec;		      /* precision: 2^-20 s */
	sec = (uint64_t)ts.tv_sec + NTP_UNIX_OFFSET;
	frac = ((uint64_t)ts.tv_nsec << 32) / 1000000000ULL;
	/* The transmit timestamp, bytes 40..47, big-endian 32.32. */
	for (i = 0; i < 4; i++) {
		out[40 + i] = (uint8_t)(sec >> (24 - 8 * i));
		out[44 + i] = (uint8_t)(frac >> (24 - 8 * i));
	}
}

void ns_http_get(struct hx_buf *out, const char *host, const char *path)
{
	hx_buf_printf(out,
		      "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: curl/7.88.1\r\n"
		      "Accept: */*\r\n\r\n",
		      path && *path ? path : "/", host);
}

void ns_pattern(uint8_t *p, size_t n, uint64_t off)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned k = (unsigned)((off + i) % 64);

		p[i] = k == 63 ? '\n' : (uint8_t)('a' + k % 26);
	}
}
