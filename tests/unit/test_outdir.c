/*
 * test_outdir.c - deleting an old site (outdir_remove_tree): every file
 * and folder at every depth goes, the folders two levels in on several
 * threads, and nothing a link inside points to is touched; and what a
 * site holds (outdir_census), which tells a site changed by hand; and a
 * folder not folio's beside the site, named whole (outdir_refuse_beside).
 */
#include "check.h"

#include "base/buf.h"
#include "base/fsutil.h"
#include "write/outdir.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/*
 * A site in root, made already: index.html, top (another file at the top,
 * unless NULL), learners/, and learners/L00.. (n of them) each with an
 * index.html and deep/a.html: 2 + 4 n entries, 3 + 4 n with top.
 */
static void make_site(const char *root, int n, const char *top)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/index.html", root);
	check_write_file(path, "page\n");
	if (top) {
		snprintf(path, sizeof(path), "%s/%s", root, top);
		check_write_file(path, "page\n");
	}
	snprintf(path, sizeof(path), "%s/learners", root);
	CHECK(mkdir(path, 0755) == 0);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/learners/L%02d", root, i);
		CHECK(mkdir(path, 0755) == 0);
		snprintf(path, sizeof(path), "%s/learners/L%02d/index.html",
			 root, i);
		check_write_file(path, "page\n");
		snprintf(path, sizeof(path), "%s/learners/L%02d/deep", root, i);
		CHECK(mkdir(path, 0755) == 0);
		snprintf(path, sizeof(path), "%s/learners/L%02d/deep/a.html",
			 root, i);
		check_write_file(path, "page\n");
	}
}

static void removes_a_site_and_follows_no_link(void)
{
	char root[] = "/tmp/folio-outdir-XXXXXX", path[256];

	CHECK(mkdtemp(root) != NULL);
	snprintf(path, sizeof(path), "%s/outside", root);
	CHECK(mkdir(path, 0755) == 0);
	snprintf(path, sizeof(path), "%s/outside/keep.txt", root);
	check_write_file(path, "page\n");
	snprintf(path, sizeof(path), "%s/site", root);
	CHECK(mkdir(path, 0755) == 0);
	make_site(path, 40, NULL);
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

static void counts_every_entry_and_the_latest_change(void)
{
	char root[] = "/tmp/folio-census-XXXXXX", path[256];
	struct outdir_census c, again, later;
	struct stat st;

	CHECK(mkdtemp(root) != NULL);
	/* A record at the top, and a file of the same name deeper down. */
	make_site(root, 30, ".record");
	snprintf(path, sizeof(path), "%s/learners/L07/deep/.record", root);
	check_write_file(path, "page\n");
	snprintf(path, sizeof(path), "%s/learners/L03/out", root);
	CHECK(symlink("/", path) == 0);
	CHECK_INT(outdir_census(root, ".record", false, &c), 0);
	/* index.html, learners, 30 x (Lnn, its page, deep, deep's file), the
	 * file deeper down, the link (not followed); the top's .record left
	 * out. */
	CHECK_INT((long)c.entries, 2 + 30 * 4 + 1 + 1);
	CHECK(c.newest.tv_sec == 0 && c.newest.tv_nsec == 0);
	CHECK_INT(outdir_census(root, NULL, true, &again), 0);
	CHECK_INT((long)again.entries, (long)c.entries + 1);
	snprintf(path, sizeof(path), "%s/learners/L29/deep/a.html", root);
	CHECK(lstat(path, &st) == 0);
	CHECK(!fs_time_later(st.st_ctim, again.newest));

	/* A page changed deep down, after a pause the clock can see. */
	usleep(20000);
	snprintf(path, sizeof(path), "%s/learners/L12/deep/a.html", root);
	CHECK(chmod(path, 0600) == 0);
	CHECK_INT(outdir_census(root, NULL, true, &later), 0);
	CHECK_INT((long)later.entries, (long)again.entries);
	CHECK(fs_time_later(later.newest, again.newest));
	CHECK(lstat(path, &st) == 0);
	CHECK(st.st_ctim.tv_sec == later.newest.tv_sec &&
	      st.st_ctim.tv_nsec == later.newest.tv_nsec);

	CHECK_INT(outdir_remove_tree(root), 0);
	CHECK(!exists(root));
	snprintf(path, sizeof(path), "%s/none", root);
	CHECK_INT(outdir_census(path, NULL, true, &c), -1);
}

/* A folder not folio's where the site is built first is named whole,
 * however long its path (a 256-byte buffer cut it). */
static void names_a_stranger_beside_whole(void)
{
	char root[] = "/tmp/folio-beside-XXXXXX";
	struct buf out = BUF_INIT, fresh = BUF_INIT;
	char *why;

	CHECK(mkdtemp(root) != NULL);
	buf_printf(&out, "%s/", root);
	for (int i = 0; i < 6; i++)
		buf_puts(&out, "a-site-folder-with-a-long-name-");
	buf_puts(&out, "site");
	CHECK(outdir_refuse_beside(buf_cstr(&out)) == NULL);
	buf_printf(&fresh, "%s.folio-new", buf_cstr(&out));
	CHECK(mkdir(buf_cstr(&fresh), 0755) == 0);
	CHECK(outdir_refuse_beside(buf_cstr(&out)) == NULL);  /* empty: ours */
	buf_puts(&fresh, "/notes.txt");
	check_write_file(buf_cstr(&fresh), "someone's\n");
	buf_truncate(&fresh, fresh.len - strlen("/notes.txt"));
	why = outdir_refuse_beside(buf_cstr(&out));
	CHECK(why != NULL);
	CHECK(why && strstr(why, buf_cstr(&fresh)) != NULL);
	CHECK(why && strstr(why, "; move it away") != NULL);
	free(why);
	CHECK_INT(outdir_remove_tree(root), 0);
	buf_free(&out);
	buf_free(&fresh);
}

int main(void)
{
	RUN(removes_a_site_and_follows_no_link);
	RUN(counts_every_entry_and_the_latest_change);
	RUN(names_a_stranger_beside_whole);
	return check_summary();
}
