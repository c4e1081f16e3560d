/*
 * export.c - building the JSON form of the model (see export.h).
 */
#include "export.h"
#include "buf.h"
#include "date.h"
#include "markdown.h"

#include <stdlib.h>
#include <string.h>

json_t *export_text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* A row's summary as HTML: kept, or for a plain summary made now. */
static json_t *summary_html(const struct evidence *e)
{
	struct buf html = BUF_INIT;
	json_t *s;

	if (!e->summary_plain)
		return export_text_or_null(e->summary_html);
	markdown_to_html(e->summary, strlen(e->summary), &html);
	s = json_stringn(buf_cstr(&html), html.len);
	buf_free(&html);
	return s;
}

json_t *export_date_or_null(bool has, int32_t day)
{
	char iso[DATE_ISO_SIZE];

	return has ? json_string(date_format(day, iso)) : json_null();
}

static json_t *count_or_null(long n)
{
	return n >= 0 ? json_integer(n) : json_null();
}

/* A level is a number ("2") when it is one, else text ("Entry 3"). */
static json_t *level_value(const char *level)
{
	char *end;
	long n;

	if (!level)
		return json_null();
	n = strtol(level, &end, 10);
	if (*level && !*end && n >= 0 && n < 100)
		return json_integer(n);
	return json_string(level);
}

static json_t *criterion_json(const struct unit_criterion *c)
{
	return json_pack("{s:s, s:s, s:b, s:s}",
			 "id", c->id,
			 "text", c->text,
			 "observe", c->observe,
			 "guidance_html", c->guidance_html);
}

static json_t *outcome_json(const struct unit_outcome *o)
{
	json_t *criteria = json_array();

	for (size_t i = 0; i < o->ncriteria; i++)
		json_array_append_new(criteria, criterion_json(&o->criteria[i]));
	return json_pack("{s:i, s:s, s:b, s:s, s:o}",
			 "number", o->number,
			 "title", o->title,
			 "knowledge", o->knowledge,
			 "guidance_html", o->guidance_html,
			 "criteria", criteria);
}

static json_t *group_json(const struct unit_requirement_group *g)
{
	json_t *items = json_array();

	for (size_t i = 0; i < g->nitems; i++)
		json_array_append_new(items, json_pack("{s:s, s:s}",
			"id", g->items[i].id, "text", g->items[i].text));
	return json_pack("{s:s, s:s, s:o}",
			 "title", g->title,
			 "html", g->html,
			 "items", items);
}

static json_t *methods_json(const struct unit *u, json_t **key)
{
	json_t *codes = json_array();

	*key = json_array();
	for (size_t i = 0; i < u->nmethods; i++) {
		json_array_append_new(codes, json_string(u->methods[i].code));
		json_array_append_new(*key, json_pack("{s:s, s:s}",
			"code", u->methods[i].code,
			"name", u->methods[i].name));
	}
	return codes;
}

json_t *export_unit(const struct unit *u)
{
	json_t *outcomes = json_array(), *groups = json_array();
	json_t *sections = json_array(), *nos = json_array();
	json_t *method_key, *methods = methods_json(u, &method_key);
	json_t *unit;

	for (size_t i = 0; i < u->noutcomes; i++)
		json_array_append_new(outcomes, outcome_json(&u->outcomes[i]));
	for (size_t i = 0; i < u->ngroups; i++)
		json_array_append_new(groups, group_json(&u->groups[i]));
	for (size_t i = 0; i < u->nsections; i++)
		json_array_append_new(sections, json_pack("{s:s, s:s}",
			"title", u->sections[i].title,
			"html", u->sections[i].html));
	for (size_t i = 0; i < u->nnos; i++)
		json_array_append_new(nos, json_string(u->nos[i]));

	unit = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "id", u->id,
			 "title", u->title ? u->title : u->id,
			 "awarding_body", export_text_or_null(u->awarding_body),
			 "number", export_text_or_null(u->number),
			 "urn", export_text_or_null(u->urn),
			 "level", level_value(u->level),
			 "credit", count_or_null(u->credit),
			 "glh", count_or_null(u->glh));
	json_object_set_new(unit, "methods", methods);
	json_object_set_new(unit, "method_key", method_key);
	json_object_set_new(unit, "simulation", json_boolean(u->simulation));
	json_object_set_new(unit, "occasions", json_integer(u->occasions));
	json_object_set_new(unit, "nos", nos);
	json_object_set_new(unit, "criteria_count",
			    json_integer((json_int_t)u->ncriteria));
	json_object_set_new(unit, "requirements_count",
			    json_integer((json_int_t)u->nrequirements));
	json_object_set_new(unit, "intro_html", json_string(u->intro_html));
	json_object_set_new(unit, "outcomes", outcomes);
	json_object_set_new(unit, "requirements_html",
			    json_string(u->requirements_html));
	json_object_set_new(unit, "requirements", groups);
	json_object_set_new(unit, "sections", sections);
	json_object_set_new(unit, "file", json_string(u->file));
	return unit;
}

