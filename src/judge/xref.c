/*
 * xref.c - applying a unit's rules to a learner's evidence (see xref.h).
 */
#include "judge/xref.h"
#include "base/buf.h"
#include "base/mem.h"
#include "base/threads.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

enum xref_counts xref_row_counts(const struct evidence *e)
{
	if (e->future)
		return XREF_COUNTS_NOT_YET;
	if (!e->method_allowed)
		return XREF_COUNTS_NOT;
	if (e->simulated && !e->unit->simulation)
		return XREF_COUNTS_FOR_KNOWLEDGE;
	return XREF_COUNTS_FULLY;
}

bool xref_row_counting(const struct evidence *e)
{
	enum xref_counts counts = xref_row_counts(e);

	return counts == XREF_COUNTS_FULLY || counts == XREF_COUNTS_FOR_KNOWLEDGE;
}

const struct evidence *xref_last_counting(const struct portfolio *p)
{
	const struct evidence *last = NULL;

	for (size_t i = 0; i < p->nrows; i++)
		if (xref_row_counting(p->rows[i]) &&
		    (!last || p->rows[i]->date >= last->date))
			last = p->rows[i];
	return last;
}

/*
 * A portfolio's rows are applied twice: first only counted, so that every
 * list is allocated once at its size (lists grown by doubling left two to
 * three times their size behind in the arena, a fifth of a large check's
 * time in the kernel zeroing it), then stored.
 */
static void cover(struct xref_coverage *c, const struct evidence *e,
		  bool counts, bool store)
{
	if (counts) {
		if (store)
			c->evidence[c->nevidence] = e;
		c->nevidence++;
	} else {
		if (store)
			c->uncounted[c->nuncounted] = e;
		c->nuncounted++;
	}
}

static void add_gap(struct arena *a, struct portfolio *p, size_t *cap,
		    enum xref_gap_code code, const char *target,
		    struct buf *message)
{
	struct xref_gap *g;

	p->gaps = arena_grow(a, p->gaps, cap, p->ngaps + 1,
			     sizeof(*p->gaps));
	g = &p->gaps[p->ngaps++];
	g->code = code;
	g->target = target;
	g->message = arena_strndup(a, buf_cstr(message), message->len);
	buf_truncate(message, 0);
}

/* "WT, Q": the methods of the rows that cover a criterion, each once. */
static void list_methods(const struct xref_coverage *c, struct buf *out)
{
	size_t start = out->len;

	for (size_t i = 0; i < c->nevidence; i++) {
		const char *m = c->evidence[i]->method;
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			seen |= strcmp(c->evidence[j]->method, m) == 0;
		if (!seen)
			buf_printf(out, "%s%s", out->len > start ? ", " : "", m);
	}
}

/* " (not counted: O/02 is simulated; W/1 uses WP, which the unit does not allow)" */
static void explain_uncounted(const struct xref_coverage *c, struct buf *out)
{
	for (size_t i = 0; i < c->nuncounted; i++) {
		const struct evidence *e = c->uncounted[i];

		buf_puts(out, i ? "; " : " (not counted: ");
		if (xref_row_counts(e) == XREF_COUNTS_NOT_YET)
			buf_printf(out, "%s is dated after today", e->ref);
		else if (xref_row_counts(e) == XREF_COUNTS_NOT)
			buf_printf(out, "%s uses %s, which the unit does not allow",
				   e->ref, e->method);
		else
			buf_printf(out, "%s is simulated, which the unit does not accept",
				   e->ref);
	}
	if (c->nuncounted)
		buf_putc(out, ')');
}

static void occasions_gap(const struct portfolio *p, struct buf *msg)
{
	long needed = p->unit->occasions;

	if (p->occasions == 0)
		buf_printf(msg, "there is no performance evidence yet");
	else
		buf_printf(msg, "performance evidence is from %zu date%s",
			   p->occasions, p->occasions == 1 ? "" : "s");
	if (needed > 1)
		buf_printf(msg, "; the unit needs %ld different occasions", needed);
}

