/*
 * outdir.c - the folder a site or pack is published as (see outdir.h).
 */
#define _GNU_SOURCE   /* renameat2 and RENAME_EXCHANGE */

#include "write/outdir.h"
#include "base/buf.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "base/threads.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
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
	int fd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool ours;
	DIR *d;
	struct dirent *e;

	/* One folder looked at twice, by its descriptor: another build may
	 * put its site in out's place between the two looks. */
	if (fd < 0) {       /* a folder that cannot be listed: its marker */
		char *marker = fs_join(out, OUTDIR_MARKER);

		ours = access(marker, F_OK) == 0;
		free(marker);
		return ours;
	}
	ours = faccessat(fd, OUTDIR_MARKER, F_OK, 0) == 0;
	if (ours || !(d = fdopendir(fd))) {
		close(fd);
		return ours;
	}
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

static const char *refuse_folder(const struct model *m, const char *out)
{
	char *real = canonical(out), *home = NULL;
	struct stat st;
	const char *problem = NULL;

	if (!real)
		return "its parent folder does not exist";
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
	free(real);
	free(home);
	return problem;
}

char *outdir_refuse_beside(const char *out)
{
	char *fresh = outdir_fresh(out), *old = fresh_old_path(fresh);
	const char *beside = foreign_beside(fresh, old);
	struct buf why = BUF_INIT;

	if (beside)
		buf_printf(&why, "folio builds the site in %s first, and a "
			   "folder there is not one of folio's (no "
			   OUTDIR_MARKER " file in it); move it away", beside);
	free(fresh);
	free(old);
	return beside ? buf_detach(&why) : NULL;
}

const char *outdir_refuse(const struct model *m, const char *out)
{
	char *folder = outdir_folder(out);
	const char *problem;

	if (!folder) {
		char *real = *out ? realpath(out, NULL) : NULL;

		problem = real ? holds_centre(m, real) : NULL;
		if (!problem)
			problem = *out ? "it ends in . or ..; name the folder "
					 "itself" : "it is empty (an unset "
					 "variable?); name the folder";
		free(real);
		return problem;
	}
	problem = refuse_folder(m, folder);
	free(folder);
	return problem;
}

/* Whether the entry name in the folder dirfd is a folder (not a link to
 * one); from the listing's type where the file system gives it. */
static bool entry_is_dir(int dirfd, const struct dirent *e)
{
	struct stat st;

	if (e->d_type != DT_UNKNOWN)
		return e->d_type == DT_DIR;
	return fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

static bool dot_or_dotdot(const char *name)
{
	return name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]));
}

/*
 * What a walk of a tree does with what it finds: visit() with each entry
 * (a folder before what it holds), leave() with each folder after what it
 * holds; both with the folder the entry is in and its name there, and
 * either may answer -1 (the walk goes on, and then answers -1).  Folders
 * max_depth down (1: the tree's own entries) are visited but not entered;
 * 0 enters every one.
 */
struct walker {
	int (*visit)(void *ctx, int at, const char *name, bool dir,
		     size_t depth);
	int (*leave)(void *ctx, int at, const char *name);
	size_t max_depth;
};

/* A folder being walked, and its name in the one above. */
struct walking {
	DIR *dir;
	char *name;
};

/*
 * Walks the folder fd refers to and closes it: by names relative to their
 * folders, never following a link, with a stack of open folders and no
 * recursion.  0, or -1 when a folder could not be opened or a call
 * answered -1.
 */
