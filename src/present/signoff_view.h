/*
 * signoff_view.h - the sign-off part of a portfolio page: the digest a
 * declaration on it records (judge/digest.h) and the declaration boxes,
 * as on the paper record, each with its role's latest declaration
 * (judge/signoff_check.h), whether it holds and why not, that it is
 * awaited, or for the IQA the agreed sample.  docs/site.md lists the keys.
 */
#ifndef FOLIO_SIGNOFF_VIEW_H
#define FOLIO_SIGNOFF_VIEW_H

#include "base/arena.h"
#include "base/value.h"
#include "read/model.h"
#include "judge/xref.h"

/* Puts into view: digest, and declarations [{role, title, statement,
 * name, sampled, sample_date, sample_kind, sample_file, sample_line,
 * date, signed, signed_digitally, problem, file, line, awaited}]. */
void signoff_view_put(struct arena *a, const struct model *m,
		      const struct portfolio *p, struct value_obj *view);

#endif
