/* print-netlink.c: netlink captures (DLT_NETLINK): the cooked header, then each message by type and family. */
#define _GNU_SOURCE 1 /* strerrordesc_np */
/*
 * The record (libpcap's LINKTYPE_NETLINK, what nlmon and dumplab's libnl
 * tap write), all but the messages in network order:
 *
 *  +---------------------------+
 *  | packet type (2)           |  0 to the socket (In), 4 from it (Out)
 *  | ARPHRD_NETLINK, 824 (2)   |
 *  | address length (2)        |
 *  | address (8)               |
 *  | netlink protocol (2)      |  NETLINK_ROUTE 0, NETLINK_GENERIC 16, ...
 *  +---------------------------+
 *  | messages (RFC 3549), in the byte order of the host that wrote them:
 *  |   length (4) type (2) flags (2) sequence (4) port id (4) payload
 *  +---------------------------+
 *
 * tcpdump 4.99 has no printer for this link type (it prints UNSUPPORTED
 * and a hex dump); this one names each message and decodes the rtnetlink
 * families (links, addresses, routes, neighbours) and acks/errors, e.g.
 *
 *   NETLINK route Out, RTM_NEWADDR [request,ack,excl,create], seq 7,
 *     pid 0, length 40: family inet, 10.0.0.1/24, ifindex 2, scope global
 *
 * -v puts each message on a line of its own and lists every attribute.
 */
#include "capture/print-int.h"

#include <string.h>
#include <sys/socket.h>

#define COOKED_LEN 16
#define NLMSG_HDRLEN_ 16
#define NLA_HDRLEN_ 4
#define ALIGN4(n) (((n) + 3u) & ~3u)

#define NLMSG_ERROR_ 2
#define NLMSG_DONE_ 3

static const struct pr_tok proto_names[] = {
	{ 0, "route" }, { 2, "usersock" }, { 3, "firewall" },
	{ 4, "sock_diag" }, { 5, "nflog" }, { 6, "xfrm" }, { 7, "selinux" },
	{ 8, "iscsi" }, { 9, "audit" }, { 10, "fib_lookup" },
	{ 11, "connector" }, { 12, "netfilter" }, { 13, "ip6_fw" },
	{ 14, "dnrtmsg" }, { 15, "kobject_uevent" }, { 16, "generic" },
	{ 18, "scsitransport" }, { 19, "ecryptfs" }, { 20, "rdma" },
	{ 21, "crypto" }, { 22, "smc" }, { 0, NULL },
};

static const struct pr_tok nlmsg_names[] = {
	{ 1, "NLMSG_NOOP" }, { 2, "NLMSG_ERROR" }, { 3, "NLMSG_DONE" },
	{ 4, "NLMSG_OVERRUN" }, { 0, NULL },
};

