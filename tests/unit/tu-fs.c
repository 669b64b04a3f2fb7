/* tu-fs.c: scratch directories for unit tests. */
#define _GNU_SOURCE
#include "unit/tu-fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *tu_tmpdir(const char *tag)
{
	const char *base = getenv("TMPDIR");
	char *path;

	if (!base || !*base)
		base = "/tmp";
	if (asprintf(&path, "%s/dumplab-%s-XXXXXX", base, tag) < 0)
		return NULL;
	if (!mkdtemp(path)) {
		free(path);
		return NULL;
	}
	return path;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) < 0 ? -1 : 0;
}

int tu_rmtree(const char *dir)
{
	if (!dir)
		return 0;
	return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) < 0 ? -errno : 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int not_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
}

int tu_ls(const char *dir, char *out, size_t len)
{
	struct dirent **list;
	size_t used = 0;
	int i, n;

	out[0] = '\0';
	n = scandir(dir, &list, not_dots, by_name);
	if (n < 0)
		return -errno;
	for (i = 0; i < n; i++) {
		int w = snprintf(out + used, len - used, "%s%s", i ? " " : "",
				 list[i]->d_name);

		if (w > 0 && (size_t)w < len - used)
			used += (size_t)w;
		free(list[i]);
	}
	free(list);
	return n;
}

int tu_write_file(const char *path, const char *text, unsigned mode)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);

	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, mode) < 0) {
		int e = errno ? errno : EIO;

		close(fd);
		return -e;
	}
	return close(fd) < 0 ? -errno : 0;
}

long tu_read_file(const char *path, char *out, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t used = 0;
	ssize_t n;

	out[0] = '\0';
	if (fd < 0)
		return -errno;
	while (used + 1 < len && (n = read(fd, out + used, len - 1 - used)) > 0)
		used += (size_t)n;
	out[used] = '\0';
	close(fd);
	return (long)used;
}
