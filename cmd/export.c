/*
 * export.c - `folio export`: the whole model as JSON on standard output.
 */
#include "centre.h"
#include "judge/xref.h"
#include "present/diag_json.h"
#include "present/export.h"

#include <stdlib.h>

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	CMD_OPTIONS_END,
};

static int to_stdout(const char *text, size_t len, void *data)
{
	(void)data;
	return fwrite(text, 1, len, stdout) == len ? 0 : -1;
}

static int run_export(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	struct model m;
	struct xref x = { 0 };
	struct arena a = ARENA_INIT;
	struct value_obj members;
	struct value tail;
	int opt, rc, status;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (!centre_option(&args, opt, optarg))
			return command_bad_option(&command_export, argv[optind - 1]);
	}
	if (optind < argc)
		return command_usage_error(&command_export,
			"unexpected argument '%s'", argv[optind]);
	args.paths.summaries_html = true;
	status = centre_load(&command_export, &args, &m, &diags);
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		command_print_diagnostics(&diags);
		members = value_obj_new(&a, 1);
		value_put(&members, "diagnostics", diag_json_list(&a, &diags));
		tail = value_obj_done(&members);
		rc = export_write(&m, &x, &tail, to_stdout, NULL);
		if (rc == 0 && fflush(stdout) != 0)
			rc = EXPORT_SINK_FAILED;
		if (rc != 0)
			perror("folio export: writing standard output");
		status = rc ? EXIT_USAGE : diags.errors ? EXIT_ERRORS : EXIT_OK;
	}
	arena_free(&a);
	xref_free(&x);
	model_free(&m);
	diag_list_free(&diags);
	return status;
}

const struct command command_export = {
	"export", run_export, "print the whole model as JSON",
	"usage: folio export " CENTRE_USAGE "\n"
	"\n"
	"Prints {\"centre\", \"units\", \"qualifications\", \"learners\",\n"
	"\"assessors\", \"iqa\", \"signoffs\", \"diagnostics\"} on standard output;\n"
	"docs/json.md documents every key.\n"
	"Diagnostics also go to standard error.\n",
	options, 0,
	"Exit status: 0 no errors, 1 errors in the inputs (the JSON is still\n"
	"printed), 2 usage or I/O error.\n",
};
