/* test-print-wlan.c: 802.11 frames, radiotap, Prism, AVS and PPI headers against tcpdump 4.99.3's text. */
/*
 * The captures of tcpdump's suite (tests/tcpdump/TESTLIST) hold mostly
 * beacons, probes and acknowledgments: these frames are built here for
 * the rest, every control subtype, the management bodies with reason
 * and status codes, data frames of each DS direction into LLC/SNAP, the
 * radiotap fields and namespaces, and -H's mesh control field.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit/tpkt.h"
#include "unit/tu.h"

/* Expected texts: tests/unit/tcpdump-oracle on these packets. */
#include "unit/test-print-wlan.want"

static struct tb pk[40];

#define STA "\x02\x00\x00\x00\x00\x01"
#define AP "\x02\x00\x00\x00\x00\x02"
#define BC "\xff\xff\xff\xff\xff\xff"
#define FAR "\x02\x00\x00\x00\x00\x03"

static void le16(struct tb *t, unsigned v)
{
	tb_u8(t, v & 0xff);
	tb_u8(t, v >> 8);
}

/* Frame control (as its two octets read little-endian) and duration. */
static void fc_add(struct tb *t, unsigned v, unsigned dur)
{
	le16(t, v);
	le16(t, dur);
}

/* The same, starting a packet. */
static void fc(struct tb *t, unsigned v, unsigned dur)
{
	tb_init(t);
	fc_add(t, v, dur);
}

/* A management header: DA, SA, BSSID, sequence control. */
static void mgmt(struct tb *t, unsigned subtype, const char *da,
		 const char *sa)
{
	fc(t, subtype << 4, 314);
	tb_bytes(t, da, 6);
	tb_bytes(t, sa, 6);
	tb_bytes(t, AP, 6);
	le16(t, 0x1230);
}

/* LLC/SNAP, then an IPv4 ICMP echo request. */
static void snap_echo(struct tb *t)
{
	size_t ip, l4;

	tb_bytes(t, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	ip = tb_ip4(t, 1, "10.0.0.1", "10.0.0.2");
	l4 = t->n;
	tb_bytes(t, "\x08\x00\x00\x00\x00\x07\x00\x01", 8);
	tb_ip4_done(t, ip);
	tb_l4_done(t, ip, l4, 1);
}

static size_t control_frames(void)
{
	size_t k = 0;

	fc(&pk[k], 0xb4, 100); /* RTS */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k++], STA, 6);
	fc(&pk[k], 0xc4, 80); /* CTS */
	tb_bytes(&pk[k++], STA, 6);
	fc(&pk[k], 0x84, 0); /* BAR */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], STA, 6);
	le16(&pk[k], 0x0004);
	le16(&pk[k++], 0x0120);
	fc(&pk[k], 0x94, 0); /* BA */
	tb_bytes(&pk[k], STA, 6);
	tb_bytes(&pk[k++], AP, 6);
	fc(&pk[k], 0x10a4, 0xc001); /* PS-Poll, power management */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k++], STA, 6);
	fc(&pk[k], 0xe4, 0); /* CF-End */
	tb_bytes(&pk[k], BC, 6);
	tb_bytes(&pk[k++], AP, 6);
	fc(&pk[k], 0xf4, 0); /* CF-End+CF-Ack */
	tb_bytes(&pk[k], BC, 6);
	tb_bytes(&pk[k++], AP, 6);
	fc(&pk[k], 0x74, 0); /* control wrapper */
	tb_bytes(&pk[k], STA, 6);
	tb_zero(&pk[k++], 6);
	fc(&pk[k], 0x34, 0); /* reserved control subtype */
	tb_zero(&pk[k++], 6);
	fc(&pk[k], 0x0c, 0); /* reserved type */
	tb_zero(&pk[k++], 6);
	fc(&pk[k], 0xb4, 100); /* RTS cut short */
	tb_bytes(&pk[k++], AP, 6);
	return k;
}

