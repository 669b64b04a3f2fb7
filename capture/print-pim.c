/* print-pim.c: PIM version 2 (RFC 7761, 5059 bootstrap, 5015 DF election) on IP protocol 103, PIM version 1 inside IGMP, and Cisco auto-RP. */
/*
 * PIMv2 header, then the message of its type:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |PIM Ver| Type  |Subtype|AddrLen|           Checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Encoded addresses (AddrLen 0; otherwise RFC 2117's bare addresses of
 * AddrLen bytes, and a group's or source's flags and mask before them):
 *  unicast:  | Addr Family | Encoding Type | Address ...
 *  group:    | Addr Family | Encoding Type | B|Z|rsvd |Mask Len| Group ...
 *  source:   | Addr Family | Encoding Type | rsvd|S|W|R |Mask Len| Source ...
 *
 * Hello options are type (16 bits), length (16 bits), value.
 *
 * PIMv1 (IGMP type 0x14): | 0x14 | Code | Checksum | Version(4) | ...
 */
#include "capture/print-int.h"

/* pim_addr_print's answer for a field cut short by the PIM length. */
#define PIM_SHORT (-1)

enum pim_addrtype { PIM_UNICAST, PIM_GROUP, PIM_SOURCE };

static const struct pr_tok v1_type_names[] = {
	{ 0, "Query" },	       { 1, "Register" },     { 2, "Register-Stop" },
	{ 3, "Join/Prune" },   { 4, "RP-reachable" }, { 5, "Assert" },
	{ 6, "Graft" },	       { 7, "Graft-ACK" },    { 0, NULL },
};

static const struct pr_tok v2_type_names[] = {
	{ 0, "Hello" },
	{ 1, "Register" },
	{ 2, "Register Stop" },
	{ 3, "Join / Prune" },
	{ 4, "Bootstrap" },
	{ 5, "Assert" },
	{ 6, "Graft" },
	{ 7, "Graft Acknowledgement" },
	{ 8, "Candidate RP Advertisement" },
	{ 9, "Prune Refresh" },
	{ 10, "DF Election" },
	{ 11, "ECMP Redirect" },
	{ 0, NULL },
};

static const struct pr_tok hello_opt_names[] = {
	{ 1, "Hold Time" },
	{ 2, "LAN Prune Delay" },
	{ 18, "DR Priority (Old)" },
	{ 19, "DR Priority" },
	{ 20, "Generation ID" },
	{ 21, "State Refresh Capability" },
	{ 22, "Bi-Directional Capability" },
	{ 24, "Address List" },
	{ 65001, "Address List (Old)" },
	{ 0, NULL },
};

static const struct pr_tok register_flag_names[] = {
	{ 0x80000000u, "Border" },
	{ 0x40000000u, "Null" },
	{ 0, NULL },
};

static const struct pr_tok df_names[] = {
	{ 1, "Offer" },
	{ 2, "Winner" },
	{ 3, "Backoff" },
	{ 4, "Pass" },
	{ 0, NULL },
};

/* ---- PIMv1 ---- */

