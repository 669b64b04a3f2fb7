/* print-llc.c: IEEE 802.2 LLC headers and the SNAP header after them. */
/*
 * IEEE 802.2 (ISO/IEC 8802-2) LLC, and the SNAP header of RFC 1042 (and
 * RFC 2684 for bridged frames). After an 802.3 length field:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  DSAP (I/G)   |  SSAP (C/R)   | control: 1 octet for U frames,|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ 2 (little-endian) for I and S |
 *  |  SNAP (DSAP = SSAP = 0xaa, control UI): OUI (3), PID (2)  ... |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The low bit of the DSAP is Individual/Group, that of the SSAP
 * Command/Response. A control field whose two low bits are 11 is an
 * Unnumbered frame; 01 a Supervisory one; x0 an Information one. With
 * OUI 000000 the PID is an ethertype.
 *
 * The SAPs and SNAP PIDs are dispatched by the tables below; a frame no
 * printer takes is shown as tcpdump shows one: the SAP names and the
 * control field, then (from the caller) the raw bytes.
 */
#include "capture/print-int.h"

#define LLC_U_FMT 3
#define LLC_GSAP 1
#define LLC_IG 1
#define LLC_S_FMT 1
#define LLC_U_POLL 0x10
#define LLC_IS_POLL 0x0100
#define LLC_XID_FI 0x81
#define LLC_UI 0x03
#define LLC_XID 0xaf

#define LLCSAP_GLOBAL 0xff
#define LLCSAP_IP 0x06
#define LLCSAP_8021D 0x42
#define LLCSAP_SNAP 0xaa
#define LLCSAP_IPX 0xe0
#define LLCSAP_NETBEUI 0xf0
#define LLCSAP_ISONS 0xfe

#define OUI_ENCAP_ETHER 0x000000
#define OUI_CISCO 0x00000c
#define OUI_CISCO_90 0x0000f8
#define OUI_RFC2684 0x0080c2
#define OUI_APPLETALK 0x080007

#define PID_CISCO_CDP 0x2000
#define PID_CISCO_VTP 0x2003
#define PID_CISCO_DTP 0x2004
#define PID_CISCO_UDLD 0x0111
#define PID_CISCO_PVST 0x010b
#define PID_CISCO_VLANBRIDGE 0x010c
#define PID_RFC2684_BPDU 0x000e

#define ET_ATALK 0x809b

static const struct pr_tok sap_names[] = {
	{ 0x00, "Null" },
	{ 0xff, "Global" },
	{ 0x02, "802.1B I" },
	{ 0x03, "802.1B G" },
	{ 0x06, "IP" },
	{ 0x04, "SNA" },
	{ 0x0e, "ProWay NM" },
	{ 0x42, "STP" },
	{ 0x4e, "RS511" },
	{ 0x7e, "ISO8208" },
	{ 0x8e, "ProWay" },
	{ 0xaa, "SNAP" },
	{ 0xe0, "IPX" },
	{ 0xf0, "NetBeui" },
	{ 0xfe, "OSI" },
	{ 0, NULL },
};

static const struct pr_tok ucmd_names[] = {
	{ 0x03, "ui" },	   { 0xe3, "test" }, { 0xaf, "xid" },
	{ 0x63, "ua" },	   { 0x43, "disc" }, { 0x0f, "dm" },
	{ 0x6f, "sabme" }, { 0x87, "frmr" }, { 0, NULL },
};

/* Indexed by the C/R bit | the poll bit, as tcpdump's llc_flag_values. */
static const char *flag_name(unsigned v)
{
	switch (v) {
	case 0:
		return "Command";
	case LLC_GSAP:
		return "Response";
	case LLC_U_POLL:
	case LLC_IS_POLL:
		return "Poll";
	case LLC_GSAP | LLC_U_POLL:
	case LLC_GSAP | LLC_IS_POLL:
		return "Final";
	default:
		return "?";
	}
}

static const char *const supervisory_names[] = {
	"Receiver Ready", "Receiver not Ready", "Reject", "?",
};

