/* print-bfd.c: BFD control packets (RFC 5880) on UDP 3784, 4784 (multihop, RFC 5883) and 6784 (LAG, RFC 7130), and echo (3785). */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Vers |  Diag   |Sta|P|F|C|A|D|M|  Detect Mult  |    Length     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       My Discriminator                        |
 *  |                      Your Discriminator                       |
 *  |                    Desired Min TX Interval                    |
 *  |                   Required Min RX Interval                    |
 *  |                 Required Min Echo RX Interval                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Auth Type   |   Auth Len    |  Auth Key ID  | (A bit set)   |
 *  |  simple: password (1-16)  |  MD5/SHA1: reserved, sequence,   |
 *  |  digest (16) or hash (20)                                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Version 0 (the draft) puts six flags where version 1 has the state.
 * tcpdump chooses BFD by the destination port only.
 */
#include "capture/print-int.h"

#define BFD_HDRLEN 24u
#define BFD_FLAG_AUTH 0x04
#define PORT_CONTROL 3784
#define PORT_ECHO 3785
#define PORT_MULTIHOP 4784
#define PORT_LAG 6784

static const struct pr_tok auth_names[] = {
	{ 1, "Simple Password" },
	{ 2, "Keyed MD5" },
	{ 3, "Meticulous Keyed MD5" },
	{ 4, "Keyed SHA1" },
	{ 5, "Meticulous Keyed SHA1" },
	{ 0, NULL },
};

static const struct pr_tok diag_names[] = {
	{ 0, "No Diagnostic" },
	{ 1, "Control Detection Time Expired" },
	{ 2, "Echo Function Failed" },
	{ 3, "Neighbor Signaled Session Down" },
	{ 4, "Forwarding Plane Reset" },
	{ 5, "Path Down" },
	{ 6, "Concatenated Path Down" },
	{ 7, "Administratively Down" },
	{ 8, "Reverse Concatenated Path Down" },
	{ 0, NULL },
};

static const struct pr_tok port_names[] = {
	{ PORT_CONTROL, "Control" },
	{ PORT_MULTIHOP, "Multihop" },
	{ PORT_LAG, "Lag" },
	{ 0, NULL },
};

static const struct pr_tok v0_flag_names[] = {
	{ 0x80, "I Hear You" },
	{ 0x40, "Demand" },
	{ 0x20, "Poll" },
	{ 0x10, "Final" },
	{ 0x08, "Control Plane Independent" },
	{ BFD_FLAG_AUTH, "Authentication Present" },
	{ 0x02, "Reserved" },
	{ 0x01, "Reserved" },
	{ 0, NULL },
};

static const struct pr_tok v1_flag_names[] = {
	{ 0x20, "Poll" },
	{ 0x10, "Final" },
	{ 0x08, "Control Plane Independent" },
	{ BFD_FLAG_AUTH, "Authentication Present" },
	{ 0x02, "Demand" },
	{ 0x01, "Multipoint" },
	{ 0, NULL },
};

static const struct pr_tok state_names[] = {
	{ 0, "AdminDown" },
	{ 1, "Down" },
	{ 2, "Init" },
	{ 3, "Up" },
	{ 0, NULL },
};

/* The authentication section after the fixed header. */
static int auth_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t type, alen, key;
	uint32_t seq;
	unsigned i, hashlen;

	p += BFD_HDRLEN;
	PR_NEED(c, p, 4);
	PR_U8(c, p, type);
	PR_U8(c, p + 1, alen);
	pr_puts(c, "\n\tAuthentication: ");
	pr_tok_print(c, auth_names, "Unknown", type);
	pr_printf(c, " (%u), length: %u", type, alen);
	PR_U8(c, p + 2, key);
	pr_printf(c, "\n\t  Auth Key ID: %u", key);
	switch (type) {
	case 1:
		if (alen < 4 || alen > 19) {
			pr_printf(c, "[invalid length %u]", alen);
			break;
		}
		pr_puts(c, ", Password: ");
		pr_printn(c, p + 3, alen - 3u);
		break;
	case 2:
	case 3:
	case 4:
	case 5:
		hashlen = type <= 3 ? 16 : 20;
		if (alen != hashlen + 8) {
			pr_printf(c, "[invalid length %u]", alen);
			break;
		}
		PR_BE32(c, p + 4, seq);
		pr_printf(c, ", Sequence Number: 0x%08x", seq);
		PR_NEED(c, p + 8, hashlen);
		pr_puts(c, type <= 3 ? "\n\t  Digest: " : "\n\t  Hash: ");
		for (i = 0; i < hashlen; i++) {
			uint8_t b;

			PR_U8(c, p + 8 + i, b);
			pr_hex(c, b, 2);
		}
		break;
	default:
		break;
	}
	return 0;
}

