/*
 * fuzz_csv_diff.c - libFuzzer target: csvfile_parse() on arbitrary bytes
 * with the fast path and with libcsv alone; any difference in the
 * result, the records' lines or the diagnostics aborts.  See fuzz.h.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_csv_diff(data, size);
}
