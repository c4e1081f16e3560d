/*
 * review.c - reading reviews.csv, the progress reviews (see review.h).
 */
#include "read/review.h"
#include "base/date.h"
#include "base/mem.h"
#include "read/load.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum {
	COL_LEARNER, COL_DATE, COL_BY, COL_NEXT_REVIEW, COL_EMPLOYER,
	COL_PROGRESS, COL_OTJ_DISCUSSED, COL_ACTIONS, NCOLUMNS
};

static const struct csvrow_column columns[NCOLUMNS] = {
	{ "learner", true },
	{ "date", true },
	{ "by", true },
	{ "next_review", false },
	{ "employer", false },
	{ "progress", false },
	{ "otj_discussed", false },
	{ "actions", false },
};

static void read_row(struct load_row *rd, struct review *v)
{
	const struct csvfile *f = rd->f;
	const struct csvfile_record *r = rd->r;
	bool has_date = false;
	char a[DATE_ISO_SIZE], b[DATE_ISO_SIZE];

	v->file = f->path;
	v->line = r->line;
	v->learner = load_row_learner(rd, COL_LEARNER);
	if (load_row_required(rd, COL_DATE))
		has_date = csvrow_date(f, r, rd->index[COL_DATE], "date",
				       &v->date, &rd->bad, rd->diags);
	v->by = load_row_required(rd, COL_BY);
	v->has_next = csvrow_date(f, r, rd->index[COL_NEXT_REVIEW],
				  "next_review", &v->next_review, &rd->bad,
				  rd->diags);
	v->employer = csvrow_field(r, rd->index[COL_EMPLOYER]);
	v->progress = csvrow_field(r, rd->index[COL_PROGRESS]);
	if (!csvrow_yes_no(f, r, rd->index[COL_OTJ_DISCUSSED], "otj_discussed",
			   &v->otj_discussed, rd->diags))
		rd->bad = true;
	v->actions = csvrow_field(r, rd->index[COL_ACTIONS]);
	if (has_date && v->has_next && v->next_review <= v->date) {
		diag_error(rd->diags, f->path, r->line, 0, "`next_review` %s is "
			   "not after the review's `date` %s",
			   date_format(v->next_review, a), date_format(v->date, b));
		rd->bad = true;
	}
}

static void load_rows(struct load *load, const struct csvfile *f,
		      const int *index, struct diag_list *diags)
{
	struct load_row rd = { load, f, NULL, columns, index, diags, false };
	size_t cap = 0;
	char a[DATE_ISO_SIZE], b[DATE_ISO_SIZE];

	for (size_t i = 0; i < f->nrecords; i++) {
		struct review v = { 0 };
		const char *learner;

		rd.r = &f->records[i];
		rd.bad = false;
		learner = csvrow_field(rd.r, index[COL_LEARNER]);
		diag_list_about(diags, learner ? learner : "", NULL);
		read_row(&rd, &v);
		if (rd.bad)
			continue;
		v.future = v.date > load->today;
		if (v.future)
			diag_warning(diags, v.file, v.line, 0, "%s: date %s is "
				     "after today (%s): a review not yet held does "
				     "not count; record it once it is",
				     v.learner->id, date_format(v.date, a),
				     date_format(load->today, b));
		v.extra = csvrow_extras(&load->arena, f, rd.r, index, NCOLUMNS,
					&v.nextra);
		load->reviews = mem_array_grow(load->reviews, &cap,
					       load->nreviews + 1,
					       sizeof(*load->reviews));
		load->reviews[load->nreviews++] = v;
	}
	diag_list_about(diags, NULL, NULL);
}

static int compare_reviews(const void *a, const void *b)
{
	const struct review *x = a, *y = b;
	int c = strcmp(x->learner->id, y->learner->id);

	if (c)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

int review_load(struct load *load, const char *path, struct diag_list *diags)
{
	int index[NCOLUMNS], err;
	const struct csvfile *f = load_read_csv(load, path, columns, NCOLUMNS,
						index, &err, diags);

	if (f)
		load_rows(load, f, index, diags);
	if (load->nreviews)
		qsort(load->reviews, load->nreviews, sizeof(*load->reviews),
		      compare_reviews);
	load_index_runs(load->reviews, load->nreviews,
			sizeof(*load->reviews), offsetof(struct review, learner),
			offsetof(struct learner, first_review),
			offsetof(struct learner, nreviews));
	return err;
}
