/* print-udld.c: Cisco's UniDirectional Link Detection (RFC 5171; SNAP PID 0x0111). */
/*
 * RFC 5171, section 3 (the PDU) and 3.2 (the TLVs):
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Ver | Opcode  |     Flags     |           Checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             TYPE              |   LENGTH (with TYPE, LENGTH)  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                             VALUE ...                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#define UDLD_DEVICE_ID_TLV 0x0001
#define UDLD_PORT_ID_TLV 0x0002
#define UDLD_ECHO_TLV 0x0003
#define UDLD_MESSAGE_INTERVAL_TLV 0x0004
#define UDLD_TIMEOUT_INTERVAL_TLV 0x0005
#define UDLD_DEVICE_NAME_TLV 0x0006
#define UDLD_SEQ_NUMBER_TLV 0x0007

static const struct pr_tok tlv_names[] = {
	{ UDLD_DEVICE_ID_TLV, "Device-ID TLV" },
	{ UDLD_PORT_ID_TLV, "Port-ID TLV" },
	{ UDLD_ECHO_TLV, "Echo TLV" },
	{ UDLD_MESSAGE_INTERVAL_TLV, "Message Interval TLV" },
	{ UDLD_TIMEOUT_INTERVAL_TLV, "Timeout Interval TLV" },
	{ UDLD_DEVICE_NAME_TLV, "Device Name TLV" },
	{ UDLD_SEQ_NUMBER_TLV, "Sequence Number TLV" },
	{ 0, NULL },
};

static const struct pr_tok code_names[] = {
	{ 0x00, "Reserved" },
	{ 0x01, "Probe message" },
	{ 0x02, "Echo message" },
	{ 0x03, "Flush message" },
	{ 0, NULL },
};

static const struct pr_tok flag_names[] = {
	{ 1U << 0, "RT" },    { 1U << 1, "RSY" },   { 1U << 2, "MBZ-2" },
	{ 1U << 3, "MBZ-3" }, { 1U << 4, "MBZ-4" }, { 1U << 5, "MBZ-5" },
	{ 1U << 6, "MBZ-6" }, { 1U << 7, "MBZ-7" }, { 0, NULL },
};

int udld_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t b, code, flags, v8;
	uint16_t cksum;
	uint32_t v32;

	c->proto = "udld";
	if (length < 4)
		goto invalid;
	PR_U8(c, p, b);
	code = b & 0x1f;
	PR_U8(c, p + 1, flags);
	p += 2;
	length -= 2;
	pr_printf(c, "UDLDv%u, Code ", b >> 5);
	pr_tok_print(c, code_names, "Reserved", code);
	pr_printf(c, " (%x), Flags [", code);
	pr_bittok_print(c, flag_names, ", ", "none", flags);
	pr_printf(c, "] (0x%02x), length %u", flags, length + 2);
	if (!c->o.vflag)
		goto tcheck;
	PR_BE16(c, p, cksum);
	pr_printf(c, "\n\tChecksum 0x%04x (unverified)", cksum);
	p += 2;
	length -= 2;
	while (length) {
		uint16_t type, len;

		if (length < 4)
			goto invalid;
		PR_BE16(c, p, type);
		PR_BE16(c, p + 2, len);
		p += 4;
		length -= 4;
		pr_puts(c, "\n\t");
		pr_tok_print(c, tlv_names, "Unknown", type);
		pr_printf(c, " (0x%04x) TLV, length %u", type, len);
		if (len <= 4)
			goto invalid;
		len -= 4;
		if (length < len)
			goto invalid;
		switch (type) {
		case UDLD_DEVICE_ID_TLV:
		case UDLD_PORT_ID_TLV:
		case UDLD_DEVICE_NAME_TLV:
			pr_puts(c, ", ");
			if (pr_printjnp(c, p, len) == PR_STOP)
				return PR_STOP;
			break;
		case UDLD_ECHO_TLV:
			pr_puts(c, ", ");
			if (pr_printn(c, p, len))
				return pr_stop(c);
			break;
		case UDLD_MESSAGE_INTERVAL_TLV:
		case UDLD_TIMEOUT_INTERVAL_TLV:
			if (len != 1)
				goto invalid;
			PR_U8(c, p, v8);
			pr_printf(c, ", %us", v8);
			break;
		case UDLD_SEQ_NUMBER_TLV:
			if (len != 4)
				goto invalid;
			PR_BE32(c, p, v32);
			pr_printf(c, ", %u", v32);
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
tcheck:
	PR_NEED(c, p, length);
	return 0;
}
