/*
 * iqa.c - reading iqa.csv, the sampling already done (see iqa.h).
 */
#include "read/iqa.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/mem.h"
#include "read/assessor.h"
#include "read/evidence.h"
#include "read/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	COL_LEARNER, COL_UNIT, COL_DATE, COL_IQA, COL_KIND, COL_DECISION,
	COL_FEEDBACK, COL_ACTION, COL_DUE, NCOLUMNS
};

static const struct csvrow_column columns[NCOLUMNS] = {
	{ "learner", true },
	{ "unit", true },
	{ "date", true },
	{ "iqa", true },
	{ "kind", true },
	{ "decision", true },
	{ "feedback", false },
	{ "action", false },
	{ "due", false },
};

const char *iqa_kind_name(enum iqa_kind kind)
{
	return kind == IQA_SUMMATIVE ? "summative" : "interim";
}

const char *iqa_decision_name(enum iqa_decision decision)
{
	return decision == IQA_REFERRED ? "referred" : "agreed";
}

/* A field that must be one of two words (any case): 0 or 1. */
static int read_choice(struct load_row *rd, int column, const char *zero,
		       const char *one)
{
	const char *text = load_row_required(rd, column);

	if (!text || strcasecmp(text, zero) == 0)
		return 0;
	if (strcasecmp(text, one) == 0)
		return 1;
	diag_error(rd->diags, rd->f->path, rd->r->line, 0,
		   "`%s` must be %s or %s, not `%s`", columns[column].name,
		   zero, one, text);
	rd->bad = true;
	return 0;
}

static void read_record(struct load_row *rd, struct iqa_record *q)
{
	load_row_portfolio(rd, COL_LEARNER, COL_UNIT, &q->learner, &q->unit);
	if (load_row_required(rd, COL_DATE))
		csvrow_date(rd->f, rd->r, rd->index[COL_DATE], "date", &q->date,
			    &rd->bad, rd->diags);
	q->iqa = load_row_required(rd, COL_IQA);
	q->kind = (enum iqa_kind)read_choice(rd, COL_KIND, "interim", "summative");
	q->decision = (enum iqa_decision)read_choice(rd, COL_DECISION, "agreed",
						     "referred");
	q->feedback = csvrow_field(rd->r, rd->index[COL_FEEDBACK]);
	q->action = csvrow_field(rd->r, rd->index[COL_ACTION]);
	q->has_due = csvrow_date(rd->f, rd->r, rd->index[COL_DUE], "due",
				 &q->due, &rd->bad, rd->diags);
	q->file = rd->f->path;
	q->line = rd->r->line;
}

/*
 * The first of the portfolio's evidence rows that the IQA assessed, or
 * NULL; *exists says whether the portfolio has any rows at all.
 */
static const struct evidence *assessed_by(const struct load *load,
					  const struct iqa_record *q,
					  bool *exists)
{
	const struct learner *l = q->learner;
	const struct evidence *found = NULL;

	*exists = false;
	for (size_t i = 0; i < l->nevidence; i++) {
		const struct evidence *e = load->evidence[l->first_evidence + i];

		if (e->unit != q->unit)
			continue;
		*exists = true;
		if (!found && strcasecmp(e->assessor, q->iqa) == 0)
			found = e;
	}
	return found;
}

/* The IQA must be listed as one, when there is a list. */
static void check_iqa_role(const struct load *load, const struct iqa_record *q,
			   const char *who, struct diag_list *diags)
{
	const struct assessor *a = assessor_find(&load->assessor_folded, q->iqa);

	if (!load->assessors_file || (a && a->role == ASSESSOR_ROLE_IQA))
		return;
	diag_warning(diags, q->file, q->line, 0,
		     "%s: `%s` is not an IQA in %s%s", who, q->iqa,
		     load->assessors_file, a ? " (their role is assessor)" : "");
}

/* The warnings a record that loaded may still deserve. */
static void check_record(const struct load *load, const struct iqa_record *q,
			 struct diag_list *diags)
{
	char who[2 * IDENT_MAX + DATE_ISO_SIZE + 16], today[DATE_ISO_SIZE];
	char date[DATE_ISO_SIZE];
	const struct learner *l = q->learner;
	bool exists;
	const struct evidence *own = assessed_by(load, q, &exists);

