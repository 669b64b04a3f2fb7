/* print-esp.c: the IPsec Encapsulating Security Payload header (RFC 4303), IP protocol 50. */
/*
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Security Parameters Index (SPI)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Sequence Number                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Payload Data (encrypted) ...               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The payload is encrypted: without tcpdump's -E secret (which dumplab
 * does not take) tcpdump prints the header only, and so does this.
 */
#include "capture/print-int.h"

#define ESP_HDRLEN 8

int esp_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint32_t spi, seq;

	c->proto = "esp";
	/* tcpdump wants more than the header itself captured */
	if (!pr_has(c, bp, ESP_HDRLEN + 1)) {
		pr_trunc(c);
		return 0;
	}
	PR_BE32(c, bp, spi);
	PR_BE32(c, bp + 4, seq);
	pr_printf(c, "ESP(spi=0x%08x,seq=0x%x), length %u", spi, seq, length);
	return 0;
}

/*
 * UDP port 4500 (RFC 3948): a NAT keep-alive (one 0xff byte), IKE after
 * four zero bytes (the non-ESP marker), or ESP.
 */
int esp_natt_print(struct pr_ctx *c, const uint8_t *bp, unsigned length)
{
	uint32_t marker;
	uint8_t b;

	c->proto = "isakmp_rfc3948";
	if (length == 1) {
		PR_U8(c, bp, b);
		if (b == 0xff) {
			pr_puts(c, "isakmp-nat-keep-alive");
			return 0;
		}
	}
	if (length < 4) {
		pr_trunc(c);
		return 0;
	}
	PR_BE32(c, bp, marker);
	if (marker == 0) {
		pr_puts(c, "NONESP-encap: ");
		return isakmp_print(c, bp + 4, length - 4);
	}
	pr_puts(c, "UDP-encap: ");
	return esp_print(c, bp, length);
}