static size_t mgmt_frames(void)
{
	size_t k = 0;

	mgmt(&pk[k], 0xc, STA, AP); /* deauthentication */
	le16(&pk[k++], 7);
	mgmt(&pk[k], 0xa, STA, AP); /* disassociation, reserved reason */
	le16(&pk[k++], 200);
	mgmt(&pk[k], 0xd, STA, AP); /* action: BA */
	tb_bytes(&pk[k++], "\x03\x01", 2);
	mgmt(&pk[k], 0xd, AP, STA); /* action: self-protected */
	tb_bytes(&pk[k++], "\x0f\x04", 2);
	mgmt(&pk[k], 0xd, AP, STA); /* action: mesh, unnamed */
	tb_bytes(&pk[k++], "\x0d\x20", 2);
	mgmt(&pk[k], 0xd, AP, STA); /* action: reserved category */
	tb_bytes(&pk[k++], "\x63\x02", 2);
	mgmt(&pk[k], 0xb, STA, AP); /* shared key authentication, 2 */
	tb_bytes(&pk[k], "\x01\x00\x02\x00\x00\x00", 6);
	tb_bytes(&pk[k++], "\x10\x04" "abcd", 6);
	mgmt(&pk[k], 0xb, AP, STA); /* authentication 3, a status */
	tb_bytes(&pk[k++], "\x01\x00\x03\x00\x0f\x00", 6);
	mgmt(&pk[k], 0xb, AP, STA); /* reserved algorithm */
	tb_bytes(&pk[k++], "\x07\x00\x01\x00\x25\x00", 6);
	mgmt(&pk[k], 0x2, AP, STA); /* reassociation request */
	tb_bytes(&pk[k], "\x11\x00\x0a\x00" FAR, 10);
	tb_bytes(&pk[k], "\x00\x05lab\x01x", 7);
	tb_bytes(&pk[k++], "\x01\x02\x82\x84", 4);
	mgmt(&pk[k], 0x1, STA, AP); /* association response */
	tb_bytes(&pk[k++], "\x11\x00\x00\x00\x05\xc0", 6);
	mgmt(&pk[k], 0x0, AP, STA); /* association request, no SSID */
	tb_bytes(&pk[k], "\x01\x00\x0a\x00", 4);
	tb_bytes(&pk[k++], "\x01\x00\x01\x01\x8c", 5);
	mgmt(&pk[k], 0x8, BC, AP); /* beacon, an SSID too long */
	tb_zero(&pk[k], 8);
	tb_bytes(&pk[k], "\x64\x00\x01\x00", 4);
	tb_bytes(&pk[k], "\x03\x01\x06\x00\x21", 5);
	tb_zero(&pk[k++], 33);
	mgmt(&pk[k], 0x8, BC, AP); /* beacon, TIM and CF elements */
	tb_zero(&pk[k], 8);
	tb_bytes(&pk[k], "\x64\x00\x11\x00", 4);
	tb_bytes(&pk[k], "\x00\x04open\x04\x06\x01\x02\x03\x00\x04\x00", 14);
	tb_bytes(&pk[k++], "\x05\x04\x00\x01\x00\x00\x03\x01\x0b", 9);
	mgmt(&pk[k], 0x9, BC, AP); /* ATIM */
	k++;
	mgmt(&pk[k], 0xe, BC, AP); /* reserved subtype */
	k++;
	mgmt(&pk[k], 0x4, BC, STA); /* probe request, protected */
	pk[k].b[1] = 0x40;
	tb_bytes(&pk[k++], "\x01\x02\x03\x40", 4);
	mgmt(&pk[k], 0x5, STA, AP); /* probe response, cut in the fixed part */
	tb_zero(&pk[k++], 6);
	return k;
}

