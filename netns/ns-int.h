/* ns-int.h: what the netns/ files share privately: the host and lab structures, libnl error mapping. */
#ifndef NS_INT_H
#define NS_INT_H

#include <netlink/netlink.h>

#include "netns/ns.h"

struct ns_host {
	struct ns_lab *lab;
	char name[NS_HOST_NAMELEN];
	int fd;			/* the namespace, O_CLOEXEC */
	struct nl_sock *nl;	/* NETLINK_ROUTE, created inside the host */
};

/* A veth pair the lab made, so that bringing one end up can wait for
 * the other end too. */
struct ns_veth {
	struct ns_host *a, *b;
	char ifa[IF_NAMESIZE], ifb[IF_NAMESIZE];
};

struct ns_lab {
	struct ns_host **hosts;
	size_t n, cap;
	struct ns_veth *veths;
	size_t nveth, capveth;
};

/*
 * A NETLINK_ROUTE libnl socket in the calling thread's namespace, bound by
 * the kernel (not by libnl's per-process port allocator, which some
 * versions cap at 1024 sockets) and close-on-exec. NULL with err set.
 */
struct nl_sock *ns_nl_open(char *err);

/* 0 when name is a valid interface name, else -EINVAL with err set. */
int ns_check_ifname(char *err, const char *name);

/* Writes text to the existing file path (/proc, /sys) in one write:
 * 0, or a negative errno with err filled. */
int ns_write_text(char *err, const char *path, const char *text);

/*
 * The program ns_run runs for cmd (PATH, then the sbin directories;
 * iptables as its nf_tables variant; "legacy" refused), into out. host
 * names the host in messages. 0, or -ENOENT / -EPERM with err set.
 */
int ns_resolve(char *err, const char *cmd, const char *host, char *out,
	       size_t len);

#endif
