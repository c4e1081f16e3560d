/*
 * sample.c - building the IQA's sampling plan (see sample.h for the rules).
 *
 * The population is a list of candidates, one per portfolio with evidence,
 * each knowing the values (cohort, assessor, methods, ...) it would show
 * the EQA.  Values are found once; the greedy cover then keeps the
 * candidates in a heap by what they would add (cover_camera), and the
 * rates are met by a walk over them in their seeded order.
 */
#include "judge/sample.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/mem.h"
#include "base/strmap.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum state {
	ELIGIBLE,
	BEFORE,     /* sampled already and agreed: not chosen again */
	CHOSEN,
};

struct candidate {
	const struct portfolio *p;
	const char *assessor;
	enum iqa_kind kind;
	const struct iqa_record *latest;   /* its latest IQA record, or NULL */
	enum state state;
	bool by_rate;
	size_t rank;                       /* place in the seeded shuffle */
	size_t *values;                    /* indexes into the plan's values */
	size_t nvalues, values_cap;
	long entry;                        /* once chosen */
};

struct planner {
	struct sample *s;
	const struct model *m;
	struct candidate *cands;
	size_t ncands;
	struct strmap value_index;         /* key -> index + 1 */
	size_t values_cap;
	struct buf key;                    /* intern_value's scratch */
};

const char *sample_dimension_name(enum sample_dimension d)
{
	static const char *const names[SAMPLE_NDIMENSIONS] = {
		"candidates", "assessors", "methods", "elements", "records",
		"locations", "kinds",
	};

	return d < SAMPLE_NDIMENSIONS ? names[d] : "?";
}

/* ---- the population ----------------------------------------------------- */

static int compare_record_key(const struct iqa_record *r,
			      const struct portfolio *p)
{
	int c = strcmp(r->learner->id, p->learner->id);

	return c ? c : strcmp(r->unit->id, p->unit->id);
}

/* Whoever assessed most of the portfolio's rows (the first such, by initials). */
static const char *main_assessor(const struct portfolio *p)
{
	const char *best = NULL;
	size_t best_n = 0;

	for (size_t i = 0; i < p->nrows; i++) {
		const char *a = p->rows[i]->assessor;
		size_t n = 0;

		for (size_t j = 0; j < p->nrows; j++)
			n += strcmp(p->rows[j]->assessor, a) == 0;
		if (n > best_n || (n == best_n && strcmp(a, best) < 0)) {
			best = a;
			best_n = n;
		}
	}
	return best;
}

/* Candidates in portfolio order; the IQA records are in the same order. */
const struct iqa_record **sample_latest_records(const struct model *m,
						 const struct xref *x)
{
	const struct iqa_record **latest = mem_calloc(x->nportfolios + 1,
						      sizeof(*latest));
	size_t r = 0;

	/* Both are in learner id, then unit id order: one walk of each. */
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];

		while (r < m->niqa && compare_record_key(&m->iqa[r], p) < 0)
			r++;
		while (r < m->niqa && compare_record_key(&m->iqa[r], p) == 0)
			latest[i] = &m->iqa[r++];
	}
	return latest;
}

static void find_candidates(struct planner *pl, const struct xref *x)
{
	const struct iqa_record **latest = sample_latest_records(pl->m, x);

	pl->cands = mem_calloc(x->nportfolios ? x->nportfolios : 1,
			       sizeof(*pl->cands));
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];
		struct candidate *c;

		if (!p->nrows) {
			pl->s->not_started++;
			continue;
		}
		c = &pl->cands[pl->ncands++];
		c->p = p;
		c->assessor = p->learner->assessor ? p->learner->assessor
						   : main_assessor(p);
		c->kind = xref_complete(p) ? IQA_SUMMATIVE : IQA_INTERIM;
		c->entry = -1;
		c->latest = latest[i];
	}
	pl->s->population = pl->ncands;
	free(latest);
}

/* splitmix64: small, well mixed, and the same on every machine. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void shuffle(struct planner *pl)
{
	size_t *order = mem_calloc(pl->ncands ? pl->ncands : 1, sizeof(*order));
	uint64_t state = pl->s->seed;

	for (size_t i = 0; i < pl->ncands; i++)
		order[i] = i;
	for (size_t i = pl->ncands; i > 1; i--) {
		size_t j = (size_t)(next_random(&state) % i), t = order[i - 1];

		order[i - 1] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < pl->ncands; i++)
		pl->cands[order[i]].rank = i;
	free(order);
}

/* ---- the values each candidate would show ------------------------------- */

