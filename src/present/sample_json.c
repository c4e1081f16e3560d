/*
 * sample_json.c - the sampling plan as JSON (see sample_json.h).
 */
#include "present/sample_json.h"
#include "base/buf.h"
#include "present/export.h"
#include "present/url.h"
#include "present/view.h"

#include <string.h>

static json_t *href(const struct portfolio *p)
{
	return url_json(URL_PORTFOLIO, p->learner->id, p->unit->id);
}

static json_t *entry_json(const struct sample_entry *e)
{
	const struct portfolio *p = e->portfolio;
	json_t *reasons = json_array(), *dimensions = json_array();
	struct buf text = BUF_INIT;
	json_t *entry;

	for (size_t i = 0; i < e->nreasons; i++) {
		json_array_append_new(reasons, json_string(e->reasons[i]));
		buf_printf(&text, "%s%s", i ? "; " : "", e->reasons[i]);
	}
	for (int d = 0; d < SAMPLE_NDIMENSIONS; d++)
		if (e->dimensions & (1u << d))
			json_array_append_new(dimensions,
				json_string(sample_dimension_name((enum sample_dimension)d)));
	if (e->by_rate)
		json_array_append_new(dimensions, json_string("rate"));
	if (e->referral)
		json_array_append_new(dimensions, json_string("referred"));
	entry = json_pack("{s:s, s:o, s:o, s:o, s:s, s:s, s:o, s:s, s:s, s:s, s:i, s:o, s:b, s:b, s:o, s:s, s:o}",
		"learner", p->learner->id,
		"name", export_text_or_null(p->learner->name),
		"registration", export_text_or_null(p->learner->registration),
		"cohort", export_text_or_null(p->learner->cohort),
		"unit", p->unit->id,
		"unit_title", p->unit->title,
		"assessor", export_text_or_null(e->assessor),
		"kind", iqa_kind_name(e->kind),
		"status", xref_status_name(p->status),
		"status_label", view_status_label(p->status),
		"percent", p->percent,
		"href", href(p),
		"referred", e->referral != NULL,
		"by_rate", e->by_rate,
		"reasons", reasons,
		"reasons_text", buf_cstr(&text),
		"dimensions", dimensions);
	buf_free(&text);
	return entry;
}

/* Where a value is covered: this plan's entry, or an earlier sample. */
static void put_cover(json_t *o, const struct sample *s, const struct sample_value *v)
{
	json_t *by = json_null(), *before = json_null();

	if (v->entry >= 0) {
		const struct portfolio *p = s->entries[v->entry].portfolio;

		by = json_pack("{s:s, s:s, s:o}", "learner", p->learner->id,
			       "unit", p->unit->id, "href", href(p));
	} else if (v->before) {
		before = json_pack("{s:s, s:s, s:o, s:s, s:s}",
				   "learner", v->before->learner->id,
				   "unit", v->before->unit->id,
				   "date", export_date_or_null(true, v->before->date),
				   "iqa", v->before->iqa,
				   "kind", iqa_kind_name(v->before->kind));
	}
	json_object_set_new(o, "covered", json_boolean(v->entry >= 0 || v->before));
	json_object_set_new(o, "by", by);
	json_object_set_new(o, "before", before);
}

static json_t *value_json(const struct sample *s, const struct sample_value *v)
{
	json_t *o = json_pack("{s:s, s:I}", "label", v->label,
			      "portfolios", (json_int_t)v->portfolios);

	switch (v->dimension) {
	case SAMPLE_ASSESSORS:
		json_object_set_new(o, "assessor", json_string(v->assessor));
		break;
	case SAMPLE_METHODS:
		json_object_set_new(o, "assessor", json_string(v->assessor));
		json_object_set_new(o, "method", json_string(v->key));
		break;
	case SAMPLE_ELEMENTS:
		json_object_set_new(o, "unit", json_string(v->unit->id));
		json_object_set_new(o, "criterion", v->criterion ?
				    json_string(v->criterion->id) : json_null());
		break;
	default:
		json_object_set_new(o, "value", json_string(v->key));
		break;
	}
	put_cover(o, s, v);
	return o;
}

static json_t *rate_json(const struct sample_assessor *a)
{
	return json_pack("{s:s, s:o, s:b, s:s, s:i, s:I, s:I, s:I, s:I, s:b}",
		"assessor", a->initials,
		"name", export_text_or_null(a->listed ? a->listed->name : NULL),
		"listed", a->listed != NULL,
		"risk", risk_name(a->risk),
		"rate", a->rate,
		"portfolios", (json_int_t)a->portfolios,
		"target", (json_int_t)a->target,
		"sampled_before", (json_int_t)a->before,
		"planned", (json_int_t)a->planned,
		"met", a->before + a->planned >= a->target);
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

json_t *sample_json_plan(const struct sample *s)
{
	json_t *entries = json_array(), *rates = json_array();
	json_t *coverage, *dims[SAMPLE_NDIMENSIONS];

	for (size_t i = 0; i < s->nentries; i++)
		json_array_append_new(entries, entry_json(&s->entries[i]));
	for (size_t i = 0; i < s->nassessors; i++)
		json_array_append_new(rates, rate_json(&s->assessors[i]));
	coverage = json_pack("{s:I, s:I, s:I, s:I, s:I, s:b, s:o}",
		"seed", (json_int_t)s->seed,
		"population", (json_int_t)s->population,
		"not_started", (json_int_t)s->not_started,
		"sampled_before", (json_int_t)s->before,
		"planned", (json_int_t)s->nentries,
		"complete", complete(s),
		"rates", rates);
	for (int d = 0; d < SAMPLE_NDIMENSIONS; d++) {
		dims[d] = json_array();
		json_object_set_new(coverage,
			sample_dimension_name((enum sample_dimension)d), dims[d]);
	}
	for (size_t i = 0; i < s->nvalues; i++)
		json_array_append_new(dims[s->values[i].dimension],
				      value_json(s, &s->values[i]));
	return json_pack("{s:o, s:o}", "sample", entries, "coverage", coverage);
}
