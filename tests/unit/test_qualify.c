/*
 * test_qualify.c - qualifications: their files (read/qualification.h),
 * learners on them, the rules of combination and each learner's progress
 * (judge/qualify.h), and the claims per qualification (judge/claims.h),
 * each rule with its expected result and message.
 */
#include "centre_texts.h"
#include "check.h"

#include "base/buf.h"
#include "base/date.h"
#include "read/model.h"
#include "judge/claims.h"
#include "judge/digest.h"
#include "judge/qualify.h"
#include "judge/signoff_check.h"
#include "judge/xref.h"

#include <stdio.h>
#include <stdlib.h>

static struct model model;
static struct diag_list diags;
static struct xref x;

/* Units of 3, 2 and 4 credits, and one with none. */
static const char *const unit_a =
	"---\nid: a\ntitle: A\ncredit: 3\n---\n## 1 Do\n- 1.1 Do a\n";
static const char *const unit_b =
	"---\nid: b\ntitle: B\ncredit: 2\n---\n## 1 Do\n- 1.1 Do b\n";
static const char *const unit_c =
	"---\nid: c\ntitle: C\ncredit: 4\n---\n## 1 Do\n- 1.1 Do c\n";
static const char *const unit_n =
	"---\nid: n\ntitle: N\n---\n## 1 Do\n- 1.1 Do n\n";

/* a mandatory; two of b, c and n... but n has no credit, so only b, c
 * for the credits; at least 5 credits in all. */
static const char *const qual_q =
	"---\n"
	"id: q\n"
	"title: Certificate Q\n"
	"number: 600/1234/5\n"
	"level: 2\n"
	"credits: 7\n"
	"groups:\n"
	"  - id: A\n"
	"    title: Mandatory\n"
	"    units: [a]\n"
	"  - id: B\n"
	"    units: [b, c]\n"
	"    min_credits: 4\n"
	"    max_units: 1\n"
	"barred:\n"
	"  - [b, c]\n"
	"---\n"
	"Notes on *Q*.\n";

static const char *const everyone_a =
	"learner,unit,ref,date,method,criteria,requirements,summary,assessor\n";

static int32_t date_of(const char *text)
{
	int32_t day = 0;

	CHECK_INT(date_parse(text, &day), 0);
	return day;
}

static void cleanup(void)
{
	xref_free(&x);
	memset(&x, 0, sizeof(x));
	model_free(&model);
	diag_list_free(&diags);
}

/* The centre as it stands in the texts, loaded and judged. */
static void reload(void)
{
	struct model_paths paths = { .today = "2026-06-30" };

	cleanup();
	centre_use(&paths);
	model_load(&model, &paths, &diags);
	xref_build(&x, &model);
	signoff_check(&x, &model, &diags);
	qualify_check(&x, &model, &diags);
}

static void load(const char *qualification, const char *learners,
		 const char *evidence, const char *signoffs)
{
	cleanup();
	centre_reset();
	write_file("units/a.md", unit_a);
	write_file("units/b.md", unit_b);
	write_file("units/c.md", unit_c);
	write_file("units/n.md", unit_n);
	if (qualification)
		write_file("qualifications/q.md", qualification);
	write_file("learners.csv", learners);
	write_file("evidence/log.csv", evidence ? evidence : everyone_a);
	write_file("assessors.csv", "initials,name,role,risk\nKM,Karen Moss,assessor,low\n");
	if (signoffs)
		write_file("signoffs.csv", signoffs);
	reload();
}

static void check_messages(const char *expected)
{
	char *got = centre_messages(&diags);

	CHECK_STR(got, expected);
	free(got);
}

static const struct qualify_progress *progress(const char *learner)
{
	const struct learner *l = model_find_learner(&model, learner);
	size_t n = 0;
	const struct qualify_progress *q = l ? qualify_of(&x, l, &n) : NULL;

	CHECK_INT(n, 1);
	return n ? q : NULL;
}

/* The words of what is needed, one per line. */
static char *needed(const struct qualify_progress *q)
{
	struct buf out = BUF_INIT;

	for (size_t i = 0; q && i < q->nneeded; i++)
		buf_printf(&out, "%s\n", q->needed[i]);
	buf_put(&out, "", 0);
	return buf_detach(&out);
}

static void check_needed(const char *learner, enum qualify_status status,
			 long credits, const char *expected)
{
	const struct qualify_progress *q = progress(learner);
	char *got = needed(q);

	if (q) {
		CHECK_STR(qualify_status_name(q->status),
			  qualify_status_name(status));
		CHECK_INT(q->credits, credits);
	}
	CHECK_STR(got, expected);
	free(got);
}

