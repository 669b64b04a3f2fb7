/* print-juniper.c: Juniper's DLT_JUNIPER_* pseudo-header and the payloads behind it. */
/*
 * No RFC: the layout is Juniper's (JUNOS "monitor traffic" savefiles and
 * the PIC cookies), as libpcap's and tcpdump's link-type notes describe it.
 * Every frame starts with a 4-octet header, then optional extension TLVs,
 * then the PIC's cookie, then the layer-2 frame (or layer 3 when the
 * no-L2 flag is set):
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            magic "MGC" (0x4d4743)             |     flags     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | extension length (flag 0x80)  | TLVs: type (1) length (1) value
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  (types < 128 little endian)
 *  | cookie: 0 to 8 octets, its length by the PIC and first octet  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Flags: 0x01 incoming, 0x02 no layer-2 header, 0x04 IIF valid, 0x40
 * filtering supported, 0x80 extensions present. A cookie starting with
 * 0x54 is a link-services one (2 more octets), 0x47 an adaptive-services
 * one (8 octets).
 */
#include "capture/print-int.h"

#include <pcap/pcap.h>

#define JNX_MAGIC 0x4d4743
#define JNX_FLAG_IN 0x01
#define JNX_FLAG_NO_L2 0x02
#define JNX_FLAG_EXT 0x80
#define JNX_TLV_OVERHEAD 2u

#define LS_COOKIE 0x54
#define AS_COOKIE 0x47
#define AS_COOKIE_LEN 8
#define MFR_BE_MASK 0xc0
#define ATM2_PKT_TYPE_MASK 0x70
#define ATM2_GAP_COUNT_MASK 0x3f

/* The layer-3 protocol in an AS cookie's sixth octet. */
#define LSQ_PROTO_MASK (0x17 << 4)
#define LSQ_PROTO_IPV4 (0 << 4)
#define LSQ_PROTO_IPV6 (1 << 4)
#define LSQ_PROTO_MPLS (2 << 4)
#define LSQ_PROTO_ISO (3 << 4)
#define LSQ_COOKIE_RE 0x08
#define LSQ_COOKIE_DIR 0x04

#define PPP_OSI_PROTO 0x0023
#define PPP_ADDR_CTL 0xff03
#define LLC_UI 0x03
#define NLPID_Q933 0x08
#define NLPID_IP 0xcc
#define NLPID_IP6 0x8e

/* What juniper_header found: tcpdump's juniper_l2info_t. */
struct jnx_info {
	unsigned length;
	unsigned caplen;
	unsigned hdrlen;
	unsigned bundle;
	unsigned proto;
	uint8_t flags;
	uint8_t cookie_len;
	uint8_t cookie_type;
	uint8_t cookie[8];
};

/* The PICs: link type, cookie length, name. */
struct jnx_pic {
	int dlt;
	uint8_t cookie_len;
	const char *name;
};

static const struct jnx_pic jnx_pics[] = {
	{ DLT_JUNIPER_ATM1, 4, "ATM1" },
	{ DLT_JUNIPER_ATM2, 8, "ATM2" },
	{ DLT_JUNIPER_MLPPP, 2, "MLPPP" },
	{ DLT_JUNIPER_MLFR, 2, "MLFR" },
	{ DLT_JUNIPER_MFR, 4, "MFR" },
	{ DLT_JUNIPER_PPPOE, 0, "PPPoE" },
	{ DLT_JUNIPER_PPPOE_ATM, 0, "PPPoE ATM" },
	{ DLT_JUNIPER_GGSN, 8, "GGSN" },
	{ DLT_JUNIPER_MONITOR, 8, "MONITOR" },
	{ DLT_JUNIPER_SERVICES, 8, "AS" },
	{ DLT_JUNIPER_ES, 0, "ES" },
	{ 0, 0, NULL },
};

static const struct pr_tok jnx_dir_names[] = {
	{ 1, "In" },
	{ 0, "Out" },
	{ 0, NULL },
};

static const struct pr_tok jnx_flag_names[] = {
	{ 0x80, "Ext" },
	{ 0x40, "Filter" },
	{ 0x04, "IIF" },
	{ 0x02, "no-L2" },
	{ 0x01, "In" },
	{ 0, NULL },
};

enum {
	JNX_TLV_IFD_IDX = 1,
	JNX_TLV_IFD_NAME = 2,
	JNX_TLV_IFD_MEDIATYPE = 3,
	JNX_TLV_IFL_IDX = 4,
	JNX_TLV_IFL_UNIT = 5,
	JNX_TLV_IFL_ENCAPS = 6,
	JNX_TLV_TTP_IFD_MEDIATYPE = 7,
	JNX_TLV_TTP_IFL_ENCAPS = 8,
};

