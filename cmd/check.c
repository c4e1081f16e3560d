/*
 * check.c - `folio check`: load a centre and report what is wrong with it.
 */
#include "centre.h"
#include "base/fsutil.h"
#include "judge/xref.h"
#include "present/diag_json.h"
#include "write/site.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_STRICT = CENTRE_OPT_FIRST_FREE, OPT_FORMAT, OPT_TEMPLATES,
	OPT_MAX_WARNINGS, OPT_QUIET, OPT_COLOR,
};

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	{ 0, "strict", NULL, OPT_STRICT,
	  "also fail (exit 1) when any portfolio has gaps, for CI\n"
	  "that must not publish an incomplete pack, naming each\n"
	  "with its gaps" },
	{ 0, "max-warnings", "N", OPT_MAX_WARNINGS,
	  "also fail (exit 1) past N warnings" },
	{ 'q', "quiet", NULL, OPT_QUIET,
	  "print the errors only (the summary still counts\n"
	  "the warnings)" },
	{ 0, "color", "WHEN", OPT_COLOR,
	  "colour the diagnostics: auto (on a terminal, unless\n"
	  "NO_COLOR is set; the default), always or never" },
	{ 0, "format", "FORMAT", OPT_FORMAT,
	  "text (the default), json: {\"diagnostics\": [...],\n"
	  "\"summary\": {...}} on standard output, or github:\n"
	  "a GitHub Actions workflow command per diagnostic,\n"
	  "then the summary line, on standard output" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "also render every page of the centre with DIR over\n"
	  "the built-in templates, writing nothing, and warn at\n"
	  "TEMPLATE:LINE:COL of each name that is in no context\n"
	  "of the page (a typo renders as nothing) and each\n"
	  "missing partial; with --strict they are errors" },
	CMD_OPTIONS_END,
};

static struct xref_tally summarise(const struct xref *x)
{
	struct xref_tally s = { 0 };

	for (size_t i = 0; i < x->nportfolios; i++)
		xref_tally_add(&s, &x->portfolios[i]);
	return s;
}

/* "1 unit", "3 units": the summary is read by people as well as CI. */
static const char *plural(size_t n, const char *one, const char *many,
			  char *out)
{
	snprintf(out, 32, "%zu %s", n, n == 1 ? one : many);
	return out;
}

/* "3 units, 14 learners, 31 portfolios (...): 0 errors, 6 warnings" */
static void print_summary(const struct model *m, const struct xref_tally *s,
			  const struct diag_list *diags, FILE *out)
{
	char a[32], b[32], c[32], d[32], e[32], signed_off[48] = "";

	/* Only a centre that records sign-offs hears about them. */
	if (m->signoffs_file)
		snprintf(signed_off, sizeof(signed_off), ", %zu of them signed off",
			 s->by_status[XREF_SIGNED_OFF]);
	fprintf(out, "%s, %s, %s (%zu complete%s, %zu in progress, %zu not started): %s, %s\n",
	       plural(m->nunits, "unit", "units", a),
	       plural(m->nlearners, "learner", "learners", b),
	       plural(s->portfolios, "portfolio", "portfolios", c),
	       xref_tally_complete(s), signed_off, s->by_status[XREF_IN_PROGRESS],
	       s->by_status[XREF_NOT_STARTED],
	       plural(diags->errors, "error", "errors", d),
	       plural(diags->warnings, "warning", "warnings", e));
}

static void print_text(const struct model *m, const struct xref_tally *s,
		       struct diag_list *diags)
{
	command_print_diagnostics(diags);
	print_summary(m, s, diags, stdout);
}

/* --format github: the annotations, then the summary line as text. */
static void print_github(const struct model *m, const struct xref_tally *s,
			 struct diag_list *diags)
{
	struct buf out = BUF_INIT;

	diag_list_sort(diags);
	for (size_t i = 0; i < diags->count; i++)
		diag_format_github(&diags->items[i], &out);
	fputs(buf_cstr(&out), stdout);
	buf_free(&out);
	print_summary(m, s, diags, stdout);
}

static struct value strict_json(struct arena *a, const struct xref *x);

static void print_json(const struct model *m, const struct xref *x,
		       const struct xref_tally *s, bool strict,
		       struct diag_list *diags)
{
	struct arena a = ARENA_INIT;
	struct value_obj report = value_obj_new(&a, 3), summary;
	struct value json;

