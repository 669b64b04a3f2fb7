/* print-arp.c: ARP and RARP (RFC 826, RFC 903) requests and replies. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Hardware Type         |         Protocol Type         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  HW Addr Len  | Proto Addr Len|           Operation           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | sender HW address (hln) | sender proto address (pln) |        |
 *  | target HW address (hln) | target proto address (pln) |        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#define ARPHRD_FRELAY 15
#define ARPHRD_ATM2225 19

#define ARPOP_REQUEST 1
#define ARPOP_REPLY 2
#define ARPOP_REVREQUEST 3
#define ARPOP_REVREPLY 4
#define ARPOP_INVREQUEST 8
#define ARPOP_INVREPLY 9

#define ET_IP 0x0800
#define ET_TRAIL 0x1000

static const struct pr_tok arpop_names[] = {
	{ 1, "Request" },
	{ 2, "Reply" },
	{ 3, "Reverse Request" },
	{ 4, "Reverse Reply" },
	{ 8, "Inverse Request" },
	{ 9, "Inverse Reply" },
	{ 10, "NACK Reply" },
	{ 0, NULL },
};

static const struct pr_tok arphrd_names[] = {
	{ 1, "Ethernet" },
	{ 6, "TokenRing" },
	{ 7, "ArcNet" },
	{ 15, "FrameRelay" },
	{ 23, "Strip" },
	{ 24, "IEEE 1394" },
	{ 19, "ATM" },
	{ 32, "InfiniBand" },
	{ 0, NULL },
};

struct arp {
	const uint8_t *sha, *spa, *tha, *tpa;
	unsigned hln, pln;
	uint16_t pro;
};

static int paddr_print(struct pr_ctx *c, const struct arp *a,
		       const uint8_t *pa)
{
	if (a->pro != ET_IP && a->pro != ET_TRAIL)
		pr_puts(c, "<wrong proto type>");
	else if (a->pln != 4)
		pr_puts(c, "<wrong len>");
	else
		PR_IP4(c, "", pa);
	return 0;
}

/* prefix, the hardware address, suffix: nothing when it was not captured. */
static int haddr_print(struct pr_ctx *c, const struct arp *a,
		       const uint8_t *ha, const char *prefix,
		       const char *suffix)
{
	uint8_t buf[255];

	PR_COPY(c, ha, buf, a->hln);
	pr_puts(c, prefix);
	pr_linkaddr(c, buf, a->hln);
	pr_puts(c, suffix);
	return 0;
}

int arp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint16_t hrd, op;
	uint8_t hln, pln;
	struct arp a;
	unsigned i;

	c->proto = "arp";
	PR_NEED(c, bp, 8);
	PR_BE16(c, bp, hrd);
	PR_BE16(c, bp + 2, a.pro);
	PR_U8(c, bp + 4, hln);
	PR_U8(c, bp + 5, pln);
	PR_BE16(c, bp + 6, op);
	a.hln = hln;
	a.pln = pln;
	a.sha = bp + 8;
	a.spa = a.sha + hln;
	a.tha = a.spa + pln;
	a.tpa = a.tha + hln;

	if (hrd == ARPHRD_ATM2225) {
		/*
		 * RFC 2225 ATMARP has its own layout (12 octets of fixed
		 * header, then six addresses whose lengths are in octets 4,
		 * 5, 8, 9, 10 and 11); only its capture is checked here, as
		 * tcpdump checks it before it prints anything.
		 */
		uint8_t shl, ssl, spl, thl, tsl, tpl;

		PR_NEED(c, bp, 12);
		PR_U8(c, bp + 4, shl);
		PR_U8(c, bp + 5, ssl);
		PR_U8(c, bp + 8, spl);
		PR_U8(c, bp + 9, thl);
		PR_U8(c, bp + 10, tsl);
		PR_U8(c, bp + 11, tpl);
		PR_NEED(c, bp + 12 + (shl & 0x3f) + (ssl & 0x3f) + spl +
			(thl & 0x3f) + (tsl & 0x3f), tpl);
		pr_hexascii_dump(c, "\n\t", bp, (unsigned)pr_left(c, bp));
		return 0;
	}
	PR_NEED(c, a.tpa, pln);
	if (!c->o.eflag)
		pr_puts(c, "ARP, ");
	if ((a.pro != ET_IP && a.pro != ET_TRAIL) || pln != 4 || hln == 0 ||
	    c->o.vflag) {
		pr_tok_print(c, arphrd_names, "Unknown Hardware (%u)", hrd);
		pr_printf(c, " (len %u), ", hln);
		pr_tok_print(c, ethertype_names, "Unknown Protocol (0x%04x)",
			     a.pro);
		pr_printf(c, " (len %u)", pln);
		if (!c->o.vflag)
			goto out;
	}
	pr_puts(c, c->o.vflag ? ", " : "");
	pr_tok_print(c, arpop_names, "Unknown (%u)", op);
	pr_putc(c, ' ');

	switch (op) {
	case ARPOP_REQUEST: {
		int nonzero = 0;

		pr_puts(c, "who-has ");
		if (paddr_print(c, &a, a.tpa) == PR_STOP)
			return PR_STOP;
		for (i = 0; i < hln; i++) {
			uint8_t b;

			PR_U8(c, a.tha + i, b);
			if (b) {
				nonzero = 1;
				break;
			}
		}
		if (nonzero && haddr_print(c, &a, a.tha, " (", ")") == PR_STOP)
			return PR_STOP;
		pr_puts(c, " tell ");
		if (paddr_print(c, &a, a.spa) == PR_STOP)
			return PR_STOP;
		break;
	}
	case ARPOP_REPLY:
		if (paddr_print(c, &a, a.spa) == PR_STOP)
			return PR_STOP;
		if (haddr_print(c, &a, a.sha, " is-at ", "") == PR_STOP)
			return PR_STOP;
		break;
	case ARPOP_REVREQUEST:
	case ARPOP_INVREQUEST:
		if (haddr_print(c, &a, a.tha, "who-is ", "") == PR_STOP ||
		    haddr_print(c, &a, a.sha, " tell ", "") == PR_STOP)
			return PR_STOP;
		break;
	case ARPOP_REVREPLY:
		if (haddr_print(c, &a, a.tha, "", " at ") == PR_STOP)
			return PR_STOP;
		if (paddr_print(c, &a, a.tpa) == PR_STOP)
			return PR_STOP;
		break;
	case ARPOP_INVREPLY:
		if (haddr_print(c, &a, a.sha, "", " at ") == PR_STOP)
			return PR_STOP;
		if (paddr_print(c, &a, a.spa) == PR_STOP)
			return PR_STOP;
		break;
	default:
		/* Unlike the link layers, tcpdump dumps this even with -q/-x. */
		pr_hexascii_dump(c, "\n\t", bp, (unsigned)pr_left(c, bp));
		return 0;
	}
out:
	pr_puts(c, ", length ");
	pr_uint(c, length);
	return 0;
}
