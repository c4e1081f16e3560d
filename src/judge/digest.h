/*
 * digest.h - what a sign-off covers, as one SHA-256: the digest a
 * declaration in signoffs.csv carries, so that any later edit to what was
 * signed is caught (docs/centre.md, "The sign-off digest", defines it for
 * anyone to recompute).
 *
 * The digest is of a canonical text: the unit's id, criteria and
 * requirements as loaded, then the portfolio's counting rows (ref, date,
 * method, criteria, requirements, assessor, summary) by date and ref.  It
 * depends on nothing else: not on the order of the rows in the files, on
 * line endings, or on other learners, units and files.
 */
#ifndef FOLIO_DIGEST_H
#define FOLIO_DIGEST_H

#include <stdbool.h>
#include <stdint.h>

#include <nettle/sha2.h>

#include "base/buf.h"
#include "read/signoff.h"
#include "judge/xref.h"

/* The canonical text of what p's sign-off covers, appended to out. */
void digest_text(const struct portfolio *p, struct buf *out);

/* "sha256:" and the 64 lower-case hex digits of digest_text(p). */
void digest_portfolio(const struct portfolio *p, char out[SIGNOFF_DIGEST_SIZE]);

/*
 * The text's first part, the unit's, is the same for every portfolio on
 * the unit: digest_prepare() hashes it once a unit and points each of
 * x's portfolios at that (portfolio.digest_unit), so that
 * digest_portfolio() hashes only the rows.  The digests are the same
 * either way (a portfolio not pointed hashes its unit's part itself);
 * on the bench's centres the unit's part is about a third of each text
 * an export or a build hashes.  Part of judging (judge_centre).
 */
struct digest_unit {
	struct sha256_ctx sha;      /* after the unit's part of the text */
};

void digest_prepare(struct xref *x, const struct model *m);

/*
 * The statement a declaration's Ed25519 signature signs, appended to out:
 * who declared what, in which role, on which day, over which digest
 * (docs/centre.md, "Signatures", defines it).
 */
void digest_statement(const char *learner, const char *unit, enum role role,
		      const char *who, int32_t date, const char *digest,
		      struct buf *out);

/* Whether signature is key's Ed25519 signature of s's statement. */
bool digest_signature_verifies(const struct signoff *s,
			       const uint8_t key[ROLE_PUBLIC_KEY_SIZE]);

#endif
