/* print-sll.c: Linux "cooked" capture headers, LINUX_SLL (v1) and LINUX_SLL2 (v2). */
/*
 * LINUX_SLL, 16 octets:             LINUX_SLL2, 20 octets:
 *  +---------------------------+     +---------------------------+
 *  | packet type (2)           |     | protocol type (2)         |
 *  | ARPHRD_ type (2)          |     | reserved (2)              |
 *  | link-layer address len (2)|     | interface index (4)       |
 *  | link-layer address (8)    |     | ARPHRD_ type (2)          |
 *  | protocol type (2)         |     | packet type (1)           |
 *  +---------------------------+     | link-layer address len (1)|
 *                                    | link-layer address (8)    |
 *                                    +---------------------------+
 * Everything in network byte order (the pcap-linktype definitions).
 */
#include "capture/print-int.h"

#include <net/if.h>
#include <stdio.h>

#define SLL_HDR_LEN 16
#define SLL2_HDR_LEN 20
#define MAX_ETHERNET_LENGTH_VAL 1500
#define LINUX_SLL_P_802_3 0x0001
#define LINUX_SLL_P_802_2 0x0004
#define ET_8021Q 0x8100

static const struct pr_tok pkttype_names[] = {
	{ 0, "In" },
	{ 1, "B" },
	{ 2, "M" },
	{ 3, "P" },
	{ 4, "Out" },
	{ 0, NULL },
};

/* The -e part: "In 00:11:22:33:44:55 ethertype IPv4 (0x0800), length N: ". */
static void type_length_print(struct pr_ctx *c, unsigned type, unsigned length)
{
	if (c->o.qflag)
		return;
	if (type <= MAX_ETHERNET_LENGTH_VAL) {
		if (type == LINUX_SLL_P_802_3)
			pr_puts(c, "802.3");
		else if (type == LINUX_SLL_P_802_2)
			pr_puts(c, "802.2");
		else
			pr_printf(c, "ethertype Unknown (0x%04x)", type);
	} else {
		const char *s = pr_tok(ethertype_names, type);

		pr_printf(c, "ethertype %s (0x%04x)", s ? s : "Unknown", type);
	}
	pr_printf(c, ", length %u: ", length);
}

static int sll_hdr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint16_t pkttype, halen, type;
	const char *s;

	c->proto = "sll";
	PR_BE16(c, p, pkttype);
	s = pr_tok(pkttype_names, pkttype);
	pr_printf(c, "%3s ", s ? s : "?");
	PR_BE16(c, p + 4, halen);
	if (halen == 6) {
		PR_MAC(c, "", p + 6);
		pr_putc(c, ' ');
	}
	PR_BE16(c, p + 14, type);
	type_length_print(c, type, length);
	return 0;
}

static int sll2_hdr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint32_t ifindex;
	uint8_t halen;
	uint16_t type;

	c->proto = "sll2";
	PR_BE32(c, p + 4, ifindex);
	pr_printf(c, "ifindex %u ", ifindex);
	PR_U8(c, p + 11, halen);
	if (halen == 6) {
		PR_MAC(c, "", p + 12);
		pr_putc(c, ' ');
	}
	PR_BE16(c, p, type);
	type_length_print(c, type, length);
	return 0;
}

