/*
 * test_otj.c - apprenticeships: hours as written (base/hours.h), the
 * learners' programme columns, the off-the-job minimum by each funding
 * rule and the figures against the plan (judge/otj_check.h), reviews
 * (read/review.h) and the caseload's reasons and order
 * (judge/caseload.h), each with its expected result written out.
 */
#include "centre_texts.h"
#include "check.h"

#include "base/hours.h"
#include "read/model.h"
#include "judge/caseload.h"
#include "judge/otj_check.h"
#include "judge/judge.h"
#include "judge/xref.h"

#include <stdio.h>
#include <stdlib.h>

static struct model model;
static struct diag_list diags;
static struct xref x;

/* A standard with a published minimum of 278 hours, and a plain unit. */
static const char *const unit_s =
	"---\nid: s\ntitle: S\nnumber: \"ST0001\"\notj_hours: 278\n---\n"
	"## K Knowledge `knowledge`\n- K1 Knows\n- K2 Knows more\n"
	"## S Skills\n- S1 Does\n- S2 Does more\n";
static const char *const unit_u =
	"---\nid: u\ntitle: U\n---\n## 1 Do\n- 1.1 Do u\n";

static const char *const header =
	"learner,assessor,start,units,planned_end,otj_planned,otj_rpl,"
	"hours_per_week,status,end,breaks\n";

static void cleanup(void)
{
	xref_free(&x);
	memset(&x, 0, sizeof(x));
	model_free(&model);
	diag_list_free(&diags);
}

/* A centre of these learners (rows after the header), hours, evidence
 * and reviews, loaded and judged as every command does. */
static void load(const char *learners, const char *otj, const char *evidence,
		 const char *reviews, const char *config)
{
	struct model_paths paths = { .today = "2026-06-30" };
	char *text = malloc(strlen(header) + strlen(learners) + 1);

	cleanup();
	centre_reset();
	write_file("units/s.md", unit_s);
	write_file("units/u.md", unit_u);
	strcpy(text, header);
	strcat(text, learners);
	write_file("learners.csv", text);
	free(text);
	write_file("evidence/log.csv", evidence ? evidence :
		   "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n");
	if (otj)
		write_file("otj/log.csv", otj);
	if (reviews)
		write_file("reviews.csv", reviews);
	if (config)
		write_file("folio.yml", config);
	centre_use(&paths);
	model_load(&model, &paths, &diags);
	judge_centre(&x, &model, &diags);
}

static void check_messages(const char *expected)
{
	char *got = centre_messages(&diags);

	CHECK_STR(got, expected);
	free(got);
}

static const struct otj_progress *otj(const char *id)
{
	const struct learner *l = model_find_learner(&model, id);

	CHECK(l != NULL);
	return l ? otj_check_of(&x, l) : NULL;
}

/* A learner's reasons, one per line, "code: text". */
static char *reasons(const char *id)
{
	const struct learner *l = model_find_learner(&model, id);
	const struct caseload_learner *c = l ? caseload_of(&x, l) : NULL;
	struct buf out = BUF_INIT;

	for (size_t i = 0; c && i < c->nreasons; i++)
		buf_printf(&out, "%s: %s\n", caseload_code_name(c->reasons[i].code),
			   c->reasons[i].text);
	buf_put(&out, "", 0);
	return buf_detach(&out);
}

static void check_reasons(const char *id, const char *expected)
{
	char *got = reasons(id);

	CHECK_STR(got, expected);
	free(got);
}

/* ---- hours ------------------------------------------------------------- */

