/*
 * scope.h - one visit's scope: the learners, units and period that a
 * sampling plan or an external-verification pack covers.
 *
 * A portfolio (learner and unit) is in scope when its learner and its
 * unit are among those named (none named: all), and, with a `since` date,
 * when it has evidence dated on or after it: the work assessed since the
 * last visit.  scope_narrow() makes a model holding only what is in
 * scope, so that everything downstream (cross-reference, plan, pages,
 * data.json) sees the visit and nothing beyond it: an EQA receives no
 * learner outside the scope.
 */
#ifndef FOLIO_SCOPE_H
#define FOLIO_SCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/model.h"

struct scope {
	const char **learners;   /* ids; none: every learner */
	size_t nlearners;
	const char **units;      /* ids; none: every unit */
	size_t nunits;
	bool has_since;
	int32_t since;
};

/*
 * Adds the ids of a list such as "amy,ben" (commas or spaces) to *ids,
 * and returns how many.  The strings are copied; scope_free() frees them.
 */
size_t scope_add_ids(const char ***ids, size_t *n, const char *list);

/*
 * Reports each named learner or unit the model does not have, as an
 * error at "--learners" or "--units"; returns whether all are known.
 */
bool scope_check(const struct scope *s, const struct model *m,
		 struct diag_list *diags);

bool scope_is_whole(const struct scope *s);

/* Whether the scope leaves out some of a learner's units or evidence (by
 * unit or date), so that what needs all of them cannot be judged. */
bool scope_is_partial(const struct scope *s);

/*
 * Makes *out the model narrowed to the scope: its units, learners, their
 * registrations, evidence rows, IQA records and sign-offs, but only those
 * in scope.  Narrowed by unit or date, its learners are on no
 * qualification: one judged on part of a learner's units would be wrong.
 * out shares m's text, units and assessors, so m must outlive it; free it
 * with scope_model_free(), never model_free().
 */
void scope_narrow(const struct scope *s, const struct model *m,
		  struct model *out);
void scope_model_free(struct model *out);

/*
 * Appends to out the diagnostics of all that concern the narrowed model
 * in scope (from scope_narrow): those about one of its learners (on one
 * of its units, if about a unit), those in the file of one of its units,
 * and those about no one (the centre's own, such as folio.yml's, or a
 * unit file that did not load).  Never one about a learner or unit
 * outside the scope: a verifier sees what the centre saw of the visit,
 * and nothing of anyone else.
 */
void scope_diagnostics(const struct model *whole, const struct model *in,
		       const struct diag_list *all, struct diag_list *out);

void scope_free(struct scope *s);

#endif
