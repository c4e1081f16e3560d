/*
 * otj_check.c - judging off-the-job hours (see otj_check.h).
 */
#include "judge/otj_check.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/hours.h"

#include <math.h>
#include <string.h>

static const char *const regime_names[] = {
	"unknown", "standard", "weekly", "percent",
};

struct judging {
	const struct model *m;
	struct arena *arena;
	struct diag_list *diags;
	struct buf text;
};

const char *otj_check_regime_name(enum otj_regime r)
{
	return regime_names[r];
}

const struct otj_progress *otj_check_of(const struct xref *x,
					const struct learner *l)
{
	return &x->otj[l->index];
}

bool otj_check_elapsed(const struct learner *l, int32_t today,
		       int32_t *judged, long *elapsed, long *total)
{
	int32_t at = today, upto;

	if (l->has_end && l->end < at)
		at = l->end;
	*judged = at;
	if (!l->has_start || !l->has_planned_end)
		return false;
	upto = at < l->planned_end ? at : l->planned_end;
	*elapsed = learner_days_learning(l, l->start, upto, at);
	*total = learner_days_learning(l, l->start, l->planned_end, at);
	return true;
}

/* The standard's published minimum among l's units, in whole hours, or -1. */
static long standard_hours(struct judging *j, const struct learner *l)
{
	long hours = -1;
	const struct unit *from = NULL;

	for (size_t i = 0; i < l->nunits; i++) {
		const struct unit_standard *s = l->units[i]->standard;

		if (!s || s->otj_hours < 0)
			continue;
		if (from && s->otj_hours != hours)
			diag_warning(j->diags, l->file, l->line, 0, "learner %s: "
				     "units %s and %s give different `otj_hours` "
				     "(%ld and %ld): the larger is the minimum",
				     l->id, from->id, l->units[i]->id, hours,
				     s->otj_hours);
		if (s->otj_hours > hours) {
			hours = s->otj_hours;
			from = l->units[i];
		}
	}
	return hours;
}

static bool is_apprentice(const struct learner *l)
{
	if (l->has_planned_end || l->otj_planned >= 0 || l->notj ||
	    l->otj_rpl > 0 || l->hours_per_week >= 0)
		return true;
	for (size_t i = 0; i < l->nunits; i++)
		if (l->units[i]->standard)
			return true;
	return false;
}

/* "52.1": a number of weeks to one decimal place, for the words. */
static void put_weeks(struct buf *b, double weeks)
{
	buf_printf(b, "%.1f", weeks);
}

/* Weeks of the practical period less statutory leave, and the words. */
static double practical_weeks(const struct config_otj *c,
			      const struct learner *l, struct buf *words)
{
	long days = (long)l->planned_end - l->start;
	double weeks = days / 7.0;
	double leave = c->leave_weeks / 100.0 * days / 365.0;
	char h[HOURS_TEXT_SIZE];

	buf_puts(words, " over ");
	put_weeks(words, weeks - leave);
	buf_puts(words, " weeks (");
	put_weeks(words, weeks);
	buf_printf(words, " weeks from start to planned end, less %s weeks' "
		   "leave a year)", hours_format(c->leave_weeks, h));
	return weeks - leave;
}

/* The weekly rule: weekly_hours a week, pro rata below full time. */
static long weekly_minimum(struct judging *j, const struct learner *l,
			   struct buf *words)
{
	const struct config_otj *c = &j->m->config.otj;
	char a[HOURS_TEXT_SIZE], b[HOURS_TEXT_SIZE];
	double share = 1.0, weeks;

	buf_printf(words, "%s hours a week", hours_format(c->weekly_hours, a));
	if (l->hours_per_week < 0)
		diag_warning(j->diags, l->file, l->line, 0, "learner %s: no "
			     "`hours_per_week`: the off-the-job minimum for a "
			     "start before %s is taken as for %s or more "
			     "contracted hours a week; give their hours if fewer",
			     l->id, date_format(c->standard_from, a),
			     hours_format(c->full_time_hours, b));
	else if (l->hours_per_week < c->full_time_hours && c->full_time_hours) {
		share = (double)l->hours_per_week / c->full_time_hours;
		buf_printf(words, ", pro rata for %s contracted hours of %s",
			   hours_format(l->hours_per_week, a),
			   hours_format(c->full_time_hours, b));
	}
	weeks = practical_weeks(c, l, words);
	return lround(c->weekly_hours / 100.0 * share * weeks) * 100;
}

