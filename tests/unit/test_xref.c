/*
 * test_xref.c - the cross-reference rules, on small hand-made centres.
 *
 * Each test writes a centre into a fresh temporary folder (a tiny unit, a
 * learners file, one evidence file), loads it as folio would, and checks
 * the portfolios the rules give.
 */
#include "centre_texts.h"
#include "check.h"

#include "base/buf.h"
#include "read/model.h"
#include "judge/judge.h"
#include "judge/xref.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static struct model model;
static struct xref xref;
static struct diag_list diags;

/* Criteria 1.1 (observe) and 1.2 (performance), 2.1 (knowledge); 4a. */
static const char *const tiny_unit =
	"---\nid: t\ntitle: Tiny\noccasions: 2\nmethods: O Q WT PD\n%s---\n"
	"## 1 Do\n- 1.1 Do a thing `observe`\n- 1.2 Do another\n"
	"## 2 Know `knowledge`\n- 2.1 Know it\n"
	"## Evidence requirements\n### Cases\n- 4a a case\n";

static const char *const other_unit =
	"---\nid: a-first\ntitle: Sorted first\n---\n## 1 Do\n- 1.1 Do\n";

static const char *const header =
	"learner,unit,ref,date,method,criteria,requirements,summary,assessor,simulated\n";

static void cleanup(void)
{
	xref_free(&xref);
	model_free(&model);
	diag_list_free(&diags);
	centre_reset();
}

/* Loads a centre whose unit has the extra front matter and these rows. */
static const struct portfolio *centre(const char *front, const char *rows)
{
	char text[1024];
	struct model_paths paths = { 0 };

	cleanup();
	centre_reset();
	paths.today = "2026-06-30";
	snprintf(text, sizeof(text), tiny_unit, front);
	write_file("units/t.md", text);
	write_file("units/a.md", other_unit);
	write_file("learners.csv", "learner,name,start,units\nl1,Lee,2026-01-01,t\n");
	snprintf(text, sizeof(text), "%s%s", header, rows);
	write_file("evidence/log.csv", text);
	centre_use(&paths);
	model_load(&model, &paths, &diags);
	xref_build(&xref, &model);
	return xref.nportfolios ? &xref.portfolios[xref.nportfolios - 1] : NULL;
}

static const char *gaps(const struct portfolio *p)
{
	static char text[1024];
	size_t used = 0;

	text[0] = '\0';
	for (size_t i = 0; p && i < p->ngaps; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%s %s",
			i ? ", " : "", xref_gap_name(p->gaps[i].code),
			p->gaps[i].target ? p->gaps[i].target : "-");
	return text;
}

static void everything_met_is_complete(void)
{
	const struct portfolio *p = centre("",
		"l1,t,O/1,2026-02-01,O,1.1 1.2,4a,Observed,KM,\n"
		"l1,t,O/2,2026-02-08,O,1.1,,Observed again,KM,\n"
		"l1,t,Q/1,2026-02-09,Q,2.1,,Questions,KM,\n");

	CHECK_INT(diags.count, 0);
	CHECK_STR(xref_status_name(p->status), "complete");
	CHECK_INT(p->percent, 100);
	CHECK_INT(p->met, 3);
	CHECK_INT(p->occasions, 2);
	CHECK_STR(gaps(p), "");
	CHECK_INT(p->criteria[0].nevidence, 2);
	CHECK_STR(p->criteria[0].evidence[1]->ref, "O/2");
	CHECK_INT(p->nrows, 3);
}

static void no_rows_is_not_started(void)
{
	const struct portfolio *p = centre("", "");

	CHECK_STR(xref_status_name(p->status), "not-started");
	CHECK_INT(p->percent, 0);
	CHECK_STR(gaps(p), "missing-evidence 1.1, missing-evidence 1.2, "
		  "missing-evidence 2.1, requirement-uncovered 4a, too-few-occasions -");
	CHECK_STR(p->gaps[0].message, "criterion 1.1 has no evidence yet: Do a thing");
	CHECK_STR(p->gaps[3].message, "requirement 4a has no evidence yet: a case");
	CHECK_STR(p->gaps[4].message,
		  "there is no performance evidence yet; the unit needs 2 different occasions");
	CHECK(p->registered);
}

