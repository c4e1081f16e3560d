/*
 * diff.c - `folio diff OLD NEW`: what changed between two centres.
 */
#include "cmd.h"
#include "options.h"
#include "centre.h"
#include "judge/diff.h"
#include "judge/xref.h"
#include "present/diff_view.h"
#include "render/theme.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = 256, OPT_EXIT_CODE, OPT_TODAY, OPT_TEMPLATES };

static const struct cmd_option options[] = {
	{ 0, "format", "md|json", OPT_FORMAT,
	  "Markdown fit for a pull request's comment (the\\n"
	  "default), or JSON" },
	{ 0, "exit-code", NULL, OPT_EXIT_CODE,
	  "exit 1 when anything changed, as git diff does" },
	{ 0, "today", "DATE", OPT_TODAY,
	  "judge both centres as at DATE (default: each\\n"
	  "folio.yml's today, else SOURCE_DATE_EPOCH, else the\\n"
	  "clock)" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "the Markdown through DIR/md/diff-document.mustache\\n"
	  "over the built-in one" },
	CMD_OPTIONS_END,
};

/* A centre folder, loaded and judged; EXIT_OK or EXIT_USAGE. */
static int load(const char *dir, const char *today, struct model *m,
		struct xref *x, struct diag_list *diags)
{
	struct model_paths paths = { .centre = dir, .today = today };

	if (model_load(m, &paths, diags) != MODEL_OK)
		return EXIT_USAGE;
	centre_judge(x, m, diags);
	return EXIT_OK;
}

static int run_diff(int argc, char **argv)
{
	static const char *const formats[] = { "md", "json" };
	struct diag_list diags = DIAG_LIST_INIT;
	struct model old_m = { 0 }, new_m = { 0 };
	struct xref old_x = { 0 }, new_x = { 0 };
	struct diff d = { 0 };
	struct arena a = ARENA_INIT;
	struct buf out = BUF_INIT;
	const char *today = NULL, *templates = NULL;
	bool exit_code = false;
	int opt, format = 0, status;

	while ((opt = cmd_getopt(argc, argv, options, false)) != -1) {
		if (opt == OPT_FORMAT) {
			if ((format = command_choose(&command_diff, "format",
						     optarg, formats, 2)) < 0)
				return EXIT_USAGE;
		} else if (opt == OPT_EXIT_CODE) {
			exit_code = true;
		} else if (opt == OPT_TODAY) {
			today = optarg;
		} else if (opt == OPT_TEMPLATES) {
			templates = optarg;
		} else {
			return command_bad_option(&command_diff, argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return command_usage_error(&command_diff,
			"give two centre folders: folio diff OLD NEW");
	status = load(argv[optind], today, &old_m, &old_x, &diags);
	if (status == EXIT_OK)
		status = load(argv[optind + 1], today, &new_m, &new_x, &diags);
	/* The problems of either centre, by its folder (they say which). */
	command_print_diagnostics(&diags);
	if (status == EXIT_OK) {
		struct value v;

		diff_centres(&d, &old_m, &old_x, &new_m, &new_x);
		v = diff_view(&a, &d, argv[optind], argv[optind + 1]);
		if (format == 1) {
			value_dump_pretty(&v, 0, &out);
			buf_putc(&out, '\n');
		} else {
			struct value_obj doc = value_obj_new(&a, 1);
			struct value root;

			value_put(&doc, "diff", v);
			root = value_obj_done(&doc);
			if (theme_render_markdown(templates, "diff-document", &root,
						  DATE_STYLE_ISO, &out, &diags) != 0) {
				command_print_diagnostics(&diags);
				status = EXIT_ERRORS;
			}
		}
		if (status == EXIT_OK && command_write(&command_diff, &out,
						       "the changes") != 0)
			status = EXIT_USAGE;
		if (status == EXIT_OK && exit_code && d.count)
			status = EXIT_ERRORS;
	}
	buf_free(&out);
	arena_free(&a);
	diff_free(&d);
	xref_free(&old_x);
	xref_free(&new_x);
	model_free(&old_m);
	model_free(&new_m);
	diag_list_free(&diags);
	return status;
}

const struct command command_diff = {
	"diff", run_diff, "what changed between two centres, portfolio by portfolio",
	"usage: folio diff OLD NEW [--format md|json] [--exit-code] [--today DATE]\n"
	"                  [--templates DIR]\n"
	"\n"
	"Loads and judges the centre folders OLD and NEW and prints, for each\n"
	"learner and unit whose portfolio changed, its status and percent before\n"
	"and after, the criteria newly met or no longer met, the gaps opened and\n"
	"closed, the evidence rows added, changed and removed (by ref), and the\n"
	"IQA samples and sign-offs added; portfolios that did not change are not\n"
	"listed.  The Markdown is fit for a pull request's comment or\n"
	"$GITHUB_STEP_SUMMARY.  Two revisions in git are two folders: check them\n"
	"out with `git worktree add` (docs in the README's CI recipes).\n",
	options, 0,
	"Exit status: 0 (with --exit-code: nothing changed), 1 something\n"
	"changed (with --exit-code), 2 a centre could not be read or a usage\n"
	"error.\n",
};
