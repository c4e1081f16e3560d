/*
 * config.h - folio.yml, the centre's optional settings file.
 *
 *   name: Northgate Training
 *   number: "12345"
 *   today: 2026-06-30          # the date "future" is judged against
 *   paths:
 *     units: ../../units       # relative to the centre folder
 *     qualifications: qualifications
 *     learners: learners.csv
 *     evidence: evidence
 *     assessors: assessors.csv
 *     iqa: iqa.csv
 *     signoffs: signoffs.csv
 *     otj: otj                 # the off-the-job hours logs, every *.csv
 *     reviews: reviews.csv
 *   encoding: windows-1252     # every CSV file; or, per file pattern:
 *   encoding:
 *     "evidence/sp-2026.csv": windows-1252
 *   sampling:                  # the IQA's rates, by assessor risk
 *     high: 100%               # of each assessor's portfolios
 *     medium: 50%
 *     low: 25%
 *     seed: 1                  # the same seed, the same plan
 *   signoff: [assessor, learner]   # the roles a sign-off needs
 *   claims:
 *     summative_sample: true   # a claim waits for an agreed summative sample
 *   otj:                       # the off-the-job minimum's funding rules
 *     standard_from: 2025-08-01    # starts from: the standard's otj_hours
 *     weekly_from: 2022-08-01      # starts from: weekly_hours a week
 *     weekly_hours: 6
 *     full_time_hours: 30          # pro rata below
 *     percent: 20                  # earlier starts: of contracted hours
 *     leave_weeks: 5.6             # statutory leave a year, not counted
 *   reviews:
 *     every_weeks: 12          # a progress review at least this often
 *   caseload:
 *     behind: 90%              # behind: below this share of the expected
 *     quiet_weeks: 8           # no evidence for this long needs attention
 *
 * Every key is optional; a missing file is no error.  Command-line options
 * override what the file says.
 */
#ifndef FOLIO_CONFIG_H
#define FOLIO_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/diag.h"
#include "read/risk.h"

/* CSV files whose path (from the centre folder) matches pattern are in name. */
struct config_encoding {
	const char *pattern;
	const char *name;
};

/* The off-the-job minimum's rules by start date (docs/apprenticeships.md). */
struct config_otj {
	int32_t standard_from;   /* starts on or after: the standard's minimum */
	int32_t weekly_from;     /* on or after, and before standard_from */
	long weekly_hours;       /* hundredths of an hour (base/hours.h) */
	long full_time_hours;    /* hundredths: at or above, the full weekly */
	int percent;             /* earlier starts: of the contracted hours */
	long leave_weeks;        /* hundredths of a week a year not counted */
};

struct config {
	const char *file;       /* the file read, or NULL if there was none */
	const char *name;       /* NULL when not given, likewise below */
	const char *number;
	const char *units;
	const char *qualifications;
	const char *learners;
	const char *evidence;
	const char *assessors;
	const char *iqa;
	const char *signoffs;
	const char *otj_dir;
	const char *reviews;
	bool has_today;
	int32_t today;
	enum date_style date_style;       /* date_format: on pages only */
	const char *encoding;             /* every CSV file, unless a pattern says */
	struct config_encoding *encodings;
	size_t nencodings;
	/* Percent of an assessor's portfolios, by enum risk (the
	 * unknown slot is the high rate); the defaults unless folio.yml says. */
	int sampling_rate[RISK_COUNT];
	uint64_t sampling_seed;     /* default 1 */
	/* The roles a portfolio's sign-off needs, as (1u << enum
	 * role) flags (read/role.h): assessor and learner unless it says. */
	unsigned signoff_roles;
	/* claims: {summative_sample: true}: a claim waits for an agreed
	 * summative IQA sample of the portfolio (judge/claims.h). */
	bool claims_summative_sample;
	struct config_otj otj;
	long review_weeks;          /* reviews: {every_weeks}: 12 */
	int behind_percent;         /* caseload: {behind}: 90 */
	long quiet_weeks;           /* caseload: {quiet_weeks}: 8 */
};

/* The encoding folio.yml gives the CSV file at path (from the centre), or NULL. */
const char *config_encoding_for(const struct config *c, const char *path);

/*
 * Reads folio.yml's text (path names it in diagnostics) into *c, strings
 * in arena; problems are diagnostics.  With text NULL, there is no file:
 * *c holds the defaults.
 */
void config_parse(struct config *c, struct arena *arena, const char *path,
		  const char *text, size_t len, struct diag_list *diags);

#endif
