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
#include "judge/signoff_check.h"

#include <stdlib.h>
#include <string.h>

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

static struct value ids_json(struct arena *a, const char *const *ids, size_t n)
{
	struct value *items = value_items(a, n);

	for (size_t i = 0; i < n; i++)
		items[i] = value_text(ids[i]);
	return value_list(items, n);
}

/* ---- the cover ---------------------------------------------------------- */

/* "learners amy, ben · units ocr-c3 · evidence since 2026-04-01" */
static struct value scope_text(struct arena *a, const struct scope *s,
			       enum date_style style)
{
	struct buf text = BUF_INIT;
	char since[DATE_TEXT_SIZE];
	struct value v;

	if (scope_is_whole(s))
		buf_puts(&text, "every learner and unit of the centre");
	for (size_t i = 0; i < s->nlearners; i++)
		buf_printf(&text, "%s%s", i ? ", " : "learners ", s->learners[i]);
	for (size_t i = 0; i < s->nunits; i++)
		buf_printf(&text, "%s%s", i ? ", " : text.len ? " · units " : "units ",
			   s->units[i]);
	if (s->has_since)
		buf_printf(&text, "%sportfolios with evidence since %s",
			   text.len ? " · " : "", date_format_in(s->since, style, since));
	v = value_copy(a, buf_cstr(&text), text.len);
	buf_free(&text);
	return v;
}

static struct value scope_json(struct arena *a, const struct scope *s,
			       enum date_style style)
{
	struct value_obj o = value_obj_new(a, 5);

	value_put(&o, "text", scope_text(a, s, style));
	value_put(&o, "whole", value_bool(scope_is_whole(s)));
	value_put(&o, "learners", ids_json(a, s->learners, s->nlearners));
	value_put(&o, "units", ids_json(a, s->units, s->nunits));
	value_put(&o, "since", export_date_or_null(s->has_since, s->since));
	return value_obj_done(&o);
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

static struct value latest_iqa(struct arena *a, const struct iqa_record *r)
{
	struct value_obj o = value_obj_new(a, 4);

	value_put(&o, "date", export_date_or_null(true, r->date));
	value_put(&o, "iqa", value_text(r->iqa));
	value_put(&o, "kind", value_text(iqa_kind_name(r->kind)));
	value_put(&o, "decision", value_text(iqa_decision_name(r->decision)));
	return value_obj_done(&o);
}

static struct value tracking_cell(struct arena *a, const struct pack_view *c,
				  size_t pi, bool linked)
{
	const struct portfolio *p = &c->x->portfolios[pi];
	const struct iqa_record *r = c->latest[pi];
	int32_t first = 0, last = 0;
	bool dated = evidence_span(p, &first, &last);
	struct value_obj o = value_obj_new(a, 12);

	value_put(&o, "has", value_bool(true));
	value_put(&o, "unit", value_text(p->unit->id));
	value_put(&o, "status", value_text(xref_status_name(p->status)));
	value_put(&o, "status_label", value_text(view_status_label(p->status)));
	value_put(&o, "percent", value_int(p->percent));
	value_put(&o, "registered", value_bool(p->registered));
	value_put(&o, "planned", value_bool(c->planned[pi]));
	value_put(&o, "first", dated ? export_date_or_null(true, first) : value_null());
	value_put(&o, "last", dated ? export_date_or_null(true, last) : value_null());
	value_put(&o, "iqa", r ? latest_iqa(a, r) : value_null());
	value_put(&o, "signed_off_on", export_date_or_null(
		  p->status == XREF_SIGNED_OFF, signoff_check_signed_on(p)));
	value_put(&o, "href", linked ? url_value(a, URL_PORTFOLIO, p->learner->id,
						 p->unit->id) : value_null());
	return value_obj_done(&o);
}

static struct value no_cell(struct arena *a, const struct unit *u)
{
	struct value_obj o = value_obj_new(a, 2);

	value_put(&o, "has", value_bool(false));
	value_put(&o, "unit", value_text(u->id));
	return value_obj_done(&o);
}

static struct value tracking_row(struct arena *a, const struct pack_view *c,
				 size_t li)
{
	const struct model *m = c->m;
	const struct learner *l = m->learners[li];
	bool linked = c->sampled[li];
	struct value *cells = value_items(a, m->nunits);
	struct value_obj o = value_obj_new(a, 11);
	size_t next = c->x->first[li], end = next + c->x->count[li];

	for (size_t ui = 0; ui < m->nunits; ui++) {
		if (next < end && c->x->portfolios[next].unit == m->units[ui])
			cells[ui] = tracking_cell(a, c, next++, linked);
		else
			cells[ui] = no_cell(a, m->units[ui]);
	}
	value_put(&o, "learner", value_text(l->id));
	value_put(&o, "name", value_text(l->name ? l->name : l->id));
	value_put(&o, "registration", value_text(l->registration));
	value_put(&o, "cohort", value_text(l->cohort));
	value_put(&o, "assessor", value_text(l->assessor));
	value_put(&o, "start", export_date_or_null(l->has_start, l->start));
	value_put(&o, "sampled", value_bool(linked));
	value_put(&o, "href", linked ? url_value(a, URL_LEARNER, l->id, NULL)
				     : value_null());
	value_put(&o, "cells", value_list(cells, m->nunits));
	value_put(&o, "qualifications",
		  view_qualification_briefs(a, c->x, l, linked));
	value_put(&o, "has_qualifications", value_bool(l->nqualifications > 0));
	return value_obj_done(&o);
}

static struct value tracking(struct arena *a, const struct pack_view *c)
{
	const struct model *m = c->m;
	struct value *units = value_items(a, m->nunits);
	struct value *rows = value_items(a, m->nlearners);
	struct value_obj o = value_obj_new(a, 4);
	bool narrowed = scope_is_partial(c->scope);

