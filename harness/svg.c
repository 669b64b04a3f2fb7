/* svg.c: a scenario's topology and its TCP ladders as SVG, every string escaped. */
#include "harness/svg.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "capture/decode.h"
#include "harness/runner.h" /* hx_xml_escape */

void hx_svg_text(struct hx_buf *out, const char *s)
{
	hx_xml_escape(out, s ? s : "", s ? strlen(s) : 0);
}

void hx_svg_conv_title(struct hx_buf *out, const struct cap_lad *l, size_t i)
{
	const struct cap_lad_conv *c = &l->conv[i];

	hx_buf_printf(out, "TCP conversation %zu: ", i + 1);
	hx_svg_text(out, c->left);
	hx_buf_puts(out, " &lt;-&gt; ");
	hx_svg_text(out, c->right);
	hx_buf_printf(out, " (%zu packet%s)", c->n, c->n == 1 ? "" : "s");
}

/* ---- ladders ---------------------------------------------------------- */

/* The geometry of a ladder, in user units (pixels at scale 1). */
#define LW 760		/* width */
#define LX_TIME 84	/* the time column's right edge */
#define LX_L 150	/* the left end's bar */
#define LX_R 720	/* the right end's bar */
#define LY_HEAD 20	/* the ends' names */
#define LY_FIRST 52	/* the first arrow */
#define LROW 26		/* from one arrow to the next */
/* A pause of at least LGAP_US between two segments opens a gap of LGAP
 * more units: the seed's SYN retries 1 s and 2 s apart read as such. */
#define LGAP 16
#define LGAP_US 100000LL

static long long us_between(const struct cap_lad_opts *o, const struct timeval *a,
			    const struct timeval *b)
{
	long long d = ((long long)b->tv_sec - a->tv_sec) * 1000000LL;

	if (o && o->nano)
		return d + ((long long)b->tv_usec - a->tv_usec) / 1000;
	return d + ((long long)b->tv_usec - a->tv_usec);
}

/* Colours: ordinary segments, retransmissions, resets. */
static const char *seg_colour(const struct cap_lad_seg *g)
{
	if (g->flags & CAP_TCP_RST)
		return "#b91c1c";
	if (g->retrans)
		return "#c2410c";
	return "#1d4ed8";
}

/* The y of each of the first k segments of conversation c, and the
 * height of the whole drawing. */
static int ladder_height(const struct cap_lad_opts *o, const struct cap_lad *l,
			 const struct cap_lad_conv *c, const struct cap_pkt *pkts,
			 size_t k, int *ys)
{
	int y = LY_FIRST;
	size_t i;

	for (i = 0; i < k; i++) {
		const struct cap_lad_seg *g = &l->seg[c->first + i];

		if (i && us_between(o, &pkts[l->seg[c->first + i - 1].pkt].h.ts,
				    &pkts[g->pkt].h.ts) >= LGAP_US)
			y += LGAP;
		if (ys)
			ys[i] = y;
		y += LROW;
	}
	return y - LROW + 24 + (k < c->n ? 22 : 0);
}

