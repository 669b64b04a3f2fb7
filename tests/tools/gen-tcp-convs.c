/* gen-tcp-convs.c: writes a savefile of many interleaved TCP conversations, for the relative-sequence test against tcpdump. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * gen-tcp-convs FILE [CONVERSATIONS]
 *
 * Writes a pcap (Ethernet) with CONVERSATIONS (default 100,000) TCP
 * conversations, interleaved: each round gives every conversation one
 * segment, so a table that forgets conversations when full prints
 * different relative numbers than tcpdump, which never forgets. Round 0:
 * every even conversation starts with a SYN, every odd one is picked up
 * mid-stream (data with ACK); then the answer the other way (SYN-ACK or
 * data), data both ways, and a FIN. One conversation in eight is IPv6;
 * some share ports or addresses with others; sequence numbers come from a
 * fixed generator, so the file is the same every time. At most 222 * 65536
 * conversations.
 */

#define ROUNDS 5

static uint32_t rnd_state = 2463534242u;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static unsigned sum16(const uint8_t *p, size_t n, uint32_t acc)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return ~acc & 0xffff;
}

/*
 * The first octet of a unicast address from 0..221 (not 0, 127 or
 * multicast). tcpdump's address table hashes the first octet and a half
 * of an IPv4 address and the last two bytes of an IPv6 one: addresses
 * that differ there keep its chains short, so it stays fast here.
 */
static uint8_t unicast_octet(unsigned long k)
{
	unsigned v = 1 + (unsigned)k;

	return (uint8_t)(v >= 127 ? v + 1 : v);
}

struct conv {
	uint8_t a[16], b[16]; /* client, server */
	uint16_t ap, bp;
	uint32_t aseq, bseq;
	int v6;
};

/* One segment from client (dir 0) or server (dir 1); the frame's length. */
static size_t segment(uint8_t *f, struct conv *c, int dir, unsigned flags,
		      size_t dlen)
{
	const uint8_t *src = dir ? c->b : c->a, *dst = dir ? c->a : c->b;
	uint32_t *seq = dir ? &c->bseq : &c->aseq, *ack = dir ? &c->aseq : &c->bseq;
	size_t ip = 14, iplen = c->v6 ? 40 : 20, t = ip + iplen, i;
	uint32_t ps = 0;

	memset(f, 0, t + 20 + dlen);
	memcpy(f, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
	if (c->v6) {
		put16(f + 12, 0x86dd);
		f[ip] = 0x60;
		put16(f + ip + 4, (unsigned)(20 + dlen));
		f[ip + 6] = 6;
		f[ip + 7] = 64;
		memcpy(f + ip + 8, src, 16);
		memcpy(f + ip + 24, dst, 16);
		for (i = 0; i < 32; i += 2)
			ps += (uint32_t)f[ip + 8 + i] << 8 | f[ip + 9 + i];
	} else {
		put16(f + 12, 0x0800);
		f[ip] = 0x45;
		put16(f + ip + 2, (unsigned)(20 + 20 + dlen));
		f[ip + 8] = 64;
		f[ip + 9] = 6;
		memcpy(f + ip + 12, src, 4);
		memcpy(f + ip + 16, dst, 4);
		put16(f + ip + 10, sum16(f + ip, 20, 0));
		for (i = 0; i < 8; i += 2)
			ps += (uint32_t)f[ip + 12 + i] << 8 | f[ip + 13 + i];
	}
	put16(f + t, dir ? c->bp : c->ap);
	put16(f + t + 2, dir ? c->ap : c->bp);
	put32(f + t + 4, *seq);
	put32(f + t + 8, (flags & 0x10) ? *ack : 0);
	f[t + 12] = 5 << 4;
	f[t + 13] = (uint8_t)flags;
	put16(f + t + 14, 502);
	for (i = 0; i < dlen; i++)
		f[t + 20 + i] = (uint8_t)('a' + i % 26);
	ps += 6 + (uint32_t)(20 + dlen);
	put16(f + t + 16, sum16(f + t, 20 + dlen, ps));
	*seq += (uint32_t)dlen + ((flags & 0x03) ? 1 : 0); /* SYN, FIN */
	return t + 20 + dlen;
}

int main(int argc, char **argv)
{
	static uint8_t frame[256];
	struct conv *cv;
	unsigned long n = 100000, i;
	uint32_t ts = 1700000000, us = 0;
	FILE *f;
	int r;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen-tcp-convs FILE [CONVERSATIONS]\n");
		return 2;
	}
	if (argc == 3)
		n = strtoul(argv[2], NULL, 10);
	cv = calloc(n ? n : 1, sizeof(*cv));
	f = fopen(argv[1], "wbe");
	if (!cv || !f) {
		fprintf(stderr, "gen-tcp-convs: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		struct conv *c = &cv[i];

		c->v6 = i % 8 == 7;
		if (c->v6) {
			c->a[0] = c->b[0] = 0xfd;
			put32(c->a + 12, (uint32_t)i);
			put32(c->b + 12, (uint32_t)(i / 3) | 0x80000000u);
		} else {
			/* clients all different; servers shared by a hundred */
			c->a[0] = unicast_octet(i % 222);
			c->a[1] = (uint8_t)(i / 222);
			c->a[2] = (uint8_t)(i / 222 / 256);
			c->a[3] = 1;
			c->b[0] = unicast_octet(i % 1000 % 200);
			c->b[1] = (uint8_t)(16 + i % 1000 / 200);
			c->b[3] = 1;
		}
		/* Ports no tcpdump application printer takes; the server's
		 * below or above the client's; a few on HTTP, a few equal. */
		c->ap = (uint16_t)(32768 + i % 28000);
		c->bp = i % 97 == 0 ? (uint16_t)80 : i % 89 == 0 ? c->ap :
			(uint16_t)(46000 + i % 7);
		c->aseq = rnd();
		c->bseq = rnd();
	}
	{
		struct {
			uint32_t magic;
			uint16_t major, minor;
			int32_t zone;
			uint32_t sigfigs, snaplen, linktype;
		} fh = { 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1 };

		fwrite(&fh, sizeof(fh), 1, f);
	}
	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < n; i++) {
			struct conv *c = &cv[i];
			int syn = i % 2 == 0;
			size_t len;
			uint32_t rec[4];

			switch (r) {
			case 0:
				len = syn ? segment(frame, c, 0, 0x02, 0)
					  : segment(frame, c, 0, 0x18, 10);
				break;
			case 1:
				len = syn ? segment(frame, c, 1, 0x12, 0)
					  : segment(frame, c, 1, 0x18, 20);
				break;
			case 2:
				len = segment(frame, c, 0, 0x18, 5 + i % 50);
				break;
			case 3:
				len = segment(frame, c, 1, 0x10, 0);
				break;
			default:
				len = segment(frame, c, 0, 0x11, 0);
				break;
			}
			if (++us == 1000000) {
				us = 0;
				ts++;
			}
			rec[0] = ts;
			rec[1] = us;
			rec[2] = rec[3] = (uint32_t)len;
			fwrite(rec, sizeof(rec), 1, f);
			fwrite(frame, 1, len, f);
		}
	}
	free(cv);
	if (fclose(f) != 0) {
		fprintf(stderr, "gen-tcp-convs: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
