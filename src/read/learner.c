/*
 * learner.c - reading learners.csv (see learner.h).
 */
#include "read/learner.h"
#include "base/ident.h"
#include "base/mem.h"
#include "read/load.h"
#include "read/qualification.h"

#include <stdlib.h>
#include <string.h>

enum {
	COL_LEARNER, COL_NAME, COL_REGISTRATION, COL_COHORT, COL_ASSESSOR,
	COL_START, COL_UNITS, COL_QUALIFICATION, COL_PUBLIC_KEY, NCOLUMNS
};

static const struct csvrow_column columns[NCOLUMNS] = {
	{ "learner", true },
	{ "name", false },
	{ "registration", false },
	{ "cohort", false },
	{ "assessor", false },
	{ "start", false },
	{ "units", false },
	{ "qualification", false },
	{ "public_key", false },
};

static void read_units(struct load *load, const struct csvfile *f,
		       const struct csvfile_record *r, const char *text,
		       struct learner *l, struct diag_list *diags)
{
	size_t n;
	const char **ids = csvrow_split(&load->arena, text, &n);

	l->units = arena_alloc(&load->arena, (n ? n : 1) * sizeof(*l->units));
	for (size_t i = 0; i < n; i++) {
		const struct unit *u = load_find_unit(load, ids[i]);

		if (!u) {
			diag_error(diags, f->path, r->line, 0,
				   "learner %s: unknown unit `%s` in `units`",
				   l->id, ids[i]);
			continue;
		}
		if (learner_registered(l, u)) {
			diag_warning(diags, f->path, r->line, 0,
				     "learner %s: unit `%s` is listed twice in `units`",
				     l->id, ids[i]);
			continue;
		}
		l->units[l->nunits++] = u;
	}
}

static void add_unit(struct learner *l, const struct unit *u)
{
	if (!learner_registered(l, u))
		l->units[l->nunits++] = u;
}

/*
 * The qualifications; with no `units`, the learner takes their mandatory
 * units.  A unit in none of them is assessed, and claimed, on its own.
 */
static void read_qualifications(struct load *load, const struct csvfile *f,
				const struct csvfile_record *r,
				const char *text, bool units_given,
				struct learner *l, struct diag_list *diags)
{
	size_t n, nunits = 0;
	const char **ids = csvrow_split(&load->arena, text, &n);

	l->qualifications = arena_alloc(&load->arena,
					(n ? n : 1) * sizeof(*l->qualifications));
	for (size_t i = 0; i < n; i++) {
		const struct qualification *q =
			load_find_qualification(load, ids[i]);
		bool twice = false;

		if (!q) {
			diag_error(diags, f->path, r->line, 0,
				   "learner %s: unknown qualification `%s`: no "
				   "qualification file (qualifications/*.md) has "
				   "this id", l->id, ids[i]);
			continue;
		}
		for (size_t k = 0; k < l->nqualifications; k++)
			twice |= l->qualifications[k] == q;
		if (twice) {
			diag_warning(diags, f->path, r->line, 0,
				     "learner %s: qualification `%s` is listed twice",
				     l->id, ids[i]);
			continue;
		}
		l->qualifications[l->nqualifications++] = q;
		nunits += q->nmandatory;
	}
	if (units_given || l->nqualifications == 0)
		return;
	l->units = arena_alloc(&load->arena, (nunits ? nunits : 1) *
			       sizeof(*l->units));
	l->units_default = true;
	for (size_t i = 0; i < l->nqualifications; i++)
		for (size_t k = 0; k < l->qualifications[i]->nmandatory; k++)
			add_unit(l, l->qualifications[i]->mandatory[k]);
	if (l->nunits == 0)
		diag_warning(diags, f->path, r->line, 0,
			     "learner %s takes no units: their qualification has no "
			     "mandatory ones; list the units they chose in `units`",
			     l->id);
}

/* Checks the id; returns whether the learner can be kept. */
static bool usable_id(struct load *load, const struct csvfile *f,
		      const struct csvfile_record *r, const char *id,
		      struct diag_list *diags)
{
	char scratch[64];
	const char *problem;
	const struct learner *first;

