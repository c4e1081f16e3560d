/*
 * test_iqa.c - assessors.csv, iqa.csv and folio.yml's sampling rates, on
 * small hand-made centres.
 *
 * Each test writes a centre into a fresh temporary folder (a tiny unit,
 * two learners, an evidence file, and the files under test), loads it as
 * folio would, and checks what was read and every diagnostic, by message
 * and place.
 */
#include "centre_texts.h"
#include "check.h"

#include "read/model.h"
#include "judge/judge.h"
#include "present/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static struct model model;
static struct diag_list diags;
static struct buf listing;     /* what diagnostics() returns */

static const char *const tiny_unit =
	"---\nid: t\ntitle: Tiny\nmethods: O Q\n---\n"
	"## 1 Do\n- 1.1 Do a thing\n## 2 Know `knowledge`\n- 2.1 Know it\n";

static const char *const other_unit =
	"---\nid: a-first\ntitle: Sorted first\n---\n## 1 Do\n- 1.1 Do\n";

/* l1 (KM) has rows on t by KM and SP; l2 (JR) is registered on t only. */
static const char *const learners =
	"learner,name,assessor,units\nl1,Lee,KM,t\nl2,Jo,JR,t\n";

static const char *const evidence =
	"learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
	"l1,t,O/1,2026-02-01,O,1.1,,Observed,KM\n"
	"l1,t,Q/1,2026-02-08,Q,2.1,,Questions,SP\n";

static const char *const staff =
	"initials,name,role,risk,qualified\n"
	"KM,Karen,assessor,low,2019-09-01\nJR,James,,medium,\n"
	"SP,Sunita,assessor,high,2026-01-05\nLT,Lin,iqa,,2015-03-01\n";

static const char *const iqa_header =
	"learner,unit,date,iqa,kind,decision,feedback,action,due\n";

static void cleanup(void)
{
	model_free(&model);
	diag_list_free(&diags);
	buf_free(&listing);
	centre_reset();
}

/* A fresh centre folder holding the unit, learners and evidence. */
static void new_centre(void)
{
	cleanup();
	centre_reset();
	write_file("units/t.md", tiny_unit);
	write_file("units/a.md", other_unit);
	write_file("learners.csv", learners);
	write_file("evidence/log.csv", evidence);
}

static void load(const struct model_paths *given)
{
	struct model_paths paths = { 0 };

	if (given)
		paths = *given;
	centre_use(&paths);
	paths.today = "2026-06-30";
	model_load(&model, &paths, &diags);
}

/* Loads a centre with these assessors and IQA rows (NULL: no file). */
static void centre(const char *assessors, const char *iqa_rows)
{
	char text[4096];

	new_centre();
	if (assessors)
		write_file("assessors.csv", assessors);
	if (iqa_rows) {
		snprintf(text, sizeof(text), "%s%s", iqa_header, iqa_rows);
		write_file("iqa.csv", text);
	}
	load(NULL);
}

/* Appends text with the temporary folder cut from every path in it. */
static void put_cut(struct buf *out, const char *text)
{
	size_t n = strlen(dir);
	const char *at;

	while ((at = strstr(text, dir)) != NULL && at[n] == '/') {
		buf_put(out, text, (size_t)(at - text));
		text = at + n + 1;
	}
	buf_puts(out, text);
}

/* Every diagnostic as "FILE:LINE: severity: message" lines. */
static const char *diagnostics(void)
{
	buf_truncate(&listing, 0);
	for (size_t i = 0; i < diags.count; i++) {
		const struct diag *d = &diags.items[i];

		put_cut(&listing, d->file);
		buf_printf(&listing, ":%d: %s: ", d->line,
			   d->severity == DIAG_ERROR ? "error" : "warning");
		put_cut(&listing, d->message);
		buf_putc(&listing, '\n');
	}
	return buf_cstr(&listing);
}

