/*
 * model.c - loading a centre's inputs into the model (see model.h).
 */
#include "model.h"
#include "fsutil.h"
#include "mem.h"

#include "buf.h"
#include "date.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static int compare_units(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;

	return strcmp(x->id, y->id);
}

const struct unit *model_find_unit(const struct model *m, const char *id)
{
	struct unit key = { .id = id }, *keyp = &key, **found;

	if (!m->nunits)
		return NULL;
	found = bsearch(&keyp, m->units, m->nunits, sizeof(*m->units),
			compare_units);
	return found ? *found : NULL;
}

/* The unit already loaded under u's id, in any case, looked up before sorting. */
static const struct unit *earlier_unit(const struct model *m,
				       const struct unit *u)
{
	for (size_t i = 0; i < m->nunits; i++)
		if (strcasecmp(m->units[i]->id, u->id) == 0)
			return m->units[i];
	return NULL;
}

static enum model_status load_unit_file(struct model *m, const char *path,
					size_t *cap, struct diag_list *diags)
{
	char *text = NULL;
	size_t len;
	int err = fs_check_link(path, m->centre, m->units_dir);
	struct unit *u;
	const struct unit *first;

	model_note_input(m, path);
	if (!err)
		err = fs_read_file(path, &text, &len);
	if (err) {
		diag_error(diags, path, 0, 0, "cannot read: %s", fs_strerror(err));
		return MODEL_IO_ERROR;
	}
	u = unit_parse(&m->arena, path, text, len, diags);
	free(text);
	if (!u)
		return MODEL_OK;
	first = earlier_unit(m, u);
	if (first && strcmp(first->id, u->id) == 0) {
		diag_error(diags, path, u->line, 0,
			   "duplicate unit id `%s`: %s:%d has it already",
			   u->id, first->file, first->line);
		return MODEL_OK;
	}
	if (first) {
		diag_error(diags, path, u->line, 0,
			   "unit ids `%s` and `%s` (%s:%d) differ only in case: their "
			   "pages would be one file on Windows and macOS; rename one",
			   u->id, first->id, first->file, first->line);
		return MODEL_OK;
	}
	m->units = mem_array_grow(m->units, cap, m->nunits + 1,
				  sizeof(*m->units));
	m->units[m->nunits++] = u;
	return MODEL_OK;
}

static enum model_status load_units(struct model *m, struct diag_list *diags)
{
	char **names;
	size_t count, cap = 0;
	enum model_status status = MODEL_OK;
	int err = fs_list_files(m->units_dir, ".md", &names, &count);

	if (err) {
		diag_error(diags, m->units_dir, 0, 0,
			   "cannot read the units folder: %s%s", strerror(err),
			   err == ENOENT ? " (run folio in a centre folder, or name "
					   "the folder with --units DIR)" : "");
		return MODEL_IO_ERROR;
	}
	if (count > MODEL_MAX_UNITS) {
		diag_error(diags, m->units_dir, 0, 0,
			   "%zu unit specifications in this folder: folio reads "
			   "at most %d (every page lists them all); no centre "
			   "needs more, so is this the right folder?", count,
			   MODEL_MAX_UNITS);
		fs_free_names(names, count);
		return MODEL_IO_ERROR;
	}
	for (size_t i = 0; i < count; i++) {
		char *path = fs_join(m->units_dir, names[i]);

		if (load_unit_file(m, path, &cap, diags) != MODEL_OK)
			status = MODEL_IO_ERROR;
		free(path);
	}
	if (count == 0)
		diag_error(diags, m->units_dir, 0, 0,
			   "no unit specifications (*.md files) in this folder");
	fs_free_names(names, count);
	if (m->nunits)
		qsort(m->units, m->nunits, sizeof(*m->units), compare_units);
	return status;
}

void model_note_input(struct model *m, const char *path)
{
	m->inputs = mem_array_grow(m->inputs, &m->inputs_cap, m->ninputs + 1,
				   sizeof(*m->inputs));
	m->inputs[m->ninputs++] = arena_strdup(&m->arena, path);
}

struct csvfile *model_new_csvfile(struct model *m)
{
	struct csvfile *f = mem_calloc(1, sizeof(*f));

