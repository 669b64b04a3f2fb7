/* print.c: the printer's core: context, output, value names, checksums, link-type dispatch, one packet. */
/*
 * Its neighbours: pr-names.c (ports, protocols, hosts, address text),
 * pr-dump.c (-x/-X/-A) and pr-ts.c (the timestamps).
 */
#include "capture/print-int.h"
#include "capture/pr-ts.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

/* tcpdump's MAXIMUM_SNAPLEN: larger lengths are an invalid record. */

/*
 * Link type -> printer. DLT_LOOP and DLT_NULL share a printer (it tells the
 * byte orders apart), as do the three raw-IP types.
 */
static const struct pr_disp link_printers[] = {
	{ DLT_EN10MB, ether_print },
	{ DLT_LINUX_SLL, sll_print },
	{ DLT_LINUX_SLL2, sll2_print },
	{ DLT_NFLOG, nflog_print },
	{ DLT_NULL, null_print },
	{ DLT_LOOP, null_print },
	{ DLT_RAW, raw_print },
	{ DLT_IPV4, raw_print },
	{ DLT_IPV6, raw_print },
	{ DLT_IPNET, ipnet_print },
	{ DLT_NETLINK, netlink_print },
	{ DLT_SLIP, sl_print },
	{ DLT_SLIP_BSDOS, sl_bsdos_print },
	{ DLT_ARCNET, arcnet_print },
	{ DLT_ARCNET_LINUX, arcnet_linux_print },
	{ DLT_LTALK, ltalk_print },
	{ DLT_PPP, ppp_print },
	{ DLT_PPP_PPPD, ppp_print },
	{ DLT_PPP_SERIAL, ppp_hdlc_if_print },
	{ DLT_PPP_BSDOS, ppp_bsdos_print },
	{ DLT_PPP_ETHER, pppoe_if_print },
	{ DLT_C_HDLC, chdlc_print },
	{ DLT_HDLC, chdlc_print },
	{ DLT_IPOIB, ipoib_print },
	{ DLT_FRELAY, fr_print },
	{ DLT_MFR, mfr_print },
	{ DLT_DSA_TAG_DSA, dsa_print },
	{ DLT_DSA_TAG_EDSA, edsa_print },
	{ DLT_DSA_TAG_BRCM, brcm_tag_print_link },
	{ DLT_DSA_TAG_BRCM_PREPEND, brcm_tag_prepend_print },
	{ DLT_IEEE802_11, ieee802_11_print },
	{ DLT_IEEE802_11_RADIO, radiotap_print },
	{ DLT_IEEE802_11_RADIO_AVS, avs_print },
	{ DLT_PRISM_HEADER, prism_print },
	{ DLT_PPI, ppi_print },
	{ DLT_VSOCK, vsock_print },
	{ DLT_PKTAP, pktap_print },
	{ DLT_USER2, pktap_print },
	{ DLT_IEEE802_15_4, ieee802_15_4_print },
	{ DLT_IEEE802_15_4_NOFCS, ieee802_15_4_print },
	{ DLT_SUNATM, sunatm_print },
	{ DLT_ATM_RFC1483, atm_rfc1483_print },
	{ DLT_ATM_CLIP, cip_print },
	{ DLT_JUNIPER_ATM1, juniper_print },
	{ DLT_JUNIPER_ATM2, juniper_print },
	{ DLT_JUNIPER_CHDLC, juniper_print },
	{ DLT_JUNIPER_ES, juniper_print },
	{ DLT_JUNIPER_ETHER, juniper_print },
	{ DLT_JUNIPER_FRELAY, juniper_print },
	{ DLT_JUNIPER_GGSN, juniper_print },
	{ DLT_JUNIPER_MFR, juniper_print },
	{ DLT_JUNIPER_MLFR, juniper_print },
	{ DLT_JUNIPER_MLPPP, juniper_print },
	{ DLT_JUNIPER_MONITOR, juniper_print },
	{ DLT_JUNIPER_PPP, juniper_print },
	{ DLT_JUNIPER_PPPOE_ATM, juniper_print },
	{ DLT_JUNIPER_PPPOE, juniper_print },
	{ DLT_JUNIPER_SERVICES, juniper_print },
	{ 0, NULL },
};

