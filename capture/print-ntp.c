/* print-ntp.c: NTP (RFC 5905) time and control messages. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |LI | VN  |Mode |    Stratum     |     Poll      |  Precision   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Root Delay                            |
 *  |                         Root Dispersion                       |
 *  |                          Reference ID                         |
 *  |                     Reference Timestamp (64)                  |
 *  |                      Origin Timestamp (64)                    |
 *  |                      Receive Timestamp (64)                   |
 *  |                      Transmit Timestamp (64)                  |
 *  |          [Key Identifier, Message Digest (128 or 160)]        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "capture/print-int.h"

#include <time.h>

#define NTP_TIMEMSG_MINLEN 48u
#define NTP_CTRLMSG_MINLEN 12u
#define JAN_1970 2208988800LL

static const struct pr_tok mode_names[] = {
	{ 0, "unspecified" },
	{ 1, "symmetric active" },
	{ 2, "symmetric passive" },
	{ 3, "Client" },
	{ 4, "Server" },
	{ 5, "Broadcast" },
	{ 6, "Control Message" },
	{ 7, "Reserved" },
	{ 0, NULL },
};

static const struct pr_tok leap_names[] = {
	{ 0x00, "" },
	{ 0x40, "+1s" },
	{ 0x80, "-1s" },
	{ 0xc0, "clock unsynchronized" },
	{ 0, NULL },
};

static const struct pr_tok stratum_names[] = {
	{ 0, "unspecified" },
	{ 1, "primary reference" },
	{ 0, NULL },
};

/* A 64-bit NTP timestamp: seconds.nanoseconds and the UTC date. */
static int time_print(struct pr_ctx *c, const uint8_t *p)
{
	uint32_t i, uf, f;
	double ff;

	PR_BE32(c, p, i);
	PR_BE32(c, p + 4, uf);
	ff = (double)uf / 4294967296.0;
	f = (uint32_t)(ff * 1000000000.0);
	pr_printf(c, "%u.%09u", i, f);
	if (i) {
		time_t secs = (time_t)((int64_t)i - JAN_1970);
		struct tm tm;
		char buf[64];

		if (!gmtime_r(&secs, &tm)) {
			pr_puts(c, " (unrepresentable)");
		} else {
			strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
			pr_printf(c, " (%s)", buf);
		}
	}
	return 0;
}

/* The difference of two timestamps, signed, in seconds.nanoseconds. */
static int delta_print(struct pr_ctx *c, const uint8_t *olfp,
		       const uint8_t *lfp)
{
	uint32_t u, uf, ou, ouf, i, f;
	int signbit;
	double ff;

	PR_BE32(c, lfp, u);
	PR_BE32(c, olfp, ou);
	PR_BE32(c, lfp + 4, uf);
	PR_BE32(c, olfp + 4, ouf);
	if (ou == 0 && ouf == 0)
		return time_print(c, lfp);
	if (u > ou) {
		signbit = 0;
		i = u - ou;
		f = uf - ouf;
		if (ouf > uf)
			i -= 1;
	} else if (u < ou) {
		signbit = 1;
		i = ou - u;
		f = ouf - uf;
		if (uf > ouf)
			i -= 1;
	} else {
		i = 0;
		if (uf > ouf) {
			signbit = 0;
			f = uf - ouf;
		} else {
			signbit = 1;
			f = ouf - uf;
		}
	}
	ff = (double)f / 4294967296.0;
	f = (uint32_t)(ff * 1000000000.0);
	pr_printf(c, "%s%u.%09u", signbit ? "-" : "+", i, f);
	return 0;
}

static int sfix_print(struct pr_ctx *c, const uint8_t *p)
{
	uint16_t i, f;

	PR_BE16(c, p, i);
	PR_BE16(c, p + 2, f);
	pr_printf(c, "%d.%06d", i, (int)(f / 65536.0 * 1000000.0));
	return 0;
}

static void poll_print(struct pr_ctx *c, int poll)
{
	if (poll <= -32 || poll >= 32)
		return;
	if (poll >= 0)
		pr_printf(c, " (%us)", 1u << poll);
	else
		pr_printf(c, " (1/%us)", 1u << -poll);
}

#define NTP_CALL(x)                                                      \
	do {                                                             \
		if ((x) == PR_STOP)                                      \
			return PR_STOP;                                  \
	} while (0)