static void find_gaps(struct arena *a, struct portfolio *p)
{
	const struct unit *u = p->unit;
	struct buf msg = BUF_INIT;
	size_t cap = 0;

	for (size_t i = 0; i < u->ncriteria; i++) {
		const struct unit_criterion *c = u->criteria[i];
		const struct xref_coverage *cov = &p->criteria[i];

		if (cov->met)
			continue;
		if (cov->nevidence) {
			buf_printf(&msg, "criterion %s must be observed; so far its evidence is ",
				   c->id);
			list_methods(cov, &msg);
			buf_puts(&msg, " only");
		} else {
			buf_printf(&msg, "criterion %s has no evidence%s yet",
				   c->id, cov->nuncounted ? " that counts" : "");
		}
		explain_uncounted(cov, &msg);
		buf_printf(&msg, ": %s", c->text);
		add_gap(a, p, &cap, cov->nevidence ? XREF_NEEDS_OBSERVATION
						   : XREF_MISSING_EVIDENCE, c->id, &msg);
	}
	for (size_t i = 0; i < u->nrequirements; i++) {
		const struct unit_requirement *r = u->requirements[i];
		const struct xref_coverage *cov = &p->requirements[i];

		if (cov->met)
			continue;
		buf_printf(&msg, "requirement %s has no evidence%s yet", r->id,
			   cov->nuncounted ? " that counts" : "");
		explain_uncounted(cov, &msg);
		buf_printf(&msg, ": %s", r->text);
		add_gap(a, p, &cap, XREF_REQUIREMENT_UNCOVERED, r->id, &msg);
	}
	if (p->occasions < (size_t)u->occasions) {
		occasions_gap(p, &msg);
		add_gap(a, p, &cap, XREF_TOO_FEW_OCCASIONS, NULL, &msg);
	}
	buf_free(&msg);
}

static bool covers_performance(const struct evidence *e)
{
	for (size_t i = 0; i < e->ncriteria; i++)
		if (!e->criteria[i]->outcome->knowledge)
			return true;
	return false;
}

/*
 * Applies one row, or with store false only counts its entries;
 * last_date tracks distinct dates (rows come by date).
 */
static void apply_row(struct portfolio *p, const struct evidence *e,
		      bool store, bool *observed, int32_t *last_date)
{
	enum xref_counts counts = xref_row_counts(e);

	for (size_t i = 0; i < e->ncriteria; i++) {
		const struct unit_criterion *c = e->criteria[i];
		bool counted = counts == XREF_COUNTS_FULLY ||
			       (counts == XREF_COUNTS_FOR_KNOWLEDGE &&
				c->outcome->knowledge);

		cover(&p->criteria[c->index], e, counted, store);
		if (store && counted && strcmp(e->method, "O") == 0)
			observed[c->index] = true;
	}
	for (size_t i = 0; i < e->nrequirements; i++)
		cover(&p->requirements[e->requirements[i]->index], e,
		      counts == XREF_COUNTS_FULLY, store);
	if (!store)
		return;
	if (counts == XREF_COUNTS_FULLY && covers_performance(e) &&
	    (p->occasions == 0 || e->date != *last_date)) {
		p->occasions++;
		*last_date = e->date;
	}
}

/* Room for each list as counted, which empties them for storing. */
static const struct evidence **make_room(struct xref_coverage *c, size_t n,
					 const struct evidence **at)
{
	for (size_t i = 0; i < n; i++) {
		c[i].evidence = at;
		at += c[i].nevidence;
		c[i].uncounted = at;
		at += c[i].nuncounted;
		c[i].nevidence = c[i].nuncounted = 0;
	}
	return at;
}

static size_t entries(const struct xref_coverage *c, size_t n)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += c[i].nevidence + c[i].nuncounted;
	return total;
}

