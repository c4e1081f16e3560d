/*
 * hash.h - the one hash function: 64-bit FNV-1a.
 *
 * Everything folio hashes goes through these: the string map, the
 * template index, the evidence indexer's table of refs, the site's
 * no-change fingerprint and --shard.  FNV-1a with its standard offset
 * basis and prime, so --shard puts a learner in the same group on every
 * machine, as any other FNV-1a would.  Keys are short (ids, names), where
 * FNV's byte loop is as fast as anything cleverer.
 */
#ifndef FOLIO_HASH_H
#define FOLIO_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_INIT 14695981039346656037ULL   /* the FNV-1a offset basis */

/* h (HASH_INIT to start) carried on over len bytes of data. */
static inline uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

/* The same over a NUL-terminated string, without its NUL. */
static inline uint64_t hash_string(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

#endif
