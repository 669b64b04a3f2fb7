/* print-radiotap.c: the radiotap header before an 802.11 frame (DLT_IEEE802_11_RADIO). */
/*
 * Radiotap (https://www.radiotap.org): a little-endian header of it_len
 * octets, the 802.11 frame after it.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  version 0    |     pad       |       it_len (header's)       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  it_present: a bit per field present; bit 31: another word   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  ... more presence words while bit 31 is set                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  the fields, in bit order, each aligned to its natural size   |
 *  |  counted from the header's start                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Bits 29 (radiotap namespace) and 30 (vendor namespace) of a word
 * switch what the next word's bits mean; a vendor namespace gives its
 * OUI, a sub-namespace and the length of its fields, which are skipped.
 * The fields shown are those tcpdump 4.99.3 shows: TSFT (0), flags (1),
 * rate (2), channel (3), FHSS (4), antenna signal and noise in dBm (5,
 * 6), lock quality (7), TX attenuation (8, 9), TX power (10), antenna
 * (11), signal and noise in dB (12, 13), RX flags (14, read only), the
 * extended channel (18), MCS (19), A-MPDU status (20, read only) and
 * VHT (21). A field of any other bit has a size this cannot know: it is
 * named ("[bit N]") and the header's decoding ends there.
 */
#include "capture/print-int.h"

#define RT_HDRLEN 8
#define RT_EXT 31
#define RT_NAMESPACE 29
#define RT_VENDOR_NAMESPACE 30

enum {
	RT_TSFT = 0,
	RT_FLAGS = 1,
	RT_RATE = 2,
	RT_CHANNEL = 3,
	RT_FHSS = 4,
	RT_DBM_ANTSIGNAL = 5,
	RT_DBM_ANTNOISE = 6,
	RT_LOCK_QUALITY = 7,
	RT_TX_ATTENUATION = 8,
	RT_DB_TX_ATTENUATION = 9,
	RT_DBM_TX_POWER = 10,
	RT_ANTENNA = 11,
	RT_DB_ANTSIGNAL = 12,
	RT_DB_ANTNOISE = 13,
	RT_RX_FLAGS = 14,
	RT_XCHANNEL = 18,
	RT_MCS = 19,
	RT_AMPDU_STATUS = 20,
	RT_VHT = 21,
};

/* The flags field. */
#define RT_F_CFP 0x01
#define RT_F_SHORTPRE 0x02
#define RT_F_WEP 0x04
#define RT_F_FRAG 0x08
#define RT_F_FCS 0x10
#define RT_F_DATAPAD 0x20
#define RT_F_BADFCS 0x40

/* Channel flags. */
#define CH_TURBO 0x00010
#define CH_CCK 0x00020
#define CH_OFDM 0x00040
#define CH_2GHZ 0x00080
#define CH_5GHZ 0x00100
#define CH_DYN 0x00400
#define CH_GFSK 0x00800
#define CH_HALF 0x04000
#define CH_QUARTER 0x08000
#define CH_HT20 0x10000
#define CH_HT40U 0x20000
#define CH_HT40D 0x40000

/* The MCS field's known bits and flags. */
#define MCS_BW_KNOWN 0x01
#define MCS_INDEX_KNOWN 0x02
#define MCS_GI_KNOWN 0x04
#define MCS_FMT_KNOWN 0x08
#define MCS_FEC_KNOWN 0x10
#define MCS_STBC_KNOWN 0x20
#define MCS_BW_MASK 0x03
#define MCS_BW_40 1
#define MCS_SGI 0x04
#define MCS_GREENFIELD 0x08
#define MCS_LDPC 0x10
#define MCS_STBC_MASK 0x60
#define MCS_STBC_SHIFT 5

#define VHT_GI_KNOWN 0x0004
#define VHT_BW_KNOWN 0x0040
#define VHT_SGI 0x04

/*
 * Where the fields are read: the header's octets and the next one's
 * offset, each field aligned to its size from the header's start.
 */
struct rt_cursor {
	const uint8_t *buf;
	unsigned len;
	unsigned off;
};

/* The offset a field of size octets starts at, or -1 past the header. */
static long rt_reserve(const struct rt_cursor *s, unsigned size)
{
	unsigned at = s->off, mis = at % size;

	if (mis)
		at += size - mis;
	if ((unsigned long)at + size > s->len)
		return -1;
	return (long)at;
}

