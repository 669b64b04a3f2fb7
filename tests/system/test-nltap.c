/* test-nltap.c: netlink capture of a host's dumps: records, directions, savefile, dumplab read, tshark. */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netlink/handlers.h>
#include <netlink/socket.h>
#include <pcap/pcap.h>

#include "capture/nltap.h"
#include "capture/writer.h"
#include "system/st.h"
#include "unit/tu.h"

/* Host-order reads of the netlink header (the tap runs on this host). */
static uint32_t he32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint16_t he16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}

/* What the records of one capture hold, message by message. */
struct seen {
	unsigned out_types[8];	/* the requests' types, in order */
	uint32_t out_pids[8];	/* and their port ids */
	size_t nout;
	unsigned in_count[128];	/* answers by type (< 128) */
	unsigned done;		/* NLMSG_DONE answers */
	unsigned acks;		/* NLMSG_ERROR 0 answers */
	int route_seen;		/* RTM_NEWROUTE 192.168.5.0/24 */
	int addr_seen;		/* RTM_NEWADDR 10.0.0.1/24 */
	int neigh_seen;		/* RTM_NEWNEIGH 10.0.0.2 */
	int bad;		/* a record that breaks a rule below */
};

/* An attribute of type in the attributes at p (len bytes), or NULL. */
static const uint8_t *attr(const uint8_t *p, size_t len, unsigned type,
			   unsigned *alen)
{
	while (len >= 4) {
		unsigned l = he16(p), t = he16(p + 2) & 0x3fff;

		if (l < 4 || l > len)
			return NULL;
		if (t == type) {
			*alen = l - 4;
			return p + 4;
		}
		l = (l + 3) & ~3u;
		if (l >= len)
			break;
		p += l;
		len -= l;
	}
	return NULL;
}

static void look(struct seen *s, const struct cap_pkt *pk, uint32_t port)
{
	const uint8_t *p = pk->data;
	size_t left;
	unsigned pkttype;

	/* The cooked header: type, ARPHRD_NETLINK, no address, NETLINK_ROUTE. */
	if (pk->h.caplen != pk->h.len || pk->h.caplen < 16 + 16) {
		s->bad = 1;
		return;
	}
	pkttype = (unsigned)p[0] << 8 | p[1];
	for (int i = 4; i < 14; i++)
		if (p[i])
			s->bad = 1;
	if (!(p[2] == 0x03 && p[3] == 0x38 && p[14] == 0 && p[15] == 0))
		s->bad = 1;
	p += 16;
	left = pk->h.caplen - 16;
	while (left >= 16) {
		uint32_t len = he32(p), pid = he32(p + 12);
		unsigned type = he16(p + 4), flags = he16(p + 6);
		const uint8_t *b = p + 16, *a;
		unsigned alen;

		if (len < 16 || len > left) {
			s->bad = 1;
			return;
		}
		if (pkttype == CAP_NL_OUTGOING) {
			if (!(flags & NLM_F_REQUEST) || s->nout == 8) {
				s->bad = 1;
			} else {
				s->out_pids[s->nout] = pid;
				s->out_types[s->nout++] = type;
			}
		} else if (pkttype == CAP_NL_HOST) {
			/* An answer, to this socket's port. */
			if (pid != port || (flags & NLM_F_REQUEST))
				s->bad = 1;
			if (type < 128)
				s->in_count[type]++;
			if (type == NLMSG_DONE)
				s->done++;
			if (type == NLMSG_ERROR && len >= 20 && he32(b) == 0)
				s->acks++;
			if (type == RTM_NEWROUTE && len >= 28 && b[1] == 24 &&
			    (a = attr(b + 12, len - 28, RTA_DST, &alen)) &&
			    alen == 4 && !memcmp(a, "\xc0\xa8\x05\x00", 4))
				s->route_seen = 1;
			if (type == RTM_NEWADDR && len >= 24 && b[1] == 24 &&
			    (a = attr(b + 8, len - 24, IFA_LOCAL, &alen)) &&
			    alen == 4 && !memcmp(a, "\x0a\x00\x00\x01", 4))
				s->addr_seen = 1;
			if (type == RTM_NEWNEIGH && len >= 28 &&
			    (a = attr(b + 12, len - 28, NDA_DST, &alen)) &&
			    alen == 4 && !memcmp(a, "\x0a\x00\x00\x02", 4))
				s->neigh_seen = 1;
		} else {
			s->bad = 1;
		}
		len = (len + 3) & ~3u;
		if (len >= left)
			break;
		p += len;
		left -= len;
	}
}

