/* pktvec.h: packets kept in memory, copied into large chunks (captures, reads, ladders). */
#ifndef CAP_PKTVEC_H
#define CAP_PKTVEC_H

#include <stddef.h>
#include <stdint.h>
#include <pcap/pcap.h>

/* A kept packet; data belongs to the vector that holds it. */
struct cap_pkt {
	struct pcap_pkthdr h;
	const uint8_t *data;
};

struct cap_pktchunk;

/*
 * A growing array of packets whose bytes are copied into chunks of 256 KiB
 * (a larger packet gets a chunk of its own): no allocation per packet.
 * Zero-initialised ({ 0 }) is empty. Pointers into it (v, and each
 * data) stay valid until the next add (v) or the release (data). One
 * owner thread; no locking.
 */
struct cap_pktvec {
	struct cap_pkt *v;
	size_t n;
	size_t cap;
	struct cap_pktchunk *chunks;
};

/* Copies h and h->caplen bytes of data. Returns 0 or -ENOMEM (v unchanged). */
int cap_pktvec_add(struct cap_pktvec *k, const struct pcap_pkthdr *h,
		   const uint8_t *data);

/* Frees everything and leaves k empty. */
void cap_pktvec_release(struct cap_pktvec *k);

#endif
