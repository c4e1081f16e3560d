/*
 * diff.c - what changed between two judged centres (see diff.h).
 */
#include "judge/diff.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/mem.h"
#include "read/iqa.h"
#include "read/role.h"
#include "read/signoff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void add(struct diff *d, struct diff_list *l, const char *text)
{
	l->items = arena_grow(&d->arena, l->items, &l->cap, l->count + 1,
			      sizeof(*l->items));
	l->items[l->count++] = arena_strdup(&d->arena, text);
}

static bool has(const struct diff_list *l, const char *text)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->items[i], text) == 0)
			return true;
	return false;
}

/* Whether the portfolio met the criterion with this id (false: absent). */
static bool met(const struct portfolio *p, const char *id)
{
	const struct unit_criterion *c = p ? unit_find_criterion(p->unit, id) : NULL;

	return c && p->criteria[c->index].met;
}

static void criteria(struct diff *d, struct diff_portfolio *o)
{
	const struct portfolio *a = o->before, *b = o->after;

	for (size_t i = 0; b && i < b->unit->ncriteria; i++) {
		const char *id = b->unit->criteria[i]->id;

		if (b->criteria[i].met && !met(a, id))
			add(d, &o->met, id);
	}
	for (size_t i = 0; a && i < a->unit->ncriteria; i++) {
		const char *id = a->unit->criteria[i]->id;

		if (a->criteria[i].met && !met(b, id))
			add(d, &o->unmet, id);
	}
}

static void gap_texts(struct diff *d, const struct portfolio *p,
		      struct diff_list *out)
{
	struct buf t = BUF_INIT;

	for (size_t i = 0; p && i < p->ngaps; i++) {
		buf_truncate(&t, 0);
		buf_puts(&t, xref_gap_name(p->gaps[i].code));
		if (p->gaps[i].target)
			buf_printf(&t, " %s", p->gaps[i].target);
		add(d, out, buf_cstr(&t));
	}
	buf_free(&t);
}

static void gaps(struct diff *d, struct diff_portfolio *o)
{
	struct diff_list before = { 0 }, after = { 0 };

	gap_texts(d, o->before, &before);
	gap_texts(d, o->after, &after);
	for (size_t i = 0; i < after.count; i++)
		if (!has(&before, after.items[i]))
			add(d, &o->gaps_opened, after.items[i]);
	for (size_t i = 0; i < before.count; i++)
		if (!has(&after, before.items[i]))
			add(d, &o->gaps_closed, before.items[i]);
}

/* What a verifier reads in a row, as one text to compare. */
static void row_text(const struct evidence *e, struct buf *t)
{
	char day[DATE_ISO_SIZE];

	buf_truncate(t, 0);
	buf_printf(t, "%s|%s|", date_format(e->date, day), e->method);
	for (size_t i = 0; i < e->ncriteria; i++)
		buf_printf(t, "%s ", e->criteria[i]->id);
	buf_putc(t, '|');
	for (size_t i = 0; i < e->nrequirements; i++)
		buf_printf(t, "%s ", e->requirements[i]->id);
	buf_printf(t, "|%s|%s|%s|%d", e->summary, e->assessor ? e->assessor : "",
		   e->location ? e->location : "", e->simulated);
}

static const struct evidence *row_of(const struct portfolio *p,
				     const char *ref)
{
	for (size_t i = 0; p && i < p->nrows; i++)
		if (strcmp(p->rows[i]->ref, ref) == 0)
			return p->rows[i];
	return NULL;
}

static void rows(struct diff *d, struct diff_portfolio *o)
{
	const struct portfolio *a = o->before, *b = o->after;
	struct buf ta = BUF_INIT, tb = BUF_INIT;

	for (size_t i = 0; b && i < b->nrows; i++) {
		const struct evidence *now = b->rows[i];
		const struct evidence *was = row_of(a, now->ref);

		if (row_of(b, now->ref) != now)
			continue;   /* a ref written twice: its first row speaks */
		if (!was) {
			add(d, &o->rows_added, now->ref);
			continue;
		}
		row_text(was, &ta);
		row_text(now, &tb);
		if (strcmp(buf_cstr(&ta), buf_cstr(&tb)) != 0)
			add(d, &o->rows_changed, now->ref);
	}
	for (size_t i = 0; a && i < a->nrows; i++)
		if (row_of(a, a->rows[i]->ref) == a->rows[i] &&
		    !row_of(b, a->rows[i]->ref))
			add(d, &o->rows_removed, a->rows[i]->ref);
	buf_free(&ta);
	buf_free(&tb);
}

