/*
 * visit.c - a visit's scope and plan, for `folio sample` and `folio pack`.
 */
#include "visit.h"
#include "base/date.h"

#include <string.h>

bool visit_option(struct visit *v, int opt, const char *value)
{
	switch (opt) {
	/* An empty list must not widen the scope to the whole centre. */
	case VISIT_OPT_LEARNERS:
		if (!scope_add_ids(&v->scope.learners, &v->scope.nlearners, value))
			v->empty = "--learners";
		return true;
	case VISIT_OPT_UNITS:
		if (!scope_add_ids(&v->scope.units, &v->scope.nunits, value))
			v->empty = "--units";
		return true;
	case VISIT_OPT_SINCE:
		v->since = value;
		return true;
	default:
		return centre_option(&v->args, opt, value);
	}
}

int visit_load(const struct command *cmd, struct visit *v, bool pages)
{
	struct buf why = BUF_INIT;
	int status;

	v->diags = (struct diag_list)DIAG_LIST_INIT;
	if (v->empty)
		return command_usage_error(cmd, "%s names no id (an unset "
			"variable?): give at least one, or leave the option out "
			"for the whole centre", v->empty);
	if (v->since && date_parse(v->since, &v->scope.since) != 0) {
		date_explain(v->since, &why);
		status = command_usage_error(cmd, "--since: %s", buf_cstr(&why));
		buf_free(&why);
		return status;
	}
	v->scope.has_since = v->since != NULL;
	v->args.paths.summaries_html = pages;
	status = centre_load(cmd, &v->args, &v->whole, &v->diags);
	v->loaded = true;
	if (status != EXIT_OK)
		return status;
	if (!scope_check(&v->scope, &v->whole, &v->diags)) {
		command_print_diagnostics(&v->diags);
		return EXIT_USAGE;
	}
	v->read_errors = v->diags.errors;
	scope_narrow(&v->scope, &v->whole, &v->model);
	centre_judge(&v->xref, &v->model, &v->diags);
	sample_plan(&v->plan, &v->model, &v->xref);
	return EXIT_OK;
}

void visit_note_risks(const struct command *cmd, const struct visit *v)
{
	if (v->whole.assessors_file || !v->plan.nassessors)
		return;
	fprintf(stderr, "folio %s: note: there is no assessors.csv, so every "
		"assessor is sampled at the high-risk rate (%d%%); list them with "
		"their risk to sample less\n", cmd->name,
		v->whole.config.sampling_rate[RISK_HIGH]);
}

void visit_free(struct visit *v)
{
	sample_free(&v->plan);
	xref_free(&v->xref);
	if (v->model.learners || v->model.units)
		scope_model_free(&v->model);
	if (v->loaded)
		model_free(&v->whole);
	diag_list_free(&v->diags);
	scope_free(&v->scope);
}
