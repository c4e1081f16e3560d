/*
 * model_load.c - reading a centre: the one place that composes the loaders
 * (see model.h, load.h).
 *
 * Each loader records into the loader context; once all have run, what
 * they recorded moves into the model, which nothing writes again.
 */
#include "read/model.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/fsutil.h"
#include "base/ident.h"
#include "base/mem.h"
#include "read/load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* The unit already loaded under u's id, in any case, looked up before sorting. */
static const struct unit *earlier_unit(const struct load *load,
				       const struct unit *u)
{
	for (size_t i = 0; i < load->nunits; i++)
		if (strcasecmp(load->units[i]->id, u->id) == 0)
			return load->units[i];
	return NULL;
}

/*
 * Whether a specification (what: "unit") with id, read at path:line,
 * clashes with the first one read with the same id in any case (first_id
 * NULL: none): a duplicate, or ids told apart only by case (why: what
 * that would break).  Reports the clash.
 */
static bool id_clash(struct diag_list *diags, const char *what,
		     const char *why, const char *path, int line,
		     const char *id, const char *first_id,
		     const char *first_file, int first_line)
{
	if (!first_id)
		return false;
	if (strcmp(first_id, id) == 0)
		diag_error(diags, path, line, 0,
			   "duplicate %s id `%s`: %s:%d has it already", what,
			   id, first_file, first_line);
	else
		diag_error(diags, path, line, 0,
			   "%s ids `%s` and `%s` (%s:%d) differ only in case: %s; "
			   "rename one", what, id, first_id, first_file,
			   first_line, why);
	return true;
}

/* The text of a specification file in dir, or NULL after saying why. */
static char *spec_text(struct load *load, const char *dir, const char *path,
		       size_t *len, struct diag_list *diags)
{
	char *text = NULL;
	int err = load_text(load, path, dir, &text, len);

	if (err)
		diag_error(diags, path, 0, 0, "cannot read: %s", fs_strerror(err));
	return err ? NULL : text;
}

static enum model_status load_unit_file(struct load *load, const char *dir,
					const char *path, size_t *cap,
					struct diag_list *diags)
{
	size_t len;
	char *text = spec_text(load, dir, path, &len, diags);
	struct unit *u;
	const struct unit *first;

	if (!text)
		return MODEL_IO_ERROR;
	u = unit_parse(&load->arena, path, text, len, diags);
	free(text);
	if (!u)
		return MODEL_OK;
	first = earlier_unit(load, u);
	if (id_clash(diags, "unit", "their pages would be one file on Windows "
		     "and macOS", path, u->line, u->id, first ? first->id : NULL,
		     first ? first->file : NULL, first ? first->line : 0))
		return MODEL_OK;
	load->units = mem_array_grow(load->units, cap, load->nunits + 1,
				     sizeof(*load->units));
	load->units[load->nunits++] = u;
	return MODEL_OK;
}

/* Reads one specification file of a folder (load_unit_file...), growing
 * the loader's array of its capacity *cap. */
typedef enum model_status spec_file_fn(struct load *load, const char *dir,
				       const char *path, size_t *cap,
				       struct diag_list *diags);

/* Every file of names[0..count) in dir, in their order, through read. */
static enum model_status each_file(struct load *load, const char *dir,
				   char **names, size_t count,
				   spec_file_fn *read, struct diag_list *diags)
{
	enum model_status status = MODEL_OK;
	size_t cap = 0;

	for (size_t i = 0; i < count; i++) {
		char *path = fs_join(dir, names[i]);

		if (read(load, dir, path, &cap, diags) != MODEL_OK)
			status = MODEL_IO_ERROR;
		free(path);
	}
	return status;
}

/* The units folder: every *.md file in it is a unit specification. */
static enum model_status load_units(struct load *load, const char *dir,
				    struct diag_list *diags)
{
	char **names;
	size_t count;
	enum model_status status;
	int err = load_list(load, dir, ".md", &names, &count, NULL);

