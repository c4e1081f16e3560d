/*
 * unit.c - reading a unit specification from Markdown (see unit.h).
 *
 * The file is YAML front matter between `---` lines, then CommonMark.
 * The front matter is blanked out (newlines kept) before cmark parses the
 * body, so cmark's line numbers are the file's.  The body is walked once,
 * block by block, with a small state machine: an H2 opens an outcome, the
 * evidence requirements, or a prose section; what follows belongs to it
 * until the next H2.
 */
#include "read/unit.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/markdown.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "base/utf8.h"
#include "read/mdfile.h"
#include "read/ydoc.h"

#include <cmark.h>
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct unit_method unit_default_methods[] = {
	{ "O", "Observation" },
	{ "PD", "Professional discussion" },
	{ "Q", "Questioning" },
	{ "WP", "Work product" },
	{ "WT", "Witness testimony" },
	{ "Oth", "Other" },
};
const size_t unit_default_methods_count =
	sizeof(unit_default_methods) / sizeof(unit_default_methods[0]);

/* Where the walk is: which H2 the current block belongs to. */
enum region {
	IN_INTRO,          /* before the first H2 */
	IN_OUTCOME,
	IN_REQUIREMENTS,   /* "Evidence requirements", before its first H3 */
	IN_GROUP,          /* an H3 group of requirements */
	IN_SECTION,
};

struct parse {
	struct arena *arena;
	struct diag_list *diags;
	const char *file;
	const char *text;
	size_t len;
	size_t *line_starts;      /* offset of each line, for tag columns */
	int nlines;
	struct unit *unit;
	enum region region;
	bool outcome_prose_only;  /* after an H3 inside an outcome */
	bool seen_title;          /* the first H1 has been read */
	bool front_matter_ok;     /* loaded as a mapping: its absences count */
	bool id_given;            /* `id:` present, valid or not */
	int *guid_lines;          /* the line of each of `guids` */
	size_t guid_lines_cap;
	int last_ksb[26];         /* per code letter, the highest K/S/B
				   * criterion number read */
	struct buf html;          /* prose of the current region */
	struct markdown_blocker blocks;   /* the same as blocks */
	size_t outcomes_cap, criteria_cap, groups_cap, items_cap, sections_cap;
	/* The line of each criterion, requirement and outcome number met so
	 * far, by id: duplicates found without a scan (a unit of 200,000
	 * criteria took a quarter of a minute). */
	struct strmap seen;
};

struct tag {
	char *name;
	int line;
	int column;
};

/*
 * The line where the id of this kind ("criterion ") was met before, or 0
 * after noting it at line: a map lookup, where a scan was quadratic.
 */
static int first_line(struct parse *p, const char *kind, const char *id,
		      int line)
{
	char *key = arena_alloc_raw(p->arena, strlen(kind) + strlen(id) + 1);
	const void *at;

	strcpy(key, kind);
	strcat(key, id);
	at = strmap_put(&p->seen, key, (void *)(intptr_t)line);
	return (intptr_t)at == line ? 0 : (int)(intptr_t)at;
}

/* ---- text helpers ------------------------------------------------------ */

static char *trim_copy(struct arena *a, const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

static void index_lines(struct parse *p)
{
	size_t cap = 0;

	p->line_starts = mem_array_grow(NULL, &cap, 1, sizeof(size_t));
	p->line_starts[0] = 0;
	p->nlines = 1;
	for (size_t i = 0; i < p->len; i++) {
		if (p->text[i] != '\n')
			continue;
		p->line_starts = mem_array_grow(p->line_starts, &cap,
						(size_t)p->nlines + 1,
						sizeof(size_t));
		p->line_starts[p->nlines++] = i + 1;
	}
}

/* Column of the last "`name`" on a line, so a tag error points at it. */
static int tag_column(const struct parse *p, int line, const char *name)
{
	size_t start, end, n = strlen(name);
	int column = 0;

	if (line < 1 || line > p->nlines)
		return 0;
	start = p->line_starts[line - 1];
	end = line < p->nlines ? p->line_starts[line] : p->len;
	for (size_t i = start; i + n + 2 <= end; i++)
		if (p->text[i] == '`' && memcmp(p->text + i + 1, name, n) == 0 &&
		    p->text[i + n + 1] == '`')
			column = (int)(i - start) + 1;
	return column;
}

static bool is_blank(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

static void free_node(cmark_node *node)
{
	cmark_node_unlink(node);
	cmark_node_free(node);
}

/*
 * Removes the code spans that end a paragraph or heading (`observe`,
 * `knowledge`) and returns them as tags in *tags, last first: every one,
 * so that each gets its say (an unknown tag is an error, never dropped).
 */
static size_t take_tags(struct parse *p, cmark_node *block, struct tag **tags)
{
	size_t n = 0, cap = 0;
	int line = cmark_node_get_end_line(block);

	*tags = NULL;
	for (;;) {
		cmark_node *last = cmark_node_last_child(block);
		const char *name;

		while (last && cmark_node_get_type(last) == CMARK_NODE_TEXT &&
		       is_blank(cmark_node_get_literal(last))) {
			cmark_node *prev = cmark_node_previous(last);

			free_node(last);
			last = prev;
		}
		if (!last || cmark_node_get_type(last) != CMARK_NODE_CODE)
			break;
		name = cmark_node_get_literal(last);
		*tags = arena_grow(p->arena, *tags, &cap, n + 1, sizeof(**tags));
		(*tags)[n].name = arena_strdup(p->arena, name);
		(*tags)[n].line = line;
		(*tags)[n].column = tag_column(p, line, name);
		n++;
		free_node(last);
	}
	return n;
}

/*
 * The inline text of a paragraph or heading, markup removed, on one line.
 * cmark 0.30 has no plain-text renderer, so the text and code literals
 * are gathered with its iterator (no recursion, whatever the nesting).
 */
static char *plain_text(struct parse *p, cmark_node *block)
{
	struct buf text = BUF_INIT;
	char *result;

	markdown_node_text(block, &text);
	result = trim_copy(p->arena, buf_cstr(&text), text.len);
	buf_free(&text);
	return result;
}

/* A block of prose, as HTML and as blocks for Markdown pages. */
static void add_prose(struct buf *html, struct markdown_blocker *blocks,
		      cmark_node *node)
{
	markdown_node_html(node, html);
	markdown_blocker_add(blocks, node);
}

/* The prose gathered since the last take, into the unit's arena. */
static const char *take_prose(struct parse *p, struct buf *html,
			      struct markdown_blocker *blocks,
			      struct markdown_blocks *out)
{
	const char *text = arena_strndup(p->arena, buf_cstr(html), html->len);

	buf_truncate(html, 0);
	*out = markdown_blocker_take(blocks, p->arena);
	return text;
}

static int line_of(cmark_node *node)
{
	return cmark_node_get_start_line(node);
}

static int column_of(cmark_node *node)
{
	return cmark_node_get_start_column(node);
}

/* ---- front matter ------------------------------------------------------ */

static const struct unit_method *default_method(const char *code)
{
	for (size_t i = 0; i < unit_default_methods_count; i++)
		if (strcmp(unit_default_methods[i].code, code) == 0)
			return &unit_default_methods[i];
	return NULL;
}

static bool method_code_valid(const char *code)
{
	if (!*code || strlen(code) > 16)
		return false;
	for (const char *c = code; *c; c++)
		if (!isalnum((unsigned char)*c))
			return false;
	return true;
}

struct method_list {
	struct unit_method *items;
	size_t count, cap;
};

static void add_method(struct parse *p, struct ydoc *y, yaml_node_t *at,
		       struct method_list *list, const char *code,
		       const char *name)
{
	const struct unit_method *known = default_method(code);

	if (!method_code_valid(code)) {
		diag_error(p->diags, p->file, ydoc_line(y, at), ydoc_column(at),
			   "`%s` is not a method code: codes are letters and digits, such as O or WT",
			   code);
		return;
	}
	if (!name && !known) {
		diag_error(p->diags, p->file, ydoc_line(y, at), ydoc_column(at),
			   "unknown method code `%s`: folio knows O, PD, Q, WP, WT and Oth; "
			   "name others as `methods: {%s: Name, ...}`", code, code);
		return;
	}
	for (size_t i = 0; i < list->count; i++) {
		if (strcmp(list->items[i].code, code) == 0) {
			diag_error(p->diags, p->file, ydoc_line(y, at),
				   ydoc_column(at), "method `%s` is listed twice",
				   code);
			return;
		}
	}
	list->items = arena_grow(p->arena, list->items, &list->cap,
				 list->count + 1, sizeof(*list->items));
	list->items[list->count].code = arena_strdup(p->arena, code);
	list->items[list->count].name = name ? arena_strdup(p->arena, name)
					     : known->name;
	list->count++;
}

/* "O PD Q" or "O, PD, Q": codes separated by spaces or commas. */
static void add_method_words(struct parse *p, struct ydoc *y, yaml_node_t *at,
			     struct method_list *list, const char *words)
{
	const char *s = words;

	while (*s) {
		size_t n;

		while (*s == ',' || isspace((unsigned char)*s))
			s++;
		n = strcspn(s, ", \t\r\n");
		if (n) {
			char *code = arena_strndup(p->arena, s, n);

			add_method(p, y, at, list, code, NULL);
		}
		s += n;
	}
}

static void read_methods(struct parse *p, struct ydoc *y, yaml_node_t *node)
{
	struct method_list list = { NULL, 0, 0 };
	const char *text;

	if (node->type == YAML_SCALAR_NODE) {
		if (ydoc_text(y, node, "methods", &text))
			add_method_words(p, y, node, &list, text);
	} else if (node->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = node->data.sequence.items.start;
		     i < node->data.sequence.items.top; i++) {
			yaml_node_t *item = ydoc_node(y, *i);

			if (ydoc_text(y, item, "methods", &text))
				add_method_words(p, y, item, &list, text);
		}
	} else {
		for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
		     pair < node->data.mapping.pairs.top; pair++) {
			yaml_node_t *key = ydoc_node(y, pair->key);
			yaml_node_t *value = ydoc_node(y, pair->value);
			const char *code, *name;

			if (ydoc_text(y, key, "methods", &code) &&
			    ydoc_text(y, value, "methods", &name))
				add_method(p, y, key, &list, code,
					   *name ? name : NULL);
		}
	}
	if (list.count == 0) {
		diag_error(p->diags, p->file, ydoc_line(y, node),
			   ydoc_column(node), "`methods` lists no method");
		return;
	}
	p->unit->methods = list.items;
	p->unit->nmethods = list.count;
}