/* Reads a field of 1, 2, 4 or 8 octets: 1 read, 0 past the header, PR_STOP. */
static int rt_get(struct pr_ctx *c, struct rt_cursor *s, unsigned size,
		  uint64_t *v)
{
	long at = size == 1 ? (s->off < s->len ? (long)s->off : -1) :
			      rt_reserve(s, size);
	const uint8_t *p;
	uint32_t lo = 0, hi = 0;
	uint16_t h16;
	uint8_t b;

	if (at < 0)
		return 0;
	p = s->buf + at;
	switch (size) {
	case 1:
		PR_U8(c, p, b);
		lo = b;
		break;
	case 2:
		PR_LE16(c, p, h16);
		lo = h16;
		break;
	case 4:
		PR_LE32(c, p, lo);
		break;
	default:
		PR_LE32(c, p, lo);
		PR_LE32(c, p + 4, hi);
		break;
	}
	*v = (uint64_t)hi << 32 | lo;
	s->off = (unsigned)at + size;
	return 1;
}

/*
 * The HT data rate of an MCS index (IEEE 802.11-2020 19.5) in tenths of
 * Mb/s, 0 when there is none. Every rate is a multiple of one stream's
 * BPSK rate 1/2 (6.5 Mb/s in 20 MHz, 13.5 in 40, with the 800 ns guard
 * interval); steps[] counts those multiples, from the modulations and
 * coding rate of each MCS's streams. The 400 ns guard interval divides
 * the symbol time by 0.9.
 */
static unsigned ht_rate(unsigned mcs, int bw40, int sgi)
{
	static const uint8_t base[8] = { 1, 2, 3, 4, 6, 8, 9, 10 };
	/* MCS 33 to 76: the unequal modulations */
	static const uint8_t unequal[44] = {
		6, 8, 10, 9, 12, 15,				/* 2 streams */
		8, 10, 10, 12, 14, 14, 16,			/* 3, rate 1/2 */
		12, 15, 15, 18, 21, 21, 24,			/* 3, rate 3/4 */
		10, 12, 14, 12, 14, 16, 18, 16, 18, 20, 20, 22, /* 4, 1/2 */
		15, 18, 21, 18, 21, 24, 27, 24, 27, 30, 30, 33, /* 4, 3/4 */
	};
	unsigned steps, lgi;

	if (mcs > 76)
		return 0;
	if (mcs == 32) { /* 40 MHz only: 6 Mb/s duplicated in both halves */
		lgi = bw40 ? 60 : 0;
	} else {
		steps = mcs < 32 ? base[mcs % 8] * (mcs / 8 + 1) :
				   unequal[mcs - 33];
		lgi = steps * (bw40 ? 135 : 65);
	}
	return sgi ? (lgi * 10 + 4) / 9 : lgi;
}

static void tenths_print(struct pr_ctx *c, unsigned v)
{
	pr_printf(c, "%u.%u", v / 10, v % 10);
}

/* The channel's frequency and what its flags say: "2412 MHz 11b ". */
static void chan_print(struct pr_ctx *c, unsigned freq, uint32_t flags,
		       uint32_t present)
{
	pr_printf(c, "%u MHz", freq);
	if (present & (1u << RT_MCS)) {
		pr_puts(c, " 11n"); /* an MCS field: 11n, whatever the flags */
	} else {
		if ((flags & (CH_2GHZ | CH_GFSK)) == (CH_2GHZ | CH_GFSK))
			pr_puts(c, " FHSS");
		if ((flags & (CH_5GHZ | CH_OFDM)) == (CH_5GHZ | CH_OFDM))
			pr_puts(c, flags & CH_HALF    ? " 11a/10Mhz" :
				   flags & CH_QUARTER ? " 11a/5Mhz" :
							" 11a");
		if ((flags & (CH_2GHZ | CH_OFDM)) == (CH_2GHZ | CH_OFDM) ||
		    (flags & (CH_2GHZ | CH_DYN)) == (CH_2GHZ | CH_DYN))
			pr_puts(c, flags & CH_HALF    ? " 11g/10Mhz" :
				   flags & CH_QUARTER ? " 11g/5Mhz" :
							" 11g");
		else if ((flags & (CH_2GHZ | CH_CCK)) == (CH_2GHZ | CH_CCK))
			pr_puts(c, " 11b");
		if (flags & CH_TURBO)
			pr_puts(c, " Turbo");
	}
	if (flags & CH_HT20)
		pr_puts(c, " ht/20");
	else if (flags & CH_HT40D)
		pr_puts(c, " ht/40-");
	else if (flags & CH_HT40U)
		pr_puts(c, " ht/40+");
	pr_putc(c, ' ');
}

