/* print-stp.c: Spanning Tree BPDUs: STP (802.1D), RSTP (802.1w), MSTP (802.1s), SPB (802.1aq). */
/*
 * IEEE 802.1D-2004 clause 9 (STP and RSTP BPDUs), IEEE 802.1Q-2003
 * clause 14 (MSTP) and IEEE 802.1aq clause 14 (SPB). The BPDU follows an
 * LLC header with both SAPs 0x42, or a Cisco SNAP header (PVST+):
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     protocol id (0)           |   version     |  BPDU type    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    flags      |       root id (priority.MAC, 8 octets) ...    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  ... root path cost (4)  | bridge id (8)  | port id (2)       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | message age | max age | hello time | forward delay (2 each,   |
 *  | in 1/256 s) | v1 length (1) | MSTP: v3 length (2), MST config |
 *  | id (1 + 32 name + 2 revision + 16 digest), CIST internal root |
 *  | path cost (4), CIST bridge id (8), remaining hops (1), then   |
 *  | 16-octet MSTI records; SPB: v4 length (2) and its fields      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#define STP_PROTO_REGULAR 0x00
#define STP_PROTO_RAPID 0x02
#define STP_PROTO_MSTP 0x03
#define STP_PROTO_SPB 0x04

#define STP_BPDU_TYPE_CONFIG 0x00
#define STP_BPDU_TYPE_RSTP 0x02
#define STP_BPDU_TYPE_TOPO_CHANGE 0x80

#define STP_BPDU_LEN 36 /* through the v1 length */
#define STP_BPDU_MSTP_MIN_LEN 102

/* Offsets from the start of the BPDU. */
#define OFF_FLAGS 4
#define OFF_ROOT_ID 5
#define OFF_ROOT_COST 13
#define OFF_BRIDGE_ID 17
#define OFF_PORT_ID 25
#define OFF_MSG_AGE 27
#define OFF_V1_LEN 35
#define OFF_V3_LEN 36
#define OFF_MST_NAME 39
#define OFF_MST_REV 71
#define OFF_MST_DIGEST 73
#define OFF_CIST_INT_COST 89
#define OFF_CIST_BRIDGE_ID 93
#define OFF_CIST_HOPS 101
#define OFF_MSTI 102

#define MSTI_LEN 16
#define MST_CONFIG_INFO_LEN 64
#define SPB_BPDU_MIN_LEN 87

static const struct pr_tok proto_names[] = {
	{ STP_PROTO_REGULAR, "802.1d" },
	{ STP_PROTO_RAPID, "802.1w" },
	{ STP_PROTO_MSTP, "802.1s" },
	{ STP_PROTO_SPB, "802.1aq" },
	{ 0, NULL },
};

static const struct pr_tok flag_names[] = {
	{ 0x01, "Topology change" },
	{ 0x02, "Proposal" },
	{ 0x10, "Learn" },
	{ 0x20, "Forward" },
	{ 0x40, "Agreement" },
	{ 0x80, "Topology change ACK" },
	{ 0, NULL },
};

static const struct pr_tok type_names[] = {
	{ STP_BPDU_TYPE_CONFIG, "Config" },
	{ STP_BPDU_TYPE_RSTP, "Rapid STP" },
	{ STP_BPDU_TYPE_TOPO_CHANGE, "Topology Change" },
	{ 0, NULL },
};

static const char *const port_roles[] = {
	"Unknown", "Alternate", "Root", "Designated",
};

#define PORT_ROLE(flags) port_roles[((flags) >> 2) & 3]

/* A bridge id as "8001.00:19:06:ea:b8:80": priority, then the MAC. */
static void bridge_id_print(struct pr_ctx *c, const uint8_t id[8])
{
	pr_printf(c, "%02x%02x.%02x:%02x:%02x:%02x:%02x:%02x", id[0], id[1],
		  id[2], id[3], id[4], id[5], id[6], id[7]);
}

static void flags_print(struct pr_ctx *c, uint8_t flags)
{
	pr_bittok_print(c, flag_names, ", ", "none", flags);
}

/* The four timers, as "\n\tmessage-age 0.00s, max-age 20.00s, ...". */
static int timers_print(struct pr_ctx *c, const uint8_t *p)
{
	uint16_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		PR_BE16(c, p + OFF_MSG_AGE + 2 * i, t[i]);
	pr_printf_libc(c, "\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs",
		       t[0] / 256.0, t[1] / 256.0, t[2] / 256.0, t[3] / 256.0);
	return 0;
}