static size_t data_frames(void)
{
	size_t k = 0;

	fc(&pk[k], 0x0108, 44); /* To DS */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], STA, 6);
	tb_bytes(&pk[k], FAR, 6);
	le16(&pk[k], 0x0010);
	snap_echo(&pk[k++]);
	fc(&pk[k], 0x0288, 44); /* QoS data, From DS */
	tb_bytes(&pk[k], STA, 6);
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], FAR, 6);
	le16(&pk[k], 0x0020);
	le16(&pk[k], 0x0000);
	snap_echo(&pk[k++]);
	fc(&pk[k], 0x0318, 44); /* WDS, CF-Ack */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], FAR, 6);
	tb_bytes(&pk[k], STA, 6);
	le16(&pk[k], 0x0030);
	tb_bytes(&pk[k], BC, 6);
	snap_echo(&pk[k++]);
	fc(&pk[k], 0x0038, 44); /* CF-Ack/Poll, an LLC nobody decodes */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], STA, 6);
	tb_bytes(&pk[k], AP, 6);
	le16(&pk[k], 0x0040);
	tb_bytes(&pk[k++], "\x80\x80\x03xyz", 6);
	fc(&pk[k], 0x1148, 0); /* null data */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], STA, 6);
	tb_bytes(&pk[k], AP, 6);
	le16(&pk[k++], 0x0050);
	fc(&pk[k], 0x4108, 44); /* protected */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], STA, 6);
	tb_bytes(&pk[k], AP, 6);
	le16(&pk[k], 0x0060);
	tb_bytes(&pk[k++], "\x01\x02\x03\x60\xaa\xbb", 6);
	fc(&pk[k], 0x0188, 44); /* QoS data with a mesh control (-H) */
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], STA, 6);
	tb_bytes(&pk[k], FAR, 6);
	le16(&pk[k], 0x0070);
	le16(&pk[k], 0x0100);
	tb_bytes(&pk[k], "\x02\x1f\x01\x00\x00\x00", 6);
	tb_bytes(&pk[k], BC, 6);
	tb_bytes(&pk[k], FAR, 6);
	snap_echo(&pk[k++]);
	return k;
}

static const struct pr_opts o_n = { .nflag = 1, .tflag = 1 };
static const struct pr_opts o_e = { .nflag = 1, .tflag = 1, .eflag = 1 };
static const struct pr_opts o_ev = { .nflag = 1, .tflag = 1, .eflag = 1,
				     .vflag = 1 };
static const struct pr_opts o_eH = { .nflag = 1, .tflag = 1, .eflag = 1,
				     .Hflag = 1 };
static const struct pr_opts o_x = { .nflag = 1, .tflag = 1, .xflag = 1 };

static void run(const char *name, int dlt, const struct pr_opts *o,
		size_t k, const char *const *want, size_t nwant)
{
	struct tp p;

	tp_init(&p, name, dlt, o);
	CU_ASSERT_EQUAL(tp_run(&p, pk, k, want, nwant), 0);
	tp_release(&p);
}

#define RUN(name, dlt, o, k, want) run(name, dlt, o, k, want, TP_N(want))

static void test_control(void)
{
	size_t k = control_frames();

	RUN("ctrl", DLT_IEEE802_11, &o_n, k, want_ctrl);
	RUN("ctrl-ev", DLT_IEEE802_11, &o_ev, k, want_ctrl_ev);
}

static void test_mgmt(void)
{
	size_t k = mgmt_frames();

	RUN("mgmt", DLT_IEEE802_11, &o_n, k, want_mgmt);
	RUN("mgmt-ev", DLT_IEEE802_11, &o_ev, k, want_mgmt_ev);
}

static void test_data(void)
{
	size_t k = data_frames();

	RUN("data", DLT_IEEE802_11, &o_n, k, want_data);
	RUN("data-ev", DLT_IEEE802_11, &o_ev, k, want_data_ev);
	RUN("data-eH", DLT_IEEE802_11, &o_eH, k, want_data_eH);
	RUN("data-x", DLT_IEEE802_11, &o_x, k, want_data_x);
}

/* A radiotap header of the presence words and field octets given. */
static void radiotap(struct tb *t, const void *words, size_t nw,
		     const void *fields, size_t nf)
{
	tb_init(t);
	tb_u8(t, 0);
	tb_u8(t, 0);
	le16(t, (unsigned)(4 + nw + nf));
	tb_bytes(t, words, nw);
	tb_bytes(t, fields, nf);
}

