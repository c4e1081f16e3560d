/*
 * test_unit.c - the unit specification parser: structures and errors.
 */
#include "check.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "read/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct arena arena;
static struct diag_list diags;
static struct buf shown = BUF_INIT;
#define messages buf_cstr(&shown)

/* Parses text as "u.md" and keeps its diagnostics as "L:C: sev: msg" lines. */
static struct unit *parse(const char *text)
{
	struct unit *u;

	arena_free(&arena);
	diag_list_free(&diags);
	u = unit_parse(&arena, "u.md", text, strlen(text), &diags);
	buf_truncate(&shown, 0);
	for (size_t i = 0; i < diags.count; i++) {
		const struct diag *d = &diags.items[i];

		buf_printf(&shown, "%d:%d: %s: %s\n", d->line, d->column,
			   d->severity == DIAG_ERROR ? "error" : "warning",
			   d->message);
	}
	return u;
}

#define FRONT "---\nid: t1\ntitle: Test unit\n---\n"

static void parses_metadata(void)
{
	struct unit *u = parse(
		"---\n"
		"id: ocr-c3\n"
		"title: Resolve customer service problems\n"
		"awarding_body: OCR\n"
		"number: C3\n"
		"urn: R/506/2151\n"
		"level: 2\n"
		"credit: 6\n"
		"glh: 40\n"
		"methods: O PD WT\n"
		"simulation: yes\n"
		"occasions: 3\n"
		"nos: [CFACSC7, CFACSC8]\n"
		"---\n"
		"## 1 Spot problems\n- 1.1 Listen\n");

	CHECK_STR(messages, "");
	CHECK(u != NULL);
	if (!u)
		return;
	CHECK_STR(u->id, "ocr-c3");
	CHECK_STR(u->title, "Resolve customer service problems");
	CHECK_STR(u->awarding_body, "OCR");
	CHECK_STR(u->number, "C3");
	CHECK_STR(u->urn, "R/506/2151");
	CHECK_STR(u->level, "2");
	CHECK_INT(u->credit, 6);
	CHECK_INT(u->glh, 40);
	CHECK_INT(u->nmethods, 3);
	CHECK_STR(u->methods[2].code, "WT");
	CHECK_STR(u->methods[2].name, "Witness testimony");
	CHECK(u->simulation);
	CHECK_INT(u->occasions, 3);
	CHECK_INT(u->nnos, 2);
	CHECK_STR(u->nos[1], "CFACSC8");
	CHECK_INT(u->line, 2);
}

static void applies_defaults(void)
{
	struct unit *u = parse(FRONT "## 1 Spot\n- 1.1 Listen\n");

	CHECK_STR(messages, "");
	CHECK(u && !u->simulation);
	CHECK(u && u->occasions == 1);
	CHECK(u && u->credit == -1 && u->glh == -1 && !u->urn && !u->level);
	CHECK(u && u->nmethods == 6);
	CHECK_STR(u ? u->methods[5].code : NULL, "Oth");
}

static void custom_methods_by_mapping(void)
{
	struct unit *u = parse("---\nid: t1\ntitle: T\nmethods: {O: Observation, A: Assignment}\n---\n"
			       "## 1 Spot\n- 1.1 Listen\n");

	CHECK_STR(messages, "");
	CHECK(u && u->nmethods == 2);
	CHECK_STR(u ? u->methods[1].name : NULL, "Assignment");
	CHECK(u && unit_find_method(u, "A") && !unit_find_method(u, "PD"));
}

