/* print-mfr.c: Multilink Frame Relay (DLT_MFR, FRF.16.1): link integrity control messages and fragments. */
/*
 * FRF.16.1, Multilink Frame Relay UNI/NNI. Every frame on a bundle's
 * link starts with two octets; the B, E and C bits tell a control
 * message from a fragment:
 *
 *  8   7   6   5   4   3   2   1
 *  +---+---+---+---+---+---+---+---+
 *  | B | E |C=1| 0   0   0   0 |EA |  link integrity control (B, E set)
 *  +---+---+---+---+---+---+---+---+
 *  | 0   0   0   0   0   0   0   0 |
 *  +---+---+---+---+---+---+---+---+
 *  | message type                  |  1 add link ... 7 remove link ack
 *  +---+---+---+---+---+---+---+---+
 *  | IEs: type (1), length (1, the |  1 bundle ID, 2 link ID, 3 magic
 *  | two header octets included),  |  number, 5 timestamp, 6 vendor
 *  | contents                      |  extension, 7 cause
 *  +-------------------------------+
 *
 *  +---+---+---+---+---+---+---+---+
 *  | B | E |C=0| sequence (hi 4)|EA |  fragment
 *  +---+---+---+---+---+---+---+---+
 *  | sequence (low 8 bits)         |
 *  +---+---+---+---+---+---+---+---+
 *  | Q.922 address and the frame   |  in a first (or only) fragment
 *  +-------------------------------+
 *
 * A first or whole fragment goes to the Frame Relay printer
 * (print-fr.c); later ones are shown in hex.
 */
#include "capture/print-int.h"
#include "capture/pr-ts.h"

#define MFR_B_BIT 0x80
#define MFR_E_BIT 0x40
#define MFR_C_BIT 0x20
#define MFR_BEC_MASK (MFR_B_BIT | MFR_E_BIT | MFR_C_BIT)
#define MFR_CTRL_FRAME MFR_BEC_MASK
#define MFR_FRAG_FRAME (MFR_B_BIT | MFR_E_BIT)

#define MFR_IE_BUNDLE_ID 1
#define MFR_IE_LINK_ID 2
#define MFR_IE_MAGIC_NUM 3
#define MFR_IE_TIMESTAMP 5
#define MFR_IE_VENDOR_EXT 6
#define MFR_IE_CAUSE 7

#define MFR_ID_MAXLEN 50 /* the octets of an ID string shown */
/*
 * tcpdump shows a 16-octet timestamp IE as the struct timeval of the
 * host it runs on: two 64-bit little-endian words on x86-64.
 */
#define MFR_TIMEVAL_LEN 16

static const struct pr_tok mfr_flags[] = {
	{ MFR_B_BIT, "Begin" },
	{ MFR_E_BIT, "End" },
	{ MFR_C_BIT, "Control" },
	{ 0, NULL },
};

static const struct pr_tok mfr_msg_names[] = {
	{ 1, "Add Link" },
	{ 2, "Add Link ACK" },
	{ 3, "Add Link Reject" },
	{ 4, "Hello" },
	{ 5, "Hello ACK" },
	{ 6, "Remove Link" },
	{ 7, "Remove Link ACK" },
	{ 0, NULL },
};

static const struct pr_tok mfr_ie_names[] = {
	{ MFR_IE_BUNDLE_ID, "Bundle ID" },
	{ MFR_IE_LINK_ID, "Link ID" },
	{ MFR_IE_MAGIC_NUM, "Magic Number" },
	{ MFR_IE_TIMESTAMP, "Timestamp" },
	{ MFR_IE_VENDOR_EXT, "Vendor Extension" },
	{ MFR_IE_CAUSE, "Cause" },
	{ 0, NULL },
};

/* A 64-bit little-endian word of n captured octets at p. */
static int64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return (int64_t)v;
}

