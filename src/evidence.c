/*
 * evidence.c - reading the evidence logs (see evidence.h).
 */
#include "evidence.h"
#include "buf.h"
#include "date.h"
#include "fsutil.h"
#include "mem.h"
#include "model.h"

#include <cmark.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum {
	COL_LEARNER, COL_UNIT, COL_REF, COL_DATE, COL_METHOD, COL_CRITERIA,
	COL_REQUIREMENTS, COL_SUMMARY, COL_ASSESSOR, COL_SIMULATED,
	COL_LOCATION, NCOLUMNS
};

static const struct csvrow_column columns[NCOLUMNS] = {
	{ "learner", true },
	{ "unit", true },
	{ "ref", true },
	{ "date", true },
	{ "method", true },
	{ "criteria", true },
	{ "requirements", true },
	{ "summary", true },
	{ "assessor", true },
	{ "simulated", false },
	{ "location", false },
};

/* What one row is being read with. */
struct row {
	struct model *m;
	const struct csvfile *f;
	const struct csvfile_record *r;
	const int *index;
	struct diag_list *diags;
	bool bad;                  /* an error: the row is left out */
};

static const char *field(struct row *row, int column)
{
	return csvrow_field(row->r, row->index[column]);
}

static void row_error(struct row *row, const char *fmt, const char *a,
		      const char *b)
{
	diag_error(row->diags, row->f->path, row->r->line, 0, fmt, a, b);
	row->bad = true;
}

static const char *required(struct row *row, int column, const char *name)
{
	const char *text = field(row, column);

	if (!text)
		row_error(row, "empty `%s`%s", name, "");
	return text;
}

static const struct learner *read_learner(struct row *row)
{
	const char *id = required(row, COL_LEARNER, "learner");
	const struct learner *l;

	if (!id)
		return NULL;
	l = strmap_get(&row->m->learner_index, id);
	if (!l)
		row_error(row, "unknown learner `%s`%s", id,
			  row->m->nlearners ? "" : " (there is no learners file)");
	return l;
}

static const struct unit *read_unit(struct row *row)
{
	const char *id = required(row, COL_UNIT, "unit");
	const struct unit *u;

	if (!id)
		return NULL;
	u = model_find_unit(row->m, id);
	if (!u)
		row_error(row, "unknown unit `%s`%s", id, "");
	return u;
}

static bool method_known(const struct unit *u, const char *code)
{
	for (size_t i = 0; i < unit_default_methods_count; i++)
		if (strcmp(unit_default_methods[i].code, code) == 0)
			return true;
	return u && unit_find_method(u, code);
}

/* "O, PD, Q, WP, WT, Oth" and any codes the unit names itself. */
static void list_codes(const struct unit *u, struct buf *out)
{
	for (size_t i = 0; i < unit_default_methods_count; i++)
		buf_printf(out, "%s%s", i ? ", " : "", unit_default_methods[i].code);
	for (size_t i = 0; u && i < u->nmethods; i++)
		if (!method_known(NULL, u->methods[i].code))
			buf_printf(out, ", %s", u->methods[i].code);
}

static const char *read_method(struct row *row, const struct unit *u)
{
	const char *code = required(row, COL_METHOD, "method");
	struct buf codes = BUF_INIT;

	if (!code)
		return NULL;
	if (!method_known(u, code)) {
		list_codes(u, &codes);
		row_error(row, "unknown method code `%s` (the codes are %s)",
			  code, buf_cstr(&codes));
		buf_free(&codes);
		return NULL;
	}
	return code;
}

static const struct unit_criterion **read_criteria(struct row *row,
						   const struct unit *u,
						   size_t *count)
{
	size_t n;
	const char **ids = csvrow_split(&row->m->arena, field(row, COL_CRITERIA), &n);
	const struct unit_criterion **list;

	*count = 0;
	list = arena_alloc(&row->m->arena, (n ? n : 1) * sizeof(*list));
	for (size_t i = 0; i < n && u; i++) {
		const struct unit_criterion *c = unit_find_criterion(u, ids[i]);

		if (!c)
			row_error(row, "unit %s has no criterion `%s`", u->id, ids[i]);
		else
			list[(*count)++] = c;
	}
	return list;
}

