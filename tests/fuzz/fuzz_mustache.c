/*
 * fuzz_mustache.c - libFuzzer target: a template, JSON data and partials
 * from one input (layout in fuzz.h), compiled and rendered.
 *
 * The render budget.  Mustache can do work exponential in its input:
 * {{#a}}{{#a}}{{#a}}...{{/a}}{{/a}}{{/a}} over a list of 100 elements, or
 * a partial including itself twice over nested data.  A fuzzer would
 * report those as timeouts or out-of-memory and stop, though nothing is
 * wrong.  So this target is linked with
 *
 *   -Wl,--wrap=json_object_getn,--wrap=json_array_get,--wrap=json_array_size
 *   -Wl,--wrap=buf_put,--wrap=buf_puts,--wrap=buf_putc
 *
 * which routes the renderer's calls (they are calls into other objects)
 * through the functions below.  While a render runs, each data access
 * counts against FUZZ_RENDER_BUDGET, and the output may grow to
 * FUZZ_OUTPUT_CAP bytes.  Past either, data accesses find nothing (a
 * missing name, an empty or exhausted list) and output is dropped, which
 * are values the renderer handles anyway, so the render winds down fast
 * without making anything up that real data could not give.  Every list
 * iteration, section and dynamic partial looks at data, so only static
 * partials can multiply work without being counted, and with three
 * partials in -max_len bytes that stays small.
 */
#include <stdio.h>

static struct buf *fuzz_out;       /* the render in progress, or NULL */
static unsigned long fuzz_spent;

#define FUZZ_RENDER_BEGIN(out) (fuzz_out = (out), fuzz_spent = 0)
#define FUZZ_RENDER_END() (fuzz_out = NULL)

#include "fuzz.h"

#define FUZZ_RENDER_BUDGET 20000UL
#define FUZZ_OUTPUT_CAP (1UL << 20)

json_t *__real_json_object_getn(const json_t *o, const char *key, size_t len);
json_t *__real_json_array_get(const json_t *a, size_t i);
size_t __real_json_array_size(const json_t *a);
void __real_buf_put(struct buf *b, const char *data, size_t len);
void __real_buf_puts(struct buf *b, const char *s);
void __real_buf_putc(struct buf *b, char c);

json_t *__wrap_json_object_getn(const json_t *o, const char *key, size_t len);
json_t *__wrap_json_array_get(const json_t *a, size_t i);
size_t __wrap_json_array_size(const json_t *a);
void __wrap_buf_put(struct buf *b, const char *data, size_t len);
void __wrap_buf_puts(struct buf *b, const char *s);
void __wrap_buf_putc(struct buf *b, char c);

/* Whether a render is running and has used up its budget. */
static bool spent(void)
{
	if (!fuzz_out)
		return false;
	return ++fuzz_spent > FUZZ_RENDER_BUDGET ||
	       fuzz_out->len > FUZZ_OUTPUT_CAP;
}

json_t *__wrap_json_object_getn(const json_t *o, const char *key, size_t len)
{
	return spent() ? NULL : __real_json_object_getn(o, key, len);
}

/* Only asked for an index below the size: null, never NULL, stays valid. */
json_t *__wrap_json_array_get(const json_t *a, size_t i)
{
	return spent() ? json_null() : __real_json_array_get(a, i);
}

size_t __wrap_json_array_size(const json_t *a)
{
	return spent() ? 0 : __real_json_array_size(a);
}

static bool full(const struct buf *b)
{
	return fuzz_out && b == fuzz_out && b->len > FUZZ_OUTPUT_CAP;
}

void __wrap_buf_put(struct buf *b, const char *data, size_t len)
{
	if (!full(b))
		__real_buf_put(b, data, len);
}

void __wrap_buf_puts(struct buf *b, const char *s)
{
	if (!full(b))
		__real_buf_puts(b, s);
}

void __wrap_buf_putc(struct buf *b, char c)
{
	if (!full(b))
		__real_buf_putc(b, c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_mustache(data, size);
}
