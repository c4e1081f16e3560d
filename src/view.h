/*
 * view.h - what each page of the site is rendered from.
 *
 * Mustache is logic-less, so a page's template cannot join a criterion to
 * its evidence or count a cohort: the views do it here, from the model and
 * the cross-reference, into plain JSON.  Every page is rendered against a
 * stack of two contexts: the shared site model (view_root, built once,
 * read-only) underneath, and the page's own view on top.  README.md
 * ("The template context") documents every key: it is the contract with
 * template authors.
 *
 * Links are relative to the site's root, without extension (`href`:
 * "learners/amy/ocr-c3"); a template writes {{page.root}}{{href}}.html,
 * where page.root climbs from the page to the root ("../../"), or is the
 * --base-url.
 */
#ifndef FOLIO_VIEW_H
#define FOLIO_VIEW_H

#include <jansson.h>
#include <stdbool.h>

#include "diag.h"
#include "model.h"
#include "xref.h"

enum view_kind {
	VIEW_DASHBOARD,
	VIEW_LEARNER,
	VIEW_PORTFOLIO,
	VIEW_UNIT,
	VIEW_SHEET,
	VIEW_PACK,        /* an external-verification pack's index */
};

struct view_site {
	const char *base_url;      /* "" for relative links */
	bool html, md;             /* the formats being built */
};

/* {site, centre, units, learners, diagnostics, totals}: shared by all pages. */
json_t *view_root(const struct model *m, const struct xref *x,
		  const struct diag_list *diags, const struct view_site *site);

/* {page: {kind, title, path, root}, KIND: {...}}: one page's own context. */
json_t *view_dashboard(const struct model *m, const struct xref *x,
		       const char *root);
json_t *view_learner(const struct model *m, const struct xref *x,
		     size_t learner, const char *root);
json_t *view_portfolio(const struct model *m, const struct portfolio *p,
		       const char *root);
json_t *view_unit(const struct model *m, const struct xref *x,
		  const struct unit *u, const char *root);
json_t *view_sheet(const struct unit *u, const char *root);
/* {page: {...}}: the pack's own context is the root's "pack" (pack.h). */
json_t *view_pack(const char *root);

const char *view_status_label(enum xref_status status);

#endif
