/* sc-render.c: a capture's packets as tcpdump prints them, the text line expectations match. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "capture/ladder.h"
#include "capture/print.h"
#include "harness/sc-expect.h"

int sc_render_packets(char *err, const struct sc_scenario *sc,
		      const struct sc_tcpdump *cmd, int dlt,
		      const struct cap_pkt *pkts, size_t n, struct sc_lines *out)
{
	struct hx_buf b = HX_BUF_INIT;
	struct pr_ctx *c;
	size_t i;
	int r = 0;

	c = pr_new(err, &cmd->td.pr, dlt);
	if (!c)
		return -ENOMEM;
	for (i = 0; i < sc->naddrs && r == 0; i++)
		r = pr_name_add(c, sc->addrs[i].addr.af, sc->addrs[i].addr.a,
				sc->hosts[sc->addrs[i].dev.host].name);
	for (i = 0; i < sc->nnames && r == 0; i++)
		r = pr_name_add(c, sc->names[i].addr.af, sc->names[i].addr.a,
				sc->names[i].name);
	for (i = 0; i < n && r == 0; i++) {
		hx_buf_reset(&b);
		pr_packet(c, &b, &pkts[i].h, pkts[i].data);
		if (b.oom)
			r = -ENOMEM;
		else
			r = sc_lines_add(out, b.p ? b.p : "", b.len, i);
	}
	hx_buf_release(&b);
	pr_free(c);
	if (r < 0)
		return hx_err(err, r, "cannot print the packets: out of memory");
	return 0;
}


int sc_render_ladder(char *err, const struct sc_scenario *sc,
		     const struct sc_tcpdump *cmd, int dlt,
		     const struct cap_pkt *pkts, size_t n, const char *indent,
		     struct hx_buf *out)
{
	struct cap_lad_opts o = { .absolute = cmd->td.pr.Sflag,
				  .numeric = cmd->td.pr.nflag,
				  .nano = cmd->td.pr.nano };
	struct hx_buf b = HX_BUF_INIT;
	struct cap_name *names;
	size_t i, k = 0;
	const char *line, *end;
	int r;

	/* the printer's table, in its order: a later name wins */
	names = calloc(sc->naddrs + sc->nnames + 1, sizeof(*names));
	if (!names)
		return hx_err(err, -ENOMEM, "cannot draw the ladder: out of memory");
	for (i = 0; i < sc->naddrs; i++)
		names[k++] = (struct cap_name){ sc->addrs[i].addr.af,
						sc->addrs[i].addr.a,
						sc->hosts[sc->addrs[i].dev.host].name };
	for (i = 0; i < sc->nnames; i++)
		names[k++] = (struct cap_name){ sc->names[i].addr.af,
						sc->names[i].addr.a,
						sc->names[i].name };
	o.names = names;
	o.nnames = k;
	r = cap_lad_render(err, &o, dlt, pkts, n, &b);
	for (line = b.p; r > 0 && line && *line; line = end + 1) {
		end = strchr(line, '\n');
		/* the blank lines between blocks would be indented blanks in
		 * the report; the header lines already part the blocks */
		if (end != line)
			hx_buf_printf(out, "%s%.*s\n", indent, (int)(end - line),
				      line);
	}
	hx_buf_release(&b);
	free(names);
	if (r >= 0 && out->oom)
		r = hx_err(err, -ENOMEM, "cannot draw the ladder: out of memory");
	return r;
}
