/* print-cdp.c: the Cisco Discovery Protocol (SNAP OUI 00000c, PID 0x2000). */
/*
 * CDP has no RFC; the layout is Cisco's ("Cisco Discovery Protocol
 * Configuration Guide") and the undocumented TLVs are as tcpdump names
 * them. After the SNAP header:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    version    |   TTL (s)     |           checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            TLV type           |  TLV length (with the header) |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     value ...                                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An Address TLV holds a count (4 octets), then per address a protocol
 * type (1: NLPID, 2: 802.2 header), the protocol's length and bytes,
 * the address length (2) and the address.
 */
#include "capture/print-int.h"

#define CDP_HEADER_LEN 4
#define CDP_TLV_HEADER_LEN 4
#define T_DEV_ID 0x01
#define T_MAX 0x17

#define PT_NLPID 1
#define PT_IEEE_802_2 2
#define NLPID_IP 0xcc

static const struct pr_tok capability_names[] = {
	{ 0x01, "Router" },
	{ 0x02, "Transparent Bridge" },
	{ 0x04, "Source Route Bridge" },
	{ 0x08, "L2 Switch" },
	{ 0x10, "L3 capable" },
	{ 0x20, "IGMP snooping" },
	{ 0x40, "L1 capable" },
	{ 0, NULL },
};

typedef int (*cdp_value_fn)(struct pr_ctx *c, const uint8_t *p, unsigned len);

struct cdp_tlv {
	const char *name;
	cdp_value_fn fn; /* NULL: the value is not shown */
	int min_len, max_len; /* -1: any */
};

static int string_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	pr_putc(c, '\'');
	if (pr_printn(c, p, len))
		return pr_stop(c);
	pr_putc(c, '\'');
	return 0;
}

static int power_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint32_t v = 0;
	uint16_t v16;
	uint8_t v8;

	switch (len) {
	case 1:
		PR_U8(c, p, v8);
		v = v8;
		break;
	case 2:
		PR_BE16(c, p, v16);
		v = v16;
		break;
	case 3:
		PR_BE24(c, p, v);
		break;
	}
	pr_printf_libc(c, "%1.2fW", v / 1000.0);
	return 0;
}

static int capability_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint32_t v;

	(void)len;
	PR_BE32(c, p, v);
	pr_printf(c, "(0x%08x): ", v);
	pr_bittok_print(c, capability_names, ", ", "none", v);
	return 0;
}

/* The version text, each of its lines indented. */
static int version_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned i;
	uint8_t ch;

	pr_puts(c, "\n\t  ");
	for (i = 0; i < len; i++) {
		PR_U8(c, p + i, ch);
		if (ch == '\n')
			pr_puts(c, "\n\t  ");
		else
			pr_char(c, ch);
	}
	return 0;
}

static int uint16_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint16_t v;

	(void)len;
	PR_BE16(c, p, v);
	pr_uint(c, v);
	return 0;
}

static int duplex_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t v;

	(void)len;
	PR_U8(c, p, v);
	pr_puts(c, v ? "full" : "half");
	return 0;
}

/* The ATA-186 VoIP VLAN TLVs: a 2-octet request is not understood. */
static int ata186_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint16_t v;
	uint8_t app;

	if (len == 2) {
		PR_BE16(c, p, v);
		pr_printf(c, "unknown 0x%04x", v);
		return 0;
	}
	PR_U8(c, p, app);
	PR_BE16(c, p + 1, v);
	pr_printf(c, "app %u, vlan %u", app, v);
	return 0;
}

static int mtu_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint32_t v;

	(void)len;
	PR_BE32(c, p, v);
	pr_printf(c, "%u bytes", v);
	return 0;
}

static int uint8x_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t v;

	(void)len;
	PR_U8(c, p, v);
	pr_printf(c, "0x%02x", v);
	return 0;
}

static int phys_loc_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t v;

	PR_U8(c, p, v);
	pr_printf(c, "0x%02x", v);
	if (len > 1) {
		pr_putc(c, '/');
		if (pr_printn(c, p + 1, len - 1))
			return pr_stop(c);
	}
	return 0;
}

