/*
 * test_export.c - export_write(): the model written as JSON one item at
 * a time is, byte for byte, one jansson dump of the whole tree, and a
 * sink that fails stops it.
 */
#include "centre_texts.h"
#include "check.h"
#include "present/diag_json.h"

#include "base/buf.h"
#include "read/model.h"
#include "judge/xref.h"
#include "present/export.h"

#include <stdio.h>
#include <stdlib.h>

static struct model model;
static struct diag_list diags;
static struct xref x;

/* Two units: t with an intro, a level, a credit and a knowledge outcome. */
static const char *const unit_t =
	"---\nid: t\ntitle: Tiny “quoted”\nmethods: O Q\nlevel: 2\ncredit: 3\n"
	"---\nSome intro.\n\n## 1 Do\n- 1.1 Do a thing\n- 1.2 Do another\n"
	"## 2 Know `knowledge`\n- 2.1 Know it\n";

static const char *const unit_u =
	"---\nid: u\ntitle: U\n---\n## 1 Do\n- 1.1 Do\n";

static const char *const staff =
	"initials,name,role,risk,qualified\n"
	"KM,Karen,assessor,low,2019-09-01\nLT,Lin,iqa,,2015-03-01\n";

static const char *const iqa =
	"learner,unit,date,iqa,kind,decision,feedback,action,due\n"
	"l001,t,2026-03-04,LT,interim,referred,\"Thin,\nsee notes\",Observe 1.1,"
	"2026-04-01\n";

static void cleanup(void)
{
	xref_free(&x);
	memset(&x, 0, sizeof(x));
	model_free(&model);
	diag_list_free(&diags);
	centre_reset();
}

/*
 * A centre of n learners with three rows each: plain summaries, one in
 * Markdown over two lines, one in Welsh, and a column folio does not
 * know.  With_staff adds assessors.csv and iqa.csv.
 */
static void centre(int n, bool with_staff)
{
	struct buf learners = BUF_INIT, rows = BUF_INIT;

	cleanup();
	centre_reset();
	write_file("units/t.md", unit_t);
	write_file("units/u.md", unit_u);
	buf_puts(&learners, "learner,name,assessor,units,room\n");
	buf_puts(&rows, "learner,unit,ref,date,method,criteria,requirements,"
			"summary,assessor,witness\n");
	for (int i = 1; i <= n; i++) {
		buf_printf(&learners, "l%03d,Learner %d,KM,t u,R%d\n", i, i, i % 3);
		buf_printf(&rows, "l%03d,t,O/%d,2026-02-01,O,1.1 1.2,,"
			   "Observed at the desk,KM,\n", i, i);
		buf_printf(&rows, "l%03d,t,Q/%d,2026-02-08,Q,2.1,,"
			   "\"Asked **why**:\n- one\n- two\",KM,Siân\n", i, i);
		buf_printf(&rows, "l%03d,u,O/%d,2026-02-09,O,1.1,,"
			   "Gwaith da — diolch,KM,\n", i, i);
	}
	write_file("learners.csv", buf_cstr(&learners));
	write_file("evidence/log.csv", buf_cstr(&rows));
	if (with_staff) {
		write_file("assessors.csv", staff);
		write_file("iqa.csv", iqa);
	}
	buf_free(&learners);
	buf_free(&rows);

	struct model_paths paths = { .today = "2026-06-30",
				     .summaries_html = true };
	centre_use(&paths);
	model_load(&model, &paths, &diags);
	xref_build(&x, &model);
}

/* What export_write() stands for: the whole tree, dumped at once. */
static char *one_dump(const json_t *tail)
{
	json_t *units = json_array(), *learners = json_array();
	json_t *assessors = json_array(), *records = json_array();
	json_t *whole;
	const char *key;
	json_t *value;
	char *text;

	for (size_t i = 0; i < model.nunits; i++)
		json_array_append_new(units, export_unit(model.units[i]));
	for (size_t i = 0; i < model.nlearners; i++)
		json_array_append_new(learners, export_learner(&model, &x, i));
	for (size_t i = 0; i < model.nassessors; i++)
		json_array_append_new(assessors,
				      export_assessor(model.assessors[i]));
	for (size_t i = 0; i < model.niqa; i++)
		json_array_append_new(records, export_iqa(&model, i));
	whole = json_pack("{s:o, s:o, s:o, s:o, s:o}",
			  "centre", export_centre(&model), "units", units,
			  "learners", learners, "assessors", assessors,
			  "iqa", records);
	json_object_foreach((json_t *)tail, key, value)
		json_object_set(whole, key, value);
	text = json_dumps(whole, JSON_INDENT(2));
	json_decref(whole);
	return text;
}