/* The fields after the first line of a v0 or v1 control packet at -v. */
static int control_body_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t mult, blen;
	uint32_t my, your, tx, rx, echo;

	PR_U8(c, p + 2, mult);
	PR_BE32(c, p + 12, tx);
	PR_U8(c, p + 3, blen);
	pr_printf(c,
		  "\n\tDetection Timer Multiplier: %u (%u ms Detection time), BFD Length: %u",
		  mult, (uint32_t)(mult * tx) / 1000, blen);
	PR_BE32(c, p + 4, my);
	pr_printf(c, "\n\tMy Discriminator: 0x%08x", my);
	PR_BE32(c, p + 8, your);
	pr_printf(c, ", Your Discriminator: 0x%08x", your);
	pr_printf(c, "\n\t  Desired min Tx Interval:    %4u ms", tx / 1000);
	PR_BE32(c, p + 16, rx);
	pr_printf(c, "\n\t  Required min Rx Interval:   %4u ms", rx / 1000);
	PR_BE32(c, p + 20, echo);
	pr_printf(c, "\n\t  Required min Echo Interval: %4u ms", echo / 1000);
	return 0;
}

static int control_print(struct pr_ctx *c, const uint8_t *p, unsigned len,
			 unsigned port)
{
	uint8_t vd, flags;
	unsigned version, diag;

	PR_NEED(c, p, BFD_HDRLEN);
	PR_U8(c, p, vd);
	PR_U8(c, p + 1, flags);
	version = vd >> 5;
	diag = vd & 0x1f;
	if (version > 1) {
		pr_printf(c, "BFDv%u, Control, length: %u", version, len);
		if (c->o.vflag)
			pr_unknown_data(c, p, "\n\t", len);
		return 0;
	}
	if (!c->o.vflag) {
		if (version == 0) {
			pr_puts(c, "BFDv0, Control, Flags: [");
			pr_bittok_print(c, v0_flag_names, ", ", "none", flags);
		} else {
			pr_puts(c, "BFDv1, ");
			pr_tok_print(c, port_names, "unknown (%u)", port);
			pr_puts(c, ", State ");
			pr_tok_print(c, state_names, "unknown (%u)", flags >> 6);
			pr_puts(c, ", Flags: [");
			pr_bittok_print(c, v1_flag_names, ", ", "none",
					flags & 0x3f);
		}
		pr_printf(c, "], length: %u", len);
		return 0;
	}
	pr_printf(c, "BFDv%u, length: %u\n\t", version, len);
	if (version == 0) {
		pr_puts(c, "Control, Flags: [");
		pr_bittok_print(c, v0_flag_names, ", ", "none", flags);
	} else {
		pr_tok_print(c, port_names, "unknown (%u)", port);
		pr_puts(c, ", State ");
		pr_tok_print(c, state_names, "unknown (%u)", flags >> 6);
		pr_puts(c, ", Flags: [");
		pr_bittok_print(c, v1_flag_names, ", ", "none", flags & 0x3f);
	}
	pr_puts(c, "], Diagnostic: ");
	pr_tok_print(c, diag_names, "unknown", diag);
	pr_printf(c, " (0x%02x)", diag);
	if (control_body_print(c, p) == PR_STOP)
		return PR_STOP;
	if (flags & BFD_FLAG_AUTH)
		return auth_print(c, p);
	return 0;
}

/* 1 when the destination port is none of BFD's: not BFD after all. */
int bfd_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned port = c->dport;

	c->proto = "bfd";
	if (port == PORT_CONTROL || port == PORT_MULTIHOP || port == PORT_LAG)
		return control_print(c, p, len, port);
	if (port != PORT_ECHO)
		return 1;
	pr_printf(c, "BFD, Echo, length: %u", len);
	if (c->o.vflag)
		pr_unknown_data(c, p, "\n\t", len);
	return 0;
}
