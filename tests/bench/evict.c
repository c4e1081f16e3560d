/*
 * evict.c - drops the files under each folder named from the page cache
 * (a helper of tests/bench/centre.sh, not part of folio).
 *
 * The bench times each build three times, each into a folder of its own,
 * and a 50,000-learner site is 5 GB: left in the page cache, the first
 * two runs' outputs fill most of a 24 GB machine's memory, and the third
 * run pays for the kernel reclaiming it.  A CI runner builds once on a
 * machine with its memory free, so between runs the outputs, written back
 * by `sync` first, are dropped from the cache (posix_fadvise
 * POSIX_FADV_DONTNEED), which needs no root and leaves every other cached
 * file alone.  Deleting them instead would slow the next run's file
 * creation on ext4 (see centre.sh).
 *
 * usage: evict FOLDER...
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int drop(const char *path, const struct stat *st, int type,
		struct FTW *ftw)
{
	int fd;

	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (nftw(argv[i], drop, 64, FTW_PHYS) != 0) {
			perror(argv[i]);
			status = 1;
		}
	}
	return status;
}
