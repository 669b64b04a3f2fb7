/* print-ppi.c: the Per-Packet Information header (DLT_PPI) and the frame it carries. */
/*
 * CACE Technologies' PPI Header Format 1.0.10 (3.1): a little-endian
 * header of pph_len octets, field TLVs (not decoded, as tcpdump 4.99.3
 * decodes none) included, then a frame of link type pph_dlt.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  version 0    |    flags      |  pph_len (8 to 65,532)        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  pph_dlt: the link type of the frame                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  field TLVs: type (2), length (2), data                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#include <pcap/pcap.h>

#define PPI_HDRLEN 8
#define PPI_MAXLEN 65532
/*
 * A PPI frame may carry another: tcpdump recurses as deep as the frame
 * allows (a level per 8 octets). Past this depth the inner frame is
 * shown as one of a link type without a printer, so that a hostile
 * capture cannot exhaust the stack.
 */
#define PPI_MAX_DEPTH 16

static int header_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t ver;
	uint16_t len;
	uint32_t dlt;
	const char *name;

	PR_U8(c, p, ver);
	PR_LE16(c, p + 2, len);
	PR_LE32(c, p + 4, dlt);
	name = pcap_datalink_val_to_name((int)dlt);
	if (!c->o.qflag)
		pr_printf(c, "V.%u DLT %s (%u) len %u", ver,
			  name ? name : "UNKNOWN", dlt, len);
	else
		pr_puts(c, name ? name : "UNKNOWN");
	pr_printf(c, ", length %u: ", length);
	return 0;
}

int ppi_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	const struct pcap_pkthdr *outer = c->h;
	struct pcap_pkthdr inner;
	unsigned caplen = outer->caplen;
	const char *generic;
	uint16_t len;
	uint32_t dlt;
	pr_fn fn;
	int rc;

	c->proto = "ppi";
	c->ll_hdr_len = caplen;
	if (caplen < PPI_HDRLEN) {
		pr_trunc(c);
		return 0;
	}
	PR_LE16(c, p + 2, len);
	if (len < PPI_HDRLEN || len > PPI_MAXLEN) {
		pr_printf(c, " [length %u < %u or > %u]", len, PPI_HDRLEN,
			  PPI_MAXLEN);
		pr_invalid(c);
		return 0;
	}
	if (caplen < len) {
		pr_trunc(c);
		return 0;
	}
	PR_LE32(c, p + 4, dlt);
	if (c->o.eflag && header_print(c, p, length) == PR_STOP)
		return PR_STOP;
	generic = pr_link_generic((int)dlt);
	fn = c->ppi_depth < PPI_MAX_DEPTH && !generic ?
		     pr_link_printer((int)dlt) :
		     NULL;
	if (fn) {
		/* the inner printer sees the inner frame's lengths */
		inner = *outer;
		inner.caplen = caplen - len;
		inner.len = length - len;
		c->h = &inner;
		c->ll_hdr_len = 0;
		c->ppi_depth++;
		rc = fn(c, p + len, length - len);
		c->ppi_depth--;
		c->h = outer;
		/*
		 * tcpdump adds the inner header's length twice (its
		 * printer adds it, then PPI adds what it reads back):
		 * -x starts that much further on.
		 */
		c->ll_hdr_len = len + 2 * c->ll_hdr_len;
		return rc;
	}
	if (generic)
		pr_generic(c, generic);
	if (!c->o.eflag && header_print(c, p, length) == PR_STOP)
		return PR_STOP;
	pr_default(c, p + len, caplen - len);
	c->ll_hdr_len = len;
	return 0;
}
