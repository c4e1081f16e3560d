/*
 * signoff.h - the declarations made on portfolios, read from signoffs.csv
 * (optional).
 *
 * One row per declaration.  Columns (any case, any order; others are kept
 * as extra), all required:
 *   learner, unit   the portfolio
 *   role            assessor, learner, iqa, countersign or employer
 *   who             assessor, iqa, countersign: initials in assessors.csv,
 *                   listed in that role (an IQA for iqa); learner: the
 *                   learner's id or name; employer: a name
 *   date            when it was signed
 *   digest          what was signed: `folio digest LEARNER UNIT` at the
 *                   time (sha256: and 64 hex digits; judge/digest.h)
 * and, optionally:
 *   signature       the signer's Ed25519 signature of the declaration's
 *                   statement (judge/digest.h), in base64
 *
 * What can be told from the row alone is checked here, and a row with an
 * error is left out.  Whether a declaration still holds (its digest, the
 * portfolio complete, the evidence dated before it, countersigning) is
 * the judge stage's (judge/xref.h), which needs the portfolio.
 */
#ifndef FOLIO_SIGNOFF_H
#define FOLIO_SIGNOFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "read/csvrow.h"
#include "read/learner.h"
#include "read/role.h"
#include "read/unit.h"

struct assessor;
struct load;

/* "sha256:" and 64 lower-case hex digits, and the NUL. */
#define SIGNOFF_DIGEST_SIZE (7 + 64 + 1)

struct signoff {
	const struct learner *learner;
	const struct unit *unit;
	enum role role;
	const char *who;                 /* as written */
	const struct assessor *person;   /* assessor, iqa, countersign */
	int32_t date;
	char digest[SIGNOFF_DIGEST_SIZE];   /* in lower case */
	bool has_signature;              /* `signature` given, and well formed */
	uint8_t signature[ROLE_SIGNATURE_SIZE];
	const char *signature_text;      /* as written, or NULL */
	struct extra_field *extra;
	size_t nextra;
	const char *file;
	int line;
};

/*
 * Reads the sign-offs file into the loader context (load->signoffs,
 * sorted by learner id, unit id, role, date and line), which must hold
 * the units, learners and assessors.  Returns 0, or an errno value when
 * the file cannot be read.
 */
int signoff_load(struct load *load, const char *path, struct diag_list *diags);

#endif
