/*
 * qualify.c - judging each learner's qualifications (see qualify.h).
 */
#include "judge/qualify.h"
#include "base/buf.h"
#include "read/role.h"
#include "judge/sample.h"
#include "judge/signoff_check.h"

#include <stdlib.h>
#include <string.h>

struct judging {
	struct xref *x;
	const struct model *m;
	struct diag_list *diags;
	struct arena *arena;
	const struct iqa_record **latest;   /* per portfolio (sample.h) */
	struct buf text;                    /* scratch for the words */
};

static long credit_of(const struct unit *u)
{
	return u->credit > 0 ? u->credit : 0;
}

static bool done(const struct portfolio *p)
{
	return p && xref_complete(p);
}

bool qualify_takes(const struct qualify_progress *q, const struct unit *u)
{
	for (size_t i = 0; i < q->nunits; i++)
		if (q->units[i]->unit == u)
			return true;
	return false;
}

/* ---- the choice: barred sets and the max_* limits ---------------------- */

static void check_barred(struct judging *j, const struct qualify_progress *q)
{
	const struct qualification *qual = q->qualification;
	const struct learner *l = q->learner;
	struct buf units = BUF_INIT;

	for (size_t b = 0; b < qual->nbarred; b++) {
		const struct qualification_barred *set = &qual->barred[b];
		size_t n = 0;

		buf_truncate(&units, 0);
		for (size_t k = 0; k < set->nunits; k++) {
			if (!learner_registered(l, set->units[k]))
				continue;
			buf_printf(&units, "%s%s", n ? " and " : "",
				   set->units[k]->id);
			n++;
		}
		if (n >= 2)
			diag_error(j->diags, l->file, l->line, 0,
				   "learner %s: units %s may not be combined on "
				   "qualification %s (barred at %s:%d): take one of them",
				   l->id, buf_cstr(&units), qual->id, qual->file,
				   set->line);
	}
	buf_free(&units);
}

static void check_limits(struct judging *j, const struct qualify_progress *q)
{
	const struct learner *l = q->learner;

	for (size_t g = 0; g < q->qualification->ngroups; g++) {
		const struct qualification_group *group = q->groups[g].group;
		long credits = 0;

		for (size_t k = 0; k < group->nunits; k++)
			if (qualify_takes(q, group->units[k]))
				credits += credit_of(group->units[k]);
		if (group->max_units >= 0 &&
		    (long)q->groups[g].units_chosen > group->max_units)
			diag_error(j->diags, l->file, l->line, 0,
				   "learner %s: %zu units chosen from group %s of "
				   "qualification %s, which allows at most %ld",
				   l->id, q->groups[g].units_chosen, group->id,
				   q->qualification->id, group->max_units);
		if (group->max_credits >= 0 && credits > group->max_credits)
			diag_error(j->diags, l->file, l->line, 0,
				   "learner %s: %ld credits chosen from group %s of "
				   "qualification %s, which allows at most %ld",
				   l->id, credits, group->id, q->qualification->id,
				   group->max_credits);
		if (group->mandatory && !l->units_default)
			for (size_t k = 0; k < group->nunits; k++)
				if (!qualify_takes(q, group->units[k]))
					diag_warning(j->diags, l->file, l->line, 0,
						     "learner %s: qualification %s needs unit %s "
						     "(group %s is mandatory), which is not in `units`",
						     l->id, q->qualification->id,
						     group->units[k]->id, group->id);
	}
}

/* A unit the learner takes that none of their qualifications has. */
static void check_outside(struct judging *j, const struct learner *l)
{
	for (size_t k = 0; k < l->nunits; k++) {
		bool in = false;

		for (size_t i = 0; i < l->nqualifications && !in; i++)
			in = qualification_group_of(l->qualifications[i],
						    l->units[k]) != NULL;
		if (!in)
			diag_warning(j->diags, l->file, l->line, 0,
				     "learner %s: unit %s is in none of the learner's "
				     "qualifications: it is claimed on its own",
				     l->id, l->units[k]->id);
	}
}

/* ---- what is still needed, in words ------------------------------------ */

static void need(struct judging *j, struct qualify_progress *q,
		 size_t *cap)
{
	q->needed = arena_grow(j->arena, q->needed, cap, q->nneeded + 1,
			       sizeof(*q->needed));
	q->needed[q->nneeded++] = arena_strdup(j->arena, buf_cstr(&j->text));
	buf_truncate(&j->text, 0);
}