	for (size_t i = 0; i < m->nunits; i++) {
		struct value_obj u = value_obj_new(a, 3);

		value_put(&u, "id", value_text(m->units[i]->id));
		value_put(&u, "title", value_text(m->units[i]->title));
		value_put(&u, "number", value_text(m->units[i]->number));
		units[i] = value_obj_done(&u);
	}
	for (size_t i = 0; i < m->nlearners; i++)
		rows[i] = tracking_row(a, c, i);
	/* A pack narrowed by unit or date judges no qualification
	 * (scope_narrow): the column would be wrong, so it goes, and why. */
	value_put(&o, "qualifications", value_bool(m->nqualifications > 0 &&
						   !narrowed));
	value_put(&o, "qualifications_narrowed",
		  value_bool(m->nqualifications > 0 && narrowed));
	value_put(&o, "units", value_list(units, m->nunits));
	value_put(&o, "rows", value_list(rows, m->nlearners));
	return value_obj_done(&o);
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

static struct value sampling(struct arena *a, const struct sample_assessor *r)
{
	struct value_obj o = value_obj_new(a, 6);

	sample_json_rate_members(r, &o);
	return value_obj_done(&o);
}

static struct value staff_member(struct arena *a, const char *initials,
				 const struct assessor *as,
				 const struct sample_assessor *rate)
{
	const struct extra_field *extra = as ? as->extra : NULL;
	size_t nextra = as ? as->nextra : 0;
	struct value_obj o = value_obj_new(a, 11);

	value_put(&o, "initials", value_text(initials));
	value_put(&o, "name", value_text(as ? as->name : NULL));
	value_put(&o, "role", value_text(as ? assessor_role_name(as->role)
					    : "assessor"));
	value_put(&o, "risk", value_text(risk_name(as ? as->risk : RISK_UNKNOWN)));
	value_put(&o, "listed", value_bool(as != NULL));
	value_put(&o, "qualified", export_date_or_null(as && as->has_qualified,
						       as ? as->qualified : 0));
	value_put(&o, "iqa", value_bool(as && as->role == ASSESSOR_ROLE_IQA));
	value_put(&o, "extra", export_extra(a, extra, nextra));
	value_put(&o, "extra_list", export_extra_list(a, extra, nextra));
	value_put(&o, "has_extra", value_bool(nextra > 0));
	value_put(&o, "sampling", rate ? sampling(a, rate) : value_null());
	return value_obj_done(&o);
}

/* assessors.csv, then whoever the plan found that it does not list. */
static struct value staff(struct arena *a, const struct model *m,
			  const struct sample *s)
{
	struct value_arr list = value_arr_new(a, m->nassessors + s->nassessors);

	for (size_t i = 0; i < m->nassessors; i++)
		value_push(&list, staff_member(a, m->assessors[i]->initials,
			m->assessors[i], rate_of(s, m->assessors[i])));
	for (size_t i = 0; i < s->nassessors; i++)
		if (!s->assessors[i].listed)
			value_push(&list, staff_member(a, s->assessors[i].initials,
						       NULL, &s->assessors[i]));
	return value_arr_done(&list);
}

/* ---- the sampling record ------------------------------------------------ */

/* The record as data.json has it, with the learner's name and the state
 * of its action. */
static struct value record_entry(struct arena *a, const struct model *m,
				 size_t i, bool *open)
{
	const struct iqa_record *r = &m->iqa[i];
	const struct learner *l = r->learner;
	struct value_obj o = value_obj_new(a, EXPORT_IQA_MEMBERS + 5);

	export_iqa_members(a, m, i, &o);
	*open = iqa_action_open(m->iqa, m->niqa, i);
	value_put(&o, "name", value_text(l->name ? l->name : l->id));
	value_put(&o, "extra_list", export_extra_list(a, r->extra, r->nextra));
	value_put(&o, "has_extra", value_bool(r->nextra > 0));
	value_put(&o, "open", value_bool(*open));
	value_put(&o, "overdue", value_bool(*open && r->has_due &&
					    r->due < m->today));
	return value_obj_done(&o);
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
static struct value record(struct arena *a, const struct model *m,
			   const struct scope *scope, size_t *open_count)
{
	const struct iqa_record **order = mem_calloc(m->niqa ? m->niqa : 1,
						     sizeof(*order));
	struct value_arr list = value_arr_new(a, m->niqa);

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
		value_push(&list, record_entry(a, m, i, &open));
		*open_count += open;
	}
	free(order);
	return value_arr_done(&list);
}

/* ---- the plan's coverage, by CAMERA letter ------------------------------ */

static struct value camera(struct arena *a, const struct value *coverage)
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
	size_t n = sizeof(rows) / sizeof(rows[0]);
	struct value *list = value_items(a, n);