static size_t intern_value(struct planner *pl, enum sample_dimension d,
			   const char *assessor, const char *key,
			   const struct unit *u, const struct unit_criterion *c)
{
	struct sample *s = pl->s;
	struct buf *k = &pl->key;
	struct sample_value *v;
	void *found;

	buf_truncate(k, 0);
	/* "D\x1fassessor\x1fkey\x1funit\x1fcriterion", without printf: this
	 * runs for every evidence row. */
	buf_putc(k, (char)('0' + d));
	buf_putc(k, '\x1f');
	buf_puts(k, assessor ? assessor : "");
	buf_putc(k, '\x1f');
	buf_puts(k, key ? key : "");
	buf_putc(k, '\x1f');
	buf_puts(k, u ? u->id : "");
	buf_putc(k, '\x1f');
	buf_puts(k, c ? c->id : "");
	found = strmap_get(&pl->value_index, buf_cstr(k));
	if (found)
		return (size_t)(uintptr_t)found - 1;
	s->values = mem_array_grow(s->values, &pl->values_cap, s->nvalues + 1,
				   sizeof(*s->values));
	v = &s->values[s->nvalues];
	memset(v, 0, sizeof(*v));
	v->dimension = d;
	v->assessor = assessor;
	v->key = key;
	v->unit = u;
	v->criterion = c;
	v->entry = -1;
	strmap_put(&pl->value_index, arena_strdup(&s->arena, buf_cstr(k)),
		   (void *)(uintptr_t)(s->nvalues + 1));
	return s->nvalues++;
}

static void add_value(struct planner *pl, struct candidate *c,
		      enum sample_dimension d, const char *assessor,
		      const char *key, const struct unit *u,
		      const struct unit_criterion *crit)
{
	size_t v = intern_value(pl, d, assessor, key, u, crit);

	for (size_t i = 0; i < c->nvalues; i++)
		if (c->values[i] == v)
			return;
	c->values = mem_array_grow(c->values, &c->values_cap, c->nvalues + 1,
				   sizeof(*c->values));
	c->values[c->nvalues++] = v;
	pl->s->values[v].portfolios++;
}

static void find_values(struct planner *pl, struct candidate *c)
{
	const struct portfolio *p = c->p;
	const struct unit *u = p->unit;

	if (p->learner->cohort)
		add_value(pl, c, SAMPLE_CANDIDATES, NULL, p->learner->cohort, NULL, NULL);
	add_value(pl, c, SAMPLE_ASSESSORS, c->assessor, NULL, NULL, NULL);
	for (size_t i = 0; i < p->nrows; i++) {
		const struct evidence *e = p->rows[i];

		add_value(pl, c, SAMPLE_ASSESSORS, e->assessor, NULL, NULL, NULL);
		add_value(pl, c, SAMPLE_METHODS, e->assessor, e->method, NULL, NULL);
		add_value(pl, c, SAMPLE_RECORDS, NULL, e->file, NULL, NULL);
		if (e->location)
			add_value(pl, c, SAMPLE_LOCATIONS, NULL, e->location, NULL, NULL);
	}
	add_value(pl, c, SAMPLE_ELEMENTS, NULL, NULL, u, NULL);
	for (size_t i = 0; i < u->ncriteria; i++)
		if (p->criteria[i].nevidence || p->criteria[i].nuncounted)
			add_value(pl, c, SAMPLE_ELEMENTS, NULL, NULL, u, u->criteria[i]);
	add_value(pl, c, SAMPLE_KINDS, NULL, iqa_kind_name(c->kind), NULL, NULL);
}

/* Criteria no portfolio has evidence for: the EQA should see them too. */
static void add_unevidenced_criteria(struct planner *pl)
{
	for (size_t i = 0; i < pl->m->nunits; i++) {
		const struct unit *u = pl->m->units[i];

		for (size_t j = 0; j < u->ncriteria; j++)
			intern_value(pl, SAMPLE_ELEMENTS, NULL, NULL, u, u->criteria[j]);
	}
}

static int compare_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int compare_values(const void *a, const void *b)
{
	const struct sample_value *x = a, *y = b;
	int c;

	if (x->dimension != y->dimension)
		return (int)x->dimension - (int)y->dimension;
	if ((c = compare_text(x->assessor, y->assessor)) != 0)
		return c;
	if (x->unit != y->unit)
		return strcmp(x->unit->id, y->unit->id);
	if (x->criterion != y->criterion)
		return !x->criterion ? -1 : !y->criterion ? 1 :
		       x->criterion->index < y->criterion->index ? -1 : 1;
	if (x->dimension == SAMPLE_KINDS)   /* interim before summative */
		return strcmp(x->key, "interim") == 0 ? -1 : 1;
	return compare_text(x->key, y->key);
}