static void assessors_are_read_and_sorted(void)
{
	const struct assessor *a;

	centre("initials,name,role,risk,qualified,Team\n"
	       "SP,Sunita Patel,assessor,high,2025-11-03,North\n"
	       "JR,James Rahman,,Low,01/09/2019,\n"
	       "LT,Lin Tran,IQA,,2018-05-01,\n"
	       "KM,,Assessor,MEDIUM,,\n", NULL);
	CHECK_STR(diagnostics(), "");
	CHECK_INT(model.nassessors, 4);
	CHECK_STR(model.assessors[0]->initials, "JR");
	CHECK_STR(model.assessors[1]->initials, "KM");
	CHECK_STR(model.assessors[2]->initials, "LT");
	CHECK_STR(model.assessors[3]->initials, "SP");
	a = model.assessors[0];
	CHECK_STR(a->name, "James Rahman");
	CHECK_INT(a->role, ASSESSOR_ROLE_ASSESSOR);
	CHECK_INT(a->risk, RISK_LOW);
	CHECK(a->has_qualified);
	CHECK_INT(a->qualified, 18140);     /* 2019-09-01 */
	CHECK_INT(a->line, 3);
	a = model.assessors[1];
	CHECK_STR(a->name, NULL);
	CHECK_INT(a->risk, RISK_MEDIUM);
	CHECK(!a->has_qualified);
	a = model.assessors[2];
	CHECK_INT(a->role, ASSESSOR_ROLE_IQA);
	CHECK_INT(a->risk, RISK_UNKNOWN);
	a = model.assessors[3];
	CHECK_INT(a->nextra, 1);
	CHECK_STR(a->extra[0].name, "Team");
	CHECK_STR(a->extra[0].value, "North");
	CHECK(model_find_assessor(&model, "sp") == a);
	CHECK(model_find_assessor(&model, "Sp") == a);
	CHECK(model_find_assessor(&model, "ZZ") == NULL);
	CHECK_STR(assessor_role_name(ASSESSOR_ROLE_IQA), "iqa");
	CHECK_STR(assessor_role_name(ASSESSOR_ROLE_ASSESSOR), "assessor");
	CHECK_STR(risk_name(RISK_HIGH), "high");
	CHECK_STR(risk_name(RISK_UNKNOWN), "unknown");
	CHECK_STR(model.assessors_file + strlen(dir) + 1, "assessors.csv");
}

static void assessor_errors_leave_the_row_out(void)
{
	centre("initials,name,role,risk,qualified\n"
	       "KM,Karen,assessor,low,\n"
	       ",No initials,,low,\n"
	       "K M,Spaced,,low,\n"
	       "KM,Again,,low,\n"
	       "km,Lower,,low,\n"
	       "JR,James,boss,low,\n"
	       "SP,Sunita,,severe,\n"
	       "AB,Abi,,high,2026-02-30\n"
	       "CD,Cat,assessor,,\n"
	       "LT,Lin,iqa,,\n", NULL);
	CHECK_STR(diagnostics(),
		"assessors.csv:3: error: empty `initials`\n"
		"assessors.csv:4: error: assessor `K M` contains ' ' (initials are letters, digits, '.', '_' and '-')\n"
		"assessors.csv:5: error: duplicate assessor `KM` (first on line 2)\n"
		"assessors.csv:6: error: duplicate assessor `km` (first on line 2 as `KM`: initials match in any case)\n"
		"assessors.csv:7: error: `role` must be assessor or iqa, not `boss`\n"
		"assessors.csv:8: error: `risk` must be low, medium or high, not `severe`\n"
		"assessors.csv:9: error: `qualified`: `2026-02-30` is not a date: February 2026 has 28 days\n"
		"assessors.csv:10: warning: assessor CD has no `risk`: sampled as high risk\n"
		"learners.csv:3: warning: learner l2: assessor `JR` is not in assessors.csv; sampled as high risk\n"
		"evidence/log.csv:3: warning: l1 t, Q/1: assessor `SP` is not in assessors.csv; sampled as high risk\n");
	CHECK_INT(model.nassessors, 3);
	CHECK_STR(model.assessors[0]->initials, "CD");
	CHECK_INT(model.assessors[0]->risk, RISK_UNKNOWN);
}

