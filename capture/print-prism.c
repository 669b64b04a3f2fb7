/* print-prism.c: the Prism and AVS radio headers before an 802.11 frame (DLT_PRISM_HEADER, DLT_IEEE802_11_RADIO_AVS). */
/*
 * Neither header is decoded (tcpdump 4.99.3 shows neither): they are
 * passed over to the 802.11 frame.
 *
 * The Prism monitor header of the linux-wlan-ng driver is 144 octets:
 * a message code and length, the device name, then ten DID items
 * (host time, MAC time, channel, RSSI, SQ, signal, noise, rate, istx,
 * frame length).
 *
 * The AVS capture header (the wlan-ng "wlancap" version 1 or 2) starts
 * with a big-endian version cookie and its own length:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     version: 0x80211001 or 0x80211002                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     header length (the 802.11 frame follows it)               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     MAC time, host time, PHY type, channel, rate, antenna,    |
 *  |     priority, SSI type, signal, noise, preamble, encoding     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Linux has no ARPHRD_ type of its own for AVS: such frames come as
 * Prism ones, told apart by the cookie.
 */
#include "capture/print-int.h"

#define PRISM_HDRLEN 144
#define AVS_COOKIE_V1 0x80211001u
#define AVS_COOKIE_V2 0x80211002u

/* The AVS header and the frame; *hdrlen: what -x passes over. */
static int avs_body_print(struct pr_ctx *c, const uint8_t *p,
			  unsigned length, unsigned caplen, unsigned *hdrlen)
{
	unsigned frame_len;
	uint32_t len;
	int rc;

	c->proto = "802.11_radio_avs";
	*hdrlen = caplen;
	if (caplen < 8) {
		pr_trunc(c);
		return 0;
	}
	PR_BE32(c, p + 4, len);
	if (len < 8 || caplen < len) {
		pr_trunc(c);
		return 0;
	}
	rc = wlan_frame_print(c, p + len, length - len, caplen - len, 0, 0,
			      &frame_len);
	*hdrlen = len + frame_len;
	return rc;
}

int avs_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned hdrlen;
	int rc = avs_body_print(c, p, length, c->h->caplen, &hdrlen);

	c->ll_hdr_len = hdrlen;
	return rc;
}

int prism_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = c->h->caplen, hdrlen;
	uint32_t code;
	int rc;

	c->proto = "prism";
	c->ll_hdr_len = caplen;
	if (caplen < 4) {
		pr_trunc(c);
		return 0;
	}
	PR_BE32(c, p, code);
	if (code == AVS_COOKIE_V1 || code == AVS_COOKIE_V2)
		return avs_print(c, p, length);
	if (caplen < PRISM_HDRLEN) {
		pr_trunc(c);
		return 0;
	}
	rc = wlan_frame_print(c, p + PRISM_HDRLEN, length - PRISM_HDRLEN,
			      caplen - PRISM_HDRLEN, 0, 0, &hdrlen);
	c->ll_hdr_len = PRISM_HDRLEN + hdrlen;
	return rc;
}
