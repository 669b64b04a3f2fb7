/* tdopts.c: tcpdump's command line, parsed the way getopt_long would, without its globals. */
#include "capture/tdopts.h"
#include "capture/writer.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define TD_BOTH (TD_READ | TD_CAPTURE)

/* Values of long-only options. */
enum {
	OPT_NANO = 256,
	OPT_MICRO,
	OPT_PRECISION,
	OPT_SKIP,
	OPT_IMMEDIATE,
	OPT_ROTATE_ALIGN,
};

struct td_opt {
	int id;		  /* the short letter, or OPT_ */
	const char *name; /* the long name, or NULL */
	int has_arg;
	unsigned mode;
};

/* Every option: tcpdump's letters and long names, and dumplab's --skip. */
static const struct td_opt td_opts[] = {
	{ 'n', NULL, 0, TD_BOTH },
	{ 'e', NULL, 0, TD_BOTH },
	{ 'q', NULL, 0, TD_BOTH },
	{ 'S', "absolute-tcp-sequence-numbers", 0, TD_BOTH },
	{ 'b', NULL, 0, TD_BOTH },
	{ 'v', NULL, 0, TD_BOTH },
	{ 't', NULL, 0, TD_BOTH },
	{ 'x', NULL, 0, TD_BOTH },
	{ 'X', NULL, 0, TD_BOTH },
	{ 'A', NULL, 0, TD_BOTH },
	{ 'T', NULL, 1, TD_BOTH },
	{ 'H', NULL, 0, TD_BOTH },
	{ OPT_NANO, "nano", 0, TD_BOTH },
	{ OPT_MICRO, "micro", 0, TD_BOTH },
	{ OPT_PRECISION, "time-stamp-precision", 1, TD_BOTH },
	{ 'c', NULL, 1, TD_BOTH },
	{ 'F', NULL, 1, TD_BOTH },
	{ 'h', "help", 0, TD_BOTH },
	{ 'r', NULL, 1, TD_READ },
	{ OPT_SKIP, "skip", 1, TD_READ },
	{ 'j', "threads", 1, TD_READ },
	{ 'i', "interface", 1, TD_CAPTURE },
	{ 'D', "list-interfaces", 0, TD_CAPTURE },
	{ 'p', "no-promiscuous-mode", 0, TD_CAPTURE },
	{ 'Q', "direction", 1, TD_CAPTURE },
	{ 'P', NULL, 1, TD_CAPTURE },
	{ 's', "snapshot-length", 1, TD_CAPTURE },
	{ 'B', "buffer-size", 1, TD_CAPTURE },
	{ 'U', "packet-buffered", 0, TD_CAPTURE },
	{ OPT_IMMEDIATE, "immediate-mode", 0, TD_CAPTURE },
	{ 'w', NULL, 1, TD_CAPTURE },
	{ 'G', NULL, 1, TD_CAPTURE },
	{ 'C', NULL, 1, TD_CAPTURE },
	{ 'W', NULL, 1, TD_CAPTURE },
	{ OPT_ROTATE_ALIGN, "rotate-align", 0, TD_CAPTURE },
	{ 'z', NULL, 1, TD_CAPTURE },
	{ 'Z', "relinquish-privileges", 1, TD_CAPTURE },
	{ 0, NULL, 0, 0 },
};

/* "-c" or "--skip", for messages. */
static const char *opt_label(const struct td_opt *o, char *buf, size_t len)
{
	if (o->id < 256)
		snprintf(buf, len, "-%c", o->id);
	else
		snprintf(buf, len, "--%s", o->name);
	return buf;
}

static int parse_long_int(char *err, const char *label, const char *s,
			  long long min, long long max, long long *out)
{
	char *end;
	long long v = 0;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0')
		return hx_err(err, -EINVAL, "option %s: '%s' is not a number",
			      label, s);
	if (errno == ERANGE || v < min || v > max)
		return hx_err(err, -ERANGE,
			      "option %s: '%s' is out of range (%lld to %lld)",
			      label, s, min, max);
	*out = v;
	return 0;
}

