/*
 * caseload.c - what needs attention, per learner (see caseload.h).
 */
#define _GNU_SOURCE   /* qsort_r */
#include "judge/caseload.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/hours.h"
#include "base/mem.h"
#include "judge/otj_check.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const code_names[] = {
	"iqa-action-overdue", "past-planned-end", "review-overdue",
	"no-recent-evidence", "otj-behind", "progress-behind",
	"iqa-action-open",
};

struct judging {
	const struct model *m;
	const struct xref *x;
	struct arena *arena;
	struct buf text;
	struct caseload_reason *reasons;    /* scratch, grown */
	size_t nreasons, cap;
};

const char *caseload_code_name(enum caseload_code c)
{
	return code_names[c];
}

const struct caseload_learner *caseload_of(const struct xref *x,
					   const struct learner *l)
{
	return &x->attention[l->index];
}

bool caseload_assessor_is(const struct learner *l, const char *assessor)
{
	return l->assessor && strcasecmp(l->assessor, assessor) == 0;
}

bool caseload_assessor_known(const struct model *m, const char *assessor)
{
	if (model_find_assessor(m, assessor))
		return true;
	for (size_t i = 0; i < m->nlearners; i++)
		if (caseload_assessor_is(m->learners[i], assessor))
			return true;
	return false;
}

/* "3 days", "1 week", "24 weeks". */
/* A date in the reasons' words, as the centre writes dates (folio.yml
 * date_format), for they are read on its pages. */
static const char *day_text(const struct judging *j, int32_t day,
			    char out[DATE_TEXT_SIZE])
{
	return date_format_in(day, j->m->config.date_style, out);
}

static void put_span(struct buf *b, long days)
{
	if (days < 7)
		buf_printf(b, "%ld day%s", days, days == 1 ? "" : "s");
	else
		buf_printf(b, "%ld week%s", days / 7, days / 7 == 1 ? "" : "s");
}

/* Adds the reason whose words are in j->text. */
static void add(struct judging *j, enum caseload_code code, long how_far)
{
	j->reasons = mem_array_grow(j->reasons, &j->cap, j->nreasons + 1,
				    sizeof(*j->reasons));
	j->reasons[j->nreasons++] = (struct caseload_reason){
		code, how_far, arena_strdup(j->arena, buf_cstr(&j->text))
	};
	buf_truncate(&j->text, 0);
}

/* ---- the reasons ------------------------------------------------------- */

static void iqa_actions(struct judging *j, const struct iqa_record *r,
			size_t n)
{
	const struct model *m = j->m;
	char d[DATE_TEXT_SIZE];

	for (size_t i = 0; i < n; i++) {
		size_t at = (size_t)(&r[i] - m->iqa);
		bool overdue;

		if (!iqa_action_open(m->iqa, m->niqa, at))
			continue;
		overdue = iqa_action_overdue(m->iqa, m->niqa, at, m->today);
		buf_printf(&j->text, "IQA action on %s ", r[i].unit->id);
		if (overdue) {
			buf_printf(&j->text, "overdue since %s (",
				   day_text(j, r[i].due, d));
			put_span(&j->text, (long)m->today - r[i].due);
			buf_puts(&j->text, ")");
		} else if (r[i].has_due) {
			buf_printf(&j->text, "open, due %s",
				   day_text(j, r[i].due, d));
		} else {
			buf_printf(&j->text, "open since the sample of %s",
				   day_text(j, r[i].date, d));
		}
		if (r[i].action)
			buf_printf(&j->text, ": %s", r[i].action);
		add(j, overdue ? CASELOAD_IQA_OVERDUE : CASELOAD_IQA_OPEN,
		    overdue ? (long)m->today - r[i].due :
		    r[i].has_due ? -(long)r[i].due : 0);
	}
}

static void past_end(struct judging *j, const struct learner *l)
{
	char d[DATE_TEXT_SIZE];
	long days;

	if (!l->has_planned_end || j->m->today <= l->planned_end)
		return;
	days = (long)j->m->today - l->planned_end;
	buf_printf(&j->text, "planned end %s passed ",
		   day_text(j, l->planned_end, d));
	put_span(&j->text, days);
	buf_puts(&j->text, " ago: record the end, or agree a new planned end");
	add(j, CASELOAD_PAST_END, days);
}

