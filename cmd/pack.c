/*
 * pack.c - `folio pack`: the external-verification pack, as files.
 */
#include "visit.h"
#include "base/fsutil.h"
#include "write/pack.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_OUT = VISIT_OPT_FIRST_FREE, OPT_TEMPLATES, OPT_JOBS };

static const struct cmd_option options[] = {
	VISIT_OPTIONS,
	{ 'o', "out", "DIR", OPT_OUT,
	  "the pack's folder (required); refused if it is /, your\n"
	  "home, the centre folder, holds the inputs, or is a\n"
	  "folder folio did not make" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "override the built-in templates file by file (html/pack\n"
	  "is the pack page; default: the centre's templates/)" },
	CENTRE_OPTION_JOBS(OPT_JOBS),
	CMD_OPTIONS_END,
};

static int parse(int argc, char **argv, struct visit *v, struct pack_options *o)
{
	int opt;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (opt == OPT_OUT) {
			o->out = optarg;
		} else if (opt == OPT_TEMPLATES) {
			o->templates = optarg;
		} else if (opt == OPT_JOBS) {
			if (centre_jobs_option(&command_pack, optarg, &o->jobs) != EXIT_OK)
				return EXIT_USAGE;
		} else if (!visit_option(v, opt, optarg)) {
			return command_bad_option(&command_pack, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return command_usage_error(&command_pack,
			"unexpected argument '%s'", argv[optind]);
	if (!o->out)
		return command_usage_error(&command_pack,
			"--out DIR is required: the folder to write the pack into");
	return EXIT_OK;
}

static int run_pack(int argc, char **argv)
{
	struct visit v = { 0 };
	struct pack_options o = { 0 };
	struct diag_list pack_diags = DIAG_LIST_INIT, scoped = DIAG_LIST_INIT;
	struct site_result r;
	enum site_status built;
	int status = parse(argc, argv, &v, &o);

	if (status == EXIT_OK)
		status = visit_load(&command_pack, &v, true);
	if (status != EXIT_OK)
		goto done;
	command_print_diagnostics(&v.diags);
	visit_note_risks(&command_pack, &v);
	if (v.read_errors) {
		/* A pack is a formal record: it must not leave evidence out.
		 * A declaration that does not hold leaves nothing out: the
		 * pack shows it, and the exit status says so. */
		fprintf(stderr, "folio pack: nothing written: the inputs have %zu "
			"error%s (rows with errors would be missing from the pack)\n",
			v.read_errors, v.read_errors == 1 ? "" : "s");
		status = EXIT_ERRORS;
		goto done;
	}
	if (!o.templates && fs_is_dir("templates"))
		o.templates = "templates";
	if (!o.jobs)
		o.jobs = centre_default_jobs();
	o.scope = &v.scope;
	scope_diagnostics(&v.whole, &v.model, &v.diags, &scoped);
	o.diags = &scoped;
	built = pack_build(&v.model, &v.xref, &v.plan, &o, &r, &pack_diags);
	command_print_diagnostics(&pack_diags);
	if (built == SITE_OK)
		printf("%s: %zu portfolio%s sampled, %zu pages, %zu files, "
		       "%.1f MB\n", o.out, v.plan.nentries,
		       v.plan.nentries == 1 ? "" : "s", r.pages,
		       r.written + r.unchanged, (double)r.bytes / 1e6);
	status = built == SITE_IO_ERROR ? EXIT_USAGE :
		 built == SITE_TEMPLATE_ERROR || v.diags.errors ? EXIT_ERRORS :
		 EXIT_OK;
done:
	diag_list_free(&pack_diags);
	diag_list_free(&scoped);
	visit_free(&v);
	return status;
}

const struct command command_pack = {
	"pack", run_pack, "write the external-verification pack",
	"usage: folio pack " VISIT_USAGE "\n"
	"       --out DIR [--templates DIR] [--jobs N]\n"
	"\n"
	"Writes what an external quality assurer asks for, as a folder that\n"
	"opens offline: index.html (printable as one document: cover, learner\n"
	"tracking, assessors and IQAs with their risk, the sampling plan with\n"
	"its reasons, the sampling record with the actions outstanding, and the\n"
	"contents); the sampled learners' evidence logs and portfolios; the\n"
	"units and record sheets; data.json (the model in scope and the plan);\n"
	"and SHA256SUMS, so that `sha256sum -c SHA256SUMS` in the folder shows\n"
	"nothing changed after the pack was made.  The same inputs make the\n"
	"same bytes.  Nothing outside the scope goes in.\n",
	options, 0,
	"Exit status: 0 written; 1 the inputs have errors (rows with errors:\n"
	"then nothing is written, for a pack must not leave evidence out;\n"
	"declarations that do not hold: written, showing them) or a template\n"
	"has an error; 2 usage error, an unknown learner or unit, refused --out,\n"
	"or a file could not be read or written.\n",
};
