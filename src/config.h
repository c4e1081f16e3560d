/*
 * config.h - folio.yml, the centre's optional settings file.
 *
 *   name: Northgate Training
 *   number: "12345"
 *   today: 2026-06-30          # the date "future" is judged against
 *   paths:
 *     units: ../../units       # relative to the centre folder
 *     learners: learners.csv
 *     evidence: evidence
 *
 * Every key is optional; a missing file is no error.  Command-line options
 * override what the file says.
 */
#ifndef FOLIO_CONFIG_H
#define FOLIO_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

struct config {
	const char *file;       /* the file read, or NULL if there was none */
	const char *name;       /* NULL when not given, likewise below */
	const char *number;
	const char *units;
	const char *learners;
	const char *evidence;
	bool has_today;
	int32_t today;
};

/*
 * Reads path into *c (strings in arena) if the file exists.  Returns 0,
 * with problems as diagnostics, or an errno value when the file exists
 * but cannot be read.
 */
int config_load(struct config *c, struct arena *arena, const char *path,
		struct diag_list *diags);

#endif