	snprintf(who, sizeof(who), "%s %s, sampled %s", l->id, q->unit->id,
		 date_format(q->date, date));
	if (q->date > load->today)
		diag_warning(diags, q->file, q->line, 0,
			     "%s: the date is in the future (today is %s)", who,
			     date_format(load->today, today));
	if (!exists && !learner_registered(l, q->unit))
		diag_warning(diags, q->file, q->line, 0,
			     "%s: there is no such portfolio: the learner is not "
			     "registered on unit %s and has no evidence for it",
			     who, q->unit->id);
	check_iqa_role(load, q, who, diags);
	if (l->assessor && strcasecmp(l->assessor, q->iqa) == 0)
		diag_warning(diags, q->file, q->line, 0,
			     "%s: `%s` is the learner's assessor: an IQA must not "
			     "quality-assure their own assessment", who, q->iqa);
	else if (own)
		diag_warning(diags, q->file, q->line, 0,
			     "%s: `%s` assessed %s in this portfolio: an IQA must "
			     "not quality-assure their own assessment", who,
			     q->iqa, own->ref);
	if (q->decision == IQA_REFERRED && !q->action)
		diag_warning(diags, q->file, q->line, 0,
			     "%s: referred without an `action`: say what the "
			     "assessor must do", who);
}

/* The record's problems are its learner's, on its unit (diag_list_about). */
static void about(struct diag_list *diags, const struct load_row *rd)
{
	const char *learner = csvrow_field(rd->r, rd->index[COL_LEARNER]);

	diag_list_about(diags, learner ? learner : "",
			csvrow_field(rd->r, rd->index[COL_UNIT]));
}

static void load_records(struct load *load, const struct csvfile *f,
			 const int *index, struct diag_list *diags)
{
	struct load_row rd = { load, f, NULL, columns, index, diags, false };
	size_t cap = 0;

	for (size_t i = 0; i < f->nrecords; i++) {
		struct iqa_record q = { 0 };

		rd.r = &f->records[i];
		rd.bad = false;
		about(diags, &rd);
		read_record(&rd, &q);
		if (rd.bad)
			continue;
		check_record(load, &q, diags);
		q.extra = csvrow_extras(&load->arena, f, rd.r, index, NCOLUMNS,
					&q.nextra);
		load->iqa = mem_array_grow(load->iqa, &cap, load->niqa + 1,
					   sizeof(*load->iqa));
		load->iqa[load->niqa++] = q;
	}
	diag_list_about(diags, NULL, NULL);
}

static int compare_records(const void *a, const void *b)
{
	const struct iqa_record *x = a, *y = b;
	int c = strcmp(x->learner->id, y->learner->id);

	if (c)
		return c;
	c = strcmp(x->unit->id, y->unit->id);
	if (c)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	/* One file, so the line makes the order total (and stable). */
	return (x->line > y->line) - (x->line < y->line);
}

int iqa_load(struct load *load, const char *path, struct diag_list *diags)
{
	int index[NCOLUMNS], err;
	const struct csvfile *f = load_read_csv(load, path, columns, NCOLUMNS,
						index, &err, diags);

	if (f)
		load_records(load, f, index, diags);
	if (load->niqa)
		qsort(load->iqa, load->niqa, sizeof(*load->iqa), compare_records);
	return err;
}

static bool same_portfolio(const struct iqa_record *a,
			   const struct iqa_record *b)
{
	return a->learner == b->learner && a->unit == b->unit;
}

bool iqa_action_overdue(const struct iqa_record *records, size_t n, size_t i,
			int32_t today)
{
	return records[i].has_due && today > records[i].due &&
	       iqa_action_open(records, n, i);
}

/* Ordered as the records are: by learner id, then unit id. */
static int compare_portfolio(const struct iqa_record *r,
			     const struct learner *learner,
			     const struct unit *unit)
{
	int c = strcmp(r->learner->id, learner->id);

	return c ? c : strcmp(r->unit->id, unit->id);
}

const struct iqa_record *iqa_find(const struct iqa_record *records, size_t n,
				  const struct learner *learner,
				  const struct unit *unit, size_t *count)
{
	size_t lo = 0, hi = n, end;

	while (lo < hi) {       /* the first record not before the portfolio */
		size_t mid = lo + (hi - lo) / 2;

		if (compare_portfolio(&records[mid], learner, unit) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < n && records[end].learner == learner &&
	     records[end].unit == unit; end++)
		;
	*count = end - lo;
	return *count ? &records[lo] : NULL;
}

/* The records are sorted: the later samplings of i's portfolio follow it. */
bool iqa_action_open(const struct iqa_record *records, size_t n, size_t i)
{
	const struct iqa_record *q = &records[i];

	if (q->decision != IQA_REFERRED)
		return false;
	for (size_t j = i + 1; j < n && same_portfolio(&records[j], q); j++)
		if (records[j].decision == IQA_AGREED)
			return false;
	return true;
}