static int time_msg_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t stratum, b;
	int8_t poll, prec;
	uint32_t refid;
	static const char *const stamp[] = {
		"\n\t  Reference Timestamp:  ", "\n\t  Originator Timestamp: ",
		"\n\t  Receive Timestamp:    ", "\n\t  Transmit Timestamp:   ",
	};
	int k;

	if (length < NTP_TIMEMSG_MINLEN) {
		pr_invalid(c);
		if (!pr_has(c, bp, length))
			pr_trunc(c);
		return 0;
	}
	PR_U8(c, bp + 1, stratum);
	pr_printf(c, ", Stratum %u (", stratum);
	if (pr_tok(stratum_names, stratum))
		pr_puts(c, pr_tok(stratum_names, stratum));
	else
		pr_puts(c, stratum >= 2 && stratum <= 15 ? "secondary reference"
							 : "reserved");
	pr_putc(c, ')');
	PR_U8(c, bp + 2, b);
	poll = (int8_t)b;
	pr_printf(c, ", poll %d", poll);
	poll_print(c, poll);
	PR_U8(c, bp + 3, b);
	prec = (int8_t)b;
	pr_printf(c, ", precision %d", prec);

	if (!pr_has(c, bp + 4, 4))
		goto trunc;
	pr_puts(c, "\n\tRoot Delay: ");
	NTP_CALL(sfix_print(c, bp + 4));
	if (!pr_has(c, bp + 8, 4))
		goto trunc;
	pr_puts(c, ", Root dispersion: ");
	NTP_CALL(sfix_print(c, bp + 8));
	if (!pr_has(c, bp + 12, 4))
		goto trunc;
	pr_puts(c, ", Reference-ID: ");
	switch (stratum) {
	case 0:
		pr_puts(c, "(unspec)");
		break;
	case 1:
		if (pr_printn(c, bp + 12, 4))
			goto trunc;
		break;
	case 62:
		PR_IP4(c, "", bp + 12);
		pr_puts(c, " INFO_QUERY");
		return 0;
	case 63:
		PR_IP4(c, "", bp + 12);
		pr_puts(c, " INFO_REPLY");
		return 0;
	default:
		PR_BE32(c, bp + 12, refid);
		pr_printf(c, "0x%08x", refid);
		break;
	}
	for (k = 0; k < 4; k++) {
		if (!pr_has(c, bp + 16 + 8 * k, 8))
			goto trunc;
		pr_puts(c, stamp[k]);
		NTP_CALL(time_print(c, bp + 16 + 8 * k));
	}
	pr_puts(c, "\n\t    Originator - Receive Timestamp:  ");
	NTP_CALL(delta_print(c, bp + 24, bp + 32));
	pr_puts(c, "\n\t    Originator - Transmit Timestamp: ");
	NTP_CALL(delta_print(c, bp + 24, bp + 40));

	if (length == NTP_TIMEMSG_MINLEN + 4 ||
	    length == NTP_TIMEMSG_MINLEN + 4 + 16 ||
	    length == NTP_TIMEMSG_MINLEN + 4 + 20) {
		uint32_t key, d[5];
		unsigned n = (length - NTP_TIMEMSG_MINLEN - 4) / 4, i;

		PR_BE32(c, bp + 48, key);
		pr_printf(c, "\n\tKey id: %u", key);
		if (n) {
			if (!pr_has(c, bp + 52, n * 4))
				goto trunc;
			for (i = 0; i < n; i++)
				PR_BE32(c, bp + 52 + 4 * i, d[i]);
			pr_puts(c, "\n\tAuthentication: ");
			for (i = 0; i < n; i++)
				pr_printf(c, "%08x", d[i]);
		}
	} else if (length > NTP_TIMEMSG_MINLEN) {
		pr_printf(c, "\n\t(%u more bytes after the header)",
			  length - NTP_TIMEMSG_MINLEN);
	}
	return 0;
trunc:
	pr_trunc(c);
	return 0;
}

static int control_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t control;
	uint16_t seq, status, assoc, offset, count;

	if (length < NTP_CTRLMSG_MINLEN) {
		pr_invalid(c);
		if (!pr_has(c, bp, length))
			pr_trunc(c);
		return 0;
	}
	PR_U8(c, bp + 1, control);
	pr_printf(c, ", %s, %s, %s, OpCode=%u\n",
		  control & 0x80 ? "Response" : "Request",
		  control & 0x40 ? "Error" : "OK",
		  control & 0x20 ? "More" : "Last", control & 0x1f);
	PR_BE16(c, bp + 2, seq);
	pr_printf(c, "\tSequence=%hu", seq);
	PR_BE16(c, bp + 4, status);
	pr_printf(c, ", Status=%#hx", status);
	PR_BE16(c, bp + 6, assoc);
	pr_printf(c, ", Assoc.=%hu", assoc);
	PR_BE16(c, bp + 8, offset);
	pr_printf(c, ", Offset=%hu", offset);
	PR_BE16(c, bp + 10, count);
	pr_printf(c, ", Count=%hu", count);
	if (NTP_CTRLMSG_MINLEN + count > length) {
		pr_invalid(c);
		if (!pr_has(c, bp, length))
			pr_trunc(c);
		return 0;
	}
	if (count != 0) {
		if (!pr_has(c, bp + 12, count)) {
			pr_trunc(c);
			return 0;
		}
		pr_puts(c, "\n\tTO-BE-DONE: data not interpreted");
	}
	return 0;
}

int ntp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint8_t status;
	unsigned mode;

	c->proto = "ntp";
	PR_U8(c, bp, status);
	pr_printf(c, "NTPv%u", (status & 0x38) >> 3);
	mode = status & 7;
	pr_puts(c, ", ");
	pr_tok_print(c, mode_names, "Unknown mode", mode);
	pr_printf(c, ", length %u", length);
	if (!c->o.vflag)
		return 0;
	pr_puts(c, "\n\tLeap indicator: ");
	pr_tok_print(c, leap_names, "Unknown", status & 0xc0);
	pr_printf(c, " (%u)", status & 0xc0);
	switch (mode) {
	case 0:
	case 1:
	case 2:
	case 3:
	case 4:
	case 5:
		return time_msg_print(c, bp, length);
	case 6:
		return control_print(c, bp, length);
	default:
		return 0;
	}
}

/* A 64-bit NTP timestamp for other printers (RADIUS's location attributes). */
int ntp_time_print(struct pr_ctx *c, const uint8_t *p)
{
	return time_print(c, p);
}
