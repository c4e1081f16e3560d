/*
 * caseload_view.h - the learners who need attention (judge/caseload.h)
 * as `folio caseload --format md|json|csv`, the assessors' caseload pages
 * and the dashboard's attention column.  docs/json.md lists the keys.
 */
#ifndef FOLIO_CASELOAD_VIEW_H
#define FOLIO_CASELOAD_VIEW_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/value.h"
#include "read/model.h"
#include "judge/xref.h"

/*
 * One learner: {learner, name, assessor, assessor_name, status,
 * planned_end, href, reasons: [{code, text}], attention (the first
 * reason's text, or null), otj_pace, last_review, review_due}.
 */
struct value caseload_view_learner(struct arena *a, const struct model *m,
				   const struct xref *x, size_t learner);

/*
 * The caseload, most urgent first: {today, assessor, assessor_name,
 * learners: [LEARNER], count, fine, has_learners}; with assessor NULL,
 * every assessor's.
 */
struct value caseload_view_list(struct arena *a, const struct model *m,
				const struct xref *x, const char *assessor);

/*
 * The assessors who have a caseload page (assessors/INITIALS): those
 * assessors.csv lists as assessors, and the initials learners.csv gives
 * that it does not list; valid ids, one per initials in any case, sorted.
 * The strings are the model's; free() the array.
 */
const char **caseload_view_assessors(const struct model *m, size_t *count);

/*
 * The link to the page of the assessor with these initials (in any case),
 * one of pages[0..n) as caseload_view_assessors() lists them, or null
 * when they have none: the page's own spelling, so that "km" in
 * learners.csv leads to the page of "KM".
 */
struct value caseload_view_assessor_href(struct arena *a,
					 const char *const *pages, size_t n,
					 const char *initials);

/*
 * An assessor's caseload page: {initials, name, learners: [LEARNER] (who
 * need attention, most urgent first), others: [LEARNER] (the rest, by
 * id), count, fine, has_learners, has_others, learners_total}.
 */
struct value caseload_view_assessor(struct arena *a, const struct model *m,
				    const struct xref *x, const char *initials);

/* The same as CSV: a header line, and a line per learner with their
 * reasons joined by "; ", appended to out. */
void caseload_view_csv(const struct model *m, const struct xref *x,
		       const char *assessor, struct buf *out);

#endif
