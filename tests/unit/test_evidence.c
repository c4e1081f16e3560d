/*
 * test_evidence.c - loading the evidence logs: which of two rows with one
 * ref is the duplicate, what is reported where, and the order of the rows.
 *
 * Each test writes a small centre (two units, two learners, a log or two)
 * into a fresh temporary folder and loads it as folio would, on one
 * thread and on several, which must agree.
 */
#include "centre_texts.h"
#include "check.h"

#include "base/buf.h"
#include "read/model.h"
#include "judge/xref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct model model;
static struct diag_list diags;
static struct buf report = BUF_INIT;

static const char *const header =
	"learner,unit,ref,date,method,criteria,requirements,summary,assessor\n";

static void cleanup(void)
{
	model_free(&model);
	diag_list_free(&diags);
	buf_free(&report);
	centre_reset();
}

static void write_centre(void)
{
	centre_reset();
	write_file("units/t.md", "---\nid: t\ntitle: T\n---\n## 1 Do\n- 1.1 Do\n");
	write_file("units/u.md", "---\nid: u\ntitle: U\n---\n## 1 Do\n- 1.1 Do\n");
	write_file("learners.csv", "learner,units\nl1,t;u\nl2,t\n");
}

static void write_log(const char *name, const char *rows)
{
	struct buf path = BUF_INIT, text = BUF_INIT;

	buf_printf(&path, "evidence/%s", name);
	buf_printf(&text, "%s%s", header, rows);
	write_file(buf_cstr(&path), buf_cstr(&text));
	buf_free(&path);
	buf_free(&text);
}

/* Loads the centre written on the given threads; report holds what check prints. */
/* The learners file, when a test names one (else the default). */
static const char *learners_at;

static void load(size_t threads)
{
	struct model_paths paths = { 0 };

	model_free(&model);
	diag_list_free(&diags);
	buf_free(&report);
	centre_use(&paths);
	paths.learners = learners_at;
	paths.today = "2026-06-30";
	paths.threads = threads;
	model_load(&model, &paths, &diags);
	diag_list_sort(&diags);
	diag_list_format(&diags, false, &report);
}

/* "learner unit ref date" of every row, in the model's order. */
static char *rows_text(void)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < model.nevidence; i++) {
		const struct evidence *e = model.evidence[i];

		buf_printf(&b, "%s %s %s %d\n", e->learner->id, e->unit->id,
			   e->ref, (int)e->date);
	}
	return buf_detach(&b);
}

/*
 * Loads on one thread and on three: the report and the rows must be the
 * same.  Leaves the three-thread load in place.
 */
static void load_both_ways(void)
{
	char *one_report, *one_rows, *many_rows;

	load(1);
	one_report = buf_detach(&report);
	one_rows = rows_text();
	load(3);
	many_rows = rows_text();
	CHECK_STR(buf_cstr(&report), one_report);
	CHECK_STR(many_rows, one_rows);
	free(one_report);
	free(one_rows);
	free(many_rows);
}

/* The report's text, with the centre's folder written as DIR. */
static const char *reported(void)
{
	static struct buf out = BUF_INIT;
	const char *s = buf_cstr(&report), *at;
	size_t n = strlen(dir);

	buf_free(&out);
	while ((at = strstr(s, dir))) {
		buf_put(&out, s, (size_t)(at - s));
		buf_puts(&out, "DIR");
		s = at + n;
	}
	buf_puts(&out, s);
	return buf_cstr(&out);
}

static void duplicate_across_files(void)
{
	write_centre();
	/* b.csv is read second: its row is the duplicate, though dated first. */
	write_log("b.csv", "l1,t,A,2026-02-01,O,1.1,,x,KM\n"
			   "l1,t,R,2026-01-01,O,1.1,,x,KM\n");
	write_log("a.csv", "l1,t,R,2026-03-01,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_STR(reported(),
		  "DIR/evidence/b.csv:3: error: duplicate ref `R` for learner l1 "
		  "and unit t (first at DIR/evidence/a.csv:2)\n");
	CHECK_INT(model.nevidence, 2);
	CHECK_STR(model.evidence[1]->file + strlen(dir), "/evidence/a.csv");
	CHECK_INT(model.learners[0]->nevidence, 2);
}

static void duplicate_within_a_file(void)
{
	write_centre();
	write_log("log.csv", "l1,t,R,2026-03-01,O,1.1,,x,KM\n"
			     "l2,t,R,2026-03-01,O,1.1,,x,KM\n"
			     "l1,t,R,2026-02-01,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_STR(reported(),
		  "DIR/evidence/log.csv:4: error: duplicate ref `R` for learner l1 "
		  "and unit t (first at DIR/evidence/log.csv:2)\n");
	CHECK_INT(model.nevidence, 2);
	CHECK_INT(model.evidence[0]->line, 2);
}