static void read_nos(struct parse *p, struct ydoc *y, yaml_node_t *node)
{
	size_t cap = 0;
	const char *text;

	if (node->type == YAML_SCALAR_NODE) {
		if (!ydoc_text(y, node, "nos", &text))
			return;
		p->unit->nos = arena_alloc(p->arena, sizeof(char *));
		p->unit->nos[0] = arena_strdup(p->arena, text);
		p->unit->nnos = 1;
		return;
	}
	if (node->type != YAML_SEQUENCE_NODE) {
		diag_error(p->diags, p->file, ydoc_line(y, node),
			   ydoc_column(node), "`nos` must be a list of standards");
		return;
	}
	for (yaml_node_item_t *i = node->data.sequence.items.start;
	     i < node->data.sequence.items.top; i++) {
		if (!ydoc_text(y, ydoc_node(y, *i), "nos", &text))
			continue;
		p->unit->nos = arena_grow(p->arena, p->unit->nos, &cap,
					  p->unit->nnos + 1, sizeof(char *));
		p->unit->nos[p->unit->nnos++] = arena_strdup(p->arena, text);
	}
}

static void read_id(struct parse *p, struct ydoc *y, yaml_node_t *node)
{
	const char *id, *problem;
	char scratch[64];

	if (!ydoc_text(y, node, "id", &id))
		return;
	problem = ident_problem(id, scratch, sizeof(scratch));
	if (problem) {
		diag_error(p->diags, p->file, ydoc_line(y, node), ydoc_column(node),
			   "unit id `%s` %s (ids are letters, digits, '.', '_' and '-', such as ocr-c3)",
			   id, problem);
		return;
	}
	if (strcasecmp(id, "index") == 0 ||
	    strcasecmp(id, "qualifications") == 0) {
		/* A portfolio's page is learners/LEARNER/UNIT (present/url.h),
		 * and file names may ignore case. */
		diag_error(p->diags, p->file, ydoc_line(y, node), ydoc_column(node),
			   "unit id `%s` is taken: learners/LEARNER/%s is the "
			   "learner's %s page; give the unit another id", id, id,
			   tolower((unsigned char)id[0]) == 'i' ? "own" :
			   "qualifications");
		return;
	}
	p->unit->id = arena_strdup(p->arena, id);
	p->unit->line = ydoc_line(y, node);
}

static void read_text(struct parse *p, struct ydoc *y, yaml_node_t *node,
		      const char *key, const char **out)
{
	const char *text;

	if (ydoc_text(y, node, key, &text))
		*out = arena_strdup(p->arena, text);
}

static void read_count(struct ydoc *y, yaml_node_t *node, const char *key,
		       long min, long *out)
{
	long n;

	if (ydoc_int(y, node, key, min, 100000, &n))
		*out = n;
}

/* The standard's part of the front matter, made when a key of it comes. */
static struct unit_standard *standard_of(struct parse *p)
{
	struct unit_standard *s = p->unit->standard;

	if (!s) {
		s = p->unit->standard = arena_alloc(p->arena, sizeof(*s));
		s->lars = s->typical_duration = s->otj_hours = -1;
	}
	return s;
}

static void read_standard_date(struct parse *p, struct ydoc *y,
			       yaml_node_t *node, const char *key,
			       const char **out)
{
	const char *text;
	int32_t day;

	if (!ydoc_text(y, node, key, &text))
		return;
	if (date_parse(text, &day) != 0) {
		diag_error(p->diags, p->file, ydoc_line(y, node), ydoc_column(node),
			   "`%s` must be a date such as 2026-08-01, not `%s`",
			   key, text);
		return;
	}
	*out = arena_strdup(p->arena, text);
}

