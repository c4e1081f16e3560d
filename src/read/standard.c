/*
 * standard.c - an apprenticeship standard from the standards API's JSON
 * (see standard.h).
 *
 * jansson parses the text; this file walks the fields, each looked up with
 * its JSON path for the message, and resolves the duties' GUIDs against
 * the KSBs and options.  GUIDs are compared in lower case: the API writes
 * them so, but a file saved by other tools may not.
 */
#include "read/standard.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/strmap.h"
#include "base/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

struct reading {
	struct arena *arena;
	struct diag_list *diags;
	const char *file;
	struct strmap guids[STANDARD_KINDS];   /* lower-case GUID -> KSB */
	struct strmap options;                 /* lower-case GUID -> title */
	bool ok;
};

static const char *const kind_lists[STANDARD_KINDS] = {
	"knowledges", "skills", "behaviours",
};
static const char *const kind_ids[STANDARD_KINDS] = {
	"knowledgeId", "skillId", "behaviourId",
};
static const char *const kind_maps[STANDARD_KINDS] = {
	"mappedKnowledge", "mappedSkills", "mappedBehaviour",
};
static const char *const kind_names[STANDARD_KINDS] = {
	"knowledge", "skill", "behaviour",
};

char standard_letter(int kind)
{
	return "KSB"[kind];
}

static void report(struct reading *r, bool is_error, const char *path,
		   const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT;

	buf_printf(&msg, "%s: ", path);
	buf_vprintf(&msg, fmt, ap);
	diag_add(r->diags, is_error ? DIAG_ERROR : DIAG_WARNING, r->file, 0, 0,
		 fmt, buf_cstr(&msg));
	buf_free(&msg);
	r->ok &= !is_error;
}