/* Once per initials, at the first place, in any case; none without a file. */
static void unlisted_assessors_are_warned_once(void)
{
	new_centre();
	write_file("learners.csv", "learner,assessor,units\n"
		   "l2,AB,t\nl1,ab,t\nl3,km,t\nl4,,t\n");
	write_file("evidence/log.csv",
		   "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		   "l1,t,O/1,2026-02-01,O,1.1,,x,AB\n"
		   "l1,t,O/2,2026-02-02,O,1.1,,x,XY\n"
		   "l2,t,O/3,2026-01-02,O,1.1,,x,xy\n");
	write_file("evidence/0-first.csv",
		   "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		   "l3,t,O/4,2026-03-01,O,1.1,,x,KM\n"
		   "l4,t,O/5,2026-03-01,O,1.1,,x,Xy\n");
	write_file("assessors.csv", "initials,risk\nKM,low\n");
	load(NULL);
	CHECK_STR(diagnostics(),
		"learners.csv:2: warning: learner l2: assessor `AB` is not in assessors.csv; sampled as high risk\n"
		"evidence/0-first.csv:3: warning: l4 t, O/5: assessor `Xy` is not in assessors.csv; sampled as high risk\n");
	new_centre();
	write_file("learners.csv", "learner,assessor,units\nl1,AB,t\n");
	load(NULL);
	CHECK(model.assessors_file == NULL);
	CHECK_STR(diagnostics(), "");
}

/* The sampling rates by risk, then the seed: "high medium low unknown, seed". */
static const char *sampling(void)
{
	static char text[64];
	const int *rate = model.config.sampling_rate;

	snprintf(text, sizeof(text), "%d %d %d %d, %llu",
		 rate[RISK_HIGH], rate[RISK_MEDIUM],
		 rate[RISK_LOW], rate[RISK_UNKNOWN],
		 (unsigned long long)model.config.sampling_seed);
	return text;
}

static void sampling_defaults(void)
{
	centre(NULL, NULL);
	CHECK(model.config.file == NULL);
	CHECK_STR(sampling(), "100 50 25 100, 1");
	CHECK(model.assessors_file == NULL && model.iqa_file == NULL);
	CHECK_INT(model.nassessors, 0);
	CHECK_INT(model.niqa, 0);
	/* A folio.yml without `sampling` keeps them too. */
	new_centre();
	write_file("folio.yml", "name: Test\n");
	load(NULL);
	CHECK_STR(sampling(), "100 50 25 100, 1");
}

static void sampling_from_folio_yml(void)
{
	new_centre();
	write_file("folio.yml", "sampling:\n  high: 90%\n  medium: 40\n"
		   "  low: 0%\n  seed: 42\n");
	load(NULL);
	CHECK_STR(diagnostics(), "");
	CHECK_STR(sampling(), "90 40 0 90, 42");
}

static void sampling_errors(void)
{
	new_centre();
	write_file("folio.yml", "sampling:\n  high: 101%\n  medium: half\n"
		   "  low: 5 %\n  seed: -1\n  colour: red\nsampled: yes\n"
		   "paths:\n  iqa: ~\n  staff: x\n");
	load(NULL);
	CHECK_STR(diagnostics(),
		"folio.yml:2: error: `sampling.high`: a percentage from 0% to 100%, such as 50%\n"
		"folio.yml:3: error: `sampling.medium`: a percentage from 0% to 100%, such as 50%\n"
		"folio.yml:4: error: `sampling.low`: a percentage from 0% to 100%, such as 50%\n"
		"folio.yml:5: error: `sampling.seed` must be a whole number of at least 0, not `-1`\n"
		"folio.yml:6: warning: unknown key `colour` in `sampling` (known: high, medium, low, seed)\n"
		"folio.yml:7: warning: unknown key `sampled` (known: name, number, date_format, today, paths, encoding, sampling, signoff, claims, otj, reviews, caseload)\n"
		"folio.yml:10: warning: unknown key `staff` in `paths` (known: units, learners, qualifications, evidence, assessors, iqa, signoffs, otj, reviews)\n");
	CHECK_INT(diags.items[0].column, 9);
	CHECK_STR(sampling(), "100 50 25 100, 1");
}

