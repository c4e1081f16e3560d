/*
 * judge.c - the judge stage in its order (see judge.h).
 */
#include "judge/judge.h"
#include "judge/caseload.h"
#include "judge/digest.h"
#include "judge/otj_check.h"
#include "judge/qualify.h"
#include "judge/signoff_check.h"

void judge_centre(struct xref *x, const struct model *m,
		  struct diag_list *diags)
{
	xref_build(x, m);
	digest_prepare(x, m);
	signoff_check(x, m, diags);
	qualify_check(x, m, diags);
	otj_check(x, m, diags);
	caseload_check(x, m);
}