static const struct pr_tok jnx_tlv_names[] = {
	{ JNX_TLV_IFD_IDX, "Device Interface Index" },
	{ JNX_TLV_IFD_NAME, "Device Interface Name" },
	{ JNX_TLV_IFD_MEDIATYPE, "Device Media Type" },
	{ JNX_TLV_IFL_IDX, "Logical Interface Index" },
	{ JNX_TLV_IFL_UNIT, "Logical Unit Number" },
	{ JNX_TLV_IFL_ENCAPS, "Logical Interface Encapsulation" },
	{ JNX_TLV_TTP_IFD_MEDIATYPE, "TTP derived Device Media Type" },
	{ JNX_TLV_TTP_IFL_ENCAPS, "TTP derived Logical Interface Encapsulation" },
	{ 0, NULL },
};

/* Device media types (the IFD media-type TLVs). */
static const struct pr_tok jnx_ifmt_names[] = {
	{ 1, "Ethernet" },
	{ 2, "FDDI" },
	{ 3, "Token-Ring" },
	{ 4, "PPP" },
	{ 57, "PPP-Subordinate" },
	{ 5, "Frame-Relay" },
	{ 6, "Cisco-HDLC" },
	{ 7, "SMDS-DXI" },
	{ 8, "ATM-PVC" },
	{ 9, "PPP-CCC" },
	{ 10, "Frame-Relay-CCC" },
	{ 48, "Extended FR-CCC" },
	{ 11, "IP-over-IP" },
	{ 12, "GRE" },
	{ 13, "PIM-Encapsulator" },
	{ 14, "PIM-Decapsulator" },
	{ 15, "Cisco-HDLC-CCC" },
	{ 16, "VLAN-CCC" },
	{ 32, "Extended-VLAN-CCC" },
	{ 17, "Multilink-PPP" },
	{ 18, "Multilink-FR" },
	{ 39, "Multilink-FR-UNI-NNI" },
	{ 19, "Multilink" },
	{ 40, "LinkService" },
	{ 20, "LSI" },
	{ 22, "ATM-CCC-Cell-Relay" },
	{ 23, "IPSEC-over-IP" },
	{ 24, "GGSN" },
	{ 27, "PPP-TCC" },
	{ 28, "Frame-Relay-TCC" },
	{ 49, "Extended FR-TCC" },
	{ 29, "Cisco-HDLC-TCC" },
	{ 30, "Ethernet-CCC" },
	{ 31, "VPN-Loopback-tunnel" },
	{ 33, "Ethernet-over-ATM" },
	{ 46, "Ethernet-VPLS-over-ATM" },
	{ 34, "Monitor" },
	{ 35, "Ethernet-TCC" },
	{ 36, "VLAN-TCC" },
	{ 37, "Extended-VLAN-TCC" },
	{ 38, "Controller" },
	{ 41, "VPLS" },
	{ 42, "VLAN-VPLS" },
	{ 43, "Extended-VLAN-VPLS" },
	{ 44, "Logical-tunnel" },
	{ 45, "General-Services" },
	{ 56, "PPPoE" },
	{ 52, "Flexible-Ethernet-Services" },
	{ 50, "Flexible-FrameRelay" },
	{ 53, "Flow-collection" },
	{ 60, "PIC Peer" },
	{ 59, "Dynamic-Flow-Capture" },
	{ 0, NULL },
};

