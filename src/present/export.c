/*
 * export.c - building the JSON form of the model (see export.h).
 */
#include "present/export.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/hours.h"
#include "base/mem.h"
#include "base/threads.h"
#include "judge/caseload.h"
#include "judge/digest.h"
#include "judge/otj_check.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct value export_date_or_null(bool has, int32_t day)
{
	return has ? value_date(day) : value_null();
}

struct value export_hours(long centi)
{
	if (centi < 0)
		return value_null();
	return (struct value){ .kind = VALUE_REAL, .u.d = centi / 100.0 };
}

struct value export_summary_html(struct arena *a, const struct evidence *e)
{
	struct buf made = BUF_INIT;
	const char *html = evidence_summary_html(e, &made);
	struct value v = !html ? value_null() :
			 html == made.data ? value_copy(a, made.data, made.len) :
			 value_text(html);

	buf_free(&made);
	return v;
}

static struct value count_or_null(long n)
{
	return n >= 0 ? value_int(n) : value_null();
}

/* A level is a number ("2") when it is one, else text ("Entry 3"). */
static struct value level_value(const char *level)
{
	char *end;
	long n;

	if (!level)
		return value_null();
	n = strtol(level, &end, 10);
	if (*level && !*end && n >= 0 && n < 100)
		return value_int(n);
	return value_text(level);
}

/* n strings, as a list; *items for the caller to fill. */
static struct value text_list(struct arena *a, size_t n, struct value **items)
{
	*items = value_items(a, n);
	return value_list(*items, n);
}

static struct value criterion_json(struct arena *a,
				   const struct unit_criterion *c)
{
	struct value_obj o = value_obj_new(a, 5);

	value_put(&o, "id", value_text(c->id));
	value_put(&o, "form", value_text(c->form));
	value_put(&o, "text", value_text(c->text));
	value_put(&o, "observe", value_bool(c->observe));
	value_put(&o, "guidance_html", value_text(c->guidance_html));
	return value_obj_done(&o);
}

static struct value outcome_json(struct arena *a, const struct unit_outcome *o)
{
	struct value *criteria = value_items(a, o->ncriteria);
	struct value_obj out = value_obj_new(a, 5);

	for (size_t i = 0; i < o->ncriteria; i++)
		criteria[i] = criterion_json(a, &o->criteria[i]);
	/* A KSB outcome's "number" is its letter: templates print it alike. */
	value_put(&out, "number", o->number ? value_int(o->number) :
		  value_text(o->code));
	value_put(&out, "title", value_text(o->title));
	value_put(&out, "knowledge", value_bool(o->knowledge));
	value_put(&out, "guidance_html", value_text(o->guidance_html));
	value_put(&out, "criteria", value_list(criteria, o->ncriteria));
	return value_obj_done(&out);
}

/* {KEY1: text1, KEY2: text2}: the many small pairs of the JSON. */
static struct value pair(struct arena *a, const char *k1, const char *v1,
			 const char *k2, const char *v2)
{
	struct value_obj o = value_obj_new(a, 2);

	value_put(&o, k1, value_text(v1));
	value_put(&o, k2, value_text(v2));
	return value_obj_done(&o);
}

static struct value group_json(struct arena *a,
			       const struct unit_requirement_group *g)
{
	struct value *items = value_items(a, g->nitems);
	struct value_obj o = value_obj_new(a, 3);

	for (size_t i = 0; i < g->nitems; i++)
		items[i] = pair(a, "id", g->items[i].id, "text", g->items[i].text);
	value_put(&o, "title", value_text(g->title));
	value_put(&o, "html", value_text(g->html));
	value_put(&o, "items", value_list(items, g->nitems));
	return value_obj_done(&o);
}

/* An apprenticeship standard's front matter, or null. */
static struct value standard_value(struct arena *a, const struct unit_standard *s)
{
	struct value_obj o, guids;

	if (!s)
		return value_null();
	o = value_obj_new(a, 12);
	guids = value_obj_new(a, s->nguids);
	for (size_t i = 0; i < s->nguids; i++)
		value_put(&guids, s->guid_ids[i], value_text(s->guids[i]));
	value_put(&o, "version", value_text(s->version));
	value_put(&o, "lars", count_or_null(s->lars));
	value_put(&o, "status", value_text(s->status));
	value_put(&o, "typical_duration", count_or_null(s->typical_duration));
	value_put(&o, "earliest_start", value_text(s->earliest_start));
	value_put(&o, "latest_start", value_text(s->latest_start));
	value_put(&o, "latest_end", value_text(s->latest_end));
	value_put(&o, "assessment_plan", value_text(s->assessment_plan));
	value_put(&o, "standard_page", value_text(s->standard_page));
	value_put(&o, "eqa_provider", value_text(s->eqa_provider));
	value_put(&o, "otj_hours", count_or_null(s->otj_hours));
	value_put(&o, "guids", value_obj_done(&guids));
	return value_obj_done(&o);
}

