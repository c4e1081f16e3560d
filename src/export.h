/*
 * export.h - the model as JSON: `folio export` and the template context.
 *
 * The keys are a public contract (README.md, "The model as JSON"):
 * templates and other tools rely on them, so they only ever grow.
 * Absent optional values are null, never missing keys, so a template
 * can test any of them.
 */
#ifndef FOLIO_EXPORT_H
#define FOLIO_EXPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "unit.h"
#include "xref.h"

/* A string, or null for NULL; a YYYY-MM-DD date, or null when !has. */
json_t *export_text_or_null(const char *s);
json_t *export_date_or_null(bool has, int32_t day);

json_t *export_unit(const struct unit *u);
json_t *export_evidence(const struct evidence *e);
json_t *export_portfolio(const struct portfolio *p);
json_t *export_learner(const struct model *m, const struct xref *x,
		       size_t index);
json_t *export_centre(const struct model *m);
json_t *export_assessor(const struct assessor *a);
/* m->iqa[i], with whether its action is still open. */
json_t *export_iqa(const struct model *m, size_t i);

/*
 * {"centre": {...}, "units": [...], "learners": [...], "assessors": [...],
 *  "iqa": [...], "diagnostics": [...]}
 */
json_t *export_model(const struct model *m, const struct xref *x,
		     const struct diag_list *diags);

#endif
