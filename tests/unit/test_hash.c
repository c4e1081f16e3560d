/*
 * test_hash.c - the one hash function (src/base/hash.h) is standard FNV-1a:
 * --shard's groups depend on it, and must be the same everywhere; its
 * word-at-a-time form still sees every byte.
 */
#include "check.h"
#include "base/hash.h"

/* The published FNV-1a 64-bit test vectors. */
static void test_standard_vectors(void)
{
	CHECK(hash_string(HASH_INIT, "") == 0xcbf29ce484222325ULL);
	CHECK(hash_string(HASH_INIT, "a") == 0xaf63dc4c8601ec8cULL);
	CHECK(hash_string(HASH_INIT, "foobar") == 0x85944171f73967e8ULL);
	CHECK(hash_bytes(HASH_INIT, "foobar", 6) == 0x85944171f73967e8ULL);
}

/* Carrying a hash on is hashing the bytes in one piece. */
static void test_carried_on(void)
{
	CHECK(hash_bytes(hash_bytes(HASH_INIT, "foo", 3), "bar", 3) ==
	      hash_string(HASH_INIT, "foobar"));
}

/*
 * hash_words, for long texts: every one changed byte, at any place in a
 * word or in the tail, and every length, gives a value of its own; the
 * same bytes the same value.
 */
static void test_words_see_every_byte(void)
{
	char text[41] = "Dealt with a damaged parcel: kept them in";
	uint64_t base = hash_words(HASH_INIT, text, 40);
	int same = 0;

	CHECK(hash_words(HASH_INIT, text, 40) == base);
	for (size_t i = 0; i < 40; i++) {
		for (int bit = 0; bit < 8; bit++) {
			text[i] ^= (char)(1 << bit);
			same += hash_words(HASH_INIT, text, 40) == base;
			text[i] ^= (char)(1 << bit);
		}
	}
	CHECK_INT(same, 0);
	for (size_t n = 0; n < 40; n++)
		same += hash_words(HASH_INIT, text, n) ==
			hash_words(HASH_INIT, text, n + 1);
	CHECK_INT(same, 0);
}

int main(void)
{
	RUN(test_standard_vectors);
	RUN(test_carried_on);
	RUN(test_words_see_every_byte);
	return check_summary();
}
