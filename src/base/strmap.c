/*
 * strmap.c - the string hash map (see strmap.h).
 */
#include "base/strmap.h"
#include "base/hash.h"
#include "base/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct strmap_slot {
	const char *key;    /* NULL: empty */
	uint64_t hash;
	void *value;
};

static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap,
				     const char *key, uint64_t hash)
{
	size_t i = (size_t)hash & (cap - 1);

	while (slots[i].key &&
	       (slots[i].hash != hash || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void rehash(struct strmap *map, size_t cap)
{
	struct strmap_slot *slots = mem_calloc(cap, sizeof(*slots));

	for (size_t i = 0; i < map->cap; i++) {
		struct strmap_slot *old = &map->slots[i];

		if (old->key)
			*find_slot(slots, cap, old->key, old->hash) = *old;
	}
	free(map->slots);
	map->slots = slots;
	map->cap = cap;
}

void *strmap_get(const struct strmap *map, const char *key)
{
	if (!map->cap)
		return NULL;
	return find_slot(map->slots, map->cap, key, hash_string(HASH_INIT, key))->value;
}

void *strmap_put(struct strmap *map, const char *key, void *value)
{
	uint64_t hash = hash_string(HASH_INIT, key);
	struct strmap_slot *slot;

	if ((map->count + 1) * 10 > map->cap * 7)
		rehash(map, map->cap ? map->cap * 2 : 16);
	slot = find_slot(map->slots, map->cap, key, hash);
	if (slot->key)
		return slot->value;
	slot->key = key;
	slot->hash = hash;
	slot->value = value;
	map->count++;
	return value;
}

void strmap_free(struct strmap *map)
{
	free(map->slots);
	*map = (struct strmap)STRMAP_INIT;
}
