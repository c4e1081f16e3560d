/*
 * context.c - `folio context PAGE`: what a template can use on one page.
 */
#include "centre.h"
#include "judge/xref.h"
#include "write/site.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = CENTRE_OPT_FIRST_FREE, OPT_BASE_URL };

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	{ 0, "format", "json", OPT_FORMAT,
	  "the context as JSON (the only format, and the default)" },
	{ 0, "base-url", "URL", OPT_BASE_URL,
	  "the links as a build with --base-url URL makes them" },
	CMD_OPTIONS_END,
};

static int run_context(int argc, char **argv)
{
	static const char *const formats[] = { "json" };
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	struct site_options o = { .html = true, .md = true };
	struct buf out = BUF_INIT;
	struct model m;
	struct xref x = { 0 };
	int opt, status;

	while ((opt = cmd_getopt(argc, argv, options, false)) != -1) {
		if (opt == OPT_FORMAT) {
			if (command_choose(&command_context, "format", optarg,
					   formats, 1) < 0)
				return EXIT_USAGE;
		} else if (opt == OPT_BASE_URL) {
			o.base_url = optarg;
		} else if (!centre_option(&args, opt, optarg)) {
			return command_bad_option(&command_context, argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return command_usage_error(&command_context, argc == optind ?
			"give the page: folio context learners/ID/UNIT.html%s" :
			"unexpected argument '%s'", argc == optind ? "" :
			argv[optind + 1]);
	args.paths.summaries_html = true;   /* as the pages have them */
	status = centre_load(&command_context, &args, &m, &diags);
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		command_print_diagnostics(&diags);
		if (site_page_context(&m, &x, &diags, &o, argv[optind], &out) != 0) {
			fprintf(stderr, "folio context: the site has no page '%s' "
				"(a path as the site names it, such as index.html, "
				"learners/ID/index.html or units/UNIT.html)\n",
				argv[optind]);
			status = EXIT_USAGE;
		} else if (command_write(&command_context, &out, "the context") != 0) {
			status = EXIT_USAGE;
		} else {
			status = diags.errors ? EXIT_ERRORS : EXIT_OK;
		}
	}
	buf_free(&out);
	xref_free(&x);
	model_free(&m);
	diag_list_free(&diags);
	return status;
}

const struct command command_context = {
	"context", run_context, "print what a template can use on one page",
	"usage: folio context " CENTRE_USAGE " [--format json] [--base-url URL]\n"
	"                     PAGE\n"
	"\n"
	"Prints the context the site's page PAGE (learners/ID/UNIT.html,\n"
	"index.html, units/UNIT.html, ...) is rendered against, as JSON:\n"
	"{path, page, shared}, page being the page's own view and shared what\n"
	"every page shares; a template's name is looked up in page first, then\n"
	"in shared.  docs/site.md describes every key.\n",
	options, 0,
	"Exit status: 0 printed, 1 printed but the centre has errors, 2 no\n"
	"such page, a usage error, or the centre could not be read.\n",
};