static void reads_outcomes_and_criteria(void)
{
	struct unit *u = parse(FRONT
		"## 1 Spot customer service problems\n"
		"\n"
		"- 1.1 Listen carefully to customers `observe`\n"
		"- 1.2 Ask customers *about* the problem\n"
		"  to check their understanding\n"
		"\n"
		"## 2. Know how to resolve problems `knowledge`\n"
		"\n"
		"- 2.1 Describe procedures\n"
		"\n"
		"  Procedures may include:\n"
		"\n"
		"  - Record keeping\n");

	CHECK_STR(messages, "");
	if (!u)
		return;
	CHECK_INT(u->noutcomes, 2);
	CHECK_INT(u->outcomes[0].number, 1);
	CHECK_STR(u->outcomes[0].title, "Spot customer service problems");
	CHECK(!u->outcomes[0].knowledge);
	CHECK_INT(u->outcomes[0].line, 5);
	CHECK_INT(u->outcomes[0].ncriteria, 2);
	CHECK_STR(u->outcomes[0].criteria[0].id, "1.1");
	CHECK_STR(u->outcomes[0].criteria[0].text, "Listen carefully to customers");
	CHECK(u->outcomes[0].criteria[0].observe);
	CHECK_INT(u->outcomes[0].criteria[0].line, 7);
	CHECK_STR(u->outcomes[0].criteria[1].text,
		  "Ask customers about the problem to check their understanding");
	CHECK(!u->outcomes[0].criteria[1].observe);
	CHECK_STR(u->outcomes[0].criteria[1].guidance_html, "");
	CHECK_STR(u->outcomes[1].title, "Know how to resolve problems");
	CHECK(u->outcomes[1].knowledge);
	CHECK_STR(u->outcomes[1].criteria[0].guidance_html,
		  "<p>Procedures may include:</p>\n<ul>\n<li>Record keeping</li>\n</ul>\n");
	CHECK_INT(u->ncriteria, 3);
	CHECK(u->criteria[2]->outcome == &u->outcomes[1] && u->criteria[2]->index == 2);
	CHECK(unit_find_criterion(u, "2.1") == &u->outcomes[1].criteria[0]);
	CHECK(unit_find_criterion(u, "2.2") == NULL);
}

static void outcome_guidance_after_h3(void)
{
	struct unit *u = parse(FRONT
		"## 1 Spot\n"
		"- 1.1 Listen\n"
		"\n"
		"### Knowledge, understanding and skills\n"
		"\n"
		"- Active listening\n");

	CHECK_STR(messages, "");
	CHECK(u && u->outcomes[0].ncriteria == 1);
	CHECK_STR(u ? u->outcomes[0].guidance_html : NULL,
		  "<h3>Knowledge, understanding and skills</h3>\n"
		  "<ul>\n<li>Active listening</li>\n</ul>\n");
}

static void reads_requirements_and_sections(void)
{
	struct unit *u = parse(FRONT
		"Intro text.\n"
		"\n"
		"## 1 Spot\n"
		"- 1.1 Listen\n"
		"\n"
		"## Evidence requirements\n"
		"\n"
		"1. Real work only.\n"
		"\n"
		"### Resolving problems\n"
		"\n"
		"You must show:\n"
		"\n"
		"- 4a a problem first identified by customers\n"
		"- 4b a problem identified within the organisation\n"
		"\n"
		"### Information\n"
		"\n"
		"- 5a supplied relevant information\n"
		"\n"
		"## Assessment\n"
		"\n"
		"Internally assessed, <script>alert(1)</script> *externally* verified.\n");

	CHECK_STR(messages, "");
	if (!u)
		return;
	CHECK_STR(u->intro_html, "<p>Intro text.</p>\n");
	CHECK_STR(u->requirements_html, "<ol>\n<li>Real work only.</li>\n</ol>\n");
	CHECK_INT(u->ngroups, 2);
	CHECK_STR(u->groups[0].title, "Resolving problems");
	CHECK_STR(u->groups[0].html, "<p>You must show:</p>\n");
	CHECK_INT(u->groups[0].nitems, 2);
	CHECK_STR(u->groups[0].items[1].id, "4b");
	CHECK_STR(u->groups[0].items[1].text, "a problem identified within the organisation");
	CHECK_STR(u->groups[1].items[0].id, "5a");
	CHECK_INT(u->nrequirements, 3);
	CHECK(u->requirements[2]->index == 2);
	CHECK(unit_find_requirement(u, "5a") == &u->groups[1].items[0]);
	CHECK_INT(u->nsections, 1);
	CHECK_STR(u->sections[0].title, "Assessment");
	/* cmark's safe renderer drops raw HTML. */
	CHECK_STR(u->sections[0].html,
		  "<p>Internally assessed, <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> "
		  "<em>externally</em> verified.</p>\n");
}

static void title_from_h1(void)
{
	struct unit *u = parse("---\nid: t1\n---\n# From the heading\n\n## 1 Spot\n- 1.1 Listen\n");

	CHECK_STR(messages, "");
	CHECK_STR(u ? u->title : NULL, "From the heading");
	CHECK_STR(u ? u->intro_html : NULL, "");
}

static void bom_and_crlf(void)
{
	struct unit *u = parse("\xEF\xBB\xBF---\r\nid: t1\r\ntitle: T\r\n---\r\n## 1 Spot\r\n- 1.1 Listen `observe`\r\n");

	CHECK_STR(messages, "");
	CHECK(u && u->outcomes[0].criteria[0].observe);
	CHECK_STR(u ? u->outcomes[0].criteria[0].text : NULL, "Listen");
}

/* ---- errors, each with its message and place --------------------------- */

