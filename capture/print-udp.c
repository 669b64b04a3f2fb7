/* print-udp.c: UDP (RFC 768) datagrams and the port dispatch to applications. */
/*
 *   0      7 8     15 16    23 24    31
 *  +--------+--------+--------+--------+
 *  |     Source      |   Destination   |
 *  |      Port       |      Port       |
 *  +--------+--------+--------+--------+
 *  |     Length      |    Checksum     |
 *  +--------+--------+--------+--------+
 */
#include "capture/print-int.h"

#define UDP_HDRLEN 8

/*
 * What each datagram is taken for, by its ports, in tcpdump 4.99.3's order
 * of tests: the first entry whose ports match decides. An entry matches
 * when either port is in [lo, hi] (or the destination port, or the
 * source port alone). A printer marked cont returns 1 when the datagram
 * is not its protocol after all, and the tests go on. An entry without a
 * printer is a protocol tcpdump decodes and dumplab does not: the
 * datagram prints as a bare length, noted as printed generically.
 */
enum { UDP_EITHER, UDP_DST, UDP_SRC };

static const struct udp_disp {
	uint16_t lo, hi;
	uint8_t match;
	uint8_t cont;
	pr_fn fn;
	const char *name; /* for the generic-print note */
} udp_chain[] = {
	{ 53, 53, UDP_EITHER, 0, dns_print, NULL },
	{ 5353, 5353, UDP_EITHER, 0, mdns_print, NULL },
	{ 525, 525, UDP_EITHER, 0, NULL, "timed" },
	{ 69, 69, UDP_EITHER, 0, pr_tftp_print, NULL },
	{ 67, 68, UDP_EITHER, 0, bootp_print, NULL },
	{ 520, 520, UDP_EITHER, 0, rip_print, NULL },
	{ 654, 654, UDP_EITHER, 0, NULL, "AODV" },
	{ 500, 500, UDP_EITHER, 0, isakmp_print, NULL },
	{ 4500, 4500, UDP_EITHER, 0, esp_natt_print, NULL },
	{ 7500, 7500, UDP_EITHER, 0, isakmp_print, NULL },
	{ 8500, 8500, UDP_EITHER, 0, isakmp_print, NULL },
	{ 161, 162, UDP_EITHER, 0, pr_snmp_print, NULL },
	{ 123, 123, UDP_EITHER, 0, ntp_print, NULL },
	{ 88, 88, UDP_EITHER, 1, krb_print, NULL },
	{ 750, 750, UDP_EITHER, 1, krb_print, NULL },
	{ 1701, 1701, UDP_EITHER, 0, l2tp_print, NULL },
	{ 137, 137, UDP_EITHER, 0, NULL, "NetBIOS name service" },
	{ 138, 138, UDP_EITHER, 0, NULL, "NetBIOS datagram" },
	{ 3456, 3456, UDP_DST, 0, NULL, "VAT" },
	{ 2103, 2104, UDP_EITHER, 0, NULL, "Zephyr" },
	{ 7000, 7009, UDP_EITHER, 1, rx_print, NULL }, /* AFS Rx */
	{ 521, 521, UDP_EITHER, 1, ripng_print, NULL },
	{ 546, 547, UDP_EITHER, 0, dhcp6_print, NULL },
	{ 5359, 5359, UDP_EITHER, 0, NULL, "AHCP" },
	{ 6696, 6697, UDP_EITHER, 1, babel_print, NULL },
	{ 8231, 8231, UDP_EITHER, 0, NULL, "HNCP" },
	{ 4567, 4567, UDP_DST, 0, NULL, "wb" },
	{ 496, 496, UDP_EITHER, 1, autorp_print, NULL },
	{ 1645, 1646, UDP_EITHER, 0, radius_print, NULL },
	{ 1812, 1813, UDP_EITHER, 0, radius_print, NULL },
	{ 1700, 1700, UDP_EITHER, 0, radius_print, NULL },
	{ 3799, 3799, UDP_EITHER, 0, radius_print, NULL },
	{ 1985, 1985, UDP_EITHER, 1, hsrp_print, NULL }, /* checks dport */
	{ 921, 921, UDP_EITHER, 0, lwres_print, NULL },
	{ 646, 646, UDP_EITHER, 0, ldp_print, NULL },
	{ 698, 698, UDP_EITHER, 0, NULL, "OLSR" },
	{ 3503, 3503, UDP_EITHER, 1, lspping_print, NULL },
	{ 49152, 49152, UDP_EITHER, 1, bcm_li_print, NULL }, /* checks sport */
	{ 3784, 3785, UDP_EITHER, 1, bfd_print, NULL }, /* check dport */
	{ 4784, 4784, UDP_EITHER, 1, bfd_print, NULL },
	{ 6784, 6784, UDP_EITHER, 1, bfd_print, NULL },
	{ 701, 701, UDP_EITHER, 0, NULL, "LMP" },
	{ 1589, 1589, UDP_EITHER, 0, NULL, "VQP" },
	{ 6343, 6343, UDP_EITHER, 0, NULL, "sFlow" },
	{ 12223, 12223, UDP_DST, 0, NULL, "LWAPP" },
	{ 12223, 12223, UDP_SRC, 0, NULL, "LWAPP" },
	{ 12222, 12222, UDP_EITHER, 0, NULL, "LWAPP" },
	{ 5060, 5060, UDP_EITHER, 0, NULL, "SIP" },
	{ 514, 514, UDP_EITHER, 0, syslog_print, NULL },
	{ 8472, 8472, UDP_EITHER, 0, otv_print, NULL },
	{ 4789, 4789, UDP_EITHER, 0, vxlan_print, NULL },
	{ 6081, 6081, UDP_EITHER, 0, geneve_print, NULL },
	{ 4342, 4342, UDP_EITHER, 0, NULL, "LISP" },
	{ 4790, 4790, UDP_EITHER, 0, vxlan_gpe_print, NULL },
	{ 17754, 17754, UDP_EITHER, 0, NULL, "ZEP" },
	{ 6635, 6635, UDP_EITHER, 0, mpls_print, NULL },
	/* AppleTalk's port ranges: only DDP (KIP checks) */
	{ 200, 327, UDP_EITHER, 1, kip_print, NULL },
	{ 768, 895, UDP_EITHER, 1, kip_print, NULL },
	{ 16512, 16639, UDP_EITHER, 1, kip_print, NULL },
	{ 319, 320, UDP_EITHER, 1, ptp_print, NULL },
	{ 30490, 30490, UDP_EITHER, 0, NULL, "SOME/IP" },
};