	if (err) {
		diag_error(diags, dir, 0, 0,
			   "cannot read the units folder: %s%s", strerror(err),
			   err == ENOENT ? " (run folio in a centre folder, or name "
					   "the folder with --units DIR)" : "");
		return MODEL_IO_ERROR;
	}
	if (count > MODEL_MAX_UNITS) {
		diag_error(diags, dir, 0, 0,
			   "%zu unit specifications in this folder: folio reads "
			   "at most %d (every page lists them all); no centre "
			   "needs more, so is this the right folder?", count,
			   MODEL_MAX_UNITS);
		fs_free_names(names, count);
		return MODEL_IO_ERROR;
	}
	status = each_file(load, dir, names, count, load_unit_file, diags);
	if (count == 0)
		diag_error(diags, dir, 0, 0,
			   "no unit specifications (*.md files) in this folder");
	fs_free_names(names, count);
	if (load->nunits)
		qsort(load->units, load->nunits, sizeof(*load->units),
		      unit_compare_ids);
	for (size_t i = 0; i < load->nunits; i++)
		strmap_put(&load->unit_folded,
			   ident_fold(&load->arena, load->units[i]->id),
			   (void *)load->units[i]->id);
	return status;
}

/* The qualification already loaded under q's id, in any case. */
static const struct qualification *earlier_qualification(
	const struct load *load, const struct qualification *q)
{
	for (size_t i = 0; i < load->nqualifications; i++)
		if (strcasecmp(load->qualifications[i]->id, q->id) == 0)
			return load->qualifications[i];
	return NULL;
}

static enum model_status load_qualification_file(struct load *load,
						 const char *dir,
						 const char *path, size_t *cap,
						 struct diag_list *diags)
{
	size_t len;
	char *text = spec_text(load, dir, path, &len, diags);
	struct qualification *q;
	const struct qualification *first;

	if (!text)
		return MODEL_IO_ERROR;
	q = qualification_parse(&load->arena, path, text, len, load->units,
				load->nunits, diags);
	free(text);
	if (!q)
		return MODEL_OK;
	first = earlier_qualification(load, q);
	if (id_clash(diags, "qualification", "one is easily taken for the "
		     "other", path, q->line, q->id,
		     first ? first->id : NULL, first ? first->file : NULL,
		     first ? first->line : 0))
		return MODEL_OK;
	load->qualifications = mem_array_grow(load->qualifications, cap,
					      load->nqualifications + 1,
					      sizeof(*load->qualifications));
	load->qualifications[load->nqualifications++] = q;
	return MODEL_OK;
}

/* The qualifications folder, if any: every *.md file in it is one. */
static enum model_status load_qualifications(struct load *load,
					     const char *dir,
					     struct diag_list *diags)
{
	char **names;
	size_t count;
	enum model_status status;
	int err = load_list(load, dir, ".md", &names, &count, NULL);

	if (err) {
		diag_error(diags, dir, 0, 0,
			   "cannot read the qualifications folder: %s",
			   strerror(err));
		return MODEL_IO_ERROR;
	}
	status = each_file(load, dir, names, count, load_qualification_file,
			   diags);
	fs_free_names(names, count);
	if (load->nqualifications)
		qsort(load->qualifications, load->nqualifications,
		      sizeof(*load->qualifications), qualification_compare_ids);
	return status;
}

/*
 * Option, else folio.yml, else the convention; NULL if absent by
 * convention, or refused: a link found by its conventional name may not
 * lead out of the centre (see fs_check_link), nor may one to nothing be
 * taken for no file.
 */
static const char *choose_path(struct load *load, const char *option,
			       const char *configured, const char *convention,
			       bool must_exist, enum model_status *status,
			       struct diag_list *diags)
{
	char *joined;
	const char *path;
	int err;

	if (option)
		return arena_strdup(&load->arena, option);
	if (configured && configured[0] == '/')
		return configured;
	/* folio.yml's paths are from the centre folder, which `folio diff`
	 * reads without going into it. */
	joined = fs_join(load->centre, configured ? configured : convention);
	path = arena_strdup(&load->arena, joined);
	free(joined);
	if (configured)
		return path;
	if (!must_exist && !load_exists(load, path))
		return NULL;
	err = load_check_link(load, path, NULL);
	if (err) {
		diag_error(diags, path, 0, 0, "cannot read: %s", fs_strerror(err));
		*status = MODEL_IO_ERROR;
		return NULL;
	}
	return path;
}

