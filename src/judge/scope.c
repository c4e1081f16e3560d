/*
 * scope.c - narrowing a model to one visit's scope (see scope.h).
 */
#include "judge/scope.h"
#include "base/ident.h"
#include "base/mem.h"
#include "read/csvrow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t scope_add_ids(const char ***ids, size_t *n, const char *list)
{
	const char *s = list, *id;
	size_t len, cap = *n, added = 0;

	for (; (id = csvrow_next_id(&s, &len)); added++) {
		*ids = mem_array_grow(*ids, &cap, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = mem_strndup(id, len);
	}
	return added;
}

/* The learner's or unit's id that id names but for case, in a
 * parenthesis, else "": an option typed `Doe-J` meant `doe-j`. */
static const char *meant(const char *id, const char *const *ids, size_t n,
			 char *out, size_t size)
{
	*out = '\0';
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(ids[i], id) == 0) {
			snprintf(out, size, " (ids are case-sensitive: did "
				 "you mean `%s`?)", ids[i]);
			break;
		}
	return out;
}

bool scope_check(const struct scope *s, const struct model *m,
		 struct diag_list *diags)
{
	const char **ids = mem_calloc(m->nlearners + m->nunits + 1,
				      sizeof(*ids));
	char why[IDENT_MAX + 48];
	bool ok = true;

	for (size_t i = 0; i < m->nlearners; i++)
		ids[i] = m->learners[i]->id;
	for (size_t i = 0; i < m->nunits; i++)
		ids[m->nlearners + i] = m->units[i]->id;
	for (size_t i = 0; i < s->nlearners; i++) {
		if (!model_find_learner(m, s->learners[i])) {
			diag_error(diags, "--learners", 0, 0,
				   "no learner `%s` in the learners file%s",
				   s->learners[i],
				   meant(s->learners[i], ids, m->nlearners,
					 why, sizeof(why)));
			ok = false;
		}
	}
	for (size_t i = 0; i < s->nunits; i++) {
		if (!model_find_unit(m, s->units[i])) {
			diag_error(diags, "--units", 0, 0,
				   "no unit `%s` among the unit specifications%s",
				   s->units[i],
				   meant(s->units[i], ids + m->nlearners,
					 m->nunits, why, sizeof(why)));
			ok = false;
		}
	}
	free(ids);
	return ok;
}

bool scope_is_whole(const struct scope *s)
{
	return !s->nlearners && !s->nunits && !s->has_since;
}

bool scope_is_partial(const struct scope *s)
{
	return s->nunits || s->has_since;
}

