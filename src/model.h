/*
 * model.h - everything folio knows about a centre, loaded from its folder.
 *
 * model_load() reads the inputs (unit specifications now; learners and
 * evidence as the readers arrive), reporting every problem to the
 * diagnostics list and carrying on, so that one run shows them all.  Once
 * loaded the model is read-only and may be shared between threads.  All
 * its memory belongs to its arena.
 */
#ifndef FOLIO_MODEL_H
#define FOLIO_MODEL_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "unit.h"

/* Where the inputs are.  NULL fields take their conventional place. */
struct model_paths {
	const char *centre;   /* the centre folder; "." by default */
	const char *units;    /* default: CENTRE/units */
};

struct model {
	struct arena arena;
	const char *centre;
	const char *units_dir;
	struct unit **units;  /* sorted by id, ids unique */
	size_t nunits;
};

enum model_status {
	MODEL_OK = 0,         /* loaded; the diagnostics say how well */
	MODEL_IO_ERROR = -1,  /* a folder or file could not be read */
};

/* Loads the model; free it with model_free() whatever the result. */
enum model_status model_load(struct model *m, const struct model_paths *paths,
			     struct diag_list *diags);
void model_free(struct model *m);

const struct unit *model_find_unit(const struct model *m, const char *id);
size_t model_criteria_count(const struct model *m);

#endif
