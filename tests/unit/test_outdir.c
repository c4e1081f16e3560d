/*
 * test_outdir.c - deleting an old site (outdir_remove_tree): every file
 * and folder at every depth goes, the folders two levels in on several
 * threads, and nothing a link inside points to is touched.
 */
#include "check.h"

#include "write/outdir.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void put(const char *path)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs("page\n", f);
		fclose(f);
	}
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void removes_a_site_and_follows_no_link(void)
{
	char root[] = "/tmp/folio-outdir-XXXXXX", path[256];

	CHECK(mkdtemp(root) != NULL);
	snprintf(path, sizeof(path), "%s/outside", root);
	CHECK(mkdir(path, 0755) == 0);
	snprintf(path, sizeof(path), "%s/outside/keep.txt", root);
	put(path);
	snprintf(path, sizeof(path), "%s/site", root);
	CHECK(mkdir(path, 0755) == 0);
	snprintf(path, sizeof(path), "%s/site/index.html", root);
	put(path);
	snprintf(path, sizeof(path), "%s/site/learners", root);
	CHECK(mkdir(path, 0755) == 0);
	for (int i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "%s/site/learners/L%02d", root, i);
		CHECK(mkdir(path, 0755) == 0);
		snprintf(path, sizeof(path), "%s/site/learners/L%02d/index.html",
			 root, i);
		put(path);
		snprintf(path, sizeof(path), "%s/site/learners/L%02d/deep", root, i);
		CHECK(mkdir(path, 0755) == 0);
		snprintf(path, sizeof(path), "%s/site/learners/L%02d/deep/a.html",
			 root, i);
		put(path);
	}
	snprintf(path, sizeof(path), "%s/site/learners/empty", root);
	CHECK(mkdir(path, 0755) == 0);
	snprintf(path, sizeof(path), "%s/site/learners/link", root);
	CHECK(symlink("../../outside", path) == 0);
	snprintf(path, sizeof(path), "%s/site/learners/L00/deep/link", root);
	CHECK(symlink("../../../../outside", path) == 0);
	snprintf(path, sizeof(path), "%s/site/top-link", root);
	CHECK(symlink("../outside", path) == 0);
	snprintf(path, sizeof(path), "%s/site/learners/L01/fifo", root);
	CHECK(mkfifo(path, 0644) == 0);

	snprintf(path, sizeof(path), "%s/site", root);
	CHECK_INT(outdir_remove_tree(path), 0);
	CHECK(!exists(path));
	snprintf(path, sizeof(path), "%s/outside/keep.txt", root);
	CHECK(exists(path));
	snprintf(path, sizeof(path), "%s/site", root);
	CHECK_INT(outdir_remove_tree(path), 0);   /* gone already: fine */

	snprintf(path, sizeof(path), "%s/outside/keep.txt", root);
	unlink(path);
	snprintf(path, sizeof(path), "%s/outside", root);
	rmdir(path);
	CHECK(rmdir(root) == 0);
}

int main(void)
{
	RUN(removes_a_site_and_follows_no_link);
	return check_summary();
}