static const struct pr_tok cisco_pid_names[] = {
	{ PID_CISCO_CDP, "CDP" },
	{ PID_CISCO_VTP, "VTP" },
	{ PID_CISCO_DTP, "DTP" },
	{ PID_CISCO_UDLD, "UDLD" },
	{ PID_CISCO_PVST, "PVST" },
	{ PID_CISCO_VLANBRIDGE, "VLAN Bridge" },
	{ 0, NULL },
};

static const struct pr_tok bridged_pid_names[] = {
	{ 0x0001, "Ethernet + FCS" },
	{ 0x0007, "Ethernet w/o FCS" },
	{ 0x0002, "802.4 + FCS" },
	{ 0x0008, "802.4 w/o FCS" },
	{ 0x0003, "Token Ring + FCS" },
	{ 0x0009, "Token Ring w/o FCS" },
	{ 0x0004, "FDDI + FCS" },
	{ 0x000a, "FDDI w/o FCS" },
	{ 0x0005, "802.6 + FCS" },
	{ 0x000b, "802.6 w/o FCS" },
	{ PID_RFC2684_BPDU, "BPDU" },
	{ 0, NULL },
};

/* The PID names of an OUI (tcpdump's oui_to_tok). */
static const struct pr_tok *pid_names(uint32_t oui)
{
	switch (oui) {
	case OUI_ENCAP_ETHER:
	case OUI_CISCO_90:
	case OUI_APPLETALK:
		return ethertype_names;
	case OUI_CISCO:
		return cisco_pid_names;
	case OUI_RFC2684:
		return bridged_pid_names;
	default:
		return NULL;
	}
}

/*
 * The printers behind a SAP pair (DSAP = SSAP, control UI), and behind
 * a Cisco SNAP PID. A row's printer gets the payload after the header.
 */
static const struct pr_disp sap_printers[] = {
	{ LLCSAP_8021D, stp_print },
	{ LLCSAP_IP, ip_print },
	{ LLCSAP_IPX, ipx_print },
	{ LLCSAP_ISONS, isoclns_print },
	{ 0, NULL },
};

static const struct pr_disp cisco_printers[] = {
	{ PID_CISCO_CDP, cdp_print },
	{ PID_CISCO_DTP, dtp_print },
	{ PID_CISCO_UDLD, udld_print },
	{ PID_CISCO_VTP, vtp_print },
	{ PID_CISCO_PVST, stp_print },
	{ PID_CISCO_VLANBRIDGE, stp_print },
	{ 0, NULL },
};

/*
 * SAPs that tcpdump 4.99.3 decodes and these tables do not yet: their
 * frames fall back to the unknown-SAP form, counted by pr_generic.
 */
static const struct pr_tok sap_generic[] = {
	{ 0, NULL },
};

/*
 * The bytes of a frame cut short, as tcpdump's llc_print dumps them: its
 * default printer unconditionally, -x or not.
 */
static void cut_dump(struct pr_ctx *c, const uint8_t *p, unsigned caplen)
{
	pr_hexascii_dump(c, "\n\t", p, caplen);
}

static void addr_print(struct pr_ctx *c, const uint8_t *a)
{
	pr_mac(c, a);
	pr_putc(c, ' ');
}

static void sap_print(struct pr_ctx *c, const char *fmt, unsigned sap)
{
	pr_tok_print(c, sap_names, fmt, sap);
}

/* The SNAP header's "oui .., pid .." or "ethertype .." words. */
static void snap_words(struct pr_ctx *c, uint32_t oui, unsigned pid,
		       int eflag)
{
	const struct pr_tok *t = pid_names(oui);
	const char *s = t ? pr_tok(t, pid) : NULL;

	if (!eflag && oui == OUI_ENCAP_ETHER) {
		pr_printf(c, "ethertype %s (0x%04x)", s ? s : "Unknown", pid);
		return;
	}
	pr_puts(c, "oui ");
	pr_tok_print(c, oui_names, "Unknown", oui);
	pr_printf(c, " (0x%06x), %s %s (0x%04x)", oui,
		  oui == OUI_ENCAP_ETHER && eflag ? "ethertype" : "pid",
		  s ? s : "Unknown", pid);
}