	m->files = mem_array_grow(m->files, &m->files_cap, m->nfiles + 1,
				  sizeof(*m->files));
	m->files[m->nfiles++] = f;
	return f;
}

const struct csvfile *model_read_csv(struct model *m, const char *path,
				     const struct csvrow_column *columns,
				     size_t n, int *index, int *err,
				     struct diag_list *diags)
{
	struct csvfile *f = model_new_csvfile(m);
	int status;

	model_note_input(m, path);
	status = csvfile_load_as(f, path, model_encoding_for(m, path), diags);

	*err = status > 0 ? status : 0;
	if (status != 0 || !csvrow_map(f, columns, n, index, diags))
		return NULL;
	return f;
}

const char *model_encoding_for(const struct model *m, const char *path)
{
	size_t n = strlen(m->centre);

	if (m->encoding)
		return m->encoding;
	/* Patterns are written from the centre folder. */
	if (strcmp(m->centre, ".") != 0 && strncmp(path, m->centre, n) == 0 &&
	    path[n] == '/')
		path += n + 1;
	return config_encoding_for(&m->config, path);
}

const struct learner *model_find_learner(const struct model *m,
					 const char *id)
{
	return strmap_get(&m->learner_index, id);
}

static int compare_learners(const void *a, const void *b)
{
	const struct learner *x = *(const struct learner *const *)a;
	const struct learner *y = *(const struct learner *const *)b;

	return strcmp(x->id, y->id);
}

/*
 * Option, else folio.yml, else the convention; NULL if absent by
 * convention, or refused: a link found by its conventional name may not
 * lead out of the centre (see fs_check_link), nor may one to nothing be
 * taken for no file.
 */
static const char *choose_path(struct model *m, const char *option,
			       const char *configured, const char *convention,
			       bool must_exist, enum model_status *status,
			       struct diag_list *diags)
{
	char *joined;
	const char *path;
	struct stat st;
	int err;

	if (option)
		return arena_strdup(&m->arena, option);
	if (configured)
		return configured;
	joined = fs_join(m->centre, convention);
	path = arena_strdup(&m->arena, joined);
	free(joined);
	if (!must_exist && lstat(path, &st) != 0)
		return NULL;
	err = fs_check_link(path, m->centre, NULL);
	if (err) {
		diag_error(diags, path, 0, 0, "cannot read: %s", fs_strerror(err));
		*status = MODEL_IO_ERROR;
		return NULL;
	}
	return path;
}

static void choose_today(struct model *m, const struct model_paths *paths,
			 struct diag_list *diags)
{
	struct buf why = BUF_INIT;

	if (paths->today) {
		if (date_parse(paths->today, &m->today) == 0)
			return;
		date_explain(paths->today, &why);
		diag_error(diags, "--today", 0, 0, "%s", buf_cstr(&why));
		buf_free(&why);
	} else if (m->config.has_today) {
		m->today = m->config.today;
		return;
	}
	if (date_today(&m->today) != 0)
		diag_warning(diags, "SOURCE_DATE_EPOCH", 0, 0,
			     "not a whole number of seconds since 1970; using the clock");
}

static enum model_status load_config(struct model *m, struct diag_list *diags)
{
	char *path = fs_join(m->centre, "folio.yml");
	int err = fs_check_link(path, m->centre, NULL);

	model_note_input(m, path);
	if (!err)
		err = config_load(&m->config, &m->arena, path, diags);

	if (err)
		diag_error(diags, path, 0, 0, "cannot read: %s", fs_strerror(err));
	free(path);
	return err ? MODEL_IO_ERROR : MODEL_OK;
}

static enum model_status io_error(struct diag_list *diags, const char *path,
				  int err, const char *what)
{
	diag_error(diags, path, 0, 0, "cannot read the %s: %s", what,
		   fs_strerror(err));
	return MODEL_IO_ERROR;
}

/* assessors.csv and iqa.csv, once the learners and evidence are in. */
static enum model_status load_iqa_inputs(struct model *m,
					 const struct model_paths *paths,
					 struct diag_list *diags)
{
	enum model_status status = MODEL_OK;
	int err;