/* Logical interface encapsulations (the IFL encapsulation TLVs). */
static const struct pr_tok jnx_ifle_names[] = {
	{ 59, "Aggregator" },
	{ 9, "CCC over ATM" },
	{ 32, "ATM CCC Cell Relay" },
	{ 26, "CISCO compatible NLPID" },
	{ 56, "Ethernet over ATM CCC" },
	{ 41, "Ethernet over ATM LLC" },
	{ 53, "Ethernet VPLS over ATM LLC" },
	{ 5, "ATM LLC" },
	{ 55, "MLPPP over ATM LLC" },
	{ 3, "ATM NLPID" },
	{ 61, "PPPoE over ATM LLC" },
	{ 8, "PPP over FUNI" },
	{ 7, "PPP over ATM LLC" },
	{ 6, "PPP over ATM VCMUX" },
	{ 2, "ATM SNAP" },
	{ 43, "ATM SNAP TCC" },
	{ 35, "ATM VCMUX TCC" },
	{ 4, "ATM VCMUX" },
	{ 18, "C-HDLC" },
	{ 25, "C-HDLC CCC" },
	{ 65, "C-HDLC via dialer" },
	{ 38, "C-HDLC TCC" },
	{ 58, "Collector" },
	{ 33, "Crypto" },
	{ 14, "Ethernet" },
	{ 39, "Ethernet CCC" },
	{ 51, "Extended VLAN VPLS" },
	{ 62, "PPPoE over Ethernet" },
	{ 45, "Ethernet TCC" },
	{ 50, "VLAN VPLS" },
	{ 49, "VPLS" },
	{ 42, "Extended VLAN CCC" },
	{ 47, "Extended VLAN TCC" },
	{ 13, "FR CCC" },
	{ 10, "FR NLPID" },
	{ 54, "FR CCC" },
	{ 12, "FR PPP" },
	{ 11, "FR SNAP" },
	{ 36, "FR TCC" },
	{ 34, "GGSN" },
	{ 22, "GRE NULL" },
	{ 23, "PPP over GRE" },
	{ 20, "IPIP" },
	{ 60, "LAPD" },
	{ 30, "LSI Null" },
	{ 57, "LT VLAN" },
	{ 48, "MFR" },
	{ 29, "MLFR" },
	{ 28, "MLPPP" },
	{ 44, "Monitor" },
	{ 24, "PIMd" },
	{ 21, "PIM Null" },
	{ 17, "PPP" },
	{ 63, "PPPoE" },
	{ 19, "PPP CCC" },
	{ 64, "" },
	{ 37, "PPP TCC" },
	{ 52, "General Services" },
	{ 27, "VLAN CCC" },
	{ 46, "VLAN TCC" },
	{ 40, "VT" },
	{ 0, NULL },
};

static const struct pr_tok jnx_ipsec_names[] = {
	{ 1, "ESP ENCR-AUTH" },
	{ 2, "ESP ENCR-AH AUTH" },
	{ 3, "ESP AUTH" },
	{ 4, "AH AUTH" },
	{ 5, "ESP ENCR" },
	{ 0, NULL },
};

static const struct pr_tok jnx_ggsn_proto_names[] = {
	{ 1, "Null" },
	{ 2, "IPv4" },
	{ 6, "IPv6" },
	{ 0, NULL },
};

/* IPv4 or IPv6 by the first octet: 1 printed (rc set), 0 neither. */
static int ip_guess(struct pr_ctx *c, const uint8_t *p, unsigned len, int *rc)
{
	uint8_t b;

	if (!pk_u8(&c->pk, p, &b)) {
		*rc = pr_stop(c);
		return 1;
	}
	if (b >= 0x45 && b <= 0x4f) {
		*rc = ip_print(c, p, len);
		return 1;
	}
	if (b >= 0x60 && b <= 0x6f) {
		*rc = ip6_print(c, p, len);
		return 1;
	}
	return 0;
}

/* A TLV's value, little endian below type 128; -1 for other lengths. */
static int tlv_value(struct pr_ctx *c, const uint8_t *p, unsigned type,
		     unsigned len, int64_t *v)
{
	uint32_t x = 0;
	unsigned i;
	uint8_t b;

	if (len < 1 || len > 4) {
		*v = -1;
		return 0;
	}
	for (i = 0; i < len; i++) {
		PR_U8(c, p + i, b);
		if (type < 128)
			x |= (uint32_t)b << (8 * i);
		else
			x = x << 8 | b;
	}
	/* tcpdump keeps it in an int: a 4-octet 0xffffffff reads as -1 */
	*v = (int32_t)x;
	return 0;
}

/* The extension TLVs after the length at p: 0, 1 invalid, PR_STOP. */
static int ext_print(struct pr_ctx *c, const uint8_t *p, unsigned extlen)
{
	const struct pr_tok *names;
	uint8_t type, len;
	int64_t v = -1;

	PR_NEED(c, p, extlen);
	while (extlen > JNX_TLV_OVERHEAD) {
		PR_U8(c, p, type);
		PR_U8(c, p + 1, len);
		p += 2;
		if (type == 0 || len == 0)
			break;
		if (extlen < len + JNX_TLV_OVERHEAD) {
			pr_printf(c, " [extension_length %u < %u]", extlen,
				  len + JNX_TLV_OVERHEAD);
			return 1;
		}
		if (c->o.vflag > 1) {
			const char *s = pr_tok(jnx_tlv_names, type);

			pr_printf(c, "\n\t  %s Extension TLV #%u, length %u, value ",
				  s ? s : "Unknown", type, len);
		}
		if (tlv_value(c, p, type, len, &v) == PR_STOP)
			return PR_STOP;
		names = NULL;
		if (type == JNX_TLV_IFD_MEDIATYPE ||
		    type == JNX_TLV_TTP_IFD_MEDIATYPE)
			names = jnx_ifmt_names;
		else if (type == JNX_TLV_IFL_ENCAPS ||
			 type == JNX_TLV_TTP_IFL_ENCAPS)
			names = jnx_ifle_names;
		if (type != JNX_TLV_IFD_NAME && v != -1 && c->o.vflag > 1) {
			if (names) {
				const char *s = pr_tok(names, (uint32_t)v);

				pr_printf(c, "%s (%u)", s ? s : "Unknown",
					  (unsigned)v);
			} else {
				pr_printf(c, "%u", (unsigned)v);
			}
		}
		p += len;
		extlen -= len + JNX_TLV_OVERHEAD;
	}
	if (c->o.vflag > 1)
		pr_puts(c, "\n\t-----original packet-----\n\t");
	return 0;
}

