/* print-isis-mt.c: IS-IS multi-topology TLVs 144 (MT capability, RFC 6329 16) and 143 (MT port capability, RFC 6165) with their SPB sub-TLVs. */
/*
 * TLV 144 (RFC 6329 16.1), inside an IS-IS LSP:
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |O| RES |        MTID           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | sub-TLVs: type (1), length (1), value
 *  +-------------------------------
 *
 * SPB instance (1): CIST root ID (8), CIST external root path cost (4),
 * bridge priority (2), RES/V/SPSourceID (4), number of trees (1), then
 * one VLAN tuple (8: U M A RES, ECT algorithm (4), base VID and SPVID in
 * 3) a tree. SPBM service identifier and unicast address (3): B-MAC (6),
 * RES/VID (2), then ISIDs of 4 octets (T R RES, ISID in 24 bits).
 */
#include "capture/print-int.h"

static const struct pr_tok mt_cap_subtlv_names[] = {
	{ 1, "SPB Instance" },
	{ 3, "SPBM Service Identifier and Unicast Address" },
	{ 0, NULL },
};

#define SPB_INSTANCE_LEN 19 /* RFC 6329 16.1, before its VLAN tuples */
#define SPB_TUPLE_LEN 8

/* An SPB instance sub-TLV of st octets at t, all captured. */
static int spb_instance_print(struct pr_ctx *c, const uint8_t *t,
			      unsigned st)
{
	const uint8_t *b = pk_span(&c->pk, t, st);
	unsigned trees;

	pr_printf(c, "\n\t        CIST Root-ID: %02x%02x%02x%02x %02x%02x%02x%02x",
		  b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
	pr_printf(c, ", Path Cost: %02x%02x%02x%02x, Prio: %u", b[8], b[9],
		  b[10], b[11], (unsigned)b[12] << 8 | b[13]);
	pr_printf(c, "\n\t        RES: %u, V: %u, SPSource-ID: %u",
		  ((unsigned)b[14] << 8 | b[15]) >> 5, (b[15] >> 4) & 1u,
		  ((unsigned)b[15] & 0x0f) << 16 | (unsigned)b[16] << 8 | b[17]);
	pr_printf(c, ", No of Trees: %x", b[18]);
	trees = b[18];
	b += SPB_INSTANCE_LEN;
	st -= SPB_INSTANCE_LEN;
	for (; trees; trees--) {
		if (st < SPB_TUPLE_LEN) {
			pr_trunc(c);
			return 1;
		}
		pr_printf(c, "\n\t         U:%u, M:%u, A:%u, RES:%u", b[0] >> 7,
			  (b[0] >> 6) & 1u, (b[0] >> 5) & 1u, b[0] & 0x1fu);
		pr_printf(c, ", ECT: %02x%02x%02x%02x", b[1], b[2], b[3], b[4]);
		pr_printf(c, ", BVID: %u, SPVID: %u",
			  (unsigned)b[5] << 4 | b[6] >> 4,
			  ((unsigned)b[6] & 0x0f) << 8 | b[7]);
		b += SPB_TUPLE_LEN;
		st -= SPB_TUPLE_LEN;
	}
	return 0;
}

/* An SPBM service identifier sub-TLV of st octets at t, all captured. */
static int spbm_si_print(struct pr_ctx *c, const uint8_t *t, unsigned st)
{
	const uint8_t *b = pk_span(&c->pk, t, st);

	if (st < 8) {
		pr_trunc(c);
		return 1;
	}
	pr_printf(c, "\n\t        BMAC: %02x%02x%02x%02x%02x%02x", b[0], b[1],
		  b[2], b[3], b[4], b[5]);
	pr_printf(c, ", RES: %u, VID: %u", b[6] >> 4,
		  ((unsigned)b[6] & 0x0f) << 8 | b[7]);
	for (b += 8, st -= 8; st >= 4; b += 4, st -= 4)
		pr_printf(c, "\n\t        T: %u, R: %u, RES: %u, ISID: %u",
			  b[0] >> 7, (b[0] >> 6) & 1u, b[0] & 0x3fu,
			  (unsigned)b[1] << 16 | (unsigned)b[2] << 8 | b[3]);
	return 0;
}

/*
 * The sub-TLVs of TLV 144 (RFC 6329 16). tcpdump's own checks print
 * their note and end the TLV; a sub-TLV header past the capture ends
 * the packet.
 */
static int subtlv_print(struct pr_ctx *c, const uint8_t *t,
			       unsigned len)
{
	uint8_t st, sl;

	while (len > 2) {
		PR_U8(c, t, st);
		PR_U8(c, t + 1, sl);
		t += 2;
		len -= 2;
		pr_puts(c, "\n\t      ");
		pr_tok_print(c, mt_cap_subtlv_names, "unknown", st);
		pr_printf(c, " subTLV #%u, length: %u", st, sl);
		if (len < sl) {
			pr_puts(c, " (> containing TLV length)");
			return 0;
		}
		if (!pr_has(c, t, sl)) {
			pr_trunc(c);
			return 0;
		}
		if (st == 1) {
			if (sl < SPB_INSTANCE_LEN) {
				pr_puts(c, " (too short)");
				return 0;
			}
			if (spb_instance_print(c, t, sl))
				return 0;
		} else if (st == 3 && spbm_si_print(c, t, sl)) {
			return 0;
		}
		t += sl;
		len -= sl;
	}
	return 0;
}

int isis_mt_cap_print(struct pr_ctx *c, const uint8_t *t, unsigned tlen)
{
	uint16_t u16;

	if (tlen < 2)
		return 1;
	PR_BE16(c, t, u16);
	pr_printf(c, "\n\t      O: %u, RES: %u, MTID(s): %u", (u16 >> 15) & 1u,
		  (u16 >> 12) & 7u, u16 & 0x0fffu);
	if (tlen > 2)
		return subtlv_print(c, t + 2, tlen - 2);
	return 0;
}

/*
 * TLV 143 (RFC 6165), the MT port capability: RES and an MT ID, then SPB
 * sub-TLVs: 4 MCID (two 51-octet MCIDs, 802.1aq 13.8: format ID, 32-octet
 * name, revision level, 16-octet digest), 5 digest (33), 6 BVID (6 a
 * tuple). A sub-TLV too long for its TLV, short, or cut by the capture is
 * noted and the rest of the TLV left alone.
 */
#define SPB_MCID 4
#define SPB_DIGEST 5
#define SPB_BVID 6
#define MCID_LEN 51u
#define SPB_MCID_MIN 102u
#define SPB_DIGEST_MIN 33u

static const struct pr_tok port_cap_names[] = {
	{ SPB_MCID, "SPB MCID" },
	{ SPB_DIGEST, "SPB Digest" },
	{ SPB_BVID, "SPB BVID" },
	{ 0, NULL },
};

static int mcid_print(struct pr_ctx *c, const char *lead, const uint8_t *p)
{
	uint8_t id, ch;
	uint16_t lvl;
	unsigned i;

	PR_NEED(c, p, MCID_LEN);
	PR_U8(c, p, id);
	pr_printf(c, "%sID: %u, Name: ", lead, id);
	for (i = 0; i < 32; i++) {
		PR_U8(c, p + 1 + i, ch);
		if (!ch)
			break;
		pr_char(c, ch);
	}
	PR_BE16(c, p + 33, lvl);
	pr_printf(c, "\n\t              Lvl: %u, Digest: ", lvl);
	for (i = 0; i < 16; i++) {
		PR_U8(c, p + 35 + i, ch);
		pr_printf(c, "%02x ", ch);
	}
	return 0;
}

/* The sub-TLV header; 1 when it is longer than what is left of the TLV. */
static int stlv_head(struct pr_ctx *c, const char *lead,
		     const struct pr_tok *names, const uint8_t *p,
		     unsigned len, unsigned *type, unsigned *slen)
{
	uint8_t t, l;

	PR_U8(c, p, t);
	PR_U8(c, p + 1, l);
	*type = t;
	*slen = l;
	pr_puts(c, lead);
	pr_tok_print(c, names, "unknown", t);
	pr_printf(c, " subTLV #%u, length: %u", t, l);
	if (len - 2 < l) {
		pr_puts(c, " (> containing TLV length)");
		return 1;
	}
	return 0;
}

static int port_cap_stlv_print(struct pr_ctx *c, const uint8_t *p,
			       unsigned len)
{
	unsigned type = 0, sl = 0, i;
	uint32_t u32;
	uint16_t u16;
	uint8_t u8;
	int rc;

	while (len > 2) {
		rc = stlv_head(c, "\n\t       ", port_cap_names, p, len, &type,
			       &sl);
		if (rc)
			return rc == PR_STOP ? PR_STOP : 0;
		p += 2;
		len -= 2;
		if (!pr_has(c, p, sl)) {
			pr_trunc(c);
			return 0;
		}
		switch (type) {
		case SPB_MCID:
			if (sl < SPB_MCID_MIN)
				goto too_short;
			if (mcid_print(c, "\n\t         MCID: ", p) == PR_STOP ||
			    mcid_print(c, "\n\t         AUX-MCID: ",
				       p + MCID_LEN) == PR_STOP)
				return PR_STOP;
			p += SPB_MCID_MIN;
			len -= SPB_MCID_MIN;
			sl -= SPB_MCID_MIN;
			break;
		case SPB_DIGEST:
			if (sl < SPB_DIGEST_MIN)
				goto too_short;
			PR_U8(c, p, u8);
			pr_printf(c, "\n\t        RES: %u V: %u A: %u D: %u",
				  u8 >> 5, (u8 >> 4) & 1, (u8 >> 2) & 3, u8 & 3);
			pr_puts(c, "\n\t         Digest: ");
			for (i = 0; i < 8; i++) {
				PR_BE32(c, p + 1 + 4 * i, u32);
				pr_printf(c, "%08x ", u32);
				if (i == 3)
					pr_puts(c, "\n\t                 ");
			}
			p += SPB_DIGEST_MIN;
			len -= SPB_DIGEST_MIN;
			sl -= SPB_DIGEST_MIN;
			break;
		case SPB_BVID:
			while (sl) {
				if (sl < 4)
					goto too_short;
				PR_BE32(c, p, u32);
				pr_printf(c, "\n\t           ECT: %08x", u32);
				p += 4;
				len -= 4;
				sl -= 4;
				if (sl < 2)
					goto too_short;
				PR_BE16(c, p, u16);
				pr_printf(c, " BVID: %u, U:%01x M:%01x ",
					  u16 >> 4, (u16 >> 3) & 1,
					  (u16 >> 2) & 1);
				p += 2;
				len -= 2;
				sl -= 2;
			}
			break;
		default:
			break;
		}
		p += sl;
		len -= sl;
	}
	return 0;
too_short:
	pr_puts(c, " (too short)");
	return 0;
}

int isis_mt_port_cap_print(struct pr_ctx *c, const uint8_t *t, unsigned tlen)
{
	uint16_t w;

	if (tlen < 2)
		return 1;
	PR_BE16(c, t, w);
	pr_printf(c, "\n\t       RES: %u, MTID(s): %u", w >> 12, w & 0xfff);
	if (tlen > 2)
		return port_cap_stlv_print(c, t + 2, tlen - 2);
	return 0;
}