/* Sorts the values for people to read, and renumbers the candidates' lists. */
static void sort_values(struct planner *pl)
{
	struct sample *s = pl->s;
	size_t *new_index = mem_calloc(s->nvalues ? s->nvalues : 1, sizeof(size_t));
	struct sample_value *sorted = mem_calloc(s->nvalues ? s->nvalues : 1,
						 sizeof(*sorted));

	/* Tag each value with its old index in `entry`, still -1 for all. */
	for (size_t i = 0; i < s->nvalues; i++)
		s->values[i].entry = (long)i;
	memcpy(sorted, s->values, s->nvalues * sizeof(*sorted));
	qsort(sorted, s->nvalues, sizeof(*sorted), compare_values);
	for (size_t i = 0; i < s->nvalues; i++) {
		new_index[sorted[i].entry] = i;
		sorted[i].entry = -1;
	}
	memcpy(s->values, sorted, s->nvalues * sizeof(*sorted));
	for (size_t i = 0; i < pl->ncands; i++)
		for (size_t j = 0; j < pl->cands[i].nvalues; j++)
			pl->cands[i].values[j] = new_index[pl->cands[i].values[j]];
	free(sorted);
	free(new_index);
}

/* ---- choosing ----------------------------------------------------------- */

static bool uncovered(const struct sample_value *v)
{
	return v->entry < 0 && !v->before;
}

static void choose(struct planner *pl, size_t i)
{
	struct candidate *c = &pl->cands[i];

	c->state = CHOSEN;
	for (size_t j = 0; j < c->nvalues; j++)
		if (uncovered(&pl->s->values[c->values[j]]))
			pl->s->values[c->values[j]].entry = (long)i;
}

/*
 * Earlier samples first: what the agreed ones cover needs no new sample;
 * then the referred ones, chosen again, for what remains.
 */
static void take_earlier(struct planner *pl)
{
	for (size_t i = 0; i < pl->ncands; i++) {
		struct candidate *c = &pl->cands[i];

		if (!c->latest || c->latest->decision != IQA_AGREED)
			continue;
		c->state = BEFORE;
		pl->s->before++;
		for (size_t j = 0; j < c->nvalues; j++)
			if (uncovered(&pl->s->values[c->values[j]]))
				pl->s->values[c->values[j]].before = c->latest;
	}
	for (size_t i = 0; i < pl->ncands; i++)
		if (pl->cands[i].latest &&
		    pl->cands[i].latest->decision == IQA_REFERRED)
			choose(pl, i);
}

static size_t gain(const struct planner *pl, const struct candidate *c)
{
	size_t n = 0;

	for (size_t j = 0; j < c->nvalues; j++)
		n += uncovered(&pl->s->values[c->values[j]]);
	return n;
}

/*
 * The greedy cover takes, until none would cover anything, the eligible
 * candidate that covers the most values not yet covered, the first in
 * the seeded order among equals.  Counting every candidate's gain at
 * every step grew with the square of the centre when there is much to
 * cover (a workplace per learner, say).  A gain
 * only falls as others are chosen, so the counts are kept in a heap,
 * ordered as the choice is, and a count is made again only when it comes
 * to the top ("lazy greedy"): a top whose count still stands beats every
 * other candidate, whose true gain is at most its count.  The choices are
 * the same as counting all of them each step.
 */
struct bound {
	size_t gain;                       /* at least the candidate's gain */
	size_t rank;
	size_t cand;
};

static bool ahead(const struct bound *a, const struct bound *b)
{
	return a->gain != b->gain ? a->gain > b->gain : a->rank < b->rank;
}

static void sift_down(struct bound *heap, size_t n, size_t i)
{
	for (;;) {
		size_t top = i, l = 2 * i + 1, r = l + 1;
		struct bound t;

		if (l < n && ahead(&heap[l], &heap[top]))
			top = l;
		if (r < n && ahead(&heap[r], &heap[top]))
			top = r;
		if (top == i)
			return;
		t = heap[i];
		heap[i] = heap[top];
		heap[top] = t;
		i = top;
	}
}