/* rtnetlink message types (linux/rtnetlink.h). */
static const struct pr_tok rtm_names[] = {
	{ 16, "RTM_NEWLINK" }, { 17, "RTM_DELLINK" }, { 18, "RTM_GETLINK" },
	{ 19, "RTM_SETLINK" }, { 20, "RTM_NEWADDR" }, { 21, "RTM_DELADDR" },
	{ 22, "RTM_GETADDR" }, { 24, "RTM_NEWROUTE" }, { 25, "RTM_DELROUTE" },
	{ 26, "RTM_GETROUTE" }, { 28, "RTM_NEWNEIGH" }, { 29, "RTM_DELNEIGH" },
	{ 30, "RTM_GETNEIGH" }, { 32, "RTM_NEWRULE" }, { 33, "RTM_DELRULE" },
	{ 34, "RTM_GETRULE" }, { 36, "RTM_NEWQDISC" }, { 37, "RTM_DELQDISC" },
	{ 38, "RTM_GETQDISC" }, { 40, "RTM_NEWTCLASS" },
	{ 41, "RTM_DELTCLASS" }, { 42, "RTM_GETTCLASS" },
	{ 44, "RTM_NEWTFILTER" }, { 45, "RTM_DELTFILTER" },
	{ 46, "RTM_GETTFILTER" }, { 48, "RTM_NEWACTION" },
	{ 49, "RTM_DELACTION" }, { 50, "RTM_GETACTION" },
	{ 52, "RTM_NEWPREFIX" }, { 58, "RTM_GETMULTICAST" },
	{ 62, "RTM_GETANYCAST" }, { 64, "RTM_NEWNEIGHTBL" },
	{ 66, "RTM_GETNEIGHTBL" }, { 67, "RTM_SETNEIGHTBL" },
	{ 68, "RTM_NEWNDUSEROPT" }, { 72, "RTM_NEWADDRLABEL" },
	{ 73, "RTM_DELADDRLABEL" }, { 74, "RTM_GETADDRLABEL" },
	{ 78, "RTM_GETDCB" }, { 79, "RTM_SETDCB" }, { 80, "RTM_NEWNETCONF" },
	{ 81, "RTM_DELNETCONF" }, { 82, "RTM_GETNETCONF" },
	{ 84, "RTM_NEWMDB" }, { 85, "RTM_DELMDB" }, { 86, "RTM_GETMDB" },
	{ 88, "RTM_NEWNSID" }, { 89, "RTM_DELNSID" }, { 90, "RTM_GETNSID" },
	{ 92, "RTM_NEWSTATS" }, { 94, "RTM_GETSTATS" },
	{ 100, "RTM_NEWCHAIN" }, { 101, "RTM_DELCHAIN" },
	{ 102, "RTM_GETCHAIN" }, { 104, "RTM_NEWNEXTHOP" },
	{ 105, "RTM_DELNEXTHOP" }, { 106, "RTM_GETNEXTHOP" },
	{ 0, NULL },
};

static const struct pr_tok family_names[] = {
	{ 0, "unspec" }, { 1, "unix" }, { 2, "inet" }, { 7, "bridge" },
	{ 10, "inet6" }, { 17, "packet" }, { 28, "mpls" }, { 0, NULL },
};

static const struct pr_tok iff_names[] = {
	{ 0x1, "UP" }, { 0x2, "BROADCAST" }, { 0x4, "DEBUG" },
	{ 0x8, "LOOPBACK" }, { 0x10, "POINTOPOINT" }, { 0x20, "NOTRAILERS" },
	{ 0x40, "RUNNING" }, { 0x80, "NOARP" }, { 0x100, "PROMISC" },
	{ 0x200, "ALLMULTI" }, { 0x400, "MASTER" }, { 0x800, "SLAVE" },
	{ 0x1000, "MULTICAST" }, { 0x2000, "PORTSEL" }, { 0x4000, "AUTOMEDIA" },
	{ 0x8000, "DYNAMIC" }, { 0x10000, "LOWER_UP" }, { 0x20000, "DORMANT" },
	{ 0x40000, "ECHO" }, { 0, NULL },
};

static const struct pr_tok arphrd_names[] = {
	{ 1, "ether" }, { 772, "loopback" }, { 776, "sit" }, { 778, "gre" },
	{ 65534, "none" }, { 768, "tunnel" }, { 769, "tunnel6" },
	{ 824, "netlink" }, { 0, NULL },
};

static const struct pr_tok scope_names[] = {
	{ 0, "global" }, { 200, "site" }, { 253, "link" }, { 254, "host" },
	{ 255, "nowhere" }, { 0, NULL },
};

static const struct pr_tok table_names[] = {
	{ 0, "unspec" }, { 252, "compat" }, { 253, "default" },
	{ 254, "main" }, { 255, "local" }, { 0, NULL },
};

static const struct pr_tok rtproto_names[] = {
	{ 0, "unspec" }, { 1, "redirect" }, { 2, "kernel" }, { 3, "boot" },
	{ 4, "static" }, { 0, NULL },
};

