/*
 * test_standard.c - `folio import standard`: a standard's JSON read
 * (read/standard.h), each error with its JSON path, and the unit written
 * from it (present/standard_md.h), which must load with no diagnostics
 * and give back every KSB and duty as written.
 */
#include "check.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "present/standard_md.h"
#include "read/standard.h"
#include "read/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct arena arena;
static struct diag_list diags;
static struct standard st;

/* A standard with two of each KSB, two duties, one option. */
#define GOOD "{\"referenceNumber\": \"ST0072\", \"version\": \"1.2\", " \
	"\"title\": \"Customer service: *practitioner* <b>\", \"level\": 2, " \
	"\"larsCode\": 72, \"typicalDuration\": \"12\", \"status\": \"Approved\", " \
	"\"earliestStartDate\": \"2019-01-01T00:00:00\", \"latestStartDate\": \"soon\", " \
	"\"eQAProvider\": {\"providerName\": \"Ofqual\"}, " \
	"\"options\": [{\"optionId\": \"O-1\", \"title\": \"Contact centre\"}], " \
	"\"knowledges\": [{\"knowledgeId\": \"AA-1\", \"detail\": \"Know `the` law\\nand  more\"}, " \
	"{\"knowledgeId\": \"aa-2\", \"detail\": \"Products & [services]\"}], " \
	"\"skills\": [{\"skillId\": \"BB-1\", \"detail\": \"Listen\"}, " \
	"{\"skillId\": \"BB-2\", \"detail\": \"Ask\"}], " \
	"\"behaviours\": [{\"behaviourId\": \"CC-1\", \"detail\": \"Owns it\"}, " \
	"{\"behaviourId\": \"CC-2\", \"detail\": \"Calm\"}], " \
	"\"duties\": [{\"dutyID\": \"DD-1\", \"dutyDetail\": \"Serve customers\", " \
	"\"isThisACoreDuty\": 1, \"mappedKnowledge\": [\"AA-2\"], " \
	"\"mappedSkills\": [\"BB-1\", \"bb-2\"], \"mappedBehaviour\": [\"CC-1\"], " \
	"\"mappedOptions\": []}, " \
	"{\"dutyID\": \"DD-2\", \"dutyDetail\": \"Answer calls.\", " \
	"\"isThisACoreDuty\": 0, \"mappedSkills\": null, \"mappedOptions\": [\"O-1\"]}]}"

static char *messages(void)
{
	struct buf out = BUF_INIT;

	diag_list_sort(&diags);
	for (size_t i = 0; i < diags.count; i++)
		buf_printf(&out, "%s:%d:%d: %s: %s\n", diags.items[i].file,
			   diags.items[i].line, diags.items[i].column,
			   diag_severity_name(diags.items[i].severity),
			   diags.items[i].message);
	return buf_detach(&out);
}

static bool parse(const char *json)
{
	arena_free(&arena);
	diag_list_free(&diags);
	return standard_parse(&st, &arena, "st.json", json, strlen(json), &diags);
}

static void check_errors(const char *json, const char *expected)
{
	char *got;

	CHECK(!parse(json));
	got = messages();
	CHECK_STR(got, expected);
	free(got);
}

