/*
 * learner_print.c - what one learner's pages are made from (see
 * learner_print.h).
 *
 * Every text is hashed with an end, and a missing one as a marker, so
 * that two rows whose fields run together differently never hash alike
 * by design (FNV-1a is no cryptographic hash, and need not be: the inputs
 * are the centre's own, and a collision only keeps a page one build too
 * long, which `folio build --full` mends).
 */
#include "present/learner_print.h"
#include "base/hash.h"
#include "read/qualification.h"

#include <string.h>

static uint64_t put_int(uint64_t h, long long v)
{
	return hash_bytes(h, &v, sizeof(v));
}

/* A text and then a NUL, which no text holds; "not given" as one byte
 * that no UTF-8 text starts with. */
static uint64_t put_text(uint64_t h, const char *s)
{
	static const unsigned char none = 0xff;

	if (!s)
		return hash_bytes(h, &none, 1);
	return hash_words(h, s, strlen(s) + 1);
}

static uint64_t put_extra(uint64_t h, const struct extra_field *e, size_t n)
{
	h = put_int(h, (long long)n);
	for (size_t i = 0; i < n; i++) {
		h = put_text(h, e[i].name);
		h = put_text(h, e[i].value);
	}
	return h;
}

static uint64_t put_place(uint64_t h, const char *file, int line)
{
	return put_int(put_text(h, file), line);
}

static uint64_t put_ids(uint64_t h, const char *const *ids, size_t n)
{
	h = put_int(h, (long long)n);
	for (size_t i = 0; i < n; i++)
		h = put_text(h, ids[i]);
	return h;
}

static uint64_t put_learner(uint64_t h, const struct learner *l)
{
	h = put_text(h, l->id);
	h = put_text(h, l->name);
	h = put_text(h, l->registration);
	h = put_text(h, l->cohort);
	h = put_text(h, l->assessor);
	h = put_int(h, l->has_start ? l->start : -1);
	h = put_int(h, l->has_public_key);
	h = hash_bytes(h, l->public_key, sizeof(l->public_key));
	h = put_int(h, (long long)l->nunits);
	for (size_t i = 0; i < l->nunits; i++)
		h = put_text(h, l->units[i]->id);
	h = put_int(h, (long long)l->nqualifications);
	for (size_t i = 0; i < l->nqualifications; i++)
		h = put_text(h, l->qualifications[i]->id);
	h = put_int(h, l->units_default);
	h = put_int(h, l->status);
	h = put_int(h, l->has_planned_end ? l->planned_end : -1);
	h = put_int(h, l->has_end ? l->end : -1);
	h = put_int(h, l->otj_planned);
	h = put_int(h, l->otj_rpl);
	h = put_int(h, l->hours_per_week);
	h = put_int(h, (long long)l->nbreaks);
	for (size_t i = 0; i < l->nbreaks; i++)
		h = put_int(put_int(h, l->breaks[i].from), l->breaks[i].to);
	h = put_extra(h, l->extra, l->nextra);
	return put_place(h, l->file, l->line);
}

static uint64_t put_evidence(uint64_t h, const struct evidence *e)
{
	h = put_text(h, e->unit->id);
	h = put_text(h, e->ref);
	h = put_text(h, e->method);
	h = put_int(h, (long long)e->ncriteria);
	for (size_t i = 0; i < e->ncriteria; i++)
		h = put_text(h, e->criteria[i]->id);
	h = put_int(h, (long long)e->nrequirements);
	for (size_t i = 0; i < e->nrequirements; i++)
		h = put_text(h, e->requirements[i]->id);
	/* Not its HTML: made from the summary alone, by a setting that is
	 * part of what every page shares. */
	h = put_text(h, e->summary);
	h = put_text(h, e->assessor);
	h = put_text(h, e->location);
	h = put_extra(h, e->extra, e->nextra);
	h = put_int(h, e->date);
	h = put_int(h, e->file_no);
	h = put_int(h, e->simulated | e->method_allowed << 1 | e->future << 2 |
		       e->before_start << 3 | e->summary_plain << 4);
	return put_place(h, e->file, e->line);
}

