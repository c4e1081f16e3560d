/*
 * claims.h - what the centre can claim from the awarding body now.
 *
 * A learner on a qualification is claimed for it once it is claimable
 * (judge/qualify.h): one claim for all its units.  A unit the learner
 * takes on none of their qualifications is claimed on its own once its
 * portfolio is signed off (signoff_check.h): complete, and every
 * declaration it needs holds.  folio.yml's `claims: {summative_sample:
 * true}` makes a claim also wait for the IQA: each unit's latest sample in
 * iqa.csv must be summative and agreed.  Nothing that is not ready is
 * listed; those waiting only for the sample are counted, so that the list
 * can say so.
 */
#ifndef FOLIO_CLAIMS_H
#define FOLIO_CLAIMS_H

#include <stddef.h>
#include <stdint.h>

#include "read/model.h"
#include "judge/xref.h"

struct claim {
	const struct learner *learner;
	/* One of the two: the qualification claimed, or the unit. */
	const struct qualify_progress *qualification;
	const struct portfolio *portfolio;
	int32_t completed;                /* its last counting row's date */
	int32_t signed_off;               /* its last holding declaration's */
	const struct iqa_record *sample;  /* the agreed summative sample, or NULL */
};

struct claims {
	struct claim *items;      /* by learner id; qualifications by id,
				   * then units by id */
	size_t count;
	size_t awaiting_sample;   /* signed off, waiting for the IQA's sample */
};

/* After qualify_check(). */
void claims_list(struct claims *c, const struct model *m, const struct xref *x);
void claims_free(struct claims *c);

#endif
