/*
 * theme.c - `folio theme export DIR`: the built-in theme, to restyle.
 */
#include "cmd.h"
#include "options.h"
#include "write/starter.h"

#include <stdio.h>
#include <string.h>

static const struct cmd_option options[] = {
	CMD_OPTIONS_END,
};

static int run_theme(int argc, char **argv)
{
	struct diag_list diags = DIAG_LIST_INIT;
	enum starter_status status;
	int opt;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1)
		return command_bad_option(&command_theme, argv[optind - 1]);
	if (optind >= argc || strcmp(argv[optind], "export") != 0)
		return command_usage_error(&command_theme, optind < argc ?
			"no subcommand '%s': the one there is is export" :
			"give a subcommand: export DIR%s", optind < argc ?
			argv[optind] : "");
	if (argc - optind != 2)
		return command_usage_error(&command_theme, argc - optind < 2 ?
			"give the folder to export into: folio theme export DIR%s" :
			"unexpected argument '%s'", argc - optind < 2 ? "" :
			argv[optind + 2]);
	status = starter_write_theme(argv[optind + 1], &diags);
	command_print_diagnostics(&diags);
	diag_list_free(&diags);
	if (status == STARTER_NOT_EMPTY) {
		fprintf(stderr, "folio theme export: %s is not empty: give a new "
			"folder, or an empty one; nothing was written\n",
			argv[optind + 1]);
		return EXIT_USAGE;
	}
	if (status != STARTER_OK)
		return EXIT_USAGE;
	printf("folio theme export: the built-in theme in %s (html/, md/ and "
	       "html/style.css).\nEdit what you would change, delete the rest, "
	       "and build with --templates %s.\n", argv[optind + 1],
	       argv[optind + 1]);
	return EXIT_OK;
}

const struct command command_theme = {
	"theme", run_theme, "export the built-in templates and stylesheet",
	"usage: folio theme export DIR\n"
	"\n"
	"Writes the built-in theme into DIR (made if it does not exist): html/\n"
	"and md/ with every page template and partial, and html/style.css.\n"
	"Building with --templates DIR then gives the same site byte for byte;\n"
	"edit a file to change its pages, and delete the files you keep as\n"
	"they are (a file DIR lacks comes from the built-in theme).  A DIR that\n"
	"holds anything is refused, and nothing is written.\n",
	options, 0,
	"Exit status: 0 written, 2 DIR not empty, a usage error, or a file\n"
	"that could not be written.\n",
};
