/* print-icmp6-rr.c: ICMPv6 router renumbering (RFC 2894), type 138. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |     Code      |            Checksum           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        SequenceNumber                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | SegmentNumber |T|R|A|S|P| Res |          MaxDelay             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           reserved                            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A command (code 0) carries a Match-Prefix part: OpCode, OpLength (in
 * 8-byte units), Ordinal, MatchLen, MinLen, MaxLen, reserved, the
 * prefix (16 bytes); then (OpLength - 3) / 4 Use-Prefix parts of 32
 * bytes: UseLen, KeepLen, FlagMask, RAFlags, valid and preferred
 * lifetimes, V/P flags (32 bits), the prefix.
 */
#include "capture/print-int.h"

#define RR_HDRLEN 16
#define RPM_LEN 24
#define RPU_LEN 32

/* An address and lengths, always numeric (tcpdump's addrtostr6). */
static void prefix_print(struct pr_ctx *c, const uint8_t a[16])
{
	pr_ip6_num(c, a);
}

static void lifetime_print(struct pr_ctx *c, const char *name, uint32_t v)
{
	if (v == 0xffffffff)
		pr_printf(c, "%s=infty,", name);
	else
		pr_printf(c, "%s=%u,", name, v);
}

static int use_print(struct pr_ctx *c, const uint8_t *use)
{
	uint8_t uselen, keeplen, mask, raflags, f;
	uint32_t vl, pl;
	uint8_t a[16];

	if (!pr_has(c, use + 16, 16))
		return -1;
	pr_puts(c, c->o.vflag > 1 ? "\n\tuse(" : " use(");
	PR_U8(c, use + 12, f);
	if (f)
		pr_printf(c, "%s%s,", f & 0x80 ? "V" : "", f & 0x40 ? "P" : "");
	if (c->o.vflag) {
		PR_U8(c, use + 2, mask);
		PR_U8(c, use + 3, raflags);
		PR_BE32(c, use + 4, vl);
		PR_BE32(c, use + 8, pl);
		pr_printf(c, "mask=0x%x,raflags=0x%x,", mask, raflags);
		lifetime_print(c, "vltime", vl);
		lifetime_print(c, "pltime", pl);
	}
	PR_COPY(c, use + 16, a, 16);
	PR_U8(c, use, uselen);
	PR_U8(c, use + 1, keeplen);
	prefix_print(c, a);
	pr_printf(c, "/%u/%u)", uselen, keeplen);
	return 0;
}

int icmp6_rr_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	const uint8_t *match = bp + RR_HDRLEN, *cp;
	uint8_t code, seg, flags, op, ord, minl, maxl, matchlen, oplen;
	uint16_t maxdelay;
	uint32_t seq, rsvd;
	uint8_t a[16];
	int n;

	(void)length;
	if (!pr_has(c, bp + 12, 4))
		goto trunc;
	PR_U8(c, bp + 1, code);
	switch (code) {
	case 0:
		pr_puts(c, ", command");
		break;
	case 1:
		pr_puts(c, ", result");
		break;
	case 255:
		pr_puts(c, ", sequence number reset");
		break;
	default:
		pr_printf(c, ", code-#%u", code);
		break;
	}
	PR_BE32(c, bp + 4, seq);
	pr_printf(c, ", seq=%u", seq);
	if (c->o.vflag) {
		PR_U8(c, bp + 8, seg);
		PR_U8(c, bp + 9, flags);
		PR_BE16(c, bp + 10, maxdelay);
		PR_BE32(c, bp + 12, rsvd);
		pr_putc(c, '[');
		if (flags)
			pr_printf(c, "%s%s%s%s%s,", flags & 0x80 ? "T" : "",
				  flags & 0x40 ? "R" : "", flags & 0x20 ? "A" : "",
				  flags & 0x10 ? "S" : "", flags & 0x08 ? "P" : "");
		pr_printf(c, "seg=%u,maxdelay=%u", seg, maxdelay);
		if (rsvd)
			pr_printf(c, "rsvd=0x%x", rsvd);
		pr_putc(c, ']');
	}
	if (code != 0)
		return 0;
	if (!pr_has(c, match + 8, 16))
		goto trunc;
	pr_puts(c, c->o.vflag > 1 ? "\n\tmatch(" : " match(");
	PR_U8(c, match, op);
	switch (op) {
	case 1:
		pr_puts(c, "add");
		break;
	case 2:
		pr_puts(c, "change");
		break;
	case 3:
		pr_puts(c, "setglobal");
		break;
	default:
		pr_printf(c, "#%u", op);
		break;
	}
	if (c->o.vflag) {
		PR_U8(c, match + 2, ord);
		PR_U8(c, match + 4, minl);
		PR_U8(c, match + 5, maxl);
		pr_printf(c, ",ord=%u,min=%u,max=%u", ord, minl, maxl);
	}
	PR_COPY(c, match + 8, a, 16);
	PR_U8(c, match + 3, matchlen);
	pr_putc(c, ',');
	prefix_print(c, a);
	pr_printf(c, "/%u)", matchlen);
	PR_U8(c, match + 1, oplen);
	n = oplen - 3;
	if (n % 4)
		goto trunc;
	n /= 4;
	cp = match + RPM_LEN;
	while (n-- > 0) {
		int rc = use_print(c, cp);

		if (rc == PR_STOP)
			return rc;
		if (rc < 0)
			goto trunc;
		cp += RPU_LEN;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}
