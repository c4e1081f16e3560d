/*
 * otj_view.c - an apprentice's programme as page values (see otj_view.h).
 */
#include "present/otj_view.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/hours.h"
#include "judge/caseload.h"
#include "judge/otj_check.h"
#include "present/export.h"

#include <string.h>

static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const char *const status_labels[] = {
	"Active", "On a break in learning", "Withdrawn", "Completed",
};

/* Margins of the chart's plot inside its drawing area. */
enum { LEFT = 56, RIGHT = 16, TOP = 12, BOTTOM = 28 };

/* Hours as text ("7.5"), or null when not known. */
static struct value hours_text(struct arena *a, long centi)
{
	char text[HOURS_TEXT_SIZE];

	if (centi < 0)
		return value_null();
	hours_format(centi, text);
	return value_copy(a, text, strlen(text));
}

/* The same rounded to the hour: planned and expected figures are shares. */
static struct value whole_hours(struct arena *a, long centi)
{
	return hours_text(a, centi < 0 ? centi : hours_round(centi));
}

static struct value month_label(struct arena *a, int32_t first)
{
	char text[16];
	int y, mo, d;

	date_to_ymd(first, &y, &mo, &d);
	snprintf(text, sizeof(text), "%s %d", month_names[mo - 1], y);
	return value_copy(a, text, strlen(text));
}

static struct value programme(struct arena *a, const struct learner *l,
			      bool apprentice)
{
	struct value_obj o = value_obj_new(a, 6);

	if (!apprentice && l->status == LEARNER_ACTIVE && !l->has_end &&
	    !l->nbreaks)
		return value_null();
	value_put(&o, "planned_end", export_date_or_null(l->has_planned_end,
							  l->planned_end));
	value_put(&o, "status", value_text(learner_status_name(l->status)));
	value_put(&o, "status_label", value_text(status_labels[l->status]));
	value_put(&o, "end", export_date_or_null(l->has_end, l->end));
	value_put(&o, "breaks", export_breaks(a, l));
	value_put(&o, "has_breaks", value_bool(l->nbreaks > 0));
	return value_obj_done(&o);
}

/* ---- the chart ---------------------------------------------------------- */

struct chart {
	long top;               /* hundredths at the top of the plot */
	size_t n;               /* months */
};

static long chart_x(const struct chart *c, size_t month_end)
{
	long width = OTJ_VIEW_CHART_WIDTH - LEFT - RIGHT;

	return LEFT + (long)(width * month_end / (c->n ? c->n : 1));
}

static long chart_y(const struct chart *c, long centi)
{
	long height = OTJ_VIEW_CHART_HEIGHT - TOP - BOTTOM;

	if (c->top <= 0)
		return TOP + height;
	return TOP + height - (long)((double)height * centi / c->top + 0.5);
}

/* "56,196 100,150 ...": a cumulative line from the start to each month's
 * end, to the month of upto (all when n). */
