/*
 * jsonarena.c - per-thread arenas for jansson (see jsonarena.h).
 */
#include "base/jsonarena.h"
#include "base/mem.h"

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* One huge page (see mem.c): a page's view fits, and is read fast. */
#define BLOCK_SIZE ((size_t)2 << 20)
#define ALIGN 16

struct jsonarena_block {
	struct jsonarena_block *next;
	size_t size;
	_Alignas(ALIGN) char data[];
};

static _Thread_local struct jsonarena *active;

static struct jsonarena_block *new_block(size_t size)
{
	size_t whole = (sizeof(struct jsonarena_block) + size + BLOCK_SIZE - 1) &
		       ~(BLOCK_SIZE - 1);
	struct jsonarena_block *b = mem_huge_alloc(whole);

	b->size = whole - sizeof(*b);
	return b;
}

static void *arena_malloc(size_t size)
{
	struct jsonarena *a = active;
	size_t rounded;
	void *p;

	if (!a)
		return malloc(size);
	rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (rounded < size)
		return NULL;
	if ((size_t)(a->end - a->next) < rounded) {
		struct jsonarena_block *b =
			new_block(rounded > BLOCK_SIZE ? rounded : BLOCK_SIZE);

		b->next = a->blocks;
		a->blocks = b;
		a->next = b->data;
		a->end = b->data + b->size;
	}
	p = a->next;
	a->next += rounded;
	return p;
}

static bool in_arena(const struct jsonarena *a, const void *p)
{
	uintptr_t at = (uintptr_t)p;

	for (const struct jsonarena_block *b = a->blocks; b; b = b->next)
		if (at >= (uintptr_t)b->data && at < (uintptr_t)b->data + b->size)
			return true;
	return false;
}

static void arena_free(void *p)
{
	if (p && !(active && in_arena(active, p)))
		free(p);
}

static void install_once(void)
{
	json_set_alloc_funcs(arena_malloc, arena_free);
}

void jsonarena_install(void)
{
	/* Once only: a pack's data.json installs the hooks again on a worker
	 * while other workers allocate through them. */
	static pthread_once_t installed = PTHREAD_ONCE_INIT;

	pthread_once(&installed, install_once);
}

void jsonarena_activate(struct jsonarena *a)
{
	active = a;
}

void jsonarena_reset(struct jsonarena *a)
{
	struct jsonarena_block *keep = a->blocks;

	if (!keep)
		return;
	/* Keep the oldest block (the last in the list) if it is a normal one. */
	while (keep->next)
		keep = keep->next;
	for (struct jsonarena_block *b = a->blocks, *next; b != keep; b = next) {
		next = b->next;
		free(b);
	}
	a->blocks = keep;
	a->next = keep->data;
	a->end = keep->data + keep->size;
}

void jsonarena_free(struct jsonarena *a)
{
	for (struct jsonarena_block *b = a->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	a->blocks = NULL;
	a->next = a->end = NULL;
}