struct collected {
	struct buf text;
	size_t calls;
	size_t fail_at;   /* the call that fails; 0: none */
};

static int collect(const char *text, size_t len, void *data)
{
	struct collected *c = data;

	if (++c->calls == c->fail_at)
		return -1;
	buf_put(&c->text, text, len);
	return 0;
}

/* Texts of a megabyte: where they differ, show a line's worth only. */
static void check_same_text(const char *got, const char *expected)
{
	size_t at = 0, from;
	char a[81], b[81];

	while (got[at] && got[at] == expected[at])
		at++;
	if (got[at] == expected[at])
		return;
	from = at > 20 ? at - 20 : 0;
	snprintf(a, sizeof(a), "%s", got + from);
	snprintf(b, sizeof(b), "%s", expected + from);
	printf("  the texts differ at byte %zu:\n", at);
	CHECK_STR(a, b);
}

/*
 * Checks that export_write() gives one_dump()'s bytes and a line break,
 * in at least min_calls pieces; keeps the text, without the line break,
 * in *text when given.
 */
static void check_same_as_one_dump(const json_t *tail, size_t min_calls,
				   struct buf *text)
{
	struct collected c = { BUF_INIT, 0, 0 };
	char *expected = one_dump(tail);

	CHECK_INT(export_write(&model, &x, tail, collect, &c), 0);
	CHECK(expected != NULL);
	CHECK_INT(c.text.len, strlen(expected) + 1);
	CHECK(c.text.len > 0 && c.text.data[c.text.len - 1] == '\n');
	if (c.text.len)   /* the line break checked, compare the rest */
		c.text.data[--c.text.len] = '\0';
	if (expected)
		check_same_text(buf_cstr(&c.text), expected);
	CHECK(c.calls >= min_calls);
	free(expected);
	if (text)
		*text = c.text;
	else
		buf_free(&c.text);
}

static void written_as_one_dump(void)
{
	struct buf text = BUF_INIT;
	json_t *tail;

	centre(300, true);
	tail = json_pack("{s:o, s:{s:[i, {}, []], s:s}}",
			 "diagnostics", diag_json_list(&diags),
			 "more", "list", 1, "text", "a\nb \"c\"");
	CHECK_INT(diags.errors, 0);
	CHECK_INT(model.nlearners, 300);
	CHECK_INT(model.nassessors, 2);
	CHECK_INT(model.niqa, 1);
	/* 300 learners make several pieces for the sink. */
	check_same_as_one_dump(tail, 3, &text);
	/* What could go wrong in indenting is there: escaped line breaks,
	 * text beyond ASCII, extra columns, nested and empty values. */
	CHECK(strstr(text.data, "\"summary_html\": \"<p>Asked <strong>why"
			   "</strong>:</p>\\n<ul>\\n<li>one</li>") != NULL);
	CHECK(strstr(text.data, "\"extra\": {\n            \"witness\": "
			   "\"Siân\"\n          }") != NULL);
	CHECK(strstr(text.data, "\"feedback\": \"Thin,\\nsee notes\"") != NULL);
	CHECK(strstr(text.data, "\n  \"more\": {\n    \"list\": [\n      1,\n"
			   "      {},\n      []\n    ],\n    \"text\": "
			   "\"a\\nb \\\"c\\\"\"\n  }\n}") != NULL);
	buf_free(&text);
	json_decref(tail);
}

static void empty_arrays_and_no_tail(void)
{
	struct collected c = { BUF_INIT, 0, 0 };

	centre(0, false);
	CHECK_INT(model.nlearners, 0);
	check_same_as_one_dump(NULL, 1, NULL);
	CHECK_INT(export_write(&model, &x, NULL, collect, &c), 0);
	CHECK(strstr(buf_cstr(&c.text), "\n  \"learners\": [],\n") != NULL);
	CHECK(strstr(buf_cstr(&c.text), "\n  \"iqa\": []\n}\n") != NULL);
	buf_free(&c.text);
}

static void a_failing_sink_stops_it(void)
{
	struct collected c = { BUF_INIT, 0, 2 };

	centre(300, true);
	CHECK_INT(export_write(&model, &x, NULL, collect, &c), EXPORT_SINK_FAILED);
	CHECK_INT(c.calls, 2);           /* nothing after the failure */
	CHECK(c.text.len >= 65536 && c.text.len < 66000);   /* one piece */
	buf_free(&c.text);
}

int main(void)
{
	RUN(written_as_one_dump);
	RUN(empty_arrays_and_no_tail);
	RUN(a_failing_sink_stops_it);
	cleanup();
	return check_summary();
}