void hx_svg_ladder(struct hx_buf *out, const struct cap_lad_opts *o,
		   const struct cap_lad *l, size_t ci,
		   const struct cap_pkt *pkts, const char *const *tips,
		   size_t max, size_t *drawn)
{
	const struct cap_lad_conv *c = &l->conv[ci];
	size_t k = c->n < max ? c->n : max, i;
	const struct timeval *t0 = &pkts[l->seg[c->first].pkt].h.ts;
	int h = ladder_height(o, l, c, pkts, k, NULL), y = LY_FIRST;

	hx_buf_printf(out,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" "
		      "data-conv=\"%zu\" data-segments=\"%zu\" data-drawn=\"%zu\" "
		      "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		      "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"12\" "
		      "role=\"img\">\n",
		      ci + 1, c->n, k, LW, h, LW, h);
	hx_buf_puts(out, "<title>");
	hx_svg_conv_title(out, l, ci);
	hx_buf_puts(out, "</title>\n");
	hx_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\" class=\"end\">",
		      LX_L, LY_HEAD);
	hx_svg_text(out, c->left);
	hx_buf_printf(out, "</text>\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-weight=\"bold\" class=\"end\">",
		      LX_R + 30, LY_HEAD);
	hx_svg_text(out, c->right);
	hx_buf_puts(out, "</text>\n");
	hx_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">time</text>\n",
		      LX_TIME, LY_HEAD);
	hx_buf_printf(out,
		      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\" stroke-width=\"2\"/>\n"
		      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\" stroke-width=\"2\"/>\n",
		      LX_L, LY_HEAD + 8, LX_L, h - 8, LX_R, LY_HEAD + 8, LX_R, h - 8);
	for (i = 0; i < k; i++) {
		const struct cap_lad_seg *g = &l->seg[c->first + i];
		const char *col = seg_colour(g);
		const char *tip = tips ? tips[g->pkt] : NULL;
		char lbl[128], t[48];
		int x1 = g->rightward ? LX_L : LX_R, x2 = g->rightward ? LX_R : LX_L;
		int head = g->rightward ? -10 : 10;

		if (i && us_between(o, &pkts[l->seg[c->first + i - 1].pkt].h.ts,
				    &pkts[g->pkt].h.ts) >= LGAP_US)
			y += LGAP;
		cap_lad_label(g, lbl, sizeof(lbl));
		cap_lad_time(o, &pkts[g->pkt].h.ts, t0, t, sizeof(t));
		hx_buf_printf(out, "<g class=\"seg%s%s%s\" data-pkt=\"%zu\" data-y=\"%d\">",
			      g->retrans ? " retrans" : "",
			      (g->flags & CAP_TCP_RST) ? " rst" : "",
			      (g->flags & CAP_TCP_SYN) ? " syn" : "", g->pkt + 1, y);
		hx_buf_puts(out, "<title>");
		hx_buf_printf(out, "#%zu ", g->pkt + 1);
		hx_svg_text(out, tip ? tip : lbl);
		if (g->retrans)
			hx_buf_puts(out, " (retransmission)");
		hx_buf_puts(out, "</title>");
		hx_buf_printf(out, "<text class=\"t\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
			      LX_TIME, y + 4, t);
		hx_buf_printf(out,
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%d\"%s/>",
			      x1, y, x2 + head, y, col, (g->flags & CAP_TCP_RST) ? 4 : 2,
			      g->retrans ? " stroke-dasharray=\"8 4\"" : "");
		hx_buf_printf(out, "<polygon points=\"%d,%d %d,%d %d,%d\" fill=\"%s\"/>",
			      x2, y, x2 + head, y - 5, x2 + head, y + 5, col);
		hx_buf_printf(out, "<text class=\"lbl\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">",
			      (LX_L + LX_R) / 2, y - 5, col);
		hx_svg_text(out, lbl);
		hx_buf_puts(out, "</text>");
		hx_buf_printf(out, "<text class=\"n\" x=\"%d\" y=\"%d\" fill=\"#777\">#%zu</text></g>\n",
			      LX_R + 6, y + 4, g->pkt + 1);
		y += LROW;
	}
	if (k < c->n)
		hx_buf_printf(out,
			      "<text class=\"cut\" x=\"%d\" y=\"%d\" fill=\"#b91c1c\">%zu of %zu segments drawn: the ladder stops at %d arrows a page</text>\n",
			      LX_TIME - 60, h - 12, k, c->n, HX_SVG_MAX_ARROWS);
	hx_buf_puts(out, "</svg>\n");
	if (drawn)
		*drawn = k;
}

size_t hx_svg_ladders(struct hx_buf *out, const struct cap_lad_opts *o,
		      const struct cap_lad *l, const struct cap_pkt *pkts,
		      const char *const *tips)
{
	size_t i, total = 0, left = HX_SVG_MAX_ARROWS, ndrawn = 0;
	int y = 0, h = 0;

	for (i = 0; i < l->nconv; i++) {
		size_t k = l->conv[i].n < left ? l->conv[i].n : left;

		if (!k)
			break;
		h += ladder_height(o, l, &l->conv[i], pkts, k, NULL) + 30;
		left -= k;
	}
	h += 30 * (l->cut != 0) + 30 * (l->other != 0) + 30 + 10;
	hx_buf_printf(out,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		      "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"12\">\n"
		      "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
		      LW, h, LW, h);
	left = HX_SVG_MAX_ARROWS;
	for (i = 0; i < l->nconv && left; i++) {
		size_t drawn;

		hx_buf_printf(out, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">", y + 18);
		hx_svg_conv_title(out, l, i);
		hx_buf_printf(out, "</text>\n<g transform=\"translate(0 %d)\">\n", y + 26);
		hx_svg_ladder(out, o, l, i, pkts, tips, left, &drawn);
		hx_buf_puts(out, "</g>\n");
		y += ladder_height(o, l, &l->conv[i], pkts, drawn, NULL) + 30;
		left -= drawn;
		total += drawn;
		ndrawn++;
	}
	y += 18;
	if (l->nconv == 0)
		hx_buf_printf(out, "<text x=\"10\" y=\"%d\">no TCP conversation</text>\n", y), y += 30;
	if (total < l->nseg)
		hx_buf_printf(out,
			      "<text class=\"cut\" x=\"10\" y=\"%d\" fill=\"#b91c1c\">%zu of %zu segments drawn (%zu of %zu conversations): at most %d arrows</text>\n",
			      y, total, l->nseg, ndrawn, l->nconv, HX_SVG_MAX_ARROWS), y += 30;
	if (l->cut)
		hx_buf_printf(out, "<text x=\"10\" y=\"%d\">%zu TCP packet%s without a whole TCP header not drawn</text>\n",
			      y, l->cut, l->cut == 1 ? "" : "s"), y += 30;
	if (l->other)
		hx_buf_printf(out, "<text x=\"10\" y=\"%d\">%zu non-TCP packet%s not drawn</text>\n", y,
			      l->other, l->other == 1 ? "" : "s");
	hx_buf_puts(out, "</svg>\n");
	return total;
}

