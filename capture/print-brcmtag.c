/* print-brcmtag.c: Broadcom switch tags (DLT_DSA_TAG_BRCM after the Ethernet addresses, DLT_DSA_TAG_BRCM_PREPEND before them). */
/*
 * The 4-octet tag of Broadcom's switches (Linux net/dsa/tag_brcm.c
 * documents it; no RFC). Opcode 1 (bits 7-5 of the first octet) is an
 * ingress tag, toward the switch; 0 an egress one, from it:
 *
 *  ingress: | opc(3) 0(5) | 0(1) TS TC(3) TE(2) | 0(7) DST map(9) |
 *  egress:  | opc(3) 0(5) | CID (8) | reason code (8) | TC(3) port(5) |
 */
#include "capture/print-int.h"

#define BRCM_TAG_LEN 4

static const struct pr_tok te_names[] = {
	{ 0, "None" },
	{ 1, "Untag" },
	{ 2, "Header" },
	{ 3, "Reserved" },
	{ 0, NULL },
};

static const struct pr_tok rc_names[] = {
	{ 1, "mirror" },
	{ 2, "MAC learning" },
	{ 4, "switching" },
	{ 8, "prot term" },
	{ 16, "prot snoop" },
	{ 32, "exception" },
	{ 0, NULL },
};

static int brcm_tag_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t t[BRCM_TAG_LEN];

	(void)len;
	PR_COPY(c, p, t, BRCM_TAG_LEN);
	pr_printf(c, "BRCM tag OP: %s", t[0] ? "IG" : "EG");
	if (t[0] & 0x20) {
		pr_printf(c, ", TC: %d, TE: ", (t[1] >> 2) & 7);
		pr_tok_print(c, te_names, "unknown", t[1] & 3);
		pr_printf(c, ", TS: %d, DST map: 0x%04x", t[1] >> 7,
			  ((unsigned)t[2] << 8 | t[3]) & 0x1ff);
	} else {
		pr_printf(c, ", CID: %d, RC: ", t[1]);
		pr_tok_print(c, rc_names, "reserved", t[2]);
		pr_printf(c, ", TC: %d, port: %d", (t[3] >> 5) & 7, t[3] & 0x1f);
	}
	pr_puts(c, ", ");
	return 0;
}

int brcm_tag_print_link(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	c->proto = "brcm-tag";
	return ether_switch_print(c, p, length, c->h->caplen, brcm_tag_print,
				  BRCM_TAG_LEN);
}

int brcm_tag_prepend_print(struct pr_ctx *c, const uint8_t *p,
			   unsigned length)
{
	int rc;

	c->proto = "brcm-tag-prepend";
	c->ll_hdr_len = 0;
	PR_NEED(c, p, BRCM_TAG_LEN);
	if (c->o.eflag && brcm_tag_print(c, p, BRCM_TAG_LEN) == PR_STOP)
		return PR_STOP;
	rc = ether_switch_print(c, p + BRCM_TAG_LEN, length - BRCM_TAG_LEN,
				c->h->caplen - BRCM_TAG_LEN, NULL, 0);
	c->ll_hdr_len += BRCM_TAG_LEN;
	return rc;
}
