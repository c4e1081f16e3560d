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

/* The same as CSV: a header line, and a line per learner with their
 * reasons joined by "; ", appended to out. */
void caseload_view_csv(const struct model *m, const struct xref *x,
		       const char *assessor, struct buf *out);

#endif
