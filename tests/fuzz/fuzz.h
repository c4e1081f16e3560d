/*
 * fuzz.h - the fuzzing entry points, shared by the libFuzzer targets
 * (tests/fuzz/fuzz_*.c) and by the regression replay that `make test` runs
 * (tests/unit/test_fuzz_regressions.c), so a saved input is replayed
 * exactly as the fuzzer ran it.
 *
 *   fuzz_unit(data, size)      unit_parse() on the bytes as a unit file,
 *                              then lookups of everything it found
 *   fuzz_qualification(data, size)  qualification_parse() on the bytes
 *                              as a qualification file, against three
 *                              units a, b, c, then its groups' and barred
 *                              sets' units
 *   fuzz_standard(data, size)  standard_parse() on the bytes as a
 *                              standard's JSON; a usable one is written
 *                              as a unit (standard_md) and read back by
 *                              unit_parse(), which must give every KSB
 *                              and duty back
 *   fuzz_csv(data, size)       csvfile_parse(), then the typed field
 *                              readers (dates, yes/no, base64 keys, id
 *                              lists) and
 *                              the column mapping; bytes that are not
 *                              UTF-8 are also converted from
 *                              Windows-1252 and parsed again
 *   fuzz_csv_diff(data, size)  csvfile_parse() both ways, with the fast
 *                              path and with libcsv alone
 *                              (csvfile_parse_with): any difference at all
 *                              is a broken promise
 *   fuzz_config(data, size)    config_parse() on the bytes as folio.yml:
 *                              every setting within what its key allows
 *                              (percentages, the sign-off's roles), every
 *                              string UTF-8, and the encoding for a few
 *                              paths looked up
 *   fuzz_centre(data, size)    a whole centre from one input (layout
 *                              below), loaded as folio loads one
 *                              (model_load, from memory), judged
 *                              (judge_centre) and exported: the export
 *                              must be JSON that jansson reads back;
 *                              then sampled, its claims listed, diffed
 *                              against itself (nothing changed) and
 *                              every page of the site rendered, each
 *                              name the built-in theme uses found
 *   fuzz_record(data, size)    record_parse() on the bytes as a site's
 *                              record (.folio-pages, which a later build
 *                              reads back): one it takes, written again
 *                              with record_add(), parses to the same
 *                              learners in the same order
 *   fuzz_mustache(data, size)  a template, JSON data and up to three
 *                              partials from one input, compiled and
 *                              rendered, and what it reads walked
 *                              (fuzz_uses; layout below)
 *
 * Each checks what the module promises (UTF-8 strings, lookups finding
 * what was parsed, rows as wide as the header...) and abort()s when a
 * promise is broken, so a broken promise is a crash like any other.  Each
 * frees everything: a leak is a bug.  data need not be NUL-terminated and
 * is never read past size.
 *
 * Centre input layout: split at NUL bytes into the files
 *
 *   learners.csv \0 evidence/a.csv \0 assessors.csv \0 iqa.csv \0
 *   signoffs.csv \0 otj/a.csv \0 reviews.csv \0 folio.yml \0
 *   qualifications/q.md
 *
 * beside two fixed units (t and u, FUZZ_UNIT_T and FUZZ_UNIT_U); a file
 * the input does not reach is not there, and today is 2026-06-30.
 *
 * Mustache input layout: byte 0 holds flags, the rest is split at NUL
 * bytes into
 *
 *   TEMPLATE \0 JSON-DATA \0 NAME\nPARTIAL \0 NAME\nPARTIAL \0 NAME\nPARTIAL
 *
 * Missing pieces are empty; JSON that does not parse renders against null.
 * A partial's name is its first line (a partial without a newline has an
 * empty body).  The partial "unreadable" is always there but cannot be
 * read: the loader fails with EIO.  Flags: bit 0 escapes with the
 * Markdown escaper instead of HTML; bit 1 renders with
 * mustache_render_stack(), each element of a JSON array data being one
 * context; bit 2 also fetches the first partial with mustache_env_get().
 *
 * Rendering may do work exponential in the input (sections nested over
 * arrays, partials recursing over nested data): that is Mustache, not a
 * bug, and the engine stops such a render with an error past its limits.
 * Its own limits (100,000,000 steps) take seconds to reach under the
 * sanitizers, which the fuzzer reports as slow units, so each render here
 * gets FUZZ_MAX_OUTPUT bytes and FUZZ_MAX_STEPS steps: the same code
 * path, reached in milliseconds.
 */
#ifndef FOLIO_FUZZ_H
#define FOLIO_FUZZ_H

