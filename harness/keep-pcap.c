/* keep-pcap.c: --out keeps a savefile of every capture a scenario made, named after its label. */
#include "harness/keep-pcap.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <unistd.h>

#include "harness/hx.h"

int hx_keep_pcap(char *err, const char *dir, const char *label, unsigned line, int dlt,
		 int snaplen, int nano, const struct cap_pkt *p, size_t n)
{
	struct hx_buf path = HX_BUF_INIT;
	pcap_dumper_t *d;
	pcap_t *dead;
	size_t i;
	int r = 0;

	if (label)
		hx_buf_printf(&path, "%s/%s.pcap", dir, label);
	else
		hx_buf_printf(&path, "%s/capture-%u.pcap", dir, line);
	if (path.oom)
		return hx_err(err, -ENOMEM, "out of memory");
	/* The scenario's directory is new: a file of that name is the
	 * capture's own -w savefile, which stays as tcpdump wrote it. */
	if (access(path.p, F_OK) == 0) {
		hx_buf_release(&path);
		return 0;
	}
	dead = pcap_open_dead_with_tstamp_precision(dlt, snaplen > 0 ? snaplen : 262144,
						   nano ? PCAP_TSTAMP_PRECISION_NANO
							: PCAP_TSTAMP_PRECISION_MICRO);
	if (!dead) {
		hx_buf_release(&path);
		return hx_err(err, -ENOMEM, "out of memory");
	}
	d = pcap_dump_open(dead, path.p);
	if (!d) {
		r = hx_err(err, -EIO, "cannot write '%s': %s", path.p, pcap_geterr(dead));
		goto out;
	}
	for (i = 0; i < n; i++)
		pcap_dump((u_char *)d, &p[i].h, p[i].data);
	if (pcap_dump_flush(d) < 0)
		r = hx_err(err, -EIO, "cannot write '%s'", path.p);
	pcap_dump_close(d);
out:
	pcap_close(dead);
	hx_buf_release(&path);
	return r;
}
