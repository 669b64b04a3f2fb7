/* print-arcnet.c: ARCNET frames (RFC 1051, RFC 1201), BSD and Linux link types. */
/*
 * BSD (DLT_ARCNET):               Linux (DLT_ARCNET_LINUX):
 *  +------+------+------+          +------+------+--------+------+
 *  | src  | dst  | type |          | src  | dst  | offset | type |
 *  +------+------+------+          +------+------+--------+------+
 *  | flag | seqid (2)   |  RFC 1201 "phds"       | flag | seqid  |
 *  +------+-------------+  (not for the old      +------+--------+
 *  | 0xff: type, flag,  |   RFC 1051 types or
 *  | seqid again        |   diagnostics)
 *  +--------------------+
 *
 * With -e tcpdump shows the Linux header through the BSD layout, so the
 * "type" it names there is the first octet of the offset: so here too.
 */
#include "capture/print-int.h"

#define ARC_HDRLEN 3
#define ARC_HDRNEWLEN 6
#define ARC_HDRNEWLEN_EXC 10
#define ARC_LINUX_HDRLEN 5
#define ARC_LINUX_HDRNEWLEN 8

#define ARCTYPE_IP_OLD 240
#define ARCTYPE_ARP_OLD 241
#define ARCTYPE_DIAGNOSE 0x80

static const struct pr_tok arctype_names[] = {
	{ 240, "oldip" }, { 241, "oldarp" }, { 212, "ip" },
	{ 213, "arp" },	  { 214, "rarp" },   { 221, "atalk" },
	{ 247, "banyan" }, { 250, "ipx" },   { 0xc4, "ipv6" },
	{ 0x80, "diag" },  { 0, NULL },
};

/* System code -> printer (IPX is not decoded here: hex). */
static const struct pr_disp arctype_printers[] = {
	{ 240, ip_print },  { 212, ip_print },	{ 0xc4, ip6_print },
	{ 241, arp_print }, { 213, arp_print }, { 214, arp_print },
	{ 221, atalk_et1_print }, { 0, NULL },
};

static int hdr_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
		     int phds, unsigned flag, unsigned seqid)
{
	uint8_t src, dst, type;

	c->proto = "arcnet";
	PR_U8(c, p, src);
	PR_U8(c, p + 1, dst);
	if (c->o.qflag) {
		pr_printf(c, "%02x %02x %u: ", src, dst, length);
		return 0;
	}
	PR_U8(c, p + 2, type);
	pr_printf(c, "%02x %02x ", src, dst);
	pr_tok_print(c, arctype_names, "%02x", type);
	if (!phds)
		pr_printf(c, " %u: ", length);
	else if (flag == 0)
		pr_printf(c, " seqid %04x %u: ", seqid, length);
	else if (flag & 1)
		pr_printf(c, " seqid %04x (first of %u fragments) %u: ", seqid,
			  (flag + 3) / 2, length);
	else
		pr_printf(c, " seqid %04x (fragment %u) %u: ", seqid,
			  flag / 2 + 1, length);
	return 0;
}

static int encap_print(struct pr_ctx *c, unsigned type, const uint8_t *p,
		       unsigned length, unsigned caplen)
{
	pr_fn fn = pr_lookup(arctype_printers, type);

	if (fn)
		return fn(c, p, length);
	/* unlike Ethernet's, shown even with -q, -x and -X */
	pr_hexascii_dump(c, "\n\t", p, caplen);
	return 0;
}

static int old_type(unsigned type)
{
	return type == ARCTYPE_IP_OLD || type == ARCTYPE_ARP_OLD ||
	       type == ARCTYPE_DIAGNOSE;
}

int arcnet_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen, flag = 0, seqid = 0, hdrlen;
	uint8_t type, f;
	uint16_t s;
	int phds;

	c->proto = "arcnet";
	if (caplen < ARC_HDRLEN)
		return pr_stop(c);
	PR_U8(c, p + 2, type);
	phds = !old_type(type);
	hdrlen = ARC_HDRLEN;
	if (phds) {
		if (caplen < ARC_HDRNEWLEN) {
			if (hdr_print(c, p, length, 0, 0, 0) == PR_STOP)
				return PR_STOP;
			pr_puts(c, " phds");
			return pr_stop(c);
		}
		PR_U8(c, p + 3, f);
		flag = f;
		if (flag == 0xff) {
			if (caplen < ARC_HDRNEWLEN_EXC) {
				if (hdr_print(c, p, length, 0, 0, 0) == PR_STOP)
					return PR_STOP;
				pr_puts(c, " phds extended");
				return pr_stop(c);
			}
			PR_U8(c, p + 7, f);
			flag = f;
			PR_BE16(c, p + 8, s);
			hdrlen = ARC_HDRNEWLEN_EXC;
		} else {
			PR_BE16(c, p + 4, s);
			hdrlen = ARC_HDRNEWLEN;
		}
		seqid = s;
	}
	if (c->o.eflag && hdr_print(c, p, length, phds, flag, seqid) == PR_STOP)
		return PR_STOP;
	c->ll_hdr_len = hdrlen;
	if (phds && flag && (flag & 1) == 0)
		return 0; /* a middle fragment */
	return encap_print(c, type, p + hdrlen, length - hdrlen,
			   caplen - hdrlen);
}

int arcnet_linux_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen, hdrlen;
	uint8_t type;

	c->proto = "arcnet_linux";
	if (caplen < ARC_LINUX_HDRLEN)
		return pr_stop(c);
	PR_U8(c, p + 4, type);
	if (old_type(type)) {
		hdrlen = ARC_LINUX_HDRLEN;
	} else {
		hdrlen = ARC_LINUX_HDRNEWLEN;
		if (caplen < ARC_LINUX_HDRNEWLEN)
			return pr_stop(c);
	}
	if (c->o.eflag && hdr_print(c, p, length, 0, 0, 0) == PR_STOP)
		return PR_STOP;
	c->ll_hdr_len = hdrlen;
	return encap_print(c, type, p + hdrlen, length - hdrlen,
			   caplen - hdrlen);
}