#include "base/arena.h"
#include "base/buf.h"
#include "read/csvfile.h"
#include "read/csvrow.h"
#include "base/date.h"
#include "base/diag.h"
#include "present/diag_json.h"
#include "base/encoding.h"
#include "base/mem.h"
#include "render/mustache.h"
#include "present/standard_md.h"
#include "read/config.h"
#include "read/model.h"
#include "judge/judge.h"
#include "present/export.h"
#include "present/sample_json.h"
#include "judge/claims.h"
#include "judge/diff.h"
#include "judge/sample.h"
#include "write/site.h"
#include "read/qualification.h"
#include "read/role.h"
#include "read/standard.h"
#include "read/unit.h"
#include "base/utf8.h"
#include "base/value.h"
#include "base/hash.h"
#include "write/record.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Each file uses some of these only. */
#define FUZZ_FN static __attribute__((unused))

/* A broken promise: abort, so that the fuzzer saves the input. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: fuzz check failed: %s\n", \
			__FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* The render limits fuzz_mustache() sets (see above). */
#define FUZZ_MAX_OUTPUT ((size_t)1 << 20)
#define FUZZ_MAX_STEPS ((size_t)20000)

FUZZ_FN void fuzz_check_utf8(const char *s)
{
	FUZZ_ASSERT(s != NULL);
	FUZZ_ASSERT(utf8_check(s, strlen(s)) == strlen(s));
}

FUZZ_FN void fuzz_check_utf8_or_null(const char *s)
{
	if (s)
		fuzz_check_utf8(s);
}