static int32_t choose_today(const struct config *config,
			    const struct model_paths *paths,
			    struct diag_list *diags)
{
	struct buf why = BUF_INIT;
	int32_t today = 0;

	if (paths->today) {
		if (date_parse(paths->today, &today) == 0)
			return today;
		date_explain(paths->today, &why);
		diag_add(diags, DIAG_ERROR, "--today", 0, 0, "not a date",
			 buf_cstr(&why));
		buf_free(&why);
	} else if (config->has_today) {
		return config->today;
	}
	if (date_today(&today) != 0)
		diag_warning(diags, "SOURCE_DATE_EPOCH", 0, 0,
			     "not a whole number of seconds since 1970; using the clock");
	return today;
}

static enum model_status load_config(struct load *load, struct config *config,
				     struct diag_list *diags)
{
	char *path = fs_join(load->centre, "folio.yml"), *text = NULL;
	size_t len = 0;
	int err = load_text(load, path, NULL, &text, &len);

	if (err == ENOENT)
		err = 0;        /* folio.yml is optional */
	if (err)
		diag_error(diags, path, 0, 0, "cannot read: %s", fs_strerror(err));
	config_parse(config, &load->arena, path, text, len, diags);
	free(text);
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

/* assessors.csv, iqa.csv and signoffs.csv, once the learners and
 * evidence are in. */
static enum model_status load_iqa_inputs(struct load *load,
					 const struct model_paths *paths,
					 struct diag_list *diags)
{
	enum model_status status = MODEL_OK;
	const char *path;
	int err;

	path = choose_path(load, paths->assessors, load->config->assessors,
			   "assessors.csv", false, &status, diags);
	if (path) {
		err = assessor_load(load, path, diags);
		if (err)
			/* Nothing can be checked against a list not read. */
			status = io_error(diags, path, err, "assessors file");
		else
			load->assessors_file = path;
	}
	path = choose_path(load, paths->iqa, load->config->iqa, "iqa.csv",
			   false, &status, diags);
	if (path) {
		load->iqa_file = path;
		err = iqa_load(load, path, diags);
		if (err)
			status = io_error(diags, path, err, "IQA file");
	}
	assessor_check_references(load, diags);
	path = choose_path(load, paths->signoffs, load->config->signoffs,
			   "signoffs.csv", false, &status, diags);
	if (path) {
		load->signoffs_file = path;
		err = signoff_load(load, path, diags);
		if (err)
			status = io_error(diags, path, err, "sign-offs file");
	}
	return status;
}

/* otj/ *.csv and reviews.csv, once the learners and evidence are in. */
static enum model_status load_programme(struct load *load,
					const struct model_paths *paths,
					struct diag_list *diags)
{
	enum model_status status = MODEL_OK;
	const char *path;
	int err;

