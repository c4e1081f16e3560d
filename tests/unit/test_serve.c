/*
 * test_serve.c - which errors of a build are new to the site in service
 * (serve_new_errors, src/write/serve.c): what holds a rebuild back in
 * `folio serve`.  The server itself is tested from the outside, by
 * tests/cli/serve-live.
 */
#include "check.h"
#include "base/diag.h"
#include "write/serve.h"

/* A centre with errors all along: the same errors are no news, wherever
 * their lines moved and whatever numbers their messages carry. */
static void test_same_errors_are_not_new(void)
{
	struct diag_list served = DIAG_LIST_INIT, now = DIAG_LIST_INIT,
			 fresh = DIAG_LIST_INIT;

	diag_error(&served, "signoffs.csv", 12, 0, "khan-a ocr-c3: the digest "
		   "is now sha256:7a1812d5: sign it again");
	diag_error(&served, "evidence/a.csv", 3, 1, "`date`: `2026-13-01` is "
		   "not a date");
	diag_warning(&served, "units/u.md", 4, 1, "unknown key `colour`");
	diag_error(&now, "evidence/a.csv", 9, 1, "`date`: `2026-14-02` is not "
		   "a date");
	diag_error(&now, "signoffs.csv", 12, 0, "khan-a ocr-c3: the digest "
		   "is now sha256:99ab01ff: sign it again");
	diag_warning(&now, "units/u.md", 4, 1, "another warning: never new");
	CHECK_INT(serve_new_errors(&served, &now, &fresh), 0);
	CHECK_INT(fresh.count, 0);
	diag_list_free(&served);
	diag_list_free(&now);
	diag_list_free(&fresh);
}

/* One more of a kind in a file is new, as is one in another file or of
 * another kind; they are handed back as they are. */
static void test_new_errors_are_counted(void)
{
	struct diag_list served = DIAG_LIST_INIT, now = DIAG_LIST_INIT,
			 fresh = DIAG_LIST_INIT;

	diag_error(&served, "evidence/a.csv", 3, 1, "`date`: `2026-13-01` is "
		   "not a date");
	diag_error(&now, "evidence/a.csv", 3, 1, "`date`: `2026-13-01` is "
		   "not a date");
	diag_error(&now, "evidence/a.csv", 4, 1, "`date`: `2026-13-02` is "
		   "not a date");
	diag_error(&now, "evidence/b.csv", 3, 1, "`date`: `2026-13-01` is "
		   "not a date");
	diag_error(&now, "evidence/a.csv", 5, 1, "unknown learner `amy`");
	CHECK_INT(serve_new_errors(&served, &now, &fresh), 3);
	CHECK_INT(fresh.count, 3);
	CHECK_INT(fresh.items[0].line, 4);
	CHECK_STR(fresh.items[1].file, "evidence/b.csv");
	CHECK_STR(fresh.items[2].message, "unknown learner `amy`");
	diag_list_free(&served);
	diag_list_free(&now);
	diag_list_free(&fresh);
}

/* A clean site in service: every error of the build is new. */
static void test_clean_site(void)
{
	struct diag_list served = DIAG_LIST_INIT, now = DIAG_LIST_INIT,
			 fresh = DIAG_LIST_INIT;

	diag_warning(&served, "units/u.md", 4, 1, "unknown key `colour`");
	diag_error(&now, "units/u.md", 4, 1, "unknown key `colour`");
	CHECK_INT(serve_new_errors(&served, &now, &fresh), 1);
	CHECK_INT(serve_new_errors(&served, &served, &fresh), 0);
	CHECK_INT(fresh.count, 1);
	diag_list_free(&served);
	diag_list_free(&now);
	diag_list_free(&fresh);
}

int main(void)
{
	RUN(test_same_errors_are_not_new);
	RUN(test_new_errors_are_counted);
	RUN(test_clean_site);
	return check_summary();
}