FUZZ_FN bool fuzz_has_control(const char *s)
{
	FUZZ_ASSERT(s != NULL);
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* Every diagnostic formats, as text and as JSON that reads back, and
 * reads as UTF-8. */
FUZZ_FN void fuzz_diags(struct diag_list *diags)
{
	struct buf text = BUF_INIT, written = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct value list;
	json_t *json;

	diag_list_sort(diags);
	diag_list_format(diags, false, &text);
	diag_list_format(diags, true, &text);
	list = diag_json_list(&a, diags);
	value_dump(&list, &written);
	json = json_loadb(written.data, written.len, 0, NULL);
	FUZZ_ASSERT(json != NULL);
	FUZZ_ASSERT(json_array_size(json) == diags->count);
	json_decref(json);
	buf_free(&written);
	arena_free(&a);
	/* One line of UTF-8 each, whatever the input held. */
	for (size_t i = 0; i < diags->count; i++) {
		FUZZ_ASSERT(!fuzz_has_control(diags->items[i].file));
		FUZZ_ASSERT(!fuzz_has_control(diags->items[i].message));
		fuzz_check_utf8(diags->items[i].file);
		fuzz_check_utf8(diags->items[i].message);
	}
	buf_free(&text);
}

/* ---- units ------------------------------------------------------------ */

FUZZ_FN void fuzz_unit_lookups(const struct unit *u)
{
	FUZZ_ASSERT(u->id && u->file);
	fuzz_check_utf8(u->id);
	fuzz_check_utf8_or_null(u->title);
	fuzz_check_utf8_or_null(u->awarding_body);
	fuzz_check_utf8_or_null(u->number);
	fuzz_check_utf8_or_null(u->urn);
	fuzz_check_utf8_or_null(u->level);
	fuzz_check_utf8_or_null(u->intro_html);
	fuzz_check_utf8(u->requirements_html);
	for (size_t i = 0; i < u->nnos; i++)
		fuzz_check_utf8(u->nos[i]);
	for (size_t i = 0; i < u->nmethods; i++) {
		const struct unit_method *m = &u->methods[i];

		fuzz_check_utf8(m->code);
		fuzz_check_utf8(m->name);
		FUZZ_ASSERT(unit_find_method(u, m->code) != NULL);
	}
	for (size_t i = 0; i < u->nsections; i++) {
		fuzz_check_utf8(u->sections[i].title);
		fuzz_check_utf8(u->sections[i].html);
	}

	/* The flat view holds each outcome's criteria, in order. */
	size_t k = 0;
	for (size_t i = 0; i < u->noutcomes; i++) {
		const struct unit_outcome *o = &u->outcomes[i];

		fuzz_check_utf8_or_null(o->title);
		fuzz_check_utf8_or_null(o->guidance_html);
		for (size_t j = 0; j < o->ncriteria; j++, k++) {
			FUZZ_ASSERT(k < u->ncriteria);
			FUZZ_ASSERT(u->criteria[k] == &o->criteria[j]);
		}
	}
	FUZZ_ASSERT(k == u->ncriteria);
	for (size_t i = 0; i < u->ncriteria; i++) {
		const struct unit_criterion *c = u->criteria[i], *found;
		size_t len;

		fuzz_check_utf8(c->id);
		fuzz_check_utf8_or_null(c->text);
		fuzz_check_utf8_or_null(c->guidance_html);
		FUZZ_ASSERT(c->index == i);
		found = unit_find_criterion(u, c->id);
		FUZZ_ASSERT(found && strcmp(found->id, c->id) == 0);
		len = strlen(c->id);
		found = unit_find_criterion_n(u, c->id, len);
		FUZZ_ASSERT(found && strcmp(found->id, c->id) == 0);
		/* A prefix is found only as an id of its own. */
		if (len > 0) {
			found = unit_find_criterion_n(u, c->id, len - 1);
			FUZZ_ASSERT(!found || (strlen(found->id) == len - 1 &&
				    strncmp(found->id, c->id, len - 1) == 0));
		}
		FUZZ_ASSERT(u->criteria_by_id[i] != NULL);
		if (i > 0)
			FUZZ_ASSERT(strcmp(u->criteria_by_id[i - 1]->id,
					   u->criteria_by_id[i]->id) <= 0);
	}
	k = 0;
	for (size_t i = 0; i < u->ngroups; i++) {
		const struct unit_requirement_group *g = &u->groups[i];

		fuzz_check_utf8_or_null(g->title);
		fuzz_check_utf8_or_null(g->html);
		for (size_t j = 0; j < g->nitems; j++, k++) {
			FUZZ_ASSERT(k < u->nrequirements);
			FUZZ_ASSERT(u->requirements[k] == &g->items[j]);
		}
	}
	FUZZ_ASSERT(k == u->nrequirements);
	for (size_t i = 0; i < u->nrequirements; i++) {
		const struct unit_requirement *r = u->requirements[i], *found;

		fuzz_check_utf8(r->id);
		fuzz_check_utf8_or_null(r->text);
		FUZZ_ASSERT(r->index == i);
		found = unit_find_requirement(u, r->id);
		FUZZ_ASSERT(found && strcmp(found->id, r->id) == 0);
		found = unit_find_requirement_n(u, r->id, strlen(r->id));
		FUZZ_ASSERT(found && strcmp(found->id, r->id) == 0);
		FUZZ_ASSERT(u->requirements_by_id[i] != NULL);
		if (i > 0)
			FUZZ_ASSERT(strcmp(u->requirements_by_id[i - 1]->id,
					   u->requirements_by_id[i]->id) <= 0);
	}
	FUZZ_ASSERT(unit_find_criterion(u, "no such criterion") == NULL);
	FUZZ_ASSERT(unit_find_requirement(u, "no such requirement") == NULL);
}

FUZZ_FN int fuzz_unit(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct unit *u;

	u = unit_parse(&arena, "fuzz.md", (const char *)data, size, &diags);
	if (u)
		fuzz_unit_lookups(u);
	else
		FUZZ_ASSERT(diags.errors > 0);
	fuzz_diags(&diags);
	diag_list_free(&diags);
	arena_free(&arena);
	return 0;
}

/* The units a qualification may name: a, b (with credits) and c (none). */
FUZZ_FN size_t fuzz_units(struct arena *arena, struct unit *units[3])
{
	static const char *const texts[] = {
		"---\nid: a\ntitle: A\ncredit: 3\n---\n## 1 Do\n- 1.1 Do\n",
		"---\nid: b\ntitle: B\ncredit: 2\n---\n## 1 Do\n- 1.1 Do\n",
		"---\nid: c\ntitle: C\n---\n## 1 Do\n- 1.1 Do\n",
	};
	struct diag_list diags = DIAG_LIST_INIT;

	for (size_t i = 0; i < 3; i++) {
		units[i] = unit_parse(arena, "u.md", texts[i], strlen(texts[i]),
				      &diags);
		FUZZ_ASSERT(units[i] != NULL);
	}
	FUZZ_ASSERT(diags.count == 0);
	diag_list_free(&diags);
	return 3;
}

/* Every unit it names is one of units[0..n), each group's at most once. */
FUZZ_FN void fuzz_qualification_units(const struct qualification *q,
				      struct unit *const *units, size_t n)
{
	fuzz_check_utf8(q->id);
	fuzz_check_utf8(q->title);
	fuzz_check_utf8(q->notes_html);
	for (size_t i = 0; i < q->ngroups; i++) {
		const struct qualification_group *g = &q->groups[i];

		fuzz_check_utf8(g->id);
		FUZZ_ASSERT(g->mandatory == (g->min_units < 0 && g->max_units < 0 &&
					     g->min_credits < 0 && g->max_credits < 0));
		for (size_t k = 0; k < g->nunits; k++)
			FUZZ_ASSERT(unit_find(units, n, g->units[k]->id) == g->units[k]);
	}
	for (size_t i = 0; i < q->nbarred; i++)
		for (size_t k = 0; k < q->barred[i].nunits; k++)
			FUZZ_ASSERT(unit_find(units, n, q->barred[i].units[k]->id) ==
				    q->barred[i].units[k]);
	for (size_t i = 0; i < q->nmandatory; i++)
		FUZZ_ASSERT(qualification_group_of(q, q->mandatory[i]) != NULL);
}

FUZZ_FN int fuzz_qualification(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct unit *units[3];
	size_t n = fuzz_units(&arena, units);
	struct qualification *q;

	q = qualification_parse(&arena, "fuzz.md", (const char *)data, size,
				units, n, &diags);
	if (q)
		fuzz_qualification_units(q, units, n);
	else
		FUZZ_ASSERT(diags.errors > 0);
	fuzz_diags(&diags);
	diag_list_free(&diags);
	arena_free(&arena);
	return 0;
}

/* A usable standard, written as a unit and read back: every KSB and duty
 * is there again, with the text the standard gave it. */
FUZZ_FN void fuzz_standard_round_trip(const struct standard *s)
{
	struct arena arena = ARENA_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct buf md = BUF_INIT;
	const struct unit *u;
	size_t nksbs = 0;

	for (int k = 0; k < STANDARD_KINDS; k++)
		nksbs += s->nksbs[k];
	standard_md(s, "st", "fuzz.json", &md);
	u = unit_parse(&arena, "st.md", md.data, md.len, &diags);
	FUZZ_ASSERT(u != NULL);
	if (nksbs)
		FUZZ_ASSERT(u->ncriteria == nksbs);
	FUZZ_ASSERT(u->nrequirements == s->nduties);
	for (int k = 0; k < STANDARD_KINDS; k++)
		for (size_t i = 0; i < s->nksbs[k]; i++)
			FUZZ_ASSERT(unit_find_criterion(u, s->ksbs[k][i].code) != NULL);
	fuzz_diags(&diags);
	diag_list_free(&diags);
	buf_free(&md);
	arena_free(&arena);
}

FUZZ_FN int fuzz_standard(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct standard s;

	if (standard_parse(&s, &arena, "fuzz.json", (const char *)data, size,
			   &diags))
		fuzz_standard_round_trip(&s);
	else
		FUZZ_ASSERT(diags.errors > 0);
	fuzz_diags(&diags);
	diag_list_free(&diags);
	arena_free(&arena);
	return 0;
}

/* ---- CSV ---------------------------------------------------------------- */

#define FUZZ_CSV_READ_FIELDS 256

/* What the learners and evidence readers do with a field, on every field. */
FUZZ_FN void fuzz_csv_field(struct arena *arena, const struct csvfile *f,
			   const struct csvfile_record *r, int col,
			   struct diag_list *diags)
{
	const char *name = f->header[col];
	int32_t day;
	bool bad = false, yes;
	size_t n;
	const char **items;
	uint8_t key[32];

	if (csvrow_date(f, r, col, name, &day, &bad, diags)) {
		char iso[DATE_ISO_SIZE];
		int32_t again;

		FUZZ_ASSERT(day >= DATE_MIN && day <= DATE_MAX);
		date_format(day, iso);
		FUZZ_ASSERT(date_parse(iso, &again) == 0 && again == day);
	} else {
		FUZZ_ASSERT(bad == (csvrow_field(r, col) != NULL));
	}
	(void)csvrow_yes_no(f, r, col, name, &yes, diags);
	(void)csvrow_base64(f, r, col, name, key, sizeof(key), &bad, diags);
	items = csvrow_split(arena, csvrow_field(r, col), &n);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(items[i][0] != '\0');
}

/* The learners' and evidence readers' mapping of known columns. */
FUZZ_FN void fuzz_csv_columns(struct arena *arena, const struct csvfile *f,
			      struct diag_list *diags)
{
	static const struct csvrow_column columns[] = {
		{ "learner", true }, { "date", false }, { "simulated", false },
	};
	int index[3];
	size_t n = sizeof(columns) / sizeof(columns[0]);

	(void)csvrow_map(f, columns, n, index, diags);
	for (size_t r = 0; r < f->nrecords && r < 16; r++) {
		size_t count;
		const struct extra_field *x =
			csvrow_extras(arena, f, &f->records[r], index, n, &count);

		/* Every extra column, its value NULL when the row is empty. */
		FUZZ_ASSERT(count + (size_t)(index[0] >= 0) + (size_t)(index[1] >= 0) +
			    (size_t)(index[2] >= 0) == f->ncolumns);
		for (size_t i = 0; i < count; i++)
			FUZZ_ASSERT(x[i].name && (!x[i].value || x[i].value[0]));
	}
}

FUZZ_FN void fuzz_csv_parse(const char *data, size_t size)
{
	struct csvfile f;
	struct diag_list diags = DIAG_LIST_INIT;
	struct arena arena = ARENA_INIT;
	size_t read = 0;
	int rc;

	rc = csvfile_parse(&f, "fuzz.csv", data, size, &diags);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	if (rc == -1) {
		FUZZ_ASSERT(f.ncolumns == 0 && f.nrecords == 0);
		FUZZ_ASSERT(diags.errors > 0);
	}
	for (size_t i = 0; i < f.ncolumns; i++) {
		int col;

		fuzz_check_utf8(f.header[i]);
		col = csvfile_column(&f, f.header[i]);
		/* Names are distinct: each finds its own column. */
		FUZZ_ASSERT(col == (int)i);
	}
	if (f.ncolumns)
		FUZZ_ASSERT(csvfile_require(&f, "no such column \x01",
					    &diags) == -1);
	for (size_t r = 0; r < f.nrecords; r++) {
		const struct csvfile_record *rec = &f.records[r];

		FUZZ_ASSERT(rec->nfields == f.ncolumns);
		FUZZ_ASSERT(rec->line >= 1);
		FUZZ_ASSERT(rec->line > f.header_line);
		if (r > 0)
			FUZZ_ASSERT(rec->line > f.records[r - 1].line);
		for (size_t c = 0; c < rec->nfields; c++) {
			fuzz_check_utf8(rec->fields[c]);
			/* The readers on the first fields only: they are slow
			 * beside the parser (two diagnostics a field). */
			if (read++ < FUZZ_CSV_READ_FIELDS)
				fuzz_csv_field(&arena, &f, rec, (int)c, &diags);
		}
	}
	fuzz_csv_columns(&arena, &f, &diags);
	fuzz_diags(&diags);
	csvfile_free(&f);
	diag_list_free(&diags);
	arena_free(&arena);
}

FUZZ_FN size_t fuzz_count_byte(const char *s, size_t len, char c)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += s[i] == c;
	return n;
}

