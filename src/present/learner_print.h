/*
 * learner_print.h - what one learner's pages are made from, as a digest:
 * so that a build can keep the pages of a learner whose digest did not
 * change since the last build without rendering them (write/site.c).
 *
 * A learner's pages (their page, their qualifications, their portfolios)
 * are made from their row in the learners file, their rows in every
 * evidence log and in the off-the-job, reviews, sign-offs and IQA files,
 * and the units they are on, and from nothing of any other learner.  The
 * digest covers every field of each of those rows as read, with its file
 * and line, and the digest of each unit file the caller gives; what every
 * page shares (options, templates, the other files) is the caller's to
 * add.  A field added to one of those rows must be added here, as the
 * view reading it would show it.
 */
#ifndef FOLIO_LEARNER_PRINT_H
#define FOLIO_LEARNER_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "read/model.h"
#include "judge/xref.h"

/*
 * The digest of m->learners[learner]'s own inputs, carried on from h.
 * unit_prints[i] is the digest of m->units[i]'s file.
 */
uint64_t learner_print(const struct model *m, const struct xref *x,
		       size_t learner, const uint64_t *unit_prints, uint64_t h);

#endif
