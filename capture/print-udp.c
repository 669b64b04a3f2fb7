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
 * Port -> application printer, in tcpdump's order of tests. Ports tcpdump
 * decodes but this printer does not (BOOTP, SNMP, syslog, VXLAN, ...) print
 * the generic "UDP, length N".
 */
static const struct pr_disp udp_port_printers[] = {
	{ 53, dns_print },
	{ 5353, mdns_print },
	/* transport and services (issue 17), in tcpdump's order */
	{ 69, pr_tftp_print },
	{ 67, bootp_print },
	{ 68, bootp_print },
	{ 500, isakmp_print },
	{ 4500, esp_natt_print },
	{ 7500, isakmp_print },
	{ 8500, isakmp_print },
	{ 161, pr_snmp_print },
	{ 162, pr_snmp_print },
	{ 123, ntp_print },
	{ 546, dhcp6_print },
	{ 547, dhcp6_print },
	{ 1645, radius_print },
	{ 1812, radius_print },
	{ 1646, radius_print },
	{ 1813, radius_print },
	{ 1700, radius_print },
	{ 3799, radius_print },
	{ 921, lwres_print },
	{ 514, syslog_print },
	{ 520, rip_print }, /* routing: before NTP, as in tcpdump */
	{ 8472, otv_print },
	{ 4789, vxlan_print },
	{ 6081, geneve_print },
	{ 4790, vxlan_gpe_print },
	{ 6635, mpls_print },
	{ 646, ldp_print },
	{ 1701, l2tp_print },
	{ 0, NULL },
};

/*
 * Printers tcpdump tries before it shows the checksum: each returns 1
 * when the datagram is not its protocol after all.
 */
/*
 * Port ranges, after the single ports as in tcpdump's order. A printer
 * returns 1 when the datagram is not its protocol after all.
 */
static const struct {
	uint16_t lo, hi;
	pr_fn fn;
} udp_range_printers[] = {
	{ 200, 327, kip_print }, /* AppleTalk's port ranges */
	{ 768, 895, kip_print },
	{ 16512, 16639, kip_print },
	{ 7000, 7009, rx_print }, /* AFS Rx */
	{ 88, 88, krb_print },	  /* Kerberos */
	{ 750, 750, krb_print },
	/* routing, in tcpdump's order after Kerberos */
	{ 521, 521, ripng_print },
	{ 6696, 6697, babel_print },
	{ 496, 496, autorp_print },
	{ 1985, 1985, hsrp_print }, /* HSRP: destination port only */
	{ 3503, 3503, lspping_print }, /* MPLS LSP ping, after LDP */
	{ 49152, 49152, bcm_li_print }, /* source port only, before BFD */
	{ 3784, 3785, bfd_print }, /* BFD: by destination port only */
	{ 4784, 4784, bfd_print },
	{ 6784, 6784, bfd_print },
	{ 319, 320, ptp_print }, /* after KIP, which takes only DDP */
};

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
	for (i = 0; udp_port_printers[i].fn; i++) {
		if (udp_port_printers[i].key != sport &&
		    udp_port_printers[i].key != dport)
			continue;
		for (j = 0; j < sizeof(stateless) / sizeof(stateless[0]); j++)
			if (udp_port_printers[i].fn == stateless[j])
				return 1;
		return 0;
	}
	for (i = 0; i < sizeof(udp_range_printers) /
			    sizeof(udp_range_printers[0]);
	     i++)
		if (!(sport < udp_range_printers[i].lo ||
		      sport > udp_range_printers[i].hi) ||
		    !(dport < udp_range_printers[i].lo ||
		      dport > udp_range_printers[i].hi))
			return 0;
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
		for (i = 0; udp_port_printers[i].fn; i++)
			if (udp_port_printers[i].key == sport ||
			    udp_port_printers[i].key == dport)
				return udp_port_printers[i].fn(c, cp, length);
		for (i = 0; i < sizeof(udp_range_printers) /
				    sizeof(udp_range_printers[0]);
		     i++) {
			int rc;

			if ((sport < udp_range_printers[i].lo ||
			     sport > udp_range_printers[i].hi) &&
			    (dport < udp_range_printers[i].lo ||
			     dport > udp_range_printers[i].hi))
				continue;
			rc = udp_range_printers[i].fn(c, cp, length);
			if (rc != 1)
				return rc;
		}
	}
	length_print(c, ulen, length);
	return 0;
}
