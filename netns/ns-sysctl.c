/* ns-sysctl.c: a host's own network sysctls, through /proc/sys/net opened from inside the host. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "netns/ns-int.h"

/*
 * "net.ipv4.tcp_syn_retries" (or with slashes) into its /proc path. Only
 * net.* keys: they are the per-namespace ones; any other sysctl is the
 * machine's, which dumplab never changes.
 */
static int sysctl_path(char *err, const char *key, char *path, size_t len)
{
	const char *p;
	size_t n = strlen(key), off;
	int slashes = strchr(key, '/') != NULL;

	if (strncmp(key, slashes ? "net/" : "net.", 4) != 0 || n <= 4)
		return hx_err(err, -EINVAL,
			      "sysctl '%s' is not a network (net.) sysctl", key);
	if (strstr(key, "..") || strstr(key, "//") || key[n - 1] == '.' ||
	    key[n - 1] == '/')
		return hx_err(err, -EINVAL, "invalid sysctl name '%s'", key);
	off = (size_t)snprintf(path, len, "/proc/sys/");
	if (off + n >= len)
		return hx_err(err, -ENAMETOOLONG, "sysctl name '%s' is too long",
			      key);
	for (p = key; *p; p++) {
		char c = *p;

		/* Interface names may hold dots: with slashes, keep them. */
		if (!slashes && c == '.')
			c = '/';
		path[off++] = c;
	}
	path[off] = '\0';
	return 0;
}

/*
 * Opens a sysctl file of h. The entries under /proc/sys/net are looked up
 * in the namespace of the thread that opens them, and the open file stays
 * bound to that namespace; so the calling thread enters h just for open().
 */
static int sysctl_open(char *err, struct ns_host *h, const char *key,
		       int flags, char *path, size_t len)
{
	int saved, fd, e, rc;

	if ((rc = sysctl_path(err, key, path, len)) < 0)
		return rc;
	if ((rc = ns_enter(err, h->fd, &saved)) < 0)
		return rc;
	fd = open(path, flags | O_CLOEXEC);
	e = errno;
	if ((rc = ns_leave(err, &saved)) < 0) {
		if (fd >= 0)
			close(fd);
		return rc;
	}
	if (fd < 0)
		return hx_err(err, -e, "cannot open sysctl '%s' in host '%s': %s",
			      key, h->name,
			      e == ENOENT ? "no such sysctl" : strerrordesc_np(e));
	return fd;
}

int ns_sysctl_set(char *err, struct ns_host *h, const char *key,
		  const char *value)
{
	char path[256];
	size_t n = strlen(value);
	ssize_t w;
	int fd, e;

	fd = sysctl_open(err, h, key, O_WRONLY, path, sizeof(path));
	if (fd < 0)
		return fd;
	w = write(fd, value, n);
	e = errno;
	close(fd);
	if (w != (ssize_t)n)
		return hx_err(err, w < 0 ? -e : -EIO,
			      "cannot set sysctl '%s' to '%s' in host '%s': %s",
			      key, value, h->name,
			      w < 0 ? strerrordesc_np(e) : "short write");
	return 0;
}

int ns_sysctl_get(char *err, struct ns_host *h, const char *key, char *val,
		  size_t len)
{
	char path[256];
	ssize_t r;
	int fd, e;

	if (len == 0)
		return hx_err(err, -EINVAL, "no room for sysctl '%s'", key);
	fd = sysctl_open(err, h, key, O_RDONLY, path, sizeof(path));
	if (fd < 0)
		return fd;
	r = read(fd, val, len - 1);
	e = errno;
	close(fd);
	if (r < 0)
		return hx_err(err, -e, "cannot read sysctl '%s' in host '%s': %s",
			      key, h->name, strerrordesc_np(e));
	while (r > 0 && (val[r - 1] == '\n' || val[r - 1] == ' '))
		r--;
	val[r] = '\0';
	return 0;
}
