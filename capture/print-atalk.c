/* print-atalk.c: AppleTalk DDP, NBP, ATP and AARP ("Inside AppleTalk", 2nd ed.), on EtherTalk, LocalTalk and in UDP (KIP). */
/*
 * LLAP (LocalTalk, and KIP's UDP payload):  DDP, long form (13 octets):
 *  +-----+-----+------+                    +--------+--------+
 *  | dst | src | type |  1: short DDP      | hops/length     |
 *  +-----+-----+------+  2: long DDP       | checksum        |
 *                                          | dst net         |
 *  DDP, short form (5 octets):             | src net         |
 *  +-----------------+                     | dst node, src node
 *  | length          |                     | dst skt, src skt
 *  | dst skt, src skt|                     | type            |
 *  | type            |                     +-----------------+
 *  +-----------------+
 *
 *  NBP: control (function, tuple count), id, then tuples of net, node,
 *  socket, enumerator and three counted strings "object:type@zone".
 *  ATP: control (function, XO, EOM, STS), bitmap/sequence, transaction
 *  id, four octets of user data.
 *
 * Addresses print as "net.node" (or "net" for node 255): tcpdump 4.99
 * means to read /etc/atalk.names but never does (its first-use test is
 * inverted), so names never appear, with -n or without. Sockets are
 * named (rtmp, nis, echo, zip) unless -n.
 */
#include "capture/print-int.h"

#define LAP_HDRLEN 3
#define LAP_SHORTDDP 1
#define LAP_DDP 2

#define DDP_SIZE 13
#define DDP_SSIZE 5
#define DDP_NBP 2
#define DDP_ATP 3

#define ATP_SIZE 8
#define ATP_REQ 0x40
#define ATP_RSP 0x80
#define ATP_REL 0xc0
#define ATP_XO 0x20
#define ATP_EOM 0x10
#define ATP_STS 0x08

#define NBP_HDRLEN 2
#define NBP_TUPLELEN 5
#define NBP_BRRQ 0x10
#define NBP_LKUP 0x20
#define NBP_LKUPREPLY 0x30

#define AARP_SIZE 28

static const struct pr_tok ddp_type_names[] = {
	{ 1, "rtmp" }, { 5, "rtmpReq" }, { 4, "echo" }, { 22, "IP" },
	{ 23, "ARP" }, { 0x4b, "KLAP" }, { 0, NULL },
};

static const struct pr_tok socket_names[] = {
	{ 1, "rtmp" }, { 2, "nis" }, { 4, "echo" }, { 6, "zip" }, { 0, NULL },
};

static void addr_print(struct pr_ctx *c, unsigned net, unsigned node)
{
	if (node != 255)
		pr_printf(c, "%u.%u", net, node);
	else
		pr_uint(c, net);
}

static void skt_print(struct pr_ctx *c, unsigned skt)
{
	if (c->o.nflag)
		pr_uint(c, skt);
	else
		pr_tok_print(c, socket_names, "%u", skt);
}

/* ---- ATP ---- */

static void atp_bitmap_print(struct pr_ctx *c, unsigned bm)
{
	unsigned i;

	if ((bm + 1) & bm) {
		char ch = '<';

		for (i = 0; bm; ++i, bm >>= 1) {
			if (bm & 1) {
				pr_printf(c, "%c%u", ch, i);
				ch = ',';
			}
		}
		pr_putc(c, '>');
	} else {
		for (i = 0; bm; ++i)
			bm >>= 1;
		if (i > 1)
			pr_printf(c, "<0-%u>", i - 1);
		else
			pr_puts(c, "<0>");
	}
}

