/*
 * otj_check.h - each apprentice's off-the-job training hours against the
 * funding rules (docs/apprenticeships.md).
 *
 * Pure: the model in, figures per learner out (into the cross-reference),
 * with the problems as located diagnostics at the learner's line.
 *
 * The minimum follows the rules by the learner's start (folio.yml `otj`):
 *   - from otj.standard_from (1 August 2025): the standard's published
 *     minimum, `otj_hours` in the front matter of the learner's unit,
 *     less `otj_rpl`;
 *   - from otj.weekly_from (1 August 2022): weekly_hours (6) a week over
 *     the practical period, pro rata for contracted hours below
 *     full_time_hours (30);
 *   - earlier: percent (20%) of the contracted hours over it.
 * The practical period is start to planned_end in weeks, less leave_weeks
 * (5.6) a year of statutory leave; the minimum is rounded to the hour.
 * `otj_planned` below the minimum is an error.
 *
 * Hours count when their row does (read/otj.h).  Time is counted in days
 * of learning: days in a break are left out.  By a date D (today, or the
 * learner's end if earlier):
 *   expected = planned x (learning days start..D) / (start..planned_end)
 *   pace     = actual / expected, in percent
 *   forecast = actual x (start..planned_end) / (start..D), at this rate
 * Planned is otj_planned, else the minimum.
 */
#ifndef FOLIO_OTJ_CHECK_H
#define FOLIO_OTJ_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/model.h"
#include "judge/xref.h"

enum otj_regime {
	OTJ_REGIME_UNKNOWN,      /* no start: no rule applies */
	OTJ_REGIME_STANDARD,
	OTJ_REGIME_WEEKLY,
	OTJ_REGIME_PERCENT,
};

/* A calendar month of the programme; hours in hundredths. */
struct otj_month {
	int32_t first;           /* its first day */
	long planned;            /* planned hours falling in it, -1: unknown */
	long actual;             /* counted hours dated in it */
	long planned_total;      /* planned to its end, -1: unknown */
	long actual_total;       /* counted to its end */
};

struct otj_progress {
	const struct learner *learner;
	bool apprentice;         /* has a planned end, OTJ hours or a standard */
	enum otj_regime regime;
	long minimum;            /* hundredths of an hour; -1: unknown */
	const char *rule;        /* how the minimum is made, in words, or NULL */
	long planned;            /* otj_planned, else the minimum; -1 */
	long actual;             /* counted hours, verified or not */
	long unverified;         /* of them, with no verified_by */
	long uncounted;          /* in rows that do not count */
	long expected;           /* by the date judged; -1: unknown */
	int pace;                /* actual / expected in percent; -1 */
	long forecast;           /* by planned_end at this rate; -1 */
	int32_t judged;          /* the date judged: today, or the end */
	struct otj_month *months;    /* start's month to the last one */
	size_t nmonths;
};

/* Judges every learner's hours into x->otj (after xref_build). */
void otj_check(struct xref *x, const struct model *m,
	       struct diag_list *diags);

/* The learner's figures (x->otj[l->index]). */
const struct otj_progress *otj_check_of(const struct xref *x,
				  const struct learner *l);

/*
 * The date l's progress is judged at (today, or their end if earlier),
 * and the learning days from their start to it and to their planned end
 * (breaks left out): false when l lacks a start or a planned end.
 */
bool otj_check_elapsed(const struct learner *l, int32_t today, int32_t *judged,
		 long *elapsed, long *total);

const char *otj_check_regime_name(enum otj_regime r);   /* "weekly" */

/* The most months the month-by-month figures cover: a programme longer
 * than 20 years is a mistyped date, and gets a warning instead. */
#define OTJ_CHECK_MAX_MONTHS 240

#endif