	if (!id) {
		diag_error(diags, f->path, r->line, 0, "empty `learner` id");
		return false;
	}
	problem = ident_problem(id, scratch, sizeof(scratch));
	if (problem) {
		diag_error(diags, f->path, r->line, 0,
			   "learner id `%s` %s (ids are letters, digits, '.', '_' and '-')",
			   id, problem);
		return false;
	}
	first = strmap_get(&load->learner_index, id);
	if (first) {
		diag_error(diags, f->path, r->line, 0,
			   "duplicate learner `%s` (first on line %d)", id,
			   first->line);
		return false;
	}
	first = strmap_get(&load->learner_folded, ident_fold(&load->arena, id));
	if (first) {
		diag_error(diags, f->path, r->line, 0,
			   "learner ids `%s` and `%s` (line %d) differ only in case: "
			   "their pages would be one file on Windows and macOS; rename one",
			   id, first->id, first->line);
		return false;
	}
	return true;
}

static void read_learner(struct load *load, const struct csvfile *f,
			 const struct csvfile_record *r, const int *index,
			 size_t *cap, struct diag_list *diags)
{
	const char *id = csvrow_field(r, index[COL_LEARNER]);
	struct learner *l;
	const char *units;
	bool bad = false;

	if (!usable_id(load, f, r, id, diags))
		return;
	l = arena_alloc(&load->arena, sizeof(*l));
	l->id = id;
	l->name = csvrow_field(r, index[COL_NAME]);
	l->registration = csvrow_field(r, index[COL_REGISTRATION]);
	l->cohort = csvrow_field(r, index[COL_COHORT]);
	l->assessor = csvrow_field(r, index[COL_ASSESSOR]);
	l->has_start = csvrow_date(f, r, index[COL_START], "start", &l->start,
				   &bad, diags);
	l->has_public_key = csvrow_base64(f, r, index[COL_PUBLIC_KEY],
					  "public_key", l->public_key,
					  ROLE_PUBLIC_KEY_SIZE, &bad, diags);
	l->file = f->path;
	l->line = r->line;
	units = csvrow_field(r, index[COL_UNITS]);
	read_units(load, f, r, units, l, diags);
	read_qualifications(load, f, r,
			    csvrow_field(r, index[COL_QUALIFICATION]),
			    units != NULL, l, diags);
	l->extra = csvrow_extras(&load->arena, f, r, index, NCOLUMNS, &l->nextra);
	strmap_put(&load->learner_index, l->id, l);
	strmap_put(&load->learner_folded, ident_fold(&load->arena, l->id), l);
	load->learners = mem_array_grow(load->learners, cap,
					load->nlearners + 1,
					sizeof(*load->learners));
	load->learners[load->nlearners++] = l;
}

static int compare_learners(const void *a, const void *b)
{
	const struct learner *x = *(const struct learner *const *)a;
	const struct learner *y = *(const struct learner *const *)b;

	return strcmp(x->id, y->id);
}

int learner_load(struct load *load, const char *path, struct diag_list *diags)
{
	int index[NCOLUMNS], err;
	size_t cap = 0;
	const struct csvfile *f = load_read_csv(load, path, columns, NCOLUMNS,
						index, &err, diags);

	if (!f)
		return err;
	for (size_t i = 0; i < f->nrecords; i++) {
		const char *id = csvrow_field(&f->records[i], index[COL_LEARNER]);

		diag_list_about(diags, id ? id : "", NULL);
		read_learner(load, f, &f->records[i], index, &cap, diags);
	}
	diag_list_about(diags, NULL, NULL);
	if (load->nlearners)
		qsort(load->learners, load->nlearners, sizeof(*load->learners),
		      compare_learners);
	for (size_t i = 0; i < load->nlearners; i++)
		load->learners[i]->index = i;
	return 0;
}

bool learner_registered(const struct learner *l, const struct unit *u)
{
	for (size_t i = 0; i < l->nunits; i++)
		if (l->units[i] == u)
			return true;
	return false;
}
