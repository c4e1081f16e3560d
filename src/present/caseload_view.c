/*
 * caseload_view.c - the caseload as values and CSV (see caseload_view.h).
 */
#include "present/caseload_view.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/mem.h"
#include "judge/caseload.h"
#include "judge/otj_check.h"
#include "present/export.h"
#include "present/url.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct value caseload_view_learner(struct arena *a, const struct model *m,
				   const struct xref *x, size_t li)
{
	const struct learner *l = m->learners[li];
	const struct caseload_learner *c = caseload_of(x, l);
	const struct otj_progress *p = otj_check_of(x, l);
	struct value_obj o = value_obj_new(a, 13);

	value_put(&o, "learner", value_text(l->id));
	value_put(&o, "name", value_text(l->name ? l->name : l->id));
	value_put(&o, "assessor", value_text(l->assessor));
	value_put(&o, "assessor_name", value_text(model_assessor_name(m, l->assessor)));
	value_put(&o, "status", value_text(learner_status_name(l->status)));
	value_put(&o, "planned_end", export_date_or_null(l->has_planned_end,
							  l->planned_end));
	value_put(&o, "href", url_value(a, URL_LEARNER, l->id, NULL));
	value_put(&o, "reasons", export_attention(a, x, l));
	value_put(&o, "attention", c->nreasons ? value_text(c->reasons[0].text)
					       : value_null());
	value_put(&o, "otj_pace", p->apprentice && p->pace >= 0 ?
		  value_int(p->pace) : value_null());
	value_put(&o, "last_review", c->last_review ?
		  export_date_or_null(true, c->last_review->date) :
		  value_null());
	value_put(&o, "review_due", export_date_or_null(c->has_review_due,
							 c->review_due));
	return value_obj_done(&o);
}

struct value caseload_view_list(struct arena *a, const struct model *m,
				const struct xref *x, const char *assessor)
{
	size_t n, fine;
	size_t *order = caseload_list(x, m, assessor, &n, &fine);
	struct value *items = value_items(a, n);
	struct value_obj o = value_obj_new(a, 7);

	for (size_t i = 0; i < n; i++)
		items[i] = caseload_view_learner(a, m, x, order[i]);
	free(order);
	value_put(&o, "today", export_date_or_null(true, m->today));
	value_put(&o, "assessor", value_text(assessor));
	value_put(&o, "assessor_name", value_text(model_assessor_name(m, assessor)));
	value_put(&o, "learners", value_list(items, n));
	value_put(&o, "count", value_int((long long)n));
	value_put(&o, "fine", value_int((long long)fine));
	value_put(&o, "has_learners", value_bool(n > 0));
	return value_obj_done(&o);
}

void caseload_view_csv(const struct model *m, const struct xref *x,
		       const char *assessor, struct buf *out)
{
	size_t n, fine;
	size_t *order = caseload_list(x, m, assessor, &n, &fine);
	struct buf reasons = BUF_INIT;
	char d[DATE_ISO_SIZE];

	buf_puts(out, "learner,name,assessor,planned_end,first,reasons\n");
	for (size_t i = 0; i < n; i++) {
		const struct learner *l = m->learners[order[i]];
		const struct caseload_learner *c = caseload_of(x, l);

		buf_put_csv_field(out, l->id);
		buf_putc(out, ',');
		buf_put_csv_field(out, l->name);
		buf_putc(out, ',');
		buf_put_csv_field(out, l->assessor);
		buf_putc(out, ',');
		if (l->has_planned_end)
			buf_puts(out, date_format(l->planned_end, d));
		buf_putc(out, ',');
		buf_put_csv_field(out, caseload_code_name(c->reasons[0].code));
		buf_putc(out, ',');
		buf_truncate(&reasons, 0);
		for (size_t k = 0; k < c->nreasons; k++)
			buf_printf(&reasons, "%s%s", k ? "; " : "",
				   c->reasons[k].text);
		buf_put_csv_field(out, buf_cstr(&reasons));
		buf_putc(out, '\n');
	}
	buf_free(&reasons);
	free(order);
}

/* The initials as assessors.csv writes them, else as given. */
static const char *listed_initials(const struct model *m, const char *initials)
{
	const struct assessor *as = model_find_assessor(m, initials);

	return as ? as->initials : initials;
}

static int compare_initials(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **caseload_view_assessors(const struct model *m, size_t *count)
{
	size_t cap = m->nassessors + m->nlearners + 1, n = 0, kept = 0;
	const char **all = mem_calloc(cap, sizeof(*all));

	for (size_t i = 0; i < m->nassessors; i++)
		if (m->assessors[i]->role == ASSESSOR_ROLE_ASSESSOR)
			all[n++] = m->assessors[i]->initials;
	for (size_t i = 0; i < m->nlearners; i++)
		if (m->learners[i]->assessor)
			all[n++] = listed_initials(m, m->learners[i]->assessor);
	if (n)
		qsort(all, n, sizeof(*all), compare_initials);
	/* One per initials in any case: pages named apart only by case
	 * would be one file on Windows and macOS. */
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		for (size_t k = 0; k < kept && !seen; k++)
			seen = strcasecmp(all[k], all[i]) == 0;
		if (!seen && ident_valid(all[i]))
			all[kept++] = all[i];
	}
	*count = kept;
	return all;
}

struct value caseload_view_assessor_href(struct arena *a,
					 const char *const *pages, size_t n,
					 const char *initials)
{
	for (size_t i = 0; initials && i < n; i++)
		if (strcasecmp(pages[i], initials) == 0)
			return url_value(a, URL_ASSESSOR, pages[i], NULL);
	return value_null();
}

struct value caseload_view_assessor(struct arena *a, const struct model *m,
				    const struct xref *x, const char *initials)
{
	struct value_obj o = value_obj_new(a, 10);
	size_t n, fine, nothers = 0, total = 0;
	size_t *order = caseload_list(x, m, initials, &n, &fine);
	struct value *items = value_items(a, n), *others;

	for (size_t i = 0; i < n; i++)
		items[i] = caseload_view_learner(a, m, x, order[i]);
	for (size_t i = 0; i < m->nlearners; i++)
		total += caseload_assessor_is(m->learners[i], initials);
	others = value_items(a, total - n);
	for (size_t i = 0; i < m->nlearners; i++) {
		const struct learner *l = m->learners[i];

		if (caseload_assessor_is(l, initials) &&
		    !caseload_of(x, l)->nreasons)
			others[nothers++] = caseload_view_learner(a, m, x, i);
	}
	free(order);
	value_put(&o, "initials", value_text(initials));
	value_put(&o, "name", value_text(model_assessor_name(m, initials)));
	value_put(&o, "learners", value_list(items, n));
	value_put(&o, "others", value_list(others, nothers));
	value_put(&o, "count", value_int((long long)n));
	value_put(&o, "fine", value_int((long long)fine));
	value_put(&o, "learners_total", value_int((long long)total));
	value_put(&o, "has_learners", value_bool(n > 0));
	value_put(&o, "has_others", value_bool(nothers > 0));
	return value_obj_done(&o);
}
