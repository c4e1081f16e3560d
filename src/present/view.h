/*
 * view.h - what each page of the site is rendered from.
 *
 * Mustache is logic-less, so a page's template cannot join a criterion to
 * its evidence or count a cohort: the views do it here, from the model and
 * the cross-reference.  Every page is rendered against a stack of two
 * contexts: the shared site model (struct view_shared, built once,
 * read-only, shared by the threads) underneath, and the page's own view on
 * top.  docs/site.md ("The template context") documents every key: it is the
 * contract with template authors.
 *
 * Every view is built as values (value.h) in the rendering thread's
 * arena: no hashing, no copying of the model's strings.
 *
 * Links are relative to the site's root, without extension (`href`:
 * "learners/amy/ocr-c3"); a template writes {{page.root}}{{href}}.html,
 * where page.root climbs from the page to the root ("../../"), or is the
 * --base-url.
 */
#ifndef FOLIO_VIEW_H
#define FOLIO_VIEW_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/value.h"
#include "read/model.h"
#include "judge/qualify.h"
#include "judge/xref.h"
#include "present/cohort_view.h"
#include "present/needs_view.h"

enum view_kind {
	VIEW_DASHBOARD,
	VIEW_LEARNER,
	VIEW_PORTFOLIO,
	VIEW_UNIT,
	VIEW_SHEET,
	VIEW_PACK,        /* an external-verification pack's index */
	VIEW_CLAIMS,      /* what the centre can claim now (judge/claims.h) */
	VIEW_QUALIFICATIONS,  /* a learner's qualifications (judge/qualify.h) */
	VIEW_ASSESSOR,    /* an assessor's caseload (judge/caseload.h) */
	VIEW_COHORT,      /* a cohort's learners and units (cohort_view.h) */
	VIEW_NEEDS,       /* who still needs a criterion or requirement */
	VIEW_UNITS,       /* every unit, with its record sheet */
};

struct view_site {
	const char *base_url;      /* "" for relative links */
	bool html, md;             /* the formats being built */
};

/*
 * What every page shares: the site model {site, centre, units, learners,
 * diagnostics, has_diagnostics, pack}, and each unit's `unit_info` for its
 * portfolios.  Values in its own arena, pointing into the model.
 */
struct view_shared {
	struct arena arena;
	const struct model *m;
	const struct xref *x;
	struct value root;
	struct value *unit_info;    /* by the model's unit order */
	/* The assessors with a caseload page (present/caseload_view.h):
	 * none in a pack. */
	const char **assessor_pages;
	size_t nassessor_pages;
	/* The cohort pages (present/cohort_view.h), in its arena: none in
	 * a pack. */
	struct cohort_view_page *cohort_pages;
	size_t ncohort_pages;
	/* Who still needs each unit's items (needs_view.h), by the
	 * model's unit order. */
	struct needs_view_unit *unit_needs;
	bool in_pack;               /* a pack's pages: no site-only links */
};

/* pack: NULL, or the pack's own context (pack.h), shared as "pack";
 * it, diags and the model must outlive s. */
void view_shared_init(struct view_shared *s, const struct model *m,
		      const struct xref *x, const struct diag_list *diags,
		      const struct view_site *site, const struct value *pack);
void view_shared_free(struct view_shared *s);

/* {page: {kind, title, path, root}, KIND: {...}}: one page's own context,
 * in a (strings it makes are copied there; the model's are not). */
struct value view_dashboard(struct arena *a, const struct view_shared *s,
			    const char *root);
/*
 * A learner's evidence rows as view_learner() built them (in its arena),
 * so that the portfolio pages built after it, from the same arena, copy
 * them instead of building each row again.  rows may be NULL.
 */
struct view_rows {
	const struct learner *learner;
	const struct evidence *const *evidence;   /* the learner's, in order */
	const struct value *rows;                 /* rows[i] is evidence[i]'s */
	size_t n;
};

struct value view_learner(struct arena *a, const struct view_shared *s,
			  size_t learner, const char *root,
			  struct view_rows *rows);
struct value view_portfolio(struct arena *a, const struct view_shared *s,
			    const struct portfolio *p, const char *root,
			    const struct view_rows *rows);
struct value view_unit(struct arena *a, const struct view_shared *s,
		       const struct unit *u, const char *root);
struct value view_sheet(struct arena *a, const struct unit *u,
			const char *root);
/* {page, claims: claims_view_list()}: the site's claims page. */
struct value view_claims(struct arena *a, const struct view_shared *s,
			 const char *root);
/* {page, qualifications: {learner..., progress: [...]}}: a learner's
 * progress on each of their qualifications. */
struct value view_qualifications(struct arena *a, const struct view_shared *s,
				 size_t learner, const char *root);
/* {page, assessor: caseload_view_assessor()}: an assessor's caseload. */
struct value view_assessor(struct arena *a, const struct view_shared *s,
			   const char *initials, const char *root);
/* {page, cohort: {...}}: the index-th of s->cohort_pages. */
struct value view_cohort(struct arena *a, const struct view_shared *s,
			 size_t index, const char *root);
/* {page, needs: {...}}: the portfolios on u still missing its item-th
 * criterion (in unit order) or, when requirement, its item-th
 * requirement: part `part` (1-based) of the list (needs_view.h). */
struct value view_needs(struct arena *a, const struct view_shared *s,
			const struct unit *u, size_t item, bool requirement,
			size_t part, const char *root);
/* {page: {...}}: the list of units, whose rows are the shared `units`
 * (the layout's navigation links here, not to each unit: so that no page
 * grows with the number of units). */
struct value view_units(struct arena *a, const char *root);
/* {page: {...}}: the pack's own context is the root's "pack" (pack.h). */
struct value view_pack(struct arena *a, const char *root);

/*
 * A learner's qualifications in brief: [{qualification, title, number,
 * status, status_label, signed_off, href}] (href null unless linked), for
 * the heads of their pages and the rows that list them.
 */
struct value view_qualification_briefs(struct arena *a, const struct xref *x,
				      const struct learner *l, bool linked);

const char *view_status_label(enum xref_status status);
const char *view_qualify_label(enum qualify_status status);   /* "Claimable" */

#endif