	m->assessors_file = choose_path(m, paths->assessors, m->config.assessors,
					"assessors.csv", false, &status, diags);
	if (m->assessors_file) {
		err = assessor_load(m, m->assessors_file, diags);
		if (err) {
			status = io_error(diags, m->assessors_file, err,
					  "assessors file");
			/* Nothing can be checked against a list not read. */
			m->assessors_file = NULL;
		}
	}
	m->iqa_file = choose_path(m, paths->iqa, m->config.iqa, "iqa.csv",
				  false, &status, diags);
	if (m->iqa_file) {
		err = iqa_load(m, m->iqa_file, diags);
		if (err)
			status = io_error(diags, m->iqa_file, err, "IQA file");
	}
	assessor_check_references(m, diags);
	return status;
}

/*
 * Marks the diagnostics in files outside the centre folder (units or a
 * learners file named by a path that leaves it): their text may quote
 * such a file, so the site shows only their place (diag.h).
 */
static void mark_outside(const struct model *m, struct diag_list *diags)
{
	char *centre = realpath(m->centre, NULL);
	const char *last = NULL;
	bool outside = false;

	for (size_t i = 0; centre && i < diags->count; i++) {
		const char *file = diags->items[i].file;

		/* A file's diagnostics come together: one realpath for them. */
		if (!last || strcmp(file, last) != 0) {
			char *real = realpath(file, NULL);

			outside = real && !fs_within(real, centre);
			free(real);
			last = file;
		}
		diags->items[i].outside = outside;
	}
	free(centre);
}

enum model_status model_load(struct model *m, const struct model_paths *paths,
			     struct diag_list *diags)
{
	enum model_status status;
	int err;

	memset(m, 0, sizeof(*m));
	m->centre = arena_strdup(&m->arena, paths->centre ? paths->centre : ".");
	m->summaries_html = paths->summaries_html;
	m->threads = paths->threads;
	m->encoding = paths->encoding ? arena_strdup(&m->arena, paths->encoding) : NULL;
	status = load_config(m, diags);
	choose_today(m, paths, diags);
	m->units_dir = choose_path(m, paths->units, m->config.units, "units",
				   true, &status, diags);
	if (m->units_dir && load_units(m, diags) != MODEL_OK)
		status = MODEL_IO_ERROR;
	m->learners_file = choose_path(m, paths->learners, m->config.learners,
				       "learners.csv", false, &status, diags);
	if (m->learners_file) {
		err = learner_load(m, m->learners_file, diags);
		if (err)
			status = io_error(diags, m->learners_file, err,
					  "learners file");
	}
	if (m->nlearners)
		qsort(m->learners, m->nlearners, sizeof(*m->learners),
		      compare_learners);
	for (size_t i = 0; i < m->nlearners; i++)
		m->learners[i]->index = i;
	m->evidence_dir = choose_path(m, paths->evidence, m->config.evidence,
				      "evidence", false, &status, diags);
	err = evidence_load(m, m->evidence_dir, diags);
	if (err > 0)
		status = io_error(diags, m->evidence_dir, err, "evidence folder");
	else if (err)
		status = MODEL_IO_ERROR;
	if (load_iqa_inputs(m, paths, diags) != MODEL_OK)
		status = MODEL_IO_ERROR;
	mark_outside(m, diags);
	return status;
}

void model_free(struct model *m)
{
	for (size_t i = 0; i < m->nfiles; i++) {
		csvfile_free(m->files[i]);
		free(m->files[i]);
	}
	free(m->files);
	free(m->learners);
	free(m->evidence);
	for (size_t i = 0; i < m->nrow_blocks; i++)
		free(m->row_blocks[i]);
	free(m->row_blocks);
	free(m->assessors);
	free(m->iqa);
	free(m->inputs);
	strmap_free(&m->learner_index);
	strmap_free(&m->learner_folded);
	strmap_free(&m->assessor_folded);
	free(m->units);
	for (size_t i = 0; i < m->nrow_arenas; i++)
		arena_free(&m->row_arenas[i]);
	free(m->row_arenas);
	arena_free(&m->arena);
	memset(m, 0, sizeof(*m));
}

size_t model_criteria_count(const struct model *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->nunits; i++)
		n += m->units[i]->ncriteria;
	return n;
}
