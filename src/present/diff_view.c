/*
 * diff_view.c - a centre's changes as values (see diff_view.h).
 */
#include "present/diff_view.h"
#include "present/view.h"

static struct value side(struct arena *a, const struct portfolio *p)
{
	struct value_obj o;

	if (!p)
		return value_null();
	o = value_obj_new(a, 3);
	value_put(&o, "status", value_text(xref_status_name(p->status)));
	value_put(&o, "status_label", value_text(view_status_label(p->status)));
	value_put(&o, "percent", value_int(p->percent));
	return value_obj_done(&o);
}

/* list as texts under key, and has_KEY. */
static void put_list(struct arena *a, struct value_obj *o, const char *key,
		     const char *has_key, const struct diff_list *l)
{
	struct value *items = value_items(a, l->count);

	for (size_t i = 0; i < l->count; i++)
		items[i] = value_text(l->items[i]);
	value_put(o, key, value_list(items, l->count));
	value_put(o, has_key, value_bool(l->count > 0));
}

static struct value change(struct arena *a, const struct diff_portfolio *p)
{
	struct value_obj o = value_obj_new(a, 24);

	value_put(&o, "learner", value_text(p->learner));
	value_put(&o, "name", value_text(p->name));
	value_put(&o, "unit", value_text(p->unit));
	value_put(&o, "unit_title", value_text(p->unit_title));
	value_put(&o, "before", side(a, p->before));
	value_put(&o, "after", side(a, p->after));
	put_list(a, &o, "met", "has_met", &p->met);
	put_list(a, &o, "unmet", "has_unmet", &p->unmet);
	put_list(a, &o, "gaps_opened", "has_gaps_opened", &p->gaps_opened);
	put_list(a, &o, "gaps_closed", "has_gaps_closed", &p->gaps_closed);
	put_list(a, &o, "rows_added", "has_rows_added", &p->rows_added);
	put_list(a, &o, "rows_changed", "has_rows_changed", &p->rows_changed);
	put_list(a, &o, "rows_removed", "has_rows_removed", &p->rows_removed);
	put_list(a, &o, "iqa_added", "has_iqa_added", &p->iqa_added);
	put_list(a, &o, "signoffs_added", "has_signoffs_added", &p->signoffs_added);
	return value_obj_done(&o);
}

struct value diff_view(struct arena *a, const struct diff *d,
		       const char *old_name, const char *new_name)
{
	struct value *list = value_items(a, d->count);
	struct value_obj o = value_obj_new(a, 5);

	for (size_t i = 0; i < d->count; i++)
		list[i] = change(a, &d->items[i]);
	value_put(&o, "old", value_text(old_name));
	value_put(&o, "new", value_text(new_name));
	value_put(&o, "count", value_int((long long)d->count));
	value_put(&o, "has_changes", value_bool(d->count > 0));
	value_put(&o, "changes", value_list(list, d->count));
	return value_obj_done(&o);
}