/*
 * The pseudo-header, the cookie and the PIC's own fields: 1 when the
 * payload follows at p + j->hdrlen, 0 when the packet is done, PR_STOP.
 * c->ll_hdr_len is the header's length either way.
 */
static int juniper_header(struct pr_ctx *c, const uint8_t *p, int dlt,
			  struct jnx_info *j)
{
	const struct jnx_pic *pic = NULL;
	unsigned hlen, extlen, i;
	uint32_t magic, cw;
	uint16_t ext16;
	uint8_t b;
	int r, rc;

	memset(j, 0, sizeof(*j));
	c->ll_hdr_len = 0;
	j->length = c->h->len;
	j->caplen = c->h->caplen;
	PR_U8(c, p + 3, j->flags);
	PR_BE24(c, p, magic);
	if (magic != JNX_MAGIC) {
		pr_puts(c, "no magic-number found!");
		return 0;
	}
	if (c->o.eflag)
		pr_printf(c, "%3s ", pr_tok(jnx_dir_names, j->flags & JNX_FLAG_IN));
	hlen = 4;
	if (c->o.vflag > 1) {
		pr_puts(c, "\n\tJuniper PCAP Flags [");
		pr_bittok_print(c, jnx_flag_names, ", ", "none", j->flags);
		pr_putc(c, ']');
	}
	if (j->flags & JNX_FLAG_EXT) {
		PR_BE16(c, p + 4, ext16);
		extlen = ext16;
		hlen += 2 + extlen;
		if (c->o.vflag > 1)
			pr_printf(c, ", PCAP Extension(s) total length %u", extlen);
		r = ext_print(c, p + 6, extlen);
		if (r == PR_STOP)
			return PR_STOP;
		if (r) {
			pr_invalid(c);
			c->ll_hdr_len = 0;
			return 0;
		}
	}
	if (j->flags & JNX_FLAG_NO_L2) {
		if (c->o.eflag)
			pr_puts(c, "no-L2-hdr, ");
		PR_NEED(c, p + hlen + 4, 1);
		c->ll_hdr_len = hlen + 4;
		rc = 0;
		if (!ip_guess(c, p + hlen + 4, j->length - (hlen + 4), &rc))
			pr_puts(c, "no IP-hdr found!");
		c->ll_hdr_len = hlen + 4;
		return rc == PR_STOP ? PR_STOP : 0;
	}
	j->hdrlen = hlen;
	p += hlen;
	j->length -= hlen;
	j->caplen -= hlen;

	for (i = 0; jnx_pics[i].name; i++)
		if (jnx_pics[i].dlt == dlt)
			pic = &jnx_pics[i];
	if (pic) {
		j->cookie_len = pic->cookie_len;
		PR_U8(c, p, b);
		if (b == LS_COOKIE) {
			j->cookie_type = LS_COOKIE;
			j->cookie_len += 2;
		} else if (b == AS_COOKIE) {
			j->cookie_type = AS_COOKIE;
			j->cookie_len = AS_COOKIE_LEN;
		}
		if (dlt == DLT_JUNIPER_MFR && (b & MFR_BE_MASK) == MFR_BE_MASK)
			j->cookie_len = 0;
		j->hdrlen += j->cookie_len;
		j->length -= j->cookie_len;
		j->caplen -= j->cookie_len;
		if (c->o.eflag)
			pr_printf(c, "%s-PIC, cookie-len %u", pic->name,
				  j->cookie_len);
		if (j->cookie_len > 8) {
			pr_invalid(c);
			c->ll_hdr_len = j->hdrlen;
			return 0;
		}
		if (j->cookie_len > 0) {
			PR_NEED(c, p, j->cookie_len);
			if (c->o.eflag)
				pr_puts(c, ", cookie 0x");
			for (i = 0; i < j->cookie_len; i++) {
				PR_U8(c, p + i, j->cookie[i]);
				if (c->o.eflag)
					pr_printf(c, "%02x", j->cookie[i]);
			}
		}
		if (c->o.eflag)
			pr_puts(c, ": ");
		PR_BE16(c, p + j->cookie_len, ext16);
		j->proto = ext16;
	}
	p += j->cookie_len;

