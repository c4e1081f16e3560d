/*
 * evidence.c - reading the evidence logs and putting their rows in order
 * (see evidence.h).
 */
#include "read/evidence.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/fsutil.h"
#include "base/hash.h"
#include "base/markdown.h"
#include "base/mem.h"
#include "base/threads.h"
#include "read/load.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	const struct load *load;
	struct arena *arena;       /* the reading thread's own */
	const struct csvfile *f;
	const struct csvfile_record *r;
	const int *index;
	struct diag_list *diags;
	bool bad;                  /* an error: the row is left out */
	const void **ids;          /* scratch for read_ids */
	size_t ids_cap;
	/* Per criterion or requirement index: the read_ids call that last
	 * named it (times two, plus one once its repeat was reported). */
	size_t *seen;
	size_t seen_cap;
	size_t calls;
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
	l = strmap_get(&row->load->learner_index, id);
	if (!l) {
		struct buf why = BUF_INIT;

		row_error(row, "unknown learner `%s`%s", id,
			  load_unknown_learner_why(row->load, id, &why));
		buf_free(&why);
	}
	return l;
}

static const struct unit *read_unit(struct row *row)
{
	const char *id = required(row, COL_UNIT, "unit");
	const struct unit *u;

	if (!id)
		return NULL;
	u = load_find_unit(row->load, id);
	if (!u) {
		struct buf why = BUF_INIT;

		row_error(row, "unknown unit `%s`%s", id,
			  load_unknown_unit_why(row->load, id, &why));
		buf_free(&why);
	}
	return u;
}

/*
 * The known method code that code equals by cmp (strcmp; strcasecmp for
 * one written in another case, "o" for "O"): the default codes first,
 * then those the unit names itself; NULL if none.
 */
static const char *known_code(const struct unit *u, const char *code,
			      int (*cmp)(const char *, const char *))
{
	for (size_t i = 0; i < unit_default_methods_count; i++)
		if (cmp(unit_default_methods[i].code, code) == 0)
			return unit_default_methods[i].code;
	for (size_t i = 0; u && i < u->nmethods; i++)
		if (cmp(u->methods[i].code, code) == 0)
			return u->methods[i].code;
	return NULL;
}

/* "O, PD, Q, WP, WT, Oth" and any codes the unit names itself. */
static void list_codes(const struct unit *u, struct buf *out)
{
	for (size_t i = 0; i < unit_default_methods_count; i++)
		buf_printf(out, "%s%s", i ? ", " : "", unit_default_methods[i].code);
	for (size_t i = 0; u && i < u->nmethods; i++)
		if (!known_code(NULL, u->methods[i].code, strcmp))
			buf_printf(out, ", %s", u->methods[i].code);
}

static const char *read_method(struct row *row, const struct unit *u)
{
	const char *code = required(row, COL_METHOD, "method"), *meant;
	struct buf codes = BUF_INIT;

	if (!code)
		return NULL;
	if (!known_code(u, code, strcmp)) {
		if ((meant = known_code(u, code, strcasecmp))) {
			row_error(row, "unknown method code `%s`: write `%s`, "
				  "as codes are case-sensitive", code, meant);
		} else {
			list_codes(u, &codes);
			row_error(row, "unknown method code `%s` (the codes "
				  "are %s)", code, buf_cstr(&codes));
			buf_free(&codes);
		}
		return NULL;
	}
	return code;
}

/* The criterion or requirement named s, with its index in the unit. */
typedef const void *(*find_fn)(const struct unit *u, const char *s, size_t len,
			       size_t *index);

static const void *find_criterion(const struct unit *u, const char *s, size_t len,
				  size_t *index)
{
	const struct unit_criterion *c = unit_find_criterion_n(u, s, len);

	*index = c ? c->index : 0;
	return c;
}

static const void *find_requirement(const struct unit *u, const char *s, size_t len,
				    size_t *index)
{
	const struct unit_requirement *r = unit_find_requirement_n(u, s, len);

	*index = r ? r->index : 0;
	return r;
}

/*
 * Whether the id at index was named already in this call of read_ids;
 * the first repeat is reported, as the id is cited once.  A stamp per
 * index, so that no list is searched and nothing is cleared between rows.
 */
