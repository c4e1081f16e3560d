/*
 * visit.h - what `folio sample` and `folio pack` share: the options of a
 * visit's scope, and loading a centre narrowed to it with its plan.
 *
 * In these two commands --learners and --units name the learners and
 * units of the visit (ids, comma-separated), as an IQA and an EQA would
 * say it; the learners file and units folder are --learners-file and
 * --units-dir (which every centre command accepts).
 */
#ifndef FOLIO_VISIT_H
#define FOLIO_VISIT_H

#include "centre.h"
#include "judge/sample.h"
#include "judge/scope.h"
#include "judge/xref.h"

enum {
	VISIT_OPT_LEARNERS = CENTRE_OPT_FIRST_FREE,
	VISIT_OPT_UNITS,
	VISIT_OPT_SINCE,
	VISIT_OPT_FIRST_FREE,     /* first option value a command may use */
};

#define VISIT_OPTIONS \
	CENTRE_OPTION_DIR, \
	CENTRE_OPTION_UNITS_DIR, \
	CENTRE_OPTION_LEARNERS_FILE, \
	CENTRE_SHARED_OPTIONS, \
	{ 0, "learners", "IDS", VISIT_OPT_LEARNERS, \
	  "only these learners (ids separated by commas)" }, \
	{ 0, "units", "IDS", VISIT_OPT_UNITS, \
	  "only these units (ids separated by commas)" }, \
	{ 0, "since", "DATE", VISIT_OPT_SINCE, \
	  "only portfolios with evidence dated DATE or later:\n" \
	  "the work assessed since the last visit" }

#define VISIT_USAGE "[-C DIR] [--units-dir DIR] [--qualifications DIR]\n" \
	"       [--learners-file FILE] [--evidence DIR] [--assessors FILE]\n" \
	"       [--iqa FILE] [--signoffs FILE] [--today DATE]\n" \
	"       [--encoding NAME] [--learners IDS] [--units IDS] [--since DATE]"

struct visit {
	struct centre_args args;
	struct scope scope;
	const char *since;
	struct model whole;       /* the centre as loaded */
	struct model model;       /* narrowed to the scope */
	struct xref xref;         /* of the narrowed model */
	struct sample plan;
	struct diag_list diags;
	size_t read_errors;       /* of diags: in reading, rows left out */
	bool loaded;
	const char *empty;        /* a scope option that named no id */
};

/* Takes an option from cmd_getopt if it is a centre or scope option. */
bool visit_option(struct visit *v, int opt, const char *value);

/*
 * Loads the centre, checks and applies the scope, cross-references and
 * plans, printing nothing but usage errors.  EXIT_OK when planned (the
 * diagnostics may hold errors), else EXIT_USAGE after printing why.
 * With pages, evidence summaries are rendered as HTML for them.
 */
int visit_load(const struct command *cmd, struct visit *v, bool pages);
/*
 * Says on standard error, once, that without assessors.csv every assessor
 * is sampled at the high-risk rate: a plan of every portfolio otherwise
 * surprises.
 */
void visit_note_risks(const struct command *cmd, const struct visit *v);

void visit_free(struct visit *v);

#endif
