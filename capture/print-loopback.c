/* print-loopback.c: the Ethernet Configuration Testing Protocol (ethertype 0x9000, "Loopback"). */
/*
 * From the CTP specification (Ethernet version 2.0, section 8; tcpdump
 * cites https://www.mit.edu/people/jhawk/ctp.pdf). All fields little-endian:
 *
 *  +-----------+------------------------------------------------+
 *  | skipCount | skipCount octets of already-forwarded messages |
 *  +-----------+------------------------------------------------+
 *  | function  | 1 Reply: receipt number (2), data              |
 *  |  (2)      | 2 Forward Data: forwarding address (6), data   |
 *  +-----------+------------------------------------------------+
 */
#include "capture/print-int.h"

#define LOOPBACK_REPLY 1
#define LOOPBACK_FWDDATA 2

static const struct pr_tok function_names[] = {
	{ LOOPBACK_REPLY, "Reply" },
	{ LOOPBACK_FWDDATA, "Forward Data" },
	{ 0, NULL },
};

static int message_print(struct pr_ctx *c, const uint8_t *cp, unsigned len)
{
	uint16_t function, receipt;

	if (len < 2)
		goto invalid;
	if (!pk_le16(&c->pk, cp, &function))
		return pr_stop(c);
	cp += 2;
	len -= 2;
	pr_puts(c, ", ");
	pr_tok_print(c, function_names, " invalid (%u)", function);
	switch (function) {
	case LOOPBACK_REPLY:
		if (len < 2)
			goto invalid;
		if (!pk_le16(&c->pk, cp, &receipt))
			return pr_stop(c);
		pr_printf(c, ", receipt number %u", receipt);
		cp += 2;
		len -= 2;
		pr_printf(c, ", data (%u octets)", len);
		PR_NEED(c, cp, len);
		break;
	case LOOPBACK_FWDDATA:
		if (len < 6)
			goto invalid;
		PR_MAC(c, ", forwarding address ", cp);
		cp += 6;
		len -= 6;
		pr_printf(c, ", data (%u octets)", len);
		PR_NEED(c, cp, len);
		break;
	default:
		PR_NEED(c, cp, len);
		break;
	}
	return 0;
invalid:
	pr_invalid(c);
	PR_NEED(c, cp, len);
	return 0;
}

int loopback_print(struct pr_ctx *c, const uint8_t *cp, unsigned len)
{
	uint16_t skip;

	c->proto = "loopback";
	pr_puts(c, "Loopback");
	if (len < 2)
		goto invalid;
	if (!pk_le16(&c->pk, cp, &skip))
		return pr_stop(c);
	cp += 2;
	len -= 2;
	pr_printf(c, ", skipCount %u", skip);
	if (skip % 8)
		pr_puts(c, " (bogus)");
	if (skip > len)
		goto invalid;
	PR_NEED(c, cp, skip);
	cp += skip;
	len -= skip;
	return message_print(c, cp, len);
invalid:
	pr_invalid(c);
	PR_NEED(c, cp, len);
	return 0;
}
