/*
 * watch.h - knowing when what a site is built from changes, for `folio
 * serve`: inotify on the folders that hold the files the model read or
 * tried to read, on its input folders, on the centre folder, and on every
 * folder of the overriding theme.
 *
 * Folders rather than files: an editor that saves by writing a new file
 * and renaming it over the old one, a new evidence log, a unit deleted, a
 * folio.yml or templates/ folder that was not there: each is an event in
 * a folder.  Not a change: the site's own folder coming and going beside
 * the inputs (OUT, OUT.folio-new...), and hidden files and backups
 * (NAME~), which folio never reads unless one is named as an input.
 */
#ifndef FOLIO_WATCH_H
#define FOLIO_WATCH_H

#include <stdbool.h>

#include "read/model.h"

struct watch;

/* A watch on nothing yet; NULL, with errno set, when inotify fails. */
struct watch *watch_new(void);

/* The descriptor to poll(): readable when events wait. */
int watch_fd(const struct watch *w);

/*
 * Watches what a build of m reads (templates: the theme folder, or NULL)
 * and no longer what it no longer reads.  out is the site's folder, whose
 * own events are ignored.  Run in the centre folder.  0, or the errno of
 * a folder that is there but could not be watched (ENOSPC: the system's
 * limit, fs.inotify.max_user_watches), whose changes go unseen.
 */
int watch_model(struct watch *w, const struct model *m,
		const char *templates, const char *out);

/* Reads the waiting events without blocking: whether one was a change. */
bool watch_changed(struct watch *w);

void watch_free(struct watch *w);

#endif
