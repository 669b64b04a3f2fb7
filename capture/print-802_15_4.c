/* print-802_15_4.c: IEEE 802.15.4 MAC frames (DLT_IEEE802_15_4, DLT_IEEE802_15_4_NOFCS). */
/*
 * IEEE Std 802.15.4-2015, 7.2: a MAC frame is a 2-octet frame control
 * field, little-endian like every field, then the fields it announces:
 *
 *   0                   1
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 *  +-----+-+-+-+-+-+-+-+-+---+---+---+
 *  |type |S|P|A|C|r|N|I|dst|ver|src|   S security enabled, P frame
 *  |     | | |R| | |S|E|mod|   |mod|   pending, AR ack request, C PAN ID
 *  +-----+-+-+-+-+-+-+-+-+---+---+---+   compression, NS sequence number
 *                                        suppression, IE present
 *  +----+-----+-------+-------+-------+-------+---------+-----+---------+---+
 *  | FC | seq | dst   | dst   | src   | src   | aux sec | IEs | payload |FCS|
 *  | 2  | 0/1 | PAN   | addr  | PAN   | addr  | header  |     |         |2/4|
 *  |    |     | 0/2   | 0/2/8 | 0/2   | 0/2/8 | 0-14    |     |         |   |
 *  +----+-----+-------+-------+-------+-------+---------+-----+---------+---+
 *
 * Which PAN IDs are present follows from the address modes, the version
 * and the PAN ID compression bit (7.2.1.5, table 7-2). The FCS is a CRC-16
 * or, on some PHYs, a CRC-32 (7.2.10), both bit-reflected and starting at
 * zero; tcpdump tries the 4-octet one, then the 2-octet one, and takes
 * neither when neither matches. A beacon of version 0 or 1 carries the
 * superframe specification, the GTS fields and the pending addresses
 * (7.3.1); a MAC command its command ID (7.5).
 *
 * Not decoded here, though tcpdump decodes them: the header and payload
 * information elements (7.4), the commands' contents and the
 * multipurpose frame (7.3.5); those are dumped and counted by pr_generic.
 */
#include "capture/print-int.h"

#define FC_TYPE(fc) ((fc) & 0x7)
#define FC_VERSION(fc) (((fc) >> 12) & 0x3)
#define FC_BIT(fc, n) (((fc) >> (n)) & 1)

#define FT_BEACON 0
#define FT_DATA 1
#define FT_ACK 2
#define FT_COMMAND 3
#define FT_MULTIPURPOSE 5

static const char *const frame_type_names[8] = {
	"Beacon",   "Data",	    "ACK",	"Command",
	"Reserved", "Multipurpose", "Fragment", "Extended",
};

/* Table 7-49 of 802.15.4-2015: the MAC command IDs below 0x30. */
static const struct pr_tok command_names[] = {
	{ 0x01, "Association Request command" },
	{ 0x02, "Association Response command" },
	{ 0x03, "Disassociation Notification command" },
	{ 0x04, "Data Request command" },
	{ 0x05, "PAN ID Conflict Notification command" },
	{ 0x06, "Orphan Notification command" },
	{ 0x07, "Beacon Request command" },
	{ 0x08, "Coordinator realignment command" },
	{ 0x09, "GTS request command" },
	{ 0x0a, "TRLE Management Request command" },
	{ 0x0b, "TRLE Management Response command" },
	{ 0x13, "DSME Association Request command" },
	{ 0x14, "DSME Association Response command" },
	{ 0x15, "DSME GTS Request command" },
	{ 0x16, "DSME GTS Response command" },
	{ 0x17, "DSME GTS Notify command" },
	{ 0x18, "DSME Information Request command" },
	{ 0x19, "DSME Information Response command" },
	{ 0x1a, "DSME Beacon Allocation Notification command" },
	{ 0x1b, "DSME Beacon Collision Notification command" },
	{ 0x1c, "DSME Link Report command" },
	{ 0x20, "RIT Data Request command" },
	{ 0x21, "DBS Request command" },
	{ 0x22, "DBS Response command" },
	{ 0x23, "RIT Data Response command" },
	{ 0x24, "Vendor Specific command" },
	{ 0, NULL },
};

/* -1 for the reserved mode, else the address's length (table 7-3). */
static int addr_len(unsigned mode)
{
	static const int len[4] = { 0, -1, 2, 8 };

	return len[mode & 3];
}

