/*
 * arena.h - a region allocator: many small allocations, one free.
 *
 * The loaded model (units, their outcomes, criteria and strings) lives as
 * long as a run and is read-only once loaded, so it is allocated from one
 * arena and released with arena_free().  That removes a free() per string
 * and lets threads share the model without reference counts.
 */
#ifndef FOLIO_ARENA_H
#define FOLIO_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t blocks;          /* made so far: past a few, huge pages */
	struct arena_block *spare;  /* emptied by arena_reset, to use again */
};

#define ARENA_INIT { NULL, 0, NULL }

void *arena_alloc(struct arena *a, size_t size);     /* zeroed, aligned */
void *arena_alloc_raw(struct arena *a, size_t size); /* aligned, not zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/*
 * Grows an array of elem_size elements to hold at least need of them,
 * doubling; the old contents are copied (the old block is simply left in
 * the arena).  *cap is updated.
 */
void *arena_grow(struct arena *a, void *ptr, size_t *cap, size_t need,
		 size_t elem_size);

void arena_free(struct arena *a);

/* The bytes the arena holds from the system: what its contents cost. */
size_t arena_size(const struct arena *a);

/*
 * Forgets every allocation but keeps the blocks for the next ones, so that
 * an arena reused for one page after another stops asking the system for
 * memory (and the kernel stops zeroing fresh pages) once it is warm.
 */
void arena_reset(struct arena *a);

#endif
