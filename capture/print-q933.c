/* print-q933.c: ITU-T Q.933 signalling behind NLPID 0x08: the LMI status and status-enquiry messages and their IEs. */
/*
 * ITU-T Q.933 (Frame Relay's Q.931) messages, and the local management
 * interface of ANSI T1.617 Annex D and ITU-T Q.933 Annex A that uses
 * them. After the Q.922 address, UI control and NLPID 0x08:
 *
 *  8   7   6   5   4   3   2   1
 *  +---+---+---+---+---+---+---+---+
 *  | 0   0   0   0 | call ref len  |  octet 2: 0 to 15
 *  +---+---+---+---+---+---+---+---+
 *  | call reference value ...      |
 *  +---+---+---+---+---+---+---+---+
 *  | message type                  |  0x75 status enquiry, 0x7d status
 *  +---+---+---+---+---+---+---+---+
 *  | IEs: 1 x x x (one octet; 1001 |  0x95: locking shift to codeset 5
 *  |  L ccc: a shift to codeset c) |  (ANSI T1.617 Annex D)
 *  |  or 0 id, length, contents    |
 *  +-------------------------------+
 *
 * The LMI IEs of codesets 0 and 5: report type (0x01/0x51: 0 full
 * status, 1 link verify, 2 async PVC status), link integrity
 * verification (0x03/0x53, and 0x19: send and receive sequence
 * numbers) and PVC status (0x07/0x57: a 2- to 4-octet DLCI, then
 * New 0x08 and Active 0x02).
 *
 * Where tcpdump stops a message early (a length or the capture ends) it
 * prints its marker and returns, so the layers below carry on; only the
 * read of the octet after the message type for the dummy call reference
 * ends the packet.
 */
#include "capture/print-int.h"

#define Q933_SHIFT_MASK 0xf0
#define Q933_SHIFT 0x90
#define Q933_SHIFT_NONLOCKING 0x08
#define Q933_SINGLE_OCTET 0x80

#define IE_ANSI_REPORT_TYPE 0x01
#define IE_ANSI_LINK_VERIFY_91 0x19
#define IE_ANSI_LINK_VERIFY 0x03
#define IE_ANSI_PVC_STATUS 0x07
#define IE_CCITT_REPORT_TYPE 0x51
#define IE_CCITT_LINK_VERIFY 0x53
#define IE_CCITT_PVC_STATUS 0x57

static const struct pr_tok q933_msg_names[] = {
	{ 0x00, "ESC to National" },
	{ 0x01, "Alert" },
	{ 0x02, "Call proceeding" },
	{ 0x07, "Connect" },
	{ 0x0f, "Connect ACK" },
	{ 0x03, "Progress" },
	{ 0x05, "Setup" },
	{ 0x45, "Disconnect" },
	{ 0x4d, "Release" },
	{ 0x5a, "Release Complete" },
	{ 0x46, "Restart" },
	{ 0x4e, "Restart ACK" },
	{ 0x7d, "Status Reply" },
	{ 0x75, "Status Enquiry" },
	{ 0, NULL },
};

/* The IEs of codesets 0 and 5, the only ones named. */
static const struct pr_tok q933_ie_names[] = {
	{ IE_ANSI_REPORT_TYPE, "ANSI Report Type" },
	{ IE_ANSI_LINK_VERIFY_91, "ANSI Link Verify" },
	{ IE_ANSI_LINK_VERIFY, "ANSI Link Verify" },
	{ IE_ANSI_PVC_STATUS, "ANSI PVC Status" },
	{ IE_CCITT_REPORT_TYPE, "CCITT Report Type" },
	{ IE_CCITT_LINK_VERIFY, "CCITT Link Verify" },
	{ IE_CCITT_PVC_STATUS, "CCITT PVC Status" },
	{ 0, NULL },
};

static const struct pr_tok report_type_names[] = {
	{ 0, "Full Status" },
	{ 1, "Link verify" },
	{ 2, "Async PVC Status" },
	{ 0, NULL },
};

static int codeset_known(unsigned codeset)
{
	return codeset == 0 || codeset == 5;
}

/*
 * The n octets of a PVC status IE hold a valid DLCI: 3 to 5 octets, the
 * extension bit (0x80) clear in the first, set in the one before the
 * status and in the status, clear in those between.
 */
static int pvc_valid(const uint8_t *b, unsigned n)
{
	unsigned i;

	if (n < 3 || n > 5 || (b[0] & 0x80) || !(b[n - 1] & 0x80) ||
	    !(b[n - 2] & 0x80))
		return 0;
	for (i = 1; i + 2 < n; i++)
		if (b[i] & 0x80)
			return 0;
	return 1;
}

/*
 * An IE of codesets 0 and 5 whose n octets at p were captured: 1 when it
 * is one of the LMI's, printed, 0 when not known.
 */
