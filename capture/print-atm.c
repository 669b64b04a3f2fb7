/* print-atm.c: ATM links (DLT_SUNATM, DLT_ATM_RFC1483, DLT_ATM_CLIP) and OAM cells. */
/*
 * RFC 2684 (was RFC 1483) multiprotocol encapsulation over AAL5: an LLC
 * header (0xaaaa03 SNAP, 0xfefe03 routed NLPID, 0x060603 IP), or Cisco's
 * lone 0x03 before an NLPID. RFC 2225 Classical IP over ATM: the SNAP
 * header aa aa 03 00 00 00, else a bare IPv4 packet. SunATM adds a
 * 4-octet pseudo-header:
 *
 *  +--------+--------+--------+--------+
 *  | dir/pt |  VPI   |       VCI       |   dir 0x80 transmit;
 *  +--------+--------+--------+--------+   pt 1 LANE, 2 LLC
 *
 * An OAM cell (ITU-T I.610), the HEC octet present or not:
 *
 *  +-------------------------------+-----+----------------------+-----+
 *  | GFC VPI VCI PTI CLP (4) [HEC] |type |function-specific (45)|CRC10|
 *  |                               |func |                      |(2)  |
 *  +-------------------------------+-----+----------------------+-----+
 */
#include "capture/print-int.h"

#define VCI_META 0x01
#define VCI_BCAST 0x02
#define VCI_OAMF4_SEG 0x03
#define VCI_OAMF4_END 0x04
#define VCI_SIGNAL 0x05
#define VCI_ILMI 0x10
#define Q2931 0x09

#define ATM_HDRLEN_NOHEC 4
#define OAM_PAYLOAD_LEN 48
#define OAM_FUNC_LEN 45
#define OAM_CRC10_POLY 0x633
#define OAM_CRC10_MASK 0x3ff

#define SUNATM_HDRLEN 4
#define SUNATM_PT_LANE 0x01

#define OAM_FM 0x1
#define OAM_PM 0x2
#define OAM_AD 0x8
#define OAM_SM 0xf
#define OAM_FM_AIS 0x0
#define OAM_FM_RDI 0x1
#define OAM_FM_CC 0x4
#define OAM_FM_LOOPBACK 0x8

static const struct pr_tok oam_f4_names[] = {
	{ VCI_OAMF4_SEG, "OAM F4 (segment)" },
	{ VCI_OAMF4_END, "OAM F4 (end)" },
	{ 0, NULL },
};

static const struct pr_tok atm_pty_names[] = {
	{ 0x0, "user data, uncongested, SDU 0" },
	{ 0x1, "user data, uncongested, SDU 1" },
	{ 0x2, "user data, congested, SDU 0" },
	{ 0x3, "user data, congested, SDU 1" },
	{ 0x4, "VCC OAM F5 flow segment" },
	{ 0x5, "VCC OAM F5 flow end-to-end" },
	{ 0x6, "Traffic Control and resource Mgmt" },
	{ 0, NULL },
};

static const struct pr_tok oam_celltype_names[] = {
	{ OAM_FM, "Fault Management" },
	{ OAM_PM, "Performance Management" },
	{ OAM_AD, "activate/deactivate" },
	{ OAM_SM, "System Management" },
	{ 0, NULL },
};

static const struct pr_tok oam_fm_names[] = {
	{ OAM_FM_AIS, "AIS" },
	{ OAM_FM_RDI, "RDI" },
	{ OAM_FM_CC, "Continuity Check" },
	{ OAM_FM_LOOPBACK, "Loopback" },
	{ 0, NULL },
};

static const struct pr_tok oam_pm_names[] = {
	{ 0x0, "Forward Monitoring" },
	{ 0x1, "Backward Reporting" },
	{ 0x2, "Monitoring and Reporting" },
	{ 0, NULL },
};

static const struct pr_tok oam_ad_names[] = {
	{ 0x0, "Performance Monitoring" },
	{ 0x1, "Continuity Check" },
	{ 0, NULL },
};

static const struct pr_tok oam_loopback_names[] = {
	{ 0x0, "Reply" },
	{ 0x1, "Request" },
	{ 0, NULL },
};

static const struct pr_tok q2931_msg_names[] = {
	{ 0x02, "Call_proceeding" },
	{ 0x07, "Connect" },
	{ 0x0f, "Connect_ack" },
	{ 0x05, "Setup" },
	{ 0x4d, "Release" },
	{ 0x5a, "Release_complete" },
	{ 0x46, "Restart" },
	{ 0x4e, "Restart_ack" },
	{ 0x7d, "Status" },
	{ 0x75, "Status_enquiry" },
	{ 0x80, "Add_party" },
	{ 0x81, "Add_party_ack" },
	{ 0x82, "Add_party_reject" },
	{ 0x83, "Drop_party" },
	{ 0x84, "Drop_party_ack" },
	{ 0, NULL },
};

