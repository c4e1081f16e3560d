/*
 * arena.c - the region allocator (see arena.h).
 */
#include "base/arena.h"
#include "base/mem.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_SIZE (64 * 1024)
#define ARENA_ALIGN alignof(max_align_t)

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

/*
 * Blocks start small, for the many small arenas, and an arena that grows
 * past a few of them moves to whole huge pages (mem_huge_alloc), which a
 * model of hundreds of megabytes reads far faster (see mem.c).
 */
#define ARENA_HUGE_BLOCK ((size_t)2 << 20)

static struct arena_block *new_block(size_t size, bool huge)
{
	struct arena_block *b;

	if (huge) {
		size_t whole = sizeof(*b) + size;

		whole = (whole + ARENA_HUGE_BLOCK - 1) & ~(ARENA_HUGE_BLOCK - 1);
		b = mem_huge_alloc(whole);
		size = whole - sizeof(*b);
	} else {
		b = mem_alloc(sizeof(*b) + size);
	}
	b->next = NULL;
	b->used = 0;
	b->size = size;
	return b;
}

/*
 * A block emptied by arena_reset() with room for size bytes and no more
 * than most (a large request must not use up a whole huge block), if any.
 */
static struct arena_block *take_spare(struct arena *a, size_t size,
				      size_t most)
{
	for (struct arena_block **at = &a->spare; *at; at = &(*at)->next) {
		struct arena_block *b = *at;

		if (b->size >= size && b->size <= most) {
			*at = b->next;
			b->next = NULL;
			return b;
		}
	}
	return NULL;
}

void *arena_alloc_raw(struct arena *a, size_t size)
{
	struct arena_block *b = a->head;
	size_t rounded;
	void *p;

	if (size > SIZE_MAX - ARENA_ALIGN)
		abort();
	rounded = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (!b || b->size - b->used < rounded) {
		/* A large request gets a block of its own, behind the head, so
		 * the space left in the current block is not wasted. */
		if (rounded > ARENA_BLOCK_SIZE / 4 && b) {
			struct arena_block *big = take_spare(a, rounded, 2 * rounded);

			if (!big)
				big = new_block(rounded, false);
			big->next = b->next;
			b->next = big;
			big->used = rounded;
			return big->data;
		}
		b = take_spare(a, rounded, SIZE_MAX);
		if (!b) {
			a->blocks++;
			b = new_block(rounded > ARENA_BLOCK_SIZE ?
				      rounded : ARENA_BLOCK_SIZE, a->blocks > 8);
		}
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += rounded;
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_alloc_raw(a, size);

	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *copy = arena_alloc_raw(a, n + 1);

	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_grow(struct arena *a, void *ptr, size_t *cap, size_t need,
		 size_t elem_size)
{
	size_t n = *cap ? *cap : 4;
	void *fresh;

	if (need <= *cap)
		return ptr;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / elem_size)
		abort();
	fresh = arena_alloc(a, n * elem_size);
	if (ptr)
		memcpy(fresh, ptr, *cap * elem_size);
	*cap = n;
	return fresh;
}

static void free_blocks(struct arena_block *b)
{
	while (b) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
}

void arena_free(struct arena *a)
{
	free_blocks(a->head);
	free_blocks(a->spare);
	a->head = NULL;
	a->spare = NULL;
	a->blocks = 0;
}

void arena_reset(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;

		b->used = 0;
		b->next = a->spare;
		a->spare = b;
		b = next;
	}
	a->head = NULL;
}

size_t arena_size(const struct arena *a)
{
	size_t total = 0;

	for (const struct arena_block *b = a->head; b; b = b->next)
		total += sizeof(*b) + b->size;
	return total;
}