void export_unit_members(struct arena *a, const struct unit *u,
			 struct value_obj *o)
{
	struct value *outcomes = value_items(a, u->noutcomes);
	struct value *groups = value_items(a, u->ngroups);
	struct value *sections = value_items(a, u->nsections);
	struct value *key = value_items(a, u->nmethods), *codes, *nos;
	struct value methods = text_list(a, u->nmethods, &codes);
	struct value nos_list = text_list(a, u->nnos, &nos);

	for (size_t i = 0; i < u->noutcomes; i++)
		outcomes[i] = outcome_json(a, &u->outcomes[i]);
	for (size_t i = 0; i < u->ngroups; i++)
		groups[i] = group_json(a, &u->groups[i]);
	for (size_t i = 0; i < u->nsections; i++)
		sections[i] = pair(a, "title", u->sections[i].title,
				   "html", u->sections[i].html);
	for (size_t i = 0; i < u->nmethods; i++) {
		struct value_obj k = value_obj_new(a, 3);

		codes[i] = value_text(u->methods[i].code);
		value_put(&k, "code", value_text(u->methods[i].code));
		value_put(&k, "name", value_text(u->methods[i].name));
		/* so that a list in words ends without a separator */
		value_put(&k, "last", value_bool(i + 1 == u->nmethods));
		key[i] = value_obj_done(&k);
	}
	for (size_t i = 0; i < u->nnos; i++)
		nos[i] = value_text(u->nos[i]);
	value_put(o, "id", value_text(u->id));
	value_put(o, "title", value_text(u->title ? u->title : u->id));
	value_put(o, "awarding_body", value_text(u->awarding_body));
	value_put(o, "number", value_text(u->number));
	value_put(o, "urn", value_text(u->urn));
	value_put(o, "level", level_value(u->level));
	value_put(o, "credit", count_or_null(u->credit));
	value_put(o, "glh", count_or_null(u->glh));
	value_put(o, "methods", methods);
	value_put(o, "method_key", value_list(key, u->nmethods));
	value_put(o, "simulation", value_bool(u->simulation));
	value_put(o, "occasions", value_int(u->occasions));
	value_put(o, "nos", nos_list);
	value_put(o, "standard", standard_value(a, u->standard));
	value_put(o, "criteria_count", value_int((long long)u->ncriteria));
	value_put(o, "requirements_count", value_int((long long)u->nrequirements));
	value_put(o, "intro_html", value_text(u->intro_html));
	value_put(o, "outcomes", value_list(outcomes, u->noutcomes));
	value_put(o, "requirements_html", value_text(u->requirements_html));
	value_put(o, "requirements", value_list(groups, u->ngroups));
	value_put(o, "sections", value_list(sections, u->nsections));
	value_put(o, "file", value_text(u->file));
}

struct value export_unit(struct arena *a, const struct unit *u)
{
	struct value_obj o = value_obj_new(a, EXPORT_UNIT_MEMBERS);

	export_unit_members(a, u, &o);
	return value_obj_done(&o);
}

struct value export_extra(struct arena *a, const struct extra_field *extra,
			  size_t n)
{
	struct value_obj o = value_obj_new(a, n);

	for (size_t i = 0; i < n; i++)
		value_put(&o, extra[i].name, value_text(extra[i].value));
	return value_obj_done(&o);
}

struct value export_extra_list(struct arena *a,
			       const struct extra_field *extra, size_t n)
{
	struct value_arr list = value_arr_new(a, n);

	for (size_t i = 0; i < n; i++)
		if (extra[i].value)
			value_push(&list, pair(a, "name", extra[i].name,
					       "value", extra[i].value));
	return value_arr_done(&list);
}

struct value export_evidence(struct arena *a, const struct evidence *e)
{
	struct value_obj row = value_obj_new(a, 16);
	struct value *criteria, *requirements;
	struct value criteria_list = text_list(a, e->ncriteria, &criteria);
	struct value requirements_list =
		text_list(a, e->nrequirements, &requirements);

	for (size_t i = 0; i < e->ncriteria; i++)
		criteria[i] = value_text(e->criteria[i]->id);
	for (size_t i = 0; i < e->nrequirements; i++)
		requirements[i] = value_text(e->requirements[i]->id);

	value_put(&row, "ref", value_text(e->ref));
	value_put(&row, "unit", value_text(e->unit->id));
	value_put(&row, "date", export_date_or_null(true, e->date));
	value_put(&row, "method", value_text(e->method));
	value_put(&row, "simulated", value_bool(e->simulated));
	value_put(&row, "counts", value_text(xref_counts_name(xref_row_counts(e))));
	value_put(&row, "after_today", value_bool(e->future));
	value_put(&row, "before_start", value_bool(e->before_start));
	value_put(&row, "criteria", criteria_list);
	value_put(&row, "requirements", requirements_list);
	value_put(&row, "summary_html", export_summary_html(a, e));
	value_put(&row, "assessor", value_text(e->assessor));
	value_put(&row, "location", value_text(e->location));
	value_put(&row, "extra", export_extra(a, e->extra, e->nextra));
	value_put(&row, "file", value_text(e->file));
	value_put(&row, "line", value_int(e->line));
	return value_obj_done(&row);
}

