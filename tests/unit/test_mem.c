/*
 * test_mem.c - the allocator wrappers: arrays that grow past the size
 * where blocks move to huge pages keep their contents and their promise
 * of room, and large blocks are aligned and zeroed as asked.
 */
#include "check.h"
#include "base/mem.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#define MB ((size_t)1 << 20)
#define HUGE ((size_t)2 << 20)

static bool filled_with_index(const uint32_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != (uint32_t)i)
			return false;
	return true;
}

/* Appending one by one, from 8 elements to 12 MB: nothing lost on the way. */
static void test_array_grows_into_huge_blocks(void)
{
	uint32_t *a = NULL;
	size_t cap = 0, n = 3 * MB, moves = 0;

	for (size_t i = 0; i < n; i++) {
		size_t before = cap;

		a = mem_array_grow(a, &cap, i + 1, sizeof(*a));
		moves += cap != before;
		a[i] = (uint32_t)i;
	}
	CHECK(cap >= n);
	CHECK(filled_with_index(a, n));
	/* Doubling: a couple of dozen moves, not one per element. */
	CHECK(moves < 32);
	/* The array lives in whole huge pages now, and all their room is its. */
	CHECK((uintptr_t)a % HUGE == 0);
	CHECK(cap * sizeof(*a) % HUGE == 0);
	a[cap - 1] = 7;   /* AddressSanitizer would stop a write past the block */
	CHECK_INT(a[cap - 1], 7);
	free(a);
}

/* A large array asked for at once, and a small one left small. */
static void test_array_grow_sizes(void)
{
	char *small = NULL, *big = NULL;
	size_t small_cap = 0, big_cap = 0;

	small = mem_array_grow(small, &small_cap, 100, 1);
	CHECK_INT(small_cap, 128);
	big = mem_array_grow(big, &big_cap, MB + 1, 1);
	CHECK(big_cap >= MB + 1);
	CHECK_INT(big_cap % HUGE, 0);
	big[big_cap - 1] = 'x';
	/* Asking for no more than there is room for changes nothing. */
	CHECK(mem_array_grow(big, &big_cap, big_cap, 1) == big);
	free(small);
	free(big);
}

static void test_large_blocks(void)
{
	unsigned char *z = mem_calloc(3, MB);
	char *a = mem_alloc(MB);
	char *r = mem_realloc(NULL, 5 * MB);
	bool zero = true;

	for (size_t i = 0; i < 3 * MB; i++)
		zero = zero && z[i] == 0;
	CHECK(zero);
	CHECK((uintptr_t)z % HUGE == 0);
	CHECK((uintptr_t)a % HUGE == 0);
	CHECK((uintptr_t)r % HUGE == 0);
	a[MB - 1] = 'a';
	r[5 * MB - 1] = 'r';
	/* A huge block can still be shrunk and grown by realloc. */
	r = mem_realloc(r, 10);
	r = mem_realloc(r, 3 * MB);
	r[3 * MB - 1] = 'r';
	free(z);
	free(a);
	free(r);
	/* Zero of anything is still a block that free() takes. */
	free(mem_calloc(0, 16));
	free(mem_alloc(0));
}

int main(void)
{
	RUN(test_array_grows_into_huge_blocks);
	RUN(test_array_grow_sizes);
	RUN(test_large_blocks);
	return check_summary();
}