/* guids: {K1: 3f2a..., D1: ...}: each id's GUID in the standard. */
static void read_guids(struct parse *p, struct ydoc *y, yaml_node_t *node)
{
	struct unit_standard *s = standard_of(p);
	size_t cap = 0, n;

	if (node->type != YAML_MAPPING_NODE) {
		diag_error(p->diags, p->file, ydoc_line(y, node), ydoc_column(node),
			   "`guids` must be a mapping of ids to GUIDs, such as "
			   "`{K1: 6b8f...}`");
		return;
	}
	n = (size_t)(node->data.mapping.pairs.top - node->data.mapping.pairs.start);
	s->guid_ids = arena_grow(p->arena, NULL, &cap, n + 1, sizeof(char *));
	cap = 0;
	s->guids = arena_grow(p->arena, NULL, &cap, n + 1, sizeof(char *));
	for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
	     pair < node->data.mapping.pairs.top; pair++) {
		const char *id, *guid;

		if (!ydoc_text(y, ydoc_node(y, pair->key), "guids", &id) ||
		    !ydoc_text(y, ydoc_node(y, pair->value), "guids", &guid))
			continue;
		s->guid_ids[s->nguids] = arena_strdup(p->arena, id);
		s->guids[s->nguids] = arena_strdup(p->arena, guid);
		p->guid_lines = arena_grow(p->arena, p->guid_lines,
					   &p->guid_lines_cap, s->nguids + 1,
					   sizeof(int));
		p->guid_lines[s->nguids++] = ydoc_line(y, ydoc_node(y, pair->key));
	}
}

/* A key of an apprenticeship standard's front matter; false if not one. */
static bool read_standard_key(struct parse *p, struct ydoc *y, const char *key,
			      yaml_node_t *value)
{
	static const char *const texts[] = {
		"version", "status", "assessment_plan", "standard_page",
		"eqa_provider",
	};
	static const char *const dates[] = {
		"earliest_start", "latest_start", "latest_end",
	};
	struct unit_standard *s;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (strcmp(key, texts[i]) != 0)
			continue;
		s = standard_of(p);
		read_text(p, y, value, key, i == 0 ? &s->version :
			  i == 1 ? &s->status : i == 2 ? &s->assessment_plan :
			  i == 3 ? &s->standard_page : &s->eqa_provider);
		return true;
	}
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		if (strcmp(key, dates[i]) != 0)
			continue;
		s = standard_of(p);
		read_standard_date(p, y, value, key, i == 0 ? &s->earliest_start :
				   i == 1 ? &s->latest_start : &s->latest_end);
		return true;
	}
	if (strcmp(key, "lars") == 0)
		read_count(y, value, key, 0, &standard_of(p)->lars);
	else if (strcmp(key, "typical_duration") == 0)
		read_count(y, value, key, 1, &standard_of(p)->typical_duration);
	else if (strcmp(key, "otj_hours") == 0)
		read_count(y, value, key, 0, &standard_of(p)->otj_hours);
	else if (strcmp(key, "guids") == 0)
		read_guids(p, y, value);
	else
		return false;
	return true;
}

static void read_key(struct ydoc *y, const char *key, yaml_node_t *key_node,
		     yaml_node_t *value, void *ctx)
{
	struct parse *p = ctx;
	struct unit *u = p->unit;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "id") == 0) {
		p->id_given = true;
		read_id(p, y, value);
	}
	else if (strcmp(key, "title") == 0)
		read_text(p, y, value, key, &u->title);
	else if (strcmp(key, "awarding_body") == 0)
		read_text(p, y, value, key, &u->awarding_body);
	else if (strcmp(key, "number") == 0)
		read_text(p, y, value, key, &u->number);
	else if (strcmp(key, "urn") == 0)
		read_text(p, y, value, key, &u->urn);
	else if (strcmp(key, "level") == 0)
		read_text(p, y, value, key, &u->level);
	else if (strcmp(key, "credit") == 0)
		read_count(y, value, key, 0, &u->credit);
	else if (strcmp(key, "glh") == 0)
		read_count(y, value, key, 0, &u->glh);
	else if (strcmp(key, "occasions") == 0)
		read_count(y, value, key, 1, &u->occasions);
	else if (strcmp(key, "simulation") == 0)
		ydoc_bool(y, value, key, &u->simulation);
	else if (strcmp(key, "methods") == 0)
		read_methods(p, y, value);
	else if (strcmp(key, "nos") == 0)
		read_nos(p, y, value);
	else if (!read_standard_key(p, y, key, value))
		diag_warning(p->diags, p->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown front matter key `%s` (known: id, title, awarding_body, "
			     "number, urn, level, credit, glh, methods, simulation, occasions, nos; "
			     "and for a standard: version, lars, status, typical_duration, "
			     "earliest_start, latest_start, latest_end, assessment_plan, "
			     "standard_page, eqa_provider, otj_hours, guids)",
			     key);
}

static bool read_front_matter(struct parse *p, size_t yaml, size_t yaml_len)
{
	struct ydoc y;
	yaml_node_t *root;
	bool ok = false;

	if (ydoc_load(&y, p->file, p->text + yaml, yaml_len, 2, p->diags) == 0) {
		root = ydoc_root(&y);
		if (!root || ydoc_is_null(root))
			diag_error(p->diags, p->file, 1, 1,
				   "the front matter is empty: it needs at least `id:` and `title:`");
		else
			ok = ydoc_each_pair(&y, root, "the front matter",
					    read_key, p);
	}
	ydoc_free(&y);
	return ok;
}

/* ---- the body ---------------------------------------------------------- */

#define TAG_HINT "tags are `observe` and `form: LABEL` on criteria and " \
		 "`knowledge` on outcomes"

static void unknown_tag(struct parse *p, const struct tag *tag,
			const char *what)
{
	diag_error(p->diags, p->file, tag->line, tag->column,
		   "unknown tag `%s` on %s: " TAG_HINT, tag->name, what);
}

static void no_tags(struct parse *p, const struct tag *tags, size_t n,
		    const char *what)
{
	for (size_t i = 0; i < n; i++)
		unknown_tag(p, &tags[i], what);
}

static const char *const tag_names[] = { "observe", "knowledge" };

/* Whether text ends with open, name and close, in any case. */
static bool ends_with_tag(const char *text, char open, const char *name,
			  char close)
{
	size_t n = strlen(text), k = strlen(name);

	return n >= k + 2 && text[n - 1] == close && text[n - k - 2] == open &&
	       strncasecmp(text + n - k - 1, name, k) == 0;
}

/*
 * A tag written the natural wrong way at the end of a heading or a
 * criterion, `(observe)`, `[knowledge]`, `*observe*`, is read as words:
 * say so, naming the form that counts.  Call after take_tags().
 */
static void wrong_tag_form(struct parse *p, cmark_node *block)
{
	cmark_node *last = cmark_node_last_child(block);
	cmark_node_type type = last ? cmark_node_get_type(last) : CMARK_NODE_NONE;
	const char *text = plain_text(p, block);

	for (size_t i = 0; i < sizeof(tag_names) / sizeof(tag_names[0]); i++) {
		const char *name = tag_names[i], *form = NULL;
		char written[32];

		if (ends_with_tag(text, '(', name, ')'))
			form = "(%s)";
		else if (ends_with_tag(text, '[', name, ']'))
			form = "[%s]";
		else if ((type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG) &&
			 strcasecmp(plain_text(p, last), name) == 0)
			form = type == CMARK_NODE_EMPH ? "*%s*" : "**%s**";
		if (!form)
			continue;
		snprintf(written, sizeof(written), form, name);
		diag_warning(p->diags, p->file, cmark_node_get_start_line(block),
			     cmark_node_get_start_column(block),
			     "`%s` is read as words, not as a tag: write %s as "
			     "code (in backquotes) at the end of the %s", written,
			     name, i == 0 ? "criterion" : "learning outcome's heading");
	}
}

/* The longest label a paper form gives a criterion ("K1", "16", "3.6a"). */
#define FORM_LABEL_MAX 16

/*
 * The paper form's label for criterion id from its `form: LABEL` tag,
 * taken out of tags (so that has_tag() sees the rest), or NULL: letters,
 * digits and dots, one per criterion and no two alike in a unit, for the
 * record sheet follows the form's numbering ("K1", "16").
 */
