/*
 * pack_view.c - the external-verification pack's page context and the
 * tail of its data.json (see pack_view.h).
 */
#include "present/pack_view.h"
#include "base/date.h"
#include "base/mem.h"
#include "present/diag_json.h"
#include "present/export.h"
#include "present/sample_json.h"
#include "present/url.h"
#include "present/view.h"

#include <stdlib.h>
#include <string.h>

static json_t *date_json(int32_t day)
{
	return export_date_or_null(true, day);
}

void pack_view_init(struct pack_view *c, const struct model *m,
		    const struct xref *x, const struct sample *s,
		    const struct scope *scope)
{
	c->m = m;
	c->x = x;
	c->s = s;
	c->scope = scope;
	c->planned = mem_calloc(x->nportfolios + 1, sizeof(*c->planned));
	c->sampled = mem_calloc(m->nlearners + 1, sizeof(*c->sampled));
	c->latest = sample_latest_records(m, x);
	for (size_t i = 0; i < s->nentries; i++) {
		const struct portfolio *p = s->entries[i].portfolio;

		c->planned[p - x->portfolios] = true;
		c->sampled[p->learner->index] = true;
	}
}

void pack_view_free(struct pack_view *c)
{
	free(c->planned);
	free(c->sampled);
	free(c->latest);
}

static json_t *ids_json(const char *const *ids, size_t n)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_string(ids[i]));
	return list;
}

/* ---- the cover ---------------------------------------------------------- */

/* "learners amy, ben · units ocr-c3 · evidence since 2026-04-01" */
static json_t *scope_text(const struct scope *s)
{
	struct buf text = BUF_INIT;
	char since[DATE_ISO_SIZE];
	json_t *json;

	if (scope_is_whole(s))
		buf_puts(&text, "every learner and unit of the centre");
	for (size_t i = 0; i < s->nlearners; i++)
		buf_printf(&text, "%s%s", i ? ", " : "learners ", s->learners[i]);
	for (size_t i = 0; i < s->nunits; i++)
		buf_printf(&text, "%s%s", i ? ", " : text.len ? " · units " : "units ",
			   s->units[i]);
	if (s->has_since)
		buf_printf(&text, "%sportfolios with evidence since %s",
			   text.len ? " · " : "", date_format(s->since, since));
	json = json_string(buf_cstr(&text));
	buf_free(&text);
	return json;
}

static json_t *scope_json(const struct scope *s)
{
	return json_pack("{s:o, s:b, s:o, s:o, s:o}",
		"text", scope_text(s),
		"whole", scope_is_whole(s),
		"learners", ids_json(s->learners, s->nlearners),
		"units", ids_json(s->units, s->nunits),
		"since", s->has_since ? date_json(s->since) : json_null());
}

/* ---- learner tracking --------------------------------------------------- */

/*
 * The first and last dates of a portfolio's evidence, in date order, but
 * never a row dated after today: it cannot have happened, and a verifier
 * reading "first to last" would take it for evidence held.
 */
static bool evidence_span(const struct portfolio *p, int32_t *first,
			  int32_t *last)
{
	bool dated = false;

	for (size_t i = 0; i < p->nrows; i++) {
		if (p->rows[i]->future)
			continue;
		if (!dated)
			*first = p->rows[i]->date;
		*last = p->rows[i]->date;
		dated = true;
	}
	return dated;
}

static json_t *tracking_cell(const struct pack_view *c, size_t pi, bool linked)
{
	const struct portfolio *p = &c->x->portfolios[pi];
	const struct iqa_record *r = c->latest[pi];
	int32_t first = 0, last = 0;
	bool dated = evidence_span(p, &first, &last);
	json_t *cell = json_pack("{s:b, s:s, s:s, s:s, s:i, s:b, s:b}",
		"has", true,
		"unit", p->unit->id,
		"status", xref_status_name(p->status),
		"status_label", view_status_label(p->status),
		"percent", p->percent,
		"registered", p->registered,
		"planned", c->planned[pi]);

	json_object_set_new(cell, "first", dated ? date_json(first) : json_null());
	json_object_set_new(cell, "last", dated ? date_json(last) : json_null());
	json_object_set_new(cell, "iqa", r ? json_pack("{s:o, s:s, s:s, s:s}",
		"date", date_json(r->date), "iqa", r->iqa,
		"kind", iqa_kind_name(r->kind),
		"decision", iqa_decision_name(r->decision)) : json_null());
	json_object_set_new(cell, "href", linked ?
		url_json(URL_PORTFOLIO, p->learner->id, p->unit->id) :
		json_null());
	return cell;
}

