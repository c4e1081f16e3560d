/*
 * iqa_view.h - the internal quality assurer's work on the pages: a
 * portfolio's IQA record, each learner's latest sample and the centre's
 * open actions on the dashboard (iqa.csv, read/iqa.h).  docs/site.md
 * lists the keys.
 */
#ifndef FOLIO_IQA_VIEW_H
#define FOLIO_IQA_VIEW_H

#include <stddef.h>

#include "base/arena.h"
#include "base/value.h"
#include "read/model.h"
#include "judge/xref.h"

/*
 * Puts into o the portfolio's IQA record: iqa_record [{date, iqa,
 * iqa_name, kind, decision, feedback, action, due, open, overdue, file,
 * line}] by date, has_iqa_record, open_actions (a count), has_open_actions.
 */
void iqa_view_put_record(struct arena *a, const struct model *m,
			 const struct portfolio *p, struct value_obj *o);

/* The latest sample of each learner's portfolios, by the model's learner
 * order (NULL where none); free() the array. */
const struct iqa_record **iqa_view_latest(const struct model *m);

/* A sample in brief: {unit, date, iqa, iqa_name, kind, decision}, or null. */
struct value iqa_view_brief(struct arena *a, const struct model *m,
			    const struct iqa_record *r);

/*
 * The centre's open IQA actions, overdue first, then by due date:
 * {actions: [{learner, name, unit, href, iqa, iqa_name, date, action,
 * due, overdue}], open, overdue, has_actions}.
 */
struct value iqa_view_open_actions(struct arena *a, const struct model *m);

#endif