static void percent_rounds_down(void)
{
	const struct portfolio *p = centre("", "l1,t,Q/1,2026-02-01,Q,1.2 2.1,,Q,KM,\n");

	CHECK_STR(xref_status_name(p->status), "in-progress");
	CHECK_INT(p->met, 2);
	CHECK_INT(p->percent, 66);
}

static void observe_needs_method_o(void)
{
	const struct portfolio *p = centre("",
		"l1,t,WT/1,2026-02-01,WT,1.1,,Witness,KM,\n"
		"l1,t,Q/1,2026-02-02,Q,1.1,,Questions,KM,\n");

	CHECK(!p->criteria[0].met);
	CHECK_INT(p->criteria[0].nevidence, 2);
	CHECK_STR(p->gaps[0].message,
		  "criterion 1.1 must be observed; so far its evidence is WT, Q only: Do a thing");
	/* Simulated observation does not make it observed. */
	p = centre("", "l1,t,S/1,2026-02-01,O,1.1,,Role play,KM,yes\n"
		   "l1,t,Q/1,2026-02-02,Q,1.1,,Questions,KM,\n");
	CHECK_STR(p->gaps[0].message, "criterion 1.1 must be observed; so far its evidence "
		  "is Q only (not counted: S/1 is simulated, which the unit does not accept): Do a thing");
	CHECK_INT(p->gaps[0].code, XREF_NEEDS_OBSERVATION);
	CHECK_STR(p->gaps[1].target, "1.2");
	CHECK_INT(p->gaps[1].code, XREF_MISSING_EVIDENCE);
}

static void simulated_counts_only_for_knowledge(void)
{
	const struct portfolio *p = centre("",
		"l1,t,S/1,2026-02-01,O,1.1 1.2 2.1,4a,Role play,KM,yes\n");

	CHECK(!p->criteria[0].met);
	CHECK(!p->criteria[1].met);
	CHECK(p->criteria[2].met);
	CHECK(!p->requirements[0].met);
	CHECK_INT(p->occasions, 0);
	CHECK_INT(xref_row_counts(p->rows[0]), XREF_COUNTS_FOR_KNOWLEDGE);
	CHECK_STR(xref_status_name(p->status), "in-progress");
	CHECK_INT(diags.warnings, 1);
	CHECK_STR(diags.items[0].message, "l1 t, S/1: simulated evidence: unit t does not "
		  "allow simulation, so it counts only for knowledge criteria");
	CHECK_STR(p->gaps[0].message, "criterion 1.1 has no evidence that counts yet "
		  "(not counted: S/1 is simulated, which the unit does not accept): Do a thing");
	CHECK_STR(p->gaps[2].message, "requirement 4a has no evidence that counts yet "
		  "(not counted: S/1 is simulated, which the unit does not accept): a case");
	CHECK_INT(p->criteria[0].nuncounted, 1);
	CHECK_INT(p->criteria[2].nuncounted, 0);
}

static void simulation_allowed_counts(void)
{
	const struct portfolio *p = centre("simulation: true\n",
		"l1,t,S/1,2026-02-01,O,1.1 1.2,4a,Role play,KM,yes\n");

	CHECK(p->criteria[0].met && p->criteria[1].met && p->requirements[0].met);
	CHECK_INT(p->occasions, 1);
	CHECK_INT(diags.count, 0);
}

static void disallowed_method_never_counts(void)
{
	const struct portfolio *p = centre("",
		"l1,t,W/1,2026-02-01,WP,1.2 2.1,4a,Work product,KM,\n");

	CHECK(!p->criteria[1].met && !p->criteria[2].met && !p->requirements[0].met);
	CHECK_INT(p->nrows, 1);
	CHECK_INT(xref_row_counts(p->rows[0]), XREF_COUNTS_NOT);
	CHECK_STR(xref_status_name(p->status), "in-progress");
	CHECK_STR(diags.items[0].message,
		  "l1 t, W/1: method WP is not allowed by unit t, so this evidence does not count");
	CHECK_STR(p->gaps[1].message, "criterion 1.2 has no evidence that counts yet "
		  "(not counted: W/1 uses WP, which the unit does not allow): Do another");
}

