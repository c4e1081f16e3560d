/*
 * view.c - the page views (see view.h).
 */
#include "present/view.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/markdown.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "present/diag_json.h"
#include "present/export.h"
#include "present/url.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Empty rows on a blank record sheet, and occasion columns, as on the paper form. */
#define SHEET_ROWS 20
#define SHEET_OCCASIONS 4
/* Width of one criterion's square in a coverage picture (viewBox units). */
#define SVG_CELL 14

const char *view_status_label(enum xref_status status)
{
	static const char *const labels[] = {
		"Not started", "In progress", "Complete",
	};

	return labels[status];
}

/* ---- JSON views (units, sheets, the pack), turned into values later ---- */

/*
 * Setters that trust their text: every string in the model was checked as
 * UTF-8 when it was read, so jansson need not check it again.
 */
static void set_json(json_t *object, const char *key, json_t *value)
{
	json_object_set_new_nocheck(object, key, value);
}



static const char *const page_kinds[] = {
	"dashboard", "learner", "portfolio", "unit", "sheet", "pack",
};

static json_t *page_json(enum view_kind kind, const char *title, json_t *path,
			 const char *root)
{
	return json_pack("{s:s, s:s, s:o, s:s}", "kind", page_kinds[kind],
			 "title", title, "path", path, "root", root);
}

/*
 * Flags a logic-less template needs to leave out an empty part of a unit
 * (counts are no use there: Mustache treats 0 as true).
 */
static void outlines(json_t *view, const struct unit *u)
{
	size_t knowledge = 0, observe = 0;
	bool regrouped = false;   /* a knowledge outcome before one to do */

	for (size_t i = 0; i < u->noutcomes; i++) {
		regrouped |= knowledge > 0 && !u->outcomes[i].knowledge;
		knowledge += u->outcomes[i].knowledge;
		for (size_t j = 0; j < u->outcomes[i].ncriteria; j++)
			observe += u->outcomes[i].criteria[j].observe;
	}
	set_json(view, "has_performance_outcomes",
		 json_boolean(knowledge < u->noutcomes));
	set_json(view, "has_knowledge_outcomes", json_boolean(knowledge > 0));
	set_json(view, "has_observe", json_boolean(observe > 0));
	set_json(view, "has_requirements", json_boolean(u->nrequirements > 0));
	set_json(view, "has_sections", json_boolean(u->nsections > 0));
	/* The sheet puts what to do before what to know, as the paper form
	 * does: then the outcomes' numbers do not run in order, and the
	 * sheet must say why (a newcomer took it for a misprint). */
	set_json(view, "outcomes_regrouped", json_boolean(regrouped));
}

/* ---- values: an object's members, filled in order ---------------------- */

struct obj {
	struct value_member *m;
	size_t n, cap;
};

static struct obj obj_new(struct arena *a, size_t cap)
{
	return (struct obj){ value_members(a, cap), 0, cap };
}

/* Inlined, so that each literal key's length is known when compiled. */
static inline __attribute__((always_inline)) void
put(struct obj *o, const char *key, struct value v)
{
	assert(o->n < o->cap);
	if (o->n < o->cap)
		o->m[o->n++] = value_member(key, v);
}

/* For the one key a view gives a new meaning: a portfolio's `gaps`, a
 * count in its summary, is the list of gaps on its own page. */
static void replace(struct obj *o, const char *key, struct value v)
{
	for (size_t i = 0; i < o->n; i++) {
		if (strcmp(o->m[i].key, key) == 0) {
			o->m[i].value = v;
			return;
		}
	}
	put(o, key, v);
}

static struct value obj_value(const struct obj *o)
{
	return value_object(o->m, o->n);
}

static struct value href(struct arena *a, enum url_page page, const char *id,
			 const char *unit)
{
	char path[URL_SIZE];
	size_t n = url_path(path, page, id, unit);

	return value_copy(a, path, n);
}

static struct value date_value(struct arena *a, int32_t day)
{
	char iso[DATE_ISO_SIZE];
	const char *text = date_format(day, iso);

	return value_copy(a, text, strlen(text));
}

static struct value page(struct arena *a, enum view_kind kind,
			 struct value title, struct value path, const char *root)
{
	struct obj o = obj_new(a, 4);

	put(&o, "kind", value_text(page_kinds[kind]));
	put(&o, "title", title);
	put(&o, "path", path);
	put(&o, "root", value_text(root));
	return obj_value(&o);
}

/* {page, KIND: view}: a page's own context. */
static struct value page_context(struct arena *a, struct value page_value,
				 const char *kind, struct value view)
{
	struct obj o = obj_new(a, 2);

	put(&o, "page", page_value);
	put(&o, kind, view);
	return obj_value(&o);
}