static void error_no_front_matter(void)
{
	CHECK(parse("# A unit\n\n## 1 Spot\n- 1.1 Listen\n") == NULL);
	CHECK_STR(messages, "1:1: error: a unit file must start with front matter: a `---` line, "
		  "YAML such as `id: ocr-c3` and `title: ...`, and a closing `---` line\n");
}

static void error_front_matter_not_closed(void)
{
	CHECK(parse("---\nid: t1\n## 1 Spot\n") == NULL);
	CHECK_STR(messages, "1:1: error: the front matter that opens here is never closed by a `---` line\n");
}

static void error_malformed_yaml(void)
{
	CHECK(parse("---\nid: t1\ntitle: [unclosed\n---\n## 1 Spot\n- 1.1 Listen\n") == NULL);
	CHECK_STR(messages, "4:1: error: YAML: did not find expected ',' or ']' while parsing a flow sequence\n");
}

static void error_front_matter_not_mapping(void)
{
	CHECK(parse("---\n- a list\n---\n## 1 Spot\n- 1.1 Listen\n") == NULL);
	CHECK_STR(messages, "2:1: error: the front matter must be a mapping of `key: value` lines\n");
}

static void error_missing_id(void)
{
	CHECK(parse("---\ntitle: T\n---\n## 1 Spot\n- 1.1 Listen\n") == NULL);
	CHECK_STR(messages, "1:1: error: the front matter has no `id`: add one such as `id: ocr-c3`\n");
}

static void error_bad_id(void)
{
	CHECK(parse("---\nid: ../x\ntitle: T\n---\n## 1 Spot\n- 1.1 Listen\n") == NULL);
	CHECK_STR(messages, "2:5: error: unit id `../x` contains '/' (ids are letters, digits, '.', '_' and '-', such as ocr-c3)\n");
}

static void error_bad_values(void)
{
	struct unit *u = parse("---\nid: t1\ntitle: T\ncredit: six\nlevel: [2]\n"
			       "occasions: 0\nsimulation: maybe\nmethods: O XX\ntitel: typo\n"
			       "id: again\n---\n## 1 Spot\n- 1.1 Listen\n");

	CHECK(u != NULL);
	CHECK_STR(messages,
		  "4:9: error: `credit` must be a whole number from 0 to 100000, not `six`\n"
		  "5:8: error: `level` must be a single value, not a list\n"
		  "6:12: error: `occasions` must be a whole number from 1 to 100000, not `0`\n"
		  "7:13: error: `simulation` must be true or false, not `maybe`\n"
		  "8:10: error: unknown method code `XX`: folio knows O, PD, Q, WP, WT and Oth; "
		  "name others as `methods: {XX: Name, ...}`\n"
		  "9:1: warning: unknown front matter key `titel` (known: id, title, awarding_body, "
		  "number, urn, level, credit, glh, methods, simulation, occasions, nos; "
		  "and for a standard: version, lars, status, typical_duration, "
		  "earliest_start, latest_start, latest_end, assessment_plan, "
		  "standard_page, eqa_provider, otj_hours, guids)\n"
		  "10:1: error: `id` is given twice in the front matter\n");
}

static void error_duplicate_criterion(void)
{
	CHECK(parse(FRONT "## 1 Spot\n- 1.1 Listen\n- 1.1 Ask\n") != NULL);
	CHECK_STR(messages, "7:1: error: duplicate criterion 1.1 (first on line 6)\n");
}

static void error_duplicate_requirement(void)
{
	CHECK(parse(FRONT "## 1 Spot\n- 1.1 Listen\n\n## Evidence requirements\n\n"
			  "### A\n\n- 4a first\n\n### B\n\n- 4a again\n") != NULL);
	CHECK_STR(messages, "16:1: error: duplicate requirement 4a (first on line 12)\n");
}

static void error_criterion_in_wrong_outcome(void)
{
	CHECK(parse(FRONT "## 1 Spot\n- 1.1 Listen\n- 2.4 Pick\n") != NULL);
	CHECK_STR(messages, "7:1: error: criterion 2.4 is under learning outcome 1: its number must start with 1.\n");
}

