/*
 * signoff_view.c - a portfolio page's declarations and digest (see
 * signoff_view.h).
 */
#include "present/signoff_view.h"
#include "present/export.h"
#include "read/assessor.h"
#include "read/iqa.h"
#include "judge/digest.h"
#include "judge/signoff_check.h"

#include <string.h>

/*
 * The declaration boxes, as on the paper record: learner, assessor and
 * IQA always, then countersign and employer when the portfolio needs or
 * has them.  A box shows its role's latest declaration (signoff_check.h),
 * whether it holds and why not, or that it is awaited.
 */
static const struct {
	enum role role;
	const char *title, *statement;
} boxes[] = {
	{ ROLE_LEARNER, "Learner", "I declare that the evidence listed above "
	  "is my own work, produced while doing my job with real customers." },
	{ ROLE_ASSESSOR, "Assessor", "I confirm that I assessed this evidence "
	  "and that it is valid, authentic, current and sufficient for the "
	  "criteria marked met." },
	{ ROLE_IQA, "Internal quality assurer", "I confirm that I sampled "
	  "this portfolio and agree with the assessment decisions recorded in "
	  "it." },
	{ ROLE_COUNTERSIGN, "Countersigning assessor", "I countersign the "
	  "assessor's decisions recorded here: I have checked that they are "
	  "valid and sufficient." },
	{ ROLE_EMPLOYER, "Employer", "I confirm that the learner did this "
	  "work in our workplace." },
};

/* The portfolio's latest IQA record, when it says agreed, or NULL. */
static const struct iqa_record *agreed_sample(const struct model *m,
					      const struct portfolio *p)
{
	size_t n;
	const struct iqa_record *r = iqa_find(m->iqa, m->niqa, p->learner,
					      p->unit, &n);

	return r && r[n - 1].decision == IQA_AGREED ? &r[n - 1] : NULL;
}

/* Who signed, as the box names them: a full name where one is known. */
static const char *signer_name(const struct signoff *s)
{
	if (s->role == ROLE_LEARNER)
		return s->learner->name ? s->learner->name : s->learner->id;
	if (s->person && s->person->name)
		return s->person->name;
	return s->who;
}

/*
 * The name an unsigned box is printed with: the learner's, and for a
 * countersignature the person assessors.csv names to give it.
 */
static const char *expected_name(const struct model *m,
				 const struct portfolio *p,
				 enum role role)
{
	const struct xref_signoff *assessor;
	const struct assessor *by = NULL;

	if (role == ROLE_LEARNER)
		return p->learner->name ? p->learner->name : p->learner->id;
	if (role == ROLE_ASSESSOR && p->learner->assessor)
		by = model_find_assessor(m, p->learner->assessor);
	if (role == ROLE_ASSESSOR)
		return by && by->name ? by->name : p->learner->assessor;
	assessor = role == ROLE_COUNTERSIGN ?
		signoff_check_find(p, ROLE_ASSESSOR) : NULL;
	if (assessor && assessor->row->person)
		by = model_find_assessor(m,
					 assessor->row->person->countersign_by);
	return by ? (by->name ? by->name : by->initials) : NULL;
}

static struct value declaration(struct arena *a, const struct model *m,
				const struct portfolio *p, size_t box)
{
	enum role role = boxes[box].role;
	const struct xref_signoff *made = signoff_check_find(p, role);
	struct value_obj o = value_obj_new(a, 11);

	value_put(&o, "role", value_text(role_name(role)));
	value_put(&o, "title", value_text(boxes[box].title));
	value_put(&o, "statement", value_text(boxes[box].statement));
	const struct iqa_record *sample = role == ROLE_IQA && !made ?
		agreed_sample(m, p) : NULL;
	const struct assessor *iqa = sample ?
		model_find_assessor(m, sample->iqa) : NULL;

	value_put(&o, "name", value_text(made ? signer_name(made->row) :
					 sample ? (iqa && iqa->name ? iqa->name :
						   sample->iqa) :
					 expected_name(m, p, role)));
	/* The IQA's box holds the agreed sample when no declaration does. */
	value_put(&o, "sampled", value_bool(sample != NULL));
	value_put(&o, "sample_date", sample ?
		  export_date_or_null(true, sample->date) : value_null());
	value_put(&o, "sample_kind", value_text(sample ?
		  iqa_kind_name(sample->kind) : NULL));
	value_put(&o, "sample_file", value_text(sample ? sample->file : NULL));
	value_put(&o, "sample_line", sample ? value_int(sample->line) :
		  value_null());
	value_put(&o, "date", made ? export_date_or_null(true, made->row->date)
			      : sample ? export_date_or_null(true, sample->date)
			      : value_null());
	value_put(&o, "signed", value_bool(made && made->holds));
	value_put(&o, "signed_digitally", value_bool(made && made->holds &&
						     made->signature_verified));
	value_put(&o, "problem", value_text(made ? made->problem : NULL));
	value_put(&o, "file", value_text(made ? made->row->file : NULL));
	value_put(&o, "line", made ? value_int(made->row->line) : value_null());
	/* A centre that records no sign-offs signs on paper: its boxes are
	 * left blank for the pen, not marked awaited. */
	value_put(&o, "awaited", value_bool(m->signoffs_file &&
					    ((p->awaiting >> role) & 1)));
	return value_obj_done(&o);
}

static struct value declarations(struct arena *a, const struct model *m,
				 const struct portfolio *p)
{
	unsigned required = m->config.signoff_roles;
	size_t n = sizeof(boxes) / sizeof(boxes[0]);
	struct value_arr list = value_arr_new(a, n);

	for (size_t i = 0; i < n; i++) {
		enum role role = boxes[i].role;
		bool shown = ((required | p->awaiting) >> role) & 1 ||
			     signoff_check_find(p, role);

		if ((role == ROLE_COUNTERSIGN || role == ROLE_EMPLOYER) && !shown)
			continue;
		value_push(&list, declaration(a, m, p, i));
	}
	return value_arr_done(&list);
}

void signoff_view_put(struct arena *a, const struct model *m,
		      const struct portfolio *p, struct value_obj *view)
{
	char digest[SIGNOFF_DIGEST_SIZE];

	digest_portfolio(p, digest);
	value_put(view, "digest", value_copy(a, digest, strlen(digest)));
	value_put(view, "declarations", declarations(a, m, p));
}
