/*
 * cmd.h - the commands of the folio program, and what they share.
 *
 * One file per command (cmd/check.c, cmd/export.c, ...), in the manner of
 * git's builtin/: each defines a `struct command` that main.c lists in its
 * dispatch table.  main.c handles --help for every command uniformly, so a
 * command's run() only ever sees real work.  Commands parse arguments,
 * call src/, print and choose the exit status; they hold no logic of
 * their own beyond that.
 */
#ifndef FOLIO_CMD_H
#define FOLIO_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"

/* Exit statuses, as documented in README.md and folio(1). */
enum {
	EXIT_OK = 0,       /* done; no errors in the inputs */
	EXIT_ERRORS = 1,   /* done, but the inputs have errors */
	EXIT_USAGE = 2,    /* bad command line, or a file could not be read/written */
};

struct cmd_option;

struct command {
	const char *name;
	int (*run)(int argc, char **argv);  /* argv[0] is the command name */
	const char *summary;                /* one line for `folio --help` */
	const char *help;                   /* usage and what it does, for --help */
	const struct cmd_option *options;   /* its options (options.h), or NULL */
	int help_column;                    /* where their help starts (0: 19) */
	const char *help_tail;              /* after the options: exit statuses */
};

extern const struct command command_build;
extern const struct command command_check;
extern const struct command command_caseload;
extern const struct command command_claims;
extern const struct command command_digest;
extern const struct command command_export;
extern const struct command command_init;
extern const struct command command_diff;
extern const struct command command_context;
extern const struct command command_theme;
extern const struct command command_import;
extern const struct command command_render;
extern const struct command command_sample;
extern const struct command command_pack;
extern const struct command command_serve;
extern const struct command command_help;

/* --help: the help, "Options:" and the options' lines, and the tail. */
void command_print_help(const struct command *cmd, FILE *out);

/* The table in main.c, NULL-terminated, for `folio help`. */
extern const struct command *const commands[];
const struct command *command_find(const char *name);

/* Prints "folio NAME: message", a usage line and a hint; returns EXIT_USAGE. */
int command_usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The folder -C named (NULL without one, or for "."): the inputs are read
 * from it, and diagnostics name their files from where folio started, as
 * make -C and compilers do ("centre/evidence/a.csv:3: ..."), in every
 * format; the site's and the pack's own copies stay relative to the
 * centre.  command_diagnostics_as_named() appends diags so named to out.
 */
extern const char *command_centre_dir;
void command_diagnostics_as_named(const struct diag_list *diags,
				  struct diag_list *out);

/* Whether diagnostics on stderr are coloured: auto (on a terminal,
 * unless NO_COLOR is set), or as --color says. */
enum command_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
extern enum command_color command_color;

/* A usage error for an option cmd does not have, or whose value is
 * missing, with the option meant when it is a slip ("--formt": "did you
 * mean --format?"); returns EXIT_USAGE. */
int command_bad_option(const struct command *cmd, const char *arg);

/*
 * The index in names[0..n) of value, the argument of --option; else -1
 * after a usage error that lists them ("--format is md, csv or json, not
 * 'xml'").
 */
int command_choose(const struct command *cmd, const char *option,
		   const char *value, const char *const *names, size_t n);

/* out to standard output, flushed: 0, or -1 after "folio NAME: cannot
 * print WHAT" on standard error. */
struct buf;
int command_write(const struct command *cmd, const struct buf *out,
		  const char *what);

/* Diagnostics to stderr, sorted by place, coloured on a terminal (unless NO_COLOR). */
void command_print_diagnostics(struct diag_list *diags);

/* v as JSON indented by two spaces and a line break, to standard output;
 * returns 0, or -1 when it could not be written. */
struct value;
int command_print_json(const struct value *v);

#endif