	diag_list_sort(diags);
	summary = value_obj_new(&a, 10);
	value_put(&summary, "units", value_int((long long)m->nunits));
	value_put(&summary, "learners", value_int((long long)m->nlearners));
	value_put(&summary, "portfolios", value_int((long long)s->portfolios));
	value_put(&summary, "complete",
		  value_int((long long)xref_tally_complete(s)));
	value_put(&summary, "in_progress",
		  value_int((long long)s->by_status[XREF_IN_PROGRESS]));
	value_put(&summary, "not_started",
		  value_int((long long)s->by_status[XREF_NOT_STARTED]));
	value_put(&summary, "signed_off",
		  value_int((long long)s->by_status[XREF_SIGNED_OFF]));
	value_put(&summary, "with_gaps", value_int((long long)s->with_gaps));
	value_put(&summary, "errors", value_int((long long)diags->errors));
	value_put(&summary, "warnings", value_int((long long)diags->warnings));
	value_put(&report, "diagnostics", diag_json_list(&a, diags));
	value_put(&report, "summary", value_obj_done(&summary));
	if (strict)
		value_put(&report, "strict", strict_json(&a, x));
	json = value_obj_done(&report);
	command_print_json(&json);
	arena_free(&a);
}

/*
 * --templates DIR: every page of the centre rendered, in HTML and
 * Markdown, with DIR over the built-in theme, and written nowhere; each
 * name in no context and each missing partial is a diagnostic in diags.
 * Returns whether the templates compiled and rendered.
 */
static bool check_templates(const struct model *m, const struct xref *x,
			    const char *templates, bool strict,
			    struct diag_list *diags)
{
	struct site_options o = {
		.html = true, .md = true, .templates = templates,
		.jobs = centre_default_jobs(), .check_templates = true,
		.strict_templates = strict, .check_only = true,
	};
	struct site_result r;
	struct diag_list found = DIAG_LIST_INIT;
	enum site_status status = site_build(m, x, diags, &o, &r, &found);

	diag_list_append(diags, &found);
	diag_list_free(&found);
	return status == SITE_OK;
}

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_GITHUB };

/* "missing-evidence 1.2, too-few-occasions": a portfolio's gaps, by code. */
static void gap_codes(const struct portfolio *p, struct buf *out)
{
	for (size_t i = 0; i < p->ngaps; i++) {
		const struct xref_gap *g = &p->gaps[i];

		buf_printf(out, "%s%s%s%s", i ? ", " : "", xref_gap_name(g->code),
			   g->target ? " " : "", g->target ? g->target : "");
	}
}

/*
 * --strict: each portfolio with gaps, learner, unit and its gaps' codes,
 * in the format: lines on stderr after the text, annotations after the
 * GitHub commands (the JSON has them in print_json).
 */
static void print_strict(enum format format, const struct xref *x,
			 const struct xref_tally *s)
{
	struct buf line = BUF_INIT;

	if (format == FORMAT_JSON || !s->with_gaps)
		return;
	if (format == FORMAT_TEXT)
		fprintf(stderr, "folio check: --strict: %zu of %zu portfolios "
			"have gaps:\n", s->with_gaps, s->portfolios);
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];

		if (!p->ngaps)
			continue;
		buf_truncate(&line, 0);
		buf_printf(&line, "%s %s: ", p->learner->id, p->unit->id);
		gap_codes(p, &line);
		if (format == FORMAT_TEXT)
			fprintf(stderr, "  %s\n", buf_cstr(&line));
		else
			printf("::error title=folio --strict::%s\n", buf_cstr(&line));
	}
	buf_free(&line);
}

/* The portfolios with gaps as JSON: [{learner, unit, gaps: [{code,
 * target}]}], for --strict. */
static struct value strict_json(struct arena *a, const struct xref *x)
{
	struct value *list = value_items(a, x->nportfolios);
	size_t n = 0;

	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];
		struct value *gaps;
		struct value_obj o;

		if (!p->ngaps)
			continue;
		gaps = value_items(a, p->ngaps);
		for (size_t j = 0; j < p->ngaps; j++) {
			struct value_obj g = value_obj_new(a, 2);

			value_put(&g, "code", value_text(xref_gap_name(p->gaps[j].code)));
			value_put(&g, "target", value_text(p->gaps[j].target));
			gaps[j] = value_obj_done(&g);
		}
		o = value_obj_new(a, 3);
		value_put(&o, "learner", value_text(p->learner->id));
		value_put(&o, "unit", value_text(p->unit->id));
		value_put(&o, "gaps", value_list(gaps, p->ngaps));
		list[n++] = value_obj_done(&o);
	}
	return value_list(list, n);
}