static int config_print(struct pr_ctx *c, const uint8_t *p, unsigned length,
			uint8_t version)
{
	uint8_t flags, bid[8], rid[8];
	uint16_t port;
	uint32_t cost;

	PR_U8(c, p + OFF_FLAGS, flags);
	pr_puts(c, ", Flags [");
	flags_print(c, flags);
	pr_putc(c, ']');
	PR_COPY(c, p + OFF_BRIDGE_ID, bid, 8);
	PR_BE16(c, p + OFF_PORT_ID, port);
	pr_puts(c, ", bridge-id ");
	bridge_id_print(c, bid);
	pr_printf(c, ".%04x, length %u", port, length);
	if (!c->o.vflag)
		return 0;
	if (timers_print(c, p) == PR_STOP)
		return PR_STOP;
	PR_COPY(c, p + OFF_ROOT_ID, rid, 8);
	PR_BE32(c, p + OFF_ROOT_COST, cost);
	pr_puts(c, "\n\troot-id ");
	bridge_id_print(c, rid);
	pr_printf(c, ", root-pathcost %u", cost);
	if (version == STP_PROTO_RAPID) {
		pr_puts(c, ", port-role ");
		pr_puts(c, PORT_ROLE(flags));
	}
	return 0;
}

static int msti_print(struct pr_ctx *c, const uint8_t *m)
{
	uint8_t flags, rid[8], bprio, pprio, hops;
	uint16_t msti;
	uint32_t cost;

	PR_BE16(c, m + 1, msti);
	PR_U8(c, m, flags);
	pr_printf(c, "\n\tMSTI %u, Flags [", msti & 0x0fff);
	flags_print(c, flags);
	pr_printf(c, "], port-role %s", PORT_ROLE(flags));
	PR_COPY(c, m + 1, rid, 8);
	PR_BE32(c, m + 9, cost);
	pr_puts(c, "\n\t\tMSTI regional-root-id ");
	bridge_id_print(c, rid);
	pr_printf(c, ", pathcost %u", cost);
	PR_U8(c, m + 13, bprio);
	PR_U8(c, m + 14, pprio);
	PR_U8(c, m + 15, hops);
	pr_printf(c, "\n\t\tMSTI bridge-prio %u, port-prio %u, hops %u",
		  bprio >> 4, pprio >> 4, hops);
	return 0;
}

static int mstp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint8_t flags, id[8], hops;
	uint16_t port, v3len, rev;
	uint32_t cost, dg[4];
	unsigned len, off;
	int i;

	PR_U8(c, p + OFF_FLAGS, flags);
	pr_puts(c, ", CIST Flags [");
	flags_print(c, flags);
	pr_printf(c, "], length %u", length);
	if (!c->o.vflag)
		return 0;
	pr_printf(c, "\n\tport-role %s, ", PORT_ROLE(flags));
	PR_COPY(c, p + OFF_ROOT_ID, id, 8);
	PR_BE32(c, p + OFF_ROOT_COST, cost);
	pr_puts(c, "CIST root-id ");
	bridge_id_print(c, id);
	pr_printf(c, ", CIST ext-pathcost %u", cost);
	PR_COPY(c, p + OFF_BRIDGE_ID, id, 8);
	pr_puts(c, "\n\tCIST regional-root-id ");
	bridge_id_print(c, id);
	pr_puts(c, ", ");
	PR_BE16(c, p + OFF_PORT_ID, port);
	pr_printf(c, "CIST port-id %04x,", port);
	if (timers_print(c, p) == PR_STOP)
		return PR_STOP;
	PR_BE16(c, p + OFF_V3_LEN, v3len);
	pr_printf(c, "\n\tv3len %u, MCID Name ", v3len);
	if (pr_printjnp(c, p + OFF_MST_NAME, 32) == PR_STOP)
		return PR_STOP;
	PR_BE16(c, p + OFF_MST_REV, rev);
	for (i = 0; i < 4; i++)
		PR_BE32(c, p + OFF_MST_DIGEST + 4 * i, dg[i]);
	pr_printf(c, ", rev %u,\n\t\tdigest %08x%08x%08x%08x, ", rev, dg[0],
		  dg[1], dg[2], dg[3]);
	PR_BE32(c, p + OFF_CIST_INT_COST, cost);
	pr_printf(c, "CIST int-root-pathcost %u,", cost);
	PR_COPY(c, p + OFF_CIST_BRIDGE_ID, id, 8);
	pr_puts(c, "\n\tCIST bridge-id ");
	bridge_id_print(c, id);
	pr_puts(c, ", ");
	PR_U8(c, p + OFF_CIST_HOPS, hops);
	pr_printf(c, "CIST remaining-hops %u", hops);

	if (v3len <= MST_CONFIG_INFO_LEN)
		return 0;
	len = v3len - MST_CONFIG_INFO_LEN;
	for (off = OFF_MSTI; len >= MSTI_LEN; off += MSTI_LEN, len -= MSTI_LEN)
		if (msti_print(c, p + off) == PR_STOP)
			return PR_STOP;
	return 0;
}

