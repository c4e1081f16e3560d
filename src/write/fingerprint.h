/*
 * fingerprint.h - knowing when a site is up to date, so that a build with
 * nothing changed renders and writes nothing.
 *
 * The fingerprint covers everything the pages depend on: folio (its
 * version and its program file) and its built-in theme, every option (the site's, and the model's: --encoding,
 * today), each file the model read or tried to read, and each file of the
 * overriding theme at any depth, each by path, size, inode and times as
 * found before it was read (fs_stamp), so that a file changed while a
 * build runs is never taken for the one it read.  A finished site records
 * it in its OUTDIR_MARKER file (outdir.h).
 */
#ifndef FOLIO_FINGERPRINT_H
#define FOLIO_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/fsutil.h"

/* HASH_INIT, then each of these folded into *h in turn (base/hash.h). */
void fingerprint_bytes(uint64_t *h, const void *data, size_t len);
void fingerprint_text(uint64_t *h, const char *s);      /* NULL as "" */
/* A file by its path and its stamp: size, inode and times (to the
 * nanosecond), or that it could not be looked at. */
void fingerprint_stamp(uint64_t *h, const char *path,
		       const struct fs_stamp *stamp);
/* The same, stamped now (fs_stamp: before the file is read). */
void fingerprint_file(uint64_t *h, const char *path);
/* Every file under dir, at any depth, in whatever order it lists them,
 * each stamped now: before any of them is read. */
void fingerprint_tree(uint64_t *h, const char *dir);

/* The marker file's text for a fingerprint: "folio VERSION HEX\n". */
void fingerprint_marker(uint64_t print, char *text, size_t size);

/* Whether out's marker is exactly marker: a complete site of these inputs. */
bool fingerprint_matches(const char *out, const char *marker);

#endif
