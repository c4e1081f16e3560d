/*
 * digest.c - `folio digest`: what a sign-off of a portfolio covers, as the
 * digest signoffs.csv records.
 */
#include "centre.h"
#include "base/buf.h"
#include "base/date.h"
#include "judge/digest.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_TEXT = CENTRE_OPT_FIRST_FREE, OPT_STATEMENT };

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	{ 0, "text", NULL, OPT_TEXT,
	  "print the text the digest is of, not the digest" },
	{ 0, "statement", NULL, OPT_STATEMENT,
	  "print the statement a declaration's signature signs:\n"
	  "LEARNER UNIT ROLE WHO DATE, with the digest now" },
	CMD_OPTIONS_END,
};

/* The portfolio of learner id and unit id in x, or NULL after saying why. */
static const struct portfolio *find(const struct model *m,
				    const struct xref *x, const char *learner,
				    const char *unit)
{
	const struct learner *l = model_find_learner(m, learner);
	const struct unit *u = model_find_unit(m, unit);
	const struct portfolio *p;

	if (!l || !u) {
		command_usage_error(&command_digest, "unknown %s `%s`",
				    l ? "unit" : "learner", l ? unit : learner);
		return NULL;
	}
	p = xref_find(x, l, u);
	if (p)
		return p;
	command_usage_error(&command_digest, "learner %s has no portfolio for "
			    "unit %s: they are not registered on it and have no "
			    "evidence for it", learner, unit);
	return NULL;
}

/* The statement ROLE WHO DATE (args) would sign on p, printed. */
static int print_statement(const struct portfolio *p, char **args)
{
	enum role role = role_parse(args[0]);
	struct buf out = BUF_INIT;
	char digest[SIGNOFF_DIGEST_SIZE];
	int32_t day;

	if (role == ROLE_COUNT)
		return command_usage_error(&command_digest, "unknown role `%s` "
			"(assessor, learner, iqa, countersign or employer)", args[0]);
	if (date_parse(args[2], &day) != 0) {
		struct buf why = BUF_INIT;
		int status;

		date_explain(args[2], &why);
		status = command_usage_error(&command_digest, "%s", buf_cstr(&why));
		buf_free(&why);
		return status;
	}
	digest_portfolio(p, digest);
	digest_statement(p->learner->id, p->unit->id, role, args[1], day, digest,
			 &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return EXIT_OK;
}

static int run_digest(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	struct model m;
	struct xref x = { 0 };
	const struct portfolio *p;
	bool text = false, statement = false;
	int opt, status;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if (opt == OPT_TEXT)
			text = true;
		else if (opt == OPT_STATEMENT)
			statement = true;
		else if (!centre_option(&args, opt, optarg))
			return command_bad_option(&command_digest, argv[optind - 1]);
	}
	if (statement && argc - optind != 5)
		return command_usage_error(&command_digest, "--statement takes a "
			"learner, a unit, a role, who and a date, as in: folio "
			"digest --statement amy ocr-c3 assessor KM 2026-06-01");
	if (!statement && argc - optind != 2)
		return command_usage_error(&command_digest,
			"give a learner and a unit, as in: folio digest amy ocr-c3");
	status = centre_load(&command_digest, &args, &m, &diags);
	if (status == EXIT_OK) {
		centre_judge(&x, &m, &diags);
		command_print_diagnostics(&diags);
		p = find(&m, &x, argv[optind], argv[optind + 1]);
		if (!p) {
			status = EXIT_USAGE;
		} else if (statement) {
			status = print_statement(p, argv + optind + 2);
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
	"       folio digest " CENTRE_USAGE " --statement LEARNER UNIT ROLE WHO DATE\n"
	"\n"
	"Prints sha256:<64 hex digits>, the digest of what signing the\n"
	"learner's portfolio for the unit covers: the unit's criteria and\n"
	"requirements and the learner's counting evidence rows for it.  Write it\n"
	"in signoffs.csv beside the declaration; any later change to what it\n"
	"covers makes the declaration an error.  docs/centre.md defines the\n"
	"text it is the digest of, so that anyone can recompute it.  With\n"
	"--statement, prints the statement a declaration's Ed25519 signature\n"
	"(signoffs.csv's signature) signs, to sign with the signer's key.\n",
	options, 0,
	"Exit status: 0 printed; 1 printed, but the inputs have errors; 2 usage\n"
	"error, an unknown learner or unit, no such portfolio, or a file could\n"
	"not be read.\n",
};