/* The filter file's text, with "# comment" blanked out as tcpdump does. */
static int read_filter_file(char *err, const char *path, char **out)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, i;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hx_err(err, -errno, "cannot read filter file '%s': %s",
			      path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		rc = hx_err(err, -errno, "cannot read filter file '%s': %s",
			    path, strerror(errno));
		goto fail;
	}
	if (st.st_size > INT_MAX) {
		rc = hx_err(err, -EFBIG, "filter file '%s' is too large", path);
		goto fail;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		rc = hx_err(err, -ENOMEM, "cannot read filter file '%s': %s",
			    path, strerror(ENOMEM));
		goto fail;
	}
	while (n < (size_t)st.st_size) {
		ssize_t got = read(fd, buf + n, (size_t)st.st_size - n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = hx_err(err, -errno,
				    "cannot read filter file '%s': %s", path,
				    strerror(errno));
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if (buf[i] == '#')
			while (i < n && buf[i] != '\n')
				buf[i++] = ' ';
	*out = buf;
	return 0;
fail:
	free(buf);
	close(fd);
	return rc;
}

/*
 * tcpdump 4.99.3's -T types, and the PR_PT_ value of those dumplab
 * decodes (PR_PT_NONE: tcpdump knows the type, dumplab does not decode it).
 */
static const struct {
	const char *name;
	int type;
} td_packet_types[] = {
	{ "vat", PR_PT_NONE },	  { "wb", PR_PT_NONE },
	{ "rpc", PR_PT_NONE },	  { "rtp", PR_PT_RTP },
	{ "rtcp", PR_PT_RTCP },	  { "snmp", PR_PT_SNMP },
	{ "cnfp", PR_PT_NONE },	  { "tftp", PR_PT_TFTP },
	{ "aodv", PR_PT_NONE },	  { "carp", PR_PT_NONE },
	{ "radius", PR_PT_RADIUS }, { "zmtp1", PR_PT_NONE },
	{ "vxlan", PR_PT_VXLAN }, { "pgm", PR_PT_NONE },
	{ "pgm_zmtp1", PR_PT_NONE }, { "lmp", PR_PT_NONE },
	{ "resp", PR_PT_RESP },	  { "ptp", PR_PT_PTP },
	{ "someip", PR_PT_NONE }, { "domain", PR_PT_DOMAIN },
};

static int parse_packet_type(char *err, const char *arg, int *out)
{
	size_t i;

	for (i = 0; i < sizeof(td_packet_types) / sizeof(td_packet_types[0]);
	     i++) {
		if (strcasecmp(arg, td_packet_types[i].name))
			continue;
		if (td_packet_types[i].type == PR_PT_NONE)
			return hx_err(err, -ENOTSUP,
				      "option -T: packet type '%s' is not "
				      "decoded by dumplab (it decodes rtp, "
				      "rtcp, vxlan, snmp, tftp, radius, ptp, "
				      "domain and resp)",
				      arg);
		*out = td_packet_types[i].type;
		return 0;
	}
	return hx_err(err, -EINVAL, "option -T: unknown packet type '%s'",
		      arg);
}

static int apply(char *err, const struct td_opt *o, const char *arg,
		 struct td_opts *t)
{
	char label[64];
	long long v = 0;
	int rc;

	opt_label(o, label, sizeof(label));
	switch (o->id) {
	case 'n':
		t->pr.nflag++;
		break;
	case 'e':
		t->pr.eflag++;
		break;
	case 'q':
		t->pr.qflag++;
		break;
	case 'S':
		t->pr.Sflag++;
		break;
	case 'b':
		t->pr.bflag++;
		break;
	case 'v':
		t->pr.vflag++;
		break;
	case 't':
		if (++t->pr.tflag > 5)
			return hx_err(err, -EINVAL,
				      "option -t: given more than five times");
		break;
	case 'x':
		t->pr.xflag++;
		break;
	case 'X':
		t->pr.Xflag++;
		break;
	case 'A':
		t->pr.Aflag++;
		break;
	case 'H':
		t->pr.Hflag = 1;
		break;
	case 'T':
		rc = parse_packet_type(err, arg, &t->pr.Ttype);
		if (rc < 0)
			return rc;
		break;
	case OPT_NANO:
		t->pr.nano = 1;
		break;
	case OPT_MICRO:
		t->pr.nano = 0;
		break;
	case OPT_PRECISION:
		if (!strcasecmp(arg, "nano"))
			t->pr.nano = 1;
		else if (!strcasecmp(arg, "micro"))
			t->pr.nano = 0;
		else
			return hx_err(err, -EINVAL,
				      "option %s: '%s' is not micro or nano",
				      label, arg);
		break;
	case 'c':
		rc = parse_long_int(err, label, arg, 1, LONG_MAX, &v);
		if (rc < 0)
			return rc;
		t->count = (long)v;
		break;
	case OPT_SKIP:
		rc = parse_long_int(err, label, arg, 0, LONG_MAX, &v);
		if (rc < 0)
			return rc;
		t->skip = (long)v;
		break;
	case 'j':
		rc = parse_long_int(err, label, arg, 1, TD_MAX_THREADS, &v);
		if (rc < 0)
			return rc;
		t->threads = (int)v;
		break;
	case 'F':
		t->ffile = arg;
		break;
	case 'r':
		t->rfile = arg;
		break;
	case 'i':
		t->iface = arg;
		break;
	case 'D':
		t->list_ifaces = 1;
		break;
	case 'p':
		t->no_promisc = 1;
		break;
	case 'Q':
	case 'P':
		if (!strcasecmp(arg, "in"))
			t->direction = TD_DIR_IN;
		else if (!strcasecmp(arg, "out"))
			t->direction = TD_DIR_OUT;
		else if (!strcasecmp(arg, "inout"))
			t->direction = TD_DIR_INOUT;
		else
			return hx_err(err, -EINVAL,
				      "option %s: '%s' is not in, out or inout",
				      label, arg);
		t->direction_set = 1;
		break;
	case 's':
		rc = parse_long_int(err, label, arg, 0, 262144, &v);
		if (rc < 0)
			return rc;
		t->snaplen = (int)v;
		break;
	case 'B':
		rc = parse_long_int(err, label, arg, 1, INT_MAX / 1024, &v);
		if (rc < 0)
			return rc;
		t->buffer_kib = (int)v;
		break;
	case 'U':
		t->packet_buffered = 1;
		break;
	case OPT_IMMEDIATE:
		t->immediate = 1;
		break;
	case 'w':
		t->wfile = arg;
		break;
	case 'G': /* -C -G -W: the writer's own spelling (writer.h) */
		rc = cap_writer_parse_opt(err, 'G', arg, &v);
		if (rc < 0)
			return rc;
		t->rotate_secs = (int)v;
		break;
	case 'C':
		rc = cap_writer_parse_opt(err, 'C', arg, &v);
		if (rc < 0)
			return rc;
		t->rotate_bytes = v;
		break;
	case 'W':
		rc = cap_writer_parse_opt(err, 'W', arg, &v);
		if (rc < 0)
			return rc;
		t->file_limit = (int)v;
		break;
	case OPT_ROTATE_ALIGN:
		t->rotate_align = 1;
		break;
	case 'z':
		t->postrotate = arg;
		break;
	case 'Z':
		t->user = arg;
		break;
	default:
		break;
	}
	return 0;
}

static const struct td_opt *find_short(int ch)
{
	const struct td_opt *o;

	for (o = td_opts; o->id; o++)
		if (o->id == ch)
			return o;
	return NULL;
}

/* An exact long name, or the one option a prefix abbreviates. */
static int find_long(char *err, const char *name, size_t len,
		     const struct td_opt **out)
{
	const struct td_opt *o, *hit = NULL;
	int n = 0;

	for (o = td_opts; o->id; o++) {
		if (!o->name || strncmp(o->name, name, len))
			continue;
		if (strlen(o->name) == len) {
			*out = o;
			return 0;
		}
		hit = o;
		n++;
	}
	if (n == 1) {
		*out = hit;
		return 0;
	}
	if (n > 1)
		return hx_err(err, -EINVAL, "option '--%.*s' is ambiguous",
			      (int)len, name);
	return hx_err(err, -EINVAL, "unrecognized option '--%.*s'", (int)len,
		      name);
}

static int not_here(char *err, const struct td_opt *o)
{
	char label[64];

	opt_label(o, label, sizeof(label));
	if (o->mode == TD_CAPTURE)
		return hx_err(err, -EINVAL, "option %s is for a live capture", label);
	if (o->mode == TD_READ)
		return hx_err(err, -EINVAL, "option %s is for reading a file", label);
	return hx_err(err, -EINVAL, "option %s is not an option of this command",
		      label);
}

int td_parse(char *err, int argc, char **argv, unsigned mode,
	     struct td_opts *o)
{
	size_t flen = 0;
	int i, nwords = 0, only_words = 0, help = 0, rc;
	char **words = NULL;

	memset(o, 0, sizeof(*o));
	words = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*words));
	if (!words)
		return hx_err(err, -ENOMEM, "cannot parse options: %s",
			      strerror(ENOMEM));
	for (i = 1; i < argc; i++) {
		char *a = argv[i];
		const struct td_opt *opt = NULL;

		if (only_words || a[0] != '-' || a[1] == '\0') {
			words[nwords++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_words = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const char *arg = NULL;

			rc = find_long(err, name, len, &opt);
			if (rc < 0)
				goto fail;
			if (!(opt->mode & mode)) {
				rc = not_here(err, opt);
				goto fail;
			}
			if (opt->has_arg) {
				if (eq) {
					arg = eq + 1;
				} else if (i + 1 < argc) {
					arg = argv[++i];
				} else {
					rc = hx_err(err, -EINVAL,
						    "option '--%s' needs an argument",
						    opt->name);
					goto fail;
				}
			} else if (eq) {
				rc = hx_err(err, -EINVAL,
					    "option '--%s' takes no argument",
					    opt->name);
				goto fail;
			}
			if (opt->id == 'h') {
				help = 1;
				continue;
			}
			rc = apply(err, opt, arg, o);
			if (rc < 0)
				goto fail;
			continue;
		}
		/* A cluster of short options: -nnvX, -c5, -c 5. */
		for (a++; *a; a++) {
			const char *arg = NULL;

			opt = find_short((unsigned char)*a);
			if (!opt) {
				rc = hx_err(err, -EINVAL, "unknown option '-%c'",
					    *a);
				goto fail;
			}
			if (!(opt->mode & mode)) {
				rc = not_here(err, opt);
				goto fail;
			}
			if (opt->has_arg) {
				if (a[1]) {
					arg = a + 1;
				} else if (i + 1 < argc) {
					arg = argv[++i];
				} else {
					rc = hx_err(err, -EINVAL,
						    "option -%c needs an argument",
						    *a);
					goto fail;
				}
			}
			if (opt->id == 'h') {
				help = 1;
			} else {
				rc = apply(err, opt, arg, o);
				if (rc < 0)
					goto fail;
			}
			if (arg)
				break;
		}
	}
	if (help) {
		free(words);
		return 1;
	}
	if (o->ffile) {
		if (nwords) {
			rc = hx_err(err, -EINVAL,
				    "option -F: a filter file and a filter on the command line ('%s') exclude each other",
				    words[0]);
			goto fail;
		}
		rc = read_filter_file(err, o->ffile, &o->filter);
		if (rc < 0)
			goto fail;
	} else if (nwords) {
		for (i = 0; i < nwords; i++)
			flen += strlen(words[i]) + 1;
		o->filter = malloc(flen);
		if (!o->filter) {
			rc = hx_err(err, -ENOMEM, "cannot parse options: %s",
				    strerror(ENOMEM));
			goto fail;
		}
		o->filter[0] = '\0';
		for (i = 0, flen = 0; i < nwords; i++) {
			size_t l = strlen(words[i]);

			memcpy(o->filter + flen, words[i], l);
			flen += l;
			o->filter[flen++] = i + 1 < nwords ? ' ' : '\0';
		}
	}
	free(words);
	words = NULL;
	if (mode & TD_CAPTURE) {
		rc = cap_writer_opts_check(err, o);
		if (rc < 0)
			goto fail;
	}
	return 0;
fail:
	free(words);
	td_release(o);
	return rc;
}

void td_release(struct td_opts *o)
{
	if (!o)
		return;
	free(o->filter);
	o->filter = NULL;
}

void td_iter_opts(const struct td_opts *o, struct sf_iter_opts *io)
{
	io->nano = o->pr.nano;
	io->skip = o->skip;
	io->count = o->count;
}
