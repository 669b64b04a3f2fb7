/* sc-files.c: the `expect files` check: the files a glob matches in the scenario's directory, their count, names, sizes and owner. */
#include "harness/sc-files.h"

#include <errno.h>
#include <glob.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/sc-expect.h"

static int owner_uid(const char *owner, uid_t *uid)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	char *e;
	unsigned long v;

	if (getpwnam_r(owner, &pw, buf, sizeof(buf), &res) == 0 && res) {
		*uid = res->pw_uid;
		return 0;
	}
	v = strtoul(owner, &e, 10);
	if (*owner && !*e) {
		*uid = (uid_t)v;
		return 0;
	}
	return -1;
}

static const char *owner_name(uid_t uid, char *buf, size_t len)
{
	struct passwd pw, *res = NULL;
	char tmp[4096];

	if (getpwuid_r(uid, &pw, tmp, sizeof(tmp), &res) == 0 && res)
		snprintf(buf, len, "%s", res->pw_name);
	else
		snprintf(buf, len, "%u", (unsigned)uid);
	return buf;
}

/* Reasons replace each other (the last one stands); details add up. */
#define WHY(...) (hx_buf_reset(why), hx_buf_printf(why, __VA_ARGS__))
#define DET(...) hx_buf_printf(det, __VA_ARGS__)

int sc_files_check(const struct sc_expect *e, const char *workdir, struct hx_buf *why,
		   struct hx_buf *det)
{
	struct hx_buf pat = HX_BUF_INIT;
	size_t dirlen, i, bad = 0;
	glob_t g;
	uid_t uid = 0;
	int r, ok = 1;
	char c[64], on[64];

	if (!workdir) {
		WHY("the scenario has no directory to look in");
		return 0;
	}
	hx_buf_printf(&pat, "%s/", workdir);
	dirlen = pat.len;
	hx_buf_puts(&pat, e->u.files.glob);
	if (pat.oom) {
		hx_buf_release(&pat);
		return -ENOMEM;
	}
	memset(&g, 0, sizeof(g));
	r = glob(pat.p, 0, NULL, &g);
	hx_buf_release(&pat);
	if (r != 0 && r != GLOB_NOMATCH) {
		globfree(&g);
		return r == GLOB_NOSPACE ? -ENOMEM : (WHY("cannot list '%s'", e->u.files.glob), 0);
	}
	if (r == GLOB_NOMATCH)
		g.gl_pathc = 0;
	if (e->u.files.owner && owner_uid(e->u.files.owner, &uid) < 0) {
		WHY("no user '%s' on this machine", e->u.files.owner);
		globfree(&g);
		return 0;
	}
	if (e->u.files.has_count && !sc_cond_holds(&e->u.files.count, (long long)g.gl_pathc)) {
		sc_cond_str(&e->u.files.count, c, sizeof(c));
		WHY("%zu file%s match '%s'; expected %s", (size_t)g.gl_pathc,
		    g.gl_pathc == 1 ? "" : "s", e->u.files.glob, c);
		ok = 0;
	}
	if (ok && e->u.files.names) {
		int same = g.gl_pathc == e->u.files.nnames;

		for (i = 0; same && i < g.gl_pathc; i++)
			same = !strcmp(g.gl_pathv[i] + dirlen, e->u.files.names[i]);
		if (!same) {
			WHY("the files matching '%s' are not the ones named", e->u.files.glob);
			DET("expected:");
			for (i = 0; i < e->u.files.nnames; i++)
				DET(" %s", e->u.files.names[i]);
			DET("\n");
			ok = 0;
		}
	}
	for (i = 0; i < g.gl_pathc; i++) {
		struct stat st;
		const char *name = g.gl_pathv[i] + dirlen;
		int fbad = 0;

		if (lstat(g.gl_pathv[i], &st) < 0) {
			DET("  %s: %s\n", name, strerror(errno));
			bad++;
			continue;
		}
		if (e->u.files.has_size && !sc_cond_holds(&e->u.files.size, (long long)st.st_size))
			fbad = 1;
		if (e->u.files.owner && st.st_uid != uid)
			fbad = 1;
		bad += (size_t)fbad;
		if (i == 0)
			DET("the files:\n");
		DET("  %c %-32s %10lld bytes  owner %s\n", fbad ? '>' : ' ', name,
		    (long long)st.st_size, owner_name(st.st_uid, on, sizeof(on)));
	}
	if (!g.gl_pathc)
		DET("no file matches '%s'\n", e->u.files.glob);
	if (ok && bad) {
		char s[64];

		s[0] = '\0';
		if (e->u.files.has_size)
			sc_cond_str(&e->u.files.size, s, sizeof(s));
		WHY("%zu file%s of %zu break%s it%s%s%s%s", bad, bad == 1 ? "" : "s",
		    (size_t)g.gl_pathc, bad == 1 ? "s" : "", e->u.files.has_size ? " (size " : "",
		    s, e->u.files.has_size ? ")" : "",
		    e->u.files.owner ? (e->u.files.has_size ? " (or owner)" : " (owner)") : "");
		ok = 0;
	}
	globfree(&g);
	return ok;
}