static struct value coverage_json(struct arena *a, const char *id,
				  const struct xref_coverage *c)
{
	struct value_obj o = value_obj_new(a, 3);
	struct value *refs, list = text_list(a, c->nevidence, &refs);

	for (size_t i = 0; i < c->nevidence; i++)
		refs[i] = value_text(c->evidence[i]->ref);
	value_put(&o, "id", value_text(id));
	value_put(&o, "met", value_bool(c->met));
	value_put(&o, "evidence", list);
	return value_obj_done(&o);
}

struct value export_gaps(struct arena *a, const struct portfolio *p)
{
	struct value *gaps = value_items(a, p->ngaps);

	for (size_t i = 0; i < p->ngaps; i++) {
		struct value_obj gap = value_obj_new(a, 3);

		value_put(&gap, "code", value_text(xref_gap_name(p->gaps[i].code)));
		value_put(&gap, "target", value_text(p->gaps[i].target));
		value_put(&gap, "message", value_text(p->gaps[i].message));
		gaps[i] = value_obj_done(&gap);
	}
	return value_list(gaps, p->ngaps);
}

/* A declaration as signoffs.csv has it. */
static void signoff_members(const struct signoff *s, struct value_obj *o)
{
	value_put(o, "learner", value_text(s->learner->id));
	value_put(o, "unit", value_text(s->unit->id));
	value_put(o, "role", value_text(role_name(s->role)));
	value_put(o, "who", value_text(s->who));
	value_put(o, "date", export_date_or_null(true, s->date));
	value_put(o, "digest", value_text(s->digest));
	value_put(o, "signature", value_text(s->signature_text));
}

struct value export_signoff(struct arena *a, const struct signoff *s)
{
	struct value_obj o = value_obj_new(a, 10);

	signoff_members(s, &o);
	value_put(&o, "extra", export_extra(a, s->extra, s->nextra));
	value_put(&o, "file", value_text(s->file));
	value_put(&o, "line", value_int(s->line));
	return value_obj_done(&o);
}

/* The portfolio's declarations as judged, and the roles still awaited. */
static void put_signoffs(struct arena *a, const struct portfolio *p,
			 struct value_obj *o)
{
	struct value *list = value_items(a, p->nsignoffs);
	struct value_arr awaiting = value_arr_new(a, ROLE_COUNT);
	char *digest = arena_alloc(a, SIGNOFF_DIGEST_SIZE);

	for (size_t i = 0; i < p->nsignoffs; i++) {
		const struct xref_signoff *s = &p->signoffs[i];
		struct value_obj so = value_obj_new(a, 12);

		signoff_members(s->row, &so);
		value_put(&so, "holds", value_bool(s->holds));
		value_put(&so, "signature_verified",
			  value_bool(s->signature_verified));
		value_put(&so, "problem", value_text(s->problem));
		value_put(&so, "file", value_text(s->row->file));
		value_put(&so, "line", value_int(s->row->line));
		list[i] = value_obj_done(&so);
	}
	for (int role = 0; role < ROLE_COUNT; role++)
		if ((p->awaiting >> role) & 1)
			value_push(&awaiting, value_text(role_name(
				(enum role)role)));
	digest_portfolio(p, digest);
	value_put(o, "digest", value_text(digest));
	value_put(o, "signoffs", value_list(list, p->nsignoffs));
	value_put(o, "awaiting", value_arr_done(&awaiting));
}

struct value export_portfolio(struct arena *a, const struct portfolio *p)
{
	const struct unit *u = p->unit;
	struct value *criteria = value_items(a, u->ncriteria);
	struct value *requirements = value_items(a, u->nrequirements);
	struct value_obj o = value_obj_new(a, 14);

	for (size_t i = 0; i < u->ncriteria; i++)
		criteria[i] = coverage_json(a, u->criteria[i]->id, &p->criteria[i]);
	for (size_t i = 0; i < u->nrequirements; i++)
		requirements[i] = coverage_json(a, u->requirements[i]->id,
						&p->requirements[i]);
	value_put(&o, "unit", value_text(u->id));
	value_put(&o, "registered", value_bool(p->registered));
	value_put(&o, "status", value_text(xref_status_name(p->status)));
	value_put(&o, "percent", value_int(p->percent));
	value_put(&o, "met", value_int((long long)p->met));
	value_put(&o, "total", value_int((long long)p->total));
	value_put(&o, "occasions", value_int((long long)p->occasions));
	value_put(&o, "occasions_required", value_int((long long)u->occasions));
	value_put(&o, "criteria", value_list(criteria, u->ncriteria));
	value_put(&o, "requirements", value_list(requirements, u->nrequirements));
	value_put(&o, "gaps", export_gaps(a, p));
	put_signoffs(a, p, &o);
	return value_obj_done(&o);
}

/* Unit ids, as a list. */
static struct value unit_ids(struct arena *a, const struct unit *const *units,
			     size_t n)
{
	struct value *ids, list = text_list(a, n, &ids);

	for (size_t i = 0; i < n; i++)
		ids[i] = value_text(units[i]->id);
	return list;
}