static void mcs_print(struct pr_ctx *c, unsigned known, unsigned flags,
		      unsigned mcs)
{
	static const char *const bw[4] = { "20 MHz", "40 MHz", "20 MHz (L)",
					   "20 MHz (U)" };
	unsigned rate = 0;

	if (known & MCS_INDEX_KNOWN) {
		/* tcpdump looks the rate up knowing either of the two */
		if (known & (MCS_BW_KNOWN | MCS_GI_KNOWN))
			rate = ht_rate(mcs,
				       (flags & MCS_BW_MASK) == MCS_BW_40,
				       !!(flags & MCS_SGI));
		if (rate) {
			tenths_print(c, rate);
			pr_puts(c, " Mb/s ");
		}
		pr_printf(c, "MCS %u ", mcs);
	}
	if (known & MCS_BW_KNOWN)
		pr_printf(c, "%s ", bw[flags & MCS_BW_MASK]);
	if (known & MCS_GI_KNOWN)
		pr_printf(c, "%s GI ", flags & MCS_SGI ? "short" : "long");
	if (known & MCS_FMT_KNOWN)
		pr_printf(c, "%s ", flags & MCS_GREENFIELD ? "greenfield" :
							    "mixed");
	if (known & MCS_FEC_KNOWN)
		pr_printf(c, "%s FEC ", flags & MCS_LDPC ? "LDPC" : "BCC");
	if (known & MCS_STBC_KNOWN)
		pr_printf(c, "RX-STBC%u ",
			  (flags & MCS_STBC_MASK) >> MCS_STBC_SHIFT);
}

/* The VHT bandwidth field's values, tcpdump 4.99.3's words (21 twice "UUU"). */
static const char *const vht_bw[32] = {
	"20 MHz",	 "40 MHz",	 "20 MHz (L)",	  "20 MHz (U)",
	"80 MHz",	 "80 MHz (L)",	 "80 MHz (U)",	  "80 MHz (LL)",
	"80 MHz (LU)",	 "80 MHz (UL)",	 "80 MHz (UU)",	  "160 MHz",
	"160 MHz (L)",	 "160 MHz (U)",	 "160 MHz (LL)",  "160 MHz (LU)",
	"160 MHz (UL)",	 "160 MHz (UU)", "160 MHz (LLL)", "160 MHz (LLU)",
	"160 MHz (LUL)", "160 MHz (UUU)", "160 MHz (ULL)", "160 MHz (ULU)",
	"160 MHz (UUL)", "160 MHz (UUU)", "unknown (26)",  "unknown (27)",
	"unknown (28)",	 "unknown (29)", "unknown (30)",  "unknown (31)",
};

/* Reads the next field of size octets into v, or prints the marker. */
#define RT_FIELD(c, s, size, v)                                          \
	do {                                                             \
		int rc_ = rt_get((c), (s), (size), &(v));                \
		if (rc_ == PR_STOP)                                      \
			return PR_STOP;                                  \
		if (rc_ == 0)                                            \
			goto trunc;                                      \
	} while (0)

/*
 * One field: 0 when printed, -1 when the header's decoding ends (its
 * size is unknown, or it runs past the header: the marker is printed),
 * PR_STOP.
 */