static void test_radiotap(void)
{
	size_t k = 0;

	/*
	 * TSFT, flags (short preamble, FCS, padding), a rate that is an
	 * MCS, channel 2437 MHz 11g; a QoS data frame padded to 28 octets
	 */
	radiotap(&pk[k], "\x0f\x00\x00\x00", 4,
		 "\x01\x02\x03\x04\x05\x06\x07\x08"
		 "\x32\x85\x85\x09\xc0\x00", 14);
	fc_add(&pk[k], 0x0188, 44);
	tb_bytes(&pk[k], AP, 6);
	tb_bytes(&pk[k], STA, 6);
	tb_bytes(&pk[k], FAR, 6);
	le16(&pk[k], 0x0010);
	le16(&pk[k], 0x0000);
	tb_zero(&pk[k], 2);
	snap_echo(&pk[k]);
	tb_bytes(&pk[k++], "\xde\xad\xbe\xef", 4); /* the FCS */
	/* channel and extended channel, MCS with every known bit */
	radiotap(&pk[k], "\x08\x00\x0c\x00", 4,
		 "\x6c\x09\xa0\x00" "\x80\x00\x01\x00\x99\x09\x0b\x14"
		 "\x7f\x75\x0d", 15);
	fc_add(&pk[k], 0xd4, 0);
	tb_bytes(&pk[k++], STA, 6);
	/*
	 * Lock quality, TX attenuation in steps and dB, dB signal and
	 * noise, RX flags, A-MPDU status (aligned to 4), VHT with two users
	 */
	radiotap(&pk[k], "\x80\x73\x30\x00", 4,
		 "\x05\x00" "\xfc\xff" "\x03" "\x2a" "\x11" "\x00"
		 "\x00\x00" "\x00\x00" "\x01\x00\x00\x00" "\x03\x00" "\x00" "\x00"
		 "\x44\x00" "\x04" "\x04" "\x52\x31\x00\x00" "\x02" "\x00"
		 "\x00\x00\x00\x00", 34);
	fc_add(&pk[k], 0xd4, 0);
	tb_bytes(&pk[k++], STA, 6);
	/* a vendor namespace skipped, then radiotap again: antenna 3 */
	radiotap(&pk[k], "\x00\x00\x00\xc0" "\x00\x00\x00\xa0"
			 "\x00\x08\x00\x00", 12,
		 "\x00\x10\x18\x01\x04\x00" "\xaa\xbb\xcc\xdd" "\x03", 11);
	fc_add(&pk[k], 0xd4, 0);
	tb_bytes(&pk[k++], STA, 6);
	/* an unknown bit ends the header's fields */
	radiotap(&pk[k], "\x00\x00\x40\x00", 4, "\x00\x00\x00\x00", 4);
	fc_add(&pk[k], 0xd4, 0);
	tb_bytes(&pk[k++], STA, 6);
	/* a field past the header's length */
	radiotap(&pk[k], "\x01\x00\x00\x00", 4, "\x00\x00\x00", 3);
	fc_add(&pk[k], 0xd4, 0);
	tb_bytes(&pk[k++], STA, 6);
	RUN("radiotap", DLT_IEEE802_11_RADIO, &o_n, k, want_radiotap);
	RUN("radiotap-ev", DLT_IEEE802_11_RADIO, &o_ev, k, want_radiotap_ev);
	RUN("radiotap-x", DLT_IEEE802_11_RADIO, &o_x, k, want_radiotap_x);
}

