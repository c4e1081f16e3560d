/*
 * load.h - the loader context: what each loader of the read stage is given,
 * and where it records what it reads, while a centre is read.
 *
 * model_load() (model_load.c) makes one, runs the loaders in order
 * (folio.yml, units, qualifications, learners, evidence, off-the-job
 * hours, reviews, assessors, IQA, sign-offs: each may look up what the
 * earlier ones recorded) and then moves the records into the
 * model, which is read-only from then on.  A loader reads its files with
 * load_read_csv(), looks up with load_find_*(), and appends to its own
 * fields below; it never sees the model, and the model knows no loader.
 *
 * The records live in the arena and the CSV files: both move into the
 * model with them.
 */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/strmap.h"
#include "read/csvfile.h"
#include "read/csvrow.h"

struct assessor;
struct config;
struct evidence;
struct iqa_record;
struct learner;
struct otj_row;
struct qualification;
struct review;
struct signoff;
struct unit;

struct load {
	struct arena arena;             /* the records, for the model */
	const char *centre;             /* the centre folder */
	const char *encoding;           /* --encoding, or NULL */
	const struct config *config;    /* folio.yml, read first */
	int32_t today;
	bool summaries_html;            /* render evidence summaries to HTML */
	size_t threads;                 /* for the evidence; 0: as it suggests */
	const struct fs_text *texts;    /* when set, the centre's only files, */
	size_t ntexts;                  /* and the disk is never read */

	/* Recorded by the loaders, each in its own fields. */
	struct unit **units;            /* sorted by id, ids unique */
	size_t nunits;
	struct qualification **qualifications;  /* sorted by id, ids unique */
	size_t nqualifications;
	struct learner **learners;      /* sorted by id once all are read */
	size_t nlearners;
	struct strmap learner_index;    /* by id */
	struct strmap learner_folded;   /* lower-case id -> the id */
	struct strmap unit_folded;      /* lower-case id -> the unit's id */
	struct strmap learner_refused;  /* id -> struct load_place of the
					 * row that named it, refused */
	const char *learners_file;      /* NULL when there is none */
	bool learners_unread;           /* it is there, but unusable */
	const struct evidence **evidence;   /* by learner, date, ref */
	size_t nevidence;
	struct arena *row_arenas;       /* the rows' text, one per thread */
	size_t nrow_arenas;
	struct evidence **row_blocks;   /* the rows, a block per log */
	size_t nrow_blocks;
	const char *assessors_file;     /* NULL when there is none */
	struct assessor **assessors;    /* sorted by initials */
	size_t nassessors;
	struct strmap assessor_folded;  /* by lower-case initials */
	const char *iqa_file;           /* NULL when there is none */
	struct iqa_record *iqa;         /* by learner, unit, date, line */
	size_t niqa;
	const char *signoffs_file;      /* NULL when there is none */
	struct signoff *signoffs;       /* by learner, unit, role, date, line */
	size_t nsignoffs;
	const char *otj_dir;            /* NULL when there is none */
	struct otj_row *otj;            /* by learner, date, file, line */
	size_t notj;
	const char *reviews_file;       /* NULL when there is none */
	struct review *reviews;         /* by learner, date, line */
	size_t nreviews;

	/* Every file read or tried, in that order, each stamped before it
	 * was read, and the CSV files kept. */
	const char **inputs;
	struct fs_stamp *input_stamps;
	size_t ninputs, inputs_cap, stamps_cap;
	struct csvfile **files;
	size_t nfiles, files_cap;
};

/*
 * The centre's files, from the disk or from load->texts: the text of the
 * file at path (the caller frees it; 0 or an errno value, as
 * fs_read_file()), the names in dir ending in suffix in any case (sorted
 * bytewise; with diags, what else is in a folder of data is a warning
 * each, but an open workbook's lock file or an editor's backup, so that
 * nothing goes unread without a word; without, as in a units folder
 * beside the specifications' PDFs, it is passed over),
 * whether path exists, and whether a link at path leads out of the centre
 * folder and other (as fs_check_link(); texts are never links).
 */
int load_read_file(const struct load *load, const char *path, char **text,
		   size_t *len);
int load_list(const struct load *load, const char *dir, const char *suffix,
	      char ***names, size_t *count, struct diag_list *diags);
