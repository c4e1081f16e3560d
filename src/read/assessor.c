/*
 * assessor.c - reading assessors.csv, and the assessors the learners and
 * evidence name that it does not list (see assessor.h).
 */
#include "read/assessor.h"
#include "base/ident.h"
#include "base/mem.h"
#include "read/evidence.h"
#include "read/learner.h"
#include "read/load.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	COL_INITIALS, COL_NAME, COL_ROLE, COL_RISK, COL_QUALIFIED,
	COL_COUNTERSIGN_BY, COL_PUBLIC_KEY, NCOLUMNS
};

static const struct csvrow_column columns[NCOLUMNS] = {
	{ "initials", true },
	{ "name", false },
	{ "role", false },
	{ "risk", false },
	{ "qualified", false },
	{ "countersign_by", false },
	{ "public_key", false },
};

const char *assessor_role_name(enum assessor_role role)
{
	return role == ASSESSOR_ROLE_IQA ? "iqa" : "assessor";
}

/*
 * Initials in lower case into out[IDENT_MAX + 1]; false when they are too
 * long to be any listed assessor's (listed initials are valid ids).
 */
static bool fold_initials(const char *s, char *out)
{
	size_t n = strlen(s);

	if (n > IDENT_MAX)
		return false;
	for (size_t i = 0; i <= n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a')
						    : s[i];
	return true;
}

const struct assessor *assessor_find(const struct strmap *by_folded,
				     const char *initials)
{
	char folded[IDENT_MAX + 1];

	if (!initials || !fold_initials(initials, folded))
		return NULL;
	return strmap_get(by_folded, folded);
}

/* Where a row is read from, and whether an error leaves it out. */
struct place {
	const struct csvfile *f;
	const struct csvfile_record *r;
	struct diag_list *diags;
	bool bad;
};

static bool usable_initials(struct load *load, struct place *p,
			    const char *initials)
{
	char scratch[64];
	const char *problem;
	const struct assessor *first;

	if (!initials) {
		diag_error(p->diags, p->f->path, p->r->line, 0, "empty `initials`");
		return false;
	}
	problem = ident_problem(initials, scratch, sizeof(scratch));
	if (problem) {
		diag_error(p->diags, p->f->path, p->r->line, 0,
			   "assessor `%s` %s (initials are letters, digits, '.', "
			   "'_' and '-')", initials, problem);
		return false;
	}
	first = assessor_find(&load->assessor_folded, initials);
	if (first && strcmp(first->initials, initials) == 0)
		diag_error(p->diags, p->f->path, p->r->line, 0,
			   "duplicate assessor `%s` (first on line %d)",
			   initials, first->line);
	else if (first)
		diag_error(p->diags, p->f->path, p->r->line, 0,
			   "duplicate assessor `%s` (first on line %d as `%s`: "
			   "initials match in any case)", initials, first->line,
			   first->initials);
	return !first;
}

static enum assessor_role read_role(struct place *p, const char *text)
{
	if (!text || strcasecmp(text, "assessor") == 0)
		return ASSESSOR_ROLE_ASSESSOR;
	if (strcasecmp(text, "iqa") == 0)
		return ASSESSOR_ROLE_IQA;
	diag_error(p->diags, p->f->path, p->r->line, 0,
		   "`role` must be assessor or iqa, not `%s`", text);
	p->bad = true;
	return ASSESSOR_ROLE_ASSESSOR;
}

static enum risk read_risk(struct place *p, const char *text)
{
	if (!text)
		return RISK_UNKNOWN;
	for (int risk = RISK_LOW; risk < RISK_COUNT; risk++)
		if (strcasecmp(text, risk_name(risk)) == 0)
			return (enum risk)risk;
	diag_error(p->diags, p->f->path, p->r->line, 0,
		   "`risk` must be low, medium or high, not `%s`", text);
	p->bad = true;
	return RISK_UNKNOWN;
}

static void read_assessor(struct load *load, struct place *p, const int *index,
			  size_t *cap)
{
	const char *initials = csvrow_field(p->r, index[COL_INITIALS]);
	struct assessor *a;
	bool key_bad = false;

	if (!usable_initials(load, p, initials))
		return;
	a = arena_alloc(&load->arena, sizeof(*a));
	a->initials = initials;
	a->name = csvrow_field(p->r, index[COL_NAME]);
	a->role = read_role(p, csvrow_field(p->r, index[COL_ROLE]));
	a->risk = read_risk(p, csvrow_field(p->r, index[COL_RISK]));
	a->has_qualified = csvrow_date(p->f, p->r, index[COL_QUALIFIED],
				       "qualified", &a->qualified, &p->bad,
				       p->diags);
	a->countersign_by = csvrow_field(p->r, index[COL_COUNTERSIGN_BY]);
	/* A bad key is reported, and only the key is left out. */
	a->has_public_key = csvrow_base64(p->f, p->r, index[COL_PUBLIC_KEY],
					  "public_key", a->public_key,
					  ROLE_PUBLIC_KEY_SIZE, &key_bad, p->diags);
	if (p->bad)
		return;
	if (a->role == ASSESSOR_ROLE_ASSESSOR && a->risk == RISK_UNKNOWN)
		diag_warning(p->diags, p->f->path, p->r->line, 0,
			     "assessor %s has no `risk`: sampled as high risk",
			     initials);
	a->extra = csvrow_extras(&load->arena, p->f, p->r, index, NCOLUMNS,
				 &a->nextra);
	a->file = p->f->path;
	a->line = p->r->line;
	strmap_put(&load->assessor_folded, ident_fold(&load->arena, initials), a);
	load->assessors = mem_array_grow(load->assessors, cap,
					 load->nassessors + 1,
					 sizeof(*load->assessors));
	load->assessors[load->nassessors++] = a;
}

static int compare_assessors(const void *a, const void *b)
{
	const struct assessor *x = *(const struct assessor *const *)a;
	const struct assessor *y = *(const struct assessor *const *)b;

	return strcmp(x->initials, y->initials);
}

int assessor_load(struct load *load, const char *path, struct diag_list *diags)
{
	int index[NCOLUMNS], err;
	const struct csvfile *f = load_read_csv(load, path, columns, NCOLUMNS,
						index, &err, diags);
	struct place p = { f, NULL, diags, false };
	size_t cap = 0;

	for (size_t i = 0; f && i < f->nrecords; i++) {
		p.r = &f->records[i];
		p.bad = false;
		read_assessor(load, &p, index, &cap);
	}
	if (load->nassessors)
		qsort(load->assessors, load->nassessors, sizeof(*load->assessors),
		      compare_assessors);
	return err;
}

/*
 * Initials the assessors file does not list, and where they were first
 * named: a learner in learners.csv, else an evidence row.
 */
struct unknown {
	const struct learner *learner;
	const struct evidence *row;
};

struct unknowns {
	struct arena arena;         /* the folded keys and the records */
	struct strmap seen;         /* by folded initials */
	struct unknown **list;      /* in the order found */
	size_t count, cap;
};

/* The record of unlisted initials, made on first sight; NULL if listed. */
static struct unknown *unknown(const struct load *load, struct unknowns *u,
			       const char *initials)
{
	char folded[IDENT_MAX + 1];
	const char *key = initials;
	struct unknown *found;

	if (assessor_find(&load->assessor_folded, initials))
		return NULL;
	/* Longer initials are never listed: they are kept as written. */
	if (fold_initials(initials, folded))
		key = folded;
	found = strmap_get(&u->seen, key);
	if (found)
		return found;
	found = arena_alloc(&u->arena, sizeof(*found));
	strmap_put(&u->seen, arena_strdup(&u->arena, key), found);
	u->list = mem_array_grow(u->list, &u->cap, u->count + 1,
				 sizeof(*u->list));
	u->list[u->count++] = found;
	return found;
}

/* Whether evidence row a comes before b in the files, as they were read. */
static bool earlier_row(const struct evidence *a, const struct evidence *b)
{
	int c = a->file == b->file ? 0 : strcmp(a->file, b->file);

	return c ? c < 0 : a->line < b->line;
}

static void find_unknowns(const struct load *load, struct unknowns *u)
{
	for (size_t i = 0; i < load->nlearners; i++) {
		const struct learner *l = load->learners[i];
		struct unknown *x = l->assessor ? unknown(load, u, l->assessor) : NULL;

		if (x && (!x->learner || l->line < x->learner->line))
			x->learner = l;
	}
	/* The rows are in learner order, not file order: keep the earliest. */
	for (size_t i = 0; i < load->nevidence; i++) {
		const struct evidence *e = load->evidence[i];
		struct unknown *x = unknown(load, u, e->assessor);

		if (x && !x->learner && (!x->row || earlier_row(e, x->row)))
			x->row = e;
	}
}

/* Each countersigner is listed, and someone else. */
static void check_countersigners(const struct load *load,
				 struct diag_list *diags)
{
	for (size_t i = 0; i < load->nassessors; i++) {
		const struct assessor *a = load->assessors[i];
		const struct assessor *by = assessor_find(&load->assessor_folded,
							  a->countersign_by);

		if (!a->countersign_by || (by && by != a))
			continue;
		if (by)
			diag_error(diags, a->file, a->line, 0,
				   "assessor %s: `countersign_by` names the "
				   "assessor themself: name who countersigns "
				   "their decisions", a->initials);
		else
			diag_error(diags, a->file, a->line, 0,
				   "assessor %s: `countersign_by` `%s` is not "
				   "listed in %s", a->initials, a->countersign_by,
				   load->assessors_file);
	}
}

void assessor_check_references(const struct load *load, struct diag_list *diags)
{
	struct unknowns u = { ARENA_INIT, STRMAP_INIT, NULL, 0, 0 };

	if (!load->assessors_file)
		return;
	check_countersigners(load, diags);
	find_unknowns(load, &u);
	for (size_t i = 0; i < u.count; i++) {
		const struct unknown *x = u.list[i];

		diag_list_about(diags, x->learner ? x->learner->id : x->row->learner->id,
				x->learner ? NULL : x->row->unit->id);
		if (x->learner)
			diag_warning(diags, x->learner->file, x->learner->line, 0,
				     "learner %s: assessor `%s` is not in %s; "
				     "sampled as high risk", x->learner->id,
				     x->learner->assessor, load->assessors_file);
		else
			diag_warning(diags, x->row->file, x->row->line, 0,
				     "%s %s, %s: assessor `%s` is not in %s; "
				     "sampled as high risk", x->row->learner->id,
				     x->row->unit->id, x->row->ref,
				     x->row->assessor, load->assessors_file);
	}
	diag_list_about(diags, NULL, NULL);
	free(u.list);
	strmap_free(&u.seen);
	arena_free(&u.arena);
}
