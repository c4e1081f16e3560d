/*
 * sample_json.c - the sampling plan as JSON (see sample_json.h).
 */
#include "present/sample_json.h"
#include "base/buf.h"
#include "present/export.h"
#include "present/url.h"
#include "present/view.h"

#include <string.h>

static struct value href(struct arena *a, const struct portfolio *p)
{
	return url_value(a, URL_PORTFOLIO, p->learner->id, p->unit->id);
}

static struct value entry_json(struct arena *a, const struct sample_entry *e)
{
	const struct portfolio *p = e->portfolio;
	struct value *reasons = value_items(a, e->nreasons);
	struct value_arr dimensions = value_arr_new(a, SAMPLE_NDIMENSIONS + 2);
	struct value_obj o = value_obj_new(a, 17);
	struct buf text = BUF_INIT;

	for (size_t i = 0; i < e->nreasons; i++) {
		reasons[i] = value_text(e->reasons[i]);
		buf_printf(&text, "%s%s", i ? "; " : "", e->reasons[i]);
	}
	for (int d = 0; d < SAMPLE_NDIMENSIONS; d++)
		if (e->dimensions & (1u << d))
			value_push(&dimensions, value_text(
				sample_dimension_name((enum sample_dimension)d)));
	if (e->by_rate)
		value_push(&dimensions, value_text("rate"));
	if (e->referral)
		value_push(&dimensions, value_text("referred"));
	value_put(&o, "learner", value_text(p->learner->id));
	value_put(&o, "name", value_text(p->learner->name));
	value_put(&o, "registration", value_text(p->learner->registration));
	value_put(&o, "cohort", value_text(p->learner->cohort));
	value_put(&o, "unit", value_text(p->unit->id));
	value_put(&o, "unit_title", value_text(p->unit->title));
	value_put(&o, "assessor", value_text(e->assessor));
	value_put(&o, "kind", value_text(iqa_kind_name(e->kind)));
	value_put(&o, "status", value_text(xref_status_name(p->status)));
	value_put(&o, "status_label", value_text(view_status_label(p->status)));
	value_put(&o, "percent", value_int(p->percent));
	value_put(&o, "href", href(a, p));
	value_put(&o, "referred", value_bool(e->referral != NULL));
	value_put(&o, "by_rate", value_bool(e->by_rate));
	value_put(&o, "reasons", value_list(reasons, e->nreasons));
	value_put(&o, "reasons_text", value_copy(a, buf_cstr(&text), text.len));
	value_put(&o, "dimensions", value_arr_done(&dimensions));
	buf_free(&text);
	return value_obj_done(&o);
}

/* Where a value is covered: this plan's entry, or an earlier sample. */
static void put_cover(struct arena *a, struct value_obj *o,
		      const struct sample *s, const struct sample_value *v)
{
	struct value by = value_null(), before = value_null();

	if (v->entry >= 0) {
		const struct portfolio *p = s->entries[v->entry].portfolio;
		struct value_obj b = value_obj_new(a, 3);

		value_put(&b, "learner", value_text(p->learner->id));
		value_put(&b, "unit", value_text(p->unit->id));
		value_put(&b, "href", href(a, p));
		by = value_obj_done(&b);
	} else if (v->before) {
		struct value_obj b = value_obj_new(a, 5);

		value_put(&b, "learner", value_text(v->before->learner->id));
		value_put(&b, "unit", value_text(v->before->unit->id));
		value_put(&b, "date", export_date_or_null(true, v->before->date));
		value_put(&b, "iqa", value_text(v->before->iqa));
		value_put(&b, "kind", value_text(iqa_kind_name(v->before->kind)));
		before = value_obj_done(&b);
	}
	value_put(o, "covered", value_bool(v->entry >= 0 || v->before));
	value_put(o, "by", by);
	value_put(o, "before", before);
}

