/* print-bootp.c: BOOTP (RFC 951) and DHCP (RFC 2131, options RFC 2132) on UDP ports 67 and 68. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     op (1)    |   htype (1)   |   hlen (1)    |   hops (1)    |
 *  +---------------+---------------+---------------+---------------+
 *  |                            xid (4)                            |
 *  +-------------------------------+-------------------------------+
 *  |           secs (2)            |           flags (2)           |
 *  +-------------------------------+-------------------------------+
 *  |          ciaddr (4), yiaddr (4), siaddr (4), giaddr (4)       |
 *  |                          chaddr (16)                          |
 *  |                          sname (64)                           |
 *  |                          file (128)                           |
 *  |        vendor area / options (magic 99.130.83.99, RFC 1497)   |
 *  +---------------------------------------------------------------+
 *
 * Without -v: "BOOTP/DHCP, Request from MAC, length N". With -v the
 * nonzero header fields and each option on its own line as
 * "Name (tag), length N: value", the value printed by the option's
 * format letter (tcpdump's tag table): i addresses, p address pairs,
 * l/L 32-bit numbers, s 16-bit ones, b bytes, B booleans, a text, and
 * $ the options with their own layout. -vvv also shows PAD and END.
 */
#include "capture/print-int.h"

#define BOOTPREQUEST 1
#define OFF_HTYPE 1
#define OFF_HLEN 2
#define OFF_HOPS 3
#define OFF_XID 4
#define OFF_SECS 8
#define OFF_FLAGS 10
#define OFF_CIADDR 12
#define OFF_YIADDR 16
#define OFF_SIADDR 20
#define OFF_GIADDR 24
#define OFF_CHADDR 28
#define OFF_SNAME 44
#define OFF_FILE 108
#define OFF_VEND 236

#define TAG_PAD 0
#define TAG_END 255
#define TAG_NETBIOS_NODE 46
#define TAG_OPT_OVERLOAD 52
#define TAG_DHCP_MESSAGE 53
#define TAG_PARM_REQUEST 55
#define TAG_CLIENT_ID 61
#define TAG_USER_CLASS 77
#define TAG_CLIENT_FQDN 81
#define TAG_AGENT_CIRCUIT 82
#define TAG_CLASSLESS_STATIC_RT 121
#define TAG_CLASSLESS_STA_RT_MS 249

