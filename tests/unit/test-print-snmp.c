/* test-print-snmp.c: the SNMP printer against tcpdump 4.99.3's text, with and without -n, and every cut of a message. */
#include <string.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-snmp.want"

static struct tb pk[8];

/* BER: a tag, a short length, the contents. */
static void ber(struct tb *t, unsigned tag, const void *p, size_t n)
{
	tb_u8(t, tag);
	tb_u8(t, (unsigned)n);
	tb_bytes(t, p, n);
}

/*
 * An SNMP message of version v and community comm around a PDU whose
 * contents are pdu (n bytes), over Ethernet, IPv4 and UDP.
 */
static void msg(struct tb *t, unsigned dport, unsigned v, const char *comm,
		unsigned tag, const void *pdu, size_t n)
{
	size_t l4, clen = strlen(comm);
	unsigned seqlen = (unsigned)(3 + 2 + clen + 2 + n);

	tb_init(t);
	tb_eth(t, MAC_B, MAC_A, 0x0800);
	tb_ip4(t, 17, "10.0.0.1", "10.0.0.2");
	l4 = tb_udp(t, 40000, dport);
	tb_u8(t, 0x30);
	tb_u8(t, seqlen);
	tb_bytes(t, "\x02\x01", 2);
	tb_u8(t, v);
	ber(t, 0x04, comm, clen);
	ber(t, tag, pdu, n);
	tb_ip4_done(t, 14);
	tb_l4_done(t, 14, l4, 17);
}

/* request id 7, no error, one varbind: the OID (BER contents) and value */
static size_t pdu(uint8_t *b, const char *oid, size_t olen, const char *val,
		  size_t vlen)
{
	size_t n = 0;

	memcpy(b + n, "\x02\x01\x07\x02\x01\x00\x02\x01\x00", 9);
	n += 9;
	b[n++] = 0x30;
	b[n++] = (uint8_t)(4 + olen + vlen);
	b[n++] = 0x30;
	b[n++] = (uint8_t)(2 + olen + vlen);
	b[n++] = 0x06;
	b[n++] = (uint8_t)olen;
	memcpy(b + n, oid, olen);
	n += olen;
	memcpy(b + n, val, vlen);
	return n + vlen;
}

static size_t build(void)
{
	/* 1.3.6.1.2.1.1.1.0 sysDescr, 1.3.6.1.4.1.8072.3 an enterprise,
	 * 1.3.6.1.2.1.2.2.1.10.3 ifInOctets.3, 0.0 below every abbreviation */
	static const char sysdescr[] = "\x2b\x06\x01\x02\x01\x01\x01\x00";
	static const char ent[] = "\x2b\x06\x01\x04\x01\xbf\x08\x03";
	static const char inoct[] = "\x2b\x06\x01\x02\x01\x02\x02\x01\x0a\x03";
	uint8_t b[96];
	size_t k = 0, n;

	n = pdu(b, sysdescr, 8, "\x05\x00", 2);
	msg(&pk[k++], 161, 0, "public", 0xa0, b, n);
	n = pdu(b, sysdescr, 8, "\x04\x05lab-1", 7);
	msg(&pk[k++], 161, 1, "secret", 0xa2, b, n);
	n = pdu(b, ent, 8, "\x41\x02\x01\x00", 4);
	msg(&pk[k++], 161, 1, "public", 0xa2, b, n);
	n = pdu(b, inoct, 10, "\x41\x01\x2a", 3);
	msg(&pk[k++], 161, 1, "public", 0xa2, b, n);
	n = pdu(b, "\x00", 1, "\x05\x00", 2);
	msg(&pk[k++], 161, 0, "public", 0xa1, b, n);
	return k;
}

static void test_snmp(void)
{
	const struct pr_opts n = { .nflag = 1, .tflag = 1 };
	const struct pr_opts names = { .tflag = 1 };
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	size_t k = build();
	struct tp p;

	tp_init(&p, "snmp", DLT_EN10MB, &n);
	TP_CHECK(&p, pk, k, want_snmp);
	tp_release(&p);
	/* Without -n tcpdump names the OIDs from its MIB tree, which dumplab
	 * does not carry: the numbers, and the packets counted as printed
	 * generically. */
	tp_init(&p, "snmp-names", DLT_EN10MB, &names);
	{
		char note[256];
		size_t i;

		for (i = 0; i < k; i++)
			(void)tp_tb(&p, &pk[i]);
		CU_ASSERT(pr_generic_summary(p.c, note, sizeof(note)) > 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(note, "SNMP object names ("));
	}
	tp_release(&p);
	tp_init(&p, "snmp-n-note", DLT_EN10MB, &n);
	{
		char note[256];
		size_t i;

		for (i = 0; i < k; i++)
			(void)tp_tb(&p, &pk[i]);
		CU_ASSERT_EQUAL(pr_generic_summary(p.c, note, sizeof(note)), 0);
	}
	tp_release(&p);
	tp_init(&p, "snmp-v", DLT_EN10MB, &v);
	TP_CHECK(&p, pk, k, want_snmp_v);
	tp_release(&p);
}

/* The GetResponse cut at every length. */
static void test_snmp_cuts(void)
{
	const struct pr_opts v = { .nflag = 1, .tflag = 1, .vflag = 1 };
	struct tp p;

	build();
	tp_init(&p, "snmp-cut", DLT_EN10MB, &v);
	CU_ASSERT_EQUAL(tp_cuts(&p, &pk[1], want_snmp_cut, TP_N(want_snmp_cut)),
			0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "SNMP messages, -n, names, -v", test_snmp },
	{ "every cut of an SNMP response", test_snmp_cuts },
	CU_TEST_INFO_NULL,
};

TU_SUITE("print-snmp", NULL, NULL, tests);