	for (size_t i = 0; i < n; i++) {
		const char *name = sample_dimension_name(rows[i].d);
		const struct value *values = value_get(coverage, name, strlen(name));
		struct value_obj o = value_obj_new(a, 5);

		value_put(&o, "dimension", value_text(name));
		value_put(&o, "letter", value_text(rows[i].letter));
		value_put(&o, "title", value_text(rows[i].title));
		value_put(&o, "values", values ? *values : value_null());
		value_put(&o, "has_values", value_bool(values && values->len > 0));
		list[i] = value_obj_done(&o);
	}
	return value_list(list, n);
}

/* ---- contents ----------------------------------------------------------- */

static struct value contents(struct arena *a, const struct pack_view *c)
{
	const struct model *m = c->m;
	const struct xref *x = c->x;
	struct value_arr list = value_arr_new(a, 16);

	for (size_t i = 0; i < m->nlearners; i++) {
		const struct learner *l = m->learners[i];
		struct value *portfolios;
		struct value_obj o;

		if (!c->sampled[i])
			continue;
		portfolios = value_items(a, x->count[i]);
		for (size_t j = 0; j < x->count[i]; j++) {
			const struct portfolio *p = &x->portfolios[x->first[i] + j];
			struct value_obj q = value_obj_new(a, 4);

			value_put(&q, "unit", value_text(p->unit->id));
			value_put(&q, "unit_title", value_text(p->unit->title));
			value_put(&q, "href", url_value(a, URL_PORTFOLIO, l->id,
							p->unit->id));
			value_put(&q, "sampled", value_bool(c->planned[x->first[i] + j]));
			portfolios[j] = value_obj_done(&q);
		}
		o = value_obj_new(a, 4);
		value_put(&o, "learner", value_text(l->id));
		value_put(&o, "name", value_text(l->name ? l->name : l->id));
		value_put(&o, "href", url_value(a, URL_LEARNER, l->id, NULL));
		value_put(&o, "portfolios", value_list(portfolios, x->count[i]));
		value_push(&list, value_obj_done(&o));
	}
	return value_arr_done(&list);
}

/* plan's member named key (sample_json_plan made it: it is there). */
static struct value plan_part(const struct value *plan, const char *key)
{
	const struct value *v = value_get(plan, key, strlen(key));

	return v ? *v : value_null();
}

struct value pack_view_page(struct arena *a, const struct pack_view *c,
			    const struct value *plan)
{
	const struct model *m = c->m;
	struct value coverage = plan_part(plan, "coverage");
	size_t open;
	struct value records = record(a, m, c->scope, &open);
	struct value_obj o = value_obj_new(a, 13);
	char actions[32];

	snprintf(actions, sizeof(actions), "%zu actions", open);
	value_put(&o, "date", export_date_or_null(true, m->today));
	value_put(&o, "learners_count", value_int((long long)m->nlearners));
	value_put(&o, "scope", scope_json(a, c->scope, c->m->config.date_style));
	value_put(&o, "tracking", tracking(a, c));
	value_put(&o, "staff", staff(a, m, c->s));
	value_put(&o, "sample", plan_part(plan, "sample"));
	value_put(&o, "coverage", coverage);
	value_put(&o, "camera", camera(a, &coverage));
	value_put(&o, "record", records);
	value_put(&o, "has_record", value_bool(records.len > 0));
	value_put(&o, "actions_open", value_int((long long)open));
	value_put(&o, "actions_open_text", open == 0 ? value_text("No actions") :
		  open == 1 ? value_text("1 action") :
		  value_copy(a, actions, strlen(actions)));
	value_put(&o, "contents", contents(a, c));
	return value_obj_done(&o);
}

struct value pack_view_context(struct arena *a, const struct model *m,
			       const struct xref *x, const struct sample *s,
			       const struct scope *scope)
{
	struct pack_view c;
	struct value plan = sample_json_plan(a, s), view;

	pack_view_init(&c, m, x, s, scope);
	view = pack_view_page(a, &c, &plan);
	pack_view_free(&c);
	return view;
}

struct value pack_view_data_tail(struct arena *a, const struct pack_view *c,
				 const struct value *plan,
				 const struct diag_list *diags)
{
	struct value_obj pack = value_obj_new(a, 2), o = value_obj_new(a, 4);

	value_put(&pack, "date", export_date_or_null(true, c->m->today));
	value_put(&pack, "scope", scope_json(a, c->scope, c->m->config.date_style));
	value_put(&o, "pack", value_obj_done(&pack));
	value_put(&o, "sample", plan_part(plan, "sample"));
	value_put(&o, "coverage", plan_part(plan, "coverage"));
	value_put(&o, "diagnostics", diag_json_published(a, diags));
	return value_obj_done(&o);
}
