/*
 * qualification.c - reading a qualification's rules of combination from
 * its Markdown file (see qualification.h).
 *
 * The front matter holds the rules; the body is the handbook's notes on
 * them, kept as prose.  Each group and barred set is checked once all
 * the front matter is read, since `credits` may come after `groups`.
 */
#include "read/qualification.h"
#include "base/buf.h"
#include "base/ident.h"
#include "base/mem.h"
#include "read/mdfile.h"
#include "read/ydoc.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#define KNOWN_KEYS "id, title, awarding_body, number, level, credits, " \
		   "glh, tqt, groups, barred"
#define GROUP_KEYS "id, title, units, min_units, max_units, min_credits, " \
		   "max_credits"

struct parse {
	struct arena *arena;
	struct diag_list *diags;
	const char *file;
	struct unit *const *units;
	size_t nunits;
	struct qualification *q;
	bool id_given;
	int credits_line;           /* of the `credits` key, 0 if none */
	size_t groups_cap, barred_cap;
};

/* A group being read: its units' lines, for their diagnostics. */
struct group_reading {
	struct parse *p;
	struct qualification_group *g;
	int *lines;
	size_t cap;
	bool has_units;
};

static void read_text(struct parse *p, struct ydoc *y, yaml_node_t *node,
		      const char *key, const char **out)
{
	const char *text;

	if (ydoc_text(y, node, key, &text))
		*out = arena_strdup(p->arena, text);
}

static void read_count(struct ydoc *y, yaml_node_t *node, const char *key,
		       long *out)
{
	long n;

	if (ydoc_int(y, node, key, 0, 100000, &n))
		*out = n;
}

/* The unit a list item names, or NULL after a located error. */
static const struct unit *unit_item(struct parse *p, struct ydoc *y,
				    yaml_node_t *node, const char *where)
{
	const char *id;
	const struct unit *u;

	if (!ydoc_text(y, node, "units", &id))
		return NULL;
	u = unit_find(p->units, p->nunits, id);
	if (!u)
		diag_error(p->diags, p->file, ydoc_line(y, node),
			   ydoc_column(node),
			   "unknown unit `%s` in %s: no unit specification has "
			   "this id", id, where);
	return u;
}

/* The items of a list, or of a single value taken as a list of one. */
static size_t list_items(yaml_node_t *node, yaml_node_item_t **items,
			 yaml_node_item_t *one)
{
	if (node->type == YAML_SEQUENCE_NODE) {
		*items = node->data.sequence.items.start;
		return (size_t)(node->data.sequence.items.top - *items);
	}
	*items = one;
	return 1;
}

static void read_group_units(struct group_reading *r, struct ydoc *y,
			     yaml_node_t *node)
{
	struct parse *p = r->p;
	yaml_node_item_t *items, one = 0;
	size_t n, cap = 0;
	char where[IDENT_MAX + 16];

	if (node->type == YAML_MAPPING_NODE) {
		diag_error(p->diags, p->file, ydoc_line(y, node), ydoc_column(node),
			   "`units` must be a list of unit ids, such as [ocr-c3, ocr-62]");
		return;
	}
	if (r->g->id)
		snprintf(where, sizeof(where), "group %s", r->g->id);
	else
		snprintf(where, sizeof(where), "a group");
	n = list_items(node, &items, &one);
	r->has_units = n > 0;
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *item = node->type == YAML_SEQUENCE_NODE ?
			ydoc_node(y, items[i]) : node;
		const struct unit *u = unit_item(p, y, item, where);

		if (!u)
			continue;
		r->g->units = arena_grow(p->arena, r->g->units, &cap,
					 r->g->nunits + 1, sizeof(*r->g->units));
		r->lines = arena_grow(p->arena, r->lines, &r->cap,
				      r->g->nunits + 1, sizeof(*r->lines));
		r->lines[r->g->nunits] = ydoc_line(y, item);
		r->g->units[r->g->nunits++] = u;
	}
}

