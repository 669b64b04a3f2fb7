/* print-vsock.c: the Linux vsock monitor's frames (DLT_VSOCK, vsockmon). */
/*
 * Linux's vsockmon device (drivers/net/vsockmon.c, the header in
 * include/uapi/linux/vsockmon.h) hands up each vsock packet behind a
 * 32-octet header, every field little-endian, then the transport's own
 * header (for virtio, struct virtio_vsock_hdr of the VIRTIO 1.1 spec,
 * 5.10.6: 44 octets), then the payload:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   source CID (8)                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   destination CID (8)                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   source port                                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   destination port                            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  op (CONNECT...)              |  transport (VIRTIO...)        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  transport header length      |  reserved                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The virtio header: source and destination CID (8 each), source and
 * destination port, len (4 each), type and op (2 each), flags, buf_alloc
 * and fwd_cnt (4 each). tcpdump prints the CIDs and ports of the monitor
 * header, and the virtio header with -v; "length" is what was captured.
 */
#include "capture/print-int.h"

#include <inttypes.h>

#define VSOCKMON_HDRLEN 32
#define VSOCK_VIRTIO_HDRLEN 44

#define VSOCK_TRANSPORT_VIRTIO 2
#define VSOCK_OP_PAYLOAD 4

static const struct pr_tok vsock_transport_names[] = {
	{ 0, "UNKNOWN" },
	{ 1, "NO_INFO" },
	{ VSOCK_TRANSPORT_VIRTIO, "VIRTIO" },
	{ 0, NULL },
};

static const struct pr_tok vsock_op_names[] = {
	{ 0, "UNKNOWN" },
	{ 1, "CONNECT" },
	{ 2, "DISCONNECT" },
	{ 3, "CONTROL" },
	{ VSOCK_OP_PAYLOAD, "PAYLOAD" },
	{ 0, NULL },
};

static const struct pr_tok virtio_type_names[] = {
	{ 1, "STREAM" },
	{ 0, NULL },
};

static const struct pr_tok virtio_op_names[] = {
	{ 0, "INVALID" },
	{ 1, "REQUEST" },
	{ 2, "RESPONSE" },
	{ 3, "RST" },
	{ 4, "SHUTDOWN" },
	{ 5, "RW" },
	{ 6, "CREDIT UPDATE" },
	{ 7, "CREDIT REQUEST" },
	{ 0, NULL },
};

static unsigned transport_hdrlen(unsigned transport)
{
	return transport == VSOCK_TRANSPORT_VIRTIO ? VSOCK_VIRTIO_HDRLEN : 0;
}

static int le64_get(struct pr_ctx *c, const uint8_t *p, uint64_t *v)
{
	uint32_t lo, hi;

	if (!pk_le32(&c->pk, p, &lo) || !pk_le32(&c->pk, p + 4, &hi))
		return 0;
	*v = (uint64_t)hi << 32 | lo;
	return 1;
}

/* The virtio header at p (captured whole: the caller checked). */
static int virtio_hdr_print(struct pr_ctx *c, const uint8_t *p)
{
	uint32_t len, flags, buf_alloc, fwd_cnt;
	uint16_t type, op;

	PR_LE32(c, p + 24, len);
	PR_LE16(c, p + 28, type);
	PR_LE16(c, p + 30, op);
	PR_LE32(c, p + 32, flags);
	PR_LE32(c, p + 36, buf_alloc);
	PR_LE32(c, p + 40, fwd_cnt);
	pr_printf(c, " (len %u, type ", len);
	pr_tok_print(c, virtio_type_names, "Invalid type (%hu)", type);
	pr_puts(c, ", op ");
	pr_tok_print(c, virtio_op_names, "Invalid op (%hu)", op);
	pr_printf(c, ", flags %x, buf_alloc %u, fwd_cnt %u)", flags,
		  buf_alloc, fwd_cnt);
	return 0;
}

int vsock_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned caplen = c->h->caplen, hdrlen;
	uint64_t scid, dcid;
	uint32_t sport, dport;
	uint16_t op, transport;
	int cut = 0;

	(void)len;
	c->proto = "vsock";
	if (caplen < VSOCKMON_HDRLEN) {
		pr_trunc(c);
		c->ll_hdr_len = caplen;
		return 0;
	}
	c->ll_hdr_len = VSOCKMON_HDRLEN;
	PR_LE16(c, p + 26, transport);
	pr_tok_print(c, vsock_transport_names, "Invalid transport (%u)",
		     transport);
	hdrlen = VSOCKMON_HDRLEN + transport_hdrlen(transport);
	if (c->o.vflag) {
		if (caplen < hdrlen) {
			cut = 1;
		} else {
			if (transport == VSOCK_TRANSPORT_VIRTIO &&
			    virtio_hdr_print(c, p + VSOCKMON_HDRLEN) == PR_STOP)
				return PR_STOP;
			pr_puts(c, "\n\t");
		}
	} else {
		pr_putc(c, ' ');
	}
	if (!le64_get(c, p, &scid) || !le64_get(c, p + 8, &dcid))
		return pr_stop(c);
	PR_LE32(c, p + 16, sport);
	PR_LE32(c, p + 20, dport);
	PR_LE16(c, p + 24, op);
	pr_printf(c, "%" PRIu64 ".%u > %" PRIu64 ".%u ", scid, sport, dcid,
		  dport);
	pr_tok_print(c, vsock_op_names, " invalid op (%u)", op);
	pr_printf(c, ", length %u", caplen);
	if (cut) {
		pr_trunc(c);
		return 0;
	}
	if (c->o.vflag > 1 && op == VSOCK_OP_PAYLOAD) {
		if (caplen <= hdrlen) {
			pr_trunc(c);
			return 0;
		}
		pr_putc(c, '\n');
		pr_unknown_data(c, p + hdrlen, "\t", caplen - hdrlen);
	}
	return 0;
}
