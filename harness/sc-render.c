/* sc-render.c: a capture's packets as tcpdump prints them, the text line expectations match. */

#include <errno.h>
#include <string.h>

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