static const char *take_form_label(struct parse *p, struct tag *tags,
				   size_t *ntags, const char *id)
{
	const char *label = NULL;
	size_t kept = 0;

	/* take_tags() gives them last first: read them as written. */
	for (size_t i = *ntags; i-- > 0;) {
		const struct tag *t = &tags[i];
		const char *s = t->name + 5;
		size_t n;
		int first;

		if (strncmp(t->name, "form:", 5) != 0)
			continue;
		while (*s == ' ')
			s++;
		n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			      "0123456789.");
		if (!n || s[n] || n > FORM_LABEL_MAX)
			diag_error(p->diags, p->file, t->line, t->column,
				   "`%s` on criterion %s: a paper form's label is "
				   "1 to %d letters, digits or dots, such as "
				   "`form: K1` or `form: 16`", t->name, id,
				   FORM_LABEL_MAX);
		else if (label)
			diag_error(p->diags, p->file, t->line, t->column,
				   "criterion %s has a second form label `%s` "
				   "(it has `%s`): give it one", id, s, label);
		else if ((first = first_line(p, "form label ", s, t->line)))
			diag_error(p->diags, p->file, t->line, t->column,
				   "form label %s is on another criterion too "
				   "(line %d): a paper form numbers each once",
				   s, first);
		if (!label && n && !s[n] && n <= FORM_LABEL_MAX)
			label = arena_strdup(p->arena, s);
	}
	for (size_t i = 0; i < *ntags; i++)
		if (strncmp(tags[i].name, "form:", 5) != 0)
			tags[kept++] = tags[i];
	*ntags = kept;
	return label;
}

/* Tags other than `known` are errors; returns whether `known` was there. */
static bool has_tag(struct parse *p, const struct tag *tags, size_t n,
		    const char *known, const char *what)
{
	bool found = false;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(tags[i].name, known) == 0)
			found = true;
		else
			unknown_tag(p, &tags[i], what);
	}
	return found;
}

/* Moves the prose gathered so far to the region it belongs to. */
static void close_region(struct parse *p)
{
	struct unit *u = p->unit;

	switch (p->region) {
	case IN_INTRO:
		u->intro_html = take_prose(p, &p->html, &p->blocks,
					   &u->intro_blocks);
		break;
	case IN_OUTCOME:
		u->outcomes[u->noutcomes - 1].guidance_html =
			take_prose(p, &p->html, &p->blocks,
				   &u->outcomes[u->noutcomes - 1].guidance_blocks);
		break;
	case IN_REQUIREMENTS:
		u->requirements_html = take_prose(p, &p->html, &p->blocks,
						  &u->requirements_blocks);
		break;
	case IN_GROUP:
		u->groups[u->ngroups - 1].html =
			take_prose(p, &p->html, &p->blocks,
				   &u->groups[u->ngroups - 1].blocks);
		break;
	case IN_SECTION:
		u->sections[u->nsections - 1].html =
			take_prose(p, &p->html, &p->blocks,
				   &u->sections[u->nsections - 1].blocks);
		break;
	}
}

/* Reads a decimal number of up to five digits; 0 when there is none. */
static int read_number(const char **s)
{
	int n = 0;

	if (!isdigit((unsigned char)**s))
		return 0;
	while (isdigit((unsigned char)**s)) {
		if (n < 100000)
			n = n * 10 + (**s - '0');
		(*s)++;
	}
	return n < 100000 ? n : 0;
}

/* The length of a separator after an outcome's number: . : ) - and dashes. */
static size_t separator_length(const char *s)
{
	if (*s == '.' || *s == ':' || *s == ')' || *s == '-')
		return 1;
	if (strncmp(s, "\xE2\x80\x93", 3) == 0 || strncmp(s, "\xE2\x80\x94", 3) == 0)
		return 3;   /* an en or em dash */
	return 0;
}

/*
 * "3 Take action", "3. Take action", "3: ...", "3) ...", "3 - ..." -> 3
 * and "Take action"; 0 when it is not so.
 */
static int leading_number(const char *s, const char **rest)
{
	int n = read_number(&s);
	size_t sep;

	if (!n)
		return 0;
	while (*s == ' ' && separator_length(s + 1))
		s++;
	sep = separator_length(s);
	s += sep;
	if (*s && !isspace((unsigned char)*s))
		return 0;
	while (isspace((unsigned char)*s))
		s++;
	*rest = s;
	return n;
}

/* The words authors put before an outcome's number, longest first. */
static const char *const outcome_words[] = {
	"learning outcome", "outcome", "lo",
};

/*
 * The heading's words before the number, when it starts with one of
 * outcome_words (and, but for "LO2", a space): "Learning outcome 2: ...",
 * "Outcome 2 - ...", "LO2 ...", "LO 2. ...".  NULL otherwise.
 */
static const char *after_outcome_word(const char *s)
{
	for (size_t i = 0; i < sizeof(outcome_words) / sizeof(outcome_words[0]); i++) {
		size_t n = strlen(outcome_words[i]);

		if (strncasecmp(s, outcome_words[i], n) != 0)
			continue;
		if (s[n] != ' ' && !(i == 2 && isdigit((unsigned char)s[n])))
			continue;
		s += n;
		while (*s == ' ')
			s++;
		return s;
	}
	return NULL;
}

/*
 * An H2's outcome number, in any of the common forms, with its title in
 * *title; 0 when the heading is not one.
 */
static int outcome_number(const char *text, const char **title)
{
	const char *s = after_outcome_word(text);

	return leading_number(s ? s : text, title);
}

/*
 * An H2 of an apprenticeship standard's knowledge, skills or behaviours:
 * "K Knowledge", "S: Skills", "B - Behaviours" -> 'K' and the title; 0
 * when it is not one.
 */
static char ksb_code(const char *text, const char **title)
{
	const char *s = text + 1;

	if (!strchr("KSB", text[0]) || !text[0])
		return 0;
	while (*s == ' ' && separator_length(s + 1))
		s++;
	s += separator_length(s);
	if (*s && !isspace((unsigned char)*s))
		return 0;
	while (isspace((unsigned char)*s))
		s++;
	*title = s;
	return text[0];
}

static void open_outcome(struct parse *p, cmark_node *heading, const char *text,
			 const struct tag *tags, size_t ntags)
{
	struct unit *u = p->unit;
	struct unit_outcome *o;
	const char *title;
	char code = ksb_code(text, &title);
	int number = code ? 0 : outcome_number(text, &title), first;
	char what[64];

	if (code) {
		snprintf(what, sizeof(what), "%c", code);
		first = first_line(p, "outcome ", what, line_of(heading));
		if (first)
			diag_error(p->diags, p->file, line_of(heading),
				   column_of(heading),
				   "duplicate outcome %c (first on line %d)", code,
				   first);
	} else if (number == 0) {
		diag_error(p->diags, p->file, line_of(heading), column_of(heading),
			   "learning outcome `%s` must start with its number and a space, "
			   "such as `## 1 Spot problems`", text);
		number = 0;
		title = text;
	}
	if (!code) {
		snprintf(what, sizeof(what), "%d", number);
		first = number ? first_line(p, "outcome ", what,
					    line_of(heading)) : 0;
		if (first)
			diag_error(p->diags, p->file, line_of(heading),
				   column_of(heading),
				   "duplicate learning outcome %d (first on line %d)",
				   number, first);
	}
	u->outcomes = arena_grow(p->arena, u->outcomes, &p->outcomes_cap,
				 u->noutcomes + 1, sizeof(*u->outcomes));
	o = &u->outcomes[u->noutcomes++];
	o->number = number;
	if (code)
		snprintf(what, sizeof(what), "%c", code);
	else
		snprintf(what, sizeof(what), "%d", number);
	o->code = arena_strdup(p->arena, what);
	o->title = title;
	o->line = line_of(heading);
	o->guidance_html = "";
	snprintf(what, sizeof(what), "%s %s", code ? "outcome" :
		 "learning outcome", o->code);
	o->knowledge = has_tag(p, tags, ntags, "knowledge", what);
	if (!*title)
		diag_error(p->diags, p->file, line_of(heading), column_of(heading),
			   "%s has no title", what);

	p->criteria_cap = 0;
	p->outcome_prose_only = false;
	p->region = IN_OUTCOME;
}