static void the_file_as_read(void)
{
	const struct qualification *q;

	load(qual_q, "learner,qualification\nl1,q\n", NULL, NULL);
	check_messages("");
	CHECK_INT(model.nqualifications, 1);
	q = model_find_qualification(&model, "q");
	CHECK(q != NULL);
	if (!q)
		return;
	CHECK_STR(q->title, "Certificate Q");
	CHECK_STR(q->number, "600/1234/5");
	CHECK_STR(q->level, "2");
	CHECK_INT(q->credits, 7);
	CHECK_INT(q->glh, -1);
	CHECK_INT(q->ngroups, 2);
	CHECK(q->groups[0].mandatory);
	CHECK(!q->groups[1].mandatory);
	CHECK_INT(q->groups[1].min_credits, 4);
	CHECK_INT(q->groups[1].max_units, 1);
	CHECK_INT(q->groups[1].min_units, -1);
	CHECK_INT(q->groups[1].nunits, 2);
	CHECK_STR(q->groups[1].units[1]->id, "c");
	CHECK_INT(q->nbarred, 1);
	CHECK_INT(q->barred[0].nunits, 2);
	CHECK_INT(q->nmandatory, 1);
	CHECK_STR(q->mandatory[0]->id, "a");
	CHECK_STR(q->notes_html, "<p>Notes on <em>Q</em>.</p>\n");
	CHECK_INT(q->notes_blocks.count, 1);
}

/* With a qualification and no units, a learner takes its mandatory ones. */
static void mandatory_units_by_default(void)
{
	const struct learner *l;

	load(qual_q, "learner,units,qualification\nl1,,q\nl2,a;b,q\n", NULL,
	     NULL);
	check_messages("");
	l = model_find_learner(&model, "l1");
	CHECK_INT(l->nunits, 1);
	CHECK_STR(l->units[0]->id, "a");
	CHECK(l->units_default);
	l = model_find_learner(&model, "l2");
	CHECK_INT(l->nunits, 2);
	CHECK(!l->units_default);
	CHECK_INT(l->nqualifications, 1);
}

static void errors_in_the_file(void)
{
	load("---\n"
	     "id: q\n"
	     "title: Q\n"
	     "credits: 5\n"
	     "groups:\n"
	     "  - id: A\n"
	     "    units: [a, zz]\n"
	     "  - id: A\n"
	     "    units: [a, n]\n"
	     "    min_units: 3\n"
	     "    max_units: 1\n"
	     "  - title: no id\n"
	     "    units: [b]\n"
	     "  - id: D\n"
	     "    min_credits: 1\n"
	     "    colour: red\n"
	     "  - {units: [b, zz], id: E}\n"
	     "  - {id: F, units: []}\n"
	     "barred:\n"
	     "  - [b]\n"
	     "  - b\n"
	     "---\n",
	     "learner\n", NULL, NULL);
	check_messages(
		"centre/qualifications/q.md:7: error: unknown unit `zz` in group A: no unit specification has this id\n"
		"centre/qualifications/q.md:8: error: group A: min_units 3 is more than max_units 1\n"
		"centre/qualifications/q.md:8: error: group A: min_units 3 can never be met: it has 2 units\n"
		"centre/qualifications/q.md:8: error: duplicate group id `A` (first on line 6)\n"
		"centre/qualifications/q.md:9: error: unit `a` is in group A already (line 7): a unit counts in one group only\n"
		"centre/qualifications/q.md:9: error: unit `n` has no `credit` (centre/units/n.md:2), and this qualification counts credits: give the unit its credit value\n"
		"centre/qualifications/q.md:12: error: a group needs an `id`, such as `id: A`\n"
		"centre/qualifications/q.md:14: error: group D lists no `units`\n"
		"centre/qualifications/q.md:16: warning: unknown key `colour` in a group (known: id, title, units, min_units, max_units, min_credits, max_credits)\n"
		"centre/qualifications/q.md:17: error: unknown unit `zz` in a group: no unit specification has this id\n"
		"centre/qualifications/q.md:18: error: group F lists no `units`\n"
		"centre/qualifications/q.md:20: error: a barred set needs two units or more\n"
		"centre/qualifications/q.md:21: error: each item of `barred` must be a list of units that may not be combined, such as [ocr-c3, ocr-354]\n");
}

/* Qualification q, needing `credits`, with group A (unit a) and then
 * the groups given, as YAML flow mappings, one a line. */
static void load_credits(const char *credits, const char *groups)
{
	char text[1024];

	snprintf(text, sizeof(text), "---\nid: q\ntitle: Q\ncredits: %s\n"
		 "groups:\n  - {id: A, units: [a]}\n%s---\n", credits, groups);
	load(text, "learner\n", NULL, NULL);
}

