/*
 * fuzz_record.c - libFuzzer target: record_parse() on arbitrary bytes as
 * a site's record; one it takes must read back the same when written
 * again.  See fuzz.h.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_record(data, size);
}
