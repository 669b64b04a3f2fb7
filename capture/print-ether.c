/* print-ether.c: Ethernet II and 802.1Q frames, and the ethertype dispatch. */
/*
 * IEEE 802.3 (Ethernet II framing, RFC 894) with IEEE 802.1Q tags:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  destination MAC (6 octets)                   |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+    source MAC (6 octets)      +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   type/length (or 0x8100)     |  [802.1Q TCI, then the type]  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A type/length field <= 1500 is an 802.3 length (an LLC header follows).
 */
#include "capture/print-int.h"

#define ETHER_HDRLEN 14
#define MAX_ETHERNET_LENGTH_VAL 1500

#define ET_IP 0x0800
#define ET_ARP 0x0806
#define ET_REVARP 0x8035
#define ET_IPV6 0x86dd
#define ET_LOOPBACK 0x9000
#define ET_ATALK 0x809b
#define ET_AARP 0x80f3
#define ET_8021Q 0x8100
#define ET_8021Q9100 0x9100
#define ET_8021Q9200 0x9200
#define ET_8021QINQ 0x88a8
#define ET_JUMBO 0x8870
#define ET_LLDP 0x88cc
#define ET_SLOW 0x8809
#define ET_CFM 0x8902
#define ET_CFM_OLD 0xabcd
#define ET_IPX 0x8137

/* tcpdump's ethertype_values, in its order (the first match names a value). */
const struct pr_tok ethertype_names[] = {
	{ 0x0800, "IPv4" },
	{ 0x8847, "MPLS unicast" },
	{ 0x8848, "MPLS multicast" },
	{ 0x86dd, "IPv6" },
	{ 0x8100, "802.1Q" },
	{ 0x9100, "802.1Q-9100" },
	{ 0x88a8, "802.1Q-QinQ" },
	{ 0x9200, "802.1Q-9200" },
	{ 0x88e5, "802.1AE MACsec" },
	{ 0x9100, "VMAN" },
	{ 0x0200, "PUP" },
	{ 0x0806, "ARP" },
	{ 0x8035, "Reverse ARP" },
	{ 0x0600, "NS" },
	{ 0x0500, "Sprite" },
	{ 0x1000, "Trail" },
	{ 0x6001, "MOP DL" },
	{ 0x6002, "MOP RC" },
	{ 0x6003, "DN" },
	{ 0x6004, "LAT" },
	{ 0x6007, "SCA" },
	{ 0x6558, "TEB" },
	{ 0x8038, "Lanbridge" },
	{ 0x803c, "DEC DNS" },
	{ 0x803e, "DEC DTS" },
	{ 0x805b, "VEXP" },
	{ 0x805c, "VPROD" },
	{ 0x809b, "Appletalk" },
	{ 0x80f3, "Appletalk ARP" },
	{ 0x880b, "PPP" },
	{ 0x8808, "MPCP" },
	{ 0x8809, "Slow Protocols" },
	{ 0x8863, "PPPoE D" },
	{ 0x8864, "PPPoE S" },
	{ 0x888e, "EAPOL" },
	{ 0x8899, "Realtek protocols" },
	{ 0x886f, "MS NLB heartbeat" },
	{ 0x8870, "Jumbo" },
	{ 0x894f, "NSH" },
	{ 0x9000, "Loopback" },
	{ 0xfefe, "OSI" },
	{ 0x00fe, "GRE-OSI" },
	{ 0xabcd, "CFM (old)" },
	{ 0x8902, "CFM" },
	{ 0x893a, "IEEE1905.1" },
	{ 0x88cc, "LLDP" },
	{ 0x88ca, "TIPC" },
	{ 0x0707, "GeoNet (old)" },
	{ 0x8947, "GeoNet" },
	{ 0x1111, "CALM FAST" },
	{ 0x88a2, "AoE" },
	{ 0x88f7, "PTP" },
	{ 0xd28b, "Arista Vendor Specific Protocol" },
	{ 0, NULL },
};

/*
 * Ethertype -> network printer. Types tcpdump decodes but this printer
 * does not (MPLS, PPPoE, LLDP, ...) fall back to tcpdump's unknown-type
 * output: the type and a hex dump.
 */
