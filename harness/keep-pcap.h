/* keep-pcap.h: --out keeps a savefile of every capture a scenario made, named after its label. */
#ifndef HX_KEEP_PCAP_H
#define HX_KEEP_PCAP_H

#include <stddef.h>

#include "capture/pktvec.h"

/*
 * Writes the n packets p (link type dlt, snapshot length snaplen, their
 * timestamps in nanoseconds when nano) to DIR/LABEL.pcap, or to
 * DIR/capture-LINE.pcap when the step has no label; unless a file of
 * that name is there already (then it is the capture's own -w savefile,
 * kept as tcpdump wrote it). Returns 0, or a negative code with err.
 * Thread-safe: touches nothing but its arguments and that file.
 */
int hx_keep_pcap(char *err, const char *dir, const char *label, unsigned line, int dlt,
		 int snaplen, int nano, const struct cap_pkt *p, size_t n);

#endif