/* What follows the cooked header, from its protocol type on (both versions). */
static int payload_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
			 unsigned caplen, unsigned hdrlen, unsigned type,
			 const uint8_t *hdr, int v2)
{
	int rc = 0;

	for (;;) {
		if (type == LINUX_SLL_P_802_2) {
			unsigned llc_len = 0;

			c->ll_hdr_len = hdrlen;
			rc = llc_print(c, p, length, caplen, NULL, NULL, &llc_len);
			if (rc == PR_STOP)
				return PR_STOP;
			/* unlike Ethernet, tcpdump's -x then starts at the LLC header */
			if (rc == 1)
				pr_default(c, p, caplen);
			else
				c->ll_hdr_len = hdrlen + llc_len;
			return 0;
		}
		if (type <= MAX_ETHERNET_LENGTH_VAL) {
			if (type == LINUX_SLL_P_802_3) /* Novell's raw 802.3 */
				return ipx_print(c, p, length);
			pr_default(c, p, caplen);
			break;
		}
		if (type == ET_8021Q) {
			uint16_t tci;

			if (caplen < 4) {
				c->proto = "vlan";
				pr_trunc(c);
				c->ll_hdr_len = hdrlen + caplen;
				return 0;
			}
			if (c->o.eflag) {
				PR_BE16(c, p, tci);
				pr_printf(c, "vlan %u, p %u%s, ", tci & 0xfff,
					  tci >> 13, tci & 0x1000 ? ", DEI" : "");
			}
			{
				uint16_t t;

				PR_BE16(c, p + 2, t);
				type = t;
			}
			if (type <= MAX_ETHERNET_LENGTH_VAL)
				type = LINUX_SLL_P_802_2;
			if (!c->o.qflag) {
				const char *s = pr_tok(ethertype_names, type);

				pr_printf(c, "ethertype %s, ", s ? s : "Unknown");
			}
			p += 4;
			length -= 4;
			caplen -= 4;
			hdrlen += 4;
			continue;
		}
		c->ll_hdr_len = hdrlen;
		if (!ethertype_dispatch(c, type, p, length, &rc)) {
			ethertype_generic(c, type);
			if (!c->o.eflag) {
				if (v2)
					rc = sll2_hdr_print(c, hdr,
							    length + SLL2_HDR_LEN);
				else
					rc = sll_hdr_print(c, hdr,
							   length + SLL_HDR_LEN);
				if (rc == PR_STOP)
					return PR_STOP;
			}
			pr_default(c, p, caplen);
		}
		return rc;
	}
	c->ll_hdr_len = hdrlen;
	return rc;
}

int sll_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;
	uint16_t hatype, type;

	c->proto = "sll";
	PR_NEED(c, p, SLL_HDR_LEN);
	if (c->o.eflag && sll_hdr_print(c, p, length) == PR_STOP)
		return PR_STOP;
	PR_BE16(c, p + 2, hatype);
	if (hatype == 803) {
		/* Radiotap-encapsulated 802.11 is not decoded here. */
		c->ll_hdr_len = SLL_HDR_LEN;
		pr_default(c, p + SLL_HDR_LEN, caplen - SLL_HDR_LEN);
		return 0;
	}
	PR_BE16(c, p + 14, type);
	return payload_print(c, p + SLL_HDR_LEN, length - SLL_HDR_LEN,
			     caplen - SLL_HDR_LEN, SLL_HDR_LEN, type, p, 0);
}

/* tcpdump names the interface as the reading machine knows its index. */
static const char *ifname(struct pr_ctx *c, uint32_t index)
{
	char buf[IF_NAMESIZE];
	int i;

	for (i = 0; i < c->nifcache; i++)
		if (c->ifcache[i].index == index)
			return c->ifcache[i].name;
	i = c->nifcache < PR_IFCACHE ? c->nifcache++ : (int)(index % PR_IFCACHE);
	c->ifcache[i].index = index;
	if (if_indextoname(index, buf))
		snprintf(c->ifcache[i].name, sizeof(c->ifcache[i].name), "%s",
			 buf);
	else
		snprintf(c->ifcache[i].name, sizeof(c->ifcache[i].name), "?");
	return c->ifcache[i].name;
}

int sll2_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;
	uint16_t hatype, type;
	uint32_t index;
	uint8_t pkttype;
	const char *s;

	c->proto = "sll2";
	PR_NEED(c, p, SLL2_HDR_LEN);
	PR_BE32(c, p + 4, index);
	pr_printf(c, "%-5s ", ifname(c, index));
	PR_U8(c, p + 10, pkttype);
	s = pr_tok(pkttype_names, pkttype);
	pr_printf(c, "%-3s ", s ? s : "?");
	if (c->o.eflag && sll2_hdr_print(c, p, length) == PR_STOP)
		return PR_STOP;
	PR_BE16(c, p + 8, hatype);
	if (hatype == 803) {
		c->ll_hdr_len = SLL2_HDR_LEN;
		pr_default(c, p + SLL2_HDR_LEN, caplen - SLL2_HDR_LEN);
		return 0;
	}
	PR_BE16(c, p, type);
	return payload_print(c, p + SLL2_HDR_LEN, length - SLL2_HDR_LEN,
			     caplen - SLL2_HDR_LEN, SLL2_HDR_LEN, type, p, 1);
}
