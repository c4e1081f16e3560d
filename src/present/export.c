/*
 * export.c - building the JSON form of the model (see export.h).
 */
#include "present/export.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/jsonarena.h"
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

json_t *export_text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *summary_html(const struct evidence *e)
{
	struct buf made = BUF_INIT;
	json_t *s = export_text_or_null(evidence_summary_html(e, &made));

	buf_free(&made);
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

json_t *export_extra(const struct extra_field *extra, size_t n)
{
	json_t *object = json_object();

	for (size_t i = 0; i < n; i++)
		json_object_set_new(object, extra[i].name,
				    export_text_or_null(extra[i].value));
	return object;
}

json_t *export_extra_list(const struct extra_field *extra, size_t n)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++)
		if (extra[i].value)
			json_array_append_new(list, json_pack("{s:s, s:s}",
				"name", extra[i].name, "value", extra[i].value));
	return list;
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
	row = json_pack("{s:s, s:s, s:o, s:s, s:b, s:s, s:b, s:b, s:o, s:o}",
			"ref", e->ref,
			"unit", e->unit->id,
			"date", export_date_or_null(true, e->date),
			"method", e->method,
			"simulated", e->simulated,
			"counts", xref_counts_name(xref_row_counts(e)),
			"after_today", e->future,
			"before_start", e->before_start,
			"criteria", criteria,
			"requirements", requirements);
	json_object_set_new(row, "summary_html", summary_html(e));
	json_object_set_new(row, "assessor", json_string(e->assessor));
	json_object_set_new(row, "location", export_text_or_null(e->location));
	json_object_set_new(row, "extra", export_extra(e->extra, e->nextra));
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
			    "extra", export_extra(l->extra, l->nextra));
	json_object_set_new(learner, "portfolios", portfolios);
	json_object_set_new(learner, "evidence", evidence);
	return learner;
}

json_t *export_assessor(const struct assessor *a)
{
	json_t *risk = a->risk == RISK_UNKNOWN ? json_null()
		: json_string(risk_name(a->risk));

	return json_pack("{s:s, s:o, s:s, s:o, s:o, s:o}",
			 "initials", a->initials,
			 "name", export_text_or_null(a->name),
			 "role", assessor_role_name(a->role),
			 "risk", risk,
			 "qualified", export_date_or_null(a->has_qualified, a->qualified),
			 "extra", export_extra(a->extra, a->nextra));
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
	json_object_set_new(record, "extra", export_extra(q->extra, q->nextra));
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

/*
 * Writing the model.  As one jansson tree the model of a large centre
 * is several times its JSON text (a value per field, a hash table per
 * object), and building and freeing it was most of an export.  So the
 * top-level object is written here, member by member, and each item of
 * its arrays is built in a jsonarena, dumped and dropped at once, as
 * the site does a page.  jansson dumps every item with the flags a dump
 * of the whole tree would take, at depth 0; the text is then indented
 * to the item's depth by adding spaces after each line break.  That is
 * exact because JSON text breaks lines only where the indenting does (a
 * string's line breaks are escaped), and it gives the bytes of one dump
 * of the whole tree, which test_export checks.
 */
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_ENCODE_ANY)

/* Text is handed to the sink in pieces of about this size. */
#define PIECE_SIZE 65536

struct writer {
	const struct model *m;
	const struct xref *x;
	struct buf text;            /* not yet handed to the sink */
	export_sink *sink;
	void *data;
	size_t indent;              /* spaces after each line break */
	char *dump;                 /* one value as jansson dumps it */
	size_t dump_cap;
	int failed;                 /* 0, or export_write()'s error */
	struct jsonarena arena;
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

/* Text dumped at depth 0, indented by w->indent after each line break. */
static void put_indented(struct writer *w, const char *s, size_t len)
{
	static const char spaces[] = "        ";
	const char *end = s + len, *line_end;

	for (; s < end; s = line_end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		line_end = nl ? nl + 1 : end;
		put(w, s, (size_t)(line_end - s));
		if (nl)
			put(w, spaces, w->indent);
	}
}

/*
 * jansson dumps into one buffer kept for every value (json_dumpb), not
 * through a callback: a callback is called per token, often per byte.
 */
static void put_value(struct writer *w, const json_t *value, size_t indent)
{
	size_t n = value ? json_dumpb(value, w->dump, w->dump_cap, DUMP_FLAGS) : 0;

	if (n > w->dump_cap) {
		w->dump = mem_array_grow(w->dump, &w->dump_cap, n, 1);
		n = json_dumpb(value, w->dump, w->dump_cap, DUMP_FLAGS);
	}
	if (n == 0) {
		w->failed = w->failed ? w->failed : EXPORT_NOT_JSON;
		return;
	}
	w->indent = indent;
	put_indented(w, w->dump, n);
}

/* `,` after the member before, the key of the next: "  \"key\": ". */
static void put_key(struct writer *w, const char *key, bool first)
{
	json_t *name = json_string(key);

	put(w, first ? "\n  " : ",\n  ", first ? 3 : 4);
	put_value(w, name, 0);
	put(w, ": ", 2);
	json_decref(name);
}

/*
 * One member whose value is an array of n items, item(w, i) building
 * each: every item lives in the arena only while it is dumped.
 */
static void put_array(struct writer *w, const char *key, bool first,
		      size_t n, json_t *(*item)(const struct writer *, size_t))
{
	put_key(w, key, first);
	if (n == 0) {
		put(w, "[]", 2);
		return;
	}
	put(w, "[\n    ", 6);
	for (size_t i = 0; i < n && !w->failed; i++) {
		json_t *value;

		if (i)
			put(w, ",\n    ", 6);
		jsonarena_activate(&w->arena);
		value = item(w, i);
		put_value(w, value, 4);
		jsonarena_activate(NULL);
		jsonarena_reset(&w->arena);
	}
	put(w, "\n  ]", 4);
}

static json_t *unit_item(const struct writer *w, size_t i)
{
	return export_unit(w->m->units[i]);
}

static json_t *learner_item(const struct writer *w, size_t i)
{
	return export_learner(w->m, w->x, i);
}

static json_t *assessor_item(const struct writer *w, size_t i)
{
	return export_assessor(w->m->assessors[i]);
}

static json_t *iqa_item(const struct writer *w, size_t i)
{
	return export_iqa(w->m, i);
}

int export_write(const struct model *m, const struct xref *x,
		 const json_t *tail, export_sink *sink, void *data)
{
	struct writer w = { .m = m, .x = x, .sink = sink, .data = data };
	json_t *centre = export_centre(m);
	const char *key;
	json_t *value;

	jsonarena_install();
	put(&w, "{", 1);
	put_key(&w, "centre", true);
	put_value(&w, centre, 2);
	json_decref(centre);
	put_array(&w, "units", false, m->nunits, unit_item);
	put_array(&w, "learners", false, m->nlearners, learner_item);
	put_array(&w, "assessors", false, m->nassessors, assessor_item);
	put_array(&w, "iqa", false, m->niqa, iqa_item);
	json_object_foreach((json_t *)tail, key, value) {
		put_key(&w, key, false);
		put_value(&w, value, 2);
	}
	put(&w, "\n}\n", 3);
	flush(&w);
	buf_free(&w.text);
	free(w.dump);
	jsonarena_free(&w.arena);
	return w.failed;
}