static const struct unit_requirement **read_requirements(struct row *row,
							 const struct unit *u,
							 size_t *count)
{
	size_t n;
	const char **ids = csvrow_split(&row->m->arena,
					field(row, COL_REQUIREMENTS), &n);
	const struct unit_requirement **list;

	*count = 0;
	list = arena_alloc(&row->m->arena, (n ? n : 1) * sizeof(*list));
	for (size_t i = 0; i < n && u; i++) {
		const struct unit_requirement *q = unit_find_requirement(u, ids[i]);

		if (!q)
			row_error(row, "unit %s has no requirement `%s`", u->id, ids[i]);
		else
			list[(*count)++] = q;
	}
	return list;
}

static const char *render_summary(struct model *m, const char *markdown)
{
	char *html = cmark_markdown_to_html(markdown, strlen(markdown),
					    CMARK_OPT_DEFAULT);
	const char *copy = arena_strdup(&m->arena, html);

	free(html);
	return copy;
}

/* A warning about a row that loaded, naming whose row it is. */
static void warn(struct row *row, const struct evidence *e, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));

static void warn(struct row *row, const struct evidence *e, const char *fmt,
		 ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	buf_printf(&msg, "%s %s, %s: ", e->learner->id, e->unit->id, e->ref);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_add(row->diags, DIAG_WARNING, row->f->path, row->r->line, 0,
		 buf_cstr(&msg));
	buf_free(&msg);
}

/* The warnings a row that loaded well may still deserve. */
static void check_row(struct row *row, const struct evidence *e)
{
	char date[DATE_ISO_SIZE], other[DATE_ISO_SIZE];
	const struct learner *l = e->learner;

	if (!unit_find_method(e->unit, e->method))
		warn(row, e, "method %s is not allowed by unit %s, so this "
		     "evidence does not count", e->method, e->unit->id);
	if (e->date > row->m->today)
		warn(row, e, "date %s is in the future (today is %s)",
		     date_format(e->date, date), date_format(row->m->today, other));
	if (l->has_start && e->date < l->start)
		warn(row, e, "date %s is before the learner started (%s)",
		     date_format(e->date, date), date_format(l->start, other));
	if (!learner_registered(l, e->unit))
		warn(row, e, "the learner is not registered on unit %s",
		     e->unit->id);
	if (e->simulated && !e->unit->simulation)
		warn(row, e, "simulated evidence: unit %s does not allow "
		     "simulation, so it counts only for knowledge criteria",
		     e->unit->id);
	if (e->ncriteria == 0 && e->nrequirements == 0)
		warn(row, e, "covers no criterion or requirement");
}

/* "learner\x1funit\x1fref": the key under which a ref must be unique. */
static const char *ref_key(struct model *m, const struct evidence *e)
{
	struct buf key = BUF_INIT;
	const char *copy;

	buf_printf(&key, "%s\x1f%s\x1f%s", e->learner->id, e->unit->id, e->ref);
	copy = arena_strndup(&m->arena, key.data, key.len);
	buf_free(&key);
	return copy;
}

/* Where a ref was first seen: the rows themselves move as the array grows. */
struct place {
	const char *file;
	int line;
};

static void check_unique_ref(struct row *row, const struct evidence *e)
{
	struct place *here = arena_alloc(&row->m->arena, sizeof(*here));
	const struct place *first;

	here->file = e->file;
	here->line = e->line;
	first = strmap_put(&row->m->ref_index, ref_key(row->m, e), here);
	if (first != here) {
		diag_error(row->diags, row->f->path, row->r->line, 0,
			   "duplicate ref `%s` for learner %s and unit %s "
			   "(first at %s:%d)", e->ref, e->learner->id,
			   e->unit->id, first->file, first->line);
		row->bad = true;
	}
}

