/*
 * view.c - the page views (see view.h).
 */
#include "view.h"
#include "buf.h"
#include "date.h"
#include "export.h"
#include "ident.h"
#include "markdown.h"

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

/*
 * Setters that trust their text: every string in the model was checked as
 * UTF-8 when it was read, so jansson need not check it again (for
 * thousands of values a page, that check was a good part of a build).
 */
static json_t *text(const char *s)
{
	return s ? json_string_nocheck(s) : json_null();
}

static void set(json_t *object, const char *key, json_t *value)
{
	json_object_set_new_nocheck(object, key, value);
}

static void set_text(json_t *object, const char *key, const char *value)
{
	set(object, key, text(value));
}

static void set_int(json_t *object, const char *key, json_int_t value)
{
	set(object, key, json_integer(value));
}

static void set_bool(json_t *object, const char *key, bool value)
{
	set(object, key, json_boolean(value));
}

/* A path from a format whose only conversions are %s: no printf per link. */
static json_t *href(const char *fmt, const char *a, const char *b)
{
	char path[4 * IDENT_MAX + 32];
	size_t n = 0;
	const char *args[2] = { a, b }, *arg;
	int next = 0;

	for (const char *f = fmt; *f && n < sizeof(path) - 1; f++) {
		if (f[0] == '%' && f[1] == 's' && next < 2) {
			for (arg = args[next++]; arg && *arg && n < sizeof(path) - 1; arg++)
				path[n++] = *arg;
			f++;
		} else {
			path[n++] = *f;
		}
	}
	return json_stringn_nocheck(path, n);
}

static json_t *page(enum view_kind kind, const char *title, json_t *path,
		    const char *root)
{
	static const char *const kinds[] = {
		"dashboard", "learner", "portfolio", "unit", "sheet", "pack",
	};

	return json_pack("{s:s, s:s, s:o, s:s}", "kind", kinds[kind],
			 "title", title, "path", path, "root", root);
}

/* "1.1, 1.2": ids for a table cell. */
static json_t *id_list(const char *const *ids, size_t n)
{
	struct buf list = BUF_INIT;
	json_t *s;

	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_put(&list, ", ", 2);
		buf_puts(&list, ids[i]);
	}
	s = json_stringn_nocheck(buf_cstr(&list), list.len);
	buf_free(&list);
	return s;
}

static json_t *criteria_ids(const struct evidence *e)
{
	const char *ids[64];
	size_t n = e->ncriteria < 64 ? e->ncriteria : 64;

	for (size_t i = 0; i < n; i++)
		ids[i] = e->criteria[i]->id;
	return id_list(ids, n);
}

static json_t *requirement_ids(const struct evidence *e)
{
	const char *ids[64];
	size_t n = e->nrequirements < 64 ? e->nrequirements : 64;

	for (size_t i = 0; i < n; i++)
		ids[i] = e->requirements[i]->id;
	return id_list(ids, n);
}

static const char *method_name(const struct unit *u, const char *code)
{
	const struct unit_method *m = unit_find_method(u, code);

	for (size_t i = 0; !m && i < unit_default_methods_count; i++)
		if (strcmp(unit_default_methods[i].code, code) == 0)
			m = &unit_default_methods[i];
	return m ? m->name : code;
}

static const char *counts_label(enum xref_counts counts)
{
	switch (counts) {
	case XREF_COUNTS_FOR_KNOWLEDGE:
		return "Simulated: counts for knowledge only";
	case XREF_COUNTS_NOT:
		return "Does not count: method not allowed";
	default:
		return "";
	}
}

/* The summary's words without markup, for Markdown pages. */
static json_t *summary_text(const char *markdown)
{
	struct buf plain = BUF_INIT;
	json_t *s;

	markdown_to_text(markdown, strlen(markdown), &plain);
	s = json_stringn_nocheck(buf_cstr(&plain), plain.len);
	buf_free(&plain);
	return s;
}