/* The bytes of data (captured: the caller checks) put through the CRC. */
static uint16_t crc16(const uint8_t *p, unsigned n)
{
	uint16_t crc = 0;
	unsigned i, b;

	/* CCITT 0x1021 reflected (0x8408), from zero, reflected out. */
	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (b = 0; b < 8; b++)
			crc = crc & 1 ? (uint16_t)(crc >> 1 ^ 0x8408)
				      : (uint16_t)(crc >> 1);
	}
	return crc;
}

static uint32_t crc32(const uint8_t *p, unsigned n)
{
	uint32_t crc = 0;
	unsigned i, b;

	/* ANSI X3.66 0x04c11db7 reflected (0xedb88320), from zero. */
	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (b = 0; b < 8; b++)
			crc = crc & 1 ? crc >> 1 ^ 0xedb88320u : crc >> 1;
	}
	return crc;
}

/* An address of len octets (0, 2 or 8), the 8-octet one in reverse. */
static int addr_print(struct pr_ctx *c, const uint8_t *p, int len)
{
	uint16_t s;
	int i;

	if (len == 0) {
		pr_puts(c, "none");
	} else if (len == 2) {
		PR_LE16(c, p, s);
		pr_printf(c, "%04x", s);
	} else if (len == 8) {
		PR_NEED(c, p, 8);
		for (i = 7; i >= 0; i--)
			pr_printf(c, i ? "%02x:" : "%02x", p[i]);
	}
	return 0;
}

static void superframe_print(struct pr_ctx *c, uint16_t ss)
{
	if (!c->o.vflag)
		return;
	pr_printf(c, "\n\tBeacon order = %d, Superframe order = %d, ",
		  ss & 0xf, (ss >> 4) & 0xf);
	pr_printf(c, "Final CAP Slot = %d", (ss >> 8) & 0xf);
	if (FC_BIT(ss, 12))
		pr_puts(c, ", BLE enabled");
	if (FC_BIT(ss, 14))
		pr_puts(c, ", PAN Coordinator");
	if (FC_BIT(ss, 15))
		pr_puts(c, ", Association Permit");
}

/* The GTS fields (7.3.1.4): the octets they take, -1 when cut, PR_STOP. */
static int gts_print(struct pr_ctx *c, const uint8_t *p, unsigned left)
{
	uint8_t spec, dir, slot;
	unsigned n, len, i;

	PR_U8(c, p, spec);
	n = spec & 0x7;
	if (n == 0) {
		if (c->o.vflag)
			pr_printf(c, "\n\tGTS Descriptor Count = %u, ", n);
		return 1;
	}
	len = 2 + n * 3;
	if (left < len) {
		pr_puts(c, " [ERROR: Truncated GTS Info List]");
		return -1;
	}
	if (c->o.vflag < 2)
		return (int)len;
	PR_U8(c, p + 1, dir);
	pr_printf(c, "GTS Descriptor Count = %u, ", n);
	pr_printf(c, "GTS Directions Mask = %02x, [ ", dir & 0x7f);
	for (i = 0; i < n; i++) {
		pr_puts(c, "[ ");
		if (addr_print(c, p + 2 + i * 3, 2) == PR_STOP)
			return PR_STOP;
		PR_U8(c, p + 2 + i * 3 + 1, slot);
		pr_printf(c, ", Start slot = %d, Length = %d ] ", slot & 0xf,
			  slot >> 4);
	}
	pr_putc(c, ']');
	return (int)len;
}

/* The pending addresses (7.3.1.5): as gts_print. */
static int pending_print(struct pr_ctx *c, const uint8_t *p, unsigned left)
{
	unsigned ns, ne, len, i;
	uint8_t spec;

	PR_U8(c, p, spec);
	ns = spec & 0x7;
	ne = (spec >> 4) & 0x7;
	len = 1 + ns * 2 + ne * 8;
	if (c->o.vflag)
		pr_printf(c, "\n\tPending address list, # short addresses = %u,"
			     " # extended addresses = %u", ns, ne);
	if (left < len) {
		pr_puts(c, " [ERROR: Pending address list truncated]");
		return -1;
	}
	if (c->o.vflag < 2)
		return (int)len;
	if (ns) {
		pr_puts(c, ", Short address list = [ ");
		for (i = 0; i < ns; i++) {
			if (addr_print(c, p + 1 + i * 2, 2) == PR_STOP)
				return PR_STOP;
			pr_putc(c, ' ');
		}
		pr_putc(c, ']');
	}
	if (ne) {
		pr_puts(c, ", Extended address list = [ ");
		for (i = 0; i < ne; i++) {
			if (addr_print(c, p + 1 + ns * 2 + i * 8, 8) == PR_STOP)
				return PR_STOP;
			pr_putc(c, ' ');
		}
		pr_putc(c, ']');
	}
	return (int)len;
}