static void read_group_key(struct ydoc *y, const char *key,
			   yaml_node_t *key_node, yaml_node_t *value,
			   void *ctx)
{
	struct group_reading *r = ctx;
	struct qualification_group *g = r->g;
	const char *id, *problem;
	char scratch[64];

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "id") == 0) {
		if (!ydoc_text(y, value, key, &id))
			return;
		problem = ident_problem(id, scratch, sizeof(scratch));
		if (problem)
			diag_error(r->p->diags, r->p->file, ydoc_line(y, value),
				   ydoc_column(value),
				   "group id `%s` %s (ids are letters, digits, '.', '_' and '-', such as A)",
				   id, problem);
		else
			g->id = arena_strdup(r->p->arena, id);
	} else if (strcmp(key, "title") == 0) {
		read_text(r->p, y, value, key, &g->title);
	} else if (strcmp(key, "units") == 0) {
		read_group_units(r, y, value);
	} else if (strcmp(key, "min_units") == 0) {
		read_count(y, value, key, &g->min_units);
	} else if (strcmp(key, "max_units") == 0) {
		read_count(y, value, key, &g->max_units);
	} else if (strcmp(key, "min_credits") == 0) {
		read_count(y, value, key, &g->min_credits);
	} else if (strcmp(key, "max_credits") == 0) {
		read_count(y, value, key, &g->max_credits);
	} else {
		diag_warning(r->p->diags, r->p->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` in a group (known: " GROUP_KEYS ")",
			     key);
	}
}

/* A limit pair that cannot hold: min above max, or more than there are. */
static void check_limits(struct parse *p, const struct qualification_group *g)
{
	const char *id = g->id ? g->id : "?";

	if (g->min_units >= 0 && g->max_units >= 0 && g->min_units > g->max_units)
		diag_error(p->diags, p->file, g->line, 0,
			   "group %s: min_units %ld is more than max_units %ld",
			   id, g->min_units, g->max_units);
	if (g->min_credits >= 0 && g->max_credits >= 0 &&
	    g->min_credits > g->max_credits)
		diag_error(p->diags, p->file, g->line, 0,
			   "group %s: min_credits %ld is more than max_credits %ld",
			   id, g->min_credits, g->max_credits);
	if (g->min_units > (long)g->nunits)
		diag_error(p->diags, p->file, g->line, 0,
			   "group %s: min_units %ld can never be met: it has %zu unit%s",
			   id, g->min_units, g->nunits, g->nunits == 1 ? "" : "s");
}

/* Where a unit was met already in this qualification's groups. */
struct seen_unit {
	const struct unit *unit;
	const char *group;
	int line;
};

static void read_group(struct parse *p, struct ydoc *y, yaml_node_t *node,
		       struct group_reading *r)
{
	struct qualification *q = p->q;
	struct qualification_group *g;

	q->groups = arena_grow(p->arena, q->groups, &p->groups_cap,
			       q->ngroups + 1, sizeof(*q->groups));
	g = &q->groups[q->ngroups];
	memset(g, 0, sizeof(*g));
	g->min_units = g->max_units = g->min_credits = g->max_credits = -1;
	g->line = ydoc_line(y, node);
	r->p = p;
	r->g = g;
	if (!ydoc_each_pair(y, node, "a group", read_group_key, r))
		return;
	if (!g->id) {
		diag_error(p->diags, p->file, g->line, ydoc_column(node),
			   "a group needs an `id`, such as `id: A`");
		return;
	}
	if (!r->has_units)
		diag_error(p->diags, p->file, g->line, ydoc_column(node),
			   "group %s lists no `units`", g->id);
	g->mandatory = g->min_units < 0 && g->max_units < 0 &&
		       g->min_credits < 0 && g->max_credits < 0;
	check_limits(p, g);
	q->ngroups++;
}

static void read_groups(struct parse *p, struct ydoc *y, yaml_node_t *node,
			struct group_reading **readings, size_t *cap)
{
	if (node->type != YAML_SEQUENCE_NODE) {
		diag_error(p->diags, p->file, ydoc_line(y, node), ydoc_column(node),
			   "`groups` must be a list of groups, each `- id: A` "
			   "with its `units`");
		return;
	}
	for (yaml_node_item_t *i = node->data.sequence.items.start;
	     i < node->data.sequence.items.top; i++) {
		size_t at = p->q->ngroups;

		*readings = mem_array_grow(*readings, cap, at + 1,
					   sizeof(**readings));
		memset(&(*readings)[at], 0, sizeof(**readings));
		read_group(p, y, ydoc_node(y, *i), &(*readings)[at]);
	}
}

static void read_barred_set(struct parse *p, struct ydoc *y, yaml_node_t *node)
{
	struct qualification *q = p->q;
	struct qualification_barred b = { NULL, 0, ydoc_line(y, node) };
	size_t cap = 0;

	if (node->type != YAML_SEQUENCE_NODE) {
		diag_error(p->diags, p->file, b.line, ydoc_column(node),
			   "each item of `barred` must be a list of units that "
			   "may not be combined, such as [ocr-c3, ocr-354]");
		return;
	}
	for (yaml_node_item_t *i = node->data.sequence.items.start;
	     i < node->data.sequence.items.top; i++) {
		const struct unit *u = unit_item(p, y, ydoc_node(y, *i),
						 "`barred`");

		if (!u)
			continue;
		b.units = arena_grow(p->arena, b.units, &cap, b.nunits + 1,
				     sizeof(*b.units));
		b.units[b.nunits++] = u;
	}
	if (b.nunits < 2 &&
	    node->data.sequence.items.top - node->data.sequence.items.start < 2) {
		diag_error(p->diags, p->file, b.line, ydoc_column(node),
			   "a barred set needs two units or more");
		return;
	}
	q->barred = arena_grow(p->arena, q->barred, &p->barred_cap,
			       q->nbarred + 1, sizeof(*q->barred));
	q->barred[q->nbarred++] = b;
}

static void read_barred(struct parse *p, struct ydoc *y, yaml_node_t *node)
{
	if (node->type != YAML_SEQUENCE_NODE) {
		diag_error(p->diags, p->file, ydoc_line(y, node), ydoc_column(node),
			   "`barred` must be a list of unit sets, such as "
			   "- [ocr-c3, ocr-354]");
		return;
	}
	for (yaml_node_item_t *i = node->data.sequence.items.start;
	     i < node->data.sequence.items.top; i++)
		read_barred_set(p, y, ydoc_node(y, *i));
}

static void read_id(struct parse *p, struct ydoc *y, yaml_node_t *node)
{
	const char *id, *problem;
	char scratch[64];

	p->id_given = true;
	if (!ydoc_text(y, node, "id", &id))
		return;
	problem = ident_problem(id, scratch, sizeof(scratch));
	if (problem) {
		diag_error(p->diags, p->file, ydoc_line(y, node), ydoc_column(node),
			   "qualification id `%s` %s (ids are letters, digits, "
			   "'.', '_' and '-', such as cs-l2)", id, problem);
		return;
	}
	p->q->id = arena_strdup(p->arena, id);
	p->q->line = ydoc_line(y, node);
}

struct front_reading {
	struct parse *p;
	struct group_reading *groups;   /* one per group kept, in order */
	size_t cap;
};

static void read_key(struct ydoc *y, const char *key, yaml_node_t *key_node,
		     yaml_node_t *value, void *ctx)
{
	struct front_reading *f = ctx;
	struct parse *p = f->p;
	struct qualification *q = p->q;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "id") == 0)
		read_id(p, y, value);
	else if (strcmp(key, "title") == 0)
		read_text(p, y, value, key, &q->title);
	else if (strcmp(key, "awarding_body") == 0)
		read_text(p, y, value, key, &q->awarding_body);
	else if (strcmp(key, "number") == 0)
		read_text(p, y, value, key, &q->number);
	else if (strcmp(key, "level") == 0)
		read_text(p, y, value, key, &q->level);
	else if (strcmp(key, "credits") == 0) {
		read_count(y, value, key, &q->credits);
		p->credits_line = ydoc_line(y, key_node);
	}
	else if (strcmp(key, "glh") == 0)
		read_count(y, value, key, &q->glh);
	else if (strcmp(key, "tqt") == 0)
		read_count(y, value, key, &q->tqt);
	else if (strcmp(key, "groups") == 0)
		read_groups(p, y, value, &f->groups, &f->cap);
	else if (strcmp(key, "barred") == 0)
		read_barred(p, y, value);
	else
		diag_warning(p->diags, p->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown front matter key `%s` (known: " KNOWN_KEYS ")",
			     key);
}

/*
 * What can only be judged with every group read: a unit in two groups
 * (or twice in one), a duplicate group id, and a unit with no credit
 * where credits are counted.
 */
static void check_groups(struct parse *p, const struct front_reading *f)
{
	const struct qualification *q = p->q;

	for (size_t i = 0; i < q->ngroups; i++) {
		const struct qualification_group *g = &q->groups[i];
		bool counted = q->credits >= 0 || g->min_credits >= 0 ||
			       g->max_credits >= 0;

		for (size_t j = 0; j < i; j++)
			if (strcmp(q->groups[j].id, g->id) == 0)
				diag_error(p->diags, p->file, g->line, 0,
					   "duplicate group id `%s` (first on line %d)",
					   g->id, q->groups[j].line);
		for (size_t k = 0; k < g->nunits; k++) {
			const struct unit *u = g->units[k];
			int line = f->groups[i].lines[k];

			for (size_t j = 0; j <= i; j++) {
				const struct qualification_group *h = &q->groups[j];
				size_t end = j == i ? k : h->nunits;

				for (size_t m = 0; m < end; m++)
					if (h->units[m] == u)
						diag_error(p->diags, p->file, line, 0,
							   "unit `%s` is in group %s already "
							   "(line %d): a unit counts in one group only",
							   u->id, h->id, f->groups[j].lines[m]);
			}
			if (counted && u->credit < 0)
				diag_error(p->diags, p->file, line, 0,
					   "unit `%s` has no `credit` (%s:%d), and "
					   "%s counts credits: give the unit its credit value",
					   u->id, u->file, u->line,
					   q->credits >= 0 ? "this qualification" : "this group");
		}
	}
}

static int compare_longs_down(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x < y) - (x > y);
}

/*
 * The most credit a learner can count from group g: its units' credits,
 * the largest max_units of them when it has that limit, at most
 * max_credits.  An upper bound (barred sets may allow less), so a need
 * above it can never be met.
 */
static long most_credits(const struct qualification_group *g)
{
	long *credits = mem_calloc(g->nunits + 1, sizeof(*credits));
	size_t n = g->nunits;
	long most = 0;

	for (size_t k = 0; k < n; k++)
		credits[k] = g->units[k]->credit > 0 ? g->units[k]->credit : 0;
	qsort(credits, n, sizeof(*credits), compare_longs_down);
	if (g->max_units >= 0 && (size_t)g->max_units < n)
		n = (size_t)g->max_units;
	for (size_t k = 0; k < n; k++)
		most += credits[k];
	free(credits);
	return g->max_credits >= 0 && g->max_credits < most ?
	       g->max_credits : most;
}

/*
 * Credit a learner could never reach, as the units' credits stand: a
 * group's min_credits, or the qualification's credits.  Judged only when
 * the file is otherwise sound, as an unknown unit or one without credit
 * (errors already) would make every total look short.
 */
static void check_credits(struct parse *p)
{
	const struct qualification *q = p->q;
	long total = 0;

	for (size_t i = 0; i < q->ngroups; i++) {
		const struct qualification_group *g = &q->groups[i];
		long most = most_credits(g);

		if (g->min_credits > most)
			diag_error(p->diags, p->file, g->line, 0,
				   "group %s: min_credits %ld can never be met: "
				   "its units give at most %ld", g->id,
				   g->min_credits, most);
		total += most;
	}
	if (q->credits > total)
		diag_error(p->diags, p->file, p->credits_line, 0,
			   "`credits` %ld can never be met: the units of the "
			   "groups give at most %ld", q->credits, total);
}

static void list_mandatory(struct parse *p)
{
	struct qualification *q = p->q;
	size_t cap = 0;

	for (size_t i = 0; i < q->ngroups; i++) {
		if (!q->groups[i].mandatory)
			continue;
		for (size_t k = 0; k < q->groups[i].nunits; k++) {
			q->mandatory = arena_grow(p->arena, q->mandatory, &cap,
						  q->nmandatory + 1,
						  sizeof(*q->mandatory));
			q->mandatory[q->nmandatory++] = q->groups[i].units[k];
		}
	}
}

static bool read_front_matter(struct parse *p, const char *text,
			      size_t yaml, size_t yaml_len)
{
	struct ydoc y;
	yaml_node_t *root;
	struct front_reading f = { p, NULL, 0 };
	bool ok = false;

	if (ydoc_load(&y, p->file, text + yaml, yaml_len, 2, p->diags) == 0) {
		root = ydoc_root(&y);
		if (!root || ydoc_is_null(root))
			diag_error(p->diags, p->file, 1, 1,
				   "the front matter is empty: it needs at least "
				   "`id:`, `title:` and `groups:`");
		else
			ok = ydoc_each_pair(&y, root, "the front matter",
					    read_key, &f);
	}
	ydoc_free(&y);
	if (ok)
		check_groups(p, &f);
	free(f.groups);
	return ok;
}

static void check_complete(struct parse *p)
{
	struct qualification *q = p->q;

	if (!p->id_given)
		diag_error(p->diags, p->file, 1, 1,
			   "the front matter has no `id`: add one such as `id: cs-l2`");
	if (!q->title)
		diag_error(p->diags, p->file, 1, 1,
			   "the qualification has no `title` in its front matter");
	if (q->ngroups == 0)
		diag_error(p->diags, p->file, 1, 1,
			   "the qualification has no `groups`: list its units in "
			   "groups, such as `- {id: A, title: Mandatory, units: [ocr-c3]}`");
}

/* The body: the handbook's notes, as HTML and as blocks. */
static void read_notes(struct parse *p, const char *text, size_t len,
		       size_t body)
{
	cmark_node *doc = mdfile_parse_body(text, len, body), *node;
	struct buf html = BUF_INIT;
	struct markdown_blocker blocker = MARKDOWN_BLOCKER_INIT;

	for (node = cmark_node_first_child(doc); node;
	     node = cmark_node_next(node)) {
		markdown_node_html(node, &html);
		markdown_blocker_add(&blocker, node);
	}
	p->q->notes_html = arena_strndup(p->arena, html.data ? html.data : "",
					 html.len);
	p->q->notes_blocks = markdown_blocker_take(&blocker, p->arena);
	markdown_blocker_free(&blocker);
	buf_free(&html);
	cmark_node_free(doc);
}

static struct qualification *parse_lf(struct arena *arena, const char *file,
				      const char *text, size_t len,
				      struct unit *const *units, size_t nunits,
				      struct diag_list *diags)
{
	struct parse p = { 0 };
	size_t yaml = 0, yaml_len = 0, body = 0, errors;
	bool ok;

	if (!mdfile_is_text(file, text, len, diags) ||
	    !mdfile_front_matter(file, text, len, "qualification",
				 "`id: cs-l2`", &yaml, &yaml_len, &body, diags))
		return NULL;
	p.arena = arena;
	p.diags = diags;
	p.file = arena_strdup(arena, file);
	p.units = units;
	p.nunits = nunits;
	p.q = arena_alloc(arena, sizeof(*p.q));
	p.q->file = p.file;
	p.q->credits = p.q->glh = p.q->tqt = -1;
	errors = diags->errors;
	ok = read_front_matter(&p, text, yaml, yaml_len);
	if (ok)
		check_complete(&p);
	if (ok && diags->errors == errors)
		check_credits(&p);
	list_mandatory(&p);
	read_notes(&p, text, len, body);
	if (p.q->id && !p.q->title)
		p.q->title = p.q->id;   /* reported: its pages need a name */
	return p.q->id ? p.q : NULL;
}

struct qualification *qualification_parse(struct arena *arena,
					   const char *file, const char *text,
					   size_t len, struct unit *const *units,
					   size_t nunits,
					   struct diag_list *diags)
{
	char *lf = memchr(text, '\r', len) ?
		   mdfile_lone_crs_to_lf(text, len) : NULL;
	struct qualification *q = parse_lf(arena, file, lf ? lf : text, len,
					   units, nunits, diags);

	free(lf);
	return q;
}

const struct qualification_group *
qualification_group_of(const struct qualification *q, const struct unit *u)
{
	for (size_t i = 0; i < q->ngroups; i++)
		for (size_t k = 0; k < q->groups[i].nunits; k++)
			if (q->groups[i].units[k] == u)
				return &q->groups[i];
	return NULL;
}

int qualification_compare_ids(const void *a, const void *b)
{
	return strcmp((*(const struct qualification *const *)a)->id,
		      (*(const struct qualification *const *)b)->id);
}

const struct qualification *
qualification_find(struct qualification *const *qs, size_t n, const char *id)
{
	struct qualification key = { .id = id };
	const struct qualification *k = &key;
	struct qualification *const *found;

	if (!n)     /* qs may be NULL then, which bsearch() must not get */
		return NULL;
	found = bsearch(&k, qs, n, sizeof(*qs), qualification_compare_ids);
	return found ? *found : NULL;
}