/* One evidence row, numbered as on the record sheet. */
static json_t *evidence_row(const struct evidence *e, size_t no)
{
	enum xref_counts counts = xref_row_counts(e);
	char iso[DATE_ISO_SIZE];
	json_t *row = json_object();

	set_int(row, "no", (json_int_t)no);
	set_text(row, "ref", e->ref);
	set_text(row, "unit", e->unit->id);
	set(row, "unit_href", href("units/%s", e->unit->id, NULL));
	set(row, "portfolio_href", href("learners/%s/%s", e->learner->id, e->unit->id));
	set_text(row, "date", date_format(e->date, iso));
	set_text(row, "method", e->method);
	set_text(row, "method_name", method_name(e->unit, e->method));
	set_text(row, "summary", e->summary);
	set_text(row, "summary_html", e->summary_html ? e->summary_html : "");
	set(row, "summary_text", summary_text(e->summary));
	set_text(row, "assessor", e->assessor);
	set_text(row, "location", e->location);
	set_bool(row, "simulated", e->simulated);
	set_text(row, "counts", xref_counts_name(counts));
	set_bool(row, "counts_fully", counts == XREF_COUNTS_FULLY);
	set_text(row, "counts_label", counts_label(counts));
	set(row, "criteria", criteria_ids(e));
	set(row, "requirements", requirement_ids(e));
	set_bool(row, "has_criteria", e->ncriteria > 0);
	set_bool(row, "has_requirements", e->nrequirements > 0);
	return row;
}

static json_t *learner_head(const struct learner *l)
{
	char iso[DATE_ISO_SIZE];
	json_t *extra = json_array(), *head = json_object();

	for (size_t i = 0; i < l->nextra; i++) {
		json_t *field = json_object();

		set_text(field, "name", l->extra[i].name);
		set_text(field, "value", l->extra[i].value);
		json_array_append_new(extra, field);
	}
	set_text(head, "id", l->id);
	set_text(head, "name", l->name ? l->name : l->id);
	set_text(head, "registration", l->registration);
	set_text(head, "cohort", l->cohort);
	set_text(head, "assessor", l->assessor);
	set_text(head, "start", l->has_start ? date_format(l->start, iso) : NULL);
	set(head, "href", href("learners/%s/index", l->id, NULL));
	set(head, "extra", extra);
	set_bool(head, "has_extra", l->nextra > 0);
	return head;
}

static json_t *portfolio_summary(const struct portfolio *p)
{
	json_t *summary = json_object();

	set_text(summary, "unit", p->unit->id);
	set_text(summary, "unit_title", p->unit->title ? p->unit->title : p->unit->id);
	set(summary, "href", href("learners/%s/%s", p->learner->id, p->unit->id));
	set_text(summary, "status", xref_status_name(p->status));
	set_text(summary, "status_label", view_status_label(p->status));
	set_int(summary, "percent", p->percent);
	set_int(summary, "met", (json_int_t)p->met);
	set_int(summary, "total", (json_int_t)p->total);
	set_int(summary, "gaps", (json_int_t)p->ngaps);
	set_bool(summary, "registered", p->registered);
	set_bool(summary, "complete", p->status == XREF_COMPLETE);
	return summary;
}

/* ---- the shared site model --------------------------------------------- */

json_t *view_root(const struct model *m, const struct xref *x,
		  const struct diag_list *diags, const struct view_site *site)
{
	json_t *units = json_array(), *learners = json_array();

	for (size_t i = 0; i < m->nunits; i++) {
		json_t *u = export_unit(m->units[i]);

		json_object_set_new(u, "href", href("units/%s", m->units[i]->id, NULL));
		json_object_set_new(u, "sheet_href", href("sheets/%s", m->units[i]->id, NULL));
		json_array_append_new(units, u);
	}
	for (size_t i = 0; i < m->nlearners; i++) {
		json_t *l = learner_head(m->learners[i]);
		json_t *portfolios = json_array();

		for (size_t j = 0; j < x->count[i]; j++)
			json_array_append_new(portfolios,
				portfolio_summary(&x->portfolios[x->first[i] + j]));
		json_object_set_new(l, "portfolios", portfolios);
		json_array_append_new(learners, l);
	}
	return json_pack("{s:{s:s, s:s, s:b, s:b}, s:o, s:o, s:o, s:o, s:b}",
		"site",
		"base_url", site->base_url,
		"generator", "folio " FOLIO_VERSION,
		"html", site->html,
		"md", site->md,
		"centre", export_centre(m),
		"units", units,
		"learners", learners,
		"diagnostics", diag_list_to_json(diags),
		"has_diagnostics", diags->count > 0);
}

