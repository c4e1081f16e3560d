/*
 * outdir.h - the folder a site or pack is published as: refused when it
 * is dangerous, locked while a build runs, built beside itself and
 * swapped in whole.
 *
 * A build makes OUT.folio-new beside OUT (outdir_fresh), writes everything
 * there, and outdir_publish() exchanges it with OUT in one step where the
 * file system can (renameat2 RENAME_EXCHANGE), else with two renames, the
 * old folder kept aside until the new one is in place: an interrupted or
 * refused build leaves the old site as it was.  Every folder folio makes
 * holds OUTDIR_MARKER, so that a later build knows it may replace it.
 * What a folder holds (outdir_census) tells a site changed by hand since
 * its last build.
 */
#ifndef FOLIO_OUTDIR_H
#define FOLIO_OUTDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "read/model.h"

/* Marks a folder as folio's own, so a rebuild may replace it. */
#define OUTDIR_MARKER ".folio-site"

/*
 * Why out must not be built into, or NULL: it is empty or ends in . or
 * .., is "/", the home folder, the centre folder or holds an input, a
 * mount point, or a folder folio did not make.  The reason is fixed
 * text.
 */
const char *outdir_refuse(const struct model *m, const char *out);

/*
 * The same for the folders beside out that a build uses: why a folder
 * that is not folio's stands where the site is built first
 * (OUT.folio-new) or kept aside (OUT.folio-new-old), naming it whole
 * (the caller frees the text), or NULL.  Asked with out locked
 * (outdir_lock), as another build into out makes and deletes them under
 * that lock: a site half deleted there is not a stranger's.
 */
char *outdir_refuse_beside(const char *out);

/*
 * out without the trailing slashes and "/." that name the same folder
 * ("SITE/", "SITE/."), so that the fresh folder is made beside it, never
 * inside; NULL when nothing names a folder ("") or the last part is "."
 * or "..".  The caller frees it.
 */
char *outdir_folder(const char *out);

/* Where the folder is built before it is swapped in: OUT.folio-new. */
char *outdir_fresh(const char *out);

/*
 * Holds builds into one folder apart (flock on the folder, made empty if
 * there is none yet: *made says so).  The locked descriptor, or -1 where
 * there are no locks (the build goes on without).
 */
int outdir_lock(const char *out, bool *made);

/*
 * Locks the folder fresh before it is published, so that a build that
 * comes to out once fresh is in its place (and so locks fresh's folder)
 * waits until this one has done with it: its record is written after the
 * swap.  The descriptor to close when done, or -1 (no locks here).
 */
int outdir_hold(const char *fresh);

/* Puts fresh in out's place: 0, or an errno value (out is then intact). */
int outdir_publish(const char *out, const char *fresh);

/* Deletes a tree without following symbolic links inside it, the
 * folders two levels in on every core; 0 or -1 (what could be removed
 * is). */
int outdir_remove_tree(const char *path);

/*
 * What a tree holds, to tell whether anything in it changed after a
 * moment: its entries (files and folders at every depth, links not
 * followed) and, when times is set, the latest status change among them
 * (st_ctim), which writing, replacing, renaming or deleting an entry
 * moves (deleting moves its folder's) and nothing can set back.  skip
 * names an entry at the top left out (the record kept there), or is
 * NULL.  The folders two levels in are walked on every core.  0, or -1
 * when something could not be read (*census then counts the rest).
 */
struct outdir_census {
	size_t entries;
	struct timespec newest;     /* 0 when times is not set */
};

int outdir_census(const char *path, const char *skip, bool times,
		  struct outdir_census *census);

#endif