static const struct pr_disp ethertype_printers[] = {
	{ ET_IP, ip_print },
	{ ET_IPV6, ip6_print },
	{ ET_ARP, arp_print },
	{ ET_REVARP, arp_print },
	{ ET_LOOPBACK, loopback_print },
	{ ET_ATALK, atalk_et1_print },
	{ ET_AARP, aarp_print },
	{ ET_LLDP, lldp_print },
	{ ET_SLOW, slow_print },
	{ ET_CFM, cfm_print },
	{ ET_CFM_OLD, cfm_print },
	{ ET_IPX, ipx_print },
	{ 0x8847, mpls_print }, /* MPLS unicast */
	{ 0x8848, mpls_print }, /* MPLS multicast */
	{ 0x894f, nsh_print },
	{ 0x88f7, ptp_print }, /* PTP (issue 17, services) */
	{ 0x880b, ppp_ether_print },
	{ 0x8863, pppoe_print }, /* PPPoE discovery */
	{ 0x8864, pppoe_print }, /* PPPoE session */
	{ 0x3c12, pppoe_print }, /* the same, 3Com's pre-standard types */
	{ 0x3c13, pppoe_print },
	{ 0xfefe, osi_ether_print },
	{ 0x888e, eapol_print }, /* 802.1X (print-eap.c) */
	{ 0, NULL },
};

/*
 * The ethertypes tcpdump 4.99.3 decodes and these printers do not (yet):
 * a frame of one prints tcpdump's unknown-type fallback here, and is
 * counted as printed generically under this name. Types tcpdump itself
 * only dumps (LAT, MOP, SCA, IEEE 1905.1, ...) are not listed.
 */
static const struct pr_tok ethertype_generic_names[] = {
	{ 0x6003, "DECnet" },
	{ 0x8137, "IPX" },
	{ 0x8899, "Realtek" },
	{ 0x8808, "MPCP" },
	{ 0x88ca, "TIPC" },
	{ 0x886f, "MS NLB" },
	{ 0x0707, "GeoNet" },
	{ 0x8947, "GeoNet" },
	{ 0x1111, "CALM FAST" },
	{ 0x88a2, "AoE" },
	{ 0x88e5, "MACsec" },
	{ 0xd28b, "Arista" },
	{ 0, NULL },
};

void ethertype_generic(struct pr_ctx *c, unsigned type)
{
	const char *s;

	if (pr_lookup(ethertype_printers, type))
		return;
	s = pr_tok(ethertype_generic_names, type);
	if (s)
		pr_generic(c, s);
}

int ethertype_dispatch(struct pr_ctx *c, unsigned type, const uint8_t *p,
		       unsigned len, int *rc)
{
	pr_fn fn = pr_lookup(ethertype_printers, type);

	if (!fn)
		return 0;
	*rc = fn(c, p, len);
	return 1;
}

static void ether_type_print(struct pr_ctx *c, unsigned type)
{
	const char *s = pr_tok(ethertype_names, type);

	if (!c->o.qflag) {
		pr_puts(c, "ethertype ");
		pr_puts(c, s ? s : "Unknown");
		pr_puts(c, " (0x");
		pr_hex(c, type, 4);
		pr_putc(c, ')');
	} else if (s) {
		pr_puts(c, s);
	} else {
		pr_puts(c, "Unknown Ethertype (0x");
		pr_hex(c, type, 4);
		pr_putc(c, ')');
	}
}

static void ether_addresses_print(struct pr_ctx *c, const uint8_t *src,
				  const uint8_t *dst)
{
	pr_mac(c, src);
	pr_puts(c, " > ");
	pr_mac(c, dst);
	pr_puts(c, ", ");
}

/* The 802.1Q TCI as tcpdump shows it ("vlan 5, p 0"). */
static void tci_print(struct pr_ctx *c, unsigned tci)
{
	pr_puts(c, "vlan ");
	pr_uint(c, tci & 0xfff);
	pr_puts(c, ", p ");
	pr_uint(c, tci >> 13);
	if (tci & 0x1000)
		pr_puts(c, ", DEI");
}

static void length_print(struct pr_ctx *c, unsigned len)
{
	pr_puts(c, ", length ");
	pr_uint(c, len);
	pr_puts(c, ": ");
}

/*
 * The LLC frame after an 802.3 length (or the Jumbo type): its header and
 * payload, or the raw bytes when no printer takes it.
 */
