/*
 * model.h - everything folio knows about a centre, loaded from its folder.
 *
 * model_load() reads the inputs in order (folio.yml, units, learners.csv,
 * evidence/ *.csv, assessors.csv, iqa.csv), reporting every problem to
 * the diagnostics list and carrying on, so that one run shows them all.
 * Once loaded the model is read-only and may be shared between threads.
 * All its memory belongs to its arenas and to the CSV files it keeps
 * (fields point into them).
 */
#ifndef FOLIO_MODEL_H
#define FOLIO_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "assessor.h"
#include "config.h"
#include "csvfile.h"
#include "diag.h"
#include "evidence.h"
#include "iqa.h"
#include "learner.h"
#include "strmap.h"
#include "unit.h"

/*
 * Where the inputs are, as the command line gives them.  NULL fields take
 * folio.yml's value, else their conventional place in the centre folder.
 */
struct model_paths {
	const char *centre;     /* the centre folder; "." by default */
	const char *units;      /* default: units */
	const char *learners;   /* default: learners.csv, if it exists */
	const char *evidence;   /* default: evidence, if it exists */
	const char *today;      /* a date; default: folio.yml, SOURCE_DATE_EPOCH, clock */
	bool summaries_html;    /* render evidence summaries (export, build) */
	const char *encoding;   /* of every CSV file; default: folio.yml, else UTF-8 */
	const char *assessors;  /* default: assessors.csv, if it exists */
	const char *iqa;        /* default: iqa.csv, if it exists */
	size_t threads;         /* for the evidence; 0: as the machine and the
				 * centre's size suggest (tests set it) */
};

struct model {
	struct arena arena;
	const char *centre;
	struct config config;
	int32_t today;
	bool summaries_html;
	const char *encoding;        /* --encoding, or NULL */
	const char *units_dir;
	const char *learners_file;   /* NULL when there is none */
	const char *evidence_dir;    /* NULL when there is none */
	struct unit **units;         /* sorted by id, ids unique */
	size_t nunits;
	struct learner **learners;   /* sorted by id, ids unique */
	size_t nlearners;
	/* The rows without errors, by learner, date, ref: each learner's are
	 * evidence[first_evidence .. first_evidence + nevidence). */
	const struct evidence **evidence;
	size_t nevidence;
	const char *assessors_file;  /* NULL when there is none */
	struct assessor **assessors; /* sorted by initials */
	size_t nassessors;
	const char *iqa_file;        /* NULL when there is none */
	struct iqa_record *iqa;      /* by learner id, unit id, date, line */
	size_t niqa;
	/* Every file the loaders read or tried to read, in that order: what
	 * a site's no-change check covers (site.c), failures included. */
	const char **inputs;
	size_t ninputs, inputs_cap;
	/* Private to the loaders. */
	struct strmap learner_index;
	struct strmap learner_folded;   /* by lower-case id */
	struct strmap assessor_folded;  /* by lower-case initials */
	struct csvfile **files;
	size_t nfiles, files_cap;
	/* The evidence rows' lists and text, one arena per reading thread
	 * (the model's own is not shared between threads). */
	struct arena *row_arenas;
	size_t nrow_arenas;
	/* The rows themselves, a block per log, as its thread read them. */
	struct evidence **row_blocks;
	size_t nrow_blocks;
	size_t threads;                 /* model_paths.threads */
};

/*
 * Unit files a centre may have: every page lists every unit, so the site
 * grows with units times pages; a real centre has tens, a large college
 * a few hundred.
 */
#define MODEL_MAX_UNITS 1000

enum model_status {
	MODEL_OK = 0,         /* loaded; the diagnostics say how well */
	MODEL_IO_ERROR = -1,  /* a folder or file could not be read */
};

/* Loads the model; free it with model_free() whatever the result. */
enum model_status model_load(struct model *m, const struct model_paths *paths,
			     struct diag_list *diags);
void model_free(struct model *m);

const struct unit *model_find_unit(const struct model *m, const char *id);
const struct learner *model_find_learner(const struct model *m,
					 const char *id);
size_t model_criteria_count(const struct model *m);

/* For the loaders: notes a file they are about to read (m->inputs). */
void model_note_input(struct model *m, const char *path);

/* For the loaders: a CSV file the model keeps until model_free(). */
struct csvfile *model_new_csvfile(struct model *m);

/*
 * For the loaders: reads the CSV file at path, in its encoding, into a
 * file the model keeps, and finds columns[0..n) in its header (index[i] =
 * -1 when absent).  Returns the file when its records can be read; NULL
 * when not, with *err an errno value if the file could not be read, else
 * 0 (the diagnostics say why).
 */
const struct csvfile *model_read_csv(struct model *m, const char *path,
				     const struct csvrow_column *columns,
				     size_t n, int *index, int *err,
				     struct diag_list *diags);

/* The encoding of the CSV file at path: the option, else folio.yml, else NULL. */
const char *model_encoding_for(const struct model *m, const char *path);

#endif