int snap_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
	       unsigned caplen, const uint8_t *src, const uint8_t *dst)
{
	uint32_t oui;
	uint16_t pid;
	pr_fn fn = NULL;
	int rc = 0;

	c->proto = "snap";
	if (!pr_has(c, p, 5) || caplen < 5 || length < 5) {
		pr_trunc(c);
		return 0;
	}
	PR_BE24(c, p, oui);
	PR_BE16(c, p + 3, pid);
	if (c->o.eflag) {
		snap_words(c, oui, pid, 1);
		pr_printf(c, ", length %u: ", length - 5);
	}
	p += 5;
	length -= 5;
	caplen -= 5;

	switch (oui) {
	case OUI_ENCAP_ETHER:
	case OUI_CISCO_90:
		if (ethertype_dispatch(c, pid, p, length, &rc))
			return rc == PR_STOP ? PR_STOP : 0;
		break;
	case OUI_APPLETALK:
		if (pid == ET_ATALK && ethertype_dispatch(c, pid, p, length, &rc))
			return rc == PR_STOP ? PR_STOP : 0;
		break;
	case OUI_CISCO:
		fn = pr_lookup(cisco_printers, pid);
		break;
	case OUI_RFC2684:
		if (pid == PID_RFC2684_BPDU)
			fn = stp_print;
		break;
	default:
		break;
	}
	if (fn) {
		rc = fn(c, p, length);
		return rc == PR_STOP ? PR_STOP : 0;
	}
	/*
	 * Not decoded. tcpdump decodes the ethertypes it knows and the
	 * bridged Ethernet, Token Ring and FDDI frames of RFC 2684.
	 */
	if (oui == OUI_ENCAP_ETHER || oui == OUI_CISCO_90) {
		ethertype_generic(c, pid);
	} else if (oui == OUI_CISCO && pr_tok(cisco_pid_names, pid)) {
		pr_generic(c, pr_tok(cisco_pid_names, pid));
	} else if (oui == OUI_RFC2684 && pr_tok(bridged_pid_names, pid) &&
		   pid != 0x0002 && pid != 0x0008 && pid != 0x0005 &&
		   pid != 0x000b) {
		pr_generic(c, "bridged frame");
	}
	if (!c->o.eflag) {
		if (src && dst) {
			pr_mac(c, src);
			pr_puts(c, " > ");
			addr_print(c, dst);
		}
		pr_puts(c, "SNAP, ");
		snap_words(c, oui, pid, 0);
		pr_printf(c, ", length %u: ", length);
	}
	return 1;
}

