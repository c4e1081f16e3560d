/*
 * strmap.h - a hash map from strings to pointers.
 *
 * Id lookups (learner ids from tens of thousands of evidence rows) must
 * not be linear scans.  Open addressing with linear probing, FNV-1a
 * hashing, power-of-two capacity kept under 70% full.  Keys are borrowed,
 * not copied: they must outlive the map (they live in the model's arena).
 */
#ifndef FOLIO_STRMAP_H
#define FOLIO_STRMAP_H

#include <stddef.h>

struct strmap_slot;

struct strmap {
	struct strmap_slot *slots;
	size_t cap;     /* a power of two, or 0 */
	size_t count;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* The value stored under key, or NULL. */
void *strmap_get(const struct strmap *map, const char *key);

/*
 * Stores value under key unless the key is there already; returns the
 * value that is now stored, so a caller can tell a duplicate by the
 * answer not being its own value.
 */
void *strmap_put(struct strmap *map, const char *key, void *value);

void strmap_free(struct strmap *map);

#endif