static void occasions_are_distinct_performance_dates(void)
{
	/* Two rows on one date, and a knowledge-only row on another. */
	const struct portfolio *p = centre("",
		"l1,t,O/1,2026-02-01,O,1.1,4a,Observed,KM,\n"
		"l1,t,O/2,2026-02-01,O,1.2,,Observed,KM,\n"
		"l1,t,Q/1,2026-03-01,Q,2.1,,Questions,KM,\n");

	CHECK_INT(p->occasions, 1);
	CHECK_INT(p->met, 3);
	CHECK_STR(gaps(p), "too-few-occasions -");
	CHECK_STR(xref_status_name(p->status), "in-progress");
	CHECK_STR(p->gaps[0].message,
		  "performance evidence is from 1 date; the unit needs 2 different occasions");
}

static void requirement_needs_counting_row(void)
{
	const struct portfolio *p = centre("",
		"l1,t,O/1,2026-02-01,O,1.1 1.2,,Observed,KM,\n"
		"l1,t,O/2,2026-02-02,O,1.1,,Observed,KM,\n"
		"l1,t,Q/1,2026-02-03,Q,2.1,,Questions,KM,\n");

	CHECK_INT(p->met, 3);
	CHECK_STR(gaps(p), "requirement-uncovered 4a");
	CHECK_STR(xref_status_name(p->status), "in-progress");
}

static void portfolios_are_registered_and_evidenced_units(void)
{
	centre("", "l1,a-first,O/1,2026-02-01,O,1.1,,Observed,KM,\n");

	CHECK_INT(xref.nportfolios, 2);
	CHECK_STR(xref.portfolios[0].unit->id, "a-first");
	CHECK_STR(xref_status_name(xref.portfolios[0].status), "complete");
	CHECK_STR(xref.portfolios[1].unit->id, "t");
	CHECK_STR(xref_status_name(xref.portfolios[1].status), "not-started");
	CHECK_STR(diags.items[0].message, "l1 a-first, O/1: the learner is not registered on unit a-first");
	CHECK(!xref.portfolios[0].registered);
	CHECK(xref.portfolios[1].registered);
}

static void rows_ordered_by_date_then_ref(void)
{
	const struct portfolio *p = centre("",
		"l1,t,B,2026-03-01,O,1.1,,x,KM,\n"
		"l1,t,C,2026-02-01,O,1.1,,x,KM,\n"
		"l1,t,A,2026-03-01,O,1.1,,x,KM,\n");

	CHECK_STR(p->rows[0]->ref, "C");
	CHECK_STR(p->rows[1]->ref, "A");
	CHECK_STR(p->rows[2]->ref, "B");
}

static void rows_with_errors_are_left_out(void)
{
	const struct portfolio *p = centre("",
		"l1,t,O/1,2026-02-30,O,1.1,,bad date,KM,\n"
		"l1,t,O/2,2026-02-01,O,1.1 9.9,,unknown criterion,KM,\n"
		"l1,t,O/3,2026-02-02,O,1.2,,good,KM,\n"
		"l1,t,O/3,2026-02-03,O,1.1,,duplicate ref,KM,\n");

	CHECK_INT(diags.errors, 3);
	CHECK_INT(p->nrows, 1);
	CHECK_STR(p->rows[0]->ref, "O/3");
	CHECK(!p->criteria[0].met && p->criteria[1].met);
}

/* Two cross-references agree on every portfolio, field by field. */
static size_t differences(const struct xref *a, const struct xref *b)
{
	size_t n = a->nportfolios != b->nportfolios;

	for (size_t i = 0; !n && i < a->nportfolios; i++) {
		const struct portfolio *p = &a->portfolios[i], *q = &b->portfolios[i];

		n += p->learner != q->learner || p->unit != q->unit ||
		     p->status != q->status || p->percent != q->percent ||
		     p->met != q->met || p->occasions != q->occasions ||
		     p->nrows != q->nrows || p->ngaps != q->ngaps ||
		     p->registered != q->registered;
		for (size_t g = 0; !n && g < p->ngaps; g++)
			n += p->gaps[g].code != q->gaps[g].code ||
			     strcmp(p->gaps[g].message, q->gaps[g].message) != 0;
		for (size_t c = 0; !n && c < p->unit->ncriteria; c++)
			n += p->criteria[c].met != q->criteria[c].met ||
			     p->criteria[c].nevidence != q->criteria[c].nevidence ||
			     p->criteria[c].nuncounted != q->criteria[c].nuncounted;
		for (size_t r = 0; !n && r < p->nrows; r++)
			n += p->rows[r] != q->rows[r];
	}
	return n;
}

