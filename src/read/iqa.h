/*
 * iqa.h - the sampling already done, read from iqa.csv (optional).
 *
 * One row per portfolio an internal quality assurer sampled.  Columns
 * (any case, any order; others are kept as extra):
 *   learner, unit, date, iqa, kind, decision     required
 *   feedback, action                             text
 *   due                                          the date the action is due
 * kind is interim (a portfolio in progress) or summative (complete);
 * decision is agreed or referred (the assessor must act and the portfolio
 * is sampled again).
 *
 * A row with an error is reported and left out; a row with only warnings
 * is kept.
 */
#ifndef FOLIO_IQA_H
#define FOLIO_IQA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/csvrow.h"
#include "read/learner.h"
#include "read/unit.h"

struct load;

enum iqa_kind {
	IQA_INTERIM,
	IQA_SUMMATIVE,
};

enum iqa_decision {
	IQA_AGREED,
	IQA_REFERRED,
};

struct iqa_record {
	const struct learner *learner;
	const struct unit *unit;
	int32_t date;
	const char *iqa;            /* initials */
	enum iqa_kind kind;
	enum iqa_decision decision;
	const char *feedback;       /* NULL when empty, likewise action */
	const char *action;
	bool has_due;
	int32_t due;
	struct extra_field *extra;
	size_t nextra;
	const char *file;
	int line;
};

/*
 * Reads the IQA file into the loader context (load->iqa, sorted by learner
 * id, unit id, date and line), which must hold the units, learners,
 * indexed evidence and assessors.  Returns 0, or an errno value when the file cannot be
 * read.
 */
int iqa_load(struct load *load, const char *path, struct diag_list *diags);

/*
 * Whether the record's action is still open: the portfolio was referred
 * and no later record of it says agreed.  records[0..n) are the model's.
 */
bool iqa_action_open(const struct iqa_record *records, size_t n, size_t i);

/*
 * The records of the portfolio of learner on unit, by date: a pointer
 * into records[0..n) (the model's, sorted) with *count set, or NULL.
 */
const struct iqa_record *iqa_find(const struct iqa_record *records, size_t n,
				  const struct learner *learner,
				  const struct unit *unit, size_t *count);

/* Whether record i's action is still open and past its due date on today. */
bool iqa_action_overdue(const struct iqa_record *records, size_t n, size_t i,
			int32_t today);

const char *iqa_kind_name(enum iqa_kind kind);              /* "interim" */
const char *iqa_decision_name(enum iqa_decision decision);  /* "agreed" */

/* Whether r is a summative sample the IQA agreed: what a claim may wait
 * for (folio.yml's claims: {summative_sample: true}).  r may be NULL. */
static inline bool iqa_summative_agreed(const struct iqa_record *r)
{
	return r && r->kind == IQA_SUMMATIVE && r->decision == IQA_AGREED;
}

#endif