/* The first character is the value's format (see the top comment). */
static const struct pr_tok tag_names[] = {
	{ 0, " PAD" },
	{ 1, "iSubnet-Mask" },
	{ 2, "LTime-Zone" },
	{ 3, "iDefault-Gateway" },
	{ 4, "iTime-Server" },
	{ 5, "iIEN-Name-Server" },
	{ 6, "iDomain-Name-Server" },
	{ 7, "iLOG" },
	{ 8, "iCS" },
	{ 9, "iLPR-Server" },
	{ 10, "iIM" },
	{ 11, "iRL" },
	{ 12, "aHostname" },
	{ 13, "sBS" },
	{ 255, " END" },
	{ 14, "aDP" },
	{ 15, "aDomain-Name" },
	{ 16, "iSS" },
	{ 17, "aRP" },
	{ 18, "aEP" },
	{ 19, "BIPF" },
	{ 20, "BSRT" },
	{ 21, "pPF" },
	{ 22, "sRSZ" },
	{ 23, "bTTL" },
	{ 24, "lMTU-Timeout" },
	{ 25, "sMTU-Table" },
	{ 26, "sMTU" },
	{ 27, "BLSN" },
	{ 28, "iBR" },
	{ 29, "BMD" },
	{ 30, "BMS" },
	{ 31, "BRouter-Discovery" },
	{ 32, "iRSA" },
	{ 33, "pStatic-Route" },
	{ 34, "BUT" },
	{ 35, "lAT" },
	{ 36, "BIE" },
	{ 37, "bTT" },
	{ 38, "lKI" },
	{ 39, "BKG" },
	{ 40, "aYD" },
	{ 41, "iYS" },
	{ 42, "iNTP" },
	{ 43, "bVendor-Option" },
	{ 44, "iNetbios-Name-Server" },
	{ 45, "iWDD" },
	{ 46, "$Netbios-Node" },
	{ 47, "aNetbios-Scope" },
	{ 48, "iXFS" },
	{ 49, "iXDM" },
	{ 64, "sN+D" },
	{ 65, "iN+S" },
	{ 68, "iMH" },
	{ 69, "iSMTP" },
	{ 70, "iPOP3" },
	{ 71, "iNNTP" },
	{ 72, "iWWW" },
	{ 73, "iFG" },
	{ 74, "iIRC" },
	{ 75, "iSTS" },
	{ 76, "iSTDA" },
	{ 50, "iRequested-IP" },
	{ 51, "lLease-Time" },
	{ 52, "$OO" },
	{ 66, "aTFTP" },
	{ 67, "aBF" },
	{ 53, " DHCP-Message" },
	{ 54, "iServer-ID" },
	{ 55, "bParameter-Request" },
	{ 56, "aMSG" },
	{ 57, "sMSZ" },
	{ 58, "lRN" },
	{ 59, "lRB" },
	{ 60, "aVendor-Class" },
	{ 61, "$Client-ID" },
	{ 98, "aUAP" },
	{ 116, "BNOAUTO" },
	{ 78, "bSLP-DA" },
	{ 79, "bSLP-SCOPE" },
	{ 117, "sNSSEARCH" },
	{ 77, "$User-Class" },
	{ 118, "iSUBNET" },
	{ 121, "$Classless-Static-Route" },
	{ 249, "$Classless-Static-Route-Microsoft" },
	{ 150, "iTFTP-Server-Address" },
	{ 80, "aSLP-NA" },
	{ 81, "$FQDN" },
	{ 82, "$Agent-Information" },
	{ 83, "bARMT" },
	{ 88, "aTZSTR" },
	{ 89, "bFQDNS" },
	{ 90, "bAUTH" },
	{ 91, "LLast-Transaction-Time" },
	{ 92, "iAssociated-IP" },
	{ 93, "sARCH" },
	{ 94, "bNDI" },
	{ 97, "bGUID" },
	{ 95, "aLDAP" },
	{ 100, "aPOSIX-TZ" },
	{ 101, "aTZ-Name" },
	{ 112, "iNI" },
	{ 113, "aNITAG" },
	{ 114, "aURL" },
	{ 161, "aMUD-URL" },
	{ 0, NULL },
};

static const struct pr_tok overload_names[] = {
	{ 1, "file" }, { 2, "sname" }, { 3, "file+sname" }, { 0, NULL },
};

static const struct pr_tok nbnode_names[] = {
	{ 0x1, "b-node" }, { 0x2, "p-node" }, { 0x4, "m-node" },
	{ 0x8, "h-node" }, { 0, NULL },
};

static const struct pr_tok arp_names[] = {
	{ 0x1, "ether" },  { 0x6, "ieee802" },	{ 0x7, "arcnet" },
	{ 0xf, "frelay" }, { 0x17, "strip" },	{ 0x18, "ieee1394" },
	{ 0, NULL },
};

static const struct pr_tok dhcp_msg_names[] = {
	{ 1, "Discover" },	   { 2, "Offer" },	   { 3, "Request" },
	{ 4, "Decline" },	   { 5, "ACK" },	   { 6, "NACK" },
	{ 7, "Release" },	   { 8, "Inform" },	   { 10, "LeaseQuery" },
	{ 11, "LeaseUnassigned" }, { 12, "LeaseUnknown" }, { 13, "LeaseActive" },
	{ 0, NULL },
};

static const struct pr_tok agent_names[] = {
	{ 1, "Circuit-ID" }, { 2, "Remote-ID" }, { 6, "Subscriber-ID" },
	{ 0, NULL },
};

/* The tag's table entry, "?Unknown" when it has none. */
static const char *tag_entry(unsigned tag)
{
	const char *s = pr_tok(tag_names, tag);

	return s ? s : "?Unknown";
}

/* '"text"' of n bytes; 1 when the capture ended inside it. */
static int quoted(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	pr_putc(c, '"');
	if (pr_printn(c, p, n)) {
		pr_putc(c, '"');
		return 1;
	}
	pr_putc(c, '"');
	return 0;
}

