/*
 * jsonarena.h - jansson values that live only as long as one page.
 *
 * The few pages whose views are still built as JSON (units, sheets, the
 * pack; see view.h) are small JSON values, built, turned into values,
 * rendered once and dropped, as are each learner that `folio export`
 * writes (export.c) and the context of a sampling plan in Markdown
 * (pack.c).  With jansson's own malloc and free that churn was most of a
 * site build when every view was JSON, and of an export.  While a
 * thread has an arena active, jansson allocates from it by bumping a
 * pointer; frees inside it do nothing; and the whole page is dropped at
 * once by jsonarena_reset(), without walking the values.  Values made
 * outside an active arena (the shared site model) are malloc'd and freed
 * as usual, whichever thread frees them.
 *
 * Rule: a value built in an arena must never be decref'd after the
 * arena is reset or deactivated, nor be linked into a value outside it.
 */
#ifndef FOLIO_JSONARENA_H
#define FOLIO_JSONARENA_H

#include <stddef.h>

struct jsonarena_block;

struct jsonarena {
	struct jsonarena_block *blocks;   /* newest first */
	char *next;                       /* free space in the newest block */
	char *end;
};

/* Routes jansson's allocations through the arena hooks, before use; calls
 * after the first do nothing, so any thread may make them. */
void jsonarena_install(void);

/* Makes a the arena of the calling thread (NULL: none). */
void jsonarena_activate(struct jsonarena *a);

/* Drops everything allocated in a, keeping one block for the next page. */
void jsonarena_reset(struct jsonarena *a);

void jsonarena_free(struct jsonarena *a);

#endif