/* A criterion's number may be followed by a separator, as an outcome's. */
static void criterion_number_forms(void)
{
	struct unit *u = parse(FRONT "## 1 Spot\n- 1.1. Listen\n- 1.2: Ask\n"
			       "- 1.3) Note\n- 1.4 - Check\n- 1.5 \xE2\x80\x93 Act\n");

	CHECK_STR(messages, "");
	if (!u || u->noutcomes != 1 || u->outcomes[0].ncriteria != 5)
		return;
	CHECK_STR(u->outcomes[0].criteria[0].id, "1.1");
	CHECK_STR(u->outcomes[0].criteria[0].text, "Listen");
	CHECK_STR(u->outcomes[0].criteria[1].text, "Ask");
	CHECK_STR(u->outcomes[0].criteria[2].text, "Note");
	CHECK_STR(u->outcomes[0].criteria[3].text, "Check");
	CHECK_STR(u->outcomes[0].criteria[4].text, "Act");
	/* Still no number: a third level, a letter after it. */
	CHECK(parse(FRONT "## 1 Spot\n- 1.1.2 Listen\n- 1.2a Ask\n") != NULL);
	CHECK(strstr(messages, "6:1: error: list item in learning outcome 1 "
		     "has no criterion number") != NULL);
	CHECK(strstr(messages, "7:1: error: list item in learning outcome 1 "
		     "has no criterion number") != NULL);
}

/*
 * A line with no "- " of its own goes on with the item above it
 * (Markdown's lazy continuation): when it starts as an item would, the
 * item meant is not there, and a warning says so at its line.  A line of
 * a requirement that starts with a plain number is a sentence's.
 */
/*
 * A criterion's line that starts as the next criterion, or as one of its
 * outcome with a capital after it, is said; a wrapped measure ("2.5
 * metres", "1.8 metres") is not.
 */
static void warning_lazy_continuation(void)
{
	struct unit *u = parse(FRONT "## 1 Spot\n- 1.1 Listen\n1.2 Ask questions\n"
			       "1.3 Keep calm\n"
			       "- 1.4 Stand at least\n2.5 metres away\n"
			       "- 1.5 Stand\n1.8 metres back\n"
			       "- 1.6 Greet\n1.9 Thank them\n"
			       "## Evidence requirements\n### A\n"
			       "- 4a a problem\n4b another problem\n"
			       "- 4c a problem with\n2 customers at once\n"
			       "- 4d a *problem\nover* lines\n4e lost\n");

	CHECK_STR(messages,
		  "7:0: warning: criterion 1.1 goes on with a line that starts "
		  "like a criterion (\"1.2 Ask questions\"): if it is one, start "
		  "the line with `- `\n"
		  "8:0: warning: criterion 1.1 goes on with a line that starts "
		  "like a criterion (\"1.3 Keep calm\"): if it is one, start "
		  "the line with `- `\n"
		  "14:0: warning: criterion 1.6 goes on with a line that starts "
		  "like a criterion (\"1.9 Thank them\"): if it is one, start "
		  "the line with `- `\n"
		  "18:0: warning: requirement 4a goes on with a line that starts "
		  "like a requirement (\"4b another problem\"): if it is one, "
		  "start the line with `- `\n"
		  "23:0: warning: requirement 4d goes on with a line that starts "
		  "like a requirement (\"4e lost\"): if it is one, start the "
		  "line with `- `\n");
	if (!u || u->noutcomes != 1)
		return;
	CHECK_INT(u->outcomes[0].ncriteria, 4);
	CHECK_STR(u->outcomes[0].criteria[0].text,
		  "Listen 1.2 Ask questions 1.3 Keep calm");
	CHECK_STR(u->outcomes[0].criteria[1].text, "Stand at least 2.5 metres away");
}

/*
 * Criteria copied out of a PDF without "- " are lines of the outcome's
 * prose: each is said at its line (a sentence that starts with a number,
 * another outcome's or with no capital after it, is not, nor is guidance
 * under an H3, which may start with the criterion it explains), and a
 * tag in that prose is said to be in the outcome's guidance, after an H3
 * only where there is one.
 */
static void warning_criteria_as_prose(void)
{
	struct unit *u = parse(FRONT "## 1 Spot\n1.1 Listen\n1.2 Ask `observe`\n"
			       "2.1 Other outcome\n1.5 metres away `observe`\n\n- 1.3 Keep\n"
			       "## K Know\nK1 The law\n### Notes\nK2 Also `observe`\n");

	CHECK_STR(messages,
		  "6:0: warning: \"1.1 Listen\" looks like a criterion of "
		  "learning outcome 1 but is a line of prose, so it is never "
		  "assessed: start its line with `- `\n"
		  "7:0: warning: \"1.2 Ask \" looks like a criterion of "
		  "learning outcome 1 but is a line of prose, so it is never "
		  "assessed: start its line with `- `\n"
		  "9:18: warning: `observe` in the guidance of learning outcome 1 "
		  "is read as text: it counts only at the end of a criterion, in "
		  "a learning outcome's list\n"
		  "13:0: warning: \"K1 The law\" looks like a criterion of "
		  "outcome K but is a line of prose, so it is never assessed: "
		  "start its line with `- `\n"
		  "15:10: warning: `observe` in the guidance of learning outcome K "
		  "(after an H3) is read as text: it counts only at the end of a "
		  "criterion, in a learning outcome's list\n"
		  "12:1: error: learning outcome K has no assessment criteria\n");
	CHECK(u && u->noutcomes == 2 && u->outcomes[0].ncriteria == 1);
}

