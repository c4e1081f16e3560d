/*
 * mem.c - allocation that cannot fail (see mem.h for why it aborts).
 */
#include "base/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void *checked(void *ptr)
{
	if (!ptr)
		abort();
	return ptr;
}

/*
 * Large blocks are backed by huge pages (2 MB instead of 4 KB), which the
 * kernel here grants only where madvise() asks for them.  Two reasons.
 * The model and the page views are pointer-chasing structures of
 * hundreds of megabytes, and with small pages most of their lookups miss
 * the TLB.  And the first touch of every small page is a page fault,
 * dear on a virtual machine: the CSV files, their text and their rows,
 * written once each, spent more time faulting in than being parsed.  A
 * huge page takes one fault where small pages take 512.  (The figures
 * are in docs/performance.md, "Where the time goes".)
 *
 * So a block of MEM_HUGE_FROM bytes or more is allocated aligned to a
 * huge page and rounded up to whole ones (mem_huge_alloc), and an array
 * that grows past that size moves into such a block.  The rounding wastes
 * under 2 MB a block, on blocks of over 1 MB, a few per cent of peak
 * memory.  A kernel without huge pages ignores the advice.
 */
#define HUGE_PAGE ((size_t)2 << 20)
#define MEM_HUGE_FROM ((size_t)1 << 20)

static size_t round_to_huge(size_t size)
{
	if (size > SIZE_MAX - HUGE_PAGE)
		abort();
	return (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

void mem_advise_huge(void *ptr, size_t size)
{
	uintptr_t start = ((uintptr_t)ptr + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t end = ((uintptr_t)ptr + size) & ~(uintptr_t)(HUGE_PAGE - 1);

#ifdef MADV_HUGEPAGE
	if (end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
	(void)start;
	(void)end;
#endif
}

void *mem_huge_alloc(size_t size)
{
	void *p = NULL;

	size = round_to_huge(size ? size : 1);
	if (posix_memalign(&p, HUGE_PAGE, size) != 0)
		abort();
	mem_advise_huge(p, size);
	return p;
}

void *mem_alloc(size_t size)
{
	if (size >= MEM_HUGE_FROM)
		return mem_huge_alloc(size);
	return checked(malloc(size ? size : 1));
}

void *mem_calloc(size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size)
		abort();
	if (count * size < MEM_HUGE_FROM)
		return checked(calloc(count ? count : 1, size ? size : 1));
	p = mem_huge_alloc(count * size);
	memset(p, 0, count * size);
	return p;
}

/* Where the old size is not known, the block stays where realloc puts it. */
void *mem_realloc(void *ptr, size_t size)
{
	void *p;

	if (!ptr)
		return mem_alloc(size);
	p = checked(realloc(ptr, size ? size : 1));
	if (size >= 2 * HUGE_PAGE)
		mem_advise_huge(p, size);
	return p;
}

/*
 * Make room for at least `need` elements, doubling so that appending n
 * elements one by one costs O(n) copies in all.  An array that grows
 * into a huge block gets all of the block's room.
 */
void *mem_array_grow(void *ptr, size_t *cap, size_t need, size_t elem_size)
{
	size_t n = *cap ? *cap : 8;
	void *bigger;

	if (need <= *cap)
		return ptr;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			abort();
		n *= 2;
	}
	if (n > SIZE_MAX / elem_size)
		abort();
	if (n * elem_size < MEM_HUGE_FROM) {
		*cap = n;
		return mem_realloc(ptr, n * elem_size);
	}
	bigger = mem_huge_alloc(n * elem_size);
	if (ptr)
		memcpy(bigger, ptr, *cap * elem_size);
	free(ptr);
	*cap = round_to_huge(n * elem_size) / elem_size;
	return bigger;
}

char *mem_strndup(const char *s, size_t n)
{
	char *copy = mem_alloc(n + 1);

	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *mem_strdup(const char *s)
{
	return mem_strndup(s, strlen(s));
}