/* The bytes the protocol field of an IPv6 address holds: LLC, SNAP, 86dd. */
static const uint8_t prot_ipv6[8] = { 0xaa, 0xaa, 0x03, 0x00,
				      0x00, 0x00, 0x86, 0xdd };

static int addr_print(struct pr_ctx *c, const uint8_t *p, unsigned l)
{
	uint32_t num;

	if (l < 4) {
		pr_puts(c, " (not enough space for num)");
		goto invalid;
	}
	PR_BE32(c, p, num);
	p += 4;
	l -= 4;
	while (num) {
		uint8_t pt, pl, proto0 = 0, b;
		uint16_t al;
		uint8_t pbytes[8];

		if (l < 2) {
			pr_puts(c, " (not enough space for PT+PL)");
			goto invalid;
		}
		PR_U8(c, p, pt);
		PR_U8(c, p + 1, pl);
		p += 2;
		l -= 2;
		if (l < pl + 2u) {
			pr_puts(c, " (not enough space for P+AL)");
			goto invalid;
		}
		PR_BE16(c, p + pl, al);
		if (pt == PT_NLPID && pl == 1)
			PR_U8(c, p, proto0);
		if (pt == PT_NLPID && pl == 1 && proto0 == NLPID_IP &&
		    al == 4) {
			p += pl + 2;
			l -= pl + 2;
			if (l < al) {
				pr_puts(c, " (not enough space for A)");
				goto invalid;
			}
			PR_NEED(c, p, 4);
			pr_printf(c, "IPv4 (%u) ", num);
			pr_ip4(c, p);
			p += al;
			l -= al;
		} else if (pt == PT_IEEE_802_2 && pl == 8 && al == 16 &&
			   pk_copy(&c->pk, p, pbytes, 8) &&
			   !memcmp(pbytes, prot_ipv6, 8)) {
			p += pl + 2;
			l -= pl + 2;
			if (l < al) {
				pr_puts(c, " (not enough space for A)");
				goto invalid;
			}
			PR_NEED(c, p, 16);
			pr_printf(c, "IPv6 (%u) ", num);
			pr_ip6(c, p);
			p += al;
			l -= al;
		} else {
			pr_printf(c, "pt=0x%02x, pl=%u, pb=", pt, pl);
			for (; pl; pl--, p++, l--) {
				PR_U8(c, p, b);
				pr_printf(c, " %02x", b);
			}
			pr_printf(c, ", al=%u, a=", al);
			p += 2;
			l -= 2;
			if (l < al) {
				pr_puts(c, " (not enough space for A)");
				goto invalid;
			}
			for (; al; al--, p++, l--) {
				PR_U8(c, p, b);
				pr_printf(c, " %02x", b);
			}
		}
		num--;
		if (num)
			pr_putc(c, ' ');
	}
	if (l)
		pr_printf(c, " (%u bytes of stray data)", l);
	return 0;
invalid:
	PR_NEED(c, p, l);
	return 0;
}

static int prefixes_print(struct pr_ctx *c, const uint8_t *p, unsigned l)
{
	uint8_t a[5];

	if (l % 5) {
		pr_printf(c, " [length %u is not a multiple of 5]", l);
		PR_NEED(c, p, l);
		return 0;
	}
	pr_printf(c, " IPv4 Prefixes (%u):", l / 5);
	for (; l > 0; l -= 5, p += 5) {
		PR_COPY(c, p, a, 5);
		pr_printf(c, " %u.%u.%u.%u/%u", a[0], a[1], a[2], a[3], a[4]);
	}
	return 0;
}

