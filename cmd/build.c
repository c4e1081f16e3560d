/*
 * build.c - `folio build`: the centre's report site, in HTML and Markdown.
 */
#include "centre.h"
#include "base/fsutil.h"
#include "judge/xref.h"
#include "write/site.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
	OPT_OUT = CENTRE_OPT_FIRST_FREE, OPT_FORMAT, OPT_TEMPLATES,
	OPT_BASE_URL, OPT_JOBS, OPT_SHARD, OPT_STRICT,
};

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	{ 'o', "out", "DIR", OPT_OUT,
	  "the site (default: _site); refused if it is empty, /,\n"
	  "your home, the centre folder, holds the inputs, is a\n"
	  "mount point or a folder folio did not make" },
	{ 0, "format", "LIST", OPT_FORMAT, "html (default), md, or html,md" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "override the built-in templates file by file\n"
	  "(default: the centre's templates/ folder, if any);\n"
	  "a name in no context of a page, or a missing\n"
	  "partial, is a warning at TEMPLATE:LINE:COL" },
	{ 0, "strict", NULL, OPT_STRICT,
	  "make those warnings errors: nothing is published" },
	{ 0, "base-url", "URL", OPT_BASE_URL,
	  "make links absolute under URL (default: relative, so\n"
	  "the site works from file://)" },
	CENTRE_OPTION_JOBS(OPT_JOBS),
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
	fprintf(stderr, "\rfolio build: %zu of %zu pages", done, total);
	fflush(stderr);
}

static int parse(int argc, char **argv, struct centre_args *args,
		 struct site_options *o)
{
	int opt;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (opt == OPT_OUT) {
			o->out = optarg;
		} else if (opt == OPT_FORMAT) {
			if (!parse_formats(optarg, o))
				return command_usage_error(&command_build,
					"--format is html, md or html,md, not '%s'", optarg);
		} else if (opt == OPT_TEMPLATES) {
			o->templates = optarg;
		} else if (opt == OPT_BASE_URL) {
			o->base_url = optarg;
		} else if (opt == OPT_JOBS) {
			if (centre_jobs_option(&command_build, optarg, &o->jobs) != EXIT_OK)
				return EXIT_USAGE;
		} else if (opt == OPT_STRICT) {
			o->strict_templates = true;
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

static int run_build(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct site_options o = { .out = "_site", .html = true };
	struct diag_list diags = DIAG_LIST_INIT, site_diags = DIAG_LIST_INIT;
	struct progress progress = { { 0, 0 }, false };
	struct site_result r;
	struct model m;
	struct xref x = { 0 };
	enum site_status built;
	int status = parse(argc, argv, &args, &o);

	if (status != EXIT_OK)
		return status;
	if (!o.jobs)
		o.jobs = centre_default_jobs();
	args.paths.summaries_html = true;
	status = centre_load(&command_build, &args, &m, &diags);
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		command_print_diagnostics(&diags);
		if (!o.templates && fs_is_dir("templates"))
			o.templates = "templates";
		/* An override may misname what the built-in theme never does. */
		o.check_templates = o.templates != NULL;
		if (isatty(STDERR_FILENO)) {
			clock_gettime(CLOCK_MONOTONIC, &progress.start);
			o.progress = show_progress;
			o.progress_ctx = &progress;
		}
		built = site_build(&m, &x, &diags, &o, &r, &site_diags);
		if (progress.shown)
			fputc('\n', stderr);
		command_print_diagnostics(&site_diags);
		if (built == SITE_OK && r.up_to_date)
			printf("%s: up to date, nothing written\n", o.out);
		else if (built == SITE_OK)
			printf("%s: %zu pages, %zu file%s written, %zu unchanged, %.1f MB\n",
			       o.out, r.pages, r.written, r.written == 1 ? "" : "s",
			       r.unchanged, (double)r.bytes / 1e6);
		status = built == SITE_IO_ERROR ? EXIT_USAGE :
			 built == SITE_TEMPLATE_ERROR || diags.errors ? EXIT_ERRORS :
			 EXIT_OK;
	}
	xref_free(&x);
	model_free(&m);
	diag_list_free(&diags);
	diag_list_free(&site_diags);
	return status;
}

const struct command command_build = {
	"build", run_build, "build the report site (HTML and Markdown)",
	"usage: folio build " CENTRE_USAGE "\n"
	"                   [--out DIR] [--format html,md] [--templates DIR]\n"
	"                   [--base-url URL] [--jobs N] [--shard K/N] [--strict]\n"
	"\n"
	"Builds the centre's static site: the dashboard (index), a page per\n"
	"learner and per portfolio (learners/ID/index, learners/ID/UNIT), each\n"
	"unit (units/UNIT) and its blank record sheet (sheets/UNIT).  The site is\n"
	"written beside --out and swapped in only when complete; files whose\n"
	"bytes did not change keep their modification time.\n",
	options, 0,
	"Exit status: 0 built; 1 built, but the inputs have errors, or a template\n"
	"has an error (then nothing is published); 2 usage error, refused --out,\n"
	"or a file could not be read or written.\n",
};