/* folio.yml moves both files; options override it. */
static void paths_from_folio_yml_and_options(void)
{
	struct model_paths paths = { 0 };
	char path[256];

	new_centre();
	write_file("staff/list.csv", "initials,role\nLT,iqa\n");
	write_file("staff/done.csv", "learner,unit,date,iqa,kind,decision\n"
		   "l2,t,2026-03-01,LT,interim,agreed\n");
	/* From the centre folder, though this test does not run in it. */
	write_file("folio.yml", "paths:\n  assessors: staff/list.csv\n"
		   "  iqa: staff/done.csv\n");
	load(NULL);
	CHECK_INT(model.nassessors, 1);
	CHECK_INT(model.niqa, 1);
	CHECK_STR(model.iqa_file + strlen(dir) + 1, "staff/done.csv");
	snprintf(path, sizeof(path), "%s/staff/done.csv", dir);
	paths.assessors = path;     /* not an assessors file: its header says */
	model_free(&model);
	diag_list_free(&diags);
	load(&paths);
	CHECK_INT(model.nassessors, 0);
	CHECK_INT(diags.errors, 1);
	CHECK(strstr(diags.items[0].message, "missing column `initials`") != NULL);
}

static void iqa_records_are_read_and_sorted(void)
{
	const struct iqa_record *q;

	centre(staff,
	       "l2,t,2026-05-01,LT,summative,Agreed,All met,,\n"
	       "l1,t,2026-03-02,lt,Interim,referred,Thin on 1.1,Observe 1.1 again,2026-04-01\n"
	       "l2,t,2026-03-01,LT,interim,agreed,,,\n"
	       "l1,t,2026-03-02,LT,interim,agreed,,Tidy the log,\n");
	CHECK_STR(diagnostics(), "");
	CHECK_INT(model.niqa, 4);
	q = &model.iqa[0];
	CHECK_STR(q->learner->id, "l1");
	CHECK_STR(q->unit->id, "t");
	CHECK_INT(q->line, 3);
	CHECK_STR(q->iqa, "lt");
	CHECK_INT(q->kind, IQA_INTERIM);
	CHECK_INT(q->decision, IQA_REFERRED);
	CHECK_STR(q->feedback, "Thin on 1.1");
	CHECK_STR(q->action, "Observe 1.1 again");
	CHECK(q->has_due);
	CHECK_INT(q->due, 20544);     /* 2026-04-01 */
	CHECK_INT(model.iqa[1].line, 5);
	CHECK_STR(model.iqa[1].feedback, NULL);
	CHECK(!model.iqa[1].has_due);
	CHECK_INT(model.iqa[2].line, 4);
	CHECK_INT(model.iqa[3].line, 2);
	CHECK_INT(model.iqa[3].kind, IQA_SUMMATIVE);
	CHECK_INT(model.iqa[3].decision, IQA_AGREED);
	CHECK_STR(iqa_kind_name(IQA_SUMMATIVE), "summative");
	CHECK_STR(iqa_decision_name(IQA_REFERRED), "referred");
}

