/*
 * diff.h - what changed between two judged centres, portfolio by
 * portfolio: `folio diff OLD NEW`.
 *
 * Pure: two models and their cross-references in, a list out.  A
 * portfolio is a learner on a unit, matched by their ids; one that is the
 * same on both sides (status, percent, criteria met, gaps, evidence rows,
 * IQA samples and sign-offs) is not listed.  Evidence rows are matched by
 * their ref; a row is changed when anything a verifier reads in it is
 * (date, method, criteria, requirements, summary, assessor, location,
 * simulated).
 */
#ifndef FOLIO_DIFF_H
#define FOLIO_DIFF_H

#include <stddef.h>

#include "base/arena.h"
#include "read/model.h"
#include "judge/xref.h"

/* Words, in the diff's arena. */
struct diff_list {
	const char **items;
	size_t count, cap;
};

struct diff_portfolio {
	const char *learner, *name, *unit, *unit_title;
	const struct portfolio *before, *after;   /* NULL: not on that side */
	struct diff_list met, unmet;               /* criterion ids */
	struct diff_list gaps_opened, gaps_closed; /* "missing-evidence 1.2" */
	struct diff_list rows_added, rows_changed, rows_removed;   /* refs */
	struct diff_list iqa_added;      /* "2026-03-05 LT interim referred" */
	struct diff_list signoffs_added; /* "assessor KM 2026-06-01": a role's
					  * latest declaration, new or newer */
};

struct diff {
	struct arena arena;
	struct diff_portfolio *items;     /* by learner id, then unit id */
	size_t count, cap;
};

void diff_centres(struct diff *d, const struct model *old_m,
		  const struct xref *old_x, const struct model *new_m,
		  const struct xref *new_x);
void diff_free(struct diff *d);

#endif