static int walk_folder(int fd, const struct walker *w, void *ctx)
{
	struct walking *stack = NULL;
	size_t depth = 0, cap = 0;
	int result = 0;
	DIR *dir = fdopendir(fd);

	if (!dir) {
		close(fd);
		return -1;
	}
	rewinddir(dir);   /* fd may have been read from already (a dup) */
	stack = mem_array_grow(stack, &cap, 1, sizeof(*stack));
	stack[depth++] = (struct walking){ dir, NULL };
	while (depth) {
		struct walking *top = &stack[depth - 1];
		int at = dirfd(top->dir), child;
		struct dirent *e = readdir(top->dir);
		bool is_dir;

		if (!e) {
			char *name = top->name;

			closedir(top->dir);
			depth--;
			if (depth && w->leave &&
			    w->leave(ctx, dirfd(stack[depth - 1].dir), name) != 0)
				result = -1;
			free(name);
			continue;
		}
		if (dot_or_dotdot(e->d_name))
			continue;
		is_dir = entry_is_dir(at, e);
		if (w->visit && w->visit(ctx, at, e->d_name, is_dir, depth) != 0)
			result = -1;
		if (!is_dir || depth == w->max_depth)
			continue;
		child = openat(at, e->d_name,
			       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		dir = child < 0 ? NULL : fdopendir(child);
		if (!dir) {
			if (child >= 0)
				close(child);
			result = -1;
			continue;
		}
		stack = mem_array_grow(stack, &cap, depth + 1, sizeof(*stack));
		stack[depth++] = (struct walking){ dir, mem_strdup(e->d_name) };
	}
	free(stack);
	return result;
}

/* Emptying: each file as it is found, each folder once it is empty. */
static int remove_file(void *ctx, int at, const char *name, bool dir,
		       size_t depth)
{
	(void)ctx;
	(void)depth;
	return dir || unlinkat(at, name, 0) == 0 || errno == ENOENT ? 0 : -1;
}

static int remove_folder(void *ctx, int at, const char *name)
{
	(void)ctx;
	return unlinkat(at, name, AT_REMOVEDIR) == 0 || errno == ENOENT ? 0 : -1;
}

static const struct walker emptying = { remove_file, remove_folder, 0 };

static int empty_folder(void *ctx, int fd)
{
	(void)ctx;
	return walk_folder(fd, &emptying, NULL);
}

/*
 * The folders two levels into a tree (a site's learners/amy, units/...),
 * where almost all of a site's files are, shared out among threads, each
 * walked whole by walk(ctx, its descriptor).
 */
struct subtrees {
	int root;                   /* the tree's descriptor */
	char **rel;                 /* each from the root */
	size_t n;
	atomic_size_t next;         /* the next to walk */
	atomic_int result;
	int (*walk)(void *ctx, int fd);
	void *ctx;
};

static void *walk_subtrees(void *arg)
{
	struct subtrees *t = arg;

	for (size_t k; (k = atomic_fetch_add(&t->next, 1)) < t->n;) {
		int fd = openat(t->root, t->rel[k], O_RDONLY | O_DIRECTORY |
				O_NOFOLLOW | O_CLOEXEC);

		if (fd < 0 || t->walk(t->ctx, fd) != 0)
			atomic_store(&t->result, -1);
	}
	return NULL;
}

/* Lists the folders two levels into the tree at t->root. */
static void list_subtrees(struct subtrees *t)
{
	size_t cap = 0;
	int fd = dup(t->root);
	DIR *top = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;

	if (!top && fd >= 0)
		close(fd);
	while (top && (e = readdir(top))) {
		DIR *dir;
		struct dirent *f;

		if (dot_or_dotdot(e->d_name) || !entry_is_dir(dirfd(top), e))
			continue;
		fd = openat(dirfd(top), e->d_name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		dir = fd < 0 ? NULL : fdopendir(fd);
		if (!dir) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		while ((f = readdir(dir))) {
			struct buf rel = BUF_INIT;

			if (dot_or_dotdot(f->d_name) || !entry_is_dir(fd, f))
				continue;
			buf_printf(&rel, "%s/%s", e->d_name, f->d_name);
			t->rel = mem_array_grow(t->rel, &cap, t->n + 1,
						sizeof(*t->rel));
			t->rel[t->n++] = buf_detach(&rel);
		}
		closedir(dir);
	}
	if (top)
		closedir(top);
}

/*
 * Opens the folder path and walks the folders two levels in on every
 * core (walk on each), leaving the rest to the caller: the root's
 * descriptor, or -1.  *result is -1 when something could not be walked.
 */
static int walk_subtrees_of(const char *path, int (*walk)(void *, int),
			    void *ctx, int *result)
{
	struct subtrees t = { .rel = NULL, .walk = walk, .ctx = ctx };
	size_t threads = threads_cores();

	t.root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (t.root < 0)
		return -1;
	atomic_init(&t.next, 0);
	atomic_init(&t.result, 0);
	list_subtrees(&t);
	threads_run(walk_subtrees, &t, 0, threads < t.n ? threads : 1, NULL);
	*result = atomic_load(&t.result);
	for (size_t i = 0; i < t.n; i++)
		free(t.rel[i]);
	free(t.rel);
	return t.root;
}

/*
 * Deletes a tree without following symbolic links inside it.  A site's
 * old tree goes on every build that replaces it, a file at a time (a
 * fifth of a rebuild's time when most pages are kept), so the folders two
 * levels in are emptied on every core, and then the rest.
 */
int outdir_remove_tree(const char *path)
{
	struct stat st;
	int result = 0, root;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
	root = walk_subtrees_of(path, empty_folder, NULL, &result);
	if (root < 0)
		return -1;
	if (empty_folder(NULL, root) != 0)
		result = -1;
	if (rmdir(path) != 0 && errno != ENOENT)
		result = -1;
	return result;
}

/* ---- what a tree holds ---------------------------------------------------- */

struct counting {
	bool times;                 /* look at each entry's ctime */
	pthread_mutex_t lock;       /* over total, from each subtree's own */
	struct outdir_census total;
};

/* One walk's count, added to the total when it is done. */
struct tally {
	struct counting *c;
	const char *skip;           /* a name in the walk's own folder left
				     * out (the top's), or NULL */
	struct outdir_census own;
};

static int count_entry(void *ctx, int at, const char *name, bool dir,
		       size_t depth)
{
	struct tally *t = ctx;
	struct stat st;

	(void)dir;
	if (depth == 1 && t->skip && strcmp(name, t->skip) == 0)
		return 0;
	t->own.entries++;
	if (!t->c->times)
		return 0;
	if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return -1;
	if (fs_time_later(st.st_ctim, t->own.newest))
		t->own.newest = st.st_ctim;
	return 0;
}

static void add_tally(struct counting *c, const struct outdir_census *own)
{
	pthread_mutex_lock(&c->lock);
	c->total.entries += own->entries;
	if (fs_time_later(own->newest, c->total.newest))
		c->total.newest = own->newest;
	pthread_mutex_unlock(&c->lock);
}

static const struct walker counting_all = { count_entry, NULL, 0 };

/* A folder two levels in, its entries at depth 3 and below. */
static int count_subtree(void *ctx, int fd)
{
	struct tally t = { ctx, NULL, { 0, { 0, 0 } } };
	int result = walk_folder(fd, &counting_all, &t);

	add_tally(ctx, &t.own);
	return result;
}

int outdir_census(const char *path, const char *skip, bool times,
		  struct outdir_census *census)
{
	/* The top two levels here; the folders there are entered by the
	 * subtrees' walks. */
	static const struct walker top_levels = { count_entry, NULL, 2 };
	struct counting c = { times, PTHREAD_MUTEX_INITIALIZER,
			      { 0, { 0, 0 } } };
	struct tally t = { &c, skip, { 0, { 0, 0 } } };
	int result = 0, root = walk_subtrees_of(path, count_subtree, &c,
						&result);

	if (root < 0)
		return -1;
	if (walk_folder(root, &top_levels, &t) != 0)
		result = -1;
	add_tally(&c, &t.own);
	pthread_mutex_destroy(&c.lock);
	*census = c.total;
	return result;
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

/* The folder at path, open and locked (waiting for any other holder), or
 * -1. */
static int lock_folder(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	}
	return fd;
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
		fd = lock_folder(out);
		if (fd < 0)
			return -1;
		if (fstat(fd, &held) == 0 && stat(out, &now) == 0 &&
		    held.st_dev == now.st_dev && held.st_ino == now.st_ino)
			return fd;
		close(fd);
	}
}

int outdir_hold(const char *fresh)
{
	return lock_folder(fresh);
}