static bool named_before(struct row *row, size_t index, size_t size,
			 const char *what, const char *id, size_t len)
{
	size_t first = 2 * row->calls;

	if (size > row->seen_cap) {
		size_t old = row->seen_cap;

		row->seen = mem_array_grow(row->seen, &row->seen_cap, size,
					   sizeof(*row->seen));
		memset(row->seen + old, 0, (row->seen_cap - old) * sizeof(*row->seen));
	}
	if (row->seen[index] < first) {
		row->seen[index] = first;
		return false;
	}
	if (row->seen[index] == first) {
		diag_warning(row->diags, row->f->path, row->r->line, 0,
			     "%s `%.*s` is named more than once in this row; it "
			     "is cited once", what, (int)len, id);
		row->seen[index] = first + 1;
	}
	return true;
}

/* The unit's criterion (or requirement, as find says) whose id is
 * id[0..len) in another case ("3B" for "3b"), or NULL: for the error. */
static const char *id_in_other_case(const struct unit *u, find_fn find,
				    const char *id, size_t len)
{
	bool criteria = find == find_criterion;
	size_t n = criteria ? u->ncriteria : u->nrequirements;

	for (size_t i = 0; i < n; i++) {
		const char *have = criteria ? u->criteria[i]->id :
					      u->requirements[i]->id;

		if (strlen(have) == len && strncasecmp(have, id, len) == 0)
			return have;
	}
	return NULL;
}

/*
 * Resolves the ids of a column against the row's unit.  They are gathered
 * in the reader's scratch list and then copied, which scans the text once
 * where counting them first scanned it twice.
 */
static const void **read_ids(struct row *row, const struct unit *u, int column,
			     find_fn find, const char *what, size_t *count)
{
	const char *text = field(row, column), *id;
	const void **list;
	size_t len;

	*count = 0;
	row->calls++;
	while (u && text && (id = csvrow_next_id(&text, &len))) {
		size_t at;
		const void *found = find(u, id, len, &at);

		if (found && named_before(row, at, find == find_criterion ?
					  u->ncriteria : u->nrequirements,
					  what, id, len))
			continue;
		if (found) {
			if (*count == row->ids_cap)
				row->ids = mem_array_grow(row->ids, &row->ids_cap,
							  *count + 1,
							  sizeof(*row->ids));
			row->ids[(*count)++] = found;
		} else {
			const char *meant = id_in_other_case(u, find, id, len);

			if (meant)
				diag_error(row->diags, row->f->path,
					   row->r->line, 0, "unit %s has no %s "
					   "`%.*s` (it has `%s`: ids are "
					   "case-sensitive)", u->id, what,
					   (int)len, id, meant);
			else
				diag_error(row->diags, row->f->path,
					   row->r->line, 0,
					   "unit %s has no %s `%.*s`", u->id,
					   what, (int)len, id);
			row->bad = true;
		}
	}
	list = arena_alloc(row->arena, (*count + 1) * sizeof(*list));
	if (*count)
		memcpy(list, row->ids, *count * sizeof(*list));
	return list;
}

