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

/*
 * The edit distance between a and b (insertions, deletions,
 * substitutions and swaps of two neighbours each cost 1), or a value
 * above limit once it must exceed it: two rows of a small table.
 */
static size_t distance(const char *a, const char *b, size_t limit)
{
	size_t na = strlen(a), nb = strlen(b);
	size_t *block, *prev2, *prev, *row, d;

	if ((na > nb ? na - nb : nb - na) > limit)
		return limit + 1;
	block = mem_calloc(3 * (nb + 1), sizeof(*block));
	prev2 = block;
	prev = prev2 + nb + 1;
	row = prev + nb + 1;
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = prev[j - 1] + cost;

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		{   /* rotate the rows: prev2 <- prev <- row <- prev2 */
			size_t *t = prev2;

			prev2 = prev;
			prev = row;
			row = t;
		}
	}
	d = prev[nb];
	free(block);
	return d;
}

const char *cmd_suggest(const char *word, const char *const *names, size_t n)
{
	/* As git does: close enough to be a slip of the fingers, a third
	 * of the word at most, and never a guess between two. */
	size_t limit = strlen(word) / 3 > 2 ? 2 : strlen(word) / 3;
	size_t best = limit + 1;
	const char *found = NULL;
	bool tie = false;

	if (limit == 0) {
		limit = 1;
		best = 2;
	}
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, names[i], limit);

		if (d < best) {
			best = d;
			found = names[i];
			tie = false;
		} else if (d == best && found) {
			tie = true;
		}
	}
	return tie ? NULL : found;
}

const char *cmd_suggest_option(const char *arg,
			       const struct cmd_option *options)
{
	size_t n = count(options), k = 0, len;
	const char **names, *found;
	char word[64];

	if (strncmp(arg, "--", 2) != 0)
		return NULL;
	len = strcspn(arg + 2, "=");
	if (len == 0 || len >= sizeof(word))
		return NULL;
	memcpy(word, arg + 2, len);
	word[len] = '\0';
	names = mem_calloc(n + 1, sizeof(*names));
	found = NULL;
	for (size_t i = 0; i < n; i++) {
		if (options[i].name && strcmp(options[i].name, word) == 0)
			goto done;   /* an option: its value is what is missing */
		if (options[i].name)
			names[k++] = options[i].name;
	}
	found = cmd_suggest(word, names, k);
done:
	free(names);
	return found;
}
