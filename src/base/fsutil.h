/*
 * fsutil.h - the little file-system work the readers need.
 *
 * Whole-file reads (inputs are small next to memory, and every parser
 * wants the text in one piece), sorted directory listings (so that runs
 * are deterministic whatever order the file system returns), path
 * joining, and the times files are stamped with, by which a build knows
 * what changed.  Errors are returned as errno values for the caller to
 * report.
 */
#ifndef FOLIO_FSUTIL_H
#define FOLIO_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

/*
 * Why a file was not read, beyond errno's own values (which stay below
 * these): an input is read only when it is a regular file, so a FIFO or
 * a device named as one can never block or flood a build.
 */
enum {
	FS_ENOTREG = 0x10000,   /* a folder, FIFO, device or socket */
	FS_EDANGLING,           /* a symbolic link to nothing */
	FS_EOUTSIDE,            /* a link that leads out of its folder */
};

/* errno's message, or ours for the values above. */
const char *fs_strerror(int err);

/*
 * Reads the regular file at path into a NUL-terminated buffer the caller
 * frees.  0, an errno value, or one of FS_E* above.  Never waits: a FIFO
 * is refused without being opened for good.
 */
int fs_read_file(const char *path, char **data, size_t *len);

/*
 * A descriptor open for reading the regular file at path, with *st its
 * status; else minus the error (an errno value or FS_E*).
 */
struct stat;
int fs_open_regular(const char *path, struct stat *st);

/*
 * The same as fs_read_file into *data, a buffer of *cap bytes (NULL and 0
 * at first) that is grown as needed and stays the caller's, on error too:
 * a thread that reads many large files reuses one buffer instead of
 * asking the kernel for fresh memory each time.
 */
int fs_read_file_into(const char *path, char **data, size_t *cap, size_t *len);

/*
 * Names of the entries in dir that are not hidden (no leading '.'),
 * sorted bytewise: files, folders and whatever else is there (a link to
 * nothing, a FIFO), so that the caller can read or report each rather
 * than pass it over.  0 or errno; free with fs_free_names().
 */
int fs_list_names(const char *dir, char ***names, size_t *count);
void fs_free_names(char **names, size_t count);

bool fs_is_dir(const char *path);

/*
 * FS_EOUTSIDE when path is a symbolic link whose target lies outside both
 * root and other (either may be NULL), else 0.  A file found by listing a
 * folder must not bring in one from elsewhere: its text would reach the
 * site through the diagnostics.
 */
int fs_check_link(const char *path, const char *root, const char *other);

/* Whether inner (a canonical path) is dir itself or lies inside it. */
bool fs_within(const char *inner, const char *dir);

/*
 * A file given as its text instead of read from disk, at the path it would
 * have: a centre can be a list of these (model_paths.texts), which is how
 * the tests build one without a folder.
 */
struct fs_text {
	const char *path;
	const char *text;           /* NUL-terminated */
};

/* dir + "/" + name, without doubling a slash; "." + name is just name. */
char *fs_join(const char *dir, const char *name);

/* path without its last part, for the caller to free: "." for a name
 * alone, "/" for "/name". */
char *fs_parent(const char *path);

/*
 * Each entry under dir, at any depth, to visit(ctx, path, rel, st): path
 * as dir + rel, rel from dir, st its lstat (a link is not followed into a
 * folder: a loop of links, or a way out of dir).  A folder comes before
 * what it holds.  st is NULL, with errno set, for what cannot be read: a
 * folder that cannot be opened (after its own visit), an entry gone
 * since it was listed.  A loop over a stack of folders, not recursion.
 */
typedef void (*fs_visit_fn)(void *ctx, const char *path, const char *rel,
			    const struct stat *st);
void fs_walk(const char *dir, fs_visit_fn visit, void *ctx);

/* ---- the times files are stamped with ---------------------------------- */

/* Whether the moment a is later than b. */
bool fs_time_later(struct timespec a, struct timespec b);

/*
 * Whether a time read back from a file system (st_ctim) shows that it
 * stamps times finely: false for one with nothing below the millisecond
 * (FAT's two seconds, exFAT's hundredths, HFS+ and old ext3's seconds),
 * where a change in the same second as another gets its time, and where
 * some take the status time from the modification time, which any
 * program can set.  A file system that keeps nanoseconds gives such a
 * time once in a million.  (It was "nothing below the microsecond", which
 * Linux's fine-grained status times, handed out once a file has been
 * looked at, gave once in a thousand: a site's record was then not
 * trusted, and a build rendered every page.)
 */
bool fs_time_fine(struct timespec t);

/*
 * The moment after which a change to a file stamped t is sure to be
 * stamped later than t: a microsecond past t where times are fine (a
 * file system may keep microseconds only), two seconds past where they
 * are not (FAT's).
 */
struct timespec fs_time_settled(struct timespec t);

/*
 * Returns once the clock files are stamped by (the kernel's as of its
 * last tick) has passed t, so that a change made from then on is stamped
 * later than t: one in the same tick (a few milliseconds) would share it.
 * Returns at once when t is over three seconds ahead of this machine's
 * clock (a file server's may be), and waits five seconds at most.
 */
void fs_wait_past(struct timespec t);

/*
 * A file as a reader found it, to tell later whether it has changed: its
 * size, inode and times to the nanosecond (the status-change time too,
 * which a copy keeping the modification time, cp -p or rsync -t, still
 * moves).  found is false when it could not be looked at.
 */
struct fs_stamp {
	bool found;
	off_t size;
	ino_t ino;
	struct timespec mtime, ctime;
};

/*
 * path's stamp, taken before the file is read.  When the file changed in
 * the clock tick now under way (or, on a coarse file system, in the last
 * two seconds), it returns only once that is over, so that a change after
 * the reading is stamped otherwise: the stamp then never vouches for
 * text the reader did not see.  0 or an errno value (*stamp not found).
 */
int fs_stamp(const char *path, struct fs_stamp *stamp);

/* All of data[0..len) to fd, through interrupted and short writes: 0, or
 * an errno. */
int fs_write_fd(int fd, const char *data, size_t len);

/* A new file at path holding data: created, never opened over an old one
 * nor through a link (O_EXCL).  0, or an errno. */
int fs_write_new(const char *path, const char *data, size_t len);

#endif