/*
 * The bytes as a CSV file; and when they are not UTF-8, converted from
 * Windows-1252 first, as `--encoding windows-1252` reads them.
 */
FUZZ_FN int fuzz_csv(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char *utf8;
	size_t utf8_len, bad;

	fuzz_csv_parse(text, size);
	if (utf8_check(text, size) == size)
		return 0;
	if (encoding_to_utf8("WINDOWS-1252", text, size, &utf8, &utf8_len,
			     &bad) != 0) {
		FUZZ_ASSERT(bad < size);
		return 0;
	}
	/* UTF-8, and every line where it was. */
	FUZZ_ASSERT(utf8[utf8_len] == '\0');
	FUZZ_ASSERT(utf8_check(utf8, utf8_len) == utf8_len);
	FUZZ_ASSERT(fuzz_count_byte(utf8, utf8_len, '\n') ==
		    fuzz_count_byte(text, size, '\n'));
	FUZZ_ASSERT(fuzz_count_byte(utf8, utf8_len, '\r') ==
		    fuzz_count_byte(text, size, '\r'));
	fuzz_csv_parse(utf8, utf8_len);
	free(utf8);
	return 0;
}

/* ---- CSV, the fast path against libcsv ------------------------------------ */

/* The same text, and at the same place in the file's text. */
FUZZ_FN void fuzz_same_field(const struct csvfile *a, const char *fa,
			     const struct csvfile *b, const char *fb)
{
	FUZZ_ASSERT(strcmp(fa, fb) == 0);
	FUZZ_ASSERT(fa - a->text_ == fb - b->text_);
}

