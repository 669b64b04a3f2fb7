/* print-ptp.c: PTP, the Precision Time Protocol (IEEE 1588-2008), on UDP 319/320 and ethertype 0x88f7. */
/*
 * Common header (IEEE 1588-2008 13.3), 34 bytes:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |trSpec | msgT  | rsvd  | vers  |        messageLength          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | domainNumber  |   reserved    |          flagField            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 correctionField (48 ns + 16 sub-ns)           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          reserved                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              sourcePortIdentity: clock id (8), port (2)       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          sequenceId           |  controlField | logMsgInterval|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * then the message body: timestamps (48-bit seconds, 32-bit ns), port
 * identities, the announce fields, the management fields.
 *
 * tcpdump 4.99.3 prints the version as the low byte of the first 16
 * bits (so "PTPv18" for a first word 0x1212), and a management
 * message's four one-byte fields all from the target port identity's
 * first byte: so does this printer, to print what it prints.
 */
#include "capture/print-int.h"

#define PTP_HDR_LEN 34

enum {
	M_SYNC = 0x0,
	M_DELAY_REQ = 0x1,
	M_PDELAY_REQ = 0x2,
	M_PDELAY_RESP = 0x3,
	M_FOLLOW_UP = 0x8,
	M_DELAY_RESP = 0x9,
	M_PDELAY_RESP_FOLLOW_UP = 0xa,
	M_ANNOUNCE = 0xb,
	M_SIGNALLING = 0xc,
	M_MANAGEMENT = 0xd,
};

static const struct pr_tok msg_names[] = {
	{ M_SYNC, "sync msg" },
	{ M_DELAY_REQ, "delay req msg" },
	{ M_PDELAY_REQ, "peer delay req msg" },
	{ M_PDELAY_RESP, "peer delay resp msg" },
	{ M_FOLLOW_UP, "follow up msg" },
	{ M_DELAY_RESP, "delay resp msg" },
	{ M_PDELAY_RESP_FOLLOW_UP, "pdelay resp fup msg" },
	{ M_ANNOUNCE, "announce msg" },
	{ M_SIGNALLING, "signalling msg" },
	{ M_MANAGEMENT, "management msg" },
	{ 0, NULL },
};

static const struct pr_tok control_names[] = {
	{ 0, "Sync" },	     { 1, "Delay_Req" },  { 2, "Follow_Up" },
	{ 3, "Delay_Resp" }, { 4, "Management" }, { 5, "Other" },
	{ 0, NULL },
};

static const struct pr_tok flag_names[] = {
	{ 0x1, "l1 61" },
	{ 0x2, "l1 59" },
	{ 0x4, "utc reasonable" },
	{ 0x8, "timescale" },
	{ 0x10, "time tracable" },
	{ 0x20, "frequency tracable" },
	{ 0x100, "alternate master" },
	{ 0x200, "two step" },
	{ 0x400, "unicast" },
	{ 0x1000, "profile specific 1" },
	{ 0x2000, "profile specific 2" },
	{ 0x4000, "security mask" },
	{ 0x18c0, "unknown" },
	{ 0, NULL },
};

