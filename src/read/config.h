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
 *
 * Every key is optional; a missing file is no error.  Command-line options
 * override what the file says.
 */
#ifndef FOLIO_CONFIG_H
#define FOLIO_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "read/risk.h"

/* CSV files whose path (from the centre folder) matches pattern are in name. */
struct config_encoding {
	const char *pattern;
	const char *name;
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
	bool has_today;
	int32_t today;
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
