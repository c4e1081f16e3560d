/*
 * assessor.h - the centre's assessors and internal quality assurers,
 * read from assessors.csv (optional).
 *
 * Columns (header names in any case and order; others are kept as extra):
 *   initials    required: as the evidence and learners files write them
 *   name
 *   role        assessor (when empty) or iqa
 *   risk        low, medium or high: how closely the IQA samples the
 *               assessor's work (new, unqualified or previously
 *               inconsistent assessors are higher risk)
 *   qualified   the date they qualified
 *   countersign_by  the initials of the listed assessor who countersigns
 *               their sign-offs (an assessor working towards their
 *               qualification): each of their sign-offs then needs a
 *               `countersign` row by that person (signoff.h)
 *
 * Initials match case-insensitively ("km" is KM).  An assessor the file
 * does not list, or lists without a risk, is sampled as high risk.
 */
#ifndef FOLIO_ASSESSOR_H
#define FOLIO_ASSESSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/strmap.h"
#include "read/csvrow.h"
#include "read/risk.h"
#include "read/role.h"

struct load;

enum assessor_role {
	ASSESSOR_ROLE_ASSESSOR,
	ASSESSOR_ROLE_IQA,
};

struct assessor {
	const char *initials;
	const char *name;          /* NULL when not given */
	enum assessor_role role;
	enum risk risk;
	bool has_qualified;
	int32_t qualified;
	const char *countersign_by;  /* initials as written, or NULL */
	bool has_public_key;         /* signatures are checked against it */
	uint8_t public_key[ROLE_PUBLIC_KEY_SIZE];
	struct extra_field *extra;
	size_t nextra;
	const char *file;
	int line;
};

/*
 * Reads the assessors file into the loader context (load->assessors, sorted by
 * initials).  Returns 0, or an errno value when the file cannot be read.
 */
int assessor_load(struct load *load, const char *path, struct diag_list *diags);

/*
 * Once the learners and evidence are loaded: warns of each assessor the
 * learners or evidence name that assessors.csv does not list (once each,
 * at the first place), when there is an assessors file; and reports a
 * `countersign_by` that names no one listed, or the assessor themself.
 */
void assessor_check_references(const struct load *load, struct diag_list *diags);

/*
 * The assessor with these initials, in any case, or NULL, in an index by
 * lower-case initials (the model's: model_find_assessor()).
 */
const struct assessor *assessor_find(const struct strmap *by_folded,
				     const char *initials);

const char *assessor_role_name(enum assessor_role role);  /* "iqa" */

#endif
