/*
 * fuzz_mustache.c - libFuzzer target: a template, JSON data and partials
 * from one input (layout in fuzz.h), compiled and rendered within small
 * render limits (fuzz.h: FUZZ_MAX_STEPS), so that Mustache's exponential
 * templates end in the engine's own "too much work" error in milliseconds.
 */
#include <stdio.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_mustache(data, size);
}