static void iqa_errors_leave_the_row_out(void)
{
	centre(staff,
	       "ghost,t,2026-03-01,LT,interim,agreed,,,\n"
	       "l1,nope,2026-03-01,LT,interim,agreed,,,\n"
	       "l1,t,,LT,interim,agreed,,,\n"
	       "l1,t,2026-13-01,LT,interim,agreed,,,\n"
	       "l1,t,2026-03-01,,interim,agreed,,,\n"
	       "l1,t,2026-03-01,LT,final,agreed,,,\n"
	       "l1,t,2026-03-01,LT,interim,rejected,,,\n"
	       "l1,t,2026-03-01,LT,interim,referred,,Redo,soon\n"
	       ",,2026-03-01,LT,,,,,\n"
	       "l1,t,2026-03-01,LT,interim,agreed,,,\n");
	CHECK_STR(diagnostics(),
		"iqa.csv:2: error: unknown learner `ghost`\n"
		"iqa.csv:3: error: unknown unit `nope`\n"
		"iqa.csv:4: error: empty `date`\n"
		"iqa.csv:5: error: `date`: `2026-13-01` is not a date: there is no month 13\n"
		"iqa.csv:6: error: empty `iqa`\n"
		"iqa.csv:7: error: `kind` must be interim or summative, not `final`\n"
		"iqa.csv:8: error: `decision` must be agreed or referred, not `rejected`\n"
		"iqa.csv:9: error: `due`: `soon` is not a date; write YYYY-MM-DD or DD/MM/YYYY\n"
		"iqa.csv:10: error: empty `learner`\n"
		"iqa.csv:10: error: empty `unit`\n"
		"iqa.csv:10: error: empty `kind`\n"
		"iqa.csv:10: error: empty `decision`\n");
	CHECK_INT(model.niqa, 1);
	CHECK_INT(model.iqa[0].line, 11);
}

static void iqa_warnings_keep_the_row(void)
{
	centre(staff,
	       "l1,t,2026-07-01,LT,interim,agreed,,,\n"
	       "l1,a-first,2026-03-01,LT,interim,agreed,,,\n"
	       "l1,t,2026-03-01,QQ,interim,agreed,,,\n"
	       "l2,t,2026-03-01,KM,interim,agreed,,,\n"
	       "l1,t,2026-03-02,km,interim,agreed,,,\n"
	       "l1,t,2026-03-03,SP,interim,agreed,,,\n"
	       "l1,t,2026-03-04,LT,interim,referred,Thin,,\n"
	       "l1,t,2026-03-05,LT,interim,referred,,Observe 1.1,\n");
	CHECK_STR(diagnostics(),
		"iqa.csv:2: warning: l1 t, sampled 2026-07-01: the date is in the future (today is 2026-06-30)\n"
		"iqa.csv:3: warning: l1 a-first, sampled 2026-03-01: there is no such portfolio: the learner is not registered on unit a-first and has no evidence for it\n"
		"iqa.csv:4: warning: l1 t, sampled 2026-03-01: `QQ` is not an IQA in assessors.csv\n"
		"iqa.csv:5: warning: l2 t, sampled 2026-03-01: `KM` is not an IQA in assessors.csv (their role is assessor)\n"
		"iqa.csv:6: warning: l1 t, sampled 2026-03-02: `km` is not an IQA in assessors.csv (their role is assessor)\n"
		"iqa.csv:6: warning: l1 t, sampled 2026-03-02: `km` is the learner's assessor: an IQA must not quality-assure their own assessment\n"
		"iqa.csv:7: warning: l1 t, sampled 2026-03-03: `SP` is not an IQA in assessors.csv (their role is assessor)\n"
		"iqa.csv:7: warning: l1 t, sampled 2026-03-03: `SP` assessed Q/1 in this portfolio: an IQA must not quality-assure their own assessment\n"
		"iqa.csv:8: warning: l1 t, sampled 2026-03-04: referred without an `action`: say what the assessor must do\n");
	CHECK_INT(model.niqa, 8);
	/* Without an assessors file nobody's role is known. */
	centre(NULL, "l1,t,2026-03-01,QQ,interim,agreed,,,\n");
	CHECK_STR(diagnostics(), "");
}

/* Records of one portfolio, as the model sorts them. */
static struct iqa_record record(const struct learner *l, int32_t date,
				enum iqa_decision decision, int line)
{
	struct iqa_record q = { 0 };

	q.learner = l;
	q.unit = model.units[1];
	q.date = date;
	q.decision = decision;
	q.line = line;
	return q;
}

