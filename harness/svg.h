/* svg.h: pictures as SVG: a scenario's topology and TCP ladders in Wireshark's flow-graph style. */
#ifndef HX_SVG_H
#define HX_SVG_H

#include <stddef.h>

#include "capture/ladder.h"
#include "harness/hx.h"
#include "harness/sc.h"

/* At most this many arrows are drawn per page (an HTML page, or one SVG
 * of `dumplab ladder --svg`): a 100,000-packet capture stays a page a
 * browser opens; what is cut is said in a note. */
#define HX_SVG_MAX_ARROWS 2000

/*
 * Appends one <svg> element drawing conversation ci of l: a column per
 * end (left and right as l has them), one arrow per segment in packet
 * order, each a <g class="seg"> holding its <title> (tips[pkt], the
 * packet's tcpdump line, when tips and it are not NULL; else the label),
 * the arrow, its label (cap_lad_label's text, class "lbl") and its time
 * (cap_lad_time's, class "t"). Retransmissions get class "seg retrans",
 * resets "seg rst", SYNs "seg syn". At most max arrows are drawn
 * (*drawn says how many). At y (user units) when nested is set (inside
 * the SVG of hx_svg_ladders), else a root element with a viewBox that
 * scales to its container. Everything is escaped.
 */
void hx_svg_ladder(struct hx_buf *out, const struct cap_lad_opts *o,
		   const struct cap_lad *l, size_t ci,
		   const struct cap_pkt *pkts, const char *const *tips,
		   size_t max, size_t *drawn);

/*
 * A whole SVG document of every conversation of l, one below the other
 * (dumplab ladder --svg), at most HX_SVG_MAX_ARROWS arrows in all, with a
 * closing note of what was not drawn. Returns the arrows drawn.
 */
size_t hx_svg_ladders(struct hx_buf *out, const struct cap_lad_opts *o,
		      const struct cap_lad *l, const struct cap_pkt *pkts,
		      const char *const *tips);

/*
 * Appends an <svg> of sc's topology: each host a box listing its
 * interfaces and their addresses, each link a line between the two
 * interfaces, a bridge's ports joined to it, each capture point (a
 * capture step's host and -i) marked with the capture's label.
 */
void hx_svg_topology(struct hx_buf *out, const struct sc_scenario *sc);

/* s as XML text (hx_xml_escape). */
void hx_svg_text(struct hx_buf *out, const char *s);
/* "TCP conversation N: LEFT &lt;-&gt; RIGHT (K packets)", escaped, for
 * conversation i of l: the one name of a ladder in headings and titles. */
void hx_svg_conv_title(struct hx_buf *out, const struct cap_lad *l, size_t i);

#endif