/* Sets out to base and then rel; 0 when that is executable, else -errno. */
static int runnable(char *out, size_t n, const char *base, const char *rel)
{
	if ((size_t)snprintf(out, n, "%s%s", base, rel) >= n)
		return -ENAMETOOLONG;
	return access(out, X_OK) == 0 ? 0 : -errno;
}

/* The dumplab binary next to this test binary (build/san) or two levels
 * up (release: ./dumplab), or DUMPLAB_BIN; 0, or -1 after saying which
 * paths failed and why. */
static int find_dumplab(char *out, size_t n)
{
	char exe[PATH_MAX], *dir;
	const char *env = getenv("DUMPLAB_BIN");
	ssize_t k;
	int e1, e2;

	if (env && *env) {
		e1 = runnable(out, n, env, "");
		if (e1 < 0)
			fprintf(stderr, "\n  find_dumplab: DUMPLAB_BIN '%s': %s\n",
				env, strerror(-e1));
		return e1 < 0 ? -1 : 0;
	}
	k = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (k <= 0) {
		fprintf(stderr, "\n  find_dumplab: '/proc/self/exe': %s\n",
			k < 0 ? strerror(errno) : "empty link");
		return -1;
	}
	exe[k] = '\0';
	dir = dirname(exe);
	if ((e1 = runnable(out, n, dir, "/dumplab")) == 0 ||
	    (e2 = runnable(out, n, dir, "/../../dumplab")) == 0)
		return 0;
	fprintf(stderr, "\n  find_dumplab: '%s/dumplab': %s; '%s': %s\n", dir,
		strerror(-e1), out, strerror(-e2));
	return -1;
}

/* Runs argv in this namespace; its output in out (release it), its exit
 * status returned, or -1 when it could not run. */
static int run(char *const argv[], struct hx_buf *out)
{
	char err[HX_ERRLEN];
	struct ns_run_res res;

	if (ns_run(err, NULL, argv, 60000, &res) < 0) {
		fprintf(stderr, "\n  %s\n", err);
		hx_buf_release(&res.out);
		hx_buf_init(out);
		return -1;
	}
	*out = res.out;
	if (!WIFEXITED(res.status))
		return -1;
	return WEXITSTATUS(res.status);
}

static int have(const char *prog)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", prog);
	return system(cmd) == 0;
}

static void tmpname(char *buf, size_t n, const char *what)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(buf, n, "%s/dumplab-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
		 what);
	fd = mkstemp(buf);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
}