FUZZ_FN void fuzz_same_csvfile(const struct csvfile *a,
			       const struct csvfile *b)
{
	FUZZ_ASSERT(a->header_line == b->header_line);
	FUZZ_ASSERT(a->ncolumns == b->ncolumns);
	FUZZ_ASSERT(a->nrecords == b->nrecords);
	for (size_t i = 0; i < a->ncolumns; i++) {
		fuzz_same_field(a, a->header[i], b, b->header[i]);
		FUZZ_ASSERT(a->order_[i] == b->order_[i]);
	}
	for (size_t r = 0; r < a->nrecords; r++) {
		const struct csvfile_record *ra = &a->records[r];
		const struct csvfile_record *rb = &b->records[r];

		FUZZ_ASSERT(ra->line == rb->line);
		FUZZ_ASSERT(ra->nfields == rb->nfields);
		for (size_t c = 0; c < ra->nfields; c++)
			fuzz_same_field(a, ra->fields[c], b, rb->fields[c]);
	}
}

/* In the order found, not sorted: the two must find them alike. */
FUZZ_FN void fuzz_same_diags(const struct diag_list *a,
			     const struct diag_list *b)
{
	FUZZ_ASSERT(a->count == b->count);
	FUZZ_ASSERT(a->errors == b->errors && a->warnings == b->warnings);
	for (size_t i = 0; i < a->count; i++) {
		const struct diag *da = &a->items[i], *db = &b->items[i];

		FUZZ_ASSERT(strcmp(da->file, db->file) == 0);
		FUZZ_ASSERT(da->line == db->line);
		FUZZ_ASSERT(da->column == db->column);
		FUZZ_ASSERT(da->severity == db->severity);
		FUZZ_ASSERT(strcmp(da->message, db->message) == 0);
	}
}