int llc_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
	      unsigned caplen, const uint8_t *src, const uint8_t *dst,
	      unsigned *hdrlenp)
{
	uint8_t dsap_field, ssap_field, dsap, ssap, b;
	uint16_t control;
	unsigned hdrlen;
	int is_u, rc;
	pr_fn fn;

	c->proto = "llc";
	*hdrlenp = 0;
	if (caplen < 3 || length < 3) {
		pr_trunc(c);
		cut_dump(c, p, caplen);
		*hdrlenp = caplen < 3 ? caplen : length;
		return 0;
	}
	PR_U8(c, p, dsap_field);
	PR_U8(c, p + 1, ssap_field);
	PR_U8(c, p + 2, b);
	control = b;
	if ((control & LLC_U_FMT) == LLC_U_FMT) {
		is_u = 1;
		hdrlen = 3;
	} else {
		if (caplen < 4 || length < 4) {
			pr_trunc(c);
			cut_dump(c, p, caplen);
			*hdrlenp = caplen < 4 ? caplen : length;
			return 0;
		}
		if (!pk_le16(&c->pk, p + 2, &control))
			return pr_stop(c);
		is_u = 0;
		hdrlen = 4;
	}

	if (ssap_field == LLCSAP_GLOBAL && dsap_field == LLCSAP_GLOBAL) {
		/* Novell's "raw" 802.3 IPX: no LLC header at all. */
		if (c->o.eflag)
			pr_puts(c, "IPX 802.3: ");
		rc = ipx_print(c, p, length);
		return rc == PR_STOP ? PR_STOP : 0;
	}

	dsap = dsap_field & ~LLC_IG;
	ssap = ssap_field & ~LLC_GSAP;
	if (c->o.eflag) {
		pr_puts(c, "LLC, dsap ");
		sap_print(c, "Unknown", dsap);
		pr_printf(c, " (0x%02x) %s, ssap ", dsap,
			  dsap_field & LLC_IG ? "Group" : "Individual");
		sap_print(c, "Unknown", ssap);
		pr_printf(c, " (0x%02x) %s", ssap,
			  ssap_field & LLC_GSAP ? "Response" : "Command");
		pr_printf(c, is_u ? ", ctrl 0x%02x: " : ", ctrl 0x%04x: ",
			  control);
	}
	p += hdrlen;
	length -= hdrlen;
	caplen -= hdrlen;
	*hdrlenp = hdrlen;

	if (ssap == LLCSAP_SNAP && dsap == LLCSAP_SNAP && control == LLC_UI) {
		rc = snap_print(c, p, length, caplen, src, dst);
		*hdrlenp = hdrlen + 5;
		return rc;
	}
	if (ssap == dsap && control == LLC_UI &&
	    (fn = pr_lookup(sap_printers, dsap)) != NULL) {
		if (dsap == LLCSAP_IPX && c->o.eflag)
			pr_puts(c, "IPX 802.2: ");
		rc = fn(c, p, length);
		return rc == PR_STOP ? PR_STOP : 0;
	}
	if (ssap == dsap && control == LLC_UI && pr_tok(sap_generic, dsap))
		pr_generic(c, pr_tok(sap_generic, dsap));

	if (!c->o.eflag) {
		if (ssap == dsap) {
			if (src && dst) {
				pr_mac(c, src);
				pr_puts(c, " > ");
				addr_print(c, dst);
			}
			sap_print(c, "Unknown DSAP 0x%02x", dsap);
			pr_putc(c, ' ');
		} else {
			if (src && dst)
				addr_print(c, src);
			sap_print(c, "Unknown SSAP 0x%02x", ssap);
			pr_puts(c, " > ");
			if (src && dst)
				addr_print(c, dst);
			sap_print(c, "Unknown DSAP 0x%02x", dsap);
			pr_putc(c, ' ');
		}
	}

	if (is_u) {
		pr_puts(c, "Unnumbered, ");
		pr_tok_print(c, ucmd_names, "%02x", control & 0xef);
		pr_printf(c, ", Flags [%s], length %u",
			  flag_name((ssap_field & LLC_GSAP) |
				    (control & LLC_U_POLL)),
			  length + hdrlen);
		if ((control & ~LLC_U_POLL) == LLC_XID) {
			uint8_t fi, a, bb;

			if (length == 0)
				return 0;
			if (caplen < 1) {
				pr_trunc(c);
				return 0;
			}
			PR_U8(c, p, fi);
			if (fi == LLC_XID_FI) {
				if (caplen < 3 || length < 3) {
					pr_trunc(c);
					cut_dump(c, p, caplen);
				} else {
					PR_U8(c, p + 1, a);
					PR_U8(c, p + 2, bb);
					pr_printf(c, ": %02x %02x", a, bb);
				}
				return 0;
			}
		}
	} else if ((control & LLC_S_FMT) == LLC_S_FMT) {
		pr_printf(c, "Supervisory, %s, rcv seq %u, Flags [%s], length %u",
			  supervisory_names[(control >> 2) & 3],
			  (control >> 9) & 0x7f,
			  flag_name((ssap_field & LLC_GSAP) |
				    (control & LLC_IS_POLL)),
			  length + hdrlen);
		return 0;
	} else {
		pr_printf(c, "Information, send seq %u, rcv seq %u, Flags [%s], length %u",
			  (control >> 1) & 0x7f, (control >> 9) & 0x7f,
			  flag_name((ssap_field & LLC_GSAP) |
				    (control & LLC_IS_POLL)),
			  length + hdrlen);
	}
	return 1;
}