static json_t *extra_json(const struct extra_field *extra, size_t n)
{
	json_t *object = json_object();

	for (size_t i = 0; i < n; i++)
		json_object_set_new(object, extra[i].name,
				    json_string(extra[i].value));
	return object;
}

json_t *export_evidence(const struct evidence *e)
{
	json_t *criteria = json_array(), *requirements = json_array();
	json_t *row;

	for (size_t i = 0; i < e->ncriteria; i++)
		json_array_append_new(criteria, json_string(e->criteria[i]->id));
	for (size_t i = 0; i < e->nrequirements; i++)
		json_array_append_new(requirements,
				      json_string(e->requirements[i]->id));
	row = json_pack("{s:s, s:s, s:o, s:s, s:b, s:s, s:o, s:o}",
			"ref", e->ref,
			"unit", e->unit->id,
			"date", export_date_or_null(true, e->date),
			"method", e->method,
			"simulated", e->simulated,
			"counts", xref_counts_name(xref_row_counts(e)),
			"criteria", criteria,
			"requirements", requirements);
	json_object_set_new(row, "summary_html", summary_html(e));
	json_object_set_new(row, "assessor", json_string(e->assessor));
	json_object_set_new(row, "location", export_text_or_null(e->location));
	json_object_set_new(row, "extra", extra_json(e->extra, e->nextra));
	json_object_set_new(row, "file", json_string(e->file));
	json_object_set_new(row, "line", json_integer(e->line));
	return row;
}

static json_t *coverage_json(const char *id, const struct xref_coverage *c)
{
	json_t *refs = json_array();

	for (size_t i = 0; i < c->nevidence; i++)
		json_array_append_new(refs, json_string(c->evidence[i]->ref));
	return json_pack("{s:s, s:b, s:o}", "id", id, "met", c->met,
			 "evidence", refs);
}

json_t *export_portfolio(const struct portfolio *p)
{
	const struct unit *u = p->unit;
	json_t *criteria = json_array(), *requirements = json_array();
	json_t *gaps = json_array();

	for (size_t i = 0; i < u->ncriteria; i++)
		json_array_append_new(criteria,
			coverage_json(u->criteria[i]->id, &p->criteria[i]));
	for (size_t i = 0; i < u->nrequirements; i++)
		json_array_append_new(requirements,
			coverage_json(u->requirements[i]->id, &p->requirements[i]));
	for (size_t i = 0; i < p->ngaps; i++)
		json_array_append_new(gaps, json_pack("{s:s, s:o, s:s}",
			"code", xref_gap_name(p->gaps[i].code),
			"target", export_text_or_null(p->gaps[i].target),
			"message", p->gaps[i].message));
	return json_pack("{s:s, s:b, s:s, s:i, s:I, s:I, s:I, s:I, s:o, s:o, s:o}",
			 "unit", u->id,
			 "registered", p->registered,
			 "status", xref_status_name(p->status),
			 "percent", p->percent,
			 "met", (json_int_t)p->met,
			 "total", (json_int_t)p->total,
			 "occasions", (json_int_t)p->occasions,
			 "occasions_required", (json_int_t)u->occasions,
			 "criteria", criteria,
			 "requirements", requirements,
			 "gaps", gaps);
}

