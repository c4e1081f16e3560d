/*
 * claims.c - the claims ready now (see claims.h).
 */
#include "judge/claims.h"
#include "base/mem.h"
#include "judge/sample.h"

#include <stdlib.h>
#include <string.h>

/* The dates of p's last counting row and of its last holding declaration. */
static void dates(const struct portfolio *p, struct claim *c)
{
	for (size_t i = 0; i < p->nrows; i++) {
		enum xref_counts k = xref_row_counts(p->rows[i]);

		if ((k == XREF_COUNTS_FULLY || k == XREF_COUNTS_FOR_KNOWLEDGE) &&
		    p->rows[i]->date > c->completed)
			c->completed = p->rows[i]->date;
	}
	for (size_t i = 0; i < p->nsignoffs; i++)
		if (p->signoffs[i].holds &&
		    p->signoffs[i].row->date > c->signed_off)
			c->signed_off = p->signoffs[i].row->date;
}

void claims_list(struct claims *c, const struct model *m, const struct xref *x)
{
	const struct iqa_record **latest = sample_latest_records(m, x);

	memset(c, 0, sizeof(*c));
	c->items = mem_calloc(x->nportfolios + 1, sizeof(*c->items));
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];
		const struct iqa_record *r = latest[i];
		bool sampled = r && r->kind == IQA_SUMMATIVE &&
			       r->decision == IQA_AGREED;
		struct claim *claim = &c->items[c->count];

		if (p->status != XREF_SIGNED_OFF)
			continue;
		if (m->config.claims_summative_sample && !sampled) {
			c->awaiting_sample++;
			continue;
		}
		memset(claim, 0, sizeof(*claim));
		claim->portfolio = p;
		claim->sample = sampled ? r : NULL;
		dates(p, claim);
		c->count++;
	}
	free(latest);
}

void claims_free(struct claims *c)
{
	free(c->items);
	memset(c, 0, sizeof(*c));
}
