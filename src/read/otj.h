/*
 * otj.h - off-the-job training hours, read from otj/ *.csv (optional).
 *
 * Any number of logs, read in name order, like the evidence logs.  One
 * row per activity.  Columns (any case, any order; others are kept as
 * extra):
 *   learner, date, hours, activity     required
 *   ksbs          the KSBs (criteria of the learner's units) it served,
 *                 separated by ';', ',' or spaces
 *   ref           the learner's evidence row it produced, by its ref
 *   verified_by   who checked the hours (initials or a name)
 * Hours are positive decimals with at most two places (base/hours.h).
 *
 * A row with an error is reported and left out.  A row dated after
 * today, before the learner's start, after their end or in a break in
 * learning is kept with a located warning and does not count (otj_counts).
 */
#ifndef FOLIO_OTJ_H
#define FOLIO_OTJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/csvrow.h"
#include "read/learner.h"

struct load;

enum otj_counts {
	OTJ_COUNTS,
	OTJ_AFTER_TODAY,
	OTJ_BEFORE_START,
	OTJ_AFTER_END,
	OTJ_IN_BREAK,
};

struct otj_row {
	const struct learner *learner;
	int32_t date;
	long hours;                 /* hundredths of an hour, > 0 */
	const char *activity;
	const char **ksbs;          /* as written, known or not */
	size_t nksbs;
	const char *ref;            /* NULL when not given, likewise below */
	const char *verified_by;
	enum otj_counts counts;
	struct extra_field *extra;
	size_t nextra;
	const char *file;
	int line;
};

/*
 * Reads every *.csv in dir into the loader context (load->otj, sorted by
 * learner id, date, file and line; each learner's first_otj and notj),
 * which must hold the units, learners and evidence.  Returns 0, an
 * errno value when the folder cannot be read, or -1 when a file in it
 * could not be (reported).
 */
int otj_load(struct load *load, const char *dir, struct diag_list *diags);

/* "counts", "after-today", "before-start", "after-end", "in-break". */
const char *otj_counts_name(enum otj_counts counts);

#endif