FUZZ_FN int fuzz_csv_diff(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct csvfile fast, slow;
	struct diag_list fast_diags = DIAG_LIST_INIT;
	struct diag_list slow_diags = DIAG_LIST_INIT;
	int fast_rc, slow_rc;

	fast_rc = csvfile_parse_with(&fast, "fuzz.csv", text, size,
				     &fast_diags, true);
	slow_rc = csvfile_parse_with(&slow, "fuzz.csv", text, size,
				     &slow_diags, false);
	FUZZ_ASSERT(fast_rc == slow_rc);
	fuzz_same_csvfile(&fast, &slow);
	fuzz_same_diags(&fast_diags, &slow_diags);
	fuzz_diags(&fast_diags);
	csvfile_free(&fast);
	csvfile_free(&slow);
	diag_list_free(&fast_diags);
	diag_list_free(&slow_diags);
	return 0;
}

/* ---- Mustache ----------------------------------------------------------- */

#define FUZZ_PARTIALS 3

struct fuzz_partial {
	const char *name, *source;
	size_t name_len, len;
};

struct fuzz_partials {
	struct fuzz_partial p[FUZZ_PARTIALS];
	size_t n;
};

FUZZ_FN void fuzz_check_percent(int percent)
{
	FUZZ_ASSERT(percent >= 0 && percent <= 100);
}

FUZZ_FN int fuzz_config(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"learners.csv", "evidence/a.csv", "evidence/sp-2026.csv",
		"otj/2026.csv", "",
	};
	struct arena arena = ARENA_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct config c;

	config_parse(&c, &arena, "folio.yml", data ? (const char *)data : "",
		     size, &diags);
	FUZZ_ASSERT(c.file != NULL);
	for (int k = 0; k < RISK_COUNT; k++)
		fuzz_check_percent(c.sampling_rate[k]);
	FUZZ_ASSERT(c.sampling_rate[RISK_UNKNOWN] == c.sampling_rate[RISK_HIGH]);
	fuzz_check_percent(c.otj.percent);
	fuzz_check_percent(c.behind_percent);
	FUZZ_ASSERT(c.signoff_roles < (1u << ROLE_COUNT));
	FUZZ_ASSERT(c.signoff_roles & (1u << ROLE_ASSESSOR));
	FUZZ_ASSERT(!(c.signoff_roles & (1u << ROLE_COUNTERSIGN)));
	fuzz_check_utf8_or_null(c.name);
	fuzz_check_utf8_or_null(c.number);
	fuzz_check_utf8_or_null(c.units);
	fuzz_check_utf8_or_null(c.qualifications);
	fuzz_check_utf8_or_null(c.learners);
	fuzz_check_utf8_or_null(c.evidence);
	fuzz_check_utf8_or_null(c.assessors);
	fuzz_check_utf8_or_null(c.iqa);
	fuzz_check_utf8_or_null(c.signoffs);
	fuzz_check_utf8_or_null(c.otj_dir);
	fuzz_check_utf8_or_null(c.reviews);
	fuzz_check_utf8_or_null(c.encoding);
	for (size_t i = 0; i < c.nencodings; i++) {
		fuzz_check_utf8(c.encodings[i].pattern);
		fuzz_check_utf8(c.encodings[i].name);
	}
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		fuzz_check_utf8_or_null(config_encoding_for(&c, paths[i]));
	fuzz_diags(&diags);
	diag_list_free(&diags);
	arena_free(&arena);
	return 0;
}

/* The units every fuzzed centre has: methods, an observed criterion, a
 * requirement, occasions and no simulation. */
#define FUZZ_UNIT_T "---\nid: t\ntitle: T\nmethods: O Q PD WT\n" \
	"simulation: false\noccasions: 2\ncredit: 4\n---\n" \
	"## 1 Know\n- 1.1 Greet `observe`\n- 1.2 Listen\n" \
	"## Evidence requirements\n### Documents\n- 2a A document\n"
#define FUZZ_UNIT_U "---\nid: u\ntitle: U\ncredit: 2\n---\n" \
	"## 1 Do\n- 1.1 Act\n"

static const char *const fuzz_centre_files[] = {
	"learners.csv", "evidence/a.csv", "assessors.csv", "iqa.csv",
	"signoffs.csv", "otj/a.csv", "reviews.csv", "folio.yml",
	"qualifications/q.md",
};
#define FUZZ_CENTRE_FILES \
	(sizeof(fuzz_centre_files) / sizeof(fuzz_centre_files[0]))

/* The export's text, gathered. */
FUZZ_FN int fuzz_gather(const char *text, size_t len, void *data)
{
	buf_put(data, text, len);
	return 0;
}

/*
 * What the commands do with a judged centre besides the export: the
 * IQA's sample plan (as JSON), the claims, its diff against itself
 * (which must find nothing changed), and every page of the site in
 * both formats rendered with the built-in theme and its names checked
 * (site_options.check_only: nothing written), which must find every
 * name the theme uses.
 */
