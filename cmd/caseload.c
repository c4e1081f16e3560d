/*
 * caseload.c - `folio caseload`: the active learners who need attention,
 * most urgent first, with the reasons.
 */
#include "centre.h"
#include "base/fsutil.h"
#include "judge/caseload.h"
#include "present/caseload_view.h"
#include "present/export.h"
#include "render/theme.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = CENTRE_OPT_FIRST_FREE, OPT_ASSESSOR, OPT_TEMPLATES };

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	{ 0, "assessor", "INITIALS", OPT_ASSESSOR,
	  "only this assessor's learners (learners.csv\n"
	  "`assessor`, in any case)" },
	{ 0, "format", "FORMAT", OPT_FORMAT,
	  "md (default): a section per learner; csv: a line per\n"
	  "learner; json: {learners: [...], count, fine, ...}" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "override md/caseload-document.mustache (default: the\n"
	  "centre's templates/ folder, if any)" },
	CMD_OPTIONS_END,
};

enum format { FORMAT_MD, FORMAT_CSV, FORMAT_JSON };

/* The caseload in the format asked for, into out: 0, or -1 (diags say why). */
static int caseload_text(const struct model *m, const struct xref *x,
			 const char *assessor, enum format format,
			 const char *templates, struct buf *out,
			 struct diag_list *diags)
{
	struct arena a = ARENA_INIT;
	struct value_obj doc = value_obj_new(&a, 2);
	struct value list, root;
	int rc = 0;

	if (format == FORMAT_CSV) {
		caseload_view_csv(m, x, assessor, out);
	} else {
		list = caseload_view_list(&a, m, x, assessor);
		if (format == FORMAT_JSON) {
			value_dump_pretty(&list, 0, out);
			buf_putc(out, '\n');
		} else {
			value_put(&doc, "centre", export_centre(&a, m));
			value_put(&doc, "caseload", list);
			root = value_obj_done(&doc);
			rc = theme_render_markdown(templates, "caseload-document",
						   &root, m->config.date_style,
						   out, diags);
		}
	}
	arena_free(&a);
	return rc;
}

static int run_caseload(int argc, char **argv)
{
	static const char *const formats[] = { "md", "csv", "json" };
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT, render = DIAG_LIST_INIT;
	struct model m;
	struct xref x = { 0 };
	struct buf out = BUF_INIT;
	const char *templates = NULL, *assessor = NULL;
	enum format format = FORMAT_MD;
	int opt, status, rc;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (opt == OPT_FORMAT) {
			int f = command_choose(&command_caseload, "format", optarg,
					       formats, sizeof(formats) /
					       sizeof(formats[0]));

			if (f < 0)
				return EXIT_USAGE;
			format = (enum format)f;
		} else if (opt == OPT_ASSESSOR) {
			assessor = optarg;
		} else if (opt == OPT_TEMPLATES) {
			templates = optarg;
		} else if (!centre_option(&args, opt, optarg)) {
			return command_bad_option(&command_caseload, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return command_usage_error(&command_caseload,
			"unexpected argument '%s'", argv[optind]);
	status = centre_load(&command_caseload, &args, &m, &diags);
	if (status == EXIT_OK && assessor && !caseload_assessor_known(&m, assessor)) {
		fprintf(stderr, "folio caseload: no learner has assessor '%s', "
			"and assessors.csv does not list them\n", assessor);
		status = EXIT_USAGE;
	}
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		command_print_diagnostics(&diags);
		if (!templates && fs_is_dir("templates"))
			templates = "templates";
		rc = caseload_text(&m, &x, assessor, format, templates, &out,
				   &render);
		command_print_diagnostics(&render);
		if (rc == 0 && command_write(&command_caseload, &out,
					     "the caseload") != 0) {
			status = EXIT_USAGE;
		} else {
			status = rc != 0 || diags.errors ? EXIT_ERRORS : EXIT_OK;
		}
	}
	buf_free(&out);
	xref_free(&x);
	model_free(&m);
	diag_list_free(&diags);
	diag_list_free(&render);
	return status;
}

const struct command command_caseload = {
	"caseload", run_caseload,
	"list the active learners who need attention, with reasons",
	"usage: folio caseload " CENTRE_USAGE "\n"
	"       [--assessor INITIALS] [--format md|csv|json] [--templates DIR]\n"
	"\n"
	"Lists each active learner who needs their assessor's attention, most\n"
	"urgent first, with every reason in plain words: an IQA action overdue,\n"
	"the planned end passed, a progress review overdue (reviews.csv, every\n"
	"reviews.every_weeks weeks), no evidence for caseload.quiet_weeks weeks,\n"
	"off-the-job hours or progress behind (below caseload.behind of what is\n"
	"expected by now), an IQA action open.  Learners on a break, withdrawn\n"
	"or completed are left out; a count says how many active learners need\n"
	"nothing.  The same inputs and today give the same list.\n",
	options, 0,
	"Exit status: 0 listed; 1 listed, but the inputs have errors (rows\n"
	"with errors are left out), or the template has an error; 2 usage\n"
	"error, an unknown assessor, or a file could not be read.\n",
};
