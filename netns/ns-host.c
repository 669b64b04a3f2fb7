/* ns-host.c: the rootless boot, labs, hosts as namespaces held by fd, entering and leaving them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>

#include <netlink/route/link.h>

#include "netns/ns-int.h"
#include "netns/spawn.h"

/* ---- libnl errors ---- */

static const struct {
	int nle, eno;
} nle_errno[] = {
	{ NLE_EXIST, EEXIST },		{ NLE_OBJ_NOTFOUND, ENOENT },
	{ NLE_NODEV, ENODEV },		{ NLE_PERM, EPERM },
	{ NLE_NOACCESS, EACCES },	{ NLE_INVAL, EINVAL },
	{ NLE_NOMEM, ENOMEM },		{ NLE_BUSY, EBUSY },
	{ NLE_AGAIN, EAGAIN },		{ NLE_INTR, EINTR },
	{ NLE_RANGE, ERANGE },		{ NLE_OPNOTSUPP, EOPNOTSUPP },
	{ NLE_AF_NOSUPPORT, EAFNOSUPPORT }, { NLE_NOADDR, EADDRNOTAVAIL },
	{ NLE_BAD_SOCK, EBADF },
	{ NLE_PROTO_MISMATCH, EPROTONOSUPPORT },
	{ NLE_MSGSIZE, EMSGSIZE },	{ NLE_MSG_TOOSHORT, EMSGSIZE },
};

int ns_nlerrno(int nlerr)
{
	size_t i;

	if (nlerr < 0)
		nlerr = -nlerr;
	for (i = 0; i < sizeof(nle_errno) / sizeof(nle_errno[0]); i++)
		if (nle_errno[i].nle == nlerr)
			return -nle_errno[i].eno;
	return -EIO;
}

const char *ns_nlstr(int nlerr)
{
	int e = -ns_nlerrno(nlerr);

	/* strerrordesc_np returns constant text: safe in any thread. */
	if (e != EIO)
		return strerrordesc_np(e);
	return nl_geterror(nlerr);
}

int ns_check_ifname(char *err, const char *name)
{
	size_t i, n = name ? strlen(name) : 0;

	if (n == 0 || n >= IF_NAMESIZE)
		return hx_err(err, -EINVAL,
			      "invalid interface name '%s': 1 to %d characters",
			      name ? name : "", IF_NAMESIZE - 1);
	for (i = 0; i < n; i++)
		if (name[i] == '/' || name[i] == ':' || name[i] <= ' ' ||
		    name[i] == 0x7f)
			return hx_err(err, -EINVAL,
				      "invalid interface name '%s'", name);
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return hx_err(err, -EINVAL, "invalid interface name '%s'",
			      name);
	return 0;
}

struct nl_sock *ns_nl_open(char *err)
{
	struct sockaddr_nl any = { .nl_family = AF_NETLINK };
	struct nl_sock *sk;
	int fd, rc;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0) {
		hx_err(err, -errno, "cannot open a route socket: %s",
		       strerrordesc_np(errno));
		return NULL;
	}
	if (bind(fd, (struct sockaddr *)&any, sizeof(any)) < 0) {
		hx_err(err, -errno, "cannot bind a route socket: %s",
		       strerrordesc_np(errno));
		close(fd);
		return NULL;
	}
	sk = nl_socket_alloc();
	if (!sk) {
		hx_err(err, -ENOMEM, "cannot allocate a netlink socket");
		close(fd);
		return NULL;
	}
	rc = nl_socket_set_fd(sk, NETLINK_ROUTE, fd);
	if (rc < 0) {
		hx_err(err, ns_nlerrno(rc), "cannot use a route socket: %s",
		       ns_nlstr(rc));
		close(fd);
		nl_socket_free(sk);
		return NULL;
	}
	nl_socket_set_buffer_size(sk, 0, 0);
	return sk;
}

/* ---- boot ---- */

int ns_write_text(char *err, const char *path, const char *text)
{
	size_t n = strlen(text);
	ssize_t w;
	int fd, e;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return hx_err(err, -errno, "cannot open '%s': %s", path,
			      strerrordesc_np(errno));
	w = write(fd, text, n);
	e = errno;
	close(fd);
	if (w != (ssize_t)n)
		return hx_err(err, w < 0 ? -e : -EIO, "cannot write '%s': %s",
			      path, w < 0 ? strerrordesc_np(e) : "short write");
	return 0;
}