/* "1.1, 1.2": ids for a table cell. */
static struct value id_list(struct arena *a, const char *const *ids, size_t n)
{
	size_t len = 0, at = 0;
	char *list;

	for (size_t i = 0; i < n; i++)
		len += strlen(ids[i]) + (i ? 2 : 0);
	list = arena_alloc(a, len + 1);
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(ids[i]);

		if (i) {
			memcpy(list + at, ", ", 2);
			at += 2;
		}
		memcpy(list + at, ids[i], k);
		at += k;
	}
	list[at] = '\0';
	return value_textn(list, at);
}

/* Every id a row cites, however many: a list that stopped at 64 hid the rest. */
static struct value criteria_ids(struct arena *a, const struct evidence *e)
{
	const char **ids = arena_alloc_raw(a, (e->ncriteria + 1) * sizeof(*ids));

	for (size_t i = 0; i < e->ncriteria; i++)
		ids[i] = e->criteria[i]->id;
	return id_list(a, ids, e->ncriteria);
}

static struct value requirement_ids(struct arena *a, const struct evidence *e)
{
	const char **ids = arena_alloc_raw(a, (e->nrequirements + 1) * sizeof(*ids));

	for (size_t i = 0; i < e->nrequirements; i++)
		ids[i] = e->requirements[i]->id;
	return id_list(a, ids, e->nrequirements);
}

static const char *counts_label(enum xref_counts counts)
{
	switch (counts) {
	case XREF_COUNTS_FOR_KNOWLEDGE:
		return "Simulated: counts for knowledge only";
	case XREF_COUNTS_NOT:
		return "Does not count: method not allowed";
	case XREF_COUNTS_NOT_YET:
		return "Does not count: dated after today";
	default:
		return "";
	}
}

/* The summary as HTML, in the page's arena when it is made now. */
static struct value summary_html(struct arena *a, const struct evidence *e)
{
	struct buf made = BUF_INIT;
	const char *html = evidence_summary_html(e, &made);
	struct value v = !html ? value_text("") :
			 made.len ? value_copy(a, made.data, made.len) :
			 value_text(html);

	buf_free(&made);
	return v;
}

/* The summary's words without markup, for Markdown pages. */
static struct value summary_text(struct arena *a, const struct evidence *e)
{
	const char *markdown = e->summary;
	size_t len = strlen(markdown);
	struct buf plain = BUF_INIT;
	struct value v;

	if (e->summary_plain)
		return value_textn(markdown, len);   /* its own words already */
	markdown_to_text(markdown, len, &plain);
	v = value_copy(a, buf_cstr(&plain), plain.len);
	buf_free(&plain);
	return v;
}

/*
 * A row's columns folio does not know (csvrow_extras): `extra`, an object
 * keyed by the header ({{extra.Witness}}; null where the row is empty),
 * `extra_list`, the {name, value} of those with a value in file order,
 * and `has_extra`.  A row without any still has them, empty, so that in
 * an evidence loop a row's extra hides its learner's.
 */
static void put_extra(struct arena *a, struct obj *o,
		      const struct extra_field *fields, size_t n)
{
	struct obj object = obj_new(a, n);
	struct value *list = value_items(a, n);
	size_t listed = 0;

	for (size_t i = 0; i < n; i++) {
		put(&object, fields[i].name, value_text(fields[i].value));
		if (fields[i].value) {
			struct obj field = obj_new(a, 2);

			put(&field, "name", value_text(fields[i].name));
			put(&field, "value", value_text(fields[i].value));
			list[listed++] = obj_value(&field);
		}
	}
	put(o, "extra", obj_value(&object));
	put(o, "extra_list", value_list(list, listed));
	put(o, "has_extra", value_bool(listed > 0));
}