json_t *export_learner(const struct model *m, const struct xref *x,
		       size_t index)
{
	const struct learner *l = m->learners[index];
	json_t *units = json_array(), *portfolios = json_array();
	json_t *evidence = json_array(), *learner;

	for (size_t i = 0; i < l->nunits; i++)
		json_array_append_new(units, json_string(l->units[i]->id));
	for (size_t i = 0; i < x->count[index]; i++)
		json_array_append_new(portfolios,
			export_portfolio(&x->portfolios[x->first[index] + i]));
	for (size_t i = 0; i < l->nevidence; i++)
		json_array_append_new(evidence,
			export_evidence(m->evidence[l->first_evidence + i]));
	learner = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			    "id", l->id,
			    "name", export_text_or_null(l->name),
			    "registration", export_text_or_null(l->registration),
			    "cohort", export_text_or_null(l->cohort),
			    "assessor", export_text_or_null(l->assessor),
			    "start", export_date_or_null(l->has_start, l->start),
			    "units", units,
			    "extra", extra_json(l->extra, l->nextra));
	json_object_set_new(learner, "portfolios", portfolios);
	json_object_set_new(learner, "evidence", evidence);
	return learner;
}

json_t *export_assessor(const struct assessor *a)
{
	json_t *risk = a->risk == ASSESSOR_RISK_UNKNOWN ? json_null()
		: json_string(assessor_risk_name(a->risk));

	return json_pack("{s:s, s:o, s:s, s:o, s:o, s:o}",
			 "initials", a->initials,
			 "name", export_text_or_null(a->name),
			 "role", assessor_role_name(a->role),
			 "risk", risk,
			 "qualified", export_date_or_null(a->has_qualified, a->qualified),
			 "extra", extra_json(a->extra, a->nextra));
}

json_t *export_iqa(const struct model *m, size_t i)
{
	const struct iqa_record *q = &m->iqa[i];
	json_t *record = json_pack("{s:s, s:s, s:o, s:s, s:s, s:s}",
				   "learner", q->learner->id,
				   "unit", q->unit->id,
				   "date", export_date_or_null(true, q->date),
				   "iqa", q->iqa,
				   "kind", iqa_kind_name(q->kind),
				   "decision", iqa_decision_name(q->decision));

	json_object_set_new(record, "feedback", export_text_or_null(q->feedback));
	json_object_set_new(record, "action", export_text_or_null(q->action));
	json_object_set_new(record, "due", export_date_or_null(q->has_due, q->due));
	json_object_set_new(record, "action_open",
			    json_boolean(iqa_action_open(m->iqa, m->niqa, i)));
	json_object_set_new(record, "extra", extra_json(q->extra, q->nextra));
	json_object_set_new(record, "file", json_string(q->file));
	json_object_set_new(record, "line", json_integer(q->line));
	return record;
}

json_t *export_centre(const struct model *m)
{
	return json_pack("{s:o, s:o, s:o}",
			 "name", export_text_or_null(m->config.name),
			 "number", export_text_or_null(m->config.number),
			 "today", export_date_or_null(true, m->today));
}

json_t *export_model(const struct model *m, const struct xref *x,
		     const struct diag_list *diags)
{
	json_t *units = json_array(), *learners = json_array();
	json_t *assessors = json_array(), *iqa = json_array();

	for (size_t i = 0; i < m->nunits; i++)
		json_array_append_new(units, export_unit(m->units[i]));
	for (size_t i = 0; i < m->nlearners; i++)
		json_array_append_new(learners, export_learner(m, x, i));
	for (size_t i = 0; i < m->nassessors; i++)
		json_array_append_new(assessors, export_assessor(m->assessors[i]));
	for (size_t i = 0; i < m->niqa; i++)
		json_array_append_new(iqa, export_iqa(m, i));
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
			 "centre", export_centre(m),
			 "units", units,
			 "learners", learners,
			 "assessors", assessors,
			 "iqa", iqa,
			 "diagnostics", diag_list_to_json(diags));
}