static void open_group(struct parse *p, const char *title, int line)
{
	struct unit *u = p->unit;
	struct unit_requirement_group *g;

	u->groups = arena_grow(p->arena, u->groups, &p->groups_cap,
			       u->ngroups + 1, sizeof(*u->groups));
	g = &u->groups[u->ngroups++];
	g->title = title;
	g->html = "";
	g->line = line;
	p->items_cap = 0;
	p->region = IN_GROUP;
}

static void open_section(struct parse *p, const char *title, int line)
{
	struct unit *u = p->unit;
	struct unit_section *s;

	u->sections = arena_grow(p->arena, u->sections, &p->sections_cap,
				 u->nsections + 1, sizeof(*u->sections));
	s = &u->sections[u->nsections++];
	s->title = title;
	s->html = "";
	s->line = line;
	p->region = IN_SECTION;
}

static void heading2(struct parse *p, cmark_node *heading)
{
	struct tag *tags;
	size_t ntags = take_tags(p, heading, &tags);
	const char *text = plain_text(p, heading), *title;
	int line = line_of(heading);

	close_region(p);
	if (isdigit((unsigned char)text[0]) || outcome_number(text, &title) ||
	    ksb_code(text, &title)) {
		wrong_tag_form(p, heading);
		open_outcome(p, heading, text, tags, ntags);
		return;
	}
	if (strncasecmp(text, "learning outcome", 16) == 0)
		diag_warning(p->diags, p->file, line, column_of(heading),
			     "`%s` looks like a learning outcome but has no number, "
			     "so it is read as a prose section and nothing under it "
			     "is assessed: write it as `## 2 Title` or `## Learning "
			     "outcome 2: Title`", text);
	no_tags(p, tags, ntags, "a heading");
	if (strcasecmp(text, "Evidence requirements") == 0) {
		if (p->unit->requirements_html)
			diag_error(p->diags, p->file, line, column_of(heading),
				   "a second `## Evidence requirements` heading; "
				   "put all requirements under one");
		p->region = IN_REQUIREMENTS;
		p->unit->requirements_line = line;
		return;
	}
	open_section(p, text, line);
}

/* An item's first paragraph, its tags taken off, and the item's text. */
static cmark_node *item_head(struct parse *p, cmark_node *item,
			     struct tag **tags, size_t *ntags, const char **text)
{
	cmark_node *first = cmark_node_first_child(item);

	*ntags = 0;
	*tags = NULL;
	*text = "";
	if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
		return NULL;
	*ntags = take_tags(p, first, tags);
	*text = plain_text(p, first);
	return first;
}

/* Everything in a list item after its first paragraph. */
static const char *item_guidance(struct parse *p, cmark_node *head,
				 struct markdown_blocks *blocks)
{
	cmark_node *node = head ? cmark_node_next(head) : NULL;
	struct buf html = BUF_INIT;
	struct markdown_blocker blocker = MARKDOWN_BLOCKER_INIT;
	const char *result;

	for (; node; node = cmark_node_next(node))
		add_prose(&html, &blocker, node);
	result = take_prose(p, &html, &blocker, blocks);
	buf_free(&html);
	markdown_blocker_free(&blocker);
	return result;
}

/* A requirement id: letters, digits and dots, with at least one digit. */
static size_t requirement_id_length(const char *s)
{
	size_t n = 0;
	bool digit = false;

	while (isalnum((unsigned char)s[n]) || s[n] == '.') {
		digit |= isdigit((unsigned char)s[n]) != 0;
		n++;
	}
	if (!digit || n > 16 || (s[n] && !isspace((unsigned char)s[n])))
		return 0;
	return n;
}

/*
 * "1.2 Ask customers" -> outcome 1, criterion 2, text "Ask customers";
 * "K3 Know the law" -> outcome 'K' (*code), criterion 3.
 */
static bool criterion_number(const char *s, char *code, int *outcome,
			     int *number, const char **rest)
{
	*code = 0;
	*outcome = 0;
	if (isupper((unsigned char)*s) && isdigit((unsigned char)s[1]))
		*code = *s++;
	else if (!(*outcome = read_number(&s)) || *s++ != '.')
		return false;
	/* Then as an outcome's: "1.2. Ask", "1.2: Ask", "K3 - Know". */
	*number = leading_number(s, rest);
	return *number != 0;
}

/*
 * Whether a line starts as a criterion of the same outcome as `after` (the
 * item's id, or the line before that did) would: the next number ("1.4"
 * after "1.3", "K3" after "K2"), or any with a capital after it ("1.6
 * Keep").  So a wrapped "at least 1.5 metres away" is left alone.
 */
static bool starts_criterion(const char *s, const char *after)
{
	const char *rest, *after_rest;
	char code, after_code;
	int outcome, number, after_outcome, after_number;

	if (!criterion_number(s, &code, &outcome, &number, &rest) ||
	    !criterion_number(after, &after_code, &after_outcome, &after_number,
			      &after_rest))
		return false;
	return code == after_code && outcome == after_outcome &&
	       (number == after_number + 1 || isupper((unsigned char)*rest));
}

/* Whether a line starts as a requirement would: an id ending in a letter
 * ("3b a customer"), as a plain number is as likely a sentence's; any
 * such id, whatever the item (`after`, which may be NULL) is. */
static bool starts_requirement(const char *s, const char *after)
{
	size_t n = requirement_id_length(s);

	(void)after;
	return n && isalpha((unsigned char)s[n - 1]);
}

/*
 * Calls fn with the text that starts each line of a paragraph (from its
 * second line unless first), and the line's number.  Breaks and text at
 * any depth: emphasis may run over lines, and one that opens a line
 * leaves the line to its text.
 */
static void each_line(struct parse *p, cmark_node *head, bool first,
		      void (*fn)(struct parse *p, int line, const char *s,
				 void *ctx), void *ctx)
{
	int line = cmark_node_get_start_line(head);
	bool line_start = first;
	cmark_iter *iter = cmark_iter_new(head);
	cmark_event_type event;

	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(n);
		const char *s = cmark_node_get_literal(n);

		if (event != CMARK_EVENT_ENTER || n == head)
			continue;
		if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
			line++;
			line_start = true;
			continue;
		}
		if (line_start && type == CMARK_NODE_TEXT && s)
			fn(p, line, s, ctx);
		if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
			line_start = false;
	}
	cmark_iter_free(iter);
}

struct lazy {
	const char *what, *id;
	bool (*starts)(const char *s, const char *after);
	const char *after;          /* the item, or the last line said of */
};

