/*
 * learner.c - reading learners.csv (see learner.h).
 */
#include "read/learner.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/mem.h"
#include "read/load.h"
#include "read/qualification.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	COL_LEARNER, COL_NAME, COL_REGISTRATION, COL_COHORT, COL_ASSESSOR,
	COL_START, COL_UNITS, COL_QUALIFICATION, COL_PUBLIC_KEY,
	COL_PLANNED_END, COL_OTJ_PLANNED, COL_OTJ_RPL, COL_HOURS_PER_WEEK,
	COL_STATUS, COL_END, COL_BREAKS, NCOLUMNS
};

static const struct csvrow_column columns[NCOLUMNS] = {
	{ "learner", true },
	{ "name", false },
	{ "registration", false },
	{ "cohort", false },
	{ "assessor", false },
	{ "start", false },
	{ "units", false },
	{ "qualification", false },
	{ "public_key", false },
	{ "planned_end", false },
	{ "otj_planned", false },
	{ "otj_rpl", false },
	{ "hours_per_week", false },
	{ "status", false },
	{ "end", false },
	{ "breaks", false },
};

static const char *const status_names[] = {
	"active", "break", "withdrawn", "completed",
};

static void read_units(struct load *load, const struct csvfile *f,
		       const struct csvfile_record *r, const char *text,
		       struct learner *l, struct diag_list *diags)
{
	size_t n;
	const char **ids = csvrow_split(&load->arena, text, &n);

	l->units = arena_alloc(&load->arena, (n ? n : 1) * sizeof(*l->units));
	for (size_t i = 0; i < n; i++) {
		const struct unit *u = load_find_unit(load, ids[i]);

		if (!u) {
			struct buf why = BUF_INIT;

			diag_error(diags, f->path, r->line, 0,
				   "learner %s: unknown unit `%s` in `units`%s",
				   l->id, ids[i],
				   load_unknown_unit_why(load, ids[i], &why));
			buf_free(&why);
			continue;
		}
		if (learner_registered(l, u)) {
			diag_warning(diags, f->path, r->line, 0,
				     "learner %s: unit `%s` is listed twice in `units`",
				     l->id, ids[i]);
			continue;
		}
		l->units[l->nunits++] = u;
	}
}

static void add_unit(struct learner *l, const struct unit *u)
{
	if (!learner_registered(l, u))
		l->units[l->nunits++] = u;
}

/*
 * The qualifications; with no `units`, the learner takes their mandatory
 * units.  A unit in none of them is assessed, and claimed, on its own.
 */
static void read_qualifications(struct load *load, const struct csvfile *f,
				const struct csvfile_record *r,
				const char *text, bool units_given,
				struct learner *l, struct diag_list *diags)
{
	size_t n, nunits = 0;
	const char **ids = csvrow_split(&load->arena, text, &n);

	l->qualifications = arena_alloc(&load->arena,
					(n ? n : 1) * sizeof(*l->qualifications));
	for (size_t i = 0; i < n; i++) {
		const struct qualification *q =
			load_find_qualification(load, ids[i]);
		bool twice = false;

		if (!q) {
			diag_error(diags, f->path, r->line, 0,
				   "learner %s: unknown qualification `%s`: no "
				   "qualification file (qualifications/*.md) has "
				   "this id", l->id, ids[i]);
			continue;
		}
		for (size_t k = 0; k < l->nqualifications; k++)
			twice |= l->qualifications[k] == q;
		if (twice) {
			diag_warning(diags, f->path, r->line, 0,
				     "learner %s: qualification `%s` is listed twice",
				     l->id, ids[i]);
			continue;
		}
		l->qualifications[l->nqualifications++] = q;
		nunits += q->nmandatory;
	}
	if (units_given || l->nqualifications == 0)
		return;
	l->units = arena_alloc(&load->arena, (nunits ? nunits : 1) *
			       sizeof(*l->units));
	l->units_default = true;
	for (size_t i = 0; i < l->nqualifications; i++)
		for (size_t k = 0; k < l->qualifications[i]->nmandatory; k++)
			add_unit(l, l->qualifications[i]->mandatory[k]);
	if (l->nunits == 0)
		diag_warning(diags, f->path, r->line, 0,
			     "learner %s takes no units: their qualification has no "
			     "mandatory ones; list the units they chose in `units`",
			     l->id);
}

