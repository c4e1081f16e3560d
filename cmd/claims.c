/*
 * claims.c - `folio claims`: the units ready to claim from the awarding
 * body now.
 */
#include "centre.h"
#include "base/fsutil.h"
#include "judge/claims.h"
#include "present/claims_view.h"
#include "present/export.h"
#include "render/theme.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = CENTRE_OPT_FIRST_FREE, OPT_TEMPLATES };

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	{ 0, "format", "FORMAT", OPT_FORMAT,
	  "md (default): a table; csv: a line per claim, for a\n"
	  "spreadsheet or an upload; json: {claims: [...], ...}" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "override md/claims-document.mustache (default: the\n"
	  "centre's templates/ folder, if any)" },
	CMD_OPTIONS_END,
};

enum format { FORMAT_MD, FORMAT_CSV, FORMAT_JSON };

/* The list in the format asked for, into out: 0, or -1 (diags say why). */
static int claims_text(const struct model *m, const struct claims *c,
		enum format format, const char *templates, struct buf *out,
		struct diag_list *diags)
{
	struct arena a = ARENA_INIT;
	struct value_obj doc = value_obj_new(&a, 2);
	struct value list = claims_view_list(&a, m, c), root;
	int rc = 0;

	if (format == FORMAT_CSV) {
		claims_view_csv(c, out);
	} else if (format == FORMAT_JSON) {
		value_dump_pretty(&list, 0, out);
		buf_putc(out, '\n');
	} else {
		value_put(&doc, "centre", export_centre(&a, m));
		value_put(&doc, "claims", list);
		root = value_obj_done(&doc);
		rc = theme_render_markdown(templates, "claims-document", &root,
					   m->config.date_style, out, diags);
	}
	arena_free(&a);
	return rc;
}

static int run_claims(int argc, char **argv)
{
	static const char *const formats[] = { "md", "csv", "json" };
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT, render = DIAG_LIST_INIT;
	struct model m;
	struct xref x = { 0 };
	struct claims c = { 0 };
	struct buf out = BUF_INIT;
	const char *templates = NULL;
	enum format format = FORMAT_MD;
	int opt, status, rc;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (opt == OPT_FORMAT) {
			int f = command_choose(&command_claims, "format", optarg,
					       formats, sizeof(formats) /
					       sizeof(formats[0]));

			if (f < 0)
				return EXIT_USAGE;
			format = (enum format)f;
		} else if (opt == OPT_TEMPLATES) {
			templates = optarg;
		} else if (!centre_option(&args, opt, optarg)) {
			return command_bad_option(&command_claims, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return command_usage_error(&command_claims,
			"unexpected argument '%s'", argv[optind]);
	status = centre_load(&command_claims, &args, &m, &diags);
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		command_print_diagnostics(&diags);
		if (!templates && fs_is_dir("templates"))
			templates = "templates";
		claims_list(&c, &m, &x);
		rc = claims_text(&m, &c, format, templates, &out, &render);
		command_print_diagnostics(&render);
		if (rc == 0 && command_write(&command_claims, &out,
					     "the list") != 0) {
			status = EXIT_USAGE;
		} else {
			status = rc != 0 || diags.errors ? EXIT_ERRORS : EXIT_OK;
		}
	}
	buf_free(&out);
	claims_free(&c);
	xref_free(&x);
	model_free(&m);
	diag_list_free(&diags);
	diag_list_free(&render);
	return status;
}

const struct command command_claims = {
	"claims", run_claims,
	"list what is ready to claim from the awarding body",
	"usage: folio claims " CENTRE_USAGE "\n"
	"       [--format md|csv|json] [--templates DIR]\n"
	"\n"
	"Lists, per learner, what is ready to claim now: each qualification\n"
	"complete by its rules of combination with every unit signed off, and\n"
	"each unit on none of the learner's qualifications that is signed off.\n"
	"Signed off: every declaration it needs holds (signoffs.csv) and, with\n"
	"folio.yml's claims: {summative_sample: true}, the IQA agreed it in a\n"
	"summative sample (iqa.csv).  Each line gives the learner and\n"
	"registration, the qualification's number, the units' numbers and URNs\n"
	"(joined by ';'), the dates completed and signed off, the assessor and\n"
	"the IQA.  Nothing that is not ready is listed.\n",
	options, 0,
	"Exit status: 0 listed; 1 listed, but the inputs have errors (a claim\n"
	"is listed only where its portfolio's declarations hold), or the\n"
	"template has an error; 2 usage error or a file could not be read.\n",
};
