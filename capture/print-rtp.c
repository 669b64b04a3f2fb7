/* print-rtp.c: RTP data and RTCP control packets (RFC 3550; RTP version 1 too), printed only under -T rtp / -T rtcp. */
/*
 * RTP:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           timestamp                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           synchronization source (SSRC) identifier            |
 *  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *
 * RTCP: a sequence of packets, each |V=2|P|  RC  |   PT  | length |
 * (length in 32-bit words minus one), then the sender's SSRC: SR (200)
 * has an NTP timestamp, RTP timestamp and packet and octet counts, and
 * SR and RR (201) end with RC report blocks of 24 bytes (SSRC, fraction
 * and cumulative lost, highest sequence, jitter, LSR, DLSR).
 *
 * Nothing in a packet says it is RTP: tcpdump decodes these only when
 * told (-T), as tcpdump's own vat/rtp/rtcp printers in print-udp.c do.
 */
#include "capture/print-int.h"

#define RTCP_HDRLEN 8
#define RTCP_SR_LEN 20
#define RTCP_RR_LEN 24

int rtp_print(struct pr_ctx *c, const uint8_t *hdr, unsigned len)
{
	unsigned hasopt = 0, hasext = 0, contype, hasmarker, dlen, words;
	const uint8_t *ip = hdr + 8;
	const char *ptype;
	uint32_t i0, i1, v;

	c->proto = "rtp";
	if (len < 8) {
		pr_printf(c, "udp/rtp, length %u < 8", len);
		return 0;
	}
	PR_BE32(c, hdr, i0);
	PR_BE32(c, hdr + 4, i1);
	dlen = len - 8;
	words = (len >> 2) - 2;
	if ((i0 >> 30) == 1) {
		/* version 1, draft-ietf-avt-rtp-04 */
		hasopt = i0 & 0x800000;
		contype = (i0 >> 16) & 0x3f;
		hasmarker = i0 & 0x400000;
		ptype = "rtpv1";
	} else {
		if (dlen < 4) {
			pr_printf(c, "udp/rtp, length %u < 12", dlen + 8);
			return 0;
		}
		hasext = i0 & 0x10000000;
		contype = (i0 >> 16) & 0x7f;
		hasmarker = i0 & 0x800000;
		dlen -= 4;
		ptype = "rtp";
		ip += 4;
		words -= 1;
	}
	pr_printf(c, "udp/%s %u c%u %s%s %u %u", ptype, dlen, contype,
		  hasopt || hasext ? "+" : "", hasmarker ? "*" : "",
		  i0 & 0xffff, i1);
	if (!c->o.vflag)
		return 0;
	PR_BE32(c, hdr + 8, v);
	pr_printf(c, " %u", v);
	if (hasopt) {
		uint32_t i2;
		unsigned optlen;

		do {
			PR_BE32(c, ip, i2);
			optlen = (i2 >> 16) & 0xff;
			if (optlen == 0 || optlen > words) {
				pr_puts(c, " !opt");
				return 0;
			}
			ip += optlen * 4;
			words -= optlen;
		} while ((int32_t)i2 >= 0);
	}
	if (hasext) {
		uint32_t i2;
		unsigned extlen;

		PR_BE32(c, ip, i2);
		extlen = (i2 & 0xffff) + 1;
		if (extlen > words) {
			pr_puts(c, " !ext");
			return 0;
		}
		ip += extlen * 4;
	}
	if (contype == 0x1f) { /* H.261 */
		PR_BE32(c, ip, v);
		pr_printf(c, " 0x%04x", v >> 16);
	}
	return 0;
}

