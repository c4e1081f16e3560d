/*
 * import.c - `folio import KIND FILE`: a specification published elsewhere
 * made into folio's own files.  The kinds are a table: `standard` (an
 * apprenticeship standard from the standards API's JSON) is the first;
 * another (an Ofqual unit, a CASE framework) joins it with its reader in
 * src/read/ and its writer in src/present/.
 */
#include "cmd.h"
#include "options.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/fsutil.h"
#include "base/ident.h"
#include "present/standard_md.h"
#include "read/standard.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_ID = 0x100 };

static const struct cmd_option options[] = {
	{ 0, "id", "ID", OPT_ID,
	  "the unit's id (default: the standard's reference\n"
	  "number in lower case, such as st0072)" },
	CMD_OPTIONS_END,
};

/* The unit id: --id, else the default; EXIT_USAGE after saying why not. */
static int choose_id(const struct standard *s, const char *option,
		     struct buf *id)
{
	char scratch[64];
	const char *problem;

	if (option)
		buf_puts(id, option);
	else
		standard_md_default_id(s, id);
	problem = ident_problem(buf_cstr(id), scratch, sizeof(scratch));
	if (problem)
		return command_usage_error(&command_import, "the unit id `%s` %s; "
			"give another with --id", buf_cstr(id), problem);
	return EXIT_OK;
}

static int import_standard(const char *path, const char *id_option)
{
	struct arena arena = ARENA_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct buf out = BUF_INIT, id = BUF_INIT;
	struct standard s;
	char *text = NULL;
	size_t len = 0;
	int err = fs_read_file(path, &text, &len), status;

	if (err) {
		fprintf(stderr, "folio import: cannot read %s: %s\n", path,
			fs_strerror(err));
		return EXIT_USAGE;
	}
	if (!standard_parse(&s, &arena, path, text, len, &diags)) {
		status = EXIT_ERRORS;
	} else if (!s.nksbs[STANDARD_K] && !s.nksbs[STANDARD_S] &&
		   !s.nksbs[STANDARD_B]) {
		diag_error(&diags, path, 0, 0, "the standard lists no knowledge, "
			   "skills or behaviours: there is nothing to assess");
		status = EXIT_ERRORS;
	} else {
		status = choose_id(&s, id_option, &id);
	}
	command_print_diagnostics(&diags);
	if (status == EXIT_OK) {
		standard_md(&s, buf_cstr(&id), path, &out);
		if (fwrite(out.data, 1, out.len, stdout) != out.len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, "folio import: cannot write the unit\n");
			status = EXIT_USAGE;
		}
	}
	free(text);
	buf_free(&out);
	buf_free(&id);
	diag_list_free(&diags);
	arena_free(&arena);
	return status;
}

static const struct {
	const char *kind;
	int (*run)(const char *path, const char *id);
} kinds[] = {
	{ "standard", import_standard },
};

static int run_import(int argc, char **argv)
{
	const char *id = NULL;
	int opt;

	/* Options anywhere: `folio import standard --id x f.json` too. */
	while ((opt = cmd_getopt(argc, argv, options, false)) != -1) {
		if (opt == OPT_ID)
			id = optarg;
		else
			return command_usage_error(&command_import,
				"unknown option or missing value: %s",
				argv[optind - 1]);
	}
	if (argc - optind != 2)
		return command_usage_error(&command_import, "give what to import "
			"and its file, as in: folio import standard st0072.json");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(argv[optind], kinds[i].kind) == 0)
			return kinds[i].run(argv[optind + 1], id);
	return command_usage_error(&command_import, "cannot import `%s`: the "
		"kinds are: standard", argv[optind]);
}

const struct command command_import = {
	"import", run_import,
	"make a unit specification from an apprenticeship standard",
	"usage: folio import standard FILE.json [--id ID]\n"
	"\n"
	"Reads an apprenticeship standard in the JSON of the Skills England\n"
	"apprenticeship standards API and prints it as a unit specification in\n"
	"folio's Markdown: its knowledge, skills and behaviours as criteria\n"
	"K1.., S1.., B1.. in the standard's order, its duties as evidence\n"
	"requirements D1.. naming the KSBs each maps to, each one's GUID kept in\n"
	"the front matter.  Save it in units/ (docs/standards.md).\n",
	options, 0,
	"Exit status: 0 printed; 1 the file is not a usable standard (nothing\n"
	"is printed); 2 usage error, or the file could not be read.\n",
};