static void lazy_line(struct parse *p, int line, const char *s, void *ctx)
{
	struct lazy *l = ctx;
	struct utf8_quote q;

	if (!l->starts(s, l->after))
		return;
	l->after = s;
	q = utf8_quote(s, UTF8_QUOTE_BYTES);
	diag_warning(p->diags, p->file, line, 0,
		     "%s %s goes on with a line that starts like a %s "
		     "(\"%.*s%s\"): if it is one, start the line with `- `",
		     l->what, l->id, l->what, q.len, s, q.more);
}

/*
 * A line of an item's first paragraph, after its first, that starts as
 * an item of the list would ("1.4 ..." under "- 1.3 ...", with no "- "
 * of its own) is Markdown's lazy continuation: the item above goes on
 * with it, and the item meant is not there.  Says so at that line.
 */
static void lazy_items(struct parse *p, cmark_node *head, const char *what,
		       const char *id,
		       bool (*starts)(const char *s, const char *after))
{
	struct lazy l = { what, id, starts, id };

	each_line(p, head, false, lazy_line, &l);
}

/*
 * A line of an outcome's prose that starts as one of its criteria with
 * a capital after it ("1.1 Take cash payments", as a specification's PDF
 * copies out without "- ") was meant as one: say so at its line, as the
 * outcome is otherwise left with fewer criteria, or none.
 */
static void prose_criterion_line(struct parse *p, int line, const char *s,
				 void *ctx)
{
	const struct unit_outcome *o = ctx;
	const char *rest;
	char code;
	int outcome, number;
	bool ours;
	struct utf8_quote q;

	if (!criterion_number(s, &code, &outcome, &number, &rest) ||
	    !isupper((unsigned char)*rest))
		return;
	/* "K1" under a KSB outcome K, "1.1" under learning outcome 1. */
	ours = code ? o->number == 0 && code == o->code[0] :
		      outcome == o->number;
	if (!ours)
		return;
	q = utf8_quote(s, UTF8_QUOTE_BYTES);
	diag_warning(p->diags, p->file, line, 0,
		     "\"%.*s%s\" looks like a criterion of %s %s but is a "
		     "line of prose, so it is never assessed: start its line "
		     "with `- `", q.len, s, q.more,
		     o->number ? "learning outcome" : "outcome", o->code);
}

/* Warns when a KSB id skips a number since the highest of its letter. */
static void ksb_gap(struct parse *p, char code, int number, const char *id,
		    int line, int column)
{
	int *last = &p->last_ksb[code - 'A'];

	if (number > *last + 1 && *last)
		diag_warning(p->diags, p->file, line, column,
			     "criterion %s follows %c%d: is %c%d missing? (a "
			     "standard numbers its KSBs without gaps)", id, code,
			     *last, code, *last + 1);
	else if (number > *last + 1)
		diag_warning(p->diags, p->file, line, column,
			     "criterion %s is the first %c: is %c1 missing? (a "
			     "standard numbers its KSBs from 1)", id, code, code);
	if (number > *last)
		*last = number;
}

static void criterion_item(struct parse *p, cmark_node *item)
{
	struct unit *u = p->unit;
	struct unit_outcome *o = &u->outcomes[u->noutcomes - 1];
	struct unit_criterion *c;
	struct tag *tags;
	size_t ntags;
	const char *text, *rest;
	cmark_node *head = item_head(p, item, &tags, &ntags, &text);
	int line = line_of(item), outcome, number, first;
	char id[32], code;
	bool ksb = o->number == 0 && o->code[0] && !isdigit((unsigned char)o->code[0]);

	if (head)
		wrong_tag_form(p, head);
	if (!head || !criterion_number(text, &code, &outcome, &number, &rest)) {
		diag_error(p->diags, p->file, line, column_of(item),
			   "list item in %s %s has no criterion %s: start it with "
			   "one such as `%s%s`, or put guidance under an H3",
			   ksb ? "outcome" : "learning outcome", o->code,
			   ksb ? "id" : "number", o->code, ksb ? "1" : ".1");
		return;
	}
	if (code)
		snprintf(id, sizeof(id), "%c%d", code, number);
	else
		snprintf(id, sizeof(id), "%d.%d", outcome, number);
	if (ksb ? code != o->code[0] : outcome != o->number) {
		diag_error(p->diags, p->file, line, column_of(item),
			   "criterion %s is under %s %s: its %s must start with "
			   "%s%s", id, ksb ? "outcome" : "learning outcome",
			   o->code, ksb ? "id" : "number", o->code, ksb ? "" : ".");
		return;
	}
	if ((first = first_line(p, "criterion ", id, line))) {
		diag_error(p->diags, p->file, line, column_of(item),
			   "duplicate criterion %s (first on line %d)", id, first);
		return;
	}
	if (!*rest)
		diag_error(p->diags, p->file, line, column_of(item),
			   "criterion %s has no text", id);
	/* Standards number their KSBs without gaps: one is likely lost. */
	if (ksb)
		ksb_gap(p, code, number, id, line, column_of(item));
	o->criteria = arena_grow(p->arena, o->criteria, &p->criteria_cap,
				 o->ncriteria + 1, sizeof(*o->criteria));
	c = &o->criteria[o->ncriteria++];
	c->id = arena_strdup(p->arena, id);
	c->text = rest;
	lazy_items(p, head, "criterion", c->id, starts_criterion);
	c->line = line;
	c->guidance_html = item_guidance(p, head, &c->guidance_blocks);
	c->form = take_form_label(p, tags, &ntags, c->id);
	snprintf(id, sizeof(id), "criterion %s", c->id);
	c->observe = has_tag(p, tags, ntags, "observe", id);
	if (c->observe && o->knowledge)
		diag_warning(p->diags, p->file, line, column_of(item),
			     "criterion %s is `observe` but its outcome is `knowledge`: "
			     "knowledge is not observed", c->id);
}

static void requirement_item(struct parse *p, cmark_node *item)
{
	struct unit *u = p->unit;
	struct unit_requirement_group *g;
	struct unit_requirement *r;
	struct tag *tags;
	size_t ntags, n;
	const char *text, *id;
	cmark_node *head = item_head(p, item, &tags, &ntags, &text);
	int line = line_of(item), first;

	no_tags(p, tags, ntags, "a requirement");
	n = head ? requirement_id_length(text) : 0;
	if (!n) {
		diag_error(p->diags, p->file, line, column_of(item),
			   "requirement has no id: start the item with one such as `4a`");
		return;
	}
	id = arena_strndup(p->arena, text, n);
	if ((first = first_line(p, "requirement ", id, line))) {
		diag_error(p->diags, p->file, line, column_of(item),
			   "duplicate requirement %s (first on line %d)", id, first);
		return;
	}
	g = &u->groups[u->ngroups - 1];
	g->items = arena_grow(p->arena, g->items, &p->items_cap, g->nitems + 1,
			      sizeof(*g->items));
	r = &g->items[g->nitems++];
	r->id = id;
	r->text = trim_copy(p->arena, text + n, strlen(text + n));
	lazy_items(p, head, "requirement", id, starts_requirement);
	r->line = line;
	if (!*r->text)
		diag_error(p->diags, p->file, line, column_of(item),
			   "requirement %s has no text", id);
	if (cmark_node_next(head))
		diag_warning(p->diags, p->file, line, column_of(item),
			     "requirement %s has nested content, which is ignored: "
			     "put notes in the group's prose instead", id);
}

/*
 * Lists before the first H3 of the evidence requirements are prose (the
 * numbered rules of the seed units).  An item there that starts like a
 * requirement was probably meant as one: say so rather than lose it.
 */