/* Only commands that show HTML pay for it (check does not). */
static const char *render_summary(const struct load *load, struct arena *arena,
				  const char *markdown)
{
	struct buf html = BUF_INIT;
	const char *copy;

	if (!load->summaries_html)
		return NULL;
	markdown_to_html(markdown, strlen(markdown), &html);
	copy = arena_strndup(arena, buf_cstr(&html), html.len);
	buf_free(&html);
	return copy;
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

/* At most this many threads read files and index rows. */
#define EVIDENCE_MAX_THREADS 16
/* Fewer rows are indexed on one thread: more would cost more than they save. */
#define EVIDENCE_PARALLEL_ROWS 100000

/* One evidence file, parsed and its rows read on a worker thread. */
struct log {
	char *path;
	const char *encoding;
	struct csvfile *csv;        /* kept with the records */
	int status;                 /* of csvfile_load_as: 0, -1, an errno or FS_E* */
	bool kept;                  /* no earlier file was unreadable */
	struct diag_list parsing;   /* the file's own problems */
	struct diag_list reading;   /* its rows' errors, reported only if kept */
	struct evidence *rows;      /* the rows without errors, in line order */
	size_t nrows;
};

struct loading {
	struct load *load;
	struct log *logs;           /* in name order */
	size_t count;
	atomic_size_t next;         /* the next file a worker takes */
};

struct reader {
	struct loading *ld;
	struct arena *arena;        /* one of the load's, this thread's alone */
};

/* For work in n parts: as the load asks (tests do), else a core each if worth it. */
static size_t threads_for(const struct load *load, size_t n, bool worth_it)
{
	size_t t = load->threads ? load->threads : worth_it ? threads_cores() : 1;

	if (t > n)
		t = n;
	if (t > EVIDENCE_MAX_THREADS)
		t = EVIDENCE_MAX_THREADS;
	return t ? t : 1;
}

/*
 * Whether f has columns that are none of ours, kept as extra: most logs
 * have none, and looking for them in every row cost a tenth of reading it.
 */
static bool has_extra_columns(const struct csvfile *f, const int *index)
{
	size_t ours = 0;

	for (size_t i = 0; i < NCOLUMNS; i++)
		ours += index[i] >= 0;
	return f->ncolumns > ours;
}

static void read_rows(const struct load *load, struct arena *arena,
		      struct log *g, int file_no)
{
	int index[NCOLUMNS];
	struct row row = { load, arena, g->csv, NULL, index, &g->reading, false,
			   NULL, 0, NULL, 0, 0 };
	bool extras;

	g->rows = mem_alloc((g->csv->nrecords + 1) * sizeof(*g->rows));
	if (!csvrow_map(g->csv, columns, NCOLUMNS, index, &g->reading))
		return;
	extras = has_extra_columns(g->csv, index);
	for (size_t i = 0; i < g->csv->nrecords; i++) {
		struct evidence *e = &g->rows[g->nrows];

		memset(e, 0, sizeof(*e));
		row.r = &g->csv->records[i];
		row.bad = false;
		diag_list_about(row.diags, field(&row, COL_LEARNER) ?
				field(&row, COL_LEARNER) : "", field(&row, COL_UNIT));
		read_row(&row, e);
		if (row.bad)
			continue;
		/* A row that later proves a duplicate is rendered for nothing,
		 * but duplicates are rare and this is the parallel part. */
		e->file_no = file_no;
		e->method_allowed = unit_find_method(e->unit, e->method) != NULL;
		e->future = e->date > load->today;
		e->before_start = e->learner->has_start &&
				  e->date < e->learner->start;
		e->summary_plain = load->summaries_html &&
				   markdown_is_plain(e->summary, strlen(e->summary));
		if (!e->summary_plain)
			e->summary_html = render_summary(load, arena, e->summary);
		if (extras)
			e->extra = csvrow_extras(arena, g->csv, row.r, index,
						 NCOLUMNS, &e->nextra);
		g->nrows++;
	}
	diag_list_about(row.diags, NULL, NULL);
	free(row.ids);
	free(row.seen);
}

static void *read_logs(void *arg)
{
	struct reader *r = arg;
	struct loading *ld = r->ld;
	struct csvfile_scratch scratch = CSVFILE_SCRATCH_INIT;
	size_t i;

	while ((i = atomic_fetch_add(&ld->next, 1)) < ld->count) {
		struct log *g = &ld->logs[i];

		if (g->status == 0)     /* else refused by list_logs */
			g->status = load_csv(ld->load, g->csv, g->path,
					     g->encoding, &scratch, &g->parsing);
		else
			g->csv->path = mem_strdup(g->path);
		if (g->status == 0)
			read_rows(ld->load, r->arena, g, (int)i);
		csvfile_drop_records_into(g->csv, &scratch);
	}
	csvfile_scratch_free(&scratch);
	return NULL;
}

/*
 * libcsv reads a byte at a time, so the files are parsed side by side, and
 * each thread goes on to read the rows of the file it parsed: reading them
 * in file order on one thread took longer than parsing.  The load's arena
 * is not shared: each thread allocates from one of its own.
 */
static void read_in_parallel(struct loading *ld)
{
	size_t n = threads_for(ld->load, ld->count, true);
	struct reader readers[EVIDENCE_MAX_THREADS];

	ld->load->row_arenas = mem_calloc(n, sizeof(*ld->load->row_arenas));
	ld->load->nrow_arenas = n;
	for (size_t i = 0; i < n; i++)
		readers[i] = (struct reader){ ld, &ld->load->row_arenas[i] };
	threads_run(read_logs, readers, sizeof(*readers), n, NULL);
}

/*
 * An unreadable file stops the loading of the files after it, as when
 * they were read one by one; returns its errno (the last one's), else 0.
 */
static int keep_readable(struct loading *ld)
{
	int err = 0;

	for (size_t i = 0; i < ld->count; i++) {
		struct log *g = &ld->logs[i];

		g->kept = g->status == 0 && !err;
		if (g->status > 0)
			err = g->status;
	}
	return err;
}

static int list_logs(struct loading *ld, const char *dir,
		     struct diag_list *diags)
{
	char **names;
	int err = load_list(ld->load, dir, ".csv", &names, &ld->count,
			    diags);

	if (err) {
		ld->count = 0;
		return err;
	}
	ld->logs = mem_calloc(ld->count + 1, sizeof(*ld->logs));
	for (size_t i = 0; i < ld->count; i++) {
		ld->logs[i].path = fs_join(dir, names[i]);
		load_note_input(ld->load, ld->logs[i].path);
		ld->logs[i].encoding = load_encoding_for(ld->load, ld->logs[i].path);
		ld->logs[i].csv = load_new_csvfile(ld->load);
		ld->logs[i].status = load_check_link(ld->load, ld->logs[i].path,
						     dir);
	}
	fs_free_names(names, ld->count);
	return 0;
}

/* Putting the rows in order, on threads that each take a range of learners. */
struct indexing {
	struct load *load;
	const struct log *logs;
	size_t nlogs;
	size_t *start;              /* per learner: its first slot, with duplicates */
	const struct evidence **sorted;
};

/*
 * The refs met so far in one learner's rows: an open table of row numbers,
 * each stamped with the learner, so that it serves the next learner
 * without being cleared.
 */
struct seen_slot {
	size_t stamp;               /* 0: free */
	size_t row;
};

struct indexer {
	const struct indexing *x;
	size_t from, to;            /* learners */
	struct diag_list *diags;    /* one per file, so that they report in order */
	struct seen_slot *seen;
	size_t seen_mask;
};

/* Rows by learner, with start[l] their first slot; the file order kept. */
static size_t *count_rows(const struct load *load, const struct loading *ld)
{
	size_t *start = mem_calloc(load->nlearners + 1, sizeof(*start));

	for (size_t f = 0; f < ld->count; f++)
		for (size_t i = 0; ld->logs[f].kept && i < ld->logs[f].nrows; i++)
			start[ld->logs[f].rows[i].learner->index + 1]++;
	for (size_t l = 0; l < load->nlearners; l++)
		start[l + 1] += start[l];
	return start;
}

/* Points the slots of this thread's learners at their rows, in file order. */
static void scatter(struct indexer *w)
{
	const struct indexing *x = w->x;
	size_t span = w->to - w->from;
	size_t *next = mem_alloc((span + 1) * sizeof(*next));

	memcpy(next, x->start + w->from, span * sizeof(*next));
	for (size_t f = 0; f < x->nlogs; f++) {
		const struct log *g = &x->logs[f];

		for (size_t i = 0; g->kept && i < g->nrows; i++) {
			size_t l = g->rows[i].learner->index - w->from;

			if (l < span)
				x->sorted[next[l]++] = &g->rows[i];
		}
	}
	free(next);
}

static void seen_reserve(struct indexer *w, size_t rows)
{
	size_t cap = w->seen ? w->seen_mask + 1 : 16;

	if (w->seen && cap >= 2 * rows)
		return;
	while (cap < 2 * rows)
		cap *= 2;
	free(w->seen);
	w->seen = mem_calloc(cap, sizeof(*w->seen));
	w->seen_mask = cap - 1;
}

static size_t ref_hash(const struct evidence *e)
{
	uintptr_t unit = (uintptr_t)e->unit;
	uint64_t h = hash_string(hash_bytes(HASH_INIT, &unit, sizeof(unit)),
				 e->ref);

	return (size_t)(h ^ h >> 29);
}

/*
 * The row among rows[0..kept) with e's unit and ref, else NULL, e being
 * noted as rows[kept].  Units are unique, so their addresses compare.
 */
static const struct evidence *seen_before(struct indexer *w, size_t stamp,
					  const struct evidence *const *rows,
					  size_t kept, const struct evidence *e)
{
	size_t i = ref_hash(e) & w->seen_mask;

	for (; w->seen[i].stamp == stamp; i = (i + 1) & w->seen_mask) {
		const struct evidence *r = rows[w->seen[i].row];

		if (r->unit == e->unit && strcmp(r->ref, e->ref) == 0)
			return r;
	}
	w->seen[i].stamp = stamp;
	w->seen[i].row = kept;
	return NULL;
}

/*
 * Leaves out each row whose unit and ref an earlier row of the learner has
 * (earlier in the files: the rows are still in file order), with an error
 * at the row naming the first; returns how many rows stay, moved up.
 */
static size_t drop_duplicates(struct indexer *w, size_t stamp,
			      const struct evidence **rows, size_t n)
{
	size_t kept = 0;

	seen_reserve(w, n);
	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = rows[i];
		const struct evidence *first = seen_before(w, stamp, rows, kept, e);

		if (first) {
			struct diag_list *diags = &w->diags[e->file_no];

			diag_list_about(diags, e->learner->id, e->unit->id);
			diag_error(diags, e->file, e->line, 0,
				   "duplicate ref `%s` for learner %s and unit %s "
				   "(first at %s:%d)", e->ref, e->learner->id,
				   e->unit->id, first->file, first->line);
			diag_list_about(diags, NULL, NULL);
		} else if (kept++ != i)
			rows[kept - 1] = e;
	}
	return kept;
}