static void test_dump_everything(void)
{
	char err[HX_ERRLEN], file[512], bin[PATH_MAX];
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct cap_writer_cfg wcfg = { 0 };
	struct cap_writer *w;
	struct cap_writer_stats ws;
	struct cap_sink sink;
	struct cap_nltap *t;
	const struct cap_pkt *pk;
	struct seen s;
	struct nl_sock *sk;
	struct nl_cb *cb0, *cb1;
	struct hx_buf out;
	size_t n, i, n_after;
	int rc;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	ST_OK(ns_route_add(err, a, "192.168.5.0/24", "10.0.0.2", NULL), err);
	/* A neighbour entry: one echo from a to b resolves b's address. */
	CU_ASSERT(st_ping(a, "10.0.0.2", 1) == 1);

	tmpname(file, sizeof(file), "nl");
	wcfg.name = file;
	ST_OK(cap_writer_new(err, &wcfg, &w), err);
	cap_writer_sink(w, &sink);

	sk = ns_host_nl(a);
	cb0 = nl_socket_get_cb(sk);
	ST_OK(cap_nltap_start(err, a, 0, &sink, 1, &t), err);
	CU_ASSERT_EQUAL(cap_nltap_dlt(t), DLT_NETLINK);
	/* This kernel has no nlmon: the tap, and why. */
	fprintf(stderr, "\n  netlink capture: %s (%s; errno %d)\n",
		cap_nltap_how(t), cap_nltap_why(t), cap_nltap_nlmon_errno(t));
	if (!strcmp(cap_nltap_how(t), "libnl tap")) {
		int e = cap_nltap_nlmon_errno(t);

		CU_ASSERT(e == EOPNOTSUPP || e == ENOENT || e == ENODEV ||
			  e == ENOSYS || e == EAFNOSUPPORT);
		CU_ASSERT(strstr(cap_nltap_why(t), "nlmon") != NULL);
	}
	/* A second capture of the same host is refused. */
	{
		struct cap_nltap *t2 = NULL;

		CU_ASSERT_EQUAL(cap_nltap_start(err, a, 0, NULL, 1, &t2),
				-EBUSY);
		CU_ASSERT(t2 == NULL && strstr(err, "'a'") != NULL);
	}

	ST_OK(cap_nltap_dump(err, t, CAP_NL_ALL), err);
	/* Whoever uses the socket is recorded: a request and its ack. */
	ST_OK(ns_addr_add(err, a, "eth0", "10.0.9.1/24"), err);
	CU_ASSERT_EQUAL(cap_nltap_dump(err, t, 0x10), -EINVAL);
	ST_OK(cap_nltap_stop(t, err), err);
	CU_ASSERT_EQUAL(cap_nltap_stop(t, err), 0);

	/* The socket has its own callbacks back, and works as before. */
	cb1 = nl_socket_get_cb(sk);
	CU_ASSERT(cb1 == cb0);
	nl_cb_put(cb1);
	nl_cb_put(cb0);
	pk = cap_nltap_packets(t, &n);
	CU_ASSERT_FATAL(n >= 9);
	ST_OK(ns_addr_add(err, a, "eth0", "10.0.8.1/24"), err);
	CU_ASSERT(st_nlinks(a) == 2);
	cap_nltap_packets(t, &n_after);
	CU_ASSERT_EQUAL(n_after, n);
	CU_ASSERT_EQUAL(cap_nltap_dump(err, t, CAP_NL_LINKS), -EINVAL);
	/* Nothing left of the nlmon attempt. */
	if (!strcmp(cap_nltap_how(t), "libnl tap"))
		CU_ASSERT(ns_ifindex(err, a, "nlmon0") < 0);

	memset(&s, 0, sizeof(s));
	for (i = 0; i < n; i++) {
		look(&s, &pk[i], nl_socket_get_local_port(sk));
		if (i > 0 && timercmp(&pk[i].h.ts, &pk[i - 1].h.ts, <))
			s.bad = 1;
	}
	CU_ASSERT_FALSE(s.bad);
	if (getenv("SHOW_NLTAP")) {
		for (i = 0; i < s.nout; i++)
			fprintf(stderr, "out %zu: type %u pid %u\n", i,
				s.out_types[i], s.out_pids[i]);
		for (i = 0; i < 128; i++)
			if (s.in_count[i])
				fprintf(stderr, "in type %zu: %u\n", i,
					s.in_count[i]);
	}
	/* The four dumps in order, then ns_addr_add's two requests (it
	 * looks the interface up, then adds). */
	CU_ASSERT_EQUAL_FATAL(s.nout, 6);
	CU_ASSERT_EQUAL(s.out_types[0], RTM_GETLINK);
	CU_ASSERT_EQUAL(s.out_types[1], RTM_GETADDR);
	CU_ASSERT_EQUAL(s.out_types[2], RTM_GETROUTE);
	CU_ASSERT_EQUAL(s.out_types[3], RTM_GETNEIGH);
	CU_ASSERT_EQUAL(s.out_types[4], RTM_GETLINK);
	CU_ASSERT_EQUAL(s.out_types[5], RTM_NEWADDR);
	/* The dumps as iproute2 sends them: port id 0; libnl's own
	 * requests carry the socket's port. */
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(s.out_pids[i], 0);
	CU_ASSERT_EQUAL(s.out_pids[4], nl_socket_get_local_port(sk));
	CU_ASSERT_EQUAL(s.out_pids[5], nl_socket_get_local_port(sk));
	/* lo and eth0, then eth0 alone; addresses; routes; the neighbour;
	 * one NLMSG_DONE per dump; libnl's two requests acked. */
	CU_ASSERT_EQUAL(s.in_count[RTM_NEWLINK], 3);
	CU_ASSERT(s.in_count[RTM_NEWADDR] >= 3);
	CU_ASSERT(s.in_count[RTM_NEWROUTE] >= 2);
	CU_ASSERT(s.in_count[RTM_NEWNEIGH] >= 1);
	CU_ASSERT_EQUAL(s.done, 4);
	CU_ASSERT_EQUAL(s.acks, 2);
	CU_ASSERT(s.route_seen && s.addr_seen && s.neigh_seen);
	/* The first record is the first request, the second its answer. */
	CU_ASSERT(pk[0].data[1] == CAP_NL_OUTGOING && pk[1].data[1] == CAP_NL_HOST);

	/* The savefile holds the same records. */
	cap_writer_stats(w, &ws);
	CU_ASSERT_EQUAL(ws.packets, n);
	cap_writer_free(w);
	{
		char ebuf[PCAP_ERRBUF_SIZE];
		pcap_t *p = pcap_open_offline(file, ebuf);
		struct pcap_pkthdr *h;
		const u_char *d;
		size_t k = 0;

		CU_ASSERT_FATAL(p != NULL);
		CU_ASSERT_EQUAL(pcap_datalink(p), DLT_NETLINK);
		while (pcap_next_ex(p, &h, &d) == 1) {
			if (k < n)
				CU_ASSERT(h->caplen == pk[k].h.caplen &&
					  !memcmp(d, pk[k].data, h->caplen));
			k++;
		}
		CU_ASSERT_EQUAL(k, n);
		pcap_close(p);
	}

	/* dumplab read names each message. */
	CU_ASSERT_FATAL(find_dumplab(bin, sizeof(bin)) == 0);
	{
		char *argv[] = { bin, "read", "-r", file, NULL };

		rc = run(argv, &out);
		CU_ASSERT_EQUAL(rc, 0);
		if (getenv("SHOW_NLTAP"))
			fprintf(stderr, "%s", out.p ? out.p : "");
		CU_ASSERT(out.p && strstr(out.p, "NETLINK route Out, "
					  "RTM_GETLINK [request,dump]"));
		CU_ASSERT(out.p && strstr(out.p, "NETLINK route In, "
					  "RTM_NEWLINK"));
		CU_ASSERT(out.p && strstr(out.p, "RTM_NEWADDR"));
		CU_ASSERT(out.p && strstr(out.p, "RTM_NEWROUTE"));
		CU_ASSERT(out.p && strstr(out.p, "RTM_NEWNEIGH"));
		CU_ASSERT(out.p && strstr(out.p, "NLMSG_DONE"));
		CU_ASSERT(out.p && strstr(out.p, "10.0.0.1/24"));
		hx_buf_release(&out);
	}

	/* tshark decodes the records as rtnetlink. */
	if (!have("tshark")) {
		fprintf(stderr, "\n  test-nltap: tshark check skipped: "
				"tshark is not installed\n");
	} else {
		char *argv[] = { "tshark", "-r", file, "-V", NULL };

		rc = run(argv, &out);
		CU_ASSERT_EQUAL(rc, 0);
		if (getenv("SHOW_NLTAP"))
			fprintf(stderr, "%s", out.p ? out.p : "");
		CU_ASSERT(out.p && strstr(out.p, "Linux netlink (cooked header)"));
		CU_ASSERT(out.p && strstr(out.p, "Link-layer address type: "
					  "Netlink (824)"));
		CU_ASSERT(out.p && strstr(out.p, "Family: Route (0x0000)"));
		CU_ASSERT(out.p && strstr(out.p, "Linux rtnetlink"));
		CU_ASSERT(out.p && strstr(out.p, "Message type: Get network "
					  "interface"));
		CU_ASSERT(out.p && strstr(out.p, "Message type: Create network "
					  "interface"));
		CU_ASSERT(out.p && strstr(out.p, "Message type: Add IP address"));
		CU_ASSERT(out.p && strstr(out.p, "Message type: Add network route"));
		CU_ASSERT(out.p && strstr(out.p, "Message type: Add neighbor"));
		CU_ASSERT(out.p && strstr(out.p, "End of a dump"));
		CU_ASSERT(out.p && !strstr(out.p, "Malformed"));
		hx_buf_release(&out);
	}
	unlink(file);
	cap_nltap_free(t);
	ns_lab_free(lab);
}

