/* ns.h: hosts as anonymous network namespaces, their links, addresses, routes, sysctls and commands. */
#ifndef NS_H
#define NS_H

#include <stddef.h>
#include <net/if.h>

#include "harness/hx.h"

/*
 * A host is a network namespace held only by a file descriptor (never
 * bind-mounted under /run/netns), with `lo` up and a libnl route socket
 * created inside it. Everything a host holds (links, addresses, routes,
 * firewall rules, sysctls) lives in that namespace and dies with it: when
 * the last fd and socket close, or when the process dies, SIGKILL included.
 *
 * Hosts belong to a lab, which gives them unique names. A lab and its hosts
 * have one owner thread: the topology calls below are not thread-safe on the
 * same lab. Other threads may use a host's fd (ns_host_fd) to enter it
 * (captures, traffic actors) as long as the lab lives.
 *
 * Every call that can fail returns 0 or a negative errno-style code and
 * writes a one-line message naming the host, interface or address into err
 * (HX_ERRLEN bytes, may be NULL). A call that fails leaves nothing behind:
 * each operation is one kernel request, checked first.
 */

/*
 * Call once at program start, while the process is still single-threaded
 * and has no socket open. As root, hosts are created next to the machine's
 * namespace, which is never changed. Otherwise it moves the process into a
 * new user namespace, with the caller's uid and gid mapped to 0 (setgroups
 * denied), and a new network namespace of its own, so that everything below
 * works unprivileged. Either way it then starts the command spawner
 * (netns/spawn.h), which ns_run needs. Calling it again is harmless (the
 * process is uid 0 by then). Returns 0 or a negative code (-EINVAL when
 * other threads exist, -EPERM when unprivileged user namespaces are off).
 */
int ns_boot(char *err);

struct ns_lab;
struct ns_host;

#define NS_HOST_NAMELEN 32 /* with the NUL */

int ns_lab_new(char *err, struct ns_lab **out);
/* Frees every host of the lab, then the lab. Accepts NULL. */
void ns_lab_free(struct ns_lab *lab);

/*
 * Creates a host named name (1..31 of [A-Za-z0-9_.-], unique in the lab).
 * The namespace is made by unshare() in the calling thread, which is put
 * back where it was before returning. out may be NULL.
 */
int ns_host_add(char *err, struct ns_lab *lab, const char *name,
		struct ns_host **out);
/* The host named name, or -ENOENT with "unknown host 'x'". */
int ns_host_get(char *err, const struct ns_lab *lab, const char *name,
		struct ns_host **out);
/* Destroys one host (closes its fd and socket). Accepts NULL. */
void ns_host_free(struct ns_host *h);

/* The namespace fd (O_CLOEXEC), owned by the host: do not close it. */
int ns_host_fd(const struct ns_host *h);
const char *ns_host_name(const struct ns_host *h);
/* The host's libnl route socket, owned by the host; owner thread only. */
struct nl_sock; /* libnl-3 */
struct nl_sock *ns_host_nl(const struct ns_host *h);
/* The hosts of a lab, in creation order: i from 0 until NULL. */
struct ns_host *ns_lab_host_at(const struct ns_lab *lab, size_t i);

/*
 * Enters the namespace netfd in the calling thread only (setns), saving
 * where the thread was in *saved; ns_leave goes back and closes *saved.
 * Pairs nest. ns_leave returns 0 or -errno (a thread that cannot go back
 * must not be reused).
 */
int ns_enter(char *err, int netfd, int *saved);
int ns_leave(char *err, int *saved);

/* A libnl error code (negative NLE_*) as a negative errno (-EIO for
 * those with none), for code that drives ns_host_nl itself. */
int ns_nlerrno(int nlerr);
/* Text for a libnl error: strerror() of its errno when it has one. */
const char *ns_nlstr(int nlerr);

/* ---- the netlink tap (ns-nltap.c) ---- */

/*
 * A tap on a host's libnl socket: it hands fn every netlink datagram the
 * socket sends (outgoing 1: each message just before sendmsg) and
 * receives (outgoing 0: each datagram whole, as nlmon shows it), in the
 * thread that uses the socket (the lab's owner), as plain bytes: proto is
 * the socket's netlink protocol (NETLINK_ROUTE). capture/nltap.c turns
 * them into DLT_NETLINK records.
 */
typedef void ns_nltap_fn(void *arg, int outgoing, unsigned proto,
			 const void *msg, size_t len);
struct ns_nltap;

/*
 * Claims host h's socket for one tap (-EBUSY with err set when another
 * holds it: one netlink capture per host), without listening yet. Owner
 * thread only. Returns 0 with *out set, or a negative code with err set.
 */
int ns_nltap_new(char *err, struct ns_host *h, struct ns_nltap **out);
/*
 * Starts handing the socket's traffic to fn(arg, ...). Returns 0 or
 * -ENOMEM with err set (the socket then is as before).
 */
int ns_nltap_attach(char *err, struct ns_nltap *t, ns_nltap_fn *fn,
		    void *arg);
