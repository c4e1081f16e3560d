/*
 * test_sample.c - the IQA's sampling plan, on small hand-made centres.
 *
 * Each test writes a centre into a temporary folder (one unit, learners,
 * evidence, and maybe assessors.csv, iqa.csv and folio.yml), loads and
 * cross-references it as folio would, and checks the plan: the CAMERA
 * coverage, the rates, the reasons, the exclusion of portfolios sampled
 * already, determinism for a seed, and narrowing to a visit's scope.
 */
#include "centre_texts.h"
#include "check.h"

#include "read/model.h"
#include "judge/sample.h"
#include "judge/scope.h"
#include "judge/xref.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static struct model model;
static struct xref xref;
static struct sample plan;
static struct diag_list diags;

static const char *const unit_t =
	"---\nid: t\ntitle: Tiny\noccasions: 1\nmethods: O Q WT PD\n---\n"
	"## 1 Do\n- 1.1 Do a thing `observe`\n- 1.2 Do another\n"
	"## 2 Know `knowledge`\n- 2.1 Know it\n- 2.2 Know more\n";

static const char *const evidence_header =
	"learner,unit,ref,date,method,criteria,requirements,summary,assessor,location\n";

static void cleanup(void)
{
	sample_free(&plan);
	xref_free(&xref);
	model_free(&model);
	diag_list_free(&diags);
	centre_reset();
}

/* Writes a centre; NULL files are left out.  Rows go to evidence/log.csv. */
static void write_centre(const char *config, const char *learners,
			 const char *rows, const char *assessors,
			 const char *iqa)
{
	char text[8192];

	cleanup();
	centre_reset();
	write_file("units/t.md", unit_t);
	write_file("folio.yml", config ? config : "today: 2026-06-30\n");
	write_file("learners.csv", learners);
	snprintf(text, sizeof(text), "%s%s", evidence_header, rows);
	write_file("evidence/log.csv", text);
	if (assessors)
		write_file("assessors.csv", assessors);
	if (iqa)
		write_file("iqa.csv", iqa);
}

static void load(void)
{
	struct model_paths paths = { 0 };

	centre_use(&paths);
	model_load(&model, &paths, &diags);
	xref_build(&xref, &model);
}

static void plan_centre(const char *config, const char *learners,
			const char *rows, const char *assessors, const char *iqa)
{
	write_centre(config, learners, rows, assessors, iqa);
	load();
	sample_plan(&plan, &model, &xref);
}

/* "l1/t l3/t": the plan's portfolios, in order. */
static const char *entries(const struct sample *s)
{
	static char text[1024];
	size_t used = 0;

	text[0] = '\0';
	for (size_t i = 0; i < s->nentries; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%s/%s",
			i ? " " : "", s->entries[i].portfolio->learner->id,
			s->entries[i].portfolio->unit->id);
	return text;
}

static const struct sample_entry *entry_for(const char *learner)
{
	for (size_t i = 0; i < plan.nentries; i++)
		if (strcmp(plan.entries[i].portfolio->learner->id, learner) == 0)
			return &plan.entries[i];
	return NULL;
}

static bool has_reason(const struct sample_entry *e, const char *reason)
{
	for (size_t i = 0; e && i < e->nreasons; i++)
		if (strcmp(e->reasons[i], reason) == 0)
			return true;
	return false;
}

/* "reason | reason" for failure messages. */
static const char *reasons(const struct sample_entry *e)
{
	static char text[2048];
	size_t used = 0;

	text[0] = '\0';
	for (size_t i = 0; e && i < e->nreasons; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%s",
					 i ? " | " : "", e->reasons[i]);
	return text;
}

/* CHECK(has_reason(e, reason)), listing e's reasons when it fails. */
#define CHECK_REASON(e, reason) do { \
	const struct sample_entry *ce_ = (e); \
	const char *cr_ = (reason); \
	if (!has_reason(ce_, cr_)) { \
		char m_[2400]; \
		snprintf(m_, sizeof m_, "%s has no reason \"%s\"; its reasons: %s", \
			 #e, cr_, reasons(ce_)); \
		check_report(__FILE__, __LINE__, m_); \
	} \
} while (0)