static void hours_as_written(void)
{
	static const struct { const char *text; long centi; } good[] = {
		{ "7.5", 750 }, { "0.25", 25 }, { "12", 1200 }, { "7,5", 750 },
		{ " 3 ", 300 }, { ".5", 50 }, { "10.05", 1005 }, { "0", 0 },
	};
	static const char *const bad[] = {
		"-3", "7.555", "", ".", "1e3", "abc", "3.", "+2", "1 000",
		"99999999999",
	};
	char text[HOURS_TEXT_SIZE];
	long centi;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		centi = -1;
		CHECK_INT(hours_parse(good[i].text, &centi), 0);
		CHECK_INT(centi, good[i].centi);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_INT(hours_parse(bad[i], &centi), -1);
	CHECK_STR(hours_format(750, text), "7.5");
	CHECK_STR(hours_format(25, text), "0.25");
	CHECK_STR(hours_format(1200, text), "12");
	CHECK_STR(hours_format(1005, text), "10.05");
	CHECK_STR(hours_format(-300, text), "-3");
	CHECK_INT(hours_round(12349), 12300);
	CHECK_INT(hours_round(12350), 12400);
}

/* ---- the minimum by each rule ------------------------------------------ */

static void minimum_by_start(void)
{
	const struct otj_progress *p;

	/* 364 days from start to planned end: 52.0 weeks less 5.6 x 364/365
	 * of leave is 46.4 weeks. */
	load("std,KM,2025-09-01,s,2026-08-31,300,20,37.5,,,\n"
	     "edge,KM,2025-08-01,s,2026-07-31,300,,,,,\n"
	     "wk-full,KM,2023-09-04,s,2024-09-02,300,,37.5,,,\n"
	     "wk-part,KM,2023-09-04,s,2024-09-02,300,,15,,,\n"
	     "wk-none,KM,2022-08-01,s,2023-07-31,300,,,,,\n"
	     "pc-full,KM,2021-03-01,s,2022-02-28,400,,37.5,,,\n"
	     "pc-none,KM,2022-07-31,s,2023-07-30,400,,,,,\n",
	     NULL, NULL, NULL, NULL);
	p = otj("std");
	CHECK_INT(p->regime, OTJ_REGIME_STANDARD);
	CHECK_INT(p->minimum, 25800);
	CHECK_STR(p->rule, "the standard's published minimum of 278 hours, "
		  "less 20 hours for prior learning");
	CHECK_INT(otj("edge")->regime, OTJ_REGIME_STANDARD);
	p = otj("wk-full");
	CHECK_INT(p->regime, OTJ_REGIME_WEEKLY);
	CHECK_INT(p->minimum, 27800);
	CHECK_STR(p->rule, "6 hours a week over 46.4 weeks (52.0 weeks from "
		  "start to planned end, less 5.6 weeks' leave a year)");
	p = otj("wk-part");
	CHECK_INT(p->minimum, 13900);
	CHECK_STR(p->rule, "6 hours a week, pro rata for 15 contracted hours "
		  "of 30 over 46.4 weeks (52.0 weeks from start to planned "
		  "end, less 5.6 weeks' leave a year)");
	CHECK_INT(otj("wk-none")->regime, OTJ_REGIME_WEEKLY);
	CHECK_INT(otj("wk-none")->minimum, 27800);
	p = otj("pc-full");
	CHECK_INT(p->regime, OTJ_REGIME_PERCENT);
	CHECK_INT(p->minimum, 34800);
	CHECK_STR(p->rule, "20% of 37.5 contracted hours a week over 46.4 "
		  "weeks (52.0 weeks from start to planned end, less 5.6 "
		  "weeks' leave a year)");
	CHECK_INT(otj("pc-none")->regime, OTJ_REGIME_PERCENT);
	CHECK_INT(otj("pc-none")->minimum, -1);
	check_messages(
		"centre/learners.csv:6: warning: learner wk-none: no `hours_per_week`: "
		"the off-the-job minimum for a start before 2025-08-01 is taken "
		"as for 30 or more contracted hours a week; give their hours if "
		"fewer\n"
		"centre/learners.csv:8: warning: learner pc-none: no `hours_per_week`: "
		"for a start before 2022-08-01 the off-the-job minimum is 20% of "
		"the contracted hours, so it cannot be judged without them\n");
}

