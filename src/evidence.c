/*
 * evidence.c - reading the evidence logs (see evidence.h).
 */
#include "evidence.h"
#include "buf.h"
#include "date.h"
#include "fsutil.h"
#include "markdown.h"
#include "mem.h"
#include "model.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static size_t count_ids(const char *s)
{
	size_t n = 0, len;

	while (s && csvrow_next_id(&s, &len))
		n++;
	return n;
}

typedef const void *(*find_fn)(const struct unit *u, const char *s, size_t len);

static const void *find_criterion(const struct unit *u, const char *s, size_t len)
{
	return unit_find_criterion_n(u, s, len);
}

static const void *find_requirement(const struct unit *u, const char *s, size_t len)
{
	return unit_find_requirement_n(u, s, len);
}

/* Resolves the ids of a column against the row's unit, in place. */
static const void **read_ids(struct row *row, const struct unit *u, int column,
			     find_fn find, const char *what, size_t *count)
{
	const char *text = field(row, column), *id;
	const void **list = arena_alloc(&row->m->arena,
					(count_ids(text) + 1) * sizeof(*list));
	size_t len;

	*count = 0;
	while (u && text && (id = csvrow_next_id(&text, &len))) {
		const void *found = find(u, id, len);

		if (found) {
			list[(*count)++] = found;
		} else {
			diag_error(row->diags, row->f->path, row->r->line, 0,
				   "unit %s has no %s `%.*s`", u->id, what,
				   (int)len, id);
			row->bad = true;
		}
	}
	return list;
}

/* Only commands that show HTML pay for it (check does not). */
static const char *render_summary(struct model *m, const char *markdown)
{
	struct buf html = BUF_INIT;
	const char *copy;

	if (!m->summaries_html)
		return NULL;
	markdown_to_html(markdown, strlen(markdown), &html);
	copy = arena_strndup(&m->arena, buf_cstr(&html), html.len);
	buf_free(&html);
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

	if (!e->method_allowed)
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
	size_t l = strlen(e->learner->id), u = strlen(e->unit->id);
	size_t r = strlen(e->ref);
	char *key = arena_alloc(&m->arena, l + u + r + 3);

	memcpy(key, e->learner->id, l);
	key[l] = '\x1f';
	memcpy(key + l + 1, e->unit->id, u);
	key[l + 1 + u] = '\x1f';
	memcpy(key + l + u + 2, e->ref, r + 1);
	return key;
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
	e->criteria = (const struct unit_criterion **)read_ids(row, e->unit,
		COL_CRITERIA, find_criterion, "criterion", &e->ncriteria);
	e->requirements = (const struct unit_requirement **)read_ids(row, e->unit,
		COL_REQUIREMENTS, find_requirement, "requirement", &e->nrequirements);
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
		e.method_allowed = unit_find_method(e.unit, e.method) != NULL;
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

/* Files parsed on worker threads; rows are then read in file order. */
struct parsing {
	char **paths;
	const char **encodings;
	struct csvfile **files;
	struct diag_list *diags;    /* one list per file */
	int *errors;                /* errno per file, 0 when read */
	size_t count;
	atomic_size_t next;
};

static void *parse_files(void *arg)
{
	struct parsing *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->count)
		p->errors[i] = csvfile_load_as(p->files[i], p->paths[i],
					       p->encodings[i], &p->diags[i]);
	return NULL;
}

/* libcsv reads a byte at a time, so the files are parsed side by side. */
static void parse_in_parallel(struct parsing *p)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cores > 1 ? (size_t)cores : 1, started = 0;
	pthread_t threads[16];

	if (n > p->count)
		n = p->count;
	for (size_t i = 1; i < n && i <= 16; i++)
		if (pthread_create(&threads[started], NULL, parse_files, p) == 0)
			started++;
	parse_files(p);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

int evidence_load(struct model *m, const char *dir, struct diag_list *diags)
{
	struct parsing p = { 0 };
	char **names;
	size_t cap = 0;
	int err = fs_list_files(dir, ".csv", &names, &p.count);

	if (err)
		return err;
	p.paths = mem_calloc(p.count + 1, sizeof(*p.paths));
	p.encodings = mem_calloc(p.count + 1, sizeof(*p.encodings));
	p.files = mem_calloc(p.count + 1, sizeof(*p.files));
	p.diags = mem_calloc(p.count + 1, sizeof(*p.diags));
	p.errors = mem_calloc(p.count + 1, sizeof(*p.errors));
	for (size_t i = 0; i < p.count; i++) {
		p.paths[i] = fs_join(dir, names[i]);
		p.encodings[i] = model_encoding_for(m, p.paths[i]);
		p.files[i] = model_new_csvfile(m);
	}
	parse_in_parallel(&p);
	/* Room for every record at once: growing the rows by doubling copied
	 * all of them over and over (a tenth of a large check). */
	for (size_t i = 0, records = 0; i < p.count; i++) {
		records += p.files[i]->nrecords;
		if (i + 1 == p.count) {
			m->evidence = mem_array_grow(m->evidence, &cap,
						     m->nevidence + records + 1,
						     sizeof(*m->evidence));
			strmap_reserve(&m->ref_index, m->ref_index.count + records);
		}
	}
	for (size_t i = 0; i < p.count; i++) {
		diag_list_append(diags, &p.diags[i]);
		if (p.errors[i] == 0 && !err)
			load_file(m, p.files[i], &cap, diags);
		else if (p.errors[i] > 0) {
			diag_error(diags, p.paths[i], 0, 0, "cannot read: %s",
				   strerror(p.errors[i]));
			err = p.errors[i];
		}
		diag_list_free(&p.diags[i]);
		free(p.paths[i]);
	}
	free(p.paths);
	free(p.encodings);
	free(p.files);
	free(p.diags);
	free(p.errors);
	fs_free_names(names, p.count);
	return err;
}

/* Within one learner: by date, then ref, then unit, then place. */
static int compare_evidence(const void *a, const void *b)
{
	const struct evidence *x = a, *y = b;
	int c;

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

/*
 * A counting sort by learner (the learners are already in id order), then
 * a small sort within each learner: linear in the rows but for the few
 * each learner has, where a single sort would compare ids all the time.
 */
void evidence_index(struct model *m)
{
	size_t *start = mem_calloc(m->nlearners + 1, sizeof(*start));
	/* Every slot is written below: no need to zero 100 MB first. */
	struct evidence *sorted = mem_alloc((m->nevidence + 1) * sizeof(*sorted));

	for (size_t i = 0; i < m->nevidence; i++)
		start[m->evidence[i].learner->index + 1]++;
	for (size_t l = 0; l < m->nlearners; l++)
		start[l + 1] += start[l];
	for (size_t l = 0; l < m->nlearners; l++) {
		m->learners[l]->first_evidence = start[l];
		m->learners[l]->nevidence = start[l + 1] - start[l];
	}
	for (size_t i = 0; i < m->nevidence; i++)
		sorted[start[m->evidence[i].learner->index]++] = m->evidence[i];
	for (size_t l = 0; l < m->nlearners; l++) {
		struct learner *lr = m->learners[l];

		if (lr->nevidence > 1)
			qsort(sorted + lr->first_evidence, lr->nevidence,
			      sizeof(*sorted), compare_evidence);
	}
	free(m->evidence);
	m->evidence = sorted;
	free(start);
}