static const struct pr_tok rtn_names[] = {
	{ 0, "unspec" }, { 1, "unicast" }, { 2, "local" }, { 3, "broadcast" },
	{ 4, "anycast" }, { 5, "multicast" }, { 6, "blackhole" },
	{ 7, "unreachable" }, { 8, "prohibit" }, { 9, "throw" }, { 10, "nat" },
	{ 0, NULL },
};

static const struct pr_tok nud_names[] = {
	{ 0x01, "INCOMPLETE" }, { 0x02, "REACHABLE" }, { 0x04, "STALE" },
	{ 0x08, "DELAY" }, { 0x10, "PROBE" }, { 0x20, "FAILED" },
	{ 0x40, "NOARP" }, { 0x80, "PERMANENT" }, { 0, NULL },
};

/* Attribute names of the families decoded here, for -v. */
static const struct pr_tok ifla_names[] = {
	{ 1, "IFLA_ADDRESS" }, { 2, "IFLA_BROADCAST" }, { 3, "IFLA_IFNAME" },
	{ 4, "IFLA_MTU" }, { 5, "IFLA_LINK" }, { 6, "IFLA_QDISC" },
	{ 7, "IFLA_STATS" }, { 10, "IFLA_MASTER" }, { 13, "IFLA_TXQLEN" },
	{ 16, "IFLA_OPERSTATE" }, { 17, "IFLA_LINKMODE" },
	{ 18, "IFLA_LINKINFO" }, { 19, "IFLA_NET_NS_PID" },
	{ 23, "IFLA_STATS64" }, { 26, "IFLA_AF_SPEC" }, { 27, "IFLA_GROUP" },
	{ 28, "IFLA_NET_NS_FD" }, { 29, "IFLA_EXT_MASK" },
	{ 30, "IFLA_PROMISCUITY" }, { 31, "IFLA_NUM_TX_QUEUES" },
	{ 32, "IFLA_NUM_RX_QUEUES" }, { 33, "IFLA_CARRIER" },
	{ 35, "IFLA_CARRIER_CHANGES" }, { 39, "IFLA_PROTO_DOWN" },
	{ 40, "IFLA_GSO_MAX_SEGS" }, { 41, "IFLA_GSO_MAX_SIZE" },
	{ 46, "IFLA_IF_NETNSID" }, { 50, "IFLA_MIN_MTU" },
	{ 51, "IFLA_MAX_MTU" }, { 0, NULL },
};

static const struct pr_tok ifa_names[] = {
	{ 1, "IFA_ADDRESS" }, { 2, "IFA_LOCAL" }, { 3, "IFA_LABEL" },
	{ 4, "IFA_BROADCAST" }, { 5, "IFA_ANYCAST" }, { 6, "IFA_CACHEINFO" },
	{ 7, "IFA_MULTICAST" }, { 8, "IFA_FLAGS" }, { 9, "IFA_RT_PRIORITY" },
	{ 0, NULL },
};

static const struct pr_tok rta_names[] = {
	{ 1, "RTA_DST" }, { 2, "RTA_SRC" }, { 3, "RTA_IIF" }, { 4, "RTA_OIF" },
	{ 5, "RTA_GATEWAY" }, { 6, "RTA_PRIORITY" }, { 7, "RTA_PREFSRC" },
	{ 8, "RTA_METRICS" }, { 9, "RTA_MULTIPATH" }, { 12, "RTA_CACHEINFO" },
	{ 15, "RTA_TABLE" }, { 16, "RTA_MARK" }, { 20, "RTA_PREF" },
	{ 0, NULL },
};

static const struct pr_tok nda_names[] = {
	{ 1, "NDA_DST" }, { 2, "NDA_LLADDR" }, { 3, "NDA_CACHEINFO" },
	{ 4, "NDA_PROBES" }, { 5, "NDA_VLAN" }, { 0, NULL },
};

/* One attribute, looked up by its type in a message's attribute area. */
struct nla {
	const uint8_t *val;
	unsigned len;
};

