/*
 * url.h - the site's URL scheme, in one place: where each page lives, from
 * the root of the site or pack, without its extension (the format adds
 * ".html" or ".md").  Every link a page makes, the pack's and the plan's
 * links, and every page the writer writes take their paths from here.
 *
 *   index                  the dashboard (in a pack, the pack page)
 *   learners/ID/index      a learner's page
 *   learners/ID/UNIT       a portfolio: a learner on a unit
 *   learners/ID/qualifications   a learner's progress on their
 *                          qualifications (no unit may be called so,
 *                          nor `index`: read/unit.c refuses them)
 *   assessors/INITIALS     an assessor's caseload (site only)
 *   cohorts/SLUG           a cohort's learners and units, or a part of
 *                          them (site only; present/cohort_view.h)
 *   units                  the list of units (beside the units/ folder)
 *   units/UNIT             a unit specification
 *   units/UNIT/ID          who still needs criterion ID of the unit
 *   units/UNIT/requirement-ID   who still needs its requirement ID
 *                          (site only)
 *   units/UNIT/ID/N, units/UNIT/requirement-ID/N
 *                          part N (from 2) of such a page, when more
 *                          learners need it than one page lists
 *                          (present/view.h); a folder, so that no id
 *                          can name another's part
 *   sheets/UNIT            a unit's blank record sheet
 *
 * Ids are valid ids (base/ident.h: at most IDENT_MAX bytes, no '/'), so a
 * path always fits in URL_SIZE.
 */
#ifndef FOLIO_URL_H
#define FOLIO_URL_H

#include <stddef.h>


#include "base/arena.h"
#include "base/buf.h"
#include "base/ident.h"
#include "base/value.h"

enum url_page {
	URL_INDEX,
	URL_LEARNER,        /* id: the learner */
	URL_PORTFOLIO,      /* id: the learner; unit: the unit */
	URL_UNIT,           /* id: the unit */
	URL_SHEET,          /* id: the unit */
	URL_CLAIMS,
	URL_QUALIFICATIONS, /* id: the learner */
	URL_ASSESSOR,       /* id: the assessor's initials */
	URL_COHORT,         /* id: the cohort page's slug */
	URL_CRITERION,      /* id: the unit; unit: the criterion's id */
	URL_REQUIREMENT,    /* id: the unit; unit: the requirement's id */
	URL_UNITS,
};

#define URL_SIZE (2 * IDENT_MAX + 64)

/* The page's path into out; returns its length. */
size_t url_path(char out[URL_SIZE], enum url_page page, const char *id,
		const char *unit);

/* The same as a string value in a. */
struct value url_value(struct arena *a, enum url_page page, const char *id,
		       const char *unit);

/* Part `part` (1-based) of a page split into parts: url_path() for the
 * first, and that path, '/' and the part's number for the others. */
size_t url_part_path(char out[URL_SIZE], enum url_page page, const char *id,
		     const char *unit, size_t part);
struct value url_part_value(struct arena *a, enum url_page page,
			    const char *id, const char *unit, size_t part);

/*
 * path as a URI's path, appended to out: letters, digits, "-._~" and '/'
 * as they are, every other byte as %XX (so "log, 50%: a.csv" cannot be
 * read as a scheme or a query).  For the URIs folio writes outside its
 * pages: a SARIF log's files, `folio serve`'s redirects.
 */
void url_escape(struct buf *out, const char *path);

/* The folders the pages live in, made before any page is written. */
extern const char *const url_folders[3];

#endif