static void planned_below_the_minimum(void)
{
	load("low,KM,2025-09-01,s,2026-08-31,250,,,,,\n"
	     "nostd,KM,2025-09-01,u,2026-08-31,250,,,,,\n"
	     "noend,KM,2024-01-08,s,,250,,37.5,,,\n"
	     "rpl,KM,2024-01-08,s,2025-01-06,300,15,37.5,,,\n",
	     NULL, NULL, NULL, NULL);
	check_messages(
		"centre/learners.csv:2: error: learner low: `otj_planned` 250 is below "
		"the off-the-job minimum of 278 hours, the standard's published "
		"minimum of 278 hours: plan at least the minimum\n"
		"centre/learners.csv:3: warning: learner nostd: none of their units "
		"gives `otj_hours`: fill it in the standard's front matter from "
		"its published off-the-job minimum\n"
		"centre/learners.csv:4: warning: learner noend: no `planned_end`: the "
		"off-the-job minimum for a start before 2025-08-01 is worked out "
		"over the practical period, so it needs one\n"
		"centre/learners.csv:5: warning: learner rpl: `otj_rpl` is left out: for "
		"a start before 2025-08-01 prior learning shortens the planned "
		"duration instead, so give the shorter planned_end\n");
	CHECK_INT(otj("low")->planned, 25000);
	CHECK_INT(otj("nostd")->minimum, -1);
	CHECK_INT(otj("nostd")->planned, 25000);
}

/* The settings move the rules: 5 hours a week, and the new rule later. */
static void rules_are_settings(void)
{
	load("a,KM,2025-09-01,s,2026-08-31,,,37.5,,,\n", NULL, NULL, NULL,
	     "otj:\n  standard_from: 2026-08-01\n  weekly_hours: 5\n"
	     "  leave_weeks: 0\n");
	CHECK_INT(otj("a")->regime, OTJ_REGIME_WEEKLY);
	CHECK_INT(otj("a")->minimum, 26000);   /* 52.0 weeks x 5 */
	load("a,KM,2025-09-01,s,2026-08-31,,,37.5,,,\n", NULL, NULL, NULL,
	     "otj:\n  weekly_hours: lots\n  percent: 120%\n  colour: red\n");
	check_messages(
		"centre/folio.yml:2: error: `otj.weekly_hours`: a number such as 6 or "
		"5.6 (at most two decimals), not `lots`\n"
		"centre/folio.yml:3: error: `otj.percent`: a percentage from 0% to "
		"100%, such as 20%\n"
		"centre/folio.yml:4: warning: unknown key `colour` in `otj` (known: "
		"standard_from, weekly_from, weekly_hours, full_time_hours, "
		"percent, leave_weeks)\n");
	CHECK_INT(otj("a")->minimum, 27800);
}

/* ---- the hours against the plan ---------------------------------------- */

static void expected_pace_forecast(void)
{
	const struct otj_progress *p;
	long planned = 0;

	/* 365 days planned, 181 of them gone by 2026-06-30. */
	load("a,KM,2026-01-01,s,2026-12-31,365,,,,,\n",
	     "learner,date,hours,activity,verified_by\n"
	     "a,2026-01-10,40,Workshop,KM\n"
	     "a,2026-03-02,50,Training day,\n"
	     "a,2026-07-01,8,Tomorrow,KM\n"
	     "a,2025-12-31,8,Before the start,KM\n",
	     NULL, NULL, NULL);
	p = otj("a");
	CHECK_INT(p->planned, 36500);
	CHECK_INT(p->actual, 9000);
	CHECK_INT(p->unverified, 5000);
	CHECK_INT(p->uncounted, 1600);
	CHECK_INT(p->expected, 18100);
	CHECK_INT(p->pace, 50);                 /* 90 / 181 */
	CHECK_INT(p->forecast, 18149);          /* 90 x 365 / 181 */
	CHECK_INT(p->nmonths, 12);
	CHECK_INT(p->months[0].planned, 3100);
	CHECK_INT(p->months[0].actual, 4000);
	CHECK_INT(p->months[2].actual, 5000);
	CHECK_INT(p->months[2].actual_total, 9000);
	CHECK_INT(p->months[5].planned_total, 18100);
	for (size_t i = 0; i < p->nmonths; i++)
		planned += p->months[i].planned;
	CHECK_INT(planned, 36500);
	CHECK_INT(p->months[11].planned_total, 36500);
	check_messages(
		"centre/otj/log.csv:4: warning: a: date 2026-07-01 is after today "
		"(2026-06-30), so these hours do not count: correct the date, or "
		"build with the right --today\n"
		"centre/otj/log.csv:5: warning: a: date 2025-12-31 is before the learner "
		"started (2026-01-01): hours before the start do not count\n");
}

