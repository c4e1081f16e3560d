/*
 * test_hash.c - the one hash function (src/base/hash.h) is standard FNV-1a:
 * --shard's groups depend on it, and must be the same everywhere.
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

int main(void)
{
	RUN(test_standard_vectors);
	RUN(test_carried_on);
	return check_summary();
}