int pr_link_type_at(size_t i)
{
	return i < sizeof(link_printers) / sizeof(link_printers[0]) - 1
		       ? (int)link_printers[i].key
		       : -1;
}

/*
 * The link types tcpdump 4.99.3 decodes (its print.c printers[]) that have
 * no printer here: their packets print as tcpdump prints a link type it
 * has no printer for, and pr_generic names them, as the text then differs
 * from tcpdump's.
 */
static const struct pr_tok generic_links[] = {
	{ DLT_APPLE_IP_OVER_IEEE1394, "IP over IEEE 1394" },
	{ DLT_BLUETOOTH_HCI_H4_WITH_PHDR, "Bluetooth" },
	{ DLT_ENC, "ENC" },
	{ DLT_FDDI, "FDDI" },
	{ DLT_IEEE802_15_4_TAP, "802.15.4 TAP" },
	{ DLT_IP_OVER_FC, "IP over FC" },
	{ DLT_NETANALYZER, "netANALYZER" },
	{ DLT_NETANALYZER_TRANSPARENT, "netANALYZER" },
	{ DLT_PFLOG, "pflog" },
	{ DLT_SYMANTEC_FIREWALL, "Symantec firewall" },
	{ DLT_IEEE802, "Token Ring" },
	{ DLT_USB_LINUX, "USB" },
	{ DLT_USB_LINUX_MMAPPED, "USB" },
	{ 0, NULL },
};

/* tcpdump prints link types it has no printer for as "UNSUPPORTED" + hex. */
static int unsupported_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	const char *name = pr_tok(generic_links, (uint32_t)c->dlt);

	(void)len;
	if (name)
		pr_generic(c, name);
	c->proto = "unsupported";
	pr_puts(c, "UNSUPPORTED");
	pr_hexascii_dump(c, "\n\t", p, c->h->caplen);
	return 0;
}

/*
 * A link type tcpdump decodes but this printer does not, inside another
 * (PKTAP): tcpdump's text is unknown here, so a hex dump, counted.
 */
static int inner_generic_print(struct pr_ctx *c, const uint8_t *p,
			       unsigned len)
{
	(void)len;
	pr_generic(c, "link type inside PKTAP");
	pr_hexascii_dump(c, "\n\t", p, c->h->caplen);
	return 0;
}

pr_fn pr_link_printer(int dlt)
{
	pr_fn fn = pr_lookup(link_printers, (uint32_t)dlt);

	if (!fn && pr_tok(generic_links, (uint32_t)dlt))
		fn = inner_generic_print;
	return fn;
}

const char *pr_link_generic(int dlt)
{
	return pr_tok(generic_links, (uint32_t)dlt);
}

pr_fn pr_lookup(const struct pr_disp *t, uint32_t key)
{
	for (; t->fn; t++)
		if (t->key == key)
			return t->fn;
	return NULL;
}


/* ---- context ---- */

struct pr_ctx *pr_new(char *err, const struct pr_opts *o, int dlt)
{
	struct pr_ctx *c = calloc(1, sizeof(*c));

	if (!c) {
		hx_err(err, -ENOMEM, "cannot allocate a printer: %s",
		       strerror(ENOMEM));
		return NULL;
	}
	c->o = *o;
	c->dlt = dlt;
	c->link = pr_lookup(link_printers, (uint32_t)dlt);
	if (!c->link)
		c->link = unsupported_print;
	c->suppress_default = o->qflag || o->xflag || o->Xflag;
	c->tm_sec = -1;
	pr_names_init();
	return c;
}

void pr_free(struct pr_ctx *c)
{
	if (!c)
		return;
	pr_names_release(c);
	pr_tcp_release(c);
	free(c->sl);
	free(c->rpc);
	free(c->rx);
	hx_buf_release(&c->aside);
	free(c);
}


const char *pr_dlt_describe(int dlt, char *buf, size_t len)
{
	const char *name = pcap_datalink_val_to_name(dlt);

	if (name)
		snprintf(buf, len, "%s (%s)", name,
			 pcap_datalink_val_to_description(dlt));
	else
		snprintf(buf, len, "%d", dlt);
	return buf;
}

/* ---- output ---- */