/* Gives the socket back its own callbacks; it then behaves exactly as
 * before attach. A second call does nothing. */
void ns_nltap_detach(struct ns_nltap *t);
/* Detaches, releases the claim and frees. Accepts NULL. */
void ns_nltap_free(struct ns_nltap *t);

/* ns_nl_dump's what: the dumps of `ip link`, `ip a`, `ip r`, `ip n`. */
enum { NS_NL_LINKS = 1, NS_NL_ADDRS = 2, NS_NL_ROUTES = 4,
       NS_NL_NEIGHS = 8 };
#define NS_NL_ALL (NS_NL_LINKS | NS_NL_ADDRS | NS_NL_ROUTES | NS_NL_NEIGHS)

/*
 * Dumps through host h's libnl socket what `ip link`, `ip a`, `ip r` and
 * `ip n` ask (what: NS_NL_* bits, in that order): RTM_GETLINK (family
 * AF_PACKET, IFLA_EXT_MASK RTEXT_FILTER_VF), RTM_GETADDR (AF_UNSPEC),
 * RTM_GETROUTE (AF_INET, RTA_TABLE main), RTM_GETNEIGH (AF_UNSPEC), each
 * NLM_F_REQUEST|NLM_F_DUMP with port id 0 as iproute2 sends them
 * (measured with strace), and reads the answers to the end. Owner thread
 * only. Returns 0, or a negative code with err set.
 */
int ns_nl_dump(char *err, struct ns_host *h, unsigned what);

/* ---- links (ns-link.c), all through libnl-3 route ---- */

/*
 * A veth pair: ifa in host a, ifb in host b (a may equal b). mac_a and
 * mac_b are "aa:bb:cc:dd:ee:ff" or NULL (kernel's random choice). The pair
 * is created by a's socket with the peer placed directly in b, so that no
 * end ever appears in any other namespace. Both ends stay down.
 */
int ns_veth_add(char *err, struct ns_host *a, const char *ifa,
		const char *mac_a, struct ns_host *b, const char *ifb,
		const char *mac_b);

/* ns_bridge_add's flags. */
enum {
	NS_BR_HUB = 1, /* ageing_time 0: the bridge learns nothing and
			* floods every frame to every port, as a hub does */
};

/* A bridge named name in host h (STP off, down); mac may be NULL. */
int ns_bridge_add(char *err, struct ns_host *h, const char *name,
		  const char *mac, unsigned flags);
/*
 * A link of kind (as `ip link add NAME type KIND`: "nlmon", "dummy" ...)
 * with no kind-specific data, named name in host h, down. A kind this
 * kernel lacks fails with -EOPNOTSUPP ("Unknown device type").
 */
int ns_link_add(char *err, struct ns_host *h, const char *name,
		const char *kind);
/* Makes interface ifname a port of bridge in the same host. */
int ns_link_master(char *err, struct ns_host *h, const char *ifname,
		   const char *bridge);
/*
 * Sets interface ifname up (up 1) or down (up 0). Up returns only once
 * the link can carry traffic: when it has carrier, it waits (at most 3 s,
 * then -ETIMEDOUT) for the kernel to announce it running, and for its veth
 * peer too; until then its queue drops every packet (docs/engine.md).
 * Where duplicate address detection is off (accept_dad 0), it also waits
 * until their IPv6 addresses (the link-local one) are no longer tentative:
 * until then nothing can be sent from them.
 */
int ns_link_set_up(char *err, struct ns_host *h, const char *ifname, int up);
/* Deletes interface ifname of h (a veth takes its peer with it). */
int ns_link_del(char *err, struct ns_host *h, const char *ifname);
/* The interface index of ifname in h (> 0), or a negative code. */
int ns_ifindex(char *err, struct ns_host *h, const char *ifname);

/*
 * Adds an address, "10.0.0.1/24" or "fd00::1/64" (no prefix: /32, /128), to
 * ifname. IPv4 gets the subnet's broadcast address (as `ip addr add ... brd
 * +`), IPv6 IFA_F_NODAD so that the address is usable at once.
 */
int ns_addr_add(char *err, struct ns_host *h, const char *ifname,
		const char *addr);

/*
 * Adds a route in the main table. dst is "default" (IPv4, or the family of
 * via), "default6", or a prefix "224.0.0.0/4" / "fd00:1::/64"; via is a
 * gateway address or NULL; dev an interface or NULL; at least one of via
 * and dev. Without via the route has link scope (`ip route add P dev D`).
 */
int ns_route_add(char *err, struct ns_host *h, const char *dst,
		 const char *via, const char *dev);

/* What ns_links reports of one interface. */
struct ns_link_info {
	char name[IF_NAMESIZE];
	int ifindex;
	unsigned flags;		/* IFF_UP, IFF_RUNNING, IFF_LOOPBACK ... */
	int master;		/* the bridge's ifindex, or 0 */
	char kind[16];		/* "veth", "bridge", "" for lo */
	unsigned char mac[6];
	int has_mac;		/* mac is set (not for lo: all zero) */
	unsigned mtu;
};