/* ---- the dashboard ----------------------------------------------------- */

struct tally {
	size_t portfolios, by_status[3];
};

static json_t *tally_json(const struct tally *t)
{
	return json_pack("{s:I, s:I, s:I, s:I}",
		"portfolios", (json_int_t)t->portfolios,
		"complete", (json_int_t)t->by_status[XREF_COMPLETE],
		"in_progress", (json_int_t)t->by_status[XREF_IN_PROGRESS],
		"not_started", (json_int_t)t->by_status[XREF_NOT_STARTED]);
}

static void count(struct tally *t, const struct portfolio *p)
{
	t->portfolios++;
	t->by_status[p->status]++;
}

/* A row of the learners x units grid: a cell for every unit. */
static json_t *grid_row(const struct model *m, const struct xref *x,
			size_t li, struct tally *units)
{
	json_t *row = learner_head(m->learners[li]), *cells = json_array();
	size_t next = x->first[li], end = next + x->count[li];

	for (size_t ui = 0; ui < m->nunits; ui++) {
		const struct portfolio *p = next < end ? &x->portfolios[next] : NULL;

		if (p && p->unit == m->units[ui]) {
			json_t *cell = portfolio_summary(p);

			json_object_set_new(cell, "has", json_true());
			json_array_append_new(cells, cell);
			count(&units[ui], p);
			next++;
		} else {
			json_array_append_new(cells, json_pack("{s:s, s:b}",
				"unit", m->units[ui]->id, "has", false));
		}
	}
	json_object_set_new(row, "cells", cells);
	return row;
}

/* Assessors in the order they first appear among the learners (by id). */
static json_t *assessor_totals(const struct model *m, const struct xref *x)
{
	json_t *list = json_array();
	const char *done[256];
	size_t ndone = 0;

	for (size_t i = 0; i < m->nlearners; i++) {
		const char *a = m->learners[i]->assessor;
		struct tally t = { 0 };
		size_t learners = 0;
		bool seen = false;
		json_t *entry;

		a = a ? a : "";
		for (size_t j = 0; j < ndone; j++)
			seen |= strcmp(done[j], a) == 0;
		if (seen || ndone == 256)
			continue;
		done[ndone++] = a;
		for (size_t k = i; k < m->nlearners; k++) {
			const char *b = m->learners[k]->assessor;

			if (strcmp(b ? b : "", a) != 0)
				continue;
			learners++;
			for (size_t j = 0; j < x->count[k]; j++)
				count(&t, &x->portfolios[x->first[k] + j]);
		}
		entry = tally_json(&t);
		json_object_set_new(entry, "assessor", json_string(*a ? a : "(none)"));
		json_object_set_new(entry, "learners", json_integer((json_int_t)learners));
		json_array_append_new(list, entry);
	}
	return list;
}

json_t *view_dashboard(const struct model *m, const struct xref *x,
		       const char *root)
{
	struct tally *units = calloc(m->nunits + 1, sizeof(*units));
	struct tally all = { 0 };
	json_t *rows = json_array(), *unit_totals = json_array();

	for (size_t i = 0; i < m->nlearners; i++)
		json_array_append_new(rows, grid_row(m, x, i, units));
	for (size_t i = 0; i < m->nunits; i++) {
		json_t *t = tally_json(&units[i]);

		json_object_set_new(t, "unit", json_string(m->units[i]->id));
		json_object_set_new(t, "title", json_string(m->units[i]->title));
		json_object_set_new(t, "href", href("units/%s", m->units[i]->id, NULL));
		json_array_append_new(unit_totals, t);
		all.portfolios += units[i].portfolios;
		for (int s = 0; s < 3; s++)
			all.by_status[s] += units[i].by_status[s];
	}
	free(units);
	return json_pack("{s:o, s:{s:o, s:I, s:I, s:o, s:o, s:o}}",
		"page", page(VIEW_DASHBOARD, "Dashboard", json_string("index"), root),
		"dashboard",
		"rows", rows,
		"learners_count", (json_int_t)m->nlearners,
		"units_count", (json_int_t)m->nunits,
		"unit_totals", unit_totals,
		"assessor_totals", assessor_totals(m, x),
		"totals", tally_json(&all));
}