static int atp_print(struct pr_ctx *c, const uint8_t *ap, unsigned length)
{
	uint8_t control, bitmap;
	uint16_t tid;
	uint32_t data;

	if (!pr_has(c, ap, ATP_SIZE)) {
		pr_trunc(c);
		return 0;
	}
	if (length < ATP_SIZE) {
		pr_printf(c, " [|atp %u]", length);
		return 0;
	}
	length -= ATP_SIZE;
	PR_U8(c, ap, control);
	PR_U8(c, ap + 1, bitmap);
	PR_BE16(c, ap + 2, tid);
	switch (control & 0xc0) {
	case ATP_REQ:
		pr_printf(c, " atp-req%s %u", control & ATP_XO ? " " : "*", tid);
		atp_bitmap_print(c, bitmap);
		if (length != 0)
			pr_printf(c, " [len=%u]", length);
		switch (control & (ATP_EOM | ATP_STS)) {
		case ATP_EOM:
			pr_puts(c, " [EOM]");
			break;
		case ATP_STS:
			pr_puts(c, " [STS]");
			break;
		case ATP_EOM | ATP_STS:
			pr_puts(c, " [EOM,STS]");
			break;
		}
		break;
	case ATP_RSP:
		pr_printf(c, " atp-resp%s%u:%u (%u)",
			  control & ATP_EOM ? "*" : " ", tid, bitmap, length);
		switch (control & (ATP_XO | ATP_STS)) {
		case ATP_XO:
			pr_puts(c, " [XO]");
			break;
		case ATP_STS:
			pr_puts(c, " [STS]");
			break;
		case ATP_XO | ATP_STS:
			pr_puts(c, " [XO,STS]");
			break;
		}
		break;
	case ATP_REL:
		pr_printf(c, " atp-rel  %u", tid);
		atp_bitmap_print(c, bitmap);
		if (length)
			pr_printf(c, " [len=%u]", length);
		if (control & (ATP_XO | ATP_EOM | ATP_STS)) {
			char ch = '[';

			if (control & ATP_XO) {
				pr_printf(c, "%cXO", ch);
				ch = ',';
			}
			if (control & ATP_EOM) {
				pr_printf(c, "%cEOM", ch);
				ch = ',';
			}
			if (control & ATP_STS)
				pr_printf(c, "%cSTS", ch);
			pr_putc(c, ']');
		}
		break;
	default:
		pr_printf(c, " atp-0x%x  %u (%u)", control, tid, length);
		break;
	}
	PR_BE32(c, ap + 4, data);
	if (data != 0)
		pr_printf(c, " 0x%x", data);
	return 0;
}

/* ---- NBP ---- */

/* A counted string; NULL after a marker (cut short, or too long). */
static const uint8_t *cstring_print(struct pr_ctx *c, const uint8_t *cp)
{
	uint8_t len, ch;

	if (!pk_u8(&c->pk, cp, &len)) {
		pr_trunc(c);
		return NULL;
	}
	cp++;
	if (len > 32) {
		pr_printf(c, "[len=%u]", len);
		return NULL;
	}
	while (len != 0) {
		if (!pk_u8(&c->pk, cp, &ch)) {
			pr_trunc(c);
			return NULL;
		}
		pr_char(c, ch);
		cp++;
		len--;
	}
	return cp;
}

/* " \"object:type@zone\"" of the tuple at tp; the next tuple or NULL. */
static const uint8_t *nbp_name_print(struct pr_ctx *c, const uint8_t *tp)
{
	const uint8_t *cp = tp + NBP_TUPLELEN;

	pr_puts(c, " \"");
	if ((cp = cstring_print(c, cp)) != NULL) {
		pr_putc(c, ':');
		if ((cp = cstring_print(c, cp)) != NULL) {
			pr_putc(c, '@');
			if ((cp = cstring_print(c, cp)) != NULL)
				pr_putc(c, '"');
		}
	}
	return cp;
}

struct nbp_src {
	unsigned net, node, skt;
};

static int nbp_tuple_print(struct pr_ctx *c, const uint8_t *tp,
			   const struct nbp_src *s, const uint8_t **next)
{
	uint8_t node, skt, en;
	uint16_t net;

	*next = NULL;
	if (!pr_has(c, tp, NBP_TUPLELEN)) {
		pr_trunc(c);
		return 0;
	}
	*next = nbp_name_print(c, tp);
	PR_U8(c, tp + 4, en);
	if (en != 1)
		pr_printf(c, "(%u)", en);
	PR_U8(c, tp + 3, skt);
	if (skt != s->skt)
		pr_printf(c, " %u", skt);
	PR_BE16(c, tp, net);
	PR_U8(c, tp + 2, node);
	if (net != s->net || node != s->node) {
		pr_puts(c, " [addr=");
		addr_print(c, net, node);
		pr_putc(c, ']');
	}
	return 0;
}