/* ---- topology --------------------------------------------------------- */

#define TBW 230		/* a host box's width */
#define THEAD 26	/* its name */
#define TLINE 16	/* one text line */
#define TGAPX 110	/* between boxes */
#define TGAPY 60
#define TPERROW 4	/* boxes a row */
#define TMAXIF 24	/* interfaces drawn per host */
#define TMAXADDR 4	/* addresses drawn per interface */

struct topo_if {
	const char *name;
	const char *addr[TMAXADDR];
	int plen[TMAXADDR];
	const struct sc_inaddr *in[TMAXADDR];
	int naddr, more;
	int bridge;	/* index + 1 into sc->bridges */
	int y;		/* the row's middle */
};

struct topo_host {
	struct topo_if ifs[TMAXIF];
	int nifs;
	int x, y, h;
	int col, row;
};

static struct topo_if *topo_if(struct topo_host *th, const char *name)
{
	int i;

	for (i = 0; i < th->nifs; i++)
		if (!strcmp(th->ifs[i].name, name))
			return &th->ifs[i];
	if (th->nifs == TMAXIF)
		return NULL;
	th->ifs[th->nifs].name = name;
	return &th->ifs[th->nifs++];
}

/* The anchor of interface f of host h facing host o. */
static void anchor(const struct topo_host *h, const struct topo_if *f,
		   const struct topo_host *o, int *x, int *y)
{
	*x = (o->col > h->col || (o->col == h->col && o != h)) ? h->x + TBW : h->x;
	*y = f->y;
}

