/*
 * fuzz_config.c - libFuzzer target: config_parse() on arbitrary bytes as
 * folio.yml; every setting must stay within what its key allows.  See
 * fuzz.h.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_config(data, size);
}