/* One RTCP packet at hdr: where the next starts, NULL after a marker; PR_STOP via *rc. */
static const uint8_t *rtcp_one(struct pr_ctx *c, const uint8_t *hdr,
			       const uint8_t *ep, int *rc)
{
	const uint8_t *rr = NULL;
	uint16_t l16, flags;
	uint32_t ssrc, v[4];
	unsigned len, cnt;

	*rc = 0;
	if (hdr + RTCP_HDRLEN > ep || !pr_has(c, hdr, RTCP_HDRLEN))
		goto trunc;
	PR_BE16_OR_NULL(c, hdr + 2, l16);
	PR_BE16_OR_NULL(c, hdr, flags);
	PR_BE32_OR_NULL(c, hdr + 4, ssrc);
	len = (l16 + 1u) * 4;
	cnt = (flags >> 8) & 0x1f;
	switch (flags & 0xff) {
	case 200: {
		double ts;
		const uint8_t *sr = hdr + RTCP_HDRLEN;

		pr_puts(c, " sr");
		if (len != cnt * RTCP_RR_LEN + RTCP_SR_LEN + RTCP_HDRLEN)
			pr_printf(c, " [%u]", len);
		if (c->o.vflag)
			pr_printf(c, " %u", ssrc);
		if (sr + RTCP_SR_LEN > ep || !pr_has(c, sr, RTCP_SR_LEN))
			goto trunc;
		PR_BE32_OR_NULL(c, sr, v[0]);
		PR_BE32_OR_NULL(c, sr + 4, v[1]);
		ts = (double)v[0] + (double)v[1] / 4294967296.0;
		PR_BE32_OR_NULL(c, sr + 8, v[0]);
		PR_BE32_OR_NULL(c, sr + 12, v[1]);
		PR_BE32_OR_NULL(c, sr + 16, v[2]);
		pr_printf_libc(c, " @%.2f %u %up %ub", ts, v[0], v[1], v[2]);
		rr = sr + RTCP_SR_LEN;
		break;
	}
	case 201:
		pr_puts(c, " rr");
		if (len != cnt * RTCP_RR_LEN + RTCP_HDRLEN)
			pr_printf(c, " [%u]", len);
		rr = hdr + RTCP_HDRLEN;
		if (c->o.vflag)
			pr_printf(c, " %u", ssrc);
		break;
	case 202:
	case 203:
		pr_printf(c, " %s %u", (flags & 0xff) == 202 ? "sdes" : "bye",
			  len);
		if (c->o.vflag)
			pr_printf(c, " %u", ssrc);
		cnt = 0;
		break;
	default:
		pr_printf(c, " type-0x%x %u", flags & 0xff, len);
		cnt = 0;
		break;
	}
	if (cnt > 1)
		pr_printf(c, " c%u", cnt);
	while (cnt != 0) {
		uint32_t nl, ls, dv, lsr, dlsr, srcid;

		if (rr + RTCP_RR_LEN > ep || !pr_has(c, rr, RTCP_RR_LEN))
			goto trunc;
		PR_BE32_OR_NULL(c, rr, srcid);
		PR_BE32_OR_NULL(c, rr + 4, nl);
		PR_BE32_OR_NULL(c, rr + 8, ls);
		PR_BE32_OR_NULL(c, rr + 12, dv);
		PR_BE32_OR_NULL(c, rr + 16, lsr);
		PR_BE32_OR_NULL(c, rr + 20, dlsr);
		if (c->o.vflag)
			pr_printf(c, " %u", srcid);
		pr_printf_libc(c, " %ul %us %uj @%.2f+%.2f", nl & 0x00ffffff,
			       ls, dv, (double)lsr / 65536.,
			       (double)dlsr / 65536.);
		rr += RTCP_RR_LEN;
		cnt--;
	}
	return hdr + len;
trunc:
	pr_trunc(c);
	return ep;
}

int rtcp_print(struct pr_ctx *c, const uint8_t *cp, unsigned len)
{
	const uint8_t *ep = cp + pr_left(c, cp);
	int rc;

	(void)len;
	c->proto = "rtcp";
	while (cp < ep) {
		cp = rtcp_one(c, cp, ep, &rc);
		if (!cp)
			return PR_STOP;
	}
	return 0;
}