static int field_print(struct pr_ctx *c, struct rt_cursor *s, unsigned bit,
		       uint8_t *flagsp, uint32_t present)
{
	uint64_t v, w, x, y;
	unsigned i;

	switch (bit) {
	case RT_TSFT:
		RT_FIELD(c, s, 8, v);
		pr_printf(c, "%lluus tsft ", (unsigned long long)v);
		break;
	case RT_FLAGS:
		RT_FIELD(c, s, 1, v);
		*flagsp = (uint8_t)v;
		if (v & RT_F_CFP)
			pr_puts(c, "cfp ");
		if (v & RT_F_SHORTPRE)
			pr_puts(c, "short preamble ");
		if (v & RT_F_WEP)
			pr_puts(c, "wep ");
		if (v & RT_F_FRAG)
			pr_puts(c, "fragmented ");
		if (v & RT_F_BADFCS)
			pr_puts(c, "bad-fcs ");
		break;
	case RT_RATE:
		RT_FIELD(c, s, 1, v);
		/* 0x80 to 0x8f: an MCS index, as FreeBSD gives one */
		if (v >= 0x80 && v <= 0x8f) {
			pr_printf(c, "MCS %u ", (unsigned)(v & 0x7f));
		} else {
			pr_uint(c, v / 2);
			pr_puts(c, v & 1 ? ".5 Mb/s " : ".0 Mb/s ");
		}
		break;
	case RT_CHANNEL:
		RT_FIELD(c, s, 2, v);
		RT_FIELD(c, s, 2, w);
		/* the extended channel, when present, says it instead */
		if (!(present & (1u << RT_XCHANNEL)))
			chan_print(c, (unsigned)v, (uint32_t)w, present);
		break;
	case RT_FHSS:
		RT_FIELD(c, s, 1, v);
		RT_FIELD(c, s, 1, w);
		pr_printf(c, "fhset %u fhpat %u ", (unsigned)v, (unsigned)w);
		break;
	case RT_DBM_ANTSIGNAL:
		RT_FIELD(c, s, 1, v);
		pr_printf(c, "%ddBm signal ", (int)(int8_t)v);
		break;
	case RT_DBM_ANTNOISE:
		RT_FIELD(c, s, 1, v);
		pr_printf(c, "%ddBm noise ", (int)(int8_t)v);
		break;
	case RT_LOCK_QUALITY:
		RT_FIELD(c, s, 2, v);
		pr_printf(c, "%u sq ", (unsigned)v);
		break;
	case RT_TX_ATTENUATION:
		RT_FIELD(c, s, 2, v);
		pr_printf(c, "%d tx power ", -(int)(int16_t)v);
		break;
	case RT_DB_TX_ATTENUATION:
		RT_FIELD(c, s, 1, v);
		pr_printf(c, "%ddB tx attenuation ", -(int)(int8_t)v);
		break;
	case RT_DBM_TX_POWER:
		RT_FIELD(c, s, 1, v);
		pr_printf(c, "%ddBm tx power ", (int)(int8_t)v);
		break;
	case RT_ANTENNA:
		RT_FIELD(c, s, 1, v);
		pr_printf(c, "antenna %u ", (unsigned)v);
		break;
	case RT_DB_ANTSIGNAL:
		RT_FIELD(c, s, 1, v);
		pr_printf(c, "%udB signal ", (unsigned)v);
		break;
	case RT_DB_ANTNOISE:
		RT_FIELD(c, s, 1, v);
		pr_printf(c, "%udB noise ", (unsigned)v);
		break;
	case RT_RX_FLAGS:
		RT_FIELD(c, s, 2, v); /* read, not shown */
		break;
	case RT_XCHANNEL:
		RT_FIELD(c, s, 4, v); /* flags */
		RT_FIELD(c, s, 2, w); /* frequency */
		RT_FIELD(c, s, 1, x); /* channel */
		RT_FIELD(c, s, 1, y); /* maximum power */
		chan_print(c, (unsigned)w, (uint32_t)v, present);
		break;
	case RT_MCS:
		RT_FIELD(c, s, 1, v); /* known */
		RT_FIELD(c, s, 1, w); /* flags */
		RT_FIELD(c, s, 1, x); /* index */
		mcs_print(c, (unsigned)v, (unsigned)w, (unsigned)x);
		break;
	case RT_AMPDU_STATUS:
		RT_FIELD(c, s, 4, v); /* reference number */
		RT_FIELD(c, s, 2, v); /* flags */
		RT_FIELD(c, s, 1, v); /* delimiter CRC */
		RT_FIELD(c, s, 1, v); /* reserved */
		break;
	case RT_VHT: {
		uint64_t known, flags, bw, mcs_nss[4], coding;

		RT_FIELD(c, s, 2, known);
		RT_FIELD(c, s, 1, flags);
		RT_FIELD(c, s, 1, bw);
		for (i = 0; i < 4; i++)
			RT_FIELD(c, s, 1, mcs_nss[i]);
		RT_FIELD(c, s, 1, coding);
		RT_FIELD(c, s, 1, v); /* group ID */
		RT_FIELD(c, s, 2, v); /* partial AID */
		for (i = 0; i < 4; i++) {
			if (!(mcs_nss[i] & 0x0f)) /* no spatial streams */
				continue;
			pr_printf(c, "User %u MCS %u ", i,
				  (unsigned)(mcs_nss[i] >> 4) & 0x0f);
			pr_printf(c, "%s FEC ",
				  coding & (1u << i) ? "LDPC" : "BCC");
		}
		if (known & VHT_BW_KNOWN)
			pr_printf(c, "%s ", vht_bw[bw & 0x1f]);
		if (known & VHT_GI_KNOWN)
			pr_printf(c, "%s GI ",
				  flags & VHT_SGI ? "short" : "long");
		break;
	}
	default:
		pr_printf(c, "[bit %u] ", bit);
		return -1;
	}
	return 0;
trunc:
	pr_trunc(c);
	return -1;
}