/*
 * Credit no learner could reach, as the units' credits stand (a 3, b 2,
 * c 4): a group's min_credits above its best max_units, or capped by
 * its max_credits; the qualification's credits above every group's most.
 * Exactly reachable totals are no error, and a file with errors already
 * (here b and c in two groups) is not judged for it.
 */
static void credits_that_can_never_be_met(void)
{
	load_credits("12",
		     "  - {id: B, units: [b, c], max_units: 1, min_credits: 5}\n"
		     "  - {id: C, units: [b, c], max_credits: 3, min_credits: 3}\n");
	check_messages(
		"centre/qualifications/q.md:8: error: unit `b` is in group B already (line 7): a unit counts in one group only\n"
		"centre/qualifications/q.md:8: error: unit `c` is in group B already (line 7): a unit counts in one group only\n");
	load_credits("12",
		     "  - {id: B, units: [b, c], max_units: 1, min_credits: 5}\n");
	check_messages(
		"centre/qualifications/q.md:4: error: `credits` 12 can never be met: the units of the groups give at most 7\n"
		"centre/qualifications/q.md:7: error: group B: min_credits 5 can never be met: its units give at most 4\n");
	load_credits("6",
		     "  - {id: B, units: [b, c], max_credits: 3, min_credits: 3}\n");
	check_messages("");
}

static void duplicate_and_unknown_qualifications(void)
{
	struct model_paths paths = { .today = "2026-06-30" };

	cleanup();
	centre_reset();
	write_file("units/a.md", unit_a);
	write_file("qualifications/q.md", "---\nid: q\ntitle: Q\ngroups:\n"
		   "  - {id: A, units: [a]}\n---\n");
	write_file("qualifications/r.md", "---\nid: q\ntitle: R\ngroups:\n"
		   "  - {id: A, units: [a]}\n---\n");
	write_file("qualifications/s.md", "---\ntitle: S\n---\n");
	write_file("qualifications/t.md", "---\nid: Q\ntitle: T\ngroups:\n"
		   "  - {id: A, units: [a]}\n---\n");
	write_file("learners.csv", "learner,qualification\nl1,q;nope;q\n");
	centre_use(&paths);
	model_load(&model, &paths, &diags);
	check_messages(
		"centre/qualifications/r.md:2: error: duplicate qualification id `q`: centre/qualifications/q.md:2 has it already\n"
		"centre/qualifications/s.md:1: error: the front matter has no `id`: add one such as `id: cs-l2`\n"
		"centre/qualifications/s.md:1: error: the qualification has no `groups`: list its units in groups, such as `- {id: A, title: Mandatory, units: [ocr-c3]}`\n"
		"centre/qualifications/t.md:2: error: qualification ids `Q` and `q` (centre/qualifications/q.md:2) differ only in case: one is easily taken for the other; rename one\n"
		"centre/learners.csv:2: error: learner l1: unknown qualification `nope`: no qualification file (qualifications/*.md) has this id\n"
		"centre/learners.csv:2: warning: learner l1: qualification `q` is listed twice\n");
	CHECK_INT(model.nqualifications, 1);
}

/* Barred units and a group's max_units, at the learner's line. */
static void the_learners_choice(void)
{
	load(qual_q, "learner,units,qualification\n"
		     "l1,a;b;c,q\n"
		     "l2,b,q\n"
		     "l3,a;n,q\n", NULL, NULL);
	check_messages(
		"centre/learners.csv:2: error: learner l1: units b and c may not be combined on qualification q (barred at centre/qualifications/q.md:16): take one of them\n"
		"centre/learners.csv:2: error: learner l1: 2 units chosen from group B of qualification q, which allows at most 1\n"
		"centre/learners.csv:3: warning: learner l2: qualification q needs unit a (group A is mandatory), which is not in `units`\n"
		"centre/learners.csv:4: warning: learner l3: unit n is in none of the learner's qualifications: it is claimed on its own\n");
}

static void max_credits(void)
{
	load("---\nid: q\ntitle: Q\ngroups:\n"
	     "  - {id: B, units: [a, b, c], max_credits: 5}\n---\n",
	     "learner,units,qualification\nl1,a;c,q\nl2,a;b,q\nl3,,q\n", NULL,
	     NULL);
	check_messages(
		"centre/learners.csv:2: error: learner l1: 7 credits chosen from group B of qualification q, which allows at most 5\n"
		"centre/learners.csv:4: warning: learner l3 takes no units: their qualification has no mandatory ones; list the units they chose in `units`\n");
}