void pr_putn_long(struct pr_ctx *c, const char *s, size_t n)
{
	hx_buf_put(c->out, s, n);
}

/* "00" to "99": two digits per division. */
const char pr_digits2[] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

static unsigned digits10(uint32_t v)
{
	static const uint32_t pow10[] = { 1u, 10u, 100u, 1000u, 10000u,
					  100000u, 1000000u, 10000000u,
					  100000000u, 1000000000u };
	/* log10(2) ~ 1233 / 4096: t is the digits of 2^bits, less one */
	unsigned bits = 32 - (unsigned)__builtin_clz(v | 1);
	unsigned t = (bits * 1233) >> 12;

	return t + 1 - ((v | 1) < pow10[t]);
}

/* pr_uint's numbers past 32 bits, out of its way. */
static __attribute__((noinline)) void uint64_print(struct pr_ctx *c,
						   uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		i -= 2;
		memcpy(tmp + i, pr_digits2 + 2 * r, 2);
	}
	if (v >= 10) {
		i -= 2;
		memcpy(tmp + i, pr_digits2 + 2 * v, 2);
	} else {
		tmp[--i] = (char)('0' + v);
	}
	pr_putn(c, tmp + i, sizeof(tmp) - (size_t)i);
}

/* pr_uint's number once the buffer has room for it. */
static __attribute__((noinline)) void uint_grow_print(struct pr_ctx *c,
						      uint32_t w, unsigned n)
{
	if (hx_buf_grow(c->out, n) == 0)
		pr_uint(c, w);
}

void pr_uint(struct pr_ctx *c, uint64_t v)
{
	struct hx_buf *b = c->out;
	uint32_t w = (uint32_t)v;
	unsigned n;
	char *d;

	if (v > 0xffffffffu) {
		uint64_print(c, v);
		return;
	}
	/* straight into the buffer, last digits first */
	n = digits10(w);
	if (__builtin_expect(b->cap - b->len <= n, 0)) {
		/* out of line, so that this path calls nothing */
		uint_grow_print(c, w, n);
		return;
	}
	d = b->p + b->len + n;
	b->len += n;
	/* four digits a division, as two independent pairs */
	while (w >= 10000) {
		uint32_t q = w / 10000, r = w - q * 10000;

		w = q;
		d -= 4;
		memcpy(d, pr_digits2 + 2 * (r / 100), 2);
		memcpy(d + 2, pr_digits2 + 2 * (r % 100), 2);
	}
	if (w >= 100) {
		uint32_t q = w / 100;

		d -= 2;
		memcpy(d, pr_digits2 + 2 * (w - q * 100), 2);
		w = q;
	}
	if (w >= 10)
		memcpy(d - 2, pr_digits2 + 2 * w, 2);
	else
		d[-1] = (char)('0' + w);
}

void pr_int(struct pr_ctx *c, int64_t v)
{
	if (v < 0) {
		pr_putc(c, '-');
		pr_uint(c, (uint64_t)0 - (uint64_t)v);
	} else {
		pr_uint(c, (uint64_t)v);
	}
}

const char pr_hexdig[] = "0123456789abcdef";

/* "00" to "ff": a byte's two hex digits in one load. */
const char pr_hexpair[] =
	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
	"404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
	"606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
	"808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
	"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
	"c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
	"e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

void pr_hex(struct pr_ctx *c, uint32_t v, int width)
{
	char tmp[8];
	size_t i = sizeof(tmp), w = width > 8 ? 8 : width < 0 ? 0 : (size_t)width;

	do {
		tmp[--i] = pr_hexdig[v & 15];
		v >>= 4;
	} while (v && i > 0);
	while (sizeof(tmp) - i < w && i > 0)
		tmp[--i] = '0';
	pr_putn(c, tmp + i, sizeof(tmp) - i);
}

/*
 * pr_printf: a small printf for the printers' formats (see print-int.h).
 * The point is speed: vsnprintf costs several times this per packet.
 */