/*
 * The options with their own layout. *bpp and *lenp move past what was
 * shown; 1 when the capture ended inside a string (the walk stops).
 */
static int special_print(struct pr_ctx *c, unsigned tag, const uint8_t **bpp,
			 unsigned *lenp)
{
	const uint8_t *bp = *bpp;
	unsigned len = *lenp;
	uint8_t b, b2;
	int first = 1, rc = 0;

	switch (tag) {
	case TAG_NETBIOS_NODE:
	case TAG_OPT_OVERLOAD:
		if (len < 1) {
			pr_puts(c, "[ERROR: length < 1 bytes]");
			break;
		}
		PR_U8(c, bp, b);
		bp++;
		len--;
		pr_tok_print(c, tag == TAG_OPT_OVERLOAD ? overload_names
							: nbnode_names,
			     "#%d", b);
		break;
	case TAG_CLIENT_FQDN:
		if (len < 3) {
			pr_puts(c, "[ERROR: length < 3 bytes]");
			bp += len;
			len = 0;
			break;
		}
		PR_U8(c, bp, b);
		if (b & 0xf0)
			pr_printf(c, "[ERROR: MBZ nibble 0x%x != 0] ",
				  (b & 0xf0) >> 4);
		if (b & 0x0f) {
			pr_putc(c, '[');
			if (b & 0x01)
				pr_putc(c, 'S');
			if (b & 0x02)
				pr_putc(c, 'O');
			if (b & 0x04)
				pr_putc(c, 'E');
			if (b & 0x08)
				pr_putc(c, 'N');
			pr_puts(c, "] ");
		}
		bp++;
		PR_U8(c, bp, b);
		PR_U8(c, bp + 1, b2);
		if (b || b2)
			pr_printf(c, "%u/%u ", b, b2);
		bp += 2;
		if (quoted(c, bp, len - 3))
			return 1;
		bp += len - 3;
		len = 0;
		break;
	case TAG_CLIENT_ID:
		if (len < 1) {
			pr_puts(c, "[ERROR: length < 1 bytes]");
			break;
		}
		PR_U8(c, bp, b);
		bp++;
		len--;
		if (b == 0) {
			if (quoted(c, bp, len))
				return 1;
			bp += len;
			len = 0;
			break;
		}
		pr_tok_print(c, arp_names, "hardware-type %u,", b);
		pr_putc(c, ' ');
		while (len > 0) {
			if (!first)
				pr_putc(c, ':');
			PR_U8(c, bp, b);
			pr_hex(c, b, 2);
			bp++;
			len--;
			first = 0;
		}
		break;
	case TAG_AGENT_CIRCUIT:
		while (len >= 2) {
			PR_U8(c, bp, b);
			PR_U8(c, bp + 1, b2);
			bp += 2;
			len -= 2;
			pr_puts(c, "\n\t      ");
			pr_tok_print(c, agent_names, "Unknown", b);
			pr_printf(c, " SubOption %u, length %u", b, b2);
			if (b2 > len) {
				pr_puts(c, ": length goes past end of option");
				bp += len;
				len = 0;
				break;
			}
			pr_puts(c, ": ");
			if (b == 1 || b == 2 || b == 6) {
				if (pr_printn(c, bp, b2))
					return 1;
			} else {
				pr_unknown_data(c, bp, "\n\t\t", b2);
			}
			len -= b2;
			bp += b2;
		}
		break;
	case TAG_CLASSLESS_STATIC_RT:
	case TAG_CLASSLESS_STA_RT_MS: {
		unsigned width, octets, i;

		if (len < 5) {
			pr_puts(c, "[ERROR: length < 5 bytes]");
			bp += len;
			len = 0;
			break;
		}
		while (len > 0) {
			if (!first)
				pr_putc(c, ',');
			PR_U8(c, bp, b);
			width = b;
			bp++;
			len--;
			if (width > 32) {
				pr_printf(c, "[ERROR: Mask width (%u) > 32]",
					  width);
				bp += len;
				len = 0;
				break;
			}
			octets = (width + 7) / 8;
			if (len < octets + 4) {
				pr_printf(c, "[ERROR: Remaining length (%u) < "
					     "%u bytes]", len, octets + 4);
				bp += len;
				len = 0;
				break;
			}
			pr_putc(c, '(');
			if (width == 0) {
				pr_puts(c, "default");
			} else {
				for (i = 0; i < octets; i++) {
					if (i > 0)
						pr_putc(c, '.');
					PR_U8(c, bp, b);
					pr_uint(c, b);
					bp++;
				}
				for (i = octets; i < 4; i++)
					pr_puts(c, ".0");
				pr_printf(c, "/%u", width);
			}
			PR_IP4(c, ":", bp);
			pr_putc(c, ')');
			bp += 4;
			len -= octets + 4;
			first = 0;
		}
		break;
	}
	case TAG_USER_CLASS: {
		unsigned n = 1;

		if (len < 2) {
			pr_puts(c, "[ERROR: length < 2 bytes]");
			bp += len;
			len = 0;
			break;
		}
		while (len > 0) {
			PR_U8(c, bp, b);
			bp++;
			len--;
			pr_printf(c, "\n\t      instance#%u: ", n);
			if (b == 0) {
				pr_puts(c, "[ERROR: suboption length must be "
					   "non-zero]");
				bp += len;
				len = 0;
				break;
			}
			if (len < b) {
				pr_puts(c, "[ERROR: invalid option]");
				bp += len;
				len = 0;
				break;
			}
			if (quoted(c, bp, b))
				return 1;
			pr_printf(c, ", length %u", b);
			n++;
			len -= b;
			bp += b;
		}
		break;
	}
	default:
		pr_printf(c, "[unknown special tag %u, size %u]", tag, len);
		bp += len;
		len = 0;
		break;
	}
	*bpp = bp;
	*lenp = len;
	return rc;
}