/* The latest review held (not dated after today), or NULL. */
static const struct review *last_review(const struct model *m,
					const struct learner *l)
{
	for (size_t i = l->nreviews; i-- > 0;)
		if (!m->reviews[l->first_review + i].future)
			return &m->reviews[l->first_review + i];
	return NULL;
}

static void review(struct judging *j, const struct learner *l,
		   struct caseload_learner *c)
{
	const struct model *m = j->m;
	const struct review *last = last_review(m, l);
	long every = m->config.review_weeks * 7, late;
	char d[DATE_TEXT_SIZE], e[DATE_TEXT_SIZE];

	c->last_review = last;
	if (!m->reviews_file || (!last && !l->has_start))
		return;
	c->has_review_due = true;
	c->review_due = last && last->has_next ? last->next_review :
			(int32_t)((last ? last->date : l->start) + every);
	if (m->today <= c->review_due)
		return;
	late = (long)m->today - c->review_due;
	if (last && last->has_next) {
		buf_printf(&j->text, "review due %s (agreed at the review of "
			   "%s), ", day_text(j, c->review_due, d),
			   day_text(j, last->date, e));
		put_span(&j->text, late);
		buf_puts(&j->text, " overdue");
	} else {
		buf_printf(&j->text, "%s %s, ", last ? "last review" :
			   "no review since the start on",
			   day_text(j, last ? last->date : l->start, d));
		put_span(&j->text, (long)m->today - (last ? last->date : l->start));
		buf_printf(&j->text, " ago; due every %ld weeks",
			   m->config.review_weeks);
	}
	add(j, CASELOAD_REVIEW_OVERDUE, late);
}

/* Whether every portfolio l is registered on is complete. */
static bool all_complete(const struct xref *x, const struct learner *l)
{
	size_t n = 0;

	for (size_t i = 0; i < x->count[l->index]; i++) {
		const struct portfolio *p = &x->portfolios[x->first[l->index] + i];

		if (!p->registered)
			continue;
		if (!xref_complete(p))
			return false;
		n++;
	}
	return n > 0;
}

static void quiet(struct judging *j, const struct learner *l)
{
	const struct model *m = j->m;
	long limit = m->config.quiet_weeks * 7, days;
	int32_t last = 0;
	bool any = false;
	char d[DATE_TEXT_SIZE];

	for (size_t i = l->nevidence; i-- > 0;) {
		const struct evidence *e = m->evidence[l->first_evidence + i];

		if (e->date <= m->today) {
			last = e->date;
			any = true;
			break;
		}
	}
	if ((!any && !l->has_start) || all_complete(j->x, l))
		return;
	if (!any || (l->has_start && last < l->start))
		last = any ? last : l->start;
	days = learner_days_learning(l, last + 1, m->today, m->today);
	if (days <= limit)
		return;
	if (any) {
		buf_puts(&j->text, "no evidence for ");
		put_span(&j->text, days);
		buf_printf(&j->text, " of learning: the last is dated %s",
			   day_text(j, last, d));
	} else {
		buf_printf(&j->text, "no evidence since the start on %s, ",
			   day_text(j, l->start, d));
		put_span(&j->text, days);
		buf_puts(&j->text, " of learning ago");
	}
	add(j, CASELOAD_QUIET, days);
}

static void otj_behind(struct judging *j, const struct learner *l)
{
	const struct otj_progress *p = otj_check_of(j->x, l);
	char a[HOURS_TEXT_SIZE], b[HOURS_TEXT_SIZE], c[HOURS_TEXT_SIZE];
	char d[DATE_TEXT_SIZE];

	if (!p->apprentice || p->pace < 0 || p->pace >= j->m->config.behind_percent)
		return;
	buf_printf(&j->text, "off-the-job hours behind: %s of %s expected by "
		   "now (%d%%)", hours_format(p->actual, a),
		   hours_format(hours_round(p->expected), b), p->pace);
	if (p->unverified)
		buf_printf(&j->text, ", %s of them unverified",
			   hours_format(p->unverified, c));
	buf_printf(&j->text, "; %s planned by %s", hours_format(p->planned, a),
		   day_text(j, l->planned_end, d));
	add(j, CASELOAD_OTJ_BEHIND, (p->expected - p->actual) / 100);
}

