/* pr-dump.h: the -x/-X/-A payload dumps and character printing of the printers (pr-dump.c). */
#ifndef CAP_PR_DUMP_H
#define CAP_PR_DUMP_H

#include <stdint.h>

/* Included by print-int.h, which defines struct pr_ctx. */
struct pr_ctx;

/* tcpdump's hex_print / hex_and_ascii_print / ascii_print of what was captured. */
void pr_hex_dump(struct pr_ctx *c, const char *indent, const uint8_t *p,
		 unsigned len);
void pr_hexascii_dump(struct pr_ctx *c, const char *indent, const uint8_t *p,
		      unsigned len);
void pr_ascii_dump(struct pr_ctx *c, const uint8_t *p, unsigned len);
/* ND_DEFAULTPRINT: hex and ASCII of an unknown payload, unless -q/-x/-X. */
void pr_default(struct pr_ctx *c, const uint8_t *p, unsigned caplen);
/*
 * print_unknown_data: hex of at most what was captured; 0 (after a
 * "Dissector error" line) when p is past the end, 1 otherwise.
 */
int pr_unknown_data(struct pr_ctx *c, const uint8_t *p, const char *indent,
		     unsigned len);
/* One character the way tcpdump's fn_print_char shows it (M- and ^). */
void pr_char(struct pr_ctx *c, uint8_t ch);
/*
 * nd_printjnp: up to n characters, stopping at a NUL; PR_STOP (the marker
 * printed) when the capture ends first, else 0.
 */
int pr_printjnp(struct pr_ctx *c, const uint8_t *p, unsigned n);
/* nd_printn: up to n characters, stopping at the capture's end; 1 if cut. */
int pr_printn(struct pr_ctx *c, const uint8_t *p, unsigned n);
/*
 * nd_printztn: a NUL-terminated string of at most n bytes; the bytes it
 * took, its NUL included, or 0 when n or the capture ended first.
 */
unsigned pr_printztn(struct pr_ctx *c, const uint8_t *p, unsigned n);

#endif