/* ", u2 (3), u4 (2)": the group's units not yet complete. */
static void choices(struct judging *j, const struct qualify_progress *q,
		    const struct qualification_group *g, bool credits)
{
	size_t n = 0;

	for (size_t k = 0; k < g->nunits; k++) {
		const struct unit *u = g->units[k];

		if (done(xref_find(j->x, q->learner, u)))
			continue;
		buf_printf(&j->text, "%s%s", n++ ? ", " : ": choose from ",
			   u->id);
		if (credits)
			buf_printf(&j->text, " (%ld)", credit_of(u));
	}
}

static void group_needs(struct judging *j, struct qualify_progress *q,
			const struct qualify_group *qg, size_t *cap)
{
	const struct qualification_group *g = qg->group;
	long more;

	if (g->mandatory) {
		buf_printf(&j->text, "group %s needs every unit in it: ", g->id);
		for (size_t k = 0, n = 0; k < g->nunits; k++)
			if (!done(xref_find(j->x, q->learner, g->units[k])))
				buf_printf(&j->text, "%s%s", n++ ? ", " : "",
					   g->units[k]->id);
		need(j, q, cap);
		return;
	}
	if (g->min_units > (long)qg->units_done) {
		more = g->min_units - (long)qg->units_done;
		buf_printf(&j->text, "group %s needs %ld more unit%s", g->id,
			   more, more == 1 ? "" : "s");
		choices(j, q, g, false);
		need(j, q, cap);
	}
	if (g->min_credits > qg->credits_done) {
		more = g->min_credits - qg->credits_done;
		buf_printf(&j->text, "group %s needs %ld more credit%s", g->id,
			   more, more == 1 ? "" : "s");
		choices(j, q, g, true);
		need(j, q, cap);
	}
}

static void unit_needs(struct judging *j, struct qualify_progress *q,
		       const struct portfolio *p, size_t *cap)
{
	const struct iqa_record *r = j->latest[p - j->x->portfolios];

	if (!xref_complete(p)) {
		buf_printf(&j->text, "%s is %s", p->unit->id,
			   p->status == XREF_NOT_STARTED ? "not started" :
			   "in progress");
		if (p->status != XREF_NOT_STARTED)
			buf_printf(&j->text, " (%d%% of its criteria met)",
				   p->percent);
		need(j, q, cap);
	} else if (p->status != XREF_SIGNED_OFF) {
		buf_printf(&j->text, "%s is complete and awaits sign-off", p->unit->id);
		for (int role = 0, n = 0; role < ROLE_COUNT; role++) {
			const struct xref_signoff *s =
				signoff_check_find(p, (enum role)role);

			if (!(p->awaiting & (1u << role)))
				continue;
			buf_printf(&j->text, "%s%s", n++ ? ", " : " by: ",
				   role_name((enum role)role));
			if (s && !s->holds)
				buf_printf(&j->text, " (%s:%d no longer holds)",
					   s->row->file, s->row->line);
		}
		need(j, q, cap);
	} else if (j->m->config.claims_summative_sample &&
		   !iqa_summative_agreed(r)) {
		buf_printf(&j->text, "%s is signed off and awaits an agreed "
			   "summative IQA sample", p->unit->id);
		need(j, q, cap);
	}
}

/* ---- a learner on a qualification -------------------------------------- */

static void tally_groups(struct judging *j, struct qualify_progress *q)
{
	const struct qualification *qual = q->qualification;

	q->groups = arena_alloc(j->arena, (qual->ngroups + 1) *
				sizeof(*q->groups));
	for (size_t g = 0; g < qual->ngroups; g++) {
		const struct qualification_group *group = &qual->groups[g];
		struct qualify_group *qg = &q->groups[g];

		qg->group = group;
		for (size_t k = 0; k < group->nunits; k++) {
			const struct unit *u = group->units[k];

			qg->units_chosen += qualify_takes(q, u);
			if (!qualify_takes(q, u) ||
			    !done(xref_find(j->x, q->learner, u)))
				continue;
			qg->units_done++;
			qg->credits_done += credit_of(u);
		}
		qg->met = group->mandatory ?
			qg->units_done == group->nunits :
			(long)qg->units_done >= group->min_units &&
			qg->credits_done >= group->min_credits;
	}
}

