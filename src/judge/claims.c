/*
 * claims.c - the claims ready now (see claims.h).
 */
#include "judge/claims.h"
#include "base/mem.h"
#include "judge/qualify.h"
#include "judge/sample.h"
#include "judge/signoff_check.h"

#include <stdlib.h>
#include <string.h>

/* Whether p's unit is in one of its learner's qualifications. */
static bool on_qualification(const struct portfolio *p)
{
	const struct learner *l = p->learner;

	for (size_t i = 0; i < l->nqualifications; i++)
		if (qualification_group_of(l->qualifications[i], p->unit))
			return true;
	return false;
}

static void add_qualifications(struct claims *c, const struct xref *x,
			       const struct learner *l)
{
	size_t n;
	const struct qualify_progress *q = qualify_of(x, l, &n);

	for (size_t i = 0; i < n; i++) {
		struct claim *claim = &c->items[c->count];

		c->awaiting_sample += q[i].awaits_sample;
		if (q[i].status != QUALIFY_CLAIMABLE)
			continue;
		memset(claim, 0, sizeof(*claim));
		claim->learner = l;
		claim->qualification = &q[i];
		claim->completed = q[i].completed;
		claim->signed_off = q[i].signed_off;
		claim->sample = q[i].sample;
		c->count++;
	}
}

static void add_unit(struct claims *c, const struct model *m,
		     const struct portfolio *p, const struct iqa_record *r)
{
	bool sampled = iqa_summative_agreed(r);
	struct claim *claim = &c->items[c->count];
	const struct evidence *last;

	if (p->status != XREF_SIGNED_OFF || on_qualification(p))
		return;
	if (m->config.claims_summative_sample && !sampled) {
		c->awaiting_sample++;
		return;
	}
	memset(claim, 0, sizeof(*claim));
	claim->learner = p->learner;
	claim->portfolio = p;
	claim->sample = sampled ? r : NULL;
	last = xref_last_counting(p);
	claim->completed = last ? last->date : 0;
	claim->signed_off = signoff_check_signed_on(p);
	c->count++;
}

void claims_list(struct claims *c, const struct model *m, const struct xref *x)
{
	const struct iqa_record **latest = sample_latest_records(m, x);

	memset(c, 0, sizeof(*c));
	c->items = mem_calloc(x->nportfolios + x->nprogress + 1,
			      sizeof(*c->items));
	for (size_t i = 0; i < m->nlearners; i++) {
		size_t first = x->first[i];

		add_qualifications(c, x, m->learners[i]);
		for (size_t k = first; k < first + x->count[i]; k++)
			add_unit(c, m, &x->portfolios[k], latest[k]);
	}
	free(latest);
}

void claims_free(struct claims *c)
{
	free(c->items);
	memset(c, 0, sizeof(*c));
}