	switch (dlt) {
	case DLT_JUNIPER_MLPPP:
	case DLT_JUNIPER_MLFR:
	case DLT_JUNIPER_MFR:
		if (j->cookie_type == LS_COOKIE) {
			j->bundle = j->cookie[1];
			if (dlt != DLT_JUNIPER_MLPPP) {
				PR_BE16(c, p, ext16);
				j->proto = ext16;
				j->hdrlen += 2;
				j->length -= 2;
				j->caplen -= 2;
			}
		} else if (j->cookie_type == AS_COOKIE) {
			j->bundle = ((unsigned)j->cookie[6] << 8 | j->cookie[7]) >> 3 & 0xfff;
			j->proto = j->cookie[5] & LSQ_PROTO_MASK;
		} else {
			j->bundle = j->cookie[0];
			if (dlt == DLT_JUNIPER_MLFR) {
				j->hdrlen += 2;
				j->length -= 2;
				j->caplen -= 2;
			}
		}
		break;
	case DLT_JUNIPER_ATM2:
		PR_NEED(c, p, 4);
		if (j->cookie[7] & ATM2_PKT_TYPE_MASK) {
			PR_BE32(c, p, cw);
			/* a zero, pre-7.4 or cell-length control word */
			if (cw == 0 || cw == 0x08000000 || cw == 0x08380000)
				j->hdrlen += 4;
			if (c->o.eflag)
				pr_printf(c, "control-word 0x%08x ", cw);
		}
		break;
	default:
		break;
	}
	if (c->o.eflag)
		pr_printf(c, "hlen %u, proto 0x%04x, ", j->hdrlen, j->proto);
	c->ll_hdr_len = j->hdrlen;
	return 1;
}

/* Runs the header; returns from the printer unless a payload follows. */
#define JNX_HEADER(c, p, dlt, j)                                         \
	do {                                                             \
		int jr_ = juniper_header((c), (p), (dlt), (j));          \
		if (jr_ != 1)                                            \
			return jr_;                                      \
	} while (0)

/* The rest of a printer's return: the payload's, the header kept for -x. */
static int jnx_done(struct pr_ctx *c, const struct jnx_info *j, int rc)
{
	c->ll_hdr_len = j->hdrlen;
	return rc;
}

static int juniper_ether_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;
	int rc;

	(void)len;
	c->proto = "juniper_ether";
	JNX_HEADER(c, p, DLT_JUNIPER_ETHER, &j);
	rc = ether_switch_print(c, p + j.hdrlen, j.length, j.caplen, NULL, 0);
	c->ll_hdr_len += j.hdrlen;
	return rc;
}

static int juniper_pppoe_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;
	int rc;

	(void)len;
	c->proto = "juniper_pppoe";
	JNX_HEADER(c, p, DLT_JUNIPER_PPPOE, &j);
	rc = ether_switch_print(c, p + j.hdrlen, j.length, j.caplen, NULL, 0);
	return jnx_done(c, &j, rc);
}

static int juniper_ppp_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;

	(void)len;
	c->proto = "juniper_ppp";
	JNX_HEADER(c, p, DLT_JUNIPER_PPP, &j);
	return jnx_done(c, &j, ppp_body_print(c, p + j.hdrlen, j.length, NULL));
}

static int juniper_chdlc_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;

	(void)len;
	c->proto = "juniper_chdlc";
	JNX_HEADER(c, p, DLT_JUNIPER_CHDLC, &j);
	return jnx_done(c, &j, chdlc_body_print(c, p + j.hdrlen, j.length));
}

static int juniper_frelay_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;

	(void)len;
	c->proto = "juniper_frelay";
	JNX_HEADER(c, p, DLT_JUNIPER_FRELAY, &j);
	return jnx_done(c, &j, fr_body_print(c, p + j.hdrlen, j.length));
}

static int juniper_pppoe_atm_print(struct pr_ctx *c, const uint8_t *p,
				   unsigned len)
{
	struct jnx_info j;
	uint16_t et;
	int rc = 0;

	(void)len;
	c->proto = "juniper_pppoe_atm";
	JNX_HEADER(c, p, DLT_JUNIPER_PPPOE_ATM, &j);
	p += j.hdrlen;
	PR_BE16(c, p, et);
	if (!ethertype_dispatch(c, et, p + 2, j.length - 2, &rc)) {
		ethertype_generic(c, et);
		pr_printf(c, "unknown ethertype 0x%04x", et);
	}
	return jnx_done(c, &j, rc);
}

