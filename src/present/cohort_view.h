/*
 * cohort_view.h - the site's cohort pages: how the learners are split
 * into pages so that no page grows with the centre.
 *
 * The dashboard's grid of learners and units grows by a row per learner
 * (5 MB at 3,000 learners).  It is split by cohort (learners.csv
 * `cohort`): a page per cohort, `cohorts/SLUG`, and a cohort of more than
 * COHORT_VIEW_ROWS learners is split again into parts (`SLUG`, `SLUG-2`,
 * ...), so that a page's size has a bound whatever the centre's.  The
 * dashboard lists the cohorts with their totals and shows the grid itself
 * only when every learner fits on one page.  docs/site.md documents it.
 */
#ifndef FOLIO_COHORT_VIEW_H
#define FOLIO_COHORT_VIEW_H

#include <stddef.h>

#include "base/arena.h"
#include "read/model.h"

/* Learners on one page of the grid (200 rows of three units: 340 KB). */
#define COHORT_VIEW_ROWS 200

struct cohort_view_page {
	const char *cohort;         /* the model's text; NULL: no cohort given */
	const char *slug;           /* the page's id: cohorts/SLUG */
	size_t part, parts;         /* 1-based; parts > 1 when split */
	const size_t *learners;     /* indexes into the model's learners */
	size_t nlearners;
};

/*
 * Every cohort page, cohorts in byte order of their names and learners
 * without one last, each cohort's parts in turn and each part's learners
 * in the model's order.  Slugs are valid ids, distinct in any case: the
 * name in lower case with anything but letters and digits as '-' ("Sept
 * 2025" is sept-2025, no cohort is no-cohort), a part's number after a
 * '-', and a number more where two would meet.  Allocated in a.
 */
struct cohort_view_page *cohort_view_pages(struct arena *a,
					   const struct model *m,
					   size_t *count);

#endif
