/*
 * fsutil.h - the little file-system work the readers need.
 *
 * Whole-file reads (inputs are small next to memory, and every parser
 * wants the text in one piece), sorted directory listings (so that runs
 * are deterministic whatever order the file system returns), and path
 * joining.  Errors are returned as errno values for the caller to report.
 */
#ifndef FOLIO_FSUTIL_H
#define FOLIO_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Reads path into a NUL-terminated buffer the caller frees.  0 or errno. */
int fs_read_file(const char *path, char **data, size_t *len);

/*
 * The same into *data, a buffer of *cap bytes (NULL and 0 at first) that
 * is grown as needed and stays the caller's, on error too: a thread that
 * reads many large files reuses one buffer instead of asking the kernel
 * for fresh memory each time.
 */
int fs_read_file_into(const char *path, char **data, size_t *cap, size_t *len);

/*
 * Names of the regular files in dir whose names end in suffix (not hidden,
 * not editor backups), sorted bytewise.  0 or errno; free with
 * fs_free_names().
 */
int fs_list_files(const char *dir, const char *suffix, char ***names,
		  size_t *count);
void fs_free_names(char **names, size_t count);

bool fs_is_dir(const char *path);

/* dir + "/" + name, without doubling a slash; "." + name is just name. */
char *fs_join(const char *dir, const char *name);

#endif
