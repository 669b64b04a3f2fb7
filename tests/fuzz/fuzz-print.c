/* fuzz-print.c: libFuzzer target: the packet printer on packets of every link type it prints, under every printing option. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "capture/print.h"
#include "fuzz/fuzz-print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void opts_of(const uint8_t *h, struct pr_opts *o)
{
	unsigned x = (h[2] >> 3) & 3, X = (h[2] >> 5) & 3;

	memset(o, 0, sizeof(*o));
	o->nflag = h[1] & 1;
	o->eflag = (h[1] >> 1) & 1;
	o->qflag = (h[1] >> 2) & 1;
	o->Sflag = (h[1] >> 3) & 1;
	o->Aflag = (h[1] >> 4) & 1;
	o->nano = (h[1] >> 5) & 1;
	o->vflag = h[1] >> 6;
	o->tflag = (h[2] & 7) % 6;
	o->xflag = x > 2 ? 2 : (int)x;
	o->Xflag = X > 2 ? 2 : (int)X;
}

/*
 * What the printer writes is text for a terminal: printable ASCII, tabs
 * and newlines only, whatever the packet holds (tcpdump prints other
 * bytes as '.' or escapes them). Anything else is a finding.
 */
static void check_text(const struct hx_buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++) {
		unsigned char ch = (unsigned char)b->p[i];

		if ((ch < 0x20 || ch > 0x7e) && ch != '\n' && ch != '\t') {
			fprintf(stderr, "fuzz-print: byte 0x%02x at %zu of the text:\n%s\n",
				ch, i, b->p);
			__builtin_trap();
		}
	}
	if (b->len && b->p[b->len - 1] != '\n') {
		fprintf(stderr, "fuzz-print: text without a final newline:\n%s\n", b->p);
		__builtin_trap();
	}
}

static void print_one(struct pr_ctx *c, struct hx_buf *out, const uint8_t *h,
		      const uint8_t *p, size_t n, unsigned k)
{
	struct pcap_pkthdr ph;
	unsigned limit = (unsigned)h[3] << 8 | h[4];
	unsigned long long ms = (unsigned long long)((unsigned)h[6] << 8 | h[7]) * k;

	memset(&ph, 0, sizeof(ph));
	ph.ts.tv_sec = (time_t)(1700000000 + ms / 1000);
	ph.ts.tv_usec = (suseconds_t)(ms % 1000 * 1000);
	ph.caplen = (uint32_t)(limit != 0xffff && limit < n ? limit : n);
	ph.len = (uint32_t)n + h[5];
	hx_buf_reset(out);
	pr_packet(c, out, &ph, p);
	if (!out->oom)
		check_text(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t a4[2][4] = { { 10, 0, 0, 1 }, { 10, 0, 0, 2 } };
	static const uint8_t a6[16] = { 0xfd, [15] = 1 };
	char err[HX_ERRLEN];
	struct hx_buf out = HX_BUF_INIT;
	struct pr_opts o;
	struct pr_ctx *c;
	const uint8_t *p;
	size_t left;
	unsigned k = 0;

	if (size < FZP_HDR)
		return 0;
	opts_of(data, &o);
	c = pr_new(err, &o, fzp_dlts[data[0] % FZP_NDLTS]);
	if (!c)
		return 0;
	/* Names as a scenario's host table gives them (without -n). */
	pr_name_add(c, AF_INET, a4[0], "master");
	pr_name_add(c, AF_INET, a4[1], "node1");
	pr_name_add(c, AF_INET6, a6, "master");
	p = data + FZP_HDR;
	left = size - FZP_HDR;
	if (!(data[2] & FZP_MULTI)) {
		print_one(c, &out, data, p, left, 0);
	} else {
		while (left >= 2) {
			size_t n = (size_t)p[0] << 8 | p[1];

			p += 2;
			left -= 2;
			if (n > left)
				n = left;
			print_one(c, &out, data, p, n, k++);
			p += n;
			left -= n;
		}
	}
	hx_buf_release(&out);
	pr_free(c);
	return 0;
}
