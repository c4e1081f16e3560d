/*
 * standard_md.h - an apprenticeship standard (read/standard.h) written as
 * a unit specification in folio's Markdown (docs/units.md), which loads
 * with no diagnostics: `folio import standard`'s output.
 */
#ifndef FOLIO_STANDARD_MD_H
#define FOLIO_STANDARD_MD_H

#include "base/buf.h"
#include "read/standard.h"

/*
 * Appends the unit to out: id (a valid id), source (the file it came from,
 * named in a comment), then the front matter, the KSBs as outcomes K, S
 * and B and the duties as requirements D1...
 */
void standard_md(const struct standard *s, const char *id, const char *source,
		 struct buf *out);

/* The id a standard's unit gets by default: its reference in lower case. */
void standard_md_default_id(const struct standard *s, struct buf *out);

#endif