/*
 * The auxiliary security header (9.4): the octets it takes, -1 after an
 * error text, PR_STOP; *level is its security level.
 */
static int aux_sec_print(struct pr_ctx *c, const uint8_t *p, unsigned left,
			 unsigned *level)
{
	uint32_t counter;
	uint16_t a, b;
	unsigned mode;
	uint8_t sc, idx;
	int len = 1;

	if (left < 1) {
		pr_puts(c, "[ERROR: Truncated before Aux Security Header]");
		return -1;
	}
	PR_U8(c, p, sc);
	*level = sc & 0x7;
	mode = (sc >> 3) & 0x3;
	p++;
	left--;
	if (c->o.vflag)
		pr_printf(c, "\n\tSecurity Level %u, Key Id Mode %u, ", *level,
			  mode);
	if (!FC_BIT(sc, 5)) {
		if (left < 4) {
			pr_puts(c, "[ERROR: Truncated before Frame Counter]");
			return -1;
		}
		if (c->o.vflag > 1) {
			PR_LE32(c, p, counter);
			pr_printf(c, "Frame Counter 0x%08x ", counter);
		}
		p += 4;
		left -= 4;
		len += 4;
	}
	if (mode == 0) {
		if (c->o.vflag > 1)
			pr_puts(c, "Implicit");
		return len;
	}
	if (mode == 2 || mode == 3) {
		if (left < (mode == 2 ? 4u : 8u)) {
			pr_puts(c, "[ERROR: Truncated before Key Source]");
			return -1;
		}
		if (c->o.vflag > 1 && mode == 2) {
			PR_LE16(c, p, a);
			PR_LE16(c, p + 2, b);
			/* tcpdump's format has "%0x4x" for the second */
			pr_printf(c, "KeySource 0x%04x:%x4x, ", a, b);
		} else if (c->o.vflag > 1) {
			pr_puts(c, "KeySource ");
			if (addr_print(c, p, 8) == PR_STOP)
				return PR_STOP;
			pr_puts(c, ", ");
		}
		/* tcpdump steps over 4 octets for either key source */
		p += 4;
		left -= 4;
		len += 4;
	}
	if (left < 1) {
		pr_puts(c, "[ERROR: Truncated before Key Index]");
		return -1;
	}
	if (c->o.vflag > 1) {
		PR_U8(c, p, idx);
		pr_printf(c, "KeyIndex 0x%02x, ", idx);
	}
	return len + 1;
}

/*
 * A command's contents, left octets at p: tcpdump decodes five commands
 * (not here: pr_generic), prints nothing for 0x04-0x07 and the octets in
 * hex for the others, which its hex dump then shows again.
 */
static int command_data_print(struct pr_ctx *c, unsigned id, const uint8_t *p,
			      unsigned left)
{
	unsigned i;
	uint8_t ch;

	switch (id) {
	case 0x01: /* association request */
	case 0x02: /* association response */
	case 0x03: /* disassociation notification */
	case 0x08: /* coordinator realignment */
	case 0x09: /* GTS request */
		pr_generic(c, "802.15.4 command");
		return 0;
	case 0x04: /* data request */
	case 0x05: /* PAN ID conflict notification */
	case 0x06: /* orphan notification */
	case 0x07: /* beacon request */
		return 0;
	}
	pr_puts(c, "Command Data = ");
	for (i = 0; i < left; i++) {
		PR_U8(c, p + i, ch);
		pr_printf(c, "%02x ", ch);
	}
	return 0;
}

