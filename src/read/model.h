/*
 * model.h - everything folio knows about a centre: the read stage's result.
 *
 * model_load() (model_load.c) reads the inputs in order (folio.yml, units,
 * qualifications/ *.md, learners.csv, evidence/ *.csv, otj/ *.csv,
 * reviews.csv, assessors.csv, iqa.csv, signoffs.csv) through the loaders (load.h), reporting every problem to the diagnostics list and
 * carrying on, so that one run shows them all.  Once loaded the model is
 * read-only and may be shared between threads: the later stages take it
 * as const.  All its memory belongs to its arenas and to the CSV files it
 * keeps (fields point into them).
 */
#ifndef FOLIO_MODEL_H
#define FOLIO_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/strmap.h"
#include "read/assessor.h"
#include "read/config.h"
#include "read/csvfile.h"
#include "read/evidence.h"
#include "read/iqa.h"
#include "read/learner.h"
#include "read/otj.h"
#include "read/qualification.h"
#include "read/review.h"
#include "read/signoff.h"
#include "read/unit.h"

/*
 * Where the inputs are, as the command line gives them.  NULL fields take
 * folio.yml's value, else their conventional place in the centre folder.
 */
struct model_paths {
	const char *centre;     /* the centre folder; "." by default */
	const char *units;      /* default: units */
	const char *qualifications;  /* default: qualifications, if it exists */
	const char *learners;   /* default: learners.csv, if it exists */
	const char *evidence;   /* default: evidence, if it exists */
	const char *today;      /* a date; default: folio.yml, SOURCE_DATE_EPOCH, clock */
	bool summaries_html;    /* render evidence summaries (export, build) */
	const char *encoding;   /* of every CSV file; default: folio.yml, else UTF-8 */
	const char *assessors;  /* default: assessors.csv, if it exists */
	const char *iqa;        /* default: iqa.csv, if it exists */
	const char *signoffs;   /* default: signoffs.csv, if it exists */
	const char *otj;        /* default: otj, if it exists */
	const char *reviews;    /* default: reviews.csv, if it exists */
	size_t threads;         /* for the evidence; 0: as the machine and the
				 * centre's size suggest (tests set it) */
	/* When set, the centre is these files and nothing is read from disk:
	 * paths as the defaults above make them ("units/t.md", "learners.csv"
	 * with centre NULL).  The tests build centres so. */
	const struct fs_text *texts;
	size_t ntexts;
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
	const char *qualifications_dir;   /* NULL when there is none */
	struct qualification **qualifications;  /* sorted by id, ids unique */
	size_t nqualifications;
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
	const char *signoffs_file;   /* NULL when there is none */
	struct signoff *signoffs;    /* by learner id, unit id, role, date, line */
	size_t nsignoffs;
	const char *otj_dir;         /* NULL when there is none */
	struct otj_row *otj;         /* by learner id, date, file, line */
	size_t notj;
	const char *reviews_file;    /* NULL when there is none */
	struct review *reviews;      /* by learner id, date, line */
	size_t nreviews;
	/* Every file the loaders read or tried to read, in that order: what
	 * a site's no-change check covers (site.c), failures included; and
	 * each one's stamp, taken before it was read (not found for texts). */
	const char **inputs;
	struct fs_stamp *input_stamps;
	size_t ninputs;
	/* Lookups, for the functions below. */
	struct strmap learner_index;    /* by id */
	struct strmap assessor_folded;  /* by lower-case initials */
	/* What the records point into, kept until model_free(). */
	struct csvfile **files;
	size_t nfiles;
	struct arena *row_arenas;       /* the evidence rows' text */
	size_t nrow_arenas;
	struct evidence **row_blocks;   /* the rows, a block per log */
	size_t nrow_blocks;
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

/* Where u is in m->units (by halving: they are sorted by id), or
 * m->nunits when it is none of the model's. */
size_t model_unit_index(const struct model *m, const struct unit *u);

/* The stamp of path, one of m->inputs (the same text), taken before it was
 * read; NULL when the loaders never noted it. */
const struct fs_stamp *model_input_stamp(const struct model *m,
					 const char *path);

const struct learner *model_find_learner(const struct model *m,
					 const char *id);
const struct qualification *model_find_qualification(const struct model *m,
						     const char *id);
size_t model_criteria_count(const struct model *m);

/* The assessor with these initials, in any case, or NULL. */
const struct assessor *model_find_assessor(const struct model *m,
					   const char *initials);

/* Their name as assessors.csv gives it, or NULL (initials may be NULL). */
const char *model_assessor_name(const struct model *m, const char *initials);

#endif