static const struct cdp_tlv cdp_tlvs[T_MAX + 1] = {
	[T_DEV_ID] = { "Device-ID", string_print, -1, -1 },
	[0x02] = { "Address", addr_print, -1, -1 },
	[0x03] = { "Port-ID", string_print, -1, -1 },
	[0x04] = { "Capability", capability_print, 4, 4 },
	[0x05] = { "Version String", version_print, -1, -1 },
	[0x06] = { "Platform", string_print, -1, -1 },
	[0x07] = { "Prefixes", prefixes_print, -1, -1 },
	[0x08] = { "Protocol-Hello option", NULL, -1, -1 },
	[0x09] = { "VTP Management Domain", string_print, -1, -1 },
	[0x0a] = { "Native VLAN ID", uint16_print, 2, 2 },
	[0x0b] = { "Duplex", duplex_print, 1, 1 },
	[0x0e] = { "ATA-186 VoIP VLAN assignment", ata186_print, 3, 3 },
	[0x0f] = { "ATA-186 VoIP VLAN request", ata186_print, 2, 3 },
	[0x10] = { "power consumption", power_print, 1, 3 },
	[0x11] = { "MTU", mtu_print, 4, 4 },
	[0x12] = { "AVVID trust bitmap", uint8x_print, 1, 1 },
	[0x13] = { "AVVID untrusted ports CoS", uint8x_print, 1, 1 },
	[0x14] = { "System Name", string_print, -1, -1 },
	[0x15] = { "System Object ID (not decoded)", NULL, -1, -1 },
	[0x16] = { "Management Addresses", addr_print, 4, -1 },
	[0x17] = { "Physical Location", phys_loc_print, 1, -1 },
};

int cdp_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned orig_length = length;
	uint8_t version, ttl;
	uint16_t cksum;

	c->proto = "cdp";
	if (length < CDP_HEADER_LEN) {
		pr_printf(c, " (packet length %u < %u)", length, CDP_HEADER_LEN);
		goto invalid;
	}
	PR_U8(c, p, version);
	PR_U8(c, p + 1, ttl);
	pr_printf(c, "CDPv%u, ttl: %us", version, ttl);
	PR_BE16(c, p + 2, cksum);
	if (c->o.vflag)
		pr_printf(c, ", checksum: 0x%04x (unverified), length %u",
			  cksum, orig_length);
	p += CDP_HEADER_LEN;
	length -= CDP_HEADER_LEN;

	while (length) {
		const struct cdp_tlv *info = NULL;
		const char *name;
		uint16_t type, len;
		int covered = 0;

		if (length < CDP_TLV_HEADER_LEN) {
			pr_printf(c, " (remaining packet length %u < %u)",
				  length, CDP_TLV_HEADER_LEN);
			goto invalid;
		}
		PR_BE16(c, p, type);
		PR_BE16(c, p + 2, len);
		if (type <= T_MAX)
			info = &cdp_tlvs[type];
		name = info && info->name ? info->name : "unknown field type";
		if (len < CDP_TLV_HEADER_LEN) {
			if (c->o.vflag)
				pr_printf(c, "\n\t%s (0x%02x), TLV length: %u byte%s (too short)",
					  name, type, len, len == 1 ? "" : "s");
			else
				pr_printf(c, ", %s TLV length %u too short",
					  name, len);
			goto invalid;
		}
		if (len > length) {
			pr_printf(c, " (TLV length %u > %u)", len, length);
			goto invalid;
		}
		p += CDP_TLV_HEADER_LEN;
		length -= CDP_TLV_HEADER_LEN;
		len -= CDP_TLV_HEADER_LEN;

		if (!c->o.vflag && type == T_DEV_ID)
			pr_puts(c, ", Device-ID ");
		else if (c->o.vflag)
			pr_printf(c, "\n\t%s (0x%02x), value length: %u byte%s: ",
				  name, type, len, len == 1 ? "" : "s");
		if (info) {
			if ((info->min_len > 0 && len < info->min_len) ||
			    (info->max_len > 0 && len > info->max_len)) {
				pr_puts(c, " (malformed TLV)");
			} else if (c->o.vflag || type == T_DEV_ID) {
				if (info->fn) {
					if (info->fn(c, p, len) == PR_STOP)
						return PR_STOP;
				} else {
					PR_NEED(c, p, len);
				}
				covered = 1;
			}
		}
		if (!covered) {
			PR_NEED(c, p, len);
			pr_unknown_data(c, p, "\n\t  ", len);
		}
		p += len;
		length -= len;
	}
	if (!c->o.vflag)
		pr_printf(c, ", length %u", orig_length);
	return 0;
invalid:
	pr_invalid(c);
	PR_NEED(c, p, length);
	return 0;
}