/*
 * 700 learners, enough for xref_build to judge on several threads: the
 * result is the same as on one, for every portfolio.
 */
static void threads_judge_as_one_does(void)
{
	static const char *const methods[] = { "O", "Q", "WT", "XX" };
	struct model_paths paths = { 0 };
	struct buf learners = BUF_INIT, rows = BUF_INIT;
	struct xref one, many;
	char unit[1024];

	cleanup();
	centre_reset();
	snprintf(unit, sizeof(unit), tiny_unit, "");
	write_file("units/t.md", unit);
	write_file("units/a.md", other_unit);
	buf_puts(&learners, "learner,units\n");
	buf_puts(&rows, header);
	for (unsigned i = 0; i < 700; i++) {
		buf_printf(&learners, "l%03u,%s\n", i, i % 3 ? "t" : "t;a-first");
		for (unsigned k = 0; k < i % 7; k++)
			buf_printf(&rows, "l%03u,%s,R/%u,2026-02-%02u,%s,%s,%s,x,KM,%s\n",
				   i, k == 3 ? "a-first" : "t", k, 1 + (i + k) % 27,
				   methods[(i + k) % 4], k % 2 ? "1.1 2.1" : "1.2",
				   k == 2 ? "4a" : "", (i + k) % 5 ? "" : "yes");
	}
	write_file("learners.csv", buf_cstr(&learners));
	write_file("evidence/log.csv", buf_cstr(&rows));
	buf_free(&learners);
	buf_free(&rows);
	centre_use(&paths);
	paths.today = "2026-06-30";
	model_load(&model, &paths, &diags);
	CHECK_INT(model.nlearners, 700);
	xref_build_threads(&one, &model, 1);
	xref_build_threads(&many, &model, 4);
	CHECK(one.nportfolios > 900);
	CHECK_INT(differences(&one, &many), 0);
	xref_free(&one);
	xref_free(&many);
}

/*
 * Learners with no units and no evidence yet, as in a centre being set
 * up: no portfolio to judge, and the judging after the portfolios (the
 * sign-offs, the qualifications, the hours, the caseload) still has its
 * arena, where it crashed for want of one.  Each is warned of.
 */
static void learners_without_portfolios_are_judged(void)
{
	struct model_paths paths = { 0 };
	char *text;

	cleanup();
	centre_reset();
	write_file("units/a.md", other_unit);
	write_file("learners.csv", "learner,name,start,units\n"
		   "l1,Lee,2026-01-01,\nl2,Kim,2026-02-01,\n");
	centre_use(&paths);
	paths.today = "2026-06-30";
	model_load(&model, &paths, &diags);
	CHECK_INT(model.nlearners, 2);
	judge_centre(&xref, &model, &diags);
	CHECK_INT(xref.nportfolios, 0);
	CHECK(xref.narenas >= 1 && xref.arenas[0] != NULL);
	CHECK(xref.otj != NULL);
	CHECK(xref.attention != NULL);
	text = centre_messages(&diags);
	CHECK_STR(text, "centre/learners.csv:2: warning: learner l1 is "
		  "registered on no unit: list their units in `units`, or "
		  "their `qualification`\n"
		  "centre/learners.csv:3: warning: learner l2 is registered on "
		  "no unit: list their units in `units`, or their "
		  "`qualification`\n");
	free(text);
}

int main(void)
{
	RUN(everything_met_is_complete);
	RUN(no_rows_is_not_started);
	RUN(percent_rounds_down);
	RUN(observe_needs_method_o);
	RUN(simulated_counts_only_for_knowledge);
	RUN(simulation_allowed_counts);
	RUN(disallowed_method_never_counts);
	RUN(occasions_are_distinct_performance_dates);
	RUN(requirement_needs_counting_row);
	RUN(portfolios_are_registered_and_evidenced_units);
	RUN(rows_ordered_by_date_then_ref);
	RUN(rows_with_errors_are_left_out);
	RUN(threads_judge_as_one_does);
	RUN(learners_without_portfolios_are_judged);
	cleanup();
	return check_summary();
}