static int nla_find(struct pr_ctx *c, const uint8_t *p, unsigned len,
		    unsigned type, struct nla *out)
{
	while (len >= NLA_HDRLEN_) {
		uint16_t alen, atype;

		if (!pk_he16(&c->pk, p, &alen) || !pk_he16(&c->pk, p + 2, &atype))
			return 0;
		if (alen < NLA_HDRLEN_ || alen > len)
			return 0;
		if ((atype & 0x3fff) == type) {
			out->val = p + NLA_HDRLEN_;
			out->len = alen - NLA_HDRLEN_;
			return 1;
		}
		if (ALIGN4(alen) >= len)
			return 0;
		len -= ALIGN4(alen);
		p += ALIGN4(alen);
	}
	return 0;
}

/* A NUL-terminated string attribute, printed safely. */
static void nla_str(struct pr_ctx *c, const struct nla *a)
{
	unsigned i;
	uint8_t ch;

	for (i = 0; i < a->len && pk_u8(&c->pk, a->val + i, &ch) && ch; i++)
		pr_char(c, ch);
}

static int nla_u32(struct pr_ctx *c, const struct nla *a, uint32_t *v)
{
	return a->len >= 4 && pk_he32(&c->pk, a->val, v);
}

/* An address attribute of the message's family. */
static void nla_addr(struct pr_ctx *c, const struct nla *a, unsigned family)
{
	uint8_t buf[32];
	unsigned n = a->len < sizeof(buf) ? a->len : sizeof(buf);

	if (!pk_copy(&c->pk, a->val, buf, n)) {
		pr_puts(c, "?");
		return;
	}
	if (family == AF_INET && n == 4)
		pr_ip4(c, buf);
	else if (family == AF_INET6 && n == 16)
		pr_ip6(c, buf);
	else
		pr_linkaddr(c, buf, n);
}

/* -v: every attribute as NAME (len). */
static void attrs_list(struct pr_ctx *c, const uint8_t *p, unsigned len,
		       const struct pr_tok *names)
{
	int first = 1;

	while (len >= NLA_HDRLEN_) {
		uint16_t alen, atype;

		if (!pk_he16(&c->pk, p, &alen) || !pk_he16(&c->pk, p + 2, &atype))
			break;
		if (alen < NLA_HDRLEN_ || alen > len)
			break;
		pr_puts(c, first ? "\n\t  attrs: " : ", ");
		first = 0;
		if (names && pr_tok(names, atype & 0x3fff))
			pr_puts(c, pr_tok(names, atype & 0x3fff));
		else
			pr_printf(c, "type %u", atype & 0x3fff);
		pr_printf(c, " (%u)", alen - NLA_HDRLEN_);
		if (ALIGN4(alen) >= len)
			break;
		len -= ALIGN4(alen);
		p += ALIGN4(alen);
	}
}

static void family_print(struct pr_ctx *c, unsigned family)
{
	pr_puts(c, "family ");
	pr_tok_print(c, family_names, "%u", family);
}

static int link_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint16_t type;
	uint32_t index, flags, v;
	uint8_t family;
	struct nla a;

	if (len < 16) {
		if (len >= 1 && pk_u8(&c->pk, p, &family))
			family_print(c, family);
		return 0;
	}
	if (!pk_u8(&c->pk, p, &family) || !pk_he16(&c->pk, p + 2, &type) ||
	    !pk_he32(&c->pk, p + 4, &index) || !pk_he32(&c->pk, p + 8, &flags))
		return pr_stop(c);
	pr_printf(c, "ifindex %u", index);
	if (nla_find(c, p + 16, len - 16, 3, &a)) {
		pr_putc(c, ' ');
		nla_str(c, &a);
	}
	pr_puts(c, ", type ");
	pr_tok_print(c, arphrd_names, "%u", type);
	pr_puts(c, ", flags [");
	pr_bittok_print(c, iff_names, ",", "none", flags);
	pr_putc(c, ']');
	if (nla_find(c, p + 16, len - 16, 4, &a) && nla_u32(c, &a, &v))
		pr_printf(c, ", mtu %u", v);
	if (nla_find(c, p + 16, len - 16, 10, &a) && nla_u32(c, &a, &v))
		pr_printf(c, ", master %u", v);
	if (nla_find(c, p + 16, len - 16, 1, &a)) {
		pr_puts(c, ", address ");
		nla_addr(c, &a, 0);
	}
	if (nla_find(c, p + 16, len - 16, 18, &a)) {
		struct nla kind;

		if (nla_find(c, a.val, a.len, 1, &kind)) {
			pr_puts(c, ", kind ");
			nla_str(c, &kind);
		}
	}
	if (c->o.vflag)
		attrs_list(c, p + 16, len - 16, ifla_names);
	return 0;
}