#define UDP_NCHAIN (sizeof(udp_chain) / sizeof(udp_chain[0]))

static int udp_matches(const struct udp_disp *d, uint16_t sport,
		       uint16_t dport)
{
	int s = sport >= d->lo && sport <= d->hi;
	int t = dport >= d->lo && dport <= d->hi;

	return d->match == UDP_DST ? t : d->match == UDP_SRC ? s : s || t;
}

/* -T TYPE -> printer: every datagram is that protocol (tcpdump's ndo_packettype). */
static const struct pr_disp udp_type_printers[] = {
	{ PR_PT_RTP, rtp_print },
	{ PR_PT_RTCP, rtcp_print },
	{ PR_PT_VXLAN, vxlan_print },
	{ PR_PT_DOMAIN, dns_print },
	{ PR_PT_SNMP, pr_snmp_print },
	{ PR_PT_TFTP, pr_tftp_print },
	{ PR_PT_RADIUS, radius_print },
	{ PR_PT_PTP, ptp_print },
	{ 0, NULL },
};

static const struct pr_disp udp_early_printers[] = {
	{ 2049, sunrpc_udp_print },
	{ 0, NULL },
};

/* The addresses (and ports unless sport < 0), tcpdump's udpipaddr_print. */
static int ends_print(struct pr_ctx *c, int sport, int dport)
{
	const uint8_t *iph = c->iph;
	uint8_t nxt;

	if (c->ipver == 6)
		PR_U8(c, iph + 6, nxt);
	else
		PR_U8(c, iph + 9, nxt);
	if (nxt == 17 && sport >= 0)
		return pr_flow_print(c, 17, (unsigned)sport, (unsigned)dport);
	if (nxt == 17) {
		if (c->ipver == 6)
			PR_IP6(c, "", iph + 8);
		else
			PR_IP4(c, "", iph + 12);
		if (sport >= 0) {
			pr_putc(c, '.');
			pr_udpport(c, (unsigned)sport);
		}
		pr_puts(c, " > ");
		if (c->ipver == 6)
			PR_IP6(c, "", iph + 24);
		else
			PR_IP4(c, "", iph + 16);
		if (sport >= 0) {
			pr_putc(c, '.');
			pr_udpport(c, (unsigned)dport);
		}
		pr_puts(c, ": ");
	} else if (sport >= 0) {
		pr_udpport(c, (unsigned)sport);
		pr_puts(c, " > ");
		pr_udpport(c, (unsigned)dport);
		pr_puts(c, ": ");
	}
	return 0;
}

static void length_print(struct pr_ctx *c, unsigned ulen, unsigned length)
{
	if (ulen > length && !c->fragmented) {
		pr_puts(c, "UDP, bad length ");
		pr_uint(c, ulen);
		pr_puts(c, " > ");
		pr_uint(c, length);
	} else {
		pr_puts(c, "UDP, length ");
		pr_uint(c, ulen);
	}
}

/*
 * Whether a datagram between these ports reaches no state of the printer
 * (pr-pipe.c): it goes, as udp_print dispatches it, to one of the
 * printers below, or to none. -T is not asked about (the pipeline
 * does not run under it).
 */
