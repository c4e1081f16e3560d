/*
 * render.c - `folio render`: one Mustache template rendered with JSON data
 * on standard output; partials come from a folder.
 */
#include "cmd.h"
#include "options.h"
#include "base/arena.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "base/value.h"
#include "render/mustache.h"
#include "render/theme.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct render_args {
	const char *template;
	const char *data;       /* NULL: the data is {}; "-": standard input */
	const char *partials;   /* NULL: the template's own folder */
	const char *theme;      /* "html", "md": partials from the theme chain */
	const char *templates;  /* with theme: the folder over the built-in */
};

enum { OPT_THEME = 256, OPT_TEMPLATES };

static const struct cmd_option options[] = {
	{ 'd', "data", "FILE", 'd',
	  "the data, any JSON value; - reads standard input\n"
	  "(default: the empty object {}); with --theme, the\n"
	  "output of folio context renders as the page would" },
	{ 'p', "partials", "DIR", 'p',
	  "where partials are (default: TEMPLATE's folder)" },
	{ 0, "theme", "FORMAT", OPT_THEME,
	  "html or md: partials and {{<layout}} from the build's\n"
	  "theme chain (--templates DIR, then the built-in\n"
	  "theme), escaped as that format's pages are" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "with --theme, the folder over the built-in theme" },
	CMD_OPTIONS_END,
};

static int parse_args(int argc, char **argv, struct render_args *args)
{
	int opt;

	while ((opt = cmd_getopt(argc, argv, options, false)) != -1) {
		if (opt == 'd')
			args->data = optarg;
		else if (opt == 'p')
			args->partials = optarg;
		else if (opt == OPT_THEME) {
			static const char *const formats[] = { "html", "md" };
			int k = command_choose(&command_render, "theme", optarg,
					       formats, 2);

			if (k < 0)
				return EXIT_USAGE;
			args->theme = formats[k];
		} else if (opt == OPT_TEMPLATES)
			args->templates = optarg;
		else
			return command_bad_option(&command_render, argv[optind - 1]);
	}
	if (optind >= argc)
		return command_usage_error(&command_render,
					   "no TEMPLATE given");
	args->template = argv[optind++];
	if (optind < argc)
		return command_usage_error(&command_render,
			"unexpected argument '%s'", argv[optind]);
	if (args->theme && args->partials)
		return command_usage_error(&command_render,
			"--partials and --theme both say where partials are: "
			"give one");
	if (args->templates && !args->theme)
		return command_usage_error(&command_render,
			"--templates needs --theme html or md");
	return EXIT_OK;
}

static int read_stdin(char **text, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t got;

	while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		buf_put(&b, chunk, got);
	if (ferror(stdin)) {
		buf_free(&b);
		return errno ? errno : EIO;
	}
	*len = b.len;
	*text = buf_detach(&b);
	return 0;
}

/* The whole of path ("-": standard input); prints why not and returns false. */
static bool read_input(const char *path, char **text, size_t *len)
{
	int err = strcmp(path, "-") == 0 ? read_stdin(text, len) :
		  fs_read_file(path, text, len);

	if (err)
		fprintf(stderr, "folio render: cannot read %s: %s\n",
			strcmp(path, "-") == 0 ? "standard input" : path,
			fs_strerror(err));
	return err == 0;
}

/* The --data value (any JSON value), or NULL after a located error. */
static json_t *parse_data(const char *path, const char *text, size_t len,
			  struct diag_list *diags)
{
	const char *label = strcmp(path, "-") == 0 ? "<stdin>" : path;
	json_error_t error;
	json_t *data = json_loadb(text, len, JSON_DECODE_ANY |
				  JSON_REJECT_DUPLICATES, &error);

	if (!data)
		diag_add(diags, DIAG_ERROR, label, error.line, error.column,
			 "the data is not JSON", error.text);
	return data;
}

