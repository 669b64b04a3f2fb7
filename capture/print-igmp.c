/* print-igmp.c: IGMP v1/v2/v3 (RFC 1112, 2236, 3376) queries, reports and leaves. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      Type     | Max Resp Time |           Checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Group Address                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | v3 query: Resv|S|QRV|QQIC|Number of Sources, Source Addresses |
 *  | v3 report: Reserved, Number of Group Records, Group Records   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

static const struct pr_tok v3_report_names[] = {
	{ 1, "is_in" }, { 2, "is_ex" }, { 3, "to_in" },
	{ 4, "to_ex" }, { 5, "allow" }, { 6, "block" },
	{ 0, NULL },
};

static int v3_report_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	unsigned group, nsrcs, ngroups, i, j;
	uint16_t v;
	uint8_t t;

	if (len < 16 || len & 3) {
		pr_printf(c, " [invalid len %u]", len);
		return 0;
	}
	PR_BE16(c, bp + 6, v);
	ngroups = v;
	pr_printf(c, ", %u group record(s)", ngroups);
	if (c->o.vflag == 0)
		return 0;
	group = 8;
	for (i = 0; i < ngroups; i++) {
		if (len < group + 8) {
			pr_puts(c, " [invalid number of groups]");
			return 0;
		}
		PR_IP4(c, " [gaddr ", bp + group + 4);
		PR_U8(c, bp + group, t);
		pr_putc(c, ' ');
		pr_tok_print(c, v3_report_names, " [v3-report-#%u]", t);
		PR_BE16(c, bp + group + 2, v);
		nsrcs = v;
		if (len < group + 8 + (nsrcs << 2)) {
			pr_printf(c, " [invalid number of sources %u]", nsrcs);
			return 0;
		}
		if (c->o.vflag == 1) {
			pr_printf(c, ", %u source(s)", nsrcs);
		} else {
			pr_puts(c, " {");
			for (j = 0; j < nsrcs; j++) {
				PR_IP4(c, " ", bp + group + 8 + (j << 2));
			}
			pr_puts(c, " }");
		}
		group += 8 + (nsrcs << 2);
		pr_putc(c, ']');
	}
	return 0;
}

static int v3_query_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	unsigned mrc, mrt, nsrcs, i;
	uint8_t b;
	uint16_t v;
	uint32_t g;

	pr_puts(c, " v3");
	if (len < 12 || len & 3) {
		pr_printf(c, " [invalid len %u]", len);
		return 0;
	}
	PR_U8(c, bp + 1, b);
	mrc = b;
	if (mrc < 128)
		mrt = mrc;
	else
		mrt = ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
	if (mrc != 100) {
		pr_puts(c, " [max resp time ");
		if (mrt < 600)
			pr_printf_libc(c, "%.1fs", mrt * 0.1);
		else
			pr_relts(c, mrt / 10);
		pr_putc(c, ']');
	}
	PR_BE32(c, bp + 4, g);
	if (g == 0)
		return 0;
	PR_IP4(c, " [gaddr ", bp + 4);
	PR_BE16(c, bp + 10, v);
	nsrcs = v;
	if (nsrcs > 0) {
		if (len < 12 + (nsrcs << 2)) {
			pr_puts(c, " [invalid number of sources]");
		} else if (c->o.vflag > 1) {
			pr_puts(c, " {");
			for (i = 0; i < nsrcs; i++) {
				PR_IP4(c, " ", bp + 12 + (i << 2));
			}
			pr_puts(c, " }");
		} else {
			pr_printf(c, ", %u source(s)", nsrcs);
		}
	}
	pr_putc(c, ']');
	return 0;
}

/* mtrace/mresp (draft-ietf-idmr-traceroute-ipm). */
static int mtrace_print(struct pr_ctx *c, const char *name, const uint8_t *bp,
			unsigned len)
{
	uint32_t qid, raddr;
	uint8_t ttl;

	if (len < 8 + 16) {
		pr_printf(c, " [invalid len %u]", len);
		return 0;
	}
	uint8_t a[12];

	PR_BE24(c, bp + 8 + 13, qid);
	PR_COPY(c, bp + 8, a, 12);
	pr_printf(c, "%s %u: ", name, qid);
	pr_ip4(c, a);
	pr_puts(c, " to ");
	pr_ip4(c, a + 4);
	pr_puts(c, " reply-to ");
	pr_ip4(c, a + 8);
	PR_BE32(c, bp + 8 + 8, raddr);
	if ((raddr & 0xf0000000u) == 0xe0000000u) {
		PR_U8(c, bp + 8 + 12, ttl);
		pr_printf(c, " with-ttl %u", ttl);
	}
	return 0;
}

int igmp_print(struct pr_ctx *c, const uint8_t *bp, unsigned len)
{
	uint8_t type, b1;
	uint32_t g;
	int rc = 0;

	c->proto = "igmp";
	if (c->o.qflag) {
		pr_puts(c, "igmp");
		return 0;
	}
	PR_U8(c, bp, type);
	switch (type) {
	case 0x11:
		pr_puts(c, "igmp query");
		if (len >= 12) {
			rc = v3_query_print(c, bp, len);
		} else {
			PR_U8(c, bp + 1, b1);
			if (b1) {
				pr_puts(c, " v2");
				if (b1 != 100)
					pr_printf(c, " [max resp time %u]", b1);
			} else {
				pr_puts(c, " v1");
			}
			PR_BE32(c, bp + 4, g);
			if (g) {
				PR_IP4(c, " [gaddr ", bp + 4);
				pr_putc(c, ']');
			}
			if (len != 8)
				pr_printf(c, " [len %u]", len);
		}
		break;
	case 0x12:
		PR_IP4(c, "igmp v1 report ", bp + 4);
		if (len != 8)
			pr_printf(c, " [len %u]", len);
		break;
	case 0x16:
		PR_IP4(c, "igmp v2 report ", bp + 4);
		break;
	case 0x22:
		pr_puts(c, "igmp v3 report");
		rc = v3_report_print(c, bp, len);
		break;
	case 0x17:
		PR_IP4(c, "igmp leave ", bp + 4);
		break;
	case 0x13:
		pr_puts(c, "igmp dvmrp");
		if (len < 8)
			pr_printf(c, " [len %u]", len);
		else
			rc = dvmrp_print(c, bp, len);
		break;
	case 0x14:
		pr_puts(c, "igmp pimv1");
		rc = pimv1_print(c, bp, len);
		break;
	case 0x1e:
		rc = mtrace_print(c, "mresp", bp, len);
		break;
	case 0x1f:
		rc = mtrace_print(c, "mtrace", bp, len);
		break;
	default:
		pr_printf(c, "igmp-%u", type);
		break;
	}
	if (rc == PR_STOP)
		return PR_STOP;
	if (c->o.vflag && len >= 4 && pr_has(c, bp, len)) {
		const uint8_t *s = pk_span(&c->pk, bp, len);

		if (pr_cksum_fold(pr_cksum_add(0, s, len)))
			pr_printf(c, " bad igmp cksum %x!",
				  (unsigned)(s[2] << 8 | s[3]));
	}
	return 0;
}
