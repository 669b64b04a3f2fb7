/* craft.c: frames built byte by byte: AF_PACKET injection, TCP segments (RFC 9293) with their checksums (RFC 1071) over raw IP sockets. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netns/actor.h"
#include "netns/craft.h"
#include "netns/ns-int.h"

/* Sums 16-bit big-endian words; an odd last byte is padded with zero. */
static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

uint16_t ns_cksum(const void *p, size_t len, uint32_t sum)
{
	return (uint16_t)~sum16(p, len, sum);
}

int ns_inject(char *err, struct ns_host *h, const char *ifname,
	      const uint8_t *frame, size_t len)
{
	struct sockaddr_ll ll;
	int ifindex, mtu, fd, saved, rc;
	ssize_t n;

	if ((ifindex = ns_ifindex(err, h, ifname)) < 0)
		return ifindex;
	if ((mtu = ns_link_mtu(err, h, ifname)) < 0)
		return mtu;
	if (len < ETH_HLEN || len > (size_t)mtu + ETH_HLEN)
		return hx_err(err, -EMSGSIZE,
			      "cannot inject a frame of %zu bytes on '%s' in host '%s': a frame is %d to %d bytes there (mtu %d)",
			      len, ifname, h->name, ETH_HLEN, mtu + ETH_HLEN,
			      mtu);
	if ((rc = ns_enter(err, h->fd, &saved)) < 0)
		return rc;
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	rc = fd < 0 ? -errno : 0;
	if (ns_leave(err, &saved) < 0) {
		if (fd >= 0)
			close(fd);
		return -EIO;
	}
	if (rc < 0)
		return hx_err(err, rc, "cannot open a packet socket in host '%s': %s",
			      h->name, strerrordesc_np(-rc));
	memset(&ll, 0, sizeof(ll));
	ll.sll_family = AF_PACKET;
	ll.sll_ifindex = ifindex;
	ll.sll_halen = ETH_ALEN;
	memcpy(ll.sll_addr, frame, ETH_ALEN);
	/* Protocol 0 in socket() receives nothing: the socket only sends. */
	n = sendto(fd, frame, len, 0, (struct sockaddr *)&ll, sizeof(ll));
	rc = n < 0 ? -errno : 0;
	close(fd);
	if (rc < 0)
		return hx_err(err, rc, "cannot inject a frame on '%s' in host '%s': %s",
			      ifname, h->name, strerrordesc_np(-rc));
	if ((size_t)n != len)
		return hx_err(err, -EIO, "injected %zd of %zu bytes on '%s' in host '%s'",
			      n, len, ifname, h->name);
	return 0;
}

/* tcpdump's letters in its order (print-tcp.c's flag table). */
static const char flag_letters[] = "FSRP.UEW";

static const struct {
	const char *name;
	uint8_t bit;
} flag_names[] = {
	{ "fin", NS_TH_FIN },	   { "syn", NS_TH_SYN },
	{ "rst", NS_TH_RST },	   { "push", NS_TH_PUSH },
	{ "psh", NS_TH_PUSH },	   { "ack", NS_TH_ACK },
	{ "urg", NS_TH_URG },	   { "ece", NS_TH_ECE },
	{ "cwr", NS_TH_CWR },	   { "tcp-fin", NS_TH_FIN },
	{ "tcp-syn", NS_TH_SYN },  { "tcp-rst", NS_TH_RST },
	{ "tcp-push", NS_TH_PUSH }, { "tcp-ack", NS_TH_ACK },
	{ "tcp-urg", NS_TH_URG },  { "tcp-ece", NS_TH_ECE },
	{ "tcp-cwr", NS_TH_CWR },
};

int ns_tcp_flags_parse(const char *s, size_t *bad)
{
	size_t i, j, n;
	int v = 0;

	*bad = 0;
	if (!strcasecmp(s, "none"))
		return 0;
	if (!*s)
		return -EINVAL;
	if (strpbrk(s, "|,") || (strlen(s) > 1 && islower((unsigned char)s[0]) &&
				 strcmp(s, ".") != 0)) {
		/* names: syn|ack */
		for (i = 0; s[i];) {
			n = strcspn(s + i, "|,");
			for (j = 0; j < sizeof(flag_names) / sizeof(flag_names[0]); j++)
				if (strlen(flag_names[j].name) == n &&
				    !strncasecmp(s + i, flag_names[j].name, n))
					break;
			if (n == 0 || j == sizeof(flag_names) / sizeof(flag_names[0])) {
				*bad = i;
				return -EINVAL;
			}
			v |= flag_names[j].bit;
			i += n;
			if (s[i]) {
				if (!s[++i]) {
					*bad = i;
					return -EINVAL;
				}
			}
		}
		return v;
	}
	for (i = 0; s[i]; i++) {
		const char *at = strchr(flag_letters, s[i]);

		if (!at) {
			*bad = i;
			return -EINVAL;
		}
		v |= 1 << (at - flag_letters);
	}
	return v;
}