/* The rows of the portfolio's unit, and its lists made to measure. */
static void gather(struct arena *a, struct portfolio *p,
		   const struct evidence *const *rows, size_t nrows)
{
	const struct unit *u = p->unit;
	const struct evidence **block;

	for (size_t i = 0; i < nrows; i++) {
		if (rows[i]->unit != u)
			continue;
		p->nrows++;
		apply_row(p, rows[i], false, NULL, NULL);
	}
	p->rows = arena_alloc_raw(a, (p->nrows + 1) * sizeof(*p->rows));
	block = arena_alloc_raw(a, (entries(p->criteria, u->ncriteria) +
				    entries(p->requirements, u->nrequirements) + 1) *
				sizeof(*block));
	block = make_room(p->criteria, u->ncriteria, block);
	make_room(p->requirements, u->nrequirements, block);
}

static void judge(struct arena *a, struct portfolio *p,
		  const struct evidence *const *rows, size_t nrows)
{
	const struct unit *u = p->unit;
	bool *observed = mem_calloc(u->ncriteria, sizeof(*observed));
	int32_t last_date = 0;
	size_t n = 0;

	p->criteria = arena_alloc(a, (u->ncriteria + 1) * sizeof(*p->criteria));
	p->requirements = arena_alloc(a,
				      (u->nrequirements + 1) * sizeof(*p->requirements));
	gather(a, p, rows, nrows);
	for (size_t i = 0; i < nrows; i++) {
		if (rows[i]->unit != u)
			continue;
		p->rows[n++] = rows[i];
		apply_row(p, rows[i], true, observed, &last_date);
	}
	for (size_t i = 0; i < u->ncriteria; i++) {
		struct xref_coverage *c = &p->criteria[i];

		c->met = u->criteria[i]->observe ? observed[i] : c->nevidence > 0;
		p->met += c->met;
	}
	for (size_t i = 0; i < u->nrequirements; i++)
		p->requirements[i].met = p->requirements[i].nevidence > 0;
	p->total = u->ncriteria;
	p->percent = p->total ? (int)(100 * p->met / p->total) : 0;
	find_gaps(a, p);
	if (p->nrows == 0)
		p->status = XREF_NOT_STARTED;
	else if (p->met == p->total && p->ngaps == 0)
		p->status = XREF_COMPLETE;
	else
		p->status = XREF_IN_PROGRESS;
	free(observed);
}

/* The learner's units, registered or evidenced, as flags in model order. */
static void mark_units(const struct model *m, const struct learner *l,
		       bool *units)
{
	const struct evidence *const *rows = m->evidence + l->first_evidence;

	memset(units, 0, m->nunits * sizeof(*units));
	for (size_t i = 0; i < l->nunits; i++)
		units[model_unit_index(m, l->units[i])] = true;
	for (size_t i = 0; i < l->nevidence; i++)
		units[model_unit_index(m, rows[i]->unit)] = true;
}

/* Each learner's portfolios, in place, with nothing judged yet. */
static void list_portfolios(struct xref *x, const struct model *m)
{
	bool *units = mem_calloc(m->nunits + 1, sizeof(*units));
	size_t total = 0;

	for (size_t pass = 0; pass < 2; pass++) {
		if (pass == 1)
			x->portfolios = mem_calloc(total + 1, sizeof(*x->portfolios));
		for (size_t li = 0; li < m->nlearners; li++) {
			const struct learner *l = m->learners[li];

			mark_units(m, l, units);
			x->first[li] = x->nportfolios;
			for (size_t ui = 0; ui < m->nunits; ui++) {
				struct portfolio *p;

				if (!units[ui])
					continue;
				if (pass == 0) {
					total++;
					continue;
				}
				p = &x->portfolios[x->nportfolios++];
				p->learner = l;
				p->unit = m->units[ui];
				p->registered = learner_registered(l, p->unit);
			}
			x->count[li] = x->nportfolios - x->first[li];
		}
	}
	free(units);
}

/*
 * Judging is most of the work and each portfolio is judged alone, so
 * threads take batches of learners; each allocates from an arena of its
 * own, and the model is only read.
 */
struct judging {
	struct xref *x;
	const struct model *m;
	atomic_size_t next;        /* the next learner to take */
};

#define XREF_BATCH 64

