/*
 * otj.c - reading the off-the-job hours logs (see otj.h).
 */
#include "read/otj.h"
#include "base/date.h"
#include "base/fsutil.h"
#include "base/hours.h"
#include "base/mem.h"
#include "read/evidence.h"
#include "read/load.h"
#include "read/unit.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum {
	COL_LEARNER, COL_DATE, COL_HOURS, COL_ACTIVITY, COL_KSBS, COL_REF,
	COL_VERIFIED_BY, NCOLUMNS
};

static const struct csvrow_column columns[NCOLUMNS] = {
	{ "learner", true },
	{ "date", true },
	{ "hours", true },
	{ "activity", true },
	{ "ksbs", false },
	{ "ref", false },
	{ "verified_by", false },
};

static const char *const counts_names[] = {
	"counts", "after-today", "before-start", "after-end", "in-break",
};

/* Whether a criterion of one of l's units has this id. */
static bool ksb_known(const struct learner *l, const char *id)
{
	for (size_t i = 0; i < l->nunits; i++)
		if (unit_find_criterion(l->units[i], id))
			return true;
	return false;
}

/* Whether l has an evidence row with this ref. */
static bool ref_known(const struct load *load, const struct learner *l,
		      const char *ref)
{
	for (size_t i = 0; i < l->nevidence; i++)
		if (strcmp(load->evidence[l->first_evidence + i]->ref, ref) == 0)
			return true;
	return false;
}

static void read_hours(struct load_row *rd, struct otj_row *o)
{
	if (!load_row_required(rd, COL_HOURS))
		return;
	if (!csvrow_hours(rd->f, rd->r, rd->index[COL_HOURS], "hours",
			  &o->hours, &rd->bad, rd->diags))
		return;
	if (o->hours == 0) {
		diag_error(rd->diags, rd->f->path, rd->r->line, 0,
			   "`hours` must be more than 0");
		rd->bad = true;
	}
}

/* Whether the row's date can count, and if not a warning saying why. */
static enum otj_counts judge_date(const struct load *load,
				  const struct otj_row *o,
				  struct diag_list *diags)
{
	const struct learner *l = o->learner;
	const struct learner_break *b = learner_break_on(l, o->date);
	char d[DATE_ISO_SIZE], e[DATE_ISO_SIZE], t[DATE_ISO_SIZE];
	enum otj_counts c = OTJ_COUNTS;

	if (o->date > load->today) {
		c = OTJ_AFTER_TODAY;
		diag_warning(diags, o->file, o->line, 0, "%s: date %s is after today "
			     "(%s), so these hours do not count: correct the date, "
			     "or build with the right --today",
			     o->learner->id,
			     date_format(o->date, d), date_format(load->today, t));
	} else if (l->has_start && o->date < l->start) {
		c = OTJ_BEFORE_START;
		diag_warning(diags, o->file, o->line, 0, "%s: date %s is before the "
			     "learner started (%s): hours before the start do not "
			     "count",
			     o->learner->id, date_format(o->date, d),
			     date_format(l->start, e));
	} else if (l->has_end && o->date > l->end) {
		c = OTJ_AFTER_END;
		diag_warning(diags, o->file, o->line, 0, "%s: date %s is after the "
			     "learner's end (%s): these hours do not count",
			     o->learner->id,
			     date_format(o->date, d), date_format(l->end, e));
	} else if (b) {
		c = OTJ_IN_BREAK;
		if (b->to == DATE_MAX)
			diag_warning(diags, o->file, o->line, 0, "%s: date %s is in "
				     "the learner's break in learning (from %s): "
				     "hours in a break do not count",
			     o->learner->id,
				     date_format(o->date, d),
				     date_format(b->from, e));
		else
			diag_warning(diags, o->file, o->line, 0, "%s: date %s is in "
				     "the learner's break in learning (%s to %s): "
				     "hours in a break do not count",
			     o->learner->id,
				     date_format(o->date, d),
				     date_format(b->from, e), date_format(b->to, t));
	}
	return c;
}

/* Unknown KSBs and refs are warnings: the hours still count. */
static void check_links(const struct load *load, const struct otj_row *o,
			struct diag_list *diags)
{
	const char *id = o->learner->id;