/* An open break pauses the clock: its days so far are not counted, and
 * the planned end is agreed again on return. */
static void breaks_pause_the_clock(void)
{
	const struct otj_progress *p;

	load("a,KM,2026-01-01,s,2026-12-31,365,,,break,,2026-04-01..\n"
	     "b,KM,2026-01-01,s,2026-12-31,365,,,,,2026-02-01..2026-02-28\n"
	     "c,KM,2026-01-01,s,2026-12-31,365,,,withdrawn,2026-03-31,\n",
	     "learner,date,hours,activity\n"
	     "a,2026-05-01,5,In the break\n"
	     "b,2026-02-10,5,In the break\n"
	     "c,2026-04-01,5,After the end\n",
	     NULL, NULL, NULL);
	p = otj("a");
	CHECK_INT(p->expected, 11989);          /* 365 x 90 / 274 */
	CHECK_INT(p->uncounted, 500);
	p = otj("b");
	CHECK_INT(p->expected, 16571);          /* 365 x 153 / 337 */
	CHECK_INT(otj("c")->judged, otj("c")->months[2].first + 30);
	CHECK_INT(otj("c")->expected, 9000);    /* 90 days of 365 */
	check_messages(
		"centre/otj/log.csv:2: warning: a: date 2026-05-01 is in the learner's "
		"break in learning (from 2026-04-01): hours in a break do not "
		"count\n"
		"centre/otj/log.csv:3: warning: b: date 2026-02-10 is in the learner's "
		"break in learning (2026-02-01 to 2026-02-28): hours in a break "
		"do not count\n"
		"centre/otj/log.csv:4: warning: c: date 2026-04-01 is after the learner's "
		"end (2026-03-31): these hours do not count\n");
	check_reasons("a", "");       /* on a break: not chased */
	CHECK_INT(otj("a")->nmonths, 12);
	check_reasons("c", "");       /* withdrawn */
}

/* A start in the year 1 is a mistyped date: no 24,000 months of figures. */
static void months_have_a_limit(void)
{
	load("a,KM,0001-01-01,s,2026-12-31,300,,,,,\n", NULL, NULL, NULL, NULL);
	CHECK_INT(otj("a")->nmonths, 0);
	CHECK(otj("a")->expected > 0);
	check_messages(
		"centre/learners.csv:2: warning: learner a: no `hours_per_week`: "
		"for a start before 2022-08-01 the off-the-job minimum is 20% of "
		"the contracted hours, so it cannot be judged without them\n"
		"centre/learners.csv:2: warning: learner a: from `start` to "
		"`planned_end` is more than 240 months: is a date mistyped? The "
		"month-by-month figures are left out\n");
}

static void programme_errors(void)
{
	load("a,KM,2026-01-05,s,2025-12-01,,,,paused,,\n"
	     "b,KM,2026-01-05,s,,,,,,,2026-02-01-2026-03-01\n"
	     "c,KM,2026-01-05,s,,,,,,,2026-03-01..2026-04-01;2026-02-01..2026-02-10\n"
	     "d,KM,2026-01-05,s,,,,,withdrawn,,\n"
	     "e,KM,2026-01-05,s,,,,,,2026-03-01,\n"
	     "f,KM,2026-01-05,s,,,,,break,,\n"
	     "g,KM,2026-01-05,s,,lots,,,,,\n",
	     NULL, NULL, NULL, NULL);
	check_messages(
		"centre/learners.csv:2: error: `status` must be active, break, withdrawn "
		"or completed, not `paused`\n"
		"centre/learners.csv:2: error: learner a: `planned_end` 2025-12-01 is not "
		"after `start` 2026-01-05\n"
		"centre/learners.csv:3: error: `breaks`: write each break as FROM..TO, "
		"such as 2026-01-05..2026-02-28 (TO left out while the break goes "
		"on)\n"
		"centre/learners.csv:4: error: `breaks`: each break ends after it starts, "
		"and they are in date order without overlapping; an open one "
		"(FROM..) comes last\n"
		"centre/learners.csv:5: warning: learner d is withdrawn but has no `end`: "
		"give the date they left, or the hours and the caseload are judged "
		"up to today\n"
		"centre/learners.csv:6: warning: learner e has an `end` but their status "
		"is active: set `status` to completed or withdrawn\n"
		"centre/learners.csv:7: warning: learner f is on a break but `breaks` has "
		"no open one (FROM..): say when it started, or their time on it "
		"counts as learning\n"
		"centre/learners.csv:8: error: `otj_planned` must be a number of hours "
		"such as 7.5 (at most two decimals), not `lots`\n");
}