static json_t *tracking_row(const struct pack_view *c, size_t li)
{
	const struct model *m = c->m;
	const struct learner *l = m->learners[li];
	bool linked = c->sampled[li];
	json_t *cells = json_array();
	size_t next = c->x->first[li], end = next + c->x->count[li];

	for (size_t ui = 0; ui < m->nunits; ui++) {
		if (next < end && c->x->portfolios[next].unit == m->units[ui]) {
			json_array_append_new(cells, tracking_cell(c, next, linked));
			next++;
		} else {
			json_array_append_new(cells, json_pack("{s:b, s:s}",
				"has", false, "unit", m->units[ui]->id));
		}
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:o, s:o}",
		"learner", l->id,
		"name", l->name ? l->name : l->id,
		"registration", export_text_or_null(l->registration),
		"cohort", export_text_or_null(l->cohort),
		"assessor", export_text_or_null(l->assessor),
		"start", export_date_or_null(l->has_start, l->start),
		"sampled", linked,
		"href", linked ? url_json(URL_LEARNER, l->id, NULL) : json_null(),
		"cells", cells);
}

static json_t *tracking(const struct pack_view *c)
{
	const struct model *m = c->m;
	json_t *units = json_array(), *rows = json_array();

	for (size_t i = 0; i < m->nunits; i++)
		json_array_append_new(units, json_pack("{s:s, s:s, s:o}",
			"id", m->units[i]->id, "title", m->units[i]->title,
			"number", export_text_or_null(m->units[i]->number)));
	for (size_t i = 0; i < m->nlearners; i++)
		json_array_append_new(rows, tracking_row(c, i));
	return json_pack("{s:o, s:o}", "units", units, "rows", rows);
}

/* ---- assessors and IQAs ------------------------------------------------- */

/* The plan's rate for a listed assessor (the plan found them already). */
static const struct sample_assessor *rate_of(const struct sample *s,
					     const struct assessor *a)
{
	for (size_t i = 0; i < s->nassessors; i++)
		if (s->assessors[i].listed == a)
			return &s->assessors[i];
	return NULL;
}

static json_t *staff_member(const char *initials, const struct assessor *a,
			    const struct sample_assessor *rate)
{
	json_t *o = json_pack("{s:s, s:o, s:s, s:s, s:b, s:o}",
		"initials", initials,
		"name", export_text_or_null(a ? a->name : NULL),
		"role", a ? assessor_role_name(a->role) : "assessor",
		"risk", risk_name(a ? a->risk : RISK_UNKNOWN),
		"listed", a != NULL,
		"qualified", export_date_or_null(a && a->has_qualified,
						 a ? a->qualified : 0));

	json_object_set_new(o, "iqa", json_boolean(a && a->role == ASSESSOR_ROLE_IQA));
	json_object_set_new(o, "extra", export_extra(a ? a->extra : NULL,
						     a ? a->nextra : 0));
	json_object_set_new(o, "extra_list", export_extra_list(
		a ? a->extra : NULL, a ? a->nextra : 0));
	json_object_set_new(o, "has_extra", json_boolean(a && a->nextra));
	json_object_set_new(o, "sampling", rate ? json_pack(
		"{s:i, s:I, s:I, s:I, s:I, s:b}",
		"rate", rate->rate,
		"portfolios", (json_int_t)rate->portfolios,
		"target", (json_int_t)rate->target,
		"sampled_before", (json_int_t)rate->before,
		"planned", (json_int_t)rate->planned,
		"met", rate->before + rate->planned >= rate->target) : json_null());
	return o;
}

/* assessors.csv, then whoever the plan found that it does not list. */
static json_t *staff(const struct model *m, const struct sample *s)
{
	json_t *list = json_array();

	for (size_t i = 0; i < m->nassessors; i++)
		json_array_append_new(list, staff_member(m->assessors[i]->initials,
			m->assessors[i], rate_of(s, m->assessors[i])));
	for (size_t i = 0; i < s->nassessors; i++)
		if (!s->assessors[i].listed)
			json_array_append_new(list, staff_member(
				s->assessors[i].initials, NULL, &s->assessors[i]));
	return list;
}

/* ---- the sampling record ------------------------------------------------ */

/* The record as data.json has it, with the learner's name and the state
 * of its action. */
static json_t *record_entry(const struct model *m, size_t i, bool *open)
{
	const struct iqa_record *r = &m->iqa[i];
	const struct learner *l = r->learner;
	json_t *entry = export_iqa(m, i);

	*open = iqa_action_open(m->iqa, m->niqa, i);
	json_object_set_new(entry, "name", json_string(l->name ? l->name : l->id));
	json_object_set_new(entry, "extra_list", export_extra_list(r->extra, r->nextra));
	json_object_set_new(entry, "has_extra", json_boolean(r->nextra));
	json_object_set_new(entry, "open", json_boolean(*open));
	json_object_set_new(entry, "overdue",
			    json_boolean(*open && r->has_due && r->due < m->today));
	return entry;
}

static int compare_by_date(const void *a, const void *b)
{
	const struct iqa_record *x = *(const struct iqa_record *const *)a;
	const struct iqa_record *y = *(const struct iqa_record *const *)b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if ((c = strcmp(x->learner->id, y->learner->id)) != 0)
		return c;
	if ((c = strcmp(x->unit->id, y->unit->id)) != 0)
		return c;
	return x->line - y->line;
}

/*
 * The records by date, as an IQA reads them: those dated within the scope
 * (all without a since date), and any older whose action is still open.
 */