/* Checks the id; returns whether the learner can be kept. */
static bool usable_id(struct load *load, const struct csvfile *f,
		      const struct csvfile_record *r, const char *id,
		      struct diag_list *diags)
{
	char scratch[64];
	const char *problem, *folded;
	const struct learner *first;

	if (!id) {
		diag_error(diags, f->path, r->line, 0, "empty `learner` id");
		return false;
	}
	problem = ident_problem(id, scratch, sizeof(scratch));
	if (problem) {
		diag_error(diags, f->path, r->line, 0,
			   "learner id `%s` %s (ids are letters, digits, '.', '_' and '-')",
			   id, problem);
		return false;
	}
	first = strmap_get(&load->learner_index, id);
	if (first) {
		diag_error(diags, f->path, r->line, 0,
			   "duplicate learner `%s` (first on line %d)", id,
			   first->line);
		return false;
	}
	folded = strmap_get(&load->learner_folded, ident_fold(&load->arena, id));
	first = folded ? strmap_get(&load->learner_index, folded) : NULL;
	if (first) {
		diag_error(diags, f->path, r->line, 0,
			   "learner ids `%s` and `%s` (line %d) differ only in case: "
			   "their pages would be one file on Windows and macOS; rename one",
			   id, first->id, first->line);
		return false;
	}
	return true;
}

/* One date of a break, "2026-01-05"; false after an error. */
static bool break_date(const struct csvfile *f, const struct csvfile_record *r,
		       const char *text, size_t len, int32_t *day,
		       struct diag_list *diags)
{
	char date[32];
	struct buf why = BUF_INIT;

	if (len < sizeof(date)) {
		memcpy(date, text, len);
		date[len] = '\0';
		if (date_parse(date, day) == 0)
			return true;
		date_explain(date, &why);
	} else {
		buf_puts(&why, "a date is YYYY-MM-DD or DD/MM/YYYY");
	}
	diag_error(diags, f->path, r->line, 0, "`breaks`: %s", buf_cstr(&why));
	buf_free(&why);
	return false;
}

/*
 * `breaks`: "2026-01-05..2026-02-28; 2026-05-01.." in date order, the
 * last perhaps open.  A break must lie after the start.
 */
static void read_breaks(struct load *load, const struct csvfile *f,
			const struct csvfile_record *r, const char *text,
			struct learner *l, bool *bad, struct diag_list *diags)
{
	size_t n = 1;

	for (const char *c = text; *c; c++)
		n += *c == ';';
	l->breaks = arena_alloc(&load->arena, n * sizeof(*l->breaks));
	for (const char *s = text; *s;) {
		const char *end = strchr(s, ';'), *dots;
		size_t len;
		struct learner_break b;

		if (!end)
			end = s + strlen(s);
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		len = (size_t)(end - s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len) {
			dots = memchr(s, '.', len);
			if (!dots || dots + 1 >= s + len || dots[1] != '.') {
				diag_error(diags, f->path, r->line, 0, "`breaks`: "
					   "write each break as FROM..TO, such as "
					   "2026-01-05..2026-02-28 (TO left out "
					   "while the break goes on)");
				*bad = true;
				return;
			}
			if (!break_date(f, r, s, (size_t)(dots - s), &b.from, diags)) {
				*bad = true;
				return;
			}
			b.to = DATE_MAX;
			if (dots + 2 < s + len &&
			    !break_date(f, r, dots + 2, (size_t)(s + len - dots - 2),
					&b.to, diags)) {
				*bad = true;
				return;
			}
			if (b.to < b.from ||
			    (l->nbreaks && b.from <= l->breaks[l->nbreaks - 1].to)) {
				diag_error(diags, f->path, r->line, 0, "`breaks`: "
					   "each break ends after it starts, and "
					   "they are in date order without "
					   "overlapping; an open one (FROM..) "
					   "comes last");
				*bad = true;
				return;
			}
			l->breaks[l->nbreaks++] = b;
		}
		s = *end ? end + 1 : end;
	}
}

static void read_status(const struct csvfile *f, const struct csvfile_record *r,
			const char *text, struct learner *l, bool *bad,
			struct diag_list *diags)
{
	size_t i = 0;