static void progress_behind(struct judging *j, const struct learner *l)
{
	const struct xref *x = j->x;
	size_t met = 0, total = 0;
	long elapsed, days;
	int32_t judged;
	int met_pct, time_pct;

	if (!otj_check_elapsed(l, j->m->today, &judged, &elapsed, &days) ||
	    days <= 0)
		return;
	for (size_t i = 0; i < x->count[l->index]; i++) {
		const struct portfolio *p = &x->portfolios[x->first[l->index] + i];

		if (p->registered) {
			met += p->met;
			total += p->total;
		}
	}
	if (total == 0)
		return;
	met_pct = (int)(met * 100 / total);
	time_pct = (int)(elapsed * 100 / days);
	if (met_pct * 100 >= time_pct * j->m->config.behind_percent)
		return;
	buf_printf(&j->text, "progress behind: %d%% of criteria met (%zu of "
		   "%zu), %d%% of the time from start to planned end gone",
		   met_pct, met, total, time_pct);
	add(j, CASELOAD_PROGRESS_BEHIND, time_pct - met_pct);
}

/* ---- the caseload ------------------------------------------------------ */

static int compare_reasons(const void *a, const void *b)
{
	const struct caseload_reason *x = a, *y = b;

	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	if (x->how_far != y->how_far)
		return x->how_far > y->how_far ? -1 : 1;
	return strcmp(x->text, y->text);
}

static void judge_learner(struct judging *j, const struct learner *l,
			  const struct iqa_record *iqa, size_t niqa,
			  struct caseload_learner *c)
{
	c->learner = l;
	c->active = l->status == LEARNER_ACTIVE;
	if (!c->active)
		return;
	j->nreasons = 0;
	iqa_actions(j, iqa, niqa);
	past_end(j, l);
	review(j, l, c);
	quiet(j, l);
	otj_behind(j, l);
	progress_behind(j, l);
	if (!j->nreasons)
		return;
	qsort(j->reasons, j->nreasons, sizeof(*j->reasons), compare_reasons);
	c->reasons = arena_alloc(j->arena, j->nreasons * sizeof(*c->reasons));
	memcpy(c->reasons, j->reasons, j->nreasons * sizeof(*c->reasons));
	c->nreasons = j->nreasons;
}

void caseload_check(struct xref *x, const struct model *m)
{
	struct judging j = { m, x, x->arenas[0], BUF_INIT, NULL, 0, 0 };
	size_t k = 0;

	if (m->nlearners == 0)
		return;     /* and x->attention stays NULL */
	x->attention = arena_alloc(j.arena, m->nlearners * sizeof(*x->attention));
	for (size_t i = 0; i < m->nlearners; i++) {
		const struct learner *l = m->learners[i];
		size_t from;

		/* Both are in learner id order: one walk finds each one's. */
		while (k < m->niqa && strcmp(m->iqa[k].learner->id, l->id) < 0)
			k++;
		from = k;
		while (k < m->niqa && m->iqa[k].learner == l)
			k++;
		/* No offset from a centre's NULL list: UB even when zero. */
		judge_learner(&j, l, k > from ? &m->iqa[from] : NULL, k - from,
			      &x->attention[i]);
	}
	free(j.reasons);
	buf_free(&j.text);
}

static int compare_learners(const void *a, const void *b, void *ctx)
{
	const struct xref *x = ctx;
	const struct caseload_learner *p = &x->attention[*(const size_t *)a];
	const struct caseload_learner *q = &x->attention[*(const size_t *)b];
	int c = compare_reasons(&p->reasons[0], &q->reasons[0]);

	return c ? c : strcmp(p->learner->id, q->learner->id);
}

size_t *caseload_list(const struct xref *x, const struct model *m,
		      const char *assessor, size_t *count, size_t *fine)
{
	size_t *list = mem_calloc(m->nlearners + 1, sizeof(*list)), n = 0;

	*fine = 0;
	for (size_t i = 0; i < m->nlearners; i++) {
		const struct caseload_learner *c = &x->attention[i];

		if (!c->active || (assessor &&
				   !caseload_assessor_is(c->learner, assessor)))
			continue;
		if (c->nreasons)
			list[n++] = i;
		else
			(*fine)++;
	}
	if (n)
		qsort_r(list, n, sizeof(*list), compare_learners, (void *)x);
	*count = n;
	return list;
}
