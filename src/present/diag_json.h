/*
 * diag_json.h - diagnostics as JSON, the contract `folio check --format
 * json`, `folio export`, the site's pages and a pack's data.json share:
 * [{file, line, column, severity, message}], line and column null when
 * unknown.  (The diagnostics themselves are base/diag.h's, which knows no
 * JSON: the read stage never sees the JSON library.)
 */
#ifndef FOLIO_DIAG_JSON_H
#define FOLIO_DIAG_JSON_H

#include "base/arena.h"
#include "base/diag.h"
#include "base/value.h"

/* The list, as values in a. */
struct value diag_json_list(struct arena *a, const struct diag_list *list);

/*
 * The same for a page or a pack: a diagnostic in a file outside the
 * centre folder keeps its place but not its message, which may quote the
 * file (a header line, a value): the site is published, the file is not.
 */
struct value diag_json_published(struct arena *a,
				const struct diag_list *list);

#endif