static void actions_open_until_agreed(void)
{
	const struct learner *l1, *l2;
	struct iqa_record r[6];

	centre(NULL, NULL);
	l1 = model.learners[0];
	l2 = model.learners[1];
	r[0] = record(l1, 100, IQA_AGREED, 2);
	r[1] = record(l1, 110, IQA_REFERRED, 3);
	r[2] = record(l1, 110, IQA_REFERRED, 7);   /* same day, a later line */
	r[3] = record(l1, 110, IQA_AGREED, 9);
	r[4] = record(l1, 120, IQA_REFERRED, 4);
	r[5] = record(l2, 130, IQA_AGREED, 5);     /* another portfolio */
	CHECK(!iqa_action_open(r, 6, 0));
	CHECK(!iqa_action_open(r, 6, 1));
	CHECK(!iqa_action_open(r, 6, 2));
	CHECK(!iqa_action_open(r, 6, 3));
	CHECK(iqa_action_open(r, 6, 4));
	CHECK(!iqa_action_open(r, 6, 5));
	CHECK(iqa_action_open(r, 3, 1));            /* the agreement not yet made */
	CHECK(iqa_action_open(r, 3, 2));
}

/* export_write's sink: appends to the struct buf given as data. */
static int to_buf(const char *text, size_t len, void *data)
{
	buf_put(data, text, len);
	return 0;
}

static void exported_as_json(void)
{
	struct buf text = BUF_INIT;
	struct xref x;
	json_t *json, *a, *q;

	centre(staff,
	       "l1,t,2026-03-04,LT,interim,referred,Thin,Observe 1.1,2026-04-01\n"
	       "l1,t,2026-04-04,LT,interim,agreed,,,\n"
	       "l2,t,2026-05-01,LT,summative,referred,,Sign the log,\n");
	judge_centre(&x, &model, &diags);
	CHECK_INT(export_write(&model, &x, NULL, to_buf, &text), 0);
	json = json_loadb(text.data, text.len, 0, NULL);
	buf_free(&text);
	CHECK(json != NULL);
	a = json_array_get(json_object_get(json, "assessors"), 2);
	CHECK_STR(json_string_value(json_object_get(a, "initials")), "LT");
	CHECK_STR(json_string_value(json_object_get(a, "role")), "iqa");
	CHECK(json_is_null(json_object_get(a, "risk")));
	CHECK_STR(json_string_value(json_object_get(a, "qualified")), "2015-03-01");
	a = json_array_get(json_object_get(json, "assessors"), 0);
	CHECK(json_is_null(json_object_get(a, "qualified")));
	CHECK_STR(json_string_value(json_object_get(a, "risk")), "medium");
	CHECK_INT(json_array_size(json_object_get(json, "iqa")), 3);
	q = json_array_get(json_object_get(json, "iqa"), 0);
	CHECK_STR(json_string_value(json_object_get(q, "due")), "2026-04-01");
	CHECK_STR(json_string_value(json_object_get(q, "decision")), "referred");
	CHECK(json_is_false(json_object_get(q, "action_open")));
	CHECK_INT(json_integer_value(json_object_get(q, "line")), 2);
	q = json_array_get(json_object_get(json, "iqa"), 1);
	CHECK(json_is_null(json_object_get(q, "feedback")));
	CHECK(json_is_null(json_object_get(q, "due")));
	q = json_array_get(json_object_get(json, "iqa"), 2);
	CHECK(json_is_true(json_object_get(q, "action_open")));
	CHECK_STR(json_string_value(json_object_get(q, "kind")), "summative");
	json_decref(json);
	xref_free(&x);
}

int main(void)
{
	RUN(assessors_are_read_and_sorted);
	RUN(assessor_errors_leave_the_row_out);
	RUN(unlisted_assessors_are_warned_once);
	RUN(sampling_defaults);
	RUN(sampling_from_folio_yml);
	RUN(sampling_errors);
	RUN(paths_from_folio_yml_and_options);
	RUN(iqa_records_are_read_and_sorted);
	RUN(iqa_errors_leave_the_row_out);
	RUN(iqa_warnings_keep_the_row);
	RUN(actions_open_until_agreed);
	RUN(exported_as_json);
	cleanup();
	return check_summary();
}