static const struct sample_value *find_value(enum sample_dimension d,
					     const char *label)
{
	for (size_t i = 0; i < plan.nvalues; i++)
		if (plan.values[i].dimension == d &&
		    strcmp(plan.values[i].label, label) == 0)
			return &plan.values[i];
	return NULL;
}

/* Every value some portfolio has is covered, now or by an earlier sample. */
static size_t uncovered_values(void)
{
	size_t n = 0;

	for (size_t i = 0; i < plan.nvalues; i++)
		n += plan.values[i].portfolios && plan.values[i].entry < 0 &&
		     !plan.values[i].before;
	return n;
}

static const struct sample_assessor *rate(const char *initials)
{
	for (size_t i = 0; i < plan.nassessors; i++)
		if (strcmp(plan.assessors[i].initials, initials) == 0)
			return &plan.assessors[i];
	return NULL;
}

/*
 * Two assessors: KM (low risk) with four similar learners and one who
 * alone has witness testimony; JR (high risk) with two learners in
 * another cohort, one of them at another location.  l7 has not started.
 */
static const char *const learners_two_assessors =
	"learner,name,cohort,assessor,units\n"
	"l1,Ann,C1,KM,t\nl2,Ben,C1,KM,t\nl3,Cat,C1,KM,t\nl4,Dan,C1,KM,t\n"
	"l5,Eve,C2,JR,t\nl6,Fay,C2,JR,t\nl7,Gus,C2,JR,t\n";

static const char *const rows_two_assessors =
	"l1,t,O/1,2026-02-01,O,1.1 1.2,,Seen,KM,Shop\n"
	"l2,t,O/1,2026-02-02,O,1.1 1.2,,Seen,KM,Shop\n"
	"l3,t,O/1,2026-02-03,O,1.1 1.2,,Seen,KM,Shop\n"
	"l4,t,O/1,2026-02-04,O,1.1 1.2,,Seen,KM,Shop\n"
	"l4,t,W/1,2026-02-05,WT,1.2,,Witness,KM,Shop\n"
	"l5,t,Q/1,2026-02-06,Q,2.1,,Asked,JR,Shop\n"
	"l6,t,O/1,2026-02-07,O,1.1 1.2 2.1,,Seen,JR,Warehouse\n";

static const char *const assessors_two =
	"initials,name,role,risk,qualified\n"
	"JR,Jo Reid,assessor,high,2026-01-01\n"
	"KM,Kim Moss,assessor,low,2019-05-01\n"
	"LT,Lee Tan,iqa,,2015-01-01\n";

static void camera_covers_every_dimension(void)
{
	plan_centre(NULL, learners_two_assessors, rows_two_assessors,
		    assessors_two, NULL);
	CHECK_INT(diags.errors, 0);
	CHECK_INT(plan.population, 6);
	CHECK_INT(plan.not_started, 1);
	CHECK_INT(uncovered_values(), 0);
	/* Both cohorts, both assessors, each method per assessor, both
	 * locations, the unit and its three criteria, the one log. */
	CHECK(find_value(SAMPLE_CANDIDATES, "cohort C1") != NULL);
	CHECK(find_value(SAMPLE_CANDIDATES, "cohort C2") != NULL);
	CHECK(find_value(SAMPLE_METHODS, "witness testimony (WT) by KM") != NULL);
	CHECK(find_value(SAMPLE_METHODS, "questioning (Q) by JR") != NULL);
	CHECK(find_value(SAMPLE_LOCATIONS, "assessed at Warehouse") != NULL);
	CHECK(find_value(SAMPLE_ELEMENTS, "evidence for t 2.1") != NULL);
	CHECK_INT(find_value(SAMPLE_METHODS, "observation (O) by KM")->portfolios, 4);
	/* Nobody has evidence for 2.2: listed, for the EQA, but unsampleable. */
	CHECK_INT(find_value(SAMPLE_ELEMENTS, "evidence for t 2.2")->portfolios, 0);
	CHECK_INT(find_value(SAMPLE_ELEMENTS, "evidence for t 2.2")->entry, -1);
	/* l4 alone has witness testimony: it must be in, and say why. */
	CHECK(entry_for("l4") != NULL);
	CHECK_REASON(entry_for("l4"), "only portfolio with witness testimony (WT) by KM");
	CHECK_REASON(entry_for("l6"), "only portfolio assessed at Warehouse");
	CHECK_REASON(entry_for("l5"), "only portfolio with questioning (Q) by JR");
	/* Not started: nothing to sample. */
	CHECK(entry_for("l7") == NULL);
	/* Every entry has a reason; every kind here is interim. */
	for (size_t i = 0; i < plan.nentries; i++) {
		CHECK(plan.entries[i].nreasons > 0);
		CHECK_STR(iqa_kind_name(plan.entries[i].kind), "interim");
	}
}

