/*
 * mem.h - allocation that cannot fail.
 *
 * folio is a batch tool: when memory runs out there is nothing useful left
 * to do, so these wrappers abort instead of making every caller check for
 * NULL (the same choice cmark makes).  They also put large blocks on huge
 * pages (mem.c says why).
 */
#ifndef FOLIO_MEM_H
#define FOLIO_MEM_H

#include <stddef.h>

void *mem_alloc(size_t size);                 /* malloc, never NULL */
void *mem_calloc(size_t count, size_t size);  /* zeroed, overflow-checked */
void *mem_realloc(void *ptr, size_t size);
void *mem_array_grow(void *ptr, size_t *cap, size_t need, size_t elem_size);
char *mem_strdup(const char *s);

/*
 * Blocks of 1 MB or more (mem_alloc, mem_calloc, mem_realloc of NULL, and
 * arrays that mem_array_grow moves to that size) are whole huge pages, as
 * mem_huge_alloc makes them: see mem.c for why.
 */

/* Offers the 2 MB-aligned part of a large block to the kernel as huge pages. */
void mem_advise_huge(void *ptr, size_t size);
/* A block of whole, aligned huge pages (size rounded up to 2 MB); free(). */
void *mem_huge_alloc(size_t size);
char *mem_strndup(const char *s, size_t n);

#endif