/* The status, and the words for what is missing, from the tallies. */
static void judge_status(struct judging *j, struct qualify_progress *q)
{
	bool started = false, all_done = q->nunits > 0, claimable = true;
	bool all_signed = true;
	size_t cap = 0;

	for (size_t g = 0; g < q->qualification->ngroups; g++)
		if (!q->groups[g].met) {
			all_done = false;
			group_needs(j, q, &q->groups[g], &cap);
		}
	if (q->credits_needed > q->credits) {
		all_done = false;
		buf_printf(&j->text, "%ld more credits in all: %ld of %ld so far",
			   q->credits_needed - q->credits, q->credits,
			   q->credits_needed);
		need(j, q, &cap);
	}
	for (size_t i = 0; i < q->nunits; i++) {
		const struct portfolio *p = q->units[i];
		const struct iqa_record *r = j->latest[p - j->x->portfolios];
		const struct evidence *last = xref_last_counting(p);
		int32_t signed_on = signoff_check_signed_on(p);
		size_t before = q->nneeded;

		started |= p->status != XREF_NOT_STARTED;
		all_done &= xref_complete(p);
		unit_needs(j, q, p, &cap);
		claimable &= q->nneeded == before;
		all_signed &= p->status == XREF_SIGNED_OFF;
		if (last && last->date > q->completed)
			q->completed = last->date;
		if (signed_on > q->signed_off)
			q->signed_off = signed_on;
		if (iqa_summative_agreed(r) &&
		    (!q->sample || r->date > q->sample->date))
			q->sample = r;
	}
	if (!started)
		q->status = QUALIFY_NOT_STARTED;
	else if (!all_done)
		q->status = QUALIFY_IN_PROGRESS;
	else
		q->status = claimable ? QUALIFY_CLAIMABLE : QUALIFY_COMPLETE;
	q->awaits_sample = q->status == QUALIFY_COMPLETE && all_signed;
	if (q->status != QUALIFY_CLAIMABLE) {
		q->signed_off = 0;
		q->sample = NULL;
	}
	if (!all_done)
		q->completed = 0;
}

static void judge_one(struct judging *j, struct qualify_progress *q,
		      const struct learner *l, const struct qualification *qual)
{
	q->learner = l;
	q->qualification = qual;
	q->credits_needed = qual->credits;
	q->units = arena_alloc(j->arena, (l->nunits + 1) * sizeof(*q->units));
	for (size_t k = 0; k < l->nunits; k++) {
		const struct portfolio *p = xref_find(j->x, l, l->units[k]);

		if (p && qualification_group_of(qual, l->units[k]))
			q->units[q->nunits++] = p;
	}
	tally_groups(j, q);
	for (size_t g = 0; g < qual->ngroups; g++)
		q->credits += q->groups[g].credits_done;
	check_barred(j, q);
	check_limits(j, q);
	judge_status(j, q);
}

void qualify_check(struct xref *x, const struct model *m,
		   struct diag_list *diags)
{
	struct judging j = { x, m, diags, x->arenas[0], NULL, BUF_INIT };
	size_t n = 0;

	for (size_t i = 0; i < m->nlearners; i++)
		n += m->learners[i]->nqualifications;
	if (n == 0)
		return;     /* and x->progress stays NULL */
	x->progress = arena_alloc(j.arena, n * sizeof(*x->progress));
	x->progress_first = arena_alloc(j.arena, m->nlearners *
					sizeof(*x->progress_first));
	x->nprogress = n;
	j.latest = sample_latest_records(m, x);
	n = 0;
	for (size_t i = 0; i < m->nlearners; i++) {
		const struct learner *l = m->learners[i];

		x->progress_first[i] = n;
		if (!l->nqualifications)
			continue;
		diag_list_about(diags, l->id, NULL);
		for (size_t k = 0; k < l->nqualifications; k++)
			judge_one(&j, &x->progress[n++], l, l->qualifications[k]);
		check_outside(&j, l);
	}
	diag_list_about(diags, NULL, NULL);
	free(j.latest);
	buf_free(&j.text);
}

const struct qualify_progress *qualify_of(const struct xref *x,
					  const struct learner *l,
					  size_t *count)
{
	*count = x->progress ? l->nqualifications : 0;
	return *count ? &x->progress[x->progress_first[l->index]] : NULL;
}

struct qualify_tally qualify_tally(const struct xref *x)
{
	struct qualify_tally t = { x->nprogress, { 0 } };

	for (size_t i = 0; i < x->nprogress; i++)
		t.by_status[x->progress[i].status]++;
	return t;
}

const char *qualify_status_name(enum qualify_status s)
{
	static const char *const names[] = {
		"not-started", "in-progress", "complete", "claimable",
	};

	return names[s];
}