/* A value in one of the plain formats. */
static int plain_print(struct pr_ctx *c, char fmt, const uint8_t **bpp,
		       unsigned *lenp)
{
	const uint8_t *bp = *bpp;
	unsigned len = *lenp;
	int first = 1;
	uint32_t v32;
	uint16_t v16;
	uint8_t b;

	switch (fmt) {
	case 'i':
	case 'l':
	case 'L':
		while (len >= 4) {
			if (!first)
				pr_putc(c, ',');
			if (fmt == 'i') {
				PR_IP4(c, "", bp);
			} else {
				PR_BE32(c, bp, v32);
				if (fmt == 'L')
					pr_int(c, (int32_t)v32);
				else
					pr_uint(c, v32);
			}
			bp += 4;
			len -= 4;
			first = 0;
		}
		break;
	case 'p':
		while (len >= 8) {
			if (!first)
				pr_putc(c, ',');
			PR_IP4(c, "(", bp);
			PR_IP4(c, ":", bp + 4);
			pr_putc(c, ')');
			bp += 8;
			len -= 8;
			first = 0;
		}
		break;
	case 's':
		while (len >= 2) {
			if (!first)
				pr_putc(c, ',');
			PR_BE16(c, bp, v16);
			pr_uint(c, v16);
			bp += 2;
			len -= 2;
			first = 0;
		}
		break;
	case 'B':
		while (len > 0) {
			if (!first)
				pr_putc(c, ',');
			PR_U8(c, bp, b);
			if (b == 0)
				pr_putc(c, 'N');
			else if (b == 1)
				pr_putc(c, 'Y');
			else
				pr_printf(c, "%u?", b);
			bp++;
			len--;
			first = 0;
		}
		break;
	default: /* 'b', 'x' */
		while (len > 0) {
			if (!first)
				pr_putc(c, fmt == 'x' ? ':' : '.');
			PR_U8(c, bp, b);
			if (fmt == 'x')
				pr_hex(c, b, 2);
			else
				pr_uint(c, b);
			bp++;
			len--;
			first = 0;
		}
		break;
	}
	*bpp = bp;
	*lenp = len;
	return 0;
}