static int juniper_ggsn_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;
	unsigned proto;
	int rc = 0;

	(void)len;
	c->proto = "juniper_ggsn";
	JNX_HEADER(c, p, DLT_JUNIPER_GGSN, &j);
	p += j.hdrlen;
	/* the cookie: service id, flags, protocol, flags, VLAN (2), 2 spare */
	proto = j.cookie[2];
	if (c->o.eflag) {
		const char *s = pr_tok(jnx_ggsn_proto_names, proto);

		pr_printf(c, "proto %s (%u), vlan %u: ", s ? s : "Unknown",
			  proto, (unsigned)j.cookie[4] << 8 | j.cookie[5]);
	}
	if (proto == 2)
		rc = ip_print(c, p, j.length);
	else if (proto == 6)
		rc = ip6_print(c, p, j.length);
	else if (!c->o.eflag)
		pr_printf(c, "unknown GGSN proto (%u)", proto);
	return jnx_done(c, &j, rc);
}

/*
 * The ES PIC's IPsec header, 16 octets, before the IPv4 packet:
 * SA index (2), TTL (1), type (1), SPI (4), tunnel source (4) and
 * destination (4); the types that rewrite the packet keep it in front.
 */
static int juniper_es_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;
	unsigned rewrite, bundle;
	uint32_t spi;
	uint16_t sa;
	uint8_t ttl, type;
	const char *s;

	(void)len;
	c->proto = "juniper_es";
	JNX_HEADER(c, p, DLT_JUNIPER_ES, &j);
	p += j.hdrlen;
	PR_NEED(c, p, 16);
	PR_U8(c, p + 3, type);
	switch (type) {
	case 1:
	case 2:
		rewrite = 0;
		bundle = 1;
		break;
	case 3:
	case 4:
	case 5:
		rewrite = 16;
		bundle = 0;
		break;
	default:
		pr_printf(c, "ES Invalid type %u, length %u", type, j.length);
		return jnx_done(c, &j, 0);
	}
	j.length -= rewrite;
	if (c->o.eflag) {
		PR_BE16(c, p, sa);
		PR_U8(c, p + 2, ttl);
		s = pr_tok(jnx_ipsec_names, type);
		pr_printf(c, "ES SA, index %u, ttl %u type %s (%u), ", sa, ttl,
			  s ? s : "Unknown", type);
		if (!bundle) {
			PR_BE32(c, p + 4, spi);
			pr_printf(c, "spi %u, ", spi);
			PR_IP4(c, "Tunnel ", p + 8);
			PR_IP4(c, " > ", p + 12);
			pr_puts(c, ", ");
		}
		pr_printf(c, "length %u\n", j.length);
	}
	return jnx_done(c, &j, ip_print(c, p + rewrite, j.length));
}

/* MONITOR: packet type (1), pad (1), IIF (2), service id (4), then IP. */
static int juniper_monitor_print(struct pr_ctx *c, const uint8_t *p,
				 unsigned len)
{
	struct jnx_info j;
	uint32_t svc;
	uint16_t iif;
	uint8_t type;
	int rc = 0;

	(void)len;
	c->proto = "juniper_monitor";
	JNX_HEADER(c, p, DLT_JUNIPER_MONITOR, &j);
	p += j.hdrlen;
	PR_NEED(c, p, 8);
	if (c->o.eflag) {
		PR_BE32(c, p + 4, svc);
		PR_BE16(c, p + 2, iif);
		PR_U8(c, p, type);
		pr_printf(c, "service-id %u, iif %u, pkt-type %u: ", svc, iif,
			  type);
	}
	ip_guess(c, p, j.length, &rc);
	return jnx_done(c, &j, rc);
}

/* SERVICES: service id (1), flags (1), service set (2), pad (1), IIF (3). */
static int juniper_services_print(struct pr_ctx *c, const uint8_t *p,
				  unsigned len)
{
	struct jnx_info j;
	uint32_t iif;
	uint16_t set;
	uint8_t id, flags;
	int rc = 0;

	(void)len;
	c->proto = "juniper_services";
	JNX_HEADER(c, p, DLT_JUNIPER_SERVICES, &j);
	p += j.hdrlen;
	PR_NEED(c, p, 8);
	if (c->o.eflag) {
		PR_U8(c, p, id);
		PR_U8(c, p + 1, flags);
		PR_BE16(c, p + 2, set);
		PR_BE24(c, p + 5, iif);
		pr_printf(c, "service-id %u flags 0x%02x service-set-id 0x%04x "
			     "iif %u: ", id, flags, set, iif);
	}
	ip_guess(c, p, j.length, &rc);
	return jnx_done(c, &j, rc);
}

