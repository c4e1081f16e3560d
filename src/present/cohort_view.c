/*
 * cohort_view.c - the site's cohort pages (see cohort_view.h).
 */
#include "present/cohort_view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ident.h"
#include "base/mem.h"
#include "base/strmap.h"

struct member {
	const char *cohort;
	size_t learner;
};

/* By cohort, no cohort last, then in the model's order: stable. */
static int member_compare(const void *pa, const void *pb)
{
	const struct member *a = pa, *b = pb;
	int c;

	if (!a->cohort != !b->cohort)
		return a->cohort ? -1 : 1;
	if (a->cohort && (c = strcmp(a->cohort, b->cohort)) != 0)
		return c;
	return (a->learner > b->learner) - (a->learner < b->learner);
}

/* Slugs are cut here, well inside IDENT_MAX with a part and a number. */
#define SLUG_BASE 40

/* The cohort's name as the start of a slug into out: "Sept 2025" is
 * "sept-2025". */
static void slug_base(const char *cohort, char out[SLUG_BASE + 1])
{
	size_t n = 0;

	for (const char *s = cohort ? cohort : "no cohort"; *s && n < SLUG_BASE; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80 && isalnum(c))
			out[n++] = (char)tolower(c);
		else if (n && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n && out[n - 1] == '-')
		n--;
	if (!n)
		n = (size_t)snprintf(out, SLUG_BASE + 1, "cohort");
	out[n] = '\0';
}

/* A slug no page has yet, kept in taken (its keys live in a). */
static const char *unique_slug(struct arena *a, struct strmap *taken,
			       const char *base, size_t part)
{
	char slug[IDENT_MAX + 1];
	const char *kept;
	size_t k = 1;

	if (part > 1)
		snprintf(slug, sizeof(slug), "%s-%zu", base, part);
	else
		snprintf(slug, sizeof(slug), "%s", base);
	while (strmap_get(taken, slug)) {
		k++;
		if (part > 1)
			snprintf(slug, sizeof(slug), "%s-%zu-%zu", base, part, k);
		else
			snprintf(slug, sizeof(slug), "%s-%zu", base, k);
	}
	kept = arena_strdup(a, slug);
	strmap_put(taken, kept, (void *)kept);
	return kept;
}

struct cohort_view_page *cohort_view_pages(struct arena *a,
					   const struct model *m,
					   size_t *count)
{
	struct member *all = mem_calloc(m->nlearners + 1, sizeof(*all));
	size_t *order = arena_alloc(a, (m->nlearners + 1) * sizeof(*order));
	struct cohort_view_page *pages = NULL;
	size_t npages = 0, cap = 0;
	struct strmap taken = STRMAP_INIT;

	for (size_t i = 0; i < m->nlearners; i++)
		all[i] = (struct member){ m->learners[i]->cohort, i };
	qsort(all, m->nlearners, sizeof(*all), member_compare);
	for (size_t i = 0; i < m->nlearners; i++)
		order[i] = all[i].learner;
	for (size_t start = 0, end; start < m->nlearners; start = end) {
		const char *cohort = all[start].cohort;
		size_t parts;
		char base[SLUG_BASE + 1];

		for (end = start + 1; end < m->nlearners; end++)
			if (member_compare(&(struct member){ cohort, 0 },
					   &(struct member){ all[end].cohort, 0 }))
				break;
		parts = (end - start + COHORT_VIEW_ROWS - 1) / COHORT_VIEW_ROWS;
		slug_base(cohort, base);
		for (size_t part = 1; part <= parts; part++) {
			size_t first = start + (part - 1) * COHORT_VIEW_ROWS;
			size_t n = end - first < COHORT_VIEW_ROWS ?
				   end - first : COHORT_VIEW_ROWS;
			struct cohort_view_page *p;

			pages = arena_grow(a, pages, &cap, npages + 1, sizeof(*pages));
			p = &pages[npages++];
			p->cohort = cohort;
			p->slug = unique_slug(a, &taken, base, part);
			p->part = part;
			p->parts = parts;
			p->learners = order + first;
			p->nlearners = n;
		}
	}
	strmap_free(&taken);
	free(all);
	*count = npages;
	return pages;
}