static void limit_members(const struct qualification_group *g,
			  struct value_obj *o)
{
	value_put(o, "mandatory", value_bool(g->mandatory));
	value_put(o, "min_units", count_or_null(g->min_units));
	value_put(o, "max_units", count_or_null(g->max_units));
	value_put(o, "min_credits", count_or_null(g->min_credits));
	value_put(o, "max_credits", count_or_null(g->max_credits));
}

struct value export_qualification(struct arena *a,
				  const struct qualification *q)
{
	struct value *groups = value_items(a, q->ngroups);
	struct value *barred = value_items(a, q->nbarred);
	struct value_obj o = value_obj_new(a, 15);

	for (size_t i = 0; i < q->ngroups; i++) {
		const struct qualification_group *g = &q->groups[i];
		struct value_obj go = value_obj_new(a, 8);

		value_put(&go, "id", value_text(g->id));
		value_put(&go, "title", value_text(g->title));
		value_put(&go, "units", unit_ids(a, g->units, g->nunits));
		limit_members(g, &go);
		groups[i] = value_obj_done(&go);
	}
	for (size_t i = 0; i < q->nbarred; i++)
		barred[i] = unit_ids(a, q->barred[i].units, q->barred[i].nunits);
	value_put(&o, "id", value_text(q->id));
	value_put(&o, "title", value_text(q->title));
	value_put(&o, "awarding_body", value_text(q->awarding_body));
	value_put(&o, "number", value_text(q->number));
	value_put(&o, "level", level_value(q->level));
	value_put(&o, "credits", count_or_null(q->credits));
	value_put(&o, "glh", count_or_null(q->glh));
	value_put(&o, "tqt", count_or_null(q->tqt));
	value_put(&o, "groups", value_list(groups, q->ngroups));
	value_put(&o, "barred", value_list(barred, q->nbarred));
	value_put(&o, "mandatory", unit_ids(a, q->mandatory, q->nmandatory));
	value_put(&o, "notes_html", value_text(q->notes_html));
	value_put(&o, "file", value_text(q->file));
	value_put(&o, "line", value_int(q->line));
	return value_obj_done(&o);
}

struct value export_qualify_tally(struct arena *a,
				  const struct qualify_tally *t)
{
	struct value_obj o = value_obj_new(a, 5);

	value_put(&o, "all", value_int((long long)t->all));
	value_put(&o, "not_started",
		  value_int((long long)t->by_status[QUALIFY_NOT_STARTED]));
	value_put(&o, "in_progress",
		  value_int((long long)t->by_status[QUALIFY_IN_PROGRESS]));
	value_put(&o, "complete",
		  value_int((long long)t->by_status[QUALIFY_COMPLETE]));
	value_put(&o, "claimable",
		  value_int((long long)t->by_status[QUALIFY_CLAIMABLE]));
	return value_obj_done(&o);
}

void export_progress_members(struct arena *a, const struct qualify_progress *q,
			     struct value_obj *o)
{
	const struct qualification *qual = q->qualification;
	struct value *groups = value_items(a, qual->ngroups);
	struct value *needed, needed_list = text_list(a, q->nneeded, &needed);
	struct value *units, units_list = text_list(a, q->nunits, &units);

	for (size_t i = 0; i < qual->ngroups; i++) {
		const struct qualify_group *g = &q->groups[i];
		struct value_obj go = value_obj_new(a, 11);

		value_put(&go, "id", value_text(g->group->id));
		value_put(&go, "title", value_text(g->group->title));
		value_put(&go, "met", value_bool(g->met));
		value_put(&go, "units_done", value_int((long long)g->units_done));
		value_put(&go, "units_chosen", value_int((long long)g->units_chosen));
		value_put(&go, "credits_done", value_int(g->credits_done));
		limit_members(g->group, &go);
		groups[i] = value_obj_done(&go);
	}
	for (size_t i = 0; i < q->nneeded; i++)
		needed[i] = value_text(q->needed[i]);
	for (size_t i = 0; i < q->nunits; i++)
		units[i] = value_text(q->units[i]->unit->id);
	value_put(o, "qualification", value_text(qual->id));
	value_put(o, "title", value_text(qual->title));
	value_put(o, "number", value_text(qual->number));
	value_put(o, "status", value_text(qualify_status_name(q->status)));
	value_put(o, "units", units_list);
	value_put(o, "credits", value_int(q->credits));
	value_put(o, "credits_needed", count_or_null(q->credits_needed));
	value_put(o, "groups", value_list(groups, qual->ngroups));
	value_put(o, "needed", needed_list);
	value_put(o, "completed", export_date_or_null(q->completed != 0,
						      q->completed));
	value_put(o, "signed_off", export_date_or_null(q->signed_off != 0,
						       q->signed_off));
}

/* "2026-01": a month of the programme. */
static struct value month_of(struct arena *a, int32_t first)
{
	char iso[DATE_ISO_SIZE];

	return value_copy(a, date_format(first, iso), 7);
}

struct value export_otj_row(struct arena *a, const struct otj_row *o)
{
	struct value_obj r = value_obj_new(a, 11);
	struct value *ksbs, list = text_list(a, o->nksbs, &ksbs);