static void *judge_learners(void *arg)
{
	struct judging *j = arg;
	const struct model *m = j->m;
	struct arena *a = NULL;

	for (;;) {
		size_t from = atomic_fetch_add(&j->next, XREF_BATCH);

		if (from >= m->nlearners)
			break;
		for (size_t li = from; li < m->nlearners && li < from + XREF_BATCH; li++) {
			const struct learner *l = m->learners[li];

			for (size_t k = 0; k < j->x->count[li]; k++) {
				if (!a)
					a = mem_calloc(1, sizeof(*a));
				judge(a, &j->x->portfolios[j->x->first[li] + k],
				      m->evidence + l->first_evidence, l->nevidence);
			}
		}
	}
	return a;
}

static size_t judging_threads(const struct model *m)
{
	size_t cores = threads_cores();

	/* Threads pay only when there is a fair amount to judge. */
	if (m->nlearners < 4 * XREF_BATCH)
		return 1;
	return cores < XREF_MAX_THREADS ? cores : XREF_MAX_THREADS;
}

void xref_build(struct xref *x, const struct model *m)
{
	xref_build_threads(x, m, judging_threads(m));
}

void xref_build_threads(struct xref *x, const struct model *m, size_t n)
{
	struct judging j = { x, m, 0 };
	void *arenas[XREF_MAX_THREADS];

	if (n < 1)
		n = 1;
	if (n > XREF_MAX_THREADS)
		n = XREF_MAX_THREADS;

	memset(x, 0, sizeof(*x));
	x->first = mem_calloc(m->nlearners + 1, sizeof(*x->first));
	x->count = mem_calloc(m->nlearners + 1, sizeof(*x->count));
	list_portfolios(x, m);
	/* The threads share the queue of learners; each returns its arena. */
	threads_run(judge_learners, &j, 0, n, arenas);
	for (size_t i = 0; i < n; i++)
		if (arenas[i])
			x->arenas[x->narenas++] = arenas[i];
	/* The later stages allocate from arenas[0]: there is one even when
	 * no portfolio was judged (learners with no units and no evidence
	 * yet, as in a centre being set up). */
	if (x->narenas == 0)
		x->arenas[x->narenas++] = mem_calloc(1, sizeof(struct arena));
}

struct portfolio *xref_find(const struct xref *x, const struct learner *l,
			     const struct unit *u)
{
	size_t first = x->first[l->index];

	for (size_t i = first; i < first + x->count[l->index]; i++)
		if (x->portfolios[i].unit == u)
			return &x->portfolios[i];
	return NULL;
}

void xref_free(struct xref *x)
{
	free(x->portfolios);
	free(x->first);
	free(x->count);
	for (size_t i = 0; i < x->narenas; i++) {
		arena_free(x->arenas[i]);
		free(x->arenas[i]);
	}
	memset(x, 0, sizeof(*x));
}

void xref_tally_add(struct xref_tally *t, const struct portfolio *p)
{
	t->portfolios++;
	t->by_status[p->status]++;
	t->with_gaps += p->ngaps > 0;
}

void xref_tally_merge(struct xref_tally *into, const struct xref_tally *t)
{
	into->portfolios += t->portfolios;
	for (size_t k = 0; k <= XREF_SIGNED_OFF; k++)
		into->by_status[k] += t->by_status[k];
	into->with_gaps += t->with_gaps;
}

size_t xref_tally_complete(const struct xref_tally *t)
{
	return t->by_status[XREF_COMPLETE] + t->by_status[XREF_SIGNED_OFF];
}

const char *xref_status_name(enum xref_status status)
{
	static const char *const names[] = {
		"not-started", "in-progress", "complete", "signed-off",
	};

	return names[status];
}

const char *xref_gap_name(enum xref_gap_code code)
{
	static const char *const names[] = {
		"missing-evidence", "needs-observation",
		"requirement-uncovered", "too-few-occasions",
	};

	return names[code];
}

const char *xref_counts_name(enum xref_counts counts)
{
	static const char *const names[] = { "fully", "knowledge", "no", "no" };

	return names[counts];
}