static void print_report(enum format format, const struct model *m,
			 const struct xref *x, const struct xref_tally *s,
			 bool strict, struct diag_list *diags)
{
	struct diag_list named = DIAG_LIST_INIT;

	/* The files as named from where folio started (-C). */
	diag_list_sort(diags);
	command_diagnostics_as_named(diags, &named);
	if (format == FORMAT_JSON)
		print_json(m, x, s, strict, &named);
	else if (format == FORMAT_GITHUB)
		print_github(m, s, &named);
	else
		print_text(m, s, diags);
	diag_list_free(&named);
	if (strict)
		print_strict(format, x, s);
}

static int run_check(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	static const char *const formats[] = { "text", "json", "github" };
	enum format format = FORMAT_TEXT;
	bool strict = false, quiet = false;
	long max_warnings = -1;
	char *end;
	const char *templates = NULL;
	struct model m;
	struct xref x = { 0 };
	struct xref_tally s;
	int opt, status;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (opt == OPT_STRICT) {
			strict = true;
		} else if (opt == OPT_FORMAT) {
			int k = command_choose(&command_check, "format", optarg,
					       formats, 3);

			if (k < 0)
				return EXIT_USAGE;
			format = (enum format)k;
		} else if (opt == OPT_TEMPLATES) {
			templates = optarg;
		} else if (opt == OPT_QUIET) {
			quiet = true;
		} else if (opt == OPT_COLOR) {
			static const char *const whens[] = { "auto", "always", "never" };
			int k = command_choose(&command_check, "color", optarg, whens, 3);

			if (k < 0)
				return EXIT_USAGE;
			command_color = (enum command_color)k;
		} else if (opt == OPT_MAX_WARNINGS) {
			errno = 0;
			max_warnings = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || max_warnings < 0)
				return command_usage_error(&command_check,
					"--max-warnings is a whole number from 0, "
					"not '%s'", optarg);
		} else if (!centre_option(&args, opt, optarg)) {
			return command_bad_option(&command_check, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return command_usage_error(&command_check,
			"unexpected argument '%s'", argv[optind]);
	args.paths.summaries_html = templates != NULL;   /* pages need them */
	args.keep_diagnostics = true;
	status = centre_load(&command_check, &args, &m, &diags);
	if (status == EXIT_USAGE && diags.count) {
		/* The centre could not be read: CI still gets its document. */
		s = (struct xref_tally){ 0 };
		if (quiet)
			diag_list_drop_warnings(&diags);
		if (format == FORMAT_TEXT)
			command_print_diagnostics(&diags);
		else
			print_report(format, &m, &x, &s, false, &diags);
	}
	if (status == EXIT_OK && templates && !fs_is_dir(templates))
		status = command_usage_error(&command_check,
			"--templates: no folder '%s'", templates);
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		s = summarise(&x);
		if (templates)
			check_templates(&m, &x, templates, strict, &diags);
		if (quiet)
			diag_list_drop_warnings(&diags);
		print_report(format, &m, &x, &s, strict, &diags);
		status = diags.errors || (strict && s.with_gaps) ? EXIT_ERRORS
								 : EXIT_OK;
		if (max_warnings >= 0 && diags.warnings > (size_t)max_warnings) {
			fprintf(stderr, "folio check: --max-warnings %ld: %zu "
				"warnings\n", max_warnings, diags.warnings);
			status = EXIT_ERRORS;
		}
	}
	xref_free(&x);
	model_free(&m);
	diag_list_free(&diags);
	return status;
}

const struct command command_check = {
	"check", run_check, "load a centre and report every problem",
	"usage: folio check " CENTRE_USAGE " [--strict] [--format text|json|github]\n"
	"                   [--max-warnings N] [--quiet] [--color auto|always|never]\n"
	"                   [--templates DIR]\n"
	"\n"
	"Loads the centre (folio.yml, units, qualifications, learners, evidence,\n"
	"assessors, IQA samples, sign-offs), cross-references the evidence, and\n"
	"prints every problem as FILE:LINE:COL: error|warning: message, then a\n"
	"one-line summary of learners and portfolios.\n",
	options, 0,
	"Exit status: 0 no errors (warnings allowed), 1 errors (or gaps, or\n"
	"template warnings, with --strict), 2 usage or I/O error.\n",
};
