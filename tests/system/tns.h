/* tns.h: the actor tests' hosts (engine hosts addressed by their namespace fd) and a bare pcap capture. */
#ifndef TNS_H
#define TNS_H

/*
 * The actor tests address a host by its network namespace fd, as the
 * actors do. Each host here is an engine host (netns/ns.h) alone in a lab
 * of its own; tns_free destroys it. The capture helpers give the tests the
 * raw pcap_t (pcap_dump of exactly what was seen).
 */

#include <pcap/pcap.h>

/* Once per process, while it is still single-threaded: ns_boot. */
int tns_boot(char *err);

/* 1 when tns_boot entered a user namespace (not root). */
int tns_rootless(void);

/* A new host with lo up; *netfd is its namespace fd (owned by the host). */
int tns_new(char *err, int *netfd);
/* Destroys the host tns_new made. */
void tns_free(int netfd);

/* Sets a sysctl given as its /proc/sys/net path (ns_sysctl_set). */
int tns_sysctl(char *err, int netfd, const char *path, const char *value);

/* Adds "prefix/len dev lo" (ns_route_add): with forwarding off, what is
 * sent there vanishes, so a SYN gets no answer. */
int tns_route_lo(char *err, int netfd, const char *prefix, int len);

/*
 * A veth pair a <-> b inside the host, both up, IPv6 duplicate address
 * detection off so that their link-local addresses work at once: Ethernet
 * interfaces with multicast, which lo is not (IPv6 multicast cannot leave
 * by lo).
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