static int be48(struct pr_ctx *c, const uint8_t *p, uint64_t *v)
{
	uint16_t hi;
	uint32_t lo;

	PR_BE16(c, p, hi);
	PR_BE32(c, p + 2, lo);
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

static int be64(struct pr_ctx *c, const uint8_t *p, uint64_t *v)
{
	uint32_t hi, lo;

	PR_BE32(c, p, hi);
	PR_BE32(c, p + 4, lo);
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

/* ", name : S seconds, N nanoseconds" (sep between them). */
static int timestamp_print(struct pr_ctx *c, const uint8_t *p,
			   const char *name, const char *sep)
{
	uint64_t secs;
	uint32_t ns;

	pr_printf(c, ", %s :", name);
	if (be48(c, p, &secs) == PR_STOP)
		return PR_STOP;
	pr_printf(c, " %ju seconds%s", (uintmax_t)secs, sep);
	PR_BE32(c, p + 6, ns);
	pr_printf(c, " %u nanoseconds", ns);
	return 0;
}

static int port_identity_print(struct pr_ctx *c, const uint8_t *p)
{
	uint64_t id;
	uint16_t port;

	if (be64(c, p, &id) == PR_STOP)
		return PR_STOP;
	pr_printf(c, ", port identity : 0x%jx", (uintmax_t)id);
	PR_BE16(c, p + 8, port);
	pr_printf(c, ", port id : %u", port);
	return 0;
}

static int announce_print(struct pr_ctx *c, const uint8_t *p)
{
	uint8_t b;
	uint16_t v;
	uint64_t id;

	if (timestamp_print(c, p, "originTimeStamp", "") == PR_STOP)
		return PR_STOP;
	PR_BE16(c, p + 10, v);
	pr_printf(c, ", origin cur utc :%u", v);
	PR_U8(c, p + 12, b);
	pr_printf(c, ", rsvd : %u", b);
	PR_U8(c, p + 13, b);
	pr_printf(c, ", gm priority_1 : %u", b);
	PR_U8(c, p + 14, b);
	pr_printf(c, ", gm clock class : %u", b);
	PR_U8(c, p + 15, b);
	pr_printf(c, ", gm clock accuracy : %u", b);
	PR_BE16(c, p + 16, v);
	pr_printf(c, ", gm clock variance : %u", v);
	PR_U8(c, p + 18, b);
	pr_printf(c, ", gm priority_2 : %u", b);
	if (be64(c, p + 19, &id) == PR_STOP)
		return PR_STOP;
	pr_printf(c, ", gm clock id : 0x%jx", (uintmax_t)id);
	PR_BE16(c, p + 27, v);
	pr_printf(c, ", steps removed : %u", v);
	PR_U8(c, p + 29, b);
	pr_printf(c, ", time source : 0x%x", b);
	return 0;
}

static int v2_print(struct pr_ctx *c, const uint8_t *bp)
{
	static const char *const fields[] = {
		"start boundary hops", "boundary hops", "flags", "reserved",
	};
	const uint8_t *body = bp + PTP_HDR_LEN;
	uint8_t first, type, control, b;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;
	size_t i;

	PR_U8(c, bp, first);
	pr_printf(c, ", v1 compat : %s", first & 0x10 ? "yes" : "no");
	type = first & 0x0f;
	pr_puts(c, ", msg type : ");
	pr_tok_print(c, msg_names, "Reserved", type);
	PR_BE16(c, bp + 2, v16);
	pr_printf(c, ", length : %u", v16);
	PR_BE16(c, bp + 4, v16);
	pr_printf(c, ", domain : %u", v16 >> 8);
	pr_printf(c, ", reserved1 : %u", v16 & 0xffu);
	PR_BE16(c, bp + 6, v16);
	pr_puts(c, ", Flags [");
	pr_bittok_print(c, flag_names, ", ", "none", v16);
	pr_putc(c, ']');
	if (be48(c, bp + 8, &v64) == PR_STOP)
		return PR_STOP;
	pr_printf(c, ", NS correction : %ju", (uintmax_t)v64);
	PR_BE16(c, bp + 14, v16);
	pr_printf(c, ", sub NS correction : %u", v16);
	PR_BE32(c, bp + 16, v32);
	pr_printf(c, ", reserved2 : %u", v32);
	if (be64(c, bp + 20, &v64) == PR_STOP)
		return PR_STOP;
	pr_printf(c, ", clock identity : 0x%jx", (uintmax_t)v64);
	PR_BE16(c, bp + 28, v16);
	pr_printf(c, ", port id : %u", v16);
	PR_BE16(c, bp + 30, v16);
	pr_printf(c, ", seq id : %u", v16);
	PR_U8(c, bp + 32, control);
	pr_printf(c, ", control : %u (", control);
	pr_tok_print(c, control_names, "Reserved", control);
	pr_putc(c, ')');
	PR_BE16(c, bp + 32, v16);
	pr_printf(c, ", log message interval : %u", v16 & 0xffu);

	switch (type) {
	case M_SYNC:
	case M_DELAY_REQ:
		return timestamp_print(c, body, "originTimeStamp", ",");
	case M_FOLLOW_UP:
		return timestamp_print(c, body, "preciseOriginTimeStamp", ",");
	case M_PDELAY_REQ:
	case M_PDELAY_RESP_FOLLOW_UP:
		if (timestamp_print(c, body, "preciseOriginTimeStamp", ",") ==
		    PR_STOP)
			return PR_STOP;
		return port_identity_print(c, body + 10);
	case M_PDELAY_RESP:
	case M_DELAY_RESP:
		if (timestamp_print(c, body, "receiveTimeStamp", ",") == PR_STOP)
			return PR_STOP;
		return port_identity_print(c, body + 10);
	case M_ANNOUNCE:
		return announce_print(c, body);
	case M_SIGNALLING:
		return port_identity_print(c, body);
	case M_MANAGEMENT:
		if (port_identity_print(c, body) == PR_STOP)
			return PR_STOP;
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			PR_U8(c, body, b);
			pr_printf(c, ", , %s  ", fields[i]);
			pr_printf(c, i >= 2 ? "0x%x" : "%u", b);
		}
		return 0;
	}
	return 0;
}

int ptp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint16_t first;
	unsigned vers;

	c->proto = "ptp";
	if (length < PTP_HDR_LEN) {
		pr_invalid(c);
		return 0;
	}
	PR_BE16(c, bp, first);
	vers = first & 0xffu;
	pr_printf(c, "PTPv%u", vers);
	if (vers == 1)
		pr_puts(c, " (not implemented)");
	else if (vers == 2)
		return v2_print(c, bp);
	return 0;
}