static void cover_camera(struct planner *pl)
{
	struct bound *heap = mem_calloc(pl->ncands ? pl->ncands : 1,
					sizeof(*heap));
	size_t n = 0;

	for (size_t i = 0; i < pl->ncands; i++) {
		size_t g = pl->cands[i].state == ELIGIBLE ? gain(pl, &pl->cands[i]) : 0;

		if (g)
			heap[n++] = (struct bound){ g, pl->cands[i].rank, i };
	}
	for (size_t i = n / 2; i-- > 0;)
		sift_down(heap, n, i);
	while (n) {
		size_t g = gain(pl, &pl->cands[heap[0].cand]);

		if (g == heap[0].gain)
			choose(pl, heap[0].cand);
		if (g == heap[0].gain || g == 0)
			heap[0] = heap[--n];     /* chosen, or never will be */
		else
			heap[0].gain = g;
		sift_down(heap, n, 0);
	}
	free(heap);
}

static struct sample_assessor *rate_of(struct planner *pl, const char *initials)
{
	struct sample *s = pl->s;

	for (size_t i = 0; i < s->nassessors; i++)
		if (strcmp(s->assessors[i].initials, initials) == 0)
			return &s->assessors[i];
	return NULL;
}

static int compare_rates(const void *a, const void *b)
{
	return strcmp(((const struct sample_assessor *)a)->initials,
		      ((const struct sample_assessor *)b)->initials);
}

static void list_rates(struct planner *pl)
{
	struct sample *s = pl->s;

	s->assessors = arena_alloc(&s->arena, (pl->ncands ? pl->ncands : 1) *
				   sizeof(*s->assessors));
	for (size_t i = 0; i < pl->ncands; i++) {
		struct sample_assessor *a;

		if (rate_of(pl, pl->cands[i].assessor))
			continue;
		a = &s->assessors[s->nassessors++];
		a->initials = pl->cands[i].assessor;
		a->listed = model_find_assessor(pl->m, a->initials);
		a->risk = a->listed ? a->listed->risk : RISK_UNKNOWN;
		a->rate = pl->m->config.sampling_rate[a->risk];
	}
	qsort(s->assessors, s->nassessors, sizeof(*s->assessors), compare_rates);
}

static size_t *by_rank(const struct planner *pl)
{
	size_t *order = mem_calloc(pl->ncands ? pl->ncands : 1, sizeof(*order));

	for (size_t i = 0; i < pl->ncands; i++)
		order[pl->cands[i].rank] = i;
	return order;
}

/* Tops each assessor up to their rate, in the seeded order. */
static void meet_rates(struct planner *pl)
{
	size_t *order = by_rank(pl);

	list_rates(pl);
	for (size_t i = 0; i < pl->ncands; i++) {
		struct sample_assessor *a = rate_of(pl, pl->cands[i].assessor);

		a->portfolios++;
		a->before += pl->cands[i].state == BEFORE;
		a->planned += pl->cands[i].state == CHOSEN;
	}
	for (size_t i = 0; i < pl->s->nassessors; i++) {
		struct sample_assessor *a = &pl->s->assessors[i];

		a->target = (a->portfolios * (size_t)a->rate + 99) / 100;
	}
	for (size_t k = 0; k < pl->ncands; k++) {
		struct candidate *c = &pl->cands[order[k]];
		struct sample_assessor *a = rate_of(pl, c->assessor);

		if (c->state != ELIGIBLE || a->before + a->planned >= a->target)
			continue;
		choose(pl, order[k]);
		c->by_rate = true;
		a->planned++;
	}
	free(order);
}

/* ---- reasons ------------------------------------------------------------ */

/* "Witness testimony" -> "witness testimony"; "PD" stays. */
static void put_lower_name(struct buf *b, const char *name)
{
	if (name[0] && name[1] && islower((unsigned char)name[1]))
		buf_putc(b, (char)tolower((unsigned char)name[0]));
	else if (name[0])
		buf_putc(b, name[0]);
	if (name[0])
		buf_puts(b, name + 1);
}

/* "witness testimony (W)": the name from the first unit that has one. */
static void put_method(struct buf *b, const struct model *m, const char *code)
{
	for (size_t i = 0; i < m->nunits; i++) {
		const struct unit_method *method = unit_find_method(m->units[i], code);

		if (method && method->name && strcmp(method->name, code) != 0) {
			put_lower_name(b, method->name);
			buf_printf(b, " (%s)", code);
			return;
		}
	}
	buf_puts(b, code);
}