static int spb_print(struct pr_ctx *c, const uint8_t *p, unsigned off)
{
	const uint8_t *s = p + off;
	uint16_t v4len, rev, edge;
	uint8_t agr, fmt, con;
	uint32_t dg[5];
	int i;

	if (!c->o.vflag)
		return 0;
	PR_BE16(c, s, v4len);
	pr_printf(c, "\n\tv4len %u, AUXMCID Name ", v4len);
	if (pr_printjnp(c, s + 3, 32) == PR_STOP)
		return PR_STOP;
	PR_BE16(c, s + 35, rev);
	for (i = 0; i < 4; i++)
		PR_BE32(c, s + 37 + 4 * i, dg[i]);
	pr_printf(c, ", Rev %u,\n\t\tdigest %08x%08x%08x%08x", rev, dg[0],
		  dg[1], dg[2], dg[3]);
	PR_U8(c, s + 53, agr);
	PR_U8(c, s + 55, fmt);
	PR_U8(c, s + 56, con);
	PR_BE16(c, s + 57, edge);
	for (i = 0; i < 5; i++)
		PR_BE32(c, s + 67 + 4 * i, dg[i]);
	pr_printf(c, "\n\tAgreement num %u, Discarded Agreement num %u, Agreement valid-flag %u,"
		     "\n\tRestricted role-flag: %u, Format id %u cap %u, Convention id %u cap %u,"
		     "\n\tEdge count %u, Agreement digest %08x%08x%08x%08x%08x",
		  agr >> 6, (agr >> 4) & 3, (agr >> 3) & 1, (agr >> 2) & 1,
		  fmt >> 4, fmt, con >> 4, con, edge, dg[0], dg[1], dg[2],
		  dg[3], dg[4]);
	return 0;
}

int stp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint16_t id, v3len, v4len;
	uint8_t version, type, v1len;
	unsigned mstp_len, spb_len;
	int rc = 0;

	c->proto = "stp";
	if (length < 4)
		goto invalid;
	PR_BE16(c, p, id);
	if (id) {
		pr_printf(c, "unknown STP version, length %u", length);
		return 0;
	}
	PR_U8(c, p + 2, version);
	pr_puts(c, "STP ");
	pr_tok_print(c, proto_names, "Unknown STP protocol (0x%02x)", version);
	if (version != STP_PROTO_REGULAR && version != STP_PROTO_RAPID &&
	    version != STP_PROTO_MSTP && version != STP_PROTO_SPB)
		return 0;
	PR_U8(c, p + 3, type);
	pr_puts(c, ", ");
	pr_tok_print(c, type_names, "Unknown BPDU Type (0x%02x)", type);

	switch (type) {
	case STP_BPDU_TYPE_CONFIG:
		if (length < STP_BPDU_LEN - 1)
			goto invalid;
		rc = config_print(c, p, length, version);
		break;
	case STP_BPDU_TYPE_RSTP:
		if (version == STP_PROTO_RAPID) {
			if (length < STP_BPDU_LEN)
				goto invalid;
			rc = config_print(c, p, length, version);
			break;
		}
		if (version != STP_PROTO_MSTP && version != STP_PROTO_SPB)
			break;
		if (length < STP_BPDU_MSTP_MIN_LEN)
			goto invalid;
		PR_U8(c, p + OFF_V1_LEN, v1len);
		if (v1len)
			goto invalid;
		PR_BE16(c, p + OFF_V3_LEN, v3len);
		mstp_len = v3len + 2u;
		if (length < STP_BPDU_LEN + mstp_len)
			goto invalid;
		rc = mstp_print(c, p, length);
		if (rc == PR_STOP || version != STP_PROTO_SPB)
			break;
		PR_BE16(c, p + OFF_V3_LEN + mstp_len, v4len);
		spb_len = v4len + 2u;
		if (length < STP_BPDU_LEN + mstp_len + spb_len ||
		    spb_len < SPB_BPDU_MIN_LEN)
			goto invalid;
		rc = spb_print(c, p, STP_BPDU_LEN + mstp_len);
		break;
	default:
		break;
	}
	return rc;
invalid:
	pr_invalid(c);
	return 0;
}
