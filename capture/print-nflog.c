/* print-nflog.c: Linux NFLOG (DLT_NFLOG) records: a header, TLVs, and the logged packet. */
/*
 *  +---------+---------+-------------------+
 *  | family  | version | resource ID (be16)|   4-octet header
 *  +---------+---------+-------------------+
 *  | TLV length (2)    | TLV type (2)      |   then TLVs, each padded to
 *  | value ...                             |   4 octets; type 9 (payload)
 *  +---------------------------------------+   holds the packet itself
 *
 * The TLV fields are in the byte order of the host that wrote the file
 * (libpcap's pcap-linktype description of LINKTYPE_NFLOG); tcpdump reads
 * them in the reading host's order, and so does this printer.
 */
#include "capture/print-int.h"

#include <sys/socket.h>

#define NFLOG_HDR_LEN 4
#define NFLOG_TLV_LEN 4
#define NFULA_PAYLOAD 9

static const struct pr_tok family_names[] = {
	{ AF_INET, "IPv4" },
	{ AF_INET6, "IPv6" },
	{ 0, NULL },
};

/* Address family -> network printer. */
static const struct pr_disp af_printers[] = {
	{ AF_INET, ip_print },
	{ AF_INET6, ip6_print },
	{ 0, NULL },
};

static int hdr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t family, version;
	uint16_t rid;

	PR_U8(c, p + 1, version);
	PR_BE16(c, p + 2, rid);
	pr_printf(c, "version %u, resource ID %u", version, rid);
	PR_U8(c, p, family);
	if (!c->o.qflag) {
		pr_puts(c, ", family ");
		pr_tok_print(c, family_names, "Unknown", family);
		pr_printf(c, " (%u)", family);
	} else {
		pr_puts(c, ", ");
		pr_tok_print(c, family_names, "Unknown NFLOG (0x%02x)", family);
	}
	pr_printf(c, ", length %u: ", length);
	return 0;
}

int nflog_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	const uint8_t *hdr = p;
	unsigned caplen = c->h->caplen, h_size = NFLOG_HDR_LEN;
	uint8_t version, family;
	pr_fn fn;

	c->proto = "nflog";
	if (caplen < NFLOG_HDR_LEN) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	c->ll_hdr_len = NFLOG_HDR_LEN;
	PR_U8(c, p + 1, version);
	if (version != 0) {
		pr_printf(c, "version %u (unknown)", version);
		return 0;
	}
	if (c->o.eflag && hdr_print(c, p, length) == PR_STOP)
		return PR_STOP;
	p += NFLOG_HDR_LEN;
	length -= NFLOG_HDR_LEN;
	caplen -= NFLOG_HDR_LEN;
	while (length > 0) {
		uint16_t size, type;

		if (caplen < NFLOG_TLV_LEN)
			goto trunc;
		if (!pk_he16(&c->pk, p, &size) || !pk_he16(&c->pk, p + 2, &type))
			return pr_stop(c);
		if (size % 4 != 0)
			size = (uint16_t)(size + 4 - size % 4);
		if (size < NFLOG_TLV_LEN)
			goto trunc;
		if (caplen < size)
			goto trunc;
		if (type == NFULA_PAYLOAD) {
			p += NFLOG_TLV_LEN;
			h_size += NFLOG_TLV_LEN;
			length -= NFLOG_TLV_LEN;
			caplen -= NFLOG_TLV_LEN;
			break;
		}
		p += size;
		h_size += size;
		length -= size;
		caplen -= size;
	}
	c->ll_hdr_len = h_size;
	PR_U8(c, hdr, family);
	fn = pr_lookup(af_printers, family);
	if (fn)
		return fn(c, p, length);
	if (!c->o.eflag && hdr_print(c, hdr, length + NFLOG_HDR_LEN) == PR_STOP)
		return PR_STOP;
	pr_default(c, p, caplen);
	return 0;
trunc:
	pr_trunc(c);
	c->ll_hdr_len = h_size;
	return 0;
}