/* A warning about a row that stays, naming whose row it is. */
static void warn(struct diag_list *diags, const struct evidence *e,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void warn(struct diag_list *diags, const struct evidence *e,
		 const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	buf_printf(&msg, "%s %s, %s: ", e->learner->id, e->unit->id, e->ref);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_list_about(diags, e->learner->id, e->unit->id);
	diag_add(diags, DIAG_WARNING, e->file, e->line, 0, fmt, buf_cstr(&msg));
	diag_list_about(diags, NULL, NULL);
	buf_free(&msg);
}

/* The warnings a row that stays may still deserve. */
static void check_row(struct diag_list *diags, int32_t today,
		      const struct evidence *e)
{
	char date[DATE_ISO_SIZE], other[DATE_ISO_SIZE];
	const struct learner *l = e->learner;

	if (!e->method_allowed)
		warn(diags, e, "method %s is not allowed by unit %s, so this "
		     "evidence does not count", e->method, e->unit->id);
	if (e->future)
		warn(diags, e, "date %s is after today (%s), so this evidence "
		     "does not count: correct the date, or build with the "
		     "right --today", date_format(e->date, date),
		     date_format(today, other));
	if (e->before_start)
		warn(diags, e, "date %s is before the learner started (%s): it "
		     "counts, and the portfolio and the pack flag it for the "
		     "verifier", date_format(e->date, date),
		     date_format(l->start, other));
	if (!learner_registered(l, e->unit))
		warn(diags, e, "the learner is not registered on unit %s",
		     e->unit->id);
	if (e->simulated && !e->unit->simulation)
		warn(diags, e, "simulated evidence: unit %s does not allow "
		     "simulation, so it counts only for knowledge criteria",
		     e->unit->id);
	if (e->ncriteria == 0 && e->nrequirements == 0)
		warn(diags, e, "covers no criterion or requirement");
}

int evidence_compare(const struct evidence *x, const struct evidence *y)
{
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	c = strcmp(x->ref, y->ref);
	/* Duplicates are gone, so no two rows tie: the order is total. */
	return c ? c : strcmp(x->unit->id, y->unit->id);
}

static int compare_evidence(const void *a, const void *b)
{
	return evidence_compare(*(const struct evidence *const *)a,
				*(const struct evidence *const *)b);
}

static void index_learner(struct indexer *w, size_t l)
{
	const struct indexing *x = w->x;
	const struct evidence **rows = x->sorted + x->start[l];
	size_t n = drop_duplicates(w, l + 1, rows, x->start[l + 1] - x->start[l]);

	for (size_t i = 0; i < n; i++)
		check_row(&w->diags[rows[i]->file_no], x->load->today, rows[i]);
	if (n > 1)
		qsort(rows, n, sizeof(*rows), compare_evidence);
	x->load->learners[l]->nevidence = n;
}

static void *index_learners(void *arg)
{
	struct indexer *w = arg;

	scatter(w);
	for (size_t l = w->from; l < w->to; l++)
		index_learner(w, l);
	free(w->seen);
	w->seen = NULL;
	return NULL;
}

/* Cuts the learners into n ranges of about as many rows each. */
static void split(struct indexer *w, size_t n, const struct indexing *x)
{
	size_t learners = x->load->nlearners, total = x->start[learners], l = 0;

	for (size_t t = 0; t < n; t++) {
		w[t].x = x;
		w[t].from = l;
		while (l < learners && (t + 1 == n ||
					x->start[l] < total / n * (t + 1)))
			l++;
		w[t].to = l;
		w[t].diags = mem_calloc(x->nlogs + 1, sizeof(*w[t].diags));
	}
}

/* Closes the gaps the duplicates left; sets each learner's range. */
static size_t close_gaps(const struct indexing *x)
{
	size_t to = 0;

	for (size_t l = 0; l < x->load->nlearners; l++) {
		struct learner *lr = x->load->learners[l];

		if (to != x->start[l] && lr->nevidence)
			memmove(x->sorted + to, x->sorted + x->start[l],
				lr->nevidence * sizeof(*x->sorted));
		lr->first_evidence = to;
		to += lr->nevidence;
	}
	return to;
}

/*
 * Each file's diagnostics together, files in name order, as when the files
 * were read one by one: a file's place in the report is where it was
 * first reported (diag_list_sort).
 */
static void report(const struct loading *ld, struct indexer *w, size_t n,
		   struct diag_list *diags)
{
	for (size_t f = 0; f < ld->count; f++) {
		const struct log *g = &ld->logs[f];

		diag_list_append(diags, &g->parsing);
		if (g->kept) {
			diag_list_append(diags, &g->reading);
			for (size_t t = 0; t < n; t++)
				diag_list_append(diags, &w[t].diags[f]);
		} else if (g->status > 0) {
			diag_error(diags, g->path, 0, 0, "cannot read: %s",
				   fs_strerror(g->status));
		}
	}
	for (size_t t = 0; t < n; t++) {
		for (size_t f = 0; f < ld->count; f++)
			diag_list_free(&w[t].diags[f]);
		free(w[t].diags);
	}
}

/*
 * The records keep the rows where their logs' threads read them, in the
 * blocks the sorted pointers point into; the rows of a log left out (after
 * one that could not be read) go now.
 */
static void keep_rows(struct load *load, struct loading *ld)
{
	load->row_blocks = mem_calloc(ld->count + 1, sizeof(*load->row_blocks));
	for (size_t f = 0; f < ld->count; f++) {
		struct log *g = &ld->logs[f];

		if (g->kept && g->nrows)
			load->row_blocks[load->nrow_blocks++] = g->rows;
		else
			free(g->rows);
		g->rows = NULL;
	}
}

/*
 * A counting sort by learner (the learners are already in id order) that
 * keeps the file order, which decides which of two rows with one ref is
 * the duplicate; then a small sort within each learner: linear in the
 * rows but for the few each learner has.  What is sorted is pointers:
 * copying the rows themselves into a second array held two copies of
 * every row at once, and moved a whole row where a pointer does.
 */
static void index_rows(struct load *load, struct loading *ld,
		       struct diag_list *diags)
{
	struct indexing x = { load, ld->logs, ld->count, NULL, NULL };
	struct indexer w[EVIDENCE_MAX_THREADS];
	size_t total, n;

	memset(w, 0, sizeof(w));
	x.start = count_rows(load, ld);
	total = x.start[load->nlearners];
	/* Every slot is written: no need to zero it first. */
	x.sorted = mem_alloc((total + 1) * sizeof(*x.sorted));
	n = threads_for(load, load->nlearners, total >= EVIDENCE_PARALLEL_ROWS);
	split(w, n, &x);
	threads_run(index_learners, w, sizeof(*w), n, NULL);
	keep_rows(load, ld);
	load->evidence = x.sorted;
	load->nevidence = close_gaps(&x);
	report(ld, w, n, diags);
	free(x.start);
}

static void free_logs(struct loading *ld)
{
	for (size_t i = 0; i < ld->count; i++) {
		diag_list_free(&ld->logs[i].parsing);
		diag_list_free(&ld->logs[i].reading);
		free(ld->logs[i].rows);
		free(ld->logs[i].path);
	}
	free(ld->logs);
}

int evidence_load(struct load *load, const char *dir, struct diag_list *diags)
{
	struct loading ld = { .load = load };
	int err = dir ? list_logs(&ld, dir, diags) : 0;

	if (!err) {
		read_in_parallel(&ld);
		err = keep_readable(&ld) ? -1 : 0;
	}
	index_rows(load, &ld, diags);
	free_logs(&ld);
	return err;
}

const char *evidence_summary_html(const struct evidence *e, struct buf *made)
{
	size_t len, n;
	char *html;

	if (!e->summary_plain)
		return e->summary_html;
	len = strlen(e->summary);
	n = markdown_plain_html_length(e->summary, len);
	buf_truncate(made, 0);
	buf_grow(made, n + 1);
	html = made->data;
	markdown_plain_html(e->summary, len, html);
	made->len = n;
	html[n] = '\0';
	return html;
}