/* One evidence row, numbered as on the record sheet. */
static struct value evidence_row(struct arena *a, const struct evidence *e,
				 size_t no)
{
	enum xref_counts counts = xref_row_counts(e);
	struct obj row = obj_new(a, 26);

	put(&row, "no", value_int((long long)no));
	put(&row, "ref", value_text(e->ref));
	put(&row, "unit", value_text(e->unit->id));
	put(&row, "unit_href", href(a, URL_UNIT, e->unit->id, NULL));
	put(&row, "portfolio_href", href(a, URL_PORTFOLIO, e->learner->id,
					 e->unit->id));
	put(&row, "date", date_value(a, e->date));
	put(&row, "method", value_text(e->method));
	put(&row, "method_name", value_text(unit_method_name(e->unit, e->method)));
	put(&row, "summary", value_text(e->summary));
	put(&row, "summary_html", summary_html(a, e));
	put(&row, "summary_text", summary_text(a, e));
	put(&row, "assessor", value_text(e->assessor));
	put(&row, "location", value_text(e->location));
	put(&row, "simulated", value_bool(e->simulated));
	put(&row, "counts", value_text(xref_counts_name(counts)));
	put(&row, "counts_fully", value_bool(counts == XREF_COUNTS_FULLY));
	put(&row, "counts_label", value_text(counts_label(counts)));
	put(&row, "before_start", value_bool(e->before_start));
	put(&row, "learner_start", e->learner->has_start ?
	    date_value(a, e->learner->start) : value_null());
	put(&row, "criteria", criteria_ids(a, e));
	put(&row, "requirements", requirement_ids(a, e));
	put(&row, "has_criteria", value_bool(e->ncriteria > 0));
	put(&row, "has_requirements", value_bool(e->nrequirements > 0));
	put_extra(a, &row, e->extra, e->nextra);
	return obj_value(&row);
}

/* Members a learner's head has; callers add theirs after them. */
#define LEARNER_HEAD_MEMBERS 10

static struct obj learner_head(struct arena *a, const struct learner *l,
			       size_t more)
{
	struct obj head = obj_new(a, LEARNER_HEAD_MEMBERS + more);

	put(&head, "id", value_text(l->id));
	put(&head, "name", value_text(l->name ? l->name : l->id));
	put(&head, "registration", value_text(l->registration));
	put(&head, "cohort", value_text(l->cohort));
	put(&head, "assessor", value_text(l->assessor));
	put(&head, "start", l->has_start ? date_value(a, l->start) : value_null());
	put(&head, "href", href(a, URL_LEARNER, l->id, NULL));
	put_extra(a, &head, l->extra, l->nextra);
	return head;
}

#define PORTFOLIO_SUMMARY_MEMBERS 11

static struct obj portfolio_summary(struct arena *a, const struct portfolio *p,
				    size_t more)
{
	struct obj summary = obj_new(a, PORTFOLIO_SUMMARY_MEMBERS + more);

	put(&summary, "unit", value_text(p->unit->id));
	put(&summary, "unit_title", value_text(p->unit->title ? p->unit->title
							       : p->unit->id));
	put(&summary, "href", href(a, URL_PORTFOLIO, p->learner->id,
				   p->unit->id));
	put(&summary, "status", value_text(xref_status_name(p->status)));
	put(&summary, "status_label", value_text(view_status_label(p->status)));
	put(&summary, "percent", value_int(p->percent));
	put(&summary, "met", value_int((long long)p->met));
	put(&summary, "total", value_int((long long)p->total));
	put(&summary, "gaps", value_int((long long)p->ngaps));
	put(&summary, "registered", value_bool(p->registered));
	put(&summary, "complete", value_bool(p->status == XREF_COMPLETE));
	return summary;
}

/* A learner's portfolios, as summaries. */
static struct value portfolio_list(struct arena *a, const struct xref *x,
				   size_t li)
{
	struct value *list = value_items(a, x->count[li]);

	for (size_t j = 0; j < x->count[li]; j++) {
		struct obj o = portfolio_summary(a, &x->portfolios[x->first[li] + j], 0);

		list[j] = obj_value(&o);
	}
	return value_list(list, x->count[li]);
}

/* ---- the shared site model --------------------------------------------- */

/* json, kept alive as long as the values made from it. */
static struct value from_json(struct view_shared *s, json_t *json)
{
	json_array_append_new(s->keep, json);
	return value_from_json(&s->arena, json);
}

static void shared_units(struct view_shared *s, struct obj *root)
{
	const struct model *m = s->m;
	struct value *units = value_items(&s->arena, m->nunits);

	s->unit_info = value_items(&s->arena, m->nunits);
	for (size_t i = 0; i < m->nunits; i++) {
		const struct unit *u = m->units[i];
		json_t *listed = export_unit(u), *info = export_unit(u);

		set_json(listed, "href", url_json(URL_UNIT, u->id, NULL));
		set_json(listed, "sheet_href", url_json(URL_SHEET, u->id, NULL));
		units[i] = from_json(s, listed);
		outlines(info, u);
		set_json(info, "href", url_json(URL_UNIT, u->id, NULL));
		set_json(info, "sheet_href", url_json(URL_SHEET, u->id, NULL));
		s->unit_info[i] = from_json(s, info);
	}
	put(root, "units", value_list(units, m->nunits));
}

