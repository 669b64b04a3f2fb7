/* print-ssh.c: the SSH identification string (RFC 4253 4.2) that opens each direction. */
/*
 *   SSH-protoversion-softwareversion SP comments CR LF
 *
 * Only a payload starting with "SSH-" and made of printable text up to a
 * line ending is shown (": SSH: SSH-2.0-OpenSSH_9.2p1"); everything after
 * the exchange is encrypted and prints nothing, as in tcpdump.
 */
#include "capture/print-int.h"

int ssh_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	static const char magic[] = "SSH-";
	unsigned idx;
	uint8_t ch, ch2;

	c->proto = "ssh";
	for (idx = 0; idx < 4; idx++) {
		PR_U8(c, p + idx, ch);
		if (ch != (uint8_t)magic[idx])
			return 0;
	}
	for (; idx < len; idx++) {
		PR_U8(c, p + idx, ch);
		if (ch == '\n')
			break;
		if (ch == '\r') {
			if (idx + 1 >= len)
				return 0;
			PR_U8(c, p + idx + 1, ch2);
			if (ch2 == '\n')
				break;
			return 0;
		}
		if (ch < 0x20 || ch > 0x7e)
			return 0;
	}
	if (idx >= len)
		return 0;
	pr_puts(c, ": SSH: ");
	pr_putn(c, (const char *)pk_span(&c->pk, p, idx), idx);
	return 0;
}
