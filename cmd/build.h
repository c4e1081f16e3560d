/*
 * build.h - one build of the site as `folio build` runs it: the options
 * it shares with `folio serve`, which runs the same build again on every
 * change, so that the folder it serves is byte for byte what `folio
 * build` writes.
 */
#ifndef FOLIO_BUILD_H
#define FOLIO_BUILD_H

#include <stdio.h>

#include "centre.h"
#include "write/site.h"

enum {
	BUILD_OPT_OUT = CENTRE_OPT_FIRST_FREE,
	BUILD_OPT_FORMAT,
	BUILD_OPT_TEMPLATES,
	BUILD_OPT_JOBS,
	BUILD_OPT_FIRST_FREE,     /* first option value a command may use */
};

#define BUILD_OPTION_OUT \
	{ 'o', "out", "DIR", BUILD_OPT_OUT, \
	  "the site (default: _site); refused if it is empty, /,\n" \
	  "your home, the centre folder, holds the inputs, is a\n" \
	  "mount point or a folder folio did not make" }
#define BUILD_OPTION_FORMAT \
	{ 0, "format", "LIST", BUILD_OPT_FORMAT, "html (default), md, or html,md" }
#define BUILD_OPTION_TEMPLATES \
	{ 0, "templates", "DIR", BUILD_OPT_TEMPLATES, \
	  "override the built-in templates file by file\n" \
	  "(default: the centre's templates/ folder, if any);\n" \
	  "a name in no context of a page, or a missing\n" \
	  "partial, is a warning at TEMPLATE:LINE:COL" }
#define BUILD_OPTION_JOBS CENTRE_OPTION_JOBS(BUILD_OPT_JOBS)

/*
 * Takes --out, --format, --templates or --jobs into o: 1 when opt was one
 * of them, 0 when it is not, -1 after a usage error for its value.
 */
int build_option(const struct command *cmd, int opt, const char *value,
		 struct site_options *o);

/*
 * One build.  The caller fills the first part; build_run() loads the
 * centre, judges it, prints the diagnostics and the summary line, and
 * fills the rest; build_run_free() frees what it filled.
 */
struct build_run {
	const struct command *cmd;
	struct centre_args *args;
	const struct site_options *options;   /* as the command line gave them */
	FILE *report;             /* the summary line: stdout for build */
	/*
	 * Called once the centre is loaded and judged, before anything is
	 * built, with the theme folder the build uses (NULL: the built-in
	 * one): whether to build.  NULL: always.  `folio serve` watches the
	 * model's inputs from here, and holds back a build with new errors.
	 */
	bool (*loaded)(void *ctx, const struct model *m, const char *templates,
		       const struct diag_list *diags);
	void *ctx;
	/*
	 * Print nothing for a build that finds the site up to date: `folio
	 * serve` builds on every change in a folder, and the inputs being
	 * as they were, so are the diagnostics it printed last time.
	 */
	bool quiet;

	bool centre_read;         /* else EXIT_USAGE: the centre could not be read */
	bool held;                /* loaded() said no: nothing was built */
	enum site_status built;   /* when built */
	struct site_result result;
	struct diag_list diags;   /* the load's, the judge's and the build's */
};

/* The exit status of `folio build`: 0, 1 (errors) or 2 (usage, I/O). */
int build_run(struct build_run *r);
void build_run_free(struct build_run *r);

#endif