static int nbp_print(struct pr_ctx *c, const uint8_t *np, unsigned length,
		     const struct nbp_src *s)
{
	const uint8_t *tp = np + NBP_HDRLEN;
	uint8_t control, id, en, node, skt;
	uint16_t net;
	unsigned i;

	if (length < NBP_HDRLEN) {
		pr_printf(c, " truncated-nbp %u", length);
		return 0;
	}
	length -= NBP_HDRLEN;
	if (length < 8) {
		pr_printf(c, " truncated-nbp %u", length + NBP_HDRLEN);
		return 0;
	}
	if (!pr_has(c, tp, 0)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, np, control);
	switch (i = control & 0xf0) {
	case NBP_BRRQ:
	case NBP_LKUP:
		PR_U8(c, np + 1, id);
		pr_printf(c, i == NBP_LKUP ? " nbp-lkup %u:" : " nbp-brRq %u:",
			  id);
		if (!pr_has(c, tp, NBP_TUPLELEN)) {
			pr_trunc(c);
			return 0;
		}
		(void)nbp_name_print(c, tp);
		/* only one tuple, the source's address, enumerator 0 */
		if ((control & 0xf) != 1)
			pr_printf(c, " [ntup=%u]", control & 0xf);
		PR_U8(c, tp + 4, en);
		if (en)
			pr_printf(c, " [enum=%u]", en);
		PR_BE16(c, tp, net);
		PR_U8(c, tp + 2, node);
		PR_U8(c, tp + 3, skt);
		if (net != s->net || node != s->node || skt != s->skt) {
			pr_puts(c, " [addr=");
			addr_print(c, net, node);
			pr_printf(c, ".%u]", skt);
		}
		break;
	case NBP_LKUPREPLY:
		PR_U8(c, np + 1, id);
		pr_printf(c, " nbp-reply %u:", id);
		for (i = control & 0xf; i != 0 && tp; i--)
			if (nbp_tuple_print(c, tp, s, &tp) == PR_STOP)
				return PR_STOP;
		break;
	default:
		PR_U8(c, np + 1, id);
		pr_printf(c, " nbp-0x%x  %u (%u)", control, id, length);
		break;
	}
	return 0;
}

/* ---- DDP ---- */

static int ddp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length,
		     unsigned type, const struct nbp_src *s)
{
	switch (type) {
	case DDP_NBP:
		return nbp_print(c, bp, length, s);
	case DDP_ATP:
		return atp_print(c, bp, length);
	default:
		/* EIGRP over DDP (88) is not decoded here. */
		pr_putc(c, ' ');
		pr_puts(c, "at-");
		pr_tok_print(c, ddp_type_names, "#%d", type);
		pr_printf(c, " %u", length);
		return 0;
	}
}

/* The long DDP header's "src.skt > dst.skt:"; its source for NBP. */
static int ddp_ends_print(struct pr_ctx *c, const uint8_t *dp,
			  struct nbp_src *s)
{
	uint16_t snet, dnet;
	uint8_t dnode, snode, dskt, sskt;

	PR_BE16(c, dp + 4, dnet);
	PR_BE16(c, dp + 6, snet);
	PR_U8(c, dp + 8, dnode);
	PR_U8(c, dp + 9, snode);
	PR_U8(c, dp + 10, dskt);
	PR_U8(c, dp + 11, sskt);
	addr_print(c, snet, snode);
	pr_putc(c, '.');
	skt_print(c, sskt);
	pr_puts(c, " > ");
	addr_print(c, dnet, dnode);
	pr_putc(c, '.');
	skt_print(c, dskt);
	pr_putc(c, ':');
	s->net = snet;
	s->node = snode;
	s->skt = sskt;
	return 0;
}

int atalk_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	struct nbp_src s;
	uint8_t type;

	c->proto = "atalk";
	if (!c->o.eflag)
		pr_puts(c, "AT ");
	if (length < DDP_SIZE) {
		pr_printf(c, " [|ddp %u]", length);
		return 0;
	}
	if (!pr_has(c, bp, DDP_SIZE)) {
		pr_puts(c, " [|ddp]");
		return 0;
	}
	if (ddp_ends_print(c, bp, &s) == PR_STOP)
		return PR_STOP;
	pr_putc(c, ' ');
	PR_U8(c, bp + 12, type);
	return ddp_print(c, bp + DDP_SIZE, length - DDP_SIZE, type, &s);
}

/* EtherTalk (and ARCNET): -v marks it "et1", as tcpdump does. */
int atalk_et1_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	if (c->o.vflag)
		pr_puts(c, "et1 ");
	return atalk_print(c, bp, length);
}

/*
 * An LLAP frame; *hdrlen the length of its headers, 0 when they were
 * cut short by the capture (tcpdump's llap_print).
 */
