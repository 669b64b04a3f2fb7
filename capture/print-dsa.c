/* print-dsa.c: Marvell switch tags, DSA and EDSA (DLT_DSA_TAG_DSA, DLT_DSA_TAG_EDSA), between the Ethernet addresses and the type. */
/*
 * The DSA tag, 4 octets (Linux net/dsa/tag_dsa.c documents it; no RFC):
 *
 *     7   6   5   4   3   2   1   0
 *  +0 | Mode  |b29|  source/target device   |
 *  +1 | source/target port  |b18|b17|b16|
 *  +2 |  priority |b12|  VID (high 4)  |
 *  +3 |          VID (low 8)          |
 *
 * Mode: 0 To_CPU, 1 From_CPU, 2 To_Sniffer, 3 Forward. b29: the frame was
 * tagged; b18: Forward's source is a trunk, To_Sniffer's Rx sniff, and
 * with b17 and b12 To_CPU's code; b16: the original frame's CFI.
 *
 * EDSA puts an ethertype and two reserved octets before the same tag,
 * 8 octets in all.
 */
#include "capture/print-int.h"

#define DSA_LEN 4
#define EDSA_LEN 8

#define MODE_TO_CPU 0
#define MODE_FROM_CPU 1
#define MODE_TO_SNIFFER 2
#define MODE_FORWARD 3

static const struct pr_tok mode_names[] = {
	{ MODE_TO_CPU, "To CPU" },
	{ MODE_FROM_CPU, "From CPU" },
	{ MODE_TO_SNIFFER, "To Sniffer" },
	{ MODE_FORWARD, "Forward" },
	{ 0, NULL },
};

static const struct pr_tok code_names[] = {
	{ 0, "BPDU (MGMT) Trap" },
	{ 1, "Frame2Reg" },
	{ 2, "IGMP/MLD Trap" },
	{ 3, "Policy Trap" },
	{ 4, "ARP Mirror" },
	{ 5, "Policy Mirror" },
	{ 0, NULL },
};

static int tag_common_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t t[4];
	unsigned mode, dev, port, trunk, vid;

	PR_COPY(c, p, t, 4);
	mode = t[0] >> 6;
	dev = t[0] & 0x1f;
	port = t[1] >> 3;
	trunk = (t[1] >> 2) & 1; /* also To_Sniffer's Rx sniff */
	vid = (unsigned)(t[2] & 0x0f) << 8 | t[3];
	if (!c->o.eflag) {
		switch (mode) {
		case MODE_FORWARD:
			pr_printf(c, "Forward %s %u.%u, ",
				  trunk ? "trunk" : "port", dev, port);
			break;
		case MODE_FROM_CPU:
			pr_printf(c, "CPU > port %u.%u, ", dev, port);
			break;
		case MODE_TO_CPU:
			pr_printf(c, "port %u.%u > CPU, ", dev, port);
			break;
		case MODE_TO_SNIFFER:
			pr_printf(c, "port %u.%u > %s Sniffer, ", dev, port,
				  trunk ? "Rx" : "Tx");
			break;
		}
		pr_printf(c, "VLAN %u%c, ", vid, t[0] & 0x20 ? 't' : 'u');
		return 0;
	}
	pr_puts(c, "mode ");
	pr_tok_print(c, mode_names, "unknown", mode);
	pr_puts(c, ", ");
	switch (mode) {
	case MODE_FORWARD:
		pr_printf(c, "dev %u, %s %u, ", dev, trunk ? "trunk" : "port",
			  port);
		break;
	case MODE_FROM_CPU:
		pr_printf(c, "target dev %u, port %u, ", dev, port);
		break;
	case MODE_TO_CPU:
		pr_printf(c, "source dev %u, port %u, code ", dev, port);
		pr_tok_print(c, code_names, "reserved",
			     ((t[1] & 0x06) >> 1) << 1 | (t[2] & 0x10) >> 4);
		pr_puts(c, ", ");
		break;
	case MODE_TO_SNIFFER:
		pr_printf(c, "source dev %u, port %u, %s sniff, ", dev, port,
			  trunk ? "ingress" : "egress");
		break;
	}
	pr_puts(c, t[0] & 0x20 ? "tagged, " : "untagged, ");
	if (t[1] & 0x01)
		pr_puts(c, "CFI, ");
	pr_printf(c, "VID %u, FPri %u, ", vid, t[2] >> 5);
	return 0;
}

static int dsa_tag_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	(void)len;
	pr_puts(c, c->o.eflag ? "Marvell DSA " : "DSA ");
	return tag_common_print(c, p);
}

static int edsa_tag_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint16_t et;
	uint8_t r0, r1;
	const char *s;

	(void)len;
	PR_BE16(c, p, et);
	if (c->o.eflag) {
		s = pr_tok(ethertype_names, et);
		PR_U8(c, p + 2, r0);
		PR_U8(c, p + 3, r1);
		pr_printf(c, "Marvell EDSA ethertype 0x%04x (%s), rsvd %u %u, ",
			  et, s ? s : "Unknown", r0, r1);
	} else {
		pr_printf(c, "EDSA 0x%04x, ", et);
	}
	return tag_common_print(c, p + 4);
}

int dsa_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	c->proto = "dsa";
	return ether_switch_print(c, p, length, c->h->caplen, dsa_tag_print,
				  DSA_LEN);
}

int edsa_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	c->proto = "edsa";
	return ether_switch_print(c, p, length, c->h->caplen, edsa_tag_print,
				  EDSA_LEN);
}
