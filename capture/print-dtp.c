/* print-dtp.c: Cisco's Dynamic Trunking Protocol (SNAP OUI 00000c, PID 0x2004). */
/*
 * DTP is not published; the layout is the one tcpdump and Wireshark
 * decode. After the SNAP header:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    version    |   TLV type (2)                | TLV length .. |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | .. (2, with the header)       |  value: domain name, status,  |
 *  |                               |  DTP type (1), neighbor MAC   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#define DTP_DOMAIN_TLV 0x0001
#define DTP_STATUS_TLV 0x0002
#define DTP_DTP_TYPE_TLV 0x0003
#define DTP_NEIGHBOR_TLV 0x0004

static const struct pr_tok tlv_names[] = {
	{ DTP_DOMAIN_TLV, "Domain" },
	{ DTP_STATUS_TLV, "Status" },
	{ DTP_DTP_TYPE_TLV, "DTP type" },
	{ DTP_NEIGHBOR_TLV, "Neighbor" },
	{ 0, NULL },
};

int dtp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t version, v;

	c->proto = "dtp";
	if (length < 1) {
		pr_puts(c, "[zero packet length]");
		goto invalid;
	}
	PR_U8(c, p, version);
	pr_printf(c, "DTPv%u, length %u", version, length);
	if (!c->o.vflag)
		return 0;
	p++;
	length--;
	while (length) {
		uint16_t type, len;

		if (length < 4) {
			pr_printf(c, "[%u bytes remaining]", length);
			goto invalid;
		}
		PR_BE16(c, p, type);
		PR_BE16(c, p + 2, len);
		if (type == 0) /* seen in captures: the end */
			return 0;
		pr_puts(c, "\n\t");
		pr_tok_print(c, tlv_names, "Unknown", type);
		pr_printf(c, " (0x%04x) TLV, length %u", type, len);
		if (len < 4 || len > length) {
			pr_printf(c, "[invalid TLV length %u]", len);
			goto invalid;
		}
		switch (type) {
		case DTP_DOMAIN_TLV:
			pr_puts(c, ", ");
			if (pr_printjnp(c, p + 4, len - 4u) == PR_STOP)
				return PR_STOP;
			break;
		case DTP_STATUS_TLV:
		case DTP_DTP_TYPE_TLV:
			if (len != 5)
				goto invalid;
			PR_U8(c, p + 4, v);
			pr_printf(c, ", 0x%x", v);
			break;
		case DTP_NEIGHBOR_TLV:
			if (len != 10)
				goto invalid;
			PR_MAC(c, ", ", p + 4);
			break;
		default:
			PR_NEED(c, p, len);
			break;
		}
		p += len;
		length -= len;
	}
	return 0;
invalid:
	pr_invalid(c);
	PR_NEED(c, p, length);
	return 0;
}
