/*
 * outdir.c - the folder a site or pack is published as (see outdir.h).
 */
#define _GNU_SOURCE   /* renameat2 and RENAME_EXCHANGE, nftw */

#include "write/outdir.h"
#include "base/buf.h"
#include "base/fsutil.h"
#include "base/mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The canonical form of a path that may not exist yet (its parent must). */
static char *canonical(const char *path)
{
	char *real = realpath(path, NULL), *slash, *dir, *joined;
	char *parent;

	if (real)
		return real;
	dir = mem_strdup(path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		parent = realpath(dir, NULL);
		joined = parent ? fs_join(parent, slash + 1) : NULL;
	} else if (slash) {
		joined = mem_strdup(path);
		parent = NULL;
	} else {
		parent = realpath(".", NULL);
		joined = parent ? fs_join(parent, path) : NULL;
	}
	free(parent);
	free(dir);
	return joined;
}

static bool holds_input(const char *out, const char *input)
{
	char *real = input ? realpath(input, NULL) : NULL;
	bool holds = real && fs_within(real, out);

	free(real);
	return holds;
}

/* An empty folder, or one with folio's marker: safe to replace. */
static bool made_by_folio(const char *out)
{
	char *marker = fs_join(out, OUTDIR_MARKER);
	bool ours = access(marker, F_OK) == 0;
	DIR *d;
	struct dirent *e;

	free(marker);
	if (ours || !(d = opendir(out)))
		return ours;
	ours = true;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			ours = false;
	closedir(d);
	return ours;
}

/* Where the site is built before it is swapped in: beside out. */
char *outdir_fresh(const char *out)
{
	struct buf path = BUF_INIT;

	buf_puts(&path, out);
	buf_puts(&path, ".folio-new");
	return buf_detach(&path);
}

/* Where the old site waits where no atomic exchange is to be had. */
static char *fresh_old_path(const char *fresh)
{
	struct buf path = BUF_INIT;

	buf_printf(&path, "%s-old", fresh);
	return buf_detach(&path);
}

/*
 * The output folder without the trailing slashes and "/." that name the
 * same folder ("SITE/", "SITE/."): the fresh folder is made beside it,
 * never inside.  NULL when nothing names a folder ("") or the last part
 * is "." or "..".
 */
char *outdir_folder(const char *out)
{
	size_t n = strlen(out);
	const char *last;

	for (;;) {
		if (n > 1 && out[n - 1] == '/')
			n--;
		else if (n > 2 && out[n - 1] == '.' && out[n - 2] == '/')
			n -= 2;
		else
			break;
	}
	last = out + n;
	while (last > out && last[-1] != '/')
		last--;
	if (n == 0 || (out + n - last == 1 && last[0] == '.') ||
	    (out + n - last == 2 && last[0] == '.' && last[1] == '.'))
		return NULL;
	return mem_strndup(out, n);
}

/* A mount point cannot be swapped for a fresh folder by a rename. */
static bool mount_point(const char *out)
{
	char *parent = fs_join(out, "..");
	struct stat st, up;
	bool mounted = lstat(out, &st) == 0 && S_ISDIR(st.st_mode) &&
		       stat(parent, &up) == 0 &&
		       (st.st_dev != up.st_dev || st.st_ino == up.st_ino);

	free(parent);
	return mounted;
}

/* A folder folio works in beside out that holds something not its own. */
static const char *foreign_beside(const char *fresh, const char *old)
{
	if (fs_is_dir(fresh) && !made_by_folio(fresh))
		return fresh;
	if (fs_is_dir(old) && !made_by_folio(old))
		return old;
	return NULL;
}

/* Why the inputs forbid out (canonical as real), or NULL. */
static const char *holds_centre(const struct model *m, const char *real)
{
	if (holds_input(real, m->centre))
		return "it is, or holds, the centre folder";
	if (holds_input(real, m->units_dir) ||
	    holds_input(real, m->learners_file) ||
	    holds_input(real, m->evidence_dir) ||
	    holds_input(real, m->assessors_file) ||
	    holds_input(real, m->iqa_file) ||
	    holds_input(real, m->qualifications_dir) ||
	    holds_input(real, m->signoffs_file) ||
	    holds_input(real, m->otj_dir) ||
	    holds_input(real, m->reviews_file))
		return "it holds the centre's inputs";
	return NULL;
}

