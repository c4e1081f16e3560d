/*
 * qualification.h - a qualification's rules of combination, read from its
 * Markdown file in qualifications/.
 *
 * A learner registered on a qualification takes units from its groups:
 * a group with no limits is mandatory (every unit in it); one with limits
 * (min_units, max_units, min_credits, max_credits) is met by enough of its
 * units.  `credits` is the least total credit, and `barred` lists sets of
 * units of which a learner may take at most one.  The format is
 * documented in docs/centre.md ("Qualifications"); judge/qualify.h says
 * how a learner's progress on one is judged.
 */
#ifndef FOLIO_QUALIFICATION_H
#define FOLIO_QUALIFICATION_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/markdown.h"
#include "read/unit.h"

struct qualification_group {
	const char *id;             /* "A" */
	const char *title;          /* NULL when not given */
	const struct unit **units;  /* known units, in file order */
	size_t nunits;
	long min_units, max_units;  /* -1 when not given, likewise below */
	long min_credits, max_credits;
	bool mandatory;             /* none of the four limits: every unit */
	int line;
};

/* Units of which a learner may take at most one. */
struct qualification_barred {
	const struct unit **units;
	size_t nunits;
	int line;
};

struct qualification {
	const char *id;             /* first member: lookups rely on it */
	const char *file;
	int line;                   /* of the `id:` key */
	const char *title;
	const char *awarding_body;  /* NULL when not given, likewise below */
	const char *number;         /* the Ofqual number, "600/1234/5" */
	const char *level;
	long credits;               /* least total credit; -1 when not given */
	long glh, tqt;              /* -1 when not given */
	struct qualification_group *groups;
	size_t ngroups;
	struct qualification_barred *barred;
	size_t nbarred;
	const char *notes_html;     /* the body: the handbook's notes */
	struct markdown_blocks notes_blocks;
	const struct unit **mandatory;  /* every mandatory group's units */
	size_t nmandatory;
};

/*
 * Parses one qualification file; units[0..nunits) are the centre's, by id
 * (unit_compare_ids).  Every problem is reported to diags; the result is
 * NULL when the file cannot give a qualification (not text, no front
 * matter, no usable id).
 */
struct qualification *qualification_parse(struct arena *arena,
					   const char *file, const char *text,
					   size_t len, struct unit *const *units,
					   size_t nunits,
					   struct diag_list *diags);

/* The group of q that u is in, or NULL (a unit is in one group at most). */
const struct qualification_group *
qualification_group_of(const struct qualification *q, const struct unit *u);

/* For qsort: two struct qualification pointers, by id. */
int qualification_compare_ids(const void *a, const void *b);

/* The qualification with this id in qs[0..n), sorted so, or NULL. */
const struct qualification *
qualification_find(struct qualification *const *qs, size_t n, const char *id);

#endif
