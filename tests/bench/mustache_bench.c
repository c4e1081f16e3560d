/*
 * mustache_bench.c - how fast the Mustache engine renders a portfolio page.
 *
 * One learner's page of about 20 KB: a header, a 40-row table of units
 * (each row a partial with escaping and nested sections for its evidence)
 * and a summary.  The template is compiled once and rendered RENDERS times
 * into one reused buffer; the figures are output MB/s and renders per
 * second (plus compiles per second).  Prints figures, never fails on time.
 *
 *   usage: mustache_bench [RENDERS]      (default 5000)
 */
#include "base/buf.h"
#include "base/diag.h"
#include "base/mem.h"
#include "render/mustache.h"
#include "base/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *page =
	"<!doctype html>\n"
	"<html lang=\"en\">\n"
	"<head><title>{{learner.name}} - {{centre}}</title></head>\n"
	"<body>\n"
	"  <header>\n"
	"    <h1>{{learner.name}}</h1>\n"
	"    <p>{{learner.qualification}} &middot; cohort {{learner.cohort}}</p>\n"
	"  </header>\n"
	"  <table class=\"units\">\n"
	"    <thead><tr><th>Unit</th><th>Title</th><th>Met</th>"
	"<th>Evidence</th></tr></thead>\n"
	"    <tbody>\n"
	"      {{#units}}\n"
	"      {{>unit-row}}\n"
	"      {{/units}}\n"
	"    </tbody>\n"
	"  </table>\n"
	"  {{#summary}}\n"
	"  <p class=\"summary\">{{met}} of {{total}} criteria met "
	"({{percent}}%)</p>\n"
	"  {{/summary}}\n"
	"  {{^units}}<p>No units.</p>{{/units}}\n"
	"</body>\n"
	"</html>\n";

static const char *unit_row =
	"<tr class=\"{{#complete}}done{{/complete}}{{^complete}}open{{/complete}}\">\n"
	"  <td>{{code}}</td>\n"
	"  <td>{{title}}</td>\n"
	"  <td>{{met}}/{{criteria}}</td>\n"
	"  <td>\n"
	"    {{#evidence}}\n"
	"    <a href=\"evidence/{{id}}.html\" title=\"{{note}}\">{{id}}</a>"
	" ({{date}})\n"
	"    {{/evidence}}\n"
	"    {{^evidence}}none yet{{/evidence}}\n"
	"  </td>\n"
	"</tr>\n";

static int load_row(void *ctx, const char *name, char **source, size_t *len,
		    char **label)
{
	(void)ctx;
	if (strcmp(name, "unit-row") != 0)
		return 1;
	*source = mem_strdup(unit_row);
	*len = strlen(unit_row);
	*label = mem_strdup("unit-row.mustache");
	return 0;
}

static json_t *unit(int i)
{
	json_t *evidence = json_array();
	char code[16], title[96];

	snprintf(code, sizeof(code), "U%03d", 200 + i);
	snprintf(title, sizeof(title), "Unit %d: safe isolation & testing of "
		 "<circuits> \"in situ\"", i);
	for (int e = 0; e < 3; e++) {
		char id[24], note[64];

		snprintf(id, sizeof(id), "EV-%03d-%d", i, e);
		snprintf(note, sizeof(note), "Observed by assessor; O'Brien & co "
			 "(%d)", e);
		json_array_append_new(evidence, json_pack("{s:s, s:s, s:s}",
			"id", id, "note", note, "date", "2026-03-14"));
	}
	return json_pack("{s:s, s:s, s:b, s:i, s:i, s:o}", "code", code,
			 "title", title, "complete", i % 3 == 0, "met", i % 9,
			 "criteria", 9, "evidence", evidence);
}

static json_t *data(void)
{
	json_t *units = json_array();

	for (int i = 0; i < 40; i++)
		json_array_append_new(units, unit(i));
	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:i, s:i, s:f}}",
			 "centre", "Northgate College",
			 "learner", "name", "Sam O'Neill <apprentice>",
			 "qualification", "Level 3 Electrotechnical",
			 "cohort", "2025-A", "units", units, "summary", "met",
			 214, "total", 360, "percent", 59.44);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int renders = argc > 1 ? atoi(argv[1]) : 5000;
	struct mustache_env *env = mustache_env_new(load_row, NULL);
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache_template *t;
	struct buf out = BUF_INIT;
	json_t *d = data();
	struct arena arena = ARENA_INIT;
	struct value values;
	const struct value *top = &values;
	double start, secs;
	size_t bytes = 0, size;
	int compiles = 2000;

	start = now();
	for (int i = 0; i < compiles; i++) {
		t = mustache_compile(env, "page.mustache", page, strlen(page),
				     &diags);
		mustache_template_free(t);
	}
	secs = now() - start;
	printf("mustache: compile %.1f us per page template (%d compiles)\n",
	       secs / compiles * 1e6, compiles);
	t = mustache_compile(env, "page.mustache", page, strlen(page), &diags);
	if (!t || mustache_render(t, d, &out, &diags) != 0) {
		fprintf(stderr, "mustache_bench: the benchmark template fails\n");
		return 1;
	}
	size = out.len;
	/* As the site renders: the data turned into values once. */
	values = value_from_json(&arena, d);
	start = now();
	for (int i = 0; i < renders; i++) {
		buf_truncate(&out, 0);
		mustache_render_values(t, &top, 1, &out, &diags);
		bytes += out.len;
	}
	secs = now() - start;
	printf("mustache: %d renders of a %zu-byte page in %.3f s: "
	       "%.0f renders/s, %.1f MB/s of output\n", renders, size, secs,
	       renders / secs, (double)bytes / secs / 1e6);
	buf_free(&out);
	arena_free(&arena);
	json_decref(d);
	mustache_template_free(t);
	mustache_env_free(env);
	diag_list_free(&diags);
	return 0;
}