static int llap_frame_print(struct pr_ctx *c, const uint8_t *bp,
			    unsigned length, unsigned *hdrlen)
{
	struct nbp_src s;
	uint8_t dst, src, type, sskt, dskt, t;

	c->proto = "llap";
	*hdrlen = length;
	if (length < LAP_HDRLEN) {
		pr_printf(c, " [|llap %u]", length);
		return 0;
	}
	*hdrlen = 0;
	if (!pr_has(c, bp, LAP_HDRLEN)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, bp, dst);
	PR_U8(c, bp + 1, src);
	PR_U8(c, bp + 2, type);
	bp += LAP_HDRLEN;
	length -= LAP_HDRLEN;
	switch (type) {
	case LAP_SHORTDDP:
		if (length < DDP_SSIZE) {
			pr_printf(c, " [|sddp %u]", length);
			*hdrlen = length;
			return 0;
		}
		if (!pr_has(c, bp, DDP_SSIZE)) {
			pr_puts(c, " [|sddp]");
			return 0;
		}
		PR_U8(c, bp + 2, dskt);
		PR_U8(c, bp + 3, sskt);
		PR_U8(c, bp + 4, t);
		addr_print(c, 0, src);
		pr_putc(c, '.');
		skt_print(c, sskt);
		pr_puts(c, " > ");
		addr_print(c, 0, dst);
		pr_putc(c, '.');
		skt_print(c, dskt);
		pr_putc(c, ':');
		*hdrlen = LAP_HDRLEN + DDP_SSIZE;
		s.net = 0;
		s.node = src;
		s.skt = sskt;
		return ddp_print(c, bp + DDP_SSIZE, length - DDP_SSIZE, t, &s);
	case LAP_DDP:
		if (length < DDP_SIZE) {
			pr_printf(c, " [|ddp %u]", length);
			*hdrlen = length;
			return 0;
		}
		if (!pr_has(c, bp, DDP_SIZE)) {
			pr_puts(c, " [|ddp]");
			return 0;
		}
		if (ddp_ends_print(c, bp, &s) == PR_STOP)
			return PR_STOP;
		PR_U8(c, bp + 12, t);
		*hdrlen = LAP_HDRLEN + DDP_SIZE;
		return ddp_print(c, bp + DDP_SIZE, length - DDP_SIZE, t, &s);
	default:
		pr_printf(c, "%u > %u at-lap#%u %u", src, dst, type, length);
		*hdrlen = LAP_HDRLEN;
		return 0;
	}
}

/* KIP: LLAP in UDP on the AppleTalk ports; 1 when it is not LLAP DDP. */
int kip_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	unsigned hdrlen;
	uint8_t type;

	if (!pk_u8(&c->pk, bp + 2, &type) || type != LAP_DDP)
		return 1;
	if (c->o.vflag)
		pr_puts(c, "kip ");
	return llap_frame_print(c, bp, length, &hdrlen);
}

/* DLT_LTALK: LocalTalk frames. */
int ltalk_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	unsigned hdrlen;
	int rc;

	c->proto = "ltalk";
	rc = llap_frame_print(c, bp, length, &hdrlen);
	c->ll_hdr_len = hdrlen ? hdrlen : c->h->caplen;
	return rc;
}

/* ---- AARP ---- */

static void aarp_addr_print(struct pr_ctx *c, const uint8_t *pa)
{
	addr_print(c, (unsigned)pa[1] << 8 | pa[2], pa[3]);
}

int aarp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *ap;
	uint16_t htype, ptype, op;
	uint8_t halen, palen;

	c->proto = "aarp";
	pr_puts(c, "aarp ");
	ap = pk_span(&c->pk, bp, AARP_SIZE);
	if (!ap) {
		pr_trunc(c);
		return 0;
	}
	if (length < AARP_SIZE) {
		pr_printf(c, " [|aarp %u]", length);
		return 0;
	}
	htype = (uint16_t)(ap[0] << 8 | ap[1]);
	ptype = (uint16_t)(ap[2] << 8 | ap[3]);
	halen = ap[4];
	palen = ap[5];
	op = (uint16_t)(ap[6] << 8 | ap[7]);
	if (htype == 1 && ptype == 0x809b && halen == 6 && palen == 4) {
		switch (op) {
		case 1:
			pr_puts(c, "who-has ");
			aarp_addr_print(c, ap + 24);
			pr_puts(c, " tell ");
			aarp_addr_print(c, ap + 14);
			return 0;
		case 2:
			pr_puts(c, "reply ");
			aarp_addr_print(c, ap + 14);
			pr_puts(c, " is-at ");
			pr_mac(c, ap + 8);
			return 0;
		case 3:
			pr_puts(c, "probe ");
			aarp_addr_print(c, ap + 24);
			pr_puts(c, " tell ");
			aarp_addr_print(c, ap + 14);
			return 0;
		}
	}
	pr_printf(c, "len %u op %u htype %u ptype %#x halen %u palen %u",
		  length, op, htype, ptype, halen, palen);
	return 0;
}