	for (size_t i = 0; i < o->nksbs; i++)
		ksbs[i] = value_text(o->ksbs[i]);
	value_put(&r, "date", export_date_or_null(true, o->date));
	value_put(&r, "hours", export_hours(o->hours));
	value_put(&r, "activity", value_text(o->activity));
	value_put(&r, "ksbs", list);
	value_put(&r, "ref", value_text(o->ref));
	value_put(&r, "verified_by", value_text(o->verified_by));
	value_put(&r, "counts", value_text(otj_counts_name(o->counts)));
	value_put(&r, "file", value_text(o->file));
	value_put(&r, "line", value_int(o->line));
	value_put(&r, "extra", export_extra(a, o->extra, o->nextra));
	return value_obj_done(&r);
}

struct value export_otj(struct arena *a, const struct model *m,
			const struct xref *x, const struct learner *l)
{
	const struct otj_progress *p = otj_check_of(x, l);
	struct value_obj o = value_obj_new(a, 16);
	struct value *months = value_items(a, p->nmonths);
	struct value *rows = value_items(a, l->notj);

	if (!p->apprentice)
		return value_null();
	for (size_t i = 0; i < p->nmonths; i++) {
		const struct otj_month *mo = &p->months[i];
		struct value_obj r = value_obj_new(a, 5);

		value_put(&r, "month", month_of(a, mo->first));
		value_put(&r, "planned", export_hours(mo->planned));
		value_put(&r, "actual", export_hours(mo->actual));
		value_put(&r, "planned_total", export_hours(mo->planned_total));
		value_put(&r, "actual_total", export_hours(mo->actual_total));
		months[i] = value_obj_done(&r);
	}
	for (size_t i = 0; i < l->notj; i++)
		rows[i] = export_otj_row(a, &m->otj[l->first_otj + i]);
	value_put(&o, "regime", p->regime == OTJ_REGIME_UNKNOWN ? value_null() :
		  value_text(otj_check_regime_name(p->regime)));
	value_put(&o, "minimum", export_hours(p->minimum));
	value_put(&o, "rule", value_text(p->rule));
	value_put(&o, "planned", export_hours(p->planned));
	value_put(&o, "actual", export_hours(p->actual));
	value_put(&o, "unverified", export_hours(p->unverified));
	value_put(&o, "uncounted", export_hours(p->uncounted));
	value_put(&o, "expected", export_hours(p->expected));
	value_put(&o, "pace", p->pace < 0 ? value_null() : value_int(p->pace));
	value_put(&o, "forecast", export_hours(p->forecast));
	value_put(&o, "judged", export_date_or_null(true, p->judged));
	value_put(&o, "months", value_list(months, p->nmonths));
	value_put(&o, "rows", value_list(rows, l->notj));
	return value_obj_done(&o);
}

struct value export_review(struct arena *a, const struct review *v)
{
	struct value_obj r = value_obj_new(a, 12);

	value_put(&r, "date", export_date_or_null(true, v->date));
	value_put(&r, "by", value_text(v->by));
	value_put(&r, "next_review", export_date_or_null(v->has_next,
							  v->next_review));
	value_put(&r, "employer", value_text(v->employer));
	value_put(&r, "progress", value_text(v->progress));
	value_put(&r, "otj_discussed", value_bool(v->otj_discussed));
	value_put(&r, "actions", value_text(v->actions));
	value_put(&r, "held", value_bool(!v->future));
	value_put(&r, "file", value_text(v->file));
	value_put(&r, "line", value_int(v->line));
	value_put(&r, "extra", export_extra(a, v->extra, v->nextra));
	return value_obj_done(&r);
}

struct value export_attention(struct arena *a, const struct xref *x,
			      const struct learner *l)
{
	const struct caseload_learner *c = caseload_of(x, l);
	struct value *items = value_items(a, c->nreasons);

	for (size_t i = 0; i < c->nreasons; i++) {
		struct value_obj r = value_obj_new(a, 2);

		value_put(&r, "code", value_text(caseload_code_name(c->reasons[i].code)));
		value_put(&r, "text", value_text(c->reasons[i].text));
		items[i] = value_obj_done(&r);
	}
	return value_list(items, c->nreasons);
}

struct value export_breaks(struct arena *a, const struct learner *l)
{
	struct value *items = value_items(a, l->nbreaks);

	for (size_t i = 0; i < l->nbreaks; i++) {
		struct value_obj r = value_obj_new(a, 2);

		value_put(&r, "from", export_date_or_null(true, l->breaks[i].from));
		value_put(&r, "to", export_date_or_null(l->breaks[i].to != DATE_MAX,
							l->breaks[i].to));
		items[i] = value_obj_done(&r);
	}
	return value_list(items, l->nbreaks);
}