/* The RFC 1497 vendor extensions (options) after the magic cookie. */
static int rfc1048_print(struct pr_ctx *c, const uint8_t *bp)
{
	const char *entry;
	uint32_t magic;
	unsigned tag, len;
	uint8_t b;
	char fmt;
	int rc;

	pr_puts(c, "\n\t  Vendor-rfc1048 Extensions");
	PR_BE32(c, bp, magic);
	pr_printf(c, "\n\t    Magic Cookie 0x%08x", magic);
	bp += 4;
	while (pr_has(c, bp, 1)) {
		PR_U8(c, bp, b);
		tag = b;
		bp++;
		if (tag == TAG_PAD && c->o.vflag < 3)
			continue;
		if (tag == TAG_END && c->o.vflag < 3)
			return 0;
		entry = tag_entry(tag);
		fmt = entry[0];
		entry++;
		if (tag == TAG_PAD || tag == TAG_END) {
			len = 0;
		} else {
			PR_U8(c, bp, b);
			len = b;
			bp++;
		}
		pr_printf(c, "\n\t    %s (%u), length %u%s", entry, tag, len,
			  len > 0 ? ": " : "");
		if (tag == TAG_PAD && c->o.vflag > 2) {
			unsigned n = 1;

			while (pk_u8(&c->pk, bp, &b) && b == TAG_PAD) {
				bp++;
				n++;
			}
			if (n > 1)
				pr_printf(c, ", occurs %u", n);
		}
		if (!pr_has(c, bp, len))
			goto trunc;
		if (tag == TAG_DHCP_MESSAGE && len == 1) {
			PR_U8(c, bp, b);
			pr_tok_print(c, dhcp_msg_names, "Unknown (%u)", b);
			bp++;
			continue;
		}
		if (tag == TAG_PARM_REQUEST) {
			unsigned idx = 0;

			while (len > 0) {
				PR_U8(c, bp, b);
				bp++;
				len--;
				pr_puts(c, idx % 4 == 0 ? "\n\t      " : ", ");
				pr_printf(c, "%s (%u)", tag_entry(b) + 1, b);
				idx++;
			}
			continue;
		}
		if (fmt == '?')
			fmt = (len & 1) ? 'b' : (len & 2) ? 's' : 'l';
		if (fmt == 'a') {
			if (quoted(c, bp, len))
				goto trunc;
			bp += len;
			len = 0;
		} else if (fmt == '$') {
			rc = special_print(c, tag, &bp, &len);
			if (rc == PR_STOP)
				return PR_STOP;
			if (rc == 1)
				goto trunc;
		} else if (plain_print(c, fmt, &bp, &len) == PR_STOP) {
			return PR_STOP;
		}
		if (len) {
			pr_printf(c, "\n\t  trailing data length %u", len);
			bp += len;
		}
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

/* CMU's vendor area: the nonzero addresses. */
static int cmu_print(struct pr_ctx *c, const uint8_t *bp)
{
	static const struct {
		uint8_t off;
		const char *name;
	} addrs[] = {
		{ 12, "DG" },  { 8, NULL },	 { 16, "NS1" }, { 20, "NS2" },
		{ 24, "IEN1" }, { 28, "IEN2" }, { 32, "TS1" }, { 36, "TS2" },
	};
	uint8_t flags, a[4];
	size_t i;

	pr_puts(c, " vend-cmu");
	if (!pr_has(c, bp + 4, 4))
		goto trunc;
	PR_U8(c, bp + 4, flags);
	if ((flags & ~1u) != 0)
		pr_printf(c, " F:0x%x", flags);
	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		const char *name = addrs[i].name;

		if (!name)
			name = flags & 1 ? "SM" : "SM*";
		if (!pr_has(c, bp + addrs[i].off, 4))
			goto trunc;
		PR_COPY(c, bp + addrs[i].off, a, 4);
		if (a[0] | a[1] | a[2] | a[3]) {
			pr_printf(c, " %s:", name);
			pr_ip4(c, a);
		}
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

/* ", Name-IP a.b.c.d" for a nonzero address at p. */
static int addr_line(struct pr_ctx *c, const char *name, const uint8_t *p)
{
	uint8_t a[4];

	PR_COPY(c, p, a, 4);
	if (a[0] | a[1] | a[2] | a[3]) {
		pr_printf(c, "\n\t  %s ", name);
		pr_ip4(c, a);
	}
	return 0;
}

/* sname or file: the NUL-terminated text of a fixed-size field. */
static int field_print(struct pr_ctx *c, const char *name, const uint8_t *p,
		       unsigned size)
{
	uint8_t b;

	PR_U8(c, p, b);
	if (!b)
		return 0;
	pr_printf(c, "\n\t  %s \"", name);
	if (pr_printztn(c, p, size) == 0) {
		pr_putc(c, '"');
		pr_trunc(c);
		return 1;
	}
	pr_putc(c, '"');
	return 0;
}

int bootp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	static const uint8_t rfc1048[4] = { 99, 130, 83, 99 };
	uint8_t op, htype, hlen, hops, vend[4];
	uint16_t secs, flags;
	uint32_t xid;
	int rc;

	c->proto = "bootp";
	PR_U8(c, bp, op);
	pr_puts(c, "BOOTP/DHCP, ");
	if (op == 1)
		pr_puts(c, "Request");
	else if (op == 2)
		pr_puts(c, "Reply");
	else
		pr_printf(c, "unknown (0x%02x)", op);
	PR_U8(c, bp + OFF_HTYPE, htype);
	PR_U8(c, bp + OFF_HLEN, hlen);
	if (htype == 1 && hlen == 6 && op == BOOTPREQUEST)
		PR_MAC(c, " from ", bp + OFF_CHADDR);
	pr_printf(c, ", length %u", length);
	if (!c->o.vflag)
		return 0;
	if (!pr_has(c, bp + OFF_SECS, 2))
		goto trunc;
	if (htype != 1)
		pr_printf(c, ", htype %u", htype);
	if (htype != 1 || hlen != 6)
		pr_printf(c, ", hlen %u", hlen);
	PR_U8(c, bp + OFF_HOPS, hops);
	if (hops)
		pr_printf(c, ", hops %u", hops);
	PR_BE32(c, bp + OFF_XID, xid);
	if (xid)
		pr_printf(c, ", xid 0x%x", xid);
	PR_BE16(c, bp + OFF_SECS, secs);
	if (secs)
		pr_printf(c, ", secs %u", secs);
	PR_BE16(c, bp + OFF_FLAGS, flags);
	pr_puts(c, ", Flags [");
	pr_puts(c, flags & 0x8000 ? "Broadcast" : "none");
	pr_putc(c, ']');
	if (c->o.vflag > 1)
		pr_printf(c, " (0x%04x)", flags);
	if (addr_line(c, "Client-IP", bp + OFF_CIADDR) == PR_STOP ||
	    addr_line(c, "Your-IP", bp + OFF_YIADDR) == PR_STOP ||
	    addr_line(c, "Server-IP", bp + OFF_SIADDR) == PR_STOP ||
	    addr_line(c, "Gateway-IP", bp + OFF_GIADDR) == PR_STOP)
		return PR_STOP;
	if (htype == 1 && hlen == 6)
		PR_MAC(c, "\n\t  Client-Ethernet-Address ", bp + OFF_CHADDR);
	rc = field_print(c, "sname", bp + OFF_SNAME, 64);
	if (rc)
		return rc == 1 ? 0 : rc;
	rc = field_print(c, "file", bp + OFF_FILE, 128);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (!pr_has(c, bp + OFF_VEND, 4))
		goto trunc;
	PR_COPY(c, bp + OFF_VEND, vend, 4);
	if (memcmp(vend, rfc1048, 4) == 0)
		return rfc1048_print(c, bp + OFF_VEND);
	if (memcmp(vend, "CMU", 4) == 0)
		return cmu_print(c, bp + OFF_VEND);
	if (vend[0] | vend[1] | vend[2] | vend[3])
		pr_printf(c, "\n\t  Vendor-#0x%x",
			  (uint32_t)vend[0] << 24 | (uint32_t)vend[1] << 16 |
				  (uint32_t)vend[2] << 8 | vend[3]);
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}