static void rates_follow_risk(void)
{
	plan_centre(NULL, learners_two_assessors, rows_two_assessors,
		    assessors_two, NULL);
	/* JR is high risk: 100% of 2.  KM is low: 25% of 4, rounded up, is 1,
	 * but CAMERA needs l4 (witness testimony) and a KM cohort-C1 portfolio
	 * anyway, so KM's rate is met without topping up. */
	CHECK_INT(rate("JR")->rate, 100);
	CHECK_INT(rate("JR")->target, 2);
	CHECK_INT(rate("JR")->planned, 2);
	CHECK_INT(rate("KM")->rate, 25);
	CHECK_INT(rate("KM")->portfolios, 4);
	CHECK_INT(rate("KM")->target, 1);
	CHECK_STR(entries(&plan), "l4/t l5/t l6/t");
	CHECK(!entry_for("l4")->by_rate);
}

static void rates_top_up_in_seeded_order(void)
{
	/* Medium is 50% here; KM's four are alike but for l4's witness. */
	plan_centre("today: 2026-06-30\nsampling:\n  low: 75%\n  seed: 7\n",
		    learners_two_assessors, rows_two_assessors, assessors_two, NULL);
	CHECK_INT(rate("KM")->rate, 75);
	CHECK_INT(rate("KM")->target, 3);
	CHECK_INT(rate("KM")->planned, 3);
	CHECK_INT(plan.nentries, 5);
	for (size_t i = 0; i < plan.nentries; i++)
		if (plan.entries[i].by_rate)
			CHECK_REASON(&plan.entries[i],
				     "KM's rate: 75% of 4 portfolios, low risk");
}

/*
 * Each step takes the largest gain as it is after the steps before: l2
 * covers more than l3 at first, but nothing once l1 is in, while l3
 * still brings its cohort, its criterion and Y.
 */
static void each_step_takes_the_largest_gain_left(void)
{
	plan_centre(NULL,
		    "learner,name,cohort,assessor,units\n"
		    "l1,A,C1,KM,t\nl2,B,C1,KM,t\nl3,C,C2,KM,t\n",
		    "l1,t,O/1,2026-02-01,O,1.1 1.2 2.2,,Seen,KM,X\n"
		    "l2,t,O/1,2026-02-02,O,1.1 1.2,,Seen,KM,Y\n"
		    "l3,t,O/1,2026-02-03,O,2.1,,Seen,KM,Y\n",
		    "initials,name,role,risk,qualified\n"
		    "KM,Kim Moss,assessor,low,2019-05-01\n", NULL);
	CHECK_INT(diags.errors, 0);
	CHECK_INT(uncovered_values(), 0);
	CHECK_INT(rate("KM")->target, 1);
	CHECK_STR(entries(&plan), "l1/t l3/t");
	CHECK_REASON(entry_for("l3"), "only portfolio in cohort C2");
}

/* The rows as "learner:reason|reason;" for comparing two plans whole. */
static void describe(const struct sample *s, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < s->nentries; i++)
		used += (size_t)snprintf(out + used, size - used, "%s:%s;",
			s->entries[i].portfolio->learner->id, reasons(&s->entries[i]));
}