static bool named(const char *const *ids, size_t n, const char *id)
{
	if (!n)
		return true;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

/* Whether the learner's evidence on u has a row on or after the since date. */
static bool active_since(const struct model *m, const struct learner *l,
			 const struct unit *u, int32_t since)
{
	for (size_t i = 0; i < l->nevidence; i++) {
		const struct evidence *e = m->evidence[l->first_evidence + i];

		if (e->unit == u && e->date >= since)
			return true;
	}
	return false;
}

static bool in_scope(const struct scope *s, const struct model *m,
		     const struct learner *l, const struct unit *u)
{
	return named(s->learners, s->nlearners, l->id) &&
	       named(s->units, s->nunits, u->id) &&
	       (!s->has_since || active_since(m, l, u, s->since));
}

/* The learner's copy, with only the registrations and rows in scope. */
static struct learner *narrow_learner(const struct scope *s,
				      const struct model *m,
				      const struct learner *l, struct model *out,
				      size_t *evidence_cap)
{
	struct learner *copy = arena_alloc(&out->arena, sizeof(*copy));

	*copy = *l;
	copy->units = arena_alloc(&out->arena,
				  (l->nunits ? l->nunits : 1) * sizeof(*copy->units));
	copy->nunits = 0;
	for (size_t i = 0; i < l->nunits; i++)
		if (in_scope(s, m, l, l->units[i]))
			copy->units[copy->nunits++] = l->units[i];
	/* A qualification is judged on all of the learner's units and
	 * evidence: narrowed by unit or date, it would be judged on part. */
	if (scope_is_partial(s))
		copy->nqualifications = 0;
	copy->first_evidence = out->nevidence;
	copy->nevidence = 0;
	for (size_t i = 0; i < l->nevidence; i++) {
		const struct evidence *e = m->evidence[l->first_evidence + i];

		if (!in_scope(s, m, l, e->unit))
			continue;
		out->evidence = mem_array_grow(out->evidence, evidence_cap,
					       out->nevidence + 1,
					       sizeof(*out->evidence));
		out->evidence[out->nevidence++] = e;
		copy->nevidence++;
	}
	return copy;
}

static void narrow_iqa(const struct scope *s, const struct model *m,
		       struct model *out)
{
	out->iqa = mem_calloc(m->niqa ? m->niqa : 1, sizeof(*out->iqa));
	out->niqa = 0;
	for (size_t i = 0; i < m->niqa; i++) {
		const struct iqa_record *r = &m->iqa[i];

		if (model_find_learner(out, r->learner->id) &&
		    model_find_unit(out, r->unit->id) &&
		    in_scope(s, m, r->learner, r->unit))
			out->iqa[out->niqa++] = *r;
	}
}

/* The declarations on portfolios in scope, pointing at out's learners
 * (whose index the sign-off check looks portfolios up by). */
static void narrow_signoffs(const struct scope *s, const struct model *m,
			    struct model *out)
{
	out->signoffs = mem_calloc(m->nsignoffs ? m->nsignoffs : 1,
				   sizeof(*out->signoffs));
	out->nsignoffs = 0;
	for (size_t i = 0; i < m->nsignoffs; i++) {
		const struct signoff *r = &m->signoffs[i];
		const struct learner *l = model_find_learner(out, r->learner->id);

		if (!l || !model_find_unit(out, r->unit->id) ||
		    !in_scope(s, m, r->learner, r->unit))
			continue;
		out->signoffs[out->nsignoffs] = *r;
		out->signoffs[out->nsignoffs++].learner = l;
	}
}

void scope_narrow(const struct scope *s, const struct model *m,
		  struct model *out)
{
	size_t learners_cap = 0, evidence_cap = 0;

	/* Shared with m: config, text, units, assessors and their index
	 * (assessor_folded).  Owned by out: everything reset below. */
	*out = *m;
	memset(&out->arena, 0, sizeof(out->arena));
	memset(&out->learner_index, 0, sizeof(out->learner_index));
	out->row_arenas = NULL;
	out->nrow_arenas = 0;
	out->row_blocks = NULL;   /* out's rows are m's */
	out->nrow_blocks = 0;
	out->files = NULL;
	out->nfiles = 0;
	out->units = mem_calloc(m->nunits ? m->nunits : 1, sizeof(*out->units));
	out->nunits = 0;
	for (size_t i = 0; i < m->nunits; i++)
		if (named(s->units, s->nunits, m->units[i]->id))
			out->units[out->nunits++] = m->units[i];
	/* At most everything: one allocation each, never regrown (copying a
	 * growing array of every row was most of a large plan's time). */
	out->learners = mem_array_grow(NULL, &learners_cap, m->nlearners + 1,
				       sizeof(*out->learners));
	out->nlearners = 0;
	out->evidence = mem_array_grow(NULL, &evidence_cap, m->nevidence + 1,
				       sizeof(*out->evidence));
	out->nevidence = 0;
	for (size_t i = 0; i < m->nlearners; i++) {
		const struct learner *l = m->learners[i];
		struct learner *copy;

		if (!named(s->learners, s->nlearners, l->id))
			continue;
		copy = narrow_learner(s, m, l, out, &evidence_cap);
		/* Narrowed by unit or date, a learner with nothing in scope
		 * is no part of the visit. */
		if (scope_is_partial(s) && !copy->nunits && !copy->nevidence)
			continue;
		copy->index = out->nlearners;
		out->learners = mem_array_grow(out->learners, &learners_cap,
					       out->nlearners + 1,
					       sizeof(*out->learners));
		out->learners[out->nlearners++] = copy;
		strmap_put(&out->learner_index, copy->id, copy);
	}
	out->assessors = mem_calloc(m->nassessors ? m->nassessors : 1,
				    sizeof(*out->assessors));
	if (m->nassessors)
		memcpy(out->assessors, m->assessors,
		       m->nassessors * sizeof(*out->assessors));
	narrow_iqa(s, m, out);
	narrow_signoffs(s, m, out);
}

/* The unit whose file this is, or NULL. */
static const struct unit *unit_of_file(const struct model *m, const char *file)
{
	for (size_t i = 0; i < m->nunits; i++)
		if (strcmp(m->units[i]->file, file) == 0)
			return m->units[i];
	return NULL;
}

static bool concerns(const struct model *whole, const struct model *in,
		     const struct diag *d)
{
	const struct unit *u;

	if (d->learner)
		return model_find_learner(in, d->learner) &&
		       (!d->unit || model_find_unit(in, d->unit));
	if (d->unit)
		return model_find_unit(in, d->unit) != NULL;
	u = unit_of_file(whole, d->file);
	return !u || model_find_unit(in, u->id);
}

void scope_diagnostics(const struct model *whole, const struct model *in,
		       const struct diag_list *all, struct diag_list *out)
{
	for (size_t i = 0; i < all->count; i++)
		if (concerns(whole, in, &all->items[i]))
			diag_list_add_copy(out, &all->items[i]);
}

void scope_model_free(struct model *out)
{
	free(out->units);
	free(out->learners);
	free(out->evidence);
	free(out->assessors);
	free(out->iqa);
	free(out->signoffs);
	strmap_free(&out->learner_index);
	arena_free(&out->arena);
	memset(out, 0, sizeof(*out));
}

void scope_free(struct scope *s)
{
	for (size_t i = 0; i < s->nlearners; i++)
		free((char *)s->learners[i]);
	for (size_t i = 0; i < s->nunits; i++)
		free((char *)s->units[i]);
	free(s->learners);
	free(s->units);
	memset(s, 0, sizeof(*s));
}