void view_shared_init(struct view_shared *s, const struct model *m,
		      const struct xref *x, const struct diag_list *diags,
		      const struct view_site *site, json_t *pack)
{
	struct arena *a = &s->arena;
	struct obj root, about;
	struct value *learners;

	memset(s, 0, sizeof(*s));
	s->m = m;
	s->x = x;
	s->keep = json_array();
	root = obj_new(a, 7);
	about = obj_new(a, 4);
	put(&about, "base_url", value_text(site->base_url));
	put(&about, "generator", value_text("folio " FOLIO_VERSION));
	put(&about, "html", value_bool(site->html));
	put(&about, "md", value_bool(site->md));
	put(&root, "site", obj_value(&about));
	put(&root, "centre", from_json(s, export_centre(m)));
	shared_units(s, &root);
	learners = value_items(a, m->nlearners);
	for (size_t i = 0; i < m->nlearners; i++) {
		struct obj l = learner_head(a, m->learners[i], 1);

		put(&l, "portfolios", portfolio_list(a, x, i));
		learners[i] = obj_value(&l);
	}
	put(&root, "learners", value_list(learners, m->nlearners));
	put(&root, "diagnostics", from_json(s, diag_json_published(diags)));
	put(&root, "has_diagnostics", value_bool(diags->count > 0));
	/* false on the site's pages: a name every page has, so that a
	 * template's {{#pack}} is no miss (mustache_env_report_misses). */
	put(&root, "pack", pack ? from_json(s, json_incref(pack)) : value_bool(false));
	s->root = obj_value(&root);
}

void view_shared_free(struct view_shared *s)
{
	arena_free(&s->arena);
	json_decref(s->keep);
	memset(s, 0, sizeof(*s));
}

/* ---- the dashboard ----------------------------------------------------- */

static struct obj tally_obj(struct arena *a, const struct xref_tally *t,
			    size_t more)
{
	struct obj o = obj_new(a, 4 + more);

	put(&o, "portfolios", value_int((long long)t->portfolios));
	put(&o, "complete", value_int((long long)t->by_status[XREF_COMPLETE]));
	put(&o, "in_progress", value_int((long long)t->by_status[XREF_IN_PROGRESS]));
	put(&o, "not_started", value_int((long long)t->by_status[XREF_NOT_STARTED]));
	return o;
}

/* A row of the learners x units grid: a cell for every unit. */
static struct value grid_row(struct arena *a, const struct model *m,
			     const struct xref *x, size_t li,
			     struct xref_tally *units)
{
	struct obj row = learner_head(a, m->learners[li], 1);
	struct value *cells = value_items(a, m->nunits);
	size_t next = x->first[li], end = next + x->count[li];

	for (size_t ui = 0; ui < m->nunits; ui++) {
		const struct portfolio *p = next < end ? &x->portfolios[next] : NULL;
		struct obj cell;

		if (p && p->unit == m->units[ui]) {
			cell = portfolio_summary(a, p, 1);
			put(&cell, "has", value_bool(true));
			xref_tally_add(&units[ui], p);
			next++;
		} else {
			cell = obj_new(a, 2);
			put(&cell, "unit", value_text(m->units[ui]->id));
			put(&cell, "has", value_bool(false));
		}
		cells[ui] = obj_value(&cell);
	}
	put(&row, "cells", value_list(cells, m->nunits));
	return obj_value(&row);
}

/*
 * Assessors in the order they first appear among the learners (by id),
 * however many: one pass, each learner's portfolios added to their
 * assessor's tally (the list once stopped at 256 without a word).
 */
static struct value assessor_totals(struct arena *a, const struct model *m,
				    const struct xref *x)
{
	struct strmap index = STRMAP_INIT;
	size_t n = 0, cap = m->nlearners + 1;
	struct xref_tally *tallies = mem_calloc(cap, sizeof(*tallies));
	size_t *learners = mem_calloc(cap, sizeof(*learners));
	const char **names = mem_calloc(cap, sizeof(*names));
	struct value *list;

	for (size_t i = 0; i < m->nlearners; i++) {
		const char *name = m->learners[i]->assessor ? m->learners[i]->assessor : "";
		size_t k = (uintptr_t)strmap_put(&index, name, (void *)(uintptr_t)(n + 1)) - 1;

		if (k == n)
			names[n++] = name;
		learners[k]++;
		for (size_t j = 0; j < x->count[i]; j++)
			xref_tally_add(&tallies[k], &x->portfolios[x->first[i] + j]);
	}
	list = value_items(a, n);
	for (size_t k = 0; k < n; k++) {
		struct obj entry = tally_obj(a, &tallies[k], 2);

		put(&entry, "assessor", value_text(*names[k] ? names[k] : "(none)"));
		put(&entry, "learners", value_int((long long)learners[k]));
		list[k] = obj_value(&entry);
	}
	strmap_free(&index);
	free(tallies);
	free(learners);
	free(names);
	return value_list(list, n);
}

