/* fuzz-zone.c: libFuzzer target: the master-file reader on any text, and the name server's answer to any query. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "netns/actor.h"
#include "netns/zone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The zone the queries are asked of (the formats-dns lab's, shortened). */
static const char zone_text[] =
	"$ORIGIN berkeley.edu.\n$TTL 1d\n"
	"@ IN SOA ucbvax hostmaster.eecs ( 2026120201 3h 1h 1w 1h )\n"
	"  IN NS ns.cs\n  IN NS ns.eecs\n"
	"ucbvax IN A 128.32.137.3\n       IN A 128.32.130.12\n"
	"ns.cs IN A 128.32.136.9\nns.eecs IN AAAA 2607:f140::53\n"
	"mail IN MX 10 ucbvax\nwww IN CNAME ucbvax\nloop IN CNAME loop\n"
	"motd IN TXT \"hello\" world\n";

static void die(const char *what, const char *err)
{
	fprintf(stderr, "fuzz-zone: %s%s%s\n", what, err ? ": " : "", err ? err : "");
	__builtin_trap();
}

/* A response must fit its limit and parse as a DNS message. */
static void answer(const struct ns_zone *z, const struct ns_zone_cfg *c,
		   const uint8_t *q, size_t n)
{
	static const size_t max[] = { NS_ZONE_UDP_MAX, 65535 };
	char err[HX_ERRLEN];
	size_t i;

	for (i = 0; i < 2; i++) {
		struct hx_buf out = HX_BUF_INIT;
		struct ns_dns_msg m;
		int r = ns_zone_answer(z, c, q, n, max[i], &out);

		if (r >= 0 && ((size_t)r != out.len || out.len > max[i]))
			die("a response longer than its limit", NULL);
		if (r >= 0 && ns_dns_parse(err, (const uint8_t *)out.p, out.len, &m) < 0)
			die("a response that does not parse", err);
		hx_buf_release(&out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ns_zone *fixed;
	struct ns_zone_cfg c = { 0 };
	char err[HX_ERRLEN] = "";
	unsigned line, col;
	struct ns_zone *z = NULL;

	if (size < 1)
		return 0;
	c.cache = data[0] & 2;
	c.ra = data[0] & 4;
	c.minimal = data[0] & 8;
	if (data[0] & 1) {
		/* a query of the fixed zone */
		if (!fixed && ns_zone_parse(err, zone_text, strlen(zone_text), NULL, &fixed,
					    &line, &col) < 0)
			die("the fixed zone does not parse", err);
		answer(fixed, &c, data + 1, size - 1);
		return 0;
	}
	/* a master file, then a query of its apex */
	if (ns_zone_parse(err, (const char *)data + 1, size - 1, "fuzz", &z, &line,
			  &col) < 0) {
		const char *s;

		if (z || !line || !col)
			die("a failed parse left a zone or no position", err);
		for (s = err; *s; s++)
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				die("a control byte in the message", err);
		return 0;
	}
	{
		static const uint8_t q[] = { 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
					     4, 'f', 'u', 'z', 'z', 0, 0, 255, 0, 1 };

		answer(z, &c, q, sizeof(q));
	}
	ns_zone_free(z);
	return 0;
}
