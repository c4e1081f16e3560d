/*
 * check.c - `folio check`: load a centre and report what is wrong with it.
 */
#include "centre.h"

#include <stdlib.h>

static const struct option options[] = {
	CENTRE_LONG_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* "1 unit", "3 units": the summary is read by people as well as CI. */
static const char *plural(size_t n, const char *one, const char *many,
			  char *out)
{
	snprintf(out, 32, "%zu %s", n, n == 1 ? one : many);
	return out;
}

static int run_check(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	struct model m;
	char n1[32], n2[32], n3[32], n4[32];
	int opt, status;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+" CENTRE_SHORT_OPTIONS, options,
				  NULL)) != -1) {
		if (!centre_option(&args, opt, optarg))
			return command_usage_error(&command_check,
				"unknown option or missing value: %s",
				argv[optind - 1]);
	}
	if (optind < argc)
		return command_usage_error(&command_check,
			"unexpected argument '%s'", argv[optind]);
	status = centre_load(&command_check, &args, &m, &diags);
	if (status == EXIT_OK) {
		command_print_diagnostics(&diags);
		printf("%s, %s: %s, %s\n",
		       plural(m.nunits, "unit", "units", n1),
		       plural(model_criteria_count(&m), "criterion", "criteria", n2),
		       plural(diags.errors, "error", "errors", n3),
		       plural(diags.warnings, "warning", "warnings", n4));
		status = diags.errors ? EXIT_ERRORS : EXIT_OK;
	}
	model_free(&m);
	diag_list_free(&diags);
	return status;
}

const struct command command_check = {
	"check", run_check, "load a centre and report every problem",
	"usage: folio check [-C DIR] [--units DIR]\n"
	"\n"
	"Loads the centre's unit specifications and prints every problem as\n"
	"FILE:LINE:COL: error|warning: message, then a one-line summary.\n"
	"\n"
	"Options:\n"
	CENTRE_HELP
	"\n"
	"Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O error.\n",
};