static int write_out(const struct buf *out)
{
	if (fwrite(out->data, 1, out->len, stdout) != out->len ||
	    fflush(stdout) != 0) {
		perror("folio render: writing standard output");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * With --theme, data that is `folio context`'s {path, page, shared} is
 * the page's two layers, shared under page, as the build renders them;
 * other data is one layer.
 */
static int render_data(const struct mustache_template *t, const json_t *data,
		       bool layered, struct buf *out, struct diag_list *diags)
{
	struct arena a = ARENA_INIT;
	json_t *page = json_object_get(data, "page");
	json_t *shared = json_object_get(data, "shared");
	int rc;

	if (layered && json_is_object(page) && json_is_object(shared)) {
		struct value layers[2] = {
			value_from_json(&a, shared), value_from_json(&a, page),
		};
		const struct value *stack[2] = { &layers[0], &layers[1] };

		rc = mustache_render_values(t, stack, 2, out, diags);
	} else {
		rc = mustache_render(t, data, out, diags);
	}
	arena_free(&a);
	return rc;
}

/* Compiles and renders; the output is written only if all went well. */
static int render_template(const struct render_args *args, const char *source,
			   size_t len, const json_t *data,
			   struct diag_list *diags)
{
	struct theme theme = { args->templates, args->theme };
	char *dir = args->theme ? NULL : args->partials ?
		    mem_strdup(args->partials) : fs_parent(args->template);
	struct mustache_env *env = args->theme ?
		mustache_env_new(theme_load_template, &theme) :
		mustache_env_new(mustache_load_dir, dir);
	struct mustache_template *t;
	struct buf out = BUF_INIT;
	int status = EXIT_ERRORS;

	if (args->theme && strcmp(args->theme, "md") == 0)
		mustache_env_set_escape(env, mustache_escape_markdown);
	t = mustache_compile(env, args->template, source, len, diags);
	if (t && data &&
	    render_data(t, data, args->theme != NULL, &out, diags) == 0 &&
	    diags->errors == 0)
		status = write_out(&out);
	buf_free(&out);
	mustache_template_free(t);
	mustache_env_free(env);
	free(dir);
	return status;
}

static int run_render(int argc, char **argv)
{
	struct render_args args = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	char *source = NULL, *text = NULL;
	size_t len = 0, text_len = 0;
	json_t *data = NULL;
	int status = parse_args(argc, argv, &args);

	if (status != EXIT_OK)
		return status;
	if (!read_input(args.template, &source, &len))
		return EXIT_USAGE;
	if (args.data && !read_input(args.data, &text, &text_len)) {
		free(source);
		return EXIT_USAGE;
	}
	data = args.data ? parse_data(args.data, text, text_len, &diags) :
		json_object();
	status = render_template(&args, source, len, data, &diags);
	command_print_diagnostics(&diags);
	json_decref(data);
	diag_list_free(&diags);
	free(text);
	free(source);
	return status;
}

const struct command command_render = {
	"render", run_render, "render one Mustache template with JSON data",
	"usage: folio render TEMPLATE [--data FILE] [--partials DIR]\n"
	"       folio render TEMPLATE --theme html|md [--templates DIR] [--data FILE]\n"
	"\n"
	"Renders the Mustache template TEMPLATE with the JSON in FILE and prints\n"
	"the result on standard output.  {{> name}} and {{< name}} load\n"
	"DIR/name.mustache; {{>*key}} loads the partial named by key's value.\n"
	"Mustache spec v1.4 with inheritance and dynamic names; no lambdas.\n"
	"With --theme html or md, they load as the build loads them (FORMAT/\n"
	"name.mustache from --templates DIR, else the built-in theme), and the\n"
	"output of `folio context PAGE` as --data renders the page as the site\n"
	"has it: `folio context learners/amy/ocr-c3.html > ctx.json; folio render\n"
	"mytheme/html/portfolio.mustache --theme html --templates mytheme --data\n"
	"ctx.json`.\n",
	options, 23,
	"Exit status: 0 rendered, 1 errors in the template, a partial or the\n"
	"data (nothing is printed), 2 usage error or a file that cannot be read.\n",
};