static void test_prism_avs_ppi(void)
{
	size_t k = 0;

	/* Prism: 144 octets, then an acknowledgment */
	tb_init(&pk[k]);
	tb_be32(&pk[k], 0x00000041);
	tb_zero(&pk[k], 140);
	fc(&pk[k + 1], 0xd4, 0);
	tb_bytes(&pk[k + 1], STA, 6);
	tb_bytes(&pk[k], pk[k + 1].b, pk[k + 1].n);
	k++;
	/* AVS as Prism: the cookie, 64 octets */
	tb_init(&pk[k]);
	tb_be32(&pk[k], 0x80211001);
	tb_be32(&pk[k], 64);
	tb_zero(&pk[k], 56);
	fc(&pk[k + 1], 0xc4, 0);
	tb_bytes(&pk[k + 1], AP, 6);
	tb_bytes(&pk[k], pk[k + 1].b, pk[k + 1].n);
	k++;
	/* Prism cut in its header */
	tb_init(&pk[k]);
	tb_zero(&pk[k++], 100);
	RUN("prism", DLT_PRISM_HEADER, &o_n, k, want_prism);
	RUN("prism-e", DLT_PRISM_HEADER, &o_e, k, want_prism_e);

	k = 0;
	tb_init(&pk[k]); /* AVS, a header length too short */
	tb_be32(&pk[k], 0x80211001);
	tb_be32(&pk[k++], 4);
	tb_init(&pk[k]); /* AVS, a data frame */
	tb_be32(&pk[k], 0x80211002);
	tb_be32(&pk[k], 8);
	fc(&pk[k + 1], 0x0108, 44);
	tb_bytes(&pk[k + 1], AP, 6);
	tb_bytes(&pk[k + 1], STA, 6);
	tb_bytes(&pk[k + 1], FAR, 6);
	le16(&pk[k + 1], 0x0010);
	snap_echo(&pk[k + 1]);
	tb_bytes(&pk[k], pk[k + 1].b, pk[k + 1].n);
	k++;
	RUN("avs", DLT_IEEE802_11_RADIO_AVS, &o_e, k, want_avs);

	k = 0;
	tb_init(&pk[k]); /* PPI, an 802.11 frame */
	tb_bytes(&pk[k], "\x00\x00\x0c\x00\x69\x00\x00\x00", 8);
	tb_bytes(&pk[k], "\x02\x00\x00\x00", 4);
	fc(&pk[k + 1], 0xd4, 0);
	tb_bytes(&pk[k + 1], STA, 6);
	tb_bytes(&pk[k], pk[k + 1].b, pk[k + 1].n);
	k++;
	tb_init(&pk[k]); /* PPI, a link type without a printer */
	tb_bytes(&pk[k], "\x00\x00\x08\x00\x0f\x27\x00\x00", 8);
	tb_str(&pk[k++], "payload");
	tb_init(&pk[k]); /* PPI, a length out of range */
	tb_bytes(&pk[k++], "\x00\x00\x04\x00\x69\x00\x00\x00", 8);
	tb_init(&pk[k]); /* PPI, Ethernet */
	tb_bytes(&pk[k], "\x00\x00\x08\x00\x01\x00\x00\x00", 8);
	tb_eth(&pk[k], "02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800);
	{
		size_t ip = tb_ip4(&pk[k], 1, "10.0.0.1", "10.0.0.2"),
		       l4 = pk[k].n;

		tb_bytes(&pk[k], "\x08\x00\x00\x00\x00\x07\x00\x01", 8);
		tb_ip4_done(&pk[k], ip);
		tb_l4_done(&pk[k], ip, l4, 1);
	}
	k++;
	RUN("ppi", DLT_PPI, &o_n, k, want_ppi);
	RUN("ppi-e", DLT_PPI, &o_e, k, want_ppi_e);
	RUN("ppi-x", DLT_PPI, &o_x, k, want_ppi_x);
}

/*
 * Every status code (in association responses) and reason code (in
 * deauthentications) to 299, and the largest: capture/gen-802_11-codes
 * makes the printer's tables from what tcpdump prints for these.
 */
#define NCODES 301
static struct tb codes[NCODES];

static void code_frames(unsigned subtype)
{
	for (unsigned i = 0; i < NCODES; i++) {
		unsigned v = i < NCODES - 1 ? i : 0xffff;

		mgmt(&codes[i], subtype, STA, AP);
		if (subtype == 0x1) /* capability, status, AID */
			le16(&codes[i], 0x0011);
		le16(&codes[i], v);
		if (subtype == 0x1)
			le16(&codes[i], 0xc001);
	}
}

static void test_codes(void)
{
	struct tp p;

	code_frames(0x1);
	tp_init(&p, "wlan-status", DLT_IEEE802_11, &o_n);
	CU_ASSERT_EQUAL(tp_run(&p, codes, NCODES, want_wlan_status,
			       TP_N(want_wlan_status)), 0);
	tp_release(&p);
	code_frames(0xc);
	tp_init(&p, "wlan-reason", DLT_IEEE802_11, &o_n);
	CU_ASSERT_EQUAL(tp_run(&p, codes, NCODES, want_wlan_reason,
			       TP_N(want_wlan_reason)), 0);
	tp_release(&p);
}

static CU_TestInfo tests[] = {
	{ "802.11 status and reason codes", test_codes },
	{ "802.11 control frames", test_control },
	{ "802.11 management frames", test_mgmt },
	{ "802.11 data frames, -H", test_data },
	{ "radiotap fields and namespaces", test_radiotap },
	{ "Prism, AVS and PPI", test_prism_avs_ppi },
	CU_TEST_INFO_NULL,
};

static int set_utc(void)
{
	if (setenv("TZ", "UTC", 1) < 0)
		return -1;
	tzset();
	return 0;
}

TU_SUITE("print-wlan", set_utc, NULL, tests);
