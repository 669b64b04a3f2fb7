/* sc-tdopts.c: phase 1's minimal tcpdump option check, behind td_parse's contract (capture/tdopts.h). */
#include "harness/sc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * PHASE 2: td_parse (capture/tdopts.c) lands with the printer branch. Then
 * this file shrinks to:
 *
 *	int sc_td_parse(char *err, int argc, char **argv, unsigned mode,
 *			struct td_opts *o, int *badword)
 *	{
 *		*badword = sc_td_badword(err, argc, argv);
 *		return td_parse(err, argc, argv, mode, o);
 *	}
 *	void sc_td_release(struct td_opts *o) { td_release(o); }
 *
 * where sc_td_badword finds the word td_parse's message quotes. Until then
 * this check knows tcpdump 4.99's options, their arguments and ranges, and
 * fills struct td_opts the same way, so sc-check.c and the scenarios do not
 * change when the real parser arrives.
 */

static int number(const char *s, long long min, long long max, long long *out)
{
	char *e;

	if (!*s || !(isdigit((unsigned char)*s) || *s == '-'))
		return -1;
	errno = 0;
	*out = strtoll(s, &e, 10);
	if (*e || errno || *out < min || *out > max)
		return -1;
	return 0;
}

/* -C takes bytes as millions, or with a k, m or g suffix (4.99). */
static int csize(const char *s, long long *out)
{
	char *e;
	long long v, m = 1000000;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &e, 10);
	if (errno || v <= 0)
		return -1;
	if (*e == 'k' || *e == 'K')
		m = 1024, e++;
	else if (*e == 'm' || *e == 'M')
		m = 1024 * 1024, e++;
	else if (*e == 'g' || *e == 'G')
		m = 1024 * 1024 * 1024, e++;
	if (*e || v > (1LL << 40) / m)
		return -1;
	*out = v * m;
	return 0;
}

/* Options that take an argument, as tcpdump 4.99 spells them. */
static int takes_arg(char c)
{
	return c && strchr("BcCEFGiIjmMPQrsTVwWyzZ", c) != NULL;
}

static int short_opt(char *err, char c, const char *arg, unsigned mode,
		     struct td_opts *o)
{
	long long v;

	switch (c) {
	case 'A': o->pr.Aflag = 1; return 0;
	case 'e': o->pr.eflag = 1; return 0;
	case 'n': o->pr.nflag++; return 0;
	case 'N': return 0;
	case 'q': o->pr.qflag = 1; return 0;
	case 'S': o->pr.Sflag = 1; return 0;
	case 'l': return 0;
	case 'U': o->packet_buffered = 1; return 0;
	case 'v': o->pr.vflag++; return 0;
	case 't':
		if (++o->pr.tflag > 5)
			return hx_err(err, -EINVAL, "option -t: at most five (-ttttt)");
		return 0;
	case 'x': if (o->pr.xflag < 2) o->pr.xflag++; return 0;
	case 'X': if (o->pr.Xflag < 2) o->pr.Xflag++; return 0;
	case 'D': o->list_ifaces = 1; return 0;
	case 'p': o->no_promisc = 1; return 0;
	case 'c':
		if (number(arg, 1, 1000000000, &v) < 0)
			return hx_err(err, -EINVAL, "option -c: '%s' is not a packet count", arg);
		o->count = (long)v;
		return 0;
	case 's':
		if (number(arg, 0, 262144, &v) < 0)
			return hx_err(err, -EINVAL,
				      "option -s: '%s' is not a snapshot length (0-262144)", arg);
		o->snaplen = (int)v;
		return 0;
	case 'B':
		if (number(arg, 1, 1 << 22, &v) < 0)
			return hx_err(err, -EINVAL, "option -B: '%s' is not a buffer size in KiB", arg);
		o->buffer_kib = (int)v;
		return 0;
	case 'i': o->iface = arg; return 0;
	case 'r': o->rfile = arg; return 0;
	case 'F': o->ffile = arg; return 0;
	case 'w': o->wfile = arg; return 0;
	case 'z': o->postrotate = arg; return 0;
	case 'Z': o->user = arg; return 0;
	case 'P':
	case 'Q':
		if (!strcmp(arg, "in"))
			o->direction = TD_DIR_IN;
		else if (!strcmp(arg, "out"))
			o->direction = TD_DIR_OUT;
		else if (!strcmp(arg, "inout"))
			o->direction = TD_DIR_INOUT;
		else
			return hx_err(err, -EINVAL, "option -%c: '%s' is not in, out or inout",
				      c, arg);
		o->direction_set = 1;
		return 0;
	case 'G':
		if (number(arg, 1, 100000000, &v) < 0)
			return hx_err(err, -EINVAL, "option -G: '%s' is not a number of seconds", arg);
		o->rotate_secs = (int)v;
		return 0;
	case 'C':
		if (csize(arg, &o->rotate_bytes) < 0)
			return hx_err(err, -EINVAL, "option -C: '%s' is not a file size", arg);
		return 0;
	case 'W':
		if (number(arg, 1, 1000000, &v) < 0)
			return hx_err(err, -EINVAL, "option -W: '%s' is not a file count", arg);
		o->file_limit = (int)v;
		return 0;
	default:
		(void)mode;
		return hx_err(err, -EINVAL, "option -%c is not supported", c);
	}
}

