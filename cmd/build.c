/*
 * build.c - `folio build`: the centre's report site, in HTML and Markdown;
 * and the one build that `folio serve` runs too (build.h).
 */
#include "build.h"
#include "base/fsutil.h"
#include "judge/xref.h"
#include "write/site.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { OPT_BASE_URL = BUILD_OPT_FIRST_FREE, OPT_SHARD, OPT_STRICT, OPT_FULL };

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	BUILD_OPTION_OUT,
	BUILD_OPTION_FORMAT,
	BUILD_OPTION_TEMPLATES,
	{ 0, "strict", NULL, OPT_STRICT,
	  "make those warnings errors: nothing is published" },
	{ 0, "base-url", "URL", OPT_BASE_URL,
	  "make links absolute under URL (default: relative, so\n"
	  "the site works from file://)" },
	{ 0, "full", NULL, OPT_FULL,
	  "render every page, even where nothing it is made\n"
	  "from has changed since the last build" },
	BUILD_OPTION_JOBS,
	{ 0, "shard", "K/N", OPT_SHARD,
	  "build only the Kth of N (at most 10000) groups of\n"
	  "learners (by a stable hash of the id); shard 1 also\n"
	  "builds the shared pages.\n"
	  "Copied together, N shards make the whole site." },
	CMD_OPTIONS_END,
};

/* "html", "md", "html,md": false when it names anything else. */
static bool parse_formats(const char *text, struct site_options *o)
{
	char *copy = strdup(text), *save = NULL;
	bool ok = true;

	o->html = o->md = false;
	for (char *f = strtok_r(copy, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
		if (strcmp(f, "html") == 0)
			o->html = true;
		else if (strcmp(f, "md") == 0)
			o->md = true;
		else
			ok = false;
	}
	free(copy);
	return ok && (o->html || o->md);
}

/* A number of 1 to 5 digits at *s, moving past it; 0 when there is none. */
static unsigned shard_number(const char **s)
{
	unsigned n = 0;
	int digits = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++)
		if (++digits <= 5)
			n = n * 10 + (unsigned)(**s - '0');
	return digits <= 5 ? n : 0;
}

/*
 * "K/N" in plain digits.  Not sscanf's %u, which takes a sign and spaces
 * and wraps a number too big for it: 1/4294967297 was read as 1/1.
 */
static bool parse_shard(const char *text, struct site_options *o)
{
	const char *s = text;
	unsigned k = shard_number(&s), n;

	if (*s++ != '/')
		return false;
	n = shard_number(&s);
	if (*s || k < 1 || n > 10000 || k > n)
		return false;
	o->shard = k;
	o->shards = n;
	return true;
}

struct progress {
	struct timespec start;
	bool shown;
	const char *command;        /* "build", or "serve" building */
};

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* On a terminal, once the build has taken a second; never on a pipe. */
static void show_progress(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;

	if (!p->shown && seconds_since(&p->start) < 1.0)
		return;
	p->shown = true;
	fprintf(stderr, "\rfolio %s: %zu of %zu pages", p->command, done, total);
	fflush(stderr);
}

int build_option(const struct command *cmd, int opt, const char *value,
		 struct site_options *o)
{
	switch (opt) {
	case BUILD_OPT_OUT:
		o->out = value;
		return 1;
	case BUILD_OPT_FORMAT:
		if (parse_formats(value, o))
			return 1;
		command_usage_error(cmd, "--format is html, md or html,md, not "
				    "'%s'", value);
		return -1;
	case BUILD_OPT_TEMPLATES:
		o->templates = value;
		return 1;
	case BUILD_OPT_JOBS:
		return centre_jobs_option(cmd, value, &o->jobs) == EXIT_OK ? 1 : -1;
	default:
		return 0;
	}
}

