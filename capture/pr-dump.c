/* pr-dump.c: the payload dumps of -x, -X and -A, and characters as tcpdump shows them (tcpdump's util-print.c). */
#include <string.h>

#include "capture/print-int.h"

static int isgraph_ascii(unsigned ch)
{
	return ch > 0x20 && ch < 0x7f;
}

void pr_hex_dump(struct pr_ctx *c, const char *indent, const uint8_t *p,
		 unsigned len)
{
	const uint8_t *b;
	unsigned i, off = 0;
	size_t avail = pr_left(c, p);

	if (len > avail)
		len = (unsigned)avail;
	b = pk_span(&c->pk, p, len);
	if (!b)
		return;
	for (i = 0; i + 1 < len; i += 2) {
		char tmp[5];

		if ((i & 15) == 0) {
			pr_puts(c, indent);
			pr_puts(c, "0x");
			pr_hex(c, off, 4);
			pr_puts(c, ": ");
			off += 16;
		}
		tmp[0] = ' ';
		tmp[1] = pr_hexdig[b[i] >> 4];
		tmp[2] = pr_hexdig[b[i] & 15];
		tmp[3] = pr_hexdig[b[i + 1] >> 4];
		tmp[4] = pr_hexdig[b[i + 1] & 15];
		pr_putn(c, tmp, 5);
	}
	if (len & 1) {
		char tmp[3];

		if ((i & 15) == 0) {
			pr_puts(c, indent);
			pr_puts(c, "0x");
			pr_hex(c, off, 4);
			pr_puts(c, ": ");
		}
		tmp[0] = ' ';
		tmp[1] = pr_hexdig[b[i] >> 4];
		tmp[2] = pr_hexdig[b[i] & 15];
		pr_putn(c, tmp, 3);
	}
}

/*
 * One whole line of -X, straight into the output at d: the indent, the
 * offset, the 16 octets in hex by pairs, then as text. The end returned.
 */
static char *hexascii_line(char *d, const char *indent, size_t ilen,
			   unsigned off, const uint8_t *b)
{
	unsigned j;

	memcpy(d, indent, ilen);
	d += ilen;
	d[0] = '0';
	d[1] = 'x';
	memcpy(d + 2, pr_hexpair + 2 * (off >> 8 & 0xff), 2);
	memcpy(d + 4, pr_hexpair + 2 * (off & 0xff), 2);
	d[6] = ':';
	d[7] = ' ';
	d += 8;
	for (j = 0; j < 16; j += 2) {
		d[0] = ' ';
		memcpy(d + 1, pr_hexpair + 2 * b[j], 2);
		memcpy(d + 3, pr_hexpair + 2 * b[j + 1], 2);
		d += 5;
	}
	d[0] = ' ';
	d[1] = ' ';
	d += 2;
	for (j = 0; j < 16; j++)
		d[j] = isgraph_ascii(b[j]) ? (char)b[j] : '.';
	return d + 16;
}

void pr_hexascii_dump(struct pr_ctx *c, const char *indent, const uint8_t *p,
		      unsigned len)
{
	const uint8_t *b;
	unsigned i, off = 0;
	size_t avail = pr_left(c, p), lines, ilen;

	if (len > avail)
		len = (unsigned)avail;
	b = pk_span(&c->pk, p, len);
	if (!b)
		return;
	/* the whole lines whose offset has four digits, in one go */
	lines = (len < 65536 ? len : 65536) / 16;
	ilen = strlen(indent);
	if (lines) {
		struct hx_buf *o = c->out;
		size_t need = lines * (ilen + 66);
		char *d;

		if (o->cap - o->len <= need && hx_buf_grow(o, need) < 0)
			return;
		d = o->p + o->len;
		for (off = 0; off < lines * 16; off += 16)
			d = hexascii_line(d, indent, ilen, off, b + off);
		o->len = (size_t)(d - o->p);
	}
	for (i = off; i < len; i += 16) {
		char hex[41], asc[17];
		unsigned j, n = len - i < 16 ? len - i : 16, h = 0;

		for (j = 0; j < n; j++) {
			if ((j & 1) == 0)
				hex[h++] = ' ';
			hex[h++] = pr_hexdig[b[i + j] >> 4];
			hex[h++] = pr_hexdig[b[i + j] & 15];
			asc[j] = isgraph_ascii(b[i + j]) ? (char)b[i + j] : '.';
		}
		while (h < 40)
			hex[h++] = ' ';
		pr_puts(c, indent);
		pr_puts(c, "0x");
		pr_hex(c, off, 4);
		pr_puts(c, ": ");
		pr_putn(c, hex, 40);
		pr_puts(c, "  ");
		pr_putn(c, asc, n);
		off += 16;
	}
}

void pr_ascii_dump(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	const uint8_t *b;
	unsigned i;
	size_t avail = pr_left(c, p);

	if (len > avail)
		len = (unsigned)avail;
	b = pk_span(&c->pk, p, len);
	pr_putc(c, '\n');
	if (!b)
		return;
	for (i = 0; i < len; i++) {
		uint8_t s = b[i];

		if (s == '\r') {
			/* A CR before LF is dropped; elsewhere it is a '.'. */
			if (len - i - 1 > 1 && b[i + 1] != '\n')
				pr_putc(c, '.');
		} else if (!isgraph_ascii(s) && s != '\t' && s != ' ' &&
			   s != '\n') {
			pr_putc(c, '.');
		} else {
			pr_putc(c, (char)s);
		}
	}
}

void pr_default(struct pr_ctx *c, const uint8_t *p, unsigned caplen)
{
	if (!c->suppress_default)
		pr_hexascii_dump(c, "\n\t", p, caplen);
}

int pr_unknown_data(struct pr_ctx *c, const uint8_t *p, const char *indent,
		    unsigned len)
{
	if (!pk_has(&c->pk, p, 0)) {
		pr_puts(c, indent);
		pr_puts(c, "Dissector error: print_unknown_data called with "
			   "pointer past end of packet");
		return 0;
	}
	pr_hex_dump(c, indent, p, len);
	return 1;
}

void pr_char(struct pr_ctx *c, uint8_t ch)
{
	if (ch & 0x80) {
		ch &= 0x7f;
		pr_puts(c, "M-");
	}
	if (!(ch >= 0x20 && ch < 0x7f)) {
		ch ^= 0x40;
		pr_putc(c, '^');
	}
	pr_putc(c, (char)ch);
}

int pr_printjnp(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t ch;

	for (; n > 0; n--, p++) {
		if (!pk_u8(&c->pk, p, &ch))
			return pr_stop(c);
		if (!ch)
			break;
		pr_char(c, ch);
	}
	return 0;
}

int pr_printn(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	uint8_t ch;

	while (n > 0 && pk_u8(&c->pk, p, &ch)) {
		pr_char(c, ch);
		p++;
		n--;
	}
	return n != 0;
}

unsigned pr_printztn(struct pr_ctx *c, const uint8_t *p, unsigned n)
{
	unsigned took = 0;
	uint8_t ch;

	for (;;) {
		if (n == 0 || !pk_u8(&c->pk, p, &ch))
			return 0;
		p++;
		took++;
		n--;
		if (ch == '\0')
			return took;
		pr_char(c, ch);
	}
}
