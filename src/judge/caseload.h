/*
 * caseload.h - which learners need their assessor's attention, and why.
 *
 * Pure: the model and its judged cross-reference (portfolios and
 * off-the-job hours) in, reasons in plain words per learner out.  Only
 * active learners are judged (status active in learners.csv): one on a
 * break, withdrawn or completed needs no chasing.  The reasons, most
 * urgent first (the order of enum caseload_code):
 *   - an IQA action past its due date (iqa.csv, still open);
 *   - the planned end passed;
 *   - a progress review overdue: when reviews.csv exists, the next is due
 *     on the last review's next_review, else every reviews.every_weeks
 *     weeks (12) after the last, or after the start;
 *   - no evidence for caseload.quiet_weeks weeks of learning (8), unless
 *     every portfolio is complete;
 *   - off-the-job hours behind: below caseload.behind (90%) of those
 *     expected by today (judge/otj_check.h);
 *   - progress behind: the share of the registered units' criteria met
 *     below caseload.behind of the share of the learning days from start
 *     to planned end gone (days in a break left out);
 *   - an IQA action open, not yet due.
 * Deterministic: today is the model's.
 */
#ifndef FOLIO_CASELOAD_H
#define FOLIO_CASELOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/model.h"
#include "judge/xref.h"

enum caseload_code {
	CASELOAD_IQA_OVERDUE,
	CASELOAD_PAST_END,
	CASELOAD_REVIEW_OVERDUE,
	CASELOAD_QUIET,
	CASELOAD_OTJ_BEHIND,
	CASELOAD_PROGRESS_BEHIND,
	CASELOAD_IQA_OPEN,
};

struct caseload_reason {
	enum caseload_code code;
	long how_far;            /* days overdue, hours short...: the larger,
				  * the more urgent among the same code */
	const char *text;        /* plain words */
};

struct caseload_learner {
	const struct learner *learner;
	bool active;             /* judged: status active */
	struct caseload_reason *reasons;    /* most urgent first */
	size_t nreasons;
	const struct review *last_review;   /* the latest held, or NULL */
	bool has_review_due;
	int32_t review_due;      /* when reviews are kept and it can be told */
};

/* Judges every learner into x->attention (after otj_check). */
void caseload_check(struct xref *x, const struct model *m);

/* The learner's (x->attention[l->index]). */
const struct caseload_learner *caseload_of(const struct xref *x,
					   const struct learner *l);

/*
 * The learners who need attention, most urgent first (by their first
 * reason's code, then how far, then id), as indexes into m->learners;
 * with assessor, only theirs (initials in any case).  *fine counts the
 * active learners listed out who need nothing.  free() the result.
 */
size_t *caseload_list(const struct xref *x, const struct model *m,
		      const char *assessor, size_t *count, size_t *fine);

/* Whether l is the assessor's (learners.csv `assessor`, in any case). */
bool caseload_assessor_is(const struct learner *l, const char *assessor);

/* Whether some learner has this assessor, or assessors.csv lists them. */
bool caseload_assessor_known(const struct model *m, const char *assessor);

const char *caseload_code_name(enum caseload_code c);  /* "review-overdue" */

#endif
