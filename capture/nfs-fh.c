/* nfs-fh.c: which server made an NFS file handle, guessed from its bytes as tcpdump's parsenfsfh.c does. */
/*
 * A file handle is opaque to the client. tcpdump guesses the server's
 * layout from its octets (Jeffrey Mogul's heuristics: Auspex, 4.4BSD,
 * DEC OSF/1, IRIX 4, SunOS 4 and 5, Ultrix, VMS UCX, HP-UX 9) and prints
 * "fh major,minor/inode", or "fh Unknown/HEX" when none fits. The NFS
 * printer (print-nfs.c) hands the captured handle here.
 */
#include "capture/print-rpc.h"

#define NFSX_V3FHMAX 64 /* octets of a version 3 handle, at most */

enum fh_type {
	FHT_UNKNOWN,
	FHT_AUSPEX,
	FHT_DECOSF,
	FHT_IRIX4,
	FHT_SUNOS4,
	FHT_SUNOS5,
	FHT_ULTRIX,
	FHT_VMSUCX,
	FHT_HPUX9,
	FHT_BSD44,
};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* A VMS UCX handle: a code octet, printable text, then only NULs. */
static int is_ucx(const uint8_t *fh, unsigned words)
{
	int seen_null = 0;
	unsigned i;

	if (words < 28 / 4)
		return 0;
	for (i = 1; i < 14; i++) {
		if (fh[i] >= 0x20 && fh[i] < 0x7f) {
			if (seen_null)
				return 0;
		} else if (fh[i] == 0) {
			seen_null = 1;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Which server's layout the handle seems to have (words: its length / 4). */
static enum fh_type fh_guess(const uint8_t *f, unsigned words)
{
	if (words < 16 / 4)
		return FHT_UNKNOWN;
	if (f[0] == 0 && f[1] == 0) {
		if (f[2] == 0 && f[3] == 0)
			return FHT_AUSPEX;
		if (f[4] != 0 && f[5] == 0 && f[8] == 12 && f[9] == 0)
			return FHT_DECOSF;
		if (f[4] == 0 && f[5] == 8 && f[6] == 0 && f[7] == 0)
			return FHT_IRIX4;
		return FHT_SUNOS4;
	}
	if (f[2] == 0 && f[3] == 0) {
		if (f[6] == 0 && f[7] == 0)
			return FHT_BSD44;
		if (words >= 24 / 4 && f[21] == 0 && f[23] == 0)
			return FHT_ULTRIX;
		return f[9] == 10 ? FHT_SUNOS5 : FHT_UNKNOWN;
	}
	if (f[8] == 12 && f[9] == 0)
		return FHT_DECOSF;
	if (f[8] == 0 && f[9] == 10) {
		if (f[7] == 0 && f[6] == 0 && f[5] == 0 && f[4] == 0)
			return FHT_HPUX9;
		return FHT_SUNOS5;
	}
	return is_ucx(f, words) ? FHT_VMSUCX : FHT_UNKNOWN;
}

/* " fh major,minor/inode" (the whole handle was captured: checked). */
void nfs_fh_print(struct pr_ctx *c, const uint8_t *f, unsigned words)
{
	uint32_t major = 0, minor = 0, ino = 0, t;
	unsigned i, n;

	switch (fh_guess(f, words)) {
	case FHT_AUSPEX:
		minor = f[7];
		major = f[6];
		ino = be32(f + 12);
		break;
	case FHT_BSD44:
		minor = f[0];
		major = f[1];
		ino = le32(f + 12);
		break;
	case FHT_DECOSF:
		t = le32(f);
		minor = t & 0xfffff;
		major = (t >> 20) & 0xfff;
		ino = le32(f + 12);
		break;
	case FHT_IRIX4:
		minor = f[3];
		major = f[2];
		ino = be32(f + 8);
		break;
	case FHT_SUNOS4:
		minor = f[3];
		major = f[2];
		ino = be32(f + 12);
		break;
	case FHT_SUNOS5:
		major = ((unsigned)f[0] << 8 | f[1]) >> 2 & 0x3fff;
		minor = ((uint32_t)f[1] << 16 | (uint32_t)f[2] << 8 | f[3]) &
			0x3ffff;
		ino = be32(f + 12);
		break;
	case FHT_ULTRIX:
		minor = f[0];
		major = f[1];
		ino = le32(f + 4);
		break;
	case FHT_HPUX9:
		major = f[0];
		minor = (uint32_t)f[1] << 16 | (uint32_t)f[2] << 8 | f[3];
		ino = be32(f + 12);
		break;
	case FHT_VMSUCX:
		/*
		 * The file system is named by the text after the code
		 * octet; tcpdump copies at most as many characters as the
		 * handle has words, up to a NUL, then cuts at a space.
		 */
		ino = (uint32_t)f[26] << 24 | (uint32_t)f[27] << 16 |
		      ((unsigned)f[23] << 8 | f[22]);
		pr_puts(c, " fh ");
		n = words < NFSX_V3FHMAX ? words : NFSX_V3FHMAX;
		for (i = 0; i < n && f[1 + i] && f[1 + i] != ' '; i++)
			pr_putc(c, (char)f[1 + i]);
		pr_putc(c, '/');
		pr_uint(c, ino);
		return;
	case FHT_UNKNOWN: {
		static const char name[] = "Unknown";
		static const char hex[] = "0123456789ABCDEF";

		n = words < sizeof(name) - 1 ? words : sizeof(name) - 1;
		pr_puts(c, " fh ");
		pr_putn(c, name, n);
		pr_putc(c, '/');
		for (i = 0; i < words * 4 && i < 32; i++) {
			pr_putc(c, hex[f[i] >> 4]);
			pr_putc(c, hex[f[i] & 15]);
		}
		return;
	}
	}
	pr_printf(c, " fh %u,%u/", major, minor);
	/*
	 * A guessed minor of 257 makes tcpdump print its hex buffer, which
	 * only unknown handles fill: nothing is printed for it here.
	 */
	if (minor != 257)
		pr_uint(c, ino);
}
