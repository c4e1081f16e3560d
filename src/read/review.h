/*
 * review.h - progress reviews with learner and employer, read from
 * reviews.csv (optional).
 *
 * One row per review held.  Columns (any case, any order; others are
 * kept as extra):
 *   learner, date, by      required: who held it (initials or a name)
 *   next_review            the date agreed for the next one
 *   employer               who attended for the employer
 *   progress               what was said about progress
 *   otj_discussed          yes/no: off-the-job hours were discussed
 *   actions                what was agreed
 * A row with an error is reported and left out.  A review dated after
 * today cannot have been held: it is kept with a warning and does not
 * count.  folio.yml's `reviews: {every_weeks: 12}` says how often one is
 * due (judge/caseload.h).
 */
#ifndef FOLIO_REVIEW_H
#define FOLIO_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/csvrow.h"
#include "read/learner.h"

struct load;

struct review {
	const struct learner *learner;
	int32_t date;
	const char *by;
	bool has_next;
	int32_t next_review;
	const char *employer;       /* NULL when not given, likewise below */
	const char *progress;
	bool otj_discussed;
	const char *actions;
	bool future;                /* dated after today: does not count */
	struct extra_field *extra;
	size_t nextra;
	const char *file;
	int line;
};

/*
 * Reads the reviews file into the loader context (load->reviews, sorted
 * by learner id, date and line; each learner's first_review and
 * nreviews), which must hold the learners.  Returns 0, or an errno value
 * when the file cannot be read.
 */
int review_load(struct load *load, const char *path, struct diag_list *diags);

#endif
