/*
 * plan.h - the sampling plan as Markdown (`folio sample`), rendered from
 * the theme's md/sample template (a centre's templates may override it)
 * against the pack page's context (present/pack_view.h).
 */
#ifndef FOLIO_PLAN_H
#define FOLIO_PLAN_H

#include "base/buf.h"
#include "base/diag.h"
#include "read/model.h"
#include "judge/sample.h"
#include "judge/scope.h"
#include "judge/xref.h"

/* 0, or -1 with the template's errors in diags. */
int plan_markdown(const struct model *m, const struct xref *x,
		  const struct sample *s, const struct scope *scope,
		  const char *templates, struct buf *out,
		  struct diag_list *diags);

#endif