static struct value value_json(struct arena *a, const struct sample *s,
			       const struct sample_value *v)
{
	struct value_obj o = value_obj_new(a, 7);

	value_put(&o, "label", value_text(v->label));
	value_put(&o, "portfolios", value_int((long long)v->portfolios));
	switch (v->dimension) {
	case SAMPLE_ASSESSORS:
		value_put(&o, "assessor", value_text(v->assessor));
		break;
	case SAMPLE_METHODS:
		value_put(&o, "assessor", value_text(v->assessor));
		value_put(&o, "method", value_text(v->key));
		break;
	case SAMPLE_ELEMENTS:
		value_put(&o, "unit", value_text(v->unit->id));
		value_put(&o, "criterion", v->criterion ?
			  value_text(v->criterion->id) : value_null());
		break;
	default:
		value_put(&o, "value", value_text(v->key));
		break;
	}
	put_cover(a, &o, s, v);
	return value_obj_done(&o);
}

void sample_json_rate_members(const struct sample_assessor *r,
			      struct value_obj *o)
{
	value_put(o, "rate", value_int(r->rate));
	value_put(o, "portfolios", value_int((long long)r->portfolios));
	value_put(o, "target", value_int((long long)r->target));
	value_put(o, "sampled_before", value_int((long long)r->before));
	value_put(o, "planned", value_int((long long)r->planned));
	value_put(o, "met", value_bool(r->before + r->planned >= r->target));
}

static struct value rate_json(struct arena *a, const struct sample_assessor *r)
{
	struct value_obj o = value_obj_new(a, 10);

	value_put(&o, "assessor", value_text(r->initials));
	value_put(&o, "name", value_text(r->listed ? r->listed->name : NULL));
	value_put(&o, "listed", value_bool(r->listed != NULL));
	value_put(&o, "risk", value_text(risk_name(r->risk)));
	sample_json_rate_members(r, &o);
	return value_obj_done(&o);
}

/* Every value some portfolio has is covered, and every rate is met. */
static bool complete(const struct sample *s)
{
	for (size_t i = 0; i < s->nvalues; i++)
		if (s->values[i].portfolios && s->values[i].entry < 0 &&
		    !s->values[i].before)
			return false;
	for (size_t i = 0; i < s->nassessors; i++)
		if (s->assessors[i].before + s->assessors[i].planned <
		    s->assessors[i].target)
			return false;
	return true;
}

struct value sample_json_plan(struct arena *a, const struct sample *s)
{
	struct value *entries = value_items(a, s->nentries);
	struct value *rates = value_items(a, s->nassessors);
	struct value_arr dims[SAMPLE_NDIMENSIONS];
	struct value_obj coverage = value_obj_new(a, 7 + SAMPLE_NDIMENSIONS);
	struct value_obj plan = value_obj_new(a, 2);

	for (size_t i = 0; i < s->nentries; i++)
		entries[i] = entry_json(a, &s->entries[i]);
	for (size_t i = 0; i < s->nassessors; i++)
		rates[i] = rate_json(a, &s->assessors[i]);
	for (int d = 0; d < SAMPLE_NDIMENSIONS; d++)
		dims[d] = value_arr_new(a, 8);
	for (size_t i = 0; i < s->nvalues; i++)
		value_push(&dims[s->values[i].dimension],
			   value_json(a, s, &s->values[i]));
	value_put(&coverage, "seed", value_int((long long)s->seed));
	value_put(&coverage, "population", value_int((long long)s->population));
	value_put(&coverage, "not_started", value_int((long long)s->not_started));
	value_put(&coverage, "sampled_before", value_int((long long)s->before));
	value_put(&coverage, "planned", value_int((long long)s->nentries));
	value_put(&coverage, "complete", value_bool(complete(s)));
	value_put(&coverage, "rates", value_list(rates, s->nassessors));
	for (int d = 0; d < SAMPLE_NDIMENSIONS; d++)
		value_put(&coverage, sample_dimension_name((enum sample_dimension)d),
			  value_arr_done(&dims[d]));
	value_put(&plan, "sample", value_list(entries, s->nentries));
	value_put(&plan, "coverage", value_obj_done(&coverage));
	return value_obj_done(&plan);
}