static int v1_join_prune_print(struct pr_ctx *c, const uint8_t *bp,
			       unsigned len)
{
	unsigned ngroups, njoin, nprune, njp;
	uint8_t b11, b24, b25, b;
	uint16_t v, v2;
	uint32_t mask;

	/* A single group with a single source prints on one line. */
	if (pr_has(c, bp, 30)) {
		PR_U8(c, bp + 11, b11);
		PR_BE16(c, bp + 20, v);
		PR_BE16(c, bp + 22, v2);
	}
	if (pr_has(c, bp, 30) && b11 == 1 && v + v2 == 1) {
		njoin = v;
		PR_IP4(c, " RPF ", bp);
		pr_putc(c, ' ');
		PR_BE16(c, bp + 6, v);
		if (v != 180) {
			pr_puts(c, "Hold ");
			pr_relts(c, v);
		}
		PR_U8(c, bp + 25, b25);
		PR_U8(c, bp + 24, b24);
		PR_NEED(c, bp + 12, 4);
		pr_puts(c, njoin ? "Join" : "Prune");
		PR_IP4(c, " (", bp + 26);
		pr_printf(c, "/%u, ", b25 & 0x3f);
		PR_IP4(c, "", bp + 12);
		PR_BE32(c, bp + 16, mask);
		if (mask != 0xffffffffu)
			PR_IP4(c, "/", bp + 16);
		pr_printf(c, ") %s%s %s", (b24 & 1) ? "Sparse" : "Dense",
			  (b25 & 0x80) ? " WC" : "",
			  (b25 & 0x40) ? "RP" : "SPT");
		return 0;
	}
	if (len < 4)
		goto trunc;
	if (c->o.vflag > 1)
		pr_putc(c, '\n');
	PR_IP4(c, " Upstream Nbr: ", bp);
	bp += 4;
	len -= 4;
	if (len < 4)
		goto trunc;
	if (c->o.vflag > 1)
		pr_putc(c, '\n');
	pr_puts(c, " Hold time: ");
	PR_BE16(c, bp + 2, v);
	pr_relts(c, v);
	if (c->o.vflag < 2)
		return 0;
	bp += 4;
	len -= 4;
	if (len < 4)
		goto trunc;
	PR_U8(c, bp + 3, b);
	ngroups = b;
	bp += 4;
	len -= 4;
	while (ngroups != 0) {
		if (len < 4)
			goto trunc;
		PR_IP4(c, "\n\tGroup: ", bp);
		bp += 4;
		len -= 4;
		if (len < 4)
			goto trunc;
		PR_BE32(c, bp, mask);
		if (mask != 0xffffffffu)
			PR_IP4(c, "/", bp);
		bp += 4;
		len -= 4;
		if (len < 4)
			goto trunc;
		PR_BE16(c, bp, v);
		PR_BE16(c, bp + 2, v2);
		njoin = v;
		nprune = v2;
		pr_printf(c, " joined: %u pruned: %u", njoin, nprune);
		bp += 4;
		len -= 4;
		for (njp = 0; njp < njoin + nprune; njp++) {
			uint8_t f0, f1;

			if (len < 6)
				goto trunc;
			PR_U8(c, bp, f0);
			PR_U8(c, bp + 1, f1);
			PR_NEED(c, bp + 2, 4);
			pr_printf(c, "\n\t%s %s%s%s", njp < njoin ? "Join " : "Prune",
				  (f0 & 1) ? "Sparse " : "Dense ",
				  (f1 & 0x80) ? "WC " : "",
				  (f1 & 0x40) ? "RP " : "SPT ");
			PR_IP4(c, "", bp + 2);
			pr_printf(c, "/%u", f1 & 0x3f);
			bp += 6;
			len -= 6;
		}
		ngroups--;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

int pimv1_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t type, b, b4;
	uint16_t v;
	uint32_t w, w2;
	int rc;

	c->proto = "pimv1";
	PR_U8(c, bp + 1, type);
	pr_putc(c, ' ');
	pr_tok_print(c, v1_type_names, "[type %u]", type);
	switch (type) {
	case 0:
		if (pr_has(c, bp + 8, 1)) {
			PR_U8(c, bp + 8, b);
			switch (b >> 4) {
			case 0:
				pr_puts(c, " Dense-mode");
				break;
			case 1:
				pr_puts(c, " Sparse-mode");
				break;
			case 2:
				pr_puts(c, " Sparse-Dense-mode");
				break;
			default:
				pr_printf(c, " mode-%u", b >> 4);
				break;
			}
		}
		if (c->o.vflag) {
			pr_puts(c, " (Hold-time ");
			PR_BE16(c, bp + 10, v);
			pr_relts(c, v);
			pr_putc(c, ')');
		}
		break;
	case 1:
		PR_NEED(c, bp + 8, 20);
		PR_NEED(c, bp + 20, 8);
		PR_IP4(c, " for ", bp + 20);
		PR_IP4(c, " > ", bp + 24);
		break;
	case 2:
		PR_NEED(c, bp + 8, 8);
		PR_IP4(c, " for ", bp + 8);
		PR_IP4(c, " > ", bp + 12);
		break;
	case 4:
		if (c->o.vflag) {
			PR_IP4(c, " group ", bp + 8);
			PR_BE32(c, bp + 12, w);
			if (w != 0xffffffffu)
				PR_IP4(c, "/", bp + 12);
			PR_IP4(c, " RP ", bp + 16);
			pr_puts(c, " hold ");
			PR_BE16(c, bp + 22, v);
			pr_relts(c, v);
		}
		break;
	case 5:
		PR_NEED(c, bp + 16, 4);
		PR_NEED(c, bp + 8, 4);
		PR_IP4(c, " for ", bp + 16);
		PR_IP4(c, " > ", bp + 8);
		PR_BE32(c, bp + 12, w);
		if (w != 0xffffffffu)
			PR_IP4(c, "/", bp + 12);
		PR_BE32(c, bp + 20, w);
		PR_BE32(c, bp + 24, w2);
		pr_printf(c, " %s pref %u metric %u",
			  (w & 0x80000000u) ? "RP-tree" : "SPT",
			  w & 0x7fffffffu, w2);
		break;
	case 3:
	case 6:
	case 7:
		if (c->o.vflag) {
			if (len < 8) {
				pr_trunc(c);
				return 0;
			}
			rc = v1_join_prune_print(c, bp + 8, len - 8);
			if (rc == PR_STOP)
				return rc;
		}
		break;
	default:
		break;
	}
	PR_U8(c, bp + 4, b4);
	if ((b4 >> 4) != 1)
		pr_printf(c, " [v%u]", b4 >> 4);
	return 0;
}

/* ---- Cisco auto-RP (UDP 496) ---- */

int autorp_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t type, numrps, b, nentries;
	uint16_t hold;

	c->proto = "cisco_autorp";
	if (len < 8)
		goto trunc;
	pr_puts(c, " auto-rp ");
	PR_U8(c, bp, type);
	if (type == 0x11)
		pr_puts(c, "candidate-advert");
	else if (type == 0x12)
		pr_puts(c, "mapping");
	else
		pr_printf(c, "type-0x%02x", type);
	PR_U8(c, bp + 1, numrps);
	pr_puts(c, " Hold ");
	PR_BE16(c, bp + 2, hold);
	if (hold)
		pr_relts(c, hold);
	else
		pr_puts(c, "FOREVER");
	bp += 8;
	len -= 8;
	while (numrps != 0) {
		static const char *const vers[] = { " PIMv?", " PIMv1",
						    " PIMv2", " PIMv1+2" };
		char sep = ' ';

		if (len < 4)
			goto trunc;
		PR_IP4(c, " RP ", bp);
		bp += 4;
		len -= 4;
		if (len < 1)
			goto trunc;
		PR_U8(c, bp, b);
		pr_puts(c, vers[b & 3]);
		if (b & 0xfc)
			pr_printf(c, " [rsvd=0x%02x]", b & 0xfc);
		bp++;
		len--;
		if (len < 1)
			goto trunc;
		PR_U8(c, bp, nentries);
		bp++;
		len--;
		while (nentries != 0) {
			uint8_t f, mlen;

			if (len < 6)
				goto trunc;
			PR_U8(c, bp, f);
			PR_U8(c, bp + 1, mlen);
			PR_NEED(c, bp + 2, 4);
			pr_putc(c, sep);
			if (f & 1)
				pr_putc(c, '!');
			PR_IP4(c, "", bp + 2);
			pr_printf(c, "/%u", mlen);
			if (f & 0x02)
				pr_puts(c, " bidir");
			if (f & 0xfc)
				pr_printf(c, "[rsvd=0x%02x]", f & 0xfc);
			sep = ',';
			bp += 6;
			len -= 6;
			nentries--;
		}
		numrps--;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

/* ---- PIMv2 ---- */

/*
 * An encoded address of kind at (addr_len 0) or a bare one of addr_len
 * bytes: the bytes it took, PIM_SHORT when len or the capture ends
 * first or the family is unknown, PR_STOP.
 */
static int addr_print(struct pr_ctx *c, const uint8_t *bp, unsigned len,
		      enum pim_addrtype at, unsigned addr_len)
{
	int af6, hdrlen;
	uint8_t fam, enc, flags, mlen;

	if (addr_len == 0) {
		if (len < 2)
			return PIM_SHORT;
		PR_U8(c, bp, fam);
		if (fam == 1)
			addr_len = 4;
		else if (fam == 2)
			addr_len = 16;
		else
			return PIM_SHORT;
		PR_U8(c, bp + 1, enc);
		if (enc != 0)
			return PIM_SHORT;
		hdrlen = 2;
	} else {
		if (addr_len != 4 && addr_len != 16)
			return PIM_SHORT;
		hdrlen = 0;
	}
	af6 = addr_len == 16;
	bp += hdrlen;
	len -= (unsigned)hdrlen;
	if (at == PIM_UNICAST) {
		if (len < addr_len || !pr_has(c, bp, addr_len))
			return PIM_SHORT;
		if (af6)
			PR_IP6(c, "", bp);
		else
			PR_IP4(c, "", bp);
		return hdrlen + (int)addr_len;
	}
	if (len < addr_len + 2 || !pr_has(c, bp, addr_len + 2))
		return PIM_SHORT;
	PR_U8(c, bp, flags);
	PR_U8(c, bp + 1, mlen);
	if (af6) {
		PR_IP6(c, "", bp + 2);
		if (mlen != 128)
			pr_printf(c, "/%u", mlen);
	} else {
		PR_IP4(c, "", bp + 2);
		if (mlen != 32)
			pr_printf(c, "/%u", mlen);
	}
	if (flags) {
		if (at == PIM_GROUP) {
			pr_printf(c, "(0x%02x)", flags);
		} else {
			pr_printf(c, "(%s%s%s", flags & 4 ? "S" : "",
				  flags & 2 ? "W" : "", flags & 1 ? "R" : "");
			if (flags & 0xf8)
				pr_printf(c, "+0x%02x", flags & 0xf8);
			pr_putc(c, ')');
		}
	}
	return hdrlen + 2 + (int)addr_len;
}

/* The checksum over len bytes: "correct", "incorrect", "unverified". */
static int cksum_status(struct pr_ctx *c, const uint8_t *bp, unsigned len,
			const char **s)
{
	uint32_t acc = 0;

	*s = "unverified";
	if (!pr_has(c, bp, len))
		return 0;
	if (c->ipver == 6 && ip_pseudo_sum(c, 103, len, &acc) == PR_STOP)
		return PR_STOP;
	*s = pr_cksum_fold(pr_cksum_add(acc, bp, len)) ? "incorrect"
						       : "correct";
	return 0;
}

/* Calls addr_print, and leaves for trunc when the address is short. */
#define PIM_ADDR(c, bp, len, at, alen)                                   \
	do {                                                             \
		int adv_ = addr_print(c, bp, len, at, alen);             \
		if (adv_ == PR_STOP)                                     \
			return PR_STOP;                                  \
		if (adv_ < 0)                                            \
			goto trunc;                                      \
		bp += adv_;                                              \
		len -= (unsigned)adv_;                                   \
	} while (0)

static int hello_print(struct pr_ctx *c, const uint8_t *bp, unsigned len,
		       unsigned alen)
{
	uint16_t otype, olen, v, v2;
	uint32_t w;
	uint8_t b, b1;

	while (len > 0) {
		if (len < 4)
			goto trunc;
		PR_BE16(c, bp, otype);
		PR_BE16(c, bp + 2, olen);
		pr_puts(c, "\n\t  ");
		pr_tok_print(c, hello_opt_names, "Unknown", otype);
		pr_printf(c, " Option (%u), length %u, Value: ", otype, olen);
		bp += 4;
		len -= 4;
		if (len < olen)
			goto trunc;
		PR_NEED(c, bp, olen);
		switch (otype) {
		case 1:
			if (olen != 2)
				goto badlen2;
			PR_BE16(c, bp, v);
			pr_relts(c, v);
			break;
		case 2:
			if (olen != 4)
				goto badlen4;
			PR_BE16(c, bp, v);
			PR_BE16(c, bp + 2, v2);
			pr_printf(c,
				  "\n\t    T-bit=%u, LAN delay %ums, Override interval %ums",
				  v >> 15, v & 0x7fffu, v2);
			break;
		case 18:
		case 19:
			if (olen == 0) {
				pr_puts(c, "Bi-Directional Capability (Old)");
			} else if (olen == 4) {
				PR_BE32(c, bp, w);
				pr_printf(c, "%u", w);
			} else {
				goto badlen4;
			}
			break;
		case 20:
			if (olen != 4)
				goto badlen4;
			PR_BE32(c, bp, w);
			pr_printf(c, "0x%08x", w);
			break;
		case 21:
			if (olen != 4)
				goto badlen4;
			PR_U8(c, bp, b);
			pr_printf(c, "v%u", b);
			PR_U8(c, bp + 1, b1);
			if (b1 != 0) {
				pr_puts(c, ", interval ");
				pr_relts(c, b1);
			}
			PR_BE16(c, bp + 2, v);
			if (v != 0)
				pr_printf(c, " ?0x%04x?", v);
			break;
		case 22:
			break;
		case 24:
		case 65001:
			if (c->o.vflag > 1) {
				const uint8_t *ptr = bp;
				unsigned plen = len;

				while (ptr < bp + olen) {
					pr_puts(c, "\n\t    ");
					PIM_ADDR(c, ptr, plen, PIM_UNICAST, alen);
				}
			}
			break;
		default:
			if (c->o.vflag <= 1)
				pr_unknown_data(c, bp, "\n\t    ", olen);
			break;
		}
		if (c->o.vflag > 1)
			pr_unknown_data(c, bp, "\n\t    ", olen);
		bp += olen;
		len -= olen;
	}
	return 0;
badlen2:
	pr_printf(c, "[option length %u != 2]", olen);
	pr_invalid(c);
	return 0;
badlen4:
	pr_printf(c, "[option length %u != 4]", olen);
	pr_invalid(c);
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int register_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint32_t flags;
	uint8_t vhl;

	if (len < 4)
		goto trunc;
	PR_BE32(c, bp, flags);
	pr_puts(c, ", Flags [ ");
	pr_tok_print(c, register_flag_names, "none", flags);
	pr_puts(c, " ]\n\t");
	bp += 4;
	len -= 4;
	if (len == 0)
		goto trunc;
	PR_U8(c, bp, vhl);
	switch (vhl >> 4) {
	case 0:
		PR_NEED(c, bp + 12, 8);
		PR_IP4(c, "IP-Null-header ", bp + 12);
		PR_IP4(c, " > ", bp + 16);
		break;
	case 4:
		return ip_print(c, bp, len);
	case 6:
		return ip6_print(c, bp, len);
	default:
		pr_printf(c, "IP ver %u", vhl >> 4);
		break;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int join_prune_print(struct pr_ctx *c, const uint8_t *bp, unsigned len,
			    unsigned type, unsigned alen)
{
	uint8_t ngroup;
	uint16_t hold, njoin, nprune;
	unsigned i, j;

	if (type != 7) {
		pr_puts(c, ", upstream-neighbor: ");
		PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
	}
	if (len < 4)
		goto trunc;
	PR_NEED(c, bp, 4);
	PR_U8(c, bp + 1, ngroup);
	PR_BE16(c, bp + 2, hold);
	pr_printf(c, "\n\t  %u group(s)", ngroup);
	if (type != 7) {
		pr_puts(c, ", holdtime: ");
		if (hold == 0xffff)
			pr_puts(c, "infinite");
		else
			pr_relts(c, hold);
	}
	bp += 4;
	len -= 4;
	for (i = 0; i < ngroup; i++) {
		pr_printf(c, "\n\t    group #%u: ", i + 1);
		PIM_ADDR(c, bp, len, PIM_GROUP, alen);
		if (len < 4)
			goto trunc;
		PR_NEED(c, bp, 4);
		PR_BE16(c, bp, njoin);
		PR_BE16(c, bp + 2, nprune);
		pr_printf(c, ", joined sources: %u, pruned sources: %u", njoin,
			  nprune);
		bp += 4;
		len -= 4;
		for (j = 0; j < njoin; j++) {
			pr_printf(c, "\n\t      joined source #%u: ", j + 1);
			PIM_ADDR(c, bp, len, PIM_SOURCE, alen);
		}
		for (j = 0; j < nprune; j++) {
			pr_printf(c, "\n\t      pruned source #%u: ", j + 1);
			PIM_ADDR(c, bp, len, PIM_SOURCE, alen);
		}
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int bootstrap_print(struct pr_ctx *c, const uint8_t *bp, unsigned len,
			   unsigned alen)
{
	unsigned i, j;
	uint16_t v;
	uint8_t b, frpcnt;

	if (len < 2)
		goto trunc;
	PR_BE16(c, bp, v);
	pr_printf(c, " tag=%x", v);
	bp += 2;
	len -= 2;
	if (len < 1)
		goto trunc;
	PR_U8(c, bp, b);
	pr_printf(c, " hashmlen=%u", b);
	if (len < 2)
		goto trunc;
	PR_NEED(c, bp + 2, 1);
	PR_U8(c, bp + 1, b);
	pr_printf(c, " BSRprio=%u", b);
	bp += 2;
	len -= 2;
	pr_puts(c, " BSR=");
	PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
	for (i = 0; len > 0; i++) {
		pr_printf(c, " (group%u: ", i);
		PIM_ADDR(c, bp, len, PIM_GROUP, alen);
		if (len < 1)
			goto trunc;
		PR_U8(c, bp, b);
		pr_printf(c, " RPcnt=%u", b);
		if (len < 2)
			goto trunc;
		PR_U8(c, bp + 1, frpcnt);
		pr_printf(c, " FRPcnt=%u", frpcnt);
		if (len < 4)
			goto trunc;
		bp += 4;
		len -= 4;
		for (j = 0; j < frpcnt && len > 0; j++) {
			pr_printf(c, " RP%u=", j);
			PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
			if (len < 2)
				goto trunc;
			PR_BE16(c, bp, v);
			pr_puts(c, ",holdtime=");
			pr_relts(c, v);
			if (len < 3)
				goto trunc;
			PR_U8(c, bp + 2, b);
			pr_printf(c, ",prio=%u", b);
			if (len < 4)
				goto trunc;
			bp += 4;
			len -= 4;
		}
		pr_putc(c, ')');
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int v2_body_print(struct pr_ctx *c, const uint8_t *bp, unsigned len,
			 unsigned type, unsigned subtype, unsigned alen)
{
	uint32_t w, w2;
	uint16_t v;
	uint8_t b;
	unsigned i, n;

	switch (type) {
	case 0:
		return hello_print(c, bp, len, alen);
	case 1:
		return register_print(c, bp, len);
	case 2:
		pr_puts(c, " group=");
		PIM_ADDR(c, bp, len, PIM_GROUP, alen);
		pr_puts(c, " source=");
		PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
		break;
	case 3:
	case 6:
	case 7:
		return join_prune_print(c, bp, len, type, alen);
	case 4:
		return bootstrap_print(c, bp, len, alen);
	case 5:
		pr_puts(c, " group=");
		PIM_ADDR(c, bp, len, PIM_GROUP, alen);
		pr_puts(c, " src=");
		PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
		if (len < 8)
			goto trunc;
		PR_NEED(c, bp, 8);
		PR_BE32(c, bp, w);
		PR_BE32(c, bp + 4, w2);
		if (w & 0x80000000u)
			pr_puts(c, " RPT");
		pr_printf(c, " pref=%u metric=%u", w & 0x7fffffffu, w2);
		break;
	case 8:
		if (len < 1)
			goto trunc;
		PR_U8(c, bp, b);
		n = b;
		pr_printf(c, " prefix-cnt=%u", n);
		if (len < 2)
			goto trunc;
		PR_U8(c, bp + 1, b);
		pr_printf(c, " prio=%u", b);
		if (len < 4)
			goto trunc;
		PR_BE16(c, bp + 2, v);
		pr_puts(c, " holdtime=");
		pr_relts(c, v);
		bp += 4;
		len -= 4;
		pr_puts(c, " RP=");
		PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
		for (i = 0; i < n && len > 0; i++) {
			pr_printf(c, " Group%u=", i);
			PIM_ADDR(c, bp, len, PIM_GROUP, alen);
		}
		break;
	case 9:
		pr_puts(c, " src=");
		PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
		pr_puts(c, " grp=");
		PIM_ADDR(c, bp, len, PIM_GROUP, alen);
		pr_puts(c, " forwarder=");
		PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
		if (len < 2)
			goto trunc;
		PR_BE16(c, bp, v);
		pr_puts(c, " TUNR ");
		pr_relts(c, v);
		break;
	case 10: {
		const char *who = subtype == 3 ? "offer" : "new winner";

		pr_puts(c, "\n\t  ");
		pr_tok_print(c, df_names, "Unknown", subtype);
		pr_puts(c, ", rpa=");
		PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
		PR_BE32(c, bp, w);
		pr_printf(c, " sender pref=%u", w);
		PR_BE32(c, bp + 4, w);
		pr_printf(c, " sender metric=%u", w);
		bp += 8;
		len -= 8;
		if (subtype != 3 && subtype != 4)
			break;
		pr_printf(c, "\n\t  %s addr=", who);
		PIM_ADDR(c, bp, len, PIM_UNICAST, alen);
		PR_BE32(c, bp, w);
		pr_printf(c, " %s pref=%u", who, w);
		PR_BE32(c, bp + 4, w);
		pr_printf(c, " %s metric=%u", who, w);
		bp += 8;
		if (subtype == 3) {
			PR_BE16(c, bp, v);
			pr_printf(c, " interval %dms", v);
		}
		break;
	}
	default:
		pr_printf(c, " [type %u]", type);
		break;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int v2_print(struct pr_ctx *c, const uint8_t *bp, unsigned len,
		    unsigned type)
{
	uint8_t rsv;
	uint16_t ck;
	unsigned alen;
	const char *status;

	c->proto = "pimv2";
	if (len < 2) {
		pr_printf(c, "[length %u < 2]", len);
		pr_invalid(c);
		return 0;
	}
	PR_U8(c, bp + 1, rsv);
	alen = rsv & 0x0f;
	if (alen != 0)
		pr_puts(c, ", RFC2117-encoding");
	if (len < 4) {
		pr_printf(c, "[length %u < 4]", len);
		pr_invalid(c);
		return 0;
	}
	PR_BE16(c, bp + 2, ck);
	pr_printf(c, ", cksum 0x%04x ", ck);
	if (ck == 0) {
		status = "unverified";
	} else if (type == 1) {
		/* The sum covers the header only; RFC 4601 also accepts
		 * one over the whole Register message. */
		if (cksum_status(c, bp, 8, &status) == PR_STOP)
			return PR_STOP;
		if (status[0] == 'i' &&
		    cksum_status(c, bp, len, &status) == PR_STOP)
			return PR_STOP;
	} else if (cksum_status(c, bp, len, &status) == PR_STOP) {
		return PR_STOP;
	}
	pr_printf(c, "(%s)", status);
	return v2_body_print(c, bp + 4, len - 4, type, rsv >> 4, alen);
}

int pim_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t tv;
	unsigned ver, type;

	c->proto = "pim";
	PR_U8(c, bp, tv);
	ver = tv >> 4;
	type = tv & 0x0f;
	if (ver != 2) {
		pr_printf(c, "PIMv%u, length %u", ver, len);
		return 0;
	}
	if (!c->o.vflag) {
		pr_puts(c, "PIMv2, ");
		pr_tok_print(c, v2_type_names, "Unknown Type", type);
		pr_printf(c, ", length %u", len);
		return 0;
	}
	pr_printf(c, "PIMv2, length %u\n\t", len);
	pr_tok_print(c, v2_type_names, "Unknown Type", type);
	return v2_print(c, bp, len, type);
}
