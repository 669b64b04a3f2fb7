/* tu-fs.h: scratch directories for unit tests: create, list, remove. */
#ifndef TU_FS_H
#define TU_FS_H

#include <stddef.h>

/*
 * Creates a fresh directory under $TMPDIR (default /tmp) named after tag
 * and returns its path (malloc'ed), or NULL.
 */
char *tu_tmpdir(const char *tag);

/* Removes dir and everything below it; frees nothing. 0 or -errno. */
int tu_rmtree(const char *dir);

/*
 * The names in dir (not . and ..), sorted, joined by single spaces into
 * out: "f f1 f2". Returns the number of entries, or -errno.
 */
int tu_ls(const char *dir, char *out, size_t len);

/* Writes text to path with the given mode. 0 or -errno. */
int tu_write_file(const char *path, const char *text, unsigned mode);

/* Reads up to len-1 bytes of path into out, NUL-terminated. Bytes read or -errno. */
long tu_read_file(const char *path, char *out, size_t len);

#endif
