/*
 * hash.h - the one hash function: 64-bit FNV-1a.
 *
 * Everything folio hashes goes through these: the string map, the
 * template index, the evidence indexer's table of refs, the site's
 * no-change fingerprint and --shard.  FNV-1a with its standard offset
 * basis and prime, so --shard puts a learner in the same group on every
 * machine, as any other FNV-1a would.  Keys are short (ids, names), where
 * FNV's byte loop is as fast as anything cleverer.  Long texts (what a
 * learner's pages are made from, hashed on every build to know what
 * changed) go eight bytes to a step, where the byte loop was a tenth of a
 * one-row rebuild: hash_words, which is not hash_bytes's value.
 */
#ifndef FOLIO_HASH_H
#define FOLIO_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/*
 * h carried on over len bytes of data a 64-bit word at a time: FNV-1a's
 * step on the word, then its high half folded into the low one, because
 * a multiplication carries a word's bits only upwards.  Any one changed
 * word changes the result (each step is a bijection of h).
 */
static inline uint64_t hash_words(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (; len >= sizeof(uint64_t); p += sizeof(uint64_t),
					len -= sizeof(uint64_t)) {
		uint64_t w;

		memcpy(&w, p, sizeof(w));
		h = (h ^ w) * 1099511628211ULL;
		h ^= h >> 32;
	}
	return hash_bytes(h, p, len);
}

#endif