struct value export_learner(struct arena *a, const struct model *m,
			    const struct xref *x, size_t index)
{
	const struct learner *l = m->learners[index];
	struct value *portfolios = value_items(a, x->count[index]);
	struct value *evidence = value_items(a, l->nevidence);
	struct value_obj o = value_obj_new(a, 12);
	size_t nq;
	const struct qualify_progress *q = qualify_of(x, l, &nq);
	struct value *progress = value_items(a, nq);
	struct value *review_items = value_items(a, l->nreviews);
	struct value reviews = value_list(review_items, l->nreviews);

	for (size_t i = 0; i < l->nreviews; i++)
		review_items[i] = export_review(a, &m->reviews[l->first_review + i]);
	for (size_t i = 0; i < nq; i++) {
		struct value_obj po = value_obj_new(a, EXPORT_PROGRESS_MEMBERS);

		export_progress_members(a, &q[i], &po);
		progress[i] = value_obj_done(&po);
	}
	for (size_t i = 0; i < x->count[index]; i++)
		portfolios[i] = export_portfolio(a,
			&x->portfolios[x->first[index] + i]);
	for (size_t i = 0; i < l->nevidence; i++)
		evidence[i] = export_evidence(a, m->evidence[l->first_evidence + i]);
	value_put(&o, "id", value_text(l->id));
	value_put(&o, "name", value_text(l->name));
	value_put(&o, "registration", value_text(l->registration));
	value_put(&o, "cohort", value_text(l->cohort));
	value_put(&o, "assessor", value_text(l->assessor));
	value_put(&o, "start", export_date_or_null(l->has_start, l->start));
	value_put(&o, "planned_end", export_date_or_null(l->has_planned_end,
							  l->planned_end));
	value_put(&o, "status", value_text(learner_status_name(l->status)));
	value_put(&o, "end", export_date_or_null(l->has_end, l->end));
	value_put(&o, "breaks", export_breaks(a, l));
	value_put(&o, "otj_planned", export_hours(l->otj_planned));
	value_put(&o, "otj_rpl", export_hours(l->otj_rpl));
	value_put(&o, "hours_per_week", export_hours(l->hours_per_week));
	value_put(&o, "units", unit_ids(a, l->units, l->nunits));
	value_put(&o, "units_from_qualification", value_bool(l->units_default));
	value_put(&o, "qualifications", value_list(progress, nq));
	value_put(&o, "extra", export_extra(a, l->extra, l->nextra));
	value_put(&o, "portfolios", value_list(portfolios, x->count[index]));
	value_put(&o, "evidence", value_list(evidence, l->nevidence));
	value_put(&o, "otj", export_otj(a, m, x, l));
	value_put(&o, "reviews", reviews);
	value_put(&o, "attention", export_attention(a, x, l));
	return value_obj_done(&o);
}

struct value export_assessor(struct arena *a, const struct assessor *as)
{
	struct value_obj o = value_obj_new(a, 6);

	value_put(&o, "initials", value_text(as->initials));
	value_put(&o, "name", value_text(as->name));
	value_put(&o, "role", value_text(assessor_role_name(as->role)));
	value_put(&o, "risk", as->risk == RISK_UNKNOWN ? value_null()
			      : value_text(risk_name(as->risk)));
	value_put(&o, "qualified", export_date_or_null(as->has_qualified,
						       as->qualified));
	value_put(&o, "extra", export_extra(a, as->extra, as->nextra));
	return value_obj_done(&o);
}

void export_iqa_members(struct arena *a, const struct model *m, size_t i,
			struct value_obj *o)
{
	const struct iqa_record *q = &m->iqa[i];

	value_put(o, "learner", value_text(q->learner->id));
	value_put(o, "unit", value_text(q->unit->id));
	value_put(o, "date", export_date_or_null(true, q->date));
	value_put(o, "iqa", value_text(q->iqa));
	value_put(o, "kind", value_text(iqa_kind_name(q->kind)));
	value_put(o, "decision", value_text(iqa_decision_name(q->decision)));
	value_put(o, "feedback", value_text(q->feedback));
	value_put(o, "action", value_text(q->action));
	value_put(o, "due", export_date_or_null(q->has_due, q->due));
	value_put(o, "action_open", value_bool(iqa_action_open(m->iqa, m->niqa, i)));
	value_put(o, "extra", export_extra(a, q->extra, q->nextra));
	value_put(o, "file", value_text(q->file));
	value_put(o, "line", value_int(q->line));
}

struct value export_iqa(struct arena *a, const struct model *m, size_t i)
{
	struct value_obj o = value_obj_new(a, EXPORT_IQA_MEMBERS);

	export_iqa_members(a, m, i, &o);
	return value_obj_done(&o);
}

struct value export_centre(struct arena *a, const struct model *m)
{
	struct value_obj o = value_obj_new(a, 3);

	value_put(&o, "name", value_text(m->config.name));
	value_put(&o, "number", value_text(m->config.number));
	value_put(&o, "today", export_date_or_null(true, m->today));
	return value_obj_done(&o);
}

/*
 * Writing the model.  Built whole, the model of a large centre is
 * several times its JSON text, so the top-level object is written here,
 * member by member, and each item of its arrays is built in an arena,
 * written and dropped at once, as the site does a page.  Each item is
 * written at the depth it has in the whole document, so the text is
 * byte for byte one dump of the whole tree (test_export checks it
 * against jansson's).
 */

/* Text is handed to the sink in pieces of about this size. */
#define PIECE_SIZE 65536

