/*
 * pack_view.h - what the external-verification pack shows (docs/sampling.md,
 * "The pack"): its page's context (cover, tracking, staff, plan, record
 * and contents) and the tail of its data.json (the plan, what the pack
 * covers and its diagnostics).  write/pack.c writes them; the plan as
 * Markdown (render/plan.h) renders the same context.
 *
 * m, x and s are the model narrowed to the visit (judge/scope.h), its
 * cross-reference and its plan.
 */
#ifndef FOLIO_PACK_VIEW_H
#define FOLIO_PACK_VIEW_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/value.h"
#include "read/model.h"
#include "judge/sample.h"
#include "judge/scope.h"
#include "judge/xref.h"

/*
 * What every part of the pack page reads: the narrowed model, its
 * cross-reference and plan, and what the plan chose, per portfolio and
 * per learner, worked out once (asked of the plan for every tracking
 * cell, it made a large pack quadratic).
 */
struct pack_view {
	const struct model *m;
	const struct xref *x;
	const struct sample *s;
	const struct scope *scope;
	bool *planned;                     /* per portfolio of x */
	bool *sampled;                     /* per learner: pages in the pack */
	const struct iqa_record **latest;  /* per portfolio, or NULL */
};

void pack_view_init(struct pack_view *v, const struct model *m,
		    const struct xref *x, const struct sample *s,
		    const struct scope *scope);
void pack_view_free(struct pack_view *v);

/*
 * The pack page's context, around plan (sample_json_plan), as values in
 * a (which the plan's must outlive).
 */
struct value pack_view_page(struct arena *a, const struct pack_view *v,
			    const struct value *plan);

/*
 * data.json's members after the model: the pack's date and scope, the
 * plan's sample and coverage, and only the scope's diagnostics (others
 * may name learners outside it).
 */
struct value pack_view_data_tail(struct arena *a, const struct pack_view *v,
				 const struct value *plan,
				 const struct diag_list *diags);

/* The page context made whole from the narrowed model: init, page, free. */
struct value pack_view_context(struct arena *a, const struct model *m,
			       const struct xref *x, const struct sample *s,
			       const struct scope *scope);

#endif
