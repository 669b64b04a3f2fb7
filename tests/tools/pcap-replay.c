/* pcap-replay.c: builds a large savefile by replaying the packets of smaller ones. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

/*
 * usage: pcap-replay -o OUT -n COUNT IN...
 *        pcap-replay -c FILE         (prints FILE's packet count)
 *
 * Reads the Ethernet (DLT_EN10MB) savefiles IN (others are skipped, with a
 * note) and writes OUT with their packets in turn, round after round, until
 * COUNT packets are written. Timestamps are rewritten to advance 1 ms per
 * packet, so that the time formats see realistic deltas. For the benchmark
 * of `dumplab read` (tests/bench/bench-read).
 */

struct rec {
	struct pcap_pkthdr h;
	u_char *data;
};

static int load(const char *path, struct rec **recs, size_t *n, size_t *cap)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *p;
	pcap_t *pd;
	int rc;

	pd = pcap_open_offline(path, ebuf);
	if (!pd) {
		fprintf(stderr, "pcap-replay: cannot read '%s': %s\n", path, ebuf);
		return -1;
	}
	if (pcap_datalink(pd) != DLT_EN10MB) {
		fprintf(stderr, "pcap-replay: skipping '%s': not Ethernet\n", path);
		pcap_close(pd);
		return 0;
	}
	while ((rc = pcap_next_ex(pd, &h, &p)) == 1) {
		if (*n == *cap) {
			size_t nc = *cap ? *cap * 2 : 1024;
			struct rec *nr = realloc(*recs, nc * sizeof(*nr));

			if (!nr)
				goto oom;
			*recs = nr;
			*cap = nc;
		}
		(*recs)[*n].h = *h;
		(*recs)[*n].data = malloc(h->caplen ? h->caplen : 1);
		if (!(*recs)[*n].data)
			goto oom;
		memcpy((*recs)[*n].data, p, h->caplen);
		(*n)++;
	}
	if (rc == PCAP_ERROR)
		fprintf(stderr, "pcap-replay: '%s': %s (kept what was read)\n",
			path, pcap_geterr(pd));
	pcap_close(pd);
	return 0;
oom:
	fprintf(stderr, "pcap-replay: out of memory reading '%s'\n", path);
	pcap_close(pd);
	return -1;
}

int main(int argc, char **argv)
{
	struct rec *recs = NULL;
	size_t n = 0, cap = 0, i;
	const char *out = NULL;
	long count = 0, written = 0;
	pcap_dumper_t *d;
	pcap_t *dead;
	int a, status = 1;

	if (argc == 3 && !strcmp(argv[1], "-c")) {
		char ebuf[PCAP_ERRBUF_SIZE];
		struct pcap_pkthdr *h;
		const u_char *p;
		pcap_t *pd = pcap_open_offline(argv[2], ebuf);
		long k = 0;

		if (!pd) {
			fprintf(stderr, "pcap-replay: cannot read '%s': %s\n",
				argv[2], ebuf);
			return 1;
		}
		while (pcap_next_ex(pd, &h, &p) == 1)
			k++;
		pcap_close(pd);
		printf("%ld\n", k);
		return 0;
	}
	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		if (!strcmp(argv[a], "-o") && a + 1 < argc) {
			out = argv[++a];
		} else if (!strcmp(argv[a], "-n") && a + 1 < argc) {
			char *end;

			count = strtol(argv[++a], &end, 10);
			if (*end || count <= 0) {
				fprintf(stderr, "pcap-replay: -n: '%s' is not a count\n",
					argv[a]);
				return 2;
			}
		} else {
			break;
		}
	}
	if (!out || !count || a >= argc) {
		fprintf(stderr, "usage: pcap-replay -o OUT -n COUNT IN...\n"
				"       pcap-replay -c FILE\n");
		return 2;
	}
	for (; a < argc; a++)
		if (load(argv[a], &recs, &n, &cap) < 0)
			goto done;
	if (n == 0) {
		fprintf(stderr, "pcap-replay: no Ethernet packets in the inputs\n");
		goto done;
	}
	dead = pcap_open_dead(DLT_EN10MB, 262144);
	if (!dead) {
		fprintf(stderr, "pcap-replay: cannot open a pcap handle\n");
		goto done;
	}
	d = pcap_dump_open(dead, out);
	if (!d) {
		fprintf(stderr, "pcap-replay: cannot write '%s': %s\n", out,
			pcap_geterr(dead));
		pcap_close(dead);
		goto done;
	}
	for (i = 0; written < count; i = (i + 1) % n, written++) {
		struct pcap_pkthdr h = recs[i].h;

		h.ts.tv_sec = 1700000000 + written / 1000;
		h.ts.tv_usec = (written % 1000) * 1000;
		pcap_dump((u_char *)d, &h, recs[i].data);
	}
	if (pcap_dump_flush(d) < 0) {
		fprintf(stderr, "pcap-replay: cannot write '%s': %s\n", out,
			strerror(errno));
	} else {
		status = 0;
	}
	pcap_dump_close(d);
	pcap_close(dead);
done:
	for (i = 0; i < n; i++)
		free(recs[i].data);
	free(recs);
	return status;
}
