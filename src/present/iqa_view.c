/*
 * iqa_view.c - the IQA's work as page values (see iqa_view.h).
 */
#define _GNU_SOURCE   /* qsort_r */
#include "present/iqa_view.h"
#include "base/mem.h"
#include "present/export.h"
#include "present/url.h"

#include <stdlib.h>
#include <string.h>

/* Whether record i has an action written, open and past its due date. */
static bool overdue(const struct model *m, size_t i)
{
	return m->iqa[i].action &&
	       iqa_action_overdue(m->iqa, m->niqa, i, m->today);
}

static struct value record(struct arena *a, const struct model *m, size_t i)
{
	const struct iqa_record *r = &m->iqa[i];
	bool open = r->action && iqa_action_open(m->iqa, m->niqa, i);
	struct value_obj o = value_obj_new(a, 12);

	value_put(&o, "date", export_date_or_null(true, r->date));
	value_put(&o, "iqa", value_text(r->iqa));
	value_put(&o, "iqa_name", value_text(model_assessor_name(m, r->iqa)));
	value_put(&o, "kind", value_text(iqa_kind_name(r->kind)));
	value_put(&o, "decision", value_text(iqa_decision_name(r->decision)));
	value_put(&o, "feedback", value_text(r->feedback));
	value_put(&o, "action", value_text(r->action));
	value_put(&o, "due", export_date_or_null(r->has_due, r->due));
	value_put(&o, "open", value_bool(open));
	value_put(&o, "overdue", value_bool(overdue(m, i)));
	value_put(&o, "file", value_text(r->file));
	value_put(&o, "line", value_int(r->line));
	return value_obj_done(&o);
}

void iqa_view_put_record(struct arena *a, const struct model *m,
			 const struct portfolio *p, struct value_obj *o)
{
	size_t n = 0, open = 0;
	const struct iqa_record *first = iqa_find(m->iqa, m->niqa, p->learner,
						  p->unit, &n);
	struct value *items = value_items(a, n);

	for (size_t k = 0; k < n; k++) {
		size_t i = (size_t)(first - m->iqa) + k;

		items[k] = record(a, m, i);
		open += m->iqa[i].action && iqa_action_open(m->iqa, m->niqa, i);
	}
	value_put(o, "iqa_record", value_list(items, n));
	value_put(o, "has_iqa_record", value_bool(n > 0));
	value_put(o, "open_actions", value_int((long long)open));
	value_put(o, "has_open_actions", value_bool(open > 0));
}

const struct iqa_record **iqa_view_latest(const struct model *m)
{
	const struct iqa_record **latest =
		mem_calloc(m->nlearners + 1, sizeof(*latest));

	/* By date, then line: the last one read wins a tie, as it does in
	 * the sampling plan. */
	for (size_t i = 0; i < m->niqa; i++) {
		const struct iqa_record *r = &m->iqa[i], **at =
			&latest[r->learner->index];

		if (!*at || r->date > (*at)->date ||
		    (r->date == (*at)->date && r->line > (*at)->line))
			*at = r;
	}
	return latest;
}

struct value iqa_view_brief(struct arena *a, const struct model *m,
			    const struct iqa_record *r)
{
	struct value_obj o = value_obj_new(a, 6);

	if (!r)
		return value_null();
	value_put(&o, "unit", value_text(r->unit->id));
	value_put(&o, "date", export_date_or_null(true, r->date));
	value_put(&o, "iqa", value_text(r->iqa));
	value_put(&o, "iqa_name", value_text(model_assessor_name(m, r->iqa)));
	value_put(&o, "kind", value_text(iqa_kind_name(r->kind)));
	value_put(&o, "decision", value_text(iqa_decision_name(r->decision)));
	return value_obj_done(&o);
}

static int compare_actions(const void *x, const void *y, void *ctx)
{
	const struct model *m = ctx;
	size_t i = *(const size_t *)x, k = *(const size_t *)y;
	const struct iqa_record *a = &m->iqa[i], *b = &m->iqa[k];
	bool oa = overdue(m, i), ob = overdue(m, k);

	if (oa != ob)
		return oa ? -1 : 1;
	if (a->has_due != b->has_due)
		return a->has_due ? -1 : 1;
	if (a->has_due && a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return (i > k) - (i < k);
}

struct value iqa_view_open_actions(struct arena *a, const struct model *m)
{
	size_t *order = mem_calloc(m->niqa + 1, sizeof(*order)), n = 0, late = 0;
	struct value_obj o = value_obj_new(a, 4);
	struct value *items;

	for (size_t i = 0; i < m->niqa; i++)
		if (m->iqa[i].action && iqa_action_open(m->iqa, m->niqa, i)) {
			order[n++] = i;
			late += overdue(m, i);
		}
	if (n)
		qsort_r(order, n, sizeof(*order), compare_actions, (void *)m);
	items = value_items(a, n);
	for (size_t k = 0; k < n; k++) {
		const struct iqa_record *r = &m->iqa[order[k]];
		const struct learner *l = r->learner;
		struct value_obj e = value_obj_new(a, 10);

		value_put(&e, "learner", value_text(l->id));
		value_put(&e, "name", value_text(l->name ? l->name : l->id));
		value_put(&e, "unit", value_text(r->unit->id));
		value_put(&e, "href", url_value(a, URL_PORTFOLIO, l->id,
						r->unit->id));
		value_put(&e, "iqa", value_text(r->iqa));
		value_put(&e, "iqa_name", value_text(model_assessor_name(m, r->iqa)));
		value_put(&e, "date", export_date_or_null(true, r->date));
		value_put(&e, "action", value_text(r->action));
		value_put(&e, "due", export_date_or_null(r->has_due, r->due));
		value_put(&e, "overdue", value_bool(overdue(m, order[k])));
		items[k] = value_obj_done(&e);
	}
	free(order);
	value_put(&o, "actions", value_list(items, n));
	value_put(&o, "open", value_int((long long)n));
	value_put(&o, "overdue", value_int((long long)late));
	value_put(&o, "has_actions", value_bool(n > 0));
	return value_obj_done(&o);
}