/* Records cut to the snapshot length; the sink's error ends the capture. */
static int failing_packet(void *arg, char *err, const struct pcap_pkthdr *h,
			  const uint8_t *p)
{
	int *count = arg;

	(void)h;
	(void)p;
	if (++*count == 3)
		return hx_err(err, -ENOSPC, "cannot write 'x': No space left");
	return 0;
}

static void test_snaplen_and_sink_error(void)
{
	char err[HX_ERRLEN];
	struct ns_lab *lab;
	struct ns_host *a;
	struct cap_nltap *t;
	const struct cap_pkt *pk;
	struct cap_sink sink = { .packet = failing_packet };
	int count = 0;
	size_t n, i;

	sink.arg = &count;
	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(ns_host_add(err, lab, "a", &a), err);
	ST_OK(cap_nltap_start(err, a, 48, NULL, 1, &t), err);
	ST_OK(cap_nltap_dump(err, t, CAP_NL_LINKS | CAP_NL_ADDRS), err);
	ST_OK(cap_nltap_stop(t, err), err);
	pk = cap_nltap_packets(t, &n);
	CU_ASSERT_FATAL(n >= 4);
	for (i = 0; i < n; i++) {
		CU_ASSERT(pk[i].h.caplen <= 48);
		CU_ASSERT(pk[i].h.caplen == (pk[i].h.len < 48 ? pk[i].h.len : 48));
	}
	/* The RTM_NEWLINK answer of lo is longer than 48 bytes. */
	CU_ASSERT(pk[1].h.len > 48 && pk[1].h.caplen == 48);
	cap_nltap_free(t);

	ST_OK(cap_nltap_start(err, a, 0, &sink, 1, &t), err);
	err[0] = '\0';
	CU_ASSERT_EQUAL(cap_nltap_dump(err, t, CAP_NL_ALL), -ENOSPC);
	CU_ASSERT(strstr(err, "No space left") != NULL);
	CU_ASSERT_EQUAL(cap_nltap_stop(t, err), -ENOSPC);
	pk = cap_nltap_packets(t, &n);
	CU_ASSERT_EQUAL(n, 2); /* the third record failed: nothing after */
	CU_ASSERT_EQUAL(count, 3);
	cap_nltap_free(t);
	/* The host's socket still works. */
	CU_ASSERT(st_nlinks(a) == 1);
	ns_lab_free(lab);
}

