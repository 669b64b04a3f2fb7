/* tns.h: STAND-IN for the engine's ns_host API: private namespaces and a tiny capture for the actor tests. */
#ifndef TNS_H
#define TNS_H

/*
 * STAND-IN. The engine (branch `engine`, netns/ns.h: ns_boot, ns_host_*,
 * and capture/live.h) builds hosts for real; until it is merged the actor
 * tests make their own network namespaces here, with nothing but `lo`.
 * At merge, tns_boot becomes ns_boot, tns_new a host with lo up, and the
 * capture helpers cap_live_*; this file goes away.
 */

#include <pcap/pcap.h>

/*
 * Once per process, while it is still single-threaded (a suite's init):
 * when not root, enter a new user and network namespace, mapping this uid
 * and gid to 0, so that the namespaces below can be made. Root: nothing.
 */
int tns_boot(char *err);

/* 1 when tns_boot entered a user namespace (not root). */
int tns_rootless(void);

/*
 * A new network namespace with lo up (a thread unshares, opens
 * /proc/thread-self/ns/net, brings lo up with an ioctl, and setns()es
 * back). *netfd is O_CLOEXEC; closing it removes the namespace.
 */
int tns_new(char *err, int *netfd);

/* Writes value to a /proc/sys/net file from inside the namespace. */
int tns_sysctl(char *err, int netfd, const char *path, const char *value);

/* Adds "prefix/len dev lo" in the namespace (SIOCADDRT): with forwarding
 * off, what is sent there vanishes, so a SYN gets no answer. */
int tns_route_lo(char *err, int netfd, const char *prefix, int len);

/*
 * Creates a veth pair a <-> b inside the namespace (libnl) and brings both
 * up, IPv6 duplicate address detection off so that their link-local
 * addresses work at once: Ethernet interfaces with multicast, which lo
 * is not (IPv6 multicast cannot leave by lo).
 */
int tns_veth(char *err, int netfd, const char *a, const char *b);

/* Opens a live capture (immediate, non-blocking) on dev in the namespace. */
int tns_cap_open(char *err, int netfd, const char *dev, const char *filter,
		 pcap_t **out);

/*
 * Reads what the capture holds (calling cb for each packet, cb may be
 * NULL) until *seen, the running count, reaches n or timeout_ms passes:
 * a poll on the capture's fd. Returns *seen.
 */
int tns_cap_wait(pcap_t *p, int *seen, int n, int timeout_ms,
		 pcap_handler cb, unsigned char *user);

#endif
