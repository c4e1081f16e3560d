/*
 * xref.h - the cross-reference: what the evidence covers, and what not.
 *
 * Pure: a loaded model in, portfolios out; nothing is read, printed or
 * reported here.  A portfolio is one learner on one unit: their registered
 * units, plus any unit their evidence names.  The rules, as an assessor
 * applies the unit's:
 *
 * - A row counts only if it is dated today or before (a later one cannot
 *   have happened) and its method is one the unit allows.  A simulated
 *   row, where the unit does not allow simulation, counts only for
 *   knowledge criteria (not for performance criteria, requirements or
 *   occasions).
 * - A criterion is met when a counting row covers it; one marked observe
 *   only when a counting row with method O covers it (else its gap is
 *   needs-observation, or missing-evidence when nothing covers it).
 * - Each requirement must be covered by a counting row
 *   (requirement-uncovered).
 * - Counting rows that cover performance criteria must span the unit's
 *   `occasions` distinct dates (too-few-occasions).
 * - Status: not-started with no rows; complete when every criterion is met
 *   and there are no gaps; else in-progress.  percent = floor(100 * met /
 *   criteria).
 */
#ifndef FOLIO_XREF_H
#define FOLIO_XREF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "read/model.h"

struct caseload_learner;
struct otj_progress;
struct qualify_progress;

enum xref_status {
	XREF_NOT_STARTED,
	XREF_IN_PROGRESS,
	XREF_COMPLETE,
	XREF_SIGNED_OFF,    /* complete, and signed as folio.yml requires
			     * (judge/signoff_check.h) */
};

enum xref_gap_code {
	XREF_MISSING_EVIDENCE,
	XREF_NEEDS_OBSERVATION,
	XREF_REQUIREMENT_UNCOVERED,
	XREF_TOO_FEW_OCCASIONS,
};

/* How far a row counts. */
enum xref_counts {
	XREF_COUNTS_FULLY,
	XREF_COUNTS_FOR_KNOWLEDGE,   /* simulated where the unit forbids it */
	XREF_COUNTS_NOT,             /* a method the unit does not allow */
	XREF_COUNTS_NOT_YET,         /* dated after today */
};

/* One criterion or requirement of a portfolio. */
struct xref_coverage {
	bool met;
	const struct evidence **evidence;  /* counting rows covering it */
	size_t nevidence;
	const struct evidence **uncounted; /* rows citing it that do not count */
	size_t nuncounted;
};

struct xref_gap {
	enum xref_gap_code code;
	const char *target;    /* the criterion or requirement id, or NULL */
	const char *message;   /* plain words for the learner and assessor */
};

/* A declaration on a portfolio, as judged against it now. */
struct xref_signoff {
	const struct signoff *row;     /* the latest of its role */
	bool holds;                    /* else problem says why not */
	const char *problem;
	bool signature_verified;       /* its Ed25519 signature checked good */
};

struct digest_unit;

struct portfolio {
	const struct learner *learner;
	const struct unit *unit;
	bool registered;                     /* else only the evidence names it */
	enum xref_status status;
	int percent;
	size_t met;                          /* criteria met */
	size_t total;                        /* criteria in the unit */
	size_t occasions;                    /* distinct performance dates */
	struct xref_coverage *criteria;      /* unit->ncriteria, unit order */
	struct xref_coverage *requirements;  /* unit->nrequirements */
	struct xref_gap *gaps;
	size_t ngaps;
	const struct evidence **rows;        /* this unit's, by date and ref */
	size_t nrows;
	/* Its sign-off, once judged (judge/signoff_check.h): the latest
	 * declaration of each role, in role order, and the roles it still
	 * needs, as (1u << enum role) flags. */
	struct xref_signoff *signoffs;
	size_t nsignoffs;
	unsigned awaiting;
	/* Its unit's part of the sign-off digest, hashed once a unit
	 * (judge/digest.h), or NULL. */
	const struct digest_unit *digest_unit;
};

/* The threads that judge portfolios at most (see xref_build). */
#define XREF_MAX_THREADS 8

struct xref {
	struct arena *arenas[XREF_MAX_THREADS];  /* one per judging thread */
	size_t narenas;
	struct portfolio *portfolios;  /* by learner id, then unit id */
	size_t nportfolios;
	size_t *first;                 /* per model learner: first portfolio */
	size_t *count;                 /* per model learner: how many */
	/* Each learner's progress on their qualifications, once judged
	 * (judge/qualify.h): learner i's are progress[progress_first[i] ..
	 * + its nqualifications), in its order; in arenas[0]. */
	struct qualify_progress *progress;
	size_t nprogress;
	size_t *progress_first;
	/* Per model learner, once judged: their off-the-job hours
	 * (judge/otj_check.h) and what needs attention (judge/caseload.h);
	 * in arenas[0]. */
	struct otj_progress *otj;
	struct caseload_learner *attention;
};

/*
 * Builds every portfolio.  Judging them is most of the work and each is
 * judged alone, so with many learners it runs on up to one thread per
 * core (XREF_MAX_THREADS at most), each with an arena of its own; the
 * model is only read, and the result does not depend on the threads.
 * xref_build_threads() chooses their number (tests compare 1 and many).
 */
void xref_build(struct xref *x, const struct model *m);
void xref_build_threads(struct xref *x, const struct model *m, size_t threads);
void xref_free(struct xref *x);

/* The portfolio of learner l on unit u, or NULL. */
struct portfolio *xref_find(const struct xref *x, const struct learner *l,
			     const struct unit *u);

enum xref_counts xref_row_counts(const struct evidence *e);

/* Whether e counts at all: fully, or for knowledge only. */
bool xref_row_counting(const struct evidence *e);

/* p's counting row dated last (the last such in its order), or NULL. */
const struct evidence *xref_last_counting(const struct portfolio *p);

/* Portfolios counted by status (the dashboard's and check's totals). */
struct xref_tally {
	size_t portfolios;
	size_t by_status[XREF_SIGNED_OFF + 1];  /* by enum xref_status */
	size_t with_gaps;
};

void xref_tally_add(struct xref_tally *t, const struct portfolio *p);

/* Adds t's counts to into's. */
void xref_tally_merge(struct xref_tally *into, const struct xref_tally *t);

/* Complete, signed off or not: what "complete" counts. */
size_t xref_tally_complete(const struct xref_tally *t);

static inline bool xref_complete(const struct portfolio *p)
{
	return p->status >= XREF_COMPLETE;
}

const char *xref_status_name(enum xref_status status);  /* "in-progress" */
const char *xref_gap_name(enum xref_gap_code code);     /* "missing-evidence" */
const char *xref_counts_name(enum xref_counts counts);  /* "fully" */

#endif