static struct value line(struct arena *a, const struct chart *c,
			 const struct otj_progress *p, bool planned,
			 size_t upto)
{
	struct buf b = BUF_INIT;
	struct value v;

	buf_printf(&b, "%ld,%ld", chart_x(c, 0), chart_y(c, 0));
	for (size_t i = 0; i < upto; i++) {
		long h = planned ? p->months[i].planned_total
				 : p->months[i].actual_total;

		buf_printf(&b, " %ld,%ld", chart_x(c, i + 1), chart_y(c, h));
	}
	v = value_copy(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return v;
}

/* The months up to and including the one judged (the rest are to come). */
static size_t months_to_date(const struct otj_progress *p)
{
	size_t n = 0;

	while (n < p->nmonths && p->months[n].first <= p->judged)
		n++;
	return n;
}

/* Where the day judged falls: its share of its month. */
static long today_x(const struct chart *c, const struct otj_progress *p,
		   size_t done)
{
	long width = OTJ_VIEW_CHART_WIDTH - LEFT - RIGHT, days, into;
	int32_t first;

	if (!done)
		return LEFT;
	first = p->months[done - 1].first;
	days = (done < p->nmonths ? p->months[done].first : first + 31) - first;
	into = (long)p->judged - first + 1;
	if (into > days)
		into = days;
	return LEFT + (long)(width * ((long)(done - 1) * days + into) /
			     ((long)c->n * days));
}

static struct value chart(struct arena *a, const struct otj_progress *p)
{
	struct chart c = { 0, p->nmonths };
	struct value_obj o = value_obj_new(a, 15);
	size_t done = months_to_date(p);
	char top[HOURS_TEXT_SIZE];

	if (!p->nmonths)
		return value_null();
	for (size_t i = 0; i < p->nmonths; i++) {
		if (p->months[i].planned_total > c.top)
			c.top = p->months[i].planned_total;
		if (p->months[i].actual_total > c.top)
			c.top = p->months[i].actual_total;
	}
	/* A round top: the next multiple of 50 hours. */
	c.top = (c.top / 5000 + 1) * 5000;
	value_put(&o, "width", value_int(OTJ_VIEW_CHART_WIDTH));
	value_put(&o, "height", value_int(OTJ_VIEW_CHART_HEIGHT));
	value_put(&o, "has_planned", value_bool(p->planned >= 0 &&
						p->months[0].planned_total >= 0));
	value_put(&o, "planned_points", line(a, &c, p, true, p->nmonths));
	value_put(&o, "actual_points", line(a, &c, p, false, done));
	value_put(&o, "left", value_int(LEFT));
	value_put(&o, "right", value_int(OTJ_VIEW_CHART_WIDTH - RIGHT));
	value_put(&o, "top", value_int(TOP));
	value_put(&o, "bottom", value_int(OTJ_VIEW_CHART_HEIGHT - BOTTOM));
	value_put(&o, "label_y", value_int(OTJ_VIEW_CHART_HEIGHT - 8));
	hours_format(c.top, top);
	value_put(&o, "top_label", value_copy(a, top, strlen(top)));
	value_put(&o, "today_x", value_int(today_x(&c, p, done)));
	value_put(&o, "first_month", month_label(a, p->months[0].first));
	value_put(&o, "last_month", month_label(a, p->months[p->nmonths - 1].first));
	return value_obj_done(&o);
}

/* ---- the figures -------------------------------------------------------- */

static struct value months_view(struct arena *a, const struct otj_progress *p)
{
	struct value *items = value_items(a, p->nmonths);

	for (size_t i = 0; i < p->nmonths; i++) {
		const struct otj_month *mo = &p->months[i];
		struct value_obj r = value_obj_new(a, 6);

		value_put(&r, "month", month_label(a, mo->first));
		value_put(&r, "planned", whole_hours(a, mo->planned));
		value_put(&r, "actual", hours_text(a, mo->actual));
		value_put(&r, "planned_total", whole_hours(a, mo->planned_total));
		value_put(&r, "actual_total", hours_text(a, mo->actual_total));
		value_put(&r, "to_come", value_bool(mo->first > p->judged));
		items[i] = value_obj_done(&r);
	}
	return value_list(items, p->nmonths);
}

static struct value otj(struct arena *a, const struct otj_progress *p)
{
	struct value_obj o = value_obj_new(a, 18);

	if (!p->apprentice)
		return value_null();
	value_put(&o, "regime", value_text(otj_check_regime_name(p->regime)));
	value_put(&o, "minimum", hours_text(a, p->minimum));
	value_put(&o, "rule", value_text(p->rule));
	value_put(&o, "planned", hours_text(a, p->planned));
	value_put(&o, "actual", hours_text(a, p->actual));
	value_put(&o, "verified", hours_text(a, p->actual - p->unverified));
	value_put(&o, "unverified", hours_text(a, p->unverified));
	value_put(&o, "has_unverified", value_bool(p->unverified > 0));
	value_put(&o, "uncounted", hours_text(a, p->uncounted));
	value_put(&o, "has_uncounted", value_bool(p->uncounted > 0));
	value_put(&o, "expected", whole_hours(a, p->expected));
	value_put(&o, "pace", p->pace < 0 ? value_null() : value_int(p->pace));
	value_put(&o, "forecast", whole_hours(a, p->forecast));
	value_put(&o, "judged", export_date_or_null(true, p->judged));
	value_put(&o, "months", months_view(a, p));
	value_put(&o, "has_months", value_bool(p->nmonths > 0));
	value_put(&o, "chart", chart(a, p));
	return value_obj_done(&o);
}

static struct value reviews(struct arena *a, const struct model *m,
			    const struct learner *l)
{
	struct value *items = value_items(a, l->nreviews);

	for (size_t i = l->nreviews; i-- > 0;) {
		const struct review *v = &m->reviews[l->first_review + i];
		struct value_obj r = value_obj_new(a, 10);

		value_put(&r, "date", export_date_or_null(true, v->date));
		value_put(&r, "by", value_text(v->by));
		value_put(&r, "by_name", value_text(model_assessor_name(m, v->by)));
		value_put(&r, "employer", value_text(v->employer));
		value_put(&r, "progress", value_text(v->progress));
		value_put(&r, "otj_discussed", value_bool(v->otj_discussed));
		value_put(&r, "actions", value_text(v->actions));
		value_put(&r, "next_review", export_date_or_null(v->has_next,
								  v->next_review));
		value_put(&r, "held", value_bool(!v->future));
		/* Latest first: the one to read before the next review. */
		items[l->nreviews - 1 - i] = value_obj_done(&r);
	}
	return value_list(items, l->nreviews);
}

void otj_view_put(struct arena *a, const struct model *m,
		  const struct xref *x, const struct learner *l,
		  struct value_obj *o)
{
	const struct otj_progress *p = otj_check_of(x, l);
	const struct caseload_learner *c = caseload_of(x, l);

	value_put(o, "programme", programme(a, l, p->apprentice));
	value_put(o, "otj", otj(a, p));
	value_put(o, "reviews", reviews(a, m, l));
	value_put(o, "has_reviews", value_bool(l->nreviews > 0));
	value_put(o, "review_due", export_date_or_null(c->has_review_due,
							c->review_due));
	value_put(o, "review_overdue", value_bool(c->has_review_due &&
						  c->active &&
						  m->today > c->review_due));
	value_put(o, "attention", export_attention(a, x, l));
	value_put(o, "has_attention", value_bool(c->nreasons > 0));
}