/* ---- a learner --------------------------------------------------------- */

json_t *view_learner(const struct model *m, const struct xref *x,
		     size_t li, const char *root)
{
	const struct learner *l = m->learners[li];
	json_t *view = learner_head(l), *portfolios = json_array();
	json_t *evidence = json_array();

	for (size_t j = 0; j < x->count[li]; j++)
		json_array_append_new(portfolios,
			portfolio_summary(&x->portfolios[x->first[li] + j]));
	for (size_t i = 0; i < l->nevidence; i++)
		json_array_append_new(evidence,
			evidence_row(&m->evidence[l->first_evidence + i], i + 1));
	json_object_set_new(view, "portfolios", portfolios);
	json_object_set_new(view, "evidence", evidence);
	json_object_set_new(view, "has_evidence", json_boolean(l->nevidence > 0));
	return json_pack("{s:o, s:o}",
		"page", page(VIEW_LEARNER, l->name ? l->name : l->id,
			     href("learners/%s/index", l->id, NULL), root),
		"learner", view);
}

/*
 * Flags a logic-less template needs to leave out an empty part of a unit
 * (counts are no use there: Mustache treats 0 as true).
 */
static void outlines(json_t *view, const struct unit *u)
{
	size_t knowledge = 0, observe = 0;

	for (size_t i = 0; i < u->noutcomes; i++) {
		knowledge += u->outcomes[i].knowledge;
		for (size_t j = 0; j < u->outcomes[i].ncriteria; j++)
			observe += u->outcomes[i].criteria[j].observe;
	}
	json_object_set_new(view, "has_performance_outcomes",
			    json_boolean(knowledge < u->noutcomes));
	json_object_set_new(view, "has_knowledge_outcomes",
			    json_boolean(knowledge > 0));
	json_object_set_new(view, "has_observe", json_boolean(observe > 0));
	json_object_set_new(view, "has_requirements",
			    json_boolean(u->nrequirements > 0));
	json_object_set_new(view, "has_sections", json_boolean(u->nsections > 0));
}

/* ---- a portfolio ------------------------------------------------------- */

static const char *mark(const struct portfolio *p, size_t i)
{
	if (p->criteria[i].met)
		return "met";
	return p->criteria[i].nevidence ? "needs-observation" : "missing";
}

/* Its number in the portfolio's evidence log (from 1), or 0. */
static size_t row_number(const struct portfolio *p, const struct evidence *e)
{
	for (size_t i = 0; i < p->nrows; i++)
		if (p->rows[i] == e)
			return i + 1;
	return 0;
}

/*
 * [{ref, method, method_name, no, first, counts_label}]: rows as a criterion
 * or requirement cites them; `no` links to the row in the portfolio's log
 * (#ev-NO), `first` lets a template put separators between refs.
 */
static json_t *ref_list(const struct portfolio *p,
			const struct evidence *const *list, size_t n)
{
	json_t *out = json_array();

	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = list[i];
		size_t no = row_number(p, e);
		json_t *r = json_object();

		set_text(r, "ref", e->ref);
		set_text(r, "method", e->method);
		set_text(r, "method_name", method_name(e->unit, e->method));
		set_bool(r, "first", i == 0);
		set_text(r, "counts_label", counts_label(xref_row_counts(e)));
		set(r, "no", no ? json_integer((json_int_t)no) : json_null());
		json_array_append_new(out, r);
	}
	return out;
}

static json_t *refs(const struct portfolio *p, const struct xref_coverage *c)
{
	return ref_list(p, c->evidence, c->nevidence);
}

/* Rows that cite it but do not count for it. */
static void set_uncounted(json_t *obj, const struct portfolio *p,
			  const struct xref_coverage *c)
{
	json_object_set_new(obj, "uncounted",
			    ref_list(p, c->uncounted, c->nuncounted));
	json_object_set_new(obj, "has_uncounted", json_boolean(c->nuncounted > 0));
}

