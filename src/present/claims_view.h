/*
 * claims_view.h - the claims ready now (judge/claims.h) as the site's
 * claims page, `folio claims --format json|md` and its CSV (docs/centre.md,
 * "Claims", lists the fields).
 */
#ifndef FOLIO_CLAIMS_VIEW_H
#define FOLIO_CLAIMS_VIEW_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/value.h"
#include "read/model.h"
#include "judge/claims.h"

/*
 * {claims: [CLAIM], count, has_claims, awaiting_sample,
 * summative_sample}, values in a.
 */
struct value claims_view_list(struct arena *a, const struct model *m,
			      const struct claims *c);

/* The same as CSV, a header line and a line per claim, appended to out. */
void claims_view_csv(const struct claims *c, struct buf *out);

#endif