/* A beacon of version 0 or 1 after its MAC header: 0 or PR_STOP. */
static int old_beacon_print(struct pr_ctx *c, const uint8_t **pp,
			    unsigned *left)
{
	const uint8_t *p = *pp;
	uint16_t ss;
	int n;

	if (*left < 2) {
		pr_puts(c, "[ERROR: Truncated before beacon information]");
		return 0;
	}
	PR_LE16(c, p, ss);
	superframe_print(c, ss);
	p += 2;
	*left -= 2;
	if (*left < 1) {
		pr_puts(c, "[ERROR: Truncated before GTS info]");
		return 0;
	}
	n = gts_print(c, p, *left);
	if (n == PR_STOP)
		return PR_STOP;
	if (n < 0)
		return 0;
	p += n;
	*left -= (unsigned)n;
	if (*left < 1) {
		pr_puts(c, "[ERROR: Truncated before pending addresses]");
		return 0;
	}
	n = pending_print(c, p, *left);
	if (n == PR_STOP)
		return PR_STOP;
	if (n < 0)
		return 0;
	PR_NEED(c, p, (unsigned)n);
	p += n;
	*left -= (unsigned)n;
	*pp = p;
	return 1;
}

/*
 * Which PAN IDs a frame carries (7.2.1.5): before version 2 the
 * compression bit drops the source one; version 2's table 7-2 also
 * looks at the address modes.
 */
static void pans(unsigned version, int comp, int dlen, int slen, int *dpan,
		 int *span)
{
	*dpan = dlen > 0;
	*span = slen > 0 && !comp;
	if (version < 2)
		return;
	if (comp) {
		if (dlen == 0 && slen == 0)
			*dpan = 1;
		else if ((dlen == 0) != (slen == 0) || (dlen == 8 && slen == 8))
			*dpan = *span = 0;
	} else if (dlen == 8 && slen == 8) {
		*dpan = 1;
		*span = 0;
	} else if (dlen == 2 && slen == 8) {
		/*
		 * Not in the table: tcpdump 4.99.3 drops the source PAN
		 * here too, for early 6TiSCH stacks that did.
		 */
		*span = 0;
	}
}

/* A PAN ID and an address, "pan:addr" or "-:addr"; 1 after an error text. */
static int end_print(struct pr_ctx *c, const uint8_t **pp, unsigned *left,
		     int pan, int alen)
{
	uint16_t id;

	if (pan) {
		if (*left < 2) {
			pr_puts(c, "[ERROR: Truncated before dst_pan]");
			return 1;
		}
		PR_LE16(c, *pp, id);
		pr_printf(c, "%04x:", id);
		*pp += 2;
		*left -= 2;
	} else {
		pr_puts(c, "-:");
	}
	if (*left < (unsigned)alen) {
		pr_puts(c, "[ERROR: Truncated before dst_addr]");
		return 1;
	}
	if (addr_print(c, *pp, alen) == PR_STOP)
		return PR_STOP;
	*pp += alen;
	*left -= (unsigned)alen;
	return 0;
}

/*
 * Beacon, data, ACK and command frames: tcpdump's header length for -x
 * (0 after an error text, 1 when printed whole), or PR_STOP.
 */