struct writer {
	const struct model *m;
	const struct xref *x;
	struct buf text;            /* not yet handed to the sink */
	export_sink *sink;
	void *data;
	int failed;                 /* 0, or export_write()'s error */
	struct arena arena;         /* the item being written */
};

static void flush(struct writer *w)
{
	if (!w->failed && w->text.len && w->sink(w->text.data, w->text.len,
						  w->data) != 0)
		w->failed = EXPORT_SINK_FAILED;
	buf_truncate(&w->text, 0);
}

static void put(struct writer *w, const char *s, size_t len)
{
	buf_put(&w->text, s, len);
	if (w->text.len >= PIECE_SIZE)
		flush(w);
}

static void put_value(struct writer *w, const struct value *v, size_t depth)
{
	value_dump_pretty(v, depth, &w->text);
	if (w->text.len >= PIECE_SIZE)
		flush(w);
}

/* `,` after the member before, the key of the next: "  \"key\": ". */
static void put_key(struct writer *w, const char *key, size_t len, bool first)
{
	put(w, first ? "\n  " : ",\n  ", first ? 3 : 4);
	value_dump_string(key, len, &w->text);
	put(w, ": ", 2);
}

/*
 * One member whose value is an array of n items, item(w, i) building
 * each: every item lives in the arena only while it is written.
 */
static void put_array(struct writer *w, const char *key, size_t n,
		      struct value (*item)(struct writer *, size_t))
{
	put_key(w, key, strlen(key), false);
	if (n == 0) {
		put(w, "[]", 2);
		return;
	}
	put(w, "[\n    ", 6);
	for (size_t i = 0; i < n && !w->failed; i++) {
		struct value value;

		if (i)
			put(w, ",\n    ", 6);
		value = item(w, i);
		put_value(w, &value, 2);
		arena_reset(&w->arena);
	}
	put(w, "\n  ]", 4);
}

static struct value unit_item(struct writer *w, size_t i)
{
	return export_unit(&w->arena, w->m->units[i]);
}

static struct value qualification_item(struct writer *w, size_t i)
{
	return export_qualification(&w->arena, w->m->qualifications[i]);
}

/*
 * The learners are most of the document (77 KB of text each, in the
 * bench's centres): they are built on every core, a batch of
 * LEARNER_BATCH at a time, into a ring of LEARNER_SLOTS texts, while the
 * calling thread hands the finished batches to the sink in order, so that
 * the text is the same as one thread's and the sink's writing overlaps
 * the building.  A builder makes a batch in a text and an arena of its
 * own, then swaps the text into the slot (texts side by side in an array
 * would share cache lines, which every append writes); the model and
 * cross-reference are shared and only read.
 */
#define LEARNER_BATCH 32
#define LEARNER_THREADS 8
#define LEARNER_SLOTS (2 * LEARNER_THREADS)

enum slot_state { SLOT_FREE, SLOT_BUILDING, SLOT_READY };

struct learner_slot {
	enum slot_state state;
	struct buf text;
};

struct learner_ring {
	const struct writer *w;
	size_t batches;             /* of the learners, LEARNER_BATCH each */
	size_t slots;               /* in use, at most LEARNER_SLOTS */
	size_t next;                /* the next batch to build */
	bool stop;                  /* the sink failed: build no more */
	pthread_mutex_t lock;       /* guards the above and the states */
	pthread_cond_t changed;
	struct learner_slot slot[LEARNER_SLOTS];
};

/* A thread's own text and arena to build a batch in. */
struct learner_builder {
	struct buf text;
	struct arena arena;
};

/*
 * One batch's learners as text, each after ",\n    " but the first, in
 * b's text, then swapped with slot s's (which b reuses next).  Called
 * without the lock, for a slot marked SLOT_BUILDING.
 */
static void build_batch(const struct writer *w, size_t batch,
			struct learner_builder *b, struct learner_slot *s)
{
	size_t first = batch * LEARNER_BATCH, n = w->m->nlearners - first;
	struct buf made;

	if (n > LEARNER_BATCH)
		n = LEARNER_BATCH;
	buf_truncate(&b->text, 0);
	for (size_t i = first; i < first + n; i++) {
		struct value v = export_learner(&b->arena, w->m, w->x, i);

		if (i)
			buf_put(&b->text, ",\n    ", 6);
		value_dump_pretty(&v, 2, &b->text);
		arena_reset(&b->arena);
	}
	made = b->text;
	b->text = s->text;
	s->text = made;
}

static void builder_free(struct learner_builder *b)
{
	buf_free(&b->text);
	arena_free(&b->arena);
}

/*
 * Takes batch r->next, whose slot s is free, and builds it: called and
 * returning with the lock held, which the building is done without.
 */
static void take_batch(struct learner_ring *r, size_t batch,
		       struct learner_builder *own, struct learner_slot *s)
{
	r->next++;
	s->state = SLOT_BUILDING;
	pthread_mutex_unlock(&r->lock);
	build_batch(r->w, batch, own, s);
	pthread_mutex_lock(&r->lock);
	s->state = SLOT_READY;
	pthread_cond_broadcast(&r->changed);
}