static void stray_requirement(struct parse *p, cmark_node *item)
{
	cmark_node *head = cmark_node_first_child(item);
	char *text;
	size_t n;

	if (!head || cmark_node_get_type(head) != CMARK_NODE_PARAGRAPH)
		return;
	text = plain_text(p, head);
	n = requirement_id_length(text);
	if (starts_requirement(text, NULL))
		diag_warning(p->diags, p->file, line_of(item), column_of(item),
			     "`%.*s` looks like a requirement but is outside any H3 group, "
			     "so it is kept as prose: put it under a `### Group title` heading",
			     (int)n, text);
}

/* Where prose goes now, for a warning: "the introduction", "section `Aims`". */
static const char *prose_place(struct parse *p, struct buf *out)
{
	const struct unit *u = p->unit;

	buf_truncate(out, 0);
	if (p->region == IN_SECTION)
		buf_printf(out, "section `%s`", u->sections[u->nsections - 1].title);
	else if (p->region == IN_OUTCOME)
		buf_printf(out, "the guidance of learning outcome %s%s",
			   u->outcomes[u->noutcomes - 1].code,
			   p->outcome_prose_only ? " (after an H3)" : "");
	else if (p->region == IN_REQUIREMENTS)
		buf_puts(out, "the evidence requirements' prose");
	else
		buf_puts(out, "the introduction");
	return buf_cstr(out);
}

/*
 * A tag in prose is read as text: `observe` counts only at the end of a
 * criterion, `knowledge` at the end of an outcome's heading.
 */
static void stray_tag(struct parse *p, cmark_node *block)
{
	cmark_node *last = cmark_node_last_child(block);
	struct buf place = BUF_INIT;

	while (last && cmark_node_get_type(last) == CMARK_NODE_TEXT &&
	       is_blank(cmark_node_get_literal(last)))
		last = cmark_node_previous(last);
	if (!last || cmark_node_get_type(last) != CMARK_NODE_CODE)
		return;
	for (size_t i = 0; i < sizeof(tag_names) / sizeof(tag_names[0]); i++)
		if (strcmp(cmark_node_get_literal(last), tag_names[i]) == 0)
			diag_warning(p->diags, p->file, cmark_node_get_start_line(last),
				     cmark_node_get_start_column(last),
				     "`%s` in %s is read as text: it counts only at "
				     "the end of %s", tag_names[i], prose_place(p, &place),
				     i == 0 ? "a criterion, in a learning outcome's list" :
				     "a learning outcome's heading");
	buf_free(&place);
}

/*
 * A list item in prose that starts like a criterion (`2.1 ...`) was
 * probably meant as one: say so rather than lose it from every sheet.
 */
static void stray_criterion(struct parse *p, cmark_node *item)
{
	cmark_node *head = cmark_node_first_child(item);
	struct buf place = BUF_INIT;
	const char *rest;
	int outcome, number;
	char code;

	if (!head || cmark_node_get_type(head) != CMARK_NODE_PARAGRAPH)
		return;
	/* Only N.M: "A1 paper" in prose is no criterion. */
	if (criterion_number(plain_text(p, head), &code, &outcome, &number,
			     &rest) && !code)
		diag_warning(p->diags, p->file, line_of(item), column_of(item),
			     "`%d.%d` looks like an assessment criterion but is in "
			     "%s, so it is kept as prose and never assessed: put it "
			     "in the list under its learning outcome's heading "
			     "(`## %d Title`)", outcome, number,
			     prose_place(p, &place), outcome);
	stray_tag(p, head);
	buf_free(&place);
}

static void each_item(struct parse *p, cmark_node *list,
		      void (*fn)(struct parse *, cmark_node *))
{
	for (cmark_node *item = cmark_node_first_child(list); item;
	     item = cmark_node_next(item))
		fn(p, item);
}

static void block(struct parse *p, cmark_node *node)
{
	cmark_node_type type = cmark_node_get_type(node);
	int level = type == CMARK_NODE_HEADING ? cmark_node_get_heading_level(node) : 0;

	if (level == 1 && !p->seen_title) {
		struct tag *tags;
		size_t ntags = take_tags(p, node, &tags);

		/* The first H1 is the title; the front matter's wins if both. */
		no_tags(p, tags, ntags, "a heading");
		if (!p->unit->title)
			p->unit->title = plain_text(p, node);
		p->seen_title = true;
		return;
	}
	if (level == 2) {
		heading2(p, node);
		return;
	}
	if (level == 3 && (p->region == IN_REQUIREMENTS || p->region == IN_GROUP)) {
		close_region(p);
		open_group(p, plain_text(p, node), line_of(node));
		return;
	}
	if (level == 3 && p->region == IN_OUTCOME)
		p->outcome_prose_only = true;
	if (type == CMARK_NODE_LIST) {
		if (p->region == IN_OUTCOME && !p->outcome_prose_only) {
			each_item(p, node, criterion_item);
			return;
		}
		if (p->region == IN_GROUP) {
			each_item(p, node, requirement_item);
			return;
		}
		if (p->region == IN_REQUIREMENTS)
			each_item(p, node, stray_requirement);
		else
			each_item(p, node, stray_criterion);
	} else if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
		/* Guidance under an H3 may well start a line with the
		 * criterion it explains. */
		if (type == CMARK_NODE_PARAGRAPH && p->region == IN_OUTCOME &&
		    !p->outcome_prose_only)
			each_line(p, node, true, prose_criterion_line,
				  &p->unit->outcomes[p->unit->noutcomes - 1]);
		stray_tag(p, node);
	}
	if (level && strncasecmp(plain_text(p, node), "learning outcome", 16) == 0)
		diag_warning(p->diags, p->file, line_of(node), column_of(node),
			     "a level-%d heading is not a learning outcome, so it "
			     "is read as prose and nothing under it is assessed: "
			     "make it an H2 (`## Learning outcome 2: Title`)", level);
	add_prose(&p->html, &p->blocks, node);
}

static void read_body(struct parse *p, size_t body)
{
	cmark_node *doc = mdfile_parse_body(p->text, p->len, body), *node;

	p->region = IN_INTRO;
	for (node = cmark_node_first_child(doc); node; node = cmark_node_next(node))
		block(p, node);
	close_region(p);
	cmark_node_free(doc);
}

/* ---- the whole unit ---------------------------------------------------- */

/* Orders pointers to structs whose first member is their id. */
static int compare_first_id(const void *a, const void *b)
{
	return strcmp(**(const char *const *const *)a,
		      **(const char *const *const *)b);
}

static const void **sorted_copy(struct arena *a, const void *items, size_t n)
{
	const void **copy = arena_alloc(a, (n ? n : 1) * sizeof(*copy));

	memcpy(copy, items, n * sizeof(*copy));
	qsort(copy, n, sizeof(*copy), compare_first_id);
	return copy;
}

/*
 * Once parsing is over the arrays no longer move: number the criteria and
 * requirements, and build the flat views the cross-reference indexes by.
 */
/* Each of a standard's `guids` must name a criterion or requirement. */
static void check_guids(struct parse *p)
{
	const struct unit_standard *s = p->unit->standard;

	for (size_t i = 0; s && i < s->nguids; i++)
		if (!unit_find_criterion(p->unit, s->guid_ids[i]) &&
		    !unit_find_requirement(p->unit, s->guid_ids[i]))
			diag_warning(p->diags, p->file, p->guid_lines[i], 0,
				     "`guids` names `%s`, which is no criterion or "
				     "requirement of this unit", s->guid_ids[i]);
}

