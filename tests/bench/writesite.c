/*
 * writesite.c - writes a site's files again with nothing rendered (a
 * helper of tests/bench/centre.sh, not part of folio).
 *
 * The bench's question is how much of a build's time is folio's own work
 * and how much is the machine making that many files of that size.  So
 * this writes the same tree as a finished site (the same folders, the
 * same files with the same sizes) the way folio writes it, one openat,
 * one write and one close a file, on as many threads as there are cores,
 * each taking a folder's files at a time, and renders nothing.  The bytes
 * are not the site's: the page cache and the disk do not care which.
 *
 * usage: writesite --list SITE > MANIFEST   (untimed: names and sizes)
 *        writesite [--sha256] MANIFEST OUT  (timed: makes OUT and its tree)
 *
 * With --sha256 each file's bytes are also hashed as they are written,
 * with nettle's SHA-256 (folio's), as a pack hashes every file for its
 * SHA256SUMS: the pack's floor.
 *
 * A manifest line is "d PATH" for a folder or "f SIZE PATH" for a file,
 * paths relative to SITE, folders before what they hold.
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <nettle/sha2.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t site_prefix;

static int list_one(const char *path, const struct stat *st, int type,
		    struct FTW *ftw)
{
	const char *rel = path + site_prefix;

	(void)ftw;
	if (*rel == '/')
		rel++;
	if (type == FTW_D && *rel)
		printf("d %s\n", rel);
	else if (type == FTW_F && S_ISREG(st->st_mode))
		printf("f %lld %s\n", (long long)st->st_size, rel);
	return 0;
}

struct file {
	char *path;      /* OUT/... */
	size_t size;
};

/* Consecutive files of one folder, written by one thread. */
struct group {
	size_t first, count;
};

static struct file *files;
static struct group *groups;
static size_t ngroups;
static atomic_size_t next_group;
static char *bytes;
static bool hash;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void *write_groups(void *arg)
{
	size_t g;

	(void)arg;
	while ((g = atomic_fetch_add(&next_group, 1)) < ngroups) {
		for (size_t i = groups[g].first; i < groups[g].first + groups[g].count; i++) {
			int fd = open(files[i].path, O_WRONLY | O_CREAT | O_TRUNC, 0666);

			if (fd < 0)
				die(files[i].path);
			if (hash) {
				struct sha256_ctx ctx;
				uint8_t sum[SHA256_DIGEST_SIZE];

				sha256_init(&ctx);
				sha256_update(&ctx, files[i].size, (const uint8_t *)bytes);
				sha256_digest(&ctx, sizeof(sum), sum);
			}
			if (files[i].size &&
			    write(fd, bytes, files[i].size) != (ssize_t)files[i].size)
				die(files[i].path);
			if (close(fd) != 0)
				die(files[i].path);
		}
	}
	return NULL;
}

/* Whether two paths, each with a '/', name files of the same folder. */
static bool same_folder(const char *a, const char *b)
{
	size_t n = (size_t)(strrchr(a, '/') - a);

	return (size_t)(strrchr(b, '/') - b) == n && strncmp(a, b, n) == 0;
}

static char *join(const char *a, const char *b)
{
	char *s = malloc(strlen(a) + strlen(b) + 2);

	if (!s)
		die("malloc");
	sprintf(s, "%s/%s", a, b);
	return s;
}

int main(int argc, char **argv)
{
	FILE *in;
	char line[8192];
	size_t nfiles = 0, cap = 0, gcap = 0, largest = 1;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	pthread_t threads[64];
	size_t nthreads = cores < 1 ? 1 : cores > 64 ? 64 : (size_t)cores;

	if (argc == 3 && strcmp(argv[1], "--list") == 0) {
		site_prefix = strlen(argv[2]);
		return nftw(argv[2], list_one, 64, FTW_PHYS) == 0 ? 0 : 1;
	}
	if (argc == 4 && strcmp(argv[1], "--sha256") == 0) {
		hash = true;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: writesite --list SITE > MANIFEST\n"
				"       writesite [--sha256] MANIFEST OUT\n");
		return 2;
	}
	if (!(in = fopen(argv[1], "r")))
		die(argv[1]);
	if (mkdir(argv[2], 0777) != 0)
		die(argv[2]);
	/* Folders first, as folio makes them before it renders a page. */
	while (fgets(line, sizeof(line), in)) {
		char *rel;
		long long size;
		int used;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == 'd') {
			char *dir = join(argv[2], line + 2);

			if (mkdir(dir, 0777) != 0)
				die(dir);
			free(dir);
			continue;
		}
		if (sscanf(line, "f %lld %n", &size, &used) != 1 || size < 0)
			continue;
		rel = line + used;
		if (nfiles == cap) {
			cap = cap ? 2 * cap : 1024;
			if (!(files = realloc(files, cap * sizeof(*files))))
				die("realloc");
		}
		files[nfiles].path = join(argv[2], rel);
		files[nfiles].size = (size_t)size;
		if ((size_t)size > largest)
			largest = (size_t)size;
		/* A new group where the folder changes. */
		if (!nfiles || !same_folder(files[nfiles - 1].path, files[nfiles].path)) {
			if (ngroups == gcap) {
				gcap = gcap ? 2 * gcap : 1024;
				if (!(groups = realloc(groups, gcap * sizeof(*groups))))
					die("realloc");
			}
			groups[ngroups++] = (struct group){ nfiles, 0 };
		}
		groups[ngroups - 1].count++;
		nfiles++;
	}
	fclose(in);
	if (!(bytes = malloc(largest)))
		die("malloc");
	memset(bytes, '.', largest);
	for (size_t t = 0; t < nthreads; t++)
		if (pthread_create(&threads[t], NULL, write_groups, NULL) != 0)
			die("pthread_create");
	for (size_t t = 0; t < nthreads; t++)
		pthread_join(threads[t], NULL);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i].path);
	free(files);
	free(groups);
	free(bytes);
	printf("%zu files written\n", nfiles);
	return 0;
}