static int std_frame_print(struct pr_ctx *c, const uint8_t *p,
			   unsigned left, uint16_t fc)
{
	unsigned version = FC_VERSION(fc), type = FC_TYPE(fc), level = 0;
	unsigned miclen = 0, i;
	uint32_t fcs = 0, want = 0;
	const uint8_t *mic = NULL;
	int dlen, slen, dpan, span, n;
	uint16_t fcs16;
	uint8_t seq, ch;
	const char *name;

	if (left >= 4) {
		PR_NEED(c, p, left);
		PR_LE32(c, p + left - 4, fcs);
		want = crc32(p, left - 4);
		if (want == fcs) {
			left -= 4;
		} else {
			PR_LE16(c, p + left - 2, fcs16);
			fcs = fcs16;
			want = crc16(p, left - 2);
			if (want == fcs)
				left -= 2;
		}
	}
	pr_printf(c, "v%u ", version);
	if (c->o.vflag > 2) {
		if (FC_BIT(fc, 3))
			pr_puts(c, "Security Enabled, ");
		if (FC_BIT(fc, 4))
			pr_puts(c, "Frame Pending, ");
		if (FC_BIT(fc, 5))
			pr_puts(c, "AR, ");
		if (FC_BIT(fc, 6))
			pr_puts(c, "PAN ID Compression, ");
		if (FC_BIT(fc, 8))
			pr_puts(c, "Sequence Number Suppression, ");
		if (FC_BIT(fc, 9))
			pr_puts(c, "IE present, ");
	}
	if (FC_BIT(fc, 8)) {
		if (version < 2)
			pr_puts(c, "[ERROR: Sequence number suppressed on "
				   "frames where version < 2]");
		if (c->o.vflag)
			pr_puts(c, "seq suppressed ");
		if (left < 2) { /* a 4-octet frame that was all FCS */
			pr_trunc(c);
			return 0;
		}
		p += 2;
		left -= 2;
	} else {
		PR_U8(c, p + 2, seq);
		if (c->o.vflag)
			pr_printf(c, "seq %02x ", seq);
		if (left < 3) {
			pr_trunc(c);
			return 0;
		}
		p += 3;
		left -= 3;
	}
	dlen = addr_len(fc >> 10);
	slen = addr_len(fc >> 14);
	if (slen < 0) {
		pr_puts(c, "[ERROR: Invalid src address mode]");
		return 0;
	}
	if (dlen < 0) {
		pr_puts(c, "[ERROR: Invalid dst address mode]");
		return 0;
	}
	pans(version, FC_BIT(fc, 6), dlen, slen, &dpan, &span);
	if (version < 2 && FC_BIT(fc, 6) && (dlen == 0 || slen == 0))
		pr_puts(c, "[ERROR: PAN ID Compression != 0, and only one "
			   "address with frame version < 2]");
	n = end_print(c, &p, &left, dpan, dlen);
	if (n)
		return n == PR_STOP ? PR_STOP : 0;
	pr_puts(c, " < ");
	n = end_print(c, &p, &left, span, slen);
	if (n)
		return n == PR_STOP ? PR_STOP : 0;
	pr_putc(c, ' ');
	if (FC_BIT(fc, 3)) {
		n = aux_sec_print(c, p, left, &level);
		if (n == PR_STOP)
			return PR_STOP;
		if (n < 0)
			return 0;
		PR_NEED(c, p, (unsigned)n);
		p += n;
		left -= (unsigned)n;
	}
	/* levels 1-3 and 5-7: a MIC of 4, 8 or 16 octets ends the frame */
	if (level & 3)
		miclen = 2u << (level & 3);
	if (miclen) {
		if (left < miclen) {
			pr_puts(c, "[ERROR: Truncated before MIC]");
			return 0;
		}
		left -= miclen;
		mic = p + left;
	}
	if (FC_BIT(fc, 9)) {
		pr_generic(c, "802.15.4 IEs");
		pr_default(c, p, left);
		return 1;
	}
	if (c->o.vflag > 2 && miclen) {
		pr_puts(c, "\n\tMIC ");
		for (i = 0; i < miclen; i++) {
			PR_U8(c, mic + i, ch);
			pr_printf(c, "%02x", ch);
		}
		pr_putc(c, ' ');
	}
	if (c->o.vflag > 2) {
		if (want == fcs)
			pr_printf(c, "FCS %x ", fcs);
		else
			pr_printf(c, "wrong FCS %x vs %x (assume no FCS stored) ",
				  fcs, want);
	}
	if (type == FT_BEACON && version < 2) {
		n = old_beacon_print(c, &p, &left);
		if (n == PR_STOP)
			return PR_STOP;
		if (n == 0)
			return 1;
	} else if (type == FT_COMMAND) {
		if (left < 1) {
			pr_puts(c, "[ERROR: Truncated before Command ID]");
		} else {
			PR_U8(c, p, ch);
			name = pr_tok(command_names, ch);
			if (ch >= 0x30)
				pr_printf(c, "Command ID = Reserved 0x%02x ", ch);
			else if (name)
				pr_printf(c, "Command ID = %s ", name);
			else
				pr_printf(c, "Command ID = Reserved 0x%02x ", ch);
			p++;
			left--;
			if (left && command_data_print(c, ch, p, left) == PR_STOP)
				return PR_STOP;
		}
	}
	pr_default(c, p, left);
	return 1;
}

int ieee802_15_4_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned caplen = c->h->caplen, type;
	uint16_t fc;
	int n;

	(void)len;
	c->proto = "802.15.4";
	c->ll_hdr_len = 0;
	if (caplen < 2) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	PR_LE16(c, p, fc);
	type = FC_TYPE(fc);
	pr_printf(c, "IEEE 802.15.4 %s packet ", frame_type_names[type]);
	if (type <= FT_COMMAND) {
		n = std_frame_print(c, p, caplen, fc);
		if (n == PR_STOP)
			return PR_STOP;
		c->ll_hdr_len = (unsigned)n;
	} else if (type == FT_MULTIPURPOSE) {
		pr_generic(c, "802.15.4 multipurpose");
		pr_default(c, p, caplen);
	}
	return 0;
}
