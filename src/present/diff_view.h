/*
 * diff_view.h - what changed between two centres (judge/diff.h) as the
 * values `folio diff` prints as JSON or renders as Markdown fit for a
 * pull request's comment (md/diff-document.mustache).
 */
#ifndef FOLIO_DIFF_VIEW_H
#define FOLIO_DIFF_VIEW_H

#include "base/arena.h"
#include "base/value.h"
#include "judge/diff.h"

/*
 * {old, new, count, has_changes, changes: [{learner, name, unit,
 * unit_title, before: {status, status_label, percent} or null, after:
 * likewise, met, unmet, gaps_opened, gaps_closed, rows_added,
 * rows_changed, rows_removed, iqa_added, signoffs_added (each a list of
 * words), and has_ for each}]}; old and new name the two sides.
 */
struct value diff_view(struct arena *a, const struct diff *d,
		       const char *old_name, const char *new_name);

#endif