static json_t *criterion_view(const struct portfolio *p,
			      const struct unit_criterion *c)
{
	static const char *const labels[] = { "Met", "Needs observation", "Missing" };
	const struct xref_coverage *cov = &p->criteria[c->index];
	int k = cov->met ? 0 : cov->nevidence ? 1 : 2;
	json_t *view = json_object();

	set_text(view, "id", c->id);
	set_text(view, "text", c->text);
	set_bool(view, "observe", c->observe);
	set_text(view, "guidance_html", c->guidance_html);
	set_text(view, "mark", mark(p, c->index));
	set_text(view, "mark_label", labels[k]);
	set_bool(view, "met", k == 0);
	set_bool(view, "needs_observation", k == 1);
	set_bool(view, "missing", k == 2);
	set(view, "evidence", refs(p, cov));
	set_bool(view, "has_evidence", cov->nevidence > 0);
	set_int(view, "svg_x", (json_int_t)c->index * SVG_CELL);
	set_uncounted(view, p, cov);
	return view;
}

static json_t *outcomes_view(const struct portfolio *p)
{
	const struct unit *u = p->unit;
	json_t *outcomes = json_array();

	for (size_t i = 0; i < u->noutcomes; i++) {
		const struct unit_outcome *o = &u->outcomes[i];
		json_t *criteria = json_array();

		for (size_t j = 0; j < o->ncriteria; j++)
			json_array_append_new(criteria, criterion_view(p, &o->criteria[j]));
		json_array_append_new(outcomes, json_pack("{s:i, s:s, s:b, s:o}",
			"number", o->number, "title", o->title,
			"knowledge", o->knowledge, "criteria", criteria));
	}
	return outcomes;
}

static json_t *requirements_view(const struct portfolio *p)
{
	const struct unit *u = p->unit;
	json_t *groups = json_array();

	for (size_t i = 0; i < u->ngroups; i++) {
		const struct unit_requirement_group *g = &u->groups[i];
		json_t *items = json_array();

		for (size_t j = 0; j < g->nitems; j++) {
			const struct xref_coverage *c =
				&p->requirements[g->items[j].index];

			json_t *item = json_pack("{s:s, s:s, s:b, s:o}",
				"id", g->items[j].id, "text", g->items[j].text,
				"met", c->met, "evidence", refs(p, c));

			set_uncounted(item, p, c);
			json_array_append_new(items, item);
		}
		json_array_append_new(groups, json_pack("{s:s, s:o}",
			"title", g->title, "items", items));
	}
	return groups;
}

static json_t *gaps_view(const struct portfolio *p)
{
	json_t *gaps = json_array();

	for (size_t i = 0; i < p->ngaps; i++)
		json_array_append_new(gaps, json_pack("{s:s, s:o, s:s}",
			"code", xref_gap_name(p->gaps[i].code),
			"target", text(p->gaps[i].target),
			"message", p->gaps[i].message));
	return gaps;
}