bool load_exists(const struct load *load, const char *path);
int load_check_link(const struct load *load, const char *path,
		    const char *other);

/* Notes a file about to be read, with its stamp (fs_stamp: the site's
 * no-change check covers it as it was before it was read). */
void load_note_input(struct load *load, const char *path);

/* A whole file, noted and checked first: load_read_file() after those. */
int load_text(struct load *load, const char *path, const char *other,
	      char **text, size_t *len);

/*
 * Parses the CSV file at path in encoding into *f, from the disk or the
 * texts, as csvfile_load_reusing() does (scratch may be NULL): 0, -1 when
 * nothing in it is usable, or an errno value when it cannot be read.
 */
int load_csv(const struct load *load, struct csvfile *f, const char *path,
	     const char *encoding, struct csvfile_scratch *scratch,
	     struct diag_list *diags);

/* A CSV file the records may point into, kept with them. */
struct csvfile *load_new_csvfile(struct load *load);

/*
 * Reads the CSV file at path, in its encoding, into a kept file, and finds
 * columns[0..n) in its header (index[i] = -1 when absent).  Returns the
 * file when its records can be read; NULL when not, with *err an errno
 * value if the file could not be read, else 0 (the diagnostics say why).
 */
const struct csvfile *load_read_csv(struct load *load, const char *path,
				    const struct csvrow_column *columns,
				    size_t n, int *index, int *err,
				    struct diag_list *diags);

/*
 * Drops the records (the tables of pointers to each row's fields) of
 * every file read so far: the loaders that read them are done, and the
 * fields' text, which the model points into, stays.  At 10,000 learners
 * the off-the-job hours' tables alone were 29 MB held to the end.
 */
void load_drop_records(struct load *load);

/* The encoding of the CSV file at path: the option, else folio.yml, else NULL. */
const char *load_encoding_for(const struct load *load, const char *path);

/*
 * One record of a CSV file a loader is reading (iqa.c, signoff.c): an
 * error anywhere in it sets bad, and the loader leaves it out.
 */
struct load_row {
	struct load *load;
	const struct csvfile *f;
	const struct csvfile_record *r;
	const struct csvrow_column *columns;   /* the loader's, by index */
	const int *index;                      /* their places in f */
	struct diag_list *diags;
	bool bad;
};

/* The text of a required column, or NULL after an "empty `name`" error. */
const char *load_row_required(struct load_row *row, int column);

/* The learner the required column names, or NULL after a located error. */
struct learner *load_row_learner(struct load_row *row, int column);

/*
 * The learner and unit the two required columns name (a portfolio), each
 * NULL after a located error when it is empty or unknown.
 */
void load_row_portfolio(struct load_row *row, int learner_column,
			int unit_column, const struct learner **learner,
			const struct unit **unit);

/*
 * Each learner's run of records[0..n) (size bytes each, sorted by
 * learner), whose learner pointer is at offset learner_at: its first
 * index and count stored into the learner's size_t fields at first_at and
 * count_at (offsetof(struct learner, first_otj) ...).  The learners are
 * the loaders' own, which they may write.
 */
void load_index_runs(const void *records, size_t n,
		     size_t size, size_t learner_at, size_t first_at,
		     size_t count_at);

/* What the earlier loaders recorded: the unit, qualification and learner
 * with this id. */
const struct unit *load_find_unit(const struct load *load, const char *id);
const struct qualification *load_find_qualification(const struct load *load,
						    const char *id);
struct learner *load_find_learner(const struct load *load, const char *id);

/* Where a row was: a file and a line. */
struct load_place {
	const char *file;
	int line;
};

/*
 * The end of "unknown learner `ID`": why no learner has that id, where
 * the loading knows (the learners file has it but for case; there is no
 * learners file, or it could not be read, or lists no one; the learners
 * file named it on a line whose id it refused, and said why there), else
 * "".
 * Appended to why, which the caller frees (a path of any length fits);
 * returns its text.
 */
const char *load_unknown_learner_why(const struct load *load, const char *id,
				     struct buf *why);

/* Likewise of "unknown unit `ID`": the unit whose id differs only in
 * case (`OCR-C3` for ocr-c3), else "". */
const char *load_unknown_unit_why(const struct load *load, const char *id,
				  struct buf *why);

#endif
