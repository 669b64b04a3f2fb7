/* pr-names.h: the printer's names of ports, protocols and hosts, and how addresses print (pr-names.c). */
#ifndef CAP_PR_NAMES_H
#define CAP_PR_NAMES_H

#include <stdint.h>

/* Included by print-int.h, which defines struct pr_ctx and PR_COPY. */
struct pr_ctx;

/*
 * Loads the /etc/services and /etc/protocols names (and the time zone)
 * once for the process; any thread, any number of times (pr_new).
 */
void pr_names_init(void);
/* Frees the hosts pr_name_add named (pr_free). */
void pr_names_release(struct pr_ctx *c);

void pr_ip4(struct pr_ctx *c, const uint8_t a[4]);  /* name or dotted quad */
void pr_ip6(struct pr_ctx *c, const uint8_t a[16]); /* name or RFC 5952-ish */
void pr_ip4_num(struct pr_ctx *c, const uint8_t a[4]);
/* pr_ip4 right-aligned in width columns (printf's "%15s" of it). */
void pr_ip4_right(struct pr_ctx *c, const uint8_t a[4], unsigned width);
void pr_ip6_num(struct pr_ctx *c, const uint8_t a[16]);
void pr_mac(struct pr_ctx *c, const uint8_t m[6]);
void pr_linkaddr(struct pr_ctx *c, const uint8_t *a, unsigned len); /* a is a copy */
void pr_tcpport(struct pr_ctx *c, unsigned port);
void pr_udpport(struct pr_ctx *c, unsigned port);
/*
 * "src.sport > dst.dport: " for the TCP (6) or UDP (17) header under
 * c->iph, ports named as tcpdump names them; cached per flow, as traffic
 * repeats its flows. 0 or PR_STOP.
 */
int pr_flow_print(struct pr_ctx *c, unsigned proto, unsigned sport,
		  unsigned dport);
/* /etc/protocols name of an IP protocol, or NULL (not with -n). */
const char *pr_protoname(const struct pr_ctx *c, unsigned proto);

/*
 * Reads an address from the packet, then prints prefix and the address;
 * stops (printing nothing of either) when the address was not captured.
 * tcpdump evaluates its GET_ macros as printf arguments, before anything
 * of that printf is printed: a literal sharing a printf with an address
 * must go in prefix, or a short capture would print it alone.
 */
#define PR_IP4(c, prefix, p)                                             \
	do {                                                             \
		uint8_t a4_[4];                                          \
		PR_COPY(c, p, a4_, 4);                                   \
		pr_puts(c, prefix);                                      \
		pr_ip4(c, a4_);                                          \
	} while (0)
#define PR_IP6(c, prefix, p)                                             \
	do {                                                             \
		uint8_t a6_[16];                                         \
		PR_COPY(c, p, a6_, 16);                                  \
		pr_puts(c, prefix);                                      \
		pr_ip6(c, a6_);                                          \
	} while (0)
#define PR_MAC(c, prefix, p)                                             \
	do {                                                             \
		uint8_t m_[6];                                           \
		PR_COPY(c, p, m_, 6);                                    \
		pr_puts(c, prefix);                                      \
		pr_mac(c, m_);                                           \
	} while (0)

#endif