/* The oldest rule: a share of the contracted hours. */
static long percent_minimum(struct judging *j, const struct learner *l,
			    struct buf *words)
{
	const struct config_otj *c = &j->m->config.otj;
	char a[HOURS_TEXT_SIZE], b[DATE_ISO_SIZE];
	double weeks;

	if (l->hours_per_week < 0) {
		diag_warning(j->diags, l->file, l->line, 0, "learner %s: no "
			     "`hours_per_week`: for a start before %s the "
			     "off-the-job minimum is %d%% of the contracted "
			     "hours, so it cannot be judged without them", l->id,
			     date_format(c->weekly_from, b), c->percent);
		return -1;
	}
	buf_printf(words, "%d%% of %s contracted hours a week", c->percent,
		   hours_format(l->hours_per_week, a));
	weeks = practical_weeks(c, l, words);
	return lround(c->percent / 100.0 * l->hours_per_week / 100.0 * weeks) *
	       100;
}

static long standard_minimum(struct judging *j, const struct learner *l,
			     struct buf *words)
{
	long hours = standard_hours(j, l), min;
	char a[HOURS_TEXT_SIZE];

	if (hours < 0) {
		diag_warning(j->diags, l->file, l->line, 0, "learner %s: none of "
			     "their units gives `otj_hours`: fill it in the "
			     "standard's front matter from its published "
			     "off-the-job minimum", l->id);
		return -1;
	}
	buf_printf(words, "the standard's published minimum of %ld hours",
		   hours);
	min = hours * 100 - (l->otj_rpl > 0 ? l->otj_rpl : 0);
	if (l->otj_rpl > 0)
		buf_printf(words, ", less %s hours for prior learning",
			   hours_format(l->otj_rpl, a));
	return min > 0 ? min : 0;
}

/* The regime and minimum for l, with the rule in words into p. */
static void minimum(struct judging *j, const struct learner *l,
		    struct otj_progress *p)
{
	const struct config_otj *c = &j->m->config.otj;
	char a[DATE_ISO_SIZE];

	buf_truncate(&j->text, 0);
	p->minimum = -1;
	if (!l->has_start) {
		diag_warning(j->diags, l->file, l->line, 0, "learner %s: no "
			     "`start`: their off-the-job hours cannot be judged "
			     "against a rule or a plan", l->id);
		return;
	}
	p->regime = l->start >= c->standard_from ? OTJ_REGIME_STANDARD :
		    l->start >= c->weekly_from ? OTJ_REGIME_WEEKLY :
		    OTJ_REGIME_PERCENT;
	if (p->regime != OTJ_REGIME_STANDARD && l->otj_rpl > 0)
		diag_warning(j->diags, l->file, l->line, 0, "learner %s: "
			     "`otj_rpl` is left out: for a start before %s prior "
			     "learning shortens the planned duration instead, so "
			     "give the shorter planned_end", l->id,
			     date_format(c->standard_from, a));
	if (p->regime == OTJ_REGIME_STANDARD)
		p->minimum = standard_minimum(j, l, &j->text);
	else if (!l->has_planned_end)
		diag_warning(j->diags, l->file, l->line, 0, "learner %s: no "
			     "`planned_end`: the off-the-job minimum for a start "
			     "before %s is worked out over the practical period, "
			     "so it needs one", l->id,
			     date_format(c->standard_from, a));
	else if (p->regime == OTJ_REGIME_WEEKLY)
		p->minimum = weekly_minimum(j, l, &j->text);
	else
		p->minimum = percent_minimum(j, l, &j->text);
	if (p->minimum >= 0)
		p->rule = arena_strdup(j->arena, buf_cstr(&j->text));
}

static void check_planned(struct judging *j, const struct learner *l,
			  const struct otj_progress *p)
{
	char a[HOURS_TEXT_SIZE], b[HOURS_TEXT_SIZE];

	if (l->otj_planned >= 0 && p->minimum >= 0 &&
	    l->otj_planned < p->minimum)
		diag_error(j->diags, l->file, l->line, 0, "learner %s: "
			   "`otj_planned` %s is below the off-the-job minimum of "
			   "%s hours, %s: plan at least the minimum", l->id,
			   hours_format(l->otj_planned, a),
			   hours_format(p->minimum, b), p->rule);
}

/* The counted hours, verified or not, and the uncounted. */
static void add_rows(const struct model *m, const struct learner *l,
		     struct otj_progress *p)
{
	for (size_t i = 0; i < l->notj; i++) {
		const struct otj_row *o = &m->otj[l->first_otj + i];

		if (o->counts != OTJ_COUNTS) {
			p->uncounted += o->hours;
			continue;
		}
		p->actual += o->hours;
		if (!o->verified_by)
			p->unverified += o->hours;
	}
}

