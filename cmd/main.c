/*
 * main.c - the folio program: global options and the command table.
 *
 * `folio COMMAND [options]` dispatches to the command's run(); `--help`
 * anywhere in a command's arguments, `folio help COMMAND` and
 * `folio COMMAND --help` all print the same text from the table.
 */
#include "centre.h"
#include "cmd.h"
#include "options.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "base/value.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct command *const commands[] = {
	&command_build,
	&command_check,
	&command_caseload,
	&command_claims,
	&command_context,
	&command_diff,
	&command_digest,
	&command_export,
	&command_import,
	&command_init,
	&command_sample,
	&command_pack,
	&command_serve,
	&command_render,
	&command_theme,
	&command_help,
	NULL,
};

const struct command *command_find(const char *name)
{
	for (size_t i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int command_usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "folio %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'folio help %s'.\n", cmd->name);
	return EXIT_USAGE;
}

/* The command name a mistyped one means ("buld": "build"), or NULL. */
static const char *suggest_command(const char *word)
{
	size_t n = 0;
	const char **names, *near;

	while (commands[n])
		n++;
	names = mem_calloc(n + 1, sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = commands[i]->name;
	near = cmd_suggest(word, names, n);
	free(names);
	return near;
}

int command_bad_option(const struct command *cmd, const char *arg)
{
	const char *near = cmd->options ? cmd_suggest_option(arg, cmd->options)
					: NULL;

	if (near)
		return command_usage_error(cmd, "unknown option %s: did you mean "
					   "--%s?", arg, near);
	return command_usage_error(cmd, "unknown option or missing value: %s",
				   arg);
}

int command_choose(const struct command *cmd, const char *option,
		   const char *value, const char *const *names, size_t n)
{
	struct buf list = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		if (strcmp(value, names[i]) == 0)
			return (int)i;
	for (size_t i = 0; i < n; i++)
		buf_printf(&list, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
			   names[i]);
	command_usage_error(cmd, "--%s is %s, not '%s'", option,
			    buf_cstr(&list), value);
	buf_free(&list);
	return -1;
}

int command_write(const struct command *cmd, const struct buf *out,
		  const char *what)
{
	if (fwrite(out->data, 1, out->len, stdout) == out->len &&
	    fflush(stdout) == 0)
		return 0;
	fprintf(stderr, "folio %s: cannot print %s\n", cmd->name, what);
	return -1;
}

void command_print_help(const struct command *cmd, FILE *out)
{
	fputs(cmd->help, out);
	if (cmd->options) {
		/* Its usage names the centre's options as one; say which. */
		fputs(strstr(cmd->help, CENTRE_USAGE) ?
		      "\nOptions (CENTRE OPTIONS: -C to --learners-file):\n" :
		      "\nOptions:\n", out);
		cmd_options_help(cmd->options, cmd->help_column ? cmd->help_column : 19,
				 out);
	}
	if (cmd->help_tail) {
		fputc('\n', out);
		fputs(cmd->help_tail, out);
	}
}

enum command_color command_color = COLOR_AUTO;

static bool use_color(void)
{
	const char *no = getenv("NO_COLOR");

	if (command_color != COLOR_AUTO)
		return command_color == COLOR_ALWAYS;
	return isatty(STDERR_FILENO) && !(no && *no);
}

const char *command_centre_dir;

void command_diagnostics_as_named(const struct diag_list *diags,
				  struct diag_list *out)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *d = &diags->items[i];
		/* A file or folder there; not an option's name ("--units")
		 * or a template format ("md") standing in for one. */
		char *file = command_centre_dir && d->file[0] != '/' &&
			     access(d->file, F_OK) == 0 ?
			     fs_join(command_centre_dir, d->file) : NULL;

		diag_add(out, d->severity, file ? file : d->file, d->line,
			 d->column, d->kind, d->message);
		free(file);
	}
}

void command_print_diagnostics(struct diag_list *diags)
{
	struct buf out = BUF_INIT;
	struct diag_list named = DIAG_LIST_INIT;

	diag_list_sort(diags);
	command_diagnostics_as_named(diags, &named);
	diag_list_format(&named, use_color(), &out);
	fputs(buf_cstr(&out), stderr);
	buf_free(&out);
	diag_list_free(&named);
}

int command_print_json(const struct value *v)
{
	struct buf out = BUF_INIT;
	int rc;

	value_dump_pretty(v, 0, &out);
	buf_putc(&out, '\n');
	rc = fwrite(out.data, 1, out.len, stdout) == out.len ? 0 : -1;
	buf_free(&out);
	return rc;
}

static void print_overview(FILE *out)
{
	fprintf(out,
		"usage: folio COMMAND [options]\n"
		"       folio --help | --version | help COMMAND\n"
		"\n"
		"folio cross-references vocational units against learners' evidence\n"
		"and renders portfolios, record sheets and dashboards.\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; commands[i]; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name,
			commands[i]->summary);
	fprintf(out,
		"\n"
		"Exit status: 0 no errors, 1 errors in the inputs, 2 usage or I/O error.\n"
		"'folio help COMMAND' describes one command.\n");
}

static int run_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		print_overview(stdout);
		return EXIT_OK;
	}
	if (argc > 2)
		return command_usage_error(&command_help, "too many arguments");
	if (strcmp(argv[1], "--options") == 0) {
		for (size_t i = 0; commands[i]; i++)
			if (commands[i]->options)
				cmd_options_list(commands[i]->options, stdout);
		return EXIT_OK;
	}
	cmd = command_find(argv[1]);
	if (!cmd) {
		const char *near = suggest_command(argv[1]);

		fprintf(stderr, "folio help: no command '%s'; %s%s%s"
			"'folio --help' lists them.\n", argv[1],
			near ? "did you mean '" : "", near ? near : "",
			near ? "'? " : "");
		return EXIT_USAGE;
	}
	command_print_help(cmd, stdout);
	return EXIT_OK;
}

const struct command command_help = {
	"help", run_help, "describe a command",
	"usage: folio help [COMMAND]\n"
	"       folio help --options\n"
	"\n"
	"Describes COMMAND, or lists the commands.  With --options, lists every\n"
	"option of every command, a line each (the tests check each against\n"
	"folio(1)).\n",
	NULL, 0, NULL,
};

static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

int main(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		print_overview(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_overview(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("folio %s\n", FOLIO_VERSION);
		return EXIT_OK;
	}
	cmd = command_find(argv[1]);
	if (!cmd) {
		const char *near = suggest_command(argv[1]);

		fprintf(stderr, "folio: '%s' is not a command; %s%s%s"
			"'folio --help' lists them.\n", argv[1],
			near ? "did you mean '" : "", near ? near : "",
			near ? "'? " : "");
		return EXIT_USAGE;
	}
	if (wants_help(argc - 1, argv + 1)) {
		command_print_help(cmd, stdout);
		return EXIT_OK;
	}
	return cmd->run(argc - 1, argv + 1);
}
