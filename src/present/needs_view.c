/*
 * needs_view.c - who still needs each item of each unit (see
 * needs_view.h).
 */
#include "present/needs_view.h"
#include "base/mem.h"

#include <stdlib.h>

const struct xref_coverage *needs_view_coverage(const struct portfolio *p,
						size_t item)
{
	size_t ncriteria = p->unit->ncriteria;

	return item < ncriteria ? &p->criteria[item] :
				  &p->requirements[item - ncriteria];
}

static size_t items_of(const struct unit *u)
{
	return u->ncriteria + u->nrequirements;
}

/*
 * Two passes over the portfolios: the first counts each unit's portfolios
 * and their misses per item, so that every list is allocated once at its
 * size; the second fills the lists, each in portfolio order (by learner
 * id).
 */
struct needs_view_unit *needs_view_units(struct arena *a,
					 const struct model *m,
					 const struct xref *x)
{
	struct needs_view_unit *units =
		arena_alloc(a, (m->nunits + 1) * sizeof(*units));
	size_t *unit_of = mem_calloc(x->nportfolios + 1, sizeof(*unit_of));
	/* The lists being filled: lists[unit][item][0..nmissing). */
	const struct portfolio ****lists =
		arena_alloc(a, (m->nunits + 1) * sizeof(*lists));

	for (size_t ui = 0; ui < m->nunits; ui++)
		units[ui].nmissing = arena_alloc(a, (items_of(m->units[ui]) + 1) *
						 sizeof(size_t));
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];
		size_t ui = model_unit_index(m, p->unit);

		unit_of[i] = ui;
		if (ui == m->nunits)
			continue;
		units[ui].learners++;
		for (size_t k = 0; k < items_of(p->unit); k++)
			units[ui].nmissing[k] += !needs_view_coverage(p, k)->met;
	}
	for (size_t ui = 0; ui < m->nunits; ui++) {
		size_t items = items_of(m->units[ui]);

		lists[ui] = arena_alloc(a, (items + 1) * sizeof(*lists[ui]));
		for (size_t k = 0; k < items; k++) {
			lists[ui][k] = arena_alloc(a, (units[ui].nmissing[k] + 1) *
						   sizeof(*lists[ui][k]));
			units[ui].nmissing[k] = 0;
		}
	}
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];
		struct needs_view_unit *un = &units[unit_of[i]];

		if (unit_of[i] == m->nunits)
			continue;
		for (size_t k = 0; k < items_of(p->unit); k++)
			if (!needs_view_coverage(p, k)->met)
				lists[unit_of[i]][k][un->nmissing[k]++] = p;
	}
	for (size_t ui = 0; ui < m->nunits; ui++)
		units[ui].missing = (const struct portfolio *const **)lists[ui];
	free(unit_of);
	return units;
}