	if (!text)
		return;
	while (i < sizeof(status_names) / sizeof(status_names[0]) &&
	       strcasecmp(text, status_names[i]) != 0)
		i++;
	if (i == sizeof(status_names) / sizeof(status_names[0])) {
		diag_error(diags, f->path, r->line, 0, "`status` must be active, "
			   "break, withdrawn or completed, not `%s`", text);
		*bad = true;
		return;
	}
	l->status = (enum learner_status)i;
}

/* The dates and hours an apprenticeship adds, checked against each other. */
static void read_programme(struct load *load, const struct csvfile *f,
			   const struct csvfile_record *r, const int *index,
			   struct learner *l, bool *bad,
			   struct diag_list *diags)
{
	const char *breaks = csvrow_field(r, index[COL_BREAKS]);
	char a[DATE_ISO_SIZE], b[DATE_ISO_SIZE];

	l->otj_planned = l->otj_rpl = l->hours_per_week = -1;
	l->has_planned_end = csvrow_date(f, r, index[COL_PLANNED_END],
					 "planned_end", &l->planned_end, bad,
					 diags);
	l->has_end = csvrow_date(f, r, index[COL_END], "end", &l->end, bad,
				 diags);
	csvrow_hours(f, r, index[COL_OTJ_PLANNED], "otj_planned",
		     &l->otj_planned, bad, diags);
	csvrow_hours(f, r, index[COL_OTJ_RPL], "otj_rpl", &l->otj_rpl, bad,
		     diags);
	csvrow_hours(f, r, index[COL_HOURS_PER_WEEK], "hours_per_week",
		     &l->hours_per_week, bad, diags);
	read_status(f, r, csvrow_field(r, index[COL_STATUS]), l, bad, diags);
	if (breaks)
		read_breaks(load, f, r, breaks, l, bad, diags);
	if (l->has_start && l->has_planned_end && l->planned_end <= l->start)
		diag_error(diags, f->path, r->line, 0, "learner %s: `planned_end` "
			   "%s is not after `start` %s", l->id,
			   date_format(l->planned_end, a), date_format(l->start, b));
	if (l->has_start && l->has_end && l->end < l->start)
		diag_error(diags, f->path, r->line, 0, "learner %s: `end` %s is "
			   "before `start` %s", l->id, date_format(l->end, a),
			   date_format(l->start, b));
	if (l->has_start && l->nbreaks && l->breaks[0].from <= l->start)
		diag_error(diags, f->path, r->line, 0, "learner %s: a break in "
			   "`breaks` starts on or before `start` %s", l->id,
			   date_format(l->start, b));
	if ((l->status == LEARNER_WITHDRAWN || l->status == LEARNER_COMPLETED) &&
	    !l->has_end)
		diag_warning(diags, f->path, r->line, 0, "learner %s is %s but "
			     "has no `end`: give the date they left, or the "
			     "hours and the caseload are judged up to today",
			     l->id, status_names[l->status]);
	if (l->has_end && (l->status == LEARNER_ACTIVE ||
			   l->status == LEARNER_BREAK))
		diag_warning(diags, f->path, r->line, 0, "learner %s has an `end` "
			     "but their status is %s: set `status` to completed "
			     "or withdrawn", l->id, status_names[l->status]);
	if (l->status == LEARNER_BREAK &&
	    (l->nbreaks == 0 || l->breaks[l->nbreaks - 1].to != DATE_MAX))
		diag_warning(diags, f->path, r->line, 0, "learner %s is on a "
			     "break but `breaks` has no open one (FROM..): say "
			     "when it started, or their time on it counts as "
			     "learning", l->id);
	if (l->status != LEARNER_BREAK && l->nbreaks &&
	    l->breaks[l->nbreaks - 1].to == DATE_MAX)
		diag_warning(diags, f->path, r->line, 0, "learner %s has an open "
			     "break in `breaks` but their status is %s: give the "
			     "date they came back (FROM..TO)", l->id,
			     status_names[l->status]);
}