/* An LSQ cookie's layer-3 protocol: 1 printed (rc set), 0 none of them. */
static int lsq_print(struct pr_ctx *c, const struct jnx_info *j,
		     const uint8_t *p, int *rc)
{
	switch (j->proto) {
	case LSQ_PROTO_IPV4:
		*rc = ip_print(c, p, j->length);
		return 1;
	case LSQ_PROTO_IPV6:
		*rc = ip6_print(c, p, j->length);
		return 1;
	case LSQ_PROTO_MPLS:
		*rc = mpls_print(c, p, j->length);
		return 1;
	case LSQ_PROTO_ISO:
		*rc = isoclns_print(c, p, j->length);
		return 1;
	default:
		return 0;
	}
}

static int juniper_mlppp_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;
	unsigned first;
	int rc = 0;

	(void)len;
	c->proto = "juniper_mlppp";
	JNX_HEADER(c, p, DLT_JUNIPER_MLPPP, &j);
	first = (unsigned)j.cookie[0] << 8 | j.cookie[1];
	/* a cookie that reads as a PPP header: a child link, no bundle */
	if (c->o.eflag && first != PPP_OSI_PROTO && first != PPP_ADDR_CTL)
		pr_printf(c, "Bundle-ID %u: ", j.bundle);
	p += j.hdrlen;
	if (j.proto == LSQ_PROTO_IPV4 &&
	    j.cookie[4] == (LSQ_COOKIE_RE | LSQ_COOKIE_DIR))
		return jnx_done(c, &j, ppp_body_print(c, p, j.length, NULL));
	if (lsq_print(c, &j, p, &rc))
		return jnx_done(c, &j, rc);
	if (first == PPP_OSI_PROTO)
		rc = ppp_body_print(c, p - 2, j.length + 2, NULL);
	else
		rc = ppp_body_print(c, p, j.length, NULL);
	return jnx_done(c, &j, rc);
}

/* The FR payloads of MLFR and MFR by the two octets after the cookie. */
static int jnx_fr_proto(struct pr_ctx *c, const struct jnx_info *j,
			const uint8_t *p, int mfr)
{
	switch (j->proto) {
	case 0xfefe:
		if (!mfr)
			break;
		PR_NEED(c, p, 1);
		return isoclns_print(c, p + 1, j->length - 1);
	case LLC_UI:
	case LLC_UI << 8:
		if (mfr)
			break;
		return isoclns_print(c, p, j->length);
	case LLC_UI << 8 | NLPID_Q933:
	case LLC_UI << 8 | NLPID_IP:
	case LLC_UI << 8 | NLPID_IP6:
		/* from the NLPID, which the ISO printer reads */
		return isoclns_print(c, p - 1, j->length + 1);
	default:
		break;
	}
	pr_printf(c, "unknown protocol 0x%04x, length %u", j->proto, j->length);
	return 0;
}

static int juniper_mlfr_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;

	(void)len;
	c->proto = "juniper_mlfr";
	JNX_HEADER(c, p, DLT_JUNIPER_MLFR, &j);
	p += j.hdrlen;
	if (c->o.eflag && (j.cookie[0] | j.cookie[1] | j.cookie[2]) == 0 &&
	    j.cookie[3] == 1)
		; /* a child link: no bundle */
	else if (c->o.eflag)
		pr_printf(c, "Bundle-ID %u, ", j.bundle);
	return jnx_done(c, &j, jnx_fr_proto(c, &j, p, 0));
}

static int juniper_mfr_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;
	int rc = 0;

	(void)len;
	c->proto = "juniper_mfr";
	JNX_HEADER(c, p, DLT_JUNIPER_MFR, &j);
	p += j.hdrlen;
	if (j.cookie_len == 0) {
		/* a child link's FRF.16 frame */
		return jnx_done(c, &j, mfr_print(c, p, j.length));
	}
	if (j.cookie_len == AS_COOKIE_LEN) {
		lsq_print(c, &j, p, &rc);
		return jnx_done(c, &j, rc);
	}
	if (c->o.eflag && !((j.cookie[0] | j.cookie[1] | j.cookie[2]) == 0 &&
			    j.cookie[3] == 1))
		pr_printf(c, "Bundle-ID %u, ", j.bundle);
	return jnx_done(c, &j, jnx_fr_proto(c, &j, p, 1));
}