void hx_svg_topology(struct hx_buf *out, const struct sc_scenario *sc)
{
	struct topo_host *th = calloc(sc->nhosts ? sc->nhosts : 1, sizeof(*th));
	int rowh[64] = { 0 }, W, H, i, j;
	size_t k, n;

	if (!th) {
		out->oom = 1;
		return;
	}
	for (k = 0; k < sc->nlinks; k++)
		for (j = 0; j < 2; j++)
			topo_if(&th[sc->links[k].end[j].host], sc->links[k].end[j].ifname);
	for (k = 0; k < sc->nbridges; k++) {
		struct topo_if *f = topo_if(&th[sc->bridges[k].dev.host], sc->bridges[k].dev.ifname);

		if (f)
			f->bridge = (int)k + 1;
	}
	for (k = 0; k < sc->nports; k++)
		topo_if(&th[sc->bridges[sc->ports[k].bridge].dev.host], sc->ports[k].ifname);
	for (k = 0; k < sc->naddrs; k++) {
		struct topo_if *f = topo_if(&th[sc->addrs[k].dev.host], sc->addrs[k].dev.ifname);

		if (!f)
			continue;
		if (f->naddr == TMAXADDR) {
			f->more++;
			continue;
		}
		f->in[f->naddr] = &sc->addrs[k].addr;
		f->plen[f->naddr++] = sc->addrs[k].plen;
	}
	for (k = 0; k < sc->nsteps; k++) {
		const struct sc_step *s = &sc->steps[k];
		const char *ifn = s->kind == SC_STEP_CAPTURE && s->u.capture.cmd.parsed ?
				  s->u.capture.cmd.td.iface : NULL;

		if (ifn && strcmp(ifn, "any") && !strchr(ifn, ':') && strcmp(ifn, "netlink"))
			topo_if(&th[s->host], ifn);
	}
	/* the layout: rows of TPERROW boxes, each as tall as its interfaces */
	n = sc->nhosts;
	for (k = 0; k < n; k++) {
		int h = THEAD + 8;

		for (i = 0; i < th[k].nifs; i++)
			h += TLINE * (1 + (th[k].ifs[i].naddr ? th[k].ifs[i].naddr : 0) +
				      (th[k].ifs[i].more != 0)) + 8;
		th[k].h = h + 22; /* room for a capture mark */
		th[k].col = (int)(k % TPERROW);
		th[k].row = (int)(k / TPERROW);
		if (th[k].row < 64 && th[k].h > rowh[th[k].row])
			rowh[th[k].row] = th[k].h;
	}
	W = 40 + (int)(n < TPERROW ? n : TPERROW) * (TBW + TGAPX) - TGAPX;
	if (W < 300)
		W = 300;
	H = 20;
	for (k = 0; k < n; k++) {
		th[k].x = 20 + th[k].col * (TBW + TGAPX);
		if (th[k].col == 0 && k)
			H += rowh[th[k].row - 1] + TGAPY;
		th[k].y = H;
	}
	H += (n ? rowh[th[n - 1].row < 64 ? th[n - 1].row : 63] : 0) + 20;
	/* room below the last row for the lanes of links that pass boxes */
	for (k = 0, i = 0; k < sc->nlinks; k++) {
		const struct topo_host *a = &th[sc->links[k].end[0].host];
		const struct topo_host *b = &th[sc->links[k].end[1].host];

		i += a->row == b->row && a->row == th[n - 1].row && abs(a->col - b->col) > 1;
	}
	if (i)
		H += 8 * (i < 5 ? i : 5) + 12;
	hx_buf_printf(out,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"topology\" viewBox=\"0 0 %d %d\" "
		      "width=\"%d\" height=\"%d\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\" role=\"img\">\n"
		      "<title>topology of ",
		      W, H, W, H);
	hx_svg_text(out, sc->name);
	hx_buf_puts(out, "</title>\n");
	/* boxes and their interfaces */
	for (k = 0; k < n; k++) {
		struct topo_host *h = &th[k];
		int y = h->y + THEAD + 8;

		hx_buf_printf(out, "<g class=\"host\" data-host=\"");
		hx_svg_text(out, sc->hosts[k].name);
		hx_buf_printf(out, "\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"#f1f5f9\" stroke=\"#334155\" stroke-width=\"1.5\"/>",
			      h->x, h->y, TBW, h->h);
		hx_buf_printf(out, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\" font-size=\"14\">",
			      h->x + 10, h->y + 18);
		hx_svg_text(out, sc->hosts[k].name);
		hx_buf_puts(out, "</text>\n");
		for (i = 0; i < h->nifs; i++) {
			struct topo_if *f = &h->ifs[i];
			int lines = 1 + f->naddr + (f->more != 0), a;

			f->y = y + (lines * TLINE) / 2 - 2;
			hx_buf_printf(out, "<text class=\"if\" x=\"%d\" y=\"%d\" font-family=\"DejaVu Sans Mono, monospace\">",
				      h->x + 14, y + 10);
			hx_svg_text(out, f->name);
			if (f->bridge) {
				int age = sc->bridges[f->bridge - 1].ageing;

				hx_buf_puts(out, age == 0 ? " (bridge, hub)" : " (bridge)");
			}
			hx_buf_puts(out, "</text>");
			for (a = 0; a < f->naddr; a++) {
				char s[INET6_ADDRSTRLEN] = "?";

				inet_ntop(f->in[a]->af, f->in[a]->a, s, sizeof(s));
				hx_buf_printf(out, "<text class=\"addr\" x=\"%d\" y=\"%d\" fill=\"#334155\">%s/%d</text>",
					      h->x + 28, y + 10 + TLINE * (a + 1), s, f->plen[a]);
			}
			if (f->more)
				hx_buf_printf(out, "<text x=\"%d\" y=\"%d\" fill=\"#334155\">and %d more</text>",
					      h->x + 28, y + 10 + TLINE * (f->naddr + 1), f->more);
			hx_buf_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#334155\"/>\n", h->x + 6, f->y);
			y += lines * TLINE + 8;
		}
		hx_buf_puts(out, "</g>\n");
	}
	/* a bridge's ports: a bracket inside the box's right edge */
	for (k = 0; k < sc->nports; k++) {
		const struct sc_bridge *b = &sc->bridges[sc->ports[k].bridge];
		struct topo_host *h = &th[b->dev.host];
		struct topo_if *fb = topo_if(h, b->dev.ifname), *fp = topo_if(h, sc->ports[k].ifname);

		if (fb && fp)
			hx_buf_printf(out, "<path class=\"port\" d=\"M %d %d h -14 V %d h 14\" fill=\"none\" stroke=\"#7c3aed\" stroke-width=\"2\"/>\n",
				      h->x + TBW - 4, fb->y, fp->y);
	}
	/* links */
	int lanes = 0;

	for (k = 0; k < sc->nlinks; k++) {
		const struct sc_link *L = &sc->links[k];
		struct topo_host *a = &th[L->end[0].host], *b = &th[L->end[1].host];
		struct topo_if *fa = topo_if(a, L->end[0].ifname), *fb = topo_if(b, L->end[1].ifname);
		int x1, y1, x2, y2;

		if (!fa || !fb)
			continue;
		anchor(a, fa, b, &x1, &y1);
		anchor(b, fb, a, &x2, &y2);
		hx_buf_printf(out, "<g class=\"link\"><title>link ");
		hx_svg_text(out, L->end[0].hostname);
		hx_buf_putc(out, ':');
		hx_svg_text(out, L->end[0].ifname);
		hx_buf_puts(out, " - ");
		hx_svg_text(out, L->end[1].hostname);
		hx_buf_putc(out, ':');
		hx_svg_text(out, L->end[1].ifname);
		if (L->mtu)
			hx_buf_printf(out, " (mtu %u)", L->mtu);
		hx_buf_puts(out, "</title>");
		if (a->row == b->row && abs(a->col - b->col) > 1) {
			/* past the boxes between: below the row, one lane each */
			int lane = lanes++ % 5;
			int yb = a->y + rowh[a->row < 64 ? a->row : 63] + 10 + 8 * lane;
			int o1 = (x1 > x2 ? -1 : 1) * (14 + 8 * lane);

			hx_buf_printf(out, "<path d=\"M %d %d H %d V %d H %d V %d H %d\" fill=\"none\" stroke=\"#0f766e\" stroke-width=\"3\"/>",
				      x1, y1, x1 + o1, yb, x2 - o1, y2, x2);
		} else if (x1 == x2) /* two boxes of one column: around their right side */
			hx_buf_printf(out, "<path d=\"M %d %d C %d %d %d %d %d %d\" fill=\"none\" stroke=\"#0f766e\" stroke-width=\"3\"/>",
				      x1, y1, x1 + 50, y1, x2 + 50, y2, x2, y2);
		else
			hx_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#0f766e\" stroke-width=\"3\"/>",
				      x1, y1, x2, y2);
		hx_buf_puts(out, "</g>\n");
	}
	/* capture points: several on one interface side by side, right to left */
	int *shift = calloc(sc->nhosts * (TMAXIF + 1) + 1, sizeof(*shift));

	if (!shift) {
		out->oom = 1;
		free(th);
		return;
	}
	for (k = 0; k < sc->nsteps; k++) {
		const struct sc_step *s = &sc->steps[k];
		const char *ifn;
		struct topo_host *h;
		struct topo_if *f = NULL;
		int x, y;

		if (s->kind != SC_STEP_CAPTURE || !s->u.capture.cmd.parsed || s->u.capture.list_only)
			continue;
		ifn = s->u.capture.cmd.td.iface;
		h = &th[s->host];
		for (i = 0; ifn && i < h->nifs; i++)
			if (!strcmp(h->ifs[i].name, ifn))
				f = &h->ifs[i];
		j = (int)s->host * (TMAXIF + 1) + (f ? (int)(f - h->ifs) : TMAXIF);
		x = h->x + TBW - 12 - shift[j];
		y = f ? f->y : h->y + 14;
		shift[j] += 30 + 7 * (int)strlen(s->label ? s->label : "capture");
		hx_buf_puts(out, "<g class=\"cap\"><title>capture ");
		hx_svg_text(out, s->label ? s->label : "-");
		hx_buf_puts(out, " on ");
		hx_svg_text(out, sc->hosts[s->host].name);
		hx_buf_puts(out, ": ");
		for (i = 0; i < s->u.capture.cmd.argc; i++) {
			if (i)
				hx_buf_putc(out, ' ');
			hx_svg_text(out, s->u.capture.cmd.argv[i]);
		}
		hx_buf_printf(out, "</title><circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"#dc2626\" stroke=\"#fff\" stroke-width=\"2\"/>", x - 30, y);
		hx_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#dc2626\" font-weight=\"bold\">",
			      x - 40, f ? y + 4 : h->y + h->h - 8);
		hx_svg_text(out, s->label ? s->label : "capture");
		if (!f) {
			hx_buf_puts(out, " on ");
			hx_svg_text(out, ifn ? ifn : "any");
		}
		hx_buf_puts(out, "</text></g>\n");
	}
	hx_buf_puts(out, "</svg>\n");
	free(shift);
	free(th);
}