int pr_udp_ports_stateless(uint16_t sport, uint16_t dport, int qflag)
{
	static const pr_fn stateless[] = {
		dns_print, mdns_print, bootp_print, ntp_print, pr_snmp_print,
		dhcp6_print, syslog_print, radius_print, rip_print,
		pr_tftp_print,
	};
	size_t i, j;

	if (qflag)
		return 1;
	for (i = 0; udp_early_printers[i].fn; i++)
		if (udp_early_printers[i].key == sport ||
		    udp_early_printers[i].key == dport)
			return 0;
	for (i = 0; i < UDP_NCHAIN; i++) {
		const struct udp_disp *d = &udp_chain[i];

		if (!udp_matches(d, sport, dport))
			continue;
		if (!d->fn)
			return 1; /* a bare length */
		if (d->cont)
			return 0; /* and perhaps any entry after it */
		for (j = 0; j < sizeof(stateless) / sizeof(stateless[0]); j++)
			if (d->fn == stateless[j])
				return 1;
		return 0;
	}
	return 1;
}

int udp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint16_t sport, dport, ulen16;
	unsigned ulen;
	const uint8_t *cp;
	size_t i;

	c->proto = "udp";
	if (!pr_has(c, bp + 2, 2)) {
		if (ends_print(c, -1, -1) == PR_STOP)
			return PR_STOP;
		pr_trunc(c);
		return 0;
	}
	PR_BE16(c, bp, sport);
	PR_BE16(c, bp + 2, dport);
	if (length < UDP_HDRLEN) {
		if (ends_print(c, sport, dport) == PR_STOP)
			return PR_STOP;
		pr_printf(c, "truncated-udp %u", length);
		return 0;
	}
	if (!pk_be16(&c->pk, bp + 4, &ulen16)) {
		if (ends_print(c, sport, dport) == PR_STOP)
			return PR_STOP;
		pr_trunc(c);
		return 0;
	}
	ulen = ulen16;
	/* RFC 2675 jumbograms: a zero length means "use the IPv6 one". */
	if (ulen == 0 && length > 65535)
		ulen = length;
	if (ulen < UDP_HDRLEN) {
		if (ends_print(c, sport, dport) == PR_STOP)
			return PR_STOP;
		pr_printf(c, "truncated-udplength %u", ulen);
		return 0;
	}
	ulen -= UDP_HDRLEN;
	length -= UDP_HDRLEN;
	if (ulen < length)
		length = ulen;
	cp = bp + UDP_HDRLEN;
	if (!pk_has(&c->pk, cp, 0)) {
		if (ends_print(c, sport, dport) == PR_STOP)
			return PR_STOP;
		pr_trunc(c);
		return 0;
	}
	if (ends_print(c, sport, dport) == PR_STOP)
		return PR_STOP;
	c->sport = sport;
	c->dport = dport;
	if (c->o.Ttype) {
		pr_fn fn = pr_lookup(udp_type_printers, (uint32_t)c->o.Ttype);

		return fn ? fn(c, cp, length) : 0;
	}
	if (!c->o.qflag) {
		for (i = 0; udp_early_printers[i].fn; i++) {
			int rc;

			if (udp_early_printers[i].key != sport &&
			    udp_early_printers[i].key != dport)
				continue;
			rc = udp_early_printers[i].fn(c, cp, length);

			if (rc != 1)
				return rc;
		}
	}

	if (c->o.vflag && !c->fragmented &&
	    ((c->ipver == 4 && c->o.vflag > 1) || c->ipver == 6)) {
		uint16_t field;

		PR_BE16(c, bp + 6, field);
		if (c->ipver == 4 && field == 0) {
			pr_puts(c, "[no cksum] ");
		} else if (pr_has(c, cp, length)) {
			unsigned ulen_all = length + UDP_HDRLEN;
			uint32_t acc;
			uint16_t sum;

			if (ip_pseudo_sum(c, 17, ulen_all, &acc) == PR_STOP)
				return PR_STOP;
			sum = pr_cksum_fold(pr_cksum_add(
				acc, pk_span(&c->pk, bp, ulen_all), ulen_all));
			if (sum != 0)
				pr_printf(c, "[bad udp cksum 0x%04x -> 0x%04x!] ",
					  field, pr_cksum_shouldbe(field, sum));
			else
				pr_puts(c, "[udp sum ok] ");
		}
	}

	if (!c->o.qflag) {
		for (i = 0; i < UDP_NCHAIN; i++) {
			const struct udp_disp *d = &udp_chain[i];
			int rc;

			if (!udp_matches(d, sport, dport))
				continue;
			if (!d->fn) {
				pr_generic(c, d->name);
				break;
			}
			rc = d->fn(c, cp, length);
			if (!d->cont || rc != 1)
				return rc;
		}
	}
	length_print(c, ulen, length);
	return 0;
}
