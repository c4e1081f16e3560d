/*
 * mem.c - allocation that cannot fail (see mem.h for why it aborts).
 */
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *checked(void *ptr)
{
	if (!ptr)
		abort();
	return ptr;
}

void *mem_alloc(size_t size)
{
	return checked(malloc(size ? size : 1));
}

void *mem_calloc(size_t count, size_t size)
{
	return checked(calloc(count ? count : 1, size ? size : 1));
}

void *mem_realloc(void *ptr, size_t size)
{
	return checked(realloc(ptr, size ? size : 1));
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