int ns_boot(char *err)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map[64];
	int rc;

	if (uid == 0)
		return ns_spawner_start(err);
	/*
	 * A user namespace of our own gives us CAP_NET_ADMIN over the network
	 * namespaces it owns: veth, bridges, packet sockets, nf_tables and
	 * NFLOG all work there. The kernel allows CLONE_NEWUSER only in a
	 * single-threaded process, hence "call once at start".
	 */
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
		rc = -errno;
		return hx_err(err, rc,
			      "cannot create a user namespace for uid %u: %s%s",
			      (unsigned)uid, strerrordesc_np(-rc),
			      rc == -EINVAL ? " (other threads are running)"
			      : rc == -EPERM || rc == -ENOSPC
			      ? " (unprivileged user namespaces are off)" : "");
	}
	/* setgroups must be denied before an unprivileged gid_map write. */
	rc = ns_write_text(err, "/proc/self/setgroups", "deny");
	if (rc < 0)
		return rc;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
	rc = ns_write_text(err, "/proc/self/uid_map", map);
	if (rc < 0)
		return rc;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
	rc = ns_write_text(err, "/proc/self/gid_map", map);
	if (rc < 0)
		return rc;
	/* inside the user namespace, so that it can enter the hosts */
	return ns_spawner_start(err);
}

/* ---- entering and leaving ---- */

int ns_enter(char *err, int netfd, int *saved)
{
	int old, rc;

	*saved = -1;
	old = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (old < 0)
		return hx_err(err, -errno,
			      "cannot open this thread's network namespace: %s",
			      strerrordesc_np(errno));
	if (setns(netfd, CLONE_NEWNET) < 0) {
		rc = -errno;
		close(old);
		return hx_err(err, rc, "cannot enter network namespace: %s",
			      strerrordesc_np(-rc));
	}
	*saved = old;
	return 0;
}

int ns_leave(char *err, int *saved)
{
	int rc = 0;

	if (*saved < 0)
		return 0;
	if (setns(*saved, CLONE_NEWNET) < 0)
		rc = hx_err(err, -errno,
			    "cannot return to the previous network namespace: %s",
			    strerrordesc_np(errno));
	close(*saved);
	*saved = -1;
	return rc;
}

/* ---- labs and hosts ---- */

int ns_lab_new(char *err, struct ns_lab **out)
{
	struct ns_lab *lab = calloc(1, sizeof(*lab));

	*out = lab;
	if (!lab)
		return hx_err(err, -ENOMEM, "cannot allocate a lab");
	return 0;
}

static void host_destroy(struct ns_host *h)
{
	if (h->nl)
		nl_socket_free(h->nl);
	h->nl = NULL;
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
	free(h);
}

void ns_lab_free(struct ns_lab *lab)
{
	size_t i;

	if (!lab)
		return;
	/* The kernel tears each namespace down, links and rules with it,
	 * once its last fd and socket are closed. */
	for (i = lab->n; i-- > 0;)
		host_destroy(lab->hosts[i]);
	free(lab->hosts);
	free(lab->veths);
	free(lab);
}

void ns_host_free(struct ns_host *h)
{
	struct ns_lab *lab;
	size_t i;

	if (!h)
		return;
	lab = h->lab;
	/* Its veth pairs die with it. */
	for (i = 0; i < lab->nveth;)
		if (lab->veths[i].a == h || lab->veths[i].b == h)
			lab->veths[i] = lab->veths[--lab->nveth];
		else
			i++;
	for (i = 0; i < lab->n; i++)
		if (lab->hosts[i] == h) {
			memmove(&lab->hosts[i], &lab->hosts[i + 1],
				(lab->n - i - 1) * sizeof(lab->hosts[0]));
			lab->n--;
			break;
		}
	host_destroy(h);
}

static int check_host_name(char *err, const char *name)
{
	size_t i, n = name ? strlen(name) : 0;

	if (n == 0 || n >= NS_HOST_NAMELEN)
		return hx_err(err, -EINVAL,
			      "invalid host name '%s': 1 to %d characters",
			      name ? name : "", NS_HOST_NAMELEN - 1);
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.'))
			return hx_err(err, -EINVAL,
				      "invalid host name '%s': use letters, digits, '_', '-', '.'",
				      name);
	}
	return 0;
}