static void finish(struct parse *p)
{
	struct unit *u = p->unit;
	size_t n = 0;

	for (size_t i = 0; i < u->noutcomes; i++)
		n += u->outcomes[i].ncriteria;
	u->criteria = arena_alloc(p->arena, (n ? n : 1) * sizeof(*u->criteria));
	for (size_t i = 0; i < u->noutcomes; i++) {
		for (size_t j = 0; j < u->outcomes[i].ncriteria; j++) {
			struct unit_criterion *c = &u->outcomes[i].criteria[j];

			c->index = u->ncriteria;
			c->outcome = &u->outcomes[i];
			u->criteria[u->ncriteria++] = c;
		}
	}
	n = 0;
	for (size_t i = 0; i < u->ngroups; i++)
		n += u->groups[i].nitems;
	u->requirements = arena_alloc(p->arena,
				      (n ? n : 1) * sizeof(*u->requirements));
	for (size_t i = 0; i < u->ngroups; i++) {
		for (size_t j = 0; j < u->groups[i].nitems; j++) {
			struct unit_requirement *r = &u->groups[i].items[j];

			r->index = u->nrequirements;
			u->requirements[u->nrequirements++] = r;
		}
	}
	u->criteria_by_id = (const struct unit_criterion **)
		sorted_copy(p->arena, u->criteria, u->ncriteria);
	u->requirements_by_id = (const struct unit_requirement **)
		sorted_copy(p->arena, u->requirements, u->nrequirements);
}

static struct unit *unit_parse_lf(struct arena *arena, const char *file,
				  const char *text, size_t len,
				  struct diag_list *diags);

/* Reports what is missing; what a broken front matter hid is not counted. */
static void check_complete(struct parse *p)
{
	struct unit *u = p->unit;

	if (p->front_matter_ok && !p->id_given)
		diag_error(p->diags, p->file, 1, 1,
			   "the front matter has no `id`: add one such as `id: ocr-c3`");
	if (p->front_matter_ok && !u->title)
		diag_error(p->diags, p->file, 1, 1,
			   "the unit has no title: add `title:` to the front matter or an H1");
	if (u->noutcomes == 0)
		diag_error(p->diags, p->file, 1, 1,
			   "the unit has no learning outcomes: add `## 1 Title` headings "
			   "with `- 1.1 ...` criteria under them");
	for (size_t i = 0; i < u->noutcomes; i++)
		if (u->outcomes[i].ncriteria == 0)
			diag_error(p->diags, p->file, u->outcomes[i].line, 1,
				   "learning outcome %s has no assessment criteria",
				   u->outcomes[i].code);
}

struct unit *unit_parse(struct arena *arena, const char *file,
			const char *text, size_t len, struct diag_list *diags)
{
	char *lf = memchr(text, '\r', len) ?
		   mdfile_lone_crs_to_lf(text, len) : NULL;
	struct unit *u = unit_parse_lf(arena, file, lf ? lf : text, len, diags);

	free(lf);
	return u;
}

static struct unit *unit_parse_lf(struct arena *arena, const char *file,
				  const char *text, size_t len,
				  struct diag_list *diags)
{
	struct parse p = { 0 };
	size_t yaml = 0, yaml_len = 0, body = 0;

	p.arena = arena;
	p.diags = diags;
	p.file = file;
	p.text = text;
	p.len = len;
	if (!mdfile_is_text(file, text, len, diags))
		return NULL;
	if (!mdfile_front_matter(file, text, len, "unit", "`id: ocr-c3`",
				 &yaml, &yaml_len, &body, diags))
		return NULL;
	index_lines(&p);
	p.unit = arena_alloc(arena, sizeof(*p.unit));
	p.unit->file = arena_strdup(arena, file);
	p.unit->credit = p.unit->glh = -1;
	p.unit->occasions = 1;
	p.unit->methods = (struct unit_method *)unit_default_methods;
	p.unit->nmethods = unit_default_methods_count;
	p.unit->intro_html = p.unit->requirements_html = NULL;
	p.front_matter_ok = read_front_matter(&p, yaml, yaml_len);
	read_body(&p, body);
	if (!p.unit->requirements_html)
		p.unit->requirements_html = "";
	check_complete(&p);
	finish(&p);
	check_guids(&p);
	buf_free(&p.html);
	markdown_blocker_free(&p.blocks);
	strmap_free(&p.seen);
	free(p.line_starts);
	return p.unit->id ? p.unit : NULL;
}

/* ---- lookups ----------------------------------------------------------- */

/* Linear: used while parsing, before the flat views exist. */
static const struct unit_criterion *criterion_by_scan(const struct unit *u,
						      const char *id)
{
	for (size_t i = 0; i < u->noutcomes; i++)
		for (size_t j = 0; j < u->outcomes[i].ncriteria; j++)
			if (strcmp(u->outcomes[i].criteria[j].id, id) == 0)
				return &u->outcomes[i].criteria[j];
	return NULL;
}

static const struct unit_requirement *requirement_by_scan(const struct unit *u,
							  const char *id)
{
	for (size_t i = 0; i < u->ngroups; i++)
		for (size_t j = 0; j < u->groups[i].nitems; j++)
			if (strcmp(u->groups[i].items[j].id, id) == 0)
				return &u->groups[i].items[j];
	return NULL;
}

/* Compares len bytes of key with a NUL-terminated id, as strcmp would. */
static int compare_id(const char *key, size_t len, const char *id)
{
	int c = strncmp(key, id, len);

	return c ? c : -(id[len] != '\0');
}

/* Binary search over an array of pointers to structs whose first member is the id. */
static const void *find_by_id(const void *const *sorted, size_t n,
			      const char *key, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *id = *(const char *const *)sorted[mid];
		int c = compare_id(key, len, id);

		if (c == 0)
			return sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct unit_criterion *unit_find_criterion_n(const struct unit *u,
						   const char *s, size_t len)
{
	return find_by_id((const void *const *)u->criteria_by_id, u->ncriteria,
			  s, len);
}

const struct unit_requirement *unit_find_requirement_n(const struct unit *u,
						       const char *s, size_t len)
{
	return find_by_id((const void *const *)u->requirements_by_id,
			  u->nrequirements, s, len);
}

int unit_compare_ids(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;

	return strcmp(x->id, y->id);
}

const struct unit *unit_find(struct unit *const *units, size_t n,
			     const char *id)
{
	struct unit key = { .id = id }, *keyp = &key;
	struct unit *const *found;

	if (!n)
		return NULL;
	found = bsearch(&keyp, units, n, sizeof(*units), unit_compare_ids);
	return found ? *found : NULL;
}

const struct unit_criterion *unit_find_criterion(const struct unit *u,
						 const char *id)
{
	if (!u->criteria_by_id)
		return criterion_by_scan(u, id);
	return unit_find_criterion_n(u, id, strlen(id));
}

const struct unit_requirement *unit_find_requirement(const struct unit *u,
						     const char *id)
{
	if (!u->requirements_by_id)
		return requirement_by_scan(u, id);
	return unit_find_requirement_n(u, id, strlen(id));
}

const struct unit_method *unit_find_method(const struct unit *u,
					   const char *code)
{
	for (size_t i = 0; i < u->nmethods; i++)
		if (strcmp(u->methods[i].code, code) == 0)
			return &u->methods[i];
	return NULL;
}

const char *unit_method_name(const struct unit *u, const char *code)
{
	const struct unit_method *m = unit_find_method(u, code);

	for (size_t i = 0; !m && i < unit_default_methods_count; i++)
		if (strcmp(unit_default_methods[i].code, code) == 0)
			m = &unit_default_methods[i];
	return m ? m->name : code;
}
