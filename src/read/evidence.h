/*
 * evidence.h - the evidence logs, read from evidence/ *.csv.
 *
 * One row per piece of evidence per unit.  Columns (any case, any order;
 * others are kept as extra):
 *   learner, unit, ref, date, method, criteria, requirements, summary,
 *   assessor          required
 *   simulated         optional: yes/no
 *   location          optional: where it was assessed
 * criteria and requirements are ids separated by ';', ',' or spaces.
 * summary is Markdown, rendered by cmark's safe renderer.
 *
 * A row with an error is reported and left out; a row with only warnings
 * is kept.  The same ref may appear for several units, but once only per
 * learner and unit: the first row in the files (in name order, then line
 * order) is kept and every later one is an error.
 */
#ifndef FOLIO_EVIDENCE_H
#define FOLIO_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"
#include "read/csvrow.h"
#include "read/learner.h"
#include "read/unit.h"

struct load;

struct evidence {
	const struct learner *learner;
	const struct unit *unit;
	const char *ref;            /* the portfolio reference */
	const char *method;         /* a code: known, though maybe not allowed */
	const struct unit_criterion **criteria;
	size_t ncriteria;
	const struct unit_requirement **requirements;
	size_t nrequirements;
	const char *summary;        /* Markdown as written; "" when empty */
	const char *summary_html;   /* cmark, safe; NULL unless the model wants
				     * HTML, and NULL when summary_plain */
	const char *assessor;
	const char *location;       /* NULL when not given */
	struct extra_field *extra;
	size_t nextra;
	const char *file;
	int32_t date;
	int line;
	int file_no;                /* which log: 0 for the first by name */
	/* Last, together, and bits where they can be: a large centre holds
	 * millions of rows, read into blocks of whole huge pages, so eight
	 * bytes more a row cost 2 MB a log file at 15,000 rows. */
	bool simulated;             /* its address is taken: not a bit */
	bool method_allowed : 1;    /* by the unit; else the row does not count */
	bool future : 1;            /* dated after today: it cannot have
				     * happened yet, so it does not count */
	bool before_start : 1;      /* dated before the learner started: it
				     * counts, but a verifier will ask */
	bool summary_plain : 1;     /* one plain paragraph: the HTML is made
				     * where it is needed (markdown_plain_html),
				     * not kept for every row */
};

/*
 * Reads every *.csv in dir (none when dir is NULL), in name order, into
 * the loader context, which must hold the units and learners and no rows yet; then
 * sorts the rows by learner, date, ref and unit and sets each learner's
 * range.  Returns 0; an errno value when the folder cannot be read; -1
 * when a file in it cannot (the diagnostics say which and why).
 */
int evidence_load(struct load *load, const char *dir, struct diag_list *diags);

/*
 * The order of one learner's rows: by date, then ref, then unit id
 * (negative, 0 or positive, as strcmp).  Two rows of a loaded model never
 * compare equal.
 */
int evidence_compare(const struct evidence *a, const struct evidence *b);

/*
 * The row's summary as HTML, the one way to have it: the HTML kept, or for
 * a plain summary (summary_plain: not kept for each of a large centre's
 * rows, as it is only the text in a paragraph) the HTML made into *made,
 * which the caller frees.  NULL when the model keeps no HTML
 * (model_paths.summaries_html off).
 */
const char *evidence_summary_html(const struct evidence *e, struct buf *made);

#endif