/* Opens a route socket in the calling thread's namespace and sets lo up. */
static int host_socket(char *err, struct ns_host *h)
{
	struct rtnl_link *lo = NULL, *change = NULL;
	int rc;

	h->nl = ns_nl_open(err);
	if (!h->nl)
		return -EIO;

	rc = rtnl_link_get_kernel(h->nl, 0, "lo", &lo);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot find 'lo' in host '%s': %s", h->name,
			      ns_nlstr(rc));
	change = rtnl_link_alloc();
	if (!change) {
		rtnl_link_put(lo);
		return hx_err(err, -ENOMEM, "cannot allocate a link");
	}
	rtnl_link_set_flags(change, IFF_UP);
	rc = rtnl_link_change(h->nl, lo, change, 0);
	rtnl_link_put(change);
	rtnl_link_put(lo);
	if (rc < 0)
		return hx_err(err, ns_nlerrno(rc),
			      "cannot set 'lo' up in host '%s': %s", h->name,
			      ns_nlstr(rc));
	return 0;
}

int ns_host_add(char *err, struct ns_lab *lab, const char *name,
		struct ns_host **out)
{
	struct ns_host *h = NULL, **grown;
	int saved = -1, rc, rc2;
	size_t i;

	if (out)
		*out = NULL;
	rc = check_host_name(err, name);
	if (rc < 0)
		return rc;
	for (i = 0; i < lab->n; i++)
		if (!strcmp(lab->hosts[i]->name, name))
			return hx_err(err, -EEXIST, "host '%s' already exists",
				      name);
	if (lab->n == lab->cap) {
		size_t cap = lab->cap ? 2 * lab->cap : 8;

		grown = realloc(lab->hosts, cap * sizeof(*grown));
		if (!grown)
			return hx_err(err, -ENOMEM, "cannot allocate host '%s'",
				      name);
		lab->hosts = grown;
		lab->cap = cap;
	}
	h = calloc(1, sizeof(*h));
	if (!h)
		return hx_err(err, -ENOMEM, "cannot allocate host '%s'", name);
	h->lab = lab;
	h->fd = -1;
	snprintf(h->name, sizeof(h->name), "%s", name);

	saved = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (saved < 0) {
		rc = hx_err(err, -errno,
			    "cannot open this thread's network namespace: %s",
			    strerrordesc_np(errno));
		goto fail;
	}
	/*
	 * unshare() moves only this thread into the new namespace; the fd
	 * taken from /proc/thread-self (not /proc/self, which is the main
	 * thread's) is what keeps it alive once we go back.
	 */
	if (unshare(CLONE_NEWNET) < 0) {
		rc = hx_err(err, -errno,
			    "cannot create the network namespace of host '%s': %s",
			    name, strerrordesc_np(errno));
		goto fail_saved;
	}
	h->fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (h->fd < 0)
		rc = hx_err(err, -errno,
			    "cannot open the network namespace of host '%s': %s",
			    name, strerrordesc_np(errno));
	else
		rc = host_socket(err, h);
	rc2 = ns_leave(rc < 0 ? NULL : err, &saved);
	if (rc < 0)
		goto fail;
	if (rc2 < 0) {
		rc = rc2;
		goto fail;
	}
	lab->hosts[lab->n++] = h;
	if (out)
		*out = h;
	return 0;

fail_saved:
	close(saved);
fail:
	host_destroy(h);
	return rc;
}

int ns_host_get(char *err, const struct ns_lab *lab, const char *name,
		struct ns_host **out)
{
	size_t i;

	*out = NULL;
	for (i = 0; i < lab->n; i++)
		if (!strcmp(lab->hosts[i]->name, name)) {
			*out = lab->hosts[i];
			return 0;
		}
	return hx_err(err, -ENOENT, "unknown host '%s'", name);
}

struct ns_host *ns_lab_host_at(const struct ns_lab *lab, size_t i)
{
	return i < lab->n ? lab->hosts[i] : NULL;
}

int ns_host_fd(const struct ns_host *h)
{
	return h->fd;
}

const char *ns_host_name(const struct ns_host *h)
{
	return h->name;
}

struct nl_sock *ns_host_nl(const struct ns_host *h)
{
	return h->nl;
}
