/*
 * mem.c - allocation that cannot fail (see mem.h for why it aborts).
 */
#include "mem.h"

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
 * Large blocks are offered to the kernel as huge pages (2 MB instead of
 * 4 KB), where it is set to honour madvise(): the model and the page views
 * are pointer-chasing structures of hundreds of megabytes, and with small
 * pages most of their lookups miss the TLB.  On this project's benchmark
 * that was a quarter of a check's time and a third of a build's.  Only the
 * aligned interior of a block can be advised; a kernel that has no huge
 * pages ignores the advice.
 */
#define HUGE_PAGE ((size_t)2 << 20)

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

	size = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (posix_memalign(&p, HUGE_PAGE, size) != 0)
		abort();
	mem_advise_huge(p, size);
	return p;
}

void *mem_alloc(size_t size)
{
	void *p = checked(malloc(size ? size : 1));

	if (size >= 2 * HUGE_PAGE)
		mem_advise_huge(p, size);
	return p;
}

void *mem_calloc(size_t count, size_t size)
{
	void *p = checked(calloc(count ? count : 1, size ? size : 1));

	if (count * size >= 2 * HUGE_PAGE)
		mem_advise_huge(p, count * size);
	return p;
}

void *mem_realloc(void *ptr, size_t size)
{
	void *p = checked(realloc(ptr, size ? size : 1));

	if (size >= 2 * HUGE_PAGE)
		mem_advise_huge(p, size);
	return p;
}

/*
 * Make room for at least `need` elements, doubling so that appending n
 * elements one by one costs O(n) copies in all.
 */
void *mem_array_grow(void *ptr, size_t *cap, size_t need, size_t elem_size)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return ptr;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			abort();
		n *= 2;
	}
	if (n > SIZE_MAX / elem_size)
		abort();
	*cap = n;
	return mem_realloc(ptr, n * elem_size);
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