/*
 * The interfaces of h, sorted by ifindex, in *out (malloc'ed, the caller
 * frees it with free()) and their number in *n.
 */
int ns_links(char *err, struct ns_host *h, struct ns_link_info **out,
	     size_t *n);

/* ---- MTU and shaping (ns-tc.c), through libnl-3 route ---- */

/* The MTUs ns_link_set_mtu accepts: IPv4's minimum (RFC 791: 68) to the
 * largest a veth takes. */
#define NS_MTU_MIN 68
#define NS_MTU_MAX 65535

/* Sets the MTU of ifname in h (as `ip link set IF mtu N`). A veth's peer
 * keeps its own: set both ends for a link. */
int ns_link_set_mtu(char *err, struct ns_host *h, const char *ifname,
		    unsigned mtu);
/* The MTU of ifname in h (> 0), or a negative code. */
int ns_link_mtu(char *err, struct ns_host *h, const char *ifname);

/* A token bucket (tc-tbf(8)). */
struct ns_tbf {
	unsigned long long rate; /* bytes per second, 1..2^31-1 */
	unsigned burst;		 /* bucket size in bytes; 0: rate/250, at
				  * least 1600 (one full frame) */
	unsigned latency_us;	 /* longest a packet may wait; 0: 50 ms */
};

/*
 * Replaces the root qdisc of ifname in h by a tbf (as `tc qdisc replace
 * dev IF root handle 1: tbf rate R burst B latency L`): what leaves by
 * ifname goes out at most at t->rate. This kernel has tbf; it has no
 * netem, so delay and loss cannot be added (a `needs netem` scenario
 * skips). The qdisc dies with the host.
 */
int ns_tbf_add(char *err, struct ns_host *h, const char *ifname,
	       const struct ns_tbf *t);
/*
 * 1 when this kernel can make a root qdisc of kind ("netem", "tbf"): tried
 * on lo of a host made for the probe and freed. Call it where ns_host_add
 * may be called (after ns_boot).
 */
int ns_qdisc_supported(const char *kind);

/* The kind of the root qdisc of ifname ("tbf", "noqueue" ...) into kind. */
int ns_qdisc_kind(char *err, struct ns_host *h, const char *ifname,
		  char *kind, size_t len);

/* ---- sysctls (ns-sysctl.c) ---- */

/*
 * Sets or reads a network sysctl of host h: key is "net.ipv4.tcp_syn_retries"
 * or "net/ipv4/tcp_syn_retries"; only keys under net. are accepted, since
 * only those belong to a namespace. The file is opened by the calling
 * thread while it is inside the host: /proc/sys/net follows the opener's
 * namespace. ns_sysctl_get writes the value without its trailing newline
 * into val (len bytes).
 */
int ns_sysctl_set(char *err, struct ns_host *h, const char *key,
		  const char *value);
int ns_sysctl_get(char *err, struct ns_host *h, const char *key, char *val,
		  size_t len);

/* ---- commands inside a host (ns-run.c) ---- */

struct ns_run_res {
	int status;	/* waitpid() status */
	int timed_out;	/* killed (SIGKILL) when timeout_ms passed */
	int cancelled;	/* killed (SIGKILL) when cancel_fd became readable */
	struct hx_buf out; /* stdout and stderr together, as they came;
			    * at most 1 MiB kept; the caller releases it */
};

/*
 * Runs argv in host h (NULL: the calling thread's namespace). The command
 * is forked by the spawner (netns/spawn.h), never by this process, so it
 * holds none of dumplab's sockets; it enters the host, has stdin
 * /dev/null, no fd but stdio, and PR_SET_PDEATHSIG(SIGKILL). argv[0] is
 * looked up in PATH, then /usr/local/sbin, /usr/sbin, /sbin; iptables,
 * ip6tables and their -save/-restore always run the nf_tables variant
 * (iptables-nft, else xtables-nft-multi); a name with "legacy" in it is
 * refused. After timeout_ms (<= 0: none) the child is killed by its pid.
 *
 * Returns 0 when the command ran (whatever its exit status: see res), or a
 * negative code when it could not start, with err naming it and the host.
 * res->out is initialised by the call; release it even on failure.
 */
int ns_run(char *err, struct ns_host *h, char *const argv[], int timeout_ms,
	   struct ns_run_res *res);
/*
 * ns_run with the working directory dir (NULL: the caller's), and a cancel:
 * once cancel_fd (-1: none) is readable the command is killed and reaped,
 * and the call returns -ECANCELED (res->cancelled set).
 */
int ns_run_in(char *err, struct ns_host *h, const char *dir, int cancel_fd,
	      char *const argv[], int timeout_ms, struct ns_run_res *res);

/*
 * ns_run, then an error unless the command exited 0: "'iptables -A INPUT
 * ...' in host 'node1' exited 2: <first line of its output>". The output
 * is dropped; out (may be NULL) receives it on success.
 */
int ns_run_ok(char *err, struct ns_host *h, char *const argv[],
	      int timeout_ms, struct hx_buf *out);

#endif
