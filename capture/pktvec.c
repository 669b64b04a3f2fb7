/* pktvec.c: packets kept in memory, copied into large chunks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "capture/pktvec.h"

#define PKTVEC_CHUNK (256 * 1024)

struct cap_pktchunk {
	struct cap_pktchunk *next;
	size_t used, cap;
	uint8_t data[];
};

int cap_pktvec_add(struct cap_pktvec *k, const struct pcap_pkthdr *h,
		   const uint8_t *data)
{
	struct cap_pktchunk *ch = k->chunks;
	size_t need = h->caplen;

	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 1024;
		struct cap_pkt *v = realloc(k->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		k->v = v;
		k->cap = cap;
	}
	if (!ch || ch->cap - ch->used < need) {
		size_t cap = need > PKTVEC_CHUNK ? need : PKTVEC_CHUNK;

		ch = malloc(sizeof(*ch) + cap);
		if (!ch)
			return -ENOMEM;
		ch->used = 0;
		ch->cap = cap;
		ch->next = k->chunks;
		k->chunks = ch;
	}
	memcpy(ch->data + ch->used, data, need);
	k->v[k->n].h = *h;
	k->v[k->n].data = ch->data + ch->used;
	k->n++;
	/* the next packet starts 8-byte aligned, within the chunk */
	ch->used += (need + 7) & ~(size_t)7;
	if (ch->used > ch->cap)
		ch->used = ch->cap;
	return 0;
}

void cap_pktvec_release(struct cap_pktvec *k)
{
	struct cap_pktchunk *ch, *next;

	for (ch = k->chunks; ch; ch = next) {
		next = ch->next;
		free(ch);
	}
	free(k->v);
	memset(k, 0, sizeof(*k));
}
