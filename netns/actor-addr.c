/* actor-addr.c: IPv4/IPv6 socket addresses from text and back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "netns/actor-int.h"

int ns_addr_parse(char *err, const char *addr, uint16_t port,
		  struct sockaddr_storage *ss)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	char buf[NS_ADDRSTRLEN];
	const char *scope;
	size_t n;

	memset(ss, 0, sizeof(*ss));
	if (!addr || !*addr)
		return hx_err(err, -EINVAL, "no address given");
	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons(port);
		return sizeof(*in4);
	}
	scope = strchr(addr, '%');
	n = scope ? (size_t)(scope - addr) : strlen(addr);
	if (n >= sizeof(buf))
		return hx_err(err, -EINVAL, "cannot parse address '%s'", addr);
	memcpy(buf, addr, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET6, buf, &in6->sin6_addr) != 1)
		return hx_err(err, -EINVAL, "cannot parse address '%s'", addr);
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(port);
	if (scope) {
		char *end;
		unsigned long idx;

		scope++;
		idx = strtoul(scope, &end, 10);
		if (!*scope) {
			return hx_err(err, -EINVAL,
				      "cannot parse address '%s': empty scope", addr);
		} else if (*end) {
			/* An interface name, looked up in this thread's host. */
			idx = if_nametoindex(scope);
			if (!idx)
				return hx_err(err, -ENODEV,
					      "no interface '%s' for address '%s'",
					      scope, addr);
		}
		in6->sin6_scope_id = (uint32_t)idx;
	}
	return sizeof(*in6);
}

uint16_t ns_addr_str(const struct sockaddr_storage *ss, char *buf, size_t n)
{
	const struct sockaddr_in *in4 = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
	char ifn[IF_NAMESIZE];

	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (ss->ss_family == AF_INET) {
		inet_ntop(AF_INET, &in4->sin_addr, buf, (socklen_t)n);
		return ntohs(in4->sin_port);
	}
	if (ss->ss_family == AF_INET6 &&
	    IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
		/* A dual-stack socket's IPv4 peer: print it as IPv4. */
		inet_ntop(AF_INET, in6->sin6_addr.s6_addr + 12, buf,
			  (socklen_t)n);
		return ntohs(in6->sin6_port);
	}
	if (ss->ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &in6->sin6_addr, buf, (socklen_t)n);
		if (in6->sin6_scope_id && if_indextoname(in6->sin6_scope_id, ifn)) {
			size_t l = strlen(buf);

			snprintf(buf + l, n - l, "%%%s", ifn);
		}
		return ntohs(in6->sin6_port);
	}
	snprintf(buf, n, "?");
	return 0;
}