/* The CRC-10 of I.610 over n captured octets (0 when the cell's is right). */
static unsigned crc10(const uint8_t *p, unsigned n)
{
	unsigned acc = 0, t, i, bit;

	for (i = 0; i < n; i++) {
		/* the table entry for the octet leaving the register */
		t = ((acc >> 2) & 0xff) << 2;
		for (bit = 0; bit < 8; bit++) {
			t <<= 1;
			if (t & 0x400)
				t ^= OAM_CRC10_POLY;
		}
		acc = ((acc << 8) & OAM_CRC10_MASK) ^ t ^ p[i];
	}
	return acc;
}

/* The octets of an ID, two at a time, as "%04x " each. */
static int oam_id_print(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint16_t v;
	unsigned i;

	for (i = 1; i < n; i += 2) {
		PR_BE16(c, p + i, v);
		pr_printf(c, "%04x ", v);
	}
	return 0;
}

int atm_oam_print(struct pr_ctx *c, const uint8_t *p, unsigned length, unsigned hec)
{
	const struct pr_tok *funcs;
	unsigned vpi, vci, pty, clp, type, func;
	uint32_t hdr, tag;
	uint16_t cks;
	uint8_t b;

	c->proto = "oam";
	PR_BE32(c, p + hec, hdr);
	PR_U8(c, p + ATM_HDRLEN_NOHEC + hec, b);
	type = b >> 4;
	func = b & 0x0f;
	vpi = hdr >> 20 & 0xff;
	vci = hdr >> 4 & 0xffff;
	pty = hdr >> 1 & 0x7;
	clp = hdr & 1;
	pr_tok_print(c, oam_f4_names, "OAM F5", vci);
	pr_printf(c, ", vpi %u, vci %u, payload [ ", vpi, vci);
	pr_tok_print(c, atm_pty_names, "Unknown", pty);
	pr_printf(c, " ], clp %u, length %u", clp, length);
	if (!c->o.vflag)
		return 0;
	pr_puts(c, "\n\tcell-type ");
	pr_tok_print(c, oam_celltype_names, "unknown", type);
	pr_printf(c, " (%u)", type);
	funcs = type == OAM_FM ? oam_fm_names
		: type == OAM_PM ? oam_pm_names
		: type == OAM_AD ? oam_ad_names : NULL;
	if (!funcs) {
		pr_printf(c, ", func-type unknown (%u)", func);
	} else {
		pr_puts(c, ", func-type ");
		pr_tok_print(c, funcs, "none", func);
		pr_printf(c, " (%u)", func);
	}
	p += ATM_HDRLEN_NOHEC + hec;
	if (type == OAM_FM && func == OAM_FM_LOOPBACK) {
		/* indicator (1), correlation tag (4), location and source ids */
		PR_NEED(c, p + 1, 45);
		PR_U8(c, p + 1, b);
		PR_BE32(c, p + 2, tag);
		pr_puts(c, "\n\tLoopback-Indicator ");
		pr_tok_print(c, oam_loopback_names, "Unknown", b & 1);
		pr_printf(c, ", Correlation-Tag 0x%08x", tag);
		pr_puts(c, "\n\tLocation-ID ");
		if (oam_id_print(c, p + 6, 12) == PR_STOP)
			return PR_STOP;
		pr_puts(c, "\n\tSource-ID   ");
		if (oam_id_print(c, p + 18, 12) == PR_STOP)
			return PR_STOP;
	} else if (type == OAM_FM && (func == OAM_FM_AIS || func == OAM_FM_RDI)) {
		/* failure type (1), location (16), unused (28) */
		PR_NEED(c, p + 1, 45);
		PR_U8(c, p + 1, b);
		pr_printf(c, "\n\tFailure-type 0x%02x", b);
		pr_puts(c, "\n\tLocation-ID ");
		if (oam_id_print(c, p + 2, 16) == PR_STOP)
			return PR_STOP;
	}
	PR_BE16(c, p + 1 + OAM_FUNC_LEN, cks);
	PR_NEED(c, p, OAM_PAYLOAD_LEN);
	pr_printf(c, "\n\tcksum 0x%03x (%scorrect)", cks & OAM_CRC10_MASK,
		  crc10(p, OAM_PAYLOAD_LEN) == 0 ? "" : "in");
	return 0;
}