static void read_row(struct row *row, struct evidence *e)
{
	e->learner = read_learner(row);
	e->unit = read_unit(row);
	e->ref = required(row, COL_REF, "ref");
	if (required(row, COL_DATE, "date"))
		csvrow_date(row->f, row->r, row->index[COL_DATE], "date",
			    &e->date, &row->bad, row->diags);
	e->method = read_method(row, e->unit);
	e->criteria = read_criteria(row, e->unit, &e->ncriteria);
	e->requirements = read_requirements(row, e->unit, &e->nrequirements);
	if (!csvrow_yes_no(row->f, row->r, row->index[COL_SIMULATED],
			   "simulated", &e->simulated, row->diags))
		row->bad = true;
	e->assessor = required(row, COL_ASSESSOR, "assessor");
	e->location = field(row, COL_LOCATION);
	e->summary = field(row, COL_SUMMARY) ? field(row, COL_SUMMARY) : "";
	e->file = row->f->path;
	e->line = row->r->line;
}

static void load_file(struct model *m, struct csvfile *f, size_t *cap,
		      struct diag_list *diags)
{
	int index[NCOLUMNS];
	struct row row = { m, f, NULL, index, diags, false };

	if (!csvrow_map(f, columns, NCOLUMNS, index, diags))
		return;
	for (size_t i = 0; i < f->nrecords; i++) {
		struct evidence e = { 0 };

		row.r = &f->records[i];
		row.bad = false;
		read_row(&row, &e);
		if (row.bad)
			continue;
		m->evidence = mem_array_grow(m->evidence, cap, m->nevidence + 1,
					     sizeof(*m->evidence));
		m->evidence[m->nevidence] = e;
		check_unique_ref(&row, &m->evidence[m->nevidence]);
		if (row.bad)
			continue;
		/* Only rows that stay are rendered and warned about. */
		check_row(&row, &m->evidence[m->nevidence]);
		m->evidence[m->nevidence].summary_html = render_summary(m, e.summary);
		m->evidence[m->nevidence].extra =
			csvrow_extras(&m->arena, f, row.r, index, NCOLUMNS,
				      &m->evidence[m->nevidence].nextra);
		m->nevidence++;
	}
}

int evidence_load(struct model *m, const char *dir, struct diag_list *diags)
{
	char **names;
	size_t count, cap = 0;
	int err = fs_list_files(dir, ".csv", &names, &count);

	if (err)
		return err;
	for (size_t i = 0; i < count && !err; i++) {
		char *path = fs_join(dir, names[i]);
		struct csvfile *f = model_new_csvfile(m);

		err = csvfile_load(f, path, diags);
		if (err == 0)
			load_file(m, f, &cap, diags);
		else if (err > 0)
			diag_error(diags, path, 0, 0, "cannot read: %s",
				   strerror(err));
		free(path);
	}
	fs_free_names(names, count);
	return err > 0 ? err : 0;
}

static int compare_evidence(const void *a, const void *b)
{
	const struct evidence *x = a, *y = b;
	int c = strcmp(x->learner->id, y->learner->id);

	if (c)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	c = strcmp(x->ref, y->ref);
	if (c)
		return c;
	c = strcmp(x->unit->id, y->unit->id);
	if (c)
		return c;
	/* Same learner, date, ref and unit is a duplicate already left out;
	 * the file position keeps the order total all the same. */
	c = strcmp(x->file, y->file);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

void evidence_index(struct model *m)
{
	if (m->nevidence)
		qsort(m->evidence, m->nevidence, sizeof(*m->evidence),
		      compare_evidence);
	for (size_t i = 0; i < m->nevidence; ) {
		struct learner *l = (struct learner *)m->evidence[i].learner;
		size_t j = i;

		while (j < m->nevidence && m->evidence[j].learner == l)
			j++;
		l->first_evidence = i;
		l->nevidence = j - i;
		i = j;
	}
}
