/*
 * claims.c - the claims ready now (see claims.h).
 */
#include "judge/claims.h"
#include "base/mem.h"
#include "judge/sample.h"
#include "judge/signoff_check.h"

#include <stdlib.h>
#include <string.h>

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
		const struct evidence *last;

		if (p->status != XREF_SIGNED_OFF)
			continue;
		if (m->config.claims_summative_sample && !sampled) {
			c->awaiting_sample++;
			continue;
		}
		memset(claim, 0, sizeof(*claim));
		claim->portfolio = p;
		claim->sample = sampled ? r : NULL;
		last = xref_last_counting(p);
		claim->completed = last ? last->date : 0;
		claim->signed_off = signoff_check_signed_on(p);
		c->count++;
	}
	free(latest);
}

void claims_free(struct claims *c)
{
	free(c->items);
	memset(c, 0, sizeof(*c));
}
