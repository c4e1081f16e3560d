/*
 * unit.h - a unit specification, read from its Markdown file.
 *
 * A unit is what a learner is assessed against: learning outcomes holding
 * assessment criteria (some of which must be observed), evidence
 * requirements in groups, and prose sections.  An apprenticeship
 * standard is a unit too: its knowledge, skills and behaviours are
 * outcomes K, S and B holding criteria K1, S1, B1...  unit_parse() reads one file
 * (YAML front matter, then CommonMark) into a struct unit allocated from
 * the caller's arena; every string is UTF-8 and every *_html field is
 * rendered by cmark's safe renderer.  The format is documented in
 * docs/units.md.
 */
#ifndef FOLIO_UNIT_H
#define FOLIO_UNIT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/markdown.h"

struct unit_method {
	const char *code;       /* "O" */
	const char *name;       /* "Observation" */
};

struct unit_outcome;

struct unit_criterion {
	const char *id;             /* "1.1"; first member: lookups rely on it */
	size_t index;               /* position among all the unit's criteria */
	const struct unit_outcome *outcome;
	const char *text;
	bool observe;               /* must be met by observation (method O) */
	const char *form;           /* the paper form's label ("K1"), or NULL */
	const char *guidance_html;  /* "" when there is none */
	struct markdown_blocks guidance_blocks;   /* the same, for Markdown pages */
	int line;
};

struct unit_outcome {
	int number;                 /* 0 for a KSB outcome */
	const char *code;           /* "3", or an apprenticeship standard's
				     * "K", "S" or "B" (criteria K1, S2...) */
	const char *title;
	bool knowledge;             /* "know how to", "understand" */
	const char *guidance_html;  /* the outcome's prose outside its criteria */
	struct markdown_blocks guidance_blocks;
	struct unit_criterion *criteria;
	size_t ncriteria;
	int line;
};

struct unit_requirement {
	const char *id;             /* "4a"; first member: lookups rely on it */
	size_t index;               /* position among all the unit's requirements */
	const char *text;
	int line;
};

struct unit_requirement_group {
	const char *title;          /* its H3 */
	const char *html;           /* the group's prose outside its items */
	struct markdown_blocks blocks;
	struct unit_requirement *items;
	size_t nitems;
	int line;
};

struct unit_section {
	const char *title;
	const char *html;
	struct markdown_blocks blocks;
	int line;
};

/*
 * What an apprenticeship standard's front matter adds, as `folio import
 * standard` writes it (docs/standards.md).  Unset text is NULL, an unset
 * number -1.
 */
struct unit_standard {
	const char *version;
	long lars;                  /* the LARS code */
	const char *status;
	long typical_duration;      /* months */
	const char *earliest_start, *latest_start, *latest_end;   /* dates */
	const char *assessment_plan, *standard_page;              /* URLs */
	const char *eqa_provider;
	long otj_hours;             /* the published off-the-job minimum */
	/* Each KSB's and duty's GUID in the standard, by its id here. */
	const char **guid_ids;
	const char **guids;
	size_t nguids;
};

struct unit {
	const char *file;
	int line;                   /* of the `id:` key, for diagnostics */
	const char *id;
	const char *title;
	const char *awarding_body;  /* NULL when not given, likewise below */
	const char *number;
	const char *urn;
	const char *level;
	long credit;                /* -1 when not given */
	long glh;                   /* -1 when not given */
	struct unit_method *methods;
	size_t nmethods;
	bool simulation;            /* simulated performance evidence allowed */
	long occasions;             /* distinct dates performance must span */
	const char **nos;
	size_t nnos;
	struct unit_standard *standard;   /* NULL: not an apprenticeship standard */
	const char *intro_html;     /* prose before the first H2 */
	struct markdown_blocks intro_blocks;
	struct unit_outcome *outcomes;
	size_t noutcomes;
	const char *requirements_html;  /* prose of "Evidence requirements" */
	int requirements_line;          /* of its heading; 0: the unit has none */
	struct markdown_blocks requirements_blocks;
	struct unit_requirement_group *groups;
	size_t ngroups;
	struct unit_section *sections;
	size_t nsections;
	/* Flat views, in document order, for lookups and per-criterion arrays. */
	const struct unit_criterion **criteria;
	size_t ncriteria;
	const struct unit_requirement **requirements;
	size_t nrequirements;
	/* The same, sorted by id, for lookups in O(log n). */
	const struct unit_criterion **criteria_by_id;
	const struct unit_requirement **requirements_by_id;
};

/*
 * Parses one unit file.  Every problem is reported to diags; the result
 * is NULL when the file cannot give a unit (not text, no front matter,
 * no usable id), otherwise a unit with whatever could be read.
 */
struct unit *unit_parse(struct arena *arena, const char *file,
			const char *text, size_t len, struct diag_list *diags);

/* For qsort: two struct unit pointers, by id. */
int unit_compare_ids(const void *a, const void *b);

/* The unit with this id in units[0..n), sorted by unit_compare_ids, or NULL. */
const struct unit *unit_find(struct unit *const *units, size_t n,
			     const char *id);

const struct unit_criterion *unit_find_criterion(const struct unit *u,
						 const char *id);
const struct unit_requirement *unit_find_requirement(const struct unit *u,
						     const char *id);
/* The same for an id that is len bytes of s, not NUL-terminated. */
const struct unit_criterion *unit_find_criterion_n(const struct unit *u,
						   const char *s, size_t len);
const struct unit_requirement *unit_find_requirement_n(const struct unit *u,
						       const char *s, size_t len);
const struct unit_method *unit_find_method(const struct unit *u,
					   const char *code);

/*
 * What a method code is called: the unit's name for it, else the default
 * methods' (a row may use a code the unit does not allow), else the code.
 */
const char *unit_method_name(const struct unit *u, const char *code);

/* The method codes folio knows by name, in the record sheet's order. */
extern const struct unit_method unit_default_methods[];
extern const size_t unit_default_methods_count;

#endif