/* Which options each mode accepts. */
static int allowed(char c, unsigned mode)
{
	if (!(mode & TD_READ) && c == 'r')
		return 0;
	if (!(mode & TD_CAPTURE) && strchr("iDpPQBGCWzZU", c))
		return 0;
	return 1;
}

int sc_td_parse(char *err, int argc, char **argv, unsigned mode,
		struct td_opts *o, int *badword)
{
	struct hx_buf filter = HX_BUF_INIT;
	int i, r, dashdash = 0;

	memset(o, 0, sizeof(*o));
	*badword = -1;
	for (i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (dashdash || w[0] != '-' || !w[1]) {
			/* getopt permutes: words that are not options are the
			 * filter, wherever they stand. */
			if (filter.len)
				hx_buf_putc(&filter, ' ');
			hx_buf_puts(&filter, w);
			continue;
		}
		if (!strcmp(w, "--")) {
			dashdash = 1;
			continue;
		}
		if (w[1] == '-') {
			if (!strcmp(w, "--immediate-mode")) {
				o->immediate = 1;
			} else if (!strcmp(w, "--nano") ||
				   !strcmp(w, "--time-stamp-precision=nano")) {
				o->pr.nano = 1;
			} else if (!strcmp(w, "--time-stamp-precision=micro")) {
				o->pr.nano = 0;
			} else if (!strcmp(w, "--help")) {
				hx_buf_release(&filter);
				return 1;
			} else if (!strcmp(w, "--skip") && (mode & TD_READ)) {
				long long v;

				if (i + 1 >= argc || number(argv[i + 1], 0, 1LL << 40, &v) < 0) {
					*badword = i + 1 < argc ? i + 1 : i;
					hx_buf_release(&filter);
					return hx_err(err, -EINVAL, "option --skip needs a packet count");
				}
				o->skip = (long)v;
				i++;
			} else {
				*badword = i;
				hx_buf_release(&filter);
				return hx_err(err, -EINVAL, "unknown option '%s'", w);
			}
			continue;
		}
		for (w++; *w; w++) {
			const char *arg = NULL;

			if (*w == 'h') {
				hx_buf_release(&filter);
				return 1;
			}
			if (!strchr("AenNqSlUvtxXDpcsBirFwzZPQGCW", *w)) {
				*badword = i;
				hx_buf_release(&filter);
				return hx_err(err, -EINVAL, "unknown option '-%c' in '%s'", *w,
					      argv[i]);
			}
			if (!allowed(*w, mode)) {
				*badword = i;
				hx_buf_release(&filter);
				return hx_err(err, -EINVAL, "option -%c is for %s", *w,
					      *w == 'r' ? "reading a file ('NAME: read tcpdump -r FILE')"
							: "a live capture");
			}
			if (takes_arg(*w)) {
				if (w[1]) {
					arg = w + 1;
				} else if (i + 1 < argc) {
					arg = argv[++i];
				} else {
					*badword = i;
					hx_buf_release(&filter);
					return hx_err(err, -EINVAL, "option -%c needs an argument", *w);
				}
				r = short_opt(err, *w, arg, mode, o);
				if (r < 0) {
					*badword = i;
					hx_buf_release(&filter);
					return r;
				}
				break;
			}
			r = short_opt(err, *w, NULL, mode, o);
			if (r < 0) {
				*badword = i;
				hx_buf_release(&filter);
				return r;
			}
		}
	}
	if (o->file_limit && !o->rotate_bytes && !o->rotate_secs) {
		hx_buf_release(&filter);
		return hx_err(err, -EINVAL, "option -W needs -C or -G");
	}
	if ((o->rotate_bytes || o->rotate_secs) && !o->wfile) {
		hx_buf_release(&filter);
		return hx_err(err, -EINVAL, "option -%c needs -w FILE",
			      o->rotate_bytes ? 'C' : 'G');
	}
	if (o->postrotate && !o->wfile) {
		hx_buf_release(&filter);
		return hx_err(err, -EINVAL, "option -z needs -w FILE");
	}
	if (filter.oom) {
		hx_buf_release(&filter);
		return hx_err(err, -ENOMEM, "out of memory");
	}
	o->filter = filter.p; /* NULL when there is no filter */
	return 0;
}

void sc_td_release(struct td_opts *o)
{
	if (!o)
		return;
	free(o->filter);
	o->filter = NULL;
}
