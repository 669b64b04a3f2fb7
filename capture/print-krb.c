/* print-krb.c: Kerberos on UDP 88 and 750, as far as tcpdump 4.99 decodes it: the protocol version. */
/*
 * Kerberos v4 messages start with their protocol version (4); v5
 * messages are ASN.1, whose first octet is an application tag: 0x6a
 * (106, AS-REQ) or 0x6b (107, AS-REP). tcpdump prints " v1".." v3" and
 * " v5" and decodes nothing more of v5 ("someday", its source says); a
 * v4 message it decodes in full, which this printer does not: it
 * declines those (1) before printing, and the datagram prints as
 * "UDP, length N".
 */
#include "capture/print-int.h"

int krb_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t v;

	(void)length;
	c->proto = "krb";
	if (!pr_has(c, bp, 1)) {
		pr_trunc(c);
		return 0;
	}
	PR_U8(c, bp, v);
	switch (v) {
	case 1:
	case 2:
	case 3:
		pr_printf(c, " v%u", v);
		break;
	case 4:
		return 1;
	case 106:
	case 107:
		pr_puts(c, " v5");
		break;
	default:
		break;
	}
	return 0;
}
