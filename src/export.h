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

#include "diag.h"
#include "model.h"
#include "unit.h"

json_t *export_unit(const struct unit *u);

/* {"units": [...], "diagnostics": [...]} */
json_t *export_model(const struct model *m, const struct diag_list *diags);

#endif