static void error_item_without_number(void)
{
	CHECK(parse(FRONT "## 1 Spot\n- 1.1 Listen\n- Active listening\n") != NULL);
	CHECK_STR(messages, "7:1: error: list item in learning outcome 1 has no criterion number: "
		  "start it with one such as `1.1`, or put guidance under an H3\n");
}

static void error_requirement_without_id(void)
{
	CHECK(parse(FRONT "## 1 Spot\n- 1.1 Listen\n## Evidence requirements\n### A\n- a problem\n") != NULL);
	CHECK_STR(messages, "9:1: error: requirement has no id: start the item with one such as `4a`\n");
}

static void warning_stray_requirement(void)
{
	CHECK(parse(FRONT "## 1 Spot\n- 1.1 Listen\n## Evidence requirements\n- 4a a problem\n") != NULL);
	CHECK_STR(messages, "8:1: warning: `4a` looks like a requirement but is outside any H3 group, "
		  "so it is kept as prose: put it under a `### Group title` heading\n");
}

static void error_unknown_tags(void)
{
	struct unit *u = parse(FRONT "## 1 Spot `knowlege`\n- 1.1 Listen `observed`\n");

	CHECK(u && !u->outcomes[0].knowledge && !u->outcomes[0].criteria[0].observe);
	CHECK_STR(messages,
		  "5:11: error: unknown tag `knowlege` on learning outcome 1: "
		  "tags are `observe` and `form: LABEL` on criteria and `knowledge` on outcomes\n"
		  "6:14: error: unknown tag `observed` on criterion 1.1: "
		  "tags are `observe` and `form: LABEL` on criteria and `knowledge` on outcomes\n");
}

/* The paper form's numbering beside folio's ids (seed 002: 1 to 16, K1
 * to K5), with `observe` in either order; a label that is not one, a
 * second label, a label used twice and a label on an outcome are errors. */
static void form_labels(void)
{
	struct unit *u = parse(FRONT "## 1 Spot\n"
			       "- 1.1 Listen `observe` `form: 1`\n"
			       "- 1.2 Ask `form:2` `observe`\n"
			       "- 1.3 Recognise\n"
			       "## 4 Know `knowledge`\n"
			       "- 4.1 Describe `form: K1`\n");

	CHECK(u != NULL);
	CHECK_STR(u->criteria[0]->form, "1");
	CHECK(u->criteria[0]->observe);
	CHECK_STR(u->criteria[1]->form, "2");
	CHECK(u->criteria[1]->observe);
	CHECK(u->criteria[2]->form == NULL);
	CHECK_STR(u->criteria[3]->form, "K1");
	CHECK_STR(messages, "");

	u = parse(FRONT "## 1 Spot `form: 1`\n"
		  "- 1.1 Listen `form: 1 a`\n"
		  "- 1.2 Ask `form: 2` `form: 3`\n"
		  "- 1.3 Recognise `form: 2`\n"
		  "- 1.4 Share `form:`\n");
	CHECK(u != NULL);
	CHECK(u->criteria[0]->form == NULL);
	CHECK_STR(u->criteria[1]->form, "2");
	CHECK_STR(u->criteria[2]->form, "2");
	CHECK_STR(messages,
		  "5:11: error: unknown tag `form: 1` on learning outcome 1: "
		  "tags are `observe` and `form: LABEL` on criteria and `knowledge` on outcomes\n"
		  "6:14: error: `form: 1 a` on criterion 1.1: a paper form's label is "
		  "1 to 16 letters, digits or dots, such as `form: K1` or `form: 16`\n"
		  "7:21: error: criterion 1.2 has a second form label `3` (it has `2`): give it one\n"
		  "8:17: error: form label 2 is on another criterion too (line 7): "
		  "a paper form numbers each once\n"
		  "9:13: error: `form:` on criterion 1.4: a paper form's label is "
		  "1 to 16 letters, digits or dots, such as `form: K1` or `form: 16`\n");
}

