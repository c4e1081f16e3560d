/*
 * init.c - `folio init [DIR]`: a new centre to start from.
 */
#include "cmd.h"
#include "options.h"
#include "write/starter.h"

#include <stdio.h>
#include <stdlib.h>

static const struct cmd_option options[] = {
	CMD_OPTIONS_END,
};

static int run_init(int argc, char **argv)
{
	struct diag_list diags = DIAG_LIST_INIT;
	const char *dir;
	enum starter_status status;
	int opt;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1)
		return command_bad_option(&command_init, argv[optind - 1]);
	if (argc - optind > 1)
		return command_usage_error(&command_init,
			"unexpected argument '%s'", argv[optind + 1]);
	dir = optind < argc ? argv[optind] : ".";
	status = starter_write(dir, &diags);
	command_print_diagnostics(&diags);
	diag_list_free(&diags);
	if (status == STARTER_NOT_EMPTY) {
		fprintf(stderr, "folio init: %s is not empty: give a new folder "
			"(folio init mycentre), or an empty one; nothing was "
			"written\n", dir);
		return EXIT_USAGE;
	}
	if (status != STARTER_OK)
		return EXIT_USAGE;
	printf("folio init: a new centre in %s: folio.yml, an example unit and "
	       "qualification, a learner with an evidence row, an assessor and an "
	       "IQA, and the optional files with their header rows.\n"
	       "Next:\n"
	       "  cd %s\n"
	       "  folio check      # every problem in the centre's files, at its line\n"
	       "  folio build      # its site, in _site/index.html\n",
	       dir, dir);
	return EXIT_OK;
}

const struct command command_init = {
	"init", run_init, "write a new centre to start from",
	"usage: folio init [DIR]\n"
	"\n"
	"Writes a new centre into DIR (default: the current folder), made if it\n"
	"does not exist: folio.yml with its keys explained, units/ with one\n"
	"example unit, qualifications/ with one example qualification,\n"
	"learners.csv and evidence/ with a header row and one example row each,\n"
	"assessors.csv, iqa.csv, and signoffs.csv, reviews.csv and otj/ with\n"
	"their header rows.  It checks clean and builds.  A DIR that holds\n"
	"anything is refused, and nothing is written.\n",
	options, 0,
	"Exit status: 0 written, 2 DIR not empty, a usage error, or a file\n"
	"that could not be written.\n",
};
