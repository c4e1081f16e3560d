/*
 * signoff_check.h - whether each portfolio's declarations (signoffs.csv)
 * still hold, and which portfolios are signed off.
 *
 * For each portfolio the latest declaration of each role is judged (an
 * earlier one of the same role is history: the portfolio was signed
 * again).  It holds when:
 *   - its digest is the portfolio's now (judge/digest.h): else an error
 *     that says what changed, as far as the evidence can tell;
 *   - the portfolio is complete: else an error;
 *   - no counting row is dated after it: else an error (it was signed
 *     before the evidence it covers);
 *   - it is not dated after today: else a warning (it has not happened);
 *   - a countersignature is by the person assessors.csv names in the
 *     signing assessor's `countersign_by`: else an error.
 * A portfolio is signed off (XREF_SIGNED_OFF) when it is complete and a
 * declaration holds for every role folio.yml's `signoff:` names, and for
 * countersign when its assessor's row in assessors.csv asks for one.  A
 * declaration on a portfolio that does not exist is an error.
 */
#ifndef FOLIO_SIGNOFF_CHECK_H
#define FOLIO_SIGNOFF_CHECK_H

#include <stdint.h>

#include "base/diag.h"
#include "read/model.h"
#include "judge/xref.h"

/* Judges the model's sign-offs into x's portfolios; problems into diags. */
void signoff_check(struct xref *x, const struct model *m,
		   struct diag_list *diags);

/* p's latest declaration in role, as judged, or NULL. */
const struct xref_signoff *signoff_check_find(const struct portfolio *p,
					      enum role role);

/* The date of p's last declaration that holds (0 when none does): when a
 * signed-off portfolio was signed off. */
int32_t signoff_check_signed_on(const struct portfolio *p);

#endif
