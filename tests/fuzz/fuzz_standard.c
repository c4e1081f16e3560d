/*
 * fuzz_standard.c - libFuzzer target: standard_parse() on arbitrary bytes
 * as an apprenticeship standard's JSON, then a usable one written as a
 * unit and read back.  See fuzz.h.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_standard(data, size);
}
