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
#include "read/unit.h"
#include "judge/standard_compare.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_ID = 0x100, OPT_PREVIOUS };

static const struct cmd_option options[] = {
	{ 0, "id", "ID", OPT_ID,
	  "the unit's id (default: the standard's reference\n"
	  "number in lower case, such as st0072)" },
	{ 0, "previous", "FILE", OPT_PREVIOUS,
	  "the unit made from an earlier version: say, as\n"
	  "warnings, which KSBs and duties changed since" },
	CMD_OPTIONS_END,
};

struct import_args {
	const char *id;
	const char *previous;
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

/*
 * The earlier unit at path against s: warnings (or an error) into diags.
 * EXIT_USAGE after saying why when it cannot be read.
 */
static int compare_previous(const char *path, const struct standard *s,
			    const char *file, struct arena *arena,
			    struct diag_list *diags)
{
	char *text = NULL;
	size_t len = 0;
	int err = fs_read_file(path, &text, &len);
	const struct unit *u;

	if (err) {
		fprintf(stderr, "folio import: cannot read %s: %s\n", path,
			fs_strerror(err));
		return EXIT_USAGE;
	}
	u = unit_parse(arena, path, text, len, diags);
	free(text);
	if (u)
		standard_compare(u, s, file, diags);
	return u && diags->errors == 0 ? EXIT_OK : EXIT_ERRORS;
}

static int import_standard(const char *path, const struct import_args *args)
{
	const char *id_option = args->id;
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
	if (status == EXIT_OK && args->previous)
		status = compare_previous(args->previous, &s, path, &arena, &diags);
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
	int (*run)(const char *path, const struct import_args *args);
} kinds[] = {
	{ "standard", import_standard },
};

static int run_import(int argc, char **argv)
{
	struct import_args args = { NULL, NULL };
	int opt;

	/* Options anywhere: `folio import standard --id x f.json` too. */
	while ((opt = cmd_getopt(argc, argv, options, false)) != -1) {
		if (opt == OPT_ID)
			args.id = optarg;
		else if (opt == OPT_PREVIOUS)
			args.previous = optarg;
		else
			return command_bad_option(&command_import, argv[optind - 1]);
	}
	if (argc - optind != 2)
		return command_usage_error(&command_import, "give what to import "
			"and its file, as in: folio import standard st0072.json");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(argv[optind], kinds[i].kind) == 0)
			return kinds[i].run(argv[optind + 1], &args);
	return command_usage_error(&command_import, "cannot import `%s`: the "
		"kinds are: standard", argv[optind]);
}

const struct command command_import = {
	"import", run_import,
	"make a unit specification from an apprenticeship standard",
	"usage: folio import standard FILE.json [--id ID] [--previous FILE.md]\n"
	"\n"
	"Reads an apprenticeship standard in the JSON of the Skills England\n"
	"apprenticeship standards API and prints it as a unit specification in\n"
	"folio's Markdown: its knowledge, skills and behaviours as criteria\n"
	"K1.., S1.., B1.. in the standard's order, its duties as evidence\n"
	"requirements D1.. naming the KSBs each maps to, each one's GUID kept in\n"
	"the front matter.  Save it in units/ (docs/standards.md).  With\n"
	"--previous, the unit made from an earlier version, it also says which\n"
	"KSBs and duties were renumbered, changed, removed or added, so that\n"
	"the evidence can be remapped before the unit is replaced.\n",
	options, 0,
	"Exit status: 0 printed (changes since --previous are warnings); 1 the\n"
	"file is not a usable standard, or the previous unit has errors or no\n"
	"GUIDs (nothing is printed); 2 usage error, or a file could not be\n"
	"read.\n",
};
