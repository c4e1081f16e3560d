/*
 * export.h - the model as JSON: `folio export` and the template context.
 *
 * The keys are a public contract (docs/json.md):
 * templates and other tools rely on them, so they only ever grow.
 * Absent optional values are null, never missing keys, so a template
 * can test any of them.
 */
#ifndef FOLIO_EXPORT_H
#define FOLIO_EXPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/value.h"
#include "read/model.h"
#include "read/unit.h"
#include "judge/qualify.h"
#include "judge/xref.h"

/*
 * Each export_ function builds its part as values in a (value.h); the
 * model's strings are not copied, so the model must outlive them.
 */

/* A date (value_date: YYYY-MM-DD in JSON, the centre's date_format on
 * pages), or null when !has. */
struct value export_date_or_null(bool has, int32_t day);

/* Hours held in hundredths (base/hours.h) as a JSON number, or null
 * when negative (not known). */
struct value export_hours(long centi);

/* A row's summary as HTML (cmark's, or its plain text escaped), or null. */
struct value export_summary_html(struct arena *a, const struct evidence *e);

/*
 * A row's columns that folio does not know: as an object keyed by the
 * header, every column of the file (null where the row is empty); and as
 * a list of {name, value} in file order, of those with a value.
 */
struct value export_extra(struct arena *a, const struct extra_field *extra,
			  size_t n);
struct value export_extra_list(struct arena *a,
			       const struct extra_field *extra, size_t n);

/*
 * A unit's and an IQA record's members, put into o, so that a view can
 * add its own after them; export_unit() and export_iqa() are the objects
 * with those alone.
 */
#define EXPORT_UNIT_MEMBERS 22
#define EXPORT_IQA_MEMBERS 13
void export_unit_members(struct arena *a, const struct unit *u,
			 struct value_obj *o);
void export_iqa_members(struct arena *a, const struct model *m, size_t i,
			struct value_obj *o);

struct value export_unit(struct arena *a, const struct unit *u);
struct value export_evidence(struct arena *a, const struct evidence *e);
struct value export_portfolio(struct arena *a, const struct portfolio *p);
/* A portfolio's gaps: [{code, target, message}]. */
struct value export_gaps(struct arena *a, const struct portfolio *p);
struct value export_qualification(struct arena *a,
				  const struct qualification *q);
/* The learners' qualifications by status: {all, not_started,
 * in_progress, complete, claimable} (the dashboard's, check's summary). */
struct value export_qualify_tally(struct arena *a,
				  const struct qualify_tally *t);
/* A learner's progress on a qualification (judge/qualify.h), put into o. */
#define EXPORT_PROGRESS_MEMBERS 11
void export_progress_members(struct arena *a, const struct qualify_progress *q,
			     struct value_obj *o);
struct value export_learner(struct arena *a, const struct model *m,
			    const struct xref *x, size_t index);
/* A learner's off-the-job hours (judge/otj_check.h) with their rows, or
 * null when they are no apprentice; an hours row; a review. */
struct value export_otj(struct arena *a, const struct model *m,
			const struct xref *x, const struct learner *l);
struct value export_otj_row(struct arena *a, const struct otj_row *o);
struct value export_review(struct arena *a, const struct review *v);
/* A learner's breaks in learning: [{from, to}], to null for one that
 * goes on. */
struct value export_breaks(struct arena *a, const struct learner *l);
/* What needs attention (judge/caseload.h): [{code, text}]. */
struct value export_attention(struct arena *a, const struct xref *x,
			      const struct learner *l);
struct value export_centre(struct arena *a, const struct model *m);
struct value export_assessor(struct arena *a, const struct assessor *as);
/* A declaration as signoffs.csv has it. */
struct value export_signoff(struct arena *a, const struct signoff *s);
/* m->iqa[i], with whether its action is still open. */
struct value export_iqa(struct arena *a, const struct model *m, size_t i);

/* Where export_write() puts its text: returns 0, or nonzero to stop. */
typedef int export_sink(const char *text, size_t len, void *data);

enum {
	EXPORT_SINK_FAILED = 1,     /* the sink returned nonzero */
};

/*
 * Writes the model as JSON text, indented by two spaces and ending in a
 * line break, in pieces to sink:
 *
 *   {"centre": {...}, "units": [...], "qualifications": [...],
 *    "learners": [...],
 *    "assessors": [...], "iqa": [...], "signoffs": [...], ...tail}
 *
 * where the members of tail (an object, or NULL) follow, in their order
 * (`folio export` puts "diagnostics" there, the pack its plan).  Only
 * one item of an array is built at a time, but for the learners: a batch
 * of them on each core (threads of its own, which only read m and x), so
 * memory stays that of a few batches of learners.  Returns 0 or
 * EXPORT_SINK_FAILED; after a failure it writes no more.
 */
int export_write(const struct model *m, const struct xref *x,
		 const struct value *tail, export_sink *sink, void *data);

#endif
