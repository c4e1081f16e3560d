/*
 * needs_view.h - who still needs each criterion and requirement of each
 * unit: the portfolios on the unit that have not met it, in the order of
 * the learners' ids.
 *
 * Found once a build, and read by every part of every "who still needs"
 * page (view.c), by the site's list of those pages (write/site.c) and by
 * the unit pages' counts; each had looked through all the centre's
 * portfolios.  A page lists at most NEEDS_VIEW_ROWS learners, as a
 * cohort's does (cohort_view.h), so that none grows with the centre: an
 * item more learners need is split into parts, each its own page
 * (url_part_path).  docs/site.md documents the pages.
 */
#ifndef FOLIO_NEEDS_VIEW_H
#define FOLIO_NEEDS_VIEW_H

#include <stddef.h>

#include "base/arena.h"
#include "read/model.h"
#include "judge/xref.h"

#define NEEDS_VIEW_ROWS 200
/* The parts of the page of an item `missing` learners need: one at least. */
#define NEEDS_VIEW_PARTS(missing) \
	((missing) ? ((missing) + NEEDS_VIEW_ROWS - 1) / NEEDS_VIEW_ROWS : 1)
/* Whether such an item has a page in the site. */
#define NEEDS_VIEW_PAGE(missing) ((missing) > 0)

/*
 * One unit's lists: its items numbered criteria first (0 to ncriteria - 1,
 * in unit order), then requirements.
 */
struct needs_view_unit {
	size_t learners;                          /* portfolios on the unit */
	const struct portfolio *const **missing;  /* missing[item][0..n) */
	size_t *nmissing;
};

/* Every unit's lists, by the model's unit order, in a. */
struct needs_view_unit *needs_view_units(struct arena *a,
					 const struct model *m,
					 const struct xref *x);

/* The coverage of the item-th item of p's unit, numbered as above. */
const struct xref_coverage *needs_view_coverage(const struct portfolio *p,
						size_t item);

#endif