static uint64_t put_otj(uint64_t h, const struct otj_row *r)
{
	h = put_int(h, r->date);
	h = put_int(h, r->hours);
	h = put_text(h, r->activity);
	h = put_ids(h, r->ksbs, r->nksbs);
	h = put_text(h, r->ref);
	h = put_text(h, r->verified_by);
	h = put_int(h, r->counts);
	h = put_extra(h, r->extra, r->nextra);
	return put_place(h, r->file, r->line);
}

static uint64_t put_review(uint64_t h, const struct review *r)
{
	h = put_int(h, r->date);
	h = put_text(h, r->by);
	h = put_int(h, r->has_next ? r->next_review : -1);
	h = put_text(h, r->employer);
	h = put_text(h, r->progress);
	h = put_int(h, r->otj_discussed);
	h = put_text(h, r->actions);
	h = put_int(h, r->future);
	h = put_extra(h, r->extra, r->nextra);
	return put_place(h, r->file, r->line);
}

static uint64_t put_signoff(uint64_t h, const struct signoff *s)
{
	h = put_text(h, s->unit->id);
	h = put_int(h, s->role);
	h = put_text(h, s->who);
	h = put_text(h, s->person ? s->person->initials : NULL);
	h = put_int(h, s->date);
	h = hash_bytes(h, s->digest, sizeof(s->digest));
	h = put_int(h, s->has_signature);
	h = hash_bytes(h, s->signature, sizeof(s->signature));
	h = put_text(h, s->signature_text);
	h = put_extra(h, s->extra, s->nextra);
	return put_place(h, s->file, s->line);
}

static uint64_t put_iqa(uint64_t h, const struct iqa_record *r)
{
	h = put_text(h, r->unit->id);
	h = put_int(h, r->date);
	h = put_text(h, r->iqa);
	h = put_int(h, r->kind);
	h = put_int(h, r->decision);
	h = put_text(h, r->feedback);
	h = put_text(h, r->action);
	h = put_int(h, r->has_due ? r->due : -1);
	h = put_extra(h, r->extra, r->nextra);
	return put_place(h, r->file, r->line);
}

/* The first of n records of size bytes, sorted by learner id, that is
 * l's: where l's run starts, or n.  Sign-offs and IQA records both start
 * with their learner. */
static size_t first_of(const void *records, size_t n, size_t size,
		       const struct learner *l)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct learner *at = *(const struct learner *const *)
			((const char *)records + mid * size);

		if (strcmp(at->id, l->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint64_t put_unit(uint64_t h, const struct model *m, const struct unit *u,
			 const uint64_t *unit_prints)
{
	size_t i = model_unit_index(m, u);

	h = put_text(h, u->id);
	return put_int(h, i < m->nunits ? (long long)unit_prints[i] : -1);
}

uint64_t learner_print(const struct model *m, const struct xref *x,
		       size_t learner, const uint64_t *unit_prints, uint64_t h)
{
	const struct learner *l = m->learners[learner];
	size_t i;

	h = put_learner(h, l);
	for (i = 0; i < l->nunits; i++)
		h = put_unit(h, m, l->units[i], unit_prints);
	h = put_int(h, (long long)x->count[learner]);
	for (i = 0; i < x->count[learner]; i++)
		h = put_unit(h, m, x->portfolios[x->first[learner] + i].unit,
			     unit_prints);
	h = put_int(h, (long long)l->nevidence);
	for (i = 0; i < l->nevidence; i++)
		h = put_evidence(h, m->evidence[l->first_evidence + i]);
	h = put_int(h, (long long)l->notj);
	for (i = 0; i < l->notj; i++)
		h = put_otj(h, &m->otj[l->first_otj + i]);
	h = put_int(h, (long long)l->nreviews);
	for (i = 0; i < l->nreviews; i++)
		h = put_review(h, &m->reviews[l->first_review + i]);
	for (i = first_of(m->signoffs, m->nsignoffs, sizeof(*m->signoffs), l);
	     i < m->nsignoffs && m->signoffs[i].learner == l; i++)
		h = put_signoff(h, &m->signoffs[i]);
	h = put_int(h, -2);
	for (i = first_of(m->iqa, m->niqa, sizeof(*m->iqa), l);
	     i < m->niqa && m->iqa[i].learner == l; i++)
		h = put_iqa(h, &m->iqa[i]);
	return put_int(h, -3);
}
