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
 * and, for apprentices (docs/apprenticeships.md):
 *   planned_end    the planned end of the practical period
 *   otj_planned    the off-the-job hours planned at the start
 *   otj_rpl        off-the-job hours reduced for prior learning
 *   hours_per_week contracted hours a week (the older funding rules)
 *   status         active (the default), break, withdrawn or completed
 *   end            the date a withdrawn or completed learner ended
 *   breaks         breaks in learning, FROM..TO separated by ';'; the
 *                  last may be open (FROM..) while status is break
 * Hours are decimals with at most two places (base/hours.h).
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

enum learner_status {
	LEARNER_ACTIVE,
	LEARNER_BREAK,
	LEARNER_WITHDRAWN,
	LEARNER_COMPLETED,
};

/* A break in learning, from..to inclusive; an open one runs on (to is
 * DATE_MAX). */
struct learner_break {
	int32_t from, to;
};

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
	enum learner_status status;
	bool has_planned_end, has_end;
	int32_t planned_end, end;
	long otj_planned;           /* hundredths of an hour, -1: not given */
	long otj_rpl;               /* hundredths, -1: not given */
	long hours_per_week;        /* hundredths, -1: not given */
	struct learner_break *breaks;   /* in date order, not overlapping */
	size_t nbreaks;
	struct extra_field *extra;
	size_t nextra;
	const char *file;
	int line;
	size_t index;               /* position in model->learners (by id) */
	/* The learner's evidence: model->evidence[first_evidence ...]. */
	size_t first_evidence;
	size_t nevidence;
	/* Their off-the-job hours and reviews: model->otj[first_otj ...],
	 * model->reviews[first_review ...]. */
	size_t first_otj, notj;
	size_t first_review, nreviews;
};

/*
 * Reads the learners file into the loader context (load->learners, sorted
 * by id; the units must be loaded).  Returns 0, or an errno value when the
 * file cannot be read.
 */
int learner_load(struct load *load, const char *path, struct diag_list *diags);

bool learner_registered(const struct learner *l, const struct unit *u);

/* The break in learning l was in on day, or NULL. */
const struct learner_break *learner_break_on(const struct learner *l,
					     int32_t day);

/*
 * Days of from..to (inclusive) that l was not on a break, as known on
 * asof: an open break is taken to end on asof (when they come back, the
 * planned end is agreed again).
 */
long learner_days_learning(const struct learner *l, int32_t from, int32_t to,
			   int32_t asof);

const char *learner_status_name(enum learner_status s);   /* "withdrawn" */


#endif
