/*
 * standard.h - an apprenticeship standard as the Skills England
 * apprenticeship standards API gives it in JSON (the fields DfE's own
 * importer reads), for `folio import standard`.
 *
 * Its knowledge, skills and behaviours are numbered K1.., S1.., B1.. in
 * list order; its duties D1.. likewise, each with the KSBs it maps to
 * resolved from their GUIDs.  Every problem is a diagnostic at the file,
 * its message starting with the JSON path ("duties[2].mappedSkills[0]:
 * ..."); a syntax error has its line and column.  docs/standards.md
 * documents the fields read and what is made of them.
 */
#ifndef FOLIO_STANDARD_H
#define FOLIO_STANDARD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

/* A knowledge, skill or behaviour. */
struct standard_ksb {
	char code[16];          /* "K1" */
	const char *guid;
	const char *detail;
};

struct standard_duty {
	char code[16];          /* "D1" */
	const char *guid;
	const char *detail;
	bool core;              /* isThisACoreDuty */
	const struct standard_ksb **ksbs;   /* mapped, K then S then B */
	size_t nksbs;
	const char **options;   /* titles of the options it belongs to */
	size_t noptions;
};

enum { STANDARD_K, STANDARD_S, STANDARD_B, STANDARD_KINDS };

struct standard {
	const char *reference;        /* "ST0072" */
	const char *version;          /* "1.1" */
	const char *title;
	long level;
	long lars;                    /* -1 when not given, likewise below */
	long typical_duration;        /* months */
	const char *status;           /* NULL when not given, likewise below */
	const char *earliest_start;   /* YYYY-MM-DD */
	const char *latest_start;
	const char *latest_end;
	const char *assessment_plan_url;
	const char *standard_page_url;
	const char *eqa_provider;
	bool core_and_options;
	struct standard_ksb *ksbs[STANDARD_KINDS];
	size_t nksbs[STANDARD_KINDS];
	struct standard_duty *duties;
	size_t nduties;
};

/*
 * Reads the JSON text of one standard into *s, strings in arena.  Returns
 * true when it is usable (every required field there and every GUID
 * known); false after reporting to diags why not.  Warnings do not make
 * it unusable.
 */
bool standard_parse(struct standard *s, struct arena *arena, const char *file,
		    const char *text, size_t len, struct diag_list *diags);

/* The KSB letter of kind k: 'K', 'S' or 'B'. */
char standard_letter(int kind);

#endif