static int llc_frame_print(struct pr_ctx *c, const uint8_t *p,
			   unsigned length, unsigned caplen, unsigned hdrlen,
			   const uint8_t *src, const uint8_t *dst)
{
	const uint8_t *end = pr_push_end(c, p, length);
	unsigned llc_len = 0;
	int rc;

	c->ll_hdr_len = hdrlen;
	rc = llc_print(c, p, length, caplen, src, dst, &llc_len);
	pr_pop_end(c, end);
	if (rc == PR_STOP)
		return PR_STOP;
	if (rc == 1)
		pr_default(c, p, caplen);
	c->ll_hdr_len = hdrlen + llc_len;
	return 0;
}

int ether_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	return ether_switch_print(c, p, length, c->h->caplen, NULL, 0);
}

int ether_switch_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
		       unsigned caplen, pr_fn tag, unsigned taglen)
{
	unsigned orig_length = length, hdrlen;
	uint8_t src[6], dst[6];
	uint16_t type;
	int printed_length = 0, rc = 0;

	if (!tag)
		c->proto = "ether";
	if (length < caplen) {
		pr_printf(c, "[length %u < caplen %u]", length, caplen);
		pr_invalid(c);
		c->ll_hdr_len = length;
		return 0;
	}
	if (caplen < ETHER_HDRLEN + taglen) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	PR_COPY(c, p, dst, 6);
	PR_COPY(c, p + 6, src, 6);
	if (c->o.eflag)
		ether_addresses_print(c, src, dst);
	p += 12;
	length -= 12;
	caplen -= 12;
	hdrlen = 12;
	/* a switch chip's tag between the addresses and the type */
	if (tag && tag(c, p, taglen) == PR_STOP)
		return PR_STOP;
	p += taglen;
	length -= taglen;
	caplen -= taglen;
	hdrlen += taglen;

	PR_BE16(c, p, type);
	p += 2;
	length -= 2;
	caplen -= 2;
	hdrlen += 2;

	while (type == ET_8021Q || type == ET_8021Q9100 ||
	       type == ET_8021Q9200 || type == ET_8021QINQ) {
		uint16_t tci;

		if (caplen < 4 || length < 4) {
			c->proto = "vlan";
			pr_trunc(c);
			c->ll_hdr_len = hdrlen + (caplen < 4 ? caplen : length);
			return 0;
		}
		if (c->o.eflag) {
			PR_BE16(c, p, tci);
			ether_type_print(c, type);
			if (!printed_length) {
				length_print(c, orig_length);
				printed_length = 1;
			} else {
				pr_puts(c, ", ");
			}
			tci_print(c, tci);
			pr_puts(c, ", ");
		}
		PR_BE16(c, p + 2, type);
		p += 4;
		length -= 4;
		caplen -= 4;
		hdrlen += 4;
	}

	if (type <= MAX_ETHERNET_LENGTH_VAL) {
		/* 802.3: an LLC header follows the length. */
		if (type < length) {
			length = type;
			if (caplen > length)
				caplen = length;
		}
		if (c->o.eflag) {
			pr_puts(c, "802.3");
			if (!printed_length)
				length_print(c, length);
		}
		return llc_frame_print(c, p, length, caplen, hdrlen, src, dst);
	}
	if (type == ET_JUMBO)
		return llc_frame_print(c, p, length, caplen, hdrlen, src, dst);

	if (c->o.eflag) {
		ether_type_print(c, type);
		if (!printed_length)
			length_print(c, orig_length);
		else
			pr_puts(c, ", ");
	}
	c->ll_hdr_len = hdrlen;
	if (!ethertype_dispatch(c, type, p, length, &rc)) {
		ethertype_generic(c, type);
		if (!c->o.eflag) {
			ether_addresses_print(c, src, dst);
			ether_type_print(c, type);
			length_print(c, orig_length);
		}
		pr_default(c, p, caplen);
	}
	return rc;
}

/*
 * An Ethernet frame inside a tunnel (GRE's TEB, VXLAN, Geneve, NSH, IPv6
 * next header 143): tcpdump's ether_print with the bytes captured after p
 * as the caplen. The -x dumps keep starting at the outer link header.
 */
int ether_encap_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	const struct pcap_pkthdr *saved_h = c->h;
	unsigned saved_ll = c->ll_hdr_len;
	struct pcap_pkthdr h = *c->h;
	size_t left = pr_left(c, p);
	int rc;

	h.caplen = left > UINT32_MAX ? UINT32_MAX : (uint32_t)left;
	h.len = len;
	c->h = &h;
	rc = ether_print(c, p, len);
	c->h = saved_h;
	c->ll_hdr_len = saved_ll;
	return rc;
}