static void reads_the_fields(void)
{
	char *got;

	CHECK(parse(GOOD));
	got = messages();
	CHECK_STR(got, "st.json:0:0: warning: latestStartDate: `soon` is not a "
		  "date; left out\n");
	free(got);
	CHECK_STR(st.reference, "ST0072");
	CHECK_STR(st.version, "1.2");
	CHECK_INT(st.level, 2);
	CHECK_INT(st.lars, 72);
	CHECK_INT(st.typical_duration, 12);
	CHECK_STR(st.earliest_start, "2019-01-01");
	CHECK(st.latest_start == NULL);
	CHECK_STR(st.eqa_provider, "Ofqual");
	CHECK_INT(st.nksbs[STANDARD_K], 2);
	CHECK_STR(st.ksbs[STANDARD_K][1].code, "K2");
	CHECK_STR(st.ksbs[STANDARD_K][1].guid, "aa-2");
	CHECK_STR(st.ksbs[STANDARD_B][0].code, "B1");
	CHECK_INT(st.nduties, 2);
	CHECK_STR(st.duties[0].code, "D1");
	CHECK(st.duties[0].core);
	CHECK_INT(st.duties[0].nksbs, 4);
	CHECK_STR(st.duties[0].ksbs[0]->code, "K2");
	CHECK_STR(st.duties[0].ksbs[2]->code, "S2");   /* "bb-2": any case */
	CHECK_STR(st.duties[0].ksbs[3]->code, "B1");
	CHECK(!st.duties[1].core);
	CHECK_INT(st.duties[1].noptions, 1);
	CHECK_STR(st.duties[1].options[0], "Contact centre");
}

/* The unit written loads cleanly and gives back what the standard said. */
static void the_unit_loads_as_written(void)
{
	struct buf md = BUF_INIT;
	struct arena units = ARENA_INIT;
	struct diag_list unit_diags = DIAG_LIST_INIT;
	const struct unit *u;

	CHECK(parse(GOOD));
	standard_md(&st, "st0072", "st.json", &md);
	u = unit_parse(&units, "units/st0072.md", md.data, md.len, &unit_diags);
	CHECK(u != NULL);
	CHECK_INT(unit_diags.count, 0);
	for (size_t i = 0; i < unit_diags.count; i++)
		printf("  %d: %s\n", unit_diags.items[i].line,
		       unit_diags.items[i].message);
	if (u) {
		CHECK_STR(u->id, "st0072");
		CHECK_STR(u->title, "Customer service: *practitioner* <b>");
		CHECK_STR(u->number, "ST0072");
		CHECK_INT(u->ncriteria, 6);
		CHECK_STR(unit_find_criterion(u, "K1")->text, "Know `the` law and more");
		CHECK_STR(unit_find_criterion(u, "K2")->text, "Products & [services]");
		CHECK(u->outcomes[0].knowledge);
		CHECK_INT(u->nrequirements, 2);
		CHECK_STR(unit_find_requirement(u, "D1")->text,
			  "Serve customers. Core duty. Maps to K2, S1, S2, B1.");
		CHECK_STR(unit_find_requirement(u, "D2")->text,
			  "Answer calls. Option: Contact centre. Maps to no KSB.");
		CHECK(u->standard != NULL);
		if (u->standard) {
			CHECK_STR(u->standard->version, "1.2");
			CHECK_INT(u->standard->lars, 72);
			CHECK_INT(u->standard->otj_hours, -1);
			CHECK_STR(u->standard->earliest_start, "2019-01-01");
			CHECK_INT(u->standard->nguids, 8);
			CHECK_STR(u->standard->guid_ids[7], "D2");
			CHECK_STR(u->standard->guids[7], "dd-2");
		}
	}
	buf_free(&md);
	diag_list_free(&unit_diags);
	arena_free(&units);
}

/* What YAML may not hold as it is (C1 controls, NEL, the separators, a
 * BOM, a tab) is escaped in the front matter, and comes back the same. */