/* The fields of one presence word of the radiotap namespace: 0, -1, PR_STOP. */
static int namespace_print(struct pr_ctx *c, struct rt_cursor *s,
			   uint8_t *flagsp, uint32_t present, unsigned bit0)
{
	uint32_t left;
	int rc;

	for (left = present; left; left &= left - 1) {
		unsigned bitno = (unsigned)__builtin_ctz(left);

		/* bits 29 to 31 mean the same in every word */
		if (bitno >= RT_NAMESPACE)
			break;
		rc = field_print(c, s, bit0 + bitno, flagsp, present);
		if (rc)
			return rc;
	}
	return 0;
}

/* A vendor namespace's OUI (3), sub-namespace (1) and skip length (2). */
static int vendor_ns_read(struct pr_ctx *c, struct rt_cursor *s,
			  unsigned *skip)
{
	uint64_t v;
	int i, rc;

	/*
	 * tcpdump checks that 2 aligned octets remain but reads the OUI
	 * from where the previous field ended, unaligned.
	 */
	if (rt_reserve(s, 2) < 0)
		return 0;
	for (i = 0; i < 4; i++) {
		rc = rt_get(c, s, 1, &v);
		if (rc <= 0)
			return rc;
	}
	rc = rt_get(c, s, 2, &v);
	if (rc <= 0)
		return rc;
	*skip = (unsigned)v;
	return 1;
}

int radiotap_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen, len, bit0 = 0, skip = 0, hdrlen;
	const uint8_t *last, *w;
	struct rt_cursor s;
	uint32_t present;
	uint16_t len16;
	uint8_t flags = 0;
	int vendor = 0, rc;

	c->proto = "802.11_radio";
	c->ll_hdr_len = caplen;
	if (caplen < RT_HDRLEN) {
		pr_trunc(c);
		return 0;
	}
	PR_LE16(c, p + 2, len16);
	len = len16;
	if (len < RT_HDRLEN || caplen < len) {
		pr_trunc(c);
		return 0;
	}
	s.buf = p;
	s.len = len;
	s.off = RT_HDRLEN;
	for (last = p + 4; last + 4 <= p + len; last += 4) {
		PR_LE32(c, last, present);
		if (!(present & (1u << RT_EXT)))
			break;
		s.off += 4;
	}
	if (last + 4 > p + len) { /* more presence words than header */
		pr_trunc(c);
		return 0;
	}

	for (w = p + 4; w <= last; w += 4) {
		PR_LE32(c, w, present);
		if (vendor) {
			/* a vendor's fields are not decoded: skipped */
			if ((unsigned long)s.off + skip > s.len)
				break;
			s.off += skip;
			skip = 0;
		} else {
			rc = namespace_print(c, &s, &flags, present, bit0);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc)
				break;
		}
		switch (present & (1u << RT_NAMESPACE | 1u << RT_VENDOR_NAMESPACE)) {
		case 0:
			bit0 += 32;
			break;
		case 1u << RT_NAMESPACE:
			bit0 = 0;
			vendor = 0;
			skip = 0;
			break;
		case 1u << RT_VENDOR_NAMESPACE:
			bit0 = 0;
			vendor = 1;
			rc = vendor_ns_read(c, &s, &skip);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc == 0)
				pr_trunc(c);
			break;
		default: /* both: undefined, both ignored */
			break;
		}
	}

	rc = wlan_frame_print(c, p + len, length - len, caplen - len,
			      !!(flags & RT_F_DATAPAD),
			      flags & RT_F_FCS ? 4 : 0, &hdrlen);
	c->ll_hdr_len = len + hdrlen;
	return rc;
}
