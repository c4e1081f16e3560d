/*
 * learner.h - the learners of a centre, read from learners.csv.
 *
 * Columns (header names in any case and order; others are kept as extra):
 *   learner        required: the id (letters, digits, '.', '_', '-')
 *   name, registration, cohort, assessor
 *   start          the date the learner started (YYYY-MM-DD or DD/MM/YYYY)
 *   units          the unit ids they are registered on, separated by ';'
 *   qualification  the qualifications they are registered on, by id
 *                  (qualifications/ *.md), separated by ';': a learner
 *                  with one and no `units` takes its mandatory units
 */
#ifndef FOLIO_LEARNER_H
#define FOLIO_LEARNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/csvrow.h"
#include "read/role.h"
#include "read/unit.h"

struct load;
struct qualification;

struct learner {
	const char *id;
	const char *name;           /* NULL when not given, likewise below */
	const char *registration;
	const char *cohort;
	const char *assessor;
	bool has_start;
	int32_t start;
	bool has_public_key;        /* their signatures are checked against it */
	uint8_t public_key[ROLE_PUBLIC_KEY_SIZE];
	const struct unit **units;  /* registered, known units, in file order */
	size_t nunits;
	const struct qualification **qualifications;   /* known, file order */
	size_t nqualifications;
	bool units_default;         /* units are its qualifications' mandatory */
	struct extra_field *extra;
	size_t nextra;
	const char *file;
	int line;
	size_t index;               /* position in model->learners (by id) */
	/* The learner's evidence: model->evidence[first_evidence ...]. */
	size_t first_evidence;
	size_t nevidence;
};

/*
 * Reads the learners file into the loader context (load->learners, sorted
 * by id; the units must be loaded).  Returns 0, or an errno value when the
 * file cannot be read.
 */
int learner_load(struct load *load, const char *path, struct diag_list *diags);

bool learner_registered(const struct learner *l, const struct unit *u);

#endif