json_t *view_portfolio(const struct model *m, const struct portfolio *p,
		       const char *root)
{
	const struct unit *u = p->unit;
	json_t *view = portfolio_summary(p), *rows = json_array();
	struct buf title = BUF_INIT;
	json_t *result;

	(void)m;
	for (size_t i = 0; i < p->nrows; i++)
		json_array_append_new(rows, evidence_row(p->rows[i], i + 1));
	json_object_set_new(view, "learner", learner_head(p->learner));
	json_object_set_new(view, "unit_info", export_unit(u));
	outlines(json_object_get(view, "unit_info"), u);
	json_object_set_new(json_object_get(view, "unit_info"), "href",
			    href("units/%s", u->id, NULL));
	json_object_set_new(json_object_get(view, "unit_info"), "sheet_href",
			    href("sheets/%s", u->id, NULL));
	json_object_set_new(view, "occasions", json_integer((json_int_t)p->occasions));
	json_object_set_new(view, "occasions_required", json_integer(u->occasions));
	json_object_set_new(view, "outcomes", outcomes_view(p));
	json_object_set_new(view, "requirement_groups", requirements_view(p));
	json_object_set_new(view, "has_requirements", json_boolean(u->nrequirements > 0));
	json_object_set_new(view, "evidence", rows);
	json_object_set_new(view, "has_evidence", json_boolean(p->nrows > 0));
	json_object_set_new(view, "gaps", gaps_view(p));
	json_object_set_new(view, "has_gaps", json_boolean(p->ngaps > 0));
	json_object_set_new(view, "occasions_met",
			    json_boolean(p->occasions >= (size_t)u->occasions));
	{
		size_t marks[2] = { 0 }, req_met = 0;

		for (size_t i = 0; i < u->ncriteria; i++)
			if (!p->criteria[i].met)
				marks[p->criteria[i].nevidence ? 0 : 1]++;
		for (size_t i = 0; i < u->nrequirements; i++)
			req_met += p->requirements[i].met;
		json_object_set_new(view, "needs_observation_count",
				    json_integer((json_int_t)marks[0]));
		json_object_set_new(view, "missing_count",
				    json_integer((json_int_t)marks[1]));
		json_object_set_new(view, "requirements_met",
				    json_integer((json_int_t)req_met));
		json_object_set_new(view, "requirements_total",
				    json_integer((json_int_t)u->nrequirements));
	}
	json_object_set_new(view, "svg_width",
			    json_integer((json_int_t)(u->ncriteria * SVG_CELL)));
	buf_printf(&title, "%s: %s", p->learner->name ? p->learner->name
						       : p->learner->id,
		   u->title ? u->title : u->id);
	result = json_pack("{s:o, s:o}",
		"page", page(VIEW_PORTFOLIO, buf_cstr(&title),
			     href("learners/%s/%s", p->learner->id, u->id), root),
		"portfolio", view);
	buf_free(&title);
	return result;
}

/* ---- prose for Markdown pages ------------------------------------------- */

/*
 * Markdown pages may not embed HTML, so the prose that the model holds
 * only as HTML (cmark's safe output: p, h1-h6, ul, ol, li, pre, inline
 * tags and the five entities) is given to them as plain-text blocks,
 * [{text, para, heading, item, numbered, n}]: one paragraph, heading or
 * list item each, inline markup dropped, nested lists flattened.
 */
struct blocks {
	json_t *list;
	struct buf text;
	int kind;                  /* 0 para, 1 heading, 2 item, 3 numbered */
	long n;
	long counter[16];          /* per open list: next number, or -1 for ul */
	size_t depth;
};

static void block_flush(struct blocks *b)
{
	size_t len = b->text.len;
	const char *t = buf_cstr(&b->text);

	while (len && t[len - 1] == ' ')
		len--;
	if (len)
		json_array_append_new(b->list, json_pack("{s:s%, s:b, s:b, s:b, s:b, s:I}",
			"text", t, len,
			"para", b->kind == 0, "heading", b->kind == 1,
			"item", b->kind == 2, "numbered", b->kind == 3,
			"n", (json_int_t)b->n));
	buf_truncate(&b->text, 0);
	b->kind = 0;
}

static void block_text(struct blocks *b, const char *s, size_t len)
{
	static const struct { const char *name; char c; } entities[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&#39;", '\'' },
	};

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '&') {
			for (size_t e = 0; e < sizeof(entities) / sizeof(entities[0]); e++) {
				size_t n = strlen(entities[e].name);

				if (len - i >= n && memcmp(s + i, entities[e].name, n) == 0) {
					c = entities[e].c;
					i += n - 1;
					break;
				}
			}
		}
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			if (b->text.len && b->text.data[b->text.len - 1] != ' ')
				buf_putc(&b->text, ' ');
		} else {
			buf_putc(&b->text, c);
		}
	}
}

static bool tag_is(const char *tag, size_t len, const char *name)
{
	size_t n = strlen(name);

	return len >= n && strncmp(tag, name, n) == 0 &&
	       (len == n || tag[n] == ' ' || tag[n] == '/');
}