static void error_not_utf8(void)
{
	CHECK(parse("---\nid: t1\ntitle: Caf\xE9\n---\n") == NULL);
	CHECK_STR(messages, "3:11: error: not UTF-8 text (byte 0xE9): save the file as UTF-8\n");
}

static void error_binary(void)
{
	static const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0";

	arena_free(&arena);
	diag_list_free(&diags);
	CHECK(unit_parse(&arena, "u.md", junk, sizeof(junk) - 1, &diags) == NULL);
	CHECK_INT(diags.errors, 1);
	CHECK_STR(diags.items[0].message, "not a text file (it contains NUL bytes)");
	CHECK_INT(diags.items[0].line, 0);
}

static void error_structure(void)
{
	CHECK(parse(FRONT "## 1 Spot\n\nNo criteria here.\n\n## Outcome two\n") != NULL);
	CHECK_STR(messages, "5:1: error: learning outcome 1 has no assessment criteria\n");
	CHECK(parse("---\nid: t1\n---\nJust prose.\n") != NULL);
	CHECK_STR(messages,
		  "1:1: error: the unit has no title: add `title:` to the front matter or an H1\n"
		  "1:1: error: the unit has no learning outcomes: add `## 1 Title` headings "
		  "with `- 1.1 ...` criteria under them\n");
}

static void two_errors_both_reported(void)
{
	CHECK(parse(FRONT "## 1 Spot\n- 1.1 Listen\n- 1.1 Again\n- 3.1 Wrong\n") != NULL);
	CHECK_STR(messages,
		  "7:1: error: duplicate criterion 1.1 (first on line 6)\n"
		  "8:1: error: criterion 3.1 is under learning outcome 1: its number must start with 1.\n");
}

static void deep_nesting_does_not_crash(void)
{
	size_t n = 200000;
	char *text = malloc(sizeof(FRONT) + n + 64);

	strcpy(text, FRONT "## 1 Spot\n- 1.1 Listen\n\n");
	memset(text + strlen(text), '>', n);
	strcpy(text + sizeof(FRONT) - 1 + strlen("## 1 Spot\n- 1.1 Listen\n\n") + n, " deep\n");
	CHECK(parse(text) != NULL);
	CHECK_STR(messages, "");
	free(text);
}

/* The common ways of writing an outcome's heading are outcomes. */
static void outcome_heading_forms(void)
{
	struct unit *u = parse(FRONT
		"## Learning outcome 1: Deal with it `knowledge`\n- 1.1 A\n"
		"## Outcome 2 - Do it\n- 2.1 B `observe`\n"
		"## LO3 Third\n- 3.1 C\n"
		"## LO 4. Fourth\n- 4.1 D\n"
		"## 5. Fifth\n- 5.1 E\n"
		"## 6) Sixth\n- 6.1 F\n"
		"## 7 \xE2\x80\x93 Seventh\n- 7.1 G\n"
		"## Outcomes of the unit\n\nProse.\n");

	CHECK_STR(messages, "");
	CHECK(u != NULL);
	if (!u)
		return;
	CHECK_INT(u->noutcomes, 7);
	CHECK_INT(u->ncriteria, 7);
	CHECK(u->outcomes[0].knowledge);
	CHECK_STR(u->outcomes[0].title, "Deal with it");
	CHECK_STR(u->outcomes[1].title, "Do it");
	CHECK(u->outcomes[1].criteria[0].observe);
	CHECK_STR(u->outcomes[2].title, "Third");
	CHECK_STR(u->outcomes[3].title, "Fourth");
	CHECK_INT(u->outcomes[6].number, 7);
	CHECK_STR(u->outcomes[6].title, "Seventh");
	CHECK_INT(u->nsections, 1);
}

/* What still looks like an outcome, a criterion or a tag, where it does
 * not count, is a located warning, never silent prose. */
