/*
 * export.c - building the JSON form of the model (see export.h).
 */
#include "export.h"

#include <stdlib.h>
#include <string.h>

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
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
			 "awarding_body", string_or_null(u->awarding_body),
			 "number", string_or_null(u->number),
			 "urn", string_or_null(u->urn),
			 "level", level_value(u->level),
			 "credit", count_or_null(u->credit),
			 "glh", count_or_null(u->glh));
	json_object_set_new(unit, "methods", methods);
	json_object_set_new(unit, "method_key", method_key);
	json_object_set_new(unit, "simulation", json_boolean(u->simulation));
	json_object_set_new(unit, "occasions", json_integer(u->occasions));
	json_object_set_new(unit, "nos", nos);
	json_object_set_new(unit, "criteria_count",
			    json_integer((json_int_t)unit_criteria_count(u)));
	json_object_set_new(unit, "requirements_count",
			    json_integer((json_int_t)unit_requirements_count(u)));
	json_object_set_new(unit, "intro_html", json_string(u->intro_html));
	json_object_set_new(unit, "outcomes", outcomes);
	json_object_set_new(unit, "requirements_html",
			    json_string(u->requirements_html));
	json_object_set_new(unit, "requirements", groups);
	json_object_set_new(unit, "sections", sections);
	json_object_set_new(unit, "file", json_string(u->file));
	return unit;
}

json_t *export_model(const struct model *m, const struct diag_list *diags)
{
	json_t *units = json_array();

	for (size_t i = 0; i < m->nunits; i++)
		json_array_append_new(units, export_unit(m->units[i]));
	return json_pack("{s:o, s:o}", "units", units,
			 "diagnostics", diag_list_to_json(diags));
}
