/* fuzz-print.h: the input format of the packet printer's fuzz target, shared with the seed maker. */
#ifndef FUZZ_PRINT_H
#define FUZZ_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include <pcap/pcap.h>

/*
 * An input is an 8-byte header, then the packet bytes:
 *
 *   [0]    link type: fzp_dlts[b % FZP_NDLTS]
 *   [1]    bit 0 -n, 1 -e, 2 -q, 3 -S, 4 -A, 5 --nano, bits 6-7 -v count
 *   [2]    bits 0-2 -t count (mod 6), bits 3-4 -x count, bits 5-6 -X count
 *          (3 counts as 2), bit 7 several packets (below)
 *   [3..4] big-endian capture limit: caplen = min(limit, bytes present);
 *          0xffff: no limit
 *   [5]    on-wire bytes beyond those present: len = bytes + [5]
 *   [6..7] big-endian milliseconds between packets (for -ttt, -ttttt)
 *
 * One packet is the rest of the input; with bit 7 of [2], the rest is a
 * run of records, a big-endian 16-bit length and that many bytes (a short
 * last record takes what is left), printed in order by one context, so
 * that state across packets (TCP's relative numbers) is fuzzed too.
 */
#define FZP_HDR 8
#define FZP_MULTI 0x80

static const int fzp_dlts[] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NFLOG, DLT_NULL,
	DLT_LOOP,   DLT_RAW,       DLT_IPV4,       DLT_IPV6,  DLT_IPNET,
	DLT_NETLINK,
	DLT_USER0, /* no printer: tcpdump's fallback */
	/* appended, so that a first byte below 12 keeps its link type */
	DLT_SLIP, DLT_SLIP_BSDOS, DLT_ARCNET, DLT_ARCNET_LINUX, DLT_LTALK,
	DLT_PPP, DLT_PPP_PPPD, DLT_PPP_SERIAL, DLT_PPP_BSDOS, DLT_PPP_ETHER,
	DLT_C_HDLC, DLT_HDLC, DLT_IPOIB, DLT_FRELAY, DLT_DSA_TAG_DSA,
	DLT_DSA_TAG_EDSA, DLT_DSA_TAG_BRCM, DLT_DSA_TAG_BRCM_PREPEND,
	DLT_VSOCK, DLT_PKTAP, DLT_USER2, DLT_IEEE802_15_4,
	DLT_IEEE802_15_4_NOFCS, DLT_MFR,
	DLT_SUNATM, DLT_ATM_RFC1483, DLT_ATM_CLIP, DLT_JUNIPER_ATM1,
	DLT_JUNIPER_ATM2, DLT_JUNIPER_CHDLC, DLT_JUNIPER_ES, DLT_JUNIPER_ETHER,
	DLT_JUNIPER_FRELAY, DLT_JUNIPER_GGSN, DLT_JUNIPER_MFR, DLT_JUNIPER_MLFR,
	DLT_JUNIPER_MLPPP, DLT_JUNIPER_MONITOR, DLT_JUNIPER_PPP,
	DLT_JUNIPER_PPPOE_ATM, DLT_JUNIPER_PPPOE, DLT_JUNIPER_SERVICES,
	DLT_IEEE802_11, DLT_IEEE802_11_RADIO, DLT_IEEE802_11_RADIO_AVS,
	DLT_PRISM_HEADER, DLT_PPI,
};

#define FZP_NDLTS (sizeof(fzp_dlts) / sizeof(fzp_dlts[0]))

/* The index of dlt in fzp_dlts, or -1. */
static inline int fzp_dlt_index(int dlt)
{
	size_t i;

	for (i = 0; i < FZP_NDLTS; i++)
		if (fzp_dlts[i] == dlt)
			return (int)i;
	return -1;
}

#endif
