/*
 * test_url.c - the site's URL scheme (src/present/url.c): each page's path,
 * which links, the pack, the plan and the writer all take from it.
 */
#include "check.h"
#include "present/url.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *path(enum url_page page, const char *id, const char *unit)
{
	static char out[URL_SIZE];
	size_t n = url_path(out, page, id, unit);

	CHECK_INT(n, strlen(out));
	return out;
}

static void each_page_has_its_place(void)
{
	struct arena a = ARENA_INIT;
	struct value v = url_value(&a, URL_PORTFOLIO, "amy.b", "ocr-354");

	CHECK_STR(path(URL_INDEX, NULL, NULL), "index");
	CHECK_STR(path(URL_LEARNER, "amy.b", NULL), "learners/amy.b/index");
	CHECK_STR(path(URL_PORTFOLIO, "amy.b", "ocr-354"), "learners/amy.b/ocr-354");
	CHECK_STR(path(URL_UNIT, "ocr-354", NULL), "units/ocr-354");
	CHECK_STR(path(URL_SHEET, "ocr-354", NULL), "sheets/ocr-354");
	/* The list of units lies beside their folder, so no unit's id
	 * (not even `index`) can name it. */
	CHECK_STR(path(URL_UNITS, NULL, NULL), "units");
	CHECK(v.kind == VALUE_STRING);
	CHECK_STR(v.u.s, "learners/amy.b/ocr-354");
	arena_free(&a);
}

/* The longest ids there can be fit whole. */
static void the_longest_ids_fit(void)
{
	char id[IDENT_MAX + 1], want[URL_SIZE];

	memset(id, 'x', IDENT_MAX);
	id[IDENT_MAX] = '\0';
	snprintf(want, sizeof(want), "learners/%s/%s", id, id);
	CHECK_STR(path(URL_PORTFOLIO, id, id), want);
}

/* A page split into parts: the first where the page is, the others in a
 * folder of its name, so no id can name another's part; the longest ids
 * and the largest part fit whole. */
static void parts_lie_in_a_folder_of_the_page(void)
{
	struct arena a = ARENA_INIT;
	char out[URL_SIZE], id[IDENT_MAX + 1], want[URL_SIZE];
	struct value v = url_part_value(&a, URL_REQUIREMENT, "ocr-354", "4a", 3);
	size_t n;

	CHECK_INT(url_part_path(out, URL_CRITERION, "ocr-354", "1.2", 1),
		  strlen("units/ocr-354/1.2"));
	CHECK_STR(out, "units/ocr-354/1.2");
	url_part_path(out, URL_CRITERION, "ocr-354", "1.2", 2);
	CHECK_STR(out, "units/ocr-354/1.2/2");
	CHECK_STR(v.u.s, "units/ocr-354/requirement-4a/3");
	memset(id, 'x', IDENT_MAX);
	id[IDENT_MAX] = '\0';
	n = url_part_path(out, URL_REQUIREMENT, id, id, SIZE_MAX);
	snprintf(want, sizeof(want), "units/%s/requirement-%s/%zu", id, id,
		 (size_t)SIZE_MAX);
	CHECK_STR(out, want);
	CHECK_INT(n, strlen(want));
	arena_free(&a);
}

/* Every page but the index lies in a folder the writer makes first. */
static void pages_lie_in_the_folders(void)
{
	static const enum url_page pages[] = {
		URL_LEARNER, URL_PORTFOLIO, URL_UNIT, URL_SHEET,
	};

	for (size_t i = 0; i < sizeof(pages) / sizeof(*pages); i++) {
		const char *p = path(pages[i], "a", "b");
		bool found = false;

		for (size_t f = 0; f < sizeof(url_folders) / sizeof(*url_folders); f++) {
			size_t n = strlen(url_folders[f]);

			found |= strncmp(p, url_folders[f], n) == 0 && p[n] == '/';
		}
		CHECK(found);
	}
}

int main(void)
{
	RUN(each_page_has_its_place);
	RUN(the_longest_ids_fit);
	RUN(pages_lie_in_the_folders);
	RUN(parts_lie_in_a_folder_of_the_page);
	return check_summary();
}
