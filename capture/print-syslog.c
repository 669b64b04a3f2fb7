/* print-syslog.c: syslog (RFC 3164, RFC 5424) on UDP port 514. */
/*
 *   <PRI>MSG...            PRI = facility * 8 + severity, 1 to 3 digits
 *
 * Without -v: "SYSLOG facility.severity, length: N". With -v the
 * facility and severity with their numbers and the message as sent
 * (control characters shown as tcpdump shows them); -vv adds a hex dump.
 */
#include "capture/print-int.h"

#define SYSLOG_MAX_DIGITS 3

static const struct pr_tok severity_names[] = {
	{ 0, "emergency" }, { 1, "alert" },  { 2, "critical" }, { 3, "error" },
	{ 4, "warning" },   { 5, "notice" }, { 6, "info" },	{ 7, "debug" },
	{ 0, NULL },
};

static const struct pr_tok facility_names[] = {
	{ 0, "kernel" },    { 1, "user" },	{ 2, "mail" },	  { 3, "daemon" },
	{ 4, "auth" },	    { 5, "syslog" },	{ 6, "lpr" },	  { 7, "news" },
	{ 8, "uucp" },	    { 9, "cron" },	{ 10, "authpriv" }, { 11, "ftp" },
	{ 12, "ntp" },	    { 13, "security" }, { 14, "console" }, { 15, "cron" },
	{ 16, "local0" },   { 17, "local1" },	{ 18, "local2" }, { 19, "local3" },
	{ 20, "local4" },   { 21, "local5" },	{ 22, "local6" }, { 23, "local7" },
	{ 0, NULL },
};

int syslog_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned off = 0, pri = 0, facility, severity;
	uint8_t ch;

	c->proto = "syslog";
	PR_U8(c, p, ch);
	if (ch != '<')
		goto invalid;
	off++;
	for (;;) {
		if (off > SYSLOG_MAX_DIGITS)
			break;
		PR_U8(c, p + off, ch);
		if (ch < '0' || ch > '9')
			break;
		pri = (pri * 10 + (ch - '0')) & 0xffff;
		off++;
	}
	PR_U8(c, p + off, ch);
	if (ch != '>')
		goto invalid;
	off++;
	facility = (pri & 0x03f8) >> 3;
	severity = pri & 0x0007;
	if (c->o.vflag < 1) {
		pr_puts(c, "SYSLOG ");
		pr_tok_print(c, facility_names, "unknown (%u)", facility);
		pr_putc(c, '.');
		pr_tok_print(c, severity_names, "unknown (%u)", severity);
		pr_printf(c, ", length: %u", len);
		return 0;
	}
	pr_printf(c, "SYSLOG, length: %u\n\tFacility ", len);
	pr_tok_print(c, facility_names, "unknown (%u)", facility);
	pr_printf(c, " (%u), Severity ", facility);
	pr_tok_print(c, severity_names, "unknown (%u)", severity);
	pr_printf(c, " (%u)\n\tMsg: ", severity);
	if (len > off && pr_printn(c, p + off, len - off))
		return pr_stop(c);
	if (c->o.vflag > 1)
		pr_unknown_data(c, p, "\n\t", len);
	return 0;
invalid:
	pr_invalid(c);
	return 0;
}