static int addr_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t family, plen, scope;
	uint32_t index;
	struct nla a;

	if (len < 8) {
		if (len >= 1 && pk_u8(&c->pk, p, &family))
			family_print(c, family);
		return 0;
	}
	if (!pk_u8(&c->pk, p, &family) || !pk_u8(&c->pk, p + 1, &plen) ||
	    !pk_u8(&c->pk, p + 3, &scope) || !pk_he32(&c->pk, p + 4, &index))
		return pr_stop(c);
	family_print(c, family);
	if (nla_find(c, p + 8, len - 8, 2, &a) ||
	    nla_find(c, p + 8, len - 8, 1, &a)) {
		pr_puts(c, ", ");
		nla_addr(c, &a, family);
		pr_printf(c, "/%u", plen);
	}
	pr_printf(c, ", ifindex %u, scope ", index);
	pr_tok_print(c, scope_names, "%u", scope);
	if (nla_find(c, p + 8, len - 8, 3, &a)) {
		pr_puts(c, ", label ");
		nla_str(c, &a);
	}
	if (c->o.vflag)
		attrs_list(c, p + 8, len - 8, ifa_names);
	return 0;
}

static int route_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t family, dst_len, table, proto, scope, type;
	uint32_t v;
	struct nla a;

	if (len < 12) {
		if (len >= 1 && pk_u8(&c->pk, p, &family))
			family_print(c, family);
		return 0;
	}
	if (!pk_u8(&c->pk, p, &family) || !pk_u8(&c->pk, p + 1, &dst_len) ||
	    !pk_u8(&c->pk, p + 4, &table) || !pk_u8(&c->pk, p + 5, &proto) ||
	    !pk_u8(&c->pk, p + 6, &scope) || !pk_u8(&c->pk, p + 7, &type))
		return pr_stop(c);
	family_print(c, family);
	pr_puts(c, ", dst ");
	if (nla_find(c, p + 12, len - 12, 1, &a)) {
		nla_addr(c, &a, family);
		pr_printf(c, "/%u", dst_len);
	} else {
		pr_puts(c, "default");
	}
	if (nla_find(c, p + 12, len - 12, 5, &a)) {
		pr_puts(c, " via ");
		nla_addr(c, &a, family);
	}
	if (nla_find(c, p + 12, len - 12, 4, &a) && nla_u32(c, &a, &v))
		pr_printf(c, ", oif %u", v);
	if (nla_find(c, p + 12, len - 12, 15, &a) && nla_u32(c, &a, &v))
		table = v > 255 ? 0 : (uint8_t)v;
	pr_puts(c, ", table ");
	pr_tok_print(c, table_names, "%u", table);
	pr_puts(c, ", proto ");
	pr_tok_print(c, rtproto_names, "%u", proto);
	pr_puts(c, ", scope ");
	pr_tok_print(c, scope_names, "%u", scope);
	pr_puts(c, ", type ");
	pr_tok_print(c, rtn_names, "%u", type);
	if (c->o.vflag)
		attrs_list(c, p + 12, len - 12, rta_names);
	return 0;
}