	for (size_t i = 0; i < o->nksbs; i++)
		if (!ksb_known(o->learner, o->ksbs[i]))
			diag_warning(diags, o->file, o->line, 0, "%s: `ksbs`: `%s` "
				     "is not a criterion of any unit they are "
				     "registered on", id, o->ksbs[i]);
	if (o->ref && !ref_known(load, o->learner, o->ref))
		diag_warning(diags, o->file, o->line, 0, "%s: `ref`: they have no "
			     "evidence row with ref `%s`", id, o->ref);
}

static void read_row(struct load_row *rd, struct otj_row *o)
{
	o->file = rd->f->path;
	o->line = rd->r->line;
	o->learner = load_row_learner(rd, COL_LEARNER);
	if (load_row_required(rd, COL_DATE))
		csvrow_date(rd->f, rd->r, rd->index[COL_DATE], "date", &o->date,
			    &rd->bad, rd->diags);
	read_hours(rd, o);
	o->activity = load_row_required(rd, COL_ACTIVITY);
	o->ksbs = csvrow_split(&rd->load->arena,
			       csvrow_field(rd->r, rd->index[COL_KSBS]),
			       &o->nksbs);
	o->ref = csvrow_field(rd->r, rd->index[COL_REF]);
	o->verified_by = csvrow_field(rd->r, rd->index[COL_VERIFIED_BY]);
}

static void load_rows(struct load *load, const struct csvfile *f,
		      const int *index, size_t *cap, struct diag_list *diags)
{
	struct load_row rd = { load, f, NULL, columns, index, diags, false };

	for (size_t i = 0; i < f->nrecords; i++) {
		struct otj_row o = { 0 };
		const char *learner;

		rd.r = &f->records[i];
		rd.bad = false;
		learner = csvrow_field(rd.r, index[COL_LEARNER]);
		diag_list_about(diags, learner ? learner : "", NULL);
		read_row(&rd, &o);
		if (rd.bad)
			continue;
		o.counts = judge_date(load, &o, diags);
		check_links(load, &o, diags);
		o.extra = csvrow_extras(&load->arena, f, rd.r, index, NCOLUMNS,
					&o.nextra);
		load->otj = mem_array_grow(load->otj, cap, load->notj + 1,
					   sizeof(*load->otj));
		load->otj[load->notj++] = o;
	}
	diag_list_about(diags, NULL, NULL);
}

static int compare_rows(const void *a, const void *b)
{
	const struct otj_row *x = a, *y = b;
	int c = strcmp(x->learner->id, y->learner->id);

	if (c)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* Each learner's rows: load->otj[first_otj .. + notj). */
static void index_rows(struct load *load)
{
	if (load->notj)
		qsort(load->otj, load->notj, sizeof(*load->otj), compare_rows);
	load_index_runs(load->otj, load->notj, sizeof(*load->otj),
			offsetof(struct otj_row, learner),
			offsetof(struct learner, first_otj),
			offsetof(struct learner, notj));
}

int otj_load(struct load *load, const char *dir, struct diag_list *diags)
{
	char **names;
	size_t count, cap = 0;
	int err = load_list(load, dir, ".csv", &names, &count, diags);

	if (err)
		return err;
	for (size_t i = 0; i < count; i++) {
		char *path = fs_join(dir, names[i]);
		const char *kept = arena_strdup(&load->arena, path);
		int index[NCOLUMNS], status = load_check_link(load, kept, dir);
		const struct csvfile *f = NULL;

		free(path);
		if (status) {
			load_note_input(load, kept);
			diag_error(diags, kept, 0, 0, "cannot read: %s",
				   fs_strerror(status));
			err = -1;
			continue;
		}
		f = load_read_csv(load, kept, columns, NCOLUMNS, index,
				  &status, diags);
		if (status) {
			diag_error(diags, kept, 0, 0, "cannot read: %s",
				   fs_strerror(status));
			err = -1;
		}
		if (f)
			load_rows(load, f, index, &cap, diags);
	}
	fs_free_names(names, count);
	index_rows(load);
	return err;
}

const char *otj_counts_name(enum otj_counts counts)
{
	return counts_names[counts];
}