static json_t *record(const struct model *m, const struct scope *scope,
		      size_t *open_count)
{
	const struct iqa_record **order = mem_calloc(m->niqa ? m->niqa : 1,
						     sizeof(*order));
	json_t *list = json_array();

	for (size_t i = 0; i < m->niqa; i++)
		order[i] = &m->iqa[i];
	qsort(order, m->niqa, sizeof(*order), compare_by_date);
	*open_count = 0;
	for (size_t k = 0; k < m->niqa; k++) {
		size_t i = (size_t)(order[k] - m->iqa);
		bool open;

		if (scope->has_since && m->iqa[i].date < scope->since &&
		    !iqa_action_open(m->iqa, m->niqa, i))
			continue;
		json_array_append_new(list, record_entry(m, i, &open));
		*open_count += open;
	}
	free(order);
	return list;
}

/* ---- the plan's coverage, by CAMERA letter ------------------------------ */

static json_t *camera(json_t *coverage)
{
	static const struct {
		enum sample_dimension d;
		const char *letter, *title;
	} rows[] = {
		{ SAMPLE_CANDIDATES, "C", "Candidates: every cohort" },
		{ SAMPLE_ASSESSORS, "A", "Assessors: every assessor" },
		{ SAMPLE_METHODS, "M", "Methods: every method each assessor uses" },
		{ SAMPLE_ELEMENTS, "E", "Elements: every unit and criterion" },
		{ SAMPLE_RECORDS, "R", "Records: every evidence log" },
		{ SAMPLE_LOCATIONS, "A", "Assessment locations: every place" },
		{ SAMPLE_KINDS, "+", "Interim and summative work" },
	};
	json_t *list = json_array();

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		json_t *values = json_object_get(coverage,
						 sample_dimension_name(rows[i].d));

		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:O, s:b}",
			"dimension", sample_dimension_name(rows[i].d),
			"letter", rows[i].letter,
			"title", rows[i].title,
			"values", values,
			"has_values", json_array_size(values) > 0));
	}
	return list;
}

/* ---- contents ----------------------------------------------------------- */

static json_t *contents(const struct pack_view *c)
{
	const struct model *m = c->m;
	const struct xref *x = c->x;
	json_t *list = json_array();

	for (size_t i = 0; i < m->nlearners; i++) {
		const struct learner *l = m->learners[i];
		json_t *portfolios;

		if (!c->sampled[i])
			continue;
		portfolios = json_array();
		for (size_t j = x->first[i]; j < x->first[i] + x->count[i]; j++) {
			const struct portfolio *p = &x->portfolios[j];

			json_array_append_new(portfolios, json_pack("{s:s, s:s, s:o, s:b}",
				"unit", p->unit->id, "unit_title", p->unit->title,
				"href", url_json(URL_PORTFOLIO, l->id, p->unit->id),
				"sampled", c->planned[j]));
		}
		json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:o}",
			"learner", l->id, "name", l->name ? l->name : l->id,
			"href", url_json(URL_LEARNER, l->id, NULL),
			"portfolios", portfolios));
	}
	return list;
}

/* The pack page's context, around plan: sample_json_plan(c->s). */
json_t *pack_view_page(const struct pack_view *c, json_t *plan)
{
	const struct model *m = c->m;
	json_t *coverage = json_object_get(plan, "coverage");
	size_t open;
	json_t *records = record(m, c->scope, &open);
	char actions[32];

	snprintf(actions, sizeof(actions), "%zu actions", open);
	return json_pack("{s:o, s:I, s:o, s:o, s:o, s:O, s:O, s:o, s:o, s:b, s:I, s:s+, s:o}",
		"date", date_json(m->today),
		"learners_count", (json_int_t)m->nlearners,
		"scope", scope_json(c->scope),
		"tracking", tracking(c),
		"staff", staff(m, c->s),
		"sample", json_object_get(plan, "sample"),
		"coverage", coverage,
		"camera", camera(coverage),
		"record", records,
		"has_record", json_array_size(records) > 0,
		"actions_open", (json_int_t)open,
		"actions_open_text", open == 0 ? "No actions" : open == 1 ? "1 action" : "",
		open > 1 ? actions : "",
		"contents", contents(c));
}

json_t *pack_view_context(const struct model *m, const struct xref *x,
			  const struct sample *s, const struct scope *scope)
{
	struct pack_view c;
	json_t *plan = sample_json_plan(s), *view;

	pack_view_init(&c, m, x, s, scope);
	view = pack_view_page(&c, plan);
	pack_view_free(&c);
	json_decref(plan);
	return view;
}

json_t *pack_view_data_tail(const struct pack_view *c, json_t *plan,
			    const struct diag_list *diags)
{
	return json_pack("{s:{s:o, s:o}, s:O, s:O, s:o}",
		"pack", "date", date_json(c->m->today),
			"scope", scope_json(c->scope),
		"sample", json_object_get(plan, "sample"),
		"coverage", json_object_get(plan, "coverage"),
		"diagnostics", diag_json_published(diags));
}

