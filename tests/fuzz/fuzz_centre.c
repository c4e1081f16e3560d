/*
 * fuzz_centre.c - libFuzzer target: a whole centre from one input (its
 * CSV files, folio.yml and a qualification), loaded, judged and exported;
 * the export must be JSON.  See fuzz.h.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_centre(data, size);
}