/* What the value is, in a phrase: "cohort L2-2026-01". */
static void put_label(struct buf *b, const struct model *m,
		      const struct sample_value *v)
{
	switch (v->dimension) {
	case SAMPLE_CANDIDATES:
		buf_printf(b, "cohort %s", v->key);
		break;
	case SAMPLE_ASSESSORS:
		buf_printf(b, "assessed by %s", v->assessor);
		break;
	case SAMPLE_METHODS:
		put_method(b, m, v->key);
		buf_printf(b, " by %s", v->assessor);
		break;
	case SAMPLE_ELEMENTS:
		if (v->criterion)
			buf_printf(b, "evidence for %s %s", v->unit->id, v->criterion->id);
		else
			buf_printf(b, "unit %s", v->unit->id);
		break;
	case SAMPLE_RECORDS:
		buf_printf(b, "recorded in %s", v->key);
		break;
	case SAMPLE_LOCATIONS:
		buf_printf(b, "assessed at %s", v->key);
		break;
	default:
		buf_puts(b, strcmp(v->key, "interim") == 0 ?
			 "interim (in progress)" : "summative (complete)");
		break;
	}
}

static void label_values(struct planner *pl)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < pl->s->nvalues; i++) {
		buf_truncate(&b, 0);
		put_label(&b, pl->m, &pl->s->values[i]);
		pl->s->values[i].label = arena_strdup(&pl->s->arena, buf_cstr(&b));
	}
	buf_free(&b);
}

static void add_reason(struct sample *s, struct sample_entry *e, struct buf *text,
		       size_t *cap)
{
	e->reasons = arena_grow(&s->arena, e->reasons, cap, e->nreasons + 1,
				sizeof(*e->reasons));
	e->reasons[e->nreasons++] = arena_strdup(&s->arena, buf_cstr(text));
	buf_truncate(text, 0);
}

static bool same_group(const struct sample_value *a, const struct sample_value *b)
{
	return a->dimension == b->dimension &&
	       compare_text(a->assessor, b->assessor) == 0 &&
	       a->unit == b->unit && !a->criterion == !b->criterion;
}

/* The first value of a group, then each further one, then its close:
 * "cohort A, B", "observation (O), questioning (Q) by KM",
 * "criteria 1.1, 2.3 of ocr-c3", "assessed at Leeds; York". */
static void put_in_group(struct buf *b, const struct model *m,
			 const struct sample_value *v, bool first)
{
	if (!first)
		buf_puts(b, v->dimension == SAMPLE_LOCATIONS ? "; " : ", ");
	if (v->dimension == SAMPLE_METHODS)
		put_method(b, m, v->key);
	else if (v->dimension == SAMPLE_ELEMENTS && v->criterion)
		buf_printf(b, "%s%s", first ? "criteria " : "", v->criterion->id);
	else if (first)
		put_label(b, m, v);
	else
		buf_puts(b, v->dimension == SAMPLE_ASSESSORS ? v->assessor : v->key);
}

static void close_group(struct buf *b, const struct sample_value *v)
{
	if (v->dimension == SAMPLE_METHODS)
		buf_printf(b, " by %s", v->assessor);
	else if (v->dimension == SAMPLE_ELEMENTS && v->criterion)
		buf_printf(b, " of %s", v->unit->id);
}

/* Values shared with other portfolios: one reason per group of them. */
static void add_shared_reasons(struct planner *pl, struct sample_entry *e,
			       long index, size_t *cap)
{
	struct sample *s = pl->s;
	struct buf text = BUF_INIT;
	const struct sample_value *group = NULL;

	for (size_t i = 0; i < s->nvalues; i++) {
		const struct sample_value *v = &s->values[i];

		if (v->entry != index || v->portfolios < 2)
			continue;
		if (group && !same_group(group, v)) {
			close_group(&text, group);
			add_reason(s, e, &text, cap);
			group = NULL;
		}
		put_in_group(&text, pl->m, v, !group);
		if (!group)
			group = v;
	}
	if (group) {
		close_group(&text, group);
		add_reason(s, e, &text, cap);
	}
	buf_free(&text);
}

