/* print-isis-mt.c: IS-IS TLVs 143 (MT-port capability, RFC 6165) and 144 (MT capability, RFC 6329) with their SPB sub-TLVs. */
/*
 * Both TLVs start with a 16-bit word, then sub-TLVs (type, length, value):
 *
 *   TLV 143                               TLV 144
 *  +-------+-----------------------+     +-+-----+-----------------------+
 *  |  RES  |     MT ID (12 bits)   |     |O| RES |     MT ID (12 bits)   |
 *  +-------+-----------------------+     +-+-----+-----------------------+
 *  | sub-TLVs: 4 SPB MCID (102),   |     | sub-TLVs: 1 SPB instance (19  |
 *  | 5 SPB digest (33), 6 SPB BVID |     | + 8 a tree), 3 SPBM service   |
 *  | (6 a tuple)                   |     | identifier (8 + 4 an I-SID)   |
 *  +-------------------------------+     +-------------------------------+
 *
 * An MCID (802.1aq 13.8) is a format ID octet, a 32-octet name, a 16-bit
 * revision level and a 16-octet digest; the sub-TLV holds two (MCID and
 * AUX-MCID). tcpdump prints a sub-TLV too long for its TLV, a short one,
 * or one cut by the capture, and then leaves the rest of the TLV alone.
 */
#include "capture/print-int.h"

#define SPB_MCID 4
#define SPB_DIGEST 5
#define SPB_BVID 6
#define SPB_INSTANCE 1
#define SPBM_SI 3

#define MCID_LEN 51u
#define SPB_MCID_MIN 102u
#define SPB_DIGEST_MIN 33u
#define SPB_INSTANCE_MIN 19u
#define SPB_TREE_LEN 8u

static const struct pr_tok port_cap_names[] = {
	{ SPB_MCID, "SPB MCID" },
	{ SPB_DIGEST, "SPB Digest" },
	{ SPB_BVID, "SPB BVID" },
	{ 0, NULL },
};

static const struct pr_tok mt_cap_names[] = {
	{ SPB_INSTANCE, "SPB Instance" },
	{ SPBM_SI, "SPBM Service Identifier and Unicast Address" },
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
	unsigned type, sl, i;
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

static int mt_cap_stlv_print(struct pr_ctx *c, const uint8_t *p,
			     unsigned len)
{
	unsigned type, sl, trees;
	uint32_t u32, u32b;
	uint16_t u16;
	uint8_t u8;
	int rc;

	while (len > 2) {
		rc = stlv_head(c, "\n\t      ", mt_cap_names, p, len, &type,
			       &sl);
		if (rc)
			return rc == PR_STOP ? PR_STOP : 0;
		p += 2;
		len -= 2;
		if (!pr_has(c, p, sl))
			goto trunc;
		switch (type) {
		case SPB_INSTANCE:
			if (sl < SPB_INSTANCE_MIN) {
				pr_puts(c, " (too short)");
				return 0;
			}
			PR_BE32(c, p, u32);
			PR_BE32(c, p + 4, u32b);
			pr_printf(c, "\n\t        CIST Root-ID: %08x %08x", u32,
				  u32b);
			PR_BE32(c, p + 8, u32);
			PR_BE16(c, p + 12, u16);
			pr_printf(c, ", Path Cost: %08x, Prio: %u", u32, u16);
			PR_BE16(c, p + 14, u16);
			PR_BE32(c, p + 14, u32);
			pr_printf(c, "\n\t        RES: %u, V: %u, SPSource-ID: %u",
				  u16 >> 5, (u16 >> 4) & 1, u32 & 0xfffff);
			PR_U8(c, p + 18, u8);
			pr_printf(c, ", No of Trees: %x", u8);
			trees = u8;
			p += SPB_INSTANCE_MIN;
			len -= SPB_INSTANCE_MIN;
			sl -= SPB_INSTANCE_MIN;
			for (; trees; trees--) {
				if (sl < SPB_TREE_LEN)
					goto trunc;
				PR_U8(c, p, u8);
				PR_BE32(c, p + 1, u32);
				PR_BE24(c, p + 5, u32b);
				pr_printf(c, "\n\t         U:%u, M:%u, A:%u, "
					     "RES:%u, ECT: %08x, BVID: %u, "
					     "SPVID: %u",
					  u8 >> 7, (u8 >> 6) & 1,
					  (u8 >> 5) & 1, u8 & 0x1f, u32,
					  (u32b >> 12) & 0xfff, u32b & 0xfff);
				p += SPB_TREE_LEN;
				len -= SPB_TREE_LEN;
				sl -= SPB_TREE_LEN;
			}
			break;
		case SPBM_SI:
			if (sl < 8)
				goto trunc;
			PR_BE32(c, p, u32);
			PR_BE16(c, p + 4, u16);
			pr_printf(c, "\n\t        BMAC: %08x%04x", u32, u16);
			PR_BE16(c, p + 6, u16);
			pr_printf(c, ", RES: %u, VID: %u", u16 >> 12,
				  u16 & 0xfff);
			p += 8;
			len -= 8;
			sl -= 8;
			while (sl >= 4) {
				PR_BE32(c, p, u32);
				pr_printf(c, "\n\t        T: %u, R: %u, "
					     "RES: %u, ISID: %u",
					  u32 >> 31, (u32 >> 30) & 1,
					  (u32 >> 24) & 0x3f, u32 & 0xffffff);
				p += 4;
				len -= 4;
				sl -= 4;
			}
			break;
		default:
			break;
		}
		p += sl;
		len -= sl;
	}
	return 0;
trunc:
	pr_trunc(c);
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

int isis_mt_cap_print(struct pr_ctx *c, const uint8_t *t, unsigned tlen)
{
	uint16_t w;

	if (tlen < 2)
		return 1;
	PR_BE16(c, t, w);
	pr_printf(c, "\n\t      O: %u, RES: %u, MTID(s): %u", (w >> 15) & 1,
		  (w >> 12) & 7, w & 0xfff);
	if (tlen > 2)
		return mt_cap_stlv_print(c, t + 2, tlen - 2);
	return 0;
}
