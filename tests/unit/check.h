/*
 * check.h - the unit-test harness: a handful of assertion macros, and
 * check_write_file() for the tests that work on disk.
 *
 * Each tests/unit/test_*.c is one program: its main() calls RUN() for each
 * test function and returns check_summary().  A failed assertion reports
 * FILE:LINE and both values, marks the test failed and carries on, so one
 * run shows every failing assertion.  The last line a program prints,
 * "#summary PASSED FAILED", is what tests/run.sh adds up.
 */
#ifndef FOLIO_CHECK_H
#define FOLIO_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_test_failed;
static int check_passed;
static int check_failed;
static const char *check_current;

static void check_report(const char *file, int line, const char *what)
{
	if (!check_test_failed)
		printf("FAIL %s\n", check_current);
	printf("  %s:%d: %s\n", file, line, what);
	check_test_failed = 1;
}

#define CHECK(cond) do { \
	if (!(cond)) check_report(__FILE__, __LINE__, "CHECK(" #cond ")"); \
} while (0)

#define CHECK_INT(actual, expected) do { \
	long long a_ = (long long)(actual), e_ = (long long)(expected); \
	if (a_ != e_) { \
		char m_[256]; \
		snprintf(m_, sizeof m_, "%s is %lld, expected %lld", \
			 #actual, a_, e_); \
		check_report(__FILE__, __LINE__, m_); \
	} \
} while (0)

#define CHECK_STR(actual, expected) do { \
	const char *a_ = (actual), *e_ = (expected); \
	if (!a_ || !e_ ? a_ != e_ : strcmp(a_, e_) != 0) { \
		printf("%s", check_test_failed ? "" : "FAIL "); \
		if (!check_test_failed) printf("%s\n", check_current); \
		printf("  %s:%d: %s\n    got:      \"%s\"\n    expected: \"%s\"\n", \
		       __FILE__, __LINE__, #actual, a_ ? a_ : "(null)", \
		       e_ ? e_ : "(null)"); \
		check_test_failed = 1; \
	} \
} while (0)

#define RUN(test) do { \
	check_current = #test; \
	check_test_failed = 0; \
	test(); \
	if (check_test_failed) check_failed++; else check_passed++; \
} while (0)

/* A small file written whole, for the tests that work on disk; a file
 * that cannot be made fails the test. */
static inline void check_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int check_summary(void)
{
	printf("#summary %d %d\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