/* One tag, without its angle brackets. */
static void block_tag(struct blocks *b, const char *tag, size_t len)
{
	bool close = len && tag[0] == '/';

	if (close) {
		tag++;
		len--;
	}
	if (tag_is(tag, len, "ul") || tag_is(tag, len, "ol")) {
		block_flush(b);
		if (close && b->depth) {
			b->depth--;
		} else if (!close && b->depth < 16) {
			const char *start = strstr(tag, "start=\"");

			b->counter[b->depth++] = tag[0] == 'u' ? -1 :
				start && start < tag + len ? strtol(start + 7, NULL, 10) : 1;
		}
	} else if (tag_is(tag, len, "li")) {
		block_flush(b);
		if (!close && b->depth) {
			long *next = &b->counter[b->depth - 1];

			b->kind = *next < 0 ? 2 : 3;
			b->n = *next < 0 ? 0 : (*next)++;
		}
	} else if (tag_is(tag, len, "p")) {
		/* A loose list's item holds its text in a paragraph. */
		if (close || b->text.len || b->kind == 0)
			block_flush(b);
	} else if (len == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') {
		block_flush(b);
		b->kind = close ? 0 : 1;
	} else if (tag_is(tag, len, "pre") || tag_is(tag, len, "blockquote") ||
		   tag_is(tag, len, "hr")) {
		block_flush(b);
	} else if (tag_is(tag, len, "br")) {
		block_text(b, " ", 1);
	}
}

static json_t *html_blocks(const char *html)
{
	struct blocks b = { .list = json_array() };
	const char *s = html ? html : "";

	while (*s) {
		const char *lt = strchr(s, '<'), *gt;

		if (!lt) {
			block_text(&b, s, strlen(s));
			break;
		}
		block_text(&b, s, (size_t)(lt - s));
		if (strncmp(lt, "<!--", 4) == 0) {
			gt = strstr(lt, "-->");
			s = gt ? gt + 3 : lt + strlen(lt);
			continue;
		}
		gt = strchr(lt, '>');
		if (!gt)
			break;
		block_tag(&b, lt + 1, (size_t)(gt - lt - 1));
		s = gt + 1;
	}
	block_flush(&b);
	buf_free(&b.text);
	return b.list;
}

/* Beside each KEY_html of obj (and of the arrays below it), KEY_blocks. */
static void add_blocks(json_t *obj)
{
	json_t *added;

	if (json_is_array(obj)) {
		for (size_t i = 0; i < json_array_size(obj); i++)
			add_blocks(json_array_get(obj, i));
		return;
	}
	if (!json_is_object(obj))
		return;
	added = json_object();
	for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it)) {
		const char *key = json_object_iter_key(it);
		json_t *value = json_object_iter_value(it);
		size_t n = strlen(key);

		if (json_is_string(value) && n >= 4 && strcmp(key + n - 4, "html") == 0) {
			struct buf name = BUF_INIT;

			buf_put(&name, key, n - 4);
			buf_puts(&name, "blocks");
			json_object_set_new(added, buf_cstr(&name),
					    html_blocks(json_string_value(value)));
			buf_free(&name);
		} else if (json_is_array(value)) {
			add_blocks(value);
		}
	}
	json_object_update(obj, added);
	json_decref(added);
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
	add_blocks(view);
	json_object_set_new(view, "cohort_learners", json_integer((json_int_t)learners));
	json_object_set_new(view, "sheet_href", href("sheets/%s", u->id, NULL));
	return json_pack("{s:o, s:o}",
		"page", page(VIEW_UNIT, u->title ? u->title : u->id,
			     href("units/%s", u->id, NULL), root),
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
	add_blocks(view);
	json_object_set_new(view, "href", href("units/%s", u->id, NULL));
	json_object_set_new(view, "rows", rows);
	json_object_set_new(view, "occasion_columns", occasions);
	return json_pack("{s:o, s:o}",
		"page", page(VIEW_SHEET, u->title ? u->title : u->id,
			     href("sheets/%s", u->id, NULL), root),
		"sheet", view);
}

json_t *view_pack(const char *root)
{
	return json_pack("{s:o}", "page",
			 page(VIEW_PACK, "External verification pack",
			      json_string("index"), root));
}
