/*
 * digest.c - `folio digest`: what a sign-off of a portfolio covers, as the
 * digest signoffs.csv records.
 */
#include "centre.h"
#include "base/buf.h"
#include "judge/digest.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_TEXT = CENTRE_OPT_FIRST_FREE };

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	{ 0, "text", NULL, OPT_TEXT,
	  "print the text the digest is of, not the digest" },
	CMD_OPTIONS_END,
};

/* The portfolio of learner id and unit id in x, or NULL after saying why. */
static const struct portfolio *find(const struct model *m,
				    const struct xref *x, const char *learner,
				    const char *unit)
{
	const struct learner *l = model_find_learner(m, learner);
	const struct unit *u = model_find_unit(m, unit);

	if (!l || !u) {
		command_usage_error(&command_digest, "unknown %s `%s`",
				    l ? "unit" : "learner", l ? unit : learner);
		return NULL;
	}
	for (size_t i = x->first[l->index];
	     i < x->first[l->index] + x->count[l->index]; i++)
		if (x->portfolios[i].unit == u)
			return &x->portfolios[i];
	command_usage_error(&command_digest, "learner %s has no portfolio for "
			    "unit %s: they are not registered on it and have no "
			    "evidence for it", learner, unit);
	return NULL;
}

static int run_digest(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	struct model m;
	struct xref x = { 0 };
	const struct portfolio *p;
	bool text = false;
	int opt, status;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (opt == OPT_TEXT)
			text = true;
		else if (!centre_option(&args, opt, optarg))
			return command_usage_error(&command_digest,
				"unknown option or missing value: %s",
				argv[optind - 1]);
	}
	if (argc - optind != 2)
		return command_usage_error(&command_digest,
			"give a learner and a unit, as in: folio digest amy ocr-c3");
	status = centre_load(&command_digest, &args, &m, &diags);
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		command_print_diagnostics(&diags);
		p = find(&m, &x, argv[optind], argv[optind + 1]);
		if (!p) {
			status = EXIT_USAGE;
		} else if (text) {
			struct buf out = BUF_INIT;

			digest_text(p, &out);
			fwrite(out.data, 1, out.len, stdout);
			buf_free(&out);
		} else {
			char digest[SIGNOFF_DIGEST_SIZE];

			digest_portfolio(p, digest);
			printf("%s\n", digest);
		}
		if (status == EXIT_OK)
			status = fflush(stdout) != 0 ? EXIT_USAGE :
				 diags.errors ? EXIT_ERRORS : EXIT_OK;
	}
	xref_free(&x);
	model_free(&m);
	diag_list_free(&diags);
	return status;
}

const struct command command_digest = {
	"digest", run_digest, "print the digest a sign-off of a portfolio records",
	"usage: folio digest " CENTRE_USAGE " [--text] LEARNER UNIT\n"
	"\n"
	"Prints sha256:<64 hex digits>, the digest of what signing the\n"
	"learner's portfolio for the unit covers: the unit's criteria and\n"
	"requirements and the learner's counting evidence rows for it.  Write it\n"
	"in signoffs.csv beside the declaration; any later change to what it\n"
	"covers makes the declaration an error.  docs/centre.md defines the\n"
	"text it is the digest of, so that anyone can recompute it.\n",
	options, 0,
	"Exit status: 0 printed; 1 printed, but the inputs have errors; 2 usage\n"
	"error, an unknown learner or unit, no such portfolio, or a file could\n"
	"not be read.\n",
};