FUZZ_FN void fuzz_centre_after(const struct model *m, const struct xref *x,
			       const struct diag_list *model_diags)
{
	struct arena arena = ARENA_INIT;
	struct diag_list site_diags = DIAG_LIST_INIT;
	struct site_options o = { 0 };
	struct site_result result;
	struct sample plan;
	struct claims claims;
	struct diff same;
	struct buf text = BUF_INIT;
	struct value v;

	sample_plan(&plan, m, x);
	v = sample_json_plan(&arena, &plan);
	value_dump(&v, &text);
	FUZZ_ASSERT(utf8_check(text.data, text.len) == text.len);
	sample_free(&plan);
	claims_list(&claims, m, x);
	claims_free(&claims);
	/* A centre against itself: nothing changed. */
	diff_centres(&same, m, x, m, x);
	FUZZ_ASSERT(same.count == 0);
	diff_free(&same);
	o.html = o.md = true;
	o.jobs = 1;
	o.check_templates = o.check_only = true;
	FUZZ_ASSERT(site_build(m, x, model_diags, &o, &result, &site_diags) ==
		    SITE_OK);
	FUZZ_ASSERT(site_diags.count == 0);
	FUZZ_ASSERT(result.pages > 0 && result.written == 0);
	diag_list_free(&site_diags);
	buf_free(&text);
	arena_free(&arena);
}

FUZZ_FN int fuzz_centre(const uint8_t *data, size_t size)
{
	struct fs_text files[FUZZ_CENTRE_FILES + 2];
	size_t n = 0, at = 0;
	struct model_paths paths = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	struct buf json = BUF_INIT;
	struct model m;
	struct xref x;
	json_t *doc;

	files[n++] = (struct fs_text){ "units/t.md", FUZZ_UNIT_T };
	files[n++] = (struct fs_text){ "units/u.md", FUZZ_UNIT_U };
	for (size_t i = 0; i < FUZZ_CENTRE_FILES && at <= size; i++) {
		const uint8_t *nul = size > at ? memchr(data + at, 0, size - at)
					       : NULL;
		size_t len = nul ? (size_t)(nul - (data + at)) : size - at;
		char *text = malloc(len + 1);

		FUZZ_ASSERT(text != NULL);
		if (len)
			memcpy(text, data + at, len);
		text[len] = '\0';
		files[n++] = (struct fs_text){ fuzz_centre_files[i], text };
		at += len + 1;
	}
	paths.today = "2026-06-30";
	paths.summaries_html = true;
	paths.threads = 1;
	paths.texts = files;
	paths.ntexts = n;
	if (model_load(&m, &paths, &diags) == MODEL_OK) {
		judge_centre(&x, &m, &diags);
		FUZZ_ASSERT(export_write(&m, &x, NULL, fuzz_gather, &json) == 0);
		doc = json_loadb(json.data, json.len, 0, NULL);
		FUZZ_ASSERT(doc != NULL);
		FUZZ_ASSERT(json_array_size(json_object_get(doc, "learners")) ==
			    m.nlearners);
		json_decref(doc);
		fuzz_centre_after(&m, &x, &diags);
		xref_free(&x);
	}
	model_free(&m);
	fuzz_diags(&diags);
	diag_list_free(&diags);
	buf_free(&json);
	for (size_t i = 2; i < n; i++)
		free((char *)files[i].text);
	return 0;
}

FUZZ_FN int fuzz_record(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct record r, again;
	size_t entries, entries_again;
	struct buf out = BUF_INIT;

	FUZZ_ASSERT(text != NULL);
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';
	if (record_parse(&r, text, size, &entries)) {
		size_t len;

		buf_printf(&out, "%s%zu\n", RECORD_HEAD, entries);
		for (size_t i = 0; i < r.nentries; i++)
			record_add(&out, r.entries[i].id, r.entries[i].print,
				   r.entries[i].missed);
		len = out.len;
		FUZZ_ASSERT(record_parse(&again, buf_detach(&out), len,
					 &entries_again));
		FUZZ_ASSERT(entries_again == entries);
		FUZZ_ASSERT(again.nentries == r.nentries);
		for (size_t i = 0; i < r.nentries; i++) {
			const struct record_learner *a = &r.entries[i];
			const struct record_learner *b = &again.entries[i];

			FUZZ_ASSERT(strcmp(a->id, b->id) == 0);
			FUZZ_ASSERT(memcmp(a->print, b->print,
					   sizeof(a->print)) == 0);
			FUZZ_ASSERT(a->missed == b->missed);
			FUZZ_ASSERT(record_learner(&r, a->id) != NULL);
		}
		record_free(&again);
	}
	record_free(&r);
	buf_free(&out);
	return 0;
}

