/*
 * judge.h - the judge stage as every command runs it, in its order: the
 * portfolios (xref.h), the sign-offs held against them
 * (signoff_check.h), each learner's qualifications (qualify.h), their
 * off-the-job hours (otj_check.h), then what needs attention
 * (caseload.h), each step reading what the ones before it judged.
 */
#ifndef FOLIO_JUDGE_H
#define FOLIO_JUDGE_H

#include "base/diag.h"
#include "read/model.h"
#include "judge/xref.h"

/* Judges m into x (xref_free() it); the problems found into diags. */
void judge_centre(struct xref *x, const struct model *m,
		  struct diag_list *diags);

#endif