	path = choose_path(load, paths->otj, load->config->otj_dir, "otj",
			   false, &status, diags);
	if (path) {
		load->otj_dir = path;
		err = otj_load(load, path, diags);
		if (err > 0)
			status = io_error(diags, path, err,
					  "off-the-job hours folder");
		else if (err)
			status = MODEL_IO_ERROR;
	}
	path = choose_path(load, paths->reviews, load->config->reviews,
			   "reviews.csv", false, &status, diags);
	if (path) {
		load->reviews_file = path;
		err = review_load(load, path, diags);
		if (err)
			status = io_error(diags, path, err, "reviews file");
	}
	return status;
}

/*
 * Marks the diagnostics in files outside the centre folder (units or a
 * learners file named by a path that leaves it): their text may quote
 * such a file, so the site shows only their place (diag.h).
 */
static void mark_outside(const char *centre_dir, struct diag_list *diags)
{
	char *centre = realpath(centre_dir, NULL);
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

/* What the loaders recorded, into the model: the move that ends loading. */
static void keep(struct model *m, struct load *load)
{
	m->arena = load->arena;
	m->units = load->units;
	m->nunits = load->nunits;
	m->qualifications = load->qualifications;
	m->nqualifications = load->nqualifications;
	m->learners = load->learners;
	m->nlearners = load->nlearners;
	m->learner_index = load->learner_index;
	m->evidence = load->evidence;
	m->nevidence = load->nevidence;
	m->row_arenas = load->row_arenas;
	m->nrow_arenas = load->nrow_arenas;
	m->row_blocks = load->row_blocks;
	m->nrow_blocks = load->nrow_blocks;
	m->assessors_file = load->assessors_file;
	m->assessors = load->assessors;
	m->nassessors = load->nassessors;
	m->assessor_folded = load->assessor_folded;
	m->iqa_file = load->iqa_file;
	m->iqa = load->iqa;
	m->niqa = load->niqa;
	m->signoffs_file = load->signoffs_file;
	m->signoffs = load->signoffs;
	m->nsignoffs = load->nsignoffs;
	m->otj_dir = load->otj_dir;
	m->otj = load->otj;
	m->notj = load->notj;
	m->reviews_file = load->reviews_file;
	m->reviews = load->reviews;
	m->nreviews = load->nreviews;
	m->inputs = load->inputs;
	m->input_stamps = load->input_stamps;
	m->ninputs = load->ninputs;
	m->files = load->files;
	m->nfiles = load->nfiles;
	/* Only the loaders look ids up regardless of case. */
	strmap_free(&load->learner_folded);
	strmap_free(&load->unit_folded);
	strmap_free(&load->learner_refused);
}

enum model_status model_load(struct model *m, const struct model_paths *paths,
			     struct diag_list *diags)
{
	struct load load = { .arena = ARENA_INIT };
	enum model_status status;
	int err;

	memset(m, 0, sizeof(*m));
	load.centre = arena_strdup(&load.arena,
				   paths->centre ? paths->centre : ".");
	load.encoding = paths->encoding ?
		arena_strdup(&load.arena, paths->encoding) : NULL;
	load.summaries_html = paths->summaries_html;
	load.threads = paths->threads;
	load.texts = paths->texts;
	load.ntexts = paths->ntexts;
	load.config = &m->config;
	status = load_config(&load, &m->config, diags);
	load.today = choose_today(&m->config, paths, diags);
	m->units_dir = choose_path(&load, paths->units, m->config.units,
				   "units", true, &status, diags);
	if (m->units_dir && load_units(&load, m->units_dir, diags) != MODEL_OK)
		status = MODEL_IO_ERROR;
	m->qualifications_dir = choose_path(&load, paths->qualifications,
					    m->config.qualifications,
					    "qualifications", false, &status,
					    diags);
	if (m->qualifications_dir &&
	    load_qualifications(&load, m->qualifications_dir, diags) != MODEL_OK)
		status = MODEL_IO_ERROR;
	m->learners_file = choose_path(&load, paths->learners,
				       m->config.learners, "learners.csv",
				       false, &status, diags);
	if (m->learners_file) {
		err = learner_load(&load, m->learners_file, diags);
		if (err)
			status = io_error(diags, m->learners_file, err,
					  "learners file");
	}
	m->evidence_dir = choose_path(&load, paths->evidence,
				      m->config.evidence, "evidence", false,
				      &status, diags);
	err = evidence_load(&load, m->evidence_dir, diags);
	if (err > 0)
		status = io_error(diags, m->evidence_dir, err, "evidence folder");
	else if (err)
		status = MODEL_IO_ERROR;
	load_drop_records(&load);
	if (load_programme(&load, paths, diags) != MODEL_OK)
		status = MODEL_IO_ERROR;
	load_drop_records(&load);
	if (load_iqa_inputs(&load, paths, diags) != MODEL_OK)
		status = MODEL_IO_ERROR;
	load_drop_records(&load);
	if (!load.texts)
		mark_outside(load.centre, diags);
	m->centre = load.centre;
	m->encoding = load.encoding;
	m->summaries_html = load.summaries_html;
	m->today = load.today;
	keep(m, &load);
	return status;
}
