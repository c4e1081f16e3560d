/*
 * otj_view.h - an apprentice's programme on their learner page: the
 * off-the-job hours (judge/otj_check.h) with a month-by-month table and
 * an inline SVG chart, the progress reviews, and what needs attention
 * (judge/caseload.h).  docs/site.md lists the keys.
 */
#ifndef FOLIO_OTJ_VIEW_H
#define FOLIO_OTJ_VIEW_H

#include "base/arena.h"
#include "base/value.h"
#include "read/model.h"
#include "judge/xref.h"

/* The chart's drawing area, in SVG user units. */
#define OTJ_VIEW_CHART_WIDTH 640
#define OTJ_VIEW_CHART_HEIGHT 220

/*
 * Puts into o: programme {planned_end, status, status_label, end, breaks,
 * has_breaks} (null when l is no apprentice and has none of it), otj
 * (null, or the hours as text, the months and the chart), reviews,
 * has_reviews, review_due, review_overdue, attention, has_attention.
 */
void otj_view_put(struct arena *a, const struct model *m,
		  const struct xref *x, const struct learner *l,
		  struct value_obj *o);

#endif
