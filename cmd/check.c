/*
 * check.c - `folio check`: load a centre and report what is wrong with it.
 */
#include "centre.h"
#include "base/fsutil.h"
#include "judge/xref.h"
#include "present/check_report.h"
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
	  "text (the default); or on standard output json:\n"
	  "{\"diagnostics\": [...], \"summary\": {...}}; github: a\n"
	  "GitHub Actions workflow command per diagnostic, then\n"
	  "the summary line; sarif: SARIF 2.1.0 for code\n"
	  "scanning; junit: JUnit XML, a test case per input\n"
	  "file and per portfolio, for GitLab's and Jenkins'\n"
	  "test views" },
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

/* The summary line, after the diagnostics (check_report_summary). */
static void print_summary(const struct model *m, const struct xref *x,
			  const struct xref_tally *s,
			  const struct diag_list *diags, FILE *out)
{
	struct buf line = BUF_INIT;

	check_report_summary(m, x, s, diags, &line);
	fputs(buf_cstr(&line), out);
	buf_free(&line);
}

static void print_text(const struct model *m, const struct xref *x,
		       const struct xref_tally *s, struct diag_list *diags)
{
	command_print_diagnostics(diags);
	print_summary(m, x, s, diags, stdout);
}

/* --format github: the annotations, then the summary line as text. */
static void print_github(const struct model *m, const struct xref *x,
			 const struct xref_tally *s, struct diag_list *diags)
{
	struct buf out = BUF_INIT;

	diag_list_sort(diags);
	for (size_t i = 0; i < diags->count; i++)
		diag_format_github(&diags->items[i], &out);
	fputs(buf_cstr(&out), stdout);
	buf_free(&out);
	print_summary(m, x, s, diags, stdout);
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

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_GITHUB, FORMAT_SARIF,
	      FORMAT_JUNIT };

/*
 * --strict, in text and GitHub: each portfolio with gaps, learner, unit
 * and its gaps' codes, as lines on stderr after the text or annotations
 * after the commands (the documents have them: check_report.h).
 */
static void print_strict(enum format format, const struct xref *x,
			 const struct xref_tally *s)
{
	struct buf line = BUF_INIT;

	if (format == FORMAT_TEXT)
		fprintf(stderr, "folio check: --strict: %zu of %zu portfolios "
			"have gaps:\n", s->with_gaps, s->portfolios);
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];

		if (!p->ngaps)
			continue;
		buf_truncate(&line, 0);
		check_report_gaps_line(p, &line);
		if (format == FORMAT_TEXT)
			fprintf(stderr, "  %s\n", buf_cstr(&line));
		else
			printf("::error title=folio --strict::%s\n", buf_cstr(&line));
	}
	buf_free(&line);
}

/* --format json, sarif or junit: the document on standard output;
 * whether all of it was written. */
static bool print_document(enum format format, const struct check_report *r)
{
	struct arena a = ARENA_INIT;
	struct buf xml = BUF_INIT;
	struct value json;
	bool ok;

	if (format == FORMAT_JUNIT) {
		check_report_junit(r, &xml);
		ok = fwrite(xml.data, 1, xml.len, stdout) == xml.len;
		buf_free(&xml);
	} else {
		json = format == FORMAT_JSON ? check_report_json(&a, r)
					     : check_report_sarif(&a, r);
		ok = command_print_json(&json) == 0;
		arena_free(&a);
	}
	return ok && fflush(stdout) == 0;
}

/*
 * The report in its format.  Returns whether a document was written
 * whole: CI must not take a truncated log (a full disk) for a clean one.
 */
static bool print_report(enum format format, const struct model *m,
			 const struct xref *x, const struct xref_tally *s,
			 bool read, bool strict, struct diag_list *diags)
{
	struct diag_list named = DIAG_LIST_INIT;
	bool ok = true;
	struct check_report r = {
		.model = m, .xref = x, .tally = s, .diags = &named,
		.dir = command_centre_dir, .read = read, .strict = strict,
	};

	diag_list_sort(diags);
	if (format == FORMAT_SARIF)   /* it counts columns in characters */
		diag_list_columns_as_characters(diags);
	/* The files as named from where folio started (-C). */
	command_diagnostics_as_named(diags, &named);
	if (format == FORMAT_TEXT)
		print_text(m, x, s, diags);
	else if (format == FORMAT_GITHUB)
		print_github(m, x, s, &named);
	else
		ok = print_document(format, &r);
	diag_list_free(&named);
	if (strict && s->with_gaps &&
	    (format == FORMAT_TEXT || format == FORMAT_GITHUB))
		print_strict(format, x, s);
	if (!ok)
		perror("folio check: writing standard output");
	return ok;
}

static int run_check(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	static const char *const formats[] = {
		"text", "json", "github", "sarif", "junit",
	};
	enum format format = FORMAT_TEXT;
	bool strict = false, quiet = false, written;
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
					       formats, 5);

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
			print_report(format, &m, &x, &s, false, false, &diags);
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
		written = print_report(format, &m, &x, &s, true, strict, &diags);
		status = !written ? EXIT_USAGE :
			 diags.errors || (strict && s.with_gaps) ? EXIT_ERRORS :
			 EXIT_OK;
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
	"usage: folio check " CENTRE_USAGE " [--strict]\n"
	"                   [--format text|json|github|sarif|junit]\n"
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