static void same_seed_same_plan(void)
{
	static char first[4096], second[4096];
	char seen[8][64];
	size_t nseen = 0;

	plan_centre("today: 2026-06-30\nsampling:\n  low: 50%\n",
		    learners_two_assessors, rows_two_assessors, assessors_two, NULL);
	describe(&plan, first, sizeof(first));
	sample_free(&plan);
	sample_plan(&plan, &model, &xref);
	describe(&plan, second, sizeof(second));
	CHECK_STR(second, first);
	CHECK_INT(plan.seed, 1);
	/* Other seeds choose other fair plans: the top-up to 2 of KM's 4
	 * takes one of l1, l2, l3 in the seed's order. */
	for (uint64_t seed = 1; seed <= 12; seed++) {
		bool known = false;

		sample_free(&plan);
		model.config.sampling_seed = seed;
		sample_plan(&plan, &model, &xref);
		for (size_t i = 0; i < nseen; i++)
			known |= strcmp(seen[i], entries(&plan)) == 0;
		if (!known && nseen < 8)
			snprintf(seen[nseen++], sizeof(seen[0]), "%s", entries(&plan));
	}
	CHECK(nseen >= 2);
}

static void sampled_before_is_not_chosen_again(void)
{
	/* l4 was sampled and agreed: its witness testimony is covered by that
	 * sample, so it is not chosen again.  l6 was referred: chosen again. */
	plan_centre(NULL, learners_two_assessors, rows_two_assessors, assessors_two,
		    "learner,unit,date,iqa,kind,decision,feedback,action,due\n"
		    "l4,t,2026-03-01,LT,interim,agreed,Good,,\n"
		    "l6,t,2026-03-02,LT,interim,referred,Thin,Add a question,2026-04-01\n");
	CHECK_INT(diags.errors, 0);
	CHECK_INT(plan.before, 1);
	CHECK(entry_for("l4") == NULL);
	CHECK(find_value(SAMPLE_METHODS, "witness testimony (WT) by KM")->before != NULL);
	CHECK(entry_for("l6") != NULL);
	CHECK(entry_for("l6")->referral != NULL);
	CHECK_STR(entry_for("l6")->nreasons ? entry_for("l6")->reasons[0] : NULL,
		  "referred by LT on 2026-03-02: sample again");
	CHECK_INT(rate("KM")->before, 1);
	CHECK_INT(uncovered_values(), 0);
}

static void referred_then_agreed_is_done(void)
{
	plan_centre(NULL, learners_two_assessors, rows_two_assessors, assessors_two,
		    "learner,unit,date,iqa,kind,decision,feedback,action,due\n"
		    "l6,t,2026-04-20,LT,interim,agreed,Now fine,,\n"
		    "l6,t,2026-03-02,LT,interim,referred,Thin,Add a question,2026-04-01\n");
	CHECK(entry_for("l6") == NULL);
	CHECK_INT(plan.before, 1);
	/* JR's rate counts the earlier sample: 1 before + l5 = 2 of 2. */
	CHECK_INT(rate("JR")->before, 1);
	CHECK_INT(rate("JR")->planned, 1);
}

/* What an agreed sample showed counts first, even when a referred
 * portfolio comes earlier in the list: the referral is chosen for what
 * remains, and its reasons say only that. */
static void agreed_samples_count_before_referrals(void)
{
	plan_centre(NULL, "learner,cohort,assessor,units\nl1,X,KM,t\nl2,X,KM,t\n",
		    "l1,t,O/1,2026-02-01,O,1.1,,Seen,KM,Shop\n"
		    "l2,t,O/1,2026-02-02,O,1.1,,Seen,KM,Shop\n",
		    "initials,risk\nKM,low\nLT,\n",
		    "learner,unit,date,iqa,kind,decision,feedback,action,due\n"
		    "l1,t,2026-03-01,LT,interim,referred,Thin,Add more,2026-04-01\n"
		    "l2,t,2026-03-02,LT,interim,agreed,Fine,,\n");
	CHECK_STR(entries(&plan), "l1/t");
	CHECK(find_value(SAMPLE_CANDIDATES, "cohort X")->before != NULL);
	CHECK_INT(find_value(SAMPLE_CANDIDATES, "cohort X")->entry, -1);
	CHECK_INT(entry_for("l1")->nreasons, 1);
	CHECK_STR(entry_for("l1")->reasons[0], "referred by LT on 2026-03-01: sample again");
}