/* What netns/'s tap hands across the boundary: plain datagrams. */
struct taps_seen {
	int out, in;
	unsigned proto;
	int out_type; /* the first sent message's nlmsg_type */
};

static void count_tap(void *arg, int outgoing, unsigned proto,
		      const void *msg, size_t len)
{
	struct taps_seen *ts = arg;
	const struct nlmsghdr *nh = msg;

	ts->proto = proto;
	if (outgoing && !ts->out++ && len >= sizeof(*nh))
		ts->out_type = nh->nlmsg_type;
	else if (!outgoing)
		ts->in++;
}

/* ns_nltap: one claim per host, bytes to the callback, the socket restored. */
static void test_ns_tap(void)
{
	char err[HX_ERRLEN];
	struct ns_lab *lab;
	struct ns_host *a, *b;
	struct ns_nltap *t, *t2;
	struct taps_seen ts = { 0 }, after;
	struct nl_cb *cb0, *cb1;

	ST_OK(ns_lab_new(err, &lab), err);
	ST_OK(st_pair(err, lab, &a, &b), err);
	cb0 = nl_socket_get_cb(ns_host_nl(a));
	ST_OK(ns_nltap_new(err, a, &t), err);
	CU_ASSERT_EQUAL(ns_nltap_new(err, a, &t2), -EBUSY);
	CU_ASSERT_STRING_EQUAL(err, "host 'a' already has a netlink capture");
	ST_OK(ns_nltap_attach(err, t, count_tap, &ts), err);
	ST_OK(ns_nl_dump(err, a, NS_NL_LINKS), err);
	CU_ASSERT_EQUAL(ts.out, 1);
	CU_ASSERT_EQUAL(ts.out_type, RTM_GETLINK);
	CU_ASSERT(ts.in >= 2); /* the links, then NLMSG_DONE */
	CU_ASSERT_EQUAL(ts.proto, NETLINK_ROUTE);
	ns_nltap_detach(t);
	after = ts;
	ST_OK(ns_nl_dump(err, a, NS_NL_ADDRS), err);
	CU_ASSERT_EQUAL(ts.out, after.out);
	CU_ASSERT_EQUAL(ts.in, after.in);
	cb1 = nl_socket_get_cb(ns_host_nl(a));
	CU_ASSERT_PTR_EQUAL(cb0, cb1);
	nl_cb_put(cb0);
	nl_cb_put(cb1);
	CU_ASSERT_EQUAL(ns_nl_dump(err, a, 16), -EINVAL);
	ns_nltap_free(t);
	/* the claim is released: the host can be tapped again */
	ST_OK(ns_nltap_new(err, a, &t2), err);
	ns_nltap_free(t2);
	ns_lab_free(lab);
}

static CU_TestInfo tests[] = {
	{ "netns tap: one per host, datagrams as bytes, socket restored",
	  test_ns_tap },
	{ "dumps links, addresses, routes, neighbours; file, read, tshark",
	  test_dump_everything },
	{ "snapshot length and a failing sink", test_snaplen_and_sink_error },
	CU_TEST_INFO_NULL,
};

static int init(void)
{
	return st_boot();
}

TU_SUITE("nltap", init, NULL, tests);
