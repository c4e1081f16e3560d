/*
 * options.c - a command's options, declared once (see options.h).
 */
#include "options.h"
#include "base/buf.h"
#include "base/mem.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static size_t count(const struct cmd_option *options)
{
	size_t n = 0;

	while (options[n].name || options[n].short_name)
		n++;
	return n;
}

int cmd_getopt(int argc, char **argv, const struct cmd_option *options,
	       bool in_order)
{
	size_t n = count(options), nlong = 0;
	struct option *longs = mem_calloc(n + 1, sizeof(*longs));
	struct buf shorts = BUF_INIT;
	int opt;

	if (in_order)
		buf_putc(&shorts, '+');
	for (size_t i = 0; i < n; i++) {
		const struct cmd_option *o = &options[i];

		if (o->short_name) {
			buf_putc(&shorts, o->short_name);
			if (o->arg)
				buf_putc(&shorts, ':');
		}
		if (o->name)
			longs[nlong++] = (struct option){
				o->name, o->arg ? required_argument : no_argument,
				NULL, o->value,
			};
	}
	opterr = 0;
	opt = getopt_long(argc, argv, buf_cstr(&shorts), longs, NULL);
	for (size_t i = 0; opt > 0 && opt < 256 && opt != '?' && i < n; i++)
		if (options[i].short_name == opt)
			opt = options[i].value;
	buf_free(&shorts);
	free(longs);
	return opt;
}

/* "-o, --out DIR", "--strict", "-C DIR". */
static void spec(const struct cmd_option *o, struct buf *out)
{
	if (o->short_name)
		buf_printf(out, "-%c", o->short_name);
	if (o->short_name && o->name)
		buf_puts(out, ", ");
	if (o->name)
		buf_printf(out, "--%s", o->name);
	if (o->arg)
		buf_printf(out, " %s", o->arg);
}

void cmd_options_help(const struct cmd_option *options, int column,
		      FILE *out)
{
	struct buf line = BUF_INIT;
	size_t n = count(options);

	for (size_t i = 0; i < n; i++) {
		const char *help = options[i].help;

		buf_truncate(&line, 0);
		buf_puts(&line, "  ");
		spec(&options[i], &line);
		/* Two spaces at least between the option and its help. */
		if (line.len + 2 > (size_t)column) {
			buf_putc(&line, '\n');
			fputs(buf_cstr(&line), out);
			buf_truncate(&line, 0);
		}
		while (line.len < (size_t)column)
			buf_putc(&line, ' ');
		for (const char *nl; (nl = strchr(help, '\n')); help = nl + 1) {
			buf_put(&line, help, (size_t)(nl - help + 1));
			for (int c = 0; c < column; c++)
				buf_putc(&line, ' ');
		}
		buf_puts(&line, help);
		buf_putc(&line, '\n');
		fputs(buf_cstr(&line), out);
	}
	buf_free(&line);
}

void cmd_options_list(const struct cmd_option *options, FILE *out)
{
	size_t n = count(options);

	for (size_t i = 0; i < n; i++) {
		if (options[i].short_name)
			fprintf(out, "-%c\n", options[i].short_name);
		if (options[i].name)
			fprintf(out, "--%s\n", options[i].name);
	}
}
