/*
 * options.h - a command's options, declared once.
 *
 * Each command lists its options in one table of struct cmd_option; from
 * it come getopt_long's tables (cmd_getopt), the Options: part of its
 * --help (cmd_options_help), and the list `folio help --options` prints,
 * which the tests check against folio(1) (tests/cli/options-documented).
 * An option cannot be added without its help, and the man page cannot
 * miss it without a test failing.
 */
#ifndef FOLIO_OPTIONS_H
#define FOLIO_OPTIONS_H

#include <getopt.h>      /* optarg and optind, as cmd_getopt() leaves them */
#include <stdbool.h>
#include <stdio.h>

struct cmd_option {
	char short_name;        /* 'o' for -o, or 0 */
	const char *name;       /* "out" for --out, or NULL (-C alone) */
	const char *arg;        /* its value as --help names it ("DIR"); NULL: a flag */
	int value;              /* what cmd_getopt() returns for it, either way */
	const char *help;       /* its --help lines, '\n' between them */
};

#define CMD_OPTIONS_END { 0, NULL, NULL, 0, NULL }

/*
 * getopt_long() over the table: the next option's value, '?' for one not
 * in it or missing its value, -1 after the last.  With in_order, the
 * options end at the first argument that is not one (as "+" makes
 * getopt do).
 */
int cmd_getopt(int argc, char **argv, const struct cmd_option *options,
	       bool in_order);

/*
 * The table's --help lines: "  -o, --out DIR" and its help from column
 * `column` on, or on the lines below when the option is too wide.
 */
void cmd_options_help(const struct cmd_option *options, int column,
		      FILE *out);

/* "-o" and "--out", a line each, for the test against folio(1). */
void cmd_options_list(const struct cmd_option *options, FILE *out);

/*
 * The one of names[0..n) that word is a slip of the fingers for ("buld"
 * for "build", "formt" for "format"): within an edit distance of a third
 * of its length (at most 2, at least 1), and no other as close; else NULL.
 */
const char *cmd_suggest(const char *word, const char *const *names, size_t n);

/* The option a mistyped "--formt" or "--formt=json" means, from options,
 * or NULL (also when it is an option whose value is missing). */
const char *cmd_suggest_option(const char *arg,
			       const struct cmd_option *options);

#endif