/* Were it kept, it would be in the future and cover nothing. */
static void duplicate_gets_no_warnings(void)
{
	write_centre();
	write_log("log.csv", "l1,t,R,2026-03-01,O,1.1,,x,KM\n"
			     "l1,t,R,2026-09-01,O,,,x,KM\n");
	load_both_ways();
	CHECK_INT(diags.errors, 1);
	CHECK_INT(diags.warnings, 0);
}

static void three_copies_two_errors(void)
{
	write_centre();
	write_log("a.csv", "l2,t,R,2026-03-01,O,1.1,,x,KM\n");
	write_log("b.csv", "l2,t,R,2026-03-02,O,1.1,,x,KM\n"
			   "l2,t,R,2026-03-03,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_STR(reported(),
		  "DIR/evidence/b.csv:2: error: duplicate ref `R` for learner l2 "
		  "and unit t (first at DIR/evidence/a.csv:2)\n"
		  "DIR/evidence/b.csv:3: error: duplicate ref `R` for learner l2 "
		  "and unit t (first at DIR/evidence/a.csv:2)\n");
	CHECK_INT(model.nevidence, 1);
	CHECK_INT(model.evidence[0]->date, 20513);
	CHECK_STR(model.evidence[0]->file + strlen(dir), "/evidence/a.csv");
}

