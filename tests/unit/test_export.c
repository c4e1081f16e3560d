/*
 * test_export.c - export_write(): the model written as JSON one item at
 * a time is, byte for byte, one dump of the whole tree, which is as
 * jansson writes that text itself; and a sink that fails stops it.
 */
#include "centre_texts.h"
#include "check.h"
#include "present/diag_json.h"

#include "base/buf.h"
#include "read/model.h"
#include "judge/judge.h"
#include "judge/xref.h"
#include "present/export.h"

#include <stdio.h>
#include <stdlib.h>

static struct model model;
static struct diag_list diags;
static struct xref x;
static struct arena arena = ARENA_INIT;   /* values of the test's making */

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
	arena_free(&arena);
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
	judge_centre(&x, &model, &diags);
}

static void check_same_text(const char *got, const char *expected);

/*
 * What export_write() stands for: the whole tree, dumped at once; and
 * the same text as jansson reads and writes it, which must not differ.
 */
static char *one_dump(const struct value *tail)
{
	struct value *units = value_items(&arena, model.nunits);
	struct value *learners = value_items(&arena, model.nlearners);
	struct value *assessors = value_items(&arena, model.nassessors);
	struct value *records = value_items(&arena, model.niqa);
	struct value *signoffs = value_items(&arena, model.nsignoffs);
	struct value *quals = value_items(&arena, model.nqualifications);
	struct value_obj whole = value_obj_new(&arena,
					       7 + (tail ? tail->len : 0));
	struct value tree;
	struct buf text = BUF_INIT;
	json_t *json;
	char *by_jansson;

	for (size_t i = 0; i < model.nunits; i++)
		units[i] = export_unit(&arena, model.units[i]);
	for (size_t i = 0; i < model.nlearners; i++)
		learners[i] = export_learner(&arena, &model, &x, i);
	for (size_t i = 0; i < model.nassessors; i++)
		assessors[i] = export_assessor(&arena, model.assessors[i]);
	for (size_t i = 0; i < model.niqa; i++)
		records[i] = export_iqa(&arena, &model, i);
	for (size_t i = 0; i < model.nsignoffs; i++)
		signoffs[i] = export_signoff(&arena, &model.signoffs[i]);
	value_put(&whole, "centre", export_centre(&arena, &model));
	for (size_t i = 0; i < model.nqualifications; i++)
		quals[i] = export_qualification(&arena, model.qualifications[i]);
	value_put(&whole, "units", value_list(units, model.nunits));
	value_put(&whole, "qualifications",
		  value_list(quals, model.nqualifications));
	value_put(&whole, "learners", value_list(learners, model.nlearners));
	value_put(&whole, "assessors", value_list(assessors, model.nassessors));
	value_put(&whole, "iqa", value_list(records, model.niqa));
	value_put(&whole, "signoffs", value_list(signoffs, model.nsignoffs));
	for (size_t i = 0; tail && i < tail->len; i++)
		value_put(&whole, tail->u.members[i].key, tail->u.members[i].value);
	tree = value_obj_done(&whole);
	value_dump_pretty(&tree, 0, &text);
	json = json_loadb(text.data, text.len, 0, NULL);
	CHECK(json != NULL);
	by_jansson = json ? json_dumps(json, JSON_INDENT(2)) : NULL;
	CHECK(by_jansson != NULL);
	if (by_jansson)
		check_same_text(buf_cstr(&text), by_jansson);
	free(by_jansson);
	json_decref(json);
	return buf_detach(&text);
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
static void check_same_as_one_dump(const struct value *tail, size_t min_calls,
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
	struct value_obj members, more;
	struct value list[3], tail;

	centre(300, true);
	members = value_obj_new(&arena, 2);
	more = value_obj_new(&arena, 2);
	list[0] = value_int(1);
	list[1] = value_object(NULL, 0);
	list[2] = value_list(NULL, 0);
	value_put(&more, "list", value_list(list, 3));
	value_put(&more, "text", value_text("a\nb \"c\""));
	value_put(&members, "diagnostics", diag_json_list(&arena, &diags));
	value_put(&members, "more", value_obj_done(&more));
	tail = value_obj_done(&members);
	CHECK_INT(diags.errors, 0);
	CHECK_INT(model.nlearners, 300);
	CHECK_INT(model.nassessors, 2);
	CHECK_INT(model.niqa, 1);
	/* 300 learners make several pieces for the sink. */
	check_same_as_one_dump(&tail, 3, &text);
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
}

static void empty_arrays_and_no_tail(void)
{
	struct collected c = { BUF_INIT, 0, 0 };

	centre(0, false);
	CHECK_INT(model.nlearners, 0);
	check_same_as_one_dump(NULL, 1, NULL);
	CHECK_INT(export_write(&model, &x, NULL, collect, &c), 0);
	CHECK(strstr(buf_cstr(&c.text), "\n  \"learners\": [],\n") != NULL);
	CHECK(strstr(buf_cstr(&c.text), "\n  \"iqa\": [],\n") != NULL);
	CHECK(strstr(buf_cstr(&c.text), "\n  \"signoffs\": []\n}\n") != NULL);
	buf_free(&c.text);
}

static void a_failing_sink_stops_it(void)
{
	struct collected c = { BUF_INIT, 0, 2 };

	centre(300, true);
	CHECK_INT(export_write(&model, &x, NULL, collect, &c), EXPORT_SINK_FAILED);
	CHECK_INT(c.calls, 2);           /* nothing after the failure */
	/* The text up to the learners, whose first batch the sink refused:
	 * nothing of it, nor of the members after them, was given again. */
	CHECK(c.text.len > 18 && strcmp(c.text.data + c.text.len - 18,
				       "\"learners\": [\n    ") == 0);
	CHECK(strstr(c.text.data, "\"assessors\"") == NULL);
	buf_free(&c.text);

	/* Refused at the fifth batch (of 32 learners, from l001), while the
	 * builders are ahead of the writer: the four before it are there,
	 * and then nothing. */
	c = (struct collected){ BUF_INIT, 0, 6 };
	CHECK_INT(export_write(&model, &x, NULL, collect, &c), EXPORT_SINK_FAILED);
	CHECK_INT(c.calls, 6);
	CHECK(strstr(c.text.data, "\"id\": \"l128\"") != NULL);
	CHECK(strstr(c.text.data, "\"id\": \"l129\"") == NULL);
	CHECK(strstr(c.text.data, "\"assessors\"") == NULL);
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