static void read_learner(struct load *load, const struct csvfile *f,
			 const struct csvfile_record *r, const int *index,
			 size_t *cap, struct diag_list *diags)
{
	const char *id = csvrow_field(r, index[COL_LEARNER]);
	struct learner *l;
	const char *units, *qualifications;
	bool bad = false;

	if (!usable_id(load, f, r, id, diags)) {
		/* Rows naming it elsewhere then say where it went. */
		if (id && !strmap_get(&load->learner_index, id) &&
		    !strmap_get(&load->learner_refused, id)) {
			struct load_place *at = arena_alloc(&load->arena,
							    sizeof(*at));

			at->file = f->path;
			at->line = r->line;
			strmap_put(&load->learner_refused, id, at);
		}
		return;
	}
	l = arena_alloc(&load->arena, sizeof(*l));
	l->id = id;
	l->name = csvrow_field(r, index[COL_NAME]);
	l->registration = csvrow_field(r, index[COL_REGISTRATION]);
	l->cohort = csvrow_field(r, index[COL_COHORT]);
	l->assessor = csvrow_field(r, index[COL_ASSESSOR]);
	l->has_start = csvrow_date(f, r, index[COL_START], "start", &l->start,
				   &bad, diags);
	l->has_public_key = csvrow_base64(f, r, index[COL_PUBLIC_KEY],
					  "public_key", l->public_key,
					  ROLE_PUBLIC_KEY_SIZE, &bad, diags);
	read_programme(load, f, r, index, l, &bad, diags);
	l->file = f->path;
	l->line = r->line;
	units = csvrow_field(r, index[COL_UNITS]);
	qualifications = csvrow_field(r, index[COL_QUALIFICATION]);
	read_units(load, f, r, units, l, diags);
	read_qualifications(load, f, r, qualifications, units != NULL, l,
			    diags);
	/* They would be listed with no portfolio, and nothing said why
	 * (an unknown qualification or unit is an error of its own). */
	if (!units && !qualifications)
		diag_warning(diags, f->path, r->line, 0,
			     "learner %s is registered on no unit: list their "
			     "units in `units`, or their `qualification`",
			     l->id);
	l->extra = csvrow_extras(&load->arena, f, r, index, NCOLUMNS, &l->nextra);
	strmap_put(&load->learner_index, l->id, l);
	strmap_put(&load->learner_folded, ident_fold(&load->arena, l->id),
		   (void *)l->id);
	load->learners = mem_array_grow(load->learners, cap,
					load->nlearners + 1,
					sizeof(*load->learners));
	load->learners[load->nlearners++] = l;
}

static int compare_learners(const void *a, const void *b)
{
	const struct learner *x = *(const struct learner *const *)a;
	const struct learner *y = *(const struct learner *const *)b;

	return strcmp(x->id, y->id);
}

int learner_load(struct load *load, const char *path, struct diag_list *diags)
{
	int index[NCOLUMNS], err;
	size_t cap = 0;
	const struct csvfile *f = load_read_csv(load, path, columns, NCOLUMNS,
						index, &err, diags);

	load->learners_file = path;
	load->learners_unread = !f;
	if (!f)
		return err;
	for (size_t i = 0; i < f->nrecords; i++) {
		const char *id = csvrow_field(&f->records[i], index[COL_LEARNER]);

		diag_list_about(diags, id ? id : "", NULL);
		read_learner(load, f, &f->records[i], index, &cap, diags);
	}
	diag_list_about(diags, NULL, NULL);
	if (load->nlearners)
		qsort(load->learners, load->nlearners, sizeof(*load->learners),
		      compare_learners);
	for (size_t i = 0; i < load->nlearners; i++)
		load->learners[i]->index = i;
	return 0;
}

bool learner_registered(const struct learner *l, const struct unit *u)
{
	for (size_t i = 0; i < l->nunits; i++)
		if (l->units[i] == u)
			return true;
	return false;
}

const struct learner_break *learner_break_on(const struct learner *l,
					     int32_t day)
{
	for (size_t i = 0; i < l->nbreaks; i++)
		if (day >= l->breaks[i].from && day <= l->breaks[i].to)
			return &l->breaks[i];
	return NULL;
}

long learner_days_learning(const struct learner *l, int32_t from, int32_t to,
			   int32_t asof)
{
	long days;

	if (to < from)
		return 0;
	days = (long)to - from + 1;
	for (size_t i = 0; i < l->nbreaks; i++) {
		int32_t end = l->breaks[i].to == DATE_MAX && asof < l->breaks[i].to ?
			      asof : l->breaks[i].to;
		int32_t a = l->breaks[i].from > from ? l->breaks[i].from : from;
		int32_t b = end < to ? end : to;

		if (b >= a)
			days -= (long)b - a + 1;
	}
	return days;
}

const char *learner_status_name(enum learner_status s)
{
	return status_names[s];
}