struct value view_dashboard(struct arena *a, const struct view_shared *s,
			    const char *root)
{
	const struct model *m = s->m;
	struct xref_tally *units = calloc(m->nunits + 1, sizeof(*units));
	struct xref_tally all = { 0 };
	struct value *rows = value_items(a, m->nlearners);
	struct value *unit_totals = value_items(a, m->nunits);
	struct obj view = obj_new(a, 6), totals;

	for (size_t i = 0; i < m->nlearners; i++)
		rows[i] = grid_row(a, m, s->x, i, units);
	for (size_t i = 0; i < m->nunits; i++) {
		struct obj t = tally_obj(a, &units[i], 3);

		put(&t, "unit", value_text(m->units[i]->id));
		put(&t, "title", value_text(m->units[i]->title));
		put(&t, "href", href(a, URL_UNIT, m->units[i]->id, NULL));
		unit_totals[i] = obj_value(&t);
		all.portfolios += units[i].portfolios;
		for (int k = 0; k < 3; k++)
			all.by_status[k] += units[i].by_status[k];
	}
	free(units);
	totals = tally_obj(a, &all, 0);
	put(&view, "rows", value_list(rows, m->nlearners));
	put(&view, "learners_count", value_int((long long)m->nlearners));
	put(&view, "units_count", value_int((long long)m->nunits));
	put(&view, "unit_totals", value_list(unit_totals, m->nunits));
	put(&view, "assessor_totals", assessor_totals(a, m, s->x));
	put(&view, "totals", obj_value(&totals));
	return page_context(a, page(a, VIEW_DASHBOARD, value_text("Dashboard"),
				    href(a, URL_INDEX, NULL, NULL), root),
			    "dashboard", obj_value(&view));
}

/* ---- a learner --------------------------------------------------------- */

struct value view_learner(struct arena *a, const struct view_shared *s,
			  size_t li, const char *root, struct view_rows *rows)
{
	const struct model *m = s->m;
	const struct learner *l = m->learners[li];
	struct obj view = learner_head(a, l, 3);
	struct value *evidence = value_items(a, l->nevidence);

	for (size_t i = 0; i < l->nevidence; i++)
		evidence[i] = evidence_row(a, m->evidence[l->first_evidence + i],
					   i + 1);
	if (rows)
		*rows = (struct view_rows){ l, m->evidence + l->first_evidence,
					    evidence, l->nevidence };
	put(&view, "portfolios", portfolio_list(a, s->x, li));
	put(&view, "evidence", value_list(evidence, l->nevidence));
	put(&view, "has_evidence", value_bool(l->nevidence > 0));
	return page_context(a, page(a, VIEW_LEARNER,
				    value_text(l->name ? l->name : l->id),
				    href(a, URL_LEARNER, l->id, NULL),
				    root),
			    "learner", obj_value(&view));
}

/* ---- a portfolio ------------------------------------------------------- */

static const char *mark(const struct portfolio *p, size_t i)
{
	if (p->criteria[i].met)
		return "met";
	return p->criteria[i].nevidence ? "needs-observation" : "missing";
}

/*
 * Its number in the portfolio's evidence log (from 1), or 0.  The log is
 * the learner's rows of one unit in their order (evidence_compare), so
 * the row is found by halving.
 */