/* planned x part / whole, rounded to the hundredth. */
static long share_of(long planned, long part, long whole)
{
	return whole > 0 ? lround((double)planned * part / whole) : planned;
}

static int32_t next_month(int32_t day)
{
	int y, mo, d;
	int32_t next;

	date_to_ymd(day, &y, &mo, &d);
	if (++mo > 12) {
		mo = 1;
		y++;
	}
	if (date_from_ymd(y, mo, 1, &next) != 0)
		return DATE_MAX;
	return next;
}

/* Month by month from the start's month to the later of the date judged
 * and the planned end. */
static void months(struct judging *j, const struct learner *l,
		   struct otj_progress *p, long total)
{
	const struct model *m = j->m;
	int32_t first, last = p->judged;
	int y, mo, d;
	size_t n = 0, row = 0;
	long planned_before = 0, actual_total = 0;

	date_to_ymd(l->start, &y, &mo, &d);
	date_from_ymd(y, mo, 1, &first);
	if (l->has_planned_end && l->planned_end > last)
		last = l->planned_end;
	if (last < l->start)
		return;
	for (int32_t at = first; at <= last && at != DATE_MAX; at = next_month(at))
		if (++n > OTJ_CHECK_MAX_MONTHS) {
			diag_warning(j->diags, l->file, l->line, 0, "learner %s: "
				     "from `start` to %s is more than %d months: "
				     "is a date mistyped? The month-by-month "
				     "figures are left out", l->id,
				     l->has_planned_end && l->planned_end > p->judged ?
				     "`planned_end`" : "today",
				     OTJ_CHECK_MAX_MONTHS);
			return;
		}
	p->months = arena_alloc(j->arena, n * sizeof(*p->months));
	for (int32_t at = first; n && p->nmonths < n; at = next_month(at)) {
		struct otj_month *month = &p->months[p->nmonths++];
		int32_t end = next_month(at) - 1;

		month->first = at;
		month->actual = 0;
		for (; row < l->notj && m->otj[l->first_otj + row].date <= end;
		     row++) {
			const struct otj_row *o = &m->otj[l->first_otj + row];

			if (o->counts == OTJ_COUNTS)
				month->actual += o->hours;
		}
		actual_total += month->actual;
		month->actual_total = actual_total;
		month->planned = month->planned_total = -1;
		if (p->planned >= 0 && l->has_planned_end) {
			int32_t upto = end < l->planned_end ? end : l->planned_end;

			month->planned_total = share_of(p->planned,
				learner_days_learning(l, l->start, upto,
						      p->judged), total);
			month->planned = month->planned_total - planned_before;
			planned_before = month->planned_total;
		}
	}
}

static void judge_learner(struct judging *j, const struct learner *l,
			  struct otj_progress *p)
{
	long elapsed = 0, total = 0;
	bool timed;

	p->learner = l;
	p->planned = p->expected = p->forecast = p->minimum = -1;
	p->pace = -1;
	p->apprentice = is_apprentice(l);
	timed = otj_check_elapsed(l, j->m->today, &p->judged, &elapsed, &total);
	if (!p->apprentice)
		return;
	minimum(j, l, p);
	check_planned(j, l, p);
	p->planned = l->otj_planned >= 0 ? l->otj_planned : p->minimum;
	add_rows(j->m, l, p);
	if (timed && p->planned >= 0) {
		p->expected = share_of(p->planned, elapsed, total);
		if (p->expected > 0)
			p->pace = (int)((p->actual * 100 + p->expected / 2) /
					p->expected);
	}
	if (timed && elapsed > 0)
		p->forecast = share_of(p->actual, total, elapsed);
	if (l->has_start)
		months(j, l, p, total);
}

void otj_check(struct xref *x, const struct model *m,
	       struct diag_list *diags)
{
	struct judging j = { m, x->arenas[0], diags, BUF_INIT };

	if (m->nlearners == 0)
		return;     /* and x->otj stays NULL */
	x->otj = arena_alloc(j.arena, m->nlearners * sizeof(*x->otj));
	for (size_t i = 0; i < m->nlearners; i++) {
		diag_list_about(diags, m->learners[i]->id, NULL);
		judge_learner(&j, m->learners[i], &x->otj[i]);
	}
	diag_list_about(diags, NULL, NULL);
	buf_free(&j.text);
}
