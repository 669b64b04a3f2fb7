/* print-tftp.c: TFTP (RFC 1350, options RFC 2347) on UDP port 69, and -T tftp. */
/*
 *  RRQ/WRQ   | 01/02 |  Filename  | 0 |  Mode  | 0 | [opt | 0 | value | 0]...
 *  DATA      |  03   |   Block #  |    Data     |
 *  ACK       |  04   |   Block #  |
 *  ERROR     |  05   |  ErrorCode |   ErrMsg   | 0 |
 *  OACK      |  06   | [opt | 0 | value | 0]...
 *              2 bytes   2 bytes
 *
 * tcpdump prints "TFTP, length N, RRQ "file" octet", the options after
 * the mode separated by spaces (a value and its option alike).
 */
#include "capture/print-int.h"

#define TFTP_RRQ 1
#define TFTP_WRQ 2
#define TFTP_DATA 3
#define TFTP_ACK 4
#define TFTP_ERROR 5
#define TFTP_OACK 6

static const struct pr_tok op_names[] = {
	{ TFTP_RRQ, "RRQ" },   { TFTP_WRQ, "WRQ" },	{ TFTP_DATA, "DATA" },
	{ TFTP_ACK, "ACK" },   { TFTP_ERROR, "ERROR" }, { TFTP_OACK, "OACK" },
	{ 0, NULL },
};

static const struct pr_tok err_names[] = {
	{ 0, "EUNDEF" },   { 1, "ENOTFOUND" }, { 2, "EACCESS" },
	{ 3, "ENOSPACE" }, { 4, "EBADOP" },    { 5, "EBADID" },
	{ 6, "EEXISTS" },  { 7, "ENOUSER" },   { 0, NULL },
};

/* The strings up to the end: options and their values, space-separated. */
static int strings_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	unsigned n;
	uint8_t first;

	while (length != 0) {
		PR_U8(c, bp, first);
		if (first != '\0')
			pr_putc(c, ' ');
		n = pr_printztn(c, bp, length);
		if (n == 0)
			return 1;
		bp += n;
		length -= n;
	}
	return 0;
}

int pr_tftp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint16_t op, v;
	const char *name;
	unsigned n;
	int rc;

	c->proto = "tftp";
	pr_printf(c, "TFTP, length %u", length);
	if (length < 2)
		goto trunc;
	PR_BE16(c, bp, op);
	name = pr_tok(op_names, op);
	if (!name) {
		pr_printf(c, ", tftp-#%u", op);
		return 0;
	}
	pr_puts(c, ", ");
	pr_puts(c, name);
	bp += 2;
	length -= 2;
	switch (op) {
	case TFTP_RRQ:
	case TFTP_WRQ:
		if (length == 0)
			goto trunc;
		pr_puts(c, " \"");
		n = pr_printztn(c, bp, length);
		pr_putc(c, '"');
		if (n == 0)
			goto trunc;
		bp += n;
		length -= n;
		if (length == 0)
			goto trunc;
		pr_putc(c, ' ');
		n = pr_printztn(c, bp, length);
		if (n == 0)
			goto trunc;
		bp += n;
		length -= n;
		rc = strings_print(c, bp, length);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == 1)
			goto trunc;
		break;
	case TFTP_OACK:
		rc = strings_print(c, bp, length);
		if (rc == PR_STOP)
			return PR_STOP;
		if (rc == 1)
			goto trunc;
		break;
	case TFTP_ACK:
	case TFTP_DATA:
		if (length < 2)
			goto trunc;
		PR_BE16(c, bp, v);
		pr_printf(c, " block %u", v);
		break;
	case TFTP_ERROR:
		if (length < 2)
			goto trunc;
		PR_BE16(c, bp, v);
		pr_putc(c, ' ');
		pr_tok_print(c, err_names, "tftp-err-#%u \"", v);
		bp += 2;
		length -= 2;
		if (length == 0)
			goto trunc;
		pr_puts(c, " \"");
		n = pr_printztn(c, bp, length);
		pr_putc(c, '"');
		if (n == 0)
			goto trunc;
		break;
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}