static const char *const header =
	"learner,unit,ref,date,method,criteria,requirements,summary,assessor\n";

/* Status and the words for what is still needed, stage by stage. */
static void progress_and_what_is_needed(void)
{
	struct buf log = BUF_INIT;

	buf_puts(&log, header);
	/* l2: a done; l3: a and b done, c started (not complete: 1.1 by
	 * question, c's criterion is performance... done by O later) */
	buf_puts(&log, "l2,a,O/1,2026-03-01,O,1.1,,x,KM\n");
	buf_puts(&log, "l3,a,O/1,2026-03-01,O,1.1,,x,KM\n");
	buf_puts(&log, "l3,c,O/1,2026-03-02,O,1.1,,x,KM\n");
	buf_puts(&log, "l4,a,O/1,2026-03-01,O,1.1,,x,KM\n");
	buf_puts(&log, "l4,b,O/1,2026-03-01,O,1.1,,x,KM\n");
	load(qual_q, "learner,units,qualification\n"
		     "l1,a;c,q\n"
		     "l2,a;c,q\n"
		     "l3,a;c,q\n"
		     "l4,a;b,q\n", buf_cstr(&log), NULL);
	buf_free(&log);
	check_messages("");
	check_needed("l1", QUALIFY_NOT_STARTED, 0,
		     "group A needs every unit in it: a\n"
		     "group B needs 4 more credits: choose from b (2), c (4)\n"
		     "7 more credits in all: 0 of 7 so far\n"
		     "a is not started\n"
		     "c is not started\n");
	check_needed("l2", QUALIFY_IN_PROGRESS, 3,
		     "group B needs 4 more credits: choose from b (2), c (4)\n"
		     "4 more credits in all: 3 of 7 so far\n"
		     "a is complete and awaits sign-off by: assessor, learner\n"
		     "c is not started\n");
	check_needed("l3", QUALIFY_COMPLETE, 7,
		     "a is complete and awaits sign-off by: assessor, learner\n"
		     "c is complete and awaits sign-off by: assessor, learner\n");
	/* b's 2 credits leave group B and the total short. */
	check_needed("l4", QUALIFY_IN_PROGRESS, 5,
		     "group B needs 2 more credits: choose from c (4)\n"
		     "2 more credits in all: 5 of 7 so far\n"
		     "a is complete and awaits sign-off by: assessor, learner\n"
		     "b is complete and awaits sign-off by: assessor, learner\n");
	CHECK(progress("l3")->groups[0].met);
	CHECK(progress("l3")->groups[1].met);
	CHECK(!progress("l4")->groups[1].met);
	CHECK_INT(progress("l4")->groups[1].credits_done, 2);
	CHECK_INT(progress("l4")->credits_needed, 7);
}

/* A row's digest, as `folio digest` prints it, for the sign-offs below. */
static void digest_line(struct buf *out, const char *learner,
			const char *unit, const char *role, const char *who,
			const char *date)
{
	char digest[SIGNOFF_DIGEST_SIZE];
	const struct learner *l = model_find_learner(&model, learner);
	const struct unit *u = model_find_unit(&model, unit);

	digest_portfolio(xref_find(&x, l, u), digest);
	buf_printf(out, "%s,%s,%s,%s,%s,%s\n", learner, unit, role, who, date,
		   digest);
}

/* Claimable once every unit is signed off; then claimed whole. */
static void claimable_and_claimed(void)
{
	const char *learners = "learner,units,qualification,registration\n"
			       "l3,a;c,q,R3\n"
			       "l5,b,,R5\n";
	const char *log = "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
			  "l3,a,O/1,2026-03-01,O,1.1,,x,KM\n"
			  "l3,c,O/1,2026-03-02,O,1.1,,x,KM\n"
			  "l5,b,O/1,2026-03-03,O,1.1,,x,KM\n";
	struct buf signoffs = BUF_INIT;
	struct claims c;

	load(qual_q, learners, log, NULL);
	buf_puts(&signoffs, "learner,unit,role,who,date,digest\n");
	digest_line(&signoffs, "l3", "a", "assessor", "KM", "2026-04-01");
	digest_line(&signoffs, "l3", "a", "learner", "l3", "2026-04-02");
	digest_line(&signoffs, "l3", "c", "assessor", "KM", "2026-04-01");
	digest_line(&signoffs, "l5", "b", "assessor", "KM", "2026-04-01");
	digest_line(&signoffs, "l5", "b", "learner", "l5", "2026-04-03");
	load(qual_q, learners, log, buf_cstr(&signoffs));
	check_messages("");
	check_needed("l3", QUALIFY_COMPLETE, 7,
		     "c is complete and awaits sign-off by: learner\n");
	claims_list(&c, &model, &x);
	CHECK_INT(c.count, 1);      /* l5's b, a unit on no qualification */
	CHECK(c.count && c.items[0].portfolio && !c.items[0].qualification);
	claims_free(&c);

	digest_line(&signoffs, "l3", "c", "learner", "l3", "2026-04-05");
	load(qual_q, learners, log, buf_cstr(&signoffs));
	check_messages("");
	check_needed("l3", QUALIFY_CLAIMABLE, 7, "");
	CHECK_INT(progress("l3")->completed, date_of("2026-03-02"));
	CHECK_INT(progress("l3")->signed_off, date_of("2026-04-05"));
	claims_list(&c, &model, &x);
	CHECK_INT(c.count, 2);
	if (c.count == 2) {
		CHECK_STR(c.items[0].learner->id, "l3");
		CHECK(c.items[0].qualification != NULL);
		CHECK(c.items[0].portfolio == NULL);
		CHECK_INT(c.items[0].signed_off, date_of("2026-04-05"));
		CHECK_STR(c.items[1].learner->id, "l5");
	}
	claims_free(&c);
	buf_free(&signoffs);
}

