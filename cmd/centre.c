/*
 * centre.c - options and loading shared by the centre commands.
 */
#include "centre.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/encoding.h"
#include "base/threads.h"
#include "judge/judge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int centre_jobs_option(const struct command *cmd, const char *value, int *jobs)
{
	char *end;
	long n = strtol(value, &end, 10);

	if (*end || end == value || n < 1 || n > 256)
		return command_usage_error(cmd,
			"--jobs takes a number from 1 to 256, not '%s'", value);
	*jobs = (int)n;
	return EXIT_OK;
}

int centre_default_jobs(void)
{
	size_t n = threads_cores();

	return n < 64 ? (int)n : 64;
}

bool centre_option(struct centre_args *args, int opt, const char *value)
{
	switch (opt) {
	case 'C':
		args->dir = value;
		return true;
	case CENTRE_OPT_UNITS:
		args->paths.units = value;
		return true;
	case CENTRE_OPT_LEARNERS:
		args->paths.learners = value;
		return true;
	case CENTRE_OPT_EVIDENCE:
		args->paths.evidence = value;
		return true;
	case CENTRE_OPT_TODAY:
		args->paths.today = value;
		return true;
	case CENTRE_OPT_ENCODING:
		args->paths.encoding = value;
		return true;
	case CENTRE_OPT_ASSESSORS:
		args->paths.assessors = value;
		return true;
	case CENTRE_OPT_IQA:
		args->paths.iqa = value;
		return true;
	case CENTRE_OPT_SIGNOFFS:
		args->paths.signoffs = value;
		return true;
	case CENTRE_OPT_QUALIFICATIONS:
		args->paths.qualifications = value;
		return true;
	case CENTRE_OPT_OTJ:
		args->paths.otj = value;
		return true;
	case CENTRE_OPT_REVIEWS:
		args->paths.reviews = value;
		return true;
	default:
		return false;
	}
}

bool centre_today_valid(const struct command *cmd, const char *today)
{
	struct buf why = BUF_INIT;
	int32_t day;

	if (date_parse(today, &day) == 0)
		return true;
	date_explain(today, &why);
	command_usage_error(cmd, "--today: %s", buf_cstr(&why));
	buf_free(&why);
	return false;
}

int centre_load(const struct command *cmd, struct centre_args *args,
		struct model *m, struct diag_list *diags)
{
	/* The caller frees m whatever happens, so it must be valid first. */
	memset(m, 0, sizeof(*m));
	if (args->paths.encoding && !encoding_known(args->paths.encoding))
		return command_usage_error(cmd, "unknown encoding '%s' "
			"(such as utf-8 or windows-1252)", args->paths.encoding);
	if (args->paths.today && !centre_today_valid(cmd, args->paths.today))
		return EXIT_USAGE;
	if (args->dir && chdir(args->dir) != 0) {
		fprintf(stderr, "folio %s: cannot enter %s: %s\n", cmd->name,
			args->dir, strerror(errno));
		return EXIT_USAGE;
	}
	if (args->dir && strcmp(args->dir, ".") != 0)
		command_centre_dir = args->dir;
	if (model_load(m, &args->paths, diags) != MODEL_OK) {
		if (!args->keep_diagnostics)
			command_print_diagnostics(diags);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

void centre_judge(struct xref *x, const struct model *m,
		  struct diag_list *diags)
{
	judge_centre(x, m, diags);
}
