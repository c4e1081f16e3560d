/*
 * check_report.h - what `folio check` found, as the documents CI reads:
 * folio's JSON, SARIF 2.1.0 (code scanning) and JUnit XML (the test views
 * of GitLab and Jenkins).  Each holds every diagnostic and, with --strict,
 * every portfolio that has gaps; the text and GitHub formats are the
 * diagnostics' own (base/diag.h).
 */
#ifndef FOLIO_CHECK_REPORT_H
#define FOLIO_CHECK_REPORT_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/value.h"
#include "judge/xref.h"
#include "read/model.h"

struct check_report {
	const struct model *model;
	const struct xref *xref;       /* judged; empty when not read */
	const struct xref_tally *tally;
	const struct diag_list *diags; /* sorted, files as the user names them */
	/* Where the centre is from where the user is (-C DIR), or NULL: the
	 * model's files (its inputs, a learner's row) are named from there,
	 * as the diagnostics are. */
	const char *dir;
	bool read;      /* false: the centre could not be read (exit 2) */
	bool strict;    /* --strict: list the portfolios with gaps */
};

/*
 * The line check prints after the diagnostics, read by people as well as
 * CI: "3 units, 14 learners, 31 portfolios (...): 0 errors, 6 warnings",
 * with ", 12 learners' qualifications (5 complete, ...)" before the colon
 * in a centre whose learners are on any, and "N of them signed off" in
 * one that records sign-offs; appended to out with its line break.
 */
void check_report_summary(const struct model *m, const struct xref *x,
			  const struct xref_tally *s,
			  const struct diag_list *diags, struct buf *out);

/* {"diagnostics": [...], "summary": {...}, "strict": [...]} (docs/json.md). */
struct value check_report_json(struct arena *a, const struct check_report *r);

/*
 * A SARIF 2.1.0 log: one run, a result per diagnostic (rule id from its
 * kind, diag_rule_id; level; message; the file and region, columns in
 * characters: see diag_list_columns_as_characters) and, with strict, one
 * per portfolio with gaps (rule "portfolio-has-gaps", at the learner's
 * row); invocations[0].executionSuccessful false when not read.
 */
struct value check_report_sarif(struct arena *a, const struct check_report *r);

/*
 * JUnit XML: a test suite "input files" with a test case per input (and
 * per other file a diagnostic names), failed by its errors, its warnings
 * in system-out; and a test suite "portfolios" with a test case per
 * portfolio, failed by its gaps, listed whether strict or not (a gap is
 * what the test view is for; the exit status stays check's).
 */
void check_report_junit(const struct check_report *r, struct buf *out);

/* "missing-evidence 1.2, too-few-occasions": a portfolio's gaps by code. */
void check_report_gap_codes(const struct portfolio *p, struct buf *out);
/* "LEARNER UNIT: " and its gaps by code: how --strict names a portfolio
 * in text, GitHub commands and SARIF. */
void check_report_gaps_line(const struct portfolio *p, struct buf *out);

#endif