/* "PATH: message", at the file: the JSON path is the place. */
static void error(struct reading *r, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void error(struct reading *r, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(r, true, path, fmt, ap);
	va_end(ap);
}

static void warning(struct reading *r, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void warning(struct reading *r, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(r, false, path, fmt, ap);
	va_end(ap);
}

/* "duties[2]" + ".mappedSkills" etc.: the path of a member, in arena. */
static const char *member_path(struct reading *r, const char *path,
			       const char *key)
{
	struct buf b = BUF_INIT;
	const char *s;

	if (path && *path)
		buf_printf(&b, "%s.%s", path, key);
	else
		buf_puts(&b, key);
	s = arena_strdup(r->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static const char *item_path(struct reading *r, const char *path, size_t i)
{
	char tail[32];
	struct buf b = BUF_INIT;
	const char *s;

	snprintf(tail, sizeof(tail), "[%zu]", i);
	buf_printf(&b, "%s%s", path, tail);
	s = arena_strdup(r->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* A text member, trimmed, or NULL; an error when required and absent or
 * empty, or when present but not text. */
static const char *text(struct reading *r, json_t *obj, const char *path,
			const char *key, bool required)
{
	json_t *v = json_object_get(obj, key);
	const char *where = member_path(r, path, key), *s;
	size_t n;

	if (!v || json_is_null(v)) {
		if (required)
			error(r, where, "missing: the standard needs it");
		return NULL;
	}
	if (!json_is_string(v)) {
		error(r, where, "must be text");
		return NULL;
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (strlen(s) != n) {
		error(r, where, "contains a NUL character");
		return NULL;
	}
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n) {
		if (required)
			error(r, where, "empty: the standard needs it");
		return NULL;
	}
	return arena_strndup(r->arena, s, n);
}

/* A whole number member (or one written as text), or -1. */
static long number(struct reading *r, json_t *obj, const char *path,
		   const char *key, bool required)
{
	json_t *v = json_object_get(obj, key);
	const char *where = member_path(r, path, key);
	char *end;
	long n;

	if (!v || json_is_null(v)) {
		if (required)
			error(r, where, "missing: the standard needs it");
		return -1;
	}
	if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) <= 1000000)
		return (long)json_integer_value(v);
	if (json_is_string(v)) {
		n = strtol(json_string_value(v), &end, 10);
		if (*json_string_value(v) && !*end && n >= 0 && n <= 1000000)
			return n;
	}
	error(r, where, "must be a whole number");
	return -1;
}

/* "2019-01-01T00:00:00" -> "2019-01-01"; a warning, and NULL, if not. */
static const char *date(struct reading *r, json_t *obj, const char *path,
			const char *key)
{
	const char *s = text(r, obj, path, key, false);
	char day[11];
	int32_t d;

	if (!s)
		return NULL;
	snprintf(day, sizeof(day), "%s", s);
	if (strlen(s) >= 10 && (s[10] == '\0' || s[10] == 'T') &&
	    date_parse(day, &d) == 0)
		return arena_strdup(r->arena, day);
	warning(r, member_path(r, path, key), "`%s` is not a date; left out", s);
	return NULL;
}

static const char *lower(struct reading *r, const char *s)
{
	char *copy = arena_strdup(r->arena, s);

	for (char *c = copy; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return copy;
}

/* A required array member, or NULL after an error. */
static json_t *array(struct reading *r, json_t *obj, const char *path,
		     const char *key, bool required)
{
	json_t *v = json_object_get(obj, key);

	if ((!v || json_is_null(v)) && !required)
		return NULL;
	if (!v || json_is_null(v))
		error(r, member_path(r, path, key), "missing: the standard needs it (a list)");
	else if (!json_is_array(v))
		error(r, member_path(r, path, key), "must be a list");
	return v && json_is_array(v) ? v : NULL;
}

static void read_ksbs(struct reading *r, struct standard *s, json_t *root,
		      int kind)
{
	json_t *list = array(r, root, "", kind_lists[kind], true), *item;
	size_t i, n = list ? json_array_size(list) : 0;

	s->ksbs[kind] = arena_alloc(r->arena, (n + 1) * sizeof(*s->ksbs[kind]));
	json_array_foreach(list, i, item) {
		const char *path = item_path(r, kind_lists[kind], i);
		struct standard_ksb *k = &s->ksbs[kind][s->nksbs[kind]];

		if (!json_is_object(item)) {
			error(r, path, "must be an object with an id and a detail");
			continue;
		}
		k->guid = text(r, item, path, kind_ids[kind], true);
		k->detail = text(r, item, path, "detail", true);
		if (!k->guid || !k->detail)
			continue;
		k->guid = lower(r, k->guid);
		if (strmap_get(&r->guids[kind], k->guid)) {
			error(r, member_path(r, path, kind_ids[kind]),
			      "the %s's GUID is given twice", kind_names[kind]);
			continue;
		}
		snprintf(k->code, sizeof(k->code), "%c%zu",
			 standard_letter(kind), s->nksbs[kind] + 1);
		strmap_put(&r->guids[kind], k->guid, k);
		s->nksbs[kind]++;
	}
}

static void read_options(struct reading *r, json_t *root)
{
	json_t *list = array(r, root, "", "options", false), *item;
	size_t i;

	json_array_foreach(list, i, item) {
		const char *path = item_path(r, "options", i);
		const char *guid, *title;

		if (!json_is_object(item)) {
			error(r, path, "must be an object with an optionId and a title");
			continue;
		}
		guid = text(r, item, path, "optionId", true);
		title = text(r, item, path, "title", true);
		if (guid && title)
			strmap_put(&r->options, lower(r, guid), (void *)title);
	}
}

/* The duty's mapped KSBs of one kind, resolved, appended to d->ksbs. */
static void read_mapped(struct reading *r, struct standard_duty *d,
			json_t *duty, const char *path, int kind, size_t *cap)
{
	json_t *list = array(r, duty, path, kind_maps[kind], false), *guid;
	const char *where = member_path(r, path, kind_maps[kind]);
	size_t i;

	json_array_foreach(list, i, guid) {
		const char *at = item_path(r, where, i);
		const struct standard_ksb *k;

		if (!json_is_string(guid)) {
			error(r, at, "must be a GUID, as text");
			continue;
		}
		k = strmap_get(&r->guids[kind], lower(r, json_string_value(guid)));
		if (!k) {
			error(r, at, "no %s has the GUID `%s` (in `%s`)",
			      kind_names[kind], json_string_value(guid),
			      kind_lists[kind]);
			continue;
		}
		d->ksbs = arena_grow(r->arena, d->ksbs, cap, d->nksbs + 1,
				     sizeof(*d->ksbs));
		d->ksbs[d->nksbs++] = k;
	}
}

static void read_duty_options(struct reading *r, struct standard_duty *d,
			      json_t *duty, const char *path)
{
	json_t *list = array(r, duty, path, "mappedOptions", false), *guid;
	const char *where = member_path(r, path, "mappedOptions");
	size_t i, cap = 0;

	json_array_foreach(list, i, guid) {
		const char *title = json_is_string(guid) ?
			strmap_get(&r->options, lower(r, json_string_value(guid))) :
			NULL;

		if (!title) {
			error(r, item_path(r, where, i), "no option in `options` has this GUID");
			continue;
		}
		d->options = arena_grow(r->arena, d->options, &cap,
					d->noptions + 1, sizeof(*d->options));
		d->options[d->noptions++] = title;
	}
}

static void read_duties(struct reading *r, struct standard *s, json_t *root)
{
	json_t *list = array(r, root, "", "duties", true), *item;
	size_t i, n = list ? json_array_size(list) : 0;

	s->duties = arena_alloc(r->arena, (n + 1) * sizeof(*s->duties));
	json_array_foreach(list, i, item) {
		const char *path = item_path(r, "duties", i);
		struct standard_duty *d = &s->duties[s->nduties];
		json_t *core;
		size_t cap = 0;

		if (!json_is_object(item)) {
			error(r, path, "must be an object with a dutyID and a dutyDetail");
			continue;
		}
		d->guid = text(r, item, path, "dutyID", true);
		d->detail = text(r, item, path, "dutyDetail", true);
		core = json_object_get(item, "isThisACoreDuty");
		d->core = json_is_true(core) ||
			  (json_is_integer(core) && json_integer_value(core) == 1);
		for (int k = 0; k < STANDARD_KINDS; k++)
			read_mapped(r, d, item, path, k, &cap);
		read_duty_options(r, d, item, path);
		if (!d->guid || !d->detail)
			continue;
		d->guid = lower(r, d->guid);
		snprintf(d->code, sizeof(d->code), "D%zu", s->nduties + 1);
		s->nduties++;
	}
}

static void read_fields(struct reading *r, struct standard *s, json_t *root)
{
	json_t *eqa = json_object_get(root, "eQAProvider");
	json_t *both = json_object_get(root, "coreAndOptions");

	s->reference = text(r, root, "", "referenceNumber", true);
	s->version = text(r, root, "", "version", false);
	s->title = text(r, root, "", "title", true);
	s->level = number(r, root, "", "level", true);
	s->lars = number(r, root, "", "larsCode", false);
	s->typical_duration = number(r, root, "", "typicalDuration", false);
	s->status = text(r, root, "", "status", false);
	s->earliest_start = date(r, root, "", "earliestStartDate");
	s->latest_start = date(r, root, "", "latestStartDate");
	s->latest_end = date(r, root, "", "latestEndDate");
	s->assessment_plan_url = text(r, root, "", "assessmentPlanUrl", false);
	s->standard_page_url = text(r, root, "", "standardPageUrl", false);
	if (json_is_object(eqa))
		s->eqa_provider = text(r, eqa, "eQAProvider", "providerName", false);
	s->core_and_options = json_is_true(both);
}

bool standard_parse(struct standard *s, struct arena *arena, const char *file,
		    const char *text_in, size_t len, struct diag_list *diags)
{
	struct reading r = { arena, diags, file, { STRMAP_INIT, STRMAP_INIT,
			     STRMAP_INIT }, STRMAP_INIT, true };
	json_error_t err;
	json_t *root;
	size_t bad;
	int line, column;

	memset(s, 0, sizeof(*s));
	s->level = s->lars = s->typical_duration = -1;
	bad = utf8_check(text_in, len);
	if (utf8_has_nul(text_in, len) || bad < len) {
		utf8_locate(text_in, bad < len ? bad : 0, &line, &column);
		diag_error(diags, file, bad < len ? line : 0, bad < len ? column : 0,
			   "not UTF-8 text: the standards API writes UTF-8 JSON");
		return false;
	}
	root = json_loadb(text_in, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		diag_error(diags, file, err.line > 0 ? err.line : 0,
			   err.column > 0 ? err.column : 0, "not JSON: %s", err.text);
		return false;
	}
	if (!json_is_object(root)) {
		diag_error(diags, file, 0, 0, "a standard is a JSON object "
			   "({\"referenceNumber\": ..., \"knowledges\": [...], ...}), "
			   "not a %s", json_is_array(root) ? "list" : "value");
		json_decref(root);
		return false;
	}
	read_fields(&r, s, root);
	for (int k = 0; k < STANDARD_KINDS; k++)
		read_ksbs(&r, s, root, k);
	read_options(&r, root);
	read_duties(&r, s, root);
	json_decref(root);
	for (int k = 0; k < STANDARD_KINDS; k++)
		strmap_free(&r.guids[k]);
	strmap_free(&r.options);
	return r.ok;
}