/* ---- reviews and the caseload ------------------------------------------ */

static const char *const reviews_file =
	"learner,date,by,next_review,otj_discussed\n"
	"agreed,2026-03-02,KM,2026-05-25,yes\n"
	"interval,2026-03-02,KM,,no\n"
	"recent,2026-06-01,KM,,\n"
	"future,2026-01-05,KM,,\n"
	"future,2026-07-20,KM,,\n";

static void reviews_due(void)
{
	load("agreed,KM,2026-01-05,u,,,,,,,\n"
	     "interval,KM,2026-01-05,u,,,,,,,\n"
	     "never,KM,2026-01-05,u,,,,,,,\n"
	     "recent,KM,2026-01-05,u,,,,,,,\n"
	     "future,KM,2026-01-05,u,,,,,,,\n",
	     NULL,
	     "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
	     "agreed,u,A,2026-06-20,O,1.1,,.,KM\n"
	     "interval,u,A,2026-06-20,O,1.1,,.,KM\n"
	     "never,u,A,2026-06-20,O,1.1,,.,KM\n"
	     "recent,u,A,2026-06-20,O,1.1,,.,KM\n"
	     "future,u,A,2026-06-20,O,1.1,,.,KM\n",
	     reviews_file, NULL);
	/* Complete portfolios: no other reason gets in the way. */
	check_reasons("agreed", "review-overdue: review due 2026-05-25 (agreed "
		      "at the review of 2026-03-02), 5 weeks overdue\n");
	check_reasons("interval", "review-overdue: last review 2026-03-02, 17 "
		      "weeks ago; due every 12 weeks\n");
	check_reasons("never", "review-overdue: no review since the start on "
		      "2026-01-05, 25 weeks ago; due every 12 weeks\n");
	check_reasons("recent", "");
	check_reasons("future", "review-overdue: last review 2026-01-05, 25 "
		      "weeks ago; due every 12 weeks\n");
	load("a,KM,2026-01-05,u,,,,,,,\n", NULL, NULL, reviews_file,
	     "reviews:\n  every_weeks: 30\n");
	check_reasons("a", "no-recent-evidence: no evidence since the start on "
		      "2026-01-05, 25 weeks of learning ago\n");
}

static void quiet_pauses_for_breaks(void)
{
	static const char *const evidence =
		"learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		"a,s,A,2026-03-01,O,K1,,.,KM\n"
		"b,s,B,2026-03-01,O,K1,,.,KM\n";

	load("a,KM,2026-01-05,s,,,,,,,2026-03-15..2026-06-15\n"
	     "b,KM,2026-01-05,s,,,,,,,\n", NULL, evidence, NULL, NULL);
	check_reasons("a", "");       /* 28 days of learning since */
	check_reasons("b", "no-recent-evidence: no evidence for 17 weeks of "
		      "learning: the last is dated 2026-03-01\n");
	load("a,KM,2026-01-05,s,,,,,,,2026-03-15..2026-06-15\n"
	     "b,KM,2026-01-05,s,,,,,,,\n", NULL, evidence, NULL,
	     "caseload:\n  quiet_weeks: 20\n");
	check_reasons("b", "");
}