/* An RFC 2684 LLC frame; ll_hdr_len grows by its LLC header. */
static int atm_llc_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
			 unsigned caplen)
{
	unsigned base = c->ll_hdr_len, llc_len = 0;
	int rc;

	rc = llc_print(c, p, length, caplen, NULL, NULL, &llc_len);
	if (rc == PR_STOP)
		return PR_STOP;
	if (rc == 1)
		pr_default(c, p, caplen);
	c->ll_hdr_len = base + llc_len;
	return 0;
}

/* The signalling VCI: Q.2931 or SSCOP. */
static int sig_print(struct pr_ctx *c, const uint8_t *p)
{
	uint32_t ref;
	uint8_t proto, msg;

	PR_U8(c, p, proto);
	if (proto != Q2931) {
		pr_printf(c, "SSCOP, proto %u ", proto);
		return 0;
	}
	pr_puts(c, "Q.2931");
	PR_U8(c, p + 5, msg);
	pr_putc(c, ':');
	pr_tok_print(c, q2931_msg_names, "msgtype#%u", msg);
	pr_putc(c, ' ');
	PR_BE24(c, p + 2, ref);
	pr_printf(c, "CALL_REF:0x%06x", ref);
	return 0;
}

/* An AAL5 PDU on a VC (tcpdump's atm_print). */
static int atm_pdu_print(struct pr_ctx *c, unsigned vpi, unsigned vci,
			 int lane, const uint8_t *p, unsigned length,
			 unsigned caplen)
{
	c->proto = "atm";
	if (c->o.eflag)
		pr_printf(c, "VPI:%u VCI:%u ", vpi, vci);
	if (vpi == 0) {
		switch (vci) {
		case VCI_SIGNAL:
			return sig_print(c, p);
		case VCI_BCAST:
			pr_puts(c, "broadcast sig: ");
			return 0;
		case VCI_OAMF4_SEG:
		case VCI_OAMF4_END:
			return atm_oam_print(c, p, length, 1);
		case VCI_META:
			pr_puts(c, "meta: ");
			return 0;
		case VCI_ILMI:
			pr_puts(c, "ilmi: ");
			return pr_snmp_print(c, p, length);
		default:
			break;
		}
	}
	if (lane) {
		/* LAN emulation is not decoded here */
		pr_generic(c, "LANE");
		return 0;
	}
	return atm_llc_print(c, p, length, caplen);
}

int sunatm_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;
	uint16_t vci;
	uint8_t dir, vpi;
	int rc;

	c->proto = "sunatm";
	c->ll_hdr_len = 0;
	PR_U8(c, p, dir);
	if (c->o.eflag)
		pr_puts(c, dir & 0x80 ? "Tx: " : "Rx: ");
	PR_U8(c, p + 1, vpi);
	PR_BE16(c, p + 2, vci);
	c->ll_hdr_len = SUNATM_HDRLEN;
	rc = atm_pdu_print(c, vpi, vci, (dir & 0x0f) == SUNATM_PT_LANE,
			   p + SUNATM_HDRLEN, length - SUNATM_HDRLEN,
			   caplen - SUNATM_HDRLEN);
	/* tcpdump counts only the SunATM header as the link's (-x) */
	c->ll_hdr_len = SUNATM_HDRLEN;
	return rc;
}

int atm_rfc1483_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen;
	uint32_t llc, w[4];
	uint8_t b;
	int i;

	c->proto = "atm";
	c->ll_hdr_len = 0;
	PR_U8(c, p, b);
	if (b == 0x03) {
		/* Cisco's NLPID encapsulation */
		if (c->o.eflag)
			pr_puts(c, "CNLPID ");
		c->ll_hdr_len = 1;
		return isoclns_print(c, p + 1, length - 1);
	}
	PR_BE24(c, p, llc);
	if (llc != 0xaaaa03 && llc != 0xfefe03 && llc != 0x060603) {
		/* an 802.6 MAC header, as Fore's driver put before it */
		if (c->o.eflag) {
			for (i = 0; i < 4; i++)
				PR_BE32(c, p + 4 * i, w[i]);
			pr_printf(c, "%08x%08x %08x%08x ", w[0], w[1], w[2],
				  w[3]);
		}
		PR_NEED(c, p, 20);
		p += 20;
		length -= 20;
		caplen -= 20;
		c->ll_hdr_len = 20;
	}
	return atm_llc_print(c, p, length, caplen);
}

/* RFC 2225's LLC/SNAP header for IPv4's ethertype... as far as the OUI. */
static const uint8_t cip_llc[6] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 };

int cip_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	c->proto = "cip";
	c->ll_hdr_len = 0;
	if (c->o.eflag)
		pr_printf(c, "%u: ", length);
	PR_NEED(c, p, sizeof(cip_llc));
	if (memcmp(p, cip_llc, sizeof(cip_llc)) == 0)
		return atm_llc_print(c, p, length, c->h->caplen);
	return ip_print(c, p, length);
}