static void yaml_escapes_come_back(void)
{
	const char *json = "{\"referenceNumber\": \"ST1\", \"level\": 2, "
		"\"title\": \"a\\u009cb\\u0085c\\u2028d\\u2029e\\ufeff\\tf \\\"g\\\" \\\\h\", "
		"\"status\": \"x\\u0001y\", "
		"\"knowledges\": [{\"knowledgeId\": \"k\", \"detail\": \"K\"}], "
		"\"skills\": [], \"behaviours\": [], \"duties\": []}";
	struct buf md = BUF_INIT;
	struct arena units = ARENA_INIT;
	struct diag_list unit_diags = DIAG_LIST_INIT;
	const struct unit *u;

	CHECK(parse(json));
	standard_md(&st, "st1", "a\x01" "b\xc2\x85.json", &md);
	u = unit_parse(&units, "st1.md", md.data, md.len, &unit_diags);
	CHECK(u != NULL);
	CHECK_INT(unit_diags.count, 0);
	if (u) {
		CHECK_STR(u->title, "a\xc2\x9c" "b\xc2\x85" "c\xe2\x80\xa8" "d\xe2\x80\xa9"
			  "e\xef\xbb\xbf" "\tf \"g\" \\h");
		CHECK_STR(u->standard->status, "x\x01y");
	}
	CHECK(strstr(md.data, "from a?b?.json") != NULL);
	buf_free(&md);
	diag_list_free(&unit_diags);
	arena_free(&units);
}

static void each_error_at_its_path(void)
{
	check_errors("{\"referenceNumber\": \"ST1\", \"title\": \"T\", \"level\": 2,\n"
		     " \"knowledges\": [{\"knowledgeId\": \"a\", \"detail\": \"x\"}],\n"
		     " \"skills\": [{\"skillId\": \"b\", \"detail\": \"y\"}],\n"
		     " \"behaviours\": [],\n"
		     " \"duties\": [{\"dutyID\": \"d\", \"dutyDetail\": \"z\",\n"
		     "   \"mappedSkills\": [\"b\", \"nope\", 7], \"mappedKnowledge\": [\"b\"],\n"
		     "   \"mappedOptions\": [\"o\"]}]}",
		     "st.json:0:0: error: duties[0].mappedKnowledge[0]: no knowledge has the GUID `b` (in `knowledges`)\n"
		     "st.json:0:0: error: duties[0].mappedSkills[1]: no skill has the GUID `nope` (in `skills`)\n"
		     "st.json:0:0: error: duties[0].mappedSkills[2]: must be a GUID, as text\n"
		     "st.json:0:0: error: duties[0].mappedOptions[0]: no option in `options` has this GUID\n");
	check_errors("{\"title\": \"\", \"level\": \"two\", \"knowledges\": [{\"detail\": \"x\"}, 3],"
		     " \"skills\": {}, \"behaviours\": [{\"behaviourId\": \"c\", \"detail\": \"1\"},"
		     " {\"behaviourId\": \"C\", \"detail\": \"2\"}]}",
		     "st.json:0:0: error: referenceNumber: missing: the standard needs it\n"
		     "st.json:0:0: error: title: empty: the standard needs it\n"
		     "st.json:0:0: error: level: must be a whole number\n"
		     "st.json:0:0: error: knowledges[0].knowledgeId: missing: the standard needs it\n"
		     "st.json:0:0: error: knowledges[1]: must be an object with an id and a detail\n"
		     "st.json:0:0: error: skills: must be a list\n"
		     "st.json:0:0: error: behaviours[1].behaviourId: the behaviour's GUID is given twice\n"
		     "st.json:0:0: error: duties: missing: the standard needs it (a list)\n");
	check_errors("{\"referenceNumber\": \"ST1\",\n  \"title\": }",
		     "st.json:2:12: error: not JSON: unexpected token near '}'\n");
	check_errors("[1, 2]", "st.json:0:0: error: a standard is a JSON object "
		     "({\"referenceNumber\": ..., \"knowledges\": [...], ...}), not a list\n");
	check_errors("{\"title\": \"caf\xe9\"}", "st.json:1:15: error: not UTF-8 "
		     "text: the standards API writes UTF-8 JSON\n");
	check_errors("{\"a\": 1, \"a\": 2}", "st.json:1:12: error: not JSON: duplicate object key near '\"a\"'\n");
}

int main(void)
{
	RUN(reads_the_fields);
	RUN(the_unit_loads_as_written);
	RUN(yaml_escapes_come_back);
	RUN(each_error_at_its_path);
	arena_free(&arena);
	diag_list_free(&diags);
	return check_summary();
}
