/*
 * ident.h - the identifiers that name units, learners and their files.
 *
 * Ids become file names in the site (learners/<id>/<unit>.html), so they
 * are restricted to letters, digits, '.', '_' and '-', must start with a
 * letter or digit, and are at most 64 bytes: nothing that could climb out
 * of a folder or surprise a file system.  This is the one place that rule
 * lives.
 */
#ifndef FOLIO_IDENT_H
#define FOLIO_IDENT_H

#include <stdbool.h>
#include <stddef.h>

#define IDENT_MAX 64

#include "base/arena.h"

bool ident_valid(const char *s);

/*
 * s in lower case, in the arena: two ids with the same folded form would
 * name the same file on a case-insensitive file system.
 */
const char *ident_fold(struct arena *a, const char *s);

/* The same, of s[0..len) in place: the one way ids are folded. */
void ident_fold_in_place(char *s, size_t len);

/* Why s is not a valid id, as a phrase: "contains '/'", "is empty", ... */
const char *ident_problem(const char *s, char *scratch, size_t size);

#endif
