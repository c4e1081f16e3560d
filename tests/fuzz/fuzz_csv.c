/*
 * fuzz_csv.c - libFuzzer target: csvfile_parse() on arbitrary bytes as a
 * CSV file, then the learners' and evidence readers' field readers on
 * every field.  See fuzz.h.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_csv(data, size);
}
