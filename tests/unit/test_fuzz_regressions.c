/*
 * test_fuzz_regressions.c - replays every input the fuzzers ever crashed
 * on (tests/fuzz/regressions/, under $FOLIO_ROOT or the current folder)
 * through all eight fuzzing entry points of tests/fuzz/fuzz.h: the unit
 * parser, the qualification parser, the standard importer, folio.yml's
 * reader, the CSV loader, the CSV loader's fast path against libcsv, the
 * Mustache engine and the site's record.  Built like every unit test, with
 * AddressSanitizer and UndefinedBehaviorSanitizer, so `make test` catches
 * a regression without libFuzzer.  A broken promise in an entry point
 * aborts, which run.sh reports as a crash.  The folder must exist and
 * hold inputs: a missing folder fails.
 *
 * Then the bugs those inputs found, checked directly.
 */
#include "check.h"
#include "present/diag_json.h"

#include <jansson.h>

#include "../fuzz/fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file's bytes in a buffer of exactly its size, as libFuzzer gives. */
static uint8_t *read_input(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	uint8_t *data;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	*size = b.len;
	data = mem_alloc(b.len);
	if (b.len)
		memcpy(data, b.data, b.len);
	buf_free(&b);
	return data;
}

static void replays_every_regression_input(void)
{
	const char *root = getenv("FOLIO_ROOT");
	struct buf dir = BUF_INIT;
	char **names = NULL;
	size_t count = 0, cap = 0;
	DIR *d;
	struct dirent *e;

	buf_printf(&dir, "%s/tests/fuzz/regressions", root && *root ? root : ".");
	d = opendir(buf_cstr(&dir));
	if (!d) {
		printf("  cannot open %s\n", buf_cstr(&dir));
		CHECK(d != NULL);
		buf_free(&dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = mem_array_grow(names, &cap, count + 1, sizeof(*names));
		names[count++] = mem_strdup(e->d_name);
	}
	closedir(d);
	qsort(names, count, sizeof(*names), compare_names);
	CHECK(count > 0);
	for (size_t i = 0; i < count; i++) {
		struct buf path = BUF_INIT;
		uint8_t *data;
		size_t size = 0;

		buf_printf(&path, "%s/%s", buf_cstr(&dir), names[i]);
		data = read_input(buf_cstr(&path), &size);
		CHECK(data != NULL);
		if (data) {
			fuzz_unit(data, size);
			fuzz_qualification(data, size);
			fuzz_standard(data, size);
			fuzz_config(data, size);
			fuzz_csv(data, size);
			fuzz_csv_diff(data, size);
			fuzz_mustache(data, size);
			fuzz_centre(data, size);
			fuzz_record(data, size);
		}
		free(data);
		buf_free(&path);
		free(names[i]);
	}
	free(names);
	buf_free(&dir);
}

/* csv-newline-in-diagnostic.csv: a field's line break reached a message. */
static void diagnostics_stay_on_one_line(void)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct buf out = BUF_INIT;

	diag_error(&diags, "in.csv", 2, 0, "`simulated` must be yes or no, not `%s`",
		   "1\nin.csv:1: error: forged\r\x1b[2J\t\x7f");
	diag_add(&diags, DIAG_WARNING, "a\nb.csv", 1, 1, NULL, "x");
	diag_list_format(&diags, false, &out);
	CHECK_STR(buf_cstr(&out),
		  "in.csv:2: error: `simulated` must be yes or no, not "
		  "`1\\nin.csv:1: error: forged\\r\\x1b[2J\\t\\x7f`\n"
		  "a\\nb.csv:1:1: warning: x\n");
	/* Written out once: adding it again (as site.c does) keeps it. */
	diag_add(&diags, DIAG_ERROR, diags.items[0].file, 2, 0, NULL,
		 diags.items[0].message);
	CHECK_STR(diags.items[2].message, diags.items[0].message);
	buf_free(&out);
	diag_list_free(&diags);
}

/*
 * mustache-invalid-utf8-in-diagnostic: a template's bad byte, quoted in
 * an error, made json_pack() fail, and `--json` lost the diagnostic;
 * written as is, it would make JSON text that a reader refuses.
 */
static void diagnostics_are_utf8_and_kept_in_json(void)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct arena a = ARENA_INIT;
	struct buf text = BUF_INIT;
	struct value list;
	json_t *json;

	diag_error(&diags, "caf\xe9.csv", 1, 0, "tag '%s' is bad",
		   "a}\x84, \xc3, \xed\xa0\x80, caf\xc3\xa9");
	CHECK_STR(diags.items[0].file, "caf\\xe9.csv");
	CHECK_STR(diags.items[0].message,
		  "tag 'a}\\x84, \\xc3, \\xed\\xa0\\x80, caf\xc3\xa9' is bad");
	list = diag_json_list(&a, &diags);
	value_dump(&list, &text);
	json = json_loadb(text.data, text.len, 0, NULL);
	CHECK_INT(json_array_size(json), 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json, 0),
						    "message")),
		  diags.items[0].message);
	json_decref(json);
	buf_free(&text);
	arena_free(&a);
	diag_list_free(&diags);
}

int main(void)
{
	RUN(replays_every_regression_input);
	RUN(diagnostics_stay_on_one_line);
	RUN(diagnostics_are_utf8_and_kept_in_json);
	return check_summary();
}
