/*
 * centre.h - the options every command that reads a centre shares.
 *
 * -C DIR works as in make and git: folio runs as if started in DIR, so
 * every other path, and every path in a diagnostic, is relative to it.
 */
#ifndef FOLIO_CENTRE_H
#define FOLIO_CENTRE_H

#include "cmd.h"
#include "options.h"
#include "read/model.h"
#include "judge/xref.h"

enum {
	CENTRE_OPT_UNITS = 0x100,
	CENTRE_OPT_LEARNERS,
	CENTRE_OPT_EVIDENCE,
	CENTRE_OPT_TODAY,
	CENTRE_OPT_ENCODING,
	CENTRE_OPT_ASSESSORS,
	CENTRE_OPT_IQA,
	CENTRE_OPT_SIGNOFFS,
	CENTRE_OPT_QUALIFICATIONS,
	CENTRE_OPT_OTJ,
	CENTRE_OPT_REVIEWS,
	CENTRE_OPT_FIRST_FREE,    /* first option value a command may use */
};

/* -C DIR, first in every centre command's options. */
#define CENTRE_OPTION_DIR \
	{ 'C', NULL, "DIR", 'C', "run as if started in DIR (the centre folder)" }

/* The inputs but the units and learners, which `folio sample` and `folio
 * pack` name with --units-dir and --learners-file (visit.h). */
#define CENTRE_SHARED_OPTIONS \
	{ 0, "qualifications", "DIR", CENTRE_OPT_QUALIFICATIONS, \
	  "the qualifications' rules of combination, every *.md\n" \
	  "(default: qualifications, if there is one)" }, \
	{ 0, "evidence", "DIR", CENTRE_OPT_EVIDENCE, \
	  "the evidence logs, every *.csv in name order\n" \
	  "(default: evidence, if there is one)" }, \
	{ 0, "assessors", "FILE", CENTRE_OPT_ASSESSORS, \
	  "the assessors and IQAs, with each assessor's risk\n" \
	  "(default: assessors.csv, if there is one)" }, \
	{ 0, "iqa", "FILE", CENTRE_OPT_IQA, \
	  "the IQA sampling already done (default: iqa.csv, if\n" \
	  "there is one)" }, \
	{ 0, "signoffs", "FILE", CENTRE_OPT_SIGNOFFS, \
	  "the declarations signed on portfolios (default:\n" \
	  "signoffs.csv, if there is one)" }, \
	{ 0, "otj", "DIR", CENTRE_OPT_OTJ, \
	  "the off-the-job hours logs, every *.csv (default:\n" \
	  "otj, if there is one)" }, \
	{ 0, "reviews", "FILE", CENTRE_OPT_REVIEWS, \
	  "the progress reviews (default: reviews.csv, if there\n" \
	  "is one)" }, \
	{ 0, "today", "DATE", CENTRE_OPT_TODAY, \
	  "the date \"in the future\" is judged against (default:\n" \
	  "folio.yml's today, else SOURCE_DATE_EPOCH, else the clock)" }, \
	{ 0, "encoding", "NAME", CENTRE_OPT_ENCODING, \
	  "the CSV files' encoding, such as windows-1252 (default:\n" \
	  "folio.yml's encoding, else strict UTF-8)" }

#define CENTRE_OPTION_UNITS_DIR \
	{ 0, "units-dir", "DIR", CENTRE_OPT_UNITS, \
	  "the unit specifications (default: units)" }
#define CENTRE_OPTION_LEARNERS_FILE \
	{ 0, "learners-file", "FILE", CENTRE_OPT_LEARNERS, \
	  "the learners (default: learners.csv, if there is one)" }

/* Every centre command's options but `folio sample`'s and `folio pack`'s. */
#define CENTRE_OPTIONS \
	CENTRE_OPTION_DIR, \
	{ 0, "units", "DIR", CENTRE_OPT_UNITS, \
	  "the unit specifications (default: units)" }, \
	{ 0, "learners", "FILE", CENTRE_OPT_LEARNERS, \
	  "the learners (default: learners.csv, if there is one)" }, \
	CENTRE_SHARED_OPTIONS, \
	{ 0, "units-dir", "DIR", CENTRE_OPT_UNITS, "the same as --units" }, \
	{ 0, "learners-file", "FILE", CENTRE_OPT_LEARNERS, \
	  "the same as --learners" }

/* -j, --jobs N for the commands that render (centre_jobs_option). */
#define CENTRE_OPTION_JOBS(value) \
	{ 'j', "jobs", "N", value, \
	  "render on N threads (default: the number of cores)" }

#define CENTRE_USAGE "[CENTRE OPTIONS]"

struct centre_args {
	const char *dir;
	struct model_paths paths;
	/* When the centre cannot be loaded, leave its diagnostics to the
	 * caller (check prints them in its --format), not on stderr. */
	bool keep_diagnostics;
};

/*
 * -j, --jobs N (1 to 256) into *jobs: EXIT_OK, or EXIT_USAGE after saying
 * why.  centre_default_jobs() is the number of cores (at most 64).
 */
int centre_jobs_option(const struct command *cmd, const char *value, int *jobs);
int centre_default_jobs(void);

/* A bad --today is a usage error, said here: the clock must not stand in
 * for it.  Returns whether today is a date. */
bool centre_today_valid(const struct command *cmd, const char *today);

/* Takes an option from cmd_getopt if it is a centre option. */
bool centre_option(struct centre_args *args, int opt, const char *value);

/*
 * Enters the centre folder and loads the model, printing nothing.
 * Returns EXIT_OK when loaded (diagnostics may hold errors), else
 * EXIT_USAGE after printing why.
 */
int centre_load(const struct command *cmd, struct centre_args *args,
		struct model *m, struct diag_list *diags);

/* The judge stage every command runs on a loaded model (judge/judge.h). */
void centre_judge(struct xref *x, const struct model *m,
		  struct diag_list *diags);

#endif