static const char *refuse_folder(const struct model *m, const char *out,
				 char *why, size_t size)
{
	char *real = canonical(out), *home = NULL;
	char *fresh = outdir_fresh(out), *old = fresh_old_path(fresh);
	struct stat st;
	const char *problem = NULL, *beside;

	if (!real) {
		snprintf(why, size, "its parent folder does not exist");
		free(fresh);
		free(old);
		return why;
	}
	if (getenv("HOME") && *getenv("HOME"))
		home = realpath(getenv("HOME"), NULL);
	if (strcmp(real, "/") == 0)
		problem = "it is the root folder";
	else if (home && strcmp(real, home) == 0)
		problem = "it is your home folder";
	else if ((problem = holds_centre(m, real)))
		;
	else if (lstat(out, &st) == 0 && !S_ISDIR(st.st_mode))
		problem = "it exists and is not a folder";
	else if (mount_point(out))
		problem = "it is a mount point, which folio cannot swap for the "
			  "new site; give a folder inside it";
	else if (lstat(out, &st) == 0 && !made_by_folio(out))
		problem = "it is a folder folio did not make (no " OUTDIR_MARKER
			  " file in it); remove it or choose another --out";
	if (problem) {
		snprintf(why, size, "%s", problem);
	} else if ((beside = foreign_beside(fresh, old))) {
		snprintf(why, size, "folio builds the site in %s first, and a "
			 "folder there is not one of folio's (no " OUTDIR_MARKER
			 " file in it); move it away", beside);
		problem = why;
	}
	free(real);
	free(home);
	free(fresh);
	free(old);
	return problem ? why : NULL;
}

const char *outdir_refuse(const struct model *m, const char *out,
			  char *why, size_t size)
{
	char *folder = outdir_folder(out);
	const char *problem;

	if (!folder) {
		char *real = *out ? realpath(out, NULL) : NULL;
		const char *centre = real ? holds_centre(m, real) : NULL;

		snprintf(why, size, "%s", centre ? centre : *out ?
			 "it ends in . or ..; name the folder itself" :
			 "it is empty (an unset variable?); name the folder");
		free(real);
		return why;
	}
	problem = refuse_folder(m, folder, why, size);
	free(folder);
	return problem;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* Deletes a tree without following symbolic links inside it. */
int outdir_remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
}

int outdir_publish(const char *out, const char *fresh)
{
	struct stat st;
	int err = 0;

	if (lstat(out, &st) != 0)
		return rename(fresh, out) != 0 ? errno : 0;
	if (renameat2(AT_FDCWD, fresh, AT_FDCWD, out, RENAME_EXCHANGE) != 0) {
		/* No atomic exchange on this file system: two renames, the old
		 * site kept aside until the new one is in place. */
		char *old = fresh_old_path(fresh);

		outdir_remove_tree(old);
		if (rename(out, old) != 0 || rename(fresh, out) != 0)
			err = errno;
		else
			outdir_remove_tree(old);
		free(old);
		return err;
	}
	outdir_remove_tree(fresh);   /* now the old site */
	return 0;
}

/*
 * Holds builds into one folder apart: the second waits for the first,
 * then finds the site up to date or builds it anew.  The lock is on the
 * output folder itself (made empty if there is none yet, which any later
 * build may use); as publishing puts another folder under its name, a
 * lock that no longer holds the folder of that name is taken again.
 * Returns the locked descriptor, or -1 where there are no locks (the
 * build goes on without, as it always did).
 */
int outdir_lock(const char *out, bool *made)
{
	for (;;) {
		struct stat held, now;
		int fd;

		if (mkdir(out, 0755) == 0)
			*made = true;
		fd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return -1;
		while (flock(fd, LOCK_EX) != 0) {
			if (errno != EINTR) {
				close(fd);
				return -1;
			}
		}
		if (fstat(fd, &held) == 0 && stat(out, &now) == 0 &&
		    held.st_dev == now.st_dev && held.st_ino == now.st_ino)
			return fd;
		close(fd);
	}
}

