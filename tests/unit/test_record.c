/*
 * test_record.c - the site's record (write/record.h): what a build writes
 * is what the next one reads back, a site changed after it is not
 * untouched, and a record that is not one is not trusted.
 */
#include "check.h"

#include "base/buf.h"
#include "base/diag.h"
#include "write/outdir.h"
#include "write/record.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A site of two files and a folder in a fresh temporary folder. */
static char *make_site(void)
{
	char *root = strdup("/tmp/folio-test-record-XXXXXX");
	struct buf path = BUF_INIT;

	CHECK(mkdtemp(root) != NULL);
	buf_printf(&path, "%s/index.html", root);
	check_write_file(buf_cstr(&path), "page\n");
	buf_truncate(&path, 0);
	buf_printf(&path, "%s/learners", root);
	CHECK(mkdir(buf_cstr(&path), 0755) == 0);
	buf_puts(&path, "/index.html");
	check_write_file(buf_cstr(&path), "page\n");
	buf_free(&path);
	return root;
}

/* Writes what a build of root would, with two learners' lines. */
static void put_record(const char *root)
{
	static const uint64_t amy[RECORD_KINDS] = { 1, 0xfedcba9876543210u, 3 };
	static const uint64_t bo[RECORD_KINDS] = { 4, 5, 6 };
	struct buf text = BUF_INIT;
	struct diag_list diags = DIAG_LIST_INIT;

	CHECK(record_begin(&text, root));
	record_add(&text, "amy", amy, false);
	record_add(&text, "bo", bo, true);
	CHECK_STR(buf_cstr(&text), RECORD_HEAD "3\n"
		  "0000000000000001 fedcba9876543210 0000000000000003 amy\n"
		  "0000000000000004 0000000000000005 0000000000000006 bo misses\n");
	record_put(root, &text, &diags);
	CHECK_INT(diags.count, 0);
	diag_list_free(&diags);
	buf_free(&text);
}

static void reads_back_what_was_written(void)
{
	char *root = make_site();
	struct record r;
	const struct record_learner *e;

	put_record(root);
	CHECK(record_untouched(root));
	CHECK(record_load(&r, root));
	e = record_learner(&r, "amy");
	CHECK(e != NULL);
	if (e) {
		CHECK(e->print[1] == 0xfedcba9876543210u);
		CHECK(e->print[2] == 3);
		CHECK(!e->missed);
	}
	e = record_learner(&r, "bo");
	CHECK(e != NULL);
	if (e) {
		CHECK(e->print[0] == 4);
		CHECK(e->missed);
	}
	CHECK(record_learner(&r, "cy") == NULL);
	record_free(&r);
	CHECK_INT(outdir_remove_tree(root), 0);
	free(root);
}

/* An edit, an addition and a deletion after the record, each alone. */
static void sees_a_site_changed_after_it(void)
{
	static const char *const changes[] = { "edit", "add", "delete" };

	for (size_t i = 0; i < 3; i++) {
		char *root = make_site();
		struct buf path = BUF_INIT;

		put_record(root);
		CHECK(record_untouched(root));
		if (strcmp(changes[i], "edit") == 0) {
			buf_printf(&path, "%s/learners/index.html", root);
			check_write_file(buf_cstr(&path), "edited\n");
		} else if (strcmp(changes[i], "add") == 0) {
			buf_printf(&path, "%s/extra.html", root);
			check_write_file(buf_cstr(&path), "page\n");
		} else {
			buf_printf(&path, "%s/index.html", root);
			CHECK(unlink(buf_cstr(&path)) == 0);
		}
		if (record_untouched(root))
			printf("  after the %s\n", changes[i]);
		CHECK(!record_untouched(root));
		CHECK_INT(outdir_remove_tree(root), 0);
		buf_free(&path);
		free(root);
	}
}

/* Each a record that must not be trusted. */
static void refuses_what_is_not_a_record(void)
{
	static const char *const bad[] = {
		"",
		"folio-pages 2\nentries 2\n",
		RECORD_HEAD "2",                       /* no line break */
		RECORD_HEAD "x\n",
		RECORD_HEAD "2 \n",
		RECORD_HEAD "2\n0000000000000001 0000000000000002 "
		"000000000000003 amy\n",               /* 15 digits */
		RECORD_HEAD "2\n0000000000000001 0000000000000002 "
		"0000000000000003 \n",                 /* no id */
		RECORD_HEAD "2\n0000000000000001 0000000000000002 "
		"0000000000000003 amy other\n",
		RECORD_HEAD "2\n0000000000000001 0000000000000002 "
		"0000000000000003 amy",                /* cut short */
		RECORD_HEAD "2\n0000000000000001 0000000000000002 "
		"000000000000000A amy\n",              /* not as written */
		RECORD_HEAD "2\n0000000000000001 0000000000000002 "
		"   0000000000003 amy\n",
		RECORD_HEAD "2\n0000000000000001 0000000000000002 "
		"-000000000000003 amy\n",
		RECORD_HEAD "2\n\n",
		RECORD_HEAD "99999999999999999999999\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *root = make_site();
		struct buf path = BUF_INIT;
		struct record r;
		bool trusted;

		buf_printf(&path, "%s/%s", root, RECORD_FILE);
		check_write_file(buf_cstr(&path), bad[i]);
		trusted = record_load(&r, root);
		if (trusted)
			printf("  record %zu was trusted\n", i);
		CHECK(!trusted);
		record_free(&r);
		CHECK_INT(outdir_remove_tree(root), 0);
		buf_free(&path);
		free(root);
	}
}

/*
 * A NUL byte in a learner's line (a record damaged by hand or by the
 * disk) is no record, where it used to stop the line's search for its
 * break and crash the build.
 */
static void refuses_a_nul_byte(void)
{
	static const char text[] = RECORD_HEAD "2\n0000000000000001 "
		"00000\0000000002 0000000000000003 amy\n";
	char *copy = malloc(sizeof(text));
	struct record r;
	size_t entries;

	memcpy(copy, text, sizeof(text));
	CHECK(!record_parse(&r, copy, sizeof(text) - 1, &entries));
	record_free(&r);
}

/* What record_parse() takes: the same lines as record_add() writes. */
static void parses_what_is_written(void)
{
	static const uint64_t print[RECORD_KINDS] = { 0xa, 0xb, 0xc };
	struct buf text = BUF_INIT;
	const struct record_learner *e;
	struct record r;
	size_t entries = 0, len;

	buf_printf(&text, "%s7\n", RECORD_HEAD);
	record_add(&text, "dee", print, true);
	len = text.len;
	CHECK(record_parse(&r, buf_detach(&text), len, &entries));
	CHECK_INT(entries, 7);
	e = record_learner(&r, "dee");
	CHECK(e && e->missed && e->print[2] == 0xc);
	record_free(&r);
}

int main(void)
{
	RUN(reads_back_what_was_written);
	RUN(sees_a_site_changed_after_it);
	RUN(refuses_what_is_not_a_record);
	RUN(refuses_a_nul_byte);
	RUN(parses_what_is_written);
	return check_summary();
}