static void add_rate_reason(struct sample *s, struct sample_entry *e,
			    const struct sample_assessor *a, size_t *cap)
{
	struct buf text = BUF_INIT;

	buf_printf(&text, "%s's rate: %d%% of %zu portfolio%s, %s risk", a->initials,
		   a->rate, a->portfolios, a->portfolios == 1 ? "" : "s",
		   risk_name(a->risk == RISK_UNKNOWN ?
				      RISK_HIGH : a->risk));
	if (!a->listed)
		buf_puts(&text, " (not in assessors.csv)");
	else if (a->risk == RISK_UNKNOWN)
		buf_puts(&text, " (no risk in assessors.csv)");
	add_reason(s, e, &text, cap);
	buf_free(&text);
}

/* "only portfolio in cohort X", "... with witness testimony (W) by KM". */
static const char *only_joiner(const struct sample_value *v)
{
	switch (v->dimension) {
	case SAMPLE_CANDIDATES:
		return "in ";
	case SAMPLE_METHODS:
		return "with ";
	case SAMPLE_ELEMENTS:
		return v->criterion ? "with " : "on ";
	default:
		return "";
	}
}

static void explain(struct planner *pl, struct sample_entry *e, long index,
		    const struct candidate *c)
{
	struct sample *s = pl->s;
	struct buf text = BUF_INIT;
	char date[DATE_TEXT_SIZE];
	size_t cap = 0;

	if (e->referral) {
		/* Words for people: the date as the centre writes dates. */
		buf_printf(&text, "referred by %s on %s: sample again",
			   e->referral->iqa,
			   date_format_in(e->referral->date,
					  pl->m->config.date_style, date));
		add_reason(s, e, &text, &cap);
	}
	/* The values only this portfolio has come first: they are why it
	 * cannot be swapped for another. */
	for (size_t i = 0; i < s->nvalues; i++) {
		const struct sample_value *v = &s->values[i];

		if (v->entry != index)
			continue;
		e->dimensions |= 1u << v->dimension;
		if (v->portfolios != 1)
			continue;
		if (v->dimension == SAMPLE_KINDS) {
			buf_printf(&text, "only %s portfolio", v->key);
		} else {
			buf_printf(&text, "only portfolio %s%s",
				   only_joiner(v), v->label);
		}
		add_reason(s, e, &text, &cap);
	}
	add_shared_reasons(pl, e, index, &cap);
	if (c->by_rate)
		add_rate_reason(s, e, rate_of(pl, c->assessor), &cap);
	buf_free(&text);
}

static void make_entries(struct planner *pl)
{
	struct sample *s = pl->s;
	size_t n = 0;

	for (size_t i = 0; i < pl->ncands; i++)
		n += pl->cands[i].state == CHOSEN;
	s->entries = arena_alloc(&s->arena, (n ? n : 1) * sizeof(*s->entries));
	for (size_t i = 0; i < pl->ncands; i++) {
		struct candidate *c = &pl->cands[i];
		struct sample_entry *e;

		if (c->state != CHOSEN)
			continue;
		c->entry = (long)s->nentries;
		e = &s->entries[s->nentries++];
		e->portfolio = c->p;
		e->assessor = c->assessor;
		e->kind = c->kind;
		e->by_rate = c->by_rate;
		if (c->latest && c->latest->decision == IQA_REFERRED)
			e->referral = c->latest;
	}
	/* Values point at candidates while planning; now at entries. */
	for (size_t i = 0; i < s->nvalues; i++)
		if (s->values[i].entry >= 0)
			s->values[i].entry = pl->cands[s->values[i].entry].entry;
	for (size_t i = 0; i < pl->ncands; i++)
		if (pl->cands[i].state == CHOSEN)
			explain(pl, &s->entries[pl->cands[i].entry],
				pl->cands[i].entry, &pl->cands[i]);
}

void sample_plan(struct sample *s, const struct model *m, const struct xref *x)
{
	struct planner pl = { .s = s, .m = m };

	memset(s, 0, sizeof(*s));
	s->seed = m->config.sampling_seed;
	find_candidates(&pl, x);
	shuffle(&pl);
	for (size_t i = 0; i < pl.ncands; i++)
		find_values(&pl, &pl.cands[i]);
	add_unevidenced_criteria(&pl);
	sort_values(&pl);
	take_earlier(&pl);
	cover_camera(&pl);
	meet_rates(&pl);
	label_values(&pl);
	make_entries(&pl);
	for (size_t i = 0; i < pl.ncands; i++)
		free(pl.cands[i].values);
	free(pl.cands);
	strmap_free(&pl.value_index);
	buf_free(&pl.key);
}

void sample_free(struct sample *s)
{
	free(s->values);
	arena_free(&s->arena);
	memset(s, 0, sizeof(*s));
}
