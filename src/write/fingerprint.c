/*
 * fingerprint.c - knowing when there is nothing to do (see fingerprint.h).
 */
#include "write/fingerprint.h"
#include "base/fsutil.h"
#include "base/hash.h"
#include "base/mem.h"
#include "write/outdir.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void fingerprint_bytes(uint64_t *h, const void *data, size_t len)
{
	*h = hash_bytes(*h, data, len);
}

/* With its NUL, so that "ab" then "c" differs from "a" then "bc". */
void fingerprint_text(uint64_t *h, const char *s)
{
	fingerprint_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* The stamp's fields one by one: its padding is not hashed. */
void fingerprint_stamp(uint64_t *h, const char *path,
		       const struct fs_stamp *stamp)
{
	fingerprint_text(h, path);
	if (stamp->found) {
		fingerprint_bytes(h, &stamp->size, sizeof(stamp->size));
		fingerprint_bytes(h, &stamp->ino, sizeof(stamp->ino));
		fingerprint_bytes(h, &stamp->mtime, sizeof(stamp->mtime));
		fingerprint_bytes(h, &stamp->ctime, sizeof(stamp->ctime));
	}
}

void fingerprint_file(uint64_t *h, const char *path)
{
	struct fs_stamp stamp;

	fs_stamp(path, &stamp);
	fingerprint_stamp(h, path, &stamp);
}

/*
 * Every file under dir, at any depth (partials may live in subfolders):
 * each by its path, size and time, summed so that the order the system
 * lists them in does not matter.  A loop over a stack of folders, not
 * recursion; links are not followed into folders (a loop of links).
 */
struct tree_sum {
	uint64_t sum, count;
};

static void sum_file(void *ctx, const char *path, const char *rel,
		     const struct stat *st)
{
	struct tree_sum *t = ctx;
	uint64_t one = HASH_INIT;

	(void)rel;
	if (st && S_ISDIR(st->st_mode))
		return;
	fingerprint_file(&one, path);
	t->sum += one;
	t->count++;
}

void fingerprint_tree(uint64_t *h, const char *dir)
{
	struct tree_sum t = { 0, 0 };

	fs_walk(dir, sum_file, &t);
	fingerprint_bytes(h, &t.sum, sizeof(t.sum));
	fingerprint_bytes(h, &t.count, sizeof(t.count));
}

void fingerprint_marker(uint64_t print, char *text, size_t size)
{
	snprintf(text, size, "folio %s %016llx\n", FOLIO_VERSION,
		 (unsigned long long)print);
}

bool fingerprint_matches(const char *out, const char *marker)
{
	char *path = fs_join(out, OUTDIR_MARKER), *old;
	size_t len;
	bool same = fs_read_file(path, &old, &len) == 0;

	free(path);
	if (!same)
		return false;
	same = len == strlen(marker) && memcmp(old, marker, len) == 0;
	free(old);
	return same;
}