FUZZ_FN int fuzz_load(void *ctx, const char *name, char **source, size_t *len,
		     char **label)
{
	const struct fuzz_partials *ps = ctx;

	FUZZ_ASSERT(mustache_name_ok(name, strlen(name)));
	if (strcmp(name, "unreadable") == 0) {
		*label = mem_strdup("unreadable.mustache");
		return -EIO;
	}
	for (size_t i = 0; i < ps->n; i++) {
		const struct fuzz_partial *p = &ps->p[i];

		if (p->name_len == strlen(name) &&
		    memcmp(p->name, name, p->name_len) == 0) {
			*source = mem_strndup(p->source, p->len);
			*len = p->len;
			*label = mem_strndup(p->name, p->name_len);
			return 0;
		}
	}
	return 1;
}

/* The next NUL-terminated piece of [*at, end), or what is left. */
FUZZ_FN const char *fuzz_piece(const char **at, const char *end, size_t *len)
{
	const char *start = *at, *nul;

	if (start >= end) {
		*len = 0;
		return start;
	}
	nul = memchr(start, '\0', (size_t)(end - start));
	*len = nul ? (size_t)(nul - start) : (size_t)(end - start);
	*at = nul ? nul + 1 : end;
	return start;
}

/*
 * What a template reads (mustache_uses_*, which a site build uses to keep
 * pages): the walk ends on any template, and the digest of the data as
 * the template reads it is the same twice.
 */
FUZZ_FN void fuzz_uses(const struct mustache_template *t, const json_t *ctx)
{
	struct mustache_uses *u = mustache_uses_new();
	struct arena a = ARENA_INIT;
	struct value v = ctx ? value_from_json(&a, ctx) : value_null();

	(void)mustache_uses_add(u, t);
	FUZZ_ASSERT(mustache_uses_digest(u, HASH_INIT, &v) ==
		    mustache_uses_digest(u, HASH_INIT, &v));
	FUZZ_ASSERT(mustache_template_digest(HASH_INIT, t) ==
		    mustache_template_digest(HASH_INIT, t));
	mustache_uses_free(u);
	arena_free(&a);
}

FUZZ_FN int fuzz_mustache(const uint8_t *data, size_t size)
{
	const char *at, *end, *tpl, *json;
	size_t tpl_len, json_len;
	unsigned flags;
	struct fuzz_partials ps = { .n = 0 };
	struct mustache_env *env;
	struct mustache_template *t;
	struct diag_list diags = DIAG_LIST_INIT;
	struct buf out = BUF_INIT;
	json_t *ctx;

	if (size == 0)
		return 0;
	flags = data[0];
	at = (const char *)data + 1;
	end = (const char *)data + size;
	tpl = fuzz_piece(&at, end, &tpl_len);
	json = fuzz_piece(&at, end, &json_len);
	while (at < end && ps.n < FUZZ_PARTIALS) {
		struct fuzz_partial *p = &ps.p[ps.n++];
		const char *piece, *nl;
		size_t len;

		piece = fuzz_piece(&at, end, &len);
		nl = memchr(piece, '\n', len);
		p->name = piece;
		p->name_len = nl ? (size_t)(nl - piece) : len;
		p->source = nl ? nl + 1 : piece + len;
		p->len = nl ? len - p->name_len - 1 : 0;
	}

	ctx = json_loadb(json, json_len, JSON_DECODE_ANY | JSON_ALLOW_NUL,
			 NULL);
	env = mustache_env_new(fuzz_load, &ps);
	mustache_env_set_limits(env, FUZZ_MAX_OUTPUT, FUZZ_MAX_STEPS);
	if (flags & 1)
		mustache_env_set_escape(env, mustache_escape_markdown);
	if (flags & 8)
		mustache_env_report_misses(env);
	if ((flags & 4) && ps.n > 0 && ps.p[0].name_len > 0) {
		char *name = mem_strndup(ps.p[0].name, ps.p[0].name_len);
		const struct mustache_template *p;

		if (mustache_name_ok(name, strlen(name))) {
			p = mustache_env_get(env, name, &diags);
			if (p) {
				(void)mustache_render(p, ctx, &out, &diags);
				buf_truncate(&out, 0);
			}
		}
		free(name);
	}
	t = mustache_compile(env, "fuzz.mustache", tpl, tpl_len, &diags);
	if (!t) {
		FUZZ_ASSERT(diags.errors > 0);
	} else {
		int rc;

		if ((flags & 2) && json_is_array(ctx)) {
			size_t n = json_array_size(ctx);
			const json_t **stack = mem_calloc(n, sizeof(*stack));

			for (size_t i = 0; i < n; i++)
				stack[i] = json_array_get(ctx, i);
			rc = mustache_render_stack(t, stack, n, &out, &diags);
			free(stack);
		} else {
			rc = mustache_render(t, ctx, &out, &diags);
		}
		FUZZ_ASSERT(rc == 0 || diags.errors > 0);
		FUZZ_ASSERT(out.data != NULL && out.data[out.len] == '\0');
		fuzz_uses(t, ctx);
	}
	fuzz_diags(&diags);
	mustache_template_free(t);
	mustache_env_free(env);
	json_decref(ctx);
	buf_free(&out);
	diag_list_free(&diags);
	return 0;
}

#endif