/* The IQA samples of portfolio p (NULL: none) in model m, as words. */
static void iqa_texts(struct diff *d, const struct model *m,
		      const struct portfolio *p, struct diff_list *out)
{
	struct buf t = BUF_INIT;
	char day[DATE_ISO_SIZE];
	size_t n = 0;
	const struct iqa_record *r = p ? iqa_find(m->iqa, m->niqa, p->learner,
						  p->unit, &n) : NULL;

	for (size_t i = 0; i < n; i++) {
		buf_truncate(&t, 0);
		buf_printf(&t, "%s %s %s %s", date_format(r[i].date, day), r[i].iqa,
			   iqa_kind_name(r[i].kind), iqa_decision_name(r[i].decision));
		add(d, out, buf_cstr(&t));
	}
	buf_free(&t);
}

/* p's declarations (the latest of each role, as judged), as words. */
static void signoff_texts(struct diff *d, const struct portfolio *p,
			  struct diff_list *out)
{
	struct buf t = BUF_INIT;
	char day[DATE_ISO_SIZE];

	for (size_t i = 0; p && i < p->nsignoffs; i++) {
		const struct signoff *s = p->signoffs[i].row;

		buf_truncate(&t, 0);
		buf_printf(&t, "%s %s %s", role_name(s->role), s->who,
			   date_format(s->date, day));
		add(d, out, buf_cstr(&t));
	}
	buf_free(&t);
}

/* The texts of new's that old's lacks. */
static void added(struct diff *d, const struct diff_list *old_l,
		  const struct diff_list *new_l, struct diff_list *out)
{
	for (size_t i = 0; i < new_l->count; i++)
		if (!has(old_l, new_l->items[i]))
			add(d, out, new_l->items[i]);
}

static bool changed(const struct diff_portfolio *o)
{
	const struct portfolio *a = o->before, *b = o->after;

	return !a || !b || a->status != b->status || a->percent != b->percent ||
	       o->met.count || o->unmet.count || o->gaps_opened.count ||
	       o->gaps_closed.count || o->rows_added.count ||
	       o->rows_changed.count || o->rows_removed.count ||
	       o->iqa_added.count || o->signoffs_added.count;
}

static void compare(struct diff *d, const struct model *old_m,
		    const struct model *new_m, const struct portfolio *a,
		    const struct portfolio *b)
{
	const struct portfolio *p = b ? b : a;
	struct diff_portfolio o = {
		.learner = p->learner->id,
		.name = p->learner->name ? p->learner->name : p->learner->id,
		.unit = p->unit->id,
		.unit_title = p->unit->title ? p->unit->title : p->unit->id,
		.before = a, .after = b,
	};
	struct diff_list old_l = { 0 }, new_l = { 0 };

	criteria(d, &o);
	gaps(d, &o);
	rows(d, &o);
	iqa_texts(d, old_m, a, &old_l);
	iqa_texts(d, new_m, b, &new_l);
	added(d, &old_l, &new_l, &o.iqa_added);
	old_l.count = new_l.count = 0;
	signoff_texts(d, a, &old_l);
	signoff_texts(d, b, &new_l);
	added(d, &old_l, &new_l, &o.signoffs_added);
	if (!changed(&o))
		return;
	d->items = arena_grow(&d->arena, d->items, &d->cap, d->count + 1,
			      sizeof(*d->items));
	d->items[d->count++] = o;
}

/* Portfolios in order: learners by id, a learner's units by id. */
static int order(const struct portfolio *a, const struct portfolio *b)
{
	int c = strcmp(a->learner->id, b->learner->id);

	return c ? c : strcmp(a->unit->id, b->unit->id);
}

static int order_pointers(const void *a, const void *b)
{
	return order(*(const struct portfolio *const *)a,
		     *(const struct portfolio *const *)b);
}

/* x's portfolios in that order, whatever order x keeps them in. */
static const struct portfolio **sorted(const struct xref *x)
{
	const struct portfolio **list = mem_calloc(x->nportfolios + 1,
						   sizeof(*list));

	for (size_t i = 0; i < x->nportfolios; i++)
		list[i] = &x->portfolios[i];
	qsort(list, x->nportfolios, sizeof(*list), order_pointers);
	return list;
}

void diff_centres(struct diff *d, const struct model *old_m,
		  const struct xref *old_x, const struct model *new_m,
		  const struct xref *new_x)
{
	const struct portfolio **olds = sorted(old_x), **news = sorted(new_x);
	size_t i = 0, j = 0;

	memset(d, 0, sizeof(*d));
	/* One merging walk of the two ordered lists. */
	while (i < old_x->nportfolios || j < new_x->nportfolios) {
		const struct portfolio *a = i < old_x->nportfolios ? olds[i] : NULL;
		const struct portfolio *b = j < new_x->nportfolios ? news[j] : NULL;
		int c = !a ? 1 : !b ? -1 : order(a, b);

		compare(d, old_m, new_m, c <= 0 ? a : NULL, c >= 0 ? b : NULL);
		i += c <= 0;
		j += c >= 0;
	}
	free(olds);
	free(news);
}

void diff_free(struct diff *d)
{
	arena_free(&d->arena);
	memset(d, 0, sizeof(*d));
}
