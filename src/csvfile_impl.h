/*
 * csvfile_impl.h - csvfile.c's test hook.  Not for use outside csvfile.c
 * and its tests.
 *
 * Owns the choice between the two ways of splitting lines (see
 * csvfile.c): the tests parse every input both ways and compare, which
 * is how the fast path is shown to agree with libcsv.
 */
#ifndef FOLIO_CSVFILE_IMPL_H
#define FOLIO_CSVFILE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "csvfile.h"

/*
 * csvfile_parse(), with fast false feeding every line to libcsv.  The
 * choice is per call, so parses on several threads do not interfere.
 */
int csvfile_parse_with(struct csvfile *out, const char *path,
		       const char *data, size_t len, struct diag_list *diags,
		       bool fast);

#endif