static void look_alikes_warned(void)
{
	parse(FRONT
		"- 3.1 In the introduction\n\n"
		"## 1 One\n- 1.1 A (observe)\n- 1.2 B [knowledge]\n- 1.3 C *observe*\n"
		"## Learning outcome: Two\n\n- 2.1 Lost\n\n"
		"### Learning outcome 3\n\n"
		"Said with `observe`\n");
	CHECK_STR(messages,
		"5:1: warning: `3.1` looks like an assessment criterion but is in the "
		"introduction, so it is kept as prose and never assessed: put it in "
		"the list under its learning outcome's heading (`## 3 Title`)\n"
		"8:3: warning: `(observe)` is read as words, not as a tag: write "
		"observe as code (in backquotes) at the end of the criterion\n"
		"9:3: warning: `[knowledge]` is read as words, not as a tag: write "
		"knowledge as code (in backquotes) at the end of the learning "
		"outcome's heading\n"
		"10:3: warning: `*observe*` is read as words, not as a tag: write "
		"observe as code (in backquotes) at the end of the criterion\n"
		"11:1: warning: `Learning outcome: Two` looks like a learning outcome "
		"but has no number, so it is read as a prose section and nothing "
		"under it is assessed: write it as `## 2 Title` or `## Learning "
		"outcome 2: Title`\n"
		"13:1: warning: `2.1` looks like an assessment criterion but is in "
		"section `Learning outcome: Two`, so it is kept as prose and never "
		"assessed: put it in the list under its learning outcome's heading "
		"(`## 2 Title`)\n"
		"15:1: warning: a level-3 heading is not a learning outcome, so it is "
		"read as prose and nothing under it is assessed: make it an H2 "
		"(`## Learning outcome 2: Title`)\n"
		"17:12: warning: `observe` in section `Learning outcome: Two` is read "
		"as text: it counts only at the end of a criterion, in a learning "
		"outcome's list\n");
}

/* Every tag is read, however many: each unknown one is an error. */
static void ten_tags_all_read(void)
{
	parse(FRONT "## 1 One\n- 1.1 A `a` `b` `c` `d` `e` `f` `g` `h` `i` `observe`\n");
	CHECK_INT(diags.errors, 9);
}

/* Old Mac line ends (a lone CR) are line ends, as in CSV files. */
static void cr_only_line_ends(void)
{
	struct unit *u = parse("---\rid: t1\rtitle: T\r---\r## 1 One\r- 1.1 A `observe`\r"
			       "- 1.2 B\r");

	CHECK_STR(messages, "");
	CHECK(u != NULL);
	if (!u)
		return;
	CHECK_INT(u->ncriteria, 2);
	CHECK(u->criteria[0]->observe);
	CHECK_INT(u->criteria[1]->line, 7);
}

/* Ids that cannot be file names on Windows are refused, as case twins are. */
static void error_windows_names(void)
{
	static const char *const bad[] = { "CON", "aux", "Com1", "LPT9", "nul.txt", "x." };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[128];

		snprintf(text, sizeof(text), "---\nid: %s\ntitle: T\n---\n## 1 One\n- 1.1 A\n",
			 bad[i]);
		CHECK(parse(text) == NULL);
		CHECK(strstr(messages, bad[i][1] == '.' ? "ends in a dot" :
			     "is a device name on Windows") != NULL);
	}
	CHECK(parse("---\nid: com10\ntitle: T\n---\n## 1 One\n- 1.1 A\n") != NULL);
	CHECK(parse("---\nid: console\ntitle: T\n---\n## 1 One\n- 1.1 A\n") != NULL);
}

/* Flow collections nested past any need: a located error at once. */
static void error_yaml_nested_too_deep(void)
{
	struct buf text = BUF_INIT;

	buf_puts(&text, "---\nid: t1\ntitle: T\nnos: ");
	for (int i = 0; i < 100000; i++)
		buf_putc(&text, '[');
	buf_puts(&text, "\n---\n## 1 One\n- 1.1 A\n");
	CHECK(parse(buf_cstr(&text)) == NULL);
	CHECK_STR(messages, "4:70: error: YAML nested more than 64 levels deep: "
		  "folio's settings need two or three\n");
	buf_free(&text);
}

/* 150,000 keys and 100,000 criteria: read, each duplicate still found. */
static void many_keys_and_criteria(void)
{
	struct buf text = BUF_INIT;
	struct unit *u;

	buf_puts(&text, "---\nid: t1\ntitle: T\n");
	for (int i = 0; i < 150000; i++)
		buf_printf(&text, "k%d: v\n", i);
	buf_puts(&text, "title: again\n---\n## 1 One\n");
	for (int i = 1; i <= 99999; i++)
		buf_printf(&text, "- 1.%d C\n", i);
	buf_puts(&text, "- 1.7 again\n## 1 Again\n- 1.1 X\n");
	u = parse(buf_cstr(&text));
	CHECK(u != NULL);
	if (u)
		CHECK_INT(u->ncriteria, 99999);
	CHECK(strstr(messages, "150004:1: error: `title` is given twice") != NULL);
	CHECK(strstr(messages, "duplicate criterion 1.7 (first on line 150013)") != NULL);
	CHECK(strstr(messages, "duplicate learning outcome 1 (first on line 150006)") != NULL);
	buf_free(&text);
}