static int parse(int argc, char **argv, struct centre_args *args,
		 struct site_options *o)
{
	int opt, taken;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if ((taken = build_option(&command_build, opt, optarg, o)) != 0) {
			if (taken < 0)
				return EXIT_USAGE;
		} else if (opt == OPT_BASE_URL) {
			o->base_url = optarg;
		} else if (opt == OPT_STRICT) {
			o->strict_templates = true;
		} else if (opt == OPT_FULL) {
			o->full = true;
		} else if (opt == OPT_SHARD) {
			if (!parse_shard(optarg, o))
				return command_usage_error(&command_build,
					"--shard is K/N with 1 <= K <= N <= 10000, such as "
					"2/4, not '%s'", optarg);
		} else if (!centre_option(args, opt, optarg)) {
			return command_bad_option(&command_build, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return command_usage_error(&command_build,
			"unexpected argument '%s'", argv[optind]);
	return EXIT_OK;
}

/* The summary line of a build that published (or found nothing to do). */
static void print_summary(FILE *out, const char *folder,
			  const struct site_result *r)
{
	if (r->up_to_date)
		fprintf(out, "%s: up to date, nothing written\n", folder);
	else if (r->kept)
		fprintf(out, "%s: %zu pages, %zu file%s written, %zu unchanged "
			"(%zu of them not rendered again), %.1f MB\n", folder,
			r->pages, r->written, r->written == 1 ? "" : "s",
			r->unchanged, r->kept, (double)r->bytes / 1e6);
	else
		fprintf(out, "%s: %zu pages, %zu file%s written, %zu unchanged, "
			"%.1f MB\n", folder, r->pages, r->written,
			r->written == 1 ? "" : "s", r->unchanged,
			(double)r->bytes / 1e6);
	fflush(out);
}

/*
 * Renders and publishes the loaded centre: the site's part of build_run.
 * diags are the model's, sorted, and printed already unless r->quiet
 * (then here, unless there was nothing to do).
 */
static int build_loaded(struct build_run *r, const struct model *m,
			const struct xref *x, struct diag_list *diags)
{
	struct site_options o = *r->options;
	struct diag_list site_diags = DIAG_LIST_INIT;
	struct progress progress = { { 0, 0 }, false, r->cmd->name };
	bool idle;

	if (!o.jobs)
		o.jobs = centre_default_jobs();
	if (!o.templates && fs_is_dir("templates"))
		o.templates = "templates";
	/* An override may misname what the built-in theme never does. */
	o.check_templates = o.templates != NULL;
	if (r->loaded && !r->loaded(r->ctx, m, o.templates, diags)) {
		r->held = true;
		if (r->quiet)
			command_print_diagnostics(diags);
		return EXIT_ERRORS;
	}
	if (isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &progress.start);
		o.progress = show_progress;
		o.progress_ctx = &progress;
	}
	r->built = site_build(m, x, diags, &o, &r->result, &site_diags);
	if (progress.shown)
		fputc('\n', stderr);
	idle = r->built == SITE_OK && r->result.up_to_date;
	if (r->quiet && !idle)
		command_print_diagnostics(diags);
	command_print_diagnostics(&site_diags);
	diag_list_append(&r->diags, &site_diags);
	diag_list_free(&site_diags);
	if (r->built == SITE_OK && !(r->quiet && idle))
		print_summary(r->report, o.out, &r->result);
	return r->built == SITE_IO_ERROR ? EXIT_USAGE :
	       r->built == SITE_TEMPLATE_ERROR || diags->errors ? EXIT_ERRORS :
	       EXIT_OK;
}

int build_run(struct build_run *r)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct model m;
	struct xref x = { 0 };
	int status;

	r->diags = (struct diag_list)DIAG_LIST_INIT;
	r->held = false;
	r->built = SITE_OK;
	memset(&r->result, 0, sizeof(r->result));
	r->args->paths.summaries_html = true;
	status = centre_load(r->cmd, r->args, &m, &diags);
	r->centre_read = status == EXIT_OK;
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		/* In the order they are printed in, on the dashboard too. */
		diag_list_sort(&diags);
		if (!r->quiet)
			command_print_diagnostics(&diags);
	}
	diag_list_append(&r->diags, &diags);      /* the site's come after */
	if (status == EXIT_OK)
		status = build_loaded(r, &m, &x, &diags);
	xref_free(&x);
	model_free(&m);
	diag_list_free(&diags);
	return status;
}

void build_run_free(struct build_run *r)
{
	diag_list_free(&r->diags);
}

static int run_build(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct site_options o = { .out = "_site", .html = true };
	struct build_run r = {
		.cmd = &command_build, .args = &args, .options = &o,
		.report = stdout,
	};
	int status = parse(argc, argv, &args, &o);

	if (status != EXIT_OK)
		return status;
	status = build_run(&r);
	build_run_free(&r);
	return status;
}

const struct command command_build = {
	"build", run_build, "build the report site (HTML and Markdown)",
	"usage: folio build " CENTRE_USAGE "\n"
	"                   [--out DIR] [--format html,md] [--templates DIR]\n"
	"                   [--base-url URL] [--jobs N] [--shard K/N] [--strict]\n"
	"\n"
	"Builds the centre's static site: the dashboard (index), a page per\n"
	"learner and per portfolio (learners/ID/index, learners/ID/UNIT), the\n"
	"list of units (units), each unit (units/UNIT) and its blank record\n"
	"sheet (sheets/UNIT).  The site is written beside --out and swapped in\n"
	"only when complete; files whose bytes did not change keep their\n"
	"modification time.\n",
	options, 0,
	"Exit status: 0 built; 1 built, but the inputs have errors, or a template\n"
	"has an error (then nothing is published); 2 usage error, refused --out,\n"
	"or a file could not be read or written.\n",
};
