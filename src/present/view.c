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
#include "present/caseload_view.h"
#include "present/claims_view.h"
#include "present/cohort_view.h"
#include "present/diag_json.h"
#include "present/export.h"
#include "present/iqa_view.h"
#include "present/needs_view.h"
#include "present/otj_view.h"
#include "present/signoff_view.h"
#include "present/url.h"
#include "judge/caseload.h"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Empty rows on a blank record sheet, and occasion columns, as on the
 * paper form: 17 rows of 10 mm, room to write, fill the first A4 page
 * (20 left three on a page of their own). */
#define SHEET_ROWS 17
#define SHEET_OCCASIONS 4
/* Width of one criterion's square in a coverage picture (viewBox units). */
#define SVG_CELL 14

const char *view_status_label(enum xref_status status)
{
	static const char *const labels[] = {
		"Not started", "In progress", "Complete", "Signed off",
	};

	return labels[status];
}

static const char *const page_kinds[] = {
	"dashboard", "learner", "portfolio", "unit", "sheet", "pack", "claims",
	"qualifications", "assessor", "cohort", "needs", "units",
};

/*
 * Flags a logic-less template needs to leave out an empty part of a unit
 * (counts are no use there: Mustache treats 0 as true).
 */
static void outlines(struct value_obj *view, const struct unit *u)
{
	size_t knowledge = 0, observe = 0;
	bool regrouped = false;   /* a knowledge outcome before one to do */

	for (size_t i = 0; i < u->noutcomes; i++) {
		regrouped |= knowledge > 0 && !u->outcomes[i].knowledge;
		knowledge += u->outcomes[i].knowledge;
		for (size_t j = 0; j < u->outcomes[i].ncriteria; j++)
			observe += u->outcomes[i].criteria[j].observe;
	}
	value_put(view, "has_performance_outcomes",
		  value_bool(knowledge < u->noutcomes));
	value_put(view, "has_knowledge_outcomes", value_bool(knowledge > 0));
	value_put(view, "has_observe", value_bool(observe > 0));
	value_put(view, "has_requirements", value_bool(u->nrequirements > 0));
	value_put(view, "has_sections", value_bool(u->nsections > 0));
	/* The sheet puts what to do before what to know, as the paper form
	 * does: then the outcomes' numbers do not run in order, and the
	 * sheet must say why (a newcomer took it for a misprint). */
	value_put(view, "outcomes_regrouped", value_bool(regrouped));
}

/* ---- values ------------------------------------------------------------ */

/* For the one key a view gives a new meaning: a portfolio's `gaps`, a
 * count in its summary, is the list of gaps on its own page. */
static void replace(struct value_obj *o, const char *key, struct value v)
{
	for (size_t i = 0; i < o->n; i++) {
		if (strcmp(o->m[i].key, key) == 0) {
			o->m[i].value = v;
			return;
		}
	}
	value_put(o, key, v);
}

/*
 * text as the inside of a CSS string: ASCII other than letters, digits
 * and spaces as hex escapes (a quote as \22), so that nothing in a name
 * can end the string or the <style> element; C1 controls as U+FFFD, as
 * on every page, and other UTF-8 as it is.
 */
static struct value css_string(struct arena *a, const char *text, size_t len)
{
	struct buf css = BUF_INIT;
	struct value v;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		/* A C1 control (U+0080 to U+009F), as on every page: U+FFFD. */
		if (c == 0xC2 && i + 1 < len &&
		    (unsigned char)text[i + 1] >= 0x80 &&
		    (unsigned char)text[i + 1] <= 0x9F) {
			buf_puts(&css, "\\fffd ");
			i++;
			continue;
		}
		if (c >= 0x80 || c == ' ' || (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			buf_putc(&css, (char)c);
		else
			buf_printf(&css, "\\%x ", c);
	}
	v = value_copy(a, buf_cstr(&css), css.len);
	buf_free(&css);
	return v;
}

static struct value page(struct arena *a, enum view_kind kind,
			 struct value title, struct value path, const char *root)
{
	struct value_obj o = value_obj_new(a, 6);
	/* Whose pages these are, in the top margin of every printed page. */
	bool running = kind == VIEW_PORTFOLIO || kind == VIEW_LEARNER ||
		       kind == VIEW_QUALIFICATIONS;