static void put_num(struct pr_ctx *c, uint64_t v, int base, int upper,
		    int width, int zero, int left, int alt, int neg)
{
	static const char lo[] = "0123456789abcdef", up[] = "0123456789ABCDEF";
	const char *dig = upper ? up : lo;
	char tmp[32];
	int i = sizeof(tmp), len, pad;

	do {
		tmp[--i] = dig[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	len = (int)sizeof(tmp) - i + neg + (alt ? 2 : 0);
	pad = width > len ? width - len : 0;
	if (!left && !zero)
		while (pad-- > 0)
			pr_putc(c, ' ');
	if (neg)
		pr_putc(c, '-');
	if (alt)
		pr_puts(c, upper ? "0X" : "0x");
	if (!left && zero)
		while (pad-- > 0)
			pr_putc(c, '0');
	pr_putn(c, tmp + i, sizeof(tmp) - (size_t)i);
	if (left)
		while (pad-- > 0)
			pr_putc(c, ' ');
}

void pr_printf(struct pr_ctx *c, const char *fmt, ...)
{
	const char *f = fmt, *run;
	va_list ap;

	va_start(ap, fmt);
	while (*f) {
		int zero = 0, left = 0, alt = 0, width = 0, lmod = 0;
		uint64_t u;
		int64_t d;

		for (run = f; *f && *f != '%'; f++)
			;
		if (f > run)
			pr_putn(c, run, (size_t)(f - run));
		if (!*f)
			break;
		f++;
		for (;; f++) {
			if (*f == '0')
				zero = 1;
			else if (*f == '-')
				left = 1;
			else if (*f == '#')
				alt = 1;
			else
				break;
		}
		while (*f >= '0' && *f <= '9')
			width = width * 10 + (*f++ - '0');
		for (; *f == 'h' || *f == 'l' || *f == 'z' || *f == 'j'; f++)
			lmod = *f == 'h' ? lmod - 1 : lmod + 1;
		switch (*f) {
		case 'd':
		case 'i':
			d = lmod >= 2 ? va_arg(ap, long long) :
			    lmod == 1 ? va_arg(ap, long) :
					va_arg(ap, int);
			if (lmod == -1)
				d = (short)d;
			else if (lmod <= -2)
				d = (signed char)d;
			put_num(c, d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d,
				10, 0, width, zero, left, 0, d < 0);
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lmod >= 2 ? va_arg(ap, unsigned long long) :
			    lmod == 1 ? va_arg(ap, unsigned long) :
					va_arg(ap, unsigned int);
			if (lmod == -1)
				u = (unsigned short)u;
			else if (lmod <= -2)
				u = (unsigned char)u;
			put_num(c, u, *f == 'u' ? 10 : 16, *f == 'X', width, zero,
				left, alt && *f != 'u' && u != 0, 0);
			break;
		case 'c':
			pr_putc(c, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			int n = (int)strlen(str);

			if (!left)
				while (width-- > n)
					pr_putc(c, ' ');
			pr_putn(c, str, (size_t)n);
			if (left)
				while (width-- > n)
					pr_putc(c, ' ');
			break;
		}
		case '%':
			pr_putc(c, '%');
			break;
		default:
			/* outside the subset (see print-int.h): shown as is */
			pr_putc(c, '%');
			if (!*f)
				continue;
			pr_putc(c, *f);
			break;
		}
		f++;
	}
	va_end(ap);
}

void pr_printf_libc(struct pr_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hx_buf_vprintf(c->out, fmt, ap);
	va_end(ap);
}

void pr_relts(struct pr_ctx *c, uint32_t secs)
{
	static const char *const unit[] = { "y", "w", "d", "h", "m", "s" };
	static const uint32_t size[] = { 31536000, 604800, 86400, 3600, 60, 1 };
	int i;

	if (secs == 0) {
		pr_puts(c, "0s");
		return;
	}
	for (i = 0; i < 6 && secs > 0; i++) {
		if (secs >= size[i]) {
			pr_printf(c, "%u%s", secs / size[i], unit[i]);
			secs -= (secs / size[i]) * size[i];
		}
	}
}

void pr_trunc(struct pr_ctx *c)
{
	pr_puts(c, " [|");
	pr_puts(c, c->proto);
	pr_putc(c, ']');
}

int pr_stop(struct pr_ctx *c)
{
	pr_trunc(c);
	c->stopped = 1;
	return PR_STOP;
}

void pr_invalid(struct pr_ctx *c)
{
	pr_puts(c, " (invalid)");
}

/* ---- value names ---- */

const char *pr_tok(const struct pr_tok *t, uint32_t v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return NULL;
}

/*
 * The fallback formats are tcpdump's, one conversion each; they are
 * literals chosen in this project, never packet data.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void pr_tok_print(struct pr_ctx *c, const struct pr_tok *t, const char *fmt,
		  uint32_t v)
{
	const char *s = pr_tok(t, v);

	if (s)
		pr_puts(c, s);
	else
		pr_printf(c, fmt, v);
}

void pr_bittok_print(struct pr_ctx *c, const struct pr_tok *t,
		     const char *sep, const char *fmt, uint32_t v)
{
	int any = 0;

	for (; t->s; t++) {
		if (t->v && (v & t->v) == t->v) {
			if (any)
				pr_puts(c, sep);
			pr_puts(c, t->s);
			any = 1;
		}
	}
	if (!any)
		pr_printf(c, fmt, v);
}
#pragma GCC diagnostic pop


/* ---- checksums ---- */

/*
 * The one's-complement sum of RFC 1071, eight octets a load: the words are
 * summed in host order (the sum does not depend on the order of octets in
 * a word, RFC 1071 2(B)), folded to 16 bits and swapped to network order
 * once. The result is congruent mod 0xffff to the sum of the big-endian
 * words and is 0 only when they all are, so pr_cksum_fold gives the same.
 */
uint32_t pr_cksum_add(uint32_t acc, const uint8_t *p, size_t n)
{
	uint64_t sum = 0, w;
	uint16_t h;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		sum += (w & 0xffffffffu) + (w >> 32);
	}
	for (; n >= 2; p += 2, n -= 2) {
		memcpy(&h, p, 2);
		sum += h;
	}
	if (n) {
		const uint8_t last[2] = { p[0], 0 };

		memcpy(&h, last, 2);
		sum += h;
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	sum = (uint16_t)(sum << 8 | sum >> 8);
#endif
	sum += acc;
	while (sum >> 32)
		sum = (sum & 0xffffffff) + (sum >> 32);
	return (uint32_t)sum;
}

uint16_t pr_cksum_fold(uint32_t acc)
{
	uint32_t s = (acc & 0xffff) + (acc >> 16);

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

uint16_t pr_cksum_shouldbe(uint16_t field, uint16_t computed)
{
	uint32_t s = (uint32_t)field + computed;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}


/* ---- one packet ---- */

void pr_packet(struct pr_ctx *c, struct hx_buf *out,
	       const struct pcap_pkthdr *h, const uint8_t *pkt)
{
	unsigned hdrlen;
	int bad = 0;

	c->out = out;
	if (h->caplen == 0) {
		bad = 1;
		pr_puts(c, "[Invalid header: caplen==0");
	}
	if (h->len == 0) {
		pr_puts(c, bad ? "," : "[Invalid header:");
		bad = 1;
		pr_puts(c, " len==0");
	} else if (h->len < h->caplen) {
		pr_puts(c, bad ? "," : "[Invalid header:");
		bad = 1;
		pr_printf(c, " len(%u) < caplen(%u)", h->len, h->caplen);
	}
	if (h->caplen > PR_MAX_SNAPLEN) {
		pr_puts(c, bad ? "," : "[Invalid header:");
		bad = 1;
		pr_printf(c, " caplen(%u) > %u", h->caplen, PR_MAX_SNAPLEN);
	}
	if (h->len > PR_MAX_SNAPLEN) {
		pr_puts(c, bad ? "," : "[Invalid header:");
		bad = 1;
		pr_printf(c, " len(%u) > %u", h->len, PR_MAX_SNAPLEN);
	}
	if (bad) {
		pr_puts(c, "]\n");
		if (out->p)
			out->p[out->len] = '\0';
		return;
	}

	pr_ts_print(c, (int64_t)h->ts.tv_sec, (int64_t)h->ts.tv_usec);

	c->h = h;
	c->pk.lo = pkt;
	c->pk.hi = pkt + h->caplen;
	c->proto = "";
	c->ll_hdr_len = 0;
	c->stopped = 0;
	c->iph = NULL;
	c->ipver = 0;
	c->fragmented = 0;
	c->generic_this = 0;
	if (c->link(c, pkt, h->len) == PR_STOP || c->stopped)
		c->ll_hdr_len = 0;
	hdrlen = c->ll_hdr_len;
	c->pk.hi = pkt + h->caplen;

	if (c->o.Xflag) {
		if (c->o.Xflag > 1)
			pr_hexascii_dump(c, "\n\t", pkt, h->caplen);
		else if (h->caplen > hdrlen)
			pr_hexascii_dump(c, "\n\t", pkt + hdrlen,
					 h->caplen - hdrlen);
	} else if (c->o.xflag) {
		if (c->o.xflag > 1)
			pr_hex_dump(c, "\n\t", pkt, h->caplen);
		else if (h->caplen > hdrlen)
			pr_hex_dump(c, "\n\t", pkt + hdrlen,
				    h->caplen - hdrlen);
	} else if (c->o.Aflag) {
		if (c->o.Aflag > 1)
			pr_ascii_dump(c, pkt, h->caplen);
		else if (h->caplen > hdrlen)
			pr_ascii_dump(c, pkt + hdrlen, h->caplen - hdrlen);
	}
	pr_putc(c, '\n');
	if (out->p)
		out->p[out->len] = '\0';
	c->h = NULL;
}

/* ---- packets printed generically ------------------------------------------ */

void pr_generic(struct pr_ctx *c, const char *proto)
{
	size_t i;

	if (c->generic_this)
		return;
	c->generic_this = 1;
	for (i = 0; i < c->ngeneric; i++) {
		if (c->generic[i].proto == proto || !strcmp(c->generic[i].proto, proto)) {
			c->generic[i].n++;
			return;
		}
	}
	if (c->ngeneric == PR_GENERIC_MAX) {
		c->generic_other++;
		return;
	}
	c->generic[c->ngeneric].proto = proto;
	c->generic[c->ngeneric].n = 1;
	c->ngeneric++;
}

void pr_generic_merge(struct pr_ctx *dst, const struct pr_ctx *src)
{
	size_t i, j;

	dst->generic_other += src->generic_other;
	for (i = 0; i < src->ngeneric; i++) {
		for (j = 0; j < dst->ngeneric; j++)
			if (!strcmp(dst->generic[j].proto, src->generic[i].proto))
				break;
		if (j < dst->ngeneric) {
			dst->generic[j].n += src->generic[i].n;
		} else if (dst->ngeneric == PR_GENERIC_MAX) {
			dst->generic_other += src->generic[i].n;
		} else {
			dst->generic[dst->ngeneric++] = src->generic[i];
		}
	}
}

uint64_t pr_generic_summary(const struct pr_ctx *c, char *buf, size_t len)
{
	struct hx_buf b = { 0 };
	uint64_t total = c->generic_other;
	size_t order[PR_GENERIC_MAX], i, j, n = c->ngeneric;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < n; i++) {
		total += c->generic[i].n;
		/* insertion sort: by count, most first, then by name */
		for (j = i; j > 0; j--) {
			const size_t a = order[j - 1];

			if (c->generic[a].n > c->generic[i].n ||
			    (c->generic[a].n == c->generic[i].n &&
			     strcmp(c->generic[a].proto, c->generic[i].proto) < 0))
				break;
			order[j] = a;
		}
		order[j] = i;
	}
	if (!total || !len)
		return total;
	hx_buf_printf(&b, "%" PRIu64 " packet%s printed generically where tcpdump decodes %s:",
		      total, total == 1 ? "" : "s", total == 1 ? "it" : "them");
	for (i = 0; i < n; i++)
		hx_buf_printf(&b, "%s %s (%" PRIu64 ")", i ? "," : "",
			      c->generic[order[i]].proto, c->generic[order[i]].n);
	if (c->generic_other)
		hx_buf_printf(&b, "%s others (%" PRIu64 ")", n ? "," : "", c->generic_other);
	if (b.p && !b.oom)
		snprintf(buf, len, "%s", b.p);
	else /* no memory for the list: the count alone */
		snprintf(buf, len, "%" PRIu64 " packet%s printed generically where tcpdump decodes %s",
			 total, total == 1 ? "" : "s", total == 1 ? "it" : "them");
	hx_buf_release(&b);
	return total;
}