static void the_order_of_the_caseload(void)
{
	size_t n, fine, *order;

	load("late,KM,2025-01-06,s,2026-01-05,,,37.5,,,\n"
	     "later,JR,2024-01-08,s,2025-01-06,,,37.5,,,\n"
	     "fine,KM,2026-06-01,u,,,,,,,\n"
	     "gone,KM,2026-01-05,u,,,,,completed,2026-06-01,\n"
	     "slow,km,2026-01-05,s,2026-12-31,,,,,,\n",
	     "learner,date,hours,activity\n"
	     "late,2025-03-01,100,Workshop\n"
	     "later,2024-03-01,300,Workshop\n"
	     "slow,2026-02-01,10,Workshop\n",
	     "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
	     "late,s,A,2026-06-01,O,K1 K2 S1,,.,KM\n"
	     "later,s,A,2026-06-01,O,K1 K2 S1 S2,,.,JR\n"
	     "slow,s,A,2026-06-01,O,K1,,.,KM\n",
	     NULL, NULL);
	check_reasons("late",
		"past-planned-end: planned end 2026-01-05 passed 25 weeks ago: "
		"record the end, or agree a new planned end\n"
		"otj-behind: off-the-job hours behind: 100 of 278 expected by now "
		"(36%), 100 of them unverified; 278 planned by 2026-01-05\n"
		"progress-behind: progress behind: 75% of criteria met (3 of 4), "
		"100% of the time from start to planned end gone\n");
	check_reasons("slow",
		"otj-behind: off-the-job hours behind: 10 of 136 expected by now "
		"(7%), 10 of them unverified; 278 planned by 2026-12-31\n"
		"progress-behind: progress behind: 25% of criteria met (1 of 4), "
		"49% of the time from start to planned end gone\n");
	order = caseload_list(&x, &model, NULL, &n, &fine);
	CHECK_INT(n, 3);
	CHECK_INT(fine, 1);
	if (n == 3) {
		CHECK_STR(model.learners[order[0]]->id, "later");
		CHECK_STR(model.learners[order[1]]->id, "late");
		CHECK_STR(model.learners[order[2]]->id, "slow");
	}
	free(order);
	order = caseload_list(&x, &model, "KM", &n, &fine);
	CHECK_INT(n, 2);                  /* late and slow, km in any case */
	CHECK_INT(fine, 1);
	free(order);
	CHECK(caseload_assessor_known(&model, "jr"));
	CHECK(!caseload_assessor_known(&model, "ZZ"));
}

/*
 * The loaders are done with the files' tables of records once the centre
 * is read (load_drop_records): every kept file has none left, and what
 * the model points into, the fields' text, is still there.
 */
static void records_dropped_after_loading(void)
{
	load("a,KM,2026-01-05,s,,,,,,,\n",
	     "learner,date,hours,activity,ksbs,note\n"
	     "a,2026-02-02,3,Workshop,K1,kept after loading\n",
	     NULL, reviews_file, NULL);
	CHECK(model.nfiles >= 3);         /* learners, hours, reviews */
	for (size_t i = 0; i < model.nfiles; i++) {
		CHECK_INT(model.files[i]->nrecords, 0);
		CHECK(model.files[i]->records == NULL);
		CHECK(model.files[i]->ncolumns > 0 && model.files[i]->header);
	}
	CHECK_INT(model.notj, 1);
	if (model.notj == 1 && model.otj[0].nextra == 1) {
		CHECK_STR(model.otj[0].extra[0].name, "note");
		CHECK_STR(model.otj[0].extra[0].value, "kept after loading");
	} else {
		CHECK(false);
	}
	CHECK_STR(model.otj[0].activity, "Workshop");
}

int main(void)
{
	RUN(hours_as_written);
	RUN(minimum_by_start);
	RUN(planned_below_the_minimum);
	RUN(rules_are_settings);
	RUN(expected_pace_forecast);
	RUN(breaks_pause_the_clock);
	RUN(months_have_a_limit);
	RUN(programme_errors);
	RUN(reviews_due);
	RUN(quiet_pauses_for_breaks);
	RUN(the_order_of_the_caseload);
	RUN(records_dropped_after_loading);
	cleanup();
	centre_reset();
	return check_summary();
}