/* PPP's protocols a Juniper router carries: 1 printed (rc set), 0 not PPP. */
static int ppp_guess(struct pr_ctx *c, const uint8_t *p, unsigned len, int *rc)
{
	uint16_t proto;

	PR_BE16(c, p, proto);
	switch (proto) {
	case 0x0021: /* IP */
	case 0x0023: /* OSI */
	case 0x0281: /* MPLS unicast */
	case 0x0283: /* MPLS multicast */
	case 0x8021: /* IPCP */
	case 0x8023: /* OSICP */
	case 0x8281: /* MPLSCP */
	case 0xc021: /* LCP */
	case 0xc023: /* PAP */
	case 0xc223: /* CHAP */
	case 0x003d: /* multilink */
	case 0x0057: /* IPv6 */
	case 0x8057: /* IPv6CP */
		*rc = ppp_body_print(c, p, len, NULL);
		return 1;
	default:
		return 0;
	}
}

/* An LLC (NLPID or SNAP) header: 1 printed (rc set), 0 not one. */
static int jnx_llc(struct pr_ctx *c, const struct jnx_info *j,
		   const uint8_t *p, int *rc)
{
	unsigned hdr;
	uint32_t llc;
	int r;

	PR_BE24(c, p, llc);
	if (llc != 0xfefe03 && llc != 0xaaaa03)
		return 0;
	r = llc_print(c, p, j->length, j->caplen, NULL, NULL, &hdr);
	if (r == 1)
		return 0;
	*rc = r;
	return 1;
}

static int juniper_atm1_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;
	uint8_t b;
	int rc = 0;

	(void)len;
	c->proto = "juniper_atm1";
	JNX_HEADER(c, p, DLT_JUNIPER_ATM1, &j);
	p += j.hdrlen;
	if (j.cookie[0] == 0x80)
		return jnx_done(c, &j, atm_oam_print(c, p, j.length, 0));
	if (jnx_llc(c, &j, p, &rc))
		return jnx_done(c, &j, rc);
	PR_U8(c, p, b);
	if (b == LLC_UI)
		return jnx_done(c, &j, isoclns_print(c, p + 1, j.length - 1));
	ip_guess(c, p, j.length, &rc);
	return jnx_done(c, &j, rc);
}

static int juniper_atm2_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	struct jnx_info j;
	uint8_t b;
	int rc = 0;

	(void)len;
	c->proto = "juniper_atm2";
	JNX_HEADER(c, p, DLT_JUNIPER_ATM2, &j);
	p += j.hdrlen;
	if (j.cookie[7] & ATM2_PKT_TYPE_MASK)
		return jnx_done(c, &j, atm_oam_print(c, p, j.length, 0));
	if (jnx_llc(c, &j, p, &rc))
		return jnx_done(c, &j, rc);
	/* Ethernet over RFC 1483 when outgoing and a gap count is set */
	if (!(j.flags & JNX_FLAG_IN) && (j.cookie[3] & ATM2_GAP_COUNT_MASK)) {
		rc = ether_switch_print(c, p, j.length, j.caplen, NULL, 0);
		return jnx_done(c, &j, rc);
	}
	PR_U8(c, p, b);
	if (b == LLC_UI)
		return jnx_done(c, &j, isoclns_print(c, p + 1, j.length - 1));
	if (ppp_guess(c, p, j.length, &rc))
		return jnx_done(c, &j, rc);
	ip_guess(c, p, j.length, &rc);
	return jnx_done(c, &j, rc);
}

/* The link printers, by link type: pr_link_juniper() hands them out. */
static const struct pr_disp juniper_links[] = {
	{ DLT_JUNIPER_ETHER, juniper_ether_print },
	{ DLT_JUNIPER_PPPOE, juniper_pppoe_print },
	{ DLT_JUNIPER_PPP, juniper_ppp_print },
	{ DLT_JUNIPER_CHDLC, juniper_chdlc_print },
	{ DLT_JUNIPER_FRELAY, juniper_frelay_print },
	{ DLT_JUNIPER_PPPOE_ATM, juniper_pppoe_atm_print },
	{ DLT_JUNIPER_GGSN, juniper_ggsn_print },
	{ DLT_JUNIPER_ES, juniper_es_print },
	{ DLT_JUNIPER_MONITOR, juniper_monitor_print },
	{ DLT_JUNIPER_SERVICES, juniper_services_print },
	{ DLT_JUNIPER_MLPPP, juniper_mlppp_print },
	{ DLT_JUNIPER_MLFR, juniper_mlfr_print },
	{ DLT_JUNIPER_MFR, juniper_mfr_print },
	{ DLT_JUNIPER_ATM1, juniper_atm1_print },
	{ DLT_JUNIPER_ATM2, juniper_atm2_print },
	{ 0, NULL },
};

int juniper_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	pr_fn fn = pr_lookup(juniper_links, (uint32_t)c->dlt);

	return fn ? fn(c, p, len) : 0;
}