static void same_ref_in_two_units(void)
{
	write_centre();
	write_log("log.csv", "l1,t,R,2026-03-01,O,1.1,,x,KM\n"
			     "l1,u,R,2026-03-01,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_INT(diags.count, 0);
	CHECK_INT(model.nevidence, 2);
}

/* A file's warnings come before a later file's errors, as it is read first. */
static void files_reported_in_name_order(void)
{
	write_centre();
	write_log("a.csv", "l1,t,W,2026-09-01,O,1.1,,x,KM\n");
	write_log("b.csv", "ghost,t,G,2026-03-01,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_STR(reported(),
		  "DIR/evidence/a.csv:2: warning: l1 t, W: date 2026-09-01 is after "
		  "today (2026-06-30), so this evidence does not count: correct "
		  "the date, or build with the right --today\n"
		  "DIR/evidence/b.csv:2: error: unknown learner `ghost`\n");
}

/* A row dated after today cannot have happened: kept, shown, not counted. */
static void row_after_today_does_not_count(void)
{
	write_centre();
	write_log("a.csv", "l1,t,F,2026-07-01,O,1.1,,x,KM\n"
			   "l1,t,T,2026-06-30,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_INT(model.nevidence, 2);
	CHECK(!model.evidence[0]->future);
	CHECK_INT(xref_row_counts(model.evidence[0]), XREF_COUNTS_FULLY);
	CHECK(model.evidence[1]->future);
	CHECK_INT(xref_row_counts(model.evidence[1]), XREF_COUNTS_NOT_YET);
	CHECK_INT(diags.warnings, 1);
}

/* Before the learner's start: it counts, and the row says so. */
static void row_before_start_flagged(void)
{
	write_centre();
	write_file("learners.csv", "learner,start,units\nl1,2026-02-01,t\n");
	write_log("a.csv", "l1,t,B,2026-01-31,O,1.1,,x,KM\n"
			   "l1,t,S,2026-02-01,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_INT(model.nevidence, 2);
	CHECK(model.evidence[0]->before_start);
	CHECK(!model.evidence[1]->before_start);
	CHECK_INT(xref_row_counts(model.evidence[0]), XREF_COUNTS_FULLY);
	CHECK_INT(diags.warnings, 1);
}

/* An id named twice or more in a row is cited once, with one warning. */
static void ids_named_twice_cited_once(void)
{
	write_centre();
	write_file("units/t.md", "---\nid: t\ntitle: T\n---\n## 1 Do\n"
		   "- 1.1 Do\n- 1.2 Do\n\n## Evidence requirements\n\n"
		   "### R\n\n- 1a Do\n");
	write_log("a.csv", "l1,t,D,2026-03-01,O,1.1;1.1 1.2;1.1,1a;1a,x,KM\n"
			   "l1,t,E,2026-03-02,O,1.1,1a,x,KM\n");
	load_both_ways();
	CHECK_INT(model.nevidence, 2);
	CHECK_INT(model.evidence[0]->ncriteria, 2);
	CHECK_INT(model.evidence[0]->nrequirements, 1);
	CHECK_INT(model.evidence[1]->ncriteria, 1);
	CHECK_STR(reported(),
		  "DIR/evidence/a.csv:2: warning: criterion `1.1` is named more "
		  "than once in this row; it is cited once\n"
		  "DIR/evidence/a.csv:2: warning: requirement `1a` is named more "
		  "than once in this row; it is cited once\n");
}

/*
 * A row for a learner whose own row was refused says where that row is,
 * rather than only that no such learner exists; one for a learner no file
 * names says nothing more.
 */
static void refused_learner_named(void)
{
	write_centre();
	write_file("learners.csv", "learner,units\nl1,t;u\nl2,t\nzo\xc3\xab,t\n"
		   "L1,t\n");
	write_log("a.csv", "zo\xc3\xab,t,A,2026-03-01,O,1.1,,x,KM\n"
			   "L1,t,B,2026-03-01,O,1.1,,x,KM\n"
			   "l9,t,C,2026-03-01,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_INT(model.nevidence, 0);
	CHECK_STR(reported(),
		  "DIR/learners.csv:4: error: learner id `zo\xc3\xab` contains a "
		  "non-ASCII character (ids are letters, digits, '.', '_' and '-')\n"
		  "DIR/learners.csv:5: error: learner ids `L1` and `l1` (line 2) "
		  "differ only in case: their pages would be one file on Windows "
		  "and macOS; rename one\n"
		  "DIR/evidence/a.csv:2: error: unknown learner `zo\xc3\xab` "
		  "(DIR/learners.csv:4 has it, but that row was refused: see the "
		  "error there)\n"
		  "DIR/evidence/a.csv:3: error: unknown learner `L1` "
		  "(DIR/learners.csv:5 has it, but that row was refused: see the "
		  "error there)\n"
		  "DIR/evidence/a.csv:4: error: unknown learner `l9`\n");
}

/* The place is said whole however long its path (it was cut at 160
 * bytes, mid-sentence). */
static void refused_learner_named_in_full(void)
{
	struct buf name = BUF_INIT, want = BUF_INIT;
	char *path;

	for (int i = 0; i < 8; i++)
		buf_puts(&name, "a-folder-with-a-long-name-for-a-ci-runner/");
	buf_puts(&name, "learners.csv");
	write_centre();
	write_file(buf_cstr(&name), "learner,units\nl1,t;u\nzo\xc3\xab,t\n");
	path = fs_join(dir, buf_cstr(&name));    /* as --learners-file names it */
	learners_at = path;
	write_log("a.csv", "zo\xc3\xab,t,A,2026-03-01,O,1.1,,x,KM\n");
	load_both_ways();
	learners_at = NULL;
	buf_printf(&want, "DIR/evidence/a.csv:2: error: unknown learner "
		   "`zo\xc3\xab` (DIR/%s:3 has it, but that row was refused: "
		   "see the error there)\n", buf_cstr(&name));
	CHECK(strstr(reported(), buf_cstr(&want)) != NULL);
	buf_free(&name);
	buf_free(&want);
	free(path);
}

/*
 * Where the learners file is why no learner is known, the row says so:
 * there is none, it could not be read (saved with semicolons), or it
 * lists no one.  It said "there is no learners file" for all three.
 */
static void unknown_learner_and_the_learners_file(void)
{
	centre_reset();
	write_file("units/t.md", "---\nid: t\ntitle: T\n---\n## 1 Do\n- 1.1 Do\n");
	write_log("a.csv", "l1,t,A,2026-03-01,O,1.1,,x,KM\n");
	load(1);
	CHECK_STR(reported(),
		  "DIR/evidence/a.csv:2: error: unknown learner `l1` (there "
		  "is no learners file)\n");
	write_file("learners.csv", "learner;units\nl1;t\n");
	load(1);
	CHECK_STR(reported(),
		  "DIR/learners.csv:1: error: the names in the header are "
		  "separated by semicolons, not commas (\"learner;units\"): "
		  "save the file as CSV UTF-8 (comma delimited); none of its "
		  "rows is read\n"
		  "DIR/evidence/a.csv:2: error: unknown learner `l1` "
		  "(DIR/learners.csv could not be read: see the error there)\n");
	write_file("learners.csv", "learner,units\n");
	load(1);
	CHECK_STR(reported(),
		  "DIR/evidence/a.csv:2: error: unknown learner `l1` "
		  "(DIR/learners.csv lists no learners)\n");
}

/*
 * A log named in capitals is read; a folder inside evidence/ (named once
 * however many files it holds) and a file of another kind are a warning
 * each; a workbook's lock file and an editor's backup are passed over.
 */
static void unread_entries_said(void)
{
	write_centre();
	write_log("a.csv", "l1,t,A,2026-03-01,O,1.1,,x,KM\n");
	write_log("B.CSV", "l1,t,B,2026-03-02,O,1.1,,x,KM\n");
	write_log("2025/c.csv", "l1,t,C,2026-03-03,O,1.1,,x,KM\n");
	write_log("2025/d.csv", "l1,t,D,2026-03-04,O,1.1,,x,KM\n");
	write_file("evidence/book.ods", "x");
	write_file("evidence/~$book.ods", "x");
	write_file("evidence/a.csv~", "x");
	write_file("evidence/.hidden", "x");
	load_both_ways();
	CHECK_INT(model.nevidence, 2);
	CHECK_STR(reported(),
		  "DIR/evidence/2025: warning: not read: a folder inside "
		  "evidence, where folio reads only the .csv files directly in "
		  "it; move its files up to have them read\n"
		  "DIR/evidence/book.ods: warning: not read: folio reads only "
		  "the .csv files in evidence; save a spreadsheet as CSV UTF-8 "
		  "(comma delimited)\n");
}

/*
 * An id written in another case than its learner's or unit's (a
 * spreadsheet capitalises the first letter of a cell), or quoted with
 * spaces around it, is still unknown, as ids are exact, but the error
 * names the id meant.
 */
static void unknown_ids_but_for_case(void)
{
	write_centre();
	write_file("learners.csv", "learner,units\nl1,t;U\n");
	write_log("a.csv", "L1,t,A,2026-03-01,O,1.1,,x,KM\n"
			   "l1,T,B,2026-03-01,O,1.1,,x,KM\n"
			   "l9,t9,C,2026-03-01,O,1.1,,x,KM\n"
			   "\"l1 \",\" t\",D,2026-03-01,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_INT(model.nevidence, 0);
	CHECK_STR(reported(),
		  "DIR/learners.csv:2: error: learner l1: unknown unit `U` in "
		  "`units` (there is a unit `u`: write it so, as ids are "
		  "case-sensitive)\n"
		  "DIR/evidence/a.csv:2: error: unknown learner `L1` "
		  "(DIR/learners.csv has `l1`: write it so, as ids are "
		  "case-sensitive)\n"
		  "DIR/evidence/a.csv:3: error: unknown unit `T` (there is a "
		  "unit `t`: write it so, as ids are case-sensitive)\n"
		  "DIR/evidence/a.csv:4: error: unknown learner `l9`\n"
		  "DIR/evidence/a.csv:4: error: unknown unit `t9`\n"
		  "DIR/evidence/a.csv:5: error: unknown learner `l1 ` "
		  "(DIR/learners.csv has `l1`: write it so, without the "
		  "spaces around it)\n"
		  "DIR/evidence/a.csv:5: error: unknown unit ` t` (there is a "
		  "unit `t`: write it so, without the spaces around it)\n");
}

/* A method code or an item's id in the wrong case names the one meant;
 * ids and codes stay exact. */
static void codes_and_item_ids_but_for_case(void)
{
	write_centre();
	write_file("units/t.md", "---\nid: t\ntitle: T\n---\n## 1 Do\n"
		   "- 1.1 Do\n## Evidence requirements\n### A\n- 4a a thing\n");
	write_log("a.csv", "l1,t,A,2026-03-01,o,1.1,4A,x,KM\n"
			   "l1,t,B,2026-03-01,wt,1.1,4b,x,KM\n"
			   "l1,t,C,2026-03-01,Obs,1.1,4a,x,KM\n");
	load_both_ways();
	CHECK_INT(model.nevidence, 0);
	CHECK_STR(reported(),
		  "DIR/evidence/a.csv:2: error: unknown method code `o`: "
		  "write `O`, as codes are case-sensitive\n"
		  "DIR/evidence/a.csv:2: error: unit t has no requirement `4A` "
		  "(it has `4a`: ids are case-sensitive)\n"
		  "DIR/evidence/a.csv:3: error: unknown method code `wt`: "
		  "write `WT`, as codes are case-sensitive\n"
		  "DIR/evidence/a.csv:3: error: unit t has no requirement `4b`\n"
		  "DIR/evidence/a.csv:4: error: unknown method code `Obs` (the "
		  "codes are O, PD, Q, WP, WT, Oth)\n");
}

static void rows_sorted_by_learner_date_ref_unit(void)
{
	char *rows;

	write_centre();
	write_log("a.csv", "l2,t,B,2026-03-01,O,1.1,,x,KM\n"
			   "l1,u,B,2026-03-01,O,1.1,,x,KM\n"
			   "l1,t,C,2026-02-01,O,1.1,,x,KM\n");
	write_log("b.csv", "l1,t,B,2026-03-01,O,1.1,,x,KM\n"
			   "l1,t,A,2026-03-01,O,1.1,,x,KM\n"
			   "l2,t,A,2026-04-01,O,1.1,,x,KM\n");
	load_both_ways();
	rows = rows_text();
	CHECK_INT(diags.count, 0);
	CHECK_STR(rows, "l1 t C 20485\nl1 t A 20513\nl1 t B 20513\n"
		  "l1 u B 20513\nl2 t B 20513\nl2 t A 20544\n");
	CHECK_INT(model.learners[1]->first_evidence, 4);
	CHECK_INT(model.learners[1]->nevidence, 2);
	free(rows);
}

/* Columns that are none of folio's are kept with every row of their file:
 * the value NULL where the row leaves it empty. */
static void extra_columns_kept(void)
{
	write_centre();
	write_file("evidence/a.csv", "learner,unit,ref,Room,date,method,criteria,"
		   "requirements,summary,assessor\n"
		   "l1,t,A,R1,2026-03-01,O,1.1,,x,KM\n"
		   "l1,t,B,,2026-03-02,O,1.1,,x,KM\n");
	write_log("b.csv", "l2,t,C,2026-03-01,O,1.1,,x,KM\n");
	load_both_ways();
	CHECK_INT(model.nevidence, 3);
	CHECK_INT(model.evidence[0]->nextra, 1);
	CHECK_STR(model.evidence[0]->extra[0].name, "Room");
	CHECK_STR(model.evidence[0]->extra[0].value, "R1");
	CHECK_INT(model.evidence[1]->nextra, 1);
	CHECK(model.evidence[1]->extra[0].value == NULL);
	CHECK_INT(model.evidence[2]->nextra, 0);
}

/*
 * Enough rows in enough files for the learners to be cut into ranges,
 * with duplicates across the cuts: one thread and several agree.
 */
static void threads_agree_on_many_rows(void)
{
	struct buf learners = BUF_INIT, rows[3] = { BUF_INIT, BUF_INIT, BUF_INIT };

	centre_reset();
	write_file("units/t.md", "---\nid: t\ntitle: T\n---\n## 1 Do\n- 1.1 Do\n");
	buf_puts(&learners, "learner,start,units\n");
	for (unsigned i = 0; i < 300; i++) {
		buf_printf(&learners, "l%03u,2026-01-15,%s\n", i, i % 5 ? "t" : "");
		for (unsigned k = 0; k < i % 9; k++)
			buf_printf(&rows[(i + k) % 3], "l%03u,t,R/%u,2026-%02u-01,O,%s,,x,KM\n",
				   i, k % 4, 1 + k % 8, k % 3 ? "1.1" : "");
	}
	write_file("learners.csv", buf_cstr(&learners));
	write_log("a.csv", buf_cstr(&rows[0]));
	write_log("b.csv", buf_cstr(&rows[1]));
	write_log("c.csv", buf_cstr(&rows[2]));
	buf_free(&learners);
	for (int i = 0; i < 3; i++)
		buf_free(&rows[i]);
	load_both_ways();
	CHECK(diags.errors > 100);
	CHECK(diags.warnings > 100);
	CHECK(model.nevidence > 500);
}

int main(void)
{
	RUN(duplicate_across_files);
	RUN(duplicate_within_a_file);
	RUN(duplicate_gets_no_warnings);
	RUN(three_copies_two_errors);
	RUN(same_ref_in_two_units);
	RUN(files_reported_in_name_order);
	RUN(row_after_today_does_not_count);
	RUN(row_before_start_flagged);
	RUN(ids_named_twice_cited_once);
	RUN(refused_learner_named);
	RUN(refused_learner_named_in_full);
	RUN(unknown_learner_and_the_learners_file);
	RUN(unread_entries_said);
	RUN(unknown_ids_but_for_case);
	RUN(codes_and_item_ids_but_for_case);
	RUN(rows_sorted_by_learner_date_ref_unit);
	RUN(extra_columns_kept);
	RUN(threads_agree_on_many_rows);
	cleanup();
	return check_summary();
}