static int neigh_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint8_t family;
	uint32_t index;
	uint16_t state;
	struct nla a;

	if (len < 12) {
		if (len >= 1 && pk_u8(&c->pk, p, &family))
			family_print(c, family);
		return 0;
	}
	if (!pk_u8(&c->pk, p, &family) || !pk_he32(&c->pk, p + 4, &index) ||
	    !pk_he16(&c->pk, p + 8, &state))
		return pr_stop(c);
	family_print(c, family);
	if (nla_find(c, p + 12, len - 12, 1, &a)) {
		pr_puts(c, ", ");
		nla_addr(c, &a, family);
	}
	if (nla_find(c, p + 12, len - 12, 2, &a)) {
		pr_puts(c, " lladdr ");
		nla_addr(c, &a, 0);
	}
	pr_printf(c, ", ifindex %u, state ", index);
	pr_bittok_print(c, nud_names, ",", "NONE", state);
	if (c->o.vflag)
		attrs_list(c, p + 12, len - 12, nda_names);
	return 0;
}

static void type_print(struct pr_ctx *c, unsigned proto, unsigned type)
{
	const char *s = pr_tok(nlmsg_names, type);

	if (!s && proto == 0)
		s = pr_tok(rtm_names, type);
	if (s)
		pr_puts(c, s);
	else
		pr_printf(c, "type %u", type);
}

/* Flag names; the upper byte means different things by message kind. */
static void flags_print(struct pr_ctx *c, unsigned proto, unsigned type,
			unsigned flags)
{
	static const struct pr_tok low[] = {
		{ 0x01, "request" }, { 0x02, "multi" }, { 0x04, "ack" },
		{ 0x08, "echo" }, { 0x10, "dump_intr" },
		{ 0x20, "dump_filtered" }, { 0, NULL },
	};
	static const struct pr_tok get[] = {
		{ 0x300, "dump" }, { 0x100, "root" }, { 0x200, "match" },
		{ 0x400, "atomic" }, { 0, NULL },
	};
	static const struct pr_tok create[] = {
		{ 0x100, "replace" }, { 0x200, "excl" }, { 0x400, "create" },
		{ 0x800, "append" }, { 0, NULL },
	};
	static const struct pr_tok del[] = {
		{ 0x100, "nonrec" }, { 0x200, "bulk" }, { 0, NULL },
	};
	static const struct pr_tok ack[] = {
		{ 0x100, "capped" }, { 0x200, "ack_tlvs" }, { 0, NULL },
	};
	const struct pr_tok *high = NULL;
	int any = 0;
	unsigned rest;

	if (flags == 0)
		return;
	pr_puts(c, " [");
	for (const struct pr_tok *t = low; t->s; t++) {
		if (flags & t->v) {
			pr_puts(c, any ? "," : "");
			pr_puts(c, t->s);
			any = 1;
		}
	}
	if (type == NLMSG_ERROR_)
		high = ack;
	else if (proto == 0 && type >= 16 && (type & 3) == 2)
		high = get;
	else if (proto == 0 && type >= 16 && (type & 3) == 0)
		high = create;
	else if (proto == 0 && type >= 16 && (type & 3) == 1)
		high = del;
	rest = flags & ~0x3fu;
	if (high) {
		for (const struct pr_tok *t = high; t->s; t++) {
			if ((rest & t->v) == t->v) {
				pr_puts(c, any ? "," : "");
				pr_puts(c, t->s);
				any = 1;
				rest &= ~t->v;
			}
		}
	}
	if (rest) {
		pr_puts(c, any ? "," : "");
		pr_printf(c, "0x%x", rest);
	}
	pr_putc(c, ']');
}

