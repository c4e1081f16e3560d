/*
 * fuzz_qualification.c - libFuzzer target: qualification_parse() on
 * arbitrary bytes as a qualification file (front matter with groups and
 * barred sets, then CommonMark), against three known units, then every
 * unit it names.  See fuzz.h.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_qualification(data, size);
}