static void unlisted_assessor_is_high_risk(void)
{
	plan_centre("today: 2026-06-30\nsampling:\n  high: 50%\n",
		    learners_two_assessors, rows_two_assessors,
		    "initials,name,role,risk\nKM,Kim Moss,assessor,low\n", NULL);
	CHECK(rate("JR")->listed == NULL);
	CHECK_INT(rate("JR")->risk, RISK_UNKNOWN);
	CHECK_INT(rate("JR")->rate, 50);
	CHECK(diags.warnings > 0);
}

static void complete_portfolios_are_summative(void)
{
	/* l2 is complete (all three criteria, 1.1 observed): summative. */
	plan_centre(NULL, "learner,cohort,assessor,units\nl1,C1,KM,t\nl2,C1,KM,t\n",
		    "l1,t,O/1,2026-02-01,O,1.1,,Seen,KM,\n"
		    "l2,t,O/1,2026-02-01,O,1.1 1.2 2.1 2.2,,Seen,KM,\n",
		    "initials,risk\nKM,low\n", NULL);
	CHECK_STR(entries(&plan), "l1/t l2/t");
	CHECK_INT(entry_for("l2")->kind, IQA_SUMMATIVE);
	CHECK_REASON(entry_for("l2"), "only summative portfolio");
	CHECK_REASON(entry_for("l1"), "only interim portfolio");
}

static void scope_narrows_to_a_visit(void)
{
	struct scope s = { 0 };
	struct model narrow;
	struct xref nx = { 0 };
	struct sample np;

	write_centre(NULL, learners_two_assessors, rows_two_assessors,
		     assessors_two, NULL);
	load();
	scope_add_ids(&s.learners, &s.nlearners, "l5, l6,l7");
	CHECK_INT(s.nlearners, 3);
	CHECK(scope_check(&s, &model, &diags));
	scope_narrow(&s, &model, &narrow);
	CHECK_INT(narrow.nlearners, 3);
	CHECK_STR(narrow.learners[0]->id, "l5");
	CHECK_INT(narrow.nevidence, 2);
	xref_build(&nx, &narrow);
	sample_plan(&np, &narrow, &nx);
	CHECK_STR(entries(&np), "l5/t l6/t");
	sample_free(&np);
	xref_free(&nx);
	scope_model_free(&narrow);

	/* Since 2026-02-06: only l5 and l6 have evidence that recent. */
	scope_free(&s);
	s.has_since = true;
	s.since = 20490;   /* 2026-02-06: days since 1970-01-01 */
	scope_narrow(&s, &model, &narrow);
	CHECK_INT(narrow.nlearners, 2);
	CHECK_STR(narrow.learners[1]->id, "l6");
	scope_model_free(&narrow);

	/* Unknown ids are errors at the option. */
	s.has_since = false;
	scope_add_ids(&s.units, &s.nunits, "t nope");
	CHECK(!scope_check(&s, &model, &diags));
	CHECK_INT(diags.errors, 1);
	scope_free(&s);
}

int main(void)
{
	RUN(camera_covers_every_dimension);
	RUN(rates_follow_risk);
	RUN(rates_top_up_in_seeded_order);
	RUN(each_step_takes_the_largest_gain_left);
	RUN(same_seed_same_plan);
	RUN(sampled_before_is_not_chosen_again);
	RUN(referred_then_agreed_is_done);
	RUN(agreed_samples_count_before_referrals);
	RUN(unlisted_assessor_is_high_risk);
	RUN(complete_portfolios_are_summative);
	RUN(scope_narrows_to_a_visit);
	cleanup();
	return check_summary();
}