static const struct {
	const char *name;
	int kind;	/* -1: not a TCP option kind of its own */
	int arity;
} opts[] = {
	{ "eol", 0, 0 },    { "nop", 1, 0 },	{ "mss", 2, 1 },
	{ "wscale", 3, 1 }, { "sackOK", 4, 0 }, { "sack", 5, NS_TCPOPT_PAIRS },
	{ "ts", 8, 2 },	    { "raw", -1, 1 },
};

static int opt_index(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(name, opts[i].name))
			return (int)i;
	return -1;
}

int ns_tcpopt_arity(const char *name)
{
	int i = opt_index(name);

	return i < 0 ? -1 : opts[i].arity;
}

static void put32(struct hx_buf *o, uint32_t v)
{
	uint8_t b[4] = { v >> 24, v >> 16, v >> 8, v };

	hx_buf_put(o, b, 4);
}

int ns_tcpopt_put(char *err, struct hx_buf *o, const char *name,
		  const uint32_t *arg, size_t nargs)
{
	int i = opt_index(name);
	uint8_t b[2];
	size_t k;

	if (i < 0 || opts[i].kind < 0)
		return hx_err(err, -EINVAL, "unknown TCP option '%s'", name);
	if (opts[i].arity == NS_TCPOPT_PAIRS) {
		if (nargs < 2 || nargs > 8 || nargs % 2)
			return hx_err(err, -EINVAL,
				      "TCP option 'sack' takes 1 to 4 blocks L:R");
	} else if ((int)nargs != opts[i].arity) {
		return hx_err(err, -EINVAL, "TCP option '%s' takes %d value%s",
			      name, opts[i].arity, opts[i].arity == 1 ? "" : "s");
	}
	b[0] = (uint8_t)opts[i].kind;
	switch (opts[i].kind) {
	case 0:
	case 1:
		hx_buf_put(o, b, 1);
		break;
	case 2:
		if (arg[0] > 0xffff)
			return hx_err(err, -EINVAL, "mss %u is over 65535", arg[0]);
		b[1] = 4;
		hx_buf_put(o, b, 2);
		hx_buf_putc(o, (char)(arg[0] >> 8));
		hx_buf_putc(o, (char)arg[0]);
		break;
	case 3:
		if (arg[0] > 255)
			return hx_err(err, -EINVAL, "wscale %u is over 255", arg[0]);
		b[1] = 3;
		hx_buf_put(o, b, 2);
		hx_buf_putc(o, (char)arg[0]);
		break;
	case 4:
		b[1] = 2;
		hx_buf_put(o, b, 2);
		break;
	case 5:
		b[1] = (uint8_t)(2 + 4 * nargs);
		hx_buf_put(o, b, 2);
		for (k = 0; k < nargs; k++)
			put32(o, arg[k]);
		break;
	case 8:
		b[1] = 10;
		hx_buf_put(o, b, 2);
		put32(o, arg[0]);
		put32(o, arg[1]);
		break;
	}
	return o->oom ? hx_err(err, -ENOMEM, "out of memory") : 0;
}

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32at(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

int ns_tcpseg_build(char *err, const struct ns_tcpseg *s,
		    const struct sockaddr_storage *src,
		    const struct sockaddr_storage *dst, struct hx_buf *out)
{
	int v6 = dst->ss_family == AF_INET6;
	size_t iphl = v6 ? 40 : 20, optlen = (s->optlen + 3) & ~(size_t)3;
	size_t thl = 20 + optlen, total = iphl + thl + s->len, start;
	const uint8_t *sa, *da;
	size_t alen = v6 ? 16 : 4;
	uint8_t *ip, *th;
	uint32_t sum;

	if (src->ss_family != dst->ss_family)
		return hx_err(err, -EINVAL,
			      "a TCP segment from an IPv%d address to an IPv%d one",
			      v6 ? 4 : 6, v6 ? 6 : 4);
	if (s->optlen > NS_TCPOPT_MAX)
		return hx_err(err, -EINVAL,
			      "TCP options of %zu bytes: at most %d fit in a header",
			      s->optlen, NS_TCPOPT_MAX);
	if ((v6 ? thl + s->len : total) > 65535)
		return hx_err(err, -EINVAL, "a TCP segment of %zu bytes is too long",
			      thl + s->len);
	if (v6) {
		sa = (const uint8_t *)&((const struct sockaddr_in6 *)src)->sin6_addr;
		da = (const uint8_t *)&((const struct sockaddr_in6 *)dst)->sin6_addr;
	} else {
		sa = (const uint8_t *)&((const struct sockaddr_in *)src)->sin_addr;
		da = (const uint8_t *)&((const struct sockaddr_in *)dst)->sin_addr;
	}
	start = out->len;
	if (hx_buf_grow(out, total) < 0)
		return hx_err(err, -ENOMEM, "out of memory");
	ip = (uint8_t *)out->p + start;
	memset(ip, 0, total);
	if (v6) {
		ip[0] = 0x60;
		put16(ip + 4, (unsigned)(thl + s->len));
		ip[6] = IPPROTO_TCP;
		ip[7] = s->ttl ? s->ttl : 64;
		memcpy(ip + 8, sa, 16);
		memcpy(ip + 24, da, 16);
	} else {
		ip[0] = 0x45;
		put16(ip + 2, (unsigned)total);
		put16(ip + 4, 1);	/* an id: the kernel keeps a non-zero one */
		put16(ip + 6, 0x4000);	/* DF, as Linux sends TCP */
		ip[8] = s->ttl ? s->ttl : 64;
		ip[9] = IPPROTO_TCP;
		memcpy(ip + 12, sa, 4);
		memcpy(ip + 16, da, 4);
		put16(ip + 10, ns_cksum(ip, 20, 0));
	}
	th = ip + iphl;
	put16(th, s->sport ? s->sport : NS_TCPSEG_SPORT);
	put16(th + 2, s->dport);
	put32at(th + 4, s->seq);
	put32at(th + 8, s->ack);
	th[12] = (uint8_t)((thl / 4) << 4);
	th[13] = s->flags;
	put16(th + 14, s->win);
	put16(th + 18, s->urp);
	if (s->optlen)
		memcpy(th + 20, s->opts, s->optlen);
	if (s->len)
		memcpy(th + thl, s->data, s->len);
	/* The pseudo-header (RFC 9293 3.1, RFC 8200 8.1): both addresses,
	 * the protocol and the TCP length. */
	sum = sum16(sa, alen, 0);
	sum = sum16(da, alen, sum);
	sum += IPPROTO_TCP;
	sum += (uint32_t)(thl + s->len);
	put16(th + 16, ns_cksum(th, thl + s->len, sum));
	out->len = start + total;
	out->p[out->len] = '\0';
	return (int)total;
}

/* The source address the host's routes give towards dst: a UDP socket's
 * connect picks it, and sends nothing. */
static int route_src(char *err, const char *host,
		     const struct sockaddr_storage *dst, socklen_t dlen,
		     struct sockaddr_storage *src)
{
	socklen_t slen = sizeof(*src);
	int fd, rc = 0;

	fd = socket(dst->ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return hx_err(err, -errno, "cannot open a socket in host '%s': %s",
			      host, strerrordesc_np(errno));
	if (connect(fd, (const struct sockaddr *)dst, dlen) < 0 ||
	    getsockname(fd, (struct sockaddr *)src, &slen) < 0)
		rc = -errno;
	close(fd);
	if (rc < 0)
		return hx_err(err, rc, "no route from host '%s': %s", host,
			      strerrordesc_np(-rc));
	return 0;
}

int ns_tcpseg_send(char *err, struct ns_host *h, const struct ns_tcpseg *s)
{
	struct sockaddr_storage src, dst;
	struct hx_buf pkt = HX_BUF_INIT;
	char why[HX_ERRLEN];
	int saved, fd = -1, rc, dlen, slen;
	ssize_t n;

	if ((rc = ns_enter(err, h->fd, &saved)) < 0)
		return rc;
	/* Parsed inside the host: "fe80::1%eth0" names its interface. */
	dlen = ns_addr_parse(why, s->dst, 0, &dst);
	if (dlen < 0) {
		rc = hx_err(err, dlen, "%s", why);
		goto out;
	}
	if (s->src) {
		slen = ns_addr_parse(why, s->src, 0, &src);
		if (slen < 0) {
			rc = hx_err(err, slen, "%s", why);
			goto out;
		}
	} else if ((rc = route_src(err, h->name, &dst, (socklen_t)dlen,
				   &src)) < 0) {
		goto out;
	}
	if ((rc = ns_tcpseg_build(err, s, &src, &dst, &pkt)) < 0)
		goto out;
	fd = socket(dst.ss_family, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
	if (fd < 0) {
		rc = hx_err(err, -errno, "cannot open a raw socket in host '%s': %s",
			    h->name, strerrordesc_np(errno));
		goto out;
	}
	/* A raw IPv6 socket sends to port 0 (sin6_port must be 0 there). */
	if (dst.ss_family == AF_INET6)
		((struct sockaddr_in6 *)&dst)->sin6_port = 0;
	n = sendto(fd, pkt.p, pkt.len, 0, (struct sockaddr *)&dst,
		   (socklen_t)dlen);
	if (n < 0)
		rc = hx_err(err, -errno, "cannot send a TCP segment from host '%s' to '%s': %s",
			    h->name, s->dst, strerrordesc_np(errno));
	else
		rc = 0;
out:
	if (fd >= 0)
		close(fd);
	hx_buf_release(&pkt);
	if (ns_leave(why, &saved) < 0 && rc == 0)
		rc = hx_err(err, -EIO, "%s", why);
	return rc;
}