/* An apprenticeship standard: outcomes K, S and B holding K1, S1, B1... */
static void ksb_outcomes_and_criteria(void)
{
	struct unit *u = parse(FRONT
		"## K Knowledge `knowledge`\n"
		"- K1 The law\n"
		"- K2 The products\n"
		"## S: Skills\n"
		"- S1 Listen `observe`\n"
		"## B - Behaviours\n"
		"- B1 Takes ownership\n"
		"## 1 A numbered outcome too\n"
		"- 1.1 Still read\n");

	CHECK_STR(messages, "");
	CHECK(u != NULL);
	if (!u)
		return;
	CHECK_INT(u->noutcomes, 4);
	CHECK_STR(u->outcomes[0].code, "K");
	CHECK_INT(u->outcomes[0].number, 0);
	CHECK_STR(u->outcomes[0].title, "Knowledge");
	CHECK(u->outcomes[0].knowledge);
	CHECK_STR(u->outcomes[1].title, "Skills");
	CHECK_STR(u->outcomes[2].title, "Behaviours");
	CHECK_STR(u->outcomes[3].code, "1");
	CHECK_INT(u->ncriteria, 5);
	CHECK_STR(u->criteria[1]->id, "K2");
	CHECK(unit_find_criterion(u, "S1") && unit_find_criterion(u, "S1")->observe);
	CHECK(unit_find_criterion(u, "B1") != NULL);
	CHECK(unit_find_criterion(u, "1.1") != NULL);
}

static void ksb_errors(void)
{
	parse(FRONT
	      "## K Knowledge\n"
	      "- K1 The law\n"
	      "- S2 A skill under K\n"
	      "- K1 Again\n"
	      "- K4 After K1\n"
	      "- 1.1 A number under K\n"
	      "- The products\n"
	      "## K Knowledge again\n"
	      "- K5 More\n");
	CHECK_STR(messages,
		"7:1: error: criterion S2 is under outcome K: its id must start with K\n"
		"8:1: error: duplicate criterion K1 (first on line 6)\n"
		"9:1: warning: criterion K4 follows K1: is K2 missing? (a standard numbers its KSBs without gaps)\n"
		"10:1: error: criterion 1.1 is under outcome K: its id must start with K\n"
		"11:1: error: list item in outcome K has no criterion id: start it with one such as `K1`, or put guidance under an H3\n"
		"12:1: error: duplicate outcome K (first on line 5)\n");
	parse(FRONT "## S Skills\n- S2 Listen\n- S3 Ask\n");
	CHECK_STR(messages, "6:1: warning: criterion S2 is the first S: is S1 "
		  "missing? (a standard numbers its KSBs from 1)\n");
	/* A numbered outcome takes no letter codes. */
	parse(FRONT "## 1 Spot\n- 1.1 Listen\n- K2 Know\n");
	CHECK_STR(messages, "7:1: error: criterion K2 is under learning outcome 1: "
		  "its number must start with 1.\n");
}

int main(void)
{
	RUN(parses_metadata);
	RUN(ksb_outcomes_and_criteria);
	RUN(ksb_errors);
	RUN(applies_defaults);
	RUN(custom_methods_by_mapping);
	RUN(reads_outcomes_and_criteria);
	RUN(outcome_guidance_after_h3);
	RUN(reads_requirements_and_sections);
	RUN(title_from_h1);
	RUN(bom_and_crlf);
	RUN(error_no_front_matter);
	RUN(error_front_matter_not_closed);
	RUN(error_malformed_yaml);
	RUN(error_front_matter_not_mapping);
	RUN(error_missing_id);
	RUN(error_bad_id);
	RUN(error_bad_values);
	RUN(error_duplicate_criterion);
	RUN(error_duplicate_requirement);
	RUN(error_criterion_in_wrong_outcome);
	RUN(error_item_without_number);
	RUN(criterion_number_forms);
	RUN(warning_lazy_continuation);
	RUN(warning_criteria_as_prose);
	RUN(error_requirement_without_id);
	RUN(warning_stray_requirement);
	RUN(error_unknown_tags);
	RUN(error_not_utf8);
	RUN(error_binary);
	RUN(error_structure);
	RUN(two_errors_both_reported);
	RUN(deep_nesting_does_not_crash);
	RUN(outcome_heading_forms);
	RUN(look_alikes_warned);
	RUN(ten_tags_all_read);
	RUN(form_labels);
	RUN(cr_only_line_ends);
	RUN(error_windows_names);
	RUN(error_yaml_nested_too_deep);
	RUN(many_keys_and_criteria);
	arena_free(&arena);
	diag_list_free(&diags);
	buf_free(&shown);
	return check_summary();
}