static int lmi_ie_print(struct pr_ctx *c, unsigned id, const uint8_t *p,
			unsigned n)
{
	const uint8_t *b = pk_span(&c->pk, p, n);
	const char *sep = c->o.vflag ? "" : ", ";
	unsigned dlci;

	switch (id) {
	case IE_ANSI_REPORT_TYPE:
	case IE_CCITT_REPORT_TYPE:
		if (c->o.vflag) {
			pr_tok_print(c, report_type_names, "unknown", b[0]);
			pr_printf(c, " (%u)", b[0]);
		}
		return 1;
	case IE_ANSI_LINK_VERIFY:
	case IE_CCITT_LINK_VERIFY:
	case IE_ANSI_LINK_VERIFY_91:
		pr_puts(c, sep);
		if (n < 2)
			pr_puts(c, "Invalid LINK VERIFY IE");
		else
			pr_printf(c, "TX Seq: %3d, RX Seq: %3d", b[0], b[1]);
		return 1;
	case IE_ANSI_PVC_STATUS:
	case IE_CCITT_PVC_STATUS:
		pr_puts(c, sep);
		if (!pvc_valid(b, n)) {
			pr_puts(c, "Invalid DLCI in PVC STATUS IE");
			return 1;
		}
		dlci = (unsigned)(b[0] & 0x3f) << 4 | (unsigned)(b[1] & 0x78) >> 3;
		if (n == 4)
			dlci = dlci << 6 | (unsigned)(b[2] & 0x7e) >> 1;
		else if (n == 5)
			dlci = dlci << 13 | (b[2] & 0x7f) |
			       (unsigned)(b[3] & 0x7e) >> 1;
		pr_printf(c, "DLCI %u: status %s%s", dlci,
			  b[n - 1] & 0x08 ? "New, " : "",
			  b[n - 1] & 0x02 ? "Active" : "Inactive");
		return 1;
	default:
		return 0;
	}
}

/* A message that ended early: without -e, the lead's ", ", and the length. */
static int short_msg(struct pr_ctx *c, unsigned olen)
{
	if (!c->o.eflag)
		pr_puts(c, ", ");
	pr_printf(c, "length %u", olen);
	pr_trunc(c);
	return 0;
}

/* An IE that ended early: the length without -v, and the marker. */
static int short_ie(struct pr_ctx *c, unsigned olen)
{
	if (!c->o.vflag)
		pr_printf(c, ", length %u", olen);
	pr_trunc(c);
	return 0;
}

int q933_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned olen = length, crlen, i, codeset = 0, unshift = 0;
	unsigned id, n, ansi = 0, nonlocking = 0;
	uint8_t cref[15], msg, b;

	c->proto = "q.933";
	if (!c->o.eflag)
		pr_puts(c, "Q.933");
	if (length == 0 || !pk_u8(&c->pk, p, &b))
		return short_msg(c, length);
	crlen = b & 0x0f;
	p++;
	length--;
	for (i = 0; i < crlen; i++) {
		if (length == 0 || !pk_u8(&c->pk, p, &cref[i]))
			return short_msg(c, olen);
		p++;
		length--;
	}
	if (length == 0 || !pk_u8(&c->pk, p, &msg))
		return short_msg(c, olen);
	p++;
	length--;

	/* a shift right after the message type sets the message's codeset */
	if (length != 0) {
		if (!pk_u8(&c->pk, p, &b))
			return short_msg(c, olen);
		if ((b & Q933_SHIFT_MASK) == Q933_SHIFT) {
			p++;
			length--;
			codeset = b & 0x07;
			if (!(b & Q933_SHIFT_NONLOCKING)) {
				/* T1.617 Annex D locks codeset 5 */
				if (codeset == 5)
					ansi = 1;
			} else {
				nonlocking = 1;
				unshift = 0;
			}
		}
	}

	if (!c->o.eflag)
		pr_puts(c, ", ");
	pr_printf(c, "%s, codeset %u", ansi ? "ANSI" : "CCITT", codeset);
	if (crlen != 0) {
		/*
		 * tcpdump tells a dummy call reference by the octet after
		 * the message type, not the reference's own: it reads that
		 * octet, and a capture that ends there ends the packet.
		 */
		if (crlen == 1)
			PR_U8(c, p, b);
		if (crlen > 1 || b != 0) {
			pr_puts(c, ", Call Ref: 0x");
			for (i = 0; i < crlen; i++)
				pr_hex(c, cref[i], 2);
		}
	}
	if (c->o.vflag) {
		pr_puts(c, ", ");
		pr_tok_print(c, q933_msg_names, "unknown message", msg);
		pr_printf(c, " (0x%02x), length %u", msg, olen);
	} else {
		pr_puts(c, ", ");
		pr_tok_print(c, q933_msg_names, "unknown message 0x%02x", msg);
	}

	while (length != 0) {
		/* a non-locking shift holds for one IE */
		if (nonlocking == 1) {
			nonlocking = 2;
		} else if (nonlocking == 2) {
			codeset = unshift;
			nonlocking = 0;
		}
		if (!pk_u8(&c->pk, p, &b))
			return short_ie(c, olen);
		id = b;
		p++;
		length--;
		if (id & Q933_SINGLE_OCTET) {
			if ((id & Q933_SHIFT_MASK) == Q933_SHIFT) {
				if (!(id & Q933_SHIFT_NONLOCKING)) {
					nonlocking = 0;
				} else {
					nonlocking = 1;
					unshift = codeset;
				}
				codeset = id & 0x07;
			}
			continue;
		}
		if (length == 0 || !pk_u8(&c->pk, p, &b))
			return short_ie(c, olen);
		n = b;
		p++;
		length--;
		if (c->o.vflag) {
			pr_puts(c, "\n\t");
			if (codeset_known(codeset))
				pr_tok_print(c, q933_ie_names, "unknown", id);
			else
				pr_puts(c, "unknown");
			pr_printf(c, " IE (0x%02x), length %u: ", id, n);
		}
		if (id == 0 || n == 0)
			return 0;
		if (length < n || !pr_has(c, p, n))
			return short_ie(c, olen);
		if (codeset_known(codeset) && lmi_ie_print(c, id, p, n)) {
			if (c->o.vflag > 1)
				pr_unknown_data(c, p, "\n\t  ", n);
		} else if (c->o.vflag) {
			pr_unknown_data(c, p, "\n\t", n);
		}
		length -= n;
		p += n;
	}
	if (!c->o.vflag)
		pr_printf(c, ", length %u", olen);
	return 0;
}
