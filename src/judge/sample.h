/*
 * sample.h - the internal quality assurer's sampling plan.
 *
 * Pure: a model (usually narrowed to a visit's scope) and its
 * cross-reference in, a plan out.  The plan is built as IQAs build them,
 * on CAMERA, then topped up to each assessor's rate:
 *
 * 1. The population is every portfolio with evidence (a portfolio not
 *    started has nothing to sample).  Its assessor is the learner's
 *    assessor in learners.csv, else whoever assessed most of its rows.
 *    Its kind is summative when complete, else interim.
 * 2. A portfolio whose latest IQA record says agreed was sampled already:
 *    it is not chosen again, but what it covers counts as covered.  One
 *    whose latest record says referred is chosen again, first.
 * 3. CAMERA: every Candidate cohort, every Assessor, every Method each
 *    assessor uses, every unit and its Elements (each criterion some
 *    portfolio has evidence for), every Record (evidence log file) and
 *    every Assessment location, and both interim and summative work,
 *    appear in at least one sampled portfolio.  Greedy: the portfolio
 *    that covers most of what is still uncovered is chosen next.
 * 4. Rates: each assessor's sampled portfolios (earlier and planned) are
 *    brought up to their risk's rate of their portfolios, rounded up.
 *
 * Ties are broken by a shuffle of the population seeded with folio.yml's
 * sampling seed, so a plan is the same for the same inputs and seed, and a
 * different seed gives another fair plan.  Every entry says why it was
 * chosen, because the external verifier asks.
 */
#ifndef FOLIO_SAMPLE_H
#define FOLIO_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "read/assessor.h"
#include "read/iqa.h"
#include "read/model.h"
#include "judge/xref.h"

enum sample_dimension {
	SAMPLE_CANDIDATES,     /* C: each cohort */
	SAMPLE_ASSESSORS,      /* A: each assessor */
	SAMPLE_METHODS,        /* M: each method, per assessor */
	SAMPLE_ELEMENTS,       /* E: each unit, and each criterion with evidence */
	SAMPLE_RECORDS,        /* R: each evidence log */
	SAMPLE_LOCATIONS,      /* A: each assessment location */
	SAMPLE_KINDS,          /* interim and summative */
	SAMPLE_NDIMENSIONS
};

/* One thing the plan must show the EQA, such as "witness testimony by KM". */
struct sample_value {
	enum sample_dimension dimension;
	const char *label;            /* for people: "W (Witness testimony) by KM" */
	const char *assessor;         /* SAMPLE_METHODS and SAMPLE_ASSESSORS */
	const char *key;              /* the cohort, method code, file, location... */
	const struct unit *unit;      /* SAMPLE_ELEMENTS */
	const struct unit_criterion *criterion;  /* NULL: the unit itself */
	size_t portfolios;            /* in the population that have it */
	long entry;                   /* the plan entry covering it, or -1 */
	const struct iqa_record *before;  /* else the earlier sample covering it */
};

struct sample_entry {
	const struct portfolio *portfolio;
	const char *assessor;
	enum iqa_kind kind;
	const struct iqa_record *referral;  /* the referral it answers, or NULL */
	bool by_rate;                 /* chosen to meet the assessor's rate */
	const char **reasons;         /* plain words, most specific first */
	size_t nreasons;
	unsigned dimensions;          /* bit (1 << enum sample_dimension) */
};

/* Each assessor's rate, and how the plan meets it. */
struct sample_assessor {
	const char *initials;
	const struct assessor *listed;  /* NULL when assessors.csv lacks them */
	enum risk risk;
	int rate;                     /* percent */
	size_t portfolios;            /* theirs in the population */
	size_t target;                /* ceil(rate * portfolios / 100) */
	size_t before;                /* sampled already and agreed */
	size_t planned;               /* in this plan */
};

struct sample {
	struct arena arena;
	uint64_t seed;
	struct sample_entry *entries;     /* by learner id, then unit id */
	size_t nentries;
	struct sample_value *values;      /* by dimension, then as found */
	size_t nvalues;
	struct sample_assessor *assessors;  /* by initials */
	size_t nassessors;
	size_t population;                /* portfolios with evidence */
	size_t not_started;               /* left out: nothing to sample */
	size_t before;                    /* sampled already and agreed */
};

void sample_plan(struct sample *s, const struct model *m, const struct xref *x);

/*
 * The latest IQA record of each of x's portfolios (by index in
 * x->portfolios), or NULL where there is none; free() the array.
 */
const struct iqa_record **sample_latest_records(const struct model *m,
						 const struct xref *x);
void sample_free(struct sample *s);

const char *sample_dimension_name(enum sample_dimension d);  /* "methods" */

#endif