/* claims: {summative_sample: true}: the qualification waits for the IQA. */
static void summative_sample_holds_the_claim(void)
{
	const char *learners = "learner,units,qualification\nl3,a;c,q\n";
	const char *log = "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
			  "l3,a,O/1,2026-03-01,O,1.1,,x,KM\n"
			  "l3,c,O/1,2026-03-02,O,1.1,,x,KM\n";
	struct buf signoffs = BUF_INIT;
	struct claims c;

	load(qual_q, learners, log, NULL);
	buf_puts(&signoffs, "learner,unit,role,who,date,digest\n");
	digest_line(&signoffs, "l3", "a", "assessor", "KM", "2026-04-01");
	digest_line(&signoffs, "l3", "a", "learner", "l3", "2026-04-02");
	digest_line(&signoffs, "l3", "c", "assessor", "KM", "2026-04-01");
	digest_line(&signoffs, "l3", "c", "learner", "l3", "2026-04-02");
	write_file("signoffs.csv", buf_cstr(&signoffs));
	write_file("folio.yml", "claims:\n  summative_sample: true\n");
	write_file("iqa.csv", "learner,unit,date,iqa,kind,decision\n"
		   "l3,a,2026-04-10,KM,summative,agreed\n");
	reload();
	check_needed("l3", QUALIFY_COMPLETE, 7,
		     "c is signed off and awaits an agreed summative IQA sample\n");
	CHECK(progress("l3")->awaits_sample);
	claims_list(&c, &model, &x);
	CHECK_INT(c.count, 0);
	CHECK_INT(c.awaiting_sample, 1);
	claims_free(&c);
	buf_free(&signoffs);
}

/* A unit may not be named so that its page is another page. */
static void reserved_unit_ids(void)
{
	struct model_paths paths = { .today = "2026-06-30" };

	cleanup();
	centre_reset();
	write_file("units/a.md", "---\nid: qualifications\ntitle: A\n---\n"
		   "## 1 Do\n- 1.1 Do\n");
	write_file("units/b.md", "---\nid: Index\ntitle: B\n---\n"
		   "## 1 Do\n- 1.1 Do\n");
	centre_use(&paths);
	model_load(&model, &paths, &diags);
	check_messages(
		"centre/units/a.md:2: error: unit id `qualifications` is taken: learners/LEARNER/qualifications is the learner's qualifications page; give the unit another id\n"
		"centre/units/b.md:2: error: unit id `Index` is taken: learners/LEARNER/Index is the learner's own page; give the unit another id\n");
}

/* No qualifications: nothing found, and no bsearch() on a NULL list
 * (a learner naming one in a centre without a qualifications folder). */
static void finds_none_in_no_qualifications(void)
{
	CHECK(qualification_find(NULL, 0, "q") == NULL);
}

int main(void)
{
	RUN(the_file_as_read);
	RUN(mandatory_units_by_default);
	RUN(errors_in_the_file);
	RUN(credits_that_can_never_be_met);
	RUN(duplicate_and_unknown_qualifications);
	RUN(the_learners_choice);
	RUN(max_credits);
	RUN(progress_and_what_is_needed);
	RUN(claimable_and_claimed);
	RUN(summative_sample_holds_the_claim);
	RUN(reserved_unit_ids);
	RUN(finds_none_in_no_qualifications);
	cleanup();
	centre_reset();
	return check_summary();
}
