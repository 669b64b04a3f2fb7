/* print-m3ua.c: M3UA, SS7 MTP3 user adaptation (RFC 4666), as SCTP's -vv shows its DATA payloads. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Version    |   Reserved    | Message Class | Message Type  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Message Length                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Parameter Tag        |       Parameter Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  /                       Parameter Value (padded to 4)           /
 *
 * "Transfer Data Message", then each parameter by name with its value
 * (the 32-bit ones) or length. A short capture ends the packet with
 * " [|m3ua]", as tcpdump's checks there unwind.
 */
#include "capture/print-int.h"

#define M3UA_HDRLEN 8u
#define PARAM_HDRLEN 4u

static const struct pr_tok class_names[] = {
	{ 0, "Management" }, { 1, "Transfer" }, { 2, "SS7" },
	{ 3, "ASP" },	     { 4, "ASP" },	{ 9, "Routing Key Management" },
	{ 0, NULL },
};

static const struct pr_tok mgmt_msgs[] = {
	{ 0, "Error" }, { 1, "Notify" }, { 0, NULL },
};
static const struct pr_tok transfer_msgs[] = {
	{ 1, "Data" }, { 0, NULL },
};
static const struct pr_tok ssnm_msgs[] = {
	{ 1, "Destination Unavailable" },
	{ 2, "Destination Available" },
	{ 3, "Destination State Audit" },
	{ 4, "Signalling Congestion" },
	{ 5, "Destination User Part Unavailable" },
	{ 6, "Destination Restricted" },
	{ 0, NULL },
};
static const struct pr_tok aspsm_msgs[] = {
	{ 1, "Up" },
	{ 2, "Down" },
	{ 3, "Heartbeat" },
	{ 4, "Up Acknowledgement" },
	{ 5, "Down Acknowledgement" },
	{ 6, "Heartbeat Acknowledgement" },
	{ 0, NULL },
};
static const struct pr_tok asptm_msgs[] = {
	{ 1, "Active" },
	{ 2, "Inactive" },
	{ 3, "Active Acknowledgement" },
	{ 4, "Inactive Acknowledgement" },
	{ 0, NULL },
};
static const struct pr_tok rkm_msgs[] = {
	{ 1, "Registration Request" },
	{ 2, "Registration Response" },
	{ 3, "Deregistration Request" },
	{ 4, "Deregistration Response" },
	{ 0, NULL },
};

static const struct pr_tok param_names[] = {
	{ 0x0004, "INFO String" },
	{ 0x0006, "Routing Context" },
	{ 0x0007, "Diagnostic Info" },
	{ 0x0009, "Heartbeat Data" },
	{ 0x000b, "Traffic Mode Type" },
	{ 0x000c, "Error Code" },
	{ 0x000d, "Status" },
	{ 0x0011, "ASP Identifier" },
	{ 0x0012, "Affected Point Code" },
	{ 0x0013, "Correlation ID" },
	{ 0x0200, "Network Appearance" },
	{ 0x0204, "User/Cause" },
	{ 0x0205, "Congestion Indications" },
	{ 0x0206, "Concerned Destination" },
	{ 0x0207, "Routing Key" },
	{ 0x0208, "Registration Result" },
	{ 0x0209, "Deregistration Result" },
	{ 0x020a, "Local Routing Key Identifier" },
	{ 0x020b, "Destination Point Code" },
	{ 0x020c, "Service Indicators" },
	{ 0x020e, "Originating Point Code List" },
	{ 0x0210, "Protocol Data" },
	{ 0x0212, "Registration Status" },
	{ 0x0213, "Deregistration Status" },
	{ 0, NULL },
};

/* The message types of a class, NULL for a class without a table. */
static const struct pr_tok *class_msgs(unsigned cls)
{
	switch (cls) {
	case 0:
		return mgmt_msgs;
	case 1:
		return transfer_msgs;
	case 2:
		return ssnm_msgs;
	case 3:
		return aspsm_msgs;
	case 4:
		return asptm_msgs;
	case 9:
		return rkm_msgs;
	}
	return NULL;
}

static int value_print(struct pr_ctx *c, const uint8_t *buf, unsigned tag,
		       unsigned size)
{
	uint32_t v;

	switch (tag) {
	case 0x0200: /* network appearance */
	case 0x0006: /* routing context */
	case 0x0013: /* correlation id */
		if (size < 4) {
			pr_invalid(c);
			break;
		}
		PR_BE32(c, buf, v);
		pr_printf(c, "0x%08x", v);
		break;
	default:
		pr_printf(c, "(length %u)", size + PARAM_HDRLEN);
		break;
	}
	PR_NEED(c, buf, size);
	return 0;
}

static int params_print(struct pr_ctx *c, const uint8_t *buf, unsigned size)
{
	unsigned off = 0, align;
	uint16_t tag, len;

	while (off < size) {
		if (size - off < PARAM_HDRLEN)
			goto invalid;
		PR_BE16(c, buf + off, tag);
		pr_puts(c, "\n\t\t\t");
		pr_tok_print(c, param_names, "Unknown Parameter (0x%04x)", tag);
		pr_puts(c, ": ");
		PR_BE16(c, buf + off + 2, len);
		if (len < PARAM_HDRLEN)
			goto invalid;
		align = (off + len) % 4;
		align = align ? 4 - align : 0;
		PR_NEED(c, buf + off, len + align);
		/* tcpdump passes the parameter's start, header included */
		if (value_print(c, buf + off, tag, len - PARAM_HDRLEN) == PR_STOP)
			return PR_STOP;
		off += len + align;
	}
	return 0;
invalid:
	pr_invalid(c);
	PR_NEED(c, buf, size);
	return 0;
}

int m3ua_print(struct pr_ctx *c, const uint8_t *buf, unsigned size)
{
	const struct pr_tok *msgs;
	uint8_t v, cls, type;
	uint32_t len;

	c->proto = "m3ua";
	if (size < M3UA_HDRLEN) {
		pr_invalid(c);
		PR_NEED(c, buf, size);
		return 0;
	}
	PR_NEED(c, buf, M3UA_HDRLEN);
	PR_U8(c, buf, v);
	if (v != 1)
		return 0;
	PR_U8(c, buf + 2, cls);
	msgs = class_msgs(cls);
	pr_puts(c, "\n\t\t");
	pr_tok_print(c, class_names, "Unknown message class %i", cls);
	if (msgs) {
		PR_U8(c, buf + 3, type);
		pr_putc(c, ' ');
		pr_tok_print(c, msgs, "Unknown (0x%02x)", type);
		pr_puts(c, " Message");
	}
	PR_BE32(c, buf + 4, len);
	if (size != len) {
		pr_printf(c, "\n\t\t\t@@@@@@ Corrupted length %u of message "
			     "@@@@@@", len);
		return 0;
	}
	return params_print(c, buf + M3UA_HDRLEN, len - M3UA_HDRLEN);
}
