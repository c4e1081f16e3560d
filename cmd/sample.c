/*
 * sample.c - `folio sample`: the IQA's sampling plan, with its reasons.
 */
#include "visit.h"
#include "base/fsutil.h"
#include "present/sample_json.h"
#include "render/plan.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = VISIT_OPT_FIRST_FREE, OPT_TEMPLATES };

static const struct cmd_option options[] = {
	VISIT_OPTIONS,
	{ 0, "format", "FORMAT", OPT_FORMAT,
	  "md (default): the plan, rates and coverage as\n"
	  "Markdown; json: {\"sample\": [...], \"coverage\": {...}}" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "override md/sample.mustache (default: the centre's\n"
	  "templates/ folder, if any)" },
	CMD_OPTIONS_END,
};

static int print_json(const struct sample *plan)
{
	struct arena a = ARENA_INIT;
	struct value json = sample_json_plan(&a, plan);
	int rc = command_print_json(&json);

	arena_free(&a);
	return rc;
}

static int print_markdown(struct visit *v, const char *templates)
{
	struct buf out = BUF_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	int rc = plan_markdown(&v->model, &v->xref, &v->plan, &v->scope,
				    templates, &out, &diags);

	if (rc == 0)
		rc = fwrite(out.data, 1, out.len, stdout) == out.len ? 0 : -1;
	else
		command_print_diagnostics(&diags);
	buf_free(&out);
	diag_list_free(&diags);
	return rc;
}

static int run_sample(int argc, char **argv)
{
	struct visit v = { 0 };
	const char *templates = NULL;
	bool json = false;
	int opt, status;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (opt == OPT_FORMAT && (strcmp(optarg, "md") == 0 ||
					  strcmp(optarg, "json") == 0)) {
			json = strcmp(optarg, "json") == 0;
		} else if (opt == OPT_FORMAT) {
			status = command_usage_error(&command_sample,
				"--format is md or json, not '%s'", optarg);
			goto done;
		} else if (opt == OPT_TEMPLATES) {
			templates = optarg;
		} else if (!visit_option(&v, opt, optarg)) {
			status = command_bad_option(&command_sample,
						    argv[optind - 1]);
			goto done;
		}
	}
	if (optind < argc) {
		status = command_usage_error(&command_sample,
			"unexpected argument '%s'", argv[optind]);
		goto done;
	}
	status = visit_load(&command_sample, &v, false);
	if (status != EXIT_OK)
		goto done;
	command_print_diagnostics(&v.diags);
	visit_note_risks(&command_sample, &v);
	if (!templates && fs_is_dir("templates"))
		templates = "templates";
	if ((json ? print_json(&v.plan) : print_markdown(&v, templates)) != 0 ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "folio sample: cannot print the plan\n");
		status = json ? EXIT_USAGE : EXIT_ERRORS;
	} else {
		status = v.diags.errors ? EXIT_ERRORS : EXIT_OK;
	}
done:
	visit_free(&v);
	return status;
}

const struct command command_sample = {
	"sample", run_sample, "plan the IQA's sample of portfolios, with reasons",
	"usage: folio sample " VISIT_USAGE "\n"
	"       [--format md|json] [--templates DIR]\n"
	"\n"
	"Plans which portfolios the internal quality assurer samples, as IQAs\n"
	"plan on CAMERA: every candidate cohort, assessor, assessment method,\n"
	"unit and criterion, record and assessment location at least once,\n"
	"interim and summative work, then each assessor's rate by risk\n"
	"(folio.yml `sampling:`).  Portfolios sampled before (iqa.csv) and\n"
	"agreed are not chosen again; referred ones are.  The same inputs and\n"
	"seed give the same plan.  Each entry says why it was chosen.\n",
	options, 0,
	"Exit status: 0 planned; 1 planned, but the inputs have errors (rows\n"
	"with errors are left out), or the template has an error; 2 usage error,\n"
	"an unknown learner or unit, or a file could not be read.\n",
};
