/*
 * fuzz_unit.c - libFuzzer target: unit_parse() on arbitrary bytes as a
 * unit specification file (front matter, then CommonMark), then every
 * lookup on what it found.  See fuzz.h.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_unit(data, size);
}