	value_put(&o, "kind", value_text(page_kinds[kind]));
	value_put(&o, "title", title);
	/* A blank record sheet is a form to photocopy: no date on it. */
	value_put(&o, "dated", value_bool(kind != VIEW_SHEET));
	value_put(&o, "path", path);
	value_put(&o, "root", value_text(root));
	value_put(&o, "running_css", running && title.kind == VALUE_STRING ?
		  css_string(a, title.u.s, title.len) : value_null());
	return value_obj_done(&o);
}

/* {page, KIND: view}: a page's own context. */
static struct value page_context(struct arena *a, struct value page_value,
				 const char *kind, struct value view)
{
	struct value_obj o = value_obj_new(a, 2);

	value_put(&o, "page", page_value);
	value_put(&o, kind, view);
	return value_obj_done(&o);
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

/* The summary as HTML ("" for none). */
static struct value summary_html(struct arena *a, const struct evidence *e)
{
	struct value v = export_summary_html(a, e);

	return v.kind == VALUE_NULL ? value_text("") : v;
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
static void put_extra(struct arena *a, struct value_obj *o,
		      const struct extra_field *fields, size_t n)
{
	struct value_obj object = value_obj_new(a, n);
	struct value *list = value_items(a, n);
	size_t listed = 0;

	for (size_t i = 0; i < n; i++) {
		value_put(&object, fields[i].name, value_text(fields[i].value));
		if (fields[i].value) {
			struct value_obj field = value_obj_new(a, 2);

			value_put(&field, "name", value_text(fields[i].name));
			value_put(&field, "value", value_text(fields[i].value));
			list[listed++] = value_obj_done(&field);
		}
	}
	value_put(o, "extra", value_obj_done(&object));
	value_put(o, "extra_list", value_list(list, listed));
	value_put(o, "has_extra", value_bool(listed > 0));
}

/* One evidence row, numbered as on the record sheet. */
static struct value evidence_row(struct arena *a, const struct evidence *e,
				 size_t no)
{
	enum xref_counts counts = xref_row_counts(e);
	struct value_obj row = value_obj_new(a, 26);

	value_put(&row, "no", value_int((long long)no));
	value_put(&row, "ref", value_text(e->ref));
	value_put(&row, "unit", value_text(e->unit->id));
	value_put(&row, "unit_href", url_value(a, URL_UNIT, e->unit->id, NULL));
	value_put(&row, "portfolio_href", url_value(a, URL_PORTFOLIO,
		  e->learner->id, e->unit->id));
	value_put(&row, "date", export_date_or_null(true, e->date));
	value_put(&row, "method", value_text(e->method));
	value_put(&row, "method_name", value_text(unit_method_name(e->unit, e->method)));
	value_put(&row, "summary", value_text(e->summary));
	value_put(&row, "summary_html", summary_html(a, e));
	value_put(&row, "summary_text", summary_text(a, e));
	value_put(&row, "assessor", value_text(e->assessor));
	value_put(&row, "location", value_text(e->location));
	value_put(&row, "simulated", value_bool(e->simulated));
	value_put(&row, "counts", value_text(xref_counts_name(counts)));
	value_put(&row, "counts_fully", value_bool(counts == XREF_COUNTS_FULLY));
	value_put(&row, "counts_label", value_text(counts_label(counts)));
	value_put(&row, "before_start", value_bool(e->before_start));
	value_put(&row, "learner_start", export_date_or_null(
		  e->learner->has_start, e->learner->start));
	value_put(&row, "criteria", criteria_ids(a, e));
	value_put(&row, "requirements", requirement_ids(a, e));
	value_put(&row, "has_criteria", value_bool(e->ncriteria > 0));
	value_put(&row, "has_requirements", value_bool(e->nrequirements > 0));
	put_extra(a, &row, e->extra, e->nextra);
	return value_obj_done(&row);
}

const char *view_qualify_label(enum qualify_status status)
{
	static const char *const labels[] = {
		"Not started", "In progress", "Complete", "Claimable",
	};

	return labels[status];
}

struct value view_qualification_briefs(struct arena *a, const struct xref *x,
				      const struct learner *l, bool linked)
{
	size_t n;
	const struct qualify_progress *q = qualify_of(x, l, &n);
	struct value *list = value_items(a, n);

	for (size_t i = 0; i < n; i++) {
		struct value_obj o = value_obj_new(a, 7);

		value_put(&o, "qualification", value_text(q[i].qualification->id));
		value_put(&o, "title", value_text(q[i].qualification->title));
		value_put(&o, "number", value_text(q[i].qualification->number));
		value_put(&o, "status", value_text(qualify_status_name(q[i].status)));
		value_put(&o, "status_label",
			  value_text(view_qualify_label(q[i].status)));
		value_put(&o, "signed_off", export_date_or_null(
			  q[i].signed_off != 0, q[i].signed_off));
		value_put(&o, "href", linked ? url_value(a, URL_QUALIFICATIONS,
							 l->id, NULL) : value_null());
		list[i] = value_obj_done(&o);
	}
	return value_list(list, n);
}

/* Members a learner's head has; callers add theirs after them. */
#define LEARNER_HEAD_MEMBERS 15

static struct value_obj learner_head(struct arena *a,
				     const struct view_shared *s,
				     const struct learner *l, size_t more)
{
	const struct xref *x = s->x;
	const struct caseload_learner *c = caseload_of(x, l);
	struct value_obj head = value_obj_new(a, LEARNER_HEAD_MEMBERS + more);

	value_put(&head, "id", value_text(l->id));
	value_put(&head, "name", value_text(l->name ? l->name : l->id));
	value_put(&head, "registration", value_text(l->registration));
	value_put(&head, "cohort", value_text(l->cohort));
	value_put(&head, "assessor", value_text(l->assessor));
	value_put(&head, "assessor_name",
		  value_text(model_assessor_name(s->m, l->assessor)));
	value_put(&head, "assessor_href",
		  caseload_view_assessor_href(a, s->assessor_pages,
					      s->nassessor_pages, l->assessor));
	value_put(&head, "attention_first", c->nreasons ?
		  value_text(c->reasons[0].text) : value_null());
	value_put(&head, "start", export_date_or_null(l->has_start, l->start));
	value_put(&head, "href", url_value(a, URL_LEARNER, l->id, NULL));
	value_put(&head, "qualifications",
		  view_qualification_briefs(a, x, l, true));
	value_put(&head, "has_qualifications", value_bool(l->nqualifications > 0));
	put_extra(a, &head, l->extra, l->nextra);
	return head;
}

#define PORTFOLIO_SUMMARY_MEMBERS 13

/*
 * Why a portfolio with every criterion met is still in progress, in a
 * few words for its cell ("4b uncovered", "1 of 2 occasions"), or NULL:
 * "In progress 100%" alone would look like a bug.
 */
static struct value why_in_progress(struct arena *a, const struct portfolio *p)
{
	struct buf why = BUF_INIT;
	struct value v;
	const struct xref_gap *g = p->ngaps ? &p->gaps[0] : NULL;

	if (p->status != XREF_IN_PROGRESS || p->percent < 100 || !g)
		return value_null();
	if (g->code == XREF_TOO_FEW_OCCASIONS)
		buf_printf(&why, "%zu of %ld occasions", p->occasions,
			   p->unit->occasions);
	else if (g->code == XREF_REQUIREMENT_UNCOVERED)
		buf_printf(&why, "%s uncovered", g->target);
	else
		buf_printf(&why, "%s: %s", g->target ? g->target : "",
			   xref_gap_name(g->code));
	if (p->ngaps > 1)
		buf_printf(&why, ", %zu more", p->ngaps - 1);
	v = value_copy(a, buf_cstr(&why), why.len);
	buf_free(&why);
	return v;
}

static struct value_obj portfolio_summary(struct arena *a,
					  const struct portfolio *p,
					  size_t more)
{
	struct value_obj summary = value_obj_new(a, PORTFOLIO_SUMMARY_MEMBERS + more);

	value_put(&summary, "unit", value_text(p->unit->id));
	value_put(&summary, "unit_title",
		  value_text(p->unit->title ? p->unit->title : p->unit->id));
	value_put(&summary, "href", url_value(a, URL_PORTFOLIO, p->learner->id,
					      p->unit->id));
	value_put(&summary, "status", value_text(xref_status_name(p->status)));
	value_put(&summary, "status_label", value_text(view_status_label(p->status)));
	value_put(&summary, "percent", value_int(p->percent));
	value_put(&summary, "met", value_int((long long)p->met));
	value_put(&summary, "total", value_int((long long)p->total));
	value_put(&summary, "gaps", value_int((long long)p->ngaps));
	value_put(&summary, "registered", value_bool(p->registered));
	value_put(&summary, "complete", value_bool(xref_complete(p)));
	value_put(&summary, "signed_off", value_bool(p->status == XREF_SIGNED_OFF));
	value_put(&summary, "why", why_in_progress(a, p));
	return summary;
}

/* A learner's portfolios, as summaries. */
static struct value portfolio_list(struct arena *a, const struct xref *x,
				   size_t li)
{
	struct value *list = value_items(a, x->count[li]);

	for (size_t j = 0; j < x->count[li]; j++) {
		struct value_obj o = portfolio_summary(a, &x->portfolios[x->first[li] + j], 0);

		list[j] = value_obj_done(&o);
	}
	return value_list(list, x->count[li]);
}

/* ---- the shared site model --------------------------------------------- */

/* The members every unit's context starts with: the export's, then the
 * outline's flags when outlined; room for more after them. */
static struct value_obj unit_members(struct arena *a, const struct unit *u,
				     bool outlined, size_t more)
{
	struct value_obj o = value_obj_new(a, EXPORT_UNIT_MEMBERS + 8 + more);

	export_unit_members(a, u, &o);
	if (outlined)
		outlines(&o, u);
	return o;
}

static void put_unit_links(struct arena *a, struct value_obj *o,
			   const struct unit *u)
{
	value_put(o, "href", url_value(a, URL_UNIT, u->id, NULL));
	value_put(o, "sheet_href", url_value(a, URL_SHEET, u->id, NULL));
}

static void shared_units(struct view_shared *s, struct value_obj *root)
{
	const struct model *m = s->m;
	struct arena *a = &s->arena;
	struct value *units = value_items(a, m->nunits);

	s->unit_info = value_items(a, m->nunits);
	for (size_t i = 0; i < m->nunits; i++) {
		const struct unit *u = m->units[i];
		struct value_obj listed = unit_members(a, u, false, 2);
		struct value_obj info = unit_members(a, u, true, 2);

		put_unit_links(a, &listed, u);
		units[i] = value_obj_done(&listed);
		put_unit_links(a, &info, u);
		s->unit_info[i] = value_obj_done(&info);
	}
	value_put(root, "units", value_list(units, m->nunits));
}

void view_shared_init(struct view_shared *s, const struct model *m,
		      const struct xref *x, const struct diag_list *diags,
		      const struct view_site *site, const struct value *pack)
{
	struct arena *a = &s->arena;
	struct value_obj root, about;
	struct value *learners;

	memset(s, 0, sizeof(*s));
	s->m = m;
	s->x = x;
	s->in_pack = pack != NULL;
	if (!pack) {
		s->assessor_pages = caseload_view_assessors(m,
							    &s->nassessor_pages);
		s->cohort_pages = cohort_view_pages(a, m, &s->ncohort_pages);
	}
	s->unit_needs = needs_view_units(a, m, x);
	root = value_obj_new(a, 7);
	about = value_obj_new(a, 4);
	value_put(&about, "base_url", value_text(site->base_url));
	value_put(&about, "generator", value_text("folio " FOLIO_VERSION));
	value_put(&about, "html", value_bool(site->html));
	value_put(&about, "md", value_bool(site->md));
	value_put(&root, "site", value_obj_done(&about));
	value_put(&root, "centre", export_centre(a, m));
	shared_units(s, &root);
	learners = value_items(a, m->nlearners);
	for (size_t i = 0; i < m->nlearners; i++) {
		struct value_obj l = learner_head(a, s, m->learners[i], 1);

		value_put(&l, "portfolios", portfolio_list(a, x, i));
		learners[i] = value_obj_done(&l);
	}
	value_put(&root, "learners", value_list(learners, m->nlearners));
	value_put(&root, "diagnostics", diag_json_published(a, diags));
	value_put(&root, "has_diagnostics", value_bool(diags->count > 0));
	/* false on the site's pages: a name every page has, so that a
	 * template's {{#pack}} is no miss (mustache_env_report_misses). */
	value_put(&root, "pack", pack ? *pack : value_bool(false));
	s->root = value_obj_done(&root);
}

void view_shared_free(struct view_shared *s)
{
	free(s->assessor_pages);
	arena_free(&s->arena);
	memset(s, 0, sizeof(*s));
}

/* ---- the dashboard ----------------------------------------------------- */

static struct value_obj tally_obj(struct arena *a,
				  const struct xref_tally *t, size_t more)
{
	struct value_obj o = value_obj_new(a, 6 + more);

	value_put(&o, "portfolios", value_int((long long)t->portfolios));
	value_put(&o, "complete", value_int((long long)xref_tally_complete(t)));
	value_put(&o, "in_progress", value_int((long long)t->by_status[XREF_IN_PROGRESS]));
	value_put(&o, "not_started", value_int((long long)t->by_status[XREF_NOT_STARTED]));
	value_put(&o, "signed_off", value_int((long long)t->by_status[XREF_SIGNED_OFF]));
	value_put(&o, "has_signed_off", value_bool(t->by_status[XREF_SIGNED_OFF] > 0));
	return o;
}

/* The learner's portfolio on each of the model's units, or NULL: the
 * xref keeps a learner's portfolios in the model's unit order. */
static void learner_cells(const struct model *m, const struct xref *x,
			  size_t li, const struct portfolio **cells)
{
	size_t next = x->first[li], end = next + x->count[li];

	for (size_t ui = 0; ui < m->nunits; ui++) {
		const struct portfolio *p = next < end ? &x->portfolios[next] : NULL;

		cells[ui] = p && p->unit == m->units[ui] ? p : NULL;
		next += cells[ui] != NULL;
	}
}

/*
 * A row of the learners x units grid: a cell for each unit that columns
 * marks (NULL: every unit).
 */
static struct value grid_row(struct arena *a, const struct view_shared *s,
			     size_t li, const struct iqa_record *latest,
			     const bool *columns, const struct portfolio **cells)
{
	const struct model *m = s->m;
	struct value_obj row = learner_head(a, s, m->learners[li], 2);
	struct value *list = value_items(a, m->nunits);
	size_t n = 0;

	learner_cells(m, s->x, li, cells);
	for (size_t ui = 0; ui < m->nunits; ui++) {
		const struct portfolio *p = cells[ui];
		struct value_obj cell;

		if (columns && !columns[ui])
			continue;
		if (p) {
			cell = portfolio_summary(a, p, 1);
			value_put(&cell, "has", value_bool(true));
		} else {
			cell = value_obj_new(a, 2);
			value_put(&cell, "unit", value_text(m->units[ui]->id));
			value_put(&cell, "has", value_bool(false));
		}
		list[n++] = value_obj_done(&cell);
	}
	value_put(&row, "cells", value_list(list, n));
	value_put(&row, "latest_sample", iqa_view_brief(a, m, latest));
	return value_obj_done(&row);
}

/* The grid's rows for learners[0..n) (every learner when NULL), on the
 * units that columns marks. */
static struct value grid_rows(struct arena *a, const struct view_shared *s,
			      const size_t *learners, size_t n,
			      const bool *columns)
{
	const struct iqa_record **latest = iqa_view_latest(s->m);
	const struct portfolio **cells = mem_calloc(s->m->nunits + 1,
						    sizeof(*cells));
	struct value *rows = value_items(a, n);

	for (size_t i = 0; i < n; i++) {
		size_t li = learners ? learners[i] : i;

		rows[i] = grid_row(a, s, li, latest[li], columns, cells);
	}
	free(cells);
	free(latest);
	return value_list(rows, n);
}

/*
 * Assessors in the order they first appear among the learners (by id),
 * however many: one pass, each learner's portfolios added to their
 * assessor's tally (the list once stopped at 256 without a word).
 * Initials match in any case, as the caseload's do (`km` is KM's), and
 * are named as assessors.csv writes them, else as the caseload pages name
 * them (the first of their spellings in byte order: `JR` before `jr`).
 */
static struct value assessor_totals(struct arena *a,
				    const struct view_shared *s)
{
	const struct model *m = s->m;
	const struct xref *x = s->x;
	struct strmap index = STRMAP_INIT;
	size_t n = 0, cap = m->nlearners + 1;
	struct xref_tally *tallies = mem_calloc(cap, sizeof(*tallies));
	size_t *learners = mem_calloc(cap, sizeof(*learners));
	const char **names = mem_calloc(cap, sizeof(*names));
	struct value *list;

	for (size_t i = 0; i < m->nlearners; i++) {
		const char *raw = m->learners[i]->assessor;
		const struct assessor *listed = raw ? model_find_assessor(m, raw) : NULL;
		const char *name = listed ? listed->initials : raw ? raw : "";
		char *key = arena_strdup(a, name);
		size_t k;

		for (char *c = key; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		k = (uintptr_t)strmap_put(&index, key, (void *)(uintptr_t)(n + 1)) - 1;

		if (k == n)
			names[n++] = name;
		else if (strcmp(name, names[k]) < 0)
			names[k] = name;    /* the caseload page's spelling */
		learners[k]++;
		for (size_t j = 0; j < x->count[i]; j++)
			xref_tally_add(&tallies[k], &x->portfolios[x->first[i] + j]);
	}
	list = value_items(a, n);
	for (size_t k = 0; k < n; k++) {
		struct value_obj entry = tally_obj(a, &tallies[k], 3);

		value_put(&entry, "assessor", value_text(*names[k] ? names[k] : "(none)"));
		value_put(&entry, "href",
			  caseload_view_assessor_href(a, s->assessor_pages,
						      s->nassessor_pages,
						      names[k]));
		value_put(&entry, "learners", value_int((long long)learners[k]));
		list[k] = value_obj_done(&entry);
	}
	strmap_free(&index);
	free(tallies);
	free(learners);
	free(names);
	return value_list(list, n);
}

/* Learners' qualifications by status, or false when no one is on one. */
static struct value qualification_totals(struct arena *a, const struct xref *x)
{
	struct qualify_tally t = qualify_tally(x);

	return t.all ? export_qualify_tally(a, &t) : value_bool(false);
}

/* A tally of learners[0..n)'s portfolios, by unit when units is not
 * NULL; how many of them need attention into *attention. */
static struct xref_tally tally_learners(const struct view_shared *s,
					const size_t *learners, size_t n,
					struct xref_tally *units,
					size_t *attention)
{
	const struct model *m = s->m;
	const struct portfolio **cells = mem_calloc(m->nunits + 1, sizeof(*cells));
	struct xref_tally all = { 0 };

	*attention = 0;
	for (size_t i = 0; i < n; i++) {
		size_t li = learners ? learners[i] : i;

		*attention += caseload_of(s->x, m->learners[li])->nreasons > 0;
		learner_cells(m, s->x, li, cells);
		for (size_t ui = 0; ui < m->nunits; ui++) {
			if (!cells[ui])
				continue;
			xref_tally_add(&all, cells[ui]);
			if (units)
				xref_tally_add(&units[ui], cells[ui]);
		}
	}
	free(cells);
	return all;
}

/* The learners of the whole cohort whose first page is first: its
 * parts are consecutive. */
static size_t cohort_learners(const struct cohort_view_page *first)
{
	size_t n = 0;

	for (size_t k = 0; k < first->parts; k++)
		n += first[k].nlearners;
	return n;
}

/* "C0", or "No cohort" for the learners without one. */
static struct value cohort_label(const struct cohort_view_page *p)
{
	return value_text(p->cohort ? p->cohort : "No cohort");
}

/*
 * One part of a list split into pages (a cohort's, who still needs an
 * item): {part, current, href, first, last}, first and last the names of
 * its first and last learners.
 */
static struct value part_entry(struct arena *a, size_t part, size_t current,
			       struct value href, const struct learner *from,
			       const struct learner *to)
{
	struct value_obj o = value_obj_new(a, 5);

	value_put(&o, "part", value_int((long long)part));
	value_put(&o, "current", value_bool(part == current));
	value_put(&o, "href", href);
	value_put(&o, "first", value_text(from->name ? from->name : from->id));
	value_put(&o, "last", value_text(to->name ? to->name : to->id));
	return value_obj_done(&o);
}

/*
 * What the `parts` partial reads of a page that is one of `count` parts:
 * parts, parts_count, has_parts, and the hrefs of the parts before and
 * after it (null at either end).
 */
static void put_parts(struct value_obj *view, struct value parts,
		      size_t count, struct value prev_href,
		      struct value next_href)
{
	value_put(view, "parts", parts);
	value_put(view, "parts_count", value_int((long long)count));
	value_put(view, "has_parts", value_bool(count > 1));
	value_put(view, "prev_href", prev_href);
	value_put(view, "next_href", next_href);
}

/* A cohort page's parts, a part_entry each; current: the part being
 * shown, or 0. */
static struct value cohort_parts(struct arena *a, const struct model *m,
				 const struct cohort_view_page *first,
				 size_t current)
{
	struct value *list = value_items(a, first->parts);

	for (size_t k = 0; k < first->parts; k++) {
		const struct cohort_view_page *p = first + k;

		list[k] = part_entry(a, p->part, current,
				     url_value(a, URL_COHORT, p->slug, NULL),
				     m->learners[p->learners[0]],
				     m->learners[p->learners[p->nlearners - 1]]);
	}
	return value_list(list, first->parts);
}

/*
 * The dashboard's list of cohorts: [{cohort, label, href, learners,
 * attention, parts, has_parts, portfolios, complete, ...}], a cohort
 * once whatever its parts.
 */
static struct value cohort_index(struct arena *a, const struct view_shared *s)
{
	struct value *list = value_items(a, s->ncohort_pages);
	size_t n = 0;

	for (size_t i = 0; i < s->ncohort_pages; i += s->cohort_pages[i].parts) {
		const struct cohort_view_page *p = &s->cohort_pages[i];
		/* A cohort's parts are consecutive, and so are its learners. */
		size_t learners = cohort_learners(p), attention;
		struct xref_tally t;
		struct value_obj o;

		t = tally_learners(s, p->learners, learners, NULL, &attention);
		o = tally_obj(a, &t, 7);
		value_put(&o, "cohort", value_text(p->cohort));
		value_put(&o, "label", cohort_label(p));
		value_put(&o, "href", url_value(a, URL_COHORT, p->slug, NULL));
		value_put(&o, "learners", value_int((long long)learners));
		value_put(&o, "attention", value_int((long long)attention));
		value_put(&o, "parts", cohort_parts(a, s->m, p, 0));
		value_put(&o, "has_parts", value_bool(p->parts > 1));
		list[n++] = value_obj_done(&o);
	}
	return value_list(list, n);
}

struct value view_dashboard(struct arena *a, const struct view_shared *s,
			    const char *root)
{
	const struct model *m = s->m;
	struct xref_tally *units = calloc(m->nunits + 1, sizeof(*units));
	struct xref_tally all;
	struct value *unit_totals = value_items(a, m->nunits);
	struct value_obj view = value_obj_new(a, 12), totals;
	bool whole = m->nlearners <= COHORT_VIEW_ROWS;
	size_t attention;

	all = tally_learners(s, NULL, m->nlearners, units, &attention);
	for (size_t i = 0; i < m->nunits; i++) {
		struct value_obj t = tally_obj(a, &units[i], 3);

		value_put(&t, "unit", value_text(m->units[i]->id));
		value_put(&t, "title", value_text(m->units[i]->title));
		value_put(&t, "href", url_value(a, URL_UNIT, m->units[i]->id, NULL));
		unit_totals[i] = value_obj_done(&t);
	}
	free(units);
	totals = tally_obj(a, &all, 0);
	value_put(&view, "rows", whole ? grid_rows(a, s, NULL, m->nlearners, NULL) :
					 value_list(NULL, 0));
	value_put(&view, "split", value_bool(!whole));
	value_put(&view, "cohorts", cohort_index(a, s));
	value_put(&view, "has_cohorts", value_bool(s->ncohort_pages > 0));
	value_put(&view, "page_rows", value_int(COHORT_VIEW_ROWS));
	value_put(&view, "learners_count", value_int((long long)m->nlearners));
	value_put(&view, "units_count", value_int((long long)m->nunits));
	value_put(&view, "unit_totals", value_list(unit_totals, m->nunits));
	value_put(&view, "assessor_totals", assessor_totals(a, s));
	value_put(&view, "totals", value_obj_done(&totals));
	value_put(&view, "qualification_totals", qualification_totals(a, s->x));
	value_put(&view, "iqa_actions", iqa_view_open_actions(a, m));
	value_put(&view, "has_iqa", value_bool(m->niqa > 0));
	return page_context(a, page(a, VIEW_DASHBOARD, value_text("Dashboard"),
				    url_value(a, URL_INDEX, NULL, NULL), root),
			    "dashboard", value_obj_done(&view));
}

/* ---- a cohort's page --------------------------------------------------- */

struct value view_cohort(struct arena *a, const struct view_shared *s,
			 size_t index, const char *root)
{
	const struct model *m = s->m;
	const struct cohort_view_page *p = &s->cohort_pages[index];
	const struct cohort_view_page *first = p - (p->part - 1);
	bool *columns = mem_calloc(m->nunits + 1, sizeof(*columns));
	const struct portfolio **cells = mem_calloc(m->nunits + 1, sizeof(*cells));
	struct value *units = value_items(a, m->nunits);
	struct value_obj view = value_obj_new(a, 14), totals;
	struct xref_tally t;
	struct buf title = BUF_INIT;
	struct value title_value;
	size_t n = 0, attention, learners;

	for (size_t i = 0; i < p->nlearners; i++) {
		learner_cells(m, s->x, p->learners[i], cells);
		for (size_t ui = 0; ui < m->nunits; ui++)
			columns[ui] |= cells[ui] != NULL;
	}
	for (size_t ui = 0; ui < m->nunits; ui++)
		if (columns[ui])
			units[n++] = s->unit_info[ui];
	learners = cohort_learners(first);
	t = tally_learners(s, p->learners, p->nlearners, NULL, &attention);
	totals = tally_obj(a, &t, 0);
	value_put(&view, "cohort", value_text(p->cohort));
	value_put(&view, "label", cohort_label(p));
	value_put(&view, "part", value_int((long long)p->part));
	put_parts(&view, cohort_parts(a, m, first, p->part), p->parts,
		  p->part > 1 ? url_value(a, URL_COHORT, p[-1].slug, NULL) :
				value_null(),
		  p->part < p->parts ? url_value(a, URL_COHORT, p[1].slug, NULL) :
				       value_null());
	value_put(&view, "learners_count", value_int((long long)p->nlearners));
	value_put(&view, "cohort_learners", value_int((long long)learners));
	value_put(&view, "attention", value_int((long long)attention));
	value_put(&view, "totals", value_obj_done(&totals));
	value_put(&view, "units", value_list(units, n));
	value_put(&view, "rows", grid_rows(a, s, p->learners, p->nlearners, columns));
	free(columns);
	free(cells);
	if (p->parts > 1)
		buf_printf(&title, "%s%s, part %zu of %zu", p->cohort ? "Cohort " : "",
			   p->cohort ? p->cohort : "No cohort", p->part, p->parts);
	else
		buf_printf(&title, "%s%s", p->cohort ? "Cohort " : "",
			   p->cohort ? p->cohort : "No cohort");
	title_value = value_copy(a, buf_cstr(&title), title.len);
	buf_free(&title);
	return page_context(a, page(a, VIEW_COHORT, title_value,
				    url_value(a, URL_COHORT, p->slug, NULL), root),
			    "cohort", value_obj_done(&view));
}

/* ---- a learner --------------------------------------------------------- */

struct value view_learner(struct arena *a, const struct view_shared *s,
			  size_t li, const char *root, struct view_rows *rows)
{
	const struct model *m = s->m;
	const struct learner *l = m->learners[li];
	struct value_obj view = learner_head(a, s, l, 12);
	struct value *evidence = value_items(a, l->nevidence);

	for (size_t i = 0; i < l->nevidence; i++)
		evidence[i] = evidence_row(a, m->evidence[l->first_evidence + i],
					   i + 1);
	if (rows)
		*rows = (struct view_rows){ l, m->evidence + l->first_evidence,
					    evidence, l->nevidence };
	value_put(&view, "portfolios", portfolio_list(a, s->x, li));
	value_put(&view, "evidence", value_list(evidence, l->nevidence));
	value_put(&view, "has_evidence", value_bool(l->nevidence > 0));
	otj_view_put(a, m, s->x, l, &view);
	return page_context(a, page(a, VIEW_LEARNER,
				    value_text(l->name ? l->name : l->id),
				    url_value(a, URL_LEARNER, l->id, NULL),
				    root),
			    "learner", value_obj_done(&view));
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
	struct value_obj r = value_obj_new(a, 6);

	value_put(&r, "ref", value_text(e->ref));
	value_put(&r, "method", value_text(e->method));
	value_put(&r, "method_name", value_text(unit_method_name(e->unit, e->method)));
	value_put(&r, "first", value_bool(first));
	value_put(&r, "counts_label", value_text(counts_label(xref_row_counts(e))));
	value_put(&r, "no", no ? value_int((long long)no) : value_null());
	return value_obj_done(&r);
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
static void put_uncounted(struct arena *a, struct value_obj *o,
			  struct citations *c, const struct xref_coverage *cov)
{
	value_put(o, "uncounted", ref_list(a, c, cov->uncounted, cov->nuncounted));
	value_put(o, "has_uncounted", value_bool(cov->nuncounted > 0));
}

static struct value criterion_view(struct arena *a, struct citations *cite,
				   const struct unit_criterion *c)
{
	const struct portfolio *p = cite->p;
	static const char *const labels[] = { "Met", "Needs observation", "Missing" };
	const struct xref_coverage *cov = &p->criteria[c->index];
	int k = cov->met ? 0 : cov->nevidence ? 1 : 2;
	struct value_obj view = value_obj_new(a, 16);

	value_put(&view, "id", value_text(c->id));
	value_put(&view, "form", value_text(c->form));
	value_put(&view, "text", value_text(c->text));
	value_put(&view, "observe", value_bool(c->observe));
	value_put(&view, "guidance_html", value_text(c->guidance_html));
	value_put(&view, "mark", value_text(mark(p, c->index)));
	value_put(&view, "mark_label", value_text(labels[k]));
	value_put(&view, "met", value_bool(k == 0));
	value_put(&view, "needs_observation", value_bool(k == 1));
	value_put(&view, "missing", value_bool(k == 2));
	value_put(&view, "evidence", refs(a, cite, cov));
	value_put(&view, "has_evidence", value_bool(cov->nevidence > 0));
	value_put(&view, "svg_x", value_int((long long)c->index * SVG_CELL));
	put_uncounted(a, &view, cite, cov);
	return value_obj_done(&view);
}

static struct value outcomes_view(struct arena *a, struct citations *cite)
{
	const struct unit *u = cite->p->unit;
	struct value *outcomes = value_items(a, u->noutcomes);

	for (size_t i = 0; i < u->noutcomes; i++) {
		const struct unit_outcome *o = &u->outcomes[i];
		struct value *criteria = value_items(a, o->ncriteria);
		struct value_obj view = value_obj_new(a, 4);

		for (size_t j = 0; j < o->ncriteria; j++)
			criteria[j] = criterion_view(a, cite, &o->criteria[j]);
		value_put(&view, "number", o->number ? value_int(o->number) :
			  value_text(o->code));
		value_put(&view, "title", value_text(o->title));
		value_put(&view, "knowledge", value_bool(o->knowledge));
		value_put(&view, "criteria", value_list(criteria, o->ncriteria));
		outcomes[i] = value_obj_done(&view);
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
		struct value_obj group = value_obj_new(a, 2);

		for (size_t j = 0; j < g->nitems; j++) {
			const struct xref_coverage *c =
				&p->requirements[g->items[j].index];
			struct value_obj item = value_obj_new(a, 6);

			value_put(&item, "id", value_text(g->items[j].id));
			value_put(&item, "text", value_text(g->items[j].text));
			value_put(&item, "met", value_bool(c->met));
			value_put(&item, "evidence", refs(a, cite, c));
			put_uncounted(a, &item, cite, c);
			items[j] = value_obj_done(&item);
		}
		value_put(&group, "title", value_text(g->title));
		value_put(&group, "items", value_list(items, g->nitems));
		groups[i] = value_obj_done(&group);
	}
	return value_list(groups, u->ngroups);
}


static struct value unit_info(const struct view_shared *s,
			      const struct unit *u)
{
	size_t i = model_unit_index(s->m, u);

	return i < s->m->nunits ? s->unit_info[i] : value_null();
}

/* Counts of the portfolio's marks, for the summary line. */
static void put_marks(struct value_obj *view, const struct portfolio *p)
{
	const struct unit *u = p->unit;
	size_t marks[2] = { 0 }, req_met = 0;

	for (size_t i = 0; i < u->ncriteria; i++)
		if (!p->criteria[i].met)
			marks[p->criteria[i].nevidence ? 0 : 1]++;
	for (size_t i = 0; i < u->nrequirements; i++)
		req_met += p->requirements[i].met;
	value_put(view, "needs_observation_count", value_int((long long)marks[0]));
	value_put(view, "missing_count", value_int((long long)marks[1]));
	value_put(view, "requirements_met", value_int((long long)req_met));
	value_put(view, "requirements_total", value_int((long long)u->nrequirements));
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
	struct value_obj view = portfolio_summary(a, p, 18), learner;
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
	learner = learner_head(a, s, p->learner, 0);
	value_put(&view, "learner", value_obj_done(&learner));
	value_put(&view, "unit_info", unit_info(s, u));
	value_put(&view, "occasions", value_int((long long)p->occasions));
	value_put(&view, "occasions_required", value_int(u->occasions));
	value_put(&view, "outcomes", outcomes_view(a, &cite));
	value_put(&view, "requirement_groups", requirements_view(a, &cite));
	value_put(&view, "has_requirements", value_bool(u->nrequirements > 0));
	value_put(&view, "evidence", value_list(rows, p->nrows));
	value_put(&view, "has_evidence", value_bool(p->nrows > 0));
	replace(&view, "gaps", export_gaps(a, p));
	value_put(&view, "has_gaps", value_bool(p->ngaps > 0));
	value_put(&view, "occasions_met",
		  value_bool(p->occasions >= (size_t)u->occasions));
	put_marks(&view, p);
	iqa_view_put_record(a, s->m, p, &view);
	signoff_view_put(a, s->m, p, &view);
	value_put(&view, "svg_width", value_int((long long)(u->ncriteria * SVG_CELL)));
	buf_puts(&title, p->learner->name ? p->learner->name : p->learner->id);
	buf_puts(&title, ": ");
	buf_puts(&title, u->title ? u->title : u->id);
	title_value = value_copy(a, buf_cstr(&title), title.len);
	buf_free(&title);
	return page_context(a, page(a, VIEW_PORTFOLIO, title_value,
				    url_value(a, URL_PORTFOLIO, p->learner->id,
					      u->id), root),
			    "portfolio", value_obj_done(&view));
}

/* ---- prose for Markdown pages ------------------------------------------- */

/*
 * Markdown pages may not embed HTML, so beside each KEY_html of a unit's
 * prose they get KEY_blocks, [{text, para, heading, item, numbered, n}]:
 * the blocks the unit's reader took from cmark's tree (base/markdown.h).
 */
static struct value blocks_value(struct arena *a, const struct markdown_blocks *b)
{
	struct value *list = value_items(a, b->count);

	for (size_t i = 0; i < b->count; i++) {
		const struct markdown_block *k = &b->items[i];
		struct value_obj o = value_obj_new(a, 6);

		value_put(&o, "text", value_text(k->text));
		value_put(&o, "para", value_bool(k->kind == MARKDOWN_PARAGRAPH));
		value_put(&o, "heading", value_bool(k->kind == MARKDOWN_HEADING));
		value_put(&o, "item", value_bool(k->kind == MARKDOWN_ITEM));
		value_put(&o, "numbered", value_bool(k->kind == MARKDOWN_NUMBERED));
		value_put(&o, "n", value_int((long long)k->n));
		list[i] = value_obj_done(&o);
	}
	return value_list(list, b->count);
}

/* The slot of o's member named key, which its export_ builder put. */
static struct value *slot(struct value_obj *o, const char *key)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->m[i].key, key) == 0)
			return &o->m[i].value;
	assert(!"a member its export_ builder puts");
	return NULL;
}

/* obj again, with one more member. */
static struct value with(struct arena *a, const struct value *obj,
			 const char *key, struct value v)
{
	struct value_obj o = value_obj_with(a, obj, 1);

	value_put(&o, key, v);
	return value_obj_done(&o);
}

/*
 * The cohort's counts for a criterion or requirement on the unit page:
 * how many of the learners with a portfolio on the unit met it, how many
 * still need it, and the page that lists them (null when no one does,
 * and in a pack, which has no such page).
 */
static void put_cohort(const struct view_shared *s, struct value_obj *o,
		       size_t met, size_t learners, struct value needs_href)
{
	value_put(o, "cohort_met", value_int((long long)met));
	value_put(o, "cohort_percent", value_int(learners ?
		(long long)(100 * met / learners) : 0));
	value_put(o, "cohort_missing", value_int((long long)(learners - met)));
	value_put(o, "needs_href", NEEDS_VIEW_PAGE(learners - met) && !s->in_pack ?
				   needs_href : value_null());
}

/*
 * A criterion of the unit as export_unit_members() made it, with its
 * guidance as blocks and, when met is not NULL, the cohort's counts.
 */
static struct value criterion_with(struct arena *a, const struct view_shared *s,
				   const struct value *made, const struct unit *u,
				   const struct unit_criterion *c,
				   const size_t *met, size_t learners)
{
	struct value_obj o = value_obj_with(a, made, 5);

	if (met)
		put_cohort(s, &o, *met, learners,
			   url_value(a, URL_CRITERION, u->id, c->id));
	value_put(&o, "guidance_blocks", blocks_value(a, &c->guidance_blocks));
	return value_obj_done(&o);
}

/* A requirement group with its prose as blocks and, when met is not
 * NULL, each item's cohort counts. */
static struct value group_with(struct arena *a, const struct view_shared *s,
			       const struct value *made, const struct unit *u,
			       const struct unit_requirement_group *g,
			       const size_t *met, size_t learners)
{
	struct value_obj o = value_obj_with(a, made, 1);
	struct value *items = slot(&o, "items");
	struct value *each = value_items(a, g->nitems);

	for (size_t j = 0; j < g->nitems; j++) {
		struct value_obj item = value_obj_with(a, &items->u.items[j], 4);

		if (met)
			put_cohort(s, &item, met[g->items[j].index], learners,
				   url_value(a, URL_REQUIREMENT, u->id,
					     g->items[j].id));
		each[j] = value_obj_done(&item);
	}
	*items = value_list(each, g->nitems);
	value_put(&o, "blocks", blocks_value(a, &g->blocks));
	return value_obj_done(&o);
}

/*
 * The unit's sections where the specification has them: before its
 * outcomes, between them and its evidence requirements (or after them
 * when it has none), and after the requirements.
 */
static void put_section_order(struct arena *a, struct value_obj *view,
			      const struct unit *u)
{
	static const char *const keys[3] = {
		"sections_before", "sections_between", "sections_after",
	};
	const struct value *all = slot(view, "sections");
	int outcomes = u->noutcomes ? u->outcomes[0].line : INT_MAX;
	int requirements = u->requirements_line ? u->requirements_line : INT_MAX;
	struct value *part[3];
	size_t n[3] = { 0 };

	for (size_t k = 0; k < 3; k++)
		part[k] = value_items(a, u->nsections);
	for (size_t i = 0; i < u->nsections; i++) {
		int line = u->sections[i].line;
		size_t k = line < outcomes ? 0 : line < requirements ? 1 : 2;

		part[k][n[k]++] = all->u.items[i];
	}
	for (size_t k = 0; k < 3; k++)
		value_put(view, keys[k], value_list(part[k], n[k]));
}

/*
 * The unit's prose, which export_unit_members() put into view as HTML,
 * as blocks too; met and req_met: the cohort's counts per criterion and
 * requirement, or NULL.  Only rewrites members of view, so that slots
 * stay where they are.
 */
static void add_blocks(struct arena *a, const struct view_shared *s,
		       struct value_obj *view, const struct unit *u,
		       const size_t *met,
		       const size_t *req_met, size_t learners)
{
	struct value *outcomes = slot(view, "outcomes");
	struct value *groups = slot(view, "requirements");
	struct value *sections = slot(view, "sections");
	struct value *copies = value_items(a, u->noutcomes);
	size_t k = 0;

	for (size_t i = 0; i < u->noutcomes; i++) {
		const struct unit_outcome *uo = &u->outcomes[i];
		struct value_obj o = value_obj_with(a, &outcomes->u.items[i], 1);
		struct value *criteria = slot(&o, "criteria");
		struct value *each = value_items(a, uo->ncriteria);

		for (size_t j = 0; j < uo->ncriteria; j++, k++)
			each[j] = criterion_with(a, s, &criteria->u.items[j], u,
						 &uo->criteria[j],
						 met ? &met[k] : NULL, learners);
		*criteria = value_list(each, uo->ncriteria);
		value_put(&o, "guidance_blocks",
			  blocks_value(a, &uo->guidance_blocks));
		copies[i] = value_obj_done(&o);
	}
	*outcomes = value_list(copies, u->noutcomes);
	copies = value_items(a, u->ngroups);
	for (size_t i = 0; i < u->ngroups; i++)
		copies[i] = group_with(a, s, &groups->u.items[i], u, &u->groups[i],
				       req_met, learners);
	*groups = value_list(copies, u->ngroups);
	copies = value_items(a, u->nsections);
	for (size_t i = 0; i < u->nsections; i++)
		copies[i] = with(a, &sections->u.items[i], "blocks",
				 blocks_value(a, &u->sections[i].blocks));
	*sections = value_list(copies, u->nsections);
}

static void put_prose_blocks(struct arena *a, struct value_obj *view,
			     const struct unit *u)
{
	value_put(view, "intro_blocks", blocks_value(a, &u->intro_blocks));
	value_put(view, "requirements_blocks",
		  blocks_value(a, &u->requirements_blocks));
}

/* ---- a unit and its cohort --------------------------------------------- */

/* The unit's counts, from s->unit_needs: of the learners with a portfolio
 * on it (*learners), how many met each criterion (met[], in unit order)
 * and requirement (req_met[]). */
static void unit_counts(const struct view_shared *s, const struct unit *u,
			size_t *met, size_t *req_met, size_t *learners)
{
	const struct needs_view_unit *un =
		&s->unit_needs[model_unit_index(s->m, u)];

	*learners = un->learners;
	for (size_t c = 0; c < u->ncriteria; c++)
		met[c] = un->learners - un->nmissing[c];
	for (size_t r = 0; r < u->nrequirements; r++)
		req_met[r] = un->learners - un->nmissing[u->ncriteria + r];
}

struct value view_unit(struct arena *a, const struct view_shared *s,
		       const struct unit *u, const char *root)
{
	size_t *met = calloc(u->ncriteria + 1, sizeof(*met)), learners;
	size_t *req_met = calloc(u->nrequirements + 1, sizeof(*req_met));
	struct value_obj view = unit_members(a, u, false, 8);

	unit_counts(s, u, met, req_met, &learners);
	add_blocks(a, s, &view, u, met, req_met, learners);
	free(met);
	free(req_met);
	outlines(&view, u);
	put_prose_blocks(a, &view, u);
	put_section_order(a, &view, u);
	value_put(&view, "cohort_learners", value_int((long long)learners));
	value_put(&view, "sheet_href", url_value(a, URL_SHEET, u->id, NULL));
	return page_context(a, page(a, VIEW_UNIT,
				    value_text(u->title ? u->title : u->id),
				    url_value(a, URL_UNIT, u->id, NULL), root),
			    "unit", value_obj_done(&view));
}

/* ---- who still needs a criterion or requirement ------------------------ */

/* Why a portfolio has not met this criterion or requirement yet. */
static const char *unmet_reason(const struct xref_coverage *c)
{
	if (c->nevidence)
		return "needs observation";
	if (c->nuncounted)
		return "only evidence that does not count";
	return "no evidence yet";
}

/* A portfolio that still needs it: {id, name, cohort, assessor,
 * assessor_name, href, status, status_label, percent, reason}. */
static struct value needs_row(struct arena *a, const struct view_shared *s,
			      const struct portfolio *p,
			      const struct xref_coverage *c)
{
	const struct learner *l = p->learner;
	struct value_obj o = value_obj_new(a, 10);

	value_put(&o, "id", value_text(l->id));
	value_put(&o, "name", value_text(l->name ? l->name : l->id));
	value_put(&o, "cohort", value_text(l->cohort));
	value_put(&o, "assessor", value_text(l->assessor));
	value_put(&o, "assessor_name",
		  value_text(model_assessor_name(s->m, l->assessor)));
	value_put(&o, "href", url_value(a, URL_PORTFOLIO, l->id, p->unit->id));
	value_put(&o, "status", value_text(xref_status_name(p->status)));
	value_put(&o, "status_label", value_text(view_status_label(p->status)));
	value_put(&o, "percent", value_int(p->percent));
	value_put(&o, "reason", value_text(unmet_reason(c)));
	return value_obj_done(&o);
}

/*
 * The parts of who still needs an item, missing[0..n) split into pages
 * of NEEDS_VIEW_ROWS (part_entry each).
 */
static struct value needs_parts(struct arena *a, enum url_page url,
				const char *unit, const char *id,
				const struct portfolio *const *missing, size_t n,
				size_t current)
{
	size_t parts = NEEDS_VIEW_PARTS(n);
	struct value *list = value_items(a, parts);

	for (size_t k = 0; k < parts && n; k++) {
		size_t last = (k + 1) * NEEDS_VIEW_ROWS;

		list[k] = part_entry(a, k + 1, current,
				     url_part_value(a, url, unit, id, k + 1),
				     missing[k * NEEDS_VIEW_ROWS]->learner,
				     missing[(last < n ? last : n) - 1]->learner);
	}
	return value_list(list, n ? parts : 0);
}

struct value view_needs(struct arena *a, const struct view_shared *s,
			const struct unit *u, size_t item, bool requirement,
			size_t part, const char *root)
{
	const struct unit_criterion *c = requirement ? NULL : u->criteria[item];
	const struct unit_requirement *r = requirement ? u->requirements[item] : NULL;
	const char *id = requirement ? r->id : c->id;
	enum url_page url = requirement ? URL_REQUIREMENT : URL_CRITERION;
	struct value_obj view = value_obj_new(a, 22);
	const struct needs_view_unit *un =
		&s->unit_needs[model_unit_index(s->m, u)];
	size_t k = requirement ? u->ncriteria + item : item;
	const struct portfolio *const *missing = un->missing[k];
	size_t n = un->nmissing[k], learners = un->learners, parts, from, to;
	struct value *rows;
	struct buf title = BUF_INIT;
	struct value title_value;

	/* The writer asks only for parts there are (it counts them from
	 * the same lists). */
	parts = NEEDS_VIEW_PARTS(n);
	if (part < 1 || part > parts)
		part = 1;
	from = (part - 1) * NEEDS_VIEW_ROWS;
	to = from + NEEDS_VIEW_ROWS < n ? from + NEEDS_VIEW_ROWS : n;
	rows = value_items(a, to - from);
	for (size_t i = from; i < to; i++)
		rows[i - from] = needs_row(a, s, missing[i],
					   needs_view_coverage(missing[i], k));
	value_put(&view, "unit", unit_info(s, u));
	value_put(&view, "id", value_text(id));
	value_put(&view, "form", requirement ? value_null() : value_text(c->form));
	value_put(&view, "text", value_text(requirement ? r->text : c->text));
	value_put(&view, "requirement", value_bool(requirement));
	value_put(&view, "observe", value_bool(!requirement && c->observe));
	value_put(&view, "outcome", requirement ? value_null() :
		  value_text(c->outcome->code));
	value_put(&view, "outcome_title", requirement ? value_null() :
		  value_text(c->outcome->title));
	value_put(&view, "learners", value_int((long long)learners));
	value_put(&view, "met", value_int((long long)(learners - n)));
	value_put(&view, "missing", value_int((long long)n));
	value_put(&view, "has_missing", value_bool(n > 0));
	value_put(&view, "rows", value_list(rows, to - from));
	value_put(&view, "part", value_int((long long)part));
	put_parts(&view, needs_parts(a, url, u->id, id, missing, n, part), parts,
		  part > 1 ? url_part_value(a, url, u->id, id, part - 1) :
			     value_null(),
		  part < parts ? url_part_value(a, url, u->id, id, part + 1) :
				 value_null());
	value_put(&view, "rows_from", value_int((long long)(n ? from + 1 : 0)));
	value_put(&view, "rows_to", value_int((long long)to));
	buf_printf(&title, "Who still needs %s%s: %s",
		   requirement ? "requirement " : "", id,
		   u->title ? u->title : u->id);
	if (parts > 1)
		buf_printf(&title, ", part %zu of %zu", part, parts);
	title_value = value_copy(a, buf_cstr(&title), title.len);
	buf_free(&title);
	return page_context(a, page(a, VIEW_NEEDS, title_value,
				    url_part_value(a, url, u->id, id, part), root),
			    "needs", value_obj_done(&view));
}

/* ---- a blank record sheet ---------------------------------------------- */

/* [{no: 1}, ..., {no: n}] */
static struct value numbered(struct arena *a, int n)
{
	struct value *list = value_items(a, (size_t)n);

	for (int i = 1; i <= n; i++) {
		struct value_obj o = value_obj_new(a, 1);

		value_put(&o, "no", value_int(i));
		list[i - 1] = value_obj_done(&o);
	}
	return value_list(list, (size_t)n);
}

struct value view_sheet(struct arena *a, const struct unit *u, const char *root)
{
	struct value_obj view = unit_members(a, u, false, 4);

	add_blocks(a, NULL, &view, u, NULL, NULL, 0);
	outlines(&view, u);
	put_prose_blocks(a, &view, u);
	value_put(&view, "href", url_value(a, URL_UNIT, u->id, NULL));
	value_put(&view, "rows", numbered(a, SHEET_ROWS));
	value_put(&view, "occasion_columns", numbered(a, SHEET_OCCASIONS));
	return page_context(a, page(a, VIEW_SHEET,
				    value_text(u->title ? u->title : u->id),
				    url_value(a, URL_SHEET, u->id, NULL), root),
			    "sheet", value_obj_done(&view));
}

/* {page} alone: the pack's own context is the shared root's `pack`. */
/* {page}: a page whose own context is only its page (the rest is the
 * shared site's). */
static struct value page_only(struct arena *a, enum view_kind kind,
			      const char *title, enum url_page url,
			      const char *root)
{
	struct value_obj o = value_obj_new(a, 1);

	value_put(&o, "page", page(a, kind, value_text(title),
				   url_value(a, url, NULL, NULL), root));
	return value_obj_done(&o);
}

struct value view_pack(struct arena *a, const char *root)
{
	return page_only(a, VIEW_PACK, "External verification pack",
			 URL_INDEX, root);
}

struct value view_units(struct arena *a, const char *root)
{
	return page_only(a, VIEW_UNITS, "Units", URL_UNITS, root);
}

/* ---- the claims ready now ---------------------------------------------- */

struct value view_claims(struct arena *a, const struct view_shared *s,
			 const char *root)
{
	struct claims c;
	struct value list;

	claims_list(&c, s->m, s->x);
	list = claims_view_list(a, s->m, &c);
	claims_free(&c);
	return page_context(a, page(a, VIEW_CLAIMS, value_text("Claims"),
				    url_value(a, URL_CLAIMS, NULL, NULL), root),
			    "claims", list);
}

/* ---- a learner's qualifications ---------------------------------------- */

/* A group's rule in words: "every unit", "at least 1 unit, at most 12
 * credits". */
static struct value group_rule(struct arena *a,
			       const struct qualification_group *g)
{
	struct buf b = BUF_INIT;
	struct value v;
	const struct { long n; const char *what; } limits[] = {
		{ g->min_units, "at least %ld unit%s" },
		{ g->max_units, "at most %ld unit%s" },
		{ g->min_credits, "at least %ld credit%s" },
		{ g->max_credits, "at most %ld credit%s" },
	};

	if (g->mandatory)
		buf_puts(&b, "every unit");
	for (size_t i = 0; i < 4; i++) {
		if (limits[i].n < 0)
			continue;
		if (b.len)
			buf_puts(&b, ", ");
		buf_printf(&b, limits[i].what, limits[i].n,
			   limits[i].n == 1 ? "" : "s");
	}
	v = value_copy(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return v;
}

/* A unit of a group as the learner stands on it. */
static struct value group_unit(struct arena *a, const struct xref *x,
			       const struct qualify_progress *q,
			       const struct unit *u, bool first)
{
	const struct portfolio *p = xref_find(x, q->learner, u);
	struct value_obj o = value_obj_new(a, 11);

	value_put(&o, "first", value_bool(first));
	value_put(&o, "unit", value_text(u->id));
	value_put(&o, "unit_title", value_text(u->title ? u->title : u->id));
	value_put(&o, "number", value_text(u->number));
	value_put(&o, "credit", u->credit >= 0 ? value_int(u->credit) : value_null());
	value_put(&o, "taken", value_bool(qualify_takes(q, u)));
	value_put(&o, "has", value_bool(p != NULL));
	value_put(&o, "status", p ? value_text(xref_status_name(p->status)) :
		  value_null());
	value_put(&o, "status_label", p ? value_text(view_status_label(p->status)) :
		  value_null());
	value_put(&o, "percent", p ? value_int(p->percent) : value_null());
	value_put(&o, "href", p ? url_value(a, URL_PORTFOLIO, q->learner->id,
					    u->id) : value_null());
	return value_obj_done(&o);
}

/* One qualification: the export's members, its groups with their units
 * and rules, and the specification's facts and notes. */
static struct value progress_view(struct arena *a, const struct xref *x,
				  const struct qualify_progress *q)
{
	const struct qualification *qual = q->qualification;
	struct value_obj o = value_obj_new(a, EXPORT_PROGRESS_MEMBERS + 10);
	struct value *groups, *copies = value_items(a, qual->ngroups);

	export_progress_members(a, q, &o);
	groups = slot(&o, "groups");
	for (size_t g = 0; g < qual->ngroups; g++) {
		const struct qualification_group *group = &qual->groups[g];
		struct value_obj go = value_obj_with(a, &groups->u.items[g], 3);
		struct value *units = value_items(a, group->nunits);

		for (size_t k = 0; k < group->nunits; k++)
			units[k] = group_unit(a, x, q, group->units[k], k == 0);
		value_put(&go, "rule", group_rule(a, group));
		value_put(&go, "span", value_int((long long)group->nunits));
		value_put(&go, "units", value_list(units, group->nunits));
		copies[g] = value_obj_done(&go);
	}
	*groups = value_list(copies, qual->ngroups);
	value_put(&o, "status_label", value_text(view_qualify_label(q->status)));
	value_put(&o, "claimable", value_bool(q->status == QUALIFY_CLAIMABLE));
	value_put(&o, "has_needed", value_bool(q->nneeded > 0));
	value_put(&o, "awarding_body", value_text(qual->awarding_body));
	value_put(&o, "level", value_text(qual->level));
	value_put(&o, "glh", qual->glh >= 0 ? value_int(qual->glh) : value_null());
	value_put(&o, "tqt", qual->tqt >= 0 ? value_int(qual->tqt) : value_null());
	value_put(&o, "notes_html", value_text(qual->notes_html));
	value_put(&o, "notes_blocks", blocks_value(a, &qual->notes_blocks));
	value_put(&o, "file", value_text(qual->file));
	return value_obj_done(&o);
}

struct value view_qualifications(struct arena *a, const struct view_shared *s,
				 size_t li, const char *root)
{
	const struct learner *l = s->m->learners[li];
	struct value_obj view = learner_head(a, s, l, 1);
	size_t n;
	const struct qualify_progress *q = qualify_of(s->x, l, &n);
	struct value *list = value_items(a, n);
	struct buf title = BUF_INIT;
	struct value title_value;

	for (size_t i = 0; i < n; i++)
		list[i] = progress_view(a, s->x, &q[i]);
	value_put(&view, "progress", value_list(list, n));
	buf_printf(&title, "%s: qualifications", l->name ? l->name : l->id);
	title_value = value_copy(a, buf_cstr(&title), title.len);
	buf_free(&title);
	return page_context(a, page(a, VIEW_QUALIFICATIONS, title_value,
				    url_value(a, URL_QUALIFICATIONS, l->id, NULL),
				    root),
			    "qualifications", value_obj_done(&view));
}

/* ---- an assessor's caseload ------------------------------------------- */

struct value view_assessor(struct arena *a, const struct view_shared *s,
			   const char *initials, const char *root)
{
	const char *name = model_assessor_name(s->m, initials);
	struct buf title = BUF_INIT;
	struct value title_value;

	buf_printf(&title, "Caseload: %s", name ? name : initials);
	title_value = value_copy(a, buf_cstr(&title), title.len);
	buf_free(&title);
	return page_context(a, page(a, VIEW_ASSESSOR, title_value,
				    url_value(a, URL_ASSESSOR, initials, NULL),
				    root),
			    "assessor",
			    caseload_view_assessor(a, s->m, s->x, initials));
}