/* The contents of one IE, n captured octets at p. */
static void ie_print(struct pr_ctx *c, unsigned type, const uint8_t *p,
		     unsigned n)
{
	const uint8_t *b = pk_span(&c->pk, p, n);
	unsigned i;

	switch (type) {
	case MFR_IE_MAGIC_NUM:
		if (n != 4) {
			pr_printf(c, "[IE data length %d != 4]", (int)n);
			pr_invalid(c);
			return;
		}
		pr_printf(c, "0x%08x", (unsigned)b[0] << 24 | b[1] << 16 |
						 b[2] << 8 | b[3]);
		return;
	case MFR_IE_BUNDLE_ID:
	case MFR_IE_LINK_ID:
		for (i = 0; i < n && i < MFR_ID_MAXLEN && b[i] != 0; i++)
			pr_char(c, b[i]);
		return;
	case MFR_IE_TIMESTAMP:
		if (n == MFR_TIMEVAL_LEN) {
			pr_ts_print(c, le64(b), le64(b + 8));
			return;
		}
		break;
	default:
		break;
	}
	/* the vendor extension, the cause and unknown IEs: in hex */
	if (c->o.vflag <= 1)
		pr_unknown_data(c, p, "\n\t  ", n);
}

/*
 * A control message after its three octets (-v: its IEs). tcpdump's own
 * checks that fail print the marker and make the whole frame the link
 * header: the return is then length.
 */
static unsigned ctrl_print(struct pr_ctx *c, const uint8_t *p,
			   unsigned length)
{
	const uint8_t *t = p + 3;
	unsigned tlen = length - 3;
	uint8_t type, len;

	if (!c->o.vflag)
		return 3;
	while (tlen > 2) {
		if (!pk_u8(&c->pk, t, &type) || !pk_u8(&c->pk, t + 1, &len)) {
			pr_trunc(c);
			return length;
		}
		pr_puts(c, "\n\tIE ");
		pr_tok_print(c, mfr_ie_names, "Unknown", type);
		pr_printf(c, " (%u), length %u: ", type, len);
		if (type == 0 || len <= 2)
			return 3;
		if (!pr_has(c, t, len)) {
			pr_trunc(c);
			return length;
		}
		/* the IE's length counts its two header octets */
		t += 2;
		len -= 2;
		tlen -= 2;
		ie_print(c, type, t, len);
		if (c->o.vflag > 1)
			pr_unknown_data(c, t, "\n\t  ", len);
		/* tlen wraps when an IE claims more: the capture ends it */
		tlen -= len;
		t += len;
	}
	return 3;
}

/* The frame; its return is the link header's length, for -x. */
static unsigned mfr_frame(struct pr_ctx *c, const uint8_t *p,
			  unsigned length)
{
	uint8_t a, b, msg, bec;
	unsigned seq;

	c->proto = "mfr";
	if (length < 4) {
		pr_printf(c, "[length %u < 4]", length);
		pr_invalid(c);
		return length;
	}
	if (!pr_has(c, p, 4)) {
		pr_trunc(c);
		return length;
	}
	a = pk_span(&c->pk, p, 4)[0];
	b = p[1];
	msg = p[2];
	bec = a & MFR_BEC_MASK;
	if (bec == MFR_CTRL_FRAME && b == 0) {
		pr_puts(c, "FRF.16 Control, Flags [");
		pr_bittok_print(c, mfr_flags, ", ", "none", bec);
		pr_puts(c, "], ");
		pr_tok_print(c, mfr_msg_names, "Unknown Message (0x%02x)", msg);
		pr_printf(c, ", length %u", length);
		return ctrl_print(c, p, length);
	}
	seq = (unsigned)(a & 0x1e) << 7 | b;
	pr_printf(c, "FRF.16 Frag, seq %u, Flags [", seq);
	pr_bittok_print(c, mfr_flags, ", ", "none", bec);
	if (bec == MFR_FRAG_FRAME || bec == MFR_B_BIT) {
		pr_puts(c, "], ");
		fr_body_print(c, p + 2, length - 2);
		return 2;
	}
	/* a middle or last fragment: nothing to decode; no header for -x */
	pr_putc(c, ']');
	pr_unknown_data(c, p, "\n\t", length);
	return 0;
}

int mfr_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;

	c->proto = "mfr";
	c->ll_hdr_len = 0;
	if (caplen < 2) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	c->ll_hdr_len = mfr_frame(c, p, length);
	return c->stopped ? PR_STOP : 0;
}
