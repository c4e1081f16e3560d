/*
 * pack.h - the external-verification pack: one visit's evidence as files.
 *
 * Before an external quality assurer visits, the centre hands over its
 * sampling plan and rationale, the records of the sampling done, the
 * learners' tracking, and the sampled portfolios.  pack_build() writes
 * them as a folder that opens offline and can be zipped, mailed or burnt:
 *
 *   index.html        printable as one document: cover, learner tracking,
 *                     assessors and IQAs with their risk, the sampling plan
 *                     with its reasons, the sampling record with the actions
 *                     outstanding, and the contents
 *   learners/ID/...   the sampled learners' evidence logs and portfolios
 *   units/, sheets/   the units in scope, and their blank record sheets
 *   style.css
 *   data.json         the model in scope, the plan and its coverage
 *   SHA256SUMS        every other file's SHA-256 (`sha256sum -c SHA256SUMS`)
 *
 * The model given is already narrowed to the visit (scope.h): nothing
 * outside the scope reaches the pack.  The same inputs make the same
 * bytes.  The pack is written like the site (site.h): beside --out, and
 * swapped in only when whole.
 */
#ifndef FOLIO_PACK_H
#define FOLIO_PACK_H


#include "base/diag.h"
#include "read/model.h"
#include "judge/sample.h"
#include "judge/scope.h"
#include "judge/xref.h"
#include "write/site.h"

struct pack_options {
	const char *out;
	const char *templates;      /* overriding theme folder, or NULL */
	int jobs;
	const struct scope *scope;  /* what the cover says the pack covers */
	/* The diagnostics of the scope (scope_diagnostics): the pack page
	 * lists them, and data.json holds them. */
	const struct diag_list *diags;
};

enum site_status pack_build(const struct model *m, const struct xref *x,
			    const struct sample *s, const struct pack_options *o,
			    struct site_result *result, struct diag_list *diags);

#endif
