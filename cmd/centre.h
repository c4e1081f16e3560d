/*
 * centre.h - the options every command that reads a centre shares.
 *
 * -C DIR works as in make and git: folio runs as if started in DIR, so
 * every other path, and every path in a diagnostic, is relative to it.
 */
#ifndef FOLIO_CENTRE_H
#define FOLIO_CENTRE_H

#include <getopt.h>

#include "cmd.h"
#include "read/model.h"

enum {
	CENTRE_OPT_UNITS = 0x100,
	CENTRE_OPT_LEARNERS,
	CENTRE_OPT_EVIDENCE,
	CENTRE_OPT_TODAY,
	CENTRE_OPT_ENCODING,
	CENTRE_OPT_ASSESSORS,
	CENTRE_OPT_IQA,
	CENTRE_OPT_FIRST_FREE,    /* first option value a command may use */
};

#define CENTRE_SHORT_OPTIONS "C:"
/* Every centre command's options but --units and --learners, which
 * `folio sample` and `folio pack` give to the visit's scope (visit.h);
 * --units-dir and --learners-file name the inputs in every command. */
#define CENTRE_SHARED_LONG_OPTIONS \
	{ "units-dir", required_argument, NULL, CENTRE_OPT_UNITS }, \
	{ "learners-file", required_argument, NULL, CENTRE_OPT_LEARNERS }, \
	{ "evidence", required_argument, NULL, CENTRE_OPT_EVIDENCE }, \
	{ "today", required_argument, NULL, CENTRE_OPT_TODAY }, \
	{ "encoding", required_argument, NULL, CENTRE_OPT_ENCODING }, \
	{ "assessors", required_argument, NULL, CENTRE_OPT_ASSESSORS }, \
	{ "iqa", required_argument, NULL, CENTRE_OPT_IQA }

#define CENTRE_LONG_OPTIONS \
	{ "units", required_argument, NULL, CENTRE_OPT_UNITS }, \
	{ "learners", required_argument, NULL, CENTRE_OPT_LEARNERS }, \
	CENTRE_SHARED_LONG_OPTIONS

#define CENTRE_USAGE "[-C DIR] [--units DIR] [--learners FILE] [--evidence DIR] [--assessors FILE] [--iqa FILE] [--today DATE] [--encoding NAME]"

#define CENTRE_HELP \
	"  -C DIR           run as if started in DIR (the centre folder)\n" \
	"  --units DIR      the unit specifications (default: units)\n" \
	"  --learners FILE  the learners (default: learners.csv, if there is one)\n" \
	CENTRE_SHARED_HELP

#define CENTRE_SHARED_HELP \
	"  --evidence DIR   the evidence logs, every *.csv in name order\n" \
	"                   (default: evidence, if there is one)\n" \
	"  --assessors FILE\n" \
	"                   the assessors and IQAs, with each assessor's risk\n" \
	"                   (default: assessors.csv, if there is one)\n" \
	"  --iqa FILE       the IQA sampling already done (default: iqa.csv, if\n" \
	"                   there is one)\n" \
	"  --today DATE     the date \"in the future\" is judged against (default:\n" \
	"                   folio.yml's today, else SOURCE_DATE_EPOCH, else the clock)\n" \
	"  --encoding NAME  the CSV files' encoding, such as windows-1252 (default:\n" \
	"                   folio.yml's encoding, else strict UTF-8)\n"

struct centre_args {
	const char *dir;
	struct model_paths paths;
};

/*
 * -j, --jobs N (1 to 256) into *jobs: EXIT_OK, or EXIT_USAGE after saying
 * why.  centre_default_jobs() is the number of cores (at most 64).
 */
int centre_jobs_option(const struct command *cmd, const char *value, int *jobs);
int centre_default_jobs(void);

/* Takes an option from getopt_long if it is a centre option. */
bool centre_option(struct centre_args *args, int opt, const char *value);

/*
 * Enters the centre folder and loads the model, printing nothing.
 * Returns EXIT_OK when loaded (diagnostics may hold errors), else
 * EXIT_USAGE after printing why.
 */
int centre_load(const struct command *cmd, struct centre_args *args,
		struct model *m, struct diag_list *diags);

#endif