static int message_print(struct pr_ctx *c, unsigned proto, const uint8_t *m,
			 unsigned len, uint16_t type)
{
	const uint8_t *p = m + NLMSG_HDRLEN_;
	unsigned plen = len - NLMSG_HDRLEN_;

	if (type == NLMSG_ERROR_) {
		uint32_t err;
		uint16_t otype;
		uint32_t oseq;

		if (plen < 4 || !pk_he32(&c->pk, p, &err))
			return 0;
		if (err == 0) {
			pr_puts(c, ": ack");
		} else {
			/*
			 * The kernel sends -errno in an int; widen before
			 * negating, since -INT32_MIN does not fit an int.
			 * strerrordesc_np is thread-safe and NULL for what
			 * is no errno.
			 */
			long long code = -(long long)(int32_t)err;
			const char *desc = code > 0 && code <= INT32_MAX ?
				strerrordesc_np((int)code) : NULL;

			pr_printf(c, ": error %lld (", code);
			if (desc)
				pr_puts(c, desc);
			else
				pr_printf(c, "Unknown error %lld", code);
			pr_putc(c, ')');
		}
		if (plen >= 4 + NLMSG_HDRLEN_ &&
		    pk_he16(&c->pk, p + 8, &otype) &&
		    pk_he32(&c->pk, p + 12, &oseq)) {
			pr_puts(c, " for ");
			type_print(c, proto, otype);
			pr_printf(c, " seq %u", oseq);
		}
		return 0;
	}
	if (type == NLMSG_DONE_ || proto != 0 || plen == 0)
		return 0;
	pr_puts(c, ": ");
	switch (type) {
	case 16: case 17: case 18: case 19:
		return link_print(c, p, plen);
	case 20: case 21: case 22:
		return addr_print(c, p, plen);
	case 24: case 25: case 26:
		return route_print(c, p, plen);
	case 28: case 29: case 30:
		return neigh_print(c, p, plen);
	default: {
		uint8_t family;

		if (pk_u8(&c->pk, p, &family))
			family_print(c, family);
		return 0;
	}
	}
}

int netlink_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint16_t pkttype, hatype, proto;
	const uint8_t *m;
	unsigned left;
	int n = 0;

	c->proto = "netlink";
	PR_NEED(c, p, COOKED_LEN);
	PR_BE16(c, p, pkttype);
	PR_BE16(c, p + 2, hatype);
	PR_BE16(c, p + 14, proto);
	c->ll_hdr_len = COOKED_LEN;
	pr_puts(c, "NETLINK ");
	pr_tok_print(c, proto_names, "proto %u", proto);
	pr_puts(c, pkttype == 4 ? " Out" : pkttype == 0 ? " In" : " ?");
	if (hatype != 824)
		pr_printf(c, " (ARPHRD %u)", hatype);
	if (length < COOKED_LEN)
		return 0;
	m = p + COOKED_LEN;
	left = length - COOKED_LEN;
	while (left >= NLMSG_HDRLEN_) {
		uint32_t len, seq, pid;
		uint16_t type, flags;

		if (!pk_he32(&c->pk, m, &len) || !pk_he16(&c->pk, m + 4, &type) ||
		    !pk_he16(&c->pk, m + 6, &flags) ||
		    !pk_he32(&c->pk, m + 8, &seq) ||
		    !pk_he32(&c->pk, m + 12, &pid)) {
			pr_trunc(c);
			return 0;
		}
		if (c->o.vflag)
			pr_puts(c, n ? "\n\t" : ", ");
		else
			pr_puts(c, n ? "; " : ", ");
		n++;
		type_print(c, proto, type);
		flags_print(c, proto, type, flags);
		pr_printf(c, ", seq %u, pid %u, length %u", seq, pid, len);
		if (len < NLMSG_HDRLEN_ || len > left) {
			pr_puts(c, " [bad length]");
			return 0;
		}
		if (message_print(c, proto, m, len, type) == PR_STOP)
			return PR_STOP;
		if (ALIGN4(len) >= left)
			break;
		left -= ALIGN4(len);
		m += ALIGN4(len);
	}
	if (left && left < NLMSG_HDRLEN_)
		pr_printf(c, " [%u trailing bytes]", left);
	return 0;
}
