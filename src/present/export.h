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

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/model.h"
#include "read/unit.h"
#include "judge/xref.h"

/* A string, or null for NULL; a YYYY-MM-DD date, or null when !has. */
json_t *export_text_or_null(const char *s);
json_t *export_date_or_null(bool has, int32_t day);

/*
 * A row's columns that folio does not know: as an object keyed by the
 * header, every column of the file (null where the row is empty); and as
 * a list of {name, value} in file order, of those with a value.
 */
json_t *export_extra(const struct extra_field *extra, size_t n);
json_t *export_extra_list(const struct extra_field *extra, size_t n);

json_t *export_unit(const struct unit *u);
json_t *export_evidence(const struct evidence *e);
json_t *export_portfolio(const struct portfolio *p);
json_t *export_learner(const struct model *m, const struct xref *x,
		       size_t index);
json_t *export_centre(const struct model *m);
json_t *export_assessor(const struct assessor *a);
/* m->iqa[i], with whether its action is still open. */
json_t *export_iqa(const struct model *m, size_t i);

/* Where export_write() puts its text: returns 0, or nonzero to stop. */
typedef int export_sink(const char *text, size_t len, void *data);

enum {
	EXPORT_SINK_FAILED = 1,     /* the sink returned nonzero */
	EXPORT_NOT_JSON = 2,        /* a value could not be made into JSON */
};

/*
 * Writes the model as JSON text, indented by two spaces and ending in a
 * line break, in pieces to sink:
 *
 *   {"centre": {...}, "units": [...], "learners": [...],
 *    "assessors": [...], "iqa": [...], ...tail}
 *
 * where tail's members follow, in their order (`folio export` puts
 * "diagnostics" there, the pack its plan).  Only one item of an array is
 * held as JSON at a time, so memory stays that of the largest learner.
 * Returns 0 or an EXPORT_ error; after an error it writes no more.
 */
int export_write(const struct model *m, const struct xref *x,
		 const json_t *tail, export_sink *sink, void *data);

#endif
