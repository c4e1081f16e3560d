/*
 * record.h - the site's record (.folio-pages): what a build leaves for
 * the next one so that it can trust the pages it finds.
 *
 * The record is the last file a build writes.  Its head says how many
 * entries the site held besides it ("folio-pages 3", then "entries N");
 * then a line per learner: the digest each kind of their pages was made
 * from (RECORD_KINDS of them, 16 hex digits and a space each), the id,
 * and " misses" when their pages had names in no context.  A site with
 * another number of entries, or with an entry changed after the record
 * (its ctime, which nothing but the kernel sets), was changed by someone
 * else (a page edited, deleted or added by hand).  A record whose time
 * is coarser than a microsecond (FAT, HFS+) is not trusted at all.
 *
 * What the digests are made from, and which pages are kept by them, is
 * the site builder's (site.c); this module only reads and writes them.
 */
#ifndef FOLIO_RECORD_H
#define FOLIO_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/strmap.h"

#define RECORD_FILE ".folio-pages"
/* The record's first bytes, and so its format's version: a change to the
 * format changes it, which also changes every digest (site.c hashes it). */
#define RECORD_HEAD "folio-pages 3\nentries "
/* Digests a learner has: their page, their qualifications, their
 * portfolios. */
#define RECORD_KINDS 3

struct record_learner {
	const char *id;
	uint64_t print[RECORD_KINDS];
	bool missed;                /* their pages had template misses */
};

/* An old site's record, read (record_load). */
struct record {
	struct timespec written;    /* a file changed later is not trusted */
	struct strmap learners;     /* id -> struct record_learner */
	struct record_learner *entries;   /* in the record's order */
	size_t nentries;
	char *text;                 /* the record; ids point into it */
};

/*
 * Whether the site in out is as its last build left it: as many entries
 * as its record says, and none changed after the record was written.
 */
bool record_untouched(const char *out);

/*
 * Reads the record of the site in out into r (zeroed first): false, with
 * r to be freed all the same, when it is missing, untrusted or not a
 * record.
 */
bool record_load(struct record *r, const char *out);

/*
 * record_load()'s parser, apart for the fuzzer: text[0..len), a record's
 * bytes with a NUL after them, which r takes (record_free() frees them;
 * the learners' ids point into them).  false when it is not a record;
 * *entries: what its head counts.
 */
bool record_parse(struct record *r, char *text, size_t len, size_t *entries);

/* The learner's entry in r, or NULL. */
const struct record_learner *record_learner(const struct record *r,
					    const char *id);

void record_free(struct record *r);

/*
 * Starts the record of the folder fresh in text: its head, with the
 * entries fresh holds now.  false when something in it could not be read
 * to count them.
 */
bool record_begin(struct buf *text, const char *fresh);

/* Adds a learner's line to a record begun with record_begin(). */
void record_add(struct buf *text, const char *id,
		const uint64_t print[RECORD_KINDS], bool missed);

/*
 * Writes text as the record of the published site in out, and returns
 * once the clock has moved past the record's time, so that a page edited
 * the moment the build ends is stamped later than it.  When it cannot be
 * written, a warning in diags: the next build renders every page.
 */
void record_put(const char *out, const struct buf *text,
		struct diag_list *diags);

#endif
