/*
 * qualify.h - each learner's progress on the qualifications they are
 * registered on, by the rules of combination (read/qualification.h).
 *
 * A learner's units on a qualification are those of their units in its
 * groups.  A unit counts for a group once its portfolio is complete:
 *   - a mandatory group (no limits) is met when every unit in it is;
 *   - a group with limits when min_units of its units are and their
 *     credit reaches min_credits (the max_* limits bound the choice);
 *   - the credit of the completed units must reach `credits`.
 * Status: not-started while none of the learner's units on it has
 * evidence; complete when every one of them is complete, every group is
 * met and the credits reached; claimable when, besides, every one of them
 * is signed off (judge/signoff_check.h) and, with folio.yml's
 * `claims: {summative_sample: true}`, has an agreed summative IQA sample
 * as its latest; else in-progress.
 *
 * The learner's choice is checked here too, each a located diagnostic at
 * the learner's line in learners.csv: units that a barred set forbids
 * together, or more than a group's max_units or max_credits (errors); a
 * mandatory unit left out of an explicit `units` list, and a unit in
 * none of the learner's qualifications (warnings).
 */
#ifndef FOLIO_QUALIFY_H
#define FOLIO_QUALIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/model.h"
#include "judge/xref.h"

enum qualify_status {
	QUALIFY_NOT_STARTED,
	QUALIFY_IN_PROGRESS,
	QUALIFY_COMPLETE,
	QUALIFY_CLAIMABLE,
};

struct qualify_group {
	const struct qualification_group *group;
	bool met;
	size_t units_done;      /* its units the learner has completed */
	long credits_done;      /* their credit */
	size_t units_chosen;    /* its units the learner takes */
};

struct qualify_progress {
	const struct learner *learner;
	const struct qualification *qualification;
	enum qualify_status status;
	long credits;                   /* of the units completed */
	long credits_needed;            /* the qualification's, or -1 */
	struct qualify_group *groups;   /* one per qualification group */
	const char **needed;            /* what is still needed, in words */
	size_t nneeded;
	const struct portfolio **units; /* the learner's units on it */
	size_t nunits;
	int32_t completed;              /* complete: its last unit's date */
	int32_t signed_off;             /* claimable: its last sign-off */
	const struct iqa_record *sample;    /* claimable: the latest agreed
					     * summative sample, or NULL */
	bool awaits_sample;             /* complete and signed off: only the
					 * IQA's summative sample is missing */
};

/*
 * Judges every learner's qualifications into x->progress (after
 * signoff_check); the problems with their choices into diags.
 */
void qualify_check(struct xref *x, const struct model *m,
		   struct diag_list *diags);

/* A learner's progress on their qualifications, and how many. */
const struct qualify_progress *qualify_of(const struct xref *x,
					  const struct learner *l,
					  size_t *count);

/* Whether the learner takes u on q's qualification (q->units has it). */
bool qualify_takes(const struct qualify_progress *q, const struct unit *u);

const char *qualify_status_name(enum qualify_status s);   /* "in-progress" */

/* The learners' qualifications (x->progress) counted by status: the
 * dashboard's and check's totals. */
struct qualify_tally {
	size_t all;
	size_t by_status[QUALIFY_CLAIMABLE + 1];    /* by enum qualify_status */
};

struct qualify_tally qualify_tally(const struct xref *x);

#endif
