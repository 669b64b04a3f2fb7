/* fuzz-seed.c: turns savefiles into seeds for the printer's fuzz target (fuzz-print.h), one a packet and one a file. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include <pcap/pcap.h>

#include "fuzz/fuzz-print.h"

/* Bytes [1] and [2] of the header, cycled through packet by packet. */
static const uint8_t combos[][2] = {
	{ 0x01, 0x00 }, /* -n */
	{ 0x41, 0x00 }, /* -n -v */
	{ 0x81, 0x00 }, /* -n -vv */
	{ 0x03, 0x00 }, /* -n -e */
	{ 0x01, 0x08 }, /* -n -x */
	{ 0x01, 0x20 }, /* -n -X */
	{ 0x03, 0x50 }, /* -n -e -xx -XX */
	{ 0x00, 0x00 }, /* names */
	{ 0x05, 0x00 }, /* -n -q */
	{ 0x09, 0x00 }, /* -n -S */
	{ 0x11, 0x00 }, /* -n -A */
	{ 0x01, 0x04 }, /* -n -tttt */
	{ 0x21, 0x03 }, /* -n --nano -ttt */
	{ 0xc3, 0x01 }, /* -n -e -vvv -t */
};

#define NCOMBOS (sizeof(combos) / sizeof(combos[0]))

static int put(const char *path, const uint8_t *hdr, const void *a, size_t na)
{
	FILE *f = fopen(path, "wbe");
	int ok;

	if (!f) {
		fprintf(stderr, "fuzz-seed: cannot create '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	ok = fwrite(hdr, 1, FZP_HDR, f) == FZP_HDR && fwrite(a, 1, na, f) == na;
	if (fclose(f) != 0 || !ok) {
		fprintf(stderr, "fuzz-seed: cannot write '%s'\n", path);
		return -1;
	}
	return 0;
}

/* Every packet of one savefile; returns the seeds written or -1. */
static int split(const char *dir, const char *pcap, unsigned max_multi)
{
	char err[PCAP_ERRBUF_SIZE], path[4096], base[1024];
	static uint8_t multi[1 << 20];
	size_t nmulti = 0;
	struct pcap_pkthdr *h;
	const u_char *pkt;
	pcap_t *p;
	unsigned i = 0;
	int idx, rc;
	uint8_t hdr[FZP_HDR];

	p = pcap_open_offline(pcap, err);
	if (!p) {
		fprintf(stderr, "fuzz-seed: %s\n", err);
		return -1;
	}
	idx = fzp_dlt_index(pcap_datalink(p));
	if (idx < 0) {
		/* A link type the printer does not know: the fallback. */
		idx = fzp_dlt_index(DLT_USER0);
	}
	snprintf(base, sizeof(base), "%s", pcap);
	while ((rc = pcap_next_ex(p, &h, &pkt)) == 1) {
		const uint8_t *c = combos[i % NCOMBOS];

		hdr[0] = (uint8_t)idx;
		hdr[1] = c[0];
		hdr[2] = c[1];
		/* every third packet cut at half its length */
		if (i % 3 == 2 && h->caplen > 1) {
			hdr[3] = (uint8_t)((h->caplen / 2) >> 8);
			hdr[4] = (uint8_t)(h->caplen / 2);
		} else {
			hdr[3] = hdr[4] = 0xff;
		}
		hdr[5] = (uint8_t)(h->len - h->caplen > 255 ? 255 : h->len - h->caplen);
		hdr[6] = 0;
		hdr[7] = 100;
		snprintf(path, sizeof(path), "%s/%s-%u", dir, basename(base), i);
		if (put(path, hdr, pkt, h->caplen) < 0)
			break;
		if (i < max_multi && h->caplen <= 0xffff &&
		    nmulti + 2 + h->caplen <= sizeof(multi)) {
			multi[nmulti++] = (uint8_t)(h->caplen >> 8);
			multi[nmulti++] = (uint8_t)h->caplen;
			memcpy(multi + nmulti, pkt, h->caplen);
			nmulti += h->caplen;
		}
		i++;
	}
	/* Some captures end in a truncated record on purpose: keep the
	 * packets before it. */
	if (rc == -1)
		fprintf(stderr, "fuzz-seed: %s: %s (kept %u packets)\n", pcap,
			pcap_geterr(p), i);
	pcap_close(p);
	if (nmulti) {
		hdr[0] = (uint8_t)idx;
		hdr[1] = 0x01;
		hdr[2] = FZP_MULTI;
		hdr[3] = hdr[4] = 0xff;
		hdr[5] = 0;
		hdr[6] = 0;
		hdr[7] = 100;
		snprintf(path, sizeof(path), "%s/%s-all", dir, basename(base));
		if (put(path, hdr, multi, nmulti) < 0)
			return -1;
		hdr[1] = 0x00; /* relative TCP numbers and names */
		snprintf(path, sizeof(path), "%s/%s-all-names", dir, basename(base));
		if (put(path, hdr, multi, nmulti) < 0)
			return -1;
	}
	return (int)i;
}

int main(int argc, char **argv)
{
	int i, n = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: fuzz-seed OUTDIR SAVEFILE...\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		int k = split(argv[1], argv[i], 64);

		if (k < 0)
			return 1;
		n += k;
	}
	printf("fuzz-seed: %d packets of %d savefiles\n", n, argc - 2);
	return 0;
}
