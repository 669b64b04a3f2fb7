/* fuzz-main.c: runs a fuzz target on files without libFuzzer (make test, any compiler): the regression corpus and the seeds. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path, unsigned long *n)
{
	FILE *f = fopen(path, "rbe");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		fprintf(stderr, "fuzz-main: cannot open '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;

		if (len == cap) {
			uint8_t *nb = realloc(buf, cap ? cap * 2 : 4096);

			if (!nb) {
				fprintf(stderr, "fuzz-main: '%s': out of memory\n", path);
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
			cap = cap ? cap * 2 : 4096;
		}
		got = fread(buf + len, 1, cap - len, f);
		if (got == 0)
			break;
		len += got;
	}
	fclose(f);
	/* An exact copy, so that ASan sees a read one byte past the input. */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (!exact) {
			free(buf);
			return -1;
		}
		memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	(*n)++;
	return 0;
}

static int run_path(const char *path, unsigned long *n)
{
	struct stat st;
	struct dirent **ents;
	int i, k, rc = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "fuzz-main: '%s': %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path, n);
	k = scandir(path, &ents, NULL, alphasort);
	if (k < 0) {
		fprintf(stderr, "fuzz-main: '%s': %s\n", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < k; i++) {
		char sub[4096];

		if (ents[i]->d_name[0] != '.' && rc == 0) {
			snprintf(sub, sizeof(sub), "%s/%s", path, ents[i]->d_name);
			rc = run_path(sub, n);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long n = 0;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (run_path(argv[i], &n) < 0)
			return 1;
	printf("%s: %lu inputs, no finding\n", argv[0], n);
	return 0;
}