/* A builder: takes the next batch once its slot has been written. */
static void *build_batches(void *arg)
{
	struct learner_ring *r = arg;
	struct learner_builder own = { BUF_INIT, ARENA_INIT };

	pthread_mutex_lock(&r->lock);
	while (!r->stop && r->next < r->batches) {
		size_t batch = r->next;
		struct learner_slot *s = &r->slot[batch % r->slots];

		if (s->state != SLOT_FREE) {
			pthread_cond_wait(&r->changed, &r->lock);
			continue;
		}
		take_batch(r, batch, &own, s);
	}
	pthread_mutex_unlock(&r->lock);
	builder_free(&own);
	return NULL;
}

/*
 * The writer: each batch's text to the sink, in order.  A batch no
 * builder has taken yet when the writer needs it the writer builds, so
 * that the text is made even if no builder's thread could be started.
 */
static int write_batches(struct learner_ring *r)
{
	struct learner_builder own = { BUF_INIT, ARENA_INIT };
	int failed = 0;

	for (size_t batch = 0; batch < r->batches && !failed; batch++) {
		struct learner_slot *s = &r->slot[batch % r->slots];

		pthread_mutex_lock(&r->lock);
		while (s->state != SLOT_READY) {
			if (r->next == batch && s->state == SLOT_FREE) {
				take_batch(r, batch, &own, s);
				break;
			}
			pthread_cond_wait(&r->changed, &r->lock);
		}
		pthread_mutex_unlock(&r->lock);
		if (r->w->sink(s->text.data, s->text.len, r->w->data) != 0)
			failed = EXPORT_SINK_FAILED;
		pthread_mutex_lock(&r->lock);
		s->state = SLOT_FREE;
		r->stop = failed != 0;
		pthread_cond_broadcast(&r->changed);
		pthread_mutex_unlock(&r->lock);
	}
	builder_free(&own);
	return failed;
}

/* Thread 0 writes (threads_run makes the first call on the calling
 * thread), the others build. */
struct learner_role {
	struct learner_ring *ring;
	bool writer;
	int failed;                 /* the writer's */
};

static void *learner_role(void *arg)
{
	struct learner_role *role = arg;

	if (role->writer)
		role->failed = write_batches(role->ring);
	else
		build_batches(role->ring);
	return NULL;
}

/* "learners": [...] (see above). */
static void put_learners(struct writer *w)
{
	size_t n = w->m->nlearners, builders = threads_cores();
	struct learner_role roles[LEARNER_THREADS + 1];
	struct learner_ring *r;

	put_key(w, "learners", 8, false);
	if (n == 0) {
		put(w, "[]", 2);
		return;
	}
	put(w, "[\n    ", 6);
	flush(w);
	if (w->failed)
		return;
	if (builders > LEARNER_THREADS)
		builders = LEARNER_THREADS;
	r = mem_calloc(1, sizeof(*r));
	r->w = w;
	r->batches = (n + LEARNER_BATCH - 1) / LEARNER_BATCH;
	r->slots = 2 * builders;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->changed, NULL);
	for (size_t t = 0; t <= builders; t++)
		roles[t] = (struct learner_role){ r, t == 0, 0 };
	threads_run(learner_role, roles, sizeof(*roles), builders + 1, NULL);
	if (roles[0].failed)
		w->failed = roles[0].failed;
	for (size_t t = 0; t < r->slots; t++)
		buf_free(&r->slot[t].text);
	pthread_cond_destroy(&r->changed);
	pthread_mutex_destroy(&r->lock);
	free(r);
	put(w, "\n  ]", 4);
}

static struct value assessor_item(struct writer *w, size_t i)
{
	return export_assessor(&w->arena, w->m->assessors[i]);
}

static struct value iqa_item(struct writer *w, size_t i)
{
	return export_iqa(&w->arena, w->m, i);
}

static struct value signoff_item(struct writer *w, size_t i)
{
	return export_signoff(&w->arena, &w->m->signoffs[i]);
}

int export_write(const struct model *m, const struct xref *x,
		 const struct value *tail, export_sink *sink, void *data)
{
	struct writer w = { .m = m, .x = x, .sink = sink, .data = data,
			    .arena = ARENA_INIT };
	struct value centre = export_centre(&w.arena, m);

	put(&w, "{", 1);
	put_key(&w, "centre", 6, true);
	put_value(&w, &centre, 1);
	arena_reset(&w.arena);
	put_array(&w, "units", m->nunits, unit_item);
	put_array(&w, "qualifications", m->nqualifications,
		  qualification_item);
	put_learners(&w);
	put_array(&w, "assessors", m->nassessors, assessor_item);
	put_array(&w, "iqa", m->niqa, iqa_item);
	put_array(&w, "signoffs", m->nsignoffs, signoff_item);
	for (size_t i = 0; tail && tail->kind == VALUE_OBJECT &&
			   i < tail->len; i++) {
		const struct value_member *member = &tail->u.members[i];

		put_key(&w, member->key, member->key_len, false);
		put_value(&w, &member->value, 1);
	}
	put(&w, "\n}\n", 3);
	flush(&w);
	buf_free(&w.text);
	arena_free(&w.arena);
	return w.failed;
}