static size_t row_number(const struct portfolio *p, const struct evidence *e)
{
	size_t lo = 0, hi = p->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->rows[mid] == e)
			return mid + 1;
		if (evidence_compare(p->rows[mid], e) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * A portfolio's rows as its criteria and requirements cite them: each row
 * is cited several times on the page, so each citation is made once (as
 * a list's first entry, and as any other) and then shared.
 */
struct citations {
	const struct portfolio *p;
	struct value *made[2];     /* by row number - 1; null until made */
};

static struct value citation(struct arena *a, const struct evidence *e,
			     size_t no, bool first)
{
	struct obj r = obj_new(a, 6);

	put(&r, "ref", value_text(e->ref));
	put(&r, "method", value_text(e->method));
	put(&r, "method_name", value_text(unit_method_name(e->unit, e->method)));
	put(&r, "first", value_bool(first));
	put(&r, "counts_label", value_text(counts_label(xref_row_counts(e))));
	put(&r, "no", no ? value_int((long long)no) : value_null());
	return obj_value(&r);
}

/*
 * [{ref, method, method_name, no, first, counts_label}]: rows as a criterion
 * or requirement cites them; `no` links to the row in the portfolio's log
 * (#ev-NO), `first` lets a template put separators between refs.
 */
static struct value ref_list(struct arena *a, struct citations *c,
			     const struct evidence *const *list, size_t n)
{
	struct value *out = value_items(a, n);

	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = list[i];
		size_t no = row_number(c->p, e);
		struct value *made = no ? &c->made[i == 0][no - 1] : NULL;

		if (made && made->kind == VALUE_NULL)
			*made = citation(a, e, no, i == 0);
		out[i] = made ? *made : citation(a, e, no, i == 0);
	}
	return value_list(out, n);
}

static struct value refs(struct arena *a, struct citations *c,
			 const struct xref_coverage *cov)
{
	return ref_list(a, c, cov->evidence, cov->nevidence);
}

/* Rows that cite it but do not count for it. */
static void put_uncounted(struct arena *a, struct obj *o, struct citations *c,
			  const struct xref_coverage *cov)
{
	put(o, "uncounted", ref_list(a, c, cov->uncounted, cov->nuncounted));
	put(o, "has_uncounted", value_bool(cov->nuncounted > 0));
}

static struct value criterion_view(struct arena *a, struct citations *cite,
				   const struct unit_criterion *c)
{
	const struct portfolio *p = cite->p;
	static const char *const labels[] = { "Met", "Needs observation", "Missing" };
	const struct xref_coverage *cov = &p->criteria[c->index];
	int k = cov->met ? 0 : cov->nevidence ? 1 : 2;
	struct obj view = obj_new(a, 15);

	put(&view, "id", value_text(c->id));
	put(&view, "text", value_text(c->text));
	put(&view, "observe", value_bool(c->observe));
	put(&view, "guidance_html", value_text(c->guidance_html));
	put(&view, "mark", value_text(mark(p, c->index)));
	put(&view, "mark_label", value_text(labels[k]));
	put(&view, "met", value_bool(k == 0));
	put(&view, "needs_observation", value_bool(k == 1));
	put(&view, "missing", value_bool(k == 2));
	put(&view, "evidence", refs(a, cite, cov));
	put(&view, "has_evidence", value_bool(cov->nevidence > 0));
	put(&view, "svg_x", value_int((long long)c->index * SVG_CELL));
	put_uncounted(a, &view, cite, cov);
	return obj_value(&view);
}

static struct value outcomes_view(struct arena *a, struct citations *cite)
{
	const struct unit *u = cite->p->unit;
	struct value *outcomes = value_items(a, u->noutcomes);

	for (size_t i = 0; i < u->noutcomes; i++) {
		const struct unit_outcome *o = &u->outcomes[i];
		struct value *criteria = value_items(a, o->ncriteria);
		struct obj view = obj_new(a, 4);

		for (size_t j = 0; j < o->ncriteria; j++)
			criteria[j] = criterion_view(a, cite, &o->criteria[j]);
		put(&view, "number", value_int(o->number));
		put(&view, "title", value_text(o->title));
		put(&view, "knowledge", value_bool(o->knowledge));
		put(&view, "criteria", value_list(criteria, o->ncriteria));
		outcomes[i] = obj_value(&view);
	}
	return value_list(outcomes, u->noutcomes);
}

static struct value requirements_view(struct arena *a,
				      struct citations *cite)
{
	const struct portfolio *p = cite->p;
	const struct unit *u = p->unit;
	struct value *groups = value_items(a, u->ngroups);

	for (size_t i = 0; i < u->ngroups; i++) {
		const struct unit_requirement_group *g = &u->groups[i];
		struct value *items = value_items(a, g->nitems);
		struct obj group = obj_new(a, 2);

		for (size_t j = 0; j < g->nitems; j++) {
			const struct xref_coverage *c =
				&p->requirements[g->items[j].index];
			struct obj item = obj_new(a, 6);

			put(&item, "id", value_text(g->items[j].id));
			put(&item, "text", value_text(g->items[j].text));
			put(&item, "met", value_bool(c->met));
			put(&item, "evidence", refs(a, cite, c));
			put_uncounted(a, &item, cite, c);
			items[j] = obj_value(&item);
		}
		put(&group, "title", value_text(g->title));
		put(&group, "items", value_list(items, g->nitems));
		groups[i] = obj_value(&group);
	}
	return value_list(groups, u->ngroups);
}

static struct value gaps_view(struct arena *a, const struct portfolio *p)
{
	struct value *gaps = value_items(a, p->ngaps);

	for (size_t i = 0; i < p->ngaps; i++) {
		struct obj gap = obj_new(a, 3);

		put(&gap, "code", value_text(xref_gap_name(p->gaps[i].code)));
		put(&gap, "target", value_text(p->gaps[i].target));
		put(&gap, "message", value_text(p->gaps[i].message));
		gaps[i] = obj_value(&gap);
	}
	return value_list(gaps, p->ngaps);
}

static struct value unit_info(const struct view_shared *s,
			      const struct unit *u)
{
	for (size_t i = 0; i < s->m->nunits; i++)
		if (s->m->units[i] == u)
			return s->unit_info[i];
	return value_null();
}

/* Counts of the portfolio's marks, for the summary line. */
static void put_marks(struct obj *view, const struct portfolio *p)
{
	const struct unit *u = p->unit;
	size_t marks[2] = { 0 }, req_met = 0;

	for (size_t i = 0; i < u->ncriteria; i++)
		if (!p->criteria[i].met)
			marks[p->criteria[i].nevidence ? 0 : 1]++;
	for (size_t i = 0; i < u->nrequirements; i++)
		req_met += p->requirements[i].met;
	put(view, "needs_observation_count", value_int((long long)marks[0]));
	put(view, "missing_count", value_int((long long)marks[1]));
	put(view, "requirements_met", value_int((long long)req_met));
	put(view, "requirements_total", value_int((long long)u->nrequirements));
}

/*
 * Row e numbered no: a copy of the learner page's row when the cache
 * holds it (only `no`, its first member, differs), else built afresh.
 * A portfolio's rows are its learner's in the same order, less the other
 * units', so the search goes on from *from, where the last one was found.
 */
static struct value portfolio_row(struct arena *a, const struct view_rows *rows,
				  size_t *from, const struct evidence *e,
				  size_t no)
{
	struct value_member *members;
	const struct value *cached;
	size_t i = *from;

	if (!rows || rows->learner != e->learner)
		return evidence_row(a, e, no);
	while (i < rows->n && rows->evidence[i] != e)
		i++;
	if (i == rows->n)
		return evidence_row(a, e, no);
	*from = i + 1;
	cached = &rows->rows[i];
	members = value_members(a, cached->len);
	memcpy(members, cached->u.members, cached->len * sizeof(*members));
	members[0].value = value_int((long long)no);
	return value_object(members, cached->len);
}

struct value view_portfolio(struct arena *a, const struct view_shared *s,
			    const struct portfolio *p, const char *root,
			    const struct view_rows *cache)
{
	const struct unit *u = p->unit;
	struct obj view = portfolio_summary(a, p, 18), learner;
	struct value *rows = value_items(a, p->nrows);
	struct citations cite = {
		p, { value_items(a, p->nrows), value_items(a, p->nrows) },
	};
	struct buf title = BUF_INIT;
	struct value title_value;
	size_t cached = 0;

	for (size_t i = 0; i < p->nrows; i++) {
		rows[i] = portfolio_row(a, cache, &cached, p->rows[i], i + 1);
		cite.made[0][i] = cite.made[1][i] = value_null();
	}
	learner = learner_head(a, p->learner, 0);
	put(&view, "learner", obj_value(&learner));
	put(&view, "unit_info", unit_info(s, u));
	put(&view, "occasions", value_int((long long)p->occasions));
	put(&view, "occasions_required", value_int(u->occasions));
	put(&view, "outcomes", outcomes_view(a, &cite));
	put(&view, "requirement_groups", requirements_view(a, &cite));
	put(&view, "has_requirements", value_bool(u->nrequirements > 0));
	put(&view, "evidence", value_list(rows, p->nrows));
	put(&view, "has_evidence", value_bool(p->nrows > 0));
	replace(&view, "gaps", gaps_view(a, p));
	put(&view, "has_gaps", value_bool(p->ngaps > 0));
	put(&view, "occasions_met",
	    value_bool(p->occasions >= (size_t)u->occasions));
	put_marks(&view, p);
	put(&view, "svg_width", value_int((long long)(u->ncriteria * SVG_CELL)));
	buf_puts(&title, p->learner->name ? p->learner->name : p->learner->id);
	buf_puts(&title, ": ");
	buf_puts(&title, u->title ? u->title : u->id);
	title_value = value_copy(a, buf_cstr(&title), title.len);
	buf_free(&title);
	return page_context(a, page(a, VIEW_PORTFOLIO, title_value,
				    href(a, URL_PORTFOLIO, p->learner->id,
					 u->id), root),
			    "portfolio", obj_value(&view));
}

/* ---- prose for Markdown pages ------------------------------------------- */

/*
 * Markdown pages may not embed HTML, so beside each KEY_html of a unit's
 * prose they get KEY_blocks, [{text, para, heading, item, numbered, n}]:
 * the blocks the unit's reader took from cmark's tree (base/markdown.h).
 */
static json_t *blocks_json(const struct markdown_blocks *b)
{
	json_t *list = json_array();

	for (size_t i = 0; i < b->count; i++) {
		const struct markdown_block *k = &b->items[i];

		json_array_append_new(list, json_pack("{s:s, s:b, s:b, s:b, s:b, s:I}",
			"text", k->text,
			"para", k->kind == MARKDOWN_PARAGRAPH,
			"heading", k->kind == MARKDOWN_HEADING,
			"item", k->kind == MARKDOWN_ITEM,
			"numbered", k->kind == MARKDOWN_NUMBERED,
			"n", (json_int_t)k->n));
	}
	return list;
}

/* Into each object of the list that export_unit() made from items. */
#define EACH_BLOCKS(list, key, items, n, field) \
	for (size_t i_ = 0; i_ < (n); i_++) \
		set_json(json_array_get(list, i_), key, blocks_json(&(items)[i_].field))

static void add_blocks(json_t *view, const struct unit *u)
{
	json_t *outcomes = json_object_get(view, "outcomes");

	set_json(view, "intro_blocks", blocks_json(&u->intro_blocks));
	set_json(view, "requirements_blocks", blocks_json(&u->requirements_blocks));
	EACH_BLOCKS(outcomes, "guidance_blocks", u->outcomes, u->noutcomes,
		    guidance_blocks);
	for (size_t i = 0; i < u->noutcomes; i++)
		EACH_BLOCKS(json_object_get(json_array_get(outcomes, i), "criteria"),
			    "guidance_blocks", u->outcomes[i].criteria,
			    u->outcomes[i].ncriteria, guidance_blocks);
	EACH_BLOCKS(json_object_get(view, "requirements"), "blocks", u->groups,
		    u->ngroups, blocks);
	EACH_BLOCKS(json_object_get(view, "sections"), "blocks", u->sections,
		    u->nsections, blocks);
}

/* ---- a unit and its cohort --------------------------------------------- */

json_t *view_unit(const struct model *m, const struct xref *x,
		  const struct unit *u, const char *root)
{
	size_t *met = calloc(u->ncriteria + 1, sizeof(*met)), learners = 0;
	json_t *view = export_unit(u), *outcomes;
	size_t k = 0;

	(void)m;
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];

		if (p->unit != u)
			continue;
		learners++;
		for (size_t c = 0; c < u->ncriteria; c++)
			met[c] += p->criteria[c].met;
	}
	outcomes = json_object_get(view, "outcomes");
	for (size_t i = 0; i < json_array_size(outcomes); i++) {
		json_t *criteria = json_object_get(json_array_get(outcomes, i), "criteria");

		for (size_t j = 0; j < json_array_size(criteria); j++, k++) {
			json_t *c = json_array_get(criteria, j);

			json_object_set_new(c, "cohort_met", json_integer((json_int_t)met[k]));
			json_object_set_new(c, "cohort_percent", json_integer(
				learners ? (json_int_t)(100 * met[k] / learners) : 0));
		}
	}
	free(met);
	outlines(view, u);
	add_blocks(view, u);
	json_object_set_new(view, "cohort_learners", json_integer((json_int_t)learners));
	json_object_set_new(view, "sheet_href", url_json(URL_SHEET, u->id, NULL));
	return json_pack("{s:o, s:o}",
		"page", page_json(VIEW_UNIT, u->title ? u->title : u->id,
			     url_json(URL_UNIT, u->id, NULL), root),
		"unit", view);
}

/* ---- a blank record sheet ---------------------------------------------- */

json_t *view_sheet(const struct unit *u, const char *root)
{
	json_t *view = export_unit(u), *rows = json_array(), *occasions = json_array();

	for (int i = 1; i <= SHEET_ROWS; i++)
		json_array_append_new(rows, json_pack("{s:i}", "no", i));
	for (int i = 1; i <= SHEET_OCCASIONS; i++)
		json_array_append_new(occasions, json_pack("{s:i}", "no", i));
	outlines(view, u);
	add_blocks(view, u);
	json_object_set_new(view, "href", url_json(URL_UNIT, u->id, NULL));
	json_object_set_new(view, "rows", rows);
	json_object_set_new(view, "occasion_columns", occasions);
	return json_pack("{s:o, s:o}",
		"page", page_json(VIEW_SHEET, u->title ? u->title : u->id,
			     url_json(URL_SHEET, u->id, NULL), root),
		"sheet", view);
}

json_t *view_pack(const char *root)
{
	return json_pack("{s:o}", "page",
			 page_json(VIEW_PACK, "External verification pack",
			      url_json(URL_INDEX, NULL, NULL), root));
}
